//! The loop with the parent office: receipts written by the district after
//! a merge, imported and shown by the communes; hostile receipts refused
//! with nothing changed.

use std::path::{Path, PathBuf};

use tiendo::bundle::receipt::ReceiptStatus;
use tiendo::domain::{Period, Status};
use tiendo::progress::Change;
use tiendo::store::feedback::ReviewVerdict;
use tiendo::store::receipts::{ReceiptImport, Verdict};
use tiendo::workspace::Workspace;

use crate::{json, ok, tiendo};

const Q1: Period = Period { year: 2023, quarter: Some(1) };

pub(crate) struct Office {
    pub(crate) ws: Workspace,
    pub(crate) dir: tempfile::TempDir,
}

pub(crate) fn office(code: &str) -> Office {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.set_unit(code).unwrap();
    Office { ws, dir }
}

pub(crate) fn export(c: &Office, out: &Path, n: u32) -> PathBuf {
    let p = out.join(format!("{}-2023Q1-lan-{n}.zip", c.ws.unit.as_deref().unwrap()));
    c.ws.export_bundle(Q1, &p, &mut |_, _| {}).unwrap();
    p
}

/// Two communes export Q1 (X-AP twice); the district trusts them and merges.
/// Each commune trusts the district's key as its parent's.
pub(crate) fn merged() -> (Office, Office, Office, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let mut ant = office("X-ANT");
    let mut ap = office("X-AP");
    let mut d = office("CUCHI");
    ant.ws.update_task("X-ANT", "1.5", &Change { status: Some(Status::Done), progress: Some(100), ..Default::default() }).unwrap();
    ap.ws.update_task("X-AP", "1.5", &Change { progress: Some(40), ..Default::default() }).unwrap();
    let a1 = export(&ant, out.path(), 1);
    let p1 = export(&ap, out.path(), 1);
    ap.ws.update_task("X-AP", "1.5", &Change { progress: Some(80), ..Default::default() }).unwrap();
    let p2 = export(&ap, out.path(), 2);
    for c in [&ant, &ap] {
        d.ws.trust_key(c.ws.unit.as_deref().unwrap(), &c.ws.signing_key().unwrap().public()).unwrap();
    }
    let dk = d.ws.signing_key().unwrap().public();
    for c in [&mut ant, &mut ap] {
        c.ws.trust_key("CUCHI", &dk).unwrap();
    }
    // X-AP's second bundle first, then its first: the first is an older one.
    for p in [&a1, &p2, &p1] {
        d.ws.merge_bundle(p, false).unwrap();
    }
    (ant, ap, d, out)
}

#[test]
fn district_merges_writes_receipts_communes_import_and_see_them() {
    let (ant, ap, d, out) = merged();
    let log = d.ws.store().receipt_log().unwrap();
    let verdicts: Vec<(&str, i64, Verdict)> = log.iter().map(|(u, e)| (u.as_str(), e.sequence, e.verdict)).collect();
    assert_eq!(verdicts, vec![("X-ANT", 1, Verdict::Merged), ("X-AP", 2, Verdict::Merged), ("X-AP", 1, Verdict::Older)]);
    // Merging the same bundle again records nothing new.
    let mut d = d;
    d.ws.merge_bundle(&out.path().join("X-ANT-2023Q1-lan-1.zip"), false).unwrap();
    assert_eq!(d.ws.store().receipt_log().unwrap().len(), 3);

    // The district writes receipts through the CLI.
    let rdir = out.path().join("bien-nhan");
    let said = ok(d.dir.path(), &["receipts", "--out", rdir.to_str().unwrap(), "--period", "2023Q1"]);
    assert_eq!(said.lines().count(), 2, "{said}");
    let ant_r = rdir.join("X-ANT-bien-nhan-2023Q1-lan-1.zip");
    let ap_r = rdir.join("X-AP-bien-nhan-2023Q1-lan-1.zip");
    assert!(ant_r.is_file() && ap_r.is_file());

    // Each commune imports its own and sees it.
    let said = ok(ap.dir.path(), &["receipt", "import", ap_r.to_str().unwrap()]);
    assert!(said.contains("Đã nhập biên nhận lần 1 của CUCHI"), "{said}");
    let said = ok(ap.dir.path(), &["receipt", "import", ap_r.to_str().unwrap()]);
    assert!(said.contains("đã được nhập trước đây"), "{said}");
    ok(ant.dir.path(), &["receipt", "import", ant_r.to_str().unwrap()]);
    let shown = json(ap.dir.path(), &["receipt", "show", "--period", "2023Q1", "--json"]);
    assert_eq!(shown[0]["entry"]["sequence"], 2);
    assert_eq!(shown[0]["entry"]["verdict"], "merged");
    let line = shown[0]["line"].as_str().unwrap();
    assert!(line.starts_with("Cấp trên đã nhận lần 2 lúc "), "{line}");
    // The Reports screen's data: the same status through the workspace.
    let ap_ws = Workspace::open(ap.dir.path()).unwrap();
    let st: ReceiptStatus = ap_ws.receipt_status(Q1).unwrap().expect("a receipt for Q1");
    assert_eq!((st.parent.as_str(), st.entry.sequence, st.entry.verdict), ("CUCHI", 2, Verdict::Merged));
    let ant_ws = Workspace::open(ant.dir.path()).unwrap();
    assert_eq!(ant_ws.receipt_status(Q1).unwrap().unwrap().entry.sequence, 1);
    assert!(ant_ws.receipt_status(Period { year: 2023, quarter: Some(2) }).unwrap().is_none());
}

