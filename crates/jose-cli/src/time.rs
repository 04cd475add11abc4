//! NumericDate (RFC 7519 §2: seconds since 1970-01-01T00:00:00Z, leap seconds ignored) as
//! RFC 3339 UTC text and as a time relative to now.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::duration;

/// 0001-01-01T00:00:00Z, the first instant RFC 3339 can write.
const MIN: i64 = -62_135_596_800;
/// 9999-12-31T23:59:59Z, the last instant RFC 3339 can write.
const MAX: i64 = 253_402_300_799;

/// The current time as a NumericDate.
pub fn now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_secs()).map_or(i64::MIN, |s| -s),
    }
}

/// `seconds` as RFC 3339 UTC (`2026-01-01T00:00:00Z`), or `None` outside the years 1–9999.
pub fn rfc3339(seconds: i64) -> Option<String> {
    if !(MIN..=MAX).contains(&seconds) {
        return None;
    }
    let days = seconds.div_euclid(86_400);
    let second_of_day = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        second_of_day / 3600,
        second_of_day % 3600 / 60,
        second_of_day % 60
    ))
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

/// The proleptic Gregorian date of a day count from 1970-01-01 (H. Hinnant's
/// `civil_from_days`), for day counts within the years 1–9999.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
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
        assert_eq!(rfc3339(-1).unwrap(), "1969-12-31T23:59:59Z");
        assert_eq!(rfc3339(MIN).unwrap(), "0001-01-01T00:00:00Z");
        assert_eq!(rfc3339(MAX).unwrap(), "9999-12-31T23:59:59Z");
        assert_eq!(rfc3339(MAX + 1), None);
        assert_eq!(rfc3339(MIN - 1), None);
        assert_eq!(rfc3339(i64::MAX), None);
    }

    fn month_length(year: i64, month: i64) -> i64 {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    #[test]
    fn every_day_of_four_centuries_follows_the_previous_one() {
        let mut previous = civil_from_days(-1);
        assert_eq!(previous, (1969, 12, 31));
        for days in 0..146_097 {
            let date = civil_from_days(days);
            let (y, m, d) = previous;
            let expected = if d < month_length(y, m) {
                (y, m, d + 1)
            } else if m < 12 {
                (y, m + 1, 1)
            } else {
                (y + 1, 1, 1)
            };
            assert_eq!(date, expected, "after {previous:?}");
            previous = date;
        }
        assert_eq!(previous, (2369, 12, 31));
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
