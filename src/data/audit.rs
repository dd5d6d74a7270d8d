//! The audit behind `pii validate`: every structural problem the loader found,
//! plus the consistency of the published figures with each other:
//!
//! * score order vs rank order (a higher score with a worse rank), shared
//!   ranks with different scores;
//! * each published rank vs the ranks the other published figures allow
//!   (the same bounds the derive step computes), and unranked scores that no
//!   rank can fit;
//! * each published aggregate vs the (weighted) mean of its published
//!   children, where the framework lists all children, within rounding: half
//!   a unit in the last published decimal for the aggregate plus half a unit
//!   for its rounded children;
//! * coverage per year.
//!
//! Every finding is a [`DataError`] located at file:line:column. Pure.

use std::collections::HashSet;

use super::csvio::DataError;
use super::dataset::{Files, LoadReport, load_report};
use super::derive::{self, Entry};
use super::model::*;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The data is wrong or cannot be read: `pii validate` exits 1.
    Error,
    /// Worth a look; the data is usable.
    Warning,
}

/// One problem, at its place.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    pub error: DataError,
}

/// Coverage of one year on the root node, and over all nodes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct YearCoverage {
    pub year: Year,
    pub units: usize,
    pub scores_published: usize,
    pub ranks_published: usize,
    pub scores_computed: usize,
    pub ranks_computed: usize,
    /// Units with rank bounds but no rank.
    pub bounded: usize,
    /// Published figures (score, rank or raw) on every node.
    pub figures_published: usize,
}

/// The result of an audit.
#[derive(Clone, Debug, Default)]
pub struct Audit {
    /// The root node the coverage counts (e.g. `PII`).
    pub root: Option<String>,
    pub findings: Vec<Finding>,
    pub coverage: Vec<YearCoverage>,
}

impl Audit {
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }
    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }
    /// No errors (warnings allowed).
    pub fn is_sound(&self) -> bool {
        self.errors() == 0
    }
}

/// Load and audit a set of files.
pub fn audit_files(files: &Files) -> Audit {
    audit(&load_report(files))
}

/// Audit a load report.
pub fn audit(r: &LoadReport) -> Audit {
    let mut a = Audit::default();
    for e in &r.errors {
        a.findings.push(Finding {
            severity: Severity::Error,
            error: e.clone(),
        });
    }
    for e in &r.warnings {
        a.findings.push(Finding {
            severity: Severity::Warning,
            error: e.clone(),
        });
    }
    let ds = &r.dataset;
    let col = |name: &str| r.columns.get(name).copied().unwrap_or(0);
    let decimals = ds.meta.decimals.unwrap_or(2) as i32;
    let tol = 10f64.powi(-decimals) + 1e-9;
    for yd in ds.years.values() {
        for node in &ds.nodes {
            order_checks(&mut a, yd, &node.code, &col);
        }
        aggregate_checks(&mut a, ds, r, yd, tol, decimals, &col);
    }
    a.root = ds.root().map(|n| n.code.clone());
    if let Some(root) = &a.root {
        for yd in ds.years.values() {
            a.coverage.push(coverage(yd, root));
        }
    }
    a.findings.sort_by(|x, y| {
        (x.severity, &x.error.file, x.error.line, x.error.column).cmp(&(
            y.severity,
            &y.error.file,
            y.error.line,
            y.error.column,
        ))
    });
    a
}

/// Split `file:line` of a figure.
fn place(f: &Figure) -> (String, usize) {
    let at = f.at.clone().unwrap_or_default();
    match at.rsplit_once(':') {
        Some((file, line)) => (file.to_string(), line.parse().unwrap_or(0)),
        None => (at, 0),
    }
}

fn line_of(f: &Figure) -> usize {
    place(f).1
}

