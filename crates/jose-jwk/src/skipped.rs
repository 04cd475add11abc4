//! Keys of a JWK Set that were left out, with the reason, as data.

use core::fmt;

/// A key of a JWK Set that was left out: its position in `"keys"`, its `kid` and why.
///
/// [`crate::JwkSet`] reports keys it could not read (unsupported type or curve, a malformed
/// or weak key); the key sets of the JWS and JWE crates report the keys that could not be
/// bound to any allowed algorithm, with their own error type as `E`.
///
/// ```
/// use jose_jwk::JwkSet;
///
/// let set = JwkSet::from_json(r#"{"keys":[
///   {"kty":"oct","kid":"empty","k":""},
///   {"kty":"oct","kid":"good","k":"GawgguFyGrWKav7AX4VKUg"}]}"#)?;
/// assert_eq!(set.len(), 1);
/// let skipped = &set.skipped()[0];
/// assert_eq!((skipped.index(), skipped.kid()), (0, Some("empty")));
/// assert_eq!(skipped.reason().code(), "ERR_JWK_INVALID");
/// # Ok::<(), jose_jwk::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedKey<E = crate::Error> {
    index: usize,
    kid: Option<String>,
    reason: E,
}

impl<E> SkippedKey<E> {
    /// A key at `index` of the set's `"keys"`, with its `kid`, left out because of `reason`.
    pub fn new(index: usize, kid: Option<String>, reason: E) -> Self {
        Self { index, kid, reason }
    }

    /// The position of the key in the set's `"keys"` array, from 0.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The key's `kid`, when it had a string one.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// Why the key was left out.
    pub fn reason(&self) -> &E {
        &self.reason
    }
}

impl<E: fmt::Display> fmt::Display for SkippedKey<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "key {}", self.index)?;
        if let Some(kid) = &self.kid {
            write!(f, " (kid \"{}\")", jose_b64::printable(kid))?;
        }
        write!(f, " skipped: {}", self.reason)
    }
}
