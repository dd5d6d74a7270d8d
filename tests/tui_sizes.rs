//! The explorer never panics at any size, and says so when it is too small.
mod tui_support;

use pii_explorer::tui::app::Options;
use pii_explorer::tui::testing::Harness;
use pii_explorer::tui::theme::{Symbols, Theme};
use tui_support::fixture;

/// Key scripts that reach every pane and overlay.
const SCRIPTS: &[&str] = &[
    "",
    "<Tab>",
    "<Tab> <Tab>",
    "c j <S-Tab>",
    "?",
    "<Tab> i",
    "/ hue",
    "/ zzz <Enter>",
];

#[test]
fn every_small_size_and_pane_draws_without_panicking() {
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for w in 1..=20 {
        for h in 1..=10 {
            sizes.push((w, h));
        }
    }
    sizes.extend([
        (0, 0),
        (1, 40),
        (200, 1),
        (59, 16),
        (60, 15),
        (60, 16),
        (61, 17),
        (79, 23),
        (80, 24),
        (109, 30),
        (110, 30),
        (137, 41),
        (200, 60),
        (300, 100),
    ]);
    for script in SCRIPTS {
        for ascii in [false, true] {
            let opts = Options {
                year: None,
                theme: if ascii {
                    Theme::mono()
                } else {
                    Theme::colour()
                },
                symbols: if ascii {
                    Symbols::ascii()
                } else {
                    Symbols::unicode()
                },
            };
            let mut h = Harness::with(fixture(), opts, 80, 24);
            h.press(script);
            for &(w, ht) in &sizes {
                h.resize(w, ht);
                // Keys still work after a resize, at any size.
                h.press("j k");
            }
        }
    }
}

/// The screen with runs of white space folded, so wrapped text reads as one line.
fn flat(h: &Harness) -> String {
    h.screen().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn too_small_says_so() {
    let mut h = Harness::with(fixture(), Options::default(), 40, 10);
    assert!(
        flat(&h).contains("terminal too small (40×10, needs at least 60×16)"),
        "{}",
        h.screen()
    );
    h.resize(59, 30);
    assert!(flat(&h).contains("terminal too small (59×30, needs at least 60×16)"));
    h.resize(60, 16);
    assert!(!h.screen().contains("too small"));
    assert!(h.screen().contains("Hà Nội"));
}
