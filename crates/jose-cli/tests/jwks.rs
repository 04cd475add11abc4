//! `jose jwt verify --jwks-uri URL` and `--issuer URL`: keys from a local identity provider.
#![cfg(test)]

mod common;

use common::jose;
use jose_jws::JwsAlgorithm;
use jose_test_server::IdentityProvider;

#[test]
fn verify_with_a_jwks_uri() {
    let idp = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    let token = idp.token("alice", "api").unwrap();
    let uri = idp.jwks_uri();
    let args = [
        "jwt",
        "verify",
        "--jwks-uri",
        &uri,
        "--allow-http",
        "--alg",
        "ES256",
        "--aud",
        "api",
    ];
    let claims = jose(&args, token.as_bytes()).line();
    assert!(claims.contains(r#""sub":"alice""#), "{claims}");
    assert_eq!(idp.jwks_hits(), 1);

    // Plain http needs --allow-http.
    let args = ["jwt", "verify", "--jwks-uri", &uri, "--alg", "ES256"];
    let message = jose(&args, token.as_bytes()).usage("ERR_CLI_USAGE");
    assert!(message.contains("not an https URL"), "{message}");
}

#[test]
fn verify_with_discovery() {
    let idp = IdentityProvider::http(JwsAlgorithm::EdDSA).unwrap();
    let token = idp.token("bob", "api").unwrap();
    let issuer = idp.issuer();
    let args = [
        "jwt",
        "verify",
        "--issuer",
        &issuer,
        "--allow-http",
        "--alg",
        "EdDSA",
        "--aud",
        "api",
    ];
    assert!(
        jose(&args, token.as_bytes())
            .line()
            .contains(r#""sub":"bob""#)
    );

    // A token of another issuer is refused: its key is unknown, and its "iss" differs.
    let other = IdentityProvider::http(JwsAlgorithm::EdDSA).unwrap();
    other.rotate().unwrap(); // its key is "key-2"
    let foreign = other.token("mallory", "api").unwrap();
    let message = jose(&args, foreign.as_bytes()).rejected("ERR_JWKS_NO_MATCHING_KEY");
    assert!(message.contains("kid"), "{message}");
}

#[test]
fn an_unreachable_provider_is_reported() {
    let server = jose_test_server::TestServer::http().unwrap();
    let uri = server.url("/jwks.json");
    drop(server);
    let idp = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    let token = idp.token("alice", "api").unwrap();
    let args = [
        "jwt",
        "verify",
        "--jwks-uri",
        &uri,
        "--allow-http",
        "--alg",
        "ES256",
    ];
    jose(&args, token.as_bytes()).rejected("ERR_JWKS_FETCH_FAILED");
}
