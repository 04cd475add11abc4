//! Key generation for every key type and curve, from the operating system's random number
//! generator.

use core::convert::Infallible;

use elliptic_curve::Generate;
use elliptic_curve::sec1::{FromSec1Point, ModulusSize, ToSec1Point};
use elliptic_curve::{AffinePoint, FieldBytesSize, SecretKey};
use jose_b64::SecretBytes;
use rand_core::{TryCryptoRng, TryRng};
use zeroize::Zeroizing;

use crate::convert::revalidate;
use crate::{
    EcCurve, EcKey, Error, Jwk, JwkCurve, Key, KeyPolicy, OctKey, OkpCurve, OkpKey, RsaKey,
};

/// The smallest RSA modulus [`Jwk::generate`] makes, whatever the policy allows on import.
const MIN_GENERATED_RSA_BITS: usize = 2048;
/// The smallest symmetric key [`Jwk::generate`] makes (128 bits).
const MIN_OCT_BYTES: usize = 16;
/// The largest symmetric key [`Jwk::generate`] makes.
const MAX_OCT_BYTES: usize = 1024;

/// The kind of key [`Jwk::generate`] makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeySpec {
    /// An RSA key with the public exponent 65537 and two primes.
    Rsa {
        /// The modulus size in bits: a multiple of 8, from 2048 to the policy's
        /// [`KeyPolicy::max_rsa_bits`] (4096 by default).
        bits: usize,
    },
    /// An elliptic-curve key on the curve.
    Ec(EcCurve),
    /// An Ed25519 or X25519 key.
    Okp(OkpCurve),
    /// A symmetric key.
    Oct {
        /// The key length in bytes, from 16 to 1024.
        bytes: usize,
    },
}

impl Jwk {
    /// Generates a private key (or a symmetric key) with the operating system's random number
    /// generator, checked against [`KeyPolicy::DEFAULT`].
    ///
    /// The JWK has no `kid`, `alg`, `use` or `key_ops`; add them with the builders. Errors:
    /// [`Error::WeakKey`] for an RSA modulus below 2048 bits or above the policy's maximum, or a
    /// symmetric key below 16 bytes; [`Error::Unsupported`] for an RSA size that is not a
    /// multiple of 8 or a symmetric key above 1024 bytes; [`Error::Rng`] if the random number
    /// generator fails.
    ///
    /// RSA generation takes from a fraction of a second to several seconds (4096 bits).
    ///
    /// ```
    /// use jose_jwk::{EcCurve, Jwk, KeySpec, OkpCurve};
    ///
    /// let jwk = Jwk::generate(KeySpec::Ec(EcCurve::P256))?.with_kid("2026-01");
    /// assert!(jwk.is_private());
    /// let public = jwk.to_public()?; // share this one
    /// assert!(!public.to_json().contains("\"d\""));
    ///
    /// let hmac_key = Jwk::generate(KeySpec::Oct { bytes: 32 })?;
    /// let signing_key = ed25519_dalek::SigningKey::try_from(&Jwk::generate(KeySpec::Okp(OkpCurve::Ed25519))?)?;
    /// # let _ = (hmac_key, signing_key);
    /// # Ok::<(), jose_jwk::Error>(())
    /// ```
    pub fn generate(spec: KeySpec) -> Result<Self, Error> {
        Self::generate_with(spec, &KeyPolicy::DEFAULT)
    }

    /// [`Self::generate`] with an explicit policy: RSA moduli up to
    /// [`KeyPolicy::max_rsa_bits`] (at most 8192) and at least the larger of 2048 and
    /// [`KeyPolicy::min_rsa_bits`].
    pub fn generate_with(spec: KeySpec, policy: &KeyPolicy) -> Result<Self, Error> {
        generate_from(spec, policy, &mut getrandom::SysRng)
    }
}

