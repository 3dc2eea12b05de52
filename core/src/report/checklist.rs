//! The task checklist of a period: what the unit must do, with a box to tick
//! and room for notes, to print and fill in by hand.

use super::layout::{Align, Cell, Column, Style, Table, mm};
use super::{CELL, Pdf, Scope, font, new_layout};
use crate::domain::Period;
use crate::error::Result;
use crate::i18n::Lang;
use crate::workspace::Workspace;

/// The checklist of `unit` for `period` in `lang`.
pub fn checklist_pdf(ws: &Workspace, unit: &str, period: Period, lang: Lang) -> Result<Pdf> {
    let s = Scope::new(ws, unit, period, lang)?;
    let title = s.tra("report-checklist-title", &[("period", s.period_label().into())]);
    let mut l = new_layout();
    s.heading(&mut l, &title, &[s.plan_reference()]);
    if s.tasks.is_empty() {
        l.para(s.tr("report-no-tasks"), font(Style::Italic, CELL, Align::Left));
    } else {
        let head = |id: &str| Cell::text(s.tr(id), font(Style::Bold, CELL, Align::Center));
        let left = font(Style::Regular, CELL, Align::Left);
        let centre = font(Style::Regular, CELL, Align::Center);
        let role_header = if s.own { "report-col-role" } else { "report-col-lead" };
        let widths = if s.own { [11.0, 51.0, 35.0, 27.0, 16.0, 11.0, 14.0] } else { [11.0, 45.0, 32.0, 26.0, 26.0, 11.0, 14.0] };
        let table = Table {
            columns: widths.iter().map(|w| Column { width: mm(*w) }).collect(),
            header: ["report-col-code", "report-col-task", "report-col-products", "report-col-deadline", role_header, "report-col-done", "report-col-note"]
                .iter()
                .map(|id| head(id))
                .collect(),
            rows: s
                .tasks
                .iter()
                .map(|(task, rows)| {
                    let products: Vec<String> = task.products.iter().map(|p| format!("- {p}")).collect();
                    let role_font = if s.own { centre } else { left };
                    vec![
                        Cell::text(&task.code, centre),
                        Cell::text(&task.description, left),
                        Cell::text(products.join("\n"), left),
                        Cell::Text(s.deadline_paras(task, CELL)),
                        Cell::text(s.role_text(task, rows), role_font),
                        Cell::TickBox,
                        Cell::text("", left),
                    ]
                })
                .collect(),
        };
        l.table(&table);
    }
    s.signatures(&mut l);
    Ok(s.finish(l, &title))
}
