//! Performance figures, measured in one run (not a test: it prints numbers).
//!
//!     cargo bench --bench perf
//!
//! 1. Adding a large evidence file (500 MiB; `TIENDO_BENCH_MIB` changes it)
//!    with `tiendo evidence add` on a database file, against
//!    `sha256sum FILE && cp FILE COPY` on the same file: the time ratio, and
//!    the peak resident memory of the adding process.
//! 2. The checklist and the progress report for a large plan (the built-in
//!    45 tasks with all its units, progress, evidence and KPI figures
//!    recorded): the slowest and the largest document.
//!
//! Targets: ratio ≤ 1.3, peak memory ≤ 64 MiB, report ≤ 0.5 s and ≤ 400 KB.
//! Linux only (peak memory comes from `/proc`). Temporary files go to
//! `TIENDO_BENCH_DIR` (default: the system temporary folder) and are removed.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{MIB, measured, print_table, run, secs, time, verdict, write_random};

use chrono::NaiveDate;
use tiendo::domain::{Figure, Period, Status, TargetKind};
use tiendo::evidence::{DocType, EvidenceMeta};
use tiendo::i18n::Lang;
use tiendo::progress::Change;
use tiendo::report::{checklist_pdf, report_pdf};
use tiendo::workspace::Workspace;

