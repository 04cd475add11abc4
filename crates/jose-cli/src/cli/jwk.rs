//! `jose jwk …`: keys.

use clap::{Args, Subcommand, ValueEnum};
use jose_jwk::alg::Algorithm;

use super::values;

const JWK_EXAMPLES: &str = "\
Examples:
  jose jwk gen --kty EC --crv P-256 --kid k1 > private.jwk
  jose jwk pub private.jwk > public.jwk
  jose jwk thumbprint public.jwk
  jose jwk import key.pem --private > private.jwk
  jose jwk export public.jwk --format pem
  jose jwk set a.jwk b.pem > jwks.json";

const GEN_EXAMPLES: &str = "\
Examples:
  jose jwk gen --kty EC --crv P-256 --alg ES256 --kid 2026-05
  jose jwk gen --alg ES384                  # the key type follows from the algorithm
  jose jwk gen --kty RSA --size 3072 --alg PS256 --out private.jwk
  jose jwk gen --kty OKP --crv Ed25519 --kid-thumbprint
  jose jwk gen --kty oct --size 256 --alg HS256
  jose jwk gen --alg A256GCMKW --use enc

Key types: EC (P-256, P-384, P-521, secp256k1), OKP (Ed25519, X25519), RSA (--size bits,
2048 by default), oct (--size bits, 256 by default or what --alg needs).
The private JWK is printed (or written with --out, owner-only); share `jose jwk pub` of it.";

const PUB_EXAMPLES: &str = "\
Examples:
  jose jwk pub private.jwk > public.jwk
  jose jwk pub key.pem
  jose jwk pub jwks-private.json > jwks.json     # a JWK Set: its public keys (oct keys dropped)
  jose jwk gen --alg EdDSA | jose jwk pub -

Only the public members are ever printed; an oct key has no public part (exit status 1).";

const THUMBPRINT_EXAMPLES: &str = "\
Examples:
  jose jwk thumbprint public.jwk
  jose jwk thumbprint key.pem --hash sha512
  jose jwk thumbprint public.jwk --uri      # urn:ietf:params:oauth:jwk-thumbprint:sha-256:…
  jose jwk thumbprint jwks.json --kid k1

Prints the RFC 7638 thumbprint (base64url), or with --uri the RFC 9278 thumbprint URI.";

const IMPORT_EXAMPLES: &str = "\
Examples:
  jose jwk import public.pem > public.jwk
  jose jwk import private.pem --private --alg ES256 --kid k1 > private.jwk
  jose jwk import key.der --public                # DER: SPKI, PKCS#8, PKCS#1 or SEC1
  openssl genpkey -algorithm ed25519 | jose jwk import - --private

PEM labels read: PUBLIC KEY, PRIVATE KEY, RSA PUBLIC KEY, RSA PRIVATE KEY, EC PRIVATE KEY.
A private key is only written as a private JWK with --private (or as its public part with
--public).";

const EXPORT_EXAMPLES: &str = "\
Examples:
  jose jwk export public.jwk                       # PEM, SPKI (PUBLIC KEY)
  jose jwk export private.jwk --private            # PEM, PKCS#8 (PRIVATE KEY)
  jose jwk export private.jwk --format der --out public.der
  jose jwk export jwks.json --kid k1

Without --private only the public key is exported, even from a private JWK.";

const SET_EXAMPLES: &str = "\
Examples:
  jose jwk set a.jwk b.jwk c.pem > jwks.json       # public keys only
  jose jwk set old-jwks.json new.jwk > jwks.json
  jose jwk set k1.jwk k2.jwk --private > private-jwks.json

Inputs may be JWKs, JWK Sets and PEM keys; kids must be distinct.";

/// `jose jwk` commands.
#[derive(Debug, Subcommand)]
#[command(after_help = JWK_EXAMPLES)]
pub enum JwkCommand {
    /// Generate a key and print it as a private JWK
    #[command(after_help = GEN_EXAMPLES)]
    Gen(GenArgs),
    /// Print the public part of a key or of a JWK Set (never private members)
    #[command(after_help = PUB_EXAMPLES)]
    Pub(PubArgs),
    /// Print the thumbprint of a key (RFC 7638) or its thumbprint URI (RFC 9278)
    #[command(after_help = THUMBPRINT_EXAMPLES)]
    Thumbprint(ThumbprintArgs),
    /// Convert a PEM or DER key to a JWK
    #[command(after_help = IMPORT_EXAMPLES)]
    Import(ImportArgs),
    /// Convert a JWK to PEM or DER (SPKI for public keys, PKCS#8 with --private)
    #[command(after_help = EXPORT_EXAMPLES)]
    Export(ExportArgs),
    /// Combine keys (JWKs, JWK Sets, PEM) into one JWK Set
    #[command(after_help = SET_EXAMPLES)]
    Set(SetArgs),
}

