//! `jose`: the command-line tool of jose-rs, for people who work with JOSE keys and tokens
//! from a shell.
//!
//! Commands: `jose jwk` (generate, public part, thumbprint, PEM/DER import and export, JWK
//! Sets), `jose jws` (sign, verify), `jose jwe` (encrypt, decrypt) and `jose jwt` (sign,
//! verify — signed and nested JWTs — and inspect). Every command's `--help` shows examples.
//!
//! Exit status: 0 on success, 1 when the library rejects the input (a token that does not
//! verify, an unusable key; the reason on standard error as one line `error[CODE]: message`),
//! 2 for usage and I/O errors.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod cli;
mod commands;
mod duration;
mod error;
mod input;
mod keys;
mod output;
mod time;

use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

use crate::cli::Cli;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return clap_exit(&error),
    };
    match commands::run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{}", error.line());
            error.exit_code()
        }
    }
}

/// Help and version go to standard output with status 0; usage errors (and the help shown
/// for a command given without its subcommand) to standard error with status 2, the first
/// line of an error in the `error[CODE]: message` form.
fn clap_exit(error: &clap::Error) -> ExitCode {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            print!("{error}");
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!("{error}");
            ExitCode::from(2)
        }
        _ => {
            let text = error.to_string();
            let text = text.strip_prefix("error: ").unwrap_or(&text);
            // The message on the first line, whole; clap's usage and tip after it.
            let (message, rest) = text.split_once("\n\n").unwrap_or((text, ""));
            let message: Vec<&str> = message.lines().map(str::trim).collect();
            eprintln!("error[{}]: {}", error::USAGE, message.join(" "));
            if !rest.is_empty() {
                eprint!("\n{rest}");
            }
            ExitCode::from(2)
        }
    }
}
