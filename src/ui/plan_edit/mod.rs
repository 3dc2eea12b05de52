//! Settings → Kế hoạch: the plan editor (tasks: add, edit, delete, move
//! within and across areas; the deadline with a live preview of its dates
//! and dates by hand; lead and coordinating pickers of group phrases and
//! units), its targets, and the plans installed (switch, roll over a year).
//!
//! Each save is one [`PlanEdit`], checked here first (the error shows next
//! to its field) and stored by the save worker in one transaction.

use chrono::NaiveDate;
use iced::widget::{button, container, pick_list, row, scrollable, space, text, text_editor, text_input};
use iced::{Alignment, Element, Length, Task};

use super::{Choice, style, t, ta};
use crate::domain::{Comparator, Plan, TargetKind, UnitKind};
use crate::i18n::{Lang, format_date};
use crate::org::{Org, kind_label};
use crate::plan::PlanSource;
use crate::plan::edit::{Field, Invalid, PlanEdit, TargetDraft, TaskDraft, apply, target_draft};
use crate::plan::years::PlanSummary;

mod view;

/// The task code box.
pub const CODE_ID: &str = "plan-edit-code";
/// The task's text box.
pub const NAME_ID: &str = "plan-edit-name";
/// The deadline box (its preview shows below it).
pub const DEADLINE_ID: &str = "plan-edit-deadline";
/// The "date by hand" box.
pub const DATE_ID: &str = "plan-edit-date";
/// The search box of the agency picker.
pub const PICKER_ID: &str = "plan-edit-picker";
/// The target's value box.
pub const VALUE_ID: &str = "plan-edit-value";
/// The rollover's year box.
pub const YEAR_ID: &str = "plan-edit-year";

/// The "save" button's label id, for tests.
pub const SAVE_LABEL: &str = "ui-plan-save";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Tasks,
    Targets,
    Plans,
}

impl Tab {
    pub fn from_name(s: &str) -> Option<Tab> {
        Some(match s {
            "tasks" | "" => Tab::Tasks,
            "targets" => Tab::Targets,
            "plans" => Tab::Plans,
            _ => return None,
        })
    }
}

/// Which agency list a picker adds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Lead,
    Coordinating,
}

/// A task being edited (or a new one).
#[derive(Debug, Clone, PartialEq)]
pub struct TaskForm {
    /// The task's code before the edit; `None` for a new task.
    pub original: Option<String>,
    pub draft: TaskDraft,
    /// The products as typed, separated by ";".
    pub products: String,
    /// The date being typed for "date by hand".
    pub date: String,
    pub confirm_delete: bool,
}

/// A target being edited (or a new one).
#[derive(Debug, Clone, PartialEq)]
pub struct TargetForm {
    pub original: Option<String>,
    pub draft: TargetDraft,
    /// The value as typed ("98,5").
    pub value: String,
    pub confirm_delete: bool,
}

/// An area being edited (or a new one).
#[derive(Debug, Clone, PartialEq)]
pub struct AreaForm {
    pub original: Option<String>,
    pub code: String,
    pub title: String,
    pub confirm_delete: bool,
}

/// The rollover's outcome, as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct RolledOver {
    pub year: i32,
    /// (task code, task text, unit names) carried over unfinished.
    pub unfinished: Vec<(String, String, String)>,
}

