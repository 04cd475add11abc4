//! JWK Set parsing and lookup: never panics.
#![no_main]

use jose_jwk::{JwkSet, KeySelector};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(set) = JwkSet::from_json(text) else {
        return;
    };
    for key in set.keys() {
        if let Some(kid) = key.kid() {
            assert_eq!(set.find_kid(kid).ok(), Some(key));
        }
    }
    let _ = set.select(&KeySelector::new().alg("ES256"));
    let _ = JwkSet::from_json(&set.to_json()).expect("a parsed set re-parses");
});