#[test]
fn a_rejected_bundle_is_in_the_receipt_with_its_reason() {
    let (_ant, mut ap, mut d, out) = merged();
    // X-AP's installation was reinstalled (new key, export log lost): it
    // sends sequence 1 again with other content.
    let mut fresh = office("X-AP");
    fresh.ws.update_task("X-AP", "1.5", &Change { progress: Some(10), ..Default::default() }).unwrap();
    d.ws.trust_key("X-AP", &fresh.ws.signing_key().unwrap().public()).unwrap();
    let clash = fresh.dir.path().join("clash.zip");
    fresh.ws.export_bundle(Q1, &clash, &mut |_, _| {}).unwrap();
    let before = d.ws.store().merged_digest().unwrap();
    assert!(d.ws.merge_bundle(&clash, false).is_err());
    assert_eq!(d.ws.store().merged_digest().unwrap(), before, "nothing merged");
    let last = d.ws.store().receipt_log().unwrap().pop().unwrap();
    assert_eq!((last.0.as_str(), last.1.verdict), ("X-AP", Verdict::Rejected));
    assert!(!last.1.reason.is_empty());
    let files = d.ws.write_receipts(&out.path().join("r"), Some(Q1)).unwrap();
    let ap_r = files.iter().find(|p| p.file_name().unwrap().to_string_lossy().starts_with("X-AP-")).unwrap();
    assert_eq!(ap.ws.import_receipt(ap_r).unwrap().0, ReceiptImport::Imported);
    // Sequence 2 merged is still what the commune sees (the refused one is sequence 1).
    assert_eq!(ap.ws.receipt_status(Q1).unwrap().unwrap().entry.verdict, Verdict::Merged);
}

#[test]
fn hostile_receipts_are_refused_and_change_nothing() {
    let (mut ant, ap, d, out) = merged();
    let rdir = out.path().join("r1");
    let first = d.ws.write_receipts(&rdir, None).unwrap();
    let ant_r1 = first.iter().find(|p| p.file_name().unwrap().to_string_lossy().starts_with("X-ANT-")).unwrap().clone();
    let ap_r1 = first.iter().find(|p| p.file_name().unwrap().to_string_lossy().starts_with("X-AP-")).unwrap().clone();
    assert!(ant_r1.file_name().unwrap().to_string_lossy().ends_with("-ca-nam-lan-1.zip"));
    let second = d.ws.write_receipts(&out.path().join("r2"), None).unwrap();
    let ant_r2 = second.iter().find(|p| p.file_name().unwrap().to_string_lossy().starts_with("X-ANT-")).unwrap().clone();

    // A receipt for another unit.
    let e = ant.ws.import_receipt(&ap_r1).unwrap_err();
    assert_eq!(e.key, "err-receipt-other-unit");
    assert!(e.message_in(tiendo::i18n::Lang::Vi).contains("dành cho đơn vị X-AP"));
    // A receipt signed by a key the unit does not trust as its parent's.
    let stranger = office("CUCHI");
    let mut stranger = stranger;
    stranger.ws.trust_key("X-ANT", &ant.ws.signing_key().unwrap().public()).unwrap();
    stranger.ws.merge_bundle(&out.path().join("X-ANT-2023Q1-lan-1.zip"), false).unwrap();
    let forged = stranger.ws.write_receipts(&out.path().join("forged"), None).unwrap();
    let e = ant.ws.import_receipt(&forged[0]).unwrap_err();
    assert_eq!(e.key, "err-receipt-unknown-key");
    let out_cli = tiendo(ant.dir.path(), &["receipt", "import", forged[0].to_str().unwrap()]);
    assert!(!out_cli.status.success());
    assert!(String::from_utf8_lossy(&out_cli.stderr).contains("chưa tin cậy là khóa của cấp trên"));
    // A receipt signed by an office that is not above the unit: the sibling
    // commune X-AP, whose key X-ANT trusts as X-AP's.
    let (_, entry) = d.ws.store().receipt_log().unwrap()[0].clone();
    ap.ws.store().log_receipt("X-ANT", &entry).unwrap();
    let sibling = ap.ws.write_receipts(&out.path().join("sibling"), None).unwrap();
    ant.ws.trust_key("X-AP", &ap.ws.signing_key().unwrap().public()).unwrap();
    let e = ant.ws.import_receipt(&sibling[0]).unwrap_err();
    assert_eq!(e.key, "err-receipt-not-parent");
    assert!(e.message_in(tiendo::i18n::Lang::Vi).contains("không phải đơn vị cấp trên của X-ANT"));
    assert!(ant.ws.receipt_status(Q1).unwrap().is_none(), "nothing imported so far");

    // The newer one imported; the older one replayed is refused.
    assert_eq!(ant.ws.import_receipt(&ant_r2).unwrap().0, ReceiptImport::Imported);
    let e = ant.ws.import_receipt(&ant_r1).unwrap_err();
    assert_eq!(e.key, "err-receipt-older");
    assert_eq!(ant.ws.store().receipts_in("X-ANT").unwrap().len(), 1);
    assert_eq!(ant.ws.store().receipts_in("X-ANT").unwrap()[0].sequence, 2);
    // Twice the same: idempotent.
    assert_eq!(ant.ws.import_receipt(&ant_r2).unwrap().0, ReceiptImport::AlreadyImported);
    assert_eq!(ant.ws.store().receipts_in("X-ANT").unwrap().len(), 1);
}

