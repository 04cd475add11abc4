//! Helpers for the unit tests.

use jose_b64::serde_json::Value;
use jose_jwk::{EcCurve, Jwk, KeySpec};
use jose_jws::{Header, JwsAlgorithm, SigningKey};

/// The time of the tests: 2026-01-01T00:00:00Z.
pub(crate) const NOW: u64 = 1_767_225_600;

/// A fresh P-256 key pair (the JWK, and its signing key for ES256).
pub(crate) fn es256() -> (Jwk, SigningKey) {
    let jwk = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
    let key = SigningKey::from_jwk(&jwk, JwsAlgorithm::ES256).unwrap();
    (jwk, key)
}

/// A compact JWS over exactly `claims` (a JSON object), with `typ` when given and the extra
/// header parameters.
pub(crate) fn sign_raw(
    key: &SigningKey,
    typ: Option<&str>,
    header: &[(&str, Value)],
    claims: &Value,
) -> String {
    let mut h = Header::new();
    if let Some(typ) = typ {
        h = h.typ(typ);
    }
    for (name, value) in header {
        h = h.param(*name, value.clone()).unwrap();
    }
    jose_jws::compact::sign(key, &h, claims.to_string().as_bytes()).unwrap()
}
