//! The cases of the jose-jwe benches and their floors: each key management algorithm with
//! `A128GCM` and `A128CBC-HS256`, its keys for the library, and the bare primitives on the
//! same bytes (see `encrypt_decrypt.rs` and [`Floor`] for what the floor does).

use jose_b64::SecretBytes;
use jose_b64::serde_json;
use jose_jwe::hazmat::content;
use jose_jwe::hazmat::keywrap::ecdh_es::{self, EcdhPublicKey, EcdhSecretKey};
use jose_jwe::hazmat::keywrap::{aes_gcm_kw, aes_kw, pbes2, rsa_oaep};
use jose_jwe::{DecryptingKey, EncryptingKey, JweAlgorithm, JweEncryption};
use jose_jwk::{EcCurve, Jwk, KeySpec, OkpCurve};
use p256::elliptic_curve::sec1::ToSec1Point;

/// A JWT claims set of about 200 bytes.
pub const PAYLOAD: &[u8] = br#"{"iss":"https://issuer.example.com","sub":"user-1234567890","aud":"https://api.example.com","exp":1767225600,"iat":1767222000,"nbf":1767222000,"jti":"a1b2c3d4-e5f6-7890-abcd-ef1234567890","scope":"read write"}"#;

const PASSWORD: &[u8] = b"correct horse battery staple";

use crate::floor_b64::{decode_into, decode_vec, encode_append, encoded_len};

fn b64(bytes: impl AsRef<[u8]>) -> String {
    crate::floor_b64::encode(bytes.as_ref())
}

/// The key material of one algorithm, for the library and for the floor.
pub enum Material {
    Secret(SecretBytes),
    Password,
    Rsa(rsa::PrivateKey),
    Agreement(EcdhSecretKey),
}

pub struct Case {
    pub alg: JweAlgorithm,
    pub enc: JweEncryption,
    pub encrypting: EncryptingKey,
    pub decrypting: DecryptingKey,
    pub material: Material,
}

/// Every case, with keys made once: RSA 2048, P-256 and X25519 for the asymmetric ones.
pub fn cases() -> Vec<Case> {
    let rsa = Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap();
    let p256 = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
    let x25519 = Jwk::generate(KeySpec::Okp(OkpCurve::X25519)).unwrap();
    let (rsa_jwk, p256_jwk, x25519_jwk) = (&rsa, &p256, &x25519);
    use JweAlgorithm as A;
    let mut out = Vec::new();
    for enc in [JweEncryption::A128GCM, JweEncryption::A128CBC_HS256] {
        let algs: Vec<(JweAlgorithm, Option<&Jwk>)> = vec![
            (A::Dir, None),
            (A::A128KW, None),
            (A::A256KW, None),
            (A::A128GCMKW, None),
            (A::RSA_OAEP, Some(rsa_jwk)),
            (A::RSA_OAEP_256, Some(rsa_jwk)),
            (A::PBES2_HS256_A128KW, None),
            (A::ECDH_ES, Some(p256_jwk)),
            (A::ECDH_ES_A128KW, Some(p256_jwk)),
            (A::ECDH_ES_A128KW, Some(x25519_jwk)),
        ];
        for (alg, jwk) in algs {
            let case = match (alg, jwk) {
                (A::PBES2_HS256_A128KW, _) => Case {
                    alg,
                    enc,
                    encrypting: EncryptingKey::password(PASSWORD, alg).unwrap(),
                    decrypting: DecryptingKey::password(PASSWORD, alg).unwrap(),
                    material: Material::Password,
                },
                (_, None) => {
                    let len = if alg == A::Dir {
                        enc.key_len()
                    } else {
                        alg.wrap_key_len().unwrap()
                    };
                    let secret: Vec<u8> = (0..len).map(|i| i as u8 ^ 0x5a).collect();
                    let encrypting = EncryptingKey::symmetric(&secret, alg).unwrap();
                    Case {
                        alg,
                        enc,
                        decrypting: encrypting.to_decrypting_key(),
                        encrypting,
                        material: Material::Secret(SecretBytes::from(&secret[..])),
                    }
                }
                (_, Some(jwk)) => {
                    let public = jwk.to_public().unwrap();
                    let material = if alg.is_ecdh_es() {
                        Material::Agreement(EcdhSecretKey::from_jwk(jwk).unwrap())
                    } else {
                        Material::Rsa(rsa::PrivateKey::try_from(jwk).unwrap())
                    };
                    Case {
                        alg,
                        enc,
                        encrypting: EncryptingKey::from_jwk(&public, alg).unwrap(),
                        decrypting: DecryptingKey::from_jwk(jwk, alg).unwrap(),
                        material,
                    }
                }
            };
            out.push(case);
        }
    }
    out
}

