//! `pii score` end to end on the ASEM inputs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use pii_explorer::data::Table;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/asem")
        .join(name)
}

fn cells(path: &Path) -> HashMap<(String, String), String> {
    let t = Table::read(path).unwrap();
    let cu = t.require("uCode").unwrap();
    let mut m = HashMap::new();
    for row in &t.rows {
        for (c, h) in t.headers.iter().enumerate() {
            m.insert(
                (t.cell(row, cu).to_string(), h.clone()),
                t.cell(row, c).to_string(),
            );
        }
    }
    m
}

fn same_number(a: &str, b: &str) -> bool {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => true,
        (false, false) => {
            let (x, y): (f64, f64) = (a.parse().unwrap(), b.parse().unwrap());
            x.is_finite() && (x - y).abs() <= 1e-9 * y.abs().max(1.0)
        }
        _ => false,
    }
}

#[test]
fn score_gii_reproduces_pipeline_b() {
    let out = tempfile::tempdir().unwrap();
    let assert = Command::cargo_bin("pii")
        .unwrap()
        .args(["score", "--framework"])
        .arg(fixture("input_meta.csv"))
        .arg("--data")
        .arg(fixture("input_data.csv"))
        .args(["--preset", "gii", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(stdout.contains("51 units, 49 indicators"), "{stdout}");
    assert!(stdout.contains("treated indicators: 12"), "{stdout}");
    assert!(stdout.contains("1  CHE          68.28"), "{stdout}");

    for (ours, theirs) in [
        ("aggregated.csv", "B_6_aggregated.csv"),
        ("ranks.csv", "B_7_ranks.csv"),
        ("treated.csv", "B_4_treated.csv"),
        ("treated_points.csv", "B_4_treated_points.csv"),
        ("normalised.csv", "B_5_normalised.csv"),
        ("denominated.csv", "B_1_denominated.csv"),
    ] {
        let a = cells(&out.path().join(ours));
        let b = cells(&fixture(theirs));
        assert_eq!(a.len(), b.len(), "{ours}: cell count");
        for (k, want) in &b {
            let got = &a[k];
            let ok = if ours == "treated_points.csv" || k.1 == "uCode" {
                got == want
            } else {
                same_number(got, want)
            };
            assert!(ok, "{ours} {k:?}: {got:?} vs {want:?}");
        }
    }
    // scores_long.csv: unit,node,level,score,rank at full precision.
    let long = Table::read(&out.path().join("scores_long.csv")).unwrap();
    assert_eq!(long.headers, ["unit", "node", "level", "score", "rank"]);
    assert_eq!(long.rows.len(), 51 * 60);
    let b6 = cells(&fixture("B_6_aggregated.csv"));
    let b7 = cells(&fixture("B_7_ranks.csv"));
    for row in &long.rows {
        let key = (row.cells[0].clone(), row.cells[1].clone());
        assert!(same_number(&row.cells[3], &b6[&key]), "{key:?}");
        assert_eq!(row.cells[4], b7[&key], "{key:?}");
        if !row.cells[3].is_empty() {
            // Full precision: the text reads back to the exact value written.
            let x: f64 = row.cells[3].parse().unwrap();
            assert_eq!(format!("{x}"), row.cells[3]);
        }
    }
    let all = std::fs::read_dir(out.path()).unwrap().count();
    assert!(all >= 10);
}

#[test]
fn malformed_cell_fails_with_location_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("input_data.csv")).unwrap();
    // Line 4 (third unit), column "LPI" (12th): replace its value.
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut cols: Vec<String> = lines[3].split(',').map(str::to_string).collect();
    assert_eq!(lines[0].split(',').nth(11), Some("\"LPI\""));
    cols[11] = "\"4,1x\"".into();
    lines[3] = cols.join(",");
    let bad = dir.path().join("bad_data.csv");
    std::fs::write(&bad, lines.join("\n")).unwrap();
    let out = dir.path().join("out");
    let assert = Command::cargo_bin("pii")
        .unwrap()
        .args(["score", "--framework"])
        .arg(fixture("input_meta.csv"))
        .arg("--data")
        .arg(&bad)
        .arg("--out")
        .arg(&out)
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.contains("bad_data.csv:4:12: expected a number"),
        "{stderr}"
    );
    assert!(stderr.contains("found \"4,1x\""), "{stderr}");
    assert!(!out.exists(), "no output folder may be created");
}

#[test]
fn unknown_preset_is_an_error() {
    let assert = Command::cargo_bin("pii")
        .unwrap()
        .args([
            "score",
            "--framework",
            "x.csv",
            "--data",
            "y.csv",
            "--preset",
            "nope",
        ])
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("unknown preset \"nope\""), "{stderr}");
}

