//! Evidence documents (tài liệu kiểm chứng): metadata and document types.
//! The bytes live in the database ([`crate::store`]), once per SHA-256.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The kind of document attached as evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DocType {
    /// Kế hoạch.
    Plan,
    /// Báo cáo.
    Report,
    /// Quyết định.
    Decision,
    /// Công văn.
    OfficialLetter,
    /// Thông báo.
    Notice,
    /// Ảnh.
    Photo,
    /// Khác.
    #[default]
    Other,
}

impl DocType {
    pub const ALL: [DocType; 7] = [
        DocType::Plan,
        DocType::Report,
        DocType::Decision,
        DocType::OfficialLetter,
        DocType::Notice,
        DocType::Photo,
        DocType::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocType::Plan => "plan",
            DocType::Report => "report",
            DocType::Decision => "decision",
            DocType::OfficialLetter => "official_letter",
            DocType::Notice => "notice",
            DocType::Photo => "photo",
            DocType::Other => "other",
        }
    }

    /// English ids or Vietnamese names, with or without diacritics.
    pub fn parse(s: &str) -> Option<DocType> {
        let f = crate::text::fold(s).replace(['_', '-'], " ");
        Some(match f.as_str() {
            "plan" | "ke hoach" => DocType::Plan,
            "report" | "bao cao" => DocType::Report,
            "decision" | "quyet dinh" => DocType::Decision,
            "official letter" | "cong van" => DocType::OfficialLetter,
            "notice" | "thong bao" => DocType::Notice,
            "photo" | "anh" | "hinh anh" => DocType::Photo,
            "other" | "khac" => DocType::Other,
            _ => return None,
        })
    }

    pub fn label_id(self) -> &'static str {
        match self {
            DocType::Plan => "doc-plan",
            DocType::Report => "doc-report",
            DocType::Decision => "doc-decision",
            DocType::OfficialLetter => "doc-official-letter",
            DocType::Notice => "doc-notice",
            DocType::Photo => "doc-photo",
            DocType::Other => "doc-other",
        }
    }
}

/// What the user says about a file being attached.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EvidenceMeta {
    pub doc_type: DocType,
    /// "12/KH-UBND".
    pub doc_number: String,
    pub doc_date: Option<NaiveDate>,
    pub description: String,
    /// Due date of the milestone this document proves.
    pub milestone: Option<NaiveDate>,
}

/// An attachment as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub id: i64,
    pub task: String,
    pub unit: String,
    /// Original file name, NFC.
    pub file_name: String,
    pub media_type: String,
    pub size: u64,
    pub sha256: String,
    pub doc_type: DocType,
    pub doc_number: String,
    pub doc_date: Option<NaiveDate>,
    pub description: String,
    pub milestone: Option<NaiveDate>,
    pub added_at: String,
    pub added_by: String,
}

impl Evidence {
    /// What was said of the file when it was attached (or last corrected).
    pub fn meta(&self) -> EvidenceMeta {
        EvidenceMeta {
            doc_type: self.doc_type,
            doc_number: self.doc_number.clone(),
            doc_date: self.doc_date,
            description: self.description.clone(),
            milestone: self.milestone,
        }
    }
}

/// The media type of a file, from its extension.
pub fn media_type(file_name: &str) -> &'static str {
    let ext = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "tif" | "tiff" => "image/tiff",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "txt" => "text/plain",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// Keeps only the last path component of a name and makes it safe to write
/// on Windows and Linux (no separators, reserved characters or trailing dots).
pub fn safe_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = crate::text::nfc(base)
        .chars()
        .map(|c| if c.is_control() || "<>:\"|?*".contains(c) { '_' } else { c })
        .collect();
    // Trailing dots and spaces go together (". ." would leave ".").
    let trimmed = cleaned.trim().trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    if trimmed.is_empty() || trimmed == ".." {
        "tep".to_owned()
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_types_parse_in_both_languages() {
        assert_eq!(DocType::parse("Quyết định"), Some(DocType::Decision));
        assert_eq!(DocType::parse("cong van"), Some(DocType::OfficialLetter));
        assert_eq!(DocType::parse("report"), Some(DocType::Report));
        assert_eq!(DocType::parse("memo"), None);
    }

    #[test]
    fn file_names_are_made_safe() {
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_file_name("C:\\x\\Báo cáo: quý I?.pdf"), "Báo cáo_ quý I_.pdf");
        assert_eq!(safe_file_name(".."), "tep");
        assert_eq!(safe_file_name(". ."), "tep");
        assert_eq!(safe_file_name("Tờ trình. . "), "Tờ trình");
        assert_eq!(media_type("SCAN.PDF"), "application/pdf");
    }
}