#[derive(Debug, Default)]
pub struct State {
    pub tab: Tab,
    /// The task's text, several lines (the form's draft follows it).
    pub name: text_editor::Content,
    /// The active plan's source (read on opening the screen and after a save).
    pub source: Option<PlanSource>,
    /// Group phrases for the pickers, with the units they stand for.
    pub groups: Vec<(String, Vec<String>)>,
    pub selected: Option<String>,
    pub form: Option<TaskForm>,
    pub target: Option<TargetForm>,
    pub area: Option<AreaForm>,
    /// The picker open for one agency list, and its search text.
    pub picker: Option<Role>,
    pub query: String,
    /// Why the last save was refused, and the field at fault.
    pub error: Option<(Field, String)>,
    /// Installed plans (the switcher).
    pub plans: Vec<PlanSummary>,
    /// The latest hand edits of the plan in use, newest first.
    pub edits: Vec<crate::store::PlanEditRecord>,
    pub year: String,
    pub rolled: Option<RolledOver>,
    /// The active plan's number, date (as typed) and title.
    pub header: (String, String, String),
    /// A save of this screen is running.
    pub busy: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Tab(Tab),
    Select(String),
    New,
    /// Move the task one place up (false) or down (true); across areas at the ends.
    Move(String, bool),
    Code(String),
    Area(Choice<String>),
    /// An edit of the task's text.
    Name(text_editor::Action),
    Products(String),
    Deadline(String),
    DateText(String),
    AddDate,
    RemoveDate(NaiveDate),
    OpenPicker(Role),
    Query(String),
    /// A phrase picked (a unit's name or a group phrase), or typed.
    Pick(String),
    ClosePicker,
    RemoveAgency(Role, String),
    Save,
    Delete,
    ConfirmDelete,
    Cancel,
    // Areas.
    EditArea(String),
    NewArea,
    AreaCode(String),
    AreaTitle(String),
    // Targets.
    SelectTarget(String),
    NewTarget,
    TargetCode(String),
    TargetText(String),
    TargetKind(TargetKind),
    Comparator(Comparator),
    TargetValue(String),
    TargetUnit(String),
    Numerator(String),
    Denominator(String),
    ToggleKind(UnitKind),
    // Plans.
    HeaderNumber(String),
    HeaderDate(String),
    HeaderTitle(String),
    SaveHeader,
    Use(String),
    Year(String),
    Rollover,
    Back,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Save(PlanEdit),
    Use(String),
    Rollover(i32),
    Back,
}

const KINDS: [UnitKind; 4] = [UnitKind::Government, UnitKind::Department, UnitKind::PublicService, UnitKind::Commune];
const COMPARATORS: [Comparator; 5] = [Comparator::Ge, Comparator::Gt, Comparator::Le, Comparator::Lt, Comparator::Eq];

/// Reads a number as people type it: "98", "98,5", "98.5", "1.234,5".
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim().replace(['\u{a0}', ' '], "");
    let s = if s.contains(',') { s.replace('.', "").replace(',', ".") } else { s };
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A number as Vietnamese write it ("98,5").
fn show_number(v: f64) -> String {
    let s = format!("{v}");
    s.replace('.', ",")
}

fn split_products(s: &str) -> Vec<String> {
    s.split([';', '\n']).map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect()
}

impl State {
    /// Reads what the screen shows from the plan's source, the organisation
    /// and the list of plans (reads only).
    pub fn load(&mut self, source: PlanSource, org: &Org, plans: Vec<PlanSummary>, edits: Vec<crate::store::PlanEditRecord>) {
        self.edits = edits;
        self.groups = crate::plan::edit::group_phrases(&source, (!org.is_empty()).then_some(org));
        if self.year.is_empty() || self.source.as_ref().is_some_and(|s| s.year != source.year) {
            self.year = (source.year + 1).to_string();
        }
        if self.source.as_ref().is_none_or(|s| s.id != source.id || s.number != source.number || s.title != source.title || s.date != source.date) {
            let date = NaiveDate::parse_from_str(&source.date, "%Y-%m-%d").map(format_date).unwrap_or_default();
            self.header = (source.number.clone(), date, source.title.clone());
        }
        self.source = Some(source);
        self.plans = plans;
    }

    /// Opens on `arg` (`TIENDO_START_SCREEN=plan:…`): `targets`, `plans`,
    /// `task:CODE`, `target:CODE`, `new`; else the tasks.
    pub fn start_on(&mut self, arg: &str, org: &Org, lang: Lang) {
        let (what, code) = arg.split_once(':').unwrap_or((arg, ""));
        match what {
            "targets" => self.tab = Tab::Targets,
            "plans" => self.tab = Tab::Plans,
            "task" => {
                self.event(Message::Select(code.to_owned()), org, lang);
            }
            "target" => {
                self.tab = Tab::Targets;
                self.event(Message::SelectTarget(code.to_owned()), org, lang);
            }
            "new" => {
                self.event(Message::New, org, lang);
            }
            _ => self.tab = Tab::Tasks,
        }
    }

    fn source(&self) -> Option<&PlanSource> {
        self.source.as_ref()
    }

    /// A save of this screen ended.
    pub fn saved(&mut self, result: std::result::Result<Option<String>, String>) {
        self.busy = false;
        match result {
            Ok(code) => {
                self.form = None;
                self.area = None;
                self.target = None;
                self.picker = None;
                self.error = None;
                if code.is_some() {
                    self.selected = code;
                }
            }
            Err(e) => self.error = Some((Field::Whole, e)),
        }
    }

