//! The derive step, run at load on published figures. It adds only
//! *Computed* figures and never touches a published one:
//!
//! * a parent score (the PII from INPUT and OUTPUT, INPUT from P1–P5, …) as
//!   the mean of its children, only when every child of the full framework
//!   is listed and published and the parent is not published;
//! * for each unit with a published score but no published rank, the range
//!   `(best, worst)` its rank must lie in given every other unit's published
//!   score and rank ([`Figure::rank_bounds`]), and a computed rank only when
//!   that range is a single rank. With every unit scored this gives plain
//!   competition ranks ("1224"). Ranges are computed only for node-years with
//!   at least one published rank, so a node with a handful of scores and no
//!   ranks gets no rank at all.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::model::*;

/// The published figures of one unit on one node, as the rank bounds see them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Entry {
    pub score: Option<f64>,
    pub rank: Option<u32>,
}

/// Source text of computed figures.
pub const COMPUTED_MEAN: &str = "computed by pii from published figures: mean of";
/// Source text of computed ranks.
pub const COMPUTED_RANK: &str =
    "computed by pii: the only rank consistent with the published scores and ranks";

/// Run the derive step on a loaded dataset. `children` gives, per node, the
/// number of children of the full published framework (where known).
pub fn derive(ds: &mut Dataset, children: &HashMap<String, usize>) {
    derive_means(ds, children);
    derive_ranks(ds);
}

/// The children of `parent` when the framework lists all of them, with
/// their weights (equal when no weight is given).
pub fn complete_children(
    ds: &Dataset,
    children: &HashMap<String, usize>,
    parent: &str,
) -> Option<Vec<(String, f64)>> {
    let want = *children.get(parent)?;
    let kids = ds.children(parent);
    if want == 0 || kids.len() != want {
        return None;
    }
    let weighted = kids.iter().all(|k| k.weight.is_some());
    Some(
        kids.iter()
            .map(|k| {
                (
                    k.code.clone(),
                    if weighted {
                        k.weight.unwrap_or(1.0)
                    } else {
                        1.0
                    },
                )
            })
            .collect(),
    )
}

/// Weighted mean of the children's published scores, if all are published.
pub fn mean_of_published(yd: &YearData, unit: &str, kids: &[(String, f64)]) -> Option<f64> {
    let mut sum = 0.0;
    let mut wsum = 0.0;
    for (k, w) in kids {
        let s = yd.score(unit, k).filter(|s| s.is_published())?;
        sum += s.value * w;
        wsum += w;
    }
    (wsum > 0.0).then(|| sum / wsum)
}

fn derive_means(ds: &mut Dataset, children: &HashMap<String, usize>) {
    let parents: Vec<(String, Vec<(String, f64)>)> = ds
        .nodes
        .iter()
        .filter_map(|n| complete_children(ds, children, &n.code).map(|k| (n.code.clone(), k)))
        .collect();
    for yd in ds.years.values_mut() {
        let mut add = Vec::new();
        for unit in &yd.units {
            for (parent, kids) in &parents {
                if yd.score(unit, parent).is_some() {
                    continue;
                }
                if let Some(m) = mean_of_published(yd, unit, kids) {
                    let names: Vec<&str> = kids.iter().map(|(k, _)| k.as_str()).collect();
                    add.push((unit.clone(), parent.clone(), m, names.join(", ")));
                }
            }
        }
        for (unit, parent, m, names) in add {
            let f = yd.figures.entry((unit, parent)).or_default();
            f.score = Some(Fig::computed(m));
            let what = format!("{COMPUTED_MEAN} {names} (published)");
            f.source = Some(match f.source.take() {
                Some(s) => format!("{s} ; {what}"),
                None => what,
            });
        }
    }
}

fn derive_ranks(ds: &mut Dataset) {
    let codes: Vec<String> = ds.nodes.iter().map(|n| n.code.clone()).collect();
    for yd in ds.years.values_mut() {
        let n = yd.units.len();
        for node in &codes {
            let entries = published_entries(yd, node);
            if !entries.iter().any(|e| e.rank.is_some()) {
                continue;
            }
            for (i, unit) in yd.units.iter().enumerate() {
                let e = entries[i];
                if e.score.is_none() || e.rank.is_some() {
                    continue;
                }
                let Some((best, worst)) = rank_bounds(&entries, n, i) else {
                    continue;
                };
                if (best, worst) == (1, n as u32) {
                    continue; // nothing is known: no bounds
                }
                if let Some(f) = yd.figures.get_mut(&(unit.clone(), node.clone())) {
                    f.rank_bounds = Some((best, worst));
                    if best == worst && f.rank.is_none() {
                        f.rank = Some(Fig::computed(best));
                        let what = COMPUTED_RANK.to_string();
                        f.source = Some(match f.source.take() {
                            Some(s) => format!("{s} ; {what}"),
                            None => what,
                        });
                    }
                }
            }
        }
    }
}

