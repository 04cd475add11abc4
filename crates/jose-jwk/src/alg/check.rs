//! Checking a JWK against an algorithm and a role: the one place that reads the table
//! (RFC 8725 §3.1 and §3.5, RFC 7517 §4.2–§4.4, RFC 7518 §3–§6).

use super::algorithm::Algorithm;
use super::curve::Curve;
use super::requirement::{KeyRequirement, KeyShape, RoleRule, SizeRule};
use super::role::KeyRole;
use crate::{Error, Jwk, Key, KeyType};

/// Checks that `jwk` may be used for `role` under `alg`.
///
/// The rules, in this order, each failing with its own error:
///
/// 1. `none` is never accepted ([`Error::UnsecuredAlgorithm`]).
/// 2. The role belongs to the algorithm's family: `Sign`/`Verify` for JWS, `Encrypt`/`Decrypt`
///    for JWE ([`Error::RoleNotSupported`]).
/// 3. The key type, and for EC/OKP keys the curve, is the algorithm's
///    ([`Error::KeyTypeMismatch`]).
/// 4. The key is large enough: HMAC keys at least the hash output, RSA moduli at least 2048
///    bits, AES keys exactly their size, `dir` and PBES2 keys not empty
///    ([`Error::KeySizeMismatch`]). For `dir` the exact length depends on `enc`
///    ([`crate::alg::JweEncryption::key_len`]); the JWE layer checks it.
/// 5. A JWK `alg` member, if present, is exactly the algorithm's name
///    ([`Error::AlgorithmMismatch`]).
/// 6. A JWK `use` member, if present, is `"sig"` for JWS and `"enc"` for JWE
///    ([`Error::UseMismatch`]).
/// 7. A JWK `key_ops` member, if present, contains the role's operation
///    ([`Error::OperationNotPermitted`]): `sign`/`verify`; `wrapKey`/`unwrapKey` for RSA, AES
///    key wrap and PBES2; `encrypt`/`decrypt` for `dir` and content encryption; `deriveKey`
///    or `deriveBits` for ECDH-ES (on the sender's side an empty `key_ops` is also accepted).
/// 8. The private key is present when the role needs it: signing with a key pair, decrypting
///    with RSA or ECDH-ES ([`Error::PrivateKeyRequired`]). A private JWK may be used to verify
///    or encrypt; its public part is used.
///
/// # Errors
///
/// The first rule that fails, as listed above.
pub fn check_key(jwk: &Jwk, alg: impl Into<Algorithm>, role: KeyRole) -> Result<(), Error> {
    let alg = alg.into();
    let requirement = KeyRequirement::of(alg).ok_or(Error::UnsecuredAlgorithm)?;
    let name = alg.as_str();
    let rule = requirement.role(role).ok_or(Error::RoleNotSupported {
        alg: name,
        role: role.as_str(),
    })?;
    check_shape(jwk.key(), name, requirement.shape)?;
    check_size(jwk.key(), name, requirement.size)?;
    check_alg_member(jwk, name)?;
    check_use(jwk, name, requirement.key_use)?;
    check_key_ops(jwk, name, rule)?;
    if rule.private_key && !jwk.is_private() {
        return Err(Error::PrivateKeyRequired {
            alg: name,
            role: role.as_str(),
        });
    }
    Ok(())
}

impl Jwk {
    /// Checks that this key may be used for `role` under `alg`; see [`check_key`].
    ///
    /// # Errors
    ///
    /// As [`check_key`].
    pub fn check_for(&self, alg: impl Into<Algorithm>, role: KeyRole) -> Result<(), Error> {
        check_key(self, alg, role)
    }
}

/// Rule 3: key type and curve.
fn check_shape(key: &Key, alg: &'static str, shape: KeyShape) -> Result<(), Error> {
    if shape.fits(key) {
        Ok(())
    } else {
        Err(Error::KeyTypeMismatch {
            alg,
            expected: describe_shape(shape),
            found: describe_key(key),
        })
    }
}

