//! The shipped PII dataset: exact published values, lineage, derived figures.
use pii_explorer::data::{self, Origin};

fn ds() -> data::Dataset {
    data::load_shipped().expect("shipped data loads")
}

#[test]
fn shipped_loads_and_matches_folder() {
    let a = ds();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/pii");
    let b = data::load(&dir).expect("data/pii loads from disk");
    assert_eq!(a.units, b.units);
    assert_eq!(a.nodes, b.nodes);
    assert_eq!(a.years.len(), 3);
    assert_eq!(a.meta.index_name, "PII");
    assert_eq!(a.meta.decimals, Some(2));
    assert_eq!(a.default_year(), Some(2025));
}

#[test]
fn unit_counts_per_year() {
    let d = ds();
    assert_eq!(d.year(2023).unwrap().units.len(), 63);
    assert_eq!(d.year(2024).unwrap().units.len(), 63);
    assert_eq!(d.year(2025).unwrap().units.len(), 34);
}

#[test]
fn hanoi_2025_published() {
    let d = ds();
    let y = d.year(2025).unwrap();
    let s = y.score("HN", "PII").unwrap();
    assert_eq!(s.value, 65.68);
    assert_eq!(s.origin, Origin::Published);
    let r = y.rank("HN", "PII").unwrap();
    assert_eq!((r.value, r.origin), (1, Origin::Published));
    let f = y.figure("HN", "PII").unwrap();
    assert!(f.source.as_deref().unwrap().contains("vnexpress.net"));
    // Hà Nội keeps one code across the merger.
    assert_eq!(
        d.year(2023).unwrap().score("HN", "PII").unwrap().value,
        62.86
    );
    assert_eq!(
        d.year(2024).unwrap().score("HN", "PII").unwrap().value,
        60.76
    );
}

#[test]
fn hue_2025_input_output() {
    let d = ds();
    let y = d.year(2025).unwrap();
    assert_eq!(y.score("HUE", "PII").unwrap().value, 49.37);
    assert_eq!(y.score("HUE", "INPUT").unwrap().value, 51.50);
    assert_eq!(y.score("HUE", "OUTPUT").unwrap().value, 47.23);
    let hue = d.unit("HUE").unwrap();
    assert!(hue.aliases.iter().any(|a| a == "Thừa Thiên Huế"));
    assert_eq!(d.year(2023).unwrap().rank("HUE", "PII").unwrap().value, 14);
}

#[test]
fn bac_ninh_lineage() {
    let d = ds();
    let preds: Vec<&str> = d
        .predecessors("BN25")
        .iter()
        .map(|u| u.code.as_str())
        .collect();
    assert_eq!(preds.len(), 2);
    assert!(preds.contains(&"BN") && preds.contains(&"BG"));
    let y24 = d.year(2024).unwrap();
    assert_eq!(y24.rank("BN", "PII").unwrap().value, 11);
    assert_eq!(y24.rank("BG", "PII").unwrap().value, 10);
    assert_eq!(d.unit("BN").unwrap().successor.as_deref(), Some("BN25"));
    assert_eq!(d.unit("BN").unwrap().last_year, Some(2024));
    assert_eq!(d.unit("BN25").unwrap().first_year, Some(2025));
    let y25 = d.year(2025).unwrap();
    assert_eq!(y25.rank("BN25", "PII").unwrap().value, 6);
    assert_eq!(y25.score("BN25", "P7").unwrap().value, 60.20);
    // HCM 2025 = HCM + Bình Dương + Bà Rịa - Vũng Tàu
    let mut hcm: Vec<&str> = d
        .predecessors("HCM25")
        .iter()
        .map(|u| u.code.as_str())
        .collect();
    hcm.sort();
    assert_eq!(hcm, ["BD", "BRVT", "HCM"]);
    // every old province is either unchanged or has a 2025 successor
    for u in d.units.iter().filter(|u| u.exists_in(2024)) {
        assert!(u.exists_in(2025) || u.successor.is_some(), "{}", u.code);
    }
}

#[test]
fn derived_figures_are_computed() {
    let d = ds();
    // Quảng Ngãi 2023, 37.80: only rank 26 fits between Đồng Tháp (25, 38.32)
    // and Tiền Giang (27, 37.66).
    let f = d.year(2023).unwrap().figure("QNG", "PII").unwrap();
    assert_eq!(f.rank_bounds, Some((26, 26)));
    assert_eq!(f.rank.unwrap().value, 26);
    assert_eq!(f.rank.unwrap().origin, Origin::Computed);
    assert_eq!(f.score.unwrap().origin, Origin::Published);
    // Gia Lai 2024, 26.31: below Nghệ An (37, 32.69) and Cà Mau (38, no
    // score), above Cao Bằng (63, 23.95): 39-62 as NOTES §10.3. No rank.
    let g = d.year(2024).unwrap().figure("GL", "PII").unwrap();
    assert_eq!(g.rank_bounds, Some((39, 62)));
    assert!(g.rank.is_none());
    // Tây Ninh 2023: input 36.18 and output 33.60 published, PII not.
    let t = d.year(2023).unwrap().figure("TNI", "PII").unwrap();
    let s = t.score.unwrap();
    assert_eq!(s.origin, Origin::Computed);
    assert!((s.value - 34.89).abs() < 1e-9);
    assert_eq!(t.rank.unwrap(), data::Fig::published(38));
}

#[test]
fn missing_stays_missing() {
    let d = ds();
    let y = d.year(2025).unwrap();
    // Phú Thọ 2025: rank 15 published, no score.
    let f = y.figure("PT25", "PII").unwrap();
    assert!(f.score.is_none());
    assert_eq!(f.rank.unwrap().value, 15);
    // Cao Bằng 2025: nothing published.
    assert!(y.figure("CB", "PII").is_none());
}

#[test]
fn regions_2023_keep_vietnamese_reading() {
    let d = ds();
    let r = d
        .regions
        .iter()
        .find(|r| r.year == 2023 && r.region == "Tây Nguyên")
        .unwrap();
    assert_eq!(r.score.value, 32.72);
    assert!(r.note.as_deref().unwrap().contains("contradiction"));
    assert_eq!(d.regions.len(), 12);
}

#[test]
fn hue_2025_passes_the_aggregate_audit_and_a_changed_copy_fails() {
    use data::audit::{Severity, audit_files};
    let files = data::dataset::shipped_files();
    let a = audit_files(&files);
    assert!(a.is_sound(), "{:?}", a.findings);
    assert!(a.findings.iter().all(|f| !f.error.message.contains("HUE")));
    // 49.37 vs mean(51.50, 47.23) = 49.365: within rounding. 49.40 is not.
    let mut bad = files.clone();
    let text = bad.files["results.csv"].replace("2025,HUE,PII,49.37", "2025,HUE,PII,49.40");
    let line = text
        .lines()
        .position(|l| l.starts_with("2025,HUE,PII"))
        .unwrap()
        + 1;
    bad.files.insert("results.csv".into(), text);
    let a = audit_files(&bad);
    let errs: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].error.line, line);
    assert!(
        errs[0]
            .error
            .message
            .contains("mean of its published children INPUT, OUTPUT (49.3650)")
    );
}
