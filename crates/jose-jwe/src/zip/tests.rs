// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
use jose_b64::base64url;
use jose_b64::serde_json::{Map, Value, json};

use super::*;
use crate::test_util::secret;
use crate::{Decrypter, DecryptingKey, JweAlgorithm, JweEncryption, content};

type A = JweAlgorithm;
type E = JweEncryption;

const DIR_KEY: [u8; 16] = [0x42; 16];

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

/// A `dir` + `A128GCM` compact JWE with the given protected header and (already compressed,
/// or not) plaintext, with a valid tag.
fn craft(header: &Value, plaintext: &[u8]) -> String {
    let protected = base64url::encode(header.to_string());
    let iv = [7u8; 12];
    let (ciphertext, tag) = content::encrypt(
        E::A128GCM,
        &secret(&DIR_KEY),
        &iv,
        protected.as_bytes(),
        plaintext,
    )
    .unwrap();
    format!(
        "{protected}..{}.{}.{}",
        base64url::encode(iv),
        base64url::encode(ciphertext),
        base64url::encode(tag)
    )
}

fn dir_decrypter() -> (Decrypter, DecryptingKey) {
    (
        Decrypter::new([A::Dir], [E::A128GCM]).unwrap(),
        DecryptingKey::symmetric(&DIR_KEY, A::Dir).unwrap(),
    )
}

#[test]
fn zip_counts_only_in_the_protected_header() {
    let protected = object(json!({"alg": "dir", "enc": "A128GCM", "zip": "DEF"}));
    let header = JoseHeader::new(Some(&protected), None, None).unwrap();
    let found = from_header(&header);
    if cfg!(feature = "deflate") {
        assert_eq!(found.unwrap(), Some(Zip::Deflate));
    } else {
        let e = found.unwrap_err();
        assert!(e.to_string().contains("feature `deflate`"), "{e}");
    }

    let protected = object(json!({"alg": "dir", "enc": "A128GCM"}));
    let header = JoseHeader::new(Some(&protected), None, None).unwrap();
    assert_eq!(from_header(&header).unwrap(), None);

    // In the shared or the per-recipient unprotected header (JSON serializations).
    let unprotected = object(json!({"zip": "DEF"}));
    for header in [
        JoseHeader::new(Some(&protected), Some(&unprotected), None).unwrap(),
        JoseHeader::new(Some(&protected), None, Some(&unprotected)).unwrap(),
        JoseHeader::new(None, Some(&unprotected), None).unwrap(),
    ] {
        let e = from_header(&header).unwrap_err();
        assert!(matches!(e, Error::Header(_)), "{e}");
        assert!(e.to_string().contains("must be integrity protected"), "{e}");
    }
}

#[test]
fn zip_values_other_than_def_are_refused() {
    for value in ["def", "GZIP", "DEFLATE", "", "DEF\u{0}", "zlib"] {
        let protected = object(json!({ "zip": value }));
        let header = JoseHeader::new(Some(&protected), None, None).unwrap();
        let e = from_header(&header).unwrap_err();
        assert!(matches!(e, Error::Unsupported { .. }), "{value:?}: {e}");
        assert!(e.to_string().contains("only one defined"), "{e}");
    }
    for value in [json!(1), json!(null), json!(["DEF"]), json!({"DEF": true})] {
        let protected = object(json!({ "zip": value }));
        let header = JoseHeader::new(Some(&protected), None, None).unwrap();
        let e = from_header(&header).unwrap_err();
        assert!(matches!(e, Error::Header(_)), "{value}: {e}");
    }
    // End to end, with a valid tag: refused before the key is used.
    let (d, key) = dir_decrypter();
    let token = craft(
        &json!({"alg": "dir", "enc": "A128GCM", "zip": "GZIP"}),
        b"x",
    );
    let e = d.decrypt_compact(&token, &key).unwrap_err();
    assert!(matches!(e, Error::Unsupported { .. }), "{e}");
}

