//! JWE JSON Serialization parsing (`UnverifiedJsonJwe::parse`): never panics, whatever the
//! input; an accepted JWE has at least one recipient (exactly one when flattened) and its
//! accessors hold up.
#![no_main]

use jose_jwe::json::UnverifiedJsonJwe;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(parsed) = UnverifiedJsonJwe::parse(text) else {
        return;
    };
    let count = parsed.recipient_count();
    assert!(count >= 1, "an accepted JWE has a recipient");
    assert!(!parsed.is_flattened() || count == 1);
    for i in 0..=count {
        let _ = parsed.recipient_header(i);
    }
    assert_eq!(
        parsed.protected_header().is_some(),
        parsed.protected_header_encoded().is_some()
    );
    let _ = (parsed.shared_unprotected_header(), parsed.aad());
});