    /// The rollover ended: what was carried over.
    pub fn rolled_over(&mut self, rolled: RolledOver) {
        self.busy = false;
        self.error = None;
        self.rolled = Some(rolled);
        self.form = None;
        self.target = None;
        self.selected = None;
    }

    fn refuse(&mut self, i: Invalid, lang: Lang) -> Option<Event> {
        self.error = Some((i.field, i.error.message_in(lang)));
        None
    }

    /// Checks `edit` against the plan (as the worker will) and hands it on.
    fn submit(&mut self, edit: PlanEdit, org: &Org, lang: Lang) -> Option<Event> {
        let src = self.source.as_ref()?;
        match apply(src, &edit, (!org.is_empty()).then_some(org)) {
            Ok(_) => {
                self.error = None;
                self.busy = true;
                Some(Event::Save(edit))
            }
            Err(i) => self.refuse(i, lang),
        }
    }

    /// Handles a message: what the window must do, and where the keyboard
    /// goes (the picker's search box when it opens).
    pub fn update(&mut self, message: Message, org: &Org, lang: Lang) -> (Task<Message>, Option<Event>) {
        let opens_picker = matches!(message, Message::OpenPicker(_));
        let event = self.event(message, org, lang);
        let task = if opens_picker { iced::widget::operation::focus(PICKER_ID) } else { Task::none() };
        (task, event)
    }

