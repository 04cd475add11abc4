//! A DPoP flow end to end (RFC 9449), in one process: the client asks the authorization
//! server for a token with a proof, is told to use a nonce (`use_dpop_nonce`, §8), retries,
//! gets a token bound to its key (`cnf.jkt`, §6.1), and calls the resource server, which
//! verifies the token and the proof and refuses a replay and a stolen token (§7.1).
//!
//! Every answer is checked; the example exits non-zero when one is wrong.
//!
//! Run: `cargo run -p jose-oauth --example dpop_flow`.

use std::error::Error;
use std::time::Duration;

use jose_jwk::{EcCurve, Jwk, KeySpec};
use jose_jws::{JwsAlgorithm, SigningKey};
use jose_jwt::Validation;
use jose_oauth::{
    AccessTokenBuilder, AccessTokenVerifier, DpopChallenge, DpopKey, DpopNonces, DpopRequest,
    DpopVerifier, MemoryReplayStore,
};

type BoxError = Box<dyn Error + Send + Sync>;

const TOKEN_ENDPOINT: &str = "https://as.example/token";
const RESOURCE: &str = "https://api.example/orders";

fn check(what: &str, ok: bool) -> Result<(), BoxError> {
    if ok {
        println!("ok: {what}");
        Ok(())
    } else {
        Err(format!("FAILED: {what}").into())
    }
}

fn main() -> Result<(), BoxError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(run())
}

async fn run() -> Result<(), BoxError> {
    // The authorization server: its signing key, its nonces, its replay store.
    let as_key = SigningKey::from_jwk(
        &Jwk::generate(KeySpec::Ec(EcCurve::P256))?,
        JwsAlgorithm::ES256,
    )?;
    let nonces = DpopNonces::generate(Duration::from_secs(300))?;
    let as_proofs = DpopVerifier::new([JwsAlgorithm::ES256, JwsAlgorithm::EdDSA])?
        .require_nonce(nonces.checker());
    let as_seen = MemoryReplayStore::default();

    // The client's DPoP key.
    let client = DpopKey::new(
        &Jwk::generate(KeySpec::Ec(EcCurve::P256))?,
        JwsAlgorithm::ES256,
    )?;

    // 1. A token request without a nonce: 400 use_dpop_nonce, with a DPoP-Nonce header.
    let proof = client.proof("POST", TOKEN_ENDPOINT).sign()?;
    let request = DpopRequest::new("POST", TOKEN_ENDPOINT);
    let Err(e) = as_proofs.verify(&proof, &request, &as_seen).await else {
        return Err("a proof without the required nonce was accepted".into());
    };
    let answer = DpopChallenge::token_endpoint(&e, Some(nonces.issue()));
    check(
        "the token endpoint asks for a nonce",
        answer.status() == 400 && answer.error() == Some("use_dpop_nonce"),
    )?;
    let nonce = answer
        .dpop_nonce()
        .ok_or("no DPoP-Nonce header")?
        .to_owned();
    println!("   {}", answer.json_body());

    // 2. The retry with the nonce: a token bound to the proof's key.
    let proof = client.proof("POST", TOKEN_ENDPOINT).nonce(&nonce).sign()?;
    let verified = as_proofs.verify(&proof, &request, &as_seen).await?;
    let access_token = AccessTokenBuilder::new(
        "https://as.example",
        "alice",
        "https://api.example",
        "app-1",
    )
    .scopes(["orders:read"])
    .confirmation(&verified.confirmation())
    .sign(&as_key)?;
    check(
        "the token is bound to the client's key",
        verified.thumbprint() == client.thumbprint(),
    )?;

    // The resource server: the AS's public key, its own proof verifier and replay store.
    let tokens = AccessTokenVerifier::new(
        [JwsAlgorithm::ES256],
        Validation::new()
            .issuer("https://as.example")
            .audience("https://api.example"),
    )?
    .require_scopes(["orders:read"]);
    let rs_proofs = DpopVerifier::new([JwsAlgorithm::ES256])?;
    let rs_seen = MemoryReplayStore::default();
    let resource_server = |token: String, proof: String| {
        let (tokens, rs_proofs, rs_seen, as_key) = (&tokens, &rs_proofs, &rs_seen, &as_key);
        async move {
            let at = tokens.verify(&token, as_key.verifying_key())?;
            let request = DpopRequest::new("GET", RESOURCE).access_token(&token);
            rs_proofs
                .verify_bound(&proof, &request, at.confirmation(), rs_seen)
                .await?;
            Ok::<String, jose_oauth::Error>(at.subject().to_owned())
        }
    };

    // 3. The call: `Authorization: DPoP <token>`, `DPoP: <proof>`.
    let proof = client
        .proof("GET", RESOURCE)
        .access_token(&access_token)
        .sign()?;
    let subject = resource_server(access_token.clone(), proof.clone()).await?;
    check("the resource server accepts the call", subject == "alice")?;

    // 4. The same proof again: a replay, 401 invalid_dpop_proof.
    let Err(e) = resource_server(access_token.clone(), proof).await else {
        return Err("a replayed proof was accepted".into());
    };
    let answer = DpopChallenge::resource_server(&e, rs_proofs.algorithms(), None);
    check(
        "a replayed proof is refused",
        answer.status() == 401 && answer.error() == Some("invalid_dpop_proof"),
    )?;
    println!("   WWW-Authenticate: {}", answer.www_authenticate());

    // 5. The token stolen by someone with another key: 401 invalid_token.
    let thief = DpopKey::new(
        &Jwk::generate(KeySpec::Ec(EcCurve::P256))?,
        JwsAlgorithm::ES256,
    )?;
    let proof = thief
        .proof("GET", RESOURCE)
        .access_token(&access_token)
        .sign()?;
    let Err(e) = resource_server(access_token, proof).await else {
        return Err("a stolen token was accepted".into());
    };
    let answer = DpopChallenge::resource_server(&e, rs_proofs.algorithms(), None);
    check(
        "a stolen token is refused",
        e.code() == "ERR_DPOP_KEY_BINDING_MISMATCH" && answer.error() == Some("invalid_token"),
    )?;
    println!("   WWW-Authenticate: {}", answer.www_authenticate());
    Ok(())
}
