//! Checking a package: structure, names, sizes, signature and hashes.

use super::*;

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

/// Refuses a period outside the plan's year (`2024Q1` or `1999Q1` for a 2023 plan).
pub fn check_period_in_plan(plan: &crate::domain::Plan, period: Period) -> Result<()> {
    if period.year != plan.year {
        return Err(Error::new("err-period-outside-plan").arg("period", period.to_string()).arg("year", plan.year.to_string()));
    }
    Ok(())
}

/// Streams one entry, checking its size and SHA-256 against the manifest.
pub(super) fn check_entry_hash<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>, fe: &FileEntry) -> Result<()> {
    let mut f = zip.by_name(&fe.path).map_err(|_| Error::from(BundleError::Missing { name: short_name(&fe.path) }))?;
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
            return Err(Error::from(BundleError::FileChanged { name: fe.path.clone() }));
        }
        h.update(&buf[..k]);
    }
    if n != fe.size || crate::util::hex(&h.finalize()) != fe.sha256 {
        return Err(Error::from(BundleError::FileChanged { name: fe.path.clone() }));
    }
    Ok(())
}

/// The first name listed twice in the central directory that starts at
/// `start` in the zip file at `path` (read as the format describes it:
/// 46-byte headers, each followed by its name, extra field and comment).
pub(super) fn duplicate_name(path: &Path, start: u64) -> Option<String> {
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
pub(super) fn check_evidence_hashes(path: &Path, m: &Manifest) -> Result<()> {
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(File::open(path)?)).map_err(zip_err)?;
    for fe in m.files.iter().filter(|f| f.path.starts_with("evidence/")) {
        check_entry_hash(&mut zip, fe)?;
    }
    Ok(())
}

/// Reads one entry wholly, refusing more than `limit` bytes.
pub(super) fn read_entry_limited<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>, name: &str, limit: u64) -> Result<Vec<u8>> {
    let mut f = zip
        .by_name(name)
        .map_err(|_| Error::from(BundleError::Missing { name: name.into() }))?;
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
pub(super) fn verify_with(path: &Path, keys: &KeySource<'_>, deep: bool) -> Result<Verified> {
    let (manifest, manifest_sha, key_hex, mut zip) = verify_package(path, keys, FORMAT, deep)?;
    let progress_bytes = read_entry_limited(&mut zip, PROGRESS, MAX_JSON_BYTES)?;
    let progress: ProgressDoc = serde_json::from_slice(&progress_bytes).map_err(|e| json_err(PROGRESS, e))?;
    if progress.unit_code != manifest.unit_code || progress.plan_id != manifest.plan_id || progress.period != manifest.period {
        return Err(Error::from(BundleError::FileChanged { name: PROGRESS.into() }));
    }
    Period::parse(&manifest.period)?;
    for doc in std::iter::once(&progress).chain(progress.units.iter()) {
        if doc.plan_id != manifest.plan_id || doc.period != manifest.period || !doc.units.is_empty() && doc.unit_code != manifest.unit_code {
            return Err(Error::from(BundleError::FileChanged { name: PROGRESS.into() }));
        }
        for e in &doc.evidence {
            if !manifest.files.iter().chain(manifest.referenced.iter()).any(|f| f.path == e.path && f.sha256 == e.sha256) {
                return Err(Error::from(BundleError::Missing { name: e.path.clone() }));
            }
        }
    }
    Ok(Verified { path: path.to_owned(), manifest, manifest_sha, key_id: key_hex, progress })
}

pub(super) type Package = (Manifest, String, String, zip::ZipArchive<std::io::BufReader<File>>);

/// The checks every signed package shares (bundles and plan packages):
/// structure, names, sizes, signature, every listed file's size and hash,
/// nothing missing or extra, SHA256SUMS.
pub(super) fn verify_package(path: &Path, keys: &KeySource<'_>, format: &str, deep: bool) -> Result<Package> {
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
    // Version 2 (a bundle referencing evidence the parent holds) exists for bundles only.
    let incremental = format == FORMAT && manifest.version == VERSION_INCREMENTAL;
    if manifest.format != format || manifest.version != VERSION && !incremental {
        return Err(Error::new("err-bundle-version").arg("version", manifest.version));
    }
    if !incremental && !manifest.referenced.is_empty() {
        return Err(crate::error::Error::from(crate::error::BundleError::FileChanged { name: (MANIFEST).into() }));
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
                return Err(Error::from(BundleError::UnknownKey { fingerprint: sign::fingerprint(&key_id), unit: manifest.unit_code.clone() }));
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
    // Referenced documents: evidence names, not in the zip, each once.
    let mut referenced = BTreeSet::new();
    for f in &manifest.referenced {
        check_entry_name(&f.path)?;
        let hex_ok = f.sha256.len() == 64 && f.sha256.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if !f.path.starts_with("evidence/") || !hex_ok {
            return Err(crate::error::Error::from(crate::error::BundleError::FileChanged { name: (MANIFEST).into() }));
        }
        if expected.contains(&f.path) || !referenced.insert(f.path.clone()) {
            return Err(Error::new("err-bundle-duplicate").arg("name", short_name(&f.path)));
        }
    }
    if let Some(extra) = names.difference(&expected).next() {
        return Err(Error::new("err-bundle-extra").arg("name", short_name(extra)));
    }
    if let Some(missing) = expected.difference(&names).next() {
        return Err(Error::from(BundleError::Missing { name: short_name(missing) }));
    }
    for fe in &manifest.files {
        let f = zip.by_name(&fe.path).map_err(|_| Error::from(BundleError::Missing { name: fe.path.clone() }))?;
        if f.size() != fe.size {
            return Err(Error::from(BundleError::FileChanged { name: fe.path.clone() }));
        }
        drop(f);
        if deep || !fe.path.starts_with("evidence/") {
            check_entry_hash(&mut zip, fe)?;
        }
    }
    let manifest_sha = crate::util::sha256_hex(&manifest_bytes);
    let sums = read_entry_limited(&mut zip, SUMS, MAX_JSON_BYTES)?;
    if sums != sums_text(&manifest, &manifest_sha).as_bytes() {
        return Err(Error::from(BundleError::FileChanged { name: SUMS.into() }));
    }
    Ok((manifest, manifest_sha, key_hex, zip))
}

/// The public key a package's manifest carries.
pub(super) fn carried_key(path: &Path) -> Result<PublicKey> {
    let file = File::open(path)?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(zip_err)?;
    let manifest_bytes = read_entry_limited(&mut zip, MANIFEST, MAX_JSON_BYTES)?;
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes).map_err(|e| json_err(MANIFEST, e))?;
    PublicKey::parse(&manifest.public_key)
}
