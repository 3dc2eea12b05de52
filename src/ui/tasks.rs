//! The task list: the unit's task instances, filtered, searched (ignoring
//! diacritics and case), sorted. Only the rows in view are built, so the
//! list stays quick with 10 000 rows.

use std::ops::Range;

use chrono::NaiveDate;
use iced::widget::{button, column, container, pick_list, row, scrollable, space, text, text_input};
use iced::{Alignment, Element, Length};

use super::{Choice, style, t};
use crate::domain::{Period, Plan, Role, Status};
use crate::i18n::{Lang, format_date};
use crate::progress::{Filter, TaskRow};

pub const SEARCH_ID: &str = "task-search";
pub const LIST_ID: &str = "task-list";
/// Height of one row, in logical pixels (rows are laid out at a fixed height).
pub const ROW_HEIGHT: f32 = 52.0;
/// Rows built above and below the visible ones.
const OVERSCAN: usize = 6;

/// One line of the list, owned (the list may outlive a database read).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub code: String,
    pub area: String,
    pub description: String,
    pub role: Role,
    pub status: Status,
    pub progress: u8,
    pub next_due: Option<NaiveDate>,
    pub overdue: bool,
    pub evidence_count: usize,
}

impl Row {
    pub fn from_task_row(r: &TaskRow<'_>) -> Row {
        Row {
            code: r.task.code.clone(),
            area: r.task.area.clone(),
            description: r.task.description.clone(),
            role: r.state.role,
            status: r.state.status,
            progress: r.state.progress,
            next_due: r.next_due,
            overdue: r.overdue,
            evidence_count: r.evidence_count,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Code,
    Due,
}

/// The filters the clerk sets (and the dashboard presets).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub area: Option<String>,
    pub status: Option<Status>,
    pub period: Option<Period>,
    pub role: Option<Role>,
    pub overdue: bool,
    pub due_soon: bool,
    pub no_evidence: bool,
    pub search: String,
}

/// Days ahead counted as "due soon".
pub const SOON_DAYS: i64 = 14;

impl Filters {
    pub fn to_filter(&self) -> Filter {
        Filter {
            area: self.area.clone(),
            status: self.status,
            role: self.role,
            period: self.period,
            overdue: self.overdue,
            search: self.search.clone(),
            done_without_evidence: self.no_evidence,
            due_within_days: self.due_soon.then_some(SOON_DAYS),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct State {
    pub filters: Filters,
    pub sort: Sort,
    /// The filtered, sorted rows.
    pub rows: Vec<Row>,
    pub scroll_y: f32,
    pub viewport_height: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Search(String),
    Area(Choice<String>),
    Status(Choice<Status>),
    Quarter(Choice<Period>),
    Role(Choice<Role>),
    Overdue,
    DueSoon,
    NoEvidence,
    Clear,
    Sort(Sort),
    Scrolled { offset: f32, height: f32 },
    Open(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The filters changed: the app reloads the rows.
    Reload,
    Open(String),
}

/// Which rows to build for a list of `total` rows scrolled to `offset` in a
/// viewport `height` high (plus a few above and below).
pub fn visible_range(total: usize, offset: f32, height: f32, row_height: f32) -> Range<usize> {
    let height = if height > 0.0 { height } else { 900.0 };
    let first = (offset.max(0.0) / row_height).floor() as usize;
    let last = ((offset.max(0.0) + height) / row_height).ceil() as usize;
    let start = first.saturating_sub(OVERSCAN).min(total);
    let end = (last + OVERSCAN).min(total);
    start..end
}

impl State {
    pub fn set_rows(&mut self, rows: Vec<Row>) {
        self.rows = rows;
        self.sort_rows();
    }

    fn sort_rows(&mut self) {
        match self.sort {
            Sort::Code => self.rows.sort_by(|a, b| code_key(&a.code).cmp(&code_key(&b.code))),
            Sort::Due => self.rows.sort_by(|a, b| {
                // Undated last; then by code.
                (a.next_due.is_none(), a.next_due, code_key(&a.code)).cmp(&(b.next_due.is_none(), b.next_due, code_key(&b.code)))
            }),
        }
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        let reload = Some(Event::Reload);
        match message {
            Message::Search(s) => {
                self.filters.search = s;
                reload
            }
            Message::Area(c) => {
                self.filters.area = c.value;
                reload
            }
            Message::Status(c) => {
                self.filters.status = c.value;
                reload
            }
            Message::Quarter(c) => {
                self.filters.period = c.value;
                reload
            }
            Message::Role(c) => {
                self.filters.role = c.value;
                reload
            }
            Message::Overdue => {
                self.filters.overdue = !self.filters.overdue;
                reload
            }
            Message::DueSoon => {
                self.filters.due_soon = !self.filters.due_soon;
                reload
            }
            Message::NoEvidence => {
                self.filters.no_evidence = !self.filters.no_evidence;
                reload
            }
            Message::Clear => {
                self.filters = Filters::default();
                reload
            }
            Message::Sort(s) => {
                self.sort = s;
                self.sort_rows();
                None
            }
            Message::Scrolled { offset, height } => {
                self.scroll_y = offset;
                self.viewport_height = height;
                None
            }
            Message::Open(code) => Some(Event::Open(code)),
        }
    }

    pub fn view<'a>(&'a self, plan: &'a Plan, lang: Lang, today: NaiveDate) -> Element<'a, Message> {
        let f = &self.filters;
        let any = |l: &str| t(lang, l);
        let areas: Vec<Choice<String>> = std::iter::once(Choice::new(None, any("ui-filter-all-areas")))
            .chain(plan.areas.iter().map(|a| Choice::new(Some(a.code.clone()), format!("{}. {}", a.code, short(&a.title, 38)))))
            .collect();
        let statuses: Vec<Choice<Status>> = std::iter::once(Choice::new(None, any("ui-filter-all-statuses")))
            .chain(Status::ALL.iter().map(|s| Choice::new(Some(*s), t(lang, s.label_id()))))
            .collect();
        let quarters: Vec<Choice<Period>> = std::iter::once(Choice::new(None, any("ui-filter-all-quarters")))
            .chain((1..=4).map(|q| Choice::new(Some(Period::quarter(plan.year, q)), super::quarter_label(lang, q, plan.year))))
            .collect();
        let roles: Vec<Choice<Role>> = std::iter::once(Choice::new(None, any("ui-filter-all-roles")))
            .chain([Role::Lead, Role::Coordinating].iter().map(|r| Choice::new(Some(*r), t(lang, r.label_id()))))
            .collect();
        let area_sel = areas.iter().find(|c| c.value == f.area).cloned();
        let status_sel = statuses.iter().find(|c| c.value == f.status).cloned();
        let quarter_sel = quarters.iter().find(|c| c.value == f.period).cloned();
        let role_sel = roles.iter().find(|c| c.value == f.role).cloned();

        let search = text_input(&t(lang, "ui-tasks-search"), &f.search)
            .id(SEARCH_ID)
            .on_input(Message::Search)
            .padding(8)
            .size(style::BODY)
            .width(Length::FillPortion(3));
        let picks = row![
            pick_list(areas, area_sel, Message::Area).text_size(style::BODY).width(Length::FillPortion(3)),
            pick_list(statuses, status_sel, Message::Status).text_size(style::BODY).width(Length::FillPortion(2)),
            pick_list(quarters, quarter_sel, Message::Quarter).text_size(style::BODY).width(Length::FillPortion(2)),
            pick_list(roles, role_sel, Message::Role).text_size(style::BODY).width(Length::FillPortion(2)),
        ]
        .spacing(style::S8);
        let toggle = |label: &str, on: bool, m: Message| {
            button(text(t(lang, label)).size(style::SMALL)).padding([4, 12]).style(style::chip(on)).on_press(m)
        };
        let count = style::muted_text(super::ta(lang, "ui-tasks-count", &[("count", self.rows.len().into())]));
        let chips = row![
            toggle("overdue", f.overdue, Message::Overdue),
            toggle("ui-filter-due-soon", f.due_soon, Message::DueSoon),
            toggle("ui-filter-no-evidence", f.no_evidence, Message::NoEvidence),
            button(text(t(lang, "ui-filter-clear")).size(style::SMALL)).padding([4, 12]).style(style::link).on_press_maybe((*f != Filters::default()).then_some(Message::Clear)),
            space::horizontal(),
            count,
            style::muted_text(t(lang, "ui-sort")),
            toggle("ui-sort-code", self.sort == Sort::Code, Message::Sort(Sort::Code)),
            toggle("ui-sort-due", self.sort == Sort::Due, Message::Sort(Sort::Due)),
        ]
        .spacing(style::S8)
        .align_y(Alignment::Center);

        let head = container(
            row![
                col_head(t(lang, "ui-col-code"), 56.0),
                text(t(lang, "ui-col-task")).size(style::SMALL).font(style::BOLD).width(Length::Fill),
                col_head(t(lang, "ui-col-role"), 86.0),
                col_head(t(lang, "ui-col-next-due"), 104.0),
                col_head(t(lang, "col-status"), 170.0),
                col_head(t(lang, "ui-col-evidence"), 64.0),
            ]
            .spacing(style::S12)
            .padding([0, 10]),
        )
        .padding([8, 0]);

        let body: Element<'a, Message> = if self.rows.is_empty() {
            container(style::muted_text(t(lang, "ui-tasks-empty"))).padding(24).center_x(Length::Fill).into()
        } else {
            let range = visible_range(self.rows.len(), self.scroll_y, self.viewport_height, ROW_HEIGHT);
            let above = range.start as f32 * ROW_HEIGHT;
            let below = (self.rows.len() - range.end) as f32 * ROW_HEIGHT;
            let mut list = column![space().height(Length::Fixed(above))];
            for r in &self.rows[range] {
                list = list.push(row_view(r, lang, today));
            }
            list = list.push(space().height(Length::Fixed(below)));
            scrollable(list.width(Length::Fill))
                .id(LIST_ID)
                .height(Length::Fill)
                .on_scroll(|v| Message::Scrolled { offset: v.absolute_offset().y, height: v.bounds().height })
                .into()
        };

        column![
            style::header(t(lang, "ui-nav-tasks"), space().into()),
            row![search, picks].spacing(style::S8),
            chips,
            container(column![head, iced::widget::rule::horizontal(1), body]).padding([0, 4]).height(Length::Fill).style(style::card),
        ]
        .spacing(style::S12)
        .into()
    }
}

/// How many rows a built list holds (for tests: proves only a window is built).
pub fn built_rows(state: &State) -> usize {
    if state.rows.is_empty() {
        return 0;
    }
    visible_range(state.rows.len(), state.scroll_y, state.viewport_height, ROW_HEIGHT).len()
}

fn col_head<'a, M: 'a>(s: String, w: f32) -> Element<'a, M> {
    text(s).size(style::SMALL).font(style::BOLD).width(Length::Fixed(w)).into()
}

fn row_view<'a>(r: &'a Row, lang: Lang, today: NaiveDate) -> Element<'a, Message> {
    let due: Element<'a, Message> = match r.next_due {
        Some(d) => {
            let color = if r.overdue || d < today {
                Some(style::OVERDUE)
            } else if (d - today).num_days() <= SOON_DAYS {
                Some(style::DUE_SOON)
            } else {
                None
            };
            text(format_date(d)).size(style::BODY).color_maybe(color).width(Length::Fixed(104.0)).into()
        }
        None => style::muted_text("—").width(Length::Fixed(104.0)).into(),
    };
    let mut status = row![style::pill(t(lang, r.status.label_id()), style::status_color(r.status))].spacing(4);
    if r.overdue {
        status = status.push(style::dot(style::OVERDUE, 8.0));
    }
    let content = row![
        text(r.code.clone()).size(style::BODY).font(style::BOLD).width(Length::Fixed(56.0)),
        container(text(short(&r.description, 170)).size(style::BODY)).width(Length::Fill).height(Length::Fixed(ROW_HEIGHT - 14.0)).clip(true).align_y(Alignment::Center),
        text(t(lang, r.role.label_id())).size(style::SMALL).width(Length::Fixed(86.0)),
        due,
        container(status.align_y(Alignment::Center)).width(Length::Fixed(170.0)),
        text(if r.evidence_count > 0 { r.evidence_count.to_string() } else { "—".to_owned() })
            .size(style::BODY)
            .width(Length::Fixed(64.0)),
    ]
    .spacing(style::S12)
    .align_y(Alignment::Center);
    button(content)
        .width(Length::Fill)
        .height(Length::Fixed(ROW_HEIGHT))
        .padding([6, 10])
        .style(style::list_row(false))
        .on_press(Message::Open(r.code.clone()))
        .into()
}

