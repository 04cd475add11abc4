//! JWK parsing: never panics; an accepted key survives a round trip, and its public part
//! holds no private member.
#![no_main]

use jose_jwk::Jwk;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(jwk) = Jwk::from_json(text) else {
        return;
    };
    let again = Jwk::from_json(&jwk.to_json()).expect("a parsed JWK re-parses");
    assert_eq!(again, jwk);
    if let Ok(public) = jwk.to_public() {
        assert!(!public.is_private());
        let map = public.to_map();
        for member in ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] {
            assert!(!map.contains_key(member), "public JWK kept {member}");
        }
    }
    let _ = jwk.thumbprint(jose_jwk::ThumbprintHash::Sha256);
});
