//! NumericDate (RFC 7519 §2: seconds since 1970-01-01T00:00:00Z, leap seconds ignored) as
//! RFC 3339 UTC text (jose-jwt's formatting) and as a time relative to now.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::duration;

/// The current time as a NumericDate.
pub fn now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_secs()).map_or(i64::MIN, |s| -s),
    }
}

/// `seconds` as RFC 3339 UTC (`2026-01-01T00:00:00Z`), or `None` outside the range of a
/// valid NumericDate (1970 to 9999), as jose-jwt formats it.
pub fn rfc3339(seconds: i64) -> Option<String> {
    let seconds = u64::try_from(seconds).ok()?;
    jose_jwt::NumericDate::from_secs(seconds)
        .ok()
        .map(|date| date.to_string())
}

/// `at` relative to `now` in words: `in 14 minutes`, `3 days ago`, `now`.
pub fn relative(at: i64, now: i64) -> String {
    let difference = i128::from(at) - i128::from(now);
    let magnitude = u64::try_from(difference.unsigned_abs()).unwrap_or(u64::MAX);
    if magnitude == 0 {
        return "now".to_owned();
    }
    let words = duration::human(magnitude);
    if difference > 0 {
        format!("in {words}")
    } else {
        format!("{words} ago")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_rfc3339() {
        assert_eq!(rfc3339(0).unwrap(), "1970-01-01T00:00:00Z");
        // RFC 7519 §3.1 example: "exp":1300819380.
        assert_eq!(rfc3339(1_300_819_380).unwrap(), "2011-03-22T18:43:00Z");
        assert_eq!(rfc3339(951_782_400).unwrap(), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_767_225_599).unwrap(), "2025-12-31T23:59:59Z");
        assert_eq!(rfc3339(253_402_300_799).unwrap(), "9999-12-31T23:59:59Z");
        assert_eq!(rfc3339(253_402_300_800), None);
        assert_eq!(rfc3339(-1), None);
        assert_eq!(rfc3339(i64::MAX), None);
    }

    #[test]
    fn relative_times() {
        assert_eq!(relative(100, 100), "now");
        assert_eq!(relative(100 + 900, 100), "in 15 minutes");
        assert_eq!(relative(100, 100 + 3 * 86_400), "3 days ago");
        assert!(relative(i64::MIN, i64::MAX).ends_with(" ago"));
        assert!(now() > 1_700_000_000);
    }
}
