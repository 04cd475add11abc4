//! `jose jwe encrypt | decrypt`, for every key management algorithm the library implements
//! (an algorithm it does not implement yet fails with `ERR_JOSE_NOT_SUPPORTED`).

use jose_b64::serde_json::{Map, Value};
use jose_jwe::{
    DecryptedJwe, Decrypter, DecryptingKey, DecryptingKeyRequest, DecryptingKeyResolver,
    DecryptingKeySet, EncryptingKey, Header, JweAlgorithm, JweEncryption, compact, json,
};
use jose_jwk::alg::{Algorithm, KeyRole};

use super::json_text;
use crate::binding;
use crate::cli::{DecryptArgs, EncryptArgs};
use crate::error::CliError;
use crate::input;
use crate::keys::{self, KeyFile};
use crate::output;

/// `jose jwe encrypt`.
pub fn encrypt(args: &EncryptArgs) -> Result<(), CliError> {
    let key = encrypting_key(args)?;
    let header = protected_header(args)?;
    let plaintext = input::read_bytes(args.plaintext.as_deref(), "plaintext")?;
    let jwe = if args.json {
        json::encrypt_flattened(&key, args.enc, &header, &plaintext)?
    } else {
        compact::encrypt(&key, args.enc, &header, &plaintext)?
    };
    output::stdout_line(&jwe)
}

fn encrypting_key(args: &EncryptArgs) -> Result<EncryptingKey, CliError> {
    if let Some(path) = &args.password_file {
        let alg = args.alg.ok_or_else(|| {
            CliError::usage("--password-file needs --alg PBES2-HS256+A128KW (or another PBES2-*)")
        })?;
        return Ok(EncryptingKey::password(
            &input::read_password(path, "--password-file")?,
            alg,
        )?);
    }
    let path = args
        .key
        .as_deref()
        .ok_or_else(|| CliError::usage("give --key or --password-file"))?;
    encrypting_key_of("--key", path, args.kid.as_deref(), args.alg)
}

/// The key of the file given to `option` to encrypt to with `alg` (or its JWK's `alg`); a
/// private asymmetric key is refused (encrypting needs the public one).
pub(super) fn encrypting_key_of(
    option: &str,
    path: &str,
    kid: Option<&str>,
    alg: Option<JweAlgorithm>,
) -> Result<EncryptingKey, CliError> {
    let file = keys::read(option, path)?;
    keys::require_public(&file, option, path, "encrypting")?;
    let label = format!("{option} {}", input::shown(Some(path)));
    keys::for_role(&file, kid, alg.map(Algorithm::from), KeyRole::Encrypt)
        .and_then(|jwk| {
            let alg: JweAlgorithm = keys::algorithm(alg, &jwk)?;
            binding::encrypting_key(&jwk, alg)
        })
        .map_err(|e| e.about(&label))
}

/// The protected header: `--header`, then `--typ`, `--cty`, `--kid`, `--zip`.
fn protected_header(args: &EncryptArgs) -> Result<Header, CliError> {
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
    if args.zip {
        header = header.deflate();
    }
    Ok(header)
}

/// `jose jwe decrypt`.
pub fn decrypt(args: &DecryptArgs) -> Result<(), CliError> {
    let encs = if args.enc.is_empty() {
        JweEncryption::ALL.to_vec()
    } else {
        args.enc.clone()
    };
    let decrypter = if args.allow_rsa1_5 {
        Decrypter::new_allowing_rsa1_5(args.alg.iter().copied(), encs)?
    } else {
        Decrypter::new(args.alg.iter().copied(), encs)?
    };
    let decrypter = sized(decrypter, args.max_size);
    let keys = decrypting_keys(args)?;
    let token = input::read_token(args.token.as_deref())?;
    // A JSON serialization is an object; a compact JWE never starts with '{'.
    let decrypted = if token.starts_with('{') {
        decrypter.decrypt_json(&token, &keys)
    } else {
        decrypter.decrypt_compact(&token, &keys)
    }
    .map_err(|e| {
        let about_key = is_about_the_key(&e);
        let error = super::jws::too_large_hint(e.into(), args.max_size);
        match (&args.key, about_key) {
            (Some(path), true) => error.about(&format!("--key {}", input::shown(Some(path)))),
            _ => error,
        }
    })?;
    if args.quiet {
        Ok(())
    } else if args.json {
        output::json_line(&described(&decrypted))
    } else {
        output::stdout_bytes(decrypted.plaintext())
    }
}

