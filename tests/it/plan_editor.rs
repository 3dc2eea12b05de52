//! The plan editor in the window (Settings → Kế hoạch), driven through
//! iced_test's simulator: add a task with a live deadline preview, delete,
//! reorder, targets, roll over a year and switch plans.

use iced_test::selector;
use tiendo::domain::Status;
use tiendo::progress::Change;
use tiendo::ui::{App, Message, Screen, plan_edit};

use iced_test::selector::Candidate;

use crate::ui::{app, feed, sim_sized};

/// Whether some text on a tall window (the whole form) satisfies `pred`.
fn has_text(app: &App, pred: impl Fn(&str) -> bool + Send) -> bool {
    let mut ui = sim_sized(app, (1366.0, 1400.0));
    ui.find(move |c: Candidate<'_>| match c {
        Candidate::Text { content, .. } if pred(content) => Some(()),
        _ => None,
    })
    .is_ok()
}

/// Clicks `label` (a text or a selector) and feeds what it produced.
fn click(app: &mut App, label: &'static str) {
    let mut ui = sim_sized(app, (1366.0, 1400.0));
    ui.click(label).unwrap_or_else(|e| panic!("{label}: {e:?}"));
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(app, msgs);
}

fn type_into(app: &mut App, id: &'static str, text: &str) {
    let mut ui = sim_sized(app, (1366.0, 1400.0));
    ui.click(selector::id(id)).unwrap_or_else(|e| panic!("{id}: {e:?}"));
    ui.typewrite(text);
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(app, msgs);
}

/// The window on the plan editor, for Xã An Nhơn Tây.
fn editor() -> App {
    let mut app = app(Some("X-ANT"));
    let _ = app.update(Message::Nav(Screen::Settings));
    click(&mut app, "Kế hoạch…");
    assert_eq!(app.screen, Screen::Plan);
    app
}

fn area_codes(app: &App, area: &str) -> Vec<String> {
    app.ws.plan.tasks.iter().filter(|t| t.area == area).map(|t| t.code.clone()).collect()
}

#[test]
fn adding_a_task_shows_its_dates_while_typing_then_lists_it() {
    let mut app = editor();
    app.plan_edit.selected = Some("1.6".into());
    click(&mut app, "+ Thêm nhiệm vụ");
    let code = app.plan_edit.form.as_ref().expect("a form").draft.code.clone();
    assert_eq!(code, "1.7", "the next free code of the selected task's area");

    type_into(&mut app, plan_edit::NAME_ID, "Tổ chức hội nghị sơ kết CCHC");
    // The lead: the picker searches without diacritics and offers units and groups.
    click(&mut app, "+ Thêm");
    type_into(&mut app, plan_edit::PICKER_ID, "tu phap");
    assert!(has_text(&app, |t| t == "Phòng Tư pháp"));
    click(&mut app, "Phòng Tư pháp");
    assert_eq!(app.plan_edit.form.as_ref().unwrap().draft.lead, vec!["Phòng Tư pháp".to_owned()]);

    // The deadline: its dates show at once, before anything is saved.
    type_into(&mut app, plan_edit::DEADLINE_ID, "Chậm nhất ngày 07 tháng cuối cùng của quý");
    assert!(has_text(&app, |t| t == "→ 07/03/2023, 07/06/2023, 07/09/2023, 07/12/2023"), "the preview lists the four dates");
    assert!(app.ws.plan.task("1.7").is_none(), "nothing saved yet");

    // A phrase the parser cannot read says so.
    let form = app.plan_edit.form.as_mut().unwrap();
    let kept = std::mem::replace(&mut form.draft.deadline, "sẽ báo sau".into());
    assert!(has_text(&app, |t| t.contains("không đọc được thời hạn này")));
    app.plan_edit.form.as_mut().unwrap().draft.deadline = kept;

    click(&mut app, "Lưu");
    let t = app.ws.plan.task("1.7").expect("saved into the plan");
    assert_eq!(t.description, "Tổ chức hội nghị sơ kết CCHC");
    assert_eq!(t.schedule.dates().len(), 4);
    assert!(t.lead.contains(&"PTP".to_owned()));
    assert_eq!(area_codes(&app, "1").last().map(String::as_str), Some("1.7"));
    assert!(app.plan_edit.form.is_none(), "the form closes");
    assert!(has_text(&app, |t| t == "1.7"), "the new task is listed");
    assert!(has_text(&app, |t| t.starts_with("Đã lưu kế hoạch")));
    // Stored with who made it.
    let log = app.ws.plan_edits(&app.ws.plan.id).unwrap();
    assert_eq!((log[0].op.as_str(), log[0].code.as_str(), log[0].by.as_str()), ("add-task", "1.7", "tester"));
    // …and listed under "Các kế hoạch".
    click(&mut app, "Các kế hoạch");
    assert!(has_text(&app, |t| t == "Thêm nhiệm vụ 1.7"));
}

