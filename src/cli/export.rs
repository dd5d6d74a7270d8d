//! `pii export` (a self-contained profile as Markdown, HTML, CSV or JSON),
//! `pii completions` and `pii man`.
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, ValueEnum};

use super::DataArgs;
use super::output::{self, Ctx, emit, fmt_rank_of};
use super::show::{self, UnitProfile};
use crate::data::{Origin, write_atomic};
use crate::engine::explore;
use crate::text::sanitize;

/// Format of an exported profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Markdown.
    Md,
    /// One HTML file that opens offline (inline CSS, inline SVG chart).
    Html,
    /// CSV, one row per level.
    Csv,
    /// JSON.
    Json,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  pii export hue --format html -o hue-2025.html\n  \
                        pii export \"Bắc Ninh\" --format md\n  \
                        pii export hcm --year 2025 --format json -o hcm.json\n\n\
                        Files are written atomically; without -o the profile goes to stdout."
)]
pub struct ExportArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Province (name, alias or code; accents optional).
    pub province: String,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file (default: stdout).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also list the indicators that have no figure for this unit.
    #[arg(long)]
    pub all: bool,
}

pub fn run(args: ExportArgs) -> color_eyre::Result<ExitCode> {
    let ctx = Ctx::load(&args.data)?;
    let unit = ctx.unit_of_year(&args.province)?;
    let p = show::build(&ctx, unit);
    let text = match args.format {
        ExportFormat::Json => output::json_text(&show::profile_json(&ctx, &p))?,
        ExportFormat::Csv => output::csv_text(&show::profile_csv(&ctx, &p, args.all))?,
        ExportFormat::Md => markdown(&ctx, &p, args.all),
        ExportFormat::Html => html(&ctx, &p, args.all),
    };
    match &args.output {
        Some(path) => {
            write_atomic(path, text.as_bytes())
                .map_err(|e| color_eyre::eyre::eyre!("cannot write {}: {e}", path.display()))?;
            Ok(ExitCode::SUCCESS)
        }
        None => emit(&text),
    }
}

/// Distinct source URLs / citations of the listed figures, in order.
fn sources(ctx: &Ctx, p: &UnitProfile, all: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in p.rows.iter().filter(|r| show::listed(ctx, r, all)) {
        if let Some(s) = &r.source {
            for part in s.split(" ; ").map(str::trim).filter(|s| !s.is_empty()) {
                let part = sanitize(part);
                if !out.contains(&part) {
                    out.push(part);
                }
            }
        }
    }
    out
}

fn any_computed(p: &UnitProfile) -> bool {
    p.rows.iter().any(|r| {
        r.score.is_some_and(|s| s.origin == Origin::Computed)
            || r.rank.is_some_and(|s| s.origin == Origin::Computed)
    })
}

fn md_escape(s: &str) -> String {
    sanitize(s).replace('|', "\\|")
}

fn markdown(ctx: &Ctx, p: &UnitProfile, all: bool) -> String {
    let u = p.unit;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# {} — {} {}\n",
        md_escape(&u.name_vi),
        ctx.index_name(),
        ctx.year
    );
    let mut facts = vec![format!("Code: {}", md_escape(&u.code))];
    if !u.name_en.is_empty() {
        facts.push(format!("English: {}", md_escape(&u.name_en)));
    }
    if let Some(r) = &u.region {
        facts.push(format!("Region: {}", md_escape(r)));
    }
    let _ = writeln!(s, "{}\n", facts.join(" · "));
    let _ = writeln!(
        s,
        "| Level | Score | Rank | Raw | Mark |\n|---|---:|---:|---:|---|"
    );
    for r in p.rows.iter().filter(|r| show::listed(ctx, r, all)) {
        let _ = writeln!(
            s,
            "| {}{} | {} | {} | {} | {} |",
            "&nbsp;&nbsp;".repeat(r.depth),
            md_escape(&ctx.node_label(&r.node)),
            ctx.score(r.score),
            fmt_rank_of(r.rank, r.of),
            output::fmt_raw(r.raw),
            match r.mark {
                Some(explore::Mark::Strength) => "strength",
                Some(explore::Mark::Weakness) => "weakness",
                None => "",
            }
        );
    }
    s.push_str("\nn/p = not published; — = rank not known.");
    if any_computed(p) {
        let _ = write!(s, " {}.", ctx.computed_legend());
    }
    s.push_str("\n\n");
    for l in show::marks_lines(ctx, p) {
        let _ = writeln!(s, "{}\n", md_escape(&l));
    }
    if !p.history.is_empty() {
        let _ = writeln!(
            s,
            "## History ({})\n\n| Year | Unit | Score | Rank |\n|---|---|---:|---:|",
            md_escape(&ctx.node_label(&p.root))
        );
        for h in &p.history {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                h.year,
                md_escape(&ctx.name(&h.unit)),
                ctx.score(h.score),
                fmt_rank_of(h.rank, h.of)
            );
        }
        s.push('\n');
    }
    let lineage = show::lineage_lines(ctx, p);
    if !lineage.is_empty() {
        s.push_str("## Lineage\n\n");
        for l in lineage {
            let _ = writeln!(s, "- {}", md_escape(&l));
        }
        s.push('\n');
    }
    let src = sources(ctx, p, all);
    if !src.is_empty() {
        s.push_str("## Sources\n\n");
        for x in src {
            let _ = writeln!(s, "- <{}>", x.replace('>', "%3E"));
        }
        s.push('\n');
    }
    let _ = writeln!(s, "_{}_", md_escape(&provenance(ctx)));
    s
}

