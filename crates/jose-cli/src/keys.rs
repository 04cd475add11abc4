//! Reading keys: a JWK, a JWK Set, PEM or DER, told apart by their content, from a file or
//! standard input; and choosing one key of a set.

use jose_b64::json;
use jose_jwk::alg::{Algorithm, KeyRole};
use jose_jwk::{Jwk, JwkSet, KeyPolicy};

use crate::error::CliError;
use crate::input;

/// What a key file holds.
#[derive(Clone, Debug)]
pub enum KeyFile {
    /// One key (a JWK, or a PEM or DER key).
    Jwk(Box<Jwk>),
    /// A JWK Set.
    Set(JwkSet),
}

impl KeyFile {
    /// Every key of the file.
    pub fn keys(&self) -> Vec<Jwk> {
        match self {
            Self::Jwk(jwk) => vec![(**jwk).clone()],
            Self::Set(set) => set.keys().to_vec(),
        }
    }
}

/// Where a key comes from, for messages: the option and its value (`--key k.jwk`).
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    /// The option (`--key`, `--decrypt-key`, …).
    pub option: &'a str,
    /// The file (`-` for standard input) or environment variable.
    pub value: &'a str,
}

impl Source<'_> {
    /// `--key k.jwk`, `--key on standard input`.
    pub fn label(&self) -> String {
        format!("{} {}", self.option, input::shown(Some(self.value)))
    }
}

/// Reads the key file given to `option` (`-` for standard input); every error names them.
pub fn read(option: &str, path: &str) -> Result<KeyFile, CliError> {
    let source = Source {
        option,
        value: path,
    };
    let bytes = input::read_bytes(Some(path), option)?;
    parse(&bytes, &source).map_err(|e| e.about(&source.label()))
}

/// An HMAC secret given as text (the bytes of `--secret-env VAR` or `--secret-file FILE`),
/// as a symmetric JWK.
pub fn secret(bytes: &[u8], source: &Source<'_>) -> Result<KeyFile, CliError> {
    let key = jose_jwk::OctKey::new(jose_jwk::SecretBytes::new(bytes.to_vec()))
        .map_err(|e| CliError::from(e).about(&source.label()))?;
    Ok(KeyFile::Jwk(Box::new(Jwk::new(jose_jwk::Key::Oct(key)))))
}

/// The key of `--key FILE`, or the HMAC secret of `--secret-env VAR` / `--secret-file FILE`.
pub fn key_or_secret(
    key: Option<&str>,
    secret: &crate::cli::values::SecretArgs,
) -> Result<(KeyFile, String), CliError> {
    if let Some(var) = &secret.secret_env {
        let source = Source {
            option: "--secret-env",
            value: var,
        };
        let bytes = input::read_env_secret(var, "--secret-env")?;
        return Ok((self::secret(&bytes, &source)?, source.label()));
    }
    if let Some(path) = &secret.secret_file {
        let source = Source {
            option: "--secret-file",
            value: path,
        };
        let bytes = input::read_password(path, "--secret-file")?;
        return Ok((self::secret(&bytes, &source)?, source.label()));
    }
    let path = key.ok_or_else(|| CliError::usage("give --key, --secret-env or --secret-file"))?;
    let label = Source {
        option: "--key",
        value: path,
    }
    .label();
    Ok((read("--key", path)?, label))
}

/// Refuses a private asymmetric key where a public one is expected (to verify a signature,
/// to encrypt): the file holds more than the job needs, often by mistake. Symmetric keys
/// are secret by nature and pass.
pub fn require_public(file: &KeyFile, option: &str, path: &str, job: &str) -> Result<(), CliError> {
    let source = Source {
        option,
        value: path,
    };
    let private = file
        .keys()
        .iter()
        .any(|jwk| jwk.is_private() && jwk.kty() != jose_jwk::KeyType::Oct);
    if !private {
        return Ok(());
    }
    Err(CliError::rejected(
        jose_b64::codes::JWK_WRONG_KIND,
        format!(
            "{}: the key is private, and {job} needs only its public part: give the public key \
             (make it with `jose jwk pub {} > public.jwk`)",
            source.label(),
            if source.value == input::STDIN {
                "private.jwk"
            } else {
                source.value
            }
        ),
    ))
}

