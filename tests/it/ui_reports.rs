//! The reports and consolidation screens, headless: a commune exports its
//! signed bundle from the window; a district imports bundles (one job per
//! file, as in the window), accepts a key after confirming its fingerprint,
//! sees the matrices, and a tampered bundle is refused with its reason.

use std::path::{Path, PathBuf};

use iced::Task;
use iced::futures::StreamExt;
use iced_test::runtime::Action;
use iced_test::selector;
use tiendo::bundle::{self, KeySource, MergeOutcome};
use tiendo::views::Completeness;
use tiendo::domain::{Figure, Period, Status};
use tiendo::i18n::Lang;
use tiendo::progress::Change;
use tiendo::ui::jobs::JobMsg;
use tiendo::ui::{App, Message, Screen, district, reports};
use tiendo::workspace::Workspace;

use crate::ui::{date, feed, has_text, sim};

const Q1: Period = Period { year: 2023, quarter: Some(1) };

/// An app on a database in `dir` (bundles need a data folder for the key).
pub(crate) fn app_in(dir: &Path, unit: &str) -> App {
    let mut ws = Workspace::open(dir).unwrap();
    ws.today = date(2023, 10, 20);
    ws.operator = "tester".into();
    ws.set_unit(unit).unwrap();
    App::new(ws, dir.to_owned(), Some(Lang::Vi))
}

/// Runs what `update` returned (the worker jobs) to the end, feeding every
/// message back into `update` and running what that returns in turn.
/// Returns the messages fed.
pub(crate) fn drive(app: &mut App, task: Task<Message>) -> Vec<Message> {
    let mut fed = vec![];
    let Some(stream) = iced_test::runtime::task::into_stream(task) else { return fed };
    for action in iced::futures::executor::block_on(stream.collect::<Vec<_>>()) {
        if let Action::Output(m) = action {
            fed.push(m.clone());
            let next = app.update(m);
            fed.extend(drive(app, next));
        }
    }
    fed
}

/// Clicks `target` on screen and feeds what it produced; returns those messages.
fn click<S>(app: &mut App, target: S) -> Vec<Message>
where
    S: iced_test::Selector + Send,
    S::Output: iced_test::selector::Bounded + Clone + Send + Sync + 'static,
{
    let mut ui = sim(app);
    ui.click(target).expect("on screen");
    let msgs: Vec<Message> = ui.into_messages().collect();
    feed(app, msgs.clone());
    msgs
}

/// Clicks `target` and runs to the end what the click started (saves, jobs).
fn click_and_drive(app: &mut App, target: &'static str) {
    let mut ui = sim(app);
    ui.click(target).expect("on screen");
    let msgs: Vec<Message> = ui.into_messages().collect();
    for m in msgs {
        let task = app.update(m);
        drive(app, task);
    }
}

