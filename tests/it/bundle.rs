//! Signed bundles end to end: export, verify (ours and stock tools), merge
//! in any order, hostile bundles refused with the database unchanged.

use std::io::Write;
use std::path::{Path, PathBuf};

use tiendo::crypto::sign::{PublicKey, SecretKey};
use tiendo::bundle::{self, KeySource, MergeOutcome};
use tiendo::domain::{Figure, Period, Status};
use tiendo::evidence::{DocType, EvidenceMeta};
use tiendo::progress::Change;
use tiendo::workspace::Workspace;

const Q1: Period = Period { year: 2023, quarter: Some(1) };

struct Commune {
    ws: Workspace,
    _dir: tempfile::TempDir,
}

fn commune(code: &str) -> Commune {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.set_unit(code).unwrap();
    Commune { ws, _dir: dir }
}

fn scan(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn district() -> (Workspace, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.set_unit("CUCHI").unwrap();
    (ws, dir)
}

/// A district that trusts `keys` and has merged `paths`.
fn district_with(paths: &[PathBuf], keys: &[(String, PublicKey)]) -> (Workspace, tempfile::TempDir) {
    let (mut d, dir) = district();
    for (u, k) in keys {
        d.trust_key(u, k).unwrap();
    }
    for p in paths {
        d.merge_bundle(p, false).unwrap();
    }
    (d, dir)
}

/// Three communes export Q1; X-AP exports twice. Returns the bundle paths
/// and the communes' public keys.
fn three_communes(out: &Path) -> (Vec<PathBuf>, Vec<(String, PublicKey)>) {
    let shared_scan = b"%PDF-1.4 Ke hoach CCHC huyen 2023 (ban chup chung)".to_vec();
    let mut paths = vec![];
    let mut keys = vec![];
    for (i, code) in ["X-ANT", "X-AP", "TT-CC"].iter().enumerate() {
        let mut c = commune(code);
        let ws = &mut c.ws;
        ws.update_task(code, "1.5", &Change { status: Some(Status::Done), progress: Some(100), ..Default::default() }).unwrap();
        ws.update_task(code, "1.6", &Change {
            milestone_done: Some((chrono::NaiveDate::from_ymd_opt(2023, 3, 7).unwrap(), chrono::NaiveDate::from_ymd_opt(2023, 3, 6).unwrap())),
            ..Default::default()
        }).unwrap();
        ws.set_figure(code, "3.1.a", Q1, Figure { numerator: 90.0 + i as f64, denominator: 100.0 }).unwrap();
        let meta = EvidenceMeta { doc_type: DocType::Plan, doc_number: format!("{}/KH-UBND", 10 + i), ..Default::default() };
        let tmp = tempfile::tempdir().unwrap();
        // The same district scan attached by every commune: stored once at the district.
        ws.add_evidence(code, "1.5", &scan(tmp.path(), "Kế hoạch chung.pdf", &shared_scan), &meta, &mut |_| true).unwrap();
        ws.add_evidence(code, "1.5", &scan(tmp.path(), &format!("KH riêng {code}.pdf"), code.as_bytes()), &meta, &mut |_| true).unwrap();
        let p = out.join(format!("{code}-2023Q1-1.zip"));
        let m = ws.export_bundle(Q1, &p, &mut |_, _| {}).unwrap();
        assert_eq!(m.sequence, 1);
        paths.push(p);
        if *code == "X-AP" {
            ws.update_task(code, "1.5", &Change { note: Some("Bổ sung báo cáo".into()), ..Default::default() }).unwrap();
            let p2 = out.join(format!("{code}-2023Q1-2.zip"));
            let m2 = ws.export_bundle(Q1, &p2, &mut |_, _| {}).unwrap();
            assert_eq!(m2.sequence, 2);
            assert!(m2.previous.is_some());
            paths.push(p2);
        }
        keys.push((code.to_string(), ws.signing_key().unwrap().public()));
    }
    (paths, keys)
}

#[test]
fn three_communes_merge_in_any_order_twice_with_the_same_result() {
    let out = tempfile::tempdir().unwrap();
    let (paths, keys) = three_communes(out.path());
    assert_eq!(paths.len(), 4);
    let orders: [[usize; 4]; 3] = [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]];
    let mut digests = vec![];
    for order in orders {
        let (mut d, _dir) = district();
        for (u, k) in &keys {
            d.trust_key(u, k).unwrap();
        }
        for _round in 0..2 {
            for &i in &order {
                d.merge_bundle(&paths[i], false).unwrap();
            }
        }
        digests.push(d.store().merged_digest().unwrap());
        // X-AP's second export is current; the first is kept as history.
        let logs = d.store().bundles().unwrap();
        assert_eq!(logs.len(), 4);
        let ap: Vec<_> = logs.iter().filter(|b| b.unit == "X-AP").collect();
        assert_eq!(ap.iter().find(|b| b.current).unwrap().sequence, 2);
        assert_eq!(ap.iter().filter(|b| !b.current).count(), 1);
        let tasks = d.store().merged_tasks(&d.plan.id).unwrap();
        let t = tasks.iter().find(|t| t.unit == "X-AP" && t.task == "1.5").unwrap();
        assert_eq!(t.note, "Bổ sung báo cáo");
        assert_eq!(t.status, "done");
        assert_eq!(t.evidence_count, 2);
        // The shared scan is stored once: 1 shared + 3 own files.
        assert_eq!(d.store().blob_stats().unwrap().0, 4);
        // District KPI: sums of numerators and denominators.
        let k = tiendo::views::district_kpis(&d, Q1).unwrap();
        let f = k.iter().find(|s| s.target.code == "3.1.a").unwrap().figure;
        assert_eq!(f.unwrap(), Figure { numerator: 273.0, denominator: 300.0 });
        let comp = tiendo::views::completeness(&d, "CUCHI").unwrap();
        let ant = comp.iter().find(|r| r.unit == "X-ANT").unwrap();
        assert!(matches!(ant.quarters[0], tiendo::views::Completeness::Received { sequence: 1 } | tiendo::views::Completeness::Late { .. }));
    }
    assert!(digests.windows(2).all(|w| w[0] == w[1]), "order-independent: {digests:?}");
}

