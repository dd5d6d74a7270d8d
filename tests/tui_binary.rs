//! The binary without a terminal: a clear message, non-zero exit, no escape codes.
use assert_cmd::Command;

fn check(args: &[&str]) {
    let out = Command::cargo_bin("pii")
        .unwrap()
        .args(args)
        .env(
            "PII_STATE_DIR",
            std::env::temp_dir().join("pii-tui-binary-test"),
        )
        .write_stdin("")
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "{args:?} should fail without a terminal"
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the explorer needs a terminal"),
        "stderr: {stderr}"
    );
    assert!(out.stdout.is_empty(), "stdout: {:?}", out.stdout);
    assert!(
        !out.stderr.contains(&0x1b),
        "escape bytes in stderr: {stderr:?}"
    );
}

#[test]
fn no_terminal_no_explorer() {
    check(&[]);
    check(&["tui"]);
    check(&["tui", "--ascii", "--no-state"]);
}
