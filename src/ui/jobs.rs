//! File and database work that must not freeze the window: each job runs on
//! its own thread with its own connection to the database (WAL allows it) and
//! reports progress and its outcome as a stream of messages.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use iced::futures::Stream;
use iced::futures::channel::mpsc;

use chrono::NaiveDate;

use crate::bundle::MergeOutcome;
use crate::crypto::seal::Passphrase;
use crate::domain::Period;
use crate::error::{IoError, Result};
use crate::evidence::EvidenceMeta;
use crate::i18n::Lang;
use crate::report;
use crate::store::Store;
use crate::workspace::Workspace;

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    EvidenceAdded { task: String, name: String },
    Opened,
    BackedUp(PathBuf),
    /// A generation written to the second backup place (its file).
    PlaceBackedUp(PathBuf),
    /// The backup is in place, and the workspace reopened on it (off the window's thread).
    Restored(Reopened),
    /// This unit's public key card, written to `path`.
    KeyCardSaved { path: PathBuf, fingerprint: String },
    /// Receipts written (their files).
    ReceiptsWritten(Vec<PathBuf>),
    /// Feedback packages written (their files).
    FeedbackWritten(Vec<PathBuf>),
    /// A package merged or imported (from the drop folder, a drop, a dialog): what was done.
    Taken(String),
    /// The district's matrix, written to `path`.
    MatrixSaved(PathBuf),
    /// A PDF written to `path` and handed to the system viewer.
    PdfOpened { path: PathBuf, pages: usize },
    CalendarSaved { path: PathBuf, events: usize },
    BundleExported(Exported),
    /// One bundle of an import: what the merge did, or why it was refused.
    Merged { file: PathBuf, result: std::result::Result<Merged, String> },
    /// A .p12 import: the PDF-signing certificate now in use, or why the
    /// file was refused (wrong password, expired…), in the window's language.
    PdfCertificate(std::result::Result<crate::crypto::pdfsign::CertInfo, String>),
    /// The signing key's passphrase, checked (or set, or removed: `None`).
    KeyUnlocked(Passphrase),
    KeyProtected(Option<Passphrase>),
    /// A plan file read for the import preview (nothing saved).
    PlanRead(PlanRead),
}

/// A plan file read for the preview (two are the same when of the same file).
#[derive(Debug, Clone)]
pub struct PlanRead(pub Box<super::plan_import::Preview>);

impl PartialEq for PlanRead {
    fn eq(&self, other: &Self) -> bool {
        self.0.path == other.0.path
    }
}

/// A workspace opened by a job, handed to the window once.
#[derive(Clone)]
pub struct Reopened(Arc<std::sync::Mutex<Option<Workspace>>>);

impl Reopened {
    pub fn new(ws: Workspace) -> Reopened {
        Reopened(Arc::new(std::sync::Mutex::new(Some(ws))))
    }

    /// The workspace (the first call only).
    pub fn take(&self) -> Option<Workspace> {
        self.0.lock().ok().and_then(|mut w| w.take())
    }
}

impl std::fmt::Debug for Reopened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Reopened(..)")
    }
}

impl PartialEq for Reopened {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// A bundle written by this unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    pub path: PathBuf,
    pub period: String,
    pub sequence: i64,
    pub files: usize,
    pub fingerprint: String,
    /// The PDF certificate has expired or expires soon (in the user's language).
    pub warning: Option<String>,
    /// Files written: 1, or the number of parts (`path` is the first).
    pub parts: usize,
    /// Evidence documents named by hash, not sent (the parent office holds them).
    pub referenced: usize,
    /// What is sent, in bytes.
    pub bytes: u64,
}

/// A bundle that passed verification at the district.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub outcome: MergeOutcome,
    pub unit: String,
    pub period: String,
    pub sequence: i64,
    /// The signing key's id (hex) and its readable fingerprint.
    pub key_id: String,
    pub fingerprint: String,
    /// A quarantined key's unit already has this other trusted key (its
    /// fingerprint): the clerk must phone before accepting.
    pub other_trusted: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum JobMsg {
    /// Work done so far (bytes, or items for a list of files).
    Progress(u64),
    /// The amount of work, once the job knows it.
    Total(u64),
    /// The end: what was done, or the error in the window's language.
    Finished(std::result::Result<Outcome, String>),
}

