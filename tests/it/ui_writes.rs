//! Every write the window makes runs on the save worker: while another
//! connection holds the database's write lock (a merge, an attachment being
//! copied in, the command line beside the window), choosing the unit,
//! editing the organisation, installing a plan, importing a receipt,
//! trusting or accepting a key and the first run's saves neither wait nor
//! fail on the window's thread; the window says "Đang lưu…" and the saves go
//! through once the lock is released. And a new key of a unit that already
//! has a trusted key is never accepted without a clear warning.

use std::path::Path;

use tiendo::bundle::MergeOutcome;
use tiendo::domain::{Period, Status, UnitKind};
use tiendo::i18n::Lang;
use tiendo::plan::import::Imported;
use tiendo::ui::{App, Message, Screen, clerk, district, first_run, org, plan_import, settings};
use tiendo::workspace::Workspace;

use crate::ui::{date, has_text};
use crate::ui_reports::{app_in, commune_bundle, drive, hold_write_lock, outcome};

const Q1: Period = Period { year: 2023, quarter: Some(1) };

/// The window did not write: nothing shown as failed, a save waiting.
fn queued(app: &App) {
    assert!(app.saves.busy(), "a save is waiting for the lock");
    assert!(app.notice.as_ref().is_none_or(|n| !n.error), "{:?}", app.notice);
}

/// Feeds `m` to the window, keeping what it returned to run later.
fn send(app: &mut App, tasks: &mut Vec<iced::Task<Message>>, m: Message) {
    tasks.push(app.update(m));
}

#[test]
fn the_unit_the_organisation_a_plan_and_a_receipt_are_saved_off_the_window_thread() {
    let out = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), "X-ANT");
    let db = app.ws.store().path().unwrap().to_owned();

    // The district merges this commune's bundle and writes its receipt;
    // the commune trusts the district's key (set up with the core).
    let ddir = tempfile::tempdir().unwrap();
    let mut district = Workspace::open(ddir.path()).unwrap();
    district.set_unit("CUCHI").unwrap();
    let bundle = out.path().join("X-ANT-2023Q1.zip");
    app.ws.export_bundle(Q1, &bundle, &mut |_, _| {}).unwrap();
    district.trust_key("X-ANT", &app.ws.signing_key().unwrap().public()).unwrap();
    district.merge_bundle(&bundle, false).unwrap();
    let receipts = district.write_receipts(&out.path().join("r"), Some(Q1)).unwrap();
    let receipt = receipts.iter().find(|p| p.to_string_lossy().contains("X-ANT")).unwrap().clone();
    app.ws.trust_key("CUCHI", &district.signing_key().unwrap().public()).unwrap();

    // A plan read from a file, waiting in the preview.
    let mut src = tiendo::plan::builtin_source();
    src.id = "KH-THU-2023".into();
    let plan = tiendo::plan::build(&src).unwrap();
    let imported = Imported { source: src, unparsed: vec![], unmatched: vec![], rows: vec![], targets_read: false };

    let (release, holder) = hold_write_lock(db);
    let mut tasks = vec![];
    // The receipt, dropped on Báo cáo & gửi.
    let _ = app.update(Message::Nav(Screen::Reports));
    send(&mut app, &mut tasks, Message::FileDropped(receipt));
    queued(&app);
    assert!(has_text(&app, |t| t == "Đang lưu…"));
    // Settings → Tổ chức: rename a unit.
    let _ = app.update(Message::Nav(Screen::Settings));
    let _ = app.update(Message::Settings(settings::Message::OpenOrg));
    for m in [org::Message::Pick("X-AP".into()), org::Message::Rename, org::Message::Name("Xã An Phú (mới)".into())] {
        let _ = app.update(Message::Org(m));
    }
    send(&mut app, &mut tasks, Message::Org(org::Message::Save));
    queued(&app);
    assert!(app.org.form.is_some(), "the form stays until the save is done");
    // The plan preview's "save".
    app.plan_preview = Some(plan_import::Preview { path: out.path().join("ke-hoach.xlsx"), imported, plan, diff: None, units: vec![] });
    send(&mut app, &mut tasks, Message::PlanImport(plan_import::Message::Accept));
    queued(&app);
    // Settings: another unit.
    let _ = app.update(Message::Nav(Screen::Settings));
    let _ = app.update(Message::Settings(settings::Message::ChangeUnit));
    let _ = app.update(Message::Settings(settings::Message::PickUnit("X-AP".into())));
    send(&mut app, &mut tasks, Message::Settings(settings::Message::ConfirmUnit));
    queued(&app);

    // Nothing is written yet, and the window reads what is stored.
    assert_eq!(app.ws.store().meta("unit").unwrap().as_deref(), Some("X-ANT"));
    assert_eq!(app.ws.unit.as_deref(), Some("X-ANT"));
    assert_ne!(app.ws.plan.id, "KH-THU-2023");
    assert!(app.ws.receipt_status(Q1).unwrap().is_none());

    let releaser = std::thread::spawn(move || {
        std::thread::sleep(tiendo::ui::saving::BUSY_WAIT * 3);
        release.send(()).unwrap();
    });
    let mut fed = vec![];
    for t in tasks {
        fed.extend(drive(&mut app, t));
    }
    releaser.join().unwrap();
    holder.join().unwrap();
    let saved: Vec<_> = fed.iter().filter(|m| matches!(m, Message::Saved(_))).collect();
    assert_eq!(saved.len(), 4, "{fed:?}");
    assert!(fed.iter().all(|m| !matches!(m, Message::Saved(Err(_)))), "{fed:?}");
    assert!(!app.saves.busy());

    // In the order made: the receipt (for X-ANT), the organisation, the plan, the unit.
    let stored = Workspace::open(dir.path()).unwrap();
    assert_eq!(stored.store().receipts_in("X-ANT").unwrap().len(), 1);
    assert_eq!(stored.org.unit("X-AP").unwrap().name, "Xã An Phú (mới)");
    assert_eq!(stored.plan.id, "KH-THU-2023");
    assert_eq!(stored.unit.as_deref(), Some("X-AP"));
    // The window reads them back.
    assert_eq!(app.ws.unit.as_deref(), Some("X-AP"));
    assert_eq!(app.ws.plan.id, "KH-THU-2023");
    assert_eq!(app.ws.org.unit("X-AP").unwrap().name, "Xã An Phú (mới)");
    assert!(app.org.form.is_none());
    assert_eq!(app.notice.as_ref().map(|n| (n.text.as_str(), n.error)), Some(("Đã chuyển sang đơn vị Xã An Phú (mới).", false)));
}

