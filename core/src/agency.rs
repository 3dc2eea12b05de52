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

/// Long forms that plans also write as abbreviations, folded, as word
/// runs: each becomes its short form, so "Trung tâm Phục vụ hành chính
/// công" and "Trung tâm phục vụ HCC", "Văn phòng HĐND-UBND" and "VP HĐND và
/// UBND" are one key.
const SHORT_FORMS: [(&[&str], &str); 8] = [
    (&["uy", "ban", "nhan", "dan"], "ubnd"),
    (&["hoi", "dong", "nhan", "dan"], "hdnd"),
    (&["mat", "tran", "to", "quoc"], "mttq"),
    (&["uy", "ban", "mttq"], "ubmttq"),
    (&["hanh", "chinh", "cong"], "hcc"),
    (&["thu", "tuc", "hanh", "chinh"], "tthc"),
    (&["van", "phong"], "vp"),
    (&["tt", "phuc", "vu"], "trung tam phuc vu"),
];

/// The folded words of a phrase: lower case, no diacritics, punctuation
/// dropped, long forms shortened ([`SHORT_FORMS`]: "Ủy ban nhân dân" →
/// "ubnd", "Văn phòng" → "vp" …).
pub fn key_words(phrase: &str) -> Vec<String> {
    let folded = fold(phrase);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    'next: while i < words.len() {
        for (long, short) in SHORT_FORMS {
            if words[i..].starts_with(long) {
                out.extend(short.split(' ').map(str::to_owned));
                i += long.len();
                // "Ủy ban Mặt trận Tổ quốc": shortened twice.
                while let Some((long, short)) = SHORT_FORMS.iter().find(|(l, _)| out.ends_with_words(l)) {
                    let keep = out.len() - long.len();
                    out.truncate(keep);
                    out.extend(short.split(' ').map(str::to_owned));
                }
                continue 'next;
            }
        }
        out.push(words[i].to_owned());
        i += 1;
    }
    out
}

trait EndsWithWords {
    fn ends_with_words(&self, words: &[&str]) -> bool;
}

impl EndsWithWords for Vec<String> {
    fn ends_with_words(&self, words: &[&str]) -> bool {
        self.len() >= words.len() && self[self.len() - words.len()..].iter().zip(words).all(|(a, b)| a == b)
    }
}

/// Drops the role words at the start ("Chủ tịch", "Thủ trưởng", "Giám đốc"…),
/// which name the head of a unit, not the unit.
fn strip_roles(words: &mut Vec<String>) {
    loop {
        let before = words.len();
        for prefix in ROLE_PREFIXES {
            if words.len() > prefix.len() && words[..prefix.len()].iter().zip(prefix.iter()).all(|(a, b)| a == b) {
                words.drain(..prefix.len());
                break;
            }
        }
        if words.len() == before {
            break;
        }
    }
}

/// A phrase without the title of the unit's head it opens with ("Trưởng
/// Phòng Nội vụ" → "Phòng Nội vụ"), as written otherwise.
pub fn without_title(phrase: &str) -> String {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let mut at = 0;
    'more: while at < words.len() {
        for prefix in ROLE_PREFIXES {
            let end = at + prefix.len();
            if end < words.len() && folded[at..end].iter().zip(prefix.iter()).all(|(a, b)| a == b) {
                at = end;
                continue 'more;
            }
        }
        break;
    }
    words[at..].join(" ")
}

/// The matching key of an agency phrase or unit name.
pub fn key(phrase: &str) -> String {
    let mut words = key_words(phrase);
    strip_roles(&mut words);
    // "các" and "và" add nothing to a name: "Văn phòng HĐND-UBND" is
    // "Văn phòng HĐND và UBND".
    words.retain(|w| w != "cac" && w != "va");
    if words.len() > 1 && words.last().map(String::as_str) == Some("huyen") {
        words.pop();
    }
    words.join(" ")
}

/// The commune-level words: xã, phường, đặc khu, thị trấn (folded).
const COMMUNE_WORDS: [&str; 4] = ["xa", "phuong", "dac khu", "thi tran"];