/// Cuts `s` to at most `n` characters, adding "…".
pub fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out = out.trim_end().to_owned();
        out.push('…');
        out
    }
}

/// Sort key of a task code: "1.10" after "1.9".
pub fn code_key(code: &str) -> Vec<(u32, String)> {
    code.split('.').map(|p| (p.parse::<u32>().unwrap_or(u32::MAX), p.to_owned())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn synthetic(n: usize) -> Vec<Row> {
        (0..n)
            .map(|i| Row {
                code: format!("{}.{}", i / 100 + 1, i % 100 + 1),
                area: "1".into(),
                description: format!("Kiểm tra nhiệm vụ số {i}"),
                role: Role::Lead,
                status: Status::InProgress,
                progress: 10,
                next_due: NaiveDate::from_ymd_opt(2023, 1 + (i % 12) as u32, 1),
                overdue: i % 7 == 0,
                evidence_count: i % 3,
            })
            .collect()
    }

    #[test]
    fn only_the_rows_in_view_are_built_for_ten_thousand_rows() {
        let mut s = State::default();
        s.set_rows(synthetic(10_000));
        s.update(Message::Scrolled { offset: 0.0, height: 520.0 });
        let top = visible_range(10_000, 0.0, 520.0, ROW_HEIGHT);
        assert_eq!(top.start, 0);
        assert_eq!(top.end, 10 + OVERSCAN);
        assert!(built_rows(&s) < 30, "built {}", built_rows(&s));
        // Scrolled to the middle: a window around row 5000.
        s.update(Message::Scrolled { offset: 5000.0 * ROW_HEIGHT, height: 520.0 });
        let mid = visible_range(10_000, s.scroll_y, s.viewport_height, ROW_HEIGHT);
        assert!(mid.contains(&5000) && mid.contains(&5009), "{mid:?}");
        assert!(mid.len() < 30);
        // At the end it stops at the last row.
        let end = visible_range(10_000, 9_995.0 * ROW_HEIGHT, 520.0, ROW_HEIGHT);
        assert_eq!(end.end, 10_000);
        // The view is built from that window only (its speed is a benchmark's
        // business, not a test's).
        let ws = crate::workspace::Workspace::in_memory().unwrap();
        let _ = s.view(&ws.plan, Lang::Vi, NaiveDate::from_ymd_opt(2023, 6, 1).unwrap());
        assert!(built_rows(&s) < 30, "built {}", built_rows(&s));
    }

    #[test]
    fn sorting_by_code_is_numeric_and_by_due_puts_undated_last() {
        let mut s = State::default();
        let mut rows = synthetic(3);
        rows[0].code = "1.10".into();
        rows[1].code = "1.9".into();
        rows[2].code = "2.1".into();
        rows[2].next_due = None;
        s.set_rows(rows);
        assert_eq!(s.rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), ["1.9", "1.10", "2.1"]);
        s.update(Message::Sort(Sort::Due));
        assert_eq!(s.rows.last().unwrap().code, "2.1");
    }

    #[test]
    fn filter_messages_change_filters_and_ask_for_a_reload() {
        let mut s = State::default();
        assert_eq!(s.update(Message::Search("kiem tra".into())), Some(Event::Reload));
        assert_eq!(s.filters.to_filter().search, "kiem tra");
        assert_eq!(s.update(Message::Status(Choice::new(Some(Status::Done), "x".into()))), Some(Event::Reload));
        s.update(Message::DueSoon);
        assert_eq!(s.filters.to_filter().due_within_days, Some(SOON_DAYS));
        s.update(Message::Clear);
        assert_eq!(s.filters, Filters::default());
        assert_eq!(s.update(Message::Open("1.2".into())), Some(Event::Open("1.2".into())));
    }
}
