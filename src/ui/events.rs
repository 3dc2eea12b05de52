//! What the window does with the events the screens report: saves,
//! settings, reports and the district's consolidation.

use iced::Task;

use super::{App, Message, district, jobs, reports, settings, t, ta};
use super::saving::Write;
use crate::domain::Period;

impl App {
    /// Saves a change to the open task (on the save worker).
    pub(super) fn apply_change(&mut self, change: crate::progress::Change) -> Task<Message> {
        let (Some(unit), Some(code)) = (self.ws.unit.clone(), self.detail.as_ref().map(|d| d.code.clone())) else { return Task::none() };
        self.save(Write::Task { unit, code, change })
    }

    pub(super) fn settings_event(&mut self, m: settings::Message) -> Task<Message> {
        let (task, event) = self.settings.update(m, self.lang);
        let task = task.map(Message::Settings);
        let then = match event {
            None => Task::none(),
            Some(settings::Event::Lang(l)) => self.set_lang(l),
            Some(settings::Event::Dark(d)) => {
                self.dark = d;
                self.save(Write::Setting { key: "theme", value: if d { "dark" } else { "light" }.into() })
            }
            Some(settings::Event::Software(s)) => {
                self.software = s;
                self.save(Write::Setting { key: "renderer", value: if s { "tiny-skia" } else { "auto" }.into() })
            }
            Some(settings::Event::SetUnit(u)) => self.save(Write::Unit(u)),
            Some(settings::Event::OpenPlan) => {
                self.notice = None;
                self.show(super::Screen::Plan);
                Task::none()
            }
            Some(settings::Event::OpenOrg) => {
                self.screen = super::Screen::Org;
                self.notice = None;
                Task::none()
            }
            Some(settings::Event::OpenFolder) => {
                if let Err(e) = crate::fsutil::open_with_system_viewer(&self.data_dir) {
                    self.fail(&e);
                }
                Task::none()
            }
            Some(settings::Event::Run(work)) => self.run(work),
            Some(settings::Event::Save(write)) => self.save(write),
            Some(settings::Event::WritePlace) => match self.backup_place.dir.clone() {
                Some(dir) => self.run(jobs::Work::BackupToPlace(dir)),
                None => Task::none(),
            },
        };
        Task::batch([task, then])
    }

    pub(super) fn reports_event(&mut self, m: reports::Message) -> Task<Message> {
        let (task, event) = self.reports.update(m, &self.ws, self.lang);
        let task = task.map(Message::Reports);
        let then = match event {
            None => Task::none(),
            Some(reports::Event::Run(work)) => self.run(work),
            Some(reports::Event::Save(write)) => self.save(write),
            Some(reports::Event::OpenFolder(dir)) => {
                if let Err(e) = crate::fsutil::open_with_system_viewer(&dir) {
                    self.fail(&e);
                }
                Task::none()
            }
            Some(reports::Event::Lock) => {
                self.ws.passphrase = None;
                self.reports.unlocked = false;
                Task::none()
            }
            Some(reports::Event::Failed(text)) => {
                self.notice = Some(super::Notice { text, error: true });
                Task::none()
            }
        };
        Task::batch([task, then])
    }

    pub(super) fn district_event(&mut self, m: district::Message) -> Task<Message> {
        let m = self.with_other_key(m);
        let (task, event) = self.district.update(m, self.lang);
        let task = task.map(Message::District);
        let then = match event {
            None => Task::none(),
            Some(district::Event::ToTop) => iced::widget::operation::snap_to(district::GRID_ID, iced::widget::scrollable::RelativeOffset::START),
            Some(district::Event::Reload) => {
                if let Err(e) = self.reload_district() {
                    self.fail(&e);
                }
                Task::none()
            }
            Some(district::Event::Run(work)) => self.run(work),
            Some(district::Event::Import(files)) => self.enqueue_bundles(files),
            Some(district::Event::Card(file)) => self.read_card(file),
            Some(district::Event::Review(task, unit, period)) => match super::review::State::open(&self.ws, &unit, &task, &period.to_string()) {
                Ok(r) => {
                    self.review = Some(r);
                    iced::widget::operation::focus(super::review::COMMENT_ID)
                }
                Err(e) => {
                    self.fail(&e);
                    Task::none()
                }
            },
            // Stored on the save worker; the held-back bundle is merged after.
            Some(district::Event::Accept(p)) => self.save(Write::AcceptKey { key_id: p.key_id, file: p.file }),
            Some(district::Event::Trust { unit, key }) => self.save(Write::TrustKey { unit, key }),
        };
        Task::batch([task, then])
    }

    /// Settings → Tổ chức: an edit of the organisation is saved in one small
    /// transaction (the organisation and the plan resolved against it).
    pub(super) fn org_event(&mut self, m: super::org::Message) -> Task<Message> {
        match self.org.update(m, &self.ws.org) {
            Some(super::org::Event::Back) => self.screen = super::Screen::Settings,
            Some(super::org::Event::Save(edit)) => return self.save(Write::Org(edit)),
            None => {}
        }
        Task::none()
    }

