//! Compact JWE parsing (`UnverifiedCompactJwe::parse`): never panics, whatever the input; an
//! accepted token has exactly four dots, every segment is strict base64url, its protected
//! header is the first segment and decodes again to the reported header, and a tighter limit
//! never accepts what the default refused.
#![no_main]

use jose_b64::serde_json::{Map, Value};
use jose_b64::{Base64UrlJson, base64url};
use jose_jwe::Limits;
use jose_jwe::compact::UnverifiedCompactJwe;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(token) = std::str::from_utf8(data) else {
        return;
    };
    let mut tight = Limits::DEFAULT;
    tight.max_header_len = 64;
    let tight = UnverifiedCompactJwe::parse_with(token, &tight);
    let Ok(parsed) = UnverifiedCompactJwe::parse(token) else {
        assert!(
            tight.is_err(),
            "a tighter limit accepted what the default refused"
        );
        return;
    };
    assert_eq!(token.bytes().filter(|&b| b == b'.').count(), 4);
    for segment in token.split('.') {
        assert!(
            base64url::decode(segment).is_ok(),
            "segment {segment:?} is not base64url"
        );
    }
    let encoded = parsed.protected_header_encoded();
    assert!(!encoded.is_empty());
    assert_eq!(token.split('.').next(), Some(encoded));
    let again: Base64UrlJson<Map<String, Value>> =
        Base64UrlJson::decode(encoded).expect("an accepted header decodes again");
    assert_eq!(again.value(), parsed.protected_header());
    if let Ok(tight) = &tight {
        assert_eq!(tight.protected_header(), parsed.protected_header());
    }
});
