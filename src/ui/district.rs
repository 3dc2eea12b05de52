//! Consolidation ("Tổng hợp"), the district's side: import the bundles the
//! units send (picked or dropped; each verified and merged on the worker
//! thread, with a result line per file), accept or register unit keys, and
//! see who sent what: the completeness matrix, the status matrix of a
//! quarter, the district's KPIs and the tasks done without evidence.

use std::collections::BTreeMap;
use std::path::PathBuf;

use iced::widget::{button, column, container, row, scrollable, space, text, tooltip};
use iced::{Alignment, Color, Element, Length};

use super::jobs::Merged;
use super::reports::period_label;
use super::{Quarters, first_run, format_stamp, quarter_label, style, t, ta};
use crate::crypto::sign::{PublicKey, fingerprint_of_hex};
use crate::bundle::MergeOutcome;
use crate::views::{self, Completeness};
use crate::domain::{Figure, KpiState, Period, Plan, Status, Target, TargetKind};
use crate::error::Result;
use crate::i18n::{Lang, format_number};
use crate::report::MatrixFormat;
use crate::store::bundles::{KeyRecord, MergedTask};
use crate::workspace::Workspace;

/// The confirming button of the dialogs (for tests and keyboard focus).
pub const CONFIRM_ID: &str = "district-confirm";

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
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub key_id: String,
    pub unit: String,
    /// The bundle that brought the key: merged again once the key is accepted.
    pub file: Option<PathBuf>,
}

/// A key card that names no unit: the unit is picked by hand.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub file: PathBuf,
    pub key: PublicKey,
    pub query: String,
    pub choice: Option<String>,
}

/// What the views show, read from the store.
#[derive(Debug, Clone, Default)]
pub struct Data {
    /// Units below the district: code, name, Q1..Q4.
    pub completeness: Vec<(String, String, Vec<Completeness>)>,
    /// Tasks reported by some unit in the quarter: code, description.
    pub tasks: Vec<(String, String)>,
    /// Units that reported in the quarter: code, name.
    pub units: Vec<(String, String)>,
    pub cells: BTreeMap<(String, String), MergedTask>,
    pub kpis: Vec<(Target, Option<Figure>, KpiState)>,
    pub missing: Vec<MergedTask>,
    pub keys: Vec<KeyRecord>,
}

impl Data {
    /// Reads the views of the units below `unit` for `period`.
    pub fn load(ws: &Workspace, unit: &str, period: Period) -> Result<Data> {
        let name = |code: &str| ws.plan.unit(code).map(|u| u.name.clone()).unwrap_or_else(|| code.to_owned());
        let completeness = views::completeness(ws, unit)?.into_iter().map(|(u, c)| (u.clone(), name(&u), c)).collect();
        let (tasks, units, cells) = views::status_matrix(ws, period)?;
        let tasks = tasks
            .into_iter()
            .filter(|tc| units.iter().any(|u| cells.contains_key(&(tc.clone(), u.clone()))))
            .map(|tc| {
                let d = ws.plan.task(&tc).map(|x| x.description.clone()).unwrap_or_default();
                (tc, d)
            })
            .collect();
        let missing = views::done_without_evidence(&cells).into_iter().cloned().collect();
        Ok(Data {
            completeness,
            tasks,
            units: units.iter().map(|u| (u.clone(), name(u))).collect(),
            cells,
            kpis: views::district_kpis(ws, period)?,
            missing,
            keys: ws.keys()?,
        })
    }
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
    AskAccept(Pending),
    ConfirmAccept,
    CancelAccept,
    CardQuery(String),
    CardUnit(String),
    ConfirmCard,
    CancelCard,
    ClearLines,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The quarter changed: read the views again.
    Reload,
    /// Ask which bundles to import.
    PickBundles,
    /// Ask which key card to register.
    PickCard,
    /// Ask where to save the matrix of the period, as CSV or Excel.
    SaveMatrix(Period, MatrixFormat),
    /// Ask for a folder, then write the receipts of the period there (one per unit).
    SendReceipts(Period),
    /// Make the consolidated report of the period and open it.
    OpenConsolidated(Period),
    Accept(Pending),
    Trust { unit: String, key: PublicKey },
}

