//! The JSON Web Key (RFC 7517 §4).

use base64ct::{Base64, Encoding};
use jose_b64::json;
use jose_b64::json::{StrictValue, kind_of};
use jose_b64::serde_json::{Map, Value};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::key::KEY_MEMBERS;
use crate::members::{Members, WipedObject, put_bytes, put_str};
use crate::params::check_consistent;
use crate::{EcKey, Error, Key, KeyOperation, KeyPolicy, KeyType, KeyUse, OctKey, OkpKey, RsaKey};

/// A JSON Web Key: key material plus the parameters common to all key types.
///
/// Reading a JWK validates it completely (see [`Jwk::from_json`]); a value of this type is
/// always a usable key. Unknown members are kept and written back unchanged.
///
/// ```
/// use jose_jwk::{Jwk, KeyType};
///
/// // RFC 7517 App. A.1
/// let jwk = Jwk::from_json(r#"{"kty":"EC","crv":"P-256",
///     "x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
///     "y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM",
///     "use":"enc","kid":"1"}"#)?;
/// assert_eq!(jwk.kty(), KeyType::Ec);
/// assert_eq!(jwk.kid(), Some("1"));
/// assert!(!jwk.is_private());
///
/// // Off-curve points, short keys, mismatched private keys… are refused on import.
/// assert!(Jwk::from_json(r#"{"kty":"oct","k":""}"#).is_err());
/// # Ok::<(), jose_jwk::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Jwk {
    key: Key,
    key_use: Option<KeyUse>,
    key_ops: Option<Vec<KeyOperation>>,
    alg: Option<String>,
    kid: Option<String>,
    x5u: Option<String>,
    x5c: Option<Vec<Vec<u8>>>,
    x5t: Option<Vec<u8>>,
    x5t_s256: Option<Vec<u8>>,
    other: Map<String, Value>,
}

impl Jwk {
    /// A JWK holding `key` and no other parameters.
    pub fn new(key: Key) -> Self {
        Self {
            key,
            key_use: None,
            key_ops: None,
            alg: None,
            kid: None,
            x5u: None,
            x5c: None,
            x5t: None,
            x5t_s256: None,
            other: Map::new(),
        }
    }

