//! Verifying a JWS JSON Serialization (RFC 7515 §5.2, §7.2; RFC 7797 §3).

use std::borrow::Cow;

use jose_b64::base64url;

use super::input::JsonInput;
use super::parse::UnverifiedJsonJws;
use super::policy::{Satisfied, SignaturePolicy};
use crate::resolver::VerifyingKeyResolver;
use crate::verified::Protected;
use crate::verifier::Checked;
use crate::{Error, VerifiedJws, Verifier};

impl UnverifiedJsonJws {
    /// Verifies the signatures over the attached payload as `policy` requires, then decodes
    /// the payload (once).
    ///
    /// Each signature is checked on its own: its protected and unprotected headers must be
    /// disjoint, `crit` and `b64` protected, `alg` protected (unless
    /// [`Verifier::allow_unprotected_alg`]) and allowed, the key found by `keys` bound to that
    /// `alg`, and the signature valid over `ASCII(protected) ‖ '.' ‖ payload` with the
    /// `protected` and `payload` texts exactly as received. A JWS without `payload` is an
    /// error (use [`UnverifiedJsonJws::verify_detached`]).
    pub fn verify(
        self,
        verifier: &Verifier,
        keys: &(impl VerifyingKeyResolver + ?Sized),
        policy: &SignaturePolicy,
    ) -> Result<VerifiedJws, Error> {
        self.check_limits(verifier)?;
        let Some(payload) = &self.payload else {
            return Err(Error::malformed(
                "the JWS has no \"payload\" member; a detached payload is verified with verify_json_detached",
            ));
        };
        let satisfied = self.verify_signatures(verifier, keys, policy, payload.as_bytes())?;
        let b64 = self.b64;
        let Self {
            payload,
            signatures,
            ..
        } = self;
        let payload = payload.unwrap_or_default();
        let payload = if b64 {
            base64url::decode(&payload).map_err(Error::encoding("payload"))?
        } else {
            payload.into_bytes()
        };
        Ok(verified(signatures, payload, satisfied))
    }

    /// Verifies the signatures over a detached `payload` (RFC 7515 App. F) as `policy`
    /// requires: the JWS must have no `payload` member. With `"b64":false` the payload may be
    /// any bytes (RFC 7797 §5.1).
    pub fn verify_detached(
        self,
        verifier: &Verifier,
        payload: &[u8],
        keys: &(impl VerifyingKeyResolver + ?Sized),
        policy: &SignaturePolicy,
    ) -> Result<VerifiedJws, Error> {
        self.check_limits(verifier)?;
        if self.payload.is_some() {
            return Err(Error::malformed(
                "a detached JWS must not have a \"payload\" member",
            ));
        }
        let segment: Cow<'_, [u8]> = if self.b64 {
            Cow::Owned(base64url::encode(payload).into_bytes())
        } else {
            Cow::Borrowed(payload)
        };
        let satisfied = self.verify_signatures(verifier, keys, policy, &segment)?;
        Ok(verified(self.signatures, payload.to_vec(), satisfied))
    }

    /// Applies the verifier's limits, which may be stricter than those the JWS was parsed
    /// with.
    fn check_limits(&self, verifier: &Verifier) -> Result<(), Error> {
        verifier.check_len("JWS JSON serialization", self.len)?;
        let max = verifier.limits().max_signatures;
        if self.signatures.len() > max {
            return Err(Error::malformed(format!(
                "{} signatures exceed the limit of {max} (Limits::max_signatures)",
                self.signatures.len()
            )));
        }
        Ok(())
    }

    /// Checks signature after signature, as far as `policy` needs, over
    /// `protected ‖ '.' ‖ segment`.
    fn verify_signatures(
        &self,
        verifier: &Verifier,
        keys: &(impl VerifyingKeyResolver + ?Sized),
        policy: &SignaturePolicy,
        segment: &[u8],
    ) -> Result<Satisfied, Error> {
        let mut input = Vec::new();
        policy.evaluate(self.signatures.len(), |index| {
            let signature = self
                .signatures
                .get(index)
                .ok_or_else(|| Error::malformed("no such signature"))?;
            let protected = signature.protected.as_ref();
            input.clear();
            input.extend_from_slice(protected.map_or("", |p| p.encoded()).as_bytes());
            input.push(b'.');
            input.extend_from_slice(segment);
            let checked: Checked = verifier.check(
                protected.map(|p| p.value()),
                signature.header.as_ref(),
                &input,
                &signature.signature,
                keys,
            )?;
            if checked.b64 != self.b64 {
                // Unreachable: parsing read `b64` from the same protected header.
                return Err(Error::malformed(
                    "the signatures disagree on \"b64\" (RFC 7797 §3)",
                ));
            }
            Ok(checked)
        })
    }
}

/// The result, with the headers of the signature that satisfied the policy and of no other.
fn verified(
    signatures: Vec<super::parse::UnverifiedSignature>,
    payload: Vec<u8>,
    satisfied: Satisfied,
) -> VerifiedJws {
    let Satisfied {
        index,
        checked,
        verified,
    } = satisfied;
    let (protected, unprotected) = signatures
        .into_iter()
        .nth(index)
        .map(|s| (s.protected.map(|p| p.into_value()), s.header))
        .unwrap_or_default();
    VerifiedJws {
        payload,
        protected: Protected::from_map(protected.unwrap_or_default()),
        unprotected,
        alg: checked.alg,
        kid: checked.kid,
        signature_index: index,
        verified_indexes: verified,
    }
}

