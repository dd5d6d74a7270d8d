//! The explorer's queries on the shipped PII data: exact published values,
//! rank changes across the 2025 merger, unit look-up.
use pii_explorer::data::{self, Dataset, Fig};
use pii_explorer::engine::explore::{self, FindError, RankChange};

fn ds() -> Dataset {
    data::load_shipped().expect("shipped data loads")
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn ranking_2025_starts_with_hanoi() {
    let d = ds();
    let r = explore::ranking(&d, 2025, "PII");
    assert_eq!(r.len(), 34);
    assert_eq!(r[0].unit, "HN");
    assert_eq!(r[0].score, Some(Fig::published(65.68)));
    assert_eq!(r[0].rank, Some(Fig::published(1)));
    let top: Vec<&str> = r.iter().take(6).map(|r| r.unit.as_str()).collect();
    assert_eq!(top, ["HN", "HCM25", "QN", "HP25", "HUE", "BN25"]);
    // Phú Thọ: rank 15 published without a score — never shown as 0.
    let pt = r.iter().find(|r| r.unit == "PT25").expect("Phú Thọ 2025");
    assert_eq!((pt.rank.map(|r| r.value), pt.score), (Some(15), None));
    // Ranked rows come first, in rank order.
    let ranks: Vec<u32> = r.iter().filter_map(|r| r.rank.map(|f| f.value)).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]));
    assert!(r.iter().skip(ranks.len()).all(|r| r.rank.is_none()));
}

