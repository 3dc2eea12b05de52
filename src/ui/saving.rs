//! The clerk's saves (a status chip, the progress slider, a note, a KPI
//! figure, an attachment's details or its removal, a setting). None runs on
//! the window's thread: each runs on a worker with its own connection that
//! waits only briefly for another writer (an attachment being copied in, a
//! merge, the command line beside the window) and tries again, while the
//! window shows "đang lưu…". Saves run one after another, in the order made.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use iced::Task;

use super::{App, Message, t, ta};
use crate::domain::{Figure, Period};
use crate::error::Result;
use crate::evidence::EvidenceMeta;
use crate::progress::Change;
use crate::store::Store;
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
        match result {
            Ok(done) => {
                self.refresh();
                match done {
                    Saved::Task(code) => self.info(ta(lang, "ui-saved-task", &[("code", code.into())])),
                    Saved::Figure(code) => self.info(ta(lang, "ui-kpi-saved", &[("code", code.into())])),
                    Saved::EvidenceMeta(name) => self.info(ta(lang, "ui-ev-edited", &[("name", name.into())])),
                    Saved::EvidenceRemoved => self.info(t(lang, "ui-ev-removed")),
                    Saved::Setting(key) if key == "renderer" => self.info(t(lang, "ui-settings-software-restart")),
                    Saved::Setting(_) => {}
                    Saved::BackupPlace => self.read_last_backup(),
                    Saved::Operator(name) => {
                        self.clerk.known = self.ws.operators().unwrap_or_default();
                        self.info(ta(lang, "ui-clerk-saved", &[("name", name.into())]));
                    }
                }
            }
            Err(message) => match (write, self.detail.as_mut()) {
                (Some(Write::Task { .. }), Some(d)) => d.error = Some(message),
                (Some(Write::Figure { target, .. }), _) => self.kpis.error = Some((target, message)),
                _ => self.notice = Some(super::Notice { text: message, error: true }),
            },
        }
        self.next_save()
    }
}
