//! The decryption policy: allowed algorithms and limits, and the header rules of RFC 7516
//! §5.2.

use jose_b64::JsonLimits;
use jose_jwk::alg::{JweAlgorithm, JweEncryption};
use jose_jwk::header::{JWE_REGISTERED, JoseHeader, Location};

use crate::Error;
use crate::error::header_error;
use crate::key::is_supported;
use crate::keywrap::{key_encryption, pbes2};
use crate::zip::{self, Zip};
use jose_b64::printable;

/// Size and work limits applied before any decoding or key use.
///
/// The work one JWE can cause is bounded: a compact JWE has one recipient; of a JSON
/// serialization's recipients only those whose key the resolver finds are tried (a key with a
/// `kid` only on recipients that name that `kid` or none), and before any of them is tried,
/// the private-key operations (RSA, ECDH) they would need are counted against
/// [`Limits::max_private_key_unwraps`] and their PBES2 iterations against
/// [`Limits::max_pbes2_iterations`]. A JWE over either bound is refused with
/// [`Error::TooManyCandidateRecipients`] before any key is used, so that a JWE costs at most
/// a few times one genuine decryption, whatever its number of recipients.
///
/// Read them as fields, set them with the `with_…` methods (each doc gives the default), as
/// for the JWS twin, `jose_jws::Limits`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The longest compact JWE or JSON serialization accepted, in bytes (default 256 KiB).
    pub max_token_len: usize,
    /// The longest header, in bytes (default 8 KiB): the decoded protected header, and the
    /// JSON text of the shared unprotected and of every per-recipient header of a JSON
    /// serialization.
    pub max_header_len: usize,
    /// The deepest JSON nesting in a header (default 16).
    pub max_header_depth: u32,
    /// The most recipients a general JSON serialization may carry (default 16).
    pub max_recipients: usize,
    /// The most recipients of one JSON serialization that may be tried with a private-key
    /// operation, RSA decryption (`RSA-OAEP*`, `RSA1_5`) or ECDH (`ECDH-ES*`) (default 3).
    pub max_private_key_unwraps: usize,
    /// The most PBES2 iterations (the sum of the `p2c` of the recipients to try) one JSON
    /// serialization may cost (default 30 000). A single recipient within
    /// [`Decrypter::max_pbes2_count`] is always within it.
    pub max_pbes2_iterations: u32,
}

impl Limits {
    /// The defaults: 256 KiB tokens, 8 KiB headers nested 16 deep, 16 recipients, 3
    /// private-key unwraps and 30 000 PBES2 iterations per JSON serialization.
    pub const DEFAULT: Self = Self {
        max_token_len: 256 * 1024,
        max_header_len: 8 * 1024,
        max_header_depth: 16,
        max_recipients: 16,
        max_private_key_unwraps: 3,
        max_pbes2_iterations: 30_000,
    };

    /// These limits with compact or JSON serializations of at most `max` bytes (default
    /// 256 KiB).
    ///
    /// ```
    /// use jose_jwe::Limits;
    ///
    /// let limits = Limits::DEFAULT.with_max_token_len(1 << 20);
    /// assert_eq!((limits.max_token_len, limits.max_header_len), (1 << 20, 8 * 1024));
    /// ```
    #[must_use]
    pub const fn with_max_token_len(mut self, max: usize) -> Self {
        self.max_token_len = max;
        self
    }

    /// These limits with headers of at most `max` bytes (default 8 KiB).
    ///
    /// ```
    /// use jose_jwe::Limits;
    ///
    /// assert_eq!(Limits::DEFAULT.with_max_header_len(512).max_header_len, 512);
    /// ```
    #[must_use]
    pub const fn with_max_header_len(mut self, max: usize) -> Self {
        self.max_header_len = max;
        self
    }

    /// These limits with headers nested at most `max` deep (default 16).
    ///
    /// ```
    /// use jose_jwe::Limits;
    ///
    /// assert_eq!(Limits::DEFAULT.with_max_header_depth(4).max_header_depth, 4);
    /// ```
    #[must_use]
    pub const fn with_max_header_depth(mut self, max: u32) -> Self {
        self.max_header_depth = max;
        self
    }

    /// These limits with at most `max_recipients` recipients in a general JSON serialization
    /// (default 16).
    ///
    /// ```
    /// use jose_jwe::Limits;
    ///
    /// let limits = Limits::DEFAULT.with_max_recipients(4);
    /// assert_eq!((limits.max_recipients, limits.max_token_len), (4, 256 * 1024));
    /// ```
    #[must_use]
    pub const fn with_max_recipients(mut self, max_recipients: usize) -> Self {
        self.max_recipients = max_recipients;
        self
    }

