//! `zip` (RFC 7516 §4.1.3, RFC 7518 §7.3): the plaintext compressed with DEFLATE (RFC 1951,
//! raw, without a zlib or gzip wrapper) before it is encrypted. Behind the cargo feature
//! `deflate` (on by default); without it, a JWE with `zip` is refused with
//! [`Error::Unsupported`].
//!
//! - Producing: only when asked (`Header::deflate`), never by default. Compressing before
//!   encrypting lets the ciphertext length depend on the content (RFC 8725 §3.6), which leaks
//!   secrets when attacker-chosen text is compressed together with them.
//! - Consuming ([`from_header`]): `zip` counts only in the protected header (a `zip` in an
//!   unprotected header is rejected, RFC 7516 §4.1.3), and `"DEF"` is its only value (names
//!   are case-sensitive). The plaintext is inflated after the authentication tag has been
//!   verified, into a buffer that grows, doubling, up to the decrypter's cap and never past it
//!   (default 250 000 bytes, `Decrypter::with_max_decompressed_len`), so that a DEFLATE bomb
//!   is stopped at the cap.
//! - Every buffer that holds plaintext, compressed or not, is zeroized when dropped, including
//!   the ones left behind when a buffer grows.

use jose_jwk::header::JoseHeader;
use zeroize::Zeroizing;

use crate::{Error, Header};
use jose_b64::printable;

/// The largest plaintext inflated by default: 250 kB, the limit most JOSE libraries chose
/// after CVE-2024-28180 (go-jose) and CVE-2024-28176 (panva/jose).
pub(crate) const DEFAULT_MAX_DECOMPRESSED_LEN: usize = 250_000;

/// The only `zip` value defined (RFC 7518 §7.3).
const DEFLATE: &str = "DEF";

/// A compression algorithm that a JWE's `zip` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Zip {
    /// `"DEF"`: raw DEFLATE (RFC 1951).
    Deflate,
}

/// Reads `zip` from a JWE's JOSE Header (any serialization): absent, or `"DEF"` in the
/// protected header.
///
/// # Errors
///
/// [`Error::Header`] for a `zip` in an unprotected header or one that is not a string;
/// [`Error::Unsupported`] for a value other than `"DEF"`, and for `"DEF"` without the feature
/// `deflate`.
pub(crate) fn from_header(header: &JoseHeader<'_>) -> Result<Option<Zip>, Error> {
    header.protected_only(&["zip"]).map_err(Error::Header)?;
    let Some((value, _)) = header.get_str("zip").map_err(Error::Header)? else {
        return Ok(None);
    };
    if value != DEFLATE {
        return Err(Error::unsupported(format!(
            "the \"zip\" value \"{}\": \"DEF\" (DEFLATE) is the only one defined \
             (RFC 7518 §7.3; values are case-sensitive)",
            printable(value)
        )));
    }
    if cfg!(feature = "deflate") {
        Ok(Some(Zip::Deflate))
    } else {
        Err(without_feature())
    }
}

/// The plaintext to encrypt: DEFLATE-compressed when `header` asks for it, else `None` (use
/// the plaintext as it is).
///
/// # Errors
///
/// [`Error::Invalid`] if the compressor fails (it does not on any input);
/// [`Error::Unsupported`] for a `zip` without the feature `deflate`.
pub(crate) fn compress_if_asked(
    header: &Header,
    plaintext: &[u8],
) -> Result<Option<Zeroizing<Vec<u8>>>, Error> {
    match header.get("zip") {
        None => Ok(None),
        #[cfg(feature = "deflate")]
        Some(_) => deflate::compress(plaintext).map(Some),
        #[cfg(not(feature = "deflate"))]
        Some(_) => {
            let _ = plaintext;
            Err(without_feature())
        }
    }
}

/// The decrypted plaintext, inflated when the header's `zip` says it is compressed.
///
/// # Errors
///
/// [`Error::Decompression`] when the plaintext inflates to more than `max_len` bytes or is
/// not a raw DEFLATE stream.
pub(crate) fn decompress_if(
    zip: Option<Zip>,
    plaintext: Zeroizing<Vec<u8>>,
    max_len: usize,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    match zip {
        None => Ok(plaintext),
        #[cfg(feature = "deflate")]
        Some(Zip::Deflate) => deflate::decompress(&plaintext, max_len),
        #[cfg(not(feature = "deflate"))]
        Some(Zip::Deflate) => {
            let _ = max_len;
            Err(without_feature())
        }
    }
}

/// The error for `zip` in a build without the feature `deflate`.
fn without_feature() -> Error {
    Error::unsupported(
        "\"zip\":\"DEF\": DEFLATE compression needs the cargo feature `deflate` of jose-jwe",
    )
}

