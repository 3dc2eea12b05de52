//! Task detail: what the task is, its deadline as written and as parsed; the
//! unit's status, progress, note and milestones; the change history; the
//! evidence list with add (dialog or drop), open and remove.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use iced::widget::{button, column, container, pick_list, row, scrollable, slider, space, text, text_input};
use iced::{Alignment, Element, Length};

use super::dialog::Dialog;
use super::{style, t, ta};
use crate::domain::{Plan, Status, Task};
use crate::evidence::{DocType, Evidence, EvidenceMeta};
use crate::i18n::{Lang, format_date, format_size};
use crate::progress::{Change, HistoryEntry, TaskState};

pub const NOTE_ID: &str = "task-note";

#[derive(Debug, Clone)]
pub struct State {
    pub code: String,
    pub state: TaskState,
    pub history: Vec<HistoryEntry>,
    pub evidence: Vec<Evidence>,
    pub progress: u8,
    pub note: String,
    /// "Done on" text per milestone due date.
    pub done_on: BTreeMap<NaiveDate, String>,
    pub doc_type: DocType,
    pub doc_number: String,
    pub doc_date: String,
    /// The attachment waiting for the clerk's confirmation to be removed.
    pub confirm_remove: Option<i64>,
    /// The attachment whose details are being corrected, with the typed values.
    pub editing: Option<EvidenceEdit>,
    pub error: Option<String>,
    /// The requests of the office above about this task.
    pub requests: Vec<crate::bundle::feedback::RequestState>,
}

/// The details of one attachment being corrected in place.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceEdit {
    pub id: i64,
    pub doc_type: DocType,
    pub doc_number: String,
    pub doc_date: String,
    /// The date typed is not a date.
    pub bad_date: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Back,
    Status(Status),
    Progress(u8),
    SaveProgress,
    Note(String),
    SaveNote,
    DoneOn(NaiveDate, String),
    MarkDone(NaiveDate),
    Unmark(NaiveDate),
    DocType(DocChoice),
    DocNumber(String),
    DocDate(String),
    AddFile,
    /// The files chosen in the "attach" dialog (none when it was closed).
    FilesChosen(Vec<PathBuf>),
    OpenEvidence(i64),
    AskRemove(i64),
    ConfirmRemove,
    CancelRemove,
    Edit(i64),
    EditType(DocChoice),
    EditNumber(String),
    EditDate(String),
    SaveEdit,
    CancelEdit,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Back,
    /// Apply this change to the task instance.
    Change(Change),
    /// Attach these files with what the form says of them.
    Attach(Vec<PathBuf>),
    OpenEvidence(i64),
    RemoveEvidence(i64),
    /// Store these corrected details of an attachment.
    UpdateEvidence(i64, EvidenceMeta),
}

/// A document type with its label, for the pick list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocChoice(pub DocType, pub String);

impl std::fmt::Display for DocChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

use crate::i18n::parse_date;

impl State {
    pub fn new(code: &str, state: TaskState, history: Vec<HistoryEntry>, evidence: Vec<Evidence>, today: NaiveDate) -> State {
        let mut s = State {
            code: code.to_owned(),
            progress: state.progress,
            note: state.note.clone(),
            state,
            history,
            evidence,
            done_on: BTreeMap::new(),
            doc_type: DocType::Report,
            doc_number: String::new(),
            doc_date: format_date(today),
            confirm_remove: None,
            editing: None,
            error: None,
            requests: vec![],
        };
        s.reset_done_on(today);
        s
    }

    /// After a reload from the store: keep what is being typed in the evidence form.
    pub fn refresh(&mut self, state: TaskState, history: Vec<HistoryEntry>, evidence: Vec<Evidence>, today: NaiveDate) {
        self.progress = state.progress;
        self.note = state.note.clone();
        self.state = state;
        self.history = history;
        self.evidence = evidence;
        self.reset_done_on(today);
        self.error = None;
    }

