//! What a JWK must satisfy to be imported, beyond being well formed.

/// Import policy: key-strength limits applied whenever a key is read (JSON, PEM, DER) or
/// converted from a RustCrypto key.
///
/// The defaults follow RFC 7518 §3.3/§4.2 and RFC 8725 §3.5: RSA moduli of 2048
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

impl KeyPolicy {
    /// The largest modulus any policy accepts: the `rsa` crate's limit.
    pub const MAX_RSA_BITS: usize = 8192;

    /// Checks an RSA modulus of `bits` bits against the policy.
    pub(crate) fn check_rsa_bits(&self, bits: usize) -> Result<(), crate::Error> {
        if bits < self.min_rsa_bits {
            return Err(crate::Error::WeakKey {
                reason: format!(
                    "RSA modulus of {bits} bits is below the minimum of {} bits",
                    self.min_rsa_bits
                ),
            });
        }
        let max = self.max_rsa_bits.min(Self::MAX_RSA_BITS);
        if bits > max {
            return Err(crate::Error::WeakKey {
                reason: format!("RSA modulus of {bits} bits is above the maximum of {max} bits"),
            });
        }
        Ok(())
    }
}

/// The number of significant bits of a big-endian unsigned integer.
pub(crate) fn bit_length(bytes: &[u8]) -> usize {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    match bytes.get(start..) {
        Some([top, rest @ ..]) => rest.len() * 8 + (8 - top.leading_zeros() as usize),
        _ => 0,
    }
}

impl Default for KeyPolicy {
    fn default() -> Self {
        Self::DEFAULT
    }
}
