//! # jose-oauth
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod access_token;
mod claims;
mod cnf;
mod dpop;
mod error;
mod id_token;
mod logout_token;
mod random;
mod replay;
mod scope;
mod time;
mod token_hash;

#[cfg(test)]
mod test_util;

pub use access_token::{
    ACCESS_TOKEN_TYP, AccessToken, AccessTokenBuilder, AccessTokenVerifier,
    DEFAULT_ACCESS_TOKEN_LIFETIME,
};
pub use cnf::Confirmation;
pub use dpop::{
    DEFAULT_DPOP_LEEWAY, DEFAULT_DPOP_MAX_AGE, DPOP_TYP, DpopChallenge, DpopKey, DpopProof,
    DpopProofBuilder, DpopRequest, DpopVerifier, access_token_hash,
};
pub use error::Error;
pub use id_token::{DEFAULT_ID_TOKEN_MAX_AGE, IdToken, IdTokenContext, IdTokenVerifier};
pub use logout_token::{
    BACKCHANNEL_LOGOUT_EVENT, LOGOUT_TOKEN_TYP, LogoutToken, LogoutTokenVerifier,
};
pub use replay::{DEFAULT_MEMORY_STORE_CAPACITY, MemoryReplayStore, ReplayStore};
#[cfg(feature = "redis")]
pub use replay::{REDIS_CONNECT_TIMEOUT, REDIS_RESPONSE_TIMEOUT, RedisReplayStore};
pub use scope::Scope;
pub use token_hash::token_hash;
