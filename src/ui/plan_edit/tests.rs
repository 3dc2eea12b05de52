use super::*;

fn state() -> (State, Org) {
    let src = crate::plan::builtin_source();
    let org = Org::from_plan_units(&src.id, &src.units).unwrap();
    let mut s = State::default();
    s.load(src, &org, vec![], vec![]);
    (s, org)
}

#[test]
fn a_new_task_gets_the_next_code_and_a_bad_one_stays_in_the_form() {
    let (mut s, org) = state();
    s.event(Message::Select("2.1".into()), &org, Lang::Vi);
    s.event(Message::Cancel, &org, Lang::Vi);
    s.event(Message::New, &org, Lang::Vi);
    let f = s.form.clone().unwrap();
    assert_eq!((f.draft.area.as_str(), f.original), ("2", None));
    assert!(!crate::plan::builtin_source().tasks.iter().any(|t| t.code == f.draft.code), "{}", f.draft.code);
    // Nothing typed: the name is missing, shown next to its field.
    assert_eq!(s.event(Message::Save, &org, Lang::Vi), None);
    assert_eq!(s.error.as_ref().map(|(f, _)| *f), Some(Field::Description));
    s.event(Message::Name(text_editor::Action::Edit(text_editor::Edit::Paste(std::sync::Arc::new("Rà soát văn bản".into())))), &org, Lang::Vi);
    assert_eq!(s.form.as_ref().unwrap().draft.description, "Rà soát văn bản");
    s.event(Message::OpenPicker(Role::Lead), &org, Lang::Vi);
    s.event(Message::Pick("Phòng Tư pháp".into()), &org, Lang::Vi);
    s.event(Message::Deadline("Quý II".into()), &org, Lang::Vi);
    let Some(Event::Save(PlanEdit::AddTask(d))) = s.event(Message::Save, &org, Lang::Vi) else { panic!("a save") };
    assert_eq!(d.lead, vec!["Phòng Tư pháp".to_owned()]);
    assert!(s.busy);
    assert_eq!(s.event(Message::Save, &org, Lang::Vi), None, "one save at a time");
}

#[test]
fn moving_up_at_the_top_of_an_area_goes_to_the_end_of_the_one_before() {
    let (mut s, org) = state();
    let src = s.source.clone().unwrap();
    let first2 = src.tasks.iter().find(|t| t.area == "2").unwrap().code.clone();
    assert_eq!(s.event(Message::Move(first2.clone(), false), &org, Lang::Vi), Some(Event::Save(PlanEdit::MoveTask { code: first2, area: "1".into(), index: usize::MAX })));
    s.busy = false;
    let last1 = src.tasks.iter().filter(|t| t.area == "1").last().unwrap().code.clone();
    assert_eq!(s.event(Message::Move(last1.clone(), true), &org, Lang::Vi), Some(Event::Save(PlanEdit::MoveTask { code: last1, area: "2".into(), index: 0 })));
}

#[test]
fn area_codes_follow_the_plan_s_numbering() {
    let mut src = crate::plan::builtin_source();
    assert_eq!(next_area_code(&src), "8", "the built-in plan numbers its areas 1..7");
    src.areas.clear();
    assert_eq!(next_area_code(&src), "I");
    src.areas.push(crate::plan::source::AreaSource { code: "I".into(), title: "A".into() });
    src.areas.push(crate::plan::source::AreaSource { code: "II".into(), title: "B".into() });
    assert_eq!(next_area_code(&src), "III");
}

#[test]
fn numbers_are_read_as_typed() {
    assert_eq!(parse_number("98,5"), Some(98.5));
    assert_eq!(parse_number(" 100 "), Some(100.0));
    assert_eq!(parse_number("1.234,5"), Some(1234.5));
    assert_eq!(parse_number("mười"), None);
    let (mut s, org) = state();
    s.event(Message::NewTarget, &org, Lang::Vi);
    s.event(Message::TargetText("Tỷ lệ".into()), &org, Lang::Vi);
    s.event(Message::TargetValue("chín mươi".into()), &org, Lang::Vi);
    assert_eq!(s.event(Message::Save, &org, Lang::Vi), None);
    assert_eq!(s.error.as_ref().map(|(f, _)| *f), Some(Field::TargetValue));
    assert!(s.error.as_ref().unwrap().1.contains("chín mươi"));
}
