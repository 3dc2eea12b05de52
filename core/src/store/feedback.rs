//! Review requests in the store: at the parent office its reviews of units'
//! tasks and documents and the feedback packages written; at the unit the
//! packages imported and the requests they carry; and the drop folder's
//! memory of packages accepted or declined.

use rusqlite::{OptionalExtension, Transaction, params};

use super::bundles::MergeTx;
use super::{Store, now_stamp};
use crate::error::Result;

/// The parent office's verdict on a task or a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewVerdict {
    /// "Đạt": nothing more is asked.
    Ok,
    /// "Yêu cầu bổ sung": the unit must add or correct something.
    NeedsMore,
}

impl ReviewVerdict {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewVerdict::Ok => "ok",
            ReviewVerdict::NeedsMore => "needs_more",
        }
    }
    /// `ok`, `needs_more`, and the words a clerk types: "đạt", "dat",
    /// "yêu cầu bổ sung", "bo sung", "more".
    pub fn parse(s: &str) -> Option<ReviewVerdict> {
        let folded = crate::text::fold(s).replace(['-', '_'], " ");
        Some(match folded.split_whitespace().collect::<Vec<_>>().join(" ").as_str() {
            "ok" | "dat" | "passed" | "pass" => ReviewVerdict::Ok,
            "needs more" | "more" | "bo sung" | "yeu cau bo sung" => ReviewVerdict::NeedsMore,
            _ => return None,
        })
    }
    pub fn label_id(self) -> &'static str {
        match self {
            ReviewVerdict::Ok => "review-verdict-ok",
            ReviewVerdict::NeedsMore => "review-verdict-more",
        }
    }
}

/// One request as a feedback package carries it (and as the parent keeps it).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub task: String,
    /// SHA-256 of the document the request is about; empty for the task as a whole.
    #[serde(default)]
    pub evidence_sha: String,
    #[serde(default)]
    pub evidence_name: String,
    pub verdict: ReviewVerdict,
    #[serde(default)]
    pub comment: String,
    /// Raised each time the parent changes its verdict or comment.
    pub revision: i64,
    pub reviewed_at: String,
}

/// A review at the parent office, with what the unit's bundles said of it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Review {
    pub unit: String,
    #[serde(flatten)]
    pub request: Request,
    pub reviewed_by: String,
    /// The revision the unit's newest bundle reported answered, and when.
    pub answered_rev: Option<i64>,
    pub answered_at: Option<String>,
    /// What the unit's newest bundle said of it (the [`Answer`] as JSON).
    #[serde(skip)]
    pub answered_note: String,
}

impl Review {
    /// Whether the unit answered the current revision of this review.
    pub fn answered(&self) -> bool {
        self.answered_rev == Some(self.request.revision)
    }
    /// What the unit's newest bundle said of this review, if it said anything.
    pub fn answer(&self) -> Option<Answer> {
        serde_json::from_str(&self.answered_note).ok()
    }
}

/// A request as the unit keeps it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RequestIn {
    pub parent: String,
    #[serde(flatten)]
    pub request: Request,
    pub received_at: String,
    /// The task's highest evidence id and history id when this revision arrived.
    pub evidence_mark: i64,
    pub history_mark: i64,
}

/// What the unit's bundle says of one request (in `progress.json`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The office that asked.
    pub parent: String,
    pub task: String,
    #[serde(default)]
    pub evidence_sha: String,
    pub revision: i64,
    /// Evidence was added or the task changed since the request arrived.
    pub answered: bool,
    /// File names of the documents added since.
    #[serde(default)]
    pub evidence_added: Vec<String>,
    /// The fields of the task changed since (status, progress, note, …).
    #[serde(default)]
    pub fields_changed: Vec<String>,
}

/// An imported signed package from the parent (a receipt, a feedback package).
#[derive(Debug, Clone, PartialEq)]
pub struct SignedIn {
    pub parent: String,
    pub sequence: i64,
    pub manifest_sha: String,
    pub issued_at: String,
    pub body: String,
}

/// What importing a package from the parent did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignedImport {
    Imported,
    AlreadyImported,
}

/// The tables a kind of package from the parent is kept in.
#[derive(Debug, Clone, Copy)]
pub(super) enum InTable {
    Receipt,
    Feedback,
}

