//! Min–max normalisation with directions (methodology §5.1–§5.2).

use super::stats::Column;

/// Min–max normalise to `[lo, hi]` after multiplying by `direction` (±1):
/// y = (d·x − min) / (max − min) · (hi − lo) + lo, over the present values.
/// Returns `None` for a constant or all-missing column (the caller reports it
/// and leaves the indicator out of aggregation, never NaN).
pub fn minmax(col: &Column, direction: i8, lo: f64, hi: f64) -> Option<Column> {
    let d = if direction < 0 { -1.0 } else { 1.0 };
    let (a, b) = col.min_max()?;
    let (mn, mx) = if d > 0.0 { (a, b) } else { (-b, -a) };
    let range = mx - mn;
    if range <= 0.0 || !range.is_finite() {
        return None;
    }
    Some(col.map_present(|v| (d * v - mn) / range * (hi - lo) + lo))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golden_minmax() {
        let c = Column::from_options(&[Some(2.0), None, Some(4.0), Some(10.0)]);
        let y = minmax(&c, 1, 0.0, 100.0).unwrap();
        assert_eq!(
            y.to_options(),
            vec![Some(0.0), None, Some(25.0), Some(100.0)]
        );
        let y = minmax(&c, -1, 0.0, 100.0).unwrap();
        assert_eq!(
            y.to_options(),
            vec![Some(100.0), None, Some(75.0), Some(0.0)]
        );
        assert_eq!(
            minmax(&Column::from_values(vec![3.0; 3]), 1, 0.0, 100.0),
            None
        );
    }
}
