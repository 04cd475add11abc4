//! `jose jwt inspect`: the header and claims of a compact token, decoded without verifying
//! anything (strict base64url and strict JSON only), with its times in RFC 3339 UTC and
//! relative to now.

use jose_b64::serde_json::{Map, Value};
use jose_b64::{base64url, json};

use crate::cli::InspectArgs;
use crate::error::CliError;
use crate::{duration, input, output, time};

/// The code of a token that cannot be decoded at all.
const MALFORMED: &str = jose_b64::codes::JWT_INVALID;

/// The time claims, in the order they are shown.
const TIME_CLAIMS: [&str; 3] = ["iat", "nbf", "exp"];

/// `jose jwt inspect`.
pub fn inspect(args: &InspectArgs) -> Result<(), CliError> {
    let token = input::read_token(args.token.as_deref())?;
    let decoded = decode(&token)?;
    let now = time::now();
    if args.json {
        output::json_line(&decoded.to_json(now, args.leeway))
    } else {
        output::stdout_line(&decoded.to_text(now, args.leeway)?)
    }
}

/// A decoded, unverified token.
#[derive(Debug)]
struct Decoded {
    /// `"JWS"` or `"JWE"`.
    kind: &'static str,
    header: Map<String, Value>,
    body: Body,
}

/// What can be read of the token's content.
#[derive(Debug)]
enum Body {
    /// A JWS whose payload is a JSON object: the claims.
    Claims(Map<String, Value>),
    /// A JWS whose payload is something else.
    Payload(Vec<u8>),
    /// A JWS with a detached (empty) payload.
    Detached,
    /// A JWE: the content is encrypted.
    Encrypted,
}

/// What the time claims say about now.
#[derive(Debug, PartialEq, Eq)]
enum TimeStatus {
    /// `exp` and `nbf` (those present) hold now.
    Current,
    /// `exp` has passed.
    Expired,
    /// `nbf` is still to come.
    NotYetValid,
    /// `exp` or `nbf` is not a NumericDate.
    Invalid,
}

impl TimeStatus {
    fn as_str(&self) -> &'static str {
        match self {
            Self::Current => "current",
            Self::Expired => "expired",
            Self::NotYetValid => "not_yet_valid",
            Self::Invalid => "invalid",
        }
    }
}

fn malformed(message: impl Into<String>) -> CliError {
    CliError::Rejected {
        code: MALFORMED,
        message: message.into(),
    }
}

/// Splits and decodes a compact JWS (3 parts) or JWE (5 parts).
fn decode(token: &str) -> Result<Decoded, CliError> {
    if token.starts_with('{') {
        return Err(malformed(
            "this is a JSON serialization; inspect reads compact tokens (3 or 5 parts)",
        ));
    }
    let parts: Vec<&str> = token.split('.').collect();
    let (kind, header_part, payload_part) = match parts.as_slice() {
        [header, payload, _] => ("JWS", *header, Some(*payload)),
        [header, _, _, _, _] => ("JWE", *header, None),
        _ => {
            return Err(malformed(format!(
                "a compact token has 3 parts (JWS) or 5 parts (JWE), this one has {}",
                parts.len()
            )));
        }
    };
    let header_bytes = base64url::decode(header_part).map_err(in_part("header"))?;
    let header = json::parse_object_map(&header_bytes).map_err(in_part("header"))?;
    let body = match payload_part {
        None => Body::Encrypted,
        Some("") => Body::Detached,
        Some(payload) => {
            let bytes = if header.get("b64") == Some(&Value::Bool(false)) {
                payload.as_bytes().to_vec()
            } else {
                base64url::decode(payload).map_err(in_part("payload"))?
            };
            match json::parse_object_map(&bytes) {
                Ok(claims) => Body::Claims(claims),
                Err(_) => Body::Payload(bytes),
            }
        }
    };
    Ok(Decoded { kind, header, body })
}

/// Puts the part's name before a decoding error.
fn in_part(part: &'static str) -> impl Fn(jose_b64::Error) -> CliError {
    move |error| CliError::Rejected {
        code: error.code(),
        message: format!("the token's {part}: {error}"),
    }
}

