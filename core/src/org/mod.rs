//! The organisation: the units an installation knows (code, name, kind,
//! parent, retired) and which unit consolidates the reports of a parent's
//! units. Stored in the database; edited from the window (Settings → Tổ
//! chức), by `tiendo unit add|rename|move|retire`, or imported from a units
//! table (`tiendo unit import FILE.csv|FILE.xlsx`).
//!
//! The built-in Củ Chi plan seeds it on first use, with Phòng Nội vụ
//! consolidating for the district committee.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::domain::UnitKind;
use crate::error::{Error, OrgError, PlanError, Result};
use crate::plan::source::UnitSource;
use crate::text::{fold, nfc};

/// One unit of the organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgUnit {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub parent: Option<String>,
    /// Retired units keep their history but are hidden from pickers.
    pub retired: bool,
    /// The unit whose units' reports this unit consolidates (Phòng Nội vụ
    /// for UBND huyện, Sở Nội vụ for UBND tỉnh, Văn phòng for UBND xã).
    pub consolidates_for: Option<String>,
    /// Further names plans use for this unit.
    pub aliases: Vec<String>,
}

/// The whole organisation, in display order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Org {
    pub units: Vec<OrgUnit>,
}

/// Which units consolidate in the built-in example: (consolidating unit, for).
const BUILTIN_CONSOLIDATION: [(&str, &str); 1] = [("PNV", "CUCHI")];

impl Org {
    /// The organisation a plan's own unit list describes (the built-in plan
    /// seeds the database with it on first use).
    pub fn from_plan_units(plan_id: &str, units: &[UnitSource]) -> Result<Org> {
        let mut out = vec![];
        for u in units {
            let kind = UnitKind::parse(&u.kind)
                .ok_or_else(|| Error::new("err-plan-field").arg("field", "units.kind").arg("value", &u.kind))?;
            out.push(OrgUnit {
                code: u.code.clone(),
                name: nfc(&u.name),
                kind,
                parent: (!u.parent.is_empty()).then(|| u.parent.clone()),
                retired: false,
                consolidates_for: None,
                aliases: u.aliases.clone(),
            });
        }
        if plan_id == crate::plan::builtin_source().id {
            for (who, whom) in BUILTIN_CONSOLIDATION {
                if let Some(u) = out.iter_mut().find(|u| u.code == who) {
                    u.consolidates_for = Some(whom.to_owned());
                }
            }
        }
        Ok(Org { units: out })
    }

    /// The organisation as plan unit entries (the plan resolves against these).
    pub fn unit_sources(&self) -> Vec<UnitSource> {
        self.units
            .iter()
            .map(|u| UnitSource {
                code: u.code.clone(),
                name: u.name.clone(),
                kind: u.kind.as_str().to_owned(),
                parent: u.parent.clone().unwrap_or_default(),
                aliases: u.aliases.clone(),
            })
            .collect()
    }

