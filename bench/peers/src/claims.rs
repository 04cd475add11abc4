//! The one claims set every JWT workload signs and verifies (about 200 bytes), the checks
//! every verifier makes (`exp`, `iss`, `aud`), and the variants the rejection checks use.

use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// The expected issuer.
pub const ISS: &str = "https://issuer.example.com";
/// The expected audience.
pub const AUD: &str = "https://api.example.com";
/// Another audience, for the wrong-`aud` rejection check.
pub const OTHER_AUD: &str = "https://other.example.com";
/// The subject, which every verifier reads back.
pub const SUB: &str = "user-1234567890";
/// The token identifier.
pub const JTI: &str = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
/// An application claim.
pub const SCOPE: &str = "read write";
/// Issued-at and not-before: 2026-01-01T00:00:00Z minus an hour.
pub const IAT: u64 = 1_767_222_000;
/// Expiry far in the future (2100-01-01), so that the token stays valid.
pub const EXP: u64 = 4_102_444_800;
/// Expiry in the past (2001-09-09), for the expired-token rejection check.
pub const EXPIRED: u64 = 1_000_000_000;

/// The claims set as a struct: what an application deserializes into, and the floor's
/// `serde` target. Serialized in this field order it is [`PAYLOAD`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    pub sub: String,
    pub aud: String,
    pub exp: u64,
    pub iat: u64,
    pub nbf: u64,
    pub jti: String,
    pub scope: String,
}

impl Claims {
    /// The fixed claims set.
    pub fn fixed() -> Self {
        Self {
            iss: ISS.into(),
            sub: SUB.into(),
            aud: AUD.into(),
            exp: EXP,
            iat: IAT,
            nbf: IAT,
            jti: JTI.into(),
            scope: SCOPE.into(),
        }
    }

    /// The fixed claims set, expired.
    pub fn expired() -> Self {
        Self {
            exp: EXPIRED,
            iat: EXPIRED - 3600,
            nbf: EXPIRED - 3600,
            ..Self::fixed()
        }
    }

    /// The fixed claims set for another audience.
    pub fn wrong_audience() -> Self {
        Self {
            aud: OTHER_AUD.into(),
            ..Self::fixed()
        }
    }

    /// The JSON bytes of this claims set.
    pub fn to_json(&self) -> Vec<u8> {
        // A struct of strings and integers always serializes.
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// The floor's claim checks: `exp` in the future, `iss` and `aud` exact.
    pub fn check(&self) -> Result<(), String> {
        if self.exp <= now() {
            return Err(format!("expired at {}", self.exp));
        }
        if self.iss != ISS {
            return Err(format!("issuer {:?}", self.iss));
        }
        if self.aud != AUD {
            return Err(format!("audience {:?}", self.aud));
        }
        Ok(())
    }
}

/// The fixed claims set as bytes.
pub fn payload() -> Vec<u8> {
    Claims::fixed().to_json()
}

/// Seconds since the epoch.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// What a verifier hands back to the caller after reading the claims: the subject's length,
/// which the checks compare and the timing loop consumes.
pub fn witness(sub: &str) -> usize {
    sub.len()
}
