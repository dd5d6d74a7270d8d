//! Queries over a [`Dataset`] shared by the CLI and the TUI: rankings with
//! rank changes across boundary changes, unit profiles, comparisons, rank
//! history, movers, unit look-up.
//!
//! INTERFACE CONTRACT (bodies to be implemented): the TUI and the CLI code
//! against these signatures.

use crate::data::{Dataset, Fig, Unit, Year};

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

pub fn coverage(_ds: &Dataset, _year: Year) -> Coverage {
    unimplemented!()
}
pub fn ranking(_ds: &Dataset, _year: Year, _node: &str) -> Vec<RankRow> {
    unimplemented!()
}
pub fn rank_change(_ds: &Dataset, _year: Year, _unit: &str, _node: &str) -> RankChange {
    unimplemented!()
}
pub fn profile(_ds: &Dataset, _year: Year, _unit: &str) -> Vec<ProfileRow> {
    unimplemented!()
}
pub fn compare(_ds: &Dataset, _year: Year, _a: &str, _b: &str) -> Vec<CompareRow> {
    unimplemented!()
}
pub fn history(_ds: &Dataset, _unit: &str, _node: &str) -> Vec<HistoryPoint> {
    unimplemented!()
}
pub fn movers(_ds: &Dataset, _from: Year, _to: Year, _node: &str) -> Vec<Mover> {
    unimplemented!()
}
pub fn find_unit<'a>(_ds: &'a Dataset, _query: &str) -> Result<&'a Unit, FindError> {
    unimplemented!()
}
