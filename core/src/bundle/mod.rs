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
use crate::error::{Error, Result};
use crate::progress::{Filter, HistoryEntry, TaskState};
use crate::store::bundles::{MergedTask, Standing};
use crate::workspace::Workspace;
use crate::crypto::sign::{self, PublicKey, SecretKey};
use crate::store::receipts::{ReceiptEntry, Verdict};

pub mod receipt;

/// The bundle format's name and version.
pub const FORMAT: &str = "tiendo-bundle";
pub const VERSION: u32 = 1;

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
}

fn zip_err(e: zip::result::ZipError) -> Error {
    Error::new("err-bundle-corrupt").with_source(e)
}

/// A JSON file of a bundle that does not parse: named, the parser's English
/// text kept as the source only.
fn json_err(name: &str, e: serde_json::Error) -> Error {
    Error::new("err-bundle-file-damaged").arg("name", name).with_source(e)
}

/// An entry whose bytes do not read back (the zip's own check failed).
fn entry_read_err(name: &str, e: std::io::Error) -> Error {
    Error::new("err-bundle-file-damaged").arg("name", short_name(name)).with_source(e)
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

impl Workspace {
    pub(crate) fn data_folder(&self) -> Result<PathBuf> {
        let db = self.store.path().ok_or_else(|| Error::new("err-no-data-dir"))?;
        Ok(db.parent().unwrap_or(Path::new(".")).to_owned())
    }

    /// Registers a unit's public key as trusted (the parent office does this
    /// once per unit, from the key card the unit sends).
    pub fn trust_key(&self, unit: &str, key: &PublicKey) -> Result<()> {
        self.check_unit(unit)?;
        self.store.put_key(&sign::key_id_hex(&key.key_id), unit, &key.to_base64(), "trusted")
    }

    /// Writes this unit's public key card to `path`: a minisign `.pub` file
    /// whose comment names the unit, sent once to the parent office (which
    /// reads it with [`read_key_card`]). Returns the key.
    pub fn export_key_card(&self, path: &Path) -> Result<PublicKey> {
        let unit = self.require_unit()?;
        let pk = self.public_key()?;
        let name = self.plan.unit(unit).map(|u| u.name.as_str()).unwrap_or_default();
        let card = format!("untrusted comment: minisign public key {} — {} ({})\n{}\n", sign::key_id_hex(&pk.key_id), unit, name, pk.to_base64());
        crate::fsutil::write_atomic(path, |w| Ok(w.write_all(card.as_bytes())?))?;
        // The printable card beside it, to sign and send.
        let pdf = crate::report::key_card_pdf(self, unit, &pk.fingerprint(), &pk.to_base64(), self.documents_lang())?;
        crate::report::save(&path.with_extension("pdf"), pdf)?;
        Ok(pk)
    }

    // ---- export --------------------------------------------------------------

    /// Exports this unit's signed bundle for `period` to `out` (written to a
    /// temporary name, renamed when complete). `progress(done, total)` is
    /// called as bytes are written.
    pub fn export_bundle(&self, period: Period, out: &Path, progress: &mut dyn FnMut(u64, u64)) -> Result<Manifest> {
        let unit = self.require_unit()?.to_owned();
        check_period_in_plan(&self.plan, period)?;
        let key = self.signing_key()?;
        let unit_name = self.plan.unit(&unit).map(|u| u.name.clone()).unwrap_or_default();
        let period_s = period.to_string();
        let (sequence, previous) = self.store.next_export(&unit, &period_s)?;

        let rows = self.rows(&unit, &Filter::default())?;
        let (start, end) = (period.start().to_string(), period.end().to_string());
        let mut tasks = vec![];
        for r in &rows {
            let history = self
                .store
                .history(&self.plan.id, &unit, &r.task.code)?
                .into_iter()
                .filter(|h| h.at.as_str() >= start.as_str() && h.at[..10].to_owned() <= end)
                .collect();
            tasks.push(TaskEntry { state: r.state.clone(), history });
        }
        let quarters: Vec<String> = period.quarters().iter().map(|q| q.to_string()).collect();
        let kpi = self
            .store
            .figures(&self.plan.id)?
            .into_iter()
            .filter(|(_, u, p, _)| *u == unit && quarters.contains(&p.to_string()))
            .map(|(t, _, p, f)| KpiEntry { target: t, quarter: p.to_string(), numerator: f.numerator, denominator: f.denominator })
            .collect();
        let active: BTreeSet<String> = self
            .rows(&unit, &Filter { period: Some(period), ..Default::default() })?
            .iter()
            .map(|r| r.task.code.clone())
            .collect();
        let mut evidence = vec![];
        for e in self.store.evidence_list(&self.plan.id, &unit, None)? {
            if !active.contains(&e.task) {
                continue;
            }
            evidence.push(EvidenceRef {
                task: e.task.clone(),
                path: String::new(), // given below, with every other entry's
                file_name: e.file_name.clone(),
                sha256: e.sha256.clone(),
                size: e.size,
                doc_type: e.doc_type.as_str().to_owned(),
                doc_number: e.doc_number.clone(),
                doc_date: e.doc_date.map(|d| d.to_string()),
                description: e.description.clone(),
                milestone: e.milestone.map(|d| d.to_string()),
            });
        }
        let units = self.merged_children(&unit, &period_s, &quarters)?;
        let mut doc = ProgressDoc { unit_code: unit.clone(), plan_id: self.plan.id.clone(), period: period_s.clone(), tasks, kpi, evidence, units };
        // Entry names by the rule verify applies: one entry per content,
        // names safe, short enough and unique ignoring case.
        let mut names = EntryNames::default();
        for e in doc.evidence.iter_mut().chain(doc.units.iter_mut().flat_map(|u| u.evidence.iter_mut())) {
            let (path, file_name) = names.entry(&e.sha256, &e.file_name);
            e.path = path;
            e.file_name = file_name;
        }
        // What the parent will check, checked first: a figure stored before
        // the rules were tightened is reported here, before a sequence
        // number is used, not by the parent office.
        for d in std::iter::once(&doc).chain(doc.units.iter()) {
            check_claims(&self.plan, period, d)?;
        }
        let progress_json = serde_json::to_vec_pretty(&doc).expect("progress serialises");
        let lang = self.documents_lang();
        let report_pdf = crate::report::report_pdf(self, &unit, period, lang)?.bytes;
        let reason = crate::i18n::tr_in(lang, "pdf-sign-reason", &[("period", period_s.as_str().into())]);
        let report_pdf = self.pdf_signer()?.sign(&report_pdf, &unit_name, &reason)?;
        let mut sizes: BTreeMap<&str, u64> = BTreeMap::new();
        for e in doc.evidence.iter().chain(doc.units.iter().flat_map(|u| u.evidence.iter())) {
            sizes.insert(e.path.as_str(), e.size);
        }
        let total: u64 = sizes.values().sum::<u64>()
            + progress_json.len() as u64
            + report_pdf.len() as u64;

        let mut files = vec![];
        let mut done = 0u64;
        let write = |w: &mut dyn Write| -> Result<(Manifest, String)> {
            let mut zip = zip::ZipWriter::new_stream(w);
            let deflate = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(false);
            let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
            zip.start_file(PROGRESS, deflate).map_err(zip_err)?;
            zip.write_all(&progress_json)?;
            files.push(FileEntry { path: PROGRESS.into(), size: progress_json.len() as u64, sha256: crate::util::sha256_hex(&progress_json) });
            done += progress_json.len() as u64;
            progress(done, total);
            zip.start_file(REPORT, stored).map_err(zip_err)?;
            zip.write_all(&report_pdf)?;
            files.push(FileEntry { path: REPORT.into(), size: report_pdf.len() as u64, sha256: crate::util::sha256_hex(&report_pdf) });
            done += report_pdf.len() as u64;
            progress(done, total);
            let mut written = BTreeSet::new();
            for e in doc.evidence.iter().chain(doc.units.iter().flat_map(|u| u.evidence.iter())) {
                if !written.insert(e.path.clone()) {
                    continue; // the same file proves two tasks: stored once
                }
                let opts = stored.large_file(e.size >= (1 << 32) - 1);
                zip.start_file(e.path.as_str(), opts).map_err(zip_err)?;
                // read_blob checks the bytes against their stored SHA-256 as it streams.
                let size = self.store.read_blob(&e.sha256, &mut zip)?;
                files.push(FileEntry { path: e.path.clone(), size, sha256: e.sha256.clone() });
                done += e.size;
                progress(done, total);
            }
            let manifest = Manifest {
                format: FORMAT.into(),
                version: VERSION,
                plan_id: self.plan.id.clone(),
                plan_hash: self.plan.hash.clone(),
                unit_code: unit.clone(),
                unit_name: unit_name.clone(),
                period: period_s.clone(),
                sequence,
                created_at: crate::store::now_stamp(),
                app_version: env!("CARGO_PKG_VERSION").into(),
                previous: previous.clone(),
                public_key: key.public().to_base64(),
                files: files.clone(),
            };
            let trusted = format!("unit:{} period:{} sequence:{} file:{}", unit, period_s, sequence, MANIFEST);
            let sha = finish_package(&mut zip, &manifest, &key, &trusted)?;
            zip.finish().map_err(zip_err)?;
            Ok((manifest, sha))
        };
        // The export is recorded once the file is complete, before it gets its name.
        let (manifest, _) = write_bundle_file(out, write, |(_, sha)| self.store.record_export(&unit, &period_s, sequence, sha))?;
        Ok(manifest)
    }
}

/// Writes a bundle as [`crate::fsutil::write_atomic`] does (a temporary name
/// in the same folder, flushed to disk, renamed over `out`), and:
/// - runs `before_rename` once the file is complete and flushed, before it
///   takes its name: the export is recorded first, so a crash in between
///   leaves an unused sequence number, never a bundle the database does not
///   know (whose sequence the next export would reuse);
/// - removes temporary files that interrupted exports to the same name left
///   behind (power cut, killed process);
/// - reports a full or read-only target as such, naming the file; nothing is
///   then left at `out` or beside it.
fn write_bundle_file<T>(
    out: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<T>,
    before_rename: impl FnOnce(&T) -> Result<()>,
) -> Result<T> {
    remove_stale_parts(out);
    let tmp = crate::fsutil::temp_path(out);
    let mut failed_io: Option<std::io::ErrorKind> = None;
    let result = (|| -> Result<T> {
        let file = File::create(&tmp).map_err(|e| {
            failed_io = Some(e.kind());
            Error::new("err-write-file").arg("path", out.display().to_string()).io(e)
        })?;
        let mut w = Watched { inner: std::io::BufWriter::with_capacity(1 << 20, file), failed: &mut failed_io };
        let value = write(&mut w)?;
        w.flush()?;
        let file = w.inner.into_inner().map_err(|e| Error::from(e.into_error()))?;
        file.sync_all().inspect_err(|e| *w.failed = Some(e.kind()))?;
        drop(file);
        before_rename(&value)?;
        std::fs::rename(&tmp, out)
            .map_err(|e| Error::new("err-write-file").arg("path", out.display().to_string()).io(e))?;
        // The new name itself on disk (a power cut right after must not undo it).
        #[cfg(unix)]
        if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(value)
    })();
    match result {
        Ok(v) => Ok(v),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            let path = out.display().to_string();
            Err(match failed_io {
                Some(std::io::ErrorKind::StorageFull | std::io::ErrorKind::FileTooLarge | std::io::ErrorKind::QuotaExceeded) => {
                    Error::new("err-target-full").arg("path", path)
                }
                Some(std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied) => {
                    Error::new("err-target-read-only").arg("path", path)
                }
                Some(_) if e.key == "err-io" || e.key == "err-bundle-corrupt" => {
                    let detail = e.args.iter().find(|(k, _)| *k == "detail").map(|(_, v)| v.clone()).unwrap_or(crate::i18n::Arg::Msg("io-other"));
                    Error::new("err-write-file").arg("path", path).arg("detail", detail)
                }
                _ => e,
            })
        }
    }
}