    pub fn unit(&self, code: &str) -> Option<&OrgUnit> {
        self.units.iter().find(|u| u.code == code)
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// Codes of the retired units.
    pub fn retired(&self) -> Vec<String> {
        self.units.iter().filter(|u| u.retired).map(|u| u.code.clone()).collect()
    }

    /// The units below `code` (children first, any depth), excluding it.
    pub fn children(&self, code: &str) -> Vec<&OrgUnit> {
        self.units.iter().filter(|u| u.parent.as_deref() == Some(code)).collect()
    }

    /// The units depth first from the roots, each with its depth: the tree
    /// as the window lists it.
    pub fn tree(&self) -> Vec<(usize, &OrgUnit)> {
        let mut out = vec![];
        let mut seen = BTreeSet::new();
        let roots = self
            .units
            .iter()
            .filter(|u| u.parent.as_deref().is_none_or(|p| self.unit(p).is_none()));
        let mut stack: Vec<(usize, &OrgUnit)> = roots.map(|u| (0, u)).collect();
        stack.reverse();
        while let Some((d, u)) = stack.pop() {
            if !seen.insert(u.code.as_str()) {
                continue;
            }
            out.push((d, u));
            let mut kids: Vec<(usize, &OrgUnit)> = self.children(&u.code).into_iter().map(|c| (d + 1, c)).collect();
            kids.reverse();
            stack.extend(kids);
        }
        out
    }

    /// The unit whose units' reports `unit` consolidates: the unit named as
    /// its `consolidates_for`, if any.
    pub fn consolidates_for(&self, unit: &str) -> Option<&str> {
        self.unit(unit).and_then(|u| u.consolidates_for.as_deref()).filter(|p| self.unit(p).is_some())
    }

    /// The unit that consolidates for `parent`, if one is set.
    pub fn consolidator_of(&self, parent: &str) -> Option<&OrgUnit> {
        self.units.iter().find(|u| !u.retired && u.consolidates_for.as_deref() == Some(parent))
    }

    /// Checks codes, parents (known, no cycle) and consolidation targets.
    pub fn check(&self) -> Result<()> {
        let mut codes = BTreeSet::new();
        for u in &self.units {
            check_code(&u.code)?;
            if u.name.trim().is_empty() {
                return Err(Error::from(OrgError::NameEmpty { code: u.code.clone() }));
            }
            if !codes.insert(u.code.as_str()) {
                return Err(Error::from(OrgError::Duplicate { code: u.code.clone() }));
            }
        }
        for u in &self.units {
            for r in [&u.parent, &u.consolidates_for] {
                if let Some(p) = r
                    && !codes.contains(p.as_str())
                {
                    return Err(Error::from(OrgError::Unknown { code: p.clone(), unit: u.code.clone() }));
                }
            }
            if let Some(c) = self.cycle_from(&u.code) {
                return Err(Error::from(OrgError::Cycle { code: c }));
            }
        }
        Ok(())
    }

    /// The unit at which following parents from `code` comes back to itself.
    fn cycle_from(&self, code: &str) -> Option<String> {
        let parents: BTreeMap<&str, &str> =
            self.units.iter().filter_map(|u| u.parent.as_deref().map(|p| (u.code.as_str(), p))).collect();
        let mut seen = BTreeSet::new();
        let mut at = code;
        while let Some(p) = parents.get(at) {
            if !seen.insert(at) {
                return Some(at.to_owned());
            }
            at = p;
        }
        None
    }

    /// Adds a unit.
    pub fn add(&mut self, unit: OrgUnit) -> Result<()> {
        if self.unit(&unit.code).is_some() {
            return Err(Error::from(OrgError::Duplicate { code: unit.code.clone() }));
        }
        let mut next = self.clone();
        next.units.push(unit);
        next.check()?;
        *self = next;
        Ok(())
    }

    fn unit_mut(&mut self, code: &str) -> Result<&mut OrgUnit> {
        self.units
            .iter_mut()
            .find(|u| u.code == code)
            .ok_or_else(|| Error::new("err-unknown-unit").arg("code", code))
    }

    pub fn rename(&mut self, code: &str, name: &str) -> Result<()> {
        let name = nfc(name.trim());
        if name.is_empty() {
            return Err(Error::from(OrgError::NameEmpty { code: code.into() }));
        }
        self.unit_mut(code)?.name = name;
        Ok(())
    }

    /// Moves `code` under `parent` (`None`: a root).
    pub fn move_to(&mut self, code: &str, parent: Option<&str>) -> Result<()> {
        let mut next = self.clone();
        next.unit_mut(code)?.parent = parent.map(str::to_owned);
        next.check()?;
        *self = next;
        Ok(())
    }

    /// Retires (or brings back) a unit. Its history stays; pickers hide it.
    pub fn set_retired(&mut self, code: &str, retired: bool) -> Result<()> {
        self.unit_mut(code)?.retired = retired;
        Ok(())
    }

    /// Records that plans call `code` also `phrase` ("Ban CHQS xã" for
    /// "Ban Chỉ huy Quân sự xã"): the phrase then resolves to that unit.
    /// A phrase the unit already answers to changes nothing.
    pub fn add_alias(&mut self, code: &str, phrase: &str) -> Result<()> {
        let phrase = nfc(phrase.trim());
        if crate::agency::key(&phrase).is_empty() {
            return Err(Error::new("err-org-alias-empty").arg("code", code));
        }
        let u = self.unit_mut(code)?;
        let k = crate::agency::key(&phrase);
        if crate::agency::key(&u.name) != k && !u.aliases.iter().any(|a| crate::agency::key(a) == k) {
            u.aliases.push(phrase);
        }
        Ok(())
    }

    /// A new unit for an agency a plan names that the organisation lacks:
    /// named as the plan writes it (without the head's title: "Trưởng Ban
    /// Chỉ huy Quân sự xã" → "Ban Chỉ huy Quân sự xã"), its kind read from
    /// its first words (an office unless they say otherwise), under
    /// `parent`, with a fresh code.
    pub fn unit_for_phrase(&self, phrase: &str, parent: Option<&str>) -> OrgUnit {
        let name = crate::agency::without_title(phrase);
        let words: Vec<&str> = name.split_whitespace().collect();
        let kind = (1..=words.len().min(4))
            .rev()
            .find_map(|n| parse_kind_word(&words[..n].join(" ")))
            .unwrap_or(UnitKind::Department);
        let taken: Vec<&str> = self.units.iter().map(|u| u.code.as_str()).collect();
        OrgUnit {
            code: suggest_code(&name, &taken),
            name,
            kind,
            parent: parent.map(str::to_owned),
            retired: false,
            consolidates_for: None,
            aliases: vec![],
        }
    }

    /// Sets which parent's units `code` consolidates for (`None`: none).
    pub fn set_consolidates_for(&mut self, code: &str, parent: Option<&str>) -> Result<()> {
        let mut next = self.clone();
        next.unit_mut(code)?.consolidates_for = parent.map(str::to_owned);
        next.check()?;
        *self = next;
        Ok(())
    }
}

/// The plan a new organisation starts on: its root issues it, this year,
/// no tasks yet (`plan import` fills it).
pub fn empty_plan(org: &Org, today: chrono::NaiveDate) -> Result<crate::plan::PlanSource> {
    use chrono::Datelike;
    let root = org
        .tree()
        .first()
        .map(|(_, u)| (*u).clone())
        .ok_or_else(|| Error::new("err-units-none"))?;
    let year = today.year();
    let id: String = format!("to-chuc-{}-{year}", root.code)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c.to_ascii_lowercase() } else { '-' })
        .collect();
    Ok(crate::plan::PlanSource {
        id,
        number: String::new(),
        date: format!("{year}-01-01"),
        issuer: root.code.clone(),
        year,
        title: root.name.clone(),
        repairs: vec![],
        units: org.unit_sources(),
        groups: vec![],
        areas: vec![],
        tasks: vec![],
        targets: vec![],
    })
}

