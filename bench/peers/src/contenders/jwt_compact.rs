//! jwt-compact (RustCrypto of the previous generation: rsa 0.9, p256 0.13, ed25519-dalek 2).
//! JWS/JWT only; no ES384 (its P-384 support is absent), no JWE.
//!
//! Used as its documentation shows: `alg.token(&header, &claims, &key)`, and
//! `alg.validator::<T>(&key).validate(&UntrustedToken::new(token)?)` followed by
//! `validate_expiration`; `iss` and `aud` are application claims it leaves to the caller,
//! who compares them.

use chrono::{DateTime, Utc};
use jwt_compact::alg::{
    Ed25519, Es256, Hs256, Hs256Key, Rsa, RsaPrivateKey, RsaPublicKey, SigningKey as _,
    VerifyingKey as _,
};
use jwt_compact::jwk::JsonWebKey;
use jwt_compact::{Algorithm, AlgorithmExt, Claims, Header, TimeOptions, Token, UntrustedToken};
use serde::{Deserialize, Serialize};

use crate::claims::{self, AUD, EXP, IAT, ISS, JTI, SCOPE, SUB};
use crate::keys::{self, Keys};
use crate::model::{Alg, Built, Contender, Producer, Reader};

/// The claims jwt-compact leaves to the application (it handles `exp`, `nbf`, `iat`).
#[derive(Serialize, Deserialize)]
struct Custom {
    iss: String,
    sub: String,
    aud: String,
    jti: String,
    scope: String,
}

fn time(secs: u64) -> Result<DateTime<Utc>, String> {
    DateTime::from_timestamp(i64::try_from(secs).map_err(|e| e.to_string())?, 0)
        .ok_or_else(|| "timestamp out of range".into())
}

fn fixed_claims() -> Result<Claims<Custom>, String> {
    let mut claims = Claims::new(Custom {
        iss: ISS.into(),
        sub: SUB.into(),
        aud: AUD.into(),
        jti: JTI.into(),
        scope: SCOPE.into(),
    });
    claims.expiration = Some(time(EXP)?);
    claims.not_before = Some(time(IAT)?);
    claims.issued_at = Some(time(IAT)?);
    Ok(claims)
}

fn signer<A>(alg: A, key: A::SigningKey) -> Built<Producer>
where
    A: Algorithm + Send + Sync + 'static,
    A::SigningKey: Send + Sync,
{
    let header = Header::empty().with_token_type("JWT");
    let claims = fixed_claims()?;
    Ok(Some(Box::new(move || {
        alg.token(&header, &claims, &key).map_err(|e| e.to_string())
    })))
}

fn verifier<A>(alg: A, key: A::VerifyingKey) -> Built<Reader>
where
    A: Algorithm + Send + Sync + 'static,
    A::VerifyingKey: Send + Sync,
{
    let time_options = TimeOptions::default();
    Ok(Some(Reader::claims(move |token| {
        let untrusted = UntrustedToken::new(token).map_err(|e| e.to_string())?;
        let token: Token<Custom> = alg
            .validator::<Custom>(&key)
            .validate(&untrusted)
            .map_err(|e| e.to_string())?;
        let claims = token.claims();
        claims
            .validate_expiration(&time_options)
            .map_err(|e| e.to_string())?;
        if claims.custom.iss != ISS || claims.custom.aud != AUD {
            return Err("wrong issuer or audience".into());
        }
        Ok(claims::witness(&claims.custom.sub))
    })))
}

fn jwk(jwk: &jose_jwk::Jwk) -> Result<JsonWebKey<'static>, String> {
    serde_json::from_str(&jwk.to_json()).map_err(|e| format!("jwt-compact JWK: {e}"))
}

fn failed(e: impl std::fmt::Display) -> String {
    format!("jwt-compact key: {e}")
}

pub struct JwtCompact;

impl Contender for JwtCompact {
    fn name(&self) -> &'static str {
        "jwt-compact"
    }

    fn jwt_signer(&self, alg: Alg, keys: &Keys) -> Built<Producer> {
        match (alg, keys.jwk(alg)?) {
            (Alg::HS256, _) => signer(Hs256, Hs256Key::new(&keys.hmac)),
            (Alg::RS256 | Alg::PS256, Some(key)) => {
                let key = RsaPrivateKey::try_from(&jwk(key)?).map_err(failed)?;
                let rsa = if alg == Alg::RS256 {
                    Rsa::rs256()
                } else {
                    Rsa::ps256()
                };
                signer(rsa, key)
            }
            (Alg::ES256, Some(key)) => {
                let d = key_d(key)?;
                signer(
                    Es256,
                    <Es256 as Algorithm>::SigningKey::from_slice(&d).map_err(failed)?,
                )
            }
            (Alg::EdDSA, Some(key)) => {
                let (d, _) = keys::ed25519_parts(key)?;
                signer(
                    Ed25519,
                    <Ed25519 as Algorithm>::SigningKey::from_slice(&d).map_err(failed)?,
                )
            }
            _ => Ok(None),
        }
    }

    fn jwt_verifier(&self, alg: Alg, keys: &Keys) -> Built<Reader> {
        match (alg, keys.jwk(alg)?) {
            (Alg::HS256, _) => verifier(Hs256, Hs256Key::new(&keys.hmac)),
            (Alg::RS256 | Alg::PS256, Some(key)) => {
                let key = RsaPublicKey::try_from(&jwk(&keys::public(key)?)?).map_err(failed)?;
                let rsa = if alg == Alg::RS256 {
                    Rsa::rs256()
                } else {
                    Rsa::ps256()
                };
                verifier(rsa, key)
            }
            (Alg::ES256, Some(key)) => {
                let (x, y) = keys::ec_coordinates(key)?;
                let sec1 = [&[4u8][..], &x, &y].concat();
                verifier(
                    Es256,
                    <Es256 as Algorithm>::VerifyingKey::from_slice(&sec1).map_err(failed)?,
                )
            }
            (Alg::EdDSA, Some(key)) => {
                let (_, x) = keys::ed25519_parts(key)?;
                verifier(
                    Ed25519,
                    <Ed25519 as Algorithm>::VerifyingKey::from_slice(&x).map_err(failed)?,
                )
            }
            _ => Ok(None),
        }
    }
}

fn key_d(jwk: &jose_jwk::Jwk) -> Result<Vec<u8>, String> {
    match jwk.key() {
        jose_jwk::Key::Ec(ec) => Ok(ec.d().ok_or("no d")?.expose_secret().to_vec()),
        _ => Err("not an EC key".into()),
    }
}
