//! Plans across years: several plans side by side in one installation (one
//! active), a copy of a plan for the next year, and what changed between two
//! versions of the same plan.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::domain::Plan;
use crate::error::{Error, Result};
use crate::plan::source::PlanSource;
use crate::workspace::Workspace;

/// One installed plan, for `plan list`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanSummary {
    pub id: String,
    pub number: String,
    pub year: i32,
    pub issuer: String,
    pub title: String,
    pub tasks: usize,
    pub active: bool,
}

/// The plan source for `year`: the same tasks, areas, units and targets.
/// In deadline cells every year of the plan (or the year after it: the Q4
/// report due in January) moves by the same number of years; in the title,
/// descriptions, products and targets only the plan year itself moves (and
/// the year before it where it is compared with: "so với năm 2025"), and
/// not inside a document's date ("ngày 10 tháng 01 năm 2026", "10/01/2026":
/// a decision cited keeps its date). Ranges ("2021-2030") stay. The
/// deadlines are read again for the new year when the plan is built.
pub fn roll_over(src: &PlanSource, year: i32, id: Option<&str>) -> PlanSource {
    let delta = year - src.year;
    let shift = |s: &str| shift_years(s, src.year, delta, Shift::Prose);
    let mut out = src.clone();
    out.year = year;
    out.id = match id {
        Some(id) => id.to_owned(),
        None if src.id.contains(&src.year.to_string()) => src.id.replace(&src.year.to_string(), &year.to_string()),
        None => format!("{}-{year}", src.id),
    };
    out.title = shift(&src.title);
    // A new decision has its own number and date; until it is known, the
    // plan starts on the first day of its year.
    out.number = String::new();
    out.date = NaiveDate::parse_from_str(&src.date, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.with_year(d.year() + delta))
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 1, 1).expect("valid"))
        .format("%Y-%m-%d")
        .to_string();
    // Repairs describe the old source; the copy is the new plan's source.
    out.repairs.clear();
    for t in &mut out.tasks {
        t.description = shift(&t.description);
        t.deadline = shift_years(&t.deadline, src.year, delta, Shift::Deadline);
        t.products = t.products.iter().map(|p| shift(p)).collect();
        t.repairs.clear();
    }
    for t in &mut out.targets {
        t.text = shift(&t.text);
    }
    out
}

/// Which years of a text move in a rollover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shift {
    /// A deadline cell: the plan year and the year after it.
    Deadline,
    /// Other text: the plan year, outside dates of documents.
    Prose,
}