impl State {
    pub fn new(year: i32, quarter: u32) -> State {
        State { quarters: Quarters::new(year, quarter), tab: Tab::default(), lines: vec![], queue: vec![], batch: 0, confirm_accept: None, card: None, data: Data::default() }
    }

    /// Records the result of one file; a quarantined line of the same file
    /// (whose key was then accepted) is replaced.
    pub fn push_line(&mut self, line: Line) {
        self.lines.retain(|l| !(l.file == line.file && matches!(&l.result, Ok(m) if m.outcome == MergeOutcome::Quarantined)));
        self.lines.push(line);
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Quarter(q) => {
                self.quarters.pick(q);
                Some(Event::Reload)
            }
            Message::Tab(tab) => {
                self.tab = tab;
                None
            }
            Message::Import => Some(Event::PickBundles),
            Message::ImportKey => Some(Event::PickCard),
            Message::ExportMatrix(format) => Some(Event::SaveMatrix(self.quarters.period(), format)),
            Message::ConsolidatedPdf => Some(Event::OpenConsolidated(self.quarters.period())),
            Message::SendReceipts => Some(Event::SendReceipts(self.quarters.period())),
            Message::AskAccept(p) => {
                self.confirm_accept = Some(p);
                None
            }
            Message::ConfirmAccept => self.confirm_accept.take().map(Event::Accept),
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

    pub fn view<'a>(&'a self, plan: &'a Plan, lang: Lang, busy: bool) -> Element<'a, Message> {
        let actions = row![
            button(text(t(lang, "ui-dist-import")).size(style::BODY)).padding([6, 14]).on_press_maybe((!busy).then_some(Message::Import)),
            button(text(t(lang, "ui-dist-import-key")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(Message::ImportKey),
        ]
        .spacing(style::S8);
        let mut page = column![style::header(t(lang, "ui-nav-district"), actions.into()), style::muted_text(t(lang, "ui-dist-drop-hint"))].spacing(style::S12);
        if !self.lines.is_empty() {
            page = page.push(self.lines_view(plan, lang));
        }
        let tabs = row(Tab::ALL.iter().map(|tab| {
            button(text(t(lang, tab.label_id())).size(style::SMALL)).padding([5, 12]).style(style::chip(*tab == self.tab)).on_press(Message::Tab(*tab)).into()
        }))
        .spacing(6);
        page = page.push(tabs);
        if matches!(self.tab, Tab::Status | Tab::Kpis | Tab::Missing) {
            let mut bar = row![text(t(lang, "ui-dist-period")).size(style::SMALL), self.quarters.chips(lang, Message::Quarter)]
                .push(space::horizontal())
                .spacing(6)
                .align_y(Alignment::Center);
            bar = bar.push(button(text(t(lang, "ui-dist-consolidated")).size(style::SMALL)).padding([5, 12]).style(button::secondary).on_press(Message::ConsolidatedPdf));
            bar = bar.push(button(text(t(lang, "ui-receipts-send")).size(style::SMALL)).padding([5, 12]).style(button::secondary).on_press(Message::SendReceipts));
            if self.tab == Tab::Status {
                bar = bar.push(button(text(t(lang, "ui-dist-export-csv")).size(style::SMALL)).padding([5, 12]).style(button::secondary).on_press(Message::ExportMatrix(MatrixFormat::Csv)));
            }
            if matches!(self.tab, Tab::Status | Tab::Kpis) {
                // The workbook holds the status matrix, the bundles received and the KPIs.
                let xlsx = button(text(t(lang, "ui-dist-export-xlsx")).size(style::SMALL)).padding([5, 12]).style(button::secondary);
                bar = bar.push(xlsx.on_press(Message::ExportMatrix(MatrixFormat::Xlsx)));
            }
            page = page.push(bar);
        }
        let body = match self.tab {
            Tab::Completeness => self.completeness_view(lang),
            Tab::Status => self.status_view(lang),
            Tab::Kpis => self.kpis_view(lang),
            Tab::Missing => self.missing_view(plan, lang),
            Tab::Keys => self.keys_view(plan, lang),
        };
        page.push(container(body).padding(style::S12).width(Length::Fill).height(Length::Fill).style(style::card)).into()
    }

    fn lines_view<'a>(&'a self, plan: &'a Plan, lang: Lang) -> Element<'a, Message> {
        let unit_name = |c: &str| plan.unit(c).map(|u| u.name.clone()).unwrap_or_else(|| c.to_owned());
        let mut list = column![].spacing(4);
        for l in &self.lines {
            let file = l.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let period = |p: &str| Period::parse(p).map(|p| period_label(lang, p)).unwrap_or_else(|_| p.to_owned());
            let (color, msg, accept): (Color, String, Option<Pending>) = match &l.result {
                Ok(m) => {
                    let args = [
                        ("unit", unit_name(&m.unit).into()),
                        ("period", period(&m.period).into()),
                        ("sequence", m.sequence.to_string().into()),
                        ("fingerprint", m.fingerprint.clone().into()),
                    ];
                    match m.outcome {
                        MergeOutcome::Merged => (style::DONE, ta(lang, "ui-dist-line-merged", &args), None),
                        MergeOutcome::AlreadyMerged => (style::NEUTRAL, ta(lang, "ui-dist-line-already", &args), None),
                        MergeOutcome::Replay => (style::DUE_SOON, ta(lang, "ui-dist-line-replay", &args), None),
                        MergeOutcome::Quarantined => (
                            style::DUE_SOON,
                            ta(lang, "ui-dist-line-quarantined", &args),
                            Some(Pending { key_id: m.key_id.clone(), unit: m.unit.clone(), file: Some(l.file.clone()) }),
                        ),
                    }
                }
                Err(reason) => (style::OVERDUE, ta(lang, "ui-dist-line-rejected", &[("reason", reason.clone().into())]), None),
            };
            let mut r = row![
                style::dot(color, 10.0),
                text(file).size(style::BODY).font(style::BOLD).width(Length::Fixed(280.0)),
                text(msg).size(style::BODY).color(color).width(Length::Fill),
            ]
            .spacing(style::S8)
            .align_y(Alignment::Center);
            if let Some(p) = accept {
                r = r.push(button(text(t(lang, "ui-dist-accept-key")).size(style::SMALL)).padding([4, 10]).style(button::secondary).on_press(Message::AskAccept(p)));
            }
            list = list.push(r);
        }
        let n = self.lines.len() as f32;
        column![
            row![
                text(t(lang, "ui-dist-results")).size(style::TITLE).font(style::BOLD),
                space::horizontal(),
                button(text(t(lang, "ui-dist-clear")).size(style::SMALL)).padding([2, 8]).style(style::link).on_press(Message::ClearLines),
            ]
            .align_y(Alignment::Center),
            scrollable(list.padding(SCROLLBAR_GAP)).height(Length::Fixed((n * 30.0).min(150.0))),
        ]
        .spacing(6)
        .into()
    }

    fn completeness_view(&self, lang: Lang) -> Element<'_, Message> {
        let units = self.data.completeness.len();
        let received = |q: usize| {
            self.data.completeness.iter().filter(|(_, _, c)| matches!(c.get(q), Some(Completeness::Received { .. } | Completeness::Late { .. }))).count()
        };
        let head = row![text(t(lang, "ui-dist-unit")).size(style::SMALL).font(style::BOLD).width(Length::Fill)]
            .extend((1..=4).map(|q| {
                column![
                    text(quarter_label(lang, q, self.quarters.year)).size(style::SMALL).font(style::BOLD),
                    style::muted_text(ta(lang, "ui-dist-received-count", &[("count", received(q as usize - 1).into()), ("total", units.into())])),
                ]
                .width(Length::Fixed(160.0))
                .into()
            }))
            .spacing(style::S12)
            .padding(SCROLLBAR_GAP)
            .align_y(Alignment::End);
        let mut list = column![].spacing(4);
        if self.data.completeness.is_empty() {
            list = list.push(style::muted_text(t(lang, "ui-dist-no-units")));
        }
        for (code, name, cells) in &self.data.completeness {
            let unit = row![text(name.clone()).size(style::BODY).width(Length::Fill), style::muted_text(code.clone()).width(Length::Fixed(64.0))]
                .spacing(6)
                .align_y(Alignment::Center)
                .width(Length::Fill);
            let r = row![unit]
                .extend(cells.iter().map(|c| container(completeness_pill(lang, c)).width(Length::Fixed(160.0)).into()))
                .spacing(style::S12)
                .align_y(Alignment::Center);
            list = list.push(container(r).padding([3, 0]));
        }
        column![head, iced::widget::rule::horizontal(1), scrollable(list.padding(SCROLLBAR_GAP)).height(Length::Fill)]
            .spacing(style::S8)
            .into()
    }

    fn status_view(&self, lang: Lang) -> Element<'_, Message> {
        const HEAD_H: f32 = 56.0;
        const ROW_H: f32 = 34.0;
        const TASK_W: f32 = 380.0;
        const CELL_W: f32 = 170.0;
        if self.data.units.is_empty() {
            return style::muted_text(ta(lang, "ui-dist-status-none", &[("period", self.quarters.label(lang).into())])).into();
        }
        // The task column stays put; the unit columns scroll sideways.
        let mut left = column![container(text(t(lang, "matrix-task")).size(style::SMALL).font(style::BOLD)).height(Length::Fixed(HEAD_H)).align_y(Alignment::End)];
        let mut right = column![row(self.data.units.iter().map(|(code, name)| {
            container(column![text(name.clone()).size(style::SMALL).font(style::BOLD), style::muted_text(code.clone())])
                .width(Length::Fixed(CELL_W))
                .height(Length::Fixed(HEAD_H))
                .align_y(Alignment::End)
                .into()
        }))
        .spacing(style::S8)];
        for (code, desc) in &self.data.tasks {
            let label = row![
                text(code.clone()).size(style::SMALL).font(style::BOLD).width(Length::Fixed(44.0)),
                text(desc.clone()).size(style::SMALL).wrapping(text::Wrapping::None),
            ]
            .spacing(6);
            let cell = container(label).width(Length::Fixed(TASK_W)).height(Length::Fixed(ROW_H)).align_y(Alignment::Center).clip(true);
            left = left.push(tooltip(cell, container(text(desc.clone()).size(style::SMALL)).padding(8).max_width(420).style(style::card), tooltip::Position::Bottom));
            right = right.push(
                row(self.data.units.iter().map(|(unit, _)| {
                    let cell: Element<'_, Message> = match self.data.cells.get(&(code.clone(), unit.clone())) {
                        Some(m) => status_pill(lang, m),
                        None => style::muted_text("—").into(),
                    };
                    container(cell).width(Length::Fixed(CELL_W)).height(Length::Fixed(ROW_H)).align_y(Alignment::Center).into()
                }))
                .spacing(style::S8),
            );
        }
        scrollable(
            row![left, scrollable(right.padding(iced::Padding { bottom: 12.0, ..iced::Padding::ZERO })).horizontal().width(Length::Fill)]
                .spacing(style::S12)
                .padding(SCROLLBAR_GAP),
        )
        .height(Length::Fill)
        .into()
    }

