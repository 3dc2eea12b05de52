//! The parent office's consolidated report: which units reported, each
//! unit's task statuses, the summed KPIs and what is done without evidence,
//! all from the bundles merged.

use std::collections::BTreeMap;

use super::layout::{Align, Cell, Style, Table};
use super::progress::{columns, header, kpi_table, number, section};
use super::{CELL, Pdf, Scope, font, new_layout};
use crate::views::{self, Completeness};
use crate::domain::{Period, Status};
use crate::error::Result;
use crate::i18n::Lang;
use crate::workspace::Workspace;

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
        .map(|(u, cells)| {
            let mut row = vec![Cell::text(name(&u), left)];
            row.extend(cells.iter().map(|c| {
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
    let (_, units, cells) = views::status_matrix(ws, period)?;
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

    section(&mut l, &s.tr("report-cons-kpi"));
    kpi_table(&s, &mut l, &views::district_kpis(ws, period)?);

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