impl InTable {
    fn name(self) -> &'static str {
        match self {
            InTable::Receipt => "receipt_in",
            InTable::Feedback => "feedback_in",
        }
    }
    fn older_error(self) -> &'static str {
        match self {
            InTable::Receipt => "err-receipt-older",
            InTable::Feedback => "err-feedback-older",
        }
    }
}

/// Checks a package from the parent against those already imported, in
/// `tx`: `Ok(false)` when the same one is already there; the error when one
/// as new or newer is. Inserts it otherwise.
pub(super) fn insert_signed_in(tx: &Transaction<'_>, table: InTable, unit: &str, r: &SignedIn, key_id: &str) -> Result<bool> {
    let t = table.name();
    let known = tx
        .query_row(&format!("SELECT 1 FROM {t} WHERE manifest_sha = ?1"), [&r.manifest_sha], |_| Ok(()))
        .optional()?;
    if known.is_some() {
        return Ok(false);
    }
    let newest: Option<i64> = tx.query_row(
        &format!("SELECT MAX(sequence) FROM {t} WHERE parent_code = ?1 AND unit_code = ?2"),
        params![r.parent, unit],
        |row| row.get(0),
    )?;
    if let Some(n) = newest.filter(|n| *n >= r.sequence) {
        return Err(crate::error::Error::new(table.older_error()).arg("sequence", r.sequence).arg("newest", n));
    }
    tx.execute(
        &format!(
            "INSERT INTO {t} (parent_code, unit_code, sequence, manifest_sha, key_id, issued_at, imported_at, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
        ),
        params![r.parent, unit, r.sequence, r.manifest_sha, key_id, r.issued_at, now_stamp(), r.body],
    )?;
    Ok(true)
}

