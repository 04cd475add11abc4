//! Generate an RSA key pair, save it as PEM files (PKCS#8 private key, SPKI public key), load
//! them back, and sign and verify an RS256 JWT (Node: `generateKeyPair('RS256')`,
//! `exportPKCS8`, `exportSPKI`, `importPKCS8`, `importSPKI`).
//!
//! Writes `private.pem` and `public.pem` into the directory given as the first argument, or
//! into a fresh temporary directory that is removed at the end.
//!
//! Run: `cargo run -p jose-jwt --example rsa_keys_pem [DIR]`.

use std::error::Error;
use std::path::PathBuf;
use std::time::Duration;

use jose_jwt::{
    Jwk, JwsAlgorithm, JwtBuilder, JwtVerifier, KeySpec, SigningKey, Validation, VerifyingKey,
};

fn main() -> Result<(), Box<dyn Error>> {
    let (dir, temporary) = match std::env::args().nth(1) {
        Some(dir) => (PathBuf::from(dir), false),
        None => (
            std::env::temp_dir().join(format!("jose-jwt-rsa-{}", std::process::id())),
            true,
        ),
    };
    std::fs::create_dir_all(&dir)?;
    let result = run(&dir);
    if temporary {
        std::fs::remove_dir_all(&dir)?;
    }
    result
}

fn run(dir: &std::path::Path) -> Result<(), Box<dyn Error>> {
    // A 2048-bit key with e = 65537.
    let private = Jwk::generate(KeySpec::Rsa { bits: 2048 })?;
    let private_path = dir.join("private.pem");
    let public_path = dir.join("public.pem");
    std::fs::write(&private_path, private.to_pkcs8_pem()?.as_bytes())?;
    std::fs::write(&public_path, private.to_public()?.to_public_pem()?)?;
    println!(
        "wrote {} and {}",
        private_path.display(),
        public_path.display()
    );

    // Later, elsewhere: load the PEMs, each bound to RS256.
    let signing = SigningKey::from_pem(
        &std::fs::read_to_string(&private_path)?,
        JwsAlgorithm::RS256,
    )?;
    let verifying =
        VerifyingKey::from_pem(&std::fs::read_to_string(&public_path)?, JwsAlgorithm::RS256)?;

    let token = JwtBuilder::new()
        .issuer("urn:example:issuer")
        .subject("user-42")
        .expires_in(Duration::from_secs(60))
        .sign(&signing)?;
    let verifier = JwtVerifier::new(
        [JwsAlgorithm::RS256],
        Validation::new().issuer("urn:example:issuer"),
    )?;
    let jwt = verifier.verify(&token, &verifying)?;
    if jwt.subject() != Some("user-42") {
        return Err("the subject did not survive".into());
    }
    println!(
        "RS256 token verified with the public key from {}",
        public_path.display()
    );

    // A public key can never become an HMAC secret (algorithm confusion).
    if VerifyingKey::from_pem(&std::fs::read_to_string(&public_path)?, JwsAlgorithm::HS256).is_ok()
    {
        return Err("a public key was accepted as an HMAC key".into());
    }
    Ok(())
}
