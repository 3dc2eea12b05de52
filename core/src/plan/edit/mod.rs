//! Editing a plan by hand (the window's plan editor): add, change, delete
//! and move tasks, add, change and delete targets. Each edit is one
//! operation on the plan's source, checked here (no SQL), and stored by
//! [`Workspace::edit_plan`] in one transaction with a record of what changed.
//!
//! Task codes are kept as the clerk gives them (no renumbering): progress,
//! milestones and evidence are kept by task code, so moving a task keeps its
//! progress, and changing a task's code carries its progress and evidence to
//! the new code (the store renames them in the same transaction). A deleted
//! task's recorded progress stays in the database, out of every list; adding
//! a task with the same code again brings it back.

use chrono::NaiveDate;

use crate::domain::{Comparator, Plan, Target, TargetKind, UnitKind};
use crate::error::{Error, Result};
use crate::plan::source::{PlanSource, TargetSource, TaskSource};
use crate::text::nfc;
use crate::workspace::Workspace;

/// The longest code, and the longest text of one field, an edit accepts.
pub const MAX_CODE_CHARS: usize = 24;
pub const MAX_TEXT_CHARS: usize = 4_000;

/// A task as the editor's form holds it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TaskDraft {
    pub code: String,
    pub area: String,
    pub description: String,
    /// One entry per deliverable.
    pub products: Vec<String>,
    /// Agency phrases: a unit's name or a group phrase ("UBND các xã, phường").
    pub lead: Vec<String>,
    pub coordinating: Vec<String>,
    /// The deadline cell as the plan writes it.
    pub deadline: String,
    /// Dates entered by hand, used instead of the cell's reading.
    pub manual_dates: Vec<NaiveDate>,
}

impl TaskDraft {
    /// The draft of a task already in the plan.
    pub fn of(t: &TaskSource) -> TaskDraft {
        TaskDraft {
            code: t.code.clone(),
            area: t.area.clone(),
            description: t.description.clone(),
            products: t.products.clone(),
            lead: t.lead.clone(),
            coordinating: t.coordinating.clone(),
            deadline: t.deadline.clone(),
            manual_dates: t.manual_dates.iter().filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).collect(),
        }
    }
}

/// A target as the editor's form holds it: the plan's own [`Target`].
pub type TargetDraft = Target;

/// The draft of a target already in the plan.
pub fn target_draft(t: &TargetSource) -> TargetDraft {
    Target {
        code: t.code.clone(),
        text: t.text.clone(),
        kind: match t.kind.as_str() {
            "rate" => TargetKind::Rate,
            "yes_no" => TargetKind::YesNo,
            _ => TargetKind::Value,
        },
        comparator: Comparator::parse(&t.comparator).unwrap_or(Comparator::Ge),
        value: t.value,
        unit: t.unit.clone(),
        numerator: t.numerator.clone(),
        denominator: t.denominator.clone(),
        applies_to: t.applies_to.iter().filter_map(|k| UnitKind::parse(k)).collect(),
    }
}

fn target_to_source(d: &TargetDraft) -> TargetSource {
    TargetSource {
        code: d.code.trim().to_owned(),
        text: nfc(d.text.trim()),
        kind: kind_str(d.kind).to_owned(),
        comparator: comparator_str(d.comparator).to_owned(),
        value: d.value,
        unit: nfc(d.unit.trim()),
        numerator: nfc(d.numerator.trim()),
        denominator: nfc(d.denominator.trim()),
        applies_to: d.applies_to.iter().map(|k| k.as_str().to_owned()).collect(),
    }
}

fn kind_str(k: TargetKind) -> &'static str {
    match k {
        TargetKind::Rate => "rate",
        TargetKind::Value => "value",
        TargetKind::YesNo => "yes_no",
    }
}

fn comparator_str(c: Comparator) -> &'static str {
    match c {
        Comparator::Ge => ">=",
        Comparator::Gt => ">",
        Comparator::Le => "<=",
        Comparator::Lt => "<",
        Comparator::Eq => "=",
    }
}

