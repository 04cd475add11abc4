//! The cases of the jose-jwe benches and their floors: each key management algorithm with
//! `A128GCM` and `A128CBC-HS256`, its keys for the library, and the bare primitives on the
//! same bytes (see `encrypt_decrypt.rs` for what the floor does).

use base64ct::{Base64UrlUnpadded, Encoding};
use jose_b64::SecretBytes;
use jose_b64::serde_json::{self, Value};
use jose_jwe::keywrap::ecdh_es::{self, EcdhPublicKey, EcdhSecretKey};
use jose_jwe::keywrap::{aes_gcm_kw, aes_kw, pbes2, rsa_oaep};
use jose_jwe::{DecryptingKey, EncryptingKey, JweAlgorithm, JweEncryption, content};
use jose_jwk::{EcCurve, Jwk, KeySpec, OkpCurve};

/// A JWT claims set of about 200 bytes.
pub const PAYLOAD: &[u8] = br#"{"iss":"https://issuer.example.com","sub":"user-1234567890","aud":"https://api.example.com","exp":1767225600,"iat":1767222000,"nbf":1767222000,"jti":"a1b2c3d4-e5f6-7890-abcd-ef1234567890","scope":"read write"}"#;

const PASSWORD: &[u8] = b"correct horse battery staple";

fn b64(bytes: impl AsRef<[u8]>) -> String {
    Base64UrlUnpadded::encode_string(bytes.as_ref())
}

