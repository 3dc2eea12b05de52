//! Importing a plan table from CSV: the seed's columns (STT, Nhiệm vụ cụ thể,
//! Sản phẩm, Cơ quan chủ trì, Cơ quan phối hợp, Thời gian hoàn thành), area
//! rows like "1 Công tác chỉ đạo…", continuation rows left by page breaks.
//!
//! Units, groups and targets come from the plan the installation already has;
//! the table brings areas and tasks. A bad table is refused as a whole with
//! the row and column at fault.

use crate::agency::split_cell;
use crate::error::{Error, Result};
use crate::plan::source::{AreaSource, PlanSource, TaskSource};
use crate::text::{fold, nfc};

/// The columns, by folded header name.
const COLUMNS: [(&str, &str); 6] = [
    ("stt", "STT"),
    ("nhiem vu cu the", "Nhiệm vụ cụ thể"),
    ("san pham", "Sản phẩm"),
    ("co quan chu tri", "Cơ quan chủ trì"),
    ("co quan phoi hop", "Cơ quan phối hợp"),
    ("thoi gian hoan thanh", "Thời gian hoàn thành"),
];

/// Options for an import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub id: Option<String>,
    pub year: Option<i32>,
    pub number: Option<String>,
    pub title: Option<String>,
}

/// Decodes file bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or —
/// when the bytes are not UTF-8 — Windows-1258, the code page of older
/// Vietnamese office machines. The result is NFC.
pub fn decode(bytes: &[u8]) -> Result<String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return std::str::from_utf8(rest)
            .map(nfc)
            .map_err(|_| Error::new("err-import-encoding"));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let (text, _, bad) = encoding_rs::UTF_16LE.decode(bytes);
        if bad {
            return Err(Error::new("err-import-encoding"));
        }
        return Ok(nfc(&text));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(nfc(s)),
        Err(e) if mostly_utf8(bytes) => {
            // UTF-8 with a few stray bytes: read as Windows-1258 every
            // accented letter would turn to garbage ("missing column").
            let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Error::new("err-import-stray-bytes").arg("line", line))
        }
        Err(_) => {
            let (text, _, bad) = encoding_rs::WINDOWS_1258.decode(bytes);
            if bad || text.contains('\u{0}') {
                return Err(Error::new("err-import-encoding"));
            }
            Ok(nfc(&text))
        }
    }
}

/// Whether bytes that are not valid UTF-8 are still mostly UTF-8: more
/// well-formed multi-byte letters than bytes that break the encoding
/// (Windows-1258 text has almost no well-formed UTF-8 sequences).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += chunk.invalid().len();
    }
    good > bad
}

/// Parses CSV (comma, semicolon or tab separated, detected from the header
/// line; quoted cells may hold separators, quotes and line breaks).
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>> {
    let first_line = text.lines().next().unwrap_or("");
    let sep = [',', ';', '\t']
        .into_iter()
        .max_by_key(|c| first_line.matches(*c).count())
        .unwrap_or(',');
    let mut rows = vec![];
    let mut row: Vec<String> = vec![];
    let mut cell = String::new();
    let mut in_quotes = false;
    let mut chars = text.chars().peekable();
    let mut line = 1usize;
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    cell.push('\n');
                }
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if cell.trim().is_empty() => {
                cell.clear();
                in_quotes = true;
            }
            c if c == sep => row.push(std::mem::take(&mut cell)),
            '\r' => {}
            '\n' => {
                line += 1;
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            _ => cell.push(c),
        }
    }
    if in_quotes {
        return Err(Error::new("err-import-quote").arg("line", line));
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    Ok(rows)
}

/// What an import produced, for `--dry-run` and for the caller.
#[derive(Debug, Clone)]
pub struct Imported {
    pub source: PlanSource,
    /// (row number, task code, deadline text) for every deadline not understood.
    pub unparsed: Vec<(usize, String, String)>,
}

