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
/// so that output and errors appear there, in UTF-8. A stream the parent
/// redirected to a file or pipe stays redirected.
#[cfg(windows)]
mod console {
    use std::ffi::c_void;
    use std::ptr::null_mut;

    type Handle = *mut c_void;

    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    const STD_OUTPUT_HANDLE: u32 = -11i32 as u32;
    const STD_ERROR_HANDLE: u32 = -12i32 as u32;
    const GENERIC_READ: u32 = 0x8000_0000;
    const GENERIC_WRITE: u32 = 0x4000_0000;
    const FILE_SHARE_READ: u32 = 1;
    const FILE_SHARE_WRITE: u32 = 2;
    const OPEN_EXISTING: u32 = 3;
    const CP_UTF8: u32 = 65001;

    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
        fn GetStdHandle(std_handle: u32) -> Handle;
        fn SetStdHandle(std_handle: u32, handle: Handle) -> i32;
        fn CreateFileW(
            name: *const u16,
            access: u32,
            share: u32,
            security: *mut c_void,
            disposition: u32,
            flags: u32,
            template: Handle,
        ) -> Handle;
        fn GetConsoleOutputCP() -> u32;
        fn SetConsoleOutputCP(code_page: u32) -> i32;
    }

    fn usable(h: Handle) -> bool {
        !h.is_null() && h as isize != -1
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
        let streams = [STD_OUTPUT_HANDLE, STD_ERROR_HANDLE];
        // SAFETY: Win32 calls on this process's standard handles; the only
        // pointer passed is a NUL-terminated UTF-16 string that outlives the call.
        unsafe {
            let given = streams.map(|s| GetStdHandle(s));
            if given.iter().all(|&h| usable(h)) {
                return None; // both redirected (or a console program): nothing to do
            }
            // Fails, changing nothing, when the parent has no console
            // (Explorer, the Start menu) or this process already has one.
            AttachConsole(ATTACH_PARENT_PROCESS);
            let conout: Vec<u16> = "CONOUT$".encode_utf16().chain([0]).collect();
            for (stream, handle) in streams.into_iter().zip(given) {
                if usable(handle) {
                    SetStdHandle(stream, handle); // keep the redirection
                } else if !usable(GetStdHandle(stream)) {
                    // Opening the console's screen buffer fails when there is no console.
                    let h = CreateFileW(
                        conout.as_ptr(),
                        GENERIC_READ | GENERIC_WRITE,
                        FILE_SHARE_READ | FILE_SHARE_WRITE,
                        null_mut(),
                        OPEN_EXISTING,
                        0,
                        null_mut(),
                    );
                    if usable(h) {
                        SetStdHandle(stream, h);
                    }
                }
            }
            let previous_cp = GetConsoleOutputCP();
            if previous_cp == 0 {
                return None; // no console at all
            }
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
