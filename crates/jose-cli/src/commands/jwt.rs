//! `jose jwt sign | verify`, on jose-jwt: signed, nested (signed, then encrypted) and
//! encrypted-only JWTs.

use std::time::Duration;

use jose_b64::serde_json::{Map, Value};
use jose_jwe::{Decrypter, JweAlgorithm, JweEncryption};
use jose_jwk::alg::{Algorithm, KeyRole};
use jose_jws::{JwsAlgorithm, Limits, SigningKey, Verifier};
use jose_jwt::{JwtBuilder, JwtVerifier, NestedJwtVerifier, NumericDate, Validation};

use super::{json_text, jwe, jws};
use crate::binding;
use crate::cli::values::Time;
use crate::cli::{JwtSignArgs, JwtVerifyArgs};
use crate::error::CliError;
use crate::input;
use crate::keys;
use crate::output;

/// The flag that accepts an encrypted-only JWT with public-key key management.
const ALLOW_PUBLIC_KEY: &str = "--allow-unsigned-public-key-jwt";

/// Whether anyone who has the public key can encrypt with `alg` (ECDH-ES*, RSA*).
fn is_public_key(alg: JweAlgorithm) -> bool {
    alg.is_ecdh_es() || alg.as_str().starts_with("RSA")
}

/// `jose jwt sign`.
pub fn sign(args: &JwtSignArgs) -> Result<(), CliError> {
    let claims = match args.claims.as_deref() {
        Some(text) => claims_arg(text)?,
        None => Map::new(),
    };
    if args.exp.is_none() && !args.no_exp && !claims.contains_key("exp") {
        return Err(CliError::usage(
            "the token has no expiry: give --exp (15m, or @SECONDS), an \"exp\" in --claims, or --no-exp",
        ));
    }
    let builder = builder(args, claims)?;
    let signed = args.key.is_some() || args.secret.is_given();
    let token = match (&args.encrypt_key, signed) {
        (Some(path), true) => {
            let signing_key = signing_key(args)?;
            let encrypting_key =
                jwe::encrypting_key_of("--encrypt-key", path, None, args.encrypt_alg)?;
            let enc = args.enc.unwrap_or(JweEncryption::A256GCM);
            builder.sign_then_encrypt(&signing_key, &encrypting_key, enc)?
        }
        (Some(path), false) => {
            let encrypting_key =
                jwe::encrypting_key_of("--encrypt-key", path, None, args.encrypt_alg)?;
            if is_public_key(encrypting_key.alg()) && !args.allow_unsigned_public_key_jwt {
                return Err(CliError::usage(format!(
                    "an encrypted JWT with {} is not signed, and anyone who has the public key \
                     can make one: sign it too (--key), or say {ALLOW_PUBLIC_KEY}",
                    encrypting_key.alg()
                )));
            }
            let enc = args.enc.unwrap_or(JweEncryption::A256GCM);
            builder.encrypt(&encrypting_key, enc)?
        }
        (None, _) => builder.sign(&signing_key(args)?)?,
    };
    output::stdout_line(&token)
}

/// The claims of `--claims`: a JSON object, `@FILE` for a file's, `-` for standard input's.
fn claims_arg(text: &str) -> Result<Map<String, Value>, CliError> {
    let (path, label) = match text.strip_prefix('@') {
        Some(path) => (Some(path), format!("--claims @{path}")),
        None if text == input::STDIN => (Some(input::STDIN), "--claims -".to_owned()),
        None => (None, "--claims".to_owned()),
    };
    match path {
        Some(path) => {
            let bytes = input::read_bytes(Some(path), "--claims")?;
            let text = std::str::from_utf8(&bytes)
                .map_err(|_| CliError::usage(format!("{label}: the claims are not UTF-8 text")))?;
            json_text::object_arg(text, &label)
        }
        None => json_text::object_arg(text, &label),
    }
}

/// The claims of `--claims`, then the options; `iat` is the time of signing unless the
/// claims have one.
fn builder(args: &JwtSignArgs, claims: Map<String, Value>) -> Result<JwtBuilder, CliError> {
    let has_iat = claims.contains_key("iat");
    let mut builder = JwtBuilder::new().claims(&claims)?;
    if !has_iat {
        builder = builder.issued_now();
    }
    if let Some(iss) = &args.iss {
        builder = builder.issuer(iss.as_str());
    }
    if let Some(sub) = &args.sub {
        builder = builder.subject(sub.as_str());
    }
    builder = match args.aud.as_slice() {
        [] => builder,
        [one] => builder.audience(one.as_str()),
        several => builder.audiences(several.iter().map(String::as_str)),
    };
    if let Some(jti) = &args.jti {
        builder = builder.jwt_id(jti.as_str());
    }
    builder = match args.exp {
        Some(Time::In(secs)) => builder.expires_in(Duration::from_secs(secs)),
        Some(Time::Ago(secs)) => builder.expires_at(ago(secs, "--exp")?),
        Some(Time::At(secs)) => builder.expires_at(NumericDate::from_secs(secs)?),
        None if args.no_exp => builder.without_expiration(),
        None => builder,
    };
    builder = match args.nbf {
        Some(Time::In(secs)) => builder.not_before_in(Duration::from_secs(secs)),
        Some(Time::Ago(secs)) => builder.not_before(ago(secs, "--nbf")?),
        Some(Time::At(secs)) => builder.not_before(NumericDate::from_secs(secs)?),
        None => builder,
    };
    if let Some(typ) = &args.typ {
        builder = builder.typ(typ.as_str());
    }
    if let Some(kid) = &args.kid {
        builder = builder.kid(kid.as_str());
    }
    Ok(builder)
}