/// Builds a plan from a table, taking units, groups and targets from `base`.
pub fn import_table(rows: &[Vec<String>], base: &PlanSource, opts: &ImportOptions) -> Result<Imported> {
    if rows.len() > super::MAX_PLAN_ROWS {
        return Err(Error::new("err-import-too-many-rows").arg("count", rows.len()).arg("max", super::MAX_PLAN_ROWS));
    }
    let header_at = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| fold(c) == "stt"))
        .ok_or_else(|| Error::new("err-import-no-header"))?;
    let header: Vec<String> = rows[header_at].iter().map(|c| fold(c)).collect();
    let mut index = [0usize; 6];
    for (i, (key, name)) in COLUMNS.iter().enumerate() {
        index[i] = header
            .iter()
            .position(|h| h == key)
            .ok_or_else(|| Error::new("err-import-missing-column").arg("column", *name))?;
    }
    let mut areas: Vec<AreaSource> = vec![];
    let mut tasks: Vec<TaskSource> = vec![];
    let mut task_rows: Vec<usize> = vec![];
    // Codes seen so far: one look-up per row, not a scan of every earlier row.
    let mut area_codes: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut task_codes: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (n, row) in rows.iter().enumerate().skip(header_at + 1) {
        let row_no = n + 1;
        let cell = |i: usize| row.get(index[i]).map(|s| s.trim()).unwrap_or("");
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if fold(cell(0)) == "stt" {
            continue; // the header repeated on a new page
        }
        let stt = cell(0).trim_end_matches('.');
        let code_ok = !stt.is_empty() && stt.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
        if !stt.is_empty() && !code_ok {
            // "1 Công tác chỉ đạo…" all in the first cell.
            let (num, title) = stt.split_once(char::is_whitespace).unwrap_or((stt, ""));
            if num.trim_end_matches('.').chars().all(|c| c.is_ascii_digit()) && !title.trim().is_empty() {
                area_codes.insert(num.trim_end_matches('.').to_owned());
                areas.push(AreaSource { code: num.trim_end_matches('.').to_owned(), title: title.trim().to_owned() });
                continue;
            }
            return Err(Error::new("err-import-cell").arg("row", row_no).arg("column", COLUMNS[0].1).arg("value", stt));
        }
        if code_ok && !stt.contains('.') {
            // Area row: "1" + title in the task column.
            let title = cell(1);
            if title.is_empty() {
                return Err(Error::new("err-import-cell").arg("row", row_no).arg("column", COLUMNS[1].1).arg("value", ""));
            }
            area_codes.insert(stt.to_owned());
            areas.push(AreaSource { code: stt.to_owned(), title: title.to_owned() });
            continue;
        }
        if stt.is_empty() {
            // The rest of the previous task, cut by a page break.
            let Some(t) = tasks.last_mut() else {
                return Err(Error::new("err-import-cell").arg("row", row_no).arg("column", COLUMNS[0].1).arg("value", ""));
            };
            append(&mut t.description, cell(1));
            t.products.extend(split_products(cell(2)));
            t.lead.extend(split_cell(cell(3)));
            t.coordinating.extend(split_cell(cell(4)));
            append(&mut t.deadline, cell(5));
            continue;
        }
        let area = stt.split('.').next().unwrap_or("").to_owned();
        if !area_codes.contains(&area) {
            return Err(Error::new("err-import-no-area").arg("row", row_no).arg("code", stt));
        }
        if !task_codes.insert(stt.to_owned()) {
            return Err(Error::new("err-import-duplicate").arg("row", row_no).arg("code", stt));
        }
        for (i, name) in [(1, COLUMNS[1].1), (3, COLUMNS[3].1)] {
            if cell(i).is_empty() {
                return Err(Error::new("err-import-cell").arg("row", row_no).arg("column", name).arg("value", ""));
            }
        }
        tasks.push(TaskSource {
            code: stt.to_owned(),
            area,
            description: cell(1).to_owned(),
            products: split_products(cell(2)),
            lead: split_cell(cell(3)),
            coordinating: split_cell(cell(4)),
            deadline: cell(5).to_owned(),
            repairs: vec![],
        });
        task_rows.push(row_no);
    }
    if tasks.is_empty() {
        return Err(Error::new("err-import-empty"));
    }
    let year = opts.year.unwrap_or_else(|| guess_year(&tasks).unwrap_or(base.year));
    let mut source = PlanSource {
        id: String::new(),
        number: opts.number.clone().unwrap_or_default(),
        date: format!("{year}-01-01"),
        issuer: base.issuer.clone(),
        year,
        title: opts.title.clone().unwrap_or_default(),
        repairs: vec![],
        units: base.units.clone(),
        groups: base.groups.clone(),
        areas,
        tasks,
        targets: base.targets.clone(),
    };
    // Resolve agencies now so that an unknown one is reported with its row and column.
    if let Err(e) = crate::plan::build(&source) {
        if e.key == "err-unknown-agency" {
            let task = e.args.iter().find(|(k, _)| *k == "task").map(|(_, v)| v.clone());
            let phrase = e.args.iter().find(|(k, _)| *k == "phrase").map(|(_, v)| v.clone());
            if let (Some(crate::i18n::Arg::Str(task)), Some(crate::i18n::Arg::Str(phrase))) = (task, phrase) {
                let i = source.tasks.iter().position(|t| t.code == task).unwrap_or(0);
                let column = if source.tasks[i].lead.contains(&phrase) { COLUMNS[3].1 } else { COLUMNS[4].1 };
                return Err(Error::new("err-import-agency")
                    .arg("row", task_rows[i])
                    .arg("column", column)
                    .arg("value", phrase));
            }
        }
        return Err(e);
    }
    source.id = opts.id.clone().unwrap_or_else(|| {
        let h = crate::plan::content_hash(&source);
        format!("import-{year}-{}", &h[..12])
    });
    let unparsed = source
        .tasks
        .iter()
        .zip(&task_rows)
        .filter(|(t, _)| crate::deadline::parse_deadline(&t.deadline, year).unparsed)
        .map(|(t, r)| (*r, t.code.clone(), t.deadline.clone()))
        .collect();
    Ok(Imported { source, unparsed })
}

