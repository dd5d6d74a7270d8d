//! The engine's column type and the sample statistics of methodology §4.1.
//!
//! A [`Column`] holds one variable over all units: a dense `Vec<f64>` plus a
//! presence mask, so missing values never need a NaN sentinel and a column
//! costs 9 bytes per unit. Every value stored is finite (the pipeline checks
//! each arithmetic result).

/// One variable over all units: values plus a presence mask.
///
/// The value stored at a missing position is 0.0 and is never read.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    values: Vec<f64>,
    present: Vec<bool>,
}

impl Column {
    /// A column of `n` missing values.
    pub fn missing(n: usize) -> Column {
        Column {
            values: vec![0.0; n],
            present: vec![false; n],
        }
    }

    /// Build from optional values. Non-finite values are treated as missing
    /// (callers validate input before, so this never hides data).
    pub fn from_options(values: &[Option<f64>]) -> Column {
        let mut c = Column::missing(values.len());
        for (i, v) in values.iter().enumerate() {
            if let Some(x) = v.filter(|x| x.is_finite()) {
                c.values[i] = x;
                c.present[i] = true;
            }
        }
        c
    }

    /// Build from plain values (a non-finite value becomes missing).
    pub fn from_values(values: Vec<f64>) -> Column {
        let present = values.iter().map(|x| x.is_finite()).collect();
        let values = values
            .into_iter()
            .map(|x| if x.is_finite() { x } else { 0.0 })
            .collect();
        Column { values, present }
    }

    /// Number of units.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// True when the column has no units.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The value of unit `i` (`None` when missing or out of range).
    #[inline]
    pub fn get(&self, i: usize) -> Option<f64> {
        if *self.present.get(i)? {
            Some(self.values[i])
        } else {
            None
        }
    }

    /// Set unit `i` (a non-finite value makes it missing).
    #[inline]
    pub fn set(&mut self, i: usize, v: Option<f64>) {
        match v.filter(|x| x.is_finite()) {
            Some(x) => {
                self.values[i] = x;
                self.present[i] = true;
            }
            None => {
                self.values[i] = 0.0;
                self.present[i] = false;
            }
        }
    }

    /// Whether unit `i` has a value.
    #[inline]
    pub fn is_present(&self, i: usize) -> bool {
        self.present.get(i).copied().unwrap_or(false)
    }

    /// The present values, in unit order.
    pub fn present_values(&self) -> impl Iterator<Item = f64> + '_ {
        self.values
            .iter()
            .zip(&self.present)
            .filter(|(_, p)| **p)
            .map(|(v, _)| *v)
    }

    /// Number of present values.
    pub fn count(&self) -> usize {
        self.present.iter().filter(|p| **p).count()
    }

    /// All values as options.
    pub fn to_options(&self) -> Vec<Option<f64>> {
        (0..self.len()).map(|i| self.get(i)).collect()
    }

    /// Smallest and largest present value.
    pub fn min_max(&self) -> Option<(f64, f64)> {
        let mut it = self.present_values();
        let first = it.next()?;
        Some(it.fold((first, first), |(lo, hi), x| (lo.min(x), hi.max(x))))
    }

    /// Raw access for the engine's inner loops.
    /// A copy with `f` applied to every present value (missing stays missing).
    pub fn map_present(&self, f: impl Fn(f64) -> f64) -> Column {
        let mut out = self.clone();
        let (vals, present) = out.parts_mut();
        for (v, p) in vals.iter_mut().zip(present) {
            if *p {
                *v = f(*v);
            }
        }
        out
    }

    pub(crate) fn parts_mut(&mut self) -> (&mut [f64], &[bool]) {
        (&mut self.values, &self.present)
    }

    /// Raw access for the engine's inner loops.
    pub(crate) fn parts(&self) -> (&[f64], &[bool]) {
        (&self.values, &self.present)
    }

    /// Keep only the units listed (in that order).
    pub fn select(&self, units: &[usize]) -> Column {
        let mut c = Column::missing(units.len());
        for (k, &i) in units.iter().enumerate() {
            c.set(k, self.get(i));
        }
        c
    }

    /// Heap bytes used (for memory accounting in benchmarks).
    pub fn heap_bytes(&self) -> usize {
        self.values.capacity() * 8 + self.present.capacity()
    }
}

