//! The scoring pipeline (methodology §2), exact against COINr 1.1.14.
//!
//! # Public API (what the data layer and the CLI call)
//!
//! ```text
//! let fw   = Framework::new(nodes)?            // or Framework::from_nodes(&dataset.nodes)
//! let raw  = RawData { units, columns, groups, denominators, .. };
//! let cfg  = Pipeline::gii();                  // or Pipeline::preset("coinr"), or from TOML/JSON
//! let res  = pipeline::run(&fw, &raw, &cfg)?;  // Result<Results, EngineError>
//! res.score(unit, node) / res.rank(unit, node) / res.treated(unit, node) ...
//! res.treatment (per-indicator log), res.warnings (constant indicators, unused columns, ...)
//! ```
//!
//! Steps, in order: (1) denominate: x / D, missing when either is missing,
//! zero denominator → error; (2) optional imputation (column or group mean);
//! (3) optional unit screening by data coverage; (4) optional outlier
//! treatment (skew/kurtosis test, winsorising, COIN-Tool log); (5) min–max
//! with directions; (6) weighted arithmetic or geometric mean over the
//! children present, bottom-up; (7) competition ranks on unrounded scores.
//!
//! Units and nodes are addressed by index (`usize`, in the order of
//! [`RawData::units`] and [`Framework::nodes`]) or by code through
//! [`Results::unit_index`] / [`Results::node_index`]. Missing is `None`;
//! no NaN or infinity is ever returned.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::aggregate::{self, Mean};
use super::framework::{EngineError, Framework};
use super::normalise;
use super::rank;
use super::stats::{Column, mean};
use super::treat::{self, PointFlag, TreatLog, TreatSettings};
use crate::data::DataError;

/// One numeric data column.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    /// Column code (indicator or denominator code).
    pub code: String,
    /// One value per unit, in [`RawData::units`] order.
    pub values: Vec<Option<f64>>,
    /// 1-based column number in the source file, for error messages.
    pub column: Option<usize>,
}

/// One grouping column (e.g. region, income group).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GroupColumn {
    pub code: String,
    pub values: Vec<Option<String>>,
}

/// Raw input of the pipeline: units × columns, column-major.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawData {
    /// Unit codes (unique).
    pub units: Vec<String>,
    /// Indicator columns (matched to framework indicators by code).
    pub columns: Vec<Series>,
    /// Grouping columns (for group-mean imputation).
    pub groups: Vec<GroupColumn>,
    /// Denominator columns (matched by an indicator's `denominator`).
    pub denominators: Vec<Series>,
    /// Source file name, for error messages.
    pub file: Option<String>,
    /// Line of each unit's row in the source file (empty when unknown).
    pub unit_lines: Vec<usize>,
}

impl RawData {
    fn loc_error(&self, unit: usize, column: Option<usize>, msg: String) -> EngineError {
        match (&self.file, self.unit_lines.get(unit)) {
            (Some(f), Some(&line)) => {
                EngineError::Data(DataError::new(f, line, column.unwrap_or(0), msg))
            }
            _ => EngineError::Invalid(msg),
        }
    }
}

/// Imputation method.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum Impute {
    /// Mean of the indicator over all units (COINr `i_mean`).
    Mean,
    /// Mean of the indicator over the units of the same group (COINr
    /// `i_mean_grp`); units without a group value stay missing.
    GroupMean { group: String },
}

/// Unit screening by data coverage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Screen {
    /// Keep units whose share of present indicators is ≥ this (COINr `dat_thresh`).
    pub min_coverage: f64,
}

/// Min–max bounds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Normalise {
    pub min: f64,
    pub max: f64,
}

/// Efficiency ratio output / input (two aggregate codes).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Efficiency {
    pub output: String,
    pub input: String,
}

