//! The dataset model shared by the CLI, the TUI, the tests and the benchmarks.
//!
//! A [`Dataset`] holds one GII-method index over several years: its framework
//! (a tree of nodes, possibly only partly known), its units (provinces,
//! economies) with their lineage across boundary changes, and per year the
//! figures of each (unit, node) pair. Every figure says whether it was
//! *published* (with its source) or *computed* by the engine from published
//! figures. A figure that is not known is simply absent: never zero.

use std::collections::BTreeMap;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// A calendar year of an edition (2023, 2024, 2025…).
pub type Year = u16;

/// Where a figure comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Published by the index's authors; the figure row carries its source.
    Published,
    /// Computed by this tool's engine from published figures (or raw values).
    Computed,
}

/// A value together with where it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fig<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Fig<T> {
    pub fn published(value: T) -> Self {
        Fig {
            value,
            origin: Origin::Published,
        }
    }
    pub fn computed(value: T) -> Self {
        Fig {
            value,
            origin: Origin::Computed,
        }
    }
    pub fn is_published(&self) -> bool {
        self.origin == Origin::Published
    }
}

/// The figures of one unit on one node in one year. Each part may be missing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Score on the index's scale (0–100 for GII-method indices).
    pub score: Option<Fig<f64>>,
    /// Rank among the units of that year (1 = best; ties share the lowest number).
    pub rank: Option<Fig<u32>>,
    /// When no rank is published: the range `(best, worst)` the rank must lie
    /// in, given the published figures of the other units (computed).
    pub rank_bounds: Option<(u32, u32)>,
    /// Raw indicator value in the indicator's own unit (indicators only).
    pub raw: Option<f64>,
    /// Where the published parts come from (URLs separated by " ; "), or how the
    /// computed parts were computed.
    pub source: Option<String>,
    /// Free-text note (confidence, caveats) as given in the data.
    pub note: Option<String>,
    /// Where the figure was read from, for error messages: `file:line`.
    #[serde(skip)]
    pub at: Option<String>,
}

impl Figure {
    pub fn is_empty(&self) -> bool {
        self.score.is_none() && self.rank.is_none() && self.raw.is_none()
    }
}

/// A node of the framework. Level 1 is an indicator; the root has the highest level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// Unique code (e.g. `PII`, `INPUT`, `P1`, `P1.1`, `P1.1.1`).
    pub code: String,
    /// Parent code; `None` for the root, and for nodes whose place in the tree
    /// is not published (they are listed under "unplaced" by the explorer).
    pub parent: Option<String>,
    /// 1 = indicator, 2 = sub-pillar (or group), … up to the index.
    pub level: u8,
    /// Display order among siblings.
    pub order: u32,
    /// Weight within the parent, when known.
    pub weight: Option<f64>,
    /// +1 (higher is better) or −1 (lower is better), when known.
    pub direction: Option<i8>,
    /// Unit of the raw value (indicators), when known.
    pub unit: Option<String>,
    pub name_vi: String,
    pub name_en: String,
    /// Denominator column for raw values (COINr-style scaling), if any.
    pub denominator: Option<String>,
}

impl Node {
    pub fn is_indicator(&self) -> bool {
        self.level == 1
    }
}

/// One province / economy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    /// Stable code (ASCII, e.g. `HN`, `HCM`, `CHE`).
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    /// Other names people type ("TP HCM", "HCMC", "Thừa Thiên Huế").
    pub aliases: Vec<String>,
    /// Region (Vietnamese name), if any.
    pub region: Option<String>,
    /// Region (English name), if any.
    pub region_en: Option<String>,
    /// First and last year the unit exists (inclusive); `None` = open.
    pub first_year: Option<Year>,
    pub last_year: Option<Year>,
    /// The unit this one became part of after a boundary change (2025 merger).
    pub successor: Option<String>,
}

impl Unit {
    pub fn exists_in(&self, year: Year) -> bool {
        self.first_year.is_none_or(|f| f <= year) && self.last_year.is_none_or(|l| year <= l)
    }
}

/// A published or computed average over a region (or other group of units).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionFigure {
    pub year: Year,
    pub region: String,
    pub node: String,
    pub score: Fig<f64>,
    pub source: Option<String>,
    pub note: Option<String>,
}

/// Descriptive metadata of a dataset (`dataset.toml`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DatasetMeta {
    pub name: String,
    /// Short name of the index itself ("PII", "GII", "ASEM").
    pub index_name: String,
    pub years: Vec<Year>,
    pub default_year: Option<Year>,
    pub provenance: String,
    pub licence: String,
    /// Number of indicators in the full framework, as published (52 for the PII),
    /// when the framework file lists only part of them.
    pub indicators_published: Option<u32>,
    /// Decimals the index publishes its scores with (2 for the PII, 1 for the GII).
    pub decimals: Option<u8>,
}

/// Everything known for one year.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct YearData {
    pub year: Year,
    /// Codes of the units that exist (and are ranked) in this year, in data order.
    pub units: Vec<String>,
    /// Figures by (unit code, node code).
    pub figures: HashMap<(String, String), Figure>,
}

impl YearData {
    pub fn figure(&self, unit: &str, node: &str) -> Option<&Figure> {
        self.figures.get(&(unit.to_string(), node.to_string()))
    }
    pub fn score(&self, unit: &str, node: &str) -> Option<Fig<f64>> {
        self.figure(unit, node).and_then(|f| f.score)
    }
    pub fn rank(&self, unit: &str, node: &str) -> Option<Fig<u32>> {
        self.figure(unit, node).and_then(|f| f.rank)
    }
}

/// A loaded dataset.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    pub meta: DatasetMeta,
    /// Framework nodes in display order (parents before children).
    pub nodes: Vec<Node>,
    pub units: Vec<Unit>,
    pub years: BTreeMap<Year, YearData>,
    pub regions: Vec<RegionFigure>,
}

impl Dataset {
    pub fn node(&self, code: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.code == code)
    }
    pub fn unit(&self, code: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.code == code)
    }
    /// The root node (the index), if the framework has one.
    pub fn root(&self) -> Option<&Node> {
        self.nodes
            .iter()
            .filter(|n| n.parent.is_none())
            .max_by_key(|n| n.level)
    }
    /// Children of `code` in display order.
    pub fn children(&self, code: &str) -> Vec<&Node> {
        let mut v: Vec<&Node> = self
            .nodes
            .iter()
            .filter(|n| n.parent.as_deref() == Some(code))
            .collect();
        v.sort_by_key(|n| n.order);
        v
    }
    /// The latest year, or the dataset's default year when it names one.
    pub fn default_year(&self) -> Option<Year> {
        self.meta
            .default_year
            .filter(|y| self.years.contains_key(y))
            .or_else(|| self.years.keys().next_back().copied())
    }
    pub fn year(&self, year: Year) -> Option<&YearData> {
        self.years.get(&year)
    }
    /// The year before `year` that the dataset has, if any.
    pub fn previous_year(&self, year: Year) -> Option<Year> {
        self.years.range(..year).next_back().map(|(y, _)| *y)
    }
    /// Units that were merged into `code` (their successor is `code`).
    pub fn predecessors(&self, code: &str) -> Vec<&Unit> {
        self.units
            .iter()
            .filter(|u| u.successor.as_deref() == Some(code))
            .collect()
    }
}
