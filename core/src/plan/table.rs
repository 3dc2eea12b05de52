//! A plan's appendix table as read from any file (Word, Excel, CSV), and
//! its structure: the header (columns found by name, in any order), area
//! rows ("I. CÔNG TÁC CHỈ ĐẠO", "1 Công tác…", "A."), tasks numbered per
//! area ("1", "2" under "II" → `II.1`, `II.2`), sub-items ("1.1", "a)",
//! "-"), rows continued after a page break, the header repeated on each page.

use std::collections::BTreeSet;

use crate::error::{Error, PlanError, Result};
use crate::text::fold;

/// Rows of cells, with what the reader knows about merges.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<Vec<String>>,
    /// (row, column) of cells whose text was copied from the cell above
    /// (a vertical merge): such a cell counts for its row, but a
    /// continuation row does not add it to the task again.
    pub merged_down: BTreeSet<(usize, usize)>,
    /// Paragraphs outside the table (Word files): title, number, date.
    pub paragraphs: Vec<String>,
}

impl Table {
    pub fn from_rows(rows: Vec<Vec<String>>) -> Table {
        Table { rows, ..Table::default() }
    }
}

/// The columns of a plan table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Stt,
    Task,
    Products,
    Lead,
    Coordinating,
    Deadline,
}

impl Col {
    pub const ALL: [Col; 6] = [Col::Stt, Col::Task, Col::Products, Col::Lead, Col::Coordinating, Col::Deadline];

    /// The name used in messages when the file has no such column.
    pub fn name(self) -> &'static str {
        match self {
            Col::Stt => "STT",
            Col::Task => "Nhiệm vụ cụ thể",
            Col::Products => "Sản phẩm",
            Col::Lead => "Cơ quan chủ trì",
            Col::Coordinating => "Cơ quan phối hợp",
            Col::Deadline => "Thời gian hoàn thành",
        }
    }

    /// The column a header cell names, if any, and whether only weakly: a
    /// lead column named "Đơn vị thực hiện", "Cơ quan phụ trách" is the lead
    /// only when no column says "chủ trì".
    fn of_header(cell: &str) -> Option<(Col, bool)> {
        let f = fold(cell);
        let weak_lead = ["thuc hien", "phu trach", "chiu trach nhiem"].iter().any(|w| f.contains(w));
        match Col::of_header_strong(cell) {
            Some(c) => Some((c, false)),
            None => weak_lead.then_some((Col::Lead, true)),
        }
    }

    fn of_header_strong(cell: &str) -> Option<Col> {
        let f = fold(cell).replace(['.', ':', '(', ')'], " ");
        let f = f.split_whitespace().collect::<Vec<_>>().join(" ");
        if matches!(f.as_str(), "stt" | "tt" | "so tt" | "so thu tu") {
            return Some(Col::Stt);
        }
        let has = |w: &str| f.contains(w);
        // When the work starts is never its deadline ("Thời gian bắt đầu", "Bắt đầu").
        if is_start(&f) {
            return None;
        }
        if has("chu tri") {
            Some(Col::Lead)
        } else if has("phoi hop") {
            Some(Col::Coordinating)
        } else if has("thoi gian") || has("thoi han") || has("tien do") {
            Some(Col::Deadline)
        } else if has("san pham") || has("ket qua") {
            Some(Col::Products)
        } else if has("nhiem vu") || has("noi dung") || has("cong viec") || has("hoat dong") {
            Some(Col::Task)
        } else if has("hoan thanh") || f == "han" {
            Some(Col::Deadline)
        } else {
            None
        }
    }
}

/// A folded header cell naming when the work starts.
fn is_start(f: &str) -> bool {
    f.contains("bat dau") || f.contains("khoi cong") || f == "tu ngay"
}

/// Where each column is; the header's own text for messages.
#[derive(Debug, Clone)]
pub struct Header {
    /// The last row of the header (a header may take two rows: "Cơ quan
    /// thực hiện" over "Chủ trì" | "Phối hợp").
    pub last_row: usize,
    index: [Option<usize>; 6],
    names: [String; 6],
}

impl Header {
    pub fn index(&self, c: Col) -> Option<usize> {
        self.index[c as usize]
    }
    /// The column's name as the file writes it.
    pub fn name(&self, c: Col) -> &str {
        &self.names[c as usize]
    }

