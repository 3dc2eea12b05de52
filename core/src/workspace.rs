//! A workspace: one installation's database, its active plan, its unit and
//! "today". The CLI and the window both work through this.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::{Figure, FigureProblem, KpiState, MAX_FIGURE, Period, Plan, Target, TargetKind};
use crate::error::{Error, Result};
use crate::progress::{Change, Filter, TaskRow, TaskState};
use crate::store::{DB_FILE, Store};

/// Where the data folder is: `--data-dir`, then `TIENDO_DATA_DIR`, then a
/// portable folder beside the executable (a folder named `tiendo-data` or a
/// file `portable.txt` next to it), then the per-user data folder.
pub fn data_dir(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p.to_owned());
    }
    if let Some(p) = std::env::var_os("TIENDO_DATA_DIR").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    if let Some(dir) = std::env::current_exe().ok().and_then(|e| e.parent().map(Path::to_owned)) {
        let portable = dir.join("tiendo-data");
        if portable.is_dir() || dir.join("portable.txt").is_file() {
            return Ok(portable);
        }
    }
    directories::ProjectDirs::from("vn", "TienDo", "TienDo")
        .map(|p| p.data_dir().to_owned())
        .ok_or_else(|| Error::new("err-no-data-dir"))
}

pub struct Workspace {
    /// The database. Outside this crate it cannot be reached: the window and
    /// the command line call the workspace's methods, where the rules live.
    /// Tests, benchmarks and fuzzing reach it with the `test-support` feature.
    pub(crate) store: Store,
    pub plan: Plan,
    /// The unit this installation is, once chosen.
    pub unit: Option<String>,
    pub today: NaiveDate,
    /// Who makes changes (recorded in the history).
    pub operator: String,
    /// The signing key's passphrase, once given (see `unlock_key`).
    pub passphrase: Option<crate::crypto::seal::Passphrase>,
    /// The organisation (units, parents, who consolidates).
    pub org: crate::org::Org,
}

/// One row of a KPI table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KpiRow {
    pub target: Target,
    /// Sum over the unit and every unit below it.
    pub figure: Option<Figure>,
    pub value: Option<f64>,
    pub state: KpiState,
    /// How many units reported a figure.
    pub reporting_units: usize,
}

fn operator_name() -> String {
    std::env::var("TIENDO_USER")
        .or_else(|_| std::env::var("USERNAME"))
        .or_else(|_| std::env::var("USER"))
        .unwrap_or_else(|_| "?".to_owned())
}

/// A clerk's name as typed: trimmed, spaces collapsed; refused when empty
/// or longer than 60 characters.
pub fn check_operator_name(name: &str) -> Result<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Error::new("err-operator-empty"));
    }
    if name.chars().count() > 60 {
        return Err(Error::new("err-operator-too-long").arg("count", name.chars().count() as i64));
    }
    Ok(name)
}

/// The stored organisation; on first use of a database (new, or made
/// before the organisation was stored) it is seeded from the active plan's
/// units — the built-in plan's as the example a units table may replace.
fn ensure_org(store: &mut Store) -> Result<crate::org::Org> {
    let org = store.org()?;
    if !org.is_empty() {
        return Ok(org);
    }
    let id = store.active_plan_id()?.ok_or_else(|| Error::new("err-no-plan"))?;
    let src = store.plan_source(&id)?;
    let org = crate::org::Org::from_plan_units(&src.id, &src.units)?;
    let origin = if src.id == crate::plan::builtin_source().id {
        crate::store::OrgOrigin::Example
    } else {
        crate::store::OrgOrigin::Own
    };
    store.save_org(&org, origin, None)?;
    Ok(org)
}

/// Today's date, or `TIENDO_TODAY` (YYYY-MM-DD) when set (tests, demos).
pub fn today() -> NaiveDate {
    crate::clock::today()
}

impl Workspace {
    /// Opens the workspace in `dir`; a first run creates the database from the built-in plan.
    pub fn open(dir: &Path) -> Result<Workspace> {
        let store = Store::open(&dir.join(DB_FILE))?;
        // A bundle's parts being merged when the program was killed leave their joined whole.
        crate::bundle::sweep_joined(dir);
        Self::from_store(store)
    }

    /// A workspace on an in-memory database with the built-in plan (tests).
    pub fn in_memory() -> Result<Workspace> {
        Self::from_store(Store::open_in_memory()?)
    }