/// Pipeline settings. Deserialize from TOML/JSON; missing fields take the
/// `gii` defaults.
///
/// ```toml
/// denominate = true
/// aggregate = "arithmetic"      # or "geometric"
/// min_share = 0.0
/// [impute]                      # omit for no imputation
/// method = "group_mean"
/// group = "EurAsia_group"
/// [screen]                      # omit for no screening
/// min_coverage = 0.9
/// [treat]                       # omit for no outlier treatment
/// skew = 2.25
/// kurt = 3.5
/// winmax = 5
/// log = true
/// [normalise]
/// min = 0.0
/// max = 100.0
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Pipeline {
    /// Divide indicators by their denominator column.
    pub denominate: bool,
    pub impute: Option<Impute>,
    pub screen: Option<Screen>,
    /// Outlier treatment; `treat = false` in TOML/JSON switches it off.
    #[serde(with = "treat_switch")]
    pub treat: Option<TreatSettings>,
    pub normalise: Normalise,
    pub aggregate: Mean,
    /// Minimum (unweighted) share of children present for an aggregate to be
    /// computed; 0 = at least one child.
    pub min_share: f64,
    pub efficiency: Option<Efficiency>,
}

/// 1-based line and column of byte `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// `treat` is either a table of settings or a boolean (`false` = off,
/// `true` = the default settings).
mod treat_switch {
    use std::fmt;

    use serde::de::{self, MapAccess, Visitor};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::TreatSettings;

    #[derive(Serialize)]
    #[serde(untagged)]
    enum Switch {
        On(bool),
        Settings(TreatSettings),
    }

    pub fn serialize<S: Serializer>(v: &Option<TreatSettings>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(t) => Switch::Settings(t.clone()).serialize(s),
            None => Switch::On(false).serialize(s),
        }
    }

    /// A boolean or a table; the table's own errors (e.g. `winmax`: "invalid
    /// value: integer `-5`, expected usize") are passed through unchanged.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<TreatSettings>, D::Error> {
        d.deserialize_any(SwitchVisitor)
    }

    struct SwitchVisitor;

    impl<'de> Visitor<'de> for SwitchVisitor {
        type Value = Option<TreatSettings>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(
                "treat = true, false, or a table of skew, kurt, winmax (a count >= 0), log, strict",
            )
        }

        fn visit_bool<E: de::Error>(self, on: bool) -> Result<Self::Value, E> {
            Ok(on.then(TreatSettings::default))
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            TreatSettings::deserialize(de::value::MapAccessDeserializer::new(map)).map(Some)
        }
    }
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::gii()
    }
}

/// Names accepted by [`Pipeline::preset`].
pub const PRESETS: [&str; 6] = ["gii", "coinr", "asem-a", "asem-b", "asem-c", "asem-d"];

impl Pipeline {
    /// GII-style (default): no imputation, no screening, outliers at
    /// |G1| ≥ 2.25 and G2 ≥ 3.5, winsorise ≤ 5 points, else COIN-Tool log;
    /// min–max [0, 100]; arithmetic mean over children present.
    pub fn gii() -> Pipeline {
        Pipeline {
            denominate: true,
            impute: None,
            screen: None,
            treat: Some(TreatSettings::default()),
            normalise: Normalise {
                min: 0.0,
                max: 100.0,
            },
            aggregate: Mean::Arithmetic,
            min_share: 0.0,
            efficiency: None,
        }
    }

    /// COINr defaults as in its example pipeline (ASEM pipeline A) but
    /// without a dataset-specific group: column-mean imputation (COINr
    /// `Impute` default), screening at 90 % coverage, outliers at
    /// |G1| ≥ 2.0 and G2 ≥ 3.5, winsorise ≤ 5, log_CT, [0, 100], arithmetic.
    pub fn coinr() -> Pipeline {
        Pipeline {
            impute: Some(Impute::Mean),
            screen: Some(Screen { min_coverage: 0.9 }),
            treat: Some(TreatSettings::coinr()),
            ..Pipeline::gii()
        }
    }

