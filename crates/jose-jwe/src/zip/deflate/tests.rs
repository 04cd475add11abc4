// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
use std::cell::Cell;

use super::*;

thread_local! {
    /// The largest output buffer made on this thread (tests run one per thread).
    pub(super) static LARGEST_BUFFER: Cell<usize> = const { Cell::new(0) };
}

fn largest_buffer_since_reset() -> usize {
    LARGEST_BUFFER.with(|largest| largest.replace(0))
}

fn samples() -> Vec<Vec<u8>> {
    let mut text = Vec::new();
    for i in 0..5000u32 {
        text.extend_from_slice(format!("line {i}: the quick brown fox\n").as_bytes());
    }
    let mut noise = vec![0u8; 70_000];
    crate::random::fill(&mut noise).unwrap();
    vec![
        Vec::new(),
        b"a".to_vec(),
        b"hello hello hello hello".to_vec(),
        text,
        noise,
        vec![0; 1 << 20],
    ]
}

#[test]
fn round_trips_and_is_raw_deflate() {
    for plaintext in samples() {
        let compressed = compress(&plaintext).unwrap();
        let back = decompress(&compressed, plaintext.len()).unwrap();
        assert_eq!(back.as_slice(), plaintext.as_slice(), "{}", plaintext.len());
        // miniz_oxide's own raw inflater agrees (no zlib header, no checksum).
        let theirs = miniz_oxide::inflate::decompress_to_vec(&compressed).unwrap();
        assert_eq!(theirs, plaintext);
    }
    // Zlib-wrapped data is not raw DEFLATE.
    let zlib = miniz_oxide::deflate::compress_to_vec_zlib(b"hello hello hello", 6);
    assert!(decompress(&zlib, 1000).is_err());
    // Raw DEFLATE from another compressor (level 1, level 9) inflates.
    for level in [0, 1, 9] {
        let other = miniz_oxide::deflate::compress_to_vec(b"hello hello hello", level);
        assert_eq!(
            decompress(&other, 1000).unwrap().as_slice(),
            b"hello hello hello"
        );
    }
}

#[test]
fn a_bomb_is_stopped_at_the_cap_without_a_larger_buffer() {
    // 10 MB of zeros deflate to about 10 kB.
    let bomb = miniz_oxide::deflate::compress_to_vec(&vec![0u8; 10_000_000], 6);
    assert!(bomb.len() < 20_000, "{}", bomb.len());
    for cap in [0, 1, 1000, 250_000, 1_000_001] {
        largest_buffer_since_reset();
        let e = decompress(&bomb, cap).unwrap_err();
        assert_eq!(e.code(), "ERR_JWE_DECOMPRESSION_FAILED");
        assert!(
            e.to_string()
                .contains(&format!("more than the limit of {cap} bytes")),
            "{e}"
        );
        assert!(largest_buffer_since_reset() <= cap, "cap {cap}");
    }
}

#[test]
fn exactly_the_cap_passes_and_one_byte_more_does_not() {
    for plaintext in samples() {
        let compressed = compress(&plaintext).unwrap();
        let len = plaintext.len();
        largest_buffer_since_reset();
        assert_eq!(decompress(&compressed, len).unwrap().as_slice(), plaintext);
        assert!(largest_buffer_since_reset() <= len.max(MIN_BUFFER));
        if len > 0 {
            let e = decompress(&compressed, len - 1).unwrap_err();
            assert!(matches!(e, Error::Decompression { .. }), "{e}");
        }
    }
}

#[test]
fn corrupt_streams_are_refused() {
    let compressed = compress(b"a few words, a few words, a few more words").unwrap();
    let mut cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("truncated", compressed[..compressed.len() - 1].to_vec()),
        ("trailing byte", [compressed.as_slice(), &[0]].concat()),
        (
            "twice",
            [compressed.as_slice(), compressed.as_slice()].concat(),
        ),
        ("reserved block type 3", vec![0b0000_0111, 0, 0, 0]),
        (
            "stored block, LEN != !NLEN",
            vec![1, 5, 0, 5, 0, 1, 2, 3, 4, 5],
        ),
        ("not deflate", b"{\"sub\":\"alice\"}".to_vec()),
    ];
    // A distance reaching before the start of the output.
    cases.push(("distance too far", vec![0x03, 0x02, 0x00]));
    for (what, stream) in cases {
        let Err(e) = decompress(&stream, 1000) else {
            panic!("{what}: accepted")
        };
        assert_eq!(
            e.to_string(),
            "the JWE's \"zip\":\"DEF\" plaintext does not inflate: the plaintext is not a raw \
             DEFLATE stream (RFC 1951)",
            "{what}"
        );
    }
}

#[test]
fn buffers_grow_by_doubling_up_to_the_cap() {
    assert_eq!(next_len(0, 250_000), MIN_BUFFER);
    assert_eq!(next_len(10, 250_000), MIN_BUFFER);
    assert_eq!(next_len(4096, 250_000), 8192);
    assert_eq!(next_len(200_000, 250_000), 250_000);
    assert_eq!(next_len(usize::MAX, 250_000), 250_000);
    assert_eq!(next_len(10, 0), 0);
}
