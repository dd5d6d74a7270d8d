//! The ASEM example: COINr raw data scored at load by the engine (gii preset).
use pii_explorer::data::{self, Origin};

fn ds() -> data::Dataset {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/examples/asem");
    data::load(&dir).expect("ASEM loads")
}

#[test]
fn engine_scores_are_computed() {
    let d = ds();
    assert_eq!(d.units.len(), 51);
    assert_eq!(d.root().unwrap().code, "Index");
    assert_eq!(d.nodes.iter().filter(|n| n.is_indicator()).count(), 49);
    let y = d.year(2018).unwrap();
    // COINr pipeline B (GII-style) headline: CHE 68.27738, DNK 64.85521, NLD 64.80261
    for (u, s, r) in [
        ("CHE", 68.27738, 1),
        ("DNK", 64.85521, 2),
        ("NLD", 64.80261, 3),
    ] {
        let f = y.figure(u, "Index").unwrap();
        let score = f.score.unwrap();
        assert_eq!(score.origin, Origin::Computed);
        assert!((score.value - s).abs() < 5e-6, "{u} {}", score.value);
        assert_eq!(f.rank.unwrap(), data::Fig::computed(r));
        assert_eq!(
            f.source.as_deref(),
            Some("computed by pii's engine, gii preset")
        );
    }
    // raw values kept on indicators (Austria, LPI 4.097985)
    let lpi = y.figure("AUT", "LPI").unwrap();
    assert!((lpi.raw.unwrap() - 4.097985).abs() < 1e-12);
    assert_eq!(lpi.score.unwrap().origin, Origin::Computed);
    assert_eq!(d.unit("AUT").unwrap().region.as_deref(), Some("Europe"));
    // nothing is published
    assert!(
        y.figures
            .values()
            .all(|f| f.score.is_none_or(|s| !s.is_published()))
    );
}
