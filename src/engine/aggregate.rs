//! Weighted means over the children present (methodology §6.1, §6.3).

use serde::{Deserialize, Serialize};

use super::stats::Column;

/// How children are combined.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mean {
    /// Σ w·y / Σ w over the children present (GII, COINr default).
    #[default]
    Arithmetic,
    /// exp(Σ w·ln y / Σ w) over the children present; needs y > 0.
    Geometric,
}

/// Weighted arithmetic mean of present values; `None` when none is present.
/// Weights are first renormalised over the present values (w / Σw), then
/// Σ w·y is taken, as COINr does (this fixes the last bit of the result).
pub fn arithmetic(values: &[(Option<f64>, f64)]) -> Option<f64> {
    let w: f64 = values.iter().filter(|v| v.0.is_some()).map(|v| v.1).sum();
    if w <= 0.0 {
        return None;
    }
    Some(
        values
            .iter()
            .filter_map(|(v, wt)| v.map(|x| x * (wt / w)))
            .sum(),
    )
}

/// Weighted geometric mean of present values; `None` when none is present
/// or a present value is not positive.
pub fn geometric(values: &[(Option<f64>, f64)]) -> Option<f64> {
    let (mut s, mut w) = (0.0, 0.0);
    for (v, wt) in values {
        if let Some(x) = v {
            if *x <= 0.0 {
                return None;
            }
            s += x.ln() * wt;
            w += wt;
        }
    }
    (w > 0.0).then(|| (s / w).exp())
}

/// Aggregate children columns with weights into one column. A unit gets a
/// value when the unweighted share of its present children is at least
/// `min_share` (and at least one child is present).
///
/// Errors with the unit index when a geometric mean meets a value ≤ 0.
pub fn aggregate(
    children: &[(&Column, f64)],
    n: usize,
    mean: Mean,
    min_share: f64,
) -> Result<Column, usize> {
    let mut wsum = vec![0.0f64; n];
    let mut cnt = vec![0u32; n];
    // Smallest and largest child per unit: a mean lies between them, so the
    // result is clamped there (this only removes rounding, e.g. 100.00000000000001).
    let mut lo = vec![f64::INFINITY; n];
    let mut hi = vec![f64::NEG_INFINITY; n];
    for (col, w) in children {
        let (vals, present) = col.parts();
        for i in 0..n {
            if present[i] {
                if mean == Mean::Geometric && vals[i] <= 0.0 {
                    return Err(i);
                }
                wsum[i] += w;
                cnt[i] += 1;
                lo[i] = lo[i].min(vals[i]);
                hi[i] = hi[i].max(vals[i]);
            }
        }
    }
    let mut sum = vec![0.0f64; n];
    for (col, w) in children {
        let (vals, present) = col.parts();
        for i in 0..n {
            if present[i] {
                let wn = w / wsum[i];
                sum[i] += match mean {
                    Mean::Arithmetic => vals[i] * wn,
                    Mean::Geometric => vals[i].ln() * wn,
                };
            }
        }
    }
    let k = children.len().max(1) as f64;
    let mut out = Column::missing(n);
    for i in 0..n {
        if cnt[i] == 0 || wsum[i] <= 0.0 || (cnt[i] as f64) / k < min_share {
            continue;
        }
        out.set(
            i,
            Some(
                match mean {
                    Mean::Arithmetic => sum[i],
                    Mean::Geometric => sum[i].exp(),
                }
                .clamp(lo[i], hi[i]),
            ),
        );
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::excessive_precision)]
mod tests {
    use super::*;

    #[test]
    fn golden_means() {
        let v = [(Some(50.0), 1.0), (None, 0.5), (Some(70.0), 0.5)];
        assert_eq!(arithmetic(&v), Some(56.666666666666657));
        let g = geometric(&v).unwrap();
        assert!((g - 55.934447104069861).abs() < 1e-12);
        assert_eq!(arithmetic(&[(None, 1.0)]), None);
    }
}
