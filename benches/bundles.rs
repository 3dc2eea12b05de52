//! Bundle performance, measured in one run (prints a table; not a test):
//!
//!     cargo bench --bench bundles
//!
//! 1. Exporting a quarter whose tasks carry 1 GiB of evidence
//!    (`TIENDO_BENCH_BUNDLE_MIB` changes it) with `tiendo export`, against
//!    `sha256sum` + `zip -0` of the same files; peak memory of the export.
//! 2. Merging 36 bundles totalling that size with `tiendo merge`, against
//!    `sha256sum` over the bundles; peak memory of the merge.
//!
//! 3. Adding one 500 MiB file (`TIENDO_BENCH_ADD_MIB`), merging the 1 GiB
//!    bundle of section 1 at a district, and the export of section 1, each
//!    against the floor `openssl dgst -sha256` + `cp` of the same bytes and
//!    against `sha256sum` + `cp`; peak memory of each.
//! 4. Three backup generations of a data folder holding 256 MiB of evidence
//!    (`TIENDO_BENCH_BACKUP_MIB`) with a small change before each: the time
//!    of each, the total size of the backups, every generation verified.
//!
//! Targets: export ≤ 1.3× (sha256sum + zip), merge ≤ 1.5×, add / merge of
//! one bundle ≤ 1.5× the openssl floor, peak memory ≤ 100 MiB, flat in
//! evidence size; backups ≤ 1.3× the evidence in total, a generation after
//! a small change < 1 s. Linux only; needs `sha256sum`, `openssl` and `zip`.

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use std::time::Duration;

use common::{MIB, measured, print_table, run, secs, time, verdict, write_random_seeded};

const TIENDO: &str = env!("CARGO_BIN_EXE_tiendo");

fn tiendo(data: &Path, args: &[&str]) {
    run(Command::new(TIENDO).arg("--data-dir").arg(data).args(args).stdout(Stdio::null()));
}