/// A claim as a NumericDate (RFC 7519 §2): a JSON number of seconds, fractions dropped.
fn numeric_date(value: &Value) -> Option<i64> {
    let Value::Number(number) = value else {
        return None;
    };
    if let Some(seconds) = number.as_i64() {
        return Some(seconds);
    }
    let seconds = number.as_f64()?.floor();
    // Within ±2^53, where every integer is an f64 and the conversion is exact.
    const LIMIT: f64 = 9_007_199_254_740_992.0;
    if seconds.is_finite() && (-LIMIT..=LIMIT).contains(&seconds) {
        Some(seconds as i64)
    } else {
        None
    }
}

impl Decoded {
    fn claims(&self) -> Option<&Map<String, Value>> {
        match &self.body {
            Body::Claims(claims) => Some(claims),
            _ => None,
        }
    }

    /// The status of `exp` and `nbf` at `now`, `None` when the token has neither.
    fn time_status(&self, now: i64, leeway: u64) -> Option<TimeStatus> {
        let claims = self.claims()?;
        let leeway = i64::try_from(leeway).unwrap_or(i64::MAX);
        let exp = claims.get("exp");
        let nbf = claims.get("nbf");
        if exp.is_none() && nbf.is_none() {
            return None;
        }
        let exp = exp.map(numeric_date);
        let nbf = nbf.map(numeric_date);
        if exp == Some(None) || nbf == Some(None) {
            return Some(TimeStatus::Invalid);
        }
        // RFC 7519 §4.1.4: now must be before exp; §4.1.5: now must not be before nbf.
        if let Some(Some(exp)) = exp
            && now >= exp.saturating_add(leeway)
        {
            return Some(TimeStatus::Expired);
        }
        if let Some(Some(nbf)) = nbf
            && now.saturating_add(leeway) < nbf
        {
            return Some(TimeStatus::NotYetValid);
        }
        Some(TimeStatus::Current)
    }

    /// The text for people.
    fn to_text(&self, now: i64, leeway: u64) -> Result<String, CliError> {
        let mut lines = vec![match self.body {
            Body::Encrypted => format!(
                "UNVERIFIED {}: nothing has been decrypted or verified; the content is encrypted (read it with `jose jwe decrypt`, or a JWT with `jose jwt verify --decrypt-key`)",
                self.kind
            ),
            Body::Claims(_) => format!(
                "UNVERIFIED {}: the signature has not been verified (verify the JWT and its claims with `jose jwt verify`)",
                self.kind
            ),
            _ => format!(
                "UNVERIFIED {}: the signature has not been verified (use `jose jws verify`)",
                self.kind
            ),
        }];
        lines.push("header:".into());
        lines.push(pretty(&Value::Object(self.header.clone()))?);
        match &self.body {
            Body::Claims(claims) => {
                lines.push("claims:".into());
                lines.push(pretty(&Value::Object(claims.clone()))?);
                for name in TIME_CLAIMS {
                    if let Some(value) = claims.get(name) {
                        lines.push(format!("{name}: {}", time_text(value, now)));
                    }
                }
                if let Some(status) = self.time_status(now, leeway) {
                    let words = match status {
                        TimeStatus::Current => "within its validity period",
                        TimeStatus::Expired => "EXPIRED",
                        TimeStatus::NotYetValid => "NOT YET VALID (nbf is in the future)",
                        TimeStatus::Invalid => "INVALID (exp or nbf is not a NumericDate)",
                    };
                    lines.push(format!(
                        "time: {words} (leeway {})",
                        duration::short(leeway)
                    ));
                }
            }
            Body::Payload(bytes) => {
                lines.push("payload (not a JSON object):".into());
                lines.push(payload_text(bytes));
            }
            Body::Detached => lines.push("payload: detached (not in the token)".into()),
            Body::Encrypted => {}
        }
        Ok(lines.join("\n"))
    }

