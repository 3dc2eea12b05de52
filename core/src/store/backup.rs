//! Backups with SQLite's online backup API, kept N deep, and restore from a
//! verified backup file.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, MAIN_DB, OpenFlags, OptionalExtension};

use super::{MIGRATIONS, Store, now_stamp};
use crate::error::{Error, Result};

/// How many automatic backups are kept.
pub const KEEP: usize = 10;

/// What a backup file holds, checked before a restore.
#[derive(Debug, Clone, PartialEq)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub schema_version: usize,
    pub plans: usize,
    pub size: u64,
}

impl Store {
    /// Copies the live database to `dest` (through a temporary name) with the
    /// online backup API: consistent even while the app is writing.
    pub fn backup_to(&self, dest: &Path) -> Result<u64> {
        backup_connection(&self.conn, dest)
    }

    /// Makes a timestamped backup in `dir` and deletes the oldest beyond [`KEEP`].
    pub fn rotate_backup(&self, dir: &Path, tag: &str) -> Result<PathBuf> {
        self.rotate_backup_of(&self.conn, dir, tag)
    }

    /// [`Store::rotate_backup`] reading the pages through `source` (another
    /// connection to the same file: the migration holds the write lock on
    /// its own connection, which SQLite's backup cannot read through).
    pub(super) fn rotate_backup_of(&self, source: &Connection, dir: &Path, tag: &str) -> Result<PathBuf> {
        let stamp = now_stamp().replace([':', '-'], "").replace('T', "-");
        let mut dest = dir.join(format!("tiendo-{stamp}-{tag}.sqlite3"));
        let mut n = 1;
        while dest.exists() {
            n += 1;
            dest = dir.join(format!("tiendo-{stamp}-{tag}-{n}.sqlite3"));
        }
        backup_connection(source, &dest)?;
        self.set_meta("last_backup", &now_stamp())?;
        let mut all = list_backups(dir)?;
        all.sort();
        while all.len() > KEEP {
            let old = all.remove(0);
            std::fs::remove_file(&old)?;
        }
        Ok(dest)
    }

    /// Replaces the live database with the backup at `src`, after checking
    /// it. The current database is first saved into `backup_dir`.
    pub fn restore_from(&mut self, src: &Path, backup_dir: &Path) -> Result<BackupInfo> {
        let info = inspect_backup(src)?;
        self.rotate_backup(backup_dir, "before-restore")?;
        // Read the source read-only and immutable (a write-protected stick, a
        // CD): nothing is written or created beside it.
        let source = open_read_only(src).map_err(|_| Error::new("err-backup-invalid").arg("path", src.display().to_string()))?;
        rusqlite::backup::Backup::new(&source, &mut self.conn)?.run_to_completion(256, std::time::Duration::ZERO, None)?;
        drop(source);
        self.migrate()?;
        if !self.integrity_ok()? {
            return Err(Error::new("err-backup-invalid").arg("path", src.display().to_string()));
        }
        Ok(info)
    }
}

/// Copies the database behind `conn` to `dest` (through a temporary name,
/// flushed, renamed) with the online backup API.
fn backup_connection(conn: &Connection, dest: &Path) -> Result<u64> {
    if let Some(dir) = dest.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = crate::fsutil::temp_path(dest);
    let _ = std::fs::remove_file(&tmp);
    let result = conn
        .backup(MAIN_DB, &tmp, None::<fn(rusqlite::backup::Progress)>)
        .map_err(Error::from)
        .and_then(|_| {
            // Windows refuses to flush a file opened read-only: open it for writing.
            std::fs::OpenOptions::new().write(true).open(&tmp)?.sync_all()?;
            std::fs::rename(&tmp, dest)?;
            Ok(std::fs::metadata(dest)?.len())
        });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Opens a database file that must not change: read-only and immutable
/// (SQLite then takes no locks and makes no `-wal`/`-shm` files), so it
/// works from read-only media and leaves nothing beside the file.
pub fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    Connection::open_with_flags(
        read_only_uri(path),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// `file:///…?mode=ro&immutable=1` for `path` (absolute; `%`, `?` and `#`
/// escaped; Windows drive paths as `/C:/…`).
fn read_only_uri(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let text = abs.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for c in text.chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3F"),
            '#' => uri.push_str("%23"),
            _ => uri.push(c),
        }
    }
    uri.push_str("?mode=ro&immutable=1");
    uri
}

/// Backups in `dir`, by name (names sort by time).
pub fn list_backups(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(vec![]);
    }
    let mut out = vec![];
    for entry in std::fs::read_dir(dir)? {
        let p = entry?.path();
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with("tiendo-") && name.ends_with(".sqlite3") {
            out.push(p);
        }
    }
    out.sort();
    Ok(out)
}

/// Opens a backup read-only and checks it is a sound Tiến Độ database this
/// version can use.
pub fn inspect_backup(path: &Path) -> Result<BackupInfo> {
    let invalid = || Error::new("err-backup-invalid").arg("path", path.display().to_string());
    let size = std::fs::metadata(path)
        .map_err(|e| Error::new("err-open-file").arg("path", path.display().to_string()).arg("detail", crate::error::io_reason(&e)).with_source(e))?
        .len();
    let conn = open_read_only(path).map_err(|_| invalid())?;
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|_| invalid())?;
    if check != "ok" {
        return Err(invalid());
    }
    let version: Option<i64> = conn
        .query_row("SELECT MAX(version) FROM schema_migration", [], |r| r.get(0))
        .optional()
        .map_err(|_| invalid())?
        .flatten();
    let version = version.ok_or_else(invalid)? as usize;
    if version > MIGRATIONS.len() {
        return Err(Error::new("err-db-newer").arg("found", version).arg("known", MIGRATIONS.len()));
    }
    let plans: i64 = conn.query_row("SELECT COUNT(*) FROM plan", [], |r| r.get(0)).map_err(|_| invalid())?;
    Ok(BackupInfo { path: path.to_owned(), schema_version: version, plans: plans as usize, size })
}
