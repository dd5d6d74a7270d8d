//! Queries over a [`Dataset`] shared by the CLI and the TUI: rankings with
//! rank changes across boundary changes, unit profiles, comparisons, rank
//! history, movers, unit look-up.
//!
//! Missing figures stay missing (`None`), never 0. Across a boundary change
//! (the 2025 merger of 63 provinces into 34 units) a unit is compared with the
//! units it continues ([`RankChange::Merged`]), never by a bare difference.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::data::{Dataset, Fig, Node, Origin, Unit, Year};
use crate::text;

/// How a unit's rank moved since the previous year of the dataset.
#[derive(Clone, Debug, PartialEq)]
pub enum RankChange {
    /// Rank number went down by n (better), e.g. 5 → 3 is `Up(2)`.
    Up(u32),
    /// Rank number went up by n (worse).
    Down(u32),
    Same,
    /// The unit did not exist in the previous year and has no predecessors.
    New,
    /// The unit was formed by a merger; the comparison is with its predecessors
    /// (never a bare difference).
    Merged(Vec<Predecessor>),
    /// One of the two ranks is not known.
    NoData,
}

/// A unit that was merged into another, with its figures in a given year.
#[derive(Clone, Debug, PartialEq)]
pub struct Predecessor {
    pub code: String,
    pub name_vi: String,
    pub year: Year,
    pub score: Option<Fig<f64>>,
    pub rank: Option<Fig<u32>>,
    /// Number of ranked units that year (63 before the merger).
    pub of: usize,
}

impl Predecessor {
    /// The predecessor's rank as "r/of" ("5/63", "7*/63" when computed by
    /// pii), or "—" ("-" in ASCII) when it is not known.
    pub fn rank_of(&self, ascii: bool) -> String {
        match self.rank {
            Some(r) => {
                let star = if r.origin == Origin::Computed {
                    "*"
                } else {
                    ""
                };
                if self.of > 0 {
                    format!("{}{star}/{}", r.value, self.of)
                } else {
                    format!("{}{star}", r.value)
                }
            }
            None => unknown(ascii).to_string(),
        }
    }
}

fn unknown(ascii: bool) -> &'static str {
    if ascii { "-" } else { "—" }
}

impl RankChange {
    /// The one predecessor when `unit` merely kept its code across a boundary
    /// change (its only predecessor is itself).
    pub fn kept_code<'a>(&'a self, unit: &str) -> Option<&'a Predecessor> {
        match self {
            RankChange::Merged(p) => match p.as_slice() {
                [one] if one.code == unit => Some(one),
                _ => None,
            },
            _ => None,
        }
    }

    /// The text of a rank change of `unit`, the same in the CLI and the
    /// explorer. Short (list column): "▲2", "▼5", "–", "new", "merged",
    /// "was 13". Long: the same except "merged (BN 11, BG 10)" and
    /// "was 13/63 (2024)". An unknown rank is "—"; with `ascii`, "^", "v",
    /// "=" and "-" replace "▲", "▼", "–" and "—". No data: "".
    pub fn label(&self, unit: &str, short: bool, ascii: bool) -> String {
        let rank = |r: Option<Fig<u32>>| match r {
            Some(f) if f.origin == Origin::Computed => format!("{}*", f.value),
            Some(f) => f.value.to_string(),
            None => unknown(ascii).to_string(),
        };
        match self {
            RankChange::Up(n) => format!("{}{n}", if ascii { "^" } else { "▲" }),
            RankChange::Down(n) => format!("{}{n}", if ascii { "v" } else { "▼" }),
            RankChange::Same => (if ascii { "=" } else { "–" }).to_string(),
            RankChange::New => "new".to_string(),
            RankChange::NoData => String::new(),
            RankChange::Merged(_) if self.kept_code(unit).is_some() => {
                let Some(one) = self.kept_code(unit) else {
                    return String::new();
                };
                if short {
                    format!("was {}", rank(one.rank))
                } else if one.rank.is_some() {
                    format!("was {} ({})", one.rank_of(ascii), one.year)
                } else {
                    format!("was {} ({})", unknown(ascii), one.year)
                }
            }
            RankChange::Merged(_) if short => "merged".to_string(),
            RankChange::Merged(p) => {
                let parts: Vec<String> = p
                    .iter()
                    .map(|x| format!("{} {}", text::sanitize(&x.code), rank(x.rank)))
                    .collect();
                format!("merged ({})", parts.join(", "))
            }
        }
    }
}

/// One row of a ranking.
#[derive(Clone, Debug, PartialEq)]
pub struct RankRow {
    pub unit: String,
    pub score: Option<Fig<f64>>,
    pub rank: Option<Fig<u32>>,
    /// Range the rank must lie in when it is not published.
    pub rank_bounds: Option<(u32, u32)>,
    pub change: RankChange,
}

/// How much of a year is published.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Coverage {
    pub year: Year,
    pub units: usize,
    pub scores_published: usize,
    pub ranks_published: usize,
    pub scores_computed: usize,
    pub ranks_computed: usize,
}

/// Strength or weakness mark of a unit on a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Strength,
    Weakness,
}

/// One row of a unit profile (pre-order walk of the framework).
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileRow {
    pub node: String,
    pub depth: usize,
    pub score: Option<Fig<f64>>,
    pub rank: Option<Fig<u32>>,
    /// Number of units with a rank on this node in this year.
    pub of: usize,
    pub raw: Option<f64>,
    pub mark: Option<Mark>,
    pub source: Option<String>,
}

/// One row of a side-by-side comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareRow {
    pub node: String,
    pub depth: usize,
    pub a: Option<Fig<f64>>,
    pub b: Option<Fig<f64>>,
    pub rank_a: Option<Fig<u32>>,
    pub rank_b: Option<Fig<u32>>,
    /// a − b when both are known.
    pub diff: Option<f64>,
    /// For pillars: the share of the index gap this pillar accounts for
    /// (its weighted difference divided by the sum over pillars), when all
    /// pillar scores of both units are known.
    pub share_of_gap: Option<f64>,
}

/// One point of a unit's history; for a merged unit the earlier years list
/// its predecessors.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryPoint {
    pub year: Year,
    pub unit: String,
    pub score: Option<Fig<f64>>,
    pub rank: Option<Fig<u32>>,
    pub of: usize,
}

/// A unit's move between two years.
#[derive(Clone, Debug, PartialEq)]
pub struct Mover {
    pub unit: String,
    pub from: Option<Fig<u32>>,
    pub to: Option<Fig<u32>>,
    pub change: RankChange,
}

/// Why a unit query found nothing or too much.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum FindError {
    #[error("no unit matches {query:?}; closest: {}", closest.join(", "))]
    Unknown { query: String, closest: Vec<String> },
    #[error("{query:?} is ambiguous: {}", candidates.join(", "))]
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },
}

// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

/// Number of units a rank on `node` in `year` is out of: every unit of the
/// year when at least one of them has a rank on that node (published ranks are
/// ranks among all the year's units, even when only some are known), else 0.
pub fn ranked_of(ds: &Dataset, year: Year, node: &str) -> usize {
    let Some(yd) = ds.year(year) else {
        return 0;
    };
    let any = yd.units.iter().any(|u| yd.rank(u, node).is_some());
    if any { yd.units.len() } else { 0 }
}

