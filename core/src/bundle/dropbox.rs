//! The drop folder: a folder (a shared drive, a synced folder, a USB stick)
//! where bundles, receipts and feedback packages arrive. Each new package
//! found there is verified and listed for a person to accept or decline;
//! nothing is merged or imported until accepted. What was decided is
//! remembered by the file's SHA-256, so a package is not offered again.

use std::path::{Path, PathBuf};

use super::receipt::RECEIPT_FORMAT;
use super::feedback::FEEDBACK_FORMAT;
use super::*;
use crate::i18n::{Lang, ta};
use crate::store::feedback::SignedImport;

/// What importing a receipt from the parent office did, in `lang`.
pub fn receipt_said(lang: Lang, outcome: SignedImport, parent: &str, sequence: i64, entries: usize) -> String {
    let id = if outcome == SignedImport::Imported { "receipt-imported" } else { "receipt-already" };
    ta(lang, id, &[("parent", parent.into()), ("sequence", sequence.into()), ("count", entries.into())])
}

/// What importing a feedback package from the parent office did, in `lang`
/// (`open`: the requests still unanswered).
pub fn feedback_said(lang: Lang, outcome: SignedImport, parent: &str, sequence: i64, requests: usize, open: usize) -> String {
    let id = if outcome == SignedImport::Imported { "feedback-imported" } else { "feedback-already" };
    ta(lang, id, &[("parent", parent.into()), ("sequence", sequence.into()), ("count", requests.into()), ("open", open.into())])
}

/// The setting that holds the drop folder.
pub const DROP_FOLDER_KEY: &str = "drop_folder";
/// A file changed more recently than this is still being copied: left for the next look.
pub const SETTLE_SECONDS: u64 = 3;

/// What a package found in the drop folder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackageKind {
    Bundle,
    Receipt,
    Feedback,
}

impl PackageKind {
    pub fn label_id(self) -> &'static str {
        match self {
            PackageKind::Bundle => "drop-kind-bundle",
            PackageKind::Receipt => "drop-kind-receipt",
            PackageKind::Feedback => "drop-kind-feedback",
        }
    }
}

/// What a package says of itself before any check.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    pub kind: PackageKind,
    /// The signer, the period and the sequence, as its manifest says.
    pub sender: String,
    pub period: String,
    pub sequence: i64,
    /// For a receipt or a feedback package: the unit it is addressed to.
    pub addressee: Option<String>,
}

/// What a package says of itself before any check; `None` for a file that
/// is not a package Tiến Độ takes from a folder.
pub fn package_head(path: &Path) -> Option<Head> {
    let file = File::open(path).ok()?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).ok()?;
    let bytes = read_entry_limited(&mut zip, MANIFEST, MAX_JSON_BYTES).ok()?;
    #[derive(Deserialize)]
    struct Raw {
        format: String,
        unit_code: String,
        period: String,
        sequence: i64,
    }
    #[derive(Deserialize)]
    struct To {
        unit_code: String,
    }
    let raw: Raw = serde_json::from_slice(&bytes).ok()?;
    let (kind, file) = match raw.format.as_str() {
        FORMAT => (PackageKind::Bundle, None),
        RECEIPT_FORMAT => (PackageKind::Receipt, Some(super::receipt::RECEIPT_FILE)),
        FEEDBACK_FORMAT => (PackageKind::Feedback, Some(super::feedback::FEEDBACK_FILE)),
        _ => return None,
    };
    let addressee = file.and_then(|f| read_entry_limited(&mut zip, f, MAX_JSON_BYTES).ok()).and_then(|b| serde_json::from_slice::<To>(&b).ok()).map(|t| t.unit_code);
    Some(Head { kind, sender: short_name(&raw.unit_code), period: short_name(&raw.period), sequence: raw.sequence, addressee })
}

/// A new package in the drop folder, verified.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub path: PathBuf,
    pub file_sha: String,
    pub kind: PackageKind,
    /// Who signed it, the period and sequence it carries (empty when unreadable).
    pub sender: String,
    pub period: String,
    pub sequence: i64,
    /// Why it would be refused (in the language asked for); `None` when it verified.
    pub problem: Option<String>,
}

impl Found {
    pub fn name(&self) -> String {
        self.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    }
}

fn file_sha(path: &Path) -> Result<String> {
    let mut f = File::open(path)?;
    let mut h = Sha256::new();
    std::io::copy(&mut f, &mut h)?;
    Ok(crate::util::hex(&h.finalize()))
}

impl Workspace {
    /// The drop folder chosen in Settings, if any.
    pub fn drop_folder(&self) -> Result<Option<PathBuf>> {
        Ok(self.store.meta(DROP_FOLDER_KEY)?.filter(|s| !s.is_empty()).map(PathBuf::from))
    }

    /// Chooses (or, with `None`, forgets) the drop folder.
    pub fn set_drop_folder(&self, dir: Option<&Path>) -> Result<()> {
        self.store.set_meta(DROP_FOLDER_KEY, &dir.map(|d| d.display().to_string()).unwrap_or_default())
    }

