//! Reading a worksheet of an Excel workbook (.xlsx), the first one unless
//! named, into rows of text, enough for a plan table: shared strings,
//! inline strings, numbers.
//! Merged cells keep their text in the top-left cell only, so a task cell
//! merged over two rows reads as a task row and a continuation row.

use std::collections::BTreeMap;
use std::io::Read;

use crate::error::{Error, Result};

/// Largest XML part read (a plan table is far smaller).
const MAX_PART: u64 = 64 << 20;

fn bad(detail: impl std::fmt::Display) -> Error {
    Error::new("err-import-xlsx-bad").arg("detail", detail.to_string())
}

fn part<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> Result<Option<String>> {
    let f = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(bad(e)),
    };
    let mut s = String::new();
    f.take(MAX_PART).read_to_string(&mut s).map_err(bad)?;
    Ok(Some(s))
}

/// Rows of the first worksheet of the workbook in `bytes`.
pub fn read_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(bad)?;
    let sheet_name = sheet_path(&mut zip, None)?.unwrap_or_else(|| "xl/worksheets/sheet1.xml".to_owned());
    read_part_rows(&mut zip, &sheet_name)
}

/// Rows of the worksheet called `name`; an error if there is none.
pub fn read_sheet(bytes: &[u8], name: &str) -> Result<Vec<Vec<String>>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(bad)?;
    let path = sheet_path(&mut zip, Some(name))?.ok_or_else(|| bad(format!("no sheet «{name}»")))?;
    read_part_rows(&mut zip, &path)
}

/// The names of the workbook's sheets, in order.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(bad)?;
    let wb = part(&mut zip, "xl/workbook.xml")?.ok_or_else(|| bad("no workbook"))?;
    Ok(tags(&wb, "sheet").filter_map(|t| attr(t, "name")).collect())
}

fn read_part_rows<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>, path: &str) -> Result<Vec<Vec<String>>> {
    let shared = match part(zip, "xl/sharedStrings.xml")? {
        Some(x) => shared_strings(&x),
        None => vec![],
    };
    let sheet = part(zip, path)?.ok_or_else(|| bad("no worksheet"))?;
    sheet_rows(&sheet, &shared)
}

/// The path of the sheet called `name` (the first sheet if `None`), from the
/// workbook relationships. `None` if the workbook does not say.
fn sheet_path<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>, name: Option<&str>) -> Result<Option<String>> {
    let (Some(wb), Some(rels)) = (part(zip, "xl/workbook.xml")?, part(zip, "xl/_rels/workbook.xml.rels")?) else {
        return Ok(None);
    };
    let Some(sheet) = tags(&wb, "sheet").find(|t| name.is_none_or(|n| attr(t, "name").as_deref() == Some(n))) else { return Ok(None) };
    let Some(rid) = attr(sheet, "r:id") else { return Ok(None) };
    for rel in tags(&rels, "Relationship") {
        if attr(rel, "Id").as_deref() == Some(rid.as_str())
            && let Some(target) = attr(rel, "Target")
        {
            let t = target.trim_start_matches('/');
            return Ok(Some(if t.starts_with("xl/") { t.to_owned() } else { format!("xl/{t}") }));
        }
    }
    Ok(None)
}

/// Iterates over the opening tags `<name …>` (including self-closing ones),
/// yielding the text between `<` and `>`.
fn tags<'a>(xml: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let open = format!("<{name}");
    let mut rest = xml;
    std::iter::from_fn(move || {
        loop {
            let i = rest.find(&open)?;
            let after = &rest[i + open.len()..];
            let boundary = after.chars().next().is_some_and(|c| c.is_whitespace() || c == '>' || c == '/');
            let end = after.find('>')?;
            let tag = &rest[i + 1..i + open.len() + end];
            rest = &after[end..];
            if boundary {
                return Some(tag);
            }
        }
    })
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')?;
    Some(unescape(&tag[i..i + j]))
}

/// Decodes XML entities.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let Some(j) = after.find(';').filter(|j| *j <= 10) else {
            out.push('&');
            rest = after;
            continue;
        };
        let ent = &after[..j];
        let decoded = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ if ent.starts_with("#x") => u32::from_str_radix(&ent[2..], 16).ok().and_then(char::from_u32),
            _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[j + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of every `<t>` element inside `xml`, concatenated.
fn text_runs(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<t") {
        let after = &rest[i + 2..];
        if !after.starts_with('>') && !after.starts_with(' ') {
            rest = after;
            continue;
        }
        let Some(open_end) = after.find('>') else { break };
        if after[..open_end].ends_with('/') {
            rest = &after[open_end + 1..];
            continue;
        }
        let body = &after[open_end + 1..];
        let Some(close) = body.find("</t>") else { break };
        out.push_str(&unescape(&body[..close]));
        rest = &body[close + 4..];
    }
    out
}