    fn reset_done_on(&mut self, today: NaiveDate) {
        self.done_on.clear();
        for (due, on) in &self.state.milestones_done {
            self.done_on.insert(*due, format_date(*on));
        }
        let _ = today;
    }

    pub fn meta(&self) -> Result<EvidenceMeta, String> {
        let doc_date = if self.doc_date.trim().is_empty() {
            None
        } else {
            Some(parse_date(&self.doc_date).ok_or_else(|| self.doc_date.clone())?)
        };
        Ok(EvidenceMeta {
            doc_type: self.doc_type,
            doc_number: self.doc_number.trim().to_owned(),
            doc_date,
            description: String::new(),
            milestone: None,
        })
    }

    /// Handles a message: the dialog it opens, or what the window must do.
    pub fn update(&mut self, message: Message, lang: Lang, today: NaiveDate) -> (iced::Task<Message>, Option<Event>) {
        match message {
            // The form is checked before the dialog opens: a bad date is said at once.
            Message::AddFile => {
                self.error = None;
                match self.meta() {
                    Ok(_) => (Dialog::open_many(t(lang, "ui-ev-add")).ask(Message::FilesChosen), None),
                    Err(bad) => {
                        self.error = Some(ta(lang, "err-bad-date", &[("value", bad.into())]));
                        (iced::Task::none(), None)
                    }
                }
            }
            m => (iced::Task::none(), self.event(m, lang, today)),
        }
    }

    /// What a message changes here, and what the window must do.
    fn event(&mut self, message: Message, lang: Lang, today: NaiveDate) -> Option<Event> {
        self.error = None;
        match message {
            Message::Back => Some(Event::Back),
            Message::Status(s) => {
                // "Done" sets 100 %: the core's rule (Store::update_task).
                Some(Event::Change(Change { status: Some(s), ..Change::default() }))
            }
            Message::Progress(p) => {
                self.progress = p.min(100);
                None
            }
            Message::SaveProgress => {
                (self.progress != self.state.progress).then(|| Event::Change(Change { progress: Some(self.progress), ..Change::default() }))
            }
            Message::Note(n) => {
                self.note = n;
                None
            }
            Message::SaveNote => Some(Event::Change(Change { note: Some(self.note.clone()), ..Change::default() })),
            Message::DoneOn(due, s) => {
                self.done_on.insert(due, s);
                None
            }
            Message::MarkDone(due) => {
                let typed = self.done_on.get(&due).cloned().unwrap_or_default();
                let on = if typed.trim().is_empty() { Some(today) } else { parse_date(&typed) };
                match on {
                    Some(on) => Some(Event::Change(Change { milestone_done: Some((due, on)), ..Change::default() })),
                    None => {
                        self.error = Some(ta(lang, "err-bad-date", &[("value", typed.into())]));
                        None
                    }
                }
            }
            Message::Unmark(due) => Some(Event::Change(Change { milestone_undone: Some(due), ..Change::default() })),
            Message::DocType(c) => {
                self.doc_type = c.0;
                None
            }
            Message::DocNumber(s) => {
                self.doc_number = s;
                None
            }
            Message::DocDate(s) => {
                self.doc_date = s;
                None
            }
            Message::FilesChosen(files) => (!files.is_empty()).then_some(Event::Attach(files)),
            // Handled by `update` (a dialog).
            Message::AddFile => None,
            Message::OpenEvidence(id) => Some(Event::OpenEvidence(id)),
            Message::AskRemove(id) => {
                self.confirm_remove = Some(id);
                None
            }
            Message::ConfirmRemove => self.confirm_remove.take().map(Event::RemoveEvidence),
            Message::CancelRemove => {
                self.confirm_remove = None;
                None
            }
            Message::Edit(id) => {
                let e = self.evidence.iter().find(|e| e.id == id)?;
                self.editing = Some(EvidenceEdit {
                    id,
                    doc_type: e.doc_type,
                    doc_number: e.doc_number.clone(),
                    doc_date: e.doc_date.map(format_date).unwrap_or_default(),
                    bad_date: false,
                });
                None
            }
            Message::EditType(c) => {
                if let Some(ed) = self.editing.as_mut() {
                    ed.doc_type = c.0;
                }
                None
            }
            Message::EditNumber(s) => {
                if let Some(ed) = self.editing.as_mut() {
                    ed.doc_number = s;
                }
                None
            }
            Message::EditDate(s) => {
                if let Some(ed) = self.editing.as_mut() {
                    ed.doc_date = s;
                    ed.bad_date = false;
                }
                None
            }
            Message::CancelEdit => {
                self.editing = None;
                None
            }
            Message::SaveEdit => {
                let ed = self.editing.as_mut()?;
                let doc_date = match ed.doc_date.trim() {
                    "" => None,
                    typed => match parse_date(typed) {
                        Some(d) => Some(d),
                        None => {
                            ed.bad_date = true;
                            return None;
                        }
                    },
                };
                let ed = self.editing.take()?;
                let old = self.evidence.iter().find(|e| e.id == ed.id)?;
                let meta = EvidenceMeta { doc_type: ed.doc_type, doc_number: ed.doc_number.trim().to_owned(), doc_date, ..old.meta() };
                Some(Event::UpdateEvidence(ed.id, meta))
            }
        }
    }

