//! Starting the window: the data folder, the renderer (GPU, or software
//! after a failed GPU start), the boot of the app and its daily backup.

use std::path::{Path, PathBuf};

use iced::Task;

use super::{App, Message, Screen, Shortcut, calendar, district, first_run, style};
use crate::cli::Globals;
use crate::i18n::{self, Lang};
use crate::workspace::{InstanceLock, Workspace};

pub fn on_event(event: iced::Event, _status: iced::event::Status, _window: iced::window::Id) -> Option<Message> {
    use iced::keyboard::{Event as K, Key, key::Named};
    match event {
        iced::Event::Keyboard(K::KeyPressed { key, modifiers, .. }) => match key.as_ref() {
            Key::Named(Named::Escape) => Some(Message::Shortcut(Shortcut::Escape)),
            Key::Named(Named::Tab) if !modifiers.command() && !modifiers.alt() => {
                Some(Message::Shortcut(if modifiers.shift() { Shortcut::PreviousField } else { Shortcut::NextField }))
            }
            Key::Character(c) if modifiers.command() && c.eq_ignore_ascii_case("f") => Some(Message::Shortcut(Shortcut::Search)),
            Key::Character(c) if modifiers.command() && c.eq_ignore_ascii_case("n") => Some(Message::Shortcut(Shortcut::AddEvidence)),
            _ => None,
        },
        iced::Event::Window(iced::window::Event::FileDropped(p)) => Some(Message::FileDropped(p)),
        _ => None,
    }
}

/// iced settings: the embedded font as default, a readable text size.
pub fn settings() -> iced::Settings {
    iced::Settings {
        id: Some("tiendo".into()),
        fonts: vec![style::REGULAR.into(), style::BOLD_BYTES.into(), style::SYMBOLS_BYTES.into()],
        default_font: style::FONT,
        default_text_size: iced::Pixels(style::BODY),
        antialiasing: true,
        ..iced::Settings::default()
    }
}

