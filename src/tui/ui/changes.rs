//! Changes: the unit's rank by year (a bar chart, higher = better rank), its
//! predecessors across the 2025 merger, and the year's biggest movers.
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph, Widget};

use super::widgets::{self, fit, rfit};
use crate::engine::explore::RankChange;
use crate::tui::app::App;

const ASCII_BARS: symbols::bar::Set<'static> = symbols::bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "#",
    five_eighths: "#",
    half: "#",
    three_eighths: " ",
    one_quarter: " ",
    one_eighth: " ",
    empty: " ",
};

pub(crate) fn draw(app: &App, area: Rect, buf: &mut Buffer, focus: bool) {
    let t = &app.theme;
    let sym = &app.sym;
    let who = app
        .selected
        .as_deref()
        .map(|u| app.unit_name(u))
        .unwrap_or_default();
    let root = app.root().unwrap_or("");
    let title = format!(
        " Changes {} {who} ({}) ",
        sym.dash,
        crate::text::sanitize(root)
    );
    let block = super::block(app, title, focus);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width < 20 || inner.height < 4 {
        return;
    }
    let chart_h = if inner.height >= 16 {
        (inner.height / 2).min(11)
    } else {
        0
    };
    let [chart, text] =
        Layout::vertical([Constraint::Length(chart_h), Constraint::Min(1)]).areas(inner);
    if chart_h > 0 {
        draw_chart(app, chart, buf);
    }
    let w = text.width as usize;
    let decimals = app.ds.meta.decimals.unwrap_or(2) as usize;
    let mut out: Vec<Line> = Vec::new();

    // History table.
    out.push(Line::styled(
        fit(
            &format!(
                "Rank history (higher bar = better rank; {} = not published)",
                "n/p"
            ),
            w,
            sym,
        ),
        t.header,
    ));
    if app.history.is_empty() {
        out.push(Line::styled("  no history", t.dim));
    }
    let name_w = w.saturating_sub(6 + 8 + 9 + 2).min(28);
    for p in &app.history {
        let (s, sst) = widgets::score(p.score, decimals, t);
        let (r, rst) = widgets::rank_of(p.rank, p.of, t);
        let is_self = app.selected.as_deref() == Some(p.unit.as_str());
        let name = if is_self {
            app.unit_name(&p.unit)
        } else {
            format!("{} {}", sym.from, app.unit_name(&p.unit))
        };
        out.push(Line::from(vec![
            Span::styled(format!("  {} ", p.year), t.header),
            Span::styled(
                fit(&name, name_w, sym),
                if is_self { t.base } else { t.dim },
            ),
            Span::styled(rfit(&s, 8), sst),
            Span::styled(rfit(&r, 9), rst),
        ]));
    }

    // Lineage across the merger.
    if let Some(sel) = app.selected.as_deref() {
        let preds = app.ds.predecessors(sel);
        if !preds.is_empty() {
            let names: Vec<String> = preds.iter().map(|u| app.unit_name(&u.code)).collect();
            out.push(Line::raw(""));
            let line = Line::from(vec![
                Span::styled("Merger: ", t.header),
                Span::styled(
                    format!("{} {} {}", app.unit_name(sel), sym.from, names.join(", ")),
                    t.base,
                ),
            ]);
            out.extend(widgets::wrap_hanging(line, w, 8));
        }
        if let Some(succ) = app.ds.unit(sel).and_then(|u| u.successor.clone())
            && succ != sel
        {
            out.push(Line::raw(""));
            out.push(Line::from(vec![
                Span::styled("Merged into: ", t.header),
                Span::styled(app.unit_name(&succ), t.base),
            ]));
        }
    }

    // Movers.
    out.push(Line::raw(""));
    match app.ds.previous_year(app.year) {
        None => out.push(Line::styled(
            format!("Movers: {} is the first year of the data", app.year),
            t.dim,
        )),
        Some(prev) => {
            out.push(Line::styled(
                format!(
                    "Biggest movers {prev} {} {}",
                    if sym.ascii { "->" } else { "→" },
                    app.year
                ),
                t.header,
            ));
            let mut moved: Vec<_> = app
                .movers
                .iter()
                .filter(|m| matches!(m.change, RankChange::Up(_) | RankChange::Down(_)))
                .collect();
            let kept = app
                .movers
                .iter()
                .filter(|m| m.change.kept_code(&m.unit).is_some())
                .count();
            let merged = app
                .movers
                .iter()
                .filter(|m| matches!(m.change, RankChange::Merged(_)))
                .count()
                - kept;
            let mag = |c: &RankChange| match c {
                RankChange::Up(n) => i64::from(*n),
                RankChange::Down(n) => -i64::from(*n),
                _ => 0,
            };
            moved.sort_by_key(|m| std::cmp::Reverse(mag(&m.change)));
            let ups: Vec<_> = moved
                .iter()
                .filter(|m| mag(&m.change) > 0)
                .take(5)
                .collect();
            let downs: Vec<_> = moved
                .iter()
                .rev()
                .filter(|m| mag(&m.change) < 0)
                .take(5)
                .collect();
            if ups.is_empty() && downs.is_empty() && merged + kept == 0 {
                out.push(Line::styled(
                    "  no unit has a known rank in both years",
                    t.dim,
                ));
            }
            if merged + kept > 0 {
                let what = match (merged, kept) {
                    (0, k) => format!("{k} units kept their code"),
                    (m, 0) => format!("{m} units were formed by the merger"),
                    (m, k) => {
                        format!("{m} units were formed by the merger and {k} kept their code")
                    }
                };
                let line = Line::styled(
                    format!(
                        "  {what}: ranks are not comparable with {prev}'s by difference. Their ranks in {prev}:"
                    ),
                    t.dim,
                );
                out.extend(widgets::wrap_hanging(line, w, 4));
                for m in app
                    .movers
                    .iter()
                    .filter(|m| matches!(m.change, RankChange::Merged(_)))
                {
                    let RankChange::Merged(preds) = &m.change else {
                        continue;
                    };
                    let to = m.to.map_or("n/p".to_string(), |f| f.value.to_string());
                    let then = if m.change.kept_code(&m.unit).is_some() {
                        m.change.label(&m.unit, false, sym.ascii)
                    } else {
                        let list: Vec<String> = preds
                            .iter()
                            .map(|p| format!("{} {}", app.unit_name(&p.code), p.rank_of(sym.ascii)))
                            .collect();
                        format!("{} {}", sym.from, list.join(", "))
                    };
                    // Continuation lines align under the first predecessor.
                    let line = Line::from(vec![
                        Span::styled(format!("  {}", rfit(&to, 3)), t.header),
                        Span::styled(
                            format!(" {} ", fit(&app.unit_name(&m.unit), 14, sym)),
                            t.base,
                        ),
                        Span::styled(then, t.dim),
                    ]);
                    out.extend(widgets::wrap_hanging(
                        line,
                        w,
                        21 + widgets::width(sym.from) + 1,
                    ));
                }
            }
            for m in ups.iter().chain(downs.iter()) {
                let ch = widgets::change(&m.change, &m.unit, sym, t);
                let from = m.from.map_or("n/p".to_string(), |f| f.value.to_string());
                let to = m.to.map_or("n/p".to_string(), |f| f.value.to_string());
                out.push(Line::from(vec![
                    Span::styled(format!("  {}", fit(&ch.content, 6, sym)), ch.style),
                    Span::styled(fit(&app.unit_name(&m.unit), 24, sym), t.base),
                    Span::styled(
                        format!(" {from} {} {to}", if sym.ascii { "->" } else { "→" }),
                        t.dim,
                    ),
                ]));
            }
        }
    }
    let skip = app.changes_scroll.min(out.len().saturating_sub(1));
    // Every line fits already (cut or wrapped with a hanging indent).
    Paragraph::new(out)
        .scroll((skip.min(u16::MAX as usize) as u16, 0))
        .render(text, buf);
}

