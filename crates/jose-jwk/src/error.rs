//! The one error type of this crate.

use core::fmt;

use jose_b64::{ErrorCode, codes, printable};

/// Everything that can go wrong with a JWK, a JWK Set, a key conversion or an algorithm check.
///
/// Messages name the member, the algorithm and the rule that failed; they never contain key
/// material.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The JSON or base64url underneath is malformed (see [`jose_b64::Error`]).
    Encoding(jose_b64::Error),
    /// A required member is absent.
    MissingMember {
        /// The member name.
        member: &'static str,
    },
    /// A member has the wrong JSON type or an invalid value.
    InvalidMember {
        /// The member name.
        member: String,
        /// Why it is invalid.
        reason: String,
    },
    /// A member that belongs to another key type (`"k"` in an EC key, `"d"` in an oct key, …).
    UnexpectedMember {
        /// The member name.
        member: String,
        /// The key type of this JWK.
        kty: &'static str,
    },
    /// The `kty` value is not one this library supports.
    UnsupportedKeyType {
        /// The `kty` value.
        kty: String,
    },
    /// The `crv` value is not one this library supports for the key type.
    UnsupportedCurve {
        /// The key type.
        kty: &'static str,
        /// The `crv` value.
        crv: String,
    },
    /// Multi-prime RSA keys (`oth`, RFC 7518 §6.3.2.7) are not supported.
    MultiPrimeRsa,
    /// The key is cryptographically invalid: an EC point off the curve or at infinity, a
    /// private key that does not match its public key, inconsistent RSA parameters, …
    InvalidKey {
        /// The key type.
        kty: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// The key is weaker (or larger) than the policy allows.
    WeakKey {
        /// What is wrong.
        reason: String,
    },
    /// `use` and `key_ops` contradict each other, or `key_ops` repeats a value (RFC 7517 §4.3).
    InconsistentKeyUse {
        /// What is wrong.
        reason: String,
    },
    /// A private key was required (for signing, decryption, export as private) but the JWK
    /// is public.
    NotPrivate,
    /// A symmetric (`oct`) key has no public part.
    NoPublicKey,
    /// Two keys of a JWK Set share a `kid` and one algorithm could use both (same key type
    /// and curve, `alg` and `use` equal or absent).
    DuplicateKid {
        /// The repeated `kid`.
        kid: String,
    },
    /// A JWK Set mixes public and private asymmetric keys.
    MixedKeySet,
    /// A JWK Set holds a symmetric (`oct`) key beside public keys.
    SymmetricKeyBesidePublicKeys {
        /// The `kid` of the symmetric key, if it has one.
        kid: Option<String>,
    },
    /// A JWK Set has more keys than the reader allows ([`crate::JwkSetReader::max_keys`]).
    TooManyKeys {
        /// The number of entries of `"keys"`.
        count: usize,
        /// The cap.
        max: usize,
    },
    /// A private asymmetric key where only public keys belong (a key set for verification or
    /// encryption): a configuration mistake, refused rather than silently reduced to its
    /// public part.
    UnexpectedPrivateKey {
        /// The key's `kid`, if it has one.
        kid: Option<String>,
    },
    /// Several keys of the set have this `kid` and match the selection.
    AmbiguousKid {
        /// The `kid` looked up.
        kid: String,
    },
    /// No key in the set has this `kid`.
    KidNotFound {
        /// The `kid` looked up.
        kid: String,
    },
    /// No key in the set matches the selection.
    NoMatchingKey {
        /// A description of the selection.
        selection: String,
    },
    /// PEM or DER input could not be read, or a key could not be encoded.
    Pem {
        /// What is wrong.
        reason: String,
    },
    /// The key type is known but this conversion or operation does not exist for it.
    Unsupported {
        /// What was asked.
        what: String,
    },
    /// The operating system's random number generator failed.
    Rng,
    /// An algorithm name that is not registered (names are case-sensitive).
    UnknownAlgorithm {
        /// The name as given.
        name: String,
    },
    /// `none`: an unsecured JWS is never accepted.
    UnsecuredAlgorithm,
    /// The algorithm does not do what was asked (signing with a key-wrapping algorithm, …).
    RoleNotSupported {
        /// The algorithm.
        alg: &'static str,
        /// What was asked.
        role: &'static str,
    },
    /// The key's type or curve is not the one the algorithm requires.
    KeyTypeMismatch {
        /// The algorithm.
        alg: &'static str,
        /// What the algorithm requires, in words.
        expected: String,
        /// What the key is, in words.
        found: String,
    },
    /// The key's size is not one the algorithm allows.
    KeySizeMismatch {
        /// The algorithm.
        alg: &'static str,
        /// What the algorithm requires.
        expected: String,
        /// The key's size.
        found: String,
    },
    /// The JWK's `alg` member names another algorithm.
    AlgorithmMismatch {
        /// The algorithm asked for.
        alg: &'static str,
        /// The JWK's `alg`.
        key_alg: String,
    },
    /// The algorithm is used with a key of a set only when the JWK's `alg` member names it
    /// (PBES2, RSA1_5, `dir`), and this JWK has no `alg`.
    AlgorithmNotNamed {
        /// The algorithm.
        alg: &'static str,
    },
    /// The JWK's `use` member does not allow this algorithm.
    UseMismatch {
        /// The algorithm.
        alg: &'static str,
        /// The `use` the algorithm requires.
        expected: &'static str,
        /// The JWK's `use`.
        found: String,
    },
    /// The JWK's `key_ops` member does not allow this operation.
    OperationNotPermitted {
        /// The algorithm.
        alg: &'static str,
        /// The operation needed.
        operation: &'static str,
        /// The JWK's `key_ops`.
        key_ops: Vec<String>,
    },
    /// A JOSE header parameter breaks a rule shared by JWS and JWE (disjoint headers, `crit`,
    /// integrity protection, type).
    HeaderParameter {
        /// The parameter name.
        name: String,
        /// What is wrong.
        reason: String,
    },
    /// The algorithm needs the private key for this role and the JWK is public.
    PrivateKeyRequired {
        /// The algorithm.
        alg: &'static str,
        /// What was asked.
        role: &'static str,
    },
}

