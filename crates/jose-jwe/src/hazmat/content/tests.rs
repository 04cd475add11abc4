// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
use std::collections::HashSet;

use proptest::prelude::*;

use super::*;
use crate::test_util::{RFC7518_APPENDIX_B, assert_decryption_failed, hex, secret};

const ALL: &[JweEncryption] = JweEncryption::ALL;

/// A valid (cek, iv, aad, ciphertext, tag) for `enc`, made with fixed inputs.
fn sample(enc: JweEncryption) -> (SecretBytes, Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>) {
    let cek = secret(&(1..=enc.key_len()).map(|i| i as u8).collect::<Vec<_>>());
    let iv = vec![0x5a; enc.iv_len()];
    let aad = b"eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0".to_vec();
    let (ciphertext, tag) = encrypt(enc, &cek, &iv, &aad, b"Live long and prosper.").unwrap();
    (cek, iv, aad, ciphertext, tag)
}

// ---------------------------------------------------------------------------------------------
// Known answers.

#[test]
fn rfc7518_appendix_b() {
    for case in &RFC7518_APPENDIX_B {
        let what = case.section;
        let k = secret(&hex(case.k));
        let (p, iv, a) = (hex(case.p), hex(case.iv), hex(case.a));
        let (e, t) = (hex(case.e), hex(case.t));
        assert_eq!(k.len(), case.enc.key_len(), "{what}");
        assert_eq!(t.len(), case.enc.tag_len(), "{what}");

        let (ciphertext, tag) = encrypt(case.enc, &k, &iv, &a, &p).unwrap();
        assert_eq!(ciphertext, e, "{what}: E");
        assert_eq!(tag, t, "{what}: T");

        let plaintext = decrypt(case.enc, &k, &iv, &a, &e, &t).unwrap();
        assert_eq!(plaintext.as_slice(), p.as_slice(), "{what}: P");

        // T is the first half of M: the second half is not a valid tag.
        let m = hex(case.m);
        assert_eq!(
            &m[..t.len()],
            t.as_slice(),
            "{what}: T = first T_LEN octets of M"
        );
        assert_decryption_failed(
            decrypt(case.enc, &k, &iv, &a, &e, &m[t.len()..]),
            "second half of M",
        );
        // Nor is the whole of M.
        assert_decryption_failed(decrypt(case.enc, &k, &iv, &a, &e, &m), "full M");
    }
}

/// RFC 7516 App. A.3.6: "Live long and prosper." with A128CBC-HS256, the AAD being the encoded
/// protected header `{"alg":"A128KW","enc":"A128CBC-HS256"}`.
#[test]
fn rfc7516_a3_a128cbc_hs256() {
    let cek = secret(&[
        4, 211, 31, 197, 84, 157, 252, 254, 11, 100, 157, 250, 63, 170, 106, 206, 107, 124, 212,
        45, 111, 107, 9, 219, 200, 177, 0, 240, 143, 156, 44, 207,
    ]);
    let iv = [
        3, 22, 60, 12, 43, 67, 104, 105, 108, 108, 105, 99, 111, 116, 104, 101,
    ];
    let aad = b"eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0";
    let ciphertext = [
        40, 57, 83, 181, 119, 33, 133, 148, 198, 185, 243, 24, 152, 230, 6, 75, 129, 223, 127, 19,
        210, 82, 183, 230, 168, 33, 215, 104, 143, 112, 56, 102,
    ];
    let tag = [
        83, 73, 191, 98, 104, 205, 211, 128, 201, 189, 199, 133, 32, 38, 194, 85,
    ];
    let enc = JweEncryption::A128CBC_HS256;
    let (c, t) = encrypt(enc, &cek, &iv, aad, b"Live long and prosper.").unwrap();
    assert_eq!((c.as_slice(), t.as_slice()), (&ciphertext[..], &tag[..]));
    let p = decrypt(enc, &cek, &iv, aad, &ciphertext, &tag).unwrap();
    assert_eq!(p.as_slice(), b"Live long and prosper.");
}

