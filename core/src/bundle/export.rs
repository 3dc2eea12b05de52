//! Writing a unit's signed bundle for a period.

use super::*;

/// How a bundle is exported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Carry every evidence file, even those the parent office acknowledged.
    pub full: bool,
    /// Split the bundle into signed parts of at most this many bytes each
    /// (`X-ANT-2023Q1-lan-2.part1of3.zip` …) when it is larger.
    pub max_part_size: Option<u64>,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct BundleExport {
    pub manifest: Manifest,
    /// The bundle, or its parts in order.
    pub files: Vec<PathBuf>,
    /// The size of those files: what is sent.
    pub bytes: u64,
}

impl BundleExport {
    /// Evidence documents referenced (held by the parent office), not carried.
    pub fn referenced(&self) -> usize {
        self.manifest.referenced.len()
    }
}

impl Workspace {
    // ---- export --------------------------------------------------------------

    /// Exports this unit's signed bundle for `period` to `out` (written to a
    /// temporary name, renamed when complete), incremental when a receipt
    /// allows it, in one file. `progress(done, total)` is called as bytes
    /// are written.
    pub fn export_bundle(&self, period: Period, out: &Path, progress: &mut dyn FnMut(u64, u64)) -> Result<Manifest> {
        Ok(self.export_bundle_with(period, out, &ExportOptions::default(), progress)?.manifest)
    }

    /// Evidence the parent office holds, as far as this unit knows: the
    /// evidence (carried or referenced) of the newest bundle of each period
    /// that an imported receipt says was merged. SHA-256 → size. Bundles
    /// exported before their manifests were kept count as unknown.
    pub fn acknowledged_evidence(&self) -> Result<BTreeMap<String, u64>> {
        let mut held = BTreeMap::new();
        let Some(unit) = self.unit.as_deref() else { return Ok(held) };
        let mut newest: BTreeMap<String, (i64, String)> = BTreeMap::new();
        for r in self.store.receipts_in(unit)? {
            let Ok(doc) = serde_json::from_str::<receipt::ReceiptDoc>(&r.body) else { continue };
            for e in doc.entries {
                if e.plan_id != self.plan.id || !matches!(e.verdict, Verdict::Merged | Verdict::Replaced) {
                    continue;
                }
                let slot = newest.entry(e.period.clone()).or_insert((e.sequence, e.manifest_sha.clone()));
                if e.sequence > slot.0 {
                    *slot = (e.sequence, e.manifest_sha);
                }
            }
        }
        for (_, sha) in newest.into_values() {
            let Some(text) = self.store.export_manifest(&sha)? else { continue };
            let Ok(m) = serde_json::from_str::<Manifest>(&text) else { continue };
            if m.unit_code != unit || m.plan_id != self.plan.id {
                continue;
            }
            for f in m.files.iter().filter(|f| f.path.starts_with("evidence/")).chain(m.referenced.iter()) {
                held.insert(f.sha256.clone(), f.size);
            }
        }
        Ok(held)
    }