/// Key generation from any random number generator (the OS one, or a failing one in tests).
fn generate_from<R: TryCryptoRng + ?Sized>(
    spec: KeySpec,
    policy: &KeyPolicy,
    rng: &mut R,
) -> Result<Jwk, Error> {
    let key = match spec {
        KeySpec::Rsa { bits } => Key::Rsa(generate_rsa(bits, policy, rng)?),
        KeySpec::Ec(curve) => Key::Ec(match curve {
            EcCurve::P256 => generate_ec::<p256::NistP256, R>(rng)?,
            EcCurve::P384 => generate_ec::<p384::NistP384, R>(rng)?,
            EcCurve::P521 => generate_ec::<p521::NistP521, R>(rng)?,
            EcCurve::Secp256k1 => generate_ec::<k256::Secp256k1, R>(rng)?,
        }),
        KeySpec::Okp(curve) => Key::Okp(generate_okp(curve, rng)?),
        KeySpec::Oct { bytes } => Key::Oct(generate_oct(bytes, rng)?),
    };
    revalidate(Jwk::new(key), policy)
}

fn generate_rsa<R: TryCryptoRng + ?Sized>(
    bits: usize,
    policy: &KeyPolicy,
    rng: &mut R,
) -> Result<RsaKey, Error> {
    if !bits.is_multiple_of(8) {
        return Err(Error::Unsupported {
            what: format!("an RSA modulus of {bits} bits (not a multiple of 8)"),
        });
    }
    // Generation never goes below 2048 bits, whatever the policy allows on import.
    let generation = KeyPolicy {
        min_rsa_bits: policy.min_rsa_bits.max(MIN_GENERATED_RSA_BITS),
        ..*policy
    };
    generation.check_rsa_bits(bits)?;
    // Fail fast when the generator is down, before the expensive prime search.
    rng.try_fill_bytes(&mut Zeroizing::new([0u8; 32])[..])
        .map_err(|_| Error::Rng)?;
    let mut recording = RecordingRng {
        inner: rng,
        failed: false,
        fallback: 0,
    };
    let key = rsa::PrivateKey::new(&mut recording, bits).map_err(|e| Error::Unsupported {
        what: format!("RSA key generation of {bits} bits ({e})"),
    })?;
    if recording.failed {
        return Err(Error::Rng);
    }
    RsaKey::from_private_key(&key)
}

fn generate_ec<C, R>(rng: &mut R) -> Result<EcKey, Error>
where
    C: JwkCurve,
    FieldBytesSize<C>: ModulusSize,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
    R: TryCryptoRng + ?Sized,
{
    let secret = SecretKey::<C>::try_generate_from_rng(rng).map_err(|_| Error::Rng)?;
    Ok(EcKey::from_secret_key(&secret))
}

fn generate_okp<R: TryCryptoRng + ?Sized>(curve: OkpCurve, rng: &mut R) -> Result<OkpKey, Error> {
    let mut seed = Zeroizing::new([0u8; 32]);
    rng.try_fill_bytes(&mut seed[..]).map_err(|_| Error::Rng)?;
    Ok(match curve {
        OkpCurve::Ed25519 => {
            OkpKey::from_ed25519_signing_key(&ed25519_dalek::SigningKey::from_bytes(&seed))
        }
        OkpCurve::X25519 => OkpKey::from_x25519_secret(&x25519_dalek::StaticSecret::from(*seed)),
    })
}

fn generate_oct<R: TryCryptoRng + ?Sized>(bytes: usize, rng: &mut R) -> Result<OctKey, Error> {
    if bytes < MIN_OCT_BYTES {
        return Err(Error::WeakKey {
            reason: format!(
                "a generated symmetric key must be at least {MIN_OCT_BYTES} bytes, {bytes} asked"
            ),
        });
    }
    if bytes > MAX_OCT_BYTES {
        return Err(Error::Unsupported {
            what: format!("a symmetric key of {bytes} bytes (at most {MAX_OCT_BYTES})"),
        });
    }
    let mut k = SecretBytes::zeroed(bytes);
    rng.try_fill_bytes(k.expose_secret_mut())
        .map_err(|_| Error::Rng)?;
    OctKey::new(k)
}