/// The NumericDate `secs` seconds before now.
fn ago(secs: u64, option: &str) -> Result<NumericDate, CliError> {
    let now = u64::try_from(crate::time::now()).unwrap_or(0);
    let at = now
        .checked_sub(secs)
        .ok_or_else(|| CliError::usage(format!("{option}: the time is before 1970")))?;
    Ok(NumericDate::from_secs(at)?)
}

fn signing_key(args: &JwtSignArgs) -> Result<SigningKey, CliError> {
    let (file, label) = keys::key_or_secret(args.key.as_deref(), &args.secret)?;
    keys::for_role(
        &file,
        args.kid.as_deref(),
        args.alg.map(Algorithm::from),
        KeyRole::Sign,
    )
    .and_then(|jwk| {
        let alg: JwsAlgorithm = keys::algorithm(args.alg, &jwk)?;
        Ok(SigningKey::from_jwk(&jwk, alg)?)
    })
    .map_err(|e| e.about(&label))
}

/// `jose jwt verify`.
pub fn verify(args: &JwtVerifyArgs) -> Result<(), CliError> {
    let validation = validation(args)?;
    let signed = args.key.is_some() || args.secret.is_given();
    let remote = args.jwks_uri.is_some() || args.issuer.is_some();
    let jwt = match (&args.decrypt_key, signed) {
        (None, false) if remote => {
            let verifier = JwtVerifier::new(args.alg.iter().copied(), validation)?;
            let token = input::read_token(args.token.as_deref())?;
            super::remote::verify(args, &verifier, &token)?
        }
        (Some(path), false) => {
            if !args.alg.is_empty() {
                return Err(CliError::usage(
                    "--alg is for the signature, and an encrypted JWT without --key has none: \
                     give --key to verify a nested JWT, or leave --alg out",
                ));
            }
            let public_key = args.decrypt_alg.iter().find(|alg| is_public_key(**alg));
            if let (Some(alg), false) = (public_key, args.allow_unsigned_public_key_jwt) {
                return Err(CliError::usage(format!(
                    "--decrypt-alg {alg} without --key accepts an encrypted JWT that anyone who \
                     has the public key can make: give --key and --alg to verify a nested \
                     (signed, then encrypted) JWT, or say {ALLOW_PUBLIC_KEY}"
                )));
            }
            let decrypter = decrypter(args)?;
            let decrypting_keys = decrypting_keys(args, path)?;
            let token = input::read_token(args.token.as_deref())?;
            binding::decrypt_jwt(
                decrypter,
                validation,
                args.allow_unsigned_public_key_jwt,
                &token,
                &decrypting_keys,
            )
            .map_err(|e| hint(e, &token, args, Form::Encrypted))?
        }
        (decrypt_key, _) => {
            if args.alg.is_empty() {
                return Err(CliError::usage(
                    "give the accepted signature algorithms with --alg (ES256, RS256, …)",
                ));
            }
            let mut limits = Limits::DEFAULT;
            limits.max_token_len = args.max_size;
            let verifier = Verifier::new(args.alg.iter().copied())?.with_limits(limits);
            let verifier = JwtVerifier::from_verifier(verifier, validation);
            let (file, label) = jws::verification_file(args.key.as_deref(), &args.secret)?;
            let verifying_keys = jws::Keys::bind(&file, &args.alg, args.allow_short_hmac_secret)
                .map_err(|e| e.about(&label))?;
            match decrypt_key {
                Some(path) => {
                    let decrypter = decrypter(args)?;
                    let decrypting_keys = decrypting_keys(args, path)?;
                    let token = input::read_token(args.token.as_deref())?;
                    NestedJwtVerifier::new(decrypter, verifier)
                        .verify(&token, &decrypting_keys, &verifying_keys)
                        .map_err(|e| hint(e, &token, args, Form::Nested))?
                }
                None => {
                    let token = input::read_token(args.token.as_deref())?;
                    verifier
                        .verify(&token, &verifying_keys)
                        .map_err(|e| hint(e, &token, args, Form::Signed))?
                }
            }
        }
    };
    if args.quiet {
        Ok(())
    } else {
        output::json_line(&Value::Object(jwt.into_claims()))
    }
}

