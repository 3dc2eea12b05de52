//! Reports and sending ("Báo cáo & gửi"), the unit's side: print the
//! checklist or the progress report of a quarter, export the calendar, and
//! export the signed bundle sent to the district, with this unit's key.

use std::path::PathBuf;

use iced::widget::{button, checkbox, column, container, radio, row, scrollable, space, text, text_input};
use iced::{Alignment, Element, Length, Task};

use super::dialog::Dialog;
use super::jobs::{Document, Exported, Work};
use super::saving::Write;
use super::{Quarters, format_stamp, quarter_label, style, t, ta};
use crate::bundle::ExportOptions;
use crate::domain::Period;
use crate::i18n::Lang;
use crate::bundle::dropbox::PackageKind;
use crate::store::bundles::ExportRecord;
use crate::workspace::Workspace;

#[derive(Debug, Clone)]
pub struct State {
    pub quarters: Quarters,
    /// This unit's key fingerprint (none while it cannot be read).
    pub fingerprint: Option<String>,
    /// This unit's earlier exports, newest first.
    pub exports: Vec<ExportRecord>,
    /// The bundle exported last in this session.
    pub last: Option<Exported>,
    /// The signing key is sealed with a passphrase.
    pub protected: bool,
    /// The passphrase was given in this session.
    pub unlocked: bool,
    /// What is typed in the passphrase fields.
    pub passphrase: String,
    pub new_passphrase: String,
    pub repeat_passphrase: String,
    /// The form to set or change the passphrase is open.
    pub changing: bool,
    /// What the parent office's newest receipt says, per quarter of the year
    /// ("Cấp trên đã nhận lần 2 lúc 09:14 ngày 05/04/2023").
    pub receipts: std::collections::BTreeMap<u32, String>,
    /// Send every document, even those the parent office holds.
    pub full: bool,
    /// How the bundle is split for e-mail.
    pub split: Split,
    /// The part size typed for [`Split::Custom`], in MB.
    pub custom_mb: String,
}

/// The split offered for e-mail: none, a usual attachment limit, or a size typed in MB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    None,
    Mb(u32),
    Custom,
}

/// The attachment limits offered (MB).
pub const SPLIT_SIZES: [u32; 3] = [10, 20, 25];

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Quarter(u32),
    Checklist,
    Report,
    Calendar,
    ExportBundle,
    OpenFolder,
    KeyCard,
    Passphrase(String),
    Unlock,
    Lock,
    ChangePassphrase,
    NewPassphrase(String),
    RepeatPassphrase(String),
    SavePassphrase,
    CancelPassphrase,
    RemovePassphrase,
    ImportReceipt,
    ImportFeedback,
    Full(bool),
    Split(Split),
    CustomMb(String),
    /// The paths chosen in a file dialog (none when it was closed).
    Chosen(Pick, Vec<PathBuf>),
}

/// What the reports screen asks the window for.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// Run this on the job worker (a document, the calendar, the bundle, the key).
    Run(Work),
    /// Store this (a receipt from the parent office).
    Save(Write),
    OpenFolder(PathBuf),
    /// Forget the passphrase given in this session.
    Lock,
    /// Something could not be prepared: the notice to show.
    Failed(String),
}

/// What a file dialog of this screen was opened for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// Where to save the calendar (.ics).
    Calendar,
    /// Where to save the bundle of the period.
    Bundle(Period),
    /// Where to save this unit's public key card.
    KeyCard,
    /// A receipt from the parent office.
    Receipt,
    /// A feedback package from the parent office.
    Feedback,
}

impl State {
    pub fn new(year: i32, quarter: u32) -> State {
        State {
            quarters: Quarters::new(year, quarter),
            fingerprint: None,
            exports: vec![],
            last: None,
            protected: false,
            unlocked: false,
            passphrase: String::new(),
            new_passphrase: String::new(),
            repeat_passphrase: String::new(),
            changing: false,
            receipts: Default::default(),
            full: false,
            split: Split::None,
            custom_mb: String::new(),
        }
    }

