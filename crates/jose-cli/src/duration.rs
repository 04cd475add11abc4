//! Durations as people write them on a command line (`30s`, `15m`, `2h`, `1d`, `1h30m`) and
//! as the tool prints them.

/// The largest duration accepted: 100 years, far beyond any token lifetime or leeway.
pub const MAX_SECONDS: u64 = 100 * 365 * DAY;

const MINUTE: u64 = 60;
const HOUR: u64 = 60 * MINUTE;
const DAY: u64 = 24 * HOUR;
const WEEK: u64 = 7 * DAY;

/// Parses a duration into seconds: one or more `<number><unit>` parts with the units `s`,
/// `m`, `h`, `d`, `w` (`1h30m`), or a bare number of seconds (`90`).
///
/// The error is a message for the command line.
pub fn parse(text: &str) -> Result<u64, String> {
    let invalid = || {
        format!(
            "invalid duration \"{}\": use a number with a unit s, m, h, d or w, such as 30s, 15m, 2h, 1d or 1h30m",
            jose_b64::printable(text)
        )
    };
    if text.is_empty() {
        return Err(invalid());
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text
            .parse::<u64>()
            .ok()
            .filter(|s| *s <= MAX_SECONDS)
            .ok_or_else(invalid);
    }
    let mut total: u64 = 0;
    let mut number: Option<u64> = None;
    for c in text.chars() {
        if let Some(digit) = c.to_digit(10) {
            let n = number
                .unwrap_or(0)
                .checked_mul(10)
                .and_then(|n| n.checked_add(u64::from(digit)))
                .ok_or_else(invalid)?;
            number = Some(n);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => MINUTE,
            'h' => HOUR,
            'd' => DAY,
            'w' => WEEK,
            _ => return Err(invalid()),
        };
        let n = number.take().ok_or_else(invalid)?;
        total = n
            .checked_mul(unit)
            .and_then(|part| total.checked_add(part))
            .ok_or_else(invalid)?;
    }
    if number.is_some() || total > MAX_SECONDS {
        return Err(invalid());
    }
    Ok(total)
}

/// A duration in words with its two largest units: `45 seconds`, `14 minutes`,
/// `2 hours 5 minutes`, `3 days 1 hour`, `6 years 177 days` (a year counted as 365 days).
pub fn human(seconds: u64) -> String {
    const UNITS: [(u64, &str); 5] = [
        (365 * DAY, "year"),
        (DAY, "day"),
        (HOUR, "hour"),
        (MINUTE, "minute"),
        (1, "second"),
    ];
    let words = |count: u64, name: &str| {
        let plural = if count == 1 { "" } else { "s" };
        format!("{count} {name}{plural}")
    };
    let mut units = UNITS.iter().skip_while(|(size, _)| seconds < *size);
    let Some(&(size, name)) = units.next() else {
        return "0 seconds".to_owned();
    };
    let mut out = words(seconds / size, name);
    if let Some(&(next, next_name)) = units.next() {
        let count = (seconds % size) / next;
        if count > 0 {
            out.push(' ');
            out.push_str(&words(count, next_name));
        }
    }
    out
}

/// A duration as the shortest command-line form: `30s`, `15m`, `1h30m`.
pub fn short(seconds: u64) -> String {
    if seconds == 0 {
        return "0s".to_owned();
    }
    let mut out = String::new();
    let mut rest = seconds;
    for (size, unit) in [(DAY, 'd'), (HOUR, 'h'), (MINUTE, 'm'), (1, 's')] {
        let count = rest / size;
        if count > 0 {
            out.push_str(&count.to_string());
            out.push(unit);
            rest %= size;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_units_and_combinations() {
        assert_eq!(parse("30s"), Ok(30));
        assert_eq!(parse("15m"), Ok(900));
        assert_eq!(parse("2h"), Ok(7200));
        assert_eq!(parse("1d"), Ok(86_400));
        assert_eq!(parse("1w"), Ok(604_800));
        assert_eq!(parse("1h30m"), Ok(5400));
        assert_eq!(parse("90"), Ok(90));
        assert_eq!(parse("0s"), Ok(0));
    }

    #[test]
    fn refuses_what_is_not_a_duration() {
        for bad in [
            "",
            "m",
            "15x",
            "1.5h",
            "-5m",
            "15m3",
            "h1",
            " 1m",
            "99999999999999999999s",
            "36501d",
        ] {
            let e = parse(bad).unwrap_err();
            assert!(e.starts_with("invalid duration"), "{bad}: {e}");
        }
        assert!(parse(&format!("{}", MAX_SECONDS + 1)).is_err());
        assert_eq!(parse(&format!("{MAX_SECONDS}")), Ok(MAX_SECONDS));
    }

    #[test]
    fn prints_in_words_and_short() {
        assert_eq!(human(0), "0 seconds");
        assert_eq!(human(1), "1 second");
        assert_eq!(human(45), "45 seconds");
        assert_eq!(human(14 * 60 + 59), "14 minutes 59 seconds");
        assert_eq!(human(7200), "2 hours");
        assert_eq!(human(7200 + 300 + 7), "2 hours 5 minutes");
        assert_eq!(human(3 * 86_400 + 3600), "3 days 1 hour");
        assert_eq!(human(86_400 + 59), "1 day");
        assert_eq!(human(2_000_000_000), "63 years 153 days");
        assert_eq!(short(0), "0s");
        assert_eq!(short(5400), "1h30m");
        assert_eq!(short(86_400 + 1), "1d1s");
    }
}
