//! The parent office's consolidated report: which units reported, each
//! unit's task statuses, the summed KPIs and what is done without evidence,
//! all from the bundles merged.

use std::collections::BTreeMap;

use super::layout::{self, Align, Cell, Layout, Style, Table};
use super::progress::{columns, header, kpi_table, number, section};
use super::{CELL, Pdf, Scope, font, new_layout};
use crate::store::bundles::MergedTask;
use crate::views::{self, Completeness};
use crate::domain::{Period, Status};
use crate::error::Result;
use crate::i18n::Lang;
use crate::workspace::Workspace;

/// Width of the unit column of the status matrix, and of each task column (mm).
const MATRIX_UNIT_W: f32 = 45.0;
const MATRIX_TASK_W: f32 = 13.0;
/// Type size of the matrix cells.
const MATRIX_CELL: f32 = 8.0;

/// The status matrix, units down and tasks across, in parts as wide as a
/// page: each part starts on a new page with the unit column repeated, and
/// its header row repeats on every page its rows run over.
fn matrix_pages(s: &Scope<'_>, l: &mut Layout<'_>, units: &[String], cells: &BTreeMap<(String, String), MergedTask>, below: Vec<&str>) {
    let units: Vec<&String> = units.iter().filter(|u| below.contains(&u.as_str())).collect();
    let tasks: Vec<&str> =
        s.ws.plan.tasks.iter().map(|t| t.code.as_str()).filter(|t| units.iter().any(|u| cells.contains_key(&(t.to_string(), u.to_string())))).collect();
    if units.is_empty() || tasks.is_empty() {
        return;
    }
    let per_part = (((l.geometry.content_width() - layout::mm(MATRIX_UNIT_W)) / layout::mm(MATRIX_TASK_W)).floor() as usize).max(1);
    let parts: Vec<&[&str]> = tasks.chunks(per_part).collect();
    let left = font(Style::Regular, MATRIX_CELL + 1.0, Align::Left);
    let centre = font(Style::Regular, MATRIX_CELL, Align::Center);
    let late = font(Style::Bold, MATRIX_CELL, Align::Center);
    let name = |code: &str| s.ws.plan.unit(code).map(|u| u.name.clone()).unwrap_or_else(|| code.to_owned());
    for (i, part) in parts.iter().enumerate() {
        l.new_page();
        let caption = s.tra(
            "report-matrix-part",
            &[("from", part[0].into()), ("to", part[part.len() - 1].into()), ("part", (i + 1).into()), ("parts", parts.len().into())],
        );
        l.para(format!("{} — {caption}", s.tr("report-cons-matrix")), font(Style::Bold, CELL + 1.0, Align::Left));
        l.gap(4.0);
        let mut header = vec![Cell::text(s.tr("report-col-unit"), font(Style::Bold, CELL, Align::Center))];
        header.extend(part.iter().map(|t| Cell::text(*t, font(Style::Bold, MATRIX_CELL, Align::Center))));
        let rows = units
            .iter()
            .map(|u| {
                let mut row = vec![Cell::text(name(u), left)];
                row.extend(part.iter().map(|t| match cells.get(&(t.to_string(), u.to_string())) {
                    Some(m) => {
                        let status = Status::parse(&m.status);
                        Cell::text(abbreviation(s, status, m.progress), if status == Some(Status::DoneLate) { late } else { centre })
                    }
                    None => Cell::text("–", centre),
                }));
                row
            })
            .collect();
        let mut widths = vec![MATRIX_UNIT_W];
        widths.extend(std::iter::repeat_n(MATRIX_TASK_W, part.len()));
        l.table(&Table { columns: columns(&widths), header, rows });
    }
    l.gap(4.0);
    l.para(s.tr("report-matrix-legend"), font(Style::Italic, MATRIX_CELL + 1.0, Align::Left));
}

/// A status as a matrix cell says it: "HT", "ĐTH 60%"…
fn abbreviation(s: &Scope<'_>, status: Option<Status>, progress: i64) -> String {
    match status {
        Some(Status::Done) => s.tr("matrix-abbr-done"),
        Some(Status::DoneLate) => s.tr("matrix-abbr-done-late"),
        Some(Status::InProgress) => s.tra("matrix-abbr-in-progress", &[("progress", progress.into())]),
        Some(Status::NotStarted) => s.tr("matrix-abbr-not-started"),
        Some(Status::NotApplicable) => s.tr("matrix-abbr-not-applicable"),
        None => "?".to_owned(),
    }
}

