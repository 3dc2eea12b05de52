//! The desktop window (iced). One file per screen; each screen has its own
//! `Message`, an `Event` it reports upward, and `update`/`view`. This module
//! owns the workspace, routes messages and events, and runs slow work off
//! the UI thread ([`jobs`]).
//!
//! Environment (for screenshots and support): `TIENDO_START_SCREEN` =
//! `dashboard` | `tasks` | `task:CODE` | `calendar` | `calendar:quarter` |
//! `calendar:agenda` | `kpis` | `reports` | `district` | `district:TAB`
//! (`completeness`, `status`, `kpis`, `missing`, `keys`) | `review:UNIT:TASK` |
//! `dashboard:requests` | `drop` | `settings` | `settings:org` | `plan`
//! (`plan:targets`, `plan:plans`, `plan:task:CODE`, `plan:target:CODE`,
//! `plan:new`) | `import:FILE` (the preview of a plan file) opens that
//! screen first.

pub mod calendar;
pub mod clerk;
mod common;
pub mod dashboard;
pub mod district;
pub mod dropfolder;
mod dialog;
mod events;
mod files;
mod frame;
pub mod first_run;
pub mod jobs;
pub mod kpis;
mod launch;
mod load;
pub mod saving;
pub mod org;
pub mod plan_edit;
pub mod plan_import;
pub mod reports;
pub mod review;
pub mod settings;
pub mod style;
pub mod task_detail;
pub mod tasks;
mod work;

pub use common::{Choice, Quarters, format_stamp, quarter_label, t, ta};
pub use launch::{GPU_MARKER, GpuMarker, Start, auto_backup, on_event, run, settings, start_window};
pub use work::{EvidenceQueue, Job};

use std::path::PathBuf;

use iced::widget::{button, center, container, mouse_area, opaque, space, stack, text};
use iced::{Alignment, Element, Length, Subscription, Task, Theme};

use crate::domain::Period;
use crate::i18n::{self, Lang};
use crate::workspace::Workspace;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    FirstRun,
    Dashboard,
    Tasks,
    Task,
    Calendar,
    Kpis,
    Reports,
    District,
    Settings,
    /// Settings → Tổ chức.
    Org,
    /// Settings → Kế hoạch: the plan editor, the plans installed, the rollover.
    Plan,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    /// Ctrl+F.
    Search,
    /// Ctrl+N.
    AddEvidence,
    /// Esc: closes a dialog, cancels an edit.
    Escape,
    /// Tab: the next field of the form.
    NextField,
    /// Shift+Tab: the field before.
    PreviousField,
}

#[derive(Debug, Clone)]
pub enum Message {
    Nav(Screen),
    FirstRun(first_run::Message),
    Dashboard(dashboard::Message),
    Tasks(tasks::Message),
    Detail(task_detail::Message),
    Calendar(calendar::Message),
    Kpis(kpis::Message),
    Reports(reports::Message),
    District(district::Message),
    Settings(settings::Message),
    Org(org::Message),
    PlanEdit(plan_edit::Message),
    Clerk(clerk::Message),
    Shortcut(Shortcut),
    FileDropped(PathBuf),
    /// The daily backup at start ended: whether one was made, or why not.
    AutoBackup(Result<bool, String>),
    /// The import preview.
    PlanImport(plan_import::Message),
    Job(jobs::JobMsg),
    /// A save ended on its worker: what it did, or why not (in the window's language).
    Saved(Result<saving::Saved, String>),
    CancelJob,
    DismissNotice,
    /// A minute went by (the subscription): "today" is read again.
    ClockTick,
    /// The review dialog of the parent office.
    Review(review::Message),
    /// The drop folder's list of packages found.
    Drop(dropfolder::Message),
    /// Time to look at the drop folder again.
    DropTick,
    /// What a look at the drop folder found, or why it could not look.
    DropScanned(Result<Vec<crate::bundle::dropbox::Found>, String>),
}

