//! Importing a plan's appendix table from Word, Excel or CSV: the columns
//! found by their header (STT, Nhiệm vụ / Nội dung, Sản phẩm, Cơ quan chủ
//! trì, Cơ quan phối hợp, Thời gian), area rows, numbering per area,
//! sub-items, continuation rows left by page breaks (see [`crate::plan::table`]).
//!
//! Units and groups come from the plan the installation already has; the
//! table brings areas and tasks, and the paragraphs of a Word file its
//! targets when it has a targets section ([`crate::plan::targets`]; else the
//! targets it had are kept). A bad table is refused as a whole with
//! the row and column at fault.

use crate::agency::split_cell;
use crate::error::{Error, PlanError, Result};
use crate::plan::source::{AreaSource, PlanSource, Repair, TaskSource};
use crate::plan::table::{Col, Header, Label, Table, label};
use crate::text::{fold, nfc};

/// Options for an import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub id: Option<String>,
    pub year: Option<i32>,
    pub number: Option<String>,
    pub title: Option<String>,
    /// Code of the unit that issues the plan (default: the current plan's issuer).
    pub issuer: Option<String>,
}

/// Reads the plan table of a file by its extension: .docx (Word), .xlsx,
/// .xls (Excel) or .ods (LibreOffice Calc), .csv (any other extension is
/// read as CSV text, unless its first bytes say what it is).
pub fn read_table_file(path: &std::path::Path) -> Result<Table> {
    let bytes = std::fs::read(path).map_err(|e| {
        Error::new("err-open-file").arg("path", path.display().to_string()).arg("detail", e.to_string())
    })?;
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    read_table_bytes(&bytes, &ext)
}

/// [`read_table_file`] on bytes already read; `ext` lower-case, no dot.
/// A file is also known by its first bytes: a Word or Excel file under
/// another name is read as what it is; a PDF, an old Word (.doc) or an
/// OpenDocument text is refused with what to do instead.
pub fn read_table_bytes(bytes: &[u8], ext: &str) -> Result<Table> {
    const OLE2: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let refuse = |format: &str| Err(Error::new("err-import-format").arg("format", format));
    match ext {
        "docx" => crate::plan::docx::read_docx(bytes),
        "xlsx" | "xlsm" | "xls" | "ods" => crate::plan::xlsx::read_table(bytes),
        _ if ext == "pdf" || bytes.starts_with(b"%PDF") => Err(Error::new("err-import-pdf")),
        // An old Word file (an .xls is the same kind of container, read above).
        "doc" => refuse(".doc (Word 97–2003)"),
        _ if bytes.starts_with(OLE2) => crate::plan::xlsx::read_table(bytes).or_else(|_| refuse(".doc (Word 97–2003)")),
        "odt" | "rtf" | "wps" | "pages" => refuse(&format!(".{ext}")),
        // A zip under another name: a Word document or a workbook.
        _ if bytes.starts_with(b"PK\x03\x04") => {
            crate::plan::docx::read_docx(bytes).or_else(|e| crate::plan::xlsx::read_table(bytes).map_err(|_| e))
        }
        _ => Ok(Table::from_rows(parse_csv(&decode(bytes)?)?)),
    }
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
    let sep = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|c| first_line.matches(*c as char).count())
        .unwrap_or(b',');
    if let Some(line) = unclosed_quote(text, sep as char) {
        return Err(Error::new("err-import-quote").arg("line", line));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(text.as_bytes());
    let mut rows = vec![];
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            Error::new("err-import-cell").arg("row", line).arg("column", "?").arg("value", e.to_string())
        })?;
        rows.push(record.iter().map(|c| c.replace("\r\n", "\n")).collect());
    }
    Ok(rows)
}

/// The line of a quoted cell that never closes (the `csv` crate would read
/// it to the end of the file without a word).
fn unclosed_quote(text: &str, sep: char) -> Option<usize> {
    let (mut line, mut opened_at, mut in_quotes, mut at_cell_start) = (1, 0, false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
        }
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    in_quotes = false;
                }
            }
            continue;
        }
        match c {
            '"' if at_cell_start => {
                in_quotes = true;
                opened_at = line;
            }
            c if c == sep || c == '\n' => at_cell_start = true,
            ' ' | '\r' => {}
            _ => at_cell_start = false,
        }
    }
    in_quotes.then_some(opened_at)
}

/// An agency phrase that resolves to no unit, with where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Unmatched {
    pub row: usize,
    pub column: String,
    pub task: String,
    pub phrase: String,
}

