//! Storing a plan edited by hand: the new source and its assignments, the
//! progress of a task (or the figures of a target) whose code changed moved
//! to the new code, and the record of what changed — one transaction.

use rusqlite::{OptionalExtension, params};

use super::{Store, now_stamp, write_plan};
use crate::error::{Error, Result};
use crate::plan::edit::Applied;

/// One recorded change of a plan edit.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanEditRecord {
    pub at: String,
    pub by: String,
    pub op: String,
    pub code: String,
    pub field: String,
    pub old: String,
    pub new: String,
}

impl Store {
    /// Stores an edited plan (see [`crate::plan::edit`]) in one transaction.
    pub fn save_plan_edit(&mut self, applied: &Applied, by: &str) -> Result<()> {
        let plan_id = applied.plan.id.as_str();
        let tx = self.conn.transaction()?;
        if let Some((old, new)) = &applied.task_renamed {
            let taken: Option<i64> = tx
                .query_row("SELECT 1 FROM assignment WHERE plan_id = ?1 AND task_code = ?2 LIMIT 1", params![plan_id, new], |r| r.get(0))
                .optional()?;
            if taken.is_some() {
                // A task deleted earlier left its progress under that code.
                return Err(Error::new("err-edit-code-has-progress").arg("code", new.as_str()));
            }
            tx.execute("UPDATE assignment SET task_code = ?3 WHERE plan_id = ?1 AND task_code = ?2", params![plan_id, old, new])?;
            tx.execute("UPDATE evidence SET task_code = ?3 WHERE plan_id = ?1 AND task_code = ?2", params![plan_id, old, new])?;
        }
        if let Some((old, new)) = &applied.target_renamed {
            let taken: Option<i64> = tx
                .query_row("SELECT 1 FROM kpi_figure WHERE plan_id = ?1 AND target_code = ?2 LIMIT 1", params![plan_id, new], |r| r.get(0))
                .optional()?;
            if taken.is_some() {
                return Err(Error::new("err-edit-code-has-progress").arg("code", new.as_str()));
            }
            tx.execute("UPDATE kpi_figure SET target_code = ?3 WHERE plan_id = ?1 AND target_code = ?2", params![plan_id, old, new])?;
        }
        write_plan(&tx, &applied.plan, &applied.source)?;
        {
            let at = now_stamp();
            let mut ins = tx.prepare(
                "INSERT INTO plan_edit (plan_id, at, by, op, code, field, old, new) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for c in &applied.changes {
                ins.execute(params![plan_id, at, by, c.op, c.code, c.field, c.old, c.new])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The changes made by hand to the plan `id`, newest first.
    pub fn plan_edits(&self, id: &str) -> Result<Vec<PlanEditRecord>> {
        let mut st = self.conn.prepare("SELECT at, by, op, code, field, old, new FROM plan_edit WHERE plan_id = ?1 ORDER BY id DESC")?;
        let rows = st.query_map([id], |r| {
            Ok(PlanEditRecord {
                at: r.get(0)?,
                by: r.get(1)?,
                op: r.get(2)?,
                code: r.get(3)?,
                field: r.get(4)?,
                old: r.get(5)?,
                new: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
