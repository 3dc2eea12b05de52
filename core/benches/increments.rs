//! Bytes sent per quarter, full against incremental bundles (prints a
//! Markdown table; not a test):
//!
//!     cargo bench -p tiendo-core --bench increments
//!
//! A commune (X-ANT of the seed plan) holds `TIENDO_BENCH_INCR_MIB` MiB of
//! evidence (300 by default) in 60 documents on the tasks it carries all
//! year. It exports each quarter's bundle; the district merges it and sends
//! a receipt, which the commune imports. Before each export after the first,
//! one document changes (a new version replaces it). For each quarter: the
//! size of the full bundle (`--full`), of the incremental one (the default),
//! and how many 20 MB e-mail parts each makes. The district merges the
//! incremental bundle; its final state is checked against the commune's.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

use tiendo_core::bundle::{ExportOptions, MergeOutcome};
use tiendo_core::domain::Period;
use tiendo_core::evidence::EvidenceMeta;
use tiendo_core::progress::Filter;
use tiendo_core::workspace::Workspace;

const MIB: u64 = 1 << 20;
const PART: u64 = 20_000_000;

/// Incompressible bytes (xorshift64) from `seed`.
fn write_random(path: &Path, len: u64, seed: u64) {
    use std::io::Write;
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15 ^ seed.wrapping_mul(0xA24B_AED4_963E_E407) | 1;
    let mut left = len;
    let mut block = vec![0u8; MIB as usize];
    while left > 0 {
        for chunk in block.chunks_mut(8) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let b = x.to_le_bytes();
            chunk.copy_from_slice(&b[..chunk.len()]);
        }
        let n = left.min(MIB) as usize;
        f.write_all(&block[..n]).unwrap();
        left -= n as u64;
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn main() {
    let total_mib: u64 = std::env::var("TIENDO_BENCH_INCR_MIB").ok().and_then(|v| v.parse().ok()).unwrap_or(300);
    let base = std::env::var_os("TIENDO_BENCH_DIR").map(std::path::PathBuf::from).unwrap_or_else(std::env::temp_dir);
    let dir = tempfile::tempdir_in(base).unwrap();
    let d = dir.path();
    let mut unit = Workspace::open(&d.join("xa")).unwrap();
    unit.set_unit("X-ANT").unwrap();
    let mut district = Workspace::open(&d.join("huyen")).unwrap();
    district.set_unit("CUCHI").unwrap();
    district.trust_key("X-ANT", &unit.signing_key().unwrap().public()).unwrap();
    unit.trust_key("CUCHI", &district.signing_key().unwrap().public()).unwrap();

    // The tasks X-ANT carries in every quarter: their evidence goes in every bundle.
    let year = unit.plan.year;
    let quarters: Vec<Period> = (1..=4).map(|q| Period::quarter(year, q)).collect();
    let mut all_year: Option<BTreeSet<String>> = None;
    for q in &quarters {
        let codes: BTreeSet<String> =
            unit.rows("X-ANT", &Filter { period: Some(*q), ..Default::default() }).unwrap().iter().map(|r| r.task.code.clone()).collect();
        all_year = Some(match all_year {
            None => codes,
            Some(a) => a.intersection(&codes).cloned().collect(),
        });
    }
    let tasks: Vec<String> = all_year.unwrap().into_iter().collect();
    assert!(!tasks.is_empty(), "the plan gives X-ANT a task active all year");

    let docs = 60u64;
    let size = total_mib * MIB / docs;
    let files = d.join("files");
    std::fs::create_dir_all(&files).unwrap();
    let attach = |ws: &mut Workspace, name: &str, seed: u64, task: &str| {
        let p = files.join(name);
        write_random(&p, size, seed);
        ws.add_evidence("X-ANT", task, &p, &EvidenceMeta::default(), &mut |_| true).unwrap();
        std::fs::remove_file(&p).unwrap();
    };
    for i in 0..docs {
        attach(&mut unit, &format!("ho-so-{i:02}.pdf"), i, &tasks[i as usize % tasks.len()]);
    }

    let out = d.join("gui");
    std::fs::create_dir_all(&out).unwrap();
    let mut rows = vec![];
    let (mut sum_full, mut sum_incr) = (0u64, 0u64);
    for (qi, q) in quarters.iter().enumerate() {
        if qi > 0 {
            // One document changes: its new version replaces it.
            let old = unit.evidence_list("X-ANT", None).unwrap().into_iter().find(|e| e.file_name == format!("ho-so-{qi:02}.pdf")).unwrap();
            unit.remove_evidence(old.id).unwrap();
            attach(&mut unit, &format!("ho-so-{qi:02}-ban-sua.pdf"), 1000 + qi as u64, &old.task);
        }
        let full_dir = out.join(format!("full-{q}"));
        std::fs::create_dir_all(&full_dir).unwrap();
        let t = Instant::now();
        let full = unit.export_bundle_with(*q, &full_dir.join(format!("X-ANT-{q}-full.zip")), &ExportOptions { full: true, max_part_size: Some(PART) }, &mut |_, _| {}).unwrap();
        let full_secs = t.elapsed().as_secs_f64();
        let incr_dir = out.join(format!("incr-{q}"));
        std::fs::create_dir_all(&incr_dir).unwrap();
        let t = Instant::now();
        let incr = unit.export_bundle_with(*q, &incr_dir.join(format!("X-ANT-{q}.zip")), &ExportOptions { full: false, max_part_size: Some(PART) }, &mut |_, _| {}).unwrap();
        let incr_secs = t.elapsed().as_secs_f64();
        // The district merges the incremental bundle (its parts) and sends a receipt.
        let parts: Vec<_> = incr.files.iter().map(|p| tiendo_core::bundle::read_part(p, &tiendo_core::bundle::KeySource::Registry(&district))).collect();
        let outcome = if incr.files.len() == 1 && parts[0].is_err() {
            district.merge_bundle(&incr.files[0], false).unwrap().0
        } else {
            let sets = tiendo_core::bundle::group_parts(parts.into_iter().map(Result::unwrap).collect());
            district.merge_parts(&sets[0], false).unwrap().0
        };
        assert_eq!(outcome, MergeOutcome::Merged);
        for r in district.write_receipts(&d.join(format!("bien-nhan-{q}")), Some(*q)).unwrap() {
            unit.import_receipt(&r).unwrap();
        }
        sum_full += full.bytes;
        sum_incr += incr.bytes;
        rows.push(format!(
            "| {q} | {} | {} | {} → {} | {} | {:.1} s → {:.1} s |",
            mb(full.bytes),
            mb(incr.bytes),
            full.files.len(),
            incr.files.len(),
            incr.referenced(),
            full_secs,
            incr_secs
        ));
        std::fs::remove_dir_all(&full_dir).unwrap();
        std::fs::remove_dir_all(&incr_dir).unwrap();
    }
    // The district holds what the commune holds, each content once.
    let held: BTreeSet<String> = unit.evidence_list("X-ANT", None).unwrap().into_iter().map(|e| e.sha256).collect();
    let merged: BTreeSet<String> =
        district.merged_evidence().unwrap().into_iter().filter(|e| e.period == format!("{year}Q4")).map(|e| e.sha256).collect();
    assert_eq!(held, merged, "the district's Q4 evidence is the commune's");

    println!("Commune X-ANT, {} MiB of evidence in {docs} documents on {} tasks active all year; one document", total_mib, tasks.len());
    println!("replaced before each export after the first; e-mail parts of at most 20 MB.\n");
    println!("| quarter | full bundle | incremental bundle | 20 MB parts (full → incremental) | documents referenced, not sent | export time (full → incremental) |");
    println!("|---|---|---|---|---|---|");
    for r in rows {
        println!("{r}");
    }
    println!("| **year** | **{}** | **{}** | | | |", mb(sum_full), mb(sum_incr));
}
