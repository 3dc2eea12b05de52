//! Bundles in the store: export sequences, the registry of trusted keys,
//! the log of merged bundles and the merged content of each unit's current
//! bundle. A merge is one transaction ([`MergeTx`]).

use std::collections::BTreeMap;
use std::io::Read;

use std::cell::RefCell;

use rusqlite::{OptionalExtension, Transaction, params};

use super::Stored;
use super::blobs::{Blobs, drop_files, register};
use super::{Store, now_stamp};
use crate::error::Result;

/// A key in the registry.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct KeyRecord {
    pub key_id: String,
    pub unit: String,
    pub public_key: String,
    pub status: String,
    pub added_at: String,
}

/// A merged bundle, as logged.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BundleRecord {
    pub id: i64,
    pub manifest_sha: String,
    pub unit: String,
    pub plan_id: String,
    pub period: String,
    pub sequence: i64,
    pub key_id: String,
    pub created_at: String,
    pub received_at: String,
    pub current: bool,
}

/// A bundle this installation exported, as logged.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ExportRecord {
    pub unit: String,
    pub period: String,
    pub sequence: i64,
    pub manifest_sha: String,
    pub created_at: String,
}

/// A task row of a merged bundle.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MergedTask {
    pub unit: String,
    pub period: String,
    pub task: String,
    pub role: String,
    pub status: String,
    pub progress: i64,
    pub note: String,
    /// due → done on
    pub milestones: BTreeMap<String, String>,
    pub evidence_count: i64,
}

/// An evidence document of a merged bundle.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MergedEvidence {
    pub unit: String,
    pub period: String,
    pub task: String,
    pub sha256: String,
    pub size: u64,
    pub file_name: String,
    pub doc_type: String,
    pub doc_number: String,
    pub doc_date: Option<String>,
}

impl Store {
    /// The next export sequence of (unit, period) and the manifest hash of the previous export.
    pub fn next_export(&self, unit: &str, period: &str) -> Result<(i64, Option<String>)> {
        let last: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT sequence, manifest_sha FROM export_log WHERE unit_code = ?1 AND period = ?2
                 ORDER BY sequence DESC LIMIT 1",
                [unit, period],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(match last {
            Some((s, sha)) => (s + 1, Some(sha)),
            None => (1, None),
        })
    }

