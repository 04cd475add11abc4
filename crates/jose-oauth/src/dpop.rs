//! DPoP, Demonstrating Proof of Possession (RFC 9449): proofs made by the client
//! ([`DpopKey`]), checked by the server ([`DpopVerifier`]), and the error responses
//! ([`DpopChallenge`]).

mod challenge;
mod htu;
mod nonce;
mod proof;
mod verifier;

pub use challenge::DpopChallenge;
pub use nonce::{DEFAULT_DPOP_NONCE_LIFETIME, DpopNonces};
pub use proof::{DPOP_TYP, DpopKey, DpopProofBuilder, access_token_hash};
pub use verifier::{
    DEFAULT_DPOP_LEEWAY, DEFAULT_DPOP_MAX_AGE, DpopProof, DpopRequest, DpopVerifier,
};

#[cfg(test)]
mod tests;
