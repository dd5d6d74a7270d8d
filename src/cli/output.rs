//! Shared helpers of the data commands: loading, output formats, number and
//! rank formatting (missing is never 0; computed figures are marked), tables
//! that fit the terminal, colour only on a terminal, quiet exit on a closed pipe.
use std::fmt;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::ValueEnum;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::DataArgs;
use crate::data::{self, Dataset, Fig, Node, Origin, Unit, Year};
use crate::engine::explore::{self, FindError, RankChange};
use crate::text::sanitize;

/// Output format of the data commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Aligned columns fitted to the terminal.
    #[default]
    Table,
    /// Comma-separated values with a header row.
    Csv,
    /// JSON (one document).
    Json,
}

/// A usage problem (unknown province, unknown year or node): exit status 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for UsageError {}

/// Return a [`UsageError`].
pub fn usage<T>(msg: impl Into<String>) -> color_eyre::Result<T> {
    Err(UsageError(msg.into()).into())
}

/// Legend line for figures computed by pii from a dataset's published figures.
pub const COMPUTED_LEGEND: &str = "* computed by pii from published figures";

/// Legend line for figures of a dataset without published figures (all
/// computed by the engine from the raw indicator values).
pub const COMPUTED_RAW_LEGEND: &str = "* computed by pii's engine from raw values";

/// The loaded dataset and the year the command works on.
pub struct Ctx {
    pub ds: Dataset,
    pub year: Year,
    /// Colour escapes allowed (stdout is a terminal and NO_COLOR is not set).
    pub color: bool,
    /// Width available for tables.
    pub width: usize,
}

impl Ctx {
    /// Load the dataset (`--data DIR` or the shipped PII data) and check `--year`.
    pub fn load(args: &DataArgs) -> color_eyre::Result<Ctx> {
        let ds = match &args.data {
            Some(dir) => data::load(dir)?,
            None => data::load_shipped()?,
        };
        let year = match args.year {
            Some(y) => y,
            None => match ds.default_year() {
                Some(y) => y,
                None => return usage("the dataset has no years"),
            },
        };
        check_year(&ds, year)?;
        Ok(Ctx {
            ds,
            year,
            color: color_enabled(),
            width: terminal_width(),
        })
    }

