//! Recurrences: "hằng quý", "mỗi tháng", "định kỳ 6 tháng", "3 tháng một lần".

use super::*;

impl Ctx<'_> {
    /// "hằng quý", "mỗi tháng", "hằng năm", "hằng ngày" … with `i` at the
    /// "each" word, or at the period word itself after "định kỳ" / "cuối".
    pub(super) fn periodic(&self, i: usize) -> Option<Hit> {
        let each = self.word(i)?;
        let k = if is_each(each) { i + 1 } else { i };
        let period = self.word(k)?;
        let cac = each == "cac";
        // Followed by a number: a list such as "các tháng 3, 6", not a recurrence.
        let numbered = self.num(k + 1).is_some() || self.quarter_number(k + 1, false).is_some();
        // "báo cáo năm 2026": the report of that year (a year is no list item).
        if period == "nam" && !cac && let Some(y) = self.num(k + 1).and_then(Num::year) {
            return Some(self.recurrence(k + 2, Every::Year, Year::Explicit(y)));
        }
        let every = match period {
            "quy" if !numbered => Every::Quarter,
            "thang" if !numbered => Every::Month,
            "nam" if !numbered && !cac => Every::Year,
            "ngay" | "tuan" if !numbered && !cac && k > i => {
                return Some(Hit::flag(k + 1, Flag::Continuous));
            }
            _ => return None,
        };
        let (y, end) = self.year_suffix(k + 1);
        Some(self.recurrence(end, every, y))
    }

    /// The ends of every period `every` in year `y`, as a hit that a day
    /// qualifier in the same segment may replace.
    pub(super) fn recurrence(&self, end: usize, every: Every, y: Year) -> Hit {
        let months = every.end_months();
        let Some(year) = self.resolve(y) else {
            return Hit::dates(end, []);
        };
        Hit::dates(end, months.into_iter().map(|m| month_end(year, m)))
            .shaped(Shape::Recurrence(every, year))
            .spanning(Span::Year)
    }

    /// "N tháng …" with the count `n` at `i`.
    pub(super) fn count_months(&self, i: usize, n: u32) -> Option<Hit> {
        if !self.is(i + 1, "thang") || self.num(i + 2).is_some() {
            return None;
        }
        let k = i + 2;
        if self.seq(k, &["dau", "nam"]) {
            let (y, end) = self.year_number(k + 2);
            let date = self.resolve(y).and_then(|y| month_end(y, n));
            return Some(Hit::dates(end, [date]).spanning(Span::Year));
        }
        if self.seq(k, &["cuoi", "nam"]) {
            let (y, end) = self.year_number(k + 2);
            return Some(
                Hit::dates(end, [self.resolve(y).and_then(year_end)]).spanning(Span::Year),
            );
        }
        let after_dinh_ky = i >= 2 && self.seq(i - 2, &["dinh", "ky"]);
        // "3 tháng một lần", "3 tháng/lần".
        let once =
            self.seq(k, &["mot", "lan"]) || (self.punct(k) == Some('/') && self.is(k + 1, "lan"));
        let k = if once { k + 2 } else { k };
        // "báo cáo 9 tháng": the first nine months, due at the end of September.
        if n == 9 && !once {
            let (y, end) = self.year_suffix(k);
            let date = self.resolve(y).and_then(|y| month_end(y, 9));
            return Some(Hit::dates(end, [date]).spanning(Span::Year));
        }
        let every = match n {
            6 => Every::HalfYear,
            3 if after_dinh_ky || once => Every::Quarter,
            1 if after_dinh_ky || once => Every::Month,
            12 if after_dinh_ky || once => Every::Year,
            _ => return None,
        };
        let (y, end) = self.year_suffix(k);
        Some(self.recurrence(end, every, y))
    }
}
