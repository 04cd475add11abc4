//! Clocks, and the RFC 3339 text of times and durations used in error messages.

use core::any::Any;
use core::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// Where validation and the builder read the current time from. Inject a fixed clock in
/// tests; the default is [`SystemClock`].
///
/// Any `Fn() -> SystemTime + Send + Sync` closure is a clock.
///
/// ```
/// use std::time::{Duration, SystemTime, UNIX_EPOCH};
/// use jose_jwt::{Clock, FixedClock};
///
/// let clock = FixedClock::new(UNIX_EPOCH + Duration::from_secs(1_300_000_000));
/// assert_eq!(clock.now(), UNIX_EPOCH + Duration::from_secs(1_300_000_000));
/// let closure = || UNIX_EPOCH;
/// assert_eq!(Clock::now(&closure), UNIX_EPOCH);
/// # let _ = SystemTime::now();
/// ```
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> SystemTime;
}

/// The operating system's clock, [`SystemTime::now`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A clock that always reads the same time (for tests and for checking published examples).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixedClock(SystemTime);

impl FixedClock {
    /// A clock stopped at `time`.
    pub fn new(time: SystemTime) -> Self {
        Self(time)
    }

    /// A clock stopped `secs` seconds after 1970-01-01T00:00:00Z.
    pub fn at_secs(secs: u64) -> Self {
        Self(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
    }
}

impl Clock for FixedClock {
    fn now(&self) -> SystemTime {
        self.0
    }
}

impl<F: Fn() -> SystemTime + Send + Sync> Clock for F {
    fn now(&self) -> SystemTime {
        self()
    }
}

/// A shareable clock, printed by name only. The system clock and fixed clocks are kept
/// inline, so that a builder or validation made per request allocates nothing for its clock.
#[derive(Clone)]
pub(crate) enum SharedClock {
    /// [`SystemClock`].
    System,
    /// A [`FixedClock`].
    Fixed(SystemTime),
    /// Any other clock.
    Other(Arc<dyn Clock>),
}

impl SharedClock {
    pub(crate) fn system() -> Self {
        Self::System
    }

    /// `clock`, inline when it is a [`SystemClock`] or a [`FixedClock`].
    pub(crate) fn new<C: Clock + 'static>(clock: C) -> Self {
        let any: &dyn Any = &clock;
        if any.is::<SystemClock>() {
            Self::System
        } else if let Some(fixed) = any.downcast_ref::<FixedClock>() {
            Self::Fixed(fixed.0)
        } else {
            Self::Other(Arc::new(clock))
        }
    }

    /// The current time.
    pub(crate) fn now(&self) -> SystemTime {
        match self {
            Self::System => SystemTime::now(),
            Self::Fixed(time) => *time,
            Self::Other(clock) => clock.now(),
        }
    }
}

impl fmt::Debug for SharedClock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Clock")
    }
}

