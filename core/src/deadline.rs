//! Deadline cells ("Thời gian hoàn thành") written in Vietnamese prose, turned
//! into a [`Schedule`] of due dates and flags.
//!
//! A due date is always the **last** day on which the work may be done, so
//! "Quý I năm 2023" is due on 2023-03-31 and "tháng 2 năm 2024" on 2024-02-29.
//!
//! # How it works
//!
//! The cell is put in NFC, split into tokens (words, ASCII numbers,
//! punctuation), and each word is compared in its [`fold`]ed form, so case,
//! diacritics and typos such as "Quy I" do not matter. The token stream is cut
//! into segments at newlines, `;`, `:`, `|`, bullets, sentence-ending `.` and
//! dashes that follow a space or open the cell ("- Quý I … - Báo cáo …"). A
//! dash glued to its left neighbour ("15-08-2024", "2021-2025") never cuts,
//! nor does a spaced one between two numbers or Roman numerals ("Quý I - II",
//! "tháng 10 - 12/2023", "2023 - 2025"), which reads as a range. In each
//! segment a few recognisers look for, left to right:
//!
//! * quarters: "Quý I năm 2023", "quý 2/2024", "Quý III/2024", "Quý I, II năm
//!   2024", "Quý I và Quý III", "từ quý I đến quý III" (only the end counts),
//!   "quý hai", "Q1/2024" → last day of each quarter;
//! * months: "tháng 10 năm 2023", "Tháng 5/2024", "tháng 3, 6 và 9",
//!   "từ tháng 3 đến tháng 5 năm 2024" (→ end of May), bare "10/2023"
//!   → last day of the month;
//! * dates: "15/8/2024", "15-08-2024", "15.08.2024", "2024-08-15",
//!   "ngày 15 tháng 8 năm 2024", "15 tháng 8 năm 2024", "ngày 15/8"
//!   (plan year), "ngày 15 tháng 12 hằng năm" (one date); a yearless "15/8"
//!   without "ngày" counts only right after a deadline word ("trước 15/8",
//!   "chậm nhất 15/8"), since "3/5 xã" is a ratio, not a date (*choice*);
//! * years: "năm 2023", "trong năm 2023", "trong năm", "cả năm", "cuối năm",
//!   "năm 2021-2025", "giai đoạn 2021-2025" (end of the last year) → 31/12; a
//!   bare "2021-2025" names a plan ("Kế hoạch 2021-2025"), not a deadline;
//! * parts of the year: "N tháng đầu năm" → end of month N, "N tháng cuối
//!   năm" → 31/12, "giữa năm" → 30/06, "đầu năm" → 31/03 (*choice*: the
//!   first quarter, not January, since plans are reviewed quarterly);
//!   "đầu tháng N" → day 10 and "giữa tháng N" → day 15 of month N (*choice*:
//!   the first third / the middle), "cuối tháng N" → its last day;
//!   "đầu quý I" → end of the first month of that quarter (*choice*);
//! * recurrences, all within one year (the plan year unless one is written):
//!   "hằng/hàng/mỗi/từng quý", "định kỳ quý", "cuối quý" without a
//!   number → the four quarter ends; "hằng tháng", "cuối tháng" without a
//!   number → the twelve month ends; "6 tháng", "sáu tháng", "định kỳ 6 tháng"
//!   → 30/06 and 31/12; "định kỳ 3 tháng" / "3 tháng một lần" → quarter ends;
//!   "hằng năm" → 31/12;
//! * a day inside a recurrence: "ngày 07 tháng cuối cùng của quý", "ngày 15
//!   của tháng cuối quý", "ngày 25 hàng quý" → that day of March, June,
//!   September and December; "ngày 07 tháng đầu quý" → of January, April, July,
//!   October; "trước ngày 20 hằng tháng" → day 20 of every month (clamped to
//!   the length of short months);
//! * flags: "khi (có) phát sinh", "khi có yêu cầu / chỉ đạo", "theo yêu cầu"
//!   (without "của"), "đột xuất" → `on_demand`; "thường xuyên", "liên tục",
//!   "hằng ngày", "hằng tuần" → `continuous` (*choice*: daily or weekly work
//!   is tracked as continuous, not as 365 milestones); "theo kế hoạch / hướng
//!   dẫn / chỉ đạo / lộ trình / quy định / văn bản … (của …)" and "theo yêu
//!   cầu của …" → `external`.
//!
//! Years: an explicit year ("năm 2023", "/2024") wins over the plan year.
//! A phrase without a year takes the single year written after "năm"
//! elsewhere in the same segment ("Định kỳ hằng quý trong năm 2024"), or
//! else the plan year. Only four-digit years 1900–2199 are accepted;
//! two-digit years are not understood. "năm nay" is the plan year, "năm sau"
//! the next one.
//!
//! Ranges ("từ … đến …", "tháng 3 đến tháng 5", "Quý I - II") are due at
//! their end only.
//!
//! Not understood (never a wrong date, never a panic): impossible dates
//! (31/02, 29/02/2023, tháng 13, quý V, ngày 0), numbers too long to be a
//! date, document numbers such as "41/2011/QĐ-UBND" together with the
//! "ngày …" that follows them (the document's own date).
//!
//! Labels: a milestone's label is the text of its segment that was not
//! understood as a date or a flag, minus connecting words such as "trong",
//! "trước", "chậm nhất", "hoàn thành" ("Báo cáo trong tháng 11 năm 2023" →
//! "Báo cáo"). A segment with no date and no flag ("ban hành Kế hoạch", the
//! text after "Quý I năm 2023:") is added to the label of the dates of the
//! segment before it; one that ends with ":" or comes before any date is
//! added to the label of the next dated segment. Labels of the same date are
//! joined with "; ".

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

use crate::text::{fold, nfc};

/// One due date of a task and what is due then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Milestone {
    /// Last day on which the work may be done (serialised as `YYYY-MM-DD`).
    #[serde(serialize_with = "serialize_date")]
    pub due: NaiveDate,
    /// The words of the cell describing this milestone, trimmed; may be "".
    pub label: String,
}

/// What a deadline cell says.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Schedule {
    /// Sorted by date, no duplicate dates.
    pub milestones: Vec<Milestone>,
    /// "khi có phát sinh", "khi phát sinh", "khi có yêu cầu".
    pub on_demand: bool,
    /// "thường xuyên".
    pub continuous: bool,
    /// "theo kế hoạch của Thành phố", "theo yêu cầu của Sở", "theo hướng dẫn của …".
    pub external: bool,
    /// Nothing at all was understood.
    pub unparsed: bool,
}

impl Schedule {
    /// All due dates, sorted.
    pub fn dates(&self) -> Vec<NaiveDate> {
        self.milestones.iter().map(|m| m.due).collect()
    }

    /// The first due date on or after `today`, if any.
    pub fn next_due(&self, today: NaiveDate) -> Option<NaiveDate> {
        self.milestones.iter().map(|m| m.due).find(|d| *d >= today)
    }
}

