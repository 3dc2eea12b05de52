//! Settings → Kế hoạch: the plan editor (tasks: add, edit, delete, move
//! within and across areas; the deadline with a live preview of its dates
//! and dates by hand; lead and coordinating pickers of group phrases and
//! units), its targets, and the plans installed (switch, roll over a year).
//!
//! Each save is one [`PlanEdit`], checked here first (the error shows next
//! to its field) and stored by the save worker in one transaction.

use chrono::NaiveDate;
use iced::widget::{button, column, container, pick_list, row, scrollable, space, text, text_editor, text_input};
use iced::{Alignment, Element, Length};

use super::{Choice, style, t, ta};
use crate::domain::{Comparator, Plan, TargetKind, UnitKind};
use crate::i18n::{Lang, format_date};
use crate::org::{Org, kind_label};
use crate::plan::PlanSource;
use crate::plan::edit::{Field, Invalid, PlanEdit, TargetDraft, TaskDraft, apply, target_draft};
use crate::plan::years::PlanSummary;

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
    /// Put the keyboard in this box (the picker's search when it opens).
    Focus(&'static str),
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
                self.update(Message::Select(code.to_owned()), org, lang);
            }
            "target" => {
                self.tab = Tab::Targets;
                self.update(Message::SelectTarget(code.to_owned()), org, lang);
            }
            "new" => {
                self.update(Message::New, org, lang);
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

    pub fn update(&mut self, message: Message, org: &Org, lang: Lang) -> Option<Event> {
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
                Some(Event::Focus(PICKER_ID))
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

    // ---- view -----------------------------------------------------------

    pub fn view<'a>(&'a self, plan: &'a Plan, org: &'a Org, lang: Lang) -> Element<'a, Message> {
        let back = button(text(t(lang, "ui-org-back")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(Message::Back);
        let tab = |tab: Tab, id: &str| button(text(t(lang, id)).size(style::BODY)).padding([6, 16]).style(style::chip(self.tab == tab)).on_press(Message::Tab(tab));
        let tabs = row![tab(Tab::Tasks, "ui-plan-tab-tasks"), tab(Tab::Targets, "ui-plan-tab-targets"), tab(Tab::Plans, "ui-plan-tab-plans")].spacing(style::S8);
        let line = ta(lang, "ui-plan-line", &[("number", super::common::plan_label(plan).into()), ("year", plan.year.to_string().into())]);
        let body: Element<'a, Message> = match (self.tab, self.source()) {
            (_, None) => space().into(),
            (Tab::Tasks, Some(src)) => self.tasks_view(src, plan, org, lang),
            (Tab::Targets, Some(src)) => self.targets_view(src, lang),
            (Tab::Plans, Some(_)) => self.plans_view(plan, org, lang),
        };
        column![
            style::header(t(lang, "ui-plan-title"), back.into()),
            row![tabs, space::horizontal(), style::muted_text(line)].align_y(Alignment::Center),
            container(body).height(Length::Fill),
        ]
        .spacing(style::S12)
        .height(Length::Fill)
        .into()
    }

    /// A form's line: the label, the input and the error of `err` under it.
    fn field<'a>(&'a self, lang: Lang, id: &str, input: Element<'a, Message>, err: Field, align: Alignment) -> Element<'a, Message> {
        let mut c = column![input].spacing(4);
        if let Some(e) = self.error_for(err) {
            c = c.push(e);
        }
        row![text(t(lang, id)).size(style::BODY).font(style::BOLD).width(Length::Fixed(150.0)), c.width(Length::Fill)]
            .spacing(style::S12)
            .align_y(align)
            .into()
    }

    fn error_for(&self, field: Field) -> Option<Element<'_, Message>> {
        match &self.error {
            Some((f, e)) if *f == field => Some(text(e.clone()).size(style::SMALL).style(text::danger).into()),
            _ => None,
        }
    }

    fn tasks_view<'a>(&'a self, src: &'a PlanSource, plan: &'a Plan, org: &'a Org, lang: Lang) -> Element<'a, Message> {
        let mut list = column![].spacing(2);
        for a in &src.areas {
            let marked = self.area.as_ref().and_then(|f| f.original.as_deref()) == Some(a.code.as_str());
            list = list.push(
                button(row![text(format!("{}. {}", a.code, a.title)).size(style::SMALL).font(style::BOLD).width(Length::Fill), text("✎").size(style::SMALL).font(style::SYMBOLS)].spacing(6))
                    .width(Length::Fill)
                    .padding([3, 6])
                    .style(style::list_row(marked))
                    .on_press(Message::EditArea(a.code.clone())),
            );
            for task in src.tasks.iter().filter(|x| x.area == a.code) {
                let selected = self.selected.as_deref() == Some(task.code.as_str());
                let short = clip(&task.description, 70);
                let arrows = row![
                    button(text("▲").size(11).font(style::SYMBOLS)).padding([2, 6]).style(button::text).on_press_maybe((!self.busy).then(|| Message::Move(task.code.clone(), false))),
                    button(text("▼").size(11).font(style::SYMBOLS)).padding([2, 6]).style(button::text).on_press_maybe((!self.busy).then(|| Message::Move(task.code.clone(), true))),
                ];
                list = list.push(
                    row![
                        button(row![text(task.code.clone()).size(style::BODY).font(style::BOLD).width(Length::Fixed(46.0)), text(short).size(style::SMALL).width(Length::Fill)].spacing(6))
                            .width(Length::Fill)
                            .padding([4, 8])
                            .style(style::list_row(selected))
                            .on_press(Message::Select(task.code.clone())),
                        arrows,
                    ]
                    .align_y(Alignment::Center),
                );
            }
        }
        list = list.push(space().height(6)).push(
            button(text(t(lang, "ui-plan-add-area")).size(style::SMALL)).padding([4, 10]).style(button::secondary).on_press_maybe(self.area.is_none().then_some(Message::NewArea)),
        );
        let add = button(text(t(lang, "ui-plan-add-task")).size(style::BODY)).padding([6, 14]).on_press_maybe((self.form.is_none() && !src.areas.is_empty()).then_some(Message::New));
        let left = column![
            row![style::muted_text(ta(lang, "ui-plan-counts", &[("areas", src.areas.len().into()), ("tasks", src.tasks.len().into())])).width(Length::Fill), add]
                .align_y(Alignment::Center),
            scrollable(list.padding(iced::Padding { right: 12.0, ..iced::Padding::ZERO })).height(Length::Fill),
        ]
        .spacing(style::S8)
        .width(Length::FillPortion(2));
        let right: Element<'a, Message> = match (&self.area, &self.form) {
            (Some(a), _) => self.area_form(a, lang),
            (None, Some(f)) => scrollable(container(self.task_form(f, src, plan, org, lang)).padding(iced::Padding { right: 12.0, ..iced::Padding::ZERO }))
                .height(Length::Fill)
                .into(),
            (None, None) => {
                let hint = if src.areas.is_empty() { "ui-plan-no-area-hint" } else { "ui-plan-pick-hint" };
                let mut c = column![style::muted_text(t(lang, hint))].spacing(style::S8);
                if let Some(e) = self.error_for(Field::Whole) {
                    c = c.push(e);
                }
                c.into()
            }
        };
        row![left, container(right).width(Length::FillPortion(3)).height(Length::Fill)].spacing(20).height(Length::Fill).into()
    }

    fn task_form<'a>(&'a self, f: &'a TaskForm, src: &'a PlanSource, plan: &'a Plan, org: &'a Org, lang: Lang) -> Element<'a, Message> {
        let field = |id: &str, input: Element<'a, Message>, err: Field| self.field(lang, id, input, err, Alignment::Start);
        let title = match &f.original {
            Some(c) => ta(lang, "ui-plan-edit-task", &[("code", c.as_str().into())]),
            None => t(lang, "ui-plan-new-task"),
        };
        let areas: Vec<Choice<String>> = src.areas.iter().map(|a| Choice::new(Some(a.code.clone()), format!("{}. {}", a.code, a.title))).collect();
        let area = areas.iter().find(|c| c.value.as_deref() == Some(f.draft.area.as_str())).cloned();
        let agencies = |role: Role, phrases: &'a [String]| -> Element<'a, Message> {
            let mut chips = row![].spacing(6);
            for p in phrases {
                let count = self.groups.iter().find(|(g, _)| g == p).map(|(_, c)| c.len());
                let label = match count {
                    Some(n) => ta(lang, "ui-plan-group-chip", &[("phrase", p.as_str().into()), ("count", n.into())]),
                    None => p.clone(),
                };
                chips = chips.push(
                    button(row![text(label).size(style::SMALL), text("×").size(style::SMALL)].spacing(6))
                        .padding([3, 10])
                        .style(style::chip(true))
                        .on_press(Message::RemoveAgency(role, p.clone())),
                );
            }
            chips = chips.push(button(text(t(lang, "ui-plan-add-agency")).size(style::SMALL)).padding([3, 10]).style(button::secondary).on_press(Message::OpenPicker(role)));
            let mut c = column![chips.wrap()].spacing(6);
            if self.picker == Some(role) {
                c = c.push(self.picker_view(plan, org, lang));
            }
            c.into()
        };
        let schedule = crate::plan::task_schedule(&f.draft.deadline, &f.draft.manual_dates, src.year);
        let preview: Element<'a, Message> = if f.draft.deadline.trim().is_empty() && f.draft.manual_dates.is_empty() {
            style::muted_text(t(lang, "ui-plan-deadline-empty")).into()
        } else if schedule.unparsed && schedule.milestones.is_empty() {
            text(format!("→ {}", t(lang, "ui-plan-unparsed"))).size(style::BODY).style(text::danger).into()
        } else {
            let words = super::common::schedule_words(lang, &schedule);
            let source = if f.draft.manual_dates.is_empty() { "ui-plan-preview-read" } else { "ui-plan-preview-manual" };
            column![
                text(format!("→ {}", words.join(", "))).size(style::BODY).font(style::BOLD).style(|th: &iced::Theme| text::Style { color: Some(th.palette().primary) }),
                style::muted_text(ta(lang, source, &[("year", src.year.to_string().into())])).size(style::SMALL),
            ]
            .spacing(2)
            .into()
        };
        let mut dates = row![].spacing(6);
        for d in &f.draft.manual_dates {
            dates = dates.push(
                button(row![text(format_date(*d)).size(style::SMALL), text("×").size(style::SMALL)].spacing(6)).padding([3, 10]).style(style::chip(true)).on_press(Message::RemoveDate(*d)),
            );
        }
        let date_input = row![
            text_input(&t(lang, "ui-plan-date-hint"), &f.date).id(DATE_ID).on_input(Message::DateText).on_submit(Message::AddDate).padding(6).width(Length::Fixed(150.0)),
            button(text(t(lang, "ui-plan-add-date")).size(style::SMALL)).padding([5, 10]).style(button::secondary).on_press(Message::AddDate),
            dates.wrap(),
        ]
        .spacing(style::S8)
        .align_y(Alignment::Center);
        let mut col = column![
            text(title).size(style::TITLE).font(style::BOLD),
            field("ui-plan-code", text_input("1.1", &f.draft.code).id(CODE_ID).on_input(Message::Code).padding(6).width(Length::Fixed(140.0)).into(), Field::Code),
            field("ui-plan-area", pick_list(areas.clone(), area, Message::Area).text_size(style::BODY).width(Length::Fill).into(), Field::Area),
            field(
                "ui-plan-name",
                text_editor(&self.name).id(NAME_ID).placeholder(t(lang, "ui-plan-name-hint")).on_action(Message::Name).height(Length::Fixed(84.0)).padding(6).size(style::BODY).into(),
                Field::Description
            ),
            field("ui-plan-products", text_input(&t(lang, "ui-plan-products-hint"), &f.products).on_input(Message::Products).padding(6).into(), Field::Whole),
            field("role-lead", agencies(Role::Lead, &f.draft.lead), Field::Lead),
            field("role-coordinating", agencies(Role::Coordinating, &f.draft.coordinating), Field::Coordinating),
            field(
                "ui-plan-deadline",
                column![text_input(&t(lang, "ui-plan-deadline-hint"), &f.draft.deadline).id(DEADLINE_ID).on_input(Message::Deadline).padding(6), preview].spacing(6).into(),
                Field::Deadline
            ),
            field("ui-plan-manual", column![date_input, style::muted_text(t(lang, "ui-plan-manual-hint")).size(style::SMALL)].spacing(4).into(), Field::ManualDates),
        ]
        .spacing(style::S12);
        if let Some(e) = self.error_for(Field::Whole) {
            col = col.push(container(e).padding(8).width(Length::Fill).style(style::banner(true)));
        }
        col.push(self.actions(f.original.as_deref(), f.confirm_delete, "ui-plan-delete-task-q", lang)).into()
    }

    fn area_form<'a>(&'a self, a: &'a AreaForm, lang: Lang) -> Element<'a, Message> {
        let field = |id: &str, input: Element<'a, Message>, err: Field| self.field(lang, id, input, err, Alignment::Center);
        let title = match &a.original {
            Some(c) => ta(lang, "ui-plan-edit-area", &[("code", c.as_str().into())]),
            None => t(lang, "ui-plan-new-area"),
        };
        let mut code = text_input("II", &a.code).padding(6).width(Length::Fixed(140.0));
        if a.original.is_none() {
            code = code.on_input(Message::AreaCode);
        }
        let mut col = column![
            text(title).size(style::TITLE).font(style::BOLD),
            field("ui-plan-code", code.into(), Field::AreaCode),
            field("ui-plan-area-title", text_input(&t(lang, "ui-plan-area-hint"), &a.title).on_input(Message::AreaTitle).on_submit(Message::Save).padding(6).into(), Field::AreaTitle),
        ]
        .spacing(style::S12);
        if let Some(e) = self.error_for(Field::Whole) {
            col = col.push(container(e).padding(8).width(Length::Fill).style(style::banner(true)));
        }
        col.push(self.actions(a.original.as_deref(), a.confirm_delete, "ui-plan-delete-area-q", lang)).into()
    }

    /// Delete (asked once more), cancel and save, for a form of `original` (none: new).
    fn actions<'a>(&'a self, original: Option<&str>, confirm: bool, question: &str, lang: Lang) -> Element<'a, Message> {
        let save = button(text(t(lang, SAVE_LABEL)).size(style::BODY)).padding([6, 16]).on_press_maybe((!self.busy).then_some(Message::Save));
        let cancel = button(text(t(lang, "ui-cancel")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(Message::Cancel);
        let delete = button(text(t(lang, "ui-plan-delete")).size(style::BODY)).padding([6, 14]).style(button::danger);
        let r = if confirm {
            row![
                text(ta(lang, question, &[("code", original.unwrap_or_default().into())])).size(style::BODY).width(Length::Fill),
                cancel,
                delete.on_press_maybe((!self.busy).then_some(Message::ConfirmDelete)),
            ]
        } else {
            let mut r = row![];
            if original.is_some() {
                r = r.push(delete.on_press(Message::Delete));
            }
            r.push(space::horizontal()).push(cancel).push(save)
        };
        r.spacing(style::S8).align_y(Alignment::Center).into()
    }

    /// Group phrases and units matching the search, to add to an agency list.
    fn picker_view<'a>(&'a self, plan: &'a Plan, org: &'a Org, lang: Lang) -> Element<'a, Message> {
        let q = crate::text::fold(self.query.trim());
        let matches = |s: &str| q.is_empty() || crate::text::fold(s).contains(&q);
        let mut list = column![].spacing(2);
        let mut shown = 0;
        for (phrase, codes) in &self.groups {
            if matches(phrase) {
                shown += 1;
                list = list.push(
                    button(
                        row![
                            text("◈").size(style::SMALL).font(style::SYMBOLS),
                            text(phrase.clone()).size(style::BODY).width(Length::Fill),
                            style::muted_text(ta(lang, "ui-plan-group-units", &[("count", codes.len().into())])).size(style::SMALL)
                        ]
                        .spacing(6),
                    )
                    .width(Length::Fill)
                    .padding([4, 8])
                    .style(style::list_row(false))
                    .on_press(Message::Pick(phrase.clone())),
                );
            }
        }
        let retired = org.retired();
        for u in plan.units.iter().filter(|u| !retired.contains(&u.code)) {
            if matches(&u.name) || matches(&u.code) {
                shown += 1;
                list = list.push(
                    button(
                        row![
                            text(u.name.clone()).size(style::BODY).width(Length::Fill),
                            style::muted_text(t(lang, kind_label(u.kind))).size(style::SMALL)
                        ]
                        .spacing(6),
                    )
                    .width(Length::Fill)
                    .padding([4, 8])
                    .style(style::list_row(false))
                    .on_press(Message::Pick(u.name.clone())),
                );
            }
        }
        let mut head = row![
            text_input(&t(lang, "ui-plan-picker-hint"), &self.query).id(PICKER_ID).on_input(Message::Query).on_submit(Message::Pick(self.query.clone())).padding(6),
        ]
        .spacing(style::S8)
        .align_y(Alignment::Center);
        if !self.query.trim().is_empty() {
            head = head.push(button(text(ta(lang, "ui-plan-picker-typed", &[("phrase", self.query.trim().into())])).size(style::SMALL)).padding([5, 10]).style(button::secondary).on_press(Message::Pick(self.query.clone())));
        }
        head = head.push(button(text("×").size(style::BODY)).padding([4, 10]).style(button::text).on_press(Message::ClosePicker));
        let body: Element<'a, Message> = if shown == 0 {
            style::muted_text(t(lang, "ui-plan-picker-none")).into()
        } else {
            scrollable(list.padding(iced::Padding { right: 12.0, ..iced::Padding::ZERO })).height(Length::Fixed(220.0)).into()
        };
        container(column![head, body].spacing(6)).padding(10).width(Length::Fill).style(style::card).into()
    }

    fn targets_view<'a>(&'a self, src: &'a PlanSource, lang: Lang) -> Element<'a, Message> {
        let mut list = column![].spacing(2);
        for tg in &src.targets {
            let selected = self.target.as_ref().and_then(|f| f.original.as_deref()) == Some(tg.code.as_str());
            let d = target_draft(tg);
            let goal = format!("{} {} {}", d.comparator.symbol(), show_number(d.value), d.unit).trim().to_owned();
            list = list.push(
                button(
                    row![
                        text(tg.code.clone()).size(style::BODY).font(style::BOLD).width(Length::Fixed(56.0)),
                        text(tg.text.clone()).size(style::SMALL).width(Length::Fill),
                        text(goal).size(style::BODY).width(Length::Fixed(90.0)),
                    ]
                    .spacing(6),
                )
                .width(Length::Fill)
                .padding([4, 8])
                .style(style::list_row(selected))
                .on_press(Message::SelectTarget(tg.code.clone())),
            );
        }
        let add = button(text(t(lang, "ui-plan-add-target")).size(style::BODY)).padding([6, 14]).on_press_maybe(self.target.is_none().then_some(Message::NewTarget));
        let left = column![
            row![style::muted_text(ta(lang, "ui-plan-target-count", &[("count", src.targets.len().into())])).width(Length::Fill), add].align_y(Alignment::Center),
            scrollable(list.padding(iced::Padding { right: 12.0, ..iced::Padding::ZERO })).height(Length::Fill),
        ]
        .spacing(style::S8)
        .width(Length::FillPortion(2));
        let right: Element<'a, Message> = match &self.target {
            Some(f) => scrollable(container(self.target_form(f, lang)).padding(iced::Padding { right: 12.0, ..iced::Padding::ZERO })).height(Length::Fill).into(),
            None => style::muted_text(t(lang, "ui-plan-pick-target-hint")).into(),
        };
        row![left, container(right).width(Length::FillPortion(3)).height(Length::Fill)].spacing(20).height(Length::Fill).into()
    }

    fn target_form<'a>(&'a self, f: &'a TargetForm, lang: Lang) -> Element<'a, Message> {
        let field = |id: &str, input: Element<'a, Message>, err: Field| self.field(lang, id, input, err, Alignment::Center);
        let chip = |label: String, on: bool, m: Message| button(text(label).size(style::BODY)).padding([4, 12]).style(style::chip(on)).on_press(m);
        let kinds = row![
            chip(t(lang, "ui-plan-kind-rate"), f.draft.kind == TargetKind::Rate, Message::TargetKind(TargetKind::Rate)),
            chip(t(lang, "ui-plan-kind-value"), f.draft.kind == TargetKind::Value, Message::TargetKind(TargetKind::Value)),
            chip(t(lang, "ui-plan-kind-yes-no"), f.draft.kind == TargetKind::YesNo, Message::TargetKind(TargetKind::YesNo)),
        ]
        .spacing(6);
        let comparators = row(COMPARATORS.iter().map(|c| {
            button(text(c.symbol()).size(style::BODY).font(style::SYMBOLS)).padding([4, 14]).style(style::chip(f.draft.comparator == *c)).on_press(Message::Comparator(*c)).into()
        }))
        .spacing(6);
        let reporters = row(KINDS.iter().map(|k| chip(t(lang, kind_label(*k)), f.draft.applies_to.contains(k), Message::ToggleKind(*k)).into())).spacing(6);
        let title = match &f.original {
            Some(c) => ta(lang, "ui-plan-edit-target", &[("code", c.as_str().into())]),
            None => t(lang, "ui-plan-new-target"),
        };
        let mut col = column![
            text(title).size(style::TITLE).font(style::BOLD),
            field("ui-plan-code", text_input("3.1", &f.draft.code).on_input(Message::TargetCode).padding(6).width(Length::Fixed(140.0)).into(), Field::TargetCode),
            field("ui-plan-name", text_input(&t(lang, "ui-plan-target-hint"), &f.draft.text).on_input(Message::TargetText).padding(6).into(), Field::TargetText),
            field("ui-plan-kind", kinds.into(), Field::Whole),
            field("ui-plan-comparator", comparators.into(), Field::Whole),
            field(
                "ui-plan-value",
                row![
                    text_input("98", &f.value).id(VALUE_ID).on_input(Message::TargetValue).on_submit(Message::Save).padding(6).width(Length::Fixed(120.0)),
                    text(t(lang, "ui-plan-unit")).size(style::BODY),
                    text_input("%", &f.draft.unit).on_input(Message::TargetUnit).padding(6).width(Length::Fixed(140.0)),
                ]
                .spacing(style::S8)
                .align_y(Alignment::Center)
                .into(),
                if matches!(&self.error, Some((Field::TargetUnit, _))) { Field::TargetUnit } else { Field::TargetValue },
            ),
        ]
        .spacing(style::S12);
        if f.draft.kind == TargetKind::Rate {
            col = col
                .push(field("ui-plan-numerator", text_input(&t(lang, "ui-plan-numerator-hint"), &f.draft.numerator).on_input(Message::Numerator).padding(6).into(), Field::Whole))
                .push(field("ui-plan-denominator", text_input(&t(lang, "ui-plan-denominator-hint"), &f.draft.denominator).on_input(Message::Denominator).padding(6).into(), Field::Whole));
        }
        col = col.push(field("ui-plan-reporters", column![reporters.wrap().vertical_spacing(6), style::muted_text(t(lang, "ui-plan-reporters-hint")).size(style::SMALL)].spacing(4).into(), Field::Whole));
        if let Some(e) = self.error_for(Field::Whole) {
            col = col.push(container(e).padding(8).width(Length::Fill).style(style::banner(true)));
        }
        col.push(self.actions(f.original.as_deref(), f.confirm_delete, "ui-plan-delete-target-q", lang)).into()
    }

    fn plans_view<'a>(&'a self, plan: &'a Plan, org: &'a Org, lang: Lang) -> Element<'a, Message> {
        let head = |id: &str, w: f32| text(t(lang, id)).size(style::SMALL).font(style::BOLD).width(Length::Fixed(w));
        let mut table = column![row![
            head("ui-plan-col-number", 170.0),
            head("ui-plan-col-year", 60.0),
            text(t(lang, "ui-plan-col-issuer")).size(style::SMALL).font(style::BOLD).width(Length::Fill),
            head("ui-plan-col-tasks", 80.0),
            space().width(Length::Fixed(190.0)),
        ]
        .spacing(style::S12)]
        .spacing(6);
        for p in &self.plans {
            let issuer = org.unit(&p.issuer).map(|u| u.name.clone()).or_else(|| plan.unit(&p.issuer).map(|u| u.name.clone())).unwrap_or_else(|| p.issuer.clone());
            let number = if p.number.is_empty() { p.id.clone() } else { p.number.clone() };
            let action: Element<'a, Message> = if p.active {
                style::pill(t(lang, "ui-plan-active"), style::DONE)
            } else {
                button(text(t(lang, "ui-plan-use")).size(style::SMALL)).padding([4, 12]).on_press_maybe((!self.busy).then(|| Message::Use(p.id.clone()))).into()
            };
            table = table.push(
                container(
                    row![
                        text(number).size(style::BODY).font(if p.active { style::BOLD } else { style::FONT }).width(Length::Fixed(170.0)),
                        text(p.year.to_string()).size(style::BODY).width(Length::Fixed(60.0)),
                        text(issuer).size(style::BODY).width(Length::Fill),
                        text(p.tasks.to_string()).size(style::BODY).width(Length::Fixed(80.0)),
                        container(action).width(Length::Fixed(190.0)),
                    ]
                    .spacing(style::S12)
                    .align_y(Alignment::Center),
                )
                .padding([6, 8])
                .style(style::card),
            );
        }
        let rollover = column![
            style::muted_text(ta(lang, "ui-plan-rollover-hint", &[("year", plan.year.to_string().into())])),
            row![
                text(t(lang, "ui-plan-rollover-year")).size(style::BODY),
                text_input("2027", &self.year).id(YEAR_ID).on_input(Message::Year).on_submit(Message::Rollover).padding(6).width(Length::Fixed(90.0)),
                button(text(ta(lang, "ui-plan-rollover", &[("year", self.year.as_str().into())])).size(style::BODY)).padding([6, 14]).on_press_maybe((!self.busy).then_some(Message::Rollover)),
            ]
            .spacing(style::S12)
            .align_y(Alignment::Center),
        ]
        .spacing(style::S8);
        let label = |id: &str| text(t(lang, id)).size(style::BODY).width(Length::Fixed(150.0));
        let mut header = column![
            row![
                label("ui-plan-col-number"),
                text_input("12/KH-UBND", &self.header.0).on_input(Message::HeaderNumber).on_submit(Message::SaveHeader).padding(6).width(Length::Fixed(200.0)),
                text(t(lang, "ui-plan-date")).size(style::BODY),
                text_input("dd/mm/yyyy", &self.header.1).on_input(Message::HeaderDate).on_submit(Message::SaveHeader).padding(6).width(Length::Fixed(130.0)),
            ]
            .spacing(style::S12)
            .align_y(Alignment::Center),
            row![
                label("ui-plan-plan-title"),
                text_input("", &self.header.2).on_input(Message::HeaderTitle).on_submit(Message::SaveHeader).padding(6),
                button(text(t(lang, SAVE_LABEL)).size(style::BODY)).padding([6, 16]).on_press_maybe((!self.busy).then_some(Message::SaveHeader)),
            ]
            .spacing(style::S12)
            .align_y(Alignment::Center),
        ]
        .spacing(style::S8);
        if let Some(e) = self.error_for(Field::Header) {
            header = header.push(e);
        }
        let mut page = column![
            style::section(t(lang, "ui-plan-current"), header),
            style::section(t(lang, "ui-plan-installed"), table),
            style::section(t(lang, "ui-plan-rollover-title"), rollover),
        ]
        .spacing(style::S12);
        if let Some(e) = self.error_for(Field::Whole) {
            page = page.push(container(e).padding(8).width(Length::Fill).style(style::banner(true)));
        }
        if let Some(r) = &self.rolled {
            let mut list = column![].spacing(4);
            for (code, desc, units) in &r.unfinished {
                list = list.push(
                    row![
                        text(code.clone()).size(style::BODY).font(style::BOLD).width(Length::Fixed(56.0)),
                        text(desc.clone()).size(style::SMALL).width(Length::FillPortion(3)),
                        style::muted_text(units.clone()).size(style::SMALL).width(Length::FillPortion(2)),
                    ]
                    .spacing(style::S8),
                );
            }
            let title = ta(lang, "ui-plan-rolled", &[("year", r.year.to_string().into()), ("count", r.unfinished.len().into())]);
            let body: Element<'a, Message> = if r.unfinished.is_empty() { style::muted_text(t(lang, "ui-plan-rolled-none")).into() } else { list.into() };
            page = page.push(style::section(title, body));
        }
        if !self.edits.is_empty() {
            let mut list = column![].spacing(4);
            for e in self.edits.iter().take(12) {
                let what = if e.field.is_empty() || e.field == "position" {
                    clip(if e.new.is_empty() { &e.old } else { &e.new }, 60)
                } else {
                    format!("{}: «{}» → «{}»", field_label(lang, &e.op, &e.field), clip(&e.old, 60), clip(&e.new, 60))
                };
                list = list.push(
                    row![
                        style::muted_text(format!("{} · {}", super::format_stamp(&e.at), e.by)).size(style::SMALL).width(Length::Fixed(230.0)),
                        text(if e.op == "update-header" { t(lang, op_label(&e.op)) } else { format!("{} {}", t(lang, op_label(&e.op)), e.code) }).size(style::SMALL).font(style::BOLD).width(Length::Fixed(210.0)),
                        text(what).size(style::SMALL).width(Length::Fill),
                    ]
                    .spacing(style::S8),
                );
            }
            page = page.push(style::section(t(lang, "ui-plan-edits"), list));
        }
        scrollable(page.padding(iced::Padding { right: 14.0, ..iced::Padding::ZERO })).height(Length::Fill).into()
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
mod tests {
    use super::*;

