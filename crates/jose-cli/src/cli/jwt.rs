//! `jose jwt …`: JSON Web Tokens (RFC 7519): sign, verify, inspect.

use clap::{Args, Subcommand};
use jose_jwk::alg::{JweAlgorithm, JweEncryption, JwsAlgorithm};

use super::values::{self, Time};

const JWT_EXAMPLES: &str = "\
Examples:
  jose jwt sign --key private.jwk --alg ES256 --sub alice --aud api --exp 15m > token
  jose jwt verify --key public.jwk --alg ES256 --aud api < token
  jose jwt inspect --json < token | jq .claims.sub";

const SIGN_EXAMPLES: &str = "\
Examples:
  jose jwt sign --key private.jwk --alg ES256 --iss https://issuer.example --sub alice --exp 15m
  jose jwt sign --key hmac.jwk --alg HS256 --claims '{\"scope\":\"read\"}' --aud api --exp 1h
  jose jwt sign --key private.pem --alg RS256 --typ at+jwt --jti t-17 --nbf 1m --exp 2h
  jose jwt sign --key private.jwk --alg EdDSA --exp @1767225600     # exp at a NumericDate
  jose jwt sign --key private.jwk --alg ES256 --no-exp --sub service  # never expires
  jose jwt sign --key private.jwk --alg ES256 --exp 5m \\
      --encrypt-key recipient.pub.jwk --encrypt-alg RSA-OAEP-256 --enc A256GCM   # nested
  jose jwt sign --encrypt-key shared.jwk --encrypt-alg A256KW --sub alice --exp 5m  # encrypted only
  jose jwt sign --secret-env JWT_SECRET --alg HS256 --claims @claims.json --exp 1h

A token must expire: give --exp (a duration from now such as 15m, or @SECONDS since the epoch),
an \"exp\" in --claims, or say --no-exp. \"iat\" is the time of signing; \"typ\" is JWT unless
--typ says otherwise. --alg may be left out when the JWK names its \"alg\". With --encrypt-key
the signed JWT is encrypted (a nested JWT, \"cty\":\"JWT\"). The token is printed on one line.";

const VERIFY_EXAMPLES: &str = "\
Examples:
  jose jwt verify --key public.jwk --alg ES256 eyJhbGciOi...
  jose jwt verify --key jwks.json --alg ES256,RS256 --iss https://issuer.example --aud api < token
  jose jwt verify --key hmac.jwk --alg HS256 --typ at+jwt --leeway 30s --require jti < token
  jose jwt verify --key public.jwk --alg ES256 < token | jq -r .sub
  jose jwt verify --key sender.pub.jwk --alg ES256 \\
      --decrypt-key private.jwk --decrypt-alg RSA-OAEP-256 --enc A256GCM < nested-token
  jose jwt verify --decrypt-key shared.jwk --decrypt-alg A256KW < encrypted-token
  jose jwt verify --secret-file hmac.txt --alg HS256 --allow-any-audience < token

The signature is checked with the allowed algorithms, then the claims: \"exp\" required (unless
--allow-no-exp) and not passed, \"nbf\" reached, \"iss\", \"aud\", \"sub\" and \"typ\" as given (a
token with \"aud\" is refused when no --aud is given; a specific \"typ\" such as at+jwt only with
--typ). With --decrypt-key and no --key the token is an encrypted JWT (no signature): with
public-key key management that needs --allow-unsigned-public-key-jwt, since anyone who has the
public key can make one. The claims are printed as one line of JSON (exit status 0); a token
that is rejected prints nothing and exits with 1, the reason on standard error.";

const INSPECT_EXAMPLES: &str = "\
Examples:
  jose jwt inspect eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln
  jose jwt inspect < token
  jose jwt inspect --leeway 30s --json < token

Decodes the header and claims of a compact JWS (3 parts) or the header of a compact JWE
(5 parts) WITHOUT verifying anything: the output is labelled UNVERIFIED (verify a JWT with
`jose jwt verify`). exp, nbf and iat are shown in RFC 3339 UTC and relative to now; a payload
that is not JSON is shown with its control characters escaped, at most 1 KiB of it (--json
gives it whole).";

