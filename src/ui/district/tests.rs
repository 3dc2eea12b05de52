use super::*;

fn merged(outcome: MergeOutcome) -> Merged {
    Merged { outcome, unit: "X-ANT".into(), period: "2023Q1".into(), sequence: 1, key_id: "00000000000000AB".into(), fingerprint: "0000-0000-0000-00AB".into(), other_trusted: None }
}

#[test]
fn accepting_a_key_needs_confirmation_and_replaces_its_quarantine_line() {
    let mut s = State::new(2023, 4);
    assert_eq!(s.event(Message::Quarter(1)), Some(Event::Reload));
    assert_eq!(s.quarters.period(), Period::quarter(2023, 1));
    let q1 = Period::quarter(2023, 1);
    let (file, dir) = (PathBuf::from("/tmp/ma-tran-2023Q1.xlsx"), PathBuf::from("/tmp/bien-nhan"));
    assert_eq!(
        s.update(Message::Chosen(Pick::Matrix(q1, MatrixFormat::Xlsx), vec![file.clone()]), Lang::Vi).1,
        Some(Event::Run(Work::Matrix { period: q1, format: MatrixFormat::Xlsx, file }))
    );
    assert_eq!(s.event(Message::ConsolidatedPdf), Some(Event::Run(Work::Document(Document::Consolidated, q1))));
    assert_eq!(s.update(Message::Chosen(Pick::Receipts(q1), vec![dir.clone()]), Lang::Vi).1, Some(Event::Run(Work::Receipts { period: q1, dir })));
    // Several bundles chosen at once are imported in the order chosen; a closed dialog asks nothing.
    let (a, b) = (PathBuf::from("/tmp/a.zip"), PathBuf::from("/tmp/b.zip"));
    assert_eq!(s.update(Message::Chosen(Pick::Bundles, vec![a.clone(), b.clone()]), Lang::Vi).1, Some(Event::Import(vec![a, b])));
    assert_eq!(s.update(Message::Chosen(Pick::Bundles, vec![]), Lang::Vi).1, None);
    let file = PathBuf::from("/in/X-ANT.zip");
    s.push_line(Line { file: file.clone(), result: Ok(merged(MergeOutcome::Quarantined)) });
    s.push_line(Line { file: PathBuf::from("/in/bad.zip"), result: Err("chữ ký không hợp lệ".into()) });
    let p = Pending { key_id: "00000000000000AB".into(), unit: "X-ANT".into(), file: Some(file.clone()), ..Pending::default() };
    assert_eq!(s.event(Message::ConfirmAccept), None, "nothing asked yet");
    assert_eq!(s.event(Message::AskAccept(p.clone())), None);
    let plan = crate::plan::builtin();
    assert!(s.dialog(&plan, Lang::Vi).is_some());
    assert_eq!(s.event(Message::CancelAccept), None);
    assert!(s.dialog(&plan, Lang::Vi).is_none());
    s.event(Message::AskAccept(p.clone()));
    assert_eq!(s.event(Message::ConfirmAccept), Some(Event::Accept(p)));
    // Merged again after the key was accepted: the quarantine line goes, the refusal stays.
    s.push_line(Line { file, result: Ok(merged(MergeOutcome::Merged)) });
    assert_eq!(s.lines.len(), 2);
    assert!(s.lines.iter().all(|l| !matches!(&l.result, Ok(m) if m.outcome == MergeOutcome::Quarantined)));
    assert_eq!(s.event(Message::ClearLines), None);
    assert!(s.lines.is_empty());
}

#[test]
fn a_key_card_without_a_unit_needs_a_unit_chosen() {
    let mut s = State::new(2023, 1);
    let key = crate::crypto::sign::SecretKey::from_parts([1; 8], [2; 32]).public();
    s.card = Some(Card { file: PathBuf::from("/in/k.pub"), key: key.clone(), query: String::new(), choice: None, other: OtherKey::default() });
    assert_eq!(s.event(Message::ConfirmCard), None);
    assert!(s.card.is_some());
    s.event(Message::CardQuery("an phu".into()));
    s.event(Message::CardUnit("X-AP".into()));
    assert_eq!(s.event(Message::ConfirmCard), Some(Event::Trust { unit: "X-AP".into(), key }));
    assert!(s.card.is_none());
}

#[test]
fn the_wheel_over_the_frozen_parts_scrolls_the_body_as_the_body_would() {
    use iced::mouse::ScrollDelta;
    // Over the unit column: three lines down moves the rows up by 180 pixels.
    assert_eq!(wheel_offset(ScrollDelta::Lines { x: 0.0, y: -3.0 }, false), scrollable::AbsoluteOffset { x: 0.0, y: 180.0 });
    assert_eq!(wheel_offset(ScrollDelta::Pixels { x: 0.0, y: 25.0 }, false), scrollable::AbsoluteOffset { x: 0.0, y: -25.0 });
    // Over the header: the wheel turns the columns, whichever way it turns.
    assert_eq!(wheel_offset(ScrollDelta::Lines { x: 0.0, y: -2.0 }, true), scrollable::AbsoluteOffset { x: 120.0, y: 0.0 });
    assert_eq!(wheel_offset(ScrollDelta::Pixels { x: -40.0, y: 0.0 }, true), scrollable::AbsoluteOffset { x: 40.0, y: 0.0 });
}