    /// What a message changes here, and what the window must do.
    fn event(&mut self, message: Message, org: &Org, lang: Lang) -> Option<Event> {
        match message {
            Message::Tab(tab) => {
                self.tab = tab;
                self.error = None;
                self.picker = None;
                None
            }
            Message::Select(code) => {
                let t = self.source()?.tasks.iter().find(|t| t.code == code)?.clone();
                self.name = text_editor::Content::with_text(&t.description);
                self.form = Some(TaskForm {
                    original: Some(code.clone()),
                    products: t.products.join("; "),
                    draft: TaskDraft::of(&t),
                    date: String::new(),
                    confirm_delete: false,
                });
                self.selected = Some(code);
                self.area = None;
                self.error = None;
                self.picker = None;
                None
            }
            Message::EditArea(code) => {
                let a = self.source()?.areas.iter().find(|a| a.code == code)?;
                self.area = Some(AreaForm { original: Some(code), code: a.code.clone(), title: a.title.clone(), confirm_delete: false });
                self.form = None;
                self.error = None;
                None
            }
            Message::NewArea => {
                let code = next_area_code(self.source()?);
                self.area = Some(AreaForm { original: None, code, title: String::new(), confirm_delete: false });
                self.form = None;
                self.error = None;
                None
            }
            Message::AreaCode(c) => {
                if let Some(a) = self.area.as_mut().filter(|a| a.original.is_none()) {
                    a.code = c.trim().to_owned();
                }
                None
            }
            Message::AreaTitle(t) => {
                if let Some(a) = self.area.as_mut() {
                    a.title = t;
                    a.confirm_delete = false;
                }
                None
            }
            Message::New => {
                let src = self.source()?;
                // In the selected task's area (else the last area), with the next free number.
                let area = self
                    .selected
                    .as_ref()
                    .and_then(|c| src.tasks.iter().find(|t| &t.code == c))
                    .map(|t| t.area.clone())
                    .or_else(|| src.areas.last().map(|a| a.code.clone()))?;
                let code = next_code(src, &area);
                self.name = text_editor::Content::new();
                self.form = Some(TaskForm {
                    original: None,
                    draft: TaskDraft { code, area, ..TaskDraft::default() },
                    products: String::new(),
                    date: String::new(),
                    confirm_delete: false,
                });
                self.area = None;
                self.error = None;
                self.picker = None;
                None
            }
            Message::Move(code, down) => {
                let src = self.source()?;
                let task = src.tasks.iter().find(|t| t.code == code)?;
                let in_area: Vec<&str> = src.tasks.iter().filter(|t| t.area == task.area).map(|t| t.code.as_str()).collect();
                let i = in_area.iter().position(|c| *c == code)?;
                let area_i = src.areas.iter().position(|a| a.code == task.area)?;
                let (area, index) = match (down, i) {
                    (false, 0) => (src.areas.get(area_i.checked_sub(1)?)?.code.clone(), usize::MAX),
                    (false, i) => (task.area.clone(), i - 1),
                    (true, i) if i + 1 >= in_area.len() => (src.areas.get(area_i + 1)?.code.clone(), 0),
                    (true, i) => (task.area.clone(), i + 1),
                };
                self.selected = Some(code.clone());
                self.submit(PlanEdit::MoveTask { code, area, index }, org, lang)
            }
            Message::Code(c) => self.task_field(|f| f.draft.code = c.trim().to_owned()),
            Message::Area(a) => self.task_field(|f| f.draft.area = a.value.unwrap_or_default()),
            Message::Name(action) => {
                self.name.perform(action);
                let text = self.name.text();
                self.task_field(|f| f.draft.description = text.trim_end_matches('\n').to_owned())
            }
            Message::Products(p) => self.task_field(|f| {
                f.draft.products = split_products(&p);
                f.products = p;
            }),
            Message::Deadline(d) => self.task_field(|f| f.draft.deadline = d),
            Message::DateText(d) => self.task_field(|f| f.date = d),
            Message::AddDate => {
                let f = self.form.as_mut()?;
                match crate::i18n::parse_date(&f.date) {
                    Some(d) => {
                        if !f.draft.manual_dates.contains(&d) {
                            f.draft.manual_dates.push(d);
                            f.draft.manual_dates.sort();
                        }
                        f.date.clear();
                        self.error = None;
                    }
                    None => {
                        let e = crate::error::Error::new("err-bad-date").arg("value", f.date.as_str());
                        self.error = Some((Field::ManualDates, e.message_in(lang)));
                    }
                }
                None
            }
            Message::RemoveDate(d) => self.task_field(|f| f.draft.manual_dates.retain(|x| *x != d)),
            Message::OpenPicker(role) => {
                self.picker = Some(role);
                self.query.clear();
                None
            }
            Message::Query(q) => {
                self.query = q;
                None
            }
            Message::Pick(phrase) => {
                let role = self.picker?;
                let f = self.form.as_mut()?;
                let list = match role {
                    Role::Lead => &mut f.draft.lead,
                    Role::Coordinating => &mut f.draft.coordinating,
                };
                let phrase = phrase.trim().to_owned();
                if !phrase.is_empty() && !list.contains(&phrase) {
                    list.push(phrase);
                }
                self.picker = None;
                self.query.clear();
                None
            }
            Message::ClosePicker => {
                self.picker = None;
                None
            }
            Message::RemoveAgency(role, phrase) => self.task_field(|f| match role {
                Role::Lead => f.draft.lead.retain(|p| *p != phrase),
                Role::Coordinating => f.draft.coordinating.retain(|p| *p != phrase),
            }),
            Message::Save => {
                if self.busy {
                    return None;
                }
                if let Some(a) = &self.area {
                    let edit = match &a.original {
                        None => PlanEdit::AddArea { code: a.code.clone(), title: a.title.clone() },
                        Some(code) => PlanEdit::RenameArea { code: code.clone(), title: a.title.clone() },
                    };
                    return self.submit(edit, org, lang);
                }
                if let Some(f) = &self.form {
                    let edit = match &f.original {
                        None => PlanEdit::AddTask(f.draft.clone()),
                        Some(code) => PlanEdit::UpdateTask { code: code.clone(), task: f.draft.clone() },
                    };
                    return self.submit(edit, org, lang);
                }
                let f = self.target.as_ref()?;
                let Some(value) = parse_number(&f.value) else {
                    let e = crate::error::Error::new("err-edit-value").arg("value", f.value.as_str());
                    self.error = Some((Field::TargetValue, e.message_in(lang)));
                    return None;
                };
                let draft = TargetDraft { value, ..f.draft.clone() };
                let edit = match &f.original {
                    None => PlanEdit::AddTarget(draft),
                    Some(code) => PlanEdit::UpdateTarget { code: code.clone(), target: draft },
                };
                self.submit(edit, org, lang)
            }
            Message::Delete => {
                if let Some(a) = self.area.as_mut() {
                    a.confirm_delete = a.original.is_some();
                } else if let Some(f) = self.form.as_mut() {
                    f.confirm_delete = f.original.is_some();
                } else if let Some(f) = self.target.as_mut() {
                    f.confirm_delete = f.original.is_some();
                }
                None
            }
            Message::ConfirmDelete => {
                if self.busy {
                    return None;
                }
                let edit = match (&self.form, &self.target) {
                    _ if self.area.is_some() => match self.area.as_ref().and_then(|a| a.original.clone()) {
                        Some(code) => PlanEdit::DeleteArea { code },
                        None => return None,
                    },
                    (Some(TaskForm { original: Some(code), .. }), _) => PlanEdit::DeleteTask { code: code.clone() },
                    (None, Some(TargetForm { original: Some(code), .. })) => PlanEdit::DeleteTarget { code: code.clone() },
                    _ => return None,
                };
                self.selected = None;
                self.submit(edit, org, lang)
            }
            Message::Cancel => {
                self.form = None;
                self.area = None;
                self.target = None;
                self.picker = None;
                self.error = None;
                None
            }
            Message::SelectTarget(code) => {
                let t = self.source()?.targets.iter().find(|t| t.code == code)?;
                let draft = target_draft(t);
                self.target = Some(TargetForm { original: Some(code), value: show_number(draft.value), draft, confirm_delete: false });
                self.error = None;
                None
            }
            Message::NewTarget => {
                let src = self.source()?;
                let mut n = src.targets.len() + 1;
                while src.targets.iter().any(|t| t.code == format!("CT{n}")) {
                    n += 1;
                }
                let draft = TargetDraft {
                    code: format!("CT{n}"),
                    text: String::new(),
                    kind: TargetKind::Rate,
                    comparator: Comparator::Ge,
                    value: 100.0,
                    unit: "%".into(),
                    numerator: String::new(),
                    denominator: String::new(),
                    applies_to: vec![],
                };
                self.target = Some(TargetForm { original: None, value: "100".into(), draft, confirm_delete: false });
                self.error = None;
                None
            }
            Message::TargetCode(c) => self.target_field(|f| f.draft.code = c.trim().to_owned()),
            Message::TargetText(s) => self.target_field(|f| f.draft.text = s),
            Message::TargetKind(k) => self.target_field(|f| {
                f.draft.kind = k;
                match k {
                    TargetKind::Rate => f.draft.unit = "%".into(),
                    TargetKind::YesNo => {
                        f.draft.unit.clear();
                        f.value = "1".into();
                    }
                    TargetKind::Value if f.draft.unit == "%" => f.draft.unit.clear(),
                    TargetKind::Value => {}
                }
            }),
            Message::Comparator(c) => self.target_field(|f| f.draft.comparator = c),
            Message::TargetValue(v) => self.target_field(|f| f.value = v),
            Message::TargetUnit(u) => self.target_field(|f| f.draft.unit = u),
            Message::Numerator(s) => self.target_field(|f| f.draft.numerator = s),
            Message::Denominator(s) => self.target_field(|f| f.draft.denominator = s),
            Message::ToggleKind(k) => self.target_field(|f| {
                if f.draft.applies_to.contains(&k) {
                    f.draft.applies_to.retain(|x| *x != k);
                } else {
                    f.draft.applies_to.push(k);
                    f.draft.applies_to.sort_by_key(|x| KINDS.iter().position(|y| y == x));
                }
            }),
            Message::HeaderNumber(s) => {
                self.header.0 = s;
                None
            }
            Message::HeaderDate(s) => {
                self.header.1 = s;
                None
            }
            Message::HeaderTitle(s) => {
                self.header.2 = s;
                None
            }
            Message::SaveHeader => {
                if self.busy {
                    return None;
                }
                let Some(date) = crate::i18n::parse_date(&self.header.1) else {
                    let e = crate::error::Error::new("err-bad-date").arg("value", self.header.1.as_str());
                    self.error = Some((Field::Header, e.message_in(lang)));
                    return None;
                };
                let (number, title) = (self.header.0.clone(), self.header.2.clone());
                self.submit(PlanEdit::Header { number, date, title }, org, lang)
            }
            Message::Use(id) => (!self.busy).then(|| {
                self.busy = true;
                Event::Use(id)
            }),
            Message::Year(y) => {
                self.year = y.chars().filter(char::is_ascii_digit).take(4).collect();
                None
            }
            Message::Rollover => {
                if self.busy {
                    return None;
                }
                match self.year.parse::<i32>().ok().filter(|y| (2000..=2100).contains(y)) {
                    Some(y) => {
                        self.busy = true;
                        self.error = None;
                        Some(Event::Rollover(y))
                    }
                    None => {
                        let e = crate::error::Error::new("err-bad-year").arg("value", self.year.as_str());
                        self.error = Some((Field::Whole, e.message_in(lang)));
                        None
                    }
                }
            }
            Message::Back => Some(Event::Back),
        }
    }