#[cfg(not(feature = "deflate"))]
#[test]
fn without_the_feature_every_zip_is_refused() {
    let (d, key) = dir_decrypter();
    let compressed = empty_deflate_stream();
    let token = craft(
        &json!({"alg": "dir", "enc": "A128GCM", "zip": "DEF"}),
        &compressed,
    );
    let e = d.decrypt_compact(&token, &key).unwrap_err();
    assert!(matches!(e, Error::Unsupported { .. }), "{e}");
    assert!(e.to_string().contains("feature `deflate`"), "{e}");
    assert_eq!(
        decompress_if(None, Zeroizing::new(b"x".to_vec()), 0)
            .unwrap()
            .as_slice(),
        b"x"
    );
    assert!(compress_if_asked(&Header::new(), b"x").unwrap().is_none());
}

/// Raw DEFLATE of the empty string: one final fixed-Huffman block holding only its end.
#[cfg(not(feature = "deflate"))]
fn empty_deflate_stream() -> Vec<u8> {
    vec![0x03, 0x00]
}

#[cfg(feature = "deflate")]
mod with_the_feature {
    use super::*;
    use crate::test_util::assert_decryption_failed;
    use crate::{EncryptingKey, compact};

    fn text(len: usize) -> Vec<u8> {
        b"It's a dangerous business, Frodo, going out your door. "
            .iter()
            .copied()
            .cycle()
            .take(len)
            .collect()
    }

    fn ciphertext_len(token: &str) -> usize {
        base64url::decode(token.split('.').nth(3).unwrap())
            .unwrap()
            .len()
    }

    #[test]
    fn round_trips() {
        for (alg, enc, len) in [
            (A::A128KW, E::A128GCM, 0),
            (A::A256GCMKW, E::A256CBC_HS512, 1),
            (A::Dir, E::A128GCM, 5000),
            (A::A192KW, E::A192CBC_HS384, 200_000),
        ] {
            let secret: Vec<u8> = (0..alg.wrap_key_len().unwrap_or(enc.key_len()))
                .map(|i| i as u8)
                .collect();
            let key = EncryptingKey::symmetric(&secret, alg).unwrap();
            let plaintext = text(len);
            let token =
                compact::encrypt(&key, enc, &Header::new().typ("JWT").deflate(), &plaintext)
                    .unwrap();
            let d = Decrypter::new([alg], [enc]).unwrap();
            let out = d.decrypt_compact(&token, &key.to_decrypting_key()).unwrap();
            assert_eq!(out.plaintext(), plaintext.as_slice(), "{alg} {enc} {len}");
            assert_eq!(out.protected_header()["zip"], "DEF");
            assert_eq!(out.protected_header()["typ"], "JWT");
            if len >= 5000 {
                assert!(ciphertext_len(&token) < len / 10, "{alg} {enc} {len}");
            }
        }
    }

    #[test]
    fn nothing_is_compressed_unless_asked() {
        let key = EncryptingKey::symmetric(&DIR_KEY, A::Dir).unwrap();
        let plaintext = text(10_000);
        for header in [Header::new(), Header::new().typ("JWT").cty("JWT")] {
            let token = compact::encrypt(&key, E::A128GCM, &header, &plaintext).unwrap();
            // A128GCM: the ciphertext is exactly as long as the plaintext it encrypts.
            assert_eq!(ciphertext_len(&token), plaintext.len());
            let (d, dk) = dir_decrypter();
            let out = d.decrypt_compact(&token, &dk).unwrap();
            assert!(out.protected_header().get("zip").is_none());
            assert_eq!(out.plaintext(), plaintext.as_slice());
        }
        let token =
            compact::encrypt(&key, E::A128GCM, &Header::new().deflate(), &plaintext).unwrap();
        assert!(ciphertext_len(&token) < 1000);
    }

