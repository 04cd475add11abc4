//! The one rule by which JWS and JWE pick a key from a list of keys bound to algorithms.

/// Why no key was picked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoKey {
    /// The token names a `kid` that no key for its algorithm has.
    UnknownKid,
    /// No key is bound to the token's algorithm.
    NoKeyForAlgorithm,
    /// The token has no `kid` and several keys are bound to its algorithm.
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
            (Self::Ambiguous, _) => {
                format!("the {token} has no kid and several {alg} keys could {action} it")
            }
            _ => format!("no {alg} key"),
        }
    }
}

/// Picks the key for a token: with a `kid`, the key for the algorithm whose `kid` is equal
/// (exactly); without one, the only key for the algorithm. Several candidates are an error,
/// never "try each".
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
/// ```
pub fn select_key<'k, K>(
    keys: &'k [K],
    kid: Option<&str>,
    for_alg: impl Fn(&K) -> bool,
    kid_of: impl Fn(&K) -> Option<&str>,
) -> Result<&'k K, NoKey> {
    let mut candidates = keys.iter().filter(|k| for_alg(k));
    match kid {
        Some(kid) => candidates
            .find(|k| kid_of(k) == Some(kid))
            .ok_or(NoKey::UnknownKid),
        None => match (candidates.next(), candidates.next()) {
            (Some(key), None) => Ok(key),
            (None, _) => Err(NoKey::NoKeyForAlgorithm),
            (Some(_), Some(_)) => Err(NoKey::Ambiguous),
        },
    }
}
