//! Stable error codes, shared by every crate of jose-rs.
//!
//! Every error type of jose-rs (this crate's [`Error`](crate::Error), and those of jose-jwk,
//! jose-jws, jose-jwe, jose-jwt, jose-jwks, jose-oauth) implements [`ErrorCode`], and every code it returns is one of
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

    /// A JWK Set or discovery URL that is not https (and plain http was not allowed).
    pub const JWKS_INSECURE_URL: &str = "ERR_JWKS_INSECURE_URL";
    /// The JWK Set could not be fetched (transport error, HTTP status, body too large).
    pub const JWKS_FETCH_FAILED: &str = "ERR_JWKS_FETCH_FAILED";
    /// Fetching the JWK Set took longer than its timeout.
    pub const JWKS_TIMEOUT: &str = "ERR_JWKS_TIMEOUT";
    /// The issuer's discovery document could not be fetched or read.
    pub const JWKS_DISCOVERY_FAILED: &str = "ERR_JWKS_DISCOVERY_FAILED";
    /// The discovery document names another issuer than the one configured.
    pub const JWKS_ISSUER_MISMATCH: &str = "ERR_JWKS_ISSUER_MISMATCH";
    /// A token's `iss` is not one of the configured issuers.
    pub const JWKS_UNKNOWN_ISSUER: &str = "ERR_JWKS_UNKNOWN_ISSUER";
    /// A token of another type (`typ`) than the profile expects.
    pub const OAUTH_TOKEN_TYPE: &str = "ERR_OAUTH_TOKEN_TYPE";
    /// A claim the profile requires is missing or malformed.
    pub const OAUTH_INVALID_CLAIM: &str = "ERR_OAUTH_INVALID_CLAIM";
    /// The token lacks a required scope.
    pub const OAUTH_INSUFFICIENT_SCOPE: &str = "ERR_OAUTH_INSUFFICIENT_SCOPE";
    /// A `jti` already seen (a replayed proof or one-time token).
    pub const OAUTH_REPLAYED: &str = "ERR_OAUTH_REPLAYED";
    /// The replay store is full of unexpired entries (the token is refused).
    pub const OAUTH_REPLAY_STORE_FULL: &str = "ERR_OAUTH_REPLAY_STORE_FULL";
    /// The replay store could not be reached (the token is refused).
    pub const OAUTH_REPLAY_STORE_UNAVAILABLE: &str = "ERR_OAUTH_REPLAY_STORE_UNAVAILABLE";
    /// The token's `jti` is on the deny-list.
    pub const OAUTH_TOKEN_REVOKED: &str = "ERR_OAUTH_TOKEN_REVOKED";
    /// An ID token's `nonce` is not the one sent.
    pub const OIDC_NONCE_MISMATCH: &str = "ERR_OIDC_NONCE_MISMATCH";
    /// An ID token's `azp` is missing where required or not the client.
    pub const OIDC_AZP_INVALID: &str = "ERR_OIDC_AZP_INVALID";
    /// An ID token's `auth_time` is older than `max_age` allows.
    pub const OIDC_AUTH_TIME_TOO_OLD: &str = "ERR_OIDC_AUTH_TIME_TOO_OLD";
    /// An ID token's `acr` is not among the accepted values.
    pub const OIDC_ACR_NOT_ACCEPTED: &str = "ERR_OIDC_ACR_NOT_ACCEPTED";
    /// An `at_hash` or `c_hash` does not match.
    pub const OIDC_TOKEN_HASH_MISMATCH: &str = "ERR_OIDC_TOKEN_HASH_MISMATCH";
    /// No token hash is defined for the ID token's algorithm.
    pub const OIDC_TOKEN_HASH_ALG_UNSUPPORTED: &str = "ERR_OIDC_TOKEN_HASH_ALG_UNSUPPORTED";
    /// A logout token's `events` lacks the back-channel logout event.
    pub const OIDC_LOGOUT_EVENT_INVALID: &str = "ERR_OIDC_LOGOUT_EVENT_INVALID";
    /// A malformed DPoP proof (RFC 9449 §4.3).
    pub const DPOP_INVALID_PROOF: &str = "ERR_DPOP_INVALID_PROOF";
    /// A DPoP proof signed with an algorithm not allowed (never a symmetric one).
    pub const DPOP_ALG_NOT_ALLOWED: &str = "ERR_DPOP_ALG_NOT_ALLOWED";
    /// A DPoP proof's `jwk` is not a public key fitting its `alg`.
    pub const DPOP_KEY_INVALID: &str = "ERR_DPOP_KEY_INVALID";
    /// A DPoP proof's `htm` is not the request's method.
    pub const DPOP_HTM_MISMATCH: &str = "ERR_DPOP_HTM_MISMATCH";
    /// A DPoP proof's `htu` is not the request's URI.
    pub const DPOP_HTU_MISMATCH: &str = "ERR_DPOP_HTU_MISMATCH";
    /// A DPoP proof's `iat` is outside the accepted window.
    pub const DPOP_IAT_OUT_OF_WINDOW: &str = "ERR_DPOP_IAT_OUT_OF_WINDOW";
    /// A DPoP proof's `ath` is missing or not the access token's hash.
    pub const DPOP_ATH_MISMATCH: &str = "ERR_DPOP_ATH_MISMATCH";
    /// The access token is bound (`cnf.jkt`) to another key than the proof's.
    pub const DPOP_KEY_BINDING_MISMATCH: &str = "ERR_DPOP_KEY_BINDING_MISMATCH";
    /// The server requires a (fresh) DPoP nonce (`use_dpop_nonce`, RFC 9449 §8).
    pub const DPOP_USE_NONCE: &str = "ERR_DPOP_USE_NONCE";
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
        JWKS_INSECURE_URL,
        JWKS_FETCH_FAILED,
        JWKS_TIMEOUT,
        JWKS_DISCOVERY_FAILED,
        JWKS_ISSUER_MISMATCH,
        JWKS_UNKNOWN_ISSUER,
        OAUTH_TOKEN_TYPE,
        OAUTH_INVALID_CLAIM,
        OAUTH_INSUFFICIENT_SCOPE,
        OAUTH_REPLAYED,
        OAUTH_REPLAY_STORE_FULL,
        OAUTH_REPLAY_STORE_UNAVAILABLE,
        OAUTH_TOKEN_REVOKED,
        OIDC_NONCE_MISMATCH,
        OIDC_AZP_INVALID,
        OIDC_AUTH_TIME_TOO_OLD,
        OIDC_ACR_NOT_ACCEPTED,
        OIDC_TOKEN_HASH_MISMATCH,
        OIDC_TOKEN_HASH_ALG_UNSUPPORTED,
        OIDC_LOGOUT_EVENT_INVALID,
        DPOP_INVALID_PROOF,
        DPOP_ALG_NOT_ALLOWED,
        DPOP_KEY_INVALID,
        DPOP_HTM_MISMATCH,
        DPOP_HTU_MISMATCH,
        DPOP_IAT_OUT_OF_WINDOW,
        DPOP_ATH_MISMATCH,
        DPOP_KEY_BINDING_MISMATCH,
        DPOP_USE_NONCE,
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
