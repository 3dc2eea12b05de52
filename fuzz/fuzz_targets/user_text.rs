//! Every parser of text a user types: periods ("2023Q1", "Qé2023"), dates
//! ("15/08/2024"), the numbers of KPI figures ("1.234,5"), deadline prose and
//! the command line's options (the text split at spaces into arguments).
//! None may panic, and what each accepts must read back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tiendo_core::args::Opts;
use tiendo_core::deadline::parse_deadline;
use tiendo_core::domain::{Period, Task};
use tiendo_core::i18n::{Lang, format_date, parse_date, parse_number};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };

    let args: Vec<String> = text.split(' ').map(str::to_owned).collect();
    if let Ok(o) = Opts::parse(&args, &["quarter", "unit", "status", "out", "max-part-size"], &["json", "dry-run", "overdue"]) {
        // Every argument is a positional, a flag or a named value (with its value).
        assert!(o.positional.len() + o.named.len() <= args.len(), "{args:?}");
        assert!(o.named.iter().all(|(n, v)| v.is_some() != ["json", "dry-run", "overdue"].contains(&n.as_str())), "{args:?}");
    }

    if let Ok(p) = Period::parse(text) {
        assert!((1900..=2999).contains(&p.year), "{text:?} → {p:?}");
        assert!(p.quarter.is_none_or(|q| (1..=4).contains(&q)), "{text:?} → {p:?}");
        assert_eq!(Period::parse(&p.to_string()).ok(), Some(p), "{text:?}");
        assert!(p.start() <= p.end());
    }

    if let Some(d) = parse_date(text) {
        let shown = format_date(d);
        // A four-digit year reads back as the same day.
        if (1000..=9999).contains(&chrono::Datelike::year(&d)) {
            assert_eq!(parse_date(&shown), Some(d), "{text:?} → {shown}");
        }
    }

    for lang in [Lang::Vi, Lang::En] {
        if let Some(v) = parse_number(lang, text) {
            assert!(v.is_finite(), "{text:?} → {v}");
        }
    }

    for year in [2023, 2026] {
        let schedule = parse_deadline(text, year);
        let dates = schedule.dates();
        assert!(dates.windows(2).all(|w| w[0] < w[1]), "{text:?}: {dates:?}");
        let task = Task::with_deadline("1.1", text, year);
        if let Some((from, to)) = task.work_period() {
            assert!(from <= to, "{text:?}: {from} > {to}");
            assert!(dates.iter().all(|d| from <= *d && *d <= to), "{text:?}");
        }
        for q in 1..=4 {
            let p = Period::quarter(year, q);
            let due = task.due_in(p);
            // A milestone due in a quarter means the work is in progress in it.
            assert!(due.is_empty() || task.active_in(p), "{text:?} Q{q}");
        }
    }
});