/// `jose jwt` commands.
#[derive(Debug, Subcommand)]
#[command(after_help = JWT_EXAMPLES)]
pub enum JwtCommand {
    /// Issue a signed JWT (or a nested one: signed, then encrypted)
    #[command(after_help = SIGN_EXAMPLES)]
    Sign(JwtSignArgs),
    /// Verify a JWT and validate its claims; print the claims as JSON
    #[command(after_help = VERIFY_EXAMPLES)]
    Verify(JwtVerifyArgs),
    /// Decode a token's header and claims without verifying them (labelled UNVERIFIED)
    #[command(after_help = INSPECT_EXAMPLES)]
    Inspect(InspectArgs),
}

/// `jose jwt sign`.
#[derive(Debug, Args)]
pub struct JwtSignArgs {
    /// The private key or shared secret (JWK, JWK Set or PEM file, `-` for standard input);
    /// without it (and with --encrypt-key) the JWT is encrypted only, not signed
    #[arg(long, value_name = "FILE", required_unless_present_any = ["secret_env", "secret_file", "encrypt_key"])]
    pub key: Option<String>,
    /// An HMAC secret given as text
    #[command(flatten)]
    pub secret: values::SecretArgs,
    /// The signature algorithm (default: the JWK's "alg")
    #[arg(long, value_name = "ALG", value_parser = values::jws_alg)]
    pub alg: Option<JwsAlgorithm>,
    /// The key of a JWK Set to sign with; also written as the header's "kid"
    #[arg(long, value_name = "KID")]
    pub kid: Option<String>,
    /// The claims, as a JSON object, @FILE for a file's, or - for standard input's (the
    /// options below add to them)
    #[arg(long, value_name = "JSON", allow_hyphen_values = true)]
    pub claims: Option<String>,
    /// "iss": the issuer
    #[arg(long, value_name = "ISS")]
    pub iss: Option<String>,
    /// "sub": the subject
    #[arg(long, value_name = "SUB")]
    pub sub: Option<String>,
    /// "aud": the audience (repeat for several: an array)
    #[arg(long, value_name = "AUD")]
    pub aud: Vec<String>,
    /// "exp": a duration from now (15m, 1h), before now (-5m) or @SECONDS since the epoch
    #[arg(long, value_name = "WHEN", value_parser = values::time, allow_hyphen_values = true)]
    pub exp: Option<Time>,
    /// Make a token without "exp", valid until its key is retired
    #[arg(long, conflicts_with = "exp")]
    pub no_exp: bool,
    /// "nbf": a duration from now (0s, 1m), before now (-1m) or @SECONDS since the epoch
    #[arg(long, value_name = "WHEN", value_parser = values::time, allow_hyphen_values = true)]
    pub nbf: Option<Time>,
    /// "jti": the token's identifier
    #[arg(long, value_name = "JTI")]
    pub jti: Option<String>,
    /// The header's "typ" (default JWT), such as at+jwt (RFC 9068)
    #[arg(long, value_name = "TYP")]
    pub typ: Option<String>,
    /// Encrypt the signed JWT to this key (a nested JWT), or without --key encrypt the claims
    /// only (an encrypted JWT): JWK, JWK Set or PEM file
    #[arg(long, value_name = "FILE")]
    pub encrypt_key: Option<String>,
    /// The key management algorithm of --encrypt-key (default: its JWK's "alg")
    #[arg(long, value_name = "ALG", value_parser = values::jwe_alg, requires = "encrypt_key")]
    pub encrypt_alg: Option<JweAlgorithm>,
    /// The content encryption algorithm of --encrypt-key (default A256GCM)
    #[arg(long, value_name = "ENC", value_parser = values::jwe_enc, requires = "encrypt_key")]
    pub enc: Option<JweEncryption>,
    /// An encrypted JWT without a signature, with public-key key management (ECDH-ES*,
    /// RSA-OAEP*): anyone who has the recipient's public key can make such a token, so it says
    /// nothing about who issued it. Sign it too (--key) unless the recipient knows that
    #[arg(long, requires = "encrypt_key", conflicts_with_all = ["key", "secret_env", "secret_file"])]
    pub allow_unsigned_public_key_jwt: bool,
}