    pub fn from_store(mut store: Store) -> Result<Workspace> {
        if store.active_plan_id()?.is_none() {
            store.install_plan(&crate::plan::builtin_source())?;
        }
        let org = ensure_org(&mut store)?;
        let plan = store.active_plan()?;
        let unit = store.meta("unit")?.filter(|u| plan.unit(u).is_some());
        let operator = store.meta("operator")?.unwrap_or_else(operator_name);
        Ok(Workspace { store, plan, unit, today: today(), operator, passphrase: None, org })
    }

    /// Whether a clerk has given their name on this installation (else the
    /// history would record the system account).
    pub fn operator_named(&self) -> Result<bool> {
        Ok(self.store.meta("operator")?.is_some())
    }

    /// The names of the clerks who have worked on this installation, most recent first.
    pub fn operators(&self) -> Result<Vec<String>> {
        Ok(self.store.meta("operators")?.map(|s| s.lines().map(str::to_owned).collect()).unwrap_or_default())
    }

    /// Makes `name` the clerk recorded in the history from now on, and
    /// remembers it among the installation's clerks.
    pub fn set_operator(&mut self, name: &str) -> Result<()> {
        let name = check_operator_name(name)?;
        let mut known = self.operators()?;
        known.retain(|k| *k != name);
        known.insert(0, name.clone());
        known.truncate(20);
        self.store.set_meta("operators", &known.join("\n"))?;
        self.store.set_meta("operator", &name)?;
        self.operator = name;
        Ok(())
    }

    /// The installation's unit, or an error asking to choose one.
    pub fn require_unit(&self) -> Result<&str> {
        self.unit.as_deref().ok_or_else(|| Error::new("err-no-unit"))
    }

    /// `explicit`, else the installation's unit; checked against the plan.
    pub fn unit_or(&self, explicit: Option<&str>) -> Result<String> {
        let code = match explicit {
            Some(c) => c.to_owned(),
            None => self.require_unit()?.to_owned(),
        };
        self.check_unit(&code)?;
        Ok(code)
    }

    pub fn check_unit(&self, code: &str) -> Result<()> {
        if self.plan.unit(code).is_none() {
            return Err(Error::new("err-unknown-unit").arg("code", code));
        }
        Ok(())
    }

    pub fn set_unit(&mut self, code: &str) -> Result<()> {
        self.check_unit(code)?;
        if self.org.unit(code).is_some_and(|u| u.retired) {
            return Err(Error::new("err-unit-retired").arg("code", code));
        }
        self.store.set_meta("unit", code)?;
        self.unit = Some(code.to_owned());
        Ok(())
    }

