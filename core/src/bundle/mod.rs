//! Signed progress bundles: what a unit sends its parent office each period,
//! and how the parent verifies and merges them. The format is written down
//! in `docs/bundle-format.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::domain::Period;
use crate::error::{BundleError, Error, IoError, Kind, Result};
use crate::progress::{Filter, HistoryEntry, TaskState};
use crate::store::bundles::{MergedTask, Standing};
use crate::workspace::Workspace;
use crate::crypto::sign::{self, PublicKey, SecretKey};
use crate::store::receipts::{ReceiptEntry, Verdict};

pub mod dropbox;
mod export;
pub mod feedback;
mod keys;
mod merge;
mod names;
mod package;
mod parts;
pub mod receipt;
mod verify;

pub use self::{export::*, keys::*, merge::*, names::*, package::*, parts::*, verify::*};

/// The bundle format's name and version.
pub const FORMAT: &str = "tiendo-bundle";
pub const VERSION: u32 = 1;
/// The version of a bundle that references evidence the parent office
/// already holds instead of carrying it (`referenced` in the manifest).
/// Everything else is as in version 1; a full bundle stays version 1.
pub const VERSION_INCREMENTAL: u32 = 2;

pub const MANIFEST: &str = "manifest.json";
pub const SIGNATURE: &str = "manifest.json.minisig";
pub const SUMS: &str = "SHA256SUMS";
pub const PROGRESS: &str = "progress.json";
pub const REPORT: &str = "report.pdf";

/// Limits that keep a hostile bundle from exhausting memory or disk.
pub const MAX_ENTRIES: usize = 20_000;
pub const MAX_ENTRY_BYTES: u64 = 8 << 30;
pub const MAX_TOTAL_BYTES: u64 = 64 << 30;
pub const MAX_JSON_BYTES: u64 = 64 << 20;
/// The highest sequence number a bundle may carry (a unit exporting every
/// minute for a century stays far below).
pub const MAX_SEQUENCE: i64 = 1 << 40;
/// A compressed entry that inflates more than this many times is a bomb.
pub const MAX_RATIO: u64 = 200;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    pub plan_id: String,
    pub plan_hash: String,
    pub unit_code: String,
    pub unit_name: String,
    pub period: String,
    pub sequence: i64,
    pub created_at: String,
    pub app_version: String,
    /// SHA-256 of the previous bundle's manifest of the same unit and period.
    pub previous: Option<String>,
    /// The signing key (minisign base64 line), so an unknown key can be shown and accepted.
    pub public_key: String,
    pub files: Vec<FileEntry>,
    /// Evidence the bundle names but does not carry (version 2): documents
    /// the parent office acknowledged in a receipt, which it must hold.
    /// Not in the zip, not in `SHA256SUMS`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub referenced: Vec<FileEntry>,
}

/// One evidence document in `progress.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceRef {
    pub task: String,
    /// Path inside the bundle.
    pub path: String,
    pub file_name: String,
    pub sha256: String,
    pub size: u64,
    pub doc_type: String,
    pub doc_number: String,
    pub doc_date: Option<String>,
    pub description: String,
    pub milestone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KpiEntry {
    pub target: String,
    pub quarter: String,
    pub numerator: f64,
    pub denominator: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskEntry {
    #[serde(flatten)]
    pub state: TaskState,
    /// Changes made within the period.
    pub history: Vec<HistoryEntry>,
}

/// `progress.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressDoc {
    pub unit_code: String,
    pub plan_id: String,
    pub period: String,
    pub tasks: Vec<TaskEntry>,
    pub kpi: Vec<KpiEntry>,
    pub evidence: Vec<EvidenceRef>,
    /// In a parent office's consolidated bundle: the current data of each unit
    /// below it, as merged from their own bundles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<ProgressDoc>,
    /// What the unit did about the requests of the office above it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<crate::store::feedback::Answer>,
}

fn zip_err(e: zip::result::ZipError) -> Error {
    Error::from(BundleError::Corrupt).with_source(e)
}

/// A JSON file of a bundle that does not parse: named, the parser's English
/// text kept as the source only.
fn json_err(name: &str, e: serde_json::Error) -> Error {
    Error::from(BundleError::FileDamaged { name: name.into() }).with_source(e)
}

/// An entry whose bytes do not read back (the zip's own check failed).
fn entry_read_err(name: &str, e: std::io::Error) -> Error {
    Error::from(BundleError::FileDamaged { name: short_name(name) }).with_source(e)
}

/// A name as shown in a message: at most 80 characters (a hostile bundle's
/// 60 KB name is not echoed whole).
pub fn short_name(name: &str) -> String {
    const MAX: usize = 80;
    if name.chars().count() <= MAX {
        return name.to_owned();
    }
    let head: String = name.chars().take(MAX - 20).collect();
    let tail: String = name.chars().rev().take(19).collect::<Vec<_>>().into_iter().rev().collect();
    format!("{head}…{tail}")
}

// ---- keys ------------------------------------------------------------------
