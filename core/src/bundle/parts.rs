//! Parts for e-mail: a bundle too large for an attachment is cut into
//! signed parts (`X-ANT-2023Q1-lan-2.part1of3.zip` …), each a package of
//! its own (format `tiendo-bundle-part`) holding one slice of the bundle's
//! bytes and naming the set it belongs to. The parent office merges once
//! every part is there, in any order: the slices are joined, the whole
//! checked against its SHA-256, and the bundle merged as if sent whole.

use super::*;
use crate::store::blobs::TEMP_GRACE;

pub const PART_FORMAT: &str = "tiendo-bundle-part";
pub const PART_FILE: &str = "part.json";
/// The smallest part size accepted (a part carries about 3 KB of its own).
pub const MIN_PART_SIZE: u64 = 64 * 1024;
/// At most this many parts per bundle.
pub const MAX_PARTS: u32 = 10_000;
/// Room kept in each part for its own files (part.json, manifest, sums,
/// signature, zip headers): measured below 4 KiB.
const PART_OVERHEAD: u64 = 8 * 1024;
/// How the whole a set of parts is put back into, in the data folder while
/// it is merged, ends: ".<pid>-<manifest>.joined.zip".
const JOINED: &str = ".joined.zip";

/// `part.json`: which bundle a part belongs to and which slice it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartDoc {
    /// The bundle's file name, as exported ("X-ANT-2023Q1-lan-2.zip").
    pub bundle_name: String,
    pub unit_code: String,
    pub plan_id: String,
    pub period: String,
    pub sequence: i64,
    /// SHA-256 of the bundle's `manifest.json`: the set's identity.
    pub manifest_sha: String,
    /// 1-based.
    pub part: u32,
    pub parts: u32,
    /// Where the slice starts in the bundle file, and its length.
    pub offset: u64,
    pub size: u64,
    /// The whole bundle file's size and SHA-256.
    pub bundle_size: u64,
    pub bundle_sha256: String,
}

/// A part that passed its own checks (signature, hashes, part.json).
#[derive(Debug, Clone)]
pub struct Part {
    pub path: PathBuf,
    pub doc: PartDoc,
    /// The slice's entry in the part.
    pub chunk: FileEntry,
    pub key_id: String,
}

impl Part {
    /// The set a part belongs to, as grouped: unit, plan, period, sequence.
    fn set_key(&self) -> (String, String, String, i64) {
        (self.doc.unit_code.clone(), self.doc.plan_id.clone(), self.doc.period.clone(), self.doc.sequence)
    }

    /// What must be the same in every part of one set.
    fn identity(&self) -> (&str, u32, u64, &str) {
        (&self.doc.manifest_sha, self.doc.parts, self.doc.bundle_size, &self.doc.bundle_sha256)
    }

    fn file(&self) -> String {
        self.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    }
}

/// The parts given for one bundle (same unit, plan, period and sequence),
/// in part order; checked for completeness only when merged.
#[derive(Debug, Clone)]
pub struct PartSet {
    pub parts: Vec<Part>,
}

impl PartSet {
    /// "X-ANT-2023Q1-lan-2.zip": the bundle the parts make.
    pub fn name(&self) -> String {
        self.parts.first().map(|p| p.doc.bundle_name.clone()).unwrap_or_default()
    }

    /// How many parts the set has (as its parts say).
    pub fn count(&self) -> u32 {
        self.parts.first().map(|p| p.doc.parts).unwrap_or(0)
    }
}

/// Refuses a part size below [`MIN_PART_SIZE`].
pub fn check_part_size(max: u64) -> Result<()> {
    if max < MIN_PART_SIZE {
        return Err(Error::new("err-part-size-small").arg("size", max.to_string()).arg("min", MIN_PART_SIZE.to_string()));
    }
    Ok(())
}

/// Reads a size as a person writes it: "20MB", "20 MB", "2,5MB", "25MiB",
/// "500KB", "1GB" or a number of bytes. MB is 10⁶ bytes, MiB 2²⁰.
pub fn parse_size(text: &str) -> Result<u64> {
    let t = text.trim();
    let bad = || Error::new("err-part-size-bad").arg("value", short_name(text));
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let num: f64 = num.replace(',', ".").parse().map_err(|_| bad())?;
    let factor: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1048576.0,
        "gib" => 1073741824.0,
        _ => return Err(bad()),
    };
    let bytes = num * factor;
    if !bytes.is_finite() || bytes < 1.0 || bytes > MAX_TOTAL_BYTES as f64 {
        return Err(bad());
    }
    Ok(bytes as u64)
}

