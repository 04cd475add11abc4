//! Strict JSON: never panics; an accepted object has no duplicate names, and the serde path
//! (`StrictValue`) agrees with the checking path.
#![no_main]

use jose_b64::json::{self, StrictValue};
use jose_b64::serde_json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let checked = json::parse::<serde_json::Value>(data);
    let strict = std::str::from_utf8(data)
        .ok()
        .map(serde_json::from_str::<StrictValue>);
    if let Ok(value) = &checked {
        let strict = strict
            .expect("accepted input is UTF-8")
            .expect("both paths accept");
        assert_eq!(&strict.0, value);
    }
    let _ = json::parse_object_map(data);
});