#[test]
fn the_receipt_log_is_append_only() {
    let (_ant, _ap, d, _out) = merged();
    let n = d.ws.store().receipt_log().unwrap().len();
    let conn = rusqlite::Connection::open(d.ws.store().path().unwrap()).unwrap();
    assert!(conn.execute("UPDATE receipt_log SET verdict = 'rejected'", []).is_err());
    assert!(conn.execute("DELETE FROM receipt_log", []).is_err());
    assert_eq!(d.ws.store().receipt_log().unwrap().len(), n);
    assert!(d.ws.store().receipt_log().unwrap().iter().all(|(_, e)| e.verdict != Verdict::Rejected));
}

#[test]
fn stock_tools_verify_a_receipt() {
    let (_ant, _ap, d, out) = merged();
    let files = d.ws.write_receipts(&out.path().join("r"), Some(Q1)).unwrap();
    let x = out.path().join("x");
    std::fs::create_dir_all(&x).unwrap();
    assert!(std::process::Command::new("unzip").arg("-q").arg(&files[0]).arg("-d").arg(&x).status().unwrap().success());
    let pubkey = d.ws.signing_key().unwrap().public().to_base64();
    let ms = std::process::Command::new("minisign")
        .args(["-V", "-P", &pubkey, "-m", "manifest.json"])
        .current_dir(&x)
        .output()
        .expect("minisign is installed (.ci/run installs it)");
    assert!(ms.status.success(), "minisign: {}", String::from_utf8_lossy(&ms.stderr));
    let sums = std::process::Command::new("sha256sum").arg("-c").arg("SHA256SUMS").current_dir(&x).output().unwrap();
    assert!(sums.status.success(), "{}", String::from_utf8_lossy(&sums.stdout));
}

// ---- incremental bundles and parts for e-mail (issue 14, items 3 and 4) ----

use tiendo::bundle::{self, ExportOptions, KeySource};
use tiendo::evidence::EvidenceMeta;

/// Incompressible bytes, the same for the same seed.
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// Attaches `len` bytes named `name` to task 1.5 of the office's unit; returns their SHA-256.
fn attach(c: &mut Office, name: &str, seed: u64, len: usize) -> String {
    let bytes = noise(seed, len);
    let p = c.dir.path().join(name);
    std::fs::write(&p, &bytes).unwrap();
    let unit = c.ws.unit.clone().unwrap();
    c.ws.add_evidence(&unit, "1.5", &p, &EvidenceMeta::default(), &mut |_| true).unwrap();
    tiendo::util::sha256_hex(&bytes)
}

/// The district's merged evidence of a unit for Q1: (task, file name, SHA-256), sorted.
fn merged_docs(d: &Office, unit: &str) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = d
        .ws
        .store()
        .merged_evidence(&d.ws.plan.id)
        .unwrap()
        .into_iter()
        .filter(|e| e.unit == unit && e.period == "2023Q1")
        .map(|e| (e.task, e.file_name, e.sha256))
        .collect();
    v.sort();
    v
}

