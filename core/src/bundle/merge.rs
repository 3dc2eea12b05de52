//! Merging a unit's verified bundle into the parent office's data.

use super::*;

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
            Err(e) if matches!(e.kind(), Kind::Bundle(BundleError::UnknownKey { .. })) => {
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
    pub(super) fn merge_governed(&mut self, path: &Path, v: &Verified, plan: &crate::domain::Plan, dry_run: bool) -> Result<MergeOutcome> {
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
        let receiver = self.unit.clone().unwrap_or_default();
        // Evidence referenced, not carried: this office must hold every document.
        let missing = self.store.missing_blobs(m.referenced.iter().map(|f| f.sha256.as_str()))?;
        if !missing.is_empty() {
            return Err(references_missing(&v.progress, &missing));
        }
        let referenced: BTreeSet<&str> = m.referenced.iter().map(|f| f.path.as_str()).collect();
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
                merge_doc(&tx, id, &m.plan_id, &m.period, doc, &referenced, &mut zip)?;
                used.extend(doc.evidence.iter().map(|e| e.path.as_str()));
            }
            // What the unit did about this office's requests.
            tx.record_answers(&m.plan_id, &m.unit_code, &receiver, &v.progress.answers)?;
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
    pub(super) fn check_governed(&self, plan: &crate::domain::Plan, sender: &str) -> Result<()> {
        let receiver = self.require_unit()?;
        if !self.governs(plan, receiver, sender) {
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
    pub(super) fn merged_children(&self, unit: &str, period: &str, quarters: &[String]) -> Result<Vec<ProgressDoc>> {
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
                answers: vec![],
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
    pub(super) fn self_signed(&self, path: &Path) -> Result<(Verified, PublicKey)> {
        let key = carried_key(path)?;
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
pub(super) fn check_claims(plan: &crate::domain::Plan, period: Period, doc: &ProgressDoc) -> Result<()> {
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
pub(super) fn merge_doc<R: Read + std::io::Seek>(
    tx: &crate::store::bundles::MergeTx<'_>,
    bundle: i64,
    plan: &str,
    period: &str,
    doc: &ProgressDoc,
    referenced: &BTreeSet<&str>,
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
        if referenced.contains(e.path.as_str()) {
            let held = tx.add_held_evidence(bundle, &doc.unit_code, &e.task, &e.sha256, e.size, &e.file_name, &e.doc_type, &e.doc_number, e.doc_date.as_deref())?;
            if !held {
                return Err(references_missing(doc, &[e.sha256.as_str()]));
            }
            continue;
        }
        let mut f = zip.by_name(&e.path).map_err(|_| Error::from(BundleError::Missing { name: e.path.clone() }))?;
        let stored = tx
            .add_evidence(bundle, &doc.unit_code, &e.task, &mut f, &e.file_name, &e.doc_type, &e.doc_number, e.doc_date.as_deref())
            .map_err(|err| {
                // A read error here is the zip's own check failing: name the file.
                if matches!(err.kind(), Kind::Io(IoError::Failed { .. })) { Error::from(BundleError::FileChanged { name: e.path.clone() }) } else { err }
            })?;
        if stored.sha256 != e.sha256 {
            return Err(Error::from(BundleError::FileChanged { name: e.path.clone() }));
        }
    }
    Ok(())
}

/// The refusal of a bundle referencing documents this office does not hold,
/// naming them (file name and task) as the bundle describes them.
pub(super) fn references_missing(progress: &ProgressDoc, shas: &[&str]) -> Error {
    let mut names: Vec<String> = vec![];
    for sha in shas {
        let described = std::iter::once(progress)
            .chain(progress.units.iter())
            .flat_map(|d| d.evidence.iter())
            .find(|e| e.sha256 == *sha)
            .map(|e| format!("{} ({})", short_name(&e.file_name), e.task))
            .unwrap_or_else(|| sha[..16.min(sha.len())].to_owned());
        if !names.contains(&described) {
            names.push(described);
        }
    }
    let shown = if names.len() > 10 { format!("{}, …", names[..10].join(", ")) } else { names.join(", ") };
    Error::new("err-bundle-references-missing").arg("count", names.len()).arg("names", shown)
}