/// A writer that remembers the kind of the first I/O error it met.
struct Watched<'a, W: Write> {
    inner: W,
    failed: &'a mut Option<std::io::ErrorKind>,
}

impl<W: Write> Write for Watched<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf).inspect_err(|e| {
            self.failed.get_or_insert(e.kind());
        })
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush().inspect_err(|e| {
            self.failed.get_or_insert(e.kind());
        })
    }
}

/// Removes `.NAME.<pid>.part` files beside `out` left by exports to the same
/// name that were interrupted, except this process's own.
fn remove_stale_parts(out: &Path) {
    let (Some(dir), Some(name)) = (out.parent(), out.file_name()) else { return };
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let prefix = format!(".{}.", name.to_string_lossy());
    let own = format!("{prefix}{}.part", std::process::id());
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let n = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = n.strip_prefix(&prefix).and_then(|r| r.strip_suffix(".part")) else { continue };
        if n != own && !pid.is_empty() && pid.chars().all(|c| c.is_ascii_digit()) && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The `SHA256SUMS` text: every file of the manifest plus the manifest itself.
pub fn sums_text(m: &Manifest, manifest_sha: &str) -> String {
    let mut s = String::new();
    for f in &m.files {
        s.push_str(&format!("{}  {}\n", f.sha256, f.path));
    }
    s.push_str(&format!("{manifest_sha}  {MANIFEST}\n"));
    s
}

/// Reads a key card written by [`Workspace::export_key_card`] (or any
/// minisign `.pub` file): the key, and the unit code its comment names, if any.
pub fn read_key_card(path: &Path) -> Result<(PublicKey, Option<String>)> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::new("err-open-file").arg("path", path.display().to_string()).io(e))?;
    let pk = PublicKey::parse(&text)?;
    let unit = text
        .lines()
        .next()
        .filter(|l| l.starts_with("untrusted comment:"))
        .and_then(|l| l.split(" — ").nth(1))
        .and_then(|r| r.split_whitespace().next())
        .map(str::to_owned);
    Ok((pk, unit))
}