/// Whether going from `from` to `to` crosses a boundary change: some unit of
/// `from` is gone in `to` and its successor is a unit of `to`.
pub fn crosses_boundary(ds: &Dataset, from: Year, to: Year) -> bool {
    let (Some(a), Some(b)) = (ds.year(from), ds.year(to)) else {
        return false;
    };
    a.units.iter().any(|code| {
        !b.units.contains(code)
            && ds
                .unit(code)
                .and_then(|u| u.successor.as_deref())
                .is_some_and(|s| b.units.iter().any(|c| c == s))
    })
}

/// The units of `year` that `unit` continues: the units of that year whose
/// successor is `unit`, plus `unit` itself when it already existed then (same
/// code kept across the merger), with their figures on `node`. The unit that
/// carries the same name comes first, then the others by rank (unknown last),
/// then by Vietnamese name.
pub fn predecessors_in(ds: &Dataset, year: Year, unit: &str, node: &str) -> Vec<Predecessor> {
    lineage(ds, year, None, unit, node, ranked_of(ds, year, node))
}

/// [`predecessors_in`]; with `to`, only the units that are gone in `to`
/// (a unit that still exists in `to` was not merged yet).
fn lineage(
    ds: &Dataset,
    year: Year,
    to: Option<Year>,
    unit: &str,
    node: &str,
    of: usize,
) -> Vec<Predecessor> {
    let Some(yd) = ds.year(year) else {
        return Vec::new();
    };
    let to_units = to.and_then(|t| ds.year(t)).map(|t| &t.units);
    let gone = |code: &str| to_units.is_none_or(|t| !t.iter().any(|u| u == code));
    let in_year = |code: &str| yd.units.iter().any(|u| u == code);
    let own_name = ds.unit(unit).map(|u| text::fold(&u.name_vi));
    // The unit itself (when it kept its code), then the units merged into it.
    let mut codes: Vec<(&str, &str)> = Vec::new();
    if in_year(unit) {
        let name = ds.unit(unit).map_or(unit, |u| u.name_vi.as_str());
        codes.push((unit, name));
    }
    for u in &ds.units {
        if u.code != unit
            && u.successor.as_deref() == Some(unit)
            && in_year(&u.code)
            && gone(&u.code)
        {
            codes.push((u.code.as_str(), u.name_vi.as_str()));
        }
    }
    let mut out: Vec<Predecessor> = codes
        .into_iter()
        .map(|(code, name)| Predecessor {
            code: code.to_string(),
            name_vi: name.to_string(),
            year,
            score: yd.score(code, node),
            rank: yd.rank(code, node),
            of,
        })
        .collect();
    out.sort_by(|a, b| {
        let same_a = own_name.as_deref() == Some(text::fold(&a.name_vi).as_str());
        let same_b = own_name.as_deref() == Some(text::fold(&b.name_vi).as_str());
        same_b
            .cmp(&same_a)
            .then_with(|| cmp_rank_opt(a.rank, b.rank))
            .then_with(|| text::collate(&a.name_vi, &b.name_vi))
    });
    out
}

/// Known ranks first (ascending), unknown last.
fn cmp_rank_opt(a: Option<Fig<u32>>, b: Option<Fig<u32>>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.value.cmp(&b.value),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn name_of(ds: &Dataset, code: &str) -> String {
    ds.unit(code)
        .map_or_else(|| code.to_string(), |u| u.name_vi.clone())
}

/// How many units of `year` have a published / computed score and rank on the
/// index (root) node.
pub fn coverage(ds: &Dataset, year: Year) -> Coverage {
    let mut c = Coverage {
        year,
        ..Coverage::default()
    };
    let Some(yd) = ds.year(year) else {
        return c;
    };
    c.units = yd.units.len();
    let Some(root) = ds.root() else {
        return c;
    };
    for u in &yd.units {
        match yd.score(u, &root.code).map(|f| f.origin) {
            Some(Origin::Published) => c.scores_published += 1,
            Some(Origin::Computed) => c.scores_computed += 1,
            None => {}
        }
        match yd.rank(u, &root.code).map(|f| f.origin) {
            Some(Origin::Published) => c.ranks_published += 1,
            Some(Origin::Computed) => c.ranks_computed += 1,
            None => {}
        }
    }
    c
}

/// The ranking of `year` on `node`: one row per unit of the year. Ranked units
/// by rank (ties by Vietnamese name), then units with a score but no rank by
/// score (descending), then the rest by Vietnamese name.
pub fn ranking(ds: &Dataset, year: Year, node: &str) -> Vec<RankRow> {
    let Some(yd) = ds.year(year) else {
        return Vec::new();
    };
    let prev = ds.previous_year(year);
    let crosses = prev.is_some_and(|p| crosses_boundary(ds, p, year));
    let of_prev = prev.map_or(0, |p| ranked_of(ds, p, node));
    let mut rows: Vec<(RankRow, String)> = yd
        .units
        .iter()
        .map(|u| {
            let f = yd.figure(u, node);
            (
                RankRow {
                    unit: u.clone(),
                    score: f.and_then(|f| f.score),
                    rank: f.and_then(|f| f.rank),
                    rank_bounds: f.and_then(|f| f.rank_bounds),
                    change: match prev {
                        Some(p) => change_between(ds, p, year, u, node, crosses, of_prev),
                        None => RankChange::NoData,
                    },
                },
                name_of(ds, u),
            )
        })
        .collect();
    // Ranked units by rank; a unit known only by rank bounds at the middle of
    // its bounds (Quảng Ngãi 2023, 31–32, between 30 and 33); then units with
    // a score only (by score), then the rest, by Vietnamese name.
    let position = |r: &RankRow| match (r.rank, r.rank_bounds) {
        (Some(k), _) => Some(f64::from(k.value)),
        (None, Some((lo, hi))) => Some((f64::from(lo) + f64::from(hi)) / 2.0),
        (None, None) => None,
    };
    rows.sort_by(|(a, na), (b, nb)| {
        let class = |r: &RankRow| match (position(r), r.score) {
            (Some(_), _) => 0,
            (None, Some(_)) => 1,
            (None, None) => 2,
        };
        class(a)
            .cmp(&class(b))
            .then_with(|| match (position(a), position(b)) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                _ => Ordering::Equal,
            })
            .then_with(|| b.rank.is_some().cmp(&a.rank.is_some()))
            .then_with(|| match (a.score, b.score) {
                (Some(x), Some(y)) if class(a) == 1 => y.value.total_cmp(&x.value),
                _ => Ordering::Equal,
            })
            .then_with(|| text::collate(na, nb))
            .then_with(|| a.unit.cmp(&b.unit))
    });
    rows.into_iter().map(|(r, _)| r).collect()
}

/// How `unit`'s rank on `node` moved since the dataset's previous year.
pub fn rank_change(ds: &Dataset, year: Year, unit: &str, node: &str) -> RankChange {
    match ds.previous_year(year) {
        Some(prev) => rank_change_between(ds, prev, year, unit, node),
        None => RankChange::NoData,
    }
}

/// How `unit`'s rank on `node` moved from year `from` to year `to`.
///
/// Across a boundary change (see [`crosses_boundary`]) a unit is never given a
/// bare difference: it is `Merged` with the units it continues (itself when it
/// kept its code, and every unit whose successor it is), with their ranks.
pub fn rank_change_between(
    ds: &Dataset,
    from: Year,
    to: Year,
    unit: &str,
    node: &str,
) -> RankChange {
    let of = ranked_of(ds, from, node);
    change_between(ds, from, to, unit, node, crosses_boundary(ds, from, to), of)
}

