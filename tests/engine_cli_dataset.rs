//! `pii score --dataset DIR [--year Y]`: scoring the raw values of a dataset folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use pii_explorer::data::Table;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn pii() -> Command {
    let mut c = Command::cargo_bin("pii").unwrap();
    c.current_dir(root());
    c
}

/// scores_long.csv as (unit, node) → (score, rank), both as written.
fn scores_long(dir: &Path) -> HashMap<(String, String), (String, String)> {
    let t = Table::read(&dir.join("scores_long.csv")).unwrap();
    let [u, n, s, r] = ["unit", "node", "score", "rank"].map(|h| t.require(h).unwrap());
    let mut m = HashMap::new();
    for row in &t.rows {
        let key = (t.cell(row, u).to_string(), t.cell(row, n).to_string());
        let val = (t.cell(row, s).to_string(), t.cell(row, r).to_string());
        assert!(m.insert(key, val).is_none(), "duplicate row");
    }
    m
}

fn score(m: &HashMap<(String, String), (String, String)>, u: &str, n: &str) -> Option<f64> {
    let (s, _) = &m[&(u.to_string(), n.to_string())];
    (!s.is_empty()).then(|| s.parse().unwrap())
}

fn rank(m: &HashMap<(String, String), (String, String)>, u: &str, n: &str) -> Option<u32> {
    let (_, r) = &m[&(u.to_string(), n.to_string())];
    (!r.is_empty()).then(|| r.parse().unwrap())
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).to_string()
}

/// The fixture, checked by hand. Raw 2023: A (weight 3, higher is better)
/// U1..U4 = 10, 20, 30, 50; B (weight 1, lower is better) = 4, 2, missing, 10;
/// U5 exists but has no raw value; U6 starts in 2024. gii preset: 4 values of
/// A pass the outlier test, B has 3 (untreated).
#[test]
fn fixture_scores_match_hand_computation() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let a = pii()
        .args(["score", "--dataset", "tests/fixtures/score_dataset"])
        .args(["--year", "2023", "--out"])
        .arg(&out)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&a.get_output().stdout).to_string();
    assert!(
        stdout.contains("5 units, 2 indicators, 1 aggregates"),
        "{stdout}"
    );
    let m = scores_long(&out);
    assert_eq!(m.len(), 5 * 3, "5 units of 2023 × 3 nodes (no U6)");
    let close = |got: Option<f64>, want: f64| {
        let g = got.unwrap();
        assert!((g - want).abs() < 1e-9, "got {g}, want {want}");
    };
    // A: min-max over [10, 50]: (x − 10) / 40 × 100.
    close(score(&m, "U1", "A"), 0.0);
    close(score(&m, "U2", "A"), 25.0);
    close(score(&m, "U3", "A"), 50.0);
    close(score(&m, "U4", "A"), 100.0);
    // B, lower is better, over [2, 10]: (10 − x) / 8 × 100; U3 stays missing.
    close(score(&m, "U1", "B"), 75.0);
    close(score(&m, "U2", "B"), 100.0);
    assert_eq!(score(&m, "U3", "B"), None);
    close(score(&m, "U4", "B"), 0.0);
    // P = (3·A + 1·B) / 4 over the children present; U3 = A alone. The
    // published P of U1 (99) is not an input.
    close(score(&m, "U1", "P"), (3.0 * 0.0 + 75.0) / 4.0); // 18.75
    close(score(&m, "U2", "P"), (3.0 * 25.0 + 100.0) / 4.0); // 43.75
    close(score(&m, "U3", "P"), 50.0);
    close(score(&m, "U4", "P"), (3.0 * 100.0 + 0.0) / 4.0); // 75
    let ranks: Vec<_> = ["U1", "U2", "U3", "U4"]
        .iter()
        .map(|u| rank(&m, u, "P"))
        .collect();
    assert_eq!(ranks, [Some(4), Some(3), Some(2), Some(1)]);
    // A unit without raw values has no score at all, never 0.
    for n in ["A", "B", "P"] {
        assert_eq!(score(&m, "U5", n), None);
        assert_eq!(rank(&m, "U5", n), None);
    }
    // Same outputs as the COINr-layout path.
    for f in [
        "treated.csv",
        "normalised.csv",
        "ranks.csv",
        "settings.toml",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
}

