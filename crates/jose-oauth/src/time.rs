//! The clock the profiles read, shared with the JWT validation.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use jose_jwt::{Clock, SystemClock};

/// A clock that can be cloned into a [`jose_jwt::Validation`] and kept for the profile's own
/// time checks, so that both read the same time.
#[derive(Clone)]
pub(crate) struct SharedClock(Arc<dyn Clock>);

impl SharedClock {
    pub(crate) fn system() -> Self {
        Self(Arc::new(SystemClock))
    }

    pub(crate) fn new(clock: impl Clock + 'static) -> Self {
        Self(Arc::new(clock))
    }

    /// Whole seconds since the epoch (0 for a clock before it).
    pub(crate) fn now_secs(&self) -> u64 {
        self.0
            .now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    }
}

impl Clock for SharedClock {
    fn now(&self) -> SystemTime {
        self.0.now()
    }
}

impl core::fmt::Debug for SharedClock {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("SharedClock")
    }
}
