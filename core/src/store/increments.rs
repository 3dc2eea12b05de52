//! Incremental bundles in the store: the manifests of the unit's own exports
//! (which evidence each bundle carried), and, at the parent office, evidence
//! a bundle only references by hash, linked to bytes already held.

use rusqlite::{OptionalExtension, params};

use super::bundles::MergeTx;
use super::{Store, now_stamp};
use crate::error::Result;

impl Store {
    /// Records an export with its manifest (JSON), so that a receipt naming
    /// the bundle later tells which evidence the parent office holds.
    pub fn record_export_manifest(&self, unit: &str, period: &str, sequence: i64, manifest_sha: &str, manifest: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO export_log (unit_code, period, sequence, manifest_sha, created_at, manifest) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![unit, period, sequence, manifest_sha, now_stamp(), manifest],
        )?;
        Ok(())
    }

    /// The manifest (JSON) of the bundle this installation exported with
    /// manifest hash `manifest_sha`, if it was recorded.
    pub fn export_manifest(&self, manifest_sha: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT manifest FROM export_log WHERE manifest_sha = ?1", [manifest_sha], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten())
    }

    /// Of `shas`, those whose bytes this installation does not hold (no
    /// stored content, or its file is gone).
    pub fn missing_blobs<'a>(&self, shas: impl IntoIterator<Item = &'a str>) -> Result<Vec<&'a str>> {
        let mut st = self.conn.prepare("SELECT in_db FROM blob WHERE sha256 = ?1")?;
        let mut missing = vec![];
        for sha in shas {
            let in_db: Option<i64> = st.query_row([sha], |r| r.get(0)).optional()?;
            let held = match in_db {
                Some(0) => self.blobs.path(sha).is_file(),
                Some(_) => true,
                None => false,
            };
            if !held {
                missing.push(sha);
            }
        }
        Ok(missing)
    }
}

impl MergeTx<'_> {
    /// Links evidence a bundle only references (by SHA-256 and size) to the
    /// bytes this installation already holds. False when it holds no such
    /// bytes: the caller refuses the bundle.
    #[allow(clippy::too_many_arguments)]
    pub fn add_held_evidence(
        &self,
        bundle: i64,
        unit: &str,
        task: &str,
        sha256: &str,
        size: u64,
        file_name: &str,
        doc_type: &str,
        doc_number: &str,
        doc_date: Option<&str>,
    ) -> Result<bool> {
        let blob: Option<i64> = self
            .tx()
            .query_row("SELECT id FROM blob WHERE sha256 = ?1 AND size = ?2", params![sha256, size as i64], |r| r.get(0))
            .optional()?;
        let Some(blob_id) = blob else { return Ok(false) };
        self.tx().execute(
            "INSERT INTO merged_evidence (bundle_id, unit_code, task_code, blob_id, file_name, doc_type, doc_number, doc_date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![bundle, unit, task, blob_id, file_name, doc_type, doc_number, doc_date],
        )?;
        Ok(true)
    }
}
