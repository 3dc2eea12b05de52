//! Settings: unit, language (switches at once), theme, data folder, software
//! rendering, backup now / restore, the certificate for PDF signatures
//! (import a .p12 file issued by a certification authority).

use std::path::{Path, PathBuf};

use iced::widget::{button, column, container, row, scrollable, space, text, text_input, toggler};
use iced::{Alignment, Element, Length, Task};

use super::dialog::Dialog;
use super::jobs::Work;
use super::saving::Write;
use super::{first_run, style, t, ta};
use crate::bundle::dropbox::DROP_FOLDER_KEY;
use crate::domain::Plan;
use crate::i18n::{Lang, format_date};
use crate::crypto::pdfsign::CertInfo;

/// The password box of the .p12 import (focused when it opens).
pub const P12_PASSWORD_ID: &str = "settings-p12-password";

#[derive(Debug, Clone, Default)]
pub struct State {
    pub changing_unit: bool,
    pub unit_query: String,
    pub unit_choice: Option<String>,
    /// A backup file chosen for restore, waiting for confirmation.
    pub confirm_restore: Option<PathBuf>,
    /// The certificate PDF signatures are made with (read on opening
    /// Settings and after an import); none before the first export.
    pub certificate: Option<CertInfo>,
    /// A .p12 file chosen for import, waiting for its password.
    pub p12: Option<P12Prompt>,
}

/// The password dialog of a .p12 import.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct P12Prompt {
    pub path: PathBuf,
    pub password: String,
    /// Why the last try failed (wrong password, expired certificate…).
    pub error: Option<String>,
    /// The import is running.
    pub busy: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Lang(Lang),
    Dark(bool),
    Software(bool),
    ChangeUnit,
    UnitQuery(String),
    PickUnit(String),
    ConfirmUnit,
    CancelUnit,
    /// "Tổ chức…": the organisation editor.
    OpenOrg,
    OpenFolder,
    Backup,
    Restore,
    ConfirmRestore,
    CancelRestore,
    /// "Import .p12 file…": choose the file.
    ImportP12,
    P12Password(String),
    ConfirmP12,
    CancelP12,
    /// Second backup place: choose a folder, forget it, write there now.
    PlaceChoose,
    PlaceForget,
    PlaceWrite,
    /// The drop folder: choose one, or stop watching.
    DropChoose,
    DropForget,
    /// "Import a plan from a file…" (Word, Excel, CSV).
    ImportPlan,
    /// "Kế hoạch…": the plan editor, the plans installed, the rollover.
    OpenPlan,
    /// The paths chosen in a file dialog (none when it was closed).
    Chosen(Pick, Vec<PathBuf>),
}

/// What Settings asks the window for.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Lang(Lang),
    Dark(bool),
    Software(bool),
    SetUnit(String),
    OpenOrg,
    OpenFolder,
    OpenPlan,
    /// Run this on the job worker (a backup, a restore, a certificate, a plan file read).
    Run(Work),
    /// Store this (the second backup place, the drop folder).
    Save(Write),
    /// Write a backup generation to the second place now.
    WritePlace,
}

/// What a file dialog of Settings was opened for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// A plan file to read (a preview follows).
    PlanFile,
    /// Where to write a backup of the database.
    Backup,
    /// The backup to restore (asked again before it is).
    Restore,
    /// The .p12/.pfx file of the PDF-signing certificate.
    P12,
    /// The folder of the second backup place.
    Place,
    /// The folder watched for packages.
    DropFolder,
}

/// The second backup place as Settings shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BackupPlace {
    pub dir: Option<PathBuf>,
    /// When a backup was last written to a second place (formatted).
    pub written: Option<String>,
    /// No backup written there for a week (or ever): remind the clerk.
    pub overdue: bool,
}

