//! Headless tests of the window with iced_test's simulator: the view is
//! built, clicked and typed into like a user would; the messages it
//! produces are fed back into `update`; the store is checked.

use chrono::NaiveDate;
use iced_test::selector::{self, Candidate};
use iced_test::{Simulator, core::Rectangle};
use tiendo::domain::{Period, Status};
use tiendo::i18n::Lang;
use tiendo::ui::{App, Message, Screen, calendar, tasks};
use tiendo::workspace::Workspace;

pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// An app on an in-memory database, "today" fixed, in Vietnamese.
pub(crate) fn app(unit: Option<&str>) -> App {
    let mut ws = Workspace::in_memory().unwrap();
    ws.today = date(2023, 10, 20);
    ws.operator = "tester".into();
    if let Some(u) = unit {
        ws.set_unit(u).unwrap();
    }
    App::new(ws, std::env::temp_dir(), Some(Lang::Vi))
}

pub(crate) fn sim(app: &App) -> Simulator<'_, Message> {
    sim_sized(app, (1366.0, 768.0))
}

/// A simulator of another window size (a long page without scrolling it).
pub(crate) fn sim_sized(app: &App, size: (f32, f32)) -> Simulator<'_, Message> {
    Simulator::with_size(tiendo::ui::settings(), size, app.view())
}

/// Feeds every message the simulator produced into `update`.
pub(crate) fn feed(app: &mut App, messages: Vec<Message>) {
    for m in messages {
        let _ = app.update(m);
    }
}

/// Whether some text on screen satisfies `pred`.
pub(crate) fn has_text(app: &App, pred: impl Fn(&str) -> bool + Send) -> bool {
    let mut ui = sim(app);
    ui.find(move |c: Candidate<'_>| match c {
        Candidate::Text { content, .. } if pred(content) => Some(()),
        _ => None,
    })
    .is_ok()
}

/// Whether the text `label` is drawn inside `area`.
fn text_inside(app: &App, label: &'static str, area: Rectangle) -> bool {
    let mut ui = sim(app);
    ui.find(move |c: Candidate<'_>| match c {
        Candidate::Text { content, bounds, .. } if content == label && area.contains(bounds.center()) => Some(()),
        _ => None,
    })
    .is_ok()
}

fn day_cell(app: &App, day: NaiveDate) -> Rectangle {
    let mut ui = sim(app);
    ui.find(selector::id(calendar::day_id(day))).expect("day cell").bounds()
}

#[test]
fn first_run_chooses_the_unit_by_searching_without_diacritics() {
    let mut app = app(None);
    assert_eq!(app.screen, Screen::FirstRun);

    let mut ui = sim(&app);
    ui.click(selector::id(tiendo::ui::first_run::SEARCH_ID)).expect("search box");
    ui.typewrite("an nhon tay");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);
    assert_eq!(app.first_run.query, "an nhon tay");

    let mut ui = sim(&app);
    ui.click("Xã An Nhơn Tây").expect("the commune is listed");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);

    // Without the clerk's name the window does not start: it asks for it.
    let mut ui = sim(&app);
    ui.click("Bắt đầu").expect("start button");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);
    assert_eq!(app.screen, Screen::FirstRun);
    assert!(has_text(&app, |t| t.starts_with("Hãy nhập tên người thao tác")));

    let mut ui = sim(&app);
    ui.click(selector::id(tiendo::ui::clerk::NAME_ID)).expect("name field");
    ui.typewrite("Trần Văn Bình");
    ui.click("Bắt đầu").expect("start button");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);

    assert_eq!(app.ws.unit.as_deref(), Some("X-ANT"));
    assert_eq!(app.ws.store().meta("operator").unwrap().as_deref(), Some("Trần Văn Bình"));
    assert_eq!(app.ws.store().meta("unit").unwrap().as_deref(), Some("X-ANT"));
    assert_eq!(app.ws.store().meta("lang").unwrap().as_deref(), Some("vi"));
    assert_eq!(app.screen, Screen::Dashboard);
    assert_eq!(app.title(), "Tiến Độ — Xã An Nhơn Tây");
    assert!(has_text(&app, |t| t == "Tổng quan"));
}

