//! `pii score`.
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Framework file (COINr iMeta layout or the project's framework.csv).
    #[arg(long)]
    pub framework: PathBuf,
    /// Raw data file (COINr iData layout or the project's long format).
    #[arg(long)]
    pub data: PathBuf,
}

pub fn run(_args: ScoreArgs) -> color_eyre::Result<ExitCode> {
    color_eyre::eyre::bail!("pii score: not implemented yet")
}
