//! Encrypt sensitive claims as a JWE with RSA-OAEP-256 and A256GCM, using the recipient's
//! public key from an SPKI PEM, and decrypt them with its PKCS#8 PEM private key (Node:
//! `new EncryptJWT(...).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM' })`,
//! `jwtDecrypt`).
//!
//! An encrypted JWT is confidential but says nothing about who made it: anyone with the
//! public key can make one. So `JwtDecrypter` refuses public-key key management unless the
//! application opts in with `allow_public_key_encryption()`, as here. Sign, then encrypt (the
//! `nested` example) when the recipient must know the issuer.
//!
//! Run: `cargo run -p jose-jwt --example encrypt_claims`.

use std::error::Error;
use std::time::Duration;

use jose_jwt::{
    Decrypter, DecryptingKey, EncryptingKey, JweAlgorithm, JweEncryption, Jwk, JwtBuilder,
    JwtDecrypter, KeySpec, Validation,
};

#[derive(serde::Deserialize)]
struct Patient {
    sub: String,
    diagnosis: String,
}

fn main() -> Result<(), Box<dyn Error>> {
    // The recipient's key pair, as the PEM text it would keep in files.
    let recipient = Jwk::generate(KeySpec::Rsa { bits: 2048 })?;
    let spki_pem = recipient.to_public()?.to_public_pem()?;
    let pkcs8_pem = recipient.to_pkcs8_pem()?;

    // The sender: the recipient's public key from the SPKI PEM.
    let public = EncryptingKey::from_pem(&spki_pem, JweAlgorithm::RSA_OAEP_256)?;
    let token = JwtBuilder::new()
        .issuer("urn:example:clinic")
        .subject("patient-7")
        .claim("diagnosis", "confidential")?
        .issued_now()
        .expires_in(Duration::from_secs(10 * 60))
        .encrypt(&public, JweEncryption::A256GCM)?;
    if token.split('.').count() != 5 || token.contains("confidential") {
        return Err("expected a five-segment JWE that hides the claims".into());
    }
    println!("{token}");

    // The recipient: the private key from the PKCS#8 PEM, and explicit allow-lists. The
    // `iss` claim is not proof of the issuer here (anyone with the public key could have
    // written it): the opt-in says the application knows that.
    let private = DecryptingKey::from_pem(&pkcs8_pem, JweAlgorithm::RSA_OAEP_256)?;
    let decrypter = Decrypter::new([JweAlgorithm::RSA_OAEP_256], [JweEncryption::A256GCM])?;
    let reader = JwtDecrypter::new(decrypter, Validation::new().issuer("urn:example:clinic"))
        .allow_public_key_encryption();
    let jwt = reader.decrypt_as::<Patient>(&token, &private)?;
    println!(
        "decrypted: {} has diagnosis {:?} ({}, {})",
        jwt.claims().sub,
        jwt.claims().diagnosis,
        jwt.encryption()
            .map(|e| e.alg().as_str())
            .unwrap_or_default(),
        jwt.encryption()
            .map(|e| e.enc().as_str())
            .unwrap_or_default()
    );
    if jwt.claims().diagnosis != "confidential" {
        return Err("the claims did not survive".into());
    }
    Ok(())
}
