//! The fixed keys of the `jwe_decrypt_ecdh` fuzz target, shared with the seed writer
//! (`xtask/src/seeds.rs`): the recipients of RFC 7520 §5.5 (P-256) and §5.4 (P-384), so that
//! the RFC examples decrypt under them, and the X25519 recipient of RFC 8037 App. A.6 (its
//! private key is Bob's of RFC 7748 §6.1).
#![allow(dead_code)]

/// RFC 7520 Figure 120: P-256.
pub const P256_JWK: &str = r#"{"kty":"EC","kid":"meriadoc.brandybuck@buckland.example","crv":"P-256","x":"Ze2loSV3wrroKUN_4zhwGhCqo3Xhu1td4QjeQ5wIVR0","y":"HlLtdXARY_f55A3fnzQbPcm6hgr34Mp8p-nuzQCE0Zw","d":"r_kHyZ-a06rmxM3yESK84r1otSg-aQcVStkRhA-iCM8"}"#;

/// RFC 7520 Figure 108: P-384.
pub const P384_JWK: &str = r#"{"kty":"EC","kid":"peregrin.took@tuckborough.example","crv":"P-384","x":"YU4rRUzdmVqmRtWOs2OpDE_T5fsNIodcG8G5FWPrTPMyxpzsSOGaQLpe2FpxBmu2","y":"A8-yxCHxkfBz3hKZfI1jUYMjUhsEveZ9THuwFjH2sCNdtksRJU7D5-SkgaFL1ETP","d":"iTx2pk7wW-GqJkHcEkFQb2EFyYcO7RugmaW3mRrQVAOUiPommT0IdnYK2xDlZh-j"}"#;

/// RFC 8037 App. A.6's target key "Bob", with its private key.
pub const X25519_JWK: &str = r#"{"kty":"OKP","kid":"Bob","crv":"X25519","x":"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08","d":"XasIfmJKikt54X-Lg4AO5m87sSkmGLb9HC-LJ_-I4Os"}"#;

/// Every fixed key, with the `crv` of the `epk` it agrees with.
pub const KEYS: [(&str, &str); 3] = [
    ("P-256", P256_JWK),
    ("P-384", P384_JWK),
    ("X25519", X25519_JWK),
];

/// The ECDH-ES algorithms, each key being bound to every one of them.
pub const ALGS: [&str; 4] = [
    "ECDH-ES",
    "ECDH-ES+A128KW",
    "ECDH-ES+A192KW",
    "ECDH-ES+A256KW",
];
