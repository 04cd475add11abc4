//! Server-provided DPoP nonces (RFC 9449 §8, §9): unpredictable, accepted for a limited
//! time, checked without server state.

use std::sync::Arc;
use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
use jose_b64::base64url;
use jose_jwt::Clock;
use sha2::Sha256;

use crate::Error;
use crate::time::SharedClock;

/// The lifetime of [`DpopNonces::generate`]'s nonces: 5 minutes (a nonce is accepted for at
/// least that long and at most twice that long).
pub const DEFAULT_DPOP_NONCE_LIFETIME: Duration = Duration::from_secs(300);

/// Issues and checks DPoP nonces without storing them: a nonce is the number of the current
/// time window with an HMAC-SHA-256 tag of it under a secret key. A nonce is accepted in its
/// window and the next one; a nonce from an older window, or one the key did not tag, is
/// refused, and the proof gets a `use_dpop_nonce` answer with a fresh nonce.
///
/// Instances that share the secret ([`DpopNonces::from_secret`]) accept each other's
/// nonces; [`DpopNonces::generate`] makes a random secret for a single instance.
///
/// ```
/// use jose_jws::JwsAlgorithm;
/// use jose_oauth::{DpopNonces, DpopVerifier};
///
/// let nonces = DpopNonces::generate(std::time::Duration::from_secs(300))?;
/// let verifier = DpopVerifier::new([JwsAlgorithm::ES256])?.require_nonce(nonces.checker());
/// let fresh = nonces.issue(); // for the `DPoP-Nonce` response header
/// assert!(nonces.accepts(&fresh));
/// assert!(!nonces.accepts("eyJ7S_zG.eyJH0-Z.HX4w-7v"));
/// # let _ = verifier;
/// # Ok::<(), jose_oauth::Error>(())
/// ```
#[derive(Clone)]
pub struct DpopNonces {
    key: Hmac<Sha256>,
    lifetime: u64,
    clock: SharedClock,
}

impl core::fmt::Debug for DpopNonces {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("DpopNonces")
            .field("key", &"[redacted]")
            .field("lifetime", &self.lifetime)
            .finish_non_exhaustive()
    }
}

impl DpopNonces {
    /// Nonces under a fresh random 256-bit key, living `lifetime` (at least 1 s).
    ///
    /// # Errors
    ///
    /// [`Error::Configuration`] when the system random source fails.
    pub fn generate(lifetime: Duration) -> Result<Self, Error> {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret)
            .map_err(|e| Error::configuration(format!("the system random source failed: {e}")))?;
        let nonces = Self::from_secret(&secret, lifetime);
        secret.fill(0);
        nonces
    }

    /// Nonces under `secret` (at least 32 bytes), shared by the instances of a service.
    ///
    /// # Errors
    ///
    /// [`Error::Configuration`] for a secret shorter than 32 bytes.
    pub fn from_secret(secret: &[u8], lifetime: Duration) -> Result<Self, Error> {
        if secret.len() < 32 {
            return Err(Error::configuration(
                "a DPoP nonce secret must have at least 32 bytes",
            ));
        }
        let key = Hmac::<Sha256>::new_from_slice(secret)
            .map_err(|e| Error::configuration(format!("DPoP nonce key: {e}")))?;
        Ok(Self {
            key,
            lifetime: lifetime.as_secs().max(1),
            clock: SharedClock::system(),
        })
    }

    /// Reads the current time from `clock` (default: the system clock).
    #[must_use]
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = SharedClock::new(clock);
        self
    }

    fn window(&self) -> u64 {
        self.clock.now_secs() / self.lifetime
    }

    fn tag(&self, window: u64) -> hmac::Hmac<Sha256> {
        let mut mac = self.key.clone();
        mac.update(b"DPoP-Nonce\0");
        mac.update(&window.to_be_bytes());
        mac
    }

    /// A nonce for the `DPoP-Nonce` header: 54 characters of base64url and one `.`.
    pub fn issue(&self) -> String {
        let window = self.window();
        let tag = self.tag(window).finalize().into_bytes();
        format!(
            "{}.{}",
            base64url::encode(window.to_be_bytes()),
            base64url::encode(tag)
        )
    }
    /// Whether `nonce` was issued with this secret in the current window or the previous
    /// one. The tag is compared in constant time.
    pub fn accepts(&self, nonce: &str) -> bool {
        let Some((window, tag)) = nonce.split_once('.') else {
            return false;
        };
        let mut window_bytes = [0u8; 8];
        match base64url::decode_to(window, &mut window_bytes) {
            Ok(decoded) if decoded.len() == 8 => {}
            _ => return false,
        }
        let window = u64::from_be_bytes(window_bytes);
        let now = self.window();
        if window != now && Some(window) != now.checked_sub(1) {
            return false;
        }
        let mut tag_bytes = [0u8; 32];
        match base64url::decode_to(tag, &mut tag_bytes) {
            Ok(decoded) if decoded.len() == 32 => {}
            _ => return false,
        }
        self.tag(window).verify_slice(&tag_bytes).is_ok()
    }

    /// The check to give [`crate::DpopVerifier::require_nonce`].
    pub fn checker(&self) -> impl Fn(&str) -> bool + Send + Sync + 'static {
        let nonces = Arc::new(self.clone());
        move |nonce| nonces.accepts(nonce)
    }
}

#[cfg(test)]
mod tests {
    use jose_jwt::FixedClock;

    use super::*;

    const LIFE: Duration = Duration::from_secs(300);

    fn at(secs: u64) -> DpopNonces {
        DpopNonces::from_secret(&[7u8; 32], LIFE)
            .unwrap()
            .clock(FixedClock::at_secs(secs))
    }

    #[test]
    fn accepted_for_one_to_two_lifetimes() {
        let t0 = 1_767_225_600; // a window boundary (divisible by 300)
        let nonce = at(t0).issue();
        assert_eq!(nonce.len(), 55);
        assert!(
            nonce
                .bytes()
                .all(|b| matches!(b, 0x21 | 0x23..=0x5B | 0x5D..=0x7E))
        );
        assert!(at(t0).accepts(&nonce));
        assert!(at(t0 + 599).accepts(&nonce));
        assert!(!at(t0 + 600).accepts(&nonce));
        assert!(!at(t0 - 1).accepts(&nonce)); // from the future
        // Another secret, a changed tag or window, garbage.
        let other = DpopNonces::from_secret(&[8u8; 32], LIFE)
            .unwrap()
            .clock(FixedClock::at_secs(t0));
        assert!(!other.accepts(&nonce));
        let (window, tag) = nonce.split_once('.').unwrap();
        let first = if tag.starts_with('A') { "B" } else { "A" };
        let flipped = format!("{window}.{first}{}", &tag[1..]);
        assert!(!at(t0).accepts(&flipped));
        let next_window = base64url::encode((t0 / 300 + 1).to_be_bytes());
        assert!(!at(t0 + 300).accepts(&format!("{next_window}.{tag}")));
        let long = "A".repeat(2000);
        for bad in [
            "",
            ".",
            "x",
            "AAAAAAAAAAA.",
            ".AAAA",
            "AAAA.AAAA",
            long.as_str(),
        ] {
            assert!(!at(t0).accepts(bad), "{bad}");
        }
        assert!(DpopNonces::from_secret(&[1u8; 31], LIFE).is_err());
        let random = DpopNonces::generate(LIFE).unwrap();
        assert!(random.accepts(&random.issue()));
        assert!(format!("{random:?}").contains("[redacted]"));
        let check = random.checker();
        assert!(check(&random.issue()) && !check(&nonce));
    }
}
