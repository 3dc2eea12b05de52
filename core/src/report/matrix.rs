//! The district's matrices as a file: the status matrix as CSV, or an Excel
//! workbook with three sheets: the status matrix (tasks × units), the
//! bundles received (units × quarters) and the summed KPIs.

use std::path::Path;

use super::xlsx::{Cell, NumberFormat, Sheet, Style, Workbook};
use crate::palette;
use crate::views::{self, Completeness};
use crate::domain::{Period, Status, TargetKind};
use crate::error::{Error, Result};
use crate::i18n::{Arg, Lang, t, ta};
use crate::workspace::Workspace;

/// Fill colours (light, so that black text stays readable), matching the
/// colours of the window: green done, amber late, blue in progress, grey not
/// started, purple not applicable, red missing.
const HEADER: [u8; 3] = [0xD9, 0xE1, 0xF2];
/// Width of a unit's column of the status matrix (characters).
const UNIT_COLUMN: f64 = 21.0;

/// The file types the matrix is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatrixFormat {
    /// The status matrix alone, UTF-8 CSV.
    Csv,
    /// The Excel workbook of [`matrix_xlsx`].
    Xlsx,
}

impl MatrixFormat {
    /// The extension of its files, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            MatrixFormat::Csv => "csv",
            MatrixFormat::Xlsx => "xlsx",
        }
    }

    /// The format a file name asks for by its extension, in any case:
    /// `.csv` or `.xlsx`; anything else is an error.
    pub fn of_path(path: &Path) -> Result<MatrixFormat> {
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        match ext.as_str() {
            "csv" => Ok(MatrixFormat::Csv),
            "xlsx" => Ok(MatrixFormat::Xlsx),
            _ => Err(Error::new("err-matrix-format").arg("path", path.display().to_string())),
        }
    }
}

/// Writes the matrices of `period` (the bundles received from the units below
/// `parent` for the workbook) to `path` in `format`, complete or not at all.
pub fn write_matrix(ws: &Workspace, parent: &str, period: Period, lang: Lang, format: MatrixFormat, path: &Path) -> Result<()> {
    let bytes = match format {
        MatrixFormat::Csv => views::status_matrix_csv(ws, period, lang)?.into_bytes(),
        MatrixFormat::Xlsx => matrix_xlsx(ws, parent, period, lang)?,
    };
    crate::fsutil::write_atomic(path, |w| Ok(w.write_all(&bytes)?))
}

fn status_fill(s: Status) -> [u8; 3] {
    palette::of_status(s).pale()
}

