//! Reading inputs: files, `-` for standard input (at most once per command), tokens given as
//! an argument or on standard input, and secrets given as text.
//!
//! Everything read may be a secret (keys, passwords, plaintexts), so buffers are
//! [`Zeroizing`] and grow by copying into a new zeroizing buffer: a reallocation never leaves
//! a copy behind in freed memory.

use std::ffi::OsStr;
use std::io::{ErrorKind, Read};
use std::sync::atomic::{AtomicBool, Ordering};

use zeroize::Zeroizing;

use crate::error::{self, CliError};

/// The name that stands for standard input.
pub const STDIN: &str = "-";

/// The size of one read.
const CHUNK: usize = 8 * 1024;

/// Whether standard input has been read already by this command.
static STDIN_TAKEN: AtomicBool = AtomicBool::new(false);

/// The bytes of `path`, or of standard input for `-` (or no path), zeroized when dropped.
/// `what` names the input in messages (`"--key"`, `"payload"`, …).
pub fn read_bytes(path: Option<&str>, what: &str) -> Result<Zeroizing<Vec<u8>>, CliError> {
    match path {
        None | Some(STDIN) => read_stdin(what),
        Some(path) => {
            let io = || CliError::io(format!("reading {what} {path}"));
            let file = std::fs::File::open(path).map_err(io())?;
            // The file's length, when known, sizes the buffer at once (plus one byte, to see
            // the end without growing).
            let hint = file
                .metadata()
                .ok()
                .and_then(|m| usize::try_from(m.len()).ok())
                .map_or(CHUNK, |len| len.saturating_add(1));
            read_all(file, hint).map_err(io())
        }
    }
}

/// Reads `reader` to its end into a zeroizing buffer of at first `hint` bytes, which grows
/// by copying into a new zeroizing buffer (the old one is wiped as it is dropped).
pub fn read_all(mut reader: impl Read, hint: usize) -> std::io::Result<Zeroizing<Vec<u8>>> {
    let mut buffer = Zeroizing::new(Vec::with_capacity(hint.clamp(1, 1 << 30)));
    let mut chunk = Zeroizing::new([0u8; CHUNK]);
    loop {
        let n = match reader.read(chunk.as_mut_slice()) {
            Ok(0) => return Ok(buffer),
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let data = chunk.get(..n).unwrap_or_default();
        if buffer.capacity() - buffer.len() < data.len() {
            let wanted = buffer.len().saturating_add(data.len());
            let mut grown = Zeroizing::new(Vec::with_capacity(
                buffer.capacity().saturating_mul(2).max(wanted),
            ));
            grown.extend_from_slice(&buffer);
            buffer = grown;
        }
        buffer.extend_from_slice(data);
    }
}

/// A token: `arg` itself, or standard input when `arg` is absent or `-`. Surrounding white
/// space (the newline of `echo`, of a file) is removed. A token that is not UTF-8 text, or
/// that starts with an HTTP authorization scheme (`Bearer eyJ…`), is a rejected input.
pub fn read_token(arg: Option<&OsStr>) -> Result<String, CliError> {
    let text = match arg {
        None => read_stdin_text()?,
        Some(arg) if arg == STDIN => read_stdin_text()?,
        Some(arg) => arg.to_str().map(str::to_owned).ok_or_else(|| {
            CliError::rejected(
                error::TOKEN_MALFORMED,
                "the token argument is not UTF-8 text",
            )
        })?,
    };
    let token = text.trim();
    if token.is_empty() {
        return Err(CliError::usage(
            "no token: give it as an argument or on standard input",
        ));
    }
    if let Some((scheme, rest)) = token.split_once(' ')
        && !scheme.is_empty()
        && scheme.bytes().all(|b| b.is_ascii_alphabetic())
        && !rest.trim_start().is_empty()
    {
        return Err(CliError::rejected(
            error::TOKEN_MALFORMED,
            format!(
                "the token starts with \"{} \": give the token alone, without the HTTP \
                 authorization scheme (for a header \"Authorization: Bearer eyJ…\", the part after \"Bearer \")",
                jose_b64::printable(scheme)
            ),
        ));
    }
    Ok(token.to_owned())
}

fn read_stdin_text() -> Result<String, CliError> {
    let bytes = read_stdin("token")?;
    String::from_utf8(bytes.to_vec()).map_err(|_| {
        CliError::rejected(
            error::TOKEN_MALFORMED,
            "the token on standard input is not UTF-8 text",
        )
    })
}

/// A password from a file (or standard input), without its final line break.
pub fn read_password(path: &str, what: &str) -> Result<Zeroizing<Vec<u8>>, CliError> {
    let mut bytes = read_bytes(Some(path), what)?;
    strip_line_break(&mut bytes);
    Ok(bytes)
}

/// The bytes of the environment variable `name`, without a final line break.
pub fn read_env_secret(name: &str, what: &str) -> Result<Zeroizing<Vec<u8>>, CliError> {
    let value = std::env::var_os(name).ok_or_else(|| {
        CliError::usage(format!(
            "{what} {}: the environment variable is not set",
            jose_b64::printable(name)
        ))
    })?;
    let mut bytes = Zeroizing::new(value.into_encoded_bytes());
    if std::str::from_utf8(&bytes).is_err() {
        return Err(CliError::usage(format!(
            "{what} {}: the environment variable is not UTF-8 text",
            jose_b64::printable(name)
        )));
    }
    strip_line_break(&mut bytes);
    Ok(bytes)
}

/// Removes one final `\n` or `\r\n`.
fn strip_line_break(bytes: &mut Zeroizing<Vec<u8>>) {
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
    }
}

/// How an input is named in messages.
pub fn shown(path: Option<&str>) -> String {
    match path {
        None | Some(STDIN) => "on standard input".to_owned(),
        Some(path) => path.to_owned(),
    }
}

fn read_stdin(what: &str) -> Result<Zeroizing<Vec<u8>>, CliError> {
    if STDIN_TAKEN.swap(true, Ordering::SeqCst) {
        return Err(CliError::usage(format!(
            "standard input is already used by another input; give the {what} as a file"
        )));
    }
    read_all(std::io::stdin().lock(), CHUNK).map_err(CliError::io(format!(
        "reading the {what} from standard input"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out at most `step` bytes per read.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.step.min(out.len()).min(self.data.len());
            let (head, tail) = self.data.split_at(n);
            out[..n].copy_from_slice(head);
            self.data = tail;
            Ok(n)
        }
    }

    #[test]
    fn reads_everything_across_growths() {
        let data: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        for (step, hint) in [(1, 1), (3, 10), (CHUNK, 0), (5000, 200_000)] {
            let read = read_all(Trickle { data: &data, step }, hint).unwrap();
            assert_eq!(read.as_slice(), data.as_slice(), "step {step}");
        }
        assert!(
            read_all(Trickle { data: b"", step: 1 }, 0)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn line_breaks_are_stripped_once() {
        for (input, output) in [
            (&b"pw\n"[..], &b"pw"[..]),
            (b"pw\r\n", b"pw"),
            (b"pw\n\n", b"pw\n"),
            (b"pw", b"pw"),
        ] {
            let mut bytes = Zeroizing::new(input.to_vec());
            strip_line_break(&mut bytes);
            assert_eq!(bytes.as_slice(), output);
        }
    }
}
