//! The loop with the parent office: receipts written by the district after
//! a merge, imported and shown by the communes; hostile receipts refused
//! with nothing changed.

use std::path::{Path, PathBuf};

use tiendo::bundle::receipt::ReceiptStatus;
use tiendo::domain::{Period, Status};
use tiendo::progress::Change;
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
    let log = d.ws.store.receipt_log().unwrap();
    let verdicts: Vec<(&str, i64, Verdict)> = log.iter().map(|(u, e)| (u.as_str(), e.sequence, e.verdict)).collect();
    assert_eq!(verdicts, vec![("X-ANT", 1, Verdict::Merged), ("X-AP", 2, Verdict::Merged), ("X-AP", 1, Verdict::Older)]);
    // Merging the same bundle again records nothing new.
    let mut d = d;
    d.ws.merge_bundle(&out.path().join("X-ANT-2023Q1-lan-1.zip"), false).unwrap();
    assert_eq!(d.ws.store.receipt_log().unwrap().len(), 3);

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
    let before = d.ws.store.merged_digest().unwrap();
    assert!(d.ws.merge_bundle(&clash, false).is_err());
    assert_eq!(d.ws.store.merged_digest().unwrap(), before, "nothing merged");
    let last = d.ws.store.receipt_log().unwrap().pop().unwrap();
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
    let (_, entry) = d.ws.store.receipt_log().unwrap()[0].clone();
    ap.ws.store.log_receipt("X-ANT", &entry).unwrap();
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
    assert_eq!(ant.ws.store.receipts_in("X-ANT").unwrap().len(), 1);
    assert_eq!(ant.ws.store.receipts_in("X-ANT").unwrap()[0].sequence, 2);
    // Twice the same: idempotent.
    assert_eq!(ant.ws.import_receipt(&ant_r2).unwrap().0, ReceiptImport::AlreadyImported);
    assert_eq!(ant.ws.store.receipts_in("X-ANT").unwrap().len(), 1);
}

#[test]
fn the_receipt_log_is_append_only() {
    let (_ant, _ap, d, _out) = merged();
    let n = d.ws.store.receipt_log().unwrap().len();
    let conn = rusqlite::Connection::open(d.ws.store.path().unwrap()).unwrap();
    assert!(conn.execute("UPDATE receipt_log SET verdict = 'rejected'", []).is_err());
    assert!(conn.execute("DELETE FROM receipt_log", []).is_err());
    assert_eq!(d.ws.store.receipt_log().unwrap().len(), n);
    assert!(d.ws.store.receipt_log().unwrap().iter().all(|(_, e)| e.verdict != Verdict::Rejected));
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
