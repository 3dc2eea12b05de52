//! What the window does with the events the screens report: saves,
//! settings, reports and the district's consolidation.

use iced::Task;

use super::{App, Message, Pick, district, jobs, reports, settings, t, ta};
use super::saving::Write;
use crate::domain::Period;

impl App {
    /// Saves a change to the open task (on the save worker).
    pub(super) fn apply_change(&mut self, change: crate::progress::Change) -> Task<Message> {
        let (Some(unit), Some(code)) = (self.ws.unit.clone(), self.detail.as_ref().map(|d| d.code.clone())) else { return Task::none() };
        self.save(Write::Task { unit, code, change })
    }

    pub(super) fn settings_event(&mut self, m: settings::Message) -> Task<Message> {
        match self.settings.update(m) {
            Some(settings::Event::Lang(l)) => return self.set_lang(l),
            Some(settings::Event::Dark(d)) => {
                self.dark = d;
                return self.save(Write::Setting { key: "theme", value: if d { "dark" } else { "light" }.into() });
            }
            Some(settings::Event::Software(s)) => {
                self.software = s;
                return self.save(Write::Setting { key: "renderer", value: if s { "tiny-skia" } else { "auto" }.into() });
            }
            Some(settings::Event::SetUnit(u)) => return self.save(Write::Unit(u)),
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
            Some(settings::Event::OpenPlan) => {
                self.notice = None;
                self.show(super::Screen::Plan);
            }
            Some(settings::Event::OpenOrg) => {
                self.screen = super::Screen::Org;
                self.notice = None;
            }
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
            Some(settings::Event::PickPlace) => {
                let title = t(self.lang, "ui-settings-place-title");
                return Task::perform(
                    async move { rfd::AsyncFileDialog::new().set_title(title).pick_folder().await.map(|h| h.path().to_owned()) },
                    Message::PlacePicked,
                );
            }
            Some(settings::Event::ForgetPlace) => return self.save(Write::BackupPlace(None)),
            Some(settings::Event::PickDropFolder) => return self.ask_file(super::Pick::DropFolder, "ui-drop-settings-title", None),
            Some(settings::Event::ForgetDropFolder) => {
                return self.save(Write::Setting { key: crate::bundle::dropbox::DROP_FOLDER_KEY, value: String::new() });
            }
            Some(settings::Event::WritePlace) => {
                let (Some(dir), Some(db)) = (self.backup_place.dir.clone(), self.db_path()) else { return Task::none() };
                return self.start_job(t(self.lang, "ui-job-backup"), 0, move |_| jobs::backup_to_place(db, dir));
            }
            Some(settings::Event::Restore(src)) => {
                let Some(db) = self.db_path() else { return Task::none() };
                let keep = self.data_dir.join("backups");
                let operator = self.ws.operator.clone();
                return self.start_job(t(self.lang, "ui-job-restore"), 0, move |_| jobs::restore(db, src, keep, operator));
            }
            None => {}
        }
        Task::none()
    }

    pub(super) fn reports_event(&mut self, e: reports::Event) -> Task<Message> {
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
            reports::Event::ImportReceipt => self.ask_file(Pick::Receipt, "ui-receipt-import", None),
            reports::Event::ImportFeedback => self.ask_file(Pick::Feedback, "ui-feedback-import", None),
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
        let sequence = self.ws.next_export_sequence(unit, period)?;
        Ok(ta(self.lang, "ui-rep-bundle-file-name", &[("unit", unit.into()), ("period", period.to_string().into()), ("sequence", sequence.to_string().into())]))
    }