    fn task_field(&mut self, f: impl FnOnce(&mut TaskForm)) -> Option<Event> {
        if let Some(form) = self.form.as_mut() {
            f(form);
            form.confirm_delete = false;
        }
        None
    }

    fn target_field(&mut self, f: impl FnOnce(&mut TargetForm)) -> Option<Event> {
        if let Some(form) = self.target.as_mut() {
            f(form);
            form.confirm_delete = false;
        }
        None
    }
}

/// A long text cut for a one-line list.
fn clip(s: &str, n: usize) -> String {
    let cut: String = s.chars().take(n).collect();
    if cut.len() < s.len() { format!("{cut}…") } else { cut }
}

/// A recorded field's name, as the form labels it.
fn field_label(lang: Lang, op: &str, field: &str) -> String {
    let id = match field {
        "code" => "ui-plan-code",
        "area" => "ui-plan-area",
        "description" | "text" => "ui-plan-name",
        "products" => "ui-plan-products",
        "lead" => "role-lead",
        "coordinating" => "role-coordinating",
        "deadline" => "ui-plan-deadline",
        "manual_dates" => "ui-plan-manual",
        "kind" => "ui-plan-kind",
        "comparator" => "ui-plan-comparator",
        "value" => "ui-plan-value",
        "unit" => "ui-plan-unit",
        "numerator" => "ui-plan-numerator",
        "denominator" => "ui-plan-denominator",
        "applies_to" => "ui-plan-reporters",
        "number" => "ui-plan-col-number",
        "date" => "ui-plan-date",
        "title" if op == "rename-area" => "ui-plan-area-title",
        "title" => "ui-plan-plan-title",
        other => return other.to_owned(),
    };
    t(lang, id)
}

