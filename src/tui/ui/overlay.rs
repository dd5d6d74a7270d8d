//! Popups: the help overlay (generated from the keymap table) and the source
//! of a figure.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::widgets::{self, fit};
use crate::tui::app::App;
use crate::tui::keymap;

pub(crate) fn help(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let sym = &app.sym;
    let pop = super::popup_area(area, 64, area.height.saturating_sub(2).max(3));
    super::clear(pop, buf);
    let block = super::block(app, " Keys (Esc closes, j/k scroll) ", true);
    let inner = block.inner(pop);
    block.render(pop, buf);
    let mut out: Vec<Line> = Vec::new();
    for (ctx, binds) in keymap::help() {
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(ctx.title(), t.header));
        for b in binds {
            let label = if sym.ascii {
                widgets::ascii_label(b.label)
            } else {
                b.label.to_string()
            };
            out.push(Line::from(vec![
                Span::styled(format!("  {}", fit(&label, 12, sym)), t.title),
                Span::styled(b.desc, t.base),
            ]));
        }
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        "Figures: * computed by this tool, n/p not published (never 0).",
        t.dim,
    ));
    let max_skip = out.len().saturating_sub(inner.height as usize);
    let skip = app.help_scroll.min(max_skip);
    super::lines(inner, buf, &out[skip..]);
}

pub(crate) fn source(app: &App, unit: &str, node: &str, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let pop = super::popup_area(
        area,
        area.width.saturating_sub(4).min(100),
        area.height.saturating_sub(2).clamp(3, 22),
    );
    super::clear(pop, buf);
    let title = format!(
        " Source {} {} {} {} {} ",
        app.sym.dash,
        app.unit_name(unit),
        app.sym.dash,
        crate::text::sanitize(node),
        app.year
    );
    let block = super::block(app, title, true);
    let inner = block.inner(pop);
    block.render(pop, buf);
    let fig = app.ds.year(app.year).and_then(|y| y.figure(unit, node));
    let decimals = app.ds.meta.decimals.unwrap_or(2) as usize;
    let mut out: Vec<Line> = vec![Line::styled(app.node_name(node), t.header)];
    match fig {
        None => out.push(Line::styled(
            "not published: no figure for this province on this node in this year",
            t.missing,
        )),
        Some(f) => {
            let origin = |p: bool| {
                if p {
                    "published"
                } else {
                    "computed by this tool"
                }
            };
            if let Some(s) = f.score {
                out.push(Line::raw(format!(
                    "score {:.decimals$} ({})",
                    s.value,
                    origin(s.is_published())
                )));
            } else {
                out.push(Line::styled("score not published", t.missing));
            }
            match (f.rank, f.rank_bounds) {
                (Some(r), _) => out.push(Line::raw(format!(
                    "rank {} ({})",
                    r.value,
                    origin(r.is_published())
                ))),
                (None, Some((a, b))) => out.push(Line::raw(format!(
                    "rank not published; must lie in {a}{}{b} given the other figures (computed)",
                    app.sym.dash
                ))),
                (None, None) => out.push(Line::styled("rank not published", t.missing)),
            }
            if let Some(raw) = f.raw {
                let unit = app.ds.node(node).and_then(|n| n.unit.as_deref());
                out.push(Line::raw(format!(
                    "raw value {}",
                    super::tree::raw(Some(raw), unit)
                )));
            }
            if let Some(n) = &f.note {
                out.push(Line::styled(
                    format!("note: {}", crate::text::sanitize(n)),
                    t.dim,
                ));
            }
            out.push(Line::raw(""));
            match &f.source {
                Some(s) if !s.trim().is_empty() => {
                    out.push(Line::styled("sources:", t.header));
                    for url in s.split(" ; ").map(str::trim).filter(|u| !u.is_empty()) {
                        out.push(Line::raw(format!("  {}", crate::text::sanitize(url))));
                    }
                }
                _ => out.push(Line::styled("no source recorded", t.missing)),
            }
            if let Some(at) = &f.at {
                out.push(Line::styled(
                    format!("read from {}", crate::text::sanitize(at)),
                    t.dim,
                ));
            }
        }
    }
    Paragraph::new(out)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}