    /// The task list of `unit`, filtered, in plan order.
    pub fn rows(&self, unit: &str, filter: &Filter) -> Result<Vec<TaskRow<'_>>> {
        let states = self.store.task_states(&self.plan.id, unit)?;
        let evidence = self.store.evidence_counts(&self.plan.id, unit)?;
        let mut out = vec![];
        for (task, role) in self.plan.assignments_of(unit) {
            let state = states.get(&task.code).cloned().unwrap_or_else(|| TaskState::new(&task.code, unit, role));
            let row = TaskRow {
                task,
                overdue: state.is_overdue(task, self.today),
                next_due: state.next_due(task),
                evidence_count: evidence.get(&task.code).copied().unwrap_or(0),
                state,
            };
            if filter.matches(&row, self.today) {
                out.push(row);
            }
        }
        Ok(out)
    }

    /// Applies a change to `unit`'s instance of `task`, recording who did it.
    pub fn update_task(&mut self, unit: &str, task: &str, change: &Change) -> Result<TaskState> {
        let t = self.plan.task(task).ok_or_else(|| Error::new("err-unknown-task").arg("code", task))?;
        if let Some((due, _)) = change.milestone_done
            && !t.schedule.dates().contains(&due)
        {
            return Err(Error::new("err-no-milestone").arg("task", task).arg("date", crate::i18n::format_date(due)));
        }
        let by = format!("{} ({})", self.operator, unit);
        self.store.update_task(&self.plan.id, unit, task, change, &by)
    }

    /// Enters a KPI figure for `unit`, checking it makes sense for the target.
    pub fn set_figure(&mut self, unit: &str, target: &str, period: Period, f: Figure) -> Result<()> {
        let t = self.plan.target(target).ok_or_else(|| Error::new("err-unknown-target").arg("code", target))?;
        if period.quarter.is_none() {
            return Err(Error::new("err-kpi-quarter").arg("value", period.to_string()));
        }
        if let Some(problem) = f.problem(t.kind) {
            return Err(match problem {
                FigureProblem::Negative => Error::new("err-kpi-negative"),
                FigureProblem::NotANumber => Error::new("err-kpi-number").arg("max", MAX_FIGURE),
                FigureProblem::ZeroDenominator => Error::new("err-kpi-zero-den"),
                FigureProblem::NumeratorOverDenominator => {
                    Error::new("err-kpi-num-gt-den").arg("num", f.numerator).arg("den", f.denominator)
                }
                FigureProblem::NotYesNo => Error::new("err-kpi-yes-no"),
            });
        }
        let by = format!("{} ({})", self.operator, unit);
        self.store.set_figure(&self.plan.id, target, unit, period, f, &by)
    }

    /// The KPI table of `unit` for `period` (a quarter, or a year = its four
    /// quarters): figures summed over the unit and every unit below it.
    pub fn kpi_rows(&self, unit: &str, period: Period) -> Result<Vec<KpiRow>> {
        let subtree: Vec<String> = self.plan.subtree(unit).iter().map(|u| u.code.clone()).collect();
        let quarters = period.quarters();
        let figures = self.store.figures(&self.plan.id)?;
        let mut out = vec![];
        for t in &self.plan.targets {
            let picked: Vec<&(String, String, Period, Figure)> = figures
                .iter()
                .filter(|(tc, u, p, _)| tc == &t.code && subtree.contains(u) && quarters.contains(p))
                .collect();
            let mut units: Vec<&str> = picked.iter().map(|(_, u, _, _)| u.as_str()).collect();
            units.sort_unstable();
            units.dedup();
            let figure = (!picked.is_empty()).then(|| Figure::sum(picked.iter().map(|x| &x.3)));
            let figure = match (t.kind, figure) {
                // Yes/no over several quarters or units: achieved only if all achieved.
                (TargetKind::YesNo, Some(_)) => Some(Figure {
                    numerator: if picked.iter().all(|x| x.3.numerator >= 1.0) { 1.0 } else { 0.0 },
                    denominator: 1.0,
                }),
                (_, f) => f,
            };
            out.push(KpiRow {
                target: t.clone(),
                value: figure.and_then(|f| f.value(t.kind)),
                state: KpiState::of(t, figure.as_ref()),
                figure,
                reporting_units: units.len(),
            });
        }
        Ok(out)
    }
}

impl Workspace {
    /// Attaches a file to `unit`'s instance of `task`: streamed into the
    /// database, hashed while copied, stored once per content.
    pub fn add_evidence(
        &mut self,
        unit: &str,
        task: &str,
        path: &Path,
        meta: &crate::evidence::EvidenceMeta,
        progress: &mut dyn FnMut(u64) -> bool,
    ) -> Result<crate::evidence::Evidence> {
        if self.plan.task(task).is_none() {
            return Err(Error::new("err-unknown-task").arg("code", task));
        }
        self.store.task_state(&self.plan.id, unit, task)?;
        let mut file = std::fs::File::open(path).map_err(|e| {
            Error::new("err-open-file").arg("path", path.display().to_string()).io(e)
        })?;
        if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
            return Err(Error::new("err-open-file").arg("path", path.display().to_string()).arg("detail", crate::i18n::Arg::Msg("io-is-dir")));
        }
        let name = crate::evidence::safe_file_name(&path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
        let by = format!("{} ({})", self.operator, unit);
        // Bytes and attachment in one transaction: a crash keeps both or neither.
        self.store.attach_evidence(
            &self.plan.id,
            unit,
            task,
            &mut file,
            progress,
            &name,
            crate::evidence::media_type(&name),
            meta,
            &by,
        )
    }

    /// Writes an attachment's bytes to `out` (via a temporary name).
    pub fn export_evidence(&self, id: i64, out: &Path) -> Result<crate::evidence::Evidence> {
        let ev = self.store.evidence(id)?;
        crate::fsutil::write_atomic(out, |w| self.store.read_blob(&ev.sha256, w).map(|_| ()))?;
        Ok(ev)
    }
}

