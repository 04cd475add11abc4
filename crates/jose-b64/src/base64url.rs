//! Strict base64url (RFC 7515 §2, RFC 4648 §5 without padding).
//!
//! Decoding accepts exactly one spelling of each byte string: the URL-safe alphabet, no `=`,
//! no whitespace or line breaks, and zero unused bits in the last character.
//!
//! Two decoders implement the same rules:
//!
//! - [`decode`] and [`decode_to`], for public data (JWS and JWE segments, public key
//!   members): a table-driven decoder several times faster than a constant-time one.
//! - [`decode_secret`], for key material: [`base64ct`], whose decoder has no data-dependent
//!   branches or table look-ups (a table look-up leaks through the cache, which matters for
//!   secrets only).
//!
//! Two encoders produce the same text:
//!
//! - [`encode`] and [`encode_to`], for public data (JWS and JWE segments, ciphertexts, tags,
//!   IVs, signatures, public key members): a table-driven encoder several times faster than
//!   a constant-time one, which matters for large payloads.
//! - [`encode_secret`] (behind [`SecretBytes::to_base64url`]), for key material (the JWK
//!   members `k`, `d` and the private RSA members, and anything else derived from a key):
//!   [`base64ct`], without data-dependent branches or table look-ups, into a buffer that
//!   zeroizes on drop.

use base64ct::{Base64UrlUnpadded, Encoding};
use zeroize::Zeroizing;

use crate::{Base64UrlProblem, Error, SecretBytes};

mod public_encoder;

/// Encodes `bytes` as unpadded base64url (public data; see [`encode_secret`] for secrets).
///
/// ```
/// assert_eq!(jose_b64::base64url::encode(b"\x03\xec\xff\xe0\xc1"), "A-z_4ME");
/// ```
pub fn encode(bytes: impl AsRef<[u8]>) -> String {
    let mut out = String::new();
    public_encoder::encode_to(bytes.as_ref(), &mut out);
    out
}

/// Appends the unpadded base64url encoding of `bytes` to `out` (public data).
///
/// ```
/// let mut token = String::from("eyJhbGciOiJub25lIn0.");
/// jose_b64::base64url::encode_to(b"\x03\xec\xff\xe0\xc1", &mut token);
/// assert_eq!(token, "eyJhbGciOiJub25lIn0.A-z_4ME");
/// ```
pub fn encode_to(bytes: impl AsRef<[u8]>, out: &mut String) {
    public_encoder::encode_to(bytes.as_ref(), out);
}

/// Encodes key material as unpadded base64url, in constant time with respect to the bytes,
/// into a string that zeroizes on drop; no copy of the text is left behind on the stack or
/// in a reallocated buffer.
///
/// ```
/// use jose_b64::{base64url, SecretBytes};
///
/// let key = SecretBytes::new(vec![3, 236, 255, 224, 193]);
/// assert_eq!(&*base64url::encode_secret(&key), "A-z_4ME");
/// ```
pub fn encode_secret(secret: &SecretBytes) -> Zeroizing<String> {
    let bytes = secret.expose_secret();
    let mut out = Zeroizing::new(String::with_capacity(encoded_len(bytes.len())));
    // Whole 3-byte groups encode independently, so encode through a small stack buffer.
    let mut buf = Zeroizing::new([0u8; 256]);
    for chunk in bytes.chunks(192) {
        if let Ok(text) = Base64UrlUnpadded::encode(chunk, &mut *buf) {
            out.push_str(text);
        }
    }
    out
}

/// The length of the unpadded base64url encoding of `n` bytes.
pub const fn encoded_len(n: usize) -> usize {
    (n / 3) * 4
        + match n % 3 {
            0 => 0,
            1 => 2,
            _ => 3,
        }
}

/// The number of bytes that a valid unpadded base64url string of `len` characters decodes to,
/// or `None` when no string of that length is valid (`len % 4 == 1`).
pub const fn decoded_len(len: usize) -> Option<usize> {
    match len % 4 {
        0 => Some(len / 4 * 3),
        2 => Some(len / 4 * 3 + 1),
        3 => Some(len / 4 * 3 + 2),
        _ => None,
    }
}