// ---- verify ------------------------------------------------------------------

/// Where the public key to check a bundle with comes from.
pub enum KeySource<'a> {
    /// The registry of trusted keys in this installation's database.
    Registry(&'a Workspace),
    /// A key given by the user.
    Given(PublicKey),
}

/// A bundle that passed every check.
#[derive(Debug, Clone)]
pub struct Verified {
    pub path: PathBuf,
    pub manifest: Manifest,
    pub manifest_sha: String,
    pub key_id: String,
    pub progress: ProgressDoc,
}

/// The longest path inside a bundle, in bytes.
pub const MAX_ENTRY_NAME_BYTES: usize = 512;
/// The longest part of a path (a folder or file name), in bytes: what
/// Linux and Windows file systems accept for one name.
pub const MAX_NAME_PART_BYTES: usize = 255;

/// Checks a path inside a bundle: relative, no "..", no drive letters or
/// backslashes, no control characters, NFC, not too long. The one name rule:
/// export names its entries by it ([`EntryNames`]), verify and merge refuse
/// what breaks it.
pub fn check_entry_name(name: &str) -> Result<()> {
    let bad = |why: &str| Error::new("err-bundle-bad-name").arg("name", short_name(name)).arg("why", why.to_owned());
    if name.is_empty() {
        return Err(bad("empty"));
    }
    if name.len() > MAX_ENTRY_NAME_BYTES || name.split('/').any(|c| c.len() > MAX_NAME_PART_BYTES) {
        return Err(bad("length"));
    }
    if name.contains('\\') {
        return Err(bad("backslash"));
    }
    if name.starts_with('/') {
        return Err(bad("absolute"));
    }
    if name.contains(':') {
        return Err(bad("drive"));
    }
    if name.chars().any(|c| c.is_control()) {
        return Err(bad("control"));
    }
    if name.split('/').any(|c| c.is_empty() || c == "." || c == "..") {
        return Err(bad("traversal"));
    }
    if crate::text::nfc(name) != name {
        return Err(bad("normalization"));
    }
    Ok(())
}

/// Checks a file name a bundle gives (`file_name` in `progress.json`): the
/// rule of entry names, and one name only (no folder).
pub fn check_file_name(name: &str) -> Result<()> {
    if name.contains('/') {
        return Err(Error::new("err-bundle-bad-name").arg("name", short_name(name)).arg("why", "separator"));
    }
    check_entry_name(name)
}

/// Names a bundle's evidence entries: `evidence/{sha256[..16]}-{name}`, one
/// entry per content (two attachments of the same bytes share it), the name
/// made safe and short enough for [`check_entry_name`], and no two paths the
/// same ignoring case.
#[derive(Debug, Default)]
pub struct EntryNames {
    by_sha: BTreeMap<String, (String, String)>,
    folded: BTreeSet<String>,
}

impl EntryNames {
    /// The entry path for content `sha256` first attached as `file_name`,
    /// and the file name to record for this attachment (made safe).
    pub fn entry(&mut self, sha256: &str, file_name: &str) -> (String, String) {
        let clean = fit_name(&crate::evidence::safe_file_name(file_name), MAX_NAME_PART_BYTES - 17);
        if let Some((path, _)) = self.by_sha.get(sha256) {
            return (path.clone(), clean);
        }
        let mut path = format!("evidence/{}-{}", &sha256[..16.min(sha256.len())], clean);
        if self.folded.contains(&path.to_lowercase()) {
            // Two contents sharing 64 bits of hash: the whole hash tells them apart.
            let name = fit_name(&clean, MAX_NAME_PART_BYTES - 1 - sha256.len());
            path = format!("evidence/{sha256}-{name}");
        }
        self.folded.insert(path.to_lowercase());
        self.by_sha.insert(sha256.to_owned(), (path.clone(), clean.clone()));
        (path, clean)
    }
}

/// Shortens a file name to at most `max` bytes (NFC, whole characters),
/// keeping its extension when there is room.
fn fit_name(name: &str, max: usize) -> String {
    let name = crate::text::nfc(name);
    if name.len() <= max {
        return name;
    }
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 && name.len() - i <= 16 => (&name[..i], &name[i..]),
        _ => (name.as_str(), ""),
    };
    let room = max.saturating_sub(ext.len() + "…".len());
    let mut cut = room.min(stem.len());
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    // NFC of a cut NFC text can differ: shorten until it fits as NFC.
    loop {
        let out = crate::text::nfc(&format!("{}…{}", stem[..cut].trim_end(), ext));
        if out.len() <= max || cut == 0 {
            return out;
        }
        cut -= 1;
        while !stem.is_char_boundary(cut) {
            cut -= 1;
        }
    }
}

/// Refuses a period outside the plan's year (`2024Q1` or `1999Q1` for a 2023 plan).
pub fn check_period_in_plan(plan: &crate::domain::Plan, period: Period) -> Result<()> {
    if period.year != plan.year {
        return Err(Error::new("err-period-outside-plan").arg("period", period.to_string()).arg("year", plan.year.to_string()));
    }
    Ok(())
}