/// The floors for handling `files`: `openssl dgst -sha256` then `cp` into
/// `to`, and `sha256sum` then `cp` (the copies are removed after each).
fn floors(files: &[PathBuf], to: &Path) -> (Duration, Duration) {
    let once = |hash: &str| {
        std::fs::create_dir_all(to).unwrap();
        let took = time(|| {
            run(Command::new("sh")
                .arg("-c")
                .arg(format!(r#"D="$1"; shift; {hash} "$@" >/dev/null && cp "$@" "$D""#))
                .arg("sh")
                .arg(to)
                .args(files));
        });
        std::fs::remove_dir_all(to).unwrap();
        took
    };
    (once("openssl dgst -sha256"), once("sha256sum"))
}

/// Rows for one operation against its two floors.
fn against_floors(results: &mut Vec<(String, String, String)>, what: &str, took: Duration, peak_kib: u64, (openssl, sha256sum): (Duration, Duration)) {
    let r = took.as_secs_f64() / openssl.as_secs_f64();
    let r2 = took.as_secs_f64() / sha256sum.as_secs_f64();
    results.push(("  floor: openssl dgst -sha256 + cp".into(), secs(openssl), String::new()));
    results.push(("  floor: sha256sum + cp".into(), secs(sha256sum), String::new()));
    results.push((format!("tiendo {what}"), secs(took), format!("×{r:.2} openssl+cp {}; ×{r2:.2} sha256sum+cp", verdict(r <= 1.5, "≤ 1.5"))));
    results.push((format!("  peak memory of {what}"), format!("{:.1} MiB", peak_kib as f64 / 1024.0), verdict(peak_kib <= 100 * 1024, "≤ 100 MiB")));
}

/// The size of everything under `dir`.
fn tree_size(dir: &Path) -> u64 {
    let Ok(rd) = std::fs::read_dir(dir) else { return 0 };
    rd.filter_map(|e| e.ok())
        .map(|e| if e.file_type().map(|t| t.is_dir()).unwrap_or(false) { tree_size(&e.path()) } else { e.metadata().map(|m| m.len()).unwrap_or(0) })
        .sum()
}

fn main() {
    let total_mib: u64 = std::env::var("TIENDO_BENCH_BUNDLE_MIB").ok().and_then(|v| v.parse().ok()).unwrap_or(1024);
    let base = std::env::var_os("TIENDO_BENCH_DIR").map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
    let dir = tempfile::tempdir_in(base).expect("a temporary folder");
    let d = dir.path();
    let rss = d.join("rss.txt");
    let mut results: Vec<(String, String, String)> = vec![];

    // --- 1. One unit, one quarter, `total_mib` of evidence in 8 files --------
    let unit_dir = d.join("xa");
    tiendo(&unit_dir, &["unit", "set", "X-ANT"]);
    let files_dir = d.join("files");
    std::fs::create_dir_all(&files_dir).unwrap();
    let n_files = 8u64;
    let mut files = vec![];
    for i in 0..n_files {
        let f = files_dir.join(format!("scan-{i}.pdf"));
        write_random_seeded(&f, total_mib * MIB / n_files, i);
        // Task 1.5 ("Quý I năm 2023") is active in 2023Q1.
        tiendo(&unit_dir, &["evidence", "add", "1.5", f.to_str().unwrap()]);
        files.push(f);
    }
    let baseline_zip = d.join("baseline.zip");
    let baseline = time(|| {
        run(Command::new("sha256sum").args(&files).stdout(Stdio::null()));
        run(Command::new("zip").arg("-0").arg("-q").arg(&baseline_zip).args(&files));
    });
    std::fs::remove_file(&baseline_zip).ok();
    let bundle = d.join("X-ANT-2023Q1.zip");
    let args: Vec<&OsStr> = vec![
        OsStr::new("--data-dir"),
        unit_dir.as_os_str(),
        OsStr::new("export"),
        OsStr::new("--period"),
        OsStr::new("2023Q1"),
        OsStr::new("--out"),
        bundle.as_os_str(),
    ];
    let (export, export_peak) = measured(TIENDO, &args, &rss);
    let ratio = export.as_secs_f64() / baseline.as_secs_f64();
    results.push((format!("sha256sum + zip -0, {total_mib} MiB in {n_files} files"), secs(baseline), String::new()));
    results.push((format!("tiendo export, {total_mib} MiB"), secs(export), format!("bundle {} MiB", std::fs::metadata(&bundle).map(|m| m.len()).unwrap_or(0) / MIB)));
    results.push(("ratio export / baseline".into(), format!("{ratio:.2}"), verdict(ratio <= 1.3, "≤ 1.3")));
    results.push(("peak memory of the export".into(), format!("{:.1} MiB", export_peak as f64 / 1024.0), verdict(export_peak <= 100 * 1024, "≤ 100 MiB")));
    let copies = d.join("copies");
    against_floors(&mut results, &format!("export of a {total_mib} MiB quarter"), export, export_peak, floors(&files, &copies));
    for f in &files {
        std::fs::remove_file(f).ok();
    }

    // --- 3. The same bundle merged at a district; one large file added ------
    let card = d.join("xa.pub");
    tiendo(&unit_dir, &["keys", "export-card", "--out", card.to_str().unwrap()]);
    let one = d.join("huyen-1");
    tiendo(&one, &["unit", "set", "CUCHI"]);
    tiendo(&one, &["keys", "trust", card.to_str().unwrap(), "--unit", "X-ANT"]);
    let args: Vec<&OsStr> = vec![OsStr::new("--data-dir"), one.as_os_str(), OsStr::new("merge"), bundle.as_os_str()];
    let (merge_one, merge_one_peak) = measured(TIENDO, &args, &rss);
    let bundle_floor = floors(std::slice::from_ref(&bundle), &copies);
    against_floors(&mut results, &format!("merge of one {} MiB bundle", std::fs::metadata(&bundle).map(|m| m.len()).unwrap_or(0) / MIB), merge_one, merge_one_peak, bundle_floor);
    std::fs::remove_dir_all(&one).ok();
    std::fs::remove_file(&bundle).ok();
    std::fs::remove_dir_all(&unit_dir).ok();

    let add_mib: u64 = std::env::var("TIENDO_BENCH_ADD_MIB").ok().and_then(|v| v.parse().ok()).unwrap_or(500);
    let big = files_dir.join("ho-so-lon.pdf");
    write_random_seeded(&big, add_mib * MIB, 77);
    let adder = d.join("xa-add");
    tiendo(&adder, &["unit", "set", "X-ANT"]);
    let args: Vec<&OsStr> = vec![OsStr::new("--data-dir"), adder.as_os_str(), OsStr::new("evidence"), OsStr::new("add"), OsStr::new("1.5"), big.as_os_str()];
    let (add, add_peak) = measured(TIENDO, &args, &rss);
    against_floors(&mut results, &format!("evidence add of {add_mib} MiB"), add, add_peak, floors(std::slice::from_ref(&big), &copies));
    std::fs::remove_dir_all(&adder).ok();
    std::fs::remove_file(&big).ok();

    // --- 4. Three backup generations of 256 MiB of evidence ----------------
    let backup_mib: u64 = std::env::var("TIENDO_BENCH_BACKUP_MIB").ok().and_then(|v| v.parse().ok()).unwrap_or(256);
    let office = d.join("xa-backup");
    tiendo(&office, &["unit", "set", "X-ANT"]);
    for i in 0..8u64 {
        let f = files_dir.join(format!("bb-{i}.pdf"));
        write_random_seeded(&f, backup_mib * MIB / 8, 200 + i);
        tiendo(&office, &["evidence", "add", "1.5", f.to_str().unwrap()]);
        std::fs::remove_file(&f).ok();
    }
    let evidence_bytes = tree_size(&office.join("evidence"));
    // The first command of the day already made the (then empty) daily generation; start clean.
    std::fs::remove_dir_all(office.join("backups")).ok();
    let mut gen_times = vec![];
    let mut gen_peak = 0;
    for (i, p) in ["10", "20", "30"].iter().enumerate() {
        tiendo(&office, &["task", "set", "1.5", "--progress", p]);
        let args: Vec<&OsStr> = vec![OsStr::new("--data-dir"), office.as_os_str(), OsStr::new("backup")];
        let (took, peak) = measured(TIENDO, &args, &rss);
        gen_peak = gen_peak.max(peak);
        results.push((format!("backup generation {} ({})", i + 1, if i == 0 { "evidence copied" } else { "after a small change" }), secs(took), if i == 0 { String::new() } else { verdict(took.as_secs_f64() < 1.0, "< 1 s") }));
        gen_times.push(took);
    }
    let backups = office.join("backups");
    let total = tree_size(&backups);
    let ratio = total as f64 / evidence_bytes as f64;
    results.push((format!("three generations, total size ({} MiB of evidence)", evidence_bytes / MIB), format!("{:.1} MiB", total as f64 / MIB as f64), format!("×{ratio:.3} the evidence {}", verdict(ratio <= 1.3, "≤ 1.3"))));
    results.push(("  peak memory of a generation".into(), format!("{:.1} MiB", gen_peak as f64 / 1024.0), verdict(gen_peak <= 100 * 1024, "≤ 100 MiB")));
    let generations = tiendo::store::backup::list_backups(&backups).unwrap();
    let verify = time(|| {
        for g in &generations {
            let info = tiendo::store::backup::inspect_backup(g).expect("every generation verifies");
            assert_eq!(info.evidence_bytes, evidence_bytes);
        }
    });
    results.push((format!("verify all {} generations (every evidence byte hashed)", generations.len()), secs(verify), "all whole".into()));
    std::fs::remove_dir_all(&office).ok();

    // --- 2. 36 bundles, `total_mib` in all, merged at the district ----------
    let district = d.join("huyen");
    tiendo(&district, &["unit", "set", "CUCHI"]);
    let out: String = String::from_utf8(Command::new(TIENDO).arg("--data-dir").arg(&district).args(["unit", "list", "--json"]).output().unwrap().stdout).unwrap();
    let units: Vec<String> = serde_json::from_str::<serde_json::Value>(&out).unwrap().as_array().unwrap().iter()
        .map(|u| u["code"].as_str().unwrap().to_owned())
        .filter(|c| c != "CUCHI")
        .take(36)
        .collect();
    let per_unit = total_mib * MIB / units.len() as u64;
    let mut bundles = vec![];
    for (i, u) in units.iter().enumerate() {
        let ud = d.join(format!("u-{u}"));
        tiendo(&ud, &["unit", "set", u]);
        // Attach to a task this unit is assigned that is active in Q1 (continuous or dated).
        let tasks = String::from_utf8(Command::new(TIENDO).arg("--data-dir").arg(&ud).args(["tasks", "--quarter", "2023Q1", "--json"]).output().unwrap().stdout).unwrap();
        let task = serde_json::from_str::<serde_json::Value>(&tasks).unwrap()["tasks"][0]["code"].as_str().unwrap().to_owned();
        let f = d.join(format!("scan-{u}.pdf"));
        write_random_seeded(&f, per_unit, 100 + i as u64);
        tiendo(&ud, &["evidence", "add", &task, f.to_str().unwrap()]);
        std::fs::remove_file(&f).ok();
        let b = d.join(format!("{u}-2023Q1.zip"));
        tiendo(&ud, &["export", "--period", "2023Q1", "--out", b.to_str().unwrap()]);
        let card = d.join(format!("{u}.pub"));
        tiendo(&ud, &["keys", "export-card", "--out", card.to_str().unwrap()]);
        tiendo(&district, &["keys", "trust", card.to_str().unwrap(), "--unit", u]);
        std::fs::remove_dir_all(&ud).ok();
        bundles.push(b);
    }
    let bundle_bytes: u64 = bundles.iter().map(|b| std::fs::metadata(b).map(|m| m.len()).unwrap_or(0)).sum();
    let hash_all = time(|| run(Command::new("sha256sum").args(&bundles).stdout(Stdio::null())));
    let mut args: Vec<&OsStr> = vec![OsStr::new("--data-dir"), district.as_os_str(), OsStr::new("merge")];
    args.extend(bundles.iter().map(|b| b.as_os_str()));
    let (merge, merge_peak) = measured(TIENDO, &args, &rss);
    let ratio = merge.as_secs_f64() / hash_all.as_secs_f64();
    results.push((format!("sha256sum over {} bundles, {} MiB", bundles.len(), bundle_bytes / MIB), secs(hash_all), String::new()));
    results.push((format!("tiendo merge of {} bundles", bundles.len()), secs(merge), String::new()));
    results.push(("ratio merge / sha256sum".into(), format!("{ratio:.2}"), verdict(ratio <= 1.5, "≤ 1.5")));
    results.push(("peak memory of the merge".into(), format!("{:.1} MiB", merge_peak as f64 / 1024.0), verdict(merge_peak <= 100 * 1024, "≤ 100 MiB")));
    print_table(&results);
}
