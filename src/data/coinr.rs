//! Readers for COINr's own layouts (R package COINr 1.x), as they are.
//!
//! - iMeta: `iCode, Parent, Level, Weight, Direction` and optionally
//!   `Denominator, iName, Type, Unit, Target`. Rows whose `Type` is
//!   `Denominator`, `Group` or `Other` are not framework nodes (they name the
//!   denominator and grouping columns of iData). Level 1 = indicator. An empty
//!   Weight means 1 and an empty Direction means +1.
//! - iData: `uCode` (required), `uName`, `Time` (ignored), the group columns,
//!   the denominator columns and one column per indicator. Any column the
//!   meta does not mention is reported as a warning and not read.
//!
//! Cells are read with [`Table`] (UTF-8 ± BOM, CRLF, quotes, missing markers
//! "", NA, N/A, n/a, -, ..); any other non-numeric cell is an error naming
//! file:line:column and the text found.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::csvio::{DataError, Table};
use crate::engine::framework::{EngineError, Framework, FwNode, Loc};
use crate::engine::pipeline::{GroupColumn, RawData, Series};

/// What a COINr iMeta file declares.
#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    /// Framework nodes (indicators and aggregates), file order.
    pub nodes: Vec<FwNode>,
    /// Codes of the grouping columns (`Type = Group`).
    pub groups: Vec<String>,
    /// Codes of the denominator columns (`Type = Denominator`).
    pub denominators: Vec<String>,
}

fn opt_col(t: &Table, names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| t.column(n))
}

/// Read an iMeta table.
pub fn read_meta(t: &Table) -> Result<Meta, DataError> {
    let c_code = t.require("iCode")?;
    let c_level = t.require("Level")?;
    let c_parent = t.require("Parent")?;
    let c_weight = opt_col(t, &["Weight"]);
    let c_dir = opt_col(t, &["Direction"]);
    let c_den = opt_col(t, &["Denominator"]);
    let c_name = opt_col(t, &["iName"]);
    let c_type = opt_col(t, &["Type"]);
    let c_unit = opt_col(t, &["Unit"]);
    let mut meta = Meta {
        nodes: Vec::new(),
        groups: Vec::new(),
        denominators: Vec::new(),
    };
    for row in &t.rows {
        let code = t.cell(row, c_code).to_string();
        if code.is_empty() {
            return Err(t.error_at(row, c_code, "empty iCode"));
        }
        let ty = c_type.map_or("", |c| t.cell(row, c));
        match ty.to_ascii_lowercase().as_str() {
            "denominator" => {
                meta.denominators.push(code);
                continue;
            }
            "group" => {
                meta.groups.push(code);
                continue;
            }
            "other" => continue,
            "" | "indicator" | "aggregate" => {}
            _ => {
                return Err(t.error_at(
                    row,
                    c_type.unwrap_or(0),
                    format!(
                        "expected Type Indicator, Aggregate, Group, Denominator or Other, found {ty:?}"
                    ),
                ));
            }
        }
        let level = match t.number(row, c_level)? {
            Some(l) if (1.0..=255.0).contains(&l) && l.fract() == 0.0 => l as u8,
            Some(l) => {
                return Err(t.error_at(
                    row,
                    c_level,
                    format!("expected a whole Level ≥ 1, found {l}"),
                ));
            }
            None => return Err(t.error_at(row, c_level, "expected a Level, found nothing")),
        };
        let weight = match c_weight {
            Some(c) => t.number(row, c)?.unwrap_or(1.0),
            None => 1.0,
        };
        let direction = match c_dir {
            Some(c) => match t.number(row, c)? {
                None => 1,
                Some(1.0) => 1,
                Some(-1.0) => -1,
                Some(d) => {
                    return Err(t.error_at(
                        row,
                        c,
                        format!("expected Direction 1 or -1, found {d}"),
                    ));
                }
            },
            None => 1,
        };
        let nonempty = |c: Option<usize>| {
            c.map(|c| t.cell(row, c).to_string())
                .filter(|s| !s.is_empty())
        };
        let parent = nonempty(Some(c_parent));
        let name = nonempty(c_name).unwrap_or_else(|| code.clone());
        meta.nodes.push(FwNode {
            code,
            parent,
            level,
            weight,
            direction,
            denominator: nonempty(c_den),
            name,
            unit: nonempty(c_unit),
            at: Some(Loc {
                file: t.file.clone(),
                line: row.line,
            }),
        });
    }
    Ok(meta)
}

