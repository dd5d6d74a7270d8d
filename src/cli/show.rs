//! `pii show`.
use std::process::ExitCode;

use clap::Args;

use super::DataArgs;

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub data: DataArgs,
}

pub fn run(_args: ShowArgs) -> color_eyre::Result<ExitCode> {
    color_eyre::eyre::bail!("pii show: not implemented yet")
}
