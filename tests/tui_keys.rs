//! Scripted key sessions through the harness: state and screen after keys.
mod tui_support;

use pii_explorer::tui::app::{Options, Overlay, Pane, UNPLACED};
use pii_explorer::tui::persist::Saved;
use pii_explorer::tui::testing::Harness;
use pii_explorer::tui::theme::{Symbols, Theme};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::style::{Color, Modifier};
use tui_support::fixture;

fn names(h: &Harness) -> Vec<String> {
    h.app
        .visible
        .iter()
        .map(|&i| h.app.unit_name(&h.app.rows[i].unit))
        .collect()
}

#[test]
fn opens_on_the_latest_year_with_the_best_ranked_unit() {
    let h = Harness::new(fixture());
    assert_eq!(h.app.year, 2025);
    assert_eq!(h.app.selected.as_deref(), Some("HN"));
    assert_eq!(names(&h), ["Hà Nội", "Huế", "Bắc Ninh", "Đà Nẵng"]);
    let s = h.screen();
    assert!(s.contains("65.68"), "{s}");
    // Đà Nẵng has no figure: "n/p", never 0.
    let dn = s.lines().find(|l| l.contains("Đà Nẵng")).unwrap();
    assert!(dn.contains("n/p") && !dn.contains("0.00"), "{dn}");
    // 2025 units are formed by the merger: no bare rank difference.
    let bn = s.lines().find(|l| l.contains("Bắc Ninh")).unwrap();
    assert!(bn.contains("merged"), "{bn}");
    assert!(s.contains("2025: 3/4 scores, 3/4 ranks published"), "{s}");
}

#[test]
fn accent_insensitive_search_filters_and_selects() {
    let mut h = Harness::new(fixture());
    h.press("/ hue");
    assert!(h.app.searching);
    assert_eq!(names(&h), ["Huế"]);
    assert_eq!(h.app.selected.as_deref(), Some("HUE"));
    h.press("<Enter>");
    assert!(!h.app.searching);
    assert_eq!(h.app.query, "hue");
    assert!(h.screen().contains("/hue"));
    h.press("/ da <Space> nang <Enter>");
    assert_eq!(names(&h), ["Đà Nẵng"]);
    h.press("/ ha <Space> noi <Enter>");
    assert_eq!(names(&h), ["Hà Nội"]);
    // Accents in the query make it accent-sensitive.
    h.press("/ Hà <Enter>");
    assert_eq!(names(&h), ["Hà Nội"]);
    // Esc in the list clears the filter.
    h.press("<Esc>");
    assert_eq!(h.app.query, "");
    assert_eq!(names(&h).len(), 4);
}

#[test]
fn search_box_editing() {
    let mut h = Harness::new(fixture());
    h.press("/ hux <BS>");
    assert_eq!(h.app.query, "hu");
    h.press("<C-h>");
    assert_eq!(h.app.query, "h");
    h.press("e <Esc>");
    assert!(!h.app.searching);
    assert_eq!(h.app.query, "");
    // q typed in the box is text, not quit.
    h.press("/ q");
    assert!(!h.app.quit);
    assert_eq!(h.app.query, "q");
    assert!(h.screen().contains("no province matches"));
    h.press("<C-c>");
    assert!(h.app.quit);
}

#[test]
fn next_and_previous_match() {
    let mut h = Harness::new(fixture());
    h.press("[ [");
    assert_eq!(h.app.year, 2023);
    h.press("/ bac <Enter>");
    assert_eq!(names(&h), ["Bắc Ninh", "Bắc Giang"]);
    assert_eq!(h.app.selected.as_deref(), Some("BN"));
    h.press("n");
    assert_eq!(h.app.selected.as_deref(), Some("BG"));
    h.press("n");
    assert_eq!(h.app.selected.as_deref(), Some("BN"));
    h.press("N");
    assert_eq!(h.app.selected.as_deref(), Some("BG"));
}

#[test]
fn year_change_follows_the_merger() {
    let mut h = Harness::new(fixture());
    h.press("[");
    assert_eq!(h.app.year, 2024);
    h.press("/ giang <Enter>");
    assert_eq!(h.app.selected.as_deref(), Some("BG"));
    h.press("<Esc> ]");
    // Bắc Giang became part of Bắc Ninh (BN25) in 2025.
    assert_eq!(h.app.year, 2025);
    assert_eq!(h.app.selected.as_deref(), Some("BN25"));
    h.press("]");
    assert_eq!(h.app.year, 2025);
    assert_eq!(h.app.message.as_deref(), Some("2025 is the latest year"));
    // Back to 2024: BN25 maps to its first predecessor.
    h.press("[");
    assert_eq!(h.app.selected.as_deref(), Some("BN"));
}