/// What an import produced, for `--dry-run` and for the caller.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The plan; agencies in `unmatched` are left out of it (each recorded
    /// as a repair of its task, so the plan says what was dropped).
    pub source: PlanSource,
    /// (row number, task code, deadline text) for every deadline not understood.
    pub unparsed: Vec<(usize, String, String)>,
    /// Agencies that name no unit of the organisation.
    pub unmatched: Vec<Unmatched>,
    /// The row of each task, in plan order.
    pub rows: Vec<usize>,
    /// Whether the targets were read from the file's own targets section
    /// (else those of `base` were kept).
    pub targets_read: bool,
}

impl Imported {
    /// Where the plan's targets come from, for the message `import-targets`:
    /// "yes" (the file's own section), "no" (the plan's in use), "none" (neither has any).
    pub fn targets_source(&self) -> &'static str {
        match (self.targets_read, self.source.targets.is_empty()) {
            (true, _) => "yes",
            (false, false) => "no",
            (false, true) => "none",
        }
    }
}

/// The title of the area of tasks that stand above any area row.
const IMPLICIT_AREA: &str = "Nhiệm vụ";

/// Builds a plan from a table, taking units and groups from `base`, and its
/// targets unless the file states its own.
pub fn import_table(table: &Table, base: &PlanSource, opts: &ImportOptions) -> Result<Imported> {
    let rows = &table.rows;
    if rows.len() > super::MAX_PLAN_ROWS {
        return Err(Error::from(PlanError::TooManyRows { count: rows.len(), max: super::MAX_PLAN_ROWS }));
    }
    let header = Header::find(rows)?;
    let ix = |c: Col| header.index(c);
    let mut areas: Vec<AreaSource> = vec![];
    let mut tasks: Vec<TaskSource> = vec![];
    let mut task_rows: Vec<usize> = vec![];
    // Codes seen so far: one look-up per row, not a scan of every earlier row.
    let mut task_codes: std::collections::HashSet<String> = std::collections::HashSet::new();
    // Heading labels from the top level down, and the styles in the order met.
    let mut stack: Vec<String> = vec![];
    let mut styles: Vec<u8> = vec![];
    // The last task with a number of its own (the parent of "a)" and "-" items).
    let mut parent: Option<String> = None;
    let mut dash_count = 0usize;
    // Tasks above any area row (a table without them): one area of their
    // own, their numbers kept as their codes.
    let mut implicit_area: Option<String> = None;
    for (n, row) in rows.iter().enumerate().skip(header.last_row + 1) {
        let row_no = n + 1;
        let own = |c: Col| -> &str {
            ix(c).filter(|i| !table.merged_down.contains(&(n, *i))).and_then(|i| row.get(i)).map(|s| s.trim()).unwrap_or("")
        };
        let cell = |c: Col| -> &str { ix(c).and_then(|i| row.get(i)).map(|s| s.trim()).unwrap_or("") };
        if row.iter().all(|c| c.trim().is_empty()) || header.is_repeat(row) {
            continue;
        }
        let area_code = stack.join(".");
        let body = [Col::Products, Col::Lead, Col::Coordinating, Col::Deadline].iter().any(|c| !own(*c).is_empty());
        let stt = own(Col::Stt);
        // The whole row in one cell ("I. CÔNG TÁC CHỈ ĐẠO" across the table).
        let filled: Vec<&str> = row.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
        let (label_cell, title_cell) = if stt.is_empty() && !body && filled.len() == 1 && label(filled[0]).is_some_and(|(l, _)| l != Label::Dash) {
            (filled[0], "")
        } else {
            (stt, own(Col::Task))
        };
        let labelled = label(label_cell);
        // An area row: a label and a title, nothing in the other columns.
        if let Some((l, rest)) = &labelled
            && !body
            && !matches!(l, Label::Dash | Label::SubLetter(_))
        {
            let title = if rest.is_empty() { title_cell } else { rest };
            if title.is_empty() {
                return Err(Error::new("err-import-cell").arg("row", row_no).arg("column", header.name(Col::Task)).arg("value", ""));
            }
            let style = l.style();
            let depth = styles.iter().position(|s| *s == style).unwrap_or_else(|| {
                styles.push(style);
                styles.len() - 1
            });
            stack.truncate(depth);
            // An old-style area "1" above tasks "1.1": its code is its number.
            stack.push(l.code());
            let code = stack.join(".");
            // The tasks met before the first area row keep theirs, under another code.
            if implicit_area.as_deref() == Some(code.as_str()) {
                let other = (0..).map(|k| k.to_string()).find(|c| !areas.iter().any(|a| &a.code == c)).expect("a free code");
                areas.iter_mut().filter(|a| a.code == code).for_each(|a| a.code = other.clone());
                tasks.iter_mut().filter(|t| t.area == code).for_each(|t| t.area = other.clone());
                implicit_area = Some(other);
            }
            areas.push(AreaSource { code, title: title.replace('\n', " ") });
            parent = None;
            continue;
        }
        // A sub-item written in the task column ("a) …", "- …") with agencies of its own.
        let sub_in_task = if stt.is_empty() && (!own(Col::Lead).is_empty() || !own(Col::Deadline).is_empty()) {
            label(own(Col::Task)).filter(|(l, _)| matches!(l, Label::SubLetter(_) | Label::Dash))
        } else {
            None
        };
        let task_label = match (&labelled, &sub_in_task) {
            (Some((l, _)), _) if !stt.is_empty() => Some(l.clone()),
            (_, Some((l, _))) => Some(l.clone()),
            _ => None,
        };
        let Some(task_label) = task_label else {
            if !stt.is_empty() {
                return Err(Error::new("err-import-cell").arg("row", row_no).arg("column", header.name(Col::Stt)).arg("value", stt));
            }
            // The rest of the previous task, cut by a page break (cells
            // merged down from the task row are already in it).
            let Some(t) = tasks.last_mut() else {
                return Err(Error::new("err-import-cell").arg("row", row_no).arg("column", header.name(Col::Stt)).arg("value", ""));
            };
            append(&mut t.description, own(Col::Task));
            t.products.extend(split_products(own(Col::Products)));
            t.lead.extend(split_cell(own(Col::Lead)));
            t.coordinating.extend(split_cell(own(Col::Coordinating)));
            append_deadline(&mut t.deadline, own(Col::Deadline));
            continue;
        };
        if areas.is_empty() {
            areas.push(AreaSource { code: "I".into(), title: IMPLICIT_AREA.into() });
            implicit_area = Some("I".into());
        }
        let in_implicit = stack.is_empty();
        let code = match &task_label {
            Label::Number(num) => {
                let c = if in_implicit || num.starts_with(&format!("{area_code}.")) { num.clone() } else { format!("{area_code}.{num}") };
                parent = Some(c.clone());
                dash_count = 0;
                c
            }
            Label::SubLetter(ch) => format!("{}.{ch}", parent.as_deref().unwrap_or(&area_code)),
            Label::Dash => {
                dash_count += 1;
                format!("{}.{dash_count}", parent.as_deref().unwrap_or(&area_code))
            }
            Label::Roman(r) => format!("{area_code}.{r}"),
            Label::Letter(ch) => format!("{area_code}.{ch}"),
        };
        if !task_codes.insert(code.clone()) {
            return Err(Error::new("err-import-duplicate").arg("row", row_no).arg("code", code));
        }
        let description = match &sub_in_task {
            Some((_, rest)) => rest.to_string(),
            None => cell(Col::Task).to_owned(),
        };
        for (c, v) in [(Col::Task, description.as_str()), (Col::Lead, cell(Col::Lead))] {
            if v.is_empty() {
                return Err(Error::new("err-import-cell").arg("row", row_no).arg("column", header.name(c)).arg("value", ""));
            }
        }
        let mut deadline = String::new();
        append_deadline(&mut deadline, cell(Col::Deadline));
        tasks.push(TaskSource {
            code,
            area: if in_implicit { implicit_area.clone().unwrap_or_default() } else { area_code },
            description,
            products: split_products(cell(Col::Products)),
            lead: split_cell(cell(Col::Lead)),
            coordinating: split_cell(cell(Col::Coordinating)),
            deadline,
            repairs: vec![],
            manual_dates: vec![],
        });
        task_rows.push(row_no);
    }
    if tasks.is_empty() {
        return Err(Error::new("err-import-empty"));
    }
    let title = opts.title.clone().or_else(|| guess_title(&table.paragraphs)).unwrap_or_default();
    let year = opts
        .year
        .or_else(|| guess_year(std::iter::once(title.as_str())))
        .or_else(|| guess_year(tasks.iter().map(|t| t.deadline.as_str())))
        .unwrap_or(base.year);
    let issuer = match &opts.issuer {
        Some(code) => {
            if !base.units.iter().any(|u| &u.code == code) {
                return Err(Error::new("err-unknown-unit").arg("code", code));
            }
            code.clone()
        }
        None => base.issuer.clone(),
    };
    let mut source = PlanSource {
        id: String::new(),
        number: opts.number.clone().or_else(|| guess_number(&table.paragraphs)).unwrap_or_default(),
        date: guess_date(&table.paragraphs).map_or_else(|| format!("{year}-01-01"), |d| d.format("%Y-%m-%d").to_string()),
        issuer,
        year,
        title,
        repairs: vec![],
        units: base.units.clone(),
        groups: base.groups.clone(),
        areas,
        tasks,
        targets: vec![],
    };
    // The file's own targets section, if it has one; else the plan's targets so far.
    let read = crate::plan::targets::read_targets(&table.paragraphs);
    let targets_read = !read.is_empty();
    source.targets = if targets_read { read } else { base.targets.clone() };
    let unmatched = leave_out_unmatched(&mut source, &task_rows, &header)?;
    crate::plan::build(&source)?;
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
    Ok(Imported { source, unparsed, unmatched, rows: task_rows, targets_read })
}

