//! Compact JWE parsing: never panics, whatever the input.
#![no_main]

use jose_jwe::compact::UnverifiedCompactJwe;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(token) = std::str::from_utf8(data) else { return };
    let _ = UnverifiedCompactJwe::parse(token);
});
