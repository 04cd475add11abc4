//! NumericDate (RFC 7519 §2): seconds since 1970-01-01T00:00:00Z UTC, ignoring leap seconds.

use core::fmt;
use std::time::{Duration, SystemTime};

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::time::write_rfc3339;

/// A NumericDate (RFC 7519 §2): a time from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z,
/// to the nanosecond.
///
/// In JSON it is a number, integer or fractional (`1300819380`, `1300819380.5`). Anything else
/// — a string, a boolean, `null`, a negative number, a number past the year 9999 — is not a
/// NumericDate, and a claim holding one makes the token invalid (never "absent").
/// `Display` gives RFC 3339 text.
///
/// ```
/// use jose_jwt::NumericDate;
///
/// let exp = NumericDate::from_secs(1_300_819_380)?;
/// assert_eq!(exp.to_string(), "2011-03-22T18:43:00Z");
/// assert!(NumericDate::from_secs(253_402_300_800).is_err()); // 10000-01-01
///
/// let parsed: NumericDate = serde_json::from_str("1300819380.5")?;
/// assert_eq!(parsed.secs(), 1_300_819_380);
/// assert!(serde_json::from_str::<NumericDate>("\"1300819380\"").is_err());
/// assert!(serde_json::from_str::<NumericDate>("-1").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NumericDate(Duration);

/// Why a JSON value is not a NumericDate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateProblem {
    Negative,
    TooLarge,
    NotFinite,
}

impl DateProblem {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Self::Negative => "is negative (a NumericDate is at or after 1970-01-01T00:00:00Z)",
            Self::TooLarge => {
                "is past 253402300799 (9999-12-31T23:59:59Z), the largest NumericDate accepted"
            }
            Self::NotFinite => "is not a finite number",
        }
    }
}

impl NumericDate {
    /// The largest NumericDate accepted, in seconds: 9999-12-31T23:59:59Z.
    pub const MAX_SECS: u64 = 253_402_300_799;

    /// 1970-01-01T00:00:00Z.
    pub const EPOCH: Self = Self(Duration::ZERO);

    /// The NumericDate `secs` seconds after the epoch.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Configuration`] past [`NumericDate::MAX_SECS`].
    pub fn from_secs(secs: u64) -> Result<Self, crate::Error> {
        Self::checked(Duration::from_secs(secs)).ok_or_else(out_of_range)
    }

    /// The NumericDate of a [`SystemTime`], to the nanosecond.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Configuration`] before 1970 or after the year 9999.
    pub fn from_system_time(time: SystemTime) -> Result<Self, crate::Error> {
        time.duration_since(SystemTime::UNIX_EPOCH)
            .ok()
            .and_then(Self::checked)
            .ok_or_else(out_of_range)
    }

    /// The time since the epoch, if it is in range.
    pub(crate) fn checked(since_epoch: Duration) -> Option<Self> {
        (since_epoch <= Duration::from_secs(Self::MAX_SECS)).then_some(Self(since_epoch))
    }

    /// A JSON number that is an integer.
    pub(crate) fn from_u64(secs: u64) -> Result<Self, DateProblem> {
        Self::checked(Duration::from_secs(secs)).ok_or(DateProblem::TooLarge)
    }

    /// A JSON number that is a negative integer.
    pub(crate) fn from_i64(secs: i64) -> Result<Self, DateProblem> {
        match u64::try_from(secs) {
            Ok(secs) => Self::from_u64(secs),
            Err(_) => Err(DateProblem::Negative),
        }
    }

    /// A JSON number with a fraction or an exponent (or an integer beyond `u64`).
    pub(crate) fn from_f64(secs: f64) -> Result<Self, DateProblem> {
        if !secs.is_finite() {
            return Err(DateProblem::NotFinite);
        }
        if secs < 0.0 {
            return Err(DateProblem::Negative);
        }
        // Compared as f64 before any conversion: every value up to MAX_SECS is exact.
        if secs > Self::MAX_SECS as f64 {
            return Err(DateProblem::TooLarge);
        }
        Duration::try_from_secs_f64(secs)
            .ok()
            .and_then(Self::checked)
            .ok_or(DateProblem::TooLarge)
    }

    /// Whole seconds since the epoch.
    pub fn secs(self) -> u64 {
        self.0.as_secs()
    }

    /// The time since the epoch.
    pub fn since_epoch(self) -> Duration {
        self.0
    }

    /// The same time as a [`SystemTime`].
    pub fn to_system_time(self) -> SystemTime {
        SystemTime::UNIX_EPOCH + self.0
    }