/// [`rank_change_between`] with `crosses_boundary(from, to)` and
/// `ranked_of(from, node)` already known.
fn change_between(
    ds: &Dataset,
    from: Year,
    to: Year,
    unit: &str,
    node: &str,
    crosses: bool,
    of_from: usize,
) -> RankChange {
    let (Some(a), Some(b)) = (ds.year(from), ds.year(to)) else {
        return RankChange::NoData;
    };
    if !b.units.iter().any(|u| u == unit) {
        return RankChange::NoData;
    }
    let existed = a.units.iter().any(|u| u == unit);
    let preds = lineage(ds, from, Some(to), unit, node, of_from);
    let merged_into = preds.iter().any(|p| p.code != unit);
    if crosses || merged_into {
        if preds.is_empty() {
            return RankChange::New;
        }
        return RankChange::Merged(preds);
    }
    if !existed {
        return RankChange::New;
    }
    match (a.rank(unit, node), b.rank(unit, node)) {
        (Some(x), Some(y)) => diff_change(x.value, y.value),
        _ => RankChange::NoData,
    }
}

fn diff_change(from: u32, to: u32) -> RankChange {
    match to.cmp(&from) {
        Ordering::Less => RankChange::Up(from - to),
        Ordering::Greater => RankChange::Down(to - from),
        Ordering::Equal => RankChange::Same,
    }
}

/// Nodes in profile order with their depth: a pre-order walk of the framework
/// from the root (children by `order`), then the "unplaced" nodes (no parent,
/// or a parent missing from the framework; not the root) with their own
/// subtrees, each starting again at depth 0.
pub fn profile_order(ds: &Dataset) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    fn walk<'a>(
        ds: &'a Dataset,
        code: &'a str,
        depth: usize,
        seen: &mut std::collections::HashSet<&'a str>,
        out: &mut Vec<(String, usize)>,
    ) {
        if !seen.insert(code) {
            return;
        }
        out.push((code.to_string(), depth));
        for c in ds.children(code) {
            walk(ds, &c.code, depth + 1, seen, out);
        }
    }
    let root = ds.root();
    if let Some(r) = root {
        walk(ds, &r.code, 0, &mut seen, &mut out);
    }
    let mut unplaced: Vec<&Node> = ds
        .nodes
        .iter()
        .filter(|n| Some(n.code.as_str()) != root.map(|r| r.code.as_str()))
        .filter(|n| match n.parent.as_deref() {
            None => true,
            Some(p) => ds.node(p).is_none(),
        })
        .collect();
    // Higher levels first, then display order, as in the framework file.
    unplaced.sort_by(|a, b| b.level.cmp(&a.level).then(a.order.cmp(&b.order)));
    for n in unplaced {
        walk(ds, &n.code, 0, &mut seen, &mut out);
    }
    // Anything left (cycles in the parent links) at the end, flat.
    for n in &ds.nodes {
        if !seen.contains(n.code.as_str()) {
            seen.insert(n.code.as_str());
            out.push((n.code.clone(), 0));
        }
    }
    out
}

/// Whether `code` is placed in the tree under the root (not "unplaced").
pub fn is_placed(ds: &Dataset, code: &str) -> bool {
    let Some(root) = ds.root() else {
        return false;
    };
    let mut cur = code;
    for _ in 0..=ds.nodes.len() {
        if cur == root.code {
            return true;
        }
        match ds.node(cur).and_then(|n| n.parent.as_deref()) {
            Some(p) => cur = p,
            None => return false,
        }
    }
    false
}

/// Strength / weakness marks of `unit` in `year` by node code, by the GII
/// rule of [`crate::engine::strengths`] on the year's scores (published or
/// computed). Only nodes placed in the tree whose scores are known for at
/// least half of the year's units take part: percentiles and "top 3" ranks
/// among a handful of published scores would be meaningless, so with the
/// PII's partial publication there are no marks.
pub fn marks(ds: &Dataset, year: Year, unit: &str) -> HashMap<String, Mark> {
    use crate::engine::strengths::{self, MarkRule, Role};
    let mut out = HashMap::new();
    let Some(yd) = ds.year(year) else {
        return out;
    };
    let Some(ui) = yd.units.iter().position(|u| u == unit) else {
        return out;
    };
    let n = yd.units.len();
    // One pass over the year's figures into a node × unit matrix.
    let uidx: HashMap<&str, usize> = yd
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.as_str(), i))
        .collect();
    let nidx: HashMap<&str, usize> = ds
        .nodes
        .iter()
        .enumerate()
        .map(|(i, nd)| (nd.code.as_str(), i))
        .collect();
    let mut scores = vec![vec![None; n]; ds.nodes.len()];
    for ((u, nd), f) in &yd.figures {
        if let (Some(&ui), Some(&ni), Some(s)) =
            (uidx.get(u.as_str()), nidx.get(nd.as_str()), f.score)
            && s.value.is_finite()
        {
            scores[ni][ui] = Some(s.value);
        }
    }
    let mut levels = Vec::with_capacity(ds.nodes.len());
    for (node, col) in ds.nodes.iter().zip(&scores) {
        let known = col.iter().filter(|v| v.is_some()).count();
        levels.push((
            node.level,
            known * 2 >= n && n > 0 && is_placed(ds, &node.code),
        ));
    }
    let mut roles = strengths::roles_by_level(&levels.iter().map(|l| l.0).collect::<Vec<_>>());
    for (r, (_, ok)) in roles.iter_mut().zip(&levels) {
        if !ok {
            *r = Role::Unmarked;
        }
    }
    let m = strengths::marks(&scores, &roles, &MarkRule::default());
    for (node, col) in ds.nodes.iter().zip(m) {
        if let Some(Some(mark)) = col.get(ui) {
            out.insert(node.code.clone(), *mark);
        }
    }
    out
}

/// A unit's profile in `year`: one row per framework node in [`profile_order`],
/// with strength / weakness marks (see [`marks`]).
pub fn profile(ds: &Dataset, year: Year, unit: &str) -> Vec<ProfileRow> {
    let yd = ds.year(year);
    let marks = marks(ds, year, unit);
    // Nodes with at least one rank this year (see `ranked_of`), in one pass.
    let ranked: std::collections::HashSet<&str> = yd.map_or_else(Default::default, |y| {
        y.figures
            .iter()
            .filter(|(_, f)| f.rank.is_some())
            .map(|((_, n), _)| n.as_str())
            .collect()
    });
    let units = yd.map_or(0, |y| y.units.len());
    profile_order(ds)
        .into_iter()
        .map(|(node, depth)| {
            let f = yd.and_then(|y| y.figure(unit, &node));
            ProfileRow {
                of: if ranked.contains(node.as_str()) {
                    units
                } else {
                    0
                },
                depth,
                score: f.and_then(|f| f.score),
                rank: f.and_then(|f| f.rank),
                raw: f.and_then(|f| f.raw),
                source: f.and_then(|f| f.source.clone()),
                mark: marks.get(&node).copied(),
                node,
            }
        })
        .collect()
}