/// Whether folded `words` ("xa phuong dac khu", "cac xa") only name
/// commune-level kinds.
pub fn is_commune_level(words: &str) -> bool {
    let mut rest = words.trim();
    let mut any = false;
    while !rest.is_empty() {
        let next = ["cac "].iter().chain(COMMUNE_WORDS.iter()).find_map(|w| {
            let w = w.trim();
            rest.strip_prefix(w).filter(|r| r.is_empty() || r.starts_with(' ')).map(|r| (w, r))
        });
        match next {
            Some((w, r)) => {
                any |= w != "cac";
                rest = r.trim_start();
            }
            None => return false,
        }
    }
    any
}

/// The commune-level word a unit's name starts with ("Phường 1" → "phuong").
pub fn commune_word_of(name_key: &str) -> Option<&'static str> {
    let k = name_key.strip_prefix("ubnd ").unwrap_or(name_key);
    COMMUNE_WORDS.into_iter().find(|w| k == *w || k.starts_with(&format!("{w} ")))
}

/// A commune, ward or special zone — or its people's committee entered as
/// a committee ("UBND xã Tân Phú" issuing its own plan): offices "thuộc UBND
/// xã" are the ones under it.
fn is_commune_body(u: &Unit) -> bool {
    u.kind == UnitKind::Commune || (u.kind == UnitKind::Government && commune_word_of(&key(&u.name)).is_some())
}

/// An office's name without the level word it ends with ("Trung tâm Phục
/// vụ hành chính công xã" → "trung tam phuc vu hcc"): how the commune's own
/// plan names it.
fn without_level_word(name_key: &str) -> Option<&str> {
    COMMUNE_WORDS
        .iter()
        .chain(&["huyen", "tinh", "thanh pho"])
        .find_map(|w| name_key.strip_suffix(w).and_then(|h| h.strip_suffix(' ')))
        .filter(|h| h.contains(' '))
}

/// The initials of a name's words without its level word ("Trung tâm
/// Phục vụ hành chính công xã" → "ttpvhcc"), if there are three or more.
fn initials(name: &str) -> Option<String> {
    let folded = fold(name);
    let mut words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    for level in COMMUNE_WORDS.iter().chain(&["huyen", "tinh", "thanh pho"]) {
        let lw: Vec<&str> = level.split(' ').collect();
        if words.len() > lw.len() && words.ends_with(&lw) {
            words.truncate(words.len() - lw.len());
            break;
        }
    }
    let ini: String = words.iter().filter_map(|w| w.chars().next()).collect();
    (ini.chars().count() >= 3).then_some(ini)
}

/// What a collective phrase ("UBND các xã, phường", "Thủ trưởng các sở, ban,
/// ngành", "Các phòng chuyên môn, đơn vị thuộc UBND xã") stands for.
#[derive(Debug, Clone, PartialEq, Default)]
struct GroupSpec {
    /// Office kinds named ("phòng", "sở", "đơn vị"…); empty: the communes themselves.
    kinds: Vec<UnitKind>,
    /// Commune-level words named ("xa", "phuong"…).
    communes: Vec<&'static str>,
    /// The offices are those under the communes ("… thuộc UBND xã").
    under_communes: bool,
}

/// Vocabulary of collective phrases: folded words → office kinds (`None`:
/// a commune word or a word that adds nothing).
const GROUP_WORDS: [(&str, &[UnitKind]); 23] = [
    ("don vi su nghiep cong lap", &[UnitKind::PublicService]),
    ("don vi su nghiep", &[UnitKind::PublicService]),
    ("co quan chuyen mon", &[UnitKind::Department]),
    ("phong chuyen mon", &[UnitKind::Department]),
    ("co quan", &[UnitKind::Department]),
    ("don vi", &[UnitKind::Department, UnitKind::PublicService]),
    ("chuyen mon", &[UnitKind::Department]),
    ("nganh", &[UnitKind::Department, UnitKind::PublicService]),
    ("so", &[UnitKind::Department]),
    ("phong", &[UnitKind::Department]),
    ("ban", &[UnitKind::Department]),
    ("dac khu", &[]),
    ("thi tran", &[]),
    ("xa", &[]),
    ("phuong", &[]),
    ("ubnd", &[]),
    ("cac", &[]),
    ("va", &[]),
    ("tren dia ban", &[]),
    ("cap", &[]),
    ("huyen", &[]),
    ("tinh", &[]),
    ("thanh pho", &[]),
];

