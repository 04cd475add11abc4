// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
use std::collections::HashSet;

use proptest::prelude::*;

use super::*;
use crate::test_util::{assert_decryption_failed, b64, secret};

/// RFC 7520 §5.7.3: A256GCMKW over the 32-byte CEK of an A128CBC-HS256 JWE.
#[test]
fn rfc7520_5_7_known_answer() {
    let kek = secret(&b64("qC57l_uxcm7Nm3K-ct4GFjx8tM1U8CZ0NLBvdQstiS8"));
    let cek = secret(&b64("UWxARpat23nL9ReIj4WG3D1ee9I4r-Mv5QLuFXdy_rE"));
    let iv: [u8; IV_LEN] = b64("KkYT0GX_2jHlfqN_").try_into().unwrap();
    let encrypted_key = b64("lJf3HbOApxMEBkCMOoTnnABxs_CvTWUmZQ2ElLvYNok");
    let tag = b64("kfPduVQ3T3H6vnewt--ksw");

    let (e, i, t) = wrap_with_iv(&kek, &cek, iv).unwrap();
    assert_eq!(
        (e.as_slice(), &i[..], &t[..]),
        (&encrypted_key[..], &iv[..], &tag[..])
    );
    assert_eq!(unwrap(&kek, &encrypted_key, &iv, &tag, 32).unwrap(), cek);
}

#[test]
fn round_trip_every_kek_size_with_fresh_ivs() {
    let mut ivs = HashSet::new();
    for kek_len in [16, 24, 32] {
        let kek = secret(&vec![0x42; kek_len]);
        for cek_len in [16, 24, 32, 48, 64] {
            let cek = secret(&vec![0x17; cek_len]);
            let (encrypted_key, iv, tag) = wrap(&kek, &cek).unwrap();
            assert_eq!(encrypted_key.len(), cek_len);
            assert_ne!(encrypted_key.as_slice(), cek.expose_secret());
            assert!(ivs.insert(iv), "repeated IV");
            assert_eq!(
                unwrap(&kek, &encrypted_key, &iv, &tag, cek_len).unwrap(),
                cek
            );
        }
    }
    // The same CEK wrapped twice: another IV, so another encrypted key and tag.
    let kek = secret(&[1; 16]);
    let cek = secret(&[2; 32]);
    let (e1, i1, t1) = wrap(&kek, &cek).unwrap();
    let (e2, i2, t2) = wrap(&kek, &cek).unwrap();
    assert_ne!(i1, i2);
    assert_ne!(e1, e2);
    assert_ne!(t1, t2);
}

/// security.md #19: `iv` and `tag` of the wrong length, and everything else that can be wrong.
#[test]
fn every_unwrap_failure_is_the_decryption_error() {
    let kek = secret(&[0x42; 16]);
    let cek = secret(&[0x17; 32]);
    let (encrypted_key, iv, tag) = wrap(&kek, &cek).unwrap();
    let mut messages = HashSet::new();
    let mut check = |result: Result<SecretBytes, Error>, what: &str| {
        messages.insert(assert_decryption_failed(result, what));
    };

    for len in [0usize, 3, 8, 11, 13, 16] {
        let mut bad = iv.to_vec();
        bad.resize(len, 0);
        check(
            unwrap(&kek, &encrypted_key, &bad, &tag, 32),
            &format!("{len}-byte iv"),
        );
    }
    for len in [0usize, 1, 12, 15, 17, 32] {
        let mut bad = tag.to_vec();
        bad.resize(len, 0);
        check(
            unwrap(&kek, &encrypted_key, &iv, &bad, 32),
            &format!("{len}-byte tag"),
        );
    }
    for len in [0usize, 16, 31, 33, 1 << 20] {
        let mut bad = encrypted_key.clone();
        bad.resize(len, 0);
        check(
            unwrap(&kek, &bad, &iv, &tag, 32),
            &format!("{len}-byte encrypted key"),
        );
    }
    check(
        unwrap(&kek, &encrypted_key, &iv, &tag, 16),
        "another CEK length",
    );
    check(unwrap(&kek, &[], &iv, &tag, 0), "empty CEK");
    for kek_len in [0, 8, 15, 17, 24, 32, 33] {
        check(
            unwrap(&secret(&vec![0x42; kek_len]), &encrypted_key, &iv, &tag, 32),
            &format!("{kek_len}-byte KEK"),
        );
    }
    for bit in 0..encrypted_key.len() * 8 {
        let mut bad = encrypted_key.clone();
        bad[bit / 8] ^= 1 << (bit % 8);
        check(
            unwrap(&kek, &bad, &iv, &tag, 32),
            "flipped encrypted-key bit",
        );
    }
    for bit in 0..IV_LEN * 8 {
        let mut bad = iv;
        bad[bit / 8] ^= 1 << (bit % 8);
        check(
            unwrap(&kek, &encrypted_key, &bad, &tag, 32),
            "flipped iv bit",
        );
    }
    for bit in 0..TAG_LEN * 8 {
        let mut bad = tag;
        bad[bit / 8] ^= 1 << (bit % 8);
        check(
            unwrap(&kek, &encrypted_key, &iv, &bad, 32),
            "flipped tag bit",
        );
    }
    check(
        unwrap(&secret(&[0x43; 16]), &encrypted_key, &iv, &tag, 32),
        "another KEK",
    );
    assert_eq!(messages.len(), 1);
}

#[test]
fn wrap_rejects_bad_inputs_descriptively() {
    let cek = secret(&[1; 32]);
    for kek_len in [0, 8, 15, 17, 31, 33, 64] {
        let err = wrap(&secret(&vec![1; kek_len]), &cek).unwrap_err();
        assert_eq!(err.code(), "ERR_JOSE_KEY_INVALID", "{kek_len}");
    }
    let err = wrap(&secret(&[1; 16]), &SecretBytes::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid JWE input: the CEK to wrap is empty"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn prop_round_trip(
        kek_len in prop::sample::select(vec![16usize, 24, 32]),
        kek in prop::collection::vec(any::<u8>(), 32),
        cek in prop::collection::vec(any::<u8>(), 1..=64),
    ) {
        let kek = secret(&kek[..kek_len]);
        let cek = secret(&cek);
        let (encrypted_key, iv, tag) = wrap(&kek, &cek).unwrap();
        prop_assert_eq!(unwrap(&kek, &encrypted_key, &iv, &tag, cek.len()).unwrap(), cek);
    }
}
