//! `pii score`: run the scoring pipeline on a COINr-layout framework and raw
//! data, or on the raw values of a dataset folder, and write every stage as CSV.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use color_eyre::eyre::{WrapErr, eyre};

use super::DataArgs;
use super::output::{Ctx, usage};
use crate::data::{Dataset, Year, coinr, write_atomic};
use crate::engine::framework::Framework;
use crate::engine::pipeline::{self, Impute, PRESETS, Pipeline, RawData, Results, Series};
use crate::text::sanitize;

const AFTER_HELP: &str = "\
Inputs, one of:
  --framework FILE --data FILE  COINr's layouts: the framework is an iMeta
      table (iCode, Parent, Level, Weight, Direction[, Denominator, iName,
      Type]) and the data an iData table (uCode, uName, group columns,
      denominator columns, one column per indicator). Missing cells: empty,
      NA, N/A, n/a, -, ..
  --dataset DIR [--year Y]  a dataset folder (see data/README.md): its
      framework, and the raw indicator values of the units of year Y (default:
      the dataset's default year). Missing raw values stay missing. A dataset
      holds no denominator values: indicators with a denominator need
      --framework/--data (or denominate = false in --config). Scores need raw
      values: the PII's raw indicator data is not published, so data/pii
      cannot be scored.

Presets: gii (default: no imputation, no screening, outliers at |skew| >= 2.25
and kurtosis >= 3.5, winsorise up to 5 points else log, min-max [0,100],
arithmetic mean); coinr (COINr defaults: column-mean imputation, screening at
90 % coverage, skew threshold 2.0); asem-a, asem-b, asem-c, asem-d (the four
validation pipelines of the ASEM example). --config FILE.toml (or FILE.json,
same keys) replaces the preset; keys: denominate, aggregate (arithmetic or
geometric), min_share, impute {method = mean | group_mean, group}, screen
{min_coverage}, treat (false, or {skew, kurt, winmax, log, strict}), normalise
{min, max}, efficiency {output, input}.

Output (default folder ./pii-score-out, created if needed; files replaced
atomically; nothing is written when any input cell is invalid):
  denominated.csv, imputed.csv, screened.csv (when those steps run),
  treated.csv, treated_points.csv, treatment_log.csv, normalised.csv,
  aggregated.csv, ranks.csv, scores_long.csv (unit,node,level,score,rank),
  warnings.txt, settings.toml. Numbers are written at full precision.

Examples:
  pii score --framework input_meta.csv --data input_data.csv --preset gii --out out/
  pii score --dataset my-index/ --year 2024 --out out/";

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
#[command(group = clap::ArgGroup::new("input").args(["framework", "dataset"]).required(true))]
pub struct ScoreArgs {
    /// Framework file (COINr iMeta layout); needs --data.
    #[arg(long, value_name = "FILE", requires = "data")]
    pub framework: Option<PathBuf>,
    /// Raw data file (COINr iData layout); needs --framework.
    #[arg(
        long,
        value_name = "FILE",
        requires = "framework",
        conflicts_with = "dataset"
    )]
    pub data: Option<PathBuf>,
    /// Dataset folder (project format): score the raw values of one year.
    #[arg(long, value_name = "DIR")]
    pub dataset: Option<PathBuf>,
    /// Year of the dataset to score (default: the dataset's default year).
    #[arg(long, value_name = "Y", conflicts_with = "framework")]
    pub year: Option<Year>,
    /// Settings preset: gii, coinr, asem-a, asem-b, asem-c, asem-d.
    #[arg(long, default_value = "gii", value_name = "NAME")]
    pub preset: String,
    /// Settings file: TOML, or JSON when the name ends in .json; replaces the
    /// preset.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Impute missing values by the mean of the unit's group in this column
    /// (e.g. EurAsia_group), whatever the preset.
    #[arg(long, value_name = "COLUMN")]
    pub impute_group: Option<String>,
    /// Output folder.
    #[arg(long, default_value = "pii-score-out", value_name = "DIR")]
    pub out: PathBuf,
}

pub fn run(args: ScoreArgs) -> color_eyre::Result<ExitCode> {
    let mut cfg = match &args.config {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .wrap_err_with(|| format!("cannot read {}", p.display()))?;
            Pipeline::from_file_text(&p.display().to_string(), &text)?
        }
        None => Pipeline::preset(&args.preset).ok_or_else(|| {
            eyre!(
                "unknown preset {:?}; expected one of {}",
                args.preset,
                PRESETS.join(", ")
            )
        })?,
    };
    if let Some(g) = &args.impute_group {
        cfg.impute = Some(Impute::GroupMean { group: g.clone() });
    }
    let (fw, raw, mut warnings) = match (&args.dataset, &args.framework, &args.data) {
        (Some(dir), _, _) => from_dataset(dir, args.year, &cfg)?,
        (None, Some(f), Some(d)) => coinr::read(f, d)?,
        _ => return usage("give --framework FILE --data FILE, or --dataset DIR"),
    };
    let res = pipeline::run(&fw, &raw, &cfg)?;
    warnings.extend(res.warnings.iter().map(ToString::to_string));

    // Everything is rendered in memory first; only then is anything written.
    let files = render(&res, &warnings)?;
    std::fs::create_dir_all(&args.out)
        .wrap_err_with(|| format!("cannot create {}", args.out.display()))?;
    for (name, bytes) in &files {
        let path = args.out.join(name);
        write_atomic(&path, bytes).wrap_err_with(|| format!("cannot write {}", path.display()))?;
    }
    for w in &warnings {
        eprintln!("warning: {}", sanitize(w));
    }
    print!("{}", summary(&res, &args.out, files.len()));
    Ok(ExitCode::SUCCESS)
}