/// Writes a time given as seconds since the epoch as RFC 3339 UTC text,
/// `2011-03-22T18:43:00Z`, with milliseconds when the time has a fraction
/// (`2011-03-22T18:43:00.500Z`).
pub(crate) fn write_rfc3339(f: &mut fmt::Formatter<'_>, since_epoch: Duration) -> fmt::Result {
    let secs = since_epoch.as_secs();
    let (year, month, day) = civil_from_days(secs / 86_400);
    let rem = secs % 86_400;
    write!(
        f,
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )?;
    let millis = since_epoch.subsec_millis();
    if since_epoch.subsec_nanos() != 0 {
        write!(f, ".{millis:03}")?;
    }
    f.write_str("Z")
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's
/// `civil_from_days`, for non-negative days).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    // Shift the epoch to 0000-03-01, so that leap days fall at the end of a year.
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097; // day of the 400-year era, [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // day of the March-based year
    let mp = (5 * doy + 2) / 153; // March-based month, [0, 11]
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

/// Writes a duration as seconds, `0s`, `30s`, `1.5s`.
pub(crate) fn write_secs(f: &mut fmt::Formatter<'_>, duration: Duration) -> fmt::Result {
    let secs = duration.as_secs();
    let millis = duration.subsec_millis();
    if duration.subsec_nanos() == 0 {
        write!(f, "{secs}s")
    } else {
        let text = format!("{secs}.{millis:03}");
        write!(f, "{}s", text.trim_end_matches('0').trim_end_matches('.'))
    }
}

/// A value that prints as seconds.
pub(crate) struct Secs(pub(crate) Duration);

impl fmt::Display for Secs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_secs(f, self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Rfc3339(Duration);

    impl fmt::Display for Rfc3339 {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write_rfc3339(f, self.0)
        }
    }

    fn text(secs: u64, nanos: u32) -> String {
        Rfc3339(Duration::new(secs, nanos)).to_string()
    }

    #[test]
    fn formats_known_dates() {
        assert_eq!(text(0, 0), "1970-01-01T00:00:00Z");
        // RFC 7519 §3.1's exp.
        assert_eq!(text(1_300_819_380, 0), "2011-03-22T18:43:00Z");
        assert_eq!(text(951_782_400, 0), "2000-02-29T00:00:00Z");
        assert_eq!(text(951_868_800, 0), "2000-03-01T00:00:00Z");
        assert_eq!(text(4_107_542_400, 0), "2100-03-01T00:00:00Z");
        assert_eq!(text(1_767_225_599, 0), "2025-12-31T23:59:59Z");
        assert_eq!(text(253_402_300_799, 0), "9999-12-31T23:59:59Z");
        assert_eq!(text(1, 500_000_000), "1970-01-01T00:00:01.500Z");
        assert_eq!(text(1, 1), "1970-01-01T00:00:01.000Z");
    }

    fn days_in_month(y: u64, m: u64) -> u64 {
        let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
        match m {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    #[test]
    fn every_day_of_four_centuries_follows_the_previous() {
        let mut previous = civil_from_days(0);
        for days in 1..146_097 * 2 {
            let (y, m, d) = civil_from_days(days);
            let (py, pm, pd) = previous;
            let next_day = y == py && m == pm && d == pd + 1 && d <= days_in_month(y, m);
            let next_month = y == py && m == pm + 1 && d == 1 && pd == days_in_month(py, pm);
            let next_year = y == py + 1 && m == 1 && d == 1 && pm == 12 && pd == 31;
            assert!(
                next_day || next_month || next_year,
                "{previous:?} -> {y}-{m}-{d}"
            );
            previous = (y, m, d);
        }
    }

    #[test]
    fn formats_durations() {
        assert_eq!(Secs(Duration::ZERO).to_string(), "0s");
        assert_eq!(Secs(Duration::from_secs(600)).to_string(), "600s");
        assert_eq!(Secs(Duration::from_millis(1500)).to_string(), "1.5s");
        assert_eq!(Secs(Duration::from_millis(1)).to_string(), "0.001s");
    }

    #[test]
    fn clocks() {
        let at = FixedClock::at_secs(5);
        assert_eq!(at.now(), SystemTime::UNIX_EPOCH + Duration::from_secs(5));
        assert!(SystemClock.now() > SystemTime::UNIX_EPOCH);
        assert_eq!(format!("{:?}", SharedClock::system()), "Clock");
    }

    #[test]
    fn shared_clocks_keep_system_and_fixed_clocks_inline() {
        assert!(matches!(SharedClock::new(SystemClock), SharedClock::System));
        let at = FixedClock::at_secs(5);
        assert!(matches!(SharedClock::new(at), SharedClock::Fixed(t) if t == at.now()));
        assert_eq!(SharedClock::new(at).now(), at.now());
        let closure = SharedClock::new(|| SystemTime::UNIX_EPOCH + Duration::from_secs(9));
        assert!(matches!(closure, SharedClock::Other(_)));
        assert_eq!(
            closure.now(),
            SystemTime::UNIX_EPOCH + Duration::from_secs(9)
        );
        assert!(SharedClock::system().now() > SystemTime::UNIX_EPOCH);
    }
}