fn blob_rows(d: &Office) -> Vec<(String, i64)> {
    let conn = rusqlite::Connection::open(d.ws.store().path().unwrap()).unwrap();
    let mut st = conn.prepare("SELECT sha256, size FROM blob WHERE sha256 IS NOT NULL ORDER BY sha256").unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

const PART: u64 = 150_000;

/// Two communes export Q1 with a document each; the district merges and
/// writes receipts; the communes import them. Returns the communes, the
/// district, the folder of files and the SHA-256 of X-ANT's first document.
fn acknowledged() -> (Office, Office, Office, tempfile::TempDir, String) {
    let out = tempfile::tempdir().unwrap();
    let mut ant = office("X-ANT");
    let mut ap = office("X-AP");
    let mut d = office("CUCHI");
    let a = attach(&mut ant, "KH 12-KH-UBND.pdf", 1, 300_000);
    attach(&mut ap, "QĐ 7.pdf", 2, 200_000);
    let a1 = export(&ant, out.path(), 1);
    let p1 = export(&ap, out.path(), 1);
    for c in [&ant, &ap] {
        d.ws.trust_key(c.ws.unit.as_deref().unwrap(), &c.ws.signing_key().unwrap().public()).unwrap();
    }
    let dk = d.ws.signing_key().unwrap().public();
    for c in [&mut ant, &mut ap] {
        c.ws.trust_key("CUCHI", &dk).unwrap();
    }
    for p in [&a1, &p1] {
        assert_eq!(d.ws.merge_bundle(p, false).unwrap().0, bundle::MergeOutcome::Merged);
    }
    let receipts = d.ws.write_receipts(&out.path().join("bien-nhan"), Some(Q1)).unwrap();
    assert_eq!(receipts.len(), 2);
    for r in &receipts {
        let name = r.file_name().unwrap().to_string_lossy().into_owned();
        let c = if name.starts_with("X-ANT-") { &mut ant } else { &mut ap };
        assert_eq!(c.ws.import_receipt(r).unwrap().0, ReceiptImport::Imported);
    }
    // The district asks X-ANT for more on task 1.5 ("yêu cầu bổ sung") and
    // sends the feedback package; X-ANT imports it: one open request, which
    // the document of the second export answers.
    let (_, changed) = d.ws.review("X-ANT", "1.5", None, ReviewVerdict::NeedsMore, "Thiếu báo cáo bổ sung").unwrap();
    assert!(changed);
    let f = out.path().join("X-ANT-yeu-cau-lan-1.zip");
    d.ws.write_feedback("X-ANT", &f).unwrap();
    ant.ws.import_feedback(&f).unwrap();
    assert_eq!(ant.ws.open_requests().unwrap(), 1);
    assert_eq!(ap.ws.open_requests().unwrap(), 0);
    (ant, ap, d, out, a)
}

/// X-ANT attaches a document and exports Q1 again, split into parts of at
/// most [`PART`] bytes in `dir`.
fn second_export(ant: &mut Office, dir: &Path) -> (bundle::BundleExport, String) {
    let c = attach(ant, "Báo cáo bổ sung.pdf", 3, 400_000);
    std::fs::create_dir_all(dir).unwrap();
    let x = ant
        .ws
        .export_bundle_with(Q1, &dir.join("X-ANT-2023Q1-lan-2.zip"), &ExportOptions { full: false, max_part_size: Some(PART) }, &mut |_, _| {})
        .unwrap();
    (x, c)
}

#[test]
fn the_loop_incremental_bundle_in_parts_merged_in_any_order() {
    let (mut ant, _ap, mut d, out, a) = acknowledged();
    assert_eq!(ant.ws.acknowledged_evidence().unwrap().get(&a), Some(&300_000));
    let (x, c) = second_export(&mut ant, &out.path().join("gui"));
    assert_eq!(ant.ws.open_requests().unwrap(), 0, "the new document answers the request");

    // Only the new document travels; the acknowledged one is referenced.
    let m = &x.manifest;
    assert_eq!(m.version, bundle::VERSION_INCREMENTAL);
    assert_eq!(m.referenced.iter().map(|f| f.sha256.as_str()).collect::<Vec<_>>(), vec![a.as_str()]);
    let carried: Vec<&str> = m.files.iter().filter(|f| f.path.starts_with("evidence/")).map(|f| f.sha256.as_str()).collect();
    assert_eq!(carried, vec![c.as_str()]);
    // Split under the size, named after the bundle, nothing else left in the folder.
    let n = x.files.len();
    assert!(n >= 3, "{n} parts");
    for (i, p) in x.files.iter().enumerate() {
        assert_eq!(p.file_name().unwrap().to_string_lossy(), format!("X-ANT-2023Q1-lan-2.part{}of{n}.zip", i + 1));
        assert!(std::fs::metadata(p).unwrap().len() <= PART, "{} is larger than a part", p.display());
    }
    assert_eq!(std::fs::read_dir(out.path().join("gui")).unwrap().count(), n, "no whole bundle or temporary file left");
    assert!(x.bytes < 400_000 + 300_000, "the acknowledged document is not sent again: {} bytes", x.bytes);

    // Each part verifies alone: with the unit's key, and with the stock tools.
    let key = ant.ws.signing_key().unwrap().public();
    for (i, p) in x.files.iter().enumerate() {
        let part = bundle::read_part(p, &KeySource::Given(key.clone())).unwrap();
        assert_eq!((part.doc.part, part.doc.parts, part.doc.sequence), (i as u32 + 1, n as u32, 2));
    }
    let unz = out.path().join("p2");
    std::fs::create_dir_all(&unz).unwrap();
    assert!(std::process::Command::new("unzip").arg("-q").arg(&x.files[1]).arg("-d").arg(&unz).status().unwrap().success());
    let ms = std::process::Command::new("minisign").args(["-V", "-P", &key.to_base64(), "-m", "manifest.json"]).current_dir(&unz).output().unwrap();
    assert!(ms.status.success(), "minisign: {}", String::from_utf8_lossy(&ms.stderr));
    let sums = std::process::Command::new("sha256sum").args(["-c", "SHA256SUMS"]).current_dir(&unz).output().unwrap();
    assert!(sums.status.success(), "{}", String::from_utf8_lossy(&sums.stdout));

    // The district merges the parts given in shuffled order (the CLI).
    let mut shuffled: Vec<String> = x.files.iter().map(|p| p.display().to_string()).collect();
    shuffled.rotate_left(1);
    shuffled.swap(0, n - 1);
    let mut args = vec!["merge"];
    args.extend(shuffled.iter().map(String::as_str));
    let said = ok(d.dir.path(), &args);
    assert!(said.contains(&format!("X-ANT-2023Q1-lan-2.zip ({n} phần): đã hợp nhất (X-ANT, 2023Q1, lần 2)")), "{said}");

    // A part checks alone with `tiendo verify`; the folder of parts given again is a no-op.
    let said = ok(d.dir.path(), &["verify", x.files[1].to_str().unwrap()]);
    assert!(said.starts_with(&format!("HỢP LỆ: phần 2/{n} của gói X-ANT-2023Q1-lan-2.zip (X-ANT, kỳ 2023Q1, lần 2)")), "{said}");
    let said = ok(d.dir.path(), &["merge", out.path().join("gui").to_str().unwrap()]);
    assert!(said.contains(&format!("X-ANT-2023Q1-lan-2.zip ({n} phần): đã hợp nhất trước đó")), "{said}");

    // The final state: X-ANT's period holds both documents, X-AP's its own;
    // every content stored once.
    let d2 = Workspace::open(d.dir.path()).unwrap();
    d.ws = d2;
    let docs = merged_docs(&d, "X-ANT");
    assert_eq!(docs, {
        let mut want = vec![
            ("1.5".to_owned(), "KH 12-KH-UBND.pdf".to_owned(), a.clone()),
            ("1.5".to_owned(), "Báo cáo bổ sung.pdf".to_owned(), c.clone()),
        ];
        want.sort();
        want
    });
    assert_eq!(merged_docs(&d, "X-AP").len(), 1);
    let blobs = blob_rows(&d);
    assert_eq!(blobs.len(), 3, "three contents, each stored once: {blobs:?}");
    let task = d.ws.store().merged_tasks(&d.ws.plan.id).unwrap().into_iter().find(|t| t.unit == "X-ANT" && t.task == "1.5").unwrap();
    assert_eq!(task.evidence_count, 2);
    let current: Vec<_> = d.ws.store().bundles().unwrap().into_iter().filter(|b| b.unit == "X-ANT" && b.current).map(|b| b.sequence).collect();
    assert_eq!(current, vec![2]);
    // The district sees its request answered by that document.
    let reviews = d.ws.reviews(Some("X-ANT")).unwrap();
    let r15 = reviews.iter().find(|r| r.request.task == "1.5").unwrap();
    assert!(r15.answered());
    assert_eq!(r15.answer().unwrap().evidence_added, vec!["Báo cáo bổ sung.pdf".to_owned()]);
    // The receipt of the merge acknowledges both documents for the next bundle.
    let r = d.ws.write_receipts(&out.path().join("bn2"), Some(Q1)).unwrap();
    let ant_r = r.iter().find(|p| p.file_name().unwrap().to_string_lossy().starts_with("X-ANT-")).unwrap();
    ant.ws.import_receipt(ant_r).unwrap();
    let held = ant.ws.acknowledged_evidence().unwrap();
    assert!(held.contains_key(&a) && held.contains_key(&c), "{held:?}");
}

#[test]
fn hostile_parts_and_references_are_refused_and_change_nothing() {
    let (mut ant, _ap, mut d, out, _a) = acknowledged();
    // A copy of X-ANT's installation makes another bundle with the same sequence.
    let twin_dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(ant.dir.path()).unwrap().flatten() {
        copy_tree(&e.path(), &twin_dir.path().join(e.file_name()));
    }
    let (x, _) = second_export(&mut ant, &out.path().join("gui"));
    let mut twin = Office { ws: Workspace::open(twin_dir.path()).unwrap(), dir: twin_dir };
    twin.ws.set_unit("X-ANT").unwrap();
    let (tx, _) = second_export(&mut twin, &out.path().join("twin"));
    let before = d.ws.store().merged_digest().unwrap();
    let key = ant.ws.signing_key().unwrap().public();
    let parts = |files: &[PathBuf]| -> Vec<bundle::Part> { files.iter().map(|p| bundle::read_part(p, &KeySource::Given(key.clone())).unwrap()).collect() };
    let n = x.files.len();

    // A missing part: named, nothing merged (the CLI says it too, and fails).
    let mut some = parts(&x.files);
    some.remove(1);
    let sets = bundle::group_parts(some);
    assert_eq!(sets.len(), 1);
    let e = d.ws.merge_parts(&sets[0], false).unwrap_err();
    assert_eq!(e.key, "err-part-missing");
    assert!(e.message_in(tiendo::i18n::Lang::Vi).contains(&format!("còn thiếu phần 2 (gói có {n} phần)")), "{}", e.message_in(tiendo::i18n::Lang::Vi));
    let mut args: Vec<String> = vec!["merge".into()];
    args.extend(x.files.iter().enumerate().filter(|(i, _)| *i != 1).map(|(_, p)| p.display().to_string()));
    let run = tiendo(d.dir.path(), &args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stdout).contains("còn thiếu phần 2"), "{}", String::from_utf8_lossy(&run.stdout));

    // A part given twice (a copy under another name).
    let copy = out.path().join("ban-sao.zip");
    std::fs::copy(&x.files[0], &copy).unwrap();
    let mut files = x.files.clone();
    files.push(copy);
    let e = d.ws.merge_parts(&bundle::group_parts(parts(&files))[0], false).unwrap_err();
    assert_eq!(e.key, "err-part-duplicate");
    assert!(e.message_in(tiendo::i18n::Lang::Vi).contains("ban-sao.zip"));

    // A foreign part: the twin's part 2 among X-ANT's parts of the same sequence.
    let mut files = x.files.clone();
    files[1] = tx.files[1].clone();
    let e = d.ws.merge_parts(&bundle::group_parts(parts(&files))[0], false).unwrap_err();
    assert_eq!(e.key, "err-part-foreign");
    assert!(e.message_in(tiendo::i18n::Lang::Vi).contains(&tx.files[1].file_name().unwrap().to_string_lossy().to_string()));

    // A part whose bytes were altered in transit does not verify.
    let bent = out.path().join("hong.zip");
    let mut bytes = std::fs::read(&x.files[0]).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x55;
    std::fs::write(&bent, &bytes).unwrap();
    // (the zip's own check, or the signed hash, whichever reads it first)
    let e = bundle::read_part(&bent, &KeySource::Given(key.clone())).unwrap_err();
    assert!(matches!(e.key, "err-bundle-file-damaged" | "err-bundle-file-changed"), "{e:?}");
    assert_eq!(d.ws.store().merged_digest().unwrap(), before, "nothing merged");

    // A reference to a document the receiving office does not hold: a
    // district that never merged X-ANT's first bundle.
    let mut fresh = office("CUCHI");
    fresh.ws.trust_key("X-ANT", &ant.ws.signing_key().unwrap().public()).unwrap();
    let fresh_before = fresh.ws.store().merged_digest().unwrap();
    let e = fresh.ws.merge_parts(&bundle::group_parts(parts(&x.files))[0], false).unwrap_err();
    assert_eq!(e.key, "err-bundle-references-missing");
    let msg = e.message_in(tiendo::i18n::Lang::Vi);
    assert!(msg.contains("KH 12-KH-UBND.pdf (1.5)") && msg.contains("--full"), "{msg}");
    assert_eq!(fresh.ws.store().merged_digest().unwrap(), fresh_before, "nothing merged");
    assert!(blob_rows(&fresh).is_empty());

    // The full bundle, one option away, merges there.
    let full = out.path().join("X-ANT-2023Q1-lan-3.zip");
    let fx = ant.ws.export_bundle_with(Q1, &full, &ExportOptions { full: true, max_part_size: None }, &mut |_, _| {}).unwrap();
    assert_eq!((fx.manifest.version, fx.referenced()), (bundle::VERSION, 0));
    assert_eq!(fresh.ws.merge_bundle(&full, false).unwrap().0, bundle::MergeOutcome::Merged);
    assert_eq!(merged_docs(&fresh, "X-ANT").len(), 2);
}

