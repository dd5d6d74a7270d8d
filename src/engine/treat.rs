//! Outlier treatment (methodology §4.2–§4.4): the skew/kurtosis test, the
//! COINr 1.x winsorising loop and the COIN-Tool log fallback.

use serde::{Deserialize, Serialize};

use super::stats::{Column, SkewKurt, skew_kurt};

/// Outlier treatment settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TreatSettings {
    /// Skewness threshold s*: a column fails when |G1| ≥ s* (and G2 ≥ k*).
    /// GII 2.25; COINr's code default 2.0.
    pub skew: f64,
    /// Excess kurtosis threshold k* (3.5).
    pub kurt: f64,
    /// Maximum number of winsorised points before falling back to the log
    /// (COINr `winmax`, 5); `None` = no cap.
    #[serde(deserialize_with = "winmax_de")]
    pub winmax: Option<usize>,
    /// Apply the COIN-Tool log ln(x − min + 0.01(max − min)) to the original
    /// column when winsorising is not enough (`true`); otherwise keep the
    /// winsorised column.
    pub log: bool,
    /// Fail only when |G1| > s* and G2 > k* (the GII report's wording)
    /// instead of COINr's ≥; differs only at exact equality.
    pub strict: bool,
}

/// `winmax`: a whole number >= 0 (or null in JSON = no cap), with a message
/// naming the key otherwise.
fn winmax_de<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
    use serde::de::Error;
    let v = Option::<f64>::deserialize(d)
        .map_err(|_| D::Error::custom("treat.winmax must be a whole number >= 0"))?;
    match v {
        None => Ok(None),
        Some(x) if x >= 0.0 && x.fract() == 0.0 && x <= u32::MAX as f64 => Ok(Some(x as usize)),
        Some(x) => Err(D::Error::custom(format!(
            "treat.winmax must be a whole number >= 0 (the most points winsorised), found {x}"
        ))),
    }
}

impl Default for TreatSettings {
    fn default() -> Self {
        TreatSettings {
            skew: 2.25,
            kurt: 3.5,
            winmax: Some(5),
            log: true,
            strict: false,
        }
    }
}

impl TreatSettings {
    /// COINr 1.1.14 defaults (s* = 2.0).
    pub fn coinr() -> Self {
        TreatSettings {
            skew: 2.0,
            ..Self::default()
        }
    }

    /// Whether statistics pass the test; `None` when undefined.
    pub fn passes(&self, s: &SkewKurt) -> Option<bool> {
        let (g1, g2) = (s.skew?, s.kurt?);
        Some(if self.strict {
            g1.abs() <= self.skew || g2 <= self.kurt
        } else {
            g1.abs() < self.skew || g2 < self.kurt
        })
    }
}

/// How a cell was treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PointFlag {
    /// Winsorised at the high end.
    WinHi,
    /// Winsorised at the low end.
    WinLo,
    /// Log-transformed (COIN-Tool log).
    LogCt,
}

impl PointFlag {
    /// COINr's label: `winhi`, `winlo`, `log_CT`.
    pub fn label(self) -> &'static str {
        match self {
            PointFlag::WinHi => "winhi",
            PointFlag::WinLo => "winlo",
            PointFlag::LogCt => "log_CT",
        }
    }
}

/// One skew/kurtosis check.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Check {
    pub skew: f64,
    pub kurt: f64,
    pub pass: bool,
}

/// What happened to one indicator (COINr's treatment log).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TreatLog {
    pub indicator: String,
    /// Number of present values.
    pub n: usize,
    /// Check of the untreated column; `None` when the statistics are undefined
    /// (fewer than 4 values or a constant column): left untreated.
    pub before: Option<Check>,
    /// Winsorised count (COINr `nwin`), when winsorising ran.
    pub winsorised: Option<usize>,
    /// Check after winsorising, when it ran.
    pub after_winsorising: Option<Check>,
    /// Whether the log of the original column replaced it.
    pub log_applied: bool,
    /// Check after the log (recorded only; the log is kept either way).
    pub after_log: Option<Check>,
    /// Number of cells flagged.
    pub points: usize,
}

impl TreatLog {
    /// True when the column was changed.
    pub fn treated(&self) -> bool {
        self.points > 0
    }
}

/// The result of treating one column.
#[derive(Clone, Debug, PartialEq)]
pub struct Treated {
    /// The treated column, or `None` when the column is unchanged.
    pub column: Option<Column>,
    /// Flagged cells (unit index, flag), in unit order.
    pub points: Vec<(usize, PointFlag)>,
    pub log: TreatLog,
}

fn check(settings: &TreatSettings, s: &SkewKurt) -> Option<Check> {
    Some(Check {
        skew: s.skew?,
        kurt: s.kurt?,
        pass: settings.passes(s)?,
    })
}

