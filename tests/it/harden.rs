//! Hardening (issue 12, items 11–27): one rule in the core, names export and
//! verify agree on, signed bundles that say dishonest things, closed pipes,
//! secrets, big plan tables, read-only backups and clear messages.
//!
//! The hostile bundles are made here: a real commune exports, then its
//! `progress.json` (or manifest) is changed and the bundle signed again with
//! the commune's own key — what a dishonest or compromised unit can send.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{Value, json};
use tiendo::crypto::sign::SecretKey;
use tiendo::bundle::{self, KeySource, MergeOutcome};
use tiendo::views;
use tiendo::domain::{Figure, Period, Status};
use tiendo::error::Error;
use tiendo::evidence::{DocType, EvidenceMeta};
use tiendo::i18n::{Arg, Lang};
use tiendo::progress::Change;
use tiendo::workspace::Workspace;

use super::{json as cli_json, ok, tiendo};

const Q1: Period = Period { year: 2023, quarter: Some(1) };

fn unit_ws(code: &str) -> (Workspace, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.set_unit(code).unwrap();
    (ws, dir)
}

fn hex_sha(b: &[u8]) -> String {
    tiendo::util::sha256_hex(b)
}

fn arg(e: &Error, name: &str) -> String {
    match e.args.iter().find(|(k, _)| *k == name).map(|(_, v)| v) {
        Some(Arg::Str(s)) => s.clone(),
        Some(Arg::Num(n)) => n.to_string(),
        Some(Arg::Msg(m)) => (*m).to_owned(),
        None => String::new(),
    }
}

/// Commune X-ANT: task 1.5 done with a scan attached, a Q1 KPI figure; its
/// Q1 bundle in `out`.
fn commune_bundle(out: &Path) -> (Workspace, tempfile::TempDir, PathBuf) {
    let (mut ws, dir) = unit_ws("X-ANT");
    ws.update_task("X-ANT", "1.5", &Change { status: Some(Status::Done), ..Default::default() }).unwrap();
    ws.set_figure("X-ANT", "3.1.a", Q1, Figure { numerator: 45.0, denominator: 50.0 }).unwrap();
    let scan = dir.path().join("Kế hoạch CCHC.pdf");
    std::fs::write(&scan, b"%PDF-1.4 ke hoach cchc xa an nhon tay").unwrap();
    let meta = EvidenceMeta { doc_type: DocType::Plan, doc_number: "12/KH-UBND".into(), ..Default::default() };
    ws.add_evidence("X-ANT", "1.5", &scan, &meta, &mut |_| true).unwrap();
    let p = out.join("X-ANT-2023Q1.zip");
    ws.export_bundle(Q1, &p, &mut |_, _| {}).unwrap();
    (ws, dir, p)
}

/// Rewrites a bundle with its manifest and `progress.json` changed by
/// `edit`, listed and signed again with `key`.
fn resign(src: &Path, out: &Path, key: &SecretKey, edit: impl FnOnce(&mut Value, &mut Value)) {
    let mut z = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let mut entries: Vec<(String, Vec<u8>)> = vec![];
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut b = vec![];
        f.read_to_end(&mut b).unwrap();
        entries.push((f.name().unwrap().into_owned(), b));
    }
    let get = |n: &str| entries.iter().find(|e| e.0 == n).unwrap().1.clone();
    let mut manifest: Value = serde_json::from_slice(&get(bundle::MANIFEST)).unwrap();
    let mut progress: Value = serde_json::from_slice(&get(bundle::PROGRESS)).unwrap();
    edit(&mut manifest, &mut progress);
    let pj = serde_json::to_vec_pretty(&progress).unwrap();
    let mut files = vec![];
    let mut content = vec![];
    for (n, b) in entries {
        if n == bundle::MANIFEST || n == bundle::SUMS || n == bundle::SIGNATURE {
            continue;
        }
        let b = if n == bundle::PROGRESS { pj.clone() } else { b };
        files.push(json!({ "path": n, "size": b.len(), "sha256": hex_sha(&b) }));
        content.push((n, b));
    }
    manifest["files"] = Value::Array(files);
    let m: bundle::Manifest = serde_json::from_value(manifest).unwrap();
    let mb = serde_json::to_vec_pretty(&m).unwrap();
    let sums = bundle::sums_text(&m, &hex_sha(&mb));
    let mut w = zip::ZipWriter::new(std::fs::File::create(out).unwrap());
    let o = zip::write::SimpleFileOptions::default();
    for (n, b) in content.iter().chain([(bundle::MANIFEST.to_owned(), mb.clone()), (bundle::SUMS.to_owned(), sums.into_bytes())].iter()) {
        w.start_file(n.as_str(), o).unwrap();
        w.write_all(b).unwrap();
    }
    w.start_file(bundle::SIGNATURE, o).unwrap();
    w.write_all(key.sign_minisig(&mb, "test").as_bytes()).unwrap();
    w.finish().unwrap();
}

