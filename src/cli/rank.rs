//! `pii rank`.
use std::process::ExitCode;

use clap::Args;

use super::DataArgs;

#[derive(Debug, Args)]
pub struct RankArgs {
    #[command(flatten)]
    pub data: DataArgs,
}

pub fn run(_args: RankArgs) -> color_eyre::Result<ExitCode> {
    color_eyre::eyre::bail!("pii rank: not implemented yet")
}
