//! File dialogs (rfd, asynchronous) and what the window does with the
//! files chosen or dropped.

use std::path::PathBuf;

use iced::Task;

use super::saving::Write;
use super::{App, Message, Notice, district, jobs, reports, t, ta};
use crate::domain::Period;

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
    /// The plan package (.zip) the parent office sent (first run).
    PlanPackage,
    /// A units table (.csv, .xlsx) for a new organisation (first run).
    UnitsFile,
    /// A receipt from the parent office to import.
    Receipt,
    /// The folder the receipts of a period are written to.
    ReceiptsFolder(Period),
    /// A feedback package from the parent office to import.
    Feedback,
    /// The folder the feedback packages are written to.
    FeedbackFolder,
    /// The drop folder watched for new packages (Settings).
    DropFolder,
}

impl Pick {
    /// The file type offered: its name and extension.
    pub(super) fn filter(self) -> (&'static str, &'static str) {
        match self {
            Pick::Calendar => ("iCalendar", "ics"),
            Pick::Bundle(_) | Pick::Bundles | Pick::Receipt | Pick::ReceiptsFolder(_) => ("Zip", "zip"),
            Pick::Feedback | Pick::FeedbackFolder | Pick::DropFolder => ("Zip", "zip"),
            Pick::KeyCard | Pick::TrustCard => ("minisign", "pub"),
            Pick::Matrix(_, crate::report::MatrixFormat::Csv) => ("CSV", "csv"),
            Pick::Matrix(_, crate::report::MatrixFormat::Xlsx) => ("Excel", "xlsx"),
            Pick::PlanPackage => ("Zip", "zip"),
            Pick::UnitsFile => ("CSV", "csv"),
        }
    }
}

