//! "Nothing lost": crash trials (the CLI killed with SIGKILL at random
//! moments), full and read-only disks, migrations of databases from every
//! released schema, backups that round-trip, two processes at once, hostile
//! file names and sizes. The figures of the long runs are in
//! docs/robustness.md.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tiendo::bundle::{self, KeySource};
use tiendo::domain::{Figure, Period, Status};
use tiendo::evidence::{DocType, EvidenceMeta};
use tiendo::progress::Change;
use tiendo::store::blobs::EVIDENCE_DIR;
use tiendo::store::{DB_FILE, MIGRATIONS, Store};
use tiendo::workspace::Workspace;

use super::{ok, tiendo};

const Q1: Period = Period { year: 2023, quarter: Some(1) };

// ---- helpers ---------------------------------------------------------------------

/// A small deterministic random generator (xorshift64*), so that a failing
/// run can be repeated with the same seed.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        let mut v = Vec::with_capacity(n + 8);
        while v.len() < n {
            v.extend_from_slice(&self.next().to_le_bytes());
        }
        v.truncate(n);
        v
    }
}

fn sha_hex(b: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(b).iter().map(|x| format!("{x:02x}")).collect()
}

/// The `tiendo` command on a data folder, as the crash trials start it.
fn command(data: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tiendo"));
    c.arg("--data-dir")
        .arg(data)
        .args(args)
        .env("TIENDO_LANG", "en")
        .env("TIENDO_TODAY", "2023-05-15")
        .env("TIENDO_USER", "tester")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

/// Runs a command to the end; its success and stderr.
fn run(data: &Path, args: &[&str]) -> (bool, String) {
    let out = command(data, args).output().expect("tiendo runs");
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// How long a run of `args` that must succeed takes.
fn timed_run(data: &Path, args: &[&str]) -> Duration {
    let t = Instant::now();
    assert!(run(data, args).0);
    t.elapsed()
}

/// Starts a command and kills it (SIGKILL) after `delay`. True when the
/// kill landed while it ran, false when it had already finished; and its pid.
fn run_and_kill(data: &Path, args: &[&str], delay: Duration) -> (bool, u32) {
    let mut child = command(data, args).stderr(Stdio::null()).spawn().expect("tiendo starts");
    std::thread::sleep(delay);
    let running = child.try_wait().expect("wait").is_none();
    if running {
        child.kill().expect("SIGKILL");
    }
    child.wait().expect("reaped");
    (running, child.id())
}

/// The killed process had written to the database's log (WAL): the kill
/// came after it started writing. The checks open and close the database
/// between runs, which empties the log.
fn wrote_to_log(data: &Path) -> bool {
    std::fs::metadata(data.join(format!("{DB_FILE}-wal"))).is_ok_and(|m| m.len() > 0)
}

/// How long a full run of `args` takes (the slower of two), to spread the
/// kills over it.
fn calibrate(mut once: impl FnMut() -> Duration) -> Duration {
    once().max(once())
}

/// Copies the database files of a data folder (the folder's process is not running).
fn copy_data(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for name in [DB_FILE.to_owned(), format!("{DB_FILE}-wal"), format!("{DB_FILE}-shm")] {
        let _ = std::fs::remove_file(to.join(&name));
        if from.join(&name).exists() {
            std::fs::copy(from.join(&name), to.join(&name)).unwrap();
        }
    }
    let keys = from.join("keys");
    if keys.is_dir() {
        std::fs::create_dir_all(to.join("keys")).unwrap();
        for e in std::fs::read_dir(&keys).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), to.join("keys").join(e.file_name())).unwrap();
        }
    }
    // The evidence files, exactly: what the copy had and the template lacks goes.
    let _ = std::fs::remove_dir_all(to.join(EVIDENCE_DIR));
    copy_tree(&from.join(EVIDENCE_DIR), &to.join(EVIDENCE_DIR));
}

