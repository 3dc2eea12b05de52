//! One segment through the recognisers: its dates, flags and label.

use chrono::{Datelike, NaiveDate};

use super::calendar::clamped_day;
use super::recognise::{Ctx, Every, Flag, Found, Hit, Shape, Span};
use super::tokenize::{Kind, Token};

/// The single year written after "năm" in a segment, if there is exactly one.
pub(super) fn segment_year(toks: &[Token]) -> Option<i32> {
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
pub(super) struct SegmentOut {
    pub(super) dates: Vec<NaiveDate>,
    pub(super) flags: Vec<Flag>,
    /// Something (even an invalid date) was recognised.
    pub(super) understood_any: bool,
    pub(super) label: String,
    /// A day here qualified the recurrence the segment before left open.
    pub(super) qualified_carry: bool,
    /// The segment's only dates are one recurrence's period ends, which a
    /// day in the next segment may qualify.
    pub(super) open_recurrence: Option<(Every, i32)>,
    /// When the work its dates close begins.
    pub(super) from: Option<NaiveDate>,
}

/// `carry` is the recurrence the segment before left unqualified ("Hằng
/// quý: trước ngày 15 tháng cuối quý"): a day in this segment qualifies it.
pub(super) fn analyse(
    src: &str,
    toks: &[Token],
    plan_year: i32,
    carry: Option<(Every, i32)>,
) -> SegmentOut {
    let cx = Ctx {
        src,
        toks,
        year: segment_year(toks).unwrap_or(plan_year),
    };
    // (start, hit), in order, not overlapping.
    let mut hits: Vec<(usize, Hit)> = Vec::new();
    // The word before each hit: a deadline ("trước", "chậm nhất", "hạn
    // chót") or a start ("từ", "bắt đầu").
    let mut before: Vec<Before> = Vec::new();
    let mut range_from: Option<NaiveDate> = None;
    let mut i = 0;
    while i < toks.len() {
        let Some(mut hit) = cx.recognise(i) else {
            i += 1;
            continue;
        };
        let floor = hits.last().map_or(0, |(_, h)| h.end);
        // "tháng 3 đến tháng 5", "từ ngày 1/3 đến ngày 15/3": only the end is due.
        let connector = if i >= 2 && cx.seq(i - 2, &["den", "het"]) {
            Some(i - 2)
        } else if i >= 1 && (matches!(cx.word(i - 1), Some("den" | "toi")) || matches!(cx.punct(i - 1), Some('-' | '–' | '—' | '‒' | '―' | '−'))) {
            // A dash left inside the segment joins two periods ("tháng 12/2026 - tháng 01/2027").
            Some(i - 1)
        } else {
            None
        };
        if let (Some(c), Some((_, prev))) = (connector, hits.last_mut())
            && prev.end == c
            && matches!(prev.found, Found::Dates(_))
            && matches!(hit.found, Found::Dates(_))
        {
            // The range's work begins at its start.
            range_from = range_from.into_iter().chain(work_start(prev)).min();
            prev.found = Found::Dates(Vec::new());
            // The range's end is only its end ("đến hết năm" does not start in January).
            hit.span = Span::Day;
        }
        let start = cx.extend_back(i, floor);
        before.push(match i.checked_sub(1).and_then(|p| cx.word(p)) {
            Some("truoc" | "nhat" | "qua" | "han" | "chot") => Before::Deadline,
            Some("tu" | "dau") => Before::Start,
            // "Tháng 3/2026 và duy trì hằng tháng": kept up from the period before.
            Some("tri") if i >= 2 && cx.is(i - 2, "duy") => Before::Kept,
            _ if i >= 2 && cx.seq(i - 2, &["bao", "cao"]) => Before::Report,
            _ => Before::Other,
        });
        i = hit.end;
        hits.push((start, hit));
    }

    narrow(&mut hits, &before);
    let qualified_carry = qualify(&mut hits, carry);
    let dated = |h: &Hit| matches!(&h.found, Found::Dates(d) if !d.is_empty());
    let recurrences: Vec<(Every, i32)> = hits
        .iter()
        .filter(|(_, h)| dated(h))
        .map(|(_, h)| match h.shape {
            Shape::Recurrence(e, y) => Some((e, y)),
            _ => None,
        })
        .collect::<Option<_>>()
        .unwrap_or_default();

    let mut out = SegmentOut {
        dates: Vec::new(),
        flags: Vec::new(),
        understood_any: !hits.is_empty(),
        label: String::new(),
        qualified_carry,
        open_recurrence: match recurrences.as_slice() {
            [only] => Some(*only),
            _ => None,
        },
        from: None,
    };
    out.from = hits
        .iter()
        .filter_map(|(_, hit)| work_start(hit))
        .chain(range_from)
        .min();
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
        .filter(|(_, h)| !h.named)
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

/// Collapses white space and trims separators, and parentheses left open
/// by the date cut out of them, from the ends of a label.
pub(super) fn clean_label(s: &str) -> String {
    let mut label = s.split_whitespace().collect::<Vec<_>>().join(" ");
    loop {
        let trimmed = label.trim_matches(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    ',' | ';' | ':' | '.' | '-' | '–' | '—' | '+' | '*' | '•' | '/' | '&'
                )
        });
        let (open, close) = (trimmed.matches('(').count(), trimmed.matches(')').count());
        let trimmed = if open > close {
            trimmed
                .strip_prefix('(')
                .or_else(|| trimmed.strip_suffix('('))
        } else if close > open {
            trimmed
                .strip_suffix(')')
                .or_else(|| trimmed.strip_prefix(')'))
        } else {
            None
        }
        .unwrap_or(trimmed);
        if trimmed.len() == label.len() {
            return label;
        }
        label = trimmed.to_string();
    }
}

