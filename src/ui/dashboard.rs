//! Dashboard ("Tổng quan"): counts for a quarter and the year, what is
//! overdue and due soon, done without evidence, KPI traffic lights. Every
//! number opens the task list (or the KPIs) filtered to it.

use chrono::NaiveDate;
use iced::widget::{button, column, container, row, scrollable, space, text};
use iced::{Alignment, Color, Element, Length};

use super::tasks::{Filters, Row, SOON_DAYS};
use super::{Quarters, style, t, ta};
use crate::domain::{KpiState, Period, Status};
use crate::i18n::{Lang, format_date};
use crate::progress::Summary;
use crate::workspace::KpiRow;

/// What the dashboard shows, computed by the app from the workspace.
#[derive(Debug, Clone, Default)]
pub struct Data {
    pub quarter: Summary,
    pub year: Summary,
    /// Overdue and due-soon rows (all periods), by date.
    pub overdue: Vec<Row>,
    pub due_soon: Vec<Row>,
    pub kpi_quarter: Vec<KpiRow>,
    pub kpi_year: Vec<KpiRow>,
    /// The requests of the office above, with what was done since.
    pub requests: Vec<crate::bundle::feedback::RequestState>,
}

#[derive(Debug, Clone)]
pub struct State {
    pub quarters: Quarters,
    pub data: Data,
    /// The requests of the office above are listed (the count was clicked).
    pub show_requests: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Quarter(u32),
    Show(Filters),
    OpenTask(String),
    OpenKpis(Option<u32>),
    /// "Cấp trên yêu cầu bổ sung: 3" was clicked: list the requests, or fold them.
    ToggleRequests,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The quarter changed: the app recomputes the data.
    Reload,
    ShowTasks(Filters),
    OpenTask(String),
    OpenKpis(Option<u32>),
}

impl State {
    /// Opens on the quarter containing `today` (within the plan year).
    pub fn new(year: i32, today: NaiveDate) -> State {
        State { quarters: Quarters::containing(year, today), data: Data::default(), show_requests: false }
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Quarter(q) => {
                self.quarters.pick(q);
                Some(Event::Reload)
            }
            Message::Show(f) => Some(Event::ShowTasks(f)),
            Message::OpenTask(c) => Some(Event::OpenTask(c)),
            Message::OpenKpis(q) => Some(Event::OpenKpis(q)),
            Message::ToggleRequests => {
                self.show_requests = !self.show_requests;
                None
            }
        }
    }

    pub fn view(&self, lang: Lang) -> Element<'_, Message> {
        let quarters = self.quarters.chips(lang, Message::Quarter);
        let q = self.quarters.period();
        let y = self.quarters.whole_year();
        let block = |title: String, s: &Summary, period: Period| -> Element<'_, Message> {
            let base = Filters { period: Some(period), ..Filters::default() };
            let mut cards = row![number_card(
                t(lang, "ui-dash-total"),
                s.total,
                style::UPCOMING,
                Message::Show(base.clone())
            )]
            .spacing(style::S8);
            for st in Status::ALL {
                cards = cards.push(number_card(
                    t(lang, st.label_id()),
                    s.by_status.get(&st).copied().unwrap_or(0),
                    style::status_color(st),
                    Message::Show(Filters { status: Some(st), ..base.clone() }),
                ));
            }
            column![text(title).size(style::TITLE).font(style::BOLD), cards].spacing(style::S8).into()
        };
        let attention = row![
            number_card(
                t(lang, "overdue"),
                self.data.year.overdue,
                style::OVERDUE,
                Message::Show(Filters { overdue: true, ..Filters::default() })
            ),
            number_card(
                ta(lang, "ui-dash-due-soon", &[("days", SOON_DAYS.into())]),
                self.data.year.due_soon,
                style::DUE_SOON,
                Message::Show(Filters { due_soon: true, ..Filters::default() })
            ),
            number_card(
                t(lang, "ui-dash-no-evidence"),
                self.data.year.done_without_evidence,
                style::OVERDUE,
                Message::Show(Filters { no_evidence: true, ..Filters::default() })
            ),
        ]
        .spacing(style::S8);

        let lists = row![
            container(style::section(t(lang, "ui-dash-overdue-list"), task_list(&self.data.overdue, lang, style::OVERDUE, t(lang, "ui-dash-nothing-overdue")))).width(Length::Fill),
            container(style::section(
                ta(lang, "ui-dash-due-soon", &[("days", SOON_DAYS.into())]),
                task_list(&self.data.due_soon, lang, style::DUE_SOON, t(lang, "ui-dash-nothing-due"))
            ))
            .width(Length::Fill),
            container(style::section(t(lang, "kpi-title"), kpi_lights(self, lang))).width(Length::Fill),
        ]
        .spacing(style::S12);

        let mut page = column![style::header(t(lang, "ui-nav-dashboard"), quarters.into())];
        page = page.extend(super::review::dashboard_block(&self.data.requests, lang, self.show_requests, Message::ToggleRequests, Message::OpenTask));
        scrollable(
            page.push(column![
                block(ta(lang, "ui-dash-quarter", &[("quarter", self.quarters.label(lang).into())]), &self.data.quarter, q),
                block(ta(lang, "ui-dash-year", &[("year", self.quarters.year.to_string().into())]), &self.data.year, y),
                column![text(t(lang, "ui-dash-attention")).size(style::TITLE).font(style::BOLD), attention].spacing(style::S8),
                lists,
            ]
            .spacing(style::S16))
            .spacing(style::S16)
            .padding(iced::Padding { right: 14.0, ..iced::Padding::ZERO }),
        )
        .height(Length::Fill)
        .into()
    }
}

