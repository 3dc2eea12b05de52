//! Review requests: the district reviews merged tasks and documents, sends
//! signed feedback packages; the communes import them, answer by attaching
//! evidence, and the next bundle tells the district. Hostile packages are
//! refused with nothing changed.

use std::path::{Path, PathBuf};

use tiendo::evidence::EvidenceMeta;
use tiendo::store::feedback::{ReviewVerdict, SignedImport};

use crate::loop_::{Office, export, merged, office};
use crate::{json, ok, tiendo};

fn attach(c: &mut Office, task: &str, name: &str, bytes: &[u8]) {
    let p = c.dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    let unit = c.ws.unit.clone().unwrap();
    c.ws.add_evidence(&unit, task, &p, &EvidenceMeta::default(), &mut |_| true).unwrap();
}

/// A second task of X-AP's besides 1.5.
fn other_task(c: &Office) -> String {
    c.ws.plan.tasks.iter().find(|t| t.code != "1.5" && t.role_of("X-AP").is_some()).unwrap().code.clone()
}

fn named<'a>(files: &'a [PathBuf], unit: &str) -> &'a Path {
    files.iter().find(|p| p.file_name().unwrap().to_string_lossy().starts_with(&format!("{unit}-"))).unwrap()
}

#[test]
fn district_reviews_communes_import_answer_and_the_district_sees_it() {
    let (mut ant, mut ap, mut d, out) = merged();
    // X-ANT sends a document; the district merges it and asks about that document.
    attach(&mut ant, "1.5", "Báo cáo 1.5.pdf", b"%PDF-1.4 bao cao");
    let a2 = export(&ant, out.path(), 2);
    d.ws.merge_bundle(&a2, false).unwrap();
    let (r, changed) = d.ws.review("X-ANT", "1.5", Some("Báo cáo 1.5.pdf"), ReviewVerdict::NeedsMore, "Văn bản chưa có chữ ký").unwrap();
    assert!(changed);
    assert_eq!((r.request.revision, r.request.evidence_name.as_str()), (1, "Báo cáo 1.5.pdf"));
    // Two requests for X-AP through the CLI, one accepted task.
    let other = other_task(&ap);
    let dd = d.dir.path().to_path_buf();
    let dd = dd.as_path();
    let said = ok(dd, &["feedback", "review", "--unit", "X-AP", "--task", "1.5", "--verdict", "bổ sung", "--comment", "Thiếu biên bản họp"]);
    assert!(said.contains("Yêu cầu bổ sung (lần sửa 1)"), "{said}");
    ok(dd, &["feedback", "review", "--unit", "X-AP", "--task", &other, "--verdict", "yêu cầu bổ sung", "--comment", "Chưa có kế hoạch"]);
    // The same review again: idempotent, no new revision.
    let said = ok(dd, &["feedback", "review", "--unit", "X-AP", "--task", "1.5", "--verdict", "more", "--comment", "Thiếu biên bản họp"]);
    assert!(said.contains("không đổi"), "{said}");
    assert_eq!(d.ws.reviews(Some("X-AP")).unwrap().len(), 2);
    assert!(d.ws.reviews(Some("X-AP")).unwrap().iter().all(|r| r.request.revision == 1));

    // All units at once.
    let fdir = out.path().join("yeu-cau");
    let said = ok(dd, &["feedback", "export", "--all", "--out", fdir.to_str().unwrap()]);
    assert_eq!(said.lines().count(), 2, "{said}");
    let ap_f = fdir.join("X-AP-yeu-cau-lan-1.zip");
    let ant_f = fdir.join("X-ANT-yeu-cau-lan-1.zip");
    assert!(ap_f.is_file() && ant_f.is_file());

    // X-AP imports: two open requests; again: nothing changes.
    let said = ok(ap.dir.path(), &["feedback", "import", ap_f.to_str().unwrap()]);
    assert!(said.contains("Đã nhập gói yêu cầu lần 1 của CUCHI (2 nhận xét; còn 2 yêu cầu bổ sung"), "{said}");
    let said = ok(ap.dir.path(), &["feedback", "import", ap_f.to_str().unwrap()]);
    assert!(said.contains("đã được nhập trước đây"), "{said}");
    assert_eq!(ap.ws.open_requests().unwrap(), 2);
    assert_eq!(ap.ws.requests(None).unwrap().len(), 2);

    // X-AP answers 1.5 by attaching the minutes: one open request left.
    attach(&mut ap, "1.5", "Biên bản họp.pdf", b"%PDF-1.4 bien ban");
    assert_eq!(ap.ws.open_requests().unwrap(), 1);
    let st = ap.ws.requests(Some("1.5")).unwrap().pop().unwrap();
    assert!(st.answered());
    assert_eq!(st.done_text(tiendo::i18n::Lang::Vi), "Đã trả lời: thêm tài liệu Biên bản họp.pdf");
    // The next report says what was asked and what was done.
    let q1 = tiendo::domain::Period { year: 2023, quarter: Some(1) };
    let pdf = tiendo::report::report_pdf(&ap.ws, "X-AP", q1, tiendo::i18n::Lang::Vi).unwrap();
    let text = crate::report::pdftotext(ap.dir.path(), &pdf).expect("pdftotext is installed");
    let section = &text[text.find("Yêu cầu của cấp trên và kết quả thực hiện").expect("the requests section")..];
    for said in ["Thiếu biên bản họp", "Chưa có kế hoạch", "Đã trả lời: thêm tài liệu Biên bản họp.pdf", "Chưa trả lời", "CUCHI, nhận ngày"] {
        assert!(section.contains(said), "{said} in {section}");
    }
    let listed = json(ap.dir.path(), &["feedback", "requests", "--json"]);
    let answered: Vec<bool> = listed.as_array().unwrap().iter().map(|r| r["answered"].as_bool().unwrap()).collect();
    assert_eq!(answered.iter().filter(|a| **a).count(), 1);

    // The next bundle carries the answers; the district sees 1.5 answered.
    let p3 = export(&ap, out.path(), 3);
    d.ws.merge_bundle(&p3, false).unwrap();
    let reviews = d.ws.reviews(Some("X-AP")).unwrap();
    let r15 = reviews.iter().find(|r| r.request.task == "1.5").unwrap();
    assert!(r15.answered());
    assert_eq!(r15.answer().unwrap().evidence_added, vec!["Biên bản họp.pdf".to_owned()]);
    assert!(!reviews.iter().find(|r| r.request.task == other).unwrap().answered());
    let listed = json(dd, &["feedback", "reviews", "--unit", "X-AP", "--json"]);
    assert_eq!(listed.as_array().unwrap().iter().filter(|r| r["answered"] == true).count(), 1);

    // X-ANT imports its own and sees the document named.
    ant.ws.import_feedback(&ant_f).unwrap();
    let reqs = ant.ws.requests(None).unwrap();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].held.request.evidence_name, "Báo cáo 1.5.pdf");
    assert_eq!(reqs[0].held.request.comment, "Văn bản chưa có chữ ký");

    // A changed review is a new revision; the unit's answer to the old one no longer counts.
    d.ws.review("X-AP", "1.5", None, ReviewVerdict::NeedsMore, "Biên bản cần chữ ký của chủ tịch").unwrap();
    assert!(!d.ws.reviews(Some("X-AP")).unwrap().iter().find(|r| r.request.task == "1.5").unwrap().answered());
    let f2 = out.path().join("ap2.zip");
    d.ws.write_feedback("X-AP", &f2).unwrap();
    ap.ws.import_feedback(&f2).unwrap();
    assert_eq!(ap.ws.open_requests().unwrap(), 2, "the new revision is open again");
}

