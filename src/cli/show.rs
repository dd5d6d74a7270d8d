//! `pii show`: a unit's profile: every level, strengths and weaknesses, rank
//! history, predecessors or successor across the merger.
use std::process::ExitCode;

use clap::Args;
use serde_json::json;

use super::DataArgs;
use super::output::{self, Align, Cell, Ctx, Format, Style, TextTable, emit, fmt_rank_of};
use crate::data::{Origin, Unit};
use crate::engine::explore::{self, Mark, ProfileRow};
use crate::text::sanitize;

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  pii show hue\n  pii show \"TP HCM\" --year 2025\n  \
                        pii show \"Bắc Giang\" --year 2024 --format json\n\n\
                        PROVINCE is matched by name, alias or code, accents and case optional."
)]
pub struct ShowArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Province (name, alias or code; accents optional).
    pub province: String,
    /// Also list the indicators that have no figure for this unit.
    #[arg(long)]
    pub all: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Everything the show and export commands print about one unit.
pub struct UnitProfile<'a> {
    pub unit: &'a Unit,
    pub rows: Vec<ProfileRow>,
    pub history: Vec<explore::HistoryPoint>,
    /// Units merged into this one (with their figures in their last year).
    pub predecessors: Vec<explore::Predecessor>,
    /// The unit this one became part of.
    pub successor: Option<&'a Unit>,
    /// Root node code.
    pub root: String,
}

/// Build the profile of `unit` in the context's year.
pub fn build<'a>(ctx: &'a Ctx, unit: &'a Unit) -> UnitProfile<'a> {
    let root = ctx.ds.root().map_or_else(String::new, |r| r.code.clone());
    let rows = explore::profile(&ctx.ds, ctx.year, &unit.code);
    let history = explore::history(&ctx.ds, &unit.code, &root);
    // Predecessors in the last year each of them existed.
    let mut predecessors = Vec::new();
    for p in ctx.ds.predecessors(&unit.code) {
        let last = ctx
            .ds
            .years
            .iter()
            .rev()
            .find(|(_, yd)| yd.units.contains(&p.code))
            .map(|(y, _)| *y);
        if let Some(y) = last
            && let Some(pred) = explore::predecessors_in(&ctx.ds, y, &unit.code, &root)
                .into_iter()
                .find(|x| x.code == p.code)
        {
            predecessors.push(pred);
        }
    }
    let successor = unit
        .successor
        .as_deref()
        .filter(|s| *s != unit.code)
        .and_then(|s| ctx.ds.unit(s));
    UnitProfile {
        unit,
        rows,
        history,
        predecessors,
        successor,
        root,
    }
}

/// Whether a profile row is worth listing: levels above indicators always,
/// indicators and unplaced nodes only when the unit has a figure there.
pub fn listed(ctx: &Ctx, row: &ProfileRow, all: bool) -> bool {
    all || row.score.is_some()
        || row.rank.is_some()
        || row.raw.is_some()
        || (explore::is_placed(&ctx.ds, &row.node)
            && ctx.ds.node(&row.node).is_some_and(|n| !n.is_indicator()))
}

fn mark_text(m: Option<Mark>) -> &'static str {
    match m {
        Some(Mark::Strength) => "strength",
        Some(Mark::Weakness) => "weakness",
        None => "",
    }
}

/// JSON form of a profile (shared by `show` and `export`).
pub fn profile_json(ctx: &Ctx, p: &UnitProfile) -> serde_json::Value {
    json!({
        "index": ctx.index_name(),
        "year": ctx.year,
        "unit": {
            "code": sanitize(&p.unit.code),
            "name_vi": sanitize(&p.unit.name_vi),
            "name_en": sanitize(&p.unit.name_en),
            "region": p.unit.region.as_deref().map(sanitize),
            "successor": p.successor.map(|s| sanitize(&s.code)),
        },
        "levels": p.rows.iter().map(|r| {
            let n = ctx.ds.node(&r.node);
            json!({
                "node": sanitize(&r.node),
                "name_vi": n.map(|n| sanitize(&n.name_vi)),
                "name_en": n.map(|n| sanitize(&n.name_en)),
                "depth": r.depth,
                "placed": explore::is_placed(&ctx.ds, &r.node),
                "score": r.score.map(|f| f.value),
                "score_origin": r.score.map(|f| f.origin),
                "rank": r.rank.map(|f| f.value),
                "rank_origin": r.rank.map(|f| f.origin),
                "of": r.of,
                "raw": r.raw,
                "mark": r.mark.map(|m| mark_text(Some(m))),
                "source": r.source.as_deref().map(sanitize),
            })
        }).collect::<Vec<_>>(),
        "history": p.history.iter().map(|h| json!({
            "year": h.year,
            "code": sanitize(&h.unit),
            "name_vi": ctx.name(&h.unit),
            "score": h.score.map(|f| f.value),
            "score_origin": h.score.map(|f| f.origin),
            "rank": h.rank.map(|f| f.value),
            "rank_origin": h.rank.map(|f| f.origin),
            "of": h.of,
        })).collect::<Vec<_>>(),
        "predecessors": p.predecessors.iter().map(|x| json!({
            "code": sanitize(&x.code),
            "name_vi": sanitize(&x.name_vi),
            "year": x.year,
            "score": x.score.map(|f| f.value),
            "rank": x.rank.map(|f| f.value),
            "of": x.of,
        })).collect::<Vec<_>>(),
    })
}

