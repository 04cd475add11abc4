// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
//! Running the built `jose` binary: arguments, standard input, exit status and output.
#![allow(dead_code)] // each test file uses a different part

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a run of `jose` gave.
#[derive(Debug)]
pub struct Run {
    pub status: i32,
    pub stdout: Vec<u8>,
    pub stderr: String,
    pub args: Vec<String>,
}

/// Runs `jose args…` with `stdin` on standard input.
pub fn jose(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jose"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the jose binary runs");
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    // A thread, so that a child writing before it reads cannot block the test.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    Run {
        status: output.status.code().expect("jose exits (no signal)"),
        stdout: output.stdout,
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        args: args.iter().map(|a| (*a).to_owned()).collect(),
    }
}

impl Run {
    /// Asserts success (status 0, nothing on stderr) and returns stdout as text.
    #[track_caller]
    pub fn ok(&self) -> String {
        assert_eq!(
            self.status, 0,
            "jose {:?} failed: {}",
            self.args, self.stderr
        );
        assert_eq!(self.stderr, "", "jose {:?} wrote to stderr", self.args);
        String::from_utf8(self.stdout.clone()).expect("stdout is UTF-8")
    }

    /// `ok()` without the final newline.
    #[track_caller]
    pub fn line(&self) -> String {
        let out = self.ok();
        assert!(out.ends_with('\n'), "{out:?}");
        assert_eq!(out.matches('\n').count(), 1, "one line: {out:?}");
        out.trim_end().to_owned()
    }

    /// Asserts a rejection: status 1, nothing on stdout, and one line `error[code]: …` on
    /// stderr. Returns the message.
    #[track_caller]
    pub fn rejected(&self, code: &str) -> String {
        self.failed(1, code)
    }

    /// Asserts a usage or I/O error: status 2, nothing on stdout, `error[code]: …` first.
    #[track_caller]
    pub fn usage(&self, code: &str) -> String {
        assert_eq!(self.status, 2, "jose {:?}: {}", self.args, self.stderr);
        assert!(
            self.stdout.is_empty(),
            "jose {:?} wrote to stdout",
            self.args
        );
        let first = self.stderr.lines().next().unwrap_or_default();
        let prefix = format!("error[{code}]: ");
        assert!(
            first.starts_with(&prefix),
            "jose {:?}: {}",
            self.args,
            self.stderr
        );
        first[prefix.len()..].to_owned()
    }

    #[track_caller]
    fn failed(&self, status: i32, code: &str) -> String {
        assert_eq!(self.status, status, "jose {:?}: {}", self.args, self.stderr);
        assert!(
            self.stdout.is_empty(),
            "jose {:?} wrote to stdout",
            self.args
        );
        assert!(self.stderr.ends_with('\n'), "{:?}", self.stderr);
        let line = self.stderr.trim_end_matches('\n');
        assert!(
            !line.contains('\n'),
            "more than one line: {:?}",
            self.stderr
        );
        let prefix = format!("error[{code}]: ");
        assert!(
            line.starts_with(&prefix),
            "jose {:?}: {}",
            self.args,
            self.stderr
        );
        line[prefix.len()..].to_owned()
    }
}

/// A fresh directory for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "jose-cli-{}-{name}-{}",
        std::process::id(),
        COUNT.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `contents` to `dir/name` and returns the path as text.
pub fn write(dir: &std::path::Path, name: &str, contents: impl AsRef<[u8]>) -> String {
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path.to_str().unwrap().to_owned()
}

/// Generates a key with `jose jwk gen args…` into `dir/name`; returns its path.
pub fn gen_key(dir: &std::path::Path, name: &str, args: &[&str]) -> String {
    let mut all = vec!["jwk", "gen"];
    all.extend_from_slice(args);
    let jwk = jose(&all, b"").line();
    write(dir, name, jwk)
}

/// The public JWK of the key file `path`, written beside it; returns its path.
pub fn public_of(dir: &std::path::Path, name: &str, path: &str) -> String {
    let jwk = jose(&["jwk", "pub", path], b"").line();
    write(dir, name, jwk)
}

/// One 2048-bit RSA private JWK (no `alg`) per test binary: RSA generation is slow.
pub fn rsa_key() -> String {
    static KEY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    KEY.get_or_init(|| {
        let dir = temp_dir("rsa");
        gen_key(&dir, "rsa.jwk", &["--kty", "RSA", "--size", "2048"])
    })
    .clone()
}

/// Replaces one character in the middle of the last segment of a compact token.
pub fn tamper(token: &str) -> String {
    let dot = token.rfind('.').unwrap();
    let at = dot + (token.len() - dot) / 2;
    let mut bytes = token.as_bytes().to_vec();
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    String::from_utf8(bytes).unwrap()
}
