//! The one error type of the tool, and how each error maps to an exit status and a line on
//! standard error.

use std::fmt;
use std::process::ExitCode;

use jose_b64::{ErrorCode, codes};

/// The code of an error in the arguments (or in their combination).
pub const USAGE: &str = codes::CLI_USAGE;
/// The code of an error reading or writing a file or a standard stream.
pub const IO: &str = codes::CLI_IO;
/// The code of a token that is not a token before any library reads it: not UTF-8 text, or
/// given with an HTTP authorization scheme (`Bearer eyJ…`).
pub const TOKEN_MALFORMED: &str = codes::CLI_TOKEN_MALFORMED;

/// Why a command failed.
#[derive(Debug)]
pub enum CliError {
    /// The library refused the input: a token that does not verify or decrypt, a key that
    /// is invalid or does not fit the algorithm, a malformed serialization. Exit status 1.
    Rejected {
        /// The library's stable error code (`ERR_JWS_SIGNATURE_VERIFICATION_FAILED`, …).
        code: &'static str,
        /// The library's message.
        message: String,
    },
    /// The arguments are wrong or do not fit together. Exit status 2.
    Usage(String),
    /// A file or a standard stream could not be read or written. Exit status 2.
    Io {
        /// What was being read or written (`"reading key.jwk"`).
        what: String,
        /// The operating system's error.
        source: std::io::Error,
    },
}

impl CliError {
    /// A usage error.
    pub fn usage(message: impl Into<String>) -> Self {
        Self::Usage(message.into())
    }

    /// A rejected input with the CLI's own `code`.
    pub fn rejected(code: &'static str, message: impl Into<String>) -> Self {
        Self::Rejected {
            code,
            message: message.into(),
        }
    }

    /// This error, its message preceded by the input it came from (`--key k.jwk`), so that
    /// an error about one of several inputs says which.
    pub fn about(self, input: &str) -> Self {
        match self {
            Self::Rejected { code, message } => Self::Rejected {
                code,
                message: format!("{input}: {message}"),
            },
            Self::Usage(message) => Self::Usage(format!("{input}: {message}")),
            io @ Self::Io { .. } => io,
        }
    }

    /// An I/O error while doing `what`.
    pub fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> Self {
        move |source| Self::Io {
            what: what.into(),
            source,
        }
    }

    /// The stable code printed between the brackets: [`ErrorCode::code`].
    pub fn code(&self) -> &'static str {
        ErrorCode::code(self)
    }

    /// The exit status: 1 for a rejection, 2 for usage and I/O errors.
    pub fn exit_status(&self) -> u8 {
        match self {
            Self::Rejected { .. } => 1,
            Self::Usage(_) | Self::Io { .. } => 2,
        }
    }

    /// The exit code of [`Self::exit_status`].
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.exit_status())
    }

    /// The single line written to standard error: `error[CODE]: message`.
    pub fn line(&self) -> String {
        one_line(&format!("error[{}]: {self}", self.code()))
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Rejected { message, .. } => f.write_str(message),
            Self::Usage(message) => f.write_str(message),
            Self::Io { what, source } => write!(f, "{what}: {source}"),
        }
    }
}

impl std::error::Error for CliError {}

/// The library's code for a rejection, the CLI's own for the rest: all of `jose_b64::codes`.
impl ErrorCode for CliError {
    fn code(&self) -> &'static str {
        match self {
            Self::Rejected { code, .. } => code,
            Self::Usage(_) => USAGE,
            Self::Io { .. } => IO,
        }
    }
}

/// A library error (any that implements [`ErrorCode`]) as a rejection carrying its code and
/// message.
fn rejection(error: &(impl std::error::Error + ErrorCode)) -> CliError {
    CliError::Rejected {
        code: error.code(),
        message: error.to_string(),
    }
}

/// A library error becomes a rejection carrying its code and message.
macro_rules! rejected_from {
    ($($error:ty),+) => {$(
        impl From<$error> for CliError {
            fn from(error: $error) -> Self {
                rejection(&error)
            }
        }
    )+};
}

rejected_from!(
    jose_b64::Error,
    jose_jwk::Error,
    jose_jws::Error,
    jose_jwe::Error
);

/// A JWT error is a rejection carrying its code and message, except a configuration error,
/// which comes from the arguments (a leeway above the maximum, a claim of the wrong type in
/// `--claims`, a time claim given twice): a usage error.
impl From<jose_jwt::Error> for CliError {
    fn from(error: jose_jwt::Error) -> Self {
        match error {
            jose_jwt::Error::Configuration { .. } => Self::Usage(error.to_string()),
            error => rejection(&error),
        }
    }
}

/// Control characters (a newline in a message would break the one-line format) become
/// spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_status_and_line_by_kind() {
        let rejected = CliError::from(jose_jws::Error::InvalidSignature);
        assert_eq!(rejected.exit_status(), 1);
        assert_eq!(
            rejected.line(),
            "error[ERR_JWS_SIGNATURE_VERIFICATION_FAILED]: signature verification failed"
        );
        let usage = CliError::usage("two\nlines");
        assert_eq!(usage.exit_status(), 2);
        assert_eq!(usage.line(), "error[ERR_CLI_USAGE]: two lines");
        let io = CliError::io("reading k.jwk")(std::io::Error::other("gone"));
        assert_eq!(io.exit_status(), 2);
        assert_eq!(io.line(), "error[ERR_CLI_IO]: reading k.jwk: gone");
        let named = CliError::from(jose_jwk::Error::NotPrivate).about("--key k.jwk");
        assert!(named.to_string().starts_with("--key k.jwk: "), "{named}");
        assert_eq!(named.exit_status(), 1);
    }

    #[test]
    fn library_errors_keep_their_codes() {
        let e = CliError::from(jose_jwe::Error::DecryptionFailed);
        assert_eq!(e.code(), "ERR_JWE_DECRYPTION_FAILED");
        let e = CliError::from(jose_jwk::Error::NotPrivate);
        assert_eq!(e.code(), "ERR_JWK_WRONG_KIND");
        let e = CliError::from(jose_b64::base64url::decode("A").unwrap_err());
        assert_eq!(e.code(), "ERR_BASE64URL_INVALID");
    }
}
