//! A borrowed, allocation-free view of the commonest JOSE header: a small JSON object whose
//! members are all plain strings, such as `{"alg":"HS256","typ":"JWT","kid":"2026-05"}`.
//!
//! Verifying a token needs only a few of its header's strings (`alg`, `kid`); building a
//! `serde_json::Map` for them costs an allocation per name and per value. [`FlatObject::scan`]
//! recognises the simple case in one pass over the bytes, without allocating, and declines
//! everything else (escapes, numbers, booleans, `null`, arrays, nested objects, more than
//! [`FlatObject::MAX_MEMBERS`] members, duplicate names, a byte-order mark, anything after the
//! closing brace), so that the caller falls back to the full strict parser of
//! [`JsonLimits`](crate::JsonLimits). What it accepts is exactly what that parser accepts
//! and decodes to a map of the same strings, so the fallback never changes an outcome; it only
//! gives the reason for a refusal.

/// A JSON object of at most [`FlatObject::MAX_MEMBERS`] members whose names and values are
/// strings without escape sequences, borrowed from the input.
///
/// ```
/// use jose_b64::json::FlatObject;
///
/// let header = FlatObject::scan(r#"{"alg":"HS256", "typ":"JWT"}"#).unwrap();
/// assert_eq!(header.get("alg"), Some("HS256"));
/// assert_eq!(header.get("kid"), None);
/// assert_eq!(header.len(), 2);
///
/// // Declined, for the full parser to handle or refuse.
/// assert!(FlatObject::scan(r#"{"alg":"HS256","b64":false}"#).is_none());
/// assert!(FlatObject::scan(r#"{"alg":"HS256","alg":"none"}"#).is_none());
/// assert!(FlatObject::scan(r#"{"\u0061lg":"HS256"}"#).is_none());
/// ```
#[derive(Clone, Copy, Debug)]
pub struct FlatObject<'a> {
    input: &'a str,
    /// Byte ranges of each member's name and value in `input`.
    members: [[u16; 4]; FlatObject::MAX_MEMBERS],
    len: usize,
}

impl<'a> FlatObject<'a> {
    /// The most members a flat object may have.
    pub const MAX_MEMBERS: usize = 12;

    /// Reads `input` as a flat object, or `None` when it is anything else (valid or not) or
    /// longer than 65 535 bytes.
    pub fn scan(input: &'a str) -> Option<Self> {
        if input.len() > usize::from(u16::MAX) {
            return None;
        }
        let mut scanner = Scanner {
            bytes: input.as_bytes(),
            at: 0,
        };
        let mut object = Self {
            input,
            members: [[0; 4]; Self::MAX_MEMBERS],
            len: 0,
        };
        scanner.skip_whitespace();
        scanner.require(b'{')?;
        scanner.skip_whitespace();
        if scanner.peek() == Some(b'}') {
            scanner.at += 1;
        } else {
            loop {
                let name = scanner.string()?;
                scanner.skip_whitespace();
                scanner.require(b':')?;
                scanner.skip_whitespace();
                let value = scanner.string()?;
                if object.get(input.get(name.clone())?).is_some() {
                    return None;
                }
                *object.members.get_mut(object.len)? = [
                    u16::try_from(name.start).ok()?,
                    u16::try_from(name.end).ok()?,
                    u16::try_from(value.start).ok()?,
                    u16::try_from(value.end).ok()?,
                ];
                object.len += 1;
                scanner.skip_whitespace();
                match scanner.next()? {
                    b',' => scanner.skip_whitespace(),
                    b'}' => break,
                    _ => return None,
                }
            }
        }
        scanner.skip_whitespace();
        (scanner.at == scanner.bytes.len()).then_some(object)
    }

    /// Decodes the base64url `segment` (a protected header) into `buf` and scans it; `None`
    /// when it decodes to more than `max_len` bytes or more than `buf` holds, is not strict
    /// base64url or not UTF-8, or is not a flat object.
    ///
    /// ```
    /// use jose_b64::json::FlatObject;
    ///
    /// let mut buf = [0u8; 64];
    /// let header = FlatObject::decode_segment("eyJhbGciOiJIUzI1NiJ9", &mut buf, 64).unwrap();
    /// assert_eq!(header.get("alg"), Some("HS256"));
    /// assert!(FlatObject::decode_segment("eyJhbGciOiJIUzI1NiJ9", &mut buf, 8).is_none());
    /// ```
    pub fn decode_segment(segment: &str, buf: &'a mut [u8], max_len: usize) -> Option<Self> {
        let len = crate::base64url::decoded_len(segment.len())?;
        if len > max_len {
            return None;
        }
        let json = crate::base64url::decode_to(segment, buf.get_mut(..len)?).ok()?;
        Self::scan(core::str::from_utf8(json).ok()?)
    }

