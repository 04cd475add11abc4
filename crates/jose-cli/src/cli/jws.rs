//! `jose jws …`: JSON Web Signatures.

use clap::{Args, Subcommand, ValueEnum};
use jose_jwk::alg::JwsAlgorithm;

use super::values;

const JWS_EXAMPLES: &str = "\
Examples:
  jose jws sign --key private.jwk --alg ES256 payload.json > token
  jose jws verify --key public.jwk --alg ES256 < token
  jose jws sign --key k.jwk --detached --json flattened release.tar > release.jws
  jose jws verify --key jwks.json --alg ES256 --alg EdDSA --payload release.tar < release.jws";

const SIGN_EXAMPLES: &str = "\
Examples:
  echo -n 'hello' | jose jws sign --key private.jwk --alg ES256
  jose jws sign --key hmac.jwk --alg HS256 --typ JWT claims.json
  jose jws sign --key private.jwk --header '{\"x-trace\":\"abc\"}' payload.bin
  jose jws sign --key private.jwk --detached file.tar           # header..signature
  jose jws sign --key private.jwk --b64 false --json flattened note.txt   # RFC 7797
  jose jws sign --key a.jwk --key b.jwk --json general file     # one signature per key
  jose jws sign --key jwks-private.json --kid k2 payload

--alg may be left out when the JWK names its \"alg\". The payload comes from a file or
standard input; the JWS is printed on one line.";

const VERIFY_EXAMPLES: &str = "\
Examples:
  jose jws verify --key public.jwk --alg ES256 eyJhbGciOi...
  jose jws verify --key jwks.json --alg ES256,EdDSA < token > payload
  jose jws verify --key public.pem --alg RS256 --payload file.tar < file.jws
  jose jws verify --key jwks.json --alg ES256 --all-signatures < general.json
  jose jws verify --key public.jwk --alg ES256 --json < token | jq .protected

Compact and JSON serializations are told apart by their content. The payload is printed as
it is (exit status 0); a JWS that does not verify prints nothing and exits with 1.";

/// `jose jws` commands.
#[derive(Debug, Subcommand)]
#[command(after_help = JWS_EXAMPLES)]
pub enum JwsCommand {
    /// Sign a payload (compact, flattened or general JSON serialization)
    #[command(after_help = SIGN_EXAMPLES)]
    Sign(SignArgs),
    /// Verify a JWS and print its payload
    #[command(after_help = VERIFY_EXAMPLES)]
    Verify(VerifyArgs),
}

/// The JWS JSON serializations of `--json`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum JsonSerialization {
    /// {"payload","signatures":[…]}: one or more signatures (RFC 7515 §7.2.1)
    General,
    /// {"payload","protected","header","signature"}: one signature (RFC 7515 §7.2.2)
    Flattened,
}

/// `jose jws sign`.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// The private key (JWK, JWK Set or PEM file); repeat for several signatures (--json general)
    #[arg(long, value_name = "FILE", required_unless_present_any = ["secret_env", "secret_file"])]
    pub key: Vec<String>,
    /// An HMAC secret given as text
    #[command(flatten)]
    pub secret: values::SecretArgs,
    /// The algorithm; one for all keys or one per key (default: each JWK's "alg")
    #[arg(long, value_name = "ALG", value_parser = values::jws_alg)]
    pub alg: Vec<JwsAlgorithm>,
    /// The key of a JWK Set to sign with; also written as the header's "kid"
    #[arg(long, value_name = "KID")]
    pub kid: Option<String>,
    /// The header's "typ" (JWT, at+jwt, …)
    #[arg(long, value_name = "TYP")]
    pub typ: Option<String>,
    /// The header's "cty"
    #[arg(long, value_name = "CTY")]
    pub cty: Option<String>,
    /// More protected header parameters, as a JSON object
    #[arg(long, value_name = "JSON")]
    pub header: Option<String>,
    /// Unprotected header parameters, as a JSON object (JSON serializations only)
    #[arg(long, value_name = "JSON", requires = "json")]
    pub unprotected: Option<String>,
    /// Leave the payload out of the JWS (RFC 7515 App. F); verify with --payload
    #[arg(long)]
    pub detached: bool,
    /// false: sign the payload unencoded (RFC 7797, "b64":false with "crit":["b64"])
    #[arg(long, value_name = "BOOL", default_value_t = true, action = clap::ArgAction::Set)]
    pub b64: bool,
    /// Write a JWS JSON serialization instead of the compact one
    #[arg(long, value_name = "SERIALIZATION")]
    pub json: Option<JsonSerialization>,
    /// The payload file (standard input when absent or `-`)
    #[arg(value_name = "PAYLOAD")]
    pub payload: Option<String>,
}

/// `jose jws verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The public key, shared secret or JWK Set (JWK, JWK Set or PEM file, `-` for standard input)
    #[arg(long, value_name = "FILE", required_unless_present_any = ["secret_env", "secret_file"])]
    pub key: Option<String>,
    /// An HMAC secret given as text
    #[command(flatten)]
    pub secret: values::SecretArgs,
    /// The accepted algorithms (repeat, or separate with commas)
    #[arg(long, value_name = "ALG", required = true, value_delimiter = ',', value_parser = values::jws_alg)]
    pub alg: Vec<JwsAlgorithm>,
    /// DANGEROUS, for migrating only: verify HS256/384/512 with a shared secret shorter than
    /// the hash (32, 48 or 64 bytes), which RFC 7518 §3.2 forbids and is refused by default
    ///
    /// A short secret can be guessed offline by anyone holding one token. Use this only to
    /// keep verifying tokens an existing deployment already issued, while its issuer moves to
    /// a new, full-length random secret under a new kid; then stop using it. It applies to one
    /// key (--key with a JWK, --secret-env, --secret-file), not to a JWK Set. Nothing ever
    /// signs with a short secret.
    #[arg(long)]
    pub allow_short_hmac_secret: bool,
    /// The largest JWS accepted, in bytes (K, M, G units)
    #[arg(long, value_name = "SIZE", default_value = values::DEFAULT_MAX_SIZE, value_parser = values::size)]
    pub max_size: usize,
    /// Print nothing: the exit status alone tells whether the JWS verifies
    #[arg(long, short, conflicts_with = "json")]
    pub quiet: bool,
    /// The detached payload file (RFC 7515 App. F)
    #[arg(long, value_name = "FILE")]
    pub payload: Option<String>,
    /// JSON serializations: every signature must verify (default: at least one)
    #[arg(long, conflicts_with = "require_kid")]
    pub all_signatures: bool,
    /// JSON serializations: a signature by the key with this kid must verify (repeatable)
    #[arg(long, value_name = "KID")]
    pub require_kid: Vec<String>,
    /// Print {"alg","kid","protected","header","payload"} as JSON instead of the payload
    #[arg(long)]
    pub json: bool,
    /// The JWS (standard input when absent or `-`)
    #[arg(value_name = "TOKEN")]
    pub token: Option<std::ffi::OsString>,
}