/// What stands just before a dated phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Before {
    /// "trước", "chậm nhất", "không quá", "hạn chót": when it is due.
    Deadline,
    /// "từ", "bắt đầu": when it begins.
    Start,
    /// "báo cáo": the period a report covers, due on a deadline day after it.
    Report,
    /// "duy trì": a recurrence kept up from the period before it.
    Kept,
    Other,
}

/// A period and a day inside it in one segment (or, for a report of the
/// period, just after it). A deadline day is when the
/// work is due, not the period's end as well ("Trong năm 2026 (hoàn thành
/// trước 30/11/2026)", "Quý IV/2026, chậm nhất ngày 15/12"); the work still
/// begins with the period. A starting day is when it begins, not a due date
/// ("Tháng 3/2026 (từ ngày 01/3/2026)"), unless nothing else is dated.
fn narrow(hits: &mut [(usize, Hit)], before: &[Before]) {
    let days = |kind: Before| -> Vec<NaiveDate> {
        hits.iter()
            .zip(before)
            .filter(|((_, h), b)| **b == kind && h.shape == Shape::Plain && h.span == Span::Day)
            .flat_map(|((_, h), _)| match &h.found {
                Found::Dates(d) => d.clone(),
                _ => Vec::new(),
            })
            .collect()
    };
    let (deadlines, starts) = (days(Before::Deadline), days(Before::Start));
    // A recurrence that begins at a period ("Từ Quý II/2026, định kỳ hằng
    // quý", "Tháng 3/2026 và duy trì hằng tháng"): nothing falls due before it.
    let first_of = |h: &Hit| match &h.found {
        Found::Dates(d) => d.iter().min().and_then(|m| h.span.start(*m)),
        _ => None,
    };
    let begins = hits
        .iter()
        .zip(before)
        .enumerate()
        .filter(|(_, ((_, h), _))| h.shape == Shape::Plain && h.span != Span::Day)
        .filter(|(k, (_, b))| **b == Before::Start || before.get(k + 1) == Some(&Before::Kept))
        .filter_map(|(_, ((_, h), _))| first_of(h))
        .min();
    if let Some(begin) = begins {
        for (_, hit) in hits.iter_mut() {
            if let (Shape::Recurrence(..), Found::Dates(d)) = (hit.shape, &mut hit.found) {
                d.retain(|x| *x >= begin);
            }
        }
    }
    let periods = |h: &Hit| h.shape == Shape::Plain && h.span != Span::Day && matches!(&h.found, Found::Dates(d) if !d.is_empty());
    if !starts.is_empty() && hits.iter().any(|(_, h)| periods(h)) {
        for ((_, hit), b) in hits.iter_mut().zip(before) {
            if *b == Before::Start && hit.span == Span::Day && hit.shape == Shape::Plain {
                hit.from = hit.from.into_iter().chain(starts.iter().copied()).min();
                hit.found = Found::Dates(Vec::new());
            }
        }
    }
    if deadlines.is_empty() {
        return;
    }
    for ((_, hit), b) in hits.iter_mut().zip(before) {
        let span = hit.span;
        if hit.shape != Shape::Plain || span == Span::Day {
            continue;
        }
        // The report of a period is due on a day soon after it ("Báo cáo quý
        // I/2026 trước ngày 10/4/2026"): within two months of its end.
        let report = *b == Before::Report;
        let Found::Dates(ends) = &mut hit.found else { continue };
        let mut from = hit.from;
        ends.retain(|end| {
            let start = span.start(*end);
            let inside = deadlines
                .iter()
                .any(|d| (start.is_some_and(|s| s <= *d) && d <= end) || (report && d > end && (*d - *end).num_days() <= 62));
            if inside {
                from = from.into_iter().chain(start).min();
            }
            !inside
        });
        hit.from = from;
    }
}

