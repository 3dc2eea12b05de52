//! What the window does with files chosen in a screen's dialog or dropped
//! on it: plan packages, key cards, bundles, packages from the parent office.

use std::path::PathBuf;

use iced::Task;

use super::saving::Write;
use super::{App, Message, Notice, district, jobs, t};

impl App {
    /// A plan package chosen at first run: taken at once when its signer's
    /// key is trusted here; otherwise its signer and the key's fingerprint
    /// are shown for the clerk to compare with the parent office's first.
    pub(super) fn plan_package_picked(&mut self, file: PathBuf) -> Task<Message> {
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

    /// Imports a receipt from the parent office (one small signed file, one
    /// transaction, on the save worker); the window then shows what it says.
    pub(super) fn import_receipt(&mut self, file: PathBuf) -> Task<Message> {
        self.save(Write::Receipt(file))
    }

    /// Imports a package from the parent office (dropped or picked) on the job worker.
    pub(super) fn take_from_parent(&mut self, file: PathBuf, kind: crate::bundle::dropbox::PackageKind) -> Task<Message> {
        self.run(jobs::Work::TakePackage(file, kind))
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
}
