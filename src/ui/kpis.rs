//! KPIs ("Chỉ tiêu"): the plan's targets for the unit; per quarter the clerk
//! enters numerator/denominator (or a value, or achieved/not) and sees the
//! computed rate against the target, for the quarter and the year so far.

use std::collections::BTreeMap;

use iced::widget::{button, column, container, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length};

use super::{Quarters, style, t, ta};
use crate::domain::{Figure, KpiState, Period, TargetKind};
use crate::i18n::{Lang, format_number};
use crate::workspace::KpiRow;

#[derive(Debug, Clone)]
pub struct State {
    pub quarters: Quarters,
    /// Typed numerator and denominator per target code.
    pub inputs: BTreeMap<String, (String, String)>,
    /// The quarter's rows and the year's rows (figures summed).
    pub rows: Vec<KpiRow>,
    pub year_rows: Vec<KpiRow>,
    /// The last problem, with the target it concerns.
    pub error: Option<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Quarter(u32),
    Num(String, String),
    Den(String, String),
    YesNo(String, bool),
    Save(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The quarter changed: reload rows and inputs.
    Reload,
    Save { target: String, period: Period, figure: Figure },
}

pub use crate::i18n::parse_number;

/// The field of a target's numerator (or value), and of its denominator.
pub fn num_id(code: &str) -> iced::widget::Id {
    iced::widget::Id::from(format!("kpi-num-{code}"))
}

pub fn den_id(code: &str) -> iced::widget::Id {
    iced::widget::Id::from(format!("kpi-den-{code}"))
}

impl State {
    pub fn new(year: i32, quarter: u32) -> State {
        State { quarters: Quarters::new(year, quarter), inputs: BTreeMap::new(), rows: vec![], year_rows: vec![], error: None }
    }

    /// Fills the inputs from the unit's own figures of the quarter.
    pub fn set_inputs(&mut self, lang: Lang, own: &BTreeMap<String, Figure>) {
        self.inputs.clear();
        for r in &self.rows {
            let f = own.get(&r.target.code);
            let (n, d) = match (r.target.kind, f) {
                (_, None) => (String::new(), String::new()),
                (TargetKind::Rate, Some(f)) => (format_number(lang, f.numerator, 2), format_number(lang, f.denominator, 2)),
                (_, Some(f)) => (format_number(lang, f.numerator, 2), String::new()),
            };
            self.inputs.insert(r.target.code.clone(), (n, d));
        }
    }

    pub fn update(&mut self, message: Message, lang: Lang) -> Option<Event> {
        match message {
            Message::Quarter(q) => {
                self.quarters.pick(q);
                self.error = None;
                Some(Event::Reload)
            }
            Message::Num(code, v) => {
                self.inputs.entry(code).or_default().0 = v;
                None
            }
            Message::Den(code, v) => {
                self.inputs.entry(code).or_default().1 = v;
                None
            }
            Message::YesNo(code, yes) => {
                self.inputs.entry(code.clone()).or_default().0 = if yes { "1".into() } else { "0".into() };
                self.update(Message::Save(code), lang)
            }
            Message::Save(code) => {
                let kind = self.rows.iter().find(|r| r.target.code == code).map(|r| r.target.kind)?;
                let (n, d) = self.inputs.get(&code).cloned().unwrap_or_default();
                let bad = |v: &str| ta(lang, "err-bad-number", &[("value", v.into())]);
                let num = match parse_number(lang, &n) {
                    Some(v) => v,
                    None => {
                        self.error = Some((code, bad(&n)));
                        return None;
                    }
                };
                let den = match kind {
                    TargetKind::Rate => match parse_number(lang, &d) {
                        Some(v) => v,
                        None => {
                            self.error = Some((code, bad(&d)));
                            return None;
                        }
                    },
                    TargetKind::YesNo => 1.0,
                    TargetKind::Value => 0.0,
                };
                self.error = None;
                Some(Event::Save { target: code, period: self.quarters.period(), figure: Figure { numerator: num, denominator: den } })
            }
        }
    }

