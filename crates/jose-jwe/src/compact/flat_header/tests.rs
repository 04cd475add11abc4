// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
//! The flat-header path and the general path agree on every token.

use std::cell::Cell;

use jose_b64::{SecretBytes, base64url};
use proptest::prelude::*;

use super::decrypt as flat_decrypt;
use crate::compact::UnverifiedCompactJwe;
use crate::keywrap::aes_kw;
use crate::resolver::DecryptingKeyRequest;
use crate::{
    DecryptedJwe, Decrypter, DecryptingKey, Error, JweAlgorithm, JweEncryption, Limits, content,
};

const DIR_KEY: [u8; 16] = [3; 16];
const KW_KEY: [u8; 16] = [4; 16];

fn keys() -> Vec<DecryptingKey> {
    vec![
        DecryptingKey::symmetric(&DIR_KEY, JweAlgorithm::Dir)
            .unwrap()
            .with_kid("k1"),
        DecryptingKey::symmetric(&KW_KEY, JweAlgorithm::A128KW).unwrap(),
    ]
}

/// A JWE of `plaintext` under `header_json` with A128GCM, its CEK wrapped with A128KW when
/// `wrap`, else the `dir` key itself — whatever the header says.
fn token(header_json: &str, plaintext: &[u8], wrap: bool) -> String {
    let enc = JweEncryption::A128GCM;
    let (cek, encrypted_key) = if wrap {
        let cek = content::generate_cek(enc).unwrap();
        let wrapped = aes_kw::wrap(&SecretBytes::new(KW_KEY.to_vec()), &cek).unwrap();
        (cek, wrapped)
    } else {
        (SecretBytes::new(DIR_KEY.to_vec()), Vec::new())
    };
    let iv = content::generate_iv(enc).unwrap();
    let aad = base64url::encode(header_json);
    let (ciphertext, tag) = content::encrypt(enc, &cek, &iv, aad.as_bytes(), plaintext).unwrap();
    let mut out = aad;
    for segment in [&encrypted_key, &iv, &ciphertext, &tag] {
        out.push('.');
        base64url::encode_to(segment, &mut out);
    }
    out
}

fn decrypters() -> Vec<Decrypter> {
    let both = [JweAlgorithm::Dir, JweAlgorithm::A128KW];
    vec![
        Decrypter::new(both, [JweEncryption::A128GCM]).unwrap(),
        Decrypter::new([JweAlgorithm::A128KW], [JweEncryption::A128GCM]).unwrap(),
        Decrypter::new(both, [JweEncryption::A256GCM]).unwrap(),
        Decrypter::new(both, [JweEncryption::A128GCM])
            .unwrap()
            .with_limits(Limits {
                max_header_len: 12,
                ..Limits::DEFAULT
            }),
        Decrypter::new(both, [JweEncryption::A128GCM])
            .unwrap()
            .with_limits(
                Limits::DEFAULT
                    .with_max_token_len(40)
                    .with_max_header_len(8 * 1024),
            ),
    ]
}

/// Both paths agree, resolver calls included; returns whether the flat path took the token.
fn agree(decrypter: &Decrypter, token: &str) -> bool {
    let calls = Cell::new(0);
    let resolver = |r: &DecryptingKeyRequest<'_>| {
        calls.set(calls.get() + 1);
        assert_eq!(r.header_str("alg"), Some(r.alg.as_str()));
        keys().resolve(r)
    };
    let expected = UnverifiedCompactJwe::parse_with(token, decrypter.limits())
        .and_then(|parsed| parsed.decrypt(decrypter, &resolver));
    let general_calls = calls.replace(0);
    let Some(flat) = flat_decrypt(decrypter, token, &resolver) else {
        assert_eq!(calls.get(), 0, "a declined token reached the resolver");
        return false;
    };
    assert_eq!(calls.get(), general_calls, "{token}");
    same(&flat, &expected, token);
    true
}

fn same(flat: &Result<DecryptedJwe, Error>, general: &Result<DecryptedJwe, Error>, token: &str) {
    match (flat, general) {
        (Ok(f), Ok(g)) => {
            assert_eq!(f.plaintext(), g.plaintext(), "{token}");
            assert_eq!((f.alg(), f.enc(), f.kid()), (g.alg(), g.enc(), g.kid()));
            assert_eq!(f.protected_header(), g.protected_header(), "{token}");
            assert_eq!(f.header_param("typ"), g.header_param("typ"));
            assert_eq!(f.recipient_index(), g.recipient_index());
        }
        (f, g) => assert_eq!(f.as_ref().err(), g.as_ref().err(), "{token}"),
    }
}

use crate::DecryptingKeyResolver as _;

