//! Rendering: a pure function of the [`App`] state. Nothing here changes the
//! state except the scroll bookkeeping in `App::view` (a `Cell`).
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::app::{App, Overlay, Pane};
use super::keymap::{self, Ctx};

mod changes;
mod compare;
mod list;
mod overlay;
mod tree;
pub mod widgets;

/// Smallest size the explorer draws its panes in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// From this width the list and the detail pane sit side by side.
pub const WIDE: u16 = 110;

/// Draw the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    draw(app, area, frame.buffer_mut());
}

/// Draw into a buffer (used by `render`, the benches and the screenshots).
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(area, buf);
        return;
    }
    let [title, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_title(app, title, buf);
    if area.width >= WIDE {
        let list_w = (area.width * 2 / 5).clamp(52, 72);
        let [left, right] =
            Layout::horizontal([Constraint::Length(list_w), Constraint::Min(1)]).areas(body);
        list::draw(app, left, buf, app.pane == Pane::List);
        draw_pane(app, app.detail, right, buf, app.pane == app.detail);
    } else {
        draw_pane(app, app.pane, body, buf, true);
    }
    draw_status(app, status, buf);
    draw_footer(app, footer, buf);
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help => overlay::help(app, body, buf),
        Overlay::Source { unit, node } => overlay::source(app, unit, node, body, buf),
    }
}

fn draw_pane(app: &App, pane: Pane, area: Rect, buf: &mut Buffer, focus: bool) {
    match pane {
        Pane::List => list::draw(app, area, buf, focus),
        Pane::Tree => tree::draw(app, area, buf, focus),
        Pane::Changes => changes::draw(app, area, buf, focus),
        Pane::Compare => compare::draw(app, area, buf, focus),
    }
}

/// The "too small" message; safe at any size down to 0×0.
fn too_small(area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let msg = format!(
        "terminal too small ({}×{}, needs at least {}×{})",
        area.width, area.height, MIN_WIDTH, MIN_HEIGHT
    );
    let top = area.height.saturating_sub(3) / 2;
    let inner = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    Paragraph::new(msg)
        .wrap(Wrap { trim: true })
        .centered()
        .render(inner, buf);
}

/// A block with the theme's borders and symbols.
pub(crate) fn block<'a>(app: &App, title: impl Into<Line<'a>>, focus: bool) -> Block<'a> {
    let style = if focus {
        app.theme.border_focus
    } else {
        app.theme.border
    };
    Block::default()
        .borders(Borders::ALL)
        .border_set(app.sym.border)
        .border_style(style)
        .title(title)
        .title_style(if focus {
            app.theme.title
        } else {
            app.theme.base
        })
}

