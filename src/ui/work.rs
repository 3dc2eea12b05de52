//! The window's work queue: one job at a time on a worker thread, the
//! evidence files and bundles waiting their turn, and what the window does
//! when a job ends.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use iced::widget::{button, container, progress_bar, row, text};
use iced::{Alignment, Element, Length, Task};

use super::{App, Message, Notice, Screen, district, jobs, style, t, ta};
use crate::i18n;

/// Work running off the UI thread.
#[derive(Debug, Clone)]
pub struct Job {
    pub label: String,
    pub done: u64,
    pub total: u64,
    /// Whether `done`/`total` count files rather than bytes.
    pub items: bool,
    pub cancel: Arc<AtomicBool>,
    /// Whether the work stops when asked (else no cancel button is shown).
    pub cancellable: bool,
    /// The bundle whose parts are being merged (their file names' stem).
    pub parts: Option<String>,
}

/// Evidence files dropped or picked together: attached one after another,
/// with one summary at the end of the batch.
#[derive(Debug, Default)]
pub struct EvidenceQueue {
    /// (task, file, what the form said) for each file still to attach.
    pub waiting: VecDeque<(String, PathBuf, crate::evidence::EvidenceMeta)>,
    /// The name of the file being attached now.
    running: Option<String>,
    /// This batch so far: the names attached, and those refused with why.
    added: Vec<String>,
    failed: Vec<(String, String)>,
}