/// A unit code: non-empty, no white space, at most 32 characters.
pub fn check_code(code: &str) -> Result<()> {
    if code.is_empty() || code.chars().count() > 32 || code.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::new("err-org-code").arg("code", code));
    }
    Ok(())
}

/// The kind a word of a units table names, matched without diacritics or
/// case: "UBND", "Phòng", "Ban", "Sở", "Đơn vị sự nghiệp", "Xã", "Phường",
/// "Đặc khu", "Thị trấn"… and the stored names ("government", "commune"…).
pub fn parse_kind_word(word: &str) -> Option<UnitKind> {
    if let Some(k) = UnitKind::parse(word.trim()) {
        return Some(k);
    }
    let w = crate::agency::key_words(word).join(" ");
    let w = w.strip_prefix("cap ").unwrap_or(&w);
    if let Some(rest) = w.strip_prefix("ubnd") {
        let rest = rest.trim();
        return Some(if crate::agency::is_commune_level(rest) { UnitKind::Commune } else { UnitKind::Government });
    }
    if crate::agency::is_commune_level(w) {
        return Some(UnitKind::Commune);
    }
    Some(match w {
        "chinh quyen" | "uy ban" | "tinh" | "thanh pho" | "huyen" | "quan" | "thi xa" | "ubnd" => UnitKind::Government,
        "phong" | "ban" | "so" | "phong ban" | "so ban nganh" | "so nganh" | "co quan" | "co quan chuyen mon" | "vp"
        | "thanh tra" | "nganh" | "cong an" | "co quan chuyen mon thuoc ubnd" | "phong chuyen mon" | "phong ban nganh"
        | "co quan hanh chinh" => UnitKind::Department,
        "don vi su nghiep" | "don vi su nghiep cong lap" | "dvsn" | "dvsncl" | "su nghiep" | "trung tam"
        | "public service" => UnitKind::PublicService,
        _ => return None,
    })
}