    pub fn view<'a>(&'a self, plan: &'a Plan, lang: Lang, today: NaiveDate, busy: bool) -> Element<'a, Message> {
        let Some(task) = plan.task(&self.code) else {
            return text(ta(lang, "err-unknown-task", &[("code", self.code.clone().into())])).into();
        };
        let back = button(text(format!("← {}", t(lang, "ui-back"))).size(style::BODY)).style(style::link).on_press(Message::Back);
        let title = row![
            back,
            text(format!("{} {}", t(lang, "ui-task"), task.code)).size(style::HEADER).font(style::BOLD),
            style::pill(t(lang, self.state.role.label_id()), style::UPCOMING),
            space::horizontal(),
            style::pill(t(lang, self.state.status.label_id()), style::status_color(self.state.status)),
        ]
        .spacing(style::S12)
        .align_y(Alignment::Center);

        let left = column![]
            .extend(super::review::task_section(&self.requests, lang))
            .push(column![
            style::section(t(lang, "ui-detail-about"), about(task, plan, lang)),
            style::section(t(lang, "ui-detail-progress"), self.progress_form(lang)),
            style::section(t(lang, "ui-detail-milestones"), self.milestones(task, lang, today)),
        ]
        .spacing(style::S12))
        .spacing(style::S12)
        .width(Length::FillPortion(11));
        let right = column![
            style::section(ta(lang, "ui-detail-evidence", &[("count", self.evidence.len().into())]), self.evidence_view(lang, busy)),
            style::section(t(lang, "history-title"), self.history_view(lang)),
        ]
        .spacing(style::S12)
        .width(Length::FillPortion(9));

        // A problem (`self.error`) is shown by the window over the page, not in it.
        let mut page = column![title].spacing(style::S12);
        page = page.push(scrollable(row![left, right].spacing(style::S12).padding(iced::Padding { right: 14.0, ..iced::Padding::ZERO })).height(Length::Fill));
        page.into()
    }