#[test]
fn an_incremental_bundle_verifies_with_the_stock_tools_and_an_old_one_still_does() {
    let (mut ant, _ap, mut d, out, a) = acknowledged();
    attach(&mut ant, "Bổ sung.pdf", 9, 50_000);
    let p = out.path().join("X-ANT-2023Q1-lan-2.zip");
    let x = ant.ws.export_bundle_with(Q1, &p, &ExportOptions::default(), &mut |_, _| {}).unwrap();
    assert_eq!(x.files, vec![p.clone()]);
    assert_eq!(x.referenced(), 1);
    // The manifest names the referenced document; the zip does not hold it.
    let x_dir = out.path().join("x");
    std::fs::create_dir_all(&x_dir).unwrap();
    assert!(std::process::Command::new("unzip").arg("-q").arg(&p).arg("-d").arg(&x_dir).status().unwrap().success());
    let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(x_dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["version"], 2);
    assert_eq!(manifest["referenced"][0]["sha256"], a.as_str());
    let path = manifest["referenced"][0]["path"].as_str().unwrap();
    assert!(!x_dir.join(path).exists());
    let key = ant.ws.signing_key().unwrap().public().to_base64();
    let ms = std::process::Command::new("minisign").args(["-V", "-P", &key, "-m", "manifest.json"]).current_dir(&x_dir).output().unwrap();
    assert!(ms.status.success(), "minisign: {}", String::from_utf8_lossy(&ms.stderr));
    let sums = std::process::Command::new("sha256sum").args(["-c", "SHA256SUMS"]).current_dir(&x_dir).output().unwrap();
    assert!(sums.status.success(), "{}", String::from_utf8_lossy(&sums.stdout));
    // `tiendo verify` accepts it, and the first (full, version 1) bundle still verifies.
    ok(d.dir.path(), &["verify", p.to_str().unwrap()]);
    let first = ok(d.dir.path(), &["verify", out.path().join("X-ANT-2023Q1-lan-1.zip").to_str().unwrap()]);
    assert!(first.starts_with("HỢP LỆ"), "{first}");
    assert_eq!(d.ws.merge_bundle(&p, false).unwrap().0, bundle::MergeOutcome::Merged);
    assert_eq!(merged_docs(&d, "X-ANT").len(), 2);
}

