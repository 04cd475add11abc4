//! RSA keys, `kty` `RSA` (RFC 7518 §6.3).
//!
//! **RUSTSEC-2023-0071 (Marvin).** The `rsa` crate's private-key operations (signing with
//! RS*/PS*, RSA-OAEP and RSA1_5 decryption) are not constant time and no patched release
//! exists; public-key operations (verification, encryption) are not affected. Prefer EC or OKP
//! keys where private-key operations run on attacker-reachable paths.

use jose_b64::SecretBytes;
use jose_b64::serde_json::{Map, Value};
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::{BoxedUint, PrivateKey as RsaPrivateKey, PublicKey as RsaPublicKey};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::members::{Members, put_bytes, put_secret};
use crate::policy::bit_length;
use crate::{Error, KeyPolicy};

const KTY: &str = "RSA";

/// An RSA public key, with its private parameters when it is a private key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RsaKey {
    n: Vec<u8>,
    e: Vec<u8>,
    private: Option<RsaPrivateParams>,
}

/// The private parameters of an RSA key (RFC 7518 §6.3.2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RsaPrivateParams {
    d: SecretBytes,
    crt: Option<Crt>,
}

/// The two primes and the CRT values (RFC 7518 §6.3.2.2–§6.3.2.6).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Crt {
    p: SecretBytes,
    q: SecretBytes,
    dp: SecretBytes,
    dq: SecretBytes,
    qi: SecretBytes,
}

const CRT_MEMBERS: [&str; 5] = ["p", "q", "dp", "dq", "qi"];

impl RsaKey {
    /// The modulus `n`, big-endian, minimal.
    pub fn n(&self) -> &[u8] {
        &self.n
    }

    /// The public exponent `e`, big-endian, minimal.
    pub fn e(&self) -> &[u8] {
        &self.e
    }

    /// The private parameters, for a private key.
    pub fn private(&self) -> Option<&RsaPrivateParams> {
        self.private.as_ref()
    }

    /// The size of the modulus in bits.
    pub fn modulus_bits(&self) -> usize {
        bit_length(&self.n)
    }

    /// The same key without its private parameters.
    pub fn to_public(&self) -> Self {
        Self {
            n: self.n.clone(),
            e: self.e.clone(),
            private: None,
        }
    }

    /// The `rsa` public key. The key was validated when the JWK was read.
    pub fn to_public_key(&self) -> Result<RsaPublicKey, Error> {
        let n = uint(&self.n, "n")?;
        let e = uint(&self.e, "e")?;
        let bits = self.modulus_bits();
        RsaPublicKey::new_with_size_limits(n, e, bits..=bits)
            .map_err(|e| Error::invalid_key(KTY, format!("the public key is unusable ({e})")))
    }

    /// The `rsa` private key, checked for consistency (n = p·q, d·e ≡ 1, and the CRT values
    /// when present).
    pub fn to_private_key(&self) -> Result<RsaPrivateKey, Error> {
        let private = self.private.as_ref().ok_or(Error::NotPrivate)?;
        let precision = precision(&self.n)?;
        let n = uint(&self.n, "n")?;
        let e = uint(&self.e, "e")?;
        let secret = |bytes: &SecretBytes| {
            BoxedUint::from_be_slice(bytes.expose_secret(), precision).map_err(|_| {
                Error::invalid_key(KTY, "a private parameter is larger than the modulus")
            })
        };
        let d = secret(&private.d)?;
        let primes = match &private.crt {
            Some(crt) => vec![secret(&crt.p)?, secret(&crt.q)?],
            None => Vec::new(),
        };
        let key = RsaPrivateKey::from_components(n, e, d, primes).map_err(|e| {
            Error::invalid_key(
                KTY,
                format!("the private parameters do not form a key with n and e ({e})"),
            )
        })?;
        if let Some(crt) = &private.crt {
            let checks = [
                (key.dp().map(|v| v.to_be_bytes()), &crt.dp, "dp"),
                (key.dq().map(|v| v.to_be_bytes()), &crt.dq, "dq"),
                (
                    key.crt_coefficient().map(|v| v.to_be_bytes()),
                    &crt.qi,
                    "qi",
                ),
            ];
            for (computed, given, name) in checks {
                let computed = Zeroizing::new(computed.unwrap_or_default());
                if !same_uint(&computed, given.expose_secret()) {
                    return Err(Error::invalid_key(
                        KTY,
                        format!("\"{name}\" does not match p, q and d"),
                    ));
                }
            }
        }
        Ok(key)
    }

    /// The JWK parameters of an `rsa` public key.
    pub fn from_public_key(key: &RsaPublicKey) -> Self {
        Self {
            n: key.n_bytes().into_vec(),
            e: key.e_bytes().into_vec(),
            private: None,
        }
    }

    /// The JWK parameters of an `rsa` private key, with its two primes and CRT values.
    pub fn from_private_key(key: &RsaPrivateKey) -> Result<Self, Error> {
        let secret = |value: &BoxedUint| {
            SecretBytes::new(trim(&Zeroizing::new(value.to_be_bytes())).to_vec())
        };
        let crt = match (key.primes(), key.dp(), key.dq(), key.crt_coefficient()) {
            ([p, q], Some(dp), Some(dq), Some(qi)) => Some(Crt {
                p: secret(p.as_ref()),
                q: secret(q.as_ref()),
                dp: secret(dp),
                dq: secret(dq),
                qi: secret(&qi),
            }),
            (primes, ..) if primes.len() > 2 => return Err(Error::MultiPrimeRsa),
            _ => None,
        };
        Ok(Self {
            n: key.n_bytes().into_vec(),
            e: key.e_bytes().into_vec(),
            private: Some(RsaPrivateParams {
                d: secret(key.d()),
                crt,
            }),
        })
    }