fn main() {
    // `cargo bench` passes "--bench"; nothing else is expected.
    let mib: u64 = std::env::var("TIENDO_BENCH_MIB").ok().and_then(|v| v.parse().ok()).unwrap_or(500);
    let base = std::env::var_os("TIENDO_BENCH_DIR").map(Into::into).unwrap_or_else(std::env::temp_dir);
    let dir = tempfile::tempdir_in(base).expect("a temporary folder");
    let mut results: Vec<(String, String, String)> = vec![];

    // --- 1. A large evidence file ------------------------------------------
    let file = dir.path().join("ho-so-lon.bin");
    write_random(&file, mib * MIB);
    let copy = dir.path().join("ban-sao.bin");
    let shell = time(|| {
        run(Command::new("sh").arg("-c").arg(r#"sha256sum "$1" >/dev/null && cp "$1" "$2""#).arg("sh").arg(&file).arg(&copy))
    });
    std::fs::remove_file(&copy).ok();
    let shell_sync = time(|| {
        run(Command::new("sh").arg("-c").arg(r#"sha256sum "$1" >/dev/null && cp "$1" "$2" && sync "$2""#).arg("sh").arg(&file).arg(&copy))
    });
    std::fs::remove_file(&copy).ok();

    let data = dir.path().join("data");
    let tiendo = env!("CARGO_BIN_EXE_tiendo");
    run(Command::new(tiendo).arg("--data-dir").arg(&data).args(["unit", "set", "X-ANT"]).stdout(Stdio::null()));
    let args: Vec<&std::ffi::OsStr> =
        vec!["--data-dir".as_ref(), data.as_os_str(), "evidence".as_ref(), "add".as_ref(), "1.5".as_ref(), file.as_os_str()];
    let (add, peak_kib) = measured(tiendo, &args, &dir.path().join("rss.txt"));
    let db_size: u64 = std::fs::read_dir(&data)
        .map(|d| d.filter_map(|e| e.ok()?.metadata().ok()).filter(|m| m.is_file()).map(|m| m.len()).sum())
        .unwrap_or(0);
    std::fs::remove_file(&file).ok();
    std::fs::remove_dir_all(&data).ok();

    let ratio = add.as_secs_f64() / shell.as_secs_f64();
    let peak_mib = peak_kib as f64 / 1024.0;
    results.push((format!("sha256sum + cp, {mib} MiB"), secs(shell), String::new()));
    results.push((format!("sha256sum + cp + sync, {mib} MiB"), secs(shell_sync), "(for reference)".into()));
    results.push((format!("tiendo evidence add, {mib} MiB"), secs(add), format!("data folder after: {} MiB", db_size / MIB)));
    results.push(("ratio add / (sha256sum + cp)".into(), format!("{ratio:.2}"), verdict(ratio <= 1.3, "≤ 1.3")));
    results.push(("ratio add / (… + sync)".into(), format!("{:.2}", add.as_secs_f64() / shell_sync.as_secs_f64()), String::new()));
    results.push(("peak memory of the add (max RSS)".into(), format!("{peak_mib:.1} MiB"), verdict(peak_mib <= 64.0, "≤ 64 MiB")));

    // --- 2. Documents for a large plan -------------------------------------
    let ws_dir = dir.path().join("plan");
    let fill = Instant::now();
    let ws = large_workspace(&ws_dir);
    let fill = fill.elapsed();
    let units: Vec<String> = ws.plan.units.iter().map(|u| u.code.clone()).collect();
    let assignments: usize = units.iter().map(|u| ws.plan.assignments_of(u).len()).sum();
    results.push((
        format!("large plan: {} tasks × {} units = {assignments} assignments", ws.plan.tasks.len(), units.len()),
        secs(fill),
        "(filling, not a target)".into(),
    ));
    for (name, year) in [("Q1 2023", false), ("year 2023", true)] {
        let period = if year { Period::year(2023) } else { Period::quarter(2023, 1) };
        for (kind, f) in [("checklist", checklist_pdf as DocFn), ("report", report_pdf as DocFn)] {
            let mut worst_time = (Duration::ZERO, String::new(), 0usize);
            let mut worst_size = (0usize, String::new(), 0usize);
            let mut total = Duration::ZERO;
            for u in &units {
                let t = Instant::now();
                let pdf = f(&ws, u, period, Lang::Vi).expect("document builds");
                let d = t.elapsed();
                total += d;
                if d > worst_time.0 {
                    worst_time = (d, u.clone(), pdf.pages);
                }
                if pdf.bytes.len() > worst_size.0 {
                    worst_size = (pdf.bytes.len(), u.clone(), pdf.pages);
                }
            }
            let is_report = kind == "report";
            results.push((
                format!("{kind} {name}: slowest ({}, {} pages)", worst_time.1, worst_time.2),
                secs(worst_time.0),
                if is_report { verdict(worst_time.0.as_secs_f64() <= 0.5, "≤ 0.5 s") } else { String::new() },
            ));
            results.push((
                format!("{kind} {name}: largest ({}, {} pages)", worst_size.1, worst_size.2),
                format!("{} KB", worst_size.0 / 1000),
                if is_report { verdict(worst_size.0 <= 400_000, "≤ 400 KB") } else { String::new() },
            ));
            results.push((format!("{kind} {name}: all {} units", units.len()), secs(total), String::new()));
        }
    }

    print_table(&results);
}

type DocFn = fn(&Workspace, &str, Period, Lang) -> tiendo::error::Result<tiendo::report::Pdf>;

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, m, d).expect("a valid date")
}

/// The built-in plan on a database file with every unit's tasks in various
/// states, notes, milestones done, a small evidence file per finished task
/// and KPI figures for every unit and quarter.
fn large_workspace(dir: &Path) -> Workspace {
    let mut ws = Workspace::open(dir).expect("workspace");
    ws.today = date(11, 15);
    let units: Vec<String> = ws.plan.units.iter().map(|u| u.code.clone()).collect();
    let scratch = dir.join("tai-lieu");
    std::fs::create_dir_all(&scratch).expect("scratch folder");
    let mut n = 0usize;
    for u in &units {
        let tasks: Vec<(String, Vec<NaiveDate>)> =
            ws.plan.assignments_of(u).iter().map(|(t, _)| (t.code.clone(), t.schedule.dates())).collect();
        for (code, dates) in tasks {
            n += 1;
            let status = Status::ALL[n % Status::ALL.len()];
            let change = Change {
                status: Some(status),
                progress: Some(((n * 37) % 101) as u8),
                note: Some(format!("Đơn vị {u} đã triển khai; ghi chú số {n} về tiến độ thực hiện nhiệm vụ {code}.")),
                ..Default::default()
            };
            ws.update_task(u, &code, &change).expect("update");
            let today = ws.today;
            for d in dates.iter().filter(|d| **d < today).take(2) {
                let done = Change { milestone_done: Some((*d, *d)), ..Default::default() };
                ws.update_task(u, &code, &done).expect("milestone");
            }
            if status.is_done() {
                let f = scratch.join(format!("bao-cao-{u}-{code}.pdf"));
                std::fs::write(&f, format!("%PDF-1.4 báo cáo {u} {code} {n}").repeat(50)).expect("evidence file");
                let meta = EvidenceMeta {
                    doc_type: DocType::Report,
                    doc_number: format!("{n}/BC-UBND"),
                    doc_date: dates.first().copied(),
                    ..Default::default()
                };
                ws.add_evidence(u, &code, &f, &meta, &mut |_| true).expect("evidence");
            }
        }
        for t in ws.plan.targets.clone() {
            let kind = ws.plan.unit(u).map(|x| x.kind);
            if kind.is_some_and(|k| t.applies_to(k)) {
                for q in 1..=4 {
                    let f = match t.kind {
                        TargetKind::Rate => Figure { numerator: 90.0 + (n % 10) as f64, denominator: 100.0 },
                        TargetKind::Value => Figure { numerator: (n % 7) as f64, denominator: 1.0 },
                        TargetKind::YesNo => Figure { numerator: (n % 2) as f64, denominator: 1.0 },
                    };
                    ws.set_figure(u, &t.code, Period::quarter(2023, q), f).expect("figure");
                }
            }
        }
    }
    ws
}
