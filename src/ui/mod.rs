//! The desktop window (iced). One file per screen; each screen has its own
//! `Message`, an `Event` it reports upward, and `update`/`view`. This module
//! owns the workspace, routes messages and events, and runs slow work off
//! the UI thread ([`jobs`]).
//!
//! Environment (for screenshots and support): `TIENDO_START_SCREEN` =
//! `dashboard` | `tasks` | `task:CODE` | `calendar` | `calendar:quarter` |
//! `calendar:agenda` | `kpis` | `reports` | `district` | `district:TAB`
//! (`completeness`, `status`, `kpis`, `missing`, `keys`) | `settings` opens
//! that screen first.

pub mod calendar;
pub mod dashboard;
pub mod district;
pub mod first_run;
pub mod jobs;
pub mod kpis;
pub mod plan_import;
pub mod reports;
pub mod settings;
pub mod style;
pub mod task_detail;
pub mod tasks;

use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use iced::widget::{button, center, column, container, mouse_area, opaque, progress_bar, row, space, stack, text};
use iced::{Alignment, Element, Length, Subscription, Task, Theme};

use crate::cli::Globals;
use crate::domain::{Figure, Period};
use crate::i18n::{self, Arg, Lang};
use crate::progress::Filter;
use crate::workspace::Workspace;

/// Translates `id` in `lang`.
pub fn t(lang: Lang, id: &str) -> String {
    i18n::tr_in(lang, id, &[])
}

/// Translates `id` in `lang` with arguments.
pub fn ta(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    i18n::tr_in(lang, id, args)
}

/// "Quý IV/2023", "Q4 2023".
pub fn quarter_label(lang: Lang, q: u32, year: i32) -> String {
    let q = q.clamp(1, 4);
    ta(lang, "ui-quarter", &[("q", ["I", "II", "III", "IV"][(q - 1) as usize].into()), ("n", q.to_string().into()), ("year", year.to_string().into())])
}

/// The four quarter chips of `year`, the `selected` one highlighted.
pub fn quarter_chips<'a, M: Clone + 'a>(lang: Lang, year: i32, selected: u32, on_press: impl Fn(u32) -> M) -> iced::widget::Row<'a, M> {
    iced::widget::row((1..=4).map(|q| {
        iced::widget::button(iced::widget::text(quarter_label(lang, q, year)).size(style::SMALL))
            .padding([5, 12])
            .style(style::chip(q == selected))
            .on_press(on_press(q))
            .into()
    }))
    .spacing(6)
}

/// A stored timestamp ("2023-10-20T08:05:00") as "20/10/2023 08:05".
pub fn format_stamp(s: &str) -> String {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
        .map(|d| d.format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_else(|_| s.to_owned())
}

/// An option of a pick list: a value (or "all") and its label.
#[derive(Debug, Clone)]
pub struct Choice<T> {
    pub value: Option<T>,
    pub label: String,
}

impl<T> Choice<T> {
    pub fn new(value: Option<T>, label: String) -> Choice<T> {
        Choice { value, label }
    }
}

impl<T: PartialEq> PartialEq for Choice<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: PartialEq> Eq for Choice<T> {}

impl<T> std::fmt::Display for Choice<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    /// Ctrl+F.
    Search,
    /// Ctrl+N.
    AddEvidence,
    /// Esc.
    Escape,
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
    Shortcut(Shortcut),
    FileDropped(PathBuf),
    /// The daily backup at start ended: whether one was made, or why not.
    AutoBackup(Result<bool, String>),
    /// Files chosen in the "attach" dialog (several at once are queued).
    FilesPicked(Vec<PathBuf>),
    BackupPicked(Option<PathBuf>),
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
    CancelJob,
    DismissNotice,
}

/// What a file dialog of the reports and district screens was for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// Where to save the calendar (.ics).
    Calendar,
    /// Where to save the bundle of a period.
    Bundle(Period),
    /// Where to save this unit's public key card.
    KeyCard,
    /// Bundles to import (several).
    Bundles,
    /// A unit's key card to register.
    TrustCard,
    /// Where to save the matrix of a period (CSV or Excel).
    Matrix(Period, crate::report::MatrixFormat),
}

impl Pick {
    /// The file type offered: its name and extension.
    fn filter(self) -> (&'static str, &'static str) {
        match self {
            Pick::Calendar => ("iCalendar", "ics"),
            Pick::Bundle(_) | Pick::Bundles => ("Zip", "zip"),
            Pick::KeyCard | Pick::TrustCard => ("minisign", "pub"),
            Pick::Matrix(_, crate::report::MatrixFormat::Csv) => ("CSV", "csv"),
            Pick::Matrix(_, crate::report::MatrixFormat::Xlsx) => ("Excel", "xlsx"),
        }
    }
}