fn provenance(ctx: &Ctx) -> String {
    let m = &ctx.ds.meta;
    let mut parts = vec![format!("Generated by pii {}", env!("CARGO_PKG_VERSION"))];
    if !m.name.is_empty() {
        parts.push(format!("dataset: {}", m.name));
    }
    if !m.licence.is_empty() {
        parts.push(format!("licence: {}", m.licence));
    }
    sanitize(&parts.join(" · "))
}

/// Escape text for HTML (element content and attribute values).
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in sanitize(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Inline SVG bar chart of the pillars (0–100); missing pillars are written
/// "not published" instead of a bar.
fn pillar_svg(ctx: &Ctx, p: &UnitProfile) -> String {
    let pillars = explore::pillars(&ctx.ds);
    if pillars.is_empty() {
        return String::new();
    }
    let (label_w, bar_w, row_h) = (330.0_f64, 380.0_f64, 26.0_f64);
    let h = row_h * pillars.len() as f64 + 30.0;
    let w = label_w + bar_w + 70.0;
    let mut s = format!(
        "<svg role=\"img\" aria-label=\"Pillar scores\" \
         width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\n"
    );
    // Scale: 0, 50, 100.
    for t in [0.0, 50.0, 100.0] {
        let x = label_w + bar_w * t / 100.0;
        let _ = writeln!(
            s,
            "<line x1=\"{x}\" y1=\"4\" x2=\"{x}\" y2=\"{}\" stroke=\"#ccc\"/><text x=\"{x}\" y=\"{}\" \
             font-size=\"11\" text-anchor=\"middle\" fill=\"#666\">{t}</text>",
            h - 22.0,
            h - 8.0
        );
    }
    for (i, n) in pillars.iter().enumerate() {
        let y = 6.0 + row_h * i as f64;
        let row = p.rows.iter().find(|r| r.node == n.code);
        let label = html_escape(&output::truncate(&ctx.node_label(&n.code), 40));
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"13\" text-anchor=\"end\">{label}</text>",
            label_w - 8.0,
            y + 15.0
        );
        match row.and_then(|r| r.score) {
            Some(f) if f.value.is_finite() => {
                let v = f.value.clamp(0.0, 100.0);
                let fill = if f.origin == Origin::Computed {
                    "#9bb8d8"
                } else {
                    "#2f6db5"
                };
                let _ = writeln!(
                    s,
                    "<rect x=\"{label_w}\" y=\"{y}\" width=\"{:.2}\" height=\"{}\" fill=\"{fill}\"/>\
                     <text x=\"{:.2}\" y=\"{}\" font-size=\"12\">{}</text>",
                    bar_w * v / 100.0,
                    row_h - 8.0,
                    label_w + bar_w * v / 100.0 + 5.0,
                    y + 14.0,
                    html_escape(&ctx.score(Some(f)))
                );
            }
            _ => {
                let _ = writeln!(
                    s,
                    "<text x=\"{}\" y=\"{}\" font-size=\"12\" font-style=\"italic\" fill=\"#888\">not published</text>",
                    label_w + 5.0,
                    y + 14.0
                );
            }
        }
    }
    s.push_str("</svg>\n");
    s
}

