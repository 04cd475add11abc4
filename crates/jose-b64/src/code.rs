//! Stable error codes, shared by every crate of jose-rs.
//!
//! Every error type of jose-rs (this crate's [`Error`](crate::Error), and those of jose-jwk,
//! jose-jws, jose-jwe, jose-jwt) implements [`ErrorCode`], and every code it returns is one of
//! the constants of [`codes`]: one list, so that one failure has one code whichever crate
//! reports it, and an application reports errors of every layer with one function.
//!
//! ```
//! use jose_b64::ErrorCode;
//!
//! /// `CODE: message`, for an error of any jose-rs crate.
//! fn report(e: &(impl std::error::Error + ErrorCode)) -> String {
//!     format!("{}: {e}", e.code())
//! }
//!
//! let e = jose_b64::base64url::decode("A").unwrap_err();
//! assert_eq!(report(&e), "ERR_BASE64URL_INVALID: invalid base64url: length 1 is not a valid unpadded base64url length");
//! assert!(jose_b64::codes::ALL.contains(&e.code()));
//! ```

/// An error with a stable, machine-readable code (`ERR_JWS_INVALID`, …), in the style of
/// Node's `jose`.
///
/// Codes are part of the API: a code, once given to a failure, stays. Every value is one of
/// the constants of [`codes`] (listed in [`codes::ALL`]). An error that wraps the error of a
/// lower layer may give the inner error's code when it is the more specific one (a JWS key
/// error gives the JWK error's code).
pub trait ErrorCode {
    /// The stable code of this error: one of [`codes::ALL`].
    fn code(&self) -> &'static str;
}

impl<T: ErrorCode + ?Sized> ErrorCode for &T {
    fn code(&self) -> &'static str {
        (**self).code()
    }
}

impl<T: ErrorCode + ?Sized> ErrorCode for Box<T> {
    fn code(&self) -> &'static str {
        (**self).code()
    }
}

/// Every error code of jose-rs, as constants: the one list.
pub mod codes {
    /// Not strict base64url (RFC 7515 §2).
    pub const BASE64URL_INVALID: &str = "ERR_BASE64URL_INVALID";
    /// Text that must be UTF-8 is not.
    pub const UTF8_INVALID: &str = "ERR_UTF8_INVALID";
    /// Malformed JSON.
    pub const JSON_SYNTAX: &str = "ERR_JSON_SYNTAX";
    /// A JSON object with a member name twice.
    pub const JSON_DUPLICATE_MEMBER: &str = "ERR_JSON_DUPLICATE_MEMBER";
    /// JSON nested deeper than the limit.
    pub const JSON_TOO_DEEP: &str = "ERR_JSON_TOO_DEEP";
    /// JSON longer than the limit.
    pub const JSON_TOO_LARGE: &str = "ERR_JSON_TOO_LARGE";
    /// A JSON value that is not the object required.
    pub const JSON_NOT_OBJECT: &str = "ERR_JSON_NOT_OBJECT";
    /// Well-formed JSON of the wrong shape.
    pub const JSON_SCHEMA: &str = "ERR_JSON_SCHEMA";

    /// A JWK member is missing, mistyped, invalid or out of place (RFC 7517 §4).
    pub const JWK_INVALID: &str = "ERR_JWK_INVALID";
    /// A key type, curve, or operation this library does not support.
    pub const JWK_UNSUPPORTED: &str = "ERR_JWK_UNSUPPORTED";
    /// A cryptographically invalid key (a point off the curve, inconsistent RSA parameters).
    pub const JWK_INVALID_KEY: &str = "ERR_JWK_INVALID_KEY";
    /// A key weaker (or larger) than the policy allows.
    pub const JWK_WEAK_KEY: &str = "ERR_JWK_WEAK_KEY";
    /// `use` and `key_ops` contradict each other (RFC 7517 §4.3).
    pub const JWK_INCONSISTENT_USE: &str = "ERR_JWK_INCONSISTENT_USE";
    /// A public key where a private one is needed, or the reverse.
    pub const JWK_WRONG_KIND: &str = "ERR_JWK_WRONG_KIND";
    /// A JWK Set breaks a rule (a duplicate `kid`, mixed public and private keys).
    pub const JWKS_INVALID: &str = "ERR_JWKS_INVALID";
    /// A JWK Set with more keys than allowed.
    pub const JWKS_TOO_MANY_KEYS: &str = "ERR_JWKS_TOO_MANY_KEYS";
    /// Several keys match where one is needed.
    pub const JWKS_MULTIPLE_MATCHING_KEYS: &str = "ERR_JWKS_MULTIPLE_MATCHING_KEYS";
    /// No key matches.
    pub const JWKS_NO_MATCHING_KEY: &str = "ERR_JWKS_NO_MATCHING_KEY";
    /// PEM or DER that cannot be read, or a key that cannot be encoded.
    pub const KEY_ENCODING: &str = "ERR_KEY_ENCODING";
    /// A key that does not fit the algorithm: its type, curve or size, its JWK `alg`, `use`
    /// or `key_ops`, or the algorithm it is bound to.
    pub const KEY_ALG_MISMATCH: &str = "ERR_KEY_ALG_MISMATCH";
    /// The operating system's random number generator failed.
    pub const RNG: &str = "ERR_RNG";