/// The bare primitives of one case: a compact JWE out, and the plaintext back.
///
/// A floor is the least work that produces the same result on the same bytes with the best
/// public tools: `base64-simd` for base64url (`tests/bench/floor_b64.rs`), the key schedule
/// and public key made once, the ciphertext decoded into one buffer and decrypted in place,
/// the IV, tag and encrypted key decoded onto the stack, and only the header members the
/// algorithm needs read, with a borrowing `serde` struct (the `epk` as its coordinates alone).
pub struct Floor<'c> {
    case: &'c Case,
    /// BASE64URL of `{"alg":…,"enc":…}`, for the algorithms without per-message parameters.
    constant_header: String,
    recipient: Option<EcdhPublicKey>,
    rsa_public: Option<rsa::PublicKey>,
}

/// The per-message header members a floor reads (`iv`/`tag` of AES-GCM key wrap, `epk` of
/// ECDH-ES); every other member is skipped unread.
#[derive(serde::Deserialize)]
struct FloorParams<'a> {
    #[serde(borrow)]
    iv: Option<&'a str>,
    #[serde(borrow)]
    tag: Option<&'a str>,
    #[serde(borrow)]
    epk: Option<FloorEpk<'a>>,
}

/// The coordinates of an `epk` (RFC 7518 §4.6.1.1), the curve from the recipient's key.
#[derive(serde::Deserialize)]
struct FloorEpk<'a> {
    #[serde(borrow)]
    x: &'a str,
    #[serde(borrow)]
    y: Option<&'a str>,
}

/// The largest encrypted key of the cases: RSA 2048.
const MAX_ENCRYPTED_KEY: usize = 256;

/// Content decryption in place (`A128GCM`, `A128CBC-HS256`): the ciphertext in `buffer`
/// becomes the plaintext.
fn open_in_place(
    enc: JweEncryption,
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    buffer: &mut Vec<u8>,
    tag: &[u8],
) {
    use aes_gcm::aead::{AeadInOut, KeyInit, Nonce, Tag};
    match enc {
        JweEncryption::A128GCM => {
            let cipher = aes_gcm::Aes128Gcm::new_from_slice(cek).unwrap();
            let nonce = Nonce::<aes_gcm::Aes128Gcm>::try_from(iv).unwrap();
            let tag = Tag::<aes_gcm::Aes128Gcm>::try_from(tag).unwrap();
            cipher
                .decrypt_inout_detached(&nonce, aad, buffer.as_mut_slice().into(), &tag)
                .unwrap();
        }
        JweEncryption::A128CBC_HS256 => {
            use cbc::cipher::block_padding::Pkcs7;
            use cbc::cipher::{BlockModeDecrypt, KeyIvInit};
            use hmac::Mac;
            let (mac_key, enc_key) = cek.split_at(16);
            let mut mac = <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(mac_key).unwrap();
            mac.update(aad);
            mac.update(iv);
            mac.update(buffer);
            mac.update(&(aad.len() as u64 * 8).to_be_bytes());
            mac.verify_truncated_left(tag).unwrap();
            let len = cbc::Decryptor::<aes::Aes128>::new_from_slices(enc_key, iv)
                .unwrap()
                .decrypt_padded::<Pkcs7>(buffer)
                .unwrap()
                .len();
            buffer.truncate(len);
        }
        other => unimplemented!("no floor for {other}"),
    }
}

impl<'c> Floor<'c> {
    pub fn new(case: &'c Case) -> Self {
        let constant_header = b64(format!(
            r#"{{"alg":"{}","enc":"{}"}}"#,
            case.alg.as_str(),
            case.enc.as_str()
        ));
        let recipient = match &case.material {
            Material::Agreement(secret) => Some(secret.public_key()),
            _ => None,
        };
        let rsa_public = match &case.material {
            Material::Rsa(private) => Some(private.to_public_key()),
            _ => None,
        };
        Self {
            case,
            constant_header,
            recipient,
            rsa_public,
        }
    }

