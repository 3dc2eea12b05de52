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
mod events;
mod files;
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
pub use files::Pick;
pub use launch::{GPU_MARKER, GpuMarker, Start, auto_backup, on_event, run, settings, start_window};
pub use work::{EvidenceQueue, Job};

use std::path::PathBuf;

use iced::widget::{button, center, column, container, mouse_area, opaque, row, space, stack, text};
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
    /// Files chosen in the "attach" dialog (several at once are queued).
    FilesPicked(Vec<PathBuf>),
    BackupPicked(Option<PathBuf>),
    /// The folder chosen as the second backup place.
    PlacePicked(Option<PathBuf>),
    RestorePicked(Option<PathBuf>),
    /// The .p12/.pfx file chosen for the PDF-signing certificate.
    P12Picked(Option<PathBuf>),
    /// The plan file chosen for import (Word, Excel, CSV).
    PlanFilePicked(Option<PathBuf>),
    /// The import preview.
    PlanImport(plan_import::Message),
    /// The files chosen in a file dialog (none if it was closed).
    Picked(Pick, Vec<PathBuf>),
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

/// What a file dialog of the reports and district screens was for.

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
                match d.update(m, lang, today) {
                    Some(task_detail::Event::Back) => self.screen = Screen::Tasks,
                    Some(task_detail::Event::Change(c)) => return self.apply_change(c),
                    Some(task_detail::Event::PickFile(_)) => return self.pick_evidence_file(),
                    Some(task_detail::Event::OpenEvidence(id)) => return self.open_evidence(id),
                    Some(task_detail::Event::UpdateEvidence(id, meta)) => return self.save(saving::Write::EvidenceMeta { id, meta }),
                    Some(task_detail::Event::RemoveEvidence(id)) => return self.save(saving::Write::RemoveEvidence { id }),
                    None => {}
                }
                Task::none()
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
            Message::Reports(m) => match self.reports.update(m) {
                Some(e) => self.reports_event(e),
                None => Task::none(),
            },
            Message::District(m) => {
                let m = self.with_other_key(m);
                match self.district.update(m) {
                    Some(e) => self.district_event(e),
                    None => Task::none(),
                }
            }
            Message::Picked(pick, files) => self.picked(pick, files),
            Message::Settings(m) => self.settings_event(m),
            Message::Org(m) => self.org_event(m),
            Message::PlanEdit(m) => self.plan_edit_event(m),
            Message::Shortcut(s) => self.shortcut(s),
            Message::FileDropped(p) => self.file_dropped(p),
            Message::FilesPicked(files) => self.queue_evidence(files),
            Message::AutoBackup(result) => self.auto_backup_ended(result),
            Message::BackupPicked(Some(dest)) => {
                let Some(db) = self.db_path() else { return Task::none() };
                self.start_job(t(self.lang, "ui-job-backup"), 0, move |_| jobs::backup(db, dest))
            }
            Message::RestorePicked(Some(p)) => {
                self.settings.confirm_restore = Some(p);
                Task::none()
            }
            Message::P12Picked(Some(p)) => {
                self.settings.p12_chosen(p);
                iced::widget::operation::focus(settings::P12_PASSWORD_ID)
            }
            Message::PlacePicked(Some(dir)) => self.save(saving::Write::BackupPlace(Some(dir))),
            Message::PlanFilePicked(Some(p)) => self.plan_file_picked(&p),
            Message::PlanImport(m) => self.plan_import_event(m),
            Message::BackupPicked(None) | Message::RestorePicked(None) | Message::P12Picked(None) | Message::PlacePicked(None) | Message::PlanFilePicked(None) => {
                Task::none()
            }
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

    pub fn view(&self) -> Element<'_, Message> {
        let lang = self.lang;
        if self.screen == Screen::FirstRun || self.ws.unit.is_none() {
            let clerk = self.clerk.view(lang, &self.ws.operator).map(first_run::Message::Clerk);
            let page = self.first_run.view(&self.ws.plan, &self.ws.org.retired(), clerk).map(Message::FirstRun);
            // No sidebar here: a save under way, and what went wrong, float over the card.
            let saving = self.saves.busy().then(|| t(lang, "ui-saving"));
            return match self.notice.as_ref().map(|n| (n.text.as_str(), n.error)).or(saving.as_deref().map(|s| (s, false))) {
                Some((message, error)) => toast_over(page, message, error),
                None => page,
            };
        }
        let today = self.ws.today;
        let busy = self.job.is_some();
        let page: Element<'_, Message> = if let Some(p) = &self.plan_preview {
            p.view(&self.ws.org, lang).map(Message::PlanImport)
        } else { match self.screen {
            Screen::Dashboard | Screen::FirstRun => self.dashboard.view(lang).map(Message::Dashboard),
            Screen::Tasks => self.tasks.view(&self.ws.plan, lang, today).map(Message::Tasks),
            Screen::Task => match &self.detail {
                Some(d) => d.view(&self.ws.plan, lang, today, busy).map(Message::Detail),
                None => space().into(),
            },
            Screen::Calendar => self.calendar.view(lang, today).map(Message::Calendar),
            Screen::Kpis => self.kpis.view(lang).map(Message::Kpis),
            Screen::Reports => self.reports.view(lang, busy).map(Message::Reports),
            Screen::District => self.district.view(&self.ws.plan, lang, busy).map(Message::District),
            Screen::Settings => column![
                // Who is working, above the settings of the installation.
                style::section(
                    ta(lang, "ui-clerk-current", &[("name", self.ws.operator.as_str().into())]),
                    self.clerk.view(lang, &self.ws.operator).map(Message::Clerk)
                ),
                self.settings.view(settings::Info {
                    plan: &self.ws.plan,
                    unit: self.ws.unit.as_deref(),
                    retired: self.ws.org.retired(),
                    lang,
                    dark: self.dark,
                    software: self.software,
                    data_dir: &self.data_dir,
                    last_backup: self.last_backup.clone(),
                    place: &self.backup_place,
                    drop_folder: self.drops.folder.as_deref(),
                    busy,
                    today: self.ws.today,
                })
                .map(Message::Settings),
            ]
            .spacing(style::S12)
            .into(),
            Screen::Org => self.org.view(&self.ws.org, lang).map(Message::Org),
            Screen::Plan => self.plan_edit.view(&self.ws.plan, &self.ws.org, lang).map(Message::PlanEdit),
        } };
        // A notice floats over the bottom of the page: it never moves what
        // the clerk is about to click.
        let page: Element<'_, Message> = match self.shown_notice() {
            Some((message, error)) => toast_over(page, message, error),
            None => page,
        };
        let mut content = column![].spacing(style::S12).height(Length::Fill);
        if let Some(b) = self.drops.banner(lang) {
            content = content.push(b.map(Message::Drop));
        }
        content = content.push(container(page).height(Length::Fill));
        if let Some(j) = &self.job {
            content = content.push(self.job_view(j));
        }
        let body = row![self.sidebar(), container(content).padding([style::S16, 20.0]).width(Length::Fill).height(Length::Fill)];
        let dialog = match self.screen {
            _ if self.drops.open => self.drops.dialog(lang, busy).map(|e| (e.map(Message::Drop), Message::Drop(dropfolder::Message::Close))),
            Screen::District if self.review.is_some() => {
                self.review.as_ref().map(|r| (r.view(lang).map(Message::Review), Message::Review(review::Message::Cancel)))
            }
            Screen::Task => self.detail.as_ref().and_then(|d| d.dialog(lang)).map(|e| (e.map(Message::Detail), Message::Detail(task_detail::Message::CancelRemove))),
            Screen::Settings => self.settings.dialog(lang).map(|e| {
                let close = if self.settings.p12.is_some() { settings::Message::CancelP12 } else { settings::Message::CancelRestore };
                (e.map(Message::Settings), Message::Settings(close))
            }),
            Screen::District => self.district.dialog(&self.ws.plan, lang).map(|e| {
                let close = if self.district.confirm_accept.is_some() { district::Message::CancelAccept } else { district::Message::CancelCard };
                (e.map(Message::District), Message::District(close))
            }),
            _ => None,
        };
        match dialog {
            Some((d, close)) => stack![
                body,
                opaque(mouse_area(center(opaque(container(d).padding(20).width(Length::Fixed(480.0)).style(style::card))).style(style::modal_backdrop)).on_press(close))
            ]
            .into(),
            None => body.into(),
        }
    }

    fn sidebar(&self) -> Element<'_, Message> {
        let lang = self.lang;
        let unit = self.ws.unit.as_deref().and_then(|u| self.ws.plan.unit(u));
        let item = |screen: Screen, id: &str, mark: &str| {
            let active = self.screen == screen
                || (screen == Screen::Tasks && self.screen == Screen::Task)
                || (screen == Screen::Settings && matches!(self.screen, Screen::Org | Screen::Plan));
            button(row![text(mark.to_owned()).size(style::BODY).font(style::SYMBOLS).width(Length::Fixed(20.0)), text(t(lang, id)).size(15)].spacing(6))
                .width(Length::Fill)
                .padding([9, 12])
                .style(style::nav(active))
                .on_press(Message::Nav(screen))
        };
        let mut nav = column![
            item(Screen::Dashboard, "ui-nav-dashboard", "◧"),
            item(Screen::Tasks, "ui-nav-tasks", "☰"),
            item(Screen::Calendar, "ui-nav-calendar", "▦"),
            item(Screen::Kpis, "ui-nav-kpis", "◎"),
            item(Screen::Reports, "ui-nav-reports", "▤"),
        ]
        .spacing(4);
        if self.is_district() {
            nav = nav.push(item(Screen::District, "ui-nav-district", "▣"));
        }
        nav = nav.push(item(Screen::Settings, "ui-nav-settings", "⚙"));
        if let Some(d) = &self.detail {
            nav = nav.push(space().height(8));
            nav = nav.push(
                button(text(format!("{} {}", t(lang, "ui-task"), d.code)).size(style::SMALL))
                    .width(Length::Fill)
                    .padding([6, 12])
                    .style(style::nav(self.screen == Screen::Task))
                    .on_press(Message::Nav(Screen::Task)),
            );
        }
        container(
            column![
                column![
                    text(t(lang, "app-name")).size(20).font(style::BOLD),
                    text(unit.map(|u| u.name.clone()).unwrap_or_default()).size(style::BODY),
                    text(ta(lang, "ui-plan-line", &[("number", common::plan_label(&self.ws.plan).into()), ("year", self.ws.plan.year.to_string().into())]))
                        .size(12)
                        .color(iced::Color::from_rgba(1.0, 1.0, 1.0, 0.7)),
                ]
                .spacing(2),
                nav,
                space::vertical(),
                // Saves run on a worker: say so while one is under way.
                text(if self.saves.busy() { t(lang, "ui-saving") } else { String::new() }).size(12).color(iced::Color::from_rgba(1.0, 1.0, 1.0, 0.9)),
                text(ta(lang, "ui-today", &[("date", i18n::format_date(self.ws.today).into())])).size(12).color(iced::Color::from_rgba(1.0, 1.0, 1.0, 0.75)),
            ]
            .spacing(20),
        )
        .padding([20, 12])
        .width(Length::Fixed(220.0))
        .height(Length::Fill)
        .style(style::sidebar)
        .into()
    }
}

/// `message` floating over the bottom of `page`: it never moves what the
/// clerk is about to click.
fn toast_over<'a>(page: Element<'a, Message>, message: &str, error: bool) -> Element<'a, Message> {
    stack![
        container(page).height(Length::Fill),
        container(
            container(
                row![
                    text(message.to_owned()).size(style::BODY).width(Length::Fill),
                    button(text("×").size(style::TITLE)).padding([0, 8]).style(style::link).on_press(Message::DismissNotice)
                ]
                .align_y(Alignment::Center),
            )
            .padding([8, 12])
            .max_width(820)
            .style(style::toast(error)),
        )
        .width(Length::Fill)
        .height(Length::Fill)
        .padding(iced::Padding { bottom: 12.0, ..iced::Padding::ZERO })
        .align_x(Alignment::Center)
        .align_y(Alignment::End)
    ]
    .into()
}