impl App {
    /// Opens a file dialog for `pick`, titled with the text `title_id`.
    pub(super) fn ask_file(&self, pick: Pick, title_id: &str, name: Option<String>) -> Task<Message> {
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
                    Pick::TrustCard | Pick::PlanPackage | Pick::Receipt | Pick::Feedback => one(d.pick_file().await),
                    Pick::UnitsFile => one(d.add_filter("Excel", &["xlsx", "xls"]).pick_file().await),
                    Pick::ReceiptsFolder(_) | Pick::FeedbackFolder | Pick::DropFolder => one(d.pick_folder().await),
                    _ => one(d.save_file().await),
                }
            },
            move |files| Message::Picked(pick, files),
        )
    }

    /// A plan package chosen at first run: taken at once when its signer's
    /// key is trusted here; otherwise its signer and the key's fingerprint
    /// are shown for the clerk to compare with the parent office's first.
    fn plan_package_picked(&mut self, file: PathBuf) -> Task<Message> {
        match self.ws.plan_package_signer(&file) {
            Ok((code, name, key)) => {
                let id = crate::crypto::sign::key_id_hex(&key.key_id);
                let trusted = self.ws.keys().is_ok_and(|ks| ks.iter().any(|k| k.key_id == id && k.unit == code && k.status == "trusted"));
                if trusted {
                    return self.save(Write::PlanPackage(file, None));
                }
                self.first_run.package = Some(super::first_run::PackageSigner { file, code, name, key });
            }
            Err(e) => self.fail(&e),
        }
        Task::none()
    }

    /// Does what a file dialog was opened for.
    pub(super) fn picked(&mut self, pick: Pick, files: Vec<PathBuf>) -> Task<Message> {
        let lang = self.lang;
        let Some(first) = files.first().cloned() else { return Task::none() };
        match pick {
            // The package's units become the organisation (see Store::install_plan).
            Pick::PlanPackage => return self.plan_package_picked(first),
            Pick::UnitsFile => return self.save(Write::UnitsFile(first)),
            _ => {}
        }
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
                let opts = self.reports.export_options().unwrap_or_default();
                self.start_job(label, 0, move |report| jobs::export_bundle(db, today, lang, period, first, opts, passphrase, report))
            }
            Pick::KeyCard => {
                let Some(db) = self.db_path() else { return Task::none() };
                self.start_job(t(lang, "ui-job-key-card"), 0, move |_| jobs::save_key_card(db, first))
            }
            Pick::Bundles => self.enqueue_bundles(files),
            Pick::PlanPackage | Pick::UnitsFile => Task::none(),
            Pick::TrustCard => self.read_card(first),
            Pick::Receipt => self.import_receipt(first),
            Pick::Feedback => self.take_from_parent(first, crate::bundle::dropbox::PackageKind::Feedback),
            Pick::FeedbackFolder => {
                let Some(db) = self.db_path() else { return Task::none() };
                let passphrase = self.ws.passphrase.clone();
                self.start_job(t(lang, "ui-feedback-job"), 0, move |_| jobs::write_feedback(db, today, first, passphrase))
            }
            Pick::DropFolder => self.save(super::saving::Write::Setting { key: crate::bundle::dropbox::DROP_FOLDER_KEY, value: first.display().to_string() }),
            Pick::ReceiptsFolder(period) => {
                let Some(db) = self.db_path() else { return Task::none() };
                let passphrase = self.ws.passphrase.clone();
                self.start_job(t(lang, "ui-receipts-job"), 0, move |_| jobs::write_receipts(db, today, period, first, passphrase))
            }
            Pick::Matrix(period, format) => {
                // A name typed without an extension gets the chosen type's.
                let mut first = first;
                if first.extension().is_none() {
                    first.set_extension(pick.filter().1);
                }
                let Some(db) = self.db_path() else { return Task::none() };
                let scope = self.ws.consolidation_scope().unwrap_or(unit);
                self.start_job(t(lang, "ui-job-matrix"), 0, move |_| jobs::save_matrix(db, today, lang, scope, period, format, first))
            }
        }
    }

    /// Imports a receipt from the parent office (one small signed file, one
    /// transaction, on the save worker); the window then shows what it says.
    pub(super) fn import_receipt(&mut self, file: PathBuf) -> Task<Message> {
        self.save(Write::Receipt(file))
    }

    /// Imports a package from the parent office (dropped or picked) on the job worker.
    pub(super) fn take_from_parent(&mut self, file: PathBuf, kind: crate::bundle::dropbox::PackageKind) -> Task<Message> {
        let Some(db) = self.db_path() else { return Task::none() };
        let (lang, today) = (self.lang, self.ws.today);
        self.start_job(t(lang, "ui-feedback-importing"), 0, move |_| jobs::take_package(db, today, lang, file, kind))
    }

    /// Registers a unit's key card: with the unit it names, or the unit picked by hand.
    pub(super) fn read_card(&mut self, file: PathBuf) -> Task<Message> {
        match crate::bundle::read_key_card(&file) {
            Ok((key, Some(unit))) if self.ws.plan.unit(&unit).is_some() => {
                // A unit with another trusted key: ask first (phone the unit), never trust silently.
                let trusted = self.other_trusted_key(&unit, &crate::crypto::sign::key_id_hex(&key.key_id));
                if trusted.trusted.is_none() {
                    return self.save(Write::TrustKey { unit, key });
                }
                self.district.card = Some(district::Card { file, key, query: String::new(), choice: Some(unit), other: trusted });
            }
            Ok((key, _)) => self.district.card = Some(district::Card { file, key, query: String::new(), choice: None, other: district::OtherKey::default() }),
            Err(e) => self.fail(&e),
        }
        Task::none()
    }

    /// `unit`'s trusted key other than `key_id` (one read of the key registry).
    pub(super) fn other_trusted_key(&mut self, unit: &str, key_id: &str) -> district::OtherKey {
        match self.ws.other_trusted_key(unit, key_id) {
            Ok(trusted) => district::OtherKey::new(trusted),
            Err(e) => {
                self.fail(&e);
                district::OtherKey::default()
            }
        }
    }

    /// Adds to a key about to be accepted, or a unit picked for a key card,
    /// the unit's other trusted key, so the dialog warns.
    pub(super) fn with_other_key(&mut self, m: district::Message) -> district::Message {
        match m {
            district::Message::AskAccept(mut p) => {
                p.other = self.other_trusted_key(&p.unit, &p.key_id);
                district::Message::AskAccept(p)
            }
            district::Message::CardUnit(unit) => {
                if let Some(key_id) = self.district.card.as_ref().map(|c| crate::crypto::sign::key_id_hex(&c.key.key_id)) {
                    let other = self.other_trusted_key(&unit, &key_id);
                    if let Some(c) = self.district.card.as_mut() {
                        c.other = other;
                    }
                }
                district::Message::CardUnit(unit)
            }
            m => m,
        }
    }

    /// A file dropped on the consolidation screen: a bundle to import or a key card.
    pub(super) fn district_drop(&mut self, file: PathBuf) -> Task<Message> {
        let ext = file.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        match ext.as_str() {
            "zip" => match crate::bundle::part_file_stem(&file) {
                // Parts dropped together arrive one by one: the first brings
                // its siblings from the folder; the others are already there.
                Some(stem) => {
                    let merging = self.job.as_ref().and_then(|j| j.parts.as_deref()) == Some(stem.as_str());
                    let queued = self.district.queue.iter().any(|f| crate::bundle::part_file_stem(f).as_deref() == Some(stem.as_str()));
                    if merging || queued { Task::none() } else { self.enqueue_bundles(crate::bundle::sibling_parts(&file)) }
                }
                None => self.enqueue_bundles(vec![file]),
            },
            "pub" => self.read_card(file),
            _ => {
                self.notice = Some(Notice { text: t(self.lang, "ui-dist-drop-wrong"), error: true });
                Task::none()
            }
        }
    }

    pub(super) fn pick_evidence_file(&mut self) -> Task<Message> {
        let title = t(self.lang, "ui-ev-add");
        Task::perform(
            async move {
                let files = rfd::AsyncFileDialog::new().set_title(title).pick_files().await.unwrap_or_default();
                files.iter().map(|h| h.path().to_owned()).collect()
            },
            Message::FilesPicked,
        )
    }

}