    fn progress_form(&self, lang: Lang) -> Element<'_, Message> {
        let statuses = row(Status::ALL.iter().map(|s| {
            button(text(t(lang, s.label_id())).size(style::SMALL))
                .padding([5, 10])
                .style(style::chip(*s == self.state.status))
                .on_press(Message::Status(*s))
                .into()
        }))
        .spacing(6)
        .wrap();
        let progress = row![
            text(t(lang, "col-progress")).size(style::BODY).width(Length::Fixed(90.0)),
            slider(0..=100u8, self.progress, Message::Progress).step(5u8).on_release(Message::SaveProgress).width(Length::Fill),
            text(format!("{} %", self.progress)).size(style::BODY).font(style::BOLD).width(Length::Fixed(56.0)),
        ]
        .spacing(style::S12)
        .align_y(Alignment::Center);
        let note_changed = self.note != self.state.note;
        let note = row![
            text_input(&t(lang, "ui-detail-note-placeholder"), &self.note)
                .id(NOTE_ID)
                .on_input(Message::Note)
                .on_submit(Message::SaveNote)
                .padding(8)
                .size(style::BODY),
            button(text(t(lang, "ui-save")).size(style::BODY)).padding([8, 14]).on_press_maybe(note_changed.then_some(Message::SaveNote)),
        ]
        .spacing(style::S8);
        let updated = self
            .state
            .updated_at
            .as_deref()
            .map(|u| ta(lang, "ui-detail-updated", &[("at", super::format_stamp(u).into())]))
            .unwrap_or_default();
        column![
            text(t(lang, "col-status")).size(style::BODY),
            statuses,
            progress,
            text(t(lang, "col-note")).size(style::BODY),
            note,
            style::muted_text(updated)
        ]
        .spacing(style::S8)
        .into()
    }

    fn milestones<'a>(&'a self, task: &'a Task, lang: Lang, today: NaiveDate) -> Element<'a, Message> {
        let dates = task.schedule.dates();
        if dates.is_empty() {
            return style::muted_text(t(lang, "ui-detail-no-milestones")).into();
        }
        let mut c = column![].spacing(6);
        for due in dates {
            let done = self.state.milestones_done.get(&due).copied();
            let (label, color) = match done {
                Some(on) if on > due => (ta(lang, "ui-ms-done-late", &[("date", format_date(on).into())]), style::DUE_SOON),
                Some(on) => (ta(lang, "milestone-done-on", &[("date", format_date(on).into())]), style::DONE),
                None if due < today && !self.state.status.is_closed() => (t(lang, "overdue"), style::OVERDUE),
                None if (due - today).num_days() <= super::tasks::SOON_DAYS && due >= today => (t(lang, "ui-due-soon"), style::DUE_SOON),
                None => (t(lang, "ui-ms-open"), style::UPCOMING),
            };
            let action: Element<'a, Message> = match done {
                Some(_) => button(text(t(lang, "ui-ms-unmark")).size(style::SMALL)).style(style::link).on_press(Message::Unmark(due)).into(),
                None => row![
                    text_input(&format_date(today), self.done_on.get(&due).map(String::as_str).unwrap_or(""))
                        .on_input(move |s| Message::DoneOn(due, s))
                        .on_submit(Message::MarkDone(due))
                        .size(style::SMALL)
                        .padding(5)
                        .width(Length::Fixed(110.0)),
                    button(text(t(lang, "ui-ms-mark")).size(style::SMALL)).padding([5, 10]).on_press(Message::MarkDone(due)),
                ]
                .spacing(6)
                .align_y(Alignment::Center)
                .into(),
            };
            c = c.push(
                row![
                    text(format_date(due)).size(style::BODY).font(style::BOLD).width(Length::Fixed(96.0)),
                    container(style::pill(label, color)).width(Length::Fill),
                    action
                ]
                .spacing(style::S8)
                .align_y(Alignment::Center),
            );
        }
        c.into()
    }

    fn evidence_view(&self, lang: Lang, busy: bool) -> Element<'_, Message> {
        let types: Vec<DocChoice> = DocType::ALL.iter().map(|d| DocChoice(*d, t(lang, d.label_id()))).collect();
        let selected = types.iter().find(|c| c.0 == self.doc_type).cloned();
        let form = column![
            row![
                pick_list(types.clone(), selected, Message::DocType).text_size(style::SMALL).width(Length::FillPortion(3)),
                text_input(&t(lang, "ui-ev-number"), &self.doc_number).on_input(Message::DocNumber).size(style::SMALL).padding(6).width(Length::FillPortion(3)),
                text_input(&t(lang, "ui-ev-date"), &self.doc_date).on_input(Message::DocDate).size(style::SMALL).padding(6).width(Length::FillPortion(2)),
            ]
            .spacing(6),
            row![
                button(text(t(lang, "ui-ev-add")).size(style::BODY)).padding([6, 14]).on_press_maybe((!busy).then_some(Message::AddFile)),
                style::muted_text(t(lang, "ui-ev-drop-hint")),
            ]
            .spacing(style::S12)
            .align_y(Alignment::Center),
        ]
        .spacing(style::S8);
        let mut list = column![].spacing(6);
        if self.evidence.is_empty() {
            list = list.push(style::muted_text(t(lang, "ui-ev-none")));
        }
        for e in &self.evidence {
            if let Some(ed) = self.editing.as_ref().filter(|ed| ed.id == e.id) {
                list = list.push(self.edit_row(lang, e, ed, &types));
                continue;
            }
            let mut doc = t(lang, e.doc_type.label_id());
            if !e.doc_number.is_empty() {
                doc.push_str(&format!(" {}", e.doc_number));
            }
            if let Some(d) = e.doc_date {
                doc.push_str(&format!(" · {}", format_date(d)));
            }
            let info = format!(
                "{} · {} {}",
                format_size(lang, e.size),
                t(lang, "ui-ev-added"),
                super::format_stamp(&e.added_at)
            );
            list = list.push(
                container(
                    row![
                        column![
                            text(e.file_name.clone()).size(style::BODY).font(style::BOLD),
                            text(doc).size(style::SMALL),
                            style::muted_text(info)
                        ]
                        .spacing(2)
                        .width(Length::Fill),
                        button(text(t(lang, "ui-ev-open")).size(style::SMALL)).padding([5, 10]).style(button::secondary).on_press_maybe((!busy).then_some(Message::OpenEvidence(e.id))),
                        button(text(t(lang, "ui-ev-edit")).size(style::SMALL)).padding([5, 10]).style(button::secondary).on_press(Message::Edit(e.id)),
                        button(text(t(lang, "ui-ev-remove")).size(style::SMALL)).padding([5, 10]).style(button::danger).on_press(Message::AskRemove(e.id)),
                    ]
                    .spacing(style::S8)
                    .align_y(Alignment::Center),
                )
                .padding(8)
                .style(|th| container::Style { border: iced::Border { color: style::line(th), width: 1.0, radius: 6.0.into() }, ..Default::default() }),
            );
        }
        column![form, list].spacing(style::S12).into()
    }

    /// An attachment's row while its details are corrected: the same three
    /// fields as when attaching, then save or cancel.
    fn edit_row<'a>(&'a self, lang: Lang, e: &'a Evidence, ed: &'a EvidenceEdit, types: &[DocChoice]) -> Element<'a, Message> {
        let selected = types.iter().find(|c| c.0 == ed.doc_type).cloned();
        let mut fields = column![
            text(e.file_name.clone()).size(style::BODY).font(style::BOLD),
            row![
                pick_list(types.to_vec(), selected, Message::EditType).text_size(style::SMALL).width(Length::FillPortion(3)),
                text_input(&t(lang, "ui-ev-number"), &ed.doc_number).on_input(Message::EditNumber).on_submit(Message::SaveEdit).size(style::SMALL).padding(6).width(Length::FillPortion(3)),
                text_input(&t(lang, "ui-ev-date"), &ed.doc_date).on_input(Message::EditDate).on_submit(Message::SaveEdit).size(style::SMALL).padding(6).width(Length::FillPortion(2)),
            ]
            .spacing(6)
            .align_y(Alignment::Center),
            row![
                space::horizontal(),
                button(text(t(lang, "ui-ev-edit-save")).size(style::SMALL)).padding([5, 10]).on_press(Message::SaveEdit),
                button(text(t(lang, "ui-ev-edit-cancel")).size(style::SMALL)).padding([5, 10]).style(button::secondary).on_press(Message::CancelEdit),
            ]
            .spacing(6),
        ]
        .spacing(6);
        if ed.bad_date {
            fields = fields.push(text(ta(lang, "err-bad-date", &[("value", ed.doc_date.clone().into())])).size(style::SMALL).color(style::OVERDUE));
        }
        container(fields)
            .padding(8)
            .style(|th| container::Style { border: iced::Border { color: style::line(th), width: 1.0, radius: 6.0.into() }, ..Default::default() })
            .into()
    }

    fn history_view(&self, lang: Lang) -> Element<'_, Message> {
        if self.history.is_empty() {
            return style::muted_text(t(lang, "ui-history-none")).into();
        }
        let mut c = column![].spacing(6);
        for h in self.history.iter().rev().take(30) {
            c = c.push(
                column![
                    style::muted_text(format!("{} · {}", super::format_stamp(&h.at), h.by)),
                    text(history_line(h, lang)).size(style::SMALL),
                ]
                .spacing(1),
            );
        }
        c.into()
    }

    /// The confirmation dialog shown over the page, if any.
    pub fn dialog(&self, lang: Lang) -> Option<Element<'_, Message>> {
        let id = self.confirm_remove?;
        let name = self.evidence.iter().find(|e| e.id == id).map(|e| e.file_name.clone()).unwrap_or_default();
        Some(
            column![
                text(t(lang, "ui-ev-remove-title")).size(style::TITLE).font(style::BOLD),
                text(ta(lang, "ui-ev-remove-question", &[("name", name.into())])).size(style::BODY),
                row![
                    space::horizontal(),
                    button(text(t(lang, "ui-cancel")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(Message::CancelRemove),
                    button(text(t(lang, "ui-ev-remove")).size(style::BODY)).padding([6, 14]).style(button::danger).on_press(Message::ConfirmRemove),
                ]
                .spacing(style::S8),
            ]
            .spacing(style::S12)
            .into(),
        )
    }
}