/// Takes every agency phrase that names no unit out of its task, recording
/// it as a repair of the task and returning the list with rows and columns.
fn leave_out_unmatched(source: &mut PlanSource, rows: &[usize], header: &Header) -> Result<Vec<Unmatched>> {
    let org = crate::plan::organisation(source)?;
    let resolver = org.resolver();
    let mut out = vec![];
    for (t, row) in source.tasks.iter_mut().zip(rows) {
        for (field, col) in [("lead", Col::Lead), ("coordinating", Col::Coordinating)] {
            let list = if field == "lead" { &mut t.lead } else { &mut t.coordinating };
            let before = list.join(" | ");
            let mut dropped = vec![];
            list.retain(|p| {
                let known = resolver.resolve(p).is_some();
                if !known {
                    dropped.push(p.clone());
                }
                known
            });
            for phrase in &dropped {
                out.push(Unmatched { row: *row, column: header.name(col).to_owned(), task: t.code.clone(), phrase: phrase.clone() });
            }
            if !dropped.is_empty() {
                t.repairs.push(Repair {
                    field: field.to_owned(),
                    seed: before,
                    fixed: list.join(" | "),
                    why: format!("không khớp đơn vị nào: {}", dropped.join("; ")),
                });
            }
        }
    }
    Ok(out)
}