fn group_spec(phrase: &str) -> Option<GroupSpec> {
    let mut words = key_words(phrase);
    strip_roles(&mut words);
    let text = words.join(" ");
    let plural = words.iter().any(|w| w == "cac") || phrase.contains(',');
    let (head, tail) = match text.split_once(" truc thuoc ").or_else(|| text.split_once(" thuoc ")) {
        Some((h, t)) => (h.to_owned(), t.to_owned()),
        None => (text.clone(), String::new()),
    };
    let mut spec = GroupSpec::default();
    let mut offices = false;
    let mut tail_communes = false;
    for (part, is_tail) in [(head.as_str(), false), (tail.as_str(), true)] {
        let mut rest = part.trim();
        while !rest.is_empty() {
            let (w, kinds) = GROUP_WORDS
                .iter()
                .find(|(w, _)| rest.strip_prefix(w).is_some_and(|r| r.is_empty() || r.starts_with(' ')))?;
            rest = rest[w.len()..].trim_start();
            if is_tail && !kinds.is_empty() {
                return None; // "… thuộc phòng X": a named unit, not a group
            }
            if let Some(c) = COMMUNE_WORDS.iter().find(|c| *c == w) {
                if !spec.communes.contains(c) {
                    spec.communes.push(c);
                }
                tail_communes |= is_tail;
            }
            for k in *kinds {
                offices = true;
                if !spec.kinds.contains(k) {
                    spec.kinds.push(*k);
                }
            }
        }
    }
    if offices {
        if !plural {
            return None; // "Phòng", "Sở" alone name no group
        }
        spec.under_communes = tail_communes || !spec.communes.is_empty();
        return Some(spec);
    }
    (!spec.communes.is_empty()).then_some(spec)
}

/// What a list of phrases resolved to: the units, and the phrases that
/// name no unit (kept with their text so that an importer can show them).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resolution {
    pub units: Vec<String>,
    pub unmatched: Vec<String>,
}