    /// ASEM pipeline A (COINr `build_example_coin()`): `coinr` with
    /// group-mean imputation by `EurAsia_group`.
    pub fn asem_a() -> Pipeline {
        Pipeline {
            impute: Some(Impute::GroupMean {
                group: "EurAsia_group".into(),
            }),
            ..Pipeline::coinr()
        }
    }

    /// ASEM pipeline B = `gii`.
    pub fn asem_b() -> Pipeline {
        Pipeline::gii()
    }

    /// ASEM pipeline C: B with at most 1 winsorised point.
    pub fn asem_c() -> Pipeline {
        Pipeline {
            treat: Some(TreatSettings {
                winmax: Some(1),
                ..TreatSettings::default()
            }),
            ..Pipeline::gii()
        }
    }

    /// ASEM pipeline D: B with min–max [1, 100] and geometric means.
    pub fn asem_d() -> Pipeline {
        Pipeline {
            normalise: Normalise {
                min: 1.0,
                max: 100.0,
            },
            aggregate: Mean::Geometric,
            ..Pipeline::gii()
        }
    }

    /// A named preset (see [`PRESETS`]).
    pub fn preset(name: &str) -> Option<Pipeline> {
        Some(match name.to_ascii_lowercase().as_str() {
            "gii" => Pipeline::gii(),
            "coinr" => Pipeline::coinr(),
            "asem-a" => Pipeline::asem_a(),
            "asem-b" => Pipeline::asem_b(),
            "asem-c" => Pipeline::asem_c(),
            "asem-d" => Pipeline::asem_d(),
            _ => return None,
        })
    }

    /// Parse settings from TOML text.
    pub fn from_toml(text: &str) -> Result<Pipeline, EngineError> {
        let p: Pipeline =
            toml::from_str(text).map_err(|e| EngineError::Invalid(format!("settings: {e}")))?;
        p.validate()?;
        Ok(p)
    }

    /// Parse a settings file's text: JSON when `name` ends in `.json`
    /// (any case), TOML otherwise. Errors are located at `name:line:column`.
    pub fn from_file_text(name: &str, text: &str) -> Result<Pipeline, EngineError> {
        let p: Pipeline = if name.to_ascii_lowercase().ends_with(".json") {
            serde_json::from_str(text).map_err(|e| {
                let full = e.to_string();
                let suffix = format!(" at line {} column {}", e.line(), e.column());
                let msg = full.strip_suffix(&suffix).unwrap_or(&full);
                DataError::new(name, e.line(), e.column(), format!("settings: {msg}"))
            })?
        } else {
            toml::from_str(text).map_err(|e| {
                let (line, col) = e.span().map_or((0, 0), |s| line_col(text, s.start));
                DataError::new(name, line, col, format!("settings: {}", e.message()))
            })?
        };
        p.validate()
            .map_err(|e| EngineError::Invalid(format!("{name}: {e}")))?;
        Ok(p)
    }

    /// Check the settings themselves.
    pub fn validate(&self) -> Result<(), EngineError> {
        let bad = |m: String| Err(EngineError::Invalid(format!("settings: {m}")));
        let n = &self.normalise;
        if !(n.min.is_finite() && n.max.is_finite() && n.min < n.max) {
            return bad(format!(
                "normalise bounds must be finite with min < max, found [{}, {}]",
                n.min, n.max
            ));
        }
        if self.aggregate == Mean::Geometric && n.min <= 0.0 {
            return bad(format!(
                "the geometric mean needs positive scores: use normalise min > 0 (e.g. [1, 100]), found min {}",
                n.min
            ));
        }
        if let Some(t) = &self.treat
            && !(t.skew.is_finite() && t.skew > 0.0 && t.kurt.is_finite())
        {
            return bad(format!(
                "treat thresholds must be finite (skew > 0), found skew {} kurt {}",
                t.skew, t.kurt
            ));
        }
        if let Some(s) = &self.screen
            && !(0.0..=1.0).contains(&s.min_coverage)
        {
            return bad(format!(
                "screen.min_coverage must be in [0, 1], found {}",
                s.min_coverage
            ));
        }
        if !(0.0..=1.0).contains(&self.min_share) {
            return bad(format!(
                "min_share must be in [0, 1], found {}",
                self.min_share
            ));
        }
        Ok(())
    }
}