/// What the settings screen shows about the installation.
pub struct Info<'a> {
    pub plan: &'a Plan,
    pub unit: Option<&'a str>,
    /// Retired units (not offered when changing the unit).
    pub retired: Vec<String>,
    pub lang: Lang,
    pub dark: bool,
    pub software: bool,
    pub data_dir: &'a Path,
    pub last_backup: Option<String>,
    pub place: &'a BackupPlace,
    /// The folder watched for new packages, if any.
    pub drop_folder: Option<&'a Path>,
    pub busy: bool,
    /// For the certificate's "expired" / "N days left".
    pub today: chrono::NaiveDate,
}

impl State {
    /// Handles a message: the dialog it opens, or what the window must do.
    pub fn update(&mut self, message: Message, lang: Lang) -> (Task<Message>, Option<Event>) {
        let ask = |dialog: Dialog, pick: Pick| (dialog.ask(move |paths| Message::Chosen(pick, paths)), None);
        match message {
            Message::ImportPlan => {
                ask(Dialog::open(t(lang, "ui-settings-import-plan")).filter("Word, Excel, CSV", &["docx", "xlsx", "xls", "ods", "csv", "doc", "odt", "pdf"]), Pick::PlanFile)
            }
            Message::Backup => {
                let name = format!("tiendo-{}.sqlite3", chrono::Local::now().format("%Y%m%d-%H%M"));
                ask(Dialog::save(t(lang, "ui-settings-backup"), name), Pick::Backup)
            }
            Message::Restore => ask(Dialog::open(t(lang, "ui-settings-restore")).filter("SQLite", &["sqlite3", "sqlite", "db"]), Pick::Restore),
            Message::ImportP12 => ask(Dialog::open(t(lang, "ui-settings-cert-import")).filter("PKCS#12", &["p12", "pfx"]), Pick::P12),
            Message::PlaceChoose => ask(Dialog::folder(t(lang, "ui-settings-place-title")), Pick::Place),
            Message::DropChoose => ask(Dialog::folder(t(lang, "ui-drop-settings-title")), Pick::DropFolder),
            Message::Chosen(pick, paths) => match paths.into_iter().next() {
                Some(path) => self.chosen(pick, path),
                None => (Task::none(), None),
            },
            m => (Task::none(), self.event(m)),
        }
    }

    /// What a path chosen in a dialog asks for.
    fn chosen(&mut self, pick: Pick, path: PathBuf) -> (Task<Message>, Option<Event>) {
        let event = match pick {
            Pick::PlanFile => Event::Run(Work::ReadPlanFile(path)),
            Pick::Backup => Event::Run(Work::Backup(path)),
            Pick::Restore => {
                // Asked again before it is done.
                self.confirm_restore = Some(path);
                return (Task::none(), None);
            }
            Pick::P12 => {
                // The password box opens, with the keyboard in it.
                self.p12_chosen(path);
                return (iced::widget::operation::focus(P12_PASSWORD_ID), None);
            }
            Pick::Place => Event::Save(Write::BackupPlace(Some(path))),
            Pick::DropFolder => Event::Save(Write::Setting { key: DROP_FOLDER_KEY, value: path.display().to_string() }),
        };
        (Task::none(), Some(event))
    }