/// Copies a folder and everything in it (nothing when it does not exist).
fn copy_tree(from: &Path, to: &Path) {
    if !from.is_dir() {
        return;
    }
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// Evidence as committed: id → (sha256, size).
type Committed = BTreeMap<i64, (String, u64)>;

fn committed(ws: &Workspace, unit: &str) -> Committed {
    ws.store()
        .evidence_list(&ws.plan.id, unit, None)
        .unwrap()
        .into_iter()
        .map(|e| (e.id, (e.sha256, e.size)))
        .collect()
}

/// How many of `before` are missing or changed now (bytes re-read and re-hashed).
fn lost(ws: &Workspace, before: &Committed) -> usize {
    before
        .iter()
        .filter(|(id, (sha, size))| {
            let Ok(e) = ws.store().evidence(**id) else { return true };
            if e.sha256 != *sha || e.size != *size {
                return true;
            }
            let mut h = Hashing::default();
            !matches!(ws.store().read_blob(sha, &mut h), Ok(n) if n == *size) || h.hex() != *sha
        })
        .count()
}

#[derive(Default)]
struct Hashing(sha2::Sha256);

impl std::io::Write for Hashing {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        use sha2::Digest;
        self.0.update(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Hashing {
    fn hex(self) -> String {
        use sha2::Digest;
        self.0.finalize().iter().map(|x| format!("{x:02x}")).collect()
    }
}

/// Counts of one operation's crash trials.
#[derive(Default, Debug)]
struct Tally {
    kills: usize,
    finished_first: usize,
    landed: usize,
    corrupt: usize,
    half_done: usize,
    lost: usize,
    partial_bundles: usize,
    remerge_failed: usize,
    /// Files in the evidence folder (or a backup folder) that nothing names
    /// and that the next start (or backup) does not clear away.
    orphans: usize,
    /// Backup generations that appeared under their final name incomplete,
    /// or that failed to restore.
    bad_generations: usize,
    /// Kills that came while the operation was writing: the database log
    /// (or, for an export, the bundle's temporary file) had been written to.
    mid_write: usize,
}

impl Tally {
    fn count(&mut self, killed: bool, mid_write: bool) {
        if killed {
            self.kills += 1;
        } else {
            self.finished_first += 1;
        }
        self.mid_write += mid_write as usize;
    }

    fn line(&self, op: &str) -> String {
        let mut s = format!(
            "{op}: {} kills, {} corrupt, {} half-done, {} lost evidence ({} after writing began, {} had landed, {} runs finished before the kill)",
            self.kills, self.corrupt, self.half_done, self.lost, self.mid_write, self.landed, self.finished_first
        );
        if op == "export" {
            s.push_str(&format!(", {} partial bundles", self.partial_bundles));
        }
        if op == "merge" {
            s.push_str(&format!(", {} re-merges failed", self.remerge_failed));
        }
        if op == "backup" {
            s.push_str(&format!(", {} bad generations", self.bad_generations));
        }
        s.push_str(&format!(", {} orphan files left", self.orphans));
        s
    }
    fn clean(&self) -> bool {
        self.corrupt == 0
            && self.half_done == 0
            && self.lost == 0
            && self.partial_bundles == 0
            && self.remerge_failed == 0
            && self.orphans == 0
            && self.bad_generations == 0
    }
}

/// A commune's data folder with progress and a few MiB of evidence.
fn commune_folder(dir: &Path, rng: &mut Rng, files: usize) {
    assert!(run(dir, &["unit", "set", "X-ANT"]).0);
    assert!(run(dir, &["task", "set", "1.5", "--status", "in_progress", "--progress", "40", "--note", "đang làm"]).0);
    assert!(run(dir, &["kpi", "set", "3.1.a", "--quarter", "2023Q1", "--num", "98", "--den", "100"]).0);
    let src = dir.join("src");
    std::fs::create_dir_all(&src).unwrap();
    for i in 0..files {
        let f = src.join(format!("Biên bản {i}.pdf"));
        let n = (1 << 20) + rng.below(3 << 20) as usize;
        std::fs::write(&f, rng.bytes(n)).unwrap();
        let (good, err) = run(dir, &["evidence", "add", "1.5", f.to_str().unwrap(), "--type", "report"]);
        assert!(good, "{err}");
    }
}

// ---- crash trials -------------------------------------------------------------------

/// The files under `root` whose names end (or do not end) in `.part`.
fn files_under(root: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let (mut named, mut parts) = (vec![], vec![]);
    let Ok(rd) = std::fs::read_dir(root) else { return (named, parts) };
    for e in rd.map(|e| e.unwrap()) {
        if e.file_type().unwrap().is_dir() {
            let (n, p) = files_under(&e.path());
            named.extend(n);
            parts.extend(p);
        } else if e.file_name().to_string_lossy().contains(".part") {
            parts.push(e.path());
        } else {
            named.push(e.path());
        }
    }
    (named, parts)
}

/// The kill came once the operation had begun writing: the database log, or
/// a temporary evidence file.
fn writing_began(data: &Path) -> bool {
    wrote_to_log(data) || !files_under(&data.join(EVIDENCE_DIR)).1.is_empty()
}

/// Orphans that outlive a start: evidence files no row names (the sweep at
/// start must take them), and temporary files still there once their grace
/// has passed (aged here by hand, then a start).
fn orphans(data: &Path) -> usize {
    let root = data.join(EVIDENCE_DIR);
    let long_ago = std::time::SystemTime::now() - tiendo::store::blobs::TEMP_GRACE - Duration::from_secs(60);
    for p in files_under(&root).1 {
        std::fs::File::options().write(true).open(&p).unwrap().set_modified(long_ago).unwrap();
    }
    let ws = Workspace::open(data).unwrap();
    let (named, parts) = files_under(&root);
    parts.len() + named.len().abs_diff(ws.store().blob_stats().unwrap().0 as usize)
}

fn trial_evidence_add(base: &Path, n: usize, rng: &mut Rng) -> Tally {
    // Every ten runs the folder starts again from this one, so that the
    // database (and the re-reading of all its evidence) stays small.
    let template = base.join("evidence-add-template");
    commune_folder(&template, rng, 2);
    let dir = base.join("evidence-add");
    copy_data(&template, &dir);
    let src = base.join("evidence-src");
    std::fs::create_dir_all(&src).unwrap();
    let file = src.join("Quyết định.pdf");
    let full = calibrate(|| {
        std::fs::write(&file, rng.bytes(4 << 20)).unwrap();
        let t = Instant::now();
        assert!(run(&dir, &["evidence", "add", "1.5", file.to_str().unwrap()]).0);
        t.elapsed()
    });
    let mut t = Tally::default();
    let mut runs = 0;
    while t.kills < n && runs < 3 * n {
        runs += 1;
        if runs % 10 == 1 {
            copy_data(&template, &dir);
        }
        let size = (1 << 20) + rng.below(3 << 20) as usize;
        let bytes = rng.bytes(size);
        let sha = sha_hex(&bytes);
        std::fs::write(&file, &bytes).unwrap();
        let before = {
            let ws = Workspace::open(&dir).unwrap();
            (committed(&ws, "X-ANT"), ws.store().blob_stats().unwrap())
        };
        let delay = Duration::from_micros(rng.below(full.as_micros() as u64));
        let (killed, _) = run_and_kill(&dir, &["evidence", "add", "1.5", file.to_str().unwrap()], delay);
        t.count(killed, killed && writing_began(&dir));
        let ws = Workspace::open(&dir).unwrap();
        if !ws.store().integrity_ok().unwrap() {
            t.corrupt += 1;
            continue;
        }
        t.orphans += orphans(&dir);
        t.lost += lost(&ws, &before.0);
        let now = committed(&ws, "X-ANT");
        let stats = ws.store().blob_stats().unwrap();
        let new: Vec<_> = now.iter().filter(|(id, _)| !before.0.contains_key(id)).collect();
        match new.as_slice() {
            // Nothing happened: not even stray bytes were kept.
            [] if stats == before.1 => {}
            // All of it: the attachment, with exactly the file's bytes.
            [(id, (s, size))] if *s == sha && *size == bytes.len() as u64 && lost(&ws, &[(**id, (s.clone(), *size))].into()) == 0 => {
                t.landed += 1
            }
            _ => t.half_done += 1,
        }
    }
    t
}

fn trial_task_update(base: &Path, n: usize, rng: &mut Rng) -> Tally {
    let dir = base.join("task-update");
    commune_folder(&dir, rng, 1);
    let statuses = [Status::NotStarted, Status::InProgress, Status::Done];
    let full = calibrate(|| {
        let t = Instant::now();
        assert!(run(&dir, &["task", "set", "1.5", "--progress", "41"]).0);
        t.elapsed()
    });
    let mut t = Tally::default();
    let mut runs = 0;
    while t.kills < n && runs < 3 * n {
        let i = runs;
        runs += 1;
        let (before, history, evidence) = {
            let ws = Workspace::open(&dir).unwrap();
            let s = ws.store().task_state(&ws.plan.id, "X-ANT", "1.5").unwrap();
            let h = ws.store().history(&ws.plan.id, "X-ANT", "1.5").unwrap().len();
            (s, h, committed(&ws, "X-ANT"))
        };
        // Three fields, all different from the current ones.
        let status = *statuses.iter().find(|s| **s != before.status).unwrap();
        let progress = (before.progress + 1 + rng.below(50) as u8) % 101;
        let progress = if progress == before.progress { (progress + 1) % 101 } else { progress };
        // Done is 100 % (Store::update_task).
        let progress = if status.is_done() { 100 } else { progress };
        let changed = 2 + usize::from(progress != before.progress);
        let note = format!("lần {i}: đã cập nhật");
        let delay = Duration::from_micros(rng.below(full.as_micros() as u64));
        let p = progress.to_string();
        let (killed, _) = run_and_kill(&dir, &["task", "set", "1.5", "--status", status.as_str(), "--progress", &p, "--note", &note], delay);
        t.count(killed, killed && wrote_to_log(&dir));
        let ws = Workspace::open(&dir).unwrap();
        if !ws.store().integrity_ok().unwrap() {
            t.corrupt += 1;
            continue;
        }
        t.lost += lost(&ws, &evidence);
        let s = ws.store().task_state(&ws.plan.id, "X-ANT", "1.5").unwrap();
        let h = ws.store().history(&ws.plan.id, "X-ANT", "1.5").unwrap().len();
        let none = s.status == before.status && s.progress == before.progress && s.note == before.note && h == history;
        let all = s.status == status && s.progress == progress && s.note == note && h == history + changed;
        if all {
            t.landed += 1;
        } else if !none {
            t.half_done += 1;
        }
    }
    t
}

fn trial_export(base: &Path, n: usize, rng: &mut Rng) -> Tally {
    let dir = base.join("export");
    commune_folder(&dir, rng, 3);
    let out_dir = base.join("export-out");
    std::fs::create_dir_all(&out_dir).unwrap();
    let out = out_dir.join("X-ANT-2023Q1.zip");
    let key = Workspace::open(&dir).unwrap().signing_key().unwrap().public();
    let args = ["export", "--period", "2023Q1", "--out", out.to_str().unwrap()];
    let full = calibrate(|| timed_run(&dir, &args));
    let mut t = Tally::default();
    let mut runs = 0;
    while t.kills < n && runs < 3 * n {
        runs += 1;
        let _ = std::fs::remove_file(&out);
        let (evidence, last) = {
            let ws = Workspace::open(&dir).unwrap();
            (committed(&ws, "X-ANT"), ws.store().next_export("X-ANT", "2023Q1").unwrap())
        };
        let delay = Duration::from_micros(rng.below(full.as_micros() as u64));
        let (killed, pid) = run_and_kill(&dir, &args, delay);
        let part = out_dir.join(format!(".X-ANT-2023Q1.zip.{pid}.part"));
        t.count(killed, killed && part.exists());
        let ws = Workspace::open(&dir).unwrap();
        if !ws.store().integrity_ok().unwrap() {
            t.corrupt += 1;
            continue;
        }
        t.lost += lost(&ws, &evidence);
        let (next, prev_sha) = ws.store().next_export("X-ANT", "2023Q1").unwrap();
        if out.exists() {
            // Whatever is at the final name is a whole, valid bundle that the
            // database has recorded as its latest export.
            match bundle::verify(&out, &KeySource::Given(key.clone())) {
                Ok(v) if Some(&v.manifest_sha) == prev_sha.as_ref() && v.manifest.sequence == next - 1 && next > last.0 => {
                    t.landed += 1
                }
                Ok(_) => t.half_done += 1,
                Err(_) => t.partial_bundles += 1,
            }
        } else if next < last.0 {
            t.half_done += 1;
        }
    }
    // Killed exports may leave their temporary file beside the final name
    // (never at it); the next export clears them away.
    let _ = std::fs::remove_file(&out);
    assert!(run(&dir, &args).0);
    let left: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(left.is_empty(), "stale temporary files left: {left:?}");
    bundle::verify(&out, &KeySource::Given(key)).unwrap();
    t
}

fn trial_merge(base: &Path, n: usize, rng: &mut Rng) -> Tally {
    // A commune's bundle with several MiB of evidence.
    let commune = base.join("merge-commune");
    commune_folder(&commune, rng, 3);
    let bundle_path = base.join("X-ANT-2023Q1.zip");
    assert!(run(&commune, &["export", "--period", "2023Q1", "--out", bundle_path.to_str().unwrap()]).0);
    let key = Workspace::open(&commune).unwrap().signing_key().unwrap().public();
    // The district, with evidence of its own, trusting the commune's key.
    let template = base.join("merge-template");
    {
        assert!(run(&template, &["unit", "set", "PNV"]).0);
        let f = base.join("Kế hoạch huyện.pdf");
        std::fs::write(&f, rng.bytes(2 << 20)).unwrap();
        assert!(run(&template, &["evidence", "add", "1.1", f.to_str().unwrap()]).0);
        // The district merges the communes under it (Phòng Nội vụ's evidence stays).
        assert!(run(&template, &["unit", "set", "CUCHI"]).0);
        let ws = Workspace::open(&template).unwrap();
        ws.trust_key("X-ANT", &key).unwrap();
    }
    let (empty_digest, district_evidence) = {
        let ws = Workspace::open(&template).unwrap();
        (ws.store().merged_digest().unwrap(), committed(&ws, "PNV"))
    };
    let dir = base.join("merge");
    let args = ["merge", bundle_path.to_str().unwrap()];
    copy_data(&template, &dir);
    let t0 = Instant::now();
    assert!(run(&dir, &args).0);
    let first = t0.elapsed();
    let merged_digest = Workspace::open(&dir).unwrap().store().merged_digest().unwrap();
    assert_ne!(merged_digest, empty_digest);
    copy_data(&template, &dir);
    let t0 = Instant::now();
    assert!(run(&dir, &args).0);
    let full = first.max(t0.elapsed());
    let mut t = Tally::default();
    let mut runs = 0;
    while t.kills < n && runs < 3 * n {
        runs += 1;
        copy_data(&template, &dir);
        let delay = Duration::from_micros(rng.below(full.as_micros() as u64));
        let (killed, _) = run_and_kill(&dir, &args, delay);
        t.count(killed, killed && writing_began(&dir));
        {
            let ws = Workspace::open(&dir).unwrap();
            if !ws.store().integrity_ok().unwrap() {
                t.corrupt += 1;
                continue;
            }
            t.orphans += orphans(&dir);
            t.lost += lost(&ws, &district_evidence);
            let d = ws.store().merged_digest().unwrap();
            if d == merged_digest {
                t.landed += 1;
            } else if d != empty_digest {
                t.half_done += 1;
            }
        }
        // Merging again succeeds and gives exactly what a clean merge gives.
        let (good, _) = run(&dir, &args);
        let ws = Workspace::open(&dir).unwrap();
        if !good || ws.store().merged_digest().unwrap() != merged_digest || !ws.store().integrity_ok().unwrap() {
            t.remerge_failed += 1;
        }
    }
    t
}

/// Every generation in `place` restores into a copy of `data` with every
/// evidence byte checked; the number that do not.
fn restore_every_generation(base: &Path, data: &Path, place: &Path) -> usize {
    let scratch = base.join("backup-restore");
    let mut bad = 0;
    for g in tiendo::store::backup::list_backups(place).unwrap() {
        let _ = std::fs::remove_dir_all(&scratch);
        copy_data(data, &scratch);
        let mut ws = Workspace::open(&scratch).unwrap();
        let restored = ws.restore(&g).is_ok() && ws.store().integrity_ok().unwrap();
        let all = ws.store().evidence_list(&ws.plan.id, "X-ANT", None).unwrap().into_iter().map(|e| (e.id, (e.sha256, e.size))).collect();
        if !restored || lost(&ws, &all) > 0 {
            bad += 1;
        }
    }
    bad
}

fn trial_backup(base: &Path, n: usize, rng: &mut Rng) -> Tally {
    let template = base.join("backup-template");
    commune_folder(&template, rng, 3);
    let dir = base.join("backup");
    let place = base.join("backup-place");
    let src = base.join("backup-src");
    std::fs::create_dir_all(&src).unwrap();
    let args = ["backup", "--to", place.to_str().unwrap()];
    let add_evidence = |rng: &mut Rng| {
        let f = src.join("Công văn.pdf");
        let size = (1 << 20) + rng.below(3 << 20) as usize;
        std::fs::write(&f, rng.bytes(size)).unwrap();
        assert!(run(&dir, &["evidence", "add", "1.5", f.to_str().unwrap()]).0);
    };
    let full = calibrate(|| {
        copy_data(&template, &dir);
        let _ = std::fs::remove_dir_all(&place);
        add_evidence(rng);
        timed_run(&dir, &args)
    });
    let mut t = Tally::default();
    let mut runs = 0;
    while t.kills < n && runs < 3 * n {
        runs += 1;
        if runs % 10 == 1 {
            if runs > 1 {
                t.bad_generations += restore_every_generation(base, &dir, &place);
            }
            copy_data(&template, &dir);
            let _ = std::fs::remove_dir_all(&place);
        }
        // Each backup has a new evidence file to copy, besides the database.
        add_evidence(rng);
        let (evidence, gens) = {
            let ws = Workspace::open(&dir).unwrap();
            (committed(&ws, "X-ANT"), tiendo::store::backup::list_backups(&place).unwrap().len())
        };
        let delay = Duration::from_micros(rng.below(full.as_micros() as u64));
        let (killed, _) = run_and_kill(&dir, &args, delay);
        t.count(killed, killed && !files_under(&place).1.is_empty());
        let ws = Workspace::open(&dir).unwrap();
        if !ws.store().integrity_ok().unwrap() {
            t.corrupt += 1;
            continue;
        }
        t.lost += lost(&ws, &evidence);
        let now = tiendo::store::backup::list_backups(&place).unwrap();
        match now.len() {
            n if n == gens => {}
            n if n == gens + 1 => {
                // The new generation under its final name is whole: all of its evidence beside it.
                match tiendo::store::backup::inspect_backup(now.last().unwrap()) {
                    Ok(info) if info.evidence_files == evidence.len() => t.landed += 1,
                    _ => t.bad_generations += 1,
                }
            }
            _ => t.half_done += 1,
        }
    }
    t.bad_generations += restore_every_generation(base, &dir, &place);
    // The next backup clears what killed ones left: no temporary file, and
    // only evidence files a generation names.
    assert!(run(&dir, &args).0);
    let (named, parts) = files_under(&place.join(tiendo::store::backup::BLOBS_DIR));
    let newest = tiendo::store::backup::list_backups(&place).unwrap();
    let info = tiendo::store::backup::inspect_backup(newest.last().unwrap()).unwrap();
    t.orphans += parts.len() + files_under(&place).1.len() + named.len().abs_diff(info.evidence_files);
    t
}

/// Runs `n` kills of each operation and prints the counts.
fn crash_trials(n: usize) {
    let seed = std::env::var("CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x7135_D0_2023_u64);
    let base = tempfile::tempdir().unwrap();
    let mut report = vec![];
    let mut all_clean = true;
    type Trial = fn(&Path, usize, &mut Rng) -> Tally;
    let trials: [(&str, Trial); 5] = [
        ("evidence-add", trial_evidence_add),
        ("task-update", trial_task_update),
        ("export", trial_export),
        ("merge", trial_merge),
        ("backup", trial_backup),
    ];
    for (i, (op, f)) in trials.iter().enumerate() {
        let mut rng = Rng::new(seed.wrapping_add(i as u64));
        let t0 = Instant::now();
        let tally = f(base.path(), n, &mut rng);
        let line = format!("{} [{:.0} s]", tally.line(op), t0.elapsed().as_secs_f64());
        eprintln!("crash-trials: {line}");
        all_clean &= tally.clean();
        report.push(line);
    }
    eprintln!("crash-trials: seed {seed:#x}, {n} runs per operation\n  {}", report.join("\n  "));
    assert!(all_clean, "crash trials found damage:\n{}", report.join("\n"));
}

/// The short form, on every `cargo test`.
#[test]
fn crash_trials_short() {
    crash_trials(std::env::var("CRASH_TRIALS_SHORT").ok().and_then(|s| s.parse().ok()).unwrap_or(6));
}

/// The long form: `cargo test --test it crash_trials_full -- --ignored --nocapture`
/// (`CRASH_TRIALS=N` changes the 100 runs per operation, `CRASH_SEED` the seed).
#[test]
#[ignore = "long: about 15 minutes; run with --ignored"]
fn crash_trials_full() {
    crash_trials(std::env::var("CRASH_TRIALS").ok().and_then(|s| s.parse().ok()).unwrap_or(100));
}

// ---- migrations ------------------------------------------------------------------------

fn fixture(version: usize) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(format!("schema-v{version}.sqlite3"))
}

/// The evidence files of a fixture (schema 5 and later keep them beside the database).
fn fixture_evidence(version: usize) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(format!("schema-v{version}-evidence"))
}

/// Writes the fixture databases again (only when a new schema version is
/// released: `cargo test --test it regenerate_migration_fixtures -- --ignored`).
/// A released fixture is never rewritten.
#[test]
#[ignore = "writes tests/fixtures; run once per released schema version"]
fn regenerate_migration_fixtures() {
    for v in 1..=MIGRATIONS.len() {
        let dest = fixture(v);
        if dest.exists() {
            continue;
        }
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("f.sqlite3");
        tiendo::store::testing::create_fixture(&p, v).unwrap();
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&p, &dest).unwrap();
        // Since schema 5 the evidence is in files beside the database: they travel with it.
        copy_tree(&tmp.path().join(EVIDENCE_DIR), &fixture_evidence(v));
        assert!(!tmp.path().join("f.sqlite3-wal").exists() || std::fs::metadata(tmp.path().join("f.sqlite3-wal")).unwrap().len() == 0);
    }
}

/// The newest schema a released version wrote: 4. This version adds 5
/// (evidence in files; its fixture is made), 6 (the organisation) and 7
/// (receipts), whose fixtures are made when they are released.
const LAST_RELEASED_SCHEMA: usize = 4;

#[test]
fn every_released_schema_opens_and_migrates_with_its_data() {
    use tiendo::store::testing::fixture as f;
    for v in 1..=MIGRATIONS.len() {
        let src = fixture(v);
        if v > LAST_RELEASED_SCHEMA && !src.exists() {
            // Schemas being worked on: their fixtures are made when released.
            continue;
        }
        assert!(src.exists(), "no fixture for schema {v}: run regenerate_migration_fixtures");
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(&src, dir.path().join(DB_FILE)).unwrap();
        copy_tree(&fixture_evidence(v), &dir.path().join(EVIDENCE_DIR));
        let original = std::fs::read(&src).unwrap();
        let ws = Workspace::open(dir.path()).unwrap_or_else(|e| panic!("schema {v}: {e:?}"));
        assert_eq!(ws.store().schema_version().unwrap(), MIGRATIONS.len(), "schema {v}");
        assert!(ws.store().integrity_ok().unwrap());
        assert_eq!(ws.unit.as_deref(), Some(f::UNIT), "schema {v}");
        let s = ws.store().task_state(&ws.plan.id, f::UNIT, "1.5").unwrap();
        assert_eq!((s.status, s.progress, s.note.as_str()), (Status::Done, 100, f::NOTE), "schema {v}");
        let h = ws.store().history(&ws.plan.id, f::UNIT, "1.5").unwrap();
        let fields: Vec<&str> = h.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["status", "progress", "status", "progress", "note"], "schema {v}");
        let s16 = ws.store().task_state(&ws.plan.id, f::UNIT, "1.6").unwrap();
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(s16.milestones_done.get(&d("2023-03-07")), Some(&d("2023-03-06")), "schema {v}");
        let kpi = ws.kpi_rows(f::UNIT, Period { year: 2023, quarter: None }).unwrap();
        let k = kpi.iter().find(|r| r.target.code == "3.1.a").unwrap();
        assert_eq!(k.figure, Some(Figure { numerator: 1025.0, denominator: 1050.0 }), "schema {v}");
        let ev = ws.store().evidence_list(&ws.plan.id, f::UNIT, None).unwrap();
        if v >= 2 {
            assert_eq!(ev.len(), 1, "schema {v}");
            let mut bytes = vec![];
            ws.store().read_blob(&ev[0].sha256, &mut bytes).unwrap();
            assert_eq!(bytes, f::evidence_bytes(), "schema {v}");
            assert_eq!(ev[0].file_name, f::EVIDENCE_NAME);
            // The bytes were moved out to their file, and the database gave their space back.
            let file = dir.path().join(EVIDENCE_DIR).join(&ev[0].sha256[..2]).join(&ev[0].sha256);
            assert!(std::fs::read(&file).unwrap() == f::evidence_bytes(), "schema {v}: {file:?}");
            let db_size = std::fs::metadata(dir.path().join(DB_FILE)).unwrap().len();
            assert!(db_size < bytes.len() as u64, "schema {v}: the database still holds the evidence ({db_size} bytes)");
        } else {
            assert!(ev.is_empty());
        }
        if v >= 3 {
            assert_eq!(ws.store().next_export(f::UNIT, "2023Q1").unwrap().0, 2);
            assert!(ws.store().key(f::KEY_ID).unwrap().is_some());
        }
        // The new tables work: a task update, an attachment.
        let mut ws = ws;
        // (1.5 is done: reopened to record 90 %; a done task is 100 %.)
        ws.update_task(f::UNIT, "1.5", &Change { status: Some(Status::InProgress), progress: Some(90), ..Default::default() }).unwrap();
        let file = dir.path().join("mới.pdf");
        std::fs::write(&file, b"new").unwrap();
        ws.add_evidence(f::UNIT, "1.5", &file, &EvidenceMeta::default(), &mut |_| true).unwrap();
        // An old schema was copied aside, exactly as it was, before migrating.
        let backups = tiendo::store::backup::list_backups(&ws.backup_dir().unwrap()).unwrap();
        let before: Vec<&PathBuf> = backups.iter().filter(|p| p.to_string_lossy().contains("before-v")).collect();
        if v < MIGRATIONS.len() {
            assert_eq!(before.len(), 1, "schema {v}: {backups:?}");
            let info = tiendo::store::backup::inspect_backup(before[0]).unwrap();
            assert_eq!(info.schema_version, v);
            let copy = Store::open(&{
                let d = dir.path().join("check");
                std::fs::create_dir_all(&d).unwrap();
                let p = d.join("old.sqlite3");
                std::fs::copy(before[0], &p).unwrap();
                p
            })
            .unwrap();
            assert_eq!(copy.task_state("cu-chi-cchc-2023", f::UNIT, "1.5").unwrap().note, f::NOTE);
        } else {
            assert!(before.is_empty(), "{backups:?}");
        }
        assert_eq!(std::fs::read(&src).unwrap(), original, "the fixture itself is never changed");
    }
}

