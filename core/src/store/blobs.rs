//! Evidence bytes as files beside the database, addressed by their SHA-256:
//! `evidence/ab/abcdef…` in the data folder.
//!
//! The write path, whose order makes every change atomic with the database:
//! 1. the bytes are streamed into a temporary file in `evidence/`, hashed
//!    while copied, and flushed to disk ([`Blobs::stage`]) — no lock is held;
//! 2. inside the database transaction that records them, with the write lock
//!    held, the blob row is inserted and the file renamed into place
//!    ([`Blobs::place`]; the folder is flushed too);
//! 3. the transaction commits.
//!
//! A crash before 3 leaves a file without a row: an orphan. Files are only
//! ever deleted while the write lock is held and after checking that no row
//! names them ([`Store::sweep_blobs`] at start, [`Store::drop_blob_files`]
//! after a removal), so a file another process is placing — which it does
//! under the same lock — is never taken from under it. Temporary files are
//! removed at start once nobody has written to them for [`TEMP_GRACE`].

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use sha2::{Digest, Sha256};

use super::Store;
use crate::error::{Error, Result, StoreError};

/// The folder of evidence files inside the data folder.
pub const EVIDENCE_DIR: &str = "evidence";

/// How long an abandoned temporary file is left alone before the sweep at
/// start removes it (another process may still be writing it).
pub const TEMP_GRACE: Duration = Duration::from_secs(6 * 3600);

/// The size of the copy buffer.
const BUF: usize = 1 << 20;

static SEQ: AtomicU64 = AtomicU64::new(0);

/// The content-addressed folder of one store.
#[derive(Debug)]
pub struct Blobs {
    root: PathBuf,
    /// A folder of its own made for an in-memory store: removed with it.
    scratch: bool,
}

impl Drop for Blobs {
    fn drop(&mut self) {
        if self.scratch {
            let _ = fs::remove_dir_all(&self.root);
        }
    }
}

/// Bytes written to a temporary file and hashed, not yet in place. Dropped
/// without being placed, the temporary file is removed.
#[derive(Debug)]
pub struct Staged {
    tmp: PathBuf,
    pub sha256: String,
    pub size: u64,
}

impl Drop for Staged {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.tmp);
    }
}

/// How much is copied before the disk is asked to start writing it (see
/// [`Stager::write_behind`]).
const WRITE_BEHIND: u64 = 8 << 20;

/// A writer that hashes what it writes into a temporary file.
pub struct Stager {
    tmp: PathBuf,
    file: Option<File>,
    hasher: ParallelHash,
    size: u64,
    /// Bytes the disk was already asked to write.
    started: u64,
}

impl Write for Stager {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        let n = self.file.as_mut().expect("open until finished").write(b)?;
        self.hasher.update(&b[..n]);
        self.size += n as u64;
        self.write_behind();
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.file.as_mut().expect("open until finished").flush()
    }
}