/// RFC 7516 App. A.1.6: A256GCM.
#[test]
fn rfc7516_a1_a256gcm() {
    let plaintext = b"The true sign of intelligence is not knowledge but imagination.";
    let cek = secret(&[
        177, 161, 244, 128, 84, 143, 225, 115, 63, 180, 3, 255, 107, 154, 212, 246, 138, 7, 110,
        91, 112, 46, 34, 105, 47, 130, 203, 46, 122, 234, 64, 252,
    ]);
    let iv = [227, 197, 117, 252, 2, 219, 233, 68, 180, 225, 77, 219];
    let aad = b"eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ";
    let ciphertext = [
        229, 236, 166, 241, 53, 191, 115, 196, 174, 43, 73, 109, 39, 122, 233, 96, 140, 206, 120,
        52, 51, 237, 48, 11, 190, 219, 186, 80, 111, 104, 50, 142, 47, 167, 59, 61, 181, 127, 196,
        21, 40, 82, 242, 32, 123, 143, 168, 226, 73, 216, 176, 144, 138, 247, 106, 60, 16, 205,
        160, 109, 64, 63, 192,
    ];
    let tag = [
        92, 80, 104, 49, 133, 25, 161, 215, 173, 101, 219, 211, 136, 91, 210, 145,
    ];
    let enc = JweEncryption::A256GCM;
    let (c, t) = encrypt(enc, &cek, &iv, aad, plaintext).unwrap();
    assert_eq!((c.as_slice(), t.as_slice()), (&ciphertext[..], &tag[..]));
    let p = decrypt(enc, &cek, &iv, aad, &ciphertext, &tag).unwrap();
    assert_eq!(p.as_slice(), plaintext);
}

/// Published AES-GCM known answers with a 96-bit IV and a 128-bit tag: NIST CAVP
/// `gcmEncryptExtIV128.rsp` / `gcmEncryptExtIV256.rsp` (PTlen = AADlen = 128, Count = 0), and
/// Test Case 8 of McGrew & Viega, "The Galois/Counter Mode of Operation" (AES-192, all-zero key,
/// IV and plaintext).
#[test]
fn gcm_known_answers() {
    struct Kat {
        enc: JweEncryption,
        key: &'static str,
        iv: &'static str,
        plaintext: &'static str,
        aad: &'static str,
        ciphertext: &'static str,
        tag: &'static str,
    }
    let kats = [
        Kat {
            enc: JweEncryption::A128GCM,
            key: "c939cc13397c1d37de6ae0e1cb7c423c",
            iv: "b3d8cc017cbb89b39e0f67e2",
            plaintext: "c3b3c41f113a31b73d9a5cd432103069",
            aad: "24825602bd12a984e0092d3e448eda5f",
            ciphertext: "93fe7d9e9bfd10348a5606e5cafa7354",
            tag: "0032a1dc85f1c9786925a2e71d8272dd",
        },
        Kat {
            enc: JweEncryption::A192GCM,
            key: "000000000000000000000000000000000000000000000000",
            iv: "000000000000000000000000",
            plaintext: "00000000000000000000000000000000",
            aad: "",
            ciphertext: "98e7247c07f0fe411c267e4384b0f600",
            tag: "2ff58d80033927ab8ef4d4587514f0fb",
        },
        Kat {
            enc: JweEncryption::A256GCM,
            key: "92e11dcdaa866f5ce790fd24501f92509aacf4cb8b1339d50c9c1240935dd08b",
            iv: "ac93a1a6145299bde902f21a",
            plaintext: "2d71bcfa914e4ac045b2aa60955fad24",
            aad: "1e0889016f67601c8ebea4943bc23ad6",
            ciphertext: "8995ae2e6df3dbf96fac7b7137bae67f",
            tag: "eca5aa77d51d4a0a14d9c51e1da474ab",
        },
    ];
    for kat in kats {
        let key = secret(&hex(&[kat.key]));
        let (iv, aad, plaintext) = (hex(&[kat.iv]), hex(&[kat.aad]), hex(&[kat.plaintext]));
        let (ciphertext, tag) = encrypt(kat.enc, &key, &iv, &aad, &plaintext).unwrap();
        assert_eq!(ciphertext, hex(&[kat.ciphertext]), "{}", kat.enc);
        assert_eq!(tag, hex(&[kat.tag]), "{}", kat.enc);
        let p = decrypt(kat.enc, &key, &iv, &aad, &ciphertext, &tag).unwrap();
        assert_eq!(p.as_slice(), plaintext.as_slice(), "{}", kat.enc);
    }
}