    /// Reads and validates a JWK from JSON text with the default [`KeyPolicy`].
    ///
    /// The JSON must be strict (no duplicate member names, bounded depth). The key must be
    /// sound: EC points on their curve and not the identity, coordinates of the exact length,
    /// private keys matching their public keys, RSA moduli of at least 2048 bits with a
    /// consistent private key, non-empty symmetric keys, `use` and `key_ops` consistent.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        Self::from_json_with(json, &KeyPolicy::DEFAULT)
    }

    /// [`Self::from_json`] with an explicit policy.
    pub fn from_json_with(json: &str, policy: &KeyPolicy) -> Result<Self, Error> {
        Self::from_map(json::parse_object_map(json.as_bytes())?, policy)
    }

    /// Reads and validates a JWK from a JSON object already parsed (strictly). The members
    /// of a refused key are overwritten with zeros before they are dropped.
    pub fn from_map(map: Map<String, Value>, policy: &KeyPolicy) -> Result<Self, Error> {
        Self::read(map, policy).map_err(|(e, _)| e)
    }

    /// [`Self::from_map`], giving back on failure the key's `kid` (read first), for reports.
    pub(crate) fn read(
        map: Map<String, Value>,
        policy: &KeyPolicy,
    ) -> Result<Self, (Error, Option<String>)> {
        let mut members = Members(map);
        let kid = members.string("kid").map_err(|e| (e, None))?;
        match Self::read_members(&mut members, policy) {
            Ok(jwk) => Ok(Self { kid, ..jwk }),
            Err(e) => Err((e, kid)),
        }
    }

    /// Everything but `kid`; the members left are the unknown ones, kept.
    fn read_members(members: &mut Members, policy: &KeyPolicy) -> Result<Self, Error> {
        let kty = members.required_string("kty")?;
        let (key, kty) = match kty.as_str() {
            "RSA" => (Key::Rsa(RsaKey::read(members, policy)?), KeyType::Rsa),
            "EC" => (Key::Ec(EcKey::read(members)?), KeyType::Ec),
            "oct" => (Key::Oct(OctKey::read(members)?), KeyType::Oct),
            "OKP" => (Key::Okp(OkpKey::read(members)?), KeyType::Okp),
            _ => return Err(Error::UnsupportedKeyType { kty }),
        };
        members.reject_foreign(KEY_MEMBERS, kty.as_str())?;
        let key_use = members.string("use")?.map(|u| KeyUse::parse(&u));
        let key_ops = members.strings("key_ops")?.map(|ops| {
            ops.iter()
                .map(|op| KeyOperation::parse(op))
                .collect::<Vec<_>>()
        });
        check_consistent(key_use.as_ref(), key_ops.as_deref())?;
        let alg = members.string("alg")?;
        let x5u = members.string("x5u")?;
        let x5c = members
            .strings("x5c")?
            .map(|certs| decode_x5c(&certs))
            .transpose()?;
        let x5t = fixed_len(members.bytes("x5t")?, "x5t", 20)?;
        let x5t_s256 = fixed_len(members.bytes("x5t#S256")?, "x5t#S256", 32)?;
        Ok(Self {
            key,
            key_use,
            key_ops,
            alg,
            kid: None,
            x5u,
            x5c,
            x5t,
            x5t_s256,
            other: std::mem::take(&mut members.0),
        })
    }

    /// The JWK as a JSON object (private members included when the key is private: the
    /// object is then the caller's to wipe, e.g. with [`jose_b64::json::zeroize_value`]).
    pub fn to_map(&self) -> Map<String, Value> {
        let mut map = Map::new();
        put_str(&mut map, "kty", self.kty().as_str());
        match &self.key {
            Key::Rsa(k) => k.write(&mut map),
            Key::Ec(k) => k.write(&mut map),
            Key::Oct(k) => k.write(&mut map),
            Key::Okp(k) => k.write(&mut map),
        }
        if let Some(key_use) = &self.key_use {
            put_str(&mut map, "use", key_use.as_str());
        }
        if let Some(ops) = &self.key_ops {
            let ops = ops
                .iter()
                .map(|op| Value::String(op.as_str().to_owned()))
                .collect();
            map.insert("key_ops".into(), Value::Array(ops));
        }
        for (name, value) in [("alg", &self.alg), ("kid", &self.kid), ("x5u", &self.x5u)] {
            if let Some(value) = value {
                put_str(&mut map, name, value);
            }
        }
        if let Some(certs) = &self.x5c {
            let certs = certs
                .iter()
                .map(|der| Value::String(encode_x5c(der)))
                .collect();
            map.insert("x5c".into(), Value::Array(certs));
        }
        if let Some(x5t) = &self.x5t {
            put_bytes(&mut map, "x5t", x5t);
        }
        if let Some(x5t) = &self.x5t_s256 {
            put_bytes(&mut map, "x5t#S256", x5t);
        }
        for (name, value) in &self.other {
            map.insert(name.clone(), value.clone());
        }
        map
    }

    /// The JWK as compact JSON text. For a private key the text holds the secret: wrap it in
    /// [`zeroize::Zeroizing`]. No other copy is left behind (the intermediate object is wiped,
    /// the text written into a buffer of its exact size).
    pub fn to_json(&self) -> String {
        WipedObject(self.to_map()).to_json()
    }

    /// The public JWK: the public key members and the registered public parameters only.
    ///
    /// The result is built from an allow-list, so no private member (`d`, `p`, `q`, `dp`, `dq`,
    /// `qi`, `k`) and no unknown member (which could hold anything) survives. `key_ops` keeps
    /// only the operations a public key can do. A symmetric key has no public part:
    /// [`Error::NoPublicKey`].
    pub fn to_public(&self) -> Result<Self, Error> {
        let key = self.key.to_public().ok_or(Error::NoPublicKey)?;
        let key_ops = self.key_ops.as_ref().map(|ops| {
            ops.iter()
                .filter(|op| op.is_public())
                .cloned()
                .collect::<Vec<_>>()
        });
        Ok(Self {
            key,
            key_use: self.key_use.clone(),
            key_ops: key_ops.filter(|ops| !ops.is_empty()),
            alg: self.alg.clone(),
            kid: self.kid.clone(),
            x5u: self.x5u.clone(),
            x5c: self.x5c.clone(),
            x5t: self.x5t.clone(),
            x5t_s256: self.x5t_s256.clone(),
            other: Map::new(),
        })
    }

    /// The key type.
    pub fn kty(&self) -> KeyType {
        self.key.kty()
    }

    /// The key material.
    pub fn key(&self) -> &Key {
        &self.key
    }

    /// Whether the JWK holds secret material (a private key, or any symmetric key).
    pub fn is_private(&self) -> bool {
        self.key.is_private()
    }

    /// `use` (RFC 7517 §4.2).
    pub fn key_use(&self) -> Option<&KeyUse> {
        self.key_use.as_ref()
    }

    /// `key_ops` (RFC 7517 §4.3).
    pub fn key_ops(&self) -> Option<&[KeyOperation]> {
        self.key_ops.as_deref()
    }

    /// `alg` (RFC 7517 §4.4).
    pub fn alg(&self) -> Option<&str> {
        self.alg.as_deref()
    }

    /// `kid` (RFC 7517 §4.5).
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// `x5u` (RFC 7517 §4.6). Never fetched by this library.
    pub fn x5u(&self) -> Option<&str> {
        self.x5u.as_deref()
    }

    /// `x5c` (RFC 7517 §4.7): DER certificates, leaf first. Not validated by this library.
    pub fn x5c(&self) -> Option<&[Vec<u8>]> {
        self.x5c.as_deref()
    }

    /// `x5t` (RFC 7517 §4.8): the SHA-1 certificate thumbprint.
    pub fn x5t(&self) -> Option<&[u8]> {
        self.x5t.as_deref()
    }

    /// `x5t#S256` (RFC 7517 §4.9): the SHA-256 certificate thumbprint.
    pub fn x5t_s256(&self) -> Option<&[u8]> {
        self.x5t_s256.as_deref()
    }

    /// Members this library does not know, kept as they were read.
    pub fn other_members(&self) -> &Map<String, Value> {
        &self.other
    }

    /// Sets `kid`.
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// Sets `alg`.
    pub fn with_alg(mut self, alg: impl Into<String>) -> Self {
        self.alg = Some(alg.into());
        self
    }

    /// Sets `use`, checking it against `key_ops`.
    pub fn with_use(mut self, key_use: KeyUse) -> Result<Self, Error> {
        check_consistent(Some(&key_use), self.key_ops.as_deref())?;
        self.key_use = Some(key_use);
        Ok(self)
    }

    /// Sets `key_ops`, checking it against `use` and for repeated values.
    pub fn with_key_ops(mut self, key_ops: Vec<KeyOperation>) -> Result<Self, Error> {
        check_consistent(self.key_use.as_ref(), Some(&key_ops))?;
        self.key_ops = Some(key_ops);
        Ok(self)
    }
}