    /// An algorithm that is not accepted: not a registered name, `none`, or not in the
    /// caller's allow-list.
    pub const JOSE_ALG_NOT_ALLOWED: &str = "ERR_JOSE_ALG_NOT_ALLOWED";
    /// A configuration value that is not acceptable (an empty allow-list, a leeway too long).
    pub const JOSE_CONFIGURATION: &str = "ERR_JOSE_CONFIGURATION";
    /// A JOSE header parameter breaks a rule shared by JWS and JWE.
    pub const JOSE_HEADER_INVALID: &str = "ERR_JOSE_HEADER_INVALID";
    /// A raw key (a CEK, a key-wrapping key) of the wrong length for the algorithm.
    pub const JOSE_KEY_INVALID: &str = "ERR_JOSE_KEY_INVALID";
    /// Something this build does not support (a `zip` value, a feature-gated algorithm).
    pub const JOSE_NOT_SUPPORTED: &str = "ERR_JOSE_NOT_SUPPORTED";

    /// A malformed or oversized JWS (RFC 7515).
    pub const JWS_INVALID: &str = "ERR_JWS_INVALID";
    /// A signature that does not verify, or a JWS JSON policy not satisfied.
    pub const JWS_SIGNATURE_VERIFICATION_FAILED: &str = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
    /// Signing failed.
    pub const JWS_SIGNING_FAILED: &str = "ERR_JWS_SIGNING_FAILED";

    /// A malformed or oversized JWE, or an input to encryption that is not acceptable
    /// (RFC 7516).
    pub const JWE_INVALID: &str = "ERR_JWE_INVALID";
    /// Decryption or key unwrapping failed (deliberately without detail).
    pub const JWE_DECRYPTION_FAILED: &str = "ERR_JWE_DECRYPTION_FAILED";
    /// A `"zip":"DEF"` plaintext that does not inflate within the limit.
    pub const JWE_DECOMPRESSION_FAILED: &str = "ERR_JWE_DECOMPRESSION_FAILED";

    /// Not a well-formed JWT (RFC 7519 §7.2).
    pub const JWT_INVALID: &str = "ERR_JWT_INVALID";
    /// An expired JWT (`exp`).
    pub const JWT_EXPIRED: &str = "ERR_JWT_EXPIRED";
    /// A claim (or `typ`) that does not meet the validation's rules.
    pub const JWT_CLAIM_VALIDATION_FAILED: &str = "ERR_JWT_CLAIM_VALIDATION_FAILED";

    /// The `jose` tool: an error in the arguments.
    pub const CLI_USAGE: &str = "ERR_CLI_USAGE";
    /// The `jose` tool: a file or standard stream that cannot be read or written.
    pub const CLI_IO: &str = "ERR_CLI_IO";
    /// The `jose` tool: a token that is not a token before any library reads it.
    pub const CLI_TOKEN_MALFORMED: &str = "ERR_CLI_TOKEN_MALFORMED";

    /// Every code above, once.
    pub const ALL: &[&str] = &[
        BASE64URL_INVALID,
        UTF8_INVALID,
        JSON_SYNTAX,
        JSON_DUPLICATE_MEMBER,
        JSON_TOO_DEEP,
        JSON_TOO_LARGE,
        JSON_NOT_OBJECT,
        JSON_SCHEMA,
        JWK_INVALID,
        JWK_UNSUPPORTED,
        JWK_INVALID_KEY,
        JWK_WEAK_KEY,
        JWK_INCONSISTENT_USE,
        JWK_WRONG_KIND,
        JWKS_INVALID,
        JWKS_TOO_MANY_KEYS,
        JWKS_MULTIPLE_MATCHING_KEYS,
        JWKS_NO_MATCHING_KEY,
        KEY_ENCODING,
        KEY_ALG_MISMATCH,
        RNG,
        JOSE_ALG_NOT_ALLOWED,
        JOSE_CONFIGURATION,
        JOSE_HEADER_INVALID,
        JOSE_KEY_INVALID,
        JOSE_NOT_SUPPORTED,
        JWS_INVALID,
        JWS_SIGNATURE_VERIFICATION_FAILED,
        JWS_SIGNING_FAILED,
        JWE_INVALID,
        JWE_DECRYPTION_FAILED,
        JWE_DECOMPRESSION_FAILED,
        JWT_INVALID,
        JWT_EXPIRED,
        JWT_CLAIM_VALIDATION_FAILED,
        CLI_USAGE,
        CLI_IO,
        CLI_TOKEN_MALFORMED,
    ];
}

#[cfg(test)]
mod tests {
    use super::codes::ALL;

    #[test]
    fn the_list_has_each_code_once_in_one_style() {
        for (i, code) in ALL.iter().enumerate() {
            assert!(code.starts_with("ERR_"), "{code}");
            assert!(
                code.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'),
                "{code}"
            );
            assert!(!ALL[..i].contains(code), "{code} twice");
        }
    }
}
