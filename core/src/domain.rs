//! The domain: plans, units, tasks, assignments, statuses, periods, targets.
//! Plain data, no I/O.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::deadline::{Schedule, quarter_end};
use crate::error::{Error, Result};

/// What kind of unit an agency is. The hierarchy itself is data: a unit's
/// parent can be a district, a province or anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// The people's committee that issues the plan (district or province).
    Government,
    /// A specialised department (cơ quan chuyên môn).
    Department,
    /// A public service unit (đơn vị sự nghiệp công lập).
    PublicService,
    /// A commune, ward or township.
    Commune,
}

impl UnitKind {
    pub fn parse(s: &str) -> Option<UnitKind> {
        Some(match s {
            "government" => UnitKind::Government,
            "department" => UnitKind::Department,
            "public_service" => UnitKind::PublicService,
            "commune" => UnitKind::Commune,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Government => "government",
            UnitKind::Department => "department",
            UnitKind::PublicService => "public_service",
            UnitKind::Commune => "commune",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub parent: Option<String>,
}

/// Lead (chủ trì) or coordinating (phối hợp).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Lead,
    Coordinating,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Coordinating => "coordinating",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        match crate::text::fold(s).as_str() {
            "lead" | "chu tri" => Some(Role::Lead),
            "coordinating" | "phoi hop" => Some(Role::Coordinating),
            _ => None,
        }
    }
    /// Message id of the role's name.
    pub fn label_id(self) -> &'static str {
        match self {
            Role::Lead => "role-lead",
            Role::Coordinating => "role-coordinating",
        }
    }
}

/// The status of a task instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Chưa thực hiện.
    #[default]
    NotStarted,
    /// Đang thực hiện.
    InProgress,
    /// Hoàn thành.
    Done,
    /// Hoàn thành trễ hạn.
    DoneLate,
    /// Không phát sinh.
    NotApplicable,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Done,
        Status::DoneLate,
        Status::NotApplicable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::DoneLate => "done_late",
            Status::NotApplicable => "not_applicable",
        }
    }

    /// Accepts the English ids and the Vietnamese names, with or without diacritics.
    pub fn parse(s: &str) -> Option<Status> {
        let f = crate::text::fold(s).replace(['-', '_'], " ");
        Some(match f.as_str() {
            "not started" | "chua thuc hien" => Status::NotStarted,
            "in progress" | "dang thuc hien" => Status::InProgress,
            "done" | "hoan thanh" => Status::Done,
            "done late" | "hoan thanh tre han" => Status::DoneLate,
            "not applicable" | "khong phat sinh" => Status::NotApplicable,
            _ => return None,
        })
    }

    pub fn label_id(self) -> &'static str {
        match self {
            Status::NotStarted => "status-not-started",
            Status::InProgress => "status-in-progress",
            Status::Done => "status-done",
            Status::DoneLate => "status-done-late",
            Status::NotApplicable => "status-not-applicable",
        }
    }

    /// Finished: nothing more is due.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Done | Status::DoneLate | Status::NotApplicable)
    }

    pub fn is_done(self) -> bool {
        matches!(self, Status::Done | Status::DoneLate)
    }
}

/// A reporting period: one quarter or a whole year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub year: i32,
    /// 1..=4, or `None` for the whole year.
    pub quarter: Option<u32>,
}

impl Period {
    pub fn quarter(year: i32, q: u32) -> Period {
        Period { year, quarter: Some(q) }
    }
    pub fn year(year: i32) -> Period {
        Period { year, quarter: None }
    }

    /// Parses "2023Q1", "2023-Q1", "Q1/2023", "2023" (case-insensitive).
    pub fn parse(s: &str) -> Result<Period> {
        let bad = || Error::new("err-bad-period").arg("value", s);
        let t = s.trim().to_ascii_uppercase().replace(['-', '/', ' '], "");
        if let Ok(y) = t.parse::<i32>() {
            if (1900..=2999).contains(&y) {
                return Ok(Period::year(y));
            }
            return Err(bad());
        }
        let (y, q) = if let Some((y, q)) = t.split_once('Q') {
            if y.is_empty() {
                // "Q12023"
                // The quarter is the first character, which need not be
                // ASCII ("Qé2023"): split at a character boundary.
                let (q, y) = q.split_at(q.chars().next().map_or(0, char::len_utf8));
                (y.to_owned(), q.to_owned())
            } else {
                (y.to_owned(), q.to_owned())
            }
        } else {
            return Err(bad());
        };
        let y: i32 = y.parse().map_err(|_| bad())?;
        let q: u32 = q.parse().map_err(|_| bad())?;
        if !(1..=4).contains(&q) || !(1900..=2999).contains(&y) {
            return Err(bad());
        }
        Ok(Period::quarter(y, q))
    }