fn decrypter(args: &JwtVerifyArgs) -> Result<Decrypter, CliError> {
    let encs = if args.enc.is_empty() {
        JweEncryption::ALL.to_vec()
    } else {
        args.enc.clone()
    };
    let decrypter = Decrypter::new(args.decrypt_alg.iter().copied(), encs)?;
    Ok(jwe::sized(decrypter, args.max_size))
}

fn decrypting_keys(args: &JwtVerifyArgs, path: &str) -> Result<jwe::Keys, CliError> {
    let label = format!("--decrypt-key {}", input::shown(Some(path)));
    jwe::Keys::bind(&keys::read("--decrypt-key", path)?, &args.decrypt_alg)
        .map_err(|e| e.about(&label))
}

/// What `jwt verify` was asked to read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// A signed JWT (`--key`).
    Signed,
    /// A nested JWT (`--key` and `--decrypt-key`).
    Nested,
    /// An encrypted-only JWT (`--decrypt-key` alone).
    Encrypted,
}

/// The library's error, with what to do next in the CLI's terms where the library's words
/// name library types: the options that read an encrypted or nested token, the flags that
/// accept an audience.
fn hint(error: jose_jwt::Error, token: &str, args: &JwtVerifyArgs, form: Form) -> CliError {
    let key_option = match &error {
        jose_jwt::Error::Jws(e) if jws::is_about_the_key(e) => Some(key_label(args)),
        jose_jwt::Error::Jwe(e) if jwe::is_about_the_key(e) => args
            .decrypt_key
            .as_deref()
            .map(|path| format!("--decrypt-key {}", input::shown(Some(path)))),
        _ => None,
    };
    if let Some(label) = key_option {
        return CliError::from(error).about(&label);
    }
    let code = error.code();
    let message = error.to_string();
    let malformed = matches!(error, jose_jwt::Error::Malformed { .. });
    let with = |text: &str| CliError::Rejected {
        code,
        message: text.to_owned(),
    };
    if malformed && form == Form::Signed && token.split('.').count() == 5 {
        return with(
            "invalid JWT: the token is encrypted (a JWE, five segments); give --decrypt-key and \
             --decrypt-alg to decrypt it (with --key and --alg as well for a nested JWT, signed \
             then encrypted)",
        );
    }
    if malformed && form == Form::Nested && message.contains("cty") {
        return with(&format!(
            "{message}; the JWE does not say that it holds a JWT: for an encrypted JWT \
             without a signature leave out --key and --alg; for a signed JWT encrypted without \
             \"cty\", decrypt it with `jose jwe decrypt` and verify the result with \
             `jose jwt verify --key …`"
        ));
    }
    if malformed && form == Form::Encrypted && message.contains("nested JWT") {
        return with(
            "invalid JWT: the JWE holds a nested JWT (cty JWT): give --key and --alg as well, to \
             verify the signed JWT inside",
        );
    }
    if let jose_jwt::Error::UnexpectedAudience { found } = &error {
        let found: Vec<String> = found.iter().map(|aud| format!("\"{aud}\"")).collect();
        return with(&format!(
            "the token has the audience {} but no --aud is given: give the accepted audience \
             with --aud, or accept any with --allow-any-audience",
            found.join(", ")
        ));
    }
    if let jose_jwt::Error::AudienceNotAccepted { .. } = error {
        return with(&format!(
            "{message}; the accepted audiences are those of --aud (or --allow-any-audience)"
        ));
    }
    jws::too_large_hint(error.into(), args.max_size)
}

/// The option the verifying key came from, for messages.
fn key_label(args: &JwtVerifyArgs) -> String {
    match (&args.key, &args.secret.secret_env, &args.secret.secret_file) {
        (Some(path), _, _) => format!("--key {}", input::shown(Some(path))),
        (_, Some(var), _) => format!("--secret-env {var}"),
        (_, _, Some(path)) => format!("--secret-file {path}"),
        _ => "--key".to_owned(),
    }
}

/// The claim rules of the options, on the library's defaults.
fn validation(args: &JwtVerifyArgs) -> Result<Validation, CliError> {
    let mut validation = Validation::new().leeway(Duration::from_secs(args.leeway));
    if !args.iss.is_empty() {
        validation = validation.issuers(args.iss.iter().map(String::as_str));
    } else if let Some(issuer) = &args.issuer {
        validation = validation.issuer(issuer.as_str());
    }
    if !args.aud.is_empty() {
        validation = validation.audiences(args.aud.iter().map(String::as_str));
    }
    if args.allow_any_audience {
        validation = validation.ignore_audience();
    }
    if let Some(sub) = &args.sub {
        validation = validation.subject(sub.as_str());
    }
    if let Some(typ) = &args.typ {
        validation = validation.typ(typ);
    }
    for claim in &args.require {
        validation = validation.require(claim.as_str());
    }
    if args.allow_no_exp {
        validation = validation.allow_missing_expiration();
    }
    Ok(validation)
}
