//! The one error type of this crate.

use core::fmt;

use crate::{ErrorCode, codes};

/// What is wrong with a base64url string (RFC 7515 §2: unpadded, URL-safe alphabet, no
/// whitespace or other characters, canonical trailing bits).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Base64UrlProblem {
    /// A character outside `A–Z a–z 0–9 - _` at this byte offset.
    InvalidCharacter {
        /// Byte offset of the first offending character.
        offset: usize,
    },
    /// `=` padding, which RFC 7515 §2 forbids.
    Padding,
    /// A length that no byte string encodes to (`len % 4 == 1`).
    InvalidLength {
        /// The length of the input in characters.
        len: usize,
    },
    /// Non-zero unused bits in the last character (a second spelling of the same bytes).
    NonCanonical,
    /// Valid base64url, but of a length other than the one the field requires.
    UnexpectedLength {
        /// The number of bytes the field requires.
        expected: usize,
        /// The number of bytes the input encodes.
        actual: usize,
    },
}

impl fmt::Display for Base64UrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidCharacter { offset } => write!(
                f,
                "character at offset {offset} is outside the base64url alphabet (A-Z a-z 0-9 - _)"
            ),
            Self::Padding => f.write_str("'=' padding is not allowed (RFC 7515 §2)"),
            Self::InvalidLength { len } => {
                write!(f, "length {len} is not a valid unpadded base64url length")
            }
            Self::NonCanonical => {
                f.write_str("the last character has non-zero unused bits (non-canonical encoding)")
            }
            Self::UnexpectedLength { expected, actual } => {
                write!(
                    f,
                    "decodes to {actual} bytes where exactly {expected} are required"
                )
            }
        }
    }
}

/// The kind of a JSON value, for error messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonKind {
    /// `null`
    Null,
    /// `true` or `false`
    Bool,
    /// a number
    Number,
    /// a string
    String,
    /// an array
    Array,
    /// an object
    Object,
}

impl fmt::Display for JsonKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Null => "null",
            Self::Bool => "a boolean",
            Self::Number => "a number",
            Self::String => "a string",
            Self::Array => "an array",
            Self::Object => "an object",
        })
    }
}

/// Everything that can go wrong while decoding base64url or strict JSON.
///
/// Messages say what failed and why; they never contain decoded or secret bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The input is not strict base64url.
    Base64Url(Base64UrlProblem),
    /// Decoded bytes that must be text are not valid UTF-8.
    InvalidUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// The input is not well-formed JSON (or has trailing characters).
    JsonSyntax {
        /// What the JSON parser reported, with line and column.
        reason: String,
    },
    /// An object has the same member name twice (after unescaping); RFC 7515 §4, RFC 7517 §4,
    /// RFC 7519 §4 require rejecting it.
    DuplicateMember {
        /// The repeated name, shortened to 64 characters.
        name: String,
    },
    /// Arrays and objects are nested deeper than the limit.
    TooDeep {
        /// The configured maximum depth.
        max_depth: u32,
    },
    /// The input is longer than the limit.
    TooLarge {
        /// The configured maximum, in bytes.
        max_bytes: usize,
        /// The size of the input, in bytes.
        actual: usize,
    },
    /// A JSON object was required but the value is of another kind.
    NotAnObject {
        /// What was found instead.
        found: JsonKind,
    },
    /// Well-formed JSON whose content does not have the expected shape (a member of the wrong
    /// type, a missing member, …).
    JsonSchema {
        /// What the typed decoder reported.
        reason: String,
    },
}

impl Error {
    /// A stable, machine-readable code for this error, in the style of `ERR_JWS_INVALID`:
    /// [`ErrorCode::code`], callable without importing the trait.
    pub fn code(&self) -> &'static str {
        ErrorCode::code(self)
    }
}

impl ErrorCode for Error {
    fn code(&self) -> &'static str {
        match self {
            Self::Base64Url(_) => codes::BASE64URL_INVALID,
            Self::InvalidUtf8 { .. } => codes::UTF8_INVALID,
            Self::JsonSyntax { .. } => codes::JSON_SYNTAX,
            Self::DuplicateMember { .. } => codes::JSON_DUPLICATE_MEMBER,
            Self::TooDeep { .. } => codes::JSON_TOO_DEEP,
            Self::TooLarge { .. } => codes::JSON_TOO_LARGE,
            Self::NotAnObject { .. } => codes::JSON_NOT_OBJECT,
            Self::JsonSchema { .. } => codes::JSON_SCHEMA,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Base64Url(problem) => write!(f, "invalid base64url: {problem}"),
            Self::InvalidUtf8 { offset } => {
                write!(
                    f,
                    "invalid UTF-8 at byte {offset} (JOSE text must be UTF-8)"
                )
            }
            Self::JsonSyntax { reason } => write!(f, "malformed JSON: {reason}"),
            Self::DuplicateMember { name } => {
                write!(
                    f,
                    "duplicate JSON member name \"{name}\" (member names must be unique)"
                )
            }
            Self::TooDeep { max_depth } => {
                write!(f, "JSON nested deeper than the limit of {max_depth} levels")
            }
            Self::TooLarge { max_bytes, actual } => {
                write!(
                    f,
                    "JSON input of {actual} bytes exceeds the limit of {max_bytes} bytes"
                )
            }
            Self::NotAnObject { found } => write!(f, "expected a JSON object, found {found}"),
            Self::JsonSchema { reason } => write!(f, "unexpected JSON content: {reason}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<Base64UrlProblem> for Error {
    fn from(problem: Base64UrlProblem) -> Self {
        Self::Base64Url(problem)
    }
}
