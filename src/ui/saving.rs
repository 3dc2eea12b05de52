//! The clerk's saves (a status chip, the progress slider, a note, a KPI
//! figure, an attachment's details or its removal, a setting, the unit, a
//! trusted key, an edit of the organisation, an imported plan, units table
//! or receipt). None runs on
//! the window's thread: each runs on a worker with its own connection that
//! waits only briefly for another writer (an attachment being copied in, a
//! merge, the command line beside the window) and tries again, while the
//! window shows "đang lưu…". Saves run one after another, in the order made.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use iced::Task;

use super::{App, Message, t, ta};
use crate::crypto::sign::PublicKey;
use crate::domain::{Figure, Period};
use crate::error::Result;
use crate::evidence::EvidenceMeta;
use crate::progress::Change;
use crate::plan::PlanSource;
use crate::store::Store;
use crate::store::receipts::ReceiptImport;
use crate::workspace::Workspace;

/// How long one attempt waits for another writer.
pub const BUSY_WAIT: Duration = Duration::from_millis(200);
/// How long a save keeps trying before it reports the database busy.
pub const GIVE_UP_AFTER: Duration = Duration::from_secs(120);

/// One save.
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    Task { unit: String, code: String, change: Change },
    Figure { unit: String, target: String, period: Period, figure: Figure },
    EvidenceMeta { id: i64, meta: EvidenceMeta },
    RemoveEvidence { id: i64 },
    Setting { key: &'static str, value: String },
    /// The clerk recorded in the history from now on.
    Operator(String),
    /// The second backup place (a folder), or none.
    BackupPlace(Option<PathBuf>),
    /// One edit of the active plan (Settings → Kế hoạch).
    PlanEdit(crate::plan::edit::PlanEdit),
    /// Make the plan of this id the active one.
    UsePlan(String),
    /// A copy of the active plan for this year, made active.
    Rollover(i32),
    /// The parent office's review of a unit's task (or one of its documents).
    Review { unit: String, task: String, document: Option<String>, verdict: crate::store::feedback::ReviewVerdict, comment: String },
    /// A package of the drop folder a person declined.
    DropDecline { file_sha: String, name: String },
    /// The installation's unit (first run, Settings).
    Unit(String),
    /// A unit's key, trusted (its key card).
    TrustKey { unit: String, key: PublicKey },
    /// A quarantined key, accepted once its fingerprint was compared;
    /// `file`: the bundle it held back, merged next.
    AcceptKey { key_id: String, file: Option<PathBuf> },
    /// An edit of the organisation (Settings → Tổ chức), made on the
    /// organisation as stored when the save runs.
    Org(super::org::Edit),
    /// A new organisation (first run: its first unit typed by hand).
    StartOrg(crate::org::Org),
    /// The signed plan package the parent office sent (first run).
    /// With the signer's key when the clerk compared its fingerprint (then trusted).
    PlanPackage(PathBuf, Option<crate::crypto::sign::PublicKey>),
    /// A units table (first run).
    UnitsFile(PathBuf),
    /// A plan read from a file and looked over in the preview.
    InstallPlan(Box<PlanSource>),
    /// A receipt from the parent office.
    Receipt(PathBuf),
}

/// What a save did.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    Task(String),
    Figure(String),
    EvidenceMeta(String),
    EvidenceRemoved,
    Setting(&'static str),
    Operator(String),
    BackupPlace,
    /// The plan was edited: the task or target the edit left selected, and how many fields changed.
    PlanEdited { code: Option<String>, changes: usize },
    /// The plan of this id is the active one now.
    PlanUsed(String),
    /// The plan for `year` was made; (task code, units) left unfinished in the old one.
    RolledOver { year: i32, unfinished: Vec<(String, Vec<String>)> },
    Review { unit: String, task: String, changed: bool },
    DropDeclined(String),
    Unit(String),
    /// A key now trusted; `file`: the bundle to merge now.
    KeyTrusted { unit: String, fingerprint: String, file: Option<PathBuf> },
    Org(super::org::Edit),
    OrgStarted,
    PlanPackage,
    /// A units table imported: how many units it added.
    UnitsImported(usize),
    /// The plan installed (its id).
    PlanInstalled(String),
    Receipt { outcome: ReceiptImport, parent: String, sequence: i64, entries: usize },
}

