//! The fixed keys of the `jwe_json_decrypt` fuzz target, shared with the seed writer
//! (`xtask/src/seeds.rs`): the recipients of RFC 7520 §5.10–§5.13 that need no RSA (Figure 151,
//! A128KW; Figure 138, A256GCMKW; Figure 108, ECDH-ES+A256KW on P-384) and of RFC 7516
//! App. A.5 (App. A.3's A128KW key, kid "7"), so that those examples decrypt under them; and a
//! `dir` key and a PBES2 password of our own.
#![allow(dead_code)]

/// (algorithm, JWK) of every fixed key; each JWK has a `kid`.
pub const KEYS: [(&str, &str); 5] = [
    (
        "A128KW",
        r#"{"kty":"oct","kid":"81b20965-8332-43d9-a468-82160ad91ac8","use":"enc","alg":"A128KW","k":"GZy6sIZ6wl9NJOKB-jnmVQ"}"#,
    ),
    (
        "A128KW",
        r#"{"kty":"oct","kid":"7","k":"GawgguFyGrWKav7AX4VKUg"}"#,
    ),
    (
        "A256GCMKW",
        r#"{"kty":"oct","kid":"18ec08e1-bfa9-4d95-b205-2b4dd1d4321d","use":"enc","alg":"A256GCMKW","k":"qC57l_uxcm7Nm3K-ct4GFjx8tM1U8CZ0NLBvdQstiS8"}"#,
    ),
    (
        "ECDH-ES+A256KW",
        r#"{"kty":"EC","kid":"peregrin.took@tuckborough.example","crv":"P-384","x":"YU4rRUzdmVqmRtWOs2OpDE_T5fsNIodcG8G5FWPrTPMyxpzsSOGaQLpe2FpxBmu2","y":"A8-yxCHxkfBz3hKZfI1jUYMjUhsEveZ9THuwFjH2sCNdtksRJU7D5-SkgaFL1ETP","d":"iTx2pk7wW-GqJkHcEkFQb2EFyYcO7RugmaW3mRrQVAOUiPommT0IdnYK2xDlZh-j"}"#,
    ),
    (
        "dir",
        r#"{"kty":"oct","kid":"dir","k":"AQEBAQEBAQEBAQEBAQEBAQ"}"#,
    ),
];

/// The PBES2-HS256+A128KW password (kid "pbes2"); the target caps `p2c` at 1000.
pub const PASSWORD: &[u8] = b"fuzzing password";
