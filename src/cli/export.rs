//! `pii export`.
use std::process::ExitCode;

use clap::Args;

use super::DataArgs;

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub data: DataArgs,
}

pub fn run(_args: ExportArgs) -> color_eyre::Result<ExitCode> {
    color_eyre::eyre::bail!("pii export: not implemented yet")
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Shell: bash, zsh or fish.
    pub shell: String,
}

pub fn completions(_args: CompletionsArgs) -> color_eyre::Result<ExitCode> {
    color_eyre::eyre::bail!("pii completions: not implemented yet")
}

pub fn man() -> color_eyre::Result<ExitCode> {
    color_eyre::eyre::bail!("pii man: not implemented yet")
}
