//! The SQLite store: the only module that speaks SQL.
//!
//! One database file per installation, WAL mode, foreign keys on, every
//! multi-row change in one transaction, schema from an append-only list of
//! migrations recorded in the database.

pub mod backup;
pub mod blobs;
pub mod bundles;
mod evidence;
mod migrations;
mod org;
pub use org::OrgOrigin;
mod plan_edit;
pub use plan_edit::PlanEditRecord;
pub mod feedback;
pub mod receipts;
mod increments;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use crate::domain::{Figure, Period, Plan, Role, Status};
use crate::error::{Error, Kind, Result, StoreError};
use crate::plan::{self, PlanSource};
use crate::progress::{Change, HistoryEntry, TaskState};
pub use evidence::{CHUNK, Stored};
pub use migrations::MIGRATIONS;

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        let kind = match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Database { detail: e.to_string() },
        };
        Error::from(kind).with_source(e)
    }
}

/// Stores `plan` (built from `src`) and its assignments and makes it the
/// active plan, inside the caller's transaction.
pub(crate) fn write_plan(tx: &Transaction, plan: &Plan, src: &PlanSource) -> Result<()> {
    let json = serde_json::to_string(src).expect("plan source serialises");
    tx.execute(
        "INSERT INTO plan (id, hash, source, year, installed_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(id) DO UPDATE SET hash = excluded.hash, source = excluded.source, year = excluded.year",
        params![plan.id, plan.hash, json, plan.year, now_stamp()],
    )?;
    {
        let mut ins = tx.prepare(
            "INSERT INTO assignment (plan_id, task_code, unit_code, role) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(plan_id, task_code, unit_code) DO UPDATE SET role = excluded.role",
        )?;
        for t in &plan.tasks {
            for (units, role) in [(&t.lead, Role::Lead), (&t.coordinating, Role::Coordinating)] {
                for u in units {
                    ins.execute(params![plan.id, t.code, u, role.as_str()])?;
                }
            }
        }
    }
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('active_plan', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [&plan.id],
    )?;
    Ok(())
}

/// The table that records applied migrations (created before any of them).
const SCHEMA_MIGRATION_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migration (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
)";

/// The database file name inside the data folder.
pub const DB_FILE: &str = "tiendo.sqlite3";

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// The evidence files (declared after `conn`: an in-memory store's
    /// scratch folder goes once the connection is closed).
    blobs: blobs::Blobs,
}

/// The current local time as stored ("2023-03-31T14:05:00").
pub fn now_stamp() -> String {
    crate::clock::now_stamp()
}

