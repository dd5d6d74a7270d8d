//! Other dataset folders open in the explorer, and the drill-down reaches
//! every level down to the indicators (nothing assumes the PII's node codes).
use std::path::Path;

use pii_explorer::tui::app::{Overlay, Pane};
use pii_explorer::tui::testing::Harness;

fn open(dir: &str) -> Harness {
    let ds = pii_explorer::data::load(Path::new(dir))
        .unwrap_or_else(|e| panic!("{dir} does not load: {e}"));
    Harness::new(ds)
}

/// From the root, go down the first branch to a leaf; returns the path.
fn dive(h: &mut Harness) -> Vec<String> {
    h.press("<Enter>");
    assert_eq!(h.app.pane, Pane::Tree);
    let mut path = vec![h.app.tree_node.clone().unwrap_or_default()];
    for _ in 0..12 {
        let node = h.app.tree_node.clone().unwrap_or_default();
        if !h.app.has_children(&node) {
            break;
        }
        // Open (if closed), then step into the first child.
        if !h.app.expanded.contains(&node) {
            h.press("l");
        }
        h.press("l");
        path.push(h.app.tree_node.clone().unwrap_or_default());
    }
    path
}

#[test]
fn gii_2019_drills_down_to_indicators() {
    let mut h = open("data/examples/gii2019");
    assert_eq!(h.app.year, 2019);
    assert!(h.app.units_in_year() > 100);
    let first = h.app.rows[h.app.visible[0]].unit.clone();
    assert_eq!(h.app.unit_name(&first), "Switzerland");
    let path = dive(&mut h);
    let leaf = path.last().cloned().unwrap_or_default();
    let node = h.app.ds.node(&leaf).expect("leaf is a node");
    assert!(node.is_indicator(), "{path:?}");
    assert!(path.len() >= 4, "{path:?}");
    // The indicator row has figures for Switzerland, and Enter shows its source.
    let row = h
        .app
        .profile
        .iter()
        .find(|r| r.node == leaf)
        .expect("indicator in the profile");
    assert!(row.score.is_some() || row.raw.is_some(), "{row:?}");
    let screen = h.screen();
    let line = screen
        .lines()
        .find(|l| l.contains(&format!(" {leaf} ")))
        .unwrap_or_default();
    assert!(!line.contains("not published"), "{line}");
    h.press("<Enter>");
    assert!(matches!(h.app.overlay, Overlay::Source { .. }));
}

#[test]
fn gii_2019_compare_shows_each_pillars_share_of_the_gap() {
    let mut h = open("data/examples/gii2019");
    // Mark Switzerland, select Sweden, open Compare.
    h.press("c j <S-Tab>");
    assert_eq!(h.app.pane, Pane::Compare);
    let shares: Vec<f64> = h
        .app
        .comparison
        .iter()
        .filter_map(|r| r.share_of_gap)
        .collect();
    assert!(!shares.is_empty());
    let s = h.screen();
    let row = s
        .lines()
        .find(|l| l.contains(" 1 Institu"))
        .unwrap_or_default();
    assert!(
        row.trim_end()
            .trim_end_matches('│')
            .trim_end()
            .ends_with('%'),
        "{row}"
    );
}

#[test]
fn asem_example_opens() {
    let mut h = open("data/examples/asem");
    assert!(!h.app.rows.is_empty());
    assert!(!h.app.profile.is_empty());
    let path = dive(&mut h);
    assert!(path.len() >= 2, "{path:?}");
    h.press("<Tab> <Tab>");
    assert!(!h.screen().contains("panicked"));
}
