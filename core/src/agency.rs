//! Resolving agency phrases of a plan ("Trưởng Phòng Nội vụ huyện",
//! "Chủ tịch UBND xã, thị trấn") to unit codes.
//!
//! Matching ignores case, diacritics, punctuation and the role words that
//! name a unit's head (thủ trưởng, trưởng, chánh, giám đốc, chủ tịch, phó),
//! so "Trưởng Phòng Nội vụ huyện" and "Phòng Nội vụ" are the same key.

use crate::domain::{Unit, UnitKind};
use crate::text::fold;

/// A group phrase and what it expands to.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub keys: Vec<String>,
    pub kinds: Vec<UnitKind>,
    pub units: Vec<String>,
}

impl Group {
    pub fn new(phrases: &[String], kinds: Vec<UnitKind>, units: Vec<String>) -> Group {
        Group { keys: phrases.iter().map(|p| key(p)).collect(), kinds, units }
    }
}

const ROLE_PREFIXES: [&[&str]; 6] = [
    &["thu", "truong"],
    &["truong"],
    &["chanh"],
    &["giam", "doc"],
    &["chu", "tich"],
    &["pho"],
];

/// The matching key of an agency phrase or unit name.
pub fn key(phrase: &str) -> String {
    let folded = fold(phrase)
        .replace("uy ban nhan dan", "ubnd")
        .replace("hoi dong nhan dan", "hdnd");
    let cleaned: String = folded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    // Role words at the start name the head of the unit, not the unit.
    loop {
        let before = words.len();
        for prefix in ROLE_PREFIXES {
            if words.len() > prefix.len() && words[..prefix.len()] == *prefix {
                words.drain(..prefix.len());
                break;
            }
        }
        if words.len() == before {
            break;
        }
    }
    words.retain(|w| *w != "cac");
    if words.len() > 1 && words.last() == Some(&"huyen") {
        words.pop();
    }
    words.join(" ")
}

/// Resolves phrases against a plan's units and groups.
pub struct Resolver<'a> {
    units: &'a [Unit],
    unit_keys: Vec<(String, &'a str)>,
    groups: &'a [Group],
}

