//! Calendar ("Lịch"): every milestone of the unit's tasks on its day —
//! month grid, quarter view and an agenda of the coming weeks — coloured
//! overdue / due soon / done / upcoming; on-demand tasks listed beside.

use chrono::{Datelike, Duration, NaiveDate};
use iced::widget::{button, column, container, row, scrollable, space, text};
use iced::{Alignment, Color, Element, Length};

use super::tasks::SOON_DAYS;
use super::{style, t, ta};
use crate::i18n::{Lang, format_date};
use crate::progress::TaskRow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Overdue,
    DueSoon,
    Done,
    Upcoming,
}

impl Kind {
    pub fn color(self) -> Color {
        match self {
            Kind::Overdue => style::OVERDUE,
            Kind::DueSoon => style::DUE_SOON,
            Kind::Done => style::DONE,
            Kind::Upcoming => style::UPCOMING,
        }
    }
    fn label_id(self) -> &'static str {
        match self {
            Kind::Overdue => "overdue",
            Kind::DueSoon => "ui-due-soon",
            Kind::Done => "status-done",
            Kind::Upcoming => "ui-ms-open",
        }
    }
}

/// One milestone on one day.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub date: NaiveDate,
    pub code: String,
    pub description: String,
    pub kind: Kind,
}

/// A task without fixed dates (on demand, continuous).
#[derive(Debug, Clone, PartialEq)]
pub struct Floating {
    pub code: String,
    pub description: String,
}

/// Every milestone of `rows` (each occurrence of a recurring deadline), by date.
pub fn build(rows: &[TaskRow<'_>], today: NaiveDate) -> (Vec<Item>, Vec<Floating>) {
    let mut items = vec![];
    let mut floating = vec![];
    for r in rows {
        let dates = r.task.schedule.dates();
        if dates.is_empty() || r.task.schedule.on_demand {
            floating.push(Floating { code: r.task.code.clone(), description: r.task.description.clone() });
        }
        for d in dates {
            let done = r.state.milestones_done.contains_key(&d) || r.state.status.is_done();
            let kind = if done {
                Kind::Done
            } else if r.state.status.is_closed() {
                continue; // not applicable: nothing is due
            } else if d < today {
                Kind::Overdue
            } else if (d - today).num_days() <= SOON_DAYS {
                Kind::DueSoon
            } else {
                Kind::Upcoming
            };
            items.push(Item { date: d, code: r.task.code.clone(), description: r.task.description.clone(), kind });
        }
    }
    items.sort_by(|a, b| (a.date, super::tasks::code_key(&a.code)).cmp(&(b.date, super::tasks::code_key(&b.code))));
    (items, floating)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Month,
    Quarter,
    Agenda,
}

#[derive(Debug, Clone)]
pub struct State {
    pub mode: Mode,
    /// The first day of the month shown (month mode), or of the quarter's first month.
    pub month: NaiveDate,
    pub items: Vec<Item>,
    pub floating: Vec<Floating>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Mode(Mode),
    Prev,
    Next,
    Today,
    Open(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Open(String),
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).expect("day 1 exists")
}

fn add_months(d: NaiveDate, n: i32) -> NaiveDate {
    let m = d.year() * 12 + d.month0() as i32 + n;
    NaiveDate::from_ymd_opt(m.div_euclid(12), m.rem_euclid(12) as u32 + 1, 1).expect("valid month")
}

fn quarter_start(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year(), d.month0() / 3 * 3 + 1, 1).expect("valid quarter")
}

impl State {
    pub fn new(today: NaiveDate) -> State {
        State { mode: Mode::Month, month: first_of_month(today), items: vec![], floating: vec![] }
    }

