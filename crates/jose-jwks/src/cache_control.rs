//! The freshness of an answer: `Cache-Control: max-age` (RFC 9111 §5.2.2.1).

use std::time::Duration;

/// The answer's `max-age`; zero for `no-cache` / `no-store` (the caller clamps it to its
/// minimum); `None` when the header gives none.
pub(crate) fn max_age(cache_control: Option<&str>) -> Option<Duration> {
    let mut found = None;
    for directive in cache_control?.split(',') {
        let directive = directive.trim();
        let (name, value) = directive.split_once('=').unwrap_or((directive, ""));
        let name = name.trim();
        if name.eq_ignore_ascii_case("no-cache") || name.eq_ignore_ascii_case("no-store") {
            return Some(Duration::ZERO);
        }
        if name.eq_ignore_ascii_case("max-age") {
            let value = value.trim().trim_matches('"');
            if value.len() <= 12 && !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
                found = value.parse::<u64>().ok().map(Duration::from_secs);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives() {
        assert_eq!(
            max_age(Some("public, max-age=600")),
            Some(Duration::from_secs(600))
        );
        assert_eq!(
            max_age(Some("max-age=\"60\", must-revalidate")),
            Some(Duration::from_secs(60))
        );
        assert_eq!(max_age(Some("no-store, max-age=600")), Some(Duration::ZERO));
        assert_eq!(max_age(Some("private")), None);
        assert_eq!(max_age(Some("max-age=-1")), None);
        assert_eq!(max_age(Some("max-age=99999999999999999999")), None);
        assert_eq!(max_age(None), None);
    }
}
