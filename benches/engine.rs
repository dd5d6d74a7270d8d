//! Engine benchmarks: the ASEM pipeline end to end and a seeded
//! 10,000 × 200 panel (5 levels), each next to a baseline measured in the
//! same run (a plain pass summing the input matrix, and a copy of it).
//!
//! Run: `cargo bench --bench engine -- --warm-up-time 1 --measurement-time 2`
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use pii_explorer::data::coinr;
use pii_explorer::engine::pipeline::{self, Pipeline};

mod panel;

fn asem(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/asem");
    let meta = dir.join("input_meta.csv");
    let data = dir.join("input_data.csv");
    let (fw, raw, _) = coinr::read(&meta, &data).expect("ASEM fixtures");
    let mut g = c.benchmark_group("asem");
    g.bench_function("baseline_sum", |b| {
        b.iter(|| black_box(panel::sum_matrix(black_box(&raw))))
    });
    for (name, p) in [("gii", Pipeline::gii()), ("coinr_a", Pipeline::asem_a())] {
        g.bench_function(format!("run_{name}"), |b| {
            b.iter(|| pipeline::run(black_box(&fw), black_box(&raw), &p).expect("runs"))
        });
    }
    g.bench_function("read_and_run_gii", |b| {
        b.iter(|| {
            let (fw, raw, _) = coinr::read(&meta, &data).expect("ASEM fixtures");
            pipeline::run(&fw, &raw, &Pipeline::gii()).expect("runs")
        })
    });
    g.finish();
}

fn big(c: &mut Criterion) {
    let (fw, raw) = panel::panel(10_000, 200, 42);
    let mut g = c.benchmark_group("panel_10000x200");
    g.sample_size(10);
    g.bench_function("baseline_sum", |b| {
        b.iter(|| black_box(panel::sum_matrix(black_box(&raw))))
    });
    g.bench_function("baseline_copy", |b| {
        b.iter(|| black_box(panel::copy_matrix(black_box(&raw))))
    });
    g.bench_function("run_gii", |b| {
        b.iter(|| pipeline::run(black_box(&fw), black_box(&raw), &Pipeline::gii()).expect("runs"))
    });
    g.finish();
}

criterion_group!(benches, asem, big);
criterion_main!(benches);
