//! Decrypting a JWE JSON Serialization (RFC 7516 §5.2, §7.2): the recipient is chosen
//! through the key resolver.

use core::fmt::Write as _;
use std::borrow::Cow;

use jose_jwk::alg::{JweAlgorithm, JweEncryption};
use jose_jwk::header::{JWE_REGISTERED, JoseHeader};
use zeroize::Zeroizing;

use super::parse::{UnverifiedJsonJwe, check_unprotected, too_many_recipients};
#[cfg(doc)]
use crate::Limits;
use crate::decrypted::{JsonParts, Protected};
use crate::decrypter::CheckedHeader;
use crate::decrypter::unprotected_enc_refused;
use crate::keywrap::key_encryption;
use crate::resolver::DecryptingKeyResolver;
use crate::{DecryptedJwe, Decrypter, DecryptingKey, Error, content, recipient, zip};
use jose_b64::printable;

/// What opening gives: the plaintext, the recipient that decrypted, the algorithms and the
/// `kid`.
struct Opened {
    plaintext: Zeroizing<Vec<u8>>,
    index: usize,
    alg: JweAlgorithm,
    enc: JweEncryption,
    kid: Option<String>,
}

impl UnverifiedJsonJwe {
    /// Checks the headers against `decrypter`, finds a recipient whose key `keys` knows, and
    /// decrypts.
    ///
    /// For every recipient the JOSE Header is the union of the protected header, the shared
    /// unprotected header and its own header, whose names must be disjoint (RFC 7516 §7.2.1);
    /// `crit` and `zip` must be in the protected header, and so must `enc` unless
    /// [`Decrypter::allow_unprotected_enc`]; every recipient must name the same `enc`. These
    /// rules are checked for every recipient before any key is looked up. `alg` may be in any
    /// of the three headers (RFC 7516 §7.2.1: the allow-list and the key's bound algorithm
    /// decide what runs; see the README's security section).
    ///
    /// Recipients are tried in order. One whose `alg` is unknown or not allowed, or for which
    /// `keys` has no key ([`Error::NoMatchingKey`], or a key bound to another algorithm, or a
    /// key whose `kid` is not the one the recipient names), is skipped; any other error in a
    /// recipient's header is the JWE's error. Before any key is used, the work of the
    /// recipients left is bounded: at most [`Limits::max_private_key_unwraps`] of them may
    /// need an RSA or ECDH private-key operation, and their PBES2 iterations may add up to at
    /// most [`Limits::max_pbes2_iterations`]; beyond that the JWE is refused
    /// ([`Error::TooManyCandidateRecipients`]), whatever the keys. The first
    /// recipient whose CEK decrypts the content is the result
    /// ([`DecryptedJwe::recipient_index`]), with its headers and no other's. A key that does
    /// not unwrap goes on with a random CEK (RFC 7516 §11.5), so a recipient that was tried
    /// and failed is never told apart from any other.
    ///
    /// # Errors
    ///
    /// As [`Decrypter::decrypt_json`].
    pub fn decrypt(
        &self,
        decrypter: &Decrypter,
        keys: &(impl DecryptingKeyResolver + ?Sized),
    ) -> Result<DecryptedJwe, Error> {
        let opened = self.open(decrypter, keys)?;
        let recipient = self
            .recipients
            .get(opened.index)
            .and_then(|r| r.header.clone());
        Ok(DecryptedJwe {
            plaintext: opened.plaintext,
            protected: Protected::from_map(
                self.protected
                    .as_ref()
                    .map(|p| p.value().clone())
                    .unwrap_or_default(),
            ),
            alg: opened.alg,
            enc: opened.enc,
            kid: opened.kid,
            json: Some(JsonParts {
                recipient_index: opened.index,
                shared: self.shared.clone(),
                recipient,
                aad: self.aad.as_ref().map(|(_, decoded)| decoded.clone()),
            }),
        })
    }

