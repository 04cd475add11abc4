//! The rules a JWK Set as a whole must follow: which keys may share a `kid` (RFC 7517 §4.5),
//! and which kinds of keys may sit side by side. Checked in time linear in the number of keys.

use std::collections::HashMap;

use crate::alg::Curve;
use crate::{Error, Jwk, KeyType, KeyUse};

/// Checks the keys of a set: no two keys that share a `kid` could serve the same algorithm,
/// and no public key sits beside a secret one.
pub(crate) fn check(keys: &[Jwk]) -> Result<(), Error> {
    check_kids(keys)?;
    check_kinds(keys)
}

/// The `use` values a key may serve, as bits: a key without `use` serves all.
fn use_mask(key_use: Option<&KeyUse>) -> u8 {
    match key_use {
        None => 0b111,
        Some(KeyUse::Signature) => 0b001,
        Some(KeyUse::Encryption) => 0b010,
        Some(KeyUse::Other(_)) => 0b100,
    }
}

/// Keys that share a `kid`, a key type and a curve.
#[derive(Default)]
struct Group<'a> {
    /// The `use` masks of the keys without `alg`, together.
    without_alg: u8,
    /// The `use` masks of the keys with an `alg`, together.
    with_alg: u8,
    /// The `use` masks of the keys with each `alg`: a short list, moved to a hash map when it
    /// grows, so that the check stays linear.
    few: Vec<(&'a str, u8)>,
    many: HashMap<&'a str, u8>,
}

impl<'a> Group<'a> {
    const FEW: usize = 8;

    /// Adds `mask` to the masks of the keys with `alg` and returns what they were before.
    fn add_alg(&mut self, alg: &'a str, mask: u8) -> u8 {
        if self.many.is_empty() {
            if let Some((_, seen)) = self.few.iter_mut().find(|(a, _)| *a == alg) {
                let before = *seen;
                *seen |= mask;
                return before;
            }
            if self.few.len() < Self::FEW {
                self.few.push((alg, mask));
                return 0;
            }
            self.many.extend(self.few.drain(..));
        }
        let seen = self.many.entry(alg).or_default();
        let before = *seen;
        *seen |= mask;
        before
    }
}

/// RFC 7517 §4.5 lets keys share a `kid` when they differ in type ("kty"). Two keys with one
/// `kid` conflict when one algorithm could use both: same key type and curve, `alg` equal or
/// absent on either, `use` equal or absent on either. Each key is compared with the summary
/// of the keys before it, never with each of them.
fn check_kids(keys: &[Jwk]) -> Result<(), Error> {
    let mut groups: HashMap<(&str, KeyType, Option<Curve>), Group<'_>> =
        HashMap::with_capacity(keys.len());
    for key in keys {
        let Some(kid) = key.kid() else { continue };
        let mask = use_mask(key.key_use());
        let group = groups
            .entry((kid, key.kty(), Curve::of_key(key.key())))
            .or_default();
        let conflict = match key.alg() {
            None => {
                let conflict = (group.without_alg | group.with_alg) & mask != 0;
                group.without_alg |= mask;
                conflict
            }
            Some(alg) => {
                group.with_alg |= mask;
                (group.without_alg | group.add_alg(alg, mask)) & mask != 0
            }
        };
        if conflict {
            return Err(Error::DuplicateKid {
                kid: kid.to_owned(),
            });
        }
    }
    Ok(())
}

/// A set holds either public keys only, or secret keys only (private asymmetric keys and
/// symmetric keys): a secret beside public keys was most likely published by mistake.
fn check_kinds(keys: &[Jwk]) -> Result<(), Error> {
    if keys.iter().all(Jwk::is_private) {
        return Ok(());
    }
    if keys
        .iter()
        .any(|k| k.is_private() && k.kty() != KeyType::Oct)
    {
        return Err(Error::MixedKeySet);
    }
    match keys.iter().find(|k| k.kty() == KeyType::Oct) {
        Some(secret) => Err(Error::SymmetricKeyBesidePublicKeys {
            kid: secret.kid().map(str::to_owned),
        }),
        None => Ok(()),
    }
}
