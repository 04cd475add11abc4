//! Secrets leave no unwiped copies: every type that carries key material wipes it on drop,
//! and the JSON writers and the thumbprint input write into buffers of their exact size (a
//! buffer that grows leaves its old, unwiped allocation behind).
#![allow(clippy::unwrap_used)] // test helpers fail by panicking

use jose_b64::SecretBytes;
use jose_jwk::{EcKey, Jwk, JwkSet, Key, OctKey, OkpKey, RsaKey, RsaPrivateParams};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

const RSA_PRIVATE: &str = include_str!("data/rsa_private.json");
const OCT: &str = r#"{"kty":"oct","kid":"s","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;

fn wipes_on_drop<T: ZeroizeOnDrop>() {}
fn wipes<T: Zeroize>() {}

#[test]
fn every_secret_carrying_type_wipes_on_drop() {
    wipes::<SecretBytes>();
    wipes_on_drop::<SecretBytes>();
    wipes_on_drop::<OctKey>();
    wipes_on_drop::<EcKey>();
    wipes_on_drop::<OkpKey>();
    wipes_on_drop::<RsaKey>();
    wipes_on_drop::<RsaPrivateParams>();
    wipes_on_drop::<Key>();
    wipes_on_drop::<Jwk>();
    // The thumbprint input of a symmetric key holds the key.
    let oct = Jwk::from_json(OCT).unwrap();
    let _: Zeroizing<String> = oct.thumbprint_input();
}

#[test]
fn writers_leave_no_grown_buffer_behind() {
    for json in [OCT, RSA_PRIVATE] {
        let jwk = Jwk::from_json(json).unwrap();
        let text = jwk.to_json();
        assert_eq!(text.capacity(), text.len());
        assert_eq!(Jwk::from_json(&text).unwrap(), jwk);
        let set = JwkSet::from_keys(vec![jwk.clone()]).unwrap().to_json();
        assert_eq!(set.capacity(), set.len());
        let input = jwk.thumbprint_input();
        assert_eq!(input.capacity(), input.len());
    }
    // RFC 7638 §3.1, unchanged.
    let rsa = Jwk::from_json(RSA_PRIVATE).unwrap();
    assert_eq!(
        rsa.thumbprint(jose_jwk::ThumbprintHash::Sha256),
        rsa.to_public()
            .unwrap()
            .thumbprint(jose_jwk::ThumbprintHash::Sha256)
    );
}

#[test]
fn serialize_matches_to_json() {
    let jwk = Jwk::from_json(OCT).unwrap();
    let text = Zeroizing::new(jose_b64::serde_json::to_string(&jwk).unwrap());
    assert_eq!(*text, jwk.to_json());
}