/// Whether a hit of `shape` with `dates` says when in each period a
/// recurrence `every` falls due.
fn qualifies(shape: Shape, dates: &[NaiveDate], every: Every) -> bool {
    match shape {
        Shape::BareDay(_) => true,
        // "hằng quý, 6 tháng, năm (trước ngày 10 của tháng cuối quý)": a day
        // in every quarter also says when the half-year and year reports fall due.
        Shape::InEvery(f) => f == every || f.divides(every),
        Shape::Plain => covers_every_period(dates, every),
        Shape::Recurrence(..) => false,
    }
}

/// Whether fixed dates say when a recurrence `every` falls due: any date
/// for a yearly or half-yearly one ("hằng năm (trước ngày 15/11)"), a date
/// in each quarter or month for the others ("hằng quý (ngày 15 tháng 3, 6,
/// 9 và 12)").
fn covers_every_period(dates: &[NaiveDate], every: Every) -> bool {
    let periods: std::collections::BTreeSet<u32> = dates
        .iter()
        .map(|d| match every {
            Every::Quarter => d.month0() / 3,
            Every::Month => d.month0(),
            Every::HalfYear | Every::Year => 0,
        })
        .collect();
    match every {
        Every::Year | Every::HalfYear => !dates.is_empty(),
        Every::Quarter | Every::Month => periods.len() == every.end_months().len(),
    }
}

/// A recurrence and the day that says when in each period it falls due
/// ("hằng tháng (chậm nhất ngày 25)", "mỗi quý, trước ngày 12 tháng cuối
/// quý", "hằng năm, trước ngày 15 tháng 12", "báo cáo 6 tháng trước ngày
/// 15/6"): the qualified day replaces the period's end, it does not add to
/// it. A monthly or quarterly recurrence is qualified only by a day in every
/// period; a yearly or half-yearly one also by a fixed date. A bare "ngày 25"
/// takes its months from the recurrence (of a quarter: its last month, of a
/// half year: June and December, of a year: December — *choice*); without
/// one it is not a date.
fn qualify(hits: &mut Vec<(usize, Hit)>, carry: Option<(Every, i32)>) -> bool {
    let own = hits.iter().find_map(|(_, h)| match h.shape {
        Shape::Recurrence(every, year) => Some((every, year)),
        _ => None,
    });
    let Some((every, year)) = own.or(carry) else {
        hits.retain(|(_, h)| !matches!(h.shape, Shape::BareDay(_)));
        return false;
    };
    let shapes: Vec<(Shape, Span, Vec<NaiveDate>)> = hits
        .iter()
        .map(|(_, h)| match &h.found {
            Found::Dates(d) => (h.shape, h.span, d.clone()),
            _ => (h.shape, h.span, Vec::new()),
        })
        .collect();
    for (k, (_, hit)) in hits.iter_mut().enumerate() {
        match hit.shape {
            Shape::Recurrence(e, _) => {
                // A count of months ("6 tháng, 9 tháng") is a period of its
                // own, not a day in this one.
                let others = || {
                    shapes
                        .iter()
                        .enumerate()
                        .filter(move |(o, (s, span, _))| *o != k && !(*s == Shape::Plain && *span == Span::Year))
                };
                // Fixed days listed one by one ("trước ngày 15/3, 15/6, 15/9,
                // 15/12") qualify together.
                let listed: Vec<NaiveDate> = others()
                    .filter(|(_, (s, span, _))| *s == Shape::Plain && *span == Span::Day)
                    .flat_map(|(_, (_, _, dates))| dates.iter().copied())
                    .collect();
                let qualified = others().any(|(_, (s, _, dates))| qualifies(*s, dates, e))
                    || (!listed.is_empty() && covers_every_period(&listed, e));
                if qualified {
                    hit.found = Found::Dates(Vec::new());
                }
            }
            Shape::BareDay(day) => {
                let dates: Option<Vec<_>> = every
                    .end_months()
                    .into_iter()
                    .map(|m| clamped_day(year, m, day))
                    .collect();
                hit.found = dates.map_or(Found::Invalid, Found::Dates);
                hit.shape = Shape::Plain;
            }
            _ => {}
        }
    }
    // Across segments only a day qualifies ("Hằng năm: trước ngày 15/12"),
    // not a period of its own ("Hằng năm; Quý I: ban hành kế hoạch").
    own.is_none()
        && shapes.iter().any(|(s, span, dates)| {
            qualifies(*s, dates, every) && (*s != Shape::Plain || *span == Span::Day)
        })
}

/// When the work of a dated phrase begins: the start of the period it names.
/// A recurrence whose ends a day qualifier replaced still runs from the
/// start of its year.
fn work_start(hit: &Hit) -> Option<NaiveDate> {
    let own = match (&hit.found, hit.shape) {
        (_, Shape::Recurrence(_, year)) => NaiveDate::from_ymd_opt(year, 1, 1),
        (Found::Dates(d), _) => d.iter().min().and_then(|m| hit.span.start(*m)),
        _ => None,
    };
    own.into_iter().chain(hit.from).min()
}
