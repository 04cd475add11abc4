//! Compact JWE decryption with fixed keys for each symmetric key-management family (dir,
//! AES key wrap, AES-GCM key wrap, PBES2 with a low iteration cap): never panics, and a
//! token that decrypts decrypts again to the same plaintext.
#![no_main]

use std::sync::OnceLock;

use jose_jwe::{Decrypter, DecryptingKey, JweAlgorithm, JweEncryption};
use libfuzzer_sys::fuzz_target;

#[path = "../common/jwe_decrypt_twice.rs"]
mod jwe_decrypt_twice;

struct Fixture {
    decrypter: Decrypter,
    keys: Vec<DecryptingKey>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        use JweAlgorithm as A;
        let keys = vec![
            DecryptingKey::symmetric(&[1u8; 16], A::Dir)
                .expect("dir key")
                .with_kid("dir"),
            DecryptingKey::symmetric(&[2u8; 16], A::A128KW)
                .expect("kw key")
                .with_kid("kw"),
            DecryptingKey::symmetric(&[3u8; 16], A::A128GCMKW)
                .expect("gcmkw key")
                .with_kid("gcmkw"),
            DecryptingKey::password(b"fuzzing password", A::PBES2_HS256_A128KW)
                .expect("pbes2 key")
                .with_kid("pbes2"),
        ];
        let decrypter = Decrypter::new(
            [A::Dir, A::A128KW, A::A128GCMKW, A::PBES2_HS256_A128KW],
            JweEncryption::ALL.iter().copied(),
        )
        .expect("allow-lists")
        .with_max_pbes2_count(1000)
        .expect("cap");
        Fixture { decrypter, keys }
    })
}

fuzz_target!(|data: &[u8]| {
    let f = fixture();
    jwe_decrypt_twice::check(&f.decrypter, &f.keys, data);
});