/// One edit of the plan.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanEdit {
    /// A new task, placed last in its area.
    AddTask(TaskDraft),
    /// The task `code` as the draft has it (its code, area and every field
    /// may change; a new area places it last there).
    UpdateTask { code: String, task: TaskDraft },
    DeleteTask { code: String },
    /// Moves the task `code` to position `index` (0 = first) among the tasks
    /// of `area` (its own or another).
    MoveTask { code: String, area: String, index: usize },
    AddTarget(TargetDraft),
    UpdateTarget { code: String, target: TargetDraft },
    DeleteTarget { code: String },
    /// A new area (lĩnh vực), placed last.
    AddArea { code: String, title: String },
    /// The area `code` gets a new title.
    RenameArea { code: String, title: String },
    /// Removes an area that has no task left.
    DeleteArea { code: String },
    /// The decision's number, date and title (a plan rolled over has no
    /// number until its new decision is signed).
    Header { number: String, date: NaiveDate, title: String },
}

/// Which field of the form an error belongs to (shown next to it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Code,
    Area,
    Description,
    Lead,
    Coordinating,
    Deadline,
    ManualDates,
    TargetCode,
    TargetText,
    TargetValue,
    TargetUnit,
    /// The plan's number, date or title.
    Header,
    /// The code or title of an area.
    AreaCode,
    AreaTitle,
    /// Not one field: the task or target named does not exist, the plan would not build.
    Whole,
}

/// An edit refused: the field at fault and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    pub field: Field,
    pub error: Error,
}

impl From<Invalid> for Error {
    fn from(i: Invalid) -> Error {
        i.error
    }
}

fn invalid(field: Field, key: &'static str) -> Invalid {
    Invalid { field, error: Error::new(key) }
}

/// One line of what an edit changed (stored with the edit).
#[derive(Debug, Clone, PartialEq)]
pub struct Changed {
    /// "add-task", "update-task", "delete-task", "move-task", "add-target", "update-target", "delete-target", "update-header", "add-area", "rename-area", "delete-area".
    pub op: &'static str,
    /// The task or target code (the new one, after a change of code).
    pub code: String,
    /// The field changed ("" for a whole task or target).
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

/// An edit made on a plan source.
#[derive(Debug, Clone)]
pub struct Applied {
    pub source: PlanSource,
    /// The plan built from it (checked: every agency resolves).
    pub plan: Plan,
    pub changes: Vec<Changed>,
    /// A task whose code changed: (old, new). Its progress follows.
    pub task_renamed: Option<(String, String)>,
    /// A target whose code changed: (old, new). Its figures follow.
    pub target_renamed: Option<(String, String)>,
}

fn check_code(code: &str, field: Field) -> std::result::Result<(), Invalid> {
    if code.is_empty() {
        return Err(invalid(field, "err-edit-code-empty"));
    }
    if code.chars().count() > MAX_CODE_CHARS || code.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Invalid { field, error: Error::new("err-edit-code-bad").arg("code", code).arg("max", MAX_CODE_CHARS) });
    }
    Ok(())
}

fn check_len(text: &str, field: Field) -> std::result::Result<(), Invalid> {
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(Invalid { field, error: Error::new("err-edit-too-long").arg("max", MAX_TEXT_CHARS) });
    }
    Ok(())
}