    /// Exports this unit's signed bundle for `period` to `out` as `opts`
    /// says: evidence the parent office acknowledged is referenced by hash
    /// unless `full`; split into parts beside `out` when larger than
    /// `max_part_size`.
    pub fn export_bundle_with(&self, period: Period, out: &Path, opts: &ExportOptions, progress: &mut dyn FnMut(u64, u64)) -> Result<BundleExport> {
        if let Some(max) = opts.max_part_size {
            check_part_size(max)?;
        }
        let acknowledged = if opts.full { BTreeMap::new() } else { self.acknowledged_evidence()? };
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
        let answers = self.answers()?;
        let mut doc = ProgressDoc { unit_code: unit.clone(), plan_id: self.plan.id.clone(), period: period_s.clone(), tasks, kpi, evidence, units, answers };
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
        let reason = crate::i18n::ta(lang, "pdf-sign-reason", &[("period", period_s.as_str().into())]);
        let report_pdf = self.pdf_signer()?.sign(&report_pdf, &unit_name, &reason)?;
        // Evidence the parent office holds is named, not carried.
        let mut referenced: BTreeMap<String, FileEntry> = BTreeMap::new();
        let mut sizes: BTreeMap<&str, u64> = BTreeMap::new();
        for e in doc.evidence.iter().chain(doc.units.iter().flat_map(|u| u.evidence.iter())) {
            if acknowledged.get(&e.sha256) == Some(&e.size) {
                referenced.insert(e.path.clone(), FileEntry { path: e.path.clone(), size: e.size, sha256: e.sha256.clone() });
            } else {
                sizes.insert(e.path.as_str(), e.size);
            }
        }
        let referenced: Vec<FileEntry> = referenced.into_values().collect();
        let total: u64 = sizes.values().sum::<u64>()
            + progress_json.len() as u64
            + report_pdf.len() as u64;

        let mut files = vec![];
        let mut done = 0u64;
        let write = |w: &mut dyn Write| -> Result<(Manifest, String, String)> {
            let mut hashed = HashingWriter { inner: w, sha: Sha256::new() };
            let mut zip = zip::ZipWriter::new_stream(&mut hashed);
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
                if !written.insert(e.path.clone()) || !sizes.contains_key(e.path.as_str()) {
                    continue; // the same file proves two tasks: stored once; or referenced
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
                version: if referenced.is_empty() { VERSION } else { VERSION_INCREMENTAL },
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
                referenced: referenced.clone(),
            };
            let trusted = format!("unit:{} period:{} sequence:{} file:{}", unit, period_s, sequence, MANIFEST);
            let sha = finish_package(&mut zip, &manifest, &key, &trusted)?;
            zip.finish().map_err(zip_err)?;
            Ok((manifest, sha, crate::util::hex(&hashed.sha.finalize())))
        };
        // The export is recorded once the file is complete, before it gets its name.
        let record = |(m, sha, _): &(Manifest, String, String)| {
            self.store.record_export_manifest(&unit, &period_s, sequence, sha, &serde_json::to_string(m).expect("manifest serialises"))
        };
        let Some(max) = opts.max_part_size else {
            let (manifest, _, _) = write_bundle_file(out, write, record)?;
            let bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
            return Ok(BundleExport { manifest, files: vec![out.to_owned()], bytes });
        };
        // Split: the whole bundle first under a hidden name beside `out`, then its parts.
        let whole = hidden_whole_path(out);
        let (manifest, manifest_sha, whole_sha) = write_bundle_file(&whole, write, record).map_err(|mut e| {
            // A full or read-only folder is reported with the name the user chose.
            for (k, v) in e.args.iter_mut() {
                if *k == "path" {
                    *v = out.display().to_string().into();
                }
            }
            e
        })?;
        let result = (|| -> Result<BundleExport> {
            let size = std::fs::metadata(&whole)?.len();
            if size <= max {
                std::fs::rename(&whole, out).map_err(|e| crate::error::IoError::write_file(out.display().to_string(), e))?;
                return Ok(BundleExport { manifest: manifest.clone(), files: vec![out.to_owned()], bytes: size });
            }
            let files = write_parts(&whole, out, max, &manifest, &manifest_sha, &whole_sha, &key)?;
            let bytes = files.iter().map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)).sum();
            Ok(BundleExport { manifest: manifest.clone(), files, bytes })
        })();
        let _ = std::fs::remove_file(&whole);
        result
    }
}

/// A writer that hashes what passes through it (the whole bundle's SHA-256,
/// named by its parts).
struct HashingWriter<W: Write> {
    inner: W,
    sha: Sha256,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.sha.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
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
pub(super) fn write_bundle_file<T>(
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
            IoError::write_file(out.display().to_string(), e)
        })?;
        let mut w = Watched { inner: std::io::BufWriter::with_capacity(1 << 20, file), failed: &mut failed_io };
        let value = write(&mut w)?;
        w.flush()?;
        let file = w.inner.into_inner().map_err(|e| Error::from(e.into_error()))?;
        file.sync_all().inspect_err(|e| *w.failed = Some(e.kind()))?;
        drop(file);
        before_rename(&value)?;
        std::fs::rename(&tmp, out)
            .map_err(|e| IoError::write_file(out.display().to_string(), e))?;
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
                    Error::from(IoError::TargetFull { path })
                }
                Some(std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied) => {
                    Error::from(IoError::TargetReadOnly { path })
                }
                Some(_) => match e.kind() {
                    Kind::Io(IoError::Failed { detail }) => Error::from(IoError::WriteFile { path, detail: detail.clone() }),
                    Kind::Bundle(BundleError::Corrupt) => {
                        Error::from(IoError::WriteFile { path, detail: crate::i18n::Arg::Msg("io-other") })
                    }
                    _ => e,
                },
                None => e,
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
pub(super) fn remove_stale_parts(out: &Path) {
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