/// Something the user should know, but not an error.
#[derive(Clone, Debug, PartialEq)]
pub enum Warning {
    /// A data column with no framework indicator; ignored.
    UnusedColumn { column: String },
    /// All values equal after treatment: no min–max possible; left out of aggregation.
    ConstantIndicator { indicator: String },
    /// No value at all: left out of aggregation.
    AllMissing { indicator: String },
    /// Fewer than 4 values or constant: the outlier test cannot run; untreated.
    Untestable { indicator: String, n: usize },
    /// The log did not bring the column within the thresholds (kept anyway).
    StillFailing { indicator: String },
    /// A unit removed by screening.
    ScreenedOut { unit: String, coverage: f64 },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::UnusedColumn { column } => {
                write!(f, "data column {column:?} is not in the framework; ignored")
            }
            Warning::ConstantIndicator { indicator } => write!(
                f,
                "indicator {indicator:?} is constant: no score, left out of aggregation"
            ),
            Warning::AllMissing { indicator } => write!(
                f,
                "indicator {indicator:?} has no value: left out of aggregation"
            ),
            Warning::Untestable { indicator, n } => write!(
                f,
                "indicator {indicator:?}: outlier test undefined ({n} values, or all equal); left untreated"
            ),
            Warning::StillFailing { indicator } => write!(
                f,
                "indicator {indicator:?}: still skewed after the log transform (kept)"
            ),
            Warning::ScreenedOut { unit, coverage } => write!(
                f,
                "unit {unit:?} removed by screening (data coverage {:.1} %)",
                coverage * 100.0
            ),
        }
    }
}

/// The efficiency ratio output / input per unit (undefined when input is 0).
#[derive(Clone, Debug, PartialEq)]
pub struct EfficiencyRatio {
    pub ratio: Vec<Option<f64>>,
    pub ranks: Vec<Option<u32>>,
}

/// Treated cells of one indicator, stored compactly.
#[derive(Clone, Debug, Default, PartialEq)]
enum Points {
    #[default]
    None,
    /// Every cell with a value (the log case).
    All(PointFlag),
    /// Listed cells, sorted by unit.
    Some(Vec<(u32, PointFlag)>),
}

/// Everything the pipeline computed.
#[derive(Clone, Debug)]
pub struct Results {
    /// Unit codes, input order.
    pub units: Vec<String>,
    /// The framework the results refer to.
    pub framework: Framework,
    /// The settings used.
    pub settings: Pipeline,
    unit_index: HashMap<String, usize>,
    /// Per node (indicators only): denominated values.
    denominated: Vec<Option<Column>>,
    /// Per node: imputed values when imputation changed something.
    imputed: Vec<Option<Column>>,
    /// Per unit: removed by screening.
    screened_out: Vec<bool>,
    /// Per node: treated values when treatment changed something.
    treated: Vec<Option<Column>>,
    /// Per node: treated cells.
    points: Vec<Points>,
    /// Per node: normalised (indicators) or aggregated (aggregates) score.
    scores: Vec<Column>,
    /// Per node: competition rank, 0 = none.
    ranks: Vec<Vec<u32>>,
    /// Treatment log, one entry per indicator with data (framework order).
    pub treatment: Vec<TreatLog>,
    /// Warnings, in the order found.
    pub warnings: Vec<Warning>,
    /// Efficiency ratio per unit and its ranks, when configured.
    pub efficiency: Option<EfficiencyRatio>,
}