    fn state() -> (State, Org) {
        let src = crate::plan::builtin_source();
        let org = Org::from_plan_units(&src.id, &src.units).unwrap();
        let mut s = State::default();
        s.load(src, &org, vec![], vec![]);
        (s, org)
    }

    #[test]
    fn a_new_task_gets_the_next_code_and_a_bad_one_stays_in_the_form() {
        let (mut s, org) = state();
        s.update(Message::Select("2.1".into()), &org, Lang::Vi);
        s.update(Message::Cancel, &org, Lang::Vi);
        s.update(Message::New, &org, Lang::Vi);
        let f = s.form.clone().unwrap();
        assert_eq!((f.draft.area.as_str(), f.original), ("2", None));
        assert!(!crate::plan::builtin_source().tasks.iter().any(|t| t.code == f.draft.code), "{}", f.draft.code);
        // Nothing typed: the name is missing, shown next to its field.
        assert_eq!(s.update(Message::Save, &org, Lang::Vi), None);
        assert_eq!(s.error.as_ref().map(|(f, _)| *f), Some(Field::Description));
        s.update(Message::Name(text_editor::Action::Edit(text_editor::Edit::Paste(std::sync::Arc::new("Rà soát văn bản".into())))), &org, Lang::Vi);
        assert_eq!(s.form.as_ref().unwrap().draft.description, "Rà soát văn bản");
        s.update(Message::OpenPicker(Role::Lead), &org, Lang::Vi);
        s.update(Message::Pick("Phòng Tư pháp".into()), &org, Lang::Vi);
        s.update(Message::Deadline("Quý II".into()), &org, Lang::Vi);
        let Some(Event::Save(PlanEdit::AddTask(d))) = s.update(Message::Save, &org, Lang::Vi) else { panic!("a save") };
        assert_eq!(d.lead, vec!["Phòng Tư pháp".to_owned()]);
        assert!(s.busy);
        assert_eq!(s.update(Message::Save, &org, Lang::Vi), None, "one save at a time");
    }

