//! `jose jwk gen | pub | thumbprint | import | export | set`.

use jose_jwk::alg::{Algorithm, KeyRequirement, KeyRole, KeyShape, SizeRule};
use jose_jwk::{EcCurve, Jwk, JwkSet, KeySpec, KeyUse, OkpCurve, ThumbprintHash};

use zeroize::Zeroizing;

use crate::cli::{
    ExportArgs, ExportFormat, GenArgs, ImportArgs, KeyParams, KeyTypeName, PubArgs, SetArgs,
    ThumbprintArgs, ThumbprintHashName,
};
use crate::error::CliError;
use crate::input;
use crate::keys::{self, KeyFile};
use crate::output::{self, Sensitivity};

/// The RSA modulus size made when none is asked for.
const DEFAULT_RSA_BITS: usize = 2048;
/// The symmetric key size made when neither `--size` nor the algorithm says.
const DEFAULT_OCT_BYTES: usize = 32;

/// `jose jwk gen`.
pub fn generate(args: &GenArgs) -> Result<(), CliError> {
    let spec = key_spec(args)?;
    let jwk = with_params(Jwk::generate(spec)?, &args.params)?;
    let mut text = Zeroizing::new(jwk.to_json());
    text.push('\n');
    output::write(
        args.out.as_deref(),
        text.as_bytes(),
        false,
        Sensitivity::Secret,
    )
}

/// `jose jwk pub`.
pub fn public(args: &PubArgs) -> Result<(), CliError> {
    let text = match keys::read("key", &args.key)? {
        KeyFile::Jwk(jwk) => jwk.to_public()?.to_json(),
        KeyFile::Set(set) => set.to_public().to_json(),
    };
    output::stdout_line(&text)
}

/// `jose jwk thumbprint`.
pub fn thumbprint(args: &ThumbprintArgs) -> Result<(), CliError> {
    let jwk = keys::one(&keys::read("key", &args.key)?, args.kid.as_deref())?;
    let hash = match args.hash {
        ThumbprintHashName::Sha256 => ThumbprintHash::Sha256,
        ThumbprintHashName::Sha384 => ThumbprintHash::Sha384,
        ThumbprintHashName::Sha512 => ThumbprintHash::Sha512,
    };
    let text = if args.uri {
        jwk.thumbprint_uri(hash)
    } else {
        jwk.thumbprint(hash)
    };
    output::stdout_line(&text)
}

/// `jose jwk import`.
pub fn import(args: &ImportArgs) -> Result<(), CliError> {
    let bytes = input::read_bytes(Some(&args.input), "key")?;
    let source = keys::Source {
        option: "key",
        value: &args.input,
    };
    let jwk = match keys::parse(&bytes, &source).map_err(|e| e.about(&source.label()))? {
        KeyFile::Jwk(jwk) => *jwk,
        KeyFile::Set(_) => {
            return Err(CliError::usage(
                "the input is a JWK Set, not a PEM or DER key (see `jose jwk pub` and `jose jwk set`)",
            ));
        }
    };
    let jwk = if args.public {
        jwk.to_public()?
    } else if jwk.is_private() && !args.private {
        return Err(CliError::usage(format!(
            "{} holds a private key: add --private to write it as a private JWK, or --public for its public part",
            input::shown(Some(&args.input))
        )));
    } else {
        jwk
    };
    let text = Zeroizing::new(with_params(jwk, &args.params)?.to_json());
    output::stdout_line(&text)
}

/// `jose jwk export`.
pub fn export(args: &ExportArgs) -> Result<(), CliError> {
    let jwk = keys::one(&keys::read("key", &args.key)?, args.kid.as_deref())?;
    let out = args.out.as_deref();
    match (args.format, args.private) {
        (ExportFormat::Pem, false) => output::write(
            out,
            jwk.to_public_pem()?.as_bytes(),
            false,
            Sensitivity::Public,
        ),
        (ExportFormat::Der, false) => {
            output::write(out, &jwk.to_spki_der()?, true, Sensitivity::Public)
        }
        (ExportFormat::Pem, true) => output::write(
            out,
            jwk.to_pkcs8_pem()?.as_bytes(),
            false,
            Sensitivity::Secret,
        ),
        (ExportFormat::Der, true) => {
            output::write(out, &jwk.to_pkcs8_der()?, true, Sensitivity::Secret)
        }
    }
}

/// `jose jwk set`.
pub fn set(args: &SetArgs) -> Result<(), CliError> {
    let mut all = Vec::new();
    for path in &args.keys {
        for jwk in keys::read("key", path)?.keys() {
            all.push(if args.private {
                jwk
            } else {
                jwk.to_public().map_err(|error| CliError::Rejected {
                    code: error.code(),
                    message: format!(
                        "{}: {error}; add --private to keep symmetric keys and private members",
                        input::shown(Some(path))
                    ),
                })?
            });
        }
    }
    let text = Zeroizing::new(JwkSet::from_keys(all)?.to_json());
    output::stdout_line(&text)
}