    pub(super) fn district_event(&mut self, e: district::Event) -> Task<Message> {
        match e {
            district::Event::ToTop => iced::widget::operation::snap_to(district::GRID_ID, iced::widget::scrollable::RelativeOffset::START),
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
            district::Event::SendReceipts(period) => self.ask_file(Pick::ReceiptsFolder(period), "ui-receipts-send", None),
            district::Event::SendFeedback => self.ask_file(Pick::FeedbackFolder, "ui-feedback-send", None),
            district::Event::Review(task, unit, period) => {
                match super::review::State::open(&self.ws, &unit, &task, &period.to_string()) {
                    Ok(r) => {
                        self.review = Some(r);
                        return iced::widget::operation::focus(super::review::COMMENT_ID);
                    }
                    Err(e) => self.fail(&e),
                }
                Task::none()
            }
            district::Event::OpenConsolidated(period) => {
                let (Some(unit), Some(db)) = (self.ws.consolidation_scope(), self.db_path()) else { return Task::none() };
                let (lang, today, dir) = (self.lang, self.ws.today, self.data_dir.join("reports"));
                self.start_job(t(lang, "ui-dist-consolidated"), 0, move |_| jobs::open_document(db, today, lang, jobs::Document::Consolidated, unit, period, dir))
            }
            // Stored on the save worker; the held-back bundle is merged after.
            district::Event::Accept(p) => self.save(Write::AcceptKey { key_id: p.key_id, file: p.file }),
            district::Event::Trust { unit, key } => self.save(Write::TrustKey { unit, key }),
        }
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

    /// First run, "a new organisation": its first unit, typed by hand.
    pub(super) fn first_unit(&mut self, name: &str, kind: crate::domain::UnitKind) -> Task<Message> {
        let unit = crate::org::OrgUnit {
            code: crate::org::suggest_code(name, &[]),
            name: crate::text::nfc(name),
            kind,
            parent: None,
            retired: false,
            consolidates_for: None,
            aliases: vec![],
        };
        self.save(Write::StartOrg(crate::org::Org { units: vec![unit] }))
    }

    /// The first run: language, how to start, the unit and the clerk's name.
    pub(super) fn first_run_event(&mut self, m: super::first_run::Message) -> Task<Message> {
        use super::{clerk, first_run};
        if let first_run::Message::Clerk(clerk::Message::Typed(s)) = &m {
            let _ = self.clerk.update(clerk::Message::Typed(s.clone()), self.lang);
        }
        match self.first_run.update(m) {
            Some(first_run::Event::Lang(l)) => self.set_lang(l),
            Some(first_run::Event::PickPackage) => self.ask_file(Pick::PlanPackage, "ui-first-run-open-package", None),
            Some(first_run::Event::PickUnitsFile) => self.ask_file(Pick::UnitsFile, "ui-first-run-open-units", None),
            Some(first_run::Event::FirstUnit { name, kind }) => self.first_unit(&name, kind),
            Some(first_run::Event::ImportPackage(p)) => self.save(Write::PlanPackage(p.file, Some(p.key))),
            Some(first_run::Event::Done { unit, lang }) => {
                // The clerk's name is asked with the unit.
                let Some(name) = self.clerk.update(clerk::Message::Save, lang) else { return Task::none() };
                // Saved in this order; the dashboard opens when the unit is stored.
                Task::batch([self.set_lang(lang), self.set_operator(name), self.save(Write::Unit(unit))])
            }
            None => Task::none(),
        }
    }

    /// A plan file was chosen: read it and show the preview (nothing saved yet).
    /// Read on the job worker (a long table never stalls the window); a
    /// database in memory (tests) is read here.
    pub(super) fn plan_file_picked(&mut self, path: &std::path::Path) -> Task<Message> {
        let Some(db) = self.db_path() else {
            self.read_plan_file_now(path);
            return Task::none();
        };
        let (today, path) = (self.ws.today, path.to_owned());
        self.start_job(t(self.lang, "ui-import-reading"), 0, move |_| super::jobs::read_plan_file(db, today, path))
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
        match self.plan_edit.update(m, &self.ws.org, self.lang) {
            Some(super::plan_edit::Event::Save(edit)) => self.save(Write::PlanEdit(edit)),
            Some(super::plan_edit::Event::Use(id)) => self.save(Write::UsePlan(id)),
            Some(super::plan_edit::Event::Rollover(year)) => self.save(Write::Rollover(year)),
            Some(super::plan_edit::Event::Focus(id)) => iced::widget::operation::focus(id),
            Some(super::plan_edit::Event::Back) => {
                self.show(super::Screen::Settings);
                Task::none()
            }
            None => Task::none(),
        }
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
        let line = ta(self.lang, "ui-plan-line", &[("number", super::common::plan_label(&self.ws.plan).into()), ("year", self.ws.plan.year.to_string().into())]);
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
