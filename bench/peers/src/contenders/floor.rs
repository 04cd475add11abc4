//! The two JWS floors, on the RustCrypto generation jose-rs uses:
//!
//! - `floor`: the primitive alone. Sign: sign the precomputed signing input, base64url the
//!   signature, append it. Verify: split off the signature, base64url-decode it, verify it
//!   over the signing input.
//! - `floor+claims`: the primitive plus the claims work of a JWT. Sign: `serde` the claims
//!   struct, base64url it behind the constant header, then as above. Verify: as above, then
//!   base64url-decode the payload, `serde` it into the claims struct, check `exp`, `iss`,
//!   `aud`.
//!
//! Neither reads the header: a floor is what no verifier can go below, not a safe verifier.
//!
//! A floor is the least work that produces the same result on the same bytes with the best
//! public tools, so its base64url is the fastest public codec, `base64-simd` (runtime-chosen
//! SIMD; as strict as the library's decoder: no padding, no non-zero unused bits), into
//! buffers of the exact length, a signature onto the stack. It decodes about twice as fast as
//! the library's own table decoder (`jose_b64::base64url`, public too) on 200 bytes and three
//! times as fast on 1 MiB; the constant-time `base64ct` the floors used before was an order of
//! magnitude slower than both and flattered every ratio.

use base64_simd::{Out, URL_SAFE_NO_PAD};
use hmac::{Hmac, KeyInit, Mac};
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use sha2::Sha256;

use crate::claims::{self, Claims};
use crate::contenders::floor_jwe;
use crate::keys::Keys;
use crate::model::{Alg, Built, Contender, Jwe, Plaintext, Producer, Reader};

/// The bare primitive of one algorithm, keys parsed once.
pub enum Primitive {
    Hs256(Hmac<Sha256>),
    Rs256(
        Box<rsa::pkcs1v15::SigningKey<Sha256>>,
        Box<rsa::pkcs1v15::VerifyingKey<Sha256>>,
    ),
    Ps256(
        Box<rsa::pss::SigningKey<Sha256>>,
        Box<rsa::pss::VerifyingKey<Sha256>>,
    ),
    Es256(p256::ecdsa::SigningKey, p256::ecdsa::VerifyingKey),
    Es384(p384::ecdsa::SigningKey, p384::ecdsa::VerifyingKey),
    EdDsa(ed25519_dalek::SigningKey, ed25519_dalek::VerifyingKey),
}

/// The base64url of `bytes`.
pub fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode_to_string(bytes)
}

/// Appends the base64url of `bytes` to `out`.
pub fn b64_append(bytes: &[u8], out: &mut String) {
    URL_SAFE_NO_PAD.encode_append(bytes, out);
}

/// The length of the base64url of `n` bytes.
pub fn b64_len(n: usize) -> usize {
    URL_SAFE_NO_PAD.encoded_length(n)
}

/// Decodes `text` into a new buffer of the exact length.
pub fn unb64(text: &str) -> Result<Vec<u8>, String> {
    URL_SAFE_NO_PAD
        .decode_to_vec(text.as_bytes())
        .map_err(|e| format!("base64url: {e}"))
}

/// Decodes `text` into the front of `out`; an error when it is not base64url or too long.
pub fn unb64_into<'o>(text: &str, out: &'o mut [u8]) -> Result<&'o mut [u8], String> {
    let len = URL_SAFE_NO_PAD
        .decoded_length(text.as_bytes())
        .map_err(|e| format!("base64url: {e}"))?;
    let out = out.get_mut(..len).ok_or("base64url: too long")?;
    URL_SAFE_NO_PAD
        .decode(text.as_bytes(), Out::from_slice(out))
        .map_err(|e| format!("base64url: {e}"))
}

/// The longest signature: RSA 4096.
const MAX_SIGNATURE: usize = 512;

fn failed(e: impl std::fmt::Display) -> String {
    format!("signature: {e}")
}