/// The plan's title from the paragraphs above the table: the paragraph
/// "KẾ HOẠCH …" (with the next one when it is the word alone).
fn guess_title(paragraphs: &[String]) -> Option<String> {
    let i = paragraphs.iter().position(|p| fold(p).starts_with("ke hoach"))?;
    let p = paragraphs[i].trim();
    if fold(p) == "ke hoach" {
        return paragraphs.get(i + 1).map(|n| format!("Kế hoạch {}", n.trim()));
    }
    Some(p.to_owned())
}

/// The date the document was signed, from its place-and-date line above the
/// title ("Tân Phú, ngày 10 tháng 01 năm 2026").
fn guess_date(paragraphs: &[String]) -> Option<chrono::NaiveDate> {
    let title = paragraphs.iter().position(|p| fold(p).starts_with("ke hoach")).unwrap_or(paragraphs.len());
    paragraphs[..title].iter().find_map(|p| {
        let f = fold(p);
        let at = f.find("ngay ")?;
        let w: Vec<&str> = f[at..].split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        match w.as_slice() {
            ["ngay", d, "thang", m, "nam", y, ..] => chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?),
            _ => None,
        }
    })
}

/// "Số: 12/KH-UBND" above the table.
fn guess_number(paragraphs: &[String]) -> Option<String> {
    paragraphs.iter().find_map(|p| {
        let f = fold(p);
        let at = f.find("so:").or_else(|| f.starts_with("so ").then_some(0))?;
        // `fold` keeps byte lengths of ASCII; take the token after "Số:" from the original.
        let rest = p.get(p.char_indices().nth(f[..at].chars().count() + 3)?.0..)?.trim();
        let token = rest.split_whitespace().next()?.trim_end_matches([',', ';', '.']);
        token.contains('/').then(|| token.to_owned())
    })
}

