use super::*;

fn merged(outcome: MergeOutcome) -> Merged {
    Merged { outcome, unit: "X-ANT".into(), period: "2023Q1".into(), sequence: 1, key_id: "00000000000000AB".into(), fingerprint: "0000-0000-0000-00AB".into(), other_trusted: None }
}

#[test]
fn accepting_a_key_needs_confirmation_and_replaces_its_quarantine_line() {
    let mut s = State::new(2023, 4);
    assert_eq!(s.update(Message::Quarter(1)), Some(Event::Reload));
    assert_eq!(s.quarters.period(), Period::quarter(2023, 1));
    assert_eq!(s.update(Message::ExportMatrix(MatrixFormat::Csv)), Some(Event::SaveMatrix(Period::quarter(2023, 1), MatrixFormat::Csv)));
    assert_eq!(s.update(Message::ExportMatrix(MatrixFormat::Xlsx)), Some(Event::SaveMatrix(Period::quarter(2023, 1), MatrixFormat::Xlsx)));
    assert_eq!(s.update(Message::ConsolidatedPdf), Some(Event::OpenConsolidated(Period::quarter(2023, 1))));
    assert_eq!(s.update(Message::SendReceipts), Some(Event::SendReceipts(Period::quarter(2023, 1))));
    let file = PathBuf::from("/in/X-ANT.zip");
    s.push_line(Line { file: file.clone(), result: Ok(merged(MergeOutcome::Quarantined)) });
    s.push_line(Line { file: PathBuf::from("/in/bad.zip"), result: Err("chữ ký không hợp lệ".into()) });
    let p = Pending { key_id: "00000000000000AB".into(), unit: "X-ANT".into(), file: Some(file.clone()), ..Pending::default() };
    assert_eq!(s.update(Message::ConfirmAccept), None, "nothing asked yet");
    assert_eq!(s.update(Message::AskAccept(p.clone())), None);
    let plan = crate::plan::builtin();
    assert!(s.dialog(&plan, Lang::Vi).is_some());
    assert_eq!(s.update(Message::CancelAccept), None);
    assert!(s.dialog(&plan, Lang::Vi).is_none());
    s.update(Message::AskAccept(p.clone()));
    assert_eq!(s.update(Message::ConfirmAccept), Some(Event::Accept(p)));
    // Merged again after the key was accepted: the quarantine line goes, the refusal stays.
    s.push_line(Line { file, result: Ok(merged(MergeOutcome::Merged)) });
    assert_eq!(s.lines.len(), 2);
    assert!(s.lines.iter().all(|l| !matches!(&l.result, Ok(m) if m.outcome == MergeOutcome::Quarantined)));
    assert_eq!(s.update(Message::ClearLines), None);
    assert!(s.lines.is_empty());
}

#[test]
fn a_key_card_without_a_unit_needs_a_unit_chosen() {
    let mut s = State::new(2023, 1);
    let key = crate::crypto::sign::SecretKey::from_parts([1; 8], [2; 32]).public();
    s.card = Some(Card { file: PathBuf::from("/in/k.pub"), key: key.clone(), query: String::new(), choice: None, other: OtherKey::default() });
    assert_eq!(s.update(Message::ConfirmCard), None);
    assert!(s.card.is_some());
    s.update(Message::CardQuery("an phu".into()));
    s.update(Message::CardUnit("X-AP".into()));
    assert_eq!(s.update(Message::ConfirmCard), Some(Event::Trust { unit: "X-AP".into(), key }));
    assert!(s.card.is_none());
}