/// Treat one column: test, winsorise with the COINr 1.x loop (side re-chosen
/// each step from the current skew, tied extremes replaced together, count
/// checked before each step), else log of the ORIGINAL column (kept even if it
/// still fails).
pub fn treat(indicator: &str, col: &Column, settings: &TreatSettings) -> Treated {
    let s0 = skew_kurt(col);
    let mut log = TreatLog {
        indicator: indicator.to_string(),
        n: s0.n,
        before: check(settings, &s0),
        winsorised: None,
        after_winsorising: None,
        log_applied: false,
        after_log: None,
        points: 0,
    };
    let untouched = |log| Treated {
        column: None,
        points: Vec::new(),
        log,
    };
    match log.before {
        None => return untouched(log),
        Some(c) if c.pass => return untouched(log),
        _ => {}
    }
    // Winsorising loop.
    let n = col.len();
    let mut cur = col.clone();
    let mut flags: Vec<Option<PointFlag>> = vec![None; n];
    let (mut hi_last, mut lo_last) = (0usize, 0usize);
    let mut count = 0usize;
    let mut stats = s0;
    loop {
        let fails = settings.passes(&stats) == Some(false);
        let capped = settings.winmax.is_some_and(|w| count >= w);
        if !fails || capped {
            break;
        }
        let Some(g1) = stats.skew else { break };
        let high = g1 >= 0.0;
        let (vals, present) = cur.parts_mut();
        // Extreme on the chosen side, how many units share it, and the
        // nearest value outside that set: one pass.
        let mut extreme: Option<f64> = None;
        let mut next: Option<f64> = None;
        let mut size = 0usize;
        let beyond = |a: f64, b: f64| if high { a > b } else { a < b };
        for i in 0..n {
            if !present[i] {
                continue;
            }
            let x = vals[i];
            match extreme {
                None => {
                    extreme = Some(x);
                    size = 1;
                }
                Some(e) if x == e => size += 1,
                Some(e) if beyond(x, e) => {
                    next = Some(e);
                    extreme = Some(x);
                    size = 1;
                }
                Some(_) => {
                    if next.is_none_or(|nx| beyond(x, nx)) {
                        next = Some(x);
                    }
                }
            }
        }
        let Some(extreme) = extreme else { break };
        let Some(next) = next else { break };
        let flag = if high {
            PointFlag::WinHi
        } else {
            PointFlag::WinLo
        };
        for i in 0..n {
            if present[i] && vals[i] == extreme {
                vals[i] = next;
                flags[i] = Some(flag);
            }
        }
        if high {
            hi_last = size;
        } else {
            lo_last = size;
        }
        count = hi_last + lo_last;
        stats = skew_kurt(&cur);
    }
    log.winsorised = Some(count);
    log.after_winsorising = check(settings, &stats);
    let still_fails = settings.passes(&stats) == Some(false);
    if still_fails && settings.log {
        if let Some(logged) = log_ct(col) {
            let s2 = skew_kurt(&logged);
            log.after_log = check(settings, &s2);
            log.log_applied = true;
            let points: Vec<(usize, PointFlag)> = (0..n)
                .filter(|&i| col.is_present(i))
                .map(|i| (i, PointFlag::LogCt))
                .collect();
            log.points = points.len();
            return Treated {
                column: Some(logged),
                points,
                log,
            };
        }
    }
    let points: Vec<(usize, PointFlag)> = flags
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.map(|f| (i, f)))
        .collect();
    log.points = points.len();
    Treated {
        column: if points.is_empty() { None } else { Some(cur) },
        points,
        log,
    }
}

/// COIN-Tool log: y = ln(x − min + 0.01(max − min)); `None` for a constant or
/// empty column.
pub fn log_ct(col: &Column) -> Option<Column> {
    let (lo, hi) = col.min_max()?;
    let range = hi - lo;
    if range <= 0.0 || !range.is_finite() {
        return None;
    }
    Some(col.map_present(|v| (v - lo + 0.01 * range).ln()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_differs_only_at_equality() {
        let st = |skew, kurt| SkewKurt {
            n: 10,
            skew: Some(skew),
            kurt: Some(kurt),
        };
        let coinr = TreatSettings::default();
        let gii = TreatSettings {
            strict: true,
            ..TreatSettings::default()
        };
        assert_eq!(coinr.passes(&st(2.25, 3.5)), Some(false));
        assert_eq!(gii.passes(&st(2.25, 3.5)), Some(true));
        assert_eq!(gii.passes(&st(-2.26, 3.6)), Some(false));
        assert_eq!(coinr.passes(&st(2.2, 9.0)), Some(true));
    }

    #[test]
    fn log_of_constant_is_none() {
        assert_eq!(log_ct(&Column::from_values(vec![2.0, 2.0])), None);
    }
}
