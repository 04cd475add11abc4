//! The large-payload workload of the `ratios` bench: `dir` + `A256GCM` compact JWE of a
//! 1 MiB plaintext beside two floors.
//!
//! - raw `aes-gcm`: the plaintext copied into a new buffer and sealed in place (decryption:
//!   the ciphertext copied and opened in place), no header and no base64url at all.
//! - `aes-gcm` + base64-simd: the same, plus the base64url of the five segments with
//!   `base64-simd`, the fastest public codec, into one buffer of the exact length
//!   (decryption: the ciphertext decoded into one buffer and opened in place, IV and tag
//!   onto the stack), the header a precomputed constant.

use std::hint::black_box;
use std::time::Duration;

use aes_gcm::Aes256Gcm;
use aes_gcm::aead::{AeadInOut, KeyInit, Nonce, Tag};
use jose_jwe::{Decrypter, EncryptingKey, Header, JweAlgorithm, JweEncryption, Limits, compact};

use crate::interleaved::{Ratio, compare, human};

/// The plaintext length: 1 MiB.
pub const LEN: usize = 1 << 20;

const KEY: [u8; 32] = [0x5a; 32];

fn seal(iv: &[u8; 12], aad: &[u8], plaintext: &[u8]) -> (Vec<u8>, [u8; 16]) {
    let cipher = Aes256Gcm::new_from_slice(&KEY).unwrap();
    let nonce = Nonce::<Aes256Gcm>::try_from(&iv[..]).unwrap();
    let mut buffer = plaintext.to_vec();
    let tag = cipher
        .encrypt_inout_detached(&nonce, aad, buffer.as_mut_slice().into())
        .unwrap();
    (buffer, tag.as_slice().try_into().unwrap())
}

fn open(iv: &[u8], aad: &[u8], ciphertext: &[u8], tag: &[u8]) -> Vec<u8> {
    open_in_place(iv, aad, ciphertext.to_vec(), tag)
}

fn open_in_place(iv: &[u8], aad: &[u8], mut buffer: Vec<u8>, tag: &[u8]) -> Vec<u8> {
    let cipher = Aes256Gcm::new_from_slice(&KEY).unwrap();
    let nonce = Nonce::<Aes256Gcm>::try_from(iv).unwrap();
    let tag = Tag::<Aes256Gcm>::try_from(tag).unwrap();
    cipher
        .decrypt_inout_detached(&nonce, aad, buffer.as_mut_slice().into(), &tag)
        .unwrap();
    buffer
}

fn random_iv() -> [u8; 12] {
    let mut iv = [0u8; 12];
    getrandom::fill(&mut iv).unwrap();
    iv
}

fn b64(bytes: &[u8]) -> String {
    crate::floor_b64::encode(bytes)
}

/// The compact JWE floor with base64-simd, written into one buffer of the exact length.
fn floor_encrypt(header: &str, plaintext: &[u8]) -> String {
    use crate::floor_b64::{encode_append, encoded_len};
    let iv = random_iv();
    let (ciphertext, tag) = seal(&iv, header.as_bytes(), plaintext);
    let segments = [&[][..], &iv[..], &ciphertext, &tag];
    let len = header.len()
        + segments
            .iter()
            .map(|s| 1 + encoded_len(s.len()))
            .sum::<usize>();
    let mut out = String::with_capacity(len);
    out.push_str(header);
    for segment in segments {
        out.push('.');
        encode_append(segment, &mut out);
    }
    out
}

fn floor_decrypt(token: &str) -> Vec<u8> {
    use crate::floor_b64::{decode_into, decode_vec};
    let mut parts = token.split('.');
    let mut next = || parts.next().unwrap();
    let (header, _, iv, ciphertext, tag) = (next(), next(), next(), next(), next());
    let (mut iv_buf, mut tag_buf) = ([0u8; 12], [0u8; 16]);
    open_in_place(
        decode_into(iv, &mut iv_buf).unwrap(),
        header.as_bytes(),
        decode_vec(ciphertext).unwrap(),
        decode_into(tag, &mut tag_buf).unwrap(),
    )
}

fn throughput(ns: f64) -> String {
    format!("{:.0} MB/s", LEN as f64 / ns * 1e3)
}

fn row(what: &str, library: &Ratio, floor: &Ratio) {
    println!(
        "| {what} | {} ({}) | {} ({}) | {:.2}× | {} ({}) | {:.2}× |",
        human(library.library_ns),
        throughput(library.library_ns),
        human(library.floor_ns),
        throughput(library.floor_ns),
        1.0 / library.ratio,
        human(floor.floor_ns),
        throughput(floor.floor_ns),
        1.0 / floor.ratio,
    );
}

/// Prints the table of the 1 MiB workload.
pub fn run() {
    let plaintext: Vec<u8> = (0..LEN).map(|i| (i * 7 + (i >> 9)) as u8).collect();
    let key = EncryptingKey::symmetric(&KEY, JweAlgorithm::Dir).unwrap();
    let decrypting = key.to_decrypting_key();
    let enc = JweEncryption::A256GCM;
    let decrypter = Decrypter::new([JweAlgorithm::Dir], [enc])
        .unwrap()
        .with_limits(
            Limits::DEFAULT
                .with_max_token_len(4 << 20)
                .with_max_header_len(Limits::DEFAULT.max_header_len),
        );
    let header = Header::new();
    let token = compact::encrypt(&key, enc, &header, &plaintext).unwrap();
    let constant_header = b64(br#"{"alg":"dir","enc":"A256GCM"}"#);
    let floor_token = floor_encrypt(&constant_header, &plaintext);
    assert_eq!(floor_decrypt(&token), plaintext);
    let decrypted = decrypter
        .decrypt_compact(&floor_token, &decrypting)
        .unwrap();
    assert_eq!(decrypted.plaintext(), plaintext);
    let raw_iv = random_iv();
    let (raw_ciphertext, raw_tag) = seal(&raw_iv, b"", &plaintext);

    println!();
    println!(
        "| A256GCM 1 MiB | jose-jwe | raw aes-gcm | × of raw | aes-gcm + base64-simd | × of it |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    let (rounds, batch) = (21, Duration::from_millis(30));
    let library = || compact::encrypt(&key, enc, &header, black_box(&plaintext)).unwrap();
    let raw = compare(rounds, batch, library, || {
        seal(&random_iv(), b"", black_box(&plaintext))
    });
    let floor = compare(rounds, batch, library, || {
        floor_encrypt(&constant_header, black_box(&plaintext))
    });
    row("encrypt", &raw, &floor);
    let library = || {
        decrypter
            .decrypt_compact(black_box(&token), &decrypting)
            .unwrap()
    };
    let raw = compare(rounds, batch, library, || {
        open(&raw_iv, b"", black_box(&raw_ciphertext), &raw_tag)
    });
    let floor = compare(rounds, batch, library, || floor_decrypt(black_box(&token)));
    row("decrypt", &raw, &floor);
}
