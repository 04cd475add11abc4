//! `jose jwt …`: JSON Web Tokens. `sign` and `verify` join `inspect` here once the jose-jwt
//! crate exists.

use clap::{Args, Subcommand};

use super::values;

const JWT_EXAMPLES: &str = "\
Examples:
  jose jwt inspect eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln
  jose jwt inspect --json < token | jq .claims.sub";

const INSPECT_EXAMPLES: &str = "\
Examples:
  jose jwt inspect eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln
  jose jwt inspect < token
  jose jwt inspect --leeway 30s --json < token

Decodes the header and claims of a compact JWS (3 parts) or the header of a compact JWE
(5 parts) WITHOUT verifying anything: the output is labelled UNVERIFIED. exp, nbf and iat
are shown in RFC 3339 UTC and relative to now.";

/// `jose jwt` commands.
#[derive(Debug, Subcommand)]
#[command(after_help = JWT_EXAMPLES)]
pub enum JwtCommand {
    /// Decode a token's header and claims without verifying them (labelled UNVERIFIED)
    #[command(after_help = INSPECT_EXAMPLES)]
    Inspect(InspectArgs),
}

/// `jose jwt inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Print one JSON object instead of text
    #[arg(long)]
    pub json: bool,
    /// The clock skew allowed when telling whether exp and nbf hold now (30s, 2m, …)
    #[arg(long, value_name = "DURATION", default_value = "0s", value_parser = values::duration)]
    pub leeway: u64,
    /// The token (standard input when absent or `-`)
    #[arg(value_name = "TOKEN")]
    pub token: Option<String>,
}
