//! Compact JWS parsing (`UnverifiedCompactJws::parse`): never panics; an accepted token has
//! exactly two dots, its protected header is the first segment, and the accessors agree with
//! a fresh decode of that segment.
#![no_main]

use jose_b64::Base64UrlJson;
use jose_b64::serde_json::{Map, Value};
use jose_jws::Limits;
use jose_jws::compact::UnverifiedCompactJws;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // A stricter limit never panics either, and never accepts what the default refused.
    let mut tight = Limits::DEFAULT;
    tight.max_header_len = 64;
    tight.max_header_depth = 2;
    let tight = UnverifiedCompactJws::parse_with(text, &tight);
    let Ok(parsed) = UnverifiedCompactJws::parse(text) else {
        assert!(
            tight.is_err(),
            "a tighter limit accepted what the default refused"
        );
        return;
    };
    if let Ok(tight) = &tight {
        assert_eq!(tight.protected_header(), parsed.protected_header());
    }
    assert_eq!(text.bytes().filter(|&b| b == b'.').count(), 2);
    let encoded = parsed.protected_header_encoded();
    assert!(!encoded.is_empty());
    assert_eq!(text.get(..encoded.len()), Some(encoded));
    assert_eq!(text.as_bytes().get(encoded.len()), Some(&b'.'));
    let again: Base64UrlJson<Map<String, Value>> =
        Base64UrlJson::decode(encoded).expect("an accepted header decodes again");
    assert_eq!(again.value(), parsed.protected_header());
    let _ = parsed.dangerous_insecure_payload();
    let _ = format!("{parsed:?}");
});
