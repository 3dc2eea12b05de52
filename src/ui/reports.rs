//! Reports and sending ("Báo cáo & gửi"), the unit's side: print the
//! checklist or the progress report of a quarter, export the calendar, and
//! export the signed bundle sent to the district, with this unit's key.

use std::path::PathBuf;

use iced::widget::{button, column, container, row, scrollable, space, text};
use iced::{Alignment, Element, Length};

use super::jobs::Exported;
use super::{format_stamp, quarter_label, style, t, ta};
use crate::domain::Period;
use crate::i18n::Lang;
use crate::store::bundles::ExportRecord;

#[derive(Debug, Clone)]
pub struct State {
    pub year: i32,
    pub quarter: u32,
    /// This unit's key fingerprint (none while it cannot be read).
    pub fingerprint: Option<String>,
    /// This unit's earlier exports, newest first.
    pub exports: Vec<ExportRecord>,
    /// The bundle exported last in this session.
    pub last: Option<Exported>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Quarter(u32),
    Checklist,
    Report,
    Calendar,
    ExportBundle,
    OpenFolder,
    KeyCard,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Checklist(Period),
    Report(Period),
    /// Ask where to save the calendar, then write it.
    Calendar,
    /// Ask where to save the bundle of the period, then export it.
    ExportBundle(Period),
    OpenFolder(PathBuf),
    /// Ask where to save the public key card, then write it.
    KeyCard,
}

impl State {
    pub fn new(year: i32, quarter: u32) -> State {
        State { year, quarter, fingerprint: None, exports: vec![], last: None }
    }

    pub fn period(&self) -> Period {
        Period::quarter(self.year, self.quarter)
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Quarter(q) => {
                self.quarter = q.clamp(1, 4);
                None
            }
            Message::Checklist => Some(Event::Checklist(self.period())),
            Message::Report => Some(Event::Report(self.period())),
            Message::Calendar => Some(Event::Calendar),
            Message::ExportBundle => Some(Event::ExportBundle(self.period())),
            Message::OpenFolder => {
                let dir = self.last.as_ref()?.path.parent()?.to_owned();
                Some(Event::OpenFolder(dir))
            }
            Message::KeyCard => Some(Event::KeyCard),
        }
    }

    pub fn view(&self, lang: Lang, busy: bool) -> Element<'_, Message> {
        let act = |m: Message| (!busy).then_some(m);
        let quarters = super::quarter_chips(lang, self.year, self.quarter, Message::Quarter);
        let period = quarter_label(lang, self.quarter, self.year);
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
            row![button(text(t(lang, "ui-rep-bundle")).size(style::BODY)).padding([8, 16]).on_press_maybe(act(Message::ExportBundle))],
        ]
        .spacing(style::S12);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_ask_for_the_chosen_quarter_and_the_folder_needs_an_export() {
        let mut s = State::new(2023, 4);
        assert_eq!(s.update(Message::Quarter(2)), None);
        assert_eq!(s.update(Message::Checklist), Some(Event::Checklist(Period::quarter(2023, 2))));
        assert_eq!(s.update(Message::Report), Some(Event::Report(Period::quarter(2023, 2))));
        assert_eq!(s.update(Message::ExportBundle), Some(Event::ExportBundle(Period::quarter(2023, 2))));
        assert_eq!(s.update(Message::Quarter(9)), None);
        assert_eq!(s.quarter, 4);
        assert_eq!(s.update(Message::OpenFolder), None, "nothing exported yet");
        s.last = Some(Exported {
            path: PathBuf::from("/tmp/out/X-ANT-2023Q4-lan-1.zip"),
            period: "2023Q4".into(),
            sequence: 1,
            files: 3,
            fingerprint: "AAAA-BBBB-CCCC-DDDD".into(),
        });
        assert_eq!(s.update(Message::OpenFolder), Some(Event::OpenFolder(PathBuf::from("/tmp/out"))));
        assert_eq!(period_label(Lang::Vi, Period::year(2023)), "Cả năm 2023");
    }
}
