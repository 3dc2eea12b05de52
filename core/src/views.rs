//! The consolidating office's views of what its units sent: which bundles
//! arrived per unit and quarter (completeness), the status each unit reported
//! per task (the status matrix), and the units' KPI figures summed. Read from
//! the merged tables; the window, the CLI, the Excel/CSV matrix and the
//! consolidated PDF all draw from here.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::domain::Period;
use crate::error::Result;
use crate::store::bundles::MergedTask;
use crate::workspace::Workspace;

/// Days after a quarter's end within which a bundle counts as on time.
pub const GRACE_DAYS: i64 = 10;

/// One cell of the completeness matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum Completeness {
    /// Verified and merged on time (sequence of the current bundle).
    Received { sequence: i64 },
    /// Verified and merged, but made after the deadline.
    Late { sequence: i64 },
    /// Nothing received and the deadline has passed.
    Missing,
    /// Nothing received yet, not yet due.
    NotDue,
}

/// Units × quarters of the plan year, for the units below `parent`.
pub fn completeness(ws: &Workspace, parent: &str) -> Result<Vec<(String, Vec<Completeness>)>> {
    let bundles = ws.store.bundles()?;
    let mut out = vec![];
    for u in ws.plan.subtree(parent).iter().filter(|u| u.code != parent) {
        let mut cells = vec![];
        for q in Period::year(ws.plan.year).quarters() {
            let due = q.end() + chrono::Duration::days(GRACE_DAYS);
            let cur = bundles
                .iter()
                .find(|b| b.current && b.unit == u.code && b.plan_id == ws.plan.id && b.period == q.to_string());
            cells.push(match cur {
                Some(b) => {
                    let made = chrono::NaiveDate::parse_from_str(b.created_at.get(..10).unwrap_or(""), "%Y-%m-%d").ok();
                    if made.is_some_and(|d| d > due) {
                        Completeness::Late { sequence: b.sequence }
                    } else {
                        Completeness::Received { sequence: b.sequence }
                    }
                }
                None if ws.today > due => Completeness::Missing,
                None => Completeness::NotDue,
            });
        }
        out.push((u.code.clone(), cells));
    }
    Ok(out)
}

/// Tasks × units for one period: the status each unit reported.
pub fn status_matrix(ws: &Workspace, period: Period) -> Result<(Vec<String>, Vec<String>, BTreeMap<(String, String), MergedTask>)> {
    let merged = ws.store.merged_tasks(&ws.plan.id)?;
    let p = period.to_string();
    let mut cells = BTreeMap::new();
    let mut units = BTreeSet::new();
    for t in merged.into_iter().filter(|t| t.period == p) {
        units.insert(t.unit.clone());
        cells.insert((t.task.clone(), t.unit.clone()), t);
    }
    let tasks = ws.plan.tasks.iter().map(|t| t.code.clone()).collect();
    let units: Vec<String> = ws.plan.units.iter().map(|u| u.code.clone()).filter(|c| units.contains(c)).collect();
    Ok((tasks, units, cells))
}

/// The status matrix laid out for a file (CSV, Excel): one column per unit
/// that reported, one row per task of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusTable {
    /// Code and name of each unit column.
    pub units: Vec<(String, String)>,
    pub rows: Vec<StatusRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StatusRow {
    pub task: String,
    pub description: String,
    /// One per unit column: what the unit reported, if anything.
    pub cells: Vec<Option<StatusCell>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StatusCell {
    /// `None` for a status this version does not know.
    pub status: Option<crate::domain::Status>,
    /// The status and progress as shown: "Hoàn thành (100%)".
    pub label: String,
}

/// The status matrix of `period` as a table, labelled in `lang`.
pub fn status_table(ws: &Workspace, period: Period, lang: crate::i18n::Lang) -> Result<StatusTable> {
    let (tasks, units, cells) = status_matrix(ws, period)?;
    let rows = tasks
        .iter()
        .map(|t| StatusRow {
            task: t.clone(),
            description: ws.plan.task(t).map(|x| x.description.clone()).unwrap_or_default(),
            cells: units
                .iter()
                .map(|u| {
                    cells.get(&(t.clone(), u.clone())).map(|m| {
                        let status = crate::domain::Status::parse(&m.status);
                        let st = status.map(|x| crate::i18n::t(lang, x.label_id())).unwrap_or_default();
                        StatusCell { status, label: format!("{st} ({}%)", m.progress) }
                    })
                })
                .collect(),
        })
        .collect();
    let units = units.into_iter().map(|u| (u.clone(), ws.plan.unit(&u).map(|x| x.name.clone()).unwrap_or(u))).collect();
    Ok(StatusTable { units, rows })
}

/// The status matrix as CSV in `lang` (UTF-8 with BOM so that Excel reads Vietnamese).
pub fn status_matrix_csv(ws: &Workspace, period: Period, lang: crate::i18n::Lang) -> Result<String> {
    let table = status_table(ws, period, lang)?;
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut s = String::from("\u{feff}");
    s.push_str(&quote(&crate::i18n::t(lang, "matrix-task")));
    for (_, name) in &table.units {
        s.push(',');
        s.push_str(&quote(name));
    }
    s.push_str("\r\n");
    for row in &table.rows {
        s.push_str(&quote(&row.task));
        for cell in &row.cells {
            s.push(',');
            s.push_str(&quote(cell.as_ref().map_or("", |c| c.label.as_str())));
        }
        s.push_str("\r\n");
    }
    Ok(s)
}

/// The cells of a status matrix reported done (on time or late) with no evidence attached.
pub fn done_without_evidence(cells: &BTreeMap<(String, String), MergedTask>) -> Vec<&MergedTask> {
    cells.values().filter(|m| (m.status == "done" || m.status == "done_late") && m.evidence_count == 0).collect()
}

/// District KPI figures: the current bundles' figures summed per target over `period`.
pub fn district_kpis(ws: &Workspace, period: Period) -> Result<Vec<(crate::domain::Target, Option<crate::domain::Figure>, crate::domain::KpiState)>> {
    let quarters: Vec<String> = period.quarters().iter().map(|q| q.to_string()).collect();
    let figures = ws.store.merged_kpis(&ws.plan.id)?;
    Ok(ws
        .plan
        .targets
        .iter()
        .map(|t| {
            let picked: Vec<crate::domain::Figure> = figures
                .iter()
                .filter(|(_, q, tc, _, _)| tc == &t.code && quarters.contains(q))
                .map(|(_, _, _, n, d)| crate::domain::Figure { numerator: *n, denominator: *d })
                .collect();
            let f = (!picked.is_empty()).then(|| crate::domain::Figure::sum(picked.iter()));
            let state = crate::domain::KpiState::of(t, f.as_ref());
            (t.clone(), f, state)
        })
        .collect())
}

