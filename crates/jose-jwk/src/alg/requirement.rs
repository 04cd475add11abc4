//! The algorithm table: for every algorithm, the key it needs (RFC 7518 §3–§6, RFC 7517 §4.2
//! and §4.3, RFC 8037, RFC 8812, RFC 9864, RFC 8725 §3.5).

use super::algorithm::Algorithm;
use super::curve::Curve;
use super::jwe_alg::JweAlgorithm;
use super::jws::JwsAlgorithm;
use super::role::KeyRole;

/// The key type (and for EC/OKP keys the curves) an algorithm accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyShape {
    /// An RSA key (RFC 7518 §6.3).
    Rsa,
    /// A symmetric `oct` key (RFC 7518 §6.4).
    Oct,
    /// An EC or OKP key on one of these curves; the curve fixes the key type
    /// ([`Curve::key_type`]).
    Curves(&'static [Curve]),
}

impl KeyShape {
    /// Whether `key` has this type (and, for EC and OKP keys, one of these curves).
    pub fn fits(self, key: &crate::Key) -> bool {
        match self {
            Self::Rsa => matches!(key, crate::Key::Rsa(_)),
            Self::Oct => matches!(key, crate::Key::Oct(_)),
            Self::Curves(curves) => Curve::of_key(key).is_some_and(|curve| curves.contains(&curve)),
        }
    }
}

/// The size an algorithm requires of its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeRule {
    /// The curve fixes the size (EC and OKP keys).
    FixedByCurve,
    /// RSA modulus of at least this many bits (RFC 7518 §3.3, §3.5, §4.2, §4.3: 2048).
    RsaMinBits(usize),
    /// `oct` key of at least this many bytes (HMAC: the hash output length, RFC 7518 §3.2;
    /// `dir` and PBES2: 1, never empty).
    OctMinBytes(usize),
    /// `oct` key of exactly this many bytes (AES key wrap RFC 7518 §4.4, AES GCM key wrap
    /// §4.7, content encryption keys §5.2 and §5.3).
    OctExactBytes(usize),
}

/// What the JWK must allow for one role under an algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoleRule {
    /// The role this rule is for.
    pub role: KeyRole,
    /// The JWK `key_ops` values (RFC 7517 §4.3) any one of which permits the role when the
    /// JWK has `key_ops`.
    pub key_ops: &'static [&'static str],
    /// Whether an empty `key_ops` array also permits the role. True only for the sender's
    /// side of ECDH-ES, where the JWK is the recipient's public key and no registered
    /// operation describes "agree with this key".
    pub empty_key_ops_ok: bool,
    /// Whether the role needs the private key (signing with a key pair; decrypting with RSA or
    /// ECDH-ES). `oct` keys are always secret, so this is false for them.
    pub private_key: bool,
}

/// One row of the algorithm table: the key an algorithm needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyRequirement {
    /// The algorithm of the row.
    pub algorithm: Algorithm,
    /// Key type, and curves for EC/OKP.
    pub shape: KeyShape,
    /// Key size.
    pub size: SizeRule,
    /// The JWK `use` value the key must have if it has one (RFC 7517 §4.2): `"sig"` for JWS
    /// algorithms, `"enc"` for JWE ones.
    pub key_use: &'static str,
    /// The two roles the algorithm has (`Sign`/`Verify` or `Encrypt`/`Decrypt`) and what each
    /// needs of the key.
    pub roles: [RoleRule; 2],
}

const RSA_MIN_BITS: usize = 2048;

const fn role(role: KeyRole, key_ops: &'static [&'static str], private_key: bool) -> RoleRule {
    RoleRule {
        role,
        key_ops,
        empty_key_ops_ok: false,
        private_key,
    }
}

/// A JWS row: `sign`/`verify`, `use` `"sig"`; signing with a key pair needs the private key.
const fn jws(alg: JwsAlgorithm, shape: KeyShape, size: SizeRule) -> KeyRequirement {
    KeyRequirement {
        algorithm: Algorithm::Jws(alg),
        shape,
        size,
        key_use: "sig",
        roles: [
            role(KeyRole::Sign, &["sign"], !alg.is_symmetric()),
            role(KeyRole::Verify, &["verify"], false),
        ],
    }
}

