//! The plan importer: file bytes (any encoding) → CSV rows → plan source →
//! resolved plan, as `tiendo plan import` does.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tiendo::plan::PlanSource;
use tiendo::plan::import::{ImportOptions, decode, import_table, parse_csv};

fn base() -> &'static PlanSource {
    static BASE: OnceLock<PlanSource> = OnceLock::new();
    BASE.get_or_init(tiendo::plan::builtin_source)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode(data) else { return };
    assert_eq!(tiendo::text::nfc(&text), text, "decode gives NFC");
    let Ok(rows) = parse_csv(&text) else { return };
    let opts = ImportOptions { year: Some(2023), ..Default::default() };
    if let Ok(imported) = import_table(&rows, base(), &opts) {
        let _ = tiendo::plan::build(&imported.source);
    }
});