#[test]
fn sort_by_any_node_and_reverse() {
    let mut h = Harness::new(fixture());
    assert_eq!(
        h.app.sort_nodes,
        ["IDX", "IN", "OUT", "IN.A", "IN.B", "OUT.A"]
    );
    h.press("s");
    assert_eq!(h.app.sort_node(), Some("IN"));
    // By input score; units without it last.
    assert_eq!(names(&h), ["Bắc Ninh", "Huế", "Đà Nẵng", "Hà Nội"]);
    assert!(h.screen().contains("by IN"));
    h.press("S");
    assert_eq!(names(&h), ["Huế", "Bắc Ninh", "Đà Nẵng", "Hà Nội"]);
    h.press("S s s s s s");
    assert_eq!(h.app.sort_node(), Some("IDX"));
    assert_eq!(names(&h), ["Hà Nội", "Huế", "Bắc Ninh", "Đà Nẵng"]);
}

#[test]
fn region_filter_cycles() {
    let mut h = Harness::new(fixture());
    assert_eq!(
        h.app.regions,
        [
            "Bắc Trung Bộ và duyên hải miền Trung",
            "Đồng bằng sông Hồng"
        ]
    );
    h.press("r");
    assert_eq!(names(&h), ["Huế", "Đà Nẵng"]);
    assert!(h.screen().contains("region: Bắc Trung Bộ"));
    h.press("r");
    assert_eq!(names(&h), ["Hà Nội", "Bắc Ninh"]);
    h.press("r");
    assert_eq!(names(&h).len(), 4);
}

#[test]
fn list_navigation() {
    let mut h = Harness::new(fixture());
    h.press("j");
    assert_eq!(h.app.selected.as_deref(), Some("HUE"));
    h.press("G");
    assert_eq!(h.app.selected.as_deref(), Some("DN"));
    h.press("<Down>");
    assert_eq!(h.app.selected.as_deref(), Some("DN"));
    h.press("g");
    assert_eq!(h.app.selected.as_deref(), Some("HN"));
    h.press("<End> <Up>");
    assert_eq!(h.app.selected.as_deref(), Some("BN25"));
    h.press("<Home> <PgDn>");
    assert_eq!(h.app.selected.as_deref(), Some("DN"));
    h.press("<PgUp>");
    assert_eq!(h.app.selected.as_deref(), Some("HN"));
}

#[test]
fn drill_down_expands_collapses_and_climbs() {
    let mut h = Harness::new(fixture());
    h.press("/ bac <Enter> <Enter>");
    assert_eq!(h.app.pane, Pane::Tree);
    let vis = |h: &Harness| -> Vec<String> {
        h.app
            .tree_visible()
            .iter()
            .map(|&i| h.app.profile[i].node.clone())
            .collect()
    };
    // Index and sub-indices open: the pillars show.
    assert_eq!(
        vis(&h),
        ["IDX", "IN", "IN.A", "IN.B", "OUT", "OUT.A", UNPLACED]
    );
    let s = h.screen();
    assert!(s.contains("59.17") && s.contains("60.20"), "{s}");
    assert!(s.contains("framework: 52 indicators, 2 known here"), "{s}");
    // l on an open node goes to its first child.
    h.press("l");
    assert_eq!(h.app.tree_node.as_deref(), Some("IN"));
    h.press("j l");
    assert_eq!(h.app.tree_node.as_deref(), Some("IN.A"));
    assert_eq!(
        vis(&h),
        [
            "IDX", "IN", "IN.A", "IN.A.1", "IN.B", "OUT", "OUT.A", UNPLACED
        ]
    );
    assert!(h.screen().contains("not published"));
    h.press("l");
    assert_eq!(h.app.tree_node.as_deref(), Some("IN.A.1"));
    // Enter on a leaf shows its source.
    h.press("<Enter>");
    assert!(matches!(h.app.overlay, Overlay::Source { .. }));
    assert!(h.screen().contains("not published: no figure"));
    h.press("<Esc> h");
    assert_eq!(h.app.tree_node.as_deref(), Some("IN.A"));
    h.press("h");
    assert_eq!(
        vis(&h),
        ["IDX", "IN", "IN.A", "IN.B", "OUT", "OUT.A", UNPLACED]
    );
    h.press("h");
    assert_eq!(h.app.tree_node.as_deref(), Some("IN"));
    h.press("<Left>");
    assert_eq!(vis(&h), ["IDX", "IN", "OUT", "OUT.A", UNPLACED]);
    h.press("h h");
    assert_eq!(vis(&h), ["IDX", UNPLACED]);
    // The unplaced group opens like any node.
    h.press("G");
    assert!(h.screen().contains("unplaced (1)"));
    h.press("l");
    assert_eq!(vis(&h), ["IDX", UNPLACED, "X.1"]);
    h.press("l");
    assert_eq!(h.app.tree_node.as_deref(), Some("X.1"));
    h.press("h h h g h");
    assert_eq!(h.app.pane, Pane::List);
}

