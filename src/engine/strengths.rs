//! Strengths and weaknesses by the GII rule (methodology §8.1).
//!
//! Works on a plain score matrix (`[node][unit]` of `Option<f64>`), so it
//! applies to computed results and to published scores alike:
//! 1. each score becomes a percentile rank (rank_min − 1)/(n − 1) over the
//!    units with a score (ascending), truncated to 3 decimals as Excel's
//!    `PERCENTRANK.INC` does by default;
//! 2. a unit's strength cut-off is the 10th highest of its indicator
//!    percentile ranks; nodes at or above it are strengths (ties can give
//!    more than 10); weaknesses use the 10th lowest symmetrically;
//! 3. a node where the unit ranks 1, 2 or 3 is always a strength;
//! 4. the same cut-offs mark the unit's sub-pillars and pillars.
//!
//! With these settings ([`MarkRule::default`]) the published GII 2019
//! "Strength / Weakness" marks are reproduced on all 13,932 cells
//! (129 economies × 80 indicators, 21 sub-pillars, 7 pillars) from the
//! published ranks; with untruncated percentiles and the top-rank rule on
//! indicators only (the GII 2023 report's wording, [`MarkRule::literal`]),
//! 21 cells differ. See tests/engine_strengths_gii2019.rs.
//!
//! A unit with fewer than `cut` indicator scores gets no cut-off marks (only
//! the top-rank rule); a cell meeting both cut-offs (heavy ties) gets none.

use super::explore::Mark;
use super::pipeline::Results;
use super::rank;

/// What a column of the matrix is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// An indicator: sets the cut-offs, gets marks, top-rank rule applies.
    Indicator,
    /// A sub-pillar or pillar: gets marks with the unit's cut-offs.
    Aggregate,
    /// Not marked (sub-indices, the index, unplaced nodes).
    Unmarked,
}

/// Parameters of the rule.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MarkRule {
    /// The k-th highest / lowest percentile rank is the cut-off (GII: 10).
    pub cut: usize,
    /// Ranks up to this are always strengths (GII: 3).
    pub top_rank: u32,
    /// Apply the top-rank rule to marked aggregates too (GII 2019 practice:
    /// yes), not only to indicators.
    pub top_rank_aggregates: bool,
    /// Truncate percentile ranks to this many decimals (Excel
    /// `PERCENTRANK.INC`: 3); `None` = exact.
    pub percentile_digits: Option<u32>,
}

impl Default for MarkRule {
    /// The rule that reproduces WIPO's published GII 2019 marks.
    fn default() -> Self {
        MarkRule {
            cut: 10,
            top_rank: 3,
            top_rank_aggregates: true,
            percentile_digits: Some(3),
        }
    }
}

impl MarkRule {
    /// The GII 2023 report's wording taken literally: exact percentiles,
    /// top-rank rule on indicators only.
    pub fn literal() -> Self {
        MarkRule {
            top_rank_aggregates: false,
            percentile_digits: None,
            ..MarkRule::default()
        }
    }
}

/// Percentile ranks (rank_min − 1)/(n − 1) of a column, optionally truncated
/// to `digits` decimals with integer arithmetic (no rounding surprises).
fn percentiles(col: &[Option<f64>], digits: Option<u32>) -> Vec<Option<f64>> {
    let mut sorted: Vec<f64> = col.iter().flatten().copied().collect();
    let n = sorted.len();
    if n < 2 {
        return vec![None; col.len()];
    }
    sorted.sort_unstable_by(f64::total_cmp);
    let m = (n - 1) as u64;
    col.iter()
        .map(|v| {
            v.map(|x| {
                let below = sorted.partition_point(|y| *y < x) as u64;
                match digits {
                    Some(d) => {
                        let scale = 10u64.pow(d.min(9));
                        (below * scale / m) as f64 / scale as f64
                    }
                    None => below as f64 / m as f64,
                }
            })
        })
        .collect()
}

#[allow(clippy::needless_range_loop)]
/// Marks for every (node, unit): `[node][unit]`, same shape as `scores`.
pub fn marks(
    scores: &[Vec<Option<f64>>],
    roles: &[Role],
    rule: &MarkRule,
) -> Vec<Vec<Option<Mark>>> {
    let nu = scores.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = vec![vec![None; nu]; scores.len()];
    let pct: Vec<Option<Vec<Option<f64>>>> = scores
        .iter()
        .zip(roles)
        .map(|(c, r)| (*r != Role::Unmarked).then(|| percentiles(c, rule.percentile_digits)))
        .collect();
    let rnk: Vec<Option<Vec<Option<u32>>>> = scores
        .iter()
        .zip(roles)
        .map(|(c, r)| {
            let ranked =
                *r == Role::Indicator || (*r == Role::Aggregate && rule.top_rank_aggregates);
            ranked.then(|| rank::ranks(c))
        })
        .collect();
    for u in 0..nu {
        let mut ps: Vec<f64> = pct
            .iter()
            .zip(roles)
            .filter(|(_, r)| **r == Role::Indicator)
            .filter_map(|(p, _)| p.as_ref()?.get(u).copied().flatten())
            .collect();
        let cuts = if rule.cut > 0 && ps.len() >= rule.cut {
            ps.sort_unstable_by(f64::total_cmp);
            Some((ps[ps.len() - rule.cut], ps[rule.cut - 1]))
        } else {
            None
        };
        for (k, role) in roles.iter().enumerate() {
            if *role == Role::Unmarked {
                continue;
            }
            let top = rnk[k]
                .as_ref()
                .and_then(|r| r.get(u).copied().flatten())
                .is_some_and(|r| r <= rule.top_rank);
            let p = pct[k].as_ref().and_then(|p| p.get(u).copied().flatten());
            let mark = if top {
                Some(Mark::Strength)
            } else {
                match (p, cuts) {
                    (Some(p), Some((hi, lo))) => match (p >= hi, p <= lo) {
                        (true, false) => Some(Mark::Strength),
                        (false, true) => Some(Mark::Weakness),
                        _ => None,
                    },
                    _ => None,
                }
            };
            out[k][u] = mark;
        }
    }
    out
}

/// Roles from levels: level 1 = indicator; aggregates below the sub-index
/// level (level ≤ max level − 2) are marked; the rest is not.
pub fn roles_by_level(levels: &[u8]) -> Vec<Role> {
    let max = levels.iter().copied().max().unwrap_or(0);
    levels
        .iter()
        .map(|&l| {
            if l == 1 {
                Role::Indicator
            } else if l + 2 <= max {
                Role::Aggregate
            } else {
                Role::Unmarked
            }
        })
        .collect()
}

/// Marks of computed results: `[node][unit]`, framework node order.
pub fn marks_for(results: &Results, rule: &MarkRule) -> Vec<Vec<Option<Mark>>> {
    let levels: Vec<u8> = results.framework.nodes().iter().map(|n| n.level).collect();
    marks(&results.score_matrix(), &roles_by_level(&levels), rule)
}
