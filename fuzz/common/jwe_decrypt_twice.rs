//! The check shared by the JWE decrypt fuzz targets: decrypting never panics, a token that
//! decrypts decrypts again to the same plaintext, and `Decrypter::decrypt_compact` (which
//! takes the flat-header path when it can) agrees with the general path of
//! `UnverifiedCompactJwe`, errors included.
#![allow(dead_code)]

use jose_jwe::compact::UnverifiedCompactJwe;
use jose_jwe::{Decrypter, KeyResolver};

/// Decrypts `data` (when it is UTF-8) with `decrypter` and `keys`, both ways.
pub fn check(decrypter: &Decrypter, keys: &(impl KeyResolver + ?Sized), data: &[u8]) {
    let Ok(token) = std::str::from_utf8(data) else {
        return;
    };
    let first = decrypter.decrypt_compact(token, keys);
    let general = UnverifiedCompactJwe::parse_with(token, decrypter.limits())
        .and_then(|parsed| parsed.decrypt(decrypter, keys));
    match (&first, &general) {
        (Ok(fast), Ok(general)) => {
            assert_eq!(fast.plaintext(), general.plaintext());
            assert_eq!(fast.protected_header(), general.protected_header());
            assert_eq!(
                (fast.alg(), fast.enc(), fast.kid()),
                (general.alg(), general.enc(), general.kid())
            );
            let again = decrypter
                .decrypt_compact(token, keys)
                .expect("decrypts again");
            assert_eq!(fast.plaintext(), again.plaintext());
        }
        (Err(fast), Err(general)) => assert_eq!(fast, general),
        _ => panic!(
            "the two paths disagree: {:?} / {:?}",
            first.as_ref().err(),
            general.as_ref().err()
        ),
    }
}