/// `YYYY-MM-DD`, written out here so that serialisation does not depend on
/// chrono's optional `serde` feature.
fn serialize_date<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&d.format("%Y-%m-%d"))
}

/// End date of quarter `q` (1..=4) of `year`.
///
/// `q` outside 1..=4 is clamped into it; a year outside chrono's range gives
/// [`NaiveDate::MIN`] or [`NaiveDate::MAX`] (this function never panics).
pub fn quarter_end(year: i32, q: u32) -> NaiveDate {
    quarter_end_opt(year, q.clamp(1, 4)).unwrap_or(if year < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

/// The quarter (1..=4) a date falls in.
pub fn quarter_of(d: NaiveDate) -> u32 {
    d.month0() / 3 + 1
}

/// Parses a deadline cell written in Vietnamese prose. `year` is the plan
/// year, used when the text names no year.
pub fn parse_deadline(text: &str, year: i32) -> Schedule {
    let src = nfc(text);
    let toks = tokenize(&src);
    let mut sched = Schedule::default();
    // Dated segments in order: their dates and their label.
    let mut entries: Vec<(Vec<NaiveDate>, String)> = Vec::new();
    // Text waiting for the next dated segment.
    let mut pending: Vec<String> = Vec::new();

    for seg in segments(&toks) {
        let out = analyse(&src, seg.toks, year);
        for flag in &out.flags {
            match flag {
                Flag::OnDemand => sched.on_demand = true,
                Flag::Continuous => sched.continuous = true,
                Flag::External => sched.external = true,
            }
        }
        if !out.dates.is_empty() {
            pending.push(out.label);
            entries.push((out.dates, join_labels(pending.drain(..))));
        } else if !out.understood_any && !out.label.is_empty() {
            match entries.last_mut() {
                Some((_, label)) if !seg.colon => {
                    *label = join_labels([std::mem::take(label), out.label]);
                }
                _ => pending.push(out.label),
            }
        }
    }

    let mut by_date: BTreeMap<NaiveDate, String> = BTreeMap::new();
    for (dates, label) in entries {
        for d in dates {
            let slot = by_date.entry(d).or_default();
            if !slot.split("; ").any(|l| l == label) {
                *slot = join_labels([std::mem::take(slot), label.clone()]);
            }
        }
    }
    sched.milestones = by_date
        .into_iter()
        .map(|(due, label)| Milestone { due, label })
        .collect();
    sched.unparsed =
        sched.milestones.is_empty() && !sched.on_demand && !sched.continuous && !sched.external;
    sched
}

/// Joins the non-empty labels with "; ".
fn join_labels(parts: impl IntoIterator<Item = String>) -> String {
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

// ---------------------------------------------------------------------------
// Calendar helpers (all fallible, never panicking)

fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    match month {
        12 => NaiveDate::from_ymd_opt(year, 12, 31),
        1..=11 => NaiveDate::from_ymd_opt(year, month + 1, 1)?.pred_opt(),
        _ => None,
    }
}

fn quarter_end_opt(year: i32, q: u32) -> Option<NaiveDate> {
    if (1..=4).contains(&q) {
        month_end(year, q * 3)
    } else {
        None
    }
}

fn year_end(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 12, 31)
}

/// Day `day` of the month, or the month's last day when it is shorter.
fn clamped_day(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let last = month_end(year, month)?;
    if day == 0 {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day.min(last.day()))
}

// ---------------------------------------------------------------------------
// Tokens and segments

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Num {
    /// `None` when the number has more than nine digits.
    value: Option<u32>,
    digits: usize,
}

impl Num {
    /// A plausible four-digit calendar year.
    fn year(self) -> Option<i32> {
        let v = self.value?;
        (self.digits == 4 && (1900..=2199).contains(&v)).then_some(v as i32)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    /// Folded word: lower case, no diacritics.
    Word(String),
    Num(Num),
    Punct(char),
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    /// Byte range in the NFC source.
    start: usize,
    end: usize,
    space_before: bool,
    newline_before: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Digit,
    Punct,
    Word,
}

fn class_of(c: char) -> Class {
    if c.is_ascii_digit() {
        Class::Digit
    } else if c.is_ascii_punctuation()
        || matches!(
            c,
            '–' | '—'
                | '‒'
                | '―'
                | '−'
                | '•'
                | '●'
                | '▪'
                | '◦'
                | '·'
                | '…'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '«'
                | '»'
        )
    {
        Class::Punct
    } else {
        Class::Word
    }
}

fn tokenize(src: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = src.char_indices().peekable();
    let (mut space, mut newline) = (false, false);
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            space = true;
            newline |= matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}');
            continue;
        }
        let class = class_of(c);
        let mut end = start + c.len_utf8();
        if class != Class::Punct {
            while let Some(&(p, d)) = chars.peek() {
                if d.is_whitespace() || class_of(d) != class {
                    break;
                }
                end = p + d.len_utf8();
                chars.next();
            }
        }
        let text = &src[start..end];
        let kind = match class {
            Class::Digit => Kind::Num(Num {
                value: if text.len() <= 9 {
                    text.parse().ok()
                } else {
                    None
                },
                digits: text.len(),
            }),
            Class::Punct => Kind::Punct(c),
            Class::Word => Kind::Word(fold(text)),
        };
        out.push(Token {
            kind,
            start,
            end,
            space_before: space,
            newline_before: newline,
        });
        space = false;
        newline = false;
    }
    out
}

/// A number or a Roman numeral up to four ("I", "iv").
fn numeric_like(t: &Token) -> bool {
    match &t.kind {
        Kind::Num(_) => true,
        Kind::Word(w) => {
            (1..=4).contains(&w.len()) && w.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
        }
        Kind::Punct(_) => false,
    }
}

struct Segment<'t> {
    toks: &'t [Token],
    /// The segment was closed by ':' ("Báo cáo: tháng 11").
    colon: bool,
}