#[test]
fn opening_a_task_and_setting_its_status_is_stored() {
    let mut app = app(Some("X-ANT"));
    let _ = app.update(Message::Nav(Screen::Tasks));

    let mut ui = sim(&app);
    ui.click("1.2").expect("task 1.2 is in the list");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);
    assert_eq!(app.screen, Screen::Task);
    assert_eq!(app.detail.as_ref().unwrap().code, "1.2");

    let mut ui = sim(&app);
    ui.click("Đang thực hiện").expect("status choice");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);

    let st = app.ws.store().task_state(&app.ws.plan.id, "X-ANT", "1.2").unwrap();
    assert_eq!(st.status, Status::InProgress);
    // The page shows it, and the history recorded who did it.
    assert_eq!(app.detail.as_ref().unwrap().state.status, Status::InProgress);
    let h = app.ws.store().history(&app.ws.plan.id, "X-ANT", "1.2").unwrap();
    assert_eq!(h.last().unwrap().new, "in_progress");
    assert!(h.last().unwrap().by.contains("tester"));
    // The list counts it too.
    let _ = app.update(Message::Nav(Screen::Tasks));
    assert_eq!(app.tasks.rows.iter().find(|r| r.code == "1.2").unwrap().status, Status::InProgress);
}

#[test]
fn the_calendar_shows_seed_deadlines_on_their_days() {
    let mut app = app(Some("X-ANT"));
    let _ = app.update(Message::Nav(Screen::Calendar));
    // Today is 20/10/2023: October is shown; task 1.2 is due on 31/10/2023.
    assert_eq!(app.calendar.month, date(2023, 10, 1));
    let oct31 = day_cell(&app, date(2023, 10, 31));
    assert!(text_inside(&app, "1.2", oct31), "1.2 on 31/10/2023");
    assert!(!text_inside(&app, "1.2", day_cell(&app, date(2023, 10, 30))));

    // Back to March: task 1.6 (quarterly) on 07/03; then June, September, December.
    for _ in 0..7 {
        let _ = app.update(Message::Calendar(calendar::Message::Prev));
    }
    assert_eq!(app.calendar.month, date(2023, 3, 1));
    assert!(text_inside(&app, "1.6", day_cell(&app, date(2023, 3, 7))), "1.6 on 07/03");
    assert!(!text_inside(&app, "1.6", day_cell(&app, date(2023, 3, 8))));
    for month in [6, 9, 12] {
        for _ in 0..3 {
            let _ = app.update(Message::Calendar(calendar::Message::Next));
        }
        assert!(text_inside(&app, "1.6", day_cell(&app, date(2023, month, 7))), "1.6 on 07/{month:02}");
    }

    // A click on it opens the task.
    let mut ui = sim(&app);
    ui.click("1.6").expect("chip");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);
    assert_eq!(app.screen, Screen::Task);
    assert_eq!(app.detail.as_ref().unwrap().code, "1.6");
}

#[test]
fn switching_language_changes_the_visible_text_at_once() {
    let mut app = app(Some("X-ANT"));
    assert!(has_text(&app, |t| t == "Tổng quan"));
    assert!(!has_text(&app, |t| t == "Dashboard"));
    let _ = app.update(Message::Nav(Screen::Settings));

    let mut ui = sim(&app);
    ui.click("English").expect("language choice");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);

    assert_eq!(app.lang, Lang::En);
    assert_eq!(app.ws.store().meta("lang").unwrap().as_deref(), Some("en"));
    assert!(has_text(&app, |t| t == "Dashboard"));
    assert!(has_text(&app, |t| t == "Settings"));
    assert!(!has_text(&app, |t| t == "Tổng quan"));
}

#[test]
fn search_without_diacritics_finds_kiem_tra() {
    let mut app = app(Some("X-ANT"));
    let _ = app.update(Message::Nav(Screen::Tasks));
    let all = app.tasks.rows.len();

    let mut ui = sim(&app);
    ui.click(selector::id(tasks::SEARCH_ID)).expect("search box");
    ui.typewrite("kiem tra");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);

    assert_eq!(app.tasks.filters.search, "kiem tra");
    assert!(!app.tasks.rows.is_empty() && app.tasks.rows.len() < all, "{} of {all}", app.tasks.rows.len());
    assert!(app.tasks.rows.iter().all(|r| tiendo::text::fold(&format!("{} {}", r.code, r.description)).contains("kiem tra")
        || tiendo::text::fold(&app.ws.plan.task(&r.code).unwrap().products.join(" ")).contains("kiem tra")));
    assert!(has_text(&app, |t| t.contains("Kiểm tra")), "a description with «Kiểm tra» is shown");
}