    pub fn view(&self, lang: Lang) -> Element<'_, Message> {
        let quarters = self.quarters.chips(lang, Message::Quarter);
        let head = row![
            text(t(lang, "ui-kpi-target")).size(style::SMALL).font(style::BOLD).width(Length::Fill),
            text(t(lang, "ui-kpi-goal")).size(style::SMALL).font(style::BOLD).width(Length::Fixed(80.0)),
            text(t(lang, "ui-kpi-figures")).size(style::SMALL).font(style::BOLD).width(Length::Fixed(300.0)),
            text(self.quarters.label(lang)).size(style::SMALL).font(style::BOLD).width(Length::Fixed(130.0)),
            text(ta(lang, "ui-kpi-year", &[("year", self.quarters.year.to_string().into())])).size(style::SMALL).font(style::BOLD).width(Length::Fixed(130.0)),
        ]
        .spacing(style::S12)
        .padding([0, 12]);
        let mut list = column![].spacing(6);
        if self.rows.is_empty() {
            list = list.push(style::muted_text(t(lang, "ui-kpi-none")));
        }
        for r in &self.rows {
            let yr = self.year_rows.iter().find(|y| y.target.code == r.target.code);
            list = list.push(self.row_view(r, yr, lang));
        }
        let page = column![style::header(t(lang, "kpi-title"), quarters.into())].spacing(style::S12);
        page.push(
            container(column![container(head).padding([8, 0]), iced::widget::rule::horizontal(1), scrollable(list.padding(iced::Padding { top: 8.0, right: 14.0, bottom: 8.0, left: 0.0 })).height(Length::Fill)])
                .padding([0, 4])
                .height(Length::Fill)
                .style(style::card),
        )
        .into()
    }

