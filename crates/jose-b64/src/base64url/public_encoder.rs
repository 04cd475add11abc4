//! The base64url encoder for public data: a table of the two characters of every 12-bit
//! value, so that three input bytes take two look-ups. Table look-ups at data-dependent
//! addresses leak through the cache, which is why secrets use [`base64ct`] instead (see
//! [`super::encode_secret`]).

use super::encoded_len;

/// The base64url alphabet (RFC 4648 §5), in sextet order.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The two characters of each 12-bit value, the first in the low byte.
// Evaluated at compile time: an out-of-bounds index would fail the build, not panic.
#[allow(clippy::indexing_slicing)]
const PAIRS: [u16; 4096] = {
    let mut table = [0u16; 4096];
    let mut i = 0;
    while i < 4096 {
        table[i] = ALPHABET[i >> 6] as u16 | (ALPHABET[i & 63] as u16) << 8;
        i += 1;
    }
    table
};

/// The two characters of the low 12 bits of `v`, the first in the low byte.
#[inline(always)]
fn pair(v: u64) -> [u8; 2] {
    // The index is masked to 12 bits, so it is always in bounds (the compiler sees it too).
    PAIRS
        .get((v & 0xfff) as usize)
        .copied()
        .unwrap_or(0)
        .to_le_bytes()
}

/// Input bytes per block of the main loop: 24 bytes are 192 bits, 16 table look-ups, 32
/// characters.
const BLOCK: usize = 24;

/// Appends the base64url encoding of `bytes` to `out`.
pub(super) fn encode_to(bytes: &[u8], out: &mut String) {
    out.reserve(encoded_len(bytes.len()));
    // A stack buffer is zeroed once per call, so inputs up to a few times the short buffer
    // go through it in turn (zeroing the large one would cost more than encoding a claims
    // set of a few hundred bytes).
    if bytes.len() <= 4 * SMALL {
        encode_through::<{ encoded_len(SMALL) }>(bytes, out);
    } else {
        encode_through::<{ encoded_len(LARGE) }>(bytes, out);
    }
}

/// Input bytes encoded at a time through the buffer of short inputs (a multiple of [`BLOCK`]).
const SMALL: usize = BLOCK * 8;

/// Input bytes encoded at a time through the buffer of longer inputs (a multiple of
/// [`BLOCK`]), which fits in the L1 cache with its input.
const LARGE: usize = BLOCK * 128;

/// Encodes `bytes` through a stack buffer of `N` characters (a multiple of 32).
fn encode_through<const N: usize>(bytes: &[u8], out: &mut String) {
    let mut buf = [0u8; N];
    for chunk in bytes.chunks(N / 4 * 3) {
        if let Some(text) = buf.get_mut(..encoded_len(chunk.len())) {
            encode_chunk(chunk, text);
            // Only alphabet characters were written: the check is one fast pass in L1.
            if let Ok(text) = core::str::from_utf8(text) {
                out.push_str(text);
            }
        }
    }
}

/// Encodes `input` into `out`, which is exactly `encoded_len(input.len())` long.
fn encode_chunk(input: &[u8], out: &mut [u8]) {
    let mut blocks = input.chunks_exact(BLOCK);
    let mut outs = out.chunks_exact_mut(BLOCK / 3 * 4);
    for (block, dst) in (&mut blocks).zip(&mut outs) {
        let mut words = block.chunks_exact(8).map(|w| {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            u64::from_be_bytes(word)
        });
        let (Some(w0), Some(w1), Some(w2)) = (words.next(), words.next(), words.next()) else {
            return;
        };
        let indices = [
            w0 >> 52,
            w0 >> 40,
            w0 >> 28,
            w0 >> 16,
            w0 >> 4,
            (w0 << 8) | (w1 >> 56),
            w1 >> 44,
            w1 >> 32,
            w1 >> 20,
            w1 >> 8,
            (w1 << 4) | (w2 >> 60),
            w2 >> 48,
            w2 >> 36,
            w2 >> 24,
            w2 >> 12,
            w2,
        ];
        for (d, i) in dst.chunks_exact_mut(2).zip(indices) {
            d.copy_from_slice(&pair(i));
        }
    }
    let rest = blocks.remainder();
    let start = input.len() - rest.len();
    if let Some(dst) = out.get_mut(encoded_len(start)..) {
        encode_rest(rest, dst);
    }
}

/// The last 0–23 bytes, one 3-byte group at a time.
fn encode_rest(input: &[u8], out: &mut [u8]) {
    let mut groups = input.chunks_exact(3);
    let mut outs = out.chunks_exact_mut(4);
    for (group, dst) in (&mut groups).zip(&mut outs) {
        let &[a, b, c] = group else { return };
        let v = (u64::from(a) << 16) | (u64::from(b) << 8) | u64::from(c);
        let ([p, q], [r, s]) = (pair(v >> 12), pair(v));
        dst.copy_from_slice(&[p, q, r, s]);
    }
    match (groups.remainder(), outs.into_remainder()) {
        // One byte: 8 bits and 4 zero bits, two characters.
        (&[a], [x, y]) => [*x, *y] = pair(u64::from(a) << 4),
        // Two bytes: 16 bits and 2 zero bits, three characters.
        (&[a, b], [x, y, z]) => {
            let v = (u64::from(a) << 10) | (u64::from(b) << 2);
            let ([p, q], [_, r]) = (pair(v >> 6), pair(v));
            (*x, *y, *z) = (p, q, r);
        }
        _ => {}
    }
}