    /// The JSON object for programs.
    fn to_json(&self, now: i64, leeway: u64) -> Value {
        let mut map = Map::new();
        map.insert("unverified".into(), Value::Bool(true));
        map.insert("type".into(), Value::from(self.kind));
        map.insert("header".into(), Value::Object(self.header.clone()));
        match &self.body {
            Body::Claims(claims) => {
                map.insert("claims".into(), Value::Object(claims.clone()));
                let mut times = Map::new();
                for name in TIME_CLAIMS {
                    if let Some(value) = claims.get(name) {
                        times.insert(name.into(), time_json(value, now));
                    }
                }
                if !times.is_empty() {
                    map.insert("times".into(), Value::Object(times));
                }
                if let Some(status) = self.time_status(now, leeway) {
                    map.insert("time_status".into(), Value::from(status.as_str()));
                }
            }
            Body::Payload(bytes) => super::json_text::insert_bytes(&mut map, "payload", bytes),
            Body::Detached => {
                map.insert("detached".into(), Value::Bool(true));
            }
            Body::Encrypted => {}
        }
        Value::Object(map)
    }
}

/// The most payload bytes shown as text; `--json` gives them all.
const MAX_SHOWN: usize = 1024;

/// A payload for a terminal: UTF-8 text with control characters escaped, or else base64url;
/// at most [`MAX_SHOWN`] bytes of it, the rest counted.
fn payload_text(bytes: &[u8]) -> String {
    let shown = bytes.get(..MAX_SHOWN).unwrap_or(bytes);
    // A cut may split a character: the text is valid up to the cut's last whole character.
    let text = match std::str::from_utf8(shown) {
        Ok(text) => Some(text),
        Err(e) if e.error_len().is_none() && shown.len() < bytes.len() => {
            std::str::from_utf8(shown.get(..e.valid_up_to()).unwrap_or_default()).ok()
        }
        Err(_) => None,
    };
    let mut out = match text {
        Some(text) => text
            .chars()
            .flat_map(|c| {
                let escaped: Vec<char> = if c.is_control() && c != '\n' && c != '\t' {
                    c.escape_default().collect()
                } else {
                    vec![c]
                };
                escaped
            })
            .collect(),
        None => format!("base64url: {}", base64url::encode(shown)),
    };
    if shown.len() < bytes.len() {
        out.push_str(&format!(
            "\n… {} more bytes ({} in all; `--json` gives them all)",
            bytes.len() - shown.len(),
            bytes.len()
        ));
    }
    out
}

fn pretty(value: &Value) -> Result<String, CliError> {
    jose_b64::serde_json::to_string_pretty(value)
        .map_err(|e| CliError::usage(format!("cannot print JSON: {e}")))
}

/// `2026-01-01T00:00:00Z (in 14 minutes)`.
fn time_text(value: &Value, now: i64) -> String {
    match numeric_date(value) {
        Some(seconds) => match time::rfc3339(seconds) {
            Some(utc) => format!("{utc} ({})", time::relative(seconds, now)),
            None => format!("{seconds} (outside the NumericDate range, 1970 to 9999)"),
        },
        None => format!("{value} is not a NumericDate (a JSON number of seconds)"),
    }
}

