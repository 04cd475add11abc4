//! Test keys for the algorithm table tests, as JWK JSON.
//!
//! RSA 2048 and P-521: RFC 7520 §3.4 and §3.2. Ed25519: RFC 8037 App. A.1. X25519: the
//! ietf-jose cookbook curve25519 example ("Bob"). RSA 1024, P-256, P-384 and secp256k1 were
//! generated for these tests with pyca/cryptography.
// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.

use crate::{Jwk, KeyPolicy};

pub const RSA_2048: &str = r#"{"kty":"RSA","n":"n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT-O-XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz_AJmSCpMaJMRBSFKrKb2wqVwGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj-oBHqFEHYpPe7Tpe-OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde3uhGqC0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKwuCLqKnS2BYwdq_mzSnbLY7h_qixoR7jig3__kRhuaxwUkRz5iaiQkqgc5gHdrNP5zw","e":"AQAB","d":"bWUC9B-EFRIo8kpGfh0ZuyGPvMNKvYWNtB_ikiH9k20eT-O1q_I78eiZkpXxXQ0UTEs2LsNRS-8uJbvQ-A1irkwMSMkK1J3XTGgdrhCku9gRldY7sNA_AKZGh-Q661_42rINLRCe8W-nZ34ui_qOfkLnK9QWDDqpaIsA-bMwWWSDFu2MUBYwkHTMEzLYGqOe04noqeq1hExBTHBOBdkMXiuFhUq1BU6l-DqEiWxqg82sXt2h-LMnT3046AOYJoRioz75tSUQfGCshWTBnP5uDjd18kKhyv07lhfSJdrPdM5Plyl21hsFf4L_mHCuoFau7gdsPfHPxxjVOcOpBrQzwQ","p":"3Slxg_DwTXJcb6095RoXygQCAZ5RnAvZlno1yhHtnUex_fp7AZ_9nRaO7HX_-SFfGQeutao2TDjDAWU4Vupk8rw9JR0AzZ0N2fvuIAmr_WCsmGpeNqQnev1T7IyEsnh8UMt-n5CafhkikzhEsrmndH6LxOrvRJlsPp6Zv8bUq0k","q":"uKE2dh-cTf6ERF4k4e_jy78GfPYUIaUyoSSJuBzp3Cubk3OCqs6grT8bR_cu0Dm1MZwWmtdqDyI95HrUeq3MP15vMMON8lHTeZu2lmKvwqW7anV5UzhM1iZ7z4yMkuUwFWoBvyY898EXvRD-hdqRxHlSqAZ192zB3pVFJ0s7pFc","dp":"B8PVvXkvJrj2L-GYQ7v3y9r6Kw5g9SahXBwsWUzp19TVlgI-YV85q1NIb1rxQtD-IsXXR3-TanevuRPRt5OBOdiMGQp8pbt26gljYfKU_E9xn-RULHz0-ed9E9gXLKD4VGngpz-PfQ_q29pk5xWHoJp009Qf1HvChixRX59ehik","dq":"CLDmDGduhylc9o7r84rEUVn7pzQ6PF83Y-iBZx5NT-TpnOZKF1pErAMVeKzFEl41DlHHqqBLSM0W1sOFbwTxYWZDm6sI6og5iTbwQGIC3gnJKbi_7k_vJgGHwHxgPaX2PnvP-zyEkDERuf-ry4c_Z11Cq9AqC2yeL6kdKT1cYF8","qi":"3PiqvXQN0zwMeE-sBvZgi289XP9XCQF3VWqPzMKnIgQp7_Tugo6-NZBKCQsMf3HaEGBjTVJs_jcK8-TRXvaKe-7ZMaQj8VfBdYkssbu0NKDDhjJ-GtiseaDVWt7dcH0cfwxgFUHpQh7FoCrjFJ6h6ZEpMF6xmujs4qMpPz8aaI4"}"#;

pub const RSA_1024: &str = r#"{"kty":"RSA","n":"wJYwmvaUkn5FlO3pn2n2fKtLtb7ezzjlbGN1DBmYxIzq7XKN-_BPaxcikmsF6Se78DgfpGILOVp4f0buMgHNCUUi5EFRTzrAazDehqTgVR4aNRtQ3VkqCOpcCdqUUpFSpvJePOa5sMvx7x9-l2j-jlQO3HiUCHte1e4PVcBmESE","e":"AQAB","d":"DG7lzmtS5i4-wcGmToNhxWStq5sZ-Vjb_uZg3Rod8bqDRDccEYLPLcO9mKROKmJFUNneuRcXUGmV0-m5YQMawHzHrByc25WeCSn-87CqWFhbos8fddBDede6l6X99OdBdEaCNgbFTNUiFwtmxq3BWkGgcd5NNETV0VPM9Edwqo0","p":"40PtAHChPSAGDDQIUkBVhoiQ0mJerOW8hjVvW2PIsrLHumgisWYYOfNwjwZUHpf90ZSa6kPGeKX0LMlseU1hww","q":"2O_LAaakheiXe2ydciV5OgcxwxOWtd6kaizQEdGr-2dT0MT_8yyIgpHgMOGouggsvKRHE8jusRg6qTw5ugAPSw","dp":"uQkB-xy4utrK8b6fk9Bbkgi42QJMkTsPjroM63zH2G7lXSkSLhuw1-YUG-8MKEiZ2LzEkL4T5wE_WAO7dNwDHw","dq":"DOqKDbkcRpTIoCKhZTBx_VB8V_8MlBuDcobkhIsVUEygoud3zcSzBAMndAGbiCgAceLeEIGAJK8qnvTlAvwJ7Q","qi":"lqAsr4Vfc2U-L_5i1BEpruNZ90GLtrtdZMxiu4U8CuKwYJQrT-FbI3p1JQhEpYsHVF-HUPpdLBnZTiv6sjg_FQ"}"#;

