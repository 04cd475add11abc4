//! Of several faults in the members a JWE JSON Serialization does not use, the first in the
//! text is reported, every time (found by the `jwe_json_decrypt` fuzz target: the members were
//! checked in a hash map's order, so that two parses could name different faults).

use jose_jwe::json::UnverifiedJsonJwe;

#[test]
fn the_first_fault_in_the_text_is_reported_every_time() {
    let json = r#"{"iv":"AAAAAAAAAAAAAAAA","ciphertext":"AA","tag":"AAAAAAAAAAAAAAAAAAAAAA","encrypted_key":"AA","x-first":[{"a":1,"a":2}],"x-second":{"b":1,"b":2},"x-third":{"c":1,"c":2}}"#;
    for _ in 0..32 {
        let e = UnverifiedJsonJwe::parse(json).unwrap_err();
        assert!(format!("{e:?}").contains(r#"name: "a""#), "{e:?}");
    }
}
