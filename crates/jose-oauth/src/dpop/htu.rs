//! Comparing `htu` with the request's URI (RFC 9449 §4.3 point 9): without query and
//! fragment, after syntax-based (RFC 3986 §6.2.2) and scheme-based (§6.2.3) normalization.

use core::fmt;

/// The longest URI compared; a longer one is refused.
const MAX_URI_LEN: usize = 8 * 1024;

/// An absolute `http`/`https`-style URI reduced to what `htu` compares: scheme and host in
/// lowercase, the port only when it is not the scheme's default, the path with percent-
/// encoding normalized and dot-segments removed (`/` when empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HtuTarget {
    scheme: String,
    host: String,
    port: Option<u16>,
    path: String,
}

impl HtuTarget {
    /// Parses and normalizes `uri`; its query and fragment are dropped.
    pub(crate) fn parse(uri: &str) -> Result<Self, String> {
        if uri.len() > MAX_URI_LEN {
            return Err(format!("the URI is longer than {MAX_URI_LEN} bytes"));
        }
        if let Some(b) = uri.bytes().find(|b| !(0x21..=0x7E).contains(b)) {
            return Err(format!(
                "the URI has the byte 0x{b:02x} (not printable ASCII)"
            ));
        }
        let without_fragment = uri.split('#').next().unwrap_or_default();
        let target = without_fragment.split('?').next().unwrap_or_default();
        let (scheme, rest) = target
            .split_once("://")
            .ok_or("not an absolute URI with an authority (scheme://host/path)")?;
        let mut chars = scheme.chars();
        if !chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        {
            return Err("the scheme is not valid".into());
        }
        let scheme = scheme.to_ascii_lowercase();
        let (authority, path) = match rest.find('/') {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        if authority.contains('@') {
            return Err("a URI with user information is not accepted".into());
        }
        let (host, port) = split_host_port(authority)?;
        if host.is_empty() {
            return Err("the URI has no host".into());
        }
        let host = normalize_percent(&host.to_ascii_lowercase())?;
        let default_port = match scheme.as_str() {
            "http" | "ws" => Some(80),
            "https" | "wss" => Some(443),
            _ => None,
        };
        let port = match port {
            None | Some("") => None,
            Some(digits) if digits.bytes().all(|b| b.is_ascii_digit()) => {
                let port: u16 = digits
                    .parse()
                    .map_err(|_| format!("port {digits} is out of range"))?;
                (Some(port) != default_port).then_some(port)
            }
            Some(_) => return Err("the port is not a number".into()),
        };
        let path = remove_dot_segments(&normalize_percent(path)?);
        Ok(Self {
            scheme,
            host,
            port,
            path,
        })
    }

    /// Why `self` (the proof's `htu`) is not `request` (the request's URI), if it is not.
    pub(crate) fn difference(&self, request: &Self) -> Option<String> {
        if self.scheme != request.scheme {
            Some(format!(
                "scheme \"{}\" is not the request's \"{}\"",
                self.scheme, request.scheme
            ))
        } else if self.host != request.host {
            Some(format!(
                "host \"{}\" is not the request's \"{}\"",
                jose_b64::printable(&self.host),
                jose_b64::printable(&request.host)
            ))
        } else if self.port != request.port {
            Some("the port is not the request's".into())
        } else if self.path != request.path {
            Some(format!(
                "path \"{}\" is not the request's \"{}\"",
                jose_b64::printable(&self.path),
                jose_b64::printable(&request.path)
            ))
        } else {
            None
        }
    }
}

impl fmt::Display for HtuTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}", self.scheme, self.host)?;
        if let Some(port) = self.port {
            write!(f, ":{port}")?;
        }
        f.write_str(&self.path)
    }
}

/// `host[:port]`, with an IPv6 literal in brackets.
fn split_host_port(authority: &str) -> Result<(&str, Option<&str>), String> {
    if authority.starts_with('[') {
        let end = authority
            .find(']')
            .ok_or("an IPv6 literal without its closing bracket")?;
        let (host, rest) = authority.split_at(end + 1);
        return match rest.strip_prefix(':') {
            Some(port) => Ok((host, Some(port))),
            None if rest.is_empty() => Ok((host, None)),
            None => Err("text after the IPv6 literal".into()),
        };
    }
    Ok(match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    })
}

