//! Small formatting pieces: figures, ranks, rank changes, bars, fitting text
//! into columns by display width.
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::data::{Fig, Origin};
use crate::engine::explore::RankChange;
use crate::tui::theme::{Symbols, Theme};

/// Display width of a string.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Fit `s` into exactly `w` columns: cut with an ellipsis or pad with spaces.
pub fn fit(s: &str, w: usize, sym: &Symbols) -> String {
    let sw = width(s);
    if sw <= w {
        let mut out = String::with_capacity(s.len() + w - sw);
        out.push_str(s);
        out.extend(std::iter::repeat_n(' ', w - sw));
        return out;
    }
    if w == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    let ell = width(sym.ellipsis);
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw + ell > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    // No space before the ellipsis ("Nghiên…", not "Nghiên …").
    while out.ends_with(' ') {
        out.pop();
        used -= 1;
    }
    out.push_str(sym.ellipsis);
    used += ell;
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(used)));
    out
}

/// Right-align `s` in `w` columns (cut from the left if too long).
pub fn rfit(s: &str, w: usize) -> String {
    let sw = width(s);
    if sw >= w {
        return s
            .chars()
            .rev()
            .take(w)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
    }
    format!("{}{s}", " ".repeat(w - sw))
}

/// A score with the right number of decimals; computed figures get a `*`
/// and the computed style; a missing one is "n/p" (not published).
pub fn score(f: Option<Fig<f64>>, decimals: usize, t: &Theme) -> (String, Style) {
    match f {
        Some(Fig {
            value,
            origin: Origin::Published,
        }) => (format!("{value:.decimals$} "), t.base),
        Some(Fig {
            value,
            origin: Origin::Computed,
        }) => (format!("{value:.decimals$}*"), t.computed),
        None => ("n/p ".to_string(), t.missing),
    }
}

/// A rank; bounds "31–32" when only bounds are known (computed); "–" if none.
pub fn rank(
    f: Option<Fig<u32>>,
    bounds: Option<(u32, u32)>,
    sym: &Symbols,
    t: &Theme,
) -> (String, Style) {
    match (f, bounds) {
        (
            Some(Fig {
                value,
                origin: Origin::Published,
            }),
            _,
        ) => (format!("{value} "), t.base),
        (
            Some(Fig {
                value,
                origin: Origin::Computed,
            }),
            _,
        ) => (format!("{value}*"), t.computed),
        (None, Some((a, b))) if a == b => (format!("{a}*"), t.computed),
        (None, Some((a, b))) => (format!("{a}{}{b}*", sym.dash), t.computed),
        (None, None) => (format!("{} ", sym.dash), t.missing),
    }
}

/// "r/of" for the drill-down ("5/34", "5*/34", "n/p").
pub fn rank_of(f: Option<Fig<u32>>, of: usize, t: &Theme) -> (String, Style) {
    match f {
        Some(Fig {
            value,
            origin: Origin::Published,
        }) => (format!("{value}/{of} "), t.base),
        Some(Fig {
            value,
            origin: Origin::Computed,
        }) => (format!("{value}/{of}*"), t.computed),
        None => ("n/p ".to_string(), t.missing),
    }
}

/// The rank change cell of `unit` (short label from
/// [`RankChange::label`]): ▲n better, ▼n worse, – same, "new", "merged",
/// "was n" (code kept across the merger).
pub fn change(c: &RankChange, unit: &str, sym: &Symbols, t: &Theme) -> Span<'static> {
    let text = c.label(unit, true, sym.ascii);
    let style = match c {
        RankChange::Up(_) => t.up,
        RankChange::Down(_) => t.down,
        RankChange::Same => t.same,
        RankChange::New => t.header,
        RankChange::Merged(_) | RankChange::NoData => t.dim,
    };
    Span::styled(text, style)
}

/// A horizontal bar of `value` out of `max` in `w` cells (eighths in Unicode).
pub fn bar(value: f64, max: f64, w: usize, sym: &Symbols) -> String {
    if w == 0 || !value.is_finite() || max <= 0.0 {
        return " ".repeat(w);
    }
    let frac = (value / max).clamp(0.0, 1.0);
    let mut out = String::new();
    if sym.parts.is_empty() {
        let n = (frac * w as f64).round() as usize;
        out.push_str(&sym.full.repeat(n));
        out.push_str(&" ".repeat(w - n));
        return out;
    }
    let eighths = (frac * w as f64 * 8.0).round() as usize;
    let full = eighths / 8;
    let rem = eighths % 8;
    out.push_str(&sym.full.repeat(full.min(w)));
    let mut used = full.min(w);
    if rem > 0 && used < w {
        out.push_str(sym.parts[rem - 1]);
        used += 1;
    }
    out.push_str(&" ".repeat(w - used));
    out
}