impl Saved {
    /// Whether the save changed the organisation, the plan or the unit,
    /// which the window then reads again.
    fn changes_workspace(&self) -> bool {
        matches!(self, Saved::Unit(_) | Saved::Org(_) | Saved::OrgStarted | Saved::PlanPackage | Saved::UnitsImported(_) | Saved::PlanInstalled(_))
    }
}

/// Does `write` on `ws` (the worker's workspace, or the window's own when
/// the database lives in memory).
pub fn apply(ws: &mut Workspace, write: &Write) -> Result<Saved> {
    match write {
        Write::Task { unit, code, change } => ws.update_task(unit, code, change).map(|_| Saved::Task(code.clone())),
        Write::Figure { unit, target, period, figure } => ws.set_figure(unit, target, *period, *figure).map(|()| Saved::Figure(target.clone())),
        Write::EvidenceMeta { id, meta } => ws.update_evidence_meta(*id, meta).map(|e| Saved::EvidenceMeta(e.file_name)),
        Write::RemoveEvidence { id } => ws.remove_evidence(*id).map(|()| Saved::EvidenceRemoved),
        Write::Setting { key, value } => ws.set_setting(key, value).map(|()| Saved::Setting(key)),
        Write::Operator(name) => ws.set_operator(name).map(|()| Saved::Operator(name.clone())),
        Write::BackupPlace(dir) => ws.set_backup_place(dir.as_deref()).map(|()| Saved::BackupPlace),
        Write::PlanEdit(edit) => {
            use crate::plan::edit::PlanEdit;
            let code = match edit {
                PlanEdit::AddTask(d) | PlanEdit::UpdateTask { task: d, .. } => Some(d.code.trim().trim_end_matches('.').to_owned()),
                PlanEdit::MoveTask { code, .. } => Some(code.clone()),
                PlanEdit::AddTarget(d) | PlanEdit::UpdateTarget { target: d, .. } => Some(d.code.trim().to_owned()),
                PlanEdit::DeleteTask { .. } | PlanEdit::DeleteTarget { .. } | PlanEdit::Header { .. } => None,
                PlanEdit::AddArea { .. } | PlanEdit::RenameArea { .. } | PlanEdit::DeleteArea { .. } => None,
            };
            ws.edit_plan(edit).map(|e| Saved::PlanEdited { code, changes: e.changes.len() })
        }
        Write::UsePlan(id) => ws.use_plan(id).map(|p| Saved::PlanUsed(p.id.clone())),
        Write::Rollover(year) => match ws.rollover(*year, None, None) {
            Ok(r) => Ok(Saved::RolledOver { year: *year, unfinished: r.unfinished }),
            // In the window there is no --new-id: say which plan is already there.
            Err(e) if matches!(e.kind(), crate::error::Kind::Plan(crate::error::PlanError::Exists { .. })) => {
                Err(crate::error::Error::new("err-rollover-exists").arg("year", year.to_string()))
            }
            Err(e) => Err(e),
        },
        Write::Review { unit, task, document, verdict, comment } => ws
            .review(unit, task, document.as_deref(), *verdict, comment)
            .map(|(_, changed)| Saved::Review { unit: unit.clone(), task: task.clone(), changed }),
        Write::DropDecline { file_sha, name } => ws.decline_found(file_sha, name).map(|()| Saved::DropDeclined(name.clone())),
        Write::Unit(code) => ws.set_unit(code).map(|()| Saved::Unit(code.clone())),
        Write::TrustKey { unit, key } => ws.trust_key(unit, key).map(|()| Saved::KeyTrusted { unit: unit.clone(), fingerprint: key.fingerprint(), file: None }),
        Write::AcceptKey { key_id, file } => ws.accept_key(key_id).map(|k| Saved::KeyTrusted {
            unit: k.unit,
            fingerprint: crate::crypto::sign::fingerprint_of_hex(&k.key_id),
            file: file.clone(),
        }),
        Write::Org(edit) => {
            let next = edit.apply(&ws.org)?;
            ws.save_org(next).map(|()| Saved::Org(edit.clone()))
        }
        Write::StartOrg(org) => ws.start_org(org.clone()).map(|()| Saved::OrgStarted),
        Write::PlanPackage(file, key) => ws.import_plan_package(file, key.clone()).map(|_| Saved::PlanPackage),
        Write::UnitsFile(file) => {
            let rows = crate::org::read_units_file(file)?;
            ws.import_units(&rows, false).map(|ch| Saved::UnitsImported(ch.added.len()))
        }
        Write::InstallPlan(src) => ws.install_plan(src).map(|plan| Saved::PlanInstalled(plan.id)),
        Write::Receipt(file) => ws.import_receipt(file).map(|(outcome, doc)| Saved::Receipt {
            outcome,
            parent: doc.parent_code,
            sequence: doc.sequence,
            entries: doc.entries.len(),
        }),
    }
}

