//! One-bit changes to a verified or decrypted token, for the targets that check the specific
//! refusal of a tampered copy.
#![allow(dead_code)]

use jose_b64::base64url;
use jose_b64::serde_json::{Map, Value};

/// `token` with one bit of the decoded bytes of segment `index` flipped (bit `bit` modulo
/// the segment's length in bits) and the segment re-encoded, so that it stays strict
/// base64url; `None` when the segment is missing, empty or not base64url.
pub fn flip_segment(token: &str, index: usize, bit: usize) -> Option<String> {
    let mut segments: Vec<&str> = token.split('.').collect();
    let mut bytes = base64url::decode(segments.get(index)?).ok()?;
    let bits = bytes.len().checked_mul(8).filter(|&n| n > 0)?;
    let bit = bit % bits;
    *bytes.get_mut(bit / 8)? ^= 0x80 >> (bit % 8);
    let encoded = base64url::encode(&bytes);
    *segments.get_mut(index)? = &encoded;
    Some(segments.join("."))
}

/// The protected header of `token` (segment 0) with one bit flipped inside the value of a
/// string member whose name is not in `interpreted` (the header parameters the verifier or
/// decrypter reads), the header still a JSON object with the same members; `None` when it
/// has no such member. Such a change reaches the signature or tag check and nothing else.
pub fn flip_uninterpreted(token: &str, interpreted: &[&str], bit: usize) -> Option<String> {
    let (header, rest) = token.split_once('.')?;
    let json = base64url::decode(header).ok()?;
    let mut map: Map<String, Value> = jose_b64::serde_json::from_slice(&json).ok()?;
    let (_, value) = map
        .iter_mut()
        .find(|(name, value)| !interpreted.contains(&name.as_str()) && value.is_string())?;
    let Value::String(text) = value else {
        return None;
    };
    // Toggle between two printable ASCII characters ('a' and 'b', or whatever is there).
    let mut chars: Vec<char> = text.chars().collect();
    let at = bit % chars.len().max(1);
    match chars.get_mut(at) {
        Some(c) if c.is_ascii_alphanumeric() => *c = if *c == 'a' { 'b' } else { 'a' },
        Some(c) => *c = 'a',
        None => chars.push('a'),
    }
    *text = chars.into_iter().collect();
    let header = base64url::encode(jose_b64::serde_json::to_vec(&map).ok()?);
    Some(format!("{header}.{rest}"))
}