    /// Consumes the parsed JWE into the result, without copying its headers.
    fn into_decrypted(self, opened: Opened) -> DecryptedJwe {
        let recipient = self
            .recipients
            .into_iter()
            .nth(opened.index)
            .and_then(|r| r.header);
        DecryptedJwe {
            plaintext: opened.plaintext,
            protected: Protected::from_map(
                self.protected.map(|p| p.into_value()).unwrap_or_default(),
            ),
            alg: opened.alg,
            enc: opened.enc,
            kid: opened.kid,
            json: Some(JsonParts {
                recipient_index: opened.index,
                shared: self.shared,
                recipient,
                aad: self.aad.map(|(_, decoded)| decoded),
            }),
        }
    }

    /// RFC 7516 §5.2 steps 4–17 for the JSON serializations.
    fn open(
        &self,
        decrypter: &Decrypter,
        keys: &(impl DecryptingKeyResolver + ?Sized),
    ) -> Result<Opened, Error> {
        let limits = decrypter.limits();
        if self.len > limits.max_token_len {
            return Err(Error::TooLarge {
                what: "JWE JSON serialization",
                limit: limits.max_token_len,
                actual: self.len,
            });
        }
        if self.recipients.len() > limits.max_recipients {
            return Err(too_many_recipients(
                self.recipients.len(),
                limits.max_recipients,
            ));
        }
        // The header limits, again: the JWE may have been parsed with other limits.
        if let Some(shared) = &self.shared {
            check_unprotected(shared, self.shared_len, "unprotected", limits)?;
        }
        for r in &self.recipients {
            if let Some(header) = &r.header {
                check_unprotected(header, r.header_len, "header", limits)?;
            }
        }
        // The rules on where parameters may be hold for every recipient, before any key is
        // looked up: a recipient that is not the caller's cannot carry a malformed header.
        let protected = self.protected.as_ref().map(|p| p.value());
        let headers = self
            .recipients
            .iter()
            .map(|r| {
                let header = JoseHeader::new(protected, self.shared.as_ref(), r.header.as_ref())
                    .map_err(Error::Header)?;
                check_locations(&header, decrypter)?;
                Ok(header)
            })
            .collect::<Result<Vec<_>, Error>>()?;
        agreed_enc(&headers)?;

        // The AAD: ASCII(Encoded Protected Header), then '.' and the `aad` text as received
        // (RFC 7516 §5.2 steps 14–15).
        let mut aad = String::from(self.protected_header_encoded().unwrap_or_default());
        if let Some((encoded, _)) = &self.aad {
            aad.push('.');
            aad.push_str(encoded);
        }

        // The recipients to try: those whose `alg` is allowed and whose key the resolver
        // finds. The work they would cost is bounded before any key is used.
        let mut skipped: Vec<(usize, Error)> = Vec::new();
        let mut candidates: Vec<Candidate<'_, '_>> = Vec::new();
        for (index, (header, r)) in headers.into_iter().zip(&self.recipients).enumerate() {
            let checked = match decrypter.check_header(header) {
                Ok(checked) => checked,
                Err(e @ (Error::UnknownAlgorithm { .. } | Error::AlgorithmNotAllowed { .. })) => {
                    skipped.push((index, e));
                    continue;
                }
                Err(e) => return Err(e),
            };
            let params = recipient::check_before_lookup(
                &checked,
                &r.encrypted_key,
                decrypter.max_pbes2_count(),
            )?;
            let key = match recipient::resolve(keys, &checked) {
                Ok(key) => key,
                Err(e @ (Error::NoMatchingKey { .. } | Error::KeyAlgorithmMismatch { .. })) => {
                    skipped.push((index, e));
                    continue;
                }
                Err(e) => return Err(e),
            };
            // A key with a `kid` is tried only on recipients that name it, or name none.
            if let (Some(named), Some(own)) = (checked.kid, key.kid())
                && named != own
            {
                skipped.push((index, kid_mismatch(named, own)));
                continue;
            }
            candidates.push(Candidate {
                index,
                checked,
                params,
                key,
                encrypted_key: &r.encrypted_key,
            });
        }
        if candidates.is_empty() {
            return Err(none_resolved(skipped));
        }
        check_work(&candidates, decrypter)?;

        for candidate in candidates {
            let (alg, enc) = (candidate.checked.alg, candidate.checked.enc);
            let cek = recipient::unwrap_cek(
                &candidate.key,
                alg,
                enc,
                &candidate.params,
                candidate.encrypted_key,
            )?;
            let Ok(plaintext) = content::decrypt(
                enc,
                &cek,
                &self.iv,
                aad.as_bytes(),
                &self.ciphertext,
                &self.tag,
            ) else {
                continue;
            };
            let plaintext = zip::decompress_if(
                candidate.checked.zip,
                plaintext,
                decrypter.max_decompressed_len(),
            )?;
            return Ok(Opened {
                plaintext,
                index: candidate.index,
                alg,
                enc,
                kid: candidate
                    .key
                    .kid()
                    .or(candidate.checked.kid)
                    .map(str::to_owned),
            });
        }
        Err(Error::DecryptionFailed)
    }
}

