//! The base64url of the floors of the `ratios` benches (each includes this file with
//! `#[path]`; `bench/peers` has its own copy in `contenders/floor.rs`).
//!
//! A floor is the least work that produces the same result on the same bytes with the best
//! public tools, so its base64url is the fastest public codec: `base64-simd` (runtime-chosen
//! SIMD; strict like the library's decoder: no padding, no non-zero unused bits). It decodes
//! public segments about twice as fast as `jose_b64::base64url` on 200 bytes and three times
//! as fast on 1 MiB, and an order of magnitude faster than the constant-time `base64ct` the
//! floors used before (which cost the floors up to half a microsecond per JWE).

// Each bench uses only some of these.
#![allow(dead_code)]

use base64_simd::{Out, URL_SAFE_NO_PAD};

/// Decodes `text` into the front of `out` and returns the decoded bytes, or `None` when
/// `text` is not strict unpadded base64url or does not fit.
pub fn decode_into<'o>(text: &str, out: &'o mut [u8]) -> Option<&'o mut [u8]> {
    let len = URL_SAFE_NO_PAD.decoded_length(text.as_bytes()).ok()?;
    let out = out.get_mut(..len)?;
    URL_SAFE_NO_PAD
        .decode(text.as_bytes(), Out::from_slice(out))
        .ok()
}

/// Decodes `text` into a new buffer of the exact length.
pub fn decode_vec(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode_to_vec(text.as_bytes()).ok()
}

/// Appends the base64url of `bytes` to `out`.
pub fn encode_append(bytes: &[u8], out: &mut String) {
    URL_SAFE_NO_PAD.encode_append(bytes, out);
}

/// The base64url of `bytes`.
pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode_to_string(bytes)
}

/// The length of the base64url of `n` bytes.
pub fn encoded_len(n: usize) -> usize {
    URL_SAFE_NO_PAD.encoded_length(n)
}