fn draw_title(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let name = if app.ds.meta.index_name.is_empty() {
        "Index".to_string()
    } else {
        crate::text::sanitize(&app.ds.meta.index_name)
    };
    let mut spans = vec![
        Span::styled(format!(" {name} explorer "), t.title),
        Span::styled(format!("{} ", app.year), t.header),
    ];
    let first = app.years.first().copied();
    let last = app.years.last().copied();
    if let (Some(a), Some(b)) = (first, last) {
        spans.push(Span::styled(format!("({a}{}{b}) ", app.sym.dash), t.dim));
    }
    spans.push(Span::raw(" "));
    for p in Pane::ALL {
        let active =
            p == app.pane || (p == app.detail && area.width >= WIDE && app.pane == Pane::List);
        let style = if p == app.pane {
            t.tab_active
        } else if active {
            t.header
        } else {
            t.dim
        };
        spans.push(Span::styled(format!(" {} ", p.title()), style));
        spans.push(Span::raw(" "));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

fn draw_status(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    if app.searching {
        let n = app.visible.len();
        let line = Line::from(vec![
            Span::styled("/", t.header),
            Span::styled(crate::text::sanitize(&app.query), t.base),
            Span::styled("_", t.dim),
            Span::styled(
                format!("  {n} match{}", if n == 1 { "" } else { "es" }),
                t.dim,
            ),
        ]);
        buf.set_line(area.x, area.y, &line, area.width);
        return;
    }
    let mut left: Vec<Span> = Vec::new();
    if let Some(m) = &app.message {
        left.push(Span::styled(crate::text::sanitize(m), t.warn));
    } else {
        let c = &app.coverage;
        left.push(Span::styled(
            format!(
                "{}: {}/{} scores, {}/{} ranks published",
                app.year, c.scores_published, c.units, c.ranks_published, c.units
            ),
            t.base,
        ));
        if c.scores_computed + c.ranks_computed > 0 {
            left.push(Span::styled(
                format!(
                    " (+{} scores, {} ranks computed*)",
                    c.scores_computed, c.ranks_computed
                ),
                t.computed,
            ));
        }
        if !app.query.is_empty() {
            left.push(Span::styled(
                format!("  /{}", crate::text::sanitize(&app.query)),
                t.header,
            ));
        }
        if let Some(r) = app.region.and_then(|i| app.regions.get(i)) {
            left.push(Span::styled(format!("  region: {r}"), t.header));
        }
    }
    let right = match (&app.selected, &app.compare_with) {
        (Some(a), Some(b)) if a != b => format!(
            "compare: {} {} {} ",
            app.unit_name(a),
            app.sym.pair,
            app.unit_name(b)
        ),
        (_, Some(b)) => format!("compare: {} {} ? ", app.unit_name(b), app.sym.pair),
        _ => String::new(),
    };
    let rw = widgets::width(&right) as u16;
    buf.set_line(
        area.x,
        area.y,
        &Line::from(left),
        area.width.saturating_sub(rw + 1),
    );
    if rw > 0 && rw < area.width {
        buf.set_string(area.x + area.width - rw, area.y, right, t.header);
    }
}

fn draw_footer(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let ctx = match app.contexts().first() {
        Some(c) => *c,
        None => Ctx::Global,
    };
    // As many hints as fit, most useful first; the last one (`? help` in the
    // panes) is always kept.
    let hints: Vec<(String, &str)> = keymap::footer(ctx)
        .into_iter()
        .map(|(label, hint)| {
            let label = if app.sym.ascii {
                widgets::ascii_label(&label)
            } else {
                label
            };
            (label, hint)
        })
        .collect();
    let cost = |(l, h): &(String, &str)| widgets::width(l) + 1 + widgets::width(h) + 2;
    let mut room = (area.width as usize).saturating_sub(hints.last().map_or(0, cost) - 2);
    let mut keep: Vec<&(String, &str)> = Vec::new();
    if let Some((last, rest)) = hints.split_last() {
        for h in rest {
            if cost(h) > room {
                break;
            }
            room -= cost(h);
            keep.push(h);
        }
        keep.push(last);
    }
    let mut spans = Vec::new();
    for (i, (label, hint)) in keep.iter().enumerate() {
        spans.push(Span::styled(label.clone(), t.header));
        let sep = if i + 1 < keep.len() { "  " } else { "" };
        spans.push(Span::styled(format!(" {hint}{sep}"), t.dim));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

/// Clear an area and draw a bordered popup in it.
pub(crate) fn popup_area(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

pub(crate) fn clear(area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
}

/// Write lines into an area, one per row, clipped.
pub(crate) fn lines(area: Rect, buf: &mut Buffer, lines: &[Line]) {
    for (i, l) in lines.iter().enumerate().take(area.height as usize) {
        buf.set_line(area.x, area.y + i as u16, l, area.width);
    }
}

/// Fill a row with a style (for the selected row).
pub(crate) fn fill_row(area: Rect, y: u16, buf: &mut Buffer, style: Style) {
    buf.set_style(
        Rect {
            x: area.x,
            y,
            width: area.width,
            height: 1,
        },
        style,
    );
}
