//! Property tests of the pipeline on small generated panels.

use pii_explorer::engine::framework::{Framework, FwNode};
use pii_explorer::engine::pipeline::{self, Pipeline, RawData, Results, Series};
use proptest::prelude::*;

/// 6 indicators → 2 pillars (3 each) → index.
fn framework(dirs: &[i8], weights: &[f64]) -> Framework {
    let mut nodes = vec![
        FwNode::new("Index", None, 3),
        FwNode::new("P1", Some("Index"), 2),
        FwNode::new("P2", Some("Index"), 2),
    ];
    nodes[2].weight = weights[6];
    for k in 0..6 {
        let mut n = FwNode::new(&format!("i{k}"), Some(if k < 3 { "P1" } else { "P2" }), 1);
        n.direction = dirs[k];
        n.weight = weights[k];
        nodes.push(n);
    }
    Framework::new(nodes).unwrap()
}

fn data(units: usize, cells: &[Option<f64>]) -> RawData {
    RawData {
        units: (0..units).map(|u| format!("U{u}")).collect(),
        columns: (0..6)
            .map(|k| Series {
                code: format!("i{k}"),
                values: cells[k * units..(k + 1) * units].to_vec(),
                column: None,
            })
            .collect(),
        ..RawData::default()
    }
}

fn panel() -> impl Strategy<Value = (usize, Vec<Option<f64>>, Vec<i8>, Vec<f64>)> {
    (4usize..16).prop_flat_map(|n| {
        (
            Just(n),
            prop::collection::vec(
                prop_oneof![1 => Just(None), 6 => (-1000.0f64..1000.0).prop_map(Some)],
                6 * n,
            ),
            prop::collection::vec(prop_oneof![Just(1i8), Just(-1i8)], 6),
            prop::collection::vec(0.1f64..5.0, 7),
        )
    })
}

fn all_scores(r: &Results) -> Vec<Vec<Option<f64>>> {
    r.score_matrix()
}

