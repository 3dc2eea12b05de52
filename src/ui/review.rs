//! Review requests in the window. At the parent office: the review dialog
//! opened from a cell of the status matrix (a unit's task), to mark it
//! "Đạt" or "Yêu cầu bổ sung" with a comment, for the task or one of its
//! documents. At the unit: the requests on the dashboard and the task page.

use iced::widget::{button, column, container, row, scrollable, space, text, text_input};

use iced::{Alignment, Element, Length};

use super::{style, t, ta};
use crate::bundle::feedback::{RequestState, request_line, request_text, review_answer_text, with_state};
use crate::i18n::Lang;
use crate::store::feedback::{Review, ReviewVerdict};
use crate::workspace::Workspace;

/// The comment box of the dialog (focus, tests).
pub const COMMENT_ID: &str = "review-comment";
/// The dialog's save button (tests).
pub const SAVE_ID: &str = "review-save";

/// The review dialog: one unit's task, as merged.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub unit: String,
    pub unit_name: String,
    pub task: String,
    pub description: String,
    /// The task's merged documents: SHA-256, file name.
    pub documents: Vec<(String, String)>,
    /// The document reviewed (its SHA-256), or the task as a whole.
    pub document: Option<String>,
    pub verdict: ReviewVerdict,
    pub comment: String,
    /// The reviews already made of this task (whole or per document).
    pub existing: Vec<Review>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Document(Option<String>),
    Verdict(ReviewVerdict),
    Comment(String),
    Save,
    Cancel,
}

/// What the dialog asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Save { unit: String, task: String, document: Option<String>, verdict: ReviewVerdict, comment: String },
    Close,
}

impl State {
    /// The dialog for `unit`'s task `task`, read from the parent's store
    /// (reads only; the review is saved on the save worker).
    pub fn open(ws: &Workspace, unit: &str, task: &str, period: &str) -> crate::error::Result<State> {
        let documents = ws.reviewable_documents(unit, task, period)?;
        let existing: Vec<Review> = ws.reviews(Some(unit))?.into_iter().filter(|r| r.request.task == task).collect();
        let whole = existing.iter().find(|r| r.request.evidence_sha.is_empty());
        Ok(State {
            unit: unit.to_owned(),
            unit_name: ws.plan.unit(unit).map(|u| u.name.clone()).unwrap_or_else(|| unit.to_owned()),
            task: task.to_owned(),
            description: ws.plan.task(task).map(|t| t.description.clone()).unwrap_or_default(),
            documents,
            document: None,
            verdict: whole.map_or(ReviewVerdict::NeedsMore, |r| r.request.verdict),
            comment: whole.map(|r| r.request.comment.clone()).unwrap_or_default(),
            existing,
            error: None,
        })
    }

    /// The review held for the chosen subject, if any.
    fn held(&self) -> Option<&Review> {
        let sha = self.document.as_deref().unwrap_or("");
        self.existing.iter().find(|r| r.request.evidence_sha == sha)
    }

    pub fn update(&mut self, message: Message, lang: Lang) -> Option<Event> {
        match message {
            Message::Document(d) => {
                self.document = d;
                // The held review of that subject comes back into the form.
                let held = self.held().map(|r| (r.request.verdict, r.request.comment.clone()));
                if let Some((v, c)) = held {
                    self.verdict = v;
                    self.comment = c;
                }
                None
            }
            Message::Verdict(v) => {
                self.verdict = v;
                self.error = None;
                None
            }
            Message::Comment(c) => {
                self.comment = c;
                self.error = None;
                None
            }
            Message::Save => {
                if self.verdict == ReviewVerdict::NeedsMore && self.comment.trim().is_empty() {
                    self.error = Some(t(lang, "err-review-comment-needed"));
                    return None;
                }
                Some(Event::Save {
                    unit: self.unit.clone(),
                    task: self.task.clone(),
                    document: self.document.clone(),
                    verdict: self.verdict,
                    comment: self.comment.clone(),
                })
            }
            Message::Cancel => Some(Event::Close),
        }
    }

