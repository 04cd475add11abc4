//! Any registered algorithm name: JWS `alg`, JWE `alg` or JWE `enc`.

use super::jwe_alg::JweAlgorithm;
use super::jwe_enc::JweEncryption;
use super::jws::JwsAlgorithm;

/// One algorithm of the table, from any of the three registries (RFC 7518 §3.1, §4.1, §5.1).
///
/// The registered names are distinct across the three, so a name alone identifies the
/// family: `Algorithm::from_str("A128GCM")` is content encryption and `"A128GCMKW"` key
/// management.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Algorithm {
    /// A JWS algorithm (RFC 7518 §3).
    Jws(JwsAlgorithm),
    /// A JWE key management algorithm (RFC 7518 §4).
    JweKeyManagement(JweAlgorithm),
    /// A JWE content encryption algorithm (RFC 7518 §5).
    JweContent(JweEncryption),
}

/// Number of algorithms in [`Algorithm::ALL`].
const COUNT: usize = JwsAlgorithm::ALL.len() + JweAlgorithm::ALL.len() + JweEncryption::ALL.len();

/// Builds [`Algorithm::ALL`] at compile time from the three families' `ALL` (a unit test
/// checks the result).
const fn all_algorithms() -> [Algorithm; COUNT] {
    let mut out = [Algorithm::Jws(JwsAlgorithm::None); COUNT];
    let mut slots: &mut [Algorithm] = &mut out;
    let mut jws = JwsAlgorithm::ALL;
    while let [alg, rest @ ..] = jws {
        if let [slot, more @ ..] = slots {
            *slot = Algorithm::Jws(*alg);
            slots = more;
        }
        jws = rest;
    }
    let mut jwe = JweAlgorithm::ALL;
    while let [alg, rest @ ..] = jwe {
        if let [slot, more @ ..] = slots {
            *slot = Algorithm::JweKeyManagement(*alg);
            slots = more;
        }
        jwe = rest;
    }
    let mut enc = JweEncryption::ALL;
    while let [alg, rest @ ..] = enc {
        if let [slot, more @ ..] = slots {
            *slot = Algorithm::JweContent(*alg);
            slots = more;
        }
        enc = rest;
    }
    out
}

impl Algorithm {
    /// Every algorithm of the table: the JWS names, then JWE key management, then JWE content
    /// encryption.
    pub const ALL: &'static [Self] = &all_algorithms();

    /// The registered name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Jws(alg) => alg.as_str(),
            Self::JweKeyManagement(alg) => alg.as_str(),
            Self::JweContent(enc) => enc.as_str(),
        }
    }

    /// Whether this is a JWS algorithm (its keys are for `Sign`/`Verify`, `use` `"sig"`).
    #[must_use]
    pub const fn is_jws(self) -> bool {
        matches!(self, Self::Jws(_))
    }
}

impl From<JwsAlgorithm> for Algorithm {
    fn from(alg: JwsAlgorithm) -> Self {
        Self::Jws(alg)
    }
}

impl From<JweAlgorithm> for Algorithm {
    fn from(alg: JweAlgorithm) -> Self {
        Self::JweKeyManagement(alg)
    }
}

impl From<JweEncryption> for Algorithm {
    fn from(enc: JweEncryption) -> Self {
        Self::JweContent(enc)
    }
}

impl core::str::FromStr for Algorithm {
    type Err = crate::Error;

    /// Exact, case-sensitive match against every registered name of the three families.
    fn from_str(name: &str) -> Result<Self, crate::Error> {
        if let Ok(alg) = name.parse::<JwsAlgorithm>() {
            return Ok(Self::Jws(alg));
        }
        if let Ok(alg) = name.parse::<JweAlgorithm>() {
            return Ok(Self::JweKeyManagement(alg));
        }
        name.parse::<JweEncryption>().map(Self::JweContent)
    }
}

impl core::fmt::Display for Algorithm {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Algorithm {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Algorithm {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor;

        impl serde::de::Visitor<'_> for NameVisitor {
            type Value = Algorithm;

            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("a registered JWS or JWE algorithm name (RFC 7518 §3.1, §4.1, §5.1)")
            }

            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Algorithm, E> {
                value
                    .parse()
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Str(value), &self))
            }
        }

        deserializer.deserialize_str(NameVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;
    use std::collections::HashSet;

    #[test]
    fn all_is_the_three_families_in_order() {
        let expected: Vec<Algorithm> = JwsAlgorithm::ALL
            .iter()
            .map(|&a| Algorithm::from(a))
            .chain(JweAlgorithm::ALL.iter().map(|&a| Algorithm::from(a)))
            .chain(JweEncryption::ALL.iter().map(|&e| Algorithm::from(e)))
            .collect();
        assert_eq!(Algorithm::ALL, expected.as_slice());
        assert_eq!(Algorithm::ALL.len(), 41);
    }

    #[test]
    fn names_are_distinct_across_families() {
        let names: HashSet<&str> = Algorithm::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(names.len(), Algorithm::ALL.len());
    }

    #[test]
    fn every_name_round_trips() {
        for &alg in Algorithm::ALL {
            let name = alg.as_str();
            assert_eq!(name.parse::<Algorithm>().unwrap(), alg);
            assert_eq!(alg.to_string(), name);
            let json = serde_json::to_string(&alg).unwrap();
            assert_eq!(json, format!("\"{name}\""));
            assert_eq!(serde_json::from_str::<Algorithm>(&json).unwrap(), alg);
        }
    }

    #[test]
    fn families() {
        assert_eq!(
            "A128GCM".parse::<Algorithm>().unwrap(),
            Algorithm::JweContent(JweEncryption::A128GCM)
        );
        assert_eq!(
            "A128GCMKW".parse::<Algorithm>().unwrap(),
            Algorithm::JweKeyManagement(JweAlgorithm::A128GCMKW)
        );
        assert_eq!(
            "HS256".parse::<Algorithm>().unwrap(),
            Algorithm::Jws(JwsAlgorithm::HS256)
        );
        assert!(Algorithm::from(JwsAlgorithm::None).is_jws());
        assert!(!Algorithm::from(JweAlgorithm::Dir).is_jws());
        assert!(!Algorithm::from(JweEncryption::A256GCM).is_jws());
    }

    #[test]
    fn unknown_names() {
        for name in [
            "hs256",
            " HS256",
            "NONE",
            "None",
            "DIR",
            "a128gcm",
            "RSA-OAEP-1024",
            "",
        ] {
            assert_eq!(
                name.parse::<Algorithm>(),
                Err(Error::UnknownAlgorithm {
                    name: name.to_owned()
                }),
                "{name:?}"
            );
            let json = serde_json::to_string(name).unwrap();
            let e = serde_json::from_str::<Algorithm>(&json)
                .unwrap_err()
                .to_string();
            assert!(e.contains("registered JWS or JWE algorithm name"), "{e}");
        }
        let e = "HS256x".parse::<Algorithm>().unwrap_err();
        assert_eq!(e.code(), "ERR_JOSE_ALG_NOT_ALLOWED");
        assert_eq!(
            e.to_string(),
            "unknown algorithm \"HS256x\" (names are case-sensitive)"
        );
    }
}