    /// The columns a row names; a weakly named lead ("… thực hiện") is left
    /// out, so that a data row saying "tổ chức thực hiện" is never a header.
    fn scan(row: &[String]) -> ([Option<usize>; 6], [String; 6]) {
        let (mut index, names, weak_lead) = Header::scan_weak(row);
        if weak_lead {
            index[Col::Lead as usize] = None;
        }
        (index, names)
    }

    /// As [`Header::scan`], and whether the lead column was found only weakly.
    fn scan_weak(row: &[String]) -> ([Option<usize>; 6], [String; 6], bool) {
        let mut index = [None; 6];
        let mut names: [String; 6] = Default::default();
        let mut weak_lead = false;
        for (i, cell) in row.iter().enumerate() {
            if let Some((c, weak)) = Col::of_header(cell)
                && (index[c as usize].is_none() || (c == Col::Lead && weak_lead && !weak))
            {
                index[c as usize] = Some(i);
                names[c as usize] = cell.split_whitespace().collect::<Vec<_>>().join(" ");
                if c == Col::Lead {
                    weak_lead = weak;
                }
            }
        }
        (index, names, weak_lead)
    }

    /// Finds the header: the first row naming the order number and the task
    /// column. Required columns missing are named in the error.
    pub fn find(rows: &[Vec<String>]) -> Result<Header> {
        let at = rows
            .iter()
            .position(|r| {
                let (ix, _) = Header::scan(r);
                ix[Col::Stt as usize].is_some() && ix[Col::Task as usize].is_some()
            })
            .ok_or_else(|| Error::from(PlanError::NoHeader))?;
        let (mut index, mut names, weak_lead) = Header::scan_weak(&rows[at]);
        let mut last_row = at;
        // A two-row header: the second row fills what the first left out
        // ("Cơ quan thực hiện" over "Chủ trì" | "Phối hợp"), and names the
        // deadline more closely ("Thời gian thực hiện" over "Bắt đầu" |
        // "Hoàn thành": the end is the deadline).
        if let Some(next) = rows.get(at + 1) {
            let (ix2, names2, weak2) = Header::scan_weak(next);
            let cell = |c: Col| index[c as usize].and_then(|i| next.get(i)).map(|s| s.trim()).unwrap_or("");
            let sub_header = cell(Col::Stt).is_empty() && cell(Col::Task).is_empty();
            let mut used = false;
            for c in [Col::Lead, Col::Coordinating, Col::Deadline, Col::Products] {
                let better_lead = c == Col::Lead && weak_lead && !weak2;
                let closer_deadline = c == Col::Deadline && sub_header;
                if (index[c as usize].is_none() || better_lead || closer_deadline) && ix2[c as usize].is_some() {
                    index[c as usize] = ix2[c as usize];
                    names[c as usize] = names2[c as usize].clone();
                    used = true;
                }
            }
            if used {
                last_row = at + 1;
            }
        }
        // A plan may name no coordinating agencies (or products) at all.
        for c in [Col::Task, Col::Lead, Col::Deadline] {
            if index[c as usize].is_none() {
                return Err(Error::from(PlanError::MissingColumn { column: c.name().into() }));
            }
        }
        for c in Col::ALL {
            if names[c as usize].is_empty() {
                names[c as usize] = c.name().to_owned();
            }
        }
        Ok(Header { last_row, index, names })
    }

    /// This row repeats the header (a new page) or is the row of column
    /// numbers "(1) (2) (3)…" under it.
    pub fn is_repeat(&self, row: &[String]) -> bool {
        let (ix, _) = Header::scan(row);
        if ix[Col::Stt as usize].is_some() && ix[Col::Task as usize].is_some() {
            return true;
        }
        if ix[Col::Lead as usize].is_some() && ix[Col::Coordinating as usize].is_some() && row.iter().filter(|c| !c.trim().is_empty()).count() <= 3 {
            return true; // the second row of a two-row header
        }
        // The second row of a header whose time column is split: "Bắt đầu" | "Hoàn thành".
        let words: Vec<String> = row.iter().map(|c| fold(c.trim())).filter(|c| !c.is_empty()).collect();
        if !words.is_empty() && words.len() <= 3 && words.iter().any(|w| is_start(w)) && words.iter().all(|w| is_start(w) || Col::of_header(w).is_some()) {
            return true;
        }
        let filled: Vec<&str> = row.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
        filled.len() >= 3
            && filled.iter().all(|c| {
                let d = c.trim_start_matches('(').trim_end_matches(')');
                !d.is_empty() && d.chars().all(|ch| ch.is_ascii_digit())
            })
    }
}