#[test]
fn a_database_from_a_newer_version_is_refused_with_a_clear_message_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    let newest = (1..=MIGRATIONS.len()).rev().map(fixture).find(|p| p.exists()).unwrap();
    std::fs::copy(newest, &db).unwrap();
    tiendo::store::testing::record_future_migration(&db).unwrap();
    let files = |d: &Path| -> BTreeMap<String, Vec<u8>> {
        std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().unwrap().is_file())
            .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
            .collect()
    };
    let before = files(dir.path());
    let out = tiendo(dir.path(), &["--lang", "en", "tasks"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("newer version") && err.contains("not changed"), "{err}");
    assert_eq!(files(dir.path()).get(DB_FILE), before.get(DB_FILE), "database untouched");
    assert!(!dir.path().join("backups").exists(), "no backup, no migration");
    assert_eq!(Workspace::open(dir.path()).err().unwrap().key, "err-db-newer");
}

// ---- backups -----------------------------------------------------------------------------

#[test]
fn backup_then_restore_round_trips_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["unit", "set", "X-AP"]);
    ok(d, &["task", "set", "3.1", "--status", "đang thực hiện", "--progress", "30", "--note", "Bước 1"]);
    let scan = d.join("Quyết định 5.pdf");
    let bytes = Rng::new(5).bytes(3 * (1 << 20) + 17);
    std::fs::write(&scan, &bytes).unwrap();
    ok(d, &["evidence", "add", "3.1", scan.to_str().unwrap()]);
    let first = d.join("out").join("first.sqlite3");
    ok(d, &["backup", "--out", first.to_str().unwrap()]);
    // Change everything, then restore.
    ok(d, &["task", "set", "3.1", "--status", "hoàn thành", "--progress", "100"]);
    ok(d, &["evidence", "remove", "1"]);
    ok(d, &["restore", first.to_str().unwrap()]);
    let second = d.join("out").join("second.sqlite3");
    ok(d, &["backup", "--out", second.to_str().unwrap()]);
    assert!(std::fs::read(&first).unwrap() == std::fs::read(&second).unwrap(), "backup → restore → backup gives the same bytes");
    let got = d.join("lại.pdf");
    ok(d, &["evidence", "get", "1", "--out", got.to_str().unwrap()]);
    assert!(std::fs::read(&got).unwrap() == bytes);
    // The state before the restore was kept.
    let kept = tiendo::store::backup::list_backups(&d.join("backups")).unwrap();
    assert!(kept.iter().any(|p| p.to_string_lossy().contains("before-restore")), "{kept:?}");
}

