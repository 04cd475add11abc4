//! The check shared by the JWE decrypt fuzz targets: decrypting never panics, a token that
//! decrypts decrypts again to the same plaintext, and `Decrypter::decrypt_compact` (which
//! takes the flat-header path when it can) agrees with the general path of
//! `UnverifiedCompactJwe`, errors included; a token that decrypts, with one bit flipped in
//! its encrypted key, IV, ciphertext or tag (or in an uninterpreted protected header member),
//! is refused with `Error::DecryptionFailed`, and with any bit of its header flipped it is
//! refused.
#![allow(dead_code)]

use jose_jwe::compact::UnverifiedCompactJwe;
use jose_jwe::{Decrypter, DecryptingKeyResolver, Error};

#[path = "tamper.rs"]
mod tamper;

/// The header parameters a decrypter reads (RFC 7516 §4.1, RFC 7518 §4.6–4.8).
const INTERPRETED: &[&str] = &[
    "alg", "enc", "zip", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty",
    "crit", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c",
];

/// Decrypts `data` (when it is UTF-8) with `decrypter` and `keys`, both ways.
pub fn check(decrypter: &Decrypter, keys: &(impl DecryptingKeyResolver + ?Sized), data: &[u8]) {
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
            let bit = data.iter().map(|&b| usize::from(b)).sum::<usize>();
            tampered(decrypter, keys, token, bit);
        }
        (Err(fast), Err(general)) => assert_eq!(fast, general),
        _ => panic!(
            "the two paths disagree: {:?} / {:?}",
            first.as_ref().err(),
            general.as_ref().err()
        ),
    }
}

/// One bit flipped in each segment of a token that decrypted: the specific refusal.
fn tampered(
    decrypter: &Decrypter,
    keys: &(impl DecryptingKeyResolver + ?Sized),
    token: &str,
    bit: usize,
) {
    let refusal = |token: &str| match decrypter.decrypt_compact(token, keys) {
        Ok(_) => panic!("a tampered JWE decrypted: {token}"),
        Err(e) => e,
    };
    // Encrypted key, IV, ciphertext, tag (each when not empty).
    for index in 1..=4 {
        if let Some(changed) = tamper::flip_segment(token, index, bit) {
            assert_eq!(
                refusal(&changed),
                Error::DecryptionFailed,
                "segment {index}"
            );
        }
    }
    if let Some(changed) = tamper::flip_segment(token, 0, bit) {
        let _ = refusal(&changed);
    }
    if let Some(changed) = tamper::flip_uninterpreted(token, INTERPRETED, bit) {
        assert_eq!(
            refusal(&changed),
            Error::DecryptionFailed,
            "an uninterpreted header member"
        );
    }
}
