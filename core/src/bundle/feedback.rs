//! Review requests: the parent office marks a unit's task (or one of its
//! documents) "đạt" or "yêu cầu bổ sung" with a comment and sends the unit a
//! signed feedback package (format `tiendo-feedback`, one sequence per
//! unit); the unit imports it, sees the requests, answers them by attaching
//! evidence or changing the task, and its next bundle says so.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{FromParent, json_err};
use crate::error::{Error, Result};
use crate::i18n::{Lang, ta};
use crate::evidence::Evidence;
use crate::store::feedback::{Answer, Request, RequestIn, Review, ReviewVerdict, SignedImport, SignedIn};
use crate::workspace::Workspace;

pub const FEEDBACK_FORMAT: &str = "tiendo-feedback";
pub const FEEDBACK_FILE: &str = "feedback.json";
/// The longest comment a review may carry, in characters.
pub const MAX_COMMENT: usize = 4000;

pub(super) const FEEDBACK: FromParent = FromParent {
    format: FEEDBACK_FORMAT,
    file: FEEDBACK_FILE,
    unknown_key: "err-feedback-unknown-key",
    not_parent: "err-feedback-not-parent",
    other_unit: "err-feedback-other-unit",
};

/// `feedback.json`: every review the parent office holds for one unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedbackDoc {
    pub unit_code: String,
    pub parent_code: String,
    pub plan_id: String,
    pub sequence: i64,
    pub issued_at: String,
    pub requests: Vec<Request>,
}

/// A request at the unit, with what the unit did since it arrived.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestState {
    pub held: RequestIn,
    /// Documents attached to the task since the request arrived.
    pub evidence_added: Vec<Evidence>,
    /// Fields of the task changed since (status, progress, note, …).
    pub fields_changed: Vec<String>,
}

impl RequestState {
    /// The unit attached a document or changed the task since the request arrived.
    pub fn answered(&self) -> bool {
        !self.evidence_added.is_empty() || !self.fields_changed.is_empty()
    }
    /// A request for more that the unit has not answered yet.
    pub fn open(&self) -> bool {
        self.held.request.verdict == ReviewVerdict::NeedsMore && !self.answered()
    }
}

impl Workspace {
    // ---- at the parent office ------------------------------------------------

    /// Records this office's review of `unit`'s task `task` (or of one of its
    /// merged documents: `evidence` is the SHA-256, a prefix of it of at
    /// least 8 digits, or the file name). A request for more needs a comment.
    /// Returns the review and whether it changed anything.
    pub fn review(&mut self, unit: &str, task: &str, evidence: Option<&str>, verdict: ReviewVerdict, comment: &str) -> Result<(Review, bool)> {
        self.check_unit(unit)?;
        self.check_governed(&self.plan, unit)?;
        let t = self.plan.task(task).ok_or_else(|| Error::new("err-unknown-task").arg("code", task))?;
        if t.role_of(unit).is_none() {
            return Err(Error::new("err-review-not-assigned").arg("task", task).arg("unit", unit));
        }
        let comment = crate::text::nfc(comment.trim());
        if verdict == ReviewVerdict::NeedsMore && comment.is_empty() {
            return Err(Error::new("err-review-comment-needed"));
        }
        if comment.chars().count() > MAX_COMMENT {
            return Err(Error::new("err-review-comment-long").arg("max", MAX_COMMENT));
        }
        let (evidence_sha, evidence_name) = match evidence.map(str::trim).filter(|s| !s.is_empty()) {
            None => (String::new(), String::new()),
            Some(spec) => {
                let lower = spec.to_lowercase();
                let docs: Vec<_> = self
                    .store
                    .merged_evidence(&self.plan.id)?
                    .into_iter()
                    .filter(|e| e.unit == unit && e.task == task)
                    .filter(|e| (lower.len() >= 8 && e.sha256.starts_with(&lower)) || e.file_name == spec)
                    .collect();
                match docs.first() {
                    Some(d) if docs.iter().all(|o| o.sha256 == d.sha256) => (d.sha256.clone(), d.file_name.clone()),
                    _ => return Err(Error::new("err-review-no-evidence").arg("evidence", spec).arg("task", task).arg("unit", unit)),
                }
            }
        };
        let req = Request { task: task.to_owned(), evidence_sha, evidence_name, verdict, comment, revision: 0, reviewed_at: String::new() };
        let by = self.operator.clone();
        self.store.put_review(&self.plan.id, unit, &req, &by)
    }

    /// The documents `unit` sent for `task` in `period`, as merged here
    /// (SHA-256, file name): what a review may name.
    pub fn reviewable_documents(&self, unit: &str, task: &str, period: &str) -> Result<Vec<(String, String)>> {
        Ok(self
            .store
            .merged_evidence(&self.plan.id)?
            .into_iter()
            .filter(|e| e.unit == unit && e.task == task && e.period == period)
            .map(|e| (e.sha256, e.file_name))
            .collect())
    }

