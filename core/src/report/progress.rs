//! The progress report of a period: counts by status, every task with its
//! status, milestones, note and evidence, and the KPI table.

use chrono::NaiveDate;

use super::layout::{Align, Cell, Column, Font, Layout, Para, Style, Table, mm};
use super::{CELL, Pdf, Scope, font, new_layout};
use crate::domain::{Figure, KpiState, Period, Status, Target, Task, TargetKind};
use crate::error::Result;
use crate::i18n::{Lang, format_date, format_number};
use crate::progress::{Summary, TaskRow};
use crate::workspace::Workspace;

/// Days ahead counted as "due soon" in the summary.
const SOON_DAYS: i64 = 7;
/// Hex digits of an evidence file's SHA-256 shown in the report.
const SHA_PREFIX: usize = 12;

const HEADING: Font = Font::new(Style::Bold, 12.0, Align::Left);

/// The progress report of `unit` for `period` in `lang`.
pub fn report_pdf(ws: &Workspace, unit: &str, period: Period, lang: Lang) -> Result<Pdf> {
    let s = Scope::new(ws, unit, period, lang)?;
    let title = s.tra("report-progress-title", &[("period", s.period_label().into())]);
    let mut l = new_layout();
    let unit_line = s.tra("report-unit-line", &[("unit", s.unit.name.as_str().into())]);
    s.heading(&mut l, &title, &[unit_line, s.plan_reference()]);

    section(&mut l, &s.tr("report-section-summary"));
    summary(&s, &mut l);

    section(&mut l, &s.tr("report-section-tasks"));
    if s.tasks.is_empty() {
        l.para(s.tr("report-no-tasks"), font(Style::Italic, CELL, Align::Left));
    } else {
        tasks(&s, &mut l)?;
    }

    section(&mut l, &s.tr("report-section-kpi"));
    kpis(&s, &mut l)?;

    requests(&s, &mut l)?;

    s.signatures(&mut l);
    Ok(s.finish(l, &title))
}

pub(crate) fn section(l: &mut Layout<'_>, title: &str) {
    l.gap(10.0);
    // A heading is not left alone at the foot of a page.
    l.keep(mm(25.0));
    l.para(title, HEADING);
    l.gap(4.0);
}

pub(crate) fn header(s: &Scope<'_>, ids: &[&str]) -> Vec<Cell> {
    ids.iter().map(|id| Cell::text(s.tr(id), font(Style::Bold, CELL, Align::Center))).collect()
}

pub(crate) fn columns(widths: &[f32]) -> Vec<Column> {
    widths.iter().map(|w| Column { width: mm(*w) }).collect()
}

pub(crate) fn number(s: &Scope<'_>, n: f64) -> String {
    format_number(s.lang, n, 2)
}

fn summary(s: &Scope<'_>, l: &mut Layout<'_>) {
    let rows: Vec<TaskRow<'_>> = s.tasks.iter().flat_map(|(_, r)| r.iter().cloned()).collect();
    let sum = Summary::of(&rows, s.ws.today, SOON_DAYS);
    let left = font(Style::Regular, CELL, Align::Left);
    let right = font(Style::Regular, CELL, Align::Right);
    let total_id = if s.own { "report-summary-total" } else { "report-summary-total-units" };
    let mut lines: Vec<(String, usize, bool)> = vec![(s.tr(total_id), sum.total, true)];
    for st in Status::ALL {
        lines.push((s.tr(st.label_id()), sum.by_status.get(&st).copied().unwrap_or(0), false));
    }
    lines.push((s.tr("report-summary-overdue"), sum.overdue, false));
    lines.push((s.tra("report-summary-due-soon", &[("days", SOON_DAYS.to_string().into())]), sum.due_soon, false));
    lines.push((s.tr("report-summary-no-evidence"), sum.done_without_evidence, false));
    let table = Table {
        columns: columns(&[130.0, 35.0]),
        header: header(s, &["report-col-item", "report-col-count"]),
        rows: lines
            .into_iter()
            .map(|(label, n, strong)| {
                let style = if strong { Style::Bold } else { Style::Regular };
                vec![
                    Cell::text(label, Font { style, ..left }),
                    Cell::text(number(s, n as f64), Font { style, ..right }),
                ]
            })
            .collect(),
    };
    l.table(&table);
}

