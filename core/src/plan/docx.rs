//! Reading the appendix table of a plan straight from a Word file (.docx):
//! `word/document.xml` parsed as XML (`w:tbl` / `w:tr` / `w:tc`).
//!
//! - `w:gridSpan` (a cell across several grid columns): the text goes to the
//!   first column it covers, the others stay empty;
//! - `w:vMerge` (a cell merged down): every row it covers gets the text of
//!   the row that starts it, and the copy is marked as merged (see
//!   [`Table::merged_down`]) so that a continuation row does not add it twice;
//! - paragraphs of a cell are joined with line breaks, `w:br` is a line
//!   break, `w:tab` a space; a table nested in a cell gives its text as lines;
//! - several tables: those whose header names the task columns are read, one
//!   after another (a table cut into one table per page or per section); the
//!   paragraphs outside tables are kept for the title and number;
//! - Word's automatic numbering (`w:numPr`, defined in `word/numbering.xml`):
//!   the number Word shows ("1.", "I.", "a)", "2.1.") is put before the
//!   paragraph's text, counted in document order — an order column numbered
//!   by Word has no number in its text otherwise.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Read;

use roxmltree::Node;

use crate::error::{Error, PlanError, Result};
use crate::plan::table::{Header, Table};

/// Largest `document.xml` read (a plan is far smaller).
const MAX_DOCUMENT: u64 = 64 << 20;

fn bad(detail: impl std::fmt::Display) -> Error {
    Error::from(PlanError::DocxBad { detail: detail.to_string() })
}

/// The appendix table of a .docx file given as bytes: every table of the
/// body whose rows name the task columns, one after another (or every
/// table, when none does: the caller then says no header was found).
pub fn read_docx(bytes: &[u8]) -> Result<Table> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(bad)?;
    let mut xml = String::new();
    {
        let f = zip.by_name("word/document.xml").map_err(bad)?;
        f.take(MAX_DOCUMENT).read_to_string(&mut xml).map_err(bad)?;
    }
    let mut numbering = String::new();
    if let Ok(f) = zip.by_name("word/numbering.xml") {
        f.take(MAX_DOCUMENT).read_to_string(&mut numbering).map_err(bad)?;
    }
    parse_document_numbered(&xml, &numbering)
}

/// The tables and paragraphs of a `document.xml` (no list numbering).
pub fn parse_document(xml: &str) -> Result<Table> {
    parse_document_numbered(xml, "")
}

/// The tables and paragraphs of a `document.xml`, with the list numbers
/// `numbering` (the `numbering.xml`, may be empty) defines.
pub fn parse_document_numbered(xml: &str, numbering: &str) -> Result<Table> {
    let num = Numbering::parse(numbering)?;
    let opts = roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: 20_000_000, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(xml, opts).map_err(bad)?;
    let body = doc
        .root_element()
        .children()
        .find(|n| is(n, "body"))
        .ok_or_else(|| bad("no w:body"))?;
    let mut paragraphs = vec![];
    let mut tables = vec![];
    walk_body(body, &mut paragraphs, &mut tables, &num);
    let with_header: Vec<&Table> = tables.iter().filter(|t| Header::find(&t.rows).is_ok()).collect();
    let picked: Vec<&Table> = if with_header.is_empty() { tables.iter().collect() } else { with_header };
    let mut out = Table { paragraphs, ..Table::default() };
    for t in picked {
        let offset = out.rows.len();
        out.merged_down.extend(t.merged_down.iter().map(|(r, c)| (r + offset, *c)));
        out.rows.extend(t.rows.iter().cloned());
    }
    Ok(out)
}

fn is(n: &Node, local: &str) -> bool {
    n.is_element() && n.tag_name().name() == local
}