#[test]
fn a_commune_exports_its_signed_bundle_from_the_reports_screen() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), "X-ANT");
    app.ws.update_task("X-ANT", "1.5", &Change { status: Some(Status::Done), progress: Some(100), ..Default::default() }).unwrap();
    let _ = app.update(Message::Nav(Screen::Reports));
    assert_eq!(app.screen, Screen::Reports);
    let pk = app.ws.signing_key().unwrap().public();
    assert!(has_text(&app, |t| t == pk.fingerprint()), "the unit's fingerprint is shown");
    assert!(has_text(&app, |t| t == "Chưa xuất gói báo cáo nào."));

    // The chosen quarter goes to the export; the button asks where to save.
    let _ = app.update(Message::Reports(reports::Message::Quarter(1)));
    let msgs = click(&mut app, "Xuất gói báo cáo");
    assert!(matches!(msgs.as_slice(), [Message::Reports(reports::Message::ExportBundle)]), "{msgs:?}");
    assert_eq!(reports::bundle_file_name(&app.ws, app.lang, Q1).unwrap(), "X-ANT-2023Q1-lan-1.zip");

    // The save dialog answered: the export runs on the worker with progress.
    let path = out.path().join("X-ANT-2023Q1-lan-1.zip");
    let task = app.update(Message::Reports(reports::Message::Chosen(reports::Pick::Bundle(Q1), vec![path.clone()])));
    assert!(app.job.is_some(), "a job is running while the bundle is written");
    let fed = drive(&mut app, task);
    assert!(app.job.is_none());
    let total = fed.iter().find_map(|m| if let Message::Job(JobMsg::Total(n)) = m { Some(*n) } else { None }).expect("total reported");
    assert!(fed.iter().any(|m| matches!(m, Message::Job(JobMsg::Progress(n)) if *n == total)), "progress reaches the total");

    let v = bundle::verify(&path, &KeySource::Given(pk.clone())).unwrap();
    assert_eq!((v.manifest.unit_code.as_str(), v.manifest.period.as_str(), v.manifest.sequence), ("X-ANT", "2023Q1", 1));
    let last = app.reports.last.clone().expect("result shown");
    assert_eq!((last.path.as_path(), last.sequence, last.files, last.fingerprint.as_str()), (path.as_path(), 1, v.manifest.files.len(), pk.fingerprint().as_str()));
    assert!(has_text(&app, |t| t == path.display().to_string()));
    assert!(has_text(&app, |t| t == "Mở thư mục chứa gói"));
    assert!(!app.notice.as_ref().unwrap().error);
    // The history lists it, and the next export is number 2.
    assert_eq!(app.reports.exports.len(), 1);
    assert!(has_text(&app, |t| t == "lần 1"));
    assert_eq!(reports::bundle_file_name(&app.ws, app.lang, Q1).unwrap(), "X-ANT-2023Q1-lan-2.zip");

    // The public key card: what the district registers.
    let card = out.path().join("khoa-X-ANT.pub");
    // Written by a job, not by the window's thread.
    let task = app.update(Message::Reports(reports::Message::Chosen(reports::Pick::KeyCard, vec![card.clone()])));
    assert!(app.job.is_some() && !card.exists());
    drive(&mut app, task);
    assert!(app.job.is_none());
    assert!(app.notice.as_ref().is_some_and(|n| !n.error && n.text.contains(&pk.fingerprint())), "{:?}", app.notice);
    assert_eq!(bundle::read_key_card(&card).unwrap(), (pk, Some("X-ANT".to_owned())));
}

/// A commune's bundle for Q1 and its key card, made with the core.
pub(crate) fn commune_bundle(code: &str, status: Status, progress: u8, out: &Path) -> (PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.set_unit(code).unwrap();
    ws.update_task(code, "1.5", &Change { status: Some(status), progress: Some(progress), ..Default::default() }).unwrap();
    ws.set_figure(code, "3.1.a", Q1, Figure { numerator: 45.0, denominator: 50.0 }).unwrap();
    let zip = out.join(format!("{code}-2023Q1-lan-1.zip"));
    ws.export_bundle(Q1, &zip, &mut |_, _| {}).unwrap();
    let card = out.join(format!("{code}.pub"));
    ws.export_key_card(&card).unwrap();
    (zip, card)
}

