//! Consolidation ("Tổng hợp"), the district's side: import the bundles the
//! units send (picked or dropped; each verified and merged on the worker
//! thread, with a result line per file), accept or register unit keys, and
//! see who sent what: the completeness matrix, the status matrix of a
//! quarter, the district's KPIs and the tasks done without evidence.

use std::collections::BTreeMap;
use std::path::PathBuf;

use iced::widget::{button, checkbox, container, pick_list, pin, scrollable, space, text, text_input, tooltip};
use iced::{Alignment, Color, Element, Length, Task};

mod view;

use super::dialog::Dialog;
use super::jobs::{Document, Merged, Work};
use super::reports::period_label;
use super::common::Choice;
use super::tasks::visible_range;
use super::{Quarters, first_run, format_stamp, quarter_label, style, t, ta};
use crate::crypto::sign::{PublicKey, fingerprint_of_hex};
use crate::bundle::MergeOutcome;
use crate::views::{self, Completeness, CompletenessRow, KpiSum, UnitClass};
use crate::domain::{Period, Plan, Status, TargetKind};
use crate::error::Result;
use crate::i18n::{Lang, format_number};
use crate::report::MatrixFormat;
use crate::store::bundles::{KeyRecord, MergedTask};
use crate::workspace::Workspace;

/// The confirming button of the dialogs (for tests and keyboard focus).
pub const CONFIRM_ID: &str = "district-confirm";

/// The scrolled body of the matrices (snapped back to the top when the filter changes).
pub const GRID_ID: &str = "district-grid";
/// The unit search box.
pub const SEARCH_ID: &str = "district-search";

/// Geometry of the matrices: the header row, a row, the frozen unit column,
/// a quarter's column and a task's column.
pub const HEAD_H: f32 = 52.0;
pub const ROW_H: f32 = 34.0;
pub const FIRST_W: f32 = 330.0;
pub const QUARTER_W: f32 = 160.0;
pub const TASK_W: f32 = 176.0;

/// Room kept on the right of scrolled lists (and their headers) for the scrollbar.
const SCROLLBAR_GAP: iced::Padding = iced::Padding { top: 0.0, right: 14.0, bottom: 0.0, left: 0.0 };

/// The views below the import area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Completeness,
    Status,
    Kpis,
    Missing,
    Keys,
}

impl Tab {
    /// The tab named `name` (`TIENDO_START_SCREEN=district:status`).
    pub fn from_name(name: &str) -> Option<Tab> {
        Some(match name {
            "completeness" => Tab::Completeness,
            "status" => Tab::Status,
            "kpis" => Tab::Kpis,
            "missing" => Tab::Missing,
            "keys" => Tab::Keys,
            _ => return None,
        })
    }

    const ALL: [Tab; 5] = [Tab::Completeness, Tab::Status, Tab::Kpis, Tab::Missing, Tab::Keys];

    fn label_id(self) -> &'static str {
        match self {
            Tab::Completeness => "ui-dist-tab-completeness",
            Tab::Status => "ui-dist-tab-status",
            Tab::Kpis => "ui-dist-tab-kpis",
            Tab::Missing => "ui-dist-tab-missing",
            Tab::Keys => "ui-dist-tab-keys",
        }
    }
}

/// The result of one imported file.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub file: PathBuf,
    pub result: std::result::Result<Merged, String>,
}

/// A quarantined key waiting for a person to compare its fingerprint.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pending {
    pub key_id: String,
    pub unit: String,
    /// The bundle that brought the key: merged again once the key is accepted.
    pub file: Option<PathBuf>,
    /// The unit already has another trusted key (its fingerprint): the
    /// clerk must phone the unit before accepting ([`OtherKey`]).
    pub other: OtherKey,
}

/// A key card to trust: one that names no unit (the unit is picked by
/// hand), or one whose unit already has another trusted key.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub file: PathBuf,
    pub key: PublicKey,
    pub query: String,
    pub choice: Option<String>,
    /// The chosen unit's other trusted key, if it has one.
    pub other: OtherKey,
}

/// A unit's trusted key other than the one being accepted: a new key while
/// another is trusted is the one situation where the clerk must stop and
/// phone the unit. Accepting then needs "I phoned and they confirmed" ticked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OtherKey {
    /// The fingerprint of the key already trusted.
    pub trusted: Option<String>,
    /// The clerk ticked that the unit confirmed the new key by phone.
    pub called: bool,
}

impl OtherKey {
    pub fn new(trusted: Option<String>) -> OtherKey {
        OtherKey { trusted, called: false }
    }

    /// Whether accepting may go ahead.
    pub fn cleared(&self) -> bool {
        self.trusted.is_none() || self.called
    }
}

