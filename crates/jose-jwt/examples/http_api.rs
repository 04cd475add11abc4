//! An HTTP API protected by bearer tokens (RFC 6750) with axum middleware: a missing or
//! malformed `Authorization` header and every invalid token get 401 with a JSON error body
//! and `WWW-Authenticate`; a valid access token (RFC 9068, `typ: at+jwt`) gives the handler
//! the subject, role and scopes.
//!
//! The example serves on 127.0.0.1 (a port the system picks), sends itself real requests
//! over TCP, checks every answer, and exits (non-zero if an answer is wrong).
//!
//! Run: `cargo run -p jose-jwt --example http_api`.

use std::error::Error;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::extract::{Extension, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use jose_jwt::{
    EncryptingKey, FixedClock, JweAlgorithm, JweEncryption, JwsAlgorithm, JwtBuilder, JwtVerifier,
    SigningKey, Validation, VerifyingKey,
    serde_json::{Value, json},
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

type BoxError = Box<dyn Error + Send + Sync>;

const ISSUER: &str = "https://auth.example";
const AUDIENCE: &str = "https://api.example";

/// The claims of the API's access tokens.
#[derive(serde::Deserialize)]
struct AccessClaims {
    sub: String,
    role: String,
    /// Space-separated (RFC 8693 §4.2).
    scope: String,
}

/// Who is calling, as the handlers see it.
#[derive(Clone, Debug)]
struct Principal {
    subject: String,
    role: String,
    scopes: Vec<String>,
}

struct AppState {
    verifier: JwtVerifier,
    key: VerifyingKey,
}

/// The bearer-token middleware.
async fn authenticate(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
    let header = match request.headers().get(header::AUTHORIZATION) {
        None => return unauthorized("missing_token", "no Authorization header", None),
        Some(value) => value.to_str().unwrap_or_default(),
    };
    let Some(token) = header
        .strip_prefix("Bearer ")
        .filter(|t| !t.is_empty() && !t.contains(' '))
    else {
        return unauthorized(
            "invalid_request",
            "the Authorization header must be \"Bearer <token>\"",
            None,
        );
    };
    match state.verifier.verify_as::<AccessClaims>(token, &state.key) {
        Ok(jwt) => {
            let claims = jwt.into_claims();
            request.extensions_mut().insert(Principal {
                subject: claims.sub,
                role: claims.role,
                scopes: claims.scope.split(' ').map(str::to_owned).collect(),
            });
            next.run(request).await
        }
        Err(e) => unauthorized("invalid_token", &e.to_string(), Some(e.code())),
    }
}

/// 401 with a JSON body and the RFC 6750 §3 challenge.
fn unauthorized(error: &str, description: &str, code: Option<&str>) -> Response {
    let body = json!({ "error": error, "error_description": description, "code": code });
    let mut response = (StatusCode::UNAUTHORIZED, Json(body)).into_response();
    let challenge = format!("Bearer realm=\"api\", error=\"{error}\"");
    if let Ok(value) = HeaderValue::from_str(&challenge) {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, value);
    }
    response
}

async fn me(Extension(principal): Extension<Principal>) -> Json<Value> {
    Json(json!({
        "subject": principal.subject,
        "role": principal.role,
        "scopes": principal.scopes,
    }))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), BoxError> {
    let signing = SigningKey::hmac(&[7u8; 32], JwsAlgorithm::HS256)?.with_kid("api-2026");
    let state = Arc::new(AppState {
        verifier: JwtVerifier::new(
            [JwsAlgorithm::HS256],
            Validation::new()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .typ("at+jwt"),
        )?,
        key: signing.verifying_key().clone(),
    });
    let app = Router::new()
        .route("/me", get(me))
        .route_layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            authenticate,
        ))
        .with_state(state);
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    println!("serving on http://{address}");

    let result = exercise(address, &signing).await;
    server.abort();
    result
}