/// Rule 4: key size.
fn check_size(key: &Key, alg: &'static str, rule: SizeRule) -> Result<(), Error> {
    let (ok, expected, found_bits) = match (rule, key) {
        (SizeRule::FixedByCurve, Key::Ec(_) | Key::Okp(_)) => return Ok(()),
        (SizeRule::RsaMinBits(min), Key::Rsa(rsa)) => {
            let bits = rsa.modulus_bits();
            (bits >= min, Expected::AtLeastBits(min), bits)
        }
        (SizeRule::OctMinBytes(min), Key::Oct(oct)) => (
            oct.len() >= min,
            Expected::AtLeastBits(bits(min)),
            bits(oct.len()),
        ),
        (SizeRule::OctExactBytes(len), Key::Oct(oct)) => (
            oct.len() == len,
            Expected::ExactlyBits(bits(len)),
            bits(oct.len()),
        ),
        // The table pairs every size rule with its key shape, and the shape is checked first;
        // a mismatch here is still reported, never ignored.
        (_, _) => {
            return Err(Error::KeyTypeMismatch {
                alg,
                expected: describe_size_rule_key(rule).to_owned(),
                found: describe_key(key),
            });
        }
    };
    if ok {
        Ok(())
    } else {
        Err(Error::KeySizeMismatch {
            alg,
            expected: expected.to_string(),
            found: format!("{found_bits} bits"),
        })
    }
}

/// Rule 5: the JWK `alg` member (RFC 7517 §4.4), compared exactly.
fn check_alg_member(jwk: &Jwk, alg: &'static str) -> Result<(), Error> {
    match jwk.alg() {
        Some(key_alg) if key_alg != alg => Err(Error::AlgorithmMismatch {
            alg,
            key_alg: key_alg.to_owned(),
        }),
        _ => Ok(()),
    }
}

/// Rule 6: the JWK `use` member (RFC 7517 §4.2).
fn check_use(jwk: &Jwk, alg: &'static str, expected: &'static str) -> Result<(), Error> {
    match jwk.key_use() {
        Some(key_use) if key_use.as_str() != expected => Err(Error::UseMismatch {
            alg,
            expected,
            found: key_use.as_str().to_owned(),
        }),
        _ => Ok(()),
    }
}

/// Rule 7: the JWK `key_ops` member (RFC 7517 §4.3).
fn check_key_ops(jwk: &Jwk, alg: &'static str, rule: &RoleRule) -> Result<(), Error> {
    let Some(key_ops) = jwk.key_ops() else {
        return Ok(());
    };
    if key_ops.is_empty() && rule.empty_key_ops_ok {
        return Ok(());
    }
    if key_ops.iter().any(|op| rule.key_ops.contains(&op.as_str())) {
        return Ok(());
    }
    Err(Error::OperationNotPermitted {
        alg,
        operation: rule.key_ops.first().copied().unwrap_or(rule.role.as_str()),
        key_ops: key_ops.iter().map(|op| op.as_str().to_owned()).collect(),
    })
}

/// A key size requirement, for messages.
enum Expected {
    AtLeastBits(usize),
    ExactlyBits(usize),
}

impl core::fmt::Display for Expected {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::AtLeastBits(n) => write!(f, "at least {n} bits"),
            Self::ExactlyBits(n) => write!(f, "exactly {n} bits"),
        }
    }
}

/// Bytes to bits, saturating (a key length comes from a bounded input, so it never saturates
/// in practice).
const fn bits(bytes: usize) -> usize {
    bytes.saturating_mul(8)
}

/// "an RSA key", "an EC key on P-256", "an OKP key on X25519", "an oct key".
fn describe_key(key: &Key) -> String {
    match (key, Curve::of_key(key)) {
        (_, Some(curve)) => format!("an {} key on {}", curve.key_type().as_str(), curve.as_str()),
        (Key::Rsa(_), None) => format!("an {} key", KeyType::Rsa.as_str()),
        (_, None) => format!("an {} key", KeyType::Oct.as_str()),
    }
}

/// "an EC key on P-256", "an EC key on P-256, P-384 or P-521, or an OKP key on X25519".
fn describe_shape(shape: KeyShape) -> String {
    match shape {
        KeyShape::Rsa => format!("an {} key", KeyType::Rsa.as_str()),
        KeyShape::Oct => format!("an {} key", KeyType::Oct.as_str()),
        KeyShape::Curves(curves) => {
            let (ec, okp): (Vec<Curve>, Vec<Curve>) = curves
                .iter()
                .partition(|curve| matches!(curve.key_type(), KeyType::Ec));
            let groups: Vec<String> = [(KeyType::Ec, ec), (KeyType::Okp, okp)]
                .into_iter()
                .filter(|(_, group)| !group.is_empty())
                .map(|(kty, group)| {
                    let names: Vec<&str> = group.iter().map(|curve| curve.as_str()).collect();
                    format!("an {} key on {}", kty.as_str(), join(&names, ", ", " or "))
                })
                .collect();
            let groups: Vec<&str> = groups.iter().map(String::as_str).collect();
            join(&groups, ", ", ", or ")
        }
    }
}

