// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
//! Keys, clocks and raw tokens for the unit tests.

use jose_jws::{Header, JwsAlgorithm, SigningKey, compact};

use crate::{FixedClock, Validation};

/// The time the tests run at: 2026-01-01T00:00:00Z.
pub(crate) const NOW: u64 = 1_767_225_600;

pub(crate) fn clock() -> FixedClock {
    FixedClock::at_secs(NOW)
}

/// The default validation at [`NOW`].
pub(crate) fn validation() -> Validation {
    Validation::new().clock(clock())
}

pub(crate) fn hs256() -> SigningKey {
    SigningKey::hmac(&[0x42; 32], JwsAlgorithm::HS256).unwrap()
}

/// A signed token over exactly `claims` with the header `{"alg":"HS256", …header}`.
pub(crate) fn signed_raw(header: &Header, claims: &str) -> String {
    compact::sign(&hs256(), header, claims.as_bytes()).unwrap()
}

/// A signed token over `claims` with `typ: JWT`.
pub(crate) fn signed(claims: &str) -> String {
    signed_raw(&Header::new().typ("JWT"), claims)
}
