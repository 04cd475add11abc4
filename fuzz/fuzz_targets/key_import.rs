//! PEM and DER key import: never panics; an accepted key re-exports (PKCS #8 for a private
//! key, SPKI for a public one: every key type that imports exports) and re-imports to itself.
//! The first byte chooses the format.
#![no_main]

use jose_jwk::Jwk;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let imported = match selector % 6 {
        0 => match std::str::from_utf8(body) {
            Ok(pem) => Jwk::from_pem(pem),
            Err(_) => return,
        },
        1 => Jwk::from_spki_der(body),
        2 => Jwk::from_pkcs8_der(body),
        3 => Jwk::from_pkcs1_private_der(body),
        4 => Jwk::from_sec1_der(body),
        _ => Jwk::from_pkcs1_public_der(body),
    };
    let Ok(jwk) = imported else { return };
    if jwk.is_private() {
        let der = jwk
            .to_pkcs8_der()
            .expect("an imported private key exports to PKCS #8");
        assert_eq!(Jwk::from_pkcs8_der(&der).expect("re-import"), jwk);
    } else {
        let der = jwk
            .to_spki_der()
            .expect("an imported public key exports to SPKI");
        assert_eq!(Jwk::from_spki_der(&der).expect("re-import"), jwk);
    }
});
