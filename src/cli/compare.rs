//! `pii compare`.
use std::process::ExitCode;

use clap::Args;

use super::DataArgs;

#[derive(Debug, Args)]
pub struct CompareArgs {
    #[command(flatten)]
    pub data: DataArgs,
}

pub fn run(_args: CompareArgs) -> color_eyre::Result<ExitCode> {
    color_eyre::eyre::bail!("pii compare: not implemented yet")
}