/// A unit below the consolidating office, as the filters see it.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitInfo {
    pub code: String,
    pub name: String,
    pub class: UnitClass,
    pub parent: Option<String>,
    /// Name and code folded (no case, no diacritics), for the search box.
    key: String,
}

/// What the views show, read from the store.
#[derive(Debug, Clone, Default)]
pub struct Data {
    /// Every unit below the office, in plan order.
    pub units: Vec<UnitInfo>,
    /// Units below the office × Q1..Q4.
    pub completeness: Vec<CompletenessRow>,
    /// Tasks reported by some unit in the quarter: code, description.
    pub tasks: Vec<(String, String)>,
    /// Units that reported in the quarter, in plan order.
    pub reporting: Vec<String>,
    pub cells: BTreeMap<(String, String), MergedTask>,
    /// KPI figures summed over every unit, then per class of unit.
    pub kpis: Vec<KpiSum>,
    pub kpis_by_class: Vec<(UnitClass, Vec<KpiSum>)>,
    pub missing: Vec<MergedTask>,
    pub keys: Vec<KeyRecord>,
    /// Reviewed cells (task, unit): whether a request for more is still unanswered.
    pub reviewed: BTreeMap<(String, String), bool>,
    /// Position of each unit in `units`, by code.
    index: std::collections::HashMap<String, usize>,
}

impl Data {
    /// Reads the views of the units below `unit` for `period`.
    pub fn load(ws: &Workspace, unit: &str, period: Period) -> Result<Data> {
        let units: Vec<UnitInfo> = ws
            .plan
            .subtree(unit)
            .into_iter()
            .filter(|u| u.code != unit)
            .map(|u| UnitInfo {
                code: u.code.clone(),
                name: u.name.clone(),
                class: UnitClass::of(u),
                parent: u.parent.clone(),
                key: crate::text::fold(&format!("{} {}", u.name, u.code)),
            })
            .collect();
        let matrix = views::status_matrix(ws, period)?;
        let below = |c: &String| units.iter().any(|u| &u.code == c);
        let reporting: Vec<String> = matrix.units.iter().filter(|u| below(u)).cloned().collect();
        let tasks = matrix
            .tasks
            .iter()
            .filter(|tc| reporting.iter().any(|u| matrix.cell(tc, u).is_some()))
            .map(|tc| (tc.clone(), ws.plan.task(tc).map(|x| x.description.clone()).unwrap_or_default()))
            .collect();
        let missing = views::done_without_evidence(&matrix.cells).into_iter().cloned().collect();
        Ok(Data {
            index: units.iter().enumerate().map(|(i, u)| (u.code.clone(), i)).collect(),
            completeness: views::completeness(ws, unit)?,
            tasks,
            reporting,
            cells: matrix.cells,
            kpis: views::kpis_of(ws, period, &|u| units.iter().any(|x| x.code == u))?,
            kpis_by_class: views::kpis_by_class(ws, unit, period)?,
            units,
            missing,
            keys: ws.keys()?,
            reviewed: super::review::reviewed_cells(ws)?,
        })
    }

    fn unit(&self, code: &str) -> Option<&UnitInfo> {
        self.index.get(code).and_then(|i| self.units.get(*i))
    }
}

/// Which units the matrices show: a class of unit, the units under one
/// parent, and a search over names and codes (without diacritics).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UnitFilter {
    pub class: Option<UnitClass>,
    pub parent: Option<String>,
    pub search: String,
}

impl UnitFilter {
    /// The test the filter makes of each unit (the search folded once).
    pub fn test(&self) -> impl Fn(&UnitInfo) -> bool + '_ {
        let words = crate::text::fold(&self.search);
        move |u: &UnitInfo| {
            self.class.is_none_or(|c| c == u.class)
                && self.parent.as_ref().is_none_or(|p| u.parent.as_ref() == Some(p))
                && words.split_whitespace().all(|w| u.key.contains(w))
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == UnitFilter::default()
    }
}

/// Where the matrix is scrolled to and how much of it shows (from the
/// scrollable's reports; zero until the first one).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scroll {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

