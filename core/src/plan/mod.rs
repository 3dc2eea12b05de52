//! Plans: the built-in Củ Chi 2023 plan, building a resolved [`Plan`] from
//! its source file, and importing a plan table from CSV.

pub mod docx;
pub mod edit;
pub mod import;
pub mod source;
pub mod table;
pub mod targets;
pub mod xlsx;
pub mod years;

use chrono::{Datelike, NaiveDate};

use crate::agency::{Group, Resolver};
use crate::deadline::parse_deadline;
use crate::domain::{Area, Comparator, Plan, Target, TargetKind, Task, TaskRepair, Unit, UnitKind};
use crate::error::{Error, PlanError, Result};
use crate::text::nfc;
pub use source::PlanSource;

/// The built-in plan's source text (Decision 221/QĐ-UBND, Củ Chi, 2023).
pub const BUILTIN_TOML: &str = include_str!("../../../assets/plans/cu-chi-2023.toml");

/// Parses a plan file (TOML).
pub fn parse_source(text: &str) -> Result<PlanSource> {
    toml::from_str(text).map_err(|e| Error::new("err-plan-file").arg("detail", e.to_string()))
}

/// The built-in plan's source.
pub fn builtin_source() -> PlanSource {
    parse_source(BUILTIN_TOML).expect("the built-in plan parses (checked by tests)")
}

/// The built-in plan, resolved.
pub fn builtin() -> Plan {
    build(&builtin_source()).expect("the built-in plan resolves (checked by tests)")
}

/// SHA-256 of the plan's canonical JSON form, hex.
pub fn content_hash(src: &PlanSource) -> String {
    let bytes = serde_json::to_vec(src).expect("plan source serialises");
    crate::util::sha256_hex(&bytes)
}

/// The most rows a plan table may have, and the most tasks or units a plan
/// may hold: a district's yearly plan has a few hundred; far more is a wrong
/// file, refused before any work.
pub const MAX_PLAN_ROWS: usize = 20_000;

/// The units, aliases and groups of a plan source, checked.
pub struct Organisation {
    pub units: Vec<Unit>,
    /// (unit code, alias phrase).
    pub aliases: Vec<(String, String)>,
    pub groups: Vec<Group>,
}

impl Organisation {
    pub fn resolver(&self) -> Resolver<'_> {
        Resolver::new(&self.units, &self.aliases, &self.groups)
    }

    /// A phrase that names one unit by itself (not a group phrase).
    pub fn names_one_unit(&self, resolver: &Resolver<'_>, phrase: &str) -> bool {
        let k = crate::agency::key(phrase);
        !self.groups.iter().any(|g| g.keys.contains(&k)) && resolver.resolve(phrase).is_some_and(|c| c.len() == 1)
    }
}

/// Checks and collects the organisation a plan source describes.
pub fn organisation(src: &PlanSource) -> Result<Organisation> {
    let mut units = Vec::with_capacity(src.units.len());
    let mut aliases = vec![];
    let mut unit_codes = std::collections::HashSet::new();
    for u in &src.units {
        let kind = UnitKind::parse(&u.kind)
            .ok_or_else(|| Error::new("err-plan-field").arg("field", "units.kind").arg("value", &u.kind))?;
        if !unit_codes.insert(u.code.as_str()) {
            return Err(Error::new("err-plan-duplicate").arg("what", "unit").arg("code", &u.code));
        }
        units.push(Unit {
            code: u.code.clone(),
            name: nfc(&u.name),
            kind,
            parent: (!u.parent.is_empty()).then(|| u.parent.clone()),
        });
        aliases.extend(u.aliases.iter().map(|a| (u.code.clone(), a.clone())));
    }
    for u in &units {
        if let Some(p) = &u.parent
            && !unit_codes.contains(p.as_str())
        {
            return Err(Error::new("err-plan-unknown-ref").arg("what", "parent").arg("code", p));
        }
    }
    if !units.iter().any(|u| u.code == src.issuer) {
        return Err(Error::new("err-plan-unknown-ref").arg("what", "issuer").arg("code", &src.issuer));
    }
    let mut groups = vec![];
    for g in &src.groups {
        let mut kinds = vec![];
        for k in &g.kinds {
            kinds.push(
                UnitKind::parse(k)
                    .ok_or_else(|| Error::new("err-plan-field").arg("field", "groups.kinds").arg("value", k))?,
            );
        }
        for c in &g.units {
            if !units.iter().any(|u| &u.code == c) {
                return Err(Error::new("err-plan-unknown-ref").arg("what", "unit").arg("code", c));
            }
        }
        groups.push(Group::new(&g.phrases, kinds, g.units.clone()));
    }
    Ok(Organisation { units, aliases, groups })
}

/// Resolves a plan source: parses deadlines, resolves agencies to units,
/// checks references. Errors name the task and the phrase at fault.
pub fn build(src: &PlanSource) -> Result<Plan> {
    build_in(src, None)
}