/// The next sequence of a package sent to `unit` (kept in `table`) and the previous one's manifest hash.
pub(super) fn next_sent(conn: &rusqlite::Connection, table: &'static str, unit: &str) -> Result<(i64, Option<String>)> {
    let last: Option<(i64, String)> = conn
        .query_row(
            &format!("SELECT sequence, manifest_sha FROM {table} WHERE unit_code = ?1 ORDER BY sequence DESC LIMIT 1"),
            [unit],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(match last {
        Some((s, sha)) => (s + 1, Some(sha)),
        None => (1, None),
    })
}

pub(super) fn record_sent(conn: &rusqlite::Connection, table: &'static str, unit: &str, sequence: i64, manifest_sha: &str) -> Result<()> {
    conn.execute(
        &format!("INSERT INTO {table} (unit_code, sequence, manifest_sha, created_at) VALUES (?1, ?2, ?3, ?4)"),
        params![unit, sequence, manifest_sha, now_stamp()],
    )?;
    Ok(())
}

fn read_review(r: &rusqlite::Row<'_>) -> rusqlite::Result<Review> {
    let verdict: String = r.get(4)?;
    Ok(Review {
        unit: r.get(0)?,
        request: Request {
            task: r.get(1)?,
            evidence_sha: r.get(2)?,
            evidence_name: r.get(3)?,
            verdict: ReviewVerdict::parse(&verdict).unwrap_or(ReviewVerdict::NeedsMore),
            comment: r.get(5)?,
            revision: r.get(6)?,
            reviewed_at: r.get(7)?,
        },
        reviewed_by: r.get(8)?,
        answered_rev: r.get(9)?,
        answered_at: r.get(10)?,
        answered_note: r.get(11)?,
    })
}

const REVIEW_COLUMNS: &str = "unit_code, task_code, evidence_sha, evidence_name, verdict, comment, revision, reviewed_at, reviewed_by, answered_rev, answered_at, answered_note";

fn read_request_in(r: &rusqlite::Row<'_>) -> rusqlite::Result<RequestIn> {
    let verdict: String = r.get(5)?;
    Ok(RequestIn {
        parent: r.get(0)?,
        request: Request {
            task: r.get(1)?,
            evidence_sha: r.get(2)?,
            evidence_name: r.get(3)?,
            comment: r.get(4)?,
            verdict: ReviewVerdict::parse(&verdict).unwrap_or(ReviewVerdict::NeedsMore),
            revision: r.get(6)?,
            reviewed_at: r.get(7)?,
        },
        received_at: r.get(8)?,
        evidence_mark: r.get(9)?,
        history_mark: r.get(10)?,
    })
}

/// The task's highest evidence id and history id at this unit.
fn task_marks(conn: &rusqlite::Connection, plan: &str, unit: &str, task: &str) -> Result<(i64, i64)> {
    let ev: i64 = conn.query_row(
        "SELECT COALESCE(MAX(id), 0) FROM evidence WHERE plan_id = ?1 AND unit_code = ?2 AND task_code = ?3",
        params![plan, unit, task],
        |r| r.get(0),
    )?;
    let hi: i64 = conn.query_row(
        "SELECT COALESCE(MAX(h.id), 0) FROM history h JOIN assignment a ON a.id = h.assignment_id
         WHERE a.plan_id = ?1 AND a.unit_code = ?2 AND a.task_code = ?3",
        params![plan, unit, task],
        |r| r.get(0),
    )?;
    Ok((ev, hi))
}

impl Store {
    // ---- at the parent office ------------------------------------------------

    /// Records a review of a unit's task (or of one of its documents) in one
    /// transaction. The same verdict and comment again change nothing;
    /// another raises the revision. Returns the review and whether it changed.
    pub fn put_review(&mut self, plan: &str, unit: &str, req: &Request, by: &str) -> Result<(Review, bool)> {
        let tx = Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)?;
        let old: Option<(String, String, i64)> = tx
            .query_row(
                "SELECT verdict, comment, revision FROM review WHERE plan_id = ?1 AND unit_code = ?2 AND task_code = ?3 AND evidence_sha = ?4",
                params![plan, unit, req.task, req.evidence_sha],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let changed = match &old {
            Some((v, c, _)) => v != req.verdict.as_str() || *c != req.comment,
            None => true,
        };
        if changed {
            let revision = old.as_ref().map_or(1, |o| o.2 + 1);
            tx.execute(
                "INSERT INTO review (plan_id, unit_code, task_code, evidence_sha, evidence_name, verdict, comment, revision, reviewed_at, reviewed_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT (plan_id, unit_code, task_code, evidence_sha) DO UPDATE SET
                   evidence_name = excluded.evidence_name, verdict = excluded.verdict, comment = excluded.comment,
                   revision = excluded.revision, reviewed_at = excluded.reviewed_at, reviewed_by = excluded.reviewed_by",
                params![plan, unit, req.task, req.evidence_sha, req.evidence_name, req.verdict.as_str(), req.comment, revision, now_stamp(), by],
            )?;
        }
        let review = tx.query_row(
            &format!("SELECT {REVIEW_COLUMNS} FROM review WHERE plan_id = ?1 AND unit_code = ?2 AND task_code = ?3 AND evidence_sha = ?4"),
            params![plan, unit, req.task, req.evidence_sha],
            read_review,
        )?;
        tx.commit()?;
        Ok((review, changed))
    }

    /// The reviews of the plan (of one unit if given), by unit and task.
    pub fn reviews(&self, plan: &str, unit: Option<&str>) -> Result<Vec<Review>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {REVIEW_COLUMNS} FROM review WHERE plan_id = ?1 AND (?2 IS NULL OR unit_code = ?2)
             ORDER BY unit_code, task_code, evidence_sha"
        ))?;
        Ok(st.query_map(params![plan, unit], read_review)?.collect::<rusqlite::Result<_>>()?)
    }

    pub fn next_feedback(&self, unit: &str) -> Result<(i64, Option<String>)> {
        next_sent(&self.conn, "feedback_sent", unit)
    }

    pub fn record_feedback_sent(&self, unit: &str, sequence: i64, manifest_sha: &str) -> Result<()> {
        record_sent(&self.conn, "feedback_sent", unit, sequence, manifest_sha)
    }

    // ---- at the unit ---------------------------------------------------------

    /// Stores an imported feedback package and its requests in one
    /// transaction. The same package again changes nothing; one older than
    /// (or as old as) the newest from the same parent is refused. A request
    /// whose revision is unchanged keeps the time it first arrived.
    pub fn import_feedback(&mut self, unit: &str, plan: &str, r: &SignedIn, key_id: &str, requests: &[Request]) -> Result<SignedImport> {
        let tx = Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)?;
        if !insert_signed_in(&tx, InTable::Feedback, unit, r, key_id)? {
            return Ok(SignedImport::AlreadyImported);
        }
        for q in requests {
            let held: Option<i64> = tx
                .query_row(
                    "SELECT revision FROM request_in WHERE parent_code = ?1 AND plan_id = ?2 AND unit_code = ?3 AND task_code = ?4 AND evidence_sha = ?5",
                    params![r.parent, plan, unit, q.task, q.evidence_sha],
                    |row| row.get(0),
                )
                .optional()?;
            if held.is_some_and(|h| h >= q.revision) {
                continue;
            }
            let (ev, hi) = task_marks(&tx, plan, unit, &q.task)?;
            tx.execute(
                "INSERT OR REPLACE INTO request_in (parent_code, plan_id, unit_code, task_code, evidence_sha, evidence_name, verdict, comment,
                                                    revision, reviewed_at, received_at, evidence_mark, history_mark)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params![r.parent, plan, unit, q.task, q.evidence_sha, q.evidence_name, q.verdict.as_str(), q.comment, q.revision, q.reviewed_at, now_stamp(), ev, hi],
            )?;
        }
        tx.commit()?;
        Ok(SignedImport::Imported)
    }

    /// The requests the unit holds (for one task if given), by task.
    pub fn requests_in(&self, plan: &str, unit: &str, task: Option<&str>) -> Result<Vec<RequestIn>> {
        let mut st = self.conn.prepare(
            "SELECT parent_code, task_code, evidence_sha, evidence_name, comment, verdict, revision, reviewed_at, received_at, evidence_mark, history_mark
             FROM request_in WHERE plan_id = ?1 AND unit_code = ?2 AND (?3 IS NULL OR task_code = ?3)
             ORDER BY task_code, evidence_sha, parent_code",
        )?;
        Ok(st.query_map(params![plan, unit, task], read_request_in)?.collect::<rusqlite::Result<_>>()?)
    }

    /// The ids of the task's evidence rows above `mark`, and the history
    /// entries (field names) above `history_mark`: what the unit did since.
    pub fn done_since(&self, plan: &str, unit: &str, task: &str, evidence_mark: i64, history_mark: i64) -> Result<(Vec<i64>, Vec<String>)> {
        let mut st = self
            .conn
            .prepare("SELECT id FROM evidence WHERE plan_id = ?1 AND unit_code = ?2 AND task_code = ?3 AND id > ?4 ORDER BY id")?;
        let ids = st.query_map(params![plan, unit, task, evidence_mark], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let mut st = self.conn.prepare(
            "SELECT DISTINCT h.field FROM history h JOIN assignment a ON a.id = h.assignment_id
             WHERE a.plan_id = ?1 AND a.unit_code = ?2 AND a.task_code = ?3 AND h.id > ?4 ORDER BY h.field",
        )?;
        let fields = st.query_map(params![plan, unit, task, history_mark], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok((ids, fields))
    }

    // ---- the drop folder -----------------------------------------------------

    /// What a person decided about a package found in the drop folder, by the file's SHA-256.
    pub fn drop_decision(&self, file_sha: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT decision FROM drop_seen WHERE file_sha = ?1", [file_sha], |r| r.get(0)).optional()?)
    }

    pub fn record_drop_decision(&self, file_sha: &str, name: &str, accepted: bool) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO drop_seen (file_sha, name, decision, decided_at) VALUES (?1, ?2, ?3, ?4)",
            params![file_sha, name, if accepted { "accepted" } else { "declined" }, now_stamp()],
        )?;
        Ok(())
    }
}

impl MergeTx<'_> {
    /// Records what a unit's current bundle says of the requests of
    /// `parent` (this office), in the merge's transaction: a request the
    /// bundle calls answered is marked so for the revision it names.
    pub fn record_answers(&self, plan: &str, unit: &str, parent: &str, answers: &[Answer]) -> Result<()> {
        for a in answers.iter().filter(|a| a.parent == parent) {
            let note = serde_json::to_string(a).expect("answer serialises");
            self.tx().execute(
                "UPDATE review SET answered_rev = ?5, answered_at = ?6, answered_note = ?7
                 WHERE plan_id = ?1 AND unit_code = ?2 AND task_code = ?3 AND evidence_sha = ?4 AND revision = ?8",
                params![plan, unit, a.task, a.evidence_sha, a.answered.then_some(a.revision), a.answered.then(now_stamp), note, a.revision],
            )?;
        }
        Ok(())
    }
}