#[test]
fn a_refused_task_shows_the_error_next_to_its_field_and_saves_nothing() {
    let mut app = editor();
    click(&mut app, "+ Thêm nhiệm vụ");
    let n = app.ws.plan.tasks.len();
    click(&mut app, "Lưu");
    assert!(has_text(&app, |t| t == "Chưa nhập nội dung."), "the empty text is named");
    type_into(&mut app, plan_edit::NAME_ID, "Việc mới");
    click(&mut app, "Lưu");
    assert!(has_text(&app, |t| t == "Cần ít nhất một cơ quan chủ trì."));
    // A code already used.
    app.plan_edit.form.as_mut().unwrap().draft.code = "1.1".into();
    app.plan_edit.form.as_mut().unwrap().draft.lead = vec!["Phòng Nội vụ".into()];
    app.plan_edit.form.as_mut().unwrap().draft.deadline = "Quý II".into();
    click(&mut app, "Lưu");
    assert!(has_text(&app, |t| t.contains("«1.1» đã có trong kế hoạch")));
    assert_eq!(app.ws.plan.tasks.len(), n);
}

#[test]
fn deleting_a_task_asks_first_and_keeps_its_progress() {
    let mut app = editor();
    app.ws.update_task("X-ANT", "2.4", &Change { status: Some(Status::InProgress), ..Default::default() }).unwrap();
    click(&mut app, "2.4");
    click(&mut app, "Xóa");
    assert!(app.ws.plan.task("2.4").is_some(), "the first click only asks");
    assert!(has_text(&app, |t| t.starts_with("Xóa nhiệm vụ 2.4 khỏi kế hoạch?")));
    click(&mut app, "Xóa");
    assert!(app.ws.plan.task("2.4").is_none());
    assert!(!has_text(&app, |t| t == "2.4"), "no longer listed");
    let state = app.ws.store().task_state(&app.ws.plan.id, "X-ANT", "2.4").unwrap();
    assert_eq!(state.status, Status::InProgress, "the progress stays in the database");
}

#[test]
fn the_arrows_reorder_within_an_area_and_across_its_end() {
    let mut app = editor();
    let before = area_codes(&app, "1");
    // The first ▼ is task 1.1's.
    click(&mut app, "▼");
    let after = area_codes(&app, "1");
    assert_eq!(after[0], before[1]);
    assert_eq!(after[1], before[0]);
    // ▲ on the first task of area 2 takes it to the end of area 1, code kept.
    let first2 = area_codes(&app, "2")[0].clone();
    let _ = app.update(Message::PlanEdit(plan_edit::Message::Move(first2.clone(), false)));
    assert_eq!(area_codes(&app, "1").last(), Some(&first2));
    assert_eq!(app.ws.plan.task(&first2).unwrap().area, "1");
}

#[test]
fn a_target_is_edited_with_its_comparator_value_and_reporters() {
    let mut app = editor();
    // (The sidebar has a "Chỉ tiêu" too: the tab by its message.)
    let _ = app.update(Message::PlanEdit(plan_edit::Message::Tab(plan_edit::Tab::Targets)));
    assert!(has_text(&app, |t| t == "+ Thêm chỉ tiêu"));
    let code = app.ws.plan.targets[0].code.clone();
    let communes_before = app.ws.plan.targets[0].applies_to.contains(&tiendo::domain::UnitKind::Commune);
    let _ = app.update(Message::PlanEdit(plan_edit::Message::SelectTarget(code.clone())));
    click(&mut app, "≤");
    let mut ui = sim_sized(&app, (1366.0, 1400.0));
    ui.click(selector::id(plan_edit::VALUE_ID)).unwrap();
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);
    app.plan_edit.target.as_mut().unwrap().value = "12,5".into();
    app.plan_edit.target.as_mut().unwrap().draft.kind = tiendo::domain::TargetKind::Value;
    app.plan_edit.target.as_mut().unwrap().draft.unit = "ngày".into();
    click(&mut app, "Xã, phường, đặc khu");
    click(&mut app, "Lưu");
    let t = app.ws.plan.target(&code).expect("still there");
    assert_eq!((t.comparator, t.value, t.unit.as_str()), (tiendo::domain::Comparator::Le, 12.5, "ngày"));
    assert_eq!(t.applies_to.contains(&tiendo::domain::UnitKind::Commune), !communes_before, "the chip toggles communes");
    // A value that is not a number stays in the form with the reason.
    let _ = app.update(Message::PlanEdit(plan_edit::Message::SelectTarget(code.clone())));
    app.plan_edit.target.as_mut().unwrap().value = "mười".into();
    click(&mut app, "Lưu");
    assert!(has_text(&app, |t| t.contains("«mười» không hợp lệ")));
}