    /// The legend of `*` for this dataset: [`COMPUTED_LEGEND`] when it holds
    /// published figures, else [`COMPUTED_RAW_LEGEND`].
    pub fn computed_legend(&self) -> &'static str {
        let published = self.ds.years.values().any(|yd| {
            yd.figures.values().any(|f| {
                f.score.is_some_and(|x| x.origin == Origin::Published)
                    || f.rank.is_some_and(|x| x.origin == Origin::Published)
            })
        });
        if published {
            COMPUTED_LEGEND
        } else {
            COMPUTED_RAW_LEGEND
        }
    }

    /// Decimals scores are shown with (the dataset's, else 2).
    pub fn decimals(&self) -> usize {
        usize::from(self.ds.meta.decimals.unwrap_or(2))
    }

    /// Short name of the index ("PII").
    pub fn index_name(&self) -> String {
        let n = &self.ds.meta.index_name;
        if n.is_empty() {
            self.ds.root().map_or_else(String::new, |r| r.code.clone())
        } else {
            sanitize(n)
        }
    }

    /// Look a unit up, preferring the units of the command's year; unknown or
    /// ambiguous → a usage error listing the candidates.
    pub fn unit(&self, query: &str) -> color_eyre::Result<&Unit> {
        match explore::find_unit_in(&self.ds, query, Some(self.year)) {
            Ok(u) => Ok(u),
            Err(FindError::Unknown { closest, .. }) => usage(format!(
                "no {} matches {:?}; closest: {}",
                self.unit_word().to_lowercase(),
                sanitize(query),
                sanitize(&closest.join(", "))
            )),
            Err(FindError::Ambiguous { candidates, .. }) => usage(format!(
                "{:?} matches several {}s: {} (type more of the name)",
                sanitize(query),
                self.unit_word().to_lowercase(),
                sanitize(&candidates.join(", "))
            )),
        }
    }

    /// [`Ctx::unit`], and the unit must be one of the command's year; else a
    /// usage error saying so (and what it merged into, as `pii show` does).
    pub fn unit_of_year(&self, query: &str) -> color_eyre::Result<&Unit> {
        let u = self.unit(query)?;
        if self
            .ds
            .year(self.year)
            .is_some_and(|y| y.units.contains(&u.code))
        {
            return Ok(u);
        }
        let mut msg = format!("{} is not a unit of {}", sanitize(&u.name_vi), self.year);
        if let Some(s) = u.successor.as_deref().and_then(|c| self.ds.unit(c)) {
            let first = self
                .ds
                .years
                .iter()
                .find(|(_, yd)| yd.units.contains(&s.code))
                .map(|(y, _)| format!(" from {y}"))
                .unwrap_or_default();
            msg.push_str(&format!(
                ": merged into {}{first} (see `pii show {}`)",
                sanitize(&s.name_vi),
                sanitize(&s.code)
            ));
        } else {
            let years: Vec<String> = self
                .ds
                .years
                .iter()
                .filter(|(_, yd)| yd.units.contains(&u.code))
                .map(|(y, _)| y.to_string())
                .collect();
            if !years.is_empty() {
                msg.push_str(&format!(" (a unit of {})", years.join(", ")));
            }
        }
        usage(msg)
    }

    /// The node named by `--by` (code, or name ignoring accents), else the root.
    pub fn node(&self, by: Option<&str>) -> color_eyre::Result<&Node> {
        match by {
            None => match self.ds.root() {
                Some(r) => Ok(r),
                None => usage("the dataset's framework has no index node"),
            },
            Some(q) => {
                let f = crate::text::fold(q);
                let found = self
                    .ds
                    .nodes
                    .iter()
                    .find(|n| n.code.eq_ignore_ascii_case(q.trim()))
                    .or_else(|| {
                        self.ds.nodes.iter().find(|n| {
                            crate::text::fold(&n.name_en) == f || crate::text::fold(&n.name_vi) == f
                        })
                    });
                match found {
                    Some(n) => Ok(n),
                    None => {
                        let mut codes: Vec<&str> = self
                            .ds
                            .nodes
                            .iter()
                            .filter(|n| n.level > 1)
                            .map(|n| n.code.as_str())
                            .collect();
                        codes.truncate(20);
                        usage(format!(
                            "no framework node {:?}; try one of: {}",
                            sanitize(q),
                            sanitize(&codes.join(", "))
                        ))
                    }
                }
            }
        }
    }

    /// A heading: sanitised, cut to the table width, bold on a terminal.
    pub fn heading(&self, s: &str) -> String {
        paint(&truncate(&sanitize(s), self.width), Style::Bold, self.color)
    }

    /// A line of prose wrapped to the table width (ends with a newline).
    pub fn note(&self, s: &str) -> String {
        wrap(s, self.width, "  ")
    }

    /// What a unit is called in headers: "Province" for the PII, else "Unit".
    pub fn unit_word(&self) -> &'static str {
        if self.ds.meta.index_name == "PII" {
            "Province"
        } else {
            "Unit"
        }
    }

    /// Vietnamese name of a unit code (sanitised).
    pub fn name(&self, code: &str) -> String {
        sanitize(
            &self
                .ds
                .unit(code)
                .map_or_else(|| code.to_string(), |u| u.name_vi.clone()),
        )
    }

    /// Title of a node: its name alone for the index ("Chỉ số Đổi mới sáng
    /// tạo cấp địa phương"), else the "P1 Thể chế" label.
    pub fn node_title(&self, code: &str) -> String {
        match (self.ds.root(), self.ds.node(code)) {
            (Some(r), Some(n)) if r.code == code && !n.name_vi.is_empty() => sanitize(&n.name_vi),
            _ => self.node_label(code),
        }
    }

    /// Name of a node: "P1 Thể chế" style label (sanitised).
    pub fn node_label(&self, code: &str) -> String {
        match self.ds.node(code) {
            Some(n) if !n.name_vi.is_empty() && n.name_vi != n.code => {
                sanitize(&format!("{} {}", n.code, n.name_vi))
            }
            Some(n) if !n.name_en.is_empty() && n.name_en != n.code => {
                sanitize(&format!("{} {}", n.code, n.name_en))
            }
            _ => sanitize(code),
        }
    }

    /// Score text: "65.68", "40.00*" (computed) or "n/p" (not published).
    pub fn score(&self, s: Option<Fig<f64>>) -> String {
        fmt_score(s, self.decimals())
    }
}

