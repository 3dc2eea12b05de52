//! The Vietnamese deadline parser: any text, any plan year.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tiendo_core::deadline::parse_deadline;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else { return };
    // Mostly plausible plan years; sometimes any i32.
    let (year, text) = if sel & 0x80 == 0 || rest.len() < 4 {
        (2000 + (sel & 0x7f) as i32, rest)
    } else {
        (i32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]), &rest[4..])
    };
    let Ok(text) = std::str::from_utf8(text) else { return };
    let s = parse_deadline(text, year);
    // Documented: sorted by date, no duplicate dates.
    let dates = s.dates();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "{text:?} {year}: {dates:?}");
    let _ = s.next_due(chrono::NaiveDate::from_ymd_opt(2023, 5, 15).expect("date"));
    serde_json::to_string(&s).expect("schedule serialises");
});