/// The offset of the first byte of `text` outside the base64url alphabet `A–Z a–z 0–9 - _`,
/// or `None` when every byte is in it. The valid case is one branch-free pass, which the
/// compiler vectorizes; used to reject a segment before anything is decoded.
///
/// ```
/// use jose_b64::base64url;
///
/// assert_eq!(base64url::first_invalid("eyJhbGciOiJIUzI1NiJ9"), None);
/// assert_eq!(base64url::first_invalid("ab.cd"), Some(2));
/// assert_eq!(base64url::first_invalid("ab+/"), Some(2));
/// ```
pub fn first_invalid(text: impl AsRef<[u8]>) -> Option<usize> {
    let text = text.as_ref();
    if text.iter().fold(true, |ok, &c| ok & is_alphabet(c)) {
        return None;
    }
    text.iter().position(|&c| !is_alphabet(c))
}

/// Whether `c` is in the base64url alphabet (branch-free).
#[inline(always)]
fn is_alphabet(c: u8) -> bool {
    // `c | 0x20` maps exactly the ASCII letters onto `a..=z`.
    ((c | 0x20).wrapping_sub(b'a') < 26) | (c.wrapping_sub(b'0') < 10) | (c == b'-') | (c == b'_')
}

/// Decodes strict unpadded base64url (public data; see [`decode_secret`] for secrets).
///
/// ```
/// use jose_b64::{base64url, Base64UrlProblem, Error};
///
/// assert_eq!(base64url::decode("A-z_4ME")?, [3, 236, 255, 224, 193]);
/// assert_eq!(base64url::decode("A-z_4ME=").unwrap_err(), Error::Base64Url(Base64UrlProblem::Padding));
/// # Ok::<(), Error>(())
/// ```
pub fn decode(input: impl AsRef<[u8]>) -> Result<Vec<u8>, Error> {
    let input = input.as_ref();
    let len = decoded_len(input.len()).ok_or_else(|| diagnose(input))?;
    let mut out = vec![0u8; len];
    decode_to(input, &mut out)?;
    Ok(out)
}

/// Decodes strict unpadded base64url (public data) into `out`, which must be exactly
/// [`decoded_len`]`(input.len())` bytes long, and returns the decoded bytes.
pub fn decode_to(input: impl AsRef<[u8]>, out: &mut [u8]) -> Result<&[u8], Error> {
    let input = input.as_ref();
    match decoded_len(input.len()) {
        Some(len) if len == out.len() => {}
        Some(actual) => {
            return Err(Error::Base64Url(Base64UrlProblem::UnexpectedLength {
                expected: out.len(),
                actual,
            }));
        }
        None => return Err(diagnose(input)),
    }
    if decode_public(input, out) {
        Ok(out)
    } else {
        Err(diagnose(input))
    }
}