/// The name of part `i` of `n` of the bundle `out`: `X-ANT-2023Q1-lan-2.zip`
/// → `X-ANT-2023Q1-lan-2.part1of3.zip`.
pub fn part_path(out: &Path, i: u32, n: u32) -> PathBuf {
    let stem = out.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    out.with_file_name(format!("{stem}.part{i}of{n}.zip"))
}

/// The bundle a part's file name names: `X-ANT-2023Q1-lan-2.part1of3.zip`
/// → `X-ANT-2023Q1-lan-2`; none for another name. Only a hint to keep the
/// parts of one bundle together: the parts themselves say which set they are.
pub fn part_file_stem(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let base = name.strip_suffix(".zip").or_else(|| name.strip_suffix(".ZIP"))?;
    let (stem, tail) = base.rsplit_once(".part")?;
    let (i, n) = tail.split_once("of")?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(i) && digits(n)).then(|| stem.to_owned())
}

/// The files beside `path` named as parts of the same bundle (`path` itself
/// included), sorted; just `path` when it is not named as a part.
pub fn sibling_parts(path: &Path) -> Vec<PathBuf> {
    let Some(stem) = part_file_stem(path) else { return vec![path.to_owned()] };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.path()).filter(|p| p.is_file() && part_file_stem(p).as_deref() == Some(stem.as_str())).collect())
        .unwrap_or_default();
    if !found.iter().any(|p| p == path) {
        found.push(path.to_owned());
    }
    found.sort();
    found
}

/// Where a bundle to be split is written first: a hidden name beside `out`.
pub(super) fn hidden_whole_path(out: &Path) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    out.with_file_name(format!(".{name}.whole"))
}

/// The entry holding slice `i` in a part: "X-ANT-2023Q1-lan-2.zip.001".
fn chunk_name(bundle_name: &str, i: u32) -> String {
    format!("{}.{i:03}", fit_name(&crate::evidence::safe_file_name(bundle_name), 200))
}

/// Cuts the bundle file `whole` (manifest hash `manifest_sha`, file hash
/// `whole_sha`) into signed parts of at most `max` bytes beside `out`.
/// A part left by a failure is removed.
pub(super) fn write_parts(whole: &Path, out: &Path, max: u64, m: &Manifest, manifest_sha: &str, whole_sha: &str, key: &SecretKey) -> Result<Vec<PathBuf>> {
    let size = std::fs::metadata(whole)?.len();
    let room = max - PART_OVERHEAD;
    let n = size.div_ceil(room);
    if n > MAX_PARTS as u64 {
        return Err(Error::new("err-part-too-many").arg("count", n.to_string()).arg("max", MAX_PARTS));
    }
    let n = n as u32;
    let bundle_name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut src = std::io::BufReader::with_capacity(1 << 20, File::open(whole)?);
    let mut written = vec![];
    let result = (|| -> Result<()> {
        for i in 1..=n {
            let offset = (i as u64 - 1) * room;
            let len = room.min(size - offset);
            let doc = PartDoc {
                bundle_name: bundle_name.clone(),
                unit_code: m.unit_code.clone(),
                plan_id: m.plan_id.clone(),
                period: m.period.clone(),
                sequence: m.sequence,
                manifest_sha: manifest_sha.to_owned(),
                part: i,
                parts: n,
                offset,
                size: len,
                bundle_size: size,
                bundle_sha256: whole_sha.to_owned(),
            };
            let path = part_path(out, i, n);
            let src = &mut src;
            write_bundle_file(
                &path,
                |w| {
                    let mut zip = zip::ZipWriter::new_stream(w);
                    let deflate = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
                    let stored = zip::write::SimpleFileOptions::default()
                        .compression_method(zip::CompressionMethod::Stored)
                        .large_file(len >= (1 << 32) - 1);
                    let json = serde_json::to_vec_pretty(&doc).expect("part serialises");
                    zip.start_file(PART_FILE, deflate).map_err(zip_err)?;
                    zip.write_all(&json)?;
                    let name = chunk_name(&bundle_name, i);
                    zip.start_file(name.as_str(), stored).map_err(zip_err)?;
                    let mut sha = Sha256::new();
                    let mut left = len;
                    let mut buf = vec![0u8; 1 << 20];
                    while left > 0 {
                        let k = src.read(&mut buf[..left.min(1 << 20) as usize])?;
                        if k == 0 {
                            return Err(crate::error::Error::from(crate::error::BundleError::FileChanged { name: (bundle_name.clone()).into() }));
                        }
                        sha.update(&buf[..k]);
                        zip.write_all(&buf[..k])?;
                        left -= k as u64;
                    }
                    let manifest = Manifest {
                        format: PART_FORMAT.into(),
                        version: VERSION,
                        plan_id: m.plan_id.clone(),
                        plan_hash: m.plan_hash.clone(),
                        unit_code: m.unit_code.clone(),
                        unit_name: m.unit_name.clone(),
                        period: m.period.clone(),
                        sequence: m.sequence,
                        created_at: m.created_at.clone(),
                        app_version: m.app_version.clone(),
                        previous: None,
                        public_key: m.public_key.clone(),
                        files: vec![
                            FileEntry { path: PART_FILE.into(), size: json.len() as u64, sha256: crate::util::sha256_hex(&json) },
                            FileEntry { path: name, size: len, sha256: crate::util::hex(&sha.finalize()) },
                        ],
                        referenced: vec![],
                    };
                    let trusted = format!(
                        "part unit:{} period:{} sequence:{} part:{i}/{n} bundle:{} file:{}",
                        m.unit_code,
                        m.period,
                        m.sequence,
                        &manifest_sha[..16],
                        MANIFEST
                    );
                    finish_package(&mut zip, &manifest, key, &trusted)?;
                    zip.finish().map_err(zip_err)?;
                    Ok(())
                },
                |_| Ok(()),
            )?;
            written.push(path);
        }
        Ok(())
    })();
    match result {
        Ok(()) => Ok(written),
        Err(e) => {
            for p in &written {
                let _ = std::fs::remove_file(p);
            }
            Err(e)
        }
    }
}