    fn row_view<'a>(&'a self, r: &'a KpiRow, yr: Option<&'a KpiRow>, lang: Lang) -> Element<'a, Message> {
        let code = r.target.code.clone();
        let (n, d) = self.inputs.get(&code).cloned().unwrap_or_default();
        let goal = r.target.goal(lang);
        let figures: Element<'a, Message> = match r.target.kind {
            TargetKind::Rate => row![
                text_input(&t(lang, "ui-kpi-num"), &n).id(num_id(&code)).on_input({ let c = code.clone(); move |v| Message::Num(c.clone(), v) }).on_submit(Message::Save(code.clone())).size(style::SMALL).padding(5).width(Length::Fixed(80.0)),
                text("/").size(style::BODY),
                text_input(&t(lang, "ui-kpi-den"), &d).id(den_id(&code)).on_input({ let c = code.clone(); move |v| Message::Den(c.clone(), v) }).on_submit(Message::Save(code.clone())).size(style::SMALL).padding(5).width(Length::Fixed(80.0)),
                button(text(t(lang, "ui-save")).size(style::SMALL)).padding([5, 10]).on_press(Message::Save(code.clone())),
            ]
            .spacing(6)
            .align_y(Alignment::Center)
            .into(),
            TargetKind::Value => row![
                text_input(&t(lang, "ui-kpi-value"), &n).id(num_id(&code)).on_input({ let c = code.clone(); move |v| Message::Num(c.clone(), v) }).on_submit(Message::Save(code.clone())).size(style::SMALL).padding(5).width(Length::Fixed(120.0)),
                button(text(t(lang, "ui-save")).size(style::SMALL)).padding([5, 10]).on_press(Message::Save(code.clone())),
            ]
            .spacing(6)
            .align_y(Alignment::Center)
            .into(),
            TargetKind::YesNo => row![
                button(text(t(lang, "kpi-met")).size(style::SMALL)).padding([5, 10]).style(style::chip(n == "1")).on_press(Message::YesNo(code.clone(), true)),
                button(text(t(lang, "kpi-not-met")).size(style::SMALL)).padding([5, 10]).style(style::chip(n == "0")).on_press(Message::YesNo(code.clone(), false)),
            ]
            .spacing(6)
            .into(),
        };
        let result = |k: Option<&KpiRow>| -> Element<'a, Message> {
            match k {
                Some(k) if k.state != KpiState::NoData => {
                    let v = match (k.target.kind, k.value) {
                        (TargetKind::YesNo, Some(v)) => t(lang, if v >= 1.0 { "kpi-met" } else { "kpi-not-met" }),
                        (_, Some(v)) => format!("{}{}", format_number(lang, v, 1), k.target.unit),
                        (_, None) => "—".into(),
                    };
                    row![style::dot(style::kpi_color(k.state), 10.0), text(v).size(style::BODY).font(style::BOLD)].spacing(6).align_y(Alignment::Center).into()
                }
                _ => row![style::dot(style::kpi_color(KpiState::NoData), 10.0), style::muted_text(t(lang, "kpi-no-data"))].spacing(6).align_y(Alignment::Center).into(),
            }
        };
        let mut desc = column![row![text(code.clone()).size(style::SMALL).font(style::BOLD), text(r.target.text.clone()).size(style::SMALL)].spacing(6)].spacing(2);
        if r.target.kind == TargetKind::Rate && !r.target.numerator.is_empty() {
            desc = desc.push(style::muted_text(format!("{} / {}", r.target.numerator, r.target.denominator)));
        }
        if let Some((c, e)) = &self.error
            && *c == code
        {
            desc = desc.push(text(e.clone()).size(style::SMALL).color(style::OVERDUE));
        }
        container(
            row![
                desc.width(Length::Fill),
                text(goal).size(style::BODY).width(Length::Fixed(80.0)),
                container(figures).width(Length::Fixed(300.0)),
                container(result(Some(r))).width(Length::Fixed(130.0)),
                container(result(yr)).width(Length::Fixed(130.0)),
            ]
            .spacing(style::S12)
            .align_y(Alignment::Center),
        )
        .padding([6, 12])
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_in_the_language_of_the_window() {
        assert_eq!(parse_number(Lang::Vi, "1.234,5"), Some(1234.5));
        assert_eq!(parse_number(Lang::Vi, "98,5"), Some(98.5));
        assert_eq!(parse_number(Lang::Vi, "412"), Some(412.0));
        assert_eq!(parse_number(Lang::En, "1,234.5"), Some(1234.5));
        assert_eq!(parse_number(Lang::En, "98.5"), Some(98.5));
        assert_eq!(parse_number(Lang::Vi, "abc"), None);
        assert_eq!(parse_number(Lang::Vi, ""), None);
    }

    #[test]
    fn saving_a_rate_needs_both_numbers() {
        let mut ws = crate::workspace::Workspace::in_memory().unwrap();
        ws.set_unit("X-ANT").unwrap();
        let mut s = State::new(2023, 2);
        s.rows = ws.kpi_rows("X-ANT", s.quarters.period()).unwrap();
        let rate = s.rows.iter().find(|r| r.target.kind == TargetKind::Rate).unwrap().target.code.clone();
        s.update(Message::Num(rate.clone(), "412".into()), Lang::Vi);
        assert_eq!(s.update(Message::Save(rate.clone()), Lang::Vi), None);
        assert_eq!(s.error.as_ref().map(|e| e.0.as_str()), Some(rate.as_str()));
        s.update(Message::Den(rate.clone(), "415".into()), Lang::Vi);
        assert_eq!(
            s.update(Message::Save(rate.clone()), Lang::Vi),
            Some(Event::Save { target: rate, period: Period::quarter(2023, 2), figure: Figure { numerator: 412.0, denominator: 415.0 } })
        );
        assert!(s.error.is_none());
        assert_eq!(s.update(Message::Quarter(3), Lang::Vi), Some(Event::Reload));
    }
}