#[test]
fn part_sizes_are_read_as_people_write_them() {
    assert_eq!(bundle::parse_size("20MB").unwrap(), 20_000_000);
    assert_eq!(bundle::parse_size("2,5 MB").unwrap(), 2_500_000);
    assert_eq!(bundle::parse_size("25MiB").unwrap(), 25 * 1024 * 1024);
    assert_eq!(bundle::parse_size("500kb").unwrap(), 500_000);
    assert_eq!(bundle::parse_size("123456").unwrap(), 123_456);
    for bad in ["", "MB", "20 parsecs", "-5MB", "1e9"] {
        assert_eq!(bundle::parse_size(bad).unwrap_err().key, "err-part-size-bad", "{bad}");
    }
    assert_eq!(bundle::check_part_size(1000).unwrap_err().key, "err-part-size-small");
    assert_eq!(bundle::part_path(Path::new("/x/X-ANT-2023Q1-lan-2.zip"), 1, 3), Path::new("/x/X-ANT-2023Q1-lan-2.part1of3.zip"));
}

fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap().flatten() {
            copy_tree(&e.path(), &to.join(e.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

/// A copy of the bundle at `src` with its manifest changed by `edit`, the
/// entries changed by `entries`, re-signed with `key` (a sender that means harm).
fn resign(
    src: &Path,
    out: &Path,
    key: &tiendo::crypto::sign::SecretKey,
    edit: impl Fn(&mut bundle::Manifest),
    entries: impl Fn(&mut Vec<(String, Vec<u8>)>),
) {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let mut manifest: bundle::Manifest = serde_json::from_reader(zin.by_name(bundle::MANIFEST).unwrap()).unwrap();
    let mut files = vec![];
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        if [bundle::MANIFEST, bundle::SUMS, bundle::SIGNATURE].contains(&name.as_str()) {
            continue;
        }
        let mut b = vec![];
        f.read_to_end(&mut b).unwrap();
        files.push((name, b));
    }
    edit(&mut manifest);
    entries(&mut files);
    let mb = serde_json::to_vec_pretty(&manifest).unwrap();
    let sha = tiendo::util::sha256_hex(&mb);
    let mut z = zip::ZipWriter::new(std::fs::File::create(out).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    for (n, b) in &files {
        z.start_file(n.as_str(), opts).unwrap();
        z.write_all(b).unwrap();
    }
    z.start_file(bundle::MANIFEST, opts).unwrap();
    z.write_all(&mb).unwrap();
    z.start_file(bundle::SUMS, opts).unwrap();
    z.write_all(bundle::sums_text(&manifest, &sha).as_bytes()).unwrap();
    z.start_file(bundle::SIGNATURE, opts).unwrap();
    z.write_all(key.sign_minisig(&mb, "unit:X-ANT period:2023Q1 sequence:2 file:manifest.json").as_bytes()).unwrap();
    z.finish().unwrap();
}

#[test]
fn malformed_references_are_refused_even_when_signed() {
    let (mut ant, _ap, _d, out, a) = acknowledged();
    attach(&mut ant, "Bổ sung.pdf", 11, 20_000);
    let p = out.path().join("X-ANT-2023Q1-lan-2.zip");
    let x = ant.ws.export_bundle_with(Q1, &p, &ExportOptions::default(), &mut |_, _| {}).unwrap();
    assert_eq!(x.referenced(), 1);
    let key = ant.ws.signing_key().unwrap();
    let keys = KeySource::Given(key.public());
    let bad = out.path().join("bad.zip");
    let reference = x.manifest.referenced[0].clone();

    // References in a version 1 manifest.
    resign(&p, &bad, &key, |m| m.version = bundle::VERSION, |_| {});
    let e = bundle::verify(&bad, &keys).unwrap_err();
    assert_eq!((e.key, e.args[0].1.clone()), ("err-bundle-file-changed", tiendo::i18n::Arg::Str("manifest.json".into())));
    // A referenced document also in the zip: an extra file.
    let bytes = noise(1, 300_000);
    assert_eq!(tiendo::util::sha256_hex(&bytes), a);
    resign(&p, &bad, &key, |_| {}, |f| f.push((reference.path.clone(), bytes.clone())));
    assert_eq!(bundle::verify(&bad, &keys).unwrap_err().key, "err-bundle-extra");
    // Listed both as a file and as a reference.
    resign(&p, &bad, &key, |m| m.files.push(reference.clone()), |f| f.push((reference.path.clone(), bytes.clone())));
    assert_eq!(bundle::verify(&bad, &keys).unwrap_err().key, "err-bundle-duplicate");
    // A reference outside evidence/.
    resign(&p, &bad, &key, |m| m.referenced[0].path = "progress2.json".into(), |_| {});
    assert_eq!(bundle::verify(&bad, &keys).unwrap_err().key, "err-bundle-file-changed");
    // progress.json names a document neither carried nor referenced.
    resign(&p, &bad, &key, |m| m.referenced.clear(), |_| {});
    assert_eq!(bundle::verify(&bad, &keys).unwrap_err().key, "err-bundle-missing");
    // The untouched bundle verifies.
    bundle::verify(&p, &keys).unwrap();
}

/// Phòng Nội vụ consolidates for UBND huyện (data, not the tree): it merges
/// the communes' bundles, its receipts and review requests are taken as the
/// parent office's; another department is still refused.
#[test]
fn the_office_that_consolidates_for_the_district_runs_the_loop() {
    let out = tempfile::tempdir().unwrap();
    let mut ant = office("X-ANT");
    let mut pnv = office("PNV");
    let ptp = office("PTP");
    assert_eq!(pnv.ws.consolidation_scope().as_deref(), Some("CUCHI"));
    let a1 = export(&ant, out.path(), 1);
    pnv.ws.trust_key("X-ANT", &ant.ws.signing_key().unwrap().public()).unwrap();
    assert_eq!(pnv.ws.merge_bundle(&a1, false).unwrap().0, bundle::MergeOutcome::Merged);
    // So is a department's (it sits under UBND huyện too).
    let p = out.path().join("PTP-2023Q1-lan-1.zip");
    ptp.ws.export_bundle(Q1, &p, &mut |_, _| {}).unwrap();
    pnv.ws.trust_key("PTP", &ptp.ws.signing_key().unwrap().public()).unwrap();
    assert!(pnv.ws.merge_bundle(&p, false).is_ok(), "a department below UBND huyện reports to the office that consolidates for it");
    let pk = pnv.ws.signing_key().unwrap().public();
    ant.ws.trust_key("PNV", &pk).unwrap();
    let receipts = pnv.ws.write_receipts(&out.path().join("bn"), Some(Q1)).unwrap();
    let r = receipts.iter().find(|p| p.file_name().unwrap().to_string_lossy().starts_with("X-ANT-")).unwrap();
    assert_eq!(ant.ws.import_receipt(r).unwrap().0, ReceiptImport::Imported);
    pnv.ws.review("X-ANT", "1.5", None, ReviewVerdict::NeedsMore, "Thiếu kế hoạch").unwrap();
    let f = out.path().join("X-ANT-yeu-cau-lan-1.zip");
    pnv.ws.write_feedback("X-ANT", &f).unwrap();
    ant.ws.import_feedback(&f).unwrap();
    assert_eq!(ant.ws.open_requests().unwrap(), 1);
    // A unit that consolidates for nobody and has nobody below governs nobody.
    assert!(!ptp.ws.governs(&ptp.ws.plan, "PTP", "X-ANT"));
    assert!(!pnv.ws.governs(&pnv.ws.plan, "PNV", "CUCHI"), "not the unit it serves");
    assert!(!pnv.ws.governs(&pnv.ws.plan, "PNV", "PNV"));
}

/// A commune installs from scratch with the plan package its parent office
/// sent: without the parent's key the package is refused; with it (the key
/// card, or in the window after comparing the fingerprint) the plan is taken
/// and the key trusted as the parent's, so the parent's receipts are
/// accepted with no further step.
#[test]
fn a_plan_package_taken_with_the_parents_key_makes_that_key_the_parents() {
    use tiendo::ui::{App, Message, first_run};
    let out = tempfile::tempdir().unwrap();
    let mut d = office("CUCHI");
    let plan = out.path().join("ke-hoach.zip");
    d.ws.export_plan(&plan).unwrap();
    let card = out.path().join("CUCHI.pub");
    d.ws.export_key_card(&card).unwrap();

    // The command line: refused without the key, taken with the card.
    let fresh = tempfile::tempdir().unwrap();
    let refused = tiendo(fresh.path(), &["plan", "import", plan.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("khóa chưa đăng ký"));
    ok(fresh.path(), &["plan", "import", plan.to_str().unwrap(), "--pubkey", card.to_str().unwrap()]);
    ok(fresh.path(), &["unit", "set", "X-ANT"]);
    let mut ant = Office { ws: Workspace::open(fresh.path()).unwrap(), dir: fresh };
    d.ws.trust_key("X-ANT", &ant.ws.signing_key().unwrap().public()).unwrap();
    let a1 = export(&ant, out.path(), 1);
    d.ws.merge_bundle(&a1, false).unwrap();
    let receipts = d.ws.write_receipts(&out.path().join("bn"), Some(Q1)).unwrap();
    let r = receipts.iter().find(|p| p.file_name().unwrap().to_string_lossy().starts_with("X-ANT-")).unwrap();
    assert_eq!(ant.ws.import_receipt(r).unwrap().0, ReceiptImport::Imported);

    // The window's first run: the signer and the fingerprint first, then the plan and the key.
    let wdir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(wdir.path()).unwrap();
    let mut app = App::new(ws, wdir.path().to_owned(), Some(tiendo::i18n::Lang::Vi));
    let _ = app.update(Message::FirstRun(first_run::Message::Start(first_run::Start::Package)));
    let task = app.update(Message::FirstRun(first_run::Message::PackageChosen(vec![plan.clone()])));
    crate::ui_reports::drive(&mut app, task);
    let fp = d.ws.signing_key().unwrap().public().fingerprint();
    assert!(crate::ui::has_text(&app, |t| t == fp), "the fingerprint is shown to compare");
    assert!(app.ws.keys().unwrap().is_empty(), "nothing trusted before the clerk says so");
    let task = app.update(Message::FirstRun(first_run::Message::TrustPackage));
    crate::ui_reports::drive(&mut app, task);
    let keys = app.ws.keys().unwrap();
    assert_eq!(keys.iter().map(|k| (k.unit.as_str(), k.status.as_str())).collect::<Vec<_>>(), vec![("CUCHI", "trusted")]);
    assert!(app.first_run.package.is_none());
}