/// Effective weight of every node in the index (product of its normalised
/// weights within its parent down from the root). Siblings use their
/// `weight`s when all of them have one (normalised to sum 1), else equal weights.
pub fn effective_weights(ds: &Dataset) -> HashMap<String, f64> {
    let mut out = HashMap::new();
    let Some(root) = ds.root() else {
        return out;
    };
    let mut stack = vec![(root.code.clone(), 1.0_f64)];
    let mut guard = 0;
    while let Some((code, w)) = stack.pop() {
        guard += 1;
        if guard > ds.nodes.len() + 1 || out.contains_key(&code) {
            continue;
        }
        out.insert(code.clone(), w);
        let kids = ds.children(&code);
        if kids.is_empty() {
            continue;
        }
        let all: Option<Vec<f64>> = kids
            .iter()
            .map(|k| k.weight.filter(|w| w.is_finite() && *w >= 0.0))
            .collect();
        let total: f64 = all.as_ref().map_or(0.0, |v| v.iter().sum());
        for (i, k) in kids.iter().enumerate() {
            let share = match &all {
                Some(v) if total > 0.0 => v[i] / total,
                _ => 1.0 / kids.len() as f64,
            };
            stack.push((k.code.clone(), w * share));
        }
    }
    out
}

/// The pillars: the children of the root's sub-indices (a child of the root
/// without children of its own counts as a pillar itself).
pub fn pillars(ds: &Dataset) -> Vec<&Node> {
    let Some(root) = ds.root() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for sub in ds.children(&root.code) {
        let kids = ds.children(&sub.code);
        if kids.is_empty() {
            out.push(sub);
        } else {
            out.extend(kids);
        }
    }
    out
}

/// Two units side by side in `year`, rows in profile order. `share_of_gap` is
/// set on the pillars when every pillar score of both units is known.
pub fn compare(ds: &Dataset, year: Year, a: &str, b: &str) -> Vec<CompareRow> {
    let yd = ds.year(year);
    let score = |u: &str, n: &str| yd.and_then(|y| y.score(u, n));
    let rank = |u: &str, n: &str| yd.and_then(|y| y.rank(u, n));
    let pillar_codes: Vec<String> = pillars(ds).iter().map(|n| n.code.clone()).collect();
    let weights = effective_weights(ds);
    let mut shares: HashMap<String, f64> = HashMap::new();
    let contributions: Option<Vec<(String, f64)>> = if pillar_codes.is_empty() {
        None
    } else {
        pillar_codes
            .iter()
            .map(|p| {
                let (sa, sb) = (score(a, p)?, score(b, p)?);
                let w = weights.get(p).copied()?;
                Some((p.clone(), w * (sa.value - sb.value)))
            })
            .collect()
    };
    if let Some(contribs) = contributions {
        let total: f64 = contribs.iter().map(|(_, c)| c).sum();
        if total.abs() > 1e-12 {
            for (p, c) in contribs {
                shares.insert(p, c / total);
            }
        }
    }
    profile_order(ds)
        .into_iter()
        .map(|(node, depth)| {
            let (sa, sb) = (score(a, &node), score(b, &node));
            CompareRow {
                depth,
                a: sa,
                b: sb,
                rank_a: rank(a, &node),
                rank_b: rank(b, &node),
                diff: match (sa, sb) {
                    (Some(x), Some(y)) => Some(x.value - y.value),
                    _ => None,
                },
                share_of_gap: shares.get(&node).copied(),
                node,
            }
        })
        .collect()
}

/// A unit's score and rank on `node` over every year of the dataset: its own
/// figures in the years it exists; in the years before it existed, one point
/// per predecessor; nothing after it ceased (callers show its successor).
pub fn history(ds: &Dataset, unit: &str, node: &str) -> Vec<HistoryPoint> {
    let first_seen = ds
        .years
        .iter()
        .find(|(_, yd)| yd.units.iter().any(|u| u == unit))
        .map(|(y, _)| *y);
    let mut out = Vec::new();
    for (&year, yd) in &ds.years {
        let of = ranked_of(ds, year, node);
        if yd.units.iter().any(|u| u == unit) {
            out.push(HistoryPoint {
                year,
                unit: unit.to_string(),
                score: yd.score(unit, node),
                rank: yd.rank(unit, node),
                of,
            });
        } else if first_seen.is_none_or(|f| year < f) {
            for p in predecessors_in(ds, year, unit, node) {
                out.push(HistoryPoint {
                    year,
                    unit: p.code,
                    score: p.score,
                    rank: p.rank,
                    of,
                });
            }
        }
    }
    out
}

/// Units whose rank on `node` moved between `from` and `to`: units with known
/// ranks in both years (`Up`/`Down`/`Same`) and, across a boundary change,
/// units of `to` with a known rank listed as `Merged` with their predecessors.
/// Order: rises (biggest first), then falls (biggest first), then unchanged,
/// then merged units by their `to` rank; ties by `to` rank, then name.
pub fn movers(ds: &Dataset, from: Year, to: Year, node: &str) -> Vec<Mover> {
    let (Some(a), Some(b)) = (ds.year(from), ds.year(to)) else {
        return Vec::new();
    };
    let crosses = crosses_boundary(ds, from, to);
    let of_from = ranked_of(ds, from, node);
    let mut out: Vec<Mover> = Vec::new();
    for u in &b.units {
        let change = change_between(ds, from, to, u, node, crosses, of_from);
        let to_rank = b.rank(u, node);
        let keep = match &change {
            RankChange::Up(_) | RankChange::Down(_) | RankChange::Same => true,
            RankChange::Merged(p) => to_rank.is_some() || p.iter().any(|p| p.rank.is_some()),
            RankChange::New | RankChange::NoData => false,
        };
        if keep {
            out.push(Mover {
                unit: u.clone(),
                from: a.rank(u, node),
                to: to_rank,
                change,
            });
        }
    }
    let key = |m: &Mover| -> (u8, i64) {
        match m.change {
            RankChange::Up(n) => (0, -i64::from(n)),
            RankChange::Down(n) => (1, -i64::from(n)),
            RankChange::Same => (2, 0),
            _ => (3, 0),
        }
    };
    out.sort_by(|x, y| {
        key(x)
            .cmp(&key(y))
            .then_with(|| cmp_rank_opt(x.to, y.to))
            .then_with(|| text::collate(&name_of(ds, &x.unit), &name_of(ds, &y.unit)))
    });
    out
}

/// Find a unit by code, Vietnamese or English name or alias, ignoring accents
/// and case. When several units match equally, those existing in the
/// dataset's default year are preferred (see [`find_unit_in`]).
pub fn find_unit<'a>(ds: &'a Dataset, query: &str) -> Result<&'a Unit, FindError> {
    find_unit_in(ds, query, ds.default_year())
}

/// Prefixes dropped before matching ("TP HCM" → "hcm", "Tỉnh Lâm Đồng" → "lam dong").
const PREFIXES: [&str; 6] = [
    "thanh pho ",
    "tp ",
    "tinh ",
    "province of ",
    "city of ",
    "the ",
];
const SUFFIXES: [&str; 3] = [" city", " province", " municipality"];

fn strip_affixes(folded: &str) -> String {
    let mut s = folded;
    for p in PREFIXES {
        if let Some(rest) = s.strip_prefix(p) {
            s = rest;
            break;
        }
    }
    for x in SUFFIXES {
        if let Some(rest) = s.strip_suffix(x) {
            s = rest;
            break;
        }
    }
    s.to_string()
}

/// Folded keys of a unit: (exact keys, derived keys).
type Keys = (Vec<String>, Vec<String>);