/// A JWE row with the given `key_ops` for the encrypt and decrypt sides.
const fn jwe(
    algorithm: Algorithm,
    shape: KeyShape,
    size: SizeRule,
    encrypt: RoleRule,
    decrypt: RoleRule,
) -> KeyRequirement {
    KeyRequirement {
        algorithm,
        shape,
        size,
        key_use: "enc",
        roles: [encrypt, decrypt],
    }
}

/// Key encryption (RSA) and key wrapping (AES KW, AES GCM KW, PBES2): `wrapKey`/`unwrapKey`.
const fn wrapping(alg: JweAlgorithm, shape: KeyShape, size: SizeRule) -> KeyRequirement {
    let private = matches!(shape, KeyShape::Rsa);
    jwe(
        Algorithm::JweKeyManagement(alg),
        shape,
        size,
        role(KeyRole::Encrypt, &["wrapKey"], false),
        role(KeyRole::Decrypt, &["unwrapKey"], private),
    )
}

/// ECDH-ES and ECDH-ES+A*KW: the recipient derives with its private key; the sender agrees
/// with the recipient's public key, whose `key_ops`, if not empty, must allow derivation.
const fn agreement(alg: JweAlgorithm) -> KeyRequirement {
    const ECDH_CURVES: &[Curve] = &[Curve::P256, Curve::P384, Curve::P521, Curve::X25519];
    const DERIVE: &[&str] = &["deriveKey", "deriveBits"];
    jwe(
        Algorithm::JweKeyManagement(alg),
        KeyShape::Curves(ECDH_CURVES),
        SizeRule::FixedByCurve,
        RoleRule {
            role: KeyRole::Encrypt,
            key_ops: DERIVE,
            empty_key_ops_ok: true,
            private_key: false,
        },
        role(KeyRole::Decrypt, DERIVE, true),
    )
}

/// `dir` and content encryption keys: `encrypt`/`decrypt` with a shared `oct` key.
const fn direct(algorithm: Algorithm, size: SizeRule) -> KeyRequirement {
    jwe(
        algorithm,
        KeyShape::Oct,
        size,
        role(KeyRole::Encrypt, &["encrypt"], false),
        role(KeyRole::Decrypt, &["decrypt"], false),
    )
}

impl KeyRequirement {
    /// The table row of `algorithm`; `None` only for `none` (RFC 7518 §3.6), which no key
    /// ever serves.
    #[must_use]
    pub const fn of(algorithm: Algorithm) -> Option<Self> {
        use JweAlgorithm as K;
        use JwsAlgorithm as S;
        use KeyShape::{Curves, Oct, Rsa};
        use SizeRule::{FixedByCurve, OctExactBytes, OctMinBytes, RsaMinBits};

        Some(match algorithm {
            Algorithm::Jws(alg) => match alg {
                S::None => return None,
                S::HS256 => jws(alg, Oct, OctMinBytes(32)),
                S::HS384 => jws(alg, Oct, OctMinBytes(48)),
                S::HS512 => jws(alg, Oct, OctMinBytes(64)),
                S::RS256 | S::RS384 | S::RS512 | S::PS256 | S::PS384 | S::PS512 => {
                    jws(alg, Rsa, RsaMinBits(RSA_MIN_BITS))
                }
                S::ES256 => jws(alg, Curves(&[Curve::P256]), FixedByCurve),
                S::ES384 => jws(alg, Curves(&[Curve::P384]), FixedByCurve),
                S::ES512 => jws(alg, Curves(&[Curve::P521]), FixedByCurve),
                S::ES256K => jws(alg, Curves(&[Curve::Secp256k1]), FixedByCurve),
                S::EdDSA | S::Ed25519 => jws(alg, Curves(&[Curve::Ed25519]), FixedByCurve),
            },
            Algorithm::JweKeyManagement(alg) => match alg {
                K::RSA1_5 | K::RSA_OAEP | K::RSA_OAEP_256 | K::RSA_OAEP_384 | K::RSA_OAEP_512 => {
                    wrapping(alg, Rsa, RsaMinBits(RSA_MIN_BITS))
                }
                K::A128KW | K::A128GCMKW => wrapping(alg, Oct, OctExactBytes(16)),
                K::A192KW | K::A192GCMKW => wrapping(alg, Oct, OctExactBytes(24)),
                K::A256KW | K::A256GCMKW => wrapping(alg, Oct, OctExactBytes(32)),
                K::PBES2_HS256_A128KW | K::PBES2_HS384_A192KW | K::PBES2_HS512_A256KW => {
                    wrapping(alg, Oct, OctMinBytes(1))
                }
                K::Dir => direct(algorithm, OctMinBytes(1)),
                K::ECDH_ES | K::ECDH_ES_A128KW | K::ECDH_ES_A192KW | K::ECDH_ES_A256KW => {
                    agreement(alg)
                }
            },
            Algorithm::JweContent(enc) => direct(algorithm, OctExactBytes(enc.key_len())),
        })
    }