/// Streams one entry, checking its size and SHA-256 against the manifest.
fn check_entry_hash<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>, fe: &FileEntry) -> Result<()> {
    let mut f = zip.by_name(&fe.path).map_err(|_| Error::new("err-bundle-missing").arg("name", short_name(&fe.path)))?;
    let mut buf = vec![0u8; 1 << 20];
    let mut h = Sha256::new();
    let mut n: u64 = 0;
    loop {
        let k = f.read(&mut buf).map_err(|e| entry_read_err(&fe.path, e))?;
        if k == 0 {
            break;
        }
        n += k as u64;
        if n > fe.size {
            return Err(Error::new("err-bundle-file-changed").arg("name", fe.path.clone()));
        }
        h.update(&buf[..k]);
    }
    if n != fe.size || crate::util::hex(&h.finalize()) != fe.sha256 {
        return Err(Error::new("err-bundle-file-changed").arg("name", fe.path.clone()));
    }
    Ok(())
}

/// The first name listed twice in the central directory that starts at
/// `start` in the zip file at `path` (read as the format describes it:
/// 46-byte headers, each followed by its name, extra field and comment).
fn duplicate_name(path: &Path, start: u64) -> Option<String> {
    use std::io::Seek;
    let mut r = std::io::BufReader::new(File::open(path).ok()?);
    r.seek(std::io::SeekFrom::Start(start)).ok()?;
    let mut seen = BTreeSet::new();
    for _ in 0..=MAX_ENTRIES {
        let mut head = [0u8; 46];
        r.read_exact(&mut head).ok()?;
        if head[..4] != [0x50, 0x4b, 0x01, 0x02] {
            return None;
        }
        let len = |at: usize| u16::from_le_bytes([head[at], head[at + 1]]) as usize;
        let mut name = vec![0u8; len(28)];
        r.read_exact(&mut name).ok()?;
        r.seek(std::io::SeekFrom::Current((len(30) + len(32)) as i64)).ok()?;
        if !seen.insert(name.clone()) {
            return Some(String::from_utf8_lossy(&name).into_owned());
        }
    }
    None
}

/// Checks the size and SHA-256 of every evidence file a manifest lists.
fn check_evidence_hashes(path: &Path, m: &Manifest) -> Result<()> {
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(File::open(path)?)).map_err(zip_err)?;
    for fe in m.files.iter().filter(|f| f.path.starts_with("evidence/")) {
        check_entry_hash(&mut zip, fe)?;
    }
    Ok(())
}

/// Reads one entry wholly, refusing more than `limit` bytes.
fn read_entry_limited<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>, name: &str, limit: u64) -> Result<Vec<u8>> {
    let mut f = zip
        .by_name(name)
        .map_err(|_| Error::new("err-bundle-missing").arg("name", name))?;
    if f.size() > limit {
        return Err(Error::new("err-bundle-oversize").arg("name", short_name(&name)));
    }
    let mut buf = Vec::with_capacity(f.size() as usize);
    (&mut f)
        .take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| entry_read_err(name, e))?;
    if buf.len() as u64 > limit {
        return Err(Error::new("err-bundle-oversize").arg("name", short_name(&name)));
    }
    Ok(buf)
}

/// Verifies a bundle: structure, names, sizes, signature, every file's size
/// and SHA-256, no missing or extra file. The first problem found is the error.
pub fn verify(path: &Path, keys: &KeySource<'_>) -> Result<Verified> {
    verify_with(path, keys, true)
}

/// [`verify`]; with `deep` false the evidence files' hashes are left for the
/// merge to check as it stores them (one read instead of two; a mismatch
/// then rolls the merge back).
fn verify_with(path: &Path, keys: &KeySource<'_>, deep: bool) -> Result<Verified> {
    let (manifest, manifest_sha, key_hex, mut zip) = verify_package(path, keys, FORMAT, deep)?;
    let progress_bytes = read_entry_limited(&mut zip, PROGRESS, MAX_JSON_BYTES)?;
    let progress: ProgressDoc = serde_json::from_slice(&progress_bytes).map_err(|e| json_err(PROGRESS, e))?;
    if progress.unit_code != manifest.unit_code || progress.plan_id != manifest.plan_id || progress.period != manifest.period {
        return Err(Error::new("err-bundle-file-changed").arg("name", PROGRESS));
    }
    Period::parse(&manifest.period)?;
    for doc in std::iter::once(&progress).chain(progress.units.iter()) {
        if doc.plan_id != manifest.plan_id || doc.period != manifest.period || !doc.units.is_empty() && doc.unit_code != manifest.unit_code {
            return Err(Error::new("err-bundle-file-changed").arg("name", PROGRESS));
        }
        for e in &doc.evidence {
            if !manifest.files.iter().any(|f| f.path == e.path && f.sha256 == e.sha256) {
                return Err(Error::new("err-bundle-missing").arg("name", e.path.clone()));
            }
        }
    }
    Ok(Verified { path: path.to_owned(), manifest, manifest_sha, key_id: key_hex, progress })
}

type Package = (Manifest, String, String, zip::ZipArchive<std::io::BufReader<File>>);

