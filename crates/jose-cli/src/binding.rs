//! The library calls whose contracts are changing, gathered in one place: turning JWKs and
//! JWK Sets into the keys of jose-jws and jose-jwe, and decrypting encrypted-only JWTs.
//!
//! The CLI already checks what those calls will check: a private asymmetric key where a
//! public one is expected is refused by [`crate::keys::require_public`] before any of these
//! runs, and an encrypted-only JWT with public-key key management needs its explicit flag.

use jose_b64::serde_json::{Map, Value};
use jose_jwe::{Decrypter, DecryptingKeySet, EncryptingKey, JweAlgorithm};
use jose_jwk::{Jwk, JwkSet, KeyPolicy};
use jose_jws::{JwsAlgorithm, VerifyingKey, VerifyingKeySet};
use jose_jwt::{Jwt, JwtDecrypter, Validation};

use crate::error::CliError;
use crate::keys::Source;

/// A JWK Set from its JSON members; each key the library skipped is reported on standard
/// error as a warning naming its index and the reason.
pub fn jwk_set(map: Map<String, Value>, source: &Source<'_>) -> Result<JwkSet, CliError> {
    let set = JwkSet::from_map(map, &KeyPolicy::DEFAULT)?;
    for skipped in set.skipped() {
        eprintln!("warning: {}: JWK Set {skipped}", source.label());
    }
    Ok(set)
}

/// The verifying key of a public JWK (or a shared secret) for `alg`.
pub fn verifying_key(jwk: &Jwk, alg: JwsAlgorithm) -> Result<VerifyingKey, jose_jws::Error> {
    VerifyingKey::from_jwk(jwk, alg)
}

/// **For migrating only** (`--allow-short-hmac-secret`): the verifying key of an `oct` JWK
/// whose secret is shorter than the hash output, which [`verifying_key`] refuses.
pub fn verifying_key_allowing_short_secret(
    jwk: &Jwk,
    alg: JwsAlgorithm,
) -> Result<VerifyingKey, jose_jws::Error> {
    VerifyingKey::from_jwk_allowing_short_secret(jwk, alg)
}

/// The verifying keys of a JWK Set, bound to the allowed algorithms.
/// Each key left out for a flaw of its own (an HMAC secret too short for its algorithm, …)
/// is reported on standard error as a warning; keys merely of another type than the allowed
/// algorithms need are left out quietly.
pub fn verifying_key_set(set: &JwkSet, algs: &[JwsAlgorithm]) -> Result<VerifyingKeySet, CliError> {
    let keys = VerifyingKeySet::from_jwks(set, algs)?;
    for skipped in keys.skipped() {
        let flawed = match skipped.reason() {
            jose_jws::Error::Key(e) => jose_jwk::selection::misfit_weight(e) > 1,
            _ => true,
        };
        if flawed {
            eprintln!("warning: JWK Set {skipped}");
        }
    }
    Ok(keys)
}

/// The decrypting keys of a JWK Set, bound to the allowed algorithms.
/// Each key left out for a flaw of its own is reported on standard error as a warning; keys
/// merely of another type than the allowed algorithms need are left out quietly.
pub fn decrypting_key_set(
    set: &JwkSet,
    algs: &[JweAlgorithm],
) -> Result<DecryptingKeySet, CliError> {
    let keys = DecryptingKeySet::from_jwks(set, algs)?;
    for skipped in keys.skipped() {
        let flawed = match skipped.reason() {
            jose_jwe::Error::Key(e) => jose_jwk::selection::misfit_weight(e) > 1,
            _ => true,
        };
        if flawed {
            eprintln!("warning: JWK Set {skipped}");
        }
    }
    Ok(keys)
}

/// The encrypting key of a public JWK (or a shared key) for `alg`.
pub fn encrypting_key(jwk: &Jwk, alg: JweAlgorithm) -> Result<EncryptingKey, CliError> {
    Ok(EncryptingKey::from_jwk(jwk, alg)?)
}

/// Decrypts an encrypted-only JWT and validates its claims. `allow_public_key` is the
/// user's explicit acceptance (`--allow-unsigned-public-key-jwt`) of public-key key
/// management (`ECDH-ES*`, `RSA-OAEP*`, `RSA1_5`), with which anyone holding the public key
/// can make such a token: it becomes `JwtDecrypter::allow_public_key_encryption`, without
/// which the library refuses those algorithms (the CLI also refuses them earlier, with a
/// message naming the flag).
pub fn decrypt_jwt(
    decrypter: Decrypter,
    validation: Validation,
    allow_public_key: bool,
    token: &str,
    keys: &(impl jose_jwe::DecryptingKeyResolver + ?Sized),
) -> Result<Jwt<Map<String, Value>>, jose_jwt::Error> {
    let decrypter = JwtDecrypter::new(decrypter, validation);
    let decrypter = if allow_public_key {
        decrypter.allow_public_key_encryption()
    } else {
        decrypter
    };
    decrypter.decrypt(token, keys)
}
