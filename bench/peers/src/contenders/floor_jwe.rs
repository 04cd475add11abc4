//! The JWE floors: the bare RustCrypto primitives on the same bytes, written out by hand —
//! a fresh CEK and IV, the key management primitive (nothing, RSA-OAEP-256, ECDH-ES with the
//! one-round Concat KDF and AES Key Wrap, AES Key Wrap), the content encryption (AES-GCM, or
//! AES-CBC with HMAC-SHA-256) and base64url of the five segments into one buffer of the exact
//! length. Decryption decodes the ciphertext into one buffer and decrypts it in place (the
//! IV, tag and encrypted key onto the stack), with every key schedule that does not depend on
//! the token made once, and reads the header only for the `epk` coordinates of ECDH-ES. The
//! base64url is `base64-simd`, the fastest public codec (see `floor`).
//!
//! Also the raw `aes-gcm` of the 1 MiB throughput workload (no JOSE at all), and the nested
//! JWT floors (RS256 inside RSA-OAEP-256 + A256GCM).

use aes::Aes128;
use aes_gcm::aead::{AeadInOut, KeyInit, Nonce, Tag};
use aes_gcm::{Aes128Gcm, Aes256Gcm};
use aes_kw::AesKw;
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyIvInit};
use hmac::{Hmac, Mac};
use p256::elliptic_curve::Generate;
use p256::elliptic_curve::sec1::ToSec1Point;
use rsa::Oaep;
use rsa::traits::PaddingScheme;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::claims::{self, Claims};
use crate::contenders::floor::{self, Primitive, b64, b64_append, b64_len, unb64, unb64_into};
use crate::keys::Keys;
use crate::model::{Alg, Built, Jwe, Plaintext, Producer, Reader};

fn random<const N: usize>() -> Result<[u8; N], String> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| format!("random: {e}"))?;
    Ok(bytes)
}

const FAILED: &str = "decryption failed";