impl App {
    /// Progress and the end of the running job.
    pub(super) fn job_message(&mut self, m: jobs::JobMsg) -> Task<Message> {
        match m {
        jobs::JobMsg::Progress(n) => {
            if let Some(j) = self.job.as_mut() {
                j.done = n;
            }
            Task::none()
        }
        jobs::JobMsg::Total(n) => {
            if let Some(j) = self.job.as_mut() {
                j.total = n;
            }
            Task::none()
        }
        jobs::JobMsg::Finished(r) => {
            self.job = None;
            self.read_last_backup();
            match r {
                Ok(jobs::Outcome::EvidenceAdded { name, .. }) => {
                    self.refresh();
                    self.evidence.added.push(name);
                }
                Ok(jobs::Outcome::Opened) => {}
                Ok(jobs::Outcome::BackedUp(p)) => self.info(ta(self.lang, "ui-backup-done", &[("path", p.display().to_string().into())])),
                Ok(jobs::Outcome::PlaceBackedUp(p)) => self.info(ta(self.lang, "ui-place-backup-done", &[("path", p.display().to_string().into())])),
                Ok(jobs::Outcome::Restored(ws)) => self.after_restore(ws),
                Ok(jobs::Outcome::KeyCardSaved { path, fingerprint }) => {
                    self.info(ta(self.lang, "keys-card-saved", &[("path", path.display().to_string().into()), ("fingerprint", fingerprint.into())]))
                }
                Ok(jobs::Outcome::ReceiptsWritten(files)) => {
                    let dir = files.first().and_then(|f| f.parent()).map(|d| d.display().to_string()).unwrap_or_default();
                    self.info(ta(self.lang, "ui-receipts-done", &[("count", files.len().into()), ("path", dir.into())]))
                }
                Ok(jobs::Outcome::FeedbackWritten(files)) => {
                    let dir = files.first().and_then(|f| f.parent()).map(|d| d.display().to_string()).unwrap_or_default();
                    self.info(ta(self.lang, "ui-feedback-done", &[("count", files.len().into()), ("path", dir.into())]))
                }
                Ok(jobs::Outcome::Taken(text)) => {
                    self.refresh();
                    self.info(text);
                }
                Ok(jobs::Outcome::MatrixSaved(path)) => self.info(ta(self.lang, "matrix-saved", &[("path", path.display().to_string().into())])),
                Ok(jobs::Outcome::PdfOpened { path, pages }) => {
                    self.info(ta(self.lang, "ui-rep-pdf-opened", &[("path", path.display().to_string().into()), ("pages", pages.into())]))
                }
                Ok(jobs::Outcome::CalendarSaved { path, events }) => {
                    self.info(ta(self.lang, "calendar-written", &[("path", path.display().to_string().into()), ("count", events.into())]))
                }
                Ok(jobs::Outcome::BundleExported(e)) => {
                    let text = if e.parts > 1 {
                        let dir = e.path.parent().map(|d| d.display().to_string()).unwrap_or_default();
                        ta(self.lang, "ui-rep-bundle-parts-notice", &[("path", dir.into()), ("sequence", e.sequence.to_string().into()), ("count", e.parts.to_string().into())])
                    } else {
                        ta(self.lang, "ui-rep-bundle-notice", &[("path", e.path.display().to_string().into()), ("sequence", e.sequence.to_string().into())])
                    };
                    let warning = e.warning.clone();
                    self.reports.last = Some(e);
                    if let Err(e) = self.reload_reports() {
                        self.fail(&e);
                    }
                    match warning {
                        // Exported, but the district will see an expired PDF signature: say it in red.
                        Some(w) => self.notice = Some(Notice { text: format!("{text} {w}"), error: true }),
                        None => self.info(text),
                    }
                }
                Ok(jobs::Outcome::KeyUnlocked(p)) => {
                    self.ws.passphrase = Some(p);
                    self.reports.unlocked = true;
                    self.info(t(self.lang, "ui-rep-pass-done-unlocked"));
                }
                Ok(jobs::Outcome::PlanRead(read)) => self.plan_preview = Some(*read.0),
                Ok(jobs::Outcome::KeyProtected(p)) => {
                    let key = if p.is_some() { "ui-rep-pass-done-set" } else { "ui-rep-pass-done-removed" };
                    self.ws.passphrase = p;
                    if let Err(e) = self.reload_reports() {
                        self.fail(&e);
                    }
                    self.info(t(self.lang, key));
                }
                Ok(jobs::Outcome::PdfCertificate(result)) => {
                    if let Ok(c) = &result {
                        self.info(ta(self.lang, "ui-p12-imported", &[("name", c.common_name.as_str().into()), ("date", i18n::format_date(c.not_after).into())]));
                    }
                    self.settings.p12_done(result);
                }
                Ok(jobs::Outcome::Merged { file, result }) => {
                    self.district.push_line(district::Line { file, result });
                    if let Err(e) = self.reload_district() {
                        self.fail(&e);
                    }
                }
                Err(e) if self.evidence.running.is_some() => {
                    let name = self.evidence.running.clone().unwrap_or_default();
                    self.evidence.failed.push((name, e));
                }
                Err(e) => {
                    // A .p12 import that could not even start: its dialog says why.
                    if self.settings.p12.as_ref().is_some_and(|p| p.busy) {
                        self.settings.p12_done(Err(e.clone()));
                    }
                    self.notice = Some(Notice { text: e, error: true })
                }
            }
            if self.evidence.running.take().is_some() && self.evidence.waiting.is_empty() {
                self.evidence_batch_done();
            }
            // The next bundle of an import or the next file to attach, if any.
            let merge = self.next_merge();
            Task::batch([merge, self.next_evidence()])
        }
        }
    }

    /// Stops the running job where it can stop, and drops what waits.
    pub(super) fn cancel_job(&mut self) -> Task<Message> {
        if let Some(j) = &self.job {
            j.cancel.store(true, Ordering::Relaxed);
        }
        // The bundle being merged finishes (one transaction); the rest are not started.
        self.district.queue.clear();
        // The file being attached stops; the ones waiting are not attached.
        self.evidence.waiting.clear();
        Task::none()
    }

    /// Adds bundles to the import queue; they are merged one job after the other.
    pub(super) fn enqueue_bundles(&mut self, files: Vec<PathBuf>) -> Task<Message> {
        if self.district.queue.is_empty() && self.job.is_none() {
            self.district.batch = 0;
        }
        self.district.batch += files.len();
        self.district.queue.extend(files);
        self.next_merge()
    }

