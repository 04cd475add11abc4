//! The key management of one recipient (RFC 7516 §5.1 steps 1–6, §5.2 steps 6–12), shared by
//! the compact and the JSON serializations.
//!
//! Producing: [`establish_cek`] for the first (or only) recipient — `dir` and `ECDH-ES`
//! determine the CEK, every other algorithm makes a random one and wraps it — and
//! [`wrap_cek`] for each further recipient, which only a key-wrapping, key-encryption or
//! key-agreement-with-wrapping algorithm can do. Both return the JWE Encrypted Key and the
//! header parameters the algorithm adds ([`Wrapped`]).
//!
//! Consuming: [`check_before_lookup`] reads and checks what the token alone decides (an empty
//! JWE Encrypted Key for `dir`/`ECDH-ES`, `iv`/`tag` for `A*GCMKW`, `p2s`/`p2c` for `PBES2-*`,
//! `epk`/`apu`/`apv` for `ECDH-ES*`) before any key is looked up; [`resolve`] finds the key,
//! which must be bound to the header's `alg`; and [`unwrap_cek`] gives the CEK, or a random one
//! when the key does not unwrap, so that the work done and the error are those of a wrong
//! authentication tag (RFC 7516 §11.5).

use std::borrow::Cow;

use jose_b64::SecretBytes;
use jose_b64::base64url;
use jose_b64::serde_json::Value;
use jose_jwk::alg::{JweAlgorithm, JweEncryption, KeyManagementMode};
use jose_jwk::header::HeaderView;

use crate::decrypter::CheckedHeader;
use crate::error::header_error;
use crate::key::Material;
use crate::keywrap::{aes_gcm_kw, aes_kw, ecdh_es, key_encryption, pbes2};
use crate::resolver::{DecryptingKeyRequest, DecryptingKeyResolver};
use crate::{DecryptingKey, EncryptingKey, Error, content};