#[cfg(feature = "deflate")]
mod deflate {
    //! Raw DEFLATE with `miniz_oxide`, into buffers that are zeroized when dropped.

    use miniz_oxide::inflate::TINFLStatus;
    use miniz_oxide::inflate::core::inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    use miniz_oxide::inflate::core::{DecompressorOxide, decompress as inflate};
    use miniz_oxide::{
        DataFormat,
        deflate::CompressionLevel,
        deflate::core::{CompressorOxide, TDEFLFlush, TDEFLStatus, compress as deflate},
    };
    use zeroize::Zeroizing;

    use crate::Error;

    /// The smallest buffer made for output, so that small inputs do not grow one byte at a
    /// time.
    const MIN_BUFFER: usize = 1024;

    /// Compresses `plaintext` with raw DEFLATE at the default level (6).
    pub(super) fn compress(plaintext: &[u8]) -> Result<Zeroizing<Vec<u8>>, Error> {
        let mut compressor =
            CompressorOxide::with_format_and_level(DataFormat::Raw, CompressionLevel::DefaultLevel);
        // DEFLATE never grows data by more than 5 bytes per 64 KiB stored block plus a few
        // bytes, so this usually needs no second buffer.
        let mut out = zeroed(
            plaintext
                .len()
                .saturating_add(plaintext.len() / 1024)
                .saturating_add(64),
        );
        let (mut input, mut written) = (plaintext, 0usize);
        let result = loop {
            let Some(space) = out.get_mut(written..) else {
                break Err(compress_failed());
            };
            let (status, read, produced) =
                deflate(&mut compressor, input, space, TDEFLFlush::Finish);
            written = written.saturating_add(produced);
            input = input.get(read..).unwrap_or_default();
            match status {
                TDEFLStatus::Done => {
                    out.truncate(written);
                    break Ok(out);
                }
                TDEFLStatus::Okay => {
                    if out.len().saturating_sub(written) < 64 {
                        let len = out.len().saturating_mul(2);
                        grow(&mut out, written, len);
                    }
                }
                _ => break Err(compress_failed()),
            }
        };
        // Best effort: the compressor's window holds plaintext; its reset fills it with zeros.
        compressor.reset();
        result
    }

    /// Inflates a raw DEFLATE stream that must end exactly at the end of `compressed`, into at
    /// most `max_len` bytes.
    pub(super) fn decompress(
        compressed: &[u8],
        max_len: usize,
    ) -> Result<Zeroizing<Vec<u8>>, Error> {
        let mut state = Box::<DecompressorOxide>::default();
        let mut out = zeroed(next_len(compressed.len(), max_len));
        let (mut input, mut written) = (compressed, 0usize);
        loop {
            let (status, read, produced) = inflate(
                &mut state,
                input,
                &mut out,
                written,
                TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
            );
            written = written.saturating_add(produced);
            input = input.get(read..).unwrap_or_default();
            match status {
                // Bytes after the final block are not part of any DEFLATE stream.
                TINFLStatus::Done if input.is_empty() => {
                    out.truncate(written);
                    return Ok(out);
                }
                TINFLStatus::HasMoreOutput if out.len() < max_len => {
                    let len = next_len(out.len(), max_len);
                    grow(&mut out, written, len);
                }
                TINFLStatus::HasMoreOutput => {
                    return Err(Error::Decompression {
                        reason: format!(
                            "the plaintext inflates to more than the limit of {max_len} bytes"
                        ),
                    });
                }
                _ => {
                    return Err(Error::Decompression {
                        reason: "the plaintext is not a raw DEFLATE stream (RFC 1951)".to_owned(),
                    });
                }
            }
        }
    }

    /// The next buffer size: double, at least [`MIN_BUFFER`], at most `max_len`.
    pub(super) fn next_len(len: usize, max_len: usize) -> usize {
        len.saturating_mul(2).max(MIN_BUFFER).min(max_len)
    }

    /// Replaces `out` by a zeroed buffer of `len` bytes holding its first `used` bytes; the old
    /// buffer is zeroized as it is dropped.
    fn grow(out: &mut Zeroizing<Vec<u8>>, used: usize, len: usize) {
        let mut bigger = zeroed(len);
        if let (Some(to), Some(from)) = (bigger.get_mut(..used), out.get(..used)) {
            to.copy_from_slice(from);
        }
        *out = bigger;
    }

    fn zeroed(len: usize) -> Zeroizing<Vec<u8>> {
        #[cfg(test)]
        tests::LARGEST_BUFFER.with(|largest| largest.set(largest.get().max(len)));
        Zeroizing::new(vec![0; len])
    }

    fn compress_failed() -> Error {
        Error::invalid("DEFLATE compression failed")
    }

    #[cfg(test)]
    mod tests;
}

#[cfg(test)]
mod tests;
