//! "Today" and the time stamps written to the database. Both follow
//! `TIENDO_TODAY` (YYYY-MM-DD) when it is set, or a date fixed by the program
//! (the demo), so that history, bundles and overdue tasks agree on one day.

use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveDateTime};

static FIXED: OnceLock<NaiveDate> = OnceLock::new();

thread_local! {
    /// A day fixed for this thread only, while [`on_day`] runs.
    static THREAD_DAY: std::cell::Cell<Option<NaiveDate>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with "today" fixed to `day` on this thread only (generated data:
/// a unit's bundle made on the day it would have been sent). Wins over
/// `TIENDO_TODAY` and [`set_today`] while it runs.
pub fn on_day<T>(day: NaiveDate, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<NaiveDate>);
    impl Drop for Restore {
        fn drop(&mut self) {
            THREAD_DAY.with(|d| d.set(self.0));
        }
    }
    let _restore = Restore(THREAD_DAY.with(|d| d.replace(Some(day))));
    f()
}

/// Fixes "today" for the rest of the process (the demo). The first call wins.
pub fn set_today(d: NaiveDate) {
    let _ = FIXED.set(d);
}

/// Today's date: `TIENDO_TODAY`, else a date fixed with [`set_today`], else the system's.
pub fn today() -> NaiveDate {
    if let Some(d) = THREAD_DAY.with(|d| d.get()) {
        return d;
    }
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