#[derive(Debug, Clone)]
pub struct State {
    pub quarters: Quarters,
    pub tab: Tab,
    pub lines: Vec<Line>,
    /// Bundles waiting to be merged, one job after the other.
    pub queue: Vec<PathBuf>,
    /// How many files the running import has (for "2/5").
    pub batch: usize,
    pub confirm_accept: Option<Pending>,
    pub card: Option<Card>,
    pub data: Data,
    pub filter: UnitFilter,
    pub scroll: Scroll,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Quarter(u32),
    Tab(Tab),
    Import,
    ImportKey,
    /// Save the matrix of the period: CSV, or the Excel workbook.
    ExportMatrix(MatrixFormat),
    ConsolidatedPdf,
    SendReceipts,
    /// A cell of the status matrix: review that unit's task (task, unit).
    Review(String, String),
    /// Write the feedback packages of every unit reviewed.
    SendFeedback,
    AskAccept(Pending),
    /// "I phoned the unit and it confirmed the new key" (a unit with another trusted key).
    Called(bool),
    ConfirmAccept,
    CancelAccept,
    CardQuery(String),
    CardUnit(String),
    ConfirmCard,
    CancelCard,
    ClearLines,
    /// The unit filters.
    Search(String),
    Class(Option<UnitClass>),
    Parent(Choice<String>),
    ClearFilter,
    /// The matrix was scrolled (offset and size of what shows).
    Scrolled(Scroll),
    /// The paths chosen in a file dialog (none when it was closed).
    Chosen(Pick, Vec<PathBuf>),
    /// The mouse wheel over the frozen unit column (`false`) or header row
    /// (`true`): the matrix scrolls as if it were over the body.
    Wheel(iced::mouse::ScrollDelta, bool),
}

/// What the consolidation screen asks the window for.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The rows or the tab changed: the matrix goes back to its top left.
    ToTop,
    /// The quarter changed: read the views again.
    Reload,
    /// Run this on the job worker (the matrix, the consolidated report, receipts, feedback).
    Run(Work),
    /// Import these bundles (queued, merged one after another).
    Import(Vec<PathBuf>),
    /// Register this key card.
    Card(PathBuf),
    /// Open the review dialog of a unit's task in the period (task, unit, period).
    Review(String, String, Period),
    Accept(Pending),
    Trust { unit: String, key: PublicKey },
}

/// What a file dialog of this screen was opened for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// Bundles to import (several).
    Bundles,
    /// A unit's key card to register.
    Card,
    /// Where to save the matrix of a period (CSV or Excel).
    Matrix(Period, MatrixFormat),
    /// The folder the receipts of a period are written to.
    Receipts(Period),
    /// The folder the feedback packages are written to.
    Feedback,
}

impl State {
    pub fn new(year: i32, quarter: u32) -> State {
        State {
            quarters: Quarters::new(year, quarter),
            tab: Tab::default(),
            lines: vec![],
            queue: vec![],
            batch: 0,
            confirm_accept: None,
            card: None,
            data: Data::default(),
            filter: UnitFilter::default(),
            scroll: Scroll::default(),
        }
    }

    /// Records the result of one file; a quarantined line of the same file
    /// (whose key was then accepted) is replaced.
    pub fn push_line(&mut self, line: Line) {
        self.lines.retain(|l| !(l.file == line.file && matches!(&l.result, Ok(m) if m.outcome == MergeOutcome::Quarantined)));
        self.lines.push(line);
    }

    fn to_top(&mut self) -> Option<Event> {
        self.scroll = Scroll { x: 0.0, y: 0.0, ..self.scroll };
        Some(Event::ToTop)
    }

    /// The completeness rows the filter lets through.
    pub fn shown_completeness(&self) -> Vec<&CompletenessRow> {
        let shows = self.filter.test();
        self.data.completeness.iter().filter(|r| self.data.unit(&r.unit).is_some_and(&shows)).collect()
    }

    /// The units of the status matrix the filter lets through.
    pub fn shown_reporting(&self) -> Vec<&UnitInfo> {
        let shows = self.filter.test();
        self.data.reporting.iter().filter_map(|c| self.data.unit(c)).filter(|u| shows(u)).collect()
    }

