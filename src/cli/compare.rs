//! `pii compare`: two units side by side at every level, with each pillar's
//! share of the gap in the index.
use std::process::ExitCode;

use clap::Args;
use serde_json::json;

use super::DataArgs;
use super::output::{self, Align, Cell, Ctx, Format, Style, TextTable, emit};
use crate::data::Origin;
use crate::engine::explore::{self, CompareRow};
use crate::text::sanitize;

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  pii compare \"Hà Nội\" hue\n  \
                        pii compare hcm \"Hai Phong\" --year 2025 --format json\n\n\
                        The share of the gap is each pillar's weighted difference divided by the \
                        sum over all pillars; it is shown only when every pillar score of both \
                        units is known.")]
pub struct CompareArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// First province (name, alias or code).
    pub a: String,
    /// Second province.
    pub b: String,
    /// Also list indicators without a figure for either unit.
    #[arg(long)]
    pub all: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

fn listed(ctx: &Ctx, r: &CompareRow, all: bool) -> bool {
    all || r.a.is_some()
        || r.b.is_some()
        || r.rank_a.is_some()
        || r.rank_b.is_some()
        || (explore::is_placed(&ctx.ds, &r.node)
            && ctx.ds.node(&r.node).is_some_and(|n| !n.is_indicator()))
}

pub fn run(args: CompareArgs) -> color_eyre::Result<ExitCode> {
    let ctx = Ctx::load(&args.data)?;
    let a = ctx.unit_of_year(&args.a)?;
    let b = ctx.unit_of_year(&args.b)?;
    let rows = explore::compare(&ctx.ds, ctx.year, &a.code, &b.code);
    let of = |node: &str| explore::ranked_of(&ctx.ds, ctx.year, node);
    let d = ctx.decimals();
    let text = match args.format {
        Format::Json => output::json_text(&json!({
            "index": ctx.index_name(),
            "year": ctx.year,
            "a": {"code": sanitize(&a.code), "name_vi": sanitize(&a.name_vi)},
            "b": {"code": sanitize(&b.code), "name_vi": sanitize(&b.name_vi)},
            "levels": rows.iter().map(|r| json!({
                "node": sanitize(&r.node),
                "depth": r.depth,
                "a": r.a.map(|f| f.value),
                "a_origin": r.a.map(|f| f.origin),
                "b": r.b.map(|f| f.value),
                "b_origin": r.b.map(|f| f.origin),
                "rank_a": r.rank_a.map(|f| f.value),
                "rank_b": r.rank_b.map(|f| f.value),
                "of": of(&r.node),
                "diff": r.diff.map(output::denoise),
                "share_of_gap": r.share_of_gap.map(output::denoise),
            })).collect::<Vec<_>>(),
        }))?,
        Format::Csv => {
            let mut t = vec![
                [
                    "year",
                    "node",
                    "depth",
                    "a_code",
                    "a_score",
                    "a_rank",
                    "b_code",
                    "b_score",
                    "b_rank",
                    "diff",
                    "share_of_gap",
                ]
                .map(String::from)
                .to_vec(),
            ];
            for r in rows.iter().filter(|r| listed(&ctx, r, args.all)) {
                t.push(vec![
                    ctx.year.to_string(),
                    r.node.clone(),
                    r.depth.to_string(),
                    a.code.clone(),
                    output::csv_num(r.a),
                    output::csv_rank(r.rank_a),
                    b.code.clone(),
                    output::csv_num(r.b),
                    output::csv_rank(r.rank_b),
                    r.diff
                        .map_or_else(String::new, |v| output::denoise(v).to_string()),
                    r.share_of_gap
                        .map_or_else(String::new, |v| output::denoise(v).to_string()),
                ]);
            }
            output::csv_text(&t)?
        }
        Format::Table => {
            let mut out = String::new();
            out.push_str(&ctx.heading(&format!(
                "{} vs {} — {} {}",
                sanitize(&a.name_vi),
                sanitize(&b.name_vi),
                ctx.index_name(),
                ctx.year
            )));
            out.push('\n');
            let ha = output::truncate(&sanitize(&a.name_vi), 16);
            let hb = output::truncate(&sanitize(&b.name_vi), 16);
            let mut t = TextTable::new(
                &["Level", &ha, "Rank", &hb, "Rank", "Diff", "Share of gap"],
                &[
                    Align::Left,
                    Align::Right,
                    Align::Right,
                    Align::Right,
                    Align::Right,
                    Align::Right,
                    Align::Right,
                ],
                &[0],
            )
            .optional(&[6]);
            let mut computed = false;
            let mut hidden = 0;
            for r in &rows {
                if !listed(&ctx, r, args.all) {
                    hidden += 1;
                    continue;
                }
                computed |= [r.a, r.b]
                    .iter()
                    .flatten()
                    .any(|f| f.origin == Origin::Computed);
                let diff_style = match r.diff {
                    Some(x) if x > 0.0 => Style::Green,
                    Some(x) if x < 0.0 => Style::Red,
                    _ => Style::Dim,
                };
                t.push(vec![
                    Cell::new(format!(
                        "{}{}",
                        "  ".repeat(r.depth),
                        ctx.node_label(&r.node)
                    )),
                    Cell::new(ctx.score(r.a)),
                    Cell::new(output::fmt_rank(r.rank_a, None)),
                    Cell::new(ctx.score(r.b)),
                    Cell::new(output::fmt_rank(r.rank_b, None)),
                    Cell::styled(
                        r.diff
                            .map_or_else(|| "—".to_string(), |x| format!("{x:+.d$}")),
                        diff_style,
                    ),
                    Cell::new(
                        r.share_of_gap
                            .map_or_else(String::new, |s| format!("{:.0}%", s * 100.0)),
                    ),
                ]);
            }
            out.push_str(&t.render(ctx.width, ctx.color));
            if hidden > 0 {
                out.push_str(&ctx.note(&format!(
                    "{hidden} indicators without a figure for either unit are not listed (--all lists them)."
                )));
            }
            out.push_str(
                &ctx.note("n/p = not published; Diff = first − second; — = not both known"),
            );
            if computed {
                out.push_str(&ctx.note(ctx.computed_legend()));
            }
            if rows.iter().all(|r| r.share_of_gap.is_none()) {
                out.push_str(&ctx.note(
                    "Share of gap: not computable — some pillar scores of these units are not published.",
                ));
            }
            out
        }
    };
    emit(&text)
}