/// The Excel workbook of the district views, labelled in `lang`: the status
/// matrix of `period`, the bundles received from the units below `parent`
/// in each quarter of the plan year, and the KPIs summed over `period`.
pub fn matrix_xlsx(ws: &Workspace, parent: &str, period: Period, lang: Lang) -> Result<Vec<u8>> {
    let tr = |id: &str| t(lang, id);
    let tra = |id: &str, args: &[(&str, Arg)]| ta(lang, id, args);
    // Every cell wraps, which also aligns it to the top of rows made tall
    // by a long task or target text.
    let cell = Style { border: true, wrap: true, ..Style::default() };
    let head = Style { bold: true, fill: Some(HEADER), center: true, ..cell };
    let code = Style { bold: true, ..cell };
    let wrapped = cell;
    let filled = |fill: [u8; 3]| Style { fill: Some(fill), center: true, ..cell };
    let header = |labels: Vec<String>| labels.into_iter().map(|l| Cell::text(l).with(head)).collect::<Vec<_>>();

    // 1. Tasks × units: what each unit reported.
    let table = views::status_table(ws, period, lang)?;
    let mut status = Sheet::new(tr("xlsx-sheet-status"));
    status.frozen = (2, 1);
    // One width for every unit column, as wide as "Đang thực hiện (95%)":
    // long unit names wrap in the header, and 200 units stay scrollable.
    status.widths = vec![Some(8.0), Some(60.0)];
    status.widths.extend(table.units.iter().map(|_| Some(UNIT_COLUMN)));
    let mut labels = vec![tr("report-col-code"), tr("matrix-task")];
    labels.extend(table.units.iter().map(|(_, name)| name.clone()));
    status.rows.push(header(labels));
    for row in &table.rows {
        let mut cells = vec![Cell::text(&row.task).with(code), Cell::text(&row.description).with(wrapped)];
        cells.extend(row.cells.iter().map(|c| match c {
            Some(c) => Cell::text(&c.label).with(c.status.map_or(cell, |s| filled(status_fill(s)))),
            None => Cell::empty().with(cell),
        }));
        status.rows.push(cells);
    }

    // 2. Units × quarters: the bundles received.
    let mut received = Sheet::new(tr("xlsx-sheet-completeness"));
    received.frozen = (2, 1);
    received.widths = vec![Some(10.0), Some(34.0), Some(22.0), Some(22.0), Some(22.0), Some(22.0)];
    let mut labels = vec![tr("report-col-code"), tr("report-col-unit")];
    labels.extend(Period::year(ws.plan.year).quarters().into_iter().map(|q| {
        // "quý I năm 2023" heads a column as "Quý I năm 2023".
        let label = super::period_label(q, lang);
        let mut chars = label.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or(label)
    }));
    received.rows.push(header(labels));
    for row in views::completeness(ws, parent)? {
        let mut cells = vec![Cell::text(row.unit).with(code), Cell::text(row.name).with(cell)];
        cells.extend(row.quarters.iter().map(|c| {
            let text = match c {
                Completeness::Received { sequence } => tra("report-received", &[("sequence", Arg::Str(sequence.to_string()))]),
                Completeness::Late { sequence } => tra("report-received-late", &[("sequence", Arg::Str(sequence.to_string()))]),
                Completeness::Missing => tr("report-missing"),
                Completeness::NotDue => tr("report-not-due"),
            };
            Cell::text(text).with(filled(palette::of_completeness(c).pale()))
        }));
        received.rows.push(cells);
    }

    // 3. The KPIs: numerators and denominators summed, then the rate.
    let mut kpis = Sheet::new(tr("xlsx-sheet-kpis"));
    kpis.frozen = (2, 1);
    kpis.widths = vec![Some(8.0), Some(60.0), Some(12.0), Some(14.0), Some(14.0), Some(14.0), Some(18.0)];
    kpis.rows.push(header(
        ["report-col-code", "report-col-target", "report-col-goal", "xlsx-col-numerator", "xlsx-col-denominator", "report-col-rate", "report-col-result"]
            .map(tr)
            .to_vec(),
    ));
    for views::KpiSum { target, figure, state, .. } in views::district_kpis(ws, period)? {
        let rate = target.kind == TargetKind::Rate;
        // A rate is stored as a fraction and shown as a percentage.
        let value = match figure {
            Some(f) if rate => (f.denominator > 0.0).then(|| f.numerator / f.denominator),
            _ => figure.and_then(|f| f.value(target.kind)),
        };
        let fill = palette::of_kpi(state).pale();
        kpis.rows.push(vec![
            Cell::text(&target.code).with(code),
            Cell::text(&target.text).with(wrapped),
            Cell::text(target.goal(lang)).with(Style { center: true, ..cell }),
            figure.map_or(Cell::empty(), |f| Cell::number(f.numerator)).with(cell),
            figure.filter(|_| rate).map_or(Cell::empty(), |f| Cell::number(f.denominator)).with(cell),
            match value {
                Some(v) if rate => Cell::number(v).with(Style { format: NumberFormat::Percent, ..cell }),
                Some(v) => Cell::number(v).with(cell),
                None => Cell::empty().with(cell),
            },
            Cell::text(tr(state.label_id())).with(filled(fill)),
        ]);
    }

    let title = tra("xlsx-title", &[("period", super::period_label(period, lang).into())]);
    Workbook { title, sheets: vec![status, received, kpis] }.to_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_picks_the_format() {
        assert_eq!(MatrixFormat::of_path(Path::new("/tmp/ma-tran.csv")), Ok(MatrixFormat::Csv));
        assert_eq!(MatrixFormat::of_path(Path::new("ma-tran.XLSX")), Ok(MatrixFormat::Xlsx));
        assert_eq!(MatrixFormat::of_path(Path::new("Ma trận.Xlsx")), Ok(MatrixFormat::Xlsx));
        for bad in ["ma-tran.xls", "ma-tran.pdf", "ma-tran", "xlsx"] {
            let err = MatrixFormat::of_path(Path::new(bad)).unwrap_err();
            assert_eq!(err.key, "err-matrix-format", "{bad}");
            assert!(err.message_in(Lang::Vi).contains(".xlsx"), "{}", err.message_in(Lang::Vi));
        }
    }
}
