//! What a contender offers: signers, verifiers, encrypters and decrypters for the workloads,
//! each built once (keys parsed outside timing) and then called many times.

use std::sync::Arc;

use crate::keys::Keys;

/// The JWS algorithms of the JWT workloads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alg {
    HS256,
    RS256,
    PS256,
    ES256,
    ES384,
    EdDSA,
}

impl Alg {
    pub const ALL: [Alg; 6] = [
        Alg::HS256,
        Alg::RS256,
        Alg::PS256,
        Alg::ES256,
        Alg::ES384,
        Alg::EdDSA,
    ];

    /// The JOSE name.
    pub fn name(self) -> &'static str {
        match self {
            Alg::HS256 => "HS256",
            Alg::RS256 => "RS256",
            Alg::PS256 => "PS256",
            Alg::ES256 => "ES256",
            Alg::ES384 => "ES384",
            Alg::EdDSA => "EdDSA",
        }
    }

    /// The jose-rs algorithm.
    pub fn jose(self) -> jose_jws::JwsAlgorithm {
        use jose_jws::JwsAlgorithm as A;
        match self {
            Alg::HS256 => A::HS256,
            Alg::RS256 => A::RS256,
            Alg::PS256 => A::PS256,
            Alg::ES256 => A::ES256,
            Alg::ES384 => A::ES384,
            Alg::EdDSA => A::EdDSA,
        }
    }
}

/// The JWE workloads: a key management algorithm with its content encryption, named as the
/// library's `JweAlgorithm` variants are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum Jwe {
    /// `dir` + `A256GCM` (also the 1 MiB throughput workload).
    Dir,
    /// `RSA-OAEP-256` + `A256GCM` (2048 bits).
    RSA_OAEP_256,
    /// `ECDH-ES+A128KW` + `A128GCM` (P-256).
    ECDH_ES_A128KW,
    /// `A128KW` + `A128CBC-HS256`.
    A128KW,
}

impl Jwe {
    pub const ALL: [Jwe; 4] = [
        Jwe::Dir,
        Jwe::RSA_OAEP_256,
        Jwe::ECDH_ES_A128KW,
        Jwe::A128KW,
    ];

    pub fn alg(self) -> &'static str {
        match self {
            Jwe::Dir => "dir",
            Jwe::RSA_OAEP_256 => "RSA-OAEP-256",
            Jwe::ECDH_ES_A128KW => "ECDH-ES+A128KW",
            Jwe::A128KW => "A128KW",
        }
    }

    pub fn enc(self) -> &'static str {
        match self {
            Jwe::Dir | Jwe::RSA_OAEP_256 => "A256GCM",
            Jwe::ECDH_ES_A128KW => "A128GCM",
            Jwe::A128KW => "A128CBC-HS256",
        }
    }

    /// `alg+enc`, the workload's name.
    pub fn label(self) -> String {
        format!("{}+{}", self.alg(), self.enc())
    }
}

/// The plaintext of a JWE workload.
#[derive(Clone)]
pub enum Plaintext {
    /// The fixed claims set (as bytes, or in the contender's claims type).
    Claims,
    /// Bytes that are not a claims set (the 1 MiB throughput workload).
    Bulk(Arc<Vec<u8>>),
}

/// Makes a token: a JWS, a JWE or a nested JWT of the fixed input.
pub type Producer = Box<dyn Fn() -> Result<String, String> + Send + Sync>;

/// Reads a token back and returns a witness of what it read (see [`Reader::reads_claims`]).
pub type ReadFn = Box<dyn Fn(&str) -> Result<usize, String> + Send + Sync>;

/// A verifier or decrypter.
pub struct Reader {
    pub read: ReadFn,
    /// Whether it reads and validates the claims (`exp`, `iss`, `aud`): then it returns the
    /// length of `sub` and must refuse expired and wrong-audience tokens. Otherwise it returns
    /// the length of the payload (or of the signature, for the bare floor).
    pub reads_claims: bool,
}

impl Reader {
    pub fn claims(read: impl Fn(&str) -> Result<usize, String> + Send + Sync + 'static) -> Self {
        Self {
            read: Box::new(read),
            reads_claims: true,
        }
    }

    pub fn bytes(read: impl Fn(&str) -> Result<usize, String> + Send + Sync + 'static) -> Self {
        Self {
            read: Box::new(read),
            reads_claims: false,
        }
    }
}

/// `Ok(None)` when the contender lacks the workload, an error when it cannot be built.
pub type Built<T> = Result<Option<T>, String>;

/// One library (or floor) in the comparison. Every method defaults to "lacks it".
pub trait Contender {
    /// The column name.
    fn name(&self) -> &'static str;

    /// Signs the fixed claims set as a JWT.
    fn jwt_signer(&self, _alg: Alg, _keys: &Keys) -> Built<Producer> {
        Ok(None)
    }

    /// Verifies a JWT (with `exp`, `iss`, `aud` validation when it reads claims).
    fn jwt_verifier(&self, _alg: Alg, _keys: &Keys) -> Built<Reader> {
        Ok(None)
    }

    /// Encrypts the plaintext.
    fn jwe_encrypter(&self, _jwe: Jwe, _keys: &Keys, _plaintext: &Plaintext) -> Built<Producer> {
        Ok(None)
    }

    /// Decrypts a JWE; `bulk` for the 1 MiB workload (whose plaintext is not a claims set).
    fn jwe_decrypter(&self, _jwe: Jwe, _keys: &Keys, _bulk: bool) -> Built<Reader> {
        Ok(None)
    }

    /// Signs the fixed claims with RS256 and encrypts the JWS with RSA-OAEP-256 + A256GCM.
    fn nested_signer(&self, _keys: &Keys) -> Built<Producer> {
        Ok(None)
    }

    /// Decrypts a nested JWT and verifies the inner one.
    fn nested_verifier(&self, _keys: &Keys) -> Built<Reader> {
        Ok(None)
    }
}
