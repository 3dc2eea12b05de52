//! Progress of a unit's task instances: the state a unit records, and what is
//! derived from it and today's date (overdue, next due). Nothing derived is stored.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::{Period, Role, Status, Task};

/// What a unit records for one task it is assigned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskState {
    pub task: String,
    pub unit: String,
    pub role: Role,
    pub status: Status,
    /// 0..=100.
    pub progress: u8,
    pub note: String,
    /// Due date of a milestone → the day it was done.
    pub milestones_done: BTreeMap<NaiveDate, NaiveDate>,
    /// When it was last changed (local time, ISO), if ever.
    pub updated_at: Option<String>,
}

impl TaskState {
    pub fn new(task: &str, unit: &str, role: Role) -> TaskState {
        TaskState {
            task: task.to_owned(),
            unit: unit.to_owned(),
            role,
            status: Status::NotStarted,
            progress: 0,
            note: String::new(),
            milestones_done: BTreeMap::new(),
            updated_at: None,
        }
    }

    /// Milestones past due and not done, while the task is not closed.
    pub fn overdue_milestones(&self, task: &Task, today: NaiveDate) -> Vec<NaiveDate> {
        if self.status.is_closed() {
            return vec![];
        }
        task.schedule
            .dates()
            .into_iter()
            .filter(|d| *d < today && !self.milestones_done.contains_key(d))
            .collect()
    }

    pub fn is_overdue(&self, task: &Task, today: NaiveDate) -> bool {
        !self.overdue_milestones(task, today).is_empty()
    }

    /// The earliest milestone not yet done (past or future), while open.
    pub fn next_due(&self, task: &Task) -> Option<NaiveDate> {
        if self.status.is_closed() {
            return None;
        }
        task.schedule
            .dates()
            .into_iter()
            .find(|d| !self.milestones_done.contains_key(d))
    }

    /// Whether a milestone falls due in `[today, today + days]` and is not done.
    pub fn due_within(&self, task: &Task, today: NaiveDate, days: i64) -> bool {
        let end = today + chrono::Duration::days(days);
        !self.status.is_closed()
            && task
                .schedule
                .dates()
                .into_iter()
                .any(|d| d >= today && d <= end && !self.milestones_done.contains_key(&d))
    }
}

/// One change to a task instance, as the user asked for it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Change {
    pub status: Option<Status>,
    pub progress: Option<u8>,
    pub note: Option<String>,
    /// Mark the milestone due on `.0` done on `.1`.
    pub milestone_done: Option<(NaiveDate, NaiveDate)>,
    /// Clear the "done" mark of the milestone due on this date.
    pub milestone_undone: Option<NaiveDate>,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        *self == Change::default()
    }
}

/// One recorded change of one field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: String,
    pub by: String,
    pub field: String,
    pub old: String,
    pub new: String,
}

/// A row of a unit's task list: the task, its state and what is derived.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskRow<'p> {
    pub task: &'p Task,
    pub state: TaskState,
    pub overdue: bool,
    pub next_due: Option<NaiveDate>,
    pub evidence_count: usize,
}

/// Filters of a task list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub area: Option<String>,
    pub status: Option<Status>,
    pub role: Option<Role>,
    pub period: Option<Period>,
    pub overdue: bool,
    /// Matched ignoring case and diacritics against code, description and products.
    pub search: String,
    /// Done (or done late) and no evidence attached.
    pub done_without_evidence: bool,
    /// Due within this many days from today.
    pub due_within_days: Option<i64>,
}

impl Filter {
    pub fn matches(&self, row: &TaskRow<'_>, today: NaiveDate) -> bool {
        if let Some(a) = &self.area
            && &row.task.area != a
        {
            return false;
        }
        if let Some(s) = self.status
            && row.state.status != s
        {
            return false;
        }
        if let Some(r) = self.role
            && row.state.role != r
        {
            return false;
        }
        if let Some(p) = self.period
            && !row.task.active_in(p)
        {
            return false;
        }
        if self.overdue && !row.overdue {
            return false;
        }
        if self.done_without_evidence && !(row.state.status.is_done() && row.evidence_count == 0) {
            return false;
        }
        if let Some(days) = self.due_within_days
            && !row.state.due_within(row.task, today, days)
        {
            return false;
        }
        if !self.search.trim().is_empty() {
            let needle = crate::text::fold(&self.search);
            let hay = crate::text::fold(&format!(
                "{} {} {}",
                row.task.code,
                row.task.description,
                row.task.products.join(" ")
            ));
            if !hay.contains(&needle) {
                return false;
            }
        }
        true
    }
}

/// Counts by status, for dashboards.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub total: usize,
    pub by_status: BTreeMap<Status, usize>,
    pub overdue: usize,
    pub due_soon: usize,
    pub done_without_evidence: usize,
}

impl Summary {
    pub fn of(rows: &[TaskRow<'_>], today: NaiveDate, soon_days: i64) -> Summary {
        let mut s = Summary { total: rows.len(), ..Default::default() };
        for st in Status::ALL {
            s.by_status.insert(st, 0);
        }
        for r in rows {
            *s.by_status.entry(r.state.status).or_default() += 1;
            if r.overdue {
                s.overdue += 1;
            }
            if r.state.due_within(r.task, today, soon_days) {
                s.due_soon += 1;
            }
            if r.state.status.is_done() && r.evidence_count == 0 {
                s.done_without_evidence += 1;
            }
        }
        s
    }
}
