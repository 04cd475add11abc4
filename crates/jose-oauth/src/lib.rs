//! # jose-oauth
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod access_token;
mod claims;
mod cnf;
mod error;
mod random;
mod scope;

#[cfg(test)]
mod test_util;

pub use access_token::{
    ACCESS_TOKEN_TYP, AccessToken, AccessTokenBuilder, AccessTokenVerifier,
    DEFAULT_ACCESS_TOKEN_LIFETIME,
};
pub use cnf::Confirmation;
pub use error::Error;
pub use scope::Scope;
