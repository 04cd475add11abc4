//! Sign an HS256 JWT that expires in 15 minutes (Node: `new SignJWT(...).setExpirationTime('15m')`).
//!
//! The secret comes from `JWT_SECRET` (at least 32 bytes for HS256) or, for the example, a
//! fixed one. Prints the token.
//!
//! Run: `cargo run -p jose-jwt --example sign_hs256`.

use std::error::Error;
use std::time::Duration;

use jose_jwt::{JwsAlgorithm, JwtBuilder, SigningKey};

fn main() -> Result<(), Box<dyn Error>> {
    let secret = std::env::var("JWT_SECRET")
        .unwrap_or_else(|_| "an example secret that is long enough for HS256".to_owned());
    // HS256 needs at least 32 bytes of secret (RFC 7518 §3.2); shorter is an error.
    let key = SigningKey::hmac(secret.as_bytes(), JwsAlgorithm::HS256)?;

    let token = JwtBuilder::new()
        .issuer("urn:example:issuer")
        .audience("urn:example:audience")
        .subject("user-42")
        .claim("urn:example:claim", true)?
        .issued_now()
        .expires_in(Duration::from_secs(15 * 60))
        .sign(&key)?;

    if token.split('.').count() != 3 {
        return Err("a signed JWT has three segments".into());
    }
    println!("{token}");
    Ok(())
}