/// Moves free-standing four-digit years of the plan by `delta` (see
/// [`Shift`]); a year that is part of a range ("2021-2030") stays.
pub fn shift_years(text: &str, plan_year: i32, delta: i32, mode: Shift) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let is_digit = |k: usize| chars.get(k).is_some_and(|c| c.is_ascii_digit());
        if is_digit(i) && (i == 0 || !is_digit(i - 1)) && (i..i + 4).all(is_digit) && !is_digit(i + 4) {
            let word: String = chars[i..i + 4].iter().collect();
            let y: i32 = word.parse().unwrap_or(0);
            let dash = |k: Option<usize>| k.and_then(|k| chars.get(k)).is_some_and(|c| matches!(c, '-' | '–' | '—'));
            let range = |from: usize, step: isize| -> bool {
                // "-2030" after or "2021-" before, spaces allowed around the dash.
                let mut k = from as isize;
                while chars.get(k as usize).is_some_and(|c| *c == ' ') && k >= 0 {
                    k += step;
                }
                if k < 0 || !dash(Some(k as usize)) {
                    return false;
                }
                k += step;
                while k >= 0 && chars.get(k as usize).is_some_and(|c| *c == ' ') {
                    k += step;
                }
                k >= 0 && chars.get(k as usize).is_some_and(|c| c.is_ascii_digit())
            };
            let in_range = range(i + 4, 1) || (i > 0 && range(i - 1, -1));
            // A cited document's number and date stay, in a deadline cell too:
            // "Quyết định số 12/2026/QĐ-UBND ngày 15/01/2026".
            let cited = in_document_number(&chars, i) || cited_date(&chars[..i]);
            let moves = !cited
                && match mode {
                    Shift::Deadline => y == plan_year || y == plan_year + 1,
                    Shift::Prose => (y == plan_year && !document_date(&chars[..i])) || (y == plan_year - 1 && compared_with(&chars[..i])),
                };
            if moves && !in_range {
                out.push_str(&(y + delta).to_string());
            } else {
                out.push_str(&word);
            }
            i += 4;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The text before a year compares with it: "… so với năm ", "so với cùng
/// kỳ năm " — the year before the plan's, which moves with it ("cao hơn so
/// với năm 2025" in a plan for 2026 is "so với năm 2026" in one for 2027).
fn compared_with(before: &[char]) -> bool {
    let tail: String = before[before.len().saturating_sub(30)..].iter().collect();
    let f = crate::text::fold(&tail);
    let f = f.trim_end();
    f.ends_with("so voi nam") || f.ends_with("so voi cung ky nam")
}

/// The year at `i` is part of a document's number: "12/2026/QĐ-UBND",
/// "20/2008/NĐ-CP" (a "/" on each side, a code in capitals after).
fn in_document_number(chars: &[char], i: usize) -> bool {
    i > 0 && chars[i - 1] == '/' && chars.get(i + 4) == Some(&'/') && chars.get(i + 5).is_some_and(|c| c.is_uppercase())
}

/// The text before a year is a document's number and the start of its date:
/// "… số 123/KH-UBND ngày 12/3/" or "… 221/QĐ-UBND ngày 13 tháng 01 năm ".
fn cited_date(before: &[char]) -> bool {
    let tail: String = before[before.len().saturating_sub(60)..].iter().collect();
    let f = crate::text::fold(&tail);
    let Some(at) = f.rfind(" ngay ") else { return false };
    // Between "ngày" and the year: only the day and month.
    let date = &f[at + 6..];
    let date_ok = date.chars().all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.' | ' ')) || {
        let w: Vec<&str> = date.split_whitespace().collect();
        w.len() == 4 && w[1] == "thang" && w[3] == "nam"
    };
    // Before "ngày": a document number with its code in capitals ("123/KH-UBND").
    let head: String = tail.chars().take(f[..at].chars().count()).collect();
    let code = head.split_whitespace().last().unwrap_or("");
    let coded = code.contains('/') && code.rsplit('/').next().is_some_and(|c| c.chars().filter(|ch| ch.is_uppercase()).count() >= 2);
    date_ok && coded
}

/// The text before a year ends like a full date: "ngày 10 tháng 01 năm " or "10/01/".
fn document_date(before: &[char]) -> bool {
    let tail: String = before[before.len().saturating_sub(30)..].iter().collect();
    let f = crate::text::fold(&tail);
    let words: Vec<&str> = f.split_whitespace().collect();
    let n = words.len();
    let full = n >= 5 && words[n - 1] == "nam" && words[n - 3] == "thang" && words[n - 5] == "ngay";
    let slashed = f.ends_with('/') && f.trim_end_matches('/').rsplit(|c: char| !c.is_ascii_digit() && c != '/').next().is_some_and(|d| d.matches('/').count() == 1);
    full || slashed
}

/// What changed between two versions of a plan, by task code.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PlanDiff {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// (code, old description, new description).
    pub reworded: Vec<(String, String, String)>,
    /// (code, old deadline text, new deadline text, old dates, new dates).
    pub moved: Vec<(String, String, String, Vec<NaiveDate>, Vec<NaiveDate>)>,
    /// (code, old lead and coordinating units, new ones).
    pub reassigned: Vec<(String, String, String)>,
}

impl PlanDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.reworded.is_empty() && self.moved.is_empty() && self.reassigned.is_empty()
    }
}