    /// The first run: language, how to start, the unit and the clerk's name.
    pub(super) fn first_run_event(&mut self, m: super::first_run::Message) -> Task<Message> {
        use super::{clerk, first_run};
        if let first_run::Message::Clerk(clerk::Message::Typed(s)) = &m {
            let _ = self.clerk.update(clerk::Message::Typed(s.clone()), self.lang);
        }
        let (task, event) = self.first_run.update(m);
        let then = match event {
            Some(first_run::Event::Lang(l)) => self.set_lang(l),
            // The package's units become the organisation (see Store::install_plan).
            Some(first_run::Event::Package(file)) => self.plan_package_picked(file),
            Some(first_run::Event::UnitsFile(file)) => self.save(Write::UnitsFile(file)),
            Some(first_run::Event::FirstUnit { name, kind, offices }) => self.save(Write::StartOrg(crate::org::start_org(&name, kind, offices))),
            Some(first_run::Event::ImportPackage(p)) => self.save(Write::PlanPackage(p.file, Some(p.key))),
            Some(first_run::Event::Done { unit, lang }) => {
                // The clerk's name is asked with the unit.
                let Some(name) = self.clerk.update(clerk::Message::Save, lang) else { return Task::none() };
                // Saved in this order; the dashboard opens when the unit is stored.
                Task::batch([self.set_lang(lang), self.set_operator(name), self.save(Write::Unit(unit))])
            }
            None => Task::none(),
        };
        Task::batch([task.map(Message::FirstRun), then])
    }

    /// Reads a plan file for the preview on this thread (a screen opened by
    /// name at start, before the window runs jobs).
    pub(super) fn read_plan_file_now(&mut self, path: &std::path::Path) {
        match super::plan_import::Preview::read(&self.ws, path) {
            Ok(preview) => self.plan_preview = Some(preview),
            Err(e) => self.fail(&e),
        }
    }

    /// The preview's answer: save the plan read, or drop it.
    pub(super) fn plan_import_event(&mut self, m: super::plan_import::Message) -> Task<Message> {
        match m {
            super::plan_import::Message::Cancel => self.plan_preview = None,
            super::plan_import::Message::Accept => {
                let Some(preview) = self.plan_preview.take() else { return Task::none() };
                return self.save(Write::InstallPlan(Box::new(preview.imported.source)));
            }
            m => {
                let edit = self.plan_preview.as_ref().and_then(|p| p.edit_for(&m, &self.ws.org));
                if let Some(edit) = edit {
                    return self.save(Write::Org(edit));
                }
            }
        }
        Task::none()
    }

    /// The organisation changed while a plan file is previewed (an unmatched
    /// agency named or added): the file is read again against it.
    pub(super) fn reread_preview(&mut self, edit: &super::org::Edit) {
        let Some(path) = self.plan_preview.as_ref().map(|p| p.path.clone()) else { return };
        match super::plan_import::Preview::read(&self.ws, &path) {
            Ok(p) => {
                let (phrase, code) = match edit {
                    super::org::Edit::Alias { code, phrase } => (phrase.clone(), code.clone()),
                    super::org::Edit::Add(u) => (u.name.clone(), u.code.clone()),
                    _ => (String::new(), String::new()),
                };
                let name = self.ws.org.unit(&code).map(|u| u.name.clone()).unwrap_or(code);
                self.plan_preview = Some(p);
                self.info(ta(self.lang, "ui-import-mapped", &[("phrase", phrase.into()), ("name", name.into())]));
            }
            Err(e) => self.fail(&e),
        }
    }

    /// A file dropped on the window: evidence on the task page, bundles on
    /// Tổng hợp, a receipt or a feedback package from the parent anywhere else.
    pub(super) fn file_dropped(&mut self, p: std::path::PathBuf) -> Task<Message> {
        use super::{Notice, Screen};
        use crate::bundle::dropbox::{PackageKind, package_head};
        match self.screen {
            Screen::Task => self.queue_evidence(vec![p]),
            Screen::District => self.district_drop(p),
            _ if package_head(&p).is_some_and(|h| h.kind == PackageKind::Feedback) => self.take_from_parent(p, PackageKind::Feedback),
            _ if package_head(&p).is_some_and(|h| h.kind == PackageKind::Receipt) => self.import_receipt(p),
            Screen::Reports => self.import_receipt(p),
            _ => {
                self.notice = Some(Notice { text: t(self.lang, "ui-ev-drop-open-task"), error: true });
                Task::none()
            }
        }
    }

