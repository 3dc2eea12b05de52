//! Quarters: "Quý I năm 2023", "quý 2/2024", "Quý I, II", "từ quý I đến quý III".

use super::*;

impl Ctx<'_> {
    /// A quarter number at `j`. With `first`, anything that looks like a
    /// number is taken, valid (`Some(q)`) or not (`None`); later items of a
    /// list are taken only when valid.
    pub(super) fn quarter_number(&self, j: usize, first: bool) -> Option<(Option<u32>, usize)> {
        if let Some(n) = self.num(j) {
            let q = n.value.filter(|q| (1..=4).contains(q));
            return (first || q.is_some()).then_some((q, j + 1));
        }
        let w = self.word(j)?;
        let q = match w {
            "i" => Some(1),
            "ii" => Some(2),
            "iii" => Some(3),
            "iv" => Some(4),
            "mot" if first => Some(1),
            "hai" if first => Some(2),
            "ba" if first => Some(3),
            "bon" | "tu" if first => Some(4),
            // Looks like a Roman numeral but is not a quarter: "quý V", "quý IIII".
            _ if first && w.chars().all(|c| matches!(c, 'i' | 'v' | 'x')) => None,
            _ => return None,
        };
        (first || q.is_some()).then_some((q, j + 1))
    }

    /// "[quý] I, II và quý III năm 2024" with `j` just after "quý".
    pub(super) fn quarter(&self, j: usize, part: QuarterPart) -> Option<Hit> {
        let (first, mut j) = self.quarter_number(j, true)?;
        let mut qs = vec![first];
        let mut range_start = None;
        while let Some((range, k)) = self.list_sep(j) {
            let k = if self.is(k, "quy") { k + 1 } else { k };
            let Some((q, next)) = self.quarter_number(k, false) else {
                break;
            };
            if range {
                range_start = range_start.or(qs.first().copied().flatten());
                qs.clear();
            }
            qs.push(q);
            j = next;
        }
        let (y, end) = self.year_suffix(j);
        let year = self.resolve(y);
        Some(
            Hit::dates(
                self.annual_suffix(end),
                qs.into_iter().map(|q| {
                    let (y, q) = (year?, q?);
                    match part {
                        QuarterPart::End => quarter_end_opt(y, q),
                        QuarterPart::FirstMonth => month_end(y, q * 3 - 2),
                    }
                }),
            )
            .spanning(Span::Quarter)
            .from(range_start.and_then(|q| NaiveDate::from_ymd_opt(year?, q * 3 - 2, 1))),
        )
    }
}