#[test]
fn the_command_line_makes_the_daily_backup() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["unit", "set", "X-AP"]);
    let auto = |d: &Path| {
        tiendo::store::backup::list_backups(&d.join("backups"))
            .unwrap()
            .into_iter()
            .filter(|p| p.to_string_lossy().contains("-auto"))
            .count()
    };
    assert_eq!(auto(d), 1, "first run");
    ok(d, &["tasks"]);
    assert_eq!(auto(d), 1, "not again the same day");
    {
        let ws = Workspace::open(d).unwrap();
        ws.store().set_meta("last_backup", "2023-01-01T08:00:00").unwrap();
    }
    ok(d, &["tasks"]);
    assert_eq!(auto(d), 2, "a day later");
}

/// Every file under `dir` and its size (for the size of a folder of backups).
fn tree_size(dir: &Path) -> u64 {
    let Ok(rd) = std::fs::read_dir(dir) else { return 0 };
    rd.map(|e| e.unwrap())
        .map(|e| if e.file_type().unwrap().is_dir() { tree_size(&e.path()) } else { e.metadata().unwrap().len() })
        .sum()
}

#[test]
fn backups_to_a_second_place_keep_each_evidence_file_once_and_every_generation_restores() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let usb = d.join("usb");
    let mut rng = Rng::new(13);
    commune_folder(d, &mut rng, 3);
    let evidence = tree_size(&d.join(EVIDENCE_DIR));
    assert!(evidence > 3 << 20);
    // Three generations with small changes between them.
    for p in ["50", "60", "70"] {
        ok(d, &["task", "set", "1.5", "--progress", p]);
        ok(d, &["backup", "--to", usb.to_str().unwrap()]);
    }
    let gens = tiendo::store::backup::list_backups(&usb).unwrap();
    assert_eq!(gens.len(), 3, "{gens:?}");
    // All the folder holds: each evidence file once, and three small database copies.
    let dbs: u64 = gens.iter().map(|g| std::fs::metadata(g).unwrap().len()).sum();
    assert_eq!(tree_size(&usb.join(tiendo::store::backup::BLOBS_DIR)), evidence, "each evidence file once");
    assert_eq!(tree_size(&usb), evidence + dbs, "nothing else (no log files beside the copies)");
    // The three database copies together are smaller than one copy of the evidence.
    assert!(dbs < evidence, "the database copies are small: {dbs} bytes against {evidence}");
    for g in &gens {
        let info = tiendo::store::backup::inspect_backup(g).unwrap();
        assert_eq!((info.evidence_files, info.evidence_bytes), (3, evidence), "{g:?}");
    }
    {
        let ws = Workspace::open(d).unwrap();
        let (at, to) = ws.backup_place_written().unwrap().expect("recorded");
        assert_eq!((at.date(), to), (chrono::NaiveDate::from_ymd_opt(2023, 5, 15).unwrap(), usb.clone()));
    }
    // Lose the data folder's evidence and database both: the first generation brings all back.
    let before = {
        let ws = Workspace::open(d).unwrap();
        committed(&ws, "X-ANT")
    };
    ok(d, &["evidence", "remove", &before.keys().next().unwrap().to_string()]);
    std::fs::remove_dir_all(d.join(EVIDENCE_DIR)).unwrap();
    ok(d, &["restore", gens[0].to_str().unwrap()]);
    let ws = Workspace::open(d).unwrap();
    assert_eq!(committed(&ws, "X-ANT"), before);
    assert_eq!(lost(&ws, &before), 0);
    assert_eq!(ws.store().task_state(&ws.plan.id, "X-ANT", "1.5").unwrap().progress, 50);
    drop(ws);
    // A damaged evidence file in a generation's folder: refused by name, nothing changed.
    let (sha, _) = before.values().next().unwrap();
    let damaged = usb.join("blobs").join(&sha[..2]).join(sha);
    let mut bytes = std::fs::read(&damaged).unwrap();
    bytes[1000] ^= 1;
    std::fs::write(&damaged, &bytes).unwrap();
    let (good, err) = run(d, &["restore", gens[2].to_str().unwrap()]);
    assert!(!good && err.contains("damaged evidence file") && err.contains(sha.as_str()), "{err}");
    let ws = Workspace::open(d).unwrap();
    assert_eq!(ws.store().task_state(&ws.plan.id, "X-ANT", "1.5").unwrap().progress, 50, "unchanged");
    // --out and --to together are refused.
    let (good, err) = run(d, &["backup", "--to", "a", "--out", "b.sqlite3"]);
    assert!(!good && err.contains("--to"), "{err}");
}

