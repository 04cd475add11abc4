//! Reading the `epk` header parameter (RFC 7518 §4.6.1.1) from its minimal members only:
//! `kty`, `crv`, `x` and, for `EC` keys, `y`.
//!
//! The `epk` is attacker-chosen and read before any key is looked up, so it is not imported
//! as a whole JWK: its other members (`kid`, `use`, `key_ops`, `alg`, `x5c`, …) are never
//! looked at, and cost nothing beyond the header's size limit. What makes it a usable
//! ephemeral key is checked here: a known curve for ECDH-ES, coordinates of the exact length,
//! a point on the curve and not the identity (RFC 8725 §3.4), no private member `d`.

use elliptic_curve::sec1::{FromSec1Point, ModulusSize, ToSec1Point};
use elliptic_curve::{AffinePoint, FieldBytesSize, PublicKey};
use jose_b64::base64url;
use jose_b64::serde_json::{Map, Value};
use jose_jwk::JwkCurve;

use super::EcdhPublicKey;
use crate::Error;
use crate::error::header_error;
use jose_b64::printable;

/// The ephemeral public key of an `epk` object.
///
/// # Errors
///
/// [`Error::Header`] for a `kty` other than `EC` or `OKP`, a `crv` other than P-256, P-384,
/// P-521 (`EC`) or X25519 (`OKP`), a member `d`, a missing or non-string `kty`, `crv`, `x`
/// or (`EC`) `y`, a coordinate that is not strict base64url of the curve's length, or a
/// point not on the curve.
pub(super) fn read(map: &Map<String, Value>) -> Result<EcdhPublicKey, Error> {
    let kty = match map.get("kty") {
        Some(Value::String(kty)) => kty.as_str(),
        _ => return Err(header_error("epk", "must have a string \"kty\"")),
    };
    if kty != "EC" && kty != "OKP" {
        return Err(header_error(
            "epk",
            &format!(
                "must be an EC or OKP key (RFC 7518 §4.6.1.1, RFC 8037 §3.2), found kty \"{}\"",
                printable(kty)
            ),
        ));
    }
    if map.contains_key("d") {
        return Err(header_error(
            "epk",
            "must be a public key, but it has the private member \"d\" (RFC 7518 §4.6.1.1)",
        ));
    }
    let crv = string_member(map, "crv")?;
    match (kty, crv) {
        ("EC", "P-256") => Ok(EcdhPublicKey::P256(ec_point::<p256::NistP256>(map)?)),
        ("EC", "P-384") => Ok(EcdhPublicKey::P384(ec_point::<p384::NistP384>(map)?)),
        ("EC", "P-521") => Ok(EcdhPublicKey::P521(ec_point::<p521::NistP521>(map)?)),
        ("OKP", "X25519") => {
            let x: [u8; 32] = coordinate(map, "x", 32)?
                .try_into()
                .map_err(|_| header_error("epk", "\"x\" must be 32 bytes"))?;
            Ok(EcdhPublicKey::X25519(x25519_dalek::PublicKey::from(x)))
        }
        _ => Err(header_error(
            "epk",
            &format!(
                "is not an ECDH-ES key: kty {kty} crv {} (P-256, P-384, P-521 and X25519 are)",
                printable(crv)
            ),
        )),
    }
}

/// The point `(x, y)` of an `EC` `epk` on curve `C`.
fn ec_point<C: JwkCurve>(map: &Map<String, Value>) -> Result<PublicKey<C>, Error>
where
    FieldBytesSize<C>: ModulusSize,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
{
    let len = C::CURVE.coordinate_len();
    let x = coordinate(map, "x", len)?;
    let y = coordinate(map, "y", len)?;
    let mut sec1 = Vec::with_capacity(1 + 2 * len);
    sec1.push(4);
    sec1.extend_from_slice(&x);
    sec1.extend_from_slice(&y);
    PublicKey::<C>::from_sec1_bytes(&sec1).map_err(|_| {
        header_error(
            "epk",
            &format!(
                "is not a valid public key: the point (x, y) is not on {} or is the identity",
                C::CURVE
            ),
        )
    })
}

/// A coordinate: a string of strict base64url decoding to exactly `len` bytes
/// (RFC 7518 §6.2.1.2, RFC 8037 §2).
fn coordinate(map: &Map<String, Value>, name: &str, len: usize) -> Result<Vec<u8>, Error> {
    let bytes = base64url::decode(string_member(map, name)?).map_err(|_| {
        header_error(
            "epk",
            &format!("is not a valid public key: \"{name}\" is not base64url"),
        )
    })?;
    if bytes.len() != len {
        return Err(header_error(
            "epk",
            &format!(
                "is not a valid public key: \"{name}\" must be {len} bytes, got {}",
                bytes.len()
            ),
        ));
    }
    Ok(bytes)
}

/// A required string member of the `epk`.
fn string_member<'m>(map: &'m Map<String, Value>, name: &str) -> Result<&'m str, Error> {
    match map.get(name) {
        Some(Value::String(value)) => Ok(value),
        Some(_) => Err(header_error(
            "epk",
            &format!("is not a valid public key: \"{name}\" must be a string"),
        )),
        None => Err(header_error(
            "epk",
            &format!("is not a valid public key: \"{name}\" is missing (RFC 7518 §6.2.1)"),
        )),
    }
}
