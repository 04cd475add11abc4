//! A protected header encoded once, for signing many compact JWSs with one key.

use jose_b64::base64url;
use jose_jwk::alg::JwsAlgorithm;

use super::{check_unencoded, finish, token_len};
use crate::{Error, Header, SigningKey};

/// The protected header of a compact JWS encoded once for one signing key: the first segment
/// of every token signed with them, made from a [`Header`] as [`compact::sign`] makes it
/// (`alg` and `kid` from the key).
///
/// Writing the header's JSON and base64url-encoding it is a good part of signing a short
/// payload with HMAC; a service that signs many tokens with the same header and key does it
/// once. The header is public data: it holds nothing derived from the key's secret.
///
/// ```
/// use jose_jws::{compact, compact::EncodedHeader, Header, JwsAlgorithm, SigningKey};
///
/// let key = SigningKey::hmac(&[42u8; 32], JwsAlgorithm::HS256)?.with_kid("k1");
/// let header = Header::new().typ("JWT");
/// let encoded = EncodedHeader::new(&header, &key)?;
/// assert_eq!(encoded.as_str(), "eyJhbGciOiJIUzI1NiIsImtpZCI6ImsxIiwidHlwIjoiSldUIn0");
///
/// let token = encoded.sign(&key, br#"{"sub":"alice"}"#)?;
/// assert_eq!(token, compact::sign(&key, &header, br#"{"sub":"alice"}"#)?);
///
/// // Only with a key that makes the same header: the same `alg` and (here) `kid`.
/// assert!(!encoded.is_for(&key.clone().with_kid("k2")));
/// assert!(encoded.sign(&key.with_kid("k2"), b"x").is_err());
/// # Ok::<(), jose_jws::Error>(())
/// ```
///
/// [`compact::sign`]: crate::compact::sign
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncodedHeader {
    encoded: String,
    alg: JwsAlgorithm,
    /// `None` when the header sets its own `kid`; otherwise the key's, written into it.
    key_kid: Option<Option<String>>,
    b64: bool,
}

impl EncodedHeader {
    /// Encodes `header` as signing with `key` writes it.
    ///
    /// # Errors
    ///
    /// [`Error::Malformed`] when a parameter does not serialize.
    pub fn new(header: &Header, key: &SigningKey) -> Result<Self, Error> {
        let encoded = header.with_json(key.alg(), key.kid(), |json| base64url::encode(json))?;
        let key_kid = match header.get("kid") {
            Some(_) => None,
            None => Some(key.kid().map(str::to_owned)),
        };
        Ok(Self {
            encoded,
            alg: key.alg(),
            key_kid,
            b64: header.is_b64(),
        })
    }

    /// The encoded header: the protected header segment of the tokens.
    pub fn as_str(&self) -> &str {
        &self.encoded
    }

    /// The algorithm written into the header.
    pub fn alg(&self) -> JwsAlgorithm {
        self.alg
    }

    /// Whether `key` makes this header: the same algorithm, and the same `kid` unless the
    /// header sets its own.
    pub fn is_for(&self, key: &SigningKey) -> bool {
        key.alg() == self.alg
            && self
                .key_kid
                .as_ref()
                .is_none_or(|kid| kid.as_deref() == key.kid())
    }

    /// Signs `payload` and returns the compact JWS, the same as [`compact::sign`] with the
    /// header and key this was made from.
    ///
    /// # Errors
    ///
    /// As [`compact::sign`]; [`Error::KeyAlgorithmMismatch`] or [`Error::Malformed`] when
    /// `key` does not make this header ([`EncodedHeader::is_for`]).
    ///
    /// [`compact::sign`]: crate::compact::sign
    pub fn sign(&self, key: &SigningKey, payload: &[u8]) -> Result<String, Error> {
        self.check_key(key)?;
        let mut out = String::with_capacity(token_len(0, payload.len()) + self.encoded.len());
        out.push_str(&self.encoded);
        finish(key, out, payload, self.b64, false)
    }

    /// Signs a payload given in its final form: `write_payload` appends the payload segment
    /// (base64url text; for an unencoded payload, RFC 7797, the payload itself) to the token
    /// being made, which has room for `len` bytes of it. For callers that keep parts of an
    /// encoded payload from one token to the next.
    ///
    /// ```
    /// use jose_jws::{compact, compact::EncodedHeader, Header, JwsAlgorithm, SigningKey};
    ///
    /// let key = SigningKey::hmac(&[42u8; 32], JwsAlgorithm::HS256)?;
    /// let encoded = EncodedHeader::new(&Header::new(), &key)?;
    /// let token = encoded.sign_encoded_payload(&key, 8, |out| out.push_str("aGVsbG8h"))?;
    /// assert_eq!(token, compact::sign(&key, &Header::new(), b"hello!")?);
    /// # Ok::<(), jose_jws::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`EncodedHeader::sign`]; [`Error::Malformed`] when the segment is not base64url
    /// (or, unencoded, holds a `.`).
    pub fn sign_encoded_payload(
        &self,
        key: &SigningKey,
        len: usize,
        write_payload: impl FnOnce(&mut String),
    ) -> Result<String, Error> {
        self.check_key(key)?;
        let mut out = String::with_capacity(
            self.encoded
                .len()
                .saturating_add(len)
                .saturating_add(token_len(0, 0)),
        );
        out.push_str(&self.encoded);
        out.push('.');
        let start = out.len();
        write_payload(&mut out);
        let segment = out.get(start..).unwrap_or_default();
        if self.b64 {
            if let Some(offset) = base64url::first_invalid(segment) {
                return Err(Error::malformed(format!(
                    "the payload segment has a character outside the base64url alphabet at offset {offset}"
                )));
            }
            if base64url::decoded_len(segment.len()).is_none() {
                return Err(Error::malformed(
                    "the payload segment is not whole base64url (its length is 1 mod 4)",
                ));
            }
        } else {
            check_unencoded(segment)?;
        }
        key.append_signature(&mut out)?;
        Ok(out)
    }

    fn check_key(&self, key: &SigningKey) -> Result<(), Error> {
        if key.alg() != self.alg {
            return Err(Error::KeyAlgorithmMismatch {
                header: self.alg.as_str(),
                key: key.alg().as_str(),
            });
        }
        if !self.is_for(key) {
            return Err(Error::malformed(
                "the encoded header carries another key's kid: encode it for this key",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