/// The `format` a package's manifest claims (a bundle, a part, a receipt…),
/// read without checking anything: to route a file to the right reader.
pub fn package_format(path: &Path) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(File::open(path).ok()?)).ok()?;
    let bytes = read_entry_limited(&mut zip, MANIFEST, MAX_JSON_BYTES).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    v.get("format")?.as_str().map(str::to_owned)
}

/// Verifies one part alone: its signature (a key of the registry, or, for a
/// unit whose key is not yet trusted, the key it carries — the bundle the
/// parts make is then quarantined as a whole), every file's hash, and what
/// `part.json` says against the part's manifest.
pub fn read_part(path: &Path, keys: &KeySource<'_>) -> Result<Part> {
    let (manifest, _, key_id, mut zip) = match verify_package(path, keys, PART_FORMAT, true) {
        Err(e) if matches!(e.kind(), crate::error::Kind::Bundle(crate::error::BundleError::UnknownKey { .. })) && matches!(keys, KeySource::Registry(_)) => {
            let key = carried_key(path)?;
            verify_package(path, &KeySource::Given(key), PART_FORMAT, true)?
        }
        other => other?,
    };
    let bytes = read_entry_limited(&mut zip, PART_FILE, MAX_JSON_BYTES)?;
    let doc: PartDoc = serde_json::from_slice(&bytes).map_err(|e| json_err(PART_FILE, e))?;
    let changed = || crate::error::Error::from(crate::error::BundleError::FileChanged { name: (PART_FILE).into() });
    let chunk = manifest.files.iter().find(|f| f.path != PART_FILE).cloned().ok_or_else(changed)?;
    let consistent = doc.unit_code == manifest.unit_code
        && doc.plan_id == manifest.plan_id
        && doc.period == manifest.period
        && doc.sequence == manifest.sequence
        && manifest.files.len() == 2
        && (1..=doc.parts).contains(&doc.part)
        && doc.parts <= MAX_PARTS
        && chunk.path == chunk_name(&doc.bundle_name, doc.part)
        && chunk.size == doc.size
        && doc.offset.checked_add(doc.size).is_some_and(|end| end <= doc.bundle_size)
        && doc.bundle_size <= MAX_TOTAL_BYTES;
    if !consistent {
        return Err(changed());
    }
    Ok(Part { path: path.to_owned(), doc, chunk, key_id })
}

/// Groups parts by the bundle they belong to (unit, plan, period,
/// sequence), each group in part order.
pub fn group_parts(parts: Vec<Part>) -> Vec<PartSet> {
    let mut by: BTreeMap<(String, String, String, i64), Vec<Part>> = BTreeMap::new();
    for p in parts {
        by.entry(p.set_key()).or_default().push(p);
    }
    by.into_values()
        .map(|mut parts| {
            parts.sort_by(|a, b| (a.doc.part, &a.path).cmp(&(b.doc.part, &b.path)));
            PartSet { parts }
        })
        .collect()
}