#[test]
fn the_first_run_saves_off_the_window_thread_and_shows_saving_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.today = date(2023, 10, 20);
    let db = ws.store().path().unwrap().to_owned();
    let mut app = App::new(ws, dir.path().to_owned(), Some(Lang::Vi));
    assert_eq!(app.screen, Screen::FirstRun);

    // A new organisation, its first unit typed by hand, while the lock is held.
    let (release, holder) = hold_write_lock(db.clone());
    let _ = app.update(Message::FirstRun(first_run::Message::Start(first_run::Start::NewOrg)));
    let _ = app.update(Message::FirstRun(first_run::Message::NewName("Ủy ban nhân dân xã Tân Phú".into())));
    let _ = app.update(Message::FirstRun(first_run::Message::NewKind(UnitKind::Government)));
    // A commune's committee: its offices of 2025 are offered, ticked.
    assert!(has_text(&app, |t| t.starts_with("Thêm sẵn các cơ quan chuyên môn")));
    assert!(has_text(&app, |t| t.contains("Phòng Văn hóa - Xã hội xã; Trung tâm Phục vụ hành chính công xã")));
    let task = app.update(Message::FirstRun(first_run::Message::CreateFirstUnit));
    queued(&app);
    assert!(has_text(&app, |t| t == "Đang lưu…"), "the first run says a save is under way");
    assert!(app.ws.org.units.len() > 1, "the example organisation until saved");
    release.send(()).unwrap();
    holder.join().unwrap();
    drive(&mut app, task);
    let code = app.ws.org.units[0].code.clone();
    assert_eq!(app.ws.org.units.len(), 5, "the committee and its four offices");
    assert!(app.ws.org.units[1..].iter().all(|u| u.parent.as_deref() == Some(code.as_str())));
    assert_eq!(app.first_run.start, first_run::Start::Example);
    assert!(!has_text(&app, |t| t == "Đang lưu…"));

    // The unit and the clerk's name: the dashboard opens once they are stored.
    let (release, holder) = hold_write_lock(db);
    let _ = app.update(Message::FirstRun(first_run::Message::Pick(code.clone())));
    let _ = app.update(Message::FirstRun(first_run::Message::Clerk(clerk::Message::Typed("Trần Văn Bình".into()))));
    let task = app.update(Message::FirstRun(first_run::Message::Confirm));
    queued(&app);
    assert_eq!(app.screen, Screen::FirstRun);
    assert!(app.ws.unit.is_none());
    release.send(()).unwrap();
    holder.join().unwrap();
    drive(&mut app, task);
    assert_eq!(app.screen, Screen::Dashboard);
    assert_eq!(app.ws.unit.as_deref(), Some(code.as_str()));
    let stored = Workspace::open(dir.path()).unwrap();
    assert_eq!((stored.unit.as_deref(), stored.operator.as_str()), (Some(code.as_str()), "Trần Văn Bình"));
}

