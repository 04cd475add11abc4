//! PEM (RFC 7468) and DER import and export of JWKs: SPKI (RFC 5280 §4.1, public keys of every
//! type), PKCS#8 (RFC 5958, private keys of every type), PKCS#1 (RFC 8017 App. A.1, RSA) and
//! SEC1 (RFC 5915, EC private keys).
//!
//! | format | PEM label | key types | import | export |
//! |--------|-----------|-----------|--------|--------|
//! | SPKI | `PUBLIC KEY` | RSA, EC, OKP | [`Jwk::from_spki_der`] | [`Jwk::to_spki_der`], [`Jwk::to_public_pem`] |
//! | PKCS#8 | `PRIVATE KEY` | RSA, EC, OKP | [`Jwk::from_pkcs8_der`] | [`Jwk::to_pkcs8_der`], [`Jwk::to_pkcs8_pem`] |
//! | PKCS#1 | `RSA PUBLIC KEY` | RSA | [`Jwk::from_pkcs1_public_der`] | [`Jwk::to_pkcs1_public_der`], [`Jwk::to_pkcs1_public_pem`] |
//! | PKCS#1 | `RSA PRIVATE KEY` | RSA | [`Jwk::from_pkcs1_private_der`] | [`Jwk::to_pkcs1_private_der`], [`Jwk::to_pkcs1_private_pem`] |
//! | SEC1 | `EC PRIVATE KEY` | EC | [`Jwk::from_sec1_der`] | [`Jwk::to_sec1_der`], [`Jwk::to_sec1_pem`] |
//!
//! [`Jwk::from_pem`] reads any of them, chosen by the label. Every import checks the key as
//! [`Jwk::from_json`] does (points on the curve, private keys matching their public keys, the
//! [`KeyPolicy`]), rejects trailing data, and never reads encrypted keys. Exports of private keys
//! come in buffers that are zeroized on drop.

/// Calls `function::<C>(args…)` with the RustCrypto curve type `C` of an [`EcCurve`](crate::EcCurve).
macro_rules! with_curve {
    ($curve:expr, $function:ident($($arg:expr),* $(,)?)) => {
        match $curve {
            $crate::EcCurve::P256 => $function::<p256::NistP256>($($arg),*),
            $crate::EcCurve::P384 => $function::<p384::NistP384>($($arg),*),
            $crate::EcCurve::P521 => $function::<p521::NistP521>($($arg),*),
            $crate::EcCurve::Secp256k1 => $function::<k256::Secp256k1>($($arg),*),
        }
    };
}

mod algorithm;
mod pkcs1;
mod pkcs8;
mod rfc8410;
mod sec1;
mod spki;

use core::fmt;

use der::pem::{self, LineEnding};
use zeroize::Zeroizing;

use crate::{Error, Jwk, KeyPolicy};

/// The PEM label of an SPKI public key (RFC 7468 §13).
const PUBLIC_KEY: &str = "PUBLIC KEY";
/// The PEM label of a PKCS#8 private key (RFC 7468 §10).
const PRIVATE_KEY: &str = "PRIVATE KEY";
/// The PEM label of an encrypted PKCS#8 private key (RFC 7468 §11), refused.
const ENCRYPTED_PRIVATE_KEY: &str = "ENCRYPTED PRIVATE KEY";
/// The PEM label of a PKCS#1 RSA public key.
const RSA_PUBLIC_KEY: &str = "RSA PUBLIC KEY";
/// The PEM label of a PKCS#1 RSA private key.
const RSA_PRIVATE_KEY: &str = "RSA PRIVATE KEY";
/// The PEM label of a SEC1 EC private key (RFC 5915 §4).
const EC_PRIVATE_KEY: &str = "EC PRIVATE KEY";