/// Mean of the present values, with one refinement pass (as R's `mean`).
pub fn mean(col: &Column) -> Option<f64> {
    let (vals, present) = col.parts();
    let n = col.count();
    if n == 0 {
        return None;
    }
    let nf = n as f64;
    let m = masked_sum(vals, present, 0.0) / nf;
    let corr = masked_sum(vals, present, m) / nf;
    Some(m + corr)
}

/// Σ (x − shift) over the present values, in unit order (branch-free).
#[inline]
fn masked_sum(vals: &[f64], present: &[bool], shift: f64) -> f64 {
    let mut s = 0.0;
    for (v, p) in vals.iter().zip(present) {
        let d = v - shift;
        s += if *p { d } else { 0.0 };
    }
    s
}

/// Sample skewness and excess kurtosis (type 2, as Excel SKEW/KURT, e1071
/// type 2 and COINr): methodology §4.1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SkewKurt {
    /// Number of present values.
    pub n: usize,
    /// G1; `None` when n < 3 or all values are equal.
    pub skew: Option<f64>,
    /// G2; `None` when n < 4 or all values are equal.
    pub kurt: Option<f64>,
}

/// Skewness G1 and excess kurtosis G2 over the present values.
pub fn skew_kurt(col: &Column) -> SkewKurt {
    let n = col.count();
    let mut out = SkewKurt {
        n,
        skew: None,
        kurt: None,
    };
    let Some(m) = mean(col) else { return out };
    let (vals, present) = col.parts();
    let (mut s2, mut s3, mut s4) = (0.0f64, 0.0f64, 0.0f64);
    for (v, p) in vals.iter().zip(present) {
        let d = if *p { v - m } else { 0.0 };
        let d2 = d * d;
        s2 += d2;
        s3 += d2 * d;
        s4 += d2 * d2;
    }
    if s2 <= 0.0 || !s2.is_finite() {
        return out;
    }
    let nf = n as f64;
    if n >= 3 {
        let g = nf.sqrt() * s3 / s2.powf(1.5);
        let g1 = g * (nf * (nf - 1.0)).sqrt() / (nf - 2.0);
        out.skew = Some(g1).filter(|v| v.is_finite());
    }
    if n >= 4 {
        let r = nf * s4 / (s2 * s2);
        let g2 = ((nf + 1.0) * (r - 3.0) + 6.0) * (nf - 1.0) / ((nf - 2.0) * (nf - 3.0));
        out.kurt = Some(g2).filter(|v| v.is_finite());
    }
    out
}

#[cfg(test)]
#[allow(clippy::excessive_precision)]
mod tests {
    use super::*;

    #[test]
    fn golden_skew_kurt() {
        let mut v: Vec<f64> = (1..=10).map(f64::from).collect();
        v.push(100.0);
        let s = skew_kurt(&Column::from_values(v));
        assert!((s.skew.unwrap() - 3.2556381840605075).abs() < 1e-12);
        assert!((s.kurt.unwrap() - 10.706673906421969).abs() < 1e-12);
    }

    #[test]
    fn undefined_stats() {
        let s = skew_kurt(&Column::from_values(vec![3.0, 3.0, 3.0, 3.0]));
        assert_eq!((s.skew, s.kurt), (None, None));
        let s = skew_kurt(&Column::from_options(&[
            Some(1.0),
            None,
            Some(2.0),
            Some(4.0),
        ]));
        assert_eq!(s.n, 3);
        assert!(s.skew.is_some());
        assert_eq!(s.kurt, None);
    }
}