fn migration_checksum(sql: &str) -> String {
    crate::util::sha256_hex(sql.as_bytes())
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let open = || -> Result<Store> {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let conn = Connection::open(path)?;
            let mut store = Store { conn, path: Some(path.to_owned()), blobs: blobs::Blobs::for_db(Some(path)) };
            store.configure()?;
            store.migrate()?;
            store.move_blobs_out()?;
            store.sweep_blobs()?;
            Ok(store)
        };
        open().map_err(|e| {
            // A write-protected stick or folder: SQLite says "unable to open"
            // (it cannot create its -shm file); say what it is.
            let schema = matches!(e.kind(), Kind::Store(StoreError::Newer { .. } | StoreError::MigrationEdited { .. }));
            if !schema && is_read_only(path) {
                Error::from(StoreError::ReadOnly)
            } else {
                e
            }
        })
    }

    /// An in-memory database (tests, `--demo` builds on a temporary file instead).
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store { conn, path: None, blobs: blobs::Blobs::for_db(None) };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// How long a statement waits for another writer before it reports
    /// [`Error::is_busy`] (5 s unless set). The window's save worker waits
    /// briefly and tries again, so a long merge never makes a save fail.
    pub fn set_busy_timeout(&self, wait: std::time::Duration) -> Result<()> {
        self.conn.busy_timeout(wait)?;
        Ok(())
    }

    fn configure(&mut self) -> Result<()> {
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        if self.path.is_some() {
            // A new database gets SQLite's default 4 KiB pages: evidence
            // lives in files, the database holds only small rows, and each
            // backup generation copies every page. (Databases made when
            // evidence was inside got 64 KiB pages; they go back to 4 KiB
            // when their evidence is moved out.)
            self.conn.execute_batch("PRAGMA page_size = 4096;")?;
            let mode: String = self.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            debug_assert_eq!(mode.to_ascii_lowercase(), "wal");
        }
        // FULL: a commit is on disk when it returns, so a power cut right
        // after "saved" loses nothing (NORMAL could roll the last commits back).
        self.conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")?;
        if self.path.is_some() {
            // Checkpoint about every 8 MiB of WAL whatever the page size, and
            // give the disk back after a large import (the WAL is cut to 64 MiB).
            let page: i64 = self.conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
            self.conn.query_row(&format!("PRAGMA wal_autocheckpoint = {}", (8 << 20) / page.max(512)), [], |_| Ok(()))?;
            self.conn.query_row(&format!("PRAGMA journal_size_limit = {}", 64 << 20), [], |_| Ok(()))?;
        }
        Ok(())
    }

    /// The schema version this database is at.
    pub fn schema_version(&self) -> Result<usize> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize)
    }

    fn migrate(&mut self) -> Result<()> {
        // One write transaction for the check and every step: two processes
        // opening an old database at once migrate it once, and a database
        // that is refused is left as it was.
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        tx.execute_batch(SCHEMA_MIGRATION_TABLE)?;
        let applied: Vec<(usize, String, String)> = {
            let mut st = self.conn.prepare("SELECT version, name, checksum FROM schema_migration ORDER BY version")?;
            st.query_map([], |r| Ok((r.get::<_, i64>(0)? as usize, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        if let Some((v, _, _)) = applied.iter().find(|(v, _, _)| *v > MIGRATIONS.len()) {
            return Err(Error::from(StoreError::Newer { found: *v, known: MIGRATIONS.len() }));
        }
        for (i, (v, name, sum)) in applied.iter().enumerate() {
            if *v != i + 1 {
                return Err(Error::from(StoreError::MigrationEdited { version: *v }));
            }
            let m = &MIGRATIONS[*v - 1];
            if m.name != name || migration_checksum(m.sql) != *sum {
                return Err(Error::from(StoreError::MigrationEdited { version: *v }));
            }
        }
        if !applied.is_empty()
            && applied.len() < MIGRATIONS.len()
            && let Some(path) = &self.path
        {
            // Keep a copy of the data as it was before its schema changes.
            // Read through a second connection: this one holds the write lock
            // (so that no other process migrates meanwhile), and in WAL mode a
            // reader still sees the last committed state.
            let dir = path.parent().map(|d| d.join("backups")).unwrap_or_else(|| PathBuf::from("backups"));
            let source = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            source.busy_timeout(std::time::Duration::from_secs(5))?;
            self.rotate_backup_of(&source, &dir, &format!("before-v{}", MIGRATIONS.len()), true)?;
        }
        for (i, m) in MIGRATIONS.iter().enumerate().skip(applied.len()) {
            let version = i + 1;
            tx.execute_batch(m.sql)?;
            tx.execute(
                "INSERT INTO schema_migration (version, name, checksum, applied_at) VALUES (?1, ?2, ?3, ?4)",
                params![version as i64, m.name, migration_checksum(m.sql), now_stamp()],
            )?;
            tx.execute_batch(&format!("PRAGMA user_version = {version}"))?;
        }
        tx.commit()?;
        Ok(())
    }

    /// `PRAGMA integrity_check` says "ok".
    pub fn integrity_ok(&self) -> Result<bool> {
        let s: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(s == "ok")
    }

    // ---- meta ---------------------------------------------------------------

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    // ---- plans --------------------------------------------------------------

    /// Stores a plan, creates the assignment of every (task, unit) it names
    /// and makes it the active plan — all in one transaction. Installing the
    /// same plan again keeps the progress already recorded.
    ///
    /// While the organisation is still the built-in example, it follows the
    /// plan installed (a plan package from another organisation brings its
    /// units); an organisation of one's own keeps its units.
    pub fn install_plan(&mut self, src: &PlanSource) -> Result<Plan> {
        let mut org = self.org()?;
        let follow = !org.is_empty() && self.org_origin()? == OrgOrigin::Example;
        if follow {
            org = crate::org::Org::from_plan_units(&src.id, &src.units)?;
        }
        let plan = plan::build_in(src, (!org.is_empty()).then_some(&org))?;
        let tx = self.conn.transaction()?;
        if follow {
            let example = src.units == plan::builtin_source().units;
            org::write_org(&tx, &org, if example { OrgOrigin::Example } else { OrgOrigin::Own })?;
        }
        write_plan(&tx, &plan, src)?;
        tx.commit()?;
        Ok(plan)
    }

    /// The ids of every installed plan, oldest installation first.
    pub fn plan_ids(&self) -> Result<Vec<String>> {
        let mut st = self.conn.prepare("SELECT id FROM plan ORDER BY installed_at, id")?;
        let ids = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(ids)
    }

    /// The id of the active plan, if any plan is installed.
    pub fn active_plan_id(&self) -> Result<Option<String>> {
        self.meta("active_plan")
    }

    pub fn plan_source(&self, id: &str) -> Result<PlanSource> {
        let json: String = self
            .conn
            .query_row("SELECT source FROM plan WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::new("err-no-plan"))?;
        serde_json::from_str(&json).map_err(|e| Error::new("err-plan-file").arg("detail", e.to_string()))
    }

    /// The active plan, resolved.
    pub fn active_plan(&self) -> Result<Plan> {
        let id = self.active_plan_id()?.ok_or_else(|| Error::new("err-no-plan"))?;
        let org = self.org()?;
        plan::build_in(&self.plan_source(&id)?, (!org.is_empty()).then_some(&org))
    }

    // ---- task instances -----------------------------------------------------

    fn assignment_id(&self, plan: &str, task: &str, unit: &str) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT id FROM assignment WHERE plan_id = ?1 AND task_code = ?2 AND unit_code = ?3",
                [plan, task, unit],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::new("err-not-assigned").arg("task", task).arg("unit", unit))
    }

    /// Every task state of `unit` in `plan`, keyed by task code.
    pub fn task_states(&self, plan: &str, unit: &str) -> Result<BTreeMap<String, TaskState>> {
        let mut out = BTreeMap::new();
        let mut st = self.conn.prepare(
            "SELECT id, task_code, role, status, progress, note, updated_at
             FROM assignment WHERE plan_id = ?1 AND unit_code = ?2",
        )?;
        let mut ids = BTreeMap::new();
        let rows = st.query_map([plan, unit], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?;
        for row in rows {
            let (id, task, role, status, progress, note, updated_at) = row?;
            let mut s = TaskState::new(&task, unit, Role::parse(&role).unwrap_or(Role::Coordinating));
            s.status = Status::parse(&status).unwrap_or_default();
            s.progress = progress.clamp(0, 100) as u8;
            s.note = note;
            s.updated_at = updated_at;
            ids.insert(id, task.clone());
            out.insert(task, s);
        }
        let mut ms = self.conn.prepare(
            "SELECT m.assignment_id, m.due, m.done_on FROM milestone_done m
             JOIN assignment a ON a.id = m.assignment_id WHERE a.plan_id = ?1 AND a.unit_code = ?2",
        )?;
        let rows = ms.query_map([plan, unit], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })?;
        for row in rows {
            let (id, due, done) = row?;
            if let (Some(task), Ok(due), Ok(done)) = (ids.get(&id), parse_date(&due), parse_date(&done))
                && let Some(s) = out.get_mut(task)
            {
                s.milestones_done.insert(due, done);
            }
        }
        Ok(out)
    }

    /// The units of `plan` that have at least one assignment, with their state counts.
    pub fn task_state(&self, plan: &str, unit: &str, task: &str) -> Result<TaskState> {
        self.assignment_id(plan, task, unit)?;
        let mut all = self.task_states(plan, unit)?;
        all.remove(task).ok_or_else(|| Error::new("err-not-assigned").arg("task", task).arg("unit", unit))
    }

    /// Applies a change to a task instance and records each changed field in
    /// the history, in one transaction. Returns the new state.
    pub fn update_task(&mut self, plan: &str, unit: &str, task: &str, change: &Change, by: &str) -> Result<TaskState> {
        // Take the write lock first and read the state inside the transaction,
        // so that two processes updating the same task queue up (busy
        // timeout) and each records the value it really replaced.
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let before = self.task_state(plan, unit, task)?;
        let id = self.assignment_id(plan, task, unit)?;
        let at = now_stamp();
        let mut changed = false;
        let log = |tx: &Transaction, field: &str, old: &str, new: &str| -> Result<()> {
            tx.execute(
                "INSERT INTO history (assignment_id, at, by, field, old, new) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, at, by, field, old, new],
            )?;
            Ok(())
        };
        if let Some(s) = change.status
            && s != before.status
        {
            tx.execute("UPDATE assignment SET status = ?1 WHERE id = ?2", params![s.as_str(), id])?;
            log(&tx, "status", before.status.as_str(), s.as_str())?;
            changed = true;
        }
        // One rule for every caller (window, command line): a task done (on
        // time or late) is 100 % done. Setting it done sets 100 %; a lower
        // figure for a done task is refused, not silently replaced.
        let status_after = change.status.unwrap_or(before.status);
        let progress = match change.progress {
            Some(p) if status_after.is_done() && p < 100 => {
                return Err(Error::new("err-done-progress").arg("task", task).arg("value", p as u32));
            }
            _ if status_after.is_done() => Some(100),
            p => p,
        };
        if let Some(p) = progress {
            if p > 100 {
                return Err(Error::new("err-bad-progress").arg("value", p as u32));
            }
            if p != before.progress {
                tx.execute("UPDATE assignment SET progress = ?1 WHERE id = ?2", params![p, id])?;
                log(&tx, "progress", &before.progress.to_string(), &p.to_string())?;
                changed = true;
            }
        }
        if let Some(n) = &change.note {
            let n = crate::text::nfc(n);
            if n != before.note {
                tx.execute("UPDATE assignment SET note = ?1 WHERE id = ?2", params![n, id])?;
                log(&tx, "note", &before.note, &n)?;
                changed = true;
            }
        }
        if let Some((due, done)) = change.milestone_done {
            let old = before.milestones_done.get(&due).map(|d| d.to_string()).unwrap_or_default();
            if old != done.to_string() {
                tx.execute(
                    "INSERT INTO milestone_done (assignment_id, due, done_on) VALUES (?1, ?2, ?3)
                     ON CONFLICT(assignment_id, due) DO UPDATE SET done_on = excluded.done_on",
                    params![id, due.to_string(), done.to_string()],
                )?;
                log(&tx, &format!("milestone {due}"), &old, &done.to_string())?;
                changed = true;
            }
        }
        if let Some(due) = change.milestone_undone
            && let Some(old) = before.milestones_done.get(&due)
        {
            tx.execute(
                "DELETE FROM milestone_done WHERE assignment_id = ?1 AND due = ?2",
                params![id, due.to_string()],
            )?;
            log(&tx, &format!("milestone {due}"), &old.to_string(), "")?;
            changed = true;
        }
        if changed {
            tx.execute("UPDATE assignment SET updated_at = ?1 WHERE id = ?2", params![at, id])?;
        }
        tx.commit()?;
        self.task_state(plan, unit, task)
    }

    /// The change history of one task instance, oldest first.
    pub fn history(&self, plan: &str, unit: &str, task: &str) -> Result<Vec<HistoryEntry>> {
        let id = self.assignment_id(plan, task, unit)?;
        let mut st = self
            .conn
            .prepare("SELECT at, by, field, old, new FROM history WHERE assignment_id = ?1 ORDER BY id")?;
        let rows = st.query_map([id], |r| {
            Ok(HistoryEntry { at: r.get(0)?, by: r.get(1)?, field: r.get(2)?, old: r.get(3)?, new: r.get(4)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    // ---- KPI figures --------------------------------------------------------

    pub fn set_figure(&mut self, plan: &str, target: &str, unit: &str, period: Period, f: Figure, by: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO kpi_figure (plan_id, target_code, unit_code, period, numerator, denominator, updated_at, by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(plan_id, target_code, unit_code, period) DO UPDATE SET
               numerator = excluded.numerator, denominator = excluded.denominator,
               updated_at = excluded.updated_at, by = excluded.by",
            params![plan, target, unit, period.to_string(), f.numerator, f.denominator, now_stamp(), by],
        )?;
        Ok(())
    }

    pub fn clear_figure(&mut self, plan: &str, target: &str, unit: &str, period: Period) -> Result<()> {
        self.conn.execute(
            "DELETE FROM kpi_figure WHERE plan_id = ?1 AND target_code = ?2 AND unit_code = ?3 AND period = ?4",
            params![plan, target, unit, period.to_string()],
        )?;
        Ok(())
    }

    /// Every figure of `plan`: (target, unit, quarter, figure).
    pub fn figures(&self, plan: &str) -> Result<Vec<(String, String, Period, Figure)>> {
        let mut st = self.conn.prepare(
            "SELECT target_code, unit_code, period, numerator, denominator FROM kpi_figure WHERE plan_id = ?1",
        )?;
        let rows = st.query_map([plan], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                Figure { numerator: r.get(3)?, denominator: r.get(4)? },
            ))
        })?;
        let mut out = vec![];
        for row in rows {
            let (t, u, p, f) = row?;
            if let Ok(p) = Period::parse(&p) {
                out.push((t, u, p, f));
            }
        }
        Ok(out)
    }
}

/// The database file (or, before it exists, its folder) cannot be written.
fn is_read_only(path: &Path) -> bool {
    use std::io::ErrorKind::{PermissionDenied, ReadOnlyFilesystem};
    let probe = if path.exists() {
        std::fs::OpenOptions::new().append(true).open(path).err()
    } else {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let probe = dir.join(format!(".tiendo-write-test-{}", std::process::id()));
        match std::fs::File::create(&probe) {
            Ok(_) => {
                let _ = std::fs::remove_file(&probe);
                None
            }
            Err(e) => Some(e),
        }
    };
    probe.is_some_and(|e| matches!(e.kind(), ReadOnlyFilesystem | PermissionDenied))
}

fn parse_date(s: &str) -> std::result::Result<NaiveDate, chrono::ParseError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
}

/// Helpers for tests that must put a database in states the app never
/// creates (a database from a future version).
#[doc(hidden)]
pub mod testing {
    use super::*;

    /// Creates a database at `path` with only the first `version` migrations
    /// applied, as a released version with that schema made it (fixtures of
    /// old schema versions for the migration tests).
    pub fn create_at_version(path: &Path, version: usize) -> Result<Connection> {
        assert!(version >= 1 && version <= MIGRATIONS.len(), "schema version {version}");
        let conn = Connection::open(path)?;
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        conn.execute_batch(SCHEMA_MIGRATION_TABLE)?;
        for (i, m) in MIGRATIONS.iter().enumerate().take(version) {
            conn.execute_batch(m.sql)?;
            conn.execute(
                "INSERT INTO schema_migration (version, name, checksum, applied_at) VALUES (?1, ?2, ?3, ?4)",
                params![(i + 1) as i64, m.name, migration_checksum(m.sql), now_stamp()],
            )?;
            conn.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
        }
        Ok(conn)
    }

    /// What [`create_fixture`] writes, so that the migration tests can check it.
    pub mod fixture {
        pub const UNIT: &str = "X-ANT";
        pub const NOTE: &str = "Đã hoàn thành – biên bản số 12/BB-UBND";
        pub const EVIDENCE_NAME: &str = "Biên bản họp quý I.pdf";
        pub const KEY_ID: &str = "00112233AABBCCDD";
        /// The evidence bytes (schema 2 and later): 2.5 chunks of a pattern.
        pub fn evidence_bytes() -> Vec<u8> {
            (0..super::super::CHUNK * 5 / 2).map(|i| (i % 251) as u8 ^ (i / 4096) as u8).collect()
        }
    }

    /// Writes a database as a version with schema `version` left it, with
    /// real data in every table that schema has: the built-in plan and unit
    /// X-ANT, task 1.5 updated three times (status, progress, note: history),
    /// a milestone of 1.6 done, KPI figures; from schema 2 an evidence file;
    /// from schema 3 an export and a trusted key. Each step uses the store's
    /// own code, which writes those tables as the released versions did.
    pub fn create_fixture(path: &Path, version: usize) -> Result<()> {
        use crate::evidence::{DocType, EvidenceMeta};
        let conn = create_at_version(path, version)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let mut store = Store { conn, path: Some(path.to_owned()), blobs: blobs::Blobs::for_db(Some(path)) };
        let plan = store.install_plan(&crate::plan::builtin_source())?;
        store.set_meta("unit", fixture::UNIT)?;
        store.set_meta("last_backup", &now_stamp())?;
        let by = "Nguyễn Văn A (X-ANT)";
        let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        for change in [
            Change { status: Some(Status::InProgress), progress: Some(40), ..Default::default() },
            Change { status: Some(Status::Done), progress: Some(100), ..Default::default() },
            Change { note: Some(fixture::NOTE.into()), ..Default::default() },
        ] {
            store.update_task(&plan.id, fixture::UNIT, "1.5", &change, by)?;
        }
        let ms = Change { milestone_done: Some((date("2023-03-07"), date("2023-03-06"))), ..Default::default() };
        store.update_task(&plan.id, fixture::UNIT, "1.6", &ms, by)?;
        let q1 = crate::domain::Period::parse("2023Q1")?;
        let q2 = crate::domain::Period::parse("2023Q2")?;
        store.set_figure(&plan.id, "3.1.a", fixture::UNIT, q1, Figure { numerator: 980.0, denominator: 1000.0 }, by)?;
        store.set_figure(&plan.id, "3.1.a", fixture::UNIT, q2, Figure { numerator: 45.0, denominator: 50.0 }, by)?;
        if version >= 2 {
            let bytes = fixture::evidence_bytes();
            let stored = store.put_blob(&mut bytes.as_slice(), &mut |_| true)?;
            let meta = EvidenceMeta {
                doc_type: DocType::Report,
                doc_number: "12/BB-UBND".into(),
                doc_date: Some(date("2023-03-20")),
                description: "Biên bản".into(),
                milestone: None,
            };
            let name = fixture::EVIDENCE_NAME;
            store.add_evidence(&plan.id, fixture::UNIT, "1.5", &stored, name, crate::evidence::media_type(name), &meta, by)?;
        }
        if version >= 3 {
            store.record_export(fixture::UNIT, "2023Q1", 1, &"ab".repeat(32))?;
            store.put_key(fixture::KEY_ID, "X-AP", "RWQAESIzqrvM3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d", "trusted")?;
        }
        store.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
        Ok(())
    }

    /// Records a migration beyond the ones this version knows.
    pub fn record_future_migration(path: &Path) -> Result<()> {
        let conn = Connection::open(path)?;
        conn.execute(
            "INSERT INTO schema_migration (version, name, checksum, applied_at) VALUES (?1, 'future', '', ?2)",
            params![(MIGRATIONS.len() + 1) as i64, now_stamp()],
        )?;
        Ok(())
    }
}
