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

/// The province with the first quarter's bundles of its units merged (a
/// few late, a few never sent), in `dir`; "today" is the demo day.
fn merged_province(dir: &std::path::Path, work: &std::path::Path) -> tiendo::workspace::Workspace {
    on_demo_day(|| {
        let mut ws = scale::setup(dir, &Spec::full(YEAR)).unwrap();
        ws.today = scale::demo_day(YEAR);
        let sending = Sending { quarters: vec![1], gaps: true, evidence: false, limit: None };
        let sent = scale::make_bundles(&ws, work, &sending, &|_, _| {}).unwrap();
        assert_eq!(scale::merge_all(&mut ws, &sent).unwrap(), sent.len());
        ws
    })
}

/// The text of page `page` of `pdf`, as pdftotext lays it out.
fn page_text(pdf: &std::path::Path, page: usize) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn at_two_hundred_units_the_matrix_pdf_goes_across_pages_and_the_workbook_holds_every_unit() {
    let dir = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let ws = merged_province(dir.path(), work.path());
    let q1 = Period::quarter(YEAR, 1);
    let matrix = tiendo::views::status_matrix(&ws, q1).unwrap();
    let reporting = matrix.units.len();
    assert!((170..199).contains(&reporting), "{reporting}");
    let tasks: Vec<&String> = matrix.tasks.iter().filter(|t| matrix.units.iter().any(|u| matrix.cell(t, u).is_some())).collect();

    // The consolidated PDF: the matrix in parts of 9 tasks, each part from a
    // new page with the unit column; the header repeated on every page.
    let pdf = tiendo::report::consolidated_pdf(&ws, ROOT, q1, tiendo::i18n::Lang::Vi).unwrap();
    let path = dir.path().join("tong-hop.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    let parts = tasks.len().div_ceil(9);
    let first_unit = ws.plan.unit(&matrix.units[0]).unwrap().name.clone();
    let last_unit = ws.plan.unit(matrix.units.last().unwrap()).unwrap().name.clone();
    let mut part_pages = vec![];
    let mut matrix_pages = 0;
    for p in 1..=pdf.pages {
        let text = page_text(&path, p);
        if text.contains("Ma trận trạng thái nhiệm vụ theo đơn vị — Nhiệm vụ") {
            part_pages.push(p);
            // A part starts with the header and the first unit.
            assert!(text.contains(&first_unit), "page {p}: {text}");
        }
        if !part_pages.is_empty() && text.contains("Đơn vị") && tasks.iter().any(|t| text.contains(&format!(" {t} "))) {
            matrix_pages += 1;
        }
    }
    assert_eq!(part_pages.len(), parts, "one part per 9 tasks of {}", tasks.len());
    // Rows run over pages: each part takes more than one page.
    assert!(matrix_pages >= parts * 3, "{matrix_pages} pages of matrix for {parts} parts");
    let p1 = page_text(&path, part_pages[0]);
    assert!(p1.contains(&format!("Nhiệm vụ {} – {} (phần 1/{parts})", tasks[0], tasks[8])), "{p1}");
    // The last unit closes every part.
    let all: String = (part_pages[0]..=pdf.pages).map(|p| page_text(&path, p)).collect();
    assert_eq!(all.matches(last_unit.as_str()).count(), parts, "{last_unit}");
    assert!(all.contains("HT: hoàn thành; HT-T: hoàn thành trễ hạn"));

    // The workbook: one column per reporting unit, header and codes frozen.
    let bytes = tiendo::report::matrix_xlsx(&ws, ROOT, q1, tiendo::i18n::Lang::Vi).unwrap();
    let status = tiendo::plan::xlsx::read_sheet(&bytes, "Ma trận trạng thái").unwrap();
    assert_eq!(status[0].len(), 2 + reporting);
    assert_eq!(status.len(), 1 + ws.plan.tasks.len());
    let received = tiendo::plan::xlsx::read_sheet(&bytes, "Tình hình nộp báo cáo").unwrap();
    assert_eq!(received.len(), 1 + 199);
}

mod window {
    use iced_test::selector::Candidate;
    use tiendo::i18n::{Lang, format_number};
    use tiendo::ui::district::{self, FIRST_W, ROW_H, Scroll, TASK_W};
    use tiendo::ui::{App, Message, Screen};
    use tiendo::views::UnitClass;

    use super::*;
    use crate::ui::{feed, sim};

    /// Where the text `label` is drawn (its bounds' left and top), if it is.
    fn at(app: &App, label: &str) -> Option<(f32, f32)> {
        let label = label.to_owned();
        let mut ui = sim(app);
        ui.find(move |c: Candidate<'_>| match c {
            Candidate::Text { content, bounds, .. } if content == label => Some((bounds.x, bounds.y)),
            _ => None,
        })
        .ok()
    }

    fn province_app(ws: tiendo::workspace::Workspace, dir: &std::path::Path) -> App {
        let mut app = App::new(ws, dir.to_owned(), Some(Lang::Vi));
        let _ = app.update(Message::Nav(Screen::District));
        app
    }

    #[test]
    fn filtering_by_kind_shows_only_that_kind_and_scrolling_keeps_the_unit_column() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = on_demo_day(|| scale::setup(dir.path(), &Spec::full(YEAR))).unwrap();
        ws.today = scale::demo_day(YEAR);
        let mut app = province_app(ws, dir.path());
        let rows = app.district.shown_completeness();
        assert_eq!(rows.len(), 199);
        let first = rows[0].name.clone();
        let (x0, y0) = at(&app, &first).expect("the first unit is on screen");
        assert!(x0 < FIRST_W + 260.0);

        // Scrolled down by 40 rows: the 41st unit sits where the first was.
        let fortieth = app.district.shown_completeness()[40].name.clone();
        let _ = app.update(Message::District(district::Message::Scrolled(Scroll { x: 0.0, y: 40.0 * ROW_H, width: 700.0, height: 480.0 })));
        let (x, y) = at(&app, &fortieth).expect("the 41st unit is built once scrolled to");
        assert_eq!((x, y), (x0, y0));
        // Only the rows in view (and a few around) are built, not all 199.
        assert!(at(&app, &app.district.shown_completeness()[198].name).is_none());

        // Filter: the wards only, by clicking the chip.
        let wards = app.district.data.units.iter().filter(|u| u.class == UnitClass::Ward).count();
        let mut ui = sim(&app);
        ui.click(format!("Phường ({wards})").as_str()).expect("the ward chip");
        let msgs: Vec<Message> = ui.into_messages().collect();
        feed(&mut app, msgs);
        assert_eq!(app.district.filter.class, Some(UnitClass::Ward));
        assert_eq!(app.district.scroll.y, 0.0, "back to the top");
        let shown = app.district.shown_completeness();
        assert_eq!(shown.len(), wards);
        assert!(shown.iter().all(|r| r.class == UnitClass::Ward && r.name.starts_with("Phường ")));
        assert!(at(&app, &format!("Đang hiện {wards}/199 đơn vị")).is_some());
        assert!(at(&app, &shown[0].name).is_some());
        assert!(at(&app, "Sở Nội vụ").is_none(), "a department is filtered out");

        // The search box narrows further, without diacritics.
        let target = shown[3].name.clone();
        let folded = tiendo::text::fold(&target);
        let _ = app.update(Message::District(district::Message::Search(folded)));
        let shown = app.district.shown_completeness();
        assert_eq!(shown.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), vec![target.as_str()]);
        let _ = app.update(Message::District(district::Message::ClearFilter));
        assert_eq!(app.district.shown_completeness().len(), 199);
    }

    #[test]
    fn the_status_matrix_scrolls_right_under_its_frozen_unit_column_and_header() {
        let dir = tempfile::tempdir().unwrap();
        let work = tempfile::tempdir().unwrap();
        let ws = merged_province(dir.path(), work.path());
        let mut app = province_app(ws, dir.path());
        let _ = app.update(Message::District(district::Message::Quarter(1)));
        let _ = app.update(Message::District(district::Message::Tab(district::Tab::Status)));
        let units = app.district.shown_reporting().iter().map(|u| u.name.clone()).collect::<Vec<_>>();
        let tasks = app.district.data.tasks.iter().map(|(c, _)| c.clone()).collect::<Vec<_>>();
        assert!(units.len() > 170 && tasks.len() > 30, "{} × {}", units.len(), tasks.len());
        let (ux, uy) = at(&app, &units[0]).unwrap();
        let (hx, hy) = at(&app, &tasks[0]).unwrap();
        assert!(hx > ux, "the task columns sit right of the unit column");

        // Right by 4 task columns and down by 30 rows.
        let _ = app.update(Message::District(district::Message::Scrolled(Scroll { x: 4.0 * TASK_W, y: 30.0 * ROW_H, width: 700.0, height: 420.0 })));
        // The unit column does not move sideways; its rows move up.
        assert_eq!(at(&app, &units[30]), Some((ux, uy)));
        // The header does not move down; its columns move left with the body.
        assert_eq!(at(&app, &tasks[4]), Some((hx, hy)));
        let (x0, _) = at(&app, &tasks[0]).unwrap();
        assert_eq!(x0, hx - 4.0 * TASK_W);
        // Far right: the last task's column is built, the first is not.
        let last = tasks.len() - 1;
        let _ = app.update(Message::District(district::Message::Scrolled(Scroll { x: last as f32 * TASK_W, y: 0.0, width: 700.0, height: 420.0 })));
        assert!(at(&app, &tasks[last]).is_some());
        assert!(at(&app, &tasks[0]).is_none());

        // KPI sums per class: the communes' own line sums only the communes.
        let _ = app.update(Message::District(district::Message::Tab(district::Tab::Kpis)));
        let communes = app.district.data.kpis_by_class.iter().find(|(c, _)| *c == UnitClass::Commune).unwrap();
        let all = &app.district.data.kpis[0];
        assert!(communes.1[0].units > 100 && communes.1[0].units < all.units, "{} of {}", communes.1[0].units, all.units);
        let sum: f64 = app.district.data.kpis_by_class.iter().filter_map(|(_, k)| k[0].figure.map(|f| f.denominator)).sum();
        assert_eq!(Some(sum), all.figure.map(|f| f.denominator), "the classes add up to the whole");
        assert!(at(&app, "Xã").is_some() && at(&app, "Phường").is_some() && at(&app, "Đặc khu").is_some());
        // The targets' column stands apart from the figures, each target level with its sums.
        for k in &app.district.data.kpis {
            let f = k.figure.expect("summed");
            let sums = format!("{} / {}", format_number(Lang::Vi, f.numerator, 2), format_number(Lang::Vi, f.denominator, 2));
            let (tx, ty) = at(&app, &k.target.text).expect("the target's text");
            let (sx, sy) = at(&app, &sums).expect("its sums");
            assert!(sx > tx && (sy - ty).abs() < 20.0, "{}: text at {ty}, sums at {sy}", k.target.code);
        }
    }
}