#[test]
fn no_raw_values_is_an_error_and_writes_nothing() {
    for (dir, year, msg) in [
        (
            "data/pii",
            None,
            "data/pii has no raw indicator values for 2025: the PII's raw data is not published; \
             scores can only be computed from raw values",
        ),
        (
            "tests/fixtures/score_dataset",
            Some("2024"),
            "tests/fixtures/score_dataset has no raw indicator values for 2024",
        ),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let mut c = pii();
        c.args(["score", "--dataset", dir]);
        if let Some(y) = year {
            c.args(["--year", y]);
        }
        let a = c.arg("--out").arg(&out).assert().code(1);
        assert!(stderr(&a).contains(msg), "{}", stderr(&a));
        assert!(!out.exists(), "{dir}: output folder created");
    }
}

#[test]
fn unknown_year_is_a_usage_error() {
    let a = pii()
        .args(["score", "--dataset", "tests/fixtures/score_dataset"])
        .args(["--year", "2019"])
        .assert()
        .code(2);
    assert!(stderr(&a).contains("no data for 2019; the dataset has 2023, 2024"));
}

#[test]
fn inputs_are_one_of_two_groups() {
    let a = pii().arg("score").assert().code(2);
    assert!(
        stderr(&a).contains("<--framework <FILE>|--dataset <DIR>>"),
        "{}",
        stderr(&a)
    );
    for args in [
        &["--framework", "m.csv", "--data", "d.csv", "--dataset", "x"][..],
        &["--data", "d.csv", "--dataset", "x"],
        &["--framework", "m.csv", "--data", "d.csv", "--year", "2023"],
    ] {
        let a = pii().arg("score").args(args).assert().code(2);
        assert!(stderr(&a).contains("cannot be used with"), "{}", stderr(&a));
    }
    let a = pii()
        .args(["score", "--framework", "m.csv"])
        .assert()
        .code(2);
    assert!(stderr(&a).contains("--data <FILE>"), "{}", stderr(&a));
}

/// ASEM divides 17 indicators by denominators (Area, Energy, GDP, Population) whose
/// values a dataset does not hold: a clear error, not undenominated scores.
#[test]
fn asem_denominators_are_required() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let a = pii()
        .args(["score", "--dataset", "data/examples/asem", "--out"])
        .arg(&out)
        .assert()
        .code(1);
    let e = stderr(&a);
    assert!(e.contains("is divided by"), "{e}");
    assert!(e.contains("--framework/--data"), "{e}");
    assert!(!out.exists());
}

/// With denomination off, the dataset path and the COINr-file path see the
/// same raw values and give the same results (51 units, 49 indicators,
/// missing values included).
#[test]
fn asem_dataset_equals_coinr_files() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = tmp.path().join("nodenom.toml");
    std::fs::write(&cfg, "denominate = false\n").unwrap();
    let run = |args: &[&str], out: PathBuf| {
        pii()
            .arg("score")
            .args(args)
            .arg("--config")
            .arg(&cfg)
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        scores_long(&out)
    };
    let ds = run(&["--dataset", "data/examples/asem"], tmp.path().join("ds"));
    let files = run(
        &[
            "--framework",
            "tests/fixtures/asem/input_meta.csv",
            "--data",
            "tests/fixtures/asem/input_data.csv",
        ],
        tmp.path().join("files"),
    );
    assert_eq!(ds.len(), 51 * (49 + 11));
    assert_eq!(ds.len(), files.len());
    let mut scored = 0;
    for (k, (s1, r1)) in &files {
        let (s2, r2) = &ds[k];
        assert_eq!(r1, r2, "{k:?}");
        match (s1.is_empty(), s2.is_empty()) {
            (true, true) => {}
            (false, false) => {
                let (x, y): (f64, f64) = (s1.parse().unwrap(), s2.parse().unwrap());
                assert!((x - y).abs() <= 1e-9, "{k:?}: {x} vs {y}");
                scored += 1;
            }
            _ => panic!("{k:?}: {s1:?} vs {s2:?}"),
        }
    }
    assert!(scored > 51 * 49, "{scored}");
}