/// Raw value for display: at most 4 decimals, trailing zeros dropped
/// (CSV and JSON keep full precision).
pub fn fmt_raw(v: Option<f64>) -> String {
    match v {
        Some(x) if x.is_finite() => {
            let s = format!("{x:.4}");
            let s = if s.contains('.') {
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            } else {
                s
            };
            if s == "-0" { "0".to_string() } else { s }
        }
        Some(_) => "n/a".to_string(),
        None => String::new(),
    }
}

/// Drop floating-point noise from a difference of published figures
/// (59.17 − 58.76 = 0.41, not 0.4100000000000037) for JSON and CSV.
pub fn denoise(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

/// Check that the dataset has `year`; else a usage error listing its years.
pub fn check_year(ds: &Dataset, year: Year) -> color_eyre::Result<()> {
    if ds.year(year).is_some() {
        return Ok(());
    }
    let ys: Vec<String> = ds.years.keys().map(|y| y.to_string()).collect();
    usage(format!(
        "no data for {year}; the dataset has {}",
        if ys.is_empty() {
            "no years".to_string()
        } else {
            ys.join(", ")
        }
    ))
}

/// Score text with `decimals`: computed figures get a trailing `*`, a missing
/// figure is "n/p" (not published), never 0.
pub fn fmt_score(s: Option<Fig<f64>>, decimals: usize) -> String {
    match s {
        Some(f) if f.value.is_finite() => {
            let star = if f.origin == Origin::Computed {
                "*"
            } else {
                ""
            };
            format!("{:.*}{star}", decimals, f.value)
        }
        _ => "n/p".to_string(),
    }
}

/// Rank text: "5", "7*" (computed), "31–32" (only bounds known) or "—".
pub fn fmt_rank(r: Option<Fig<u32>>, bounds: Option<(u32, u32)>) -> String {
    match (r, bounds) {
        (Some(f), _) => {
            let star = if f.origin == Origin::Computed {
                "*"
            } else {
                ""
            };
            format!("{}{star}", f.value)
        }
        (None, Some((a, b))) if a == b => format!("{a}*"),
        (None, Some((a, b))) => format!("{a}–{b}"),
        (None, None) => "—".to_string(),
    }
}

/// Rank "r/of" text, "—" when unknown.
pub fn fmt_rank_of(r: Option<Fig<u32>>, of: usize) -> String {
    match r {
        Some(_) if of > 0 => format!("{}/{of}", fmt_rank(r, None)),
        Some(_) => fmt_rank(r, None),
        None => "—".to_string(),
    }
}

/// JSON form of a rank change.
pub fn change_json(c: &RankChange) -> serde_json::Value {
    use serde_json::json;
    match c {
        RankChange::Up(n) => json!({"kind": "up", "places": n}),
        RankChange::Down(n) => json!({"kind": "down", "places": n}),
        RankChange::Same => json!({"kind": "same"}),
        RankChange::New => json!({"kind": "new"}),
        RankChange::NoData => json!({"kind": "no_data"}),
        RankChange::Merged(p) => json!({
            "kind": "merged",
            "predecessors": p.iter().map(|p| json!({
                "code": sanitize(&p.code),
                "name_vi": sanitize(&p.name_vi),
                "year": p.year,
                "score": p.score.map(|s| s.value),
                "score_origin": p.score.map(|s| s.origin),
                "rank": p.rank.map(|r| r.value),
                "rank_origin": p.rank.map(|r| r.origin),
                "of": p.of,
            })).collect::<Vec<_>>(),
        }),
    }
}

/// Whether colour escapes may be written: stdout is a terminal and NO_COLOR
/// is unset or empty.
pub fn color_enabled() -> bool {
    color_allowed(
        std::env::var_os("NO_COLOR").as_deref(),
        std::io::stdout().is_terminal(),
    )
}

/// The colour rule: a terminal, and `NO_COLOR` unset or empty (no-color.org).
pub fn color_allowed(no_color: Option<&std::ffi::OsStr>, tty: bool) -> bool {
    tty && no_color.is_none_or(|v| v.is_empty())
}

/// Width for tables: `COLUMNS`, else the terminal's width, else 100.
pub fn terminal_width() -> usize {
    if let Some(w) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|w| *w >= 20)
    {
        return w;
    }
    if std::io::stdout().is_terminal()
        && let Ok((w, _)) = ratatui::crossterm::terminal::size()
        && w >= 20
    {
        return usize::from(w);
    }
    100
}