/// Cuts the cell into segments; the separators themselves are dropped.
fn segments(toks: &[Token]) -> Vec<Segment<'_>> {
    fn close<'t>(
        out: &mut Vec<Segment<'t>>,
        toks: &'t [Token],
        from: usize,
        to: usize,
        colon: bool,
    ) {
        if from < to {
            out.push(Segment {
                toks: &toks[from..to],
                colon,
            });
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in toks.iter().enumerate() {
        if t.newline_before {
            close(&mut out, toks, start, i, false);
            start = i;
        }
        let Kind::Punct(c) = t.kind else { continue };
        let next_spaced = toks.get(i + 1).is_none_or(|n| n.space_before);
        let cut = match c {
            ';' | ':' | '|' | '•' | '●' | '▪' | '◦' => true,
            '.' | '!' | '?' | '…' => next_spaced || t.space_before,
            // "Quý I - II/2024", "tháng 10 - 12", "2023 - 2025" stay together.
            '-' | '–' | '—' | '‒' | '―' | '−' => {
                i == start
                    || (t.space_before
                        && !(numeric_like(&toks[i - 1])
                            && toks.get(i + 1).is_some_and(numeric_like)))
            }
            '+' | '*' => i == start || t.space_before,
            _ => false,
        };
        if cut {
            close(&mut out, toks, start, i, c == ':');
            start = i + 1;
        }
    }
    close(&mut out, toks, start, toks.len(), false);
    out
}

// ---------------------------------------------------------------------------
// Recognisers

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flag {
    OnDemand,
    Continuous,
    External,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Found {
    Dates(Vec<NaiveDate>),
    Flag(Flag),
    /// Looked like a date but is not a valid one (tháng 13, 31/02, a
    /// document number): consumed so that its parts are not misread.
    Invalid,
}

#[derive(Debug)]
struct Hit {
    /// Index of the first token after the phrase.
    end: usize,
    found: Found,
}

impl Hit {
    fn dates(end: usize, dates: impl IntoIterator<Item = Option<NaiveDate>>) -> Hit {
        let dates: Option<Vec<NaiveDate>> = dates.into_iter().collect();
        let found = match dates {
            Some(d) if !d.is_empty() => Found::Dates(d),
            _ => Found::Invalid,
        };
        Hit { end, found }
    }

    fn flag(end: usize, flag: Flag) -> Hit {
        Hit {
            end,
            found: Found::Flag(flag),
        }
    }
}

/// A year as written after a date phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Year {
    /// No year written: the segment's default.
    Default,
    Explicit(i32),
    /// A year was written but is not acceptable ("năm 23", "năm 99999").
    Invalid,
}

/// Which month of a quarter a phrase points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QuarterPart {
    /// Its last day ("Quý I").
    End,
    /// End of its first month ("đầu quý I").
    FirstMonth,
}

/// Which day of a month a phrase points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MonthDay {
    Last,
    Day(u32),
}