#[test]
fn dashboard_numbers_open_the_filtered_task_list() {
    let mut app = app(Some("X-ANT"));
    let overdue = app.dashboard.data.year.overdue;
    assert!(overdue > 0, "on 20/10/2023 an untouched commune has overdue tasks");
    let _ = app.update(Message::Dashboard(tiendo::ui::dashboard::Message::Show(tasks::Filters { overdue: true, ..Default::default() })));
    assert_eq!(app.screen, Screen::Tasks);
    assert_eq!(app.tasks.rows.len(), overdue);
    assert!(app.tasks.rows.iter().all(|r| r.overdue));
}

#[test]
fn kpi_figures_entered_in_the_window_are_stored_and_rated() {
    let mut app = app(Some("X-ANT"));
    let _ = app.update(Message::Nav(Screen::Kpis));
    let rate = app.kpis.rows.iter().find(|r| r.target.kind == tiendo::domain::TargetKind::Rate).unwrap().target.clone();
    let _ = app.update(Message::Kpis(tiendo::ui::kpis::Message::Quarter(2)));
    let _ = app.update(Message::Kpis(tiendo::ui::kpis::Message::Num(rate.code.clone(), "1.200".into())));
    let _ = app.update(Message::Kpis(tiendo::ui::kpis::Message::Den(rate.code.clone(), "1.250".into())));
    let _ = app.update(Message::Kpis(tiendo::ui::kpis::Message::Save(rate.code.clone())));
    let row = app.kpis.rows.iter().find(|r| r.target.code == rate.code).unwrap();
    assert_eq!(row.value, Some(96.0));
    let figures = app.ws.store().figures(&app.ws.plan.id).unwrap();
    assert!(figures.iter().any(|(t, u, p, f)| *t == rate.code && u == "X-ANT" && *p == Period::quarter(2023, 2) && f.numerator == 1200.0));
    // Shown back in Vietnamese number format.
    assert_eq!(app.kpis.inputs.get(&rate.code).unwrap().0, "1.200");
}

#[test]
fn escape_closes_the_remove_dialog() {
    let mut app = app(Some("X-ANT"));
    app.open_task("1.6");
    let _ = app.update(Message::Detail(tiendo::ui::task_detail::Message::AskRemove(1)));
    assert!(app.detail.as_ref().unwrap().confirm_remove.is_some());
    let _ = app.update(Message::Shortcut(tiendo::ui::Shortcut::Escape));
    assert!(app.detail.as_ref().unwrap().confirm_remove.is_none());
}

#[test]
fn demo_fills_a_living_year_for_one_commune() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.today = tiendo::demo::demo_today(2023);
    ws.set_unit(tiendo::demo::DEMO_UNIT).unwrap();
    tiendo::demo::fill_demo(&mut ws, tiendo::demo::DEMO_UNIT).unwrap();

    let rows = ws.rows("X-ANT", &Default::default()).unwrap();
    let count = |s: Status| rows.iter().filter(|r| r.state.status == s).count();
    assert!(count(Status::Done) >= 1, "some done on time");
    assert!(count(Status::DoneLate) >= 1, "some done late");
    assert!(count(Status::InProgress) >= 5, "some in progress");
    assert!(count(Status::NotStarted) >= 1, "some not started");
    assert!(rows.iter().any(|r| r.overdue), "some overdue as of 20/10/2023");
    assert!(rows.iter().any(|r| r.state.milestones_done.iter().any(|(due, on)| on > due)), "a milestone done late");
    assert!(rows.iter().any(|r| !r.state.note.is_empty()));
    let evidence = ws.store().evidence_list(&ws.plan.id, "X-ANT", None).unwrap();
    assert!(evidence.len() >= 2);
    assert!(evidence.iter().any(|e| e.file_name == "KH-15-UBND Kế hoạch CCHC 2023.pdf"));
    let mut pdf = vec![];
    ws.store().read_blob(&evidence[0].sha256, &mut pdf).unwrap();
    assert!(pdf.starts_with(b"%PDF-1.4") && pdf.ends_with(b"%%EOF\n"));
    let summary = tiendo::progress::Summary::of(&rows, ws.today, 14);
    assert!(summary.done_without_evidence >= 1, "one done task lacks evidence");
    // KPI figures for Q1–Q3, none for Q4.
    for q in 1..=3 {
        let k = ws.kpi_rows("X-ANT", Period::quarter(2023, q)).unwrap();
        assert!(k.iter().any(|r| r.figure.is_some()), "figures in Q{q}");
    }
    let q4 = ws.kpi_rows("X-ANT", Period::quarter(2023, 4)).unwrap();
    assert!(q4.iter().all(|r| r.figure.is_none()));
}