/// What `jose jwk gen` makes, from `--kty`, `--crv`, `--size` and `--alg`.
fn key_spec(args: &GenArgs) -> Result<KeySpec, CliError> {
    let requirement =
        match args.params.alg {
            Some(alg) => Some(KeyRequirement::of(alg).ok_or_else(|| {
                CliError::usage(format!("no key is made for the algorithm {alg}"))
            })?),
            None => None,
        };
    let shape = requirement.map(|r| r.shape);
    let kty = match (args.kty, shape) {
        (Some(kty), _) => kty,
        (None, Some(KeyShape::Rsa)) => KeyTypeName::Rsa,
        (None, Some(KeyShape::Oct)) => KeyTypeName::Oct,
        (None, Some(KeyShape::Curves(curves))) => match curves.first().map(|c| c.key_type()) {
            Some(jose_jwk::KeyType::Okp) => KeyTypeName::Okp,
            _ => KeyTypeName::Ec,
        },
        (None, None) => return Err(CliError::usage("give --kty or --alg")),
    };
    // The curve: --crv, or the first curve of the algorithm of this key type.
    let alg_curve = |want: jose_jwk::KeyType| match shape {
        Some(KeyShape::Curves(curves)) => curves
            .iter()
            .find(|c| c.key_type() == want)
            .map(|c| c.as_str()),
        _ => None,
    };
    if args.size.is_some() && matches!(kty, KeyTypeName::Ec | KeyTypeName::Okp) {
        return Err(CliError::usage(
            "--size is for RSA and oct keys; the curve fixes the size of EC and OKP keys",
        ));
    }
    if args.crv.is_some() && matches!(kty, KeyTypeName::Rsa | KeyTypeName::Oct) {
        return Err(CliError::usage("--crv is for EC and OKP keys"));
    }
    match kty {
        KeyTypeName::Ec => {
            let crv = args
                .crv
                .as_deref()
                .or_else(|| alg_curve(jose_jwk::KeyType::Ec))
                .unwrap_or("P-256");
            let curve = EcCurve::parse(crv)
                .ok_or_else(|| unknown_curve(crv, EcCurve::ALL.iter().map(|c| c.as_str()), "EC"))?;
            Ok(KeySpec::Ec(curve))
        }
        KeyTypeName::Okp => {
            let crv = args
                .crv
                .as_deref()
                .or_else(|| alg_curve(jose_jwk::KeyType::Okp))
                .unwrap_or("Ed25519");
            let curve = OkpCurve::parse(crv).ok_or_else(|| {
                unknown_curve(crv, OkpCurve::ALL.iter().map(|c| c.as_str()), "OKP")
            })?;
            Ok(KeySpec::Okp(curve))
        }
        KeyTypeName::Rsa => Ok(KeySpec::Rsa {
            bits: args.size.unwrap_or(DEFAULT_RSA_BITS),
        }),
        KeyTypeName::Oct => {
            let bytes = match args.size {
                Some(bits) if bits % 8 != 0 => {
                    return Err(CliError::usage(format!(
                        "--size {bits}: an oct key size is a whole number of bytes (a multiple of 8 bits)"
                    )));
                }
                Some(bits) => bits / 8,
                None => match requirement.map(|r| r.size) {
                    Some(SizeRule::OctExactBytes(bytes)) => bytes,
                    Some(SizeRule::OctMinBytes(bytes)) => bytes.max(DEFAULT_OCT_BYTES),
                    _ => DEFAULT_OCT_BYTES,
                },
            };
            Ok(KeySpec::Oct { bytes })
        }
    }
}

fn unknown_curve<'a>(crv: &str, names: impl Iterator<Item = &'a str>, kty: &str) -> CliError {
    CliError::usage(format!(
        "unknown {kty} curve \"{}\"; one of: {}",
        jose_b64::printable(crv),
        names.collect::<Vec<_>>().join(", ")
    ))
}

/// Sets `use`, `alg` (checked against the key) and `kid` on a key.
fn with_params(jwk: Jwk, params: &KeyParams) -> Result<Jwk, CliError> {
    let mut jwk = jwk;
    if let Some(key_use) = &params.key_use {
        jwk = jwk.with_use(KeyUse::parse(key_use))?;
    }
    if let Some(alg) = params.alg {
        jwk = jwk.with_alg(alg.as_str());
        jwk.check_for(alg, role_for(alg, jwk.is_private()))?;
    }
    if let Some(kid) = &params.kid {
        jwk = jwk.with_kid(kid.as_str());
    } else if params.kid_thumbprint {
        let kid = jwk.thumbprint(ThumbprintHash::Sha256);
        jwk = jwk.with_kid(kid);
    }
    Ok(jwk)
}

/// The role a key has under `alg`: producing with a private (or secret) key, consuming with
/// a public one.
fn role_for(alg: Algorithm, private: bool) -> KeyRole {
    match (alg.is_jws(), private) {
        (true, true) => KeyRole::Sign,
        (true, false) => KeyRole::Verify,
        (false, true) => KeyRole::Decrypt,
        (false, false) => KeyRole::Encrypt,
    }
}