    pub fn view(&self, lang: Lang) -> Element<'_, Message> {
        let subject = |label: String, value: Option<String>| {
            let active = self.document == value;
            button(text(label).size(style::SMALL)).padding([4, 10]).style(style::chip(active)).on_press(Message::Document(value))
        };
        let mut chips: Vec<Element<'_, Message>> = vec![subject(t(lang, "ui-review-whole-task"), None).into()];
        for (sha, name) in &self.documents {
            chips.push(subject(name.clone(), Some(sha.clone())).into());
        }
        let subjects = row(chips).spacing(6).wrap();
        let verdict = |v: ReviewVerdict| {
            button(text(t(lang, v.label_id())).size(style::BODY)).padding([6, 14]).style(style::chip(self.verdict == v)).on_press(Message::Verdict(v))
        };
        let mut c = column![
            text(ta(lang, "ui-review-title", &[("unit", self.unit_name.as_str().into()), ("task", self.task.as_str().into())])).size(style::TITLE).font(style::BOLD),
            style::muted_text(super::tasks::short(&self.description, 160)),
            text(t(lang, "ui-review-about")).size(style::SMALL).font(style::BOLD),
            subjects,
            row![verdict(ReviewVerdict::Ok), verdict(ReviewVerdict::NeedsMore)].spacing(style::S8),
            text_input(&t(lang, "ui-review-comment-hint"), &self.comment).id(COMMENT_ID).on_input(Message::Comment).on_submit(Message::Save).padding(8),
        ]
        .spacing(style::S12);
        if let Some(e) = &self.error {
            c = c.push(container(text(e.clone()).size(style::SMALL)).padding([6, 10]).width(Length::Fill).style(style::banner(true)));
        }
        if !self.existing.is_empty() {
            let mut held = column![text(t(lang, "ui-review-held")).size(style::SMALL).font(style::BOLD)].spacing(4);
            for r in &self.existing {
                held = held.push(text(with_state(request_line(&r.request, lang), review_answer_text(r, lang))).size(style::SMALL));
            }
            c = c.push(held);
        }
        c.push(
            row![
                space::horizontal(),
                button(text(t(lang, "ui-cancel")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(Message::Cancel),
                container(button(text(t(lang, "ui-review-save")).size(style::BODY)).padding([6, 14]).on_press(Message::Save)).id(SAVE_ID),
            ]
            .spacing(style::S8),
        )
        .into()
    }
}

/// The requests of the office above on the dashboard: how many are open,
/// and (when unfolded) one line each, opening the task.
pub fn dashboard_block<'a, M: Clone + 'a>(requests: &'a [RequestState], lang: Lang, open_list: bool, toggle: M, open_task: impl Fn(String) -> M) -> Option<Element<'a, M>> {
    if requests.is_empty() {
        return None;
    }
    let open = requests.iter().filter(|r| r.open()).count();
    let color = if open > 0 { style::OVERDUE } else { style::DONE };
    let head = button(
        row![
            style::dot(color, 10.0),
            text(ta(lang, "ui-requests-count", &[("count", open.into())])).size(style::BODY).font(style::BOLD),
            space::horizontal(),
            text(t(lang, if open_list { "ui-requests-hide" } else { "ui-requests-show" })).size(style::SMALL),
        ]
        .spacing(6)
        .align_y(Alignment::Center),
    )
    .padding([10, 12])
    .width(Length::Fill)
    .style(style::card_button)
    .on_press(toggle);
    let mut c = column![head].spacing(4);
    if open_list {
        for r in requests {
            let line = row![
                text(r.held.request.task.clone()).size(style::SMALL).font(style::BOLD).width(Length::Fixed(44.0)),
                text(request_text(&r.held.request, lang)).size(style::SMALL).width(Length::Fill),
                text(r.done_text(lang)).size(style::SMALL).width(Length::Fixed(260.0)),
            ]
            .spacing(6);
            c = c.push(button(line).width(Length::Fill).padding([4, 6]).style(style::list_row(false)).on_press(open_task(r.held.request.task.clone())));
        }
    }
    Some(c.into())
}

/// The requests about one task, on its page: the request, its comment, the
/// document it names, and what was done since.
pub fn task_section<'a, M: 'a>(requests: &'a [RequestState], lang: Lang) -> Option<Element<'a, M>> {
    if requests.is_empty() {
        return None;
    }
    let mut c = column![].spacing(style::S8);
    for r in requests {
        let q = &r.held.request;
        let color = if r.open() { style::OVERDUE } else { style::DONE };
        let mut item = column![row![style::pill(t(lang, q.verdict.label_id()), color), style::muted_text(ta(lang, "ui-requests-from", &[("parent", r.held.parent.as_str().into()), ("date", super::format_stamp(&r.held.received_at).into())]))].spacing(style::S8).align_y(Alignment::Center)].spacing(4);
        if !q.evidence_name.is_empty() {
            item = item.push(text(ta(lang, "report-request-document", &[("name", q.evidence_name.as_str().into())])).size(style::SMALL).font(style::BOLD));
        }
        if !q.comment.is_empty() {
            item = item.push(text(q.comment.clone()).size(style::BODY));
        }
        let done = r.done_text(lang);
        if !done.is_empty() {
            item = item.push(style::muted_text(done));
        }
        c = c.push(container(item).padding([8, 10]).width(Length::Fill).style(style::banner(r.open())));
    }
    Some(style::section(t(lang, "ui-requests-title"), scrollable(c).height(Length::Shrink)))
}

/// The reviewed cells of the status matrix, (task, unit) → whether a
/// request for more is still unanswered.
pub fn reviewed_cells(ws: &Workspace) -> crate::error::Result<std::collections::BTreeMap<(String, String), bool>> {
    let mut cells = std::collections::BTreeMap::new();
    for r in ws.reviews(None)? {
        let open = r.request.verdict == ReviewVerdict::NeedsMore && !r.answered();
        *cells.entry((r.request.task.clone(), r.unit.clone())).or_insert(false) |= open;
    }
    Ok(cells)
}

/// The mark beside a reviewed cell: "⚑" while a request waits for the
/// unit's answer, "✓" once answered or accepted; the word in a tooltip.
pub fn cell_mark<'a, M: 'a>(lang: Lang, reviewed: Option<bool>) -> Option<Element<'a, M>> {
    let open = reviewed?;
    let (mark, color, id) = if open { ("⚑", style::OVERDUE, "ui-review-mark-open") } else { ("✓", style::DONE, "ui-review-mark-done") };
    let tip = container(text(t(lang, id)).size(style::SMALL)).padding(6).style(style::card);
    Some(iced::widget::tooltip(text(mark).font(style::SYMBOLS).size(style::BODY).color(color), tip, iced::widget::tooltip::Position::Top).into())
}