#[test]
fn source_popup_lists_urls() {
    let mut h = Harness::new(fixture());
    h.press("<Tab> i");
    let s = h.screen();
    assert!(s.contains("score 65.68 (published)"), "{s}");
    assert!(s.contains("https://vnexpress.net/ha-noi-tiep-tuc"), "{s}");
    assert!(s.contains("https://cafef.vn/"), "{s}");
    h.press("q");
    assert_eq!(h.app.overlay, Overlay::None);
    assert!(!h.app.quit);
}

#[test]
fn raw_values_show_with_their_unit() {
    let mut h = Harness::new(fixture());
    h.press("[ [ / soc <Enter> <Enter> j l");
    assert_eq!(h.app.tree_node.as_deref(), Some("IN.A"));
    h.press("l l");
    assert_eq!(h.app.tree_node.as_deref(), Some("IN.A.1"));
    let s = h.screen();
    let row = s.lines().find(|l| l.contains("IN.A.1")).unwrap();
    assert!(row.contains("3.76 %"), "{row}");
}

#[test]
fn changes_show_history_across_the_merger() {
    let mut h = Harness::new(fixture());
    h.press("/ bac <Enter> <Tab> <Tab>");
    assert_eq!(h.app.pane, Pane::Changes);
    let s = h.screen();
    // The fixture has 6 units before the merger and 4 after it.
    for want in [
        "2023 ← Bắc Ninh                    49.20      6/6",
        "2023 ← Bắc Giang                   46.51     11/6",
        "2024 ← Bắc Giang                   43.53     10/6",
        "2025 Bắc Ninh                      48.76      6/4",
        "Merger: Bắc Ninh ← Bắc Ninh, Bắc Giang",
        "6 Bắc Ninh       ← Bắc Ninh 11/6, Bắc Giang 10/6",
    ] {
        assert!(s.contains(want), "{want} missing in\n{s}");
    }
    // 2023 → 2024 movers in the fixture: Bắc Giang ▲1, Bắc Ninh ▼5, Huế ▲1.
    h.press("[");
    let s = h.screen();
    assert!(s.contains("Biggest movers 2023 → 2024"), "{s}");
    assert!(s.contains("▼5"), "{s}");
}

#[test]
fn compare_pair_and_gap() {
    let mut h = Harness::new(fixture());
    h.press("c");
    assert_eq!(h.app.compare_with.as_deref(), Some("HN"));
    h.press("/ hue <Enter>");
    assert!(h.screen().contains("compare: Huế ↔ Hà Nội"));
    h.press("<S-Tab>");
    assert_eq!(h.app.pane, Pane::Compare);
    let s = h.screen();
    let row = s.lines().find(|l| l.contains("IDX Chỉ số")).unwrap();
    assert!(
        row.contains("49.37") && row.contains("65.68") && row.contains("-16.31"),
        "{row}"
    );
    // c on the marked unit itself clears the pair.
    h.press("<Tab> <Esc> g c");
    assert_eq!(h.app.compare_with, None);
}

#[test]
fn help_overlay_and_quit() {
    let mut h = Harness::new(fixture());
    h.press("?");
    assert_eq!(h.app.overlay, Overlay::Help);
    let s = h.screen();
    assert!(
        s.contains("Province list") && s.contains("sort by next node"),
        "{s}"
    );
    h.press("j q");
    assert_eq!(h.app.overlay, Overlay::None);
    assert!(!h.app.quit);
    h.press("q");
    assert!(h.app.quit);
}