/// Adapts a fallible generator to the `rsa` crate, which asks for an infallible one.
///
/// A failure is recorded and the request is answered from a non-cryptographic stream so that
/// the prime search still terminates; the caller then discards the key and reports
/// [`Error::Rng`]. Nothing generated after a failure is ever returned.
struct RecordingRng<'a, R: ?Sized> {
    inner: &'a mut R,
    failed: bool,
    fallback: u64,
}

impl<R: TryCryptoRng + ?Sized> RecordingRng<'_, R> {
    /// SplitMix64: only used to finish a generation whose result is thrown away.
    fn next_fallback(&mut self) -> u64 {
        self.fallback = self.fallback.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.fallback;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl<R: TryCryptoRng + ?Sized> TryRng for RecordingRng<'_, R> {
    type Error = Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        let mut bytes = [0u8; 4];
        self.try_fill_bytes(&mut bytes)?;
        Ok(u32::from_le_bytes(bytes))
    }

    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        let mut bytes = [0u8; 8];
        self.try_fill_bytes(&mut bytes)?;
        Ok(u64::from_le_bytes(bytes))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        if !self.failed && self.inner.try_fill_bytes(dst).is_err() {
            self.failed = true;
        }
        if self.failed {
            for chunk in dst.chunks_mut(8) {
                let word = self.next_fallback().to_le_bytes();
                for (out, byte) in chunk.iter_mut().zip(word) {
                    *out = byte;
                }
            }
        }
        Ok(())
    }
}

