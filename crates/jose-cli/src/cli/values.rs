//! Parsers for option values: registered algorithm names (exact, case-sensitive) and
//! durations. Errors are messages for the command line, listing the accepted names.

use jose_jwk::alg::{Algorithm, JweAlgorithm, JweEncryption, JwsAlgorithm};

/// A JWS `alg` name (RFC 7518 §3.1, RFC 8037, RFC 8812, RFC 9864).
pub fn jws_alg(name: &str) -> Result<JwsAlgorithm, String> {
    name.parse().map_err(|_| {
        unknown(
            "JWS algorithm",
            name,
            JwsAlgorithm::ALL.iter().map(|a| a.as_str()),
        )
    })
}

/// A JWE key management `alg` name (RFC 7518 §4.1).
pub fn jwe_alg(name: &str) -> Result<JweAlgorithm, String> {
    name.parse().map_err(|_| {
        unknown(
            "JWE key management algorithm",
            name,
            JweAlgorithm::ALL.iter().map(|a| a.as_str()),
        )
    })
}

/// A JWE content encryption `enc` name (RFC 7518 §5.1).
pub fn jwe_enc(name: &str) -> Result<JweEncryption, String> {
    name.parse().map_err(|_| {
        unknown(
            "JWE content encryption algorithm",
            name,
            JweEncryption::ALL.iter().map(|a| a.as_str()),
        )
    })
}

/// Any registered algorithm name: JWS `alg`, JWE `alg` or JWE `enc`.
pub fn any_alg(name: &str) -> Result<Algorithm, String> {
    name.parse()
        .map_err(|_| unknown("algorithm", name, Algorithm::ALL.iter().map(|a| a.as_str())))
}

/// A duration such as `30s`, `15m`, `2h`, `1d`, in seconds.
pub fn duration(text: &str) -> Result<u64, String> {
    crate::duration::parse(text)
}

fn unknown<'a>(kind: &str, name: &str, names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.filter(|n| *n != "none").collect();
    format!(
        "unknown {kind} \"{}\" (names are case-sensitive); one of: {}",
        jose_b64::printable(name),
        names.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_names_only() {
        assert_eq!(jws_alg("ES256"), Ok(JwsAlgorithm::ES256));
        let e = jws_alg("es256").unwrap_err();
        assert!(e.contains("unknown JWS algorithm \"es256\""), "{e}");
        assert!(e.contains("EdDSA") && !e.contains("none"), "{e}");
        assert_eq!(jwe_alg("RSA-OAEP-256"), Ok(JweAlgorithm::RsaOaep256));
        assert!(jwe_alg("A256GCM").is_err());
        assert_eq!(jwe_enc("A256GCM"), Ok(JweEncryption::A256Gcm));
        assert!(jwe_enc("A256KW").is_err());
        assert_eq!(
            any_alg("A256GCM"),
            Ok(Algorithm::from(JweEncryption::A256Gcm))
        );
        assert_eq!(any_alg("HS256"), Ok(Algorithm::from(JwsAlgorithm::HS256)));
        assert_eq!(duration("2h"), Ok(7200));
    }
}