    /// This time plus `duration`, if the result is a NumericDate.
    pub fn checked_add(self, duration: Duration) -> Option<Self> {
        self.0.checked_add(duration).and_then(Self::checked)
    }

    /// This time minus `duration`, if the result is not before the epoch.
    pub fn checked_sub(self, duration: Duration) -> Option<Self> {
        self.0.checked_sub(duration).map(Self)
    }
}

fn out_of_range() -> crate::Error {
    crate::Error::Configuration {
        reason: "a NumericDate must be from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z".into(),
    }
}

impl fmt::Display for NumericDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_rfc3339(f, self.0)
    }
}

/// An integer when the time is whole seconds, else a fractional number.
impl Serialize for NumericDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.subsec_nanos() == 0 {
            serializer.serialize_u64(self.0.as_secs())
        } else {
            serializer.serialize_f64(self.0.as_secs_f64())
        }
    }
}

/// Only a JSON number in range; the same rules as claim validation.
impl<'de> Deserialize<'de> for NumericDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;

        impl Visitor<'_> for DateVisitor {
            type Value = NumericDate;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a NumericDate (a JSON number of seconds since 1970)")
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<NumericDate, E> {
                NumericDate::from_u64(v).map_err(|p| E::custom(p.describe()))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<NumericDate, E> {
                NumericDate::from_i64(v).map_err(|p| E::custom(p.describe()))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<NumericDate, E> {
                NumericDate::from_f64(v).map_err(|p| E::custom(p.describe()))
            }
        }

        deserializer.deserialize_any(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<NumericDate, String> {
        serde_json::from_str::<NumericDate>(json).map_err(|e| e.to_string())
    }

    #[test]
    fn accepts_integers_and_fractions_in_range() {
        assert_eq!(parse("0").unwrap(), NumericDate::EPOCH);
        assert_eq!(parse("1300819380").unwrap().secs(), 1_300_819_380);
        let half = parse("1.5").unwrap();
        assert_eq!(half.since_epoch(), Duration::from_millis(1500));
        assert_eq!(parse("253402300799").unwrap().secs(), NumericDate::MAX_SECS);
        assert_eq!(parse("1e3").unwrap().secs(), 1000);
        assert_eq!(parse("-0.0").unwrap(), NumericDate::EPOCH);
    }

    #[test]
    fn refuses_other_types_negatives_and_out_of_range() {
        for bad in [
            "\"9999999999\"",
            "\"0\"",
            "true",
            "null",
            "[1]",
            "{}",
            "-1",
            "-0.5",
            "-9223372036854775808",
            "18446744073709551615",
            "18446744073709551616",
            "1e400",
            "1.7976931348623157e308",
            "253402300800",
            "253402300799.5",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert!(parse("-1").unwrap_err().contains("negative"));
        assert!(parse("253402300800").unwrap_err().contains("9999"));
    }

    #[test]
    fn serializes_as_integer_or_fraction() {
        let whole = NumericDate::from_secs(10).unwrap();
        assert_eq!(serde_json::to_string(&whole).unwrap(), "10");
        let half = NumericDate::checked(Duration::from_millis(10_500)).unwrap();
        assert_eq!(serde_json::to_string(&half).unwrap(), "10.5");
        assert_eq!(parse("10.5").unwrap(), half);
    }

    #[test]
    fn conversions_and_arithmetic() {
        let max = NumericDate::from_secs(NumericDate::MAX_SECS).unwrap();
        assert_eq!(max.to_string(), "9999-12-31T23:59:59Z");
        assert!(max.checked_add(Duration::from_secs(1)).is_none());
        assert!(max.checked_add(Duration::MAX).is_none());
        assert!(
            NumericDate::EPOCH
                .checked_sub(Duration::from_nanos(1))
                .is_none()
        );
        assert!(NumericDate::from_secs(NumericDate::MAX_SECS + 1).is_err());
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(42);
        assert_eq!(
            NumericDate::from_system_time(t).unwrap().to_system_time(),
            t
        );
        assert!(
            NumericDate::from_system_time(SystemTime::UNIX_EPOCH - Duration::from_secs(1)).is_err()
        );
        assert_eq!(NumericDate::from_f64(f64::NAN), Err(DateProblem::NotFinite));
        assert_eq!(
            NumericDate::from_f64(f64::INFINITY),
            Err(DateProblem::NotFinite)
        );
        assert_eq!(NumericDate::from_i64(-5), Err(DateProblem::Negative));
        assert_eq!(NumericDate::from_i64(5).unwrap().secs(), 5);
    }
}