    pub fn start(self) -> NaiveDate {
        let month = self.quarter.map_or(1, |q| (q - 1) * 3 + 1);
        NaiveDate::from_ymd_opt(self.year, month, 1).expect("valid period start")
    }

    pub fn end(self) -> NaiveDate {
        match self.quarter {
            Some(q) => quarter_end(self.year, q),
            None => NaiveDate::from_ymd_opt(self.year, 12, 31).expect("valid year end"),
        }
    }

    pub fn contains(self, d: NaiveDate) -> bool {
        d >= self.start() && d <= self.end()
    }

    /// The quarter containing `d`.
    pub fn of_date(d: NaiveDate) -> Period {
        Period::quarter(d.year(), crate::deadline::quarter_of(d))
    }

    /// Quarters of this period (one, or four for a year).
    pub fn quarters(self) -> Vec<Period> {
        match self.quarter {
            Some(_) => vec![self],
            None => (1..=4).map(|q| Period::quarter(self.year, q)).collect(),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.quarter {
            Some(q) => write!(f, "{}Q{}", self.year, q),
            None => write!(f, "{}", self.year),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Period::parse(&s).map_err(|e| serde::de::Error::custom(e.message_in(crate::i18n::Lang::En)))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Area {
    pub code: String,
    pub title: String,
}

/// A task of the plan, with its agencies resolved to unit codes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task {
    pub code: String,
    pub area: String,
    pub description: String,
    pub products: Vec<String>,
    /// Lead agencies as written in the plan.
    pub lead_text: Vec<String>,
    pub coordinating_text: Vec<String>,
    /// Unit codes the lead phrases resolve to.
    pub lead: Vec<String>,
    pub coordinating: Vec<String>,
    /// The deadline cell as written.
    pub deadline_text: String,
    pub schedule: Schedule,
    /// Repairs made to this task's cells when the plan was transcribed from
    /// a damaged source: shown as "đã sửa từ bản gốc" beside the task.
    pub repairs: Vec<TaskRepair>,
}

/// One repair of a task's cell: which field, the text the source has and
/// the text the plan uses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskRepair {
    pub field: String,
    pub original: String,
    pub fixed: String,
}

impl Task {
    /// A task of `code` with only its deadline cell (read for `plan_year`):
    /// no text, products or agencies yet.
    pub fn with_deadline(code: &str, deadline_text: &str, plan_year: i32) -> Task {
        Task {
            code: code.into(),
            area: code.split('.').next().unwrap_or("").into(),
            description: String::new(),
            products: vec![],
            lead_text: vec![],
            coordinating_text: vec![],
            lead: vec![],
            coordinating: vec![],
            deadline_text: deadline_text.into(),
            schedule: crate::deadline::parse_deadline(deadline_text, plan_year),
            repairs: vec![],
        }
    }

    /// The role `unit` has on this task, lead winning over coordinating.
    pub fn role_of(&self, unit: &str) -> Option<Role> {
        if self.lead.iter().any(|u| u == unit) {
            Some(Role::Lead)
        } else if self.coordinating.iter().any(|u| u == unit) {
            Some(Role::Coordinating)
        } else {
            None
        }
    }

    /// The days over which the task is worked on, as opposed to the days
    /// it falls due: from the start of the period its deadline names (the
    /// year for "Trong năm 2023" and for recurring work, the quarter for
    /// "Quý II", the month for "tháng 10") to its last milestone. A
    /// milestone that is a plan to issue ("Quý I năm 2023; Kế hoạch") opens
    /// work that runs to the end of that year. `None` for work without fixed
    /// dates (continuous, on demand, external, not understood), which is in
    /// progress in every period.
    pub fn work_period(&self) -> Option<(NaiveDate, NaiveDate)> {
        if self.schedule.continuous {
            return None;
        }
        let first = self.schedule.milestones.first()?;
        let last = self.schedule.milestones.last()?;
        let from = self.schedule.work_from.unwrap_or(first.due).min(first.due);
        let plan_end = self
            .schedule
            .milestones
            .iter()
            .filter(|m| names_a_plan(&m.label))
            .filter_map(|m| NaiveDate::from_ymd_opt(m.due.year(), 12, 31))
            .max();
        Some((from, plan_end.map_or(last.due, |e| e.max(last.due))))
    }

    /// Whether this task is in progress in `period` (its work period
    /// overlaps it), whether or not a milestone falls due in it.
    pub fn active_in(&self, period: Period) -> bool {
        match self.work_period() {
            None => true,
            Some((from, to)) => from <= period.end() && to >= period.start(),
        }
    }

    /// The milestones that fall due in `period`.
    pub fn due_in(&self, period: Period) -> Vec<NaiveDate> {
        self.schedule.dates().into_iter().filter(|d| period.contains(*d)).collect()
    }
}

/// A milestone label that is a plan to issue: "Kế hoạch", "ban hành Kế hoạch".
fn names_a_plan(label: &str) -> bool {
    crate::text::fold(label).contains("ke hoach")
}

/// ≥, >, ≤, <, =.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Comparator {
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "=")]
    Eq,
}

