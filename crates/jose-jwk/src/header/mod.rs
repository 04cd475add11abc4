//! The JOSE Header rules that JWS and JWE share (RFC 7515 §4, §7.2.1; RFC 7516 §4, §7.2.1).
//!
//! A JOSE Header is the union of up to three JSON objects: the integrity-protected header,
//! the shared unprotected header and (JSON serializations only) the per-signature or
//! per-recipient unprotected header. This module holds the rules both specifications impose
//! on that union, once:
//!
//! - the member names of the parts must be disjoint ([`JoseHeader::new`]);
//! - `crit` must be protected, a non-empty array of distinct names, none of them registered by
//!   the JOSE specifications, each understood by the caller and present in the protected
//!   header ([`JoseHeader::check_crit`]);
//! - some parameters may only come from the protected header ([`JoseHeader::protected_only`]).

mod names;
mod view;

use jose_b64::json::kind_of;
use jose_b64::serde_json::{Map, Value};

pub use names::{JWE_REGISTERED, JWS_REGISTERED, is_registered};
pub use view::HeaderView;

use crate::Error;

/// The longest `kid` accepted in a header, in bytes. Key identifiers are short labels; a
/// longer one is refused rather than looked up (RFC 7515 §4.1.4).
pub const MAX_KID_LEN: usize = 256;

/// Refuses a `kid` longer than [`MAX_KID_LEN`] bytes.
///
/// # Errors
///
/// [`Error::HeaderParameter`] naming the limit.
pub fn check_kid_len(kid: &str) -> Result<(), Error> {
    if kid.len() > MAX_KID_LEN {
        return Err(Error::header(
            "kid",
            format!(
                "is {} bytes long, more than the {MAX_KID_LEN} accepted",
                kid.len()
            ),
        ));
    }
    Ok(())
}

/// Where a header parameter was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    /// The integrity-protected header.
    Protected,
    /// The shared unprotected header (`header` in a JWS, `unprotected` in a JWE).
    Shared,
    /// The per-signature (JWS `header`) or per-recipient (JWE `header`) unprotected header.
    PerEntry,
}

impl Location {
    /// A name for error messages.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Protected => "protected header",
            Self::Shared => "shared unprotected header",
            Self::PerEntry => "per-signature/recipient header",
        }
    }
}

/// A view of the union of the header parts, checked to be disjoint.
#[derive(Clone, Copy, Debug)]
pub struct JoseHeader<'a> {
    protected: Option<&'a Map<String, Value>>,
    shared: Option<&'a Map<String, Value>>,
    per_entry: Option<&'a Map<String, Value>>,
}

impl<'a> JoseHeader<'a> {
    /// The union of the given parts. A name present in more than one part is an error
    /// ([`Error::HeaderParameter`]), whatever the values.
    pub fn new(
        protected: Option<&'a Map<String, Value>>,
        shared: Option<&'a Map<String, Value>>,
        per_entry: Option<&'a Map<String, Value>>,
    ) -> Result<Self, Error> {
        let parts = [protected, shared, per_entry];
        for (i, part) in parts.iter().enumerate() {
            let Some(part) = part else { continue };
            for later in parts.iter().skip(i + 1).flatten() {
                if let Some(name) = part.keys().find(|name| later.contains_key(*name)) {
                    return Err(Error::header(
                        name,
                        "appears in more than one header (RFC 7515 §7.2.1 and RFC 7516 §7.2.1 require the headers to be disjoint)",
                    ));
                }
            }
        }
        Ok(Self {
            protected,
            shared,
            per_entry,
        })
    }

    /// A parameter's value and where it was found.
    pub fn get(&self, name: &str) -> Option<(&'a Value, Location)> {
        [
            (self.protected, Location::Protected),
            (self.shared, Location::Shared),
            (self.per_entry, Location::PerEntry),
        ]
        .into_iter()
        .find_map(|(part, location)| part.and_then(|p| p.get(name)).map(|v| (v, location)))
    }

    /// A string parameter; a value of another JSON type is an error.
    pub fn get_str(&self, name: &str) -> Result<Option<(&'a str, Location)>, Error> {
        match self.get(name) {
            None => Ok(None),
            Some((Value::String(s), location)) => Ok(Some((s.as_str(), location))),
            Some((other, _)) => Err(Error::header(
                name,
                format!("must be a string, found {}", kind_of(other)),
            )),
        }
    }