impl Primitive {
    pub fn new(alg: Alg, keys: &Keys) -> Result<Self, String> {
        let jwk = keys.jwk(alg)?;
        let jwk_err = |e: jose_jwk::Error| format!("{} key: {e}", alg.name());
        Ok(match (alg, jwk) {
            (Alg::HS256, _) => Primitive::Hs256(
                <Hmac<Sha256> as KeyInit>::new_from_slice(&keys.hmac).map_err(failed)?,
            ),
            (Alg::RS256, Some(jwk)) => {
                let private = rsa::PrivateKey::try_from(jwk).map_err(jwk_err)?;
                let public = private.to_public_key();
                Primitive::Rs256(
                    Box::new(rsa::pkcs1v15::SigningKey::new(private)),
                    Box::new(rsa::pkcs1v15::VerifyingKey::new(public)),
                )
            }
            (Alg::PS256, Some(jwk)) => {
                let private = rsa::PrivateKey::try_from(jwk).map_err(jwk_err)?;
                let public = private.to_public_key();
                Primitive::Ps256(
                    Box::new(rsa::pss::SigningKey::new(private)),
                    Box::new(rsa::pss::VerifyingKey::new(public)),
                )
            }
            (Alg::ES256, Some(jwk)) => {
                let signer = p256::ecdsa::SigningKey::try_from(jwk).map_err(jwk_err)?;
                let verifier = *signer.verifying_key();
                Primitive::Es256(signer, verifier)
            }
            (Alg::ES384, Some(jwk)) => {
                let signer = p384::ecdsa::SigningKey::try_from(jwk).map_err(jwk_err)?;
                let verifier = *signer.verifying_key();
                Primitive::Es384(signer, verifier)
            }
            (Alg::EdDSA, Some(jwk)) => {
                let signer = ed25519_dalek::SigningKey::try_from(jwk).map_err(jwk_err)?;
                let verifier = signer.verifying_key();
                Primitive::EdDsa(signer, verifier)
            }
            _ => return Err(format!("no key for {}", alg.name())),
        })
    }

    /// Signs `input` and returns the signature bytes.
    pub fn sign(&self, input: &[u8]) -> Result<Vec<u8>, String> {
        Ok(match self {
            Primitive::Hs256(key) => key
                .clone()
                .chain_update(input)
                .finalize()
                .into_bytes()
                .to_vec(),
            Primitive::Rs256(key, _) => key.try_sign(input).map_err(failed)?.to_vec(),
            Primitive::Ps256(key, _) => key.try_sign(input).map_err(failed)?.to_vec(),
            Primitive::Es256(key, _) => {
                let signature: p256::ecdsa::Signature = key.try_sign(input).map_err(failed)?;
                signature.to_bytes().to_vec()
            }
            Primitive::Es384(key, _) => {
                let signature: p384::ecdsa::Signature = key.try_sign(input).map_err(failed)?;
                signature.to_bytes().to_vec()
            }
            Primitive::EdDsa(key, _) => key.try_sign(input).map_err(failed)?.to_bytes().to_vec(),
        })
    }

    /// Verifies `signature` over `input`.
    pub fn verify(&self, input: &[u8], signature: &[u8]) -> Result<(), String> {
        match self {
            Primitive::Hs256(key) => key
                .clone()
                .chain_update(input)
                .verify_slice(signature)
                .map_err(failed),
            Primitive::Rs256(_, key) => {
                let signature = rsa::pkcs1v15::Signature::try_from(signature).map_err(failed)?;
                key.verify(input, &signature).map_err(failed)
            }
            Primitive::Ps256(_, key) => {
                let signature = rsa::pss::Signature::try_from(signature).map_err(failed)?;
                key.verify(input, &signature).map_err(failed)
            }
            Primitive::Es256(_, key) => {
                let signature = p256::ecdsa::Signature::from_slice(signature).map_err(failed)?;
                key.verify(input, &signature).map_err(failed)
            }
            Primitive::Es384(_, key) => {
                let signature = p384::ecdsa::Signature::from_slice(signature).map_err(failed)?;
                key.verify(input, &signature).map_err(failed)
            }
            Primitive::EdDsa(_, key) => {
                let signature = ed25519_dalek::Signature::from_slice(signature).map_err(failed)?;
                key.verify_strict(input, &signature).map_err(failed)
            }
        }
    }

    /// `input.SIG`: signs and appends the base64url signature.
    pub fn sign_compact(&self, input: &str) -> Result<String, String> {
        let signature = self.sign(input.as_bytes())?;
        let mut token = String::with_capacity(input.len() + 1 + b64_len(signature.len()));
        token.push_str(input);
        token.push('.');
        b64_append(&signature, &mut token);
        Ok(token)
    }

