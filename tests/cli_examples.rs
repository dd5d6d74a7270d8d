//! The command line on the example datasets shipped in data/examples
//! (WIPO's GII 2019 table; COINr's ASEM example scored by the engine).
use assert_cmd::Command;

fn pii() -> Command {
    let mut c = assert_cmd::cargo::cargo_bin_cmd!("pii");
    c.env_remove("NO_COLOR").env("COLUMNS", "120");
    c
}

fn dir(name: &str) -> String {
    format!("{}/data/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn stdout(args: &[&str]) -> String {
    let out = pii().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn gii2019_rank_and_show() {
    let d = dir("gii2019");
    let s = stdout(&["rank", "--data", &d, "--top", "3"]);
    let first = s.lines().nth(2).expect("first row");
    assert!(
        first.contains("Switzerland") && first.contains("67.2"),
        "{s}"
    );
    assert!(first.trim_start().starts_with("1 "));
    assert!(s.contains("2019: 129/129 scores, 129/129 ranks published"));
    assert!(!s.contains('*'), "every GII figure is published");
    let v: serde_json::Value = serde_json::from_str(&stdout(&[
        "show",
        "switzerland",
        "--data",
        &d,
        "--format",
        "json",
    ]))
    .expect("json");
    let levels = v["levels"].as_array().expect("levels");
    assert_eq!(levels[0]["score"].as_f64(), Some(67.2));
    assert_eq!(levels[0]["rank"], 1);
    assert_eq!(levels[0]["of"], 129);
    // Full data: the GII rule marks strengths and weaknesses.
    let marks: Vec<&str> = levels.iter().filter_map(|l| l["mark"].as_str()).collect();
    assert!(marks.contains(&"strength") && marks.contains(&"weakness"));
}

#[test]
fn gii2019_compare_shares_of_the_gap() {
    let d = dir("gii2019");
    let v: serde_json::Value = serde_json::from_str(&stdout(&[
        "compare",
        "switzerland",
        "sweden",
        "--data",
        &d,
        "--format",
        "json",
    ]))
    .expect("json");
    let levels = v["levels"].as_array().expect("levels");
    let gii = &levels[0];
    assert_eq!(
        (gii["a"].as_f64(), gii["b"].as_f64()),
        (Some(67.2), Some(63.7))
    );
    assert_eq!(gii["diff"].as_f64(), Some(3.5));
    let shares: Vec<(String, f64)> = levels
        .iter()
        .filter_map(|l| Some((l["node"].as_str()?.to_string(), l["share_of_gap"].as_f64()?)))
        .collect();
    assert_eq!(shares.len(), 7, "one share per pillar");
    let total: f64 = shares.iter().map(|s| s.1).sum();
    assert!((total - 1.0).abs() < 1e-9);
    // Pillar 6: 70.3 − 61.8 = 8.5 with weight 1/4, over the weighted sum
    // (−1.0 −0.2 −0.9 +6.3 −1.3)/10 + (8.5 + 4.7)/4 = 3.59.
    let p6 = shares.iter().find(|s| s.0 == "6").expect("pillar 6").1;
    assert!((p6 - (8.5 / 4.0) / 3.59).abs() < 1e-9, "{p6}");
}

#[test]
fn asem_computed_figures_are_marked() {
    let d = dir("asem");
    let s = stdout(&["rank", "--data", &d, "--top", "2"]);
    let first = s.lines().nth(2).expect("first row");
    assert!(
        first.contains("Switzerland") && first.contains("68.28*"),
        "{s}"
    );
    // No published figures in this dataset: all computed from raw values.
    assert!(
        s.contains("* computed by pii's engine from raw values"),
        "{s}"
    );
    assert!(!s.contains("published figures"), "{s}");
    assert!(s.contains("0/51 scores, 0/51 ranks published; computed by pii: 51 scores, 51 ranks"));
    let out = pii()
        .args(["changes", "--data", &d])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "a single year has no changes");
}
