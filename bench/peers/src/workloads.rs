//! The workloads, each with the contenders that have it, checked before they are timed.
//!
//! Readers (verify, decrypt) all read the same token, made by the floor: the same bytes for
//! every contender and for the floors. Producers (sign, encrypt) each make their own token of
//! the same input.

use std::sync::Arc;

use crate::check;
use crate::claims::Claims;
use crate::contenders::floor::{self, Primitive};
use crate::contenders::floor_jwe::{self, JweFloor, RawAesGcm};
use crate::keys::Keys;
use crate::measure::Op;
use crate::model::{Alg, Contender, Jwe, Plaintext, Producer, Reader};

/// What a workload measures, for grouping in the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// JWT sign, and verify with `exp`/`iss`/`aud` validation.
    Jwt,
    /// JWE encrypt and decrypt of the claims bytes.
    Jwe,
    /// A256GCM of 1 MiB.
    Bulk,
    /// RS256 inside RSA-OAEP-256 + A256GCM.
    Nested,
}

impl Group {
    pub fn name(self) -> &'static str {
        match self {
            Group::Jwt => "jwt",
            Group::Jwe => "jwe",
            Group::Bulk => "bulk",
            Group::Nested => "nested",
        }
    }
}

/// One timed operation of one contender.
pub struct Entry {
    pub contender: &'static str,
    pub op: Op,
}

pub struct Workload {
    pub group: Group,
    pub name: String,
    pub entries: Vec<Entry>,
}

/// The size of the bulk plaintext.
pub const BULK_LEN: usize = 1 << 20;

