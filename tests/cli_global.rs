//! Options given before the subcommand apply to it.
use assert_cmd::Command;

fn pii() -> Command {
    let mut c = Command::cargo_bin("pii").expect("binary");
    c.env("NO_COLOR", "1").env("COLUMNS", "120");
    c
}

#[test]
fn data_and_year_before_the_subcommand_apply_to_it() {
    let out = pii()
        .args([
            "--data",
            "data/examples/gii2019",
            "rank",
            "--top",
            "1",
            "--format",
            "csv",
        ])
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Switzerland"), "{text}");
    assert!(text.contains("67.2"), "{text}");

    let out = pii()
        .args(["--year", "2024", "rank", "--top", "1"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("PII 2024"), "{text}");
    assert!(text.contains("60.76"), "{text}");
}

#[test]
fn data_before_a_subcommand_that_cannot_take_it_is_a_usage_error() {
    let out = pii()
        .args(["--data", "data/pii", "man"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("give them after it"));
}