/// The changes from `old` to `new`.
pub fn diff(old: &Plan, new: &Plan) -> PlanDiff {
    let mut d = PlanDiff::default();
    for t in &new.tasks {
        match old.task(&t.code) {
            None => d.added.push(t.code.clone()),
            Some(o) => {
                if o.description != t.description {
                    d.reworded.push((t.code.clone(), o.description.clone(), t.description.clone()));
                }
                if o.schedule.dates() != t.schedule.dates() || o.deadline_text != t.deadline_text {
                    d.moved.push((t.code.clone(), o.deadline_text.clone(), t.deadline_text.clone(), o.schedule.dates(), t.schedule.dates()));
                }
                let roles = |x: &crate::domain::Task| format!("{} / {}", x.lead.join(", "), x.coordinating.join(", "));
                if o.lead != t.lead || o.coordinating != t.coordinating {
                    d.reassigned.push((t.code.clone(), roles(o), roles(t)));
                }
            }
        }
    }
    d.removed = old.tasks.iter().filter(|t| new.task(&t.code).is_none()).map(|t| t.code.clone()).collect();
    d
}

/// The result of a rollover.
#[derive(Debug, Clone)]
pub struct Rollover {
    pub plan: Plan,
    pub from: String,
    /// (task code, units whose part is not finished) in the old plan.
    pub unfinished: Vec<(String, Vec<String>)>,
}

impl Workspace {
    /// Every installed plan, by year.
    pub fn plans(&self) -> Result<Vec<PlanSummary>> {
        let active = self.store.active_plan_id()?;
        let mut out = vec![];
        for id in self.store.plan_ids()? {
            let src = self.store.plan_source(&id)?;
            out.push(PlanSummary {
                active: active.as_deref() == Some(id.as_str()),
                id,
                number: src.number,
                year: src.year,
                issuer: src.issuer,
                title: src.title,
                tasks: src.tasks.len(),
            });
        }
        out.sort_by(|a, b| (a.year, &a.id).cmp(&(b.year, &b.id)));
        Ok(out)
    }

    /// Makes the plan `id` the active one (its progress is as it was left).
    pub fn use_plan(&mut self, id: &str) -> Result<&Plan> {
        if !self.store.plan_ids()?.iter().any(|p| p == id) {
            return Err(Error::new("err-unknown-plan").arg("id", id));
        }
        self.store.set_meta("active_plan", id)?;
        self.reload_plan()?;
        Ok(&self.plan)
    }

    /// Reads the active plan again; a unit that is not in it is forgotten.
    pub fn reload_plan(&mut self) -> Result<()> {
        self.plan = self.store.active_plan()?;
        // Installing a plan may have made its units the organisation.
        self.org = self.store.org()?;
        if let Some(u) = &self.unit
            && self.plan.unit(u).is_none()
        {
            self.unit = None;
        }
        Ok(())
    }

    /// Installs `src` (progress already recorded under the same id is kept
    /// by task code) and makes it the active plan.
    pub fn install_plan(&mut self, src: &PlanSource) -> Result<Plan> {
        let plan = self.store.install_plan(src)?;
        self.reload_plan()?;
        Ok(plan)
    }

    /// What installing `src` would change in the plan already installed
    /// under its id; `None` when no plan has that id.
    pub fn diff_with_installed(&self, src: &PlanSource) -> Result<Option<PlanDiff>> {
        if !self.store.plan_ids()?.iter().any(|p| *p == src.id) {
            return Ok(None);
        }
        let old = crate::plan::build(&self.store.plan_source(&src.id)?)?;
        Ok(Some(diff(&old, &crate::plan::build(src)?)))
    }