#[test]
fn a_bad_units_file_at_first_run_is_shown_over_the_card() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let mut app = App::new(ws, dir.path().to_owned(), Some(Lang::Vi));
    let bad = dir.path().join("don-vi.csv");
    std::fs::write(&bad, "không phải bảng đơn vị\n").unwrap();
    let task = app.update(Message::FirstRun(first_run::Message::UnitsFileChosen(vec![bad])));
    drive(&mut app, task);
    let notice = app.notice.clone().expect("the error is kept");
    assert!(notice.error);
    assert_eq!(app.screen, Screen::FirstRun);
    assert!(has_text(&app, |t| t == notice.text), "shown on the first-run screen: {}", notice.text);
}

#[test]
fn trusting_a_card_and_accepting_a_key_are_saved_off_the_window_thread() {
    let out = tempfile::tempdir().unwrap();
    let (ap_zip, ap_card) = commune_bundle("X-AP", Status::Done, 100, out.path());
    let (cc_zip, _) = commune_bundle("TT-CC", Status::InProgress, 30, out.path());
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), "CUCHI");
    let _ = app.update(Message::Nav(Screen::District));
    let task = app.update(Message::District(district::Message::Chosen(district::Pick::Bundles, vec![cc_zip])));
    drive(&mut app, task);
    assert_eq!(outcome(&app, 0), Ok(MergeOutcome::Quarantined));
    let pending = district::Pending { key_id: app.district.lines[0].result.as_ref().unwrap().key_id.clone(), unit: "TT-CC".into(), file: Some(app.district.lines[0].file.clone()), ..Default::default() };

    let (release, holder) = hold_write_lock(app.ws.store().path().unwrap().to_owned());
    let mut tasks = vec![];
    send(&mut app, &mut tasks, Message::District(district::Message::Chosen(district::Pick::Card, vec![ap_card])));
    queued(&app);
    let _ = app.update(Message::District(district::Message::AskAccept(pending)));
    send(&mut app, &mut tasks, Message::District(district::Message::ConfirmAccept));
    queued(&app);
    assert!(app.ws.store().keys().unwrap().iter().all(|k| k.status != "trusted"));
    release.send(()).unwrap();
    holder.join().unwrap();
    for t in tasks {
        drive(&mut app, t);
    }
    let keys = app.ws.store().keys().unwrap();
    assert!(keys.iter().any(|k| k.unit == "X-AP" && k.status == "trusted"), "{keys:?}");
    assert!(keys.iter().any(|k| k.unit == "TT-CC" && k.status == "trusted"), "{keys:?}");
    // The held-back bundle was merged after the key was accepted.
    assert_eq!(outcome(&app, 0), Ok(MergeOutcome::Merged));
    let task = app.update(Message::District(district::Message::Chosen(district::Pick::Bundles, vec![ap_zip])));
    drive(&mut app, task);
    assert_eq!(outcome(&app, 1), Ok(MergeOutcome::Merged));
}