fn index_of(r: &Results) -> usize {
    r.node_index("Index").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn scores_within_bounds_and_finite((n, cells, dirs, w) in panel()) {
        let fw = framework(&dirs, &w);
        let r = pipeline::run(&fw, &data(n, &cells), &Pipeline::gii()).unwrap();
        for col in all_scores(&r) {
            for s in col.into_iter().flatten() {
                prop_assert!(s.is_finite() && (0.0..=100.0).contains(&s), "{s}");
            }
        }
        for u in 0..n {
            for k in 0..fw.len() {
                if let Some(t) = r.treated(u, k) { prop_assert!(t.is_finite()); }
            }
        }
    }

    #[test]
    fn permuting_units_permutes_results((n, cells, dirs, w) in panel(), seed in any::<u64>()) {
        let fw = framework(&dirs, &w);
        let r = pipeline::run(&fw, &data(n, &cells), &Pipeline::gii()).unwrap();
        // A permutation from the seed (rotation + reversal).
        let rot = (seed as usize) % n;
        let perm: Vec<usize> = if seed % 2 == 0 {
            (0..n).map(|i| (i + rot) % n).collect()
        } else {
            (0..n).map(|i| (n - 1 - i + rot) % n).collect()
        };
        let mut d2 = data(n, &cells);
        d2.units = perm.iter().map(|&p| format!("U{p}")).collect();
        for s in &mut d2.columns {
            s.values = perm.iter().map(|&p| s.values[p]).collect();
        }
        let r2 = pipeline::run(&fw, &d2, &Pipeline::gii()).unwrap();
        for (k, &p) in perm.iter().enumerate() {
            for node in 0..fw.len() {
                prop_assert_eq!(r.score(p, node), r2.score(k, node));
                prop_assert_eq!(r.rank(p, node), r2.rank(k, node));
                prop_assert_eq!(r.treated(p, node), r2.treated(k, node));
                prop_assert_eq!(r.treated_point(p, node), r2.treated_point(k, node));
            }
        }
        // Decisions are identical; statistics differ only by summation order.
        for (a, b) in r.treatment.iter().zip(&r2.treatment) {
            prop_assert_eq!((a.winsorised, a.log_applied, a.points), (b.winsorised, b.log_applied, b.points));
            prop_assert_eq!(a.before.map(|c| c.pass), b.before.map(|c| c.pass));
            if let (Some(x), Some(y)) = (a.before, b.before) {
                prop_assert!((x.skew - y.skew).abs() < 1e-9 && (x.kurt - y.kurt).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn scaling_one_groups_weights_changes_nothing(
        (n, cells, dirs, w) in panel(), c in 0.01f64..100.0, pow in -8i32..8
    ) {
        let fw = framework(&dirs, &w);
        let d = data(n, &cells);
        let r = pipeline::run(&fw, &d, &Pipeline::gii()).unwrap();
        // Any constant: equal within rounding.
        let mut w2 = w.clone();
        for x in &mut w2[0..3] { *x *= c; }
        let r2 = pipeline::run(&framework(&dirs, &w2), &d, &Pipeline::gii()).unwrap();
        for (a, b) in all_scores(&r).iter().zip(all_scores(&r2).iter()) {
            for (x, y) in a.iter().zip(b) {
                match (x, y) {
                    (Some(x), Some(y)) => prop_assert!((x - y).abs() <= 1e-9, "{x} vs {y}"),
                    _ => prop_assert_eq!(x, y),
                }
            }
        }
        // A power of two: bit-identical, ranks included.
        let mut w3 = w.clone();
        for x in &mut w3[3..6] { *x *= 2f64.powi(pow); }
        let r3 = pipeline::run(&framework(&dirs, &w3), &d, &Pipeline::gii()).unwrap();
        prop_assert_eq!(all_scores(&r), all_scores(&r3));
        for u in 0..n {
            for node in 0..fw.len() {
                prop_assert_eq!(r.rank(u, node), r3.rank(u, node));
            }
        }
    }

    #[test]
    fn raising_a_value_never_lowers_the_index(
        (n, cells, _dirs, w) in panel(), unit in any::<prop::sample::Index>(),
        ind in 0usize..6, delta in 0.0f64..500.0
    ) {
        let dirs = [1i8; 6];
        let fw = framework(&dirs, &w);
        let u = unit.index(n);
        let mut cells = cells;
        let cell = ind * n + u;
        let before = cells[cell].unwrap_or(0.0);
        cells[cell] = Some(before);
        let mut raised = cells.clone();
        raised[cell] = Some(before + delta);
        let mut p = Pipeline::gii();
        let r1 = pipeline::run(&fw, &data(n, &cells), &p).unwrap();
        let r2 = pipeline::run(&fw, &data(n, &raised), &p).unwrap();
        let untreated = |r: &Results| r.treatment.iter().all(|t| !t.treated());
        let (r1, r2) = if untreated(&r1) && untreated(&r2) {
            (r1, r2)
        } else {
            p.treat = None;
            (
                pipeline::run(&fw, &data(n, &cells), &p).unwrap(),
                pipeline::run(&fw, &data(n, &raised), &p).unwrap(),
            )
        };
        let idx = index_of(&r1);
        let (a, b) = (r1.score(u, idx).unwrap(), r2.score(u, idx).unwrap());
        prop_assert!(b >= a - 1e-12, "index went from {a} to {b}");
    }
}

fn extreme_value() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        2 => Just(None),
        1 => Just(Some(0.0)),
        1 => Just(Some(1e308)),
        1 => Just(Some(-1e308)),
        1 => Just(Some(5e-324)),
        4 => (-10.0f64..10.0).prop_map(Some),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Odd inputs (0–3 units, all missing, constant, ±1e308, subnormals):
    /// never a panic; either an error or finite scores within bounds.
    #[test]
    fn odd_inputs_never_panic_or_leak_non_finite(
        n in 0usize..4, cells in prop::collection::vec(extreme_value(), 24),
        geometric in any::<bool>()
    ) {
        let fw = framework(&[1, -1, 1, -1, 1, 1], &[1.0; 7]);
        let p = if geometric { Pipeline::asem_d() } else { Pipeline::gii() };
        let (lo, hi) = (p.normalise.min, p.normalise.max);
        if let Ok(r) = pipeline::run(&fw, &data(n, &cells[..6 * n]), &p) {
            for col in all_scores(&r) {
                for s in col.into_iter().flatten() {
                    prop_assert!(s.is_finite() && (lo..=hi).contains(&s), "{s}");
                }
            }
        }
    }
}
