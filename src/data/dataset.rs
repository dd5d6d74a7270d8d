//! The project's dataset format (see `data/README.md`) and the loader shared
//! by every layout: a folder with `dataset.toml` whose `format` key says how
//! to read the rest (`pii`: the long format; `gii-wipo`: WIPO's wide GII
//! export; `coinr`: COINr-style raw data + metadata, scored by the engine).
//!
//! The loader works on an in-memory set of files ([`Files`]: name → text), so
//! that the shipped data embedded in the binary and a folder on disk go
//! through the same code. It never stops at the first problem: every problem
//! is collected in a [`LoadReport`] (used by `pii validate`); [`load_files`]
//! turns the first error into a [`DataError`].

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;

use super::csvio::{DataError, Row, Table};
use super::model::*;
use crate::text;

/// A dataset's files in memory: file name (relative to the folder) → text.
#[derive(Clone, Debug, Default)]
pub struct Files {
    /// Folder name used in messages (`data/pii`).
    pub dir: String,
    pub files: BTreeMap<String, String>,
}

impl Files {
    /// Read every `.csv` and `.toml` file of a folder (not recursive).
    pub fn from_dir(dir: &Path) -> Result<Files, DataError> {
        let name = dir.display().to_string();
        let entries = std::fs::read_dir(dir)
            .map_err(|e| DataError::file(&name, format!("cannot read the folder: {e}")))?;
        let mut files = BTreeMap::new();
        for entry in entries {
            let entry = entry.map_err(|e| DataError::file(&name, format!("cannot list: {e}")))?;
            let path = entry.path();
            let Some(fname) = path.file_name().and_then(|f| f.to_str()) else {
                continue;
            };
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !path.is_file() || !matches!(ext, "csv" | "toml") {
                continue;
            }
            let shown = path.display().to_string();
            let bytes = std::fs::read(&path)
                .map_err(|e| DataError::file(&shown, format!("cannot read: {e}")))?;
            let textv = String::from_utf8(bytes).map_err(|e| {
                let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let line = upto.iter().filter(|b| **b == b'\n').count() + 1;
                DataError::new(&shown, line, 0, "not valid UTF-8 text")
            })?;
            files.insert(fname.to_string(), textv);
        }
        Ok(Files { dir: name, files })
    }

    /// The shown name of a file (`data/pii/results.csv`).
    pub fn path(&self, file: &str) -> String {
        if self.dir.is_empty() {
            file.to_string()
        } else {
            format!("{}/{}", self.dir.trim_end_matches('/'), file)
        }
    }

    /// Parse a CSV file of the set, if present.
    pub fn table(&self, file: &str) -> Option<Result<Table, DataError>> {
        self.files
            .get(file)
            .map(|t| Table::parse(&self.path(file), t))
    }
}

/// Everything the loader found: the dataset as far as it could be read, and
/// every problem (errors make the dataset unusable; warnings do not).
#[derive(Clone, Debug, Default)]
pub struct LoadReport {
    pub dataset: Dataset,
    pub errors: Vec<DataError>,
    pub warnings: Vec<DataError>,
    /// Number of children each node has in the full published framework,
    /// where known (framework column `children`). Means are derived and
    /// audited only for nodes whose children are all listed.
    pub children: HashMap<String, usize>,
    /// 1-based column of each results column, for findings (`score`, `rank`).
    pub columns: HashMap<String, usize>,
    /// Line of each published region figure, for findings.
    pub region_lines: Vec<String>,
}

impl LoadReport {
    fn error(&mut self, e: DataError) {
        self.errors.push(e);
    }
    fn warn(&mut self, e: DataError) {
        self.warnings.push(e);
    }
}

/// `dataset.toml`.
#[derive(Debug, Deserialize)]
struct MetaToml {
    #[serde(default)]
    format: Option<String>,
    name: String,
    index_name: String,
    #[serde(default)]
    years: Vec<Year>,
    #[serde(default)]
    default_year: Option<Year>,
    #[serde(default)]
    provenance: String,
    #[serde(default)]
    licence: String,
    #[serde(default)]
    attribution: Option<String>,
    #[serde(default)]
    indicators_published: Option<u32>,
    #[serde(default)]
    decimals: Option<u8>,
    /// gii-wipo: the raw file; coinr: the data file.
    #[serde(default)]
    file: Option<String>,
    /// coinr: the metadata file.
    #[serde(default)]
    meta: Option<String>,
}

/// The layouts the loader reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The project's long format (framework.csv, units.csv, results.csv, regions.csv).
    Pii,
    /// WIPO's wide GII export, read as published.
    GiiWipo,
    /// COINr-style raw data and metadata; scores and ranks computed by the engine.
    Coinr,
}

