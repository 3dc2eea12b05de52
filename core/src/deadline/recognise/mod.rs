//! The recognisers: at a token, is there a date phrase or a flag, and where
//! does it end? One file per family; this one holds the shared types, the
//! token helpers and the dispatch.

mod dates;
mod flags;
mod numbers;
mod quarters;
mod recurring;
mod years;

use chrono::{Datelike, NaiveDate};

use super::calendar::{clamped_day, month_end, quarter_end_opt, year_end};
use super::tokenize::{Kind, Num, Token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flag {
    OnDemand,
    Continuous,
    External,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Found {
    Dates(Vec<NaiveDate>),
    Flag(Flag),
    /// Looked like a date but is not a valid one (tháng 13, 31/02, a
    /// document number): consumed so that its parts are not misread.
    Invalid,
}

/// A period that repeats through the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Every {
    Month,
    Quarter,
    HalfYear,
    Year,
}

impl Every {
    /// Whether every period of `self` ends where a period of `coarser`
    /// does too, `self` being the shorter (a quarter divides a half year).
    pub(super) fn divides(self, coarser: Every) -> bool {
        let rank = |e: Every| match e {
            Every::Month => 0,
            Every::Quarter => 1,
            Every::HalfYear => 2,
            Every::Year => 3,
        };
        rank(self) < rank(coarser)
    }

    /// The months in which each period of a year ends.
    pub(super) fn end_months(self) -> Vec<u32> {
        match self {
            Every::Month => (1..=12).collect(),
            Every::Quarter => vec![3, 6, 9, 12],
            Every::HalfYear => vec![6, 12],
            Every::Year => vec![12],
        }
    }
}

/// What kind of date phrase a hit is, so that a recurrence and the day
/// that qualifies it ("hằng tháng (chậm nhất ngày 25)") can meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// Fixed dates: "Quý I", "15/8/2024", "tháng 10".
    Plain,
    /// The ends of a repeating period in `year`: "hằng quý", "định kỳ 6 tháng".
    Recurrence(Every, i32),
    /// A day or month inside every period: "ngày 20 hằng tháng", "ngày 07
    /// tháng cuối quý", "tháng đầu quý sau".
    InEvery(Every),
    /// "ngày 25" with no month: means something only beside a recurrence.
    BareDay(u32),
}

/// How long a period a dated phrase names, so that the work it describes
/// can be given a start: "Quý III" is worked in the quarter, "tháng 10" in
/// the month, "trong năm" and every recurrence through the year, and a
/// bare deadline "trước ngày 15/6" in the quarter it falls in (*choice*).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Span {
    Year,
    Quarter,
    Month,
    Day,
}

impl Span {
    /// The first day of the period of this length that holds `d`.
    pub(super) fn start(self, d: NaiveDate) -> Option<NaiveDate> {
        let month = match self {
            Span::Year => 1,
            Span::Quarter | Span::Day => (d.month0() / 3) * 3 + 1,
            Span::Month => d.month(),
        };
        NaiveDate::from_ymd_opt(d.year(), month, 1)
    }
}

#[derive(Debug)]
pub(super) struct Hit {
    /// Index of the first token after the phrase.
    pub(super) end: usize,
    pub(super) found: Found,
    pub(super) shape: Shape,
    pub(super) span: Span,
    /// Where a range written inside the phrase begins ("từ quý II đến quý
    /// III" is due at the end of Q3, worked on from the start of Q2).
    pub(super) from: Option<NaiveDate>,
    /// The phrase also names the work, so its words stay in the label
    /// ("báo cáo năm" is a report and its date).
    pub(super) named: bool,
}

impl Hit {
    pub(super) fn dates(end: usize, dates: impl IntoIterator<Item = Option<NaiveDate>>) -> Hit {
        let dates: Option<Vec<NaiveDate>> = dates.into_iter().collect();
        let found = match dates {
            Some(d) if !d.is_empty() => Found::Dates(d),
            _ => Found::Invalid,
        };
        Hit {
            end,
            found,
            shape: Shape::Plain,
            span: Span::Day,
            from: None,
            named: false,
        }
    }

    pub(super) fn from(self, from: Option<NaiveDate>) -> Hit {
        Hit { from, ..self }
    }

    pub(super) fn spanning(self, span: Span) -> Hit {
        Hit { span, ..self }
    }

    pub(super) fn shaped(self, shape: Shape) -> Hit {
        Hit { shape, ..self }
    }

    pub(super) fn named(self) -> Hit {
        Hit { named: true, ..self }
    }

    pub(super) fn flag(end: usize, flag: Flag) -> Hit {
        Hit {
            end,
            found: Found::Flag(flag),
            shape: Shape::Plain,
            span: Span::Day,
            from: None,
            named: false,
        }
    }
}

/// A year as written after a date phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Year {
    /// No year written: the segment's default.
    Default,
    Explicit(i32),
    /// A year was written but is not acceptable ("năm 23", "năm 99999").
    Invalid,
}

/// Which month of a quarter a phrase points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum QuarterPart {
    /// Its last day ("Quý I").
    End,
    /// End of its first month ("đầu quý I").
    FirstMonth,
}

