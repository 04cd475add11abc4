//! `jose jws sign | verify`.

use jose_b64::serde_json::{Map, Value};
use jose_jwk::KeyType;
use jose_jwk::alg::{Algorithm, KeyRole};
use jose_jws::json::Signer;
use jose_jws::{
    Header, JwsAlgorithm, Limits, SignaturePolicy, SigningKey, VerifiedJws, Verifier, VerifyingKey,
    VerifyingKeyRequest, VerifyingKeyResolver, VerifyingKeySet, compact, json,
};

use super::json_text;
use crate::binding;
use crate::cli::{JsonSerialization, SignArgs, VerifyArgs};
use crate::error::CliError;
use crate::input;
use crate::keys::{self, KeyFile};
use crate::output;

/// `jose jws sign`.
pub fn sign(args: &SignArgs) -> Result<(), CliError> {
    check_sign_args(args)?;
    let header = protected_header(args)?;
    let unprotected = args
        .unprotected
        .as_deref()
        .map(|text| json_text::object_arg(text, "--unprotected"))
        .transpose()?;
    let mut files = Vec::with_capacity(args.key.len().max(1));
    if args.secret.is_given() {
        files.push(keys::key_or_secret(None, &args.secret)?);
    }
    for path in &args.key {
        files.push((keys::read("--key", path)?, format!("--key {path}")));
    }
    let mut signing_keys = Vec::with_capacity(files.len());
    for (index, (file, label)) in files.iter().enumerate() {
        let alg = args.alg.get(index).or(args.alg.first()).copied();
        let key = keys::for_role(
            file,
            args.kid.as_deref(),
            alg.map(Algorithm::from),
            KeyRole::Sign,
        )
        .and_then(|jwk| {
            let alg: JwsAlgorithm = keys::algorithm(alg, &jwk)?;
            Ok(SigningKey::from_jwk(&jwk, alg)?)
        })
        .map_err(|e| e.about(label))?;
        signing_keys.push(key);
    }
    let payload = input::read_bytes(args.payload.as_deref(), "payload")?;
    let jws = match (args.json, signing_keys.as_slice()) {
        (None, [key]) if args.detached => compact::sign_detached(key, &header, &payload)?,
        (None, [key]) => compact::sign(key, &header, &payload)?,
        (Some(JsonSerialization::Flattened), [key]) if args.detached => {
            json::sign_flattened_detached(key, &header, unprotected, &payload)?
        }
        (Some(JsonSerialization::Flattened), [key]) => {
            json::sign_flattened(key, &header, unprotected, &payload)?
        }
        (Some(JsonSerialization::General), keys) => {
            let mut signer = Signer::new(&payload);
            for key in keys {
                signer = signer.signature(key, header.clone(), unprotected.clone());
            }
            if args.detached {
                signer = signer.detached();
            }
            signer.sign_general()?
        }
        _ => return Err(CliError::usage("several --key need --json general")),
    };
    output::stdout_line(&jws)
}

fn check_sign_args(args: &SignArgs) -> Result<(), CliError> {
    if args.key.len() > 1 && args.json != Some(JsonSerialization::General) {
        return Err(CliError::usage(
            "several --key need --json general (one signature per key)",
        ));
    }
    if args.alg.len() > 1 && args.alg.len() != args.key.len() {
        return Err(CliError::usage(format!(
            "{} --alg for {} --key: give one --alg for every key, or one per key in order",
            args.alg.len(),
            args.key.len()
        )));
    }
    if args.kid.is_some() && args.key.len() > 1 {
        return Err(CliError::usage(
            "--kid applies to a single --key; give each key its kid in its JWK",
        ));
    }
    Ok(())
}

/// The protected header: `--header`, then `--typ`, `--cty`, `--kid`, then `--b64 false`.
fn protected_header(args: &SignArgs) -> Result<Header, CliError> {
    let mut header = Header::new();
    if let Some(text) = &args.header {
        for (name, value) in json_text::object_arg(text, "--header")? {
            header = header.param(name, value)?;
        }
    }
    if let Some(typ) = &args.typ {
        header = header.typ(typ.as_str());
    }
    if let Some(cty) = &args.cty {
        header = header.cty(cty.as_str());
    }
    if let Some(kid) = &args.kid {
        header = header.kid(kid.as_str());
    }
    if !args.b64 {
        header = header.unencoded_payload();
    }
    Ok(header)
}

/// The key file (or secret) to verify with, checked to hold no private asymmetric key.
pub(super) fn verification_file(
    key: Option<&str>,
    secret: &crate::cli::values::SecretArgs,
) -> Result<(KeyFile, String), CliError> {
    let (file, label) = keys::key_or_secret(key, secret)?;
    if let (Some(path), false) = (key, secret.is_given()) {
        keys::require_public(&file, "--key", path, "verifying a signature")?;
    }
    Ok((file, label))
}