/// Cleans a list of phrases: trimmed, NFC, empty ones dropped, each once.
fn phrases(xs: &[String]) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    for x in xs {
        let x = nfc(x.trim());
        if !x.is_empty() && !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

/// The task source of a draft, checked on its own.
fn task_source(d: &TaskDraft, src: &PlanSource, repairs: Vec<crate::plan::source::Repair>) -> std::result::Result<TaskSource, Invalid> {
    let code = d.code.trim().trim_end_matches('.').to_owned();
    check_code(&code, Field::Code)?;
    if !src.areas.iter().any(|a| a.code == d.area) {
        return Err(Invalid { field: Field::Area, error: Error::new("err-edit-unknown-area").arg("code", d.area.as_str()) });
    }
    let description = nfc(d.description.trim());
    if description.is_empty() {
        return Err(invalid(Field::Description, "err-edit-name-empty"));
    }
    check_len(&description, Field::Description)?;
    let lead = phrases(&d.lead);
    if lead.is_empty() {
        return Err(invalid(Field::Lead, "err-edit-lead-empty"));
    }
    let deadline = nfc(d.deadline.trim());
    check_len(&deadline, Field::Deadline)?;
    if deadline.is_empty() && d.manual_dates.is_empty() {
        return Err(invalid(Field::Deadline, "err-edit-deadline-empty"));
    }
    for day in &d.manual_dates {
        if (*day - src_year_start(src)).num_days() < -366 || (*day - src_year_start(src)).num_days() > 2 * 366 {
            return Err(Invalid {
                field: Field::ManualDates,
                error: Error::new("err-edit-date-far").arg("date", crate::i18n::format_date(*day)).arg("year", src.year.to_string()),
            });
        }
    }
    let mut dates: Vec<NaiveDate> = d.manual_dates.clone();
    dates.sort();
    dates.dedup();
    Ok(TaskSource {
        code,
        area: d.area.clone(),
        description,
        products: phrases(&d.products),
        lead,
        coordinating: phrases(&d.coordinating),
        deadline,
        repairs,
        manual_dates: dates.iter().map(|d| d.format("%Y-%m-%d").to_string()).collect(),
    })
}

fn src_year_start(src: &PlanSource) -> NaiveDate {
    NaiveDate::from_ymd_opt(src.year, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// Where a task of `area` goes to be at `index` among that area's tasks
/// (`tasks` without the task being placed). Past the end: after the last.
fn insert_at(tasks: &[TaskSource], areas: &[crate::plan::source::AreaSource], area: &str, index: usize) -> usize {
    let in_area: Vec<usize> = tasks.iter().enumerate().filter(|(_, t)| t.area == area).map(|(i, _)| i).collect();
    if let Some(&i) = in_area.get(index) {
        return i;
    }
    if let Some(&last) = in_area.last() {
        return last + 1;
    }
    // An area without tasks: after the tasks of the areas before it.
    let rank = |a: &str| areas.iter().position(|x| x.code == a).unwrap_or(usize::MAX);
    let r = rank(area);
    tasks.iter().rposition(|t| rank(&t.area) < r).map_or(0, |i| i + 1)
}

fn list(xs: &[String]) -> String {
    xs.join("; ")
}

/// The fields that differ, as changes of `op` on `code`.
fn changed(op: &'static str, code: &str, fields: Vec<(&'static str, String, String)>) -> Vec<Changed> {
    fields
        .into_iter()
        .filter(|(_, o, n)| o != n)
        .map(|(field, old, new)| Changed { op, code: code.to_owned(), field, old, new })
        .collect()
}

/// What changed between two versions of one task, field by field.
fn task_changes(old: &TaskSource, new: &TaskSource) -> Vec<Changed> {
    changed(
        "update-task",
        &new.code,
        vec![
            ("code", old.code.clone(), new.code.clone()),
            ("area", old.area.clone(), new.area.clone()),
            ("description", old.description.clone(), new.description.clone()),
            ("products", list(&old.products), list(&new.products)),
            ("lead", list(&old.lead), list(&new.lead)),
            ("coordinating", list(&old.coordinating), list(&new.coordinating)),
            ("deadline", old.deadline.clone(), new.deadline.clone()),
            ("manual_dates", list(&old.manual_dates), list(&new.manual_dates)),
        ],
    )
}

fn target_changes(old: &TargetSource, new: &TargetSource) -> Vec<Changed> {
    changed(
        "update-target",
        &new.code,
        vec![
            ("code", old.code.clone(), new.code.clone()),
            ("text", old.text.clone(), new.text.clone()),
            ("kind", old.kind.clone(), new.kind.clone()),
            ("comparator", old.comparator.clone(), new.comparator.clone()),
            ("value", old.value.to_string(), new.value.to_string()),
            ("unit", old.unit.clone(), new.unit.clone()),
            ("numerator", old.numerator.clone(), new.numerator.clone()),
            ("denominator", old.denominator.clone(), new.denominator.clone()),
            ("applies_to", list(&old.applies_to), list(&new.applies_to)),
        ],
    )
}

fn target_source(d: &TargetDraft) -> std::result::Result<TargetSource, Invalid> {
    let t = target_to_source(d);
    check_code(&t.code, Field::TargetCode)?;
    if t.text.is_empty() {
        return Err(invalid(Field::TargetText, "err-edit-name-empty"));
    }
    check_len(&t.text, Field::TargetText)?;
    if !t.value.is_finite() || t.value < 0.0 {
        return Err(Invalid { field: Field::TargetValue, error: Error::new("err-edit-value").arg("value", t.value.to_string()) });
    }
    match d.kind {
        TargetKind::Rate if t.value > 100.0 => {
            return Err(Invalid { field: Field::TargetValue, error: Error::new("err-edit-rate-over").arg("value", t.value.to_string()) });
        }
        TargetKind::YesNo if t.value != 0.0 && t.value != 1.0 => {
            return Err(Invalid { field: Field::TargetValue, error: Error::new("err-edit-yes-no").arg("value", t.value.to_string()) });
        }
        TargetKind::Value if t.unit.is_empty() => return Err(invalid(Field::TargetUnit, "err-edit-unit-empty")),
        _ => {}
    }
    Ok(t)
}

fn unknown_area(code: &str) -> Invalid {
    Invalid { field: Field::Area, error: Error::new("err-edit-unknown-area").arg("code", code) }
}

fn area_title(title: &str) -> std::result::Result<String, Invalid> {
    let title = nfc(title.trim());
    if title.is_empty() {
        return Err(invalid(Field::AreaTitle, "err-edit-name-empty"));
    }
    check_len(&title, Field::AreaTitle)?;
    Ok(title)
}

fn no_task(code: &str) -> Invalid {
    Invalid { field: Field::Whole, error: Error::new("err-unknown-task").arg("code", code) }
}

fn no_target(code: &str) -> Invalid {
    Invalid { field: Field::Whole, error: Error::new("err-unknown-target").arg("code", code) }
}

/// Makes `edit` on `src` and builds the result against the organisation
/// `org` (as the installation builds its plan): an agency that names no
/// unit, a duplicate code, an empty name or a bad value is refused with the
/// field at fault.
pub fn apply(src: &PlanSource, edit: &PlanEdit, org: Option<&crate::org::Org>) -> std::result::Result<Applied, Invalid> {
    let mut out = src.clone();
    let mut changes = vec![];
    let (mut task_renamed, mut target_renamed) = (None, None);
    // The agencies of the task the edit writes (to place an unknown one).
    let mut agencies: Option<(Vec<String>, Vec<String>)> = None;
    match edit {
        PlanEdit::AddTask(d) => {
            let t = task_source(d, src, vec![])?;
            if src.tasks.iter().any(|x| x.code == t.code) {
                return Err(Invalid { field: Field::Code, error: Error::new("err-edit-code-taken").arg("code", t.code.as_str()) });
            }
            changes.push(Changed { op: "add-task", code: t.code.clone(), field: "", old: String::new(), new: t.description.clone() });
            agencies = Some((t.lead.clone(), t.coordinating.clone()));
            let at = insert_at(&out.tasks, &out.areas, &t.area, usize::MAX);
            out.tasks.insert(at, t);
        }
        PlanEdit::UpdateTask { code, task } => {
            let i = src.tasks.iter().position(|x| &x.code == code).ok_or_else(|| no_task(code))?;
            let old = &src.tasks[i];
            let t = task_source(task, src, old.repairs.clone())?;
            if t.code != *code {
                if src.tasks.iter().any(|x| x.code == t.code) {
                    return Err(Invalid { field: Field::Code, error: Error::new("err-edit-code-taken").arg("code", t.code.as_str()) });
                }
                task_renamed = Some((code.clone(), t.code.clone()));
            }
            changes = task_changes(old, &t);
            agencies = Some((t.lead.clone(), t.coordinating.clone()));
            if t.area == old.area {
                out.tasks[i] = t;
            } else {
                out.tasks.remove(i);
                let at = insert_at(&out.tasks, &out.areas, &t.area, usize::MAX);
                out.tasks.insert(at, t);
            }
        }
        PlanEdit::DeleteTask { code } => {
            let i = src.tasks.iter().position(|x| &x.code == code).ok_or_else(|| no_task(code))?;
            let t = out.tasks.remove(i);
            changes.push(Changed { op: "delete-task", code: t.code, field: "", old: t.description, new: String::new() });
        }
        PlanEdit::MoveTask { code, area, index } => {
            let i = src.tasks.iter().position(|x| &x.code == code).ok_or_else(|| no_task(code))?;
            if !src.areas.iter().any(|a| &a.code == area) {
                return Err(Invalid { field: Field::Area, error: Error::new("err-edit-unknown-area").arg("code", area.as_str()) });
            }
            let place = |tasks: &[TaskSource], c: &str| {
                let t = tasks.iter().find(|t| t.code == c).expect("present");
                (t.area.clone(), tasks.iter().filter(|x| x.area == t.area).position(|x| x.code == c).unwrap_or(0) + 1)
            };
            let before = place(&src.tasks, code);
            let mut t = out.tasks.remove(i);
            t.area = area.clone();
            let at = insert_at(&out.tasks, &out.areas, area, *index);
            out.tasks.insert(at, t);
            let after = place(&out.tasks, code);
            if before != after {
                changes.push(Changed {
                    op: "move-task",
                    code: code.clone(),
                    field: "position",
                    old: format!("{} #{}", before.0, before.1),
                    new: format!("{} #{}", after.0, after.1),
                });
            }
        }
        PlanEdit::AddTarget(d) => {
            let t = target_source(d)?;
            if src.targets.iter().any(|x| x.code == t.code) {
                return Err(Invalid { field: Field::TargetCode, error: Error::new("err-edit-code-taken").arg("code", t.code.as_str()) });
            }
            changes.push(Changed { op: "add-target", code: t.code.clone(), field: "", old: String::new(), new: t.text.clone() });
            out.targets.push(t);
        }
        PlanEdit::UpdateTarget { code, target } => {
            let i = src.targets.iter().position(|x| &x.code == code).ok_or_else(|| no_target(code))?;
            let t = target_source(target)?;
            if t.code != *code {
                if src.targets.iter().any(|x| x.code == t.code) {
                    return Err(Invalid { field: Field::TargetCode, error: Error::new("err-edit-code-taken").arg("code", t.code.as_str()) });
                }
                target_renamed = Some((code.clone(), t.code.clone()));
            }
            changes = target_changes(&src.targets[i], &t);
            out.targets[i] = t;
        }
        PlanEdit::DeleteTarget { code } => {
            let i = src.targets.iter().position(|x| &x.code == code).ok_or_else(|| no_target(code))?;
            let t = out.targets.remove(i);
            changes.push(Changed { op: "delete-target", code: t.code, field: "", old: t.text, new: String::new() });
        }
        PlanEdit::AddArea { code, title } => {
            let code = code.trim().trim_end_matches('.').to_owned();
            check_code(&code, Field::AreaCode)?;
            if src.areas.iter().any(|a| a.code == code) {
                return Err(Invalid { field: Field::AreaCode, error: Error::new("err-edit-code-taken").arg("code", code.as_str()) });
            }
            let title = area_title(title)?;
            changes.push(Changed { op: "add-area", code: code.clone(), field: "", old: String::new(), new: title.clone() });
            out.areas.push(crate::plan::source::AreaSource { code, title });
        }
        PlanEdit::RenameArea { code, title } => {
            let i = src.areas.iter().position(|a| &a.code == code).ok_or_else(|| unknown_area(code))?;
            let title = area_title(title)?;
            changes.push(Changed { op: "rename-area", code: code.clone(), field: "title", old: src.areas[i].title.clone(), new: title.clone() });
            out.areas[i].title = title;
        }
        PlanEdit::DeleteArea { code } => {
            let i = src.areas.iter().position(|a| &a.code == code).ok_or_else(|| unknown_area(code))?;
            let n = src.tasks.iter().filter(|t| &t.area == code).count();
            if n > 0 {
                return Err(Invalid { field: Field::Whole, error: Error::new("err-edit-area-not-empty").arg("code", code.as_str()).arg("count", n) });
            }
            let a = out.areas.remove(i);
            changes.push(Changed { op: "delete-area", code: a.code, field: "", old: a.title, new: String::new() });
        }
        PlanEdit::Header { number, date, title } => {
            let (number, title) = (nfc(number.trim()), nfc(title.trim()));
            if title.is_empty() {
                return Err(invalid(Field::Header, "err-edit-title-empty"));
            }
            check_len(&title, Field::Header)?;
            if number.chars().count() > 60 {
                return Err(Invalid { field: Field::Header, error: Error::new("err-edit-too-long").arg("max", 60) });
            }
            if (*date - src_year_start(src)).num_days().abs() > 366 {
                return Err(Invalid {
                    field: Field::Header,
                    error: Error::new("err-edit-date-far").arg("date", crate::i18n::format_date(*date)).arg("year", src.year.to_string()),
                });
            }
            let date = date.format("%Y-%m-%d").to_string();
            changes = changed(
                "update-header",
                &src.id,
                vec![
                    ("number", src.number.clone(), number.clone()),
                    ("date", src.date.clone(), date.clone()),
                    ("title", src.title.clone(), title.clone()),
                ],
            );
            out.number = number;
            out.date = date;
            out.title = title;
        }
    }
    let plan = crate::plan::build_in(&out, org).map_err(|e| {
        let field = match (e.kind(), &agencies) {
            (crate::error::Kind::Plan(crate::error::PlanError::UnknownAgency { phrase, .. }), Some((lead, _))) => {
                if lead.contains(phrase) { Field::Lead } else { Field::Coordinating }
            }
            _ => Field::Whole,
        };
        Invalid { field, error: e }
    })?;
    Ok(Applied { source: out, plan, changes, task_renamed, target_renamed })
}

/// The group phrases the editor offers in its agency pickers, each with
/// the units it stands for in this plan: the plan's own group phrases, then
/// the usual collective phrases that name at least one unit of the
/// organisation (by kind and parent).
pub fn group_phrases(plan_src: &PlanSource, org: Option<&crate::org::Org>) -> Vec<(String, Vec<String>)> {
    const USUAL: [&str; 8] = [
        "Các cơ quan chuyên môn thuộc UBND",
        "Các phòng chuyên môn",
        "Các đơn vị sự nghiệp",
        "Các cơ quan, đơn vị",
        "UBND các xã, phường",
        "UBND các xã, phường, đặc khu",
        "Các phòng chuyên môn, đơn vị thuộc UBND xã",
        "Thủ trưởng các sở, ban, ngành",
    ];
    let src = crate::plan::with_org_units(plan_src, org);
    let Ok(o) = crate::plan::organisation(&src) else { return vec![] };
    let retired = org.map(|o| o.retired()).unwrap_or_default();
    let resolver = o.resolver().scoped(&src.issuer, &retired);
    let mut out: Vec<(String, Vec<String>)> = vec![];
    let mut keys: Vec<String> = vec![];
    let candidates = src.groups.iter().filter_map(|g| g.phrases.first().cloned()).chain(USUAL.iter().map(|s| (*s).to_owned()));
    for p in candidates {
        let k = crate::agency::key(&p);
        if keys.contains(&k) || o.names_one_unit(&resolver, &p) {
            continue;
        }
        if let Some(codes) = resolver.resolve(&p).filter(|c| !c.is_empty()) {
            // Two phrases naming the same units: the first is enough.
            if out.iter().any(|(_, c)| *c == codes) {
                continue;
            }
            keys.push(k);
            out.push((p, codes));
        }
    }
    out
}

/// A plan edit stored: what changed.
#[derive(Debug, Clone)]
pub struct Edited {
    pub changes: Vec<Changed>,
}

impl Workspace {
    /// Makes `edit` on the active plan and stores it in one transaction
    /// with what changed (who, when); progress follows a task's code.
    pub fn edit_plan(&mut self, edit: &PlanEdit) -> Result<Edited> {
        let src = self.store.plan_source(&self.plan.id)?;
        let org = self.store.org()?;
        let applied = apply(&src, edit, (!org.is_empty()).then_some(&org))?;
        let by = self.operator.clone();
        self.store.save_plan_edit(&applied, &by)?;
        self.reload_plan()?;
        Ok(Edited { changes: applied.changes })
    }

    /// The edits recorded for the plan `id`, newest first.
    pub fn plan_edits(&self, id: &str) -> Result<Vec<crate::store::PlanEditRecord>> {
        self.store.plan_edits(id)
    }
}

#[cfg(test)]
mod tests;