/// A difference bar centred on zero: `w` cells, axis in the middle, positive
/// to the right (in `pos` style), negative to the left (in `neg` style).
pub fn diff_bar(
    diff: Option<f64>,
    max: f64,
    w: usize,
    sym: &Symbols,
    pos: Style,
    neg: Style,
    axis: Style,
) -> Vec<Span<'static>> {
    let half = w.saturating_sub(1) / 2;
    let right_w = w.saturating_sub(half + 1);
    let Some(d) = diff.filter(|d| d.is_finite()) else {
        return vec![
            Span::raw(" ".repeat(half)),
            Span::styled(sym.axis.to_string(), axis),
            Span::raw(" ".repeat(right_w)),
        ];
    };
    let n = if max > 0.0 {
        ((d.abs() / max) * half as f64).round() as usize
    } else {
        0
    };
    let n = n.min(half).max(usize::from(d != 0.0 && half > 0));
    if d < 0.0 {
        vec![
            Span::raw(" ".repeat(half - n)),
            Span::styled(sym.full.repeat(n), neg),
            Span::styled(sym.axis.to_string(), axis),
            Span::raw(" ".repeat(right_w)),
        ]
    } else {
        let n = n.min(right_w);
        vec![
            Span::raw(" ".repeat(half)),
            Span::styled(sym.axis.to_string(), axis),
            Span::styled(sym.full.repeat(n), pos),
            Span::raw(" ".repeat(right_w - n)),
        ]
    }
}

/// A node code for display followed by a space (the synthetic "unplaced"
/// group has none).
/// The indented label of a framework row (expand glyph, code, name) and its
/// selection marker, as the drill-down and the compare pane draw them.
pub fn tree_label(
    app: &crate::tui::app::App,
    node: &str,
    depth: usize,
    selected: bool,
) -> (String, String) {
    let sym = &app.sym;
    let glyph = if !app.has_children(node) {
        sym.leaf
    } else if app.expanded.contains(node) {
        sym.expanded
    } else {
        sym.collapsed
    };
    let label = format!(
        "{}{glyph} {}{}",
        "  ".repeat(depth),
        node_code(node),
        app.node_name(node)
    );
    let marker = if selected {
        format!("{} ", sym.marker)
    } else {
        "  ".to_string()
    };
    (label, marker)
}

/// Append `items` to `line` (each after `sep`) while the result fits in `w` columns.
pub fn append_fitting(line: &mut String, items: &[String], sep: &str, w: usize) {
    for item in items {
        let more = format!("{sep}{item}");
        if width(line) + width(&more) > w {
            break;
        }
        line.push_str(&more);
    }
}

pub fn node_code(code: &str) -> String {
    if code == crate::tui::app::UNPLACED {
        String::new()
    } else {
        format!("{} ", crate::text::sanitize(code))
    }
}

/// ASCII version of a key label (arrows spelt out).
pub fn ascii_label(label: &str) -> String {
    label
        .replace('↓', "Down")
        .replace('↑', "Up")
        .replace('→', "Right")
        .replace('←', "Left")
}