#[test]
fn stock_tools_verify_an_exported_bundle() {
    let out = tempfile::tempdir().unwrap();
    let c = commune("X-BM");
    let p = out.path().join("b.zip");
    c.ws.export_bundle(Q1, &p, &mut |_, _| {}).unwrap();
    let x = out.path().join("x");
    std::fs::create_dir_all(&x).unwrap();
    let unzip = std::process::Command::new("unzip").arg("-q").arg(&p).arg("-d").arg(&x).status().expect("unzip is installed");
    assert!(unzip.success());
    let sums = std::process::Command::new("sha256sum").arg("-c").arg("SHA256SUMS").current_dir(&x).output().unwrap();
    assert!(sums.status.success(), "{}", String::from_utf8_lossy(&sums.stdout));
    let pubkey = c.ws.signing_key().unwrap().public().to_base64();
    let ms = std::process::Command::new("minisign")
        .args(["-V", "-P", &pubkey, "-m", "manifest.json"])
        .current_dir(&x)
        .output()
        .expect("minisign is installed (.ci/run installs it)");
    assert!(ms.status.success(), "minisign: {} {}", String::from_utf8_lossy(&ms.stdout), String::from_utf8_lossy(&ms.stderr));
    // A changed manifest fails the stock tool too.
    let mpath = x.join("manifest.json");
    let mut m = std::fs::read(&mpath).unwrap();
    m[10] ^= 1;
    std::fs::write(&mpath, m).unwrap();
    let bad = std::process::Command::new("minisign").args(["-V", "-P", &pubkey, "-m", "manifest.json"]).current_dir(&x).output().unwrap();
    assert!(!bad.status.success());
}

/// Changes one byte inside the stored data of `entry` in the zip file.
fn flip_byte_in_entry(zip_path: &Path, entry: &str) -> PathBuf {
    let bytes = std::fs::read(zip_path).unwrap();
    let f = std::fs::File::open(zip_path).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let start = z.by_name(entry).unwrap().data_start().unwrap() as usize;
    let mut b = bytes.clone();
    b[start + 3] ^= 0x20;
    let out = zip_path.with_file_name(format!("tampered-{}.zip", entry.replace('/', "_")));
    std::fs::write(&out, b).unwrap();
    out
}

#[test]
fn any_changed_file_fails_verification_and_is_named() {
    let out = tempfile::tempdir().unwrap();
    let mut c = commune("X-HP");
    let tmp = tempfile::tempdir().unwrap();
    c.ws.add_evidence("X-HP", "1.5", &scan(tmp.path(), "QĐ 5.pdf", &[7u8; 5000]), &EvidenceMeta::default(), &mut |_| true).unwrap();
    let p = out.path().join("b.zip");
    c.ws.export_bundle(Q1, &p, &mut |_, _| {}).unwrap();
    let key = c.ws.signing_key().unwrap().public();
    bundle::verify(&p, &KeySource::Given(key.clone())).unwrap();
    let names: Vec<String> = {
        let z = zip::ZipArchive::new(std::fs::File::open(&p).unwrap()).unwrap();
        z.file_names().map(|n| n.unwrap().into_owned()).collect()
    };
    assert!(names.iter().any(|n| n.starts_with("evidence/")));
    for name in &names {
        let t = flip_byte_in_entry(&p, name);
        let err = bundle::verify(&t, &KeySource::Given(key.clone())).expect_err(name);
        let msg = err.message_in(tiendo::i18n::Lang::En);
        assert!(
            msg.contains(name.as_str()) || err.key == "err-bad-signature",
            "{name}: {msg}"
        );
    }
    // A truncated bundle is refused.
    let bytes = std::fs::read(&p).unwrap();
    let cut = out.path().join("cut.zip");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    assert_eq!(bundle::verify(&cut, &KeySource::Given(key)).unwrap_err().key, "err-bundle-corrupt");
}