/// Plain-ASCII symbols in what [`emit`] writes (`pii --ascii rank`).
static ASCII: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Make [`emit`] write plain-ASCII symbols (see [`ascii_symbols`]).
pub fn set_ascii(on: bool) {
    ASCII.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// The symbols of the output in plain ASCII, as the explorer's `--ascii`:
/// ▲ ^, ▼ v, – alone (no change) =, – between digits (a range) -, — -,
/// − -, → ->, … ..., · -, × x. Letters (Vietnamese names) are kept.
pub fn ascii_symbols(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '▲' => out.push('^'),
            '▼' => out.push('v'),
            '–' => {
                let digit = |j: Option<&char>| j.is_some_and(char::is_ascii_digit);
                let range = i > 0 && digit(chars.get(i - 1)) && digit(chars.get(i + 1));
                out.push(if range { '-' } else { '=' });
            }
            '—' | '−' | '·' => out.push('-'),
            '→' => out.push_str("->"),
            '…' => out.push_str("..."),
            '×' => out.push('x'),
            c => out.push(c),
        }
    }
    out
}

/// Write `text` to stdout. A closed pipe (`pii rank | head -3`) ends quietly
/// with exit status 0.
pub fn emit(text: &str) -> color_eyre::Result<ExitCode> {
    let ascii;
    let text = if ASCII.load(std::sync::atomic::Ordering::Relaxed) {
        ascii = ascii_symbols(text);
        &ascii
    } else {
        text
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e.into()),
    }
}

/// Serialise JSON (pretty, trailing newline).
pub fn json_text(v: &serde_json::Value) -> color_eyre::Result<String> {
    let mut s = serde_json::to_string_pretty(v)?;
    s.push('\n');
    Ok(s)
}

/// Write CSV rows (first row = header) to a string; every cell sanitised.
pub fn csv_text(rows: &[Vec<String>]) -> color_eyre::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(r.iter().map(|c| sanitize(c)))?;
    }
    let bytes = w.into_inner().map_err(|e| color_eyre::eyre::eyre!("{e}"))?;
    Ok(String::from_utf8(bytes)?)
}

/// Text colour of a cell (only used on a terminal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    #[default]
    Plain,
    Bold,
    Dim,
    Green,
    Red,
    Yellow,
}

impl Style {
    fn code(self) -> Option<&'static str> {
        match self {
            Style::Plain => None,
            Style::Bold => Some("1"),
            Style::Dim => Some("2"),
            Style::Green => Some("32"),
            Style::Red => Some("31"),
            Style::Yellow => Some("33"),
        }
    }
}

/// Style that fits a change: green rises, red falls, dim unknown.
pub fn change_style(c: &RankChange) -> Style {
    match c {
        RankChange::Up(_) => Style::Green,
        RankChange::Down(_) => Style::Red,
        RankChange::Merged(_) | RankChange::New => Style::Yellow,
        _ => Style::Dim,
    }
}

/// Column alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One table cell.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    pub style: Style,
}

impl Cell {
    pub fn new(text: impl AsRef<str>) -> Cell {
        Cell {
            text: sanitize(text.as_ref()),
            style: Style::Plain,
        }
    }
    pub fn styled(text: impl AsRef<str>, style: Style) -> Cell {
        Cell {
            text: sanitize(text.as_ref()),
            style,
        }
    }
}

/// A text table: columns sized to their content; when the table is wider
/// than the terminal, the `flex` columns (names) are shortened with "…".
#[derive(Debug, Clone)]
pub struct TextTable {
    pub headers: Vec<String>,
    pub aligns: Vec<Align>,
    /// Columns that may be truncated, in order of preference.
    pub flex: Vec<usize>,
    /// Columns left out when no row has text in them.
    pub optional: Vec<usize>,
    pub rows: Vec<Vec<Cell>>,
}