/// A recipient to try: its checked header and algorithm parameters, and the key found.
struct Candidate<'j, 'k> {
    index: usize,
    checked: CheckedHeader<'j>,
    params: recipient::Params,
    key: Cow<'k, DecryptingKey>,
    encrypted_key: &'j [u8],
}

/// The refusal of a key whose `kid` is not the one a recipient names.
fn kid_mismatch(named: &str, own: &str) -> Error {
    Error::NoMatchingKey {
        reason: format!(
            "the recipient names kid \"{}\", the key found is \"{}\"",
            printable(named),
            printable(own)
        ),
    }
}

/// The bound on the work of the candidates, before any key is used: at most
/// [`Limits::max_private_key_unwraps`] RSA or ECDH private-key operations, and at most
/// [`Limits::max_pbes2_iterations`] PBES2 iterations in total (or the decrypter's
/// `p2c` cap, if larger, so that one recipient within the cap is always tried).
///
fn check_work(candidates: &[Candidate<'_, '_>], decrypter: &Decrypter) -> Result<(), Error> {
    let limits = decrypter.limits();
    let private_key_ops = candidates
        .iter()
        .filter(|c| key_encryption::is_rsa(c.checked.alg) || c.checked.alg.is_ecdh_es())
        .count();
    if private_key_ops > limits.max_private_key_unwraps {
        return Err(Error::TooManyCandidateRecipients {
            reason: format!(
                "{private_key_ops} recipients would each need an RSA or ECDH private-key \
                 operation with the keys found, more than the limit of {} \
                 (Limits::max_private_key_unwraps); give the recipients and keys kids",
                limits.max_private_key_unwraps
            ),
        });
    }
    let iterations: u64 = candidates
        .iter()
        .map(|c| match &c.params {
            recipient::Params::Pbes2(params) => u64::from(params.count()),
            _ => 0,
        })
        .sum();
    let budget = limits.max_pbes2_iterations.max(decrypter.max_pbes2_count());
    if iterations > u64::from(budget) {
        return Err(Error::TooManyCandidateRecipients {
            reason: format!(
                "the PBES2 recipients would need {iterations} iterations in total with the \
                 keys found, more than the limit of {budget} (Limits::max_pbes2_iterations)"
            ),
        });
    }
    Ok(())
}

/// Where parameters may be: `crit` (which names nothing this library understands) and `zip`
/// only in the protected header, and `enc` too unless the decrypter allows it elsewhere.
fn check_locations(header: &JoseHeader<'_>, decrypter: &Decrypter) -> Result<(), Error> {
    header
        .check_crit(&[], JWE_REGISTERED)
        .map_err(Error::Header)?;
    header.protected_only(&["zip"]).map_err(Error::Header)?;
    if !decrypter.allows_unprotected_enc() {
        header
            .protected_only(&["enc"])
            .map_err(|_| unprotected_enc_refused())?;
    }
    Ok(())
}

