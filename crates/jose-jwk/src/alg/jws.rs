//! JWS `alg` values: RFC 7518 §3.1, RFC 8037 §3.1, RFC 8812 §3.2, RFC 9864.

use super::curve::Curve;
use super::names::registered_names;

registered_names! {
    /// A JWS algorithm (`alg` header parameter), RFC 7518 §3.1 and the later registrations.
    ///
    /// Parsing is exact and case-sensitive: `"hs256"`, `" HS256"` and `"NONE"` are unknown
    /// names. [`JwsAlgorithm::None`] exists only so that the name can be recognised and
    /// refused: no key check ever accepts it (see [`crate::alg::check_key`]).
    pub enum JwsAlgorithm expecting "a registered JWS algorithm name (RFC 7518 §3.1, RFC 8037, RFC 8812, RFC 9864)" {
        /// HMAC using SHA-256 (RFC 7518 §3.2); the key is `oct`, at least 256 bits.
        HS256 = "HS256",
        /// HMAC using SHA-384 (RFC 7518 §3.2); the key is `oct`, at least 384 bits.
        HS384 = "HS384",
        /// HMAC using SHA-512 (RFC 7518 §3.2); the key is `oct`, at least 512 bits.
        HS512 = "HS512",
        /// RSASSA-PKCS1-v1_5 using SHA-256 (RFC 7518 §3.3); RSA key, modulus ≥ 2048 bits.
        RS256 = "RS256",
        /// RSASSA-PKCS1-v1_5 using SHA-384 (RFC 7518 §3.3); RSA key, modulus ≥ 2048 bits.
        RS384 = "RS384",
        /// RSASSA-PKCS1-v1_5 using SHA-512 (RFC 7518 §3.3); RSA key, modulus ≥ 2048 bits.
        RS512 = "RS512",
        /// RSASSA-PSS using SHA-256 and MGF1 with SHA-256 (RFC 7518 §3.5).
        PS256 = "PS256",
        /// RSASSA-PSS using SHA-384 and MGF1 with SHA-384 (RFC 7518 §3.5).
        PS384 = "PS384",
        /// RSASSA-PSS using SHA-512 and MGF1 with SHA-512 (RFC 7518 §3.5).
        PS512 = "PS512",
        /// ECDSA using P-256 and SHA-256 (RFC 7518 §3.4); 64-byte R‖S signature.
        ES256 = "ES256",
        /// ECDSA using P-384 and SHA-384 (RFC 7518 §3.4); 96-byte R‖S signature.
        ES384 = "ES384",
        /// ECDSA using P-521 and SHA-512 (RFC 7518 §3.4); 132-byte R‖S signature.
        ES512 = "ES512",
        /// ECDSA using secp256k1 and SHA-256 (RFC 8812 §3.2); 64-byte R‖S signature.
        ES256K = "ES256K",
        /// EdDSA (RFC 8037 §3.1). The curve comes from the key; this table accepts Ed25519
        /// only (the crate has no Ed448 keys).
        EdDSA = "EdDSA",
        /// EdDSA with Ed25519 (RFC 9864, fully-specified name): an OKP key on Ed25519 only.
        Ed25519 = "Ed25519",
        /// `"none"`: the unsecured JWS (RFC 7518 §3.6). Recognised as a name only; never
        /// accepted by any key check ([`crate::Error::UnsecuredAlgorithm`]).
        None = "none",
    }
}

impl JwsAlgorithm {
    /// For `HS*`: the hash output length in bytes, which is also the minimum HMAC key length
    /// (RFC 7518 §3.2): 32, 48 or 64. `None` for every other algorithm.
    #[must_use]
    pub const fn hmac_min_key_len(self) -> Option<usize> {
        match self {
            Self::HS256 => Some(32),
            Self::HS384 => Some(48),
            Self::HS512 => Some(64),
            _ => None,
        }
    }

    /// The curve the algorithm is defined on (RFC 7518 §3.4, RFC 8812 §3.2, RFC 8037 §3.1,
    /// RFC 9864): `ES256` → P-256, `ES384` → P-384, `ES512` → P-521, `ES256K` → secp256k1,
    /// `EdDSA`/`Ed25519` → Ed25519. `None` for HMAC, RSA and `none`.
    #[must_use]
    pub const fn curve(self) -> Option<Curve> {
        match self {
            Self::ES256 => Some(Curve::P256),
            Self::ES384 => Some(Curve::P384),
            Self::ES512 => Some(Curve::P521),
            Self::ES256K => Some(Curve::Secp256k1),
            Self::EdDSA | Self::Ed25519 => Some(Curve::Ed25519),
            _ => None,
        }
    }

