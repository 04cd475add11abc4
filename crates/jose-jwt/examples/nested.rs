//! A nested JWT: sign (ES256), then encrypt (RSA-OAEP-256 + A256GCM); decrypt, then verify
//! the inner signature with its own pinned algorithm and key (RFC 7519 §5.2, RFC 8725 §3.3).
//!
//! Run: `cargo run -p jose-jwt --example nested`.

use std::error::Error;
use std::time::Duration;

use jose_jwt::{
    Decrypter, DecryptingKey, EcCurve, EncryptingKey, JweAlgorithm, JweEncryption, Jwk,
    JwsAlgorithm, JwtBuilder, JwtVerifier, KeySpec, NestedJwtVerifier, SigningKey, Validation,
    VerifyingKey,
};

fn main() -> Result<(), Box<dyn Error>> {
    // The issuer signs with its EC key; the recipient decrypts with its RSA key.
    let issuer = Jwk::generate(KeySpec::Ec(EcCurve::P256))?.with_kid("issuer-2026");
    let recipient = Jwk::generate(KeySpec::Rsa { bits: 2048 })?.with_kid("recipient-2026");

    let signing = SigningKey::from_jwk(&issuer, JwsAlgorithm::ES256)?;
    let encrypting = EncryptingKey::from_jwk(&recipient.to_public()?, JweAlgorithm::RSA_OAEP_256)?;
    let token = JwtBuilder::new()
        .issuer("https://issuer.example")
        .audience("https://recipient.example")
        .subject("alice")
        .claim("email", "alice@example.com")?
        .issued_now()
        .expires_in(Duration::from_secs(5 * 60))
        .sign_then_encrypt(&signing, &encrypting, JweEncryption::A256GCM)?;
    println!("{token}");

    // Two policies: the JWE's algorithms and key, then the inner JWS's.
    let nested = NestedJwtVerifier::new(
        Decrypter::new([JweAlgorithm::RSA_OAEP_256], [JweEncryption::A256GCM])?,
        JwtVerifier::new(
            [JwsAlgorithm::ES256],
            Validation::new()
                .issuer("https://issuer.example")
                .audience("https://recipient.example"),
        )?,
    );
    let decrypting = DecryptingKey::from_jwk(&recipient, JweAlgorithm::RSA_OAEP_256)?;
    let verifying = VerifyingKey::from_jwk(&issuer.to_public()?, JwsAlgorithm::ES256)?;
    let jwt = nested.verify(&token, &decrypting, &verifying)?;
    println!(
        "decrypted with {:?}, signed by {:?}: {}",
        jwt.encryption().and_then(|e| e.kid()),
        jwt.signature().and_then(|s| s.kid()),
        jwt.claims()["email"]
    );
    if jwt.subject() != Some("alice") {
        return Err("the subject did not survive".into());
    }

    // The signed token alone is not accepted by the nested reader, nor is an encrypted
    // token without a signature inside.
    let unsigned = JwtBuilder::new()
        .subject("mallory")
        .expires_in(Duration::from_secs(60))
        .encrypt(&encrypting, JweEncryption::A256GCM)?;
    match nested.verify(&unsigned, &decrypting, &verifying) {
        Err(e) => println!("an unsigned encrypted token: refused, {} ({e})", e.code()),
        Ok(_) => return Err("an unsigned encrypted token was accepted".into()),
    }
    Ok(())
}
