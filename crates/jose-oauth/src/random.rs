//! Fresh identifiers (`jti`) for the tokens this crate issues.

use jose_b64::base64url;

use crate::Error;

/// 128 random bits, base64url: a `jti` that is unique with overwhelming probability (RFC
/// 9449 §4.2 asks for at least 96 bits).
pub(crate) fn random_id() -> Result<String, Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::configuration(format!("the system random source failed: {e}")))?;
    Ok(base64url::encode(bytes))
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_differ() {
        let a = super::random_id().unwrap();
        assert_eq!(a.len(), 22);
        assert_ne!(a, super::random_id().unwrap());
    }
}
