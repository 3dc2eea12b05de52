//! The consolidating office's views of what its units sent: which bundles
//! arrived per unit and quarter (completeness), the status each unit reported
//! per task (the status matrix), and the units' KPI figures summed. Read from
//! the merged tables; the window, the CLI, the Excel/CSV matrix and the
//! consolidated PDF all draw from here.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::domain::{Figure, KpiState, Period, Target, Unit, UnitKind};
use crate::error::Result;
use crate::store::bundles::MergedTask;
use crate::workspace::Workspace;

/// Days after a quarter's end within which a bundle counts as on time.
pub const GRACE_DAYS: i64 = 10;

/// One cell of the completeness matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum Completeness {
    /// Verified and merged on time (sequence of the current bundle).
    Received { sequence: i64 },
    /// Verified and merged, but made after the deadline.
    Late { sequence: i64 },
    /// Nothing received and the deadline has passed.
    Missing,
    /// Nothing received yet, not yet due.
    NotDue,
}

/// What kind of unit a row is, finer than [`UnitKind`] so that a
/// consolidating office can pick out its communes, wards or special zones:
/// the organisation's kind, with commune-level units told apart by the word
/// their name starts with ("Phường Long Hưng" is a ward).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitClass {
    Government,
    Department,
    PublicService,
    Commune,
    Ward,
    SpecialZone,
    Township,
}

impl UnitClass {
    pub const ALL: [UnitClass; 7] = [
        UnitClass::Government,
        UnitClass::Department,
        UnitClass::PublicService,
        UnitClass::Commune,
        UnitClass::Ward,
        UnitClass::SpecialZone,
        UnitClass::Township,
    ];

    pub fn of(unit: &Unit) -> UnitClass {
        match unit.kind {
            UnitKind::Government => UnitClass::Government,
            UnitKind::Department => UnitClass::Department,
            UnitKind::PublicService => UnitClass::PublicService,
            UnitKind::Commune => match crate::agency::commune_word_of(&crate::agency::key(&unit.name)) {
                Some("phuong") => UnitClass::Ward,
                Some("dac khu") => UnitClass::SpecialZone,
                Some("thi tran") => UnitClass::Township,
                _ => UnitClass::Commune,
            },
        }
    }

    /// Message id of the class's plural name ("Xã", "Phường", "Sở, ban, ngành"…).
    pub fn label_id(self) -> &'static str {
        match self {
            UnitClass::Government => "class-government",
            UnitClass::Department => "class-department",
            UnitClass::PublicService => "class-public-service",
            UnitClass::Commune => "class-commune",
            UnitClass::Ward => "class-ward",
            UnitClass::SpecialZone => "class-special-zone",
            UnitClass::Township => "class-township",
        }
    }
}

/// One unit's row of the completeness matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompletenessRow {
    pub unit: String,
    pub name: String,
    pub class: UnitClass,
    pub parent: Option<String>,
    /// Q1..Q4 of the plan year.
    pub quarters: Vec<Completeness>,
}

/// Units × quarters of the plan year, for the units below `parent`.
pub fn completeness(ws: &Workspace, parent: &str) -> Result<Vec<CompletenessRow>> {
    // The current bundle of each (unit, quarter): one look-up per cell.
    let mut current: HashMap<(&str, &str), &crate::store::bundles::BundleRecord> = HashMap::new();
    let bundles = ws.store.bundles()?;
    for b in bundles.iter().filter(|b| b.current && b.plan_id == ws.plan.id) {
        current.insert((b.unit.as_str(), b.period.as_str()), b);
    }
    let quarters: Vec<(String, chrono::NaiveDate)> =
        Period::year(ws.plan.year).quarters().into_iter().map(|q| (q.to_string(), q.end() + chrono::Duration::days(GRACE_DAYS))).collect();
    let mut out = vec![];
    for u in ws.plan.subtree(parent).iter().filter(|u| u.code != parent) {
        let cells = quarters
            .iter()
            .map(|(q, due)| match current.get(&(u.code.as_str(), q.as_str())) {
                Some(b) => {
                    let made = chrono::NaiveDate::parse_from_str(b.created_at.get(..10).unwrap_or(""), "%Y-%m-%d").ok();
                    if made.is_some_and(|d| d > *due) {
                        Completeness::Late { sequence: b.sequence }
                    } else {
                        Completeness::Received { sequence: b.sequence }
                    }
                }
                None if ws.today > *due => Completeness::Missing,
                None => Completeness::NotDue,
            })
            .collect();
        out.push(CompletenessRow { unit: u.code.clone(), name: u.name.clone(), class: UnitClass::of(u), parent: u.parent.clone(), quarters: cells });
    }
    Ok(out)
}

/// Tasks × units for one period: what each unit reported.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatusMatrix {
    /// Every task of the plan, in plan order.
    pub tasks: Vec<String>,
    /// The units that reported in the period, in plan order.
    pub units: Vec<String>,
    /// (task, unit) → what the unit reported.
    pub cells: BTreeMap<(String, String), MergedTask>,
}

impl StatusMatrix {
    pub fn cell(&self, task: &str, unit: &str) -> Option<&MergedTask> {
        self.cells.get(&(task.to_owned(), unit.to_owned()))
    }
}