    /// These limits with at most `max` recipients of a JSON serialization tried with an RSA
    /// or ECDH private-key operation (default 3). Raise it for producers that send many
    /// recipients without `kid`s to one decrypter; giving the recipients and keys `kid`s is
    /// the better fix.
    ///
    /// ```
    /// use jose_jwe::Limits;
    ///
    /// assert_eq!(Limits::DEFAULT.max_private_key_unwraps, 3);
    /// assert_eq!(Limits::DEFAULT.with_max_private_key_unwraps(8).max_private_key_unwraps, 8);
    /// ```
    #[must_use]
    pub const fn with_max_private_key_unwraps(mut self, max: usize) -> Self {
        self.max_private_key_unwraps = max;
        self
    }

    /// These limits with at most `max` PBES2 iterations in total for the recipients of one
    /// JSON serialization (default 30 000, three recipients at the default `p2c` cap).
    ///
    /// ```
    /// use jose_jwe::Limits;
    ///
    /// assert_eq!(Limits::DEFAULT.max_pbes2_iterations, 30_000);
    /// assert_eq!(Limits::DEFAULT.with_max_pbes2_iterations(50_000).max_pbes2_iterations, 50_000);
    /// ```
    #[must_use]
    pub const fn with_max_pbes2_iterations(mut self, max: u32) -> Self {
        self.max_pbes2_iterations = max;
        self
    }

    pub(crate) fn header_json(&self) -> JsonLimits {
        JsonLimits::new(self.max_header_depth, self.max_header_len)
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// How JWEs are decrypted: the key management (`alg`) and content encryption (`enc`)
/// algorithms accepted, each an explicit list, and the size limits.
///
/// ```
/// use jose_jwe::{Decrypter, JweAlgorithm, JweEncryption};
///
/// let decrypter = Decrypter::new([JweAlgorithm::A256KW], [JweEncryption::A256GCM])?;
/// assert!(Decrypter::new([], [JweEncryption::A256GCM]).is_err());
/// assert!(Decrypter::new([JweAlgorithm::A256KW], []).is_err());
/// # let _ = decrypter;
/// # Ok::<(), jose_jwe::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Decrypter {
    algorithms: Vec<JweAlgorithm>,
    encryptions: Vec<JweEncryption>,
    limits: Limits,
    max_pbes2_count: u32,
    max_decompressed_len: usize,
    unprotected_enc: bool,
}

/// What the header checks give: the algorithms, the `kid` and the header.
pub(crate) struct CheckedHeader<'h> {
    pub(crate) alg: JweAlgorithm,
    pub(crate) enc: JweEncryption,
    pub(crate) kid: Option<&'h str>,
    pub(crate) header: JoseHeader<'h>,
    /// `zip`, read from the protected header.
    pub(crate) zip: Option<Zip>,
}

impl Decrypter {
    /// A decrypter accepting exactly the key management algorithms `algs` and the content
    /// encryption algorithms `encs`.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyAllowList`] if either list is empty; [`Error::Unsupported`] for a key
    /// management algorithm not implemented (every one is but `RSA1_5`, which needs the cargo
    /// feature `rsa1_5` and `Decrypter::new_allowing_rsa1_5`).
    ///
    /// ```
    /// use jose_jwe::{Decrypter, Error, JweAlgorithm, JweEncryption};
    ///
    /// let e = Decrypter::new([JweAlgorithm::RSA1_5], [JweEncryption::A128CBC_HS256]).unwrap_err();
    /// assert!(matches!(e, Error::Unsupported { .. }));
    /// assert!(e.to_string().contains("Decrypter::new_allowing_rsa1_5"));
    /// ```
    pub fn new(
        algs: impl IntoIterator<Item = JweAlgorithm>,
        encs: impl IntoIterator<Item = JweEncryption>,
    ) -> Result<Self, Error> {
        Self::with_lists(algs, encs, false)
    }

    /// A decrypter that, unlike [`Decrypter::new`], accepts the legacy key management
    /// algorithm `RSA1_5` (RSAES-PKCS1-v1_5, RFC 7518 §4.2) when `algs` lists it. Only with
    /// the cargo feature `rsa1_5` (off by default).
    ///
    /// RFC 8725 §3.2 says to avoid RSA1_5. Every unwrapping failure goes on with a random CEK
    /// (RFC 7516 §11.5) and ends in [`Error::DecryptionFailed`], as a wrong tag does, but the
    /// `rsa` crate's private-key operation is not known to be constant time
    /// (RUSTSEC-2023-0071, the Marvin attack): an attacker who can time many decryptions may
    /// still decrypt RSA1_5 ciphertexts. Allow it only for producers that cannot do
    /// `RSA-OAEP-256` or ECDH-ES.
    ///
    /// ```
    /// use jose_jwe::{Decrypter, JweAlgorithm, JweEncryption};
    ///
    /// let d = Decrypter::new_allowing_rsa1_5(
    ///     [JweAlgorithm::RSA1_5, JweAlgorithm::RSA_OAEP_256],
    ///     [JweEncryption::A128CBC_HS256],
    /// )?;
    /// assert_eq!(d.algorithms(), [JweAlgorithm::RSA1_5, JweAlgorithm::RSA_OAEP_256]);
    /// # Ok::<(), jose_jwe::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Decrypter::new`], except for `RSA1_5`.
    #[cfg(feature = "rsa1_5")]
    pub fn new_allowing_rsa1_5(
        algs: impl IntoIterator<Item = JweAlgorithm>,
        encs: impl IntoIterator<Item = JweEncryption>,
    ) -> Result<Self, Error> {
        Self::with_lists(algs, encs, true)
    }