impl Results {
    /// Index of a unit code.
    pub fn unit_index(&self, code: &str) -> Option<usize> {
        self.unit_index.get(code).copied()
    }
    /// Index of a node code.
    pub fn node_index(&self, code: &str) -> Option<usize> {
        self.framework.index_of(code)
    }
    /// Number of units.
    pub fn n_units(&self) -> usize {
        self.units.len()
    }
    /// Score: normalised score for an indicator, aggregate for an aggregate.
    pub fn score(&self, unit: usize, node: usize) -> Option<f64> {
        self.scores.get(node)?.get(unit)
    }
    /// Competition rank (1 = best) on the unrounded score.
    pub fn rank(&self, unit: usize, node: usize) -> Option<u32> {
        let r = *self.ranks.get(node)?.get(unit)?;
        (r > 0).then_some(r)
    }
    /// Value after denomination (indicators).
    pub fn denominated(&self, unit: usize, node: usize) -> Option<f64> {
        self.denominated.get(node)?.as_ref()?.get(unit)
    }
    /// Value after imputation (indicators).
    pub fn imputed(&self, unit: usize, node: usize) -> Option<f64> {
        match self.imputed.get(node)? {
            Some(c) => c.get(unit),
            None => self.denominated(unit, node),
        }
    }
    /// Value after screening: missing for a screened-out unit.
    pub fn screened(&self, unit: usize, node: usize) -> Option<f64> {
        if *self.screened_out.get(unit)? {
            None
        } else {
            self.imputed(unit, node)
        }
    }
    /// Value after outlier treatment (indicators).
    pub fn treated(&self, unit: usize, node: usize) -> Option<f64> {
        match self.treated.get(node)? {
            Some(c) => c.get(unit),
            None => self.screened(unit, node),
        }
    }
    /// How the cell was treated, if it was.
    pub fn treated_point(&self, unit: usize, node: usize) -> Option<PointFlag> {
        match self.points.get(node)? {
            Points::None => None,
            Points::All(f) => self.treated(unit, node).map(|_| *f),
            Points::Some(pts) => {
                let u = u32::try_from(unit).ok()?;
                pts.binary_search_by_key(&u, |p| p.0).ok().map(|k| pts[k].1)
            }
        }
    }
    /// Whether a unit was removed by screening.
    pub fn is_screened_out(&self, unit: usize) -> bool {
        self.screened_out.get(unit).copied().unwrap_or(false)
    }
    /// Whether imputation ran and changed something.
    pub fn has_imputation(&self) -> bool {
        self.imputed.iter().any(Option::is_some)
    }
    /// Scores of one node for all units.
    pub fn scores_of(&self, node: usize) -> Vec<Option<f64>> {
        self.scores.get(node).map_or(Vec::new(), Column::to_options)
    }
    /// The unit × node score matrix, column-major: `[node][unit]`.
    pub fn score_matrix(&self) -> Vec<Vec<Option<f64>>> {
        self.scores.iter().map(Column::to_options).collect()
    }
    /// Treatment log entry of an indicator.
    pub fn treatment_of(&self, code: &str) -> Option<&TreatLog> {
        self.treatment.iter().find(|t| t.indicator == code)
    }
    /// Approximate heap bytes held (for memory accounting).
    pub fn heap_bytes(&self) -> usize {
        let cols =
            |v: &Vec<Option<Column>>| v.iter().flatten().map(Column::heap_bytes).sum::<usize>();
        cols(&self.denominated)
            + cols(&self.imputed)
            + cols(&self.treated)
            + self.scores.iter().map(Column::heap_bytes).sum::<usize>()
            + self.ranks.iter().map(|r| r.capacity() * 4).sum::<usize>()
            + self
                .points
                .iter()
                .map(|p| match p {
                    Points::Some(v) => v.capacity() * 8,
                    _ => 0,
                })
                .sum::<usize>()
    }
}

