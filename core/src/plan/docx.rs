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
//!   paragraphs outside tables are kept for the title and number.

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
    parse_document(&xml)
}

/// The tables and paragraphs of a `document.xml`.
pub fn parse_document(xml: &str) -> Result<Table> {
    let opts = roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: 20_000_000, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(xml, opts).map_err(bad)?;
    let body = doc
        .root_element()
        .children()
        .find(|n| is(n, "body"))
        .ok_or_else(|| bad("no w:body"))?;
    let mut paragraphs = vec![];
    let mut tables = vec![];
    walk_body(body, &mut paragraphs, &mut tables);
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
fn walk_body(node: Node, paragraphs: &mut Vec<String>, tables: &mut Vec<Table>) {
    for n in node.children().filter(Node::is_element) {
        match n.tag_name().name() {
            "p" => {
                let t = paragraph_text(n);
                if !t.trim().is_empty() {
                    paragraphs.push(t.trim().to_owned());
                }
            }
            "tbl" => {
                let mut t = Table::default();
                read_table(n, &mut t);
                tables.push(t);
            }
            "sdt" | "sdtContent" | "customXml" => walk_body(n, paragraphs, tables),
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

fn read_table(tbl: Node, out: &mut Table) {
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
                cell_text(tc)
            };
            row.push(text);
            row.resize(col + span, String::new());
        }
        out.rows.push(row);
    }
}

/// A cell's paragraphs joined with line breaks (a nested table's cells too).
fn cell_text(tc: Node) -> String {
    let mut lines: Vec<String> = vec![];
    collect_lines(tc, &mut lines);
    lines.join("\n")
}

fn collect_lines(node: Node, lines: &mut Vec<String>) {
    for n in node.children().filter(Node::is_element) {
        match n.tag_name().name() {
            "p" => {
                let t = paragraph_text(n);
                let t = t.trim();
                if !t.is_empty() {
                    lines.extend(t.split('\n').map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()));
                }
            }
            // A nested table: its rows as lines, cells of a row joined.
            "tbl" => {
                for tr in wrapped(n, "tr") {
                    let cells: Vec<String> =
                        wrapped(tr, "tc").into_iter().map(cell_text).filter(|c| !c.trim().is_empty()).collect();
                    if !cells.is_empty() {
                        lines.push(cells.join(" ").replace('\n', " "));
                    }
                }
            }
            "tcPr" => {}
            _ => collect_lines(n, lines),
        }
    }
}

/// The text of one paragraph: runs, hyperlinks, fields' results; tracked
/// deletions (`w:delText`) and field instructions are not text.
fn paragraph_text(p: Node) -> String {
    let mut s = String::new();
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

    #[test]
    fn not_a_word_file_is_named() {
        let e = read_docx(b"PK\x03\x04garbage").unwrap_err();
        assert_eq!(e.key, "err-import-docx-bad");
    }
}