/// Load a folder on disk.
pub fn load_dir(dir: &Path) -> Result<Dataset, DataError> {
    load_files(&Files::from_dir(dir)?)
}

/// Load a set of files; the first error (with a count of the others) on failure.
pub fn load_files(files: &Files) -> Result<Dataset, DataError> {
    let mut report = load_report(files);
    if report.errors.is_empty() {
        Ok(report.dataset)
    } else {
        let n = report.errors.len();
        let mut first = report.errors.swap_remove(0);
        if n > 1 {
            first.message = format!(
                "{} (and {} more problem{}; run `pii validate {}` to see them all)",
                first.message,
                n - 1,
                if n == 2 { "" } else { "s" },
                files.dir
            );
        }
        Err(first)
    }
}

/// Load a set of files, collecting every problem. Runs the derive step
/// ([`super::derive::derive`]) when the files could be read without errors.
pub fn load_report(files: &Files) -> LoadReport {
    let mut r = LoadReport::default();
    let toml_name = files.path("dataset.toml");
    let Some(toml_text) = files.files.get("dataset.toml") else {
        r.error(DataError::file(
            toml_name,
            "missing dataset.toml (expected name, index_name, years, format…)",
        ));
        return r;
    };
    let toml_text = toml_text.strip_prefix('\u{feff}').unwrap_or(toml_text);
    let meta: MetaToml = match toml::from_str(toml_text) {
        Ok(m) => m,
        Err(e) => {
            let (line, col) = e
                .span()
                .map(|s| line_col(toml_text, s.start))
                .unwrap_or((0, 0));
            r.error(DataError::new(
                toml_name,
                line,
                col,
                format!("invalid dataset.toml: {}", e.message()),
            ));
            return r;
        }
    };
    let format = match meta.format.as_deref().map(str::trim) {
        None | Some("pii") | Some("long") => Format::Pii,
        Some("gii-wipo") => Format::GiiWipo,
        Some("coinr") => Format::Coinr,
        Some(other) => {
            let line = find_line(toml_text, "format");
            r.error(DataError::new(
                toml_name,
                line,
                0,
                format!("unknown format {other:?}: expected \"pii\", \"gii-wipo\" or \"coinr\""),
            ));
            return r;
        }
    };
    let mut provenance = text::nfc(&meta.provenance);
    if let Some(a) = &meta.attribution {
        provenance = format!("{}\n{}", text::nfc(a), provenance);
    }
    r.dataset.meta = DatasetMeta {
        name: text::nfc(&meta.name),
        index_name: text::nfc(&meta.index_name),
        years: meta.years.clone(),
        default_year: meta.default_year,
        provenance,
        licence: text::nfc(&meta.licence),
        indicators_published: meta.indicators_published,
        decimals: meta.decimals,
    };
    if meta.years.is_empty() {
        r.error(DataError::new(
            &toml_name,
            find_line(toml_text, "years"),
            0,
            "`years` must list at least one year",
        ));
        return r;
    }
    if let Some(d) = meta.default_year
        && !meta.years.contains(&d)
    {
        r.error(DataError::new(
            &toml_name,
            find_line(toml_text, "default_year"),
            0,
            format!("default_year {d} is not one of the years {:?}", meta.years),
        ));
    }
    match format {
        Format::Pii => read_long(files, &mut r),
        Format::GiiWipo => {
            let file = meta
                .file
                .clone()
                .unwrap_or_else(|| "gii_wipo_raw.csv".to_string());
            super::gii::read_wipo(files, &file, &mut r);
        }
        Format::Coinr => {
            let data = meta.file.clone().unwrap_or_else(|| "input_data.csv".into());
            let metaf = meta.meta.clone().unwrap_or_else(|| "input_meta.csv".into());
            read_coinr(files, &data, &metaf, &mut r);
        }
    }
    if r.errors.is_empty() {
        let children = r.children.clone();
        super::derive::derive(&mut r.dataset, &children);
    }
    r
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Line of the first `key =` in a TOML text (0 when absent).
fn find_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            let t = l.trim_start();
            t.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(0, |i| i + 1)
}

/// "did you mean" list: the closest codes (with names) to `query`.
pub fn closest<'a, I>(query: &str, candidates: I) -> String
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let mut v: Vec<(usize, &str, &str)> = candidates
        .into_iter()
        .map(|(code, name)| {
            let d = text::distance(query, code).min(text::distance(query, name));
            (d, code, name)
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    let list: Vec<String> = v
        .iter()
        .take(3)
        .map(|(_, c, n)| {
            if c == n || n.is_empty() {
                c.to_string()
            } else {
                format!("{c} ({n})")
            }
        })
        .collect();
    if list.is_empty() {
        "none known".to_string()
    } else {
        list.join(", ")
    }
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        None
    } else {
        Some(s.to_string())
    }
}