/// Percent-encodings in uppercase, and those of unreserved characters decoded (RFC 3986
/// §6.2.2.1, §6.2.2.2).
fn normalize_percent(s: &str) -> Result<String, String> {
    let mut out = String::with_capacity(s.len());
    let mut bytes = s.bytes();
    while let Some(b) = bytes.next() {
        if b != b'%' {
            out.push(char::from(b));
            continue;
        }
        let (Some(hi), Some(lo)) = (bytes.next(), bytes.next()) else {
            return Err("a truncated percent-encoding".into());
        };
        let (Some(h), Some(l)) = (hex(hi), hex(lo)) else {
            return Err("an invalid percent-encoding".into());
        };
        let decoded = h * 16 + l;
        if decoded.is_ascii_alphanumeric() || matches!(decoded, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(decoded));
        } else {
            out.push('%');
            out.push(char::from(hi.to_ascii_uppercase()));
            out.push(char::from(lo.to_ascii_uppercase()));
        }
    }
    Ok(out)
}

fn hex(b: u8) -> Option<u8> {
    char::from(b)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

/// RFC 3986 §5.2.4 for a path that is empty or starts with `/` (an absolute URI's path);
/// the empty path becomes `/` (§6.2.3).
fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut trailing_slash = false;
    for segment in path.strip_prefix('/').unwrap_or(path).split('/') {
        trailing_slash = false;
        match segment {
            "." => trailing_slash = true,
            ".." => {
                out.pop();
                trailing_slash = true;
            }
            s => out.push(s),
        }
    }
    let mut result = String::with_capacity(path.len() + 1);
    result.push('/');
    result.push_str(&out.join("/"));
    if trailing_slash && !result.ends_with('/') {
        result.push('/');
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(uri: &str) -> String {
        HtuTarget::parse(uri).unwrap().to_string()
    }

    #[test]
    fn normalizes_per_rfc_3986() {
        for (a, b) in [
            (
                "https://server.example.com/token",
                "https://server.example.com/token",
            ),
            (
                "HTTPS://Server.Example.COM/token",
                "https://server.example.com/token",
            ),
            (
                "https://server.example.com:443/token",
                "https://server.example.com/token",
            ),
            ("http://server.example.com:80", "http://server.example.com/"),
            ("http://server.example.com:", "http://server.example.com/"),
            (
                "https://server.example.com:8443/t",
                "https://server.example.com:8443/t",
            ),
            ("https://s.example/a/./b/../c", "https://s.example/a/c"),
            ("https://s.example/a/b/..", "https://s.example/a/"),
            (
                "https://s.example/%7euser/%2f%3a",
                "https://s.example/~user/%2F%3A",
            ),
            ("https://s.example/t?q=1#frag", "https://s.example/t"),
            ("https://s.example#frag", "https://s.example/"),
            ("https://[::1]:8443/x", "https://[::1]:8443/x"),
            ("https://[::1]:443/x", "https://[::1]/x"),
            ("https://s.example/../../x", "https://s.example/x"),
        ] {
            assert_eq!(n(a), b, "{a}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_usable_uri() {
        for bad in [
            "/token",
            "server.example.com/token",
            "https://",
            "https:///x",
            "https://user@s.example/",
            "https://s.example:x/",
            "https://s.example:99999/",
            "https://s.example/%zz",
            "https://s.example/%4",
            "https://s.example/a b",
            "https://s.example/é",
            "1https://s.example/",
            "https://[::1/",
            "https://[::1]x/",
        ] {
            assert!(HtuTarget::parse(bad).is_err(), "{bad}");
        }
        assert!(
            HtuTarget::parse(&format!("https://s.example/{}", "a".repeat(MAX_URI_LEN))).is_err()
        );
    }

    #[test]
    fn differences_are_named() {
        let t = HtuTarget::parse("https://s.example/a").unwrap();
        for (other, word) in [
            ("http://s.example/a", "scheme"),
            ("https://evil.example/a", "host"),
            ("https://s.example:8443/a", "port"),
            ("https://s.example/b", "path"),
        ] {
            let d = t.difference(&HtuTarget::parse(other).unwrap()).unwrap();
            assert!(d.contains(word), "{d}");
        }
        assert_eq!(
            t.difference(&HtuTarget::parse("https://S.EXAMPLE:443/a?x#y").unwrap()),
            None
        );
    }
}
