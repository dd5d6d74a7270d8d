//! The engine against COINr 1.1.14 on the ASEM example (tests/fixtures/asem,
//! copied from the shared validation set): pipelines A, B, C, D at every stage
//! they publish. Joined on uCode, never on row order.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use pii_explorer::data::{Table, coinr};
use pii_explorer::engine::pipeline::{self, Pipeline, Results};
use pii_explorer::engine::treat::PointFlag;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/asem")
        .join(name)
}

/// A wide COINr table: (uCode, column) → cell text.
struct Wide {
    cells: HashMap<(String, String), String>,
    units: Vec<String>,
    columns: Vec<String>,
}

fn wide(name: &str) -> Wide {
    let t = Table::read(&fixture(name)).unwrap();
    let cu = t.require("uCode").unwrap();
    let mut cells = HashMap::new();
    let mut units = Vec::new();
    for row in &t.rows {
        let u = t.cell(row, cu).to_string();
        for (c, h) in t.headers.iter().enumerate() {
            if c != cu {
                cells.insert((u.clone(), h.clone()), t.cell(row, c).to_string());
            }
        }
        units.push(u);
    }
    let columns = t
        .headers
        .iter()
        .enumerate()
        .filter(|(c, _)| *c != cu)
        .map(|(_, h)| h.clone())
        .collect();
    Wide {
        cells,
        units,
        columns,
    }
}

