//! One segment through the recognisers: its dates, flags and label.

use chrono::NaiveDate;

use super::recognise::{Ctx, Flag, Found, Hit};
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
}

pub(super) fn analyse(src: &str, toks: &[Token], plan_year: i32) -> SegmentOut {
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
pub(super) fn clean_label(s: &str) -> String {
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