fn overflow(code: &str) -> EngineError {
    EngineError::Invalid(format!(
        "numeric overflow while scoring {code:?}: values are too large"
    ))
}

/// Run the whole pipeline. Validates framework ↔ data and settings first.
pub fn run(fw: &Framework, data: &RawData, cfg: &Pipeline) -> Result<Results, EngineError> {
    cfg.validate()?;
    let nu = data.units.len();
    if u32::try_from(nu).is_err() {
        return Err(EngineError::Invalid(format!("too many units: {nu}")));
    }
    let mut warnings = Vec::new();

    // --- validate data shape
    let mut unit_index = HashMap::with_capacity(nu);
    for (i, u) in data.units.iter().enumerate() {
        if unit_index.insert(u.clone(), i).is_some() {
            return Err(data.loc_error(i, None, format!("duplicate unit code {u:?}")));
        }
    }
    for s in data.columns.iter().chain(&data.denominators) {
        if s.values.len() != nu {
            return Err(EngineError::Invalid(format!(
                "column {:?} has {} values for {} units",
                s.code,
                s.values.len(),
                nu
            )));
        }
        if let Some(i) = s
            .values
            .iter()
            .position(|v| v.is_some_and(|x| !x.is_finite()))
        {
            return Err(data.loc_error(
                i,
                s.column,
                format!("column {:?}: value is not a finite number", s.code),
            ));
        }
    }
    for g in &data.groups {
        if g.values.len() != nu {
            return Err(EngineError::Invalid(format!(
                "group column {:?} has {} values for {} units",
                g.code,
                g.values.len(),
                nu
            )));
        }
    }
    let col_of: HashMap<&str, &Series> =
        data.columns.iter().map(|s| (s.code.as_str(), s)).collect();
    let den_of: HashMap<&str, &Series> = data
        .denominators
        .iter()
        .map(|s| (s.code.as_str(), s))
        .collect();
    for &i in fw.indicators() {
        let n = &fw.nodes()[i];
        if !col_of.contains_key(n.code.as_str()) {
            return Err(EngineError::at(
                n.at.as_ref(),
                format!("indicator {:?} has no data column", n.code),
            ));
        }
        if cfg.denominate
            && let Some(d) = &n.denominator
            && !den_of.contains_key(d.as_str())
            && !col_of.contains_key(d.as_str())
        {
            return Err(EngineError::at(
                n.at.as_ref(),
                format!(
                    "indicator {:?}: denominator column {:?} not found in the data",
                    n.code, d
                ),
            ));
        }
    }
    for s in &data.columns {
        match fw.node(&s.code) {
            Some(n) if n.level == 1 => {}
            _ => warnings.push(Warning::UnusedColumn {
                column: s.code.clone(),
            }),
        }
    }
    let group_col = match &cfg.impute {
        Some(Impute::GroupMean { group }) => Some(
            data.groups
                .iter()
                .find(|g| &g.code == group)
                .ok_or_else(|| {
                    EngineError::Invalid(format!(
                        "settings: imputation group column {group:?} not found in the data (groups: {})",
                        data.groups
                            .iter()
                            .map(|g| g.code.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })?,
        ),
        _ => None,
    };

    let nn = fw.len();
    let mut denominated: Vec<Option<Column>> = vec![None; nn];
    let mut imputed: Vec<Option<Column>> = vec![None; nn];
    let mut treated: Vec<Option<Column>> = vec![None; nn];
    let mut points: Vec<Points> = vec![Points::None; nn];
    let mut scores: Vec<Column> = vec![Column::missing(0); nn];

    // --- 1. denominate
    for &i in fw.indicators() {
        let n = &fw.nodes()[i];
        let s = col_of[n.code.as_str()];
        let mut c = Column::from_options(&s.values);
        if cfg.denominate
            && let Some(dcode) = &n.denominator
        {
            let d = den_of
                .get(dcode.as_str())
                .or_else(|| col_of.get(dcode.as_str()))
                .copied()
                .ok_or_else(|| EngineError::Invalid(format!("denominator {dcode:?} not found")))?;
            for u in 0..nu {
                let v = match (s.values[u], d.values[u]) {
                    (Some(x), Some(den)) => {
                        if den == 0.0 {
                            return Err(data.loc_error(
                                u,
                                d.column,
                                format!(
                                    "unit {:?}: denominator {:?} is zero (indicator {:?} would be infinite)",
                                    data.units[u], dcode, n.code
                                ),
                            ));
                        }
                        let q = x / den;
                        if !q.is_finite() {
                            return Err(data.loc_error(
                                u,
                                s.column,
                                format!(
                                    "unit {:?}: {:?} / {:?} overflows",
                                    data.units[u], n.code, dcode
                                ),
                            ));
                        }
                        Some(q)
                    }
                    _ => None,
                };
                c.set(u, v);
            }
        }
        denominated[i] = Some(c);
    }

    // --- 2. impute
    if let Some(imp) = &cfg.impute {
        for &i in fw.indicators() {
            let Some(base) = denominated[i].as_ref() else {
                continue;
            };
            if base.count() == nu {
                continue;
            }
            let mut c = base.clone();
            let mut changed = false;
            match imp {
                Impute::Mean => {
                    if let Some(m) = mean(base) {
                        if !m.is_finite() {
                            return Err(overflow(&fw.nodes()[i].code));
                        }
                        for u in 0..nu {
                            if !base.is_present(u) {
                                c.set(u, Some(m));
                                changed = true;
                            }
                        }
                    }
                }
                Impute::GroupMean { .. } => {
                    let Some(g) = group_col else { continue };
                    let mut means: HashMap<&str, Option<f64>> = HashMap::new();
                    for u in 0..nu {
                        if base.is_present(u) {
                            continue;
                        }
                        let Some(key) = g.values[u].as_deref() else {
                            continue;
                        };
                        let m = *means.entry(key).or_insert_with(|| {
                            let members: Vec<usize> = (0..nu)
                                .filter(|&v| g.values[v].as_deref() == Some(key))
                                .collect();
                            mean(&base.select(&members))
                        });
                        if let Some(m) = m {
                            if !m.is_finite() {
                                return Err(overflow(&fw.nodes()[i].code));
                            }
                            c.set(u, Some(m));
                            changed = true;
                        }
                    }
                }
            }
            if changed {
                imputed[i] = Some(c);
            }
        }
    }

    // --- 3. screen
    let mut screened_out = vec![false; nu];
    if let Some(sc) = &cfg.screen {
        let ni = fw.indicators().len().max(1);
        for (u, out) in screened_out.iter_mut().enumerate() {
            let present = fw
                .indicators()
                .iter()
                .filter(|&&i| {
                    imputed[i]
                        .as_ref()
                        .or(denominated[i].as_ref())
                        .is_some_and(|c| c.is_present(u))
                })
                .count();
            let cov = present as f64 / ni as f64;
            if cov < sc.min_coverage {
                *out = true;
                warnings.push(Warning::ScreenedOut {
                    unit: data.units[u].clone(),
                    coverage: cov,
                });
            }
        }
    }
    let any_screened = screened_out.iter().any(|s| *s);

    // --- 4. treat, 5. normalise
    let mut treatment = Vec::new();
    for &i in fw.indicators() {
        let n = &fw.nodes()[i];
        let base = match imputed[i].as_ref().or(denominated[i].as_ref()) {
            Some(c) => c,
            None => continue,
        };
        let screened_col;
        let base = if any_screened {
            let mut c = base.clone();
            for (u, out) in screened_out.iter().enumerate() {
                if *out {
                    c.set(u, None);
                }
            }
            screened_col = c;
            &screened_col
        } else {
            base
        };
        let cur: &Column = if let Some(t) = &cfg.treat {
            let r = treat::treat(&n.code, base, t);
            if r.log.before.is_none() && r.log.n > 0 {
                warnings.push(Warning::Untestable {
                    indicator: n.code.clone(),
                    n: r.log.n,
                });
            }
            if r.log.after_log.is_some_and(|c| !c.pass) {
                warnings.push(Warning::StillFailing {
                    indicator: n.code.clone(),
                });
            }
            points[i] = if r.log.log_applied {
                Points::All(PointFlag::LogCt)
            } else if r.points.is_empty() {
                Points::None
            } else {
                Points::Some(r.points.iter().map(|&(u, f)| (u as u32, f)).collect())
            };
            treatment.push(r.log);
            treated[i] = r.column;
            treated[i].as_ref().unwrap_or(base)
        } else {
            base
        };
        match normalise::minmax(cur, n.direction, cfg.normalise.min, cfg.normalise.max) {
            Some(c) => scores[i] = c,
            None => {
                if cur.min_max().is_some_and(|(a, b)| a != b) {
                    // Not constant: the range itself overflows.
                    return Err(overflow(&n.code));
                }
                warnings.push(if cur.count() == 0 {
                    Warning::AllMissing {
                        indicator: n.code.clone(),
                    }
                } else {
                    Warning::ConstantIndicator {
                        indicator: n.code.clone(),
                    }
                });
                scores[i] = Column::missing(nu);
            }
        }
    }

    // --- 6. aggregate
    for &g in fw.aggregates_bottom_up() {
        let kids: Vec<(&Column, f64)> = fw
            .children(g)
            .iter()
            .map(|&c| (&scores[c], fw.nodes()[c].weight))
            .collect();
        let col = aggregate::aggregate(&kids, nu, cfg.aggregate, cfg.min_share).map_err(|u| {
            EngineError::Invalid(format!(
                "geometric mean of {:?} for unit {:?}: a child score is not positive",
                fw.nodes()[g].code,
                data.units[u]
            ))
        })?;
        scores[g] = col;
    }

    // Invariant: every stored value is finite (overflow on extreme inputs
    // is an error, never a NaN or infinity in a score or a file).
    for (i, n) in fw.nodes().iter().enumerate() {
        let cols = [treated[i].as_ref(), imputed[i].as_ref(), Some(&scores[i])];
        if cols
            .iter()
            .flatten()
            .any(|c| c.present_values().any(|x| !x.is_finite()))
        {
            return Err(overflow(&n.code));
        }
    }

    // --- 7. ranks
    let ranks: Vec<Vec<u32>> = scores.iter().map(rank::competition_dense).collect();

    let efficiency = match &cfg.efficiency {
        Some(e) => {
            let o = fw.index_of(&e.output).ok_or_else(|| {
                EngineError::Invalid(format!(
                    "settings: efficiency output {:?} is not a node",
                    e.output
                ))
            })?;
            let i = fw.index_of(&e.input).ok_or_else(|| {
                EngineError::Invalid(format!(
                    "settings: efficiency input {:?} is not a node",
                    e.input
                ))
            })?;
            let ratio: Vec<Option<f64>> = (0..nu)
                .map(|u| match (scores[o].get(u), scores[i].get(u)) {
                    (Some(a), Some(b)) if b != 0.0 => Some(a / b).filter(|r| r.is_finite()),
                    _ => None,
                })
                .collect();
            let ranks = rank::ranks(&ratio);
            Some(EfficiencyRatio { ratio, ranks })
        }
        None => None,
    };

    Ok(Results {
        units: data.units.clone(),
        framework: fw.clone(),
        settings: cfg.clone(),
        unit_index,
        denominated,
        imputed,
        screened_out,
        treated,
        points,
        scores,
        ranks,
        treatment,
        warnings,
        efficiency,
    })
}