/// What one recipient's key management puts into a JWE: the JWE Encrypted Key (empty for
/// `dir` and `ECDH-ES`) and the header parameters the algorithm adds (`iv` and `tag` for
/// `A*GCMKW`, `p2s` and `p2c` for `PBES2-*`, `epk` for `ECDH-ES*`), in that order.
pub(crate) struct Wrapped {
    pub(crate) encrypted_key: Vec<u8>,
    pub(crate) params: Vec<(&'static str, Value)>,
}

/// Whether `alg` determines the CEK itself (`dir`, `ECDH-ES`): such a recipient cannot share
/// a CEK with another one.
pub(crate) fn determines_cek(alg: JweAlgorithm) -> bool {
    matches!(
        alg.mode(),
        KeyManagementMode::DirectEncryption | KeyManagementMode::DirectKeyAgreement
    )
}

/// The CEK of a JWE for its first (or only) recipient, `key`, and what that recipient's key
/// management adds: with `dir` the key is the CEK, with `ECDH-ES` the agreed key is; with
/// every other algorithm the CEK is random and wrapped ([`wrap_cek`]). `apu`/`apv` are the
/// decoded `ECDH-ES*` party information (empty when absent).
///
/// # Errors
///
/// [`Error::InvalidKey`] for a `dir` key whose length is not `enc.key_len()` or a key of the
/// wrong type, [`Error::Rng`] if the random number generator fails.
pub(crate) fn establish_cek(
    key: &EncryptingKey,
    enc: JweEncryption,
    apu: &[u8],
    apv: &[u8],
) -> Result<(SecretBytes, Wrapped), Error> {
    key.check_enc(enc)?;
    let alg = key.alg();
    match alg {
        JweAlgorithm::Dir => Ok((
            key.secret().clone(),
            Wrapped {
                encrypted_key: Vec::new(),
                params: Vec::new(),
            },
        )),
        JweAlgorithm::ECDH_ES => {
            let public = agreement_public(key)?;
            let (derived, epk) = ecdh_es::agree_sender(public, alg, enc, apu, apv)?;
            Ok((
                derived,
                Wrapped {
                    encrypted_key: Vec::new(),
                    params: vec![ecdh_es::epk_member(&epk)],
                },
            ))
        }
        _ => {
            let cek = content::generate_cek(enc)?;
            let wrapped = wrap_cek(key, enc, &cek, apu, apv)?;
            Ok((cek, wrapped))
        }
    }
}

/// `cek` wrapped (or encrypted) for `key`, and the header parameters its algorithm adds: for
/// a further recipient of a JWE whose CEK is already made.
///
/// # Errors
///
/// [`Error::Invalid`] for `dir` and `ECDH-ES`, which determine the CEK themselves and cannot
/// share one with other recipients; [`Error::InvalidKey`] for a key of the wrong type;
/// [`Error::Rng`] if the random number generator fails.
pub(crate) fn wrap_cek(
    key: &EncryptingKey,
    enc: JweEncryption,
    cek: &SecretBytes,
    apu: &[u8],
    apv: &[u8],
) -> Result<Wrapped, Error> {
    let alg = key.alg();
    if determines_cek(alg) {
        return Err(Error::invalid(format!(
            "{alg} determines the CEK itself, so it cannot share one with other recipients; \
             use it only for a JWE with a single recipient"
        )));
    }
    key.check_enc(enc)?;
    let mut params: Vec<(&'static str, Value)> = Vec::new();
    let encrypted_key = if is_gcm_kw(alg) {
        let (encrypted_key, iv, tag) = aes_gcm_kw::wrap(key.secret(), cek)?;
        params.push(("iv", Value::String(base64url::encode(iv))));
        params.push(("tag", Value::String(base64url::encode(tag))));
        encrypted_key
    } else if alg.is_pbes2() {
        let pbes2_params = pbes2::Params::generate(key.pbes2_count())?;
        let kek = pbes2::derive_kek(alg, key.secret().expose_secret(), &pbes2_params)?;
        params.extend(pbes2_params.header_members());
        aes_kw::wrap(&kek, cek)?
    } else if key_encryption::is_rsa(alg) {
        let Material::Rsa { public, .. } = key.material() else {
            return Err(Error::invalid_key(format!("{alg} needs an RSA key")));
        };
        key_encryption::wrap(public, alg, cek)?
    } else if alg.is_ecdh_es() {
        let public = agreement_public(key)?;
        let (kek, epk) = ecdh_es::agree_sender(public, alg, enc, apu, apv)?;
        params.push(ecdh_es::epk_member(&epk));
        aes_kw::wrap(&kek, cek)?
    } else {
        aes_kw::wrap(key.secret(), cek)?
    };
    Ok(Wrapped {
        encrypted_key,
        params,
    })
}

/// The recipient's public key of an `ECDH-ES*` key.
fn agreement_public(key: &EncryptingKey) -> Result<&ecdh_es::EcdhPublicKey, Error> {
    match key.material() {
        Material::Agreement { public, .. } => Ok(public),
        _ => Err(Error::invalid_key(format!(
            "{} needs an EC or OKP key",
            key.alg()
        ))),
    }
}

/// Whether `alg` is one of `A128GCMKW`, `A192GCMKW`, `A256GCMKW`.
pub(crate) fn is_gcm_kw(alg: JweAlgorithm) -> bool {
    matches!(
        alg,
        JweAlgorithm::A128GCMKW | JweAlgorithm::A192GCMKW | JweAlgorithm::A256GCMKW
    )
}

/// The algorithm parameters of one recipient, read from its JOSE Header and checked before
/// the key lookup.
pub(crate) enum Params {
    /// `dir`, `A*KW`, `RSA-OAEP*`, `RSA1_5`: nothing beyond the encrypted key.
    None,
    /// `A*GCMKW`: `iv` and `tag`, decoded (`None` when a string is not strict base64url: that
    /// fails as a decryption, like any other wrong value).
    GcmKw {
        iv: Option<Vec<u8>>,
        tag: Option<Vec<u8>>,
    },
    /// `PBES2-*`: `p2s` and `p2c`.
    Pbes2(pbes2::Params),
    /// `ECDH-ES*`: `epk`, `apu`, `apv`.
    Ecdh(ecdh_es::Params),
}

/// The checks of one recipient that depend on the token alone, before any key is looked up:
/// an empty JWE Encrypted Key for `dir` and `ECDH-ES` (RFC 7516 §5.2 step 10); `iv` and `tag`
/// strings for `A*GCMKW`; `p2s` and `p2c` (at most `max_pbes2_count`) for `PBES2-*`, so that
/// an excessive `p2c` costs nothing (RFC 7518 §4.8.1.2); `epk`, `apu` and `apv` for `ECDH-ES*`
/// (whether the `epk` fits the key is checked by the agreement, whose every failure is the
/// one decryption error).
///
/// # Errors
///
/// [`Error::Malformed`] for a non-empty encrypted key with `dir`/`ECDH-ES`; [`Error::Header`]
/// for a missing or malformed algorithm parameter.
pub(crate) fn check_before_lookup(
    checked: &CheckedHeader<'_>,
    encrypted_key: &[u8],
    max_pbes2_count: u32,
) -> Result<Params, Error> {
    let alg = checked.alg;
    if determines_cek(alg) && !encrypted_key.is_empty() {
        return Err(Error::malformed(format!(
            "with {alg} the JWE Encrypted Key must be empty (RFC 7516 §5.2 step 10)"
        )));
    }
    if is_gcm_kw(alg) {
        Ok(Params::GcmKw {
            iv: gcm_kw_param(checked, "iv")?,
            tag: gcm_kw_param(checked, "tag")?,
        })
    } else if alg.is_pbes2() {
        Ok(Params::Pbes2(pbes2::Params::from_header(
            &checked.header,
            max_pbes2_count,
        )?))
    } else if alg.is_ecdh_es() {
        Ok(Params::Ecdh(ecdh_es::Params::from_header(&checked.header)?))
    } else {
        Ok(Params::None)
    }
}

/// A required `A*GCMKW` header parameter: a string (else a header error), decoded (`None`
/// when it is not strict base64url, which then fails as a decryption).
fn gcm_kw_param(checked: &CheckedHeader<'_>, name: &str) -> Result<Option<Vec<u8>>, Error> {
    match checked.header.get_str(name).map_err(Error::Header)? {
        Some((text, _)) => Ok(base64url::decode(text).ok()),
        None => Err(header_error(
            name,
            &format!("is required for {} (RFC 7518 §4.7.1)", checked.alg),
        )),
    }
}

/// The key for one recipient from `keys`, which must be bound to the header's `alg`.
///
/// # Errors
///
/// The resolver's error (usually [`Error::NoMatchingKey`]); [`Error::KeyAlgorithmMismatch`]
/// for a key bound to another algorithm.
pub(crate) fn resolve<'k>(
    keys: &'k (impl DecryptingKeyResolver + ?Sized),
    checked: &CheckedHeader<'_>,
) -> Result<Cow<'k, DecryptingKey>, Error> {
    resolve_request(
        keys,
        &DecryptingKeyRequest::with_header(
            checked.alg,
            checked.enc,
            checked.kid,
            HeaderView::Parts(checked.header),
        ),
    )
}

