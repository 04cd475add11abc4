//! JWE content encryption `enc` values: RFC 7518 §5.1.

use super::names::registered_names;

registered_names! {
    /// A JWE content encryption algorithm (`enc` header parameter), RFC 7518 §5.1.
    ///
    /// Parsing is exact and case-sensitive.
    pub enum JweEncryption expecting "a registered JWE content encryption algorithm name (RFC 7518 §5.1)" {
        /// AES-128-CBC with HMAC SHA-256 truncated to 128 bits (RFC 7518 §5.2.3).
        A128CBC_HS256 = "A128CBC-HS256",
        /// AES-192-CBC with HMAC SHA-384 truncated to 192 bits (RFC 7518 §5.2.4).
        A192CBC_HS384 = "A192CBC-HS384",
        /// AES-256-CBC with HMAC SHA-512 truncated to 256 bits (RFC 7518 §5.2.5).
        A256CBC_HS512 = "A256CBC-HS512",
        /// AES GCM with a 128-bit key (RFC 7518 §5.3).
        A128GCM = "A128GCM",
        /// AES GCM with a 192-bit key (RFC 7518 §5.3).
        A192GCM = "A192GCM",
        /// AES GCM with a 256-bit key (RFC 7518 §5.3).
        A256GCM = "A256GCM",
    }
}

impl JweEncryption {
    /// The CEK length in bytes: 32, 48, 64 for `A*CBC-HS*` (MAC key ‖ encryption key,
    /// RFC 7518 §5.2.2.1) and 16, 24, 32 for `A*GCM` (RFC 7518 §5.3). With `dir` the shared
    /// key must have exactly this length.
    #[must_use]
    pub const fn key_len(self) -> usize {
        match self {
            Self::A128CBC_HS256 | Self::A256GCM => 32,
            Self::A192CBC_HS384 => 48,
            Self::A256CBC_HS512 => 64,
            Self::A128GCM => 16,
            Self::A192GCM => 24,
        }
    }

    /// The initialization vector length in bytes: 16 for AES-CBC (RFC 7518 §5.2.2.1), 12 for
    /// GCM (RFC 7518 §5.3).
    #[must_use]
    pub const fn iv_len(self) -> usize {
        if self.is_cbc_hmac() { 16 } else { 12 }
    }

    /// The authentication tag length in bytes: 16, 24, 32 for `A*CBC-HS*` (the truncated MAC,
    /// RFC 7518 §5.2.3–§5.2.5) and 16 for GCM (RFC 7518 §5.3).
    #[must_use]
    pub const fn tag_len(self) -> usize {
        match self {
            Self::A128CBC_HS256 => 16,
            Self::A192CBC_HS384 => 24,
            Self::A256CBC_HS512 => 32,
            Self::A128GCM | Self::A192GCM | Self::A256GCM => 16,
        }
    }

    /// Whether this is one of the AES_CBC_HMAC_SHA2 algorithms (RFC 7518 §5.2) rather than
    /// AES GCM (RFC 7518 §5.3).
    #[must_use]
    pub const fn is_cbc_hmac(self) -> bool {
        matches!(
            self,
            Self::A128CBC_HS256 | Self::A192CBC_HS384 | Self::A256CBC_HS512
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    #[test]
    fn every_name_round_trips() {
        assert_eq!(JweEncryption::ALL.len(), 6);
        for &enc in JweEncryption::ALL {
            let name = enc.as_str();
            assert_eq!(name.parse::<JweEncryption>().unwrap(), enc);
            assert_eq!(enc.to_string(), name);
            let json = serde_json::to_string(&enc).unwrap();
            assert_eq!(json, format!("\"{name}\""));
            assert_eq!(serde_json::from_str::<JweEncryption>(&json).unwrap(), enc);
        }
    }

    #[test]
    fn case_and_spelling_variants_are_unknown() {
        for name in [
            "a128gcm",
            "A128Gcm",
            " A128GCM",
            "A128GCM ",
            "A128CBC_HS256",
            "A128CBC-HS-256",
            "A128CBC+HS256",
            "A128GCMKW",
            "dir",
            "",
        ] {
            assert_eq!(
                name.parse::<JweEncryption>(),
                Err(Error::UnknownAlgorithm {
                    name: name.to_owned()
                }),
                "{name:?}"
            );
            let json = serde_json::to_string(name).unwrap();
            assert!(
                serde_json::from_str::<JweEncryption>(&json).is_err(),
                "{name:?}"
            );
        }
    }

    #[test]
    fn sizes() {
        use JweEncryption as E;
        // (enc, CEK bytes, IV bytes, tag bytes): RFC 7518 §5.2.3–§5.2.5 and §5.3.
        let table = [
            (E::A128CBC_HS256, 32, 16, 16),
            (E::A192CBC_HS384, 48, 16, 24),
            (E::A256CBC_HS512, 64, 16, 32),
            (E::A128GCM, 16, 12, 16),
            (E::A192GCM, 24, 12, 16),
            (E::A256GCM, 32, 12, 16),
        ];
        assert_eq!(table.len(), E::ALL.len());
        for (enc, key, iv, tag) in table {
            assert_eq!(enc.key_len(), key, "{enc}");
            assert_eq!(enc.iv_len(), iv, "{enc}");
            assert_eq!(enc.tag_len(), tag, "{enc}");
            assert_eq!(enc.is_cbc_hmac(), enc.as_str().contains("CBC"), "{enc}");
        }
    }
}