impl Verifier {
    /// Parses and verifies a JWS JSON Serialization, general or flattened (told apart by
    /// their members, RFC 7515 §7.2), with an attached payload. `policy` says which
    /// signatures must verify; the result carries the headers of the signature that
    /// satisfied it ([`VerifiedJws::signature_index`]).
    ///
    /// See [`UnverifiedJsonJws::parse_with`] for the shape that is required and
    /// [`UnverifiedJsonJws::verify`] for what is checked per signature.
    ///
    /// ```
    /// use jose_jws::json::Signer;
    /// use jose_jws::{Header, JwsAlgorithm, SignaturePolicy, SigningKey, Verifier};
    ///
    /// let a = SigningKey::hmac(&[1u8; 32], JwsAlgorithm::HS256)?.with_kid("a");
    /// let b = SigningKey::hmac(&[2u8; 32], JwsAlgorithm::HS256)?.with_kid("b");
    /// let jws = Signer::new(br#"{"ok":true}"#)
    ///     .signature(&a, Header::new(), None)
    ///     .signature(&b, Header::new(), None)
    ///     .sign_general()?;
    ///
    /// // Only b's key is known here: signature 1 verifies and is the one reported.
    /// let verifier = Verifier::new([JwsAlgorithm::HS256])?;
    /// let keys = vec![b.verifying_key().clone()];
    /// let verified = verifier.verify_json(&jws, &keys, &SignaturePolicy::AnyOne)?;
    /// assert_eq!(verified.payload(), br#"{"ok":true}"#);
    /// assert_eq!((verified.signature_index(), verified.kid()), (1, Some("b")));
    ///
    /// // Both are required: fails.
    /// let both = SignaturePolicy::require_kids(["a", "b"]);
    /// assert!(verifier.verify_json(&jws, &keys, &both).is_err());
    /// # Ok::<(), jose_jws::Error>(())
    /// ```
    pub fn verify_json<'a>(
        &self,
        json: impl Into<JsonInput<'a>>,
        keys: &(impl VerifyingKeyResolver + ?Sized),
        policy: &SignaturePolicy,
    ) -> Result<VerifiedJws, Error> {
        UnverifiedJsonJws::parse_with(json, self.limits())?.verify(self, keys, policy)
    }

    /// Parses and verifies a JWS JSON Serialization whose payload is detached (RFC 7515
    /// App. F): the JSON must have no `payload` member, and `payload` is what was signed.
    ///
    /// ```
    /// use jose_jws::{json, Header, JwsAlgorithm, SignaturePolicy, SigningKey, Verifier};
    ///
    /// let key = SigningKey::hmac(&[3u8; 32], JwsAlgorithm::HS256)?;
    /// let jws = json::sign_flattened_detached(&key, &Header::new(), None, b"file contents")?;
    /// assert!(!jws.contains("payload"));
    /// let verifier = Verifier::new([JwsAlgorithm::HS256])?;
    /// let any = SignaturePolicy::AnyOne;
    /// assert!(verifier.verify_json_detached(&jws, b"file contents", key.verifying_key(), &any).is_ok());
    /// assert!(verifier.verify_json_detached(&jws, b"other contents", key.verifying_key(), &any).is_err());
    /// # Ok::<(), jose_jws::Error>(())
    /// ```
    pub fn verify_json_detached<'a>(
        &self,
        json: impl Into<JsonInput<'a>>,
        payload: &[u8],
        keys: &(impl VerifyingKeyResolver + ?Sized),
        policy: &SignaturePolicy,
    ) -> Result<VerifiedJws, Error> {
        UnverifiedJsonJws::parse_with(json, self.limits())?
            .verify_detached(self, payload, keys, policy)
    }

    /// Verifies a flattened JWS JSON Serialization (RFC 7515 §7.2.2), which holds exactly one
    /// signature, so no [`SignaturePolicy`] is needed: that signature must verify. A general
    /// serialization (`signatures`) is refused, even with one signature: verify it with
    /// [`Verifier::verify_json`] and the policy that says which signatures must verify.
    ///
    /// Otherwise as [`Verifier::verify_json`]; like Node's `flattenedVerify`.
    ///
    /// ```
    /// use jose_b64::serde_json::Value;
    /// use jose_jws::{json, Header, JwsAlgorithm, SigningKey, Verifier};
    ///
    /// let key = SigningKey::hmac(&[42u8; 32], JwsAlgorithm::HS256)?;
    /// let jws = json::sign_flattened(&key, &Header::new(), None, b"hello")?;
    /// let verifier = Verifier::new([JwsAlgorithm::HS256])?;
    /// assert_eq!(verifier.verify_flattened(&jws, key.verifying_key())?.payload(), b"hello");
    ///
    /// // JSON the application already parsed, such as a member of a larger document.
    /// let parsed: Value = jose_b64::serde_json::from_str(&jws).unwrap();
    /// assert!(verifier.verify_flattened(&parsed, key.verifying_key()).is_ok());
    /// # Ok::<(), jose_jws::Error>(())
    /// ```
    pub fn verify_flattened<'a>(
        &self,
        json: impl Into<JsonInput<'a>>,
        keys: &(impl VerifyingKeyResolver + ?Sized),
    ) -> Result<VerifiedJws, Error> {
        let parsed = UnverifiedJsonJws::parse_with(json, self.limits())?;
        if !parsed.is_flattened() {
            return Err(Error::malformed(
                "a general JSON serialization (\"signatures\") where the flattened syntax is \
                 expected; verify it with verify_json and a SignaturePolicy",
            ));
        }
        parsed.verify(self, keys, &SignaturePolicy::AnyOne)
    }
}