/// Prepares the data folder the window opens on: the user's, or for
/// `--demo` a fresh temporary one filled with a commune's year.
pub(super) fn prepare(globals: &Globals) -> crate::error::Result<(PathBuf, Option<PathBuf>)> {
    if province_demo() {
        return prepare_province(globals);
    }
    if globals.demo {
        let dir = std::env::temp_dir().join(format!("tiendo-demo-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut ws = Workspace::open(&dir)?;
        // Changes in the demo's history are signed by a named clerk.
        ws.set_setting("operator", "Nguyễn Thị Lan")?;
        ws.operator = "Nguyễn Thị Lan".to_owned();
        if std::env::var_os("TIENDO_TODAY").is_none() {
            // The whole demo (history, bundles, overdue) lives on one day of the plan year.
            crate::clock::set_today(crate::demo::demo_today(ws.plan.year));
            ws.today = crate::clock::today();
        }
        ws.set_unit(crate::demo::DEMO_UNIT)?;
        crate::demo::fill_demo(&mut ws, crate::demo::DEMO_UNIT)?;
        if let Some(l) = globals.lang {
            ws.set_setting("lang", l.code())?;
        }
        return Ok((dir.clone(), Some(dir)));
    }
    Ok((crate::workspace::data_dir(globals.data_dir.as_deref())?, None))
}

/// `TIENDO_DEMO=province`: the window opens on the generated 200-unit
/// province (see [`crate::scale`]) as its people's committee, on 20 October
/// of the plan year, most units' bundles of three quarters merged.
pub fn province_demo() -> bool {
    std::env::var("TIENDO_DEMO").is_ok_and(|v| v.trim().eq_ignore_ascii_case("province"))
}

/// The province demo's data folder: a fresh copy of a folder built once per
/// version and kept in the temporary folder (building it — 199 units each
/// exporting three signed bundles — takes a while; copying it does not).
fn prepare_province(globals: &Globals) -> crate::error::Result<(PathBuf, Option<PathBuf>)> {
    let spec = crate::scale::Spec::full(2026);
    let tmp = std::env::temp_dir();
    let cache = tmp.join(format!("tiendo-demo-province-{}-{}", env!("CARGO_PKG_VERSION"), spec.year));
    let complete = cache.join("complete.txt");
    if !complete.exists() {
        let _ = std::fs::remove_dir_all(&cache);
        let work = tmp.join(format!("tiendo-demo-province-work-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&work);
        let data = cache.join("data");
        let progress = |done: usize, total: usize| {
            if done % 10 == 0 || done == total {
                eprintln!("{}", i18n::tra("scale-demo-building", &[("done", done.into()), ("total", total.into())]));
            }
        };
        let ws = crate::scale::build_demo(&data, &work, &spec, &progress)?;
        ws.set_setting("operator", "Trần Văn Minh")?;
        drop(ws);
        let _ = std::fs::remove_dir_all(&work);
        std::fs::write(&complete, b"ok")?;
    }
    let dir = tmp.join(format!("tiendo-demo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    crate::fsutil::copy_dir(&cache.join("data"), &dir)?;
    if std::env::var_os("TIENDO_TODAY").is_none() {
        crate::clock::set_today(crate::scale::demo_day(spec.year));
    }
    if let Some(l) = globals.lang {
        Workspace::open(&dir)?.set_setting("lang", l.code())?;
    }
    Ok((dir.clone(), Some(dir)))
}

/// A window's claim on its data folder, made before any window opens.
pub struct Start {
    /// Held while the window is open: a second window on the folder is refused.
    pub lock: InstanceLock,
    /// The workspace, opened (and migrated) before the window.
    pub ws: Workspace,
    /// Whether the software renderer is to be used (stored setting, or a GPU start that died).
    pub software: bool,
    /// Present while the GPU path starts; removed when dropped.
    pub marker: Option<GpuMarker>,
}

/// The file that says "a GPU start is under way". If the process dies while
/// it exists (some drivers kill it outright), the next start finds it.
#[derive(Debug)]
pub struct GpuMarker(pub PathBuf);

impl Drop for GpuMarker {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The name of the GPU-start marker in the data folder.
pub const GPU_MARKER: &str = "gpu-start.marker";

/// Claims `dir` for a window: the single-instance lock first (a second
/// start stops here and changes nothing), then the database (an error stops
/// here, before any marker is written), then the renderer. `backend_forced`:
/// `ICED_BACKEND` is set, so the choice is not ours.
pub fn start_window(dir: &Path, backend_forced: bool) -> crate::error::Result<Start> {
    let lock = InstanceLock::acquire(dir)?;
    let ws = Workspace::open(dir)?;
    let marker = dir.join(GPU_MARKER);
    let mut start = Start { lock, software: false, marker: None, ws };
    if backend_forced {
        return Ok(start);
    }
    if start.ws.setting("renderer")?.as_deref() == Some("tiny-skia") {
        start.software = true;
    } else if marker.exists() {
        // The last GPU start died: the CPU renderer from now on (Settings can switch back).
        let _ = std::fs::remove_file(&marker);
        start.ws.set_setting("renderer", "tiny-skia")?;
        eprintln!("{}", i18n::tr("ui-gpu-crashed"));
        start.software = true;
    } else if std::fs::write(&marker, b"starting").is_ok() {
        start.marker = Some(GpuMarker(marker));
    }
    Ok(start)
}

pub(super) fn boot(dir: &Path, globals: &Globals, opened: &std::sync::Mutex<Option<Workspace>>) -> (App, Task<Message>) {
    let lang = globals.lang.or_else(|| std::env::var("TIENDO_LANG").ok().and_then(|l| Lang::from_code(&l)));
    let opened = opened.lock().ok().and_then(|mut w| w.take());
    let mut ws = match opened.map_or_else(|| Workspace::open(dir), Ok) {
        Ok(ws) => ws,
        Err(e) => {
            // The window cannot work without its database: say why and stop
            // (leaving no GPU-start marker that would blame the GPU).
            let _ = std::fs::remove_file(dir.join(GPU_MARKER));
            eprintln!("{}", i18n::tra("cli-error", &[("message", e.message().into())]));
            std::process::exit(1);
        }
    };
    if (globals.demo || province_demo()) && std::env::var_os("TIENDO_TODAY").is_none() {
        ws.today = crate::demo::demo_today(ws.plan.year);
    }
    let mut app = App::new(ws, dir.to_owned(), lang);
    if let Ok(start) = std::env::var("TIENDO_START_SCREEN") {
        app.start_on(&start);
    }
    let lang = app.lang;
    (app, auto_backup(dir.to_owned(), lang))
}

/// The daily rotating backup, on a thread and connection of its own so the
/// window never waits for it; its end is reported to the window (in `lang`).
pub fn auto_backup(dir: PathBuf, lang: Lang) -> Task<Message> {
    Task::perform(
        async move {
            let (tx, rx) = iced::futures::channel::oneshot::channel();
            std::thread::spawn(move || {
                let _ = tx.send(Workspace::open(&dir).and_then(|w| w.auto_backup()).map(|made| made.is_some()).map_err(|e| e.message_in(lang)));
            });
            rx.await.unwrap_or(Ok(false))
        },
        Message::AutoBackup,
    )
}

impl App {
    /// Opens a screen by name (`TIENDO_START_SCREEN`).
    pub fn start_on(&mut self, name: &str) {
        let (name, arg) = name.split_once(':').unwrap_or((name, ""));
        if self.ws.unit.is_none() {
            // The first run's choice: `first-run:package` | `first-run:new-org`
            // | `first-run:package:FILE.zip` (that package chosen).
            if name == "first-run" {
                let (arg, file) = arg.split_once(':').unwrap_or((arg, ""));
                self.first_run.start = match arg {
                    "package" => first_run::Start::Package,
                    "new-org" => first_run::Start::NewOrg,
                    _ => first_run::Start::Example,
                };
                if !file.is_empty() {
                    let _ = self.plan_package_picked(PathBuf::from(file));
                }
            }
            return;
        }
        match name {
            "tasks" => self.screen = Screen::Tasks,
            "task" => self.open_task(arg),
            "calendar" => {
                self.screen = Screen::Calendar;
                let mode = match arg {
                    "quarter" => calendar::Mode::Quarter,
                    "agenda" => calendar::Mode::Agenda,
                    _ => calendar::Mode::Month,
                };
                let _ = self.calendar.update(calendar::Message::Mode(mode), self.ws.today);
            }
            "kpis" => self.screen = Screen::Kpis,
            "reports" => self.screen = Screen::Reports,
            "district" if self.is_district() => {
                self.screen = Screen::District;
                self.district.tab = district::Tab::from_name(arg).unwrap_or_default();
            }
            // `review:UNIT:TASK`: the review dialog of a unit's task over the status matrix.
            "review" if self.is_district() => {
                self.screen = Screen::District;
                self.district.tab = district::Tab::Status;
                let (unit, task) = arg.split_once(':').unwrap_or((arg, ""));
                self.review = super::review::State::open(&self.ws, unit, task, &self.district.quarters.period().to_string()).ok();
            }
            // `drop`: the list of the drop folder's packages (filled by the first look).
            "drop" => {
                self.screen = Screen::Dashboard;
                self.drops.open = true;
            }
            // `dashboard:requests`: the requests of the office above unfolded.
            "dashboard" if arg == "requests" => {
                self.screen = Screen::Dashboard;
                self.dashboard.show_requests = true;
            }
            "settings" if arg == "org" => self.screen = Screen::Org,
            // `import:FILE`: the preview of a plan file (read only; nothing is saved).
            "import" => {
                self.screen = Screen::Settings;
                self.read_plan_file_now(std::path::Path::new(arg));
            }
            // `plan` | `plan:targets` | `plan:plans` | `plan:task:CODE` | `plan:target:CODE` | `plan:new`
            "plan" => {
                self.screen = Screen::Plan;
                self.refresh();
                self.plan_edit.start_on(arg, &self.ws.org, self.lang);
                return;
            }
            "settings" => self.screen = Screen::Settings,
            _ => self.screen = Screen::Dashboard,
        }
        self.refresh();
    }
}

/// Opens the window; returns the process exit code.
pub fn run(globals: Globals) -> i32 {
    let (dir, temp) = match prepare(&globals) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("{}", i18n::tra("cli-error", &[("message", e.message().into())]));
            return 1;
        }
    };
    // One window per data folder; the database opened before the window;
    // software rendering if stored or if the last GPU start died. Some
    // drivers kill the process outright while the GPU path starts (no error
    // to catch): a marker is left for the time the start takes.
    let start = match start_window(&dir, std::env::var_os("ICED_BACKEND").is_some()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{}", i18n::tra("cli-error", &[("message", e.message().into())]));
            if let Some(tmp) = temp {
                let _ = std::fs::remove_dir_all(tmp);
            }
            return 1;
        }
    };
    if start.software {
        set_backend_env();
    }
    let Start { lock, ws, marker, .. } = start;
    if let Some(m) = &marker {
        let m = m.0.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs(8));
            let _ = std::fs::remove_file(m);
        });
    }
    let result = {
        let dir = dir.clone();
        let g = globals.clone();
        let opened = std::sync::Mutex::new(Some(ws));
        std::panic::catch_unwind(move || {
            iced::application(move || boot(&dir, &g, &opened), App::update, App::view)
                .title(App::title)
                .theme(App::theme)
                .subscription(App::subscription)
                .settings(settings())
                .window(iced::window::Settings {
                    size: iced::Size::new(1280.0, 740.0),
                    min_size: Some(iced::Size::new(1100.0, 660.0)),
                    ..iced::window::Settings::default()
                })
                .run()
        })
    };
    drop(marker);
    // The folder is free again (a software retry takes the lock in its own process).
    drop(lock);
    let code = match result {
        Ok(Ok(())) => 0,
        failed => {
            let detail = match &failed {
                Ok(Err(e)) => e.to_string(),
                _ => "panic".to_owned(),
            };
            let already_software = std::env::var("ICED_BACKEND").is_ok_and(|b| b.contains("tiny-skia"));
            if already_software {
                eprintln!("{}", i18n::tra("ui-window-failed", &[("detail", detail.into())]));
                1
            } else {
                // The GPU path failed: start again with the CPU renderer.
                eprintln!("{}", i18n::tra("ui-window-retry", &[("detail", detail.into())]));
                retry_with_software()
            }
        }
    };
    if let Some(tmp) = temp {
        let _ = std::fs::remove_dir_all(tmp);
    }
    code
}

pub(super) fn set_backend_env() {
    // SAFETY: called on the main thread before iced or any worker thread starts.
    unsafe { std::env::set_var("ICED_BACKEND", "tiny-skia") };
}

/// Runs this program again with `ICED_BACKEND=tiny-skia` (a winit event loop
/// cannot be created twice in one process).
pub(super) fn retry_with_software() -> i32 {
    let Ok(exe) = std::env::current_exe() else { return 1 };
    std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env("ICED_BACKEND", "tiny-skia")
        .status()
        .map(|s| s.code().unwrap_or(1))
        .unwrap_or(1)
}
