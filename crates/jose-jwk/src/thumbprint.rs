//! JWK thumbprints (RFC 7638) and thumbprint URIs (RFC 9278).

use core::fmt;

use jose_b64::base64url;
use sha2::{Digest, Sha256, Sha384, Sha512};
use zeroize::Zeroizing;

use crate::{Jwk, Key};

/// The hash of a thumbprint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ThumbprintHash {
    /// SHA-256, the usual choice.
    #[default]
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl ThumbprintHash {
    /// The hash name of the IANA "Named Information Hash Algorithm" registry, used in
    /// thumbprint URIs (RFC 9278 §3).
    pub const fn ni_name(self) -> &'static str {
        match self {
            Self::Sha256 => "sha-256",
            Self::Sha384 => "sha-384",
            Self::Sha512 => "sha-512",
        }
    }

    /// Reads a Named Information hash name (`sha-256`, …).
    pub fn from_ni_name(name: &str) -> Option<Self> {
        [Self::Sha256, Self::Sha384, Self::Sha512]
            .into_iter()
            .find(|h| h.ni_name() == name)
    }

    fn digest(self, input: &[u8]) -> Vec<u8> {
        match self {
            Self::Sha256 => Sha256::digest(input).to_vec(),
            Self::Sha384 => Sha384::digest(input).to_vec(),
            Self::Sha512 => Sha512::digest(input).to_vec(),
        }
    }
}

impl fmt::Display for ThumbprintHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.ni_name())
    }
}

/// The URN prefix of RFC 9278 §3.
pub const THUMBPRINT_URI_PREFIX: &str = "urn:ietf:params:oauth:jwk-thumbprint:";

impl Jwk {
    /// The RFC 7638 §3 hash input: the required members of the key type only, in
    /// lexicographic order, without whitespace. For a private key this is the thumbprint input
    /// of its public key, so a key pair has one thumbprint.
    ///
    /// For a symmetric key the input contains the key itself: it is written into a buffer of
    /// its exact size (no stray copy) that is wiped when dropped.
    pub fn thumbprint_input(&self) -> Zeroizing<String> {
        use jose_b64::base64url::encode;
        // Every value is base64url or a fixed curve name, so no JSON escaping is needed.
        let secret;
        let (e, n, x, y);
        let parts: &[&str] = match self.key() {
            Key::Rsa(k) => {
                (e, n) = (encode(k.e()), encode(k.n()));
                &[r#"{"e":""#, &e, r#"","kty":"RSA","n":""#, &n, r#""}"#]
            }
            Key::Ec(k) => {
                (x, y) = (encode(k.x()), encode(k.y()));
                let crv = k.curve().as_str();
                &[
                    r#"{"crv":""#,
                    crv,
                    r#"","kty":"EC","x":""#,
                    &x,
                    r#"","y":""#,
                    &y,
                    r#""}"#,
                ]
            }
            Key::Oct(k) => {
                secret = k.k().to_base64url();
                &[r#"{"k":""#, &secret, r#"","kty":"oct"}"#]
            }
            Key::Okp(k) => {
                x = encode(k.x());
                let crv = k.curve().as_str();
                &[r#"{"crv":""#, crv, r#"","kty":"OKP","x":""#, &x, r#""}"#]
            }
        };
        let mut input = Zeroizing::new(String::with_capacity(parts.iter().map(|p| p.len()).sum()));
        parts.iter().for_each(|part| input.push_str(part));
        input
    }

    /// The RFC 7638 thumbprint, base64url-encoded.
    pub fn thumbprint(&self, hash: ThumbprintHash) -> String {
        base64url::encode(hash.digest(self.thumbprint_input().as_bytes()))
    }

    /// The RFC 9278 thumbprint URI, such as
    /// `urn:ietf:params:oauth:jwk-thumbprint:sha-256:NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs`.
    pub fn thumbprint_uri(&self, hash: ThumbprintHash) -> String {
        format!(
            "{THUMBPRINT_URI_PREFIX}{}:{}",
            hash.ni_name(),
            self.thumbprint(hash)
        )
    }

    /// Whether `uri` is the RFC 9278 thumbprint URI of this key (with any supported hash).
    pub fn matches_thumbprint_uri(&self, uri: &str) -> bool {
        let Some(rest) = uri.strip_prefix(THUMBPRINT_URI_PREFIX) else {
            return false;
        };
        let Some((name, value)) = rest.split_once(':') else {
            return false;
        };
        match ThumbprintHash::from_ni_name(name) {
            Some(hash) => {
                use subtle::ConstantTimeEq;
                bool::from(self.thumbprint(hash).as_bytes().ct_eq(value.as_bytes()))
            }
            None => false,
        }
    }
}