/// The district (Cu Chi) trusting X-ANT's key.
fn district_trusting(key: &SecretKey) -> (Workspace, tempfile::TempDir) {
    let (d, dir) = unit_ws("CUCHI");
    d.trust_key("X-ANT", &key.public()).unwrap();
    (d, dir)
}

// ---- 11 ----------------------------------------------------------------------------------

#[test]
fn done_means_100_percent_whoever_sets_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["unit", "set", "X-ANT"]);
    ok(d, &["task", "set", "1.5", "--progress", "40"]);
    ok(d, &["task", "set", "1.5", "--status", "done"]);
    let v = cli_json(d, &["tasks", "--json"]);
    let t = v["tasks"].as_array().unwrap().iter().find(|t| t["code"] == "1.5").unwrap().clone();
    assert_eq!((t["status"].as_str(), t["progress"].as_u64()), (Some("done"), Some(100)));
    // A lower figure for a done task is refused, not silently replaced.
    let out = tiendo(d, &["task", "set", "1.5", "--progress", "60"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1.5") && err.contains("60"), "{err}");
    let out = tiendo(d, &["task", "set", "1.6", "--status", "done", "--progress", "40"]);
    assert_eq!(out.status.code(), Some(1));
    let v = cli_json(d, &["tasks", "--json"]);
    let t = v["tasks"].as_array().unwrap().iter().find(|t| t["code"] == "1.5").unwrap().clone();
    assert_eq!(t["progress"].as_u64(), Some(100));
    // The core itself: done late, with a lower progress given at once.
    let (mut ws, _d) = unit_ws("X-AP");
    ws.update_task("X-AP", "1.5", &Change { progress: Some(30), ..Default::default() }).unwrap();
    let e = ws.update_task("X-AP", "1.5", &Change { status: Some(Status::DoneLate), progress: Some(30), ..Default::default() }).unwrap_err();
    assert_eq!(e.key, "err-done-progress");
    assert_eq!(ws.store().task_state(&ws.plan.id, "X-AP", "1.5").unwrap().status, Status::NotStarted, "nothing half-done");
    let s = ws.update_task("X-AP", "1.5", &Change { status: Some(Status::DoneLate), ..Default::default() }).unwrap();
    assert_eq!((s.status, s.progress), (Status::DoneLate, 100));
}

// ---- 12 ----------------------------------------------------------------------------------

/// A small generator of hostile and ordinary file names.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn name(&mut self) -> String {
        const PARTS: &[&str] = &[
            "a", "B", "z", "Q", "0", "7", " ", ".", "-", "_", "ệ", "Ệ", "ư", "Ữ", "đ", "Đ", "ỗ", "e\u{0302}\u{0301}", "a\u{0300}", "/", "\\", ":",
            "*", "?", "\u{1}", "\u{7f}", "..", "📄", "Scan", "scan", "SCAN", ".pdf", ".PDF", "Quyết định", "Báo cáo", "\u{200b}", "\u{feff}",
        ];
        let len = match self.below(4) {
            0 => self.below(4),
            1 => self.below(30),
            2 => 60 + self.below(120),
            _ => 200 + self.below(400),
        };
        (0..len).map(|_| PARTS[self.below(PARTS.len())]).collect()
    }
}

