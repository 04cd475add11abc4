//! The fixed key and time of the `jwt_verify` fuzz target, shared with the seed writer
//! (`xtask/src/seeds.rs`).
#![allow(dead_code)]

/// The HS256 secret (32 bytes).
pub const SECRET: [u8; 32] = [0x4a; 32];

/// The time of validation: 2026-01-01T00:00:00Z.
pub const NOW: u64 = 1_767_225_600;

/// The first input byte's low bit: 0, the rest is a token; 1, the rest is a claims set that
/// the target signs itself (so that claims parsing and validation are reached).
pub const TOKEN: u8 = 0;
/// See [`TOKEN`].
pub const CLAIMS: u8 = 1;