    pub fn update(&mut self, message: Message, today: NaiveDate) -> Option<Event> {
        let step = if self.mode == Mode::Quarter { 3 } else { 1 };
        match message {
            Message::Mode(m) => {
                self.mode = m;
                if m == Mode::Quarter {
                    self.month = quarter_start(self.month);
                }
            }
            Message::Prev => self.month = add_months(self.month, -step),
            Message::Next => self.month = add_months(self.month, step),
            Message::Today => {
                self.month = if self.mode == Mode::Quarter { quarter_start(today) } else { first_of_month(today) };
            }
            Message::Open(c) => return Some(Event::Open(c)),
        }
        None
    }

    /// Milestones on `day`.
    pub fn on(&self, day: NaiveDate) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(move |i| i.date == day)
    }

    pub fn view(&self, lang: Lang, today: NaiveDate) -> Element<'_, Message> {
        let modes = row([(Mode::Month, "ui-cal-month-view"), (Mode::Quarter, "ui-cal-quarter-view"), (Mode::Agenda, "ui-cal-agenda")]
            .into_iter()
            .map(|(m, id)| button(text(t(lang, id)).size(style::SMALL)).padding([5, 12]).style(style::chip(self.mode == m)).on_press(Message::Mode(m)).into()))
        .spacing(6);
        let nav = row![
            button(text("‹").size(style::BODY)).padding([4, 12]).style(button::secondary).on_press_maybe((self.mode != Mode::Agenda).then_some(Message::Prev)),
            button(text(t(lang, "ui-cal-today")).size(style::SMALL)).padding([5, 12]).style(button::secondary).on_press(Message::Today),
            button(text("›").size(style::BODY)).padding([4, 12]).style(button::secondary).on_press_maybe((self.mode != Mode::Agenda).then_some(Message::Next)),
        ]
        .spacing(6)
        .align_y(Alignment::Center);
        let title = match self.mode {
            Mode::Month => month_title(lang, self.month),
            Mode::Quarter => super::quarter_label(lang, self.month.month0() / 3 + 1, self.month.year()),
            Mode::Agenda => t(lang, "ui-cal-agenda-title"),
        };
        let legend = row([Kind::Overdue, Kind::DueSoon, Kind::Done, Kind::Upcoming]
            .into_iter()
            .map(|k| row![style::dot(k.color(), 10.0), style::muted_text(t(lang, k.label_id()))].spacing(4).align_y(Alignment::Center).into())
            .chain(std::iter::once(
                row![style::dot(style::ON_DEMAND, 10.0), style::muted_text(t(lang, "flag-on-demand"))].spacing(4).align_y(Alignment::Center).into(),
            )))
        .spacing(style::S12);
        let body: Element<'_, Message> = match self.mode {
            Mode::Month => self.month_grid(lang, today),
            Mode::Quarter => self.quarter_view(lang),
            Mode::Agenda => self.agenda(lang, today),
        };
        column![
            style::header(t(lang, "ui-nav-calendar"), row![modes, nav].spacing(style::S16).align_y(Alignment::Center).into()),
            row![text(title).size(style::TITLE).font(style::BOLD), space::horizontal(), legend].align_y(Alignment::Center),
            row![container(body).width(Length::Fill).height(Length::Fill), self.floating_view(lang)].spacing(style::S12),
        ]
        .spacing(style::S12)
        .into()
    }

    fn chip<'a>(&self, item: &'a Item) -> Element<'a, Message> {
        let c = item.kind.color();
        button(text(item.code.clone()).size(12).font(style::BOLD).color(Color::WHITE))
            .padding([1, 6])
            .style(move |_, status| button::Style {
                background: Some(iced::Background::Color(if matches!(status, button::Status::Hovered) { Color { a: 0.8, ..c } } else { c })),
                text_color: Color::WHITE,
                border: iced::Border { radius: 4.0.into(), ..Default::default() },
                ..button::Style::default()
            })
            .on_press(Message::Open(item.code.clone()))
            .into()
    }

    fn month_grid(&self, lang: Lang, today: NaiveDate) -> Element<'_, Message> {
        let start = self.month - Duration::days(self.month.weekday().num_days_from_monday() as i64);
        let heads = row((1..=7).map(|d| container(style::muted_text(t(lang, &format!("ui-wd-{d}")))).width(Length::Fill).padding([0, 6]).into())).spacing(4);
        let mut weeks = column![heads].spacing(4);
        for w in 0..6 {
            let mut r = row![].spacing(4).height(Length::Fill);
            for d in 0..7 {
                let day = start + Duration::days(w * 7 + d);
                let inside = day.month() == self.month.month();
                let items: Vec<&Item> = self.on(day).collect();
                let chips = row(items.iter().take(6).map(|it| self.chip(it))).spacing(3).wrap();
                let number = text(day.day().to_string())
                    .size(style::SMALL)
                    .font(if day == today { style::BOLD } else { style::FONT });
                let mut cell = column![number].spacing(3);
                if !items.is_empty() {
                    cell = cell.push(chips);
                }
                if items.len() > 6 {
                    cell = cell.push(style::muted_text(format!("+{}", items.len() - 6)));
                }
                let is_today = day == today;
                r = r.push(
                    container(cell)
                        .id(day_id(day))
                        .padding(5)
                        .width(Length::Fill)
                        .height(Length::Fill)
                        .clip(true)
                        .style(move |th: &iced::Theme| {
                            let p = th.extended_palette();
                            container::Style {
                                background: Some(iced::Background::Color(if inside { style::surface(th) } else { Color { a: 0.0, ..Color::BLACK } })),
                                text_color: if inside { None } else { Some(style::muted(th)) },
                                border: iced::Border {
                                    color: if is_today { p.primary.base.color } else { style::line(th) },
                                    width: if is_today { 2.0 } else { 1.0 },
                                    radius: 4.0.into(),
                                },
                                ..container::Style::default()
                            }
                        }),
                );
            }
            weeks = weeks.push(r);
        }
        weeks.height(Length::Fill).into()
    }

    fn quarter_view(&self, lang: Lang) -> Element<'_, Message> {
        let mut cols = row![].spacing(style::S12);
        for k in 0..3 {
            let m = add_months(self.month, k);
            let end = add_months(m, 1);
            let mut list = column![text(month_title(lang, m)).size(style::BODY).font(style::BOLD)].spacing(6);
            let items: Vec<&Item> = self.items.iter().filter(|i| i.date >= m && i.date < end).collect();
            if items.is_empty() {
                list = list.push(style::muted_text(t(lang, "ui-cal-nothing")));
            }
            for it in items {
                list = list.push(entry(it, false));
            }
            cols = cols.push(container(scrollable(list.padding(iced::Padding { right: 10.0, ..iced::Padding::ZERO }))).padding(style::S12).width(Length::Fill).height(Length::Fill).style(style::card));
        }
        cols.into()
    }

    fn agenda(&self, lang: Lang, today: NaiveDate) -> Element<'_, Message> {
        let end = today + Duration::days(42);
        let overdue: Vec<&Item> = self.items.iter().filter(|i| i.kind == Kind::Overdue).collect();
        let mut list = column![].spacing(6);
        if !overdue.is_empty() {
            list = list.push(text(t(lang, "overdue")).size(style::BODY).font(style::BOLD).color(style::OVERDUE));
            for it in overdue {
                list = list.push(entry(it, true));
            }
            list = list.push(space().height(8));
        }
        list = list.push(text(ta(lang, "ui-cal-next-weeks", &[("from", format_date(today).into()), ("to", format_date(end).into())])).size(style::BODY).font(style::BOLD));
        let coming: Vec<&Item> = self.items.iter().filter(|i| i.date >= today && i.date <= end).collect();
        if coming.is_empty() {
            list = list.push(style::muted_text(t(lang, "ui-cal-nothing")));
        }
        for it in coming {
            list = list.push(entry(it, true));
        }
        container(scrollable(list.padding(iced::Padding { right: 12.0, ..iced::Padding::ZERO })).height(Length::Fill)).padding(style::S12).height(Length::Fill).style(style::card).into()
    }

    fn floating_view(&self, lang: Lang) -> Element<'_, Message> {
        let mut list = column![text(t(lang, "ui-cal-floating")).size(style::BODY).font(style::BOLD)].spacing(6);
        if self.floating.is_empty() {
            list = list.push(style::muted_text(t(lang, "ui-cal-nothing")));
        }
        for f in &self.floating {
            list = list.push(
                button(
                    row![style::dot(style::ON_DEMAND, 8.0), text(f.code.clone()).size(style::SMALL).font(style::BOLD), text(super::tasks::short(&f.description, 48)).size(style::SMALL)]
                        .spacing(6)
                        .align_y(Alignment::Center),
                )
                .width(Length::Fill)
                .padding([3, 4])
                .style(style::list_row(false))
                .on_press(Message::Open(f.code.clone())),
            );
        }
        container(scrollable(list.padding(iced::Padding { right: 10.0, ..iced::Padding::ZERO })).height(Length::Fill))
            .padding(style::S12)
            .width(Length::Fixed(250.0))
            .height(Length::Fill)
            .style(style::card)
            .into()
    }
}