#[test]
fn the_district_imports_bundles_accepts_a_key_and_refuses_a_tampered_one() {
    let out = tempfile::tempdir().unwrap();
    let (ant, ant_card) = commune_bundle("X-ANT", Status::Done, 100, out.path());
    let (ap, _) = commune_bundle("X-AP", Status::InProgress, 60, out.path());
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), "CUCHI");
    assert!(app.is_district());
    let _ = app.update(Message::Nav(Screen::District));
    assert!(has_text(&app, |t| t == "Tổng hợp"));

    // X-ANT's key is registered from its card (on the save worker); X-AP's is not.
    let task = app.update(Message::District(district::Message::Chosen(district::Pick::Card, vec![ant_card])));
    drive(&mut app, task);
    assert_eq!(app.ws.store().keys().unwrap().len(), 1);

    let task = app.update(Message::District(district::Message::Chosen(district::Pick::Bundles, vec![ant.clone(), ap.clone()])));
    drive(&mut app, task);
    assert!(app.job.is_none() && app.district.queue.is_empty());
    assert_eq!(app.district.lines.len(), 2);
    assert_eq!(outcome(&app, 0), Ok(MergeOutcome::Merged));
    assert_eq!(outcome(&app, 1), Ok(MergeOutcome::Quarantined));
    assert!(has_text(&app, |t| t.starts_with("đã hợp nhất: Xã An Nhơn Tây")));
    let fp = app.district.lines[1].result.as_ref().unwrap().fingerprint.clone();
    assert!(has_text(&app, |t| t.contains(&fp) && t.contains("đã cách ly")));

    // Accepting asks first, showing the fingerprint; then the held bundle is merged.
    click(&mut app, "Chấp nhận khóa");
    assert!(app.district.confirm_accept.is_some());
    assert!(has_text(&app, |t| t == fp));
    let mut ui = sim(&app);
    ui.click(selector::id(district::CONFIRM_ID)).expect("confirm button");
    let msgs: Vec<Message> = ui.into_messages().collect();
    assert!(matches!(msgs.as_slice(), [Message::District(district::Message::ConfirmAccept)]), "{msgs:?}");
    for m in msgs {
        let task = app.update(m);
        drive(&mut app, task);
    }
    assert_eq!(app.district.lines.len(), 2, "the quarantine line is replaced by the merge");
    assert_eq!(outcome(&app, 1), Ok(MergeOutcome::Merged));

    // Completeness: both received in Q1 (made now, long after 2023: late), with their sequence.
    let row = |code: &str| app.district.data.completeness.iter().find(|r| r.unit == code).unwrap().quarters.clone();
    for code in ["X-ANT", "X-AP"] {
        assert!(matches!(row(code)[0], Completeness::Received { sequence: 1 } | Completeness::Late { sequence: 1 }), "{code}: {:?}", row(code));
    }
    assert_eq!(row("TT-CC")[0], Completeness::Missing);
    assert_eq!(row("TT-CC")[3], Completeness::NotDue);
    assert!(has_text(&app, |t| t == "Nộp muộn · lần 1" || t == "Đã nhận · lần 1"));

    // The status matrix of Q1 shows what each reported.
    let _ = app.update(Message::District(district::Message::Quarter(1)));
    let _ = app.update(Message::District(district::Message::Tab(district::Tab::Status)));
    let cell = |u: &str| app.district.data.cells.get(&("1.5".to_owned(), u.to_owned())).map(|m| m.status.clone());
    assert_eq!(cell("X-ANT").as_deref(), Some("done"));
    assert_eq!(cell("X-AP").as_deref(), Some("in_progress"));
    assert!(has_text(&app, |t| t == "Hoàn thành"));
    assert!(has_text(&app, |t| t == "Đang thực hiện 60%"));
    // X-ANT reported 1.5 done without evidence.
    assert!(app.district.data.missing.iter().any(|m| m.unit == "X-ANT" && m.task == "1.5"));
    // District KPIs sum the two communes' figures.
    let f = app.district.data.kpis.iter().find(|k| k.target.code == "3.1.a").unwrap().figure;
    assert_eq!(f.map(|f| (f.numerator, f.denominator)), Some((90.0, 100.0)));

    // The matrix as an Excel workbook, from its button; a name typed without
    // an extension gets ".xlsx".
    let xlsx = tiendo::report::MatrixFormat::Xlsx;
    click(&mut app, "Xuất Excel (.xlsx)");
    let task = app.update(Message::District(district::Message::Chosen(district::Pick::Matrix(Q1, xlsx), vec![out.path().join("ma-tran-quy-1")])));
    drive(&mut app, task);
    let notice = app.notice.clone().unwrap();
    assert!(!notice.error && notice.text.contains("ma-tran-quy-1.xlsx"), "{}", notice.text);
    let bytes = std::fs::read(out.path().join("ma-tran-quy-1.xlsx")).unwrap();
    let status = tiendo::plan::xlsx::read_sheet(&bytes, "Ma trận trạng thái").unwrap();
    let r = status.iter().position(|r| r[0] == "1.5").unwrap();
    let ap_column = status[0].iter().position(|c| c == "Xã An Phú").unwrap();
    assert_eq!(status[r][ap_column], "Đang thực hiện (60%)");

    // A tampered bundle: refused with its reason in red, nothing changed.
    let before = app.ws.store().merged_digest().unwrap();
    let tampered = flip_byte_in_report(&ap, out.path());
    let task = app.update(Message::FileDropped(tampered));
    drive(&mut app, task);
    let last = app.district.lines.last().unwrap();
    let reason = last.result.clone().expect_err("refused");
    assert!(reason.contains("report.pdf"), "{reason}");
    assert!(has_text(&app, |t| t == format!("TỪ CHỐI: {reason}")));
    assert_eq!(app.ws.store().merged_digest().unwrap(), before);
}

pub(crate) fn outcome(app: &App, i: usize) -> Result<MergeOutcome, String> {
    app.district.lines[i].result.as_ref().map(|m| m.outcome.clone()).map_err(Clone::clone)
}