    fn kpis_view(&self, lang: Lang) -> Element<'_, Message> {
        let head = row![
            text(t(lang, "ui-kpi-target")).size(style::SMALL).font(style::BOLD).width(Length::Fill),
            text(t(lang, "ui-kpi-goal")).size(style::SMALL).font(style::BOLD).width(Length::Fixed(90.0)),
            text(t(lang, "ui-dist-kpi-sum")).size(style::SMALL).font(style::BOLD).width(Length::Fixed(200.0)),
            text(t(lang, "ui-dist-kpi-rate")).size(style::SMALL).font(style::BOLD).width(Length::Fixed(100.0)),
            text(t(lang, "ui-dist-kpi-state")).size(style::SMALL).font(style::BOLD).width(Length::Fixed(140.0)),
        ]
        .spacing(style::S12)
        .padding(SCROLLBAR_GAP);
        let mut list = column![].spacing(6);
        for (target, figure, state) in &self.data.kpis {
            let n = |v: f64| format_number(lang, v, 2);
            let sums = match (target.kind, figure) {
                (TargetKind::Rate, Some(f)) => format!("{} / {}", n(f.numerator), n(f.denominator)),
                (_, Some(f)) => n(f.numerator),
                (_, None) => "—".into(),
            };
            let rate = figure.and_then(|f| f.value(target.kind)).map(|v| format!("{}{}", format_number(lang, v, 1), target.unit)).unwrap_or_else(|| "—".into());
            list = list.push(
                row![
                    row![text(target.code.clone()).size(style::SMALL).font(style::BOLD), text(target.text.clone()).size(style::SMALL)].spacing(6).width(Length::Fill),
                    text(format!("{} {}{}", target.comparator.symbol(), n(target.value), target.unit)).size(style::BODY).width(Length::Fixed(90.0)),
                    text(sums).size(style::BODY).width(Length::Fixed(200.0)),
                    text(rate).size(style::BODY).font(style::BOLD).width(Length::Fixed(100.0)),
                    container(style::pill(t(lang, state.label_id()), style::kpi_color(*state))).width(Length::Fixed(140.0)),
                ]
                .spacing(style::S12)
                .align_y(Alignment::Center),
            );
        }
        column![head, iced::widget::rule::horizontal(1), scrollable(list.padding(SCROLLBAR_GAP)).height(Length::Fill)]
            .spacing(style::S8)
            .into()
    }

    fn missing_view<'a>(&'a self, plan: &'a Plan, lang: Lang) -> Element<'a, Message> {
        if self.data.missing.is_empty() {
            return style::muted_text(ta(lang, "ui-dist-missing-none", &[("period", self.quarters.label(lang).into())])).into();
        }
        let mut list = column![style::muted_text(t(lang, "ui-dist-missing-hint"))].spacing(6);
        for m in &self.data.missing {
            list = list.push(
                row![
                    text(plan.unit(&m.unit).map(|u| u.name.clone()).unwrap_or_else(|| m.unit.clone())).size(style::BODY).width(Length::Fixed(220.0)),
                    text(m.task.clone()).size(style::BODY).font(style::BOLD).width(Length::Fixed(50.0)),
                    text(plan.task(&m.task).map(|x| x.description.clone()).unwrap_or_default()).size(style::SMALL).width(Length::Fill),
                    container(status_pill(lang, m)).width(Length::Fixed(160.0)),
                ]
                .spacing(style::S12)
                .align_y(Alignment::Center),
            );
        }
        scrollable(list.padding(SCROLLBAR_GAP)).height(Length::Fill).into()
    }

    fn keys_view<'a>(&'a self, plan: &'a Plan, lang: Lang) -> Element<'a, Message> {
        if self.data.keys.is_empty() {
            return style::muted_text(t(lang, "ui-dist-keys-none")).into();
        }
        let head = row![
            text(t(lang, "ui-dist-unit")).size(style::SMALL).font(style::BOLD).width(Length::Fill),
            text(t(lang, "ui-rep-key-fingerprint")).size(style::SMALL).font(style::BOLD).width(Length::Fixed(200.0)),
            text(t(lang, "ui-dist-key-status")).size(style::SMALL).font(style::BOLD).width(Length::Fixed(130.0)),
            text(t(lang, "ui-dist-key-added")).size(style::SMALL).font(style::BOLD).width(Length::Fixed(130.0)),
            space().width(Length::Fixed(130.0)),
        ]
        .spacing(style::S12)
        .padding(SCROLLBAR_GAP);
        let mut list = column![].spacing(6);
        for k in &self.data.keys {
            let trusted = k.status == "trusted";
            let status = if trusted { style::pill(t(lang, "ui-dist-key-trusted"), style::DONE) } else { style::pill(t(lang, "ui-dist-key-quarantined"), style::DUE_SOON) };
            let mut r = row![
                text(plan.unit(&k.unit).map(|u| u.name.clone()).unwrap_or_else(|| k.unit.clone())).size(style::BODY).width(Length::Fill),
                text(fingerprint_of_hex(&k.key_id)).size(style::BODY).font(style::BOLD).width(Length::Fixed(200.0)),
                container(status).width(Length::Fixed(130.0)),
                style::muted_text(format_stamp(&k.added_at)).width(Length::Fixed(130.0)),
            ]
            .spacing(style::S12)
            .align_y(Alignment::Center);
            let accept: Element<'a, Message> = if trusted {
                space().width(Length::Fixed(130.0)).into()
            } else {
                button(text(t(lang, "ui-dist-accept-key")).size(style::SMALL))
                    .padding([4, 10])
                    .width(Length::Fixed(130.0))
                    .style(button::secondary)
                    .on_press(Message::AskAccept(Pending { key_id: k.key_id.clone(), unit: k.unit.clone(), file: None }))
                    .into()
            };
            r = r.push(accept);
            list = list.push(r);
        }
        column![head, iced::widget::rule::horizontal(1), scrollable(list.padding(SCROLLBAR_GAP)).height(Length::Fill)].spacing(style::S8).into()
    }

    /// The dialog shown over the page, if any: accepting a key, or choosing
    /// the unit of a key card.
    pub fn dialog<'a>(&'a self, plan: &'a Plan, lang: Lang) -> Option<Element<'a, Message>> {
        let buttons = |cancel: Message, ok_label: &str, ok: Option<Message>| {
            row![
                space::horizontal(),
                button(text(t(lang, "ui-cancel")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(cancel),
                container(button(text(t(lang, ok_label)).size(style::BODY)).padding([6, 14]).on_press_maybe(ok)).id(CONFIRM_ID),
            ]
            .spacing(style::S8)
        };
        if let Some(p) = &self.confirm_accept {
            let unit = plan.unit(&p.unit).map(|u| format!("{} ({})", u.name, u.code)).unwrap_or_else(|| p.unit.clone());
            return Some(
                column![
                    text(t(lang, "ui-dist-accept-title")).size(style::TITLE).font(style::BOLD),
                    text(ta(lang, "ui-dist-accept-question", &[("unit", unit.into())])).size(style::BODY),
                    container(text(fingerprint_of_hex(&p.key_id)).size(22).font(style::BOLD)).padding([8, 12]).width(Length::Fill).style(style::banner(false)),
                    style::muted_text(t(lang, "ui-dist-accept-hint")),
                    buttons(Message::CancelAccept, "ui-dist-accept-key", Some(Message::ConfirmAccept)),
                ]
                .spacing(style::S12)
                .into(),
            );
        }
        let c = self.card.as_ref()?;
        Some(
            column![
                text(t(lang, "ui-dist-card-title")).size(style::TITLE).font(style::BOLD),
                text(ta(lang, "ui-dist-card-question", &[("fingerprint", c.key.fingerprint().into())])).size(style::BODY),
                first_run::unit_picker(plan, lang, &c.query, c.choice.as_deref(), Message::CardQuery, Message::CardUnit, 220.0, &[]),
                buttons(Message::CancelCard, "ui-dist-card-trust", c.choice.as_ref().map(|_| Message::ConfirmCard)),
            ]
            .spacing(style::S12)
            .into(),
        )
    }
}

/// A cell of the completeness matrix.
pub fn completeness_pill<'a, M: 'a>(lang: Lang, c: &Completeness) -> Element<'a, M> {
    let seq = |s: &i64| s.to_string();
    let label = match c {
        Completeness::Received { sequence } => ta(lang, "ui-dist-received", &[("sequence", seq(sequence).into())]),
        Completeness::Late { sequence } => ta(lang, "ui-dist-late", &[("sequence", seq(sequence).into())]),
        Completeness::Missing => t(lang, "ui-dist-missing"),
        Completeness::NotDue => t(lang, "ui-dist-not-due"),
    };
    style::pill(label, style::tone(crate::palette::of_completeness(c)))
}

