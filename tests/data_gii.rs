//! The GII 2019 example: WIPO's wide layout read as published.
use pii_explorer::data::{self, Origin};

fn ds() -> data::Dataset {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/examples/gii2019");
    data::load(&dir).expect("GII 2019 loads")
}

#[test]
fn headline_figures() {
    let d = ds();
    assert_eq!(d.units.len(), 129);
    assert_eq!(d.nodes.len(), 111);
    assert_eq!(d.nodes.iter().filter(|n| n.is_indicator()).count(), 80);
    assert_eq!(d.root().unwrap().code, "GII");
    let y = d.year(2019).unwrap();
    assert_eq!(y.score("SWITZERLAND", "GII").unwrap().value, 67.2);
    assert_eq!(y.rank("SWITZERLAND", "GII").unwrap().value, 1);
    assert_eq!(y.score("VIET_NAM", "GII").unwrap().value, 38.8);
    assert_eq!(y.rank("VIET_NAM", "GII").unwrap().value, 42);
    assert_eq!(y.score("VIET_NAM", "INPUT").unwrap().value, 43.7);
    assert_eq!(y.rank("VIET_NAM", "INPUT").unwrap().value, 63);
    assert_eq!(y.score("VIET_NAM", "OUTPUT").unwrap().value, 33.9);
    assert_eq!(y.rank("VIET_NAM", "OUTPUT").unwrap().value, 37);
    assert_eq!(y.rank("YEMEN", "GII").unwrap().value, 129);
    assert!(d.meta.provenance.contains("CC BY-NC-ND 3.0 IGO"));
}

#[test]
fn structure_and_markers() {
    let d = ds();
    assert_eq!(d.node("1.1.1").unwrap().parent.as_deref(), Some("1.1"));
    assert_eq!(d.node("1").unwrap().parent.as_deref(), Some("INPUT"));
    assert_eq!(d.node("7").unwrap().parent.as_deref(), Some("OUTPUT"));
    let y = d.year(2019).unwrap();
    // Albania, 1.1.1 Political and operational stability: rank 50, score 73.7, value 1.9
    let f = y.figure("ALBANIA", "1.1.1").unwrap();
    assert_eq!(
        (f.rank.unwrap().value, f.score.unwrap().value, f.raw),
        (50, 73.7, Some(1.9))
    );
    // aggregates have no raw value
    assert_eq!(y.figure("ALBANIA", "GII").unwrap().raw, None);
    // everything is published
    assert!(
        y.figures
            .values()
            .all(|f| f.score.is_none_or(|s| s.origin == Origin::Published)
                && f.rank.is_none_or(|r| r.origin == Origin::Published))
    );
    // bracketed ranks are kept with a note
    let bracketed = y
        .figures
        .values()
        .filter(|f| f.note.as_deref().is_some_and(|n| n.contains("brackets")))
        .count();
    assert!(bracketed >= 226, "{bracketed}");
    // n/a stays missing: 1,020 of the 10,320 indicator scores
    let missing = d
        .nodes
        .iter()
        .filter(|n| n.is_indicator())
        .flat_map(|n| y.units.iter().map(move |u| (u, &n.code)))
        .filter(|(u, n)| y.score(u, n).is_none())
        .count();
    assert_eq!(missing, 1020);
}

#[test]
fn audit_checks_published_aggregates() {
    use data::audit::{Severity, audit_files};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/examples/gii2019");
    let files = data::Files::from_dir(&dir).unwrap();
    assert!(audit_files(&files).is_sound());
    // Change Viet Nam's published GII score (38.8) to 40.8 in the Score block.
    let text = &files.files["gii2019_wipo_raw.csv"];
    let t = data::Table::parse("x", text).unwrap();
    let score_label = t.headers.iter().position(|h| h == "Score").unwrap();
    let vn = t.headers[score_label..]
        .iter()
        .position(|h| h == "Viet Nam")
        .unwrap()
        + score_label;
    let mut lines: Vec<String> = text.split('\n').map(String::from).collect();
    let mut cells: Vec<String> = lines[3].split(',').map(String::from).collect();
    assert_eq!(cells[vn], "38.8");
    cells[vn] = "40.8".into();
    lines[3] = cells.join(",");
    let mut bad = files.clone();
    bad.files
        .insert("gii2019_wipo_raw.csv".into(), lines.join("\n"));
    let a = audit_files(&bad);
    let errs: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(!errs.is_empty());
    assert!(errs.iter().any(|f| f.error.line == 4
        && f.error.message.contains("GII VIET_NAM: published score 40.8 differs from the mean of its published children INPUT, OUTPUT (38.8000)")),
        "{errs:?}");
}