#[test]
fn bad_reviews_are_refused_naming_the_problem() {
    let (_ant, _ap, mut d, _out) = merged();
    let e = d.ws.review("X-AP", "1.5", None, ReviewVerdict::NeedsMore, "  ").unwrap_err();
    assert_eq!(e.key, "err-review-comment-needed");
    let e = d.ws.review("X-AP", "1.5", Some("khong-co.pdf"), ReviewVerdict::Ok, "").unwrap_err();
    assert_eq!(e.key, "err-review-no-evidence");
    assert!(e.message_in(tiendo::i18n::Lang::Vi).contains("khong-co.pdf"));
    let e = d.ws.review("X-AP", "99.99", None, ReviewVerdict::Ok, "").unwrap_err();
    assert_eq!(e.key, "err-unknown-task");
    let e = d.ws.review("CUCHI", "1.5", None, ReviewVerdict::Ok, "").unwrap_err();
    assert_eq!(e.key, "err-bundle-not-governed");
    assert!(d.ws.reviews(None).unwrap().is_empty());
    let e = d.ws.write_feedback("X-AP", &d.dir.path().join("f.zip")).unwrap_err();
    assert_eq!(e.key, "err-feedback-none");
    let out = tiendo(d.dir.path(), &["feedback", "review", "--unit", "X-AP", "--task", "1.5", "--verdict", "tốt"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("«tốt» không hợp lệ"));
}

#[test]
fn hostile_feedback_packages_are_refused_and_change_nothing() {
    let (mut ant, mut ap, mut d, out) = merged();
    d.ws.review("X-AP", "1.5", None, ReviewVerdict::NeedsMore, "Thiếu biên bản").unwrap();
    d.ws.review("X-ANT", "1.5", None, ReviewVerdict::Ok, "").unwrap();
    let f1 = d.ws.write_feedback_all(&out.path().join("f1")).unwrap();
    d.ws.review("X-AP", "1.5", None, ReviewVerdict::Ok, "Đã đủ").unwrap();
    let f2 = d.ws.write_feedback_all(&out.path().join("f2")).unwrap();
    assert!(named(&f2, "X-AP").ends_with("X-AP-yeu-cau-lan-2.zip"));

    // Feedback for another unit.
    let e = ant.ws.import_feedback(named(&f1, "X-AP")).unwrap_err();
    assert_eq!(e.key, "err-feedback-other-unit");
    assert!(e.message_in(tiendo::i18n::Lang::Vi).contains("dành cho đơn vị X-AP"));
    // Signed by a key the unit does not trust as its parent's.
    let mut stranger = office("CUCHI");
    stranger.ws.review("X-ANT", "1.5", None, ReviewVerdict::NeedsMore, "Giả mạo").unwrap();
    let forged = out.path().join("forged.zip");
    stranger.ws.write_feedback("X-ANT", &forged).unwrap();
    let e = ant.ws.import_feedback(&forged).unwrap_err();
    assert_eq!(e.key, "err-feedback-unknown-key");
    let cli = tiendo(ant.dir.path(), &["feedback", "import", forged.to_str().unwrap()]);
    assert!(!cli.status.success());
    assert!(String::from_utf8_lossy(&cli.stderr).contains("chưa tin cậy là khóa của cấp trên"));
    // Signed by the sibling commune, whose key X-ANT trusts as X-AP's.
    ant.ws.trust_key("X-AP", &ap.ws.signing_key().unwrap().public()).unwrap();
    let sibling = ap.ws.write_feedback("X-ANT", &out.path().join("sib.zip"));
    assert!(sibling.is_err(), "X-AP cannot even review X-ANT");
    assert!(ant.ws.requests(None).unwrap().is_empty(), "nothing imported");

    // The newer package imported; the older one replayed is refused, nothing changed.
    assert_eq!(ap.ws.import_feedback(named(&f2, "X-AP")).unwrap().0, SignedImport::Imported);
    let before = ap.ws.requests(None).unwrap();
    assert_eq!(before[0].held.request.verdict, ReviewVerdict::Ok);
    let e = ap.ws.import_feedback(named(&f1, "X-AP")).unwrap_err();
    assert_eq!(e.key, "err-feedback-older");
    assert!(e.message_in(tiendo::i18n::Lang::Vi).contains("gói yêu cầu lần 1 cũ hơn"));
    assert_eq!(ap.ws.requests(None).unwrap(), before);
    assert_eq!(ap.ws.open_requests().unwrap(), 0);
    // A tampered package: one byte of feedback.json changed.
    let bytes = std::fs::read(named(&f1, "X-ANT")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut b = vec![];
        std::io::Read::read_to_end(&mut f, &mut b).unwrap();
        let name = f.name().unwrap().to_string();
        if name == "feedback.json" {
            let s = String::from_utf8(b).unwrap().replace("\"ok\"", "\"needs_more\"");
            b = s.into_bytes();
        }
        w.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut w, &b).unwrap();
    }
    let tampered = out.path().join("tampered.zip");
    std::fs::write(&tampered, w.finish().unwrap().into_inner()).unwrap();
    assert!(ant.ws.import_feedback(&tampered).is_err());
    assert!(ant.ws.requests(None).unwrap().is_empty());
}

