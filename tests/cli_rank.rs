//! `pii rank` and `pii changes` on the shipped PII data: exact values, formats,
//! bad arguments, closed pipes, colour rules.
use std::io::{BufRead, BufReader};
use std::process::{Command as StdCommand, Stdio};

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

#[test]
fn rank_2025_table() {
    let s = stdout(&["rank"]);
    let first = s
        .lines()
        .find(|l| l.trim_start().starts_with("1 "))
        .expect("a rank 1 row");
    assert!(
        first.contains("Hà Nội") && first.contains("65.68"),
        "{first}"
    );
    assert!(first.contains("was 1/63 (2024)"), "{first}");
    let bn = s
        .lines()
        .find(|l| l.contains("Bắc Ninh"))
        .expect("Bắc Ninh");
    assert!(
        bn.contains("merged (BN 11, BG 10)") && bn.contains("48.76"),
        "{bn}"
    );
    // Phú Thọ: rank 15, score not published (never 0).
    let pt = s.lines().find(|l| l.contains("Phú Thọ")).expect("Phú Thọ");
    assert!(
        pt.contains("15") && pt.contains("n/p") && !pt.contains("0.00"),
        "{pt}"
    );
    assert!(
        s.contains("2025: 11/34 scores, 12/34 ranks published"),
        "{s}"
    );
    assert!(!s.contains('\x1b'), "no colour when not a terminal");
}

#[test]
fn rank_2024_and_computed_marks() {
    let s = stdout(&["rank", "--year", "2024", "--top", "3"]);
    let hn = s.lines().find(|l| l.contains("Hà Nội")).expect("Hà Nội");
    assert!(hn.contains("60.76") && hn.contains('–'), "{hn}");
    let rows = s
        .lines()
        .filter(|l| {
            l.split_whitespace()
                .next()
                .is_some_and(|w| w.parse::<u32>().is_ok())
        })
        .count();
    assert_eq!(rows, 3, "{s}");
    // 2023 has figures computed by pii (Tây Ninh's score from input/output).
    let s = stdout(&["rank", "--year", "2023"]);
    let tn = s
        .lines()
        .find(|l| l.contains("Tây Ninh"))
        .expect("Tây Ninh");
    assert!(tn.contains("34.89*"), "{tn}");
    assert!(s.contains("* computed by pii from published figures"));
}