/// Builds a signed bundle from raw entries, signed by `key`.
fn craft(path: &Path, key: &SecretKey, unit: &str, plan: &str, seq: i64, entries: &[(&str, Vec<u8>)], listed: &[(&str, Vec<u8>)]) {
    let files: Vec<bundle::FileEntry> = listed
        .iter()
        .map(|(n, b)| bundle::FileEntry { path: (*n).into(), size: b.len() as u64, sha256: tiendo::util::sha256_hex(b) })
        .collect();
    let m = bundle::Manifest {
        format: bundle::FORMAT.into(),
        version: bundle::VERSION,
        plan_id: plan.into(),
        plan_hash: String::new(),
        unit_code: unit.into(),
        unit_name: String::new(),
        period: "2023Q1".into(),
        sequence: seq,
        created_at: "2023-03-30T10:00:00".into(),
        app_version: "test".into(),
        previous: None,
        public_key: key.public().to_base64(),
        files,
        referenced: vec![],
    };
    let mb = serde_json::to_vec(&m).unwrap();
    let sums = bundle::sums_text(&m, &tiendo::util::sha256_hex(&mb));
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let o = zip::write::SimpleFileOptions::default();
    for (n, b) in entries {
        z.start_file(*n, o).unwrap();
        z.write_all(b).unwrap();
    }
    z.start_file(bundle::MANIFEST, o).unwrap();
    z.write_all(&mb).unwrap();
    z.start_file(bundle::SUMS, o).unwrap();
    z.write_all(sums.as_bytes()).unwrap();
    z.start_file(bundle::SIGNATURE, o).unwrap();
    z.write_all(key.sign_minisig(&mb, "test").as_bytes()).unwrap();
    z.finish().unwrap();
}

fn progress_json(unit: &str, plan: &str) -> Vec<u8> {
    serde_json::to_vec(&bundle::ProgressDoc {
        unit_code: unit.into(),
        plan_id: plan.into(),
        period: "2023Q1".into(),
        tasks: vec![],
        kpi: vec![],
        evidence: vec![],
        units: vec![],
        answers: vec![],
    })
    .unwrap()
}

fn db_bytes(dir: &Path) -> Vec<u8> {
    let mut v = std::fs::read(dir.join("tiendo.sqlite3")).unwrap();
    if let Ok(w) = std::fs::read(dir.join("tiendo.sqlite3-wal")) {
        v.extend(w);
    }
    v
}

#[test]
fn hostile_bundles_are_refused_and_the_database_is_unchanged() {
    let (mut d, dir) = district();
    let key = SecretKey::generate().unwrap();
    d.trust_key("X-TM", &key.public()).unwrap();
    let plan = d.plan.id.clone();
    let out = tempfile::tempdir().unwrap();
    let pj = progress_json("X-TM", &plan);
    let good = [("progress.json", pj.clone())];
    let mut cases: Vec<(&str, PathBuf, &str)> = vec![];
    let mut add = |name: &'static str, entries: Vec<(&str, Vec<u8>)>, listed: Vec<(&str, Vec<u8>)>, unit: &str, plan: &str, seq: i64, want: &'static str| {
        let p = out.path().join(format!("{name}.zip"));
        craft(&p, &key, unit, plan, seq, &entries, &listed);
        cases.push((name, p, want));
    };
    add("traversal", vec![("progress.json", pj.clone()), ("../evil.txt", b"x".to_vec())], good.to_vec(), "X-TM", &plan, 1, "err-bundle-bad-name");
    add("absolute", vec![("progress.json", pj.clone()), ("/etc/evil", b"x".to_vec())], good.to_vec(), "X-TM", &plan, 1, "err-bundle-bad-name");
    add("drive", vec![("progress.json", pj.clone()), ("C:/evil.txt", b"x".to_vec())], good.to_vec(), "X-TM", &plan, 1, "err-bundle-bad-name");
    add("backslash", vec![("progress.json", pj.clone()), ("evidence\\..\\evil", b"x".to_vec())], good.to_vec(), "X-TM", &plan, 1, "err-bundle-bad-name");
    add("nfd-name", vec![("progress.json", pj.clone()), ("evidence/Quye\u{0301}t.pdf", b"x".to_vec())], good.to_vec(), "X-TM", &plan, 1, "err-bundle-bad-name");
    add("extra", vec![("progress.json", pj.clone()), ("evidence/extra.pdf", b"x".to_vec())], good.to_vec(), "X-TM", &plan, 1, "err-bundle-extra");
    add("missing", vec![], good.to_vec(), "X-TM", &plan, 1, "err-bundle-missing");
    add("changed", vec![("progress.json", b"{}".to_vec())], good.to_vec(), "X-TM", &plan, 1, "err-bundle-file-changed");
    add("wrong-plan", vec![("progress.json", progress_json("X-TM", "other-plan"))], vec![("progress.json", progress_json("X-TM", "other-plan"))], "X-TM", "other-plan", 1, "err-bundle-wrong-plan");
    add("other-unit", vec![("progress.json", progress_json("X-AP", &plan))], vec![("progress.json", progress_json("X-AP", &plan))], "X-AP", &plan, 1, "err-bundle-key-unit");
    let zeros = vec![0u8; 20 << 20];
    add("bomb", vec![("progress.json", pj.clone()), ("evidence/zeros.bin", zeros.clone())], vec![("progress.json", pj.clone()), ("evidence/zeros.bin", zeros)], "X-TM", &plan, 1, "err-bundle-bomb");
    // Same-length names patched into duplicates.
    add("dup", vec![("progress.json", pj.clone()), ("evidence/a.pdf", b"1".to_vec()), ("evidence/b.pdf", b"2".to_vec())], good.to_vec(), "X-TM", &plan, 1, "err-bundle-duplicate");
    let dup = out.path().join("dup.zip");
    let mut b = std::fs::read(&dup).unwrap();
    let pat = b"evidence/b.pdf";
    let mut i = 0;
    while i + pat.len() <= b.len() {
        if &b[i..i + pat.len()] == pat {
            b[i + 9] = b'a';
        }
        i += 1;
    }
    std::fs::write(&dup, b).unwrap();
    // Bad signature: signed by another key that claims the same key id.
    let forged = out.path().join("forged.zip");
    {
        let other = SecretKey::from_parts(key.key_id, *SecretKey::generate().unwrap().seed());
        craft(&forged, &other, "X-TM", &plan, 1, &good, &good);
    }
    cases.push(("forged", forged, "err-bad-signature"));
    let notzip = out.path().join("notzip.zip");
    std::fs::write(&notzip, b"PK\x03\x04 not really").unwrap();
    cases.push(("notzip", notzip, "err-bundle-corrupt"));

    d.store().integrity_ok().unwrap();
    let before = db_bytes(dir.path());
    let digest = d.store().merged_digest().unwrap();
    for (name, p, want) in &cases {
        let err = d.merge_bundle(p, false).expect_err(name);
        assert_eq!(err.key, *want, "{name}: {}", err.message_in(tiendo::i18n::Lang::En));
    }
    assert_eq!(d.store().merged_digest().unwrap(), digest);
    assert_eq!(db_bytes(dir.path()), before, "database byte-for-byte unchanged");

    // A well-formed bundle from the same key merges; a lower sequence after it is a replay.
    let ok2 = out.path().join("ok2.zip");
    craft(&ok2, &key, "X-TM", &plan, 2, &good, &good);
    assert_eq!(d.merge_bundle(&ok2, false).unwrap().0, MergeOutcome::Merged);
    let ok1 = out.path().join("ok1.zip");
    craft(&ok1, &key, "X-TM", &plan, 1, &good, &[("progress.json", pj.clone())]);
    assert_eq!(d.merge_bundle(&ok1, false).unwrap().0, MergeOutcome::Replay);
    assert_eq!(d.merge_bundle(&ok2, false).unwrap().0, MergeOutcome::AlreadyMerged);
}