/// Reads a key file's content: JSON (a JWK, or a JWK Set when it has `keys`), PEM, or DER.
/// Content that is none of them is a rejected input, as a malformed key is.
pub fn parse(bytes: &[u8], source: &Source<'_>) -> Result<KeyFile, CliError> {
    let start = bytes.trim_ascii_start();
    if start.starts_with(b"{") {
        let map = json::parse_object_map(start)?;
        if map.contains_key("keys") {
            return Ok(KeyFile::Set(crate::binding::jwk_set(map, source)?));
        }
        return Ok(KeyFile::Jwk(Box::new(Jwk::from_map(
            map,
            &KeyPolicy::DEFAULT,
        )?)));
    }
    // Text is UTF-8 without control characters other than white space; DER is binary.
    let text = std::str::from_utf8(bytes)
        .ok()
        .filter(|text| text.chars().all(|c| !c.is_control() || c.is_whitespace()));
    match text {
        Some(text) if text.trim_start().starts_with("-----BEGIN") => {
            Ok(KeyFile::Jwk(Box::new(Jwk::from_pem(text)?)))
        }
        Some(_) => Err(jose_jwk::Error::Pem {
            reason: "not a key: neither a JWK or JWK Set (JSON), nor PEM, nor DER".into(),
        }
        .into()),
        None => Ok(KeyFile::Jwk(Box::new(from_der(bytes)?))),
    }
}

/// A reader of one DER key format.
type DerReader = fn(&[u8]) -> Result<Jwk, jose_jwk::Error>;

/// Reads a DER key of any of the formats the library knows: PKCS#8, SPKI, SEC1, PKCS#1.
pub fn from_der(der: &[u8]) -> Result<Jwk, jose_jwk::Error> {
    let readers: [DerReader; 5] = [
        Jwk::from_pkcs8_der,
        Jwk::from_spki_der,
        Jwk::from_sec1_der,
        Jwk::from_pkcs1_private_der,
        Jwk::from_pkcs1_public_der,
    ];
    let mut meaningful = None;
    for read in readers {
        match read(der) {
            Ok(jwk) => return Ok(jwk),
            // A format that parsed but whose key was refused says more than "not this format".
            Err(error) if error.code() != jose_b64::codes::KEY_ENCODING && meaningful.is_none() => {
                meaningful = Some(error);
            }
            Err(_) => {}
        }
    }
    Err(meaningful.unwrap_or_else(|| jose_jwk::Error::Pem {
        reason: "the DER data is none of SPKI, PKCS#8, PKCS#1 or SEC1".into(),
    }))
}

/// The one key of `file`: the JWK, or the key of the set named `kid` (or the set's only key).
pub fn one(file: &KeyFile, kid: Option<&str>) -> Result<Jwk, CliError> {
    match file {
        KeyFile::Jwk(jwk) => Ok((**jwk).clone()),
        KeyFile::Set(set) => match kid {
            Some(kid) => Ok(set.find_kid(kid)?.clone()),
            None => match set.keys() {
                [only] => Ok(only.clone()),
                keys => Err(CliError::usage(format!(
                    "the JWK Set has {} keys: choose one with --kid",
                    keys.len()
                ))),
            },
        },
    }
}

/// The key of `file` to use for `alg` (when known) in `role`: the JWK itself, or the one key
/// of the set that fits (and has the `kid`, when given). Without an algorithm, a key of the
/// set must name its own `alg`.
pub fn for_role(
    file: &KeyFile,
    kid: Option<&str>,
    alg: Option<Algorithm>,
    role: KeyRole,
) -> Result<Jwk, CliError> {
    let set = match file {
        KeyFile::Jwk(jwk) => return Ok((**jwk).clone()),
        KeyFile::Set(set) => set,
    };
    let fits = |jwk: &&Jwk| match alg {
        Some(alg) => jwk.check_for(alg, role).is_ok(),
        None => jwk.alg().is_some_and(|name| {
            name.parse::<Algorithm>()
                .is_ok_and(|alg| jwk.check_for(alg, role).is_ok())
        }),
    };
    let candidates: Vec<&Jwk> = set
        .keys()
        .iter()
        .filter(|jwk| kid.is_none_or(|kid| jwk.kid() == Some(kid)))
        .filter(fits)
        .collect();
    match candidates.as_slice() {
        [only] => Ok((*only).clone()),
        [] => Err(jose_jwk::Error::NoMatchingKey {
            selection: describe(kid, alg, role),
        }
        .into()),
        several => Err(CliError::usage(format!(
            "{} keys of the JWK Set fit ({}): choose one with --kid",
            several.len(),
            describe(kid, alg, role)
        ))),
    }
}

