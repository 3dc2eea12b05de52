//! Small helpers every screen uses: translation, quarter labels and chips,
//! time stamps, pick-list choices.

use super::style;
use crate::i18n::{self, Arg, Lang};

/// Translates `id` in `lang`.
pub fn t(lang: Lang, id: &str) -> String {
    i18n::tr_in(lang, id, &[])
}

/// Translates `id` in `lang` with arguments.
pub fn ta(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    i18n::tr_in(lang, id, args)
}

/// "Quý IV/2023", "Q4 2023".
pub fn quarter_label(lang: Lang, q: u32, year: i32) -> String {
    let q = q.clamp(1, 4);
    ta(lang, "ui-quarter", &[("q", ["I", "II", "III", "IV"][(q - 1) as usize].into()), ("n", q.to_string().into()), ("year", year.to_string().into())])
}

/// The four quarter chips of `year`, the `selected` one highlighted.
pub fn quarter_chips<'a, M: Clone + 'a>(lang: Lang, year: i32, selected: u32, on_press: impl Fn(u32) -> M) -> iced::widget::Row<'a, M> {
    iced::widget::row((1..=4).map(|q| {
        iced::widget::button(iced::widget::text(quarter_label(lang, q, year)).size(style::SMALL))
            .padding([5, 12])
            .style(style::chip(q == selected))
            .on_press(on_press(q))
            .into()
    }))
    .spacing(6)
}

/// A stored timestamp ("2023-10-20T08:05:00") as "20/10/2023 08:05".
pub fn format_stamp(s: &str) -> String {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
        .map(|d| d.format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_else(|_| s.to_owned())
}

/// An option of a pick list: a value (or "all") and its label.
#[derive(Debug, Clone)]
pub struct Choice<T> {
    pub value: Option<T>,
    pub label: String,
}

impl<T> Choice<T> {
    pub fn new(value: Option<T>, label: String) -> Choice<T> {
        Choice { value, label }
    }
}

impl<T: PartialEq> PartialEq for Choice<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: PartialEq> Eq for Choice<T> {}

impl<T> std::fmt::Display for Choice<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// The plan's decision number, or its id while it has none (a plan rolled over).
pub fn plan_label(p: &crate::domain::Plan) -> String {
    if p.number.is_empty() { p.id.clone() } else { p.number.clone() }
}

/// What a schedule means, in words: its dates, then its flags (on demand,
/// continuous, per the higher level's plan, not understood).
pub fn schedule_words(lang: Lang, s: &crate::deadline::Schedule) -> Vec<String> {
    let mut out: Vec<String> = s.dates().into_iter().map(crate::i18n::format_date).collect();
    for (on, id) in [(s.on_demand, "flag-on-demand"), (s.continuous, "flag-continuous"), (s.external, "flag-external"), (s.unparsed, "flag-unparsed")] {
        if on {
            out.push(t(lang, id));
        }
    }
    out
}
