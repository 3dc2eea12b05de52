//! Printable documents: the task checklist of a period and the quarterly
//! progress report, as A4 PDFs laid out like a Vietnamese administrative
//! document (Decree 30/2020). The only module that uses printpdf.
//!
//! Both the command line and the window call [`write_checklist`] /
//! [`write_report`] (or [`checklist_pdf`] / [`report_pdf`] for the bytes).
//! The district's matrices go out as CSV or an Excel workbook
//! ([`write_matrix`]; [`xlsx`] writes the .xlsx without printpdf).

mod checklist;
mod consolidated;
mod keycard;
mod fonts;
mod matrix;
pub mod layout;
mod progress;
mod render;
pub mod xlsx;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};

use crate::domain::{Period, Task, Unit};
use crate::error::{Error, Result};
use crate::i18n::{Arg, Lang, format_date, t, ta};
use crate::progress::{Filter, TaskRow};
use crate::workspace::Workspace;
use layout::{Align, BlockPart, Font, Geometry, Layout, Para, Style};

pub use checklist::checklist_pdf;
pub use consolidated::consolidated_pdf;
pub use keycard::key_card_pdf;
pub use matrix::{MatrixFormat, matrix_xlsx, write_matrix};
pub use fonts::Fonts;
pub use progress::report_pdf;

/// A generated PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// Writes the checklist of `unit` for `period`, in `lang`, to `path`.
pub fn write_checklist(ws: &Workspace, unit: &str, period: Period, lang: Lang, path: &Path) -> Result<Pdf> {
    save(path, checklist_pdf(ws, unit, period, lang)?)
}

/// Writes the progress report of `unit` for `period`, in `lang`, to `path`.
pub fn write_report(ws: &Workspace, unit: &str, period: Period, lang: Lang, path: &Path) -> Result<Pdf> {
    save(path, report_pdf(ws, unit, period, lang)?)
}

/// Writes a generated PDF to `path` (complete or not at all).
pub fn save(path: &Path, pdf: Pdf) -> Result<Pdf> {
    crate::fsutil::write_atomic(path, |w| Ok(w.write_all(&pdf.bytes)?))?;
    Ok(pdf)
}

/// A period as documents name it: "quý I năm 2023" / "năm 2023".
pub(crate) fn period_label(period: Period, lang: Lang) -> String {
    match period.quarter {
        Some(q) => ta(
            lang,
            "report-period-quarter",
            &[("roman", ["I", "II", "III", "IV"][(q as usize - 1).min(3)].into()), ("q", q.to_string().into()), ("year", period.year.to_string().into())],
        ),
        None => ta(lang, "report-period-year", &[("year", period.year.to_string().into())]),
    }
}

// Type sizes (points). Decree 30 asks 12–14 pt for the heading lines; tables
// are set smaller to fit a portrait page.
const HEAD: f32 = 12.0;
const MOTTO: f32 = 13.0;
const TITLE: f32 = 14.0;
const BODY: f32 = 13.0;
pub(crate) const BODY_SIZE: f32 = BODY;
pub(crate) const CELL: f32 = 10.0;

pub(crate) fn font(style: Style, size: f32, align: Align) -> Font {
    Font::new(style, size, align)
}

/// The task instances a document covers: the unit's own, or, for a unit
/// with no task of its own but units below it (the committee that issued
/// the plan), those of every unit below it, task by task.
pub(crate) struct Scope<'w> {
    pub ws: &'w Workspace,
    pub unit: &'w Unit,
    pub period: Period,
    pub lang: Lang,
    /// Whether the rows are the unit's own (one instance per task).
    pub own: bool,
    /// Tasks in plan order, each with its instances.
    pub tasks: Vec<(&'w Task, Vec<TaskRow<'w>>)>,
}