/// JWK parameters set on a key that is generated or imported.
#[derive(Debug, Args)]
pub struct KeyParams {
    /// The algorithm the key is for, written as "alg" (checked against the key)
    #[arg(long, value_name = "ALG", value_parser = values::any_alg)]
    pub alg: Option<Algorithm>,
    /// The key id, written as "kid"
    #[arg(long, value_name = "KID", conflicts_with = "kid_thumbprint")]
    pub kid: Option<String>,
    /// Use the RFC 7638 SHA-256 thumbprint of the key as its "kid"
    #[arg(long)]
    pub kid_thumbprint: bool,
    /// The intended use, written as "use": sig or enc
    #[arg(long = "use", value_name = "USE", value_parser = ["sig", "enc"])]
    pub key_use: Option<String>,
}

/// The key types of `--kty`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KeyTypeName {
    /// Elliptic curve: P-256, P-384, P-521, secp256k1
    #[value(name = "EC")]
    Ec,
    /// RSA, 2048 bits or more
    #[value(name = "RSA")]
    Rsa,
    /// Octet key pair: Ed25519, X25519
    #[value(name = "OKP")]
    Okp,
    /// Symmetric key
    #[value(name = "oct")]
    Oct,
}

/// `jose jwk gen`.
#[derive(Debug, Args)]
pub struct GenArgs {
    /// The key type (optional with --alg, which implies it)
    #[arg(
        long,
        value_name = "KTY",
        ignore_case = true,
        required_unless_present = "alg"
    )]
    pub kty: Option<KeyTypeName>,
    /// The curve of an EC or OKP key: P-256, P-384, P-521, secp256k1, Ed25519, X25519
    #[arg(long, value_name = "CRV")]
    pub crv: Option<String>,
    /// The size in bits of an RSA (2048 by default) or oct key (256, or what --alg needs)
    #[arg(long, value_name = "BITS")]
    pub size: Option<usize>,
    /// JWK parameters.
    #[command(flatten)]
    pub params: KeyParams,
    /// Write the private JWK to this file (created owner-only) instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<String>,
}

/// `jose jwk pub`.
#[derive(Debug, Args)]
pub struct PubArgs {
    /// The key: JWK, JWK Set or PEM file, `-` for standard input
    #[arg(value_name = "KEY", default_value = "-")]
    pub key: String,
}

/// The hashes of `--hash`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ThumbprintHashName {
    /// SHA-256
    Sha256,
    /// SHA-384
    Sha384,
    /// SHA-512
    Sha512,
}

/// `jose jwk thumbprint`.
#[derive(Debug, Args)]
pub struct ThumbprintArgs {
    /// The key: JWK, JWK Set or PEM file, `-` for standard input
    #[arg(value_name = "KEY", default_value = "-")]
    pub key: String,
    /// The hash function
    #[arg(long, value_name = "HASH", default_value = "sha256")]
    pub hash: ThumbprintHashName,
    /// Print the RFC 9278 thumbprint URI instead of the bare thumbprint
    #[arg(long)]
    pub uri: bool,
    /// The key of a JWK Set to use
    #[arg(long, value_name = "KID")]
    pub kid: Option<String>,
}

/// `jose jwk import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The PEM or DER key file, `-` for standard input
    #[arg(value_name = "FILE", default_value = "-")]
    pub input: String,
    /// Write a private key as a private JWK (required for private keys, or --public)
    #[arg(long, conflicts_with = "public")]
    pub private: bool,
    /// Write only the public part
    #[arg(long)]
    pub public: bool,
    /// JWK parameters.
    #[command(flatten)]
    pub params: KeyParams,
}

/// The encodings of `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// PEM text (RFC 7468)
    Pem,
    /// DER bytes
    Der,
}

/// `jose jwk export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The key: JWK, JWK Set or PEM file, `-` for standard input
    #[arg(value_name = "KEY", default_value = "-")]
    pub key: String,
    /// The encoding
    #[arg(long, value_name = "FORMAT", default_value = "pem")]
    pub format: ExportFormat,
    /// Export the private key (PKCS#8) instead of the public key (SPKI)
    #[arg(long)]
    pub private: bool,
    /// The key of a JWK Set to export
    #[arg(long, value_name = "KID")]
    pub kid: Option<String>,
    /// Write to this file instead of standard output (owner-only for a private key)
    #[arg(long, value_name = "FILE")]
    pub out: Option<String>,
}

/// `jose jwk set`.
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The keys: JWK, JWK Set or PEM files (`-` for standard input, once)
    #[arg(value_name = "KEY", required = true)]
    pub keys: Vec<String>,
    /// Keep the private members (otherwise the set holds the public keys only)
    #[arg(long)]
    pub private: bool,
}