    /// Starts merging the next queued bundle, unless a job is running.
    pub(super) fn next_merge(&mut self) -> Task<Message> {
        if self.job.is_some() || self.district.queue.is_empty() {
            return Task::none();
        }
        let Some(db) = self.db_path() else {
            self.district.queue.clear();
            return Task::none();
        };
        let file = self.district.queue.remove(0);
        // The parts of one bundle go together, whatever their order in the queue.
        let mut files = vec![file.clone()];
        if let Some(stem) = crate::bundle::part_file_stem(&file) {
            self.district.queue.retain(|f| {
                let same = crate::bundle::part_file_stem(f).as_deref() == Some(stem.as_str());
                if same {
                    files.push(f.clone());
                }
                !same
            });
        }
        let count = self.district.batch.max(1);
        let index = count.saturating_sub(self.district.queue.len());
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let (lang, today) = (self.lang, self.ws.today);
        let label = ta(lang, "ui-job-merging", &[("index", index.to_string().into()), ("count", count.to_string().into()), ("name", name.into())]);
        let stem = crate::bundle::part_file_stem(&file);
        let task = self.start_job(label, count as u64, move |_| jobs::merge_bundle(db, today, lang, files));
        if let Some(j) = self.job.as_mut() {
            j.parts = stem;
            j.items = true;
            // Cancelling leaves the running merge (one transaction) and drops the rest.
            j.cancellable = true;
            j.done = index.saturating_sub(1) as u64;
        }
        task
    }

    /// The backup is in place: the window works on the workspace the job reopened.
    pub(super) fn after_restore(&mut self, reopened: jobs::Reopened) {
        let Some(mut ws) = reopened.take() else { return };
        ws.operator = std::mem::take(&mut self.ws.operator);
        ws.passphrase = None;
        self.ws = ws;
        self.detail = None;
        self.screen = if self.ws.unit.is_some() { Screen::Settings } else { Screen::FirstRun };
        self.refresh();
        self.info(t(self.lang, "ui-restore-done"));
    }

    /// Runs the work a screen asked for on the job worker, with what the
    /// window holds (the database, today, the language, the unit, the passphrase).
    pub(super) fn run(&mut self, work: jobs::Work) -> Task<Message> {
        use jobs::{Document, Work};
        let (lang, today) = (self.lang, self.ws.today);
        if let Work::ReadPlanFile(path) = &work {
            if self.ws.db_path().is_none() {
                // A database in memory (tests, a screen opened at start) is read here.
                self.read_plan_file_now(path);
                return Task::none();
            }
        }
        if let Work::ImportP12 { .. } = &work {
            // The password dialog says why nothing started.
            let refused = if self.ws.db_path().is_none() {
                Some("ui-no-db-file")
            } else {
                self.job.is_some().then_some("ui-job-busy")
            };
            if let Some(id) = refused {
                self.settings.p12_done(Err(t(lang, id)));
                return Task::none();
            }
        }
        let Some(db) = self.db_path() else { return Task::none() };
        let label = match &work {
            Work::Bundle { period, .. } => ta(lang, work.label_id(), &[("period", super::reports::period_label(lang, *period).into())]),
            w => t(lang, w.label_id()),
        };
        let unit = self.ws.unit.clone().unwrap_or_default();
        let scope = self.ws.consolidation_scope().unwrap_or_else(|| unit.clone());
        let passphrase = self.ws.passphrase.clone();
        type Run = Box<dyn FnOnce(&jobs::Reporter) -> crate::error::Result<jobs::Outcome> + Send>;
        let job: Run = match work {
            Work::Document(doc, period) => {
                let unit = if doc == Document::Consolidated { scope } else { unit };
                let dir = self.data_dir.join("reports");
                Box::new(move |_| jobs::open_document(db, today, lang, doc, unit, period, dir))
            }
            Work::Calendar(file) => Box::new(move |_| jobs::save_calendar(db, today, lang, unit, file)),
            Work::Bundle { period, file, options } => Box::new(move |report| jobs::export_bundle(db, today, lang, period, file, options, passphrase, report)),
            Work::KeyCard(file) => Box::new(move |_| jobs::save_key_card(db, file)),
            Work::Unlock(given) => Box::new(move |_| jobs::unlock_key(db, given)),
            Work::Protect(new) => Box::new(move |_| jobs::protect_key(db, passphrase, new)),
            Work::Matrix { period, format, mut file } => {
                // A name typed without an extension gets the chosen type's.
                if file.extension().is_none() {
                    file.set_extension(format.extension());
                }
                Box::new(move |_| jobs::save_matrix(db, today, lang, scope, period, format, file))
            }
            Work::Receipts { period, dir } => Box::new(move |_| jobs::write_receipts(db, today, period, dir, passphrase)),
            Work::Feedback(dir) => Box::new(move |_| jobs::write_feedback(db, today, dir, passphrase)),
            Work::Backup(file) => Box::new(move |_| jobs::backup(db, file)),
            Work::BackupToPlace(dir) => Box::new(move |_| jobs::backup_to_place(db, dir)),
            Work::Restore(file) => {
                let keep = self.data_dir.join("backups");
                let operator = self.ws.operator.clone();
                Box::new(move |_| jobs::restore(db, file, keep, operator))
            }
            Work::ImportP12 { file, password } => Box::new(move |_| jobs::import_p12(db, today, lang, file, password, passphrase)),
            Work::ReadPlanFile(file) => Box::new(move |_| jobs::read_plan_file(db, today, file)),
            Work::TakePackage(file, kind) => Box::new(move |_| jobs::take_package(db, today, lang, file, kind)),
            Work::OpenEvidence(id) => Box::new(move |_| jobs::open_evidence(db, id)),
        };
        self.start_job(label, 0, job)
    }

