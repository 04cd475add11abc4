//! The check shared by the JWE decrypt fuzz targets: decrypting never panics, and a token
//! that decrypts decrypts again to the same plaintext.
#![allow(dead_code)]

use jose_jwe::{Decrypter, KeyResolver};

/// Decrypts `data` (when it is UTF-8) twice with `decrypter` and `keys`.
pub fn check(decrypter: &Decrypter, keys: &(impl KeyResolver + ?Sized), data: &[u8]) {
    let Ok(token) = std::str::from_utf8(data) else { return };
    if let Ok(first) = decrypter.decrypt_compact(token, keys) {
        let again = decrypter.decrypt_compact(token, keys).expect("decrypts again");
        assert_eq!(first.plaintext(), again.plaintext());
    }
}
