//! Calendar export (iCalendar, RFC 5545): every milestone of a unit's tasks
//! as an all-day event, for Outlook or a phone.
//!
//! UIDs are built from the plan, unit, task and due date, so importing a
//! newer export updates the events instead of duplicating them; SEQUENCE
//! counts the recorded changes of the task, so it only ever grows.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::Status;
use crate::error::Result;
use crate::i18n::{Lang, format_date, t, ta};
use crate::progress::Filter;
use crate::workspace::Workspace;

/// Longest content line, in octets, before folding.
const LINE_OCTETS: usize = 75;

/// An exported calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    /// The iCalendar text, CRLF line endings.
    pub text: String,
    pub events: usize,
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Appends one content line to `out`, folded to at most 75 octets a line on
/// UTF-8 character boundaries (continuation lines start with a space).
pub fn push_line(out: &mut String, line: &str) {
    let mut used = 0;
    let mut limit = LINE_OCTETS;
    for c in line.chars() {
        if used + c.len_utf8() > limit {
            out.push_str("\r\n ");
            used = 0;
            limit = LINE_OCTETS - 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

fn date_value(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// The UID of the event of `task`'s milestone due on `due` for `unit`.
pub fn uid(plan: &str, unit: &str, task: &str, due: NaiveDate) -> String {
    format!("{plan}-{unit}-{task}-{}@tiendo", date_value(due))
}

/// The calendar of `unit`'s milestones, in `lang`, stamped `now`.
pub fn calendar(ws: &Workspace, unit: &str, lang: Lang, now: DateTime<Utc>) -> Result<Calendar> {
    ws.check_unit(unit)?;
    let tr = |id: &str| t(lang, id);
    let unit_name = ws.plan.unit(unit).map(|u| u.name.clone()).unwrap_or_default();
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    let mut line = |name: &str, value: &str| push_line(&mut out, &format!("{name}:{value}"));
    line("BEGIN", "VCALENDAR");
    line("VERSION", "2.0");
    line("PRODID", &format!("-//Tien Do//tiendo {}//{}", env!("CARGO_PKG_VERSION"), lang.code().to_uppercase()));
    line("CALSCALE", "GREGORIAN");
    line("METHOD", "PUBLISH");
    let name = ta(lang, "calendar-name", &[("year", ws.plan.year.to_string().into()), ("unit", unit_name.as_str().into())]);
    line("X-WR-CALNAME", &escape(&name));
    let mut events = 0;
    for row in ws.rows(unit, &Filter::default())? {
        let task = row.task;
        let sequence = ws.store.history(&ws.plan.id, unit, &task.code)?.len();
        let role = tr(row.state.role.label_id());
        let status = tr(row.state.status.label_id());
        for m in &task.schedule.milestones {
            let done_on = row.state.milestones_done.get(&m.due);
            let mut description = vec![
                task.description.clone(),
                ta(lang, "calendar-products", &[("products", task.products.join("; ").into())]),
                ta(lang, "calendar-deadline", &[("text", task.deadline_text.as_str().into())]),
                ta(lang, "calendar-role", &[("role", role.as_str().into())]),
                ta(lang, "calendar-status", &[("status", status.as_str().into())]),
            ];
            let mut categories = vec![escape(&tr("calendar-category"))];
            if let Some(on) = done_on {
                description.push(ta(lang, "milestone-done-on", &[("date", format_date(*on).into())]));
            }
            // Done: marked done, or the whole task is.
            if done_on.is_some() || row.state.status.is_done() {
                categories.push(escape(&tr("status-done")));
            }
            line("BEGIN", "VEVENT");
            line("UID", &escape(&uid(&ws.plan.id, unit, &task.code, m.due)));
            line("DTSTAMP", &stamp);
            line("DTSTART;VALUE=DATE", &date_value(m.due));
            line("DTEND;VALUE=DATE", &date_value(m.due.succ_opt().unwrap_or(m.due)));
            line("SEQUENCE", &sequence.to_string());
            line("SUMMARY", &escape(&crate::text::nfc(&format!("{} {}", task.code, task.description))));
            line("DESCRIPTION", &escape(&crate::text::nfc(&description.join("\n"))));
            line("CATEGORIES", &categories.join(","));
            line("STATUS", if row.state.status == Status::NotApplicable { "CANCELLED" } else { "CONFIRMED" });
            line("TRANSP", "TRANSPARENT");
            line("END", "VEVENT");
            events += 1;
        }
    }
    line("END", "VCALENDAR");
    Ok(Calendar { text: out, events })
}

/// Writes `unit`'s calendar, in `lang`, to `path`.
pub fn write_calendar(ws: &Workspace, unit: &str, lang: Lang, path: &Path) -> Result<Calendar> {
    let cal = calendar(ws, unit, lang, Utc::now())?;
    crate::fsutil::write_atomic(path, |w| Ok(w.write_all(cal.text.as_bytes())?))?;
    Ok(cal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne\r\n"), "a\\,b\\;c\\\\d\\ne\\n");
    }

    #[test]
    fn long_lines_fold_on_character_boundaries() {
        let mut out = String::new();
        let value = "Rà soát, đánh giá thủ tục hành chính ".repeat(8);
        push_line(&mut out, &format!("SUMMARY:{value}"));
        assert!(out.ends_with("\r\n"));
        let lines: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(lines.len() > 4);
        for (i, l) in lines.iter().enumerate() {
            assert!(l.len() <= 75, "line {i} has {} octets", l.len());
            assert_eq!(i > 0, l.starts_with(' '));
        }
        // Unfolding gives back the line.
        let unfolded: String = lines.iter().enumerate().map(|(i, l)| if i == 0 { *l } else { &l[1..] }).collect();
        assert_eq!(unfolded, format!("SUMMARY:{value}"));
    }
}
