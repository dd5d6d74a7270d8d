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

/// An integer key with the same order as the f64 (−0.0 and 0.0 share a key).
#[inline]
fn key(x: f64) -> u64 {
    let x = if x == 0.0 { 0.0 } else { x };
    let b = x.to_bits();
    if b >> 63 == 1 { !b } else { b | (1 << 63) }
}

/// Competition ranks as `u32` with 0 = no rank (compact storage).
///
/// Rank = 1 + number of values strictly greater: the present values are
/// sorted once by an integer key (descending), then ranks are assigned in one
/// pass, equal keys sharing the first position's rank.
pub fn competition_dense(col: &Column) -> Vec<u32> {
    let (vals, present) = col.parts();
    let mut order: Vec<(u64, u32)> = vals
        .iter()
        .zip(present)
        .enumerate()
        .filter(|(_, (_, p))| **p)
        .map(|(i, (v, _))| (!key(*v), i as u32))
        .collect();
    radix_sort(&mut order);
    let mut out = vec![0u32; vals.len()];
    let mut rank = 0u32;
    let mut prev: Option<u64> = None;
    for (pos, &(k, i)) in order.iter().enumerate() {
        if prev != Some(k) {
            rank = pos as u32 + 1;
            prev = Some(k);
        }
        out[i as usize] = rank;
    }
    out
}

/// Sort (key, index) pairs by key: LSD radix sort on bytes, skipping the
/// bytes all keys share (stable, so equal keys keep unit order).
fn radix_sort(v: &mut Vec<(u64, u32)>) {
    if v.len() < 64 {
        v.sort_by_key(|p| p.0);
        return;
    }
    let mut buf = vec![(0u64, 0u32); v.len()];
    for byte in 0..8 {
        let shift = byte * 8;
        let mut count = [0usize; 256];
        for p in v.iter() {
            count[((p.0 >> shift) & 0xff) as usize] += 1;
        }
        if count.contains(&v.len()) {
            continue;
        }
        let mut pos = [0usize; 256];
        let mut acc = 0;
        for (b, c) in count.iter().enumerate() {
            pos[b] = acc;
            acc += c;
        }
        for p in v.iter() {
            let b = ((p.0 >> shift) & 0xff) as usize;
            buf[pos[b]] = *p;
            pos[b] += 1;
        }
        std::mem::swap(v, &mut buf);
    }
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
    fn keys_keep_the_order() {
        let xs = [-1e300, -2.5, -0.0, 0.0, 1e-300, 3.0, f64::MAX];
        for w in xs.windows(2) {
            assert!(key(w[0]) <= key(w[1]));
        }
        assert_eq!(key(-0.0), key(0.0));
        assert_eq!(
            ranks(&[Some(0.0), Some(-0.0), Some(-1.0)]),
            vec![Some(1), Some(1), Some(3)]
        );
    }

    #[test]
    fn radix_sort_matches_comparison_sort() {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut v: Vec<(u64, u32)> = (0..1000)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (if i % 3 == 0 { x % 7 } else { x }, i)
            })
            .collect();
        let mut w = v.clone();
        w.sort_by_key(|p| p.0);
        radix_sort(&mut v);
        assert_eq!(v, w);
    }

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