/// Top-level paragraphs and tables, looking through content controls.
fn walk_body(node: Node, paragraphs: &mut Vec<String>, tables: &mut Vec<Table>, num: &Numbering) {
    for n in node.children().filter(Node::is_element) {
        match n.tag_name().name() {
            "p" => {
                let t = paragraph_text(n, num);
                if !t.trim().is_empty() {
                    paragraphs.push(t.trim().to_owned());
                }
            }
            "tbl" => {
                let mut t = Table::default();
                read_table(n, &mut t, num);
                tables.push(t);
            }
            "sdt" | "sdtContent" | "customXml" => walk_body(n, paragraphs, tables, num),
            _ => {}
        }
    }
}

/// Elements that may wrap rows or cells without being one.
fn wrapped<'a, 'input>(node: Node<'a, 'input>, local: &'static str) -> Vec<Node<'a, 'input>> {
    let mut out = vec![];
    for n in node.children().filter(Node::is_element) {
        if is(&n, local) {
            out.push(n);
        } else if matches!(n.tag_name().name(), "sdt" | "sdtContent" | "customXml") {
            out.extend(wrapped(n, local));
        }
    }
    out
}

fn child<'a, 'input>(node: Node<'a, 'input>, local: &str) -> Option<Node<'a, 'input>> {
    node.children().find(|n| is(n, local))
}

/// `w:val` of an element, whatever the prefix of the attribute.
fn val<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    node.attributes().find(|a| a.name() == "val").map(|a| a.value())
}

fn read_table(tbl: Node, out: &mut Table, num: &Numbering) {
    for (i, tr) in wrapped(tbl, "tr").into_iter().enumerate() {
        let r = i;
        let mut row: Vec<String> = vec![];
        if let Some(before) = child(tr, "trPr").and_then(|p| child(p, "gridBefore")).and_then(val)
            && let Ok(n) = before.parse::<usize>()
        {
            row.resize(n.min(64), String::new());
        }
        for tc in wrapped(tr, "tc") {
            let pr = child(tc, "tcPr");
            let span = pr
                .and_then(|p| child(p, "gridSpan"))
                .and_then(val)
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, 64);
            let col = row.len();
            let vmerge = pr.and_then(|p| child(p, "vMerge"));
            let continues = vmerge.is_some_and(|m| val(m).is_none_or(|v| v == "continue"));
            let text = if continues && r > 0 {
                out.merged_down.insert((r, col));
                out.rows[r - 1].get(col).cloned().unwrap_or_default()
            } else {
                cell_text(tc, num)
            };
            row.push(text);
            row.resize(col + span, String::new());
        }
        out.rows.push(row);
    }
}

/// A cell's paragraphs joined with line breaks (a nested table's cells too).
fn cell_text(tc: Node, num: &Numbering) -> String {
    let mut lines: Vec<String> = vec![];
    collect_lines(tc, &mut lines, num);
    lines.join("\n")
}

fn collect_lines(node: Node, lines: &mut Vec<String>, num: &Numbering) {
    for n in node.children().filter(Node::is_element) {
        match n.tag_name().name() {
            "p" => {
                let t = paragraph_text(n, num);
                let t = t.trim();
                if !t.is_empty() {
                    lines.extend(t.split('\n').map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()));
                }
            }
            // A nested table: its rows as lines, cells of a row joined.
            "tbl" => {
                for tr in wrapped(n, "tr") {
                    let cells: Vec<String> =
                        wrapped(tr, "tc").into_iter().map(|c| cell_text(c, num)).filter(|c| !c.trim().is_empty()).collect();
                    if !cells.is_empty() {
                        lines.push(cells.join(" ").replace('\n', " "));
                    }
                }
            }
            "tcPr" => {}
            _ => collect_lines(n, lines, num),
        }
    }
}

/// The text of one paragraph: runs, hyperlinks, fields' results; tracked
/// deletions (`w:delText`) and field instructions are not text.
fn paragraph_text(p: Node, num: &Numbering) -> String {
    let mut s = String::new();
    // Word's own number for a numbered paragraph ("1.", "I.", "a)").
    let numbered = child(p, "pPr").and_then(|pr| child(pr, "numPr"));
    if let Some(np) = numbered
        && let Some(id) = child(np, "numId").and_then(val)
    {
        let level = child(np, "ilvl").and_then(val).and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
        if let Some(label) = num.next(id, level) {
            s.push_str(&label);
            s.push(' ');
        }
    }
    for n in p.descendants().filter(Node::is_element) {
        match n.tag_name().name() {
            "t" => s.push_str(n.text().unwrap_or("")),
            "tab" if n.parent().is_some_and(|x| is(&x, "r")) => s.push(' '),
            "br" | "cr" => s.push('\n'),
            "noBreakHyphen" => s.push('-'),
            _ => {}
        }
    }
    s
}