/// The published score and rank of every unit of the year on `node`, in the
/// order of `yd.units`.
pub fn published_entries(yd: &YearData, node: &str) -> Vec<Entry> {
    yd.units
        .iter()
        .map(|u| {
            let f = yd.figure(u, node);
            Entry {
                score: f
                    .and_then(|f| f.score)
                    .filter(Fig::is_published)
                    .map(|s| s.value),
                rank: f
                    .and_then(|f| f.rank)
                    .filter(Fig::is_published)
                    .map(|r| r.value),
            }
        })
        .collect()
}

/// Precomputed bounds from the ranked units with a score.
struct Anchors {
    /// (score, rank) of units with both, by score descending.
    by_score: Vec<(f64, u32)>,
    /// prefix_max[k] = max rank among by_score[..k] (0 when k = 0).
    prefix_max: Vec<u32>,
    /// suffix_min[k] = min rank among by_score[k..] (n+1 when empty).
    suffix_min: Vec<u32>,
}

impl Anchors {
    fn new(entries: &[Entry], skip: usize, n: usize) -> Anchors {
        let mut by_score: Vec<(f64, u32)> = entries
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .filter_map(|(_, e)| Some((e.score?, e.rank?)))
            .collect();
        by_score.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut prefix_max = vec![0];
        for (_, r) in &by_score {
            let last = *prefix_max.last().unwrap_or(&0);
            prefix_max.push(last.max(*r));
        }
        let mut suffix_min = vec![n as u32 + 1; by_score.len() + 1];
        for k in (0..by_score.len()).rev() {
            suffix_min[k] = suffix_min[k + 1].min(by_score[k].1);
        }
        Anchors {
            by_score,
            prefix_max,
            suffix_min,
        }
    }
    /// Allowed positions of an unranked unit with score `s` (before fixing u).
    fn interval(&self, s: f64, n: u32) -> (u32, u32) {
        let higher = self.by_score.partition_point(|(x, _)| *x > s);
        let not_lower = self.by_score.partition_point(|(x, _)| *x >= s);
        let lo = self.prefix_max[higher] + 1;
        let hi = self.suffix_min[not_lower].saturating_sub(1).min(n);
        (lo, hi)
    }
}

/// The range of ranks unit `u` can have given every other unit's published
/// score and rank, ignoring `u`'s own published rank (if any). Scores are
/// rounded, so equal published scores impose no order (they may still carry
/// different published ranks). A unit whose rank is published but not its
/// score is assumed not to be tied with `u`. When `u` and the other units with its score
/// are all unranked and together fill exactly the range, they are tied and
/// share its first rank (competition ranking). `None` when `u` has no score
/// or no rank fits (the published figures contradict).
pub fn rank_bounds(entries: &[Entry], n: usize, u: usize) -> Option<(u32, u32)> {
    let s = entries.get(u)?.score?;
    let anchors = Anchors::new(entries, u, n);
    let others = || entries.iter().enumerate().filter(move |(i, _)| *i != u);
    let higher = others()
        .filter(|(_, e)| e.score.is_some_and(|x| x > s))
        .count();
    let lower = others()
        .filter(|(_, e)| e.score.is_some_and(|x| x < s))
        .count();
    let n32 = n as u32;
    let start = higher as u32 + 1;
    let end = n32.saturating_sub(lower as u32);
    let best = (start..=end).find(|&p| feasible(entries, &anchors, n32, u, s, p))?;
    let worst = (best..=end)
        .rev()
        .find(|&p| feasible(entries, &anchors, n32, u, s, p))?;
    let tied: Vec<&Entry> = entries.iter().filter(|e| e.score == Some(s)).collect();
    if tied.len() > 1
        && tied
            .iter()
            .all(|e| e.rank.is_none() || std::ptr::eq(*e, &entries[u]))
        && (worst - best + 1) as usize == tied.len()
    {
        return Some((best, best));
    }
    Some((best, worst))
}

