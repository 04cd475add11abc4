// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
use std::collections::HashSet;

use proptest::prelude::*;

use super::*;
use crate::test_util::{assert_decryption_failed, b64, hex, secret};

/// RFC 3394 §4.1–§4.6: (section, KEK, key data, ciphertext), all hexadecimal.
const RFC3394: [(&str, &str, &str, &str); 6] = [
    (
        "4.1 128 bits of key data with a 128-bit KEK",
        "000102030405060708090A0B0C0D0E0F",
        "00112233445566778899AABBCCDDEEFF",
        "1FA68B0A8112B447 AEF34BD8FB5A7B82 9D3E862371D2CFE5",
    ),
    (
        "4.2 128 bits of key data with a 192-bit KEK",
        "000102030405060708090A0B0C0D0E0F1011121314151617",
        "00112233445566778899AABBCCDDEEFF",
        "96778B25AE6CA435 F92B5B97C050AED2 468AB8A17AD84E5D",
    ),
    (
        "4.3 128 bits of key data with a 256-bit KEK",
        "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
        "00112233445566778899AABBCCDDEEFF",
        "64E8C3F9CE0F5BA2 63E9777905818A2A 93C8191E7D6E8AE7",
    ),
    (
        "4.4 192 bits of key data with a 192-bit KEK",
        "000102030405060708090A0B0C0D0E0F1011121314151617",
        "00112233445566778899AABBCCDDEEFF0001020304050607",
        "031D33264E15D332 68F24EC260743EDC E1C6C7DDEE725A93 6BA814915C6762D2",
    ),
    (
        "4.5 192 bits of key data with a 256-bit KEK",
        "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
        "00112233445566778899AABBCCDDEEFF0001020304050607",
        "A8F9BC1612C68B3F F6E6F4FBE30E71E4 769C8B80A32CB895 8CD5D17D6B254DA1",
    ),
    (
        "4.6 256 bits of key data with a 256-bit KEK",
        "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
        "00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F",
        "28C9F404C4B810F4 CBCCB35CFB87F826 3F5786E2D80ED326 CBC7F0E71A99F43B FB988B9B7A02DD21",
    ),
];

#[test]
fn rfc3394_section_4() {
    for (section, kek, key, wrapped) in RFC3394 {
        let kek = secret(&hex(&[kek]));
        let key = secret(&hex(&[key]));
        let expected = hex(&[wrapped]);
        assert_eq!(wrap(&kek, &key).unwrap(), expected, "RFC 3394 §{section}");
        assert_eq!(
            unwrap(&kek, &expected, key.len()).unwrap(),
            key,
            "RFC 3394 §{section}"
        );
    }
}

/// RFC 7516 App. A.3.3 (A128KW, a 32-byte CEK for A128CBC-HS256) and RFC 7520 §5.8.3 (A128KW,
/// a 16-byte CEK for A128GCM).
#[test]
fn jose_known_answers() {
    let kek = secret(&b64("GawgguFyGrWKav7AX4VKUg"));
    let cek = secret(&[
        4, 211, 31, 197, 84, 157, 252, 254, 11, 100, 157, 250, 63, 170, 106, 206, 107, 124, 212,
        45, 111, 107, 9, 219, 200, 177, 0, 240, 143, 156, 44, 207,
    ]);
    let encrypted_key = b64("6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ");
    assert_eq!(wrap(&kek, &cek).unwrap(), encrypted_key);
    assert_eq!(unwrap(&kek, &encrypted_key, 32).unwrap(), cek);

    let kek = secret(&b64("GZy6sIZ6wl9NJOKB-jnmVQ"));
    let cek = secret(&b64("aY5_Ghmk9KxWPBLu_glx1w"));
    let encrypted_key = b64("CBI6oDw8MydIx1IBntf_lQcw2MmJKIQx");
    assert_eq!(wrap(&kek, &cek).unwrap(), encrypted_key);
    assert_eq!(unwrap(&kek, &encrypted_key, 16).unwrap(), cek);
}

/// security.md #18: A128KW with an `encrypted_key` of 0, 8, 16, 25 bytes and 1 MB.
#[test]
fn wrong_wrapped_lengths_are_the_decryption_error() {
    let kek = secret(&[9; 16]);
    let mut messages = HashSet::new();
    for expected_cek_len in [16, 32] {
        let good = wrap(&kek, &secret(&vec![3; expected_cek_len])).unwrap();
        assert!(unwrap(&kek, &good, expected_cek_len).is_ok());
        for len in [
            0,
            8,
            16,
            25,
            1 << 20,
            expected_cek_len + 7,
            expected_cek_len + 9,
        ] {
            if len == expected_cek_len + 8 {
                continue;
            }
            let mut wrapped = good.clone();
            wrapped.resize(len, 0xa6);
            messages.insert(assert_decryption_failed(
                unwrap(&kek, &wrapped, expected_cek_len),
                &format!("{len}-byte encrypted key for a {expected_cek_len}-byte CEK"),
            ));
        }
        // The right length for another CEK size.
        messages.insert(assert_decryption_failed(
            unwrap(&kek, &good, expected_cek_len + 8),
            "another CEK length",
        ));
    }
    assert_eq!(messages.len(), 1);
}