    /// What a message changes here, and what the window must do.
    fn event(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Lang(l) => Some(Event::Lang(l)),
            Message::Dark(d) => Some(Event::Dark(d)),
            Message::Software(s) => Some(Event::Software(s)),
            Message::ChangeUnit => {
                self.changing_unit = true;
                self.unit_query.clear();
                self.unit_choice = None;
                None
            }
            Message::UnitQuery(q) => {
                self.unit_query = q;
                None
            }
            Message::PickUnit(c) => {
                self.unit_choice = Some(c);
                None
            }
            Message::ConfirmUnit => {
                let c = self.unit_choice.take()?;
                self.changing_unit = false;
                Some(Event::SetUnit(c))
            }
            Message::CancelUnit => {
                self.changing_unit = false;
                None
            }
            Message::OpenOrg => Some(Event::OpenOrg),
            Message::OpenFolder => Some(Event::OpenFolder),
            Message::OpenPlan => Some(Event::OpenPlan),
            Message::ConfirmRestore => self.confirm_restore.take().map(|p| Event::Run(Work::Restore(p))),
            Message::CancelRestore => {
                self.confirm_restore = None;
                None
            }
            Message::P12Password(p) => {
                let prompt = self.p12.as_mut()?;
                prompt.password = p;
                prompt.error = None;
                None
            }
            Message::ConfirmP12 => {
                let prompt = self.p12.as_mut().filter(|p| !p.busy)?;
                prompt.busy = true;
                prompt.error = None;
                Some(Event::Run(Work::ImportP12 { file: prompt.path.clone(), password: prompt.password.clone() }))
            }
            Message::CancelP12 => {
                self.p12 = None;
                None
            }
            Message::PlaceForget => Some(Event::Save(Write::BackupPlace(None))),
            Message::PlaceWrite => Some(Event::WritePlace),
            Message::DropForget => Some(Event::Save(Write::Setting { key: DROP_FOLDER_KEY, value: String::new() })),
            // Handled by `update`.
            Message::ImportPlan | Message::Backup | Message::Restore | Message::ImportP12 | Message::PlaceChoose | Message::DropChoose | Message::Chosen(..) => None,
        }
    }

    /// A .p12 file was chosen: ask for its password.
    pub fn p12_chosen(&mut self, path: PathBuf) {
        self.p12 = Some(P12Prompt { path, ..Default::default() });
    }

    /// The import's outcome: the certificate now in use, or why it failed
    /// (the dialog stays open to try another password).
    pub fn p12_done(&mut self, result: std::result::Result<CertInfo, String>) {
        match result {
            Ok(info) => {
                self.certificate = Some(info);
                self.p12 = None;
            }
            Err(e) => {
                if let Some(p) = self.p12.as_mut() {
                    p.busy = false;
                    p.password.clear();
                    p.error = Some(e);
                }
            }
        }
    }

    pub fn view<'a>(&'a self, info: Info<'a>) -> Element<'a, Message> {
        let lang = info.lang;
        let label = |id: &str| text(t(lang, id)).size(style::BODY).width(Length::Fixed(220.0));
        let unit_name = info.unit.and_then(|u| info.plan.unit(u)).map(|u| format!("{} ({})", u.name, u.code)).unwrap_or_default();
        let unit_body: Element<'a, Message> = if self.changing_unit {
            column![
                first_run::unit_picker(info.plan, lang, &self.unit_query, self.unit_choice.as_deref(), Message::UnitQuery, Message::PickUnit, 240.0, &info.retired),
                row![
                    space::horizontal(),
                    button(text(t(lang, "ui-cancel")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(Message::CancelUnit),
                    button(text(t(lang, "ui-settings-use-unit")).size(style::BODY)).padding([6, 14]).on_press_maybe(self.unit_choice.as_ref().map(|_| Message::ConfirmUnit)),
                ]
                .spacing(style::S8),
            ]
            .spacing(style::S8)
            .into()
        } else {
            row![
                label("ui-settings-unit"),
                text(unit_name).size(style::BODY).font(style::BOLD).width(Length::Fill),
                button(text(t(lang, "ui-settings-change-unit")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(Message::ChangeUnit),
                button(text(t(lang, "ui-settings-org")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(Message::OpenOrg),
            ]
            .spacing(style::S12)
            .align_y(Alignment::Center)
            .into()
        };
        let langs = row(Lang::ALL.iter().map(|l| {
            button(text(l.native_name()).size(style::BODY)).padding([6, 16]).style(style::chip(*l == lang)).on_press(Message::Lang(*l)).into()
        }))
        .spacing(style::S8);
        let themes = row![
            button(text(t(lang, "ui-settings-light")).size(style::BODY)).padding([6, 16]).style(style::chip(!info.dark)).on_press(Message::Dark(false)),
            button(text(t(lang, "ui-settings-dark")).size(style::BODY)).padding([6, 16]).style(style::chip(info.dark)).on_press(Message::Dark(true)),
        ]
        .spacing(style::S8);
        let display = column![
            row![label("ui-settings-lang"), langs].spacing(style::S12).align_y(Alignment::Center),
            row![label("ui-settings-theme"), themes].spacing(style::S12).align_y(Alignment::Center),
            row![
                label("ui-settings-software"),
                toggler(info.software).on_toggle(Message::Software).size(20),
                style::muted_text(t(lang, "ui-settings-software-hint")).width(Length::Fill),
            ]
            .spacing(style::S12)
            .align_y(Alignment::Center),
        ]
        .spacing(style::S12);
        let data = column![
            row![
                label("ui-settings-data-dir"),
                text(info.data_dir.display().to_string()).size(style::BODY).width(Length::Fill),
                button(text(t(lang, "ui-settings-open-folder")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(Message::OpenFolder),
            ]
            .spacing(style::S12)
            .align_y(Alignment::Center),
            row![
                label("ui-settings-last-backup"),
                text(info.last_backup.clone().unwrap_or_else(|| t(lang, "ui-settings-never"))).size(style::BODY).width(Length::Fill),
                button(text(t(lang, "ui-settings-backup")).size(style::BODY)).padding([6, 14]).on_press_maybe((!info.busy).then_some(Message::Backup)),
                button(text(t(lang, "ui-settings-restore")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press_maybe((!info.busy).then_some(Message::Restore)),
            ]
            .spacing(style::S12)
            .align_y(Alignment::Center),
            style::muted_text(t(lang, "ui-settings-backup-hint")),
            row![
                label("ui-settings-plan"),
                text(super::common::plan_line(lang, info.plan))
                    .size(style::BODY)
                    .width(Length::Fill),
                button(text(t(lang, "ui-settings-edit-plan")).size(style::BODY))
                    .padding([6, 14])
                    .style(button::secondary)
                    .on_press(Message::OpenPlan),
                button(text(t(lang, "ui-settings-import-plan")).size(style::BODY))
                    .padding([6, 14])
                    .style(button::secondary)
                    .on_press_maybe((!info.busy).then_some(Message::ImportPlan)),
            ]
            .spacing(style::S12)
            .align_y(Alignment::Center),
        ]
        .spacing(style::S12);
        scrollable(
            column![
                style::header(t(lang, "ui-nav-settings"), space().into()),
                style::section(t(lang, "ui-settings-unit-title"), unit_body),
                style::section(t(lang, "ui-settings-display"), display),
                style::section(t(lang, "ui-settings-data"), data),
                style::section(t(lang, "ui-settings-cert-title"), self.certificate_view(lang, info.busy, info.today)),
                style::section(t(lang, "ui-settings-place-title"), place_view(lang, info.place, info.busy)),
                style::section(t(lang, "ui-drop-settings-title"), drop_view(lang, info.drop_folder)),
            ]
            .spacing(style::S12)
            .padding(iced::Padding { right: 14.0, ..iced::Padding::ZERO }),
        )
        .height(Length::Fill)
        .into()
    }

    /// The PDF-signing certificate in use and the import button.
    fn certificate_view(&self, lang: Lang, busy: bool, today: chrono::NaiveDate) -> Element<'_, Message> {
        let label = |id: &str| text(t(lang, id)).size(style::BODY).width(Length::Fixed(220.0));
        let line = |id: &str, value: String| row![label(id), text(value).size(style::BODY).width(Length::Fill)].spacing(style::S12);
        let mut body = column![].spacing(style::S8);
        match &self.certificate {
            Some(c) => {
                let kind = format!(
                    "{}, {}, {}",
                    t(lang, if c.imported { "pdfcert-origin-imported" } else { "pdfcert-origin-generated" }),
                    t(lang, if c.self_signed { "pdfcert-self-signed" } else { "pdfcert-ca-issued" }),
                    c.algorithm
                );
                body = body
                    .push(row![label("ui-settings-cert-subject"), text(c.common_name.clone()).size(style::BODY).font(style::BOLD).width(Length::Fill)].spacing(style::S12))
                    .push(line("ui-settings-cert-issuer", c.issuer_name.clone()))
                    .push({
                        use crate::crypto::pdfsign::CertValidity;
                        let (note, color) = match c.validity_on(today) {
                            CertValidity::Expired => (Some(t(lang, "ui-settings-cert-expired")), style::OVERDUE),
                            CertValidity::ExpiresSoon(days) => (Some(ta(lang, "ui-settings-cert-days-left", &[("days", days.into())])), style::DUE_SOON),
                            _ => (None, style::DONE),
                        };
                        let mut r = row![label("ui-settings-cert-valid-to"), text(format_date(c.not_after)).size(style::BODY)].spacing(style::S12);
                        if let Some(note) = note {
                            r = r.push(style::pill(note, color));
                        }
                        r.align_y(Alignment::Center)
                    })
                    .push(line("ui-settings-cert-kind", kind))
                    .push(line("ui-settings-cert-fingerprint", c.fingerprint.clone()));
            }
            None => body = body.push(style::muted_text(t(lang, "ui-settings-cert-none"))),
        }
        body.push(
            row![
                style::muted_text(t(lang, "ui-settings-cert-hint")).width(Length::Fill),
                button(text(t(lang, "ui-settings-cert-import")).size(style::BODY))
                    .padding([6, 14])
                    .on_press_maybe((!busy && self.p12.is_none()).then_some(Message::ImportP12)),
            ]
            .spacing(style::S12)
            .align_y(Alignment::Center),
        )
        .into()
    }

    /// The dialog shown over the page, if any: the .p12 password, or the
    /// restore confirmation.
    pub fn dialog(&self, lang: Lang) -> Option<Element<'_, Message>> {
        if let Some(p) = &self.p12 {
            return Some(self.p12_dialog(lang, p));
        }
        let path = self.confirm_restore.as_ref()?;
        Some(
            column![
                text(t(lang, "ui-restore-title")).size(style::TITLE).font(style::BOLD),
                text(ta(lang, "ui-restore-question", &[("path", path.display().to_string().into())])).size(style::BODY),
                row![
                    space::horizontal(),
                    button(text(t(lang, "ui-cancel")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(Message::CancelRestore),
                    button(text(t(lang, "ui-settings-restore")).size(style::BODY)).padding([6, 14]).style(button::danger).on_press(Message::ConfirmRestore),
                ]
                .spacing(style::S8),
            ]
            .spacing(style::S12)
            .into(),
        )
    }
}

impl State {
    fn p12_dialog<'a>(&'a self, lang: Lang, p: &'a P12Prompt) -> Element<'a, Message> {
        let name = p.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut col = column![
            text(t(lang, "ui-p12-title")).size(style::TITLE).font(style::BOLD),
            text(ta(lang, "ui-p12-question", &[("path", name.into())])).size(style::BODY),
            text_input(&t(lang, "ui-p12-password"), &p.password)
                .id(P12_PASSWORD_ID)
                .secure(true)
                .on_input(Message::P12Password)
                .on_submit_maybe((!p.busy).then_some(Message::ConfirmP12))
                .padding(8),
        ]
        .spacing(style::S12);
        if let Some(e) = &p.error {
            col = col.push(container(text(e.clone()).size(style::BODY)).padding(10).width(Length::Fill).style(style::banner(true)));
        }
        col.push(
            row![
                space::horizontal(),
                button(text(t(lang, "ui-cancel")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(Message::CancelP12),
                button(text(t(lang, "ui-p12-import")).size(style::BODY)).padding([6, 14]).on_press_maybe((!p.busy).then_some(Message::ConfirmP12)),
            ]
            .spacing(style::S8),
        )
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_change_needs_a_choice_and_restore_needs_confirmation() {
        let mut s = State::default();
        s.event(Message::ChangeUnit);
        assert!(s.changing_unit);
        assert_eq!(s.event(Message::ConfirmUnit), None);
        s.event(Message::PickUnit("X-TTCC".into()));
        assert_eq!(s.event(Message::ConfirmUnit), Some(Event::SetUnit("X-TTCC".into())));
        assert!(!s.changing_unit);
        assert_eq!(s.event(Message::Lang(Lang::En)), Some(Event::Lang(Lang::En)));
        // The backup chosen in the dialog waits for confirmation.
        assert_eq!(s.update(Message::Chosen(Pick::Restore, vec![PathBuf::from("/tmp/b.sqlite3")]), Lang::Vi).1, None);
        assert_eq!(s.confirm_restore, Some(PathBuf::from("/tmp/b.sqlite3")));
        assert!(s.dialog(Lang::Vi).is_some());
        // A dialog closed without a choice changes nothing.
        assert_eq!(s.update(Message::Chosen(Pick::Backup, vec![]), Lang::Vi).1, None);
        assert_eq!(s.event(Message::CancelRestore), None);
        assert!(s.dialog(Lang::Vi).is_none());
        s.confirm_restore = Some(PathBuf::from("/tmp/b.sqlite3"));
        assert_eq!(s.event(Message::ConfirmRestore), Some(Event::Run(Work::Restore(PathBuf::from("/tmp/b.sqlite3")))));
        assert_eq!(
            s.update(Message::Chosen(Pick::Backup, vec![PathBuf::from("/tmp/sao-luu.sqlite3")]), Lang::Vi).1,
            Some(Event::Run(Work::Backup(PathBuf::from("/tmp/sao-luu.sqlite3"))))
        );
        assert_eq!(
            s.update(Message::Chosen(Pick::DropFolder, vec![PathBuf::from("/tmp/nhan")]), Lang::Vi).1,
            Some(Event::Save(Write::Setting { key: DROP_FOLDER_KEY, value: "/tmp/nhan".into() }))
        );
        assert_eq!(s.event(Message::PlaceForget), Some(Event::Save(Write::BackupPlace(None))));
    }

    fn cert(name: &str) -> CertInfo {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        CertInfo {
            subject: format!("CN={name}, C=VN"),
            common_name: name.into(),
            issuer: "CN=CA, C=VN".into(),
            issuer_name: "CA".into(),
            not_before: day(2024, 1, 1),
            not_after: day(2026, 12, 31),
            fingerprint: "AB:CD".into(),
            self_signed: false,
            algorithm: "RSA-2048".into(),
            chain: 1,
            imported: true,
        }
    }

    #[test]
    fn importing_a_p12_asks_for_the_password_and_keeps_the_dialog_on_a_refusal() {
        let mut s = State::default();
        // Without a chosen file, typing or confirming does nothing.
        assert_eq!(s.event(Message::P12Password("x".into())), None);
        assert_eq!(s.event(Message::ConfirmP12), None);
        let file = PathBuf::from("/tmp/don-vi.p12");
        let _ = s.update(Message::Chosen(Pick::P12, vec![file.clone()]), Lang::Vi);
        assert!(s.dialog(Lang::Vi).is_some(), "the password dialog shows");
        s.event(Message::P12Password("Mật khẩu".into()));
        assert_eq!(s.event(Message::ConfirmP12), Some(Event::Run(Work::ImportP12 { file: file.clone(), password: "Mật khẩu".into() })));
        assert!(s.p12.as_ref().unwrap().busy);
        // A second Enter while it runs starts nothing.
        assert_eq!(s.event(Message::ConfirmP12), None);

        // Refused: the dialog stays with the reason, the password is cleared for another try.
        s.p12_done(Err("Mật khẩu tệp .p12 không đúng".into()));
        let p = s.p12.clone().unwrap();
        assert_eq!((p.busy, p.password.as_str(), p.error.as_deref()), (false, "", Some("Mật khẩu tệp .p12 không đúng")));
        assert!(s.certificate.is_none());
        s.event(Message::P12Password("đúng".into()));
        assert_eq!(s.p12.as_ref().unwrap().error, None, "typing again clears the error");
        assert_eq!(s.event(Message::ConfirmP12), Some(Event::Run(Work::ImportP12 { file: file.clone(), password: "đúng".into() })));

        // Imported: the dialog closes and the new certificate is shown.
        s.p12_done(Ok(cert("Xã An Nhơn Tây")));
        assert!(s.p12.is_none());
        assert!(s.dialog(Lang::Vi).is_none());
        assert_eq!(s.certificate.as_ref().map(|c| c.common_name.as_str()), Some("Xã An Nhơn Tây"));

        // Cancel closes the dialog without importing.
        s.p12_chosen(file);
        assert_eq!(s.event(Message::CancelP12), None);
        assert!(s.p12.is_none());
    }
}

/// The drop folder: which one is watched, choose another, stop watching.
fn drop_view(lang: Lang, folder: Option<&Path>) -> Element<'_, Message> {
    let dir = folder.map(|d| d.display().to_string()).unwrap_or_else(|| t(lang, "ui-drop-settings-none"));
    let mut buttons = row![button(text(t(lang, "ui-drop-settings-choose")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(Message::DropChoose)].spacing(style::S8);
    if folder.is_some() {
        buttons = buttons.push(button(text(t(lang, "ui-drop-settings-forget")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(Message::DropForget));
    }
    column![
        row![text(dir).size(style::BODY).width(Length::Fill), buttons].spacing(style::S12).align_y(Alignment::Center),
        style::muted_text(t(lang, "ui-drop-settings-hint")),
    ]
    .spacing(style::S8)
    .into()
}

/// The second backup place: the folder, when it was last written, the
/// reminder after a week without, and its buttons.
fn place_view(lang: Lang, place: &BackupPlace, busy: bool) -> Element<'_, Message> {
    let label = |id: &str| text(t(lang, id)).size(style::BODY).width(Length::Fixed(220.0));
    let dir = place.dir.as_ref().map(|d| d.display().to_string()).unwrap_or_else(|| t(lang, "ui-settings-place-none"));
    let mut buttons = row![button(text(t(lang, "ui-settings-place-choose")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press_maybe((!busy).then_some(Message::PlaceChoose))]
        .spacing(style::S8);
    if place.dir.is_some() {
        buttons = buttons
            .push(button(text(t(lang, "ui-settings-place-forget")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press_maybe((!busy).then_some(Message::PlaceForget)))
            .push(button(text(t(lang, "ui-settings-place-write")).size(style::BODY)).padding([6, 14]).on_press_maybe((!busy).then_some(Message::PlaceWrite)));
    }
    let mut body = column![
        row![label("ui-settings-place"), text(dir).size(style::BODY).width(Length::Fill), buttons].spacing(style::S12).align_y(Alignment::Center),
        row![
            label("ui-settings-place-last"),
            text(place.written.clone().unwrap_or_else(|| t(lang, "ui-settings-never"))).size(style::BODY).width(Length::Fill),
        ]
        .spacing(style::S12),
    ]
    .spacing(style::S12);
    if place.overdue {
        let days = crate::workspace::BACKUP_PLACE_REMINDER_DAYS;
        body = body.push(style::pill(ta(lang, "ui-settings-place-reminder", &[("days", days.into())]), style::OVERDUE));
    }
    body.push(style::muted_text(t(lang, "ui-settings-place-hint"))).into()
}