/// Every recipient must name the same `enc` (it is one content encryption for all); where it
/// is, and whether it is allowed, is checked per recipient.
fn agreed_enc(headers: &[JoseHeader<'_>]) -> Result<(), Error> {
    let mut encs = headers.iter().map(|h| h.get("enc").map(|(value, _)| value));
    if let Some(first) = encs.next()
        && encs.any(|enc| enc != first)
    {
        return Err(Error::malformed(
            "the recipients disagree on \"enc\": a JWE has one content encryption for all of them",
        ));
    }
    Ok(())
}

/// The error when no recipient could be tried: the recipient's own for a single one, else
/// [`Error::NoMatchingKey`] saying why each was skipped.
fn none_resolved(mut skipped: Vec<(usize, Error)>) -> Error {
    if skipped.len() == 1
        && let Some((_, only)) = skipped.pop()
    {
        return only;
    }
    let mut reason = format!("none of the {} recipients has a key here", skipped.len());
    for (n, (index, e)) in skipped.iter().enumerate() {
        let sep = if n == 0 { ": " } else { "; " };
        let _ = write!(reason, "{sep}recipient {index}: {}", brief(e));
    }
    Error::NoMatchingKey { reason }
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

impl Decrypter {
    /// Parses and decrypts a JWE JSON Serialization, general or flattened (told apart by
    /// their members, RFC 7516 §7.2, never by looking for dots), with the key of whichever
    /// recipient `keys` knows.
    ///
    /// See [`UnverifiedJsonJwe::parse_with`] for the shape that is required and
    /// [`UnverifiedJsonJwe::decrypt`] for how the recipient is chosen. Per recipient the
    /// checks are those of [`Decrypter::decrypt_compact`], on the union of its headers.
    ///
    /// ```
    /// use jose_jwe::{json, Decrypter, EncryptingKey, Error, Header, JweAlgorithm, JweEncryption};
    ///
    /// let a = EncryptingKey::symmetric(&[1u8; 16], JweAlgorithm::A128KW)?.with_kid("a");
    /// let b = EncryptingKey::password(b"b's password", JweAlgorithm::PBES2_HS256_A128KW)?
    ///     .with_kid("b");
    /// let jwe = json::Encryptor::new(JweEncryption::A128GCM)
    ///     .recipient(&a, Header::new())
    ///     .recipient(&b, Header::new())
    ///     .encrypt_general(b"for a and b")?;
    ///
    /// // This decrypter only knows A128KW: recipient 1 (PBES2) is skipped.
    /// let decrypter = Decrypter::new([JweAlgorithm::A128KW], [JweEncryption::A128GCM])?;
    /// let decrypted = decrypter.decrypt_json(&jwe, &a.to_decrypting_key())?;
    /// assert_eq!((decrypted.plaintext(), decrypted.recipient_index()), (&b"for a and b"[..], 0));
    ///
    /// // A key that no recipient names.
    /// let c = EncryptingKey::symmetric(&[3u8; 16], JweAlgorithm::A128KW)?.with_kid("c");
    /// let e = decrypter.decrypt_json(&jwe, &c.to_decrypting_key()).unwrap_err();
    /// assert!(matches!(e, Error::NoMatchingKey { .. }));
    /// # Ok::<(), jose_jwe::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`], [`Error::Malformed`], [`Error::Encoding`] and [`Error::Header`]
    /// for a malformed JWE (including names in two headers, `enc`, `crit` or `zip` outside
    /// the protected header, recipients that disagree on `enc`); [`Error::UnknownEncryption`],
    /// [`Error::EncryptionNotAllowed`] for `enc`; [`Error::Unsupported`] for a `zip` other
    /// than `"DEF"`; when no recipient could be tried, the reason for a single recipient
    /// ([`Error::UnknownAlgorithm`], [`Error::AlgorithmNotAllowed`], [`Error::NoMatchingKey`],
    /// [`Error::KeyAlgorithmMismatch`]) or [`Error::NoMatchingKey`] listing each recipient's;
    /// [`Error::TooManyCandidateRecipients`] when the recipients to try would cost more than
    /// the limits allow; when some were tried and none decrypted, the one
    /// [`Error::DecryptionFailed`]; and,
    /// after the tag has verified, [`Error::Decompression`].
    pub fn decrypt_json(
        &self,
        json: &str,
        keys: &(impl DecryptingKeyResolver + ?Sized),
    ) -> Result<DecryptedJwe, Error> {
        let parsed = UnverifiedJsonJwe::parse_with(json, self.limits())?;
        let opened = parsed.open(self, keys)?;
        Ok(parsed.into_decrypted(opened))
    }
}