/// Puts `file` into the drop folder as a finished copy (old enough to be settled).
fn drop_into(dir: &Path, file: &Path) -> PathBuf {
    let to = dir.join(file.file_name().unwrap());
    std::fs::copy(file, &to).unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    std::fs::File::options().write(true).open(&to).unwrap().set_modified(old).unwrap();
    to
}

#[test]
fn the_drop_folder_lists_new_packages_and_merges_only_after_accept() {
    use tiendo::bundle::dropbox::PackageKind;
    use tiendo::i18n::Lang;
    let (mut ant, ap, mut d, out) = merged();
    let drop = tempfile::tempdir().unwrap();
    d.ws.set_drop_folder(Some(drop.path())).unwrap();
    assert_eq!(d.ws.drop_folder().unwrap().as_deref(), Some(drop.path()));
    attach(&mut ant, "1.5", "Kế hoạch.pdf", b"%PDF-1.4 ke hoach");
    let a2 = drop_into(drop.path(), &export(&ant, out.path(), 2));
    // Not packages, or not for this office: left out.
    std::fs::write(drop.path().join("ghi-chu.zip"), b"not a zip").unwrap();
    let own = d.dir.path().join("CUCHI-2023Q1.zip");
    d.ws.export_bundle(tiendo::domain::Period { year: 2023, quarter: Some(1) }, &own, &mut |_, _| {}).unwrap();
    drop_into(drop.path(), &own);
    // A copy still being written (modified just now) waits for the next look.
    std::fs::copy(&a2, drop.path().join("dang-chep.zip")).unwrap();

    let before = d.ws.store().merged_digest().unwrap();
    let found = d.ws.scan_drop_folder(drop.path(), Lang::Vi).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].kind, found[0].sender.as_str(), found[0].sequence, found[0].problem.as_deref()), (PackageKind::Bundle, "X-ANT", 2, None));
    assert_eq!(d.ws.store().merged_digest().unwrap(), before, "listing merges nothing");
    let said = d.ws.accept_found(&found[0], Lang::Vi).unwrap();
    assert!(said.contains("đã hợp nhất (X-ANT, 2023Q1, lần 2)"), "{said}");
    assert_ne!(d.ws.store().merged_digest().unwrap(), before);
    assert!(d.ws.store().merged_evidence(&d.ws.plan.id).unwrap().iter().any(|e| e.file_name == "Kế hoạch.pdf"));
    std::fs::remove_file(drop.path().join("dang-chep.zip")).unwrap();
    assert!(d.ws.scan_drop_folder(drop.path(), Lang::Vi).unwrap().is_empty(), "accepted: not offered again");

    // Declined: not merged, not offered again.
    let mut ap = ap;
    ap.ws.update_task("X-AP", "1.5", &tiendo::progress::Change { progress: Some(90), ..Default::default() }).unwrap();
    drop_into(drop.path(), &export(&ap, out.path(), 3));
    let found = d.ws.scan_drop_folder(drop.path(), Lang::Vi).unwrap();
    assert_eq!(found.len(), 1);
    let before = d.ws.store().merged_digest().unwrap();
    d.ws.decline_found(&found[0].file_sha, &found[0].name()).unwrap();
    assert!(d.ws.scan_drop_folder(drop.path(), Lang::Vi).unwrap().is_empty());
    assert_eq!(d.ws.store().merged_digest().unwrap(), before);

    // The same folder at the communes: each sees the feedback addressed to it only.
    d.ws.review("X-ANT", "1.5", Some("Kế hoạch.pdf"), ReviewVerdict::NeedsMore, "Thiếu dấu").unwrap();
    d.ws.review("X-AP", "1.5", None, ReviewVerdict::Ok, "").unwrap();
    for f in d.ws.write_feedback_all(out.path()).unwrap() {
        drop_into(drop.path(), &f);
    }
    let found = ant.ws.scan_drop_folder(drop.path(), Lang::Vi).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].kind, found[0].sender.as_str(), found[0].problem.as_deref()), (PackageKind::Feedback, "CUCHI", None));
    assert_eq!(ant.ws.open_requests().unwrap(), 0, "listing imports nothing");
    let said = ant.ws.accept_found(&found[0], Lang::Vi).unwrap();
    assert!(said.contains("Đã nhập gói yêu cầu lần 1 của CUCHI"), "{said}");
    assert_eq!(ant.ws.open_requests().unwrap(), 1);
    assert!(ant.ws.scan_drop_folder(drop.path(), Lang::Vi).unwrap().is_empty());
    // A feedback package from a stranger's key claiming to be the district is listed with why it would be refused.
    let mut stranger = office("CUCHI");
    stranger.ws.review("X-ANT", "1.5", None, ReviewVerdict::NeedsMore, "Giả mạo").unwrap();
    let forged = out.path().join("X-ANT-gia-mao.zip");
    stranger.ws.write_feedback("X-ANT", &forged).unwrap();
    drop_into(drop.path(), &forged);
    let found = ant.ws.scan_drop_folder(drop.path(), Lang::Vi).unwrap();
    assert_eq!(found.len(), 1);
    assert!(found[0].problem.as_deref().unwrap().contains("chưa tin cậy là khóa của cấp trên"), "{found:?}");
    assert!(ant.ws.accept_found(&found[0], Lang::Vi).is_err());
    assert_eq!(ant.ws.open_requests().unwrap(), 1, "nothing changed");
}

