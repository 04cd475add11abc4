//! Secret bytes: zeroized on drop, compared in constant time, never printed.

use core::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::base64url;

/// Key material or any other secret byte string.
///
/// - The bytes are overwritten with zeros when the value is dropped.
/// - `==` runs in constant time (for equal lengths; the length itself is not secret).
/// - `Debug` prints `[redacted]`; there is no `Display`.
/// - serde reads and writes it as strict base64url, decoding in constant time.
///
/// ```
/// use jose_b64::SecretBytes;
///
/// let key = SecretBytes::from_base64url("GawgguFyGrWKav7AX4VKUg")?;
/// assert_eq!(key.len(), 16);
/// assert_eq!(format!("{key:?}"), "[redacted]");
/// assert_eq!(key, SecretBytes::new(key.expose_secret().to_vec()));
/// # Ok::<(), jose_b64::Error>(())
/// ```
#[derive(Clone, Default, Zeroize, ZeroizeOnDrop)]
pub struct SecretBytes(Box<[u8]>);

impl SecretBytes {
    /// Takes ownership of `bytes`, leaving no copy behind: a vector with spare capacity
    /// would be reallocated by [`Vec::into_boxed_slice`] and its old buffer freed unwiped, so
    /// it is copied into an exact buffer and wiped instead.
    pub fn new(mut bytes: Vec<u8>) -> Self {
        if bytes.capacity() == bytes.len() {
            return Self(bytes.into_boxed_slice());
        }
        let exact = Box::<[u8]>::from(bytes.as_slice());
        bytes.zeroize();
        Self(exact)
    }

    /// `len` zero bytes, to be filled in place through [`Self::expose_secret_mut`].
    pub fn zeroed(len: usize) -> Self {
        Self(vec![0u8; len].into_boxed_slice())
    }

    /// Decodes strict base64url in constant time (see [`base64url::decode_secret`]).
    pub fn from_base64url(encoded: impl AsRef<[u8]>) -> Result<Self, crate::Error> {
        base64url::decode_secret(encoded)
    }

    /// Encodes the secret as base64url in constant time, in a buffer that zeroizes on drop
    /// (see [`base64url::encode_secret`]).
    pub fn to_base64url(&self) -> Zeroizing<String> {
        base64url::encode_secret(self)
    }

    /// The secret bytes. The name is deliberately loud: every use is a place to review.
    pub fn expose_secret(&self) -> &[u8] {
        &self.0
    }

    /// The secret bytes, writable in place.
    pub fn expose_secret_mut(&mut self) -> &mut [u8] {
        &mut self.0
    }

    /// The number of bytes (not secret).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no bytes at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Vec<u8>> for SecretBytes {
    fn from(bytes: Vec<u8>) -> Self {
        Self::new(bytes)
    }
}

impl From<&[u8]> for SecretBytes {
    fn from(bytes: &[u8]) -> Self {
        Self::new(bytes.to_vec())
    }
}

impl ConstantTimeEq for SecretBytes {
    fn ct_eq(&self, other: &Self) -> subtle::Choice {
        // `subtle` compares equal-length slices in constant time and returns false for
        // different lengths; the length of a key is public.
        self.0.ct_eq(&other.0)
    }
}

impl PartialEq for SecretBytes {
    fn eq(&self, other: &Self) -> bool {
        self.ct_eq(other).into()
    }
}

impl Eq for SecretBytes {}

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl Serialize for SecretBytes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_base64url())
    }
}

impl<'de> Deserialize<'de> for SecretBytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The encoded text is itself secret: hold it in a zeroizing buffer.
        let encoded = Zeroizing::new(<String as Deserialize>::deserialize(deserializer)?);
        base64url::decode_secret(encoded.as_bytes()).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let s = SecretBytes::new(b"very secret".to_vec());
        assert_eq!(format!("{s:?}"), "[redacted]");
        assert_eq!(format!("{:?}", Some(&s)), "Some([redacted])");
    }

    #[test]
    fn equality() {
        let a = SecretBytes::from(&b"abc"[..]);
        assert_eq!(a, SecretBytes::from(b"abc".to_vec()));
        assert_ne!(a, SecretBytes::from(&b"abd"[..]));
        assert_ne!(a, SecretBytes::from(&b"ab"[..]));
        assert!(bool::from(a.ct_eq(&a.clone())));
    }

    #[test]
    fn zeroize_clears() {
        let mut s = SecretBytes::from(&b"abc"[..]);
        s.zeroize();
        assert!(s.expose_secret().iter().all(|&b| b == 0));
    }

    #[test]
    fn serde_base64url() {
        let s: SecretBytes = serde_json::from_str("\"A-z_4ME\"").unwrap();
        assert_eq!(s.expose_secret(), [3, 236, 255, 224, 193]);
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"A-z_4ME\"");
        let err = serde_json::from_str::<SecretBytes>("\"A-z_4MF\"").unwrap_err();
        assert!(err.to_string().contains("non-canonical"), "{err}");
        assert!(!err.to_string().contains("4MF"), "{err}");
        assert!(serde_json::from_str::<SecretBytes>("12").is_err());
    }

    #[test]
    fn spare_capacity_is_wiped() {
        let mut bytes = Vec::with_capacity(64);
        bytes.extend_from_slice(b"secret");
        let s = SecretBytes::new(bytes);
        assert_eq!(s.expose_secret(), b"secret");
        let exact = SecretBytes::new(b"secret".to_vec());
        assert_eq!(s, exact);
    }

    #[test]
    fn empty_and_zeroed() {
        assert!(SecretBytes::default().is_empty());
        let mut z = SecretBytes::zeroed(4);
        z.expose_secret_mut()[0] = 1;
        assert_eq!(z.expose_secret(), [1, 0, 0, 0]);
        assert_eq!(z.len(), 4);
        assert_eq!(&*z.to_base64url(), "AQAAAA");
    }
}