fn tasks(s: &Scope<'_>, l: &mut Layout<'_>) -> Result<()> {
    let left = font(Style::Regular, CELL, Align::Left);
    let mut rows = vec![];
    for (task, instances) in &s.tasks {
        let mut what = vec![Para::new(&task.description, left)];
        what.push(Para::new(s.role_text(task, instances), font(Style::Italic, CELL, Align::Left)));
        let (status, milestones, notes) = if s.own {
            own_cells(s, task, &instances[0])?
        } else {
            overview_cells(s, task, instances)
        };
        rows.push(vec![
            Cell::text(&task.code, font(Style::Regular, CELL, Align::Center)),
            Cell::Text(what),
            Cell::Text(status),
            Cell::Text(milestones),
            Cell::Text(notes),
        ]);
    }
    let table = Table {
        columns: columns(&[11.0, 50.0, 30.0, 32.0, 42.0]),
        header: header(s, &["report-col-code", "report-col-task", "report-col-status", "report-col-milestones", "report-col-note-evidence"]),
        rows,
    };
    l.table(&table);
    Ok(())
}

/// The requests of the office above (this installation's own unit only):
/// each request and what was done since it arrived — the task's status now,
/// the documents added, the fields changed.
fn requests(s: &Scope<'_>, l: &mut Layout<'_>) -> Result<()> {
    if !s.own || s.ws.unit.as_deref() != Some(s.unit.code.as_str()) {
        return Ok(());
    }
    let held = s.ws.requests(None)?;
    if held.is_empty() {
        return Ok(());
    }
    section(l, &s.tr("report-section-requests"));
    let mut rows = vec![];
    for r in &held {
        let q = &r.held.request;
        let mut asked = vec![Para::new(s.tr(q.verdict.label_id()), font(Style::Bold, CELL, Align::Left))];
        if !q.evidence_name.is_empty() {
            asked.push(plain(s.tra("report-request-document", &[("name", q.evidence_name.as_str().into())])));
        }
        if !q.comment.is_empty() {
            asked.push(plain(&q.comment));
        }
        let received = chrono::NaiveDateTime::parse_from_str(&r.held.received_at, "%Y-%m-%dT%H:%M:%S")
            .map(|t| format_date(t.date()))
            .unwrap_or_else(|_| r.held.received_at.clone());
        asked.push(Para::new(
            s.tra("report-request-from", &[("parent", r.held.parent.as_str().into()), ("date", received.into())]),
            font(Style::Italic, CELL, Align::Left),
        ));
        let mut done: Vec<Para> = Some(r.done_text(s.lang)).filter(|d| !d.is_empty()).map(plain).into_iter().collect();
        if let Some(st) = s.tasks.iter().find(|(t, _)| t.code == q.task).map(|(_, rows)| rows[0].state.status) {
            done.push(plain(s.tra("report-request-status-now", &[("status", s.tr(st.label_id()).into())])));
        }
        rows.push(vec![Cell::text(&q.task, font(Style::Regular, CELL, Align::Center)), Cell::Text(asked), Cell::Text(done)]);
    }
    let table = Table {
        columns: columns(&[15.0, 80.0, 70.0]),
        header: header(s, &["report-col-code", "report-col-request", "report-col-request-done"]),
        rows,
    };
    l.table(&table);
    Ok(())
}

fn plain(text: impl Into<String>) -> Para {
    Para::new(text, font(Style::Regular, CELL, Align::Left))
}

/// A line per due date of `task` in the period, saying how it stands; the
/// deadline as written when the period has no date of it.
fn milestone_lines(s: &Scope<'_>, task: &Task, line: impl Fn(NaiveDate) -> String) -> Vec<Para> {
    let dates = s.dates_in_period(task);
    if dates.is_empty() {
        return vec![Para::new(&task.deadline_text, font(Style::Italic, CELL, Align::Left))];
    }
    dates.into_iter().map(|d| plain(line(d))).collect()
}

/// Status, milestones, and notes with evidence of the unit's own task.
fn own_cells(s: &Scope<'_>, task: &Task, row: &TaskRow<'_>) -> Result<(Vec<Para>, Vec<Para>, Vec<Para>)> {
    let mut status = vec![
        Para::new(s.tr(row.state.status.label_id()), font(Style::Bold, CELL, Align::Left)),
        plain(format!("{}: {}%", s.tr("col-progress"), row.state.progress)),
    ];
    if row.overdue {
        status.push(Para::new(s.tr("overdue"), font(Style::Italic, CELL, Align::Left)));
    }
    let milestones = milestone_lines(s, task, |d| {
        let state = match row.state.milestones_done.get(&d) {
            Some(on) => s.tra("milestone-done-on", &[("date", format_date(*on).into())]),
            // Closed without the date marked: the task's status says it.
            None if row.state.status.is_closed() => s.tr(row.state.status.label_id()).to_lowercase(),
            None if d < s.ws.today => s.tr("overdue").to_lowercase(),
            None => s.tr("report-milestone-open"),
        };
        format!("{}: {state}", format_date(d))
    });
    let mut notes = vec![];
    if !row.state.note.trim().is_empty() {
        notes.push(Para::new(&row.state.note, font(Style::Italic, CELL, Align::Left)));
    }
    for e in s.ws.store.evidence_list(&s.ws.plan.id, &row.state.unit, Some(&task.code))? {
        let mut parts = vec![];
        let doc = match (e.doc_number.trim(), e.doc_date) {
            ("", None) => s.tr(e.doc_type.label_id()),
            ("", Some(d)) => format!("{} {}", s.tr(e.doc_type.label_id()), format_date(d)),
            (n, None) => n.to_owned(),
            (n, Some(d)) => s.tra("report-doc-number-date", &[("number", n.into()), ("date", format_date(d).into())]),
        };
        parts.push(doc);
        parts.push(e.file_name.clone());
        parts.push(format!("SHA-256 {}", &e.sha256[..SHA_PREFIX.min(e.sha256.len())]));
        notes.push(plain(format!("- {}", parts.join("; "))));
    }
    if notes.is_empty() {
        notes.push(Para::new(s.tr("report-no-evidence"), font(Style::Italic, CELL, Align::Left)));
    }
    Ok((status, milestones, notes))
}