/// A copy of `zip` with one byte of its stored report.pdf changed.
fn flip_byte_in_report(zip: &Path, out: &Path) -> PathBuf {
    let mut bytes = std::fs::read(zip).unwrap();
    let start = {
        let mut z = ::zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
        z.by_name(bundle::REPORT).unwrap().data_start().unwrap() as usize
    };
    bytes[start + 100] ^= 0x20;
    let p = out.join("sua-doi.zip");
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn a_clerk_sets_a_passphrase_and_must_unlock_before_exporting() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), "X-ANT");
    let _ = app.update(Message::Nav(Screen::Reports));
    let pk = app.ws.public_key().unwrap();
    assert!(has_text(&app, |t| t.starts_with("Khóa ký chưa có mật khẩu")));

    // Set: the form opens, the two entries must match before saving.
    click(&mut app, "Đặt mật khẩu…");
    assert!(app.reports.changing);
    feed(&mut app, vec![
        Message::Reports(reports::Message::NewPassphrase("mật khẩu An Nhơn Tây".into())),
        Message::Reports(reports::Message::RepeatPassphrase("mật khẩu An Nhơn".into())),
    ]);
    assert!(has_text(&app, |t| t == "hai lần nhập mật khẩu không giống nhau"));
    let task = app.update(Message::Reports(reports::Message::SavePassphrase));
    assert!(drive(&mut app, task).is_empty(), "nothing saved while they differ");
    assert!(!app.ws.key_protected().unwrap());
    let _ = app.update(Message::Reports(reports::Message::RepeatPassphrase("mật khẩu An Nhơn Tây".into())));
    let task = app.update(Message::Reports(reports::Message::SavePassphrase));
    drive(&mut app, task);
    assert!(app.ws.key_protected().unwrap());
    assert!(app.reports.protected && app.reports.unlocked && !app.reports.changing);
    assert!(app.reports.new_passphrase.is_empty() && app.reports.repeat_passphrase.is_empty(), "typed text is not kept");

    // Locked again (as after a restart): exporting is not offered until unlocked.
    click(&mut app, "Khóa lại");
    assert!(app.ws.passphrase.is_none() && app.reports.locked());
    assert!(has_text(&app, |t| t.starts_with("Mở khóa ký")));
    let msgs = click(&mut app, "Xuất gói báo cáo");
    assert!(msgs.is_empty(), "the export button is disabled: {msgs:?}");

    // A wrong passphrase: a clear error, still locked.
    let _ = app.update(Message::Reports(reports::Message::Passphrase("sai mật khẩu rồi".into())));
    let task = app.update(Message::Reports(reports::Message::Unlock));
    drive(&mut app, task);
    let notice = app.notice.as_ref().unwrap();
    assert!(notice.error && notice.text.contains("mật khẩu khóa ký không đúng"), "{}", notice.text);
    assert!(app.reports.locked());

    // The right one unlocks; the export signs with the same key.
    let _ = app.update(Message::Reports(reports::Message::Passphrase("mật khẩu An Nhơn Tây".into())));
    let task = app.update(Message::Reports(reports::Message::Unlock));
    drive(&mut app, task);
    assert!(!app.reports.locked() && app.reports.passphrase.is_empty());
    let path = out.path().join("X-ANT-2023Q1-lan-1.zip");
    let task = app.update(Message::Reports(reports::Message::Chosen(reports::Pick::Bundle(Q1), vec![path.clone()])));
    drive(&mut app, task);
    assert!(!app.notice.as_ref().unwrap().error, "{:?}", app.notice);
    bundle::verify(&path, &KeySource::Given(pk)).unwrap();
}

