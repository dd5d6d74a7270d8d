//! The command line: `pii` (the explorer) and its subcommands. Thin: every
//! answer comes from `crate::engine` and `crate::data`.
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

pub mod changes;
pub mod compare;
pub mod export;
pub mod output;
pub mod rank;
pub mod score;
pub mod show;
pub mod tui;
pub mod validate;

/// Explore and score Vietnam's Provincial Innovation Index (PII) and other
/// GII-method indices from the terminal.
#[derive(Debug, Parser)]
#[command(name = "pii", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options of the explorer, used when no subcommand is given.
    #[command(flatten)]
    pub tui: tui::TuiArgs,
}

/// Options every data command takes.
#[derive(Debug, Clone, Args, Default)]
pub struct DataArgs {
    /// Dataset folder (default: the shipped PII data).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Year (default: the dataset's latest year).
    #[arg(long, value_name = "Y")]
    pub year: Option<u16>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the explorer (the default when no subcommand is given).
    Tui(tui::TuiArgs),
    /// Run the scoring pipeline on a framework and raw data; write every stage as CSV.
    Score(score::ScoreArgs),
    /// The ranking of a year, with rank changes since the previous year.
    Rank(rank::RankArgs),
    /// A unit's profile: every level, strengths and weaknesses, history, lineage.
    Show(show::ShowArgs),
    /// Two units side by side at every level.
    Compare(compare::CompareArgs),
    /// The movers between two years.
    Changes(changes::ChangesArgs),
    /// Check a dataset folder and report every problem at its file:line:column.
    Validate(validate::ValidateArgs),
    /// Write a self-contained profile (md, html, csv, json) for offline review.
    Export(export::ExportArgs),
    /// Print shell completions.
    Completions(export::CompletionsArgs),
    /// Print the man page (roff).
    #[command(after_help = "Example:\n  pii man > pii.1 && man ./pii.1")]
    Man,
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let mut cli = Cli::parse();
    // `pii --data DIR rank` means the same as `pii rank --data DIR`.
    let top = cli.tui.data.clone();
    let (ascii, no_state) = (cli.tui.ascii, cli.tui.no_state);
    if let Some(cmd) = cli.command.as_mut() {
        // `--ascii` before a table command: plain-ASCII symbols in its output.
        match cmd {
            Command::Tui(a) => {
                a.ascii |= ascii;
                a.no_state |= no_state;
            }
            Command::Rank(_) | Command::Show(_) | Command::Compare(_) | Command::Changes(_)
                if !no_state =>
            {
                output::set_ascii(ascii);
            }
            _ if ascii || no_state => {
                eprintln!(
                    "error: --ascii and --no-state are options of the explorer (pii tui); \
                     --ascii also works before rank, show, compare and changes"
                );
                return ExitCode::from(2);
            }
            _ => {}
        }
        let sub = match cmd {
            Command::Tui(a) => Some(&mut a.data),
            Command::Rank(a) => Some(&mut a.data),
            Command::Show(a) => Some(&mut a.data),
            Command::Compare(a) => Some(&mut a.data),
            Command::Changes(a) => Some(&mut a.data),
            Command::Export(a) => Some(&mut a.data),
            _ => None,
        };
        match sub {
            Some(sub) => {
                sub.data = sub.data.take().or(top.data);
                sub.year = sub.year.or(top.year);
            }
            None if top.data.is_some() || top.year.is_some() => {
                eprintln!(
                    "error: --data/--year before this subcommand have no effect; give them after it"
                );
                return ExitCode::from(2);
            }
            None => {}
        }
    }
    let result = match cli.command {
        None => tui::run(cli.tui),
        Some(Command::Tui(args)) => tui::run(args),
        Some(Command::Score(args)) => score::run(args),
        Some(Command::Rank(args)) => rank::run(args),
        Some(Command::Show(args)) => show::run(args),
        Some(Command::Compare(args)) => compare::run(args),
        Some(Command::Changes(args)) => changes::run(args),
        Some(Command::Validate(args)) => validate::run(args),
        Some(Command::Export(args)) => export::run(args),
        Some(Command::Completions(args)) => export::completions(args),
        Some(Command::Man) => export::man(),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {}", crate::text::sanitize(&format!("{err:#}")));
            if err.downcast_ref::<output::UsageError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