    /// The JSON text the object was scanned from.
    pub fn as_str(&self) -> &'a str {
        self.input
    }

    /// The value of the member `name`.
    pub fn get(&self, name: &str) -> Option<&'a str> {
        self.iter()
            .find_map(|(member, value)| (member == name).then_some(value))
    }

    /// The members, in the order of the input.
    pub fn iter(&self) -> impl Iterator<Item = (&'a str, &'a str)> + '_ {
        let input = self.input;
        let text = move |from: u16, to: u16| input.get(usize::from(from)..usize::from(to));
        self.members
            .iter()
            .take(self.len)
            .filter_map(move |&[a, b, c, d]| Some((text(a, b)?, text(c, d)?)))
    }

    /// The members as a `serde_json` map of strings: what the full strict parser gives for
    /// the same input.
    ///
    /// ```
    /// use jose_b64::json::FlatObject;
    ///
    /// let map = FlatObject::scan(r#"{"alg":"dir","enc":"A128GCM"}"#).unwrap().to_map();
    /// assert_eq!(map["enc"], "A128GCM");
    /// ```
    pub fn to_map(&self) -> serde_json::Map<String, serde_json::Value> {
        self.iter()
            .map(|(name, value)| (name.to_owned(), serde_json::Value::String(value.to_owned())))
            .collect()
    }

    /// The number of members.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the object has no members.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        Some(byte)
    }

    fn require(&mut self, byte: u8) -> Option<()> {
        (self.next()? == byte).then_some(())
    }

    /// JSON's four whitespace characters (RFC 8259 §2).
    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// A string without escapes or control characters: the byte range of its contents. Bytes
    /// from 0x80 up belong to multi-byte characters, which `&str` guarantees are valid UTF-8.
    fn string(&mut self) -> Option<std::ops::Range<usize>> {
        self.require(b'"')?;
        let start = self.at;
        let length = self
            .bytes
            .get(start..)?
            .iter()
            .position(|&c| c == b'"' || c == b'\\' || c < 0x20)?;
        let end = start + length;
        if self.bytes.get(end) != Some(&b'"') {
            return None;
        }
        self.at = end + 1;
        Some(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse_object_map;
    use proptest::prelude::*;

    #[test]
    fn reads_the_common_headers() {
        let h = FlatObject::scan(r#"{"alg":"HS256","typ":"JWT"}"#).unwrap();
        assert_eq!(
            h.iter().collect::<Vec<_>>(),
            [("alg", "HS256"), ("typ", "JWT")]
        );
        let h = FlatObject::scan(" {\r\n\t\"kid\" : \"ключ\" ,\"alg\":\"\"}\n").unwrap();
        assert_eq!(h.get("kid"), Some("ключ"));
        assert_eq!(h.get("alg"), Some(""));
        assert!(FlatObject::scan("{}").unwrap().is_empty());
        assert!(FlatObject::scan(" { } ").unwrap().is_empty());
    }

    #[test]
    fn declines_everything_else() {
        for input in [
            "",
            "[]",
            "{",
            "}",
            "{}}",
            "{} x",
            "\u{feff}{}",
            r#"{"a":"b",}"#,
            r#"{"a":"b""c":"d"}"#,
            r#"{"a":"b","a":"c"}"#,
            r#"{"a":"\n"}"#,
            "{\"a\":\"\n\"}",
            r#"{"a":1}"#,
            r#"{"a":true}"#,
            r#"{"a":null}"#,
            r#"{"a":["b"]}"#,
            r#"{"a":{"b":"c"}}"#,
            r#"{"a""b"}"#,
            r#"{a:"b"}"#,
            r#"{"a":"b"#,
            r#"{"a":"#,
        ] {
            assert!(FlatObject::scan(input).is_none(), "{input:?}");
        }
        let many: Vec<String> = (0..=FlatObject::MAX_MEMBERS)
            .map(|i| format!("\"m{i}\":\"v\""))
            .collect();
        assert!(FlatObject::scan(&format!("{{{}}}", many.join(","))).is_none());
        let enough = many.get(1..).unwrap().join(",");
        assert_eq!(
            FlatObject::scan(&format!("{{{enough}}}")).unwrap().len(),
            FlatObject::MAX_MEMBERS
        );
    }

    proptest! {
        /// Whatever the scan accepts, the strict parser accepts as the same strings.
        #[test]
        fn agrees_with_the_strict_parser(input in r#"[ {}":,a-c\\\n\u{e9}]{0,24}"#) {
            if let Some(flat) = FlatObject::scan(&input) {
                let map = parse_object_map(input.as_bytes()).unwrap();
                prop_assert_eq!(map.len(), flat.len());
                for (name, value) in flat.iter() {
                    prop_assert_eq!(map.get(name).and_then(|v| v.as_str()), Some(value));
                }
            }
        }

        #[test]
        fn reads_every_generated_flat_object(
            members in proptest::collection::btree_map("[a-z\u{e9} ]{0,6}", "[a-zA-Z0-9\u{e9} .:-]{0,10}", 0..FlatObject::MAX_MEMBERS)
        ) {
            let json = serde_json::to_string(&members).unwrap();
            let flat = FlatObject::scan(&json).unwrap();
            prop_assert_eq!(flat.len(), members.len());
            for (name, value) in &members {
                prop_assert_eq!(flat.get(name), Some(value.as_str()));
            }
        }
    }
}
