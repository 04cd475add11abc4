//! `jose completions` and `jose man`: generated from the command-line definitions, so they
//! know every command and option.
#![cfg(test)]

mod common;

use common::{jose, temp_dir};

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = jose(&["completions", shell], b"").ok();
        for word in ["jose", "verify", "inspect", "max-size", "secret-env"] {
            assert!(script.contains(word), "{shell}: no {word}");
        }
    }
    jose(&["completions", "tcsh"], b"").usage("ERR_CLI_USAGE");
}

#[test]
fn manual_pages() {
    let page = jose(&["man"], b"").ok();
    assert!(page.contains(".TH jose 1"), "{page}");
    assert!(
        page.contains("jwt") && page.contains("completions"),
        "{page}"
    );
    let dir = temp_dir("man");
    let dir_text = dir.to_str().unwrap();
    assert_eq!(jose(&["man", "--dir", dir_text], b"").ok(), "");
    let verify = std::fs::read_to_string(dir.join("jose-jwt-verify.1")).unwrap();
    assert!(
        verify.contains("allow\\-unsigned\\-public\\-key\\-jwt"),
        "{verify}"
    );
    assert!(dir.join("jose.1").is_file() && dir.join("jose-jwk-gen.1").is_file());
    jose(
        &["man", "--dir", &format!("{dir_text}/missing/deeper")],
        b"",
    )
    .usage("ERR_CLI_IO");
}