fn shared_strings(xml: &str) -> Vec<String> {
    xml.split("<si>").skip(1).map(|si| text_runs(si.split("</si>").next().unwrap_or(""))).collect()
}

/// Column index of a cell reference ("C12" → 2).
fn column_of(r: &str) -> Option<usize> {
    let letters: String = r.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    Some(letters.bytes().fold(0usize, |acc, b| acc * 26 + (b.to_ascii_uppercase() - b'A' + 1) as usize) - 1)
}

fn row_of(r: &str) -> Option<usize> {
    r.trim_start_matches(|c: char| c.is_ascii_alphabetic()).parse::<usize>().ok().filter(|n| *n >= 1 && *n <= 1_048_576)
}

fn sheet_rows(xml: &str, shared: &[String]) -> Result<Vec<Vec<String>>> {
    let mut cells: BTreeMap<usize, BTreeMap<usize, String>> = BTreeMap::new();
    let data = xml.split("<sheetData").nth(1).unwrap_or("");
    let mut next_row = 1usize;
    for row_chunk in data.split("<row").skip(1) {
        let row_tag_end = row_chunk.find('>').unwrap_or(0);
        let row_no = attr(&row_chunk[..row_tag_end], "r").and_then(|r| r.parse().ok()).unwrap_or(next_row);
        next_row = row_no + 1;
        if row_chunk[..row_tag_end].ends_with('/') {
            continue;
        }
        let body = row_chunk.split("</row>").next().unwrap_or("");
        let mut next_col = 0usize;
        for cell_chunk in body.split("<c").skip(1) {
            if !cell_chunk.starts_with([' ', '>', '/']) {
                continue;
            }
            let tag_end = cell_chunk.find('>').unwrap_or(cell_chunk.len());
            let tag = &cell_chunk[..tag_end];
            let r = attr(tag, "r");
            let col = r.as_deref().and_then(column_of).unwrap_or(next_col);
            let row = r.as_deref().and_then(row_of).unwrap_or(row_no);
            next_col = col + 1;
            if tag.ends_with('/') {
                continue;
            }
            let inner = cell_chunk[tag_end..].split("</c>").next().unwrap_or("");
            let value = || -> Option<String> {
                let i = inner.find("<v>")? + 3;
                let j = inner[i..].find("</v>")?;
                Some(unescape(&inner[i..i + j]))
            };
            let text = match attr(tag, "t").as_deref() {
                Some("s") => {
                    let idx: usize = value().and_then(|v| v.trim().parse().ok()).ok_or_else(|| bad("shared string index"))?;
                    shared.get(idx).cloned().ok_or_else(|| bad("shared string index"))?
                }
                Some("inlineStr") => text_runs(inner),
                _ => value().unwrap_or_default(),
            };
            if col > 200 {
                return Err(bad("too many columns"));
            }
            cells.entry(row).or_default().insert(col, text);
        }
    }
    let Some((&last, _)) = cells.last_key_value() else { return Ok(vec![]) };
    if last > 100_000 {
        return Err(bad("too many rows"));
    }
    let mut rows = vec![];
    for r in 1..=last {
        let row = cells.get(&r);
        let width = row.and_then(|m| m.keys().last().copied()).map_or(0, |c| c + 1);
        rows.push((0..width).map(|c| row.and_then(|m| m.get(&c)).cloned().unwrap_or_default()).collect());
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_from_shared_inline_and_numbers() {
        let shared = shared_strings("<sst><si><t>STT</t></si><si><r><t>Kiểm </t></r><r><t xml:space=\"preserve\">tra &amp; rà soát</t></r></si></sst>");
        assert_eq!(shared, vec!["STT", "Kiểm tra & rà soát"]);
        let sheet = r#"<worksheet><sheetData>
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>Sản phẩm</t></is></c></row>
            <row r="3"><c r="A3"><v>2</v></c><c r="B3" t="s"><v>1</v></c></row>
        </sheetData><mergeCells count="1"><mergeCell ref="A3:A4"/></mergeCells></worksheet>"#;
        let rows = sheet_rows(sheet, &shared).unwrap();
        assert_eq!(rows, vec![vec!["STT", "", "Sản phẩm"], vec![], vec!["2", "Kiểm tra & rà soát"]]);
        assert_eq!(column_of("AA10"), Some(26));
        assert_eq!(unescape("a&#x1EA1;&#7843;&bogus;"), "aạả&bogus;");
    }
}