    /// Which rows and columns of a matrix of `rows` × `cols` (columns `col_w`
    /// wide) are built: those in view and a few around them.
    pub fn visible(&self, rows: usize, cols: usize, col_w: f32) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
        let s = self.scroll;
        let height = if s.height > 0.0 { s.height } else { 560.0 };
        let width = if s.width > 0.0 { s.width } else { 1000.0 };
        (visible_range(rows, s.y, height, ROW_H), visible_range(cols, s.x, width, col_w))
    }

    /// Handles a message: the dialog it opens, or what the window must do.
    pub fn update(&mut self, message: Message, lang: Lang) -> (Task<Message>, Option<Event>) {
        let ask = |dialog: Dialog, pick: Pick| (dialog.ask(move |paths| Message::Chosen(pick, paths)), None);
        let period = self.quarters.period();
        match message {
            Message::Import => ask(Dialog::open_many(t(lang, "ui-dist-import")).filter("Zip", &["zip"]), Pick::Bundles),
            Message::ImportKey => ask(Dialog::open(t(lang, "ui-dist-import-key")).filter("minisign", &["pub"]), Pick::Card),
            Message::ExportMatrix(format) => {
                let (title, kind, extensions): (&str, &'static str, &'static [&'static str]) = match format {
                    MatrixFormat::Csv => ("ui-dist-export-csv", "CSV", &["csv"]),
                    MatrixFormat::Xlsx => ("ui-dist-export-xlsx", "Excel", &["xlsx"]),
                };
                let name = format!("ma-tran-{period}.{}", format.extension());
                ask(Dialog::save(t(lang, title), name).filter(kind, extensions), Pick::Matrix(period, format))
            }
            Message::SendReceipts => ask(Dialog::folder(t(lang, "ui-receipts-send")), Pick::Receipts(period)),
            Message::SendFeedback => ask(Dialog::folder(t(lang, "ui-feedback-send")), Pick::Feedback),
            Message::Chosen(pick, paths) if !paths.is_empty() => (Task::none(), Some(chosen(pick, paths))),
            Message::Wheel(delta, across) => (iced::widget::operation::scroll_by(GRID_ID, wheel_offset(delta, across)), None),
            m => (Task::none(), self.event(m)),
        }
    }

    /// What a message changes here, and what the window must do.
    fn event(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Quarter(q) => {
                self.quarters.pick(q);
                Some(Event::Reload)
            }
            Message::Tab(tab) => {
                self.tab = tab;
                self.to_top()
            }
            Message::Search(q) => {
                self.filter.search = q;
                self.to_top()
            }
            Message::Class(c) => {
                self.filter.class = c;
                self.to_top()
            }
            Message::Parent(p) => {
                self.filter.parent = p.value;
                self.to_top()
            }
            Message::ClearFilter => {
                self.filter = UnitFilter::default();
                self.to_top()
            }
            Message::Scrolled(s) => {
                self.scroll = s;
                None
            }
            Message::ConsolidatedPdf => Some(Event::Run(Work::Document(Document::Consolidated, self.quarters.period()))),
            Message::Review(task, unit) => Some(Event::Review(task, unit, self.quarters.period())),
            // Handled by `update` (a dialog).
            Message::Import | Message::ImportKey | Message::ExportMatrix(_) | Message::SendReceipts | Message::SendFeedback | Message::Chosen(..) | Message::Wheel(..) => None,
            Message::AskAccept(p) => {
                self.confirm_accept = Some(p);
                None
            }
            Message::Called(on) => {
                if let Some(other) = self.confirm_accept.as_mut().map(|p| &mut p.other).or(self.card.as_mut().map(|c| &mut c.other)) {
                    other.called = on;
                }
                None
            }
            Message::ConfirmAccept => {
                if !self.confirm_accept.as_ref()?.other.cleared() {
                    return None;
                }
                self.confirm_accept.take().map(Event::Accept)
            }
            Message::CancelAccept => {
                self.confirm_accept = None;
                None
            }
            Message::CardQuery(q) => {
                if let Some(c) = self.card.as_mut() {
                    c.query = q;
                }
                None
            }
            Message::CardUnit(u) => {
                if let Some(c) = self.card.as_mut() {
                    c.choice = Some(u);
                }
                None
            }
            Message::ConfirmCard => {
                let unit = self.card.as_ref()?.choice.clone()?;
                if !self.card.as_ref()?.other.cleared() {
                    return None;
                }
                let card = self.card.take()?;
                Some(Event::Trust { unit, key: card.key })
            }
            Message::CancelCard => {
                self.card = None;
                None
            }
            Message::ClearLines => {
                self.lines.clear();
                None
            }
        }
    }
}

/// How far the body scrolls for a wheel movement over the frozen column
/// (down the rows) or the header (across the columns), as the body itself
/// would: 60 pixels a line, the other way round from the wheel.
fn wheel_offset(delta: iced::mouse::ScrollDelta, across: bool) -> scrollable::AbsoluteOffset {
    let (x, y) = match delta {
        iced::mouse::ScrollDelta::Lines { x, y } => (x * 60.0, y * 60.0),
        iced::mouse::ScrollDelta::Pixels { x, y } => (x, y),
    };
    if across {
        // The header scrolls sideways, whichever way the wheel turns.
        scrollable::AbsoluteOffset { x: -(if x != 0.0 { x } else { y }), y: 0.0 }
    } else {
        scrollable::AbsoluteOffset { x: -x, y: -y }
    }
}

/// What the paths chosen in a dialog ask for (at least one).
fn chosen(pick: Pick, mut paths: Vec<PathBuf>) -> Event {
    match pick {
        Pick::Bundles => Event::Import(paths),
        Pick::Card => Event::Card(paths.swap_remove(0)),
        Pick::Matrix(period, format) => Event::Run(Work::Matrix { period, format, file: paths.swap_remove(0) }),
        Pick::Receipts(period) => Event::Run(Work::Receipts { period, dir: paths.swap_remove(0) }),
        Pick::Feedback => Event::Run(Work::Feedback(paths.swap_remove(0))),
    }
}

#[cfg(test)]
mod tests;
