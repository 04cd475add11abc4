//! Reading the profiles' claims from a verified claims set.

use jose_b64::serde_json::{Map, Value};

use crate::Error;

/// A string claim: `None` when absent, an error when of another type.
pub(crate) fn string<'a>(
    claims: &'a Map<String, Value>,
    name: &'static str,
) -> Result<Option<&'a str>, Error> {
    match claims.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(Error::invalid_claim(name, "not a string")),
    }
}

/// A string claim that must be present.
pub(crate) fn required_string<'a>(
    claims: &'a Map<String, Value>,
    name: &'static str,
) -> Result<&'a str, Error> {
    string(claims, name)?.ok_or_else(|| Error::missing(name))
}

/// A NumericDate claim other than the registered ones (`auth_time`): a non-negative JSON
/// integer of at most 253402300799 (RFC 7519 §2), `None` when absent.
pub(crate) fn numeric_date(
    claims: &Map<String, Value>,
    name: &'static str,
) -> Result<Option<u64>, Error> {
    match claims.get(name) {
        None => Ok(None),
        Some(Value::Number(n)) => n
            .as_u64()
            .or_else(|| {
                // A NumericDate may have a fraction; the whole seconds are compared.
                n.as_f64()
                    .filter(|f| f.is_finite() && *f >= 0.0 && *f <= 253_402_300_799.0)
                    .map(|f| f.trunc() as u64)
            })
            .filter(|&s| s <= 253_402_300_799)
            .map(Some)
            .ok_or_else(|| Error::invalid_claim(name, "not a NumericDate")),
        Some(_) => Err(Error::invalid_claim(name, "not a NumericDate")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types() {
        let map: Map<String, Value> = jose_b64::serde_json::from_str(
            r#"{"s":"x","n":1,"f":1.5,"neg":-1,"big":1e300,"str":"1"}"#,
        )
        .unwrap();
        assert_eq!(string(&map, "s").unwrap(), Some("x"));
        assert_eq!(string(&map, "absent").unwrap(), None);
        assert!(string(&map, "n").is_err());
        assert!(required_string(&map, "absent").is_err());
        assert_eq!(numeric_date(&map, "n").unwrap(), Some(1));
        assert_eq!(numeric_date(&map, "f").unwrap(), Some(1));
        for bad in ["neg", "big", "str"] {
            assert!(numeric_date(&map, bad).is_err(), "{bad}");
        }
    }
}