    fn header_with(&self, members: &str) -> String {
        b64(format!(
            r#"{{"alg":"{}","enc":"{}",{members}}}"#,
            self.case.alg.as_str(),
            self.case.enc.as_str()
        ))
    }

    /// The compact JWE of `plaintext`.
    pub fn encrypt(&self, plaintext: &[u8]) -> String {
        let (alg, enc) = (self.case.alg, self.case.enc);
        let fresh_cek;
        let (cek, encrypted_key, header) = match &self.case.material {
            Material::Secret(key) if alg == JweAlgorithm::Dir => {
                (key, Vec::new(), self.constant_header.clone())
            }
            Material::Secret(key) if alg == JweAlgorithm::A128GCMKW => {
                fresh_cek = content::generate_cek(enc).unwrap();
                let (ek, iv, tag) = aes_gcm_kw::wrap(key, &fresh_cek).unwrap();
                let header =
                    self.header_with(&format!(r#""iv":"{}","tag":"{}""#, b64(iv), b64(tag)));
                (&fresh_cek, ek, header)
            }
            Material::Secret(key) => {
                fresh_cek = content::generate_cek(enc).unwrap();
                let ek = aes_kw::wrap(key, &fresh_cek).unwrap();
                (&fresh_cek, ek, self.constant_header.clone())
            }
            Material::Password => {
                fresh_cek = content::generate_cek(enc).unwrap();
                let params = pbes2::Params::generate(10_000).unwrap();
                let kek = pbes2::derive_kek(alg, PASSWORD, &params).unwrap();
                let ek = aes_kw::wrap(&kek, &fresh_cek).unwrap();
                let header = self.header_with(&format!(
                    r#""p2s":"{}","p2c":{}"#,
                    b64(params.salt_input()),
                    params.count()
                ));
                (&fresh_cek, ek, header)
            }
            Material::Rsa(_) => {
                fresh_cek = content::generate_cek(enc).unwrap();
                let public = self.rsa_public.as_ref().unwrap();
                let ek = rsa_oaep::wrap(public, alg, &fresh_cek).unwrap();
                (&fresh_cek, ek, self.constant_header.clone())
            }
            Material::Agreement(_) => {
                let recipient = self.recipient.as_ref().unwrap();
                let (derived, epk) = ecdh_es::agree_sender(recipient, alg, enc, b"", b"").unwrap();
                let epk = match &epk {
                    EcdhPublicKey::P256(point) => {
                        let point = point.to_sec1_point(false);
                        format!(
                            r#""epk":{{"kty":"EC","crv":"P-256","x":"{}","y":"{}"}}"#,
                            b64(point.x().unwrap()),
                            b64(point.y().unwrap())
                        )
                    }
                    EcdhPublicKey::X25519(point) => format!(
                        r#""epk":{{"kty":"OKP","crv":"X25519","x":"{}"}}"#,
                        b64(point.as_bytes())
                    ),
                    _ => unimplemented!("no floor for this curve"),
                };
                let header = self.header_with(&epk);
                if alg == JweAlgorithm::ECDH_ES {
                    fresh_cek = derived;
                    (&fresh_cek, Vec::new(), header)
                } else {
                    fresh_cek = content::generate_cek(enc).unwrap();
                    let ek = aes_kw::wrap(&derived, &fresh_cek).unwrap();
                    (&fresh_cek, ek, header)
                }
            }
        };
        let iv = content::generate_iv(enc).unwrap();
        let (ciphertext, tag) =
            content::encrypt(enc, cek, &iv, header.as_bytes(), plaintext).unwrap();
        let segments = [&encrypted_key[..], &iv, &ciphertext, &tag];
        let len = header.len()
            + segments
                .iter()
                .map(|s| 1 + encoded_len(s.len()))
                .sum::<usize>();
        let mut token = String::with_capacity(len);
        token.push_str(&header);
        for segment in segments {
            token.push('.');
            encode_append(segment, &mut token);
        }
        token
    }

    /// The plaintext of `token`.
    pub fn decrypt(&self, token: &str) -> Vec<u8> {
        let (alg, enc) = (self.case.alg, self.case.enc);
        let mut parts = token.split('.');
        let mut next = || parts.next().unwrap();
        let (header, ek, iv, ciphertext, tag) = (next(), next(), next(), next(), next());
        let (mut ek_buf, mut iv_buf, mut tag_buf) =
            ([0u8; MAX_ENCRYPTED_KEY], [0u8; 16], [0u8; 16]);
        let ek = &*decode_into(ek, &mut ek_buf).unwrap();
        let iv = &*decode_into(iv, &mut iv_buf).unwrap();
        let tag = &*decode_into(tag, &mut tag_buf).unwrap();
        let unwrapped;
        let cek = match &self.case.material {
            Material::Secret(key) if alg == JweAlgorithm::Dir => key,
            Material::Secret(key) if alg == JweAlgorithm::A128GCMKW => {
                let json = decode_vec(header).unwrap();
                let params: FloorParams<'_> = serde_json::from_slice(&json).unwrap();
                let (mut kw_iv, mut kw_tag) = ([0u8; 12], [0u8; 16]);
                let kw_iv = decode_into(params.iv.unwrap(), &mut kw_iv).unwrap();
                let kw_tag = decode_into(params.tag.unwrap(), &mut kw_tag).unwrap();
                unwrapped = aes_gcm_kw::unwrap(key, ek, kw_iv, kw_tag, enc.key_len()).unwrap();
                &unwrapped
            }
            Material::Secret(key) => {
                unwrapped = aes_kw::unwrap(key, ek, enc.key_len()).unwrap();
                &unwrapped
            }
            Material::Password => {
                // `pbes2::Params` is read from a header view (PBKDF2 dominates anyway).
                let header =
                    jose_b64::json::parse_object_map(&decode_vec(header).unwrap()).unwrap();
                let view = jose_jwk::header::JoseHeader::new(Some(&header), None, None).unwrap();
                let p = pbes2::Params::from_header(&view, 10_000).unwrap();
                let kek = pbes2::derive_kek(alg, PASSWORD, &p).unwrap();
                unwrapped = aes_kw::unwrap(&kek, ek, enc.key_len()).unwrap();
                &unwrapped
            }
            Material::Rsa(private) => {
                unwrapped = rsa_oaep::unwrap(private, alg, ek, enc.key_len()).unwrap();
                &unwrapped
            }
            Material::Agreement(secret) => {
                let json = decode_vec(header).unwrap();
                let params: FloorParams<'_> = serde_json::from_slice(&json).unwrap();
                let epk = params.epk.unwrap();
                let mut x = [0u8; 32];
                let x = decode_into(epk.x, &mut x).unwrap();
                let epk = match secret {
                    EcdhSecretKey::X25519(_) => {
                        let x: [u8; 32] = (&*x).try_into().unwrap();
                        EcdhPublicKey::X25519(x25519_dalek::PublicKey::from(x))
                    }
                    _ => {
                        let mut sec1 = [4u8; 65];
                        sec1[1..33].copy_from_slice(x);
                        decode_into(epk.y.unwrap(), &mut sec1[33..]).unwrap();
                        EcdhPublicKey::P256(p256::PublicKey::from_sec1_bytes(&sec1).unwrap())
                    }
                };
                let params = ecdh_es::Params::new(epk, Vec::new(), Vec::new());
                let derived = ecdh_es::agree_recipient(secret, alg, enc, &params).unwrap();
                unwrapped = if alg == JweAlgorithm::ECDH_ES {
                    derived
                } else {
                    aes_kw::unwrap(&derived, ek, enc.key_len()).unwrap()
                };
                &unwrapped
            }
        };
        let mut buffer = decode_vec(ciphertext).unwrap();
        open_in_place(
            enc,
            cek.expose_secret(),
            iv,
            header.as_bytes(),
            &mut buffer,
            tag,
        );
        buffer
    }
}

impl Case {
    /// The benchmark group name: `alg[/curve]+enc`.
    pub fn name(&self) -> String {
        let curve = match &self.material {
            Material::Agreement(EcdhSecretKey::X25519(_)) => "/X25519",
            Material::Agreement(_) => "/P-256",
            _ => "",
        };
        format!("{}{curve}+{}", self.alg.as_str(), self.enc.as_str())
    }
}