/// The key for `request` from `keys`, which must be bound to the request's `alg`; borrowed
/// where the resolver holds it ([`DecryptingKeyResolver::resolve_borrowed`]), so that
/// threads decrypting with one shared key write nothing shared.
///
/// # Errors
///
/// As [`resolve`].
pub(crate) fn resolve_request<'k>(
    keys: &'k (impl DecryptingKeyResolver + ?Sized),
    request: &DecryptingKeyRequest<'_>,
) -> Result<Cow<'k, DecryptingKey>, Error> {
    let key = keys.resolve_borrowed(request)?;
    if key.alg() != request.alg {
        return Err(Error::KeyAlgorithmMismatch {
            header: request.alg.as_str(),
            key: key.alg().as_str(),
        });
    }
    Ok(key)
}

/// The CEK of one recipient: unwrapped (or decrypted, or agreed) with `key`, or, when that
/// fails for any reason, a random CEK of the right length. The failure is not reported:
/// decryption goes on, so that the work done and the error are those of a wrong
/// authentication tag (RFC 7516 §11.5).
///
/// # Errors
///
/// [`Error::DecryptionFailed`] only if no random CEK can be made.
pub(crate) fn unwrap_cek(
    key: &DecryptingKey,
    alg: JweAlgorithm,
    enc: JweEncryption,
    params: &Params,
    encrypted_key: &[u8],
) -> Result<SecretBytes, Error> {
    let unwrapped = match params {
        Params::Pbes2(params) => pbes2::derive_kek(alg, key.secret().expose_secret(), params)
            .and_then(|kek| aes_kw::unwrap(&kek, encrypted_key, enc.key_len())),
        Params::Ecdh(params) => match key.material() {
            Material::Agreement {
                private: Some(private),
                ..
            } => {
                ecdh_es::agree_recipient(private, alg, enc, params).and_then(|derived| match alg {
                    JweAlgorithm::ECDH_ES => Ok(derived),
                    _ => aes_kw::unwrap(&derived, encrypted_key, enc.key_len()),
                })
            }
            _ => Err(Error::DecryptionFailed),
        },
        Params::GcmKw {
            iv: Some(iv),
            tag: Some(tag),
        } => aes_gcm_kw::unwrap(key.secret(), encrypted_key, iv, tag, enc.key_len()),
        Params::GcmKw { .. } => Err(Error::DecryptionFailed),
        Params::None if key_encryption::is_rsa(alg) => match key.material() {
            Material::Rsa {
                private: Some(private),
                ..
            } => key_encryption::unwrap(private, alg, encrypted_key, enc.key_len()),
            _ => Err(Error::DecryptionFailed),
        },
        Params::None if alg == JweAlgorithm::Dir => {
            if key.fits(enc) {
                Ok(key.secret().clone())
            } else {
                Err(Error::DecryptionFailed)
            }
        }
        Params::None => aes_kw::unwrap(key.secret(), encrypted_key, enc.key_len()),
    };
    match unwrapped {
        Ok(cek) => Ok(cek),
        Err(_) => content::generate_cek(enc).map_err(|_| Error::DecryptionFailed),
    }
}
