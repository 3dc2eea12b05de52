//! "Today" and the time stamps written to the database. Both follow
//! `TIENDO_TODAY` (YYYY-MM-DD) when it is set, or a date fixed by the program
//! (the demo), so that history, bundles and overdue tasks agree on one day.

use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveDateTime};

static FIXED: OnceLock<NaiveDate> = OnceLock::new();

/// Fixes "today" for the rest of the process (the demo). The first call wins.
pub fn set_today(d: NaiveDate) {
    let _ = FIXED.set(d);
}

/// Today's date: `TIENDO_TODAY`, else a date fixed with [`set_today`], else the system's.
pub fn today() -> NaiveDate {
    std::env::var("TIENDO_TODAY")
        .ok()
        .and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
        .or_else(|| FIXED.get().copied())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Now, local time, on [`today`]'s date.
pub fn now() -> NaiveDateTime {
    today().and_time(chrono::Local::now().time())
}

/// Now as stored: "2023-03-31T14:05:00".
pub fn now_stamp() -> String {
    now().format("%Y-%m-%dT%H:%M:%S").to_string()
}