#[test]
fn several_files_dropped_at_once_are_attached_one_after_another_with_one_summary() {
    let dir = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), "X-ANT");
    app.open_task("1.5");
    assert_eq!(app.screen, Screen::Task);
    let a = files.path().join("Biên bản họp.pdf");
    let b = files.path().join("Ảnh chụp.jpg");
    std::fs::write(&a, vec![1u8; 300_000]).unwrap();
    std::fs::write(&b, vec![2u8; 200_000]).unwrap();
    let missing = files.path().join("Đã xóa.pdf");

    // The window gets one event per file, in quick succession.
    let first = app.update(Message::FileDropped(a.clone()));
    assert_eq!(app.job.as_ref().map(|j| j.label.as_str()), Some("Đang đính kèm Biên bản họp.pdf…"));
    let _ = app.update(Message::FileDropped(b.clone()));
    let _ = app.update(Message::FileDropped(missing.clone()));
    assert_eq!(app.evidence.waiting.len(), 2, "queued, not refused as busy");
    assert_eq!(app.notice.as_ref().map(|n| n.text.as_str()), Some("Đã xếp hàng: 2 tệp đang chờ đính kèm."));

    let fed = drive(&mut app, first);
    let jobs_finished = fed.iter().filter(|m| matches!(m, Message::Job(JobMsg::Finished(_)))).count();
    assert_eq!(jobs_finished, 3, "one job per file");
    assert!(app.job.is_none() && app.evidence.waiting.is_empty());
    let attached: Vec<String> = app.ws.store().evidence_list(&app.ws.plan.id, "X-ANT", Some("1.5")).unwrap().into_iter().map(|e| e.file_name).collect();
    assert_eq!(attached.len(), 2, "{attached:?}");
    assert!(attached.contains(&"Biên bản họp.pdf".to_owned()) && attached.contains(&"Ảnh chụp.jpg".to_owned()));
    let notice = app.notice.as_ref().unwrap();
    assert!(notice.error, "the failure stays in view");
    assert!(notice.text.starts_with("Đã đính kèm 2 tệp; 1 tệp không đính kèm được: «Đã xóa.pdf»: "), "{}", notice.text);

    // A batch of two that works says so once.
    let c = files.path().join("c.pdf");
    std::fs::write(&c, b"%PDF-1.4 c").unwrap();
    let d = files.path().join("d.pdf");
    std::fs::write(&d, b"%PDF-1.4 d").unwrap();
    let task = app.update(Message::Detail(tiendo::ui::task_detail::Message::FilesChosen(vec![c, d])));
    drive(&mut app, task);
    let notice = app.notice.as_ref().unwrap();
    assert!(!notice.error && notice.text == "Đã đính kèm 2 tệp.", "{}", notice.text);
}

#[test]
fn the_daily_backup_at_start_runs_beside_the_window_and_settings_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), "X-ANT");
    assert_eq!(app.last_backup, None);
    let fed = drive(&mut app, tiendo::ui::auto_backup(dir.path().to_owned(), Lang::Vi));
    assert!(matches!(fed.as_slice(), [Message::AutoBackup(Ok(true))]), "{fed:?}");
    let backups = tiendo::store::backup::list_backups(&dir.path().join("backups")).unwrap();
    assert_eq!(backups.len(), 1, "{backups:?}");
    let shown = app.last_backup.clone().expect("the time is read when the backup ends");
    let _ = app.update(Message::Nav(Screen::Settings));
    assert!(has_text(&app, |t| t == shown));
    // The same day again: nothing to do, nothing said.
    let fed = drive(&mut app, tiendo::ui::auto_backup(dir.path().to_owned(), Lang::Vi));
    assert!(matches!(fed.as_slice(), [Message::AutoBackup(Ok(false))]), "{fed:?}");
    assert!(app.notice.is_none());
}

#[test]
fn settings_shows_the_second_backup_place_and_reminds_after_a_week_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), "X-ANT");
    let scan = dir.path().join("Biên bản.pdf");
    std::fs::write(&scan, b"%PDF-1.4 bien ban").unwrap();
    app.ws.add_evidence("X-ANT", "1.5", &scan, &Default::default(), &mut |_| true).unwrap();
    let reminder = |t: &str| t.starts_with("Đã hơn 7 ngày chưa sao lưu vào nơi thứ hai");
    let _ = app.update(Message::Nav(Screen::Settings));
    assert!(has_text(&app, |t| t == "Chưa chọn"), "no place chosen yet");
    assert!(!has_text(&app, reminder), "no place, no reminder");

    // The clerk chooses the USB drive: never written there, so the reminder shows.
    let task = app.update(Message::Settings(tiendo::ui::settings::Message::Chosen(tiendo::ui::settings::Pick::Place, vec![usb.path().to_owned()])));
    drive(&mut app, task);
    let shown = usb.path().display().to_string();
    assert!(has_text(&app, |t| t == shown));
    assert!(app.backup_place.overdue && has_text(&app, reminder));

    // "Back up there now": a generation and its evidence land on the drive.
    assert!(has_text(&app, |t| t == "Sao lưu vào đó ngay"));
    let task = app.update(Message::Settings(tiendo::ui::settings::Message::PlaceWrite));
    drive(&mut app, task);
    let notice = app.notice.clone().unwrap();
    assert!(!notice.error && notice.text.starts_with("Đã sao lưu vào nơi thứ hai: "), "{}", notice.text);
    let gens = tiendo::store::backup::list_backups(usb.path()).unwrap();
    assert_eq!(gens.len(), 1, "{gens:?}");
    let info = tiendo::store::backup::inspect_backup(&gens[0]).unwrap();
    assert_eq!((info.evidence_files, info.evidence_bytes), (1, 17));
    assert!(app.backup_place.written.is_some());

    // A fixed clock: written on 13 October, today is 20 October (7 days) — remind;
    // written on 14 October (6 days) — not yet.
    app.ws.store().set_meta("backup_place_written", "2023-10-14T16:30:00").unwrap();
    let _ = app.update(Message::Nav(Screen::Settings));
    assert!(!app.backup_place.overdue && !has_text(&app, reminder));
    assert!(has_text(&app, |t| t.contains("14/10/2023")), "the time it was last written is shown");
    app.ws.store().set_meta("backup_place_written", "2023-10-13T16:30:00").unwrap();
    let _ = app.update(Message::Nav(Screen::Settings));
    assert!(app.backup_place.overdue && has_text(&app, reminder));
    // The window opened on such a folder says so at once.
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.today = date(2023, 10, 20);
    let reopened = App::new(ws, dir.path().to_owned(), Some(Lang::Vi));
    assert!(reopened.notice.as_ref().is_some_and(|n| reminder(&n.text)));
    // Forgetting the place stops the reminder.
    let task = app.update(Message::Settings(tiendo::ui::settings::Message::PlaceForget));
    drive(&mut app, task);
    assert!(!app.backup_place.overdue && has_text(&app, |t| t == "Chưa chọn"));
}

