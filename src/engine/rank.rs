//! Competition ranks ("1, 2, 2, 4") and percentile ranks (methodology §7.1, §8.1).

use super::stats::Column;

/// Competition ranks, 1 = highest value; ties share the lowest rank number;
/// missing values get no rank. Computed on the unrounded values.
pub fn competition(col: &Column) -> Vec<Option<u32>> {
    let mut out = vec![None; col.len()];
    for (i, r) in competition_dense(col).into_iter().enumerate() {
        if r > 0 {
            out[i] = Some(r);
        }
    }
    out
}

/// Competition ranks as `u32` with 0 = no rank (compact storage).
pub fn competition_dense(col: &Column) -> Vec<u32> {
    let (vals, present) = col.parts();
    let mut idx: Vec<u32> = (0..col.len() as u32)
        .filter(|&i| present[i as usize])
        .collect();
    idx.sort_unstable_by(|&a, &b| vals[b as usize].total_cmp(&vals[a as usize]));
    let mut out = vec![0u32; col.len()];
    let mut rank = 0u32;
    let mut prev: Option<f64> = None;
    for (pos, &i) in idx.iter().enumerate() {
        let v = vals[i as usize];
        if prev != Some(v) {
            rank = pos as u32 + 1;
            prev = Some(v);
        }
        out[i as usize] = rank;
    }
    out
}

/// Competition ranks of optional values (convenience).
pub fn ranks(values: &[Option<f64>]) -> Vec<Option<u32>> {
    competition(&Column::from_options(values))
}

/// Percentile ranks (rank_min − 1)/(n − 1) on ascending values, n = number of
/// present values; `None` for missing values and when n < 2.
pub fn percentile(values: &[Option<f64>]) -> Vec<Option<f64>> {
    let present: Vec<f64> = values.iter().flatten().copied().collect();
    let n = present.len();
    if n < 2 {
        return vec![None; values.len()];
    }
    let mut sorted = present;
    sorted.sort_unstable_by(f64::total_cmp);
    values
        .iter()
        .map(|v| {
            v.map(|x| {
                let below = sorted.partition_point(|y| *y < x);
                below as f64 / (n - 1) as f64
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golden_ranks() {
        let v = [Some(10.0), Some(20.0), Some(20.0), Some(5.0), None];
        assert_eq!(ranks(&v), vec![Some(3), Some(1), Some(1), Some(4), None]);
        let p = percentile(&v);
        assert_eq!(
            p,
            vec![
                Some(1.0 / 3.0),
                Some(2.0 / 3.0),
                Some(2.0 / 3.0),
                Some(0.0),
                None
            ]
        );
    }
}
