//! The integration test harness: one binary, one module per area.

mod bundle;
mod cli;
mod facade;
mod feedback;
mod harden;
mod loop_;
mod p12;
mod plan;
mod plan_editor;
mod plan_files;
mod redraw;
mod report;
mod org;
mod robust;
mod scale;
mod store;
mod ui;
mod ui_reports;
mod ui_writes;
mod work_period;

use std::path::Path;
use std::process::{Command, Output};

/// Runs the `tiendo` binary on a data folder, in a fixed language and date.
pub fn tiendo(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tiendo"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("TIENDO_LANG", "vi")
        .env("TIENDO_TODAY", "2023-05-15")
        .env("TIENDO_USER", "tester")
        .output()
        .expect("tiendo runs")
}

/// Runs `tiendo` and returns stdout, failing the test with stderr on error.
pub fn ok(data: &Path, args: &[&str]) -> String {
    let out = tiendo(data, args);
    assert!(
        out.status.success(),
        "tiendo {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

pub fn json(data: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(data, args)).expect("valid JSON")
}