    /// A copy of the plan `from` (default: the active one) for `year`,
    /// installed and made active; the old plan and its progress stay.
    pub fn rollover(&mut self, year: i32, from: Option<&str>, id: Option<&str>) -> Result<Rollover> {
        let from = match from {
            Some(f) => f.to_owned(),
            None => self.plan.id.clone(),
        };
        if !(2000..=2100).contains(&year) {
            return Err(Error::new("err-bad-year").arg("value", year.to_string()));
        }
        let src = self.store.plan_source(&from)?;
        if year == src.year {
            return Err(Error::new("err-rollover-same-year").arg("year", year.to_string()));
        }
        let new = roll_over(&src, year, id);
        if self.store.plan_ids()?.iter().any(|p| *p == new.id) {
            return Err(Error::from(crate::error::PlanError::Exists { id: new.id.clone() }));
        }
        let old = crate::plan::build(&src)?;
        let mut unfinished: Vec<(String, Vec<String>)> = old.tasks.iter().map(|t| (t.code.clone(), vec![])).collect();
        for u in &old.units {
            let states = self.store.task_states(&old.id, &u.code)?;
            for (task, _) in old.assignments_of(&u.code) {
                if !states.get(&task.code).is_some_and(|s| s.status.is_closed())
                    && let Some(e) = unfinished.iter_mut().find(|(c, _)| *c == task.code)
                {
                    e.1.push(u.code.clone());
                }
            }
        }
        unfinished.retain(|(_, units)| !units.is_empty());
        let plan = self.install_plan(&new)?;
        Ok(Rollover { plan, from, unfinished })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_of_the_plan_move_ranges_stay() {
        let d = |s: &str| shift_years(s, 2026, 1, Shift::Deadline);
        let p = |s: &str| shift_years(s, 2026, 1, Shift::Prose);
        assert_eq!(d("Trong năm 2026"), "Trong năm 2027");
        assert_eq!(d("trước 15/12/2026; tháng 01/2027"), "trước 15/12/2027; tháng 01/2028");
        assert_eq!(d("giai đoạn 2026-2030"), "giai đoạn 2026-2030");
        assert_eq!(p("Kế hoạch CCHC năm 2026"), "Kế hoạch CCHC năm 2027");
        assert_eq!(p("Quyết định ngày 10 tháng 01 năm 2026, Nghị quyết 04/NQ-CP ngày 10/01/2026"), "Quyết định ngày 10 tháng 01 năm 2026, Nghị quyết 04/NQ-CP ngày 10/01/2026");
        assert_eq!(p("Báo cáo năm 2025, giai đoạn 2021-2030, 2026 – 2030"), "Báo cáo năm 2025, giai đoạn 2021-2030, 2026 – 2030");
        assert_eq!(p("Nghị định 20/2008, số 12026"), "Nghị định 20/2008, số 12026");
        // In a deadline cell a cited document keeps its number and date; the deadline moves.
        assert_eq!(
            d("Theo Quyết định số 12/2026/QĐ-UBND ngày 15/01/2026, trước ngày 30/6/2026"),
            "Theo Quyết định số 12/2026/QĐ-UBND ngày 15/01/2026, trước ngày 30/6/2027"
        );
        assert_eq!(
            d("Theo Kế hoạch số 123/KH-UBND ngày 12 tháng 3 năm 2026 của UBND tỉnh; Quý IV/2026"),
            "Theo Kế hoạch số 123/KH-UBND ngày 12 tháng 3 năm 2026 của UBND tỉnh; Quý IV/2027"
        );
        assert_eq!(d("Báo cáo ngày 15/12/2026"), "Báo cáo ngày 15/12/2027");
        // A target compared with the year before moves with the plan; another past year stays.
        assert_eq!(p("Chỉ số CCHC năm 2026 cao hơn so với năm 2025"), "Chỉ số CCHC năm 2027 cao hơn so với năm 2026");
        assert_eq!(p("tăng so với cùng kỳ năm 2025; Luật năm 2025"), "tăng so với cùng kỳ năm 2026; Luật năm 2025");
    }

    #[test]
    fn rollover_rereads_deadlines_for_the_new_year() {
        let src = crate::plan::builtin_source();
        // 2023 → 2025: neither year has a 29 February.
        let next = roll_over(&src, 2025, None);
        assert_eq!(next.id, "cu-chi-cchc-2025");
        assert!(next.title.contains("năm 2025"), "{}", next.title);
        let t23 = next.tasks.iter().find(|t| t.code == "2.3").unwrap();
        assert!(t23.description.contains("năm 2020") && t23.description.contains("năm 2022"), "document dates stay");
        let p = crate::plan::build(&next).unwrap();
        let old = crate::plan::builtin();
        for (a, b) in old.tasks.iter().zip(&p.tasks) {
            let moved: Vec<NaiveDate> = a.schedule.dates().iter().map(|d| d.with_year(d.year() + 2).unwrap_or(*d)).collect();
            assert_eq!(b.schedule.dates(), moved, "{}: {} → {}", a.code, a.deadline_text, b.deadline_text);
        }
        let d = diff(&old, &p);
        assert!(d.added.is_empty() && d.removed.is_empty());
        assert!(d.moved.len() > 30);
    }
}
