//! The drop folder in the window: every few seconds (off the window's
//! thread) the folder chosen in Settings is looked at; new bundles,
//! receipts and feedback packages are verified and listed ("Tìm thấy 3 gói
//! mới") for a person to accept or decline. Nothing is merged or imported
//! before that.

use std::path::PathBuf;

use iced::widget::{button, column, container, row, scrollable, space, text};
use iced::{Alignment, Element, Length, Task};

use super::{App, Message as AppMessage, jobs, saving, style, t, ta};
use crate::bundle::dropbox::Found;
use crate::i18n::Lang;

/// How often the folder is looked at.
pub const EVERY_SECONDS: u64 = 5;

#[derive(Debug, Default)]
pub struct State {
    /// The folder chosen in Settings.
    pub folder: Option<PathBuf>,
    /// What the last look found, not yet accepted or declined.
    pub found: Vec<Found>,
    /// A look is under way.
    pub scanning: bool,
    /// The list is shown.
    pub open: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Open,
    Close,
    Accept(usize),
    Decline(usize),
}

impl State {
    /// The line over the page while packages wait: "Tìm thấy 3 gói mới".
    pub fn banner(&self, lang: Lang) -> Option<Element<'_, Message>> {
        if self.found.is_empty() {
            return None;
        }
        Some(
            container(
                row![
                    text(ta(lang, "ui-drop-found", &[("count", self.found.len().into())])).size(style::BODY).font(style::BOLD),
                    space::horizontal(),
                    button(text(t(lang, "ui-drop-review")).size(style::SMALL)).padding([4, 12]).on_press(Message::Open),
                ]
                .align_y(Alignment::Center),
            )
            .padding([6, 12])
            .width(Length::Fill)
            .style(style::banner(false))
            .into(),
        )
    }

    /// The list of packages found, each with Accept and Decline.
    pub fn dialog(&self, lang: Lang, busy: bool) -> Option<Element<'_, Message>> {
        if !self.open {
            return None;
        }
        let mut list = column![].spacing(style::S8);
        for (i, f) in self.found.iter().enumerate() {
            let what = if f.period.is_empty() {
                format!("{} — {}", t(lang, f.kind.label_id()), f.sender)
            } else {
                ta(lang, "ui-drop-line", &[("kind", t(lang, f.kind.label_id()).into()), ("sender", f.sender.as_str().into()), ("period", f.period.as_str().into()), ("sequence", f.sequence.into())])
            };
            let mut item = column![text(what).size(style::BODY).font(style::BOLD), style::muted_text(f.name())].spacing(2);
            if let Some(p) = &f.problem {
                item = item.push(text(p.clone()).size(style::SMALL).color(style::OVERDUE));
            }
            list = list.push(
                row![
                    item.width(Length::Fill),
                    button(text(t(lang, "ui-drop-decline")).size(style::SMALL)).padding([4, 10]).style(button::secondary).on_press_maybe((!busy).then_some(Message::Decline(i))),
                    button(text(t(lang, "ui-drop-accept")).size(style::SMALL)).padding([4, 10]).on_press_maybe((!busy).then_some(Message::Accept(i))),
                ]
                .spacing(style::S8)
                .align_y(Alignment::Center),
            );
        }
        if self.found.is_empty() {
            list = list.push(style::muted_text(t(lang, "ui-drop-none")));
        }
        Some(
            column![
                text(t(lang, "ui-drop-title")).size(style::TITLE).font(style::BOLD),
                style::muted_text(self.folder.as_ref().map(|d| d.display().to_string()).unwrap_or_default()),
                scrollable(list).height(Length::Shrink),
                row![space::horizontal(), button(text(t(lang, "ui-drop-close")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(Message::Close)],
            ]
            .spacing(style::S12)
            .into(),
        )
    }
}

impl App {
    /// Reads the drop folder setting (at start and after Settings changes it).
    pub(super) fn read_drop_folder(&mut self) {
        self.drops.folder = self.ws.drop_folder().ok().flatten();
        if self.drops.folder.is_none() {
            self.drops.found.clear();
        }
    }

    /// The subscription's tick: look at the folder, off the window's thread.
    pub(super) fn drop_tick(&mut self) -> Task<AppMessage> {
        let (Some(dir), false) = (self.drops.folder.clone(), self.drops.scanning) else { return Task::none() };
        // Not while a job runs: a package being accepted is not offered twice.
        if self.ws.unit.is_none() || self.job.is_some() {
            return Task::none();
        }
        let lang = self.lang;
        let Some(db) = self.ws.db_path().map(PathBuf::from) else {
            // An in-memory workspace (tests): the look only reads.
            let found = self.ws.scan_drop_folder(&dir, lang).map_err(|e| e.message_in(lang));
            return Task::done(AppMessage::DropScanned(found));
        };
        self.drops.scanning = true;
        let today = self.ws.today;
        Task::perform(
            async move {
                let (tx, rx) = iced::futures::channel::oneshot::channel();
                std::thread::spawn(move || {
                    let r = jobs::workspace_on(&db, today).and_then(|ws| ws.scan_drop_folder(&dir, lang)).map_err(|e| e.message_in(lang));
                    let _ = tx.send(r);
                });
                rx.await.unwrap_or_else(|_| Err(t(lang, "ui-job-crashed")))
            },
            AppMessage::DropScanned,
        )
    }

    pub(super) fn drop_scanned(&mut self, r: std::result::Result<Vec<Found>, String>) -> Task<AppMessage> {
        self.drops.scanning = false;
        match r {
            Ok(found) => {
                if found.is_empty() {
                    self.drops.open = false;
                }
                self.drops.found = found;
            }
            // An unplugged USB stick or an unreachable share: quiet; the next look tries again.
            Err(_) => self.drops.found.clear(),
        }
        Task::none()
    }

    pub(super) fn drop_message(&mut self, m: Message) -> Task<AppMessage> {
        match m {
            Message::Open => self.drops.open = true,
            Message::Close => self.drops.open = false,
            Message::Accept(i) => {
                let (Some(f), Some(db)) = (self.drops.found.get(i).cloned(), self.db_path()) else { return Task::none() };
                let (lang, today) = (self.lang, self.ws.today);
                let passphrase = self.ws.passphrase.clone();
                let label = ta(lang, "ui-drop-accepting", &[("name", f.name().into())]);
                self.drops.found.remove(i);
                return self.start_job(label, 0, move |_| jobs::accept_found(db, today, lang, f, passphrase));
            }
            Message::Decline(i) => {
                if i < self.drops.found.len() {
                    let f = self.drops.found.remove(i);
                    return self.save(saving::Write::DropDecline { file_sha: f.file_sha.clone(), name: f.name() });
                }
            }
        }
        if self.drops.found.is_empty() {
            self.drops.open = false;
        }
        Task::none()
    }
}