/// One level of a list: where it starts, how its number is written, and
/// the text around it ("%1.", "%1.%2.", "%1)").
#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// The lists of `numbering.xml` and the counters of the document so far.
#[derive(Debug, Default)]
struct Numbering {
    /// numId → the levels of its abstract list (with any start overrides).
    lists: HashMap<String, (String, Vec<Level>)>,
    /// Counters per abstract list (lists sharing one count together).
    counters: RefCell<HashMap<String, [u32; 9]>>,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Numbering> {
        if xml.trim().is_empty() {
            return Ok(Numbering::default());
        }
        let opts = roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: 2_000_000, ..Default::default() };
        let doc = roxmltree::Document::parse_with_options(xml, opts).map_err(bad)?;
        let root = doc.root_element();
        let attr = |n: Node, name: &str| n.attributes().find(|a| a.name() == name).map(|a| a.value().to_owned());
        let mut abstracts: HashMap<String, Vec<Level>> = HashMap::new();
        for a in root.children().filter(|n| is(n, "abstractNum")) {
            let Some(id) = attr(a, "abstractNumId") else { continue };
            let mut levels = vec![Level { start: 1, format: "decimal".into(), text: String::new() }; 9];
            for l in a.children().filter(|n| is(n, "lvl")) {
                let Some(i) = attr(l, "ilvl").and_then(|v| v.parse::<usize>().ok()).filter(|i| *i < 9) else { continue };
                levels[i] = Level {
                    start: child(l, "start").and_then(val).and_then(|v| v.parse().ok()).unwrap_or(1),
                    format: child(l, "numFmt").and_then(val).unwrap_or("decimal").to_owned(),
                    text: child(l, "lvlText").and_then(val).unwrap_or("").to_owned(),
                };
            }
            abstracts.insert(id, levels);
        }
        let mut lists = HashMap::new();
        for n in root.children().filter(|n| is(n, "num")) {
            let (Some(id), Some(abs)) = (attr(n, "numId"), child(n, "abstractNumId").and_then(val)) else { continue };
            let Some(mut levels) = abstracts.get(abs).cloned() else { continue };
            for o in n.children().filter(|c| is(c, "lvlOverride")) {
                let i = attr(o, "ilvl").and_then(|v| v.parse::<usize>().ok()).filter(|i| *i < 9);
                if let (Some(i), Some(start)) = (i, child(o, "startOverride").and_then(val).and_then(|v| v.parse().ok())) {
                    levels[i].start = start;
                }
            }
            lists.insert(id, (abs.to_owned(), levels));
        }
        Ok(Numbering { lists, counters: RefCell::new(HashMap::new()) })
    }

    /// The number of the next paragraph of list `id` at `level`, as Word
    /// writes it; `None` for a bullet or an unknown list.
    fn next(&self, id: &str, level: usize) -> Option<String> {
        let (abs, levels) = self.lists.get(id)?;
        let level = level.min(8);
        let lv = &levels[level];
        if lv.format == "bullet" || lv.format == "none" {
            return None;
        }
        let mut counters = self.counters.borrow_mut();
        let c = counters.entry(abs.clone()).or_insert([0; 9]);
        c[level] = if c[level] == 0 { levels[level].start } else { c[level] + 1 };
        for deeper in c.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
        let mut text = lv.text.clone();
        for k in (0..=level).rev() {
            let n = if c[k] == 0 { levels[k].start } else { c[k] };
            text = text.replace(&format!("%{}", k + 1), &format_number(n, &levels[k].format));
        }
        let text = text.trim().to_owned();
        (!text.is_empty()).then_some(text)
    }
}

