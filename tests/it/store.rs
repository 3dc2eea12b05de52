//! The store: migrations, file and in-memory databases, transactions.

use tiendo::domain::Status;
use tiendo::progress::Change;
use tiendo::store::{MIGRATIONS, Store};
use tiendo::workspace::Workspace;

#[test]
fn in_memory_and_file_databases_migrate_to_the_latest_schema() {
    let mem = Store::open_in_memory().unwrap();
    assert_eq!(mem.schema_version().unwrap(), MIGRATIONS.len());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sqlite3");
    {
        let s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len());
        assert!(s.integrity_ok().unwrap());
    }
    // Reopening applies nothing twice.
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len());
    // A new file has 4 KiB pages (bytes 16–17): evidence lives in files, and
    // small pages keep each backup generation small.
    let header = std::fs::read(&path).unwrap();
    assert_eq!(&header[..16], b"SQLite format 3\0");
    assert_eq!(u16::from_be_bytes([header[16], header[17]]), 4096);
}

#[test]
fn an_older_database_keeps_its_page_size_and_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sqlite3");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema-v1.sqlite3"), &path).unwrap();
    let page = |p: &std::path::Path| {
        let h = std::fs::read(p).unwrap();
        u16::from_be_bytes([h[16], h[17]])
    };
    assert_eq!(page(&path), 4096);
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len());
    assert!(s.integrity_ok().unwrap());
    drop(s);
    assert_eq!(page(&path), 4096);
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sqlite3");
    drop(Store::open(&path).unwrap());
    {
        let c = rusqlite_free_bump(&path);
        assert!(c);
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert_eq!(err.key, "err-db-newer");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// Marks the database as migrated by a future version, through the store's
/// own meta API is impossible (by design), so use the sqlite3 file format:
/// we reopen with a raw connection from the store module's test hook.
fn rusqlite_free_bump(path: &std::path::Path) -> bool {
    tiendo::store::testing::record_future_migration(path).is_ok()
}

#[test]
fn task_changes_are_recorded_with_history_in_memory() {
    let mut ws = Workspace::in_memory().unwrap();
    ws.set_unit("X-ANT").unwrap();
    let change = Change { status: Some(Status::InProgress), progress: Some(30), ..Default::default() };
    let s = ws.update_task("X-ANT", "3.1", &change).unwrap();
    assert_eq!(s.status, Status::InProgress);
    // The same change again records nothing new.
    ws.update_task("X-ANT", "3.1", &change).unwrap();
    let h = ws.store().history(&ws.plan.id, "X-ANT", "3.1").unwrap();
    assert_eq!(h.len(), 2);
    // A task the unit is not assigned is refused.
    let err = ws.update_task("X-ANT", "1.1", &change).unwrap_err();
    assert_eq!(err.key, "err-not-assigned");
    // A milestone that is not in the schedule is refused.
    let bad = Change {
        milestone_done: Some((chrono::NaiveDate::from_ymd_opt(2023, 2, 2).unwrap(), ws.today)),
        ..Default::default()
    };
    assert_eq!(ws.update_task("X-ANT", "1.6", &bad).unwrap_err().key, "err-no-milestone");
}

#[test]
fn backup_then_restore_brings_back_the_data_and_keeps_the_current_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.set_unit("X-AP").unwrap();
    let set = |ws: &mut Workspace, p: u8| {
        ws.update_task("X-AP", "3.1", &Change { progress: Some(p), ..Default::default() }).unwrap();
    };
    set(&mut ws, 25);
    let evidence_file = dir.path().join("QĐ 12-UBND.pdf");
    std::fs::write(&evidence_file, b"%PDF-1.4 scan bytes").unwrap();
    let meta = tiendo::evidence::EvidenceMeta::default();
    let ev = ws.add_evidence("X-AP", "3.1", &evidence_file, &meta, &mut |_| true).unwrap();
    let backup = ws.backup_now(None).unwrap();
    assert!(backup.starts_with(ws.backup_dir().unwrap()));
    set(&mut ws, 90);
    ws.store_mut().remove_evidence(ev.id).unwrap();

    ws.restore(&backup).unwrap();
    let s = ws.store().task_state(&ws.plan.id, "X-AP", "3.1").unwrap();
    assert_eq!(s.progress, 25);
    let out = dir.path().join("back.pdf");
    ws.export_evidence(ev.id, &out).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), b"%PDF-1.4 scan bytes");
    assert!(ws.store().integrity_ok().unwrap());
    // The state before the restore was kept as a backup too.
    let all = tiendo::store::backup::list_backups(&ws.backup_dir().unwrap()).unwrap();
    assert!(all.iter().any(|p| p.to_string_lossy().contains("before-restore")), "{all:?}");
    // Backing the restored database up again gives the same pages.
    let again = dir.path().join("again.sqlite3");
    ws.backup_now(Some(&again)).unwrap();
    assert_eq!(std::fs::read(&again).unwrap().len(), std::fs::read(&backup).unwrap().len());
}

#[test]
fn a_damaged_or_foreign_backup_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.update_task("PNV", "1.1", &Change { progress: Some(10), ..Default::default() }).unwrap();
    let junk = dir.path().join("junk.sqlite3");
    std::fs::write(&junk, b"not a database at all").unwrap();
    assert_eq!(ws.restore(&junk).unwrap_err().key, "err-backup-invalid");
    let other = dir.path().join("other.sqlite3");
    {
        // A valid SQLite file that is not ours.
        let s = Store::open_in_memory().unwrap();
        drop(s);
        std::fs::write(&other, b"").unwrap();
    }
    assert!(ws.restore(&other).is_err());
    assert_eq!(ws.store().task_state(&ws.plan.id, "PNV", "1.1").unwrap().progress, 10);
}

#[test]
fn rotating_backups_keep_the_newest_ten() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    for _ in 0..13 {
        ws.backup_now(None).unwrap();
    }
    let all = tiendo::store::backup::list_backups(&ws.backup_dir().unwrap()).unwrap();
    assert_eq!(all.len(), tiendo::store::backup::KEEP);
}

#[test]
fn a_second_window_on_the_same_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let first = tiendo::workspace::InstanceLock::acquire(dir.path()).unwrap();
    let second = tiendo::workspace::InstanceLock::acquire(dir.path()).unwrap_err();
    assert_eq!(second.key, "err-already-running");
    drop(first);
    tiendo::workspace::InstanceLock::acquire(dir.path()).unwrap();
}
