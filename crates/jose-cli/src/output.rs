//! Writing results: to standard output, or to a file (private keys with owner-only
//! permissions).

use std::fs::OpenOptions;
use std::io::{IsTerminal, Write};

use jose_b64::serde_json::Value;

use crate::error::CliError;

/// Whether what is written is secret (a private key), which makes a new file owner-only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sensitivity {
    /// Public data.
    Public,
    /// Secret data: a file is created with mode 0600 on Unix.
    Secret,
}

/// Writes `bytes` to standard output as they are.
pub fn stdout_bytes(bytes: &[u8]) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(CliError::io("writing to standard output"))
}

/// Writes `line` and a newline to standard output.
pub fn stdout_line(line: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(line.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush())
        .map_err(CliError::io("writing to standard output"))
}

/// Writes a JSON value on one line.
pub fn json_line(value: &Value) -> Result<(), CliError> {
    stdout_line(&value.to_string())
}

/// Writes `bytes` to the file `out`, or to standard output when `out` is `None`; binary
/// data is not written to a terminal.
pub fn write(
    out: Option<&str>,
    bytes: &[u8],
    binary: bool,
    sensitivity: Sensitivity,
) -> Result<(), CliError> {
    match out {
        None | Some(crate::input::STDIN) => {
            if binary && std::io::stdout().is_terminal() {
                return Err(CliError::usage(
                    "refusing to write binary DER to a terminal: use --out FILE or redirect standard output",
                ));
            }
            stdout_bytes(bytes)
        }
        Some(path) => write_file(path, bytes, sensitivity),
    }
}

fn write_file(path: &str, bytes: &[u8], sensitivity: Sensitivity) -> Result<(), CliError> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    if sensitivity == Sensitivity::Secret {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = sensitivity;
    let mut file = options
        .open(path)
        .map_err(CliError::io(format!("creating {path}")))?;
    // A file that existed keeps its mode on open: make it owner-only before writing.
    #[cfg(unix)]
    if sensitivity == Sensitivity::Secret {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(CliError::io(format!(
                "restricting the permissions of {path}"
            )))?;
    }
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .map_err(CliError::io(format!("writing {path}")))
}