    /// The packages in `dir` not yet accepted or declined, each verified
    /// (nothing is merged or imported): bundles for this office from the
    /// units below, receipts and feedback packages for this unit from the
    /// office above. Other files, and files still being copied, are left out.
    pub fn scan_drop_folder(&self, dir: &Path, lang: Lang) -> Result<Vec<Found>> {
        let entries = std::fs::read_dir(dir).map_err(|e| Error::new("err-open-file").arg("path", dir.display().to_string()).io(e))?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("zip")) && p.is_file())
            .collect();
        paths.sort();
        let mut found = vec![];
        for path in paths {
            let settled = std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_none_or(|age| age.as_secs() >= SETTLE_SECONDS);
            if !settled {
                continue;
            }
            let Some(head) = package_head(&path) else { continue };
            if !self.concerns_me(&head) {
                continue;
            }
            let sha = file_sha(&path)?;
            if self.store.drop_decision(&sha)?.is_some() {
                continue;
            }
            let problem = self.check_found(&path, head.kind).err().map(|e| e.message_in(lang));
            found.push(Found { path, file_sha: sha, kind: head.kind, sender: head.sender, period: head.period, sequence: head.sequence, problem });
        }
        Ok(found)
    }

    /// Whether a package is for this installation: a bundle from a unit
    /// below it; a receipt or feedback package addressed to it from an
    /// office above. A shared folder holds the others' packages too.
    fn concerns_me(&self, head: &Head) -> bool {
        let Some(me) = self.unit.as_deref() else { return false };
        match head.kind {
            PackageKind::Bundle => self.check_governed(&self.plan, &head.sender).is_ok(),
            PackageKind::Receipt | PackageKind::Feedback => head.addressee.as_deref() == Some(me) && head.sender != me,
        }
    }

    /// Verifies a package found as merging or importing it would, changing nothing.
    fn check_found(&self, path: &Path, kind: PackageKind) -> Result<()> {
        match kind {
            PackageKind::Bundle => {
                let sender = match verify(path, &KeySource::Registry(self)) {
                    Ok(v) => v.manifest.unit_code,
                    // A key not yet trusted: accepting the bundle quarantines the key, as a merge does.
                    Err(e) if matches!(e.kind(), crate::error::Kind::Bundle(crate::error::BundleError::UnknownKey { .. })) => {
                        let (v, _) = self.self_signed(path)?;
                        return Err(Error::new("drop-unknown-key").arg("unit", v.manifest.unit_code));
                    }
                    Err(e) => return Err(e),
                };
                self.check_unit(&sender)?;
                self.check_governed(&self.plan, &sender)
            }
            PackageKind::Receipt => self.read_from_parent(path, &super::receipt::RECEIPT).map(|_| ()),
            PackageKind::Feedback => self.read_from_parent(path, &super::feedback::FEEDBACK).map(|_| ()),
        }
    }

    /// Merges or imports a package a person accepted, and remembers the
    /// decision. Returns what was done, in `lang`. A bundle whose key is
    /// not yet trusted is quarantined (as a merge does) and offered again
    /// once the key is accepted.
    pub fn accept_found(&mut self, f: &Found, lang: Lang) -> Result<String> {
        if file_sha(&f.path)? != f.file_sha {
            return Err(Error::new("drop-changed").arg("name", f.name()));
        }
        let (text, settled) = self.take_package(&f.path, f.kind, lang)?;
        if settled {
            self.store.record_drop_decision(&f.file_sha, &f.name(), true)?;
        }
        Ok(text)
    }

    /// Merges a bundle, or imports a receipt or a feedback package, as the
    /// window does with a file dropped or picked. Returns what was done, in
    /// `lang`, and whether it is settled (false: a bundle quarantined until
    /// its key is accepted).
    pub fn take_package(&mut self, path: &Path, kind: PackageKind, lang: Lang) -> Result<(String, bool)> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let text = match kind {
            PackageKind::Bundle => {
                let (outcome, v) = self.merge_bundle(path, false)?;
                let id = match outcome {
                    MergeOutcome::Merged => "merge-merged",
                    MergeOutcome::AlreadyMerged => "merge-already",
                    MergeOutcome::Replay => "merge-replay",
                    MergeOutcome::Quarantined => {
                        let fp = sign::fingerprint_of_hex(&v.key_id);
                        return Ok((ta(lang, "merge-quarantined", &[("file", name.into()), ("unit", v.manifest.unit_code.into()), ("fingerprint", fp.into())]), false));
                    }
                };
                ta(lang, id, &[
                    ("file", name.as_str().into()),
                    ("unit", v.manifest.unit_code.as_str().into()),
                    ("period", v.manifest.period.as_str().into()),
                    ("sequence", v.manifest.sequence.into()),
                ])
            }
            PackageKind::Receipt => {
                let (outcome, doc) = self.import_receipt(path)?;
                receipt_said(lang, outcome, &doc.parent_code, doc.sequence, doc.entries.len())
            }
            PackageKind::Feedback => {
                let (outcome, doc) = self.import_feedback(path)?;
                feedback_said(lang, outcome, &doc.parent_code, doc.sequence, doc.requests.len(), self.open_requests()?)
            }
        };
        Ok((text, true))
    }

    /// Remembers that a person declined a package: it is not offered again.
    pub fn decline_found(&self, file_sha: &str, name: &str) -> Result<()> {
        self.store.record_drop_decision(file_sha, name, false)
    }
}