/// `jose jwt verify`.
#[derive(Debug, Args)]
pub struct JwtVerifyArgs {
    /// The public key, shared secret or JWK Set (JWK, JWK Set or PEM file, `-` for standard
    /// input); without it (and with --decrypt-key) the JWT must be encrypted only, not signed
    #[arg(long, value_name = "FILE", required_unless_present_any = ["secret_env", "secret_file", "decrypt_key", "jwks_uri", "issuer"])]
    pub key: Option<String>,
    /// An HMAC secret given as text
    #[command(flatten)]
    pub secret: values::SecretArgs,
    /// Fetch the keys from this JWK Set URL (https) instead of --key
    #[arg(long, value_name = "URL", conflicts_with_all = ["key", "issuer", "decrypt_key", "secret_env", "secret_file"])]
    pub jwks_uri: Option<String>,
    /// Discover the keys of this issuer (OpenID Connect Discovery, RFC 8414) instead of
    /// --key; "iss" must then equal it unless --iss says otherwise
    #[arg(long, value_name = "URL", conflicts_with_all = ["key", "decrypt_key", "secret_env", "secret_file"])]
    pub issuer: Option<String>,
    /// Accept plain http for --jwks-uri and --issuer (tests and localhost only)
    #[arg(long)]
    pub allow_http: bool,
    /// The accepted signature algorithms (repeat, or separate with commas)
    #[arg(long, value_name = "ALG", value_delimiter = ',', value_parser = values::jws_alg, required_unless_present = "decrypt_key")]
    pub alg: Vec<JwsAlgorithm>,
    /// The accepted issuers: "iss" must be one of them (repeatable)
    #[arg(long, value_name = "ISS")]
    pub iss: Vec<String>,
    /// The accepted audiences: "aud" must hold one of them (repeatable)
    #[arg(long, value_name = "AUD")]
    pub aud: Vec<String>,
    /// Accept the token whatever its "aud" says (by default a token with "aud" needs --aud)
    #[arg(long, conflicts_with = "aud")]
    pub allow_any_audience: bool,
    /// The expected subject: "sub" must be exactly this
    #[arg(long, value_name = "SUB")]
    pub sub: Option<String>,
    /// The expected header "typ" (at+jwt, …); without it only JWT or no "typ" is accepted
    #[arg(long, value_name = "TYP")]
    pub typ: Option<String>,
    /// The clock skew allowed for exp, nbf and iat (30s, 2m; at most 10m)
    #[arg(long, value_name = "DURATION", default_value = "0s", value_parser = values::duration)]
    pub leeway: u64,
    /// Claims that must be present (repeat, or separate with commas)
    #[arg(long, value_name = "CLAIM", value_delimiter = ',')]
    pub require: Vec<String>,
    /// Accept a token without "exp" (one that has "exp" is still checked)
    #[arg(long)]
    pub allow_no_exp: bool,
    /// Nested JWT: the key to decrypt the outer JWE with (JWK, JWK Set or PEM file)
    #[arg(long, value_name = "FILE", requires = "decrypt_alg")]
    pub decrypt_key: Option<String>,
    /// Nested JWT: the accepted key management algorithms (repeat, or separate with commas)
    #[arg(long, value_name = "ALG", value_delimiter = ',', value_parser = values::jwe_alg, requires = "decrypt_key")]
    pub decrypt_alg: Vec<JweAlgorithm>,
    /// Nested JWT: the accepted content encryption algorithms (default: all)
    #[arg(long, value_name = "ENC", value_delimiter = ',', value_parser = values::jwe_enc, requires = "decrypt_key")]
    pub enc: Vec<JweEncryption>,
    /// Encrypted JWT (no --key): accept public-key key management (ECDH-ES*, RSA-OAEP*), with
    /// which anyone who has the public key can make a token these options accept; the claims
    /// then say nothing about who issued them. Prefer nested JWTs (--key as well)
    #[arg(long, requires = "decrypt_key", conflicts_with_all = ["key", "secret_env", "secret_file"])]
    pub allow_unsigned_public_key_jwt: bool,
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
    /// The largest token accepted, in bytes (K, M, G units)
    #[arg(long, value_name = "SIZE", default_value = values::DEFAULT_MAX_SIZE, value_parser = values::size)]
    pub max_size: usize,
    /// Print nothing: the exit status alone tells whether the token is valid
    #[arg(long, short)]
    pub quiet: bool,
    /// The token (standard input when absent or `-`)
    #[arg(value_name = "TOKEN")]
    pub token: Option<std::ffi::OsString>,
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
    pub token: Option<std::ffi::OsString>,
}
