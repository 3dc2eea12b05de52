use super::*;
use crate::domain::Status;
use crate::progress::Change;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn draft(code: &str, area: &str, deadline: &str) -> TaskDraft {
    TaskDraft {
        code: code.into(),
        area: area.into(),
        description: "Rà soát quy trình nội bộ".into(),
        products: vec!["Báo cáo".into()],
        lead: vec!["Phòng Nội vụ".into()],
        coordinating: vec!["UBND các xã, thị trấn".into()],
        deadline: deadline.into(),
        manual_dates: vec![],
    }
}

fn ws() -> Workspace {
    let mut ws = Workspace::in_memory().unwrap();
    ws.operator = "Chị Lan".into();
    ws
}

fn codes_of(ws: &Workspace, area: &str) -> Vec<String> {
    ws.plan.tasks.iter().filter(|t| t.area == area).map(|t| t.code.clone()).collect()
}

#[test]
fn adding_a_task_places_it_last_in_its_area_and_reads_its_deadline() {
    let mut ws = ws();
    let n = ws.plan.tasks.len();
    let e = ws.edit_plan(&PlanEdit::AddTask(draft("1.9", "1", "Chậm nhất ngày 07 tháng cuối cùng của quý"))).unwrap();
    assert_eq!(e.changes[0].op, "add-task");
    assert_eq!(ws.plan.tasks.len(), n + 1);
    assert_eq!(codes_of(&ws, "1").last().map(String::as_str), Some("1.9"));
    let t = ws.plan.task("1.9").unwrap();
    assert_eq!(t.schedule.dates(), vec![day(2023, 3, 7), day(2023, 6, 7), day(2023, 9, 7), day(2023, 12, 7)]);
    assert!(t.lead.contains(&"PNV".to_owned()), "{:?}", t.lead);
    assert!(t.coordinating.iter().all(|c| c.starts_with("X-") || c.starts_with("TT")), "{:?}", t.coordinating);
    // Its assignments exist: the lead can record progress at once.
    ws.update_task("PNV", "1.9", &Change { status: Some(Status::InProgress), ..Default::default() }).unwrap();
    // The area comes right after the tasks of area 1, before area 2.
    let pos = |c: &str| ws.plan.tasks.iter().position(|t| t.code == c).unwrap();
    assert!(pos("1.9") < pos("2.1"));
    // Recorded: who, what.
    let log = ws.plan_edits(&ws.plan.id.clone()).unwrap();
    assert_eq!((log[0].op.as_str(), log[0].code.as_str(), log[0].by.as_str()), ("add-task", "1.9", "Chị Lan"));
}

#[test]
fn bad_tasks_are_refused_with_the_field_at_fault() {
    let src = crate::plan::builtin_source();
    let org = None;
    let err = |d: TaskDraft| apply(&src, &PlanEdit::AddTask(d), org).unwrap_err();
    let e = err(TaskDraft { description: "  ".into(), ..draft("1.9", "1", "Quý I") });
    assert_eq!((e.field, e.error.key), (Field::Description, "err-edit-name-empty"));
    let e = err(draft("1.1", "1", "Quý I"));
    assert_eq!((e.field, e.error.key), (Field::Code, "err-edit-code-taken"));
    let e = err(draft("", "1", "Quý I"));
    assert_eq!((e.field, e.error.key), (Field::Code, "err-edit-code-empty"));
    let e = err(draft("1 9", "1", "Quý I"));
    assert_eq!((e.field, e.error.key), (Field::Code, "err-edit-code-bad"));
    let e = err(draft("1.9", "99", "Quý I"));
    assert_eq!((e.field, e.error.key), (Field::Area, "err-edit-unknown-area"));
    let e = err(TaskDraft { lead: vec![" ".into()], ..draft("1.9", "1", "Quý I") });
    assert_eq!((e.field, e.error.key), (Field::Lead, "err-edit-lead-empty"));
    let e = err(TaskDraft { coordinating: vec!["Bộ Ngoại giao".into()], ..draft("1.9", "1", "Quý I") });
    assert_eq!((e.field, e.error.key), (Field::Coordinating, "err-unknown-agency"));
    let e = err(TaskDraft { lead: vec!["Sở Không Có".into()], ..draft("1.9", "1", "Quý I") });
    assert_eq!(e.field, Field::Lead);
    let e = err(draft("1.9", "1", ""));
    assert_eq!((e.field, e.error.key), (Field::Deadline, "err-edit-deadline-empty"));
    let e = err(TaskDraft { manual_dates: vec![day(2031, 1, 1)], ..draft("1.9", "1", "") });
    assert_eq!((e.field, e.error.key), (Field::ManualDates, "err-edit-date-far"));
    // Every message exists in both languages and names the problem.
    for key in ["err-edit-name-empty", "err-edit-code-taken", "err-edit-deadline-empty"] {
        let vi = crate::i18n::ta(crate::i18n::Lang::Vi, key, &[("code", "1.1".into())]);
        assert!(!vi.contains(key), "{key}: {vi}");
    }
    let e = apply(&src, &PlanEdit::DeleteTask { code: "9.9".into() }, org).unwrap_err();
    assert_eq!((e.field, e.error.key), (Field::Whole, "err-unknown-task"));
}

