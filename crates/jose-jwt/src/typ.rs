//! Explicit typing (RFC 8725 §3.11): the `typ` header compared as a media type (RFC 7515
//! §4.1.9).

use crate::Error;
use jose_b64::printable;

/// What the validation accepts in the `typ` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum TypPolicy {
    /// The default: no `typ`, or the generic `JWT` (`application/jwt`). A token of a specific
    /// type (`at+jwt`, `logout+jwt`, …) is refused, so that a token made for another purpose
    /// is never taken for this one (RFC 8725 §2.8, §3.12).
    Generic,
    /// Exactly this type (stored normalized), which must be present.
    Expect { shown: String, normalized: String },
    /// Any `typ`, or none (an explicit choice of the application).
    Ignore,
}

impl TypPolicy {
    /// The policy for an expected type, such as `"at+jwt"` or `"application/at+jwt"`. An
    /// empty value, or one with surrounding spaces, matches nothing (fails closed).
    pub(crate) fn expect(typ: &str) -> Self {
        let usable = !typ.is_empty() && typ.trim() == typ;
        Self::Expect {
            shown: printable(typ),
            // No `typ` value is a match for the empty string (see `same_type`).
            normalized: if usable {
                normalize(typ)
            } else {
                String::new()
            },
        }
    }

    /// Checks the token's `typ` header (`None` when absent).
    pub(crate) fn check(&self, typ: Option<&str>) -> Result<(), Error> {
        match (self, typ) {
            (Self::Ignore, _) | (Self::Generic, None) => Ok(()),
            (Self::Generic, Some(found)) if same_type(found, "application/jwt") => Ok(()),
            (Self::Generic, Some(found)) => Err(Error::TypeNotAccepted {
                found: Some(printable(found)),
                expected: "expected \"JWT\" or none; a token of a specific type needs \
                           Validation::typ, or Validation::ignore_typ"
                    .into(),
            }),
            (Self::Expect { normalized, .. }, Some(found)) if same_type(found, normalized) => {
                Ok(())
            }
            (Self::Expect { shown, .. }, found) => Err(Error::TypeNotAccepted {
                found: found.map(printable),
                expected: format!("expected \"{shown}\""),
            }),
        }
    }
}

/// Whether two media types are the same: compared case-insensitively, with `application/`
/// prepended to a value without `/` (RFC 7515 §4.1.9). `normalized` is already normalized.
pub(crate) fn same_type(found: &str, normalized: &str) -> bool {
    const PREFIX: &str = "application/";
    if found.contains('/') {
        found.eq_ignore_ascii_case(normalized)
    } else {
        normalized
            .strip_prefix(PREFIX)
            .is_some_and(|rest| found.eq_ignore_ascii_case(rest))
    }
}

/// Lowercase, with `application/` prepended to a value without `/`.
fn normalize(typ: &str) -> String {
    let lower = typ.to_ascii_lowercase();
    if lower.contains('/') {
        lower
    } else {
        format!("application/{lower}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_compare_per_rfc_7515() {
        let at = normalize("at+jwt");
        assert_eq!(at, "application/at+jwt");
        for same in [
            "at+jwt",
            "AT+JWT",
            "application/at+jwt",
            "Application/AT+jwt",
        ] {
            assert!(same_type(same, &at), "{same}");
        }
        for other in [
            "at+jwt ",
            "jwt",
            "text/at+jwt",
            "application/",
            "",
            "at+jwt\0",
        ] {
            assert!(!same_type(other, &at), "{other:?}");
        }
        assert_eq!(normalize("Application/JWT"), "application/jwt");
    }

    #[test]
    fn policies() {
        let generic = TypPolicy::Generic;
        assert!(generic.check(None).is_ok());
        assert!(generic.check(Some("JWT")).is_ok());
        assert!(generic.check(Some("application/jwt")).is_ok());
        let e = generic.check(Some("at+jwt")).unwrap_err();
        assert_eq!(e.code(), "ERR_JWT_CLAIM_VALIDATION_FAILED");
        assert!(e.to_string().contains("\"at+jwt\""), "{e}");

        let at = TypPolicy::expect("at+jwt");
        assert!(at.check(Some("AT+JWT")).is_ok());
        assert!(at.check(Some("application/at+jwt")).is_ok());
        assert!(at.check(Some("at+jwt ")).is_err());
        assert!(at.check(Some("JWT")).is_err());
        let e = at.check(None).unwrap_err();
        assert!(e.to_string().contains("no type"), "{e}");

        assert!(TypPolicy::Ignore.check(Some("anything")).is_ok());
        assert!(TypPolicy::Ignore.check(None).is_ok());
        for bad in ["", " at+jwt", "at+jwt "] {
            let policy = TypPolicy::expect(bad);
            for typ in [
                "",
                "/",
                "application/",
                " at+jwt",
                "at+jwt ",
                "at+jwt",
                "JWT",
            ] {
                assert!(policy.check(Some(typ)).is_err(), "{bad:?} matched {typ:?}");
            }
            assert!(policy.check(None).is_err());
        }
    }
}
