//! The contenders: jose-rs, the peers, and the floors.

pub mod floor;
pub mod floor_jwe;
pub mod jose;
#[cfg(feature = "josekit")]
pub mod josekit;
pub mod jsonwebtoken;
pub mod jwt_compact;
pub mod jwt_simple;

use crate::model::Contender;

/// Every contender of this build, in column order; `peers`, when given, keeps only the peers
/// whose name starts with one of its entries (jose-rs and the floors are always kept).
pub fn all(peers: Option<&[String]>) -> Vec<Box<dyn Contender>> {
    let ours: Vec<Box<dyn Contender>> = vec![Box::new(jose::JoseRs), Box::new(jose::JoseJws)];
    let mut others: Vec<Box<dyn Contender>> = vec![
        Box::new(jsonwebtoken::Jsonwebtoken),
        Box::new(jwt_compact::JwtCompact),
        Box::new(jwt_simple::JwtSimple),
    ];
    #[cfg(feature = "josekit")]
    others.push(Box::new(josekit::Josekit));
    if let Some(peers) = peers {
        others.retain(|c| peers.iter().any(|p| c.name().starts_with(p.as_str())));
    }
    let floors: Vec<Box<dyn Contender>> =
        vec![Box::new(floor::Floor), Box::new(floor::FloorClaims)];
    ours.into_iter().chain(others).chain(floors).collect()
}