fn draw_chart(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let sym = &app.sym;
    let mut years: Vec<u16> = app.history.iter().map(|p| p.year).collect();
    years.dedup();
    if years.is_empty() {
        return;
    }
    let sel = app.selected.as_deref();
    let groups: Vec<BarGroup> = years
        .iter()
        .map(|y| {
            let pts: Vec<_> = app.history.iter().filter(|p| p.year == *y).collect();
            let bars: Vec<Bar> = pts
                .iter()
                .map(|p| {
                    let (value, text) = match p.rank {
                        Some(r) if p.of > 0 => {
                            let of = p.of as u64;
                            let pos = of.saturating_sub(u64::from(r.value)) + 1;
                            let star = if r.is_published() { "" } else { "*" };
                            (pos * 100 / of, format!("{}{star}/{}", r.value, p.of))
                        }
                        _ => (0, "n/p".to_string()),
                    };
                    let style = if Some(p.unit.as_str()) == sel {
                        t.bar
                    } else {
                        t.bar_b
                    };
                    let label = if pts.len() > 1 {
                        let name = app.unit_name(&p.unit);
                        fit(&name, 7, sym).trim_end().to_string()
                    } else {
                        String::new()
                    };
                    Bar::default()
                        .value(value)
                        .text_value(text)
                        .label(Line::from(label))
                        .style(style)
                        .value_style(t.selected)
                })
                .collect();
            BarGroup::default()
                .label(Line::from(y.to_string()))
                .bars(&bars)
        })
        .collect();
    let mut chart = BarChart::default()
        .bar_width(7)
        .bar_gap(1)
        .group_gap(3)
        .max(100)
        .label_style(t.dim);
    if sym.ascii {
        chart = chart.bar_set(ASCII_BARS);
    }
    for g in groups {
        chart = chart.data(g);
    }
    let inner = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(1),
        ..area
    };
    chart.render(inner, buf);
}