impl Drop for Stager {
    fn drop(&mut self) {
        if self.file.is_some() {
            self.file = None;
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// How many bytes go to the hashing thread at a time.
const PIECE: usize = 1 << 20;

/// SHA-256 computed on a thread of its own while the copy goes on: a large
/// file costs about the longer of hashing and copying instead of their sum.
/// Bytes are handed over in [`PIECE`]s through a channel of two, and the
/// buffers come back to be reused, so memory stays a few MiB whatever the
/// size. Less than one piece is hashed here, without a thread.
#[derive(Default)]
struct ParallelHash {
    pending: Vec<u8>,
    worker: Option<HashWorker>,
}

struct HashWorker {
    tx: std::sync::mpsc::SyncSender<Vec<u8>>,
    back: std::sync::mpsc::Receiver<Vec<u8>>,
    done: std::thread::JoinHandle<String>,
}

impl ParallelHash {
    fn update(&mut self, b: &[u8]) {
        self.pending.extend_from_slice(b);
        if self.pending.len() >= PIECE {
            self.hand_over();
        }
    }

    fn hand_over(&mut self) {
        let w = self.worker.get_or_insert_with(|| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(2);
            let (back_tx, back) = std::sync::mpsc::channel();
            let done = std::thread::spawn(move || {
                let mut h = Sha256::new();
                for mut piece in rx {
                    h.update(&piece);
                    piece.clear();
                    let _ = back_tx.send(piece);
                }
                crate::util::hex(&h.finalize())
            });
            HashWorker { tx, back, done }
        });
        let next = w.back.try_recv().unwrap_or_else(|_| Vec::with_capacity(PIECE));
        let piece = std::mem::replace(&mut self.pending, next);
        // A worker that died is reported by `finish`.
        let _ = w.tx.send(piece);
    }

    /// The hex SHA-256 of everything given.
    fn finish(mut self) -> Result<String> {
        if self.worker.is_none() {
            return Ok(crate::util::hex(&Sha256::digest(&self.pending)));
        }
        if !self.pending.is_empty() {
            self.hand_over();
        }
        let HashWorker { tx, done, .. } = self.worker.take().expect("started");
        drop(tx);
        done.join().map_err(|_| Error::from(std::io::Error::other("the hashing thread failed")))
    }
}

impl Stager {
    /// Asks the disk to start writing what was copied so far (Linux:
    /// `sync_file_range`, which does not wait), every [`WRITE_BEHIND`]
    /// bytes: the disk writes while the copy goes on, so the flush in
    /// [`Stager::finish`] — which crash safety rests on, and which still
    /// runs — finds little left to do instead of the whole file.
    fn write_behind(&mut self) {
        if self.size - self.started < WRITE_BEHIND {
            return;
        }
        #[cfg(target_os = "linux")]
        if let Some(f) = &self.file {
            use std::os::fd::AsRawFd;
            let (from, len) = (self.started as libc::off64_t, (self.size - self.started) as libc::off64_t);
            // SAFETY: a plain system call on an open descriptor we own; it
            // reads no memory of ours. Its result only affects speed.
            unsafe { libc::sync_file_range(f.as_raw_fd(), from, len, libc::SYNC_FILE_RANGE_WRITE) };
        }
        self.started = self.size;
    }

    /// Flushes the file to disk and names its content.
    pub fn finish(mut self) -> Result<Staged> {
        let file = self.file.take().expect("finished once");
        let staged = Staged {
            tmp: std::mem::take(&mut self.tmp),
            sha256: std::mem::take(&mut self.hasher).finish()?,
            size: self.size,
        };
        file.sync_all().map_err(write_err)?;
        Ok(staged)
    }
}

impl Blobs {
    /// The evidence folder beside the database at `db`, or a scratch folder
    /// for an in-memory store.
    pub(super) fn for_db(db: Option<&Path>) -> Blobs {
        match db {
            Some(p) => Blobs { root: p.parent().unwrap_or(Path::new(".")).join(EVIDENCE_DIR), scratch: false },
            None => {
                let n = SEQ.fetch_add(1, Ordering::Relaxed);
                let root = std::env::temp_dir().join(format!("tiendo-mem-{}-{n}", std::process::id()));
                Blobs { root, scratch: true }
            }
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the bytes with this hash live.
    pub fn path(&self, sha256: &str) -> PathBuf {
        blob_path(&self.root, sha256)
    }

    /// Opens a temporary file to write bytes into.
    pub fn stager(&self) -> Result<Stager> {
        fs::create_dir_all(&self.root).map_err(write_err)?;
        let n = SEQ.fetch_add(1, Ordering::Relaxed);
        let tmp = self.root.join(format!(".{}-{n}.part", std::process::id()));
        let file = File::create(&tmp).map_err(write_err)?;
        Ok(Stager { tmp, file: Some(file), hasher: ParallelHash::default(), size: 0, started: 0 })
    }

    /// Streams `reader` into a temporary file, hashing as it goes.
    /// `progress` gets the bytes copied so far and may return `false` to cancel.
    pub fn stage(&self, reader: &mut dyn Read, progress: &mut dyn FnMut(u64) -> bool) -> Result<Staged> {
        let mut w = self.stager()?;
        pump(reader, &mut |b| {
            w.write_all(b).map_err(write_err)?;
            if !progress(w.size) {
                return Err(Error::new("err-cancelled"));
            }
            Ok(())
        })?;
        w.finish()
    }

    /// Renames staged bytes into place (the caller holds the database's write
    /// lock) and flushes the folder so the name survives a power cut.
    pub fn place(&self, staged: &Staged) -> Result<()> {
        let dest = self.path(&staged.sha256);
        let dir = dest.parent().expect("blob paths have a folder");
        fs::create_dir_all(dir).map_err(write_err)?;
        fs::rename(&staged.tmp, &dest).map_err(write_err)?;
        sync_dir(dir);
        Ok(())
    }
}

/// An error writing into the evidence folder: a full disk is said as the
/// database says it (the data folder's disk is full, nothing was changed).
fn write_err(e: std::io::Error) -> Error {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::StorageFull | K::QuotaExceeded | K::FileTooLarge => Error::from(StoreError::DiskFull).with_source(e),
        // ENOSPC where the kind is not mapped.
        _ if e.raw_os_error() == Some(28) => Error::from(StoreError::DiskFull).with_source(e),
        _ => e.into(),
    }
}

/// `root/ab/abcdef…`.
pub fn blob_path(root: &Path, sha256: &str) -> PathBuf {
    root.join(&sha256[..2.min(sha256.len())]).join(sha256)
}

/// Flushes a folder's entries (Unix; elsewhere the rename is already durable
/// or cannot be flushed from here).
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Reads `reader` to its end in buffer-sized pieces, handing each to `each`.
fn pump(reader: &mut dyn Read, each: &mut dyn FnMut(&[u8]) -> Result<()>) -> Result<()> {
    let mut buf = vec![0u8; BUF];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => each(&buf[..n])?,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
}

/// A 64-character lower-case hex name.
fn is_sha_name(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Streams the file at `path` to `out`, checking its size and hash.
pub fn copy_verified(path: &Path, sha256: &str, size: u64, out: &mut dyn Write) -> Result<u64> {
    let corrupt = || Error::from(StoreError::BlobCorrupt { sha: sha256.into() });
    let mut f = File::open(path).map_err(|_| corrupt())?;
    let mut h = ParallelHash::default();
    let mut n: u64 = 0;
    pump(&mut f, &mut |b| {
        h.update(b);
        out.write_all(b)?;
        n += b.len() as u64;
        Ok(())
    })?;
    if n != size || h.finish()? != sha256 {
        return Err(corrupt());
    }
    Ok(n)
}

/// Records staged bytes inside the caller's transaction on `conn` and puts
/// the file in place: the blob row is written first, which takes the write
/// lock, so no sweep can run between the rename and the commit. Bytes already
/// stored are not kept twice (a missing file of a known blob is put back).
pub(super) fn register(conn: &Connection, blobs: &Blobs, staged: &Staged) -> Result<super::Stored> {
    let existing: Option<(i64, i64)> = conn
        .query_row("SELECT id, in_db FROM blob WHERE sha256 = ?1", [&staged.sha256], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((id, in_db)) = existing {
        if in_db == 0 && !blobs.path(&staged.sha256).is_file() {
            blobs.place(staged)?;
        }
        return Ok(super::Stored { blob_id: id, sha256: staged.sha256.clone(), size: staged.size, deduplicated: true });
    }
    conn.execute(
        "INSERT INTO blob (sha256, size, in_db) VALUES (?1, ?2, 0)",
        params![staged.sha256, staged.size as i64],
    )?;
    let blob_id = conn.last_insert_rowid();
    blobs.place(staged)?;
    Ok(super::Stored { blob_id, sha256: staged.sha256.clone(), size: staged.size, deduplicated: false })
}

/// [`Store::drop_blob_files`] on a connection (no transaction open on it).
pub(super) fn drop_files(conn: &Connection, blobs: &Blobs, shas: &[String]) -> Result<()> {
    if shas.is_empty() {
        return Ok(());
    }
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    for sha in shas {
        let named: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM blob WHERE sha256 = ?1)", [sha], |r| r.get(0))?;
        if !named {
            let _ = fs::remove_file(blobs.path(sha));
        }
    }
    tx.commit()?;
    Ok(())
}

impl Store {
    /// The evidence folder of this store.
    pub fn blobs(&self) -> &Blobs {
        &self.blobs
    }

    /// Deletes the files of `shas` that no row names any more, holding the
    /// write lock while it checks and deletes (after a removal has committed).
    pub(super) fn drop_blob_files(&self, shas: &[String]) -> Result<()> {
        drop_files(&self.conn, &self.blobs, shas)
    }

    /// Removes orphans from the evidence folder: files no blob row names (a
    /// crash between the rename and the commit, a removal cut short) and
    /// temporary files nobody has written to for [`TEMP_GRACE`]. Returns how
    /// many files went.
    pub fn sweep_blobs(&self) -> Result<usize> {
        let root = self.blobs.root.clone();
        if !root.is_dir() {
            return Ok(0);
        }
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let mut removed = 0;
        let mut st = tx.prepare("SELECT EXISTS (SELECT 1 FROM blob WHERE sha256 = ?1 AND in_db = 0)")?;
        for entry in fs::read_dir(&root)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if name.ends_with(".part") {
                let idle = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age > TEMP_GRACE);
                if idle && fs::remove_file(&path).is_ok() {
                    removed += 1;
                }
                continue;
            }
            if !(name.len() == 2 && path.is_dir()) {
                continue;
            }
            for f in fs::read_dir(&path)? {
                let f = f?;
                let fname = f.file_name().to_string_lossy().into_owned();
                if !is_sha_name(&fname) || !fname.starts_with(&name) {
                    continue;
                }
                let named: bool = st.query_row([&fname], |r| r.get(0))?;
                if !named && fs::remove_file(f.path()).is_ok() {
                    removed += 1;
                }
            }
        }
        drop(st);
        tx.commit()?;
        Ok(removed)
    }

    /// Moves evidence still stored inside the database (by a version before
    /// evidence files) out to the evidence folder, one blob per transaction:
    /// interrupted, it goes on where it stopped at the next start; every byte
    /// is checked against its hash before its chunks are deleted. The space
    /// freed inside the database is given back once all are out.
    pub(super) fn move_blobs_out(&mut self) -> Result<usize> {
        let mut moved = 0;
        loop {
            let next: Option<(i64, String, i64)> = self
                .conn
                .query_row(
                    "SELECT id, sha256, size FROM blob WHERE in_db = 1 AND sha256 IS NOT NULL LIMIT 1",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let Some((id, sha, _size)) = next else { break };
            let mut w = self.blobs.stager()?;
            self.read_blob(&sha, &mut w)?;
            let staged = w.finish()?;
            let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
            let still: bool = tx.query_row("SELECT in_db = 1 FROM blob WHERE id = ?1", [id], |r| r.get(0)).optional()?.unwrap_or(false);
            if still {
                tx.execute("UPDATE blob SET in_db = 0 WHERE id = ?1", [id])?;
                tx.execute("DELETE FROM blob_chunk WHERE blob_id = ?1", [id])?;
                self.blobs.place(&staged)?;
            }
            tx.commit()?;
            moved += 1;
        }
        // Rows left half-written by a version that stored bytes inside.
        self.conn.execute("DELETE FROM blob_chunk WHERE blob_id IN (SELECT id FROM blob WHERE sha256 IS NULL)", [])?;
        if moved > 0 {
            // Give the freed pages back, in 4 KiB pages (each backup copies
            // every page). The page size can only change outside WAL mode;
            // if another process has the database open this fails harmlessly
            // and is left for a later start.
            let _ = self.conn.execute_batch(
                "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096; VACUUM;",
            );
            self.conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
        }
        Ok(moved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_on_its_own_thread_is_the_sha256_of_every_byte_whatever_the_pieces() {
        let data: Vec<u8> = (0..3 * PIECE + 5).map(|i| (i * 7 % 251) as u8).collect();
        for len in [0, 1, PIECE - 1, PIECE, PIECE + 1, 3 * PIECE + 5] {
            for step in [1000, 8192, PIECE, 3 * PIECE] {
                let mut h = ParallelHash::default();
                for chunk in data[..len].chunks(step) {
                    h.update(chunk);
                }
                assert_eq!(h.finish().unwrap(), crate::util::hex(&Sha256::digest(&data[..len])), "{len} bytes in pieces of {step}");
            }
        }
    }

    #[test]
    fn a_staged_file_is_named_by_its_content_and_flushed_whole() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = Blobs { root: dir.path().join(EVIDENCE_DIR), scratch: false };
        let data: Vec<u8> = (0..(WRITE_BEHIND as usize) * 2 + 3 * PIECE + 11).map(|i| (i % 253) as u8).collect();
        let mut seen = 0;
        let staged = blobs.stage(&mut &data[..], &mut |n| {
            seen = n;
            true
        }).unwrap();
        assert_eq!(seen, data.len() as u64);
        assert_eq!((staged.size, staged.sha256.clone()), (data.len() as u64, crate::util::hex(&Sha256::digest(&data))));
        assert_eq!(fs::read(&staged.tmp).unwrap(), data);
        blobs.place(&staged).unwrap();
        assert_eq!(fs::read(blobs.path(&staged.sha256)).unwrap(), data);
    }
}