#[test]
fn export_names_entries_only_as_verify_accepts_them() {
    // Edge cases first, then generated names.
    for name in ["", ".", "..", ". .", " . ", "...", "/", "\\", "a/..", "..\\..\\x", "CON", "x\u{0}y", "Scan.pdf", "scan.PDF"] {
        let (path, file_name) = bundle::EntryNames::default().entry(&hex_sha(name.as_bytes()), name);
        bundle::check_entry_name(&path).unwrap_or_else(|e| panic!("{name:?} → {path:?}: {}", e.message_in(Lang::En)));
        bundle::check_file_name(&file_name).unwrap_or_else(|e| panic!("{name:?} → {file_name:?}: {}", e.message_in(Lang::En)));
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..1000 {
        let mut names = bundle::EntryNames::default();
        let mut shas: Vec<String> = vec![];
        let mut seen: Vec<(String, String)> = vec![];
        for _ in 0..12 {
            // The same content under another name now and then (Scan.pdf / scan.pdf).
            let sha = if !shas.is_empty() && rng.below(3) == 0 {
                shas[rng.below(shas.len())].clone()
            } else {
                let s = hex_sha(&rng.next().to_le_bytes());
                shas.push(s.clone());
                s
            };
            let name = rng.name();
            let (path, file_name) = names.entry(&sha, &name);
            bundle::check_entry_name(&path).unwrap_or_else(|e| panic!("round {round}: {name:?} → {path:?}: {}", e.message_in(Lang::En)));
            bundle::check_file_name(&file_name).unwrap_or_else(|e| panic!("round {round}: {name:?} → {file_name:?}: {}", e.message_in(Lang::En)));
            assert!(path.starts_with(&format!("evidence/{}", &sha[..16])), "{path}");
            seen.push((sha, path));
        }
        for (sha, path) in &seen {
            for (sha2, path2) in &seen {
                if sha == sha2 {
                    assert_eq!(path, path2, "one entry per content");
                } else {
                    assert_ne!(path.to_lowercase(), path2.to_lowercase(), "unique ignoring case");
                }
            }
        }
    }
}

#[test]
fn a_bundle_with_case_twins_and_a_long_vietnamese_name_verifies_and_merges() {
    let (mut ws, dir) = unit_ws("X-ANT");
    let scan = dir.path().join("Scan.pdf");
    std::fs::write(&scan, b"%PDF-1.4 cung mot ban chup").unwrap();
    let twin = dir.path().join("scan.pdf");
    std::fs::write(&twin, b"%PDF-1.4 cung mot ban chup").unwrap();
    let meta = EvidenceMeta::default();
    ws.add_evidence("X-ANT", "1.5", &scan, &meta, &mut |_| true).unwrap();
    ws.add_evidence("X-ANT", "1.5", &twin, &meta, &mut |_| true).unwrap();
    // A name as Windows allows it (255 UTF-16 units: about 750 bytes of UTF-8).
    let long = format!("Biên bản kiểm tra {}.pdf", "ệ".repeat(230));
    assert!(long.chars().count() < 255 && long.len() > 600);
    let stored = ws.store_mut().put_blob(&mut &b"%PDF-1.4 bien ban"[..], &mut |_| true).unwrap();
    let plan = ws.plan.id.clone();
    ws.store_mut().add_evidence(&plan, "X-ANT", "1.5", &stored, &long, "application/pdf", &meta, "tester").unwrap();
    let out = dir.path().join("b.zip");
    ws.export_bundle(Q1, &out, &mut |_, _| {}).unwrap();
    let key = ws.signing_key().unwrap();
    let v = bundle::verify(&out, &KeySource::Given(key.public())).unwrap();
    assert_eq!(v.progress.evidence.len(), 3);
    assert!(v.progress.evidence.iter().any(|e| e.file_name.starts_with("Biên bản kiểm tra") && e.file_name.ends_with(".pdf")));
    let (mut d, _dd) = district_trusting(&key);
    assert_eq!(d.merge_bundle(&out, false).unwrap().0, MergeOutcome::Merged);
    let t = d.store().merged_tasks(&d.plan.id).unwrap();
    assert_eq!(t.iter().find(|t| t.task == "1.5").unwrap().evidence_count, 3);
}

// ---- 13 ----------------------------------------------------------------------------------

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn utf16_hex(s: &str) -> String {
    let mut hex = String::from("<FEFF");
    for u in s.encode_utf16() {
        hex.push_str(&format!("{u:04X}"));
    }
    hex + ">"
}

fn entry(zip_path: &Path, name: &str) -> Vec<u8> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(zip_path).unwrap()).unwrap();
    let mut b = vec![];
    z.by_name(name).unwrap().read_to_end(&mut b).unwrap();
    b
}