/// Parse an optional unsigned integer cell.
fn int_cell(
    t: &Table,
    row: &Row,
    col: Option<usize>,
    what: &str,
) -> Result<Option<u64>, DataError> {
    let Some(col) = col else { return Ok(None) };
    let c = t.cell(row, col).trim();
    if c.is_empty() {
        return Ok(None);
    }
    c.parse::<u64>().map(Some).map_err(|_| {
        t.error_at(
            row,
            col,
            format!(
                "expected {what} (a whole number) in column {:?}, found {c:?}",
                t.headers[col]
            ),
        )
    })
}

/// Sort nodes into display order: a pre-order walk from the root(s) by
/// `order`, then the nodes whose place is not published.
pub(crate) fn display_order(nodes: Vec<Node>) -> Vec<Node> {
    let mut by_parent: HashMap<Option<String>, Vec<usize>> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        by_parent.entry(n.parent.clone()).or_default().push(i);
    }
    for v in by_parent.values_mut() {
        v.sort_by_key(|&i| (std::cmp::Reverse(nodes[i].level), nodes[i].order));
    }
    let mut out = Vec::with_capacity(nodes.len());
    let mut seen = vec![false; nodes.len()];
    fn walk(
        i: usize,
        nodes: &[Node],
        by_parent: &HashMap<Option<String>, Vec<usize>>,
        seen: &mut Vec<bool>,
        out: &mut Vec<usize>,
    ) {
        if seen[i] {
            return;
        }
        seen[i] = true;
        out.push(i);
        if let Some(kids) = by_parent.get(&Some(nodes[i].code.clone())) {
            for &k in kids {
                walk(k, nodes, by_parent, seen, out);
            }
        }
    }
    let mut order = Vec::new();
    if let Some(roots) = by_parent.get(&None) {
        for &r in roots {
            walk(r, &nodes, &by_parent, &mut seen, &mut order);
        }
    }
    for i in 0..nodes.len() {
        if !seen[i] {
            walk(i, &nodes, &by_parent, &mut seen, &mut order);
        }
    }
    let mut slots: Vec<Option<Node>> = nodes.into_iter().map(Some).collect();
    for i in order {
        if let Some(n) = slots[i].take() {
            out.push(n);
        }
    }
    out
}

/// Read the project's long format.
fn read_long(files: &Files, r: &mut LoadReport) {
    read_framework(files, r);
    read_units(files, r);
    if !r.dataset.nodes.is_empty() && !r.dataset.units.is_empty() {
        let years = r.dataset.meta.years.clone();
        for y in years {
            let units = r
                .dataset
                .units
                .iter()
                .filter(|u| u.exists_in(y))
                .map(|u| u.code.clone())
                .collect();
            r.dataset.years.insert(
                y,
                YearData {
                    year: y,
                    units,
                    figures: HashMap::new(),
                },
            );
        }
        read_results(files, r);
        read_regions(files, r);
    }
}

fn need_table(files: &Files, name: &str, r: &mut LoadReport) -> Option<Table> {
    match files.table(name) {
        None => {
            r.error(DataError::file(files.path(name), "missing file"));
            None
        }
        Some(Err(e)) => {
            r.error(e);
            None
        }
        Some(Ok(t)) => Some(t),
    }
}

