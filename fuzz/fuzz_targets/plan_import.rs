//! The plan importer: file bytes → rows → plan source → resolved plan, as
//! `tiendo plan import` does. A zip (an `.xlsx` workbook) goes through the
//! Excel reader; anything else through the text decoder (UTF-8, UTF-16,
//! Windows-1258) and the CSV parser.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tiendo_core::plan::PlanSource;
use tiendo_core::plan::import::{ImportOptions, decode, import_table, parse_csv};

fn base() -> &'static PlanSource {
    static BASE: OnceLock<PlanSource> = OnceLock::new();
    BASE.get_or_init(tiendo_core::plan::builtin_source)
}

fuzz_target!(|data: &[u8]| {
    let rows = if data.starts_with(b"PK") {
        match tiendo_core::plan::xlsx::read_rows(data) {
            Ok(r) => r,
            Err(_) => return,
        }
    } else {
        let Ok(text) = decode(data) else { return };
        assert_eq!(tiendo_core::text::nfc(&text), text, "decode gives NFC");
        match parse_csv(&text) {
            Ok(r) => r,
            Err(_) => return,
        }
    };
    let opts = ImportOptions { year: Some(2023), ..Default::default() };
    if let Ok(imported) = import_table(&rows, base(), &opts) {
        let _ = tiendo_core::plan::build(&imported.source);
    }
});