#[test]
fn rotation_drops_the_evidence_files_no_kept_generation_names() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.set_unit("X-AP").unwrap();
    let f = dir.path().join("Tờ trình.pdf");
    std::fs::write(&f, Rng::new(3).bytes(300_000)).unwrap();
    let ev = ws.add_evidence("X-AP", "3.1", &f, &EvidenceMeta::default(), &mut |_| true).unwrap();
    let place = dir.path().join("place");
    ws.backup_to_place(&place).unwrap();
    let kept = place.join("blobs").join(&ev.sha256[..2]).join(&ev.sha256);
    assert!(kept.is_file());
    ws.store_mut().remove_evidence(ev.id).unwrap();
    assert!(!ws.store().blobs().path(&ev.sha256).exists(), "the file goes with its last attachment");
    for i in 1..tiendo::store::backup::KEEP {
        ws.backup_to_place(&place).unwrap();
        assert!(kept.is_file(), "still named by the oldest generation ({i})");
    }
    ws.backup_to_place(&place).unwrap();
    assert_eq!(tiendo::store::backup::list_backups(&place).unwrap().len(), tiendo::store::backup::KEEP);
    assert!(!kept.exists(), "no kept generation names it");
}

#[test]
fn orphan_evidence_files_are_swept_at_start_and_temporary_ones_after_their_grace() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let root = ws.store().blobs().root().to_owned();
    drop(ws);
    // What a crash leaves: a file renamed into place whose row never committed,
    // a temporary file abandoned long ago, and one still being written.
    let orphan = root.join("ab").join("ab".repeat(32));
    std::fs::create_dir_all(orphan.parent().unwrap()).unwrap();
    std::fs::write(&orphan, b"never committed").unwrap();
    let old = root.join(".999-1.part");
    std::fs::write(&old, b"abandoned").unwrap();
    let long_ago = std::time::SystemTime::now() - tiendo::store::blobs::TEMP_GRACE - Duration::from_secs(60);
    std::fs::File::options().write(true).open(&old).unwrap().set_modified(long_ago).unwrap();
    let fresh = root.join(".999-2.part");
    std::fs::write(&fresh, b"being written").unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    assert!(!orphan.exists() && !old.exists(), "swept at start");
    assert!(fresh.exists(), "a temporary file in use is left alone");
    assert_eq!(ws.store().sweep_blobs().unwrap(), 0);
}