    /// Splits off the signature, decodes and verifies it; returns the signing input.
    pub fn verify_compact<'t>(&self, token: &'t str) -> Result<&'t str, String> {
        let (input, signature) = token.rsplit_once('.').ok_or("no signature")?;
        let mut buffer = [0u8; MAX_SIGNATURE];
        let signature =
            unb64_into(signature, &mut buffer).map_err(|e| format!("signature: {e}"))?;
        self.verify(input.as_bytes(), signature)?;
        Ok(input)
    }
}

/// BASE64URL of `{"alg":…,"typ":"JWT"}`.
pub fn header(alg: &str) -> String {
    b64(format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#).as_bytes())
}

/// A JWT of `claims` signed with the floor (for the checks' expired and wrong-`aud` tokens).
/// `header` is [`header`]'s output, made once.
pub fn sign_claims(primitive: &Primitive, header: &str, claims: &Claims) -> Result<String, String> {
    let payload = serde_json::to_vec(claims).map_err(|e| e.to_string())?;
    let mut input = String::with_capacity(header.len() + 1 + b64_len(payload.len()));
    input.push_str(header);
    input.push('.');
    b64_append(&payload, &mut input);
    primitive.sign_compact(&input)
}

/// Reads the claims of a verified signing input `header.payload`: base64url, `serde`, checks.
pub fn read_claims(input: &str) -> Result<Claims, String> {
    let (_, payload) = input.split_once('.').ok_or("no payload")?;
    let payload = unb64(payload).map_err(|e| format!("payload: {e}"))?;
    let claims: Claims = serde_json::from_slice(&payload).map_err(|e| format!("claims: {e}"))?;
    claims.check()?;
    Ok(claims)
}

/// The primitive alone.
pub struct Floor;

impl Contender for Floor {
    fn name(&self) -> &'static str {
        "floor"
    }

    fn jwt_signer(&self, alg: Alg, keys: &Keys) -> Built<Producer> {
        let primitive = Primitive::new(alg, keys)?;
        let input = format!("{}.{}", header(alg.name()), b64(&claims::payload()));
        Ok(Some(Box::new(move || primitive.sign_compact(&input))))
    }

    fn jwt_verifier(&self, alg: Alg, keys: &Keys) -> Built<Reader> {
        let primitive = Primitive::new(alg, keys)?;
        Ok(Some(Reader::bytes(move |token| {
            primitive.verify_compact(token).map(str::len)
        })))
    }

    fn jwe_encrypter(&self, jwe: Jwe, keys: &Keys, plaintext: &Plaintext) -> Built<Producer> {
        floor_jwe::encrypter(jwe, keys, plaintext)
    }

    fn jwe_decrypter(&self, jwe: Jwe, keys: &Keys, _bulk: bool) -> Built<Reader> {
        floor_jwe::decrypter(jwe, keys)
    }

    fn nested_signer(&self, keys: &Keys) -> Built<Producer> {
        floor_jwe::nested_signer_bare(keys)
    }

    fn nested_verifier(&self, keys: &Keys) -> Built<Reader> {
        floor_jwe::nested_verifier(keys, false)
    }
}

/// The primitive plus the claims work.
pub struct FloorClaims;

impl Contender for FloorClaims {
    fn name(&self) -> &'static str {
        "floor+claims"
    }

    fn jwt_signer(&self, alg: Alg, keys: &Keys) -> Built<Producer> {
        let primitive = Primitive::new(alg, keys)?;
        let (header, claims) = (header(alg.name()), Claims::fixed());
        Ok(Some(Box::new(move || {
            sign_claims(&primitive, &header, &claims)
        })))
    }

    fn jwt_verifier(&self, alg: Alg, keys: &Keys) -> Built<Reader> {
        let primitive = Primitive::new(alg, keys)?;
        Ok(Some(Reader::claims(move |token| {
            let input = primitive.verify_compact(token)?;
            read_claims(input).map(|c| claims::witness(&c.sub))
        })))
    }

    fn nested_signer(&self, keys: &Keys) -> Built<Producer> {
        floor_jwe::nested_signer(keys, Claims::fixed())
    }

    fn nested_verifier(&self, keys: &Keys) -> Built<Reader> {
        floor_jwe::nested_verifier(keys, true)
    }
}