impl<R: TryCryptoRng + ?Sized> TryCryptoRng for RecordingRng<'_, R> {}

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::OnceLock;

    use ed25519_dalek::{Signer as _, Verifier as _};
    use rsa::PrivateKey as RsaPrivateKey;
    use rsa::traits::PublicKeyParts;

    use super::*;

    /// The 2048-bit RSA key of the test suite, made once by [`Jwk::generate`].
    pub(crate) fn rsa_2048_jwk() -> &'static Jwk {
        static KEY: OnceLock<Jwk> = OnceLock::new();
        KEY.get_or_init(|| Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap())
    }

    /// [`rsa_2048_jwk`] as an `rsa` key.
    pub(crate) fn rsa_2048() -> &'static RsaPrivateKey {
        static KEY: OnceLock<RsaPrivateKey> = OnceLock::new();
        KEY.get_or_init(|| RsaPrivateKey::try_from(rsa_2048_jwk()).unwrap())
    }

    /// A 1024-bit RSA key, below the default policy.
    pub(crate) fn rsa_1024() -> &'static RsaPrivateKey {
        static KEY: OnceLock<RsaPrivateKey> = OnceLock::new();
        KEY.get_or_init(|| {
            RsaPrivateKey::new(&mut rand_core::UnwrapErr(getrandom::SysRng), 1024).unwrap()
        })
    }

    /// A generator that works for `successes` requests, then fails.
    struct FailingRng {
        successes: usize,
    }

    impl TryRng for FailingRng {
        type Error = getrandom::Error;

        fn try_next_u32(&mut self) -> Result<u32, getrandom::Error> {
            let mut bytes = [0u8; 4];
            self.try_fill_bytes(&mut bytes)?;
            Ok(u32::from_le_bytes(bytes))
        }

        fn try_next_u64(&mut self) -> Result<u64, getrandom::Error> {
            let mut bytes = [0u8; 8];
            self.try_fill_bytes(&mut bytes)?;
            Ok(u64::from_le_bytes(bytes))
        }

        fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), getrandom::Error> {
            if self.successes == 0 {
                return Err(getrandom::Error::UNEXPECTED);
            }
            self.successes -= 1;
            getrandom::fill(dst)
        }
    }

    impl TryCryptoRng for FailingRng {}

    const PRIVATE_MEMBERS: [&str; 7] = ["d", "p", "q", "dp", "dq", "qi", "k"];

    fn assert_public_only(jwk: &Jwk) {
        let public = jwk.to_public().unwrap();
        assert!(!public.is_private());
        let map = public.to_map();
        for member in PRIVATE_MEMBERS {
            assert!(
                !map.contains_key(member),
                "{member} in {}",
                public.to_json()
            );
        }
        assert_eq!(&Jwk::from_json(&public.to_json()).unwrap(), &public);
    }

    #[test]
    fn rsa_key_is_valid_and_signs() {
        let jwk = rsa_2048_jwk();
        let map = jwk.to_map();
        for member in ["n", "e", "d", "p", "q", "dp", "dq", "qi"] {
            assert!(map.contains_key(member), "{member}");
        }
        let key = rsa_2048();
        assert_eq!(key.n().bit_width(), 2048);
        assert_eq!(key.e_bytes().as_ref(), [1, 0, 1]);

        let signing = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key.clone());
        let signature = rsa::signature::Signer::sign(&signing, b"message");
        let public = rsa::PublicKey::try_from(&jwk.to_public().unwrap()).unwrap();
        let verifying = rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(public);
        rsa::signature::Verifier::verify(&verifying, b"message", &signature).unwrap();
        assert_public_only(jwk);
    }

    macro_rules! ec_signs {
        ($krate:ident, $curve:expr) => {{
            let jwk = Jwk::generate(KeySpec::Ec($curve)).unwrap();
            let signing = $krate::ecdsa::SigningKey::try_from(&jwk).unwrap();
            let signature: $krate::ecdsa::Signature = signing.sign(b"message");
            let verifying =
                $krate::ecdsa::VerifyingKey::try_from(&jwk.to_public().unwrap()).unwrap();
            verifying.verify(b"message", &signature).unwrap();
            assert!(verifying.verify(b"other message", &signature).is_err());
            assert_public_only(&jwk);
            jwk
        }};
    }

    #[test]
    fn ec_keys_are_valid_and_sign() {
        let jwks = [
            ec_signs!(p256, EcCurve::P256),
            ec_signs!(p384, EcCurve::P384),
            ec_signs!(p521, EcCurve::P521),
            ec_signs!(k256, EcCurve::Secp256k1),
        ];
        for (jwk, curve) in jwks.iter().zip(EcCurve::ALL) {
            match jwk.key() {
                Key::Ec(key) => {
                    assert_eq!(key.curve(), curve);
                    assert_eq!(key.d().unwrap().len(), curve.coordinate_len());
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn ed25519_key_is_valid_and_signs() {
        let jwk = Jwk::generate(KeySpec::Okp(OkpCurve::Ed25519)).unwrap();
        let signing = ed25519_dalek::SigningKey::try_from(&jwk).unwrap();
        let signature = signing.sign(b"message");
        let verifying = ed25519_dalek::VerifyingKey::try_from(&jwk.to_public().unwrap()).unwrap();
        verifying.verify(b"message", &signature).unwrap();
        assert!(verifying.verify(b"other message", &signature).is_err());
        assert_public_only(&jwk);
    }

    #[test]
    fn x25519_keys_agree() {
        let alice = Jwk::generate(KeySpec::Okp(OkpCurve::X25519)).unwrap();
        let bob = Jwk::generate(KeySpec::Okp(OkpCurve::X25519)).unwrap();
        let alice_secret = x25519_dalek::StaticSecret::try_from(&alice).unwrap();
        let bob_secret = x25519_dalek::StaticSecret::try_from(&bob).unwrap();
        let alice_public = x25519_dalek::PublicKey::try_from(&alice.to_public().unwrap()).unwrap();
        let bob_public = x25519_dalek::PublicKey::try_from(&bob.to_public().unwrap()).unwrap();
        let one = alice_secret.diffie_hellman(&bob_public);
        let two = bob_secret.diffie_hellman(&alice_public);
        assert_eq!(one.as_bytes(), two.as_bytes());
        assert_ne!(one.as_bytes(), &[0u8; 32]);
        assert_public_only(&alice);
    }

    #[test]
    fn oct_keys_have_the_asked_length_and_differ() {
        for bytes in [16, 32, 64, MAX_OCT_BYTES] {
            let one = Jwk::generate(KeySpec::Oct { bytes }).unwrap();
            let two = Jwk::generate(KeySpec::Oct { bytes }).unwrap();
            match (one.key(), two.key()) {
                (Key::Oct(a), Key::Oct(b)) => {
                    assert_eq!(a.len(), bytes);
                    assert_ne!(a.k(), b.k());
                }
                other => panic!("{other:?}"),
            }
            assert_eq!(one.to_public(), Err(Error::NoPublicKey));
        }
    }

    #[test]
    fn bad_specs_are_refused() {
        let weak = |spec| matches!(Jwk::generate(spec), Err(Error::WeakKey { .. }));
        let unsupported = |spec| matches!(Jwk::generate(spec), Err(Error::Unsupported { .. }));
        assert!(weak(KeySpec::Rsa { bits: 1024 }));
        assert!(weak(KeySpec::Rsa { bits: 0 }));
        assert!(weak(KeySpec::Rsa { bits: 8192 }));
        assert!(unsupported(KeySpec::Rsa { bits: 2050 }));
        assert!(weak(KeySpec::Oct { bytes: 0 }));
        assert!(weak(KeySpec::Oct { bytes: 15 }));
        assert!(unsupported(KeySpec::Oct {
            bytes: MAX_OCT_BYTES + 1
        }));
        assert!(unsupported(KeySpec::Oct { bytes: usize::MAX }));

        // A policy may raise the maximum, never lower the generated minimum below 2048 bits.
        let legacy = KeyPolicy {
            min_rsa_bits: 1024,
            max_rsa_bits: 16384,
            ..KeyPolicy::DEFAULT
        };
        assert!(matches!(
            Jwk::generate_with(KeySpec::Rsa { bits: 1024 }, &legacy),
            Err(Error::WeakKey { .. })
        ));
        assert!(matches!(
            Jwk::generate_with(KeySpec::Rsa { bits: 16384 }, &legacy),
            Err(Error::WeakKey { .. })
        ));
        let strict = KeyPolicy {
            min_rsa_bits: 3072,
            ..KeyPolicy::DEFAULT
        };
        let err = Jwk::generate_with(KeySpec::Rsa { bits: 2048 }, &strict).unwrap_err();
        assert!(err.to_string().contains("minimum of 3072 bits"), "{err}");
    }

    #[test]
    fn rng_failure_is_an_error() {
        let policy = KeyPolicy::DEFAULT;
        let specs = [
            KeySpec::Rsa { bits: 2048 },
            KeySpec::Ec(EcCurve::P256),
            KeySpec::Ec(EcCurve::P521),
            KeySpec::Ec(EcCurve::Secp256k1),
            KeySpec::Okp(OkpCurve::Ed25519),
            KeySpec::Okp(OkpCurve::X25519),
            KeySpec::Oct { bytes: 32 },
        ];
        for spec in specs {
            let result = generate_from(spec, &policy, &mut FailingRng { successes: 0 });
            assert_eq!(result, Err(Error::Rng), "{spec:?}");
        }
        assert_eq!(Error::Rng.code(), "ERR_RNG");
    }

    #[test]
    fn recording_rng_survives_a_failure_and_reports_it() {
        let mut failing = FailingRng { successes: 2 };
        let mut rng = RecordingRng {
            inner: &mut failing,
            failed: false,
            fallback: 0,
        };
        let mut buf = [0u8; 19];
        rng.try_fill_bytes(&mut buf).unwrap();
        rng.try_next_u64().unwrap();
        assert!(!rng.failed);
        rng.try_fill_bytes(&mut buf).unwrap();
        assert!(rng.failed);
        // The stream goes on (the prime search must terminate) but the flag stays set.
        let (a, b) = (rng.try_next_u64().unwrap(), rng.try_next_u64().unwrap());
        assert_ne!(a, b);
        assert!(rng.failed);
    }
}