/// Tasks × units for one period: the status each unit reported.
pub fn status_matrix(ws: &Workspace, period: Period) -> Result<StatusMatrix> {
    let merged = ws.store.merged_tasks(&ws.plan.id)?;
    let p = period.to_string();
    let mut cells = BTreeMap::new();
    let mut units = BTreeSet::new();
    for t in merged.into_iter().filter(|t| t.period == p) {
        units.insert(t.unit.clone());
        cells.insert((t.task.clone(), t.unit.clone()), t);
    }
    let tasks = ws.plan.tasks.iter().map(|t| t.code.clone()).collect();
    let units: Vec<String> = ws.plan.units.iter().map(|u| u.code.clone()).filter(|c| units.contains(c)).collect();
    Ok(StatusMatrix { tasks, units, cells })
}

/// The status matrix laid out for a file (CSV, Excel): one column per unit
/// that reported, one row per task of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusTable {
    /// Code and name of each unit column.
    pub units: Vec<(String, String)>,
    pub rows: Vec<StatusRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StatusRow {
    pub task: String,
    pub description: String,
    /// One per unit column: what the unit reported, if anything.
    pub cells: Vec<Option<StatusCell>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StatusCell {
    /// `None` for a status this version does not know.
    pub status: Option<crate::domain::Status>,
    /// The status and progress as shown: "Hoàn thành (100%)".
    pub label: String,
}

/// The status matrix of `period` as a table, labelled in `lang`.
pub fn status_table(ws: &Workspace, period: Period, lang: crate::i18n::Lang) -> Result<StatusTable> {
    let StatusMatrix { tasks, units, cells } = status_matrix(ws, period)?;
    let rows = tasks
        .iter()
        .map(|t| StatusRow {
            task: t.clone(),
            description: ws.plan.task(t).map(|x| x.description.clone()).unwrap_or_default(),
            cells: units
                .iter()
                .map(|u| {
                    cells.get(&(t.clone(), u.clone())).map(|m| {
                        let status = crate::domain::Status::parse(&m.status);
                        let st = status.map(|x| crate::i18n::t(lang, x.label_id())).unwrap_or_default();
                        StatusCell { status, label: format!("{st} ({}%)", m.progress) }
                    })
                })
                .collect(),
        })
        .collect();
    let units = units.into_iter().map(|u| (u.clone(), ws.plan.unit(&u).map(|x| x.name.clone()).unwrap_or(u))).collect();
    Ok(StatusTable { units, rows })
}

/// The status matrix as CSV in `lang` (UTF-8 with BOM so that Excel reads Vietnamese).
pub fn status_matrix_csv(ws: &Workspace, period: Period, lang: crate::i18n::Lang) -> Result<String> {
    let table = status_table(ws, period, lang)?;
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut s = String::from("\u{feff}");
    s.push_str(&quote(&crate::i18n::t(lang, "matrix-task")));
    for (_, name) in &table.units {
        s.push(',');
        s.push_str(&quote(name));
    }
    s.push_str("\r\n");
    for row in &table.rows {
        s.push_str(&quote(&row.task));
        for cell in &row.cells {
            s.push(',');
            s.push_str(&quote(cell.as_ref().map_or("", |c| c.label.as_str())));
        }
        s.push_str("\r\n");
    }
    Ok(s)
}

/// The cells of a status matrix reported done (on time or late) with no evidence attached.
pub fn done_without_evidence(cells: &BTreeMap<(String, String), MergedTask>) -> Vec<&MergedTask> {
    cells.values().filter(|m| (m.status == "done" || m.status == "done_late") && m.evidence_count == 0).collect()
}

/// One target's figures summed over the units that reported them.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiSum {
    pub target: Target,
    /// `None`: no unit reported a figure.
    pub figure: Option<Figure>,
    pub state: KpiState,
    /// How many units' figures are in the sum.
    pub units: usize,
}

/// District KPI figures: the current bundles' figures summed per target over `period`.
pub fn district_kpis(ws: &Workspace, period: Period) -> Result<Vec<KpiSum>> {
    kpis_of(ws, period, &|_| true)
}

/// The KPI figures of the units `keep` selects, summed per target over
/// `period` (numerators and denominators summed: rates are never averaged).
pub fn kpis_of(ws: &Workspace, period: Period, keep: &dyn Fn(&str) -> bool) -> Result<Vec<KpiSum>> {
    let quarters: Vec<String> = period.quarters().iter().map(|q| q.to_string()).collect();
    let figures = ws.store.merged_kpis(&ws.plan.id)?;
    Ok(ws
        .plan
        .targets
        .iter()
        .map(|t| {
            let mut picked: Vec<Figure> = vec![];
            let mut units = BTreeSet::new();
            for (u, q, tc, n, d) in &figures {
                if tc == &t.code && quarters.contains(q) && keep(u) {
                    picked.push(Figure { numerator: *n, denominator: *d });
                    units.insert(u.as_str());
                }
            }
            let figure = (!picked.is_empty()).then(|| Figure::sum(picked.iter()));
            let state = KpiState::of(t, figure.as_ref());
            KpiSum { target: t.clone(), figure, state, units: units.len() }
        })
        .collect())
}

/// The KPI sums of each class of unit below `parent` that reported any
/// figure in `period`, classes in [`UnitClass::ALL`] order.
pub fn kpis_by_class(ws: &Workspace, parent: &str, period: Period) -> Result<Vec<(UnitClass, Vec<KpiSum>)>> {
    let class: HashMap<String, UnitClass> = ws.plan.subtree(parent).iter().map(|u| (u.code.clone(), UnitClass::of(u))).collect();
    let mut out = vec![];
    for c in UnitClass::ALL {
        if !class.values().any(|x| *x == c) {
            continue;
        }
        let sums = kpis_of(ws, period, &|u| class.get(u) == Some(&c))?;
        if sums.iter().any(|k| k.units > 0) {
            out.push((c, sums));
        }
    }
    Ok(out)
}