fn num(s: &str) -> Option<f64> {
    if s.is_empty() || s == "NA" {
        None
    } else {
        Some(s.parse().unwrap_or_else(|_| panic!("not a number: {s}")))
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

fn run(p: &Pipeline) -> Results {
    let (fw, raw, _w) =
        coinr::read(&fixture("input_meta.csv"), &fixture("input_data.csv")).unwrap();
    pipeline::run(&fw, &raw, p).unwrap()
}

/// Compare one stage; `get` returns our value for (unit, node).
fn compare_stage(
    file: &str,
    res: &Results,
    get: impl Fn(&Results, usize, usize) -> Option<f64>,
) -> usize {
    let w = wide(file);
    assert_eq!(w.units.len(), res.n_units(), "{file}: unit count");
    let mut n = 0;
    let mut bad = Vec::new();
    for u in &w.units {
        let ui = res
            .unit_index(u)
            .unwrap_or_else(|| panic!("{file}: unknown unit {u}"));
        for c in &w.columns {
            let ni = res
                .node_index(c)
                .unwrap_or_else(|| panic!("{file}: unknown node {c}"));
            let want = num(&w.cells[&(u.clone(), c.clone())]);
            let got = get(res, ui, ni);
            let ok = match (want, got) {
                (None, None) => true,
                (Some(a), Some(b)) => close(b, a),
                _ => false,
            };
            if !ok {
                bad.push(format!("{u}/{c}: want {want:?}, got {got:?}"));
            }
            n += 1;
        }
    }
    assert!(
        bad.is_empty(),
        "{file}: {} mismatches, e.g. {:?}",
        bad.len(),
        &bad[..bad.len().min(8)]
    );
    n
}

fn compare_ranks(file: &str, res: &Results) {
    let w = wide(file);
    for u in &w.units {
        let ui = res.unit_index(u).unwrap();
        for c in &w.columns {
            let ni = res.node_index(c).unwrap();
            let want = num(&w.cells[&(u.clone(), c.clone())]).map(|r| r as u32);
            assert_eq!(res.rank(ui, ni), want, "{file}: rank of {u}/{c}");
        }
    }
}

fn compare_points(file: &str, res: &Results) {
    let w = wide(file);
    let mut flagged = 0;
    for u in &w.units {
        let ui = res.unit_index(u).unwrap();
        for c in &w.columns {
            let ni = res.node_index(c).unwrap();
            let want = w.cells[&(u.clone(), c.clone())].as_str();
            let got = res.treated_point(ui, ni).map_or("", PointFlag::label);
            assert_eq!(got, want, "{file}: treated point {u}/{c}");
            flagged += usize::from(!want.is_empty());
        }
    }
    assert!(flagged > 0, "{file}: no treated point at all");
}

fn boolean(s: &str) -> Option<bool> {
    match s {
        "TRUE" => Some(true),
        "FALSE" => Some(false),
        _ => None,
    }
}

fn compare_log(file: &str, res: &Results) {
    let t = Table::read(&fixture(file)).unwrap();
    let col = |n: &str| t.column(n);
    let ci = t.require("iCode").unwrap();
    let mut treated = 0;
    for row in &t.rows {
        let code = t.cell(row, ci);
        let log = res
            .treatment_of(code)
            .unwrap_or_else(|| panic!("{file}: no log for {code}"));
        let cell = |n: &str| col(n).map_or("", |c| t.cell(row, c));
        let b = log.before.expect("stats defined");
        assert_eq!(
            Some(b.pass),
            boolean(cell("check_SkewKurt0.Pass")),
            "{code}"
        );
        assert!(
            close(b.skew, num(cell("check_SkewKurt0.Skew")).unwrap()),
            "{code}"
        );
        assert!(
            close(b.kurt, num(cell("check_SkewKurt0.Kurt")).unwrap()),
            "{code}"
        );
        let nwin = num(cell("winsorise.nwin")).map(|x| x as usize);
        assert_eq!(log.winsorised, nwin, "{file}: nwin of {code}");
        match log.after_winsorising {
            Some(a) => {
                assert_eq!(
                    Some(a.pass),
                    boolean(cell("check_SkewKurt1.Pass")),
                    "{code}"
                );
                assert!(
                    close(a.skew, num(cell("check_SkewKurt1.Skew")).unwrap()),
                    "{code}"
                );
                assert!(
                    close(a.kurt, num(cell("check_SkewKurt1.Kurt")).unwrap()),
                    "{code}"
                );
            }
            None => assert_eq!(cell("check_SkewKurt1.Skew"), "", "{code}"),
        }
        let log_applied = boolean(cell("log_applied")).unwrap();
        assert_eq!(log.log_applied, log_applied, "{file}: log of {code}");
        match log.after_log {
            Some(a) => {
                assert_eq!(
                    Some(a.pass),
                    boolean(cell("check_SkewKurt2.Pass")),
                    "{code}"
                );
                assert!(
                    close(a.skew, num(cell("check_SkewKurt2.Skew")).unwrap()),
                    "{code}"
                );
                assert!(
                    close(a.kurt, num(cell("check_SkewKurt2.Kurt")).unwrap()),
                    "{code}"
                );
            }
            None => assert_eq!(cell("check_SkewKurt2.Skew"), "", "{code}"),
        }
        let flagged = num(cell("n_points_flagged")).unwrap() as usize;
        if log_applied {
            // COINr counts every unit as log-flagged, missing ones included;
            // we flag the cells that have a value.
            assert_eq!(flagged, res.n_units(), "{code}");
            let ni = res.node_index(code).unwrap();
            let present = (0..res.n_units())
                .filter(|&u| res.screened(u, ni).is_some())
                .count();
            assert_eq!(log.points, present, "{code}");
        } else {
            assert_eq!(log.points, flagged, "{file}: points of {code}");
        }
        treated += usize::from(log.treated());
    }
    assert_eq!(
        t.rows.len(),
        res.treatment.len(),
        "{file}: one log row per indicator"
    );
    assert!(treated > 0);
}

#[test]
fn pipeline_a_coinr_example() {
    let r = run(&Pipeline::asem_a());
    compare_stage("A_1_denominated.csv", &r, Results::denominated);
    compare_stage("A_2_imputed.csv", &r, Results::imputed);
    compare_stage("A_3_screened.csv", &r, Results::screened);
    compare_stage("A_4_treated.csv", &r, Results::treated);
    compare_points("A_4_treated_points.csv", &r);
    compare_log("A_4_treatment_log.csv", &r);
    compare_stage("A_5_normalised.csv", &r, Results::score);
    compare_stage("A_6_aggregated.csv", &r, Results::score);
    compare_ranks("A_7_ranks.csv", &r);
    let idx = r.node_index("Index").unwrap();
    let che = r.unit_index("CHE").unwrap();
    assert!((r.score(che, idx).unwrap() - 68.38372).abs() < 1e-5);
    assert_eq!(r.rank(che, idx), Some(1));
}

#[test]
fn pipeline_b_gii_style() {
    let r = run(&Pipeline::gii());
    compare_stage("B_1_denominated.csv", &r, Results::denominated);
    compare_stage("B_4_treated.csv", &r, Results::treated);
    compare_points("B_4_treated_points.csv", &r);
    compare_log("B_4_treatment_log.csv", &r);
    compare_stage("B_5_normalised.csv", &r, Results::score);
    compare_stage("B_6_aggregated.csv", &r, Results::score);
    compare_ranks("B_7_ranks.csv", &r);
    // LAO has no Energy: its two energy-scaled indicators become missing.
    let lao = r.unit_index("LAO").unwrap();
    for code in ["Elec", "Gas"] {
        let i = r.node_index(code).unwrap();
        assert_eq!(r.denominated(lao, i), None, "{code}");
        assert_eq!(r.score(lao, i), None, "{code}");
        assert_eq!(r.rank(lao, i), None, "{code}");
    }
    // Flights: G1 = 2.2436 < 2.25 → untreated under the GII rule.
    assert_eq!(r.treatment_of("Flights").unwrap().points, 0);
}

#[test]
fn pipeline_b_rounded_table() {
    let r = run(&Pipeline::gii());
    let t = Table::read(&fixture("B_8_results_rounded2.csv")).unwrap();
    let cu = t.require("uCode").unwrap();
    let cr = t.require("Rank").unwrap();
    let idx = r.node_index("Index").unwrap();
    for row in &t.rows {
        let u = r.unit_index(t.cell(row, cu)).unwrap();
        assert_eq!(r.rank(u, idx), t.number(row, cr).unwrap().map(|x| x as u32));
        for (c, h) in t.headers.iter().enumerate().skip(2) {
            let n = r.node_index(h).unwrap();
            let shown = format!("{:.2}", r.score(u, n).unwrap());
            assert_eq!(shown, t.cell(row, c), "{h} of {}", t.cell(row, cu));
        }
    }
}

#[test]
fn pipeline_c_log_branch() {
    let r = run(&Pipeline::asem_c());
    compare_stage("C_4_treated.csv", &r, Results::treated);
    compare_log("C_4_treatment_log.csv", &r);
    compare_stage("C_5_normalised.csv", &r, Results::score);
    compare_stage("C_6_aggregated.csv", &r, Results::score);
    compare_ranks("C_7_ranks.csv", &r);
    let logged = r.treatment.iter().filter(|t| t.log_applied).count();
    assert_eq!(logged, 10);
}

#[test]
fn pipeline_d_geometric() {
    let r = run(&Pipeline::asem_d());
    compare_stage("D_5_normalised.csv", &r, Results::score);
    compare_stage("D_6_aggregated.csv", &r, Results::score);
    compare_ranks("D_7_ranks.csv", &r);
}

#[test]
fn no_nan_or_infinity_anywhere() {
    for p in [
        Pipeline::asem_a(),
        Pipeline::gii(),
        Pipeline::asem_c(),
        Pipeline::asem_d(),
    ] {
        let r = run(&p);
        for u in 0..r.n_units() {
            for n in 0..r.framework.len() {
                for v in [
                    r.score(u, n),
                    r.treated(u, n),
                    r.imputed(u, n),
                    r.denominated(u, n),
                ]
                .into_iter()
                .flatten()
                {
                    assert!(v.is_finite());
                }
                if let Some(s) = r.score(u, n) {
                    assert!((p.normalise.min..=p.normalise.max).contains(&s));
                }
            }
        }
    }
}
