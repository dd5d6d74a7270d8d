//! The terminal explorer (The Elm Architecture: event → Action → update → render).
//!
//! A synchronous loop: draw the state, block on one terminal event (idle CPU
//! is zero), drain whatever else is queued, turn key presses into
//! [`action::Action`]s through the one keymap table, apply them with
//! [`app::App::update`]. Rendering (`ui::render`) is a function of the state.
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use color_eyre::eyre::{Result, WrapErr, bail};
use ratatui::crossterm::event;

use crate::data::Year;

pub mod action;
pub mod app;
pub mod keymap;
pub mod persist;
pub mod terminal;
pub mod testing;
pub mod theme;
pub mod ui;

/// How `pii` / `pii tui` was asked to start.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Dataset folder; `None` = the shipped PII data.
    pub data: Option<PathBuf>,
    pub year: Option<Year>,
    /// ASCII symbols and borders.
    pub ascii: bool,
    /// Neither read nor write the remembered state.
    pub no_state: bool,
}

/// The message printed when there is no terminal to draw on.
pub const NOT_A_TERMINAL: &str = "pii: the explorer needs a terminal, but standard output is not one.\n\
     Run `pii` in a terminal, or use a subcommand for plain output (`pii rank`, `pii show`, `pii --help`).";

/// Run the explorer until the user quits.
pub fn run(opts: RunOptions) -> Result<ExitCode> {
    // Errors and panics get color-eyre's report; ratatui's hook (installed
    // by the terminal set-up below) restores the terminal before it prints.
    let _ = color_eyre::install();
    // Check BEFORE touching the terminal: no escape codes into a pipe.
    if !std::io::stdout().is_terminal() {
        eprintln!("{NOT_A_TERMINAL}");
        return Ok(ExitCode::from(2));
    }
    let ds = match &opts.data {
        Some(dir) => crate::data::load(dir)
            .wrap_err_with(|| format!("cannot open the dataset in {}", dir.display()))?,
        None => crate::data::load_shipped().wrap_err("cannot open the shipped PII data")?,
    };
    if let Some(y) = opts.year
        && !ds.years.contains_key(&y)
    {
        let years: Vec<String> = ds.years.keys().map(|y| y.to_string()).collect();
        bail!("the data has no year {y} (years: {})", years.join(", "));
    }
    let mut app = app::App::new(
        ds,
        app::Options {
            year: opts.year,
            theme: theme::Theme::from_env(),
            symbols: if opts.ascii {
                theme::Symbols::ascii()
            } else {
                theme::Symbols::unicode()
            },
        },
    );
    let state_path = if opts.no_state {
        None
    } else {
        persist::state_dir().map(|d| persist::state_file(&d))
    };
    if let Some(path) = &state_path {
        match persist::load(path) {
            Ok(Some(saved)) => app.restore(&saved, opts.year.is_some()),
            Ok(None) => {}
            Err(msg) => eprintln!("warning: {}", crate::text::sanitize(&msg)),
        }
    }
    {
        let mut term = terminal::Term::init().wrap_err("cannot set up the terminal")?;
        event_loop(&mut term.terminal, &mut app)?;
    }
    if let Some(path) = &state_path
        && let Err(e) = persist::save(path, &app.saved())
    {
        eprintln!(
            "warning: cannot save the explorer state to {}: {e}",
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Draw, block on the next event, drain the queue, repeat until quit.
pub fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut app::App) -> Result<()> {
    loop {
        terminal.draw(|f| ui::render(app, f))?;
        let ev = event::read()?;
        app.handle_event(&ev);
        while !app.quit && event::poll(Duration::ZERO)? {
            let ev = event::read()?;
            app.handle_event(&ev);
        }
        if app.quit {
            return Ok(());
        }
    }
}