fn order_checks(a: &mut Audit, yd: &YearData, node: &str, col: &dyn Fn(&str) -> usize) {
    // (unit index, score, rank, figure)
    let mut both: Vec<(usize, f64, u32, &Figure)> = Vec::new();
    let mut ranked: Vec<(usize, u32, &Figure)> = Vec::new();
    for (i, u) in yd.units.iter().enumerate() {
        let Some(f) = yd.figure(u, node) else {
            continue;
        };
        let s = f.score.filter(Fig::is_published).map(|s| s.value);
        let k = f.rank.filter(Fig::is_published).map(|r| r.value);
        if let Some(k) = k {
            ranked.push((i, k, f));
            if let Some(s) = s {
                both.push((i, s, k, f));
            }
        }
    }
    if ranked.is_empty() {
        return;
    }
    let mut in_conflict: HashSet<usize> = HashSet::new();
    let rank_col = col("rank");
    for (x, &(ia, sa, ka, fa)) in both.iter().enumerate() {
        for &(ib, sb, kb, fb) in &both[x + 1..] {
            let (hi, lo) = if sa >= sb {
                ((ia, sa, ka, fa), (ib, sb, kb, fb))
            } else {
                ((ib, sb, kb, fb), (ia, sa, ka, fa))
            };
            let (file, line) = place(hi.3);
            let u_hi = &yd.units[hi.0];
            let u_lo = &yd.units[lo.0];
            if hi.1 > lo.1 && hi.2 > lo.2 {
                in_conflict.insert(hi.0);
                in_conflict.insert(lo.0);
                a.findings.push(Finding {
                    severity: Severity::Error,
                    error: DataError::new(
                        file,
                        line,
                        rank_col,
                        format!(
                            "{} {node} {}: score {} is higher than {}'s {} (line {}) but rank {} is worse than its rank {}: expected a rank better than {}",
                            yd.year, u_hi, hi.1, u_lo, lo.1, line_of(lo.3), hi.2, lo.2, lo.2
                        ),
                    ),
                });
            } else if hi.2 == lo.2 && hi.1 != lo.1 {
                in_conflict.insert(hi.0);
                in_conflict.insert(lo.0);
                a.findings.push(Finding {
                    severity: Severity::Error,
                    error: DataError::new(
                        file,
                        line,
                        rank_col,
                        format!(
                            "{} {node} {}: rank {} is shared with {} (line {}) but the scores differ ({} vs {}): expected different ranks",
                            yd.year, u_hi, hi.2, u_lo, line_of(lo.3), hi.1, lo.1
                        ),
                    ),
                });
            }
        }
    }
    // Shared ranks where a score is missing.
    for (x, &(ia, ka, fa)) in ranked.iter().enumerate() {
        for &(ib, kb, fb) in &ranked[x + 1..] {
            if ka != kb || in_conflict.contains(&ia) || in_conflict.contains(&ib) {
                continue;
            }
            let sa = fa.score.filter(Fig::is_published).map(|s| s.value);
            let sb = fb.score.filter(Fig::is_published).map(|s| s.value);
            if sa.is_some() && sb.is_some() {
                continue; // handled above
            }
            let (file, line) = place(fb);
            a.findings.push(Finding {
                severity: Severity::Warning,
                error: DataError::new(
                    file,
                    line,
                    rank_col,
                    format!(
                        "{} {node} {}: rank {kb} is also given to {} (line {}); a shared rank is a tie, which the scores cannot confirm",
                        yd.year, yd.units[ib], yd.units[ia], line_of(fa)
                    ),
                ),
            });
            in_conflict.insert(ia);
            in_conflict.insert(ib);
        }
    }
    // Ranks vs the ranks the other published figures allow.
    let entries: Vec<Entry> = derive::published_entries(yd, node);
    let n = yd.units.len();
    let partial = entries
        .iter()
        .any(|e| e.rank.is_none() || e.score.is_none());
    for (i, e) in entries.iter().enumerate() {
        if in_conflict.contains(&i) || e.score.is_none() {
            continue;
        }
        if !partial && e.rank.is_some() {
            continue; // complete: the pairwise checks say it all
        }
        let Some(f) = yd.figure(&yd.units[i], node) else {
            continue;
        };
        let (file, line) = place(f);
        match (derive::rank_bounds(&entries, n, i), e.rank) {
            (None, Some(k)) => a.findings.push(Finding {
                severity: Severity::Error,
                error: DataError::new(
                    file,
                    line,
                    rank_col,
                    format!(
                        "{} {node} {}: no rank fits score {} among the other published figures (published rank {k})",
                        yd.year,
                        yd.units[i],
                        e.score.unwrap_or_default()
                    ),
                ),
            }),
            (None, None) => a.findings.push(Finding {
                severity: Severity::Error,
                error: DataError::new(
                    file,
                    line,
                    col("score"),
                    format!(
                        "{} {node} {}: no rank fits score {} among the published scores and ranks",
                        yd.year,
                        yd.units[i],
                        e.score.unwrap_or_default()
                    ),
                ),
            }),
            (Some((b, w)), Some(k)) if k < b || k > w => a.findings.push(Finding {
                severity: Severity::Error,
                error: DataError::new(
                    file,
                    line,
                    rank_col,
                    format!(
                        "{} {node} {}: published rank {k} does not fit: the other published figures allow ranks {b}-{w} for score {}",
                        yd.year,
                        yd.units[i],
                        e.score.unwrap_or_default()
                    ),
                ),
            }),
            _ => {}
        }
    }
}