    /// This office's reviews (of one unit if given).
    pub fn reviews(&self, unit: Option<&str>) -> Result<Vec<Review>> {
        self.store.reviews(&self.plan.id, unit)
    }

    /// Writes the signed feedback package of `unit` (every review this office
    /// holds for it) to `out`. Returns the number of requests in it.
    pub fn write_feedback(&self, unit: &str, out: &Path) -> Result<usize> {
        self.check_unit(unit)?;
        let key = self.signing_key()?;
        self.write_feedback_with(&key, unit, out)
    }

    /// Writes one feedback package per unit this office has reviewed into
    /// `dir` (`X-ANT-yeu-cau-lan-2.zip`). Returns the files written.
    pub fn write_feedback_all(&self, dir: &Path) -> Result<Vec<PathBuf>> {
        let mut units: Vec<String> = self.reviews(None)?.into_iter().map(|r| r.unit).collect();
        units.dedup();
        if units.is_empty() {
            return Err(Error::new("err-feedback-none-all"));
        }
        let key = self.signing_key()?;
        std::fs::create_dir_all(dir).map_err(|e| crate::error::IoError::write_file(dir.display().to_string(), e))?;
        let mut written = vec![];
        for unit in units {
            let (sequence, _) = self.store.next_feedback(&unit)?;
            let name = format!("{unit}-yeu-cau-lan-{sequence}.zip");
            super::check_file_name(&name)?;
            let path = dir.join(name);
            self.write_feedback_with(&key, &unit, &path)?;
            written.push(path);
        }
        Ok(written)
    }

    fn write_feedback_with(&self, key: &crate::crypto::sign::SecretKey, unit: &str, out: &Path) -> Result<usize> {
        let parent = self.require_unit()?.to_owned();
        let requests: Vec<Request> = self.reviews(Some(unit))?.into_iter().map(|r| r.request).collect();
        if requests.is_empty() {
            return Err(Error::new("err-feedback-none").arg("unit", unit));
        }
        let (sequence, previous) = self.store.next_feedback(unit)?;
        let doc = FeedbackDoc {
            unit_code: unit.to_owned(),
            parent_code: parent,
            plan_id: self.plan.id.clone(),
            sequence,
            issued_at: crate::store::now_stamp(),
            requests,
        };
        let json = serde_json::to_vec_pretty(&doc).expect("feedback serialises");
        let (bytes, sha) = self.office_package(&FEEDBACK, key, unit, &json, sequence, previous, self.plan.year.to_string(), doc.issued_at.clone())?;
        // The sequence is used before the file takes its name: a crash in
        // between leaves a gap, never two packages with one number.
        self.store.record_feedback_sent(unit, sequence, &sha)?;
        crate::fsutil::write_atomic(out, |w| Ok(w.write_all(&bytes)?))?;
        Ok(doc.requests.len())
    }

    // ---- at the unit ---------------------------------------------------------

    /// Verifies and imports a feedback package from the parent office.
    /// Refused with nothing changed: one signed by a key not trusted as an
    /// office above this unit, one for another unit or another plan, one
    /// older than (or replaying) a package already imported. The same
    /// package again changes nothing.
    pub fn import_feedback(&mut self, path: &Path) -> Result<(SignedImport, FeedbackDoc)> {
        let unit = self.require_unit()?.to_owned();
        let (manifest, sha, key_id, bytes) = self.read_from_parent(path, &FEEDBACK)?;
        let doc: FeedbackDoc = serde_json::from_slice(&bytes).map_err(|e| json_err(FEEDBACK_FILE, e))?;
        if doc.plan_id != self.plan.id {
            return Err(Error::new("err-feedback-wrong-plan").arg("plan", doc.plan_id.clone()));
        }
        for r in &doc.requests {
            if self.plan.task(&r.task).is_none() {
                return Err(Error::new("err-unknown-task").arg("code", r.task.clone()));
            }
        }
        let signed = SignedIn {
            parent: manifest.unit_code,
            sequence: doc.sequence,
            manifest_sha: sha,
            issued_at: doc.issued_at.clone(),
            body: String::from_utf8(bytes).map_err(|_| crate::error::Error::from(crate::error::BundleError::FileDamaged { name: (FEEDBACK_FILE).into() }))?,
        };
        let outcome = self.store.import_feedback(&unit, &self.plan.id, &signed, &key_id, &doc.requests)?;
        Ok((outcome, doc))
    }