#[test]
fn manual_dates_replace_the_reading_of_the_cell() {
    let mut ws = ws();
    let d = TaskDraft { manual_dates: vec![day(2023, 8, 20), day(2023, 5, 2)], ..draft("1.9", "1", "theo tiến độ của dự án") };
    ws.edit_plan(&PlanEdit::AddTask(d)).unwrap();
    let t = ws.plan.task("1.9").unwrap();
    assert_eq!(t.schedule.dates(), vec![day(2023, 5, 2), day(2023, 8, 20)]);
    assert!(!t.schedule.unparsed);
    assert_eq!(t.deadline_text, "theo tiến độ của dự án");
    // Stored with the task: read back the same.
    let src = ws.store.plan_source(&ws.plan.id).unwrap();
    assert_eq!(src.tasks.iter().find(|t| t.code == "1.9").unwrap().manual_dates, vec!["2023-05-02", "2023-08-20"]);
    // Without manual dates the cell is read again.
    let code = "1.9".to_owned();
    let mut d2 = TaskDraft::of(src.tasks.iter().find(|t| t.code == "1.9").unwrap());
    d2.manual_dates.clear();
    d2.deadline = "Quý III".into();
    ws.edit_plan(&PlanEdit::UpdateTask { code, task: d2 }).unwrap();
    assert_eq!(ws.plan.task("1.9").unwrap().schedule.dates(), vec![day(2023, 9, 30)]);
}

#[test]
fn a_plan_without_manual_dates_keeps_its_hash() {
    let src = crate::plan::builtin_source();
    let json = serde_json::to_string(&src).unwrap();
    assert!(!json.contains("manual_dates"));
}

#[test]
fn updating_a_task_keeps_progress_and_a_new_code_carries_it() {
    let mut ws = ws();
    let done = Change { status: Some(Status::Done), ..Default::default() };
    ws.update_task("PNV", "1.1", &done).unwrap();
    let src = ws.store.plan_source(&ws.plan.id).unwrap();
    let mut d = TaskDraft::of(src.tasks.iter().find(|t| t.code == "1.1").unwrap());
    d.description = "Ban hành kế hoạch CCHC (sửa)".into();
    let e = ws.edit_plan(&PlanEdit::UpdateTask { code: "1.1".into(), task: d.clone() }).unwrap();
    assert_eq!(e.changes.len(), 1);
    assert_eq!((e.changes[0].field, e.changes[0].new.as_str()), ("description", "Ban hành kế hoạch CCHC (sửa)"));
    assert_eq!(ws.store.task_state(&ws.plan.id, "PNV", "1.1").unwrap().status, Status::Done);
    // Another code: the progress goes with it.
    d.code = "1.1a".into();
    ws.edit_plan(&PlanEdit::UpdateTask { code: "1.1".into(), task: d.clone() }).unwrap();
    assert!(ws.plan.task("1.1").is_none());
    assert_eq!(ws.store.task_state(&ws.plan.id, "PNV", "1.1a").unwrap().status, Status::Done);
    // A code another task has is refused, nothing changes.
    d.code = "1.2".into();
    let e = ws.edit_plan(&PlanEdit::UpdateTask { code: "1.1a".into(), task: d }).unwrap_err();
    assert_eq!(e.key, "err-edit-code-taken");
    assert!(ws.plan.task("1.1a").is_some());
    // Untouched tasks keep their progress too.
    let log = ws.plan_edits(&ws.plan.id.clone()).unwrap();
    assert!(log.iter().any(|r| r.field == "code" && r.old == "1.1" && r.new == "1.1a"));
}

#[test]
fn deleting_a_task_hides_it_and_adding_it_back_brings_its_progress() {
    let mut ws = ws();
    ws.update_task("PNV", "1.2", &Change { progress: Some(40), ..Default::default() }).unwrap();
    let src = ws.store.plan_source(&ws.plan.id).unwrap();
    let old = TaskDraft::of(src.tasks.iter().find(|t| t.code == "1.2").unwrap());
    ws.edit_plan(&PlanEdit::DeleteTask { code: "1.2".into() }).unwrap();
    assert!(ws.plan.task("1.2").is_none());
    assert!(ws.rows("PNV", &Default::default()).unwrap().iter().all(|r| r.task.code != "1.2"));
    ws.edit_plan(&PlanEdit::AddTask(old)).unwrap();
    assert_eq!(ws.store.task_state(&ws.plan.id, "PNV", "1.2").unwrap().progress, 40);
    let e = ws.edit_plan(&PlanEdit::DeleteTask { code: "1.2x".into() }).unwrap_err();
    assert_eq!(e.key, "err-unknown-task");
}