/// The checks every signed package shares (bundles and plan packages):
/// structure, names, sizes, signature, every listed file's size and hash,
/// nothing missing or extra, SHA256SUMS.
fn verify_package(path: &Path, keys: &KeySource<'_>, format: &str, deep: bool) -> Result<Package> {
    let file = File::open(path).map_err(|e| {
        Error::new("err-open-file").arg("path", path.display().to_string()).arg("detail", crate::error::io_reason(&e)).with_source(e)
    })?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(zip_err)?;
    if zip.len() > MAX_ENTRIES {
        return Err(Error::new("err-bundle-too-many").arg("count", zip.len()));
    }
    if zip.has_duplicate_names() {
        // Name the file that is there twice (the zip reader keeps one of each name).
        let starts = [zip.central_directory_start(), zip.central_directory_start() + zip.offset()];
        let twice = starts.iter().find_map(|&at| duplicate_name(path, at)).unwrap_or_else(|| "?".to_owned());
        return Err(Error::new("err-bundle-duplicate").arg("name", short_name(&twice)));
    }
    let mut names = BTreeSet::new();
    let mut folded = BTreeSet::new();
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(zip_err)?;
        let name = std::str::from_utf8(f.name_raw())
            .map_err(|_| Error::new("err-bundle-bad-name").arg("name", short_name(&String::from_utf8_lossy(f.name_raw()))).arg("why", "utf-8"))?
            .to_owned();
        check_entry_name(&name)?;
        if f.is_dir() {
            return Err(Error::new("err-bundle-extra").arg("name", short_name(&name)));
        }
        if !names.insert(name.clone()) || !folded.insert(crate::text::nfc(&name).to_lowercase()) {
            return Err(Error::new("err-bundle-duplicate").arg("name", short_name(&name)));
        }
        let size = f.size();
        if size > MAX_ENTRY_BYTES {
            return Err(Error::new("err-bundle-oversize").arg("name", short_name(&name)));
        }
        if size > (1 << 20) && size / f.compressed_size().max(1) > MAX_RATIO {
            return Err(Error::new("err-bundle-bomb").arg("name", short_name(&name)));
        }
        total = total.saturating_add(size);
        if total > MAX_TOTAL_BYTES {
            return Err(Error::new("err-bundle-oversize").arg("name", short_name(&name)));
        }
    }
    let manifest_bytes = read_entry_limited(&mut zip, MANIFEST, MAX_JSON_BYTES)?;
    let sig = read_entry_limited(&mut zip, SIGNATURE, 4096)?;
    let sig = String::from_utf8(sig).map_err(|_| Error::new("err-bad-signature"))?;
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes)
        .map_err(|e| json_err(MANIFEST, e))?;
    if manifest.format != format || manifest.version != VERSION {
        return Err(Error::new("err-bundle-version").arg("version", manifest.version));
    }
    // A sequence is a count of exports: a huge one would poison the unit's later ones.
    if !(1..=MAX_SEQUENCE).contains(&manifest.sequence) {
        return Err(Error::new("err-bundle-sequence").arg("sequence", manifest.sequence.to_string()).arg("max", MAX_SEQUENCE));
    }
    let key_id = sign::minisig_key_id(&sig)?;
    let key_hex = sign::key_id_hex(&key_id);
    let key = match keys {
        KeySource::Given(k) => k.clone(),
        KeySource::Registry(ws) => match ws.store.key(&key_hex)? {
            // A retired key (replaced by a rotation) still verifies what it signed before.
            Some(k) if k.status == "trusted" || k.status == "retired" => {
                if k.unit != manifest.unit_code {
                    return Err(Error::new("err-bundle-key-unit")
                        .arg("fingerprint", sign::fingerprint(&key_id))
                        .arg("unit", k.unit)
                        .arg("claimed", manifest.unit_code.clone()));
                }
                PublicKey::parse(&k.public_key)?
            }
            // This installation's own key: a unit can check what it sent.
            None if ws.unit.as_deref() == Some(manifest.unit_code.as_str())
                && ws.own_public_key().is_some_and(|k| k.key_id == key_id) =>
            {
                ws.own_public_key().expect("checked above")
            }
            _ => {
                return Err(Error::new("err-bundle-unknown-key")
                    .arg("fingerprint", sign::fingerprint(&key_id))
                    .arg("unit", manifest.unit_code.clone()));
            }
        },
    };
    key.verify_minisig(&manifest_bytes, &sig)?;
    // Every listed file is there with its size and hash; nothing else is.
    let mut expected: BTreeSet<String> = [MANIFEST, SIGNATURE, SUMS].iter().map(|s| (*s).to_owned()).collect();
    for f in &manifest.files {
        check_entry_name(&f.path)?;
        if !expected.insert(f.path.clone()) {
            return Err(Error::new("err-bundle-duplicate").arg("name", f.path.clone()));
        }
    }
    if let Some(extra) = names.difference(&expected).next() {
        return Err(Error::new("err-bundle-extra").arg("name", short_name(extra)));
    }
    if let Some(missing) = expected.difference(&names).next() {
        return Err(Error::new("err-bundle-missing").arg("name", short_name(missing)));
    }
    for fe in &manifest.files {
        let f = zip.by_name(&fe.path).map_err(|_| Error::new("err-bundle-missing").arg("name", fe.path.clone()))?;
        if f.size() != fe.size {
            return Err(Error::new("err-bundle-file-changed").arg("name", fe.path.clone()));
        }
        drop(f);
        if deep || !fe.path.starts_with("evidence/") {
            check_entry_hash(&mut zip, fe)?;
        }
    }
    let manifest_sha = crate::util::sha256_hex(&manifest_bytes);
    let sums = read_entry_limited(&mut zip, SUMS, MAX_JSON_BYTES)?;
    if sums != sums_text(&manifest, &manifest_sha).as_bytes() {
        return Err(Error::new("err-bundle-file-changed").arg("name", SUMS));
    }
    Ok((manifest, manifest_sha, key_hex, zip))
}

// ---- merge -------------------------------------------------------------------

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MergeOutcome {
    Merged,
    AlreadyMerged,
    /// Older than the unit's current bundle: kept as history, flagged as a replay.
    Replay,
    /// Signed by a key not yet trusted: held until a person accepts the key.
    Quarantined,
}

impl Workspace {
    /// Verifies a bundle against the registry and merges it in one
    /// transaction. A rejected bundle changes nothing. With `dry_run` only
    /// the verdict is computed.
    pub fn merge_bundle(&mut self, path: &Path, dry_run: bool) -> Result<(MergeOutcome, Verified)> {
        let v = match verify_with(path, &KeySource::Registry(self), false) {
            Ok(v) => v,
            Err(e) if e.key == "err-bundle-unknown-key" => {
                // Check the bundle is at least consistent with the key it carries,
                // then quarantine that key with its fingerprint.
                let (v, key) = self.self_signed(path)?;
                self.check_unit(&v.manifest.unit_code)?;
                self.check_governed(&self.plan, &v.manifest.unit_code)?;
                if !dry_run && self.store.key(&v.key_id)?.is_none() {
                    self.store.put_key(&v.key_id, &v.manifest.unit_code, &key.to_base64(), "quarantined")?;
                }
                return Ok((MergeOutcome::Quarantined, v));
            }
            Err(e) => return Err(e),
        };
        let m = &v.manifest;
        self.check_unit(&m.unit_code)?;
        let plan = match self.store.plan_source(&m.plan_id) {
            Ok(src) if src.id == self.plan.id => self.plan.clone(),
            Ok(src) => crate::plan::build(&src)?,
            Err(_) => return Err(Error::new("err-bundle-wrong-plan").arg("plan", m.plan_id.clone())),
        };
        self.check_governed(&plan, &m.unit_code)?;
        // From here the sender is known and governed: whatever is refused
        // is logged for its receipt (outside the rolled-back merge).
        match self.merge_governed(path, &v, &plan, dry_run) {
            Ok(outcome) => Ok((outcome, v)),
            Err(e) => {
                // A busy database is no verdict on the bundle: tried again later.
                if !dry_run && !e.is_busy() {
                    let entry = ReceiptEntry {
                        plan_id: m.plan_id.clone(),
                        period: m.period.clone(),
                        sequence: m.sequence,
                        manifest_sha: v.manifest_sha.clone(),
                        received_at: crate::store::now_stamp(),
                        verdict: Verdict::Rejected,
                        reason: e.message_in(self.documents_lang()),
                    };
                    // The refusal itself is what the caller must see, even if logging it failed.
                    let _ = self.store.log_receipt(&m.unit_code, &entry);
                }
                Err(e)
            }
        }
    }

