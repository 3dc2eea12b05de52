//! Signed packages holding one file (plans, receipts) and plan distribution.

use super::*;

// ---- plan distribution -----------------------------------------------------------

/// The format name of a signed plan package.
pub const PLAN_FORMAT: &str = "tiendo-plan";
pub const PLAN_FILE: &str = "plan.json";

/// Writes the common tail of every package: manifest, sums, signature.
pub(super) fn finish_package<W: Write + std::io::Seek>(zip: &mut zip::ZipWriter<W>, manifest: &Manifest, key: &SecretKey, trusted: &str) -> Result<String> {
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
pub(super) fn single_file_package(manifest: &Manifest, name: &str, bytes: &[u8], key: &SecretKey, trusted: &str) -> Result<(Vec<u8>, String)> {
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
            return Err(Error::from(BundleError::FileChanged { name: PLAN_FILE.into() }));
        }
        Ok(src)
    }
}