/// Does `write` on a connection of its own, waiting [`BUSY_WAIT`] at a
/// time for another writer and trying again until [`GIVE_UP_AFTER`].
pub fn run(db: &PathBuf, operator: &str, today: NaiveDate, write: &Write) -> Result<Saved> {
    let store = Store::open(db)?;
    store.set_busy_timeout(BUSY_WAIT)?;
    let mut ws = Workspace::from_store(store)?;
    ws.operator = operator.to_owned();
    ws.today = today;
    let start = Instant::now();
    loop {
        match apply(&mut ws, write) {
            Err(e) if e.is_busy() && start.elapsed() < GIVE_UP_AFTER => std::thread::sleep(Duration::from_millis(50)),
            done => return done,
        }
    }
}

/// Saves waiting their turn, and whether one is running.
#[derive(Debug, Default)]
pub struct Saves {
    waiting: std::collections::VecDeque<Write>,
    running: Option<Write>,
}

impl Saves {
    /// Whether a save is running or waiting (the window says "đang lưu…").
    pub fn busy(&self) -> bool {
        self.running.is_some() || !self.waiting.is_empty()
    }
}

impl App {
    /// Saves `write` off the window's thread (in order with the saves before it).
    pub(super) fn save(&mut self, write: Write) -> Task<Message> {
        if self.ws.db_path().is_none() {
            // A database in memory (tests) has no file another connection
            // could open, and no other writer to wait for.
            let result = apply(&mut self.ws, &write).map_err(|e| e.message_in(self.lang));
            self.saves.running = Some(write);
            return self.saved(result);
        }
        self.saves.waiting.push_back(write);
        self.next_save()
    }

    fn next_save(&mut self) -> Task<Message> {
        if self.saves.running.is_some() {
            return Task::none();
        }
        let (Some(write), Some(db)) = (self.saves.waiting.pop_front(), self.ws.db_path().map(PathBuf::from)) else { return Task::none() };
        self.saves.running = Some(write.clone());
        let (operator, today, lang) = (self.ws.operator.clone(), self.ws.today, self.lang);
        Task::perform(
            async move {
                let (tx, rx) = iced::futures::channel::oneshot::channel();
                std::thread::spawn(move || {
                    let _ = tx.send(run(&db, &operator, today, &write).map_err(|e| e.message_in(lang)));
                });
                // A worker that died without answering (a panic) is reported too.
                rx.await.unwrap_or_else(|_| Err(t(lang, "ui-job-crashed")))
            },
            Message::Saved,
        )
    }

