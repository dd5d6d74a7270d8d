//! `pii validate` on the shipped data, the examples and malformed fixtures.
use assert_cmd::Command;

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn validate(dir: Option<&std::path::Path>) -> (bool, String) {
    let mut cmd = Command::cargo_bin("pii").unwrap();
    cmd.arg("validate");
    if let Some(d) = dir {
        cmd.arg(d);
    }
    let out = cmd.output().unwrap();
    let code = out.status.code();
    assert!(code == Some(0) || code == Some(1), "exit {code:?}");
    (code == Some(0), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn shipped_pii_is_sound_and_prints_coverage() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/pii");
    let (ok, out) = validate(Some(&dir));
    assert!(ok, "{out}");
    assert!(out.contains("sound: 0 errors"), "{out}");
    // year, units, scores published, ranks published, computed scores, computed ranks
    let row = |y: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with(y))
            .map(|l| l.split_whitespace().map(String::from).collect::<Vec<_>>())
            .unwrap()
    };
    assert_eq!(row("2023")[..6], ["2023", "63", "30", "36", "1", "1"]);
    assert_eq!(row("2024")[..6], ["2024", "63", "17", "19", "0", "0"]);
    assert_eq!(row("2025")[..6], ["2025", "34", "11", "12", "0", "0"]);
    // default DIR = the shipped data, same result
    let (ok2, out2) = validate(None);
    assert!(ok2);
    assert_eq!(out2.lines().last(), out.lines().last());
}

#[test]
fn gii2019_example_is_sound() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/examples/gii2019");
    let (ok, out) = validate(Some(&dir));
    assert!(ok, "{}", &out[..out.len().min(2000)]);
    assert!(out.contains("2019    129        129        129"), "{out}");
}

#[test]
fn duplicate_row_names_both_lines() {
    let (ok, out) = validate(Some(&fixture("bad/duplicate_row")));
    assert!(!ok);
    assert!(
        out.contains(
            "results.csv:7:2: duplicate figure for year 2023, unit HCM, node PII: line 3 and line 7"
        ),
        "{out}"
    );
}

#[test]
fn bad_score_cell_is_located() {
    let (ok, out) = validate(Some(&fixture("bad/bad_score")));
    assert!(!ok);
    assert!(out.contains("results.csv:4:4: expected a number"), "{out}");
    assert!(out.contains("found \"5O.70\""), "{out}");
}

#[test]
fn unknown_unit_suggests_closest() {
    let (ok, out) = validate(Some(&fixture("bad/unknown_unit")));
    assert!(!ok);
    assert!(
        out.contains("results.csv:4:2: unknown unit \"DNGG\"; closest: DNG (Đà Nẵng)"),
        "{out}"
    );
}

#[test]
fn rank_order_contradiction_fails_naming_lines() {
    let (ok, out) = validate(Some(&fixture("bad/rank_order")));
    assert!(!ok);
    assert!(
        out.contains("results.csv:2:5: 2023 PII HN: score 62.86 is higher than HCM's 55.85 (line 3) but rank 3 is worse than its rank 2"),
        "{out}"
    );
    assert!(out.contains("NOT sound: 3 errors"), "{out}");
}

#[test]
fn aggregate_off_its_children_fails() {
    let (ok, out) = validate(Some(&fixture("bad/aggregate")));
    assert!(!ok);
    assert!(out.contains("results.csv:7:4: 2023 PII QNG: published score 36.50 differs from the mean of its published children INPUT, OUTPUT (35.0050)"), "{out}");
}

#[test]
fn every_problem_is_reported() {
    let (ok, out) = validate(Some(&fixture("bad/many")));
    assert!(!ok);
    for want in [
        "results.csv:4:4: expected a number",
        "results.csv:5:3: unknown node \"INPT\"; closest: INPUT",
        "results.csv:7:2: duplicate figure for year 2023, unit HN, node PII: line 2 and line 7",
    ] {
        assert!(out.contains(want), "missing {want:?} in {out}");
    }
    assert!(out.contains("NOT sound: 3 errors"), "{out}");
}

#[test]
fn good_fixture_passes() {
    let (ok, out) = validate(Some(&fixture("good")));
    assert!(ok, "{out}");
}

#[test]
fn asem_example_is_sound_and_computed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/examples/asem");
    let (ok, out) = validate(Some(&dir));
    assert!(ok, "{out}");
    let row: Vec<&str> = out
        .lines()
        .find(|l| l.trim_start().starts_with("2018"))
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(row[..6], ["2018", "51", "0", "0", "51", "51"]);
}