    fn with_lists(
        algs: impl IntoIterator<Item = JweAlgorithm>,
        encs: impl IntoIterator<Item = JweEncryption>,
        allow_rsa1_5: bool,
    ) -> Result<Self, Error> {
        let mut algorithms: Vec<JweAlgorithm> = Vec::new();
        for alg in algs {
            if alg == JweAlgorithm::RSA1_5 && !allow_rsa1_5 {
                return Err(key_encryption::rsa1_5_refused());
            }
            if !is_supported(alg) {
                return Err(Error::unsupported(format!(
                    "the key management algorithm {alg} is not supported by this build"
                )));
            }
            if !algorithms.contains(&alg) {
                algorithms.push(alg);
            }
        }
        let mut encryptions: Vec<JweEncryption> = Vec::new();
        for enc in encs {
            if !encryptions.contains(&enc) {
                encryptions.push(enc);
            }
        }
        if algorithms.is_empty() {
            return Err(Error::EmptyAllowList { list: "alg" });
        }
        if encryptions.is_empty() {
            return Err(Error::EmptyAllowList { list: "enc" });
        }
        Ok(Self {
            algorithms,
            encryptions,
            limits: Limits::DEFAULT,
            max_pbes2_count: pbes2::DEFAULT_MAX_COUNT,
            max_decompressed_len: zip::DEFAULT_MAX_DECOMPRESSED_LEN,
            unprotected_enc: false,
        })
    }

    /// Replaces the size limits.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Sets the largest PBES2 iteration count (`p2c`) accepted (default 10 000). A JWE with a
    /// larger `p2c` is refused before any key derivation.
    ///
    /// ```
    /// use jose_jwe::{Decrypter, JweAlgorithm, JweEncryption};
    ///
    /// let d = Decrypter::new([JweAlgorithm::PBES2_HS256_A128KW], [JweEncryption::A128GCM])?;
    /// assert_eq!(d.max_pbes2_count(), 10_000);
    /// assert_eq!(d.clone().with_max_pbes2_count(600_000)?.max_pbes2_count(), 600_000);
    /// assert!(d.with_max_pbes2_count(2_000_000).is_err());
    /// # Ok::<(), jose_jwe::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for a count below 1000 or above 1 200 000 (the RFC 8725bis draft's
    /// limit).
    pub fn with_max_pbes2_count(mut self, count: u32) -> Result<Self, Error> {
        pbes2::check_count_setting(count)?;
        self.max_pbes2_count = count;
        Ok(self)
    }

    /// The largest PBES2 iteration count accepted.
    pub fn max_pbes2_count(&self) -> u32 {
        self.max_pbes2_count
    }

    /// Sets the largest plaintext that a `"zip":"DEF"` JWE may inflate to, in bytes (default
    /// 250 000). Inflating stops as soon as the output would pass the cap, having allocated
    /// no more than about that much, and the JWE is refused with [`Error::Decompression`]; a
    /// plaintext of exactly the cap is accepted. It applies only with the cargo feature
    /// `deflate` (on by default); without it every `zip` is refused.
    ///
    /// ```
    /// use jose_jwe::{Decrypter, JweAlgorithm, JweEncryption};
    ///
    /// let d = Decrypter::new([JweAlgorithm::A128KW], [JweEncryption::A128GCM])?;
    /// assert_eq!(d.max_decompressed_len(), 250_000);
    /// assert_eq!(d.with_max_decompressed_len(1 << 20).max_decompressed_len(), 1 << 20);
    /// # Ok::<(), jose_jwe::Error>(())
    /// ```
    pub fn with_max_decompressed_len(mut self, len: usize) -> Self {
        self.max_decompressed_len = len;
        self
    }

    /// The largest plaintext a `"zip":"DEF"` JWE may inflate to, in bytes.
    pub fn max_decompressed_len(&self) -> usize {
        self.max_decompressed_len
    }