#[test]
fn a_clerk_corrects_a_document_number_on_the_task_page() {
    let dir = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), "X-ANT");
    app.open_task("1.5");
    let f = files.path().join("Quyết định.pdf");
    std::fs::write(&f, b"%PDF-1.4 qd").unwrap();
    let _ = app.update(Message::Detail(tiendo::ui::task_detail::Message::DocNumber("15/QD-UBDN".into())));
    let task = app.update(Message::FileDropped(f));
    drive(&mut app, task);
    assert!(has_text(&app, |t| t.contains("15/QD-UBDN")));

    click(&mut app, "Sửa");
    assert!(app.detail.as_ref().unwrap().editing.is_some());
    let _ = app.update(Message::Detail(tiendo::ui::task_detail::Message::EditNumber("15/QĐ-UBND".into())));
    // The save runs on the worker; its end comes back to the window.
    click_and_drive(&mut app, "Lưu thay đổi");
    let stored = app.ws.store().evidence_list(&app.ws.plan.id, "X-ANT", Some("1.5")).unwrap();
    assert_eq!(stored[0].doc_number, "15/QĐ-UBND");
    assert!(has_text(&app, |t| t.contains("15/QĐ-UBND")) && !has_text(&app, |t| t.contains("15/QD-UBDN")));
    assert_eq!(app.notice.as_ref().map(|n| n.text.as_str()), Some("Đã sửa thông tin của «Quyết định.pdf»."));
}

/// Holds the database's write lock from another connection (as a merge or
/// the command line does) until `release` says so.
pub(crate) fn hold_write_lock(db: PathBuf) -> (std::sync::mpsc::Sender<()>, std::thread::JoinHandle<()>) {
    let (taken_tx, taken_rx) = std::sync::mpsc::channel();
    let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
    let h = std::thread::spawn(move || {
        let conn = rusqlite::Connection::open(db).unwrap();
        conn.execute_batch("BEGIN IMMEDIATE; UPDATE meta SET value = value WHERE key = 'unit';").unwrap();
        taken_tx.send(()).unwrap();
        let _ = release_rx.recv();
        conn.execute_batch("COMMIT").unwrap();
    });
    taken_rx.recv().unwrap();
    (release_tx, h)
}