#[test]
fn rolling_over_lists_what_is_carried_and_the_switcher_goes_back() {
    let mut app = editor();
    let done = app.ws.plan.assignments_of("X-ANT")[0].0.code.clone();
    app.ws.update_task("X-ANT", &done, &Change { status: Some(Status::Done), ..Default::default() }).unwrap();
    click(&mut app, "Các kế hoạch");
    assert!(has_text(&app, |t| t == "Đang dùng"));
    click(&mut app, "Tạo kế hoạch năm 2024");
    assert_eq!(app.ws.plan.year, 2024);
    let rolled = app.plan_edit.rolled.clone().expect("the carried-over list");
    assert_eq!(rolled.year, 2024);
    assert!(!rolled.unfinished.is_empty());
    assert!(rolled.unfinished.iter().all(|(code, _, units)| !code.is_empty() && !units.is_empty()));
    assert!(has_text(&app, |t| t.starts_with("Kế hoạch năm 2024 đã tạo và đang dùng")));
    // The header says which plan and year; the new plan has no number until its decision gives one.
    assert!(app.ws.plan.number.is_empty());
    assert!(has_text(&app, |t| t == "Kế hoạch (chưa có số) · năm 2024"));
    let _ = app.update(Message::PlanEdit(plan_edit::Message::HeaderNumber("15/KH-UBND".into())));
    click(&mut app, "Lưu");
    assert_eq!(app.ws.plan.number, "15/KH-UBND");
    assert!(has_text(&app, |t| t == "Kế hoạch 15/KH-UBND · năm 2024"));
    // The switcher lists both; going back to 2023 keeps its progress.
    assert_eq!(app.plan_edit.plans.len(), 2);
    click(&mut app, "Dùng kế hoạch này");
    assert_eq!(app.ws.plan.year, 2023);
    assert!(has_text(&app, |t| t == "Kế hoạch 221/QĐ-UBND · năm 2023"));
    assert_eq!(app.ws.store().task_state(&app.ws.plan.id, "X-ANT", &done).unwrap().status, Status::Done);
    // The same year again is refused with a window's reason.
    click(&mut app, "Tạo kế hoạch năm 2024");
    assert!(has_text(&app, |t| t.starts_with("Đã có kế hoạch năm 2024")));
    assert_eq!(app.ws.plan.year, 2023);
}

#[test]
fn a_plan_without_areas_gets_its_first_area_then_a_task() {
    let mut app = app(Some("X-ANT"));
    let empty = tiendo::org::empty_plan(&app.ws.org, crate::ui::date(2026, 1, 5)).unwrap();
    app.ws.install_plan(&empty).unwrap();
    let _ = app.update(Message::Nav(Screen::Settings));
    click(&mut app, "Kế hoạch…");
    assert!(has_text(&app, |t| t.starts_with("Kế hoạch chưa có lĩnh vực nào")));
    click(&mut app, "+ Thêm lĩnh vực");
    assert_eq!(app.plan_edit.area.as_ref().unwrap().code, "I");
    let _ = app.update(Message::PlanEdit(plan_edit::Message::AreaTitle("Công tác chỉ đạo, điều hành".into())));
    click(&mut app, "Lưu");
    assert_eq!(app.ws.plan.areas.len(), 1);
    assert!(has_text(&app, |t| t == "I. Công tác chỉ đạo, điều hành"));
    click(&mut app, "+ Thêm nhiệm vụ");
    assert_eq!(app.plan_edit.form.as_ref().unwrap().draft.code, "I.1");
    type_into(&mut app, plan_edit::NAME_ID, "Ban hành kế hoạch CCHC năm 2026");
    let f = app.plan_edit.form.as_mut().unwrap();
    f.draft.lead = vec!["Xã An Nhơn Tây".into()];
    f.draft.deadline = "Quý I năm 2026".into();
    click(&mut app, "Lưu");
    let t = app.ws.plan.task("I.1").expect("the first task");
    assert_eq!(t.lead, vec!["X-ANT".to_owned()]);
    assert_eq!(t.schedule.dates(), vec![crate::ui::date(2026, 3, 31)]);
}
