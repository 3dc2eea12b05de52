//! The consolidating office at the scale of the 2025 reform, measured in one
//! run (prints a table; not a test):
//!
//!     cargo bench -p tiendo-core --bench scale
//!
//! A generated province of 200 units ([`tiendo_core::scale`]): 199 units
//! each export their signed bundle of the first quarter (finished tasks
//! carry a scanned report). Then, each against a baseline of the same run:
//!
//! 1. merging the 199 bundles (time, peak memory of the merging process),
//!    against `sha256sum` over the same files, and against merging the first
//!    36 of them (how the time grows with the units);
//! 2. the district screens' data (completeness, status matrix, KPI sums in
//!    all and per class of unit), at 199 units against 36;
//! 3. the consolidated PDF (pages across) at 199 units against 36;
//! 4. the Excel workbook at 199 units against 36.
//!
//! Linux; needs `sha256sum`. `TIENDO_BENCH_DIR` puts the files elsewhere.

#[path = "../../benches/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{measured, print_table, run, secs, time};
use tiendo_core::domain::Period;
use tiendo_core::i18n::Lang;
use tiendo_core::scale::{self, ROOT, Sending, Spec};
use tiendo_core::views;
use tiendo_core::workspace::Workspace;

const YEAR: i32 = 2026;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // The merge runs in a child process of its own, so that its peak memory is its own.
    if args.get(1).map(String::as_str) == Some("merge-child") {
        tiendo_core::clock::on_day(scale::demo_day(YEAR), || {
            let mut ws = Workspace::open(Path::new(&args[2])).expect("the province opens");
            for f in &args[3..] {
                ws.merge_bundle(Path::new(f), false).expect("the bundle merges");
            }
        });
        return;
    }
    tiendo_core::clock::on_day(scale::demo_day(YEAR), measure);
}

/// The median of `n` runs of `f`.
fn median(n: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..n).map(|_| time(&mut f)).collect();
    times.sort();
    times[n / 2]
}

fn ratio(a: Duration, b: Duration) -> String {
    format!("×{:.2}", a.as_secs_f64() / b.as_secs_f64())
}