/// The unit's window: the dashboard counts the open requests; a click lists
/// them; a line opens the task page, which shows the request and its comment.
#[test]
fn the_dashboard_counts_the_requests_and_lists_them() {
    use crate::ui::{feed, has_text, sim};
    use iced_test::selector::Candidate;
    let (_ant, mut ap, mut d, out) = merged();
    let other = other_task(&ap);
    d.ws.review("X-AP", "1.5", None, ReviewVerdict::NeedsMore, "Thiếu biên bản họp").unwrap();
    d.ws.review("X-AP", &other, None, ReviewVerdict::NeedsMore, "Chưa có kế hoạch").unwrap();
    let f = out.path().join("ap.zip");
    d.ws.write_feedback("X-AP", &f).unwrap();
    ap.ws.import_feedback(&f).unwrap();
    attach(&mut ap, &other, "Kế hoạch.pdf", b"%PDF kh");
    let ws = tiendo::workspace::Workspace::open(ap.dir.path()).unwrap();
    let mut app = tiendo::ui::App::new(ws, ap.dir.path().to_owned(), Some(tiendo::i18n::Lang::Vi));
    assert_eq!(app.screen, tiendo::ui::Screen::Dashboard);
    assert!(has_text(&app, |s| s == "Cấp trên yêu cầu bổ sung: 1"), "one request still open");
    assert!(!has_text(&app, |s| s.contains("Thiếu biên bản họp")), "listed only when asked");

    let mut ui = sim(&app);
    ui.click("Cấp trên yêu cầu bổ sung: 1").expect("the count is a button");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);
    assert!(app.dashboard.show_requests);
    assert!(has_text(&app, |s| s.contains("Thiếu biên bản họp")));
    assert!(has_text(&app, |s| s == "Đã trả lời: thêm tài liệu Kế hoạch.pdf"));

    let mut ui = sim(&app);
    ui.click("Yêu cầu bổ sung: Thiếu biên bản họp").expect("a request line");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);
    assert_eq!(app.screen, tiendo::ui::Screen::Task);
    assert_eq!(app.detail.as_ref().unwrap().code, "1.5");
    assert!(has_text(&app, |s| s == "Yêu cầu của cấp trên"));
    assert!(has_text(&app, |s| s == "Thiếu biên bản họp"));
    assert!(has_text(&app, |s| s == "Chưa trả lời"));
    let mut ui = sim(&app);
    assert!(ui.find(|c: Candidate<'_>| matches!(c, Candidate::Text { content, .. } if content.starts_with("CUCHI, nhận lúc")).then_some(())).is_ok());
}

/// The parent's window: a cell of the status matrix opens the review dialog;
/// the dialog asks for a comment before a request for more is saved.
#[test]
fn the_review_dialog_opens_from_the_status_matrix() {
    use crate::ui::{feed, has_text, sim};
    use tiendo::ui::{Message, Screen, district, review, saving};
    let (_ant, _ap, d, _out) = merged();
    let mut app = tiendo::ui::App::new(d.ws, d.dir.path().to_owned(), Some(tiendo::i18n::Lang::Vi));
    app.ws.today = chrono::NaiveDate::from_ymd_opt(2023, 5, 15).unwrap();
    let _ = app.update(Message::Nav(Screen::District));
    let _ = app.update(Message::District(district::Message::Tab(district::Tab::Status)));
    let _ = app.update(Message::District(district::Message::Quarter(1)));
    assert!(app.district.data.cells.contains_key(&("1.5".to_owned(), "X-AP".to_owned())));
    let _ = app.update(Message::District(district::Message::Review("1.5".into(), "X-AP".into())));
    let r = app.review.as_ref().expect("the dialog is open");
    assert_eq!((r.unit.as_str(), r.task.as_str()), ("X-AP", "1.5"));
    assert!(has_text(&app, |s| s.starts_with("Nhận xét: ") && s.ends_with("— nhiệm vụ 1.5")));

    // Saving a request for more without a comment is refused in the dialog.
    let mut ui = sim(&app);
    ui.click("Lưu nhận xét").expect("save button");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);
    assert_eq!(app.review.as_ref().unwrap().error.as_deref(), Some("yêu cầu bổ sung cần ghi rõ nội dung cần bổ sung (nhận xét đang trống)"));
    let mut ui = sim(&app);
    ui.click(iced_test::selector::id(review::COMMENT_ID)).expect("comment box");
    ui.typewrite("Thiếu biên bản");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);
    let event = app.review.as_mut().unwrap().update(review::Message::Save, tiendo::i18n::Lang::Vi);
    let Some(review::Event::Save { unit, task, document, verdict, comment }) = event else { panic!("{event:?}") };
    assert_eq!((comment.as_str(), verdict, document), ("Thiếu biên bản", ReviewVerdict::NeedsMore, None));
    // What the save worker does with it.
    let done = saving::apply(&mut app.ws, &saving::Write::Review { unit, task, document: None, verdict, comment }).unwrap();
    assert_eq!(done, saving::Saved::Review { unit: "X-AP".into(), task: "1.5".into(), changed: true });
    assert_eq!(app.ws.reviews(Some("X-AP")).unwrap()[0].request.comment, "Thiếu biên bản");
    // The matrix marks the cell as waiting for the unit's answer.
    let _ = app.update(Message::District(district::Message::Quarter(1)));
    assert_eq!(app.district.data.reviewed.get(&("1.5".to_owned(), "X-AP".to_owned())), Some(&true));
    assert!(has_text(&app, |s| s == "⚑"));
}
