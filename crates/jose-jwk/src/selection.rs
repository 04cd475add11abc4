//! The one rule by which JWS and JWE pick a key from a list of keys bound to algorithms.

/// Why no key was picked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoKey {
    /// The token names a `kid` that no key for its algorithm has.
    UnknownKid,
    /// No key is bound to the token's algorithm.
    NoKeyForAlgorithm,
    /// Several keys are bound to the token's algorithm: it has no `kid`, or several of these
    /// keys have its `kid`.
    Ambiguous,
}

impl NoKey {
    /// A message such as `no ES256 key with kid "k1"`. `token` is "JWS" or "JWE", `action`
    /// what the key would do ("verify", "decrypt").
    pub fn describe(self, alg: &str, kid: Option<&str>, token: &str, action: &str) -> String {
        match (self, kid) {
            (Self::UnknownKid, Some(kid)) => {
                format!("no {alg} key with kid \"{}\"", jose_b64::printable(kid))
            }
            (Self::Ambiguous, Some(kid)) => format!(
                "several {alg} keys have kid \"{}\" and could {action} the {token}",
                jose_b64::printable(kid)
            ),
            (Self::Ambiguous, None) => {
                format!("the {token} has no kid and several {alg} keys could {action} it")
            }
            _ => format!("no {alg} key"),
        }
    }
}

/// Picks the key for a token: with a `kid`, the one key for the algorithm whose `kid` is
/// equal (exactly); without one, the only key for the algorithm. Keys may share a `kid` when
/// they serve different algorithms (RFC 7517 §4.5): the algorithm tells them apart. Several
/// candidates are an error, never "try each".
///
/// ```
/// use jose_jwk::selection::{select_key, NoKey};
///
/// let keys = [("ES256", Some("a")), ("ES256", Some("b")), ("HS256", None)];
/// let pick = |alg: &str, kid| select_key(&keys, kid, |k| k.0 == alg, |k| k.1);
/// assert_eq!(pick("ES256", Some("b")), Ok(&keys[1]));
/// assert_eq!(pick("ES256", Some("c")), Err(NoKey::UnknownKid));
/// assert_eq!(pick("ES256", None), Err(NoKey::Ambiguous));
/// assert_eq!(pick("HS256", None), Ok(&keys[2]));
/// assert_eq!(pick("RS256", None), Err(NoKey::NoKeyForAlgorithm));
///
/// // One kid on keys for different algorithms; never on two keys for one.
/// let keys = [("RS256", Some("k")), ("ES256", Some("k")), ("ES256", Some("k"))];
/// let pick = |alg: &str, kid| select_key(&keys, kid, |k| k.0 == alg, |k| k.1);
/// assert_eq!(pick("RS256", Some("k")), Ok(&keys[0]));
/// assert_eq!(pick("ES256", Some("k")), Err(NoKey::Ambiguous));
/// ```
pub fn select_key<'k, K>(
    keys: &'k [K],
    kid: Option<&str>,
    for_alg: impl Fn(&K) -> bool,
    kid_of: impl Fn(&K) -> Option<&str>,
) -> Result<&'k K, NoKey> {
    let mut candidates = keys.iter().filter(|k| for_alg(k));
    match kid {
        Some(kid) => {
            let mut named = candidates.filter(|k| kid_of(k) == Some(kid));
            match (named.next(), named.next()) {
                (Some(key), None) => Ok(key),
                (None, _) => Err(NoKey::UnknownKid),
                (Some(_), Some(_)) => Err(NoKey::Ambiguous),
            }
        }
        None => match (candidates.next(), candidates.next()) {
            (Some(key), None) => Ok(key),
            (None, _) => Err(NoKey::NoKeyForAlgorithm),
            (Some(_), Some(_)) => Err(NoKey::Ambiguous),
        },
    }
}

/// How well `error` explains why a key fits none of the allowed algorithms, to report the
/// most telling of the reasons one per algorithm: 0 for "another type of key" (the key was
/// never meant for that algorithm), 1 for a JWK member (`alg`, `use`, `key_ops`) naming
/// something else, 2 for anything else (a key of the right type that is too short, unusable,
/// …).
///
/// ```
/// use jose_jwk::alg::{JwsAlgorithm, KeyRole};
/// use jose_jwk::{Jwk, selection::misfit_weight};
///
/// let short = Jwk::from_json(r#"{"kty":"oct","k":"GawgguFyGrWKav7AX4VKUg"}"#)?;
/// let too_short = short.check_for(JwsAlgorithm::HS256, KeyRole::Verify).unwrap_err();
/// let not_rsa = short.check_for(JwsAlgorithm::RS256, KeyRole::Verify).unwrap_err();
/// assert!(misfit_weight(&too_short) > misfit_weight(&not_rsa));
/// # Ok::<(), jose_jwk::Error>(())
/// ```
pub fn misfit_weight(error: &crate::Error) -> u8 {
    use crate::Error as E;
    match error {
        E::KeyTypeMismatch { .. } | E::RoleNotSupported { .. } => 0,
        E::AlgorithmMismatch { .. }
        | E::AlgorithmNotNamed { .. }
        | E::UseMismatch { .. }
        | E::OperationNotPermitted { .. } => 1,
        _ => 2,
    }
}
