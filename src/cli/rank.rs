//! `pii rank`: the ranking of a year with rank changes since the previous year.
use std::process::ExitCode;

use clap::Args;
use serde_json::json;

use super::DataArgs;
use super::output::{
    self, Align, Cell, Ctx, Format, Style, TextTable, change_json, emit, fmt_rank,
};
use crate::engine::explore;
use crate::text::{fold, sanitize};

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  pii rank\n  pii rank --year 2024 --top 10\n  \
                        pii rank --by P1 --format csv\n  pii rank --region \"Đông Nam Bộ\" --year 2023"
)]
pub struct RankArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Rank on this framework node (code such as P1, INPUT; default: the index).
    #[arg(long, value_name = "NODE")]
    pub by: Option<String>,
    /// Only units of this region (name, accents optional).
    #[arg(long, value_name = "R")]
    pub region: Option<String>,
    /// Only the first N rows.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub fn run(args: RankArgs) -> color_eyre::Result<ExitCode> {
    let ctx = Ctx::load(&args.data)?;
    let node = ctx.node(args.by.as_deref())?.clone();
    let mut rows = explore::ranking(&ctx.ds, ctx.year, &node.code);
    if let Some(r) = &args.region {
        let q = fold(r);
        rows.retain(|row| {
            ctx.ds.unit(&row.unit).is_some_and(|u| {
                [&u.region, &u.region_en]
                    .into_iter()
                    .flatten()
                    .any(|reg| fold(reg).contains(&q))
            })
        });
        if rows.is_empty() {
            return output::usage(format!(
                "no unit of {} is in a region matching {:?}",
                ctx.year,
                sanitize(r)
            ));
        }
    }
    if let Some(n) = args.top {
        rows.truncate(n);
    }
    let region = |code: &str| {
        ctx.ds
            .unit(code)
            .and_then(|u| u.region.clone())
            .unwrap_or_default()
    };
    let text = match args.format {
        Format::Json => output::json_text(&json!({
            "index": ctx.index_name(),
            "year": ctx.year,
            "node": node.code,
            "previous_year": ctx.ds.previous_year(ctx.year),
            "coverage": coverage_json(&ctx),
            "rows": rows.iter().map(|r| {
                let u = ctx.ds.unit(&r.unit);
                json!({
                    "rank": r.rank.map(|f| f.value),
                    "rank_origin": r.rank.map(|f| f.origin),
                    "rank_bounds": r.rank_bounds.map(|(a, b)| [a, b]),
                    "code": sanitize(&r.unit),
                    "name_vi": ctx.name(&r.unit),
                    "name_en": u.map(|u| sanitize(&u.name_en)),
                    "score": r.score.map(|f| f.value),
                    "score_origin": r.score.map(|f| f.origin),
                    "region": u.and_then(|u| u.region.as_deref()).map(sanitize),
                    "change": change_json(&r.change),
                })
            }).collect::<Vec<_>>(),
        }))?,
        Format::Csv => {
            let mut t = vec![
                [
                    "rank",
                    "rank_origin",
                    "rank_bounds",
                    "change",
                    "code",
                    "name_vi",
                    "name_en",
                    "score",
                    "score_origin",
                    "region",
                ]
                .map(String::from)
                .to_vec(),
            ];
            for r in &rows {
                t.push(vec![
                    output::csv_rank(r.rank),
                    output::origin_text(r.rank).into(),
                    r.rank_bounds
                        .map_or_else(String::new, |(a, b)| format!("{a}-{b}")),
                    r.change.label(&r.unit, false, false),
                    r.unit.clone(),
                    ctx.name(&r.unit),
                    ctx.ds
                        .unit(&r.unit)
                        .map_or_else(String::new, |u| u.name_en.clone()),
                    output::csv_num(r.score),
                    output::origin_text(r.score).into(),
                    region(&r.unit),
                ]);
            }
            output::csv_text(&t)?
        }
        Format::Table => {
            let mut out = String::new();
            let title = format!(
                "{} {} — {}{}",
                ctx.index_name(),
                ctx.year,
                ctx.node_title(&node.code),
                match ctx.ds.previous_year(ctx.year) {
                    Some(p) => format!(" (change since {p})"),
                    None => String::new(),
                }
            );
            out.push_str(&ctx.heading(&sanitize(&title)));
            out.push('\n');
            let mut t = TextTable::new(
                &["Rank", "Change", ctx.unit_word(), "Score", "Region"],
                &[
                    Align::Right,
                    Align::Left,
                    Align::Left,
                    Align::Right,
                    Align::Left,
                ],
                &[4, 1, 2],
            )
            .optional(&[1, 4]);
            // What the table shows, for a legend of exactly that.
            let (mut computed, mut unpublished, mut unknown) = (false, false, false);
            let mut range = None;
            for r in &rows {
                let score = ctx.score(r.score);
                let rank = fmt_rank(r.rank, r.rank_bounds);
                let change = r.change.label(&r.unit, false, false);
                computed |= score.contains('*') || rank.contains('*') || change.contains('*');
                unpublished |= r.score.is_none();
                unknown |= rank == "—" || change.contains('—');
                if range.is_none() && r.rank.is_none() && r.rank_bounds.is_some() {
                    range = Some(rank.clone());
                }
                let score_style = if r.score.is_none() {
                    Style::Dim
                } else {
                    Style::Plain
                };
                t.push(vec![
                    Cell::new(rank),
                    Cell::styled(change, output::change_style(&r.change)),
                    Cell::new(ctx.name(&r.unit)),
                    Cell::styled(score, score_style),
                    Cell::new(region(&r.unit)),
                ]);
            }
            out.push_str(&t.render(ctx.width, ctx.color));
            out.push_str(&ctx.note(&output::coverage_line_of(&ctx.ds, ctx.year, &node.code)));
            let mut legend = Vec::new();
            if unpublished {
                legend.push("n/p = not published".to_string());
            }
            if unknown {
                legend.push("— = rank not known".to_string());
            }
            if let Some(range) = range {
                legend.push(format!("{range} = range the rank must lie in"));
            }
            if !legend.is_empty() {
                out.push_str(&ctx.note(&legend.join("; ")));
            }
            if computed {
                out.push_str(&ctx.note(ctx.computed_legend()));
            }
            if rows
                .iter()
                .any(|r| matches!(r.change, explore::RankChange::Merged(_)))
            {
                out.push_str(&ctx.note(
                    "Across the boundary change, units are compared with the units they continue (previous rank out of the previous year's units), never by a bare difference.",
                ));
            }
            out
        }
    };
    emit(&text)
}

/// Coverage of the command's year as JSON.
pub fn coverage_json(ctx: &Ctx) -> serde_json::Value {
    let c = explore::coverage(&ctx.ds, ctx.year);
    json!({
        "units": c.units,
        "scores_published": c.scores_published,
        "ranks_published": c.ranks_published,
        "scores_computed": c.scores_computed,
        "ranks_computed": c.ranks_computed,
    })
}