    #[test]
    fn a_deflate_bomb_is_stopped_at_the_cap() {
        let key = EncryptingKey::symmetric(&DIR_KEY, A::Dir).unwrap();
        let (d, dk) = dir_decrypter();
        // 10 MB of zeros: a token of about 14 kB, well under the 256 KiB token limit.
        let bomb = vec![0u8; 10_000_000];
        let token = compact::encrypt(&key, E::A128GCM, &Header::new().deflate(), &bomb).unwrap();
        assert!(token.len() < 20_000, "{}", token.len());
        let e = d.decrypt_compact(&token, &dk).unwrap_err();
        assert_eq!(e.code(), "ERR_JWE_DECOMPRESSION_FAILED");
        assert_eq!(
            e.to_string(),
            "the JWE's \"zip\":\"DEF\" plaintext does not inflate: the plaintext inflates to \
             more than the limit of 250000 bytes"
        );
        let e = d
            .clone()
            .with_max_decompressed_len(9_999_999)
            .decrypt_compact(&token, &dk)
            .unwrap_err();
        assert!(matches!(e, Error::Decompression { .. }), "{e}");
        // Exactly at the cap: accepted.
        let out = d
            .with_max_decompressed_len(10_000_000)
            .decrypt_compact(&token, &dk)
            .unwrap();
        assert_eq!(out.plaintext().len(), 10_000_000);
    }

    #[test]
    fn exactly_the_default_cap_passes() {
        let key = EncryptingKey::symmetric(&DIR_KEY, A::Dir).unwrap();
        let (d, dk) = dir_decrypter();
        let at_cap = text(DEFAULT_MAX_DECOMPRESSED_LEN);
        let token = compact::encrypt(&key, E::A128GCM, &Header::new().deflate(), &at_cap).unwrap();
        assert_eq!(
            d.decrypt_compact(&token, &dk).unwrap().plaintext(),
            at_cap.as_slice()
        );
        let over = text(DEFAULT_MAX_DECOMPRESSED_LEN + 1);
        let token = compact::encrypt(&key, E::A128GCM, &Header::new().deflate(), &over).unwrap();
        let e = d.decrypt_compact(&token, &dk).unwrap_err();
        assert!(matches!(e, Error::Decompression { .. }), "{e}");
    }

    #[test]
    fn a_corrupt_stream_is_refused_after_the_tag_and_a_bad_tag_before_it() {
        let (d, key) = dir_decrypter();
        let header = json!({"alg": "dir", "enc": "A128GCM", "zip": "DEF"});
        // Authentic, but not DEFLATE: the distinct, post-tag error.
        let token = craft(&header, b"{\"sub\":\"not compressed\"}");
        let e = d.decrypt_compact(&token, &key).unwrap_err();
        assert_eq!(
            e.to_string(),
            "the JWE's \"zip\":\"DEF\" plaintext does not inflate: the plaintext is not a raw \
             DEFLATE stream (RFC 1951)"
        );
        // A zlib stream is not raw DEFLATE either.
        let zlib = miniz_oxide::deflate::compress_to_vec_zlib(b"hello", 6);
        let e = d.decrypt_compact(&craft(&header, &zlib), &key).unwrap_err();
        assert!(matches!(e, Error::Decompression { .. }), "{e}");
        // A wrong tag is the one decryption error: nothing is inflated.
        let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
        let mut tag = base64url::decode(&parts[4]).unwrap();
        tag[0] ^= 1;
        parts[4] = base64url::encode(&tag);
        assert_decryption_failed(d.decrypt_compact(&parts.join("."), &key), "tag");
        // A raw DEFLATE stream made elsewhere inflates.
        let stream = miniz_oxide::deflate::compress_to_vec(b"made elsewhere", 9);
        let out = d.decrypt_compact(&craft(&header, &stream), &key).unwrap();
        assert_eq!(out.plaintext(), b"made elsewhere");
    }
}
