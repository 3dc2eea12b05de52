//! File and database work that must not freeze the window: each job runs on
//! its own thread with its own connection to the database (WAL allows it) and
//! reports progress and its outcome as a stream of messages.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use iced::futures::Stream;
use iced::futures::channel::mpsc;

use crate::error::Result;
use crate::evidence::EvidenceMeta;
use crate::i18n::Lang;
use crate::store::Store;
use crate::workspace::Workspace;

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    EvidenceAdded { task: String, name: String },
    Opened,
    BackedUp(PathBuf),
    Restored,
}

#[derive(Debug, Clone, PartialEq)]
pub enum JobMsg {
    /// Bytes handled so far.
    Progress(u64),
    /// The end: what was done, or the error in the window's language.
    Finished(std::result::Result<Outcome, String>),
}

/// Runs `work` on a new thread; its progress and outcome come out of the stream.
pub fn spawn(lang: Lang, work: impl FnOnce(&dyn Fn(u64)) -> Result<Outcome> + Send + 'static) -> impl Stream<Item = JobMsg> {
    let (tx, rx) = mpsc::unbounded();
    std::thread::spawn(move || {
        let progress_tx = tx.clone();
        let report = move |n: u64| {
            let _ = progress_tx.unbounded_send(JobMsg::Progress(n));
        };
        let result = work(&report).map_err(|e| e.message_in(lang));
        let _ = tx.unbounded_send(JobMsg::Finished(result));
    });
    rx
}

fn open_workspace(db: &PathBuf, operator: &str) -> Result<Workspace> {
    let mut ws = Workspace::from_store(Store::open(db)?)?;
    ws.operator = operator.to_owned();
    Ok(ws)
}

/// Copies `file` into the database as evidence of `unit`'s `task`.
pub fn add_evidence(
    db: PathBuf,
    operator: String,
    unit: String,
    task: String,
    file: PathBuf,
    meta: EvidenceMeta,
    cancel: Arc<AtomicBool>,
    report: &dyn Fn(u64),
) -> Result<Outcome> {
    let mut ws = open_workspace(&db, &operator)?;
    let ev = ws.add_evidence(&unit, &task, &file, &meta, &mut |n| {
        report(n);
        !cancel.load(Ordering::Relaxed)
    })?;
    Ok(Outcome::EvidenceAdded { task, name: ev.file_name })
}

/// Writes an attachment to a temporary file and opens it with the system viewer.
pub fn open_evidence(db: PathBuf, id: i64) -> Result<Outcome> {
    let ws = open_workspace(&db, "")?;
    let ev = ws.store.evidence(id)?;
    let dir = std::env::temp_dir().join("tiendo-open");
    std::fs::create_dir_all(&dir)?;
    let out = dir.join(format!("{id}-{}", crate::evidence::safe_file_name(&ev.file_name)));
    ws.export_evidence(id, &out)?;
    crate::fsutil::open_with_system_viewer(&out)?;
    Ok(Outcome::Opened)
}

pub fn backup(db: PathBuf, dest: PathBuf) -> Result<Outcome> {
    let store = Store::open(&db)?;
    store.backup_to(&dest)?;
    store.set_meta("last_backup", &crate::store::now_stamp())?;
    Ok(Outcome::BackedUp(dest))
}

/// Replaces the database with the backup at `src` (the current one is saved first in `keep_dir`).
pub fn restore(db: PathBuf, src: PathBuf, keep_dir: PathBuf) -> Result<Outcome> {
    let mut store = Store::open(&db)?;
    store.restore_from(&src, &keep_dir)?;
    Ok(Outcome::Restored)
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced::futures::StreamExt;

    #[test]
    fn adding_a_large_file_reports_progress_from_another_thread_and_can_be_cancelled() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::open(dir.path()).unwrap();
        ws.set_unit("X-ANT").unwrap();
        let db = ws.store.path().unwrap().to_owned();
        let file = dir.path().join("Báo cáo lớn.pdf");
        std::fs::write(&file, vec![7u8; 5 * crate::store::CHUNK + 123]).unwrap();

        let run = |cancel: bool| {
            let (db, file) = (db.clone(), file.clone());
            let flag = Arc::new(AtomicBool::new(cancel));
            let stream = spawn(Lang::Vi, move |report| {
                add_evidence(db, "tester".into(), "X-ANT".into(), "1.6".into(), file, EvidenceMeta::default(), flag, report)
            });
            iced::futures::executor::block_on(stream.collect::<Vec<_>>())
        };
        let msgs = run(false);
        let progress: Vec<u64> = msgs.iter().filter_map(|m| if let JobMsg::Progress(n) = m { Some(*n) } else { None }).collect();
        assert!(progress.len() >= 5, "{progress:?}");
        assert!(progress.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(
            msgs.last(),
            Some(&JobMsg::Finished(Ok(Outcome::EvidenceAdded { task: "1.6".into(), name: "Báo cáo lớn.pdf".into() })))
        );
        // The window's own connection sees it.
        assert_eq!(ws.store.evidence_list(&ws.plan.id, "X-ANT", Some("1.6")).unwrap().len(), 1);

        let msgs = run(true);
        assert!(matches!(msgs.last(), Some(JobMsg::Finished(Err(_)))), "{msgs:?}");
        assert_eq!(ws.store.evidence_list(&ws.plan.id, "X-ANT", Some("1.6")).unwrap().len(), 1);
    }
}
