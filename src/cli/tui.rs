//! `pii` / `pii tui`: parse the explorer's options and hand over to `crate::tui`.
use std::process::ExitCode;

use clap::Args;

use super::DataArgs;

#[derive(Debug, Clone, Args, Default)]
pub struct TuiArgs {
    #[command(flatten)]
    pub data: DataArgs,
}

pub fn run(_args: TuiArgs) -> color_eyre::Result<ExitCode> {
    color_eyre::eyre::bail!("the explorer is not implemented yet")
}