/// An edit of an input file's text.
type Edit<'a> = &'a dyn Fn(String) -> String;

/// Runs `pii score` on a modified copy of the ASEM inputs; returns stderr.
fn score_error(meta: Edit, data: Edit) -> String {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("meta.csv");
    let d = dir.path().join("data.csv");
    std::fs::write(
        &m,
        meta(std::fs::read_to_string(fixture("input_meta.csv")).unwrap()),
    )
    .unwrap();
    std::fs::write(
        &d,
        data(std::fs::read_to_string(fixture("input_data.csv")).unwrap()),
    )
    .unwrap();
    let out = Command::cargo_bin("pii")
        .unwrap()
        .current_dir(dir.path())
        .args(["score", "--framework", "meta.csv", "--data", "data.csv"])
        .args(["--out", "out"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(!dir.path().join("out").exists());
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[test]
fn score_errors_are_printed_once() {
    let same = |s: String| s;
    let cases: [(Edit, Edit, &str); 3] = [
        (
            &|s: String| {
                s.replace(
                    "\"Index\",\"Sustainable Connectivity\",\"Aggregate\",\"4\",,",
                    "\"Index\",\"Sustainable Connectivity\",\"Aggregate\",\"4\",\"Physical\",",
                )
            },
            &same,
            "closes a cycle",
        ),
        (
            &|s: String| s.replacen("\"Physical\",\"1\",\"1\"", "\"Physical\",\"-1\",\"1\"", 1),
            &same,
            "meta.csv:2: node \"LPI\": weight must be a positive finite number, found -1",
        ),
        (
            &same,
            &|s: String| s.replacen("\"4.0979850000000004\"", "\"four\"", 1),
            "data.csv:2:",
        ),
    ];
    for (meta, data, want) in cases {
        let err = score_error(meta, data);
        assert_eq!(err.matches(want).count(), 1, "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("error: "), "{err}");
    }
}

#[test]
fn missing_framework_file_is_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("pii")
        .unwrap()
        .current_dir(dir.path())
        .args(["score", "--framework", "nope.csv", "--data"])
        .arg(fixture("input_data.csv"))
        .args(["--out", "out"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("nope.csv").count(), 1, "{err}");
    assert_eq!(err.matches("cannot read").count(), 1, "{err}");
}

/// Runs `pii score` on the ASEM inputs with a settings file `name` holding `text`.
fn score_with_config(name: &str, text: &str) -> (bool, String, Option<String>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    let out = Command::cargo_bin("pii")
        .unwrap()
        .current_dir(dir.path())
        .args(["score", "--framework"])
        .arg(fixture("input_meta.csv"))
        .arg("--data")
        .arg(fixture("input_data.csv"))
        .args(["--config", name, "--out", "out"])
        .output()
        .unwrap();
    let settings = std::fs::read_to_string(dir.path().join("out/settings.toml")).ok();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).to_string(),
        settings,
    )
}

#[test]
fn config_is_json_when_named_json() {
    let (ok, err, settings) = score_with_config(
        "cfg.json",
        r#"{"treat": {"winmax": 3}, "normalise": {"min": 1, "max": 100}, "aggregate": "geometric"}"#,
    );
    assert!(ok, "{err}");
    let s = settings.unwrap();
    assert!(s.contains("winmax = 3"), "{s}");
    assert!(s.contains("aggregate = \"geometric\""), "{s}");
    assert!(s.contains("min = 1.0"), "{s}");
    // The same text named .toml is still read as TOML (and fails as TOML).
    let (ok, err, _) = score_with_config("cfg.toml", r#"{"treat": {"winmax": 3}}"#);
    assert!(!ok);
    assert!(err.starts_with("error: cfg.toml:1:"), "{err}");
    let help = Command::cargo_bin("pii")
        .unwrap()
        .args(["score", "--help"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("JSON when the name ends in .json"));
}

#[test]
fn bad_winmax_names_the_key_and_what_is_expected() {
    for (name, text, at) in [
        ("cfg.toml", "[treat]\nwinmax = -5\n", "cfg.toml:2:10:"),
        ("cfg.json", r#"{"treat": {"winmax": -5}}"#, "cfg.json:1:"),
    ] {
        let (ok, err, settings) = score_with_config(name, text);
        assert!(!ok);
        assert!(settings.is_none());
        assert!(err.contains(at), "{err}");
        assert!(
            err.contains("treat.winmax must be a whole number >= 0"),
            "{err}"
        );
        assert!(err.contains("found -5"), "{err}");
        assert!(!err.contains("untagged"), "{err}");
    }
}