/// The engine's framework and raw data from a dataset folder: the units of
/// the year × the indicator nodes, with their [`crate::data::Figure::raw`]
/// values (missing stays missing). Published scores are not inputs.
fn from_dataset(
    dir: &Path,
    year: Option<Year>,
    cfg: &Pipeline,
) -> color_eyre::Result<(Framework, RawData, Vec<String>)> {
    let ctx = Ctx::load(&DataArgs {
        data: Some(dir.to_path_buf()),
        year,
    })?;
    let raw = raw_of_year(&ctx.ds, ctx.year);
    if raw
        .columns
        .iter()
        .all(|c| c.values.iter().all(Option::is_none))
    {
        return Err(eyre!(
            "{} has no raw indicator values for {}: the {}'s raw data is not published; \
             scores can only be computed from raw values",
            dir.display(),
            ctx.year,
            ctx.index_name()
        ));
    }
    let fw = Framework::from_nodes(&ctx.ds.nodes).map_err(|e| eyre!("{}: {e}", dir.display()))?;
    if cfg.denominate
        && let Some(n) = fw.nodes().iter().find(|n| n.denominator.is_some())
    {
        return Err(eyre!(
            "{}: indicator {:?} is divided by {:?}, whose values a dataset does not hold; \
             score the source files with --framework/--data, or set denominate = false in --config",
            dir.display(),
            n.code,
            n.denominator.as_deref().unwrap_or_default()
        ));
    }
    Ok((fw, raw, Vec::new()))
}

/// Raw values of every indicator node for the units of `year`, in data order.
fn raw_of_year(ds: &Dataset, year: Year) -> RawData {
    let Some(yd) = ds.year(year) else {
        return RawData::default();
    };
    let columns = ds
        .nodes
        .iter()
        .filter(|n| n.is_indicator())
        .map(|n| Series {
            code: n.code.clone(),
            values: yd
                .units
                .iter()
                .map(|u| yd.figure(u, &n.code).and_then(|f| f.raw))
                .collect(),
            column: None,
        })
        .collect();
    RawData {
        units: yd.units.clone(),
        columns,
        ..RawData::default()
    }
}

/// Full-precision number (shortest text that reads back to the same f64).
fn fmt_num(v: Option<f64>) -> String {
    v.map_or(String::new(), |x| format!("{x}"))
}

fn csv_bytes(header: &[String], rows: Vec<Vec<String>>) -> color_eyre::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header)?;
    for r in rows {
        w.write_record(&r)?;
    }
    w.into_inner().map_err(|e| eyre!("csv: {e}"))
}

/// A wide table: one row per unit, one column per node in `nodes`.
fn wide(
    res: &Results,
    nodes: &[usize],
    cell: impl Fn(usize, usize) -> String,
) -> color_eyre::Result<Vec<u8>> {
    let fw = &res.framework;
    let mut header = vec!["uCode".to_string()];
    header.extend(nodes.iter().map(|&n| fw.nodes()[n].code.clone()));
    let rows = (0..res.n_units())
        .map(|u| {
            let mut r = vec![res.units[u].clone()];
            r.extend(nodes.iter().map(|&n| cell(u, n)));
            r
        })
        .collect();
    csv_bytes(&header, rows)
}