    /// The export options chosen; none while a custom size is not a number of MB.
    pub fn export_options(&self) -> Option<ExportOptions> {
        let max_part_size = match self.split {
            Split::None => None,
            Split::Mb(mb) => Some(mb as u64 * 1_000_000),
            Split::Custom => {
                let mb: f64 = self.custom_mb.trim().replace(',', ".").parse().ok()?;
                let bytes = mb * 1e6;
                if !bytes.is_finite() || bytes < crate::bundle::MIN_PART_SIZE as f64 || bytes > 1e12 {
                    return None;
                }
                Some(bytes as u64)
            }
        };
        Some(ExportOptions { full: self.full, max_part_size })
    }

    /// Handles a message: the dialog it opens, or what the window must do.
    /// The file names offered are read from `ws` (the unit, the year, the
    /// bundle's sequence number).
    pub fn update(&mut self, message: Message, ws: &Workspace, lang: Lang) -> (Task<Message>, Option<Event>) {
        let ask = |dialog: Dialog, pick: Pick| (dialog.ask(move |paths| Message::Chosen(pick, paths)), None);
        let unit = ws.unit.clone().unwrap_or_default();
        match message {
            Message::Calendar => ask(Dialog::save(t(lang, "ui-rep-calendar"), format!("lich-{unit}-{}.ics", ws.plan.year)).filter("iCalendar", &["ics"]), Pick::Calendar),
            Message::ExportBundle if self.export_options().is_some() => {
                let period = self.quarters.period();
                match bundle_file_name(ws, lang, period) {
                    Ok(name) => ask(Dialog::save(t(lang, "ui-rep-bundle"), name).filter("Zip", &["zip"]), Pick::Bundle(period)),
                    Err(e) => (Task::none(), Some(Event::Failed(e.message_in(lang)))),
                }
            }
            Message::KeyCard => ask(Dialog::save(t(lang, "ui-rep-key-card"), format!("khoa-{unit}.pub")).filter("minisign", &["pub"]), Pick::KeyCard),
            Message::ImportReceipt => ask(Dialog::open(t(lang, "ui-receipt-import")).filter("Zip", &["zip"]), Pick::Receipt),
            Message::ImportFeedback => ask(Dialog::open(t(lang, "ui-feedback-import")).filter("Zip", &["zip"]), Pick::Feedback),
            Message::Chosen(pick, paths) => (Task::none(), paths.into_iter().next().and_then(|path| self.chosen(pick, path))),
            m => (Task::none(), self.event(m)),
        }
    }

    /// What a path chosen in a dialog asks for.
    fn chosen(&self, pick: Pick, file: PathBuf) -> Option<Event> {
        Some(match pick {
            Pick::Calendar => Event::Run(Work::Calendar(file)),
            Pick::Bundle(period) => Event::Run(Work::Bundle { period, file, options: self.export_options()? }),
            Pick::KeyCard => Event::Run(Work::KeyCard(file)),
            Pick::Receipt => Event::Save(Write::Receipt(file)),
            Pick::Feedback => Event::Run(Work::TakePackage(file, PackageKind::Feedback)),
        })
    }