/// A message at the top of the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub ws: Workspace,
    pub data_dir: PathBuf,
    pub lang: Lang,
    pub dark: bool,
    pub software: bool,
    /// When the last backup was made, as shown in Settings (read on opening
    /// Settings and after each job, not on every frame).
    pub last_backup: Option<String>,
    /// The second backup place, when it was last written, whether to remind.
    pub backup_place: settings::BackupPlace,
    pub screen: Screen,
    pub first_run: first_run::State,
    pub dashboard: dashboard::State,
    pub tasks: tasks::State,
    pub detail: Option<task_detail::State>,
    pub calendar: calendar::State,
    pub kpis: kpis::State,
    pub reports: reports::State,
    pub district: district::State,
    pub settings: settings::State,
    pub org: org::State,
    pub plan_edit: plan_edit::State,
    /// A plan read from a file, shown before it is saved.
    pub plan_preview: Option<plan_import::Preview>,
    pub notice: Option<Notice>,
    pub job: Option<Job>,
    /// The clerk's name (first run and Settings).
    pub clerk: clerk::State,
    /// The clerk's saves, run one after another off the window's thread.
    pub saves: saving::Saves,
    /// Files waiting to be attached, one job after another.
    pub evidence: EvidenceQueue,
    /// The review dialog (Tổng hợp, a cell of the status matrix).
    pub review: Option<review::State>,
    /// The drop folder and what was found there.
    pub drops: dropfolder::State,
}

impl App {
    pub fn new(ws: Workspace, data_dir: PathBuf, lang: Option<Lang>) -> App {
        let meta = |k: &str| ws.setting(k).ok().flatten();
        let lang = lang.or_else(|| meta("lang").and_then(|l| Lang::from_code(&l))).unwrap_or_default();
        let dark = meta("theme").as_deref() == Some("dark");
        let last_backup = meta("last_backup").map(|s| format_stamp(&s));
        let software = meta("renderer").as_deref() == Some("tiny-skia");
        let today = ws.today;
        let year = ws.plan.year;
        let quarter = Quarters::containing(year, today).quarter;
        let screen = if ws.unit.is_some() { Screen::Dashboard } else { Screen::FirstRun };
        let mut app = App {
            first_run: first_run::State::new(lang),
            dashboard: dashboard::State::new(year, today),
            tasks: tasks::State::default(),
            detail: None,
            calendar: calendar::State::new(today),
            kpis: kpis::State::new(year, quarter),
            reports: reports::State::new(year, quarter),
            // The district looks at the last quarter that has ended.
            district: district::State::new(year, if Period::of_date(today).year > year { 4 } else { quarter.saturating_sub(1).max(1) }),
            settings: settings::State::default(),
            org: org::State::default(),
            plan_edit: plan_edit::State::default(),
            plan_preview: None,
            notice: None,
            job: None,
            saves: saving::Saves::default(),
            clerk: clerk::State { known: ws.operators().unwrap_or_default(), ..clerk::State::default() },
            evidence: EvidenceQueue::default(),
            review: None,
            drops: dropfolder::State::default(),
            ws,
            data_dir,
            lang,
            dark,
            software,
            last_backup,
            backup_place: settings::BackupPlace::default(),
            screen,
        };
        app.backup_place = load::read_backup_place(&app.ws);
        app.read_drop_folder();
        if app.backup_place.overdue && app.ws.unit.is_some() {
            let days = crate::workspace::BACKUP_PLACE_REMINDER_DAYS;
            app.info(ta(lang, "ui-settings-place-reminder", &[("days", days.into())]));
        }
        app.refresh();
        app
    }

    pub fn title(&self) -> String {
        match self.ws.unit.as_deref().and_then(|u| self.ws.plan.unit(u)) {
            Some(u) => format!("{} — {}", t(self.lang, "app-name"), u.name),
            None => t(self.lang, "app-name"),
        }
    }

    pub fn theme(&self) -> Theme {
        style::theme(self.dark)
    }

    fn fail(&mut self, e: &crate::error::Error) {
        self.notice = Some(Notice { text: e.message_in(self.lang), error: true });
    }

