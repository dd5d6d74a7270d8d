//! `pii validate`.
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Dataset folder (default: the shipped PII data).
    pub dir: Option<PathBuf>,
}

pub fn run(_args: ValidateArgs) -> color_eyre::Result<ExitCode> {
    color_eyre::eyre::bail!("pii validate: not implemented yet")
}
