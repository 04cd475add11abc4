//! The commands: one module per group.

mod generate;
mod inspect;
mod json_text;
mod jwe;
mod jwk;
mod jws;
mod jwt;
mod remote;

use crate::cli::{Command, JweCommand, JwkCommand, JwsCommand, JwtCommand};
use crate::error::CliError;

/// Runs a command.
pub fn run(command: Command) -> Result<(), CliError> {
    match command {
        Command::Jwk(command) => match command {
            JwkCommand::Gen(args) => jwk::generate(&args),
            JwkCommand::Pub(args) => jwk::public(&args),
            JwkCommand::Thumbprint(args) => jwk::thumbprint(&args),
            JwkCommand::Import(args) => jwk::import(&args),
            JwkCommand::Export(args) => jwk::export(&args),
            JwkCommand::Set(args) => jwk::set(&args),
        },
        Command::Jws(command) => match command {
            JwsCommand::Sign(args) => jws::sign(&args),
            JwsCommand::Verify(args) => jws::verify(&args),
        },
        Command::Jwe(command) => match command {
            JweCommand::Encrypt(args) => jwe::encrypt(&args),
            JweCommand::Decrypt(args) => jwe::decrypt(&args),
        },
        Command::Jwt(command) => match command {
            JwtCommand::Sign(args) => jwt::sign(&args),
            JwtCommand::Verify(args) => jwt::verify(&args),
            JwtCommand::Inspect(args) => inspect::inspect(&args),
        },
        Command::Completions(args) => generate::completions(&args),
        Command::Man(args) => generate::man(&args),
    }
}
