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
        let mut j = j + 1;
        while let Some((range, k)) = self.list_sep(j) {
            let k = if self.is(k, "thang") { k + 1 } else { k };
            let Some(m) = self.num(k).and_then(valid) else {
                break;
            };
            if range {
                months.clear();
            }
            months.push(Some(m));
            j = k + 1;
        }
        let (y, end) = self.year_suffix(j);
        let year = self.resolve(y);
        Some(Hit::dates(
            end,
            months.into_iter().map(|m| {
                let (y, m) = (year?, m?);
                match day {
                    MonthDay::Last => month_end(y, m),
                    MonthDay::Day(d) => NaiveDate::from_ymd_opt(y, m, d),
                }
            }),
        ))
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
        let (m, y, end) = if self.is(j + 1, "thang")
            && let Some(m) = self.num(j + 2)
        {
            let (y, end) = self.year_suffix(j + 3);
            (m, y, end)
        } else {
            let sep = self.punct(j + 1).filter(|c| matches!(c, '/' | '-' | '.'))?;
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
        let annual = self.seq(end, &["hang", "nam"]) || self.seq(end, &["moi", "nam"]);
        Some(self.date(if annual { end + 2 } else { end }, d, m, y))
    }

    /// After "ngày": a date, or a day repeated every month / quarter.
    pub(super) fn day(&self, j: usize) -> Option<Hit> {
        let d = self.num(j)?;
        if let Some(hit) = self.day_month(j, false) {
            return Some(hit);
        }
        let mut k = j + 1;
        if self.is(k, "cua") {
            k += 1;
        }
        // Months of the year on which the day falls.
        let months: Vec<u32>;
        if self.word(k).is_some_and(is_each) && self.is(k + 1, "thang") {
            months = (1..=12).collect();
            k += 2;
        } else {
            let mut offset = 3;
            if self.is(k, "thang") {
                k += 1;
                match self.word(k) {
                    Some("cuoi") => {
                        k += 1;
                        if self.is(k, "cung") {
                            k += 1;
                        }
                    }
                    Some("dau") => {
                        offset = 1;
                        k += 1;
                        if self.is(k, "tien") {
                            k += 1;
                        }
                    }
                    Some("giua") => {
                        offset = 2;
                        k += 1;
                    }
                    _ => return None,
                }
                if matches!(self.word(k), Some("cua" | "trong"))
                    || self.word(k).is_some_and(is_each)
                {
                    k += 1;
                }
            } else if !self.word(k).is_some_and(is_each) {
                return None;
            } else {
                k += 1;
            }
            if !self.is(k, "quy") {
                return None;
            }
            k += 1;
            months = (0..4).map(|q| q * 3 + offset).collect();
        }
        let (y, end) = self.year_suffix(k);
        let year = self.resolve(y);
        let day = d.value.filter(|d| (1..=31).contains(d));
        Some(Hit::dates(
            end,
            months.into_iter().map(|m| clamped_day(year?, m, day?)),
        ))
    }
}