/// The folded names a unit can be found by: (exact keys, derived keys).
fn unit_keys(u: &Unit) -> Keys {
    let mut exact = vec![
        text::fold(&u.code),
        text::fold(&u.name_vi),
        text::fold(&u.name_en),
    ];
    exact.extend(u.aliases.iter().map(|a| text::fold(a)));
    exact.retain(|k| !k.is_empty());
    let mut derived = Vec::new();
    for k in &exact {
        let s = strip_affixes(k);
        derived.push(s.replace(' ', ""));
        let initials: String = s.split(' ').filter_map(|w| w.chars().next()).collect();
        if s.contains(' ') {
            derived.push(initials);
        }
        derived.push(k.replace(' ', ""));
    }
    derived.retain(|k| !k.is_empty());
    (exact, derived)
}

/// [`find_unit`] preferring the units that exist in `year` when several match.
///
/// Stages, the first one with a match wins: (1) exact folded code, name or
/// alias; (2) the same without "TP"/"Tỉnh"/"City", spaces or as initials
/// ("hcm" → TP. Hồ Chí Minh); (3) a name or alias starting with the query;
/// (4) containing it (accent-sensitive when the query has diacritics). Several
/// matches in a stage → [`FindError::Ambiguous`]; none → [`FindError::Unknown`]
/// with the 5 closest names by edit distance.
pub fn find_unit_in<'a>(
    ds: &'a Dataset,
    query: &str,
    year: Option<Year>,
) -> Result<&'a Unit, FindError> {
    let q = text::fold(query);
    let keys: Vec<(&Unit, Keys)> = ds.units.iter().map(|u| (u, unit_keys(u))).collect();
    let pick = |hits: Vec<&'a Unit>| -> Option<Result<&'a Unit, FindError>> {
        let mut hits = hits;
        hits.dedup_by(|a, b| a.code == b.code);
        match hits.len() {
            0 => None,
            1 => {
                // An old unit whose successor carries the same name ("TP. Hồ
                // Chí Minh" before and after the merger) → the unit of `year`.
                let h = hits[0];
                let in_year = |u: &Unit, y: Year| {
                    ds.year(y)
                        .map_or(u.exists_in(y), |yd| yd.units.contains(&u.code))
                };
                if let Some(y) = year
                    && !in_year(h, y)
                    && let Some(s) = h.successor.as_deref().and_then(|s| ds.unit(s))
                    && in_year(s, y)
                    && text::fold(&s.name_vi) == text::fold(&h.name_vi)
                {
                    return Some(Ok(s));
                }
                Some(Ok(h))
            }
            _ => {
                if let Some(y) = year {
                    let in_year: Vec<&Unit> = hits
                        .iter()
                        .copied()
                        .filter(|u| {
                            ds.year(y)
                                .map_or(u.exists_in(y), |yd| yd.units.contains(&u.code))
                        })
                        .collect();
                    // Only between an old and a new unit of the same name or
                    // lineage ("Bắc Ninh" 2024 vs 2025), not between unrelated units.
                    if let [x] = in_year[..] {
                        let related = hits.iter().all(|h| {
                            h.code == x.code
                                || h.successor.as_deref() == Some(x.code.as_str())
                                || text::fold(&h.name_vi) == text::fold(&x.name_vi)
                        });
                        if related {
                            return Some(Ok(x));
                        }
                    }
                }
                Some(Err(FindError::Ambiguous {
                    query: query.to_string(),
                    candidates: candidate_names(ds, &hits),
                }))
            }
        }
    };
    if !q.is_empty() {
        // 1. exact
        let hits: Vec<&Unit> = keys
            .iter()
            .filter(|(_, (e, _))| e.contains(&q))
            .map(|(u, _)| *u)
            .collect();
        if let Some(r) = pick(hits) {
            return r;
        }
        // 2. derived
        let qs = strip_affixes(&q);
        let qd = qs.replace(' ', "");
        let hits: Vec<&Unit> = keys
            .iter()
            .filter(|(_, (_, d))| d.contains(&qd))
            .map(|(u, _)| *u)
            .collect();
        if let Some(r) = pick(hits) {
            return r;
        }
        let accents_ok = |u: &Unit| {
            !text::has_diacritics(query)
                || std::iter::once(&u.name_vi)
                    .chain(u.aliases.iter())
                    .any(|n| text::matches(n, query.trim()))
        };
        // 3. prefix (of a name, or of the name without "TP"/"Tỉnh")
        let hits: Vec<&Unit> = keys
            .iter()
            .filter(|(u, (e, _))| {
                accents_ok(u)
                    && e.iter()
                        .any(|k| k.starts_with(&q) || strip_affixes(k).starts_with(&qs))
            })
            .map(|(u, _)| *u)
            .collect();
        if let Some(r) = pick(hits) {
            return r;
        }
        // 4. substring
        let hits: Vec<&Unit> = keys
            .iter()
            .filter(|(u, (e, _))| accents_ok(u) && e.iter().any(|k| k.contains(&q)))
            .map(|(u, _)| *u)
            .collect();
        if let Some(r) = pick(hits) {
            return r;
        }
    }
    let mut scored: Vec<(usize, &Unit)> = ds
        .units
        .iter()
        .map(|u| {
            let d = std::iter::once(&u.name_vi)
                .chain(std::iter::once(&u.name_en))
                .chain(u.aliases.iter())
                .chain(std::iter::once(&u.code))
                .map(|n| text::distance(query, n))
                .min()
                .unwrap_or(usize::MAX);
            (d, u)
        })
        .collect();
    scored.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| text::collate(&a.1.name_vi, &b.1.name_vi))
    });
    let closest: Vec<&Unit> = scored.into_iter().take(5).map(|(_, u)| u).collect();
    Err(FindError::Unknown {
        query: query.to_string(),
        closest: closest.iter().map(|u| display_name(ds, u)).collect(),
    })
}

/// Vietnamese name, with the years when another unit has the same name
/// ("Bắc Ninh (–2024)").
pub fn display_name(ds: &Dataset, u: &Unit) -> String {
    let clash = ds
        .units
        .iter()
        .any(|o| o.code != u.code && text::fold(&o.name_vi) == text::fold(&u.name_vi));
    if !clash {
        return u.name_vi.clone();
    }
    let first = first_last(ds, u);
    match first {
        (Some(f), Some(l)) if f == l => format!("{} ({f})", u.name_vi),
        (Some(f), Some(l)) => format!("{} ({f}–{l})", u.name_vi),
        _ => format!("{} [{}]", u.name_vi, u.code),
    }
}

/// First and last year of the dataset the unit appears in.
fn first_last(ds: &Dataset, u: &Unit) -> (Option<Year>, Option<Year>) {
    let years: Vec<Year> = ds
        .years
        .iter()
        .filter(|(_, yd)| yd.units.contains(&u.code))
        .map(|(y, _)| *y)
        .collect();
    (years.first().copied(), years.last().copied())
}

