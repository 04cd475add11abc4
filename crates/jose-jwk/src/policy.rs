//! What a JWK must satisfy to be imported, beyond being well formed.

/// Import policy: key-strength limits applied whenever a key is read (JSON, PEM, DER) or
/// converted from a RustCrypto key.
///
/// The defaults follow RFC 7518 §3.3/§4.2 and the JOSE security catalogue: RSA moduli of 2048
/// to 4096 bits with the public exponent 65537.
///
/// ```
/// use jose_jwk::KeyPolicy;
///
/// let legacy = KeyPolicy { max_rsa_bits: 8192, ..KeyPolicy::default() };
/// assert_eq!(legacy.min_rsa_bits, 2048);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyPolicy {
    /// The smallest RSA modulus accepted, in bits (default 2048; lowering it is unsafe).
    pub min_rsa_bits: usize,
    /// The largest RSA modulus accepted, in bits (default 4096, at most 8192): large moduli
    /// make every operation slow, a denial-of-service lever for attacker-supplied keys.
    pub max_rsa_bits: usize,
    /// Accept an RSA public exponent other than 65537 (odd, from 3 to 2^33 − 1).
    pub allow_any_rsa_exponent: bool,
}

impl KeyPolicy {
    /// The default policy.
    pub const DEFAULT: Self = Self {
        min_rsa_bits: 2048,
        max_rsa_bits: 4096,
        allow_any_rsa_exponent: false,
    };
}

impl Default for KeyPolicy {
    fn default() -> Self {
        Self::DEFAULT
    }
}
