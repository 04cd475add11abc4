//! The `scope` claim: a space-separated list of scope tokens (RFC 6749 §3.3, RFC 8693 §4.2,
//! RFC 9068 §2.2.3).

use core::fmt;

use crate::Error;

/// The scopes of a token, parsed from the space-separated `scope` claim.
///
/// Each scope token is one or more of the characters RFC 6749 §3.3 allows (printable ASCII
/// but space, `"` and `\`), separated by single spaces; anything else makes the claim
/// invalid. Scopes compare exactly (case-sensitive).
///
/// ```
/// use jose_oauth::Scope;
///
/// let scope = Scope::parse("openid profile read:orders")?;
/// assert!(scope.contains("read:orders"));
/// assert!(scope.require(["openid", "profile"]).is_ok());
/// assert_eq!(scope.require(["write:orders"]).unwrap_err().code(), "ERR_OAUTH_INSUFFICIENT_SCOPE");
/// assert_eq!(scope.to_string(), "openid profile read:orders");
/// # Ok::<(), jose_oauth::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    tokens: Vec<String>,
}

impl Scope {
    /// Parses a space-separated scope string. The empty string is no scope at all.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidClaim`] (claim `scope`) for an empty token (two spaces in a row, or a
    /// leading or trailing space) or a character outside RFC 6749 §3.3's set.
    pub fn parse(scope: &str) -> Result<Self, Error> {
        if scope.is_empty() {
            return Ok(Self::default());
        }
        let mut tokens: Vec<String> = Vec::new();
        for token in scope.split(' ') {
            if token.is_empty() {
                return Err(Error::invalid_claim(
                    "scope",
                    "scope tokens are separated by single spaces, without leading or trailing \
                     space",
                ));
            }
            if !token.bytes().all(is_scope_char) {
                return Err(Error::invalid_claim(
                    "scope",
                    format!(
                        "scope token \"{}\" has a character outside RFC 6749 §3.3's set",
                        crate::error::shorten(token)
                    ),
                ));
            }
            if !tokens.iter().any(|t| t == token) {
                tokens.push(token.to_owned());
            }
        }
        Ok(Self { tokens })
    }

    /// Scopes from a list (for issuing). Each must be a valid scope token.
    ///
    /// # Errors
    ///
    /// As [`Scope::parse`]; also for a token with a space.
    pub fn from_tokens(tokens: impl IntoIterator<Item = impl AsRef<str>>) -> Result<Self, Error> {
        let joined: Vec<String> = tokens.into_iter().map(|t| t.as_ref().to_owned()).collect();
        if joined.iter().any(|t| t.is_empty() || t.contains(' ')) {
            return Err(Error::invalid_claim(
                "scope",
                "a scope token is empty or has a space",
            ));
        }
        Self::parse(&joined.join(" "))
    }

    /// The scope tokens, in the token's order, without duplicates.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.tokens.iter().map(String::as_str)
    }

    /// Whether `scope` is among them (exact comparison).
    pub fn contains(&self, scope: &str) -> bool {
        self.tokens.iter().any(|t| t == scope)
    }

    /// Whether there is no scope at all.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Requires every one of `required`.
    ///
    /// # Errors
    ///
    /// [`Error::InsufficientScope`] naming the scopes that are missing.
    pub fn require(
        &self,
        required: impl IntoIterator<Item = impl AsRef<str>>,
    ) -> Result<(), Error> {
        let missing: Vec<String> = required
            .into_iter()
            .filter(|r| !self.contains(r.as_ref()))
            .map(|r| r.as_ref().to_owned())
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(Error::InsufficientScope { missing })
        }
    }
}

/// `scope-token = 1*( %x21 / %x23-5B / %x5D-7E )` (RFC 6749 §3.3).
fn is_scope_char(b: u8) -> bool {
    matches!(b, 0x21 | 0x23..=0x5B | 0x5D..=0x7E)
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.tokens.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_refuses() {
        let s = Scope::parse("a b a c").unwrap();
        assert_eq!(s.iter().collect::<Vec<_>>(), ["a", "b", "c"]);
        assert!(Scope::parse("").unwrap().is_empty());
        for bad in ["a  b", " a", "a ", "a\tb", "a\"b", "a\\b", "é"] {
            let e = Scope::parse(bad).unwrap_err();
            assert_eq!(e.code(), "ERR_OAUTH_INVALID_CLAIM", "{bad:?}");
        }
        assert!(Scope::from_tokens(["x", ""]).is_err());
        assert!(Scope::from_tokens(["x y"]).is_err());
        assert_eq!(Scope::from_tokens(["x", "y"]).unwrap().to_string(), "x y");
        let e = s.require(["a", "z", "y"]).unwrap_err();
        assert_eq!(
            e,
            Error::InsufficientScope {
                missing: vec!["z".into(), "y".into()]
            }
        );
    }
}
