//! The generated 200-unit province: its organisation and plan go in as a
//! units table and an appendix table, its units' bundles through export and
//! merge; the district views, the consolidated PDF and the workbook at that size.

use tiendo::domain::{Period, UnitKind};
use tiendo::scale::{self, CONSOLIDATOR, ROOT, Sending, Spec};

const YEAR: i32 = 2026;

fn on_demo_day<T>(f: impl FnOnce() -> T) -> T {
    tiendo::clock::on_day(scale::demo_day(YEAR), f)
}

#[test]
fn the_generated_province_resolves_its_group_phrases_to_every_unit() {
    let dir = tempfile::tempdir().unwrap();
    let ws = on_demo_day(|| scale::setup(dir.path(), &Spec::full(YEAR))).unwrap();
    assert_eq!(ws.plan.units.len(), 200);
    assert_eq!(ws.plan.tasks.len(), 45);
    assert_eq!(ws.consolidation_scope().as_deref(), Some(ROOT));
    assert_eq!(ws.unit.as_deref(), Some(ROOT));
    assert_eq!(ws.org.consolidates_for(CONSOLIDATOR), Some(ROOT));
    // "UBND các xã, phường, đặc khu" leads I.1 for all 175 communes; the departments too.
    let i1 = ws.plan.task("I.1").unwrap();
    let communes = i1.lead.iter().filter(|u| ws.plan.unit(u).is_some_and(|x| x.kind == UnitKind::Commune)).count();
    assert_eq!(communes, 175);
    assert!(i1.lead.iter().any(|u| u == "STC"), "{:?}", i1.lead);
    // "UBND các xã, phường" (III.6) leaves the special zones out.
    let iii6 = ws.plan.task("III.6").unwrap();
    assert_eq!(iii6.lead.len(), 173);
    assert!(!iii6.lead.iter().any(|u| u.starts_with("DK-")));
    // Every task has dates or is continuous: the deadline prose was read.
    for t in &ws.plan.tasks {
        assert!(!t.schedule.dates().is_empty() || t.schedule.continuous || t.schedule.on_demand, "{} {}", t.code, t.deadline_text);
    }
    assert_eq!(ws.plan.targets.len(), 5);
}

#[test]
fn a_small_province_sends_and_merges_its_bundles() {
    let dir = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let t = std::time::Instant::now();
    let mut ws = on_demo_day(|| scale::setup(dir.path(), &Spec::full(YEAR))).unwrap();
    ws.today = scale::demo_day(YEAR);
    let sending = Sending { quarters: vec![1, 2, 3], gaps: true, evidence: true, limit: Some(30) };
    let sent = on_demo_day(|| scale::make_bundles(&ws, work.path(), &sending, &|_, _| {})).unwrap();
    eprintln!("made {} bundles in {:?}", sent.len(), t.elapsed());
    let merged = on_demo_day(|| scale::merge_all(&mut ws, &sent)).unwrap();
    eprintln!("merged in {:?}", t.elapsed());
    assert_eq!(merged, sent.len());
    assert!(sent.len() < 90 && sent.len() > 60, "{}", sent.len());
    let c = tiendo::views::completeness(&ws, ROOT).unwrap();
    assert_eq!(c.len(), 199);
    let _ = Period::quarter(YEAR, 1);
}