fn about<'a>(task: &'a Task, plan: &'a Plan, lang: Lang) -> Element<'a, Message> {
    let area = plan.area(&task.area).map(|a| format!("{}. {}", a.code, a.title)).unwrap_or_default();
    let field = |label: String, value: Element<'a, Message>| -> Element<'a, Message> {
        row![text(label).size(style::SMALL).font(style::BOLD).width(Length::Fixed(150.0)), container(value).width(Length::Fill)]
            .spacing(style::S8)
            .into()
    };
    let bullets = |items: &[String]| -> Element<'a, Message> {
        if items.is_empty() {
            return style::muted_text("—").into();
        }
        column(items.iter().map(|p| text(format!("• {p}")).size(style::BODY).into())).spacing(2).into()
    };
    let parsed = super::common::schedule_words(lang, &task.schedule);
    let col = column![
        text(task.description.clone()).size(style::TITLE),
        style::muted_text(area),
        field(t(lang, "col-products"), bullets(&task.products)),
        field(t(lang, "role-lead"), bullets(&task.lead_text)),
        field(t(lang, "role-coordinating"), bullets(&task.coordinating_text)),
        field(t(lang, "ui-detail-deadline-written"), text(task.deadline_text.clone()).size(style::BODY).into()),
        field(t(lang, "ui-detail-deadline-parsed"), text(parsed.join(", ")).size(style::BODY).into()),
    ]
    .spacing(style::S8);
    if task.repairs.is_empty() {
        return col.into();
    }
    // "Đã sửa từ bản gốc": cells the plan's source had damaged.
    let lines: Vec<String> = task.repairs.iter().map(|r| crate::i18n::repair_line(lang, r)).collect();
    col.push(field(t(lang, "repairs-title"), bullets(&lines))).into()
}

