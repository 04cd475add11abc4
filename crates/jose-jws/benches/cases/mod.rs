//! The cases of the jose-jws benches: every algorithm with its keys for the library and the
//! bare RustCrypto primitive on the same key (see `sign_verify.rs` for what the floor does).
//! The floor's base64url is `base64-simd` (`tests/bench/floor_b64.rs`); it decodes a signature
//! into a buffer on the stack.

use hmac::{Hmac, KeyInit, Mac};
use jose_jwk::{EcCurve, Jwk, KeySpec, OkpCurve};
use jose_jws::{JwsAlgorithm, SigningKey, VerifyingKey};
use rsa::signature::{SignatureEncoding, Signer, Verifier as _};
use sha2::{Sha256, Sha384, Sha512};

/// A JWT claims set of about 200 bytes.
pub const PAYLOAD: &[u8] = br#"{"iss":"https://issuer.example.com","sub":"user-1234567890","aud":"https://api.example.com","exp":1767225600,"iat":1767222000,"nbf":1767222000,"jti":"a1b2c3d4-e5f6-7890-abcd-ef1234567890","scope":"read write"}"#;

use crate::floor_b64::{decode_into, encode as b64};

/// The longest signature: RSA 4096.
const MAX_SIGNATURE: usize = 512;

/// Signs a signing input and returns the base64url signature.
pub type SignFn = Box<dyn Fn(&[u8]) -> String>;
/// Decodes a base64url signature and verifies it over a signing input.
pub type VerifyFn = Box<dyn Fn(&[u8], &str) -> bool>;

/// The bare primitive: sign the signing input and encode; decode and verify.
pub struct Floor {
    pub sign: SignFn,
    pub verify: VerifyFn,
}

fn hmac_floor<M>(secret: &[u8]) -> Floor
where
    M: Mac + KeyInit + Clone + 'static,
{
    let key = <M as KeyInit>::new_from_slice(secret).unwrap();
    let signer = key.clone();
    Floor {
        sign: Box::new(move |input| {
            b64(&signer.clone().chain_update(input).finalize().into_bytes())
        }),
        verify: Box::new(move |input, signature| {
            let mut tag = [0u8; MAX_SIGNATURE];
            decode_into(signature, &mut tag)
                .is_some_and(|tag| key.clone().chain_update(input).verify_slice(tag).is_ok())
        }),
    }
}

macro_rules! rsa_floor {
    ($scheme:ident, $hash:ty, $jwk:expr) => {{
        let private = rsa::PrivateKey::try_from($jwk).unwrap();
        let public = private.to_public_key();
        let signer = rsa::$scheme::SigningKey::<$hash>::new(private);
        let verifier = rsa::$scheme::VerifyingKey::<$hash>::new(public);
        Floor {
            sign: Box::new(move |input| b64(&signer.try_sign(input).unwrap().to_vec())),
            verify: Box::new(move |input, signature| {
                let mut bytes = [0u8; MAX_SIGNATURE];
                decode_into(signature, &mut bytes).is_some_and(|bytes| {
                    rsa::$scheme::Signature::try_from(&*bytes)
                        .is_ok_and(|s| verifier.verify(input, &s).is_ok())
                })
            }),
        }
    }};
}

macro_rules! ecdsa_floor {
    ($krate:ident, $jwk:expr) => {{
        let signer = $krate::ecdsa::SigningKey::try_from($jwk).unwrap();
        let verifier = *signer.verifying_key();
        Floor {
            sign: Box::new(move |input| {
                let signature: $krate::ecdsa::Signature = signer.sign(input);
                b64(&signature.to_bytes())
            }),
            verify: Box::new(move |input, signature| {
                let mut bytes = [0u8; MAX_SIGNATURE];
                decode_into(signature, &mut bytes).is_some_and(|bytes| {
                    $krate::ecdsa::Signature::from_slice(bytes)
                        .is_ok_and(|s| verifier.verify(input, &s).is_ok())
                })
            }),
        }
    }};
}