/// How a job tells the window how far it got.
pub struct Reporter {
    tx: mpsc::UnboundedSender<JobMsg>,
}

impl Reporter {
    pub fn done(&self, n: u64) {
        let _ = self.tx.unbounded_send(JobMsg::Progress(n));
    }

    pub fn total(&self, n: u64) {
        let _ = self.tx.unbounded_send(JobMsg::Total(n));
    }
}

/// Reports the end of a job when it is dropped, whatever happened: a job
/// that panics (or whose thread unwinds for any reason) still ends, with
/// an error the window shows, so the window is never left busy.
struct EndGuard {
    tx: mpsc::UnboundedSender<JobMsg>,
    lang: Lang,
    result: Option<std::result::Result<Outcome, String>>,
}

impl Drop for EndGuard {
    fn drop(&mut self) {
        let result = self.result.take().unwrap_or_else(|| Err(crate::i18n::t(self.lang, "ui-job-crashed")));
        let _ = self.tx.unbounded_send(JobMsg::Finished(result));
    }
}

/// Runs `work` on a new thread; its progress and outcome come out of the
/// stream, which always ends with [`JobMsg::Finished`] (a panic included).
pub fn spawn(lang: Lang, work: impl FnOnce(&Reporter) -> Result<Outcome> + Send + 'static) -> impl Stream<Item = JobMsg> {
    let (tx, rx) = mpsc::unbounded();
    std::thread::spawn(move || {
        let mut end = EndGuard { tx: tx.clone(), lang, result: None };
        let report = Reporter { tx };
        end.result = Some(work(&report).map_err(|e| e.message_in(lang)));
    });
    rx
}

fn open_workspace(db: &PathBuf, operator: &str) -> Result<Workspace> {
    let mut ws = Workspace::from_store(Store::open(db)?)?;
    ws.operator = operator.to_owned();
    Ok(ws)
}

/// Copies `file` into the database as evidence of `unit`'s `task`.
pub fn add_evidence(
    db: PathBuf,
    operator: String,
    unit: String,
    task: String,
    file: PathBuf,
    meta: EvidenceMeta,
    cancel: Arc<AtomicBool>,
    report: &Reporter,
) -> Result<Outcome> {
    let mut ws = open_workspace(&db, &operator)?;
    let ev = ws.add_evidence(&unit, &task, &file, &meta, &mut |n| {
        report.done(n);
        !cancel.load(Ordering::Relaxed)
    })?;
    Ok(Outcome::EvidenceAdded { task, name: ev.file_name })
}

/// Writes an attachment to a temporary file and opens it with the system viewer.
pub fn open_evidence(db: PathBuf, id: i64) -> Result<Outcome> {
    let ws = open_workspace(&db, "")?;
    let ev = ws.evidence(id)?;
    let dir = std::env::temp_dir().join("tiendo-open");
    std::fs::create_dir_all(&dir)?;
    let out = dir.join(format!("{id}-{}", crate::evidence::safe_file_name(&ev.file_name)));
    ws.export_evidence(id, &out)?;
    crate::fsutil::open_with_system_viewer(&out)?;
    Ok(Outcome::Opened)
}

pub fn backup(db: PathBuf, dest: PathBuf) -> Result<Outcome> {
    let store = Store::open(&db)?;
    store.backup_to(&dest)?;
    store.set_meta("last_backup", &crate::store::now_stamp())?;
    Ok(Outcome::BackedUp(dest))
}

/// Writes a backup generation to the second place `dir`.
pub fn backup_to_place(db: PathBuf, dir: PathBuf) -> Result<Outcome> {
    let ws = open_workspace(&db, "")?;
    Ok(Outcome::PlaceBackedUp(ws.backup_to_place(&dir)?))
}

