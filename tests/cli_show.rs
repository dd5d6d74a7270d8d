//! `pii show`, `compare`, `export`, `completions`, `man` on the shipped PII data.
use assert_cmd::Command;

fn pii() -> Command {
    let mut c = assert_cmd::cargo::cargo_bin_cmd!("pii");
    c.env_remove("NO_COLOR").env("COLUMNS", "120");
    c
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

fn line<'a>(s: &'a str, needle: &str) -> &'a str {
    s.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in\n{s}"))
}

#[test]
fn show_hue() {
    let s = stdout(&["show", "hue"]);
    assert!(s.starts_with("Huế (Hue) — PII 2025"), "{s}");
    let pii = line(&s, "PII Chỉ số");
    assert!(pii.contains("49.37") && pii.contains("5/34"), "{pii}");
    assert!(line(&s, "INPUT").contains("51.50"));
    assert!(line(&s, "OUTPUT").contains("47.23"));
    assert!(line(&s, "P1 Thể chế").contains("n/p"));
    assert!(line(&s, "2023").contains("44.01") && line(&s, "2023").contains("14/63"));
    assert!(line(&s, "2024").contains("13/63"));
    assert!(s.contains("none can be computed from the published figures"));
}

#[test]
fn show_matches_names_aliases_codes() {
    for q in ["Huế", "HUE", "thua thien hue", "Thừa Thiên Huế"] {
        assert!(stdout(&["show", q]).starts_with("Huế (Hue)"), "{q}");
    }
    for q in ["hcm", "TP HCM", "Hồ Chí Minh"] {
        let s = stdout(&["show", q]);
        assert!(s.starts_with("TP. Hồ Chí Minh"), "{q}: {s}");
        assert!(line(&s, "PII Chỉ số").contains("59.33"));
    }
    let s = stdout(&["show", "ha noi", "--year", "2024"]);
    assert!(line(&s, "PII Chỉ số").contains("60.76"));
}

#[test]
fn show_lineage_both_ways() {
    let s = stdout(&["show", "bac ninh"]);
    assert!(line(&s, "Formed from").contains("Bắc Giang (2024 43.53, rank 10/63)"));
    let s = stdout(&["show", "bac giang", "--year", "2024"]);
    assert!(line(&s, "PII Chỉ số").contains("43.53"));
    assert!(line(&s, "Merged into").contains("Bắc Ninh from 2025"));
    // In 2025 the old province no longer exists: the profile says so.
    let s = stdout(&["show", "bac giang"]);
    assert!(s.contains("not a unit of 2025"), "{s}");
}

#[test]
fn show_json_and_csv() {
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&["show", "hue", "--format", "json"])).expect("json");
    assert_eq!(v["unit"]["code"], "HUE");
    let levels = v["levels"].as_array().expect("levels");
    let get = |n: &str| levels.iter().find(|l| l["node"] == n).cloned().expect(n);
    assert_eq!(get("PII")["score"].as_f64(), Some(49.37));
    assert_eq!(get("PII")["rank"], 5);
    assert_eq!(get("PII")["of"], 34);
    assert_eq!(get("INPUT")["score"].as_f64(), Some(51.5));
    assert_eq!(get("OUTPUT")["score"].as_f64(), Some(47.23));
    assert!(get("P1")["score"].is_null());
    let s = stdout(&["show", "hue", "--format", "csv"]);
    let mut r = csv::Reader::from_reader(s.as_bytes());
    let first = r.records().next().expect("a row").expect("csv");
    assert_eq!((&first[3], &first[6], &first[8]), ("PII", "49.37", "5"));
}

