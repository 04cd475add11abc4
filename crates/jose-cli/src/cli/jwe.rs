//! `jose jwe …`: JSON Web Encryption.

use clap::{Args, Subcommand};
use jose_jwk::alg::{JweAlgorithm, JweEncryption};

use super::values;

const JWE_EXAMPLES: &str = "\
Examples:
  jose jwk gen --alg RSA-OAEP-256 --out private.jwk && jose jwk pub private.jwk > public.jwk
  jose jwe encrypt --key public.jwk --alg RSA-OAEP-256 --enc A256GCM secret.txt > token
  jose jwe decrypt --key private.jwk --alg RSA-OAEP-256 < token";

const ENCRYPT_EXAMPLES: &str = "\
Examples:
  jose jwe encrypt --key public.jwk --alg RSA-OAEP-256 --enc A256GCM secret.txt
  echo -n 'hello' | jose jwe encrypt --key kek.jwk --alg A256KW
  jose jwe encrypt --password-file pass.txt --alg PBES2-HS256+A128KW notes.txt
  jose jwe encrypt --key cek.jwk --alg dir --enc A128CBC-HS256 --typ JWT claims.json
  jose jwe encrypt --key public.jwk --alg ECDH-ES+A256KW --zip big.json
  jose jwe encrypt --key kek.jwk --alg A256KW --json secret.txt > secret.json

--alg may be left out when the JWK names its \"alg\"; --enc is A256GCM unless given. The
plaintext comes from a file or standard input; the compact JWE (or with --json the flattened
JSON serialization) is printed on one line.";

const DECRYPT_EXAMPLES: &str = "\
Examples:
  jose jwe decrypt --key private.jwk --alg RSA-OAEP-256 < token > secret.txt
  jose jwe decrypt --key jwks.json --alg A256KW,A256GCMKW --enc A256GCM eyJhbGciOi...
  jose jwe decrypt --password-file pass.txt --alg PBES2-HS256+A128KW < token
  jose jwe decrypt --key private.jwk --alg RSA-OAEP-256 --json < token | jq .protected
  jose jwe decrypt --key legacy.jwk --alg RSA1_5 --allow-rsa1-5 < token

The JWE may be compact or a JSON serialization (general or flattened; the recipient that
decrypts is chosen by --key). --enc defaults to every content encryption algorithm. A
compressed (\"zip\":\"DEF\") plaintext is inflated to at most --max-size bytes. The plaintext
is printed as it is (exit status 0); a JWE that does not decrypt prints nothing and exits
with 1.";

/// `jose jwe` commands.
#[derive(Debug, Subcommand)]
#[command(after_help = JWE_EXAMPLES)]
pub enum JweCommand {
    /// Encrypt a plaintext (compact serialization)
    #[command(after_help = ENCRYPT_EXAMPLES)]
    Encrypt(EncryptArgs),
    /// Decrypt a compact JWE and print its plaintext
    #[command(after_help = DECRYPT_EXAMPLES)]
    Decrypt(DecryptArgs),
}

/// `jose jwe encrypt`.
#[derive(Debug, Args)]
pub struct EncryptArgs {
    /// The recipient's key (JWK, JWK Set or PEM file, `-` for standard input)
    #[arg(
        long,
        value_name = "FILE",
        required_unless_present = "password_file",
        conflicts_with = "password_file"
    )]
    pub key: Option<String>,
    /// A file holding the password for PBES2-* (its final line break is ignored)
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<String>,
    /// The key management algorithm (default: the JWK's "alg")
    #[arg(long, value_name = "ALG", value_parser = values::jwe_alg)]
    pub alg: Option<JweAlgorithm>,
    /// The content encryption algorithm
    #[arg(long, value_name = "ENC", default_value = "A256GCM", value_parser = values::jwe_enc)]
    pub enc: JweEncryption,
    /// The key of a JWK Set to encrypt to; also written as the header's "kid"
    #[arg(long, value_name = "KID")]
    pub kid: Option<String>,
    /// The header's "typ"
    #[arg(long, value_name = "TYP")]
    pub typ: Option<String>,
    /// The header's "cty" (JWT for a nested JWT)
    #[arg(long, value_name = "CTY")]
    pub cty: Option<String>,
    /// More protected header parameters, as a JSON object
    #[arg(long, value_name = "JSON")]
    pub header: Option<String>,
    /// Compress the plaintext with DEFLATE first ("zip":"DEF"); never for plaintext that mixes
    /// secrets with text an attacker chooses (RFC 8725 §3.6)
    #[arg(long)]
    pub zip: bool,
    /// Print the flattened JWE JSON Serialization (RFC 7516 §7.2.2) instead of the compact one
    #[arg(long)]
    pub json: bool,
    /// The plaintext file (standard input when absent or `-`)
    #[arg(value_name = "PLAINTEXT")]
    pub plaintext: Option<String>,
}

/// `jose jwe decrypt`.
#[derive(Debug, Args)]
pub struct DecryptArgs {
    /// The private key, shared key or JWK Set (JWK, JWK Set or PEM file, `-` for standard input)
    #[arg(
        long,
        value_name = "FILE",
        required_unless_present = "password_file",
        conflicts_with = "password_file"
    )]
    pub key: Option<String>,
    /// A file holding the password for PBES2-* (its final line break is ignored)
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<String>,
    /// The accepted key management algorithms (repeat, or separate with commas)
    #[arg(long, value_name = "ALG", required = true, value_delimiter = ',', value_parser = values::jwe_alg)]
    pub alg: Vec<JweAlgorithm>,
    /// The accepted content encryption algorithms (default: all)
    #[arg(long, value_name = "ENC", value_delimiter = ',', value_parser = values::jwe_enc)]
    pub enc: Vec<JweEncryption>,
    /// Accept the legacy RSA1_5 key management (it must also be in --alg): RFC 8725 §3.2 says
    /// to avoid it (Bleichenbacher's attack)
    #[arg(long = "allow-rsa1-5")]
    pub allow_rsa1_5: bool,
    /// Print {"alg","enc","kid","protected","plaintext"} as JSON instead of the plaintext
    #[arg(long)]
    pub json: bool,
    /// The largest JWE accepted, and the largest plaintext a "zip":"DEF" JWE inflates to, in
    /// bytes (K, M, G units)
    #[arg(long, value_name = "SIZE", default_value = values::DEFAULT_MAX_SIZE, value_parser = values::size)]
    pub max_size: usize,
    /// Print nothing: the exit status alone tells whether the JWE decrypts
    #[arg(long, short, conflicts_with = "json")]
    pub quiet: bool,
    /// The JWE (standard input when absent or `-`)
    #[arg(value_name = "TOKEN")]
    pub token: Option<std::ffi::OsString>,
}