    /// The daily backup at start ended: Settings shows its time; a failure is a notice.
    pub(super) fn auto_backup_ended(&mut self, result: std::result::Result<bool, String>) -> Task<Message> {
        match result {
            Ok(_) => self.read_last_backup(),
            Err(e) => {
                let text = ta(self.lang, "ui-auto-backup-failed", &[("message", e.into())]);
                self.notice = Some(super::Notice { text, error: true });
            }
        }
        Task::none()
    }

    /// Settings → Kế hoạch: edits, the switch of plan and the rollover run on the save worker.
    pub(super) fn plan_edit_event(&mut self, m: super::plan_edit::Message) -> Task<Message> {
        let (task, event) = self.plan_edit.update(m, &self.ws.org, self.lang);
        let then = match event {
            Some(super::plan_edit::Event::Save(edit)) => self.save(Write::PlanEdit(edit)),
            Some(super::plan_edit::Event::Use(id)) => self.save(Write::UsePlan(id)),
            Some(super::plan_edit::Event::Rollover(year)) => self.save(Write::Rollover(year)),
            Some(super::plan_edit::Event::Back) => {
                self.show(super::Screen::Settings);
                Task::none()
            }
            None => Task::none(),
        };
        Task::batch([task.map(Message::PlanEdit), then])
    }

    /// Reads the plan editor's data: the active plan's source, the plans installed.
    pub(super) fn reload_plan_edit(&mut self) -> crate::error::Result<()> {
        let src = self.ws.plan_source()?;
        let plans = self.ws.plans()?;
        let edits = self.ws.plan_edits(&self.ws.plan.id)?;
        self.plan_edit.load(src, &self.ws.org, plans, edits);
        Ok(())
    }

    /// The active plan changed on the worker (an edit, another plan, a new
    /// year): the window reads it again; screens that count by year follow.
    fn plan_changed(&mut self) {
        let year = self.ws.plan.year;
        if let Err(e) = self.ws.reload_plan() {
            self.fail(&e);
            return;
        }
        if self.ws.plan.year != year {
            let today = self.ws.today;
            let year = self.ws.plan.year;
            self.dashboard = super::dashboard::State::new(year, today);
            let quarter = self.dashboard.quarters.quarter;
            self.kpis = super::kpis::State::new(year, quarter);
            self.reports = super::reports::State::new(year, quarter);
            self.district = super::district::State::new(year, if Period::of_date(today).year > year { 4 } else { quarter.saturating_sub(1).max(1) });
        }
        if self.detail.as_ref().is_some_and(|d| self.ws.plan.task(&d.code).is_none()) {
            self.detail = None;
        }
        self.refresh();
    }

    pub(super) fn plan_saved(&mut self, code: Option<String>, changes: usize) {
        self.plan_changed();
        self.plan_edit.saved(Ok(code));
        self.info(ta(self.lang, "ui-plan-saved", &[("count", changes.into())]));
    }

    pub(super) fn plan_switched(&mut self, id: &str) {
        self.plan_changed();
        self.plan_edit.saved(Ok(None));
        self.plan_edit.rolled = None;
        let line = super::common::plan_line(self.lang, &self.ws.plan);
        self.info(ta(self.lang, "ui-plan-switched", &[("plan", line.into()), ("id", id.into())]));
        if self.ws.unit.is_none() {
            // This installation's unit is not in that plan: choose it again.
            self.screen = super::Screen::FirstRun;
        }
    }

    pub(super) fn rolled_over(&mut self, year: i32, unfinished: Vec<(String, Vec<String>)>) {
        self.plan_changed();
        let (plan, lang) = (&self.ws.plan, self.lang);
        let name = |c: &str| plan.unit(c).map_or_else(|| c.to_owned(), |u| u.name.clone());
        // Who has not finished: this installation's unit first, the others counted.
        let mine = self.ws.unit.clone();
        let who = |units: &[String]| -> String {
            let others = units.iter().filter(|u| Some(*u) != mine.as_ref()).count();
            match mine.as_deref().filter(|m| units.iter().any(|u| u == m)) {
                Some(m) if others == 0 => name(m),
                Some(m) => ta(lang, "ui-plan-rolled-units-mine", &[("unit", name(m).into()), ("count", others.into())]),
                None if units.len() <= 2 => units.iter().map(|u| name(u)).collect::<Vec<_>>().join(", "),
                None => ta(lang, "ui-plan-rolled-units", &[("count", units.len().into())]),
            }
        };
        let unfinished = unfinished
            .into_iter()
            .map(|(code, units)| {
                let desc = plan.task(&code).map(|t| t.description.clone()).unwrap_or_default();
                let units = who(&units);
                (code, desc, units)
            })
            .collect::<Vec<_>>();
        // The section under the rollover button says what was carried over (no notice over it).
        self.plan_edit.rolled_over(super::plan_edit::RolledOver { year, unfinished });
        self.plan_edit.tab = super::plan_edit::Tab::Plans;
    }
}