    /// The `kid` (RFC 7515 §4.1.4, RFC 7516 §4.1.6): a string of at most [`MAX_KID_LEN`]
    /// bytes, used only for exact lookup.
    ///
    /// ```
    /// use jose_b64::serde_json::{json, Value};
    /// use jose_jwk::header::JoseHeader;
    ///
    /// let Value::Object(ok) = json!({"kid": "2026-05"}) else { unreachable!() };
    /// assert_eq!(JoseHeader::new(Some(&ok), None, None)?.kid()?, Some("2026-05"));
    /// let Value::Object(long) = json!({"kid": "k".repeat(257)}) else { unreachable!() };
    /// assert!(JoseHeader::new(Some(&long), None, None)?.kid().is_err());
    /// # Ok::<(), jose_jwk::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::HeaderParameter`] for a `kid` that is not a string or is too long.
    pub fn kid(&self) -> Result<Option<&'a str>, Error> {
        let kid = self.get_str("kid")?.map(|(kid, _)| kid);
        if let Some(kid) = kid {
            check_kid_len(kid)?;
        }
        Ok(kid)
    }

    /// The protected part, if any.
    pub fn protected(&self) -> Option<&'a Map<String, Value>> {
        self.protected
    }

    /// Every parameter name of every part.
    pub fn names(&self) -> impl Iterator<Item = &'a str> {
        [self.protected, self.shared, self.per_entry]
            .into_iter()
            .flatten()
            .flat_map(|m| m.keys().map(String::as_str))
    }

    /// Requires each of `names`, when present, to be in the protected header.
    pub fn protected_only(&self, names: &[&str]) -> Result<(), Error> {
        for name in names {
            if let Some((_, location)) = self.get(name)
                && location != Location::Protected
            {
                return Err(Error::header(
                    name,
                    format!(
                        "must be integrity protected, found in the {}",
                        location.as_str()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Processes `crit` (RFC 7515 §4.1.11, RFC 7516 §4.1.13) and returns the critical names.
    ///
    /// `crit`, when present, must be in the protected header and be a non-empty array of
    /// distinct, non-empty strings; each must be in `understood`, must not be a name the JOSE
    /// specifications register (`registered`), and must itself be present in the protected
    /// header.
    pub fn check_crit(
        &self,
        understood: &[&str],
        registered: &[&str],
    ) -> Result<Vec<&'a str>, Error> {
        let Some((value, location)) = self.get("crit") else {
            return Ok(Vec::new());
        };
        if location != Location::Protected {
            return Err(Error::header(
                "crit",
                format!(
                    "must be integrity protected, found in the {}",
                    location.as_str()
                ),
            ));
        }
        let Value::Array(items) = value else {
            return Err(Error::header(
                "crit",
                format!("must be an array of names, found {}", kind_of(value)),
            ));
        };
        if items.is_empty() {
            return Err(Error::header("crit", "must not be empty"));
        }
        let mut names: Vec<&'a str> = Vec::with_capacity(items.len());
        for item in items {
            let Value::String(name) = item else {
                return Err(Error::header(
                    "crit",
                    format!("must hold strings only, found {}", kind_of(item)),
                ));
            };
            if name.is_empty() {
                return Err(Error::header("crit", "must not hold an empty name"));
            }
            let shown = jose_b64::printable(name);
            if names.contains(&name.as_str()) {
                return Err(Error::header("crit", format!("lists \"{shown}\" twice")));
            }
            if registered.contains(&name.as_str()) {
                return Err(Error::header(
                    "crit",
                    format!(
                        "lists \"{shown}\", which the JOSE specifications define (it must not be marked critical)"
                    ),
                ));
            }
            if !understood.contains(&name.as_str()) {
                return Err(Error::header(
                    "crit",
                    format!("lists \"{shown}\", an extension this application does not understand"),
                ));
            }
            if !self.protected.is_some_and(|p| p.contains_key(name)) {
                return Err(Error::header(
                    "crit",
                    format!("lists \"{shown}\", which is not in the protected header"),
                ));
            }
            names.push(name);
        }
        Ok(names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jose_b64::serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => unreachable!(),
        }
    }

    #[test]
    fn parts_must_be_disjoint() {
        let p = map(json!({"alg": "RS256"}));
        let u = map(json!({"alg": "HS256"}));
        let k = map(json!({"kid": "a"}));
        let e = JoseHeader::new(Some(&p), Some(&u), None).unwrap_err();
        assert!(
            e.to_string()
                .contains("\"alg\" appears in more than one header"),
            "{e}"
        );
        assert!(JoseHeader::new(Some(&p), None, Some(&u)).is_err());
        assert!(JoseHeader::new(None, Some(&u), Some(&u)).is_err());
        let h = JoseHeader::new(Some(&p), Some(&k), None).unwrap();
        assert_eq!(h.get("kid"), Some((&json!("a"), Location::Shared)));
        assert_eq!(
            h.get_str("alg").unwrap(),
            Some(("RS256", Location::Protected))
        );
        assert_eq!(h.names().count(), 2);
        assert!(h.protected_only(&["alg"]).is_ok());
        assert!(h.protected_only(&["kid"]).is_err());
        let n = map(json!({"alg": 5}));
        assert!(
            JoseHeader::new(Some(&n), None, None)
                .unwrap()
                .get_str("alg")
                .is_err()
        );
    }

    #[test]
    fn crit_rules() {
        let ok = map(json!({"alg": "HS256", "b64": false, "crit": ["b64"]}));
        let h = JoseHeader::new(Some(&ok), None, None).unwrap();
        assert_eq!(h.check_crit(&["b64"], JWS_REGISTERED).unwrap(), ["b64"]);
        assert!(h.check_crit(&[], JWS_REGISTERED).is_err(), "not understood");
        for (protected, why) in [
            (json!({"crit": []}), "must not be empty"),
            (json!({"crit": "b64", "b64": false}), "must be an array"),
            (json!({"crit": ["b64", "b64"], "b64": false}), "twice"),
            (json!({"crit": ["exp"], "exp": 1}), "does not understand"),
            (
                json!({"crit": ["alg"], "alg": "HS256"}),
                "JOSE specifications define",
            ),
            (json!({"crit": ["b64"]}), "not in the protected header"),
            (json!({"crit": [""]}), "empty name"),
            (json!({"crit": [1]}), "strings only"),
        ] {
            let p = map(protected);
            let e = JoseHeader::new(Some(&p), None, None)
                .unwrap()
                .check_crit(&["b64"], JWS_REGISTERED)
                .unwrap_err();
            assert!(e.to_string().contains(why), "{e} / {why}");
        }
        let p = map(json!({"alg": "HS256", "b64": false}));
        let u = map(json!({"crit": ["b64"]}));
        let e = JoseHeader::new(Some(&p), Some(&u), None)
            .unwrap()
            .check_crit(&["b64"], JWS_REGISTERED)
            .unwrap_err();
        assert!(e.to_string().contains("integrity protected"), "{e}");
        assert_eq!(e.code(), "ERR_JOSE_HEADER_INVALID");
    }
}
