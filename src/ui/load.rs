//! Reading what the screens show from the workspace.

use super::{App, Screen, calendar, dashboard, district, format_stamp, task_detail, tasks};
use crate::domain::Period;
use crate::i18n::Lang;
use crate::progress::Filter;

impl App {
    /// The app on `ws`. The language is `lang` if given, else the stored one, else Vietnamese.
    pub(super) fn read_last_backup(&mut self) {
        self.last_backup = self.ws.setting("last_backup").ok().flatten().map(|s| format_stamp(&s));
        self.backup_place = read_backup_place(&self.ws);
    }

    /// Reads the PDF-signing certificate shown in Settings (on opening it).
    pub(super) fn read_certificate(&mut self) {
        match self.ws.pdf_certificate() {
            Ok(c) => self.settings.certificate = c,
            Err(e) => self.fail(&e),
        }
    }

    /// Recomputes what the screen being shown displays (the others load
    /// when they are opened: see [`App::show`]).
    pub fn refresh(&mut self) {
        if let Err(e) = self.load(self.screen) {
            self.fail(&e);
        }
    }

    /// Reads the data of `screen` from the workspace.
    pub(super) fn load(&mut self, screen: Screen) -> crate::error::Result<()> {
        match screen {
            Screen::FirstRun => Ok(()),
            Screen::Dashboard => self.reload_dashboard(),
            Screen::Tasks => self.reload_tasks(),
            Screen::Task => self.reload_detail(),
            Screen::Calendar => self.reload_calendar(),
            Screen::Kpis => self.reload_kpis(),
            Screen::Reports => self.reload_reports(),
            Screen::District => self.reload_district(),
            Screen::Org => Ok(()),
            Screen::Plan => self.reload_plan_edit(),
            Screen::Settings => {
                self.read_last_backup();
                self.read_certificate();
                Ok(())
            }
        }
    }

    /// Shows `screen` with fresh data.
    pub(super) fn show(&mut self, screen: Screen) {
        self.screen = screen;
        self.refresh();
    }

    fn reload_calendar(&mut self) -> crate::error::Result<()> {
        let Some(unit) = self.ws.unit.clone() else { return Ok(()) };
        let all = self.ws.rows(&unit, &Filter::default())?;
        let (items, floating) = calendar::build(&all, self.ws.today);
        self.calendar.items = items;
        self.calendar.floating = floating;
        Ok(())
    }

    pub(super) fn reload_dashboard(&mut self) -> crate::error::Result<()> {
        let Some(unit) = self.ws.unit.clone() else { return Ok(()) };
        let today = self.ws.today;
        let all = self.ws.rows(&unit, &Filter::default())?;
        // Dashboard.
        let q = self.dashboard.quarters.period();
        let y = self.dashboard.quarters.whole_year();
        let in_q: Vec<_> = all.iter().filter(|r| r.task.active_in(q)).cloned().collect();
        let in_y: Vec<_> = all.iter().filter(|r| r.task.active_in(y)).cloned().collect();
        let mut overdue: Vec<tasks::Row> = all.iter().filter(|r| r.overdue).map(tasks::Row::from_task_row).collect();
        overdue.sort_by_key(|r| r.next_due);
        let mut due_soon: Vec<tasks::Row> = all
            .iter()
            .filter(|r| r.state.due_within(r.task, today, tasks::SOON_DAYS))
            .map(|r| {
                let mut row = tasks::Row::from_task_row(r);
                // The milestone that is due soon (not an older overdue one).
                row.next_due = r
                    .task
                    .schedule
                    .dates()
                    .into_iter()
                    .find(|d| *d >= today && !r.state.milestones_done.contains_key(d));
                row
            })
            .collect();
        due_soon.sort_by_key(|r| r.next_due);
        self.dashboard.data = dashboard::Data {
            quarter: crate::progress::Summary::of(&in_q, today, tasks::SOON_DAYS),
            year: crate::progress::Summary::of(&in_y, today, tasks::SOON_DAYS),
            overdue,
            due_soon,
            kpi_quarter: self.kpi_rows(&unit, q)?,
            kpi_year: self.kpi_rows(&unit, y)?,
            requests: self.ws.requests(None)?,
        };
        Ok(())
    }

    /// Whether the installation consolidates bundles: its unit has units
    /// below it, or the organisation makes it the consolidating unit for a
    /// parent (Phòng Nội vụ for UBND huyện).
    pub fn is_district(&self) -> bool {
        self.ws.consolidation_scope().is_some()
    }