    /// The exact signature length in bytes where the algorithm fixes it: `HS*` 32/48/64 (the
    /// full MAC, RFC 7518 §3.2), `ES256`/`ES256K` 64, `ES384` 96, `ES512` 132 (R‖S, RFC 7518
    /// §3.4), `EdDSA`/`Ed25519` 64 (RFC 8032 §5.1.6). `None` for RSA (the length is the
    /// modulus length) and for `none`.
    #[must_use]
    pub const fn signature_len(self) -> Option<usize> {
        match self {
            Self::HS256 => Some(32),
            Self::HS384 => Some(48),
            Self::HS512 | Self::ES256 | Self::ES256K | Self::EdDSA | Self::Ed25519 => Some(64),
            Self::ES384 => Some(96),
            Self::ES512 => Some(132),
            _ => None,
        }
    }

    /// Whether the algorithm uses one shared secret (`HS*`) rather than a key pair.
    #[must_use]
    pub const fn is_symmetric(self) -> bool {
        matches!(self, Self::HS256 | Self::HS384 | Self::HS512)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    #[test]
    fn every_name_round_trips() {
        assert_eq!(JwsAlgorithm::ALL.len(), 16);
        for &alg in JwsAlgorithm::ALL {
            let name = alg.as_str();
            assert_eq!(name.parse::<JwsAlgorithm>().unwrap(), alg);
            assert_eq!(alg.to_string(), name);
            let json = serde_json::to_string(&alg).unwrap();
            assert_eq!(json, format!("\"{name}\""));
            assert_eq!(serde_json::from_str::<JwsAlgorithm>(&json).unwrap(), alg);
        }
    }

    #[test]
    fn names_are_the_registered_ones() {
        let names: Vec<&str> = JwsAlgorithm::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(
            names,
            [
                "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
                "ES256", "ES384", "ES512", "ES256K", "EdDSA", "Ed25519", "none"
            ]
        );
    }

    #[test]
    fn case_and_whitespace_variants_are_unknown() {
        for name in [
            "hs256", " HS256", "HS256 ", "Hs256", "HS256\0", "None", "NONE", "nOnE", " none",
            "none ", "eddsa", "EDDSA", "ed25519", "es256k", "ES256k", "", "HS-256",
        ] {
            assert_eq!(
                name.parse::<JwsAlgorithm>(),
                Err(Error::UnknownAlgorithm {
                    name: name.to_owned()
                }),
                "{name:?}"
            );
            let json = serde_json::to_string(name).unwrap();
            assert!(
                serde_json::from_str::<JwsAlgorithm>(&json).is_err(),
                "{name:?}"
            );
        }
        assert_eq!("none".parse::<JwsAlgorithm>().unwrap(), JwsAlgorithm::None);
    }

    #[test]
    fn serde_rejects_non_strings_and_names_the_expectation() {
        assert!(serde_json::from_str::<JwsAlgorithm>("null").is_err());
        assert!(serde_json::from_str::<JwsAlgorithm>("256").is_err());
        assert!(serde_json::from_str::<JwsAlgorithm>("[\"HS256\"]").is_err());
        let e = serde_json::from_str::<JwsAlgorithm>("\"hs256\"")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("\"hs256\"") && e.contains("registered JWS algorithm name"),
            "{e}"
        );
    }

    #[test]
    fn hmac_key_lengths() {
        assert_eq!(JwsAlgorithm::HS256.hmac_min_key_len(), Some(32));
        assert_eq!(JwsAlgorithm::HS384.hmac_min_key_len(), Some(48));
        assert_eq!(JwsAlgorithm::HS512.hmac_min_key_len(), Some(64));
        for &alg in JwsAlgorithm::ALL {
            assert_eq!(
                alg.hmac_min_key_len().is_some(),
                alg.is_symmetric(),
                "{alg}"
            );
        }
    }

    #[test]
    fn curves() {
        use JwsAlgorithm as A;
        let expected = [
            (A::ES256, Curve::P256),
            (A::ES384, Curve::P384),
            (A::ES512, Curve::P521),
            (A::ES256K, Curve::Secp256k1),
            (A::EdDSA, Curve::Ed25519),
            (A::Ed25519, Curve::Ed25519),
        ];
        for &alg in A::ALL {
            let want = expected.iter().find(|(a, _)| *a == alg).map(|(_, c)| *c);
            assert_eq!(alg.curve(), want, "{alg}");
        }
    }

    #[test]
    fn signature_lengths() {
        use JwsAlgorithm as A;
        let expected = [
            (A::HS256, 32),
            (A::HS384, 48),
            (A::HS512, 64),
            (A::ES256, 64),
            (A::ES384, 96),
            (A::ES512, 132),
            (A::ES256K, 64),
            (A::EdDSA, 64),
            (A::Ed25519, 64),
        ];
        for &alg in A::ALL {
            let want = expected.iter().find(|(a, _)| *a == alg).map(|(_, n)| *n);
            assert_eq!(alg.signature_len(), want, "{alg}");
        }
    }
}