/// Sends the requests and checks the answers.
async fn exercise(address: std::net::SocketAddr, signing: &SigningKey) -> Result<(), BoxError> {
    let access_token = |builder: JwtBuilder| {
        builder
            .typ("at+jwt")
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .subject("alice")
            .claim("role", "admin")?
            .claim("scope", "orders:read orders:write")?
            .issued_now()
            .expires_in(Duration::from_secs(300))
            .sign(signing)
    };
    let valid = access_token(JwtBuilder::new())?;
    let an_hour_ago = FixedClock::new(SystemTime::now() - Duration::from_secs(3600));
    let expired = access_token(JwtBuilder::new().clock(an_hour_ago))?;
    let other_key = SigningKey::hmac(&[8u8; 32], JwsAlgorithm::HS256)?;
    let forged = JwtBuilder::new()
        .typ("at+jwt")
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject("mallory")
        .claim("role", "admin")?
        .claim("scope", "*")?
        .expires_in(Duration::from_secs(300))
        .sign(&other_key)?;
    let other_audience = JwtBuilder::new()
        .typ("at+jwt")
        .issuer(ISSUER)
        .audience("https://other.example")
        .subject("alice")
        .claim("role", "admin")?
        .claim("scope", "x")?
        .expires_in(Duration::from_secs(300))
        .sign(signing)?;
    // An ID token of the same issuer and key, offered as an access token.
    let id_token = JwtBuilder::new()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject("alice")
        .claim("role", "admin")?
        .claim("scope", "x")?
        .expires_in(Duration::from_secs(300))
        .sign(signing)?;
    let encrypted = JwtBuilder::new()
        .typ("at+jwt")
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject("alice")
        .expires_in(Duration::from_secs(300))
        .encrypt(
            &EncryptingKey::symmetric(&[7u8; 32], JweAlgorithm::A256KW)?,
            JweEncryption::A256GCM,
        )?;

    let refused: [(&str, Option<String>, &str, Option<&str>); 10] = [
        ("no Authorization header", None, "missing_token", None),
        (
            "Basic credentials",
            Some("Basic YWxpY2U6c2VjcmV0".into()),
            "invalid_request",
            None,
        ),
        (
            "an empty bearer token",
            Some("Bearer ".into()),
            "invalid_request",
            None,
        ),
        (
            "a token that is not a JWT",
            Some("Bearer not-a-token".into()),
            "invalid_token",
            Some("ERR_JWS_INVALID"),
        ),
        (
            "an expired token",
            Some(format!("Bearer {expired}")),
            "invalid_token",
            Some("ERR_JWT_EXPIRED"),
        ),
        (
            "a token signed with another key",
            Some(format!("Bearer {forged}")),
            "invalid_token",
            Some("ERR_JWS_SIGNATURE_VERIFICATION_FAILED"),
        ),
        (
            "a token for another audience",
            Some(format!("Bearer {other_audience}")),
            "invalid_token",
            Some("ERR_JWT_CLAIM_VALIDATION_FAILED"),
        ),
        (
            "an ID token (typ JWT)",
            Some(format!("Bearer {id_token}")),
            "invalid_token",
            Some("ERR_JWT_CLAIM_VALIDATION_FAILED"),
        ),
        (
            "an encrypted token",
            Some(format!("Bearer {encrypted}")),
            "invalid_token",
            Some("ERR_JWT_INVALID"),
        ),
        (
            "a tampered token",
            Some(format!("Bearer {}", tamper(&valid))),
            "invalid_token",
            Some("ERR_JWS_SIGNATURE_VERIFICATION_FAILED"),
        ),
    ];
    for (case, authorization, error, code) in refused {
        let (status, challenge, body) = get_me(address, authorization.as_deref()).await?;
        let body_ok = body.get("error").and_then(Value::as_str) == Some(error)
            && code.is_none_or(|code| body.get("code").and_then(Value::as_str) == Some(code));
        if status != 401 || !challenge.starts_with("Bearer") || !body_ok {
            return Err(format!("{case}: got {status} {body} (challenge {challenge:?})").into());
        }
        println!("{case}: 401 {body}");
    }

    let (status, _, body) = get_me(address, Some(&format!("Bearer {valid}"))).await?;
    let expected = json!({
        "subject": "alice",
        "role": "admin",
        "scopes": ["orders:read", "orders:write"],
    });
    if status != 200 || body != expected {
        return Err(format!("a valid token: got {status} {body}").into());
    }
    println!("a valid token: 200 {body}");
    Ok(())
}

/// The token with the last character of its signature changed to another canonical one (an
/// HS256 signature's last character carries four bits: `A`, `E`, … leave the rest zero).
fn tamper(token: &str) -> String {
    let mut tampered = token.to_owned();
    let last = tampered.pop();
    tampered.push(if last == Some('A') { 'E' } else { 'A' });
    tampered
}

/// `GET /me` over a fresh connection: the status, the `WWW-Authenticate` header and the
/// JSON body.
async fn get_me(
    address: std::net::SocketAddr,
    authorization: Option<&str>,
) -> Result<(u16, String, Value), BoxError> {
    let mut stream = TcpStream::connect(address).await?;
    let mut request = format!("GET /me HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
    if let Some(authorization) = authorization {
        request.push_str(&format!("Authorization: {authorization}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).await?;
    let mut response = String::new();
    stream.read_to_string(&mut response).await?;
    let (head, body) = response
        .split_once("\r\n\r\n")
        .ok_or("an HTTP response without a body")?;
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("an HTTP response without a status")?;
    let challenge = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("www-authenticate")
                .then(|| value.trim().to_owned())
        })
        .unwrap_or_default();
    Ok((status, challenge, jose_jwt::serde_json::from_str(body)?))
}
