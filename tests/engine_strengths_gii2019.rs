//! Strengths and weaknesses (GII 2023 rule, methodology §8.1) on the GII
//! 2019 published figures (data/examples/gii2019, WIPO's export, byte-
//! identical): the marks computed from the published indicator figures
//! match WIPO's published "Strength / Weakness" marks on indicators,
//! sub-pillars and pillars. The expected agreement counts were computed
//! independently (a separate re-implementation of the rule, not this code).

use std::path::Path;

use pii_explorer::data::Table;
use pii_explorer::engine::explore::Mark;
use pii_explorer::engine::strengths::{MarkRule, marks, roles_by_level};

const ECONOMIES: usize = 129;
const RANK: usize = 3;
const SCORE: usize = 133;
const SW: usize = 523;

struct Published {
    levels: Vec<u8>,
    ranks: Vec<Vec<Option<f64>>>,
    scores: Vec<Vec<Option<f64>>>,
    marks: Vec<Vec<Option<Mark>>>,
}

fn num(s: &str) -> Option<f64> {
    s.trim().trim_matches(['[', ']']).parse().ok()
}

fn read() -> Published {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/examples/gii2019/gii2019_wipo_raw.csv");
    let t = Table::read(&path).unwrap();
    let mut p = Published {
        levels: Vec::new(),
        ranks: Vec::new(),
        scores: Vec::new(),
        marks: Vec::new(),
    };
    for row in &t.rows {
        let code = t.cell(row, 0);
        if !code.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        // "1" pillar (level 3), "1.1." sub-pillar (2), "1.1.1." indicator (1).
        let depth = code.trim_end_matches('.').matches('.').count();
        p.levels.push(match depth {
            0 => 3,
            1 => 2,
            _ => 1,
        });
        let block = |start: usize| (0..ECONOMIES).map(move |k| start + k);
        p.ranks
            .push(block(RANK).map(|c| num(t.cell(row, c))).collect());
        p.scores
            .push(block(SCORE).map(|c| num(t.cell(row, c))).collect());
        p.marks.push(
            block(SW)
                .map(|c| match t.cell(row, c) {
                    "Strength" => Some(Mark::Strength),
                    "Weakness" => Some(Mark::Weakness),
                    _ => None,
                })
                .collect(),
        );
    }
    p
}

fn agreement(computed: &[Vec<Option<Mark>>], published: &[Vec<Option<Mark>>]) -> usize {
    computed
        .iter()
        .zip(published)
        .map(|(a, b)| a.iter().zip(b).filter(|(x, y)| x == y).count())
        .sum()
}

#[test]
fn gii2019_published_marks_are_reproduced() {
    let p = read();
    assert_eq!(p.levels.iter().filter(|l| **l == 1).count(), 80);
    assert_eq!(p.levels.len(), 108);
    // GII has 5 levels; the rows here are levels 1–3, all marked.
    let mut levels = p.levels.clone();
    levels.push(5);
    let roles = roles_by_level(&levels);
    let roles = &roles[..p.levels.len()];
    let total = p.levels.len() * ECONOMIES;

    // From published ranks (they come from unrounded scores), with the
    // default rule (percentiles truncated to 3 decimals as Excel's
    // PERCENTRANK.INC, top-rank rule at every marked level): every cell.
    let neg_rank: Vec<Vec<Option<f64>>> = p
        .ranks
        .iter()
        .map(|c| c.iter().map(|r| r.map(|x| -x)).collect())
        .collect();
    assert_eq!(total, 13_932);
    let m = marks(&neg_rank, roles, &MarkRule::default());
    assert_eq!(agreement(&m, &p.marks), 13_932);
    // The GII 2023 wording taken literally: 21 cells differ, all within a
    // truncation step of the cut-off or ranked 3rd on an aggregate.
    let m = marks(&neg_rank, roles, &MarkRule::literal());
    assert_eq!(agreement(&m, &p.marks), 13_911);

    // From published scores (rounded to 1 decimal, so rounding ties move
    // some percentiles and ranks): 13,782 (98.9 %) and 13,767.
    let m = marks(&p.scores, roles, &MarkRule::default());
    assert_eq!(agreement(&m, &p.marks), 13_782);
    let m = marks(&p.scores, roles, &MarkRule::literal());
    assert_eq!(agreement(&m, &p.marks), 13_767);
}
