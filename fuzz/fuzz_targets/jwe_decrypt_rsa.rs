//! Compact JWE decryption with one fixed RSA key bound to every RSA key-encryption algorithm
//! (`RSA1_5` with its explicit opt-in, `RSA-OAEP*`): never panics, and a token that decrypts
//! decrypts again to the same plaintext.
#![no_main]

use std::sync::OnceLock;

use jose_jwe::{Decrypter, DecryptingKey, JweAlgorithm, JweEncryption};
use jose_jwk::Jwk;
use libfuzzer_sys::fuzz_target;

#[path = "../common/jwe_decrypt_twice.rs"]
mod jwe_decrypt_twice;

#[path = "../common/jwe_rsa_keys.rs"]
mod jwe_rsa_keys;

struct Fixture {
    decrypter: Decrypter,
    keys: Vec<DecryptingKey>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let jwk = Jwk::from_json(jwe_rsa_keys::RSA_JWK).expect("RFC 7516 A.2 key");
        let algs: Vec<JweAlgorithm> = jwe_rsa_keys::ALGS
            .iter()
            .map(|name| name.parse().expect("algorithm name"))
            .collect();
        let keys = algs
            .iter()
            .map(|&alg| DecryptingKey::from_jwk(&jwk, alg).expect("RSA key"))
            .collect();
        let decrypter = Decrypter::new_allowing_rsa1_5(algs, JweEncryption::ALL.iter().copied())
            .expect("allow-lists");
        Fixture { decrypter, keys }
    })
}

fuzz_target!(|data: &[u8]| {
    let f = fixture();
    jwe_decrypt_twice::check(&f.decrypter, &f.keys, data);
});
