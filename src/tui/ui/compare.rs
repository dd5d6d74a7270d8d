//! Compare: two units side by side at every level, with difference bars
//! centred on zero and each pillar's share of the gap.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::list::scroll;
use super::widgets::{self, fit, rfit};
use crate::data::Fig;
use crate::tui::app::App;

fn short_rank(r: Option<Fig<u32>>, dash: &str) -> String {
    match r {
        Some(f) if f.is_published() => format!("{} ", f.value),
        Some(f) => format!("{}*", f.value),
        None => format!("{dash} "),
    }
}

pub(crate) fn draw(app: &App, area: Rect, buf: &mut Buffer, focus: bool) {
    let t = &app.theme;
    let sym = &app.sym;
    let a = app.selected.as_deref().map(|u| app.unit_name(u));
    let b = app.compare_with.as_deref().map(|u| app.unit_name(u));
    let title = match (&a, &b) {
        (Some(a), Some(b)) if app.selected != app.compare_with => {
            format!(" Compare {} {a} {} {b} {} ", sym.dash, sym.pair, app.year)
        }
        _ => " Compare ".to_string(),
    };
    let block = super::block(app, title, focus);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width < 20 || inner.height < 4 {
        return;
    }
    let w = inner.width as usize;
    let (Some(a), Some(b)) = (a, b) else {
        let lines = vec![
            Line::styled("No pair yet.", t.header),
            Line::styled(
                "Select a province and press c to mark it, then select another one:",
                t.base,
            ),
            Line::styled(
                "the selected province (A) is compared with the marked one (B).",
                t.base,
            ),
        ];
        super::lines(inner, buf, &lines);
        return;
    };
    if app.selected == app.compare_with {
        let lines = vec![Line::styled(
            format!("{a} is marked (B): now select another province (A) to compare with it."),
            t.base,
        )];
        super::lines(inner, buf, &lines);
        return;
    }
    let with_rank = w >= 64;
    let db_w = if w >= 90 { 15 } else { 11 };
    // The share column only when some pillar's share of the gap is known.
    let with_share = app.comparison.iter().any(|r| r.share_of_gap.is_some());
    let share_w = if with_share { 6 } else { 0 };
    let fixed = 7 + 7 + 7 + 1 + db_w + 1 + share_w + if with_rank { 8 } else { 0 };
    let name_w = w.saturating_sub(fixed + 2);
    let decimals = app.ds.meta.decimals.unwrap_or(2) as usize;

    // Column headings: the name when it fits in 6 columns, else the code
    // (never a name cut mid-word).
    let short = |name: &str, code: Option<&str>| {
        if widgets::width(name) <= 6 {
            name.to_string()
        } else {
            fit(&crate::text::sanitize(code.unwrap_or(name)), 6, sym)
        }
    };
    let a_short = short(&a, app.selected.as_deref());
    let b_short = short(&b, app.compare_with.as_deref());
    let mut header = vec![
        Span::styled(format!("  {}", fit("Node", name_w, sym)), t.header),
        Span::styled(rfit(a_short.trim_end(), 7), t.bar),
    ];
    if with_rank {
        header.push(Span::styled(rfit("#", 4), t.header));
    }
    header.push(Span::styled(rfit(b_short.trim_end(), 7), t.bar_b));
    if with_rank {
        header.push(Span::styled(rfit("#", 4), t.header));
    }
    header.push(Span::styled(rfit("A-B", 7), t.header));
    let half = db_w.saturating_sub(1) / 2;
    let right = db_w.saturating_sub(half + 1);
    let to = if sym.ascii { "->" } else { "→" };
    header.push(Span::styled(
        format!(
            " {}{}{} ",
            fit(&format!("{}B", sym.from), half, sym),
            sym.axis,
            rfit(&format!("A{to}"), right)
        ),
        t.dim,
    ));
    if with_share {
        header.push(Span::styled(rfit("share", share_w), t.header));
    }
    buf.set_line(inner.x, inner.y, &Line::from(header), inner.width);

    let rows = (inner.height as usize).saturating_sub(2);
    let vis = app.compare_visible();
    let cursor = app.compare_cursor();
    let mut view = app.view.get();
    let off = scroll(view.compare_offset, cursor, rows, vis.len());
    view.compare_rows = rows;
    view.compare_offset = off;
    app.view.set(view);
    let max = vis
        .iter()
        .filter_map(|&i| app.comparison[i].diff)
        .fold(0.0_f64, |m, d| m.max(d.abs()));

    for (n, &ci) in vis.iter().skip(off).take(rows).enumerate() {
        let r = &app.comparison[ci];
        let y = inner.y + 1 + n as u16;
        let selected = off + n == cursor;
        let (label, marker) = widgets::tree_label(app, &r.node, r.depth, selected);
        if r.node == crate::tui::app::UNPLACED {
            let style = if selected { t.selected } else { t.dim };
            if selected {
                super::fill_row(inner, y, buf, t.selected);
            }
            let line = Line::from(vec![
                Span::styled(marker, style),
                Span::styled(label, style),
            ]);
            buf.set_line(inner.x, y, &line, inner.width);
            continue;
        }
        let (sa, sta) = widgets::score(r.a, decimals, t);
        let (sb, stb) = widgets::score(r.b, decimals, t);
        let mut spans = vec![
            Span::styled(marker, t.header),
            Span::styled(fit(&label, name_w, sym), t.base),
            Span::styled(rfit(&sa, 7), sta),
        ];
        if with_rank {
            spans.push(Span::styled(rfit(&short_rank(r.rank_a, sym.dash), 4), sta));
        }
        spans.push(Span::styled(rfit(&sb, 7), stb));
        if with_rank {
            spans.push(Span::styled(rfit(&short_rank(r.rank_b, sym.dash), 4), stb));
        }
        let computed =
            r.a.is_some_and(|f| !f.is_published()) || r.b.is_some_and(|f| !f.is_published());
        let diff = match r.diff {
            Some(d) => format!("{d:+.decimals$}{}", if computed { "*" } else { " " }),
            None => "n/p ".to_string(),
        };
        spans.push(Span::styled(
            rfit(&diff, 7),
            if r.diff.is_some() { t.base } else { t.missing },
        ));
        spans.push(Span::raw(" "));
        spans.extend(widgets::diff_bar(
            r.diff, max, db_w, sym, t.bar, t.bar_neg, t.dim,
        ));
        if with_share {
            spans.push(Span::raw(" "));
            let share = r
                .share_of_gap
                .map(|s| format!("{:.0}%", s * 100.0))
                .unwrap_or_default();
            spans.push(Span::styled(rfit(&share, share_w), t.base));
        }
        if selected {
            for s in spans.iter_mut() {
                s.style = t.selected;
            }
            super::fill_row(inner, y, buf, t.selected);
        }
        buf.set_line(inner.x, y, &Line::from(spans), inner.width);
    }
    // The pair, then as many legend items as fit.
    let mut legend = format!("A = {a} (selected)  B = {b} (marked with c)");
    widgets::append_fitting(
        &mut legend,
        &[
            format!("{} * computed", sym.axis),
            "n/p not published".to_string(),
        ],
        "  ",
        w,
    );
    buf.set_string(
        inner.x,
        inner.y + inner.height - 1,
        fit(&legend, w, sym),
        t.dim,
    );
}
