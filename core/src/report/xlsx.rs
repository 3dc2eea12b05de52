//! Writing Excel workbooks (.xlsx): sheets of text and numbers with a few
//! cell styles (bold, fill colour, border, wrapping, percent), a frozen header
//! and column widths. The model here is what the reports need; the file itself
//! is written by `rust_xlsxwriter`. The reader is [`crate::plan::xlsx`].

use std::collections::HashMap;

use rust_xlsxwriter::{Color, DocProperties, Format, FormatAlign, FormatBorder};

use crate::error::{Error, Result};

/// Excel's limits: columns (XFD), rows, characters in a cell, in a sheet name.
pub const MAX_COLUMNS: usize = 16_384;
pub const MAX_ROWS: usize = 1_048_576;
pub const MAX_CELL_CHARS: usize = 32_767;
pub const MAX_SHEET_NAME: usize = 31;

/// Column widths (in characters) of a column sized to its content.
const AUTO_MIN: f64 = 6.0;
const AUTO_MAX: f64 = 40.0;

/// How a number is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum NumberFormat {
    #[default]
    General,
    /// A fraction shown as a percentage with one decimal (0.905 → 90.5%).
    Percent,
}

/// The look of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Style {
    pub bold: bool,
    /// Background colour (RGB).
    pub fill: Option<[u8; 3]>,
    /// A thin grey border around the cell.
    pub border: bool,
    /// Long text wraps onto several lines (aligned to the top).
    pub wrap: bool,
    /// Centred horizontally.
    pub center: bool,
    pub format: NumberFormat,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub value: Value,
    pub style: Style,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell { value: Value::Text(s.into()), style: Style::default() }
    }

    /// A number; NaN and infinities are left empty (Excel has no such numbers).
    pub fn number(n: f64) -> Cell {
        Cell { value: if n.is_finite() { Value::Number(n) } else { Value::Empty }, style: Style::default() }
    }

    pub fn empty() -> Cell {
        Cell { value: Value::Empty, style: Style::default() }
    }

    pub fn with(mut self, style: Style) -> Cell {
        self.style = style;
        self
    }
}

/// One worksheet.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// Made valid when written: see [`sheet_name`].
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
    /// How many columns and rows stay in view when scrolling, e.g. (1, 1):
    /// the first column and the header row.
    pub frozen: (usize, usize),
    /// Width of each column in characters; a missing or `None` entry sizes
    /// the column to its content.
    pub widths: Vec<Option<f64>>,
}

impl Sheet {
    pub fn new(name: impl Into<String>) -> Sheet {
        Sheet { name: name.into(), ..Sheet::default() }
    }

    /// The widths written: the given ones, else from the longest line of
    /// each column (bounded).
    fn column_widths(&self) -> Vec<f64> {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        (0..columns)
            .map(|c| {
                if let Some(Some(w)) = self.widths.get(c) {
                    return *w;
                }
                let longest = self
                    .rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|cell| match &cell.value {
                        Value::Empty => 0,
                        Value::Text(s) => s.lines().map(|l| l.chars().count()).max().unwrap_or(0),
                        Value::Number(n) => number_text(*n).len() + if cell.style.format == NumberFormat::Percent { 2 } else { 0 },
                    })
                    .max()
                    .unwrap_or(0);
                (longest as f64 * 1.1 + 2.0).clamp(AUTO_MIN, AUTO_MAX)
            })
            .collect()
    }
}

/// The height of one line of text in points (Calibri 11, the default row).
const ROW_HEIGHT: f64 = 15.0;

/// How many lines the tallest wrapped cell of `row` takes in columns of
/// `widths` (in characters of "0"; text runs about 1.1 characters to each).
fn wrapped_lines(row: &[Cell], widths: &[f64]) -> usize {
    row.iter()
        .zip(widths)
        .filter(|(cell, _)| cell.style.wrap)
        .map(|(cell, width)| match &cell.value {
            Value::Text(t) => {
                let per_line = ((width - 1.0) * 1.1).max(1.0);
                t.lines().map(|l| ((l.chars().count() as f64) / per_line).ceil().max(1.0) as usize).sum::<usize>().max(1)
            }
            _ => 1,
        })
        .max()
        .unwrap_or(1)
}

/// A workbook: its sheets, in order, and a title for its properties.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workbook {
    pub title: String,
    pub sheets: Vec<Sheet>,
}