/// Deadline lines and continued deadline cells joined with "; ".
fn append_deadline(to: &mut String, more: &str) {
    for line in more.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !to.is_empty() {
            to.push_str("; ");
        }
        to.push_str(line.trim_end_matches(';'));
    }
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

/// The most frequent four-digit year (2000–2099) in the texts.
fn guess_year<'a>(texts: impl Iterator<Item = &'a str>) -> Option<i32> {
    let mut counts = std::collections::BTreeMap::new();
    for t in texts {
        let b = t.as_bytes();
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
    fn tasks_above_any_area_row_get_an_area_of_their_own_and_keep_their_numbers() {
        let row = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let header = row(&["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian"]);
        let base = crate::plan::builtin_source();
        let flat = Table::from_rows(vec![
            header.clone(),
            row(&["1", "Ban hành kế hoạch", "Trưởng Phòng Nội vụ huyện", "Quý I/2026"]),
            row(&["2", "Kiểm tra", "Trưởng Phòng Nội vụ huyện", "Quý III/2026"]),
        ]);
        let src = import_table(&flat, &base, &ImportOptions::default()).unwrap().source;
        assert_eq!(src.areas.iter().map(|a| (a.code.as_str(), a.title.as_str())).collect::<Vec<_>>(), vec![("I", "Nhiệm vụ")]);
        assert_eq!(src.tasks.iter().map(|t| (t.code.as_str(), t.area.as_str())).collect::<Vec<_>>(), vec![("1", "I"), ("2", "I")]);
        // An area row "I." later: the tasks above it move to another area code.
        let mixed = Table::from_rows(vec![
            header,
            row(&["1", "Ban hành kế hoạch", "Trưởng Phòng Nội vụ huyện", "Quý I/2026"]),
            row(&["I", "CẢI CÁCH THỂ CHẾ", "", ""]),
            row(&["1", "Rà soát văn bản", "Trưởng Phòng Tư pháp huyện", "Quý II/2026"]),
        ]);
        let src = import_table(&mixed, &base, &ImportOptions::default()).unwrap().source;
        assert_eq!(src.areas.iter().map(|a| a.code.as_str()).collect::<Vec<_>>(), vec!["0", "I"]);
        assert_eq!(src.tasks.iter().map(|t| (t.code.as_str(), t.area.as_str())).collect::<Vec<_>>(), vec![("1", "0"), ("I.1", "I")]);
    }

    #[test]
    fn the_number_and_date_come_from_the_lines_above_the_title() {
        let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let head = p(&["ỦY BAN NHÂN DÂN XÃ TÂN PHÚ", "Số: 05/KH-UBND", "Tân Phú, ngày 10 tháng 01 năm 2026", "KẾ HOẠCH", "Cải cách hành chính năm 2026", "Căn cứ Quyết định ngày 20 tháng 12 năm 2025"]);
        assert_eq!(guess_number(&head).as_deref(), Some("05/KH-UBND"));
        assert_eq!(guess_date(&head), chrono::NaiveDate::from_ymd_opt(2026, 1, 10));
        // A date cited below the title is not the plan's.
        assert_eq!(guess_date(&p(&["KẾ HOẠCH", "Căn cứ Quyết định ngày 20 tháng 12 năm 2025"])), None);
    }

    #[test]
    fn a_pdf_or_an_old_word_file_is_refused_with_what_to_do() {
        let said = |bytes: &[u8], ext: &str| read_table_bytes(bytes, ext).unwrap_err().message_in(crate::i18n::Lang::Vi);
        let pdf = said(b"%PDF-1.7\n1 0 obj", "pdf");
        assert!(pdf.starts_with("tệp PDF không giữ bảng kế hoạch") && pdf.contains(".docx"), "{pdf}");
        // Known by its first bytes under another name too.
        assert_eq!(said(b"%PDF-1.4 ...", "csv"), pdf);
        let ole2 = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
        for (bytes, ext) in [(&ole2[..], "doc"), (&ole2[..], "")] {
            let doc = said(bytes, ext);
            assert!(doc.contains(".doc (Word 97–2003)") && doc.contains("Lưu thành» .docx"), "{doc}");
        }
        assert!(said(b"<office:document>", "odt").starts_with("tệp .odt chưa đọc được"));
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
            manual_dates: vec![],
        };
        let tasks = [t("Quý I năm 2024"), t("tháng 5/2024"), t("12345 2023")];
        assert_eq!(guess_year(tasks.iter().map(|t| t.deadline.as_str())), Some(2024));
    }
}