#[test]
fn key_releases_are_ignored() {
    let mut h = Harness::new(fixture());
    let mut ev = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    ev.kind = KeyEventKind::Release;
    h.app.handle_event(&Event::Key(ev));
    assert_eq!(h.app.selected.as_deref(), Some("HN"));
    // A fast Esc + key arrives as Alt+key: both are applied.
    h.press("/ hue <Enter>");
    h.app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('j'),
        KeyModifiers::ALT,
    )));
    assert_eq!(h.app.query, "");
    assert_eq!(h.app.selected.as_deref(), Some("BN25"));
}

#[test]
fn footer_follows_the_pane() {
    let mut h = Harness::new(fixture());
    let footer = |h: &Harness| h.screen().lines().last().unwrap_or("").to_string();
    assert!(
        footer(&h).starts_with("s sort  r region  / search  c compare"),
        "{}",
        footer(&h)
    );
    assert!(footer(&h).trim_end().ends_with("? help"), "{}", footer(&h));
    h.press("<Tab>");
    assert!(footer(&h).contains("i source"), "{}", footer(&h));
    h.press("/");
    assert!(
        footer(&h).starts_with("Enter keep  Esc clear"),
        "{}",
        footer(&h)
    );
}

#[test]
fn footer_drops_hints_but_keeps_help_when_narrow() {
    let mut h = Harness::new(fixture());
    let footer = |h: &Harness| h.screen().lines().last().unwrap_or("").to_string();
    h.resize(120, 40);
    let wide = footer(&h);
    assert_eq!(
        wide.trim_end(),
        "s sort  r region  / search  c compare  q quit  Tab pane  [/] year  ? help"
    );
    h.resize(60, 20);
    let narrow = footer(&h);
    // Whole hints only, most useful first, `? help` last.
    assert_eq!(
        narrow.trim_end(),
        "s sort  r region  / search  c compare  q quit  ? help"
    );
}

#[test]
fn state_round_trip() {
    let mut h = Harness::new(fixture());
    h.press("c / hue <Enter> [ <Tab>");
    let saved = h.app.saved();
    assert_eq!(
        saved,
        Saved {
            version: 1,
            dataset: "fixture".into(),
            year: Some(2024),
            pane: Some("tree".into()),
            selected: Some("HUE".into()),
            compare_with: Some("HN".into()),
        }
    );
    let mut h2 = Harness::new(fixture());
    h2.app.restore(&saved, false);
    assert_eq!(h2.app.year, 2024);
    assert_eq!(h2.app.pane, Pane::Tree);
    assert_eq!(h2.app.selected.as_deref(), Some("HUE"));
    assert_eq!(h2.app.compare_with.as_deref(), Some("HN"));
    // A year given on the command line wins; another dataset's state is ignored.
    let mut h3 = Harness::new(fixture());
    h3.app.restore(&saved, true);
    assert_eq!(h3.app.year, 2025);
    let mut other = saved.clone();
    other.dataset = "GII".into();
    let mut h4 = Harness::new(fixture());
    h4.app.restore(&other, false);
    assert_eq!(h4.app.selected.as_deref(), Some("HN"));
}

#[test]
fn monochrome_and_ascii_keep_the_selection_visible() {
    let opts = Options {
        year: None,
        theme: Theme::mono(),
        symbols: Symbols::ascii(),
    };
    let mut h = Harness::with(fixture(), opts, 80, 24);
    h.press("j");
    let buf = h.buffer();
    let s = h.screen();
    let y = s.lines().position(|l| l.contains("Huế")).unwrap() as u16;
    let marker = s.lines().nth(y as usize).unwrap();
    assert!(marker.starts_with("|> "), "{marker}");
    for x in 2..20 {
        let st = buf[(x, y)].style();
        assert!(
            st.add_modifier
                .contains(Modifier::REVERSED | Modifier::BOLD)
        );
        assert!(st.fg.is_none_or(|c| c == Color::Reset), "{st:?}");
        assert!(st.bg.is_none_or(|c| c == Color::Reset), "{st:?}");
    }
    assert!(
        !s.chars()
            .any(|c| matches!(c, '┌' | '─' | '│' | '▲' | '▼' | '█' | '▶')),
        "{s}"
    );
    // Colour theme: the selected row has a background colour instead.
    let mut c = Harness::with(fixture(), Options::default(), 80, 24);
    c.press("j");
    let st = c.buffer()[(5, y)].style();
    assert_eq!(st.bg, Some(Color::Blue));
}