impl<'a> Resolver<'a> {
    /// `aliases` are (unit code, alias phrase) pairs.
    pub fn new(units: &'a [Unit], aliases: &[(String, String)], groups: &'a [Group]) -> Self {
        let mut unit_keys: Vec<(String, &'a str)> =
            units.iter().map(|u| (key(&u.name), u.code.as_str())).collect();
        for (code, alias) in aliases {
            if let Some(u) = units.iter().find(|u| &u.code == code) {
                unit_keys.push((key(alias), u.code.as_str()));
            }
        }
        Resolver { units, unit_keys, groups }
    }

    /// The unit codes a phrase names, or `None` if it names nothing known.
    pub fn resolve(&self, phrase: &str) -> Option<Vec<String>> {
        let k = key(phrase);
        if k.is_empty() {
            return None;
        }
        if let Some(g) = self.groups.iter().find(|g| g.keys.contains(&k)) {
            let mut out: Vec<String> = self
                .units
                .iter()
                .filter(|u| g.kinds.contains(&u.kind))
                .map(|u| u.code.clone())
                .collect();
            for c in &g.units {
                if !out.contains(c) {
                    out.push(c.clone());
                }
            }
            return Some(out);
        }
        self.unit_keys
            .iter()
            .find(|(uk, _)| *uk == k)
            .map(|(_, code)| vec![(*code).to_owned()])
    }
}

/// Splits an agency cell as typed in a spreadsheet into phrases: on ";",
/// line breaks and "- " bullets, never on the comma inside
/// "Chủ tịch UBND xã, thị trấn".
pub fn split_cell(cell: &str) -> Vec<String> {
    let mut out = vec![];
    for part in cell.split([';', '\n', '\r']) {
        for piece in split_bullets(part) {
            let p = piece.trim().trim_end_matches(['.', ',']).trim();
            if !p.is_empty() {
                out.push(p.to_owned());
            }
        }
    }
    out
}

/// Splits "- A - B" bullets; a hyphen inside a name ("Tài chính - Kế hoạch")
/// has letters on both sides and a bullet starts the cell or follows a
/// sentence end, so only "- " at the start or after "." / ":" splits… plus
/// " - " where the next word starts with an upper-case letter and the
/// previous does not end a compound name.
fn split_bullets(s: &str) -> Vec<&str> {
    let t = s.trim();
    let t = t.strip_prefix('-').unwrap_or(t);
    let mut out = vec![];
    let mut rest = t;
    while let Some(i) = find_bullet(rest) {
        out.push(&rest[..i]);
        rest = &rest[i + 3..];
    }
    out.push(rest);
    out
}

fn find_bullet(s: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(rel) = s[from..].find(" - ") {
        let i = from + rel;
        let before = s[..i].trim_end();
        // "Tài chính - Kế hoạch": the part after is the second half of a name
        // when the part before does not look like a complete phrase ending.
        let after = &s[i + 3..];
        let after_key = fold(after);
        let compound = after_key.starts_with("ke hoach")
            || after_key.starts_with("thuong binh")
            || after_key.starts_with("the thao")
            || after_key.starts_with("dao tao");
        if !compound && !before.is_empty() {
            return Some(i);
        }
        from = i + 3;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(code: &str, name: &str, kind: UnitKind) -> Unit {
        Unit { code: code.into(), name: name.into(), kind, parent: Some("ROOT".into()) }
    }

    #[test]
    fn role_words_are_stripped() {
        assert_eq!(key("Trưởng Phòng Nội vụ huyện"), key("Phòng Nội vụ"));
        assert_eq!(key("Chánh Văn phòng HĐND và UBND huyện"), key("Văn phòng HĐND và UBND"));
        assert_eq!(key("Giám đốc Trung tâm Y tế huyện"), key("Trung tâm Y tế"));
        assert_eq!(key("Chánh Thanh tra huyện"), key("Thanh tra huyện"));
        assert_eq!(key("Chủ tịch Ủy ban nhân dân các xã, thị trấn"), key("Chủ tịch UBND xã, thị trấn"));
        assert_eq!(key("Trung tâm Y tế"), "trung tam y te");
    }

    #[test]
    fn groups_expand_and_roles_map_to_units() {
        let units = vec![
            unit("PNV", "Phòng Nội vụ", UnitKind::Department),
            unit("PTP", "Phòng Tư pháp", UnitKind::Department),
            unit("X-A", "Xã An Phú", UnitKind::Commune),
            unit("X-B", "Xã Bình Mỹ", UnitKind::Commune),
        ];
        let groups = vec![Group::new(
            &["Chủ tịch UBND xã, thị trấn".to_owned()],
            vec![UnitKind::Commune],
            vec![],
        )];
        let r = Resolver::new(&units, &[], &groups);
        assert_eq!(r.resolve("Chủ tịch Ủy ban nhân dân các xã, thị trấn").unwrap(), vec!["X-A", "X-B"]);
        assert_eq!(r.resolve("Trưởng phòng Nội vụ huyện").unwrap(), vec!["PNV"]);
        assert_eq!(r.resolve("Trưởng Phòng Kinh tế"), None);
    }

    #[test]
    fn cells_split_on_bullets_and_semicolons_not_on_commas_or_name_hyphens() {
        assert_eq!(
            split_cell("- Trưởng Phòng Nội vụ huyện; - Thủ trưởng các cơ quan, đơn vị thuộc huyện; Chủ tịch UBND xã, thị trấn."),
            vec!["Trưởng Phòng Nội vụ huyện", "Thủ trưởng các cơ quan, đơn vị thuộc huyện", "Chủ tịch UBND xã, thị trấn"]
        );
        assert_eq!(
            split_cell("- Trưởng phòng Tài chính - Kế hoạch huyện - Chánh Văn phòng HĐND và UBND huyện"),
            vec!["Trưởng phòng Tài chính - Kế hoạch huyện", "Chánh Văn phòng HĐND và UBND huyện"]
        );
    }
}