    /// The merge proper of a verified bundle from a governed unit.
    fn merge_governed(&mut self, path: &Path, v: &Verified, plan: &crate::domain::Plan, dry_run: bool) -> Result<MergeOutcome> {
        let m = &v.manifest;
        // A consolidated bundle may only speak for units below its sender.
        let below: BTreeSet<String> = plan.subtree(&m.unit_code).iter().map(|u| u.code.clone()).collect();
        for child in &v.progress.units {
            if child.unit_code == m.unit_code || !below.contains(&child.unit_code) {
                return Err(Error::new("err-bundle-foreign-unit").arg("unit", child.unit_code.clone()).arg("sender", m.unit_code.clone()));
            }
        }
        // What the signed bundle says must make sense against the plan.
        let period = Period::parse(&m.period)?;
        check_period_in_plan(plan, period)?;
        for doc in std::iter::once(&v.progress).chain(v.progress.units.iter()) {
            check_claims(plan, period, doc)?;
        }
        let tx = self.store.begin_merge()?;
        let standing = tx.standing(&v.manifest_sha, &m.unit_code, &m.plan_id, &m.period, m.sequence)?;
        let outcome = match standing {
            Standing::AlreadyMerged => {
                // Same manifest, but this copy's evidence may be damaged: check
                // every byte before calling it the bundle already merged.
                check_evidence_hashes(path, m)?;
                return Ok(MergeOutcome::AlreadyMerged);
            }
            Standing::SequenceConflict => {
                return Err(Error::new("err-bundle-sequence-conflict").arg("unit", m.unit_code.clone()).arg("sequence", m.sequence));
            }
            Standing::Older => {
                // Kept as history only: its evidence is not stored, so check it now.
                check_evidence_hashes(path, m)?;
                MergeOutcome::Replay
            }
            Standing::Current => MergeOutcome::Merged,
        };
        if dry_run {
            return Ok(outcome);
        }
        let manifest_text = serde_json::to_string(m).expect("manifest serialises");
        let current = outcome == MergeOutcome::Merged;
        let verdict = match (current, tx.has_current(&m.unit_code, &m.plan_id, &m.period)?) {
            (false, _) => Verdict::Older,
            (true, true) => Verdict::Replaced,
            (true, false) => Verdict::Merged,
        };
        tx.log_receipt(
            &m.unit_code,
            &ReceiptEntry {
                plan_id: m.plan_id.clone(),
                period: m.period.clone(),
                sequence: m.sequence,
                manifest_sha: v.manifest_sha.clone(),
                received_at: crate::store::now_stamp(),
                verdict,
                reason: String::new(),
            },
        )?;
        let id = tx.log_bundle(&v.manifest_sha, &m.unit_code, &m.plan_id, &m.period, m.sequence, &v.key_id, &m.created_at, &manifest_text, current)?;
        if current {
            let file = File::open(path)?;
            let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(zip_err)?;
            let mut used = BTreeSet::new();
            for doc in std::iter::once(&v.progress).chain(v.progress.units.iter()) {
                merge_doc(&tx, id, &m.plan_id, &m.period, doc, &mut zip)?;
                used.extend(doc.evidence.iter().map(|e| e.path.as_str()));
            }
            // Listed files no document refers to are not stored, but still checked.
            for fe in m.files.iter().filter(|f| f.path.starts_with("evidence/") && !used.contains(f.path.as_str())) {
                check_entry_hash(&mut zip, fe)?;
            }
        }
        tx.commit()?;
        Ok(outcome)
    }

    /// Refuses a bundle from a unit this installation's unit does not govern
    /// (a unit below it in the plan): another commune's, a sibling
    /// department's or its own.
    fn check_governed(&self, plan: &crate::domain::Plan, sender: &str) -> Result<()> {
        let receiver = self.require_unit()?;
        if sender == receiver || !plan.subtree(receiver).iter().any(|u| u.code == sender) {
            return Err(Error::new("err-bundle-not-governed").arg("unit", sender).arg("receiver", receiver));
        }
        Ok(())
    }

    /// The trusted key of `unit` other than `key_id`, if it has one: a
    /// bundle signed by a new key while another is trusted is the case where
    /// a clerk must stop and phone the unit.
    pub fn other_trusted_key(&self, unit: &str, key_id: &str) -> Result<Option<String>> {
        Ok(self
            .store
            .keys()?
            .into_iter()
            .find(|k| k.unit == unit && k.status == "trusted" && k.key_id != key_id)
            .map(|k| sign::fingerprint_of_hex(&k.key_id)))
    }

    /// The language of the documents this installation makes for others (the
    /// bundle's report, its signature reason, the key card): the language the
    /// user chose, not the process's environment. Vietnamese until chosen.
    pub fn documents_lang(&self) -> crate::i18n::Lang {
        self.store.meta("lang").ok().flatten().and_then(|l| crate::i18n::Lang::from_code(&l)).unwrap_or_default()
    }