/// Which day of a month a phrase points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MonthDay {
    Last,
    Day(u32),
}

/// Connecting words that belong to the date phrase that follows them, so
/// they are left out of labels ("Báo cáo trước ngày …" → "Báo cáo").
pub(super) const FILLERS: &[&[&str]] = &[
    &["trong", "thoi", "gian"],
    &["thoi", "gian"],
    &["thoi", "han"],
    &["han", "chot"],
    &["cham", "nhat"],
    &["muon", "nhat"],
    &["hoan", "thanh"],
    &["du", "kien"],
    &["dinh", "ky"],
    &["ke", "tu"],
    &["cho", "den"],
    &["den", "het"],
    &["trong"],
    &["vao"],
    &["truoc"],
    &["den"],
    &["toi"],
    &["tu"],
    &["han"],
    &["khoang"],
    &["va"],
    &["hoac"],
];

/// Words that end the name of an outside body after "theo kế hoạch của …".
pub(super) const STOP_WORDS: &[&str] = &[
    "quy", "thang", "ngay", "nam", "truoc", "trong", "cham", "han", "hang", "moi", "dinh", "khi",
    "thuong", "tu", "den", "vao", "cuoi", "dau", "giua", "ca", "hoan", "dot",
];

/// Words for "each" in "hằng quý", "mỗi tháng", "từng quý", "các quý".
pub(super) fn is_each(w: &str) -> bool {
    matches!(w, "hang" | "moi" | "tung" | "cac")
}

/// Spelled-out counts before "tháng" ("sáu tháng đầu năm"). "năm" (five) is
/// left out: it means "year" far more often.
pub(super) fn count_word(w: &str) -> Option<u32> {
    Some(match w {
        "mot" => 1,
        "hai" => 2,
        "ba" => 3,
        "bon" => 4,
        "sau" => 6,
        "bay" => 7,
        "tam" => 8,
        "chin" => 9,
        "muoi" => 10,
        _ => return None,
    })
}

/// One segment's tokens, seen through the recognisers.
pub(super) struct Ctx<'a> {
    pub(super) src: &'a str,
    pub(super) toks: &'a [Token],
    /// Year for phrases that name none.
    pub(super) year: i32,
}

