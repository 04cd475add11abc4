// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.

use super::*;

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|a| (*a).to_owned()).collect()
}

#[test]
fn defaults_and_flags() {
    let full = parse(&args(&["--peers"])).unwrap();
    assert_eq!(
        (full.processes, full.quick, full.callgrind),
        (5, false, false)
    );
    let quick = parse(&args(&["--peers", "--quick"])).unwrap();
    assert_eq!((quick.processes, quick.quick), (1, true));
    let chosen = parse(&args(&[
        "--quick",
        "--peers",
        "--processes",
        "3",
        "--callgrind",
    ]))
    .unwrap();
    assert_eq!((chosen.processes, chosen.callgrind), (3, true));
    assert_eq!(
        parse(&args(&["--peers", "--processes", "0"]))
            .unwrap()
            .processes,
        1
    );
}

#[test]
fn mistakes_are_named() {
    assert!(parse(&args(&["--quick"])).unwrap_err().contains("--peers"));
    assert!(
        parse(&args(&["--peers", "--processes"]))
            .unwrap_err()
            .contains("needs a number")
    );
    assert!(
        parse(&args(&["--peers", "--processes", "x"]))
            .unwrap_err()
            .contains("\"x\"")
    );
    assert!(
        parse(&args(&["--peers", "--fast"]))
            .unwrap_err()
            .contains("\"--fast\"")
    );
}