/// Message id of a kind's name (singular: "Phòng, ban, sở").
pub fn kind_label(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Government => "org-kind-government",
        UnitKind::Department => "org-kind-department",
        UnitKind::PublicService => "org-kind-public-service",
        UnitKind::Commune => "org-kind-commune",
    }
}

/// The columns of a units table: (folded header names accepted, shown name, required).
const COLUMNS: [(&[&str], &str, bool); 5] = [
    // Optional: without it, each unit keeps the code it has (found by its
    // name) or gets one from its name's initials.
    (&["ma", "ma don vi", "ma so", "ma co quan", "ma dinh danh", "ky hieu", "code"], "Mã", false),
    (
        &["ten don vi", "ten", "ten co quan", "ten co quan don vi", "co quan don vi", "don vi", "name"],
        "Tên đơn vị",
        true,
    ),
    (&["loai", "loai don vi", "loai hinh", "loai hinh don vi", "phan loai", "cap", "kind"], "Loại", true),
    (
        &[
            "don vi cap tren",
            "cap tren",
            "co quan cap tren",
            "ma cap tren",
            "ma don vi cap tren",
            "truc thuoc",
            "thuoc",
            "co quan chu quan",
            "don vi chu quan",
            "parent",
        ],
        "Đơn vị cấp trên",
        true,
    ),
    (&["tong hop cho", "don vi tong hop cho", "consolidates for", "consolidates"], "Tổng hợp cho", false),
];

/// What a units-table import changed in the organisation.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct OrgChanges {
    /// The organisation was created from the table (it replaced the built-in example).
    pub created: bool,
    /// (code, name)
    pub added: Vec<(String, String)>,
    /// (code, old name, new name)
    pub renamed: Vec<(String, String, String)>,
    /// (code, old parent, new parent)
    pub moved: Vec<(String, Option<String>, Option<String>)>,
    /// (code, old kind, new kind)
    pub kind_changed: Vec<(String, UnitKind, UnitKind)>,
    /// (code, consolidates for: old, new)
    pub consolidation: Vec<(String, Option<String>, Option<String>)>,
    /// Retired units the table names again: brought back.
    pub restored: Vec<String>,
    pub unchanged: usize,
}

impl OrgChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.renamed.is_empty()
            && self.moved.is_empty()
            && self.kind_changed.is_empty()
            && self.consolidation.is_empty()
            && self.restored.is_empty()
    }
}

/// Reads the rows of a units file by its extension: CSV (UTF-8 with or
/// without BOM, UTF-16, Windows-1258) or the first sheet of an Excel
/// workbook (.xlsx, or the old .xls) — the same readers as `plan import`.
pub fn read_units_file(path: &std::path::Path) -> Result<Vec<Vec<String>>> {
    let bytes = std::fs::read(path).map_err(|e| {
        Error::new("err-open-file").arg("path", path.display().to_string()).arg("detail", e.to_string())
    })?;
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls") {
        crate::plan::xlsx::read_rows(&bytes)
    } else {
        crate::plan::import::parse_csv(&crate::plan::import::decode(&bytes)?)
    }
}

