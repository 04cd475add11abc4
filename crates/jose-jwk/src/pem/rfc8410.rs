//! Ed25519 and X25519 keys in SPKI and PKCS#8 (RFC 8410 §4, §7).
//!
//! The public key is the raw 32 bytes in the SPKI BIT STRING; the private key is
//! `CurvePrivateKey ::= OCTET STRING` (the 32 bytes) inside the PKCS#8 OCTET STRING. Written
//! here for both curves, since `x25519-dalek` has no PKCS#8 support.

use der::asn1::{BitStringRef, OctetStringRef};
use der::{Decode, Encode};
use pkcs8::PrivateKeyInfoRef;
use spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
use zeroize::Zeroizing;

use super::algorithm::okp_oid;
use super::{der_error, encode_error};
use crate::{Error, OkpCurve, OkpKey};

const KTY: &str = "OKP";

/// The key of an SPKI `subjectPublicKey`.
pub(super) fn public_key(curve: OkpCurve, bytes: &[u8]) -> Result<OkpKey, Error> {
    let x: [u8; 32] = bytes.try_into().map_err(|_| {
        Error::invalid_key(
            KTY,
            format!(
                "an {curve} public key must be 32 bytes, found {}",
                bytes.len()
            ),
        )
    })?;
    match curve {
        OkpCurve::Ed25519 => ed25519_dalek::VerifyingKey::from_bytes(&x)
            .map(|key| OkpKey::from_ed25519_verifying_key(&key))
            .map_err(|_| Error::invalid_key(KTY, "the public key is not a valid Ed25519 point")),
        OkpCurve::X25519 => Ok(OkpKey::from_x25519_public_key(
            &x25519_dalek::PublicKey::from(x),
        )),
    }
}

/// The key of a PKCS#8 `privateKey` (and its optional `publicKey`, which must match).
pub(super) fn private_key(
    curve: OkpCurve,
    private_key: &[u8],
    public_key: Option<&[u8]>,
) -> Result<OkpKey, Error> {
    let inner = <&OctetStringRef>::from_der(private_key)
        .map_err(|e| der_error("CurvePrivateKey (RFC 8410 §7)", e))?;
    let bytes = inner.as_bytes();
    let d: Zeroizing<[u8; 32]> = Zeroizing::new(bytes.try_into().map_err(|_| {
        Error::invalid_key(
            KTY,
            format!(
                "an {curve} private key must be 32 bytes, found {}",
                bytes.len()
            ),
        )
    })?);
    let key = match curve {
        OkpCurve::Ed25519 => {
            OkpKey::from_ed25519_signing_key(&ed25519_dalek::SigningKey::from_bytes(&d))
        }
        OkpCurve::X25519 => OkpKey::from_x25519_secret(&x25519_dalek::StaticSecret::from(*d)),
    };
    if public_key.is_some_and(|public_key| public_key != key.x().as_slice()) {
        return Err(Error::invalid_key(
            KTY,
            "the PKCS#8 publicKey does not match the private key",
        ));
    }
    Ok(key)
}

/// The SPKI of the public key.
pub(super) fn spki_der(key: &OkpKey) -> Result<Vec<u8>, Error> {
    SubjectPublicKeyInfoRef {
        algorithm: AlgorithmIdentifierRef {
            oid: okp_oid(key.curve()),
            parameters: None,
        },
        subject_public_key: BitStringRef::new(0, key.x()).map_err(encode_error)?,
    }
    .to_der()
    .map_err(encode_error)
}

/// The PKCS#8 (version 1, without the public key, as OpenSSL writes it) of a private key.
pub(super) fn pkcs8_der(key: &OkpKey) -> Result<Zeroizing<Vec<u8>>, Error> {
    let d = key.d().ok_or(Error::NotPrivate)?;
    let inner = Zeroizing::new(
        OctetStringRef::new(d.expose_secret())
            .and_then(|d| d.to_der())
            .map_err(encode_error)?,
    );
    let info = PrivateKeyInfoRef::new(
        AlgorithmIdentifierRef {
            oid: okp_oid(key.curve()),
            parameters: None,
        },
        OctetStringRef::new(&inner).map_err(encode_error)?,
    );
    der::SecretDocument::encode_msg(&info)
        .map(|doc| doc.to_bytes())
        .map_err(encode_error)
}

