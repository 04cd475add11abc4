//! The registered claims (RFC 7519 §4.1), typed.

use core::fmt;

use crate::NumericDate;

/// The registered claims of a validated JWT (RFC 7519 §4.1), typed: `iss`, `sub`, `aud`,
/// `exp`, `nbf`, `iat`, `jti`.
///
/// Each was checked for its type when the claims were read: a claim of the wrong type makes
/// the token invalid, so "absent" here always means the token does not have it. (The strings
/// share one buffer: reading them costs one allocation, not one each.)
#[derive(Clone, Default)]
pub struct RegisteredClaims {
    pub(crate) text: String,
    pub(crate) iss: Option<Span>,
    pub(crate) sub: Option<Span>,
    pub(crate) aud: Option<AudSpans>,
    pub(crate) exp: Option<NumericDate>,
    pub(crate) nbf: Option<NumericDate>,
    pub(crate) iat: Option<NumericDate>,
    pub(crate) jti: Option<Span>,
}

/// Where a string is in the buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    start: usize,
    end: usize,
}

/// Where the audiences are in the buffer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum AudSpans {
    One(Span),
    Many(Vec<Span>),
}

impl RegisteredClaims {
    fn push(&mut self, s: &str) -> Span {
        if self.text.capacity() == 0 {
            // Typical registered strings (an issuer URL, a subject, an audience, a UUID)
            // fit: one allocation for all of them.
            self.text.reserve(s.len().max(128));
        }
        let start = self.text.len();
        self.text.push_str(s);
        Span {
            start,
            end: self.text.len(),
        }
    }

    fn get(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or_default()
    }

    pub(crate) fn set_iss(&mut self, iss: &str) {
        self.iss = Some(self.push(iss));
    }

    pub(crate) fn set_sub(&mut self, sub: &str) {
        self.sub = Some(self.push(sub));
    }

    pub(crate) fn set_jti(&mut self, jti: &str) {
        self.jti = Some(self.push(jti));
    }

    /// `aud`: one string (`array` false), or the strings of an array.
    pub(crate) fn set_aud<'s>(&mut self, values: impl IntoIterator<Item = &'s str>, array: bool) {
        let spans: Vec<Span> = values.into_iter().map(|v| self.push(v)).collect();
        self.aud = match (array, spans.as_slice()) {
            (false, [one]) => Some(AudSpans::One(*one)),
            _ => Some(AudSpans::Many(spans)),
        };
    }

    /// `iss` (RFC 7519 §4.1.1).
    pub fn issuer(&self) -> Option<&str> {
        self.iss.map(|s| self.get(s))
    }

    /// `sub` (RFC 7519 §4.1.2).
    pub fn subject(&self) -> Option<&str> {
        self.sub.map(|s| self.get(s))
    }

    /// `aud` (RFC 7519 §4.1.3).
    pub fn audience(&self) -> Option<Audience<'_>> {
        self.aud.as_ref().map(|spans| Audience {
            claims: self,
            spans,
        })
    }

    /// `exp` (RFC 7519 §4.1.4).
    pub fn expires_at(&self) -> Option<NumericDate> {
        self.exp
    }

    /// `nbf` (RFC 7519 §4.1.5).
    pub fn not_before(&self) -> Option<NumericDate> {
        self.nbf
    }

    /// `iat` (RFC 7519 §4.1.6).
    pub fn issued_at(&self) -> Option<NumericDate> {
        self.iat
    }

    /// `jti` (RFC 7519 §4.1.7).
    pub fn jwt_id(&self) -> Option<&str> {
        self.jti.map(|s| self.get(s))
    }
}

impl PartialEq for RegisteredClaims {
    fn eq(&self, other: &Self) -> bool {
        self.issuer() == other.issuer()
            && self.subject() == other.subject()
            && self.audience() == other.audience()
            && self.exp == other.exp
            && self.nbf == other.nbf
            && self.iat == other.iat
            && self.jwt_id() == other.jwt_id()
    }
}

impl Eq for RegisteredClaims {}

impl fmt::Debug for RegisteredClaims {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RegisteredClaims")
            .field("iss", &self.issuer())
            .field("sub", &self.subject())
            .field("aud", &self.audience())
            .field("exp", &self.exp)
            .field("nbf", &self.nbf)
            .field("iat", &self.iat)
            .field("jti", &self.jwt_id())
            .finish()
    }
}

/// The `aud` claim: one or more non-empty strings (a JSON string, or a non-empty array of
/// strings; RFC 7519 §4.1.3).
#[derive(Clone, Copy)]
pub struct Audience<'a> {
    claims: &'a RegisteredClaims,
    spans: &'a AudSpans,
}

impl<'a> Audience<'a> {
    /// The audiences, in the token's order.
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        let claims = self.claims;
        let spans = match self.spans {
            AudSpans::One(one) => core::slice::from_ref(one),
            AudSpans::Many(many) => many.as_slice(),
        };
        spans.iter().map(move |&span| claims.get(span))
    }

    /// How many audiences there are (at least one).
    pub fn len(&self) -> usize {
        match self.spans {
            AudSpans::One(_) => 1,
            AudSpans::Many(many) => many.len(),
        }
    }

    /// Always false: an `aud` without values is refused when the claims are read.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether `audience` is one of them (exact, case-sensitive comparison).
    pub fn contains(&self, audience: &str) -> bool {
        self.iter().any(|a| a == audience)
    }

    /// Whether the token gave an array (`"aud":["a"]`) rather than a string (`"aud":"a"`).
    pub fn is_array(&self) -> bool {
        matches!(self.spans, AudSpans::Many(_))
    }

    /// The audiences as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }
}

impl PartialEq for Audience<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.is_array() == other.is_array() && self.iter().eq(other.iter())
    }
}

impl fmt::Debug for Audience<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessors() {
        let mut claims = RegisteredClaims {
            exp: Some(NumericDate::from_secs(3).unwrap()),
            nbf: Some(NumericDate::from_secs(1).unwrap()),
            iat: Some(NumericDate::from_secs(2).unwrap()),
            ..RegisteredClaims::default()
        };
        claims.set_iss("i");
        claims.set_sub("s");
        claims.set_aud(["a", "b"], true);
        claims.set_jti(&"j".repeat(200));
        assert_eq!(claims.issuer(), Some("i"));
        assert_eq!(claims.subject(), Some("s"));
        let aud = claims.audience().unwrap();
        assert!(aud.contains("b") && !aud.contains("B") && aud.is_array());
        assert_eq!(aud.to_vec(), ["a", "b"]);
        assert_eq!((aud.len(), aud.is_empty()), (2, false));
        assert_eq!(format!("{aud:?}"), "[\"a\", \"b\"]");
        assert_eq!(claims.expires_at().unwrap().secs(), 3);
        assert_eq!(claims.not_before().unwrap().secs(), 1);
        assert_eq!(claims.issued_at().unwrap().secs(), 2);
        assert_eq!(claims.jwt_id(), Some("j".repeat(200).as_str()));
        assert_eq!(RegisteredClaims::default().issuer(), None);
        assert!(format!("{claims:?}").contains("iss: Some(\"i\")"));

        let mut one = RegisteredClaims::default();
        one.set_aud(["a"], false);
        let mut array = RegisteredClaims::default();
        array.set_aud(["a"], true);
        assert!(!one.audience().unwrap().is_array());
        assert_ne!(one, array);
        assert_eq!(one.clone(), one);
    }
}