#[test]
fn unknown_keys_are_quarantined_until_accepted() {
    let (mut d, _dir) = district();
    let out = tempfile::tempdir().unwrap();
    let c = commune("X-TA");
    let p = out.path().join("ta.zip");
    c.ws.export_bundle(Q1, &p, &mut |_, _| {}).unwrap();
    let (o, v) = d.merge_bundle(&p, false).unwrap();
    assert_eq!(o, MergeOutcome::Quarantined);
    assert!(d.store().bundles().unwrap().is_empty());
    let k = d.store().key(&v.key_id).unwrap().unwrap();
    assert_eq!(k.status, "quarantined");
    assert_eq!(k.unit, "X-TA");
    let fp = c.ws.signing_key().unwrap().public().fingerprint();
    d.accept_key(&fp).unwrap();
    assert_eq!(d.merge_bundle(&p, false).unwrap().0, MergeOutcome::Merged);
}

#[test]
fn the_bundled_report_carries_a_pdf_signature_that_pdfsig_accepts() {
    use std::io::Read;
    let out = tempfile::tempdir().unwrap();
    let c = commune("X-PT");
    let p = out.path().join("pt.zip");
    c.ws.export_bundle(Q1, &p, &mut |_, _| {}).unwrap();
    let mut pdf = vec![];
    zip::ZipArchive::new(std::fs::File::open(&p).unwrap()).unwrap().by_name("report.pdf").unwrap().read_to_end(&mut pdf).unwrap();
    let good = out.path().join("report.pdf");
    std::fs::write(&good, &pdf).unwrap();
    let run = |f: &Path| {
        let o = std::process::Command::new("pdfsig").arg(f).output().expect("pdfsig is installed (poppler-utils)");
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let report = run(&good);
    assert!(report.contains("Signature is Valid"), "{report}");
    assert!(report.contains("adbe.pkcs7.detached") && report.contains("Total document signed"), "{report}");
    assert!(report.contains("Xã Phước Thạnh"), "{report}");
    // One changed byte in the signed part breaks it.
    let mut bad = pdf.clone();
    bad[600] ^= 1;
    let badp = out.path().join("bad.pdf");
    std::fs::write(&badp, &bad).unwrap();
    let r = run(&badp);
    assert!(!r.contains("Signature is Valid"), "{r}");
}

#[test]
fn a_signed_plan_package_reaches_a_unit_and_tampering_is_refused() {
    let (d, _ddir) = district();
    let out = tempfile::tempdir().unwrap();
    let pkg = out.path().join("plan.zip");
    let m = d.export_plan(&pkg).unwrap();
    assert_eq!(m.plan_id, d.plan.id);
    let district_key = d.signing_key().unwrap().public();

    let mut c = commune("X-TTD");
    // Without the district's key registered, the package is not trusted.
    assert_eq!(c.ws.import_plan_package(&pkg, None).unwrap_err().key, "err-bundle-unknown-key");
    c.ws.trust_key("CUCHI", &district_key).unwrap();
    let plan = c.ws.import_plan_package(&pkg, None).unwrap();
    assert_eq!(plan.hash, d.plan.hash);
    assert!(c.ws.rows("X-TTD", &Default::default()).unwrap().len() > 30);
    // A package whose plan was altered after signing is refused.
    let t = flip_byte_in_entry(&pkg, "plan.json");
    let err = c.ws.import_plan_package(&t, Some(district_key)).unwrap_err();
    assert!(err.key == "err-bundle-file-changed" || err.key == "err-bundle-file-damaged", "{}", err.key);
}

#[test]
fn a_district_sends_a_consolidated_bundle_upward_that_a_province_merges() {
    let out = tempfile::tempdir().unwrap();
    let (paths, keys) = three_communes(out.path());
    let (d, _ddir) = district_with(&paths, &keys);
    let up = out.path().join("CUCHI-2023Q1.zip");
    d.export_bundle(Q1, &up, &mut |_, _| {}).unwrap();
    let district_key = d.signing_key().unwrap().public();

    // The province's copy of the plan: the same plan id with a city above the district.
    let pdir = tempfile::tempdir().unwrap();
    let mut province = Workspace::open(pdir.path()).unwrap();
    let mut src = tiendo::plan::builtin_source();
    src.units.insert(0, tiendo::plan::source::UnitSource {
        code: "HCM".into(),
        name: "Ủy ban nhân dân Thành phố Hồ Chí Minh".into(),
        kind: "government".into(),
        parent: String::new(),
        aliases: vec![],
    });
    src.units.iter_mut().find(|u| u.code == "CUCHI").unwrap().parent = "HCM".into();
    province.store_mut().install_plan(&src).unwrap();
    province.plan = province.store().active_plan().unwrap();
    province.set_unit("HCM").unwrap();
    province.trust_key("CUCHI", &district_key).unwrap();
    assert_eq!(province.merge_bundle(&up, false).unwrap().0, MergeOutcome::Merged);

    let tasks = province.store().merged_tasks(&province.plan.id).unwrap();
    let ap = tasks.iter().find(|t| t.unit == "X-AP" && t.task == "1.5").unwrap();
    assert_eq!(ap.note, "Bổ sung báo cáo");
    assert_eq!(ap.evidence_count, 2);
    assert!(tasks.iter().any(|t| t.unit == "TT-CC") && tasks.iter().any(|t| t.unit == "X-ANT"));
    let k = tiendo::views::district_kpis(&province, Q1).unwrap();
    let f = k.iter().find(|s| s.target.code == "3.1.a").unwrap().figure;
    assert_eq!(f.unwrap(), Figure { numerator: 273.0, denominator: 300.0 });
    // Evidence crossed two levels and is still stored once.
    assert_eq!(province.store().blob_stats().unwrap().0, 4);
    let comp = tiendo::views::completeness(&province, "HCM").unwrap();
    assert!(matches!(comp.iter().find(|r| r.unit == "CUCHI").unwrap().quarters[0], tiendo::views::Completeness::Received { .. } | tiendo::views::Completeness::Late { .. }));
}

#[test]
fn a_rotated_key_is_trusted_through_the_old_one() {
    let out = tempfile::tempdir().unwrap();
    let (mut d, _ddir) = district();
    let c = commune("X-TLH");
    d.trust_key("X-TLH", &c.ws.signing_key().unwrap().public()).unwrap();
    let before = out.path().join("before.zip");
    c.ws.export_bundle(Q1, &before, &mut |_, _| {}).unwrap();
    let rot = out.path().join("rotation.json");
    let r = c.ws.rotate_key(&rot).unwrap();
    assert_ne!(r.old_key().unwrap(), r.new_key().unwrap());
    assert_eq!(c.ws.signing_key().unwrap().public(), r.new_key().unwrap());
    let after = out.path().join("after.zip");
    c.ws.export_bundle(Q1, &after, &mut |_, _| {}).unwrap();
    // Not yet accepted: the new key is unknown.
    assert_eq!(d.merge_bundle(&after, true).unwrap().0, MergeOutcome::Quarantined);
    let text = std::fs::read_to_string(&rot).unwrap();
    // A rotation whose statement was altered is refused.
    let forged = text.replace("X-TLH", "X-TLT");
    assert!(d.accept_rotation(&forged).is_err());
    d.accept_rotation(&text).unwrap();
    assert_eq!(d.merge_bundle(&before, false).unwrap().0, MergeOutcome::Merged);
    assert_eq!(d.merge_bundle(&after, false).unwrap().0, MergeOutcome::Merged);
    let keys = d.store().keys().unwrap();
    assert_eq!(keys.iter().filter(|k| k.unit == "X-TLH" && k.status == "retired").count(), 1);
    assert_eq!(keys.iter().filter(|k| k.unit == "X-TLH" && k.status == "trusted").count(), 1);
}

#[test]
fn the_key_card_is_a_file_and_a_printable_pdf_with_the_fingerprint() {
    let out = tempfile::tempdir().unwrap();
    let c = commune("X-TM");
    let card = out.path().join("X-TM.pub");
    let pk = c.ws.export_key_card(&card).unwrap();
    let (back, unit) = bundle::read_key_card(&card).unwrap();
    assert_eq!((back, unit.as_deref()), (pk.clone(), Some("X-TM")));
    let pdf = out.path().join("X-TM.pdf");
    let text = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext is installed");
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains(&pk.fingerprint()), "{text}");
    assert!(text.contains("Xã Thái Mỹ") && text.contains(&pk.to_base64()), "{text}");
}

