//! Verifying the tokens of an identity provider across a key rotation and an outage.
//!
//! A local identity provider (127.0.0.1, https with a test CA) publishes its keys; the API
//! discovers them from the issuer, verifies tokens, follows a rotation, and keeps verifying
//! with the last good set while the provider fails. `cargo run -p jose-jwks --example
//! identity_provider`; it checks its own results.

use std::time::Duration;

use jose_jwks::{JwtVerifierExt, RemoteJwkSet};
use jose_jws::JwsAlgorithm;
use jose_jwt::{JwtVerifier, Validation};
use jose_test_server::{Answer, IdentityProvider};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let idp = IdentityProvider::https(JwsAlgorithm::ES256)?;
    let ca = idp.server().ca_pem().unwrap_or_default().to_owned();

    // Discovery: the metadata must name exactly this issuer.
    let jwks = RemoteJwkSet::builder()
        .add_root_certificate_pem(ca)
        // One refetch per unknown kid at most every 30 s by default; none here, so that
        // the rotation below is seen at once.
        .cooldown(Duration::ZERO)
        .discover(&idp.issuer())
        .await?;
    let verifier = JwtVerifier::new(
        [JwsAlgorithm::ES256],
        Validation::new().issuer(idp.issuer()).audience("api"),
    )?;

    let before = idp.token("alice", "api")?;
    let jwt = verifier.verify_async(&before, &jwks).await?;
    println!("verified {:?} with {:?}", jwt.subject(), jwks.status().kids);

    // The provider rotates: a new kid appears, the old one disappears. The new token's
    // unknown kid makes one refetch.
    idp.rotate()?;
    let after = idp.token("bob", "api")?;
    let jwt = verifier.verify_async(&after, &jwks).await?;
    println!(
        "after the rotation, verified {:?} with {:?}",
        jwt.subject(),
        jwks.status().kids
    );
    assert_eq!(jwks.status().kids, ["key-2"]);

    // The old key is gone: its token is refused, and the error says the key is unknown.
    let refused = verifier.verify_async(&before, &jwks).await;
    let error = refused.err().ok_or("the retired key's token verified")?;
    println!("the retired key's token: {error} [{}]", error.code());
    assert!(error.is_unknown_key());

    // The provider fails: the cached set keeps serving (it is fresh; were it expired, the
    // last good set would serve for up to 24 h while retries back off).
    let fetches = idp.jwks_hits();
    idp.server().set(idp.jwks_path(), Answer::status(503));
    verifier.verify_async(&after, &jwks).await?;
    println!(
        "during the outage: {} fetches, cached set fresh: {}",
        idp.jwks_hits(),
        jwks.status().fresh
    );
    assert_eq!(idp.jwks_hits(), fetches, "a fresh set needs no fetch");
    Ok(())
}