#[test]
fn documents_for_others_use_the_language_the_user_chose() {
    // The window saved English; this process runs in Vietnamese.
    let (ws, dir) = unit_ws("X-ANT");
    ws.store().set_meta("lang", "en").unwrap();
    let out = dir.path().join("b.zip");
    ws.export_bundle(Q1, &out, &mut |_, _| {}).unwrap();
    let pdf = entry(&out, bundle::REPORT);
    let reason = tiendo::i18n::ta(Lang::En, "pdf-sign-reason", &[("period", "2023Q1".into())]);
    let needle = utf16_hex(&reason);
    assert!(pdf.windows(needle.len()).any(|w| w == needle.as_bytes()), "English signature reason");
    let report = dir.path().join("report.pdf");
    std::fs::write(&report, &pdf).unwrap();
    assert!(pdf_text(&report).contains("SOCIALIST REPUBLIC OF VIETNAM"), "{}", pdf_text(&report));
    let card = dir.path().join("khoa.pub");
    ws.export_key_card(&card).unwrap();
    let card_text = pdf_text(&card.with_extension("pdf"));
    assert!(card_text.contains(&tiendo::i18n::t(Lang::En, "keycard-title").to_uppercase()), "{card_text}");

    // The other way round through the command line: Vietnamese chosen, English environment.
    let (ws2, dir2) = unit_ws("X-AP");
    ws2.store().set_meta("lang", "vi").unwrap();
    drop(ws2);
    let out2 = dir2.path().join("b2.zip");
    let st = Command::new(env!("CARGO_BIN_EXE_tiendo"))
        .arg("--data-dir")
        .arg(dir2.path())
        .args(["export", "--period", "2023Q1", "--out"])
        .arg(&out2)
        .env("TIENDO_LANG", "en")
        .env("LANG", "en_US.UTF-8")
        .env("TIENDO_TODAY", "2023-05-15")
        .output()
        .unwrap();
    assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));
    let pdf2 = dir2.path().join("r2.pdf");
    std::fs::write(&pdf2, entry(&out2, bundle::REPORT)).unwrap();
    let text = pdf_text(&pdf2);
    assert!(!text.contains("SOCIALIST REPUBLIC") && text.contains("Độc lập"), "{text}");
}

// ---- 14, 15 ------------------------------------------------------------------------------

#[test]
fn a_damaged_copy_of_a_merged_bundle_is_refused_not_called_merged() {
    let out = tempfile::tempdir().unwrap();
    let (ws, _c, p) = commune_bundle(out.path());
    let key = ws.signing_key().unwrap();
    let (mut d, _dd) = district_trusting(&key);
    assert_eq!(d.merge_bundle(&p, false).unwrap().0, MergeOutcome::Merged);
    let name = {
        let z = zip::ZipArchive::new(std::fs::File::open(&p).unwrap()).unwrap();
        z.file_names().map(|n| n.unwrap().into_owned()).find(|n| n.starts_with("evidence/")).unwrap()
    };
    let bytes = std::fs::read(&p).unwrap();
    let start = zip::ZipArchive::new(std::fs::File::open(&p).unwrap()).unwrap().by_name(&name).unwrap().data_start().unwrap() as usize;
    let mut b = bytes.clone();
    b[start + 2] ^= 0x01;
    let copy = out.path().join("copy.zip");
    std::fs::write(&copy, b).unwrap();
    let err = d.merge_bundle(&copy, false).unwrap_err();
    assert!(err.key == "err-bundle-file-changed" || err.key == "err-bundle-file-damaged", "{}", err.key);
    assert!(err.message_in(Lang::Vi).contains(&name), "{}", err.message_in(Lang::Vi));
    // The good one is still "already merged".
    assert_eq!(d.merge_bundle(&p, false).unwrap().0, MergeOutcome::AlreadyMerged);
}

#[test]
fn a_unit_verifies_its_own_bundle() {
    let out = tempfile::tempdir().unwrap();
    let (ws, c, p) = commune_bundle(out.path());
    let v = bundle::verify(&p, &KeySource::Registry(&ws)).unwrap();
    assert_eq!(v.manifest.unit_code, "X-ANT");
    drop(ws);
    let text = ok(c.path(), &["verify", p.to_str().unwrap()]);
    assert!(text.contains("X-ANT"), "{text}");
    // Another unit's installation still does not know the key.
    let (other, _o) = unit_ws("X-AP");
    assert_eq!(bundle::verify(&p, &KeySource::Registry(&other)).unwrap_err().key, "err-bundle-unknown-key");
}

// ---- 16 ----------------------------------------------------------------------------------

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["unit", "set", "X-ANT"]);
    for args in [&["tasks", "--json"][..], &["plan", "show", "--json"][..]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tiendo"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(args)
            .env("TIENDO_LANG", "vi")
            .env("TIENDO_TODAY", "2023-05-15")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before a line is read (`| head -0`).
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.is_empty(), "{args:?}: {err}");
        assert!(matches!(out.status.code(), Some(0) | Some(141)), "{args:?}: {:?}", out.status);
    }
}

// ---- 17 ----------------------------------------------------------------------------------