    pub(super) fn reload_reports(&mut self) -> crate::error::Result<()> {
        let Some(unit) = self.ws.unit.clone() else { return Ok(()) };
        // Without a data folder (in memory) there is no key: shown as "—".
        self.reports.fingerprint = self.ws.db_path().and_then(|_| self.ws.public_key().ok()).map(|k| k.fingerprint());
        self.reports.protected = self.ws.db_path().is_some() && self.ws.key_protected()?;
        self.reports.unlocked = self.ws.passphrase.is_some();
        self.reports.exports = self.ws.exports()?.into_iter().filter(|x| x.unit == unit).collect();
        self.reports.receipts.clear();
        for q in 1..=4 {
            if let Some(st) = self.ws.receipt_status(Period::quarter(self.reports.quarters.year, q))? {
                self.reports.receipts.insert(q, st.line(self.lang));
            }
        }
        Ok(())
    }

    pub(super) fn reload_district(&mut self) -> crate::error::Result<()> {
        if let Some(scope) = self.ws.consolidation_scope() {
            self.district.data = district::Data::load(&self.ws, &scope, self.district.quarters.period())?;
        }
        Ok(())
    }

    /// The targets that apply to `unit`'s kind, with figures for `period`.
    pub(super) fn kpi_rows(&self, unit: &str, period: Period) -> crate::error::Result<Vec<crate::workspace::KpiRow>> {
        let kind = self.ws.plan.unit(unit).map(|u| u.kind);
        Ok(self.ws.kpi_rows(unit, period)?.into_iter().filter(|r| kind.is_some_and(|k| r.target.applies_to(k))).collect())
    }

    pub(super) fn reload_kpis(&mut self) -> crate::error::Result<()> {
        let Some(unit) = self.ws.unit.clone() else { return Ok(()) };
        let period = self.kpis.quarters.period();
        self.kpis.rows = self.kpi_rows(&unit, period)?;
        self.kpis.year_rows = self.kpi_rows(&unit, self.kpis.quarters.whole_year())?;
        let own = self.ws.own_figures(&unit, period)?;
        self.kpis.set_inputs(self.lang, &own);
        Ok(())
    }

    pub(super) fn reload_tasks(&mut self) -> crate::error::Result<()> {
        let Some(unit) = self.ws.unit.clone() else { return Ok(()) };
        let rows = self.ws.rows(&unit, &self.tasks.filters.to_filter())?;
        let rows = rows.iter().map(tasks::Row::from_task_row).collect();
        self.tasks.set_rows(rows);
        Ok(())
    }

    pub(super) fn reload_detail(&mut self) -> crate::error::Result<()> {
        let (Some(unit), Some(code)) = (self.ws.unit.clone(), self.detail.as_ref().map(|d| d.code.clone())) else {
            return Ok(());
        };
        let page = self.ws.task_page(&unit, &code)?;
        let requests = self.ws.requests(Some(&code))?;
        if let Some(d) = self.detail.as_mut() {
            d.refresh(page.state, page.history, page.evidence, self.ws.today);
            d.requests = requests;
        }
        Ok(())
    }

    /// Opens task `code` of the unit.
    pub fn open_task(&mut self, code: &str) {
        let Some(unit) = self.ws.unit.clone() else { return };
        let loaded = self.ws.task_page(&unit, code).and_then(|p| {
            let mut d = task_detail::State::new(code, p.state, p.history, p.evidence, self.ws.today);
            d.requests = self.ws.requests(Some(code))?;
            Ok(d)
        });
        match loaded {
            Ok(d) => {
                self.detail = Some(d);
                self.screen = Screen::Task;
                self.notice = None;
            }
            Err(e) => self.fail(&e),
        }
    }

    /// Switches the window's language and keeps it (on the save worker).
    pub(super) fn set_lang(&mut self, lang: Lang) -> iced::Task<super::Message> {
        self.lang = lang;
        self.first_run.lang = lang;
        // Figures typed in the inputs follow the language's number format.
        if let Err(e) = self.reload_kpis() {
            self.fail(&e);
        }
        self.save(super::saving::Write::Setting { key: "lang", value: lang.code().to_owned() })
    }
}

/// The second backup place of `ws` as Settings shows it.
pub(super) fn read_backup_place(ws: &crate::workspace::Workspace) -> super::settings::BackupPlace {
    super::settings::BackupPlace {
        dir: ws.backup_place().ok().flatten(),
        written: ws.backup_place_written().ok().flatten().map(|(at, _)| format_stamp(&at.format("%Y-%m-%dT%H:%M:%S").to_string())),
        overdue: ws.backup_place_overdue().unwrap_or(false),
    }
}