/// Replaces the database with the backup at `src` (the current one is
/// saved first in `keep_dir`) and opens the workspace on it for the window.
pub fn restore(db: PathBuf, src: PathBuf, keep_dir: PathBuf, operator: String) -> Result<Outcome> {
    let mut store = Store::open(&db)?;
    store.restore_from(&src, &keep_dir)?;
    drop(store);
    // "Today" is the clock's, not the one the window had when it opened.
    let mut ws = open_workspace(&db, &operator)?;
    ws.today = crate::clock::today();
    Ok(Outcome::Restored(Reopened::new(ws)))
}

/// Writes this unit's public key card to `path`.
pub fn save_key_card(db: PathBuf, path: PathBuf) -> Result<Outcome> {
    let ws = open_workspace(&db, "")?;
    let pk = ws.export_key_card(&path)?;
    Ok(Outcome::KeyCardSaved { path, fingerprint: pk.fingerprint() })
}

/// Writes the status matrix of the units below `unit` for `period` (CSV or Excel).
pub fn save_matrix(db: PathBuf, today: NaiveDate, lang: Lang, unit: String, period: Period, format: report::MatrixFormat, path: PathBuf) -> Result<Outcome> {
    let ws = workspace_on(&db, today)?;
    report::write_matrix(&ws, &unit, period, lang, format, &path)?;
    Ok(Outcome::MatrixSaved(path))
}

/// Reads a plan file (Word, Excel, CSV) for the import preview, against
/// the organisation as stored: a long table never stalls the window.
pub fn read_plan_file(db: PathBuf, today: NaiveDate, path: PathBuf) -> Result<Outcome> {
    let ws = workspace_on(&db, today)?;
    Ok(Outcome::PlanRead(PlanRead(Box::new(super::plan_import::Preview::read(&ws, &path)?))))
}

/// Writes the parent office's receipts of `period` into `dir`, one per unit.
pub fn write_receipts(db: PathBuf, today: NaiveDate, period: Period, dir: PathBuf, passphrase: Option<Passphrase>) -> Result<Outcome> {
    let mut ws = workspace_on(&db, today)?;
    ws.passphrase = passphrase;
    Ok(Outcome::ReceiptsWritten(ws.write_receipts(&dir, Some(period))?))
}

/// Writes this office's feedback packages into `dir`, one per unit it reviewed.
pub fn write_feedback(db: PathBuf, today: NaiveDate, dir: PathBuf, passphrase: Option<Passphrase>) -> Result<Outcome> {
    let mut ws = workspace_on(&db, today)?;
    ws.passphrase = passphrase;
    Ok(Outcome::FeedbackWritten(ws.write_feedback_all(&dir)?))
}

/// Merges or imports a package of the drop folder a person accepted.
pub fn accept_found(db: PathBuf, today: NaiveDate, lang: Lang, found: crate::bundle::dropbox::Found, passphrase: Option<Passphrase>) -> Result<Outcome> {
    let mut ws = workspace_on(&db, today)?;
    ws.passphrase = passphrase;
    Ok(Outcome::Taken(ws.accept_found(&found, lang)?))
}

/// Imports a package from the parent office (a receipt or a feedback package) dropped or picked.
pub fn take_package(db: PathBuf, today: NaiveDate, lang: Lang, path: PathBuf, kind: crate::bundle::dropbox::PackageKind) -> Result<Outcome> {
    let mut ws = workspace_on(&db, today)?;
    Ok(Outcome::Taken(ws.take_package(&path, kind, lang)?.0))
}

/// The window's view of the workspace for work on another thread: its own
/// connection, the same "today".
pub(super) fn workspace_on(db: &PathBuf, today: NaiveDate) -> Result<Workspace> {
    let mut ws = open_workspace(db, "")?;
    ws.today = today;
    Ok(ws)
}

