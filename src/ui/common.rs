//! Small helpers every screen uses: translation, quarter labels and chips,
//! time stamps, pick-list choices.

use super::style;
use crate::domain::Period;
use crate::i18n::Lang;
/// The window translates in its own language, always said: `t(lang, id)`, `ta(lang, id, args)`.
pub use crate::i18n::{t, ta};

/// "Quý IV/2023", "Q4 2023".
pub fn quarter_label(lang: Lang, q: u32, year: i32) -> String {
    let q = q.clamp(1, 4);
    ta(lang, "ui-quarter", &[("q", ["I", "II", "III", "IV"][(q - 1) as usize].into()), ("n", q.to_string().into()), ("year", year.to_string().into())])
}

/// The quarter a screen shows (dashboard, KPIs, reports, district): the
/// plan year and the picked quarter, with its four chips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quarters {
    pub year: i32,
    /// 1 to 4.
    pub quarter: u32,
}

impl Quarters {
    /// Quarter `quarter` (kept within 1–4) of `year`.
    pub fn new(year: i32, quarter: u32) -> Quarters {
        Quarters { year, quarter: quarter.clamp(1, 4) }
    }

    /// The quarter containing `today` when it falls in `year`, else the first.
    pub fn containing(year: i32, today: chrono::NaiveDate) -> Quarters {
        let q = if Period::year(year).contains(today) { crate::deadline::quarter_of(today) } else { 1 };
        Quarters::new(year, q)
    }

    /// Picks quarter `q` (kept within 1–4).
    pub fn pick(&mut self, q: u32) {
        self.quarter = q.clamp(1, 4);
    }

    /// The picked quarter.
    pub fn period(&self) -> Period {
        Period::quarter(self.year, self.quarter)
    }

    /// The whole year.
    pub fn whole_year(&self) -> Period {
        Period::year(self.year)
    }

    /// "Quý IV/2023", "Q4 2023".
    pub fn label(&self, lang: Lang) -> String {
        quarter_label(lang, self.quarter, self.year)
    }

    /// The four chips, the picked one highlighted.
    pub fn chips<'a, M: Clone + 'a>(&self, lang: Lang, on_press: impl Fn(u32) -> M) -> iced::widget::Row<'a, M> {
        iced::widget::row((1..=4).map(|q| {
            iced::widget::button(iced::widget::text(quarter_label(lang, q, self.year)).size(style::SMALL))
                .padding([5, 12])
                .style(style::chip(q == self.quarter))
                .on_press(on_press(q))
                .into()
        }))
        .spacing(6)
    }
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

/// The plan's number, or "(chưa có số)" while it has none (a plan rolled
/// over to a new year, until its number is typed).
pub fn plan_number(lang: Lang, number: &str) -> String {
    if number.trim().is_empty() { t(lang, "ui-plan-unnumbered") } else { number.to_owned() }
}

/// The plan as the sidebar and the notices name it: "Kế hoạch 05/KH-UBND · năm 2024".
pub fn plan_line(lang: Lang, p: &crate::domain::Plan) -> String {
    ta(lang, "ui-plan-line", &[("number", plan_number(lang, &p.number).into()), ("year", p.year.to_string().into())])
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn the_quarter_a_screen_opens_on_and_picks() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(Quarters::containing(2023, day(2023, 10, 20)), Quarters { year: 2023, quarter: 4 });
        // Outside the plan year: the first quarter.
        assert_eq!(Quarters::containing(2023, day(2024, 5, 1)).quarter, 1);
        let mut q = Quarters::new(2023, 0);
        assert_eq!(q.quarter, 1);
        q.pick(9);
        assert_eq!((q.period(), q.whole_year()), (Period::quarter(2023, 4), Period::year(2023)));
        assert_eq!(q.label(Lang::Vi), "Quý IV/2023");
    }
}