// ---------------------------------------------------------------------------------------------
// Round trips.

#[test]
fn round_trip_every_enc_and_boundary_length() {
    for &enc in ALL {
        let cek = generate_cek(enc).unwrap();
        for len in [0usize, 1, 15, 16, 17, 31, 32, 33, 1000] {
            let plaintext: Vec<u8> = (0..len).map(|i| i as u8).collect();
            for aad in [&b""[..], b"x", b"eyJlbmMiOiJBMTI4R0NNIn0"] {
                let iv = generate_iv(enc).unwrap();
                let (ciphertext, tag) = encrypt(enc, &cek, &iv, aad, &plaintext).unwrap();
                assert_eq!(tag.len(), enc.tag_len(), "{enc}");
                if enc.is_cbc_hmac() {
                    // PKCS #7 always pads, 1 to 16 bytes.
                    assert_eq!(ciphertext.len(), (len / 16 + 1) * 16, "{enc} {len}");
                } else {
                    assert_eq!(ciphertext.len(), len, "{enc} {len}");
                }
                let p = decrypt(enc, &cek, &iv, aad, &ciphertext, &tag).unwrap();
                assert_eq!(p.as_slice(), plaintext.as_slice(), "{enc} {len}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Fresh CEKs and IVs (security.md #25).

#[test]
fn generated_ceks_and_ivs_have_the_right_length_and_differ() {
    for &enc in ALL {
        let mut ceks = HashSet::new();
        let mut ivs = HashSet::new();
        for _ in 0..200 {
            let cek = generate_cek(enc).unwrap();
            assert_eq!(cek.len(), enc.key_len(), "{enc}");
            assert!(
                cek.expose_secret().iter().any(|&b| b != 0),
                "{enc}: all-zero CEK"
            );
            assert!(
                ceks.insert(cek.expose_secret().to_vec()),
                "{enc}: repeated CEK"
            );
            let iv = generate_iv(enc).unwrap();
            assert_eq!(iv.len(), enc.iv_len(), "{enc}");
            assert!(iv.iter().any(|&b| b != 0), "{enc}: all-zero IV");
            assert!(ivs.insert(iv), "{enc}: repeated IV");
        }
    }
}

#[test]
fn the_same_plaintext_encrypts_differently_each_time() {
    for &enc in ALL {
        let encrypt_fresh = || {
            let cek = generate_cek(enc).unwrap();
            let iv = generate_iv(enc).unwrap();
            let (c, t) = encrypt(enc, &cek, &iv, b"aad", b"same plaintext").unwrap();
            (cek, iv, c, t)
        };
        let (cek1, iv1, c1, t1) = encrypt_fresh();
        let (cek2, iv2, c2, t2) = encrypt_fresh();
        assert_ne!(cek1, cek2, "{enc}");
        assert_ne!(iv1, iv2, "{enc}");
        assert_ne!(c1, c2, "{enc}");
        assert_ne!(t1, t2, "{enc}");
    }
}

// ---------------------------------------------------------------------------------------------
// Encryption-side input errors (descriptive; no oracle on the producing side).

#[test]
fn encrypt_rejects_wrong_lengths() {
    let enc = JweEncryption::A128CBC_HS256;
    let iv = [0u8; 16];
    for len in [0, 16, 31, 33, 64] {
        let err = encrypt(enc, &secret(&vec![1; len]), &iv, b"", b"p").unwrap_err();
        assert_eq!(err.code(), "ERR_JOSE_KEY_INVALID");
        assert_eq!(
            err.to_string(),
            format!("invalid key: A128CBC-HS256 needs a 32-byte CEK, got {len} bytes")
        );
    }
    for &enc in ALL {
        let cek = generate_cek(enc).unwrap();
        for iv_len in [0usize, 8, 11, 12, 13, 15, 16, 17] {
            if iv_len == enc.iv_len() {
                continue;
            }
            let err = encrypt(enc, &cek, &vec![1; iv_len], b"", b"p").unwrap_err();
            assert_eq!(err.code(), "ERR_JWE_INVALID", "{enc} {iv_len}");
            assert_eq!(
                err.to_string(),
                format!(
                    "invalid JWE input: {enc} needs a {}-byte IV, got {iv_len} bytes",
                    enc.iv_len()
                )
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Decryption failures: every one is the same error with the same message.

#[test]
fn wrong_cek_length_is_the_decryption_error() {
    let mut messages = HashSet::new();
    // security.md #23: a `dir` key of 16 or 33 bytes with A128CBC-HS256.
    let (_, iv, aad, ciphertext, tag) = sample(JweEncryption::A128CBC_HS256);
    for len in [16, 33] {
        messages.insert(assert_decryption_failed(
            decrypt(
                JweEncryption::A128CBC_HS256,
                &secret(&vec![1; len]),
                &iv,
                &aad,
                &ciphertext,
                &tag,
            ),
            "dir key of the wrong size",
        ));
    }
    for &enc in ALL {
        let (cek, iv, aad, ciphertext, tag) = sample(enc);
        let n = enc.key_len();
        for len in [0, 1, n - 8, n - 1, n + 1, n + 8, 2 * n] {
            let mut key = cek.expose_secret().to_vec();
            key.resize(len, 7);
            messages.insert(assert_decryption_failed(
                decrypt(enc, &secret(&key), &iv, &aad, &ciphertext, &tag),
                &format!("{enc}: {len}-byte CEK"),
            ));
        }
    }
    assert_eq!(messages.len(), 1);
}

#[test]
fn wrong_iv_length_is_the_decryption_error() {
    let mut messages = HashSet::new();
    for &enc in ALL {
        let (cek, iv, aad, ciphertext, tag) = sample(enc);
        for iv_len in [0usize, 8, 12, 16, 17, 32] {
            if iv_len == enc.iv_len() {
                continue;
            }
            let mut bad_iv = iv.clone();
            bad_iv.resize(iv_len, 0);
            messages.insert(assert_decryption_failed(
                decrypt(enc, &cek, &bad_iv, &aad, &ciphertext, &tag),
                &format!("{enc}: {iv_len}-byte IV"),
            ));
        }
        // The right IV with trailing garbage.
        let mut long_iv = iv.clone();
        long_iv.push(0);
        messages.insert(assert_decryption_failed(
            decrypt(enc, &cek, &long_iv, &aad, &ciphertext, &tag),
            "IV with a trailing byte",
        ));
    }
    assert_eq!(messages.len(), 1);
}

#[test]
fn wrong_tag_length_is_the_decryption_error() {
    let mut messages = HashSet::new();
    for &enc in ALL {
        let (cek, iv, aad, ciphertext, tag) = sample(enc);
        let t = enc.tag_len();
        for len in [0usize, 1, 12, 15, 17, 23, 25, 31, 33, 64, t - 1, t + 1] {
            if len == t {
                continue;
            }
            // A prefix of the right tag, or the right tag with bytes appended.
            let mut bad = tag.clone();
            bad.resize(len, 0);
            messages.insert(assert_decryption_failed(
                decrypt(enc, &cek, &iv, &aad, &ciphertext, &bad),
                &format!("{enc}: {len}-byte tag"),
            ));
        }
    }
    assert_eq!(messages.len(), 1);
}

#[test]
fn every_flipped_bit_is_the_decryption_error() {
    let mut messages = HashSet::new();
    for &enc in ALL {
        let (cek, iv, aad, ciphertext, tag) = sample(enc);
        for bit in 0..tag.len() * 8 {
            let mut bad = tag.clone();
            bad[bit / 8] ^= 1 << (bit % 8);
            messages.insert(assert_decryption_failed(
                decrypt(enc, &cek, &iv, &aad, &ciphertext, &bad),
                &format!("{enc}: tag bit {bit}"),
            ));
        }
        for bit in 0..ciphertext.len() * 8 {
            let mut bad = ciphertext.clone();
            bad[bit / 8] ^= 1 << (bit % 8);
            messages.insert(assert_decryption_failed(
                decrypt(enc, &cek, &iv, &aad, &bad, &tag),
                &format!("{enc}: ciphertext bit {bit}"),
            ));
        }
        for bit in 0..iv.len() * 8 {
            let mut bad = iv.clone();
            bad[bit / 8] ^= 1 << (bit % 8);
            messages.insert(assert_decryption_failed(
                decrypt(enc, &cek, &bad, &aad, &ciphertext, &tag),
                &format!("{enc}: IV bit {bit}"),
            ));
        }
        for bit in 0..aad.len() * 8 {
            let mut bad = aad.clone();
            bad[bit / 8] ^= 1 << (bit % 8);
            messages.insert(assert_decryption_failed(
                decrypt(enc, &cek, &iv, &bad, &ciphertext, &tag),
                &format!("{enc}: AAD bit {bit}"),
            ));
        }
        // Another key of the right length.
        let mut other = cek.expose_secret().to_vec();
        other[0] ^= 1;
        messages.insert(assert_decryption_failed(
            decrypt(enc, &secret(&other), &iv, &aad, &ciphertext, &tag),
            "other key",
        ));
        if enc.is_cbc_hmac() {
            // A flipped bit in ENC_KEY alone: the MAC still verifies, the padding most
            // likely does not, or the plaintext differs.
            let mut other = cek.expose_secret().to_vec();
            let last = other.len() - 1;
            other[last] ^= 1;
            if let Ok(p) = decrypt(enc, &secret(&other), &iv, &aad, &ciphertext, &tag) {
                assert_ne!(p.as_slice(), b"Live long and prosper.");
            }
        }
    }
    assert_eq!(messages.len(), 1);
}

#[test]
fn truncated_extended_and_empty_ciphertexts_are_the_decryption_error() {
    let mut messages = HashSet::new();
    for &enc in ALL {
        let (cek, iv, aad, ciphertext, tag) = sample(enc);
        let mut cases: Vec<(String, Vec<u8>)> = vec![
            (
                "one byte short".into(),
                ciphertext[..ciphertext.len() - 1].to_vec(),
            ),
            ("one byte appended".into(), [&ciphertext[..], &[0]].concat()),
            (
                "a block appended".into(),
                [&ciphertext[..], &[0; 16]].concat(),
            ),
            ("first block dropped".into(), ciphertext[16..].to_vec()),
        ];
        if enc.is_cbc_hmac() {
            // Empty and not a multiple of 16: CBC ciphertexts never are.
            cases.push(("empty".into(), Vec::new()));
            cases.push(("15 bytes".into(), ciphertext[..15].to_vec()));
            cases.push(("8 bytes".into(), ciphertext[..8].to_vec()));
        }
        for (what, bad) in cases {
            messages.insert(assert_decryption_failed(
                decrypt(enc, &cek, &iv, &aad, &bad, &tag),
                &format!("{enc}: ciphertext {what}"),
            ));
        }
    }
    assert_eq!(messages.len(), 1);
}

/// security.md #23: moving bytes between the AAD and the ciphertext must break the tag
/// (the AL block binds the boundary).
#[test]
fn shifting_the_aad_ciphertext_boundary_is_the_decryption_error() {
    let mut messages = HashSet::new();
    for &enc in ALL {
        let (cek, iv, aad, ciphertext, tag) = sample(enc);
        for shift in [8usize, 16] {
            // Ciphertext bytes moved to the end of the AAD.
            let aad_longer = [&aad[..], &ciphertext[..shift]].concat();
            messages.insert(assert_decryption_failed(
                decrypt(enc, &cek, &iv, &aad_longer, &ciphertext[shift..], &tag),
                &format!("{enc}: AAD grown by {shift}"),
            ));
            // AAD bytes moved to the start of the ciphertext.
            let split = aad.len() - shift;
            let ciphertext_longer = [&aad[split..], &ciphertext[..]].concat();
            messages.insert(assert_decryption_failed(
                decrypt(enc, &cek, &iv, &aad[..split], &ciphertext_longer, &tag),
                &format!("{enc}: ciphertext grown by {shift}"),
            ));
        }
        // CBC-HS: A' = A minus its last 16 bytes, IV' = those 16 bytes, E' = IV ‖ E. The HMAC
        // input A' ‖ IV' ‖ E' is then the very same byte string as A ‖ IV ‖ E: only AL tells
        // them apart (go-jose CVE-2016-9123, Nimbus CVE-2017-12972).
        if enc.is_cbc_hmac() {
            let split = aad.len() - 16;
            let (aad2, iv2) = aad.split_at(split);
            let ciphertext2 = [&iv[..], &ciphertext[..]].concat();
            assert_eq!(
                [aad2, iv2, &ciphertext2].concat(),
                [&aad[..], &iv, &ciphertext].concat()
            );
            messages.insert(assert_decryption_failed(
                decrypt(enc, &cek, iv2, aad2, &ciphertext2, &tag),
                &format!("{enc}: same HMAC input bytes, other AL"),
            ));
        }
    }
    assert_eq!(messages.len(), 1);
}

#[test]
fn all_decryption_errors_print_the_same() {
    // The cases of every rule above, gathered in one list: one Display, one code.
    let enc = JweEncryption::A128CBC_HS256;
    let (cek, iv, aad, ciphertext, tag) = sample(enc);
    let mut flipped_tag = tag.clone();
    flipped_tag[0] ^= 0x80;
    let failures = [
        decrypt(enc, &secret(&[1; 16]), &iv, &aad, &ciphertext, &tag),
        decrypt(enc, &secret(&[1; 33]), &iv, &aad, &ciphertext, &tag),
        decrypt(enc, &cek, &[0; 12], &aad, &ciphertext, &tag),
        decrypt(enc, &cek, &iv, &aad, &ciphertext, &tag[..15]),
        decrypt(enc, &cek, &iv, &aad, &ciphertext, &flipped_tag),
        decrypt(enc, &cek, &iv, &aad, &ciphertext[..17], &tag),
        decrypt(enc, &cek, &iv, &aad, &[], &tag),
        decrypt(enc, &cek, &iv, b"other", &ciphertext, &tag),
    ];
    let messages: HashSet<String> = failures
        .into_iter()
        .map(|r| assert_decryption_failed(r, "gathered"))
        .collect();
    assert_eq!(messages.len(), 1);
    assert_eq!(
        format!("{:?}", crate::Error::DecryptionFailed),
        "DecryptionFailed"
    );
}

// ---------------------------------------------------------------------------------------------
// Property tests.

fn any_enc() -> impl Strategy<Value = JweEncryption> {
    prop::sample::select(ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn prop_round_trip(
        enc in any_enc(),
        key in prop::collection::vec(any::<u8>(), 64),
        iv in prop::collection::vec(any::<u8>(), 16),
        aad in prop::collection::vec(any::<u8>(), 0..100),
        plaintext in prop::collection::vec(any::<u8>(), 0..300),
    ) {
        let cek = secret(&key[..enc.key_len()]);
        let iv = &iv[..enc.iv_len()];
        let (ciphertext, tag) = encrypt(enc, &cek, iv, &aad, &plaintext).unwrap();
        let p = decrypt(enc, &cek, iv, &aad, &ciphertext, &tag).unwrap();
        prop_assert_eq!(p.as_slice(), plaintext.as_slice());
    }

    #[test]
    fn prop_any_change_fails(
        enc in any_enc(),
        plaintext in prop::collection::vec(any::<u8>(), 0..100),
        target in 0usize..4,
        index in any::<prop::sample::Index>(),
        flip in 1u8..=255,
    ) {
        let cek = generate_cek(enc).unwrap();
        let iv = generate_iv(enc).unwrap();
        let aad = b"eyJhbGciOiJkaXIifQ".to_vec();
        let (ciphertext, tag) = encrypt(enc, &cek, &iv, &aad, &plaintext).unwrap();
        let (mut c, mut t, mut i, mut a) = (ciphertext, tag, iv, aad);
        let part = match target {
            0 => &mut c,
            1 => &mut t,
            2 => &mut i,
            _ => &mut a,
        };
        if part.is_empty() {
            // An empty GCM ciphertext: nothing to change there.
            return Ok(());
        }
        let at = index.index(part.len());
        part[at] ^= flip;
        assert_decryption_failed(decrypt(enc, &cek, &i, &a, &c, &t), "changed input");
    }
}