// ---- full and read-only disks ------------------------------------------------------------

/// A small tmpfs, mounted for one test (needs root; `None` elsewhere).
struct Tmpfs {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        if !cfg!(target_os = "linux") {
            return None;
        }
        let dir = tempfile::tempdir().ok()?;
        let path = dir.path().join("mnt");
        std::fs::create_dir_all(&path).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0777"), "tmpfs"])
            .arg(&path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(Tmpfs { _dir: dir, path })
    }
    fn read_only(&self) {
        let ok = Command::new("mount").args(["-o", "remount,ro"]).arg(&self.path).status().unwrap().success();
        assert!(ok, "remount read-only");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.path).status();
    }
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                out.insert(e.path(), std::fs::read(e.path()).unwrap());
            }
        }
    }
    out
}

/// What the database holds, for "unchanged" checks: task states, evidence
/// (bytes re-hashed), exports.
fn state_of(data: &Path) -> String {
    let ws = Workspace::open(data).unwrap();
    assert!(ws.store().integrity_ok().unwrap());
    let unit = ws.unit.clone().unwrap();
    let ev = committed(&ws, &unit);
    assert_eq!(lost(&ws, &ev), 0);
    format!(
        "{:?}\n{:?}\n{:?}",
        ws.store().task_states(&ws.plan.id, &unit).unwrap(),
        ev,
        ws.store().next_export(&unit, "2023Q1").unwrap()
    )
}

/// Runs `tiendo` with a file-size limit (a simulated full disk: writes past
/// the limit fail with EFBIG, as on a full FAT32 stick).
fn run_with_size_limit(data: &Path, kib: u64, args: &[&str]) -> (bool, String) {
    let script = format!("trap '' XFSZ; ulimit -f {}; exec \"$0\" \"$@\"", kib * 2);
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_tiendo"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("TIENDO_LANG", "en")
        .env("TIENDO_TODAY", "2023-05-15")
        .output()
        .unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn an_export_onto_a_full_drive_fails_clearly_and_changes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    commune_folder(d, &mut Rng::new(11), 2);
    let before = state_of(d);
    let mut tried = vec![];
    if let Some(stick) = Tmpfs::mount("1m") {
        // A USB stick with a file already on it and less room than the bundle needs.
        std::fs::write(stick.path.join("bao-cao-cu.zip"), b"an earlier bundle").unwrap();
        let files = snapshot(&stick.path);
        let out = stick.path.join("X-ANT-2023Q1.zip");
        let (good, err) = run(d, &["export", "--period", "2023Q1", "--out", out.to_str().unwrap()]);
        assert!(!good);
        assert!(err.contains("not enough free space") && err.contains("X-ANT-2023Q1.zip"), "{err}");
        assert_eq!(snapshot(&stick.path), files, "the stick holds exactly what it held");
        tried.push("tmpfs");
    }
    // Everywhere: a simulated full disk (file size limit) on a normal folder.
    let target = tempfile::tempdir().unwrap();
    std::fs::write(target.path().join("keep.txt"), b"keep").unwrap();
    let files = snapshot(target.path());
    let out = target.path().join("X-ANT-2023Q1.zip");
    let (good, err) = run_with_size_limit(d, 1024, &["export", "--period", "2023Q1", "--out", out.to_str().unwrap()]);
    assert!(!good);
    assert!(err.contains("not enough free space"), "{err}");
    assert_eq!(snapshot(target.path()), files);
    tried.push("file-size limit");
    assert_eq!(state_of(d), before, "the database is unchanged ({tried:?})");
    // With room, the same export works and is the first of its period.
    let (good, err) = run(d, &["export", "--period", "2023Q1", "--out", out.to_str().unwrap()]);
    assert!(good, "{err}");
    let key = Workspace::open(d).unwrap().signing_key().unwrap().public();
    assert_eq!(bundle::verify(&out, &KeySource::Given(key)).unwrap().manifest.sequence, 1);
}

#[test]
fn an_export_onto_a_read_only_drive_fails_clearly_and_changes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    commune_folder(d, &mut Rng::new(12), 1);
    let before = state_of(d);
    let Some(stick) = Tmpfs::mount("8m") else {
        eprintln!("read-only export: no tmpfs here (needs root); skipped");
        return;
    };
    std::fs::write(stick.path.join("old.zip"), b"old").unwrap();
    stick.read_only();
    let files = snapshot(&stick.path);
    let out = stick.path.join("X-ANT-2023Q1.zip");
    let (good, err) = run(d, &["export", "--period", "2023Q1", "--out", out.to_str().unwrap()]);
    assert!(!good);
    assert!(err.contains("read-only") && err.contains("X-ANT-2023Q1.zip"), "{err}");
    assert_eq!(snapshot(&stick.path), files);
    assert_eq!(state_of(d), before);
}

#[test]
fn evidence_added_onto_a_full_disk_fails_clearly_and_changes_nothing() {
    let src = tempfile::tempdir().unwrap();
    let big = src.path().join("Ảnh chụp hồ sơ.jpg");
    // Larger than the 16 MiB disk below, which holds a new database, its
    // evidence folder and its daily backup.
    std::fs::write(&big, Rng::new(3).bytes(20 << 20)).unwrap();
    let small = src.path().join("Tờ trình.pdf");
    std::fs::write(&small, Rng::new(4).bytes(100 << 10)).unwrap();
    let check = |d: &Path, clear: bool, fail: &dyn Fn(&Path) -> (bool, String)| {
        let before = state_of(d);
        let (good, err) = fail(d);
        assert!(!good);
        if clear {
            assert!(err.contains("disk holding the data folder is full"), "{err}");
        }
        assert_eq!(state_of(d), before);
    };
    if let Some(disk) = Tmpfs::mount("16m") {
        let d = disk.path.join("data");
        assert!(run(&d, &["unit", "set", "X-ANT"]).0);
        assert!(run(&d, &["evidence", "add", "1.5", small.to_str().unwrap()]).0);
        check(&d, true, &|d| run(d, &["evidence", "add", "1.5", big.to_str().unwrap()]));
        // The disk is usable again for what fits.
        let (good, err) = run(&d, &["task", "set", "1.5", "--progress", "50"]);
        assert!(good, "{err}");
    }
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    assert!(run(d, &["unit", "set", "X-ANT"]).0);
    assert!(run(d, &["evidence", "add", "1.5", small.to_str().unwrap()]).0);
    check(d, false, &|d| run_with_size_limit(d, 2048, &["evidence", "add", "1.5", big.to_str().unwrap()]));
}