/// A long piece of work a screen asks for. The window runs it on the job
/// worker (one at a time, with its progress bar) with what the window holds:
/// the database, today, the language, the unit, the passphrase.
#[derive(Debug, Clone, PartialEq)]
pub enum Work {
    /// Make a printed document of the period and open it.
    Document(Document, Period),
    /// Write this unit's milestones as an iCalendar file.
    Calendar(PathBuf),
    /// Export this unit's signed bundle of the period to the file.
    Bundle { period: Period, file: PathBuf, options: crate::bundle::ExportOptions },
    /// Write this unit's public key card.
    KeyCard(PathBuf),
    /// Check the passphrase and keep it for this session's signatures.
    Unlock(Passphrase),
    /// Seal the key with a new passphrase, or store it in clear (`None`).
    Protect(Option<Passphrase>),
    /// Write the consolidated matrix of the period (CSV or Excel).
    Matrix { period: Period, format: report::MatrixFormat, file: PathBuf },
    /// Write the receipts of the period into the folder, one per unit.
    Receipts { period: Period, dir: PathBuf },
    /// Write the feedback packages into the folder, one per unit reviewed.
    Feedback(PathBuf),
    /// Copy the database to the file.
    Backup(PathBuf),
    /// Write a backup generation to the second backup place (a folder).
    BackupToPlace(PathBuf),
    /// Restore the database from the backup file.
    Restore(PathBuf),
    /// Import the PDF-signing certificate of a .p12 file.
    ImportP12 { file: PathBuf, password: String },
    /// Read a plan file for the import preview.
    ReadPlanFile(PathBuf),
    /// Import a package from the parent office.
    TakePackage(PathBuf, crate::bundle::dropbox::PackageKind),
    /// Open an attached document with the system viewer.
    OpenEvidence(i64),
}

impl Work {
    /// The id of the text the progress bar shows while it runs.
    pub fn label_id(&self) -> &'static str {
        match self {
            Work::Document(Document::Checklist, _) => "ui-job-checklist",
            Work::Document(Document::Report, _) => "ui-job-report",
            Work::Document(Document::Consolidated, _) => "ui-dist-consolidated",
            Work::Calendar(_) => "ui-job-calendar",
            Work::Bundle { .. } => "ui-job-exporting",
            Work::KeyCard(_) => "ui-job-key-card",
            Work::Unlock(_) | Work::Protect(_) => "ui-job-key",
            Work::Matrix { .. } => "ui-job-matrix",
            Work::Receipts { .. } => "ui-receipts-job",
            Work::Feedback(_) => "ui-feedback-job",
            Work::Backup(_) | Work::BackupToPlace(_) => "ui-job-backup",
            Work::Restore(_) => "ui-job-restore",
            Work::ImportP12 { .. } => "ui-p12-title",
            Work::ReadPlanFile(_) => "ui-import-reading",
            Work::TakePackage(..) => "ui-feedback-importing",
            Work::OpenEvidence(_) => "ui-job-opening",
        }
    }
}

/// Which printed document to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    Checklist,
    Report,
    /// The parent office's consolidated report of the units below it.
    Consolidated,
}

/// Makes `unit`'s checklist or progress report for `period` in `lang`, writes
/// it into `dir` and opens it with the system viewer.
pub fn open_document(db: PathBuf, today: NaiveDate, lang: Lang, doc: Document, unit: String, period: Period, dir: PathBuf) -> Result<Outcome> {
    let ws = workspace_on(&db, today)?;
    let (pdf, stem) = match doc {
        Document::Checklist => (report::checklist_pdf(&ws, &unit, period, lang)?, "danh-muc"),
        Document::Report => (report::report_pdf(&ws, &unit, period, lang)?, "bao-cao"),
        Document::Consolidated => (report::consolidated_pdf(&ws, &unit, period, lang)?, "tong-hop"),
    };
    std::fs::create_dir_all(&dir).map_err(|e| IoError::write_file(dir.display().to_string(), e))?;
    let path = dir.join(format!("{stem}-{unit}-{period}.pdf"));
    let pdf = report::save(&path, pdf)?;
    crate::fsutil::open_with_system_viewer(&path)?;
    Ok(Outcome::PdfOpened { path, pages: pdf.pages })
}