    pub(super) fn db_path(&mut self) -> Option<PathBuf> {
        let p = self.ws.db_path().map(Path::to_owned);
        if p.is_none() {
            self.notice = Some(Notice { text: t(self.lang, "ui-no-db-file"), error: true });
        }
        p
    }

    /// Queues `files` to be attached to the open task (with what the form
    /// says of them) and starts the first unless a job is running.
    pub fn queue_evidence(&mut self, files: Vec<PathBuf>) -> Task<Message> {
        let Some(d) = self.detail.as_mut() else { return Task::none() };
        if files.is_empty() {
            return Task::none();
        }
        let meta = match d.meta() {
            Ok(m) => m,
            Err(bad) => {
                d.error = Some(ta(self.lang, "err-bad-date", &[("value", bad.into())]));
                return Task::none();
            }
        };
        let task = d.code.clone();
        for file in files {
            self.evidence.waiting.push_back((task.clone(), file, meta.clone()));
        }
        if self.job.is_some() {
            self.info(ta(self.lang, "ui-ev-queued", &[("count", self.evidence.waiting.len().into())]));
        }
        self.next_evidence()
    }

    /// Attaches the next waiting file on a worker thread, with progress.
    pub(super) fn next_evidence(&mut self) -> Task<Message> {
        if self.job.is_some() || self.evidence.waiting.is_empty() {
            return Task::none();
        }
        let (Some(unit), Some(db)) = (self.ws.unit.clone(), self.db_path()) else {
            self.evidence.waiting.clear();
            return Task::none();
        };
        let Some((task, file, meta)) = self.evidence.waiting.pop_front() else { return Task::none() };
        let total = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let operator = self.ws.operator.clone();
        let label = match self.evidence.waiting.len() {
            0 => ta(self.lang, "ui-job-adding", &[("name", name.as_str().into())]),
            n => ta(self.lang, "ui-job-adding-more", &[("name", name.as_str().into()), ("count", n.into())]),
        };
        self.evidence.running = Some(name);
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = cancel.clone();
        self.start_job_with(label, total, cancel, move |report| jobs::add_evidence(db, operator, unit, task, file, meta, flag, report))
    }

    /// One notice for the batch that ended: what was attached, what was not and why.
    pub(super) fn evidence_batch_done(&mut self) {
        let added = std::mem::take(&mut self.evidence.added);
        let failed = std::mem::take(&mut self.evidence.failed);
        if failed.is_empty() {
            match added.as_slice() {
                [] => {}
                [one] => self.info(ta(self.lang, "ui-ev-added-notice", &[("name", one.as_str().into())])),
                many => self.info(ta(self.lang, "ui-ev-added-many", &[("count", many.len().into())])),
            }
            return;
        }
        let list = failed
            .iter()
            .map(|(name, why)| ta(self.lang, "ui-ev-failed-item", &[("name", name.as_str().into()), ("reason", why.as_str().into())]))
            .collect::<Vec<_>>()
            .join("; ");
        let text = match added.len() {
            0 => list,
            n => ta(self.lang, "ui-ev-batch-failed", &[("added", n.into()), ("failed", failed.len().into()), ("list", list.into())]),
        };
        self.notice = Some(Notice { text, error: true });
    }

