//! A task's work period against its due dates (issue 15): quarterly lists,
//! checklists and the command line include the work in progress in the
//! quarter, and mark which milestones fall due in it.

use std::process::Command;

use chrono::NaiveDate;
use tiendo::domain::Period;
use tiendo::i18n::Lang;
use tiendo::progress::Filter;
use tiendo::report::checklist_pdf;
use tiendo::workspace::Workspace;

use super::{json, ok};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn codes_in(ws: &Workspace, unit: &str, period: Period) -> Vec<String> {
    let filter = Filter { period: Some(period), ..Default::default() };
    ws.rows(unit, &filter).unwrap().iter().map(|r| r.task.code.clone()).collect()
}

#[test]
fn year_round_work_is_in_every_quarter() {
    let ws = Workspace::in_memory().unwrap();
    for q in 1..=4 {
        let codes = codes_in(&ws, "X-ANT", Period::quarter(2023, q));
        for code in ["3.1", "3.6", "7.3", "1.4", "1.6"] {
            assert!(codes.iter().any(|c| c == code), "Q{q} lacks {code}: {codes:?}");
        }
        // "Quý I năm 2023; Kế hoạch": the plan is due in Q1, the work runs the year.
        assert!(codes.iter().any(|c| c == "3.5"), "Q{q} lacks 3.5: {codes:?}");
    }
    // Work of one quarter or month stays there: 1.5 (Quý I) and 1.2 (tháng 10).
    let q2 = codes_in(&ws, "X-ANT", Period::quarter(2023, 2));
    assert!(!q2.iter().any(|c| c == "1.5") && !q2.iter().any(|c| c == "1.2"), "{q2:?}");
    let q4 = codes_in(&ws, "X-ANT", Period::quarter(2023, 4));
    assert!(q4.iter().any(|c| c == "1.2"), "{q4:?}");
    assert!(!codes_in(&ws, "X-ANT", Period::quarter(2023, 3)).iter().any(|c| c == "1.2"));
    // Nothing of the 2023 plan is in progress in 2024 but work without dates.
    let next = codes_in(&ws, "X-ANT", Period::quarter(2024, 2));
    assert!(!next.iter().any(|c| c == "3.1"), "{next:?}");
    // The due dates themselves do not move.
    let task = ws.plan.tasks.iter().find(|t| t.code == "3.5").unwrap();
    assert_eq!(task.schedule.dates(), vec![date(2023, 3, 31)]);
    assert!(task.due_in(Period::quarter(2023, 2)).is_empty());
    assert_eq!(task.due_in(Period::quarter(2023, 1)), vec![date(2023, 3, 31)]);
    assert_eq!(task.work_period(), Some((date(2023, 1, 1), date(2023, 12, 31))));
}

#[test]
fn the_q2_checklist_lists_year_round_work() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::in_memory().unwrap();
    let pdf = checklist_pdf(&ws, "X-ANT", Period::quarter(2023, 2), Lang::Vi).unwrap();
    let path = dir.path().join("q2.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    let out = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&path).arg("-").output().expect("pdftotext is installed");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let words: Vec<&str> = text.split_whitespace().collect();
    for code in ["3.1", "3.6", "7.3", "3.5", "1.6"] {
        assert!(words.contains(&code), "the Q2 checklist lacks {code}");
    }
    assert!(!words.contains(&"1.5"), "1.5 is Q1 work");
    let joined = words.join(" ");
    // 1.6 falls due on 07/06/2023; year-round work says nothing is due.
    assert!(joined.contains("07/06/2023"), "{joined}");
    assert!(joined.contains("đang thực hiện, không có hạn trong kỳ"), "{joined}");
}

#[test]
fn tasks_quarter_marks_what_falls_due() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["unit", "set", "X-ANT"]);
    for q in ["2023Q2", "2023Q3"] {
        let v = json(d, &["tasks", "--quarter", q, "--json"]);
        let tasks = v["tasks"].as_array().unwrap();
        let get = |code: &str| tasks.iter().find(|t| t["code"] == code).unwrap_or_else(|| panic!("{q} lacks {code}"));
        for code in ["3.1", "3.6", "7.3"] {
            assert_eq!(get(code)["due_in_period"], serde_json::json!([]), "{q} {code}");
        }
        let due16 = if q == "2023Q2" { "2023-06-07" } else { "2023-09-07" };
        assert_eq!(get("1.6")["due_in_period"], serde_json::json!([due16]));
    }
    let text = ok(d, &["tasks", "--quarter", "2023Q2"]);
    assert!(text.contains("hạn trong kỳ: 07/06/2023"), "{text}");
    assert!(text.contains("đang thực hiện, không có hạn trong kỳ"), "{text}");
    // Without a period nothing is marked.
    let all = json(d, &["tasks", "--json"]);
    assert!(all["tasks"][0]["due_in_period"].is_null());
}