pub const P256: &str = r#"{"kty":"EC","crv":"P-256","x":"Oro3Bm1n_x68xVyKlJ81yuq8XDQNiNtgjuoBqDj15C4","y":"fTIONwjVwO7WxX1LI3wXGrLCBbHdk8X4ZV2ToJEEdBg","d":"OS9qixnjtFXDoOTLrGeu_iPZVf6ARZyUxM8IbcY20-g"}"#;

pub const P384: &str = r#"{"kty":"EC","crv":"P-384","x":"QZCHrtVefLv1hDXb6sHU2ywAMR5IdFMzaHiAyKNmKyJz0e52mHvg3MJTpZannUgZ","y":"zgRe3y1SoX8Kb-u7ofQW-x8Ou4mKfsfZF0X2Zml9K3Df75J3l9hFUXmKkxG7pUme","d":"Rr4-5VXZFoVnQ5GbXSo-6EomjTpCE2iHSkHzIa7LdkRmXZ-cZsMtNGBCsQwWgfT9"}"#;

pub const P521: &str = r#"{"kty":"EC","crv":"P-521","x":"AHKZLLOsCOzz5cY97ewNUajB957y-C-U88c3v13nmGZx6sYl_oJXu9A5RkTKqjqvjyekWF-7ytDyRXYgCF5cj0Kt","y":"AdymlHvOiLxXkEhayXQnNCvDX4h9htZaCJN34kfmC6pV5OhQHiraVySsUdaQkAgDPrwQrJmbnX9cwlGfP-HqHZR1","d":"AAhRON2r9cqXX1hg-RoI6R1tX5p2rUAYdmpHZoC1XNM56KtscrX6zbKipQrCW9CGZH3T4ubpnoTKLDYJ_fF3_rJt"}"#;

pub const SECP256K1: &str = r#"{"kty":"EC","crv":"secp256k1","x":"fv0JudUDnaY1BJ7TcUOCrmmXCHO-Ho8iSojFKlqhXes","y":"v4Cirn-iCOtPt34j_EZjKDDiQFoVsXKz5Tp3ONTpY7g","d":"9juDx4zjfVbfRaILIKJpUjeuQwUNfeGsm_smEvElet8"}"#;

pub const ED25519: &str = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}"#;

pub const X25519: &str = r#"{"kty":"OKP","crv":"X25519","x":"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08","d":"XasIfmJKikt54X-Lg4AO5m87sSkmGLb9HC-LJ_-I4Os"}"#;

/// Parses a test JWK, allowing the 1024-bit RSA key through the import policy.
pub fn jwk(json: &str) -> Jwk {
    let policy = KeyPolicy {
        min_rsa_bits: 1024,
        ..KeyPolicy::default()
    };
    match Jwk::from_json_with(json, &policy) {
        Ok(jwk) => jwk,
        Err(e) => panic!("test JWK does not parse: {e}: {json}"),
    }
}

/// `json` with the members `extra` (JSON object members, without braces) added.
pub fn jwk_with(json: &str, extra: &str) -> Jwk {
    jwk(&format!("{{{extra},{}", &json[1..]))
}

/// The public part of a private test key.
pub fn public(jwk: &Jwk) -> Jwk {
    jwk.to_public().unwrap()
}

/// The JSON of an `oct` key of `len` bytes.
pub fn oct_json(len: usize) -> String {
    let bytes: Vec<u8> = (0..len)
        .map(|i| (i as u8).wrapping_mul(37).wrapping_add(11))
        .collect();
    format!(
        r#"{{"kty":"oct","k":"{}"}}"#,
        jose_b64::base64url::encode(bytes)
    )
}

/// An `oct` key of `len` bytes.
pub fn oct(len: usize) -> Jwk {
    jwk(&oct_json(len))
}

/// Every asymmetric test key (private), with a name for messages.
pub fn asymmetric() -> Vec<(&'static str, Jwk)> {
    vec![
        ("RSA 2048", jwk(RSA_2048)),
        ("P-256", jwk(P256)),
        ("P-384", jwk(P384)),
        ("P-521", jwk(P521)),
        ("secp256k1", jwk(SECP256K1)),
        ("Ed25519", jwk(ED25519)),
        ("X25519", jwk(X25519)),
    ]
}
