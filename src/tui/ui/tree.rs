//! The drill-down: the selected unit's figures at every level of the framework.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::list::scroll;
use super::widgets::{self, fit, rfit};
use crate::engine::explore::Mark;
use crate::tui::app::App;

/// Format a raw indicator value with its unit.
pub(crate) fn raw(value: Option<f64>, unit: Option<&str>) -> String {
    match value {
        None => String::new(),
        Some(v) => {
            let num = if v.fract() == 0.0 && v.abs() < 1e12 {
                format!("{v:.0}")
            } else if v.abs() >= 100.0 {
                format!("{v:.1}")
            } else {
                format!("{v:.2}")
            };
            match unit.map(crate::text::sanitize).filter(|u| !u.is_empty()) {
                Some(u) => format!("{num} {u}"),
                None => num,
            }
        }
    }
}

/// The framework note: indicators in the framework versus known here, the
/// longest wording that fits `w` columns.
pub(crate) fn framework_note(app: &App, w: usize) -> String {
    let known = app.ds.nodes.iter().filter(|n| n.is_indicator()).count();
    let notes = match app.ds.meta.indicators_published {
        Some(n) if n as usize != known => vec![
            format!(
                "framework: {n} indicators, {known} known here; lower levels mostly not published"
            ),
            format!("framework: {n} indicators, {known} known here; most not published"),
            format!("framework: {n} indicators, {known} known here"),
            format!("{n} indicators, {known} known"),
        ],
        _ => vec![format!("framework: {known} indicators")],
    };
    let last = notes.last().cloned().unwrap_or_default();
    notes
        .into_iter()
        .find(|s| widgets::width(s) <= w)
        .unwrap_or(last)
}

pub(crate) fn draw(app: &App, area: Rect, buf: &mut Buffer, focus: bool) {
    let t = &app.theme;
    let sym = &app.sym;
    let who = app
        .selected
        .as_deref()
        .map(|u| app.unit_name(u))
        .unwrap_or_default();
    let title = format!(" Drill-down {} {who} {} ", sym.dash, app.year);
    let block = super::block(app, title, focus);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width < 20 || inner.height < 4 {
        return;
    }
    let w = inner.width as usize;
    let any_raw = app.profile.iter().any(|r| r.raw.is_some());
    let raw_full = if any_raw { 14 } else { 0 };
    let (bar_w, raw_w) = if w >= 66 + raw_full {
        (10, raw_full)
    } else if w >= 60 {
        (0, raw_full)
    } else {
        (0, 0)
    };
    let cols = 7 + 1 + 8 + 1 + if bar_w > 0 { bar_w + 1 } else { 0 } + raw_w + 2;
    let name_w = w.saturating_sub(cols + 2);
    let decimals = app.ds.meta.decimals.unwrap_or(2) as usize;

    buf.set_string(
        inner.x,
        inner.y,
        fit(&framework_note(app, w), w, sym),
        t.dim,
    );
    let mut header = format!(
        "  {}{} {}",
        fit("Node", name_w, sym),
        rfit("Score", 7),
        rfit("Rank", 8)
    );
    if bar_w > 0 {
        header.push(' ');
        header.push_str(&" ".repeat(bar_w));
    }
    if raw_w > 0 {
        header.push(' ');
        header.push_str(&rfit("Raw value", raw_w - 1));
    }
    buf.set_string(inner.x, inner.y + 1, fit(&header, w, sym), t.header);

    if app.selected.is_none() || app.profile.is_empty() {
        let msg = if app.selected.is_none() {
            "no province selected"
        } else {
            "no figures for this province in this year"
        };
        buf.set_string(inner.x + 2, inner.y + 2, fit(msg, w - 2, sym), t.dim);
        return;
    }

    let rows = (inner.height as usize).saturating_sub(3);
    let vis = app.tree_visible();
    let cursor = app.tree_cursor();
    let mut view = app.view.get();
    let off = scroll(view.tree_offset, cursor, rows, vis.len());
    view.tree_rows = rows;
    view.tree_offset = off;
    app.view.set(view);

    for (n, &pi) in vis.iter().skip(off).take(rows).enumerate() {
        let r = &app.profile[pi];
        let y = inner.y + 2 + n as u16;
        let selected = off + n == cursor;
        let node = app.ds.node(&r.node);
        let (label, marker) = widgets::tree_label(app, &r.node, r.depth, selected);
        // The unplaced group has no figures: its label may use the whole row.
        let unplaced = r.node == crate::tui::app::UNPLACED;
        let label_w = if unplaced {
            w.saturating_sub(2)
        } else {
            name_w
        };
        let mut spans = vec![
            Span::styled(marker, t.header),
            Span::styled(fit(&label, label_w, sym), t.base),
        ];
        let nothing = r.score.is_none() && r.rank.is_none() && r.raw.is_none();
        if unplaced {
            spans.push(Span::raw(""));
        } else if nothing {
            spans.push(Span::styled(
                fit(" not published", cols - 2, sym),
                t.missing,
            ));
        } else {
            let (s, st) = widgets::score(r.score, decimals, t);
            spans.push(Span::styled(rfit(&s, 7), st));
            spans.push(Span::raw(" "));
            let (rk, rst) = widgets::rank_of(r.rank, r.of, t);
            spans.push(Span::styled(rfit(&rk, 8), rst));
            if bar_w > 0 {
                spans.push(Span::raw(" "));
                let (b, bst) = match r.score {
                    Some(s) => (
                        widgets::bar(s.value, 100.0, bar_w, sym),
                        if s.is_published() { t.bar } else { t.computed },
                    ),
                    None => (" ".repeat(bar_w), t.base),
                };
                spans.push(Span::styled(b, bst));
            }
            if raw_w > 0 {
                spans.push(Span::raw(" "));
                let unit = node.and_then(|n| n.unit.as_deref());
                spans.push(Span::styled(rfit(&raw(r.raw, unit), raw_w - 1), t.dim));
            }
            let (m, mst) = match r.mark {
                Some(Mark::Strength) => ("+", t.strength),
                Some(Mark::Weakness) => (if sym.ascii { "-" } else { "−" }, t.weakness),
                None => ("", t.base),
            };
            spans.push(Span::styled(format!(" {m}"), mst));
        }
        if selected {
            for s in spans.iter_mut() {
                s.style = t.selected;
            }
            super::fill_row(inner, y, buf, t.selected);
        }
        buf.set_line(inner.x, y, &Line::from(spans), inner.width);
    }

    // Bottom line: the cursor node in full, and the legend.
    if let Some(r) = vis.get(cursor).map(|&i| &app.profile[i]) {
        let en = app
            .ds
            .node(&r.node)
            .map(|n| crate::text::sanitize(&n.name_en))
            .unwrap_or_default();
        // The node's English name in full, then as many legend items as fit.
        let mut line = format!("{}{}", crate::tui::ui::widgets::node_code(&r.node), en);
        let weak = if sym.ascii { "-" } else { "−" };
        let a = sym.axis;
        // The first item after the name gets a double space.
        widgets::append_fitting(
            &mut line,
            &[
                format!(" {a} * computed"),
                format!("{a} + strength {weak} weakness"),
                format!("{a} i source"),
            ],
            " ",
            w,
        );
        buf.set_string(
            inner.x,
            inner.y + inner.height - 1,
            fit(&line, w, sym),
            t.dim,
        );
    }
}
