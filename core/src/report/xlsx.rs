//! Writing Excel workbooks (.xlsx, Office Open XML): sheets of text and
//! numbers with a few cell styles (bold, fill colour, border, wrapping,
//! percent), a frozen header and column widths. Text is written as inline
//! strings, so a workbook is its sheets plus fixed parts. Plain Rust and the
//! zip crate; the reader is [`crate::plan::xlsx`].

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;

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

/// The reference of a cell, 0-based column and row: (27, 9) → "AB10".
pub fn cell_ref(column: usize, row: usize) -> String {
    format!("{}{}", column_name(column), row + 1)
}

/// Text made safe for XML content and attribute values: `&`, `<`, `>`, `"`
/// escaped, characters XML 1.0 forbids (control characters other than tab and
/// line feed, carriage returns, U+FFFE, U+FFFF) removed.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{7f}' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Cell text as Excel reads it back: escaped, at most [`MAX_CELL_CHARS`], and
/// a literal `_xHHHH_` kept literal (Excel would decode it as a character).
fn cell_text(s: &str) -> String {
    let s: String = s.chars().take(MAX_CELL_CHARS).collect();
    let mut out = String::with_capacity(s.len());
    let b = s.as_bytes();
    for (i, c) in s.char_indices() {
        let escaped_code = c == '_'
            && b.get(i + 1) == Some(&b'x')
            && b.len() >= i + 7
            && b[i + 2..i + 6].iter().all(u8::is_ascii_hexdigit)
            && b[i + 6] == b'_';
        if escaped_code {
            out.push_str("_x005F_");
        } else {
            out.push(c);
        }
    }
    escape(&out)
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

/// A number as written in the file (shortest form that reads back the same).
fn number_text(n: f64) -> String {
    if n == 0.0 { "0".to_owned() } else { n.to_string() }
}

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const NS_MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// The cell formats used, in order; index 0 is the default.
struct Styles {
    list: Vec<Style>,
    index: HashMap<Style, usize>,
}

impl Styles {
    fn of(book: &Workbook) -> Styles {
        let mut s = Styles { list: vec![Style::default()], index: HashMap::from([(Style::default(), 0)]) };
        for cell in book.sheets.iter().flat_map(|sh| sh.rows.iter().flatten()) {
            if !s.index.contains_key(&cell.style) {
                s.index.insert(cell.style, s.list.len());
                s.list.push(cell.style);
            }
        }
        s
    }

    fn id(&self, style: &Style) -> usize {
        self.index.get(style).copied().unwrap_or(0)
    }

    fn xml(&self) -> String {
        let mut fills: Vec<[u8; 3]> = vec![];
        for f in self.list.iter().filter_map(|s| s.fill) {
            if !fills.contains(&f) {
                fills.push(f);
            }
        }
        let mut x = String::from(XML_HEAD);
        let _ = write!(x, "<styleSheet xmlns=\"{NS_MAIN}\">");
        x.push_str("<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/></numFmts>");
        x.push_str("<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>");
        x.push_str("<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>");
        // The first two fills are reserved by Excel.
        let _ = write!(x, "<fills count=\"{}\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>", fills.len() + 2);
        for [r, g, b] in &fills {
            let _ = write!(x, "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FF{r:02X}{g:02X}{b:02X}\"/><bgColor indexed=\"64\"/></patternFill></fill>");
        }
        x.push_str("</fills><borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border><border>");
        for side in ["left", "right", "top", "bottom"] {
            let _ = write!(x, "<{side} style=\"thin\"><color rgb=\"FFBFBFBF\"/></{side}>");
        }
        x.push_str("<diagonal/></border></borders>");
        x.push_str("<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>");
        let _ = write!(x, "<cellXfs count=\"{}\">", self.list.len());
        for s in &self.list {
            let num = match s.format {
                NumberFormat::General => 0,
                NumberFormat::Percent => 164,
            };
            let fill = s.fill.and_then(|f| fills.iter().position(|x| *x == f)).map_or(0, |i| i + 2);
            let _ = write!(
                x,
                "<xf numFmtId=\"{num}\" fontId=\"{}\" fillId=\"{fill}\" borderId=\"{}\" xfId=\"0\"",
                u8::from(s.bold),
                u8::from(s.border)
            );
            for (on, attr) in [(num != 0, "applyNumberFormat"), (s.bold, "applyFont"), (fill != 0, "applyFill"), (s.border, "applyBorder")] {
                if on {
                    let _ = write!(x, " {attr}=\"1\"");
                }
            }
            if s.wrap || s.center {
                x.push_str(" applyAlignment=\"1\"><alignment");
                if s.center {
                    x.push_str(" horizontal=\"center\"");
                }
                if s.wrap {
                    x.push_str(" vertical=\"top\" wrapText=\"1\"");
                }
                x.push_str("/></xf>");
            } else {
                x.push_str("/>");
            }
        }
        x.push_str("</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>");
        x
    }
}


fn sheet_xml(sheet: &Sheet, styles: &Styles, selected: bool) -> Result<String> {
    let columns = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns > MAX_COLUMNS || sheet.rows.len() > MAX_ROWS {
        return Err(Error::new("err-xlsx-too-large").arg("columns", columns).arg("rows", sheet.rows.len()));
    }
    let mut x = String::from(XML_HEAD);
    let _ = write!(x, "<worksheet xmlns=\"{NS_MAIN}\" xmlns:r=\"{NS_REL}\">");
    let last = if columns == 0 || sheet.rows.is_empty() { "A1".to_owned() } else { format!("A1:{}", cell_ref(columns - 1, sheet.rows.len() - 1)) };
    let _ = write!(x, "<dimension ref=\"{last}\"/>");
    let _ = write!(x, "<sheetViews><sheetView workbookViewId=\"0\"{}>", if selected { " tabSelected=\"1\"" } else { "" });
    let (fc, fr) = sheet.frozen;
    if fc > 0 || fr > 0 {
        let top_left = cell_ref(fc, fr);
        let pane = match (fc > 0, fr > 0) {
            (true, true) => "bottomRight",
            (true, false) => "topRight",
            _ => "bottomLeft",
        };
        x.push_str("<pane");
        if fc > 0 {
            let _ = write!(x, " xSplit=\"{fc}\"");
        }
        if fr > 0 {
            let _ = write!(x, " ySplit=\"{fr}\"");
        }
        let _ = write!(x, " topLeftCell=\"{top_left}\" activePane=\"{pane}\" state=\"frozen\"/>");
        let _ = write!(x, "<selection pane=\"{pane}\" activeCell=\"{top_left}\" sqref=\"{top_left}\"/>");
    }
    x.push_str("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>");
    let widths = sheet.column_widths();
    if !widths.is_empty() {
        x.push_str("<cols>");
        for (i, w) in widths.iter().enumerate() {
            let _ = write!(x, "<col min=\"{n}\" max=\"{n}\" width=\"{w:.2}\" customWidth=\"1\"/>", n = i + 1);
        }
        x.push_str("</cols>");
    }
    x.push_str("<sheetData>");
    for (r, row) in sheet.rows.iter().enumerate() {
        // Neither Excel nor LibreOffice sizes a row to its wrapped text on
        // opening, so the height is estimated here from the column widths.
        match wrapped_lines(row, &widths) {
            lines if lines > 1 => {
                let _ = write!(x, "<row r=\"{}\" ht=\"{:.1}\" customHeight=\"1\">", r + 1, ROW_HEIGHT * lines as f64);
            }
            _ => {
                let _ = write!(x, "<row r=\"{}\">", r + 1);
            }
        }
        for (c, cell) in row.iter().enumerate() {
            let s = styles.id(&cell.style);
            let at = cell_ref(c, r);
            let style = if s == 0 { String::new() } else { format!(" s=\"{s}\"") };
            match &cell.value {
                Value::Empty if s == 0 => {}
                Value::Empty => {
                    let _ = write!(x, "<c r=\"{at}\"{style}/>");
                }
                Value::Number(n) => {
                    let _ = write!(x, "<c r=\"{at}\"{style}><v>{}</v></c>", number_text(*n));
                }
                Value::Text(t) => {
                    let _ = write!(x, "<c r=\"{at}\"{style} t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>", cell_text(t));
                }
            }
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    Ok(x)
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
        let names = sheet_names(sheets);
        let styles = Styles::of(self);
        let mut parts: Vec<(String, String)> = vec![];

        let mut types = format!("{XML_HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">");
        types.push_str("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>");
        types.push_str("<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
        types.push_str("<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>");
        for i in 1..=sheets.len() {
            let _ = write!(types, "<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        }
        types.push_str("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
        types.push_str("<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>");
        types.push_str("<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>");
        types.push_str("</Types>");
        parts.push(("[Content_Types].xml".into(), types));

        parts.push((
            "_rels/.rels".into(),
            format!(
                "{XML_HEAD}<Relationships xmlns=\"{NS_PKG_REL}\">\
                 <Relationship Id=\"rId1\" Type=\"{NS_REL}/officeDocument\" Target=\"xl/workbook.xml\"/>\
                 <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
                 <Relationship Id=\"rId3\" Type=\"{NS_REL}/extended-properties\" Target=\"docProps/app.xml\"/>\
                 </Relationships>"
            ),
        ));
        parts.push((
            "docProps/core.xml".into(),
            format!(
                "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
                 xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>Tiến Độ</dc:creator></cp:coreProperties>",
                escape(&self.title)
            ),
        ));
        parts.push((
            "docProps/app.xml".into(),
            format!("{XML_HEAD}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>Tiến Độ</Application></Properties>"),
        ));

        let mut wb = format!("{XML_HEAD}<workbook xmlns=\"{NS_MAIN}\" xmlns:r=\"{NS_REL}\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>");
        let mut rels = format!("{XML_HEAD}<Relationships xmlns=\"{NS_PKG_REL}\">");
        for (i, name) in names.iter().enumerate() {
            let n = i + 1;
            let _ = write!(wb, "<sheet name=\"{}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>", escape(name));
            let _ = write!(rels, "<Relationship Id=\"rId{n}\" Type=\"{NS_REL}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>");
        }
        wb.push_str("</sheets></workbook>");
        let _ = write!(rels, "<Relationship Id=\"rId{}\" Type=\"{NS_REL}/styles\" Target=\"styles.xml\"/></Relationships>", sheets.len() + 1);
        parts.push(("xl/workbook.xml".into(), wb));
        parts.push(("xl/_rels/workbook.xml.rels".into(), rels));
        parts.push(("xl/styles.xml".into(), styles.xml()));
        for (i, sheet) in sheets.iter().enumerate() {
            parts.push((format!("xl/worksheets/sheet{}.xml", i + 1), sheet_xml(sheet, &styles, i == 0)?));
        }

        let zip_err = |e: zip::result::ZipError| Error::new("err-io").arg("detail", e.to_string());
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in &parts {
            zip.start_file(name.as_str(), opts).map_err(zip_err)?;
            zip.write_all(text.as_bytes())?;
        }
        Ok(zip.finish().map_err(zip_err)?.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_go_past_z() {
        let cases = [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA"), (16_383, "XFD")];
        for (i, want) in cases {
            assert_eq!(column_name(i), want, "column {i}");
        }
        assert_eq!(cell_ref(27, 9), "AB10");
    }

    #[test]
    fn text_is_escaped_and_forbidden_characters_dropped() {
        assert_eq!(escape("A&B <c> \"d\" 'e'"), "A&amp;B &lt;c&gt; &quot;d&quot; 'e'");
        assert_eq!(escape("a\u{0}b\u{1}c\u{8}d\re\u{7f}f\u{fffe}\u{ffff}"), "abcdef");
        assert_eq!(escape("dòng 1\n\tdòng 2"), "dòng 1\n\tdòng 2");
        assert_eq!(cell_text("a_x0041_b _x12_"), "a_x005F_x0041_b _x12_");
        assert_eq!(cell_text(&"ạ".repeat(MAX_CELL_CHARS + 5)).chars().count(), MAX_CELL_CHARS);
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

        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        let mut part = |name: &str| {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
            s
        };
        let sheet1 = part("xl/worksheets/sheet1.xml");
        assert!(sheet1.contains("<pane xSplit=\"1\" ySplit=\"1\" topLeftCell=\"B2\" activePane=\"bottomRight\" state=\"frozen\"/>"), "{sheet1}");
        assert!(sheet1.contains("<dimension ref=\"A1:AC3\"/>"));
        assert!(sheet1.contains("<col min=\"1\" max=\"1\" width=\"12.00\" customWidth=\"1\"/>"));
        // A number is a number, with no type; text is an inline string.
        assert!(sheet1.contains("<c r=\"AB2\"><v>13.5</v></c>"), "{sheet1}");
        assert!(sheet1.contains("<c r=\"A2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">&lt;1.5&gt; &amp; &quot;x&quot;</t></is></c>"));
        assert!(sheet1.contains("<c r=\"B3\" s=\"3\"><v>0.905</v></c>"), "{sheet1}");
        assert!(!sheet1.contains("NaN"));
        let sheet2 = part("xl/worksheets/sheet2.xml");
        assert!(sheet2.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"));
        assert!(!sheet2.contains("tabSelected"));
        let styles = part("xl/styles.xml");
        assert!(styles.contains("<fgColor rgb=\"FFD9E1F2\"/>") && styles.contains("<fgColor rgb=\"FFC6EFCE\"/>"));
        assert!(styles.contains("<cellXfs count=\"4\">"), "{styles}");
        assert!(styles.contains("<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\"/>"), "{styles}");
        assert!(part("docProps/core.xml").contains("<dc:title>Thử &amp; xem</dc:title>"));
        assert!(part("[Content_Types].xml").contains("/xl/worksheets/sheet2.xml"));
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
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut xml).unwrap();
        assert!(xml.contains("<row r=\"1\"><c"), "{xml}");
        assert!(xml.contains("<row r=\"2\" ht=\"60.0\" customHeight=\"1\">"), "{xml}");
    }

    #[test]
    fn too_many_columns_is_an_error() {
        let mut s = Sheet::new("x");
        s.rows.push((0..=MAX_COLUMNS).map(|_| Cell::empty()).collect());
        let err = Workbook { title: String::new(), sheets: vec![s] }.to_bytes().unwrap_err();
        assert_eq!(err.key, "err-xlsx-too-large");
    }
}