/// The consolidated report of the units below `unit` for `period`, in `lang`.
pub fn consolidated_pdf(ws: &Workspace, unit: &str, period: Period, lang: Lang) -> Result<Pdf> {
    let s = Scope::new(ws, unit, period, lang)?;
    let title = s.tra("report-consolidated-title", &[("period", s.period_label().into())]);
    let mut l = new_layout();
    s.heading(&mut l, &title, &[s.plan_reference()]);
    let left = font(Style::Regular, CELL, Align::Left);
    let centre = font(Style::Regular, CELL, Align::Center);
    let name = |code: &str| ws.plan.unit(code).map(|u| u.name.clone()).unwrap_or_else(|| code.to_owned());

    section(&mut l, &s.tr("report-cons-received"));
    let rows: Vec<Vec<Cell>> = views::completeness(ws, unit)?
        .into_iter()
        .map(|r| {
            let mut row = vec![Cell::text(r.name, left)];
            row.extend(r.quarters.iter().map(|c| {
                let text = match c {
                    Completeness::Received { sequence } => s.tra("report-received", &[("sequence", (*sequence).into())]),
                    Completeness::Late { sequence } => s.tra("report-received-late", &[("sequence", (*sequence).into())]),
                    Completeness::Missing => s.tr("report-missing"),
                    Completeness::NotDue => s.tr("report-not-due"),
                };
                let style = if matches!(c, Completeness::Missing | Completeness::Late { .. }) { Style::Bold } else { Style::Regular };
                Cell::text(text, font(style, CELL, Align::Center))
            }));
            row
        })
        .collect();
    let mut head = header(&s, &["report-col-unit"]);
    head.extend((1..=4).map(|q| Cell::text(format!("Q{q}/{}", ws.plan.year), font(Style::Bold, CELL, Align::Center))));
    l.table(&Table { columns: columns(&[61.0, 26.0, 26.0, 26.0, 26.0]), header: head, rows });

    section(&mut l, &s.tr("report-cons-units"));
    let views::StatusMatrix { units, cells, .. } = views::status_matrix(ws, period)?;
    let mut counts: BTreeMap<&str, (BTreeMap<Status, usize>, usize)> = BTreeMap::new();
    for ((_, u), m) in &cells {
        let e = counts.entry(u.as_str()).or_default();
        *e.0.entry(Status::parse(&m.status).unwrap_or_default()).or_default() += 1;
        if (m.status == "done" || m.status == "done_late") && m.evidence_count == 0 {
            e.1 += 1;
        }
    }
    if units.is_empty() {
        l.para(s.tr("report-no-bundles"), font(Style::Italic, CELL, Align::Left));
    } else {
        let rows = units
            .iter()
            .map(|u| {
                let (by, missing) = counts.get(u.as_str()).cloned().unwrap_or_default();
                let mut row = vec![Cell::text(name(u), left)];
                row.extend(Status::ALL.iter().map(|st| Cell::text(number(&s, by.get(st).copied().unwrap_or(0) as f64), centre)));
                row.push(Cell::text(number(&s, missing as f64), centre));
                row
            })
            .collect();
        let mut head = header(&s, &["report-col-unit"]);
        head.extend(Status::ALL.iter().map(|st| Cell::text(s.tr(st.label_id()), font(Style::Bold, CELL, Align::Center))));
        head.push(Cell::text(s.tr("report-summary-no-evidence"), font(Style::Bold, CELL, Align::Center)));
        l.table(&Table { columns: columns(&[45.0, 18.0, 18.0, 18.0, 18.0, 18.0, 30.0]), header: head, rows });
    }

    matrix_pages(&s, &mut l, &units, &cells, ws.plan.subtree(unit).iter().map(|u| u.code.as_str()).collect());

    section(&mut l, &s.tr("report-cons-kpi"));
    let kpis: Vec<_> = views::district_kpis(ws, period)?.into_iter().map(|k| (k.target, k.figure, k.state)).collect();
    kpi_table(&s, &mut l, &kpis);

    section(&mut l, &s.tr("report-cons-missing"));
    let missing = views::done_without_evidence(&cells);
    if missing.is_empty() {
        l.para(s.tr("report-none"), font(Style::Italic, CELL, Align::Left));
    } else {
        let rows = missing
            .iter()
            .map(|m| {
                let desc = ws.plan.task(&m.task).map(|t| t.description.clone()).unwrap_or_default();
                vec![Cell::text(name(&m.unit), left), Cell::text(&m.task, centre), Cell::text(desc, left)]
            })
            .collect();
        l.table(&Table {
            columns: columns(&[45.0, 15.0, 105.0]),
            header: header(&s, &["report-col-unit", "report-col-code", "report-col-task"]),
            rows,
        });
    }
    s.signatures(&mut l);
    Ok(s.finish(l, &title))
}
