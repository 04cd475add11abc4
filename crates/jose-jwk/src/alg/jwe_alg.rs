//! JWE key management `alg` values: RFC 7518 §4.1, RFC 8037 §3.2.

use super::names::registered_names;

registered_names! {
    /// A JWE key management algorithm (`alg` header parameter of a JWE), RFC 7518 §4.1.
    ///
    /// Parsing is exact and case-sensitive.
    pub enum JweAlgorithm expecting "a registered JWE key management algorithm name (RFC 7518 §4.1)" {
        /// RSAES-PKCS1-v1_5 (RFC 7518 §4.2). Legacy: vulnerable to padding-oracle attacks;
        /// the JWE layer keeps it off by default.
        RSA1_5 = "RSA1_5",
        /// RSAES OAEP using default parameters: SHA-1 and MGF1 with SHA-1 (RFC 7518 §4.3).
        RSA_OAEP = "RSA-OAEP",
        /// RSAES OAEP using SHA-256 and MGF1 with SHA-256 (RFC 7518 §4.3).
        RSA_OAEP_256 = "RSA-OAEP-256",
        /// RSAES OAEP using SHA-384 and MGF1 with SHA-384 (the construction of RFC 7518 §4.3;
        /// registered in the IANA "JSON Web Signature and Encryption Algorithms" registry).
        RSA_OAEP_384 = "RSA-OAEP-384",
        /// RSAES OAEP using SHA-512 and MGF1 with SHA-512 (the construction of RFC 7518 §4.3;
        /// registered in the IANA "JSON Web Signature and Encryption Algorithms" registry).
        RSA_OAEP_512 = "RSA-OAEP-512",
        /// AES Key Wrap with a 128-bit key (RFC 7518 §4.4, RFC 3394).
        A128KW = "A128KW",
        /// AES Key Wrap with a 192-bit key (RFC 7518 §4.4, RFC 3394).
        A192KW = "A192KW",
        /// AES Key Wrap with a 256-bit key (RFC 7518 §4.4, RFC 3394).
        A256KW = "A256KW",
        /// Direct use of a shared symmetric key as the CEK (RFC 7518 §4.5).
        Dir = "dir",
        /// ECDH-ES direct key agreement, Concat KDF (RFC 7518 §4.6; X25519 by RFC 8037 §3.2).
        ECDH_ES = "ECDH-ES",
        /// ECDH-ES with the derived key wrapping the CEK by `A128KW` (RFC 7518 §4.6).
        ECDH_ES_A128KW = "ECDH-ES+A128KW",
        /// ECDH-ES with the derived key wrapping the CEK by `A192KW` (RFC 7518 §4.6).
        ECDH_ES_A192KW = "ECDH-ES+A192KW",
        /// ECDH-ES with the derived key wrapping the CEK by `A256KW` (RFC 7518 §4.6).
        ECDH_ES_A256KW = "ECDH-ES+A256KW",
        /// Key wrapping with AES GCM using a 128-bit key (RFC 7518 §4.7).
        A128GCMKW = "A128GCMKW",
        /// Key wrapping with AES GCM using a 192-bit key (RFC 7518 §4.7).
        A192GCMKW = "A192GCMKW",
        /// Key wrapping with AES GCM using a 256-bit key (RFC 7518 §4.7).
        A256GCMKW = "A256GCMKW",
        /// PBES2 with HMAC SHA-256 and `A128KW` wrapping (RFC 7518 §4.8); the key is a password.
        PBES2_HS256_A128KW = "PBES2-HS256+A128KW",
        /// PBES2 with HMAC SHA-384 and `A192KW` wrapping (RFC 7518 §4.8); the key is a password.
        PBES2_HS384_A192KW = "PBES2-HS384+A192KW",
        /// PBES2 with HMAC SHA-512 and `A256KW` wrapping (RFC 7518 §4.8); the key is a password.
        PBES2_HS512_A256KW = "PBES2-HS512+A256KW",
    }
}

/// How a JWE key management algorithm determines the CEK (RFC 7516 §2, "Key Management
/// Mode"; the modes of the algorithms are listed in RFC 7518 §4.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyManagementMode {
    /// The CEK is encrypted to the recipient's public key (`RSA1_5`, `RSA-OAEP*`).
    KeyEncryption,
    /// The CEK is wrapped with a symmetric key (`A*KW`, `A*GCMKW`, and `PBES2-*`, whose
    /// wrapping key is derived from a password).
    KeyWrapping,
    /// The CEK is the output of a key agreement (`ECDH-ES`).
    DirectKeyAgreement,
    /// A key agreement yields the key that wraps the CEK (`ECDH-ES+A*KW`).
    KeyAgreementWithKeyWrapping,
    /// The shared symmetric key is the CEK (`dir`).
    DirectEncryption,
}

impl JweAlgorithm {
    /// The key management mode (RFC 7516 §2).
    #[must_use]
    pub const fn mode(self) -> KeyManagementMode {
        match self {
            Self::RSA1_5
            | Self::RSA_OAEP
            | Self::RSA_OAEP_256
            | Self::RSA_OAEP_384
            | Self::RSA_OAEP_512 => KeyManagementMode::KeyEncryption,
            Self::A128KW
            | Self::A192KW
            | Self::A256KW
            | Self::A128GCMKW
            | Self::A192GCMKW
            | Self::A256GCMKW
            | Self::PBES2_HS256_A128KW
            | Self::PBES2_HS384_A192KW
            | Self::PBES2_HS512_A256KW => KeyManagementMode::KeyWrapping,
            Self::ECDH_ES => KeyManagementMode::DirectKeyAgreement,
            Self::ECDH_ES_A128KW | Self::ECDH_ES_A192KW | Self::ECDH_ES_A256KW => {
                KeyManagementMode::KeyAgreementWithKeyWrapping
            }
            Self::Dir => KeyManagementMode::DirectEncryption,
        }
    }

