//! The key algorithm named by the `AlgorithmIdentifier` of an SPKI (RFC 5280 §4.1.1.2) or a
//! PKCS#8 key (RFC 5958 §2).

use const_oid::ObjectIdentifier;
use spki::AlgorithmIdentifierRef;

use crate::{EcCurve, Error, OkpCurve};

/// `rsaEncryption` (RFC 8017 App. A.1).
pub(super) const RSA_ENCRYPTION: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// `id-ecPublicKey` (RFC 5480 §2.1.1).
pub(super) const ID_EC_PUBLIC_KEY: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// `secp256r1` (RFC 5480 §2.1.1.1).
const SECP256R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
/// `secp384r1` (RFC 5480 §2.1.1.1).
const SECP384R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
/// `secp521r1` (RFC 5480 §2.1.1.1).
const SECP521R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
/// `secp256k1` (SEC 2 §A.2.1).
const SECP256K1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");
/// `id-Ed25519` (RFC 8410 §3).
pub(super) const ID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
/// `id-X25519` (RFC 8410 §3).
pub(super) const ID_X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");

/// Algorithms that are recognised but not supported, for clearer errors.
const KNOWN_UNSUPPORTED: [(&str, &str); 6] = [
    ("1.3.101.111", "X448"),
    ("1.3.101.113", "Ed448"),
    ("1.2.840.113549.1.1.10", "RSASSA-PSS"),
    ("1.2.840.113549.1.1.7", "RSAES-OAEP"),
    ("1.2.840.10040.4.1", "DSA"),
    ("1.2.840.10046.2.1", "Diffie-Hellman"),
];

/// The key types this library reads from and writes to SPKI and PKCS#8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum KeyAlgorithm {
    Rsa,
    Ec(EcCurve),
    Okp(OkpCurve),
}

impl KeyAlgorithm {
    /// Reads an `AlgorithmIdentifier`, checking its parameters: NULL for RSA (RFC 8017
    /// App. A.1), a named curve for EC (RFC 5480 §2.1.1), absent for Ed25519 and X25519
    /// (RFC 8410 §3).
    pub(super) fn identify(algorithm: &AlgorithmIdentifierRef<'_>) -> Result<Self, Error> {
        match algorithm.oid {
            RSA_ENCRYPTION => match algorithm.parameters {
                Some(parameters) if parameters.is_null() => Ok(Self::Rsa),
                _ => Err(Error::pem(
                    "rsaEncryption parameters must be NULL (RFC 8017 App. A.1)",
                )),
            },
            ID_EC_PUBLIC_KEY => {
                let oid = algorithm.parameters_oid().map_err(|_| {
                    Error::pem("id-ecPublicKey parameters must name the curve (namedCurve, RFC 5480 §2.1.1); implicit and explicit curves are not supported")
                })?;
                curve_from_oid(oid).map(Self::Ec)
            }
            ID_ED25519 | ID_X25519 => {
                let curve = if algorithm.oid == ID_ED25519 {
                    OkpCurve::Ed25519
                } else {
                    OkpCurve::X25519
                };
                match algorithm.parameters {
                    None => Ok(Self::Okp(curve)),
                    Some(_) => Err(Error::pem(format!(
                        "{curve} algorithm parameters must be absent (RFC 8410 §3)"
                    ))),
                }
            }
            oid => Err(unsupported_oid("key algorithm", oid)),
        }
    }
}

/// The curve of a `namedCurve` OID.
pub(super) fn curve_from_oid(oid: ObjectIdentifier) -> Result<EcCurve, Error> {
    match oid {
        SECP256R1 => Ok(EcCurve::P256),
        SECP384R1 => Ok(EcCurve::P384),
        SECP521R1 => Ok(EcCurve::P521),
        SECP256K1 => Ok(EcCurve::Secp256k1),
        oid => Err(unsupported_oid("elliptic curve", oid)),
    }
}

/// The `namedCurve` OID of a curve.
pub(super) fn curve_oid(curve: EcCurve) -> ObjectIdentifier {
    match curve {
        EcCurve::P256 => SECP256R1,
        EcCurve::P384 => SECP384R1,
        EcCurve::P521 => SECP521R1,
        EcCurve::Secp256k1 => SECP256K1,
    }
}

/// The algorithm OID of an OKP curve.
pub(super) fn okp_oid(curve: OkpCurve) -> ObjectIdentifier {
    match curve {
        OkpCurve::Ed25519 => ID_ED25519,
        OkpCurve::X25519 => ID_X25519,
    }
}

fn unsupported_oid(what: &str, oid: ObjectIdentifier) -> Error {
    let dotted = oid.to_string();
    let what = match KNOWN_UNSUPPORTED.iter().find(|(known, _)| *known == dotted) {
        Some((_, name)) => format!("{what} {name} (OID {dotted})"),
        None => format!("{what} with OID {dotted}"),
    };
    Error::Unsupported { what }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curves_and_oids_match() {
        for curve in EcCurve::ALL {
            assert_eq!(curve_from_oid(curve_oid(curve)), Ok(curve));
        }
        let err = curve_from_oid(ObjectIdentifier::new_unwrap("1.3.132.0.33")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "unsupported: elliptic curve with OID 1.3.132.0.33"
        );
    }

    #[test]
    fn unknown_and_known_unsupported_algorithms_are_named() {
        let identify = |oid: &str| {
            KeyAlgorithm::identify(&AlgorithmIdentifierRef {
                oid: ObjectIdentifier::new_unwrap(oid),
                parameters: None,
            })
        };
        assert_eq!(
            identify("1.3.101.112"),
            Ok(KeyAlgorithm::Okp(OkpCurve::Ed25519))
        );
        assert_eq!(
            identify("1.3.101.110"),
            Ok(KeyAlgorithm::Okp(OkpCurve::X25519))
        );
        let err = identify("1.3.101.113").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unsupported: key algorithm Ed448 (OID 1.3.101.113)"
        );
        let err = identify("1.2.3.4").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unsupported: key algorithm with OID 1.2.3.4"
        );
        assert_eq!(err.code(), "ERR_JWK_UNSUPPORTED");
        // Parameters are checked.
        assert!(matches!(
            identify("1.2.840.113549.1.1.1"),
            Err(Error::Pem { .. })
        ));
        assert!(matches!(
            identify("1.2.840.10045.2.1"),
            Err(Error::Pem { .. })
        ));
        let with_null = AlgorithmIdentifierRef {
            oid: ID_ED25519,
            parameters: Some(der::asn1::AnyRef::NULL),
        };
        assert!(matches!(
            KeyAlgorithm::identify(&with_null),
            Err(Error::Pem { .. })
        ));
    }
}