fn html(ctx: &Ctx, p: &UnitProfile, all: bool) -> String {
    let u = p.unit;
    let title = format!("{} — {} {}", u.name_vi, ctx.index_name(), ctx.year);
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n\
         body{{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}}\n\
         table{{border-collapse:collapse;margin:1rem 0}}td,th{{padding:.25rem .6rem;border-bottom:1px solid #ddd}}\n\
         td.num,th.num{{text-align:right;font-variant-numeric:tabular-nums}}.np{{color:#888;font-style:italic}}\n\
         .strength{{color:#1a7f37}}.weakness{{color:#b42318}}.muted{{color:#666;font-size:.9rem}}\n\
         </style>\n</head>\n<body>\n<h1>{}</h1>\n",
        html_escape(&title),
        html_escape(&title)
    );
    let mut facts = vec![format!("Code {}", html_escape(&u.code))];
    if !u.name_en.is_empty() {
        facts.push(html_escape(&u.name_en));
    }
    if let Some(r) = &u.region {
        facts.push(format!("Region: {}", html_escape(r)));
    }
    let _ = writeln!(s, "<p>{}</p>", facts.join(" · "));
    let chart = pillar_svg(ctx, p);
    if !chart.is_empty() {
        s.push_str("<h2>Pillars</h2>\n");
        s.push_str(&chart);
    }
    s.push_str(
        "<h2>Every level</h2>\n<table>\n<tr><th>Level</th><th class=\"num\">Score</th>\
         <th class=\"num\">Rank</th><th class=\"num\">Raw</th><th>Mark</th></tr>\n",
    );
    for r in p.rows.iter().filter(|r| show::listed(ctx, r, all)) {
        let score = ctx.score(r.score);
        let cls = if r.score.is_none() { " np" } else { "" };
        let mark = match r.mark {
            Some(explore::Mark::Strength) => "<span class=\"strength\">strength</span>",
            Some(explore::Mark::Weakness) => "<span class=\"weakness\">weakness</span>",
            None => "",
        };
        let _ = writeln!(
            s,
            "<tr><td style=\"padding-left:{:.1}rem\">{}</td><td class=\"num{cls}\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td>{mark}</td></tr>",
            0.6 + 1.2 * r.depth as f64,
            html_escape(&ctx.node_label(&r.node)),
            html_escape(&score),
            html_escape(&fmt_rank_of(r.rank, r.of)),
            output::fmt_raw(r.raw),
        );
    }
    s.push_str("</table>\n<p class=\"muted\">n/p = not published; — = rank not known.");
    if any_computed(p) {
        let _ = write!(s, " {}.", html_escape(ctx.computed_legend()));
    }
    s.push_str("</p>\n");
    for l in show::marks_lines(ctx, p) {
        let _ = writeln!(s, "<p>{}</p>", html_escape(&l));
    }
    if !p.history.is_empty() {
        let _ = writeln!(
            s,
            "<h2>History ({})</h2>\n<table>\n<tr><th>Year</th><th>Unit</th><th class=\"num\">Score</th><th class=\"num\">Rank</th></tr>",
            html_escape(&ctx.node_label(&p.root))
        );
        for h in &p.history {
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                h.year,
                html_escape(&ctx.name(&h.unit)),
                html_escape(&ctx.score(h.score)),
                html_escape(&fmt_rank_of(h.rank, h.of))
            );
        }
        s.push_str("</table>\n");
    }
    let lineage = show::lineage_lines(ctx, p);
    if !lineage.is_empty() {
        s.push_str("<h2>Lineage</h2>\n<ul>\n");
        for l in lineage {
            let _ = writeln!(s, "<li>{}</li>", html_escape(&l));
        }
        s.push_str("</ul>\n");
    }
    let src = sources(ctx, p, all);
    if !src.is_empty() {
        s.push_str("<h2>Sources</h2>\n<ol>\n");
        for x in src {
            if x.starts_with("http://") || x.starts_with("https://") {
                let e = html_escape(&x);
                let _ = writeln!(s, "<li><a href=\"{e}\">{e}</a></li>");
            } else {
                let _ = writeln!(s, "<li>{}</li>", html_escape(&x));
            }
        }
        s.push_str("</ol>\n");
    }
    let _ = writeln!(
        s,
        "<p class=\"muted\">{}</p>\n</body>\n</html>",
        html_escape(&provenance(ctx))
    );
    s
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  pii completions bash > ~/.local/share/bash-completion/completions/pii\n  \
                        pii completions zsh > ~/.zfunc/_pii\n  \
                        pii completions fish > ~/.config/fish/completions/pii.fish"
)]
pub struct CompletionsArgs {
    /// Shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn completions(args: CompletionsArgs) -> color_eyre::Result<ExitCode> {
    let mut cmd = super::Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "pii", &mut buf);
    emit(&String::from_utf8_lossy(&buf))
}

pub fn man() -> color_eyre::Result<ExitCode> {
    let cmd = super::Cli::command();
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut buf)?;
    emit(&String::from_utf8_lossy(&buf))
}
