//! Plans: the built-in Củ Chi 2023 plan, building a resolved [`Plan`] from
//! its source file, and importing a plan table from CSV.

pub mod import;
pub mod xlsx;
pub mod source;

use chrono::NaiveDate;

use crate::agency::{Group, Resolver};
use crate::deadline::parse_deadline;
use crate::domain::{Area, Comparator, Plan, Target, TargetKind, Task, Unit, UnitKind};
use crate::error::{Error, Result};
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
        return Err(Error::new("err-import-too-many-rows").arg("count", src.tasks.len().max(src.units.len())).arg("max", MAX_PLAN_ROWS));
    }
    let own_hash = content_hash(src);
    let retired = org.map(|o| o.retired()).unwrap_or_default();
    let src = &with_org_units(src, org);
    let date = NaiveDate::parse_from_str(&src.date, "%Y-%m-%d")
        .map_err(|_| Error::new("err-plan-field").arg("field", "date").arg("value", &src.date))?;
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
    let resolver = Resolver::new(&units, &aliases, &groups).scoped(&src.issuer, &retired);
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
        let resolve_all = |phrases: &[String]| -> Result<Vec<String>> {
            let mut out: Vec<String> = vec![];
            for p in phrases {
                let codes = resolver.resolve(p).ok_or_else(|| {
                    Error::new("err-unknown-agency").arg("task", &t.code).arg("phrase", p)
                })?;
                for c in codes {
                    if !out.contains(&c) {
                        out.push(c);
                    }
                }
            }
            Ok(out)
        };
        let lead = resolve_all(&t.lead)?;
        // A unit that leads a task does not also coordinate it.
        let coordinating: Vec<String> =
            resolve_all(&t.coordinating)?.into_iter().filter(|c| !lead.contains(c)).collect();
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
            schedule: parse_deadline(&t.deadline, src.year),
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
        units,
    })
}
