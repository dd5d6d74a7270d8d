//! Styles (colour or monochrome) and symbol sets (Unicode or ASCII).
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

/// Every style the explorer uses. `Theme::mono()` uses no colour at all, only
/// modifiers, so the selection stays visible under `NO_COLOR`.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// Whether this is the monochrome theme.
    pub mono: bool,
    pub base: Style,
    pub dim: Style,
    pub title: Style,
    pub header: Style,
    pub selected: Style,
    pub border: Style,
    pub border_focus: Style,
    pub up: Style,
    pub down: Style,
    pub same: Style,
    pub computed: Style,
    pub missing: Style,
    pub bar: Style,
    pub bar_b: Style,
    pub bar_neg: Style,
    pub matched: Style,
    pub strength: Style,
    pub weakness: Style,
    pub tab_active: Style,
    pub warn: Style,
}

impl Theme {
    /// The colour theme (16 ANSI colours, readable on dark and light backgrounds).
    pub fn colour() -> Self {
        Theme {
            mono: false,
            base: Style::default(),
            dim: Style::default().fg(Color::DarkGray),
            title: Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            header: Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            selected: Style::default()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            border: Style::default().fg(Color::DarkGray),
            border_focus: Style::default().fg(Color::Cyan),
            up: Style::default().fg(Color::Green),
            down: Style::default().fg(Color::Red),
            same: Style::default().fg(Color::DarkGray),
            computed: Style::default()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
            missing: Style::default().fg(Color::DarkGray),
            bar: Style::default().fg(Color::Cyan),
            bar_b: Style::default().fg(Color::Magenta),
            bar_neg: Style::default().fg(Color::Red),
            matched: Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::UNDERLINED),
            strength: Style::default().fg(Color::Green),
            weakness: Style::default().fg(Color::Red),
            tab_active: Style::default()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            warn: Style::default().fg(Color::Yellow),
        }
    }

    /// The monochrome theme (`NO_COLOR`): modifiers only.
    pub fn mono() -> Self {
        let plain = Style::default();
        Theme {
            mono: true,
            base: plain,
            dim: plain.add_modifier(Modifier::DIM),
            title: plain.add_modifier(Modifier::BOLD),
            header: plain.add_modifier(Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            border: plain,
            border_focus: plain.add_modifier(Modifier::BOLD),
            up: plain,
            down: plain,
            same: plain.add_modifier(Modifier::DIM),
            computed: plain.add_modifier(Modifier::DIM),
            missing: plain.add_modifier(Modifier::DIM),
            bar: plain,
            bar_b: plain,
            bar_neg: plain,
            matched: plain.add_modifier(Modifier::UNDERLINED),
            strength: plain.add_modifier(Modifier::BOLD),
            weakness: plain.add_modifier(Modifier::BOLD),
            tab_active: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            warn: plain.add_modifier(Modifier::BOLD),
        }
    }

    /// The theme the environment asks for: monochrome when `NO_COLOR` is set
    /// to a non-empty value.
    pub fn from_env() -> Self {
        Theme::for_no_color(std::env::var_os("NO_COLOR").as_deref())
    }

    /// The theme for a value of `NO_COLOR` (set and non-empty → monochrome).
    pub fn for_no_color(value: Option<&std::ffi::OsStr>) -> Self {
        match value {
            Some(v) if !v.is_empty() => Theme::mono(),
            _ => Theme::colour(),
        }
    }
}

/// Glyphs; `Symbols::ascii()` for terminals without box drawing or ▲▼█.
#[derive(Clone, Debug, PartialEq)]
pub struct Symbols {
    pub ascii: bool,
    pub up: &'static str,
    pub down: &'static str,
    pub same: &'static str,
    /// Full bar cell.
    pub full: &'static str,
    /// Partial bar cells, 1/8 … 7/8 (ASCII: none).
    pub parts: &'static [&'static str],
    /// Selection marker in front of the selected row.
    pub marker: &'static str,
    pub border: border::Set<'static>,
    pub dash: &'static str,
    pub pair: &'static str,
    pub from: &'static str,
    pub expanded: &'static str,
    pub collapsed: &'static str,
    pub leaf: &'static str,
    pub axis: &'static str,
    pub ellipsis: &'static str,
}

const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Symbols {
    /// Unicode symbols (▲▼, █ bars, box drawing).
    pub fn unicode() -> Self {
        Symbols {
            ascii: false,
            up: "▲",
            down: "▼",
            same: "–",
            full: "█",
            parts: &["▏", "▎", "▍", "▌", "▋", "▊", "▉"],
            marker: "▶",
            border: border::PLAIN,
            dash: "–",
            pair: "↔",
            from: "←",
            expanded: "▾",
            collapsed: "▸",
            leaf: "·",
            axis: "│",
            ellipsis: "…",
        }
    }

    /// Plain ASCII symbols.
    pub fn ascii() -> Self {
        Symbols {
            ascii: true,
            up: "^",
            down: "v",
            same: "=",
            full: "#",
            parts: &[],
            marker: ">",
            border: ASCII_BORDER,
            dash: "-",
            pair: "<->",
            from: "<-",
            expanded: "-",
            collapsed: "+",
            leaf: " ",
            axis: "|",
            ellipsis: "~",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn no_color_means_monochrome_with_a_visible_selection() {
        assert!(Theme::for_no_color(Some(OsStr::new("1"))).mono);
        assert!(!Theme::for_no_color(Some(OsStr::new(""))).mono);
        assert!(!Theme::for_no_color(None).mono);
        let m = Theme::mono();
        assert!(
            m.selected
                .add_modifier
                .contains(Modifier::REVERSED | Modifier::BOLD)
        );
        // No colour anywhere in the monochrome theme.
        for st in [
            m.base, m.dim, m.title, m.header, m.selected, m.up, m.down, m.bar, m.bar_neg,
        ] {
            assert_eq!((st.fg, st.bg), (None, None));
        }
    }
}
