//! Framework and data validation, constant indicators, strengths and
//! weaknesses, the data-layer constructor.

use std::path::Path;

use pii_explorer::data::{Node, Table, coinr};
use pii_explorer::engine::explore::Mark;
use pii_explorer::engine::framework::{Framework, FwNode};
use pii_explorer::engine::pipeline::{self, Pipeline, RawData, Series, Warning};
use pii_explorer::engine::strengths::{MarkRule, Role, marks, marks_for};

fn series(code: &str, v: &[Option<f64>]) -> Series {
    Series {
        code: code.into(),
        values: v.to_vec(),
        column: None,
    }
}

fn small() -> Framework {
    Framework::new(vec![
        FwNode::new("P", None, 2),
        FwNode::new("a", Some("P"), 1),
        FwNode::new("b", Some("P"), 1),
        FwNode::new("c", Some("P"), 1),
    ])
    .unwrap()
}

#[test]
fn constant_and_all_missing_indicators_are_left_out_and_reported() {
    let data = RawData {
        units: vec!["X".into(), "Y".into(), "Z".into()],
        columns: vec![
            series("a", &[Some(1.0), Some(2.0), Some(4.0)]),
            series("b", &[Some(5.0), Some(5.0), Some(5.0)]),
            series("c", &[None, None, None]),
        ],
        ..RawData::default()
    };
    let r = pipeline::run(&small(), &data, &Pipeline::gii()).unwrap();
    assert!(r.warnings.contains(&Warning::ConstantIndicator {
        indicator: "b".into()
    }));
    assert!(r.warnings.contains(&Warning::AllMissing {
        indicator: "c".into()
    }));
    let p = r.node_index("P").unwrap();
    let b = r.node_index("b").unwrap();
    // P = the score of `a` alone: 0, 100/3, 100.
    assert_eq!(r.score(0, p), Some(0.0));
    assert!((r.score(1, p).unwrap() - 100.0 / 3.0).abs() < 1e-12);
    assert_eq!(r.score(2, p), Some(100.0));
    assert_eq!((r.score(0, b), r.rank(0, b)), (None, None));
    assert_eq!(r.rank(2, p), Some(1));
}

#[test]
fn zero_denominator_is_an_error_at_file_line_column() {
    let mut nodes = vec![FwNode::new("P", None, 2), FwNode::new("a", Some("P"), 1)];
    nodes[1].denominator = Some("Pop".into());
    let fw = Framework::new(nodes).unwrap();
    let data = RawData {
        units: vec!["X".into(), "Y".into()],
        columns: vec![series("a", &[Some(1.0), Some(2.0)])],
        denominators: vec![Series {
            code: "Pop".into(),
            values: vec![Some(3.0), Some(0.0)],
            column: Some(4),
        }],
        file: Some("d.csv".into()),
        unit_lines: vec![2, 3],
        ..RawData::default()
    };
    let e = pipeline::run(&fw, &data, &Pipeline::gii()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "d.csv:3:4: unit \"Y\": denominator \"Pop\" is zero (indicator \"a\" would be infinite)"
    );
    // A missing denominator gives a missing value, not an error.
    let mut d2 = data.clone();
    d2.denominators[0].values[1] = None;
    let r = pipeline::run(&fw, &d2, &Pipeline::gii()).unwrap();
    let a = r.node_index("a").unwrap();
    assert_eq!(r.denominated(0, a), Some(1.0 / 3.0));
    assert_eq!(r.denominated(1, a), None);
}

#[test]
fn indicator_without_data_column_names_the_meta_row() {
    let mt = Table::parse(
        "meta.csv",
        "iCode,Parent,Level,Weight,Direction\nP,,2,1,1\na,P,1,1,1\nb,P,1,1,1\n",
    )
    .unwrap();
    let m = coinr::read_meta(&mt).unwrap();
    let dt = Table::parse("data.csv", "uCode,a\nX,1\nY,2\n").unwrap();
    let e = coinr::read_data(&dt, &m).unwrap_err();
    assert_eq!(
        e.to_string(),
        "meta.csv:4: indicator \"b\" has no data column in data.csv"
    );
    // The same check in the engine, for data built by other readers.
    let fw = Framework::new(m.nodes).unwrap();
    let raw = RawData {
        units: vec!["X".into()],
        columns: vec![series("a", &[Some(1.0)]), series("zz", &[Some(1.0)])],
        ..RawData::default()
    };
    let e = pipeline::run(&fw, &raw, &Pipeline::gii()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "meta.csv:4: indicator \"b\" has no data column"
    );
}