fn number_card<'a>(label: String, n: usize, color: Color, on: Message) -> Element<'a, Message> {
    button(
        column![
            row![style::dot(color, 10.0), text(label).size(style::SMALL)].spacing(6).align_y(Alignment::Center),
            text(n.to_string()).size(26).font(style::BOLD),
        ]
        .spacing(4),
    )
    .padding([10, 12])
    .width(Length::Fill)
    .style(style::card_button)
    .on_press(on)
    .into()
}

fn task_list<'a>(rows: &'a [Row], lang: Lang, color: Color, empty: String) -> Element<'a, Message> {
    if rows.is_empty() {
        return style::muted_text(empty).into();
    }
    let mut c = column![].spacing(2);
    for r in rows.iter().take(8) {
        c = c.push(
            button(
                row![
                    text(r.next_due.map(format_date).unwrap_or_default()).size(style::SMALL).color(color).width(Length::Fixed(84.0)),
                    text(r.code.clone()).size(style::SMALL).font(style::BOLD).width(Length::Fixed(34.0)),
                    text(super::tasks::short(&r.description, 60)).size(style::SMALL).width(Length::Fill),
                ]
                .spacing(6),
            )
            .width(Length::Fill)
            .padding([4, 6])
            .style(style::list_row(false))
            .on_press(Message::OpenTask(r.code.clone())),
        );
    }
    if rows.len() > 8 {
        c = c.push(style::muted_text(ta(lang, "ui-dash-more", &[("count", (rows.len() - 8).into())])));
    }
    c.into()
}

fn kpi_lights(s: &State, lang: Lang) -> Element<'_, Message> {
    let count = |rows: &[KpiRow], st: KpiState| rows.iter().filter(|r| r.state == st).count();
    let line = |title: String, rows: &[KpiRow], q: Option<u32>| -> Element<'_, Message> {
        let r = row([KpiState::Met, KpiState::NotMet, KpiState::NoData].into_iter().map(|st| {
            button(
                row![style::dot(style::kpi_color(st), 10.0), text(format!("{} {}", count(rows, st), t(lang, st.label_id()))).size(style::SMALL)]
                    .spacing(4)
                    .align_y(Alignment::Center),
            )
            .padding([3, 6])
            .style(style::list_row(false))
            .on_press(Message::OpenKpis(q))
            .into()
        }))
        .spacing(4)
        .wrap();
        column![text(title).size(style::SMALL).font(style::BOLD), r].spacing(2).into()
    };
    let mut c = column![
        line(s.quarters.label(lang), &s.data.kpi_quarter, Some(s.quarters.quarter)),
        line(s.quarters.year.to_string(), &s.data.kpi_year, None),
    ]
    .spacing(6);
    let not_met: Vec<&KpiRow> = s.data.kpi_year.iter().filter(|r| r.state == KpiState::NotMet).collect();
    if !not_met.is_empty() {
        c = c.push(space().height(4));
        for r in not_met.iter().take(4) {
            c = c.push(
                row![style::dot(style::kpi_color(KpiState::NotMet), 8.0), text(super::tasks::short(&r.target.text, 60)).size(style::SMALL)]
                    .spacing(6)
                    .align_y(Alignment::Center),
            );
        }
    }
    c.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarter_and_clicks_report_events() {
        let mut s = State::new(2023, NaiveDate::from_ymd_opt(2023, 10, 20).unwrap());
        assert_eq!(s.quarters.quarter, 4);
        assert_eq!(s.update(Message::Quarter(2)), Some(Event::Reload));
        assert_eq!(s.quarters.period(), Period::quarter(2023, 2));
        let f = Filters { overdue: true, ..Filters::default() };
        assert_eq!(s.update(Message::Show(f.clone())), Some(Event::ShowTasks(f)));
        assert_eq!(s.update(Message::OpenKpis(Some(2))), Some(Event::OpenKpis(Some(2))));
        // Outside the plan year the first quarter is shown.
        assert_eq!(State::new(2023, NaiveDate::from_ymd_opt(2024, 5, 1).unwrap()).quarters.quarter, 1);
    }
}