/// The key type a size rule applies to, for the (table-inconsistency) mismatch message.
fn describe_size_rule_key(rule: SizeRule) -> &'static str {
    match rule {
        SizeRule::FixedByCurve => "an EC or OKP key",
        SizeRule::RsaMinBits(_) => "an RSA key",
        SizeRule::OctMinBytes(_) | SizeRule::OctExactBytes(_) => "an oct key",
    }
}

/// `["a"]` → "a"; `["a", "b", "c"]` with `", "` and `" or "` → "a, b or c".
fn join(items: &[&str], separator: &str, last_separator: &str) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{}{last_separator}{last}", rest.join(separator)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alg::test_keys::{self, jwk, jwk_with, oct, oct_json, public};
    use crate::alg::{JweAlgorithm, JweEncryption, JwsAlgorithm};

    const ROLES_JWS: [KeyRole; 2] = [KeyRole::Sign, KeyRole::Verify];
    const ROLES_JWE: [KeyRole; 2] = [KeyRole::Encrypt, KeyRole::Decrypt];

    /// Every algorithm except `none`.
    fn algorithms() -> impl Iterator<Item = Algorithm> {
        Algorithm::ALL
            .iter()
            .copied()
            .filter(|a| *a != Algorithm::Jws(JwsAlgorithm::None))
    }

    fn roles(alg: Algorithm) -> [KeyRole; 2] {
        if alg.is_jws() { ROLES_JWS } else { ROLES_JWE }
    }

    fn is_rsa(name: &str) -> bool {
        name.starts_with("RS") || name.starts_with("PS") || name.starts_with("RSA")
    }

    /// The `oct` length that fits an algorithm, chosen from the RFCs and not from the table.
    fn oct_len(name: &str) -> Option<usize> {
        Some(match name {
            "A128KW" | "A128GCMKW" | "A128GCM" => 16,
            "A192KW" | "A192GCMKW" | "A192GCM" => 24,
            "HS256" | "A256KW" | "A256GCMKW" | "A256GCM" | "A128CBC-HS256" | "dir" => 32,
            "HS384" | "A192CBC-HS384" => 48,
            "HS512" | "A256CBC-HS512" => 64,
            _ if name.starts_with("PBES2-") => 8,
            _ => return None,
        })
    }

    /// A private key that fits `alg`.
    fn good_json(alg: Algorithm) -> String {
        let name = alg.as_str();
        if let Some(len) = oct_len(name) {
            return oct_json(len);
        }
        let json = match name {
            _ if is_rsa(name) => test_keys::RSA_2048,
            "ES256" => test_keys::P256,
            "ES384" => test_keys::P384,
            "ES512" => test_keys::P521,
            "ES256K" => test_keys::SECP256K1,
            "EdDSA" | "Ed25519" => test_keys::ED25519,
            _ if name.starts_with("ECDH-ES") => test_keys::P256,
            _ => panic!("no test key for {name}"),
        };
        json.to_owned()
    }

    fn good_key(alg: Algorithm) -> Jwk {
        jwk(&good_json(alg))
    }

    /// The test keys (by the names of [`test_keys::asymmetric`], plus "oct") that fit `alg`.
    fn accepted_kinds(alg: Algorithm) -> &'static [&'static str] {
        let name = alg.as_str();
        match name {
            _ if oct_len(name).is_some() => &["oct"],
            _ if is_rsa(name) => &["RSA 2048"],
            "ES256" => &["P-256"],
            "ES384" => &["P-384"],
            "ES512" => &["P-521"],
            "ES256K" => &["secp256k1"],
            "EdDSA" | "Ed25519" => &["Ed25519"],
            _ if name.starts_with("ECDH-ES") => &["P-256", "P-384", "P-521", "X25519"],
            _ => panic!("no kinds for {name}"),
        }
    }

    /// The `key_ops` values that permit `role` under `alg`, from RFC 7517 §4.3.
    fn permitting_ops(alg: Algorithm, role: KeyRole) -> &'static [&'static str] {
        let name = alg.as_str();
        match (alg, role) {
            (Algorithm::Jws(_), KeyRole::Sign) => &["sign"],
            (Algorithm::Jws(_), _) => &["verify"],
            _ if name.starts_with("ECDH-ES") => &["deriveKey", "deriveBits"],
            _ if name == "dir" || matches!(alg, Algorithm::JweContent(_)) => {
                if role == KeyRole::Encrypt {
                    &["encrypt"]
                } else {
                    &["decrypt"]
                }
            }
            _ => {
                if role == KeyRole::Encrypt {
                    &["wrapKey"]
                } else {
                    &["unwrapKey"]
                }
            }
        }
    }

    /// Whether `role` under `alg` needs the private half of a key pair.
    fn needs_private(alg: Algorithm, role: KeyRole) -> bool {
        let name = alg.as_str();
        match role {
            KeyRole::Sign => oct_len(name).is_none(),
            KeyRole::Decrypt => is_rsa(name) || name.starts_with("ECDH-ES"),
            KeyRole::Verify | KeyRole::Encrypt => false,
        }
    }

    #[test]
    fn every_row_accepts_a_matching_key() {
        for alg in algorithms() {
            let key = good_key(alg);
            for role in roles(alg) {
                assert_eq!(check_key(&key, alg, role), Ok(()), "{alg} {role}");
                assert_eq!(key.check_for(alg, role), Ok(()), "{alg} {role}");
            }
        }
    }

    #[test]
    fn every_accepted_kind_works() {
        for alg in algorithms() {
            for (kind, key) in test_keys::asymmetric() {
                if accepted_kinds(alg).contains(&kind) {
                    for role in roles(alg) {
                        assert_eq!(check_key(&key, alg, role), Ok(()), "{alg} {role} {kind}");
                    }
                }
            }
        }
    }

    #[test]
    fn public_keys_serve_the_public_side_only() {
        for alg in algorithms() {
            let key = good_key(alg);
            if matches!(key.key(), Key::Oct(_)) {
                continue;
            }
            let public = public(&key);
            for role in roles(alg) {
                let result = check_key(&public, alg, role);
                if needs_private(alg, role) {
                    assert_eq!(
                        result,
                        Err(Error::PrivateKeyRequired {
                            alg: alg.as_str(),
                            role: role.as_str()
                        }),
                        "{alg} {role}"
                    );
                } else {
                    assert_eq!(result, Ok(()), "{alg} {role}");
                }
            }
        }
    }

    #[test]
    fn every_row_rejects_every_other_key_type_and_curve() {
        let mut keys = test_keys::asymmetric();
        keys.push(("oct", oct(64)));
        for alg in algorithms() {
            let mut rejected = 0;
            for (kind, key) in &keys {
                if accepted_kinds(alg).contains(kind) {
                    continue;
                }
                for role in roles(alg) {
                    let e = check_key(key, alg, role).unwrap_err();
                    assert!(
                        matches!(&e, Error::KeyTypeMismatch { alg: a, .. } if *a == alg.as_str()),
                        "{alg} {role} {kind}: {e:?}"
                    );
                    assert_eq!(e.code(), "ERR_KEY_ALG_MISMATCH");
                }
                rejected += 1;
            }
            assert!(rejected >= 3, "{alg}");
        }
    }

    #[test]
    fn key_type_messages() {
        let cases = [
            (
                jwk(test_keys::RSA_2048),
                Algorithm::from(JwsAlgorithm::ES256),
                "algorithm ES256 requires an EC key on P-256, found an RSA key",
            ),
            (
                jwk(test_keys::P384),
                JwsAlgorithm::ES256.into(),
                "algorithm ES256 requires an EC key on P-256, found an EC key on P-384",
            ),
            (
                jwk(test_keys::P256),
                JwsAlgorithm::HS256.into(),
                "algorithm HS256 requires an oct key, found an EC key on P-256",
            ),
            (
                oct(32),
                JwsAlgorithm::RS256.into(),
                "algorithm RS256 requires an RSA key, found an oct key",
            ),
            (
                jwk(test_keys::X25519),
                JwsAlgorithm::EdDSA.into(),
                "algorithm EdDSA requires an OKP key on Ed25519, found an OKP key on X25519",
            ),
            (
                jwk(test_keys::ED25519),
                JweAlgorithm::ECDH_ES.into(),
                "algorithm ECDH-ES requires an EC key on P-256, P-384 or P-521, or an OKP key on \
                 X25519, found an OKP key on Ed25519",
            ),
            (
                jwk(test_keys::SECP256K1),
                JweAlgorithm::ECDH_ES_A256KW.into(),
                "algorithm ECDH-ES+A256KW requires an EC key on P-256, P-384 or P-521, or an OKP \
                 key on X25519, found an EC key on secp256k1",
            ),
        ];
        for (key, alg, message) in cases {
            let role = roles(alg)[1];
            assert_eq!(check_key(&key, alg, role).unwrap_err().to_string(), message);
        }
    }

    #[test]
    fn hmac_keys_shorter_than_the_hash_are_rejected() {
        for (alg, len) in [
            (JwsAlgorithm::HS256, 32),
            (JwsAlgorithm::HS384, 48),
            (JwsAlgorithm::HS512, 64),
        ] {
            for short in [1, len / 2, len - 1] {
                for role in ROLES_JWS {
                    assert_eq!(
                        check_key(&oct(short), alg, role),
                        Err(Error::KeySizeMismatch {
                            alg: alg.as_str(),
                            expected: format!("at least {} bits", len * 8),
                            found: format!("{} bits", short * 8),
                        }),
                        "{alg} {short}"
                    );
                }
            }
            for long in [len, len + 1, 2 * len] {
                assert_eq!(
                    check_key(&oct(long), alg, KeyRole::Sign),
                    Ok(()),
                    "{alg} {long}"
                );
            }
        }
        assert_eq!(
            check_key(&oct(31), JwsAlgorithm::HS256, KeyRole::Verify)
                .unwrap_err()
                .to_string(),
            "algorithm HS256 requires a key of at least 256 bits, found 248 bits"
        );
    }

    #[test]
    fn aes_keys_must_have_the_exact_length() {
        for alg in algorithms() {
            let name = alg.as_str();
            let Some(len) = oct_len(name) else { continue };
            if name == "dir" || name.starts_with("PBES2-") || name.starts_with("HS") {
                continue;
            }
            for wrong in [len - 1, len + 1, len * 2, 8] {
                let e = check_key(&oct(wrong), alg, KeyRole::Encrypt).unwrap_err();
                assert_eq!(
                    e,
                    Error::KeySizeMismatch {
                        alg: alg.as_str(),
                        expected: format!("exactly {} bits", len * 8),
                        found: format!("{} bits", wrong * 8),
                    },
                    "{alg} {wrong}"
                );
            }
        }
    }

    #[test]
    fn dir_and_pbes2_take_any_non_empty_length() {
        let algs: Vec<Algorithm> = algorithms()
            .filter(|a| a.as_str() == "dir" || a.as_str().starts_with("PBES2-"))
            .collect();
        assert_eq!(algs.len(), 4);
        for alg in algs {
            for len in [1, 5, 16, 32, 64, 100] {
                for role in ROLES_JWE {
                    assert_eq!(check_key(&oct(len), alg, role), Ok(()), "{alg} {len}");
                }
            }
        }
        // Empty `oct` keys never get this far: the JWK itself is refused.
        assert!(crate::Jwk::from_json(r#"{"kty":"oct","k":""}"#).is_err());
    }

    #[test]
    fn rsa_moduli_below_2048_bits_are_rejected() {
        let small = jwk(test_keys::RSA_1024);
        for alg in algorithms().filter(|a| is_rsa(a.as_str())) {
            for role in roles(alg) {
                assert_eq!(
                    check_key(&small, alg, role),
                    Err(Error::KeySizeMismatch {
                        alg: alg.as_str(),
                        expected: "at least 2048 bits".into(),
                        found: "1024 bits".into(),
                    }),
                    "{alg} {role}"
                );
            }
        }
    }

    #[test]
    fn size_rule_on_the_wrong_key_type_is_an_error() {
        let rsa = jwk(test_keys::RSA_2048);
        let e = check_size(rsa.key(), "ES256", SizeRule::FixedByCurve).unwrap_err();
        assert_eq!(
            e,
            Error::KeyTypeMismatch {
                alg: "ES256",
                expected: "an EC or OKP key".into(),
                found: "an RSA key".into()
            }
        );
        let e = check_size(rsa.key(), "HS256", SizeRule::OctMinBytes(32)).unwrap_err();
        assert!(matches!(e, Error::KeyTypeMismatch { .. }));
        let e = check_size(oct(32).key(), "RS256", SizeRule::RsaMinBits(2048)).unwrap_err();
        assert!(matches!(e, Error::KeyTypeMismatch { .. }));
    }

    #[test]
    fn jwk_alg_must_equal_the_algorithm_exactly() {
        for alg in algorithms() {
            let json = good_json(alg);
            let same = jwk_with(&json, &format!(r#""alg":"{}""#, alg.as_str()));
            for role in roles(alg) {
                assert_eq!(check_key(&same, alg, role), Ok(()), "{alg} {role}");
            }
            let others = [
                alg.as_str().to_lowercase(),
                format!(" {}", alg.as_str()),
                "none".into(),
                if alg.as_str() == "HS256" {
                    "HS384".into()
                } else {
                    "HS256".into()
                },
            ];
            for other in others {
                if other == alg.as_str() {
                    continue;
                }
                let key = jwk_with(&json, &format!(r#""alg":"{other}""#));
                for role in roles(alg) {
                    assert_eq!(
                        check_key(&key, alg, role),
                        Err(Error::AlgorithmMismatch {
                            alg: alg.as_str(),
                            key_alg: other.clone()
                        }),
                        "{alg} {role} {other}"
                    );
                }
            }
        }
    }

    #[test]
    fn jwk_alg_confusions_from_the_catalogue() {
        // security.md A.8: {"alg":"RS256"} with PS256 / RS384, HS256 oct key for A256KW.
        let rs256 = jwk_with(test_keys::RSA_2048, r#""alg":"RS256""#);
        for alg in [JwsAlgorithm::PS256, JwsAlgorithm::RS384] {
            assert!(matches!(
                check_key(&rs256, alg, KeyRole::Verify),
                Err(Error::AlgorithmMismatch { .. })
            ));
        }
        let hs256 = jwk_with(&oct_json(32), r#""alg":"HS256""#);
        let e = check_key(&hs256, JweAlgorithm::A256KW, KeyRole::Decrypt).unwrap_err();
        assert_eq!(
            e.to_string(),
            "key is for algorithm \"HS256\" (its \"alg\"), not A256KW"
        );
        assert_eq!(
            check_key(&hs256, JwsAlgorithm::HS256, KeyRole::Verify),
            Ok(())
        );
    }

    #[test]
    fn jwk_use_must_match_the_family() {
        for alg in algorithms() {
            let json = good_json(alg);
            let (good, bad) = if alg.is_jws() {
                ("sig", "enc")
            } else {
                ("enc", "sig")
            };
            let right = jwk_with(&json, &format!(r#""use":"{good}""#));
            for role in roles(alg) {
                assert_eq!(check_key(&right, alg, role), Ok(()), "{alg} {role}");
            }
            for found in [bad, "SIG", "ENC", "other", ""] {
                let key = jwk_with(&json, &format!(r#""use":"{found}""#));
                for role in roles(alg) {
                    assert_eq!(
                        check_key(&key, alg, role),
                        Err(Error::UseMismatch {
                            alg: alg.as_str(),
                            expected: good,
                            found: found.into()
                        }),
                        "{alg} {role} {found}"
                    );
                }
            }
        }
        // security.md A.8: an RSA1_5 / use:enc key must not verify RS256.
        let key = jwk_with(test_keys::RSA_2048, r#""use":"enc""#);
        assert_eq!(
            check_key(&key, JweAlgorithm::RSA1_5, KeyRole::Decrypt),
            Ok(())
        );
        assert_eq!(
            check_key(&key, JwsAlgorithm::RS256, KeyRole::Verify)
                .unwrap_err()
                .to_string(),
            "algorithm RS256 needs a key with \"use\":\"sig\", this key has \"use\":\"enc\""
        );
    }

    #[test]
    fn key_ops_must_contain_the_operation() {
        const OPS: [&str; 9] = [
            "sign",
            "verify",
            "encrypt",
            "decrypt",
            "wrapKey",
            "unwrapKey",
            "deriveKey",
            "deriveBits",
            "custom",
        ];
        for alg in algorithms() {
            let json = good_json(alg);
            for role in roles(alg) {
                let permitted = permitting_ops(alg, role);
                for op in OPS {
                    let key = jwk_with(&json, &format!(r#""key_ops":["{op}"]"#));
                    let result = check_key(&key, alg, role);
                    if permitted.contains(&op) {
                        assert_eq!(result, Ok(()), "{alg} {role} {op}");
                    } else {
                        assert_eq!(
                            result,
                            Err(Error::OperationNotPermitted {
                                alg: alg.as_str(),
                                operation: permitted[0],
                                key_ops: vec![op.to_owned()],
                            }),
                            "{alg} {role} {op}"
                        );
                    }
                }
                // The operation among others.
                let listed: Vec<String> = OPS
                    .iter()
                    .filter(|op| !permitted.contains(op))
                    .map(|op| format!("\"{op}\""))
                    .collect();
                let with = format!(r#""key_ops":[{},"{}"]"#, listed.join(","), permitted[0]);
                assert_eq!(
                    check_key(&jwk_with(&json, &with), alg, role),
                    Ok(()),
                    "{alg} {role}"
                );
                let without = format!(r#""key_ops":[{}]"#, listed.join(","));
                assert!(
                    matches!(
                        check_key(&jwk_with(&json, &without), alg, role),
                        Err(Error::OperationNotPermitted { .. })
                    ),
                    "{alg} {role}"
                );
            }
        }
    }

    #[test]
    fn empty_key_ops_permits_only_the_ecdh_sender() {
        for alg in algorithms() {
            let json = good_json(alg);
            let key = jwk_with(&json, r#""key_ops":[]"#);
            for role in roles(alg) {
                let result = check_key(&key, alg, role);
                if alg.as_str().starts_with("ECDH-ES") && role == KeyRole::Encrypt {
                    assert_eq!(result, Ok(()), "{alg}");
                } else {
                    assert_eq!(
                        result,
                        Err(Error::OperationNotPermitted {
                            alg: alg.as_str(),
                            operation: permitting_ops(alg, role)[0],
                            key_ops: vec![],
                        }),
                        "{alg} {role}"
                    );
                }
            }
        }
    }

    #[test]
    fn ecdh_recipient_public_keys() {
        // (key_ops member, accepted for Encrypt, accepted by the key_ops rule for Decrypt)
        let cases = [
            ("", true, true),
            (r#""key_ops":[]"#, true, false),
            (r#""key_ops":["deriveKey"]"#, true, true),
            (r#""key_ops":["deriveBits"]"#, true, true),
            (r#""key_ops":["encrypt"]"#, false, false),
            (r#""key_ops":["wrapKey"]"#, false, false),
        ];
        for json in [
            test_keys::P256,
            test_keys::P384,
            test_keys::P521,
            test_keys::X25519,
        ] {
            let public_json = public(&jwk(json)).to_json();
            for alg in JweAlgorithm::ALL.iter().copied().filter(|a| a.is_ecdh_es()) {
                for (ops, encrypt_ok, decrypt_ops_ok) in cases {
                    let key = if ops.is_empty() {
                        jwk(&public_json)
                    } else {
                        jwk_with(&public_json, ops)
                    };
                    assert_eq!(
                        check_key(&key, alg, KeyRole::Encrypt).is_ok(),
                        encrypt_ok,
                        "{alg} {ops}"
                    );
                    let expected = if decrypt_ops_ok {
                        Error::PrivateKeyRequired {
                            alg: alg.as_str(),
                            role: "decrypt",
                        }
                    } else {
                        Error::OperationNotPermitted {
                            alg: alg.as_str(),
                            operation: "deriveKey",
                            key_ops: key
                                .key_ops()
                                .unwrap()
                                .iter()
                                .map(|o| o.to_string())
                                .collect(),
                        }
                    };
                    assert_eq!(
                        check_key(&key, alg, KeyRole::Decrypt),
                        Err(expected),
                        "{alg} {ops}"
                    );
                }
            }
        }
    }

    #[test]
    fn operation_message() {
        let key = jwk_with(test_keys::P256, r#""key_ops":["verify"]"#);
        assert_eq!(
            check_key(&key, JwsAlgorithm::ES256, KeyRole::Sign)
                .unwrap_err()
                .to_string(),
            "algorithm ES256 needs key operation \"sign\", the key allows [\"verify\"]"
        );
    }

    #[test]
    fn private_key_messages() {
        let cases = [
            (
                public(&jwk(test_keys::RSA_2048)),
                Algorithm::from(JwsAlgorithm::RS256),
                KeyRole::Sign,
            ),
            (
                public(&jwk(test_keys::P256)),
                JwsAlgorithm::ES256.into(),
                KeyRole::Sign,
            ),
            (
                public(&jwk(test_keys::ED25519)),
                JwsAlgorithm::Ed25519.into(),
                KeyRole::Sign,
            ),
            (
                public(&jwk(test_keys::RSA_2048)),
                JweAlgorithm::RSA_OAEP_256.into(),
                KeyRole::Decrypt,
            ),
            (
                public(&jwk(test_keys::X25519)),
                JweAlgorithm::ECDH_ES.into(),
                KeyRole::Decrypt,
            ),
        ];
        for (key, alg, role) in cases {
            let e = check_key(&key, alg, role).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("algorithm {alg} needs a private key to {role}")
            );
            assert_eq!(e.code(), "ERR_KEY_ALG_MISMATCH");
        }
    }

    #[test]
    fn roles_outside_the_family_are_refused() {
        for alg in algorithms() {
            let key = good_key(alg);
            let wrong = if alg.is_jws() { ROLES_JWE } else { ROLES_JWS };
            for role in wrong {
                assert_eq!(
                    check_key(&key, alg, role),
                    Err(Error::RoleNotSupported {
                        alg: alg.as_str(),
                        role: role.as_str()
                    }),
                    "{alg} {role}"
                );
            }
        }
        assert_eq!(
            check_key(&oct(16), JweAlgorithm::A128KW, KeyRole::Sign)
                .unwrap_err()
                .to_string(),
            "algorithm A128KW cannot sign"
        );
    }

    #[test]
    fn none_is_never_accepted() {
        let mut keys: Vec<Jwk> = test_keys::asymmetric()
            .into_iter()
            .map(|(_, k)| k)
            .collect();
        keys.push(oct(64));
        keys.push(jwk_with(&oct_json(32), r#""alg":"none""#));
        keys.push(jwk_with(
            &oct_json(32),
            r#""alg":"none","use":"sig","key_ops":["sign","verify"]"#,
        ));
        for key in &keys {
            for &role in KeyRole::ALL {
                assert_eq!(
                    check_key(key, JwsAlgorithm::None, role),
                    Err(Error::UnsecuredAlgorithm)
                );
                assert_eq!(
                    key.check_for(JwsAlgorithm::None, role),
                    Err(Error::UnsecuredAlgorithm)
                );
                // Case variants are not even names.
                for name in ["none", "None", "NONE", "nOnE", " none", "none\0"] {
                    let accepted = name
                        .parse::<Algorithm>()
                        .is_ok_and(|alg| check_key(key, alg, role).is_ok());
                    assert!(!accepted, "{name:?}");
                }
            }
        }
        let e = check_key(&oct(32), JwsAlgorithm::None, KeyRole::Verify).unwrap_err();
        assert_eq!(e.code(), "ERR_JOSE_ALG_NOT_ALLOWED");
        assert_eq!(
            e.to_string(),
            "the \"none\" algorithm (unsecured JWS) is never accepted"
        );
    }

    #[test]
    fn rules_apply_in_order() {
        let rsa = test_keys::RSA_2048;
        // (a) before (b): `none` with a JWE role.
        assert_eq!(
            check_key(&jwk(rsa), JwsAlgorithm::None, KeyRole::Encrypt),
            Err(Error::UnsecuredAlgorithm)
        );
        // (b) before (c): wrong role and wrong key type.
        assert!(matches!(
            check_key(&jwk(rsa), JweAlgorithm::A128KW, KeyRole::Sign),
            Err(Error::RoleNotSupported { .. })
        ));
        // (c) before (e) and (f): wrong key type, JWK alg of another algorithm.
        let key = jwk_with(&oct_json(8), r#""alg":"HS256""#);
        assert!(matches!(
            check_key(&key, JwsAlgorithm::ES256, KeyRole::Verify),
            Err(Error::KeyTypeMismatch { .. })
        ));
        // (e) before (f): too short and JWK alg of another algorithm.
        assert!(matches!(
            check_key(&key, JwsAlgorithm::HS512, KeyRole::Verify),
            Err(Error::KeySizeMismatch { .. })
        ));
        // (f) before (g): JWK alg and use both wrong.
        let key = jwk_with(rsa, r#""alg":"RSA-OAEP","use":"enc""#);
        assert!(matches!(
            check_key(&key, JwsAlgorithm::RS256, KeyRole::Sign),
            Err(Error::AlgorithmMismatch { .. })
        ));
        // (g) before (h): use and key_ops both wrong (and consistent with each other).
        let key = jwk_with(rsa, r#""use":"enc","key_ops":["unwrapKey"]"#);
        assert!(matches!(
            check_key(&key, JwsAlgorithm::RS256, KeyRole::Sign),
            Err(Error::UseMismatch { .. })
        ));
        // (h) before (i): public key whose key_ops do not include sign.
        let key = jwk_with(&public(&jwk(rsa)).to_json(), r#""key_ops":["verify"]"#);
        assert!(matches!(
            check_key(&key, JwsAlgorithm::RS256, KeyRole::Sign),
            Err(Error::OperationNotPermitted { .. })
        ));
        assert!(matches!(
            check_key(&public(&jwk(rsa)), JwsAlgorithm::RS256, KeyRole::Sign),
            Err(Error::PrivateKeyRequired { .. })
        ));
    }

    #[test]
    fn content_encryption_keys() {
        for &enc in JweEncryption::ALL {
            let key = oct(enc.key_len());
            for role in ROLES_JWE {
                assert_eq!(check_key(&key, enc, role), Ok(()), "{enc} {role}");
            }
            let key = jwk_with(
                &oct_json(enc.key_len()),
                r#""key_ops":["encrypt","decrypt"],"use":"enc""#,
            );
            assert_eq!(check_key(&key, enc, KeyRole::Decrypt), Ok(()), "{enc}");
        }
    }
}