/// Read an iData table against a meta. Returns the data and the warnings
/// (columns the meta does not mention).
pub fn read_data(t: &Table, meta: &Meta) -> Result<(RawData, Vec<String>), DataError> {
    let c_unit = t.require("uCode")?;
    let mut seen = HashSet::new();
    for (i, h) in t.headers.iter().enumerate() {
        if !seen.insert(h.to_ascii_lowercase()) {
            return Err(DataError::new(
                &t.file,
                1,
                i + 1,
                format!("duplicate column {h:?}"),
            ));
        }
    }
    let mut units = Vec::with_capacity(t.rows.len());
    let mut unit_lines = Vec::with_capacity(t.rows.len());
    let mut first_line: HashMap<String, usize> = HashMap::new();
    for row in &t.rows {
        let u = t.cell(row, c_unit).to_string();
        if u.is_empty() {
            return Err(t.error_at(row, c_unit, "empty uCode"));
        }
        if let Some(l) = first_line.insert(u.clone(), row.line) {
            return Err(t.error_at(
                row,
                c_unit,
                format!("duplicate uCode {u:?} (first at line {l})"),
            ));
        }
        units.push(u);
        unit_lines.push(row.line);
    }
    let numeric = |c: usize| -> Result<Series, DataError> {
        let mut values = Vec::with_capacity(t.rows.len());
        for row in &t.rows {
            values.push(t.number(row, c)?);
        }
        Ok(Series {
            code: t.headers[c].clone(),
            values,
            column: Some(c + 1),
        })
    };
    let mut used: HashSet<usize> = HashSet::new();
    used.insert(c_unit);
    for special in ["uName", "Time"] {
        if let Some(c) = t.column(special) {
            used.insert(c);
        }
    }
    let mut columns = Vec::new();
    for n in meta.nodes.iter().filter(|n| n.level == 1) {
        let c = t.column(&n.code).ok_or_else(|| {
            let at = n.at.as_ref();
            DataError::new(
                at.map_or(t.file.as_str(), |l| l.file.as_str()),
                at.map_or(0, |l| l.line),
                0,
                format!("indicator {:?} has no data column in {}", n.code, t.file),
            )
        })?;
        used.insert(c);
        let mut s = numeric(c)?;
        s.code = n.code.clone();
        columns.push(s);
    }
    let mut den_codes: Vec<String> = meta.denominators.clone();
    for n in &meta.nodes {
        if let Some(d) = &n.denominator
            && !den_codes.contains(d)
        {
            den_codes.push(d.clone());
        }
    }
    let mut denominators = Vec::new();
    for d in &den_codes {
        if let Some(c) = t.column(d) {
            used.insert(c);
            let mut s = numeric(c)?;
            s.code = d.clone();
            denominators.push(s);
        }
    }
    let mut groups = Vec::new();
    for (c, h) in t.headers.iter().enumerate() {
        let is_group =
            meta.groups.iter().any(|g| g.eq_ignore_ascii_case(h)) || h.starts_with("Group_");
        if is_group && !used.contains(&c) {
            used.insert(c);
            groups.push(GroupColumn {
                code: h.clone(),
                values: t
                    .rows
                    .iter()
                    .map(|r| Some(t.cell(r, c).to_string()).filter(|s| !s.is_empty()))
                    .collect(),
            });
        }
    }
    let warnings = t
        .headers
        .iter()
        .enumerate()
        .filter(|(c, _)| !used.contains(c))
        .map(|(_, h)| format!("{}: column {h:?} is not in the framework; ignored", t.file))
        .collect();
    Ok((
        RawData {
            units,
            columns,
            groups,
            denominators,
            file: Some(t.file.clone()),
            unit_lines,
        },
        warnings,
    ))
}

/// Read an iMeta and an iData file: the validated framework, the data and the
/// warnings. Everything is checked before anything is returned.
pub fn read(meta: &Path, data: &Path) -> Result<(Framework, RawData, Vec<String>), EngineError> {
    let mt = Table::read(meta)?;
    let dt = Table::read(data)?;
    let m = read_meta(&mt)?;
    let (raw, warnings) = read_data(&dt, &m)?;
    let fw = Framework::new(m.nodes)?;
    Ok((fw, raw, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_meta_and_data() {
        let mt = Table::parse(
            "m.csv",
            "iCode,Parent,Level,Weight,Direction,Denominator,Type\n\
             a,G,1,1,-1,Pop,Indicator\nb,G,1,0.5,1,,Indicator\nG,,2,1,1,,Aggregate\n\
             Pop,,,,,,Denominator\nReg,,,,,,Group\n",
        )
        .unwrap();
        let m = read_meta(&mt).unwrap();
        assert_eq!(m.nodes.len(), 3);
        assert_eq!(m.nodes[0].direction, -1);
        assert_eq!(m.nodes[1].weight, 0.5);
        assert_eq!(m.denominators, ["Pop"]);
        let dt = Table::parse(
            "d.csv",
            "uCode,uName,Reg,Pop,a,b,extra\nX,Ex,N,10,1,NA,1\nY,Why,S,20,2,3,2\n",
        )
        .unwrap();
        let (raw, w) = read_data(&dt, &m).unwrap();
        assert_eq!(raw.units, ["X", "Y"]);
        assert_eq!(raw.columns[1].values, vec![None, Some(3.0)]);
        assert_eq!(raw.denominators[0].values, vec![Some(10.0), Some(20.0)]);
        assert_eq!(
            raw.groups[0].values,
            vec![Some("N".into()), Some("S".into())]
        );
        assert_eq!(
            w,
            ["d.csv: column \"extra\" is not in the framework; ignored"]
        );

        let bad = Table::parse("d.csv", "uCode,Reg,Pop,a,b\nX,N,10,1,abc\n").unwrap();
        let e = read_data(&bad, &m).unwrap_err();
        assert!(
            e.to_string().starts_with("d.csv:2:5: expected a number"),
            "{e}"
        );
        assert!(e.to_string().ends_with("found \"abc\""));
    }
}