#[test]
fn a_passphrase_is_never_printed_by_debug() {
    let p = tiendo::crypto::seal::Passphrase::from("Mật khẩu bí mật 2023");
    assert_eq!(p.as_str(), "Mật khẩu bí mật 2023");
    let shown = format!("{p:?} {:?}", Some(p.clone()));
    assert!(!shown.contains("bí mật") && !shown.contains("2023"), "{shown}");
    let (mut ws, _d) = unit_ws("X-ANT");
    ws.protect_key(Some("Mật khẩu bí mật 2023")).unwrap();
    assert!(!format!("{:?}", ws.passphrase).contains("bí mật"));
    let key = ws.signing_key().unwrap();
    assert!(!format!("{key:?}").contains(&format!("{:?}", key.seed())));
}

// ---- 19–23: what a signed bundle claims ------------------------------------------------------

#[test]
fn a_period_outside_the_plan_year_is_refused_at_export_and_merge() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["unit", "set", "X-ANT"]);
    for period in ["2024Q1", "1999Q1", "2024"] {
        let out = tiendo(d, &["export", "--period", period, "--out", d.join("b.zip").to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{period}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(period) && err.contains("2023"), "{err}");
        assert!(!d.join("b.zip").exists());
    }
    let out = tempfile::tempdir().unwrap();
    let (ws, _c, p) = commune_bundle(out.path());
    let key = ws.signing_key().unwrap();
    let (mut dist, _dd) = district_trusting(&key);
    for period in ["2024Q1", "1999Q1"] {
        let bad = out.path().join(format!("{period}.zip"));
        resign(&p, &bad, &key, |m, pj| {
            m["period"] = json!(period);
            pj["period"] = json!(period);
            pj["kpi"] = json!([]);
        });
        assert_eq!(dist.merge_bundle(&bad, false).unwrap_err().key, "err-period-outside-plan", "{period}");
    }
}

#[test]
fn only_the_governing_office_merges_a_units_bundle() {
    let out = tempfile::tempdir().unwrap();
    let (ws, _c, p) = commune_bundle(out.path());
    let key = ws.signing_key().unwrap();
    // Phòng Tư pháp (a department), another commune, the commune itself.
    for receiver in ["PTP", "X-AP", "X-ANT"] {
        let (mut r, _rd) = unit_ws(receiver);
        r.trust_key("X-ANT", &key.public()).unwrap();
        let err = r.merge_bundle(&p, false).unwrap_err();
        assert_eq!(err.key, "err-bundle-not-governed", "{receiver}");
        assert!(r.store().bundles().unwrap().is_empty());
        assert!(err.message_in(Lang::Vi).contains("X-ANT"));
    }
    // Not even quarantined: a stranger's key is not kept.
    let (mut ptp, _pd) = unit_ws("PTP");
    assert_eq!(ptp.merge_bundle(&p, false).unwrap_err().key, "err-bundle-not-governed");
    assert!(ptp.store().keys().unwrap().is_empty());
    // Phòng Nội vụ consolidates for UBND huyện: the commune's bundle is its to merge.
    let (mut pnv, _nd) = unit_ws("PNV");
    pnv.trust_key("X-ANT", &key.public()).unwrap();
    assert_eq!(pnv.merge_bundle(&p, false).unwrap().0, MergeOutcome::Merged);
    let (mut d, _dd) = district_trusting(&key);
    assert_eq!(d.merge_bundle(&p, false).unwrap().0, MergeOutcome::Merged);
}