/// Holds the data folder for one window at a time: a second window on the
/// same folder is refused politely instead of racing the first one. (Command
/// line tools may still run beside the window: SQLite serialises writers.)
#[derive(Debug)]
pub struct InstanceLock {
    _file: std::fs::File,
}

impl InstanceLock {
    pub fn acquire(dir: &Path) -> Result<InstanceLock> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join("tiendo.lock");
        let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path)?;
        match file.try_lock() {
            Ok(()) => Ok(InstanceLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => {
                Err(Error::new("err-already-running").arg("path", dir.display().to_string()))
            }
            Err(std::fs::TryLockError::Error(e)) => Err(e.into()),
        }
    }
}

/// Settings keys of the second backup place.
const META_BACKUP_PLACE: &str = "backup_place";
const META_BACKUP_PLACE_AT: &str = "backup_place_written";
const META_BACKUP_PLACE_TO: &str = "backup_place_written_to";

/// After this many days without a backup in the second place, the clerk is reminded.
pub const BACKUP_PLACE_REMINDER_DAYS: i64 = 7;

impl Workspace {
    /// The folder of automatic and manual backups.
    pub fn backup_dir(&self) -> Result<PathBuf> {
        let db = self.store.path().ok_or_else(|| Error::new("err-no-data-dir"))?;
        Ok(db.parent().unwrap_or(Path::new(".")).join("backups"))
    }

    /// Backs up now: to `out` if given, else into the rotating backup folder.
    pub fn backup_now(&self, out: Option<&Path>) -> Result<PathBuf> {
        match out {
            Some(p) => {
                self.store.backup_to(p)?;
                Ok(p.to_owned())
            }
            None => self.store.rotate_backup(&self.backup_dir()?, "manual"),
        }
    }

    /// The second place for backups (a USB drive, a network folder) chosen
    /// in Settings, if any.
    pub fn backup_place(&self) -> Result<Option<PathBuf>> {
        Ok(self.store.meta(META_BACKUP_PLACE)?.filter(|s| !s.is_empty()).map(PathBuf::from))
    }

    /// Chooses (or, with `None`, forgets) the second place for backups.
    pub fn set_backup_place(&self, dir: Option<&Path>) -> Result<()> {
        let value = dir.map(|d| d.display().to_string()).unwrap_or_default();
        self.store.set_meta(META_BACKUP_PLACE, &value)
    }