impl Comparator {
    pub fn parse(s: &str) -> Option<Comparator> {
        Some(match s.trim() {
            ">=" | "≥" => Comparator::Ge,
            ">" => Comparator::Gt,
            "<=" | "≤" => Comparator::Le,
            "<" => Comparator::Lt,
            "=" => Comparator::Eq,
            _ => return None,
        })
    }
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::Ge => "≥",
            Comparator::Gt => ">",
            Comparator::Le => "≤",
            Comparator::Lt => "<",
            Comparator::Eq => "=",
        }
    }
    pub fn holds(self, actual: f64, target: f64) -> bool {
        const EPS: f64 = 1e-9;
        match self {
            Comparator::Ge => actual + EPS >= target,
            Comparator::Gt => actual > target + EPS,
            Comparator::Le => actual <= target + EPS,
            Comparator::Lt => actual + EPS < target,
            Comparator::Eq => (actual - target).abs() <= EPS,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// numerator / denominator, shown in %.
    Rate,
    /// One number.
    Value,
    /// Achieved (1) or not (0).
    YesNo,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    pub code: String,
    pub text: String,
    pub kind: TargetKind,
    pub comparator: Comparator,
    pub value: f64,
    pub unit: String,
    pub numerator: String,
    pub denominator: String,
    pub applies_to: Vec<UnitKind>,
}

impl Target {
    /// What the target asks, as printed and shown: "≥ 98%", "≤ 12,5 ngày"
    /// (a word unit stands apart from its number, "%" does not).
    pub fn goal(&self, lang: crate::i18n::Lang) -> String {
        if self.kind == TargetKind::YesNo {
            // Achieved or not: the goal is to achieve it.
            return crate::i18n::t(lang, "kpi-met");
        }
        let number = crate::i18n::format_number(lang, self.value, 2);
        let unit = self.unit.trim();
        let gap = if unit.is_empty() || unit == "%" { "" } else { " " };
        format!("{} {number}{gap}{unit}", self.comparator.symbol())
    }

    pub fn applies_to(&self, kind: UnitKind) -> bool {
        self.applies_to.is_empty() || self.applies_to.contains(&kind)
    }
}

/// KPI figures of one unit for one target and period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Figure {
    pub numerator: f64,
    pub denominator: f64,
}

impl Figure {
    /// The figure's value: a percentage for rates, the numerator otherwise.
    /// `None` for a rate with nothing counted.
    pub fn value(&self, kind: TargetKind) -> Option<f64> {
        match kind {
            TargetKind::Rate => (self.denominator > 0.0).then(|| self.numerator / self.denominator * 100.0),
            TargetKind::Value | TargetKind::YesNo => Some(self.numerator),
        }
    }

    /// Why this figure cannot be recorded for a target of `kind`, if it cannot:
    /// the one rule for figures typed in and figures received in a bundle.
    pub fn problem(&self, kind: TargetKind) -> Option<FigureProblem> {
        let sane = |x: f64| x.is_finite() && (0.0..=MAX_FIGURE).contains(&x);
        if !sane(self.numerator) || !sane(self.denominator) {
            return Some(if self.numerator < 0.0 || self.denominator < 0.0 { FigureProblem::Negative } else { FigureProblem::NotANumber });
        }
        match kind {
            TargetKind::Rate if self.denominator <= 0.0 => Some(FigureProblem::ZeroDenominator),
            TargetKind::Rate if self.numerator > self.denominator => Some(FigureProblem::NumeratorOverDenominator),
            TargetKind::YesNo if self.numerator != 0.0 && self.numerator != 1.0 => Some(FigureProblem::NotYesNo),
            _ => None,
        }
    }

    /// Sums figures: numerators and denominators add up, percentages never average.
    pub fn sum<'a>(figures: impl IntoIterator<Item = &'a Figure>) -> Figure {
        figures.into_iter().fold(Figure::default(), |acc, f| Figure {
            numerator: acc.numerator + f.numerator,
            denominator: acc.denominator + f.denominator,
        })
    }
}