#[test]
fn rank_json_and_csv() {
    let s = stdout(&["rank", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&s).expect("valid JSON");
    assert_eq!(v["year"], 2025);
    assert_eq!(v["coverage"]["units"], 34);
    let rows = v["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 34);
    assert_eq!(rows[0]["code"], "HN");
    assert_eq!(rows[0]["score"].as_f64(), Some(65.68));
    assert_eq!(rows[0]["rank"], 1);
    assert_eq!(rows[0]["score_origin"], "published");
    let bn = rows.iter().find(|r| r["code"] == "BN25").expect("BN25");
    assert_eq!(bn["change"]["kind"], "merged");
    assert_eq!(bn["change"]["predecessors"][0]["rank"], 11);
    assert_eq!(bn["change"]["predecessors"][1]["code"], "BG");
    assert_eq!(bn["change"]["predecessors"][1]["rank"], 10);
    let pt = rows.iter().find(|r| r["code"] == "PT25").expect("PT25");
    assert!(pt["score"].is_null(), "missing is null, never 0");

    let s = stdout(&["rank", "--year", "2024", "--format", "csv"]);
    let mut r = csv::Reader::from_reader(s.as_bytes());
    let h = r.headers().expect("header").clone();
    let col = |n: &str| h.iter().position(|x| x == n).expect(n);
    let recs: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    assert_eq!(recs.len(), 63);
    let hn = &recs[0];
    assert_eq!(
        (&hn[col("code")], &hn[col("score")], &hn[col("rank")]),
        ("HN", "60.76", "1")
    );
    let empty = recs
        .iter()
        .find(|r| r[col("code")] == *"AG")
        .expect("An Giang");
    assert_eq!((&empty[col("score")], &empty[col("rank")]), ("", ""));
}

#[test]
fn rank_by_node_and_region() {
    let s = stdout(&["rank", "--year", "2023", "--region", "dong nam bo"]);
    assert!(s.contains("TP. Hồ Chí Minh") && s.contains("Bình Dương"));
    assert!(!s.contains("Hà Nội"));
    let s = stdout(&["rank", "--by", "P1", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&s).expect("json");
    assert_eq!(v["node"], "P1");
    let bn = v["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["code"] == "BN25")
        .cloned()
        .expect("BN25");
    assert_eq!(bn["score"].as_f64(), Some(59.17));
}

#[test]
fn bad_arguments_exit_2() {
    let out = pii()
        .args(["rank", "--year", "1999"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2023, 2024, 2025"), "{err}");
    let out = pii()
        .args(["rank", "--top", "many"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let out = pii()
        .args(["rank", "--format", "xml"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let out = pii().args(["rank", "--by", "P99"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let out = pii()
        .args(["changes", "--from", "2025", "--to", "2024"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn changes_default_and_explicit() {
    let s = stdout(&["changes", "--from", "2023", "--to", "2024"]);
    let risers = s.split("Fallers").next().expect("risers first");
    let th = risers
        .lines()
        .find(|l| l.contains("Thanh Hóa"))
        .expect("Thanh Hóa rose");
    assert!(
        th.contains("▲4") && th.contains("30/63") && th.contains("26/63"),
        "{th}"
    );
    let s = stdout(&["changes"]);
    assert!(s.contains("2024 → 2025"));
    let bn = s
        .lines()
        .find(|l| l.contains("Bắc Giang"))
        .expect("BN25 row");
    assert!(
        bn.contains("Bắc Ninh 11/63") && bn.contains("Bắc Giang 10/63"),
        "{bn}"
    );
    assert!(
        !s.contains('▲') && !s.contains('▼'),
        "no bare differences across the merger"
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&[
        "changes", "--from", "2023", "--to", "2024", "--format", "json",
    ]))
    .expect("json");
    assert_eq!(v["risers"][0]["code"], "TH");
    assert_eq!(v["risers"][0]["change"]["places"], 4);
    assert_eq!(v["crosses_boundary"], false);
}

/// `pii rank | head -1`: the reader goes away; pii ends quietly with 0.
#[test]
fn closed_pipe_is_quiet() {
    let bin = env!("CARGO_BIN_EXE_pii");
    // Read one line, then close the pipe.
    let mut child = StdCommand::new(bin)
        .args(["rank", "--year", "2023"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("one line");
    assert!(line.contains("PII 2023"), "{line}");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    // Close the pipe before pii writes anything: the write fails with EPIPE.
    for args in [&["rank"][..], &["man"][..], &["show", "hue"][..]] {
        let mut child = StdCommand::new(bin)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

/// On a terminal (a pty from `script`), colour is on unless NO_COLOR is set.
#[test]
fn no_color_on_a_terminal() {
    if StdCommand::new("script").arg("--version").output().is_err() {
        eprintln!("`script` not available: the pty check is skipped (the rule is unit-tested)");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_pii");
    let run = |no_color: bool| {
        let mut c = StdCommand::new("script");
        c.args(["-qec", &format!("{bin} rank --top 3"), "/dev/null"])
            .env("COLUMNS", "120")
            .env("TERM", "xterm");
        if no_color {
            c.env("NO_COLOR", "1");
        } else {
            c.env_remove("NO_COLOR");
        }
        let out = c.output().expect("script runs");
        assert!(out.status.success());
        out.stdout
    };
    let coloured = run(false);
    assert!(coloured.contains(&0x1b), "colour on a terminal");
    let plain = run(true);
    assert!(!plain.contains(&0x1b), "NO_COLOR: no escape bytes");
    assert!(String::from_utf8_lossy(&plain).contains("65.68"));
}

/// Tables fit the width given by COLUMNS; long names end with "…".
#[test]
fn tables_fit_the_terminal_width() {
    use unicode_width::UnicodeWidthStr;
    for (args, width) in [
        (&["rank", "--year", "2023"][..], 60),
        (&["rank"][..], 50),
        (&["show", "bac ninh"][..], 60),
        (&["compare", "bac ninh", "khanh hoa"][..], 80),
        (&["changes"][..], 60),
    ] {
        let out = pii()
            .args(args)
            .env("COLUMNS", width.to_string())
            .output()
            .expect("runs");
        assert!(out.status.success());
        let s = String::from_utf8(out.stdout).expect("utf-8");
        for l in s.lines() {
            assert!(
                l.width() <= width,
                "{args:?} at {width}: {l:?} ({})",
                l.width()
            );
        }
        assert!(
            s.contains('…'),
            "{args:?} at {width}: something was shortened"
        );
    }
}

/// The legend lines (after the table) of a `pii rank` table.
fn legend(s: &str) -> Vec<&str> {
    s.lines()
        .skip_while(|l| !l.contains("ranks published"))
        .collect()
}

#[test]
fn rank_legend_describes_only_what_the_table_shows() {
    let s = stdout(&["rank", "--year", "2024"]);
    let l = legend(&s).join("\n");
    // The range example is one the table shows.
    let range = l
        .split("; ")
        .find_map(|p| p.strip_suffix(" = range the rank must lie in"))
        .unwrap_or_else(|| panic!("no range legend in\n{l}"));
    assert!(
        s.lines()
            .any(|r| r.split_whitespace().next() == Some(range)),
        "{range} not in\n{s}"
    );
    assert!(!l.contains("31–32"), "{l}");
    // No row shows a `*`, so no legend for it.
    assert!(!s.lines().any(|r| r.contains('*')), "{s}");
    assert!(!l.contains("computed"), "{l}");

    // --top 3: nothing unpublished or unknown shown, no legend for them.
    let s = stdout(&["rank", "--year", "2024", "--top", "3"]);
    let l = legend(&s).join("\n");
    assert!(
        !l.contains("n/p") && !l.contains('—') && !l.contains("range"),
        "{s}"
    );
}

#[test]
fn rank_by_a_pillar_counts_that_pillar() {
    let s = stdout(&["rank", "--year", "2024", "--by", "P4"]);
    let cov = s
        .lines()
        .find(|l| l.contains("ranks published"))
        .expect("coverage line");
    let ranked = s
        .lines()
        .filter(|l| {
            l.split_whitespace()
                .next()
                .is_some_and(|c| c.parse::<u32>().is_ok())
        })
        .count();
    assert_eq!(
        cov,
        format!("2024, P4: 0/63 scores, {ranked}/63 ranks published")
    );
    let s = stdout(&["rank", "--year", "2024"]);
    assert!(
        s.contains("\n2024: 17/63 scores, 19/63 ranks published\n"),
        "{s}"
    );
}

#[test]
fn unknown_previous_ranks_are_dashes_not_np() {
    let s = stdout(&["rank", "--year", "2025"]);
    let db = s
        .lines()
        .find(|l| l.contains("Điện Biên"))
        .expect("Điện Biên row");
    assert!(db.contains("was — (2024)"), "{db}");
    // n/p only ever stands for a score (the Score column), never a rank.
    for row in s
        .lines()
        .filter(|l| l.contains("was ") || l.contains("merged ("))
    {
        assert!(
            !row.contains("was n/p") && !row.contains(" n/p,") && !row.contains(" n/p)"),
            "{row}"
        );
    }
}