    /// When a generation was last written to a second place, and where.
    pub fn backup_place_written(&self) -> Result<Option<(chrono::NaiveDateTime, PathBuf)>> {
        let at = self.store.meta(META_BACKUP_PLACE_AT)?;
        let to = self.store.meta(META_BACKUP_PLACE_TO)?.unwrap_or_default();
        Ok(at
            .and_then(|s| chrono::NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S").ok())
            .map(|t| (t, PathBuf::from(to))))
    }

    /// Writes a backup generation to `dir` (a second place: `tiendo backup
    /// --to DIR`, Settings), kept [`crate::store::backup::KEEP`] deep there,
    /// and records when.
    pub fn backup_to_place(&self, dir: &Path) -> Result<PathBuf> {
        let dest = self.store.rotate_generation(dir, "copy")?;
        self.store.set_meta(META_BACKUP_PLACE_AT, &crate::store::now_stamp())?;
        self.store.set_meta(META_BACKUP_PLACE_TO, &dir.display().to_string())?;
        Ok(dest)
    }

    /// The clerk should be reminded: no backup has been written to a second
    /// place for [`BACKUP_PLACE_REMINDER_DAYS`] days (or ever) while one is chosen.
    pub fn backup_place_overdue(&self) -> Result<bool> {
        if self.backup_place()?.is_none() {
            return Ok(false);
        }
        Ok(match self.backup_place_written()? {
            Some((at, _)) => (self.today - at.date()).num_days() >= BACKUP_PLACE_REMINDER_DAYS,
            None => true,
        })
    }

    /// Makes the daily automatic backup if the last one is older than a day;
    /// when a second place is chosen and can be reached (the drive is
    /// plugged in), a generation is written there too. A second place that
    /// cannot be written is left for the reminder to report.
    pub fn auto_backup(&self) -> Result<Option<PathBuf>> {
        let made = self.auto_backup_local()?;
        if made.is_some()
            && let Some(place) = self.backup_place()?
            && place.is_dir()
        {
            let _ = self.backup_to_place(&place);
        }
        Ok(made)
    }

    fn auto_backup_local(&self) -> Result<Option<PathBuf>> {
        let last = self.store.meta("last_backup")?;
        let due = match last.and_then(|s| chrono::NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S").ok()) {
            Some(t) => crate::clock::now() - t > chrono::Duration::hours(24),
            None => true,
        };
        if !due || self.store.path().is_none() {
            return Ok(None);
        }
        self.store.rotate_backup(&self.backup_dir()?, "auto").map(Some)
    }

    /// Restores the database from a backup file (verified first; the current
    /// database is kept as a backup), then reloads the plan and unit.
    pub fn restore(&mut self, src: &Path) -> Result<crate::store::backup::BackupInfo> {
        let dir = self.backup_dir()?;
        let info = self.store.restore_from(src, &dir)?;
        self.reload()?;
        Ok(info)
    }

    /// Reads the organisation, the active plan and the unit again from the
    /// database (after another connection changed them: the window's save
    /// worker, a restore).
    pub fn reload(&mut self) -> Result<()> {
        self.org = ensure_org(&mut self.store)?;
        self.plan = self.store.active_plan()?;
        self.unit = self.store.meta("unit")?.filter(|u| self.plan.unit(u).is_some());
        Ok(())
    }
}

impl Workspace {
    /// Stores a changed organisation (checked first) and resolves the active
    /// plan against it again, in one transaction.
    pub fn save_org(&mut self, org: crate::org::Org) -> Result<()> {
        if let Some(plan) = self.store.save_org(&org, crate::store::OrgOrigin::Own, None)? {
            self.plan = plan;
        }
        self.org = org;
        Ok(())
    }

    /// Replaces the organisation with a new one and puts the installation
    /// on an empty plan of the new organisation for this year (until its
    /// plan is imported); the unit is chosen again.
    pub fn start_org(&mut self, org: crate::org::Org) -> Result<()> {
        let src = crate::org::empty_plan(&org, self.today)?;
        if let Some(plan) = self.store.save_org(&org, crate::store::OrgOrigin::Own, Some(&src))? {
            self.plan = plan;
        }
        self.org = org;
        self.unit = self.unit.take().filter(|u| self.plan.unit(u).is_some());
        Ok(())
    }

    /// Applies a units table: into the built-in example (a fresh data
    /// folder) it creates the organisation, into an organisation of one's
    /// own it adds and updates units. `dry_run`: says what would change and
    /// stores nothing. A bad row changes nothing.
    pub fn import_units(&mut self, rows: &[Vec<String>], dry_run: bool) -> Result<crate::org::OrgChanges> {
        let replace = self.store.org_origin()? == crate::store::OrgOrigin::Example;
        let (org, changes) = crate::org::apply_table(&self.org, rows, replace)?;
        if dry_run {
        } else if replace {
            self.start_org(org)?;
        } else {
            self.save_org(org)?;
        }
        Ok(changes)
    }

    /// The unit whose units' reports this installation consolidates: the
    /// unit its own unit consolidates for (Phòng Nội vụ → UBND huyện), else
    /// its own unit when units sit below it. `None`: no "Tổng hợp" screen.
    /// Whether `office` receives `unit`'s reports in `plan`: `unit` is below
    /// it, or below the unit it consolidates for (Phòng Nội vụ for UBND
    /// huyện's communes, Sở Nội vụ for a province's, Văn phòng for a
    /// commune's offices) — never the office itself or the unit it serves.
    pub fn governs(&self, plan: &crate::domain::Plan, office: &str, unit: &str) -> bool {
        if office == unit {
            return false;
        }
        let below = |root: &str| plan.subtree(root).iter().any(|u| u.code == unit);
        let served = self.org.consolidates_for(office).filter(|p| plan.unit(p).is_some());
        below(office) || served.is_some_and(|p| p != unit && below(p))
    }

