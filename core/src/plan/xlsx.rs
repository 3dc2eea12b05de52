//! Reading a worksheet of an Excel workbook (.xlsx, and the older .xls)
//! into rows of text with `calamine`: shared and inline strings, numbers,
//! dates (a date cell becomes "31/12/2026", which the deadline parser
//! reads), sheets written by .NET tools with `x:`-prefixed tags.
//! A merged cell's value counts for every row it covers (the copies are
//! marked in [`Table::merged_down`]); across columns it stays in the first.

use std::io::Cursor;

use calamine::{Data, Dimensions, Range, Reader, Sheets};
use chrono::{Duration, NaiveDate};

use crate::error::{Error, PlanError, Result};
use crate::plan::table::Table;

fn bad(detail: impl std::fmt::Display) -> Error {
    Error::from(PlanError::XlsxBad { detail: detail.to_string() })
}

fn open(bytes: &[u8]) -> Result<Sheets<Cursor<&[u8]>>> {
    calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(bad)
}

/// Rows of the first worksheet of the workbook in `bytes`.
pub fn read_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>> {
    let mut wb = open(bytes)?;
    let name = wb.sheet_names().first().cloned().ok_or_else(|| bad("no worksheet"))?;
    Ok(sheet_table(&mut wb, &name)?.rows)
}

/// Rows of the worksheet called `name`; an error if there is none.
pub fn read_sheet(bytes: &[u8], name: &str) -> Result<Vec<Vec<String>>> {
    let mut wb = open(bytes)?;
    if !wb.sheet_names().iter().any(|n| n == name) {
        return Err(bad(format!("no sheet «{name}»")));
    }
    Ok(sheet_table(&mut wb, name)?.rows)
}

/// The names of the workbook's sheets, in order.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>> {
    Ok(open(bytes)?.sheet_names())
}

/// The plan table of a workbook: the first sheet whose rows have a plan
/// header (STT, task, lead…), else the first sheet.
pub fn read_table(bytes: &[u8]) -> Result<Table> {
    let mut wb = open(bytes)?;
    let names = wb.sheet_names();
    let mut first = None;
    for name in &names {
        let t = sheet_table(&mut wb, name)?;
        if crate::plan::table::Header::find(&t.rows).is_ok() {
            return Ok(t);
        }
        first.get_or_insert(t);
    }
    first.ok_or_else(|| bad("no worksheet"))
}

fn merges(wb: &mut Sheets<Cursor<&[u8]>>, name: &str) -> Result<Vec<Dimensions>> {
    Ok(match wb {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).map_err(bad)?,
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).map_err(bad)?,
        _ => vec![],
    })
}

fn sheet_table(wb: &mut Sheets<Cursor<&[u8]>>, name: &str) -> Result<Table> {
    let range: Range<Data> = wb.worksheet_range(name).map_err(bad)?;
    let merged = merges(wb, name)?;
    let mut table = Table::default();
    let Some((end_row, end_col)) = range.end() else {
        return Ok(table);
    };
    for r in 0..=end_row {
        let mut row: Vec<String> = (0..=end_col).map(|c| range.get_value((r, c)).map(cell_text).unwrap_or_default()).collect();
        while row.last().is_some_and(String::is_empty) {
            row.pop();
        }
        table.rows.push(row);
    }
    // A merged cell's value goes down every row it covers.
    for m in merged {
        let (r0, c0) = (m.start.0 as usize, m.start.1 as usize);
        let value = table.rows.get(r0).and_then(|row| row.get(c0)).cloned().unwrap_or_default();
        for r in r0 + 1..=(m.end.0 as usize).min(table.rows.len().saturating_sub(1)) {
            let row = &mut table.rows[r];
            if row.len() <= c0 {
                row.resize(c0 + 1, String::new());
            }
            row[c0] = value.clone();
            table.merged_down.insert((r, c0));
        }
    }
    Ok(table)
}

/// A cell as text; dates as dd/mm/yyyy.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => crate::text::nfc(s),
        Data::Float(f) => format_number(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => serial_date(dt.as_f64()),
        Data::DateTime(dt) => format_number(dt.as_f64()),
        Data::DateTimeIso(s) => NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d")
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_else(|_| s.clone()),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn format_number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 { format!("{}", f as i64) } else { f.to_string() }
}

/// An Excel serial day number (1900 system) as dd/mm/yyyy.
fn serial_date(serial: f64) -> String {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30).expect("valid date");
    match base.checked_add_signed(Duration::days(serial.floor() as i64)) {
        Some(d) => d.format("%d/%m/%Y").to_string(),
        None => format_number(serial),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_days_are_dates() {
        assert_eq!(serial_date(46022.0), "31/12/2025");
        assert_eq!(serial_date(45473.5), "30/06/2024");
        assert_eq!(format_number(3.0), "3");
        assert_eq!(format_number(1.25), "1.25");
    }

    #[test]
    fn not_a_workbook_is_named() {
        assert_eq!(read_rows(b"PK\x03\x04garbage").unwrap_err().key, "err-import-xlsx-bad");
    }
}
