//! The operating system's random number generator, for CEKs and IVs (RFC 7516 §5.1 steps 2
//! and 9).

use crate::Error;

/// Fills `buf` from the operating system's random number generator.
///
/// An RNG failure is an error, never a panic. An output of only zero bytes is rejected too: a
/// working generator produces one with probability 2^-96 at most for the sizes used here (12
/// bytes and more), while a broken one produces it every time (cjose CVE-2026-53939 encrypted
/// with an all-zero CEK).
pub(crate) fn fill(buf: &mut [u8]) -> Result<(), Error> {
    fill_with(buf, getrandom::fill)
}

/// [`fill`] with the generator as a parameter, so that tests can make it fail.
pub(crate) fn fill_with(
    buf: &mut [u8],
    source: impl FnOnce(&mut [u8]) -> Result<(), getrandom::Error>,
) -> Result<(), Error> {
    source(buf).map_err(|_| Error::Rng)?;
    // Constant time: the bytes are (part of) a secret key.
    let any_set = buf.iter().fold(0u8, |acc, &b| acc | b);
    if !buf.is_empty() && any_set == 0 {
        return Err(Error::Rng);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills() {
        let mut a = [0u8; 32];
        let mut b = [0u8; 32];
        fill(&mut a).unwrap();
        fill(&mut b).unwrap();
        assert_ne!(a, b);
        assert_ne!(a, [0; 32]);
    }

    #[test]
    fn failure_is_an_error() {
        let mut buf = [0u8; 16];
        let err = fill_with(&mut buf, |_| Err(getrandom::Error::UNSUPPORTED)).unwrap_err();
        assert_eq!(err.code(), "ERR_RNG");
        assert_eq!(err, Error::Rng);
    }

    #[test]
    fn all_zero_output_is_an_error() {
        let mut buf = [0u8; 16];
        let err = fill_with(&mut buf, |b| {
            b.fill(0);
            Ok(())
        })
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "the operating system random number generator failed"
        );
        let mut one = [0u8; 16];
        fill_with(&mut one, |b| {
            b.fill(0);
            if let Some(last) = b.last_mut() {
                *last = 1;
            }
            Ok(())
        })
        .unwrap();
    }
}
