//! Loader behaviour: errors as values, NFC, BOM/CRLF, derive on a small fixture.
use pii_explorer::data::{self, Files, Origin};
use unicode_normalization::UnicodeNormalization;

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn load_returns_first_error_with_count() {
    let e = data::load(&fixture("bad/many")).unwrap_err();
    assert_eq!(e.line, 4);
    assert_eq!(e.column, 4);
    assert!(e.message.contains("found \"abc\""), "{e}");
    assert!(e.message.contains("and 2 more problems"), "{e}");
    let e = data::load(&fixture("bad/unknown_unit")).unwrap_err();
    assert!(
        e.to_string().ends_with(
            "unknown unit \"DNGG\"; closest: DNG (Đà Nẵng), QNG (Quảng Ngãi), HN (Hà Nội)"
        ),
        "{e}"
    );
}

#[test]
fn small_fixture_derives() {
    let d = data::load(&fixture("good")).unwrap();
    let y = d.year(2023).unwrap();
    // DNG 50.70 unranked, below HCM (2): rank 3 or 4 (QNG has no PII score)
    let f = y.figure("DNG", "PII").unwrap();
    assert_eq!(f.rank_bounds, Some((3, 4)));
    assert!(f.rank.is_none());
    // QNG: PII from INPUT and OUTPUT
    let q = y.score("QNG", "PII").unwrap();
    assert_eq!(q.origin, Origin::Computed);
    assert!((q.value - 35.005).abs() < 1e-9);
    assert_eq!(d.unit("HCM").unwrap().aliases, ["TP HCM", "HCMC"]);
}

#[test]
fn nfd_bom_crlf_input_loads_as_nfc() {
    let mut files = Files {
        dir: "mem".into(),
        ..Default::default()
    };
    for name in ["dataset.toml", "framework.csv", "units.csv", "results.csv"] {
        let text = std::fs::read_to_string(fixture("good").join(name)).unwrap();
        let nfd: String = text.nfd().collect();
        let crlf = format!("\u{feff}{}", nfd.replace('\n', "\r\n"));
        files
            .files
            .insert(name.into(), if name.ends_with(".csv") { crlf } else { nfd });
    }
    assert_ne!(
        files.files["units.csv"].nfc().collect::<String>(),
        files.files["units.csv"]
    );
    let d = data::dataset::load_files(&files).unwrap();
    let hn = d.unit("HN").unwrap();
    assert_eq!(hn.name_vi, "Hà Nội");
    assert_eq!(hn.name_vi, hn.name_vi.nfc().collect::<String>());
    assert_eq!(
        d.unit("DNG").unwrap().region.as_deref(),
        Some("Bắc Trung Bộ và duyên hải miền Trung")
    );
    assert_eq!(d.nodes[0].name_vi, "Chỉ số");
    assert_eq!(
        d.year(2023).unwrap().score("HN", "PII").unwrap().value,
        62.86
    );
}

#[test]
fn missing_file_and_bad_toml_are_errors() {
    let mut files = Files {
        dir: "mem".into(),
        ..Default::default()
    };
    let e = data::dataset::load_files(&files).unwrap_err();
    assert!(e.to_string().contains("missing dataset.toml"), "{e}");
    files.files.insert(
        "dataset.toml".into(),
        "name = \"x\"\nindex_name = 3\n".into(),
    );
    let e = data::dataset::load_files(&files).unwrap_err();
    assert_eq!((e.file.as_str(), e.line), ("mem/dataset.toml", 2), "{e}");
}

/// A copy of the `good` fixture with `results.csv` rewritten by `edit`.
fn good_with_results(edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["dataset.toml", "framework.csv", "units.csv", "results.csv"] {
        let text = std::fs::read_to_string(fixture("good").join(f)).unwrap();
        let text = if f == "results.csv" {
            edit(&text)
        } else {
            text
        };
        std::fs::write(dir.path().join(f), text).unwrap();
    }
    dir
}

#[test]
fn a_misspelt_score_header_is_an_error_not_silence() {
    let dir = good_with_results(|t| t.replacen(",score,", ",scor,", 1));
    let e = data::load(dir.path()).unwrap_err();
    assert!(e.to_string().contains("results.csv:1:"), "{e}");
    assert!(e.message.contains("missing column \"score\""), "{e}");
}

#[test]
fn a_score_outside_0_to_100_is_an_error_at_its_cell() {
    let dir = good_with_results(|t| t.replacen("62.86", "162.86", 1));
    let e = data::load(dir.path()).unwrap_err();
    assert!(
        e.message
            .contains("expected a score between 0 and 100, found 162.86"),
        "{e}"
    );
    assert!(e.line >= 2 && e.column >= 1, "{e}");
}