    #[test]
    fn moving_up_at_the_top_of_an_area_goes_to_the_end_of_the_one_before() {
        let (mut s, org) = state();
        let src = s.source.clone().unwrap();
        let first2 = src.tasks.iter().find(|t| t.area == "2").unwrap().code.clone();
        assert_eq!(s.update(Message::Move(first2.clone(), false), &org, Lang::Vi), Some(Event::Save(PlanEdit::MoveTask { code: first2, area: "1".into(), index: usize::MAX })));
        s.busy = false;
        let last1 = src.tasks.iter().filter(|t| t.area == "1").last().unwrap().code.clone();
        assert_eq!(s.update(Message::Move(last1.clone(), true), &org, Lang::Vi), Some(Event::Save(PlanEdit::MoveTask { code: last1, area: "2".into(), index: 0 })));
    }

    #[test]
    fn area_codes_follow_the_plan_s_numbering() {
        let mut src = crate::plan::builtin_source();
        assert_eq!(next_area_code(&src), "8", "the built-in plan numbers its areas 1..7");
        src.areas.clear();
        assert_eq!(next_area_code(&src), "I");
        src.areas.push(crate::plan::source::AreaSource { code: "I".into(), title: "A".into() });
        src.areas.push(crate::plan::source::AreaSource { code: "II".into(), title: "B".into() });
        assert_eq!(next_area_code(&src), "III");
    }

    #[test]
    fn numbers_are_read_as_typed() {
        assert_eq!(parse_number("98,5"), Some(98.5));
        assert_eq!(parse_number(" 100 "), Some(100.0));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("mười"), None);
        let (mut s, org) = state();
        s.update(Message::NewTarget, &org, Lang::Vi);
        s.update(Message::TargetText("Tỷ lệ".into()), &org, Lang::Vi);
        s.update(Message::TargetValue("chín mươi".into()), &org, Lang::Vi);
        assert_eq!(s.update(Message::Save, &org, Lang::Vi), None);
        assert_eq!(s.error.as_ref().map(|(f, _)| *f), Some(Field::TargetValue));
        assert!(s.error.as_ref().unwrap().1.contains("chín mươi"));
    }
}