/// The same cells for a task across the units below the issuing committee.
fn overview_cells(s: &Scope<'_>, task: &Task, rows: &[TaskRow<'_>]) -> (Vec<Para>, Vec<Para>, Vec<Para>) {
    let n = rows.len();
    let of = |k: usize| format!("{}/{}", number(s, k as f64), number(s, n as f64));
    let mut status = vec![];
    for st in Status::ALL {
        let k = rows.iter().filter(|r| r.state.status == st).count();
        if k > 0 {
            status.push(plain(format!("{}: {}", s.tr(st.label_id()), of(k))));
        }
    }
    let mean = rows.iter().map(|r| f64::from(r.state.progress)).sum::<f64>() / n.max(1) as f64;
    status.push(plain(s.tra("report-mean-progress", &[("value", format_number(s.lang, mean, 0).into())])));
    let overdue = rows.iter().filter(|r| r.overdue).count();
    if overdue > 0 {
        status.push(Para::new(format!("{}: {}", s.tr("overdue"), of(overdue)), font(Style::Italic, CELL, Align::Left)));
    }
    let milestones = milestone_lines(s, task, |d| {
        let done = rows.iter().filter(|r| r.state.status.is_done() || r.state.milestones_done.contains_key(&d)).count();
        s.tra("report-milestone-units-done", &[("date", format_date(d).into()), ("done", of(done).into())])
    });
    let files: usize = rows.iter().map(|r| r.evidence_count).sum();
    let notes = vec![plain(s.tra("report-evidence-count", &[("count", number(s, files as f64).into())]))];
    (status, milestones, notes)
}

fn kpis(s: &Scope<'_>, l: &mut Layout<'_>) -> Result<()> {
    let subtree = s.ws.plan.subtree(&s.unit.code);
    let rows = s
        .ws
        .kpi_rows(&s.unit.code, s.period)?
        .into_iter()
        .filter(|r| r.figure.is_some() || subtree.iter().any(|u| r.target.applies_to(u.kind)))
        .map(|r| (r.target, r.figure, r.state))
        .collect::<Vec<_>>();
    kpi_table(s, l, &rows);
    Ok(())
}

/// The KPI table: target, goal, figures, rate, met or not.
pub(crate) fn kpi_table(s: &Scope<'_>, l: &mut Layout<'_>, kpis: &[(Target, Option<Figure>, KpiState)]) {
    let left = font(Style::Regular, CELL, Align::Left);
    let centre = font(Style::Regular, CELL, Align::Center);
    let mut rows = vec![];
    for (t, fig, state) in kpis {
        let goal = t.goal(s.lang);
        let figure = match (t.kind, fig) {
            (TargetKind::Rate, Some(f)) => format!("{}/{}", number(s, f.numerator), number(s, f.denominator)),
            (_, Some(f)) => number(s, f.numerator),
            (_, None) => "—".to_owned(),
        };
        let value = fig.and_then(|f| f.value(t.kind)).map(|v| format!("{}{}", number(s, v), t.unit)).unwrap_or_else(|| "—".to_owned());
        let result_style = if *state == KpiState::NotMet { Style::Bold } else { Style::Regular };
        rows.push(vec![
            Cell::text(&t.code, centre),
            Cell::text(&t.text, left),
            Cell::text(goal, centre),
            Cell::text(figure, centre),
            Cell::text(value, centre),
            Cell::text(s.tr(state.label_id()), font(result_style, CELL, Align::Center)),
        ]);
    }
    if rows.is_empty() {
        l.para(s.tr("report-no-targets"), font(Style::Italic, CELL, Align::Left));
        return;
    }
    let table = Table {
        columns: columns(&[13.0, 62.0, 18.0, 24.0, 20.0, 28.0]),
        header: header(s, &["report-col-code", "report-col-target", "report-col-goal", "report-col-figure", "report-col-rate", "report-col-result"]),
        rows,
    };
    l.table(&table);
}