#[test]
fn saves_leave_the_window_free_while_another_writer_holds_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), "X-ANT");
    let db = app.ws.store().path().unwrap().to_owned();
    app.open_task("1.6");
    let (release, holder) = hold_write_lock(db);

    // A status chip and a KPI figure while the lock is held: the window's
    // thread does not write, so it neither waits nor fails.
    let task = app.update(Message::Detail(tiendo::ui::task_detail::Message::Status(Status::Done)));
    assert!(app.saves.busy());
    assert!(app.detail.as_ref().unwrap().error.is_none());
    assert!(has_text(&app, |t| t == "Đang lưu…"), "the window says a save is under way");
    assert_ne!(app.ws.store().task_state(&app.ws.plan.id, "X-ANT", "1.6").unwrap().status, Status::Done);
    let _ = app.update(Message::Nav(Screen::Kpis));
    let _ = app.update(Message::Kpis(tiendo::ui::kpis::Message::Quarter(2)));
    let rate = app.kpis.rows.iter().find(|r| r.target.kind == tiendo::domain::TargetKind::Rate).unwrap().target.code.clone();
    let _ = app.update(Message::Kpis(tiendo::ui::kpis::Message::Num(rate.clone(), "3".into())));
    let _ = app.update(Message::Kpis(tiendo::ui::kpis::Message::Den(rate.clone(), "4".into())));
    // Queued behind the first save: it starts when that one ends.
    let queued = app.update(Message::Kpis(tiendo::ui::kpis::Message::Save(rate.clone())));
    assert!(app.kpis.error.is_none());
    drop(queued);

    // The worker waits in short steps and tries again: released a while
    // later (longer than one wait), the saves go through.
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(tiendo::ui::saving::BUSY_WAIT * 4);
        release.send(()).unwrap();
    });
    let fed = drive(&mut app, task);
    releaser.join().unwrap();
    holder.join().unwrap();
    assert!(fed.iter().any(|m| matches!(m, Message::Saved(Ok(_)))), "{fed:?}");
    assert_eq!(app.ws.store().task_state(&app.ws.plan.id, "X-ANT", "1.6").unwrap().status, Status::Done);
    let figures = app.ws.store().figures(&app.ws.plan.id).unwrap();
    assert!(figures.iter().any(|(t, u, p, f)| *t == rate && u == "X-ANT" && *p == Period::quarter(2023, 2) && *f == Figure { numerator: 3.0, denominator: 4.0 }), "{figures:?}");
    assert!(!app.saves.busy());
    assert!(app.notice.as_ref().is_some_and(|n| !n.error), "{:?}", app.notice);
}

#[test]
fn the_matrix_export_and_a_restore_run_off_the_window_thread() {
    let out = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), "CUCHI");
    // The matrix: a job writes it; a name typed without extension gets one.
    let task = app.update(Message::District(district::Message::Chosen(district::Pick::Matrix(Q1, tiendo::report::MatrixFormat::Csv), vec![out.path().join("ma-tran")])));
    assert!(app.job.is_some());
    let csv = out.path().join("ma-tran.csv");
    assert!(!csv.exists());
    drive(&mut app, task);
    assert!(app.job.is_none());
    assert!(std::fs::read_to_string(&csv).unwrap().contains("1.5"), "{}", std::fs::read_to_string(&csv).unwrap());
    assert!(app.notice.as_ref().is_some_and(|n| !n.error), "{:?}", app.notice);

    // A restore: the job puts the backup in place and reopens the workspace.
    let backup = out.path().join("truoc.sqlite3");
    app.ws.backup_now(Some(&backup)).unwrap();
    app.ws.store().set_meta("theme", "dark").unwrap();
    let task = app.update(Message::Settings(tiendo::ui::settings::Message::Restore));
    drop(task);
    app.settings.confirm_restore = Some(backup.clone());
    let task = app.update(Message::Settings(tiendo::ui::settings::Message::ConfirmRestore));
    assert!(app.job.is_some());
    drive(&mut app, task);
    assert!(app.job.is_none());
    assert_eq!(app.notice.as_ref().map(|n| n.text.as_str()), Some("Đã khôi phục dữ liệu từ bản sao lưu."));
    assert_eq!(app.ws.store().meta("theme").unwrap(), None, "the change after the backup is gone");
    // The reopened workspace has the real today, not the one the window opened with.
    assert_eq!(app.ws.today, tiendo::clock::today());
    assert_eq!(app.ws.operator, "tester");
}