impl TextTable {
    pub fn new(headers: &[&str], aligns: &[Align], flex: &[usize]) -> TextTable {
        TextTable {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            aligns: aligns.to_vec(),
            flex: flex.to_vec(),
            optional: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// Leave out these columns when they are empty in every row.
    pub fn optional(mut self, cols: &[usize]) -> TextTable {
        self.optional = cols.to_vec();
        self
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// Render to lines at most `width` columns wide (when the fixed columns
    /// allow it), with colour escapes when `color`.
    pub fn render(&self, width: usize, color: bool) -> String {
        let drop: Vec<usize> = self
            .optional
            .iter()
            .copied()
            .filter(|&i| {
                self.rows
                    .iter()
                    .all(|r| r.get(i).is_none_or(|c| c.text.is_empty()))
            })
            .collect();
        if !drop.is_empty() {
            let keep = |i: &usize| !drop.contains(i);
            let idx: Vec<usize> = (0..self.headers.len()).filter(keep).collect();
            let remap = |i: usize| idx.iter().position(|&j| j == i);
            let t = TextTable {
                headers: idx.iter().map(|&i| self.headers[i].clone()).collect(),
                aligns: idx
                    .iter()
                    .map(|&i| self.aligns.get(i).copied().unwrap_or(Align::Left))
                    .collect(),
                flex: self.flex.iter().filter_map(|&i| remap(i)).collect(),
                optional: Vec::new(),
                rows: self
                    .rows
                    .iter()
                    .map(|r| {
                        idx.iter()
                            .map(|&i| r.get(i).cloned().unwrap_or_default())
                            .collect()
                    })
                    .collect(),
            };
            return t.render(width, color);
        }
        let n = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for r in &self.rows {
            for (i, c) in r.iter().enumerate().take(n) {
                widths[i] = widths[i].max(c.text.width());
            }
        }
        let sep = 2;
        let total = |w: &[usize]| w.iter().sum::<usize>() + sep * n.saturating_sub(1);
        for &f in &self.flex {
            let t = total(&widths);
            if t <= width || f >= n {
                continue;
            }
            let min = self.headers[f].width().max(6);
            let excess = t - width;
            widths[f] = widths[f].saturating_sub(excess).max(min);
        }
        let mut out = String::new();
        let header: Vec<Cell> = self
            .headers
            .iter()
            .map(|h| Cell::styled(h, Style::Bold))
            .collect();
        for row in std::iter::once(&header).chain(self.rows.iter()) {
            let mut line = String::new();
            for (i, &w) in widths.iter().enumerate() {
                let empty = Cell::default();
                let c = row.get(i).unwrap_or(&empty);
                let text = truncate(&c.text, w);
                let pad = w.saturating_sub(text.width());
                let last = i + 1 == n;
                let padded = match self.aligns.get(i).copied().unwrap_or(Align::Left) {
                    Align::Left if last => text.clone(),
                    Align::Left => format!("{text}{}", " ".repeat(pad)),
                    Align::Right => format!("{}{text}", " ".repeat(pad)),
                };
                match c.style.code() {
                    Some(code) if color && !text.is_empty() => {
                        line.push_str(&format!("\x1b[{code}m{padded}\x1b[0m"))
                    }
                    _ => line.push_str(&padded),
                }
                if !last {
                    line.push_str(&" ".repeat(sep));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

/// Shorten `s` to at most `max` display columns, ending with "…" when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

/// Wrap a line of prose to `width` columns (for notes under tables).
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in sanitize(text).split(' ').filter(|w| !w.is_empty()) {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = indent.to_string();
        }
        if !line.is_empty() && !line.ends_with(' ') {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.trim().is_empty() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Bold/dim a whole line when colour is on.
pub fn paint(s: &str, style: Style, color: bool) -> String {
    match style.code() {
        Some(code) if color => format!("\x1b[{code}m{s}\x1b[0m"),
        _ => s.to_string(),
    }
}

/// The coverage status line: "2025: 11/34 scores, 12/34 ranks published (+3 computed)".
pub fn coverage_line(ds: &Dataset, year: Year) -> String {
    match ds.root() {
        Some(root) => coverage_line_of(ds, year, &root.code),
        None => format!("{year}: no index node"),
    }
}

/// The coverage status line for the figures of `node` (the index, a pillar,
/// an indicator): "2025: 11/34 scores, 12/34 ranks published"; a node other
/// than the root is named ("2024, P4: ...").
pub fn coverage_line_of(ds: &Dataset, year: Year, node: &str) -> String {
    let Some(yd) = ds.year(year) else {
        return format!("{year}: not in the dataset");
    };
    let (mut sp, mut sc, mut rp, mut rc) = (0, 0, 0, 0);
    for u in &yd.units {
        match yd.score(u, node).map(|f| f.origin) {
            Some(Origin::Published) => sp += 1,
            Some(Origin::Computed) => sc += 1,
            None => {}
        }
        match yd.rank(u, node).map(|f| f.origin) {
            Some(Origin::Published) => rp += 1,
            Some(Origin::Computed) => rc += 1,
            None => {}
        }
    }
    let n = yd.units.len();
    let at = if ds.root().is_some_and(|r| r.code == node) {
        year.to_string()
    } else {
        format!("{year}, {}", sanitize(node))
    };
    let mut s = format!("{at}: {sp}/{n} scores, {rp}/{n} ranks published");
    if sc + rc > 0 {
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        s.push_str(&format!(
            "; computed by pii: {}, {}",
            plural(sc, "score"),
            plural(rc, "rank")
        ));
    }
    s
}

/// The figure's origin as text ("published", "computed") or "" when missing.
pub fn origin_text<T>(f: Option<Fig<T>>) -> &'static str {
    match f.map(|f| f.origin) {
        Some(Origin::Published) => "published",
        Some(Origin::Computed) => "computed",
        None => "",
    }
}

/// Number as CSV cell: full precision, empty when missing.
pub fn csv_num(f: Option<Fig<f64>>) -> String {
    f.map_or_else(String::new, |f| f.value.to_string())
}

/// Rank as CSV cell, empty when missing.
pub fn csv_rank(f: Option<Fig<u32>>) -> String {
    f.map_or_else(String::new, |f| f.value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        use std::ffi::OsStr;
        assert!(color_allowed(None, true));
        assert!(color_allowed(Some(OsStr::new("")), true));
        assert!(!color_allowed(Some(OsStr::new("1")), true));
        assert!(!color_allowed(None, false));
    }

    #[test]
    fn raw_values_and_differences() {
        assert_eq!(fmt_raw(Some(68.77328716666668)), "68.7733");
        assert_eq!(fmt_raw(Some(41.0)), "41");
        assert_eq!(fmt_raw(Some(0.02)), "0.02");
        assert_eq!(fmt_raw(None), "");
        assert_eq!(denoise(59.17 - 58.76), 0.41);
        assert_eq!(denoise(-0.20000000000000284), -0.2);
    }

    #[test]
    fn missing_is_never_zero() {
        assert_eq!(fmt_score(None, 2), "n/p");
        assert_eq!(fmt_score(Some(Fig::published(65.68)), 2), "65.68");
        assert_eq!(fmt_score(Some(Fig::computed(40.0)), 1), "40.0*");
        assert_eq!(fmt_rank(None, None), "—");
        assert_eq!(fmt_rank(None, Some((31, 32))), "31–32");
        assert_eq!(fmt_rank(Some(Fig::computed(7)), None), "7*");
        assert_eq!(fmt_rank_of(Some(Fig::published(5)), 34), "5/34");
    }

    #[test]
    fn tables_fit_and_truncate_by_display_width() {
        let mut t = TextTable::new(
            &["#", "Name", "Score"],
            &[Align::Right, Align::Left, Align::Right],
            &[1],
        );
        t.push(vec![
            Cell::new("1"),
            Cell::new("Thành phố Hồ Chí Minh rất dài"),
            Cell::new("59.33"),
        ]);
        t.push(vec![
            Cell::new("2"),
            Cell::new("Huế"),
            Cell::styled("49.37", Style::Green),
        ]);
        let s = t.render(24, false);
        for line in s.lines() {
            assert!(line.width() <= 24, "{line:?}");
        }
        assert!(s.contains("Thành phố Hồ…"), "{s}");
        assert!(!s.contains('\x1b'));
        assert!(t.render(100, true).contains("\x1b[32m49.37\x1b[0m"));
        assert_eq!(truncate("Hà Nội", 4), "Hà…");
        assert_eq!(truncate("Hà Nội", 6), "Hà Nội");
    }

    #[test]
    fn ascii_symbols_keep_ranges_and_letters() {
        assert_eq!(
            ascii_symbols("▲3 ▼12 – 31–32 — a → b … Hà Nội"),
            "^3 v12 = 31-32 - a -> b ... Hà Nội"
        );
    }
}
