//! A test harness: the whole explorer on a `TestBackend`, driven by a tiny key
//! language (`"/ h u e <Enter> <Tab>"`), synchronously. Used by the tests,
//! the benchmarks and the screenshot generator.
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier, Style};

use super::app::{App, Options};
use super::ui;
use crate::data::Dataset;

/// The explorer plus a test terminal.
pub struct Harness {
    pub app: App,
    pub terminal: Terminal<TestBackend>,
}

impl Harness {
    /// Colour theme, Unicode symbols, 120×40.
    pub fn new(ds: Dataset) -> Self {
        Self::with(ds, Options::default(), 120, 40)
    }

    /// Any options and size.
    pub fn with(ds: Dataset, opts: Options, width: u16, height: u16) -> Self {
        let app = App::new(ds, opts);
        let terminal = match Terminal::new(TestBackend::new(width, height)) {
            Ok(t) => t,
            Err(e) => match e {},
        };
        let mut h = Harness { app, terminal };
        h.draw();
        h
    }

    /// Draw the current state.
    pub fn draw(&mut self) -> &mut Self {
        let app = &self.app;
        // TestBackend never fails.
        let _ = self.terminal.draw(|f| ui::render(app, f));
        self
    }

    /// Press keys (see [`parse_keys`]), drawing after each like the real loop.
    pub fn press(&mut self, keys: &str) -> &mut Self {
        for k in parse_keys(keys) {
            self.app.handle_event(&Event::Key(k));
            self.draw();
        }
        self
    }

    /// Resize the terminal and redraw.
    pub fn resize(&mut self, width: u16, height: u16) -> &mut Self {
        self.terminal.backend_mut().resize(width, height);
        let _ = self
            .terminal
            .resize(ratatui::layout::Rect::new(0, 0, width, height));
        self.draw()
    }

    /// The screen buffer.
    pub fn buffer(&self) -> &Buffer {
        self.terminal.backend().buffer()
    }

    /// The screen as text, one line per row, trailing spaces removed.
    pub fn screen(&self) -> String {
        screen_text(self.buffer())
    }

    /// The screen with its styles: the text, then one line per styled run.
    pub fn styled(&self) -> String {
        styled_text(self.buffer())
    }
}

/// Buffer → text.
pub fn screen_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn style_name(s: Style) -> String {
    let mut parts = Vec::new();
    let colour = |c: Color| format!("{c:?}");
    if let Some(fg) = s.fg.filter(|c| *c != Color::Reset) {
        parts.push(format!("fg={}", colour(fg)));
    }
    if let Some(bg) = s.bg.filter(|c| *c != Color::Reset) {
        parts.push(format!("bg={}", colour(bg)));
    }
    let m = s.add_modifier;
    for (flag, name) in [
        (Modifier::BOLD, "bold"),
        (Modifier::DIM, "dim"),
        (Modifier::ITALIC, "italic"),
        (Modifier::UNDERLINED, "underlined"),
        (Modifier::REVERSED, "reversed"),
    ] {
        if m.contains(flag) {
            parts.push(name.to_string());
        }
    }
    parts.join(" ")
}

/// Buffer → text followed by the styled runs (`row:col-col style`).
pub fn styled_text(buf: &Buffer) -> String {
    let mut out = screen_text(buf);
    out.push_str("--- styles ---\n");
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let st = buf[(x, y)].style();
            let name = style_name(st);
            let start = x;
            while x < area.right() && style_name(buf[(x, y)].style()) == name {
                x += 1;
            }
            if !name.is_empty() {
                out.push_str(&format!("{y}:{start}-{} {name}\n", x - 1));
            }
        }
    }
    out
}

/// Parse a key script: tokens separated by spaces; `<Name>` is a named key
/// (`<Enter> <Esc> <Tab> <S-Tab> <BS> <Up> <Down> <Left> <Right> <PgUp>
/// <PgDn> <Home> <End> <Space> <C-x>`); any other token types its characters.
pub fn parse_keys(script: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let key = |c: KeyCode| KeyEvent::new(c, KeyModifiers::NONE);
    for tok in script.split_whitespace() {
        if tok.len() > 2 && tok.starts_with('<') && tok.ends_with('>') {
            let name = &tok[1..tok.len() - 1];
            let ev = match name {
                "Enter" | "CR" => key(KeyCode::Enter),
                "Esc" => key(KeyCode::Esc),
                "Tab" => key(KeyCode::Tab),
                "S-Tab" | "BackTab" => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
                "BS" | "Backspace" => key(KeyCode::Backspace),
                "Up" => key(KeyCode::Up),
                "Down" => key(KeyCode::Down),
                "Left" => key(KeyCode::Left),
                "Right" => key(KeyCode::Right),
                "PgUp" => key(KeyCode::PageUp),
                "PgDn" => key(KeyCode::PageDown),
                "Home" => key(KeyCode::Home),
                "End" => key(KeyCode::End),
                "Space" => key(KeyCode::Char(' ')),
                n if n.starts_with("C-") && n.chars().count() == 3 => {
                    let c = n.chars().nth(2).unwrap_or('c');
                    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
                }
                _ => {
                    out.extend(tok.chars().map(|c| key(KeyCode::Char(c))));
                    continue;
                }
            };
            out.push(ev);
        } else {
            for c in tok.chars() {
                let mods = if c.is_uppercase() {
                    KeyModifiers::SHIFT
                } else {
                    KeyModifiers::NONE
                };
                out.push(KeyEvent::new(KeyCode::Char(c), mods));
            }
        }
    }
    out
}