#[test]
fn a_read_only_data_folder_is_reported_and_left_as_it_was() {
    let src = tempfile::tempdir().unwrap();
    let file = src.path().join("Kế hoạch.pdf");
    std::fs::write(&file, b"%PDF-1.4").unwrap();
    let Some(stick) = Tmpfs::mount("16m") else {
        eprintln!("read-only data folder: no tmpfs here (needs root); skipped");
        return;
    };
    let d = stick.path.join("data");
    assert!(run(&d, &["unit", "set", "X-ANT"]).0);
    assert!(run(&d, &["evidence", "add", "1.5", file.to_str().unwrap()]).0);
    let files = snapshot(&stick.path);
    stick.read_only();
    let (good, err) = run(&d, &["evidence", "add", "1.5", file.to_str().unwrap()]);
    assert!(!good);
    assert!(err.contains("read-only"), "{err}");
    let (good, err) = run(&d, &["task", "set", "1.5", "--progress", "10"]);
    assert!(!good);
    assert!(err.contains("read-only"), "{err}");
    assert_eq!(snapshot(&stick.path), files);
}

// ---- two processes at once ------------------------------------------------------------------

#[test]
fn two_processes_updating_tasks_at_once_never_corrupt_and_every_update_lands() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_owned();
    ok(&d, &["unit", "set", "X-ANT"]);
    const K: usize = 12;
    let worker = |name: &'static str, field: &'static str| {
        let d = d.clone();
        std::thread::spawn(move || {
            for i in 0..K {
                let v = if field == "--note" { format!("{name} {i}") } else { (i + 1).to_string() };
                let (good, err) = run(&d, &["task", "set", "1.5", field, &v]);
                assert!(good, "{name} {i}: {err}");
            }
        })
    };
    let a = worker("A", "--note");
    let b = worker("B", "--progress");
    let c = worker("C", "--note");
    a.join().unwrap();
    b.join().unwrap();
    c.join().unwrap();
    let ws = Workspace::open(&d).unwrap();
    assert!(ws.store().integrity_ok().unwrap());
    let h = ws.store().history(&ws.plan.id, "X-ANT", "1.5").unwrap();
    for field in ["note", "progress"] {
        let entries: Vec<_> = h.iter().filter(|e| e.field == field).collect();
        // Each history entry replaced exactly what the one before it wrote.
        for w in entries.windows(2) {
            assert_eq!(w[1].old, w[0].new, "{field}: {entries:?}");
        }
        let news: Vec<&str> = entries.iter().map(|e| e.new.as_str()).collect();
        if field == "note" {
            assert_eq!(news.len(), 2 * K, "{news:?}");
            for who in ["A", "C"] {
                let mine: Vec<&str> = news.iter().copied().filter(|n| n.starts_with(who)).collect();
                let want: Vec<String> = (0..K).map(|i| format!("{who} {i}")).collect();
                assert_eq!(mine, want);
            }
        } else {
            let want: Vec<String> = (1..=K).map(|i| i.to_string()).collect();
            assert_eq!(news, want);
        }
    }
    let s = ws.store().task_state(&ws.plan.id, "X-ANT", "1.5").unwrap();
    assert_eq!(s.progress as usize, K);
}

#[test]
fn two_processes_opening_an_old_database_at_once_migrate_it_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture(1), dir.path().join(DB_FILE)).unwrap();
    let spawn = |args: &[&str]| command(dir.path(), args).spawn().unwrap();
    let mut a = spawn(&["tasks"]);
    let mut b = spawn(&["task", "set", "1.5", "--status", "in_progress", "--progress", "70"]);
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    let ws = Workspace::open(dir.path()).unwrap();
    assert_eq!(ws.store().schema_version().unwrap(), MIGRATIONS.len());
    assert_eq!(ws.store().task_state(&ws.plan.id, "X-ANT", "1.5").unwrap().progress, 70);
    let backups = tiendo::store::backup::list_backups(&dir.path().join("backups")).unwrap();
    assert_eq!(backups.iter().filter(|p| p.to_string_lossy().contains("before-v")).count(), 1, "{backups:?}");
}

// ---- hostile input ----------------------------------------------------------------------------

