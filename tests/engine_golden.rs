//! The hand-checkable golden vectors of methodology §5 (computed with COINr
//! 1.1.14), through the engine's public API.
#![allow(clippy::excessive_precision)]

use pii_explorer::engine::aggregate::{arithmetic, geometric};
use pii_explorer::engine::normalise::minmax;
use pii_explorer::engine::rank::{percentile, ranks};
use pii_explorer::engine::stats::{Column, skew_kurt};
use pii_explorer::engine::treat::{PointFlag, TreatSettings, treat};

fn col(v: &[f64]) -> Column {
    Column::from_values(v.to_vec())
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() <= 1e-12 * b.abs().max(1.0), "{a} vs {b}");
}

fn gii(winmax: usize) -> TreatSettings {
    TreatSettings {
        winmax: Some(winmax),
        ..TreatSettings::default()
    }
}

#[test]
fn one_to_ten_and_100() {
    let mut v: Vec<f64> = (1..=10).map(f64::from).collect();
    v.push(100.0);
    let s = skew_kurt(&col(&v));
    close(s.skew.unwrap(), 3.2556381840605075);
    close(s.kurt.unwrap(), 10.706673906421969);
    let t = treat("x", &col(&v), &gii(5));
    assert!(!t.log.before.unwrap().pass);
    assert_eq!(t.log.winsorised, Some(1));
    let a = t.log.after_winsorising.unwrap();
    assert!(a.pass);
    close(a.skew, -0.12762165967608591);
    close(a.kurt, -1.3366772177582986);
    assert_eq!(t.column.unwrap().get(10), Some(10.0));
    assert_eq!(t.points, vec![(10, PointFlag::WinHi)]);
    assert!(!t.log.log_applied);
}

#[test]
fn one_to_twenty_100_200() {
    let mut v: Vec<f64> = (1..=20).map(f64::from).collect();
    v.extend([100.0, 200.0]);
    let s = skew_kurt(&col(&v));
    close(s.skew.unwrap(), 3.5855704488606728);
    close(s.kurt.unwrap(), 13.339023261904057);

    let t = treat("x", &col(&v), &gii(5));
    assert_eq!(t.log.winsorised, Some(2));
    let a = t.log.after_winsorising.unwrap();
    close(a.skew, -0.09449573196380337);
    close(a.kurt, -1.2937726367728533);
    let c = t.column.unwrap();
    assert_eq!((c.get(20), c.get(21)), (Some(20.0), Some(20.0)));
    assert_eq!(
        t.points,
        vec![(20, PointFlag::WinHi), (21, PointFlag::WinHi)]
    );

    let t = treat("x", &col(&v), &gii(1));
    assert_eq!(t.log.winsorised, Some(1));
    let a = t.log.after_winsorising.unwrap();
    assert!(!a.pass);
    close(a.skew, 2.8169996170551554);
    close(a.kurt, 7.1335421965182952);
    assert!(t.log.log_applied);
    let c = t.column.unwrap();
    close(c.get(0).unwrap(), 0.68813463873640102);
    close(c.get(20).unwrap(), 4.61502150203846551);
    close(c.get(21).unwrap(), 5.30325515557766014);
    let l = t.log.after_log.unwrap();
    assert!(l.pass);
    close(l.skew, 0.96949840738386595);
    close(l.kurt, 2.2459956644019146);
    assert!(t.points.iter().all(|p| p.1 == PointFlag::LogCt));
    assert_eq!(t.points.len(), 22);
}

#[test]
fn tied_extremes_overshoot_the_cap() {
    let mut v: Vec<f64> = (1..=30).map(f64::from).collect();
    v.extend([100.0, 100.0]);
    let t = treat("x", &col(&v), &gii(1));
    assert_eq!(t.log.winsorised, Some(2));
    let c = t.column.unwrap();
    assert_eq!((c.get(30), c.get(31)), (Some(30.0), Some(30.0)));
}

#[test]
fn masking_two_equal_outliers() {
    let mut v: Vec<f64> = (1..=10).map(f64::from).collect();
    v.extend([100.0, 100.0]);
    let s = skew_kurt(&col(&v));
    assert!((s.skew.unwrap() - 2.0298).abs() < 1e-4);
    let t = treat("x", &col(&v), &gii(5));
    assert!(t.log.before.unwrap().pass);
    assert_eq!(t.column, None);
    assert_eq!(t.log.winsorised, None);
}

#[test]
fn negative_skew_winsorises_low() {
    let mut v = vec![-100.0];
    v.extend((1..=20).map(f64::from));
    let s = skew_kurt(&col(&v));
    close(s.skew.unwrap(), -4.1777613433119516);
    close(s.kurt.unwrap(), 18.447081398639785);
    let t = treat("x", &col(&v), &gii(5));
    assert_eq!(t.log.winsorised, Some(1));
    assert_eq!(t.column.unwrap().get(0), Some(1.0));
    assert_eq!(t.points, vec![(0, PointFlag::WinLo)]);
}

#[test]
fn normalisation_aggregation_ranks() {
    let c = Column::from_options(&[Some(2.0), None, Some(4.0), Some(10.0)]);
    let y = minmax(&c, 1, 0.0, 100.0).unwrap();
    assert_eq!(
        y.to_options(),
        vec![Some(0.0), None, Some(25.0), Some(100.0)]
    );
    assert_eq!(minmax(&col(&[3.0, 3.0, 3.0]), 1, 0.0, 100.0), None);

    let v = [(Some(50.0), 1.0), (None, 0.5), (Some(70.0), 0.5)];
    assert_eq!(arithmetic(&v), Some(56.666666666666657));
    close(geometric(&v).unwrap(), 55.934447104069861);

    let s = [Some(10.0), Some(20.0), Some(20.0), Some(5.0), None];
    assert_eq!(ranks(&s), vec![Some(3), Some(1), Some(1), Some(4), None]);
    assert_eq!(
        percentile(&s),
        vec![
            Some(1.0 / 3.0),
            Some(2.0 / 3.0),
            Some(2.0 / 3.0),
            Some(0.0),
            None
        ]
    );
}

#[test]
fn display_rounding_is_half_even_on_the_binary_value() {
    // The rule `pii score` and the explorer use for 2-decimal display.
    let shown: Vec<String> = [0.125, 0.135, 2.675, 62.855, 64.805, 1.005]
        .iter()
        .map(|x| format!("{x:.2}"))
        .collect();
    assert_eq!(shown, ["0.12", "0.14", "2.67", "62.85", "64.81", "1.00"]);
}