impl Ctx<'_> {
    pub(super) fn word(&self, i: usize) -> Option<&str> {
        match &self.toks.get(i)?.kind {
            Kind::Word(w) => Some(w),
            _ => None,
        }
    }

    pub(super) fn is(&self, i: usize, w: &str) -> bool {
        self.word(i) == Some(w)
    }

    pub(super) fn seq(&self, i: usize, ws: &[&str]) -> bool {
        ws.iter().enumerate().all(|(k, w)| self.is(i + k, w))
    }

    pub(super) fn num(&self, i: usize) -> Option<Num> {
        match self.toks.get(i)?.kind {
            Kind::Num(n) => Some(n),
            _ => None,
        }
    }

    pub(super) fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// Token `i` exists and touches the one before it.
    pub(super) fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before)
    }

    pub(super) fn resolve(&self, y: Year) -> Option<i32> {
        match y {
            Year::Default => Some(self.year),
            Year::Explicit(y) => Some(y),
            Year::Invalid => None,
        }
    }

    /// Tries every recogniser at token `i`.
    pub(super) fn recognise(&self, i: usize) -> Option<Hit> {
        let hit = match &self.toks.get(i)?.kind {
            Kind::Punct(_) => None,
            Kind::Num(n) => self.number(i, *n),
            Kind::Word(w) => match w.as_str() {
                // "Quí", the older spelling, too.
                "quy" | "qui" => self
                    .quarter(i + 1, QuarterPart::End)
                    .or_else(|| self.report_period(i)),
                "q" if self.glued(i + 1) && self.num(i + 1).is_some() => {
                    self.quarter(i + 1, QuarterPart::End)
                }
                // "Q.III/2026", "Q.2/2026".
                "q" if self.punct(i + 1) == Some('.') && self.glued(i + 1) && self.glued(i + 2) && self.quarter_number(i + 2, true).is_some() => {
                    self.quarter(i + 2, QuarterPart::End)
                }
                "thang" => self
                    .month(i + 1, MonthDay::Last)
                    .or_else(|| self.month_in_quarters(i))
                    .or_else(|| self.report_period(i)),
                "tuan" => self.week_of_month(i + 1),
                "ngay" => self.day(i + 1),
                // "đến hết năm", "hết năm": the end of the plan year.
                // "báo cáo năm 2026": the year's report, which a day may qualify
                // ("trước ngày 15/01/2027 (báo cáo năm 2026)").
                "nam" if self.after_report(i) => self
                    .report_period(i)
                    .or_else(|| self.year_end_at(i + 1, false)),
                "nam" => self
                    .year_end_at(i + 1, i >= 1 && self.is(i - 1, "het"))
                    .or_else(|| self.report_period(i)),
                // "giai đoạn 2021-2025": due at the end of the span.
                "giai" if self.is(i + 1, "doan") && self.num(i + 2).is_some() => {
                    self.year_end_at(i + 2, false)
                }
                "trong" | "ca" | "suot" if self.is(i + 1, "nam") => self.year_end_at(i + 2, true),
                "cuoi" | "dau" | "giua" => self.part_of(i),
                "dinh" if self.is(i + 1, "ky") => self.periodic(i + 2),
                w if is_each(w) => self.periodic(i),
                "khi" | "theo" | "tuy" | "dot" | "thuong" | "lien" | "ke" => self.flag(i),
                "so" if self.num(i + 1).is_some() => self.doc_ref(i + 1),
                w => count_word(w).and_then(|n| self.count_months(i, n)),
            },
        }?;
        // Every hit consumes at least its first token and stays in bounds.
        Some(Hit {
            end: hit.end.clamp(i + 1, self.toks.len()),
            ..hit
        })
    }

    /// "báo cáo quý / tháng / năm" with `i` at the period word: a report of
    /// every such period, due at each one's end (as "hằng quý" is).
    fn report_period(&self, i: usize) -> Option<Hit> {
        self.after_report(i).then(|| self.periodic(i))?.map(Hit::named)
    }

    /// Whether "báo cáo" stands just before `i`, or two words before it at
    /// most ("báo cáo CCHC quý", "báo cáo kết quả năm").
    pub(super) fn after_report(&self, i: usize) -> bool {
        (2..=4).any(|back| i >= back && self.seq(i - back, &["bao", "cao"]) && (i + 2 - back..i).all(|k| self.word(k).is_some()))
    }

    /// Just past "hằng năm" / "mỗi năm" at `end`, which after a fixed date
    /// ("tháng 01 hằng năm", "Quý I hằng năm") only says it comes back each
    /// year: the plan year's date is the one meant.
    pub(super) fn annual_suffix(&self, end: usize) -> usize {
        let k = if self.punct(end) == Some(',') {
            end + 1
        } else {
            end
        };
        if self.seq(k, &["hang", "nam"]) || self.seq(k, &["moi", "nam"]) {
            k + 2
        } else {
            end
        }
    }

    /// A year number after "năm": "2023", "nay" (plan year), "sau"/"tới" (next).
    pub(super) fn year_number(&self, k: usize) -> (Year, usize) {
        if let Some(n) = self.num(k) {
            return (n.year().map_or(Year::Invalid, Year::Explicit), k + 1);
        }
        match self.word(k) {
            Some("nay") => (Year::Explicit(self.year), k + 1),
            Some("sau" | "toi") => (
                self.year
                    .checked_add(1)
                    .map_or(Year::Invalid, Year::Explicit),
                k + 1,
            ),
            _ => (Year::Default, k),
        }
    }

    /// An optional year after a date phrase: "năm 2023", ", năm 2023", "/2024", "-2024".
    pub(super) fn year_suffix(&self, j: usize) -> (Year, usize) {
        let k = if self.punct(j) == Some(',') { j + 1 } else { j };
        if self.is(k, "nam") {
            let (y, end) = self.year_number(k + 1);
            if y != Year::Default {
                return (y, end);
            }
            return (Year::Default, j);
        }
        if matches!(self.punct(j), Some('/' | '-' | '–' | '.'))
            && let Some(n) = self.num(j + 1)
            && n.digits == 4
        {
            return (n.year().map_or(Year::Invalid, Year::Explicit), j + 2);
        }
        (Year::Default, j)
    }

    /// A separator inside a list of quarters or months. Returns whether it
    /// marks a range ("đến", "-") and where the next item starts.
    pub(super) fn list_sep(&self, j: usize) -> Option<(bool, usize)> {
        match (self.punct(j), self.word(j)) {
            (Some(',' | '&'), _) => {
                let k = j + 1;
                Some((
                    false,
                    if matches!(self.word(k), Some("va" | "hoac")) {
                        k + 1
                    } else {
                        k
                    },
                ))
            }
            (Some('-' | '–'), _) => Some((true, j + 1)),
            (_, Some("va" | "hoac")) => Some((false, j + 1)),
            (_, Some("den" | "toi")) => {
                Some((true, if self.is(j + 1, "het") { j + 2 } else { j + 1 }))
            }
            _ => None,
        }
    }

    /// Moves `start` back over connecting words ("trong", "chậm nhất") not
    /// already used by an earlier phrase (`floor`).
    pub(super) fn extend_back(&self, mut start: usize, floor: usize) -> usize {
        'outer: loop {
            for f in FILLERS {
                if start >= floor + f.len() && self.seq(start - f.len(), f) {
                    start -= f.len();
                    continue 'outer;
                }
            }
            return start;
        }
    }

    /// Whether tokens `[from, to)` are only connecting words and punctuation.
    pub(super) fn only_fillers(&self, mut from: usize, to: usize) -> bool {
        'outer: while from < to {
            if self.punct(from).is_some() {
                from += 1;
                continue;
            }
            for f in FILLERS {
                if from + f.len() <= to && self.seq(from, f) {
                    from += f.len();
                    continue 'outer;
                }
            }
            return false;
        }
        true
    }
}
