//! Receipts: the parent office's signed proof that it received a unit's
//! bundles (unit, period, sequence, manifest hash, when, verdict). Written
//! in the signed-package format (format `tiendo-receipt`), one file per
//! unit; the unit imports it and shows it on its Reports screen.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{FromParent, json_err};
use crate::domain::Period;
use crate::error::{BundleError, Error, IoError, Result};
use crate::store::receipts::{ReceiptEntry, ReceiptImport, ReceiptIn, Verdict};
use crate::workspace::Workspace;

pub const RECEIPT_FORMAT: &str = "tiendo-receipt";
pub const RECEIPT_FILE: &str = "receipt.json";

pub(super) const RECEIPT: FromParent = FromParent {
    format: RECEIPT_FORMAT,
    file: RECEIPT_FILE,
    unknown_key: "err-receipt-unknown-key",
    not_parent: "err-receipt-not-parent",
    other_unit: "err-receipt-other-unit",
};

/// `receipt.json`: what the parent office received from one unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceiptDoc {
    /// The unit the receipt is for.
    pub unit_code: String,
    /// The office that received the bundles and signed the receipt.
    pub parent_code: String,
    pub plan_id: String,
    /// The receipt's own sequence, per unit (a newer receipt has a higher one).
    pub sequence: i64,
    pub issued_at: String,
    /// The period the receipt was limited to, if any.
    pub period: Option<String>,
    pub entries: Vec<ReceiptEntry>,
}

/// What the unit shows for a period: the newest bundle the parent office reported on.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiptStatus {
    pub parent: String,
    pub entry: ReceiptEntry,
}

impl ReceiptStatus {
    /// "Cấp trên đã nhận lần 2 lúc 09:14 ngày 05/04/2023" in `lang`.
    pub fn line(&self, lang: crate::i18n::Lang) -> String {
        let at = chrono::NaiveDateTime::parse_from_str(&self.entry.received_at, "%Y-%m-%dT%H:%M:%S").ok();
        let time = at.map(|t| t.format("%H:%M").to_string()).unwrap_or_default();
        let date = at.map(|t| crate::i18n::format_date(t.date())).unwrap_or_else(|| self.entry.received_at.clone());
        let id = match self.entry.verdict {
            Verdict::Merged | Verdict::Replaced => "receipt-status-received",
            Verdict::Older => "receipt-status-older",
            Verdict::Rejected => "receipt-status-rejected",
        };
        crate::i18n::ta(
            lang,
            id,
            &[
                ("sequence", self.entry.sequence.into()),
                ("time", time.into()),
                ("date", date.into()),
                ("reason", self.entry.reason.clone().into()),
            ],
        )
    }
}

impl Workspace {
    /// Writes one signed receipt per unit that sent bundles (for `period`
    /// only, if given) into `dir`. Returns the files written.
    pub fn write_receipts(&self, dir: &Path, period: Option<Period>) -> Result<Vec<PathBuf>> {
        let parent = self.require_unit()?.to_owned();
        let key = self.signing_key()?;
        let period_s = period.map(|p| p.to_string());
        let mut by_unit: BTreeMap<String, Vec<ReceiptEntry>> = BTreeMap::new();
        for (unit, e) in self.store.receipt_log()? {
            if e.plan_id == self.plan.id && period_s.as_ref().is_none_or(|p| *p == e.period) {
                by_unit.entry(unit).or_default().push(e);
            }
        }
        if by_unit.is_empty() {
            return Err(Error::new("err-receipt-none"));
        }
        std::fs::create_dir_all(dir).map_err(|e| IoError::write_file(dir.display().to_string(), e))?;
        let mut written = vec![];
        for (unit, entries) in by_unit {
            let (sequence, previous) = self.store.next_receipt(&unit)?;
            let doc = ReceiptDoc {
                unit_code: unit.clone(),
                parent_code: parent.clone(),
                plan_id: self.plan.id.clone(),
                sequence,
                issued_at: crate::store::now_stamp(),
                period: period_s.clone(),
                entries,
            };
            let json = serde_json::to_vec_pretty(&doc).expect("receipt serialises");
            let period = period_s.clone().unwrap_or_else(|| self.plan.year.to_string());
            let (bytes, sha) = self.office_package(&RECEIPT, &key, &unit, &json, sequence, previous, period, doc.issued_at.clone())?;
            let name = format!("{}-bien-nhan-{}-lan-{}.zip", unit, period_s.as_deref().unwrap_or("ca-nam"), sequence);
            super::check_file_name(&name)?;
            let path = dir.join(name);
            // The sequence is used before the file takes its name: a crash in
            // between leaves a gap, never two receipts with one number.
            self.store.record_receipt_sent(&unit, sequence, &sha)?;
            crate::fsutil::write_atomic(&path, |w| Ok(w.write_all(&bytes)?))?;
            written.push(path);
        }
        Ok(written)
    }

    /// Verifies and imports a receipt from the parent office. Refused: a
    /// receipt signed by a key not trusted as an office above this unit, one
    /// for another unit, one older than a receipt already imported.
    /// Importing the same receipt again changes nothing.
    pub fn import_receipt(&mut self, path: &Path) -> Result<(ReceiptImport, ReceiptDoc)> {
        let unit = self.require_unit()?.to_owned();
        let (manifest, sha, key_id, bytes) = self.read_from_parent(path, &RECEIPT)?;
        let doc: ReceiptDoc = serde_json::from_slice(&bytes).map_err(|e| json_err(RECEIPT_FILE, e))?;
        let signer = manifest.unit_code;
        let r = ReceiptIn {
            parent: signer,
            sequence: doc.sequence,
            manifest_sha: sha,
            issued_at: doc.issued_at.clone(),
            body: String::from_utf8(bytes).map_err(|_| Error::from(BundleError::FileDamaged { name: RECEIPT_FILE.into() }))?,
        };
        let outcome = self.store.import_receipt(&unit, &r, &key_id)?;
        Ok((outcome, doc))
    }

    /// What the parent office last said about this unit's bundles for
    /// `period`: the entry with the highest bundle sequence, from the newest
    /// receipt that mentions the period.
    pub fn receipt_status(&self, period: Period) -> Result<Option<ReceiptStatus>> {
        let Some(unit) = self.unit.as_deref() else { return Ok(None) };
        let period = period.to_string();
        for r in self.store.receipts_in(unit)? {
            let Ok(doc) = serde_json::from_str::<ReceiptDoc>(&r.body) else { continue };
            let best = doc
                .entries
                .into_iter()
                .filter(|e| e.period == period && e.plan_id == self.plan.id)
                .max_by(|a, b| (a.sequence, &a.received_at).cmp(&(b.sequence, &b.received_at)));
            if let Some(entry) = best {
                return Ok(Some(ReceiptStatus { parent: r.parent, entry }));
            }
        }
        Ok(None)
    }
}