impl<'w> Scope<'w> {
    pub fn new(ws: &'w Workspace, unit: &str, period: Period, lang: Lang) -> Result<Scope<'w>> {
        let u = ws.plan.unit(unit).ok_or_else(|| Error::new("err-unknown-unit").arg("code", unit))?;
        let filter = Filter { period: Some(period), ..Default::default() };
        let own = !ws.plan.assignments_of(unit).is_empty();
        let units: Vec<&Unit> = if own { vec![u] } else { ws.plan.subtree(unit) };
        let mut by_task: BTreeMap<usize, (&Task, Vec<TaskRow<'w>>)> = BTreeMap::new();
        for x in units {
            for row in ws.rows(&x.code, &filter)? {
                let index = ws.plan.tasks.iter().position(|t| t.code == row.task.code).unwrap_or(usize::MAX);
                by_task.entry(index).or_insert_with(|| (row.task, vec![])).1.push(row);
            }
        }
        Ok(Scope { ws, unit: u, period, lang, own, tasks: by_task.into_values().collect() })
    }

    pub fn tr(&self, id: &str) -> String {
        t(self.lang, id)
    }

    pub fn tra(&self, id: &str, args: &[(&str, Arg)]) -> String {
        ta(self.lang, id, args)
    }

    /// The task's due dates inside the period.
    pub fn dates_in_period(&self, task: &Task) -> Vec<NaiveDate> {
        task.due_in(self.period)
    }

    /// "quý I năm 2023" / "năm 2023".
    pub fn period_label(&self) -> String {
        period_label(self.period, self.lang)
    }

    /// The unit's role on a task ("Chủ trì"), or for the issuing committee the
    /// lead agencies as the plan writes them.
    pub fn role_text(&self, task: &Task, rows: &[TaskRow<'_>]) -> String {
        match (self.own, rows.first()) {
            (true, Some(r)) => self.tr(r.state.role.label_id()),
            _ => task.lead_text.join("; "),
        }
    }

    /// The deadline as written, then the dates it gives inside the period, or
    /// that the work is in progress with nothing due in it.
    pub fn deadline_paras(&self, task: &Task, size: f32) -> Vec<Para> {
        let mut out = vec![Para::new(&task.deadline_text, font(Style::Regular, size, Align::Left))];
        let dates: Vec<String> = self.dates_in_period(task).into_iter().map(format_date).collect();
        if dates.is_empty() {
            // Work in progress in the period with no milestone in it.
            out.push(Para::new(self.tr("period-no-due"), font(Style::Italic, size, Align::Left)));
        } else {
            out.push(Para::new(dates.join(", "), font(Style::Bold, size, Align::Left)));
        }
        out
    }

    /// The Decree 30 heading: issuing body on the left, national motto on the
    /// right, the place and date line, then the title and its subtitle lines.
    pub fn heading(&self, l: &mut Layout<'_>, title: &str, subtitles: &[String]) {
        let g = l.geometry;
        let left_w = layout::mm(72.0);
        let right_w = g.content_width() - left_w;
        let centre = |style, size| font(style, size, Align::Center);
        let mut left: Vec<BlockPart> = issuing_body(&self.ws.plan, self.unit)
            .into_iter()
            .map(|(text, bold)| BlockPart::Para(Para::new(text, centre(if bold { Style::Bold } else { Style::Regular }, HEAD))))
            .collect();
        left.push(BlockPart::Rule { fraction: 0.4 });
        let right = vec![
            BlockPart::Para(Para::new(self.tr("report-motto-country"), centre(Style::Bold, HEAD))),
            BlockPart::Para(Para::new(self.tr("report-motto"), centre(Style::Bold, MOTTO))),
            BlockPart::Rule { fraction: 1.0 },
        ];
        l.blocks(&[(0.0, left_w, left), (left_w, right_w, right)]);
        l.gap(6.0);
        let d = self.ws.today;
        // Decree 30: days below 10 and the months January and February take a leading zero.
        let month = if d.month() <= 2 { format!("{:02}", d.month()) } else { d.month().to_string() };
        let place = self.ws.plan.unit(&self.ws.plan.issuer).map(|u| place_name(&u.name)).unwrap_or_default();
        let date_line = self.tra(
            "report-place-date",
            &[("place", place.into()), ("day", format!("{:02}", d.day()).into()), ("month", month.into()), ("year", d.year().to_string().into())],
        );
        l.blocks(&[(left_w, right_w, vec![BlockPart::Para(Para::new(date_line, centre(Style::Italic, BODY)))])]);
        l.gap(14.0);
        l.para(title.to_uppercase(), centre(Style::Bold, TITLE));
        for s in subtitles {
            l.para(s, centre(Style::Italic, HEAD));
        }
        l.gap(10.0);
    }

    /// The plan the document reports on, as a subtitle: issued with a
    /// decision ("…/QĐ-…"), a plan numbered on its own ("…/KH-…"), or one
    /// with no number yet (rolled over, read from a bare table).
    pub fn plan_reference(&self) -> String {
        let p = &self.ws.plan;
        let title = if p.title.trim().is_empty() {
            self.tra("report-plan-untitled", &[("year", p.year.to_string().into())])
        } else {
            p.title.clone()
        };
        let kind = match p.number.trim() {
            "" => "none",
            n if crate::text::fold(n).contains("/qd") => "decision",
            _ => "plan",
        };
        self.tra(
            "report-plan-ref",
            &[("kind", kind.into()), ("plan", title.into()), ("number", p.number.as_str().into()), ("date", format_date(p.date).into())],
        )
    }

    /// Signatures: the person who drew up the list and the head of the unit.
    pub fn signatures(&self, l: &mut Layout<'_>) {
        let half = l.geometry.content_width() / 2.0;
        let block = |role: &str| {
            vec![
                BlockPart::Para(Para::new(self.tr(role), font(Style::Bold, HEAD, Align::Center))),
                BlockPart::Para(Para::new(self.tr("report-sign-hint"), font(Style::Italic, HEAD, Align::Center))),
                // Room to sign.
                BlockPart::Gap(layout::mm(25.0)),
            ]
        };
        l.gap(16.0);
        l.blocks(&[(0.0, half, block("report-signer-left")), (half, half, block("report-signer-right"))]);
    }

    /// Page numbers, then the PDF.
    pub fn finish(&self, l: Layout<'_>, title: &str) -> Pdf {
        let g = l.geometry;
        let pages = l.finish(
            |page, pages| self.tra("report-page", &[("page", page.to_string().into()), ("pages", pages.to_string().into())]),
            font(Style::Regular, CELL, Align::Center),
        );
        Pdf { bytes: render::pdf(title, &g, &pages), pages: pages.len() }
    }
}

/// A new A4 layout on the embedded fonts.
pub(crate) fn new_layout() -> Layout<'static> {
    Layout::new(Fonts::get(), Geometry::a4_administrative())
}

/// How many of `words` spell `phrase` (folded: no case, no diacritics) at
/// their start, if they do and something follows.
fn leading_phrase(words: &[&str], phrase: &str) -> Option<usize> {
    let n = phrase.split_whitespace().count();
    (words.len() > n && crate::text::fold(&words[..n].join(" ")) == phrase).then_some(n)
}

/// Splits "Ủy ban nhân dân huyện Củ Chi" into the committee words and the
/// rest ("huyện Củ Chi"); `None` for other names.
fn split_committee(name: &str) -> Option<(String, String)> {
    let words: Vec<&str> = name.split_whitespace().collect();
    leading_phrase(&words, "uy ban nhan dan").map(|n| (words[..n].join(" "), words[n..].join(" ")))
}

/// "Ủy ban nhân dân huyện Củ Chi" → "UBND huyện Củ Chi" (the usual short
/// form of a people's committee in a document heading); other names as they are.
pub fn committee_abbrev(name: &str) -> String {
    match split_committee(name) {
        Some((_, rest)) => format!("UBND {rest}"),
        None => name.to_owned(),
    }
}

/// The issuing-body lines of the heading, upper case, each with whether it
/// is bold: the parent body then the unit; a committee at the top is
/// written on two bold lines ("ỦY BAN NHÂN DÂN" / "HUYỆN CỦ CHI").
pub fn issuing_body(plan: &crate::domain::Plan, unit: &Unit) -> Vec<(String, bool)> {
    match unit.parent.as_deref().and_then(|p| plan.unit(p)) {
        Some(parent) => vec![(committee_abbrev(&parent.name).to_uppercase(), false), (unit.name.to_uppercase(), true)],
        None => match split_committee(&unit.name) {
            Some((committee, rest)) => vec![(committee.to_uppercase(), true), (rest.to_uppercase(), true)],
            None => vec![(unit.name.to_uppercase(), true)],
        },
    }
}

/// The place name of a unit for the date line: "Ủy ban nhân dân huyện Củ
/// Chi" → "Củ Chi" (the committee words and the kind of area dropped).
pub fn place_name(name: &str) -> String {
    const LEVELS: [&str; 8] = ["thanh pho", "thi xa", "thi tran", "tinh", "huyen", "quan", "phuong", "xa"];
    let rest = split_committee(name).map_or_else(|| name.to_owned(), |(_, rest)| rest);
    let words: Vec<&str> = rest.split_whitespace().collect();
    let skip = LEVELS.iter().find_map(|level| leading_phrase(&words, level)).unwrap_or(0);
    words[skip..].join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_names_come_from_the_plan_units() {
        assert_eq!(committee_abbrev("Ủy ban nhân dân huyện Củ Chi").to_uppercase(), "UBND HUYỆN CỦ CHI");
        assert_eq!(committee_abbrev("Uỷ ban nhân dân tỉnh Đồng Nai"), "UBND tỉnh Đồng Nai");
        assert_eq!(committee_abbrev("Phòng Nội vụ"), "Phòng Nội vụ");
        assert_eq!(place_name("Ủy ban nhân dân huyện Củ Chi"), "Củ Chi");
        assert_eq!(place_name("Ủy ban nhân dân thành phố Thủ Đức"), "Thủ Đức");
        assert_eq!(place_name("Xã An Nhơn Tây"), "An Nhơn Tây");
        assert_eq!(place_name("Huyện"), "Huyện");
        let plan = crate::plan::builtin();
        let body = |code: &str| issuing_body(&plan, plan.unit(code).unwrap());
        assert_eq!(body("X-ANT"), vec![("UBND HUYỆN CỦ CHI".to_owned(), false), ("XÃ AN NHƠN TÂY".to_owned(), true)]);
        assert_eq!(body("PNV"), vec![("UBND HUYỆN CỦ CHI".to_owned(), false), ("PHÒNG NỘI VỤ".to_owned(), true)]);
        assert_eq!(body("CUCHI"), vec![("ỦY BAN NHÂN DÂN".to_owned(), true), ("HUYỆN CỦ CHI".to_owned(), true)]);
    }
}
