//! A small hand-built dataset for the explorer's tests. Every number is a
//! published PII figure (see data/pii/results.csv for the sources); the
//! framework uses made-up codes (IDX, IN, OUT, IN.A…) so the tests also show
//! that the explorer assumes nothing about the PII's own node codes.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};

use pii_explorer::data::{Dataset, DatasetMeta, Fig, Figure, Node, Unit, YearData};

fn node(code: &str, parent: Option<&str>, level: u8, order: u32, vi: &str, en: &str) -> Node {
    Node {
        code: code.into(),
        parent: parent.map(Into::into),
        level,
        order,
        weight: None,
        direction: Some(1),
        unit: if level == 1 { Some("%".into()) } else { None },
        name_vi: vi.into(),
        name_en: en.into(),
        denominator: None,
    }
}

fn unit(
    code: &str,
    vi: &str,
    en: &str,
    region: &str,
    last: Option<u16>,
    succ: Option<&str>,
) -> Unit {
    Unit {
        code: code.into(),
        name_vi: vi.into(),
        name_en: en.into(),
        aliases: vec![],
        region: Some(region.into()),
        region_en: None,
        first_year: if code == "BN25" { Some(2025) } else { None },
        last_year: last,
        successor: succ.map(Into::into),
    }
}

/// The real sources of Hà Nội's 2025 index figure (from data/pii/results.csv).
pub const HN_2025_SOURCE: &str = "https://vnexpress.net/ha-noi-tiep-tuc-dan-dau-ca-nuoc-ve-doi-moi-sang-tao-4945881.html ; https://cafef.vn/ha-noi-tp-ho-chi-minh-quang-ninh-hai-phong-va-thanh-pho-hue-co-tin-vui-188251001164357559.chn";

const SRC: &str = "copied from data/pii/results.csv (see the URLs there)";

fn put(y: &mut YearData, u: &str, n: &str, score: Option<f64>, rank: Option<u32>) {
    y.figures.insert(
        (u.into(), n.into()),
        Figure {
            score: score.map(Fig::published),
            rank: rank.map(Fig::published),
            source: Some(SRC.into()),
            at: Some(format!("fixture:{u}:{n}")),
            ..Figure::default()
        },
    );
}

/// The fixture: 2023–2025, with the 2025 merger of Bắc Ninh and Bắc Giang.
pub fn fixture() -> Dataset {
    let nodes = vec![
        node("IDX", None, 4, 1, "Chỉ số", "Index"),
        node("IN", Some("IDX"), 3, 1, "Đầu vào", "Input"),
        node("OUT", Some("IDX"), 3, 2, "Đầu ra", "Output"),
        node("IN.A", Some("IN"), 2, 1, "Thể chế", "Institutions"),
        node("IN.B", Some("IN"), 2, 2, "Vốn con người", "Human capital"),
        node("OUT.A", Some("OUT"), 2, 1, "Tác động", "Impact"),
        node(
            "IN.A.1",
            Some("IN.A"),
            1,
            1,
            "Chỉ tiêu một",
            "Indicator one",
        ),
        // An indicator whose place in the tree is not published.
        node("X.1", None, 1, 2, "Chỉ tiêu chưa xếp", "Unplaced indicator"),
    ];
    let rrd = "Đồng bằng sông Hồng";
    let ncc = "Bắc Trung Bộ và duyên hải miền Trung";
    let nmm = "Trung du và miền núi phía Bắc";
    let mrd = "Đồng bằng sông Cửu Long";
    let units = vec![
        unit("HN", "Hà Nội", "Ha Noi", rrd, None, None),
        unit("HUE", "Huế", "Hue", ncc, None, None),
        unit("BN", "Bắc Ninh", "Bac Ninh", rrd, Some(2024), Some("BN25")),
        unit(
            "BG",
            "Bắc Giang",
            "Bac Giang",
            nmm,
            Some(2024),
            Some("BN25"),
        ),
        unit("BN25", "Bắc Ninh", "Bac Ninh", rrd, None, None),
        unit("DN", "Đà Nẵng", "Da Nang", ncc, None, None),
        unit("ST", "Sóc Trăng", "Soc Trang", mrd, Some(2024), None),
    ];
    let mut years = BTreeMap::new();
    let old: Vec<String> = ["HN", "HUE", "BN", "BG", "DN", "ST"]
        .map(String::from)
        .to_vec();
    let mut y23 = YearData {
        year: 2023,
        units: old.clone(),
        figures: HashMap::new(),
    };
    put(&mut y23, "HN", "IDX", Some(62.86), Some(1));
    put(&mut y23, "BN", "IDX", Some(49.20), Some(6));
    put(&mut y23, "BG", "IDX", Some(46.51), Some(11));
    put(&mut y23, "HUE", "IDX", Some(44.01), Some(14));
    put(&mut y23, "ST", "IN", Some(34.27), None);
    put(&mut y23, "ST", "OUT", Some(29.35), None);
    y23.figures.insert(
        ("ST".into(), "IN.A.1".into()),
        Figure {
            raw: Some(3.76),
            source: Some(SRC.into()),
            ..Figure::default()
        },
    );
    let mut y24 = YearData {
        year: 2024,
        units: old,
        figures: HashMap::new(),
    };
    put(&mut y24, "HN", "IDX", Some(60.76), Some(1));
    put(&mut y24, "BG", "IDX", Some(43.53), Some(10));
    put(&mut y24, "BN", "IDX", Some(42.83), Some(11));
    put(&mut y24, "HUE", "IDX", None, Some(13));
    let mut y25 = YearData {
        year: 2025,
        units: ["HN", "HUE", "BN25", "DN"].map(String::from).to_vec(),
        figures: HashMap::new(),
    };
    put(&mut y25, "HN", "IDX", Some(65.68), Some(1));
    if let Some(f) = y25.figures.get_mut(&("HN".to_string(), "IDX".to_string())) {
        f.source = Some(HN_2025_SOURCE.into());
    }
    put(&mut y25, "HUE", "IDX", Some(49.37), Some(5));
    put(&mut y25, "HUE", "IN", Some(51.50), None);
    put(&mut y25, "HUE", "OUT", Some(47.23), None);
    put(&mut y25, "BN25", "IDX", Some(48.76), Some(6));
    put(&mut y25, "BN25", "IN", Some(53.06), None);
    put(&mut y25, "BN25", "OUT", Some(44.47), None);
    put(&mut y25, "BN25", "IN.A", Some(59.17), None);
    put(&mut y25, "BN25", "IN.B", Some(39.99), None);
    put(&mut y25, "BN25", "OUT.A", Some(60.20), None);
    years.insert(2023, y23);
    years.insert(2024, y24);
    years.insert(2025, y25);
    Dataset {
        meta: DatasetMeta {
            name: "fixture".into(),
            index_name: "FIX".into(),
            years: vec![2023, 2024, 2025],
            default_year: Some(2025),
            provenance: "test fixture (published PII figures)".into(),
            licence: "MIT".into(),
            indicators_published: Some(52),
            decimals: Some(2),
        },
        nodes,
        units,
        years,
        regions: vec![],
    }
}