    /// Bundles this installation exported, newest first.
    pub fn exports(&self) -> Result<Vec<ExportRecord>> {
        let mut st = self.conn.prepare(
            "SELECT unit_code, period, sequence, manifest_sha, created_at FROM export_log ORDER BY created_at DESC, rowid DESC",
        )?;
        let rows = st.query_map([], |r| {
            Ok(ExportRecord { unit: r.get(0)?, period: r.get(1)?, sequence: r.get(2)?, manifest_sha: r.get(3)?, created_at: r.get(4)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn record_export(&self, unit: &str, period: &str, sequence: i64, manifest_sha: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO export_log (unit_code, period, sequence, manifest_sha, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![unit, period, sequence, manifest_sha, now_stamp()],
        )?;
        Ok(())
    }

    /// Adds or updates a key of the registry.
    pub fn put_key(&self, key_id: &str, unit: &str, public_key: &str, status: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO trusted_key (key_id, unit_code, public_key, status, added_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(key_id) DO UPDATE SET unit_code = excluded.unit_code, public_key = excluded.public_key,
                                               status = excluded.status",
            params![key_id, unit, public_key, status, now_stamp()],
        )?;
        Ok(())
    }

    pub fn key(&self, key_id: &str) -> Result<Option<KeyRecord>> {
        Ok(self.keys()?.into_iter().find(|k| k.key_id == key_id))
    }

    pub fn keys(&self) -> Result<Vec<KeyRecord>> {
        let mut st = self.conn.prepare(
            "SELECT key_id, unit_code, public_key, status, added_at FROM trusted_key ORDER BY unit_code, added_at",
        )?;
        let rows = st.query_map([], |r| {
            Ok(KeyRecord { key_id: r.get(0)?, unit: r.get(1)?, public_key: r.get(2)?, status: r.get(3)?, added_at: r.get(4)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Bundles logged, optionally only those of one manifest hash.
    pub fn bundles(&self) -> Result<Vec<BundleRecord>> {
        let mut st = self.conn.prepare(
            "SELECT id, manifest_sha, unit_code, plan_id, period, sequence, key_id, created_at, received_at, current
             FROM bundle_log ORDER BY unit_code, period, sequence",
        )?;
        let rows = st.query_map([], |r| {
            Ok(BundleRecord {
                id: r.get(0)?,
                manifest_sha: r.get(1)?,
                unit: r.get(2)?,
                plan_id: r.get(3)?,
                period: r.get(4)?,
                sequence: r.get(5)?,
                key_id: r.get(6)?,
                created_at: r.get(7)?,
                received_at: r.get(8)?,
                current: r.get::<_, i64>(9)? != 0,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Task rows of every current bundle of `plan`.
    pub fn merged_tasks(&self, plan: &str) -> Result<Vec<MergedTask>> {
        let mut st = self.conn.prepare(
            "SELECT unit_code, period, task_code, role, status, progress, note, milestones, evidence_count
             FROM merged_task WHERE plan_id = ?1 ORDER BY unit_code, period, task_code",
        )?;
        let rows = st.query_map([plan], |r| {
            let ms: String = r.get(7)?;
            Ok(MergedTask {
                unit: r.get(0)?,
                period: r.get(1)?,
                task: r.get(2)?,
                role: r.get(3)?,
                status: r.get(4)?,
                progress: r.get(5)?,
                note: r.get(6)?,
                milestones: serde_json::from_str(&ms).unwrap_or_default(),
                evidence_count: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// KPI figures of every current bundle: (unit, quarter, target, num, den).
    pub fn merged_kpis(&self, plan: &str) -> Result<Vec<(String, String, String, f64, f64)>> {
        let mut st = self.conn.prepare(
            "SELECT unit_code, period, target_code, numerator, denominator FROM merged_kpi WHERE plan_id = ?1
             ORDER BY unit_code, period, target_code",
        )?;
        let rows = st.query_map([plan], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Evidence of every current bundle of `plan`.
    pub fn merged_evidence(&self, plan: &str) -> Result<Vec<MergedEvidence>> {
        let mut st = self.conn.prepare(
            "SELECT e.unit_code, b.period, e.task_code, bl.sha256, bl.size, e.file_name, e.doc_type, e.doc_number, e.doc_date
             FROM merged_evidence e JOIN bundle_log b ON b.id = e.bundle_id JOIN blob bl ON bl.id = e.blob_id
             WHERE b.plan_id = ?1 AND b.current = 1 ORDER BY 1, 2, 3, 6",
        )?;
        let rows = st.query_map([plan], |r| {
            Ok(MergedEvidence {
                unit: r.get(0)?,
                period: r.get(1)?,
                task: r.get(2)?,
                sha256: r.get(3)?,
                size: r.get::<_, i64>(4)? as u64,
                file_name: r.get(5)?,
                doc_type: r.get(6)?,
                doc_number: r.get(7)?,
                doc_date: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A digest of everything merges write, to compare two databases' merged
    /// state (tests, and a "same result" check after a re-merge).
    pub fn merged_digest(&self) -> Result<String> {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for sql in [
            "SELECT manifest_sha, unit_code, plan_id, period, sequence, current FROM bundle_log ORDER BY manifest_sha",
            "SELECT unit_code, plan_id, period, task_code, role, status, progress, note, milestones, evidence_count FROM merged_task ORDER BY 1,2,3,4",
            "SELECT unit_code, plan_id, period, target_code, numerator, denominator FROM merged_kpi ORDER BY 1,2,3,4",
            "SELECT b.manifest_sha, e.unit_code, e.task_code, bl.sha256, e.file_name FROM merged_evidence e JOIN bundle_log b ON b.id = e.bundle_id JOIN blob bl ON bl.id = e.blob_id ORDER BY 1,2,3,4,5",
            "SELECT sha256, size FROM blob ORDER BY sha256",
        ] {
            let mut st = self.conn.prepare(sql)?;
            let n = st.column_count();
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    h.update(format!("{v:?}|").as_bytes());
                }
                h.update(b"\n");
            }
            h.update(b"#");
        }
        Ok(crate::util::hex(&h.finalize()))
    }

    /// Starts a merge transaction.
    pub fn begin_merge(&mut self) -> Result<MergeTx<'_>> {
        // Immediate: the merge reads then writes; taking the write lock first
        // lets a concurrent writer make it wait instead of fail.
        let tx = Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)?;
        Ok(MergeTx { tx: Some(tx), conn: &self.conn, blobs: &self.blobs, placed: RefCell::new(vec![]) })
    }
}

/// One merge, all or nothing.
pub struct MergeTx<'a> {
    /// Open until committed.
    tx: Option<Transaction<'a>>,
    conn: &'a rusqlite::Connection,
    blobs: &'a Blobs,
    /// The evidence files this merge put in place for bytes new to the
    /// store: orphans if it does not commit.
    placed: RefCell<Vec<String>>,
}

impl Drop for MergeTx<'_> {
    /// A merge that did not commit (refused, failed, or a panic) is rolled
    /// back, and the files it put in place are removed at once — under the
    /// write lock and only if no row names them, like every removal; what
    /// cannot be removed now is left to the sweep at the next start.
    fn drop(&mut self) {
        if let Some(tx) = self.tx.take() {
            let _ = tx.rollback();
            self.remove_placed();
        }
    }
}

/// What a new bundle is, relative to those already merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// The same manifest was merged before: nothing to do.
    AlreadyMerged,
    /// Another bundle with the same sequence but other content exists.
    SequenceConflict,
    /// Newer than the current one: becomes current.
    Current,
    /// Older than the current one (a replay): kept as history only.
    Older,
}

impl MergeTx<'_> {
    pub(super) fn tx(&self) -> &Transaction<'_> {
        self.tx.as_ref().expect("open until committed")
    }

    fn remove_placed(&self) {
        let _ = drop_files(self.conn, self.blobs, &self.placed.borrow());
    }

    pub fn standing(&self, manifest_sha: &str, unit: &str, plan: &str, period: &str, sequence: i64) -> Result<Standing> {
        let known: Option<i64> = self
            .tx()
            .query_row("SELECT id FROM bundle_log WHERE manifest_sha = ?1", [manifest_sha], |r| r.get(0))
            .optional()?;
        if known.is_some() {
            return Ok(Standing::AlreadyMerged);
        }
        let same_seq: Option<i64> = self
            .tx()
            .query_row(
                "SELECT id FROM bundle_log WHERE unit_code = ?1 AND plan_id = ?2 AND period = ?3 AND sequence = ?4",
                params![unit, plan, period, sequence],
                |r| r.get(0),
            )
            .optional()?;
        if same_seq.is_some() {
            return Ok(Standing::SequenceConflict);
        }
        let max: Option<i64> = self.tx().query_row(
            "SELECT MAX(sequence) FROM bundle_log WHERE unit_code = ?1 AND plan_id = ?2 AND period = ?3",
            params![unit, plan, period],
            |r| r.get(0),
        )?;
        Ok(match max {
            Some(m) if m > sequence => Standing::Older,
            _ => Standing::Current,
        })
    }

    /// Logs a bundle; when `current`, it replaces the unit's previous current
    /// bundle for that period (whose merged rows are dropped).
    #[allow(clippy::too_many_arguments)]
    pub fn log_bundle(
        &self,
        manifest_sha: &str,
        unit: &str,
        plan: &str,
        period: &str,
        sequence: i64,
        key_id: &str,
        created_at: &str,
        manifest: &str,
        current: bool,
    ) -> Result<i64> {
        if current {
            let old: Vec<i64> = {
                let mut st = self.tx().prepare(
                    "SELECT id FROM bundle_log WHERE unit_code = ?1 AND plan_id = ?2 AND period = ?3 AND current = 1",
                )?;
                st.query_map(params![unit, plan, period], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
            };
            for id in old {
                self.tx().execute("DELETE FROM merged_task WHERE bundle_id = ?1", [id])?;
                self.tx().execute("DELETE FROM merged_kpi WHERE bundle_id = ?1", [id])?;
                self.tx().execute("DELETE FROM merged_evidence WHERE bundle_id = ?1", [id])?;
                self.tx().execute("UPDATE bundle_log SET current = 0 WHERE id = ?1", [id])?;
            }
        }
        self.tx().execute(
            "INSERT INTO bundle_log (manifest_sha, unit_code, plan_id, period, sequence, key_id, created_at, received_at, current, manifest)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![manifest_sha, unit, plan, period, sequence, key_id, created_at, now_stamp(), current as i64, manifest],
        )?;
        Ok(self.tx().last_insert_rowid())
    }

    pub fn add_task(&self, bundle: i64, plan: &str, t: &MergedTask) -> Result<()> {
        self.tx().execute(
            "INSERT INTO merged_task (bundle_id, unit_code, plan_id, period, task_code, role, status, progress, note, milestones, evidence_count)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT(unit_code, plan_id, period, task_code) DO UPDATE SET
               bundle_id = excluded.bundle_id, role = excluded.role, status = excluded.status,
               progress = excluded.progress, note = excluded.note, milestones = excluded.milestones,
               evidence_count = excluded.evidence_count",
            params![
                bundle,
                t.unit,
                plan,
                t.period,
                t.task,
                t.role,
                t.status,
                t.progress,
                t.note,
                serde_json::to_string(&t.milestones).expect("map serialises"),
                t.evidence_count
            ],
        )?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub fn add_kpi(&self, bundle: i64, unit: &str, plan: &str, quarter: &str, target: &str, num: f64, den: f64) -> Result<()> {
        self.tx().execute(
            "INSERT INTO merged_kpi (bundle_id, unit_code, plan_id, period, target_code, numerator, denominator)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(unit_code, plan_id, period, target_code) DO UPDATE SET
               bundle_id = excluded.bundle_id, numerator = excluded.numerator, denominator = excluded.denominator",
            params![bundle, unit, plan, quarter, target, num, den],
        )?;
        Ok(())
    }

    /// Stores evidence bytes (deduplicated by hash) and links them to the
    /// bundle. The bytes are streamed to a temporary file first, then put in
    /// place under this transaction's write lock (a rollback leaves an
    /// orphan file, swept at the next start).
    #[allow(clippy::too_many_arguments)]
    pub fn add_evidence(
        &self,
        bundle: i64,
        unit: &str,
        task: &str,
        reader: &mut dyn Read,
        file_name: &str,
        doc_type: &str,
        doc_number: &str,
        doc_date: Option<&str>,
    ) -> Result<Stored> {
        let staged = self.blobs.stage(reader, &mut |_| true)?;
        let stored = register(self.tx(), self.blobs, &staged)?;
        if !stored.deduplicated {
            self.placed.borrow_mut().push(stored.sha256.clone());
        }
        self.tx().execute(
            "INSERT INTO merged_evidence (bundle_id, unit_code, task_code, blob_id, file_name, doc_type, doc_number, doc_date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![bundle, unit, task, stored.blob_id, file_name, doc_type, doc_number, doc_date],
        )?;
        Ok(stored)
    }

    /// Drops stored bytes no attachment or merged bundle uses any more, then
    /// commits; their files are deleted after the commit.
    pub fn commit(mut self) -> Result<()> {
        const UNUSED: &str = "FROM blob WHERE id NOT IN (SELECT blob_id FROM evidence)
                                AND id NOT IN (SELECT blob_id FROM merged_evidence)";
        let gone: Vec<String> = {
            let mut st = self.tx().prepare(&format!("SELECT sha256 {UNUSED} AND sha256 IS NOT NULL"))?;
            st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
        };
        self.tx().execute(&format!("DELETE {UNUSED}"), [])?;
        let tx = self.tx.take().expect("open until committed");
        if let Err(e) = tx.commit() {
            // Rolled back: what this merge placed is an orphan.
            self.remove_placed();
            return Err(e.into());
        }
        drop_files(self.conn, self.blobs, &gone)
    }
}
