//! The plan importer: file bytes → table → plan source → resolved plan, as
//! `tiendo plan import` does. A zip goes through the Word reader and the
//! Excel reader; anything else through the text decoder (UTF-8, UTF-16,
//! Windows-1258) and the CSV parser.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tiendo_core::plan::PlanSource;
use tiendo_core::plan::import::{ImportOptions, decode, import_table, read_table_bytes};

fn base() -> &'static PlanSource {
    static BASE: OnceLock<PlanSource> = OnceLock::new();
    BASE.get_or_init(tiendo_core::plan::builtin_source)
}

fuzz_target!(|data: &[u8]| {
    let tables = if data.starts_with(b"PK") {
        vec![read_table_bytes(data, "docx"), read_table_bytes(data, "xlsx")]
    } else {
        let Ok(text) = decode(data) else { return };
        assert_eq!(tiendo_core::text::nfc(&text), text, "decode gives NFC");
        vec![read_table_bytes(data, "csv")]
    };
    let opts = ImportOptions { year: Some(2023), ..Default::default() };
    for table in tables.into_iter().flatten() {
        if let Ok(imported) = import_table(&table, base(), &opts) {
            tiendo_core::plan::build(&imported.source).expect("an imported plan builds");
        }
    }
});