type Named<T> = Vec<(&'static str, T)>;

/// Collects what each contender offers; an error building one is an error of the run.
fn collect<T>(
    contenders: &[Box<dyn Contender>],
    workload: &str,
    build: impl Fn(&dyn Contender) -> Result<Option<T>, String>,
) -> Result<Named<T>, String> {
    let mut out = Vec::new();
    for contender in contenders {
        match build(contender.as_ref()) {
            Ok(Some(item)) => out.push((contender.name(), item)),
            Ok(None) => {}
            Err(e) => {
                return Err(format!(
                    "{workload}: {} cannot be set up: {e}",
                    contender.name()
                ));
            }
        }
    }
    Ok(out)
}

fn produce_ops(producers: Named<Producer>) -> Vec<Entry> {
    producers
        .into_iter()
        .map(|(contender, produce)| {
            let produce: Arc<Producer> = Arc::new(produce);
            Entry {
                contender,
                op: Arc::new(move || produce().map_or(0, |t| t.len())),
            }
        })
        .collect()
}

fn read_ops(readers: Named<Reader>, token: &str) -> Vec<Entry> {
    readers
        .into_iter()
        .map(|(contender, reader)| {
            let token = token.to_owned();
            Entry {
                contender,
                op: Arc::new(move || (reader.read)(&token).unwrap_or(0)),
            }
        })
        .collect()
}

/// What the checks covered, for the log.
#[derive(Default)]
pub struct Checked {
    pub accepted: usize,
    pub refused: usize,
}

/// Builds and checks every workload of the selected groups; with `only`, just those whose
/// name starts with it (`HS256`) or that it starts with (`HS256 verify`).
pub fn build(
    contenders: &[Box<dyn Contender>],
    keys: &Keys,
    groups: &[Group],
    only: Option<&str>,
) -> Result<(Vec<Workload>, Checked), String> {
    let wanted = |group: Group, name: &str| {
        groups.contains(&group) && only.is_none_or(|o| o.starts_with(name) || name.starts_with(o))
    };
    let mut workloads = Vec::new();
    let mut checked = Checked::default();
    for alg in Alg::ALL
        .into_iter()
        .filter(|a| wanted(Group::Jwt, a.name()))
    {
        jwt(contenders, keys, alg, &mut workloads, &mut checked)?;
    }
    for jwe in Jwe::ALL
        .into_iter()
        .filter(|j| wanted(Group::Jwe, &j.label()))
    {
        jwe_workload(contenders, keys, jwe, &mut workloads, &mut checked)?;
    }
    if wanted(Group::Bulk, BULK) {
        bulk(contenders, keys, &mut workloads, &mut checked)?;
    }
    if wanted(Group::Nested, NESTED) {
        nested(contenders, keys, &mut workloads, &mut checked)?;
    }
    if workloads.is_empty() {
        return Err("no workload selected".into());
    }
    Ok((workloads, checked))
}

const BULK: &str = "A256GCM 1 MiB";
const NESTED: &str = "nested RS256 in RSA-OAEP-256+A256GCM";

fn jwt(
    contenders: &[Box<dyn Contender>],
    keys: &Keys,
    alg: Alg,
    workloads: &mut Vec<Workload>,
    checked: &mut Checked,
) -> Result<(), String> {
    let name = alg.name();
    let signers = collect(contenders, name, |c| c.jwt_signer(alg, keys))?;
    let verifiers = collect(contenders, name, |c| c.jwt_verifier(alg, keys))?;
    checked.accepted += check::cross(name, &signers, &verifiers)?;

    // The floor's tokens: the common one every verifier reads, and the rejected ones.
    let primitive = Primitive::new(alg, keys)?;
    let header = floor::header(name);
    let token = floor::sign_claims(&primitive, &header, &Claims::fixed())?;
    let expired = floor::sign_claims(&primitive, &header, &Claims::expired())?;
    let wrong_aud = floor::sign_claims(&primitive, &header, &Claims::wrong_audience())?;
    for (what, bad, claims_only) in [
        (
            "a token with a changed signature",
            check::tamper(&token, 2)?,
            false,
        ),
        (
            "a token with a changed payload",
            check::tamper(&token, 1)?,
            false,
        ),
        ("an expired token", expired, true),
        ("a token for another audience", wrong_aud, true),
    ] {
        checked.refused += check::refuse(name, what, &bad, &verifiers, claims_only)?;
    }

    workloads.push(Workload {
        group: Group::Jwt,
        name: format!("{name} sign"),
        entries: produce_ops(signers),
    });
    workloads.push(Workload {
        group: Group::Jwt,
        name: format!("{name} verify"),
        entries: read_ops(verifiers, &token),
    });
    Ok(())
}

fn jwe_workload(
    contenders: &[Box<dyn Contender>],
    keys: &Keys,
    jwe: Jwe,
    workloads: &mut Vec<Workload>,
    checked: &mut Checked,
) -> Result<(), String> {
    let name = jwe.label();
    let plaintext = Plaintext::Claims;
    let encrypters = collect(contenders, &name, |c| {
        c.jwe_encrypter(jwe, keys, &plaintext)
    })?;
    let decrypters = collect(contenders, &name, |c| c.jwe_decrypter(jwe, keys, false))?;
    checked.accepted += check::cross(&name, &encrypters, &decrypters)?;

    let token = JweFloor::new(jwe, keys, None)?.encrypt(&crate::claims::payload())?;
    for (what, index) in [
        ("a token with a changed ciphertext", 3),
        ("a token with a changed tag", 4),
        ("a token with a changed IV", 2),
    ] {
        checked.refused += check::refuse(
            &name,
            what,
            &check::tamper(&token, index)?,
            &decrypters,
            false,
        )?;
    }

    workloads.push(Workload {
        group: Group::Jwe,
        name: format!("{name} encrypt"),
        entries: produce_ops(encrypters),
    });
    workloads.push(Workload {
        group: Group::Jwe,
        name: format!("{name} decrypt"),
        entries: read_ops(decrypters, &token),
    });
    Ok(())
}

fn bulk(
    contenders: &[Box<dyn Contender>],
    keys: &Keys,
    workloads: &mut Vec<Workload>,
    checked: &mut Checked,
) -> Result<(), String> {
    let name = BULK;
    let bytes: Vec<u8> = (0..BULK_LEN).map(|i| (i % 251) as u8).collect();
    let plaintext = Plaintext::Bulk(Arc::new(bytes.clone()));
    let encrypters = collect(contenders, name, |c| {
        c.jwe_encrypter(Jwe::Dir, keys, &plaintext)
    })?;
    let decrypters = collect(contenders, name, |c| c.jwe_decrypter(Jwe::Dir, keys, true))?;
    checked.accepted += check::cross(name, &encrypters, &decrypters)?;
    let token = JweFloor::new(Jwe::Dir, keys, None)?.encrypt(&bytes)?;
    checked.refused += check::refuse(
        name,
        "a token with a changed ciphertext",
        &check::tamper(&token, 3)?,
        &decrypters,
        false,
    )?;
    for (_, decrypter) in &decrypters {
        if (decrypter.read)(&token)? != BULK_LEN {
            return Err(check::fail(name, "a decrypter lost bytes".into()));
        }
    }

    let raw = Arc::new(RawAesGcm::new(keys, &bytes)?);
    if raw.open()? != BULK_LEN {
        return Err(check::fail(name, "raw aes-gcm lost bytes".into()));
    }
    let mut encrypt = produce_ops(encrypters);
    let mut decrypt = read_ops(decrypters, &token);
    let (raw_seal, bytes) = (raw.clone(), Arc::new(bytes));
    encrypt.push(Entry {
        contender: RawAesGcm::NAME,
        op: Arc::new(move || raw_seal.seal(&bytes).unwrap_or(0)),
    });
    decrypt.push(Entry {
        contender: RawAesGcm::NAME,
        op: Arc::new(move || raw.open().unwrap_or(0)),
    });
    workloads.push(Workload {
        group: Group::Bulk,
        name: format!("{name} encrypt"),
        entries: encrypt,
    });
    workloads.push(Workload {
        group: Group::Bulk,
        name: format!("{name} decrypt"),
        entries: decrypt,
    });
    Ok(())
}

fn nested(
    contenders: &[Box<dyn Contender>],
    keys: &Keys,
    workloads: &mut Vec<Workload>,
    checked: &mut Checked,
) -> Result<(), String> {
    let name = NESTED;
    let signers = collect(contenders, name, |c| c.nested_signer(keys))?;
    let verifiers = collect(contenders, name, |c| c.nested_verifier(keys))?;
    checked.accepted += check::cross(name, &signers, &verifiers)?;

    let make = |claims: Claims| -> Result<String, String> {
        let produce = floor_jwe::nested_signer(keys, claims)?.ok_or("no nested floor")?;
        produce()
    };
    let token = make(Claims::fixed())?;
    for (what, bad, claims_only) in [
        (
            "a token with a changed ciphertext",
            check::tamper(&token, 3)?,
            false,
        ),
        ("an expired token", make(Claims::expired())?, true),
        (
            "a token for another audience",
            make(Claims::wrong_audience())?,
            true,
        ),
    ] {
        checked.refused += check::refuse(name, what, &bad, &verifiers, claims_only)?;
    }

    workloads.push(Workload {
        group: Group::Nested,
        name: format!("{name} sign+encrypt"),
        entries: produce_ops(signers),
    });
    workloads.push(Workload {
        group: Group::Nested,
        name: format!("{name} decrypt+verify"),
        entries: read_ops(verifiers, &token),
    });
    Ok(())
}