fn candidate_names(ds: &Dataset, hits: &[&Unit]) -> Vec<String> {
    let mut v: Vec<&Unit> = hits.to_vec();
    v.sort_by(|a, b| text::collate(&a.name_vi, &b.name_vi).then(a.code.cmp(&b.code)));
    v.iter().map(|u| display_name(ds, u)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Figure, YearData};

    #[test]
    fn change_labels_short_and_long() {
        let p = |code: &str, r: Option<Fig<u32>>| Predecessor {
            code: code.into(),
            name_vi: code.into(),
            year: 2024,
            score: None,
            rank: r,
            of: 63,
        };
        let pb = |v| Some(Fig::published(v));
        let both =
            |c: &RankChange, unit: &str| (c.label(unit, true, false), c.label(unit, false, false));
        assert_eq!(both(&RankChange::Up(2), "X"), ("▲2".into(), "▲2".into()));
        assert_eq!(RankChange::Down(5).label("X", true, true), "v5");
        assert_eq!(RankChange::Same.label("X", true, false), "–");
        assert_eq!(RankChange::Same.label("X", false, true), "=");
        assert_eq!(RankChange::New.label("X", false, false), "new");
        assert_eq!(RankChange::NoData.label("X", true, false), "");
        // Kept its code across the merger: a plain "was".
        let hn = RankChange::Merged(vec![p("HN", pb(1))]);
        assert_eq!(both(&hn, "HN"), ("was 1".into(), "was 1/63 (2024)".into()));
        let hue = RankChange::Merged(vec![p("HUE", Some(Fig::computed(13)))]);
        assert_eq!(
            both(&hue, "HUE"),
            ("was 13*".into(), "was 13*/63 (2024)".into())
        );
        let db = RankChange::Merged(vec![p("DB", None)]);
        assert_eq!(both(&db, "DB"), ("was —".into(), "was — (2024)".into()));
        assert_eq!(db.label("DB", true, true), "was -");
        // A real merger, including a single predecessor with another code.
        let bn = RankChange::Merged(vec![p("BN", pb(11)), p("BG", pb(10))]);
        assert_eq!(
            both(&bn, "BN"),
            ("merged".into(), "merged (BN 11, BG 10)".into())
        );
        let ht = RankChange::Merged(vec![p("HT", None), p("HG", pb(8))]);
        assert_eq!(ht.label("HT", false, false), "merged (HT —, HG 8)");
        assert_eq!(ht.label("HT", false, true), "merged (HT -, HG 8)");
        let renamed = RankChange::Merged(vec![p("OLD", pb(4))]);
        assert_eq!(
            both(&renamed, "NEW"),
            ("merged".into(), "merged (OLD 4)".into())
        );
        assert_eq!(p("A", None).rank_of(false), "—");
        assert_eq!(p("A", Some(Fig::computed(7))).rank_of(false), "7*/63");
    }

    fn node(code: &str, parent: Option<&str>, level: u8, order: u32) -> Node {
        Node {
            code: code.into(),
            parent: parent.map(Into::into),
            level,
            order,
            weight: None,
            direction: None,
            unit: None,
            name_vi: code.into(),
            name_en: code.into(),
            denominator: None,
        }
    }

    fn unit(
        code: &str,
        name: &str,
        first: Option<Year>,
        last: Option<Year>,
        succ: Option<&str>,
    ) -> Unit {
        Unit {
            code: code.into(),
            name_vi: name.into(),
            name_en: text::fold(name),
            aliases: Vec::new(),
            region: None,
            region_en: None,
            first_year: first,
            last_year: last,
            successor: succ.map(Into::into),
        }
    }

    fn put(yd: &mut YearData, u: &str, n: &str, score: Option<f64>, rank: Option<u32>) {
        yd.figures.insert(
            (u.into(), n.into()),
            Figure {
                score: score.map(Fig::published),
                rank: rank.map(Fig::published),
                ..Figure::default()
            },
        );
    }

    /// A small dataset with the shape of the PII: three years, a merger
    /// before the last one (BN + BG → BN2, HUE → HUE2, HG → HT, BD → HCM; HN,
    /// HCM and HT keep their codes), ties, missing figures, unplaced nodes.
    fn sample() -> Dataset {
        let nodes = vec![
            node("IDX", None, 4, 1),
            node("IN", Some("IDX"), 3, 1),
            node("OUT", Some("IDX"), 3, 2),
            node("P2", Some("IN"), 2, 2),
            node("P1", Some("IN"), 2, 1),
            node("P3", Some("OUT"), 2, 1),
            node("I1", Some("P1"), 1, 1),
            node("U2", Some("ZZ"), 1, 2),
            node("U1", None, 1, 1),
        ];
        let mut hcm = unit("HCM", "TP. Hồ Chí Minh", None, None, None);
        hcm.name_en = "Ho Chi Minh City".into();
        hcm.aliases = vec!["TP HCM".into()];
        let units = vec![
            unit("HN", "Hà Nội", None, None, None),
            hcm,
            unit("BN", "Bắc Ninh", None, Some(2024), Some("BN2")),
            unit("BG", "Bắc Giang", None, Some(2024), Some("BN2")),
            unit("BN2", "Bắc Ninh", Some(2025), None, None),
            unit("HUE", "Thừa Thiên Huế", None, Some(2024), Some("HUE2")),
            unit("HUE2", "Huế", Some(2025), None, None),
            unit("BD", "Bình Dương", None, Some(2024), Some("HCM")),
            unit("HG", "Hà Giang", None, Some(2024), Some("HT")),
            unit("HT", "Hà Tĩnh", None, None, None),
            unit("NEWU", "Đặc khu Mới", Some(2025), None, None),
            unit("HL", "Hạ Long", None, Some(1993), None),
        ];
        let old: Vec<String> = ["HN", "HCM", "BN", "BG", "HUE", "BD", "HG", "HT"]
            .map(String::from)
            .to_vec();
        let mut y23 = YearData {
            year: 2023,
            units: old.clone(),
            ..YearData::default()
        };
        put(&mut y23, "HN", "IDX", Some(60.0), Some(1));
        put(&mut y23, "HCM", "IDX", Some(55.0), Some(2));
        put(&mut y23, "BN", "IDX", Some(50.0), Some(3));
        put(&mut y23, "BG", "IDX", Some(50.0), Some(3));
        put(&mut y23, "HUE", "IDX", Some(44.0), None);
        put(&mut y23, "BD", "IDX", Some(45.0), None);
        put(&mut y23, "HG", "IDX", None, Some(8));
        let mut y24 = YearData {
            year: 2024,
            units: old,
            ..YearData::default()
        };
        put(&mut y24, "HN", "IDX", Some(60.76), Some(2));
        put(&mut y24, "HCM", "IDX", Some(61.0), Some(1));
        put(&mut y24, "BN", "IDX", Some(42.83), Some(11));
        put(&mut y24, "BG", "IDX", Some(43.53), Some(10));
        put(&mut y24, "HUE", "IDX", None, Some(13));
        put(&mut y24, "HT", "IDX", Some(33.0), Some(20));
        let mut y25 = YearData {
            year: 2025,
            units: ["HN", "HCM", "BN2", "HUE2", "HT", "NEWU"]
                .map(String::from)
                .to_vec(),
            ..YearData::default()
        };
        put(&mut y25, "HN", "IDX", Some(65.68), Some(1));
        put(&mut y25, "HCM", "IDX", Some(59.33), Some(2));
        put(&mut y25, "BN2", "IDX", Some(48.76), Some(6));
        put(&mut y25, "HUE2", "IDX", Some(49.37), Some(5));
        put(&mut y25, "HUE2", "IN", Some(51.50), None);
        put(&mut y25, "HUE2", "OUT", Some(47.23), None);
        for (p, bn, hcm) in [("P1", 60.0, 70.0), ("P2", 40.0, 50.0), ("P3", 44.0, 54.0)] {
            put(&mut y25, "BN2", p, Some(bn), None);
            put(&mut y25, "HCM", p, Some(hcm), None);
        }
        put(&mut y25, "BN2", "P1", Some(60.0), Some(3));
        y25.figures.insert(
            ("HT".into(), "IDX".into()),
            Figure {
                score: Some(Fig::computed(40.0)),
                rank_bounds: Some((7, 9)),
                ..Figure::default()
            },
        );
        Dataset {
            nodes,
            units,
            years: [(2023, y23), (2024, y24), (2025, y25)]
                .into_iter()
                .collect(),
            ..Dataset::default()
        }
    }

    fn codes(rows: &[RankRow]) -> Vec<&str> {
        rows.iter().map(|r| r.unit.as_str()).collect()
    }

    #[test]
    fn ranking_orders_ranked_then_scored_then_rest() {
        let ds = sample();
        let r = ranking(&ds, 2023, "IDX");
        // ties (rank 3) by Vietnamese name; HG has a rank but no score;
        // BD 45 before HUE 44 (score only); HT has nothing.
        assert_eq!(
            codes(&r),
            ["HN", "HCM", "BG", "BN", "HG", "BD", "HUE", "HT"]
        );
        assert_eq!(r[4].score, None);
        assert_eq!(r[7].score, None, "missing stays missing, never 0");
        assert_eq!(r[7].rank, None);
        let r = ranking(&ds, 2025, "IDX");
        assert_eq!(codes(&r), ["HN", "HCM", "HUE2", "BN2", "HT", "NEWU"]);
        assert_eq!(r[4].rank_bounds, Some((7, 9)));
        assert_eq!(r[4].score, Some(Fig::computed(40.0)));
        assert!(ranking(&ds, 1999, "IDX").is_empty());
    }

    #[test]
    fn rank_changes_within_one_boundary() {
        let ds = sample();
        assert_eq!(rank_change(&ds, 2024, "HN", "IDX"), RankChange::Down(1));
        assert_eq!(rank_change(&ds, 2024, "HCM", "IDX"), RankChange::Up(1));
        assert_eq!(rank_change(&ds, 2024, "BG", "IDX"), RankChange::Down(7));
        // BN and BG merge only in 2025: no Merged before that.
        assert_eq!(rank_change(&ds, 2024, "BN", "IDX"), RankChange::Down(8));
        assert_eq!(rank_change(&ds, 2024, "HT", "IDX"), RankChange::NoData);
        assert_eq!(rank_change(&ds, 2024, "HUE", "IDX"), RankChange::NoData);
        assert_eq!(rank_change(&ds, 2023, "HN", "IDX"), RankChange::NoData);
    }

    #[test]
    fn across_the_merger_every_unit_is_compared_with_its_predecessors() {
        let ds = sample();
        let RankChange::Merged(p) = rank_change(&ds, 2025, "BN2", "IDX") else {
            panic!("BN2 must be merged");
        };
        let got: Vec<(&str, Option<u32>, Option<f64>, usize)> = p
            .iter()
            .map(|p| {
                (
                    p.code.as_str(),
                    p.rank.map(|r| r.value),
                    p.score.map(|s| s.value),
                    p.of,
                )
            })
            .collect();
        // Same-name predecessor first, then by rank; `of` = units of 2024.
        assert_eq!(
            got,
            [
                ("BN", Some(11), Some(42.83), 8),
                ("BG", Some(10), Some(43.53), 8)
            ]
        );
        assert!(p.iter().all(|p| p.year == 2024));
        // HN kept its code: still compared as merged, with itself, never Up/Down.
        let RankChange::Merged(p) = rank_change(&ds, 2025, "HN", "IDX") else {
            panic!("HN must be merged across the boundary");
        };
        assert_eq!(p.len(), 1);
        assert_eq!(
            (p[0].code.as_str(), p[0].rank.map(|r| r.value)),
            ("HN", Some(2))
        );
        // HCM kept its code and absorbed BD.
        let RankChange::Merged(p) = rank_change(&ds, 2025, "HCM", "IDX") else {
            panic!("HCM must be merged");
        };
        assert_eq!(
            p.iter().map(|p| p.code.as_str()).collect::<Vec<_>>(),
            ["HCM", "BD"]
        );
        // HT absorbed HG (rank 8 in 2023, nothing known in 2024).
        let RankChange::Merged(p) = rank_change(&ds, 2025, "HT", "IDX") else {
            panic!("HT must be merged");
        };
        assert_eq!(p[0].code, "HT");
        assert_eq!(p[1].code, "HG");
        assert_eq!(p[1].rank, None);
        assert_eq!(rank_change(&ds, 2025, "NEWU", "IDX"), RankChange::New);
        assert!(crosses_boundary(&ds, 2024, 2025));
        assert!(!crosses_boundary(&ds, 2023, 2024));
    }

    #[test]
    fn coverage_counts_published_and_computed() {
        let ds = sample();
        let c = coverage(&ds, 2025);
        assert_eq!(
            c,
            Coverage {
                year: 2025,
                units: 6,
                scores_published: 4,
                ranks_published: 4,
                scores_computed: 1,
                ranks_computed: 0,
            }
        );
        assert_eq!(coverage(&ds, 2023).scores_published, 6);
        assert_eq!(coverage(&ds, 2023).ranks_published, 5);
    }

    #[test]
    fn profile_walks_the_tree_then_unplaced() {
        let ds = sample();
        let p = profile(&ds, 2025, "BN2");
        let order: Vec<(&str, usize)> = p.iter().map(|r| (r.node.as_str(), r.depth)).collect();
        assert_eq!(
            order,
            [
                ("IDX", 0),
                ("IN", 1),
                ("P1", 2),
                ("I1", 3),
                ("P2", 2),
                ("OUT", 1),
                ("P3", 2),
                ("U1", 0),
                ("U2", 0),
            ]
        );
        assert_eq!(p[0].score, Some(Fig::published(48.76)));
        assert_eq!((p[0].rank.map(|r| r.value), p[0].of), (Some(6), 6));
        assert_eq!((p[2].rank.map(|r| r.value), p[2].of), (Some(3), 6));
        // No rank on P2 for anyone: `of` is 0, the score is there, no rank.
        assert_eq!(
            (p[4].score.map(|s| s.value), p[4].rank, p[4].of),
            (Some(40.0), None, 0)
        );
        assert_eq!(p[1].score, None, "unknown input score stays unknown");
        assert!(is_placed(&ds, "I1"));
        assert!(!is_placed(&ds, "U2"));
    }

    #[test]
    fn marks_only_with_enough_scores() {
        let mut ds = sample();
        // One published indicator score: no marks (a "rank 1 of 1" means nothing).
        if let Some(y) = ds.years.get_mut(&2025) {
            put(y, "BN2", "I1", Some(90.0), None);
        }
        assert!(profile(&ds, 2025, "BN2").iter().all(|r| r.mark.is_none()));
        // Scores for 4 of the 6 units: the GII rule applies (top 3 = strength).
        if let Some(y) = ds.years.get_mut(&2025) {
            put(y, "HCM", "I1", Some(80.0), None);
            put(y, "HN", "I1", Some(70.0), None);
            put(y, "HT", "I1", Some(10.0), None);
        }
        let p = profile(&ds, 2025, "BN2");
        let i1 = p.iter().find(|r| r.node == "I1").map(|r| r.mark);
        assert_eq!(i1, Some(Some(Mark::Strength)));
        assert_eq!(
            marks(&ds, 2025, "HT").get("I1"),
            None,
            "rank 4 of 4, too few indicators for cut-offs"
        );
        assert!(
            p.iter()
                .filter(|r| r.node != "I1")
                .all(|r| r.mark.is_none())
        );
    }

    #[test]
    fn compare_diffs_and_pillar_shares() {
        let ds = sample();
        let c = compare(&ds, 2025, "HCM", "BN2");
        let row = |n: &str| {
            c.iter()
                .find(|r| r.node == n)
                .cloned()
                .unwrap_or_else(|| panic!("{n}"))
        };
        let idx = row("IDX");
        assert!((idx.diff.unwrap_or(f64::NAN) - (59.33 - 48.76)).abs() < 1e-9);
        assert_eq!(row("IN").diff, None, "no input score for either");
        // weights: P1, P2 = 0.5 × 0.5; P3 = 0.5 × 1; every diff is 10
        // → contributions 2.5, 2.5, 5 → shares 0.25, 0.25, 0.5.
        for (p, want) in [("P1", 0.25), ("P2", 0.25), ("P3", 0.5)] {
            let got = row(p).share_of_gap.unwrap_or(f64::NAN);
            assert!((got - want).abs() < 1e-12, "{p}: {got}");
        }
        assert_eq!(row("IDX").share_of_gap, None);
        // Huế has no pillar scores: no shares at all.
        let c = compare(&ds, 2025, "HUE2", "BN2");
        assert!(c.iter().all(|r| r.share_of_gap.is_none()));
        let r = c.iter().find(|r| r.node == "IDX").map(|r| r.rank_a);
        assert_eq!(r, Some(Some(Fig::published(5))));
    }

    #[test]
    fn compare_uses_published_weights() {
        let mut ds = sample();
        for n in &mut ds.nodes {
            match n.code.as_str() {
                "P1" => n.weight = Some(3.0),
                "P2" => n.weight = Some(1.0),
                _ => {}
            }
        }
        let w = effective_weights(&ds);
        assert!((w["P1"] - 0.375).abs() < 1e-12);
        assert!((w["P2"] - 0.125).abs() < 1e-12);
        assert!((w["P3"] - 0.5).abs() < 1e-12);
        let c = compare(&ds, 2025, "HCM", "BN2");
        let s: Vec<f64> = c.iter().filter_map(|r| r.share_of_gap).collect();
        // contributions 3.75, 1.25, 5 → 0.375, 0.125, 0.5
        assert_eq!(s.len(), 3);
        assert!((s[0] - 0.375).abs() < 1e-12 && (s[1] - 0.125).abs() < 1e-12);
    }

    #[test]
    fn history_follows_lineage() {
        let ds = sample();
        let h = history(&ds, "BN2", "IDX");
        let got: Vec<(Year, &str, Option<u32>, usize)> = h
            .iter()
            .map(|p| (p.year, p.unit.as_str(), p.rank.map(|r| r.value), p.of))
            .collect();
        assert_eq!(
            got,
            [
                (2023, "BN", Some(3), 8),
                (2023, "BG", Some(3), 8),
                (2024, "BN", Some(11), 8),
                (2024, "BG", Some(10), 8),
                (2025, "BN2", Some(6), 6),
            ]
        );
        let h = history(&ds, "BN", "IDX");
        assert_eq!(h.iter().map(|p| p.year).collect::<Vec<_>>(), [2023, 2024]);
        let h = history(&ds, "HT", "IDX");
        assert_eq!(h.len(), 3);
        assert_eq!(h[0].rank, None);
        assert_eq!(h[0].score, None);
        assert!(history(&ds, "NEWU", "IDX").len() == 1);
    }

    #[test]
    fn movers_rises_then_falls() {
        let ds = sample();
        let m = movers(&ds, 2023, 2024, "IDX");
        let got: Vec<(&str, RankChange)> = m
            .iter()
            .map(|m| (m.unit.as_str(), m.change.clone()))
            .collect();
        assert_eq!(
            got,
            [
                ("HCM", RankChange::Up(1)),
                ("BN", RankChange::Down(8)),
                ("BG", RankChange::Down(7)),
                ("HN", RankChange::Down(1)),
            ]
        );
        let m = movers(&ds, 2024, 2025, "IDX");
        assert!(m.iter().all(|m| matches!(m.change, RankChange::Merged(_))));
        assert_eq!(
            m.iter().map(|m| m.unit.as_str()).collect::<Vec<_>>(),
            ["HN", "HCM", "HUE2", "BN2", "HT"]
        );
        assert_eq!(m[3].from, None);
        assert_eq!(m[3].to, Some(Fig::published(6)));
    }

    #[test]
    fn find_units_accent_insensitively() {
        let ds = sample();
        let code = |q: &str| find_unit(&ds, q).map(|u| u.code.as_str());
        assert_eq!(code("hcm"), Ok("HCM"));
        assert_eq!(code("TP HCM"), Ok("HCM"));
        assert_eq!(code("tp.hcm"), Ok("HCM"));
        assert_eq!(code("Hồ Chí Minh"), Ok("HCM"));
        assert_eq!(code("ho chi minh city"), Ok("HCM"));
        assert_eq!(code("ha noi"), Ok("HN"));
        assert_eq!(code("HÀ NỘI"), Ok("HN"));
        assert_eq!(code("hn"), Ok("HN"));
        // "hue" is both the old unit's code and the new unit's name: the new
        // unit exists in the default year.
        assert_eq!(code("hue"), Ok("HUE2"));
        assert_eq!(code("thua thien"), Ok("HUE"));
        assert_eq!(
            find_unit_in(&ds, "Bắc Ninh", Some(2024)).map(|u| u.code.as_str()),
            Ok("BN")
        );
        assert_eq!(code("bac ninh"), Ok("BN2"));
        // A code only the old unit has still leads to the same-name unit of the year.
        assert_eq!(code("BN"), Ok("BN2"));
        assert_eq!(
            find_unit_in(&ds, "BN", Some(2024)).map(|u| u.code.as_str()),
            Ok("BN")
        );
        assert_eq!(
            code("bac giang"),
            Ok("BG"),
            "no same-name successor: the old unit"
        );
        assert_eq!(
            code("giang"),
            Err(FindError::Ambiguous {
                query: "giang".into(),
                candidates: vec!["Bắc Giang".into(), "Hà Giang".into()],
            })
        );
        match find_unit(&ds, "ha") {
            Err(FindError::Ambiguous { candidates, .. }) => {
                assert_eq!(candidates, ["Hà Giang", "Hạ Long", "Hà Nội", "Hà Tĩnh"])
            }
            other => panic!("{other:?}"),
        }
        // Diacritics in the query are respected.
        match find_unit(&ds, "Hà") {
            Err(FindError::Ambiguous { candidates, .. }) => {
                assert_eq!(candidates, ["Hà Giang", "Hà Nội", "Hà Tĩnh"])
            }
            other => panic!("{other:?}"),
        }
        // In 2025 both old units matching "bac" live on in the new Bắc Ninh.
        assert_eq!(code("bac"), Ok("BN2"));
        match find_unit_in(&ds, "bac", None) {
            Err(FindError::Ambiguous { candidates, .. }) => {
                assert_eq!(
                    candidates,
                    ["Bắc Giang", "Bắc Ninh (2023–2024)", "Bắc Ninh (2025)"]
                )
            }
            other => panic!("{other:?}"),
        }
        match find_unit(&ds, "hanoj") {
            Err(FindError::Unknown { closest, .. }) => {
                assert_eq!(closest.len(), 5);
                assert_eq!(closest[0], "Hà Nội");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(find_unit(&ds, ""), Err(FindError::Unknown { .. })));
    }
}
