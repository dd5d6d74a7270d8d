//! Properties of the rank bounds: the true rank always lies within them, and
//! with every score published they pin the rank exactly.
use pii_explorer::data::derive::{Entry, rank_bounds};
use proptest::prelude::*;

/// n units with distinct true scores (true rank = position by score), and
/// a mask of what is published for each: 0 nothing, 1 score, 2 rank, 3 both.
fn case() -> impl Strategy<Value = (Vec<u32>, Vec<u8>)> {
    (2usize..40).prop_flat_map(|n| {
        (
            Just((0..n as u32).collect::<Vec<_>>()).prop_shuffle(),
            proptest::collection::vec(0u8..4, n),
        )
    })
}

proptest! {
    #[test]
    fn true_rank_within_bounds((order, mask) in case()) {
        let n = order.len();
        // unit i has score 1000 - order[i] (distinct), true rank order[i] + 1
        let entries: Vec<Entry> = (0..n)
            .map(|i| Entry {
                score: (mask[i] & 1 == 1).then(|| 1000.0 - order[i] as f64),
                rank: (mask[i] & 2 == 2).then_some(order[i] + 1),
            })
            .collect();
        for i in 0..n {
            if entries[i].score.is_none() {
                prop_assert_eq!(rank_bounds(&entries, n, i), None);
                continue;
            }
            let truth = order[i] + 1;
            let b = rank_bounds(&entries, n, i);
            prop_assert!(b.is_some(), "no bounds for unit {} in {:?}", i, entries);
            let (lo, hi) = b.unwrap();
            prop_assert!(lo <= truth && truth <= hi, "{} not in {}-{}", truth, lo, hi);
        }
    }

    #[test]
    fn all_scores_pin_ranks((order, mask) in case()) {
        let n = order.len();
        let entries: Vec<Entry> = (0..n)
            .map(|i| Entry {
                score: Some(1000.0 - order[i] as f64),
                rank: (mask[i] & 2 == 2).then_some(order[i] + 1),
            })
            .collect();
        for (i, o) in order.iter().enumerate() {
            prop_assert_eq!(rank_bounds(&entries, n, i), Some((o + 1, o + 1)));
        }
    }
}

proptest! {
    /// Tied scores with published competition ranks ("1224"). Ties with a
    /// unit whose score is not published are assumed away, so ranks are
    /// published only with scores here.
    #[test]
    fn competition_rank_within_bounds_with_ties(
        (scores, mask) in (2usize..30).prop_flat_map(|n| (
            proptest::collection::vec(0u32..6, n),
            proptest::collection::vec(0u8..4, n),
        ))
    ) {
        let n = scores.len();
        let comp = |i: usize| 1 + scores.iter().filter(|&&s| s > scores[i]).count() as u32;
        let entries: Vec<Entry> = (0..n)
            .map(|i| Entry {
                score: (mask[i] & 1 == 1).then(|| scores[i] as f64),
                rank: (mask[i] == 3).then(|| comp(i)),
            })
            .collect();
        for i in 0..n {
            if entries[i].score.is_none() { continue; }
            let truth = comp(i);
            let b = rank_bounds(&entries, n, i);
            prop_assert!(b.is_some(), "no bounds for unit {} in {:?}", i, entries);
            let (lo, hi) = b.unwrap();
            prop_assert!(lo <= truth && truth <= hi, "{} not in {}-{} ({:?})", truth, lo, hi, entries);
        }
    }
}