fn measure() {
    let base = std::env::var_os("TIENDO_BENCH_DIR").map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
    let dir = tempfile::tempdir_in(base).expect("a temporary folder");
    let d = dir.path();
    let spec = Spec::full(YEAR);
    let mut results: Vec<(String, String, String)> = vec![];

    // --- The province and its units' bundles ----------------------------------
    let province = d.join("tinh");
    let mut ws = None;
    let setup = time(|| ws = Some(scale::setup(&province, &spec).expect("the province is set up")));
    let ws = ws.unwrap();
    results.push((format!("set up: units table ({} units) + plan table ({} tasks)", ws.plan.units.len(), ws.plan.tasks.len()), secs(setup), String::new()));
    let sending = Sending { quarters: vec![1], gaps: false, evidence: true, limit: None };
    let mut sent = vec![];
    let made = time(|| {
        sent = scale::make_bundles(&ws, &d.join("work"), &sending, &|done, total| {
            if done % 50 == 0 || done == total {
                eprintln!("  {done}/{total} units exported");
            }
        })
        .expect("the units export");
    });
    drop(ws);
    let files: Vec<&Path> = sent.iter().map(|s| s.path.as_path()).collect();
    let bytes: u64 = files.iter().map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0)).sum();
    results.push((format!("{} units export their Q1 bundle (2 threads or more)", files.len()), secs(made), format!("{:.1} MiB in all", bytes as f64 / (1 << 20) as f64)));

    // --- 1. Merging ---------------------------------------------------------------
    let few = 36.min(files.len());
    let p36 = d.join("tinh-36");
    let p200 = d.join("tinh-200");
    tiendo_core::fsutil::copy_dir(&province, &p36).unwrap();
    tiendo_core::fsutil::copy_dir(&province, &p200).unwrap();
    let hash = |fs: &[&Path]| time(|| run(Command::new("sha256sum").args(fs).stdout(Stdio::null())));
    let hash_all = hash(&files);
    let hash_few = hash(&files[..few]);
    let exe = std::env::current_exe().unwrap();
    let rss = d.join("rss.txt");
    let merge = |to: &Path, fs: &[&Path]| {
        let mut a: Vec<&std::ffi::OsStr> = vec![std::ffi::OsStr::new("merge-child"), to.as_os_str()];
        a.extend(fs.iter().map(|f| f.as_os_str()));
        measured(exe.to_str().unwrap(), &a, &rss)
    };
    let (m_few, peak_few) = merge(&p36, &files[..few]);
    let (m_all, peak_all) = merge(&p200, &files);
    results.push((format!("sha256sum over {few} bundles"), secs(hash_few), String::new()));
    results.push((format!("sha256sum over {} bundles", files.len()), secs(hash_all), String::new()));
    results.push((format!("merge {few} bundles"), secs(m_few), format!("{} sha256sum; peak {:.1} MiB", ratio(m_few, hash_few), peak_few as f64 / 1024.0)));
    results.push((
        format!("merge {} bundles", files.len()),
        secs(m_all),
        format!("{} sha256sum; {} the {few}; peak {:.1} MiB", ratio(m_all, hash_all), ratio(m_all, m_few), peak_all as f64 / 1024.0),
    ));
    results.push(("  units ratio (what linear growth would give)".into(), format!("×{:.2}", files.len() as f64 / few as f64), String::new()));

    // --- 2–4. The district's views, the consolidated PDF, the workbook -------------------
    let q1 = Period::quarter(YEAR, 1);
    let small = Workspace::open(&p36).unwrap();
    let big = Workspace::open(&p200).unwrap();
    let views_of = |ws: &Workspace| {
        median(5, || {
            let c = views::completeness(ws, ROOT).unwrap();
            let m = views::status_matrix(ws, q1).unwrap();
            let k = views::district_kpis(ws, q1).unwrap();
            let by = views::kpis_by_class(ws, ROOT, q1).unwrap();
            assert!(!c.is_empty() && !m.units.is_empty() && !k.is_empty() && !by.is_empty());
        })
    };
    let (v_few, v_all) = (views_of(&small), views_of(&big));
    results.push((format!("district screens' data, {few} units reporting"), secs(v_few), String::new()));
    results.push((format!("district screens' data, {} units reporting", files.len()), secs(v_all), format!("{} the {few}", ratio(v_all, v_few))));

    let mut pages = (0, 0);
    let pdf_few = median(3, || pages.0 = tiendo_core::report::consolidated_pdf(&small, ROOT, q1, Lang::Vi).unwrap().pages);
    let pdf_all = median(3, || pages.1 = tiendo_core::report::consolidated_pdf(&big, ROOT, q1, Lang::Vi).unwrap().pages);
    results.push((format!("consolidated PDF, {few} units"), secs(pdf_few), format!("{} pages", pages.0)));
    results.push((format!("consolidated PDF, {} units", files.len()), secs(pdf_all), format!("{} the {few}; {} pages", ratio(pdf_all, pdf_few), pages.1)));

    let mut sizes = (0, 0);
    let x_few = median(3, || sizes.0 = tiendo_core::report::matrix_xlsx(&small, ROOT, q1, Lang::Vi).unwrap().len());
    let x_all = median(3, || sizes.1 = tiendo_core::report::matrix_xlsx(&big, ROOT, q1, Lang::Vi).unwrap().len());
    results.push((format!("Excel workbook, {few} units"), secs(x_few), format!("{} KB", sizes.0 / 1024)));
    results.push((format!("Excel workbook, {} units", files.len()), secs(x_all), format!("{} the {few}; {} KB", ratio(x_all, x_few), sizes.1 / 1024)));
    print_table(&results);
}