impl Error {
    /// A stable, machine-readable code for this error: [`ErrorCode::code`], callable without
    /// importing the trait.
    pub fn code(&self) -> &'static str {
        ErrorCode::code(self)
    }

    pub(crate) fn invalid(member: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::InvalidMember {
            member: member.into(),
            reason: reason.into(),
        }
    }

    pub(crate) fn invalid_key(kty: &'static str, reason: impl Into<String>) -> Self {
        Self::InvalidKey {
            kty,
            reason: reason.into(),
        }
    }

    pub(crate) fn header(name: &str, reason: impl Into<String>) -> Self {
        Self::HeaderParameter {
            name: printable(name),
            reason: reason.into(),
        }
    }

    pub(crate) fn pem(reason: impl fmt::Display) -> Self {
        Self::Pem {
            reason: reason.to_string(),
        }
    }
}

impl ErrorCode for Error {
    fn code(&self) -> &'static str {
        match self {
            Self::Encoding(e) => e.code(),
            Self::MissingMember { .. }
            | Self::InvalidMember { .. }
            | Self::UnexpectedMember { .. } => codes::JWK_INVALID,
            Self::UnsupportedKeyType { .. }
            | Self::UnsupportedCurve { .. }
            | Self::MultiPrimeRsa
            | Self::Unsupported { .. } => codes::JWK_UNSUPPORTED,
            Self::InvalidKey { .. } => codes::JWK_INVALID_KEY,
            Self::WeakKey { .. } => codes::JWK_WEAK_KEY,
            Self::InconsistentKeyUse { .. } => codes::JWK_INCONSISTENT_USE,
            Self::NotPrivate | Self::NoPublicKey | Self::UnexpectedPrivateKey { .. } => {
                codes::JWK_WRONG_KIND
            }
            Self::DuplicateKid { .. }
            | Self::MixedKeySet
            | Self::SymmetricKeyBesidePublicKeys { .. } => codes::JWKS_INVALID,
            Self::TooManyKeys { .. } => codes::JWKS_TOO_MANY_KEYS,
            Self::AmbiguousKid { .. } => codes::JWKS_MULTIPLE_MATCHING_KEYS,
            Self::KidNotFound { .. } | Self::NoMatchingKey { .. } => codes::JWKS_NO_MATCHING_KEY,
            Self::Pem { .. } => codes::KEY_ENCODING,
            Self::Rng => codes::RNG,
            // An unregistered name and `none` are never accepted: the same code as an
            // algorithm outside a verifier's allow-list (jose-jws, jose-jwe).
            Self::UnknownAlgorithm { .. } | Self::UnsecuredAlgorithm => codes::JOSE_ALG_NOT_ALLOWED,
            Self::RoleNotSupported { .. }
            | Self::KeyTypeMismatch { .. }
            | Self::KeySizeMismatch { .. }
            | Self::AlgorithmMismatch { .. }
            | Self::AlgorithmNotNamed { .. }
            | Self::UseMismatch { .. }
            | Self::OperationNotPermitted { .. }
            | Self::PrivateKeyRequired { .. } => codes::KEY_ALG_MISMATCH,
            Self::HeaderParameter { .. } => codes::JOSE_HEADER_INVALID,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Encoding(e) => write!(f, "{e}"),
            Self::MissingMember { member } => write!(f, "JWK member \"{member}\" is required"),
            Self::InvalidMember { member, reason } => {
                write!(f, "JWK member \"{member}\": {reason}")
            }
            Self::UnexpectedMember { member, kty } => {
                write!(
                    f,
                    "JWK member \"{member}\" does not belong in a \"{kty}\" key"
                )
            }
            Self::UnsupportedKeyType { kty } => {
                write!(f, "unsupported key type \"{}\"", printable(kty))
            }
            Self::UnsupportedCurve { kty, crv } => {
                write!(
                    f,
                    "unsupported curve \"{}\" for key type \"{kty}\"",
                    printable(crv)
                )
            }
            Self::MultiPrimeRsa => {
                f.write_str("multi-prime RSA keys (\"oth\", RFC 7518 §6.3.2.7) are not supported")
            }
            Self::InvalidKey { kty, reason } => write!(f, "invalid {kty} key: {reason}"),
            Self::WeakKey { reason } => write!(f, "key rejected by policy: {reason}"),
            Self::InconsistentKeyUse { reason } => {
                write!(f, "inconsistent \"use\"/\"key_ops\": {reason}")
            }
            Self::NotPrivate => f.write_str("a private key is required but this JWK is public"),
            Self::NoPublicKey => f.write_str("a symmetric (\"oct\") key has no public part"),
            Self::DuplicateKid { kid } => write!(
                f,
                "JWK Set has two keys with kid \"{}\" that one algorithm could both use (keys \
                 sharing a kid must differ in kty, crv, alg or use)",
                printable(kid)
            ),
            Self::MixedKeySet => f.write_str("JWK Set mixes public and private keys"),
            Self::SymmetricKeyBesidePublicKeys { kid } => {
                f.write_str("JWK Set mixes public keys with a symmetric (\"oct\") key")?;
                if let Some(kid) = kid {
                    write!(f, " (kid \"{}\")", printable(kid))?;
                }
                f.write_str(": a shared secret does not belong beside keys meant to be published")
            }
            Self::TooManyKeys { count, max } => write!(
                f,
                "JWK Set has {count} keys, more than the limit of {max} (JwkSetReader::max_keys)"
            ),
            Self::UnexpectedPrivateKey { kid } => {
                f.write_str("a private key")?;
                if let Some(kid) = kid {
                    write!(f, " (kid \"{}\")", printable(kid))?;
                }
                f.write_str(
                    " was given where public keys are expected: pass its public part \
                     (Jwk::to_public, JwkSet::to_public)",
                )
            }
            Self::AmbiguousKid { kid } => write!(
                f,
                "several keys have kid \"{}\": select by algorithm or key type as well",
                printable(kid)
            ),
            Self::KidNotFound { kid } => write!(f, "no key with kid \"{}\"", printable(kid)),
            Self::NoMatchingKey { selection } => write!(f, "no key matches {selection}"),
            Self::Pem { reason } => write!(f, "key encoding: {reason}"),
            Self::Unsupported { what } => write!(f, "unsupported: {what}"),
            Self::Rng => f.write_str("the operating system random number generator failed"),
            Self::UnknownAlgorithm { name } => {
                write!(
                    f,
                    "unknown algorithm \"{}\" (names are case-sensitive)",
                    printable(name)
                )
            }
            Self::UnsecuredAlgorithm => {
                f.write_str("the \"none\" algorithm (unsecured JWS) is never accepted")
            }
            Self::RoleNotSupported { alg, role } => write!(f, "algorithm {alg} cannot {role}"),
            Self::KeyTypeMismatch {
                alg,
                expected,
                found,
            } => {
                write!(f, "algorithm {alg} requires {expected}, found {found}")
            }
            Self::KeySizeMismatch {
                alg,
                expected,
                found,
            } => {
                write!(
                    f,
                    "algorithm {alg} requires a key of {expected}, found {found}"
                )
            }
            Self::AlgorithmMismatch { alg, key_alg } => write!(
                f,
                "key is for algorithm \"{}\" (its \"alg\"), not {alg}",
                printable(key_alg)
            ),
            Self::AlgorithmNotNamed { alg } => write!(
                f,
                "algorithm {alg} is used with a key of a set only when the key's \"alg\" names it"
            ),
            Self::UseMismatch {
                alg,
                expected,
                found,
            } => write!(
                f,
                "algorithm {alg} needs a key with \"use\":\"{expected}\", this key has \"use\":\"{}\"",
                printable(found)
            ),
            Self::OperationNotPermitted {
                alg,
                operation,
                key_ops,
            } => write!(
                f,
                "algorithm {alg} needs key operation \"{operation}\", the key allows {key_ops:?}"
            ),
            Self::HeaderParameter { name, reason } => {
                write!(f, "header parameter \"{name}\" {reason}")
            }
            Self::PrivateKeyRequired { alg, role } => {
                write!(f, "algorithm {alg} needs a private key to {role}")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Encoding(e) => Some(e),
            _ => None,
        }
    }
}

/// For generic code over conversions, some of which cannot fail.
impl From<core::convert::Infallible> for Error {
    fn from(never: core::convert::Infallible) -> Self {
        match never {}
    }
}

impl From<jose_b64::Error> for Error {
    fn from(e: jose_b64::Error) -> Self {
        Self::Encoding(e)
    }
}
