//! Loading and auditing: the shipped PII data, WIPO's GII 2019 export (129 ×
//! 111, wide), the ASEM example (engine at load).
use criterion::{Criterion, criterion_group, criterion_main};
use pii_explorer::data::{self, Files, audit};

fn files(dir: &str) -> Files {
    Files::from_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)).unwrap()
}

fn bench(c: &mut Criterion) {
    c.bench_function("load_shipped (PII, derive)", |b| {
        b.iter(|| data::load_shipped().unwrap())
    });
    let gii = files("data/examples/gii2019");
    c.bench_function("load GII 2019 (wide, 14k figures)", |b| {
        b.iter(|| data::dataset::load_files(&gii).unwrap())
    });
    c.bench_function("audit GII 2019", |b| b.iter(|| audit::audit_files(&gii)));
    let pii = data::dataset::shipped_files();
    c.bench_function("audit PII", |b| b.iter(|| audit::audit_files(&pii)));
    let asem = files("data/examples/asem");
    c.bench_function("load ASEM (engine, gii preset)", |b| {
        b.iter(|| data::dataset::load_files(&asem).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