#[test]
fn moving_a_task_within_and_across_areas() {
    let mut ws = ws();
    let before = codes_of(&ws, "1");
    assert!(before.len() >= 3);
    let last = before.last().unwrap().clone();
    ws.edit_plan(&PlanEdit::MoveTask { code: last.clone(), area: "1".into(), index: 0 }).unwrap();
    assert_eq!(codes_of(&ws, "1")[0], last);
    assert_eq!(codes_of(&ws, "1").len(), before.len());
    // To area 2, second place; its code stays.
    ws.update_task("PNV", "1.1", &Change { progress: Some(30), ..Default::default() }).unwrap();
    ws.edit_plan(&PlanEdit::MoveTask { code: "1.1".into(), area: "2".into(), index: 1 }).unwrap();
    assert_eq!(codes_of(&ws, "2")[1], "1.1");
    assert_eq!(ws.plan.task("1.1").unwrap().area, "2");
    assert_eq!(ws.store.task_state(&ws.plan.id, "PNV", "1.1").unwrap().progress, 30);
    // Past the end: last.
    ws.edit_plan(&PlanEdit::MoveTask { code: "1.1".into(), area: "2".into(), index: 999 }).unwrap();
    assert_eq!(codes_of(&ws, "2").last().map(String::as_str), Some("1.1"));
    let e = ws.edit_plan(&PlanEdit::MoveTask { code: "1.1".into(), area: "42".into(), index: 0 }).unwrap_err();
    assert_eq!(e.key, "err-edit-unknown-area");
    let log = ws.plan_edits(&ws.plan.id.clone()).unwrap();
    assert!(log.iter().any(|r| r.op == "move-task" && r.old == "1 #2" && r.new == "2 #2"), "{log:?}");
}

fn target(code: &str) -> TargetDraft {
    TargetDraft {
        code: code.into(),
        text: "Tỷ lệ hồ sơ trực tuyến toàn trình".into(),
        kind: TargetKind::Rate,
        comparator: Comparator::Ge,
        value: 80.0,
        unit: "%".into(),
        numerator: "hồ sơ trực tuyến".into(),
        denominator: "hồ sơ".into(),
        applies_to: vec![UnitKind::Commune],
    }
}

#[test]
fn targets_add_update_delete_and_figures_follow_the_code() {
    let mut ws = ws();
    let n = ws.plan.targets.len();
    ws.edit_plan(&PlanEdit::AddTarget(target("9.1"))).unwrap();
    assert_eq!(ws.plan.targets.len(), n + 1);
    let t = ws.plan.targets.last().unwrap();
    assert_eq!((t.code.as_str(), t.comparator, t.value, t.applies_to.clone()), ("9.1", Comparator::Ge, 80.0, vec![UnitKind::Commune]));
    ws.set_figure("X-ANT", "9.1", crate::domain::Period::quarter(2023, 1), crate::domain::Figure { numerator: 8.0, denominator: 10.0 }).unwrap();
    let mut d = target("9.2");
    d.comparator = Comparator::Le;
    d.value = 5.0;
    let e = ws.edit_plan(&PlanEdit::UpdateTarget { code: "9.1".into(), target: d }).unwrap();
    assert!(e.changes.iter().any(|c| c.field == "comparator" && c.old == ">=" && c.new == "<="));
    let rows = ws.kpi_rows("X-ANT", crate::domain::Period::quarter(2023, 1)).unwrap();
    assert!(rows.iter().any(|r| r.target.code == "9.2" && r.figure.is_some()), "the figure follows the new code");
    // Bad values.
    let mut bad = |f: &dyn Fn(&mut TargetDraft)| {
        let mut d = target("9.3");
        f(&mut d);
        ws.edit_plan(&PlanEdit::AddTarget(d)).unwrap_err().key
    };
    assert_eq!(bad(&|d| d.value = f64::NAN), "err-edit-value");
    assert_eq!(bad(&|d| d.value = -1.0), "err-edit-value");
    assert_eq!(bad(&|d| d.value = 120.0), "err-edit-rate-over");
    assert_eq!(bad(&|d| { d.kind = TargetKind::YesNo; d.value = 2.0 }), "err-edit-yes-no");
    assert_eq!(bad(&|d| { d.kind = TargetKind::Value; d.unit = String::new() }), "err-edit-unit-empty");
    assert_eq!(bad(&|d| d.text = String::new()), "err-edit-name-empty");
    assert_eq!(bad(&|d| d.code = "9.2".into()), "err-edit-code-taken");
    ws.edit_plan(&PlanEdit::DeleteTarget { code: "9.2".into() }).unwrap();
    assert_eq!(ws.plan.targets.len(), n);
    assert_eq!(ws.edit_plan(&PlanEdit::DeleteTarget { code: "9.2".into() }).unwrap_err().key, "err-unknown-target");
}

