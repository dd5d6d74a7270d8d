//! Peak memory of the engine on the seeded 10,000 × 200 panel, measured with
//! a counting global allocator, as a ratio to the input matrix.
//!
//! Run: `cargo run --release --example engine_memory`
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use pii_explorer::engine::pipeline::{self, Pipeline};

#[path = "../benches/panel.rs"]
mod panel;

struct Counting;
static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(l.size(), Relaxed) + l.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        CURRENT.fetch_sub(l.size(), Relaxed);
    }
}

#[global_allocator]
static A: Counting = Counting;

fn main() {
    let (units, inds) = (10_000usize, 200usize);
    let (fw, raw) = panel::panel(units, inds, 42);
    let input = CURRENT.load(Relaxed);
    let matrix = units * inds * std::mem::size_of::<Option<f64>>();
    PEAK.store(input, Relaxed);
    let t = Instant::now();
    let res = pipeline::run(&fw, &raw, &Pipeline::gii()).expect("runs");
    let secs = t.elapsed().as_secs_f64();
    let peak = PEAK.load(Relaxed);
    let held = res.heap_bytes();
    let mb = |b: usize| b as f64 / 1e6;
    println!(
        "input matrix (Option<f64>, {units}x{inds}): {:.1} MB",
        mb(matrix)
    );
    println!("all input data held before the run: {:.1} MB", mb(input));
    println!(
        "peak during run (input included): {:.1} MB = {:.2}x the input matrix",
        mb(peak),
        peak as f64 / matrix as f64
    );
    println!(
        "results held afterwards: {:.1} MB = {:.2}x",
        mb(held),
        held as f64 / matrix as f64
    );
    println!(
        "one run: {:.0} ms (single thread; use the criterion bench for timing)",
        secs * 1e3
    );
    // Extra runs (for profilers: `perf record` sees the engine, not the generator).
    let reps: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(0);
    let t = Instant::now();
    for _ in 0..reps {
        std::hint::black_box(pipeline::run(&fw, &raw, &Pipeline::gii()).expect("runs"));
    }
    if reps > 0 {
        println!(
            "mean of {reps} more runs: {:.0} ms",
            t.elapsed().as_secs_f64() * 1e3 / reps as f64
        );
    }
    let treated = res.treatment.iter().filter(|t| t.treated()).count();
    let logged = res.treatment.iter().filter(|t| t.log_applied).count();
    println!("treated indicators: {treated} ({logged} log)");
}
