//! The command line itself: help with examples for every command, version, and usage errors.
#![cfg(test)]

mod common;

use common::jose;

/// Every command path of the tool.
const COMMANDS: &[&[&str]] = &[
    &[],
    &["jwk"],
    &["jwk", "gen"],
    &["jwk", "pub"],
    &["jwk", "thumbprint"],
    &["jwk", "import"],
    &["jwk", "export"],
    &["jwk", "set"],
    &["jws"],
    &["jws", "sign"],
    &["jws", "verify"],
    &["jwe"],
    &["jwe", "encrypt"],
    &["jwe", "decrypt"],
    &["jwt"],
    &["jwt", "sign"],
    &["jwt", "verify"],
    &["jwt", "inspect"],
];

#[test]
fn every_command_has_help_with_examples() {
    for path in COMMANDS {
        let args = [*path, &["--help"]].concat();
        let help = jose(&args, b"").ok();
        let command = format!("jose {}", path.join(" "));
        let command = command.trim_end();
        let (_, examples) = help
            .split_once("\nExamples:\n  ")
            .expect("an Examples section");
        assert!(examples.contains(command), "{path:?}: {help}");
        assert!(
            help.contains(&format!("Usage: {command}")),
            "{path:?}: {help}"
        );
    }
    let help = jose(&["--help"], b"").ok();
    assert!(help.contains("Exit status: 0"), "{help}");
    // `help` as a subcommand works too.
    assert!(
        jose(&["help", "jws", "sign"], b"")
            .ok()
            .contains("Examples:")
    );
}

#[test]
fn version() {
    let version = jose(&["--version"], b"").line();
    assert_eq!(version, format!("jose {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn usage_errors_exit_with_2() {
    // A group without its command shows its help on stderr.
    for path in [&[][..], &["jwk"], &["jws"], &["jwe"], &["jwt"]] {
        let run = jose(path, b"");
        assert_eq!(run.status, 2, "{path:?}");
        assert!(run.stdout.is_empty());
        assert!(run.stderr.contains("Usage: jose"), "{}", run.stderr);
    }
    let message = jose(&["frob"], b"").usage("ERR_CLI_USAGE");
    assert!(message.contains("frob"), "{message}");
    jose(&["jwk", "gen", "--bogus"], b"").usage("ERR_CLI_USAGE");
    // The whole message on the first line, clap's usage after it.
    let run = jose(&["jws", "verify", "--key", "k.jwk"], b"");
    let message = run.usage("ERR_CLI_USAGE");
    assert_eq!(
        message,
        "the following required arguments were not provided: --alg <ALG>"
    );
    assert!(
        run.stderr.contains("\nUsage: jose jws verify"),
        "{}",
        run.stderr
    );
    let message =
        jose(&["jws", "verify", "--key", "k", "--alg", "HS999"], b"").usage("ERR_CLI_USAGE");
    assert!(message.contains("one of: HS256, HS384"), "{message}");
}