/// The label that opens a row: "I.", "A.", "1", "1.2.", "a)", "-".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    Roman(String),
    Letter(char),
    Number(String),
    SubLetter(char),
    Dash,
}

impl Label {
    /// The style of a heading label, for its level.
    pub fn style(&self) -> u8 {
        match self {
            Label::Roman(_) => 0,
            Label::Letter(_) => 1,
            Label::Number(_) => 2,
            Label::SubLetter(_) => 3,
            Label::Dash => 4,
        }
    }

    /// The label as a code part ("II", "A", "1.2", "a").
    pub fn code(&self) -> String {
        match self {
            Label::Roman(r) => r.clone(),
            Label::Letter(c) | Label::SubLetter(c) => c.to_string(),
            Label::Number(n) => n.clone(),
            Label::Dash => String::new(),
        }
    }
}

fn roman_value(s: &str) -> Option<u32> {
    let v = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        _ => None,
    };
    let digits: Vec<u32> = s.chars().map(v).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|n| n > d) {
            total -= *d as i32;
        } else {
            total += *d as i32;
        }
    }
    // Only well-formed numerals: writing the value back gives the same text.
    let total = u32::try_from(total).ok().filter(|t| (1..=60).contains(t))?;
    (to_roman(total) == s).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    let mut s = String::new();
    for (v, r) in [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Splits a cell into its opening label and the rest ("II. CẢI CÁCH" →
/// (Roman II, "CẢI CÁCH")). A label must be followed by ".", ")", a space or
/// the end of the cell.
pub fn label(cell: &str) -> Option<(Label, &str)> {
    let s = cell.trim();
    let first = s.chars().next()?;
    if matches!(first, '-' | '+' | '•' | '–' | '*') {
        return Some((Label::Dash, s[first.len_utf8()..].trim()));
    }
    let end = s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.')).unwrap_or(s.len());
    let (head, tail) = s.split_at(end);
    let delimited = |tail: &str| tail.is_empty() || tail.starts_with([')', ' ', '\n', '\t', '/']) || tail.starts_with(char::is_whitespace);
    fn rest(tail: &str) -> &str {
        tail.trim_start_matches(')').trim()
    }
    let core = head.trim_end_matches('.');
    if core.is_empty() || !delimited(tail) {
        return None;
    }
    if core.chars().all(|c| c.is_ascii_digit() || c == '.') && core.split('.').all(|p| !p.is_empty()) {
        return Some((Label::Number(core.to_owned()), rest(tail)));
    }
    let dotted = head.ends_with('.') || tail.starts_with(')');
    // One letter is a Roman number only as I, V or X ("C." is the third
    // lettered area, not area 100).
    if roman_value(core).is_some() && (core.len() > 1 || core == "I" || core == "V" || core == "X") {
        return Some((Label::Roman(core.to_owned()), rest(tail)));
    }
    let mut cs = core.chars();
    // "A.", "b)", or a letter alone in its cell ("A" in the order column).
    if let (Some(c), None) = (cs.next(), cs.next())
        && (dotted || tail.is_empty())
    {
        if c.is_ascii_uppercase() {
            return Some((Label::Letter(c), rest(tail)));
        }
        if c.is_ascii_lowercase() {
            return Some((Label::SubLetter(c), rest(tail)));
        }
    }
    // "đ)" is a Vietnamese sub-item letter too.
    if let Some(r) = s.strip_prefix("đ)").or_else(|| s.strip_prefix("đ.")) {
        return Some((Label::SubLetter('đ'), r.trim()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(label("II. CẢI CÁCH THỂ CHẾ"), Some((Label::Roman("II".into()), "CẢI CÁCH THỂ CHẾ")));
        assert_eq!(label("IV"), Some((Label::Roman("IV".into()), "")));
        assert_eq!(label("1 Công tác chỉ đạo"), Some((Label::Number("1".into()), "Công tác chỉ đạo")));
        assert_eq!(label("1.2."), Some((Label::Number("1.2".into()), "")));
        assert_eq!(label("a) Rà soát"), Some((Label::SubLetter('a'), "Rà soát")));
        assert_eq!(label("A. NHIỆM VỤ"), Some((Label::Letter('A'), "NHIỆM VỤ")));
        assert_eq!(label("- Báo cáo"), Some((Label::Dash, "Báo cáo")));
        assert_eq!(label("CÔNG TÁC"), None);
        assert_eq!(label("Công tác"), None);
        assert_eq!(label("VI"), Some((Label::Roman("VI".into()), "")));
        assert_eq!(label("IIII"), None);
        assert_eq!(label("A"), Some((Label::Letter('A'), "")));
        assert_eq!(label("C."), Some((Label::Letter('C'), "")));
        assert_eq!(label("D"), Some((Label::Letter('D'), "")));
        assert_eq!(label("b"), Some((Label::SubLetter('b'), "")));
        assert_eq!(label("Một"), None);
    }

    #[test]
    fn header_with_a_lead_named_otherwise_and_no_coordinating_column() {
        let rows: Vec<Vec<String>> = [vec!["TT", "Nội dung công việc", "Đơn vị thực hiện", "Hạn hoàn thành", "Kết quả/Sản phẩm"]]
            .iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect();
        let h = Header::find(&rows).unwrap();
        assert_eq!((h.index(Col::Task), h.index(Col::Lead), h.index(Col::Deadline)), (Some(1), Some(2), Some(3)));
        assert_eq!((h.index(Col::Coordinating), h.index(Col::Products)), (None, Some(4)));
        assert_eq!(h.name(Col::Lead), "Đơn vị thực hiện");
        // "chủ trì" wins over "thực hiện" wherever it stands.
        let rows: Vec<Vec<String>> = [vec!["STT", "Nhiệm vụ", "Đơn vị thực hiện", "Đơn vị chủ trì", "Phối hợp", "Thời gian"]]
            .iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect();
        assert_eq!(Header::find(&rows).unwrap().index(Col::Lead), Some(3));
        // Without a lead column the error names it.
        let rows = vec![vec!["TT".to_string(), "Nội dung".into(), "Thời gian".into()]];
        let e = Header::find(&rows).unwrap_err();
        assert!(e.message_in(crate::i18n::Lang::Vi).contains("Cơ quan chủ trì"), "{}", e.message_in(crate::i18n::Lang::Vi));
    }

    #[test]
    fn the_deadline_is_when_the_work_ends_not_when_it_starts() {
        let row = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // Two columns of time: the end one is the deadline.
        let h = Header::find(&[row(&["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian bắt đầu", "Thời gian hoàn thành"])]).unwrap();
        assert_eq!(h.index(Col::Deadline), Some(4));
        // "Thời gian thực hiện" over "Bắt đầu" | "Hoàn thành".
        let rows = [
            row(&["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", ""]),
            row(&["", "", "", "", "Bắt đầu", "Hoàn thành"]),
            row(&["1", "Ban hành kế hoạch", "Phòng Nội vụ", "", "01/01/2026", "31/03/2026"]),
        ];
        let h = Header::find(&rows).unwrap();
        assert_eq!((h.index(Col::Deadline), h.last_row), (Some(5), 1));
        assert_eq!(h.name(Col::Deadline), "Hoàn thành");
        // Repeated on the next page, that second row is not a task.
        assert!(h.is_repeat(&rows[1]));
        assert!(!h.is_repeat(&rows[2]));
    }

    #[test]
    fn header_in_any_order_and_on_two_rows() {
        let rows: Vec<Vec<String>> = [
            vec!["TT", "Nội dung nhiệm vụ", "Thời gian thực hiện", "Cơ quan thực hiện", ""],
            vec!["", "", "", "Chủ trì", "Phối hợp"],
        ]
        .iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect();
        let h = Header::find(&rows).unwrap();
        assert_eq!(h.last_row, 1);
        assert_eq!((h.index(Col::Stt), h.index(Col::Task), h.index(Col::Deadline)), (Some(0), Some(1), Some(2)));
        assert_eq!((h.index(Col::Lead), h.index(Col::Coordinating), h.index(Col::Products)), (Some(3), Some(4), None));
        assert!(h.is_repeat(&rows[0]));
        assert!(h.is_repeat(&["(1)", "(2)", "(3)", "(4)"].map(String::from)));
        let missing = Header::find(&[vec!["STT".to_owned(), "Nhiệm vụ".to_owned(), "Cơ quan chủ trì".to_owned()]]).unwrap_err();
        assert_eq!(missing.key, "err-import-missing-column");
    }
}