    /// Accepts a JWE JSON Serialization whose `enc` is in the shared unprotected or the
    /// per-recipient header, as RFC 7520 §5.12 produces it. By default `enc` must be in the
    /// integrity-protected header (RFC 7516 §7.2.1; the README's security section).
    ///
    /// An unprotected `enc` can be changed by anyone on the way. What still holds: `enc` must
    /// be in the allow-list, every recipient must name the same one, and the content only
    /// decrypts under the algorithm it was encrypted with (the CEK length and the tag bind
    /// it). What is lost: the producer's choice of `enc` is not authenticated, so an attacker
    /// can swap it for another allowed `enc`, which only makes the decryption fail. Allow it
    /// only for producers that leave `enc` out of the protected header.
    ///
    /// ```
    /// use jose_jwe::{Decrypter, JweAlgorithm, JweEncryption};
    ///
    /// let d = Decrypter::new([JweAlgorithm::A128KW], [JweEncryption::A128CBC_HS256])?;
    /// assert!(!d.allows_unprotected_enc());
    /// assert!(d.allow_unprotected_enc().allows_unprotected_enc());
    /// # Ok::<(), jose_jwe::Error>(())
    /// ```
    pub fn allow_unprotected_enc(mut self) -> Self {
        self.unprotected_enc = true;
        self
    }

    /// Whether `enc` is accepted outside the protected header
    /// ([`Decrypter::allow_unprotected_enc`]).
    pub fn allows_unprotected_enc(&self) -> bool {
        self.unprotected_enc
    }

    /// The accepted key management algorithms.
    pub fn algorithms(&self) -> &[JweAlgorithm] {
        &self.algorithms
    }

    /// The accepted content encryption algorithms.
    pub fn encryptions(&self) -> &[JweEncryption] {
        &self.encryptions
    }

    /// The limits.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The header rules of RFC 7516 §5.2 for the JOSE Header of one recipient (the protected
    /// header alone for a compact JWE; the disjoint union of the protected, shared unprotected
    /// and per-recipient headers for a JSON one), in the order that rejects cheaply: `crit`,
    /// `alg`, `enc`, `zip`, `kid`.
    pub(crate) fn check_header<'h>(
        &self,
        header: JoseHeader<'h>,
    ) -> Result<CheckedHeader<'h>, Error> {
        // No JWE extension is understood yet: any `crit` is rejected.
        header
            .check_crit(&[], JWE_REGISTERED)
            .map_err(Error::Header)?;
        let alg_name = match header.get_str("alg").map_err(Error::Header)? {
            Some((name, _)) => name,
            None => return Err(header_error("alg", "is required")),
        };
        let alg = self.check_alg(alg_name)?;
        let enc_name = match header.get_str("enc").map_err(Error::Header)? {
            Some((name, Location::Protected)) => name,
            Some((name, _)) if self.unprotected_enc => name,
            Some(_) => return Err(unprotected_enc_refused()),
            None => return Err(header_error("enc", "is required")),
        };
        let enc = self.check_enc(enc_name)?;
        let zip = zip::from_header(&header)?;
        // `kid`: a string of at most 256 bytes, used only for exact lookup (security.md #6).
        let kid = header.kid().map_err(Error::Header)?;
        Ok(CheckedHeader {
            alg,
            enc,
            kid,
            header,
            zip,
        })
    }
}

impl Decrypter {
    /// The key management algorithm named `name`, which must be registered and allowed.
    pub(crate) fn check_alg(&self, name: &str) -> Result<JweAlgorithm, Error> {
        let alg: JweAlgorithm = name.parse().map_err(|_| Error::UnknownAlgorithm {
            alg: printable(name),
        })?;
        if !self.algorithms.contains(&alg) {
            return Err(Error::AlgorithmNotAllowed {
                alg: alg.as_str(),
                allowed: self.algorithms.iter().map(|a| a.as_str()).collect(),
            });
        }
        Ok(alg)
    }

    /// The content encryption algorithm named `name`, which must be registered and allowed.
    pub(crate) fn check_enc(&self, name: &str) -> Result<JweEncryption, Error> {
        let enc: JweEncryption = name.parse().map_err(|_| Error::UnknownEncryption {
            enc: printable(name),
        })?;
        if !self.encryptions.contains(&enc) {
            return Err(Error::EncryptionNotAllowed {
                enc: enc.as_str(),
                allowed: self.encryptions.iter().map(|e| e.as_str()).collect(),
            });
        }
        Ok(enc)
    }
}

/// The refusal of an `enc` outside the protected header.
pub(crate) fn unprotected_enc_refused() -> Error {
    header_error(
        "enc",
        "must be integrity protected (Decrypter::allow_unprotected_enc accepts it unprotected)",
    )
}