#[test]
fn areas_are_added_renamed_and_deleted_when_empty() {
    // A new organisation starts on a plan without areas or tasks.
    let mut ws = ws();
    let org = ws.store.org().unwrap();
    let empty = crate::org::empty_plan(&org, day(2026, 1, 5)).unwrap();
    ws.install_plan(&empty).unwrap();
    assert!(ws.plan.areas.is_empty());
    ws.edit_plan(&PlanEdit::AddArea { code: "I".into(), title: "Công tác chỉ đạo, điều hành".into() }).unwrap();
    ws.edit_plan(&PlanEdit::AddTask(TaskDraft { code: "I.1".into(), area: "I".into(), ..draft("", "", "Quý I năm 2026") })).unwrap();
    assert_eq!(ws.plan.task("I.1").unwrap().schedule.dates(), vec![day(2026, 3, 31)]);
    ws.edit_plan(&PlanEdit::RenameArea { code: "I".into(), title: "Chỉ đạo, điều hành".into() }).unwrap();
    assert_eq!(ws.plan.areas[0].title, "Chỉ đạo, điều hành");
    let e = ws.edit_plan(&PlanEdit::DeleteArea { code: "I".into() }).unwrap_err();
    assert_eq!(e.key, "err-edit-area-not-empty");
    let e = ws.edit_plan(&PlanEdit::AddArea { code: "I".into(), title: "X".into() }).unwrap_err();
    assert_eq!(e.key, "err-edit-code-taken");
    let src = ws.store.plan_source(&ws.plan.id).unwrap();
    let e = apply(&src, &PlanEdit::AddArea { code: "II".into(), title: " ".into() }, None).unwrap_err();
    assert_eq!((e.field, e.error.key), (Field::AreaTitle, "err-edit-name-empty"));
    ws.edit_plan(&PlanEdit::DeleteTask { code: "I.1".into() }).unwrap();
    ws.edit_plan(&PlanEdit::DeleteArea { code: "I".into() }).unwrap();
    assert!(ws.plan.areas.is_empty());
}

#[test]
fn the_header_takes_the_new_decision_number() {
    let mut ws = ws();
    let year = ws.plan.year;
    let r = ws.rollover(year + 1, None, None).unwrap();
    assert!(r.plan.number.is_empty());
    let e = ws
        .edit_plan(&PlanEdit::Header { number: " 15/KH-UBND ".into(), date: day(year + 1, 1, 20), title: "Kế hoạch CCHC năm 2024".into() })
        .unwrap();
    assert_eq!(e.changes.iter().map(|c| c.field).collect::<Vec<_>>(), ["number", "date", "title"]);
    assert_eq!((ws.plan.number.as_str(), ws.plan.date), ("15/KH-UBND", day(year + 1, 1, 20)));
    let bad = |h: PlanEdit| apply(&ws.store.plan_source(&ws.plan.id).unwrap(), &h, None).unwrap_err();
    let e = bad(PlanEdit::Header { number: String::new(), date: day(year + 1, 1, 1), title: " ".into() });
    assert_eq!((e.field, e.error.key), (Field::Header, "err-edit-title-empty"));
    let e = bad(PlanEdit::Header { number: String::new(), date: day(year + 5, 1, 1), title: "X".into() });
    assert_eq!((e.field, e.error.key), (Field::Header, "err-edit-date-far"));
}

#[test]
fn group_phrases_come_from_the_plan_and_the_organisation() {
    let ws = ws();
    let src = ws.store.plan_source(&ws.plan.id).unwrap();
    let org = ws.store.org().unwrap();
    let groups = group_phrases(&src, (!org.is_empty()).then_some(&org));
    assert!(groups.len() >= 2, "{groups:?}");
    // A commune group lists the communes.
    let (_, communes) = groups.iter().find(|(p, _)| crate::text::fold(p).contains("xa")).expect("a commune group");
    assert!(communes.iter().all(|c| ws.plan.unit(c).is_some()));
    assert!(communes.iter().any(|c| c == "X-ANT"));
    // Each phrase resolves when written in a task.
    let (p, _) = &groups[0];
    let d = TaskDraft { lead: vec![p.clone()], ..draft("1.9", "1", "Quý II") };
    assert!(apply(&src, &PlanEdit::AddTask(d), (!org.is_empty()).then_some(&org)).is_ok());
}