impl Jwk {
    /// Reads a public or private key from PEM (RFC 7468) with the default [`KeyPolicy`].
    ///
    /// The label selects the format: `PUBLIC KEY` (SPKI), `PRIVATE KEY` (PKCS#8),
    /// `RSA PUBLIC KEY` and `RSA PRIVATE KEY` (PKCS#1), `EC PRIVATE KEY` (SEC1, which must name
    /// its curve). Key types: RSA, EC on P-256, P-384, P-521 and secp256k1, Ed25519, X25519.
    /// The key is checked as [`Jwk::from_json`] checks it.
    ///
    /// Refused: other labels and a second PEM block ([`Error::Pem`]), PEM headers, trailing
    /// data, encrypted keys (`ENCRYPTED PRIVATE KEY`, or legacy `Proc-Type` headers:
    /// [`Error::Unsupported`]), other key algorithms and curves ([`Error::Unsupported`], naming
    /// the OID), RSA keys outside the policy ([`Error::WeakKey`]), invalid keys
    /// ([`Error::InvalidKey`]).
    ///
    /// ```
    /// use jose_jwk::{Jwk, KeyType};
    ///
    /// // RFC 8410 §10.1
    /// let pem = "-----BEGIN PUBLIC KEY-----
    /// MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
    /// -----END PUBLIC KEY-----
    /// ";
    /// let jwk = Jwk::from_pem(pem)?.with_alg("EdDSA");
    /// assert_eq!(jwk.kty(), KeyType::Okp);
    /// assert!(!jwk.is_private());
    /// assert_eq!(jwk.to_public_pem()?, pem);
    /// # Ok::<(), jose_jwk::Error>(())
    /// ```
    pub fn from_pem(pem: &str) -> Result<Self, Error> {
        Self::from_pem_with(pem, &KeyPolicy::DEFAULT)
    }

    /// [`Self::from_pem`] with an explicit policy.
    pub fn from_pem_with(pem: &str, policy: &KeyPolicy) -> Result<Self, Error> {
        let mut decoder =
            pem::Decoder::new_detect_wrap(pem.as_bytes()).map_err(|e| pem_error(pem, e))?;
        let label = decoder.type_label();
        let read: fn(&[u8], &KeyPolicy) -> Result<Self, Error> = match label {
            PUBLIC_KEY => Self::from_spki_der_with,
            PRIVATE_KEY => Self::from_pkcs8_der_with,
            RSA_PUBLIC_KEY => Self::from_pkcs1_public_der_with,
            RSA_PRIVATE_KEY => Self::from_pkcs1_private_der_with,
            EC_PRIVATE_KEY => Self::from_sec1_der_with,
            ENCRYPTED_PRIVATE_KEY => return Err(encrypted_pkcs8()),
            other => return Err(unexpected_label(other)),
        };
        // The contents may be a private key: decoded into a buffer zeroized on drop.
        let mut der = Zeroizing::new(vec![0u8; decoder.remaining_len()]);
        let decoded = decoder
            .decode(&mut der)
            .map_err(|e| pem_error(pem, e))?
            .len();
        if !decoder.is_finished() || decoded != der.len() {
            return Err(Error::pem("PEM: the base64 data has an unexpected length"));
        }
        read(&der, policy)
    }
}

/// The error for PEM that does not decode.
fn pem_error(pem: &str, error: pem::Error) -> Error {
    if pem.contains("Proc-Type:") || pem.contains("DEK-Info:") {
        Error::Unsupported {
            what: "encrypted PEM (Proc-Type/DEK-Info headers); decrypt the key first".into(),
        }
    } else if pem.matches("-----BEGIN ").count() > 1 {
        Error::pem(format!(
            "PEM: more than one PEM block ({error}); pass only the key block (for `openssl ecparam -genkey`, add -noout)"
        ))
    } else if error == pem::Error::HeaderDisallowed {
        Error::pem("PEM: headers are not allowed (RFC 7468 §2)")
    } else {
        Error::pem(format!("PEM: {error}"))
    }
}

fn unexpected_label(label: &str) -> Error {
    let shown: String = label.chars().take(40).collect();
    let hint = if label == "CERTIFICATE" {
        "; extract the public key (SPKI) from the certificate first"
    } else {
        ""
    };
    Error::pem(format!(
        "PEM label \"{shown}\" is not a key format this library reads (PUBLIC KEY, PRIVATE KEY, RSA PUBLIC KEY, RSA PRIVATE KEY, EC PRIVATE KEY){hint}"
    ))
}

