//! `jose jwt verify --jwks-uri URL` and `--issuer URL`: the keys from a remote JWK Set.

use jose_b64::serde_json::{Map, Value};
use jose_jwks::{JwtVerifierExt, RemoteJwkSet};
use jose_jwt::{Jwt, JwtVerifier};

use crate::cli::JwtVerifyArgs;
use crate::error::CliError;

/// Verifies `token` with the keys at `--jwks-uri`, or those that `--issuer`'s discovery
/// document names.
pub fn verify(
    args: &JwtVerifyArgs,
    verifier: &JwtVerifier,
    token: &str,
) -> Result<Jwt<Map<String, Value>>, CliError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(CliError::io("starting the HTTP client"))?;
    runtime.block_on(async {
        let mut builder = RemoteJwkSet::builder().algorithms(args.alg.iter().copied());
        if args.allow_http {
            builder = builder.allow_http();
        }
        let jwks = match (&args.jwks_uri, &args.issuer) {
            (Some(uri), _) => builder.build(uri.as_str())?,
            (None, Some(issuer)) => builder.discover(issuer).await?,
            (None, None) => return Err(CliError::usage("give --jwks-uri or --issuer")),
        };
        Ok(verifier.verify_async(token, &jwks).await?)
    })
}

impl From<jose_jwks::Error> for CliError {
    fn from(error: jose_jwks::Error) -> Self {
        match error {
            jose_jwks::Error::Configuration { .. } | jose_jwks::Error::InsecureUrl { .. } => {
                Self::Usage(error.to_string())
            }
            error => Self::Rejected {
                code: error.code(),
                message: error.to_string(),
            },
        }
    }
}