/// Applies a units table to `org`. `replace`: the table is the whole new
/// organisation (the existing one was only the built-in example). A bad row
/// is an error naming its row and column, and `org` is not touched.
pub fn apply_table(org: &Org, rows: &[Vec<String>], replace: bool) -> Result<(Org, OrgChanges)> {
    let (header_at, index) = find_header(rows)?;
    // (row number, unit, parent cell, consolidates cell)
    let mut read: Vec<(usize, OrgUnit, String, String)> = vec![];
    for (n, row) in rows.iter().enumerate().skip(header_at + 1) {
        let row_no = n + 1;
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |i: usize| index[i].and_then(|c| row.get(c)).map(|s| nfc(s.trim())).unwrap_or_default();
        let name = cell(1);
        let code = if index[0].is_some() {
            cell(0)
        } else {
            // No code column: the code the unit has (by its name), or one made from its name.
            let key = crate::agency::key(&name);
            let known = if replace { None } else { org.units.iter().find(|u| crate::agency::key(&u.name) == key) };
            match known {
                Some(u) => u.code.clone(),
                None => {
                    let taken: Vec<&str> = read.iter().map(|(_, u, _, _)| u.code.as_str()).chain(org.units.iter().map(|u| u.code.as_str())).collect();
                    suggest_code(&name, &taken)
                }
            }
        };
        let kind_text = cell(2);
        for (i, v) in [(0, &code), (1, &name), (2, &kind_text)] {
            if v.is_empty() {
                return Err(cell_error("err-units-empty", row_no, i, v));
            }
        }
        if check_code(&code).is_err() {
            return Err(cell_error("err-units-code", row_no, 0, &code));
        }
        if read.iter().any(|(_, u, _, _)| u.code == code) {
            return Err(cell_error("err-units-duplicate", row_no, 0, &code));
        }
        let kind = parse_kind_word(&kind_text).ok_or_else(|| cell_error("err-units-kind", row_no, 2, &kind_text))?;
        let old = if replace { None } else { org.unit(&code) };
        read.push((
            row_no,
            OrgUnit {
                code,
                name,
                kind,
                parent: None,
                retired: false,
                consolidates_for: old.and_then(|o| o.consolidates_for.clone()),
                aliases: old.map(|o| o.aliases.clone()).unwrap_or_default(),
            },
            cell(3),
            cell(4),
        ));
    }
    if read.is_empty() {
        return Err(Error::new("err-units-none"));
    }
    let mut next = if replace { Org::default() } else { org.clone() };
    for (_, u, _, _) in &read {
        match next.units.iter_mut().find(|x| x.code == u.code) {
            Some(x) => {
                x.name = u.name.clone();
                x.kind = u.kind;
                x.retired = false;
            }
            None => next.units.push(u.clone()),
        }
    }
    // Parents and consolidation targets name a code, or a unit's name.
    for (row_no, u, parent, cons) in &read {
        let find = |text: &str, col: usize| -> Result<Option<String>> {
            if text.is_empty() {
                return Ok(None);
            }
            if next.unit(text).is_some() {
                return Ok(Some(text.to_owned()));
            }
            let k = crate::agency::key(text);
            let hits: Vec<&OrgUnit> = next.units.iter().filter(|x| crate::agency::key(&x.name) == k).collect();
            match hits.as_slice() {
                [one] => Ok(Some(one.code.clone())),
                _ => Err(cell_error("err-units-parent", *row_no, col, text)),
            }
        };
        let p = find(parent, 3)?;
        if p.as_deref() == Some(u.code.as_str()) {
            return Err(cell_error("err-units-cycle", *row_no, 3, parent));
        }
        let c = if index[4].is_some() { find(cons, 4)? } else { u.consolidates_for.clone() };
        let x = next.units.iter_mut().find(|x| x.code == u.code).expect("just added");
        x.parent = p;
        x.consolidates_for = c;
    }
    for (row_no, u, parent, _) in &read {
        if next.cycle_from(&u.code).is_some() {
            return Err(cell_error("err-units-cycle", *row_no, 3, parent));
        }
    }
    next.check()?;
    let mut ch = OrgChanges { created: replace, ..Default::default() };
    for (_, u, _, _) in &read {
        let now = next.unit(&u.code).expect("present");
        let Some(before) = (if replace { None } else { org.unit(&u.code) }) else {
            ch.added.push((u.code.clone(), u.name.clone()));
            continue;
        };
        let mut changed = false;
        if before.name != now.name {
            ch.renamed.push((u.code.clone(), before.name.clone(), now.name.clone()));
            changed = true;
        }
        if before.parent != now.parent {
            ch.moved.push((u.code.clone(), before.parent.clone(), now.parent.clone()));
            changed = true;
        }
        if before.kind != now.kind {
            ch.kind_changed.push((u.code.clone(), before.kind, now.kind));
            changed = true;
        }
        if before.consolidates_for != now.consolidates_for {
            ch.consolidation.push((u.code.clone(), before.consolidates_for.clone(), now.consolidates_for.clone()));
            changed = true;
        }
        if before.retired {
            ch.restored.push(u.code.clone());
            changed = true;
        }
        if !changed {
            ch.unchanged += 1;
        }
    }
    Ok((next, ch))
}

fn cell_error(key: &'static str, row: usize, col: usize, value: &str) -> Error {
    Error::new(key).arg("row", row).arg("column", COLUMNS[col].1).arg("value", value)
}

