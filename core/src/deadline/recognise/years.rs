//! Years and parts of them: "năm 2023", "giai đoạn 2021-2025", "cuối năm",
//! "đầu tháng 3".

use super::*;

impl Ctx<'_> {
    /// "năm 2023", "năm 2021-2025" with `k` just after "năm". With
    /// `allow_default` ("trong năm", "cả năm") the year may be missing.
    pub(super) fn year_end_at(&self, k: usize, allow_default: bool) -> Option<Hit> {
        let (mut y, mut end) = self.year_number(k);
        if y == Year::Default && !allow_default {
            return None;
        }
        if let Year::Explicit(a) = y
            && matches!(self.punct(end), Some('-' | '–'))
            && let Some(b) = self.num(end + 1).and_then(Num::year)
            && b >= a
        {
            (y, end) = (Year::Explicit(b), end + 2);
        }
        let mut dates = vec![self.resolve(y).and_then(year_end)];
        // "năm 2025, 2026", "năm 2025 và 2026".
        while let Some((false, k)) = self.list_sep(end)
            && let Some(next) = self.num(k).and_then(Num::year)
        {
            dates.push(year_end(next));
            end = k + 1;
        }
        Some(Hit::dates(end, dates).spanning(Span::Year))
    }

    /// "cuối / đầu / giữa" + năm, tháng or quý, at `i`.
    pub(super) fn part_of(&self, i: usize) -> Option<Hit> {
        let head = self.word(i)?;
        let k = i + 1;
        match self.word(k)? {
            "nam" => {
                let (y, end) = self.year_number(k + 1);
                let y = self.resolve(y);
                let date = match head {
                    "cuoi" => y.and_then(year_end),
                    "giua" => y.and_then(|y| month_end(y, 6)),
                    // "đầu năm": the first quarter.
                    _ => y.and_then(|y| quarter_end_opt(y, 1)),
                };
                // "giữa năm" closes the first half year; "đầu / cuối năm" a quarter.
                let span = if head == "giua" {
                    Span::Year
                } else {
                    Span::Quarter
                };
                Some(Hit::dates(end, [date]).spanning(span))
            }
            "thang" if self.num(k + 1).is_some() => {
                let day = match head {
                    "dau" => MonthDay::Day(10),
                    "giua" => MonthDay::Day(15),
                    _ => MonthDay::Last,
                };
                self.month(k + 1, day)
            }
            "thang" if head == "cuoi" => self.periodic(k),
            "quy" if self.quarter_number(k + 1, true).is_some() => match head {
                "dau" => self.quarter(k + 1, QuarterPart::FirstMonth),
                _ => self.quarter(k + 1, QuarterPart::End),
            },
            "quy" if head == "cuoi" => self.periodic(k),
            w if head == "cuoi" && is_each(w) => self.periodic(k),
            _ => None,
        }
    }
}
