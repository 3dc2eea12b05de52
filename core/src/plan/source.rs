//! The on-disk form of a plan: a TOML file written and reviewed like code.
//!
//! The built-in plan (`assets/plans/cu-chi-2023.toml`) is one such file,
//! compiled into the binary. Agency cells are kept as the phrases the plan
//! writes ("Trưởng Phòng Nội vụ huyện", "Chủ tịch UBND xã, thị trấn"); they
//! are resolved to units by [`crate::agency`].

use serde::{Deserialize, Serialize};

/// A whole plan file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PlanSource {
    /// Stable id, e.g. "cu-chi-cchc-2023".
    pub id: String,
    /// Decision number as written, e.g. "221/QĐ-UBND".
    pub number: String,
    /// Decision date, ISO "YYYY-MM-DD".
    pub date: String,
    /// Code of the unit that issued the plan (one of `units`).
    pub issuer: String,
    pub year: i32,
    pub title: String,
    /// Repairs made to the header or to whole sections while transcribing.
    #[serde(default)]
    pub repairs: Vec<Repair>,
    pub units: Vec<UnitSource>,
    /// Group phrases ("Chủ tịch UBND xã, thị trấn") and what they expand to.
    pub groups: Vec<GroupSource>,
    pub areas: Vec<AreaSource>,
    pub tasks: Vec<TaskSource>,
    pub targets: Vec<TargetSource>,
}

/// One repair of text damaged when the seed was extracted from PDF.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Repair {
    /// Which field was repaired ("header", "lead", "coordinating", "products", "deadline", …).
    pub field: String,
    /// The text as the seed has it.
    pub seed: String,
    /// The text as this file has it.
    pub fixed: String,
    /// Why: what the damage was and what the repair rests on.
    pub why: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct UnitSource {
    /// Short stable code, upper-case ASCII, e.g. "PNV", "XA-ANT".
    pub code: String,
    /// Full name, e.g. "Phòng Nội vụ".
    pub name: String,
    /// "government" (the people's committee that issues the plan),
    /// "department" (cơ quan chuyên môn), "public_service" (đơn vị sự nghiệp),
    /// "commune" (xã, thị trấn, phường).
    pub kind: String,
    /// Parent unit code; empty for the root.
    #[serde(default)]
    pub parent: String,
    /// Further names an agency cell may use for this unit, beyond what
    /// role-word stripping finds ("Trưởng Phòng Nội vụ huyện" → "Phòng Nội vụ").
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GroupSource {
    /// Phrases as plans write them; matched ignoring case and diacritics.
    pub phrases: Vec<String>,
    /// Unit kinds the group expands to (children of the issuer).
    #[serde(default)]
    pub kinds: Vec<String>,
    /// Explicit unit codes the group expands to (in addition to `kinds`).
    #[serde(default)]
    pub units: Vec<String>,
    /// Why this expansion (for the reviewer).
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AreaSource {
    pub code: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TaskSource {
    /// "1.2" (no trailing dot).
    pub code: String,
    /// Area code this task belongs to ("1").
    pub area: String,
    pub description: String,
    /// One entry per deliverable.
    pub products: Vec<String>,
    /// Agency phrases of the lead column, one per entry, as written (repaired).
    pub lead: Vec<String>,
    /// Agency phrases of the coordinating column.
    #[serde(default)]
    pub coordinating: Vec<String>,
    /// The deadline cell verbatim (repaired if damaged).
    pub deadline: String,
    #[serde(default)]
    pub repairs: Vec<Repair>,
    /// Due dates entered by hand in the plan editor (ISO "YYYY-MM-DD"),
    /// used instead of what the deadline cell reads as; empty = the cell's
    /// reading. Not written when empty, so a plan without any keeps its hash.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub manual_dates: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TargetSource {
    /// "3.1", or "3.1.b" for a sub-item.
    pub code: String,
    /// The target as the plan states it.
    pub text: String,
    /// "rate" (numerator/denominator → %), "value" (one number), or
    /// "yes_no" (achieved or not; value 1 means achieved).
    pub kind: String,
    /// ">=", ">", "<=", "<", "=".
    pub comparator: String,
    pub value: f64,
    /// "%" for rates, else a unit word.
    #[serde(default)]
    pub unit: String,
    /// What the numerator and denominator count, for rates
    /// (e.g. "hồ sơ giải quyết đúng hạn" / "hồ sơ đã giải quyết").
    #[serde(default)]
    pub numerator: String,
    #[serde(default)]
    pub denominator: String,
    /// Unit kinds that report figures for this target; empty = every unit.
    #[serde(default)]
    pub applies_to: Vec<String>,
}