const HEADERS: &[&str] = &[
    r#"{"alg":"dir","enc":"A128GCM"}"#,
    r#"{"alg":"dir","enc":"A128GCM","kid":"k1","typ":"JWT"}"#,
    r#"{"enc":"A128GCM","alg":"dir","kid":"k2"}"#,
    r#"{"alg":"A128KW","enc":"A128GCM"}"#,
    r#"{"alg":"A128KW","enc":"A128GCM","kid":"k1"}"#,
    r#"{"alg":"A256KW","enc":"A128GCM"}"#,
    r#"{"alg":"A128KW","enc":"A128CBC-HS256"}"#,
    r#"{"alg":"A128KW","enc":"A128GCM","zip":"DEF"}"#,
    r#"{"alg":"A128KW","enc":"A128GCM","crit":"x"}"#,
    r#"{"alg":"A128GCMKW","enc":"A128GCM","iv":"AAAA","tag":"AAAA"}"#,
    r#"{"alg":"A128KW","enc":"A128GCM","epk":"x"}"#,
    r#"{"alg":"none","enc":"A128GCM"}"#,
    r#"{"alg":"RSA1_5","enc":"A128GCM"}"#,
    r#"{"alg":"dir"}"#,
    r#"{"enc":"A128GCM"}"#,
    r#"{"alg":"dir","enc":""}"#,
    r#"{}"#,
    r#"{"alg":"dir","alg":"A128KW","enc":"A128GCM"}"#,
    r#"{"alg":"dir","enc":"A128GCM","kid":7}"#,
    r#" { "alg" : "dir" , "enc" : "A128GCM" } "#,
    "{\"alg\":\"dir\",\"enc\":\"A128GCM\",\"kid\":\"k\u{e9}\"}",
];

#[test]
fn the_common_token_takes_the_flat_path_and_decrypts() {
    let decrypter = &decrypters()[0];
    for (header, wrap) in [(HEADERS[1], false), (HEADERS[3], true)] {
        let t = token(header, b"{\"sub\":\"a\"}", wrap);
        assert!(agree(decrypter, &t));
        let decrypted = decrypter.decrypt_compact(&t, &keys()).unwrap();
        assert_eq!(decrypted.plaintext(), b"{\"sub\":\"a\"}");
        assert_eq!(decrypted.header_param("enc").unwrap(), "A128GCM");
    }
    let decrypted = decrypter
        .decrypt_compact(&token(HEADERS[1], b"x", false), &keys())
        .unwrap();
    assert_eq!(decrypted.protected_header()["typ"], "JWT");
    assert_eq!(decrypted.kid(), Some("k1"));
}

#[test]
fn every_listed_header_agrees_with_every_decrypter() {
    let mut flat = 0;
    for decrypter in &decrypters() {
        for header in HEADERS {
            for wrap in [false, true] {
                for plaintext in [&b""[..], b"{}", &[0xff; 40]] {
                    flat += usize::from(agree(decrypter, &token(header, plaintext, wrap)));
                }
            }
        }
    }
    assert!(flat > 20, "the flat path took only {flat} tokens");
}

#[test]
fn the_flat_path_declines_what_it_does_not_read() {
    let decrypter = &decrypters()[0];
    let good = token(HEADERS[0], b"x", false);
    let long = format!(
        r#"{{"alg":"dir","enc":"A128GCM","x":"{}"}}"#,
        "a".repeat(300)
    );
    for t in [
        token(HEADERS[7], b"x", true),
        token(HEADERS[9], b"x", true),
        token(r#"{"alg":"dir","enc":"A128GCM","x":1}"#, b"x", false),
        token(&long, b"x", false),
        // `dir` with an encrypted key.
        token(HEADERS[0], b"x", true),
        format!("{good}.x"),
        good.replacen('.', "..", 1),
        format!("{good}="),
        format!("A{good}"),
    ] {
        assert!(flat_decrypt(decrypter, &t, &keys()).is_none(), "{t}");
        assert!(!agree(decrypter, &t));
    }
}

proptest! {
    /// Any corruption of a token: both paths agree (or the flat one declines).
    #[test]
    fn corrupted_tokens_agree(
        header in 0..HEADERS.len(),
        wrap in any::<bool>(),
        plaintext in proptest::collection::vec(any::<u8>(), 0..40),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), prop::sample::select(&b"A_-.=/+ e\"{}"[..])), 0..3),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let decrypter = &decrypters()[0];
        let mut t = token(HEADERS[header], &plaintext, wrap).into_bytes();
        for (at, byte) in edits {
            let i = at.index(t.len());
            t[i] = byte;
        }
        if truncate {
            t.truncate(cut.index(t.len() + 1));
        }
        let t = String::from_utf8(t).unwrap();
        agree(decrypter, &t);
    }
}