    pub(crate) fn read(members: &mut Members, policy: &KeyPolicy) -> Result<Self, Error> {
        if members.has("oth") {
            return Err(Error::MultiPrimeRsa);
        }
        let n = members.required_bytes("n")?;
        let e = members.required_bytes("e")?;
        let d = members.secret("d")?;
        let crt_present = members.count_present(&CRT_MEMBERS);
        let private = match d {
            None if crt_present > 0 => {
                return Err(Error::invalid(
                    "d",
                    "is required when any of p, q, dp, dq, qi is present",
                ));
            }
            None => None,
            Some(d) => {
                let crt = if crt_present == 0 {
                    None
                } else {
                    Some(Crt {
                        p: members.required_secret("p")?,
                        q: members.required_secret("q")?,
                        dp: members.required_secret("dp")?,
                        dq: members.required_secret("dq")?,
                        qi: members.required_secret("qi")?,
                    })
                };
                Some(RsaPrivateParams { d, crt })
            }
        };
        let key = Self { n, e, private };
        key.validate(policy)?;
        Ok(key)
    }

    fn validate(&self, policy: &KeyPolicy) -> Result<(), Error> {
        for (name, value) in [("n", &self.n), ("e", &self.e)] {
            match value.first() {
                None => return Err(Error::invalid(name, "must not be empty")),
                Some(0) => {
                    return Err(Error::invalid(
                        name,
                        "has a leading zero octet (Base64urlUInt must be minimal, RFC 7518 §2)",
                    ));
                }
                Some(_) => {}
            }
        }
        policy.check_rsa_bits(self.modulus_bits())?;
        if super::roca::has_fingerprint(&self.n) {
            return Err(Error::WeakKey {
                reason: "the RSA modulus has the ROCA fingerprint (CVE-2017-15361): it was made \
                         by a flawed generator (Infineon RSALib) and can be factored; replace \
                         the key"
                    .into(),
            });
        }
        let is_f4 = self.e == [1, 0, 1];
        if !is_f4 && !policy.allow_any_rsa_exponent {
            return Err(Error::WeakKey {
                reason: "RSA public exponent must be 65537 (other exponents need KeyPolicy::allow_any_rsa_exponent)"
                    .into(),
            });
        }
        match self.private {
            // Builds the `rsa` key, which checks the public part as well.
            Some(_) => self.to_private_key().map(drop),
            None => self.check_public(),
        }
    }

    /// The checks `rsa::PublicKey::new` makes (n odd and larger than e; e odd, from 2 to
    /// 2^33 − 1), without its Montgomery precomputation: that is made once, when the key is
    /// bound to an algorithm, not on import of every key of a set.
    fn check_public(&self) -> Result<(), Error> {
        if self.n.last().is_none_or(|low| low & 1 == 0) {
            return Err(Error::invalid_key(
                KTY,
                "the public key is unusable (even modulus)",
            ));
        }
        let e = match self.e.len() {
            0..=8 => self.e.iter().fold(0u64, |e, &b| e << 8 | u64::from(b)),
            _ => u64::MAX,
        };
        let exponent_ok = e & 1 == 1 && (2..=(1 << 33) - 1).contains(&e);
        let below_n = self.e.len() < self.n.len()
            || (self.e.len() == self.n.len() && self.e.as_slice() < self.n.as_slice());
        if !exponent_ok || !below_n {
            return Err(Error::invalid_key(
                KTY,
                "the public key is unusable (the exponent must be odd, from 3 to 2^33 − 1, \
                 and below the modulus)",
            ));
        }
        Ok(())
    }

    pub(crate) fn write(&self, map: &mut Map<String, Value>) {
        put_bytes(map, "n", &self.n);
        put_bytes(map, "e", &self.e);
        if let Some(private) = &self.private {
            put_secret(map, "d", &private.d);
            if let Some(crt) = &private.crt {
                put_secret(map, "p", &crt.p);
                put_secret(map, "q", &crt.q);
                put_secret(map, "dp", &crt.dp);
                put_secret(map, "dq", &crt.dq);
                put_secret(map, "qi", &crt.qi);
            }
        }
    }
}

impl RsaPrivateParams {
    /// The private exponent `d`.
    pub fn d(&self) -> &SecretBytes {
        &self.d
    }

    /// Whether the primes and CRT values are present.
    pub fn has_crt(&self) -> bool {
        self.crt.is_some()
    }
}

fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

/// Equality of two big-endian integers, ignoring leading zeros, in constant time for equal
/// lengths.
fn same_uint(a: &[u8], b: &[u8]) -> bool {
    let (a, b) = (trim(a), trim(b));
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

fn precision(n: &[u8]) -> Result<u32, Error> {
    u32::try_from(n.len().saturating_mul(8)).map_err(|_| Error::invalid("n", "is too large"))
}

fn uint(bytes: &[u8], name: &str) -> Result<BoxedUint, Error> {
    let bits = precision(bytes)?.max(64);
    BoxedUint::from_be_slice(bytes, bits)
        .map_err(|_| Error::invalid(name, "is not a valid integer"))
}

/// The secret members are [`SecretBytes`], each wiped when dropped.
impl zeroize::ZeroizeOnDrop for RsaKey {}

/// The secret members are [`SecretBytes`], each wiped when dropped.
impl zeroize::ZeroizeOnDrop for RsaPrivateParams {}