#[test]
fn only_the_screen_being_shown_is_loaded() {
    let mut app = app(Some("X-ANT"));
    assert_eq!(app.screen, Screen::Dashboard);
    assert!(app.dashboard.data.year.total > 0, "the dashboard shown at start has its numbers");
    // The other screens are read when they are opened, not after every change.
    assert!(app.tasks.rows.is_empty());
    assert!(app.calendar.items.is_empty());
    assert!(app.kpis.rows.is_empty());
    let _ = app.update(Message::Nav(Screen::Tasks));
    assert!(!app.tasks.rows.is_empty());
    assert!(app.calendar.items.is_empty());
    let _ = app.update(Message::Nav(Screen::Calendar));
    assert!(!app.calendar.items.is_empty());
}

/// Where the text `label` is drawn.
fn bounds_of(app: &App, label: &'static str) -> Rectangle {
    let mut ui = sim(app);
    ui.find(label).expect("on screen").bounds()
}

#[test]
fn a_notice_does_not_move_the_page() {
    let mut app = app(Some("X-ANT"));
    app.open_task("1.6");
    assert!(app.notice.is_none());
    let chip = bounds_of(&app, "Hoàn thành");
    let milestones = bounds_of(&app, "Các mốc thời hạn");
    let mut ui = sim(&app);
    ui.click("Đang thực hiện").expect("status chip");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);
    assert!(has_text(&app, |t| t == "Đã lưu nhiệm vụ 1.6."), "the notice is shown");
    // Nothing under the pointer moved: the next click lands where the clerk aims.
    assert_eq!(bounds_of(&app, "Hoàn thành"), chip);
    assert_eq!(bounds_of(&app, "Các mốc thời hạn"), milestones);
    // The same on the KPI page after a save.
    let _ = app.update(Message::Nav(Screen::Kpis));
    let rate = app.kpis.rows.iter().find(|r| r.target.kind == tiendo::domain::TargetKind::Rate).unwrap().target.code.clone();
    let first = app.kpis.rows[0].target.code.clone();
    let before = sim(&app).find(selector::id(tiendo::ui::kpis::num_id(&first))).expect("figure field").bounds();
    let _ = app.update(Message::Kpis(tiendo::ui::kpis::Message::Num(rate.clone(), "3".into())));
    let _ = app.update(Message::Kpis(tiendo::ui::kpis::Message::Den(rate.clone(), "4".into())));
    let _ = app.update(Message::Kpis(tiendo::ui::kpis::Message::Save(rate.clone())));
    assert!(app.notice.as_ref().is_some_and(|n| !n.error), "{:?}", app.notice);
    assert_eq!(sim(&app).find(selector::id(tiendo::ui::kpis::num_id(&first))).unwrap().bounds(), before);
}

