//! Decryption of the commonest compact JWE without building a header map.
//!
//! Most JWEs in use have a small protected header of plain strings
//! (`{"alg":"dir","enc":"A256GCM","kid":"…"}`) and a key management algorithm that takes no
//! header parameter (`dir`, `A*KW`, `RSA-OAEP*`, `RSA1_5`). For such a token this path decodes
//! the header, the encrypted key, the IV and the tag onto the stack, reads the header with
//! [`FlatObject::scan`], and keeps the header's JSON as text for
//! [`DecryptedJwe::protected_header`], which builds its map on first use.
//!
//! Anything else is declined (`None`) before any error is reported or any key is looked up,
//! and the general path of [`UnverifiedCompactJwe`](super::UnverifiedCompactJwe) decides:
//! a header with `crit` or `zip`, with a parameter of `A*GCMKW`, `PBES2-*` or `ECDH-ES*`
//! (`iv`, `tag`, `p2s`, `p2c`, `epk`, `apu`, `apv`), a non-string value, an escape, more than a
//! few members or over 256 bytes; an algorithm of those families; a token malformed in any
//! way; an `alg` or `enc` the decrypter refuses; a `kid` over 256 bytes; a non-empty encrypted
//! key with `dir`. Only the key lookup and the decryption, which come after every check of the
//! token's shape in both paths, report their errors here, so both paths give the same result
//! for every input (the tests compare them).

use jose_b64::base64url;
use jose_b64::json::FlatObject;
use jose_jwk::alg::JweAlgorithm;
use jose_jwk::header::{HeaderView, check_kid_len};
use zeroize::Zeroizing;

use crate::decrypted::Protected;
use crate::recipient::{self, Params};
use crate::resolver::{DecryptingKeyRequest, DecryptingKeyResolver};
use crate::{DecryptedJwe, Decrypter, Error, content};

/// The longest decoded header this path reads (on the stack).
const MAX_FLAT_HEADER: usize = 256;

/// The longest JWE Encrypted Key this path decodes (on the stack): an RSA-4096 ciphertext.
const MAX_ENCRYPTED_KEY: usize = 512;

/// The longest IV (`A*CBC-HS*`) and tag (`A256CBC-HS512`) of any `enc`.
const MAX_IV: usize = 16;
const MAX_TAG: usize = 32;

/// The header parameters whose presence sends a token to the general path: `crit` and `zip`
/// need its checks, the others belong to key management algorithms this path does not take.
const DECLINED: [&str; 9] = [
    "crit", "zip", "iv", "tag", "p2s", "p2c", "epk", "apu", "apv",
];

/// Decrypts `token` if its shape allows, or `None` for the general path.
pub(super) fn decrypt(
    decrypter: &Decrypter,
    token: &str,
    keys: &(impl DecryptingKeyResolver + ?Sized),
) -> Option<Result<DecryptedJwe, Error>> {
    let limits = decrypter.limits();
    if token.len() > limits.max_token_len || limits.max_header_depth == 0 {
        return None;
    }
    let mut segments = token.split('.');
    let mut next = || segments.next();
    let (header_segment, encrypted_key_segment, iv_segment, ciphertext_segment, tag_segment) =
        (next()?, next()?, next()?, next()?, next()?);
    if next().is_some() {
        return None;
    }

    let mut header_buf = [0u8; MAX_FLAT_HEADER];
    let header =
        FlatObject::decode_segment(header_segment, &mut header_buf, limits.max_header_len)?;
    let (mut alg_name, mut enc_name, mut kid) = (None, None, None);
    for (name, value) in header.iter() {
        match name {
            "alg" => alg_name = Some(value),
            "enc" => enc_name = Some(value),
            "kid" => kid = Some(value),
            _ if DECLINED.contains(&name) => return None,
            _ => {}
        }
    }
    let alg = decrypter.check_alg(alg_name?).ok()?;
    let enc = decrypter.check_enc(enc_name?).ok()?;
    if !takes_no_header_parameter(alg) {
        return None;
    }
    if kid.is_some_and(|kid| check_kid_len(kid).is_err()) {
        return None;
    }

    let mut encrypted_key_buf = [0u8; MAX_ENCRYPTED_KEY];
    let encrypted_key = decode_small(encrypted_key_segment, &mut encrypted_key_buf)?;
    if recipient::determines_cek(alg) && !encrypted_key.is_empty() {
        return None;
    }
    let mut iv_buf = [0u8; MAX_IV];
    let iv = decode_small(iv_segment, &mut iv_buf)?;
    let mut tag_buf = [0u8; MAX_TAG];
    let tag = decode_small(tag_segment, &mut tag_buf)?;
    let ciphertext = Zeroizing::new(base64url::decode(ciphertext_segment).ok()?);

    let request = DecryptingKeyRequest::with_header(alg, enc, kid, HeaderView::Flat(&header));
    let segments = Decoded {
        encrypted_key,
        iv,
        aad: header_segment,
        ciphertext,
        tag,
    };
    Some(open(keys, &request, header.as_str(), segments))
}

/// The decoded segments of a compact JWE, and its AAD.
struct Decoded<'a> {
    encrypted_key: &'a [u8],
    iv: &'a [u8],
    aad: &'a str,
    /// Decrypted in place: it becomes the plaintext.
    ciphertext: Zeroizing<Vec<u8>>,
    tag: &'a [u8],
}

/// Whether `alg` reads nothing from the header but `alg` and `enc`.
fn takes_no_header_parameter(alg: JweAlgorithm) -> bool {
    !(recipient::is_gcm_kw(alg) || alg.is_pbes2() || alg.is_ecdh_es())
}

/// `segment` decoded into `buf`, or `None` when it is not strict base64url or too long.
fn decode_small<'b>(segment: &str, buf: &'b mut [u8]) -> Option<&'b [u8]> {
    let len = base64url::decoded_len(segment.len())?;
    base64url::decode_to(segment, buf.get_mut(..len)?).ok()
}

/// RFC 7516 §5.2 steps 11–16 once the token's shape is checked: the key, the CEK, the
/// content. `json` is the protected header.
fn open(
    keys: &(impl DecryptingKeyResolver + ?Sized),
    request: &DecryptingKeyRequest<'_>,
    json: &str,
    segments: Decoded<'_>,
) -> Result<DecryptedJwe, Error> {
    let (alg, enc) = (request.alg, request.enc);
    let key = recipient::resolve_request(keys, request)?;
    let cek = recipient::unwrap_cek(&key, alg, enc, &Params::None, segments.encrypted_key)?;
    let plaintext = content::decrypt_in_place(
        enc,
        &cek,
        segments.iv,
        segments.aad.as_bytes(),
        segments.ciphertext,
        segments.tag,
    )?;
    Ok(DecryptedJwe {
        plaintext,
        protected: Protected::flat(json),
        alg,
        enc,
        kid: key.kid().or(request.kid).map(str::to_owned),
        json: None,
    })
}

#[cfg(test)]
mod tests;