#[test]
fn nfd_names_and_empty_files_travel_through_a_bundle() {
    let src = tempfile::tempdir().unwrap();
    // "Biên bản.pdf" as macOS writes it (NFD), and an empty scan.
    let nfd = src.path().join("Bie\u{0302}n ba\u{0309}n.pdf");
    std::fs::write(&nfd, b"bien ban").unwrap();
    let empty = src.path().join("Trống.pdf");
    std::fs::write(&empty, b"").unwrap();
    let c = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(c.path()).unwrap();
    ws.set_unit("X-ANT").unwrap();
    let meta = EvidenceMeta { doc_type: DocType::Report, ..Default::default() };
    let a = ws.add_evidence("X-ANT", "1.5", &nfd, &meta, &mut |_| true).unwrap();
    assert_eq!(a.file_name, "Biên bản.pdf");
    let z = ws.add_evidence("X-ANT", "1.5", &empty, &meta, &mut |_| true).unwrap();
    assert_eq!((z.size, z.sha256.as_str()), (0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    let back = c.path().join("back.pdf");
    ws.export_evidence(z.id, &back).unwrap();
    assert_eq!(std::fs::read(&back).unwrap(), b"");
    let out = c.path().join("b.zip");
    ws.export_bundle(Q1, &out, &mut |_, _| {}).unwrap();
    let key = ws.signing_key().unwrap().public();
    let v = bundle::verify(&out, &KeySource::Given(key.clone())).unwrap();
    assert!(v.progress.evidence.iter().any(|e| e.file_name == "Biên bản.pdf" && e.size == 8));
    assert!(v.progress.evidence.iter().any(|e| e.size == 0));
    let dd = tempfile::tempdir().unwrap();
    let mut district = Workspace::open(dd.path()).unwrap();
    district.set_unit("CUCHI").unwrap();
    district.trust_key("X-ANT", &key).unwrap();
    district.merge_bundle(&out, false).unwrap();
    let t = district.store().merged_tasks(&district.plan.id).unwrap();
    assert_eq!(t.iter().find(|t| t.task == "1.5").unwrap().evidence_count, 2);
}

/// A file larger than 4 GiB (sizes past 32 bits): stored, listed with its
/// true size and read back whole. Needs ~9 GB of free disk and a few minutes.
#[test]
#[ignore = "writes 4 GiB; run with --ignored"]
fn evidence_over_4_gib_is_stored_and_reported_with_its_true_size() {
    /// 1 MiB blocks of random bytes, each starting with its block number
    /// (so no two chunks are alike), produced fast even in a debug build.
    struct Pattern(u64, u64, Vec<u8>);
    impl Pattern {
        fn new(size: u64) -> Pattern {
            Pattern(0, size, Rng::new(44).bytes(1 << 20))
        }
    }
    impl std::io::Read for Pattern {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let (block, off) = (self.0 >> 20, (self.0 & ((1 << 20) - 1)) as usize);
            let n = buf.len().min((1 << 20) - off).min((self.1 - self.0) as usize);
            buf[..n].copy_from_slice(&self.2[off..off + n]);
            let id = block.to_le_bytes();
            for i in off..(off + n).min(8) {
                buf[i - off] = id[i];
            }
            self.0 += n as u64;
            Ok(n)
        }
    }
    const SIZE: u64 = (4 << 30) + 12345;
    let dir = tempfile::tempdir().unwrap();
    // A sparse-free 4 GiB source file would need the disk twice; stream it from a pattern instead.
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.set_unit("X-ANT").unwrap();
    let mut hasher = Hashing::default();
    std::io::copy(&mut Pattern::new(SIZE), &mut hasher).unwrap();
    let sha = hasher.hex();
    let plan = ws.plan.id.clone();
    let e = ws
        .store_mut()
        .attach_evidence(&plan, "X-ANT", "1.5", &mut Pattern::new(SIZE), &mut |_| true, "Lớn.bin", "application/octet-stream", &EvidenceMeta::default(), "t")
        .unwrap();
    assert_eq!((e.size, e.sha256.as_str()), (SIZE, sha.as_str()));
    let listed = super::json(dir.path(), &["evidence", "list", "--json"]);
    assert!(listed.to_string().contains(&SIZE.to_string()), "{listed}");
    let mut h = Hashing::default();
    assert_eq!(ws.store().read_blob(&sha, &mut h).unwrap(), SIZE);
    assert_eq!(h.hex(), sha);
}

#[test]
fn plan_tables_in_windows_1258_are_converted_and_bad_tables_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cp1258 = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plan-windows-1258.csv");
    assert!(std::str::from_utf8(&std::fs::read(&cp1258).unwrap()).is_err(), "the fixture is not UTF-8");
    ok(d, &["plan", "import", cp1258.to_str().unwrap(), "--id", "w1258"]);
    let v = super::json(d, &["plan", "show", "--json"]);
    assert_eq!(v["id"], "w1258");
    assert_eq!(v["tasks"][0]["description"], "Kiện toàn Ban Chỉ đạo cải cách hành chính");
    assert_eq!(v["tasks"][0]["dates"], serde_json::json!(["2024-09-30"]));
    // Missing column: named; a cell merged over two rows (empty below): row and column named.
    let bad = d.join("bad.csv");
    // (A plan may have no coordinating column; it must have a lead one.)
    std::fs::write(&bad, "STT,Nhiệm vụ cụ thể,Sản phẩm,Cơ quan phối hợp,Thời gian hoàn thành\n1,A,,,\n").unwrap();
    let out = tiendo(d, &["--lang", "en", "plan", "import", bad.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success() && err.contains("Cơ quan chủ trì"), "{err}");
    std::fs::write(
        &bad,
        "STT,Nhiệm vụ cụ thể,Sản phẩm,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian hoàn thành\n\
         1,Chỉ đạo,,,,\n\
         1.1,Việc một,Quyết định,Trưởng Phòng Nội vụ huyện,,Quý III/2024\n\
         1.2,Việc hai,Báo cáo,,,Quý IV/2024\n",
    )
    .unwrap();
    let out = tiendo(d, &["--lang", "en", "plan", "import", bad.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success() && err.contains('4') && err.contains("Cơ quan chủ trì"), "{err}");
    // Bytes in no known encoding: refused, nothing changed.
    std::fs::write(&bad, [0x53, 0x54, 0x54, 0x00, 0xff, 0x81, 0x00, 0x0a]).unwrap();
    let out = tiendo(d, &["--lang", "en", "plan", "import", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    assert_eq!(super::json(d, &["plan", "show", "--json"])["id"], "w1258");
}

#[test]
fn sizes_past_4_gib_are_shown_as_such() {
    use tiendo::i18n::{Lang, format_size};
    assert_eq!(format_size(Lang::En, (4 << 30) + 12345), "4 GB");
    assert_eq!(format_size(Lang::En, 5 * (1 << 30) + (1 << 29)), "5.5 GB");
    assert_eq!(format_size(Lang::En, 0), "0 B");
}

#[test]
fn an_export_clears_the_temporary_files_of_interrupted_exports_to_the_same_name() {
    let c = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(c.path()).unwrap();
    ws.set_unit("X-ANT").unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("X-ANT-2023Q1.zip");
    // What killed exports leave: their half-written zip under a temporary name.
    let stale = [".X-ANT-2023Q1.zip.4242.part", ".X-ANT-2023Q1.zip.77.part"];
    for s in stale {
        std::fs::write(out_dir.path().join(s), b"PK\x03\x04half").unwrap();
    }
    // Not ours to touch: another name's temporary file, a user's file.
    let others = [".X-AP-2023Q1.zip.4242.part", "X-ANT-2023Q1.zip.4242.part", ".X-ANT-2023Q1.zip.notes.part"];
    for o in others {
        std::fs::write(out_dir.path().join(o), b"keep").unwrap();
    }
    ws.export_bundle(Q1, &out, &mut |_, _| {}).unwrap();
    for s in stale {
        assert!(!out_dir.path().join(s).exists(), "{s} removed");
    }
    for o in others {
        assert_eq!(std::fs::read(out_dir.path().join(o)).unwrap(), b"keep", "{o} kept");
    }
    let key = ws.signing_key().unwrap().public();
    bundle::verify(&out, &KeySource::Given(key)).unwrap();
}

// ---- restore from read-only media ----------------------------------------------------------------

/// The progress of task 3.1 of X-AP, read from a data folder.
fn progress_31(d: &Path) -> u64 {
    let v: serde_json::Value = serde_json::from_str(&ok(d, &["tasks", "--json"])).unwrap();
    v["tasks"].as_array().unwrap().iter().find(|t| t["code"] == "3.1").unwrap()["progress"].as_u64().unwrap()
}

#[test]
fn a_backup_restores_from_read_only_media_and_leaves_nothing_beside_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    ok(&d, &["unit", "set", "X-AP"]);
    ok(&d, &["task", "set", "3.1", "--progress", "30"]);
    let media = dir.path().join("usb");
    std::fs::create_dir_all(&media).unwrap();
    let backup = media.join("Sao lưu #1.sqlite3");
    ok(&d, &["backup", "--out", backup.to_str().unwrap()]);
    let check = |media: &Path, backup: &Path| {
        ok(&d, &["task", "set", "3.1", "--progress", "80"]);
        let before = snapshot(media);
        let (good, err) = run(&d, &["restore", backup.to_str().unwrap()]);
        assert!(good, "{err}");
        assert_eq!(snapshot(media), before, "nothing written or left beside the backup");
        assert_eq!(progress_31(&d), 30);
    };
    // A write-protected folder (permissions: what a user who is not root meets).
    std::fs::set_permissions(&backup, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&media, std::fs::Permissions::from_mode(0o555)).unwrap();
    check(&media, &backup);
    std::fs::set_permissions(&media, std::fs::Permissions::from_mode(0o755)).unwrap();
    // A read-only drive (a locked stick, a CD), which binds root too.
    if let Some(stick) = Tmpfs::mount("16m") {
        let on_stick = stick.path.join("Sao lưu #1.sqlite3");
        std::fs::copy(&backup, &on_stick).unwrap();
        stick.read_only();
        check(&stick.path, &on_stick);
    } else {
        eprintln!("read-only drive: no tmpfs here (needs root); the permission case ran");
    }
}

/// A merge of parts killed while it joined them leaves its whole in the data
/// folder: the next start removes it once nobody has written to it for the
/// grace period, and leaves a whole still being written, and other files, alone.
#[test]
fn a_joined_whole_left_by_a_killed_merge_is_swept_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    drop(Workspace::open(dir.path()).unwrap());
    let stale = dir.path().join(".4242-0123456789abcdef.joined.zip");
    let fresh = dir.path().join(".4343-fedcba9876543210.joined.zip");
    let other = dir.path().join("X-ANT-2023Q1-lan-1.zip");
    for f in [&stale, &fresh, &other] {
        std::fs::write(f, vec![7u8; 4096]).unwrap();
    }
    let old = std::time::SystemTime::now() - tiendo::store::blobs::TEMP_GRACE - Duration::from_secs(60);
    for f in [&stale, &other] {
        std::fs::File::options().write(true).open(f).unwrap().set_modified(old).unwrap();
    }
    drop(Workspace::open(dir.path()).unwrap());
    assert!(!stale.exists(), "the stale whole is removed");
    assert!(fresh.exists(), "a whole written now may belong to a merge still running");
    assert!(other.exists(), "a bundle the clerk keeps in the folder is not touched");
}
