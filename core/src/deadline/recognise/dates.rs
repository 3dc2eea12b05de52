//! Months and days: "tháng 10 năm 2023", "15/8/2024", "ngày 15 tháng 8",
//! "ngày 07 tháng cuối quý".

use chrono::NaiveDate;

use super::*;

impl Ctx<'_> {
    /// "[tháng] 10, 11 năm 2023" with `j` just after "tháng".
    pub(super) fn month(&self, j: usize, day: MonthDay) -> Option<Hit> {
        let valid = |n: Num| n.value.filter(|m| (1..=12).contains(m));
        let first = self.num(j)?;
        let mut months = vec![valid(first)];
        let mut range_start = None;
        let mut j = j + 1;
        while let Some((range, k)) = self.list_sep(j) {
            let k = if self.is(k, "thang") { k + 1 } else { k };
            let Some(m) = self.num(k).and_then(valid) else {
                break;
            };
            if range {
                range_start = range_start.or(months.first().copied().flatten());
                months.clear();
            }
            months.push(Some(m));
            j = k + 1;
        }
        let (y, end) = self.year_suffix(j);
        let year = self.resolve(y);
        Some(
            Hit::dates(
                self.annual_suffix(end),
                months.into_iter().map(|m| {
                    let (y, m) = (year?, m?);
                    match day {
                        MonthDay::Last => month_end(y, m),
                        MonthDay::Day(d) => NaiveDate::from_ymd_opt(y, m, d),
                    }
                }),
            )
            .spanning(Span::Month)
            .from(range_start.and_then(|m| NaiveDate::from_ymd_opt(year?, m, 1))),
        )
    }

    pub(super) fn date(&self, end: usize, d: Num, m: Num, y: Year) -> Hit {
        let date = (|| NaiveDate::from_ymd_opt(self.resolve(y)?, m.value?, d.value?))();
        Hit::dates(end, [date])
    }

    /// A calendar date starting with the day number at `j`: "15 tháng 8 năm
    /// 2024", "15/8/2024", "15-08-2024", "15.08.2024", and with `!need_year`
    /// also "15/8" (plan year).
    pub(super) fn day_month(&self, j: usize, need_year: bool) -> Option<Hit> {
        let d = self.num(j)?;
        // "ngày 15 tháng 3, 6, 9 và 12": that day of each month listed.
        if self.is(j + 1, "thang")
            && self.num(j + 2).is_some()
            && self.list_sep(j + 3).is_some_and(|(_, k)| {
                self.num(k).is_some() || (self.is(k, "thang") && self.num(k + 1).is_some())
            })
        {
            let day = d.value.filter(|d| (1..=31).contains(d));
            return Some(match day {
                Some(day) => self.month(j + 2, MonthDay::Day(day))?.spanning(Span::Day),
                None => Hit::dates(j + 3, []),
            });
        }
        let (m, y, end) = if self.is(j + 1, "thang")
            && let Some(m) = self.num(j + 2)
        {
            let (y, end) = self.year_suffix(j + 3);
            (m, y, end)
        } else {
            let sep = self
                .punct(j + 1)
                .filter(|c| matches!(c, '/' | '-' | '–' | '.'))?;
            let m = self
                .num(j + 2)
                .filter(|_| self.glued(j + 1) && self.glued(j + 2))?;
            if self.punct(j + 3) == Some(sep)
                && self.glued(j + 3)
                && self.glued(j + 4)
                && let Some(y) = self.num(j + 4)
            {
                (m, y.year().map_or(Year::Invalid, Year::Explicit), j + 5)
            } else if need_year {
                return None;
            } else {
                let (y, end) = self.year_suffix(j + 3);
                (m, y, end)
            }
        };
        // "ngày 15 tháng 12 hằng năm": once a year, the plan year's date.
        Some(self.date(self.annual_suffix(end), d, m, y))
    }

    /// After "ngày": a date, a day repeated every month / quarter, or a bare
    /// "ngày 25" that only a recurrence beside it gives a month.
    pub(super) fn day(&self, j: usize) -> Option<Hit> {
        let d = self.num(j)?;
        if let Some(hit) = self.day_month(j, false) {
            return Some(hit);
        }
        let day = d.value.filter(|d| (1..=31).contains(d));
        let mut k = j + 1;
        if self.is(k, "cua") {
            k += 1;
        }
        let (months, every, y, end) =
            if self.word(k).is_some_and(is_each) && self.is(k + 1, "thang") {
                let (y, end) = self.year_suffix(k + 2);
                let months = (1..=12).map(|m| (0, m)).collect();
                (months, Every::Month, y, end)
            } else if self.word(k).is_some_and(is_each) && self.is(k + 1, "quy") {
                // "ngày 25 hàng quý": in the quarter's last month.
                let (y, end) = self.year_suffix(k + 2);
                (quarter_months(3, false), Every::Quarter, y, end)
            } else if self.is(k, "thang")
                && (self.is(k + 1, "sau") || self.seq(k + 1, &["tiep", "theo"]) || self.seq(k + 1, &["ke", "tiep"]))
                && !self.is(k + 2, "quy")
                && !self.is(k + 3, "quy")
            {
                // "ngày 10 (của) tháng sau / tháng tiếp theo": each month's
                // report, due in the month after it.
                let after = if self.is(k + 1, "sau") { k + 2 } else { k + 3 };
                let (y, end) = self.year_suffix(after);
                let months = (1..=12).map(|m| if m == 12 { (1, 1) } else { (0, m + 1) }).collect();
                (months, Every::Month, y, end)
            } else if let Some((offset, next, after)) = self.month_of_quarter(k) {
                let (y, end) = self.year_suffix(after);
                (quarter_months(offset, next), Every::Quarter, y, end)
            } else {
                return day.map(|n| Hit::dates(j + 1, []).shaped(Shape::BareDay(n)));
            };
        let year = self.resolve(y);
        Some(
            Hit::dates(
                end,
                months
                    .into_iter()
                    .map(|(dy, m)| clamped_day(year?.checked_add(dy)?, m, day?)),
            )
            .shaped(Shape::InEvery(every))
            .spanning(Span::Year),
        )
    }

    /// "tháng cuối [cùng] [của / trong / mỗi] quý [sau / tiếp theo]" with `k`
    /// at "tháng": which month of the quarter (1..=3), whether of the
    /// quarter after, and the index after the phrase.
    pub(super) fn month_of_quarter(&self, k: usize) -> Option<(u32, bool, usize)> {
        if !self.is(k, "thang") {
            return None;
        }
        let mut k = k + 1;
        // "tháng sau (khi kết thúc) quý": the first month after each quarter.
        if self.is(k, "sau") {
            let mut j = k + 1;
            if self.seq(j, &["khi", "ket", "thuc"]) {
                j += 3;
            } else if self.is(j, "cua") {
                j += 1;
            }
            if self.is(j, "quy") {
                return Some((1, true, j + 1));
            }
        }
        let offset = match self.word(k)? {
            "cuoi" => 3,
            "dau" => 1,
            "giua" => 2,
            _ => return None,
        };
        k += 1;
        if matches!(self.word(k), Some("cung" | "tien")) {
            k += 1;
        }
        if matches!(self.word(k), Some("cua" | "trong")) || self.word(k).is_some_and(is_each) {
            k += 1;
        }
        if !self.is(k, "quy") {
            return None;
        }
        k += 1;
        let next = match self.word(k) {
            Some("sau") => Some(k + 1),
            Some("tiep" | "ke") if self.is(k + 1, "theo") || self.is(k + 1, "tiep") => Some(k + 2),
            Some("tiep" | "ke") => Some(k + 1),
            _ => None,
        };
        Some((offset, next.is_some(), next.unwrap_or(k)))
    }

    /// "tháng đầu quý sau", "tháng cuối quý" with `i` at "tháng": the end of
    /// that month in every quarter.
    pub(super) fn month_in_quarters(&self, i: usize) -> Option<Hit> {
        let (offset, next, after) = self.month_of_quarter(i)?;
        let (y, end) = self.year_suffix(after);
        let year = self.resolve(y);
        let months = quarter_months(offset, next);
        Some(
            Hit::dates(
                end,
                months
                    .into_iter()
                    .map(|(dy, m)| month_end(year?.checked_add(dy)?, m)),
            )
            .shaped(Shape::InEvery(Every::Quarter))
            .spanning(Span::Year),
        )
    }

    /// "tuần đầu / tuần cuối tháng [N]" with `j` just after "tuần": day 7 or
    /// the last day of month N, or of every month when none is named
    /// (*choice*: the first week ends on the 7th).
    pub(super) fn week_of_month(&self, j: usize) -> Option<Hit> {
        // "tuần thứ 2 (của) tháng 12": the end of that week, day 7 × N.
        let (day, mut k) = match self.word(j) {
            Some("dau") => (MonthDay::Day(7), j + 1),
            Some("cuoi") => (MonthDay::Last, j + 1),
            Some("thu") => {
                let n = self.num(j + 1)?.value.filter(|n| (1..=4).contains(n))?;
                (MonthDay::Day(7 * n), j + 2)
            }
            // "tuần 2 tháng 3": the same without "thứ".
            _ if self.num(j).is_some() => {
                let n = self.num(j)?.value.filter(|n| (1..=4).contains(n))?;
                (MonthDay::Day(7 * n), j + 1)
            }
            _ => return None,
        };
        if matches!(self.word(k), Some("tien" | "cung")) {
            k += 1;
        }
        if self.is(k, "cua") {
            k += 1;
        }
        let each = self.word(k).is_some_and(is_each);
        if each {
            k += 1;
        }
        if !self.is(k, "thang") {
            return None;
        }
        if !each && let Some(hit) = self.month(k + 1, day) {
            return Some(hit);
        }
        let (y, end) = self.year_suffix(k + 1);
        let year = self.resolve(y);
        Some(
            Hit::dates(
                end,
                (1..=12).map(|m| match day {
                    MonthDay::Day(d) => clamped_day(year?, m, d),
                    MonthDay::Last => month_end(year?, m),
                }),
            )
            .shaped(Shape::InEvery(Every::Month))
            .spanning(Span::Year),
        )
    }
}

/// (years after the plan year, month) of month `offset` (1..=3) of each
/// quarter, or of the quarter after each one: the fourth then falls in the
/// next year.
fn quarter_months(offset: u32, next: bool) -> Vec<(i32, u32)> {
    (0..4)
        .map(|q| {
            let m = q * 3 + offset + if next { 3 } else { 0 };
            if m > 12 { (1, m - 12) } else { (0, m) }
        })
        .collect()
}