fn aggregate_checks(
    a: &mut Audit,
    ds: &Dataset,
    r: &LoadReport,
    yd: &YearData,
    tol: f64,
    decimals: i32,
    col: &dyn Fn(&str) -> usize,
) {
    for node in &ds.nodes {
        let Some(kids) = derive::complete_children(ds, &r.children, &node.code) else {
            continue;
        };
        for u in &yd.units {
            let Some(f) = yd.figure(u, &node.code) else {
                continue;
            };
            let Some(p) = f.score.filter(Fig::is_published) else {
                continue;
            };
            let Some(m) = derive::mean_of_published(yd, u, &kids) else {
                continue;
            };
            if (p.value - m).abs() > tol {
                let (file, line) = place(f);
                let names: Vec<&str> = kids.iter().map(|(k, _)| k.as_str()).collect();
                let d = decimals.max(0) as usize;
                a.findings.push(Finding {
                    severity: Severity::Error,
                    error: DataError::new(
                        file,
                        line,
                        col("score"),
                        format!(
                            "{} {} {u}: published score {:.d$} differs from the mean of its published children {} ({:.4}) by {:.4}: expected within {:.4} (rounding to {d} decimals)",
                            yd.year,
                            node.code,
                            p.value,
                            names.join(", "),
                            m,
                            (p.value - m).abs(),
                            tol - 1e-9,
                        ),
                    ),
                });
            }
        }
    }
}

fn coverage(yd: &YearData, root: &str) -> YearCoverage {
    let mut c = YearCoverage {
        year: yd.year,
        units: yd.units.len(),
        ..Default::default()
    };
    for u in &yd.units {
        if let Some(f) = yd.figure(u, root) {
            match f.score.map(|s| s.origin) {
                Some(Origin::Published) => c.scores_published += 1,
                Some(Origin::Computed) => c.scores_computed += 1,
                None => {}
            }
            match f.rank.map(|s| s.origin) {
                Some(Origin::Published) => c.ranks_published += 1,
                Some(Origin::Computed) => c.ranks_computed += 1,
                None => {
                    if f.rank_bounds.is_some() {
                        c.bounded += 1;
                    }
                }
            }
        }
    }
    c.figures_published = yd
        .figures
        .values()
        .filter(|f| {
            f.score.is_some_and(|s| s.is_published())
                || f.rank.is_some_and(|r| r.is_published())
                || f.raw.is_some()
        })
        .count();
    c
}
