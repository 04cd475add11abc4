//! Strict base64url: decoding never panics, and whatever decodes re-encodes to the same text.
#![no_main]

use jose_b64::{SecretBytes, base64url};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let plain = base64url::decode(data);
    let secret = SecretBytes::from_base64url(data);
    assert_eq!(plain.is_ok(), secret.is_ok());
    if let Ok(bytes) = plain {
        assert_eq!(
            base64url::encode(&bytes).as_bytes(),
            data,
            "non-canonical text accepted"
        );
        assert_eq!(secret.map(|s| s.expose_secret().to_vec()).ok(), Some(bytes));
    }
});