/// AES-GCM with a detached tag: `(ciphertext, tag)`.
fn gcm_seal<C: AeadInOut + KeyInit>(
    key: &[u8],
    iv: &[u8; 12],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<(Vec<u8>, Vec<u8>), String> {
    let cipher = C::new_from_slice(key).map_err(|_| "AES-GCM key length")?;
    gcm_seal_with(&cipher, iv, aad, plaintext)
}

/// As [`gcm_seal`], with a key schedule made before.
fn gcm_seal_with<C: AeadInOut>(
    cipher: &C,
    iv: &[u8; 12],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<(Vec<u8>, Vec<u8>), String> {
    let nonce = Nonce::<C>::try_from(&iv[..]).map_err(|_| "AES-GCM IV length")?;
    let mut buffer = plaintext.to_vec();
    let tag = cipher
        .encrypt_inout_detached(&nonce, aad, buffer.as_mut_slice().into())
        .map_err(|_| "AES-GCM encryption")?;
    Ok((buffer, tag.to_vec()))
}

/// AES-GCM decryption in place: `buffer` holds the ciphertext and becomes the plaintext.
fn gcm_open_with<C: AeadInOut>(
    cipher: &C,
    iv: &[u8],
    aad: &[u8],
    mut buffer: Vec<u8>,
    tag: &[u8],
) -> Result<Vec<u8>, String> {
    let nonce = Nonce::<C>::try_from(iv).map_err(|_| FAILED)?;
    let tag = Tag::<C>::try_from(tag).map_err(|_| FAILED)?;
    cipher
        .decrypt_inout_detached(&nonce, aad, buffer.as_mut_slice().into(), &tag)
        .map_err(|_| FAILED)?;
    Ok(buffer)
}

/// As [`gcm_open_with`], the key schedule made from `key`.
fn gcm_open<C: AeadInOut + KeyInit>(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    buffer: Vec<u8>,
    tag: &[u8],
) -> Result<Vec<u8>, String> {
    let cipher = C::new_from_slice(key).map_err(|_| FAILED)?;
    gcm_open_with(&cipher, iv, aad, buffer, tag)
}

/// A128CBC-HS256 (RFC 7518 §5.2.3): `(ciphertext, tag)`.
fn cbc_hs256_seal(
    cek: &[u8; 32],
    iv: &[u8; 16],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<(Vec<u8>, Vec<u8>), String> {
    let (mac_key, enc_key) = cek.split_at(16);
    let ciphertext = cbc::Encryptor::<Aes128>::new_from_slices(enc_key, iv)
        .map_err(|_| "AES-CBC key")?
        .encrypt_padded_vec::<Pkcs7>(plaintext);
    let tag = cbc_hs256_mac(mac_key, aad, iv, &ciphertext)?
        .finalize()
        .into_bytes();
    Ok((ciphertext, tag.get(..16).ok_or("tag")?.to_vec()))
}

fn cbc_hs256_mac(
    mac_key: &[u8],
    aad: &[u8],
    iv: &[u8],
    ciphertext: &[u8],
) -> Result<Hmac<Sha256>, String> {
    let al = (aad.len() as u64 * 8).to_be_bytes();
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(mac_key).map_err(|_| "HMAC key")?;
    mac.update(aad);
    mac.update(iv);
    mac.update(ciphertext);
    mac.update(&al);
    Ok(mac)
}

/// A128CBC-HS256 decryption in place: `buffer` holds the ciphertext and becomes the
/// plaintext.
fn cbc_hs256_open(
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    mut buffer: Vec<u8>,
    tag: &[u8],
) -> Result<Vec<u8>, String> {
    if cek.len() != 32 || tag.len() != 16 {
        return Err(FAILED.into());
    }
    let (mac_key, enc_key) = cek.split_at(16);
    cbc_hs256_mac(mac_key, aad, iv, &buffer)?
        .verify_truncated_left(tag)
        .map_err(|_| FAILED)?;
    let len = cbc::Decryptor::<Aes128>::new_from_slices(enc_key, iv)
        .map_err(|_| FAILED)?
        .decrypt_padded::<Pkcs7>(&mut buffer)
        .map_err(|_| FAILED)?
        .len();
    buffer.truncate(len);
    Ok(buffer)
}

/// The Concat KDF of RFC 7518 §4.6.2 for a 128-bit key: one SHA-256 round.
fn concat_kdf_128(z: &[u8], alg: &str) -> [u8; 16] {
    let mut hash = Sha256::new();
    hash.update(1u32.to_be_bytes());
    hash.update(z);
    hash.update((alg.len() as u32).to_be_bytes());
    hash.update(alg.as_bytes());
    hash.update(0u32.to_be_bytes()); // PartyUInfo: empty
    hash.update(0u32.to_be_bytes()); // PartyVInfo: empty
    hash.update(128u32.to_be_bytes()); // SuppPubInfo: keydatalen in bits
    let digest = hash.finalize();
    let mut key = [0u8; 16];
    key.copy_from_slice(digest.get(..16).unwrap_or(&[0; 16]));
    key
}

/// The key material of one JWE workload.
enum Material {
    /// The AES-GCM key schedule of the key, made once.
    Dir(Box<Aes256Gcm>),
    Rsa(Box<rsa::PublicKey>, Box<rsa::PrivateKey>),
    Ecdh(p256::PublicKey, p256::SecretKey),
    Kw(Box<AesKw<Aes128>>),
}

/// The `epk` member of an ECDH-ES header, as the floor reads it.
#[derive(Deserialize)]
struct EpkHeader<'a> {
    #[serde(borrow)]
    epk: Epk<'a>,
}

#[derive(Deserialize)]
struct Epk<'a> {
    x: &'a str,
    y: &'a str,
}

/// The JWE floor of one workload.
pub struct JweFloor {
    jwe: Jwe,
    /// BASE64URL(`{"alg":…,"enc":…}`), or with `"cty":"JWT"` for a nested JWT.
    header: String,
    material: Material,
}

impl JweFloor {
    pub fn new(jwe: Jwe, keys: &Keys, cty: Option<&str>) -> Result<Self, String> {
        let cty = cty.map_or(String::new(), |c| format!(r#","cty":"{c}""#));
        let header =
            b64(format!(r#"{{"alg":"{}","enc":"{}"{cty}}}"#, jwe.alg(), jwe.enc()).as_bytes());
        let jwk_err = |e: jose_jwk::Error| format!("{}: {e}", jwe.label());
        let material = match jwe {
            Jwe::Dir => {
                let key: [u8; 32] = keys.dir.as_slice().try_into().map_err(|_| "dir key")?;
                let cipher = Aes256Gcm::new_from_slice(&key).map_err(|_| "dir key")?;
                Material::Dir(Box::new(cipher))
            }
            Jwe::RSA_OAEP_256 => {
                let private = rsa::PrivateKey::try_from(keys.rsa_enc()?).map_err(jwk_err)?;
                Material::Rsa(Box::new(private.to_public_key()), Box::new(private))
            }
            Jwe::ECDH_ES_A128KW => {
                let secret = p256::SecretKey::try_from(keys.p256_enc()?).map_err(jwk_err)?;
                Material::Ecdh(secret.public_key(), secret)
            }
            Jwe::A128KW => Material::Kw(Box::new(
                AesKw::<Aes128>::new_from_slice(&keys.kw).map_err(|_| "A128KW key")?,
            )),
        };
        Ok(Self {
            jwe,
            header,
            material,
        })
    }

    /// The compact JWE of `plaintext`.
    pub fn encrypt(&self, plaintext: &[u8]) -> Result<String, String> {
        let (header, encrypted_key, iv, (ciphertext, tag)) = match &self.material {
            Material::Dir(cipher) => {
                let iv = random::<12>()?;
                let sealed = gcm_seal_with(&**cipher, &iv, self.header.as_bytes(), plaintext)?;
                (None, Vec::new(), iv.to_vec(), sealed)
            }
            Material::Rsa(public, _) => {
                let cek = random::<32>()?;
                let encrypted_key = Oaep::<Sha256>::new()
                    .encrypt(&mut getrandom::SysRng, public, &cek)
                    .map_err(|e| format!("RSA-OAEP: {e}"))?;
                let iv = random::<12>()?;
                let sealed = gcm_seal::<Aes256Gcm>(&cek, &iv, self.header.as_bytes(), plaintext)?;
                (None, encrypted_key, iv.to_vec(), sealed)
            }
            Material::Ecdh(recipient, _) => {
                let ephemeral = p256::SecretKey::try_generate_from_rng(&mut getrandom::SysRng)
                    .map_err(|e| format!("ephemeral key: {e}"))?;
                let shared = p256::ecdh::diffie_hellman(
                    ephemeral.to_nonzero_scalar(),
                    recipient.as_affine(),
                );
                let kek = concat_kdf_128(shared.raw_secret_bytes(), self.jwe.alg());
                let cek = random::<16>()?;
                let mut wrapped = [0u8; 24];
                AesKw::<Aes128>::new_from_slice(&kek)
                    .map_err(|_| "KEK")?
                    .wrap_key(&cek, &mut wrapped)
                    .map_err(|e| format!("A128KW: {e}"))?;
                let point = ephemeral.public_key().to_sec1_point(false);
                let (x, y) = (point.x().ok_or("epk x")?, point.y().ok_or("epk y")?);
                let header = b64(format!(
                    r#"{{"alg":"{}","enc":"{}","epk":{{"kty":"EC","crv":"P-256","x":"{}","y":"{}"}}}}"#,
                    self.jwe.alg(),
                    self.jwe.enc(),
                    b64(x),
                    b64(y)
                )
                .as_bytes());
                let iv = random::<12>()?;
                let sealed = gcm_seal::<Aes128Gcm>(&cek, &iv, header.as_bytes(), plaintext)?;
                (Some(header), wrapped.to_vec(), iv.to_vec(), sealed)
            }
            Material::Kw(kek) => {
                let cek = random::<32>()?;
                let mut wrapped = [0u8; 40];
                kek.wrap_key(&cek, &mut wrapped)
                    .map_err(|e| format!("A128KW: {e}"))?;
                let iv = random::<16>()?;
                let sealed = cbc_hs256_seal(&cek, &iv, self.header.as_bytes(), plaintext)?;
                (None, wrapped.to_vec(), iv.to_vec(), sealed)
            }
        };
        let header = header.as_deref().unwrap_or(&self.header);
        let segments = [&encrypted_key[..], &iv, &ciphertext, &tag];
        let len = header.len() + segments.iter().map(|s| 1 + b64_len(s.len())).sum::<usize>();
        let mut token = String::with_capacity(len);
        token.push_str(header);
        for segment in segments {
            token.push('.');
            b64_append(segment, &mut token);
        }
        Ok(token)
    }

    /// The plaintext of a compact JWE.
    pub fn decrypt(&self, token: &str) -> Result<Vec<u8>, String> {
        let mut parts = token.split('.');
        let mut next = || parts.next().ok_or("not five segments");
        let (header, encrypted_key, iv, ciphertext, tag) =
            (next()?, next()?, next()?, next()?, next()?);
        let (mut ek_buf, mut iv_buf, mut tag_buf) = ([0u8; 512], [0u8; 16], [0u8; 16]);
        let encrypted_key = &*unb64_into(encrypted_key, &mut ek_buf)?;
        let iv = &*unb64_into(iv, &mut iv_buf)?;
        let tag = &*unb64_into(tag, &mut tag_buf)?;
        let buffer = unb64(ciphertext)?;
        let aad = header.as_bytes();
        match &self.material {
            Material::Dir(cipher) => gcm_open_with(&**cipher, iv, aad, buffer, tag),
            Material::Rsa(_, private) => {
                let cek = private
                    .decrypt(Oaep::<Sha256>::new(), encrypted_key)
                    .map_err(|_| FAILED)?;
                gcm_open::<Aes256Gcm>(&cek, iv, aad, buffer, tag)
            }
            Material::Ecdh(_, secret) => {
                let json = unb64(header)?;
                let params: EpkHeader<'_> =
                    serde_json::from_slice(&json).map_err(|e| format!("header: {e}"))?;
                let mut sec1 = [4u8; 65];
                let (x, y) = sec1.get_mut(1..).ok_or("epk")?.split_at_mut(32);
                unb64_into(params.epk.x, x)?;
                unb64_into(params.epk.y, y)?;
                let epk = p256::PublicKey::from_sec1_bytes(&sec1).map_err(|_| "epk")?;
                let shared =
                    p256::ecdh::diffie_hellman(secret.to_nonzero_scalar(), epk.as_affine());
                let kek = concat_kdf_128(shared.raw_secret_bytes(), self.jwe.alg());
                let mut cek = [0u8; 16];
                AesKw::<Aes128>::new_from_slice(&kek)
                    .map_err(|_| FAILED)?
                    .unwrap_key(encrypted_key, &mut cek)
                    .map_err(|_| FAILED)?;
                gcm_open::<Aes128Gcm>(&cek, iv, aad, buffer, tag)
            }
            Material::Kw(kek) => {
                let mut cek = [0u8; 32];
                kek.unwrap_key(encrypted_key, &mut cek)
                    .map_err(|_| FAILED)?;
                cbc_hs256_open(&cek, iv, aad, buffer, tag)
            }
        }
    }
}

fn plaintext_bytes(plaintext: &Plaintext) -> Vec<u8> {
    match plaintext {
        Plaintext::Claims => claims::payload(),
        Plaintext::Bulk(bytes) => bytes.to_vec(),
    }
}

/// The JWE side of the bare floor (the JWS side is in `floor`).
pub fn encrypter(jwe: Jwe, keys: &Keys, plaintext: &Plaintext) -> Built<Producer> {
    let floor = JweFloor::new(jwe, keys, None)?;
    let plaintext = plaintext_bytes(plaintext);
    Ok(Some(Box::new(move || floor.encrypt(&plaintext))))
}

pub fn decrypter(jwe: Jwe, keys: &Keys) -> Built<Reader> {
    let floor = JweFloor::new(jwe, keys, None)?;
    Ok(Some(Reader::bytes(move |token| {
        floor.decrypt(token).map(|p| p.len())
    })))
}

/// Raw `aes-gcm` (A256GCM) on the 1 MiB plaintext: no header, no base64url, no JOSE; each
/// call encrypts into (or decrypts into) a new buffer, as the libraries do.
pub struct RawAesGcm {
    key: [u8; 32],
    iv: [u8; 12],
    ciphertext: Vec<u8>,
    tag: Vec<u8>,
}

impl RawAesGcm {
    pub const NAME: &'static str = "raw aes-gcm";

    /// Seals `plaintext` once, for [`RawAesGcm::open`].
    pub fn new(keys: &Keys, plaintext: &[u8]) -> Result<Self, String> {
        let key: [u8; 32] = keys.dir.as_slice().try_into().map_err(|_| "dir key")?;
        let iv = random::<12>()?;
        let (ciphertext, tag) = gcm_seal::<Aes256Gcm>(&key, &iv, b"", plaintext)?;
        Ok(Self {
            key,
            iv,
            ciphertext,
            tag,
        })
    }

    /// Encrypts `plaintext` with a fresh IV; returns the ciphertext length.
    pub fn seal(&self, plaintext: &[u8]) -> Result<usize, String> {
        let iv = random::<12>()?;
        gcm_seal::<Aes256Gcm>(&self.key, &iv, b"", plaintext).map(|(c, t)| c.len() + t.len())
    }

    /// Decrypts a copy of the sealed buffer in place; returns the plaintext length.
    pub fn open(&self) -> Result<usize, String> {
        let buffer = self.ciphertext.clone();
        gcm_open::<Aes256Gcm>(&self.key, &self.iv, b"", buffer, &self.tag).map(|p| p.len())
    }
}

/// The nested JWT floor: the RS256 JWS of the claims (re-serialized each time with `serde`),
/// encrypted with RSA-OAEP-256 + A256GCM and `"cty":"JWT"`.
pub fn nested_signer(keys: &Keys, claims: Claims) -> Built<Producer> {
    let primitive = Primitive::new(Alg::RS256, keys)?;
    let outer = JweFloor::new(Jwe::RSA_OAEP_256, keys, Some("JWT"))?;
    let header = floor::header(Alg::RS256.name());
    Ok(Some(Box::new(move || {
        let inner = floor::sign_claims(&primitive, &header, &claims)?;
        outer.encrypt(inner.as_bytes())
    })))
}

/// The bare nested floor: the RS256 JWS of the precomputed signing input, then encrypted.
pub fn nested_signer_bare(keys: &Keys) -> Built<Producer> {
    let primitive = Primitive::new(Alg::RS256, keys)?;
    let outer = JweFloor::new(Jwe::RSA_OAEP_256, keys, Some("JWT"))?;
    let input = format!(
        "{}.{}",
        floor::header(Alg::RS256.name()),
        b64(&claims::payload())
    );
    Ok(Some(Box::new(move || {
        let inner = primitive.sign_compact(&input)?;
        outer.encrypt(inner.as_bytes())
    })))
}

/// Decrypts, verifies the inner RS256 signature, and with `read_claims` reads and checks the
/// claims.
pub fn nested_verifier(keys: &Keys, read_claims: bool) -> Built<Reader> {
    let primitive = Primitive::new(Alg::RS256, keys)?;
    let outer = JweFloor::new(Jwe::RSA_OAEP_256, keys, Some("JWT"))?;
    let read = move |token: &str| -> Result<usize, String> {
        let inner = outer.decrypt(token)?;
        let inner = std::str::from_utf8(&inner).map_err(|_| "inner JWS is not UTF-8")?;
        let input = primitive.verify_compact(inner)?;
        if read_claims {
            floor::read_claims(input).map(|c| claims::witness(&c.sub))
        } else {
            Ok(input.len())
        }
    };
    Ok(Some(if read_claims {
        Reader::claims(read)
    } else {
        Reader::bytes(read)
    }))
}