    /// A save ended: show it (and the data it changed), then run the next.
    pub(super) fn saved(&mut self, result: std::result::Result<Saved, String>) -> Task<Message> {
        let write = self.saves.running.take();
        let lang = self.lang;
        let mut then = Task::none();
        match result {
            Ok(done) => {
                if done.changes_workspace()
                    && let Err(e) = self.ws.reload()
                {
                    self.fail(&e);
                }
                self.refresh();
                match done {
                    Saved::Task(code) => self.info(ta(lang, "ui-saved-task", &[("code", code.into())])),
                    Saved::Figure(code) => self.info(ta(lang, "ui-kpi-saved", &[("code", code.into())])),
                    Saved::EvidenceMeta(name) => self.info(ta(lang, "ui-ev-edited", &[("name", name.into())])),
                    Saved::EvidenceRemoved => self.info(t(lang, "ui-ev-removed")),
                    Saved::Setting(key) if key == "renderer" => self.info(t(lang, "ui-settings-software-restart")),
                    Saved::Setting(key) if key == crate::bundle::dropbox::DROP_FOLDER_KEY => self.read_drop_folder(),
                    Saved::Setting(_) => {}
                    Saved::Review { unit, task, changed } => {
                        self.review = None;
                        let id = if changed { "ui-review-saved" } else { "ui-review-unchanged" };
                        self.info(ta(lang, id, &[("unit", unit.into()), ("task", task.into())]));
                    }
                    Saved::DropDeclined(name) => self.info(ta(lang, "ui-drop-declined", &[("name", name.into())])),
                    Saved::BackupPlace => self.read_last_backup(),
                    Saved::PlanEdited { code, changes } => self.plan_saved(code, changes),
                    Saved::PlanUsed(id) => self.plan_switched(&id),
                    Saved::RolledOver { year, unfinished } => self.rolled_over(year, unfinished),
                    Saved::Operator(name) => {
                        self.clerk.known = self.ws.operators().unwrap_or_default();
                        self.info(ta(lang, "ui-clerk-saved", &[("name", name.into())]));
                    }
                    Saved::Unit(code) => self.unit_saved(&code),
                    Saved::KeyTrusted { unit, fingerprint, file } => {
                        self.info(ta(lang, "keys-trusted", &[("unit", unit.into()), ("fingerprint", fingerprint.into())]));
                        if let Err(e) = self.reload_district() {
                            self.fail(&e);
                        }
                        // The bundle that was held back is merged now (all its parts, if it came in parts).
                        if let Some(file) = file {
                            then = self.enqueue_bundles(crate::bundle::sibling_parts(&file));
                        }
                    }
                    Saved::Org(edit) => {
                        self.reread_preview(&edit);
                        self.org.saved(Ok(edit));
                    }
                    Saved::OrgStarted | Saved::PlanPackage => self.first_run.loaded(),
                    Saved::UnitsImported(added) => {
                        self.first_run.loaded();
                        self.info(ta(lang, "units-created", &[("count", added.into())]));
                    }
                    Saved::PlanInstalled(_) => {
                        self.detail = None;
                        self.refresh();
                        let p = &self.ws.plan;
                        let args = [
                            ("plan", super::common::plan_line(lang, p).into()),
                            ("tasks", p.tasks.len().into()),
                            ("targets", p.targets.len().into()),
                        ];
                        self.info(ta(lang, "ui-import-done", &args));
                    }
                    Saved::Receipt { outcome, parent, sequence, entries } => {
                        self.info(crate::bundle::dropbox::receipt_said(lang, outcome, &parent, sequence, entries));
                        if let Err(e) = self.reload_reports() {
                            self.fail(&e);
                        }
                    }
                }
            }
            Err(message) => match (write, self.detail.as_mut()) {
                (Some(Write::Task { .. }), Some(d)) => d.error = Some(message),
                (Some(Write::Figure { target, .. }), _) => self.kpis.error = Some((target, message)),
                (Some(Write::PlanEdit(_) | Write::UsePlan(_) | Write::Rollover(_)), _) => self.plan_edit.saved(Err(message)),
                (Some(Write::Review { .. }), _) if self.review.is_some() => {
                    if let Some(r) = self.review.as_mut() {
                        r.error = Some(message);
                    }
                }
                (Some(Write::Org(_)), _) if self.plan_preview.is_some() => self.notice = Some(super::Notice { text: message, error: true }),
                (Some(Write::Org(_)), _) => self.org.saved(Err(message)),
                _ => self.notice = Some(super::Notice { text: message, error: true }),
            },
        }
        Task::batch([then, self.next_save()])
    }

    /// The unit was stored: the first run opens the dashboard; a change in
    /// Settings starts the task list afresh.
    fn unit_saved(&mut self, code: &str) {
        if self.screen == super::Screen::FirstRun {
            self.show(super::Screen::Dashboard);
            return;
        }
        self.detail = None;
        self.tasks.filters = super::tasks::Filters::default();
        self.refresh();
        let name = self.ws.plan.unit(code).map_or_else(|| code.to_owned(), |u| u.name.clone());
        self.info(ta(self.lang, "ui-settings-unit-changed", &[("name", name.into())]));
    }
}