/// The key material wipes its secret members when dropped.
impl zeroize::ZeroizeOnDrop for Jwk {}

impl From<Key> for Jwk {
    fn from(key: Key) -> Self {
        Self::new(key)
    }
}

impl Serialize for Jwk {
    /// The members of [`Jwk::to_map`]; the intermediate object is wiped afterwards.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        WipedObject(self.to_map()).0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Jwk {
    /// Strict and validating, like [`Jwk::from_json`], whatever the deserializer.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match StrictValue::deserialize(deserializer)?.0 {
            Value::Object(map) => {
                Self::from_map(map, &KeyPolicy::DEFAULT).map_err(serde::de::Error::custom)
            }
            other => Err(serde::de::Error::custom(format!(
                "a JWK must be a JSON object, found {}",
                kind_of(&other)
            ))),
        }
    }
}

fn decode_x5c(certs: &[String]) -> Result<Vec<Vec<u8>>, Error> {
    if certs.is_empty() {
        return Err(Error::invalid("x5c", "must hold at least one certificate"));
    }
    certs
        .iter()
        .enumerate()
        .map(|(i, cert)| {
            Base64::decode_vec(cert).map_err(|_| {
                Error::invalid("x5c", format!("certificate {i} is not standard base64 (RFC 7517 §4.7: base64, not base64url)"))
            })
        })
        .collect()
}

fn encode_x5c(der: &[u8]) -> String {
    Base64::encode_string(der)
}

fn fixed_len(
    bytes: Option<Vec<u8>>,
    name: &'static str,
    len: usize,
) -> Result<Option<Vec<u8>>, Error> {
    match bytes {
        Some(b) if b.len() != len => Err(Error::invalid(
            name,
            format!("must be {len} bytes, found {}", b.len()),
        )),
        other => Ok(other),
    }
}