/// The algorithm to use: the one given, or the JWK's `alg`.
pub fn algorithm<A>(given: Option<A>, jwk: &Jwk) -> Result<A, CliError>
where
    A: std::str::FromStr<Err = jose_jwk::Error>,
{
    if let Some(alg) = given {
        return Ok(alg);
    }
    match jwk.alg() {
        Some(name) => Ok(name.parse()?),
        None => Err(CliError::usage(
            "the key has no \"alg\": give the algorithm with --alg",
        )),
    }
}

fn describe(kid: Option<&str>, alg: Option<Algorithm>, role: KeyRole) -> String {
    let mut text = format!("a key that can {role}");
    if let Some(alg) = alg {
        text.push_str(&format!(" with {alg}"));
    } else {
        text.push_str(" and names its alg");
    }
    if let Some(kid) = kid {
        text.push_str(&format!(", kid \"{}\"", jose_b64::printable(kid)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use jose_jwk::{EcCurve, KeySpec};

    const S: Source<'static> = Source {
        option: "--key",
        value: "k",
    };

    fn ec() -> Jwk {
        Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap()
    }

    #[test]
    fn detects_json_pem_and_der() {
        let jwk = ec();
        let file = parse(jwk.to_json().as_bytes(), &S).unwrap();
        assert!(matches!(file, KeyFile::Jwk(ref k) if k.to_json() == jwk.to_json()));

        let set = format!(r#" {{"keys":[{}]}}"#, jwk.to_json());
        assert!(matches!(parse(set.as_bytes(), &S).unwrap(), KeyFile::Set(s) if s.len() == 1));

        let pem = jwk.to_pkcs8_pem().unwrap();
        assert!(matches!(parse(pem.as_bytes(), &S).unwrap(), KeyFile::Jwk(k) if k.is_private()));

        let der = jwk.to_spki_der().unwrap();
        assert!(matches!(parse(&der, &S).unwrap(), KeyFile::Jwk(k) if !k.is_private()));
        let der = jwk.to_sec1_der().unwrap();
        assert!(matches!(parse(&der, &S).unwrap(), KeyFile::Jwk(k) if k.is_private()));

        let e = parse(b"hello", &S).unwrap_err();
        assert_eq!((e.exit_status(), e.code()), (1, "ERR_KEY_ENCODING"));
        let e = parse(&[0x30, 0x03, 0x02, 0x01, 0xff], &S).unwrap_err();
        assert_eq!(e.code(), "ERR_KEY_ENCODING");
    }

    #[test]
    fn chooses_keys_of_a_set() {
        let a = ec().with_kid("a").with_alg("ES256");
        let b = ec().with_kid("b");
        let file = KeyFile::Set(JwkSet::from_keys(vec![a, b]).unwrap());
        let es256 = Some(Algorithm::Jws(jose_jwk::alg::JwsAlgorithm::ES256));
        let e = for_role(&file, None, es256, KeyRole::Sign).unwrap_err();
        assert_eq!(e.exit_status(), 2);
        let k = for_role(&file, Some("b"), es256, KeyRole::Sign).unwrap();
        assert_eq!(k.kid(), Some("b"));
        let k = for_role(&file, None, None, KeyRole::Sign).unwrap();
        assert_eq!(k.kid(), Some("a"));
        let e = for_role(&file, Some("c"), es256, KeyRole::Sign).unwrap_err();
        assert_eq!(e.code(), "ERR_JWKS_NO_MATCHING_KEY");

        assert_eq!(one(&file, Some("b")).unwrap().kid(), Some("b"));
        assert_eq!(one(&file, None).unwrap_err().exit_status(), 2);
        assert_eq!(
            one(&file, Some("z")).unwrap_err().code(),
            "ERR_JWKS_NO_MATCHING_KEY"
        );
    }
}
