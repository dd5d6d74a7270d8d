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

#[test]
fn ascii_before_a_table_command_gives_plain_symbols() {
    let plain = pii()
        .args(["rank", "--year", "2024"])
        .output()
        .expect("run");
    let plain = String::from_utf8_lossy(&plain.stdout).to_string();
    assert!(plain.contains('▲') && plain.contains('▼'), "{plain}");
    for cmd in [
        vec!["--ascii", "rank", "--year", "2024"],
        vec!["--ascii", "changes", "--from", "2023", "--to", "2024"],
        vec!["--ascii", "show", "ha noi", "--year", "2024"],
        vec![
            "--ascii",
            "compare",
            "ha noi",
            "hai phong",
            "--year",
            "2024",
        ],
    ] {
        let out = pii().args(&cmd).output().expect("run");
        assert!(out.status.success(), "{cmd:?}");
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        for sym in ['▲', '▼', '–', '—', '→', '−'] {
            assert!(!text.contains(sym), "{cmd:?} printed {sym}: {text}");
        }
        assert!(text.contains("Hà Nội"), "{text}"); // names keep their letters
    }
    let ascii = pii()
        .args(["--ascii", "rank", "--year", "2024"])
        .output()
        .expect("run");
    let ascii = String::from_utf8_lossy(&ascii.stdout).to_string();
    // Same table, symbol for symbol: ▲3 → ^3, – (no change) → =.
    let hn = |t: &str| t.lines().find(|l| l.contains("Hà Nội")).map(str::to_owned);
    assert_eq!(hn(&ascii).unwrap(), hn(&plain).unwrap().replace('–', "="));
    let up = plain.lines().find(|l| l.contains('▲')).unwrap();
    assert!(ascii.contains(&up.replace('▲', "^")), "{ascii}");
}

#[test]
fn explorer_options_before_other_commands_are_rejected() {
    for cmd in [
        vec!["--ascii", "validate", "data/pii"],
        vec!["--no-state", "rank"],
    ] {
        let out = pii().args(&cmd).output().expect("run");
        assert_eq!(out.status.code(), Some(2), "{cmd:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("options of the explorer (pii tui)"), "{err}");
    }
}