/// The plan's source with its units taken from the organisation, when the
/// organisation holds the plan's issuer (else the plan's own units).
pub fn with_org_units(src: &PlanSource, org: Option<&crate::org::Org>) -> PlanSource {
    match org {
        Some(o) if o.unit(&src.issuer).is_some() => {
            // The organisation's units, then any unit only the plan knows.
            let mut units = o.unit_sources();
            units.extend(src.units.iter().filter(|u| o.unit(&u.code).is_none()).cloned());
            PlanSource { units, ..src.clone() }
        }
        _ => src.clone(),
    }
}

/// [`build`] against the installation's organisation: units, names and
/// parents come from it (when it holds the plan's issuer); collective
/// phrases expand below the issuer and leave out retired units. The plan's
/// hash stays the hash of its own source.
pub fn build_in(src: &PlanSource, org: Option<&crate::org::Org>) -> Result<Plan> {
    if src.tasks.len() > MAX_PLAN_ROWS || src.units.len() > MAX_PLAN_ROWS {
        return Err(Error::from(PlanError::TooManyRows { count: src.tasks.len().max(src.units.len()), max: MAX_PLAN_ROWS }));
    }
    let own_hash = content_hash(src);
    let retired = org.map(|o| o.retired()).unwrap_or_default();
    let src = &with_org_units(src, org);
    let date = NaiveDate::parse_from_str(&src.date, "%Y-%m-%d")
        .map_err(|_| Error::new("err-plan-field").arg("field", "date").arg("value", &src.date))?;
    // The units, aliases and groups (the organisation's, when it holds the
    // issuer): collective phrases expand below the issuer, retired units left out.
    let org = organisation(src)?;
    let resolver = org.resolver().scoped(&src.issuer, &retired);
    let areas: Vec<Area> = src
        .areas
        .iter()
        .map(|a| Area { code: a.code.clone(), title: nfc(&a.title) })
        .collect();
    let area_codes: std::collections::HashSet<&str> = areas.iter().map(|a| a.code.as_str()).collect();
    let mut task_codes = std::collections::HashSet::new();
    let mut tasks: Vec<Task> = Vec::with_capacity(src.tasks.len());
    for t in &src.tasks {
        if !task_codes.insert(t.code.as_str()) {
            return Err(Error::new("err-plan-duplicate").arg("what", "task").arg("code", &t.code));
        }
        if !area_codes.contains(t.area.as_str()) {
            return Err(Error::new("err-plan-unknown-ref").arg("what", "area").arg("code", &t.area));
        }
        // Each phrase resolved; `explicit` says it names one unit by itself.
        let resolve_all = |phrases: &[String]| -> Result<Vec<(Vec<String>, bool)>> {
            phrases
                .iter()
                .map(|p| {
                    let codes = resolver.resolve(p).ok_or_else(|| {
                        Error::from(crate::error::PlanError::UnknownAgency { task: t.code.clone(), phrase: p.clone() })
                    })?;
                    Ok((codes, org.names_one_unit(&resolver, p)))
                })
                .collect()
        };
        let (lead, coordinating) = assign_roles(&resolve_all(&t.lead)?, &resolve_all(&t.coordinating)?);
        tasks.push(Task {
            code: t.code.clone(),
            area: t.area.clone(),
            description: nfc(&t.description),
            products: t.products.iter().map(|p| nfc(p)).collect(),
            lead_text: t.lead.iter().map(|p| nfc(p)).collect(),
            coordinating_text: t.coordinating.iter().map(|p| nfc(p)).collect(),
            lead,
            coordinating,
            deadline_text: nfc(&t.deadline),
            schedule: task_schedule(&t.deadline, &manual_dates(t)?, src.year),
            repairs: t
                .repairs
                .iter()
                .map(|r| TaskRepair { field: r.field.clone(), original: nfc(&r.seed), fixed: nfc(&r.fixed) })
                .collect(),
        });
    }
    let mut targets = vec![];
    for t in &src.targets {
        let kind = match t.kind.as_str() {
            "rate" => TargetKind::Rate,
            "value" => TargetKind::Value,
            "yes_no" => TargetKind::YesNo,
            other => return Err(Error::new("err-plan-field").arg("field", "targets.kind").arg("value", other)),
        };
        let comparator = Comparator::parse(&t.comparator).ok_or_else(|| {
            Error::new("err-plan-field").arg("field", "targets.comparator").arg("value", &t.comparator)
        })?;
        let mut applies_to = vec![];
        for k in &t.applies_to {
            applies_to.push(
                UnitKind::parse(k)
                    .ok_or_else(|| Error::new("err-plan-field").arg("field", "targets.applies_to").arg("value", k))?,
            );
        }
        if targets.iter().any(|x: &Target| x.code == t.code) {
            return Err(Error::new("err-plan-duplicate").arg("what", "target").arg("code", &t.code));
        }
        targets.push(Target {
            code: t.code.clone(),
            text: nfc(&t.text),
            kind,
            comparator,
            value: t.value,
            unit: t.unit.clone(),
            numerator: nfc(&t.numerator),
            denominator: nfc(&t.denominator),
            applies_to,
        });
    }
    Ok(Plan {
        id: src.id.clone(),
        hash: own_hash,
        number: nfc(&src.number),
        date,
        issuer: src.issuer.clone(),
        year: src.year,
        title: nfc(&src.title),
        areas,
        tasks,
        targets,
        units: org.units,
    })
}