#[test]
fn unused_data_column_is_a_warning() {
    let raw = RawData {
        units: vec!["X".into(), "Y".into()],
        columns: vec![
            series("a", &[Some(1.0), Some(2.0)]),
            series("b", &[Some(1.0), Some(3.0)]),
            series("c", &[Some(1.0), Some(4.0)]),
            series("extra", &[Some(1.0), Some(2.0)]),
        ],
        ..RawData::default()
    };
    let r = pipeline::run(&small(), &raw, &Pipeline::gii()).unwrap();
    assert_eq!(
        r.warnings[0],
        Warning::UnusedColumn {
            column: "extra".into()
        }
    );
    // Two units: the outlier test is undefined, reported per indicator.
    assert!(r.warnings.contains(&Warning::Untestable {
        indicator: "a".into(),
        n: 2
    }));
}

#[test]
fn meta_errors_name_file_line_column() {
    let mt = Table::parse(
        "meta.csv",
        "iCode,Parent,Level,Weight,Direction\nP,,2,1,1\na,P,1,1,2\n",
    )
    .unwrap();
    let e = coinr::read_meta(&mt).unwrap_err();
    assert_eq!(
        e.to_string(),
        "meta.csv:3:5: expected Direction 1 or -1, found 2"
    );
    let mt = Table::parse(
        "meta.csv",
        "iCode,Parent,Level,Weight,Direction\nP,,2,1,1\na,P,1,-1,1\n",
    )
    .unwrap();
    let m = coinr::read_meta(&mt).unwrap();
    let e = Framework::new(m.nodes).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("meta.csv:3: node \"a\": weight must be a positive finite number"),
        "{e}"
    );
    let mt = Table::parse(
        "meta.csv",
        "iCode,Parent,Level,Weight,Direction\nP,Q,2,1,1\nQ,P,3,1,1\na,P,1,1,1\n",
    )
    .unwrap();
    let e = Framework::new(coinr::read_meta(&mt).unwrap().nodes).unwrap_err();
    assert_eq!(
        e.to_string(),
        "meta.csv:3: node \"Q\": parent \"P\" closes a cycle: Q (line 3) → P (line 2) → Q"
    );
    // A leaf read first under a cycle higher up: the error is at the row that
    // closes the loop (the root pointed at a descendant), not at the leaf.
    let mt = Table::parse(
        "meta.csv",
        "iCode,Parent,Level,Weight,Direction\na,Phys,1,1,1\nPhys,Conn,2,1,1\n\
         Conn,Index,3,1,1\nIndex,Phys,4,1,1\n",
    )
    .unwrap();
    let e = Framework::new(coinr::read_meta(&mt).unwrap().nodes).unwrap_err();
    assert_eq!(
        e.to_string(),
        "meta.csv:5: node \"Index\": parent \"Phys\" closes a cycle: \
         Index (line 5) → Phys (line 3) → Conn (line 4) → Index"
    );
}

#[test]
fn from_data_model_nodes_defaults_weight_and_direction() {
    let node = |code: &str, parent: Option<&str>, level: u8| Node {
        code: code.into(),
        parent: parent.map(Into::into),
        level,
        order: 0,
        weight: None,
        direction: None,
        unit: None,
        name_vi: code.into(),
        name_en: String::new(),
        denominator: None,
    };
    let mut nodes = vec![
        node("R", None, 2),
        node("x", Some("R"), 1),
        node("y", Some("R"), 1),
    ];
    nodes[2].weight = Some(3.0);
    nodes[2].direction = Some(-1);
    let fw = Framework::from_nodes(&nodes).unwrap();
    assert_eq!(fw.node("x").unwrap().weight, 1.0);
    assert_eq!(fw.node("x").unwrap().direction, 1);
    assert_eq!(fw.node("y").unwrap().direction, -1);
    assert_eq!(fw.effective_weights(), vec![1.0, 0.25, 0.75]);
}

