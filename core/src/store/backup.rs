//! Backups in generations: each generation is a small copy of the database
//! (SQLite's online backup API) named `tiendo-<time>-<tag>.sqlite3`; the
//! evidence files it names are kept once, content-addressed, in `blobs/`
//! beside it and shared by every generation in that folder. A generation
//! appears under its final name only once all its evidence is beside it, so
//! every generation listed is whole. Rotation keeps [`KEEP`] and then drops
//! the evidence files no kept generation names.
//!
//! A folder of backups is self-contained: copy it elsewhere (with its
//! `blobs/`) and it restores there too.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, MAIN_DB, OpenFlags, OptionalExtension};

use super::blobs::{Blobs, blob_path, copy_verified, sync_dir};
use super::{MIGRATIONS, Store, now_stamp};
use crate::error::{Error, Kind, Result, StoreError};

/// How many automatic backups are kept.
pub const KEEP: usize = 10;

/// The folder of evidence files inside a folder of backups.
pub const BLOBS_DIR: &str = "blobs";

/// The first schema version whose evidence lives in files.
const FILES_SINCE: usize = 5;

/// What a backup file holds, checked before a restore.
#[derive(Debug, Clone, PartialEq)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub schema_version: usize,
    pub plans: usize,
    /// Size of the database copy.
    pub size: u64,
    /// Evidence files the generation names, and their total size (each
    /// found beside it with the right hash).
    pub evidence_files: usize,
    pub evidence_bytes: u64,
}

impl Store {
    /// Writes one generation to `dest` (a `.sqlite3` file), its evidence
    /// into `blobs/` beside it: consistent even while the app is writing.
    /// Returns the size of the database copy.
    pub fn backup_to(&self, dest: &Path) -> Result<u64> {
        write_generation(&self.conn, &self.blobs, dest)
    }

    /// Makes a timestamped generation in `dir` and deletes the oldest beyond
    /// [`KEEP`]; records the time as the last backup.
    pub fn rotate_backup(&self, dir: &Path, tag: &str) -> Result<PathBuf> {
        let dest = self.rotate_backup_of(&self.conn, dir, tag, false)?;
        self.set_meta("last_backup", &now_stamp())?;
        Ok(dest)
    }

    /// [`Store::rotate_backup`] without recording the time (a second place).
    pub fn rotate_generation(&self, dir: &Path, tag: &str) -> Result<PathBuf> {
        self.rotate_backup_of(&self.conn, dir, tag, false)
    }

    /// [`Store::rotate_backup`] reading the pages through `source` (another
    /// connection to the same file: the migration holds the write lock on
    /// its own connection, which SQLite's backup cannot read through).
    /// `salvage`: evidence files missing or damaged here are left out instead
    /// of stopping the backup (the copy kept before a restore, which is often
    /// the remedy for exactly that; such a generation fails its own check).
    pub(super) fn rotate_backup_of(&self, source: &Connection, dir: &Path, tag: &str, salvage: bool) -> Result<PathBuf> {
        fs::create_dir_all(dir)?;
        let _lock = FolderLock::take(dir)?;
        clear_temporaries(dir)?;
        let stamp = now_stamp().replace([':', '-'], "").replace('T', "-");
        let mut dest = dir.join(format!("tiendo-{stamp}-{tag}.sqlite3"));
        let mut n = 1;
        while dest.exists() {
            n += 1;
            dest = dir.join(format!("tiendo-{stamp}-{tag}-{n}.sqlite3"));
        }
        write_generation_locked(source, &self.blobs, &dest, salvage)?;
        let mut all = list_backups(dir)?;
        while all.len() > KEEP {
            let old = all.remove(0);
            fs::remove_file(&old)?;
        }
        sweep_backup_blobs(dir)?;
        Ok(dest)
    }