/// The message id naming a recorded edit's operation.
fn op_label(op: &str) -> &'static str {
    match op {
        "add-task" => "ui-plan-op-add-task",
        "update-task" => "ui-plan-op-update-task",
        "delete-task" => "ui-plan-op-delete-task",
        "move-task" => "ui-plan-op-move-task",
        "add-target" => "ui-plan-op-add-target",
        "update-target" => "ui-plan-op-update-target",
        "delete-target" => "ui-plan-op-delete-target",
        "add-area" => "ui-plan-op-add-area",
        "rename-area" => "ui-plan-op-rename-area",
        "delete-area" => "ui-plan-op-delete-area",
        _ => "ui-plan-op-header",
    }
}

/// The next area code: the next Roman numeral after Roman ones ("III"
/// after "II"), the next number after numbers, else the count plus one.
pub fn next_area_code(src: &PlanSource) -> String {
    const ROMAN: [&str; 20] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"];
    let codes: Vec<&str> = src.areas.iter().map(|a| a.code.as_str()).collect();
    let roman = codes.iter().filter_map(|c| ROMAN.iter().position(|r| r == c)).max();
    let number = codes.iter().filter_map(|c| c.parse::<usize>().ok()).max();
    let candidates: Vec<String> = match (roman, number) {
        (Some(r), None) => ROMAN[r + 1..].iter().map(|s| (*s).to_owned()).collect(),
        (None, None) if codes.is_empty() => vec!["I".into()],
        _ => (number.unwrap_or(codes.len()) + 1..).take(1000).map(|n| n.to_string()).collect(),
    };
    candidates.into_iter().find(|c| !codes.contains(&c.as_str())).unwrap_or_else(|| format!("{}", codes.len() + 1))
}

/// The next free code of `area`: "2.7" after "2.6", else "2.1"; a code
/// already taken gets the next number.
pub fn next_code(src: &PlanSource, area: &str) -> String {
    let last = src
        .tasks
        .iter()
        .filter(|t| t.area == area)
        .filter_map(|t| t.code.rsplit_once('.').and_then(|(p, n)| n.parse::<u32>().ok().map(|n| (p.to_owned(), n))))
        .max_by_key(|(_, n)| *n);
    let (prefix, mut n) = last.unwrap_or_else(|| (area.to_owned(), 0));
    loop {
        n += 1;
        let code = format!("{prefix}.{n}");
        if !src.tasks.iter().any(|t| t.code == code) {
            return code;
        }
    }
}

#[cfg(test)]
mod tests;