/// A reported status: its label, and the progress while in progress.
fn status_pill<'a, M: 'a>(lang: Lang, m: &MergedTask) -> Element<'a, M> {
    match Status::parse(&m.status) {
        Some(Status::InProgress) => style::pill(format!("{} {}%", t(lang, Status::InProgress.label_id()), m.progress), style::status_color(Status::InProgress)),
        Some(s) => style::pill(t(lang, s.label_id()), style::status_color(s)),
        None => style::muted_text(m.status.clone()).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merged(outcome: MergeOutcome) -> Merged {
        Merged { outcome, unit: "X-ANT".into(), period: "2023Q1".into(), sequence: 1, key_id: "00000000000000AB".into(), fingerprint: "0000-0000-0000-00AB".into() }
    }

    #[test]
    fn accepting_a_key_needs_confirmation_and_replaces_its_quarantine_line() {
        let mut s = State::new(2023, 4);
        assert_eq!(s.update(Message::Quarter(1)), Some(Event::Reload));
        assert_eq!(s.quarters.period(), Period::quarter(2023, 1));
        assert_eq!(s.update(Message::ExportMatrix(MatrixFormat::Csv)), Some(Event::SaveMatrix(Period::quarter(2023, 1), MatrixFormat::Csv)));
        assert_eq!(s.update(Message::ExportMatrix(MatrixFormat::Xlsx)), Some(Event::SaveMatrix(Period::quarter(2023, 1), MatrixFormat::Xlsx)));
        assert_eq!(s.update(Message::ConsolidatedPdf), Some(Event::OpenConsolidated(Period::quarter(2023, 1))));
        assert_eq!(s.update(Message::SendReceipts), Some(Event::SendReceipts(Period::quarter(2023, 1))));
        let file = PathBuf::from("/in/X-ANT.zip");
        s.push_line(Line { file: file.clone(), result: Ok(merged(MergeOutcome::Quarantined)) });
        s.push_line(Line { file: PathBuf::from("/in/bad.zip"), result: Err("chữ ký không hợp lệ".into()) });
        let p = Pending { key_id: "00000000000000AB".into(), unit: "X-ANT".into(), file: Some(file.clone()) };
        assert_eq!(s.update(Message::ConfirmAccept), None, "nothing asked yet");
        assert_eq!(s.update(Message::AskAccept(p.clone())), None);
        let plan = crate::plan::builtin();
        assert!(s.dialog(&plan, Lang::Vi).is_some());
        assert_eq!(s.update(Message::CancelAccept), None);
        assert!(s.dialog(&plan, Lang::Vi).is_none());
        s.update(Message::AskAccept(p.clone()));
        assert_eq!(s.update(Message::ConfirmAccept), Some(Event::Accept(p)));
        // Merged again after the key was accepted: the quarantine line goes, the refusal stays.
        s.push_line(Line { file, result: Ok(merged(MergeOutcome::Merged)) });
        assert_eq!(s.lines.len(), 2);
        assert!(s.lines.iter().all(|l| !matches!(&l.result, Ok(m) if m.outcome == MergeOutcome::Quarantined)));
        assert_eq!(s.update(Message::ClearLines), None);
        assert!(s.lines.is_empty());
    }

    #[test]
    fn a_key_card_without_a_unit_needs_a_unit_chosen() {
        let mut s = State::new(2023, 1);
        let key = crate::crypto::sign::SecretKey::from_parts([1; 8], [2; 32]).public();
        s.card = Some(Card { file: PathBuf::from("/in/k.pub"), key: key.clone(), query: String::new(), choice: None });
        assert_eq!(s.update(Message::ConfirmCard), None);
        assert!(s.card.is_some());
        s.update(Message::CardQuery("an phu".into()));
        s.update(Message::CardUnit("X-AP".into()));
        assert_eq!(s.update(Message::ConfirmCard), Some(Event::Trust { unit: "X-AP".into(), key }));
        assert!(s.card.is_none());
    }
}