fn entry(it: &Item, long: bool) -> Element<'_, Message> {
    let head = row![
        style::dot(it.kind.color(), 9.0),
        text(format_date(it.date)).size(style::SMALL).width(Length::Fixed(80.0)),
        text(it.code.clone()).size(style::SMALL).font(style::BOLD).width(Length::Fixed(34.0)),
    ]
    .spacing(6)
    .align_y(Alignment::Center);
    // Wide lists (agenda) keep one line per milestone; narrow columns (quarter) put the text below.
    let content: Element<'_, Message> = if long {
        head.push(text(super::tasks::short(&it.description, 120)).size(style::SMALL).width(Length::Fill)).into()
    } else {
        column![head, text(super::tasks::short(&it.description, 90)).size(style::SMALL)].spacing(2).into()
    };
    button(content)
        .width(Length::Fill)
        .padding([3, 4])
        .style(style::list_row(false))
        .on_press(Message::Open(it.code.clone()))
        .into()
}

/// The widget id of a day's cell in the month grid ("day-2023-10-31").
pub fn day_id(day: NaiveDate) -> String {
    format!("day-{day}")
}

pub fn month_title(lang: Lang, first: NaiveDate) -> String {
    ta(lang, "ui-cal-month-title", &[("month", t(lang, &format!("ui-month-{}", first.month())).into()), ("year", first.year().to_string().into())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn navigation_moves_by_month_or_quarter_and_today_returns() {
        let today = NaiveDate::from_ymd_opt(2023, 10, 20).unwrap();
        let mut s = State::new(today);
        assert_eq!(s.month, NaiveDate::from_ymd_opt(2023, 10, 1).unwrap());
        s.update(Message::Next, today);
        s.update(Message::Next, today);
        s.update(Message::Next, today);
        assert_eq!(s.month, NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
        s.update(Message::Prev, today);
        assert_eq!(s.month, NaiveDate::from_ymd_opt(2023, 12, 1).unwrap());
        s.update(Message::Mode(Mode::Quarter), today);
        assert_eq!(s.month, NaiveDate::from_ymd_opt(2023, 10, 1).unwrap());
        s.update(Message::Prev, today);
        assert_eq!(s.month, NaiveDate::from_ymd_opt(2023, 7, 1).unwrap());
        s.update(Message::Today, today);
        assert_eq!(s.month, NaiveDate::from_ymd_opt(2023, 10, 1).unwrap());
        assert_eq!(s.update(Message::Open("1.2".into()), today), Some(Event::Open("1.2".into())));
    }
}