#[test]
fn the_district_prints_a_consolidated_report_from_merged_bundles() {
    let out = tempfile::tempdir().unwrap();
    let (paths, keys) = three_communes(out.path());
    let (d, _ddir) = district_with(&paths, &keys);
    let pdf = tiendo::report::consolidated_pdf(&d, "CUCHI", Q1, tiendo::i18n::Lang::Vi).unwrap();
    let f = out.path().join("tong-hop.pdf");
    std::fs::write(&f, &pdf.bytes).unwrap();
    let text = std::process::Command::new("pdftotext").args(["-layout"]).arg(&f).arg("-").output().expect("pdftotext is installed");
    let text = String::from_utf8(text.stdout).unwrap();
    for needle in ["BÁO CÁO TỔNG HỢP", "Xã An Nhơn Tây", "Nộp muộn", "Chưa nộp", "273/300", "Chưa đạt"] {
        assert!(text.contains(needle), "{needle} missing in:\n{text}");
    }
}

/// A part of a zip file as text.
fn zip_part(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
    s
}

/// The fill colour (RRGGBB) of the cell `at` of worksheet `sheet`, from its
/// style index in the sheet and the workbook's styles.
fn fill_of(bytes: &[u8], sheet: usize, at: &str) -> Option<String> {
    let xml = zip_part(bytes, &format!("xl/worksheets/sheet{sheet}.xml"));
    let cell = xml.split("<c ").find(|c| c.starts_with(&format!("r=\"{at}\"")))?;
    let style: usize = cell.split(" s=\"").nth(1)?.split('"').next()?.parse().ok()?;
    let styles = zip_part(bytes, "xl/styles.xml");
    let xf = styles.split("<cellXfs").nth(1)?.split("<xf ").nth(style + 1)?;
    let fill: usize = xf.split("fillId=\"").nth(1)?.split('"').next()?.parse().ok()?;
    let fills = styles.split("<fills").nth(1)?.split("</fills>").next()?;
    let f = fills.split("<fill>").nth(fill + 1)?;
    Some(f.split("fgColor rgb=\"FF").nth(1)?.get(..6)?.to_owned())
}