/// The largest number a KPI figure may hold (no count of a commune or
/// district comes near it; sums of figures stay finite).
pub const MAX_FIGURE: f64 = 1e12;

/// Why a KPI figure is refused ([`Figure::problem`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureProblem {
    Negative,
    /// Not finite, or above [`MAX_FIGURE`].
    NotANumber,
    /// A rate needs something counted.
    ZeroDenominator,
    NumeratorOverDenominator,
    NotYesNo,
}

impl FigureProblem {
    /// The reason's code in messages (`why` of `err-bundle-claim`).
    pub fn code(self) -> &'static str {
        match self {
            FigureProblem::Negative => "negative",
            FigureProblem::NotANumber => "number",
            FigureProblem::ZeroDenominator => "denominator",
            FigureProblem::NumeratorOverDenominator => "num-gt-den",
            FigureProblem::NotYesNo => "yes-no",
        }
    }
}

/// Whether a target is met by a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KpiState {
    Met,
    NotMet,
    NoData,
}

impl KpiState {
    pub fn of(target: &Target, figure: Option<&Figure>) -> KpiState {
        match figure.and_then(|f| f.value(target.kind)) {
            None => KpiState::NoData,
            Some(v) if target.comparator.holds(v, target.value) => KpiState::Met,
            Some(_) => KpiState::NotMet,
        }
    }
    pub fn label_id(self) -> &'static str {
        match self {
            KpiState::Met => "kpi-met",
            KpiState::NotMet => "kpi-not-met",
            KpiState::NoData => "kpi-no-data",
        }
    }
}

/// A resolved plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub id: String,
    /// SHA-256 (hex) of the plan's canonical content.
    pub hash: String,
    pub number: String,
    pub date: NaiveDate,
    pub issuer: String,
    pub year: i32,
    pub title: String,
    pub areas: Vec<Area>,
    pub tasks: Vec<Task>,
    pub targets: Vec<Target>,
    pub units: Vec<Unit>,
}

