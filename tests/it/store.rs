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
    let h = ws.store.history(&ws.plan.id, "X-ANT", "3.1").unwrap();
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
