//! The shape shared by every registered-name enum of the table.
//!
//! JOSE names are compared exactly and case-sensitively (RFC 7515 §4.1.1, RFC 7516 §4.1.1 and
//! §4.1.2: "a case-sensitive ASCII string"), so the only way from text to a variant is an
//! exact match against the registered spelling. Variant names are the registered names with
//! `-` and `+` written `_` (and lowercase names capitalised: `Dir`, `None`).
//! `registered_names!` generates, for one enum:
//! `ALL`, `as_str()`, `FromStr` (unknown names give [`crate::Error::UnknownAlgorithm`]),
//! `Display`, and serde `Serialize`/`Deserialize` as that same string.

/// Declares an enum of registered algorithm names. See the module documentation.
macro_rules! registered_names {
    (
        $(#[$enum_meta:meta])*
        pub enum $Enum:ident expecting $expecting:literal {
            $(
                $(#[$variant_meta:meta])*
                $Variant:ident = $name:literal,
            )+
        }
    ) => {
        $(#[$enum_meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        // The variants are the registered names, `-` and `+` written `_` (`RSA_OAEP_256`,
        // `A128CBC_HS256`), so that `Debug` prints what `Display` does and grep finds the
        // RFC's name.
        #[allow(non_camel_case_types)]
        pub enum $Enum {
            $(
                $(#[$variant_meta])*
                $Variant,
            )+
        }

        impl $Enum {
            /// Every registered name of this kind, in the order of the registry tables.
            pub const ALL: &'static [Self] = &[$(Self::$Variant,)+];

            /// The registered name, exactly as it appears in a JOSE header or a JWK `alg`.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$Variant => $name,)+
                }
            }
        }

        impl ::core::str::FromStr for $Enum {
            type Err = crate::Error;

            /// Exact, case-sensitive match against the registered names; anything else is
            /// [`crate::Error::UnknownAlgorithm`].
            fn from_str(name: &str) -> Result<Self, crate::Error> {
                match name {
                    $($name => Ok(Self::$Variant),)+
                    _ => Err(crate::Error::UnknownAlgorithm { name: name.to_owned() }),
                }
            }
        }

        impl ::core::fmt::Display for $Enum {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $Enum {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $Enum {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct NameVisitor;

                impl ::serde::de::Visitor<'_> for NameVisitor {
                    type Value = $Enum;

                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> Result<$Enum, E> {
                        value
                            .parse()
                            .map_err(|_| E::invalid_value(::serde::de::Unexpected::Str(value), &self))
                    }
                }

                deserializer.deserialize_str(NameVisitor)
            }
        }
    };
}

pub(crate) use registered_names;