/// The column letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA.
pub fn column_name(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = vec![];
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A valid sheet name: no `[ ] : * ? / \`, no apostrophe at either end, not
/// empty, at most 31 characters (UTF-16 units, as Excel counts).
pub fn sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') { '-' } else { c })
        .filter(|c| !c.is_control())
        .collect();
    let mut out = String::new();
    let mut units = 0;
    for c in cleaned.trim().trim_matches('\'').chars() {
        units += c.len_utf16();
        if units > MAX_SHEET_NAME {
            break;
        }
        out.push(c);
    }
    let out = out.trim_end().trim_end_matches('\'').to_owned();
    if out.is_empty() { "Sheet".to_owned() } else { out }
}

/// The sheet names written: valid, and distinct ignoring case ("Tên (2)").
fn sheet_names(sheets: &[Sheet]) -> Vec<String> {
    let mut names: Vec<String> = vec![];
    for s in sheets {
        let base = sheet_name(&s.name);
        let mut name = base.clone();
        let mut n = 2;
        while names.iter().any(|x| x.to_lowercase() == name.to_lowercase()) {
            let suffix = format!(" ({n})");
            let keep = MAX_SHEET_NAME - suffix.len();
            let mut head = String::new();
            for c in base.chars() {
                if head.encode_utf16().count() + c.len_utf16() > keep {
                    break;
                }
                head.push(c);
            }
            name = format!("{}{suffix}", head.trim_end());
            n += 1;
        }
        names.push(name);
    }
    names
}

/// A number as long as it is written (for sizing columns).
fn number_text(n: f64) -> String {
    if n == 0.0 { "0".to_owned() } else { n.to_string() }
}

/// Cell text as stored: characters XML 1.0 forbids (control characters other
/// than tab and line feed, U+FFFE, U+FFFF) dropped, at most
/// [`MAX_CELL_CHARS`] characters.
fn cell_text(s: &str) -> String {
    s.chars()
        .filter(|&c| !(((c as u32) < 0x20 && c != '\t' && c != '\n') || c == '\u{7f}' || c == '\u{fffe}' || c == '\u{ffff}'))
        .take(MAX_CELL_CHARS)
        .collect()
}

/// The format of a [`Style`]: fill, a thin grey border, bold, wrapping at the
/// top, centring, percent with one decimal.
fn format_of(style: &Style) -> Format {
    let mut f = Format::new();
    if style.bold {
        f = f.set_bold();
    }
    if let Some([r, g, b]) = style.fill {
        f = f.set_background_color(Color::RGB(u32::from_be_bytes([0, r, g, b])));
    }
    if style.border {
        f = f.set_border(FormatBorder::Thin).set_border_color(Color::RGB(0xBF_BF_BF));
    }
    if style.wrap {
        f = f.set_text_wrap().set_align(FormatAlign::Top);
    }
    if style.center {
        f = f.set_align(FormatAlign::Center);
    }
    if style.format == NumberFormat::Percent {
        f = f.set_num_format("0.0%");
    }
    f
}

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::new("err-xlsx-write").arg("detail", e.to_string())
}

impl Workbook {
    /// The workbook as the bytes of an .xlsx file.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let empty;
        let sheets = if self.sheets.is_empty() {
            empty = [Sheet::new("Sheet1")];
            &empty[..]
        } else {
            &self.sheets[..]
        };
        let mut book = rust_xlsxwriter::Workbook::new();
        book.set_properties(&DocProperties::new().set_title(&self.title).set_author("Tiến Độ"));
        let mut formats: HashMap<Style, Format> = HashMap::new();
        for (sheet, name) in sheets.iter().zip(sheet_names(sheets)) {
            let columns = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
            if columns > MAX_COLUMNS || sheet.rows.len() > MAX_ROWS {
                return Err(Error::new("err-xlsx-too-large").arg("columns", columns).arg("rows", sheet.rows.len()));
            }
            let ws = book.add_worksheet();
            ws.set_name(&name).map_err(xlsx_err)?;
            let widths = sheet.column_widths();
            for (c, w) in widths.iter().enumerate() {
                ws.set_column_width(c as u16, *w).map_err(xlsx_err)?;
            }
            for (r, row) in sheet.rows.iter().enumerate() {
                let r32 = r as u32;
                // Neither Excel nor LibreOffice sizes a row to its wrapped
                // text on opening, so the height is estimated here.
                let lines = wrapped_lines(row, &widths);
                if lines > 1 {
                    ws.set_row_height(r32, ROW_HEIGHT * lines as f64).map_err(xlsx_err)?;
                }
                for (c, cell) in row.iter().enumerate() {
                    let c16 = c as u16;
                    let plain = cell.style == Style::default();
                    let format = formats.entry(cell.style).or_insert_with(|| format_of(&cell.style));
                    match &cell.value {
                        Value::Text(t) if plain => ws.write_string(r32, c16, cell_text(t)),
                        Value::Text(t) => ws.write_string_with_format(r32, c16, cell_text(t), format),
                        Value::Number(n) if plain => ws.write_number(r32, c16, *n),
                        Value::Number(n) => ws.write_number_with_format(r32, c16, *n, format),
                        Value::Empty if plain => continue,
                        Value::Empty => ws.write_blank(r32, c16, format),
                    }
                    .map_err(xlsx_err)?;
                }
            }
            let (fc, fr) = sheet.frozen;
            if fc > 0 || fr > 0 {
                ws.set_freeze_panes(fr as u32, fc as u16).map_err(xlsx_err)?;
            }
        }
        book.save_to_buffer().map_err(xlsx_err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    }

    #[test]
    fn column_letters_go_past_z() {
        let cases = [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA"), (16_383, "XFD")];
        for (i, want) in cases {
            assert_eq!(column_name(i), want, "column {i}");
        }
    }

    #[test]
    fn forbidden_characters_are_dropped_and_long_text_cut() {
        assert_eq!(cell_text("a\u{0}b\u{1}c\u{8}d\re\u{7f}f\u{fffe}\u{ffff}"), "abcdef");
        assert_eq!(cell_text("dòng 1\n\tdòng 2"), "dòng 1\n\tdòng 2");
        assert_eq!(cell_text(&"ạ".repeat(MAX_CELL_CHARS + 5)).chars().count(), MAX_CELL_CHARS);
        // Markup and Excel's own escapes are kept literal in the file.
        let mut s = Sheet::new("S");
        s.rows.push(vec![Cell::text("<1.5> & \"x\""), Cell::text("a_x0041_b"), Cell::text("a\u{1}b")]);
        let bytes = Workbook { title: String::new(), sheets: vec![s] }.to_bytes().unwrap();
        let rows = crate::plan::xlsx::read_rows(&bytes).unwrap();
        assert_eq!(rows[0][0], "<1.5> & \"x\"");
        assert_eq!(rows[0][2], "ab");
        // "_x0041_" would read back as "A": Excel's escape keeps it literal.
        assert!(part(&bytes, "xl/sharedStrings.xml").contains("<t>a_x005F_x0041_b</t>"));
    }

    #[test]
    fn sheet_names_are_valid_and_distinct() {
        assert_eq!(sheet_name("Q1/2023: [tổng hợp]*?\\"), "Q1-2023- -tổng hợp----");
        assert_eq!(sheet_name("'trích'"), "trích");
        assert_eq!(sheet_name("  "), "Sheet");
        let long = "Ma trận trạng thái nhiệm vụ các đơn vị";
        assert_eq!(sheet_name(long), "Ma trận trạng thái nhiệm vụ các");
        assert_eq!(sheet_name(long).chars().count(), 31);
        let names = sheet_names(&[Sheet::new(long), Sheet::new(long), Sheet::new("ma TRẬN trạng thái nhiệm vụ các")]);
        assert_eq!(names, ["Ma trận trạng thái nhiệm vụ các", "Ma trận trạng thái nhiệm vụ (2)", "ma TRẬN trạng thái nhiệm vụ (3)"]);
        assert!(names.iter().all(|n| n.encode_utf16().count() <= MAX_SHEET_NAME));
        // Names that would clash are written, not refused.
        let book = Workbook { title: String::new(), sheets: vec![Sheet::new(long), Sheet::new(long)] };
        assert_eq!(crate::plan::xlsx::sheet_names(&book.to_bytes().unwrap()).unwrap(), names[..2]);
    }

    #[test]
    fn a_workbook_reads_back_with_its_styles_panes_and_numbers() {
        let head = Style { bold: true, fill: Some([0xD9, 0xE1, 0xF2]), border: true, ..Style::default() };
        let green = Style { fill: Some([0xC6, 0xEF, 0xCE]), border: true, center: true, ..Style::default() };
        let mut first = Sheet::new("Số liệu");
        first.frozen = (1, 1);
        first.widths = vec![Some(12.0)];
        let mut header = vec![Cell::text("Mã").with(head)];
        header.extend((1..=28).map(|i| Cell::text(format!("Cột {i}")).with(head)));
        first.rows.push(header);
        let mut row = vec![Cell::text("<1.5> & \"x\"")];
        row.extend((1..=27).map(|i| Cell::number(i as f64 * 0.5)));
        row.push(Cell::text("Hoàn thành").with(green));
        first.rows.push(row);
        first.rows.push(vec![Cell::number(f64::NAN), Cell::number(0.905).with(Style { format: NumberFormat::Percent, ..Style::default() })]);
        let mut second = Sheet::new("Khác");
        second.frozen = (0, 1);
        second.rows.push(vec![Cell::text("một"), Cell::empty(), Cell::number(-3.25)]);
        let book = Workbook { title: "Thử & xem".into(), sheets: vec![first, second] };
        let bytes = book.to_bytes().unwrap();

        let rows = crate::plan::xlsx::read_rows(&bytes).unwrap();
        assert_eq!(rows[0][0], "Mã");
        assert_eq!(rows[0][28], "Cột 28");
        assert_eq!(rows[1][0], "<1.5> & \"x\"");
        assert_eq!(rows[1][27], "13.5");
        assert_eq!(rows[1][28], "Hoàn thành");
        assert_eq!(rows[2], vec!["", "0.905"]);
        assert_eq!(crate::plan::xlsx::sheet_names(&bytes).unwrap(), ["Số liệu", "Khác"]);
        assert_eq!(crate::plan::xlsx::read_sheet(&bytes, "Khác").unwrap(), vec![vec!["một", "", "-3.25"]]);

        let sheet1 = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(sheet1.contains("<pane xSplit=\"1\" ySplit=\"1\" topLeftCell=\"B2\" activePane=\"bottomRight\" state=\"frozen\"/>"), "{sheet1}");
        assert!(sheet1.contains("<dimension ref=\"A1:AC3\"/>"), "{sheet1}");
        assert!(sheet1.contains("<col min=\"1\" max=\"1\" width=\"12.7109375\" customWidth=\"1\"/>"), "{sheet1}");
        // A number is a number, with no type.
        assert!(sheet1.contains("<c r=\"AB2\"><v>13.5</v></c>"), "{sheet1}");
        assert!(!sheet1.contains("NaN"));
        let percent = sheet1.split("<c r=\"B3\"").nth(1).unwrap();
        assert!(percent.split("</c>").next().unwrap().contains("<v>0.905</v>"), "{sheet1}");
        let sheet2 = part(&bytes, "xl/worksheets/sheet2.xml");
        assert!(sheet2.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"), "{sheet2}");
        assert!(!sheet2.contains("tabSelected"));
        let styles = part(&bytes, "xl/styles.xml");
        assert!(styles.contains("<fgColor rgb=\"FFD9E1F2\"/>") && styles.contains("<fgColor rgb=\"FFC6EFCE\"/>"), "{styles}");
        assert!(styles.contains("formatCode=\"0.0%\""), "{styles}");
        assert!(part(&bytes, "docProps/core.xml").contains("<dc:title>Thử &amp; xem</dc:title>"));
        assert!(part(&bytes, "[Content_Types].xml").contains("/xl/worksheets/sheet2.xml"));
    }

    #[test]
    fn a_row_of_wrapped_text_is_as_tall_as_its_lines() {
        let wrap = Style { wrap: true, ..Style::default() };
        let long = "Kiểm tra, khảo sát CCHC định kỳ 40% các phòng, ban, đơn vị trực thuộc UBND huyện"; // 81 characters
        // 21 × 1.1 = 23.1 characters a line: 81 / 23.1 → 4 lines; two short lines → 2.
        assert_eq!(wrapped_lines(&[Cell::text(long).with(wrap)], &[22.0]), 4);
        assert_eq!(wrapped_lines(&[Cell::text("một\nhai").with(wrap), Cell::text(long)], &[22.0, 22.0]), 2, "unwrapped cells do not count");
        assert_eq!(wrapped_lines(&[Cell::text(long).with(wrap)], &[100.0]), 1);
        let mut sheet = Sheet::new("S");
        sheet.widths = vec![Some(22.0)];
        sheet.rows = vec![vec![Cell::text("ngắn").with(wrap)], vec![Cell::text(long).with(wrap)]];
        let bytes = Workbook { title: "t".into(), sheets: vec![sheet] }.to_bytes().unwrap();
        let xml = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(!xml.split("<row r=\"1\"").nth(1).unwrap().split('>').next().unwrap().contains("ht="), "{xml}");
        assert!(xml.contains("ht=\"60\" customHeight=\"1\""), "{xml}");
    }

    #[test]
    fn too_many_columns_is_an_error() {
        let mut s = Sheet::new("x");
        s.rows.push((0..=MAX_COLUMNS).map(|_| Cell::empty()).collect());
        let err = Workbook { title: String::new(), sheets: vec![s] }.to_bytes().unwrap_err();
        assert_eq!(err.key, "err-xlsx-too-large");
    }
}
