//! The organisation's tables.

use rusqlite::params;

use super::{Store, now_stamp};
use crate::domain::UnitKind;
use crate::error::{Error, Result, StoreError};
use crate::org::{Org, OrgUnit};

/// Where the stored organisation came from (meta `org_origin`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgOrigin {
    /// Seeded from the built-in example plan, untouched since: a units
    /// table imported into it replaces it.
    Example,
    /// Seeded from an installed plan's units, imported or edited.
    Own,
}

impl Store {
    /// The stored organisation (empty before it is seeded).
    pub fn org(&self) -> Result<Org> {
        let mut st = self.conn.prepare(
            "SELECT code, name, kind, parent, retired, consolidates_for, aliases FROM org_unit ORDER BY position, code",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, bool>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        let mut units = vec![];
        for row in rows {
            let (code, name, kind, parent, retired, consolidates_for, aliases) = row?;
            let kind = UnitKind::parse(&kind).ok_or_else(|| {
                Error::from(StoreError::Database { detail: format!("org_unit.kind {kind}") })
            })?;
            let aliases: Vec<String> = serde_json::from_str(&aliases).unwrap_or_default();
            units.push(OrgUnit {
                code,
                name,
                kind,
                parent,
                retired,
                consolidates_for,
                aliases,
            });
        }
        Ok(Org { units })
    }

    pub fn org_origin(&self) -> Result<OrgOrigin> {
        Ok(match self.meta("org_origin")?.as_deref() {
            Some("example") => OrgOrigin::Example,
            _ => OrgOrigin::Own,
        })
    }

    /// Replaces the stored organisation with `org` (checked first) and,
    /// when the installation has an active plan, installs that plan again
    /// against it (a unit added to a group gets its assignments) — all in
    /// one transaction. Returns the active plan as resolved now.
    /// `install`: a plan to install and make active instead (a new
    /// organisation's empty plan).
    pub fn save_org(
        &mut self,
        org: &Org,
        origin: OrgOrigin,
        install: Option<&crate::plan::PlanSource>,
    ) -> Result<Option<crate::domain::Plan>> {
        org.check()?;
        let source = match install {
            Some(src) => Some(src.clone()),
            None => self
                .active_plan_id()?
                .map(|id| self.plan_source(&id))
                .transpose()?,
        };
        let active = match source {
            Some(src) => {
                let plan = crate::plan::build_in(&src, (!org.is_empty()).then_some(org))?;
                Some((src, plan))
            }
            None => None,
        };
        let tx = self.conn.transaction()?;
        write_org(&tx, org, origin)?;
        if let Some((src, plan)) = &active {
            super::write_plan(&tx, plan, src)?;
        }
        tx.commit()?;
        Ok(active.map(|(_, p)| p))
    }
}

/// Replaces the organisation's rows inside the caller's transaction.
pub(super) fn write_org(tx: &rusqlite::Transaction, org: &Org, origin: OrgOrigin) -> Result<()> {
    tx.execute("DELETE FROM org_unit", [])?;
    {
        let mut ins = tx.prepare(
                "INSERT INTO org_unit (code, name, kind, parent, retired, consolidates_for, aliases, position, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
        let now = now_stamp();
        for (i, u) in org.units.iter().enumerate() {
            ins.execute(params![
                u.code,
                u.name,
                u.kind.as_str(),
                u.parent,
                u.retired,
                u.consolidates_for,
                serde_json::to_string(&u.aliases).expect("aliases serialise"),
                i as i64,
                now
            ])?;
        }
    }
    let origin = match origin {
        OrgOrigin::Example => "example",
        OrgOrigin::Own => "own",
    };
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('org_origin', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [origin],
    )?;
    Ok(())
}
