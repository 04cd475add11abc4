//! Which header a decrypted JWE's parameter comes from: an unprotected header of a JSON
//! serialization can be changed by anyone on the way without the decryption failing
//! (RFC 7516 §7.2.1), so `typ`, `cty` and application parameters are read from the protected
//! header.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use jose_b64::serde_json::{self, Value, json};
use jose_jwe::{
    Decrypter, EncryptingKey, Header, JweAlgorithm, JweEncryption, Location, compact,
    json as jwe_json,
};

#[test]
fn an_unprotected_typ_or_cty_added_on_the_way_is_not_a_protected_one() {
    let key = EncryptingKey::symmetric(&[3u8; 16], JweAlgorithm::A128KW).unwrap();
    let jwe = jwe_json::Encryptor::new(JweEncryption::A128GCM)
        .protected(Header::new().typ("app+jwe"))
        .recipient(&key, Header::new())
        .encrypt_general(b"x")
        .unwrap();
    // An attacker adds `cty` and an application parameter to the shared unprotected header,
    // and `x-role` to the recipient's: the JWE still decrypts.
    let mut changed: Value = serde_json::from_str(&jwe).unwrap();
    changed["unprotected"] = json!({"cty": "JWT", "x-role": "admin"});
    changed["recipients"][0]["header"]["x-level"] = json!(9);
    let decrypter = Decrypter::new([JweAlgorithm::A128KW], [JweEncryption::A128GCM]).unwrap();
    let decrypted = decrypter
        .decrypt_json(&changed.to_string(), &key.to_decrypting_key())
        .unwrap();
    // The merged view shows them; the protected-only accessor does not.
    assert_eq!(decrypted.header_param("cty").unwrap(), "JWT");
    for name in ["cty", "x-role", "x-level"] {
        assert!(decrypted.protected_header_param(name).is_none(), "{name}");
    }
    assert_eq!(decrypted.protected_header_param("typ").unwrap(), "app+jwe");
    // With the location, the caller can tell.
    let location = |name| decrypted.header_param_location(name).map(|(_, at)| at);
    assert_eq!(location("typ"), Some(Location::Protected));
    assert_eq!(location("cty"), Some(Location::Shared));
    assert_eq!(location("x-role"), Some(Location::Shared));
    assert_eq!(location("x-level"), Some(Location::PerEntry));
    assert_eq!(location("alg"), Some(Location::PerEntry));
    assert_eq!(location("absent"), None);

    // A compact JWE has only the protected header.
    let token = compact::encrypt(
        &key,
        JweEncryption::A128GCM,
        &Header::new().cty("JWT"),
        b"x",
    )
    .unwrap();
    let decrypted = decrypter
        .decrypt_compact(&token, &key.to_decrypting_key())
        .unwrap();
    assert_eq!(decrypted.protected_header_param("cty").unwrap(), "JWT");
    assert_eq!(
        decrypted.header_param_location("cty").map(|(_, at)| at),
        Some(Location::Protected)
    );
}
