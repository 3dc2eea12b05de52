//! Phrases that open with a number: ISO dates, "10/2023", "15/8", document
//! numbers.

use super::*;

impl Ctx<'_> {
    /// A phrase starting with a number at `i`.
    pub(super) fn number(&self, i: usize, n: Num) -> Option<Hit> {
        if let Some(hit) = self.doc_ref(i) {
            return Some(hit);
        }
        if let Some(y) = n.year()
            && let Some(sep @ ('-' | '–' | '/')) = self.punct(i + 1)
            && let Some(m) = self.num(i + 2)
        {
            // ISO "2024-08-15".
            if sep == '-'
                && self.glued(i + 1)
                && self.glued(i + 2)
                && self.punct(i + 3) == Some('-')
                && self.glued(i + 3)
                && self.glued(i + 4)
                && let Some(d) = self.num(i + 4)
            {
                return Some(self.date(i + 5, d, m, Year::Explicit(y)));
            }
        }
        // Month and year "10/2023".
        if n.digits <= 2
            && matches!(self.punct(i + 1), Some('/' | '-'))
            && self.glued(i + 1)
            && self.glued(i + 2)
            && let Some(y) = self.num(i + 2).filter(|y| y.digits == 4)
        {
            let date = (|| month_end(y.year()?, n.value?))();
            return Some(Hit::dates(i + 3, [date]).spanning(Span::Month));
        }
        if let Some(hit) = n.value.and_then(|v| self.count_months(i, v)) {
            return Some(hit);
        }
        // "(trước / trong vòng) 10 ngày (làm việc) so với / kể từ / sau …": a
        // number of days counted from an event — due when it happens.
        if self.is(i + 1, "ngay") {
            let k = if self.seq(i + 2, &["lam", "viec"]) { i + 4 } else { i + 2 };
            if matches!(self.word(k), Some("so" | "ke" | "sau" | "truoc" | "tu" | "khi")) {
                return Some(Hit::flag(k, Flag::OnDemand));
            }
            // "trong (thời hạn / vòng) 03 ngày làm việc": counted from when the work comes.
            if i >= 1 && matches!(self.word(i - 1), Some("han" | "vong")) {
                return Some(Hit::flag(k, Flag::OnDemand));
            }
        }
        // "trước 15 hằng tháng": a day of every month, "ngày" left out.
        if n.digits <= 2
            && i >= 1
            && matches!(self.word(i - 1), Some("truoc" | "nhat"))
            && self.word(i + 1).is_some_and(is_each)
        {
            return self.day(i);
        }
        // A segment that is only a year ("2026", "Trong 2026"): its end.
        if let Some(y) = n.year()
            && i + 1 == self.toks.len()
            && self.only_fillers(0, i)
        {
            return Some(Hit::dates(i + 1, [year_end(y)]).spanning(Span::Year));
        }
        // A bare "15/8" is a date only right after a deadline word ("trước 15/8")
        // or in a list that such a date opens ("trước ngày 15/6 và 15/12").
        self.day_month(i, !self.bare_date_allowed(i))
    }

    /// Whether a bare day/month at `i` reads as a date: right after a
    /// deadline word or "ngày", or joined by "và", "hoặc" or a comma to a
    /// day/month before it that does.
    fn bare_date_allowed(&self, i: usize) -> bool {
        // A list or a yearly date that a bare day/month opens: "15/6 và
        // 15/12 hằng năm", "15/6, 15/12".
        let opens = self.punct(i + 1).is_some_and(|c| matches!(c, '/' | '-'))
            && self.num(i + 2).is_some()
            && (self.seq(i + 3, &["hang", "nam"])
                || self.seq(i + 3, &["moi", "nam"])
                || ((matches!(self.word(i + 3), Some("va" | "hoac")) || self.punct(i + 3) == Some(','))
                    && self.num(i + 4).is_some()
                    && matches!(self.punct(i + 5), Some('/' | '-'))
                    && self.num(i + 6).is_some()));
        if opens {
            return true;
        }
        // A segment that is only a day and month ("10/12"): the date.
        if matches!(self.punct(i + 1), Some('/' | '-')) && self.num(i + 2).is_some() && i + 3 == self.toks.len() && self.only_fillers(0, i) {
            return true;
        }
        if i == 0 {
            return false;
        }
        if matches!(
            self.word(i - 1),
            Some("truoc" | "nhat" | "chot" | "han" | "vao" | "den" | "tu" | "trong" | "thanh" | "ngay" | "dip")
        ) {
            return true;
        }
        let joined = matches!(self.word(i - 1), Some("va" | "hoac")) || self.punct(i - 1) == Some(',');
        // The item before the joiner: day, "/", month.
        joined
            && i >= 4
            && self.num(i - 2).is_some()
            && matches!(self.punct(i - 3), Some('/' | '-'))
            && self.glued(i - 2)
            && self.num(i - 4).is_some()
            && self.bare_date_allowed(i - 4)
    }

    /// A document number such as "41/2011/QĐ-UBND" (or any number after
    /// "số") at `i`, with the "ngày …" that dates it.
    pub(super) fn doc_ref(&self, i: usize) -> Option<Hit> {
        let after_so = i > 0 && self.is(i - 1, "so");
        let mut k = i + 1;
        let mut code = false;
        while self.glued(k) {
            if matches!(self.punct(k - 1), Some('/' | '-')) && self.word(k).is_some() {
                // Document type codes are upper-case abbreviations: QĐ, NĐ-CP, TTg.
                let t = &self.toks[k];
                let upper = self.src[t.start..t.end]
                    .chars()
                    .filter(|c| c.is_uppercase())
                    .count();
                code |= upper >= 2;
            }
            k += 1;
        }
        if !(code || after_so) {
            return None;
        }
        if self.is(k, "ngay")
            && let Some(hit) = self.day_month(k + 1, false)
        {
            k = hit.end;
        }
        Some(Hit::dates(k, []))
    }
}
