//! WIPO's wide GII export (as shipped in `data/examples/gii2019/`), read at
//! load time so the published file stays byte-identical.
//!
//! Layout: row 1 is the header; column 1 holds the code (`1`, `1.1.`,
//! `1.1.1.`) or, for the top three rows, the name (GII, Input and Output
//! sub-indices); column 2 the name. Then five blocks of one column per
//! economy, each led by a label column: `Rank Indicators`, `Score`, `Value`,
//! `Income Group(Strength/Weakness)`, `Strength / Weakness`. Markers: `n/a`;
//! ranks in square brackets (`[90]`) flag aggregates below the report's data
//! coverage minimum — kept as published ranks with a note. Every figure read
//! here is Published.

use std::collections::HashMap;

use super::csvio::{DataError, parse_number};
use super::dataset::{Files, LoadReport};
use super::model::*;
use crate::text;

const BLOCKS: [&str; 5] = [
    "Rank Indicators",
    "Score",
    "Value",
    "Income Group(Strength/Weakness)",
    "Strength / Weakness",
];

/// A stable ASCII code from an economy name: folded, upper case, runs of
/// other characters as `_` ("Viet Nam" → `VIET_NAM`, "Netherlands (the)" →
/// `NETHERLANDS_THE`, "Côte d'Ivoire" → `COTE_D_IVOIRE`).
pub fn unit_code(name: &str) -> String {
    let mut out = String::new();
    let mut sep = false;
    for c in text::fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            if sep && !out.is_empty() {
                out.push('_');
            }
            sep = false;
            out.push(c.to_ascii_uppercase());
        } else {
            sep = true;
        }
    }
    out
}

