//! `pii validate [DIR]`: check a dataset folder (default: the shipped PII
//! data) and report every problem at its file:line:column, then the coverage
//! per year. Exit 0 when sound (warnings allowed), 1 on any error.
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::data::audit::{self, Audit, Severity};
use crate::data::dataset::{Files, shipped_files};
use crate::text::sanitize;

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Dataset folder (default: the shipped PII data).
    pub dir: Option<PathBuf>,
}

pub fn run(args: ValidateArgs) -> color_eyre::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let files = match &args.dir {
        None => shipped_files(),
        Some(dir) => match Files::from_dir(dir) {
            Ok(f) => f,
            Err(e) => {
                let _ = writeln!(out, "error: {}", sanitize(&e.to_string()));
                return Ok(ExitCode::FAILURE);
            }
        },
    };
    let report = audit::audit_files(&files);
    // A closed pipe (`| head`) ends the listing quietly.
    let _ = print_report(&mut out, &files.dir, &report);
    Ok(if report.is_sound() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn print_report(out: &mut impl Write, dir: &str, report: &Audit) -> std::io::Result<()> {
    writeln!(out, "pii validate: {}", sanitize(dir))?;
    for f in &report.findings {
        let kind = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(out, "{kind}: {}", sanitize(&f.error.to_string()))?;
    }
    if let Some(root) = &report.root {
        writeln!(out)?;
        writeln!(out, "Coverage ({}):", sanitize(root))?;
        let row = |c: [&str; 8]| {
            format!(
                "{:>6} {:>6} {:>10} {:>10} {:>10} {:>10} {:>8} {:>12}",
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]
            )
        };
        writeln!(
            out,
            "{}",
            row([
                "year", "units", "scores", "ranks", "computed", "computed", "bounded", "figures"
            ])
        )?;
        writeln!(
            out,
            "{}",
            row([
                "",
                "",
                "published",
                "published",
                "scores",
                "ranks",
                "ranks",
                "published*"
            ])
        )?;
        for c in &report.coverage {
            let v = [
                c.year.to_string(),
                c.units.to_string(),
                c.scores_published.to_string(),
                c.ranks_published.to_string(),
                c.scores_computed.to_string(),
                c.ranks_computed.to_string(),
                c.bounded.to_string(),
                c.figures_published.to_string(),
            ];
            writeln!(out, "{}", row(std::array::from_fn(|i| v[i].as_str())))?;
        }
    }
    if report.root.is_some() {
        writeln!(
            out,
            "(scores and ranks of the root node; * = published scores, ranks or raw values on any node)"
        )?;
    }
    writeln!(out)?;
    let (e, w) = (report.errors(), report.warnings());
    if report.is_sound() {
        writeln!(out, "sound: {e} errors, {w} warnings")
    } else {
        writeln!(out, "NOT sound: {e} errors, {w} warnings")
    }
}
