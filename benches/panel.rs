//! A seeded synthetic panel for the engine benchmarks and the memory example:
//! `units` × `indicators` with a 5-level tree (indicators → groups of 5 →
//! groups of 4 → groups of 5 → index), ~5 % missing values and a mix of
//! symmetric, skewed (log-normal) and outlier-heavy columns so that the
//! winsorising and log branches both run.
#![allow(dead_code)]

use pii_explorer::engine::framework::{Framework, FwNode};
use pii_explorer::engine::pipeline::{RawData, Series};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Build the framework and the data.
pub fn panel(units: usize, indicators: usize, seed: u64) -> (Framework, RawData) {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut nodes = Vec::new();
    let l2 = indicators.div_ceil(5);
    let l3 = l2.div_ceil(4);
    let l4 = l3.div_ceil(5);
    nodes.push(FwNode::new("IDX", None, 5));
    for k in 0..l4 {
        nodes.push(FwNode::new(&format!("S{k}"), Some("IDX"), 4));
    }
    for k in 0..l3 {
        nodes.push(FwNode::new(
            &format!("P{k}"),
            Some(&format!("S{}", k / 5)),
            3,
        ));
    }
    for k in 0..l2 {
        nodes.push(FwNode::new(
            &format!("G{k}"),
            Some(&format!("P{}", k / 4)),
            2,
        ));
    }
    let mut columns = Vec::with_capacity(indicators);
    for k in 0..indicators {
        let code = format!("I{k}");
        let mut n = FwNode::new(&code, Some(&format!("G{}", k / 5)), 1);
        n.direction = if k % 7 == 3 { -1 } else { 1 };
        n.weight = if k % 11 == 5 { 0.5 } else { 1.0 };
        nodes.push(n);
        let kind = k % 4;
        let values = (0..units)
            .map(|_| {
                if rng.random_bool(0.05) {
                    return None;
                }
                let z: f64 = (0..4).map(|_| rng.random::<f64>()).sum::<f64>() - 2.0;
                Some(match kind {
                    0 => 50.0 + 10.0 * z,
                    1 => (1.5 * z).exp(),
                    2 => rng.random_range(0.0..100.0),
                    _ => {
                        if rng.random_bool(0.002) {
                            1000.0 + 100.0 * z
                        } else {
                            10.0 + z
                        }
                    }
                })
            })
            .collect();
        columns.push(Series {
            code,
            values,
            column: None,
        });
    }
    let fw = Framework::new(nodes).expect("generated framework is valid");
    let raw = RawData {
        units: (0..units).map(|u| format!("U{u:05}")).collect(),
        columns,
        ..RawData::default()
    };
    (fw, raw)
}

/// Baseline: one plain pass over the input matrix (sum of present values).
pub fn sum_matrix(raw: &RawData) -> f64 {
    raw.columns
        .iter()
        .flat_map(|c| c.values.iter().flatten())
        .sum()
}

/// Baseline: copy the input matrix into dense f64 columns.
pub fn copy_matrix(raw: &RawData) -> Vec<Vec<f64>> {
    raw.columns
        .iter()
        .map(|c| c.values.iter().map(|v| v.unwrap_or(0.0)).collect())
        .collect()
}