/// Writes `unit`'s milestones as an iCalendar file.
pub fn save_calendar(db: PathBuf, today: NaiveDate, lang: Lang, unit: String, path: PathBuf) -> Result<Outcome> {
    let ws = workspace_on(&db, today)?;
    let cal = crate::ics::write_calendar(&ws, &unit, lang, &path)?;
    Ok(Outcome::CalendarSaved { path, events: cal.events })
}

/// Checks the signing key's passphrase (the key derivation takes a moment,
/// so it runs here and not in the window's thread).
pub fn unlock_key(db: PathBuf, passphrase: Passphrase) -> Result<Outcome> {
    let mut ws = open_workspace(&db, "")?;
    ws.unlock_key(&passphrase)?;
    Ok(Outcome::KeyUnlocked(passphrase))
}

/// Seals the signing key with `new`, or stores it in clear; `current` unlocks it.
pub fn protect_key(db: PathBuf, current: Option<Passphrase>, new: Option<Passphrase>) -> Result<Outcome> {
    let mut ws = open_workspace(&db, "")?;
    ws.passphrase = current;
    ws.protect_key(new.as_deref())?;
    Ok(Outcome::KeyProtected(new))
}

/// Exports the unit's signed bundle for `period` to `path`, reporting bytes written.
#[allow(clippy::too_many_arguments)]
pub fn export_bundle(db: PathBuf, today: NaiveDate, lang: Lang, period: Period, path: PathBuf, opts: crate::bundle::ExportOptions, passphrase: Option<Passphrase>, report: &Reporter) -> Result<Outcome> {
    let mut ws = workspace_on(&db, today)?;
    ws.passphrase = passphrase;
    let mut known_total = 0;
    let x = ws.export_bundle_with(period, &path, &opts, &mut |done, total| {
        if total != known_total {
            known_total = total;
            report.total(total);
        }
        report.done(done);
    })?;
    let referenced = x.referenced();
    let m = x.manifest;
    Ok(Outcome::BundleExported(Exported {
        path: x.files.first().cloned().unwrap_or(path),
        period: m.period,
        sequence: m.sequence,
        files: m.files.len(),
        fingerprint: ws.public_key()?.fingerprint(),
        warning: ws.pdf_certificate_warning()?.map(|w| w.message_in(lang)),
        parts: x.files.len(),
        referenced,
        bytes: x.bytes,
    }))
}

/// Verifies and merges one bundle, or the bundle the parts in `files` make
/// (put together whatever their order); a refusal is part of the outcome
/// (with its reason in `lang`), so that the next file of an import still runs.
pub fn merge_bundle(db: PathBuf, today: NaiveDate, lang: Lang, files: Vec<PathBuf>) -> Result<Outcome> {
    let mut ws = workspace_on(&db, today)?;
    let file = files.first().cloned().unwrap_or_default();
    let is_part = |f: &PathBuf| crate::bundle::package_format(f).as_deref() == Some(crate::bundle::PART_FORMAT);
    let merged = if files.len() == 1 && !is_part(&file) {
        ws.merge_bundle(&file, false)
    } else {
        files
            .iter()
            .map(|f| crate::bundle::read_part(f, &crate::bundle::KeySource::Registry(&ws)))
            .collect::<Result<Vec<_>>>()
            .and_then(|parts| {
                // Files of several bundles: each is merged; the first refusal is the verdict.
                let mut last = None;
                for set in crate::bundle::group_parts(parts) {
                    last = Some(ws.merge_parts(&set, false)?);
                }
                last.ok_or_else(|| crate::error::Error::from(crate::error::UsageError::Missing { what: ("FILE.zip").into() }))
            })
    };
    let result = merged
        .map(|(outcome, v)| {
            let other_trusted = match outcome {
                MergeOutcome::Quarantined => ws.other_trusted_key(&v.manifest.unit_code, &v.key_id).ok().flatten(),
                _ => None,
            };
            Merged {
                outcome,
                unit: v.manifest.unit_code,
                period: v.manifest.period,
                sequence: v.manifest.sequence,
                fingerprint: crate::crypto::sign::fingerprint_of_hex(&v.key_id),
                key_id: v.key_id,
                other_trusted,
            }
        })
        .map_err(|e| e.message_in(lang));
    Ok(Outcome::Merged { file, result })
}