#[test]
fn invalid_expected_cek_lengths_are_the_decryption_error() {
    let kek = secret(&[9; 16]);
    // A genuine single-block AES Key Wrap output (RFC 3394 needs at least two blocks; the
    // `aes-kw` crate accepts one).
    let mut one_block = [0u8; 16];
    AesKw::<Aes128>::new_from_slice(kek.expose_secret())
        .unwrap()
        .wrap_key(&[5; 8], &mut one_block)
        .unwrap();
    let mut messages = HashSet::new();
    messages.insert(assert_decryption_failed(
        unwrap(&kek, &one_block, 8),
        "8-byte CEK",
    ));
    for expected in [0, 1, 7, 17, usize::MAX, usize::MAX - 7] {
        messages.insert(assert_decryption_failed(
            unwrap(&kek, &[0; 24], expected),
            &format!("expected CEK length {expected}"),
        ));
    }
    assert_eq!(messages.len(), 1);
}

#[test]
fn tampering_and_wrong_keks_are_the_decryption_error() {
    let mut messages = HashSet::new();
    for kek_len in [16, 24, 32] {
        let kek = secret(&vec![0x42; kek_len]);
        let cek = secret(&[0x17; 32]);
        let wrapped = wrap(&kek, &cek).unwrap();
        for bit in 0..wrapped.len() * 8 {
            let mut bad = wrapped.clone();
            bad[bit / 8] ^= 1 << (bit % 8);
            messages.insert(assert_decryption_failed(
                unwrap(&kek, &bad, 32),
                &format!("{kek_len}-byte KEK, bit {bit}"),
            ));
        }
        let mut other = kek.expose_secret().to_vec();
        other[0] ^= 1;
        messages.insert(assert_decryption_failed(
            unwrap(&secret(&other), &wrapped, 32),
            "another KEK",
        ));
        // The same bytes under a KEK of another size.
        for other_len in [0, 8, 15, 17, 16, 24, 32, 33, 64] {
            if other_len == kek_len {
                continue;
            }
            messages.insert(assert_decryption_failed(
                unwrap(&secret(&vec![0x42; other_len]), &wrapped, 32),
                &format!("{other_len}-byte KEK"),
            ));
        }
    }
    assert_eq!(messages.len(), 1);
}

#[test]
fn wrap_rejects_bad_inputs_descriptively() {
    let cek = secret(&[1; 32]);
    for kek_len in [0, 8, 15, 17, 31, 33, 64] {
        let err = wrap(&secret(&vec![1; kek_len]), &cek).unwrap_err();
        assert_eq!(err.code(), "ERR_JOSE_KEY_INVALID");
        assert_eq!(
            err.to_string(),
            format!(
                "invalid key: an AES Key Wrap KEK must be 16, 24 or 32 bytes (A128KW, A192KW, \
                 A256KW), got {kek_len} bytes"
            )
        );
    }
    for cek_len in [0, 1, 8, 15, 17, 33] {
        let err = wrap(&secret(&[1; 16]), &secret(&vec![1; cek_len])).unwrap_err();
        assert_eq!(err.code(), "ERR_JWE_INVALID");
        assert_eq!(
            err.to_string(),
            format!(
                "invalid JWE input: AES Key Wrap needs a CEK of a multiple of 8 bytes, at least \
                 16, got {cek_len} bytes"
            )
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn prop_round_trip(
        kek_len in prop::sample::select(vec![16usize, 24, 32]),
        cek_len in prop::sample::select(vec![16usize, 24, 32, 48, 64]),
        kek in prop::collection::vec(any::<u8>(), 32),
        cek in prop::collection::vec(any::<u8>(), 64),
    ) {
        let kek = secret(&kek[..kek_len]);
        let cek = secret(&cek[..cek_len]);
        let wrapped = wrap(&kek, &cek).unwrap();
        prop_assert_eq!(wrapped.len(), cek_len + OVERHEAD);
        prop_assert_eq!(unwrap(&kek, &wrapped, cek_len).unwrap(), cek);
    }

    #[test]
    fn prop_random_bytes_do_not_unwrap(
        kek in prop::collection::vec(any::<u8>(), 16),
        wrapped in prop::collection::vec(any::<u8>(), 0..80),
        expected in 0usize..72,
    ) {
        // 2^-64 chance of a false positive per case with the right length.
        assert_decryption_failed(unwrap(&secret(&kek), &wrapped, expected), "random bytes");
    }
}