/// `jose jws verify`.
pub fn verify(args: &VerifyArgs) -> Result<(), CliError> {
    let mut limits = Limits::DEFAULT;
    limits.max_token_len = args.max_size;
    let verifier = Verifier::new(args.alg.iter().copied())?.with_limits(limits);
    let (file, label) = verification_file(args.key.as_deref(), &args.secret)?;
    let keys =
        Keys::bind(&file, &args.alg, args.allow_short_hmac_secret).map_err(|e| e.about(&label))?;
    let token = input::read_token(args.token.as_deref())?;
    let payload = args
        .payload
        .as_deref()
        .map(|path| input::read_bytes(Some(path), "payload"))
        .transpose()?;
    let is_json = token.starts_with('{');
    let policy = if args.all_signatures {
        SignaturePolicy::All
    } else if !args.require_kid.is_empty() {
        SignaturePolicy::require_kids(args.require_kid.iter().cloned())
    } else {
        SignaturePolicy::AnyOne
    };
    if !is_json && policy != SignaturePolicy::AnyOne {
        return Err(CliError::usage(
            "--all-signatures and --require-kid are for JWS JSON serializations; this JWS is compact",
        ));
    }
    let verified = match (is_json, &payload) {
        (true, Some(payload)) => verifier.verify_json_detached(&token, payload, &keys, &policy),
        (true, None) => verifier.verify_json(&token, &keys, &policy),
        (false, Some(payload)) => verifier.verify_compact_detached(&token, payload, &keys),
        (false, None) => verifier.verify_compact(&token, &keys),
    }
    .map_err(|e| {
        let about_key = is_about_the_key(&e);
        if matches!(e, jose_jws::Error::Malformed { .. }) && token.split('.').count() == 5 {
            return CliError::rejected(
                e.code(),
                "malformed JWS: the token is a JWE (five segments): decrypt it with `jose jwe \
                 decrypt` (a JWT with `jose jwt verify --decrypt-key`)",
            );
        }
        let error = too_large_hint(e.into(), args.max_size);
        if about_key {
            error.about(&label)
        } else {
            error
        }
    })?;
    if args.quiet {
        Ok(())
    } else if args.json {
        output::json_line(&described(&verified))
    } else {
        output::stdout_bytes(verified.payload())
    }
}

/// Whether `error` is about the key given (rather than the token): its message then names
/// the option the key came from.
pub(super) fn is_about_the_key(error: &jose_jws::Error) -> bool {
    matches!(
        error,
        jose_jws::Error::Key(_)
            | jose_jws::Error::KeyAlgorithmMismatch { .. }
            | jose_jws::Error::NoMatchingKey { .. }
    )
}

/// An input above the `--max-size` limit: the message names the option that raises it.
pub(super) fn too_large_hint(error: CliError, max_size: usize) -> CliError {
    match error {
        CliError::Rejected { code, message }
            if message.ends_with(&format!("the limit of {max_size} bytes")) =>
        {
            CliError::Rejected {
                code,
                message: format!("{message} (raise it with --max-size)"),
            }
        }
        other => other,
    }
}

/// `{"alg","kid","protected","header","payload"}` of a verified JWS.
fn described(verified: &VerifiedJws) -> Value {
    let mut map = Map::new();
    map.insert("alg".into(), Value::from(verified.alg().as_str()));
    if let Some(kid) = verified.kid() {
        map.insert("kid".into(), Value::from(kid));
    }
    map.insert(
        "protected".into(),
        Value::Object(verified.protected_header().clone()),
    );
    if let Some(header) = verified.unprotected_header() {
        map.insert("header".into(), Value::Object(header.clone()));
    }
    json_text::insert_bytes(&mut map, "payload", verified.payload());
    Value::Object(map)
}

/// The verification keys of a key file, each bound to one algorithm of the allow-list.
pub(super) enum Keys {
    /// The keys of a JWK Set: chosen by `kid`, then algorithm.
    Set(VerifyingKeySet),
    /// One key bound to each algorithm it fits, chosen by the token's algorithm (a token's
    /// `kid` must equal the key's when both have one); for the algorithms it does not fit,
    /// why, told once the token's algorithm is known to be allowed.
    One {
        keys: Vec<VerifyingKey>,
        unfit: Vec<(JwsAlgorithm, jose_jws::Error)>,
    },
}

impl Keys {
    /// `allow_short_secret` is `--allow-short-hmac-secret`: for one key only.
    pub(super) fn bind(
        file: &KeyFile,
        algs: &[JwsAlgorithm],
        allow_short_secret: bool,
    ) -> Result<Self, CliError> {
        let jwk = match file {
            KeyFile::Set(_) if allow_short_secret => {
                return Err(CliError::usage(
                    "--allow-short-hmac-secret applies to one key (--key with a JWK, \
                     --secret-env, --secret-file), not to a JWK Set",
                ));
            }
            KeyFile::Set(set) => return Ok(Self::Set(binding::verifying_key_set(set, algs)?)),
            KeyFile::Jwk(jwk) => jwk,
        };
        let mut keys = Vec::new();
        let mut unfit = Vec::new();
        let mut short = false;
        for &alg in algs {
            let bound = match binding::verifying_key(jwk, alg) {
                Err(error) if allow_short_secret && jwk.kty() == KeyType::Oct => {
                    binding::verifying_key_allowing_short_secret(jwk, alg)
                        .inspect(|_| short = true)
                        .map_err(|_| error)
                }
                bound => bound,
            };
            match bound {
                Ok(key) => keys.push(key),
                Err(error) => unfit.push((alg, error)),
            }
        }
        if short {
            eprintln!(
                "warning: verifying with an HMAC secret shorter than RFC 7518 §3.2 allows \
                 (--allow-short-hmac-secret): move the issuer to a full-length secret with a new kid"
            );
        }
        Ok(Self::One { keys, unfit })
    }
}

impl VerifyingKeyResolver for Keys {
    fn resolve(&self, request: &VerifyingKeyRequest<'_>) -> Result<VerifyingKey, jose_jws::Error> {
        match self {
            Self::Set(set) => set.resolve(request),
            Self::One { keys, unfit } => {
                if let Some(key) = keys.iter().find(|key| key.alg() == request.alg) {
                    return key.resolve(request);
                }
                if let Some((_, error)) = unfit.iter().find(|(alg, _)| *alg == request.alg) {
                    return Err(error.clone());
                }
                Err(jose_jws::Error::NoMatchingKey {
                    reason: format!("the key cannot verify {}", request.alg),
                })
            }
        }
    }
}