impl Plan {
    pub fn unit(&self, code: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.code == code)
    }
    pub fn task(&self, code: &str) -> Option<&Task> {
        self.tasks.iter().find(|t| t.code == code)
    }
    pub fn target(&self, code: &str) -> Option<&Target> {
        self.targets.iter().find(|t| t.code == code)
    }
    pub fn area(&self, code: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.code == code)
    }

    /// `(task, role)` for every task assigned to `unit`, in plan order.
    pub fn assignments_of(&self, unit: &str) -> Vec<(&Task, Role)> {
        self.tasks
            .iter()
            .filter_map(|t| t.role_of(unit).map(|r| (t, r)))
            .collect()
    }

    /// `unit` and all units below it, depth first.
    pub fn subtree(&self, unit: &str) -> Vec<&Unit> {
        let mut children: BTreeMap<&str, Vec<&Unit>> = BTreeMap::new();
        for u in &self.units {
            if let Some(p) = &u.parent {
                children.entry(p.as_str()).or_default().push(u);
            }
        }
        let mut out = vec![];
        let mut stack: Vec<&Unit> = self.unit(unit).into_iter().collect();
        while let Some(u) = stack.pop() {
            if out.iter().any(|o: &&Unit| o.code == u.code) {
                continue; // a cycle in bad data must not loop forever
            }
            out.push(u);
            if let Some(c) = children.get(u.code.as_str()) {
                stack.extend(c.iter().rev());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_goal_reads_as_written() {
        let target = |value: f64, unit: &str, comparator: Comparator| Target {
            code: "1".into(),
            text: String::new(),
            kind: TargetKind::Value,
            comparator,
            value,
            unit: unit.into(),
            numerator: String::new(),
            denominator: String::new(),
            applies_to: vec![],
        };
        let vi = crate::i18n::Lang::Vi;
        assert_eq!(target(98.0, "%", Comparator::Ge).goal(vi), "≥ 98%");
        assert_eq!(target(12.5, "ngày", Comparator::Le).goal(vi), "≤ 12,5 ngày");
        assert_eq!(target(85.0, "điểm", Comparator::Gt).goal(vi), "> 85 điểm");
        assert_eq!(target(1.0, "", Comparator::Eq).goal(vi), "= 1");
        let yes_no = Target { kind: TargetKind::YesNo, ..target(1.0, "", Comparator::Eq) };
        assert_eq!(yes_no.goal(vi), "Đạt");
    }

    #[test]
    fn period_parsing() {
        assert_eq!(Period::parse("2023Q1").unwrap(), Period::quarter(2023, 1));
        assert_eq!(Period::parse("2024-q3").unwrap(), Period::quarter(2024, 3));
        assert_eq!(Period::parse("Q2/2023").unwrap(), Period::quarter(2023, 2));
        assert_eq!(Period::parse("2023").unwrap(), Period::year(2023));
        assert!(Period::parse("2023Q5").is_err());
        assert!(Period::parse("abc").is_err());
        // Multi-byte text where the quarter digit belongs: an error, not a panic.
        for bad in ["Qé2023", "qé2023", "Q", "Q€", "2023Qé", "Q١2023", "éQ2023", "Q🙂"] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Period::parse("Q12023").unwrap(), Period::quarter(2023, 1));
        assert_eq!(Period::quarter(2024, 1).end(), NaiveDate::from_ymd_opt(2024, 3, 31).unwrap());
        assert_eq!(Period::quarter(2023, 4).start(), NaiveDate::from_ymd_opt(2023, 10, 1).unwrap());
        assert_eq!(Period::quarter(2023, 2).to_string(), "2023Q2");
    }

    #[test]
    fn status_parses_vietnamese_with_and_without_diacritics() {
        assert_eq!(Status::parse("hoàn thành"), Some(Status::Done));
        assert_eq!(Status::parse("hoan thanh tre han"), Some(Status::DoneLate));
        assert_eq!(Status::parse("in_progress"), Some(Status::InProgress));
        assert_eq!(Status::parse("Không phát sinh"), Some(Status::NotApplicable));
        assert_eq!(Status::parse("xong"), None);
    }

    #[test]
    fn rates_aggregate_by_summing_counts_not_averaging_percentages() {
        let a = Figure { numerator: 9.0, denominator: 10.0 }; // 90 %
        let b = Figure { numerator: 990.0, denominator: 1000.0 }; // 99 %
        let total = Figure::sum([&a, &b]);
        let rate = total.value(TargetKind::Rate).unwrap();
        assert!((rate - 98.910_891).abs() < 1e-4, "{rate}"); // not 94.5
        assert_eq!(Figure::default().value(TargetKind::Rate), None);
    }

    #[test]
    fn comparators() {
        assert!(Comparator::Ge.holds(98.0, 98.0));
        assert!(!Comparator::Gt.holds(90.0, 90.0));
        assert!(Comparator::Lt.holds(2.9, 3.0));
        assert!(!Comparator::Lt.holds(3.0, 3.0));
        assert!(Comparator::Eq.holds(100.0, 100.0));
    }

    fn task(deadline: &str) -> Task {
        Task::with_deadline("1.1", deadline, 2026)
    }

    #[test]
    fn work_period_against_due_dates() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let cases = [
            ("Trong năm 2026", Some((d(1, 1), d(12, 31)))),
            ("Định kỳ hằng quý", Some((d(1, 1), d(12, 31)))),
            ("Hằng tháng (chậm nhất ngày 25)", Some((d(1, 1), d(12, 25)))),
            ("Quý I năm 2026; Kế hoạch", Some((d(1, 1), d(12, 31)))),
            ("Quý I năm 2026", Some((d(1, 1), d(3, 31)))),
            ("Quý III/2026", Some((d(7, 1), d(9, 30)))),
            ("Tháng 10 năm 2026", Some((d(10, 1), d(10, 31)))),
            ("Trước ngày 15/6/2026", Some((d(4, 1), d(6, 15)))),
            ("Từ quý II đến quý III", Some((d(4, 1), d(9, 30)))),
            ("Quý II; báo cáo tháng 11", Some((d(4, 1), d(11, 30)))),
            ("Thường xuyên", None),
            ("Thường xuyên; báo cáo tháng 12", None),
            ("Khi có yêu cầu", None),
        ];
        for (text, want) in cases {
            assert_eq!(task(text).work_period(), want, "{text}");
        }
        let q = |n| Period::quarter(2026, n);
        let t = task("Quý I năm 2026; Kế hoạch");
        assert!((1..=4).all(|n| t.active_in(q(n))));
        assert_eq!(t.due_in(q(1)), vec![d(3, 31)]);
        assert!(t.due_in(q(2)).is_empty());
        let t = task("Quý III/2026");
        assert_eq!((1..=4).map(|n| t.active_in(q(n))).collect::<Vec<_>>(), [false, false, true, false]);
        assert!(t.active_in(Period::year(2026)) && !t.active_in(Period::year(2027)));
        assert!(task("Khi có yêu cầu").active_in(q(2)));
    }
}