    pub fn consolidation_scope(&self) -> Option<String> {
        let unit = self.unit.as_deref()?;
        if let Some(p) = self.org.consolidates_for(unit).filter(|p| self.plan.unit(p).is_some()) {
            return Some(p.to_owned());
        }
        (self.plan.subtree(unit).len() > 1).then(|| unit.to_owned())
    }
}

/// A task's page for one unit: where it stands, what happened, what proves it.
#[derive(Debug, Clone)]
pub struct TaskPage {
    pub state: TaskState,
    pub history: Vec<crate::progress::HistoryEntry>,
    pub evidence: Vec<crate::evidence::Evidence>,
}

/// What the window and the command line read and write through the
/// workspace (never through the store): always of the active plan.
impl Workspace {
    /// The database file (`None` for an in-memory workspace).
    pub fn db_path(&self) -> Option<&Path> {
        self.store.path()
    }

    /// A stored setting (language, theme, renderer, last backup…).
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        self.store.meta(key)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.store.set_meta(key, value)
    }

    /// The source the active plan was built from.
    pub fn plan_source(&self) -> Result<crate::plan::PlanSource> {
        self.store.plan_source(&self.plan.id)
    }

    /// Task `code` of `unit`: its state, history and evidence.
    pub fn task_page(&self, unit: &str, code: &str) -> Result<TaskPage> {
        Ok(TaskPage {
            state: self.store.task_state(&self.plan.id, unit, code)?,
            history: self.history(unit, code)?,
            evidence: self.evidence_list(unit, Some(code))?,
        })
    }

    /// The changes made to task `code` of `unit`, oldest first.
    pub fn history(&self, unit: &str, code: &str) -> Result<Vec<crate::progress::HistoryEntry>> {
        self.store.history(&self.plan.id, unit, code)
    }

    /// The attachments of `unit` (of one task, or all).
    pub fn evidence_list(&self, unit: &str, task: Option<&str>) -> Result<Vec<crate::evidence::Evidence>> {
        self.store.evidence_list(&self.plan.id, unit, task)
    }

    pub fn evidence(&self, id: i64) -> Result<crate::evidence::Evidence> {
        self.store.evidence(id)
    }

    /// Corrects an attachment's type, number, date, description or milestone.
    pub fn update_evidence_meta(&mut self, id: i64, meta: &crate::evidence::EvidenceMeta) -> Result<crate::evidence::Evidence> {
        self.store.update_evidence_meta(id, meta)
    }

    pub fn remove_evidence(&mut self, id: i64) -> Result<()> {
        self.store.remove_evidence(id)
    }

    /// The evidence the units' merged bundles carried or referenced, of the active plan.
    pub fn merged_evidence(&self) -> Result<Vec<crate::store::bundles::MergedEvidence>> {
        self.store.merged_evidence(&self.plan.id)
    }

    /// The database itself, for tests, benchmarks and fuzzing (the
    /// `test-support` feature); the window and the command line have no way to it.
    #[cfg(feature = "test-support")]
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The database itself, to change it behind the workspace's back (tests of
    /// what the workspace does with a database it did not write).
    #[cfg(feature = "test-support")]
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// The figures `unit` itself entered for `period`, by target code.
    pub fn own_figures(&self, unit: &str, period: Period) -> Result<std::collections::BTreeMap<String, Figure>> {
        Ok(self
            .store
            .figures(&self.plan.id)?
            .into_iter()
            .filter(|(_, u, p, _)| u == unit && *p == period)
            .map(|(t, _, _, f)| (t, f))
            .collect())
    }

    /// Removes `unit`'s figure of `target` for `period`.
    pub fn clear_figure(&mut self, unit: &str, target: &str, period: Period) -> Result<()> {
        if self.plan.target(target).is_none() {
            return Err(Error::new("err-unknown-target").arg("code", target));
        }
        self.store.clear_figure(&self.plan.id, target, unit, period)
    }

    /// The sequence number `unit`'s next bundle of `period` will carry.
    pub fn next_export_sequence(&self, unit: &str, period: Period) -> Result<i64> {
        Ok(self.store.next_export(unit, &period.to_string())?.0)
    }

    /// The bundles this installation wrote.
    pub fn exports(&self) -> Result<Vec<crate::store::bundles::ExportRecord>> {
        self.store.exports()
    }

    /// The signing keys this installation knows (trusted, quarantined, retired).
    pub fn keys(&self) -> Result<Vec<crate::store::bundles::KeyRecord>> {
        self.store.keys()
    }
}