/// Tab in the KPI table: the window turns the key into "next field" and
/// iced's focus operation moves from "Tử số" to "Mẫu số" (and Shift+Tab back),
/// so each number lands in its own field. Run on a live user interface, as
/// the window does.
#[test]
fn tab_moves_from_numerator_to_denominator_and_enter_saves() {
    use iced_test::core::renderer::Headless;
    use iced_test::core::widget::operation::{Operation, Outcome, focusable};
    use iced_test::core::{Event, Size, clipboard, keyboard, mouse};
    use iced_test::runtime::{UserInterface, user_interface};
    use tiendo::ui::kpis;

    let mut app = app(Some("X-ANT"));
    let _ = app.update(Message::Nav(Screen::Kpis));
    let rate = app.kpis.rows.iter().find(|r| r.target.kind == tiendo::domain::TargetKind::Rate).unwrap().target.code.clone();
    let num = sim(&app).find(selector::id(kpis::num_id(&rate))).expect("numerator field").bounds();

    // The keys the window listens to.
    let tab = |shift: bool| Event::Keyboard(keyboard::Event::KeyPressed {
        key: keyboard::Key::Named(keyboard::key::Named::Tab),
        modified_key: keyboard::Key::Named(keyboard::key::Named::Tab),
        physical_key: keyboard::key::Physical::Code(keyboard::key::Code::Tab),
        location: keyboard::Location::Standard,
        modifiers: if shift { keyboard::Modifiers::SHIFT } else { keyboard::Modifiers::empty() },
        text: None,
        repeat: false,
    });
    let shortcut = |e: Event| tiendo::ui::on_event(e, iced_test::core::event::Status::Ignored, iced_test::core::window::Id::unique());
    assert!(matches!(shortcut(tab(false)), Some(Message::Shortcut(tiendo::ui::Shortcut::NextField))));
    assert!(matches!(shortcut(tab(true)), Some(Message::Shortcut(tiendo::ui::Shortcut::PreviousField))));

    let settings = tiendo::ui::settings();
    let mut renderer = iced::futures::executor::block_on(iced_test::renderer::Renderer::new(
        settings.default_font,
        settings.default_text_size,
        std::env::var("ICED_TEST_BACKEND").ok().as_deref(),
    ))
    .expect("headless renderer");
    let mut ui = UserInterface::build(app.view(), Size::new(1366.0, 768.0), user_interface::Cache::default(), &mut renderer);
    let mut messages: Vec<Message> = vec![];
    let at = num.center();
    let cursor = mouse::Cursor::Available(at);
    let click = [
        Event::Mouse(mouse::Event::CursorMoved { position: at }),
        Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)),
        Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left)),
    ];
    let _ = ui.update(&click, cursor, &mut renderer, &mut clipboard::Null, &mut messages);
    let typed = |ui: &mut UserInterface<'_, Message, iced::Theme, iced::Renderer>, renderer: &mut iced::Renderer, text: &str, messages: &mut Vec<Message>| {
        let events: Vec<Event> = iced_test::simulator::typewrite(text).collect();
        let _ = ui.update(&events, cursor, renderer, &mut clipboard::Null, messages);
    };
    typed(&mut ui, &mut renderer, "3", &mut messages);
    assert!(messages.iter().any(|m| matches!(m, Message::Kpis(k) if *k == kpis::Message::Num(rate.clone(), "3".into()))), "{messages:?}");

    let focus = |ui: &mut UserInterface<'_, Message, iced::Theme, iced::Renderer>, renderer: &iced::Renderer, mut op: Box<dyn Operation>| loop {
        ui.operate(renderer, op.as_mut());
        match op.finish() {
            Outcome::Chain(next) => op = next,
            _ => break,
        }
    };
    // Tab: the next field is the denominator of the same row.
    focus(&mut ui, &renderer, Box::new(focusable::focus_next()));
    messages.clear();
    typed(&mut ui, &mut renderer, "4", &mut messages);
    assert!(messages.iter().any(|m| matches!(m, Message::Kpis(k) if *k == kpis::Message::Den(rate.clone(), "4".into()))), "{messages:?}");
    assert!(!messages.iter().any(|m| matches!(m, Message::Kpis(kpis::Message::Num(..)))), "{messages:?}");
    // Shift+Tab: back to the numerator.
    focus(&mut ui, &renderer, Box::new(focusable::focus_previous()));
    messages.clear();
    typed(&mut ui, &mut renderer, "0", &mut messages);
    assert!(messages.iter().any(|m| matches!(m, Message::Kpis(k) if *k == kpis::Message::Num(rate.clone(), "30".into()))), "{messages:?}");
    // Enter saves the row.
    messages.clear();
    let enter: Vec<Event> = iced_test::simulator::tap_key(keyboard::Key::Named(keyboard::key::Named::Enter), None).collect();
    let _ = ui.update(&enter, cursor, &mut renderer, &mut clipboard::Null, &mut messages);
    assert!(messages.iter().any(|m| matches!(m, Message::Kpis(k) if *k == kpis::Message::Save(rate.clone()))), "{messages:?}");
}

