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
//! Targets: export ≤ 1.3×, merge ≤ 1.5×, peak memory ≤ 100 MiB, flat in
//! evidence size. Linux only; needs `sha256sum` and `zip`.

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{MIB, measured, print_table, run, secs, time, verdict, write_random_seeded};

const TIENDO: &str = env!("CARGO_BIN_EXE_tiendo");

fn tiendo(data: &Path, args: &[&str]) {
    run(Command::new(TIENDO).arg("--data-dir").arg(data).args(args).stdout(Stdio::null()));
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
    std::fs::remove_file(&bundle).ok();
    std::fs::remove_dir_all(&unit_dir).ok();
    for f in &files {
        std::fs::remove_file(f).ok();
    }

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
