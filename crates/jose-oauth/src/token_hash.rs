//! `at_hash` and `c_hash` (OpenID Connect Core 1.0 §3.1.3.6, §3.2.2.9, §3.3.2.11): the
//! base64url left half of the hash of the access token or code, with the hash function of
//! the ID token's `alg`.

use jose_b64::base64url;
use jose_jws::JwsAlgorithm;
use sha2::{Digest, Sha256, Sha384, Sha512};

use crate::Error;
use crate::error::shorten;

/// The `at_hash` / `c_hash` value of `value` (an access token, an authorization code) for an
/// ID token signed with `alg`: the base64url encoding of the left-most half of the hash of
/// the ASCII octets of `value`.
///
/// The hash is the one of `alg`: SHA-256 for `HS256`, `RS256`, `PS256`, `ES256` and
/// `ES256K`; SHA-384 for the `…384` algorithms; SHA-512 for the `…512` ones and for `EdDSA`
/// and `Ed25519` (the hash Ed25519 uses internally, as the OpenID Connect Core 1.0 errata
/// set 2 says). For `EdDSA` with Ed448, that errata names SHAKE256 with a 114-byte output
/// (left half: 57 bytes); this crate has no Ed448 keys, so `EdDSA` here always means
/// Ed25519. An algorithm with no hash known here (`none`, and any later registration until
/// this function is taught it) is refused rather than guessed.
///
/// ```
/// use jose_jws::JwsAlgorithm;
///
/// // OpenID Connect Core 1.0 App. A.3.
/// let at_hash = jose_oauth::token_hash(JwsAlgorithm::RS256, "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y")?;
/// assert_eq!(at_hash, "77QmUPtjPfzWtF2AnpK9RQ");
/// # Ok::<(), jose_oauth::Error>(())
/// ```
///
/// # Errors
///
/// [`Error::TokenHashAlgorithm`] for an algorithm with no known hash.
pub fn token_hash(alg: JwsAlgorithm, value: &str) -> Result<String, Error> {
    let digest: Vec<u8> = match alg {
        JwsAlgorithm::HS256
        | JwsAlgorithm::RS256
        | JwsAlgorithm::PS256
        | JwsAlgorithm::ES256
        | JwsAlgorithm::ES256K => Sha256::digest(value.as_bytes()).to_vec(),
        JwsAlgorithm::HS384 | JwsAlgorithm::RS384 | JwsAlgorithm::PS384 | JwsAlgorithm::ES384 => {
            Sha384::digest(value.as_bytes()).to_vec()
        }
        JwsAlgorithm::HS512
        | JwsAlgorithm::RS512
        | JwsAlgorithm::PS512
        | JwsAlgorithm::ES512
        | JwsAlgorithm::EdDSA
        | JwsAlgorithm::Ed25519 => Sha512::digest(value.as_bytes()).to_vec(),
        _ => {
            return Err(Error::TokenHashAlgorithm {
                alg: alg.as_str().to_owned(),
            });
        }
    };
    let half = digest.get(..digest.len() / 2).unwrap_or_default();
    Ok(base64url::encode(half))
}

/// Checks the claim `claim` (`at_hash` or `c_hash`), as received, against `value`.
pub(crate) fn check(
    claim: &'static str,
    received: &str,
    alg: JwsAlgorithm,
    value: &str,
) -> Result<(), Error> {
    let expected = token_hash(alg, value)?;
    let mismatch = |reason: String| Error::TokenHashMismatch { claim, reason };
    let decoded = base64url::decode(received)
        .map_err(|e| mismatch(format!("\"{}\" is not base64url: {e}", shorten(received))))?;
    let expected_len = expected.len() * 3 / 4;
    if decoded.len() != expected_len {
        return Err(mismatch(format!(
            "is {} bytes; the left half of {alg}'s hash is {expected_len}",
            decoded.len()
        )));
    }
    if received != expected {
        return Err(mismatch(format!(
            "\"{}\" is not the hash of the value received with the ID token",
            shorten(received)
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openid_examples_and_lengths() {
        // OpenID Connect Core 1.0 App. A.4.
        assert_eq!(
            token_hash(
                JwsAlgorithm::RS256,
                "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk"
            )
            .unwrap(),
            "LDktKdoQak3Pk0cnXxCltA"
        );
        for (alg, len) in [
            (JwsAlgorithm::ES256K, 16),
            (JwsAlgorithm::PS384, 24),
            (JwsAlgorithm::ES512, 32),
            (JwsAlgorithm::EdDSA, 32),
            (JwsAlgorithm::Ed25519, 32),
        ] {
            let h = base64url::decode(token_hash(alg, "x").unwrap()).unwrap();
            assert_eq!(h.len(), len, "{alg}");
        }
        // Ed25519 uses SHA-512.
        let full = Sha512::digest(b"x");
        assert_eq!(
            token_hash(JwsAlgorithm::EdDSA, "x").unwrap(),
            base64url::encode(&full[..32])
        );
        let e = token_hash(JwsAlgorithm::None, "x").unwrap_err();
        assert_eq!(e.code(), "ERR_OIDC_TOKEN_HASH_ALG_UNSUPPORTED");
    }

    #[test]
    fn check_refuses_wrong_values_and_lengths() {
        let at = "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y";
        assert!(check("at_hash", "77QmUPtjPfzWtF2AnpK9RQ", JwsAlgorithm::RS256, at).is_ok());
        let full = base64url::encode(Sha256::digest(at.as_bytes()));
        assert!(full.starts_with("77QmUPtjPfzWtF2AnpK9R"));
        for bad in [
            full.as_str(),
            "77QmUPtjPfzWtF2AnpK9",
            "",
            "77QmUPtjPfzWtF2AnpK9RQ=",
            "!!",
        ] {
            let e = check("at_hash", bad, JwsAlgorithm::RS256, at).unwrap_err();
            assert_eq!(e.code(), "ERR_OIDC_TOKEN_HASH_MISMATCH", "{bad}");
        }
        let e = check("c_hash", "AAAAAAAAAAAAAAAAAAAAAA", JwsAlgorithm::RS256, at).unwrap_err();
        assert_eq!(e.claim(), Some("c_hash"));
        assert!(e.to_string().contains("not the hash"), "{e}");
    }
}