/// `{"value":…,"utc":…,"relative":…}`.
fn time_json(value: &Value, now: i64) -> Value {
    let mut map = Map::new();
    map.insert("value".into(), value.clone());
    if let Some(seconds) = numeric_date(value) {
        if let Some(utc) = time::rfc3339(seconds) {
            map.insert("utc".into(), Value::from(utc));
        }
        map.insert("relative".into(), Value::from(time::relative(seconds, now)));
    } else {
        map.insert("invalid".into(), Value::Bool(true));
    }
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(header: &str, payload: &str) -> String {
        format!(
            "{}.{}.c2ln",
            base64url::encode(header),
            base64url::encode(payload)
        )
    }

    #[test]
    fn decodes_a_jws_and_judges_its_times() {
        let t = token(r#"{"alg":"ES256"}"#, r#"{"sub":"a","exp":1000,"nbf":500}"#);
        let d = decode(&t).unwrap();
        assert_eq!(d.kind, "JWS");
        assert_eq!(d.time_status(400, 0), Some(TimeStatus::NotYetValid));
        assert_eq!(d.time_status(400, 100), Some(TimeStatus::Current));
        assert_eq!(d.time_status(999, 0), Some(TimeStatus::Current));
        assert_eq!(d.time_status(1000, 0), Some(TimeStatus::Expired));
        assert_eq!(d.time_status(1000, 1), Some(TimeStatus::Current));
        let text = d.to_text(999, 0).unwrap();
        assert!(text.starts_with("UNVERIFIED JWS"), "{text}");
        assert!(
            text.contains("exp: 1970-01-01T00:16:40Z (in 1 second)"),
            "{text}"
        );
        let json = d.to_json(1000, 0);
        assert_eq!(json["time_status"], "expired");
        assert_eq!(json["times"]["exp"]["relative"], "now");
    }

    #[test]
    fn wrong_types_and_other_payloads() {
        let d = decode(&token(r#"{"alg":"HS256"}"#, r#"{"exp":"tomorrow"}"#)).unwrap();
        assert_eq!(d.time_status(0, 0), Some(TimeStatus::Invalid));
        assert!(d.to_text(0, 0).unwrap().contains("is not a NumericDate"));
        let d = decode(&token(r#"{"alg":"HS256"}"#, r#"{"sub":"x"}"#)).unwrap();
        assert_eq!(d.time_status(0, 0), None);
        let d = decode(&token(r#"{"alg":"HS256"}"#, "plain text")).unwrap();
        assert!(matches!(d.body, Body::Payload(_)));
        let d = decode(&format!(
            "{}..c2ln",
            base64url::encode(r#"{"alg":"HS256"}"#)
        ))
        .unwrap();
        assert!(matches!(d.body, Body::Detached));
        let unencoded = format!(
            "{}.$.02.c2ln",
            base64url::encode(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#)
        );
        assert_eq!(decode(&unencoded).unwrap_err().code(), MALFORMED);
        let unencoded = format!(
            "{}.$02.c2ln",
            base64url::encode(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#)
        );
        assert!(matches!(decode(&unencoded).unwrap().body, Body::Payload(p) if p == b"$02"));
        assert_eq!(numeric_date(&Value::from(1.9)), Some(1));
        assert_eq!(numeric_date(&Value::from(1e300)), None);
    }

    #[test]
    fn payloads_are_escaped_and_capped() {
        assert_eq!(payload_text(b"a\x1b[2Jb\n"), "a\\u{1b}[2Jb\n");
        assert_eq!(payload_text(&[0xff, 0]), "base64url: _wA");
        let long = payload_text(&[b'x'; 5000]);
        assert!(long.starts_with(&"x".repeat(MAX_SHOWN)), "{long}");
        assert!(
            long.ends_with("3976 more bytes (5000 in all; `--json` gives them all)"),
            "{long}"
        );
        // A cut inside a character keeps the text before it.
        let mut text = vec![b'y'; MAX_SHOWN - 1];
        text.extend_from_slice("é and more".as_bytes());
        assert!(payload_text(&text).starts_with(&"y".repeat(MAX_SHOWN - 1)));
        assert!(!payload_text(&text).contains("base64url"));
    }

    #[test]
    fn a_jwe_shows_its_header_only() {
        let t = format!(
            "{}.a.b.c.d",
            base64url::encode(r#"{"alg":"dir","enc":"A128GCM"}"#)
        );
        let d = decode(&t).unwrap();
        assert_eq!(d.kind, "JWE");
        assert!(matches!(d.body, Body::Encrypted));
        assert!(d.to_json(0, 0).get("claims").is_none());
    }

    #[test]
    fn malformed_tokens() {
        assert_eq!(decode("a.b").unwrap_err().code(), MALFORMED);
        assert_eq!(decode("{}").unwrap_err().code(), MALFORMED);
        let e = decode("!!.e30.x").unwrap_err();
        assert_eq!(e.code(), "ERR_BASE64URL_INVALID");
        assert!(e.to_string().starts_with("the token's header: "), "{e}");
        let dup = token(r#"{"alg":"a","alg":"b"}"#, "{}");
        assert_eq!(
            decode(&dup).unwrap_err().code(),
            "ERR_JSON_DUPLICATE_MEMBER"
        );
    }
}
