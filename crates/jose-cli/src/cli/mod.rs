//! The command line: every command and option, with examples in each command's help
//! (clap derive). The commands themselves are in [`crate::commands`].

mod jwe;
mod jwk;
mod jws;
mod jwt;
pub mod values;

use clap::{Parser, Subcommand};

pub use jwe::{DecryptArgs, EncryptArgs, JweCommand};
pub use jwk::{
    ExportArgs, ExportFormat, GenArgs, ImportArgs, JwkCommand, KeyParams, KeyTypeName, PubArgs,
    SetArgs, ThumbprintArgs, ThumbprintHashName,
};
pub use jws::{JsonSerialization, JwsCommand, SignArgs, VerifyArgs};
pub use jwt::{InspectArgs, JwtCommand, JwtSignArgs, JwtVerifyArgs};

const EXAMPLES: &str = "\
Examples:
  jose jwk gen --alg ES256 --kid 2026-05 --out private.jwk
  jose jwk pub private.jwk > public.jwk
  echo -n '{\"sub\":\"alice\"}' | jose jws sign --key private.jwk > token
  jose jws verify --key public.jwk --alg ES256 < token
  jose jwt sign --key private.jwk --alg ES256 --sub alice --exp 15m > jwt
  jose jwt verify --key public.jwk --alg ES256 < jwt
  jose jwt inspect \"$(cat token)\"

Keys are read as a JWK, a JWK Set, PEM or DER (told apart by their content), from a file or
`-` for standard input; tokens from an argument or standard input.

Exit status: 0 success (the token is valid), 1 rejected input: a token that does not verify or
is not a token, a key file that is not a usable key (the reason on standard error in one line:
error[CODE]: message), 2 usage or I/O error.";

/// `jose`: JSON Web Keys, Signatures, Encryption and Tokens from a shell.
#[derive(Debug, Parser)]
#[command(
    name = "jose",
    version,
    about = "JSON Web Keys, Signatures, Encryption and Tokens from a shell",
    after_help = EXAMPLES,
    subcommand_required = true,
    arg_required_else_help = true
)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The command groups.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Keys: generate, public part, thumbprint, PEM/DER import and export, JWK Sets
    #[command(subcommand, arg_required_else_help = true)]
    Jwk(JwkCommand),
    /// JSON Web Signature (RFC 7515, RFC 7797): sign and verify
    #[command(subcommand, arg_required_else_help = true)]
    Jws(JwsCommand),
    /// JSON Web Encryption (RFC 7516): encrypt and decrypt
    #[command(subcommand, arg_required_else_help = true)]
    Jwe(JweCommand),
    /// JSON Web Tokens (RFC 7519): sign, verify, inspect
    #[command(subcommand, arg_required_else_help = true)]
    Jwt(JwtCommand),
    /// Print the shell completion script for bash, zsh, fish, elvish or PowerShell
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Print the manual page jose(1), or write one page per command into a directory
    #[command(after_help = MAN_EXAMPLES)]
    Man(ManArgs),
}

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  jose completions bash > ~/.local/share/bash-completion/completions/jose
  jose completions zsh > \"${fpath[1]}/_jose\"
  jose completions fish > ~/.config/fish/completions/jose.fish";

const MAN_EXAMPLES: &str = "\
Examples:
  jose man | man -l -
  jose man --dir ~/.local/share/man/man1    # jose.1, jose-jwt.1, jose-jwt-sign.1, …";

/// `jose completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// `jose man`.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write jose.1 and one page per command (jose-jwt-sign.1, …) into this directory
    #[arg(long, value_name = "DIR")]
    pub dir: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_command_has_examples() {
        fn walk(command: &clap::Command, path: &str) {
            let path = format!("{path} {}", command.get_name());
            let help = command
                .get_after_help()
                .map(|h| h.to_string())
                .unwrap_or_default();
            assert!(help.contains("Examples:"), "{path} has no examples");
            for sub in command.get_subcommands() {
                walk(sub, &path);
            }
        }
        walk(&Cli::command(), "");
    }
}