fn eddsa_floor(jwk: &Jwk) -> Floor {
    let signer = ed25519_dalek::SigningKey::try_from(jwk).unwrap();
    let verifier = signer.verifying_key();
    Floor {
        sign: Box::new(move |input| b64(&signer.sign(input).to_bytes())),
        verify: Box::new(move |input, signature| {
            let mut bytes = [0u8; MAX_SIGNATURE];
            decode_into(signature, &mut bytes).is_some_and(|bytes| {
                ed25519_dalek::Signature::from_slice(bytes)
                    .is_ok_and(|s| verifier.verify_strict(input, &s).is_ok())
            })
        }),
    }
}

/// One algorithm: the library's keys and the primitive's, from the same JWK.
pub struct Case {
    pub alg: JwsAlgorithm,
    pub signing: SigningKey,
    pub verifying: VerifyingKey,
    pub floor: Floor,
}

/// Every algorithm, with keys made once (one 2048-bit RSA key for RS* and PS*).
pub fn cases() -> Vec<Case> {
    use JwsAlgorithm as A;
    let rsa = Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap();
    let p256 = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
    let p384 = Jwk::generate(KeySpec::Ec(EcCurve::P384)).unwrap();
    let p521 = Jwk::generate(KeySpec::Ec(EcCurve::P521)).unwrap();
    let k256 = Jwk::generate(KeySpec::Ec(EcCurve::Secp256k1)).unwrap();
    let ed = Jwk::generate(KeySpec::Okp(OkpCurve::Ed25519)).unwrap();
    let hs256 = Jwk::generate(KeySpec::Oct { bytes: 32 }).unwrap();
    let hs384 = Jwk::generate(KeySpec::Oct { bytes: 48 }).unwrap();
    let hs512 = Jwk::generate(KeySpec::Oct { bytes: 64 }).unwrap();
    let secret = |jwk: &Jwk| match jwk.key() {
        jose_jwk::Key::Oct(oct) => oct.k().expose_secret().to_vec(),
        _ => unreachable!(),
    };

    let table: Vec<(JwsAlgorithm, &Jwk, Floor)> = vec![
        (
            A::HS256,
            &hs256,
            hmac_floor::<Hmac<Sha256>>(&secret(&hs256)),
        ),
        (
            A::HS384,
            &hs384,
            hmac_floor::<Hmac<Sha384>>(&secret(&hs384)),
        ),
        (
            A::HS512,
            &hs512,
            hmac_floor::<Hmac<Sha512>>(&secret(&hs512)),
        ),
        (A::RS256, &rsa, rsa_floor!(pkcs1v15, Sha256, &rsa)),
        (A::RS384, &rsa, rsa_floor!(pkcs1v15, Sha384, &rsa)),
        (A::RS512, &rsa, rsa_floor!(pkcs1v15, Sha512, &rsa)),
        (A::PS256, &rsa, rsa_floor!(pss, Sha256, &rsa)),
        (A::PS384, &rsa, rsa_floor!(pss, Sha384, &rsa)),
        (A::PS512, &rsa, rsa_floor!(pss, Sha512, &rsa)),
        (A::ES256, &p256, ecdsa_floor!(p256, &p256)),
        (A::ES384, &p384, ecdsa_floor!(p384, &p384)),
        (A::ES512, &p521, ecdsa_floor!(p521, &p521)),
        (A::ES256K, &k256, ecdsa_floor!(k256, &k256)),
        (A::EdDSA, &ed, eddsa_floor(&ed)),
    ];
    table
        .into_iter()
        .map(|(alg, jwk, floor)| {
            let public = jwk.to_public().unwrap_or_else(|_| jwk.clone());
            Case {
                alg,
                signing: SigningKey::from_jwk(jwk, alg).unwrap(),
                verifying: VerifyingKey::from_jwk(&public, alg).unwrap(),
                floor,
            }
        })
        .collect()
}
