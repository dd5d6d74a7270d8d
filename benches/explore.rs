//! Explorer queries on the shipped PII data and the GII 2019 example
//! (129 economies × ~110 nodes): what `pii rank/show/compare` and the TUI run.
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use pii_explorer::data;
use pii_explorer::engine::explore;

fn benches(c: &mut Criterion) {
    let pii = data::load_shipped().expect("shipped data");
    let gii = data::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/examples/gii2019"))
        .expect("gii2019 example");
    c.bench_function("pii/ranking_2025_with_changes", |b| {
        b.iter(|| explore::ranking(black_box(&pii), 2025, "PII"))
    });
    c.bench_function("pii/profile_hue_2025", |b| {
        b.iter(|| explore::profile(black_box(&pii), 2025, "HUE"))
    });
    c.bench_function("pii/movers_2023_2024", |b| {
        b.iter(|| explore::movers(black_box(&pii), 2023, 2024, "PII"))
    });
    c.bench_function("pii/find_unit_tp_hcm", |b| {
        b.iter(|| explore::find_unit(black_box(&pii), black_box("TP HCM")))
    });
    c.bench_function("pii/find_unit_unknown", |b| {
        b.iter(|| explore::find_unit(black_box(&pii), black_box("hanoj")))
    });
    c.bench_function("gii2019/ranking", |b| {
        b.iter(|| explore::ranking(black_box(&gii), 2019, "GII"))
    });
    c.bench_function("gii2019/profile_with_marks", |b| {
        b.iter(|| explore::profile(black_box(&gii), 2019, "SWITZERLAND"))
    });
    c.bench_function("gii2019/compare", |b| {
        b.iter(|| explore::compare(black_box(&gii), 2019, "SWITZERLAND", "SWEDEN"))
    });
}

criterion_group!(explore_benches, benches);
criterion_main!(explore_benches);
