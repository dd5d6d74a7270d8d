//! Explorer speed: load + first frame of the shipped data, one frame at
//! 200×60, and baselines in the same run (clearing a 200×60 buffer, filling
//! it with text) to read the others against.
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use pii_explorer::tui::app::{App, Options};
use pii_explorer::tui::ui;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn shipped() -> pii_explorer::data::Dataset {
    match pii_explorer::data::load_shipped() {
        Ok(ds) => ds,
        Err(e) => panic!("the shipped data does not load: {e}"),
    }
}

fn benches(c: &mut Criterion) {
    let area = Rect::new(0, 0, 200, 60);
    c.bench_function("baseline: clear a 200x60 buffer", |b| {
        let mut buf = Buffer::empty(area);
        b.iter(|| {
            buf.reset();
            black_box(&buf);
        })
    });
    c.bench_function("baseline: write 60 lines of 200 characters", |b| {
        let mut buf = Buffer::empty(area);
        let line = "Thừa Thiên Huế 44.01 ▲3 ".repeat(9);
        b.iter(|| {
            buf.reset();
            for y in 0..60 {
                buf.set_stringn(0, y, &line, 200, ratatui::style::Style::default());
            }
            black_box(&buf);
        })
    });
    c.bench_function("load shipped data + first frame 120x40", |b| {
        b.iter(|| {
            let app = App::new(shipped(), Options::default());
            let mut buf = Buffer::empty(Rect::new(0, 0, 120, 40));
            ui::draw(&app, buf.area, &mut buf);
            black_box(buf)
        })
    });
    let app = App::new(shipped(), Options::default());
    c.bench_function("one frame 200x60 (list + drill-down)", |b| {
        let mut buf = Buffer::empty(area);
        b.iter(|| {
            buf.reset();
            ui::draw(&app, area, &mut buf);
            black_box(&buf);
        })
    });
    let mut app = App::new(shipped(), Options::default());
    app.update(pii_explorer::tui::action::Action::CompareMark);
    app.update(pii_explorer::tui::action::Action::Down);
    app.set_pane(pii_explorer::tui::app::Pane::Compare);
    c.bench_function("one frame 200x60 (list + compare)", |b| {
        let mut buf = Buffer::empty(area);
        b.iter(|| {
            buf.reset();
            ui::draw(&app, area, &mut buf);
            black_box(&buf);
        })
    });
    let mut app = App::new(shipped(), Options::default());
    c.bench_function(
        "key j: update (new selection queries) + frame 200x60",
        |b| {
            let mut buf = Buffer::empty(area);
            let mut down = true;
            b.iter(|| {
                app.update(if down {
                    pii_explorer::tui::action::Action::Down
                } else {
                    pii_explorer::tui::action::Action::Up
                });
                down = !down;
                buf.reset();
                ui::draw(&app, area, &mut buf);
                black_box(&buf);
            })
        },
    );
}

criterion_group!(tui, benches);
criterion_main!(tui);
