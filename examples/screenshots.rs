//! Render real screens of the explorer on the shipped PII data to SVG files
//! (one `<rect>` per background run and block glyph, one `<text>` per run of
//! text, on a fixed cell grid in DejaVu Sans Mono). `scripts/screenshots.sh`
//! turns them into PNGs with rsvg-convert.
//!
//! Usage: `cargo run --example screenshots -- OUT_DIR`
use std::fmt::Write as _;
use std::path::PathBuf;

use pii_explorer::tui::app::Options;
use pii_explorer::tui::testing::Harness;
use pii_explorer::tui::theme::{Symbols, Theme};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

const CW: f64 = 9.0;
const CH: f64 = 19.0;
const FONT: f64 = 15.0;
const BG: &str = "#1b1d23";
const FG: &str = "#d5d8de";

fn hex(c: Color, default: &str) -> String {
    match c {
        Color::Reset => default.into(),
        Color::Black => "#1b1d23".into(),
        Color::Red => "#e06c75".into(),
        Color::Green => "#98c379".into(),
        Color::Yellow => "#e5c07b".into(),
        Color::Blue => "#3b6fb6".into(),
        Color::Magenta => "#c678dd".into(),
        Color::Cyan => "#56b6c2".into(),
        Color::Gray => "#abb2bf".into(),
        Color::DarkGray => "#7f848e".into(),
        Color::LightRed => "#ff7b86".into(),
        Color::LightGreen => "#b5e890".into(),
        Color::LightYellow => "#ffd68a".into(),
        Color::LightBlue => "#61afef".into(),
        Color::LightMagenta => "#d88ff0".into(),
        Color::LightCyan => "#7fd6e0".into(),
        Color::White => "#ffffff".into(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(_) => default.into(),
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Height fraction (from the bottom) or width fraction (from the left) of block glyphs.
fn block(sym: &str) -> Option<(bool, f64)> {
    let v = match sym {
        "█" => (true, 1.0),
        "▁" => (true, 1.0 / 8.0),
        "▂" => (true, 2.0 / 8.0),
        "▃" => (true, 3.0 / 8.0),
        "▄" => (true, 4.0 / 8.0),
        "▅" => (true, 5.0 / 8.0),
        "▆" => (true, 6.0 / 8.0),
        "▇" => (true, 7.0 / 8.0),
        "▏" => (false, 1.0 / 8.0),
        "▎" => (false, 2.0 / 8.0),
        "▍" => (false, 3.0 / 8.0),
        "▌" => (false, 4.0 / 8.0),
        "▋" => (false, 5.0 / 8.0),
        "▊" => (false, 6.0 / 8.0),
        "▉" => (false, 7.0 / 8.0),
        _ => return None,
    };
    Some(v)
}

/// Box-drawing glyphs as line segments: [left, right, up, down].
fn box_sides(sym: &str) -> Option<([bool; 4], ())> {
    let v = match sym {
        "─" => [true, true, false, false],
        "│" => [false, false, true, true],
        "┌" => [false, true, false, true],
        "┐" => [true, false, false, true],
        "└" => [false, true, true, false],
        "┘" => [true, false, true, false],
        "├" => [false, true, true, true],
        "┤" => [true, false, true, true],
        "┬" => [true, true, false, true],
        "┴" => [true, true, true, false],
        "┼" => [true, true, true, true],
        _ => return None,
    };
    Some((v, ()))
}

/// One cell's colours and text attributes after REVERSED and DIM.
fn look(buf: &Buffer, x: u16, y: u16) -> (String, String, bool, bool, bool, f64) {
    let st = buf[(x, y)].style();
    let mut fg = hex(st.fg.unwrap_or(Color::Reset), FG);
    let mut bg = hex(st.bg.unwrap_or(Color::Reset), BG);
    let m = st.add_modifier;
    if m.contains(Modifier::REVERSED) {
        std::mem::swap(&mut fg, &mut bg);
    }
    let opacity = if m.contains(Modifier::DIM) { 0.55 } else { 1.0 };
    (
        fg,
        bg,
        m.contains(Modifier::BOLD),
        m.contains(Modifier::ITALIC),
        m.contains(Modifier::UNDERLINED),
        opacity,
    )
}

fn svg(buf: &Buffer) -> String {
    let w = buf.area.width;
    let h = buf.area.height;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}">"#,
        f64::from(w) * CW + 16.0,
        f64::from(h) * CH + 16.0,
        f64::from(w) * CW + 16.0,
        f64::from(h) * CH + 16.0
    );
    let _ = write!(
        out,
        r#"<rect width="100%" height="100%" fill="{BG}" rx="6"/>"#
    );
    out.push_str(r#"<g transform="translate(8 8)" font-family="DejaVu Sans Mono" font-size=""#);
    let _ = write!(out, "{FONT}\" xml:space=\"preserve\">");
    for y in 0..h {
        let ty = f64::from(y) * CH;
        // Backgrounds, merged in runs.
        let mut x = 0;
        while x < w {
            let (_, bg, ..) = look(buf, x, y);
            let start = x;
            while x < w && look(buf, x, y).1 == bg {
                x += 1;
            }
            if bg != BG {
                let _ = write!(
                    out,
                    r#"<rect x="{}" y="{ty}" width="{}" height="{CH}" fill="{bg}"/>"#,
                    f64::from(start) * CW,
                    f64::from(x - start) * CW
                );
            }
        }
        // Text runs of one look; block glyphs become rectangles.
        let mut x = 0;
        while x < w {
            let sym = buf[(x, y)].symbol().to_string();
            let l = look(buf, x, y);
            if let Some((sides, _)) = box_sides(&sym) {
                let (cx, cy) = (f64::from(x) * CW + CW / 2.0, ty + CH / 2.0);
                let mut d = String::new();
                let [left, r, u, dn] = sides;
                if left {
                    let _ = write!(d, "M{} {cy}H{cx}", f64::from(x) * CW);
                }
                if r {
                    let _ = write!(d, "M{cx} {cy}H{}", f64::from(x + 1) * CW);
                }
                if u {
                    let _ = write!(d, "M{cx} {ty}V{cy}");
                }
                if dn {
                    let _ = write!(d, "M{cx} {cy}V{}", ty + CH);
                }
                let _ = write!(
                    out,
                    r#"<path d="{d}" stroke="{}" stroke-opacity="{}" stroke-width="1.3" fill="none" stroke-linecap="square"/>"#,
                    l.0, l.5
                );
                x += 1;
                continue;
            }
            if let Some((vertical, frac)) = block(&sym) {
                // Merge a run of full blocks into one rectangle (no seams).
                let mut n = 1;
                if frac == 1.0 {
                    while x + n < w && buf[(x + n, y)].symbol() == "█" && look(buf, x + n, y) == l
                    {
                        n += 1;
                    }
                }
                // A thin gap above and below keeps the bars of a list apart.
                let inset = 1.5;
                let (rx, ry, rw, rh) = if vertical {
                    (
                        f64::from(x) * CW,
                        ty + inset + (CH - 2.0 * inset) * (1.0 - frac),
                        CW * f64::from(n),
                        (CH - 2.0 * inset) * frac,
                    )
                } else {
                    (f64::from(x) * CW, ty + inset, CW * frac, CH - 2.0 * inset)
                };
                let _ = write!(
                    out,
                    r#"<rect x="{rx}" y="{ry}" width="{rw:.2}" height="{rh:.2}" fill="{}" fill-opacity="{}"/>"#,
                    l.0, l.5
                );
                x += n;
                continue;
            }
            let start = x;
            let mut text = String::new();
            let mut cells = 0u16;
            while x < w {
                let s = buf[(x, y)].symbol();
                if block(s).is_some() || box_sides(s).is_some() || look(buf, x, y) != l {
                    break;
                }
                text.push_str(s);
                let cw = unicode_width::UnicodeWidthStr::width(s).max(1) as u16;
                x += cw;
                cells += cw;
            }
            if text.trim().is_empty() {
                continue;
            }
            let (fg, _, bold, italic, under, op) = &l;
            let _ = write!(
                out,
                r#"<text x="{}" y="{}" fill="{fg}" fill-opacity="{op}" textLength="{}" lengthAdjust="spacingAndGlyphs"{}{}{}>{}</text>"#,
                f64::from(start) * CW,
                ty + CH * 0.76,
                f64::from(cells) * CW,
                if *bold { r#" font-weight="bold""# } else { "" },
                if *italic {
                    r#" font-style="italic""#
                } else {
                    ""
                },
                if *under {
                    r#" text-decoration="underline""#
                } else {
                    ""
                },
                esc(&text)
            );
        }
    }
    out.push_str("</g></svg>\n");
    out
}

fn main() -> std::process::ExitCode {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "screenshots".into()),
    );
    let ds = match pii_explorer::data::load_shipped() {
        Ok(ds) => ds,
        Err(e) => {
            eprintln!("cannot load the shipped data: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let colour = || Options::default();
    let scenarios: Vec<(&str, Options, u16, u16, &str)> = vec![
        ("01-ranking", colour(), 120, 40, ""),
        (
            "02-search-drilldown",
            colour(),
            120,
            40,
            "/ hue <Enter> <Enter> j l",
        ),
        (
            "03-changes-merger",
            colour(),
            120,
            40,
            "/ bac <Space> ninh <Enter> <Tab> <Tab>",
        ),
        ("04-compare", colour(), 120, 40, "c / hue <Enter> <S-Tab>"),
        ("05-year-2023", colour(), 120, 40, "[ ["),
        ("06-help-80x24", colour(), 80, 24, "?"),
        (
            "07-mono-ascii-80x24",
            Options {
                year: None,
                theme: Theme::mono(),
                symbols: Symbols::ascii(),
            },
            80,
            24,
            "[ / bac <Enter>",
        ),
    ];
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {}: {e}", dir.display());
        return std::process::ExitCode::FAILURE;
    }
    for (name, opts, w, h, keys) in scenarios {
        let mut t = Harness::with(ds.clone(), opts, w, h);
        t.press(keys);
        let path = dir.join(format!("{name}.svg"));
        if let Err(e) = pii_explorer::data::write_atomic(&path, svg(t.buffer()).as_bytes()) {
            eprintln!("cannot write {}: {e}", path.display());
            return std::process::ExitCode::FAILURE;
        }
        println!("{}", path.display());
    }
    // Another dataset folder: WIPO's GII 2019, down to the indicators.
    let gii = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/examples/gii2019");
    match pii_explorer::data::load(&gii) {
        Ok(ds) => {
            let mut t = Harness::with(ds, colour(), 120, 40);
            t.press("c j <S-Tab> <Tab> <Tab> j j l l l");
            let path = dir.join("08-gii2019-compare-drilldown.svg");
            if let Err(e) = pii_explorer::data::write_atomic(&path, svg(t.buffer()).as_bytes()) {
                eprintln!("cannot write {}: {e}", path.display());
                return std::process::ExitCode::FAILURE;
            }
            println!("{}", path.display());
        }
        Err(e) => eprintln!("skipping the GII 2019 screenshot: {e}"),
    }
    std::process::ExitCode::SUCCESS
}