fn append(to: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if !to.is_empty() {
        to.push(' ');
    }
    to.push_str(more);
}

/// Products are "- A - B" bullets or "A; B".
fn split_products(cell: &str) -> Vec<String> {
    let mut out = vec![];
    for part in cell.split([';', '\n']) {
        let t = part.trim();
        let t = t.strip_prefix('-').unwrap_or(t);
        for p in t.split(" - ") {
            let p = p.trim().trim_end_matches(['.', ',']).trim();
            if !p.is_empty() {
                out.push(p.to_owned());
            }
        }
    }
    out
}

/// The most frequent four-digit year (2000–2099) in the deadline cells.
fn guess_year(tasks: &[TaskSource]) -> Option<i32> {
    let mut counts = std::collections::BTreeMap::new();
    for t in tasks {
        let b = t.deadline.as_bytes();
        for i in 0..b.len().saturating_sub(3) {
            let w = &b[i..i + 4];
            let boundary_before = i == 0 || !b[i - 1].is_ascii_digit();
            let boundary_after = i + 4 == b.len() || !b[i + 4].is_ascii_digit();
            if boundary_before && boundary_after && w.iter().all(u8::is_ascii_digit) && w[0] == b'2' && w[1] == b'0' {
                let y: i32 = std::str::from_utf8(w).ok()?.parse().ok()?;
                *counts.entry(y).or_insert(0) += 1;
            }
        }
    }
    counts.into_iter().max_by_key(|(_, c)| *c).map(|(y, _)| y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_quotes_and_line_breaks() {
        let rows = parse_csv("a,\"b, c\",\"d\"\"e\"\n\"x\ny\",z\n").unwrap();
        assert_eq!(rows, vec![vec!["a", "b, c", "d\"e"], vec!["x\ny", "z"]]);
        assert!(parse_csv("a,\"unterminated\n").is_err());
        let semi = parse_csv("STT;Nhiệm vụ\n1;x\n").unwrap();
        assert_eq!(semi[1], vec!["1", "x"]);
    }

    #[test]
    fn windows_1258_is_converted() {
        // "Quý" in Windows-1258: Q u y + combining acute (0xEC).
        let bytes = [b'Q', b'u', b'y', 0xEC];
        assert_eq!(decode(&bytes).unwrap(), "Quý");
        assert_eq!(decode("Quý".as_bytes()).unwrap(), "Quý");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("Tiến".as_bytes());
        assert_eq!(decode(&bom).unwrap(), "Tiến");
    }

    #[test]
    fn year_guess() {
        let t = |d: &str| TaskSource {
            code: "1.1".into(),
            area: "1".into(),
            description: String::new(),
            products: vec![],
            lead: vec![],
            coordinating: vec![],
            deadline: d.into(),
            repairs: vec![],
        };
        assert_eq!(guess_year(&[t("Quý I năm 2024"), t("tháng 5/2024"), t("12345 2023")]), Some(2024));
    }
}