impl Workspace {
    /// Merges the bundle a set of parts makes: refused, with nothing
    /// changed, when a part is foreign (another bundle of the same unit and
    /// sequence) or given twice, or when a part is missing (named); then the
    /// parts are joined, the whole is checked against its SHA-256 and merged
    /// as [`Workspace::merge_bundle`] does. The verdict's path is the first part's.
    pub fn merge_parts(&mut self, set: &PartSet, dry_run: bool) -> Result<(MergeOutcome, Verified)> {
        let name = set.name();
        // The identity most parts share is the set's; a part with another is foreign.
        let mut votes: BTreeMap<(&str, u32, u64, &str), usize> = BTreeMap::new();
        for p in &set.parts {
            *votes.entry(p.identity()).or_default() += 1;
        }
        let Some((&ident, _)) = votes.iter().max_by_key(|(_, n)| **n) else {
            return Err(crate::error::Error::from(crate::error::UsageError::Missing { what: ("FILE.zip").into() }));
        };
        if let Some(foreign) = set.parts.iter().find(|p| p.identity() != ident) {
            return Err(Error::new("err-part-foreign").arg("file", foreign.file()).arg("bundle", name));
        }
        let count = ident.1;
        for w in set.parts.windows(2) {
            if w[0].doc.part == w[1].doc.part {
                return Err(Error::new("err-part-duplicate")
                    .arg("part", w[0].doc.part)
                    .arg("count", count)
                    .arg("files", format!("{}, {}", w[0].file(), w[1].file())));
            }
        }
        let have: BTreeSet<u32> = set.parts.iter().map(|p| p.doc.part).collect();
        let missing: Vec<String> = (1..=count).filter(|i| !have.contains(i)).map(|i| i.to_string()).collect();
        if !missing.is_empty() {
            return Err(Error::new("err-part-missing")
                .arg("missing", missing.join(", "))
                .arg("count", count)
                .arg("bundle", name)
                .arg("n", missing.len()));
        }
        // The slices must tile the bundle exactly.
        let mut at = 0u64;
        for p in &set.parts {
            if p.doc.offset != at {
                return Err(crate::error::Error::from(crate::error::BundleError::FileChanged { name: (format!("{} ({PART_FILE})", p.file())).into() }));
            }
            at += p.doc.size;
        }
        if at != ident.2 {
            return Err(crate::error::Error::from(crate::error::BundleError::FileChanged { name: (format!("{} ({PART_FILE})", set.parts[count as usize - 1].file())).into() }));
        }
        let dir = self.data_folder().unwrap_or_else(|_| std::env::temp_dir());
        let whole = dir.join(format!(".{}-{}{JOINED}", std::process::id(), &ident.0[..16.min(ident.0.len())]));
        let result = (|| -> Result<(MergeOutcome, Verified)> {
            join_parts(set, &whole, ident.3)?;
            let (outcome, mut v) = self.merge_bundle(&whole, dry_run)?;
            if v.manifest_sha != ident.0 {
                // The parts named another manifest than the one they made.
                return Err(crate::error::Error::from(crate::error::BundleError::FileChanged { name: (format!("{} ({PART_FILE})", set.parts[0].file())).into() }));
            }
            v.path = set.parts[0].path.clone();
            Ok((outcome, v))
        })();
        let _ = std::fs::remove_file(&whole);
        result
    }
}

/// Removes from the data folder `dir` the wholes a merge of parts left
/// behind when the program was killed while it joined or merged them: files
/// named like one that nobody has written to for [`TEMP_GRACE`] (a merge
/// running in another window or command is never that old). Returns how many went.
pub fn sweep_joined(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with('.') && name.ends_with(JOINED)) {
            continue;
        }
        let idle = entry.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok()).is_some_and(|age| age > TEMP_GRACE);
        if idle && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Writes the slices of `set` in order to `out`, checking the whole's SHA-256.
fn join_parts(set: &PartSet, out: &Path, sha: &str) -> Result<()> {
    let file = File::create(out).map_err(|e| crate::error::IoError::write_file(out.display().to_string(), e))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    for p in &set.parts {
        let mut zip = zip::ZipArchive::new(std::io::BufReader::new(File::open(&p.path)?)).map_err(zip_err)?;
        let mut f = zip.by_name(&p.chunk.path).map_err(|_| crate::error::Error::from(crate::error::BundleError::Missing { name: (short_name(&p.chunk.path)).into() }))?;
        let mut n = 0u64;
        loop {
            let k = f.read(&mut buf).map_err(|e| entry_read_err(&p.chunk.path, e))?;
            if k == 0 {
                break;
            }
            n += k as u64;
            h.update(&buf[..k]);
            w.write_all(&buf[..k])?;
        }
        if n != p.doc.size {
            return Err(crate::error::Error::from(crate::error::BundleError::FileChanged { name: (p.file()).into() }));
        }
    }
    w.flush()?;
    if crate::util::hex(&h.finalize()) != sha {
        return Err(Error::new("err-part-whole-changed").arg("bundle", set.name()));
    }
    Ok(())
}