#[test]
fn every_value_a_bundle_claims_is_checked_against_the_plan() {
    let out = tempfile::tempdir().unwrap();
    let (ws, _c, p) = commune_bundle(out.path());
    let key = ws.signing_key().unwrap();
    let (mut d, dd) = district_trusting(&key);
    type Edit = Box<dyn Fn(&mut Value)>;
    let t15 = |pj: &mut Value| -> usize { pj["tasks"].as_array().unwrap().iter().position(|t| t["task"] == "1.5").unwrap() };
    let cases: Vec<(&str, &str, Edit)> = vec![
        ("progress-250", "progress", Box::new(move |pj| {
            let i = t15(pj);
            pj["tasks"][i]["progress"] = json!(250);
        })),
        ("unknown-task", "unknown-task", Box::new(move |pj| {
            let i = t15(pj);
            pj["tasks"][i]["task"] = json!("99.9");
        })),
        ("not-assigned", "not-assigned", Box::new(move |pj| {
            let i = t15(pj);
            pj["tasks"][i]["task"] = json!("1.1");
        })),
        ("kpi-negative", "negative", Box::new(|pj| pj["kpi"][0]["numerator"] = json!(-500.0))),
        ("kpi-huge", "number", Box::new(|pj| pj["kpi"][0]["numerator"] = json!(1e308))),
        ("kpi-zero-den", "denominator", Box::new(|pj| {
            pj["kpi"][0]["numerator"] = json!(0.0);
            pj["kpi"][0]["denominator"] = json!(0.0);
        })),
        ("kpi-num-gt-den", "num-gt-den", Box::new(|pj| pj["kpi"][0]["numerator"] = json!(70.0))),
        ("kpi-quarter-abc", "quarter", Box::new(|pj| pj["kpi"][0]["quarter"] = json!("abc"))),
        ("kpi-unknown-target", "unknown-target", Box::new(|pj| pj["kpi"][0]["target"] = json!("9.9.z"))),
        ("kpi-other-quarter", "other-period", Box::new(|pj| pj["kpi"][0]["quarter"] = json!("2023Q2"))),
        ("evidence-task", "not-assigned", Box::new(|pj| pj["evidence"][0]["task"] = json!("1.1"))),
        ("evidence-date", "date", Box::new(|pj| pj["evidence"][0]["doc_date"] = json!("2023-02-30"))),
        ("evidence-milestone", "date", Box::new(|pj| pj["evidence"][0]["milestone"] = json!("31/03/2023"))),
        ("evidence-doc-type", "doc-type", Box::new(|pj| pj["evidence"][0]["doc_type"] = json!("garbage"))),
    ];
    let digest = d.store().merged_digest().unwrap();
    for (name, why, edit) in &cases {
        let bad = out.path().join(format!("{name}.zip"));
        resign(&p, &bad, &key, |_, pj| edit(pj));
        let err = d.merge_bundle(&bad, false).expect_err(name);
        assert_eq!((err.key, arg(&err, "why").as_str()), ("err-bundle-claim", *why), "{name}: {}", err.message_in(Lang::En));
        let vi = err.message_in(Lang::Vi);
        assert!(vi.contains(&arg(&err, "field")) && !vi.contains("other]"), "{name}: {vi}");
    }
    // file_name from progress.json: the rules of entry names.
    for (name, file_name, why) in [
        ("name-traversal", "../../../../tmp/x.pdf", "separator"),
        ("name-nfd", "Quye\u{0301}t đi\u{0323}nh.pdf", "normalization"),
        ("name-backslash", "..\\..\\x.pdf", "backslash"),
    ] {
        let bad = out.path().join(format!("{name}.zip"));
        resign(&p, &bad, &key, |_, pj| pj["evidence"][0]["file_name"] = json!(file_name));
        let err = d.merge_bundle(&bad, false).expect_err(name);
        assert_eq!((err.key, arg(&err, "why").as_str()), ("err-bundle-bad-name", why), "{name}");
    }
    assert_eq!(d.store().merged_digest().unwrap(), digest, "nothing merged");
    assert!(d.store().bundles().unwrap().is_empty());
    drop(dd);
    // The honest bundle still merges.
    assert_eq!(d.merge_bundle(&p, false).unwrap().0, MergeOutcome::Merged);
}

#[test]
fn a_q1_bundle_cannot_overwrite_a_q2_figure() {
    let out = tempfile::tempdir().unwrap();
    let (mut ws, _c, p1) = commune_bundle(out.path());
    let key = ws.signing_key().unwrap();
    let q2 = Period { year: 2023, quarter: Some(2) };
    ws.set_figure("X-ANT", "3.1.a", q2, Figure { numerator: 10.0, denominator: 20.0 }).unwrap();
    let p2 = out.path().join("q2.zip");
    ws.export_bundle(q2, &p2, &mut |_, _| {}).unwrap();
    let (mut d, _dd) = district_trusting(&key);
    d.merge_bundle(&p2, false).unwrap();
    // A Q1 bundle carrying a Q2 figure.
    let bad = out.path().join("q1-with-q2.zip");
    resign(&p1, &bad, &key, |_, pj| {
        let mut extra = pj["kpi"][0].clone();
        extra["quarter"] = json!("2023Q2");
        extra["numerator"] = json!(1.0);
        pj["kpi"].as_array_mut().unwrap().push(extra);
    });
    let err = d.merge_bundle(&bad, false).unwrap_err();
    assert_eq!((err.key, arg(&err, "why").as_str()), ("err-bundle-claim", "other-period"));
    let k = views::district_kpis(&d, q2).unwrap();
    let f = k.iter().find(|s| s.target.code == "3.1.a").unwrap().figure;
    assert_eq!(f.unwrap(), Figure { numerator: 10.0, denominator: 20.0 });
}

