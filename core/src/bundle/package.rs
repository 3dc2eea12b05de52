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
            referenced: vec![],
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
    ///
    /// With `key` (the parent office's key, from its key card or read out on
    /// the phone and compared), that key is then trusted as the signer's:
    /// its receipts and review requests are accepted from then on.
    pub fn import_plan_package(&mut self, path: &Path, key: Option<PublicKey>) -> Result<crate::domain::Plan> {
        let (src, signer) = self.read_plan_package(path, key.clone())?;
        self.adopt_plan_package(&src, &signer, key)
    }

    /// Installs a plan read by [`Workspace::read_plan_package`]; with `key`
    /// given, trusts it as `signer`'s (see [`Workspace::import_plan_package`]).
    pub fn adopt_plan_package(&mut self, src: &crate::plan::PlanSource, signer: &str, key: Option<PublicKey>) -> Result<crate::domain::Plan> {
        let plan = self.install_plan(src)?;
        if let Some(k) = key
            && self.plan.unit(signer).is_some()
        {
            self.trust_key(signer, &k)?;
        }
        Ok(plan)
    }

    /// Who signed a plan package, as it says itself: the office's code and
    /// name and the key it carries, checked against the package (every file,
    /// the signature). Nothing is trusted by this: the clerk compares the
    /// key's fingerprint with the parent office's before importing with it.
    pub fn plan_package_signer(&self, path: &Path) -> Result<(String, String, PublicKey)> {
        let carried = carried_key(path)?;
        let (manifest, _, _, _) = verify_package(path, &KeySource::Given(carried.clone()), PLAN_FORMAT, true)?;
        Ok((manifest.unit_code, manifest.unit_name, carried))
    }

    /// The plan of a signed package, checked (signature, every file), not
    /// installed, and the office that signed it.
    pub fn read_plan_package(&self, path: &Path, key: Option<PublicKey>) -> Result<(crate::plan::PlanSource, String)> {
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
        Ok((src, manifest.unit_code))
    }
}

// ---- packages from an office to a unit below it (receipts, feedback) ---------

/// The error keys a kind of package from the parent office is refused with.
pub(super) struct FromParent {
    pub format: &'static str,
    pub file: &'static str,
    /// Signed by a key not trusted as an office above.
    pub unknown_key: &'static str,
    /// Signed by an office that is not above this unit.
    pub not_parent: &'static str,
    /// Addressed to another unit.
    pub other_unit: &'static str,
}

/// What every package from the parent says of itself inside its file.
#[derive(Deserialize)]
struct OfficeHeader {
    unit_code: String,
    parent_code: String,
    plan_id: String,
    sequence: i64,
}

impl Workspace {
    /// A one-file package (`kind.file`, format `kind.format`) signed by this
    /// office for `unit`: its bytes and its manifest's SHA-256.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn office_package(
        &self,
        kind: &FromParent,
        key: &SecretKey,
        unit: &str,
        json: &[u8],
        sequence: i64,
        previous: Option<String>,
        period: String,
        created_at: String,
    ) -> Result<(Vec<u8>, String)> {
        let parent = self.require_unit()?.to_owned();
        let manifest = Manifest {
            format: kind.format.into(),
            version: VERSION,
            plan_id: self.plan.id.clone(),
            plan_hash: self.plan.hash.clone(),
            unit_code: parent.clone(),
            unit_name: self.plan.unit(&parent).map(|u| u.name.clone()).unwrap_or_default(),
            period,
            sequence,
            created_at,
            app_version: env!("CARGO_PKG_VERSION").into(),
            previous,
            public_key: key.public().to_base64(),
            referenced: vec![],
            files: vec![FileEntry { path: kind.file.into(), size: json.len() as u64, sha256: crate::util::sha256_hex(json) }],
        };
        let what = kind.format.trim_start_matches("tiendo-");
        let trusted = format!("{what} unit:{unit} parent:{parent} sequence:{sequence} file:{MANIFEST}");
        single_file_package(&manifest, kind.file, json, key, &trusted)
    }

    /// Verifies a package from the office above this unit and returns its
    /// manifest, the manifest's SHA-256, the key id and the file's bytes.
    /// Refused: a key not trusted as an office above this unit's, a signer
    /// that is not above it, a package for another unit.
    pub(super) fn read_from_parent(&self, path: &Path, kind: &FromParent) -> Result<(Manifest, String, String, Vec<u8>)> {
        let unit = self.require_unit()?.to_owned();
        let (manifest, sha, key_id, mut zip) = verify_package(path, &KeySource::Registry(self), kind.format, true).map_err(|e| {
            match e.kind() {
                crate::error::Kind::Bundle(crate::error::BundleError::UnknownKey { fingerprint, unit }) => {
                    Error::new(kind.unknown_key).arg("fingerprint", fingerprint.clone()).arg("unit", unit.clone())
                }
                _ => e,
            }
        })?;
        let signer = manifest.unit_code.clone();
        // The office above this unit: not the unit itself (its own key), not a sibling.
        if !self.governs(&self.plan, &signer, &unit) {
            return Err(Error::new(kind.not_parent).arg("signer", signer).arg("unit", unit));
        }
        let bytes = read_entry_limited(&mut zip, kind.file, MAX_JSON_BYTES)?;
        let head: OfficeHeader = serde_json::from_slice(&bytes).map_err(|e| json_err(kind.file, e))?;
        if head.parent_code != signer || head.sequence != manifest.sequence || head.plan_id != manifest.plan_id {
            return Err(crate::error::Error::from(crate::error::BundleError::FileChanged { name: (kind.file).into() }));
        }
        if head.unit_code != unit {
            return Err(Error::new(kind.other_unit).arg("for", head.unit_code).arg("unit", unit));
        }
        Ok((manifest, sha, key_id, bytes))
    }
}