    /// The current merged data of every unit below `unit`, for a consolidated bundle.
    fn merged_children(&self, unit: &str, period: &str, quarters: &[String]) -> Result<Vec<ProgressDoc>> {
        let below: BTreeSet<String> = self.plan.subtree(unit).iter().filter(|u| u.code != unit).map(|u| u.code.clone()).collect();
        if below.is_empty() {
            return Ok(vec![]);
        }
        let mut docs: BTreeMap<String, ProgressDoc> = BTreeMap::new();
        let doc_of = |u: &str| -> ProgressDoc {
            ProgressDoc {
                unit_code: u.to_owned(),
                plan_id: self.plan.id.clone(),
                period: period.to_owned(),
                tasks: vec![],
                kpi: vec![],
                evidence: vec![],
                units: vec![],
            }
        };
        for t in self.store.merged_tasks(&self.plan.id)? {
            if t.period != period || !below.contains(&t.unit) {
                continue;
            }
            let mut state = TaskState::new(&t.task, &t.unit, crate::domain::Role::parse(&t.role).unwrap_or(crate::domain::Role::Coordinating));
            state.status = crate::domain::Status::parse(&t.status).unwrap_or_default();
            state.progress = t.progress.clamp(0, 100) as u8;
            state.note = t.note.clone();
            state.milestones_done = t
                .milestones
                .iter()
                .filter_map(|(d, on)| Some((d.parse().ok()?, on.parse().ok()?)))
                .collect();
            docs.entry(t.unit.clone()).or_insert_with(|| doc_of(&t.unit)).tasks.push(TaskEntry { state, history: vec![] });
        }
        for (u, q, target, n, d) in self.store.merged_kpis(&self.plan.id)? {
            if below.contains(&u) && quarters.contains(&q) {
                docs.entry(u.clone()).or_insert_with(|| doc_of(&u)).kpi.push(KpiEntry { target, quarter: q, numerator: n, denominator: d });
            }
        }
        for e in self.store.merged_evidence(&self.plan.id)? {
            if e.period != period || !below.contains(&e.unit) {
                continue;
            }
            docs.entry(e.unit.clone()).or_insert_with(|| doc_of(&e.unit)).evidence.push(EvidenceRef {
                task: e.task,
                path: String::new(), // named by the export, as its own evidence

                file_name: e.file_name,
                sha256: e.sha256,
                size: e.size,
                doc_type: e.doc_type,
                doc_number: e.doc_number,
                doc_date: e.doc_date,
                description: String::new(),
                milestone: None,
            });
        }
        Ok(docs.into_values().collect())
    }

    /// Verifies a bundle against the key its manifest carries.
    fn self_signed(&self, path: &Path) -> Result<(Verified, PublicKey)> {
        let file = File::open(path)?;
        let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(zip_err)?;
        let manifest_bytes = read_entry_limited(&mut zip, MANIFEST, MAX_JSON_BYTES)?;
        let manifest: Manifest = serde_json::from_slice(&manifest_bytes)
            .map_err(|e| json_err(MANIFEST, e))?;
        let key = PublicKey::parse(&manifest.public_key)?;
        let v = verify(path, &KeySource::Given(key.clone()))?;
        Ok((v, key))
    }

    /// Accepts a quarantined key (after a person compared its fingerprint).
    pub fn accept_key(&self, fingerprint_or_id: &str) -> Result<crate::store::bundles::KeyRecord> {
        let want = fingerprint_or_id.replace('-', "").to_ascii_uppercase();
        let k = self
            .store
            .keys()?
            .into_iter()
            .find(|k| k.key_id == want)
            .ok_or_else(|| Error::new("err-unknown-key").arg("fingerprint", fingerprint_or_id))?;
        self.store.put_key(&k.key_id, &k.unit, &k.public_key, "trusted")?;
        Ok(k)
    }
}

/// Checks every value one unit's part of a bundle claims against the plan:
/// known tasks assigned to that unit, progress 0–100, KPI figures of known
/// targets in the bundle's own quarters by the rule of typed figures, real
/// dates, known document types, safe file names. The first bad value is the
/// error, naming the field.
fn check_claims(plan: &crate::domain::Plan, period: Period, doc: &ProgressDoc) -> Result<()> {
    let unit = doc.unit_code.as_str();
    let bad = |field: String, value: String, why: &str| {
        Error::new("err-bundle-claim")
            .arg("unit", unit)
            .arg("field", short_name(&field))
            .arg("value", short_name(&value))
            .arg("why", why.to_owned())
            .arg("period", period.to_string())
    };
    if plan.unit(unit).is_none() {
        return Err(bad("unit_code".into(), unit.into(), "unit"));
    }
    let assigned = |field: String, task: &str| -> Result<()> {
        match plan.task(task) {
            None => Err(bad(field, task.into(), "unknown-task")),
            Some(t) if t.role_of(unit).is_none() => Err(bad(field, task.into(), "not-assigned")),
            Some(_) => Ok(()),
        }
    };
    let date = |field: String, value: &str| -> Result<()> {
        match chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d") {
            Ok(d) if d.to_string() == value => Ok(()),
            _ => Err(bad(field, value.into(), "date")),
        }
    };
    for t in &doc.tasks {
        let s = &t.state;
        assigned(format!("tasks[{}].task", s.task), &s.task)?;
        if s.unit != unit {
            return Err(bad(format!("tasks[{}].unit", s.task), s.unit.clone(), "unit"));
        }
        if s.progress > 100 {
            return Err(bad(format!("tasks[{}].progress", s.task), s.progress.to_string(), "progress"));
        }
    }
    let quarters = period.quarters();
    for k in &doc.kpi {
        let field = |name: &str| format!("kpi[{} {}].{name}", k.target, k.quarter);
        let target = plan.target(&k.target).ok_or_else(|| bad(field("target"), k.target.clone(), "unknown-target"))?;
        match Period::parse(&k.quarter) {
            Ok(q) if q.quarter.is_some() && q.to_string() == k.quarter => {
                if !quarters.contains(&q) {
                    return Err(bad(field("quarter"), k.quarter.clone(), "other-period"));
                }
            }
            _ => return Err(bad(field("quarter"), k.quarter.clone(), "quarter")),
        }
        let f = crate::domain::Figure { numerator: k.numerator, denominator: k.denominator };
        if let Some(problem) = f.problem(target.kind) {
            let value = format!("{} / {}", k.numerator, k.denominator);
            return Err(bad(field("numerator"), value, problem.code()));
        }
    }
    for e in &doc.evidence {
        let field = |name: &str| format!("evidence[{}].{name}", e.path);
        assigned(field("task"), &e.task)?;
        check_file_name(&e.file_name)?;
        if crate::evidence::DocType::parse(&e.doc_type).map(|d| d.as_str()) != Some(e.doc_type.as_str()) {
            return Err(bad(field("doc_type"), e.doc_type.clone(), "doc-type"));
        }
        if let Some(d) = &e.doc_date {
            date(field("doc_date"), d)?;
        }
        if let Some(d) = &e.milestone {
            date(field("milestone"), d)?;
        }
    }
    Ok(())
}

