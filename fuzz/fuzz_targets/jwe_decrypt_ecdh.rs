//! Compact JWE decryption with the ECDH-ES family (`ECDH-ES`, `ECDH-ES+A128KW/A192KW/A256KW`)
//! and fixed recipient keys on P-256, P-384 and X25519 (`fuzz/common/jwe_ecdh_keys.rs`):
//! whatever the `epk` (off the curve, on another curve, small order, private, not an object),
//! `apu` and `apv`, decryption never panics, and a token that decrypts decrypts again to the
//! same plaintext.
//!
//! The key is chosen by `kid` when the token has one, else by the `crv` of its `epk`, so that
//! both an `epk` on the key's curve and one on another curve reach the key agreement.
#![no_main]

use std::sync::OnceLock;

use jose_jwe::{
    Decrypter, DecryptingKey, DecryptingKeyRequest, Error, JweAlgorithm, JweEncryption,
};
use jose_jwk::Jwk;
use libfuzzer_sys::fuzz_target;

#[path = "../common/jwe_decrypt_twice.rs"]
mod jwe_decrypt_twice;

#[path = "../common/jwe_ecdh_keys.rs"]
mod jwe_ecdh_keys;

struct Fixture {
    decrypter: Decrypter,
    /// (`crv`, key) for every fixed key and algorithm.
    keys: Vec<(&'static str, DecryptingKey)>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let algs: Vec<JweAlgorithm> = jwe_ecdh_keys::ALGS
            .iter()
            .map(|name| name.parse().expect("an ECDH-ES algorithm"))
            .collect();
        let mut keys = Vec::new();
        for (crv, json) in jwe_ecdh_keys::KEYS {
            let jwk = Jwk::from_json(json).expect("fixed key");
            for &alg in &algs {
                keys.push((
                    crv,
                    DecryptingKey::from_jwk(&jwk, alg).expect("ECDH-ES key"),
                ));
            }
        }
        let decrypter =
            Decrypter::new(algs, JweEncryption::ALL.iter().copied()).expect("allow-lists");
        Fixture { decrypter, keys }
    })
}

/// By `kid`, else by the `epk`'s `crv`, among the keys bound to the token's `alg`.
fn resolve(request: &DecryptingKeyRequest<'_>) -> Result<DecryptingKey, Error> {
    let epk = request.header_param("epk");
    let crv = epk
        .as_deref()
        .and_then(|epk| epk.get("crv"))
        .and_then(|crv| crv.as_str());
    fixture()
        .keys
        .iter()
        .filter(|(_, key)| key.alg() == request.alg)
        .find(|(key_crv, key)| match request.kid {
            Some(kid) => key.kid() == Some(kid),
            None => crv == Some(*key_crv),
        })
        .map(|(_, key)| key.clone())
        .ok_or_else(|| Error::NoMatchingKey {
            reason: "no fixed key".into(),
        })
}

fuzz_target!(|data: &[u8]| {
    jwe_decrypt_twice::check(&fixture().decrypter, &resolve, data);
});