/// Whether `error` is about the key given (rather than the token): its message then names
/// the option the key came from.
pub(super) fn is_about_the_key(error: &jose_jwe::Error) -> bool {
    matches!(
        error,
        jose_jwe::Error::Key(_)
            | jose_jwe::Error::KeyAlgorithmMismatch { .. }
            | jose_jwe::Error::NoMatchingKey { .. }
    )
}

/// `decrypter` accepting tokens of up to `max_size` bytes, and inflating a compressed
/// plaintext to as much.
pub(super) fn sized(decrypter: Decrypter, max_size: usize) -> Decrypter {
    let mut limits = *decrypter.limits();
    limits.max_token_len = max_size;
    decrypter
        .with_limits(limits)
        .with_max_decompressed_len(max_size)
}

fn decrypting_keys(args: &DecryptArgs) -> Result<Keys, CliError> {
    if let Some(path) = &args.password_file {
        let password = input::read_password(path, "--password-file")?;
        let keys = args
            .alg
            .iter()
            .filter(|alg| alg.is_pbes2())
            .map(|&alg| DecryptingKey::password(&password, alg))
            .collect::<Result<Vec<_>, _>>()?;
        if keys.is_empty() {
            return Err(CliError::usage(
                "--password-file is for the PBES2-* algorithms: give one with --alg",
            ));
        }
        return Ok(Keys::One {
            keys,
            unfit: Vec::new(),
        });
    }
    let path = args
        .key
        .as_deref()
        .ok_or_else(|| CliError::usage("give --key or --password-file"))?;
    let label = format!("--key {}", input::shown(Some(path)));
    Keys::bind(&keys::read("--key", path)?, &args.alg).map_err(|e| e.about(&label))
}

/// `{"alg","enc","kid","protected","plaintext"}` of a decrypted JWE.
fn described(decrypted: &DecryptedJwe) -> Value {
    let mut map = Map::new();
    map.insert("alg".into(), Value::from(decrypted.alg().as_str()));
    map.insert("enc".into(), Value::from(decrypted.enc().as_str()));
    if let Some(kid) = decrypted.kid() {
        map.insert("kid".into(), Value::from(kid));
    }
    map.insert(
        "protected".into(),
        Value::Object(decrypted.protected_header().clone()),
    );
    json_text::insert_bytes(&mut map, "plaintext", decrypted.plaintext());
    Value::Object(map)
}

/// The decryption keys of a key file, each bound to one algorithm of the allow-list.
pub(super) enum Keys {
    /// The keys of a JWK Set: chosen by `kid`, then algorithm.
    Set(DecryptingKeySet),
    /// One key bound to each algorithm it fits, chosen by the token's algorithm (a token's
    /// `kid` must equal the key's when both have one); for the algorithms it does not fit,
    /// why, told once the token's algorithm is known to be allowed.
    One {
        keys: Vec<DecryptingKey>,
        unfit: Vec<(JweAlgorithm, jose_jwe::Error)>,
    },
}

impl Keys {
    pub(super) fn bind(file: &KeyFile, algs: &[JweAlgorithm]) -> Result<Self, CliError> {
        let jwk = match file {
            KeyFile::Set(set) => return Ok(Self::Set(binding::decrypting_key_set(set, algs)?)),
            KeyFile::Jwk(jwk) => jwk,
        };
        let mut keys = Vec::new();
        let mut unfit = Vec::new();
        for &alg in algs {
            // As for a JWK Set: among several algorithms, a key is a PBES2 password only when
            // its JWK says so, so that a key for A*KW is never also tried as a password.
            if algs.len() > 1 && alg.is_pbes2() && jwk.alg() != Some(alg.as_str()) {
                let reason = format!(
                    "with several --alg, a key is a {alg} password only when its JWK names that \"alg\""
                );
                unfit.push((alg, jose_jwe::Error::NoMatchingKey { reason }));
                continue;
            }
            match DecryptingKey::from_jwk(jwk, alg) {
                Ok(key) => keys.push(key),
                Err(error) => unfit.push((alg, error)),
            }
        }
        Ok(Self::One { keys, unfit })
    }
}

impl DecryptingKeyResolver for Keys {
    fn resolve(
        &self,
        request: &DecryptingKeyRequest<'_>,
    ) -> Result<DecryptingKey, jose_jwe::Error> {
        match self {
            Self::Set(set) => set.resolve(request),
            Self::One { keys, unfit } => {
                if let Some(key) = keys.iter().find(|key| key.alg() == request.alg) {
                    return key.resolve(request);
                }
                if let Some((_, error)) = unfit.iter().find(|(alg, _)| *alg == request.alg) {
                    return Err(error.clone());
                }
                Err(jose_jwe::Error::NoMatchingKey {
                    reason: format!("the key cannot decrypt {}", request.alg),
                })
            }
        }
    }
}
