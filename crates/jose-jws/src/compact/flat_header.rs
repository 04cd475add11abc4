//! Verification of the commonest compact JWS without building a header map.
//!
//! Almost every token in use has a small protected header of plain strings
//! (`{"alg":"HS256","typ":"JWT","kid":"…"}`), and only `alg` and `kid` matter for verifying
//! it. For such a token this path decodes the header and the signature onto the stack, reads
//! the header with [`FlatObject::scan`], and decodes the payload into one buffer that also
//! keeps the header's JSON (for [`VerifiedJws::protected_header`], built on first use); it
//! makes no other allocation. Anything else — a header with `crit`, `b64`, a non-string
//! value, an escape, more than a few members or over 256 bytes; a token that is malformed in
//! any way or whose `alg` is refused — is declined (`None`) before any error is reported, and
//! the general path of [`UnverifiedCompactJws`](super::UnverifiedCompactJws) decides. Only the
//! key lookup and the signature check, which come after every check of the token's shape in
//! both paths, report their errors here. Both paths give the same result for every input (the
//! tests compare them).

use jose_b64::base64url;
use jose_b64::json::FlatObject;
use jose_jwk::header::check_kid_len;

use crate::resolver::{VerifyingKeyRequest, VerifyingKeyResolver};
use crate::verified::Protected;
use crate::{Error, VerifiedJws, Verifier};
use jose_jwk::header::HeaderView;

/// The longest decoded header this path reads (on the stack).
const MAX_FLAT_HEADER: usize = 256;

/// Verifies `token` if its shape allows, or `None` for the general path.
pub(super) fn verify(
    verifier: &Verifier,
    token: &str,
    keys: &(impl VerifyingKeyResolver + ?Sized),
) -> Option<Result<VerifiedJws, Error>> {
    let limits = verifier.limits();
    if token.len() > limits.max_token_len || limits.max_header_depth == 0 {
        return None;
    }
    // The last '.' is looked for from the end (the signature is short); a '.' in between is
    // refused by the payload's decoding.
    let first = token.find('.')?;
    let second = token.rfind('.')?;
    if second <= first {
        return None;
    }
    let header_segment = token.get(..first)?;
    let payload_segment = token.get(first + 1..second)?;
    let signature_segment = token.get(second + 1..)?;
    let signing_input = token.get(..second)?;

    let mut buf = [0u8; MAX_FLAT_HEADER];
    let header = FlatObject::decode_segment(header_segment, &mut buf, limits.max_header_len)?;
    let json = header.as_str();
    let (mut alg_name, mut kid) = (None, None);
    for (name, value) in header.iter() {
        match name {
            "alg" => alg_name = Some(value),
            "kid" => kid = Some(value),
            "crit" | "b64" => return None,
            _ => {}
        }
    }
    let alg_name = alg_name?;
    // An overlong `kid` is refused by the general path.
    if kid.is_some_and(|kid| check_kid_len(kid).is_err()) {
        return None;
    }
    // A third '.' or a bad character in the signature is reported by the general path, which
    // looks at the signature before the header.
    let mut signature_buf = [0u8; 132];
    let signature_len = base64url::decoded_len(signature_segment.len())?;
    let signature =
        base64url::decode_to(signature_segment, signature_buf.get_mut(..signature_len)?).ok()?;
    // A refused `alg` is reported by the general path too, after the checks of the token's
    // shape it makes first.
    let alg = verifier.check_alg(alg_name).ok()?;
    // The payload, then the header's JSON, in one buffer. Decoding checks the alphabet; the
    // general path reports a bad payload.
    let payload_len = base64url::decoded_len(payload_segment.len())?;
    let mut data = vec![0u8; payload_len.checked_add(json.len())?];
    let (payload, json_copy) = data.split_at_mut_checked(payload_len)?;
    base64url::decode_to(payload_segment, payload).ok()?;
    json_copy.copy_from_slice(json.as_bytes());
    let request = VerifyingKeyRequest::with_header(alg, kid, HeaderView::Flat(&header));
    let kid =
        match verifier.check_key_and_signature(&request, signing_input.as_bytes(), signature, keys)
        {
            Ok(kid) => kid,
            Err(e) => return Some(Err(e)),
        };
    Some(Ok(VerifiedJws {
        payload: data,
        protected: Protected::flat_json_at(payload_len),
        unprotected: None,
        alg,
        kid,
        signature_index: 0,
        verified_indexes: Vec::new(),
    }))
}

#[cfg(test)]
mod tests;
