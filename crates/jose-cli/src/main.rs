//! `jose`: the command-line tool of jose-rs, for people who work with JOSE keys and tokens
//! from a shell.
//!
//! Commands: `jose jwk` (generate, public part, thumbprint, PEM/DER import and export, JWK
//! Sets), `jose jws` (sign, verify), `jose jwe` (encrypt, decrypt), `jose jwt` (sign,
//! verify — signed, nested and encrypted JWTs — and inspect), `jose completions` and `jose
//! man`. Every command's `--help` shows examples.
//!
//! Exit status: 0 on success (also when the reader of the output went away), 1 when the
//! input is rejected (a token that does not verify or is not a token, a key file that is not
//! a usable key; the reason on standard error as one line `error[CODE]: message`, naming the
//! option the input came from), 2 for usage and I/O errors.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod binding;
mod cli;
mod commands;
mod duration;
mod error;
mod input;
mod keys;
mod output;
mod time;

use std::io::{ErrorKind, Write};
use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind as ClapErrorKind;

use crate::cli::Cli;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return clap_exit(&error),
    };
    match commands::run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`jose … | head`): what it read was written; end quietly, as
        // the tools of a pipeline do.
        Err(error::CliError::Io { source, .. }) if source.kind() == ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "{}", error.line());
            error.exit_code()
        }
    }
}

/// Help and version go to standard output with status 0; usage errors (and the help shown
/// for a command given without its subcommand) to standard error with status 2, the first
/// line of an error in the `error[CODE]: message` form.
fn clap_exit(error: &clap::Error) -> ExitCode {
    match error.kind() {
        // Written, not printed: a closed pipe (`jose --help | head`) must not panic.
        ClapErrorKind::DisplayHelp | ClapErrorKind::DisplayVersion => {
            let _ = write!(std::io::stdout(), "{error}");
            ExitCode::SUCCESS
        }
        ClapErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = write!(std::io::stderr(), "{error}");
            ExitCode::from(2)
        }
        _ => {
            let text = error.to_string();
            let text = text.strip_prefix("error: ").unwrap_or(&text);
            // The message on the first line, whole; clap's usage and tip after it.
            let (message, rest) = text.split_once("\n\n").unwrap_or((text, ""));
            let message: Vec<&str> = message.lines().map(str::trim).collect();
            let mut stderr = std::io::stderr();
            let _ = writeln!(stderr, "error[{}]: {}", error::USAGE, message.join(" "));
            if !rest.is_empty() {
                let _ = write!(stderr, "\n{rest}");
            }
            ExitCode::from(2)
        }
    }
}
