//! Snapshots of every pane on the shipped PII data, at 120×40, 80×24 and a
//! too-small size, in colour and monochrome. The acceptance path: find "hue"
//! by typing it, drill into its pillars, see its rank history, compare it
//! with Hà Nội.
use insta::assert_snapshot;
use pii_explorer::tui::app::{Options, Pane};
use pii_explorer::tui::testing::Harness;
use pii_explorer::tui::theme::{Symbols, Theme};

fn shipped() -> pii_explorer::data::Dataset {
    pii_explorer::data::load_shipped().expect("the shipped data loads")
}

fn opts(mono: bool, ascii: bool) -> Options {
    Options {
        year: None,
        theme: if mono { Theme::mono() } else { Theme::colour() },
        symbols: if ascii {
            Symbols::ascii()
        } else {
            Symbols::unicode()
        },
    }
}

/// Each step of the acceptance path, at one size.
fn acceptance(w: u16, h: u16, tag: &str) {
    let mut t = Harness::with(shipped(), opts(false, false), w, h);
    assert_snapshot!(format!("{tag}_1_list"), t.screen());
    // Mark Hà Nội (the top of the list) for the comparison, then find Huế.
    t.press("c / hue");
    assert_eq!(t.app.selected.as_deref(), Some("HUE"));
    assert_snapshot!(format!("{tag}_2_search"), t.screen());
    // Into the drill-down; down to the input sub-index, into it (its pillars).
    t.press("<Enter> <Enter> j l");
    assert_eq!(t.app.pane, Pane::Tree);
    assert_eq!(t.app.tree_node.as_deref(), Some("P1"));
    assert_snapshot!(format!("{tag}_3_tree"), t.screen());
    t.press("<Tab>");
    assert_eq!(t.app.pane, Pane::Changes);
    assert_snapshot!(format!("{tag}_4_changes"), t.screen());
    t.press("<Tab>");
    assert_eq!(t.app.pane, Pane::Compare);
    assert_eq!(t.app.compare_with.as_deref(), Some("HN"));
    assert_snapshot!(format!("{tag}_5_compare"), t.screen());
    t.press("?");
    assert_snapshot!(format!("{tag}_6_help"), t.screen());
    t.press("<Esc> <Tab> <Tab> g i");
    assert_snapshot!(format!("{tag}_7_source"), t.screen());
}

#[test]
fn acceptance_120x40() {
    acceptance(120, 40, "wide");
}

#[test]
fn acceptance_80x24() {
    acceptance(80, 24, "narrow");
}

#[test]
fn too_small() {
    let t = Harness::with(shipped(), opts(false, false), 50, 12);
    assert_snapshot!("too_small_50x12", t.screen());
}

#[test]
fn earlier_years_show_bounds_and_rank_changes() {
    let mut t = Harness::with(shipped(), opts(false, false), 120, 40);
    t.press("[");
    assert_eq!(t.app.year, 2024);
    assert_snapshot!("year_2024_list", t.screen());
    t.press("[");
    assert_eq!(t.app.year, 2023);
    assert_snapshot!("year_2023_list", t.screen());
}

#[test]
fn colour_and_monochrome_styles() {
    for (mono, name) in [(false, "colour"), (true, "mono")] {
        let mut t = Harness::with(shipped(), opts(mono, false), 80, 24);
        t.press("j");
        assert_snapshot!(format!("styled_{name}_list"), t.styled());
        t.press("<Tab>");
        assert_snapshot!(format!("styled_{name}_tree"), t.styled());
        t.press("<Tab>");
        assert_snapshot!(format!("styled_{name}_changes"), t.styled());
        // Compare TP. Hồ Chí Minh (selected) with Hà Nội (marked).
        t.press("<Tab> <Tab> g c j <S-Tab>");
        assert_snapshot!(format!("styled_{name}_compare"), t.styled());
    }
}

#[test]
fn ascii_symbols() {
    let mut t = Harness::with(shipped(), opts(true, true), 80, 24);
    t.press("[");
    assert_snapshot!("ascii_list", t.screen());
    t.press("/ bac <Space> ninh <Enter> ] <Tab> <Tab>");
    assert_snapshot!("ascii_changes", t.screen());
}