    /// Replaces the live database with the generation at `src`, after
    /// checking it and every evidence file it names. The current database is
    /// first saved as a generation into `backup_dir`.
    pub fn restore_from(&mut self, src: &Path, backup_dir: &Path) -> Result<BackupInfo> {
        let info = inspect_backup(src)?;
        self.rotate_backup_of(&self.conn, backup_dir, "before-restore", true)?;
        self.set_meta("last_backup", &now_stamp())?;
        let from = src.parent().unwrap_or(Path::new(".")).join(BLOBS_DIR);
        let wanted = named_blobs(&open_read_only(src).map_err(|_| Error::from(StoreError::BackupInvalid { path: src.display().to_string() }))?)?;
        // Put the evidence in place first: a crash after the database is
        // replaced finds it there (until then the files are orphans).
        self.bring_blobs(&from, &wanted)?;
        // Read the source read-only and immutable (a write-protected stick, a
        // CD): nothing is written or created beside it.
        let source = open_read_only(src).map_err(|_| Error::from(StoreError::BackupInvalid { path: src.display().to_string() }))?;
        rusqlite::backup::Backup::new(&source, &mut self.conn)?.run_to_completion(256, std::time::Duration::ZERO, None)?;
        drop(source);
        self.migrate()?;
        // Now named by rows: a sweep by another process meanwhile may have
        // taken a file; put back any that is missing.
        self.bring_blobs(&from, &named_blobs(&self.conn)?)?;
        self.move_blobs_out()?;
        if !self.integrity_ok()? {
            return Err(Error::from(StoreError::BackupInvalid { path: src.display().to_string() }));
        }
        self.sweep_blobs()?;
        Ok(info)
    }

    /// Copies the evidence files in `wanted` that are missing here from the
    /// backup folder `from` (each hashed while copied), and puts them in
    /// place under the write lock.
    fn bring_blobs(&self, from: &Path, wanted: &[(String, u64)]) -> Result<()> {
        for (sha, size) in wanted {
            let here = self.blobs.path(sha);
            if fs::metadata(&here).is_ok_and(|m| m.len() == *size) {
                continue;
            }
            let mut w = self.blobs.stager()?;
            copy_verified(&blob_path(from, sha), sha, *size, &mut w)?;
            let staged = w.finish()?;
            let tx = rusqlite::Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)?;
            self.blobs.place(&staged)?;
            tx.commit()?;
        }
        Ok(())
    }
}