/// Render every output file.
pub fn render(res: &Results, warnings: &[String]) -> color_eyre::Result<Vec<(String, Vec<u8>)>> {
    let fw = &res.framework;
    let ind: Vec<usize> = fw.indicators().to_vec();
    let mut all: Vec<usize> = ind.clone();
    all.extend_from_slice(fw.aggregates_bottom_up());
    let mut files = Vec::new();
    files.push((
        "denominated.csv".to_string(),
        wide(res, &ind, |u, n| fmt_num(res.denominated(u, n)))?,
    ));
    if res.settings.impute.is_some() {
        files.push((
            "imputed.csv".into(),
            wide(res, &ind, |u, n| fmt_num(res.imputed(u, n)))?,
        ));
    }
    if res.settings.screen.is_some() {
        files.push((
            "screened.csv".into(),
            wide(res, &ind, |u, n| fmt_num(res.screened(u, n)))?,
        ));
    }
    files.push((
        "treated.csv".into(),
        wide(res, &ind, |u, n| fmt_num(res.treated(u, n)))?,
    ));
    files.push((
        "treated_points.csv".into(),
        wide(res, &ind, |u, n| {
            res.treated_point(u, n)
                .map_or(String::new(), |p| p.label().to_string())
        })?,
    ));
    let opt = |v: Option<f64>| fmt_num(v);
    let b = |v: Option<bool>| v.map_or(String::new(), |x| x.to_string());
    let log_header: Vec<String> = [
        "iCode",
        "n",
        "skew0",
        "kurt0",
        "pass0",
        "winsorised",
        "skew1",
        "kurt1",
        "pass1",
        "log_applied",
        "skew2",
        "kurt2",
        "pass2",
        "points",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let log_rows = res
        .treatment
        .iter()
        .map(|t| {
            vec![
                t.indicator.clone(),
                t.n.to_string(),
                opt(t.before.map(|c| c.skew)),
                opt(t.before.map(|c| c.kurt)),
                b(t.before.map(|c| c.pass)),
                t.winsorised.map_or(String::new(), |w| w.to_string()),
                opt(t.after_winsorising.map(|c| c.skew)),
                opt(t.after_winsorising.map(|c| c.kurt)),
                b(t.after_winsorising.map(|c| c.pass)),
                t.log_applied.to_string(),
                opt(t.after_log.map(|c| c.skew)),
                opt(t.after_log.map(|c| c.kurt)),
                b(t.after_log.map(|c| c.pass)),
                t.points.to_string(),
            ]
        })
        .collect();
    files.push((
        "treatment_log.csv".into(),
        csv_bytes(&log_header, log_rows)?,
    ));
    files.push((
        "normalised.csv".into(),
        wide(res, &ind, |u, n| fmt_num(res.score(u, n)))?,
    ));
    files.push((
        "aggregated.csv".into(),
        wide(res, &all, |u, n| fmt_num(res.score(u, n)))?,
    ));
    files.push((
        "ranks.csv".into(),
        wide(res, &all, |u, n| {
            res.rank(u, n).map_or(String::new(), |r| r.to_string())
        })?,
    ));
    let header: Vec<String> = ["unit", "node", "level", "score", "rank"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut rows = Vec::with_capacity(res.n_units() * all.len());
    for u in 0..res.n_units() {
        for &n in &all {
            rows.push(vec![
                res.units[u].clone(),
                fw.nodes()[n].code.clone(),
                fw.nodes()[n].level.to_string(),
                fmt_num(res.score(u, n)),
                res.rank(u, n).map_or(String::new(), |r| r.to_string()),
            ]);
        }
    }
    files.push(("scores_long.csv".into(), csv_bytes(&header, rows)?));
    let mut w = String::new();
    for line in warnings {
        let _ = writeln!(w, "{}", sanitize(line));
    }
    files.push(("warnings.txt".into(), w.into_bytes()));
    let settings =
        toml::to_string(&res.settings).map_err(|e| eyre!("cannot write settings: {e}"))?;
    files.push(("settings.toml".into(), settings.into_bytes()));
    Ok(files)
}

/// The short summary printed after a run.
pub fn summary(res: &Results, out: &Path, n_files: usize) -> String {
    let fw = &res.framework;
    let treated: Vec<&str> = res
        .treatment
        .iter()
        .filter(|t| t.treated())
        .map(|t| t.indicator.as_str())
        .collect();
    let logged = res.treatment.iter().filter(|t| t.log_applied).count();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} units, {} indicators, {} aggregates",
        res.n_units(),
        fw.indicators().len(),
        fw.aggregates_bottom_up().len()
    );
    let _ = writeln!(
        s,
        "treated indicators: {} ({} winsorised, {} log){}{}",
        treated.len(),
        treated.len() - logged,
        logged,
        if treated.is_empty() { "" } else { ": " },
        sanitize(&treated.join(", "))
    );
    if !res.warnings.is_empty() {
        let _ = writeln!(s, "warnings: {} (see warnings.txt)", res.warnings.len());
    }
    let root = (0..fw.len())
        .filter(|&i| fw.parent(i).is_none())
        .max_by_key(|&i| fw.nodes()[i].level);
    if let Some(r) = root {
        let mut top: Vec<(u32, usize)> = (0..res.n_units())
            .filter_map(|u| res.rank(u, r).map(|k| (k, u)))
            .collect();
        top.sort();
        let _ = writeln!(s, "top 5 on {}:", sanitize(&fw.nodes()[r].code));
        for (k, u) in top.into_iter().take(5) {
            let _ = writeln!(
                s,
                "  {k:>3}  {:<10} {:>7.2}",
                sanitize(&res.units[u]),
                res.score(u, r).unwrap_or_default()
            );
        }
    }
    let _ = writeln!(s, "wrote {n_files} files to {}", out.display());
    s
}
