//! `jose-jwt` is the one dependency a JWT user needs: its examples and the README's JWT
//! example name no other crate of the workspace.

use std::path::Path;

const OTHER_CRATES: [&str; 4] = ["jose_b64", "jose_jwk", "jose_jws", "jose_jwe"];

fn others_named(source: &str) -> Vec<&'static str> {
    OTHER_CRATES
        .into_iter()
        .filter(|name| source.contains(name))
        .collect()
}

#[test]
fn the_examples_import_only_jose_jwt() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "rs") {
            let source = std::fs::read_to_string(&path).unwrap();
            assert!(source.contains("use jose_jwt::"), "{}", path.display());
            assert_eq!(
                others_named(&source),
                Vec::<&str>::new(),
                "{}",
                path.display()
            );
            seen += 1;
        }
    }
    assert!(seen >= 5, "examples found: {seen}");
}

#[test]
fn the_readme_jwt_example_imports_only_jose_jwt() {
    let readme = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md");
    let readme = std::fs::read_to_string(readme).unwrap();
    let example = readme
        .split("```rust\n")
        .map(|block| block.split("```").next().unwrap())
        .find(|block| block.contains("JwtBuilder"))
        .expect("the README has a JWT example");
    assert!(example.contains("use jose_jwt::"));
    assert_eq!(others_named(example), Vec::<&str>::new());
}

#[test]
fn the_crate_root_names_the_key_types() {
    // Compiles only while the re-exports exist.
    fn takes(
        _: Option<(
            jose_jwt::SigningKey,
            jose_jwt::VerifyingKeySet,
            jose_jwt::DecryptingKeySet,
        )>,
    ) {
    }
    takes(None);
    let _: Option<(
        jose_jwt::Jwk,
        jose_jwt::JwkSet,
        jose_jwt::KeySpec,
        jose_jwt::EncryptingKey,
    )> = None;
    let _ = (
        jose_jwt::JwsAlgorithm::ES256,
        jose_jwt::JweAlgorithm::RSA_OAEP_256,
        jose_jwt::JweEncryption::A256GCM,
    );
    let _ = (jose_jwt::EcCurve::P256, jose_jwt::OkpCurve::Ed25519);
    let _: Option<jose_jwt::jws::Header> = None;
    let _: Option<jose_jwt::jwe::Header> = None;
}