/// Evidence files (hash, size) the database behind `conn` names: none
/// before schema [`FILES_SINCE`] (its evidence is inside).
fn named_blobs(conn: &Connection) -> Result<Vec<(String, u64)>> {
    let version: Option<i64> = conn
        .query_row("SELECT MAX(version) FROM schema_migration", [], |r| r.get(0))
        .optional()?
        .flatten();
    if (version.unwrap_or(0) as usize) < FILES_SINCE {
        return Ok(vec![]);
    }
    let mut st = conn.prepare("SELECT sha256, size FROM blob WHERE in_db = 0 AND sha256 IS NOT NULL ORDER BY sha256")?;
    let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One process at a time writes or sweeps a folder of backups (the window
/// and a command line may both back up): held while the lock file is open.
struct FolderLock(#[allow(dead_code)] File);

impl FolderLock {
    fn take(dir: &Path) -> Result<FolderLock> {
        let f = fs::OpenOptions::new().create(true).truncate(false).write(true).open(dir.join(".backup.lock"))?;
        f.lock()?;
        Ok(FolderLock(f))
    }
}

fn write_generation(conn: &Connection, blobs: &Blobs, dest: &Path) -> Result<u64> {
    let dir = dest.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let _lock = FolderLock::take(dir)?;
    write_generation_locked(conn, blobs, dest, false)
}

/// Copies the database behind `conn` to a temporary name beside `dest`,
/// copies the evidence files it names that the folder lacks into `blobs/`,
/// then flushes and renames the copy to `dest`.
fn write_generation_locked(conn: &Connection, blobs: &Blobs, dest: &Path, salvage: bool) -> Result<u64> {
    let dir = dest.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_owned();
    let tmp = crate::fsutil::temp_path(dest);
    let _ = fs::remove_file(&tmp);
    let result = (|| -> Result<u64> {
        conn.backup(MAIN_DB, &tmp, None::<fn(rusqlite::backup::Progress)>)?;
        let named = {
            // A generation is one file: no log beside it, read-only readers
            // leave nothing behind.
            let copy = Connection::open(&tmp)?;
            copy.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
            named_blobs(&copy)?
        };
        let into = dir.join(BLOBS_DIR);
        for (sha, size) in &named {
            match keep_blob(blobs, &into, sha, *size) {
                Err(e) if salvage && matches!(e.kind(), Kind::Store(StoreError::BlobCorrupt { .. })) => {}
                r => r?,
            }
        }
        // Windows refuses to flush a file opened read-only: open it for writing.
        fs::OpenOptions::new().write(true).open(&tmp)?.sync_all()?;
        fs::rename(&tmp, dest)?;
        sync_dir(&dir);
        Ok(fs::metadata(dest)?.len())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
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

/// Copies one evidence file into a backup folder's `blobs/` unless it is
/// there already (content-addressed: same name, same bytes). The copy is
/// hashed while written, so damaged evidence is found at backup time.
fn keep_blob(blobs: &Blobs, into: &Path, sha: &str, size: u64) -> Result<()> {
    let dest = blob_path(into, sha);
    if fs::metadata(&dest).is_ok_and(|m| m.len() == size) {
        return Ok(());
    }
    let sub = dest.parent().expect("blob paths have a folder");
    fs::create_dir_all(sub)?;
    crate::fsutil::write_atomic(&dest, |w| copy_verified(&blobs.path(sha), sha, size, w).map(|_| ()))?;
    sync_dir(sub);
    Ok(())
}

/// Removes what interrupted backups left in `dir` (temporary database copies
/// and their journals). Nobody else writes there: the caller holds the lock.
fn clear_temporaries(dir: &Path) -> Result<()> {
    for entry in fs::read_dir(dir)? {
        let p = entry?.path();
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with(".tiendo-") && name.contains(".part") {
            let _ = fs::remove_file(&p);
        }
    }
    Ok(())
}

/// Deletes from `dir/blobs/` the evidence files no database file in `dir`
/// names (the caller holds the folder's lock).
fn sweep_backup_blobs(dir: &Path) -> Result<usize> {
    let root = dir.join(BLOBS_DIR);
    if !root.is_dir() {
        return Ok(0);
    }
    let mut keep = std::collections::BTreeSet::new();
    for entry in fs::read_dir(dir)? {
        let p = entry?.path();
        if p.extension().is_some_and(|e| e == "sqlite3") {
            // A database that cannot be read keeps everything: better a few
            // files too many than a generation without its evidence.
            let named = open_read_only(&p).map_err(Error::from).and_then(|c| named_blobs(&c)).map_err(|_| ());
            match named {
                Ok(n) => keep.extend(n.into_iter().map(|(s, _)| s)),
                Err(()) => return Ok(0),
            }
        }
    }
    let mut removed = 0;
    for sub in fs::read_dir(&root)? {
        let sub = sub?.path();
        if !sub.is_dir() {
            continue;
        }
        for f in fs::read_dir(&sub)? {
            let p = f?.path();
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if !keep.contains(&name) && fs::remove_file(&p).is_ok() {
                removed += 1;
            }
        }
    }
    Ok(removed)
}

/// Backups in `dir`, by name (names sort by time).
pub fn list_backups(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(vec![]);
    }
    let mut out = vec![];
    for entry in fs::read_dir(dir)? {
        let p = entry?.path();
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with("tiendo-") && name.ends_with(".sqlite3") {
            out.push(p);
        }
    }
    out.sort_by_cached_key(|p| generation_order(p));
    Ok(out)
}

/// Sorts generations by time: the stamp in the name, then the number added
/// to a second one made in the same second (`…-copy.sqlite3`, `…-copy-2…`).
fn generation_order(p: &Path) -> (String, u32, String) {
    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = name.trim_end_matches(".sqlite3");
    let stamp = stem.trim_start_matches("tiendo-").chars().take(15).collect();
    let n = stem
        .rsplit_once('-')
        .filter(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && n.len() < 6)
        .and_then(|(_, n)| n.parse().ok())
        .unwrap_or(1);
    (stamp, n, name)
}

/// Opens a generation read-only and checks it is a sound Tiến Độ database
/// this version can use, and that every evidence file it names is beside it
/// (in `blobs/`) with the right size and hash.
pub fn inspect_backup(path: &Path) -> Result<BackupInfo> {
    let invalid = || Error::from(StoreError::BackupInvalid { path: path.display().to_string() });
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
        return Err(Error::from(StoreError::Newer { found: version, known: MIGRATIONS.len() }));
    }
    let plans: i64 = conn.query_row("SELECT COUNT(*) FROM plan", [], |r| r.get(0)).map_err(|_| invalid())?;
    let named = named_blobs(&conn).map_err(|_| invalid())?;
    let from = path.parent().unwrap_or(Path::new(".")).join(BLOBS_DIR);
    let mut bytes = 0;
    for (sha, n) in &named {
        copy_verified(&blob_path(&from, sha), sha, *n, &mut std::io::sink()).map_err(|_| {
            Error::new("err-backup-evidence-missing")
                .arg("path", path.display().to_string())
                .arg("file", blob_path(&from, sha).display().to_string())
        })?;
        bytes += n;
    }
    Ok(BackupInfo {
        path: path.to_owned(),
        schema_version: version,
        plans: plans as usize,
        size,
        evidence_files: named.len(),
        evidence_bytes: bytes,
    })
}