/// The error for encrypted PKCS#8, by label or by structure.
fn encrypted_pkcs8() -> Error {
    Error::Unsupported {
        what: "encrypted PKCS#8 is not supported (ENCRYPTED PRIVATE KEY); decrypt the key first"
            .into(),
    }
}

/// The error for a DER structure that does not decode.
fn der_error(structure: &str, error: impl fmt::Display) -> Error {
    Error::pem(format!("{structure}: {error}"))
}

/// The error for a key that cannot be encoded (not expected for a valid JWK).
fn encode_error(error: impl fmt::Display) -> Error {
    Error::pem(format!("encoding the key failed: {error}"))
}

/// PEM of public DER, LF line endings, 64-column lines.
fn public_pem(label: &'static str, der: &[u8]) -> Result<String, Error> {
    pem::encode_string(label, LineEnding::LF, der).map_err(encode_error)
}

/// PEM of private DER, in a buffer zeroized on drop.
fn private_pem(label: &'static str, der: &[u8]) -> Result<Zeroizing<String>, Error> {
    pem::encode_string(label, LineEnding::LF, der)
        .map(Zeroizing::new)
        .map_err(encode_error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::tests::{rsa_1024, rsa_2048_jwk};
    use crate::{EcCurve, Key, KeySpec, OkpCurve};

    /// One private key of every key type and curve.
    pub(super) fn private_keys() -> Vec<Jwk> {
        let mut keys = vec![rsa_2048_jwk().clone()];
        for curve in EcCurve::ALL {
            keys.push(Jwk::generate(KeySpec::Ec(curve)).unwrap());
        }
        for curve in OkpCurve::ALL {
            keys.push(Jwk::generate(KeySpec::Okp(curve)).unwrap());
        }
        keys
    }

    #[test]
    fn every_key_round_trips_through_every_format() {
        for private in private_keys() {
            let public = private.to_public().unwrap();
            let what = private.key().describe();

            // SPKI, from the private and from the public JWK.
            let spki = private.to_spki_der().unwrap();
            assert_eq!(public.to_spki_der().unwrap(), spki);
            assert_eq!(Jwk::from_spki_der(&spki).unwrap(), public, "{what}");
            let pem = private.to_public_pem().unwrap();
            assert!(pem.starts_with("-----BEGIN PUBLIC KEY-----\n"));
            assert_eq!(Jwk::from_pem(&pem).unwrap(), public, "{what}");

            // PKCS#8.
            let pkcs8 = private.to_pkcs8_der().unwrap();
            assert_eq!(Jwk::from_pkcs8_der(&pkcs8).unwrap(), private, "{what}");
            let pem = private.to_pkcs8_pem().unwrap();
            assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
            assert_eq!(
                Jwk::from_pem(&pem).unwrap().to_json(),
                private.to_json(),
                "{what}"
            );

            match private.key() {
                Key::Rsa(_) => {
                    let der = private.to_pkcs1_public_der().unwrap();
                    assert_eq!(Jwk::from_pkcs1_public_der(&der).unwrap(), public);
                    let pem = private.to_pkcs1_public_pem().unwrap();
                    assert!(pem.starts_with("-----BEGIN RSA PUBLIC KEY-----\n"));
                    assert_eq!(Jwk::from_pem(&pem).unwrap(), public);

                    let der = private.to_pkcs1_private_der().unwrap();
                    assert_eq!(Jwk::from_pkcs1_private_der(&der).unwrap(), private);
                    let pem = private.to_pkcs1_private_pem().unwrap();
                    assert!(pem.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
                    assert_eq!(Jwk::from_pem(&pem).unwrap(), private);
                }
                Key::Ec(_) => {
                    let der = private.to_sec1_der().unwrap();
                    assert_eq!(Jwk::from_sec1_der(&der).unwrap(), private, "{what}");
                    let pem = private.to_sec1_pem().unwrap();
                    assert!(pem.starts_with("-----BEGIN EC PRIVATE KEY-----\n"));
                    assert_eq!(Jwk::from_pem(&pem).unwrap(), private, "{what}");
                }
                Key::Okp(_) | Key::Oct(_) => {}
            }
        }
    }

    #[test]
    fn pem_line_endings_and_widths_are_tolerated() {
        let jwk = Jwk::generate(KeySpec::Ec(EcCurve::P384)).unwrap();
        let pem = jwk.to_pkcs8_pem().unwrap();
        assert_eq!(Jwk::from_pem(&pem.replace('\n', "\r\n")).unwrap(), jwk);
        // Explanatory text before the block is allowed by RFC 7468 §5.2.
        assert_eq!(
            Jwk::from_pem(&format!("Key for tests\n{}", pem.as_str())).unwrap(),
            jwk
        );
        // 76-column lines (MIME) as some encoders write them.
        let der = jwk.to_pkcs8_der().unwrap();
        let wrapped = pem::encode_string(PRIVATE_KEY, LineEnding::LF, &der).unwrap();
        let body: String = wrapped
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        let lines: Vec<String> = body
            .as_bytes()
            .chunks(76)
            .map(|c| String::from_utf8(c.to_vec()).unwrap())
            .collect();
        let mime = format!(
            "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
            lines.join("\n")
        );
        assert_eq!(Jwk::from_pem(&mime).unwrap(), jwk);
    }

    #[test]
    fn wrong_labels_are_refused() {
        let jwk = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
        let der = jwk.to_pkcs8_der().unwrap();
        for label in [
            "CERTIFICATE",
            "OPENSSH PRIVATE KEY",
            "EC PARAMETERS",
            "X509 CRL",
        ] {
            let pem = pem::encode_string(label, LineEnding::LF, &der).unwrap();
            let err = Jwk::from_pem(&pem).unwrap_err();
            assert!(matches!(err, Error::Pem { .. }), "{err}");
            assert!(err.to_string().contains(label), "{err}");
            assert_eq!(err.code(), "ERR_KEY_ENCODING");
        }
        // A known label on the wrong contents: PKCS#8 bytes labelled as SEC1 or SPKI.
        for label in [EC_PRIVATE_KEY, PUBLIC_KEY, RSA_PRIVATE_KEY, RSA_PUBLIC_KEY] {
            let pem = pem::encode_string(label, LineEnding::LF, &der).unwrap();
            assert!(
                matches!(Jwk::from_pem(&pem), Err(Error::Pem { .. })),
                "{label}"
            );
        }
        // Mismatched BEGIN and END labels.
        let pem = jwk
            .to_pkcs8_pem()
            .unwrap()
            .replace("END PRIVATE KEY", "END PUBLIC KEY");
        assert!(matches!(Jwk::from_pem(&pem), Err(Error::Pem { .. })));
    }

    #[test]
    fn encrypted_keys_are_refused_clearly() {
        let pem = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n";
        let err = Jwk::from_pem(pem).unwrap_err();
        assert!(matches!(err, Error::Unsupported { .. }), "{err}");
        assert!(
            err.to_string()
                .contains("encrypted PKCS#8 is not supported"),
            "{err}"
        );

        let legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,5A1E0C0B4B8B0AFB2C2C8A4C7E0D1F3A\n\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n";
        let err = Jwk::from_pem(legacy).unwrap_err();
        assert!(matches!(err, Error::Unsupported { .. }), "{err}");
        assert!(err.to_string().contains("encrypted PEM"), "{err}");
    }

    #[test]
    fn malformed_pem_is_refused() {
        let jwk = Jwk::generate(KeySpec::Okp(OkpCurve::Ed25519)).unwrap();
        let good = jwk.to_pkcs8_pem().unwrap();
        let body_start = good.find('\n').unwrap() + 1;

        // Garbage base64: characters outside the alphabet, or broken padding.
        let mut garbage = good.to_string();
        garbage.replace_range(body_start..body_start + 4, "!@#$");
        assert!(matches!(Jwk::from_pem(&garbage), Err(Error::Pem { .. })));
        let public = jwk.to_public_pem().unwrap();
        assert!(public.contains("=\n"), "{public}");
        assert!(matches!(
            Jwk::from_pem(&public.replacen('=', "A", 1)),
            Err(Error::Pem { .. })
        ));
        assert!(matches!(
            Jwk::from_pem(&public.replacen('=', "", 1)),
            Err(Error::Pem { .. })
        ));
        // Base64 of bytes that are not DER.
        let not_der = pem::encode_string(PRIVATE_KEY, LineEnding::LF, b"not a key at all").unwrap();
        assert!(matches!(Jwk::from_pem(&not_der), Err(Error::Pem { .. })));

        // Trailing data after the END line, and a second block.
        assert!(matches!(
            Jwk::from_pem(&format!("{}trailing", good.as_str())),
            Err(Error::Pem { .. })
        ));
        let err = Jwk::from_pem(&format!("{}{}", good.as_str(), good.as_str())).unwrap_err();
        assert!(err.to_string().contains("more than one PEM block"), "{err}");
        let ec = Jwk::generate(KeySpec::Ec(EcCurve::P256))
            .unwrap()
            .to_sec1_pem()
            .unwrap();
        let with_params = format!(
            "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n{}",
            ec.as_str()
        );
        let err = Jwk::from_pem(&with_params).unwrap_err();
        assert!(err.to_string().contains("-noout"), "{err}");

        // Truncated PEM, empty input, no PEM at all.
        assert!(Jwk::from_pem(good.get(..good.len() - 10).unwrap()).is_err());
        assert!(matches!(Jwk::from_pem(""), Err(Error::Pem { .. })));
        assert!(matches!(
            Jwk::from_pem("{\"kty\":\"oct\"}"),
            Err(Error::Pem { .. })
        ));

        // Headers in a PEM block.
        let headers = good.replacen('\n', "\nComment: hello\n\n", 1);
        assert!(matches!(Jwk::from_pem(&headers), Err(Error::Pem { .. })));
    }

    #[test]
    fn weak_rsa_pem_is_refused_by_policy() {
        let weak = crate::RsaKey::from_private_key(rsa_1024()).unwrap();
        let legacy = KeyPolicy {
            min_rsa_bits: 1024,
            ..KeyPolicy::DEFAULT
        };
        // Exported under a policy that allows it, refused on import with the default one.
        let jwk = crate::convert::revalidate(Jwk::new(Key::Rsa(weak)), &legacy).unwrap();
        let pems = [
            jwk.to_public_pem().unwrap(),
            jwk.to_pkcs8_pem().unwrap().to_string(),
            jwk.to_pkcs1_public_pem().unwrap(),
            jwk.to_pkcs1_private_pem().unwrap().to_string(),
        ];
        for pem in &pems {
            let err = Jwk::from_pem(pem).unwrap_err();
            assert!(matches!(err, Error::WeakKey { .. }), "{err}");
            assert!(err.to_string().contains("1024 bits"), "{err}");
            assert_eq!(
                Jwk::from_pem_with(pem, &legacy)
                    .unwrap()
                    .to_public()
                    .unwrap(),
                jwk.to_public().unwrap()
            );
        }
        // And a policy with a lower maximum refuses the 2048-bit key.
        let small = KeyPolicy {
            max_rsa_bits: 1024,
            min_rsa_bits: 1024,
            ..KeyPolicy::DEFAULT
        };
        let pem = rsa_2048_jwk().to_public_pem().unwrap();
        assert!(matches!(
            Jwk::from_pem_with(&pem, &small),
            Err(Error::WeakKey { .. })
        ));
    }

    #[test]
    fn rfc_8410_examples() {
        // RFC 8410 §10.1 (public key) and §10.3 (private key, v1 and v2 with attributes and the
        // public key): one Ed25519 key pair.
        let public = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n";
        let v1 = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n";
        let v2 = "-----BEGIN PRIVATE KEY-----\nMHICAQEwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\noB8wHQYKKoZIhvcNAQkJFDEPDA1DdXJkbGUgQ2hhaXJzgSEAGb9ECWmEzf6FQbrB\nZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PRIVATE KEY-----\n";
        let public = Jwk::from_pem(public).unwrap();
        let v1 = Jwk::from_pem(v1).unwrap();
        let v2 = Jwk::from_pem(v2).unwrap();
        assert_eq!(v1, v2);
        assert_eq!(v1.to_public().unwrap(), public);
        assert!(
            v1.to_json()
                .contains("\"d\":\"1O5y2_kTWErVttjx92n4rTr-fCjL8dT74Jeoj0R1WEI\""),
            "{}",
            v1.to_json()
        );
    }
}
