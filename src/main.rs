// No console window for the GUI on Windows release builds; CLI commands
// attach to the parent console (see `tiendo::cli`).
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

fn main() {
    match tiendo::cli::run(std::env::args().collect()) {
        tiendo::cli::Invocation::Done(code) => std::process::exit(code),
        tiendo::cli::Invocation::Gui(globals) => std::process::exit(tiendo::ui::run(globals)),
    }
}