/// A list number in one of Word's formats.
fn format_number(n: u32, format: &str) -> String {
    let letter = |n: u32| {
        let n = n.max(1) - 1;
        let c = (b'a' + (n % 26) as u8) as char;
        c.to_string().repeat((n / 26) as usize + 1)
    };
    match format {
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperLetter" => letter(n).to_uppercase(),
        "lowerLetter" => letter(n),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const DIGITS: [(u32, &str); 13] = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ];
    let mut s = String::new();
    for (v, d) in DIGITS {
        while n >= v {
            s.push_str(d);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn spans_merges_paragraphs_and_nested_tables() {
        let xml = format!(
            r#"<w:document {W}><w:body><w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p><w:tbl>
            <w:tr><w:tc><w:p><w:r><w:t>STT</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Nội dung</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Chủ trì</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr><w:p><w:r><w:t>I. CHỈ ĐẠO</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Một</w:t></w:r></w:p><w:p><w:r><w:t>dòng hai</w:t><w:br/><w:t>ba</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Phòng A</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>y</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>
            </w:tbl></w:body></w:document>"#
        );
        let t = parse_document(&xml).unwrap();
        assert_eq!(t.paragraphs, vec!["KẾ HOẠCH"]);
        assert_eq!(t.rows[1], vec!["I. CHỈ ĐẠO", "", ""]);
        assert_eq!(t.rows[2], vec!["1", "Một\ndòng hai\nba", "Phòng A"]);
        assert_eq!(t.rows[3], vec!["2", "x y", "Phòng A"]);
        assert!(t.merged_down.contains(&(3, 2)) && !t.merged_down.contains(&(2, 2)));
    }

    /// An order column numbered by Word: areas "I.", "II." (upper Roman) and
    /// tasks "1.", "2." restarting under each area (level 1 of the same list).
    #[test]
    fn word_list_numbers_are_read_in_document_order() {
        let numbering = format!(
            r#"<w:numbering {W}>
            <w:abstractNum w:abstractNumId="0">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
              <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
            </w:abstractNum>
            <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum>
            <w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>
            <w:num w:numId="6"><w:abstractNumId w:val="1"/></w:num>
            </w:numbering>"#
        );
        let cell = |lvl: Option<u32>, text: &str| match lvl {
            Some(l) => format!(r#"<w:tc><w:p><w:pPr><w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#),
            None => format!(r#"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#),
        };
        let rows = [
            format!("{}{}", cell(None, "STT"), cell(None, "Nội dung")),
            format!("{}{}", cell(Some(0), ""), cell(None, "CHỈ ĐẠO")),
            format!("{}{}", cell(Some(1), ""), cell(None, "Một")),
            format!("{}{}", cell(Some(2), ""), cell(None, "Một a")),
            format!("{}{}", cell(Some(1), ""), cell(None, "Hai")),
            format!("{}{}", cell(Some(0), ""), cell(None, "THỂ CHẾ")),
            format!("{}{}", cell(Some(1), ""), cell(None, "Ba")),
            format!(r#"<w:tc><w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="6"/></w:numPr></w:pPr><w:r><w:t>gạch</w:t></w:r></w:p></w:tc>{}"#, cell(None, "x")),
        ];
        let xml = format!(
            r#"<w:document {W}><w:body><w:tbl>{}</w:tbl></w:body></w:document>"#,
            rows.iter().map(|r| format!("<w:tr>{r}</w:tr>")).collect::<String>()
        );
        let t = parse_document_numbered(&xml, &numbering).unwrap();
        let first: Vec<&str> = t.rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(first, vec!["STT", "I.", "1.", "a)", "2.", "II.", "1.", "gạch"]);
        assert_eq!((roman(1994), format_number(28, "lowerLetter")), ("MCMXCIV".to_owned(), "bb".to_owned()));
    }

    #[test]
    fn not_a_word_file_is_named() {
        let e = read_docx(b"PK\x03\x04garbage").unwrap_err();
        assert_eq!(e.key, "err-import-docx-bad");
    }
}