/// CSV rows of a profile (shared by `show` and `export`).
pub fn profile_csv(ctx: &Ctx, p: &UnitProfile, all: bool) -> Vec<Vec<String>> {
    let mut t = vec![
        [
            "year",
            "code",
            "name_vi",
            "node",
            "node_name",
            "depth",
            "score",
            "score_origin",
            "rank",
            "rank_origin",
            "of",
            "raw",
            "mark",
            "source",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for r in p.rows.iter().filter(|r| listed(ctx, r, all)) {
        t.push(vec![
            ctx.year.to_string(),
            p.unit.code.clone(),
            p.unit.name_vi.clone(),
            r.node.clone(),
            ctx.ds
                .node(&r.node)
                .map_or_else(String::new, |n| n.name_vi.clone()),
            r.depth.to_string(),
            output::csv_num(r.score),
            output::origin_text(r.score).into(),
            output::csv_rank(r.rank),
            output::origin_text(r.rank).into(),
            if r.of > 0 {
                r.of.to_string()
            } else {
                String::new()
            },
            r.raw.map_or_else(String::new, |v| v.to_string()),
            mark_text(r.mark).into(),
            r.source.clone().unwrap_or_default(),
        ]);
    }
    t
}

/// Lines about the unit's lineage across boundary changes (plain text).
pub fn lineage_lines(ctx: &Ctx, p: &UnitProfile) -> Vec<String> {
    let mut out = Vec::new();
    if !p.predecessors.is_empty() {
        let parts: Vec<String> = p
            .predecessors
            .iter()
            .map(|x| {
                format!(
                    "{} ({} {}, rank {})",
                    sanitize(&x.name_vi),
                    x.year,
                    ctx.score(x.score),
                    fmt_rank_of(x.rank, x.of)
                )
            })
            .collect();
        out.push(format!("Formed from: {}", parts.join("; ")));
    }
    if let Some(s) = p.successor {
        let first = ctx
            .ds
            .years
            .iter()
            .find(|(_, yd)| yd.units.contains(&s.code))
            .map(|(y, _)| format!(" from {y}"))
            .unwrap_or_default();
        out.push(format!(
            "Merged into {}{first} (see `pii show {}`)",
            sanitize(&s.name_vi),
            sanitize(&s.code)
        ));
    }
    out
}

/// Strength / weakness summary lines.
pub fn marks_lines(ctx: &Ctx, p: &UnitProfile) -> Vec<String> {
    let list = |m: Mark| -> Vec<String> {
        p.rows
            .iter()
            .filter(|r| r.mark == Some(m))
            .map(|r| ctx.node_label(&r.node))
            .collect()
    };
    let (s, w) = (list(Mark::Strength), list(Mark::Weakness));
    if s.is_empty() && w.is_empty() {
        return vec![
            "Strengths/weaknesses: none can be computed from the published figures.".into(),
        ];
    }
    let mut out = Vec::new();
    if !s.is_empty() {
        out.push(format!("Strengths: {}", s.join("; ")));
    }
    if !w.is_empty() {
        out.push(format!("Weaknesses: {}", w.join("; ")));
    }
    out
}

pub fn run(args: ShowArgs) -> color_eyre::Result<ExitCode> {
    let ctx = Ctx::load(&args.data)?;
    let unit = ctx.unit(&args.province)?;
    let p = build(&ctx, unit);
    let text = match args.format {
        Format::Json => output::json_text(&profile_json(&ctx, &p))?,
        Format::Csv => output::csv_text(&profile_csv(&ctx, &p, args.all))?,
        Format::Table => table(&ctx, &p, args.all),
    };
    emit(&text)
}

fn table(ctx: &Ctx, p: &UnitProfile, all: bool) -> String {
    let mut out = String::new();
    let u = p.unit;
    let mut title = format!(
        "{} — {} {}",
        sanitize(&u.name_vi),
        ctx.index_name(),
        ctx.year
    );
    if u.name_en != u.name_vi && !u.name_en.is_empty() {
        title = format!(
            "{} ({}) — {} {}",
            sanitize(&u.name_vi),
            sanitize(&u.name_en),
            ctx.index_name(),
            ctx.year
        );
    }
    out.push_str(&ctx.heading(&title));
    out.push('\n');
    let mut facts = vec![format!("code {}", sanitize(&u.code))];
    if let Some(r) = &u.region {
        facts.push(format!("region {}", sanitize(r)));
    }
    let exists = ctx
        .ds
        .year(ctx.year)
        .is_some_and(|y| y.units.contains(&u.code));
    if !exists {
        facts.push(format!("not a unit of {}", ctx.year));
    }
    out.push_str(&ctx.note(&facts.join(" · ")));
    let mut lines = lineage_lines(ctx, p);
    if exists {
        out.push('\n');
        let mut t = TextTable::new(
            &["Level", "Score", "Rank", "Raw", "Mark"],
            &[
                Align::Left,
                Align::Right,
                Align::Right,
                Align::Right,
                Align::Left,
            ],
            &[0],
        )
        .optional(&[3, 4]);
        let mut hidden = 0;
        let mut computed = false;
        let mut unplaced_header = false;
        for r in &p.rows {
            if !listed(ctx, r, all) {
                hidden += 1;
                continue;
            }
            if !explore::is_placed(&ctx.ds, &r.node) && !unplaced_header {
                unplaced_header = true;
                t.push(vec![Cell::styled(
                    "(not placed in the published tree)",
                    Style::Dim,
                )]);
            }
            computed |= r.score.is_some_and(|s| s.origin == Origin::Computed)
                || r.rank.is_some_and(|s| s.origin == Origin::Computed);
            let label = format!("{}{}", "  ".repeat(r.depth), ctx.node_label(&r.node));
            t.push(vec![
                Cell::styled(
                    label,
                    if r.depth == 0 {
                        Style::Bold
                    } else {
                        Style::Plain
                    },
                ),
                Cell::styled(
                    ctx.score(r.score),
                    if r.score.is_none() {
                        Style::Dim
                    } else {
                        Style::Plain
                    },
                ),
                Cell::new(fmt_rank_of(r.rank, r.of)),
                Cell::new(output::fmt_raw(r.raw)),
                Cell::styled(
                    mark_text(r.mark),
                    match r.mark {
                        Some(Mark::Strength) => Style::Green,
                        Some(Mark::Weakness) => Style::Red,
                        None => Style::Plain,
                    },
                ),
            ]);
        }
        out.push_str(&t.render(ctx.width, ctx.color));
        if hidden > 0 {
            out.push_str(&ctx.note(&format!(
                "{hidden} indicators without a figure for this unit are not listed (--all lists them)."
            )));
        }
        out.push_str(&ctx.note("n/p = not published; — = rank not known"));
        if computed {
            out.push_str(&ctx.note(ctx.computed_legend()));
        }
        out.push('\n');
        for l in marks_lines(ctx, p) {
            out.push_str(&ctx.note(&l));
        }
    }
    if !p.history.is_empty() {
        out.push('\n');
        out.push_str(&ctx.heading(&format!("History ({})", ctx.node_label(&p.root))));
        out.push('\n');
        let mut t = TextTable::new(
            &["Year", "Unit", "Score", "Rank"],
            &[Align::Left, Align::Left, Align::Right, Align::Right],
            &[1],
        );
        for h in &p.history {
            t.push(vec![
                Cell::new(h.year.to_string()),
                Cell::new(ctx.name(&h.unit)),
                Cell::new(ctx.score(h.score)),
                Cell::new(fmt_rank_of(h.rank, h.of)),
            ]);
        }
        out.push_str(&t.render(ctx.width, ctx.color));
    }
    if !lines.is_empty() {
        out.push('\n');
        for l in lines.drain(..) {
            out.push_str(&ctx.note(&l));
        }
    }
    out
}