#[test]
fn the_district_matrix_is_an_excel_workbook_of_three_sheets() {
    use tiendo::plan::xlsx::{read_sheet, sheet_names};
    use tiendo::report::{MatrixFormat, write_matrix};
    let out = tempfile::tempdir().unwrap();
    let (paths, keys) = three_communes(out.path());
    let (d, _ddir) = district_with(&paths, &keys);
    let path = out.path().join("ma-tran.xlsx");
    write_matrix(&d, "CUCHI", Q1, tiendo::i18n::Lang::Vi, MatrixFormat::Xlsx, &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(sheet_names(&bytes).unwrap(), ["Ma trận trạng thái", "Tình hình nộp báo cáo", "Chỉ tiêu toàn địa bàn"]);
    let col = |row: &[String], label: &str| row.iter().position(|c| c == label).unwrap_or_else(|| panic!("{label} not in {row:?}"));
    let row_of = |rows: &[Vec<String>], code: &str| rows.iter().position(|r| r.first().map(String::as_str) == Some(code)).unwrap();

    // 1. Tasks × units: a unit per column, a task per row, the status reported.
    let status = read_sheet(&bytes, "Ma trận trạng thái").unwrap();
    assert_eq!(status[0][..2], ["Mã", "Nhiệm vụ"]);
    assert_eq!(status.len(), d.plan.tasks.len() + 1);
    let ant = col(&status[0], "Xã An Nhơn Tây");
    let r = row_of(&status, "1.5");
    assert_eq!(status[r][1], d.plan.task("1.5").unwrap().description);
    assert_eq!(status[r][ant], "Hoàn thành (100%)");
    assert_eq!(status[r][col(&status[0], "Thị trấn Củ Chi")], "Hoàn thành (100%)");
    let at = format!("{}{}", tiendo::report::xlsx::column_name(ant), r + 1);
    assert_eq!(fill_of(&bytes, 1, &at).as_deref(), Some("C6EFCE"), "done is green");
    let sheet1 = zip_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet1.contains(r#"<pane xSplit="2" ySplit="1" topLeftCell="C2" activePane="bottomRight" state="frozen"/>"#));
    // The CSV is the same matrix.
    let csv = tiendo::views::status_matrix_csv(&d, Q1, tiendo::i18n::Lang::Vi).unwrap();
    let line = csv.lines().find(|l| l.starts_with("\"1.5\"")).unwrap();
    assert_eq!(line.matches("\"Hoàn thành (100%)\"").count(), 3, "{line}");

    // 2. Units × quarters: each commune's bundle (made now, so late), X-AP's second.
    let received = read_sheet(&bytes, "Tình hình nộp báo cáo").unwrap();
    assert_eq!(received[0][..3], ["Mã", "Đơn vị", "Quý I năm 2023"]);
    assert_eq!(received[0][5], "Quý IV năm 2023");
    let ap = &received[row_of(&received, "X-AP")];
    assert_eq!(ap[1], "Xã An Phú");
    assert_eq!(ap[2], "Nộp muộn (lần 2)");
    assert_eq!(ap[3], "Chưa nộp");
    let missing = row_of(&received, "X-AP") + 1;
    assert_eq!(fill_of(&bytes, 2, &format!("D{missing}")).as_deref(), Some("FFC7CE"), "missing is red");
    assert_eq!(received.len(), tiendo::views::completeness(&d, "CUCHI").unwrap().len() + 1);

    // 3. KPIs: numerators and denominators summed, stored as numbers.
    let kpis = read_sheet(&bytes, "Chỉ tiêu toàn địa bàn").unwrap();
    assert_eq!(kpis[0], ["Mã", "Chỉ tiêu", "Mục tiêu", "Tổng tử số", "Tổng mẫu số", "Tỷ lệ, giá trị", "Đánh giá"]);
    let r = row_of(&kpis, "3.1.a");
    assert_eq!(kpis[r][3..5], ["273", "300"]);
    let rate: f64 = kpis[r][5].parse().unwrap();
    assert!((rate - 0.91).abs() < 1e-12, "{rate}");
    let sheet3 = zip_part(&bytes, "xl/worksheets/sheet3.xml");
    let cell = sheet3.split("<c ").find(|c| c.starts_with(&format!("r=\"D{}\"", r + 1))).unwrap();
    assert!(cell.contains("<v>273</v>") && !cell.contains("t=\""), "a number, not text: {cell}");
    let styles = zip_part(&bytes, "xl/styles.xml");
    assert!(styles.contains(r#"formatCode="0.0%""#));
    assert!(zip_part(&bytes, "docProps/core.xml").contains("Ma trận trạng thái nhiệm vụ quý I năm 2023"));
}

#[test]
fn tiendo_matrix_out_writes_excel_or_csv_by_the_extension() {
    let out = tempfile::tempdir().unwrap();
    let (paths, keys) = three_communes(out.path());
    let (d, ddir) = district_with(&paths, &keys);
    drop(d);
    let data = ddir.path();
    let xlsx = out.path().join("Ma trận Q1.XLSX");
    let said = crate::ok(data, &["matrix", "--period", "2023Q1", "--out", xlsx.to_str().unwrap()]);
    assert!(said.contains("Đã lưu ma trận vào") && said.contains("Ma trận Q1.XLSX"), "{said}");
    let bytes = std::fs::read(&xlsx).unwrap();
    let status = tiendo::plan::xlsx::read_sheet(&bytes, "Ma trận trạng thái").unwrap();
    let r = status.iter().position(|r| r[0] == "1.5").unwrap();
    let ant = status[0].iter().position(|c| c == "Xã An Nhơn Tây").unwrap();
    assert_eq!(status[r][ant], "Hoàn thành (100%)");

    let csv = out.path().join("ma-tran.csv");
    crate::ok(data, &["matrix", "--period", "2023Q1", "--out", csv.to_str().unwrap()]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("\u{feff}\"Nhiệm vụ\",") && text.contains("\"Xã An Nhơn Tây\""), "{text}");
    assert!(text.contains("\"1.5\",\"Hoàn thành (100%)\""), "{text}");

    let txt = out.path().join("ma-tran.txt");
    let refused = crate::tiendo(data, &["matrix", "--out", txt.to_str().unwrap()]);
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("ma-tran.txt") && err.contains(".csv hoặc .xlsx"), "{err}");
    assert!(!txt.exists());
}

#[test]
fn a_bundle_with_changed_evidence_is_rolled_back_at_merge() {
    let out = tempfile::tempdir().unwrap();
    let mut c = commune("X-PVA");
    let tmp = tempfile::tempdir().unwrap();
    c.ws.add_evidence("X-PVA", "1.5", &scan(tmp.path(), "QĐ 9.pdf", &[9u8; 300_000]), &EvidenceMeta::default(), &mut |_| true).unwrap();
    let p = out.path().join("pva.zip");
    c.ws.export_bundle(Q1, &p, &mut |_, _| {}).unwrap();
    let name = {
        let z = zip::ZipArchive::new(std::fs::File::open(&p).unwrap()).unwrap();
        z.file_names().find(|n| n.as_ref().is_ok_and(|n| n.starts_with("evidence/"))).unwrap().unwrap().into_owned()
    };
    let bad = flip_byte_in_entry(&p, &name);
    let (mut d, _ddir) = district();
    d.trust_key("X-PVA", &c.ws.signing_key().unwrap().public()).unwrap();
    let before = d.store().merged_digest().unwrap();
    let err = d.merge_bundle(&bad, false).unwrap_err();
    assert!(err.message_in(tiendo::i18n::Lang::En).contains(&name), "{}", err.message_in(tiendo::i18n::Lang::En));
    assert_eq!(d.store().merged_digest().unwrap(), before);
    assert_eq!(d.store().blob_stats().unwrap().0, 0, "nothing of the bad bundle is kept");
    assert!(d.store().integrity_ok().unwrap());
    assert_eq!(d.merge_bundle(&p, false).unwrap().0, MergeOutcome::Merged);
}

/// The evidence files under `root` (temporary ones included).
fn files_under(root: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(root) else { return vec![] };
    rd.flatten().flat_map(|e| if e.path().is_dir() { files_under(&e.path()) } else { vec![e.path()] }).collect()
}

#[test]
fn a_failed_merge_leaves_no_evidence_file_behind() {
    let out = tempfile::tempdir().unwrap();
    let mut c = commune("X-PVA");
    let tmp = tempfile::tempdir().unwrap();
    // Two files: the first is stored and put in place before the second is found damaged.
    for (name, byte) in [("QĐ 1.pdf", 1u8), ("QĐ 2.pdf", 2u8)] {
        c.ws.add_evidence("X-PVA", "1.5", &scan(tmp.path(), name, &vec![byte; 200_000]), &EvidenceMeta::default(), &mut |_| true).unwrap();
    }
    let p = out.path().join("pva.zip");
    c.ws.export_bundle(Q1, &p, &mut |_, _| {}).unwrap();
    let last = {
        let z = zip::ZipArchive::new(std::fs::File::open(&p).unwrap()).unwrap();
        let names: Vec<String> = z.file_names().map(|n| n.unwrap().into_owned()).filter(|n| n.starts_with("evidence/")).collect();
        assert_eq!(names.len(), 2);
        names.into_iter().max_by_key(|n| {
            let mut z = zip::ZipArchive::new(std::fs::File::open(&p).unwrap()).unwrap();
            z.by_name(n).unwrap().data_start().unwrap()
        }).unwrap()
    };
    let bad = flip_byte_in_entry(&p, &last);
    let (mut d, _ddir) = district();
    d.trust_key("X-PVA", &c.ws.signing_key().unwrap().public()).unwrap();
    let root = d.store().blobs().root().to_owned();
    d.merge_bundle(&bad, false).unwrap_err();
    // Cleaned at the failure, not left for the next start's sweep.
    assert_eq!(files_under(&root), Vec::<PathBuf>::new());
    assert_eq!(d.store().sweep_blobs().unwrap(), 0);
    // The good bundle still merges, and its files stay.
    assert_eq!(d.merge_bundle(&p, false).unwrap().0, MergeOutcome::Merged);
    assert_eq!(files_under(&root).len(), 2);
    assert_eq!(d.store().sweep_blobs().unwrap(), 0);
}

#[test]
fn a_key_sealed_with_a_passphrase_signs_only_once_unlocked() {
    let out = tempfile::tempdir().unwrap();
    let mut c = commune("X-PH");
    let pk = c.ws.signing_key().unwrap().public();
    let clear = std::fs::read_to_string(c.ws.key_path().unwrap()).unwrap();
    assert!(clear.contains("\"seed\""));
    assert_eq!(c.ws.protect_key(Some("ngắn")).unwrap_err().key, "err-passphrase-short");

    c.ws.protect_key(Some("Mật khẩu xã Phước Hiệp")).unwrap();
    let sealed = std::fs::read_to_string(c.ws.key_path().unwrap()).unwrap();
    assert!(!sealed.contains("\"seed\"") && sealed.contains("\"sealed_seed\""), "{sealed}");
    let seed_b64 = serde_json::from_str::<serde_json::Value>(&clear).unwrap()["seed"].as_str().unwrap().to_owned();
    assert!(!sealed.contains(&seed_b64), "the seed is not kept in clear");
    assert!(c.ws.key_protected().unwrap());

    // A fresh workspace on the same folder (the next start of the app) has no passphrase.
    let mut again = Workspace::open(c._dir.path()).unwrap();
    // The public key and the key card need no passphrase.
    assert_eq!(again.public_key().unwrap(), pk);
    again.export_key_card(&out.path().join("card.pub")).unwrap();
    let zip = out.path().join("b.zip");
    assert_eq!(again.export_bundle(Q1, &zip, &mut |_, _| {}).unwrap_err().key, "err-key-locked");
    assert!(!zip.exists());
    assert_eq!(again.unlock_key("Mật khẩu xã Phuoc Hiep").unwrap_err().key, "err-key-passphrase");
    assert!(again.passphrase.is_none(), "a wrong passphrase is not kept");
    again.unlock_key("Mật khẩu xã Phước Hiệp").unwrap();
    again.export_bundle(Q1, &zip, &mut |_, _| {}).unwrap();
    let v = bundle::verify(&zip, &KeySource::Given(pk.clone())).unwrap();
    assert_eq!(v.manifest.unit_code, "X-PH");

    // A rotation keeps the new key sealed under the same passphrase.
    let r = again.rotate_key(&out.path().join("rot.json")).unwrap();
    assert!(again.key_protected().unwrap());
    let fresh = Workspace::open(c._dir.path()).unwrap();
    assert_eq!(fresh.public_key().unwrap(), r.new_key().unwrap());
    assert_eq!(fresh.signing_key().unwrap_err().key, "err-key-locked");

    // Removing the passphrase needs it; then the key is in clear again.
    let mut fresh = fresh;
    assert_eq!(fresh.protect_key(None).unwrap_err().key, "err-key-locked");
    fresh.unlock_key("Mật khẩu xã Phước Hiệp").unwrap();
    fresh.protect_key(None).unwrap();
    assert!(!fresh.key_protected().unwrap());
    assert_eq!(Workspace::open(c._dir.path()).unwrap().signing_key().unwrap().public(), r.new_key().unwrap());
}

#[test]
fn a_key_file_whose_public_half_was_swapped_is_refused() {
    let c = commune("X-TTH");
    c.ws.signing_key().unwrap();
    let path = c.ws.key_path().unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    v["public_key"] = SecretKey::from_parts([9; 8], [3; 32]).public().to_base64().into();
    std::fs::write(&path, v.to_string()).unwrap();
    assert_eq!(c.ws.signing_key().unwrap_err().key, "err-key-file");
}