#[cfg(test)]
mod tests {
    use crate::{Error, Jwk};

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    // RFC 7748 §6.1: Alice's X25519 key pair.
    const X25519_PRIVATE: &str = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    const X25519_PUBLIC: &str = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    const SPKI_X25519_PREFIX: &str = "302a300506032b656e032100";
    const PKCS8_X25519_PREFIX: &str = "302e020100300506032b656e04220420";

    #[test]
    fn x25519_matches_rfc_8410_structures() {
        let spki = hex(&format!("{SPKI_X25519_PREFIX}{X25519_PUBLIC}"));
        let pkcs8 = hex(&format!("{PKCS8_X25519_PREFIX}{X25519_PRIVATE}"));
        let public = Jwk::from_spki_der(&spki).unwrap();
        let private = Jwk::from_pkcs8_der(&pkcs8).unwrap();
        assert_eq!(private.to_public().unwrap(), public);
        assert_eq!(public.to_spki_der().unwrap(), spki);
        assert_eq!(private.to_pkcs8_der().unwrap().as_slice(), pkcs8);
        assert!(public.to_json().contains("\"crv\":\"X25519\""));
    }

    #[test]
    fn ed25519_matches_rfc_8037_and_8410() {
        // RFC 8037 App. A.1.
        let jwk = Jwk::from_json(
            r#"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#,
        )
        .unwrap();
        let pkcs8 = hex(
            "302e020100300506032b6570042204209d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        );
        assert_eq!(jwk.to_pkcs8_der().unwrap().as_slice(), pkcs8);
        let spki = hex(
            "302a300506032b6570032100d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        );
        assert_eq!(jwk.to_spki_der().unwrap(), spki);
        assert_eq!(Jwk::from_pkcs8_der(&pkcs8).unwrap(), jwk);
    }

    #[test]
    fn wrong_lengths_and_mismatched_public_keys_are_refused() {
        // A 31-byte public key and a 31-byte private key.
        let spki = hex(&format!("3029300506032b656e032000{}", &X25519_PUBLIC[2..]));
        assert!(matches!(
            Jwk::from_spki_der(&spki),
            Err(Error::InvalidKey { .. })
        ));
        let pkcs8 = hex(&format!(
            "302d020100300506032b656e0421041f{}",
            &X25519_PRIVATE[2..]
        ));
        assert!(matches!(
            Jwk::from_pkcs8_der(&pkcs8),
            Err(Error::InvalidKey { .. })
        ));
        // The private key not wrapped in its inner OCTET STRING.
        let bare = hex(&format!("302c020100300506032b656e0420{X25519_PRIVATE}"));
        assert!(matches!(Jwk::from_pkcs8_der(&bare), Err(Error::Pem { .. })));

        // PKCS#8 v2 whose publicKey [1] is not the key's.
        let mut wrong_public = hex(X25519_PUBLIC);
        wrong_public[0] ^= 1;
        let v2 = hex(&format!(
            "3051020101300506032b656e04220420{X25519_PRIVATE}812100{}",
            wrong_public
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        ));
        let err = Jwk::from_pkcs8_der(&v2).unwrap_err();
        assert!(
            err.to_string().contains("publicKey does not match"),
            "{err}"
        );
        let v2_right = hex(&format!(
            "3051020101300506032b656e04220420{X25519_PRIVATE}812100{X25519_PUBLIC}"
        ));
        assert!(Jwk::from_pkcs8_der(&v2_right).is_ok());
    }

    #[test]
    fn small_order_ed25519_spki_is_refused() {
        // The identity point.
        let spki = hex(&format!(
            "302a300506032b6570032100{}{}",
            "01",
            "00".repeat(31)
        ));
        assert!(matches!(
            Jwk::from_spki_der(&spki),
            Err(Error::InvalidKey { .. })
        ));
    }
}
