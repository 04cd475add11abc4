//! Reading inputs: files, `-` for standard input (at most once per command), and tokens
//! given as an argument or on standard input.

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};

use zeroize::Zeroizing;

use crate::error::CliError;

/// The name that stands for standard input.
pub const STDIN: &str = "-";

/// Whether standard input has been read already by this command.
static STDIN_TAKEN: AtomicBool = AtomicBool::new(false);

/// The bytes of `path`, or of standard input for `-` (or no path), zeroized when dropped
/// (keys, passwords and plaintexts are secrets). `what` names the input in messages ("key",
/// "payload", …).
pub fn read_bytes(path: Option<&str>, what: &str) -> Result<Zeroizing<Vec<u8>>, CliError> {
    match path {
        None | Some(STDIN) => read_stdin(what),
        Some(path) => std::fs::read(path)
            .map(Zeroizing::new)
            .map_err(CliError::io(format!("reading {what} {path}"))),
    }
}

/// A token: `arg` itself, or standard input when `arg` is absent or `-`. Surrounding white
/// space (the newline of `echo`, of a file) is removed.
pub fn read_token(arg: Option<&str>) -> Result<String, CliError> {
    let text = match arg {
        None | Some(STDIN) => {
            let bytes = read_stdin("token")?;
            String::from_utf8(bytes.to_vec())
                .map_err(|_| CliError::usage("the token on standard input is not UTF-8 text"))?
        }
        Some(token) => token.to_owned(),
    };
    let token = text.trim();
    if token.is_empty() {
        return Err(CliError::usage(
            "no token: give it as an argument or on standard input",
        ));
    }
    Ok(token.to_owned())
}

/// A password from a file (or standard input), without its final line break.
pub fn read_password(path: &str) -> Result<Zeroizing<Vec<u8>>, CliError> {
    let mut bytes = read_bytes(Some(path), "password")?;
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
    }
    Ok(bytes)
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
    let mut bytes = Zeroizing::new(Vec::new());
    std::io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(CliError::io(format!(
            "reading the {what} from standard input"
        )))?;
    Ok(bytes)
}
