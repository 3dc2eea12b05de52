// No console window for the GUI on Windows release builds; CLI commands
// attach to the parent console (see `console` below).
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let console_guard = console::attach_if_cli(&args);
    match tiendo::cli::run(args) {
        tiendo::cli::Invocation::Done(code) => {
            use std::io::Write;
            let _ = std::io::stdout().flush();
            drop(console_guard);
            std::process::exit(code)
        }
        tiendo::cli::Invocation::Gui(globals) => std::process::exit(tiendo::ui::run(globals)),
    }
}

/// Does `args` ask for a command (anything but the window's own options)?
/// Mirrors the global options of `tiendo::cli::run`.
#[cfg_attr(not(windows), allow(dead_code))]
fn is_cli(args: &[String]) -> bool {
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--data-dir" | "--lang" => {
                it.next();
            }
            "--demo" => {}
            _ => return true,
        }
    }
    false
}

/// A release build on Windows is a GUI-subsystem program: started from
/// Explorer or the Start menu it gets no console, so no black window flashes.
/// Run from cmd.exe or PowerShell with a command, it attaches to that console
/// so that output and errors appear there, in UTF-8. Output redirected to a
/// file or pipe needs none of this and is left alone.
#[cfg(windows)]
mod console {
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    const CP_UTF8: u32 = 65001;

    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
        fn GetConsoleOutputCP() -> u32;
        fn SetConsoleOutputCP(code_page: u32) -> i32;
    }

    /// While alive, the parent console's code page is UTF-8; the previous one
    /// is put back on drop, so the user's console is as it was.
    pub struct Attached {
        previous_cp: u32,
    }

    impl Drop for Attached {
        fn drop(&mut self) {
            if self.previous_cp != 0 && self.previous_cp != CP_UTF8 {
                // SAFETY: plain Win32 call with a code page the console had.
                unsafe { SetConsoleOutputCP(self.previous_cp) };
            }
        }
    }

    pub fn attach_if_cli(args: &[String]) -> Option<Attached> {
        if !super::is_cli(args) {
            return None;
        }
        // SAFETY: plain Win32 calls without pointers. AttachConsole fails (and
        // nothing changes) when the parent has no console or when this process
        // already has one (a debug build, a console-subsystem run).
        unsafe {
            if AttachConsole(ATTACH_PARENT_PROCESS) == 0 {
                return None;
            }
            let previous_cp = GetConsoleOutputCP();
            SetConsoleOutputCP(CP_UTF8);
            Some(Attached { previous_cp })
        }
    }
}

#[cfg(not(windows))]
mod console {
    pub struct Attached;

    /// Other systems start every program with its terminal: nothing to do.
    pub fn attach_if_cli(_args: &[String]) -> Option<Attached> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::is_cli;

    fn args(a: &[&str]) -> Vec<String> {
        std::iter::once("tiendo").chain(a.iter().copied()).map(String::from).collect()
    }

    #[test]
    fn window_options_alone_open_the_window() {
        assert!(!is_cli(&args(&[])));
        assert!(!is_cli(&args(&["--demo"])));
        assert!(!is_cli(&args(&["--data-dir", "plan", "--lang", "en", "--demo"])));
    }

    #[test]
    fn commands_and_info_flags_are_cli() {
        assert!(is_cli(&args(&["--version"])));
        assert!(is_cli(&args(&["--help"])));
        assert!(is_cli(&args(&["--data-dir", "D", "plan", "show"])));
        assert!(is_cli(&args(&["tasks", "--unit", "X-ANT"])));
    }
}