    /// What a message changes here, and what the window must do.
    fn event(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Quarter(q) => {
                self.quarters.pick(q);
                None
            }
            Message::Checklist => Some(Event::Run(Work::Document(Document::Checklist, self.quarters.period()))),
            Message::Report => Some(Event::Run(Work::Document(Document::Report, self.quarters.period()))),
            // Handled by `update` (a dialog).
            Message::Calendar | Message::ExportBundle | Message::KeyCard | Message::ImportReceipt | Message::ImportFeedback | Message::Chosen(..) => None,
            Message::Full(on) => {
                self.full = on;
                None
            }
            Message::Split(split) => {
                self.split = split;
                None
            }
            Message::CustomMb(mb) => {
                self.custom_mb = mb;
                None
            }
            Message::OpenFolder => {
                let dir = self.last.as_ref()?.path.parent()?.to_owned();
                Some(Event::OpenFolder(dir))
            }
            Message::Passphrase(p) => {
                self.passphrase = p;
                None
            }
            Message::Unlock => (!self.passphrase.is_empty()).then(|| Event::Run(Work::Unlock(std::mem::take(&mut self.passphrase).into()))),
            Message::Lock => Some(Event::Lock),
            Message::ChangePassphrase => {
                self.changing = true;
                None
            }
            Message::NewPassphrase(p) => {
                self.new_passphrase = p;
                None
            }
            Message::RepeatPassphrase(p) => {
                self.repeat_passphrase = p;
                None
            }
            Message::CancelPassphrase => {
                self.close_passphrase_form();
                None
            }
            Message::SavePassphrase => {
                if self.new_passphrase.is_empty() || self.new_passphrase != self.repeat_passphrase {
                    return None;
                }
                let new = std::mem::take(&mut self.new_passphrase);
                self.close_passphrase_form();
                Some(Event::Run(Work::Protect(Some(new.into()))))
            }
            Message::RemovePassphrase => Some(Event::Run(Work::Protect(None))),
        }
    }

    fn close_passphrase_form(&mut self) {
        self.changing = false;
        self.new_passphrase.clear();
        self.repeat_passphrase.clear();
    }

    /// Signing needs the passphrase first.
    pub fn locked(&self) -> bool {
        self.protected && !self.unlocked
    }

    /// The passphrase rows of the key section.
    fn passphrase_view(&self, lang: Lang, busy: bool) -> Element<'_, Message> {
        let act = |m: Message| (!busy).then_some(m);
        let small = |key: &str, m: Option<Message>| button(text(t(lang, key)).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press_maybe(m);
        if self.changing {
            let mismatch = !self.repeat_passphrase.is_empty() && self.repeat_passphrase != self.new_passphrase;
            let ready = !self.new_passphrase.is_empty() && self.new_passphrase == self.repeat_passphrase;
            let mut form = column![
                row![
                    text_input(&t(lang, "ui-rep-pass-new"), &self.new_passphrase).secure(true).on_input(Message::NewPassphrase).padding(6).width(Length::Fixed(240.0)),
                    text_input(&t(lang, "ui-rep-pass-repeat"), &self.repeat_passphrase)
                        .secure(true)
                        .on_input(Message::RepeatPassphrase)
                        .on_submit_maybe(ready.then_some(Message::SavePassphrase))
                        .padding(6)
                        .width(Length::Fixed(240.0)),
                    button(text(t(lang, "ui-rep-pass-save")).size(style::BODY)).padding([6, 14]).on_press_maybe(if ready { act(Message::SavePassphrase) } else { None }),
                    small("ui-rep-pass-cancel", Some(Message::CancelPassphrase)),
                ]
                .spacing(style::S8)
                .align_y(Alignment::Center),
                style::muted_text(t(lang, "ui-rep-pass-warning")),
            ]
            .spacing(style::S8);
            if mismatch {
                form = form.push(text(t(lang, "err-passphrase-mismatch")).size(style::SMALL).color(style::OVERDUE));
            }
            return form.into();
        }
        if self.locked() {
            return column![
                row![
                    text_input(&t(lang, "ui-rep-pass-enter"), &self.passphrase)
                        .secure(true)
                        .on_input(Message::Passphrase)
                        .on_submit(Message::Unlock)
                        .padding(6)
                        .width(Length::Fixed(280.0)),
                    button(text(t(lang, "ui-rep-pass-unlock")).size(style::BODY)).padding([6, 14]).on_press_maybe(if self.passphrase.is_empty() { None } else { act(Message::Unlock) }),
                ]
                .spacing(style::S8)
                .align_y(Alignment::Center),
                style::muted_text(t(lang, "ui-rep-pass-locked-hint")),
            ]
            .spacing(style::S8)
            .into();
        }
        let (state, buttons) = if self.protected {
            (t(lang, "ui-rep-pass-unlocked"), row![small("ui-rep-pass-lock", act(Message::Lock)), small("ui-rep-pass-change", act(Message::ChangePassphrase)), small("ui-rep-pass-remove", act(Message::RemovePassphrase))])
        } else {
            (t(lang, "ui-rep-pass-none"), row![small("ui-rep-pass-set", act(Message::ChangePassphrase))])
        };
        row![style::muted_text(state), space::horizontal(), buttons.spacing(style::S8)].spacing(style::S12).align_y(Alignment::Center).into()
    }

    /// "Gửi đầy đủ tài liệu" and the split for e-mail.
    fn options_view(&self, lang: Lang) -> Element<'_, Message> {
        let mut splits = row![text(t(lang, "ui-rep-split")).size(style::BODY)].spacing(style::S12).align_y(Alignment::Center);
        let choice = |label: String, value: Split| radio(label, value, Some(self.split), Message::Split).size(16).text_size(style::BODY);
        splits = splits.push(choice(t(lang, "ui-rep-split-none"), Split::None));
        for mb in SPLIT_SIZES {
            splits = splits.push(choice(ta(lang, "ui-rep-split-mb", &[("size", mb.to_string().into())]), Split::Mb(mb)));
        }
        splits = splits.push(choice(t(lang, "ui-rep-split-custom"), Split::Custom));
        if self.split == Split::Custom {
            splits = splits.push(text_input(&t(lang, "ui-rep-split-custom-mb"), &self.custom_mb).on_input(Message::CustomMb).padding(4).width(Length::Fixed(140.0)));
        }
        let mut col = column![
            checkbox(self.full).label(t(lang, "ui-rep-full")).on_toggle(Message::Full).size(16).text_size(style::BODY),
            style::muted_text(t(lang, "ui-rep-full-hint")),
            splits,
        ]
        .spacing(style::S8);
        if self.split == Split::Custom && self.export_options().is_none() && !self.custom_mb.trim().is_empty() {
            col = col.push(text(t(lang, "ui-rep-split-bad")).size(style::SMALL).color(style::OVERDUE));
        }
        col.into()
    }

    pub fn view(&self, lang: Lang, busy: bool) -> Element<'_, Message> {
        let act = |m: Message| (!busy).then_some(m);
        let quarters = self.quarters.chips(lang, Message::Quarter);
        let period = self.quarters.label(lang);
        let doc = |title: &str, hint: String, label: &str, m: Message| -> Element<'_, Message> {
            container(
                column![
                    text(t(lang, title)).size(style::BODY).font(style::BOLD),
                    style::muted_text(hint).height(Length::Fill),
                    button(text(t(lang, label)).size(style::BODY)).padding([6, 14]).on_press_maybe(act(m)),
                ]
                .spacing(style::S8),
            )
            .padding(style::S12)
            .width(Length::FillPortion(1))
            .height(Length::Fixed(150.0))
            .style(|th| container::Style { border: iced::Border { color: style::line(th), width: 1.0, radius: 6.0.into() }, ..Default::default() })
            .into()
        };
        let documents = row![
            doc("ui-rep-checklist-title", ta(lang, "ui-rep-checklist-hint", &[("period", period.clone().into())]), "ui-rep-checklist", Message::Checklist),
            doc("ui-rep-report-title", ta(lang, "ui-rep-report-hint", &[("period", period.clone().into())]), "ui-rep-report", Message::Report),
            doc("ui-rep-calendar-title", t(lang, "ui-rep-calendar-hint"), "ui-rep-calendar", Message::Calendar),
        ]
        .spacing(style::S12);

        let mut send = column![
            style::muted_text(ta(lang, "ui-rep-bundle-hint", &[("period", period.clone().into())])),
            self.options_view(lang),
            row![button(text(t(lang, "ui-rep-bundle")).size(style::BODY)).padding([8, 16]).on_press_maybe(if self.locked() || self.export_options().is_none() { None } else { act(Message::ExportBundle) })],
        ]
        .spacing(style::S12);
        let receipt: Element<'_, Message> = match self.receipts.get(&self.quarters.quarter) {
            Some(line) => text(line.clone()).size(style::BODY).font(style::BOLD).color(style::DONE).into(),
            None => style::muted_text(t(lang, "ui-receipt-none-period")).into(),
        };
        send = send.push(
            row![
                receipt,
                space::horizontal(),
                button(text(t(lang, "ui-receipt-import")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press_maybe(act(Message::ImportReceipt)),
                button(text(t(lang, "ui-feedback-import")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press_maybe(act(Message::ImportFeedback)),
            ]
                .spacing(style::S12)
                .align_y(Alignment::Center),
        );
        if self.locked() {
            send = send.push(text(t(lang, "ui-rep-bundle-locked")).size(style::SMALL).color(style::DUE_SOON));
        }
        if let Some(e) = &self.last {
            let line = |label: &str, value: String| {
                row![text(t(lang, label)).size(style::BODY).width(Length::Fixed(150.0)), text(value).size(style::BODY).font(style::BOLD)].spacing(style::S8)
            };
            let done = column![
                text(t(lang, "ui-rep-bundle-done")).size(style::BODY).font(style::BOLD).color(style::DONE),
                line("ui-rep-bundle-file", e.path.display().to_string()),
                line("ui-rep-bundle-period", Period::parse(&e.period).map(|p| period_label(lang, p)).unwrap_or_else(|_| e.period.clone())),
                line("ui-rep-bundle-sequence", e.sequence.to_string()),
                line("ui-rep-bundle-files", e.files.to_string()),
                line("ui-rep-bundle-referenced", e.referenced.to_string()),
                line("ui-rep-bundle-bytes", crate::i18n::format_size(lang, e.bytes)),
                line("ui-rep-bundle-parts", e.parts.to_string()),
                line("ui-rep-key-fingerprint", e.fingerprint.clone()),
                row![button(text(t(lang, "ui-rep-open-folder")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(Message::OpenFolder)],
            ]
            .spacing(6);
            send = send.push(container(done).padding(style::S12).width(Length::Fill).style(style::banner(false)));
        }

        let key = column![
            row![
                text(t(lang, "ui-rep-key-fingerprint")).size(style::BODY).width(Length::Fixed(150.0)),
                text(self.fingerprint.clone().unwrap_or_else(|| "—".into())).size(style::TITLE).font(style::BOLD),
                space::horizontal(),
                button(text(t(lang, "ui-rep-key-card")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press_maybe(act(Message::KeyCard)),
            ]
            .spacing(style::S12)
            .align_y(Alignment::Center),
            style::muted_text(t(lang, "ui-rep-key-hint")),
            self.passphrase_view(lang, busy),
        ]
        .spacing(style::S8);

        let mut history = column![].spacing(4);
        if self.exports.is_empty() {
            history = history.push(style::muted_text(t(lang, "ui-rep-history-none")));
        }
        for x in &self.exports {
            history = history.push(
                row![
                    text(Period::parse(&x.period).map(|p| period_label(lang, p)).unwrap_or_else(|_| x.period.clone())).size(style::BODY).width(Length::Fixed(160.0)),
                    text(ta(lang, "ui-rep-history-sequence", &[("sequence", x.sequence.to_string().into())])).size(style::BODY).width(Length::Fixed(90.0)),
                    style::muted_text(format_stamp(&x.created_at)),
                ]
                .spacing(style::S12),
            );
        }

        scrollable(
            column![
                style::header(t(lang, "ui-nav-reports"), quarters.into()),
                style::section(t(lang, "ui-rep-documents"), documents),
                style::section(t(lang, "ui-rep-send"), send),
                style::section(t(lang, "ui-rep-key"), key),
                style::section(t(lang, "ui-rep-history"), history),
            ]
            .spacing(style::S12)
            .padding(iced::Padding { right: 14.0, ..iced::Padding::ZERO }),
        )
        .height(Length::Fill)
        .into()
    }
}

/// "Quý III/2023" for a quarter, "Cả năm 2023" for a year.
pub fn period_label(lang: Lang, p: Period) -> String {
    match p.quarter {
        Some(q) => quarter_label(lang, q, p.year),
        None => ta(lang, "ui-dash-year", &[("year", p.year.to_string().into())]),
    }
}

/// The name offered for the unit's next bundle of `period`: "X-ANT-2023Q1-lan-2.zip".
pub fn bundle_file_name(ws: &Workspace, lang: Lang, period: Period) -> crate::error::Result<String> {
    let unit = ws.require_unit()?;
    let sequence = ws.next_export_sequence(unit, period)?;
    Ok(ta(lang, "ui-rep-bundle-file-name", &[("unit", unit.into()), ("period", period.to_string().into()), ("sequence", sequence.to_string().into())]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_ask_for_the_chosen_quarter_and_the_folder_needs_an_export() {
        let mut s = State::new(2023, 4);
        assert_eq!(s.event(Message::Quarter(2)), None);
        assert_eq!(s.event(Message::Checklist), Some(Event::Run(Work::Document(Document::Checklist, Period::quarter(2023, 2)))));
        assert_eq!(s.event(Message::Report), Some(Event::Run(Work::Document(Document::Report, Period::quarter(2023, 2)))));
        assert_eq!(
            s.chosen(Pick::Bundle(s.quarters.period()), PathBuf::from("/tmp/b.zip")),
            Some(Event::Run(Work::Bundle { period: Period::quarter(2023, 2), file: PathBuf::from("/tmp/b.zip"), options: ExportOptions::default() }))
        );
        assert_eq!(s.event(Message::Quarter(9)), None);
        assert_eq!(s.quarters.quarter, 4);
        assert_eq!(s.event(Message::OpenFolder), None, "nothing exported yet");
        s.last = Some(Exported {
            path: PathBuf::from("/tmp/out/X-ANT-2023Q4-lan-1.zip"),
            period: "2023Q4".into(),
            sequence: 1,
            files: 3,
            fingerprint: "AAAA-BBBB-CCCC-DDDD".into(),
            warning: None,
            parts: 1,
            referenced: 0,
            bytes: 1000,
        });
        assert_eq!(s.event(Message::OpenFolder), Some(Event::OpenFolder(PathBuf::from("/tmp/out"))));
        assert_eq!(period_label(Lang::Vi, Period::year(2023)), "Cả năm 2023");
    }

    #[test]
    fn the_export_options_follow_the_choices_and_a_bad_custom_size_stops_the_export() {
        let mut s = State::new(2023, 1);
        assert_eq!(s.export_options(), Some(ExportOptions { full: false, max_part_size: None }));
        s.event(Message::Full(true));
        s.event(Message::Split(Split::Mb(20)));
        assert_eq!(s.export_options(), Some(ExportOptions { full: true, max_part_size: Some(20_000_000) }));
        s.event(Message::Split(Split::Custom));
        s.event(Message::CustomMb("7,5".into()));
        assert_eq!(s.export_options().unwrap().max_part_size, Some(7_500_000));
        s.event(Message::CustomMb("mười".into()));
        assert_eq!(s.export_options(), None);
        assert_eq!(s.chosen(Pick::Bundle(s.quarters.period()), PathBuf::from("/tmp/b.zip")), None, "no export with a size that is not one");
        s.event(Message::CustomMb("0,01".into()));
        assert_eq!(s.export_options(), None, "below the smallest part");
    }

    #[test]
    fn the_passphrase_form_saves_only_matching_entries_and_forgets_them() {
        let mut s = State::new(2023, 1);
        assert_eq!(s.event(Message::Unlock), None, "nothing typed");
        s.event(Message::ChangePassphrase);
        assert!(s.changing);
        s.event(Message::NewPassphrase("mật khẩu mới 1".into()));
        s.event(Message::RepeatPassphrase("mật khẩu mới 2".into()));
        assert_eq!(s.event(Message::SavePassphrase), None);
        s.event(Message::RepeatPassphrase("mật khẩu mới 1".into()));
        assert_eq!(s.event(Message::SavePassphrase), Some(Event::Run(Work::Protect(Some("mật khẩu mới 1".into())))));
        assert!(!s.changing && s.new_passphrase.is_empty() && s.repeat_passphrase.is_empty());
        s.event(Message::ChangePassphrase);
        s.event(Message::NewPassphrase("x".into()));
        s.event(Message::CancelPassphrase);
        assert!(!s.changing && s.new_passphrase.is_empty());
        assert_eq!(s.event(Message::RemovePassphrase), Some(Event::Run(Work::Protect(None))));
        s.protected = true;
        assert!(s.locked());
        s.event(Message::Passphrase("đúng mật khẩu".into()));
        assert_eq!(s.event(Message::Unlock), Some(Event::Run(Work::Unlock("đúng mật khẩu".into()))));
        assert!(s.passphrase.is_empty(), "the typed passphrase leaves the field");
    }
}