/// Imports the key and certificate of a .p12/.pfx file for the PDF
/// signature; a refusal is part of the outcome, so the password can be asked again.
pub fn import_p12(db: PathBuf, today: NaiveDate, lang: Lang, file: PathBuf, password: String, passphrase: Option<Passphrase>) -> Result<Outcome> {
    let mut ws = workspace_on(&db, today)?;
    ws.passphrase = passphrase;
    let result = ws.import_pdf_certificate(&file, &password).map(|done| done.info).map_err(|e| e.message_in(lang));
    Ok(Outcome::PdfCertificate(result))
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced::futures::StreamExt;

    #[test]
    fn a_job_that_panics_still_ends_with_an_error_in_the_window_language() {
        let stream = spawn(Lang::Vi, |report| {
            report.done(1);
            let empty: Vec<u8> = Vec::new();
            // A bug in the work: an index out of bounds.
            let _ = empty[usize::from(empty.is_empty())];
            Ok(Outcome::Opened)
        });
        let msgs = iced::futures::executor::block_on(stream.collect::<Vec<_>>());
        assert_eq!(msgs.first(), Some(&JobMsg::Progress(1)));
        match msgs.last() {
            Some(JobMsg::Finished(Err(e))) => assert!(e.contains("lỗi"), "{e}"),
            other => panic!("the job did not report its end: {other:?}"),
        }
        let stream = spawn(Lang::En, |_| panic!("boom"));
        match iced::futures::executor::block_on(stream.collect::<Vec<_>>()).last() {
            Some(JobMsg::Finished(Err(e))) => assert!(e.contains("error"), "{e}"),
            other => panic!("the job did not report its end: {other:?}"),
        }
    }

    #[test]
    fn adding_a_large_file_reports_progress_from_another_thread_and_can_be_cancelled() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::open(dir.path()).unwrap();
        ws.set_unit("X-ANT").unwrap();
        let db = ws.db_path().unwrap().to_owned();
        let file = dir.path().join("Báo cáo lớn.pdf");
        std::fs::write(&file, vec![7u8; 5 * crate::store::CHUNK + 123]).unwrap();

        let run = |cancel: bool| {
            let (db, file) = (db.clone(), file.clone());
            let flag = Arc::new(AtomicBool::new(cancel));
            let stream = spawn(Lang::Vi, move |report| {
                add_evidence(db, "tester".into(), "X-ANT".into(), "1.6".into(), file, EvidenceMeta::default(), flag, report)
            });
            iced::futures::executor::block_on(stream.collect::<Vec<_>>())
        };
        let msgs = run(false);
        let progress: Vec<u64> = msgs.iter().filter_map(|m| if let JobMsg::Progress(n) = m { Some(*n) } else { None }).collect();
        assert!(progress.len() >= 5, "{progress:?}");
        assert!(progress.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(
            msgs.last(),
            Some(&JobMsg::Finished(Ok(Outcome::EvidenceAdded { task: "1.6".into(), name: "Báo cáo lớn.pdf".into() })))
        );
        // The window's own connection sees it.
        assert_eq!(ws.evidence_list("X-ANT", Some("1.6")).unwrap().len(), 1);

        let msgs = run(true);
        assert!(matches!(msgs.last(), Some(JobMsg::Finished(Err(_)))), "{msgs:?}");
        assert_eq!(ws.evidence_list("X-ANT", Some("1.6")).unwrap().len(), 1);
    }
}
