//! Receipts in the store: at the parent office the append-only log of every
//! bundle received with its verdict and the receipt files written; at the
//! unit the receipts imported from the parent office.

use rusqlite::{OptionalExtension, Transaction, params};

use super::bundles::MergeTx;
use super::Store;
use crate::error::Result;

/// What the parent office did with a bundle it received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The first bundle of the unit for the period, merged.
    Merged,
    /// Merged, replacing an older bundle of the same period.
    Replaced,
    /// Older than the one already merged: kept as history only.
    Older,
    /// Refused (the reason says why); nothing of it was merged.
    Rejected,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Merged => "merged",
            Verdict::Replaced => "replaced",
            Verdict::Older => "older",
            Verdict::Rejected => "rejected",
        }
    }
    pub fn parse(s: &str) -> Option<Verdict> {
        Some(match s {
            "merged" => Verdict::Merged,
            "replaced" => Verdict::Replaced,
            "older" => Verdict::Older,
            "rejected" => Verdict::Rejected,
            _ => return None,
        })
    }
}

/// One bundle received, as the receipt tells it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceiptEntry {
    pub plan_id: String,
    pub period: String,
    /// The bundle's sequence ("lần 2").
    pub sequence: i64,
    /// SHA-256 of the bundle's manifest.
    pub manifest_sha: String,
    pub received_at: String,
    pub verdict: Verdict,
    #[serde(default)]
    pub reason: String,
}

fn read_entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, ReceiptEntry)> {
    let verdict: String = r.get(7)?;
    Ok((
        r.get(0)?,
        ReceiptEntry {
            plan_id: r.get(1)?,
            period: r.get(2)?,
            sequence: r.get(3)?,
            manifest_sha: r.get(4)?,
            received_at: r.get(5)?,
            reason: r.get(6)?,
            verdict: Verdict::parse(&verdict).unwrap_or(Verdict::Rejected),
        },
    ))
}

fn insert_entry(conn: &rusqlite::Connection, unit: &str, e: &ReceiptEntry) -> Result<()> {
    conn.execute(
        "INSERT INTO receipt_log (unit_code, plan_id, period, sequence, manifest_sha, received_at, verdict, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![unit, e.plan_id, e.period, e.sequence, e.manifest_sha, e.received_at, e.verdict.as_str(), e.reason],
    )?;
    Ok(())
}

impl MergeTx<'_> {
    /// Whether the unit has a current bundle for the period (a new one then replaces it).
    pub fn has_current(&self, unit: &str, plan: &str, period: &str) -> Result<bool> {
        Ok(self
            .tx()
            .query_row(
                "SELECT 1 FROM bundle_log WHERE unit_code = ?1 AND plan_id = ?2 AND period = ?3 AND current = 1",
                params![unit, plan, period],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Logs the receipt of a merged bundle, in the merge's transaction.
    pub fn log_receipt(&self, unit: &str, e: &ReceiptEntry) -> Result<()> {
        insert_entry(self.tx(), unit, e)
    }
}

/// An imported receipt, as the unit keeps it.
pub type ReceiptIn = super::feedback::SignedIn;

/// What importing a receipt did.
pub type ReceiptImport = super::feedback::SignedImport;

impl Store {
    /// Logs a received bundle outside a merge (a rejection: the merge was rolled back).
    pub fn log_receipt(&self, unit: &str, e: &ReceiptEntry) -> Result<()> {
        insert_entry(&self.conn, unit, e)
    }

    /// The receipt log, oldest first: (unit, entry).
    pub fn receipt_log(&self) -> Result<Vec<(String, ReceiptEntry)>> {
        let mut st = self.conn.prepare(
            "SELECT unit_code, plan_id, period, sequence, manifest_sha, received_at, reason, verdict FROM receipt_log ORDER BY id",
        )?;
        Ok(st.query_map([], read_entry)?.collect::<rusqlite::Result<_>>()?)
    }

    /// The next receipt sequence for `unit` and the previous receipt's manifest hash.
    pub fn next_receipt(&self, unit: &str) -> Result<(i64, Option<String>)> {
        super::feedback::next_sent(&self.conn, "receipt_sent", unit)
    }

    pub fn record_receipt_sent(&self, unit: &str, sequence: i64, manifest_sha: &str) -> Result<()> {
        super::feedback::record_sent(&self.conn, "receipt_sent", unit, sequence, manifest_sha)
    }

    /// Stores an imported receipt in one transaction: the same receipt
    /// again changes nothing; one older than (or as old as) the newest from
    /// the same parent for the same unit is refused.
    pub fn import_receipt(&mut self, unit: &str, r: &ReceiptIn, key_id: &str) -> Result<ReceiptImport> {
        let tx = Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)?;
        if !super::feedback::insert_signed_in(&tx, super::feedback::InTable::Receipt, unit, r, key_id)? {
            return Ok(ReceiptImport::AlreadyImported);
        }
        tx.commit()?;
        Ok(ReceiptImport::Imported)
    }

    /// The receipts imported for `unit`, newest first.
    pub fn receipts_in(&self, unit: &str) -> Result<Vec<ReceiptIn>> {
        let mut st = self.conn.prepare(
            "SELECT parent_code, sequence, manifest_sha, issued_at, body FROM receipt_in WHERE unit_code = ?1 ORDER BY sequence DESC",
        )?;
        Ok(st
            .query_map([unit], |r| {
                Ok(ReceiptIn { parent: r.get(0)?, sequence: r.get(1)?, manifest_sha: r.get(2)?, issued_at: r.get(3)?, body: r.get(4)? })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }
}
