//! The workspace is the one way in: the window and the command line never
//! reach the store, and what they read through it follows the core's rules.

use tiendo::domain::{Figure, Period, Status};
use tiendo::plan::source::UnitSource;
use tiendo::progress::Change;
use tiendo::workspace::Workspace;

#[test]
fn the_window_and_the_command_line_reach_the_store_only_through_the_workspace() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = vec![];
    let mut stack = vec![root.join("src/ui"), root.join("src/cli"), root.join("src/cli.rs"), root.join("src/main.rs")];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.contains("ws.store.") || line.contains(".store.") && !line.contains("cancel.store") || line.trim() == ".store" {
                found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "use a Workspace method:\n{}", found.join("\n"));
}

#[test]
fn a_task_page_figures_and_settings_come_from_the_active_plan() {
    let mut ws = Workspace::in_memory().unwrap();
    ws.set_unit("X-ANT").unwrap();
    ws.update_task("X-ANT", "1.6", &Change { status: Some(Status::Done), ..Default::default() }).unwrap();
    let page = ws.task_page("X-ANT", "1.6").unwrap();
    // Done is 100 %, whoever asks.
    assert_eq!((page.state.status, page.state.progress), (Status::Done, 100));
    assert!(!page.history.is_empty());
    assert!(page.evidence.is_empty());

    let q1 = Period::parse("2023Q1").unwrap();
    let target = ws.plan.targets[0].code.clone();
    let f = Figure { numerator: 1.0, denominator: 1.0 };
    ws.set_figure("X-ANT", &target, q1, f).unwrap();
    assert_eq!(ws.own_figures("X-ANT", q1).unwrap().get(&target), Some(&f));
    assert!(ws.own_figures("X-ANT", Period::parse("2023Q2").unwrap()).unwrap().is_empty());
    ws.clear_figure("X-ANT", &target, q1).unwrap();
    assert!(ws.own_figures("X-ANT", q1).unwrap().is_empty());
    assert_eq!(ws.clear_figure("X-ANT", "9.9.z", q1).unwrap_err().key, "err-unknown-target");

    assert_eq!(ws.next_export_sequence("X-ANT", q1).unwrap(), 1);
    assert_eq!(ws.setting("theme").unwrap(), None);
    ws.set_setting("theme", "dark").unwrap();
    assert_eq!(ws.setting("theme").unwrap().as_deref(), Some("dark"));
    assert_eq!(ws.plan_source().unwrap().id, ws.plan.id);
}

/// Installing a plan whose units the organisation follows (the example one)
/// changes the organisation: the workspace's copy follows at once, so the
/// window needs no reload of its own.
#[test]
fn installing_a_plan_refreshes_the_organisation_the_workspace_holds() {
    let mut ws = Workspace::in_memory().unwrap();
    let mut src = tiendo::plan::builtin_source();
    src.id = "ke-hoach-moi-2024".into();
    let parent = src.units.iter().find(|u| u.kind == "commune").map(|u| u.parent.clone()).unwrap();
    src.units.push(UnitSource {
        code: "X-MOI".into(),
        name: "UBND xã Mới".into(),
        kind: "commune".into(),
        parent,
        aliases: vec![],
    });
    assert!(ws.org.unit("X-MOI").is_none());
    ws.install_plan(&src).unwrap();
    assert_eq!(ws.plan.id, "ke-hoach-moi-2024");
    assert_eq!(ws.org.unit("X-MOI").map(|u| u.name.as_str()), Some("UBND xã Mới"));
}

/// The window's text is in the window's language, always said
/// (`t(lang, …)`, `ta(lang, …)`, `message_in(lang)`): no screen reads the
/// process language. Only the lines the launcher writes to the terminal
/// before or after the window may.
#[test]
fn the_window_never_translates_in_the_process_language() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let process = ["i18n::tr(", "i18n::tra(", "i18n::lang()", ".message()"];
    let mut found = vec![];
    let mut stack = vec![dir];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let terminal_ok = path.ends_with("launch.rs");
        for (n, line) in text.lines().enumerate() {
            if process.iter().any(|p| line.contains(p)) && !(terminal_ok && line.contains("eprintln!")) {
                found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "translate in the window's language:\n{}", found.join("\n"));
}