    pub(super) fn start_job(
        &mut self,
        label: String,
        total: u64,
        work: impl FnOnce(&jobs::Reporter) -> crate::error::Result<jobs::Outcome> + Send + 'static,
    ) -> Task<Message> {
        let task = self.start_job_with(label, total, Arc::new(AtomicBool::new(false)), work);
        if let Some(j) = self.job.as_mut() {
            j.cancellable = false;
        }
        task
    }

    pub(super) fn start_job_with(
        &mut self,
        label: String,
        total: u64,
        cancel: Arc<AtomicBool>,
        work: impl FnOnce(&jobs::Reporter) -> crate::error::Result<jobs::Outcome> + Send + 'static,
    ) -> Task<Message> {
        if self.job.is_some() {
            self.notice = Some(Notice { text: t(self.lang, "ui-job-busy"), error: true });
            return Task::none();
        }
        self.job = Some(Job { label, done: 0, total, items: false, cancel, cancellable: true, parts: None });
        Task::run(jobs::spawn(self.lang, work), Message::Job)
    }

    pub(super) fn job_view<'a>(&self, j: &'a Job) -> Element<'a, Message> {
        let lang = self.lang;
        let fraction = if j.total > 0 { (j.done as f32 / j.total as f32).clamp(0.0, 1.0) } else { 0.0 };
        let amount = if j.items {
            format!("{} / {}", j.done, j.total)
        } else if j.total > 0 {
            format!("{} / {}", i18n::format_size(lang, j.done), i18n::format_size(lang, j.total))
        } else {
            String::new()
        };
        let mut line = row![
            text(j.label.clone()).size(style::BODY).width(Length::FillPortion(3)),
            progress_bar(0.0..=1.0, fraction).girth(10).length(Length::FillPortion(4)),
            text(amount).size(style::SMALL).width(Length::Fixed(150.0)),
        ]
        .spacing(style::S12)
        .align_y(Alignment::Center);
        if j.cancellable {
            line = line.push(button(text(t(lang, "ui-cancel")).size(style::SMALL)).padding([4, 10]).style(button::secondary).on_press(Message::CancelJob));
        }
        container(line)
        .padding([8, 12])
        .style(style::card)
        .into()
    }

}

#[cfg(test)]
mod tests {
    use iced::futures::StreamExt;

    use super::*;
    use crate::workspace::Workspace;

    /// Runs what `update` returned, feeding its messages back in.
    fn drive(app: &mut App, task: Task<Message>) {
        let Some(stream) = iced_test::runtime::task::into_stream(task) else { return };
        for action in iced::futures::executor::block_on(stream.collect::<Vec<_>>()) {
            if let iced_test::runtime::Action::Output(m) = action {
                let next = app.update(m);
                drive(app, next);
            }
        }
    }

    #[test]
    fn a_panicking_job_frees_the_window_and_says_so() {
        let mut ws = Workspace::in_memory().unwrap();
        ws.set_unit("X-ANT").unwrap();
        let mut app = App::new(ws, std::env::temp_dir(), Some(crate::i18n::Lang::Vi));
        let task = app.start_job("thử".into(), 0, |_| panic!("a bug in the work"));
        assert!(app.job.is_some());
        drive(&mut app, task);
        assert!(app.job.is_none(), "the window is not left busy");
        let n = app.notice.clone().expect("the error is shown");
        assert!(n.error);
        assert_eq!(n.text, t(crate::i18n::Lang::Vi, "ui-job-crashed"));
        // The next job starts.
        let task = app.start_job("lại".into(), 0, |_| Ok(jobs::Outcome::Opened));
        assert!(app.job.is_some());
        drive(&mut app, task);
        assert!(app.job.is_none());
    }
}
