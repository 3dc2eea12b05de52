//! Settings: unit, language (switches at once), theme, data folder, software
//! rendering, backup now / restore.

use std::path::{Path, PathBuf};

use iced::widget::{button, column, row, scrollable, space, text, toggler};
use iced::{Alignment, Element, Length};

use super::{first_run, style, t, ta};
use crate::domain::Plan;
use crate::i18n::Lang;

#[derive(Debug, Clone, Default)]
pub struct State {
    pub changing_unit: bool,
    pub unit_query: String,
    pub unit_choice: Option<String>,
    /// A backup file chosen for restore, waiting for confirmation.
    pub confirm_restore: Option<PathBuf>,
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
    OpenFolder,
    Backup,
    Restore,
    ConfirmRestore,
    CancelRestore,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Lang(Lang),
    Dark(bool),
    Software(bool),
    SetUnit(String),
    OpenFolder,
    Backup,
    /// Ask which backup to restore.
    PickRestore,
    Restore(PathBuf),
}

/// What the settings screen shows about the installation.
pub struct Info<'a> {
    pub plan: &'a Plan,
    pub unit: Option<&'a str>,
    pub lang: Lang,
    pub dark: bool,
    pub software: bool,
    pub data_dir: &'a Path,
    pub last_backup: Option<String>,
    pub busy: bool,
}

impl State {
    pub fn update(&mut self, message: Message) -> Option<Event> {
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
            Message::OpenFolder => Some(Event::OpenFolder),
            Message::Backup => Some(Event::Backup),
            Message::Restore => Some(Event::PickRestore),
            Message::ConfirmRestore => self.confirm_restore.take().map(Event::Restore),
            Message::CancelRestore => {
                self.confirm_restore = None;
                None
            }
        }
    }

    pub fn view<'a>(&'a self, info: Info<'a>) -> Element<'a, Message> {
        let lang = info.lang;
        let label = |id: &str| text(t(lang, id)).size(style::BODY).width(Length::Fixed(220.0));
        let unit_name = info.unit.and_then(|u| info.plan.unit(u)).map(|u| format!("{} ({})", u.name, u.code)).unwrap_or_default();
        let unit_body: Element<'a, Message> = if self.changing_unit {
            column![
                first_run::unit_picker(info.plan, lang, &self.unit_query, self.unit_choice.as_deref(), Message::UnitQuery, Message::PickUnit, 240.0),
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
        ]
        .spacing(style::S12);
        scrollable(
            column![
                style::header(t(lang, "ui-nav-settings"), space().into()),
                style::section(t(lang, "ui-settings-unit-title"), unit_body),
                style::section(t(lang, "ui-settings-display"), display),
                style::section(t(lang, "ui-settings-data"), data),
            ]
            .spacing(style::S12)
            .padding(iced::Padding { right: 14.0, ..iced::Padding::ZERO }),
        )
        .height(Length::Fill)
        .into()
    }

    /// The restore confirmation shown over the page, if any.
    pub fn dialog(&self, lang: Lang) -> Option<Element<'_, Message>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_change_needs_a_choice_and_restore_needs_confirmation() {
        let mut s = State::default();
        s.update(Message::ChangeUnit);
        assert!(s.changing_unit);
        assert_eq!(s.update(Message::ConfirmUnit), None);
        s.update(Message::PickUnit("X-TTCC".into()));
        assert_eq!(s.update(Message::ConfirmUnit), Some(Event::SetUnit("X-TTCC".into())));
        assert!(!s.changing_unit);
        assert_eq!(s.update(Message::Lang(Lang::En)), Some(Event::Lang(Lang::En)));
        assert_eq!(s.update(Message::Restore), Some(Event::PickRestore));
        s.confirm_restore = Some(PathBuf::from("/tmp/b.sqlite3"));
        assert!(s.dialog(Lang::Vi).is_some());
        assert_eq!(s.update(Message::CancelRestore), None);
        assert!(s.dialog(Lang::Vi).is_none());
        s.confirm_restore = Some(PathBuf::from("/tmp/b.sqlite3"));
        assert_eq!(s.update(Message::ConfirmRestore), Some(Event::Restore(PathBuf::from("/tmp/b.sqlite3"))));
    }
}