fn unb64(text: &str) -> Vec<u8> {
    Base64UrlUnpadded::decode_vec(text).unwrap()
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
    for enc in [JweEncryption::A128Gcm, JweEncryption::A128CbcHs256] {
        let algs: Vec<(JweAlgorithm, Option<&Jwk>)> = vec![
            (A::Dir, None),
            (A::A128Kw, None),
            (A::A256Kw, None),
            (A::A128GcmKw, None),
            (A::RsaOaep, Some(rsa_jwk)),
            (A::RsaOaep256, Some(rsa_jwk)),
            (A::Pbes2Hs256A128Kw, None),
            (A::EcdhEs, Some(p256_jwk)),
            (A::EcdhEsA128Kw, Some(p256_jwk)),
            (A::EcdhEsA128Kw, Some(x25519_jwk)),
        ];
        for (alg, jwk) in algs {
            let case = match (alg, jwk) {
                (A::Pbes2Hs256A128Kw, _) => Case {
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
                        decrypting: encrypting.decrypting_key(),
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
pub struct Floor<'c> {
    case: &'c Case,
    /// BASE64URL of `{"alg":…,"enc":…}`, for the algorithms without per-message parameters.
    constant_header: String,
    recipient: Option<EcdhPublicKey>,
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
        Self {
            case,
            constant_header,
            recipient,
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
        let (cek, encrypted_key, header) = match &self.case.material {
            Material::Secret(key) if alg == JweAlgorithm::Dir => {
                (key.clone(), Vec::new(), self.constant_header.clone())
            }
            Material::Secret(key) if alg == JweAlgorithm::A128GcmKw => {
                let cek = content::generate_cek(enc).unwrap();
                let (ek, iv, tag) = aes_gcm_kw::wrap(key, &cek).unwrap();
                let header =
                    self.header_with(&format!(r#""iv":"{}","tag":"{}""#, b64(iv), b64(tag)));
                (cek, ek, header)
            }
            Material::Secret(key) => {
                let cek = content::generate_cek(enc).unwrap();
                let ek = aes_kw::wrap(key, &cek).unwrap();
                (cek, ek, self.constant_header.clone())
            }
            Material::Password => {
                let cek = content::generate_cek(enc).unwrap();
                let params = pbes2::Params::generate(10_000).unwrap();
                let kek = pbes2::derive_kek(alg, PASSWORD, &params).unwrap();
                let ek = aes_kw::wrap(&kek, &cek).unwrap();
                let header = self.header_with(&format!(
                    r#""p2s":"{}","p2c":{}"#,
                    b64(params.salt_input()),
                    params.count()
                ));
                (cek, ek, header)
            }
            Material::Rsa(private) => {
                let cek = content::generate_cek(enc).unwrap();
                let ek = rsa_oaep::wrap(&private.to_public_key(), alg, &cek).unwrap();
                (cek, ek, self.constant_header.clone())
            }
            Material::Agreement(_) => {
                let recipient = self.recipient.as_ref().unwrap();
                let (derived, epk) = ecdh_es::agree_sender(recipient, alg, enc, b"", b"").unwrap();
                let header = self.header_with(&format!(r#""epk":{}"#, epk.to_jwk().to_json()));
                if alg == JweAlgorithm::EcdhEs {
                    (derived, Vec::new(), header)
                } else {
                    let cek = content::generate_cek(enc).unwrap();
                    let ek = aes_kw::wrap(&derived, &cek).unwrap();
                    (cek, ek, header)
                }
            }
        };
        let iv = content::generate_iv(enc).unwrap();
        let (ciphertext, tag) =
            content::encrypt(enc, &cek, &iv, header.as_bytes(), plaintext).unwrap();
        format!(
            "{header}.{}.{}.{}.{}",
            b64(encrypted_key),
            b64(iv),
            b64(ciphertext),
            b64(tag)
        )
    }

    /// The plaintext of `token`.
    pub fn decrypt(&self, token: &str) -> Vec<u8> {
        let (alg, enc) = (self.case.alg, self.case.enc);
        let mut parts = token.split('.');
        let mut next = || parts.next().unwrap();
        let (header, ek, iv, ciphertext, tag) = (next(), next(), next(), next(), next());
        let (ek, iv, ciphertext, tag) = (unb64(ek), unb64(iv), unb64(ciphertext), unb64(tag));
        let params = || -> Value { serde_json::from_slice(&unb64(header)).unwrap() };
        let cek = match &self.case.material {
            Material::Secret(key) if alg == JweAlgorithm::Dir => key.clone(),
            Material::Secret(key) if alg == JweAlgorithm::A128GcmKw => {
                let params = params();
                let iv = unb64(params["iv"].as_str().unwrap());
                let tag = unb64(params["tag"].as_str().unwrap());
                aes_gcm_kw::unwrap(key, &ek, &iv, &tag, enc.key_len()).unwrap()
            }
            Material::Secret(key) => aes_kw::unwrap(key, &ek, enc.key_len()).unwrap(),
            Material::Password => {
                // `pbes2::Params` is read from a header view (PBKDF2 dominates anyway).
                let header = jose_b64::json::parse_object_map(&unb64(header)).unwrap();
                let view = jose_jwk::header::JoseHeader::new(Some(&header), None, None).unwrap();
                let p = pbes2::Params::from_header(&view, 10_000).unwrap();
                let kek = pbes2::derive_kek(alg, PASSWORD, &p).unwrap();
                aes_kw::unwrap(&kek, &ek, enc.key_len()).unwrap()
            }
            Material::Rsa(private) => rsa_oaep::unwrap(private, alg, &ek, enc.key_len()).unwrap(),
            Material::Agreement(secret) => {
                let params = params();
                let epk = Jwk::from_json(&params["epk"].to_string()).unwrap();
                let epk = EcdhPublicKey::from_jwk(&epk).unwrap();
                let params = ecdh_es::Params::new(epk, Vec::new(), Vec::new());
                let derived = ecdh_es::agree_recipient(secret, alg, enc, &params).unwrap();
                if alg == JweAlgorithm::EcdhEs {
                    derived
                } else {
                    aes_kw::unwrap(&derived, &ek, enc.key_len()).unwrap()
                }
            }
        };
        content::decrypt(enc, &cek, &iv, header.as_bytes(), &ciphertext, &tag)
            .unwrap()
            .to_vec()
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