/// The value of each base64url character; `INVALID` elsewhere.
const INVALID: u8 = 0xff;
// Evaluated at compile time: an out-of-bounds index would fail the build, not panic.
#[allow(clippy::indexing_slicing)]
const DECODE_TABLE: [u8; 256] = {
    let mut table = [INVALID; 256];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut i = 0;
    while i < 64 {
        table[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// The 6-bit value of a character, or `INVALID` (bit 7 set).
#[inline(always)]
fn sextet(c: u8) -> u32 {
    // A `u8` index into a 256-entry table is always in bounds.
    u32::from(DECODE_TABLE.get(usize::from(c)).copied().unwrap_or(INVALID))
}

/// Table-driven decoding; `out` has the exact decoded length. Returns false on any invalid
/// character or non-zero unused bits. Eight characters (six bytes) at a time, then the rest.
fn decode_public(input: &[u8], out: &mut [u8]) -> bool {
    // Bit 31 of `bad` is set by any invalid character.
    let mut bad = 0u32;
    let blocks = input.len() / 8;
    for block in 0..blocks {
        let (from, to) = (block * 8, block * 6);
        let Some(&[a, b, c, d, e, f, g, h]) = input.get(from..from + 8) else {
            return false;
        };
        let high = quad(a, b, c, d);
        let low = quad(e, f, g, h);
        bad |= high | low;
        let bytes = ((u64::from(high) << 40) | (u64::from(low) << 16)).to_be_bytes();
        // Eight bytes at once where they fit (the next block overwrites the two extra).
        if let Some(dst) = out.get_mut(to..to + 8) {
            dst.copy_from_slice(&bytes);
        } else if let (Some(dst), Some(src)) = (out.get_mut(to..to + 6), bytes.get(..6)) {
            dst.copy_from_slice(src);
        } else {
            return false;
        }
    }
    let (Some(rest_in), Some(rest_out)) = (input.get(blocks * 8..), out.get_mut(blocks * 6..))
    else {
        return false;
    };
    bad & QUAD_INVALID == 0 && decode_rest(rest_in, rest_out)
}

/// Set in a [`QUAD_TABLES`] entry for a character outside the alphabet.
const QUAD_INVALID: u32 = 1 << 31;

/// For each position in a group of four characters, each character's sextet already shifted
/// into place (`QUAD_INVALID` for the characters outside the alphabet): a group decodes with
/// four loads and three ORs.
// Evaluated at compile time: an out-of-bounds index would fail the build, not panic.
#[allow(clippy::indexing_slicing)]
const QUAD_TABLES: [[u32; 256]; 4] = {
    let mut tables = [[QUAD_INVALID; 256]; 4];
    let mut c = 0;
    while c < 256 {
        let value = DECODE_TABLE[c];
        if value != INVALID {
            let value = value as u32;
            tables[0][c] = value << 18;
            tables[1][c] = value << 12;
            tables[2][c] = value << 6;
            tables[3][c] = value;
        }
        c += 1;
    }
    tables
};

/// Four characters as 24 bits, with [`QUAD_INVALID`] set if any is invalid.
#[inline(always)]
fn quad(a: u8, b: u8, c: u8, d: u8) -> u32 {
    let [t0, t1, t2, t3] = &QUAD_TABLES;
    // A `u8` index into a 256-entry table is always in bounds.
    let at = |table: &[u32; 256], c: u8| table.get(usize::from(c)).copied().unwrap_or(QUAD_INVALID);
    at(t0, a) | at(t1, b) | at(t2, c) | at(t3, d)
}

/// The last 0–7 characters of [`decode_public`].
fn decode_rest(input: &[u8], out: &mut [u8]) -> bool {
    let mut bad = 0u32;
    let mut chunks = input.chunks_exact(4);
    let mut outs = out.chunks_exact_mut(3);
    for (chunk, dst) in (&mut chunks).zip(&mut outs) {
        let &[a, b, c, d] = chunk else { return false };
        let (a, b, c, d) = (sextet(a), sextet(b), sextet(c), sextet(d));
        bad |= a | b | c | d;
        let [_, x, y, z] = ((a << 18) | (b << 12) | (c << 6) | d).to_be_bytes();
        dst.copy_from_slice(&[x, y, z]);
    }
    let tail = outs.into_remainder();
    match (chunks.remainder(), tail) {
        (&[], []) => bad < 64,
        (&[a, b], [x]) => {
            let (a, b) = (sextet(a), sextet(b));
            *x = ((a << 2) | (b >> 4)) as u8;
            (bad | a | b) < 64 && b & 0x0f == 0
        }
        (&[a, b, c], [x, y]) => {
            let (a, b, c) = (sextet(a), sextet(b), sextet(c));
            let [_, _, hi, lo] = ((a << 10) | (b << 4) | (c >> 2)).to_be_bytes();
            *x = hi;
            *y = lo;
            (bad | a | b | c) < 64 && c & 0x03 == 0
        }
        _ => false,
    }
}

/// Decodes strict unpadded base64url key material into [`SecretBytes`].
///
/// The decoder runs in constant time with respect to the encoded bytes, and the decoded bytes
/// never exist outside the returned zeroizing buffer. On error the message says only what kind
/// of encoding problem there is.
pub fn decode_secret(input: impl AsRef<[u8]>) -> Result<SecretBytes, Error> {
    let input = input.as_ref();
    let len = decoded_len(input.len()).ok_or_else(|| diagnose(input))?;
    let mut secret = SecretBytes::zeroed(len);
    match Base64UrlUnpadded::decode(input, secret.expose_secret_mut()) {
        Ok(decoded) if decoded.len() == len => Ok(secret),
        _ => Err(diagnose(input)),
    }
}

/// Explains why `input` was rejected. Only runs on the error path.
fn diagnose(input: &[u8]) -> Error {
    let problem = if let Some(offset) = input.iter().position(|&c| c == b'=') {
        if input
            .get(offset..)
            .is_some_and(|tail| tail.iter().all(|&c| c == b'='))
        {
            Base64UrlProblem::Padding
        } else {
            Base64UrlProblem::InvalidCharacter { offset }
        }
    } else if let Some(offset) = input
        .iter()
        .position(|&c| !(c.is_ascii_alphanumeric() || c == b'-' || c == b'_'))
    {
        Base64UrlProblem::InvalidCharacter { offset }
    } else if decoded_len(input.len()).is_none() {
        Base64UrlProblem::InvalidLength { len: input.len() }
    } else {
        Base64UrlProblem::NonCanonical
    };
    Error::Base64Url(problem)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rfc7515_appendix_c() {
        assert_eq!(encode([3, 236, 255, 224, 193]), "A-z_4ME");
        assert_eq!(decode("A-z_4ME").unwrap(), [3, 236, 255, 224, 193]);
    }

    #[test]
    fn empty() {
        assert_eq!(encode([]), "");
        assert_eq!(decode("").unwrap(), Vec::<u8>::new());
    }

    fn problem(input: &str) -> Base64UrlProblem {
        match decode(input).unwrap_err() {
            Error::Base64Url(p) => p,
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn rejects_padding() {
        assert_eq!(problem("A-z_4ME="), Base64UrlProblem::Padding);
        assert_eq!(problem("AA=="), Base64UrlProblem::Padding);
        assert_eq!(problem("eyJhbGciOiJFUzI1NiJ9="), Base64UrlProblem::Padding);
    }

    #[test]
    fn rejects_standard_alphabet_whitespace_and_junk() {
        assert_eq!(
            problem("A+z/4ME"),
            Base64UrlProblem::InvalidCharacter { offset: 1 }
        );
        assert_eq!(
            problem("A-z_ 4ME"),
            Base64UrlProblem::InvalidCharacter { offset: 4 }
        );
        assert_eq!(
            problem("A-z_\n4ME"),
            Base64UrlProblem::InvalidCharacter { offset: 4 }
        );
        assert_eq!(
            problem("A-z_\t4M"),
            Base64UrlProblem::InvalidCharacter { offset: 4 }
        );
        assert_eq!(
            problem("A-z_\r4M"),
            Base64UrlProblem::InvalidCharacter { offset: 4 }
        );
        assert_eq!(
            problem("%3D"),
            Base64UrlProblem::InvalidCharacter { offset: 0 }
        );
        assert_eq!(
            problem("AA=A"),
            Base64UrlProblem::InvalidCharacter { offset: 2 }
        );
        assert_eq!(
            problem("AB\0C"),
            Base64UrlProblem::InvalidCharacter { offset: 2 }
        );
        assert!(matches!(
            decode("AAé").unwrap_err(),
            Error::Base64Url(Base64UrlProblem::InvalidCharacter { offset: 2 })
        ));
        assert_eq!(
            problem("sig!!!!"),
            Base64UrlProblem::InvalidCharacter { offset: 3 }
        );
    }

    #[test]
    fn rejects_impossible_length() {
        assert_eq!(problem("A"), Base64UrlProblem::InvalidLength { len: 1 });
        assert_eq!(problem("AAAAA"), Base64UrlProblem::InvalidLength { len: 5 });
    }

    #[test]
    fn rejects_non_canonical_trailing_bits() {
        // "AA" is canonical for [0]; "AB".."AP" spell the same byte with unused bits set.
        assert_eq!(decode("AA").unwrap(), [0]);
        assert_eq!(problem("AB"), Base64UrlProblem::NonCanonical);
        assert_eq!(problem("A-z_4MF"), Base64UrlProblem::NonCanonical);
        assert_eq!(problem("AAB"), Base64UrlProblem::NonCanonical);
    }

    #[test]
    fn secret_decoding_matches_and_rejects_alike() {
        let secret = decode_secret("GawgguFyGrWKav7AX4VKUg").unwrap();
        assert_eq!(
            secret.expose_secret(),
            decode("GawgguFyGrWKav7AX4VKUg").unwrap()
        );
        assert_eq!(decode_secret("AB").unwrap_err(), decode("AB").unwrap_err());
        assert_eq!(decode_secret("A").unwrap_err(), decode("A").unwrap_err());
        assert_eq!(decode_secret("A=").unwrap_err(), decode("A=").unwrap_err());
    }

    #[test]
    fn decode_to_checks_the_output_length() {
        let mut out = [0u8; 5];
        assert_eq!(
            decode_to("A-z_4ME", &mut out).unwrap(),
            [3, 236, 255, 224, 193]
        );
        let mut short = [0u8; 4];
        assert_eq!(
            decode_to("A-z_4ME", &mut short).unwrap_err(),
            Error::Base64Url(Base64UrlProblem::UnexpectedLength {
                expected: 4,
                actual: 5
            })
        );
        assert!(decode_to("A-z_4MF", &mut out).is_err());
    }

    #[test]
    fn encode_to_appends() {
        let mut s = String::from("x.");
        encode_to([3, 236, 255, 224, 193], &mut s);
        assert_eq!(s, "x.A-z_4ME");
        let long: Vec<u8> = (0..=255).chain(0..=255).collect();
        let mut t = String::new();
        encode_to(&long, &mut t);
        assert_eq!(t, encode(&long));
    }

    /// `len` bytes of a pattern that is not periodic in 3 (so every position of a group sees
    /// every kind of byte).
    fn pattern(len: usize, seed: u32) -> Vec<u8> {
        let mut x = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (x >> 11) as u8
            })
            .collect()
    }

    #[test]
    fn encoders_agree_with_base64ct_at_every_length() {
        // Past the short-input buffer (192 bytes), four of its chunks (768 bytes) and two chunks
        // of the long one (3072 bytes).
        let lengths = (0..=1100)
            .chain((3000..=3200).step_by(7))
            .chain(6100..=6200);
        for len in lengths {
            let bytes = pattern(len, len as u32);
            let reference = Base64UrlUnpadded::encode_string(&bytes);
            assert_eq!(encode(&bytes), reference, "length {len}");
            let mut appended = String::from("x.");
            encode_to(&bytes, &mut appended);
            assert_eq!(
                appended.strip_prefix("x."),
                Some(reference.as_str()),
                "length {len}"
            );
            let secret = SecretBytes::new(bytes);
            assert_eq!(*encode_secret(&secret), reference, "length {len}");
        }
    }

    #[test]
    fn encoder_covers_every_12_bit_value() {
        // Each 3-byte group holds two 12-bit values: the counter 0..4096 in every half-group.
        let mut bytes = Vec::new();
        for v in 0u32..4096 {
            let w = (v << 12) | (4095 - v);
            bytes.extend_from_slice(&w.to_be_bytes()[1..]);
        }
        for skip in 0..3 {
            let input = &bytes[skip..];
            assert_eq!(encode(input), Base64UrlUnpadded::encode_string(input));
        }
        assert_eq!(encode([0xff; 30]), "_".repeat(40));
        assert_eq!(encode([0; 30]), "A".repeat(40));
    }

    #[test]
    fn error_messages_name_the_problem() {
        assert_eq!(
            decode("A=").unwrap_err().to_string(),
            "invalid base64url: '=' padding is not allowed (RFC 7515 §2)"
        );
        assert_eq!(decode("AB").unwrap_err().code(), "ERR_BASE64URL_INVALID");
    }

    #[test]
    fn first_invalid_agrees_with_the_alphabet() {
        for c in 0..=255u8 {
            let valid = c.is_ascii_alphanumeric() || c == b'-' || c == b'_';
            assert_eq!(first_invalid([b'A', c]).is_none(), valid, "{c}");
            assert_eq!(
                first_invalid([b'A', b'b', c, b'c']),
                (!valid).then_some(2),
                "{c}"
            );
        }
        assert_eq!(first_invalid(""), None);
    }

    proptest! {
        #[test]
        fn round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let text = encode(&bytes);
            prop_assert_eq!(text.len(), encoded_len(bytes.len()));
            prop_assert_eq!(decoded_len(text.len()), Some(bytes.len()));
            prop_assert_eq!(decode(&text).unwrap(), bytes.clone());
            let secret = decode_secret(&text).unwrap();
            prop_assert_eq!(secret.expose_secret(), &bytes[..]);
        }

        #[test]
        fn encoders_agree_with_base64ct(bytes in proptest::collection::vec(any::<u8>(), 0..8000)) {
            let reference = Base64UrlUnpadded::encode_string(&bytes);
            prop_assert_eq!(&encode(&bytes), &reference);
            let mut appended = String::from("eyJ9.");
            encode_to(&bytes, &mut appended);
            prop_assert_eq!(appended, format!("eyJ9.{reference}"));
            prop_assert_eq!(&*encode_secret(&SecretBytes::new(bytes)), &reference);
        }

        #[test]
        fn agrees_with_the_constant_time_decoder(text in "[A-Za-z0-9_=+/ .-]{0,40}") {
            let fast = decode(&text).ok();
            let reference = Base64UrlUnpadded::decode_vec(&text).ok();
            prop_assert_eq!(&fast, &reference);
            prop_assert_eq!(decode_secret(&text).ok().map(|s| s.expose_secret().to_vec()), reference);
        }

        #[test]
        fn one_bad_character_anywhere_is_refused(
            bytes in proptest::collection::vec(any::<u8>(), 1..60),
            at in any::<prop::sample::Index>(),
            bad in prop::sample::select(&b"=+/ .\0\x7f\x80\xff"[..]),
        ) {
            let mut text = encode(&bytes).into_bytes();
            let i = at.index(text.len());
            text[i] = bad;
            prop_assert!(decode(&text).is_err());
            prop_assert!(Base64UrlUnpadded::decode_vec(&String::from_utf8_lossy(&text)).is_err());
        }

        #[test]
        fn agrees_on_every_tail(bytes in proptest::collection::vec(any::<u8>(), 0..9), flip in 0usize..64) {
            // Mutate one character of a valid encoding to every alphabet position.
            let text = encode(&bytes);
            if !text.is_empty() {
                let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
                let mut mutated = text.clone().into_bytes();
                let last = mutated.len() - 1;
                mutated[last] = alphabet[flip];
                let mutated = String::from_utf8(mutated).unwrap();
                prop_assert_eq!(decode(&mutated).ok(), Base64UrlUnpadded::decode_vec(&mutated).ok());
            }
        }

        #[test]
        fn only_canonical_text_decodes(text in "[A-Za-z0-9_=+/ -]{0,12}") {
            if let Ok(bytes) = decode(&text) {
                prop_assert_eq!(encode(bytes), text);
            }
        }
    }
}
