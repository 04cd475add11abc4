//! AES_CBC_HMAC_SHA2: `A128CBC-HS256`, `A192CBC-HS384`, `A256CBC-HS512` (RFC 7518 §5.2).
//!
//! ```text
//! MAC_KEY = initial half of K,  ENC_KEY = final half of K
//! E = CBC-PKCS7-ENC(ENC_KEY, P)
//! M = HMAC(MAC_KEY, A || IV || E || AL),  AL = bit length of A, 64-bit big-endian
//! T = initial T_LEN octets of M
//! ```

use aes::{Aes128, Aes192, Aes256};
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{
    BlockCipherDecrypt, BlockCipherEncrypt, BlockModeDecrypt, BlockModeEncrypt, KeyInit, KeyIvInit,
};
use hmac::digest::Output;
use hmac::{Hmac, Mac};
use jose_jwk::alg::JweEncryption;
use sha2::{Sha256, Sha384, Sha512};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::Error;

/// The AES block size: the ciphertext is a non-empty multiple of it.
const BLOCK_LEN: usize = 16;

/// Encrypts; the caller has checked the lengths of `cek` (`enc.key_len()`) and `iv` (16).
pub(super) fn encrypt(
    enc: JweEncryption,
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<(Vec<u8>, Vec<u8>), Error> {
    let (mac_key, enc_key) = split_key(cek).ok_or_else(|| wrong_key(enc, cek))?;
    let ciphertext = match enc {
        JweEncryption::A128CBC_HS256 => cbc_encrypt::<Aes128>(enc_key, iv, plaintext)?,
        JweEncryption::A192CBC_HS384 => cbc_encrypt::<Aes192>(enc_key, iv, plaintext)?,
        JweEncryption::A256CBC_HS512 => cbc_encrypt::<Aes256>(enc_key, iv, plaintext)?,
        _ => return Err(not_cbc(enc)),
    };
    let too_long = || Error::invalid("the AAD is too long: its bit length does not fit in 64 bits");
    let tag = match enc {
        JweEncryption::A128CBC_HS256 => {
            truncated_tag::<Hmac<Sha256>>(enc, mac_key, aad, iv, &ciphertext)
                .ok_or_else(too_long)?
        }
        JweEncryption::A192CBC_HS384 => {
            truncated_tag::<Hmac<Sha384>>(enc, mac_key, aad, iv, &ciphertext)
                .ok_or_else(too_long)?
        }
        JweEncryption::A256CBC_HS512 => {
            truncated_tag::<Hmac<Sha512>>(enc, mac_key, aad, iv, &ciphertext)
                .ok_or_else(too_long)?
        }
        _ => return Err(not_cbc(enc)),
    };
    Ok((ciphertext, tag))
}

/// Verifies, then decrypts; the caller has checked the lengths of `cek`, `iv` and `tag`.
///
/// Order (RFC 7518 §5.2.2.2, RFC 7516 §11.5): ciphertext length, then the full HMAC
/// compared on its first T_LEN bytes in constant time, and only then CBC decryption and PKCS #7
/// unpadding, in place in `buffer` (which holds the ciphertext). Every failure is
/// [`Error::DecryptionFailed`].
pub(super) fn decrypt(
    enc: JweEncryption,
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    buffer: Zeroizing<Vec<u8>>,
    tag: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let ciphertext = buffer.as_slice();
    if ciphertext.is_empty()
        || !ciphertext.len().is_multiple_of(BLOCK_LEN)
        || tag.len() != enc.tag_len()
    {
        return Err(Error::DecryptionFailed);
    }
    let (mac_key, enc_key) = split_key(cek).ok_or(Error::DecryptionFailed)?;
    let authentic = match enc {
        JweEncryption::A128CBC_HS256 => {
            tag_matches::<Hmac<Sha256>>(mac_key, aad, iv, ciphertext, tag)
        }
        JweEncryption::A192CBC_HS384 => {
            tag_matches::<Hmac<Sha384>>(mac_key, aad, iv, ciphertext, tag)
        }
        JweEncryption::A256CBC_HS512 => {
            tag_matches::<Hmac<Sha512>>(mac_key, aad, iv, ciphertext, tag)
        }
        _ => false,
    };
    if !authentic {
        return Err(Error::DecryptionFailed);
    }
    match enc {
        JweEncryption::A128CBC_HS256 => cbc_decrypt::<Aes128>(enc_key, iv, buffer),
        JweEncryption::A192CBC_HS384 => cbc_decrypt::<Aes192>(enc_key, iv, buffer),
        JweEncryption::A256CBC_HS512 => cbc_decrypt::<Aes256>(enc_key, iv, buffer),
        _ => Err(Error::DecryptionFailed),
    }
}

/// K = MAC_KEY ‖ ENC_KEY, two halves of equal length (RFC 7518 §5.2.2.1 step 1).
fn split_key(cek: &[u8]) -> Option<(&[u8], &[u8])> {
    if cek.is_empty() || !cek.len().is_multiple_of(2) {
        return None;
    }
    cek.split_at_checked(cek.len() / 2)
}

/// AL: the number of bits in the AAD as a 64-bit big-endian integer (RFC 7518 §5.2.2.1
/// step 4), with checked arithmetic (go-jose CVE-2016-9123, Nimbus CVE-2017-12972).
fn aad_bit_length(aad: &[u8]) -> Option<[u8; 8]> {
    let bits = u64::try_from(aad.len()).ok()?.checked_mul(8)?;
    Some(bits.to_be_bytes())
}

/// The full HMAC over A ‖ IV ‖ E ‖ AL (RFC 7518 §5.2.2.1 step 5).
fn full_mac<M: Mac + KeyInit>(
    mac_key: &[u8],
    aad: &[u8],
    iv: &[u8],
    ciphertext: &[u8],
) -> Option<Output<M>> {
    let al = aad_bit_length(aad)?;
    // HMAC accepts keys of any length; the key length was checked by the caller.
    let mut mac = <M as KeyInit>::new_from_slice(mac_key).ok()?;
    mac.update(aad);
    mac.update(iv);
    mac.update(ciphertext);
    mac.update(&al);
    Some(mac.finalize().into_bytes())
}

/// T: the first T_LEN octets of the MAC.
fn truncated_tag<M: Mac + KeyInit>(
    enc: JweEncryption,
    mac_key: &[u8],
    aad: &[u8],
    iv: &[u8],
    ciphertext: &[u8],
) -> Option<Vec<u8>> {
    let full = full_mac::<M>(mac_key, aad, iv, ciphertext)?;
    full.get(..enc.tag_len()).map(<[u8]>::to_vec)
}

/// Computes the full MAC and compares its first `tag.len()` octets with `tag` in constant
/// time. The caller has checked that `tag.len()` is exactly T_LEN: a prefix of any other
/// length is never compared (cisco/node-jose#136).
fn tag_matches<M: Mac + KeyInit>(
    mac_key: &[u8],
    aad: &[u8],
    iv: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> bool {
    let Some(full) = full_mac::<M>(mac_key, aad, iv, ciphertext) else {
        return false;
    };
    match full.get(..tag.len()) {
        Some(expected) if !tag.is_empty() => expected.ct_eq(tag).into(),
        _ => false,
    }
}

/// CBC-PKCS7-ENC(ENC_KEY, P). The plaintext is copied into a zeroizing buffer of the padded
/// length and encrypted in place.
fn cbc_encrypt<C: BlockCipherEncrypt + KeyInit>(
    key: &[u8],
    iv: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>, Error> {
    // PKCS #7 always adds 1 to 16 bytes.
    let padded_len = (plaintext.len() / BLOCK_LEN)
        .checked_add(1)
        .and_then(|blocks| blocks.checked_mul(BLOCK_LEN))
        .ok_or_else(|| Error::invalid("the plaintext is too long"))?;
    let mut buffer = Zeroizing::new(vec![0u8; padded_len]);
    buffer
        .get_mut(..plaintext.len())
        .ok_or_else(|| Error::invalid("the plaintext is too long"))?
        .copy_from_slice(plaintext);
    let encryptor = cbc::Encryptor::<C>::new_from_slices(key, iv)
        .map_err(|_| Error::invalid_key("AES-CBC key or IV of the wrong length"))?;
    let written = encryptor
        .encrypt_padded::<Pkcs7>(&mut buffer, plaintext.len())
        .map_err(|_| Error::invalid("PKCS #7 padding failed"))?
        .len();
    buffer.truncate(written);
    Ok(core::mem::take(&mut *buffer))
}

/// Decrypts and removes the PKCS #7 padding in place in the zeroizing `buffer`; a padding
/// error is the same [`Error::DecryptionFailed`] as any other failure.
fn cbc_decrypt<C: BlockCipherDecrypt + KeyInit>(
    key: &[u8],
    iv: &[u8],
    mut buffer: Zeroizing<Vec<u8>>,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let decryptor =
        cbc::Decryptor::<C>::new_from_slices(key, iv).map_err(|_| Error::DecryptionFailed)?;
    let plaintext_len = decryptor
        .decrypt_padded::<Pkcs7>(&mut buffer)
        .map_err(|_| Error::DecryptionFailed)?
        .len();
    buffer.truncate(plaintext_len);
    Ok(buffer)
}

fn wrong_key(enc: JweEncryption, cek: &[u8]) -> Error {
    Error::invalid_key(format!(
        "{enc} needs a {}-byte CEK, got {} bytes",
        enc.key_len(),
        cek.len()
    ))
}

fn not_cbc(enc: JweEncryption) -> Error {
    Error::invalid(format!("{enc} is not an AES_CBC_HMAC_SHA2 algorithm"))
}

#[cfg(test)]
mod tests {
    use cbc::cipher::block_padding::NoPadding;

    use super::*;
    use crate::test_util::{RFC7518_APPENDIX_B, assert_decryption_failed, hex};

    fn full_mac_of(enc: JweEncryption, mac_key: &[u8], a: &[u8], iv: &[u8], e: &[u8]) -> Vec<u8> {
        match enc {
            JweEncryption::A128CBC_HS256 => full_mac::<Hmac<Sha256>>(mac_key, a, iv, e)
                .unwrap()
                .to_vec(),
            JweEncryption::A192CBC_HS384 => full_mac::<Hmac<Sha384>>(mac_key, a, iv, e)
                .unwrap()
                .to_vec(),
            _ => full_mac::<Hmac<Sha512>>(mac_key, a, iv, e)
                .unwrap()
                .to_vec(),
        }
    }

    /// The intermediate values of RFC 7518 App. B: MAC_KEY, ENC_KEY, AL and the full M.
    #[test]
    fn rfc7518_appendix_b_intermediate_values() {
        for case in &RFC7518_APPENDIX_B {
            let what = case.section;
            let k = hex(case.k);
            let (mac_key, enc_key) = split_key(&k).unwrap();
            assert_eq!(mac_key, &k[..k.len() / 2], "{what}: MAC_KEY");
            assert_eq!(enc_key, &k[k.len() / 2..], "{what}: ENC_KEY");
            let (a, iv, e) = (hex(case.a), hex(case.iv), hex(case.e));
            assert_eq!(
                aad_bit_length(&a).unwrap().to_vec(),
                hex(case.al),
                "{what}: AL"
            );
            assert_eq!(
                full_mac_of(case.enc, mac_key, &a, &iv, &e),
                hex(case.m),
                "{what}: M"
            );
        }
    }

    #[test]
    fn al_is_the_big_endian_bit_length() {
        assert_eq!(aad_bit_length(&[]), Some([0; 8]));
        assert_eq!(aad_bit_length(&[0; 1]), Some([0, 0, 0, 0, 0, 0, 0, 8]));
        assert_eq!(aad_bit_length(&[0; 0x2000]), Some([0, 0, 0, 0, 0, 1, 0, 0]));
    }

    #[test]
    fn key_split_needs_two_equal_halves() {
        assert_eq!(split_key(&[]), None);
        assert_eq!(split_key(&[1, 2, 3]), None);
        assert_eq!(split_key(&[1, 2]), Some((&[1][..], &[2][..])));
    }

    /// A ciphertext with a valid MAC but broken PKCS #7 padding (which only the
    /// holder of the MAC key can make) fails with the very same error as a wrong tag.
    #[test]
    fn bad_padding_under_a_valid_mac_is_the_same_error() {
        for case in &RFC7518_APPENDIX_B {
            let enc = case.enc;
            let k = hex(case.k);
            let (mac_key, enc_key) = split_key(&k).unwrap();
            let iv = hex(case.iv);
            let a = b"aad";
            // Last plaintext byte 0 (no PKCS #7 padding is 0), 17 (> block size), and a
            // padding of 2 with a mismatched second-to-last byte.
            for last_block in [[0u8; 16], [17u8; 16], {
                let mut b = [2u8; 16];
                b[14] = 3;
                b
            }] {
                let mut buf = [[0x41u8; 16], last_block].concat();
                let n = buf.len();
                let raw = |buf: &mut [u8]| match enc {
                    JweEncryption::A128CBC_HS256 => {
                        cbc::Encryptor::<Aes128>::new_from_slices(enc_key, &iv)
                            .unwrap()
                            .encrypt_padded::<NoPadding>(buf, n)
                            .unwrap()
                            .to_vec()
                    }
                    JweEncryption::A192CBC_HS384 => {
                        cbc::Encryptor::<Aes192>::new_from_slices(enc_key, &iv)
                            .unwrap()
                            .encrypt_padded::<NoPadding>(buf, n)
                            .unwrap()
                            .to_vec()
                    }
                    _ => cbc::Encryptor::<Aes256>::new_from_slices(enc_key, &iv)
                        .unwrap()
                        .encrypt_padded::<NoPadding>(buf, n)
                        .unwrap()
                        .to_vec(),
                };
                let e = raw(&mut buf);
                let tag = full_mac_of(enc, mac_key, a, &iv, &e)[..enc.tag_len()].to_vec();
                let message = assert_decryption_failed(
                    decrypt(enc, &k, &iv, a, Zeroizing::new(e.clone()), &tag),
                    &format!("{enc}: bad padding {last_block:?}"),
                );
                assert_eq!(message, crate::test_util::DECRYPTION_FAILED);
            }
        }
    }

    #[test]
    fn tag_of_another_length_is_never_compared() {
        let enc = JweEncryption::A128CBC_HS256;
        let k = [7u8; 32];
        let iv = [1u8; 16];
        let (e, t) = encrypt(enc, &k, &iv, b"", b"x").unwrap();
        // The first byte of the right tag alone would pass `verify_truncated_left`.
        let buffer = || Zeroizing::new(e.clone());
        assert_decryption_failed(
            decrypt(enc, &k, &iv, b"", buffer(), &t[..1]),
            "1-byte prefix",
        );
        assert_decryption_failed(decrypt(enc, &k, &iv, b"", buffer(), &[]), "empty tag");
        assert!(decrypt(enc, &k, &iv, b"", buffer(), &t).is_ok());
    }
}
