//! Evidence: the bytes as files beside the database ([`super::blobs`]),
//! streamed and hashed while copied, deduplicated by SHA-256, and the
//! attachments to task instances as rows. Memory stays flat whatever the
//! file size. Databases from before evidence files keep their bytes in
//! `blob_chunk` until they are moved out at start.

use std::collections::BTreeMap;
use std::io::{Read, Write};

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};
use sha2::{Digest, Sha256};

use super::blobs::{copy_verified, register};
use super::{Store, now_stamp};
use crate::error::{Error, Result, StoreError};
use crate::evidence::{DocType, Evidence, EvidenceMeta};

/// Size of one chunk of evidence stored inside the database (by versions
/// before evidence files; read only to move them out).
pub const CHUNK: usize = 1 << 20;

/// The result of storing bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub blob_id: i64,
    pub sha256: String,
    pub size: u64,
    /// The bytes were already in the database.
    pub deduplicated: bool,
}

impl Store {
    /// Streams `reader` into the evidence folder, reading it once and hashing
    /// as it goes. `progress` is called with the bytes copied so far and may
    /// return `false` to cancel (nothing is then kept).
    pub fn put_blob(&mut self, reader: &mut dyn Read, progress: &mut dyn FnMut(u64) -> bool) -> Result<Stored> {
        let staged = self.blobs.stage(reader, progress)?;
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let stored = register(&tx, &self.blobs, &staged)?;
        tx.commit()?;
        Ok(stored)
    }