    /// The length in bytes of the AES key that wraps the CEK: 16, 24 or 32 for `A*KW`,
    /// `A*GCMKW`, `ECDH-ES+A*KW` (the derived key, RFC 7518 §4.6.2 `keydatalen`) and `PBES2-*`
    /// (the derived key, RFC 7518 §4.8.1.1). `None` for RSA, `dir` and `ECDH-ES`.
    #[must_use]
    pub const fn wrap_key_len(self) -> Option<usize> {
        match self {
            Self::A128KW | Self::A128GCMKW | Self::ECDH_ES_A128KW | Self::PBES2_HS256_A128KW => {
                Some(16)
            }
            Self::A192KW | Self::A192GCMKW | Self::ECDH_ES_A192KW | Self::PBES2_HS384_A192KW => {
                Some(24)
            }
            Self::A256KW | Self::A256GCMKW | Self::ECDH_ES_A256KW | Self::PBES2_HS512_A256KW => {
                Some(32)
            }
            _ => None,
        }
    }

    /// Whether the algorithm is one of the ECDH-ES family (RFC 7518 §4.6), whose JWE header
    /// carries an ephemeral public key (`epk`).
    #[must_use]
    pub const fn is_ecdh_es(self) -> bool {
        matches!(
            self.mode(),
            KeyManagementMode::DirectKeyAgreement | KeyManagementMode::KeyAgreementWithKeyWrapping
        )
    }

    /// Whether the algorithm is one of the PBES2 family (RFC 7518 §4.8), whose key is a
    /// password and whose header carries `p2s` and `p2c`.
    #[must_use]
    pub const fn is_pbes2(self) -> bool {
        matches!(
            self,
            Self::PBES2_HS256_A128KW | Self::PBES2_HS384_A192KW | Self::PBES2_HS512_A256KW
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    #[test]
    fn every_name_round_trips() {
        assert_eq!(JweAlgorithm::ALL.len(), 19);
        for &alg in JweAlgorithm::ALL {
            let name = alg.as_str();
            assert_eq!(name.parse::<JweAlgorithm>().unwrap(), alg);
            assert_eq!(alg.to_string(), name);
            let json = serde_json::to_string(&alg).unwrap();
            assert_eq!(json, format!("\"{name}\""));
            assert_eq!(serde_json::from_str::<JweAlgorithm>(&json).unwrap(), alg);
        }
    }

    #[test]
    fn names_are_the_registered_ones() {
        let names: Vec<&str> = JweAlgorithm::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(
            names,
            [
                "RSA1_5",
                "RSA-OAEP",
                "RSA-OAEP-256",
                "RSA-OAEP-384",
                "RSA-OAEP-512",
                "A128KW",
                "A192KW",
                "A256KW",
                "dir",
                "ECDH-ES",
                "ECDH-ES+A128KW",
                "ECDH-ES+A192KW",
                "ECDH-ES+A256KW",
                "A128GCMKW",
                "A192GCMKW",
                "A256GCMKW",
                "PBES2-HS256+A128KW",
                "PBES2-HS384+A192KW",
                "PBES2-HS512+A256KW",
            ]
        );
    }

    #[test]
    fn case_and_spelling_variants_are_unknown() {
        for name in [
            "DIR",
            "Dir",
            " dir",
            "rsa-oaep",
            "RSA_OAEP",
            "RSA-OAEP256",
            "a128kw",
            "ECDH-ES+A128KW ",
            "ECDH-ES A128KW",
            "ecdh-es",
            "PBES2-HS256-A128KW",
            "A128GCM",
            "HS256",
            "none",
            "",
        ] {
            assert_eq!(
                name.parse::<JweAlgorithm>(),
                Err(Error::UnknownAlgorithm {
                    name: name.to_owned()
                }),
                "{name:?}"
            );
            let json = serde_json::to_string(name).unwrap();
            assert!(
                serde_json::from_str::<JweAlgorithm>(&json).is_err(),
                "{name:?}"
            );
        }
    }

    #[test]
    fn modes() {
        use JweAlgorithm as A;
        use KeyManagementMode as M;
        for &alg in A::ALL {
            let want = match alg.as_str() {
                "RSA1_5" | "RSA-OAEP" | "RSA-OAEP-256" | "RSA-OAEP-384" | "RSA-OAEP-512" => {
                    M::KeyEncryption
                }
                "dir" => M::DirectEncryption,
                "ECDH-ES" => M::DirectKeyAgreement,
                n if n.starts_with("ECDH-ES+") => M::KeyAgreementWithKeyWrapping,
                _ => M::KeyWrapping,
            };
            assert_eq!(alg.mode(), want, "{alg}");
            assert_eq!(
                alg.is_ecdh_es(),
                alg.as_str().starts_with("ECDH-ES"),
                "{alg}"
            );
            assert_eq!(alg.is_pbes2(), alg.as_str().starts_with("PBES2-"), "{alg}");
        }
    }

    #[test]
    fn wrap_key_lengths() {
        for &alg in JweAlgorithm::ALL {
            let name = alg.as_str();
            let want = if name.contains("A128") {
                Some(16)
            } else if name.contains("A192") {
                Some(24)
            } else if name.contains("A256") {
                Some(32)
            } else {
                None
            };
            assert_eq!(alg.wrap_key_len(), want, "{alg}");
        }
        assert_eq!(JweAlgorithm::Dir.wrap_key_len(), None);
        assert_eq!(JweAlgorithm::ECDH_ES.wrap_key_len(), None);
        assert_eq!(JweAlgorithm::RSA_OAEP_256.wrap_key_len(), None);
    }
}