#[test]
fn escape_drops_a_kpi_figure_being_typed_and_an_attachment_edit() {
    let mut app = app(Some("X-ANT"));
    let _ = app.update(Message::Nav(Screen::Kpis));
    let code = app.kpis.rows[0].target.code.clone();
    let _ = app.update(Message::Kpis(tiendo::ui::kpis::Message::Num(code.clone(), "12abc".into())));
    let _ = app.update(Message::Shortcut(tiendo::ui::Shortcut::Escape));
    assert_eq!(app.kpis.inputs.get(&code).unwrap().0, "");
    app.open_task("1.6");
    let _ = app.update(Message::Detail(tiendo::ui::task_detail::Message::Note("nửa chừng".into())));
    let _ = app.update(Message::Shortcut(tiendo::ui::Shortcut::Escape));
    assert_eq!(app.detail.as_ref().unwrap().note, app.detail.as_ref().unwrap().state.note);
}

#[test]
fn a_window_left_open_past_midnight_moves_to_the_new_day() {
    let mut app = app(Some("X-ANT"));
    let overdue_before = app.dashboard.data.year.overdue;
    assert!(has_text(&app, |t| t.contains("20/10/2023")));
    // The minute tick reads the clock: a later day.
    app.clock_tick(date(2023, 12, 31));
    assert_eq!(app.ws.today, date(2023, 12, 31));
    assert!(has_text(&app, |t| t.contains("31/12/2023")));
    assert!(!has_text(&app, |t| t.contains("20/10/2023")));
    // What depends on the date follows: more is overdue at the end of the year.
    assert!(app.dashboard.data.year.overdue > overdue_before, "{} → {}", overdue_before, app.dashboard.data.year.overdue);
    // The tick message reads the real clock.
    let _ = app.update(Message::ClockTick);
    assert_eq!(app.ws.today, tiendo::clock::today());
}

/// The software renderer (tiny-skia, as in CI and on machines without a
/// usable GPU): a screen drawn again after input that leaves its state as it
/// was (the pointer passing over rows) is pixel for pixel the frame drawn
/// afresh — nothing of earlier frames stays on screen. The first-run card
/// after typing in its search, and the KPI table after a figure is entered.
#[test]
fn the_software_renderer_draws_the_same_state_the_same_after_input() {
    let shots = tempfile::tempdir().unwrap();
    let check = |app: &App, name: &str| {
        let theme = app.theme();
        let path = shots.path().join(name);
        // Drawn once, fresh: the reference image.
        assert!(sim(app).snapshot(&theme).unwrap().matches_image(&path).unwrap());
        // Drawn again and again while the pointer moves over the page and away.
        let mut ui = sim(app);
        let _ = ui.snapshot(&theme).unwrap();
        for (x, y) in [(700.0, 300.0), (700.0, 420.0), (400.0, 200.0), (1360.0, 760.0)] {
            ui.point_at(iced_test::core::Point::new(x, y));
            let _ = ui.simulate([iced_test::core::Event::Mouse(iced_test::core::mouse::Event::CursorMoved { position: iced_test::core::Point::new(x, y) })]);
            let _ = ui.snapshot(&theme).unwrap();
        }
        assert!(ui.snapshot(&theme).unwrap().matches_image(&path).unwrap(), "{name}: the frame drawn after input differs from the same state drawn afresh");
    };
    let mut app = app(None);
    let mut ui = sim(&app);
    ui.click(selector::id(tiendo::ui::first_run::SEARCH_ID)).expect("search box");
    let _ = ui.typewrite("an");
    let messages: Vec<Message> = ui.into_messages().collect();
    feed(&mut app, messages);
    assert_eq!(app.first_run.query, "an");
    check(&app, "first-run");

    let mut app = self::app(Some("X-ANT"));
    let _ = app.update(Message::Nav(Screen::Kpis));
    let rate = app.kpis.rows.iter().find(|r| r.target.kind == tiendo::domain::TargetKind::Rate).unwrap().target.code.clone();
    let _ = app.update(Message::Kpis(tiendo::ui::kpis::Message::Num(rate.clone(), "3".into())));
    let _ = app.update(Message::Kpis(tiendo::ui::kpis::Message::Den(rate.clone(), "4".into())));
    let _ = app.update(Message::Kpis(tiendo::ui::kpis::Message::Save(rate)));
    check(&app, "kpis");
}