    /// Writes the bytes of a blob to `out`, checking their size and hash.
    pub fn read_blob(&self, sha256: &str, out: &mut dyn Write) -> Result<u64> {
        let (id, size, in_db): (i64, i64, bool) = self
            .conn
            .query_row("SELECT id, size, in_db FROM blob WHERE sha256 = ?1", [sha256], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?
            .ok_or_else(|| Error::new("err-no-blob").arg("sha", sha256))?;
        if !in_db {
            return copy_verified(&self.blobs.path(sha256), sha256, size as u64, out);
        }
        let mut st = self.conn.prepare("SELECT data FROM blob_chunk WHERE blob_id = ?1 ORDER BY seq")?;
        let mut rows = st.query([id])?;
        let mut hasher = Sha256::new();
        let mut written: u64 = 0;
        while let Some(row) = rows.next()? {
            let data = row.get_ref(0)?.as_blob().map_err(rusqlite::Error::from)?;
            hasher.update(data);
            out.write_all(data)?;
            written += data.len() as u64;
        }
        if written != size as u64 || crate::util::hex(&hasher.finalize()) != sha256 {
            return Err(Error::from(StoreError::BlobCorrupt { sha: sha256.into() }));
        }
        Ok(written)
    }

    /// Attaches stored bytes to a task instance.
    #[allow(clippy::too_many_arguments)]
    pub fn add_evidence(
        &mut self,
        plan: &str,
        unit: &str,
        task: &str,
        stored: &Stored,
        file_name: &str,
        media_type: &str,
        meta: &EvidenceMeta,
        by: &str,
    ) -> Result<Evidence> {
        let id = insert_evidence(&self.conn, plan, unit, task, stored.blob_id, file_name, media_type, meta, by)?;
        self.evidence(id)
    }

    /// Streams `reader` into the evidence folder and attaches it to a task
    /// instance in one transaction: after a crash either both the bytes and
    /// the attachment are there, or neither is (a file left without its row
    /// is an orphan, swept at the next start). `progress` as for [`Store::put_blob`].
    #[allow(clippy::too_many_arguments)]
    pub fn attach_evidence(
        &mut self,
        plan: &str,
        unit: &str,
        task: &str,
        reader: &mut dyn Read,
        progress: &mut dyn FnMut(u64) -> bool,
        file_name: &str,
        media_type: &str,
        meta: &EvidenceMeta,
        by: &str,
    ) -> Result<Evidence> {
        let staged = self.blobs.stage(reader, progress)?;
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let stored = register(&tx, &self.blobs, &staged)?;
        let id = insert_evidence(&tx, plan, unit, task, stored.blob_id, file_name, media_type, meta, by)?;
        tx.commit()?;
        self.evidence(id)
    }

    fn evidence_query(&self, where_sql: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<Evidence>> {
        let sql = format!(
            "SELECT e.id, e.task_code, e.unit_code, e.file_name, e.media_type, b.size, b.sha256, e.doc_type,
                    e.doc_number, e.doc_date, e.description, e.milestone, e.added_at, e.added_by
             FROM evidence e JOIN blob b ON b.id = e.blob_id WHERE {where_sql} ORDER BY e.task_code, e.id"
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(args, |r| {
            let date = |s: Option<String>| s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok());
            Ok(Evidence {
                id: r.get(0)?,
                task: r.get(1)?,
                unit: r.get(2)?,
                file_name: r.get(3)?,
                media_type: r.get(4)?,
                size: r.get::<_, i64>(5)? as u64,
                sha256: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                doc_type: DocType::parse(&r.get::<_, String>(7)?).unwrap_or_default(),
                doc_number: r.get(8)?,
                doc_date: date(r.get(9)?),
                description: r.get(10)?,
                milestone: date(r.get(11)?),
                added_at: r.get(12)?,
                added_by: r.get(13)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn evidence(&self, id: i64) -> Result<Evidence> {
        self.evidence_query("e.id = ?1", &[&id])?
            .pop()
            .ok_or_else(|| Error::new("err-no-evidence").arg("id", id))
    }

    /// Evidence of a unit in a plan, optionally of one task.
    pub fn evidence_list(&self, plan: &str, unit: &str, task: Option<&str>) -> Result<Vec<Evidence>> {
        match task {
            Some(t) => self.evidence_query("e.plan_id = ?1 AND e.unit_code = ?2 AND e.task_code = ?3", &[&plan, &unit, &t]),
            None => self.evidence_query("e.plan_id = ?1 AND e.unit_code = ?2", &[&plan, &unit]),
        }
    }

    /// Number of attachments per task code.
    pub fn evidence_counts(&self, plan: &str, unit: &str) -> Result<BTreeMap<String, usize>> {
        let mut st = self.conn.prepare(
            "SELECT task_code, COUNT(*) FROM evidence WHERE plan_id = ?1 AND unit_code = ?2 GROUP BY task_code",
        )?;
        let rows = st.query_map([plan, unit], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Corrects what is said of an attachment (type, number, date,
    /// description, milestone); its bytes stay as they are.
    pub fn update_evidence_meta(&mut self, id: i64, meta: &EvidenceMeta) -> Result<Evidence> {
        let changed = self.conn.execute(
            "UPDATE evidence SET doc_type = ?2, doc_number = ?3, doc_date = ?4, description = ?5, milestone = ?6 WHERE id = ?1",
            params![
                id,
                meta.doc_type.as_str(),
                meta.doc_number,
                meta.doc_date.map(|d| d.to_string()),
                meta.description,
                meta.milestone.map(|d| d.to_string())
            ],
        )?;
        if changed == 0 {
            return Err(Error::new("err-no-evidence").arg("id", id));
        }
        self.evidence(id)
    }

    /// Removes an attachment; its bytes go too when nothing else uses them
    /// (the row in the transaction, the file once it has committed).
    pub fn remove_evidence(&mut self, id: i64) -> Result<()> {
        let tx = self.conn.transaction()?;
        let (blob, sha): (i64, Option<String>) = tx
            .query_row("SELECT e.blob_id, b.sha256 FROM evidence e JOIN blob b ON b.id = e.blob_id WHERE e.id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| Error::new("err-no-evidence").arg("id", id))?;
        tx.execute("DELETE FROM evidence WHERE id = ?1", [id])?;
        let users: i64 = tx.query_row(
            "SELECT (SELECT COUNT(*) FROM evidence WHERE blob_id = ?1) + (SELECT COUNT(*) FROM merged_evidence WHERE blob_id = ?1)",
            [blob],
            |r| r.get(0),
        )?;
        if users == 0 {
            tx.execute("DELETE FROM blob WHERE id = ?1", [blob])?;
        }
        tx.commit()?;
        if users == 0 {
            self.drop_blob_files(&sha.into_iter().collect::<Vec<_>>())?;
        }
        Ok(())
    }

    /// Number of distinct stored files and their total size.
    pub fn blob_stats(&self) -> Result<(u64, u64)> {
        let (n, s): (i64, i64) = self.conn.query_row(
            "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM blob WHERE sha256 IS NOT NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((n as u64, s as u64))
    }
}

#[allow(clippy::too_many_arguments)]
fn insert_evidence(
    conn: &rusqlite::Connection,
    plan: &str,
    unit: &str,
    task: &str,
    blob_id: i64,
    file_name: &str,
    media_type: &str,
    meta: &EvidenceMeta,
    by: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO evidence (plan_id, task_code, unit_code, blob_id, file_name, media_type, doc_type,
                               doc_number, doc_date, description, milestone, added_at, added_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            plan,
            task,
            unit,
            blob_id,
            file_name,
            media_type,
            meta.doc_type.as_str(),
            meta.doc_number,
            meta.doc_date.map(|d| d.to_string()),
            meta.description,
            meta.milestone.map(|d| d.to_string()),
            now_stamp(),
            by,
        ],
    )?;
    Ok(conn.last_insert_rowid())
}
