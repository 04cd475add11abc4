//! Header parameter names registered by the JOSE specifications.

/// The JWS header parameters of RFC 7515 §4.1 (`b64`, RFC 7797, is an extension and meant to
/// be listed in `crit`, so it is not here).
pub const JWS_REGISTERED: &[&str] = &[
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
];

/// The JWE header parameters of RFC 7516 §4.1 and RFC 7518 §4.6–§4.8.
pub const JWE_REGISTERED: &[&str] = &[
    "alg", "enc", "zip", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty",
    "crit", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c",
];

/// Whether `name` is registered by JWS or JWE.
pub fn is_registered(name: &str) -> bool {
    JWS_REGISTERED.contains(&name) || JWE_REGISTERED.contains(&name)
}