/// Resolves phrases against a plan's units and groups.
pub struct Resolver<'a> {
    units: &'a [Unit],
    unit_keys: Vec<(String, &'a str)>,
    groups: &'a [Group],
    /// The unit that issues the plan: collective phrases mean units below it.
    issuer: Option<&'a str>,
    /// Retired units: never part of a collective phrase.
    retired: Vec<String>,
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
        // An office also answers to its name without the level word it ends
        // with, and to the initials of that name ("TTPVHCC" for "Trung tâm
        // Phục vụ hành chính công xã") when no other office shares them;
        // asked for last, so an exact name always wins.
        let offices: Vec<&Unit> = units.iter().filter(|u| matches!(u.kind, UnitKind::Department | UnitKind::PublicService)).collect();
        let initials: Vec<Option<String>> = offices.iter().map(|u| initials(&u.name)).collect();
        for (u, ini) in offices.iter().zip(&initials) {
            if let Some(short) = without_level_word(&key(&u.name)) {
                unit_keys.push((short.to_owned(), u.code.as_str()));
            }
            if let Some(ini) = ini
                && initials.iter().filter(|o| o.as_ref() == Some(ini)).count() == 1
            {
                unit_keys.push((ini.clone(), u.code.as_str()));
            }
        }
        Resolver { units, unit_keys, groups, issuer: None, retired: vec![] }
    }

    /// Collective phrases resolve below `issuer`, leaving out `retired` units.
    pub fn scoped(mut self, issuer: &'a str, retired: &[String]) -> Self {
        self.issuer = Some(issuer);
        self.retired = retired.to_vec();
        self
    }

    fn live(&self, u: &Unit) -> bool {
        !self.retired.contains(&u.code)
    }

    fn parent_of(&self, code: &str) -> Option<&'a str> {
        self.units.iter().find(|u| u.code == code).and_then(|u| u.parent.as_deref())
    }

    /// Steps from the issuer down to `code`, if `code` is the issuer or below it.
    fn depth(&self, code: &str) -> Option<usize> {
        let issuer = self.issuer?;
        let mut at = code;
        for d in 0..=self.units.len() {
            if at == issuer {
                return Some(d);
            }
            at = self.parent_of(at)?;
        }
        None
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
                .filter(|u| g.kinds.contains(&u.kind) && self.live(u))
                .map(|u| u.code.clone())
                .collect();
            for c in &g.units {
                if !out.contains(c) {
                    out.push(c.clone());
                }
            }
            return Some(out);
        }
        if let Some(codes) = self.by_name(&k) {
            return Some(codes);
        }
        if let Some(spec) = group_spec(phrase) {
            let codes = self.expand(&spec);
            return (!codes.is_empty()).then_some(codes);
        }
        self.office_of_communes(&k)
    }

    /// Resolves every phrase; the units named (each once, in order) and the
    /// phrases that name none.
    pub fn resolve_all(&self, phrases: &[String]) -> Resolution {
        let mut r = Resolution::default();
        for p in phrases {
            match self.resolve(p) {
                Some(codes) => {
                    for c in codes {
                        if !r.units.contains(&c) {
                            r.units.push(c);
                        }
                    }
                }
                None => r.unmatched.push(p.clone()),
            }
        }
        r
    }

    /// Units whose name or alias has key `k` ("UBND xã An Phú" also finds
    /// "Xã An Phú"). Several units of one name: the ones nearest the issuer.
    fn by_name(&self, k: &str) -> Option<Vec<String>> {
        let mut alts = vec![k.to_owned()];
        match k.strip_prefix("ubnd ") {
            Some(rest) => alts.push(rest.to_owned()),
            None => alts.push(format!("ubnd {k}")),
        }
        // "TTPVHCC xã": an office's initials with the level word after them.
        if let Some((ini, level)) = k.split_once(' ')
            && ini != "ubnd"
            && COMMUNE_WORDS.iter().chain(&["huyen", "tinh", "thanh pho"]).any(|w| *w == level)
        {
            alts.push(ini.to_owned());
        }
        for alt in alts {
            let mut hits: Vec<&str> = vec![];
            for (uk, code) in &self.unit_keys {
                if *uk == alt && !hits.contains(code) {
                    hits.push(code);
                }
            }
            if hits.is_empty() {
                continue;
            }
            if hits.len() > 1 && self.issuer.is_some() {
                let best = hits.iter().filter_map(|c| self.depth(c)).min();
                if let Some(best) = best {
                    hits.retain(|c| self.depth(c) == Some(best));
                }
            }
            return Some(hits.into_iter().map(str::to_owned).collect());
        }
        None
    }

    /// The live units below the issuer (all units without one).
    fn in_scope(&self) -> Vec<&'a Unit> {
        self.units.iter().filter(|u| self.live(u) && (self.issuer.is_none() || self.depth(&u.code).is_some())).collect()
    }

    /// The communes in scope whose name's level word is one of `words`
    /// (a name without such a word counts for any).
    fn communes(&self, words: &[&str]) -> Vec<&'a Unit> {
        self.in_scope()
            .into_iter()
            .filter(|u| is_commune_body(u))
            .filter(|u| commune_word_of(&key(&u.name)).is_none_or(|w| words.is_empty() || words.contains(&w)))
            .collect()
    }

    fn expand(&self, spec: &GroupSpec) -> Vec<String> {
        let codes = |v: Vec<&Unit>| v.into_iter().map(|u| u.code.clone()).collect::<Vec<_>>();
        if spec.kinds.is_empty() {
            return codes(self.communes(&spec.communes));
        }
        if spec.under_communes {
            let communes = self.communes(&spec.communes);
            let offices: Vec<&Unit> = self
                .in_scope()
                .into_iter()
                .filter(|u| spec.kinds.contains(&u.kind))
                .filter(|u| u.parent.as_deref().is_some_and(|p| communes.iter().any(|c| c.code == p)))
                .collect();
            // A commune without offices of its own in the organisation answers for them.
            return codes(if offices.is_empty() { communes } else { offices });
        }
        let top: Vec<&Unit> = self
            .in_scope()
            .into_iter()
            .filter(|u| spec.kinds.contains(&u.kind))
            .filter(|u| match self.issuer {
                Some(i) => u.parent.as_deref() == Some(i),
                None => u.parent.as_deref().is_some_and(|p| self.parent_of(p).is_none()),
            })
            .collect();
        codes(top)
    }

    /// "Công an xã", "Văn phòng HĐND và UBND phường": the office of that
    /// name under each commune in scope.
    /// "Văn phòng HĐND và UBND" in a commune's plan: its office named so
    /// with the commune word after it.
    fn office_of_communes(&self, k: &str) -> Option<Vec<String>> {
        let (head, words) = match COMMUNE_WORDS
            .iter()
            .find_map(|w| k.strip_suffix(w).and_then(|h| h.strip_suffix(' ')).map(|h| (h, *w)))
        {
            Some((head, word)) => (head, vec![word]),
            None => (k, vec![]),
        };
        let communes = self.communes(&words);
        if words.is_empty() {
            let out: Vec<String> = self
                .in_scope()
                .into_iter()
                .filter(|u| u.parent.as_deref().is_some_and(|p| communes.iter().any(|c| c.code == p)))
                .filter(|u| COMMUNE_WORDS.iter().any(|w| key(&u.name) == format!("{k} {w}")))
                .map(|u| u.code.clone())
                .collect();
            return (!out.is_empty()).then_some(out);
        }
        let out: Vec<String> = self
            .in_scope()
            .into_iter()
            .filter(|u| u.parent.as_deref().is_some_and(|p| communes.iter().any(|c| c.code == p)))
            .filter(|u| {
                let uk = key(&u.name);
                uk == head || uk.starts_with(&format!("{head} "))
            })
            .map(|u| u.code.clone())
            .collect();
        (!out.is_empty()).then_some(out)
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

/// Splits "- A - B" bullets. A hyphen inside a name ("Tài chính - Kế
/// hoạch", "Văn hóa - Xã hội", "Kinh tế - Hạ tầng") is not one: " - "
/// splits only where what follows opens an agency phrase of its own (a
/// head's title or an office word: "- Chánh Văn phòng …", "- Phòng …",
/// "- UBND …", "- Các …").
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

/// The first words (folded) of an agency phrase: a head's title or an
/// office word. A part of a name after a hyphen never starts so.
const PHRASE_HEADS: [&str; 45] = [
    "thu truong", "truong", "chanh", "giam doc", "chu tich", "pho", "bi thu", "can bo", "cong chuc",
    "phong", "van phong", "vp", "trung tam", "tt", "ban", "so", "ubnd", "uy ban", "hdnd", "hoi dong",
    "cong an", "quan su", "bo chi huy", "hoi", "doan", "mat tran", "mttq", "ubmttq", "dang uy", "dai",
    "thanh tra", "kho bac", "chi cuc", "cuc", "doi", "bao hiem", "toa an", "vien", "benh vien", "cac",
    "tram", "chi nhanh", "ngan hang", "lien doan", "don vi",
];

fn find_bullet(s: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(rel) = s[from..].find(" - ") {
        let i = from + rel;
        let before = s[..i].trim_end();
        let words = key_words(&s[i + 3..]);
        let opens = PHRASE_HEADS.iter().any(|h| {
            let head: Vec<&str> = h.split(' ').collect();
            words.len() >= head.len() && words.iter().zip(&head).all(|(w, h)| w == h)
        });
        if opens && !before.is_empty() {
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
        assert_eq!(r.resolve("UBND cấp xã").unwrap(), vec!["X-A", "X-B"]);
    }

    /// A commune's own plan: its committee issues it, its offices carry it out.
    #[test]
    fn a_communes_own_plan_resolves_its_offices() {
        let root = Unit { code: "UBND".into(), name: "UBND xã Tân Phú".into(), kind: UnitKind::Government, parent: None };
        let units = vec![
            root,
            unit("VP", "Văn phòng HĐND và UBND xã", UnitKind::Department),
            unit("KT", "Phòng Kinh tế", UnitKind::Department),
            unit("VHXH", "Phòng Văn hóa - Xã hội", UnitKind::Department),
            unit("TT", "Trung tâm Phục vụ hành chính công xã", UnitKind::PublicService),
        ]
        .into_iter()
        .map(|mut u| {
            if u.code != "UBND" {
                u.parent = Some("UBND".into());
            }
            u
        })
        .collect::<Vec<_>>();
        let r = Resolver::new(&units, &[], &[]).scoped("UBND", &[]);
        let all = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(r.resolve("Các phòng chuyên môn thuộc UBND xã").unwrap(), all(&["VP", "KT", "VHXH"]));
        assert_eq!(r.resolve("Các phòng, đơn vị thuộc UBND xã").unwrap(), all(&["VP", "KT", "VHXH", "TT"]));
        assert_eq!(r.resolve("Văn phòng HĐND-UBND xã").unwrap(), all(&["VP"]));
        assert_eq!(r.resolve("Chánh VP HĐND và UBND xã").unwrap(), all(&["VP"]));
        assert_eq!(r.resolve("Trung tâm phục vụ HCC").unwrap(), all(&["TT"]));
        assert_eq!(r.resolve("TT Phục vụ hành chính công").unwrap(), all(&["TT"]));
        assert_eq!(r.resolve("Phòng Văn hóa và Xã hội").unwrap(), all(&["VHXH"]));
        assert_eq!(r.resolve("TTPVHCC xã").unwrap(), all(&["TT"]));
        assert_eq!(r.resolve("Hội Nông dân xã"), None);
    }

    #[test]
    fn short_forms_are_one_key() {
        assert_eq!(key("Ủy ban Mặt trận Tổ quốc Việt Nam xã"), key("UBMTTQ Việt Nam xã"));
        assert_eq!(key("Ủy ban nhân dân xã"), "ubnd xa");
        assert_eq!(key("Bộ phận tiếp nhận và trả kết quả TTHC"), key("Bộ phận tiếp nhận và trả kết quả thủ tục hành chính"));
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
        // The offices of a commune since 2025 keep their hyphens and commas.
        assert_eq!(split_cell("Phòng Văn hóa - Xã hội"), vec!["Phòng Văn hóa - Xã hội"]);
        assert_eq!(split_cell("Phòng Kinh tế, Hạ tầng và Đô thị"), vec!["Phòng Kinh tế, Hạ tầng và Đô thị"]);
        assert_eq!(
            split_cell("- Phòng Kinh tế - Hạ tầng - Đô thị - Văn phòng HĐND và UBND xã - Các tổ chức chính trị - xã hội"),
            vec!["Phòng Kinh tế - Hạ tầng - Đô thị", "Văn phòng HĐND và UBND xã", "Các tổ chức chính trị - xã hội"]
        );
        assert_eq!(
            split_cell("Trung tâm Phục vụ hành chính công xã - Công an xã - Ban Chỉ huy Quân sự xã"),
            vec!["Trung tâm Phục vụ hành chính công xã", "Công an xã", "Ban Chỉ huy Quân sự xã"]
        );
        assert_eq!(
            split_cell("Phòng Văn hóa - Xã hội - Trạm Y tế xã - Đơn vị sự nghiệp công lập"),
            vec!["Phòng Văn hóa - Xã hội", "Trạm Y tế xã", "Đơn vị sự nghiệp công lập"]
        );
        // "UBND các xã - thị trấn" is one phrase.
        assert_eq!(split_cell("UBND các xã - thị trấn"), vec!["UBND các xã - thị trấn"]);
    }
}
