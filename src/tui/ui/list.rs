//! The province list: rank, change, name, score with a bar, region.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::widgets::{self, fit, rfit};
use crate::tui::app::App;

/// Keep `cursor` visible given the previous offset.
pub(crate) fn scroll(prev: usize, cursor: usize, rows: usize, len: usize) -> usize {
    if rows == 0 {
        return 0;
    }
    let mut off = prev.min(len.saturating_sub(rows));
    if cursor < off {
        off = cursor;
    } else if cursor >= off + rows {
        off = cursor + 1 - rows;
    }
    off
}

pub(crate) fn draw(app: &App, area: Rect, buf: &mut Buffer, focus: bool) {
    let t = &app.theme;
    let sym = &app.sym;
    let sort = app.sort_node().unwrap_or("");
    let arrow = if app.sort_reverse { sym.up } else { sym.down };
    let title = format!(
        " {} {} {} by {} {arrow} ",
        crate::tui::app::Pane::List.title(),
        app.year,
        sym.dash,
        crate::text::sanitize(sort),
    );
    let block = super::block(app, title, focus);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width < 10 || inner.height < 2 {
        return;
    }
    let w = inner.width as usize;
    let bar_w = if w >= 60 { 10 } else { 6 };
    let fixed = 2 + 6 + 1 + 7 + 7 + 1 + bar_w;
    let rest = w.saturating_sub(fixed);
    let (name_w, region_w) = if rest >= 20 + 12 {
        (20, rest - 21)
    } else {
        (rest, 0)
    };
    let decimals = app.ds.meta.decimals.unwrap_or(2) as usize;

    let mut header = format!(
        "  {} {} {}{} {}",
        rfit("Rank", 6),
        fit("Chg", 6, sym),
        fit("Name", name_w, sym),
        rfit(&crate::text::sanitize(sort), 7),
        fit("", bar_w, sym),
    );
    if region_w > 0 {
        header.push(' ');
        header.push_str(&fit("Region", region_w, sym));
    }
    buf.set_line(
        inner.x,
        inner.y,
        &Line::styled(header, t.header),
        inner.width,
    );

    let rows = inner.height as usize - 1;
    let cursor = app.list_cursor();
    let mut view = app.view.get();
    let off = scroll(
        view.list_offset,
        cursor.unwrap_or(0),
        rows,
        app.visible.len(),
    );
    view.list_rows = rows;
    view.list_offset = off;
    app.view.set(view);

    if app.visible.is_empty() {
        let msg = if app.rows.is_empty() {
            format!("no units in {}", app.year)
        } else if !app.query.is_empty() {
            format!(
                "no province matches \u{201c}{}\u{201d} (Esc clears)",
                crate::text::sanitize(&app.query)
            )
        } else {
            "no province in this region (Esc clears)".to_string()
        };
        buf.set_string(inner.x + 2, inner.y + 1, fit(&msg, w - 2, sym), t.dim);
        return;
    }

    for (line_no, &ri) in app.visible.iter().skip(off).take(rows).enumerate() {
        let r = &app.rows[ri];
        let selected = cursor == Some(off + line_no);
        let y = inner.y + 1 + line_no as u16;
        let (rank_s, rank_st) = widgets::rank(r.rank, r.rank_bounds, sym, t);
        let chg = widgets::change(&r.change, &r.unit, sym, t);
        let name = app.unit_name(&r.unit);
        let (score_s, score_st) = widgets::score(r.score, decimals, t);
        let bar = match r.score {
            Some(s) => widgets::bar(s.value, 100.0, bar_w, sym),
            None => " ".repeat(bar_w),
        };
        let bar_st = match r.score {
            Some(s) if s.is_published() => t.bar,
            _ => t.computed,
        };
        let marker = if selected {
            format!("{} ", sym.marker)
        } else {
            "  ".to_string()
        };
        let mut spans = vec![
            Span::styled(marker, t.header),
            Span::styled(rfit(&rank_s, 6), rank_st),
            Span::raw(" "),
            Span::styled(fit(&chg.content, 7, sym), chg.style),
        ];
        // Name, with the search match underlined.
        let fitted = fit(&name, name_w, sym);
        match widgets::match_range(&fitted, &app.query) {
            Some((a, b)) if !app.query.trim().is_empty() => {
                let chars: Vec<char> = fitted.chars().collect();
                spans.push(Span::styled(chars[..a].iter().collect::<String>(), t.base));
                spans.push(Span::styled(
                    chars[a..b].iter().collect::<String>(),
                    t.matched,
                ));
                spans.push(Span::styled(chars[b..].iter().collect::<String>(), t.base));
            }
            _ => spans.push(Span::styled(fitted, t.base)),
        }
        spans.push(Span::styled(rfit(&score_s, 7), score_st));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(bar, bar_st));
        if region_w > 0 {
            spans.push(Span::raw(" "));
            let region = app.unit_region(&r.unit).unwrap_or_default();
            spans.push(Span::styled(fit(&region, region_w, sym), t.dim));
        }
        if selected {
            for s in spans.iter_mut() {
                s.style = t.selected;
            }
            super::fill_row(inner, y, buf, t.selected);
        }
        buf.set_line(inner.x, y, &Line::from(spans), inner.width);
    }
}
