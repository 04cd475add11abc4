//! Parsers for option values: registered algorithm names (exact, case-sensitive) and
//! durations. Errors are messages for the command line, listing the accepted names.

use jose_jwk::alg::{Algorithm, JweAlgorithm, JweEncryption, JwsAlgorithm};

/// A JWS `alg` name (RFC 7518 §3.1, RFC 8037, RFC 8812, RFC 9864); `none` is refused with
/// its reason.
pub fn jws_alg(name: &str) -> Result<JwsAlgorithm, String> {
    if name == "none" {
        return Err(
            "\"none\" (an unsecured JWS, RFC 7518 §3.6) is never accepted: it carries no signature"
                .to_owned(),
        );
    }
    name.parse().map_err(|_| {
        unknown(
            "JWS algorithm",
            name,
            JwsAlgorithm::ALL.iter().map(|a| a.as_str()),
        )
    })
}

/// A JWE key management `alg` name (RFC 7518 §4.1).
pub fn jwe_alg(name: &str) -> Result<JweAlgorithm, String> {
    name.parse().map_err(|_| {
        unknown(
            "JWE key management algorithm",
            name,
            JweAlgorithm::ALL.iter().map(|a| a.as_str()),
        )
    })
}

/// A JWE content encryption `enc` name (RFC 7518 §5.1).
pub fn jwe_enc(name: &str) -> Result<JweEncryption, String> {
    name.parse().map_err(|_| {
        unknown(
            "JWE content encryption algorithm",
            name,
            JweEncryption::ALL.iter().map(|a| a.as_str()),
        )
    })
}

/// Any registered algorithm name: JWS `alg`, JWE `alg` or JWE `enc`.
pub fn any_alg(name: &str) -> Result<Algorithm, String> {
    name.parse()
        .map_err(|_| unknown("algorithm", name, Algorithm::ALL.iter().map(|a| a.as_str())))
}

/// A duration such as `30s`, `15m`, `2h`, `1d`, in seconds.
pub fn duration(text: &str) -> Result<u64, String> {
    crate::duration::parse(text)
}

/// The default of `--max-size`: 64 MiB, room for the tokens a local tool makes of files.
pub const DEFAULT_MAX_SIZE: &str = "64M";

/// A size in bytes: a number with an optional unit `K`, `M` or `G` (powers of 1024), such
/// as `256K` or `64M`.
pub fn size(text: &str) -> Result<usize, String> {
    let invalid = || {
        format!(
            "invalid size \"{}\": use a number of bytes with an optional unit K, M or G, such as 256K or 64M",
            jose_b64::printable(text)
        )
    };
    let (number, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => text.split_at(at),
        None => (text, ""),
    };
    let unit: usize = match unit {
        "" => 1,
        "K" | "k" => 1 << 10,
        "M" | "m" => 1 << 20,
        "G" | "g" => 1 << 30,
        _ => return Err(invalid()),
    };
    number
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(unit))
        .filter(|n| *n > 0)
        .ok_or_else(invalid)
}

/// A time claim's value on the command line: a duration from now, or a NumericDate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Time {
    /// This many seconds after the token is made (`15m`).
    In(u64),
    /// This many seconds before the token is made (`-5m`: an expired token, for tests).
    Ago(u64),
    /// This NumericDate, seconds since 1970-01-01T00:00:00Z (`@1767225600`).
    At(u64),
}

/// A time: a duration from now (`15m`, `0s`), before now (`-5m`) or `@SECONDS` since the
/// epoch.
pub fn time(text: &str) -> Result<Time, String> {
    if let Some(ago) = text.strip_prefix('-') {
        return crate::duration::parse(ago).map(Time::Ago);
    }
    match text.strip_prefix('@') {
        Some(secs) if !secs.is_empty() && secs.bytes().all(|b| b.is_ascii_digit()) => {
            secs.parse().map(Time::At).map_err(|_| {
                format!(
                    "invalid time \"{}\": the number of seconds is too large",
                    jose_b64::printable(text)
                )
            })
        }
        Some(_) => Err(format!(
            "invalid time \"{}\": after @ give the seconds since 1970-01-01T00:00:00Z, such as @1767225600",
            jose_b64::printable(text)
        )),
        None => crate::duration::parse(text).map(Time::In),
    }
}

/// An HMAC secret given as text instead of a JWK: the bytes of an environment variable or
/// of a file (a final line break dropped), for the secrets other stacks configure as text.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct SecretArgs {
    /// HS256/384/512: the shared secret is the text of this environment variable (instead of --key)
    #[arg(long, value_name = "VAR", conflicts_with_all = ["key", "secret_file"])]
    pub secret_env: Option<String>,
    /// HS256/384/512: the shared secret is the content of this file, its final line break
    /// dropped (instead of --key)
    #[arg(long, value_name = "FILE", conflicts_with = "key")]
    pub secret_file: Option<String>,
}

impl SecretArgs {
    /// Whether a secret is given.
    pub fn is_given(&self) -> bool {
        self.secret_env.is_some() || self.secret_file.is_some()
    }
}

fn unknown<'a>(kind: &str, name: &str, names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.filter(|n| *n != "none").collect();
    format!(
        "unknown {kind} \"{}\" (names are case-sensitive); one of: {}",
        jose_b64::printable(name),
        names.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_names_only() {
        assert_eq!(jws_alg("ES256"), Ok(JwsAlgorithm::ES256));
        let e = jws_alg("es256").unwrap_err();
        assert!(e.contains("unknown JWS algorithm \"es256\""), "{e}");
        assert!(e.contains("EdDSA") && !e.contains("none"), "{e}");
        assert_eq!(jwe_alg("RSA-OAEP-256"), Ok(JweAlgorithm::RSA_OAEP_256));
        assert!(jwe_alg("A256GCM").is_err());
        assert_eq!(jwe_enc("A256GCM"), Ok(JweEncryption::A256GCM));
        assert!(jwe_enc("A256KW").is_err());
        assert_eq!(
            any_alg("A256GCM"),
            Ok(Algorithm::from(JweEncryption::A256GCM))
        );
        assert_eq!(any_alg("HS256"), Ok(Algorithm::from(JwsAlgorithm::HS256)));
        assert_eq!(duration("2h"), Ok(7200));
        assert_eq!(time("15m"), Ok(Time::In(900)));
        assert_eq!(time("@1767225600"), Ok(Time::At(1_767_225_600)));
        assert!(time("@").is_err() && time("@-5").is_err() && time("@1h").is_err());
        assert!(time("soon").is_err());
        assert_eq!(time("-5m"), Ok(Time::Ago(300)));
        assert!(time("--5m").is_err() && time("-").is_err());
        assert!(jws_alg("none").unwrap_err().contains("never accepted"));
        assert_eq!(size("64M"), Ok(64 << 20));
        assert_eq!(size("300"), Ok(300));
        assert_eq!(size("1k"), Ok(1024));
        assert!(size("0").is_err() && size("5T").is_err() && size("M").is_err());
    }
}