/// A message at the top of the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

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
    /// A plan read from a file, shown before it is saved.
    pub plan_preview: Option<plan_import::Preview>,
    pub notice: Option<Notice>,
    pub job: Option<Job>,
    /// Files waiting to be attached, one job after another.
    pub evidence: EvidenceQueue,
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
    /// The app on `ws`. The language is `lang` if given, else the stored one, else Vietnamese.
    fn read_last_backup(&mut self) {
        self.last_backup = self.ws.store.meta("last_backup").ok().flatten().map(|s| format_stamp(&s));
    }

    /// Reads the PDF-signing certificate shown in Settings (on opening it).
    fn read_certificate(&mut self) {
        match self.ws.pdf_certificate() {
            Ok(c) => self.settings.certificate = c,
            Err(e) => self.fail(&e),
        }
    }

    pub fn new(ws: Workspace, data_dir: PathBuf, lang: Option<Lang>) -> App {
        let meta = |k: &str| ws.store.meta(k).ok().flatten();
        let lang = lang.or_else(|| meta("lang").and_then(|l| Lang::from_code(&l))).unwrap_or_default();
        let dark = meta("theme").as_deref() == Some("dark");
        let last_backup = meta("last_backup").map(|s| format_stamp(&s));
        let software = meta("renderer").as_deref() == Some("tiny-skia");
        let today = ws.today;
        let year = ws.plan.year;
        let quarter = dashboard::State::new(year, today).quarter;
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
            plan_preview: None,
            notice: None,
            job: None,
            evidence: EvidenceQueue::default(),
            ws,
            data_dir,
            lang,
            dark,
            software,
            last_backup,
            screen,
        };
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

    /// Recomputes what every screen shows from the workspace.
    pub fn refresh(&mut self) {
        if let Err(e) = self.try_refresh() {
            self.fail(&e);
        }
    }

    fn try_refresh(&mut self) -> crate::error::Result<()> {
        let Some(unit) = self.ws.unit.clone() else { return Ok(()) };
        let today = self.ws.today;
        let all = self.ws.rows(&unit, &Filter::default())?;
        // Dashboard.
        let q = self.dashboard.period();
        let y = Period::year(self.dashboard.year);
        let in_q: Vec<_> = all.iter().filter(|r| r.task.active_in(q)).cloned().collect();
        let in_y: Vec<_> = all.iter().filter(|r| r.task.active_in(y)).cloned().collect();
        let mut overdue: Vec<tasks::Row> = all.iter().filter(|r| r.overdue).map(tasks::Row::from_task_row).collect();
        overdue.sort_by_key(|r| r.next_due);
        let mut due_soon: Vec<tasks::Row> = all
            .iter()
            .filter(|r| r.state.due_within(r.task, today, tasks::SOON_DAYS))
            .map(|r| {
                let mut row = tasks::Row::from_task_row(r);
                // The milestone that is due soon (not an older overdue one).
                row.next_due = r
                    .task
                    .schedule
                    .dates()
                    .into_iter()
                    .find(|d| *d >= today && !r.state.milestones_done.contains_key(d));
                row
            })
            .collect();
        due_soon.sort_by_key(|r| r.next_due);
        self.dashboard.data = dashboard::Data {
            quarter: crate::progress::Summary::of(&in_q, today, tasks::SOON_DAYS),
            year: crate::progress::Summary::of(&in_y, today, tasks::SOON_DAYS),
            overdue,
            due_soon,
            kpi_quarter: self.kpi_rows(&unit, q)?,
            kpi_year: self.kpi_rows(&unit, y)?,
        };
        // Calendar.
        let (items, floating) = calendar::build(&all, today);
        self.calendar.items = items;
        self.calendar.floating = floating;
        drop(all);
        // KPIs.
        self.reload_kpis()?;
        // Task list and detail.
        self.reload_tasks()?;
        self.reload_detail()?;
        // Reports and consolidation.
        self.reload_reports()?;
        self.reload_district()?;
        Ok(())
    }

    /// Whether the installation's unit has units below it in the plan (a
    /// district office): then it consolidates their bundles.
    pub fn is_district(&self) -> bool {
        self.ws.unit.as_deref().is_some_and(|u| self.ws.plan.subtree(u).len() > 1)
    }

    fn reload_reports(&mut self) -> crate::error::Result<()> {
        let Some(unit) = self.ws.unit.clone() else { return Ok(()) };
        // Without a data folder (in memory) there is no key: shown as "—".
        self.reports.fingerprint = self.ws.store.path().and_then(|_| self.ws.public_key().ok()).map(|k| k.fingerprint());
        self.reports.protected = self.ws.store.path().is_some() && self.ws.key_protected()?;
        self.reports.unlocked = self.ws.passphrase.is_some();
        self.reports.exports = self.ws.store.exports()?.into_iter().filter(|x| x.unit == unit).collect();
        Ok(())
    }

    fn reload_district(&mut self) -> crate::error::Result<()> {
        let Some(unit) = self.ws.unit.clone() else { return Ok(()) };
        if self.is_district() {
            self.district.data = district::Data::load(&self.ws, &unit, self.district.period())?;
        }
        Ok(())
    }

    /// The targets that apply to `unit`'s kind, with figures for `period`.
    fn kpi_rows(&self, unit: &str, period: Period) -> crate::error::Result<Vec<crate::workspace::KpiRow>> {
        let kind = self.ws.plan.unit(unit).map(|u| u.kind);
        Ok(self.ws.kpi_rows(unit, period)?.into_iter().filter(|r| kind.is_some_and(|k| r.target.applies_to(k))).collect())
    }

    fn reload_kpis(&mut self) -> crate::error::Result<()> {
        let Some(unit) = self.ws.unit.clone() else { return Ok(()) };
        let period = self.kpis.period();
        self.kpis.rows = self.kpi_rows(&unit, period)?;
        self.kpis.year_rows = self.kpi_rows(&unit, Period::year(self.kpis.year))?;
        let own: BTreeMap<String, Figure> = self
            .ws
            .store
            .figures(&self.ws.plan.id)?
            .into_iter()
            .filter(|(_, u, p, _)| *u == unit && *p == period)
            .map(|(t, _, _, f)| (t, f))
            .collect();
        self.kpis.set_inputs(self.lang, &own);
        Ok(())
    }

    fn reload_tasks(&mut self) -> crate::error::Result<()> {
        let Some(unit) = self.ws.unit.clone() else { return Ok(()) };
        let rows = self.ws.rows(&unit, &self.tasks.filters.to_filter())?;
        let rows = rows.iter().map(tasks::Row::from_task_row).collect();
        self.tasks.set_rows(rows);
        Ok(())
    }

    fn reload_detail(&mut self) -> crate::error::Result<()> {
        let (Some(unit), Some(code)) = (self.ws.unit.clone(), self.detail.as_ref().map(|d| d.code.clone())) else {
            return Ok(());
        };
        let plan = self.ws.plan.id.clone();
        let state = self.ws.store.task_state(&plan, &unit, &code)?;
        let history = self.ws.store.history(&plan, &unit, &code)?;
        let evidence = self.ws.store.evidence_list(&plan, &unit, Some(&code))?;
        if let Some(d) = self.detail.as_mut() {
            d.refresh(state, history, evidence, self.ws.today);
        }
        Ok(())
    }

    /// Opens task `code` of the unit.
    pub fn open_task(&mut self, code: &str) {
        let Some(unit) = self.ws.unit.clone() else { return };
        let plan = self.ws.plan.id.clone();
        let loaded = (|| -> crate::error::Result<task_detail::State> {
            let state = self.ws.store.task_state(&plan, &unit, code)?;
            let history = self.ws.store.history(&plan, &unit, code)?;
            let evidence = self.ws.store.evidence_list(&plan, &unit, Some(code))?;
            Ok(task_detail::State::new(code, state, history, evidence, self.ws.today))
        })();
        match loaded {
            Ok(d) => {
                self.detail = Some(d);
                self.screen = Screen::Task;
                self.notice = None;
            }
            Err(e) => self.fail(&e),
        }
    }

    fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
        self.first_run.lang = lang;
        if let Err(e) = self.ws.store.set_meta("lang", lang.code()) {
            self.fail(&e);
        }
        // Figures typed in the inputs follow the language's number format.
        if let Err(e) = self.reload_kpis() {
            self.fail(&e);
        }
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Nav(s) => {
                if self.ws.unit.is_some() && s != Screen::FirstRun {
                    if s == Screen::Task && self.detail.is_none() {
                        return Task::none();
                    }
                    self.screen = s;
                    self.notice = None;
                    let reloaded = match s {
                        Screen::Reports => self.reload_reports(),
                        Screen::District => self.reload_district(),
                        Screen::Settings => {
                            self.read_last_backup();
                            self.read_certificate();
                            Ok(())
                        }
                        _ => Ok(()),
                    };
                    if let Err(e) = reloaded {
                        self.fail(&e);
                    }
                }
                Task::none()
            }
            Message::FirstRun(m) => {
                match self.first_run.update(m) {
                    Some(first_run::Event::Lang(l)) => self.set_lang(l),
                    Some(first_run::Event::Done { unit, lang }) => {
                        self.set_lang(lang);
                        match self.ws.set_unit(&unit) {
                            Ok(()) => {
                                self.screen = Screen::Dashboard;
                                self.refresh();
                            }
                            Err(e) => self.fail(&e),
                        }
                    }
                    None => {}
                }
                Task::none()
            }
            Message::Dashboard(m) => {
                match self.dashboard.update(m) {
                    Some(dashboard::Event::Reload) => self.refresh(),
                    Some(dashboard::Event::ShowTasks(f)) => {
                        self.tasks.filters = f;
                        self.tasks.scroll_y = 0.0;
                        if let Err(e) = self.reload_tasks() {
                            self.fail(&e);
                        }
                        self.screen = Screen::Tasks;
                        return iced::widget::operation::snap_to(tasks::LIST_ID, iced::widget::scrollable::RelativeOffset::START);
                    }
                    Some(dashboard::Event::OpenTask(c)) => self.open_task(&c),
                    Some(dashboard::Event::OpenKpis(q)) => {
                        if let Some(q) = q {
                            self.kpis.quarter = q;
                        }
                        if let Err(e) = self.reload_kpis() {
                            self.fail(&e);
                        }
                        self.screen = Screen::Kpis;
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
                    Some(task_detail::Event::Change(c)) => self.apply_change(&c),
                    Some(task_detail::Event::PickFile(_)) => return self.pick_evidence_file(),
                    Some(task_detail::Event::OpenEvidence(id)) => return self.open_evidence(id),
                    Some(task_detail::Event::UpdateEvidence(id, meta)) => match self.ws.store.update_evidence_meta(id, &meta) {
                        Ok(e) => {
                            self.info(ta(self.lang, "ui-ev-edited", &[("name", e.file_name.into())]));
                            self.refresh();
                        }
                        Err(e) => self.fail(&e),
                    },
                    Some(task_detail::Event::RemoveEvidence(id)) => match self.ws.store.remove_evidence(id) {
                        Ok(()) => {
                            self.info(t(self.lang, "ui-ev-removed"));
                            self.refresh();
                        }
                        Err(e) => self.fail(&e),
                    },
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
                        match self.ws.set_figure(&unit, &target, period, figure) {
                            Ok(()) => {
                                self.refresh();
                                self.kpis.saved = Some(ta(self.lang, "ui-kpi-saved", &[("code", target.into())]));
                            }
                            Err(e) => self.kpis.error = Some((target, e.message_in(self.lang))),
                        }
                    }
                    None => {}
                }
                Task::none()
            }
            Message::Reports(m) => match self.reports.update(m) {
                Some(e) => self.reports_event(e),
                None => Task::none(),
            },
            Message::District(m) => match self.district.update(m) {
                Some(e) => self.district_event(e),
                None => Task::none(),
            },
            Message::Picked(pick, files) => self.picked(pick, files),
            Message::Settings(m) => self.settings_event(m),
            Message::Shortcut(s) => self.shortcut(s),
            Message::FileDropped(p) => {
                if self.screen == Screen::Task {
                    self.queue_evidence(vec![p])
                } else if self.screen == Screen::District {
                    self.district_drop(p)
                } else {
                    self.notice = Some(Notice { text: t(self.lang, "ui-ev-drop-open-task"), error: true });
                    Task::none()
                }
            }
            Message::FilesPicked(files) => self.queue_evidence(files),
            Message::AutoBackup(result) => {
                match result {
                    Ok(_) => self.read_last_backup(),
                    Err(e) => {
                        let text = ta(self.lang, "ui-auto-backup-failed", &[("message", e.into())]);
                        self.notice = Some(Notice { text, error: true });
                    }
                }
                Task::none()
            }
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
            Message::PlanFilePicked(Some(p)) => {
                match plan_import::Preview::read(&self.ws, &p) {
                    Ok(preview) => self.plan_preview = Some(preview),
                    Err(e) => self.fail(&e),
                }
                Task::none()
            }
            Message::PlanImport(plan_import::Message::Cancel) => {
                self.plan_preview = None;
                Task::none()
            }
            Message::PlanImport(plan_import::Message::Accept) => {
                let Some(preview) = self.plan_preview.take() else { return Task::none() };
                match self.ws.install_plan(&preview.imported.source) {
                    Ok(plan) => {
                        self.detail = None;
                        self.refresh();
                        self.info(ta(self.lang, "import-done", &[("id", plan.id.into())]));
                    }
                    Err(e) => self.fail(&e),
                }
                Task::none()
            }
            Message::BackupPicked(None) | Message::RestorePicked(None) | Message::P12Picked(None) | Message::PlanFilePicked(None) => Task::none(),
            Message::Job(jobs::JobMsg::Progress(n)) => {
                if let Some(j) = self.job.as_mut() {
                    j.done = n;
                }
                Task::none()
            }
            Message::Job(jobs::JobMsg::Total(n)) => {
                if let Some(j) = self.job.as_mut() {
                    j.total = n;
                }
                Task::none()
            }
            Message::Job(jobs::JobMsg::Finished(r)) => {
                self.job = None;
                self.read_last_backup();
                match r {
                    Ok(jobs::Outcome::EvidenceAdded { name, .. }) => {
                        self.refresh();
                        self.evidence.added.push(name);
                    }
                    Ok(jobs::Outcome::Opened) => {}
                    Ok(jobs::Outcome::BackedUp(p)) => self.info(ta(self.lang, "ui-backup-done", &[("path", p.display().to_string().into())])),
                    Ok(jobs::Outcome::Restored) => self.after_restore(),
                    Ok(jobs::Outcome::PdfOpened { path, pages }) => {
                        self.info(ta(self.lang, "ui-rep-pdf-opened", &[("path", path.display().to_string().into()), ("pages", pages.into())]))
                    }
                    Ok(jobs::Outcome::CalendarSaved { path, events }) => {
                        self.info(ta(self.lang, "calendar-written", &[("path", path.display().to_string().into()), ("count", events.into())]))
                    }
                    Ok(jobs::Outcome::BundleExported(e)) => {
                        let text = ta(self.lang, "ui-rep-bundle-notice", &[("path", e.path.display().to_string().into()), ("sequence", e.sequence.to_string().into())]);
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
            Message::CancelJob => {
                if let Some(j) = &self.job {
                    j.cancel.store(true, Ordering::Relaxed);
                }
                // The bundle being merged finishes (one transaction); the rest are not started.
                self.district.queue.clear();
                // The file being attached stops; the ones waiting are not attached.
                self.evidence.waiting.clear();
                Task::none()
            }
            Message::DismissNotice => {
                self.notice = None;
                Task::none()
            }
        }
    }

    fn apply_change(&mut self, c: &crate::progress::Change) {
        let (Some(unit), Some(code)) = (self.ws.unit.clone(), self.detail.as_ref().map(|d| d.code.clone())) else { return };
        match self.ws.update_task(&unit, &code, c) {
            Ok(_) => {
                self.refresh();
                self.info(ta(self.lang, "ui-saved-task", &[("code", code.into())]));
            }
            Err(e) => {
                let msg = e.message_in(self.lang);
                if let Some(d) = self.detail.as_mut() {
                    d.error = Some(msg);
                }
            }
        }
    }

    fn settings_event(&mut self, m: settings::Message) -> Task<Message> {
        match self.settings.update(m) {
            Some(settings::Event::Lang(l)) => self.set_lang(l),
            Some(settings::Event::Dark(d)) => {
                self.dark = d;
                if let Err(e) = self.ws.store.set_meta("theme", if d { "dark" } else { "light" }) {
                    self.fail(&e);
                }
            }
            Some(settings::Event::Software(s)) => {
                self.software = s;
                match self.ws.store.set_meta("renderer", if s { "tiny-skia" } else { "auto" }) {
                    Ok(()) => self.info(t(self.lang, "ui-settings-software-restart")),
                    Err(e) => self.fail(&e),
                }
            }
            Some(settings::Event::SetUnit(u)) => match self.ws.set_unit(&u) {
                Ok(()) => {
                    self.detail = None;
                    self.tasks.filters = tasks::Filters::default();
                    self.refresh();
                    self.info(ta(self.lang, "ui-settings-unit-changed", &[("name", self.ws.plan.unit(&u).map(|x| x.name.clone()).unwrap_or(u).into())]));
                }
                Err(e) => self.fail(&e),
            },
            Some(settings::Event::OpenFolder) => {
                if let Err(e) = crate::fsutil::open_with_system_viewer(&self.data_dir) {
                    self.fail(&e);
                }
            }
            Some(settings::Event::Backup) => {
                let name = format!("tiendo-{}.sqlite3", chrono::Local::now().format("%Y%m%d-%H%M"));
                let title = t(self.lang, "ui-settings-backup");
                return Task::perform(
                    async move { rfd::AsyncFileDialog::new().set_title(title).set_file_name(name).save_file().await.map(|h| h.path().to_owned()) },
                    Message::BackupPicked,
                );
            }
            Some(settings::Event::PickRestore) => {
                let title = t(self.lang, "ui-settings-restore");
                return Task::perform(
                    async move {
                        rfd::AsyncFileDialog::new()
                            .set_title(title)
                            .add_filter("SQLite", &["sqlite3", "sqlite", "db"])
                            .pick_file()
                            .await
                            .map(|h| h.path().to_owned())
                    },
                    Message::RestorePicked,
                );
            }
            Some(settings::Event::PickP12) => {
                let title = t(self.lang, "ui-settings-cert-import");
                return Task::perform(
                    async move {
                        rfd::AsyncFileDialog::new()
                            .set_title(title)
                            .add_filter("PKCS#12", &["p12", "pfx"])
                            .pick_file()
                            .await
                            .map(|h| h.path().to_owned())
                    },
                    Message::P12Picked,
                );
            }
            Some(settings::Event::PickPlanFile) => {
                let title = t(self.lang, "ui-settings-import-plan");
                return Task::perform(
                    async move {
                        rfd::AsyncFileDialog::new()
                            .set_title(title)
                            .add_filter("Word, Excel, CSV", &["docx", "xlsx", "xls", "csv"])
                            .pick_file()
                            .await
                            .map(|h| h.path().to_owned())
                    },
                    Message::PlanFilePicked,
                );
            }
            Some(settings::Event::ImportP12 { path, password }) => {
                let Some(db) = self.db_path() else {
                    self.settings.p12_done(Err(t(self.lang, "ui-no-db-file")));
                    return Task::none();
                };
                let (lang, today) = (self.lang, self.ws.today);
                if self.job.is_some() {
                    self.settings.p12_done(Err(t(lang, "ui-job-busy")));
                    return Task::none();
                }
                let passphrase = self.ws.passphrase.clone();
                return self.start_job(t(lang, "ui-p12-title"), 0, move |_| jobs::import_p12(db, today, lang, path, password, passphrase));
            }
            Some(settings::Event::Restore(src)) => {
                let Some(db) = self.db_path() else { return Task::none() };
                let keep = self.data_dir.join("backups");
                return self.start_job(t(self.lang, "ui-job-restore"), 0, move |_| jobs::restore(db, src, keep));
            }
            None => {}
        }
        Task::none()
    }

    fn reports_event(&mut self, e: reports::Event) -> Task<Message> {
        let lang = self.lang;
        let (Some(unit), today) = (self.ws.unit.clone(), self.ws.today) else { return Task::none() };
        match e {
            reports::Event::Checklist(period) | reports::Event::Report(period) => {
                let (doc, label) = match e {
                    reports::Event::Checklist(_) => (jobs::Document::Checklist, "ui-job-checklist"),
                    _ => (jobs::Document::Report, "ui-job-report"),
                };
                let Some(db) = self.db_path() else { return Task::none() };
                let dir = self.data_dir.join("reports");
                self.start_job(t(lang, label), 0, move |_| jobs::open_document(db, today, lang, doc, unit, period, dir))
            }
            reports::Event::Calendar => self.ask_file(Pick::Calendar, "ui-rep-calendar", Some(format!("lich-{unit}-{}.ics", self.ws.plan.year))),
            reports::Event::ExportBundle(period) => match self.bundle_file_name(period) {
                Ok(name) => self.ask_file(Pick::Bundle(period), "ui-rep-bundle", Some(name)),
                Err(e) => {
                    self.fail(&e);
                    Task::none()
                }
            },
            reports::Event::OpenFolder(dir) => {
                if let Err(e) = crate::fsutil::open_with_system_viewer(&dir) {
                    self.fail(&e);
                }
                Task::none()
            }
            reports::Event::KeyCard => self.ask_file(Pick::KeyCard, "ui-rep-key-card", Some(format!("khoa-{unit}.pub"))),
            reports::Event::Unlock(passphrase) => {
                let Some(db) = self.db_path() else { return Task::none() };
                self.start_job(t(lang, "ui-job-key"), 0, move |_| jobs::unlock_key(db, passphrase))
            }
            reports::Event::Lock => {
                self.ws.passphrase = None;
                self.reports.unlocked = false;
                Task::none()
            }
            reports::Event::Protect(new) => {
                let Some(db) = self.db_path() else { return Task::none() };
                let current = self.ws.passphrase.clone();
                self.start_job(t(lang, "ui-job-key"), 0, move |_| jobs::protect_key(db, current, new))
            }
        }
    }

    /// The name offered for the unit's next bundle of `period`: "X-ANT-2023Q1-lan-2.zip".
    pub fn bundle_file_name(&self, period: Period) -> crate::error::Result<String> {
        let unit = self.ws.require_unit()?;
        let (sequence, _) = self.ws.store.next_export(unit, &period.to_string())?;
        Ok(ta(self.lang, "ui-rep-bundle-file-name", &[("unit", unit.into()), ("period", period.to_string().into()), ("sequence", sequence.to_string().into())]))
    }

    fn district_event(&mut self, e: district::Event) -> Task<Message> {
        match e {
            district::Event::Reload => {
                if let Err(e) = self.reload_district() {
                    self.fail(&e);
                }
                Task::none()
            }
            district::Event::PickBundles => self.ask_file(Pick::Bundles, "ui-dist-import", None),
            district::Event::PickCard => self.ask_file(Pick::TrustCard, "ui-dist-import-key", None),
            district::Event::SaveMatrix(period, format) => {
                let pick = Pick::Matrix(period, format);
                let title = match format {
                    crate::report::MatrixFormat::Csv => "ui-dist-export-csv",
                    crate::report::MatrixFormat::Xlsx => "ui-dist-export-xlsx",
                };
                self.ask_file(pick, title, Some(format!("ma-tran-{period}.{}", pick.filter().1)))
            }
            district::Event::OpenConsolidated(period) => {
                let (Some(unit), Some(db)) = (self.ws.unit.clone(), self.db_path()) else { return Task::none() };
                let (lang, today, dir) = (self.lang, self.ws.today, self.data_dir.join("reports"));
                self.start_job(t(lang, "ui-dist-consolidated"), 0, move |_| jobs::open_document(db, today, lang, jobs::Document::Consolidated, unit, period, dir))
            }
            district::Event::Accept(p) => {
                match self.ws.accept_key(&p.key_id) {
                    Ok(k) => {
                        self.info(ta(self.lang, "keys-trusted", &[("unit", k.unit.into()), ("fingerprint", crate::bundle::sign::fingerprint_of_hex(&k.key_id).into())]));
                        if let Err(e) = self.reload_district() {
                            self.fail(&e);
                        }
                        // The bundle that was held back is merged now.
                        if let Some(file) = p.file {
                            return self.enqueue_bundles(vec![file]);
                        }
                    }
                    Err(e) => self.fail(&e),
                }
                Task::none()
            }
            district::Event::Trust { unit, key } => {
                self.trust(&unit, &key);
                Task::none()
            }
        }
    }

    fn trust(&mut self, unit: &str, key: &crate::bundle::sign::PublicKey) {
        match self.ws.trust_key(unit, key) {
            Ok(()) => {
                self.info(ta(self.lang, "keys-trusted", &[("unit", unit.into()), ("fingerprint", key.fingerprint().into())]));
                if let Err(e) = self.reload_district() {
                    self.fail(&e);
                }
            }
            Err(e) => self.fail(&e),
        }
    }

    /// Opens a file dialog for `pick`, titled with the text `title_id`.
    fn ask_file(&self, pick: Pick, title_id: &str, name: Option<String>) -> Task<Message> {
        let title = t(self.lang, title_id);
        let (kind, ext) = pick.filter();
        Task::perform(
            async move {
                let mut d = rfd::AsyncFileDialog::new().set_title(title).add_filter(kind, &[ext]);
                if let Some(n) = name {
                    d = d.set_file_name(n);
                }
                let one = |h: Option<rfd::FileHandle>| h.map(|h| h.path().to_owned()).into_iter().collect::<Vec<_>>();
                match pick {
                    Pick::Bundles => d.pick_files().await.unwrap_or_default().iter().map(|h| h.path().to_owned()).collect(),
                    Pick::TrustCard => one(d.pick_file().await),
                    _ => one(d.save_file().await),
                }
            },
            move |files| Message::Picked(pick, files),
        )
    }

    /// Does what a file dialog was opened for.
    fn picked(&mut self, pick: Pick, files: Vec<PathBuf>) -> Task<Message> {
        let lang = self.lang;
        let Some(first) = files.first().cloned() else { return Task::none() };
        let (Some(unit), today) = (self.ws.unit.clone(), self.ws.today) else { return Task::none() };
        match pick {
            Pick::Calendar => {
                let Some(db) = self.db_path() else { return Task::none() };
                self.start_job(t(lang, "ui-job-calendar"), 0, move |_| jobs::save_calendar(db, today, lang, unit, first))
            }
            Pick::Bundle(period) => {
                let Some(db) = self.db_path() else { return Task::none() };
                let label = ta(lang, "ui-job-exporting", &[("period", reports::period_label(lang, period).into())]);
                let passphrase = self.ws.passphrase.clone();
                self.start_job(label, 0, move |report| jobs::export_bundle(db, today, lang, period, first, passphrase, report))
            }
            Pick::KeyCard => {
                match self.ws.export_key_card(&first) {
                    Ok(pk) => self.info(ta(lang, "keys-card-saved", &[("path", first.display().to_string().into()), ("fingerprint", pk.fingerprint().into())])),
                    Err(e) => self.fail(&e),
                }
                Task::none()
            }
            Pick::Bundles => self.enqueue_bundles(files),
            Pick::TrustCard => {
                self.read_card(first);
                Task::none()
            }
            Pick::Matrix(period, format) => {
                // A name typed without an extension gets the chosen type's.
                let mut first = first;
                if first.extension().is_none() {
                    first.set_extension(pick.filter().1);
                }
                match crate::report::write_matrix(&self.ws, &unit, period, lang, format, &first) {
                    Ok(()) => self.info(ta(lang, "matrix-saved", &[("path", first.display().to_string().into())])),
                    Err(e) => self.fail(&e),
                }
                Task::none()
            }
        }
    }

    /// Registers a unit's key card: with the unit it names, or the unit picked by hand.
    fn read_card(&mut self, file: PathBuf) {
        match crate::bundle::read_key_card(&file) {
            Ok((key, Some(unit))) if self.ws.plan.unit(&unit).is_some() => self.trust(&unit, &key),
            Ok((key, _)) => self.district.card = Some(district::Card { file, key, query: String::new(), choice: None }),
            Err(e) => self.fail(&e),
        }
    }

    /// A file dropped on the consolidation screen: a bundle to import or a key card.
    fn district_drop(&mut self, file: PathBuf) -> Task<Message> {
        let ext = file.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        match ext.as_str() {
            "zip" => self.enqueue_bundles(vec![file]),
            "pub" => {
                self.read_card(file);
                Task::none()
            }
            _ => {
                self.notice = Some(Notice { text: t(self.lang, "ui-dist-drop-wrong"), error: true });
                Task::none()
            }
        }
    }

    /// Adds bundles to the import queue; they are merged one job after the other.
    fn enqueue_bundles(&mut self, files: Vec<PathBuf>) -> Task<Message> {
        if self.district.queue.is_empty() && self.job.is_none() {
            self.district.batch = 0;
        }
        self.district.batch += files.len();
        self.district.queue.extend(files);
        self.next_merge()
    }

    /// Starts merging the next queued bundle, unless a job is running.
    fn next_merge(&mut self) -> Task<Message> {
        if self.job.is_some() || self.district.queue.is_empty() {
            return Task::none();
        }
        let Some(db) = self.db_path() else {
            self.district.queue.clear();
            return Task::none();
        };
        let file = self.district.queue.remove(0);
        let count = self.district.batch.max(1);
        let index = count.saturating_sub(self.district.queue.len());
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let (lang, today) = (self.lang, self.ws.today);
        let label = ta(lang, "ui-job-merging", &[("index", index.to_string().into()), ("count", count.to_string().into()), ("name", name.into())]);
        let task = self.start_job(label, count as u64, move |_| jobs::merge_bundle(db, today, lang, file));
        if let Some(j) = self.job.as_mut() {
            j.items = true;
            // Cancelling leaves the running merge (one transaction) and drops the rest.
            j.cancellable = true;
            j.done = index.saturating_sub(1) as u64;
        }
        task
    }

    fn after_restore(&mut self) {
        let today = self.ws.today;
        match Workspace::open(&self.data_dir) {
            Ok(mut ws) => {
                ws.today = today;
                self.ws = ws;
                self.detail = None;
                self.screen = if self.ws.unit.is_some() { Screen::Settings } else { Screen::FirstRun };
                self.refresh();
                self.info(t(self.lang, "ui-restore-done"));
            }
            Err(e) => self.fail(&e),
        }
    }

    fn shortcut(&mut self, s: Shortcut) -> Task<Message> {
        match s {
            Shortcut::Escape => {
                if let Some(d) = self.detail.as_mut() {
                    d.confirm_remove = None;
                }
                self.settings.confirm_restore = None;
                self.settings.changing_unit = false;
                self.settings.p12 = None;
                self.district.confirm_accept = None;
                self.district.card = None;
                self.notice = None;
                Task::none()
            }
            Shortcut::Search if self.ws.unit.is_some() => {
                self.screen = Screen::Tasks;
                iced::widget::operation::focus(tasks::SEARCH_ID)
            }
            Shortcut::AddEvidence if self.screen == Screen::Task && self.job.is_none() => {
                self.update(Message::Detail(task_detail::Message::AddFile))
            }
            _ => Task::none(),
        }
    }

    fn db_path(&mut self) -> Option<PathBuf> {
        let p = self.ws.store.path().map(Path::to_owned);
        if p.is_none() {
            self.notice = Some(Notice { text: t(self.lang, "ui-no-db-file"), error: true });
        }
        p
    }

    fn pick_evidence_file(&mut self) -> Task<Message> {
        let title = t(self.lang, "ui-ev-add");
        Task::perform(
            async move {
                let files = rfd::AsyncFileDialog::new().set_title(title).pick_files().await.unwrap_or_default();
                files.iter().map(|h| h.path().to_owned()).collect()
            },
            Message::FilesPicked,
        )
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
    fn next_evidence(&mut self) -> Task<Message> {
        if self.job.is_some() {
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
    fn evidence_batch_done(&mut self) {
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

    fn open_evidence(&mut self, id: i64) -> Task<Message> {
        let Some(db) = self.db_path() else { return Task::none() };
        self.start_job(t(self.lang, "ui-job-opening"), 0, move |_| jobs::open_evidence(db, id))
    }

    fn start_job(
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

    fn start_job_with(
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
        self.job = Some(Job { label, done: 0, total, items: false, cancel, cancellable: true });
        Task::run(jobs::spawn(self.lang, work), Message::Job)
    }

    pub fn subscription(&self) -> Subscription<Message> {
        iced::event::listen_with(on_event)
    }

    pub fn view(&self) -> Element<'_, Message> {
        let lang = self.lang;
        if self.screen == Screen::FirstRun || self.ws.unit.is_none() {
            return self.first_run.view(&self.ws.plan).map(Message::FirstRun);
        }
        let today = self.ws.today;
        let busy = self.job.is_some();
        let page: Element<'_, Message> = if let Some(p) = &self.plan_preview {
            p.view(lang).map(Message::PlanImport)
        } else {
            self.page(lang, today, busy)
        };
        let mut content = column![].spacing(style::S12).height(Length::Fill);
        if let Some(n) = &self.notice {
            content = content.push(
                container(
                    row![
                        text(n.text.clone()).size(style::BODY).width(Length::Fill),
                        button(text("×").size(style::TITLE)).padding([0, 8]).style(style::link).on_press(Message::DismissNotice)
                    ]
                    .align_y(Alignment::Center),
                )
                .padding([6, 12])
                .style(style::banner(n.error)),
            );
        }
        content = content.push(container(page).height(Length::Fill));
        if let Some(j) = &self.job {
            content = content.push(self.job_view(j));
        }
        let body = row![self.sidebar(), container(content).padding([style::S16, 20.0]).width(Length::Fill).height(Length::Fill)];
        let dialog = match self.screen {
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

    fn job_view<'a>(&self, j: &'a Job) -> Element<'a, Message> {
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

    /// The page of the current screen.
    fn page(&self, lang: Lang, today: chrono::NaiveDate, busy: bool) -> Element<'_, Message> {
        match self.screen {
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
            Screen::Settings => self
                .settings
                .view(settings::Info {
                    plan: &self.ws.plan,
                    unit: self.ws.unit.as_deref(),
                    lang,
                    dark: self.dark,
                    software: self.software,
                    data_dir: &self.data_dir,
                    last_backup: self.last_backup.clone(),
                    busy,
                    today: self.ws.today,
                })
                .map(Message::Settings),
        }
    }

    /// The active plan's decision number, or its id while it has none (a plan rolled over).
    fn plan_label(&self) -> String {
        let p = &self.ws.plan;
        if p.number.is_empty() { p.id.clone() } else { p.number.clone() }
    }

    fn sidebar(&self) -> Element<'_, Message> {
        let lang = self.lang;
        let unit = self.ws.unit.as_deref().and_then(|u| self.ws.plan.unit(u));
        let item = |screen: Screen, id: &str, mark: &str| {
            let active = self.screen == screen || (screen == Screen::Tasks && self.screen == Screen::Task);
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
                    text(ta(lang, "ui-plan-line", &[("number", self.plan_label().into()), ("year", self.ws.plan.year.to_string().into())]))
                        .size(12)
                        .color(iced::Color::from_rgba(1.0, 1.0, 1.0, 0.7)),
                ]
                .spacing(2),
                nav,
                space::vertical(),
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

fn on_event(event: iced::Event, _status: iced::event::Status, _window: iced::window::Id) -> Option<Message> {
    use iced::keyboard::{Event as K, Key, key::Named};
    match event {
        iced::Event::Keyboard(K::KeyPressed { key, modifiers, .. }) => match key.as_ref() {
            Key::Named(Named::Escape) => Some(Message::Shortcut(Shortcut::Escape)),
            Key::Character(c) if modifiers.command() && c.eq_ignore_ascii_case("f") => Some(Message::Shortcut(Shortcut::Search)),
            Key::Character(c) if modifiers.command() && c.eq_ignore_ascii_case("n") => Some(Message::Shortcut(Shortcut::AddEvidence)),
            _ => None,
        },
        iced::Event::Window(iced::window::Event::FileDropped(p)) => Some(Message::FileDropped(p)),
        _ => None,
    }
}

/// iced settings: the embedded font as default, a readable text size.
pub fn settings() -> iced::Settings {
    iced::Settings {
        id: Some("tiendo".into()),
        fonts: vec![style::REGULAR.into(), style::BOLD_BYTES.into(), style::SYMBOLS_BYTES.into()],
        default_font: style::FONT,
        default_text_size: iced::Pixels(style::BODY),
        antialiasing: true,
        ..iced::Settings::default()
    }
}

/// Prepares the data folder the window opens on: the user's, or for
/// `--demo` a fresh temporary one filled with a commune's year.
fn prepare(globals: &Globals) -> crate::error::Result<(PathBuf, Option<PathBuf>)> {
    if globals.demo {
        let dir = std::env::temp_dir().join(format!("tiendo-demo-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut ws = Workspace::open(&dir)?;
        // Changes in the demo's history are signed by a named clerk.
        ws.store.set_meta("operator", "Nguyễn Thị Lan")?;
        ws.operator = "Nguyễn Thị Lan".to_owned();
        if std::env::var_os("TIENDO_TODAY").is_none() {
            // The whole demo (history, bundles, overdue) lives on one day of the plan year.
            crate::clock::set_today(crate::demo::demo_today(ws.plan.year));
            ws.today = crate::clock::today();
        }
        ws.set_unit(crate::demo::DEMO_UNIT)?;
        crate::demo::fill_demo(&mut ws, crate::demo::DEMO_UNIT)?;
        if let Some(l) = globals.lang {
            ws.store.set_meta("lang", l.code())?;
        }
        return Ok((dir.clone(), Some(dir)));
    }
    Ok((crate::workspace::data_dir(globals.data_dir.as_deref())?, None))
}

fn boot(dir: &Path, globals: &Globals) -> (App, Task<Message>) {
    let lang = globals.lang.or_else(|| std::env::var("TIENDO_LANG").ok().and_then(|l| Lang::from_code(&l)));
    let mut ws = match Workspace::open(dir) {
        Ok(ws) => ws,
        Err(e) => {
            // The window cannot work without its database: say why and stop.
            eprintln!("{}", i18n::tra("cli-error", &[("message", e.message().into())]));
            std::process::exit(1);
        }
    };
    if globals.demo && std::env::var_os("TIENDO_TODAY").is_none() {
        ws.today = crate::demo::demo_today(ws.plan.year);
    }
    let mut app = App::new(ws, dir.to_owned(), lang);
    if let Ok(start) = std::env::var("TIENDO_START_SCREEN") {
        app.start_on(&start);
    }
    (app, auto_backup(dir.to_owned()))
}

/// The daily rotating backup, on a thread and connection of its own so the
/// window never waits for it; its end is reported to the window.
pub fn auto_backup(dir: PathBuf) -> Task<Message> {
    Task::perform(
        async move {
            let (tx, rx) = iced::futures::channel::oneshot::channel();
            std::thread::spawn(move || {
                let _ = tx.send(Workspace::open(&dir).and_then(|w| w.auto_backup()).map(|made| made.is_some()).map_err(|e| e.message()));
            });
            rx.await.unwrap_or(Ok(false))
        },
        Message::AutoBackup,
    )
}

impl App {
    /// Opens a screen by name (`TIENDO_START_SCREEN`).
    pub fn start_on(&mut self, name: &str) {
        if self.ws.unit.is_none() {
            return;
        }
        let (name, arg) = name.split_once(':').unwrap_or((name, ""));
        match name {
            "tasks" => self.screen = Screen::Tasks,
            "task" => self.open_task(arg),
            "calendar" => {
                self.screen = Screen::Calendar;
                let mode = match arg {
                    "quarter" => calendar::Mode::Quarter,
                    "agenda" => calendar::Mode::Agenda,
                    _ => calendar::Mode::Month,
                };
                let _ = self.calendar.update(calendar::Message::Mode(mode), self.ws.today);
            }
            "kpis" => self.screen = Screen::Kpis,
            "reports" => self.screen = Screen::Reports,
            "district" if self.is_district() => {
                self.screen = Screen::District;
                self.district.tab = district::Tab::from_name(arg).unwrap_or_default();
            }
            "settings" => {
                self.screen = Screen::Settings;
                self.read_last_backup();
                self.read_certificate();
            }
            _ => self.screen = Screen::Dashboard,
        }
    }
}

/// Opens the window; returns the process exit code.
pub fn run(globals: Globals) -> i32 {
    let (dir, temp) = match prepare(&globals) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("{}", i18n::tra("cli-error", &[("message", e.message().into())]));
            return 1;
        }
    };
    // Software rendering: the stored setting, unless ICED_BACKEND says otherwise.
    if std::env::var_os("ICED_BACKEND").is_none()
        && let Ok(ws) = Workspace::open(&dir)
        && ws.store.meta("renderer").ok().flatten().as_deref() == Some("tiny-skia")
    {
        // SAFETY-free: set before iced (and any other thread) starts.
        set_backend_env();
    }
    // Some drivers kill the process outright while the GPU path starts (no
    // error to catch). A marker is left for the time the start takes; if the
    // next start finds it, the last GPU start died: use the CPU renderer from
    // now on (Settings can switch back).
    let marker = dir.join("gpu-start.marker");
    if std::env::var_os("ICED_BACKEND").is_none() {
        if marker.exists() {
            let _ = std::fs::remove_file(&marker);
            if let Ok(ws) = Workspace::open(&dir) {
                let _ = ws.store.set_meta("renderer", "tiny-skia");
            }
            eprintln!("{}", i18n::tr("ui-gpu-crashed"));
            set_backend_env();
        } else if std::fs::write(&marker, b"starting").is_ok() {
            let m = marker.clone();
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_secs(8));
                let _ = std::fs::remove_file(m);
            });
        }
    }
    let result = {
        let dir = dir.clone();
        let g = globals.clone();
        std::panic::catch_unwind(move || {
            iced::application(move || boot(&dir, &g), App::update, App::view)
                .title(App::title)
                .theme(App::theme)
                .subscription(App::subscription)
                .settings(settings())
                .window(iced::window::Settings {
                    size: iced::Size::new(1280.0, 740.0),
                    min_size: Some(iced::Size::new(1100.0, 660.0)),
                    ..iced::window::Settings::default()
                })
                .run()
        })
    };
    let _ = std::fs::remove_file(&marker);
    let code = match result {
        Ok(Ok(())) => 0,
        failed => {
            let detail = match &failed {
                Ok(Err(e)) => e.to_string(),
                _ => "panic".to_owned(),
            };
            let already_software = std::env::var("ICED_BACKEND").is_ok_and(|b| b.contains("tiny-skia"));
            if already_software {
                eprintln!("{}", i18n::tra("ui-window-failed", &[("detail", detail.into())]));
                1
            } else {
                // The GPU path failed: start again with the CPU renderer.
                eprintln!("{}", i18n::tra("ui-window-retry", &[("detail", detail.into())]));
                retry_with_software()
            }
        }
    };
    if let Some(tmp) = temp {
        let _ = std::fs::remove_dir_all(tmp);
    }
    code
}

fn set_backend_env() {
    // SAFETY: called on the main thread before iced or any worker thread starts.
    unsafe { std::env::set_var("ICED_BACKEND", "tiny-skia") };
}

/// Runs this program again with `ICED_BACKEND=tiny-skia` (a winit event loop
/// cannot be created twice in one process).
fn retry_with_software() -> i32 {
    let Ok(exe) = std::env::current_exe() else { return 1 };
    std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env("ICED_BACKEND", "tiny-skia")
        .status()
        .map(|s| s.code().unwrap_or(1))
        .unwrap_or(1)
}
