//! The built-in plan: every task of the seed, repaired cells, assignments.

use tiendo::domain::{Role, UnitKind};
use tiendo::plan;
use tiendo::text::fold;

#[test]
fn builtin_plan_has_every_task_of_the_seed_in_order() {
    let p = plan::builtin();
    let codes: Vec<&str> = p.tasks.iter().map(|t| t.code.as_str()).collect();
    let expected_per_area = [6, 4, 10, 6, 7, 7, 5];
    let mut expected = vec![];
    for (a, n) in expected_per_area.iter().enumerate() {
        for i in 1..=*n {
            expected.push(format!("{}.{}", a + 1, i));
        }
    }
    assert_eq!(codes, expected);
    assert_eq!(p.areas.len(), 7);
    assert_eq!(p.number, "221/QĐ-UBND");
    assert_eq!(p.date.to_string(), "2023-01-13");
    assert_eq!(p.year, 2023);
    assert_eq!(p.hash.len(), 64);
    assert_eq!(p.area("2").unwrap().title, "Cải cách thể chế");
}

#[test]
fn units_include_21_communes_and_the_departments() {
    let p = plan::builtin();
    let communes: Vec<&str> = p.units.iter().filter(|u| u.kind == UnitKind::Commune).map(|u| u.name.as_str()).collect();
    assert_eq!(communes.len(), 21, "{communes:?}");
    assert!(communes.contains(&"Thị trấn Củ Chi"));
    assert!(communes.contains(&"Xã Trung Lập Thượng"));
    for name in ["Phòng Nội vụ", "Văn phòng HĐND và UBND", "Phòng Tài chính – Kế hoạch", "Thanh tra huyện", "Đài Truyền thanh", "Trung tâm Y tế"] {
        assert!(p.units.iter().any(|u| u.name == name), "missing unit {name}");
    }
    let mut codes: Vec<&str> = p.units.iter().map(|u| u.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), p.units.len(), "unit codes are unique");
    // The hierarchy is data: every unit but the root has an existing parent.
    let roots: Vec<_> = p.units.iter().filter(|u| u.parent.is_none()).collect();
    assert_eq!(roots.len(), 1);
    assert_eq!(p.subtree(&roots[0].code).len(), p.units.len());
}

fn unit_code(p: &tiendo::domain::Plan, name: &str) -> String {
    p.units.iter().find(|u| u.name == name).unwrap_or_else(|| panic!("unit {name}")).code.clone()
}

#[test]
fn repaired_cells_are_right() {
    let p = plan::builtin();
    let ptckh = unit_code(&p, "Phòng Tài chính – Kế hoạch");
    let pnv = unit_code(&p, "Phòng Nội vụ");
    let ttra = unit_code(&p, "Thanh tra huyện");
    // 6.1: "Trưởng chính – Kế hoạch huyện" → Phòng Tài chính – Kế hoạch.
    let t61 = p.task("6.1").unwrap();
    assert_eq!(t61.lead, vec![ptckh.clone()]);
    assert!(t61.coordinating.iter().any(|c| c.starts_with("X-") || c == "TT-CC"));
    // 5.6: shifted columns put back.
    let t56 = p.task("5.6").unwrap();
    assert_eq!(t56.products, vec!["Quyết định", "Kế hoạch"]);
    assert_eq!(t56.lead, vec![pnv.clone(), ttra]);
    let communes = p.units.iter().filter(|u| u.kind == UnitKind::Commune).count();
    assert!(t56.coordinating.len() >= communes);
    assert!(!t56.schedule.unparsed);
    // 1.4: lead swallowed by the product cell.
    let t14 = p.task("1.4").unwrap();
    assert_eq!(t14.products, vec!["Bài viết"]);
    assert!(t14.lead.contains(&pnv));
    assert!(t14.lead.contains(&unit_code(&p, "Văn phòng HĐND và UBND")));
    // 1.2 on 31/10/2023; 1.6 quarterly on the 7th of the last month.
    assert_eq!(p.task("1.2").unwrap().schedule.dates().iter().map(|d| d.to_string()).collect::<Vec<_>>(), vec!["2023-10-31"]);
    assert_eq!(
        p.task("1.6").unwrap().schedule.dates().iter().map(|d| d.to_string()).collect::<Vec<_>>(),
        vec!["2023-03-07", "2023-06-07", "2023-09-07", "2023-12-07"]
    );
    assert!(p.task("1.1").unwrap().schedule.on_demand);
    assert!(p.task("1.3").unwrap().schedule.external);
    assert!(p.task("1.4").unwrap().schedule.continuous);
    // Descriptions are whole across page breaks (3.2 ends on the next page).
    assert!(p.task("3.2").unwrap().description.ends_with("Cổng Dịch vụ công quốc gia"), "{}", p.task("3.2").unwrap().description);
}