/// The manual due dates of a task source, checked.
pub fn manual_dates(t: &source::TaskSource) -> Result<Vec<NaiveDate>> {
    t.manual_dates
        .iter()
        .map(|d| {
            NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| Error::new("err-plan-field").arg("field", format!("tasks.{}.manual_dates", t.code)).arg("value", d))
        })
        .collect()
}

/// What a task's deadline means for the plan year: the cell read by the
/// parser, or — when the clerk entered dates by hand — those dates, sorted,
/// the work starting with the quarter of the first (as a bare date in the
/// cell would). The cell's on-demand, continuous and external flags stay.
pub fn task_schedule(deadline: &str, manual: &[NaiveDate], year: i32) -> crate::deadline::Schedule {
    let mut s = parse_deadline(deadline, year);
    if manual.is_empty() {
        return s;
    }
    let mut dates = manual.to_vec();
    dates.sort();
    dates.dedup();
    s.milestones = dates.iter().map(|d| crate::deadline::Milestone { due: *d, label: String::new() }).collect();
    s.work_from = dates.first().map(|d| crate::domain::Period::quarter(d.year(), crate::deadline::quarter_of(*d)).start());
    s.unparsed = false;
    s
}

/// Lead and coordinating units of a task from its resolved phrases
/// (`(codes, names one unit explicitly)`). An agency keeps the role it is
/// named in: a unit named explicitly as coordinating is not made lead by a
/// group phrase of the lead cell that also covers it, and a unit named
/// explicitly as lead is not also coordinating. A unit reached only through
/// groups of both cells leads.
fn assign_roles(lead: &[(Vec<String>, bool)], coordinating: &[(Vec<String>, bool)]) -> (Vec<String>, Vec<String>) {
    let flat = |xs: &[(Vec<String>, bool)], explicit: bool| -> Vec<String> {
        let mut out: Vec<String> = vec![];
        for (codes, e) in xs {
            if *e == explicit {
                for c in codes {
                    if !out.contains(c) {
                        out.push(c.clone());
                    }
                }
            }
        }
        out
    };
    let (lead_named, lead_group) = (flat(lead, true), flat(lead, false));
    let (coord_named, coord_group) = (flat(coordinating, true), flat(coordinating, false));
    let mut lead_out = lead_named.clone();
    for c in lead_group {
        if !lead_out.contains(&c) && !coord_named.contains(&c) {
            lead_out.push(c);
        }
    }
    let mut coord_out: Vec<String> = vec![];
    for c in coord_named.into_iter().chain(coord_group) {
        if !lead_out.contains(&c) && !coord_out.contains(&c) {
            coord_out.push(c);
        }
    }
    // Keep the plan's order of units within each role.
    (lead_out, coord_out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;

    #[test]
    fn explicitly_named_coordinators_keep_their_role() {
        let p = builtin();
        let code = |name: &str| p.units.iter().find(|u| u.name == name).unwrap().code.clone();
        let (pnv, vp, ptckh) = (code("Phòng Nội vụ"), code("Văn phòng HĐND và UBND"), code("Phòng Tài chính – Kế hoạch"));
        // Named in the coordinating column, covered by a group phrase of the lead column.
        for (task, unit) in [("1.6", &pnv), ("3.2", &vp), ("3.6", &vp), ("3.9", &vp), ("6.2", &ptckh), ("6.5", &ptckh), ("7.3", &vp)] {
            let t = p.task(task).unwrap();
            assert_eq!(t.role_of(unit), Some(Role::Coordinating), "{task}: {:?} / {:?}", t.lead, t.coordinating);
            assert!(!t.lead.contains(unit), "{task}");
        }
        for task in ["1.6", "3.2", "3.6", "3.8", "3.9", "4.1", "6.2", "6.3", "6.4", "6.5", "6.7", "7.3", "7.4"] {
            assert!(!p.task(task).unwrap().coordinating.is_empty(), "{task} has its coordinators");
        }
        // The group still leads for everyone else it covers.
        let t62 = p.task("6.2").unwrap();
        assert!(t62.lead.contains(&pnv) && t62.lead.iter().any(|c| c.starts_with("X-")));
        // A unit named in the lead column is not also a coordinator.
        assert!(p.tasks.iter().all(|t| t.coordinating.iter().all(|c| !t.lead.contains(c))));
    }

    #[test]
    fn repairs_reach_the_task() {
        let p = builtin();
        let t = p.task("2.3").unwrap();
        assert!(t.repairs.iter().any(|r| r.field == "lead" && r.original == "Chủ tịch UBND xã, thị trấn"), "{:?}", t.repairs);
        assert!(t.lead.iter().any(|c| c.starts_with("X-")), "communes lead 2.3 as the seed has it");
        assert!(p.task("1.4").unwrap().repairs.len() >= 1);
    }
}
