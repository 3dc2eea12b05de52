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
//!   "chậm nhất 15/8", "dịp 30/4"), in a list that such a date or another
//!   day/month opens ("trước ngày 15/6 và 15/12", "15/3, 15/6, 15/9, 15/12",
//!   "15/6 và 15/12 hằng năm"), before "hằng năm" ("30/4 hằng năm"), or
//!   alone in its segment ("15/8"), since "3/5 xã" is a ratio, not a date
//!   (*choice*); "trước 15 hằng tháng" is day 15 of every month;
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
//!   "hằng năm" → 31/12; "báo cáo quý / tháng / năm" (also with a word or
//!   two between: "báo cáo CCHC quý") → a report of each such period, due at
//!   its end (the words stay in the label);
//! * a day inside a recurrence: "ngày 07 tháng cuối cùng của quý", "ngày 15
//!   của tháng cuối quý", "ngày 25 hàng quý" → that day of March, June,
//!   September and December; "ngày 07 tháng đầu quý" → of January, April, July,
//!   October; "trước ngày 20 hằng tháng" → day 20 of every month (clamped to
//!   the length of short months); "ngày 10 tháng đầu (của) quý sau / quý
//!   tiếp theo" → of April, July, October and January of the next year, as
//!   is "ngày 15 tháng sau quý"; "ngày 10 (của) tháng sau / tháng tiếp theo"
//!   → day 10 of February … December and of January of the next year (each
//!   month's report, due in the month after it);
//!   "tuần đầu tháng [N]" → day 7 (of month N, or of every month);
//! * a recurrence with a day qualifier in the same segment ("định kỳ hàng
//!   tháng (chậm nhất ngày 25)", "mỗi quý, trước ngày 12 tháng cuối quý",
//!   "hằng năm, trước ngày 15 tháng 12", "báo cáo 6 tháng trước ngày 15/6")
//!   is due on the qualified day *instead of* the period's end; "tháng 01
//!   hằng năm", "Quý I hằng năm" are one date of the plan year;
//! * a recurrence that begins at a period falls due from it on ("Từ Quý
//!   II/2026, định kỳ hằng quý" → 30/06, 30/09, 31/12; "Tháng 3/2026 và duy
//!   trì hằng tháng" → March to December);
//! * "tuần 2 tháng 3" as "tuần thứ 2 tháng 3"; "Quí", the older spelling
//!   of "Quý"; "báo cáo năm 2026" is the report of that year, and "báo cáo
//!   quý I/2026 trước ngày 10/4/2026" is due on the day (a report's deadline
//!   within two months after its period replaces the period's end);
//! * flags: "khi (có) phát sinh", "khi có yêu cầu / chỉ đạo / văn bản …",
//!   "khi được giao", "khi cần", "theo yêu cầu / chỉ đạo / đề nghị / đề xuất
//!   / nhu cầu (của …)", "tùy (theo) tình hình", "đột xuất", a cell opening
//!   with "Khi …", "kể từ ngày ban hành …", "10 ngày so với / kể từ / sau …",
//!   "trong thời hạn / vòng 03 ngày làm việc"
//!   → `on_demand` (someone asks or something happens, then the work is
//!   due); "thường xuyên", "liên tục", "hằng ngày", "hằng tuần" →
//!   `continuous` (*choice*: daily or weekly work is tracked as continuous,
//!   not as 365 milestones); "theo kế hoạch / hướng dẫn / lộ trình / quy định
//!   / văn bản / quyết định / chương trình / đề án / lịch / thời gian quy
//!   định … (của …)" → `external` (another body's timetable rules).
//!
//! Years: an explicit year ("năm 2023", "/2024") wins over the plan year.
//! A phrase without a year takes the single year written after "năm"
//! elsewhere in the same segment ("Định kỳ hằng quý trong năm 2024"), or
//! else the plan year. Only four-digit years 1900–2199 are accepted;
//! two-digit years are not understood. "năm nay" is the plan year, "năm sau"
//! the next one.
//!
//! Ranges ("từ … đến …", "tháng 3 đến tháng 5", "Quý I - II", "Quý II -
//! Quý III/2026", "tháng 12/2026 - tháng 01/2027") are due at their end only.
//!
//! A period and a day inside it in one segment: a day after a deadline word
//! is due *instead of* the period's end ("Trong năm 2026 (hoàn thành trước
//! 30/11/2026)" → 30/11, "Quý IV/2026, chậm nhất ngày 15/12" → 15/12); a
//! day after "từ" / "bắt đầu" beside a period is when the work begins, not a
//! due date ("Tháng 3/2026 (từ ngày 01/3/2026)" → 31/03). A segment that is
//! only a year ("2026", "Trong 2026") is due at its end; "Q.III/2026" is a
//! quarter.
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

mod analyse;
mod calendar;
mod recognise;
mod segment;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_other_plans;
mod tokenize;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

use crate::text::nfc;

use analyse::analyse;
use calendar::quarter_end_opt;
use recognise::Flag;
use segment::segments;
use tokenize::tokenize;

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
    /// "theo kế hoạch của Thành phố", "theo hướng dẫn của …".
    pub external: bool,
    /// Nothing at all was understood.
    pub unparsed: bool,
    /// When the work begins: the start of the period the earliest dated
    /// phrase names (the year for "trong năm" and every recurrence, the
    /// quarter for "Quý III" and a bare "trước ngày 15/6", the month for
    /// "tháng 10"). `None` without dates. Not serialised: it is read again
    /// from the text with the schedule.
    #[serde(skip)]
    pub work_from: Option<NaiveDate>,
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
    // A recurrence the last segment left for a day in the next one to qualify.
    let mut carry = None;

    for seg in segments(&toks) {
        let out = analyse(&src, seg.toks, year, carry);
        if out.qualified_carry {
            // "Hằng quý: trước ngày 15 tháng cuối quý": the day replaces the
            // period ends of the segment before, whose label it takes.
            if let Some((_, label)) = entries.pop() {
                pending.insert(0, label);
            }
        }
        if out.understood_any {
            carry = out.open_recurrence;
        }
        sched.work_from = match (sched.work_from, out.from) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
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