/// The export offers the split for e-mail with a size the user picks; the
/// district selects the parts (in any order, with another bundle) and the
/// window merges them as one bundle.
#[test]
fn a_bundle_split_for_e_mail_in_the_window_is_merged_from_its_selected_parts() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), "X-ANT");
    let scan = out.path().join("Biên bản kiểm tra.pdf");
    let mut x: u32 = 7;
    let bytes: Vec<u8> = (0..400_000).map(|_| {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        (x >> 8) as u8
    }).collect();
    std::fs::write(&scan, &bytes).unwrap();
    app.ws.add_evidence("X-ANT", "1.5", &scan, &Default::default(), &mut |_| true).unwrap();
    let _ = app.update(Message::Nav(Screen::Reports));
    assert!(has_text(&app, |t| t == "Chia nhỏ để gửi thư điện tử"));
    assert!(has_text(&app, |t| t.starts_with("Mặc định chỉ gửi tài liệu mới")));
    // (the radio buttons and the checkbox draw their own labels: chosen by message)
    let _ = app.update(Message::Reports(reports::Message::Split(reports::Split::Custom)));
    let _ = app.update(Message::Reports(reports::Message::CustomMb("0,15".into())));
    let msgs = click(&mut app, "Xuất gói báo cáo");
    assert!(matches!(msgs.as_slice(), [Message::Reports(reports::Message::ExportBundle)]), "{msgs:?}");

    let path = out.path().join("X-ANT-2023Q1-lan-1.zip");
    let task = app.update(Message::Reports(reports::Message::Chosen(reports::Pick::Bundle(Q1), vec![path.clone()])));
    drive(&mut app, task);
    let last = app.reports.last.clone().expect("result shown");
    assert!(last.parts >= 3, "{last:?}");
    assert!(!path.exists(), "split: no whole bundle beside the parts");
    let parts: Vec<PathBuf> = (1..=last.parts).map(|i| out.path().join(format!("X-ANT-2023Q1-lan-1.part{i}of{}.zip", last.parts))).collect();
    for p in &parts {
        assert!(std::fs::metadata(p).unwrap().len() <= 150_000);
    }
    assert!(app.notice.as_ref().unwrap().text.contains(&format!("thành {} phần", last.parts)), "{:?}", app.notice);

    // The district selects the parts, reversed, with another commune's bundle.
    let (ap, ap_card) = commune_bundle("X-AP", Status::InProgress, 60, out.path());
    let ddir = tempfile::tempdir().unwrap();
    let mut d = app_in(ddir.path(), "CUCHI");
    let _ = d.update(Message::Nav(Screen::District));
    // (trusting a key is a save on the worker: driven to its end)
    let task = d.update(Message::District(district::Message::Chosen(district::Pick::Card, vec![ap_card])));
    drive(&mut d, task);
    let mut picked: Vec<PathBuf> = parts.iter().rev().cloned().collect();
    picked.insert(1, ap);
    let task = d.update(Message::District(district::Message::Chosen(district::Pick::Bundles, picked)));
    drive(&mut d, task);
    assert!(d.job.is_none() && d.district.queue.is_empty());
    assert_eq!(d.district.lines.len(), 2, "one line per bundle: {:?}", d.district.lines);
    // X-ANT's key is not registered yet: its bundle (all parts) waits for a person.
    assert_eq!(outcome(&d, 0), Ok(MergeOutcome::Quarantined));
    assert_eq!(outcome(&d, 1), Ok(MergeOutcome::Merged));
    click(&mut d, "Chấp nhận khóa");
    let mut ui = sim(&d);
    ui.click(selector::id(district::CONFIRM_ID)).expect("confirm button");
    let msgs: Vec<Message> = ui.into_messages().collect();
    for m in msgs {
        let task = d.update(m);
        drive(&mut d, task);
    }
    assert!(d.district.lines.iter().any(|l| matches!(&l.result, Ok(m) if m.unit == "X-ANT" && m.outcome == MergeOutcome::Merged)), "{:?}", d.district.lines);
    let ev = d.ws.store().merged_evidence(&d.ws.plan.id).unwrap();
    assert!(ev.iter().any(|e| e.unit == "X-ANT" && e.file_name == "Biên bản kiểm tra.pdf" && e.size == 400_000));

    // Parts dropped on the window together (one event each, while the first merge runs)
    // make one merge of the whole bundle.
    let d2dir = tempfile::tempdir().unwrap();
    let mut d2 = app_in(d2dir.path(), "CUCHI");
    let _ = d2.update(Message::Nav(Screen::District));
    d2.ws.trust_key("X-ANT", &app.ws.signing_key().unwrap().public()).unwrap();
    let tasks: Vec<_> = parts.iter().rev().map(|p| d2.update(Message::FileDropped(p.clone()))).collect();
    for t in tasks {
        drive(&mut d2, t);
    }
    assert_eq!(d2.district.lines.len(), 1, "{:?}", d2.district.lines);
    assert_eq!(outcome(&d2, 0), Ok(MergeOutcome::Merged));

    // A part alone is refused, naming what is missing.
    let task = d.update(Message::District(district::Message::Chosen(district::Pick::Bundles, vec![parts[0].clone()])));
    drive(&mut d, task);
    let line = d.district.lines.last().unwrap();
    assert!(matches!(&line.result, Err(r) if r.contains("còn thiếu phần 2")), "{:?}", line.result);
}
