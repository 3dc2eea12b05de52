//! Calendar helpers (all fallible, never panicking).

use chrono::{Datelike, NaiveDate};

pub(super) fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    match month {
        12 => NaiveDate::from_ymd_opt(year, 12, 31),
        1..=11 => NaiveDate::from_ymd_opt(year, month + 1, 1)?.pred_opt(),
        _ => None,
    }
}

pub(super) fn quarter_end_opt(year: i32, q: u32) -> Option<NaiveDate> {
    if (1..=4).contains(&q) {
        month_end(year, q * 3)
    } else {
        None
    }
}

pub(super) fn year_end(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 12, 31)
}

/// Day `day` of the month, or the month's last day when it is shorter.
pub(super) fn clamped_day(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let last = month_end(year, month)?;
    if day == 0 {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day.min(last.day()))
}