#[test]
fn export_refuses_a_figure_the_parent_would_refuse_before_using_a_sequence() {
    let (mut ws, dir) = unit_ws("X-ANT");
    // A rate of 0 / 0 stored before the rule (straight into the store).
    let plan = ws.plan.id.clone();
    ws.store_mut().set_figure(&plan, "3.1.a", "X-ANT", Q1, Figure { numerator: 0.0, denominator: 0.0 }, "tester").unwrap();
    let out = dir.path().join("b.zip");
    let err = ws.export_bundle(Q1, &out, &mut |_, _| {}).unwrap_err();
    assert_eq!((err.key, arg(&err, "why").as_str()), ("err-bundle-claim", "denominator"));
    assert!(err.message_in(Lang::Vi).contains("3.1.a"));
    assert!(!out.exists() && ws.store().exports().unwrap().is_empty());
    // Typed in, the same figure is refused at once.
    assert_eq!(ws.set_figure("X-ANT", "3.1.a", Q1, Figure { numerator: 0.0, denominator: 0.0 }).unwrap_err().key, "err-kpi-zero-den");
    ws.set_figure("X-ANT", "3.1.a", Q1, Figure { numerator: 3.0, denominator: 4.0 }).unwrap();
    assert_eq!(ws.export_bundle(Q1, &out, &mut |_, _| {}).unwrap().sequence, 1);
}

// ---- 24 ----------------------------------------------------------------------------------

