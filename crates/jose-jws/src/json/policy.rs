//! Which signatures of a JWS JSON Serialization must verify (RFC 7515 §5.2).

use core::fmt::Write as _;

use crate::Error;
use crate::verifier::Checked;

/// Which signatures of a general JWS JSON Serialization must verify for the JWS to be
/// accepted.
///
/// RFC 7515 §5.2 leaves the choice to the application, but "in all cases, at least one JWS
/// Signature value MUST successfully validate": no policy is ever satisfied vacuously. The
/// flattened syntax has one signature, so every policy means "it verifies" (and, for
/// [`SignaturePolicy::RequireKids`], "by a key with one of the listed `kid`s").
///
/// Whatever the policy, the [`VerifiedJws`](crate::VerifiedJws) names the signature that
/// satisfied it ([`signature_index`](crate::VerifiedJws::signature_index)) and carries that
/// signature's headers only; [`verified_indexes`](crate::VerifiedJws::verified_indexes) lists
/// every signature seen to verify.
///
/// ```
/// use jose_jws::SignaturePolicy;
///
/// let policy = SignaturePolicy::require_kids(["release-key", "audit-key"]);
/// assert_eq!(policy, SignaturePolicy::RequireKids(vec!["release-key".into(), "audit-key".into()]));
/// assert_eq!(SignaturePolicy::default(), SignaturePolicy::AnyOne);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignaturePolicy {
    /// At least one signature must verify; the first one that does (in order) is the result.
    /// Failures of the other signatures are ignored. When none verifies, the error is the
    /// one every signature failed with if they all failed alike, or
    /// [`Error::PolicyNotSatisfied`] listing each signature's failure.
    #[default]
    AnyOne,
    /// Every signature must verify; the result is signature 0. Checking stops at the first
    /// failure, which is returned as is for a single signature, or inside
    /// [`Error::PolicyNotSatisfied`] (naming its index) for several.
    All,
    /// For each listed `kid` there must be a signature that verifies with a key whose `kid`
    /// (the key's, as the [`VerifyingKeyResolver`](crate::VerifyingKeyResolver) returned it, not the header's)
    /// equals it exactly; other signatures may fail. The result is the first signature (in
    /// order) verified by a listed key. An empty list is never satisfied.
    RequireKids(Vec<String>),
}

impl SignaturePolicy {
    /// [`SignaturePolicy::RequireKids`] from any list of names.
    pub fn require_kids(kids: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self::RequireKids(kids.into_iter().map(Into::into).collect())
    }

    /// Checks signatures `0..count` with `check`, as the policy requires, and returns the one
    /// that satisfies it.
    pub(crate) fn evaluate(
        &self,
        count: usize,
        mut check: impl FnMut(usize) -> Result<Checked, Error>,
    ) -> Result<Satisfied, Error> {
        if count == 0 {
            return Err(Error::PolicyNotSatisfied {
                reason: "the JWS has no signature".into(),
            });
        }
        match self {
            Self::AnyOne => {
                let mut failures = Vec::new();
                for index in 0..count {
                    match check(index) {
                        Ok(checked) => {
                            return Ok(Satisfied {
                                index,
                                checked,
                                verified: vec![index],
                            });
                        }
                        Err(e) => failures.push((index, e)),
                    }
                }
                Err(summarize(failures, "no signature verified"))
            }
            Self::All => {
                let mut first = None;
                let mut verified = Vec::with_capacity(count);
                for index in 0..count {
                    match check(index) {
                        Ok(checked) => {
                            verified.push(index);
                            if first.is_none() {
                                first = Some((index, checked));
                            }
                        }
                        Err(e) if count == 1 => return Err(e),
                        Err(e) => {
                            return Err(Error::PolicyNotSatisfied {
                                reason: format!(
                                    "every signature must verify (SignaturePolicy::All), but signature {index} of {count} did not: {}",
                                    brief(&e)
                                ),
                            });
                        }
                    }
                }
                let (index, checked) = first.ok_or_else(|| Error::PolicyNotSatisfied {
                    reason: "no signature verified".into(),
                })?;
                Ok(Satisfied {
                    index,
                    checked,
                    verified,
                })
            }
            Self::RequireKids(kids) => {
                if kids.is_empty() {
                    return Err(Error::PolicyNotSatisfied {
                        reason: "SignaturePolicy::RequireKids lists no kid, and a policy is never satisfied vacuously".into(),
                    });
                }
                let mut missing: Vec<&str> = Vec::with_capacity(kids.len());
                for kid in kids {
                    if !missing.contains(&kid.as_str()) {
                        missing.push(kid);
                    }
                }
                let mut first = None;
                let mut verified = Vec::new();
                let mut failures = Vec::new();
                for index in 0..count {
                    if missing.is_empty() {
                        break;
                    }
                    match check(index) {
                        Ok(checked) => {
                            verified.push(index);
                            let kid = checked.kid.as_deref();
                            if let Some(kid) = kid
                                && missing.contains(&kid)
                            {
                                missing.retain(|k| *k != kid);
                                if first.is_none() {
                                    first = Some((index, checked));
                                }
                            }
                        }
                        Err(e) => failures.push((index, e)),
                    }
                }
                match first {
                    Some((index, checked)) if missing.is_empty() => Ok(Satisfied {
                        index,
                        checked,
                        verified,
                    }),
                    _ if verified.is_empty() && all_alike(&failures) => {
                        Err(summarize(failures, "no signature verified"))
                    }
                    _ => {
                        let mut reason = String::from("no signature verified by a key with kid ");
                        for (i, kid) in missing.iter().enumerate() {
                            let sep = if i == 0 { "" } else { ", " };
                            let _ = write!(reason, "{sep}\"{}\"", jose_b64::printable(kid));
                        }
                        if !verified.is_empty() {
                            let _ = write!(reason, " (verified: signatures {verified:?})");
                        }
                        append_failures(&mut reason, &failures);
                        Err(Error::PolicyNotSatisfied { reason })
                    }
                }
            }
        }
    }
}

/// The signature that satisfied a policy, and every signature seen to verify.
pub(crate) struct Satisfied {
    pub(crate) index: usize,
    pub(crate) checked: Checked,
    pub(crate) verified: Vec<usize>,
}

fn all_alike(failures: &[(usize, Error)]) -> bool {
    let mut errors = failures.iter().map(|(_, e)| e);
    match errors.next() {
        Some(first) => errors.all(|e| e == first),
        None => false,
    }
}

/// The error for "nothing verified": the common error when every signature failed alike,
/// else [`Error::PolicyNotSatisfied`] listing each failure.
fn summarize(mut failures: Vec<(usize, Error)>, what: &str) -> Error {
    if all_alike(&failures)
        && let Some((_, first)) = failures.pop()
    {
        return first;
    }
    let mut reason = String::from(what);
    append_failures(&mut reason, &failures);
    Error::PolicyNotSatisfied { reason }
}

fn append_failures(reason: &mut String, failures: &[(usize, Error)]) {
    for (n, (index, e)) in failures.iter().enumerate() {
        let sep = if n == 0 { ": " } else { "; " };
        let _ = write!(reason, "{sep}signature {index}: {}", brief(e));
    }
}

/// An error's message, cut to a length fit for a list.
fn brief(e: &Error) -> String {
    const MAX: usize = 160;
    let text = e.to_string();
    if text.chars().count() <= MAX {
        text
    } else {
        text.chars().take(MAX).chain(['…']).collect()
    }
}