/// Connecting words that belong to the date phrase that follows them, so
/// they are left out of labels ("Báo cáo trước ngày …" → "Báo cáo").
const FILLERS: &[&[&str]] = &[
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
const STOP_WORDS: &[&str] = &[
    "quy", "thang", "ngay", "nam", "truoc", "trong", "cham", "han", "hang", "moi", "dinh", "khi",
    "thuong", "tu", "den", "vao", "cuoi", "dau", "giua", "ca", "hoan", "dot",
];

/// Words for "each" in "hằng quý", "mỗi tháng", "từng quý", "các quý".
fn is_each(w: &str) -> bool {
    matches!(w, "hang" | "moi" | "tung" | "cac")
}

/// Spelled-out counts before "tháng" ("sáu tháng đầu năm"). "năm" (five) is
/// left out: it means "year" far more often.
fn count_word(w: &str) -> Option<u32> {
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
struct Ctx<'a> {
    src: &'a str,
    toks: &'a [Token],
    /// Year for phrases that name none.
    year: i32,
}

impl Ctx<'_> {
    fn word(&self, i: usize) -> Option<&str> {
        match &self.toks.get(i)?.kind {
            Kind::Word(w) => Some(w),
            _ => None,
        }
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.word(i) == Some(w)
    }

    fn seq(&self, i: usize, ws: &[&str]) -> bool {
        ws.iter().enumerate().all(|(k, w)| self.is(i + k, w))
    }

    fn num(&self, i: usize) -> Option<Num> {
        match self.toks.get(i)?.kind {
            Kind::Num(n) => Some(n),
            _ => None,
        }
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// Token `i` exists and touches the one before it.
    fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before)
    }

    fn resolve(&self, y: Year) -> Option<i32> {
        match y {
            Year::Default => Some(self.year),
            Year::Explicit(y) => Some(y),
            Year::Invalid => None,
        }
    }

    /// Tries every recogniser at token `i`.
    fn recognise(&self, i: usize) -> Option<Hit> {
        let hit = match &self.toks.get(i)?.kind {
            Kind::Punct(_) => None,
            Kind::Num(n) => self.number(i, *n),
            Kind::Word(w) => match w.as_str() {
                "quy" => self.quarter(i + 1, QuarterPart::End),
                "q" if self.glued(i + 1) && self.num(i + 1).is_some() => {
                    self.quarter(i + 1, QuarterPart::End)
                }
                "thang" => self.month(i + 1, MonthDay::Last),
                "ngay" => self.day(i + 1),
                "nam" => self.year_end_at(i + 1, false),
                // "giai đoạn 2021-2025": due at the end of the span.
                "giai" if self.is(i + 1, "doan") && self.num(i + 2).is_some() => {
                    self.year_end_at(i + 2, false)
                }
                "trong" | "ca" if self.is(i + 1, "nam") => self.year_end_at(i + 2, true),
                "cuoi" | "dau" | "giua" => self.part_of(i),
                "dinh" if self.is(i + 1, "ky") => self.periodic(i + 2),
                w if is_each(w) => self.periodic(i),
                "khi" | "theo" | "dot" | "thuong" | "lien" => self.flag(i),
                "so" if self.num(i + 1).is_some() => self.doc_ref(i + 1),
                w => count_word(w).and_then(|n| self.count_months(i, n)),
            },
        }?;
        // Every hit consumes at least its first token and stays in bounds.
        Some(Hit {
            end: hit.end.clamp(i + 1, self.toks.len()),
            found: hit.found,
        })
    }

    /// A year number after "năm": "2023", "nay" (plan year), "sau"/"tới" (next).
    fn year_number(&self, k: usize) -> (Year, usize) {
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
    fn year_suffix(&self, j: usize) -> (Year, usize) {
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
    fn list_sep(&self, j: usize) -> Option<(bool, usize)> {
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

    /// A quarter number at `j`. With `first`, anything that looks like a
    /// number is taken, valid (`Some(q)`) or not (`None`); later items of a
    /// list are taken only when valid.
    fn quarter_number(&self, j: usize, first: bool) -> Option<(Option<u32>, usize)> {
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
    fn quarter(&self, j: usize, part: QuarterPart) -> Option<Hit> {
        let (first, mut j) = self.quarter_number(j, true)?;
        let mut qs = vec![first];
        while let Some((range, k)) = self.list_sep(j) {
            let k = if self.is(k, "quy") { k + 1 } else { k };
            let Some((q, next)) = self.quarter_number(k, false) else {
                break;
            };
            if range {
                qs.clear();
            }
            qs.push(q);
            j = next;
        }
        let (y, end) = self.year_suffix(j);
        let year = self.resolve(y);
        Some(Hit::dates(
            end,
            qs.into_iter().map(|q| {
                let (y, q) = (year?, q?);
                match part {
                    QuarterPart::End => quarter_end_opt(y, q),
                    QuarterPart::FirstMonth => month_end(y, q * 3 - 2),
                }
            }),
        ))
    }

    /// "[tháng] 10, 11 năm 2023" with `j` just after "tháng".
    fn month(&self, j: usize, day: MonthDay) -> Option<Hit> {
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

    fn date(&self, end: usize, d: Num, m: Num, y: Year) -> Hit {
        let date = (|| NaiveDate::from_ymd_opt(self.resolve(y)?, m.value?, d.value?))();
        Hit::dates(end, [date])
    }

    /// A calendar date starting with the day number at `j`: "15 tháng 8 năm
    /// 2024", "15/8/2024", "15-08-2024", "15.08.2024", and with `!need_year`
    /// also "15/8" (plan year).
    fn day_month(&self, j: usize, need_year: bool) -> Option<Hit> {
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
    fn day(&self, j: usize) -> Option<Hit> {
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

    /// "năm 2023", "năm 2021-2025" with `k` just after "năm". With
    /// `allow_default` ("trong năm", "cả năm") the year may be missing.
    fn year_end_at(&self, k: usize, allow_default: bool) -> Option<Hit> {
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
        Some(Hit::dates(end, [self.resolve(y).and_then(year_end)]))
    }

    /// "cuối / đầu / giữa" + năm, tháng or quý, at `i`.
    fn part_of(&self, i: usize) -> Option<Hit> {
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
                Some(Hit::dates(end, [date]))
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

    /// "hằng quý", "mỗi tháng", "hằng năm", "hằng ngày" … with `i` at the
    /// "each" word, or at the period word itself after "định kỳ" / "cuối".
    fn periodic(&self, i: usize) -> Option<Hit> {
        let each = self.word(i)?;
        let k = if is_each(each) { i + 1 } else { i };
        let period = self.word(k)?;
        let cac = each == "cac";
        // Followed by a number: a list such as "các tháng 3, 6", not a recurrence.
        let numbered = self.num(k + 1).is_some() || self.quarter_number(k + 1, false).is_some();
        let months: Vec<u32> = match period {
            "quy" if !numbered => vec![3, 6, 9, 12],
            "thang" if !numbered => (1..=12).collect(),
            "nam" if !numbered && !cac => vec![12],
            "ngay" | "tuan" if !numbered && !cac && k > i => {
                return Some(Hit::flag(k + 1, Flag::Continuous));
            }
            _ => return None,
        };
        let (y, end) = self.year_suffix(k + 1);
        let year = self.resolve(y);
        Some(Hit::dates(
            end,
            months.into_iter().map(|m| month_end(year?, m)),
        ))
    }

    /// "N tháng …" with the count `n` at `i`.
    fn count_months(&self, i: usize, n: u32) -> Option<Hit> {
        if !self.is(i + 1, "thang") || self.num(i + 2).is_some() {
            return None;
        }
        let k = i + 2;
        if self.seq(k, &["dau", "nam"]) {
            let (y, end) = self.year_number(k + 2);
            let date = self.resolve(y).and_then(|y| month_end(y, n));
            return Some(Hit::dates(end, [date]));
        }
        if self.seq(k, &["cuoi", "nam"]) {
            let (y, end) = self.year_number(k + 2);
            return Some(Hit::dates(end, [self.resolve(y).and_then(year_end)]));
        }
        let after_dinh_ky = i >= 2 && self.seq(i - 2, &["dinh", "ky"]);
        // "3 tháng một lần", "3 tháng/lần".
        let once =
            self.seq(k, &["mot", "lan"]) || (self.punct(k) == Some('/') && self.is(k + 1, "lan"));
        let k = if once { k + 2 } else { k };
        let months: Vec<u32> = match n {
            6 => vec![6, 12],
            3 if after_dinh_ky || once => vec![3, 6, 9, 12],
            1 if after_dinh_ky || once => (1..=12).collect(),
            12 if after_dinh_ky || once => vec![12],
            _ => return None,
        };
        let (y, end) = self.year_suffix(k);
        let year = self.resolve(y);
        Some(Hit::dates(
            end,
            months.into_iter().map(|m| month_end(year?, m)),
        ))
    }

    /// A phrase starting with a number at `i`.
    fn number(&self, i: usize, n: Num) -> Option<Hit> {
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
            return Some(Hit::dates(i + 3, [date]));
        }
        if let Some(hit) = n.value.and_then(|v| self.count_months(i, v)) {
            return Some(hit);
        }
        // A bare "15/8" is a date only right after a deadline word ("trước 15/8").
        let after_deadline_word = i > 0
            && matches!(
                self.word(i - 1),
                Some("truoc" | "nhat" | "chot" | "han" | "vao" | "den" | "tu" | "trong" | "thanh")
            );
        self.day_month(i, !after_deadline_word)
    }

    /// A document number such as "41/2011/QĐ-UBND" (or any number after
    /// "số") at `i`, with the "ngày …" that dates it.
    fn doc_ref(&self, i: usize) -> Option<Hit> {
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
        Some(Hit {
            end: k,
            found: Found::Invalid,
        })
    }

    /// On-demand, continuous and external phrases at `i`.
    fn flag(&self, i: usize) -> Option<Hit> {
        match self.word(i)? {
            "khi" => {
                let k = if self.is(i + 1, "co") { i + 2 } else { i + 1 };
                let what = [
                    ["phat", "sinh"],
                    ["yeu", "cau"],
                    ["chi", "dao"],
                    ["de", "nghi"],
                    ["can", "thiet"],
                ];
                what.iter()
                    .any(|w| self.seq(k, w))
                    .then(|| Hit::flag(k + 2, Flag::OnDemand))
            }
            "theo" => {
                let k = i + 1;
                if self.seq(k, &["yeu", "cau"]) && !self.is(k + 2, "cua") {
                    return Some(Hit::flag(k + 2, Flag::OnDemand));
                }
                let what = [
                    ["ke", "hoach"],
                    ["huong", "dan"],
                    ["chi", "dao"],
                    ["lo", "trinh"],
                    ["quy", "dinh"],
                    ["van", "ban"],
                    ["thong", "bao"],
                    ["tien", "do"],
                    ["yeu", "cau"],
                ];
                if !what.iter().any(|w| self.seq(k, w)) {
                    return None;
                }
                let mut end = k + 2;
                if self.is(end, "cua") {
                    // The body: words up to the next punctuation, number or date word.
                    end += 1;
                    while self.word(end).is_some_and(|w| !STOP_WORDS.contains(&w)) {
                        end += 1;
                    }
                }
                Some(Hit::flag(end, Flag::External))
            }
            "dot" if self.is(i + 1, "xuat") => Some(Hit::flag(i + 2, Flag::OnDemand)),
            "thuong" if self.is(i + 1, "xuyen") => Some(Hit::flag(i + 2, Flag::Continuous)),
            "lien" if self.is(i + 1, "tuc") => Some(Hit::flag(i + 2, Flag::Continuous)),
            _ => None,
        }
    }

    /// Moves `start` back over connecting words ("trong", "chậm nhất") not
    /// already used by an earlier phrase (`floor`).
    fn extend_back(&self, mut start: usize, floor: usize) -> usize {
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
    fn only_fillers(&self, mut from: usize, to: usize) -> bool {
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

/// The single year written after "năm" in a segment, if there is exactly one.
fn segment_year(toks: &[Token]) -> Option<i32> {
    let mut found = None;
    for pair in toks.windows(2) {
        if let (Kind::Word(w), Kind::Num(n)) = (&pair[0].kind, &pair[1].kind)
            && w == "nam"
            && let Some(y) = n.year()
        {
            match found {
                None => found = Some(y),
                Some(f) if f != y => return None,
                _ => {}
            }
        }
    }
    found
}

/// What one segment says.
struct SegmentOut {
    dates: Vec<NaiveDate>,
    flags: Vec<Flag>,
    /// Something (even an invalid date) was recognised.
    understood_any: bool,
    label: String,
}

fn analyse(src: &str, toks: &[Token], plan_year: i32) -> SegmentOut {
    let cx = Ctx {
        src,
        toks,
        year: segment_year(toks).unwrap_or(plan_year),
    };
    // (start, hit), in order, not overlapping.
    let mut hits: Vec<(usize, Hit)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(hit) = cx.recognise(i) else {
            i += 1;
            continue;
        };
        let floor = hits.last().map_or(0, |(_, h)| h.end);
        // "tháng 3 đến tháng 5", "từ ngày 1/3 đến ngày 15/3": only the end is due.
        let connector = if i >= 2 && cx.seq(i - 2, &["den", "het"]) {
            Some(i - 2)
        } else if i >= 1 && matches!(cx.word(i - 1), Some("den" | "toi")) {
            Some(i - 1)
        } else {
            None
        };
        if let (Some(c), Some((_, prev))) = (connector, hits.last_mut())
            && prev.end == c
            && matches!(prev.found, Found::Dates(_))
            && matches!(hit.found, Found::Dates(_))
        {
            prev.found = Found::Dates(Vec::new());
        }
        let start = cx.extend_back(i, floor);
        i = hit.end;
        hits.push((start, hit));
    }

    let mut out = SegmentOut {
        dates: Vec::new(),
        flags: Vec::new(),
        understood_any: !hits.is_empty(),
        label: String::new(),
    };
    for (_, hit) in &hits {
        match &hit.found {
            Found::Dates(d) => out.dates.extend(d),
            Found::Flag(f) => out.flags.push(*f),
            Found::Invalid => {}
        }
    }
    if hits.is_empty() && cx.only_fillers(0, toks.len()) {
        return out;
    }

    // The label: runs of tokens outside every hit.
    let mut pieces = Vec::new();
    let mut from = 0;
    for (start, hit) in hits
        .iter()
        .map(|(s, h)| (*s, h.end))
        .chain([(toks.len(), toks.len())])
    {
        if from < start {
            pieces.push(clean_label(&src[toks[from].start..toks[start - 1].end]));
        }
        from = hit.max(from);
    }
    out.label = pieces
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    out
}

/// Collapses white space and trims separators from the ends of a label.
fn clean_label(s: &str) -> String {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_matches(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    ',' | ';' | ':' | '.' | '-' | '–' | '—' | '+' | '*' | '•' | '/' | '&'
                )
        })
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn dates(text: &str, year: i32) -> Vec<NaiveDate> {
        parse_deadline(text, year).dates()
    }

    fn quarters(y: i32) -> Vec<NaiveDate> {
        vec![d(y, 3, 31), d(y, 6, 30), d(y, 9, 30), d(y, 12, 31)]
    }

    fn labels(s: &Schedule) -> Vec<&str> {
        s.milestones.iter().map(|m| m.label.as_str()).collect()
    }

    // --- the cells of the real plan (plan year 2023) ---------------------

    #[test]
    fn seed_flags_only() {
        let s = parse_deadline("Khi có phát sinh", 2023);
        assert!(s.on_demand && !s.continuous && !s.external && !s.unparsed);
        assert!(s.milestones.is_empty());

        let s = parse_deadline("Theo Kế hoạch của Thành phố", 2023);
        assert!(s.external && !s.on_demand && !s.unparsed);
        assert!(s.milestones.is_empty());

        let s = parse_deadline("Thường xuyên", 2023);
        assert!(s.continuous && !s.on_demand && !s.external && !s.unparsed);
        assert!(s.milestones.is_empty());
    }

    #[test]
    fn seed_single_dates() {
        let s = parse_deadline("Hoàn thành trong tháng 10 năm 2023", 2023);
        assert_eq!(s.dates(), vec![d(2023, 10, 31)]);
        assert_eq!(labels(&s), vec![""]);
        assert!(!s.unparsed && !s.on_demand && !s.continuous && !s.external);

        assert_eq!(dates("Quý I năm 2023", 2023), vec![d(2023, 3, 31)]);
        assert_eq!(dates("Trong năm 2023", 2023), vec![d(2023, 12, 31)]);
        assert_eq!(dates("Trong Quý II năm 2023", 2023), vec![d(2023, 6, 30)]);
    }

    #[test]
    fn seed_last_month_of_quarter() {
        let s = parse_deadline("Chậm nhất ngày 07 tháng cuối cùng của quý", 2023);
        assert_eq!(
            s.dates(),
            vec![d(2023, 3, 7), d(2023, 6, 7), d(2023, 9, 7), d(2023, 12, 7)]
        );
        assert!(s.milestones.iter().all(|m| m.label.is_empty()));
    }

    #[test]
    fn seed_trailing_product_words() {
        let s = parse_deadline("Quý I năm 2023; Kế hoạch", 2023);
        assert_eq!(s.dates(), vec![d(2023, 3, 31)]);
        assert_eq!(labels(&s), vec!["Kế hoạch"]);

        let s = parse_deadline("Quý I năm 2023; ban hành Kế hoạch", 2023);
        assert_eq!(s.dates(), vec![d(2023, 3, 31)]);
        assert_eq!(labels(&s), vec!["ban hành Kế hoạch"]);

        let s = parse_deadline("Quy I năm 2023; Ban hành Kế hoạch.", 2023);
        assert_eq!(s.dates(), vec![d(2023, 3, 31)]);
        assert_eq!(labels(&s), vec!["Ban hành Kế hoạch"]);
        assert!(!s.unparsed);
    }

    #[test]
    fn seed_on_demand_and_quarterly() {
        let s = parse_deadline("Khi phát sinh Định kỳ hàng quý", 2023);
        assert!(s.on_demand && !s.unparsed);
        assert_eq!(s.dates(), quarters(2023));
    }

    #[test]
    fn seed_multi_milestone_cell() {
        let s = parse_deadline(
            "- Quý I năm 2023: Thông báo lịch kiểm tra công vụ - Kiểm tra thường xuyên trong năm 2023. - Báo cáo trong tháng 11 năm 2023",
            2023,
        );
        assert_eq!(
            s.dates(),
            vec![d(2023, 3, 31), d(2023, 11, 30), d(2023, 12, 31)]
        );
        assert_eq!(
            labels(&s),
            vec!["Thông báo lịch kiểm tra công vụ", "Báo cáo", "Kiểm tra"]
        );
        assert!(s.continuous && !s.on_demand && !s.external && !s.unparsed);
    }

    #[test]
    fn every_cell_of_the_seed_table_is_understood() {
        let cells = [
            "Khi có phát sinh",
            "Hoàn thành trong tháng 10 năm 2023",
            "Theo Kế hoạch của Thành phố",
            "Thường xuyên",
            "Quý I năm 2023",
            "Chậm nhất ngày 07 tháng cuối cùng của quý",
            "Trong năm 2023",
            "Quý I năm 2023; Kế hoạch",
            "Quý I năm 2023; ban hành Kế hoạch",
            "Khi phát sinh Định kỳ hàng quý",
            "Trong Quý II năm 2023",
            "Quy I năm 2023; Ban hành Kế hoạch.",
            "- Quý I năm 2023: Thông báo lịch kiểm tra công vụ - Kiểm tra thường xuyên trong năm 2023. - Báo cáo trong tháng 11 năm 2023",
        ];
        for cell in cells {
            let s = parse_deadline(cell, 2023);
            assert!(!s.unparsed, "{cell}");
            assert!(s.dates().iter().all(|d| d.year() == 2023), "{cell}");
        }
    }

    // --- quarters ----------------------------------------------------------

    #[test]
    fn quarters_roman_arabic_and_spelling() {
        assert_eq!(dates("quý 2/2024", 2023), vec![d(2024, 6, 30)]);
        assert_eq!(dates("Quý III/2024", 2023), vec![d(2024, 9, 30)]);
        assert_eq!(dates("quy III nam 2024", 2023), vec![d(2024, 9, 30)]);
        assert_eq!(dates("QUÝ IV NĂM 2024", 2023), vec![d(2024, 12, 31)]);
        assert_eq!(dates("quý 4", 2025), vec![d(2025, 12, 31)]);
        assert_eq!(dates("Quý hai năm 2024", 2023), vec![d(2024, 6, 30)]);
        assert_eq!(dates("Q1/2024", 2023), vec![d(2024, 3, 31)]);
        assert_eq!(dates("cuối quý II năm 2024", 2023), vec![d(2024, 6, 30)]);
        assert_eq!(dates("đầu quý II năm 2024", 2023), vec![d(2024, 4, 30)]);
    }

    #[test]
    fn explicit_year_wins_over_plan_year() {
        assert_eq!(dates("Quý I năm 2023", 2024), vec![d(2023, 3, 31)]);
        assert_eq!(dates("Quý I", 2024), vec![d(2024, 3, 31)]);
        assert_eq!(dates("Quý I năm nay", 2024), vec![d(2024, 3, 31)]);
        assert_eq!(dates("Quý I năm sau", 2024), vec![d(2025, 3, 31)]);
    }

    #[test]
    fn quarter_lists_and_ranges() {
        assert_eq!(
            dates("Quý I, II năm 2024", 2023),
            vec![d(2024, 3, 31), d(2024, 6, 30)]
        );
        assert_eq!(
            dates("Quý I và Quý III", 2023),
            vec![d(2023, 3, 31), d(2023, 9, 30)]
        );
        assert_eq!(
            dates("từ quý I đến quý III năm 2024", 2023),
            vec![d(2024, 9, 30)]
        );
    }

    #[test]
    fn quarter_helpers() {
        assert_eq!(quarter_end(2023, 1), d(2023, 3, 31));
        assert_eq!(quarter_end(2023, 2), d(2023, 6, 30));
        assert_eq!(quarter_end(2023, 3), d(2023, 9, 30));
        assert_eq!(quarter_end(2023, 4), d(2023, 12, 31));
        assert_eq!(quarter_end(2023, 0), d(2023, 3, 31));
        assert_eq!(quarter_end(2023, 9), d(2023, 12, 31));
        assert_eq!(quarter_end(i32::MAX, 1), NaiveDate::MAX);
        assert_eq!(quarter_of(d(2024, 1, 1)), 1);
        assert_eq!(quarter_of(d(2024, 3, 31)), 1);
        assert_eq!(quarter_of(d(2024, 4, 1)), 2);
        assert_eq!(quarter_of(d(2024, 9, 30)), 3);
        assert_eq!(quarter_of(d(2024, 12, 31)), 4);
    }

    // --- months ------------------------------------------------------------

    #[test]
    fn months() {
        assert_eq!(dates("tháng 10 năm 2023", 2023), vec![d(2023, 10, 31)]);
        assert_eq!(dates("Tháng 5/2024", 2023), vec![d(2024, 5, 31)]);
        assert_eq!(
            dates("trong tháng 11 năm 2023", 2023),
            vec![d(2023, 11, 30)]
        );
        assert_eq!(dates("THANG 4", 2023), vec![d(2023, 4, 30)]);
        assert_eq!(dates("10/2023", 2020), vec![d(2023, 10, 31)]);
        assert_eq!(
            dates("tháng 3, 6 và 9 năm 2024", 2023),
            vec![d(2024, 3, 31), d(2024, 6, 30), d(2024, 9, 30)]
        );
        assert_eq!(
            dates("từ tháng 3 đến tháng 5 năm 2024", 2023),
            vec![d(2024, 5, 31)]
        );
        assert_eq!(dates("đầu tháng 3 năm 2024", 2023), vec![d(2024, 3, 10)]);
        assert_eq!(dates("giữa tháng 3 năm 2024", 2023), vec![d(2024, 3, 15)]);
    }

    #[test]
    fn leap_years() {
        assert_eq!(dates("cuối tháng 2 năm 2024", 2023), vec![d(2024, 2, 29)]);
        assert_eq!(dates("cuối tháng 2 năm 2023", 2023), vec![d(2023, 2, 28)]);
        assert_eq!(dates("tháng 2", 2024), vec![d(2024, 2, 29)]);
        assert_eq!(dates("29/02/2024", 2023), vec![d(2024, 2, 29)]);
        let s = parse_deadline("29/02/2023", 2023);
        assert!(s.milestones.is_empty() && s.unparsed);
        assert!(parse_deadline("ngày 31 tháng 2 năm 2024", 2024).unparsed);
        assert!(parse_deadline("31/04/2024", 2024).unparsed);
    }

    // --- explicit dates ----------------------------------------------------

    #[test]
    fn explicit_dates() {
        let aug15 = vec![d(2024, 8, 15)];
        assert_eq!(dates("15/8/2024", 2023), aug15);
        assert_eq!(dates("15-08-2024", 2023), aug15);
        assert_eq!(dates("15.08.2024", 2023), aug15);
        assert_eq!(dates("2024-08-15", 2023), aug15);
        assert_eq!(dates("ngày 15 tháng 8 năm 2024", 2023), aug15);
        assert_eq!(dates("Ngày 15/8", 2024), aug15);
        assert_eq!(dates("ngày 15/8 năm 2024", 2023), aug15);
        assert_eq!(dates("chậm nhất ngày 15/8/2024", 2023), aug15);
        assert_eq!(dates("Trước ngày 15/8/2024", 2023), aug15);
        assert_eq!(dates("hạn chót 15/08/2024", 2023), aug15);
        assert_eq!(dates("15 tháng 8 năm 2024", 2023), aug15);
        let s = parse_deadline("Trước ngày 15/8/2024", 2023);
        assert_eq!(labels(&s), vec![""]);
    }

    #[test]
    fn bare_day_month_needs_a_deadline_word() {
        assert_eq!(dates("Trước 15/8", 2024), vec![d(2024, 8, 15)]);
        assert_eq!(dates("chậm nhất 30/6", 2023), vec![d(2023, 6, 30)]);
        assert!(parse_deadline("15/8", 2024).unparsed);
        assert!(parse_deadline("3/5 xã", 2024).unparsed);
    }

    #[test]
    fn annual_date_is_one_date() {
        assert_eq!(
            dates("ngày 15 tháng 12 hằng năm", 2023),
            vec![d(2023, 12, 15)]
        );
        assert_eq!(dates("ngày 15/8/2024 hằng năm", 2023), vec![d(2024, 8, 15)]);
    }

    #[test]
    fn date_ranges_keep_the_end() {
        assert_eq!(dates("quý I - II/2024", 2023), vec![d(2024, 6, 30)]);
        assert_eq!(dates("Quý I-II năm 2024", 2023), vec![d(2024, 6, 30)]);
        assert_eq!(dates("tháng 10 - 12/2023", 2022), vec![d(2023, 12, 31)]);
        assert_eq!(dates("Năm 2023 - 2025", 2023), vec![d(2025, 12, 31)]);
        assert_eq!(
            dates("từ ngày 01/3 đến ngày 15/3/2024", 2023),
            vec![d(2024, 3, 15)]
        );
        assert_eq!(dates("Giai đoạn 2021-2025", 2023), vec![d(2025, 12, 31)]);
        assert_eq!(dates("năm 2021-2025", 2023), vec![d(2025, 12, 31)]);
    }

    // --- years and parts of the year ---------------------------------------

    #[test]
    fn years_and_parts() {
        assert_eq!(dates("năm 2023", 2020), vec![d(2023, 12, 31)]);
        assert_eq!(dates("cả năm", 2023), vec![d(2023, 12, 31)]);
        assert_eq!(dates("trong năm", 2024), vec![d(2024, 12, 31)]);
        assert_eq!(dates("Cuối năm", 2023), vec![d(2023, 12, 31)]);
        assert_eq!(dates("đầu năm", 2023), vec![d(2023, 3, 31)]);
        assert_eq!(dates("giữa năm 2024", 2023), vec![d(2024, 6, 30)]);
        assert_eq!(dates("6 tháng đầu năm", 2023), vec![d(2023, 6, 30)]);
        assert_eq!(dates("9 tháng đầu năm 2024", 2023), vec![d(2024, 9, 30)]);
        assert_eq!(dates("sáu tháng đầu năm", 2023), vec![d(2023, 6, 30)]);
        assert_eq!(dates("6 tháng cuối năm", 2023), vec![d(2023, 12, 31)]);
    }

    // --- recurrences -------------------------------------------------------

    #[test]
    fn recurring_quarters_months_years() {
        assert_eq!(dates("định kỳ hằng quý", 2023), quarters(2023));
        assert_eq!(dates("Hàng quý", 2023), quarters(2023));
        assert_eq!(dates("mỗi quý", 2023), quarters(2023));
        assert_eq!(dates("Báo cáo cuối quý", 2023), quarters(2023));
        assert_eq!(
            dates("Định kỳ hằng quý trong năm 2024", 2023),
            quarters(2024)
        );
        let monthly: Vec<NaiveDate> = (1..=12).map(|m| month_end(2024, m).unwrap()).collect();
        assert_eq!(dates("hằng tháng", 2024), monthly);
        assert_eq!(dates("Hàng tháng", 2024), monthly);
        assert_eq!(dates("mỗi tháng", 2024), monthly);
        assert_eq!(monthly[1], d(2024, 2, 29));
        let half = vec![d(2023, 6, 30), d(2023, 12, 31)];
        assert_eq!(dates("6 tháng", 2023), half);
        assert_eq!(dates("định kỳ 6 tháng", 2023), half);
        assert_eq!(dates("Sáu tháng", 2023), half);
        assert_eq!(dates("định kỳ 3 tháng", 2023), quarters(2023));
        assert_eq!(dates("hằng năm", 2023), vec![d(2023, 12, 31)]);
        assert_eq!(dates("Hàng năm", 2023), vec![d(2023, 12, 31)]);
    }

    #[test]
    fn recurring_days() {
        assert_eq!(
            dates("ngày 15 của tháng cuối quý", 2024),
            vec![
                d(2024, 3, 15),
                d(2024, 6, 15),
                d(2024, 9, 15),
                d(2024, 12, 15)
            ]
        );
        assert_eq!(
            dates("ngày 25 hàng quý", 2024),
            vec![
                d(2024, 3, 25),
                d(2024, 6, 25),
                d(2024, 9, 25),
                d(2024, 12, 25)
            ]
        );
        assert_eq!(
            dates("chậm nhất ngày 10 tháng đầu của quý", 2024),
            vec![
                d(2024, 1, 10),
                d(2024, 4, 10),
                d(2024, 7, 10),
                d(2024, 10, 10)
            ]
        );
        let s = dates("trước ngày 20 hằng tháng", 2023);
        assert_eq!(s.len(), 12);
        assert_eq!(s[0], d(2023, 1, 20));
        assert_eq!(s[11], d(2023, 12, 20));
        let s = dates("ngày 31 hằng tháng", 2023);
        assert_eq!(s[1], d(2023, 2, 28));
        assert_eq!(s[3], d(2023, 4, 30));
        assert_eq!(s[11], d(2023, 12, 31));
        assert_eq!(
            dates("ngày 31 tháng cuối quý", 2023),
            vec![
                d(2023, 3, 31),
                d(2023, 6, 30),
                d(2023, 9, 30),
                d(2023, 12, 31)
            ]
        );
    }

    // --- flags -------------------------------------------------------------

    #[test]
    fn flags_and_combinations() {
        assert!(parse_deadline("khi phát sinh", 2023).on_demand);
        assert!(parse_deadline("Khi có yêu cầu", 2023).on_demand);
        assert!(parse_deadline("KHI CO PHAT SINH", 2023).on_demand);
        let s = parse_deadline("Theo yêu cầu của Sở Nội vụ", 2023);
        assert!(s.external && !s.on_demand && s.milestones.is_empty());
        let s = parse_deadline("Theo hướng dẫn của cấp trên", 2023);
        assert!(s.external && s.milestones.is_empty());
        let s = parse_deadline("Thường xuyên; báo cáo trong tháng 12 năm 2023", 2023);
        assert!(s.continuous);
        assert_eq!(s.dates(), vec![d(2023, 12, 31)]);
        assert_eq!(labels(&s), vec!["báo cáo"]);
        let s = parse_deadline("Theo kế hoạch của Thành phố, dự kiến Quý III/2024", 2023);
        assert!(s.external);
        assert_eq!(s.dates(), vec![d(2024, 9, 30)]);
    }

    // --- labels and segmentation -------------------------------------------

    #[test]
    fn labels_from_several_lines() {
        let s = parse_deadline(
            "Kế hoạch: Quý I/2024\nBáo cáo sơ kết: 6 tháng đầu năm 2024\n+ Báo cáo tổng kết trước ngày 15/12/2024",
            2023,
        );
        assert_eq!(
            s.dates(),
            vec![d(2024, 3, 31), d(2024, 6, 30), d(2024, 12, 15)]
        );
        assert_eq!(
            labels(&s),
            vec!["Kế hoạch", "Báo cáo sơ kết", "Báo cáo tổng kết"]
        );
    }

    #[test]
    fn connecting_words_stay_out_of_labels() {
        let s = parse_deadline("Trong tháng 10 năm 2023 và tháng 2 năm 2024", 2023);
        assert_eq!(s.dates(), vec![d(2023, 10, 31), d(2024, 2, 29)]);
        assert_eq!(labels(&s), vec!["", ""]);
        let s = parse_deadline("Thời hạn: Quý II", 2023);
        assert_eq!(s.dates(), vec![d(2023, 6, 30)]);
        assert_eq!(labels(&s), vec![""]);
        let s = parse_deadline("Ban hành kế hoạch; Quý I năm 2023", 2023);
        assert_eq!(labels(&s), vec!["Ban hành kế hoạch"]);
        let s = parse_deadline("Quý I năm 2023, ban hành Kế hoạch", 2023);
        assert_eq!(labels(&s), vec!["ban hành Kế hoạch"]);
    }

    #[test]
    fn same_date_twice_is_one_milestone() {
        let s = parse_deadline("Quý IV năm 2023: Báo cáo - Trong năm 2023: Tổng kết", 2023);
        assert_eq!(s.dates(), vec![d(2023, 12, 31)]);
        assert_eq!(labels(&s), vec!["Báo cáo; Tổng kết"]);
    }

    #[test]
    fn dashes_inside_numbers_do_not_split() {
        // A bare span of years names a plan, not a deadline.
        let s = parse_deadline("Kế hoạch 2021-2025 - tháng 3 năm 2024", 2023);
        assert_eq!(s.dates(), vec![d(2024, 3, 31)]);
        assert_eq!(labels(&s), vec!["Kế hoạch 2021-2025"]);
    }

    #[test]
    fn decomposed_input_is_understood() {
        // "Quý" typed with a combining acute accent (NFD).
        assert_eq!(
            dates("Qu\u{0079}\u{0301} II na\u{0306}m 2024", 2023),
            vec![d(2024, 6, 30)]
        );
    }

    #[test]
    fn document_numbers_are_not_deadlines() {
        let s = parse_deadline(
            "Theo Quyết định số 41/2011/QĐ-UBND ngày 17 tháng 6 năm 2011",
            2023,
        );
        assert!(s.milestones.is_empty());
        let s = parse_deadline("Nghị định 120/2020/NĐ-CP; Quý II/2023", 2023);
        assert_eq!(s.dates(), vec![d(2023, 6, 30)]);
    }

    // --- not understood ----------------------------------------------------

    #[test]
    fn unparsed_and_invalid() {
        for text in [
            "",
            "   ",
            "abc",
            "tháng 13 năm 2023",
            "quý V năm 2023",
            "quý 0",
            "quý IIII",
            "ngày 0 tháng 0",
            "31/02/2024",
            "ngày 32/1/2024",
            "Quý I năm 23",
            "15/8/24",
            "năm 99999",
            "ngày 99999999999999 tháng 13",
        ] {
            let s = parse_deadline(text, 2023);
            assert!(s.unparsed, "{text:?}");
            assert!(s.milestones.is_empty(), "{text:?}");
        }
        // An invalid quarter must not fall back to its year.
        assert!(dates("Quý V năm 2023", 2023).is_empty());
    }

    #[test]
    fn next_due_and_dates() {
        let s = parse_deadline("định kỳ hằng quý", 2023);
        assert_eq!(s.next_due(d(2023, 1, 1)), Some(d(2023, 3, 31)));
        assert_eq!(s.next_due(d(2023, 3, 31)), Some(d(2023, 3, 31)));
        assert_eq!(s.next_due(d(2023, 4, 1)), Some(d(2023, 6, 30)));
        assert_eq!(s.next_due(d(2024, 1, 1)), None);
        assert_eq!(Schedule::default().next_due(d(2023, 1, 1)), None);
    }

    #[test]
    fn serialises_dates_as_iso_strings() {
        let s = parse_deadline("Quý I năm 2023; Kế hoạch", 2023);
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.contains(r#""due":"2023-03-31""#), "{json}");
        assert!(json.contains(r#""label":"Kế hoạch""#), "{json}");
        assert!(json.contains(r#""unparsed":false"#), "{json}");
    }

    #[test]
    fn never_panics() {
        let long = "Quý I, ".repeat(1500);
        let long_digits = "9".repeat(10_000);
        let junk: String = (0u32..3000).filter_map(char::from_u32).collect();
        let odd = [
            "ngày 99999999999999 tháng 13",
            "ngày 0 tháng 0",
            "quý 0",
            "quý IIII",
            "tháng 4294967295 năm 4294967295",
            "ngày 4294967296/99999999999/2024",
            "2024-99-99",
            "9999-12-31",
            "năm 2199-2199",
            "- - - ; ; : : . . .",
            "ngày",
            "ngày 5",
            "ngày 5 tháng",
            "tháng",
            "quý",
            "Quý I năm",
            "6 tháng đầu năm 99999",
            "99 tháng đầu năm",
            "0 tháng đầu năm",
            "đến",
            "từ đến",
            "số",
            "số 1/",
            "theo kế hoạch của",
            "\u{0301}\u{0301}\u{0301}",
            "🙂 quý 🙂 I 🙂",
            "\u{0}\u{1}\u{7f}",
            "İ̇ ǅ ß ﬀ",
            "１５/８/２０２４",
            long.as_str(),
            long_digits.as_str(),
            junk.as_str(),
        ];
        for text in odd {
            for year in [2023, 0, -1, i32::MIN, i32::MAX, 262_143] {
                let s = parse_deadline(text, year);
                assert_eq!(
                    s.unparsed,
                    s.milestones.is_empty() && !s.on_demand && !s.continuous && !s.external
                );
                assert!(s.milestones.windows(2).all(|w| w[0].due < w[1].due));
            }
        }
        assert_eq!(dates("Quý I", i32::MAX), Vec::<NaiveDate>::new());
        assert_eq!(dates("năm 2199-2199", 2023), vec![d(2199, 12, 31)]);
        let long_text: String = "x".repeat(10_000);
        assert!(parse_deadline(&long_text, 2023).unparsed);
        assert_eq!(dates(&long, 2023), vec![d(2023, 3, 31)]);
    }
}