#[test]
fn an_untrusted_key_exits_non_zero_and_names_the_trusted_one() {
    let c = tempfile::tempdir().unwrap();
    let d = tempfile::tempdir().unwrap();
    ok(c.path(), &["unit", "set", "X-ANT"]);
    ok(d.path(), &["unit", "set", "CUCHI"]);
    let first = c.path().join("1.zip");
    ok(c.path(), &["export", "--period", "2023Q1", "--out", first.to_str().unwrap()]);
    // A key never seen: quarantined, and scripts see it.
    let out = tiendo(d.path(), &["merge", first.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!text.contains("CẢNH BÁO"), "{text}");
    // Trust it; then the commune's key is replaced (a new laptop) and a bundle arrives.
    let old = Workspace::open(c.path()).unwrap().public_key().unwrap();
    Workspace::open(d.path()).unwrap().accept_key(&old.fingerprint()).unwrap();
    std::fs::remove_file(c.path().join("keys").join("signing-key.json")).unwrap();
    let second = c.path().join("2.zip");
    ok(c.path(), &["export", "--period", "2023Q1", "--out", second.to_str().unwrap()]);
    let out = tiendo(d.path(), &["merge", second.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(text.contains("CẢNH BÁO") && text.contains(&old.fingerprint()), "{text}");
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("Lỗi: "));
}

// ---- 25 ----------------------------------------------------------------------------------

fn plan_table(rows: usize) -> String {
    let mut s = String::from("STT,Nhiệm vụ cụ thể,Sản phẩm,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian hoàn thành\n1 Công tác chỉ đạo điều hành,,,,,\n");
    for i in 1..=rows {
        s.push_str(&format!("1.{i},Nhiệm vụ số {i},Báo cáo,Trưởng Phòng Nội vụ huyện,,Quý I năm 2023\n"));
    }
    s
}

#[test]
fn a_huge_plan_table_is_refused_clearly_and_duplicates_are_still_found() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let huge = d.join("huge.csv");
    std::fs::write(&huge, plan_table(tiendo::plan::MAX_PLAN_ROWS + 5)).unwrap();
    let out = tiendo(d, &["plan", "import", huge.to_str().unwrap(), "--dry-run"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("20") && err.contains("dòng"), "{err}");
    let mut dup = plan_table(3);
    dup.push_str("1.2,Lặp lại,Báo cáo,Trưởng Phòng Nội vụ huyện,,Quý I năm 2023\n");
    let f = d.join("dup.csv");
    std::fs::write(&f, dup).unwrap();
    let out = tiendo(d, &["plan", "import", f.to_str().unwrap(), "--dry-run"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1.2"));
}

// ---- 27 ----------------------------------------------------------------------------------

#[test]
fn messages_name_the_file_and_carry_no_english_detail() {
    let out = tempfile::tempdir().unwrap();
    let (ws, _c, p) = commune_bundle(out.path());
    let key = ws.signing_key().unwrap();
    let given = || KeySource::Given(key.public());
    // Duplicate entry names: patch "progress.json" into a second name of the same length.
    let dup = out.path().join("dup.zip");
    {
        let mut w = zip::ZipWriter::new(std::fs::File::create(&dup).unwrap());
        let o = zip::write::SimpleFileOptions::default();
        for n in ["evidence/a.pdf", "evidence/b.pdf"] {
            w.start_file(n, o).unwrap();
            w.write_all(b"x").unwrap();
        }
        w.finish().unwrap();
        let mut b = std::fs::read(&dup).unwrap();
        let pat = b"evidence/b.pdf";
        let hits: Vec<usize> = (0..b.len() - pat.len()).filter(|&i| &b[i..i + pat.len()] == pat).collect();
        for i in hits {
            b[i + 9] = b'a';
        }
        std::fs::write(&dup, b).unwrap();
    }
    let e = bundle::verify(&dup, &given()).unwrap_err();
    assert_eq!(e.key, "err-bundle-duplicate");
    assert!(e.message_in(Lang::Vi).contains("evidence/a.pdf"), "{}", e.message_in(Lang::Vi));
    // Not a zip: a Vietnamese sentence, the zip library's text kept as the source.
    let notzip = out.path().join("notzip.zip");
    std::fs::write(&notzip, b"PK\x03\x04 not really").unwrap();
    let e = bundle::verify(&notzip, &given()).unwrap_err();
    assert_eq!(e.message_in(Lang::Vi), tiendo::i18n::t(Lang::Vi, "err-bundle-corrupt"));
    assert!(std::error::Error::source(&e).is_some());
    // A damaged progress.json: named, no serde text.
    let bad = out.path().join("badjson.zip");
    resign(&p, &bad, &key, |_, pj| *pj = json!({ "unit_code": 5 }));
    let e = bundle::verify(&bad, &given()).unwrap_err();
    let vi = e.message_in(Lang::Vi);
    assert!(vi.contains("progress.json") && !vi.contains("invalid type") && !vi.contains("expected"), "{vi}");
    // A missing file: the OS text is not in the message.
    let e = bundle::verify(&out.path().join("không có.zip"), &given()).unwrap_err();
    let vi = e.message_in(Lang::Vi);
    assert!(vi.contains("không tìm thấy") && !vi.contains("No such file") && !vi.contains("os error"), "{vi}");
    // Unsafe names: localised reasons; a backslash is a backslash; long names shortened.
    let e = bundle::check_entry_name("evidence\\x.pdf").unwrap_err();
    assert!(e.message_in(Lang::Vi).contains("chứa dấu \\"), "{}", e.message_in(Lang::Vi));
    assert!(!e.message_in(Lang::Vi).contains("absolute"));
    let huge = format!("evidence/{}.pdf", "x".repeat(60_000));
    let e = bundle::check_entry_name(&huge).unwrap_err();
    assert!(e.message_in(Lang::Vi).chars().count() < 300, "{}", e.message_in(Lang::Vi).len());
    assert!(e.message_in(Lang::Vi).contains("tên quá dài"));
    // A sequence of i64::MAX is refused, named as it is.
    let (mut d, _dd) = district_trusting(&key);
    let max = out.path().join("max.zip");
    resign(&p, &max, &key, |m, _| m["sequence"] = json!(i64::MAX));
    let e = d.merge_bundle(&max, false).unwrap_err();
    assert_eq!(e.key, "err-bundle-sequence");
    assert!(e.message_in(Lang::Vi).contains(&i64::MAX.to_string()), "{}", e.message_in(Lang::Vi));
    assert_eq!(d.merge_bundle(&p, false).unwrap().0, MergeOutcome::Merged);
}

#[test]
fn a_utf8_plan_table_with_a_few_stray_bytes_is_not_missing_a_column() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = plan_table(3).into_bytes();
    let at = bytes.len() - 10;
    bytes.insert(at, 0xFF);
    bytes.insert(20, 0xC3);
    let f = dir.path().join("ke-hoach.csv");
    std::fs::write(&f, &bytes).unwrap();
    let out = tiendo(dir.path(), &["plan", "import", f.to_str().unwrap(), "--dry-run"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("thiếu cột") && err.contains("UTF-8") && err.contains("dòng 1"), "{err}");
}

#[test]
fn a_key_found_in_the_wrong_bundle_is_still_the_senders_problem() {
    // A bundle signed by X-ANT's key but claiming X-AP: refused as before.
    let out = tempfile::tempdir().unwrap();
    let (ws, _c, p) = commune_bundle(out.path());
    let key = ws.signing_key().unwrap();
    let (mut d, _dd) = district_trusting(&key);
    let bad = out.path().join("claims-ap.zip");
    resign(&p, &bad, &key, |m, pj| {
        m["unit_code"] = json!("X-AP");
        pj["unit_code"] = json!("X-AP");
    });
    assert_eq!(d.merge_bundle(&bad, false).unwrap_err().key, "err-bundle-key-unit");
}