#[test]
fn every_deadline_of_the_seed_is_understood() {
    let p = plan::builtin();
    for t in &p.tasks {
        assert!(!t.schedule.unparsed, "task {} deadline {:?} not understood", t.code, t.deadline_text);
        for d in t.schedule.dates() {
            assert_eq!(d.format("%Y").to_string(), "2023", "task {} date {d}", t.code);
        }
    }
}

#[test]
fn each_commune_gets_exactly_the_commune_group_tasks() {
    let p = plan::builtin();
    let is_commune_phrase = |s: &String| {
        let f = fold(s);
        f.contains("xa, thi tran") || f.contains("xa thi tran")
    };
    let expected: Vec<(&str, Role)> = p
        .tasks
        .iter()
        .filter_map(|t| {
            if t.lead_text.iter().any(is_commune_phrase) {
                Some((t.code.as_str(), Role::Lead))
            } else if t.coordinating_text.iter().any(is_commune_phrase) {
                Some((t.code.as_str(), Role::Coordinating))
            } else {
                None
            }
        })
        .collect();
    assert!(expected.len() > 30, "the commune phrase is on most tasks: {}", expected.len());
    for u in p.units.iter().filter(|u| u.kind == UnitKind::Commune) {
        let got: Vec<(&str, Role)> = p.assignments_of(&u.code).into_iter().map(|(t, r)| (t.code.as_str(), r)).collect();
        assert_eq!(got, expected, "commune {}", u.name);
    }
}

#[test]
fn role_phrases_map_to_units() {
    let p = plan::builtin();
    let pnv = unit_code(&p, "Phòng Nội vụ");
    let tasks: Vec<&str> = p.assignments_of(&pnv).iter().filter(|(_, r)| *r == Role::Lead).map(|(t, _)| t.code.as_str()).collect();
    for code in ["1.1", "1.2", "1.3", "4.2", "4.6", "5.1"] {
        assert!(tasks.contains(&code), "PNV leads {code}: {tasks:?}");
    }
    let ptp = unit_code(&p, "Phòng Tư pháp");
    let led: Vec<&str> = p.assignments_of(&ptp).iter().filter(|(_, r)| *r == Role::Lead).map(|(t, _)| t.code.as_str()).collect();
    // Its own tasks, plus those of "Thủ trưởng các cơ quan chuyên môn huyện" (it is one).
    for code in ["2.1", "2.2", "2.4", "3.6", "4.1"] {
        assert!(led.contains(&code), "PTP leads {code}: {led:?}");
    }
    assert!(!led.contains(&"1.1") && !led.contains(&"2.3"), "{led:?}");
}

#[test]
fn targets_of_section_ii() {
    let p = plan::builtin();
    assert!(p.targets.len() >= 20);
    let t = p.target("3.1.a").unwrap();
    assert_eq!(t.value, 98.0);
    assert_eq!(t.comparator.symbol(), "≥");
    let late = p.target("3.2").unwrap();
    assert_eq!(late.comparator.symbol(), "<");
    assert_eq!(late.value, 3.0);
    for code in ["1", "2.a", "4.1", "7.b", "8", "9.a", "10.3"] {
        assert!(p.target(code).is_some(), "target {code}");
    }
}
