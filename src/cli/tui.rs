//! `pii` / `pii tui`: parse the explorer's options and hand over to `crate::tui`.
use std::process::ExitCode;

use clap::Args;

use super::DataArgs;

/// Options of the explorer.
#[derive(Debug, Clone, Args, Default)]
pub struct TuiArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Use plain ASCII for symbols and borders (for terminals without ▲▼█ or box
    /// drawing). Before rank, show, compare or changes (`pii --ascii rank`):
    /// plain-ASCII symbols in their output (^ v = - for ▲ ▼ – —).
    #[arg(long)]
    pub ascii: bool,
    /// Do not read or write the remembered state (year, pane, selection, compare pair).
    #[arg(long)]
    pub no_state: bool,
}

/// Run the explorer.
pub fn run(args: TuiArgs) -> color_eyre::Result<ExitCode> {
    crate::tui::run(crate::tui::RunOptions {
        data: args.data.data,
        year: args.data.year,
        ascii: args.ascii,
        no_state: args.no_state,
    })
}
