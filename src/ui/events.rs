//! What the window does with the events the screens report: saves,
//! settings, reports and the district's consolidation.

use iced::Task;

use super::{App, Message, Pick, district, jobs, reports, settings, t, tasks, ta};
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
            Some(settings::Event::SetUnit(u)) => match self.ws.set_unit(&u) {
                Ok(()) => {
                    self.detail = None;
                    self.tasks.filters = tasks::Filters::default();
                    self.refresh();
                    self.info(ta(self.lang, "ui-settings-unit-changed", &[("name", self.ws.plan.unit(&u).map(|x| x.name.clone()).unwrap_or(u).into())]));
                }
                Err(e) => self.fail(&e),
            },
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
            district::Event::OpenConsolidated(period) => {
                let (Some(unit), Some(db)) = (self.ws.consolidation_scope(), self.db_path()) else { return Task::none() };
                let (lang, today, dir) = (self.lang, self.ws.today, self.data_dir.join("reports"));
                self.start_job(t(lang, "ui-dist-consolidated"), 0, move |_| jobs::open_document(db, today, lang, jobs::Document::Consolidated, unit, period, dir))
            }
            district::Event::Accept(p) => {
                match self.ws.accept_key(&p.key_id) {
                    Ok(k) => {
                        self.info(ta(self.lang, "keys-trusted", &[("unit", k.unit.into()), ("fingerprint", crate::crypto::sign::fingerprint_of_hex(&k.key_id).into())]));
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

    pub(super) fn trust(&mut self, unit: &str, key: &crate::crypto::sign::PublicKey) {
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


    /// Settings → Tổ chức: an edit of the organisation is saved in one small
    /// transaction (the organisation and the plan resolved against it).
    pub(super) fn org_event(&mut self, m: super::org::Message) -> Task<Message> {
        match self.org.update(m, &self.ws.org) {
            Some(super::org::Event::Back) => self.screen = super::Screen::Settings,
            Some(super::org::Event::Save(edit)) => {
                let result = edit.apply(&self.ws.org).and_then(|next| self.ws.save_org(next));
                match result {
                    Ok(()) => {
                        self.org.saved(Ok(edit));
                        self.refresh();
                    }
                    Err(e) => self.org.saved(Err(e.message_in(self.lang))),
                }
            }
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
        match self.ws.start_org(crate::org::Org { units: vec![unit] }) {
            Ok(()) => {
                self.first_run.loaded();
                self.refresh();
            }
            Err(e) => self.fail(&e),
        }
        Task::none()
    }

    /// The first run: language, how to start, the unit and the clerk's name.
    pub(super) fn first_run_event(&mut self, m: super::first_run::Message) -> Task<Message> {
        use super::{Screen, clerk, first_run};
        if let first_run::Message::Clerk(clerk::Message::Typed(s)) = &m {
            let _ = self.clerk.update(clerk::Message::Typed(s.clone()), self.lang);
        }
        match self.first_run.update(m) {
            Some(first_run::Event::Lang(l)) => self.set_lang(l),
            Some(first_run::Event::PickPackage) => self.ask_file(Pick::PlanPackage, "ui-first-run-open-package", None),
            Some(first_run::Event::PickUnitsFile) => self.ask_file(Pick::UnitsFile, "ui-first-run-open-units", None),
            Some(first_run::Event::FirstUnit { name, kind }) => self.first_unit(&name, kind),
            Some(first_run::Event::Done { unit, lang }) => {
                // The clerk's name is asked with the unit.
                let Some(name) = self.clerk.update(clerk::Message::Save, lang) else { return Task::none() };
                let saved = Task::batch([self.set_lang(lang), self.set_operator(name)]);
                match self.ws.set_unit(&unit) {
                    Ok(()) => self.show(Screen::Dashboard),
                    Err(e) => self.fail(&e),
                }
                saved
            }
            None => Task::none(),
        }
    }

    /// A plan file was chosen: read it and show the preview (nothing saved yet).
    pub(super) fn plan_file_picked(&mut self, path: &std::path::Path) -> Task<Message> {
        match super::plan_import::Preview::read(&self.ws, path) {
            Ok(preview) => self.plan_preview = Some(preview),
            Err(e) => self.fail(&e),
        }
        Task::none()
    }

    /// The preview's answer: save the plan read, or drop it.
    pub(super) fn plan_import_event(&mut self, m: super::plan_import::Message) -> Task<Message> {
        match m {
            super::plan_import::Message::Cancel => self.plan_preview = None,
            super::plan_import::Message::Accept => {
                let Some(preview) = self.plan_preview.take() else { return Task::none() };
                match self.ws.install_plan(&preview.imported.source) {
                    Ok(plan) => {
                        self.detail = None;
                        self.refresh();
                        self.info(ta(self.lang, "import-done", &[("id", plan.id.into())]));
                    }
                    Err(e) => self.fail(&e),
                }
            }
        }
        Task::none()
    }

    /// A file dropped on the window: evidence on the task page, bundles on
    /// Tổng hợp, a receipt on Báo cáo & gửi.
    pub(super) fn file_dropped(&mut self, p: std::path::PathBuf) -> Task<Message> {
        use super::{Notice, Screen};
        match self.screen {
            Screen::Task => self.queue_evidence(vec![p]),
            Screen::District => self.district_drop(p),
            Screen::Reports => {
                self.import_receipt(&p);
                Task::none()
            }
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
}