#[test]
fn a_second_window_on_the_folder_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let first = tiendo::ui::start_window(dir.path(), false).unwrap();
    assert!(!first.software);
    let marker = dir.path().join(tiendo::ui::GPU_MARKER);
    assert!(first.marker.is_some() && marker.exists(), "the first start marks its GPU start");
    // A second start seconds later: refused by the lock, before it looks at the marker.
    let second = tiendo::ui::start_window(dir.path(), false).err().expect("refused");
    assert_eq!(second.key, "err-already-running");
    assert_eq!(first.ws.store().meta("renderer").unwrap(), None, "the renderer was not switched to software");
    assert!(marker.exists());
    // The first start got going: its marker goes; closed, the folder is free.
    let tiendo::ui::Start { lock, marker: m, ws, .. } = first;
    drop(m);
    assert!(!marker.exists());
    drop((lock, ws));
    let again = tiendo::ui::start_window(dir.path(), false).unwrap();
    assert!(!again.software);
}

#[test]
fn a_database_error_at_start_leaves_no_gpu_marker_and_a_dead_gpu_start_switches_to_software() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tiendo.sqlite3"), b"this is not a database, it is a scan").unwrap();
    assert!(tiendo::ui::start_window(dir.path(), false).is_err());
    assert!(!dir.path().join(tiendo::ui::GPU_MARKER).exists());
    // The folder is not left locked either.
    drop(tiendo::workspace::InstanceLock::acquire(dir.path()).unwrap());

    // A start that died during the GPU start left its marker: software from now on.
    let dir = tempfile::tempdir().unwrap();
    let s = tiendo::ui::start_window(dir.path(), false).unwrap();
    std::mem::forget(s.marker);
    drop((s.lock, s.ws));
    let s = tiendo::ui::start_window(dir.path(), false).unwrap();
    assert!(s.software && s.marker.is_none());
    assert_eq!(s.ws.store().meta("renderer").unwrap().as_deref(), Some("tiny-skia"));
    assert!(!dir.path().join(tiendo::ui::GPU_MARKER).exists());
}

#[test]
fn the_history_records_the_clerk_named_in_the_window_and_settings_switches_clerks() {
    let mut app = app(Some("X-ANT"));
    let _ = app.update(Message::Nav(Screen::Settings));
    assert!(has_text(&app, |t| t == "Người thao tác: tester"));
    // A name that is only spaces is refused with the reason.
    let _ = app.update(Message::Clerk(tiendo::ui::clerk::Message::Typed("   ".into())));
    let _ = app.update(Message::Clerk(tiendo::ui::clerk::Message::Save));
    assert!(app.clerk.error.as_deref().is_some_and(|e| e.starts_with("Hãy nhập tên")));
    let mut ui = sim(&app);
    ui.click(selector::id(tiendo::ui::clerk::NAME_ID)).expect("name field");
    ui.typewrite("Lê  Thị   Hoa");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);
    let mut ui = sim(&app);
    ui.click("Dùng tên này").expect("button");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);
    assert_eq!(app.ws.operator, "Lê Thị Hoa");
    assert_eq!(app.ws.store().meta("operator").unwrap().as_deref(), Some("Lê Thị Hoa"));
    let _ = app.update(Message::Clerk(tiendo::ui::clerk::Message::Typed("Phạm Minh".into())));
    let _ = app.update(Message::Clerk(tiendo::ui::clerk::Message::Save));
    // The clerk before is offered to switch back with one click.
    let _ = app.update(Message::Nav(Screen::Settings));
    assert!(has_text(&app, |t| t == "Lê Thị Hoa"));
    let mut ui = sim(&app);
    ui.click("Lê Thị Hoa").expect("known clerk");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);
    assert_eq!(app.ws.operator, "Lê Thị Hoa");
    assert_eq!(app.ws.operators().unwrap(), ["Lê Thị Hoa", "Phạm Minh"]);

    // A change is recorded under that name, not the computer's account.
    app.open_task("1.2");
    let _ = app.update(Message::Detail(tiendo::ui::task_detail::Message::Status(Status::InProgress)));
    let h = app.ws.store().history(&app.ws.plan.id, "X-ANT", "1.2").unwrap();
    assert_eq!(h.last().unwrap().by, "Lê Thị Hoa (X-ANT)");
}
