//! What a key resolver sees of a JOSE Header: the parsed parts, or the flat protected header
//! of the commonest compact token, read without building a map.

use std::borrow::Cow;

use jose_b64::json::FlatObject;
use jose_b64::serde_json::Value;

use super::JoseHeader;

/// A read-only view of a JOSE Header, however the token was read.
///
/// ```
/// use jose_b64::json::FlatObject;
/// use jose_jwk::header::HeaderView;
///
/// let flat = FlatObject::scan(r#"{"alg":"HS256","kid":"k1"}"#).unwrap();
/// let view = HeaderView::Flat(&flat);
/// assert_eq!(view.str_param("kid"), Some("k1"));
/// assert_eq!(view.param("alg").unwrap().as_str(), Some("HS256"));
/// assert!(HeaderView::Empty.param("alg").is_none());
/// ```
#[derive(Clone, Copy, Debug)]
pub enum HeaderView<'a> {
    /// The union of the header parts (protected, shared unprotected, per-entry).
    Parts(JoseHeader<'a>),
    /// A protected header of plain strings, as scanned.
    Flat(&'a FlatObject<'a>),
    /// No header (a request made by hand, e.g. to test a resolver).
    Empty,
}

impl<'a> HeaderView<'a> {
    /// A parameter's value, from whichever part holds it; `None` when absent.
    pub fn param(&self, name: &str) -> Option<Cow<'a, Value>> {
        match *self {
            Self::Parts(parts) => parts.get(name).map(|(value, _)| Cow::Borrowed(value)),
            Self::Flat(flat) => flat
                .get(name)
                .map(|value| Cow::Owned(Value::String(value.to_owned()))),
            Self::Empty => None,
        }
    }

    /// A parameter that is a string; `None` when absent or of another JSON type.
    pub fn str_param(&self, name: &str) -> Option<&'a str> {
        match *self {
            Self::Parts(parts) => parts.get(name).and_then(|(value, _)| value.as_str()),
            Self::Flat(flat) => flat.get(name),
            Self::Empty => None,
        }
    }
}
