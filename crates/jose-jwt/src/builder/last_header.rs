//! The encoded protected header of the last token a builder made on this thread without
//! keeping a cache, for the next builder with the same header.
//!
//! A server that makes a builder per token (one per user) signs every token with the same
//! header: `typ`, perhaps `kid`, and the key's `alg` and `kid`. Writing that header's JSON
//! and base64url-encoding it is a good part of signing a short claims set with HMAC, and a
//! builder used once cannot keep it; so each thread keeps the last one, for builders without
//! other header parameters. A header is public data: nothing derived from a key's secret is
//! kept.

use std::cell::RefCell;

use jose_jws::SigningKey;
use jose_jws::compact::EncodedHeader;

use crate::Error;

/// The `typ` and `kid` set on the builder, and the header they made.
struct Last {
    typ: Option<String>,
    kid: Option<String>,
    header: EncodedHeader,
}

thread_local! {
    static LAST: RefCell<Option<Last>> = const { RefCell::new(None) };
}

/// Calls `f` with the encoded header of `typ` and `kid` for `key`: the last one made on this
/// thread when it is the same, or one from `make`, then kept.
pub(super) fn with_header<R>(
    typ: Option<&str>,
    kid: Option<&str>,
    key: &SigningKey,
    make: impl FnOnce() -> Result<EncodedHeader, Error>,
    f: impl FnOnce(&EncodedHeader) -> R,
) -> Result<R, Error> {
    LAST.with(|last| {
        // Not borrowed elsewhere: `f` and `make` never reach this module.
        let Ok(mut last) = last.try_borrow_mut() else {
            return Ok(f(&make()?));
        };
        if let Some(kept) = last.as_ref().filter(|kept| {
            kept.typ.as_deref() == typ && kept.kid.as_deref() == kid && kept.header.is_for(key)
        }) {
            return Ok(f(&kept.header));
        }
        let header = make()?;
        let result = f(&header);
        *last = Some(Last {
            typ: typ.map(str::to_owned),
            kid: kid.map(str::to_owned),
            header,
        });
        Ok(result)
    })
}

#[cfg(test)]
mod tests {
    use jose_jws::{Header, JwsAlgorithm};

    use super::*;

    fn encoded(typ: Option<&str>, kid: Option<&str>, key: &SigningKey) -> String {
        let make = || {
            let mut header = Header::new();
            if let Some(typ) = typ {
                header = header.typ(typ);
            }
            if let Some(kid) = kid {
                header = header.kid(kid);
            }
            Ok(EncodedHeader::new(&header, key)?)
        };
        let header = with_header(typ, kid, key, make, |h| h.as_str().to_owned()).unwrap();
        assert_eq!(header, make().unwrap().as_str());
        header
    }

    #[test]
    fn the_last_header_serves_only_the_same_header_and_key() {
        let hs256 = SigningKey::hmac(&[1u8; 32], JwsAlgorithm::HS256).unwrap();
        let hs384 = SigningKey::hmac(&[1u8; 48], JwsAlgorithm::HS384).unwrap();
        let k1 = hs256.clone().with_kid("k1");
        let mut seen = Vec::new();
        for _ in 0..2 {
            for (typ, kid, key) in [
                (Some("JWT"), None, &hs256),
                (Some("JWT"), None, &hs256),
                (Some("at+jwt"), None, &hs256),
                (None, None, &hs256),
                (Some("JWT"), None, &hs384),
                (Some("JWT"), None, &k1),
                (Some("JWT"), Some("mine"), &k1),
                (Some("JWT"), Some("other"), &k1),
                (Some("JWT"), Some("other"), &hs256),
            ] {
                seen.push(encoded(typ, kid, key));
            }
        }
        // Every different header is a different encoding (a kid of the builder's own makes
        // the same header with any key of the algorithm).
        let mut distinct = seen.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 7);
    }

    #[test]
    fn a_failure_to_make_is_reported_and_not_kept() {
        let key = SigningKey::hmac(&[1u8; 32], JwsAlgorithm::HS256).unwrap();
        let e = with_header(
            Some("x"),
            None,
            &key,
            || Err(Error::configuration("no")),
            |_| (),
        )
        .unwrap_err();
        assert_eq!(e.code(), "ERR_JOSE_CONFIGURATION");
        encoded(Some("x"), None, &key);
    }
}