#[test]
fn bac_ninh_2025_is_compared_with_bac_ninh_and_bac_giang_2024() {
    let d = ds();
    let RankChange::Merged(p) = explore::rank_change(&d, 2025, "BN25", "PII") else {
        panic!("Bắc Ninh 2025 must be shown as merged");
    };
    let got: Vec<(&str, Option<u32>, Option<f64>, usize)> = p
        .iter()
        .map(|p| {
            (
                p.code.as_str(),
                p.rank.map(|r| r.value),
                p.score.map(|s| s.value),
                p.of,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("BN", Some(11), Some(42.83), 63),
            ("BG", Some(10), Some(43.53), 63)
        ]
    );
    // Hà Nội kept its code, but 1/63 → 1/34 is not a bare "same".
    let RankChange::Merged(p) = explore::rank_change(&d, 2025, "HN", "PII") else {
        panic!("Hà Nội 2025 is compared across the merger");
    };
    assert_eq!(p.len(), 1);
    assert_eq!(
        (p[0].code.as_str(), p[0].rank, p[0].of),
        ("HN", Some(Fig::published(1)), 63)
    );
    // Within the 63 provinces: plain differences.
    assert_eq!(
        explore::rank_change(&d, 2024, "TH", "PII"),
        RankChange::Up(4)
    );
    assert_eq!(
        explore::rank_change(&d, 2024, "BN", "PII"),
        RankChange::Down(5)
    );
    assert_eq!(
        explore::rank_change(&d, 2024, "HN", "PII"),
        RankChange::Same
    );
}

#[test]
fn coverage_per_year() {
    let d = ds();
    let c = explore::coverage(&d, 2025);
    assert_eq!(
        (c.units, c.scores_published, c.ranks_published),
        (34, 11, 12)
    );
    let c = explore::coverage(&d, 2024);
    assert_eq!(
        (c.units, c.scores_published, c.ranks_published),
        (63, 17, 19)
    );
}

#[test]
fn hue_profile_2025() {
    let d = ds();
    let p = explore::profile(&d, 2025, "HUE");
    let row = |n: &str| p.iter().find(|r| r.node == n).expect(n);
    assert_eq!(p[0].node, "PII");
    assert_eq!(p[0].depth, 0);
    assert!(close(row("PII").score.map(|s| s.value), 49.37));
    assert_eq!(
        (row("PII").rank.map(|r| r.value), row("PII").of),
        (Some(5), 34)
    );
    assert!(close(row("INPUT").score.map(|s| s.value), 51.50));
    assert!(close(row("OUTPUT").score.map(|s| s.value), 47.23));
    assert_eq!(row("P1").score, None, "Huế's pillars were not published");
    // Too few published indicator scores for strengths/weaknesses.
    assert!(p.iter().all(|r| r.mark.is_none()));
}

#[test]
fn compare_bac_ninh_khanh_hoa() {
    let d = ds();
    let c = explore::compare(&d, 2025, "BN25", "KH25");
    let row = |n: &str| c.iter().find(|r| r.node == n).expect(n);
    assert!(close(row("PII").diff, 48.76 - 46.54));
    assert!(close(row("P1").diff, 59.17 - 58.76));
    assert_eq!(row("P3").diff, None, "Khánh Hòa P3 not published");
    assert!(c.iter().all(|r| r.share_of_gap.is_none()));
}

#[test]
fn history_of_bac_ninh_follows_the_merger() {
    let d = ds();
    let h = explore::history(&d, "BN25", "PII");
    let got: Vec<(u16, &str, Option<u32>, usize)> = h
        .iter()
        .map(|p| (p.year, p.unit.as_str(), p.rank.map(|r| r.value), p.of))
        .collect();
    assert_eq!(
        got,
        [
            (2023, "BN", Some(6), 63),
            (2023, "BG", Some(11), 63),
            (2024, "BN", Some(11), 63),
            (2024, "BG", Some(10), 63),
            (2025, "BN25", Some(6), 34),
        ]
    );
    // An old unit has no points after it ceased.
    let h = explore::history(&d, "BG", "PII");
    assert_eq!(h.iter().map(|p| p.year).collect::<Vec<_>>(), [2023, 2024]);
}

#[test]
fn movers_2023_2024() {
    let d = ds();
    let m = explore::movers(&d, 2023, 2024, "PII");
    assert_eq!(m[0].unit, "TH");
    assert_eq!(m[0].change, RankChange::Up(4));
    let first_fall = m
        .iter()
        .find(|m| matches!(m.change, RankChange::Down(_)))
        .expect("a faller");
    assert_eq!(
        (first_fall.unit.as_str(), &first_fall.change),
        ("BN", &RankChange::Down(5))
    );
    let m = explore::movers(&d, 2024, 2025, "PII");
    assert!(m.iter().all(|m| matches!(m.change, RankChange::Merged(_))));
}

#[test]
fn find_provinces_as_people_type_them() {
    let d = ds();
    let code = |q: &str| explore::find_unit(&d, q).map(|u| u.code.clone());
    for q in ["hcm", "TP HCM", "Hồ Chí Minh", "tp.hcm", "ho chi minh"] {
        assert_eq!(code(q), Ok("HCM25".to_string()), "{q}");
    }
    assert_eq!(
        explore::find_unit_in(&d, "hcm", Some(2024)).map(|u| u.code.as_str()),
        Ok("HCM")
    );
    assert_eq!(code("hue"), Ok("HUE".to_string()));
    assert_eq!(code("Thừa Thiên Huế"), Ok("HUE".to_string()));
    assert_eq!(code("ha noi"), Ok("HN".to_string()));
    assert_eq!(code("bac giang"), Ok("BG".to_string()));
    match explore::find_unit(&d, "quang") {
        Err(FindError::Ambiguous { candidates, .. }) => {
            assert!(candidates.iter().any(|c| c.starts_with("Quảng Ninh")));
            assert!(candidates.iter().any(|c| c.starts_with("Quảng Trị")));
        }
        other => panic!("{other:?}"),
    }
    match explore::find_unit(&d, "hanoj") {
        Err(FindError::Unknown { closest, .. }) => assert_eq!(closest[0], "Hà Nội"),
        other => panic!("{other:?}"),
    }
    assert!(d.units.iter().all(|u| !u.code.is_empty()));
}

#[test]
fn a_unit_known_only_by_rank_bounds_sorts_at_their_middle() {
    // Gia Lai 2024: 26.31, no published rank, bounds 39–62; Cao Bằng is 63rd.
    let rows = explore::ranking(&ds(), 2024, "PII");
    let pos = |code: &str| {
        rows.iter()
            .position(|r| r.unit == code)
            .expect("unit listed")
    };
    let gl = &rows[pos("GL")];
    assert_eq!(gl.rank_bounds, Some((39, 62)));
    assert!(gl.rank.is_none());
    assert!(
        pos("GL") < pos("CB"),
        "Gia Lai (39–62) must come before Cao Bằng (63)"
    );
    // and after Cà Mau, ranked 38th
    assert!(pos("CM") < pos("GL"));
}