fn require_all(t: &Table, names: &[&str], r: &mut LoadReport) -> Option<Vec<usize>> {
    let mut out = Vec::new();
    let mut ok = true;
    for n in names {
        match t.require(n) {
            Ok(c) => out.push(c),
            Err(e) => {
                r.error(e);
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

fn read_framework(files: &Files, r: &mut LoadReport) {
    let Some(t) = need_table(files, "framework.csv", r) else {
        return;
    };
    let Some(c) = require_all(
        &t,
        &["code", "parent", "level", "order", "name_vi", "name_en"],
        r,
    ) else {
        return;
    };
    let (c_code, c_parent, c_level, c_order, c_vi, c_en) = (c[0], c[1], c[2], c[3], c[4], c[5]);
    let c_weight = t.column("weight");
    let c_dir = t.column("direction");
    let c_unit = t.column("unit");
    let c_children = t.column("children");
    let c_denom = t.column("denominator");
    let mut nodes: Vec<Node> = Vec::new();
    let mut lines: HashMap<String, (usize, usize)> = HashMap::new(); // code -> (line, index)
    for row in &t.rows {
        let code = t.cell(row, c_code).to_string();
        if code.is_empty() {
            r.error(t.error_at(row, c_code, "empty node code"));
            continue;
        }
        if let Some((prev, _)) = lines.get(&code) {
            r.error(t.error_at(
                row,
                c_code,
                format!(
                    "node {code:?} is defined twice: line {prev} and line {}",
                    row.line
                ),
            ));
            continue;
        }
        let level = match int_cell(&t, row, Some(c_level), "a level 1-9") {
            Ok(Some(l)) if (1..=9).contains(&l) => l as u8,
            Ok(_) => {
                r.error(t.error_at(
                    row,
                    c_level,
                    format!(
                        "expected a level 1-9 (1 = indicator), found {:?}",
                        t.cell(row, c_level)
                    ),
                ));
                continue;
            }
            Err(e) => {
                r.error(e);
                continue;
            }
        };
        let order = match int_cell(&t, row, Some(c_order), "an order") {
            Ok(o) => o.unwrap_or(0) as u32,
            Err(e) => {
                r.error(e);
                0
            }
        };
        let weight = c_weight.and_then(|c| match t.number(row, c) {
            Ok(w) => w,
            Err(e) => {
                r.error(e);
                None
            }
        });
        let direction = c_dir.and_then(|c| match t.cell(row, c).trim() {
            "" => None,
            "1" | "+1" => Some(1),
            "-1" => Some(-1),
            other => {
                r.error(t.error_at(
                    row,
                    c,
                    format!("expected a direction 1 or -1 (or empty), found {other:?}"),
                ));
                None
            }
        });
        match int_cell(&t, row, c_children, "a number of children") {
            Ok(Some(n)) => {
                r.children.insert(code.clone(), n as usize);
            }
            Ok(None) => {}
            Err(e) => r.error(e),
        }
        lines.insert(code.clone(), (row.line, nodes.len()));
        nodes.push(Node {
            code,
            parent: opt(t.cell(row, c_parent)),
            level,
            order,
            weight,
            direction,
            unit: c_unit.and_then(|c| opt(t.cell(row, c))),
            name_vi: t.cell(row, c_vi).to_string(),
            name_en: t.cell(row, c_en).to_string(),
            denominator: c_denom.and_then(|c| opt(t.cell(row, c))),
        });
    }
    // Parents must exist and be of a higher level.
    let levels: HashMap<String, u8> = nodes.iter().map(|n| (n.code.clone(), n.level)).collect();
    for (i, n) in nodes.iter().enumerate() {
        let Some(p) = &n.parent else { continue };
        let line = t.rows.iter().find(|row| t.cell(row, c_code) == n.code);
        let Some(row) = line else { continue };
        let _ = i;
        match levels.get(p) {
            None => r.error(t.error_at(
                row,
                c_parent,
                format!(
                    "unknown parent {p:?}; closest: {}",
                    closest(p, nodes.iter().map(|n| (n.code.as_str(), n.name_en.as_str())))
                ),
            )),
            Some(&pl) if pl <= n.level => r.error(t.error_at(
                row,
                c_level,
                format!(
                    "node {:?} has level {} but its parent {p:?} has level {pl}: a parent must have a higher level",
                    n.code, n.level
                ),
            )),
            _ => {}
        }
    }
    let roots = nodes
        .iter()
        .filter(|n| n.parent.is_none() && n.level > 1)
        .count();
    if roots == 0 && !nodes.is_empty() {
        r.warn(DataError::file(
            t.file.clone(),
            "no root node (a node above level 1 with an empty parent)",
        ));
    }
    r.dataset.nodes = display_order(nodes);
}

fn read_units(files: &Files, r: &mut LoadReport) {
    let Some(t) = need_table(files, "units.csv", r) else {
        return;
    };
    let Some(c) = require_all(&t, &["code", "name_vi", "name_en"], r) else {
        return;
    };
    let (c_code, c_vi, c_en) = (c[0], c[1], c[2]);
    let c_alias = t.column("aliases");
    let c_region = t.column("region");
    let c_region_en = t.column("region_en");
    let c_first = t.column("first_year");
    let c_last = t.column("last_year");
    let c_succ = t.column("successor");
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut rows_of: Vec<&Row> = Vec::new();
    for row in &t.rows {
        let code = t.cell(row, c_code).to_string();
        if code.is_empty() {
            r.error(t.error_at(row, c_code, "empty unit code"));
            continue;
        }
        if let Some(prev) = seen.get(&code) {
            r.error(t.error_at(
                row,
                c_code,
                format!(
                    "unit {code:?} is defined twice: line {prev} and line {}",
                    row.line
                ),
            ));
            continue;
        }
        let year = |col: Option<usize>, r: &mut LoadReport| -> Option<Year> {
            match int_cell(&t, row, col, "a year") {
                Ok(Some(y)) if (1900..=2200).contains(&y) => Some(y as Year),
                Ok(Some(y)) => {
                    r.error(t.error_at(
                        row,
                        col.unwrap_or(0),
                        format!("expected a year, found {y}"),
                    ));
                    None
                }
                Ok(None) => None,
                Err(e) => {
                    r.error(e);
                    None
                }
            }
        };
        let first_year = year(c_first, r);
        let last_year = year(c_last, r);
        if let (Some(f), Some(l)) = (first_year, last_year)
            && f > l
        {
            r.error(t.error_at(
                row,
                c_last.unwrap_or(0),
                format!("last_year {l} is before first_year {f}"),
            ));
        }
        let aliases = c_alias
            .map(|c| {
                t.cell(row, c)
                    .split(';')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        seen.insert(code.clone(), row.line);
        rows_of.push(row);
        r.dataset.units.push(Unit {
            code,
            name_vi: t.cell(row, c_vi).to_string(),
            name_en: t.cell(row, c_en).to_string(),
            aliases,
            region: c_region.and_then(|c| opt(t.cell(row, c))),
            region_en: c_region_en.and_then(|c| opt(t.cell(row, c))),
            first_year,
            last_year,
            successor: c_succ.and_then(|c| opt(t.cell(row, c))),
        });
    }
    // Successors must exist and start after the unit ends; names must not
    // repeat among units that exist in the same year.
    let units = r.dataset.units.clone();
    for (u, row) in units.iter().zip(&rows_of) {
        if let Some(s) = &u.successor {
            match units.iter().find(|x| &x.code == s) {
                None => r.error(t.error_at(
                    row,
                    c_succ.unwrap_or(0),
                    format!(
                        "unknown successor {s:?}; closest: {}",
                        closest(
                            s,
                            units.iter().map(|u| (u.code.as_str(), u.name_vi.as_str()))
                        )
                    ),
                )),
                Some(x) => {
                    if u.last_year.is_none() {
                        r.error(t.error_at(
                            row,
                            c_last.unwrap_or(0),
                            format!("unit {:?} has a successor but no last_year", u.code),
                        ));
                    } else if let (Some(l), Some(f)) = (u.last_year, x.first_year)
                        && f <= l
                    {
                        r.error(t.error_at(
                            row,
                            c_succ.unwrap_or(0),
                            format!(
                                "successor {s:?} starts in {f}, not after {:?} ends ({l})",
                                u.code
                            ),
                        ));
                    }
                }
            }
        }
    }
    let folded: Vec<String> = units.iter().map(|u| text::fold(&u.name_vi)).collect();
    for (i, a) in units.iter().enumerate() {
        for (j, (b, row)) in units.iter().zip(&rows_of).enumerate().skip(i + 1) {
            let overlap = a.first_year.unwrap_or(0) <= b.last_year.unwrap_or(u16::MAX)
                && b.first_year.unwrap_or(0) <= a.last_year.unwrap_or(u16::MAX);
            if overlap && folded[i] == folded[j] {
                let line_a = seen.get(&a.code).copied().unwrap_or(0);
                r.error(t.error_at(
                    row,
                    c_vi,
                    format!(
                        "unit name {:?} is used twice in the same years: {} (line {line_a}) and {} (line {})",
                        b.name_vi, a.code, b.code, row.line
                    ),
                ));
            }
        }
    }
}

/// "unknown node X; closest: …" for an error message.
fn unknown_node(ds: &Dataset, node: &str) -> String {
    let known = ds
        .nodes
        .iter()
        .map(|n| (n.code.as_str(), n.name_en.as_str()));
    format!("unknown node {node:?}; closest: {}", closest(node, known))
}

fn read_results(files: &Files, r: &mut LoadReport) {
    let Some(t) = need_table(files, "results.csv", r) else {
        return;
    };
    // `score` and `rank` are required columns (their cells may be empty): a
    // misspelt header must not make every score silently "not published".
    let Some(c) = require_all(&t, &["year", "unit", "node", "score", "rank"], r) else {
        return;
    };
    let (c_year, c_unit, c_node) = (c[0], c[1], c[2]);
    let (c_score, c_rank) = (c[3], c[4]);
    let c_raw = t.column("raw");
    let c_source = t.column("source");
    let c_note = t.column("note");
    for (i, h) in t.headers.iter().enumerate() {
        r.columns.insert(h.to_ascii_lowercase(), i + 1);
    }
    let node_codes: HashMap<&str, ()> = r
        .dataset
        .nodes
        .iter()
        .map(|n| (n.code.as_str(), ()))
        .collect();
    let unit_idx: HashMap<String, usize> = r
        .dataset
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.code.clone(), i))
        .collect();
    let mut seen: HashMap<(Year, String, String), usize> = HashMap::new();
    let mut found: Vec<(Year, String, String, Figure)> = Vec::new();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for row in &t.rows {
        let ytxt = t.cell(row, c_year);
        let year: Year = match ytxt.parse::<Year>() {
            Ok(y) if r.dataset.meta.years.contains(&y) => y,
            Ok(y) => {
                errors.push(t.error_at(
                    row,
                    c_year,
                    format!(
                        "year {y} is not one of the dataset's years {:?} (dataset.toml)",
                        r.dataset.meta.years
                    ),
                ));
                continue;
            }
            Err(_) => {
                errors.push(t.error_at(
                    row,
                    c_year,
                    format!("expected a year in column \"year\", found {ytxt:?}"),
                ));
                continue;
            }
        };
        let unit = t.cell(row, c_unit).to_string();
        let mut ok = true;
        match unit_idx.get(&unit) {
            None => {
                errors.push(t.error_at(
                    row,
                    c_unit,
                    format!(
                        "unknown unit {unit:?}; closest: {}",
                        closest(
                            &unit,
                            r.dataset
                                .units
                                .iter()
                                .map(|u| (u.code.as_str(), u.name_vi.as_str()))
                        )
                    ),
                ));
                ok = false;
            }
            Some(&i) => {
                let u = &r.dataset.units[i];
                if !u.exists_in(year) {
                    let span = match (u.first_year, u.last_year) {
                        (Some(f), Some(l)) => format!("{f}-{l}"),
                        (Some(f), None) => format!("from {f}"),
                        (None, Some(l)) => format!("until {l}"),
                        (None, None) => "always".into(),
                    };
                    let succ = u
                        .successor
                        .as_ref()
                        .map(|s| format!("; its successor is {s}"))
                        .unwrap_or_default();
                    errors.push(t.error_at(
                        row,
                        c_unit,
                        format!("unit {unit:?} does not exist in {year} (exists {span}){succ}"),
                    ));
                    ok = false;
                }
            }
        }
        let node = t.cell(row, c_node).to_string();
        if !node_codes.contains_key(node.as_str()) {
            errors.push(t.error_at(row, c_node, unknown_node(&r.dataset, &node)));
            ok = false;
        }
        let score = match t.number(row, c_score) {
            Ok(Some(v)) if !(0.0..=100.0).contains(&v) => {
                errors.push(t.error_at(
                    row,
                    c_score,
                    format!("expected a score between 0 and 100, found {v}"),
                ));
                ok = false;
                None
            }
            Ok(v) => v,
            Err(e) => {
                errors.push(e);
                ok = false;
                None
            }
        };
        let n_units = r.dataset.years.get(&year).map_or(0, |y| y.units.len());
        let rank = {
            {
                let c = c_rank;
                let txt = t.cell(row, c).trim();
                if txt.is_empty() {
                    None
                } else {
                    match txt.parse::<u32>() {
                        Ok(k) if k >= 1 && (k as usize) <= n_units.max(1) => Some(k),
                        Ok(k) => {
                            errors.push(t.error_at(
                                row,
                                c,
                                format!(
                                    "rank {k} is out of range: {year} has {n_units} units (ranks 1-{n_units})"
                                ),
                            ));
                            ok = false;
                            None
                        }
                        Err(_) => {
                            errors.push(t.error_at(
                                row,
                                c,
                                format!(
                                    "expected a rank (a whole number from 1) or empty in column \"rank\", found {txt:?}"
                                ),
                            ));
                            ok = false;
                            None
                        }
                    }
                }
            }
        };
        let raw = match c_raw.map(|c| t.number(row, c)) {
            Some(Ok(v)) => v,
            Some(Err(e)) => {
                errors.push(e);
                ok = false;
                None
            }
            None => None,
        };
        if !ok {
            continue;
        }
        let key = (year, unit.clone(), node.clone());
        if let Some(prev) = seen.get(&key) {
            errors.push(t.error_at(
                row,
                c_unit,
                format!(
                    "duplicate figure for year {year}, unit {unit}, node {node}: line {prev} and line {}",
                    row.line
                ),
            ));
            continue;
        }
        seen.insert(key, row.line);
        let source = c_source.and_then(|c| opt(t.cell(row, c)));
        if score.is_none() && rank.is_none() && raw.is_none() {
            warnings.push(t.error_at(row, c_score, "row has no score, rank or raw value: ignored"));
            continue;
        }
        if source.is_none() {
            warnings.push(t.error_at(
                row,
                c_source.unwrap_or(c_node),
                "published figure without a source",
            ));
        }
        found.push((
            year,
            unit,
            node,
            Figure {
                score: score.map(Fig::published),
                rank: rank.map(Fig::published),
                rank_bounds: None,
                raw,
                source,
                note: c_note.and_then(|c| opt(t.cell(row, c))),
                at: Some(format!("{}:{}", t.file, row.line)),
            },
        ));
    }
    r.errors.extend(errors);
    r.warnings.extend(warnings);
    for (year, unit, node, fig) in found {
        if let Some(yd) = r.dataset.years.get_mut(&year) {
            yd.figures.insert((unit, node), fig);
        }
    }
}

fn read_regions(files: &Files, r: &mut LoadReport) {
    let t = match files.table("regions.csv") {
        None => return,
        Some(Err(e)) => {
            r.error(e);
            return;
        }
        Some(Ok(t)) => t,
    };
    let Some(c) = require_all(&t, &["year", "region", "node", "score"], r) else {
        return;
    };
    let (c_year, c_region, c_node, c_score) = (c[0], c[1], c[2], c[3]);
    let c_source = t.column("source");
    let c_note = t.column("note");
    let known: Vec<String> = {
        let mut v: Vec<String> = r
            .dataset
            .units
            .iter()
            .filter_map(|u| u.region.clone())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let mut seen: HashMap<(Year, String, String), usize> = HashMap::new();
    for row in &t.rows {
        let ytxt = t.cell(row, c_year);
        let Some(year) = ytxt
            .parse::<Year>()
            .ok()
            .filter(|y| r.dataset.meta.years.contains(y))
        else {
            r.error(t.error_at(
                row,
                c_year,
                format!(
                    "expected one of the dataset's years {:?}, found {ytxt:?}",
                    r.dataset.meta.years
                ),
            ));
            continue;
        };
        let region = t.cell(row, c_region).to_string();
        if !known.contains(&region) {
            r.error(t.error_at(
                row,
                c_region,
                format!(
                    "unknown region {region:?} (no unit has it); closest: {}",
                    closest(&region, known.iter().map(|k| (k.as_str(), k.as_str())))
                ),
            ));
            continue;
        }
        let node = t.cell(row, c_node).to_string();
        if r.dataset.node(&node).is_none() {
            r.error(t.error_at(row, c_node, unknown_node(&r.dataset, &node)));
            continue;
        }
        let score = match t.number(row, c_score) {
            Ok(Some(s)) => s,
            Ok(None) => {
                r.warn(t.error_at(row, c_score, "region row without a score: ignored"));
                continue;
            }
            Err(e) => {
                r.error(e);
                continue;
            }
        };
        let key = (year, region.clone(), node.clone());
        if let Some(prev) = seen.get(&key) {
            r.error(t.error_at(
                row,
                c_region,
                format!(
                    "duplicate regional figure for {year}, {region}, {node}: line {prev} and line {}",
                    row.line
                ),
            ));
            continue;
        }
        seen.insert(key, row.line);
        r.region_lines.push(format!("{}:{}", t.file, row.line));
        r.dataset.regions.push(RegionFigure {
            year,
            region,
            node,
            score: Fig::published(score),
            source: c_source.and_then(|c| opt(t.cell(row, c))),
            note: c_note.and_then(|c| opt(t.cell(row, c))),
        });
    }
}

/// The shipped PII files (embedded at compile time).
pub fn shipped_files() -> Files {
    let mut files = BTreeMap::new();
    for (name, body) in [
        ("dataset.toml", include_str!("../../data/pii/dataset.toml")),
        (
            "framework.csv",
            include_str!("../../data/pii/framework.csv"),
        ),
        ("units.csv", include_str!("../../data/pii/units.csv")),
        ("results.csv", include_str!("../../data/pii/results.csv")),
        ("regions.csv", include_str!("../../data/pii/regions.csv")),
    ] {
        files.insert(name.to_string(), body.to_string());
    }
    Files {
        dir: "data/pii".to_string(),
        files,
    }
}

/// Source text of the figures the engine computes for a COINr-style dataset.
pub const COMPUTED_BY_ENGINE: &str = "computed by pii's engine, gii preset";

/// COINr-style data (iData + iMeta): the framework and raw values are read
/// as given; every score and rank is computed by the engine
/// ([`crate::engine::pipeline`], `gii` preset) and marked Computed. Raw
/// values go in [`Figure::raw`] of the indicators. Single year: the first of
/// `years`, which must match the data's `Time` column when it has one.
fn read_coinr(files: &Files, data: &str, meta: &str, r: &mut LoadReport) {
    use crate::engine::framework::{EngineError, Framework};
    use crate::engine::pipeline::{self, Pipeline};
    let engine_err = |e: EngineError| match e {
        EngineError::Data(d) => d,
        EngineError::Invalid(m) => DataError::file(files.path("dataset.toml"), m),
    };
    let (Some(mt), Some(dt)) = (need_table(files, meta, r), need_table(files, data, r)) else {
        return;
    };
    let m = match super::coinr::read_meta(&mt) {
        Ok(m) => m,
        Err(e) => return r.error(e),
    };
    let (raw, warnings) = match super::coinr::read_data(&dt, &m) {
        Ok(x) => x,
        Err(e) => return r.error(e),
    };
    for w in warnings {
        r.warn(DataError::file(dt.file.clone(), w));
    }
    let year = r.dataset.meta.years[0];
    if let Some(c) = dt.column("Time") {
        for row in &dt.rows {
            let cell = dt.cell(row, c);
            if !cell.is_empty() && cell != year.to_string() {
                r.error(dt.error_at(
                    row,
                    c,
                    format!("expected Time {year} (the year in dataset.toml), found {cell:?}"),
                ));
            }
        }
    }
    let fw = match Framework::new(m.nodes.clone()) {
        Ok(f) => f,
        Err(e) => return r.error(engine_err(e)),
    };
    let res = match pipeline::run(&fw, &raw, &Pipeline::gii()) {
        Ok(x) => x,
        Err(e) => return r.error(engine_err(e)),
    };
    for w in &res.warnings {
        r.warn(DataError::file(dt.file.clone(), w.to_string()));
    }
    // Nodes, in the meta's order among siblings.
    let mut nodes = Vec::new();
    let mut order: HashMap<Option<String>, u32> = HashMap::new();
    for n in fw.nodes() {
        let o = order.entry(n.parent.clone()).or_default();
        *o += 1;
        nodes.push(Node {
            code: n.code.clone(),
            parent: n.parent.clone(),
            level: n.level,
            order: *o,
            weight: Some(n.weight),
            direction: Some(n.direction),
            unit: n.unit.clone(),
            name_vi: n.name.clone(),
            name_en: n.name.clone(),
            denominator: n.denominator.clone(),
        });
    }
    // Units: uCode, uName, EurAsia_group as region when present.
    let c_code = dt.column("uCode");
    let c_name = dt.column("uName");
    let c_region = dt.column("EurAsia_group");
    for row in &dt.rows {
        let code = c_code.map_or("", |c| dt.cell(row, c)).to_string();
        let name = c_name
            .map(|c| dt.cell(row, c).to_string())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| code.clone());
        let region = c_region.and_then(|c| opt(dt.cell(row, c)));
        r.dataset.units.push(Unit {
            code,
            name_vi: name.clone(),
            name_en: name,
            aliases: Vec::new(),
            region: region.clone(),
            region_en: region,
            first_year: None,
            last_year: None,
            successor: None,
        });
    }
    let mut yd = YearData {
        year,
        units: raw.units.clone(),
        figures: HashMap::new(),
    };
    let raw_of: HashMap<&str, &crate::engine::pipeline::Series> =
        raw.columns.iter().map(|s| (s.code.as_str(), s)).collect();
    for (ui, unit) in raw.units.iter().enumerate() {
        let line = raw.unit_lines.get(ui).copied().unwrap_or(0);
        for (ni, n) in fw.nodes().iter().enumerate() {
            let score = res.score(ui, ni);
            let rank = res.rank(ui, ni);
            let rawv = raw_of
                .get(n.code.as_str())
                .and_then(|s| s.values.get(ui).copied().flatten());
            if score.is_none() && rank.is_none() && rawv.is_none() {
                continue;
            }
            yd.figures.insert(
                (unit.clone(), n.code.clone()),
                Figure {
                    score: score.map(Fig::computed),
                    rank: rank.map(Fig::computed),
                    rank_bounds: None,
                    raw: rawv,
                    source: Some(COMPUTED_BY_ENGINE.to_string()),
                    note: None,
                    at: Some(format!("{}:{line}", dt.file)),
                },
            );
        }
    }
    r.dataset.nodes = display_order(nodes);
    r.dataset.years.insert(year, yd);
}