/// Character range of `query` in `name`, accent-insensitively (for highlighting).
pub fn match_range(name: &str, query: &str) -> Option<(usize, usize)> {
    let q: Vec<char> = query.trim().chars().map(crate::text::fold_char).collect();
    if q.is_empty() {
        return None;
    }
    let n: Vec<char> = name.chars().map(crate::text::fold_char).collect();
    (0..n.len().saturating_sub(q.len() - 1))
        .find(|&i| n[i..i + q.len()] == q[..])
        .map(|i| (i, i + q.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_and_fitting() {
        let u = Symbols::unicode();
        let a = Symbols::ascii();
        assert_eq!(bar(50.0, 100.0, 4, &u), "██  ");
        assert_eq!(bar(100.0, 100.0, 4, &a), "####");
        assert_eq!(bar(0.0, 100.0, 3, &a), "   ");
        assert_eq!(bar(56.25, 100.0, 2, &u), "█▏");
        assert_eq!(fit("Hà Nội", 8, &u), "Hà Nội  ");
        assert_eq!(fit("Thừa Thiên Huế", 8, &u), "Thừa Th…");
        assert_eq!(width(&fit("Thừa Thiên Huế", 8, &a)), 8);
        assert_eq!(rfit("12", 4), "  12");
    }

    #[test]
    fn missing_is_never_zero() {
        let t = Theme::mono();
        let u = Symbols::unicode();
        assert_eq!(score(None, 2, &t).0, "n/p ");
        assert_eq!(score(Some(Fig::computed(41.0)), 2, &t).0, "41.00*");
        assert_eq!(score(Some(Fig::published(65.68)), 2, &t).0, "65.68 ");
        assert_eq!(rank(None, Some((31, 32)), &u, &t).0, "31–32*");
        assert_eq!(rank(None, None, &Symbols::ascii(), &t).0, "- ");
    }

    #[test]
    fn diff_bar_is_centred() {
        let u = Symbols::ascii();
        let s = Style::default();
        let text = |v: Vec<Span>| v.iter().map(|s| s.content.to_string()).collect::<String>();
        assert_eq!(text(diff_bar(Some(10.0), 10.0, 7, &u, s, s, s)), "   |###");
        assert_eq!(text(diff_bar(Some(-5.0), 10.0, 7, &u, s, s, s)), " ##|   ");
        assert_eq!(text(diff_bar(None, 10.0, 7, &u, s, s, s)), "   |   ");
    }

    #[test]
    fn match_ranges_fold_accents() {
        assert_eq!(match_range("Huế", "hue"), Some((0, 3)));
        assert_eq!(match_range("Thừa Thiên Huế", "hue"), Some((11, 14)));
        assert_eq!(match_range("Đà Nẵng", "da nang"), Some((0, 7)));
        assert_eq!(match_range("Hà Nội", "xyz"), None);
    }
}

/// Wrap `line` at spaces into lines of at most `w` columns; continuation
/// lines start with `indent` spaces (a hanging indent, kept below `w / 2`).
/// A word wider than a line is cut.
pub fn wrap_hanging(line: Line<'static>, w: usize, indent: usize) -> Vec<Line<'static>> {
    if w == 0 {
        return vec![line];
    }
    let indent = indent.min(w / 2);
    // Words and runs of spaces, each with its style.
    let mut tokens: Vec<(String, Style)> = Vec::new();
    for span in &line.spans {
        let style = line.style.patch(span.style);
        let mut cur = String::new();
        let mut cur_space = None;
        for c in span.content.chars() {
            let space = c == ' ';
            if cur_space.is_some_and(|s| s != space) {
                tokens.push((std::mem::take(&mut cur), style));
            }
            cur.push(c);
            cur_space = Some(space);
        }
        if !cur.is_empty() {
            tokens.push((cur, style));
        }
    }
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    let mut started = false; // the current line has a word on it
    for (tok, style) in tokens {
        let tw = width(&tok);
        let is_space = tok.starts_with(' ');
        if used + tw <= w {
            used += tw;
            started |= !is_space;
            spans.push(Span::styled(tok, style));
            continue;
        }
        if is_space {
            // A break: the spaces are dropped.
            out.push(Line::from(std::mem::take(&mut spans)));
            spans.push(Span::raw(" ".repeat(indent)));
            used = indent;
            started = false;
            continue;
        }
        if started {
            while spans.last().is_some_and(|s| s.content.trim().is_empty()) {
                spans.pop();
            }
            out.push(Line::from(std::mem::take(&mut spans)));
            spans.push(Span::raw(" ".repeat(indent)));
            used = indent;
        }
        // Cut a word wider than the room left.
        let mut piece = String::new();
        for c in tok.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cw > w && used > indent {
                spans.push(Span::styled(std::mem::take(&mut piece), style));
                out.push(Line::from(std::mem::take(&mut spans)));
                spans.push(Span::raw(" ".repeat(indent)));
                used = indent;
            }
            piece.push(c);
            used += cw;
        }
        spans.push(Span::styled(piece, style));
        started = true;
    }
    out.push(Line::from(spans));
    out
}

#[cfg(test)]
mod wrap_tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn hanging_indent_keeps_continuations_aligned() {
        let l = Line::from(vec![
            Span::raw("  2 TP. HCM "),
            Span::raw("← TP. Hồ Chí Minh 2/63, Bà Rịa - Vũng Tàu 4/63, Bình Dương 8/63"),
        ]);
        let got = text(&wrap_hanging(l, 40, 12));
        assert_eq!(
            got,
            [
                "  2 TP. HCM ← TP. Hồ Chí Minh 2/63, Bà",
                "            Rịa - Vũng Tàu 4/63, Bình",
                "            Dương 8/63",
            ]
        );
        for line in &got {
            assert!(width(line) <= 40, "{line}");
        }
        // Fits: unchanged. Too long a word: cut.
        assert_eq!(text(&wrap_hanging(Line::raw("short"), 40, 4)), ["short"]);
        assert_eq!(
            text(&wrap_hanging(Line::raw("abcdefghij"), 6, 2)),
            ["abcdef", "  ghij"]
        );
    }
}