/// The header row (its index) and the column of each of [`COLUMNS`].
fn find_header(rows: &[Vec<String>]) -> Result<(usize, [Option<usize>; 5])> {
    let norm = |c: &str| crate::agency::key_words(c).join(" ");
    for (n, row) in rows.iter().enumerate().take(30) {
        let cells: Vec<String> = row.iter().map(|c| norm(c)).collect();
        let mut index = [None; 5];
        for (i, (names, _, _)) in COLUMNS.iter().enumerate() {
            index[i] = cells.iter().position(|c| names.contains(&c.as_str()));
        }
        if index[1].is_some() && (index[0].is_some() || index[2].is_some()) {
            for (i, (_, shown, required)) in COLUMNS.iter().enumerate() {
                if *required && index[i].is_none() {
                    return Err(Error::from(PlanError::MissingColumn { column: (*shown).into() }));
                }
            }
            return Ok((n, index));
        }
    }
    Err(Error::new("err-units-no-header"))
}

/// A new organisation from its first unit, typed by hand at first run. For
/// the people's committee of a commune, ward or special zone, and when
/// `with_offices`, the offices under it come too ([`commune_offices`]), so
/// the clerk does not type them one by one.
pub fn start_org(name: &str, kind: UnitKind, with_offices: bool) -> Org {
    let first = OrgUnit {
        code: suggest_code(name, &[]),
        name: nfc(name.trim()),
        kind,
        parent: None,
        retired: false,
        consolidates_for: None,
        aliases: vec![],
    };
    let offices = if with_offices && kind == UnitKind::Government { commune_offices(name) } else { vec![] };
    let mut units = vec![first];
    for (office, kind) in offices {
        let taken: Vec<&str> = units.iter().map(|u| u.code.as_str()).collect();
        let code = suggest_code(&office, &taken);
        let parent = Some(units[0].code.clone());
        units.push(OrgUnit { code, name: office, kind, parent, retired: false, consolidates_for: None, aliases: vec![] });
    }
    Org { units }
}

/// The offices under the people's committee of a commune, ward or special
/// zone in the two-tier local government (from 1 July 2025, Decree
/// 150/2025/NĐ-CP): the Office of the People's Council and Committee, the
/// Economic Office (in a ward: of Economy, Infrastructure and Urban Affairs),
/// the Office of Culture and Society, and the public administrative service
/// centre; each named with its level word ("Phòng Kinh tế xã"), so plans
/// that write it with or without reach it. Empty when `committee` names no
/// commune, ward or special zone.
pub fn commune_offices(committee: &str) -> Vec<(String, UnitKind)> {
    let name_key = crate::agency::key(committee);
    let rest = ["uy ban nhan dan ", "ubnd "].iter().find_map(|p| name_key.strip_prefix(p)).unwrap_or(&name_key);
    let Some(word) = crate::agency::commune_word_of(rest) else { return vec![] };
    let level = match word {
        "phuong" => "phường",
        "dac khu" => "đặc khu",
        "thi tran" => "thị trấn",
        _ => "xã",
    };
    let economy = if word == "phuong" { "Phòng Kinh tế, Hạ tầng và Đô thị" } else { "Phòng Kinh tế" };
    [
        ("Văn phòng HĐND và UBND", UnitKind::Department),
        (economy, UnitKind::Department),
        ("Phòng Văn hóa - Xã hội", UnitKind::Department),
        ("Trung tâm Phục vụ hành chính công", UnitKind::PublicService),
    ]
    .into_iter()
    .map(|(name, kind)| (format!("{name} {level}"), kind))
    .collect()
}

/// A short, stable code for a new unit named `name`, not among `taken`:
/// the initials of its folded words ("Phòng Kinh tế" → "PKT").
pub fn suggest_code(name: &str, taken: &[&str]) -> String {
    let base: String = fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter_map(|w| w.chars().next())
        .map(|c| c.to_ascii_uppercase())
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let base = if base.is_empty() { "DV".to_owned() } else { base };
    if !taken.contains(&base.as_str()) {
        return base;
    }
    (2..).map(|i| format!("{base}{i}")).find(|c| !taken.contains(&c.as_str())).expect("some code is free")
}

#[cfg(test)]
mod tests;