/// A second installation of `code` (a new key): its bundle and key card.
fn reinstalled(code: &str, out: &Path) -> (std::path::PathBuf, std::path::PathBuf, String) {
    let sub = out.join("cai-lai");
    std::fs::create_dir_all(&sub).unwrap();
    let (zip, card) = commune_bundle(code, Status::Done, 100, &sub);
    let key = tiendo::bundle::read_key_card(&card).unwrap().0.fingerprint();
    (zip, card, key)
}

#[test]
fn a_new_key_of_a_unit_with_a_trusted_key_is_warned_about_and_needs_a_phone_call() {
    let out = tempfile::tempdir().unwrap();
    let (_, ant_card) = commune_bundle("X-ANT", Status::Done, 100, out.path());
    let old = tiendo::bundle::read_key_card(&ant_card).unwrap().0.fingerprint();
    let (new_zip, _, new) = reinstalled("X-ANT", out.path());
    assert_ne!(old, new);
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), "CUCHI");
    let _ = app.update(Message::Nav(Screen::District));
    let task = app.update(Message::District(district::Message::Chosen(district::Pick::Card, vec![ant_card])));
    drive(&mut app, task);

    // The bundle of the new key: quarantined, and the line says it is not the trusted key.
    let task = app.update(Message::District(district::Message::Chosen(district::Pick::Bundles, vec![new_zip])));
    drive(&mut app, task);
    assert_eq!(outcome(&app, 0), Ok(MergeOutcome::Quarantined));
    assert_eq!(app.district.lines[0].result.as_ref().unwrap().other_trusted.as_deref(), Some(old.as_str()));
    assert!(has_text(&app, |t| t.starts_with("KHÓA MỚI") && t.contains(&new) && t.contains(&old)), "the line warns");

    // "Chấp nhận khóa" opens the warning with both fingerprints.
    let key_id = app.district.lines[0].result.as_ref().unwrap().key_id.clone();
    let file = app.district.lines[0].file.clone();
    let _ = app.update(Message::District(district::Message::AskAccept(district::Pending { key_id, unit: "X-ANT".into(), file: Some(file), ..Default::default() })));
    assert_eq!(app.district.confirm_accept.as_ref().unwrap().other.trusted.as_deref(), Some(old.as_str()));
    assert!(has_text(&app, |t| t == "Cảnh báo: đơn vị đã có khóa tin cậy khác"));
    assert!(has_text(&app, |t| t == old) && has_text(&app, |t| t == new));
    assert!(has_text(&app, |t| t == "Tôi đã gọi điện và đơn vị xác nhận khóa mới này"));
    // Not before the phone call is ticked.
    let task = app.update(Message::District(district::Message::ConfirmAccept));
    drive(&mut app, task);
    assert!(app.district.confirm_accept.is_some(), "still asking");
    assert!(!app.saves.busy());
    let trusted = |app: &App| app.ws.store().keys().unwrap().into_iter().filter(|k| k.unit == "X-ANT" && k.status == "trusted").count();
    assert_eq!(trusted(&app), 1);
    let _ = app.update(Message::District(district::Message::Called(true)));
    let task = app.update(Message::District(district::Message::ConfirmAccept));
    drive(&mut app, task);
    assert!(app.district.confirm_accept.is_none());
    assert_eq!(trusted(&app), 2);
    assert_eq!(outcome(&app, 0), Ok(MergeOutcome::Merged));

    // A key card with yet another key for X-ANT: not trusted silently.
    let (_, third_card, third) = reinstalled("X-ANT", &out.path().join("lan-3"));
    let task = app.update(Message::District(district::Message::Chosen(district::Pick::Card, vec![third_card])));
    drive(&mut app, task);
    assert_eq!(trusted(&app), 2, "asked first");
    let card = app.district.card.as_ref().expect("the card dialog");
    assert_eq!(card.choice.as_deref(), Some("X-ANT"));
    assert!(card.other.trusted.is_some());
    assert!(has_text(&app, |t| t == "Cảnh báo: đơn vị đã có khóa tin cậy khác") && has_text(&app, |t| t == third));
    let _ = app.update(Message::District(district::Message::ConfirmCard));
    assert!(app.district.card.is_some(), "not before the phone call");
    let _ = app.update(Message::District(district::Message::CancelCard));
    assert_eq!(trusted(&app), 2);
}