    fn info(&mut self, text: String) {
        self.notice = Some(Notice { text, error: false });
    }

    /// Records `name` as the clerk from now on: at once in this window's
    /// saves, and stored (on the save worker).
    fn set_operator(&mut self, name: String) -> Task<Message> {
        self.ws.operator = name.clone();
        if !self.clerk.known.contains(&name) {
            self.clerk.known.insert(0, name.clone());
        }
        self.save(saving::Write::Operator(name))
    }

    /// The notice shown over the page: the window's, else the open task's problem.
    pub fn shown_notice(&self) -> Option<(&str, bool)> {
        match (&self.notice, &self.detail) {
            (Some(n), _) => Some((n.text.as_str(), n.error)),
            (None, Some(d)) if self.screen == Screen::Task => d.error.as_deref().map(|e| (e, true)),
            _ => None,
        }
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Nav(s) => {
                if self.ws.unit.is_some() && s != Screen::FirstRun {
                    if s == Screen::Task && self.detail.is_none() {
                        return Task::none();
                    }
                    self.notice = None;
                    self.show(s);
                }
                Task::none()
            }
            Message::FirstRun(m) => self.first_run_event(m),
            Message::Dashboard(m) => {
                match self.dashboard.update(m) {
                    Some(dashboard::Event::Reload) => self.refresh(),
                    Some(dashboard::Event::ShowTasks(f)) => {
                        self.tasks.filters = f;
                        self.tasks.scroll_y = 0.0;
                        self.show(Screen::Tasks);
                        return iced::widget::operation::snap_to(tasks::LIST_ID, iced::widget::scrollable::RelativeOffset::START);
                    }
                    Some(dashboard::Event::OpenTask(c)) => self.open_task(&c),
                    Some(dashboard::Event::OpenKpis(q)) => {
                        if let Some(q) = q {
                            self.kpis.quarters.pick(q);
                        }
                        self.show(Screen::Kpis);
                    }
                    None => {}
                }
                Task::none()
            }
            Message::Tasks(m) => {
                match self.tasks.update(m) {
                    Some(tasks::Event::Reload) => {
                        self.tasks.scroll_y = 0.0;
                        if let Err(e) = self.reload_tasks() {
                            self.fail(&e);
                        }
                        return iced::widget::operation::snap_to(tasks::LIST_ID, iced::widget::scrollable::RelativeOffset::START);
                    }
                    Some(tasks::Event::Open(c)) => self.open_task(&c),
                    None => {}
                }
                Task::none()
            }
            Message::Detail(m) => {
                let (lang, today) = (self.lang, self.ws.today);
                let Some(d) = self.detail.as_mut() else { return Task::none() };
                let (task, event) = d.update(m, lang, today);
                let then = match event {
                    Some(task_detail::Event::Back) => {
                        self.screen = Screen::Tasks;
                        Task::none()
                    }
                    Some(task_detail::Event::Change(c)) => self.apply_change(c),
                    Some(task_detail::Event::Attach(files)) => self.queue_evidence(files),
                    Some(task_detail::Event::OpenEvidence(id)) => self.run(jobs::Work::OpenEvidence(id)),
                    Some(task_detail::Event::UpdateEvidence(id, meta)) => self.save(saving::Write::EvidenceMeta { id, meta }),
                    Some(task_detail::Event::RemoveEvidence(id)) => self.save(saving::Write::RemoveEvidence { id }),
                    None => Task::none(),
                };
                Task::batch([task.map(Message::Detail), then])
            }
            Message::Calendar(m) => {
                if let Some(calendar::Event::Open(c)) = self.calendar.update(m, self.ws.today) {
                    self.open_task(&c);
                }
                Task::none()
            }
            Message::Kpis(m) => {
                match self.kpis.update(m, self.lang) {
                    Some(kpis::Event::Reload) => {
                        if let Err(e) = self.reload_kpis() {
                            self.fail(&e);
                        }
                    }
                    Some(kpis::Event::Save { target, period, figure }) => {
                        let unit = self.ws.unit.clone().unwrap_or_default();
                        return self.save(saving::Write::Figure { unit, target, period, figure });
                    }
                    None => {}
                }
                Task::none()
            }
            Message::Reports(m) => self.reports_event(m),
            Message::District(m) => self.district_event(m),
            Message::Settings(m) => self.settings_event(m),
            Message::Org(m) => self.org_event(m),
            Message::PlanEdit(m) => self.plan_edit_event(m),
            Message::Shortcut(s) => self.shortcut(s),
            Message::FileDropped(p) => self.file_dropped(p),
            Message::AutoBackup(result) => self.auto_backup_ended(result),
            Message::PlanImport(m) => self.plan_import_event(m),
            Message::Clerk(m) => match self.clerk.update(m, self.lang) {
                Some(name) => self.set_operator(name),
                None => Task::none(),
            },
            Message::Job(m) => self.job_message(m),
            Message::Saved(r) => self.saved(r),
            Message::CancelJob => self.cancel_job(),
            Message::ClockTick => {
                self.clock_tick(crate::clock::today());
                Task::none()
            }
            Message::Review(m) => match self.review.as_mut().and_then(|r| r.update(m, self.lang)) {
                Some(review::Event::Save { unit, task, document, verdict, comment }) => {
                    self.save(saving::Write::Review { unit, task, document, verdict, comment })
                }
                Some(review::Event::Close) => {
                    self.review = None;
                    Task::none()
                }
                None => Task::none(),
            },
            Message::Drop(m) => self.drop_message(m),
            Message::DropTick => self.drop_tick(),
            Message::DropScanned(r) => self.drop_scanned(r),
            Message::DismissNotice => {
                self.notice = None;
                if let Some(d) = self.detail.as_mut() {
                    d.error = None;
                }
                Task::none()
            }
        }
    }

    fn shortcut(&mut self, s: Shortcut) -> Task<Message> {
        match s {
            Shortcut::Escape => {
                if let Some(d) = self.detail.as_mut() {
                    d.confirm_remove = None;
                    // An edit not saved is dropped: the stored values come back.
                    d.editing = None;
                    d.note = d.state.note.clone();
                }
                if self.screen == Screen::Kpis {
                    self.kpis.error = None;
                    if let Err(e) = self.reload_kpis() {
                        self.fail(&e);
                    }
                }
                self.settings.confirm_restore = None;
                self.settings.changing_unit = false;
                self.settings.p12 = None;
                self.plan_edit.picker = None;
                self.district.confirm_accept = None;
                self.district.card = None;
                self.review = None;
                self.drops.open = false;
                self.notice = None;
                Task::none()
            }
            Shortcut::Search if self.ws.unit.is_some() => {
                self.show(Screen::Tasks);
                iced::widget::operation::focus(tasks::SEARCH_ID)
            }
            Shortcut::NextField => iced::widget::operation::focus_next(),
            Shortcut::PreviousField => iced::widget::operation::focus_previous(),
            Shortcut::AddEvidence if self.screen == Screen::Task && self.job.is_none() => {
                self.update(Message::Detail(task_detail::Message::AddFile))
            }
            _ => Task::none(),
        }
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let mut subs = vec![
            iced::event::listen_with(launch::on_event),
            // "Today" is read again every minute: a window left open past midnight moves on.
            iced::time::every(std::time::Duration::from_secs(60)).map(|_| Message::ClockTick),
        ];
        if self.drops.folder.is_some() {
            subs.push(iced::time::every(std::time::Duration::from_secs(dropfolder::EVERY_SECONDS)).map(|_| Message::DropTick));
        }
        Subscription::batch(subs)
    }

    /// The clock was read again: on a new day every date-based view
    /// (overdue, due soon, completeness, "done on") follows.
    pub fn clock_tick(&mut self, today: chrono::NaiveDate) {
        if today != self.ws.today {
            self.ws.today = today;
            self.refresh();
        }
    }
}