/// Read the wide file `file` of `files` into `r.dataset` (single year: the
/// first of `meta.years`).
pub fn read_wipo(files: &Files, file: &str, r: &mut LoadReport) {
    let t = match files.table(file) {
        None => {
            r.errors.push(DataError::file(
                files.path(file),
                "missing file (named by `file` in dataset.toml)",
            ));
            return;
        }
        Some(Err(e)) => {
            r.errors.push(e);
            return;
        }
        Some(Ok(t)) => t,
    };
    let year = r.dataset.meta.years[0];
    // Block label columns.
    let mut starts = Vec::new();
    for label in BLOCKS {
        match t.headers.iter().position(|h| h == label) {
            Some(c) => starts.push(c),
            None => {
                r.errors.push(DataError::new(
                    &t.file,
                    1,
                    0,
                    format!("missing block label {label:?} in the header (WIPO layout expected)"),
                ));
                return;
            }
        }
    }
    if starts.windows(2).any(|w| w[0] >= w[1]) {
        r.errors.push(DataError::new(
            &t.file,
            1,
            0,
            "block labels out of order: expected Rank, Score, Value, Income Group, Strength/Weakness",
        ));
        return;
    }
    let width = starts[1] - starts[0] - 1;
    let names: Vec<String> = t.headers[starts[0] + 1..starts[1]].to_vec();
    for (b, &st) in starts.iter().enumerate() {
        let end = starts.get(b + 1).copied().unwrap_or(t.headers.len());
        let got = &t.headers[st + 1..end];
        if got != names.as_slice() {
            let col = got
                .iter()
                .zip(&names)
                .position(|(a, b)| a != b)
                .map_or(st + 1, |i| st + 2 + i);
            r.errors.push(DataError::new(
                &t.file,
                1,
                col,
                format!(
                    "block {:?} does not list the same {width} economies in the same order as the Rank block",
                    BLOCKS[b]
                ),
            ));
            return;
        }
    }
    // Units.
    let mut codes: HashMap<String, usize> = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        let code = unit_code(name);
        if let Some(prev) = codes.get(&code) {
            r.errors.push(DataError::new(
                &t.file,
                1,
                starts[0] + 2 + i,
                format!(
                    "economies {:?} and {:?} get the same code {code}",
                    names[*prev], name
                ),
            ));
            continue;
        }
        codes.insert(code.clone(), i);
        let mut aliases = Vec::new();
        if let Some(short) = name.strip_suffix(" (the)") {
            aliases.push(short.to_string());
        }
        if name == "Viet Nam" {
            aliases.push("Vietnam".to_string());
        }
        r.dataset.units.push(Unit {
            code,
            name_vi: name.clone(),
            name_en: name.clone(),
            aliases,
            region: None,
            region_en: None,
            first_year: None,
            last_year: None,
            successor: None,
        });
    }
    let unit_codes: Vec<String> = names.iter().map(|n| unit_code(n)).collect();
    let mut yd = YearData {
        year,
        units: unit_codes.clone(),
        figures: HashMap::new(),
    };
    // Nodes and figures.
    let mut nodes: Vec<Node> = Vec::new();
    let mut node_line: HashMap<String, usize> = HashMap::new();
    let mut order = 0u32;
    for row in &t.rows {
        let first = t.cell(row, 0);
        let (code, name, level, parent) = match first {
            "Global Innovation Index" => ("GII".to_string(), first.to_string(), 5, None),
            "Innovation Input Sub-index" => (
                "INPUT".to_string(),
                first.to_string(),
                4,
                Some("GII".to_string()),
            ),
            "Innovation Output Sub-index" => (
                "OUTPUT".to_string(),
                first.to_string(),
                4,
                Some("GII".to_string()),
            ),
            c if !c.is_empty() && c.chars().all(|x| x.is_ascii_digit() || x == '.') => {
                let code = c.trim_end_matches('.').to_string();
                let parts: Vec<&str> = code.split('.').collect();
                if parts.iter().any(|p| p.is_empty()) || parts.len() > 3 {
                    r.errors.push(t.error_at(
                        row,
                        0,
                        format!("expected a code like 1, 1.1. or 1.1.1., found {c:?}"),
                    ));
                    continue;
                }
                let level = 4 - parts.len() as u8;
                let parent = if parts.len() == 1 {
                    let p: u32 = parts[0].parse().unwrap_or(0);
                    Some(if p <= 5 { "INPUT" } else { "OUTPUT" }.to_string())
                } else {
                    Some(parts[..parts.len() - 1].join("."))
                };
                (code, t.cell(row, 1).to_string(), level, parent)
            }
            // Section labels ("Indicator", "Index") carry no figures.
            _ => continue,
        };
        if let Some(prev) = node_line.get(&code) {
            r.errors.push(t.error_at(
                row,
                0,
                format!(
                    "code {code} appears twice: line {prev} and line {}",
                    row.line
                ),
            ));
            continue;
        }
        node_line.insert(code.clone(), row.line);
        order += 1;
        nodes.push(Node {
            code: code.clone(),
            parent,
            level,
            order,
            weight: None,
            direction: None,
            unit: None,
            name_vi: name.clone(),
            name_en: name,
            denominator: None,
        });
        for (i, ucode) in unit_codes.iter().enumerate() {
            let col = |b: usize| starts[b] + 1 + i;
            let mut notes = Vec::new();
            let rank_txt = t.cell(row, col(0));
            let (rank_inner, bracketed) =
                match rank_txt.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
                    Some(inner) => (inner, true),
                    None => (rank_txt, false),
                };
            let rank = match parse_number(rank_inner) {
                Ok(None) => None,
                Ok(Some(v)) if v >= 1.0 && v.fract() == 0.0 && v <= width as f64 => Some(v as u32),
                _ => {
                    r.errors.push(t.error_at(
                        row,
                        col(0),
                        format!("expected a rank 1-{width}, [rank] or n/a, found {rank_txt:?}"),
                    ));
                    None
                }
            };
            if bracketed {
                notes.push(format!(
                    "rank published in brackets ({rank_txt}): in the GII report's convention, data coverage below its minimum"
                ));
            }
            let score = match t.number(row, col(1)) {
                Ok(v) => v,
                Err(e) => {
                    r.errors.push(e);
                    None
                }
            };
            let raw = match t.number(row, col(2)) {
                Ok(v) => v,
                Err(e) => {
                    r.errors.push(e);
                    None
                }
            };
            for (b, what) in [
                (3, "relative to its income group"),
                (4, "among all economies"),
            ] {
                match t.cell(row, col(b)) {
                    "" => {}
                    "Strength" => notes.push(format!("strength {what} (published)")),
                    "Weakness" => notes.push(format!("weakness {what} (published)")),
                    other => r.warnings.push(t.error_at(
                        row,
                        col(b),
                        format!("expected Strength, Weakness or empty, found {other:?}"),
                    )),
                }
            }
            if score.is_none() && rank.is_none() && raw.is_none() {
                continue;
            }
            yd.figures.insert(
                (ucode.clone(), code.clone()),
                Figure {
                    score: score.map(Fig::published),
                    rank: rank.map(Fig::published),
                    rank_bounds: None,
                    raw,
                    source: Some(format!("{} ({file})", r.dataset.meta.name)),
                    note: (!notes.is_empty()).then(|| notes.join("; ")),
                    at: Some(format!("{}:{}", t.file, row.line)),
                },
            );
        }
    }
    let known: HashMap<&str, ()> = nodes.iter().map(|n| (n.code.as_str(), ())).collect();
    for n in &nodes {
        if let Some(p) = &n.parent
            && !known.contains_key(p.as_str())
        {
            let line = node_line.get(&n.code).copied().unwrap_or(0);
            r.errors.push(DataError::new(
                &t.file,
                line,
                1,
                format!("code {} has no parent row {p}", n.code),
            ));
        }
    }
    // Completeness of the hierarchy: the file lists every child; sub-pillar
    // weights (some indicators count half) and pillar 7's weights are not in
    // the file, so means are declared only where they are simple means.
    let mut counts: HashMap<String, usize> = HashMap::new();
    for n in &nodes {
        if let Some(p) = &n.parent {
            *counts.entry(p.clone()).or_default() += 1;
        }
    }
    for n in &nodes {
        let simple = matches!(n.code.as_str(), "GII" | "INPUT" | "OUTPUT")
            || (n.level == 3 && n.code != "7");
        if simple && let Some(c) = counts.get(&n.code) {
            r.children.insert(n.code.clone(), *c);
        }
    }
    r.dataset.nodes = super::dataset::display_order(nodes);
    r.dataset.years.insert(year, yd);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_ascii() {
        assert_eq!(unit_code("Viet Nam"), "VIET_NAM");
        assert_eq!(unit_code("Netherlands (the)"), "NETHERLANDS_THE");
        assert_eq!(unit_code("Côte d'Ivoire"), "COTE_D_IVOIRE");
        assert_eq!(unit_code("Hong Kong, China"), "HONG_KONG_CHINA");
    }
}
