//! `pii changes`: the movers between two years (rises, falls; across the
//! merger, units compared with their predecessors).
use std::process::ExitCode;

use clap::Args;
use serde_json::json;

use super::DataArgs;
use super::output::{self, Align, Cell, Ctx, Format, TextTable, emit};
use crate::engine::explore::{self, Mover, RankChange};
use crate::text::sanitize;

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  pii changes\n  pii changes --from 2023 --to 2024 --top 5\n  \
                        pii changes --format json\n\n\
                        Across the 2025 merger (63 provinces → 34 units) no bare rank difference \
                        is shown: each new unit is listed with the ranks of the provinces it continues."
)]
pub struct ChangesArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// First year (default: the year before --to).
    #[arg(long, value_name = "Y1")]
    pub from: Option<u16>,
    /// Second year (default: --year, else the latest).
    #[arg(long, value_name = "Y2")]
    pub to: Option<u16>,
    /// Rank on this framework node (default: the index).
    #[arg(long, value_name = "NODE")]
    pub by: Option<String>,
    /// At most N risers and N fallers.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub fn run(args: ChangesArgs) -> color_eyre::Result<ExitCode> {
    let mut data = args.data.clone();
    if let Some(to) = args.to {
        data.year = Some(to);
    }
    let ctx = Ctx::load(&data)?;
    let to = ctx.year;
    let from = match args.from {
        Some(f) => {
            output::check_year(&ctx.ds, f)?;
            f
        }
        None => match ctx.ds.previous_year(to) {
            Some(f) => f,
            None => return output::usage(format!("no year before {to} in the dataset")),
        },
    };
    if from >= to {
        return output::usage(format!("--from {from} must be before --to {to}"));
    }
    let node = ctx.node(args.by.as_deref())?.clone();
    let all = explore::movers(&ctx.ds, from, to, &node.code);
    let top = args.top.unwrap_or(usize::MAX);
    let pick = |f: fn(&RankChange) -> bool| -> Vec<&Mover> {
        all.iter().filter(|m| f(&m.change)).take(top).collect()
    };
    let up = pick(|c| matches!(c, RankChange::Up(_)));
    let down = pick(|c| matches!(c, RankChange::Down(_)));
    let same = pick(|c| matches!(c, RankChange::Same));
    let merged = pick(|c| matches!(c, RankChange::Merged(_)));
    let mover_json = |m: &Mover| {
        json!({
            "code": sanitize(&m.unit),
            "name_vi": ctx.name(&m.unit),
            "from": m.from.map(|f| f.value),
            "to": m.to.map(|f| f.value),
            "change": output::change_json(&m.change),
        })
    };
    let text =
        match args.format {
            Format::Json => output::json_text(&json!({
                "index": ctx.index_name(),
                "node": node.code,
                "from": from,
                "to": to,
                "crosses_boundary": explore::crosses_boundary(&ctx.ds, from, to),
                "risers": up.iter().map(|m| mover_json(m)).collect::<Vec<_>>(),
                "fallers": down.iter().map(|m| mover_json(m)).collect::<Vec<_>>(),
                "unchanged": same.iter().map(|m| mover_json(m)).collect::<Vec<_>>(),
                "merged": merged.iter().map(|m| mover_json(m)).collect::<Vec<_>>(),
            }))?,
            Format::Csv => {
                let mut t = vec![
                    [
                        "from_year",
                        "to_year",
                        "code",
                        "name_vi",
                        "from_rank",
                        "to_rank",
                        "change",
                    ]
                    .map(String::from)
                    .to_vec(),
                ];
                for m in up.iter().chain(&down).chain(&same).chain(&merged) {
                    t.push(vec![
                        from.to_string(),
                        to.to_string(),
                        m.unit.clone(),
                        ctx.name(&m.unit),
                        output::csv_rank(m.from),
                        output::csv_rank(m.to),
                        m.change.label(&m.unit, false, false),
                    ]);
                }
                output::csv_text(&t)?
            }
            Format::Table => {
                let mut out = String::new();
                out.push_str(&ctx.heading(&format!(
                    "{} {from} → {to} — {}",
                    ctx.index_name(),
                    ctx.node_title(&node.code)
                )));
                out.push('\n');
                let of_from = explore::ranked_of(&ctx.ds, from, &node.code);
                let of_to = explore::ranked_of(&ctx.ds, to, &node.code);
                let section = |out: &mut String, title: &str, list: &[&Mover]| {
                    if list.is_empty() {
                        return;
                    }
                    out.push('\n');
                    out.push_str(&ctx.heading(title));
                    out.push('\n');
                    let mut t = TextTable::new(
                        &[
                            "Change",
                            ctx.unit_word(),
                            &from.to_string(),
                            &to.to_string(),
                        ],
                        &[Align::Left, Align::Left, Align::Right, Align::Right],
                        &[1, 0],
                    );
                    for m in list {
                        t.push(vec![
                            Cell::styled(
                                m.change.label(&m.unit, false, false),
                                output::change_style(&m.change),
                            ),
                            Cell::new(ctx.name(&m.unit)),
                            Cell::new(output::fmt_rank_of(m.from, of_from)),
                            Cell::new(output::fmt_rank_of(m.to, of_to)),
                        ]);
                    }
                    out.push_str(&t.render(ctx.width, ctx.color));
                };
                section(&mut out, "Risers", &up);
                section(&mut out, "Fallers", &down);
                section(&mut out, "Unchanged", &same);
                if !merged.is_empty() {
                    out.push('\n');
                    out.push_str(&ctx.heading(
                        "Across the boundary change (compared with the units they continue)",
                    ));
                    out.push('\n');
                    let mut t = TextTable::new(
                        &[
                            &to.to_string(),
                            ctx.unit_word(),
                            &format!("continues ({from})"),
                        ],
                        &[Align::Right, Align::Left, Align::Left],
                        &[2, 1],
                    );
                    for m in &merged {
                        let RankChange::Merged(p) = &m.change else {
                            continue;
                        };
                        let parts: Vec<String> = p
                            .iter()
                            .map(|x| format!("{} {}", sanitize(&x.name_vi), x.rank_of(false)))
                            .collect();
                        t.push(vec![
                            Cell::new(output::fmt_rank_of(m.to, of_to)),
                            Cell::new(ctx.name(&m.unit)),
                            Cell::new(parts.join(", ")),
                        ]);
                    }
                    out.push_str(&t.render(ctx.width, ctx.color));
                }
                if all.is_empty() {
                    out.push_str(&format!(
                        "\nNo unit has a known rank in both {from} and {to}.\n"
                    ));
                }
                out.push('\n');
                out.push_str(&ctx.note(&output::coverage_line(&ctx.ds, from)));
                out.push_str(&ctx.note(&output::coverage_line(&ctx.ds, to)));
                out.push_str(&ctx.note("— = rank not published"));
                out
            }
        };
    emit(&text)
}