    /// The requests this unit holds (for one task if given), with what was done since each arrived.
    pub fn requests(&self, task: Option<&str>) -> Result<Vec<RequestState>> {
        let Some(unit) = self.unit.as_deref() else { return Ok(vec![]) };
        let mut out = vec![];
        for held in self.store.requests_in(&self.plan.id, unit, task)? {
            let t = &held.request.task;
            let (ids, fields_changed) = self.store.done_since(&self.plan.id, unit, t, held.evidence_mark, held.history_mark)?;
            let evidence_added = self.store.evidence_list(&self.plan.id, unit, Some(t))?.into_iter().filter(|e| ids.contains(&e.id)).collect();
            out.push(RequestState { held, evidence_added, fields_changed });
        }
        Ok(out)
    }

    /// How many requests for more this unit has not answered yet.
    pub fn open_requests(&self) -> Result<usize> {
        Ok(self.requests(None)?.iter().filter(|r| r.open()).count())
    }

    /// What this unit's next bundle says of the requests for more it holds.
    pub(super) fn answers(&self) -> Result<Vec<Answer>> {
        Ok(self
            .requests(None)?
            .into_iter()
            .filter(|r| r.held.request.verdict == ReviewVerdict::NeedsMore)
            .map(|r| Answer {
                answered: r.answered(),
                parent: r.held.parent,
                task: r.held.request.task,
                evidence_sha: r.held.request.evidence_sha,
                revision: r.held.request.revision,
                evidence_added: r.evidence_added.into_iter().map(|e| e.file_name).collect(),
                fields_changed: r.fields_changed,
            })
            .collect())
    }
}

/// A request in words: "1.5 — QD-12.pdf — Yêu cầu bổ sung (lần sửa 2): Thiếu biên bản họp".
pub fn request_line(r: &Request, lang: Lang) -> String {
    format!("{} — {}", r.task, request_text(r, lang))
}

/// A request without its task: "QD-12.pdf — Yêu cầu bổ sung (lần sửa 2): Thiếu biên bản họp".
pub fn request_text(r: &Request, lang: Lang) -> String {
    let mut s = String::new();
    if !r.evidence_name.is_empty() {
        s.push_str(&r.evidence_name);
        s.push_str(" — ");
    }
    s.push_str(&ta(lang, r.verdict.label_id(), &[]));
    if r.revision > 1 {
        s.push_str(&ta(lang, "review-revision", &[("revision", r.revision.into())]));
    }
    if !r.comment.is_empty() {
        s.push_str(": ");
        s.push_str(&r.comment);
    }
    s
}

/// What was done, in words: "thêm tài liệu QD-12.pdf; sửa Trạng thái, Tiến độ".
pub fn done_words(evidence_added: &[String], fields_changed: &[String], lang: Lang) -> String {
    let mut parts = vec![];
    if !evidence_added.is_empty() {
        parts.push(ta(lang, "request-done-evidence", &[("files", evidence_added.join(", ").into())]));
    }
    let mut labels: Vec<String> = vec![];
    for f in fields_changed {
        let id = match f.as_str() {
            "status" => "col-status",
            "progress" => "col-progress",
            "note" => "col-note",
            f if f.starts_with("milestone") => "request-field-milestone",
            _ => "request-field-other",
        };
        let label = ta(lang, id, &[]);
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    if !labels.is_empty() {
        parts.push(ta(lang, "request-done-fields", &[("fields", labels.join(", ").into())]));
    }
    parts.join("; ")
}

/// "request — what was done", or the request alone when nothing is to be done.
pub fn with_state(request: String, state: String) -> String {
    if state.is_empty() { request } else { format!("{request} — {state}") }
}

impl RequestState {
    /// "Chưa trả lời" or "Đã trả lời: thêm tài liệu QD-12.pdf"; empty for
    /// a task the office accepted (nothing to answer).
    pub fn done_text(&self, lang: Lang) -> String {
        if self.held.request.verdict == ReviewVerdict::Ok {
            return String::new();
        }
        if !self.answered() {
            return ta(lang, "request-state-open", &[]);
        }
        let files: Vec<String> = self.evidence_added.iter().map(|e| e.file_name.clone()).collect();
        ta(lang, "request-state-answered", &[("what", done_words(&files, &self.fields_changed, lang).into())])
    }
}

/// At the parent office: what the unit's bundles said of a review, in
/// words; empty for an accepted task.
pub fn review_answer_text(r: &Review, lang: Lang) -> String {
    if r.request.verdict == ReviewVerdict::Ok {
        return String::new();
    }
    match r.answer().filter(|_| r.answered()) {
        Some(a) => ta(lang, "request-state-answered", &[("what", done_words(&a.evidence_added, &a.fields_changed, lang).into())]),
        None => ta(lang, "request-state-open", &[]),
    }
}
