//! `pii changes`.
use std::process::ExitCode;

use clap::Args;

use super::DataArgs;

#[derive(Debug, Args)]
pub struct ChangesArgs {
    #[command(flatten)]
    pub data: DataArgs,
}

pub fn run(_args: ChangesArgs) -> color_eyre::Result<ExitCode> {
    color_eyre::eyre::bail!("pii changes: not implemented yet")
}