/// Merges one unit's part of a bundle (the sender's own, or a unit below it
/// in a consolidated bundle).
fn merge_doc<R: Read + std::io::Seek>(
    tx: &crate::store::bundles::MergeTx<'_>,
    bundle: i64,
    plan: &str,
    period: &str,
    doc: &ProgressDoc,
    zip: &mut zip::ZipArchive<R>,
) -> Result<()> {
    let mut counts: BTreeMap<&str, i64> = BTreeMap::new();
    for e in &doc.evidence {
        *counts.entry(e.task.as_str()).or_default() += 1;
    }
    for t in &doc.tasks {
        let s = &t.state;
        tx.add_task(bundle, plan, &MergedTask {
            unit: doc.unit_code.clone(),
            period: period.to_owned(),
            task: s.task.clone(),
            role: s.role.as_str().into(),
            status: s.status.as_str().into(),
            progress: s.progress as i64,
            note: s.note.clone(),
            milestones: s.milestones_done.iter().map(|(d, on)| (d.to_string(), on.to_string())).collect(),
            evidence_count: counts.get(s.task.as_str()).copied().unwrap_or(0),
        })?;
    }
    for k in &doc.kpi {
        tx.add_kpi(bundle, &doc.unit_code, plan, &k.quarter, &k.target, k.numerator, k.denominator)?;
    }
    for e in &doc.evidence {
        let mut f = zip.by_name(&e.path).map_err(|_| Error::new("err-bundle-missing").arg("name", e.path.clone()))?;
        let stored = tx
            .add_evidence(bundle, &doc.unit_code, &e.task, &mut f, &e.file_name, &e.doc_type, &e.doc_number, e.doc_date.as_deref())
            .map_err(|err| {
                // A read error here is the zip's own check failing: name the file.
                if err.key == "err-io" { Error::new("err-bundle-file-changed").arg("name", e.path.clone()) } else { err }
            })?;
        if stored.sha256 != e.sha256 {
            return Err(Error::new("err-bundle-file-changed").arg("name", e.path.clone()));
        }
    }
    Ok(())
}

// ---- plan distribution -----------------------------------------------------------

/// The format name of a signed plan package.
pub const PLAN_FORMAT: &str = "tiendo-plan";
pub const PLAN_FILE: &str = "plan.json";

/// Writes the common tail of every package: manifest, sums, signature.
fn finish_package<W: Write + std::io::Seek>(zip: &mut zip::ZipWriter<W>, manifest: &Manifest, key: &SecretKey, trusted: &str) -> Result<String> {
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let manifest_bytes = serde_json::to_vec_pretty(manifest).expect("manifest serialises");
    let sha = crate::util::sha256_hex(&manifest_bytes);
    zip.start_file(MANIFEST, opts).map_err(zip_err)?;
    zip.write_all(&manifest_bytes)?;
    zip.start_file(SUMS, opts).map_err(zip_err)?;
    zip.write_all(sums_text(manifest, &sha).as_bytes())?;
    zip.start_file(SIGNATURE, opts).map_err(zip_err)?;
    zip.write_all(key.sign_minisig(&manifest_bytes, trusted).as_bytes())?;
    Ok(sha)
}

/// A signed package holding one file (a plan, a receipt), built in memory:
/// its bytes and its manifest's SHA-256.
fn single_file_package(manifest: &Manifest, name: &str, bytes: &[u8], key: &SecretKey, trusted: &str) -> Result<(Vec<u8>, String)> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let sha = {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file(name, opts).map_err(zip_err)?;
        zip.write_all(bytes)?;
        let sha = finish_package(&mut zip, manifest, key, trusted)?;
        zip.finish().map_err(zip_err)?;
        sha
    };
    Ok((buf.into_inner(), sha))
}

impl Workspace {
    /// Exports the active plan as a signed plan package that units import.
    pub fn export_plan(&self, out: &Path) -> Result<Manifest> {
        let unit = self.require_unit()?.to_owned();
        let key = self.signing_key()?;
        let src = self.store.plan_source(&self.plan.id)?;
        let plan_json = serde_json::to_vec_pretty(&src).expect("plan serialises");
        let manifest = Manifest {
            format: PLAN_FORMAT.into(),
            version: VERSION,
            plan_id: self.plan.id.clone(),
            plan_hash: self.plan.hash.clone(),
            unit_code: unit.clone(),
            unit_name: self.plan.unit(&unit).map(|u| u.name.clone()).unwrap_or_default(),
            period: self.plan.year.to_string(),
            sequence: 1,
            created_at: crate::store::now_stamp(),
            app_version: env!("CARGO_PKG_VERSION").into(),
            previous: None,
            public_key: key.public().to_base64(),
            files: vec![FileEntry { path: PLAN_FILE.into(), size: plan_json.len() as u64, sha256: crate::util::sha256_hex(&plan_json) }],
        };
        let trusted = format!("plan:{} hash:{} file:{}", manifest.plan_id, manifest.plan_hash, MANIFEST);
        let (bytes, _) = single_file_package(&manifest, PLAN_FILE, &plan_json, &key, &trusted)?;
        crate::fsutil::write_atomic(out, |w| Ok(w.write_all(&bytes)?))?;
        Ok(manifest)
    }

    /// Verifies a plan package (signed by a trusted key, or `key` if given),
    /// installs the plan and makes it active. Progress already recorded for
    /// the same plan id is kept; tasks are matched by code.
    pub fn import_plan_package(&mut self, path: &Path, key: Option<PublicKey>) -> Result<crate::domain::Plan> {
        let src = self.read_plan_package(path, key)?;
        self.install_plan(&src)
    }

    /// The plan of a signed package, checked (signature, every file), not installed.
    pub fn read_plan_package(&self, path: &Path, key: Option<PublicKey>) -> Result<crate::plan::PlanSource> {
        let source = match key {
            Some(k) => KeySource::Given(k),
            None => KeySource::Registry(self),
        };
        let (manifest, _, _, mut zip) = verify_package(path, &source, PLAN_FORMAT, true)?;
        let bytes = read_entry_limited(&mut zip, PLAN_FILE, MAX_JSON_BYTES)?;
        let src: crate::plan::PlanSource = serde_json::from_slice(&bytes)
            .map_err(|e| json_err(PLAN_FILE, e))?;
        if src.id != manifest.plan_id || crate::plan::content_hash(&src) != manifest.plan_hash {
            return Err(Error::new("err-bundle-file-changed").arg("name", PLAN_FILE));
        }
        Ok(src)
    }
}