/// One history entry in words: "Trạng thái: Chưa thực hiện → Hoàn thành".
pub fn history_line(h: &HistoryEntry, lang: Lang) -> String {
    let status = |v: &str| Status::parse(v).map(|s| t(lang, s.label_id())).unwrap_or_else(|| v.to_owned());
    let date = |v: &str| NaiveDate::parse_from_str(v, "%Y-%m-%d").map(format_date).unwrap_or_else(|_| v.to_owned());
    let empty = |v: String| if v.is_empty() { "—".to_owned() } else { v };
    match h.field.as_str() {
        "status" => format!("{}: {} → {}", t(lang, "col-status"), status(&h.old), status(&h.new)),
        "progress" => format!("{}: {} % → {} %", t(lang, "col-progress"), h.old, h.new),
        "note" => format!("{}: {}", t(lang, "col-note"), empty(h.new.clone())),
        f if f.starts_with("milestone ") => {
            let due = date(&f["milestone ".len()..]);
            if h.new.is_empty() {
                ta(lang, "ui-history-unmarked", &[("due", due.into())])
            } else {
                ta(lang, "ui-history-marked", &[("due", due.into()), ("date", date(&h.new).into())])
            }
        }
        f => format!("{f}: {} → {}", empty(h.old.clone()), empty(h.new.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;

    fn state() -> State {
        let today = NaiveDate::from_ymd_opt(2023, 10, 20).unwrap();
        State::new("1.2", TaskState::new("1.2", "X-ANT", Role::Lead), vec![], vec![], today)
    }

    #[test]
    fn an_attachment_is_corrected_in_place_keeping_what_is_not_shown() {
        let mut s = state();
        let today = NaiveDate::from_ymd_opt(2023, 10, 20).unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2023, 3, d).unwrap();
        s.evidence = vec![Evidence {
            id: 7,
            task: "1.2".into(),
            unit: "X-ANT".into(),
            file_name: "Báo cáo.pdf".into(),
            media_type: "application/pdf".into(),
            size: 10,
            sha256: "ab".into(),
            doc_type: DocType::Report,
            doc_number: "12/BC-UBND".into(),
            doc_date: Some(day(5)),
            description: "bản ký".into(),
            milestone: Some(day(7)),
            added_at: "2023-03-06T08:00:00".into(),
            added_by: "Lan (X-ANT)".into(),
        }];
        assert_eq!(s.event(Message::Edit(99), Lang::Vi, today), None);
        assert!(s.editing.is_none(), "no such attachment");
        s.event(Message::Edit(7), Lang::Vi, today);
        let ed = s.editing.clone().unwrap();
        assert_eq!((ed.doc_number.as_str(), ed.doc_date.as_str()), ("12/BC-UBND", "05/03/2023"));
        s.event(Message::EditNumber(" 21/BC-UBND ".into()), Lang::Vi, today);
        s.event(Message::EditDate("31/02/2023".into()), Lang::Vi, today);
        assert_eq!(s.event(Message::SaveEdit, Lang::Vi, today), None, "not a date");
        assert!(s.editing.as_ref().unwrap().bad_date);
        s.event(Message::EditDate("06/03/2023".into()), Lang::Vi, today);
        s.event(Message::EditType(DocChoice(DocType::Decision, String::new())), Lang::Vi, today);
        let Some(Event::UpdateEvidence(7, meta)) = s.event(Message::SaveEdit, Lang::Vi, today) else { panic!("an update") };
        assert_eq!(meta, EvidenceMeta { doc_type: DocType::Decision, doc_number: "21/BC-UBND".into(), doc_date: Some(day(6)), description: "bản ký".into(), milestone: Some(day(7)) });
        assert!(s.editing.is_none());
        s.event(Message::Edit(7), Lang::Vi, today);
        s.event(Message::CancelEdit, Lang::Vi, today);
        assert!(s.editing.is_none());
    }

    #[test]
    fn status_progress_and_note_become_changes() {
        let today = NaiveDate::from_ymd_opt(2023, 10, 20).unwrap();
        let mut s = state();
        assert_eq!(
            s.event(Message::Status(Status::Done), Lang::Vi, today),
            // 100 % comes from the core's rule (Store::update_task).
            Some(Event::Change(Change { status: Some(Status::Done), ..Change::default() }))
        );
        assert_eq!(s.event(Message::Progress(40), Lang::Vi, today), None);
        assert_eq!(s.event(Message::SaveProgress, Lang::Vi, today), Some(Event::Change(Change { progress: Some(40), ..Change::default() })));
        s.event(Message::Note("Đã gửi".into()), Lang::Vi, today);
        assert_eq!(s.event(Message::SaveNote, Lang::Vi, today), Some(Event::Change(Change { note: Some("Đã gửi".into()), ..Change::default() })));
    }

    #[test]
    fn milestone_done_on_uses_the_typed_date_or_today_and_rejects_bad_dates() {
        let today = NaiveDate::from_ymd_opt(2023, 10, 20).unwrap();
        let due = NaiveDate::from_ymd_opt(2023, 10, 31).unwrap();
        let mut s = state();
        assert_eq!(
            s.event(Message::MarkDone(due), Lang::Vi, today),
            Some(Event::Change(Change { milestone_done: Some((due, today)), ..Change::default() }))
        );
        s.event(Message::DoneOn(due, "28/10/2023".into()), Lang::Vi, today);
        assert_eq!(
            s.event(Message::MarkDone(due), Lang::Vi, today),
            Some(Event::Change(Change { milestone_done: Some((due, NaiveDate::from_ymd_opt(2023, 10, 28).unwrap())), ..Change::default() }))
        );
        s.event(Message::DoneOn(due, "31/02/2023".into()), Lang::Vi, today);
        assert_eq!(s.event(Message::MarkDone(due), Lang::Vi, today), None);
        assert!(s.error.is_some());
    }

    #[test]
    fn removing_evidence_asks_first_and_add_carries_the_form() {
        let today = NaiveDate::from_ymd_opt(2023, 10, 20).unwrap();
        let mut s = state();
        assert_eq!(s.event(Message::AskRemove(7), Lang::Vi, today), None);
        assert_eq!(s.confirm_remove, Some(7));
        assert!(s.dialog(Lang::Vi).is_some());
        assert_eq!(s.event(Message::CancelRemove, Lang::Vi, today), None);
        assert!(s.dialog(Lang::Vi).is_none());
        s.event(Message::AskRemove(7), Lang::Vi, today);
        assert_eq!(s.event(Message::ConfirmRemove, Lang::Vi, today), Some(Event::RemoveEvidence(7)));

        s.event(Message::DocType(DocChoice(DocType::Decision, String::new())), Lang::Vi, today);
        s.event(Message::DocNumber(" 48/QĐ-UBND ".into()), Lang::Vi, today);
        s.event(Message::DocDate("05/06/2023".into()), Lang::Vi, today);
        let m = s.meta().expect("the form reads");
        assert_eq!(m.doc_type, DocType::Decision);
        assert_eq!(m.doc_number, "48/QĐ-UBND");
        assert_eq!(m.doc_date, NaiveDate::from_ymd_opt(2023, 6, 5));
        let files = vec![PathBuf::from("/tmp/qd-48.pdf"), PathBuf::from("/tmp/qd-48-phu-luc.pdf")];
        assert_eq!(s.event(Message::FilesChosen(files.clone()), Lang::Vi, today), Some(Event::Attach(files)));
        assert_eq!(s.event(Message::FilesChosen(vec![]), Lang::Vi, today), None, "the dialog was closed");
        // A bad date is said before any dialog opens.
        s.event(Message::DocDate("hôm qua".into()), Lang::Vi, today);
        assert_eq!(s.update(Message::AddFile, Lang::Vi, today).1, None);
        assert!(s.error.as_deref().is_some_and(|e| e.contains("hôm qua")), "{:?}", s.error);
    }

    #[test]
    fn history_reads_as_words() {
        let h = HistoryEntry { at: "2023-10-01T08:00:00".into(), by: "an".into(), field: "status".into(), old: "not_started".into(), new: "done".into() };
        assert_eq!(history_line(&h, Lang::Vi), "Trạng thái: Chưa thực hiện → Hoàn thành");
        let m = HistoryEntry { field: "milestone 2023-10-31".into(), old: String::new(), new: "2023-10-28".into(), ..h };
        assert!(history_line(&m, Lang::Vi).contains("31/10/2023"));
        assert!(history_line(&m, Lang::Vi).contains("28/10/2023"));
    }
}
