//! The registered claims (RFC 7519 §4.1), typed.

use crate::NumericDate;

/// The registered claims of a validated JWT (RFC 7519 §4.1), typed: `iss`, `sub`, `aud`,
/// `exp`, `nbf`, `iat`, `jti`.
///
/// Each was checked for its type when the claims were read: a claim of the wrong type makes
/// the token invalid, so "absent" here always means the token does not have it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegisteredClaims {
    pub(crate) iss: Option<String>,
    pub(crate) sub: Option<String>,
    pub(crate) aud: Option<Audience>,
    pub(crate) exp: Option<NumericDate>,
    pub(crate) nbf: Option<NumericDate>,
    pub(crate) iat: Option<NumericDate>,
    pub(crate) jti: Option<String>,
}

impl RegisteredClaims {
    /// `iss` (RFC 7519 §4.1.1).
    pub fn issuer(&self) -> Option<&str> {
        self.iss.as_deref()
    }

    /// `sub` (RFC 7519 §4.1.2).
    pub fn subject(&self) -> Option<&str> {
        self.sub.as_deref()
    }

    /// `aud` (RFC 7519 §4.1.3).
    pub fn audience(&self) -> Option<&Audience> {
        self.aud.as_ref()
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
        self.jti.as_deref()
    }
}

/// The `aud` claim: one or more non-empty strings (a JSON string, or a non-empty array of
/// strings; RFC 7519 §4.1.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Audience {
    values: Vec<String>,
    array: bool,
}

impl Audience {
    pub(crate) fn new(values: Vec<String>, array: bool) -> Self {
        Self { values, array }
    }

    /// The audiences, in the token's order.
    pub fn values(&self) -> &[String] {
        &self.values
    }

    /// Whether `audience` is one of them (exact, case-sensitive comparison).
    pub fn contains(&self, audience: &str) -> bool {
        self.values.iter().any(|a| a == audience)
    }

    /// Whether the token gave an array (`"aud":["a"]`) rather than a string (`"aud":"a"`).
    pub fn is_array(&self) -> bool {
        self.array
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessors() {
        let claims = RegisteredClaims {
            iss: Some("i".into()),
            sub: Some("s".into()),
            aud: Some(Audience::new(vec!["a".into(), "b".into()], true)),
            exp: Some(NumericDate::from_secs(3).unwrap()),
            nbf: Some(NumericDate::from_secs(1).unwrap()),
            iat: Some(NumericDate::from_secs(2).unwrap()),
            jti: Some("j".into()),
        };
        assert_eq!(claims.issuer(), Some("i"));
        assert_eq!(claims.subject(), Some("s"));
        let aud = claims.audience().unwrap();
        assert!(aud.contains("b") && !aud.contains("B") && aud.is_array());
        assert_eq!(aud.values(), ["a", "b"]);
        assert_eq!(claims.expires_at().unwrap().secs(), 3);
        assert_eq!(claims.not_before().unwrap().secs(), 1);
        assert_eq!(claims.issued_at().unwrap().secs(), 2);
        assert_eq!(claims.jwt_id(), Some("j"));
        assert_eq!(RegisteredClaims::default().issuer(), None);
    }
}