#[test]
fn unknown_and_ambiguous_provinces_exit_2() {
    let out = pii().args(["show", "hanoj"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("closest: Hà Nội"), "{err}");
    assert!(out.stdout.is_empty());
    let out = pii().args(["show", "quang"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Quảng Ninh") && err.contains("Quảng Trị"),
        "{err}"
    );
    let out = pii()
        .args(["compare", "hue", "nowhere"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let out = pii().args(["show"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2), "missing argument");
}

#[test]
fn compare_hanoi_hue() {
    let s = stdout(&["compare", "Hà Nội", "hue"]);
    assert!(s.starts_with("Hà Nội vs Huế — PII 2025"));
    let pii = line(&s, "PII Chỉ số");
    for x in ["65.68", "49.37", "+16.31"] {
        assert!(pii.contains(x), "{x} in {pii}");
    }
    assert!(s.contains("Share of gap: not computable"));
    let v: serde_json::Value = serde_json::from_str(&stdout(&[
        "compare",
        "bac ninh",
        "khanh hoa",
        "--format",
        "json",
    ]))
    .expect("json");
    let levels = v["levels"].as_array().expect("levels");
    let p1 = levels.iter().find(|l| l["node"] == "P1").expect("P1");
    assert!((p1["diff"].as_f64().expect("diff") - 0.41).abs() < 1e-9);
    assert_eq!(p1["a"].as_f64(), Some(59.17));
    assert_eq!(p1["b"].as_f64(), Some(58.76));
    let p3 = levels.iter().find(|l| l["node"] == "P3").expect("P3");
    assert!(p3["diff"].is_null() && p3["b"].is_null());
}

#[test]
fn export_html_is_self_contained() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bn.html");
    let p = path.to_str().expect("utf-8 path");
    let out = pii()
        .args(["export", "bac ninh", "--format", "html", "-o", p])
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(out.stdout.is_empty(), "written to the file, not stdout");
    let html = std::fs::read_to_string(&path).expect("file written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<svg"));
    // Seven pillar bars for Bắc Ninh (all published), value labels included.
    assert_eq!(html.matches("<rect ").count(), 7);
    assert!(html.contains(">59.17<") && html.contains(">28.74<"));
    // No external resources: every http(s) occurrence is a cited source link.
    for tag in ["<link", "<script", "<img", "@import", "url("] {
        assert!(!html.contains(tag), "{tag}");
    }
    for (i, _) in html.match_indices("http") {
        let before = &html[i.saturating_sub(9)..i];
        assert!(
            before.ends_with("<a href=\"") || before.ends_with("\">"),
            "http outside a source citation at {i}: {}",
            &html[i.saturating_sub(40)..(i + 40).min(html.len())]
        );
    }
    assert!(html.contains("<h2>Sources</h2>"));
    // Huế: no pillar published → "not published" instead of bars.
    let path = dir.path().join("hue.html");
    pii()
        .args(["export", "hue", "--format", "html", "-o"])
        .arg(&path)
        .assert()
        .success();
    let html = std::fs::read_to_string(&path).expect("file written");
    assert_eq!(html.matches("<rect ").count(), 0);
    assert_eq!(html.matches(">not published<").count(), 7);
}

#[test]
fn export_md_csv_json() {
    let md = stdout(&["export", "hue", "--format", "md"]);
    assert!(md.starts_with("# Huế — PII 2025"));
    assert!(md.contains("| PII Chỉ số Đổi mới sáng tạo cấp địa phương | 49.37 | 5/34 |"));
    assert!(md.contains("## Sources"));
    let js = stdout(&["export", "hue", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&js).expect("json");
    assert_eq!(v["levels"][0]["score"].as_f64(), Some(49.37));
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("hue.csv");
    pii()
        .args(["export", "hue", "--format", "csv", "-o"])
        .arg(&path)
        .assert()
        .success();
    let csv = std::fs::read_to_string(&path).expect("written");
    assert!(csv.lines().nth(1).expect("row").contains(",PII,"));
    let out = pii()
        .args(["export", "hue", "--format", "pdf"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn completions_and_man() {
    for sh in ["bash", "zsh", "fish"] {
        let s = stdout(&["completions", sh]);
        assert!(
            s.contains("pii") && s.contains("rank") && s.contains("export"),
            "{sh}"
        );
    }
    let man = stdout(&["man"]);
    assert!(man.contains(".TH pii"), "{}", &man[..200.min(man.len())]);
    let out = pii().args(["completions", "tcsh"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_subcommand_has_help_with_an_example() {
    for sub in [
        "rank",
        "show",
        "compare",
        "changes",
        "export",
        "completions",
        "man",
    ] {
        let s = stdout(&[sub, "--help"]);
        assert!(s.contains("Example"), "{sub} --help has no example:\n{s}");
        assert!(s.contains(&format!("pii {sub}")), "{sub}");
    }
}

#[test]
fn compare_and_export_refuse_a_unit_not_of_the_year() {
    let want = "error: Bắc Giang is not a unit of 2025: merged into Bắc Ninh from 2025";
    for args in [
        vec!["compare", "hue", "bac giang", "--year", "2025"],
        vec!["compare", "bac giang", "hue", "--year", "2025"],
        vec!["export", "bac giang", "--year", "2025", "--format", "md"],
    ] {
        let out = pii().args(&args).output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with(want), "{args:?}: {err}");
    }
    // The same pair in 2024, when both existed, is compared.
    let s = stdout(&["compare", "hue", "bac giang", "--year", "2024"]);
    assert!(s.lines().nth(2).is_some_and(|l| l.contains("43.53")), "{s}");
}
