//! Vietnamese text helpers: NFC normalisation and diacritic folding for search.
//!
//! SQLite folds ASCII only, so every comparison that must ignore Vietnamese
//! diacritics and case goes through [`fold`] in Rust.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Returns `s` in Unicode normalisation form C (composed), as Vietnamese text
/// arrives in either NFC or NFD depending on the system that produced it.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Folds `s` for matching: lower case, diacritics removed, `đ` → `d`,
/// runs of white space collapsed to one space, trimmed.
///
/// `fold("Kiểm  tra")` is `"kiem tra"`; `fold("ĐỊNH KỲ")` is `"dinh ky"`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        };
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_diacritics_case_and_extra_space() {
        assert_eq!(fold("  Kiểm   tra  "), "kiem tra");
        assert_eq!(fold("ĐỊNH KỲ HẰNG QUÝ"), "dinh ky hang quy");
        assert_eq!(fold("Phòng Tài chính – Kế hoạch"), "phong tai chinh – ke hoach");
    }

    #[test]
    fn nfc_composes_decomposed_vietnamese() {
        // "Tiến độ" typed on a system that stores decomposed (NFD) text.
        let decomposed = "Tie\u{0302}\u{0301}n \u{0111}o\u{0323}\u{0302}";
        assert_eq!(nfc(decomposed), "Tiến độ");
        assert_eq!(nfc("Qu\u{0079}\u{0301}"), "Quý");
        assert_eq!(fold(decomposed), fold("Tiến độ"));
    }
}