/// Whether unit `u` (score `s`) can have rank `p`. Published ranks are
/// competition ranks: the k units sharing rank r take positions r..r+k-1
/// (u joins them when p = r). Every other unit must fit a distinct free
/// position consistent with its published rank and the score order
/// (strictly higher scores ahead, strictly lower behind).
fn feasible(entries: &[Entry], anchors: &Anchors, n: u32, u: usize, s: f64, p: u32) -> bool {
    let mut groups: BTreeMap<u32, u32> = BTreeMap::new();
    let mut open: Vec<(u32, u32)> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if i == u {
            continue;
        }
        match (e.rank, e.score) {
            (Some(r), sc) => {
                // A tie (r == p) needs the same published score. Assumption:
                // a unit whose score is not published does not tie (ties
                // are rare at 2 decimals; this matches NOTES' own ranges).
                if r == p && sc != Some(s) {
                    return false;
                }
                if let Some(sv) = sc
                    && ((sv > s && r > p) || (sv < s && r < p))
                {
                    return false;
                }
                *groups.entry(r).or_default() += 1;
            }
            (None, Some(sv)) => {
                let (mut lo, mut hi) = anchors.interval(sv, n);
                if sv > s {
                    hi = hi.min(p.saturating_sub(1));
                } else if sv < s {
                    lo = lo.max(p + 1);
                }
                open.push((hi, lo));
            }
            (None, None) => open.push((n, 1)),
        }
    }
    let mut free: BTreeSet<u32> = (1..=n).collect();
    let joined = groups.contains_key(&p);
    for (&r, &k) in &groups {
        let k = k + u32::from(r == p);
        for pos in r..r + k {
            if !free.remove(&pos) {
                return false;
            }
        }
    }
    if !joined && !free.remove(&p) {
        return false;
    }
    open.sort_unstable();
    for (hi, lo) in open {
        if lo > hi {
            return false;
        }
        let Some(&pos) = free.range(lo..=hi).next() else {
            return false;
        };
        free.remove(&pos);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(score: Option<f64>, rank: Option<u32>) -> Entry {
        Entry { score, rank }
    }

    #[test]
    fn complete_scores_give_competition_ranks() {
        let v = [
            e(Some(50.0), None),
            e(Some(60.0), None),
            e(Some(50.0), None),
            e(Some(40.0), None),
        ];
        assert_eq!(rank_bounds(&v, 4, 1), Some((1, 1)));
        assert_eq!(rank_bounds(&v, 4, 0), Some((2, 2)));
        assert_eq!(rank_bounds(&v, 4, 2), Some((2, 2)));
        assert_eq!(rank_bounds(&v, 4, 3), Some((4, 4)));
    }

    #[test]
    fn gap_between_published_neighbours() {
        // ranks 1, 2 published with scores; 5 published; one unranked score
        // between rank 2 and rank 5, two unknown units.
        let v = [
            e(Some(60.0), Some(1)),
            e(Some(55.0), Some(2)),
            e(Some(40.0), Some(5)),
            e(Some(50.0), None),
            e(None, None),
            e(None, None),
        ];
        assert_eq!(rank_bounds(&v, 6, 3), Some((3, 4)));
        // a rank-only unit at 3 pins it to 4 (no tie assumed with a unit
        // whose score is not published)
        let mut w = v;
        w[4] = e(None, Some(3));
        assert_eq!(rank_bounds(&w, 6, 3), Some((4, 4)));
        // rank-only units at 3 and 4 as well as 5 leave no place before 5
        w[5] = e(None, Some(4));
        assert_eq!(rank_bounds(&w, 6, 3), None);
    }

    #[test]
    fn published_ties_take_consecutive_positions() {
        // three units share rank 1 (score 100); the next is 4th.
        let v = [
            e(Some(100.0), Some(1)),
            e(Some(100.0), Some(1)),
            e(Some(100.0), Some(1)),
            e(Some(90.0), None),
            e(Some(80.0), Some(5)),
        ];
        assert_eq!(rank_bounds(&v, 5, 3), Some((4, 4)));
        // equal rounded scores do not force a tie: rank 1 or, behind the
        // two others, 3
        assert_eq!(rank_bounds(&v, 5, 0), Some((1, 3)));
    }

    #[test]
    fn contradiction_gives_none() {
        let v = [e(Some(60.0), Some(2)), e(Some(50.0), Some(1))];
        assert_eq!(rank_bounds(&v, 2, 0), None);
    }
}
