//! Large plaintexts through the compact serialization: the decoded ciphertext is decrypted in
//! place by `Decrypter::decrypt_compact`, while `UnverifiedCompactJwe::decrypt` leaves the
//! parsed JWE intact, so that it can be tried again with another key.

use jose_b64::base64url;
use jose_jwe::compact::{self, UnverifiedCompactJwe};
use jose_jwe::{Decrypter, EncryptingKey, Error, Header, JweAlgorithm, JweEncryption, Limits};

#[test]
fn large_plaintexts_round_trip_in_place_and_borrowed() {
    let plaintext: Vec<u8> = (0..300_001u32).map(|i| (i * 7 + (i >> 9)) as u8).collect();
    for enc in [JweEncryption::A256GCM, JweEncryption::A128CBC_HS256] {
        let secret: Vec<u8> = (0..enc.key_len()).map(|i| i as u8).collect();
        let key = EncryptingKey::symmetric(&secret, JweAlgorithm::Dir).unwrap();
        let other = EncryptingKey::symmetric(&vec![1; enc.key_len()], JweAlgorithm::Dir).unwrap();
        let token = compact::encrypt(&key, enc, &Header::new(), &plaintext).unwrap();
        let limits = Limits::DEFAULT
            .with_max_token_len(1 << 20)
            .with_max_header_len(Limits::DEFAULT.max_header_len);
        let decrypter = Decrypter::new([JweAlgorithm::Dir], [enc])
            .unwrap()
            .with_limits(limits);

        let decrypted = decrypter
            .decrypt_compact(&token, &key.to_decrypting_key())
            .unwrap();
        assert_eq!(decrypted.plaintext(), plaintext, "{enc}");
        assert_eq!(decrypted.into_plaintext().as_slice(), plaintext, "{enc}");

        // A failed attempt on the parsed JWE must not consume or alter its ciphertext.
        let parsed = UnverifiedCompactJwe::parse_with(&token, &limits).unwrap();
        assert_eq!(
            parsed
                .decrypt(&decrypter, &other.to_decrypting_key())
                .unwrap_err(),
            Error::DecryptionFailed,
            "{enc}"
        );
        for _ in 0..2 {
            let again = parsed
                .decrypt(&decrypter, &key.to_decrypting_key())
                .unwrap();
            assert_eq!(again.plaintext(), plaintext, "{enc}");
        }

        // One flipped ciphertext bit: the one opaque error.
        let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
        let mut ciphertext = base64url::decode(&parts[3]).unwrap();
        ciphertext[150_000] ^= 1;
        parts[3] = base64url::encode(&ciphertext);
        let tampered = parts.join(".");
        assert_eq!(
            decrypter
                .decrypt_compact(&tampered, &key.to_decrypting_key())
                .unwrap_err(),
            Error::DecryptionFailed,
            "{enc}"
        );
    }
}