    /// What the key must allow for `role`; `None` when the algorithm has no such role
    /// (`Sign`/`Verify` under a JWE algorithm, `Encrypt`/`Decrypt` under a JWS one).
    #[must_use]
    pub fn role(&self, role: KeyRole) -> Option<&RoleRule> {
        self.roles.iter().find(|rule| rule.role == role)
    }
}

impl Algorithm {
    /// The table row of this algorithm; `None` only for `none`. Same as
    /// [`KeyRequirement::of`].
    #[must_use]
    pub const fn key_requirement(self) -> Option<KeyRequirement> {
        KeyRequirement::of(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alg::JweEncryption;

    fn row(alg: impl Into<Algorithm>) -> KeyRequirement {
        KeyRequirement::of(alg.into()).unwrap()
    }

    #[test]
    fn every_algorithm_but_none_has_a_row() {
        for &alg in Algorithm::ALL {
            let requirement = KeyRequirement::of(alg);
            assert_eq!(
                requirement.is_none(),
                alg == Algorithm::Jws(JwsAlgorithm::None),
                "{alg}"
            );
            assert_eq!(alg.key_requirement(), requirement);
            if let Some(requirement) = requirement {
                assert_eq!(requirement.algorithm, alg);
            }
        }
    }

    #[test]
    fn roles_and_use_follow_the_family() {
        for &alg in Algorithm::ALL {
            let Some(requirement) = KeyRequirement::of(alg) else {
                continue;
            };
            let (key_use, roles) = if alg.is_jws() {
                ("sig", [KeyRole::Sign, KeyRole::Verify])
            } else {
                ("enc", [KeyRole::Encrypt, KeyRole::Decrypt])
            };
            assert_eq!(requirement.key_use, key_use, "{alg}");
            for role in KeyRole::ALL.iter().copied() {
                let rule = requirement.role(role);
                assert_eq!(rule.is_some(), roles.contains(&role), "{alg} {role}");
                if let Some(rule) = rule {
                    assert_eq!(rule.role, role);
                    assert!(!rule.key_ops.is_empty(), "{alg} {role}");
                }
            }
        }
    }

    #[test]
    fn hmac_sizes_match_the_hash() {
        for &alg in JwsAlgorithm::ALL {
            if let Some(len) = alg.hmac_min_key_len() {
                assert_eq!(row(alg).shape, KeyShape::Oct);
                assert_eq!(row(alg).size, SizeRule::OctMinBytes(len));
            }
        }
    }

    #[test]
    fn signature_curves_match_the_algorithm() {
        for &alg in JwsAlgorithm::ALL {
            if let Some(curve) = alg.curve() {
                let KeyShape::Curves(curves) = row(alg).shape else {
                    panic!("{alg}")
                };
                assert_eq!(curves, [curve], "{alg}");
                assert_eq!(row(alg).size, SizeRule::FixedByCurve, "{alg}");
            }
        }
    }

    #[test]
    fn rsa_rows() {
        let rsa: Vec<Algorithm> = Algorithm::ALL
            .iter()
            .copied()
            .filter(|a| {
                let n = a.as_str();
                n.starts_with("RS") || n.starts_with("PS") || n.starts_with("RSA")
            })
            .collect();
        assert_eq!(rsa.len(), 11);
        for alg in rsa {
            assert_eq!(row(alg).shape, KeyShape::Rsa, "{alg}");
            assert_eq!(row(alg).size, SizeRule::RsaMinBits(2048), "{alg}");
        }
    }

    #[test]
    fn aes_key_sizes_match_the_wrapping_key() {
        for &alg in JweAlgorithm::ALL {
            let requirement = row(alg);
            match alg.mode() {
                crate::alg::KeyManagementMode::KeyWrapping if alg.is_pbes2() => {
                    assert_eq!(requirement.size, SizeRule::OctMinBytes(1), "{alg}");
                }
                crate::alg::KeyManagementMode::KeyWrapping => {
                    let len = alg.wrap_key_len().unwrap();
                    assert_eq!(requirement.size, SizeRule::OctExactBytes(len), "{alg}");
                }
                crate::alg::KeyManagementMode::DirectEncryption => {
                    assert_eq!(requirement.size, SizeRule::OctMinBytes(1), "{alg}");
                }
                _ => {}
            }
        }
        for &enc in JweEncryption::ALL {
            assert_eq!(row(enc).shape, KeyShape::Oct);
            assert_eq!(
                row(enc).size,
                SizeRule::OctExactBytes(enc.key_len()),
                "{enc}"
            );
        }
    }

    #[test]
    fn ecdh_rows() {
        for &alg in JweAlgorithm::ALL.iter().filter(|a| a.is_ecdh_es()) {
            let requirement = row(alg);
            assert_eq!(
                requirement.shape,
                KeyShape::Curves(&[Curve::P256, Curve::P384, Curve::P521, Curve::X25519])
            );
            let encrypt = requirement.role(KeyRole::Encrypt).unwrap();
            let decrypt = requirement.role(KeyRole::Decrypt).unwrap();
            assert_eq!(encrypt.key_ops, ["deriveKey", "deriveBits"]);
            assert_eq!(decrypt.key_ops, ["deriveKey", "deriveBits"]);
            assert!(encrypt.empty_key_ops_ok && !decrypt.empty_key_ops_ok);
            assert!(!encrypt.private_key && decrypt.private_key);
        }
    }

    #[test]
    fn key_ops_and_private_key_per_role() {
        for &alg in Algorithm::ALL {
            let Some(requirement) = KeyRequirement::of(alg) else {
                continue;
            };
            let [first, second] = requirement.roles;
            let (ops, private) = match alg {
                Algorithm::Jws(a) => (
                    (["sign"].as_slice(), ["verify"].as_slice()),
                    !a.is_symmetric(),
                ),
                Algorithm::JweKeyManagement(a) if a.is_ecdh_es() => continue,
                Algorithm::JweKeyManagement(JweAlgorithm::Dir) | Algorithm::JweContent(_) => {
                    ((["encrypt"].as_slice(), ["decrypt"].as_slice()), false)
                }
                Algorithm::JweKeyManagement(a) => (
                    (["wrapKey"].as_slice(), ["unwrapKey"].as_slice()),
                    a.mode() == crate::alg::KeyManagementMode::KeyEncryption,
                ),
            };
            assert_eq!((first.key_ops, second.key_ops), ops, "{alg}");
            assert!(!first.empty_key_ops_ok && !second.empty_key_ops_ok, "{alg}");
            let private_side = if alg.is_jws() { first } else { second };
            let public_side = if alg.is_jws() { second } else { first };
            assert_eq!(private_side.private_key, private, "{alg}");
            assert!(!public_side.private_key, "{alg}");
        }
    }
}