#[test]
fn strengths_weaknesses_hand_example() {
    use Mark::{Strength as S, Weakness as W};
    let scores = vec![
        vec![Some(10.0), Some(20.0), Some(30.0), Some(40.0)],
        vec![Some(40.0), Some(30.0), Some(20.0), Some(10.0)],
        vec![Some(15.0), Some(25.0), Some(35.0), None],
        vec![Some(5.0), Some(5.0), Some(1.0), Some(0.0)],
        vec![Some(50.0), Some(60.0), Some(40.0), Some(30.0)],
    ];
    let roles = [
        Role::Indicator,
        Role::Indicator,
        Role::Indicator,
        Role::Indicator,
        Role::Aggregate,
    ];
    let m = marks(
        &scores,
        &roles,
        &MarkRule {
            cut: 2,
            top_rank: 1,
            ..MarkRule::literal()
        },
    );
    // [node][unit]
    assert_eq!(m[0], vec![Some(W), Some(W), Some(S), Some(S)]);
    assert_eq!(m[1], vec![Some(S), Some(S), Some(W), None]);
    assert_eq!(m[2], vec![Some(W), Some(W), Some(S), None]);
    assert_eq!(m[3], vec![Some(S), Some(S), Some(W), None]);
    // P: percentiles 2/3, 1, 1/3, 0.
    assert_eq!(m[4], vec![Some(S), Some(S), Some(W), None]);
}

#[test]
#[allow(clippy::needless_range_loop)]
fn gii_rule_on_asem_gives_at_least_ten_strengths_each() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/asem");
    let (fw, raw, _) =
        coinr::read(&dir.join("input_meta.csv"), &dir.join("input_data.csv")).unwrap();
    let r = pipeline::run(&fw, &raw, &Pipeline::gii()).unwrap();
    let m = marks_for(&r, &MarkRule::default());
    let ind = fw.indicators();
    for u in 0..r.n_units() {
        let s = ind
            .iter()
            .filter(|&&i| m[i][u] == Some(Mark::Strength))
            .count();
        let w = ind
            .iter()
            .filter(|&&i| m[i][u] == Some(Mark::Weakness))
            .count();
        assert!(
            s >= 10 && w >= 1,
            "{}: {s} strengths, {w} weaknesses",
            r.units[u]
        );
        // Every rank 1–3 indicator is a strength.
        for &i in ind {
            if r.rank(u, i).is_some_and(|k| k <= 3) {
                assert_eq!(m[i][u], Some(Mark::Strength));
            }
        }
    }
    // Sub-indices and the index are not marked; pillars are.
    let idx = r.node_index("Index").unwrap();
    let conn = r.node_index("Conn").unwrap();
    assert!((0..r.n_units()).all(|u| m[idx][u].is_none() && m[conn][u].is_none()));
    let pillars = ["Physical", "ConEcFin", "Political", "Instit", "P2P"];
    let marked = pillars
        .iter()
        .map(|p| r.node_index(p).unwrap())
        .flat_map(|p| (0..r.n_units()).map(move |u| (p, u)))
        .filter(|&(p, u)| m[p][u].is_some())
        .count();
    assert!(marked > 0);
}

#[test]
fn overflowing_range_is_an_error_not_a_constant() {
    let data = RawData {
        units: vec!["X".into(), "Y".into(), "Z".into()],
        columns: vec![
            series("a", &[Some(-1e308), Some(1e308), Some(0.0)]),
            series("b", &[Some(1.0), Some(2.0), Some(3.0)]),
            series("c", &[Some(1.0), Some(2.0), Some(3.0)]),
        ],
        ..RawData::default()
    };
    let e = pipeline::run(&small(), &data, &Pipeline::gii()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "numeric overflow while scoring \"a\": values are too large"
    );
}
