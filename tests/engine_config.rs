//! Pipeline settings (TOML/JSON, presets, validation), screening, group-mean
//! imputation and the efficiency ratio.

use pii_explorer::engine::framework::{Framework, FwNode};
use pii_explorer::engine::pipeline::{
    self, Efficiency, GroupColumn, Impute, Pipeline, RawData, Screen, Series, Warning,
};

fn series(code: &str, v: &[Option<f64>]) -> Series {
    Series {
        code: code.into(),
        values: v.to_vec(),
        column: None,
    }
}

#[test]
fn settings_from_toml_and_json() {
    let a = Pipeline::from_toml(
        r#"
        [impute]
        method = "group_mean"
        group = "EurAsia_group"
        [screen]
        min_coverage = 0.9
        [treat]
        skew = 2.0
        "#,
    )
    .unwrap();
    assert_eq!(a, Pipeline::asem_a());
    let d: Pipeline =
        serde_json::from_str(r#"{"aggregate": "geometric", "normalise": {"min": 1, "max": 100}}"#)
            .unwrap();
    assert_eq!(d, Pipeline::asem_d());
    assert_eq!(Pipeline::from_toml("").unwrap(), Pipeline::gii());
    // Round trip through TOML (what `pii score` writes to settings.toml).
    for name in pipeline::PRESETS {
        let p = Pipeline::preset(name).unwrap();
        assert_eq!(
            Pipeline::from_toml(&toml::to_string(&p).unwrap()).unwrap(),
            p
        );
    }
    let off = Pipeline::from_toml("treat = false").unwrap();
    assert_eq!(off.treat, None);
    let off2 = Pipeline {
        treat: None,
        ..Pipeline::gii()
    };
    assert_eq!(
        Pipeline::from_toml(&toml::to_string(&off2).unwrap()).unwrap(),
        off2
    );
    let e = Pipeline::from_toml("winmax = 3").unwrap_err().to_string();
    assert!(e.contains("unknown field `winmax`"), "{e}");
    let e = Pipeline::from_toml("aggregate = \"geometric\"")
        .unwrap_err()
        .to_string();
    assert!(e.contains("geometric mean needs positive scores"), "{e}");
}

fn two_pillars() -> Framework {
    Framework::new(vec![
        FwNode::new("Index", None, 3),
        FwNode::new("In", Some("Index"), 2),
        FwNode::new("Out", Some("Index"), 2),
        FwNode::new("a", Some("In"), 1),
        FwNode::new("b", Some("Out"), 1),
        FwNode::new("c", Some("Out"), 1),
    ])
    .unwrap()
}

#[test]
fn efficiency_ratio_is_output_over_input_and_undefined_at_zero() {
    let data = RawData {
        units: vec!["X".into(), "Y".into(), "Z".into()],
        columns: vec![
            series("a", &[Some(1.0), Some(2.0), Some(3.0)]),
            series("b", &[Some(3.0), Some(2.0), Some(1.0)]),
            series("c", &[Some(30.0), Some(20.0), Some(10.0)]),
        ],
        ..RawData::default()
    };
    let p = Pipeline {
        efficiency: Some(Efficiency {
            output: "Out".into(),
            input: "In".into(),
        }),
        ..Pipeline::gii()
    };
    let r = pipeline::run(&two_pillars(), &data, &p).unwrap();
    let e = r.efficiency.unwrap();
    // In = 0, 50, 100; Out = 100, 50, 0.
    assert_eq!(e.ratio, vec![None, Some(1.0), Some(0.0)]);
    assert_eq!(e.ranks, vec![None, Some(1), Some(2)]);
}

#[test]
fn screening_removes_units_before_treatment_and_normalisation() {
    let data = RawData {
        units: vec!["X".into(), "Y".into(), "Z".into(), "W".into()],
        columns: vec![
            series("a", &[Some(1.0), Some(2.0), Some(3.0), Some(100.0)]),
            series("b", &[Some(3.0), Some(2.0), Some(1.0), None]),
            series("c", &[Some(30.0), Some(20.0), Some(10.0), None]),
        ],
        ..RawData::default()
    };
    let p = Pipeline {
        screen: Some(Screen { min_coverage: 0.5 }),
        ..Pipeline::gii()
    };
    let r = pipeline::run(&two_pillars(), &data, &p).unwrap();
    let w = r.unit_index("W").unwrap();
    assert!(r.is_screened_out(w));
    assert!(
        r.warnings
            .iter()
            .any(|x| matches!(x, Warning::ScreenedOut { unit, .. } if unit == "W"))
    );
    let a = r.node_index("a").unwrap();
    let idx = r.node_index("Index").unwrap();
    assert_eq!(r.denominated(w, a), Some(100.0));
    assert_eq!(
        (r.screened(w, a), r.score(w, a), r.rank(w, idx)),
        (None, None, None)
    );
    // W's 100 no longer stretches the min-max of `a`: Z is the maximum.
    assert_eq!(r.score(r.unit_index("Z").unwrap(), a), Some(100.0));
    assert_eq!(r.score(r.unit_index("Y").unwrap(), a), Some(50.0));
}

#[test]
fn group_mean_imputation_uses_the_units_group() {
    let data = RawData {
        units: vec!["X".into(), "Y".into(), "Z".into(), "W".into(), "V".into()],
        columns: vec![
            series("a", &[Some(1.0), Some(3.0), None, Some(10.0), None]),
            series(
                "b",
                &[Some(1.0), Some(2.0), Some(3.0), Some(4.0), Some(5.0)],
            ),
            series(
                "c",
                &[Some(1.0), Some(2.0), Some(3.0), Some(4.0), Some(6.0)],
            ),
        ],
        groups: vec![GroupColumn {
            code: "G".into(),
            values: vec![
                Some("n".into()),
                Some("n".into()),
                Some("n".into()),
                Some("s".into()),
                None,
            ],
        }],
        ..RawData::default()
    };
    let p = Pipeline {
        impute: Some(Impute::GroupMean { group: "G".into() }),
        ..Pipeline::gii()
    };
    let r = pipeline::run(&two_pillars(), &data, &p).unwrap();
    let a = r.node_index("a").unwrap();
    assert_eq!(r.imputed(2, a), Some(2.0)); // mean of X, Y (group n)
    assert_eq!(r.imputed(4, a), None); // no group: stays missing
    assert_eq!(r.denominated(2, a), None);
    let p = Pipeline {
        impute: Some(Impute::GroupMean {
            group: "nope".into(),
        }),
        ..Pipeline::gii()
    };
    let e = pipeline::run(&two_pillars(), &data, &p)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("imputation group column \"nope\" not found"),
        "{e}"
    );
}
