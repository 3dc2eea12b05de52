//! Localisation: every user-visible string comes from `locales/vi.ftl` or
//! `locales/en.ftl` (embedded at build time). Vietnamese is the default and
//! the fallback; numbers and dates are formatted here because fluent does
//! not know Vietnamese number formatting.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use chrono::NaiveDate;
use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

const VI_FTL: &str = include_str!("../../locales/vi.ftl");
const EN_FTL: &str = include_str!("../../locales/en.ftl");

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    #[serde(rename = "vi")]
    Vi,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let c = code.trim().to_ascii_lowercase();
        if c.starts_with("vi") {
            Some(Lang::Vi)
        } else if c.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language's own name ("Tiếng Việt", "English").
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Vi => "Tiếng Việt",
            Lang::En => "English",
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.native_name())
    }
}

struct Bundles {
    vi: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

fn make_bundle(lang: Lang, src: &str) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().expect("valid language id");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    bundle
        .add_builtins()
        .expect("fluent builtins are added once");
    let res = FluentResource::try_new(src.to_owned()).expect("locale file parses");
    bundle.add_resource(res).expect("no duplicate message ids");
    bundle
}

fn bundles() -> &'static Bundles {
    static B: OnceLock<Bundles> = OnceLock::new();
    B.get_or_init(|| Bundles {
        vi: make_bundle(Lang::Vi, VI_FTL),
        en: make_bundle(Lang::En, EN_FTL),
    })
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the process-wide language.
pub fn set_lang(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The process-wide language.
pub fn lang() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Vi,
    }
}

/// The language from the environment (`TIENDO_LANG`, then `LANG`), Vietnamese if unset.
pub fn lang_from_env() -> Lang {
    std::env::var("TIENDO_LANG")
        .ok()
        .and_then(|v| Lang::from_code(&v))
        .or_else(|| std::env::var("LANG").ok().and_then(|v| Lang::from_code(&v)))
        .unwrap_or(Lang::Vi)
}

/// An argument for a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Str(String),
    Num(f64),
    /// Another message (no arguments), translated in the same language.
    Msg(&'static str),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Str(s.clone())
    }
}
macro_rules! arg_from_num {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self { Arg::Num(n as f64) }
        }
    )*};
}
arg_from_num!(i32, i64, u32, u64, usize, f64);

/// Translates message `id` in `lang`.
pub fn t(lang: Lang, id: &str) -> String {
    ta(lang, id, &[])
}

/// Translates message `id` in language `lang` with `args`.
/// A missing id in English falls back to Vietnamese; a missing id everywhere
/// returns the id itself (and a test checks that no id is missing).
///
/// [`t`] and `ta` are the way to translate: the language is always said.
/// The window passes its own language, the command line the one it was
/// started with, a document the language it is printed in.
pub fn ta(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let b = bundles();
    let (first, second) = match lang {
        Lang::Vi => (&b.vi, &b.en),
        Lang::En => (&b.en, &b.vi),
    };
    let mut fargs = FluentArgs::new();
    for (k, v) in args {
        match v {
            // Small whole numbers stay numbers, so that a plural selector
            // (`[one]`) can choose; fluent prints them as the language does.
            Arg::Num(n) if n.fract() == 0.0 && n.abs() < 1000.0 => fargs.set(*k, FluentValue::from(*n as i64)),
            // Other numbers are pre-formatted for the language: fluent would print 1234.5.
            Arg::Num(n) => fargs.set(*k, FluentValue::from(format_number(lang, *n, 2))),
            Arg::Str(s) => fargs.set(*k, FluentValue::from(s.clone())),
            Arg::Msg(id) => fargs.set(*k, FluentValue::from(t(lang, id))),
        }
    }
    for bundle in [first, second] {
        if let Some(msg) = bundle.get_message(id)
            && let Some(pattern) = msg.value()
        {
            let mut errors = vec![];
            return bundle
                .format_pattern(pattern, Some(&fargs), &mut errors)
                .into_owned();
        }
    }
    id.to_owned()
}

/// Translates in the process language: for the command line only, which
/// sets it once from `--lang`/`TIENDO_LANG` (a test keeps the window off it).
pub fn tr(id: &str) -> String {
    t(lang(), id)
}

/// [`tr`] with arguments: for the command line only.
pub fn tra(id: &str, args: &[(&str, Arg)]) -> String {
    ta(lang(), id, args)
}

/// One repair of a task's cell in words: "Cơ quan chủ trì: bản gốc «…» → «…»".
pub fn repair_line(lang: Lang, r: &crate::domain::TaskRepair) -> String {
    let field = match r.field.as_str() {
        "lead" => t(lang, "role-lead"),
        "coordinating" => t(lang, "role-coordinating"),
        "products" => t(lang, "col-products"),
        "deadline" => t(lang, "col-deadline"),
        "description" => t(lang, "repair-field-description"),
        other => other.to_owned(),
    };
    let empty = |s: &str| if s.is_empty() { "—".to_owned() } else { s.to_owned() };
    ta(lang, "repair-line", &[("field", field.into()), ("original", empty(&r.original).into()), ("fixed", empty(&r.fixed).into())])
}

/// Every message id of a locale file (for the completeness test).
pub fn message_ids(lang: Lang) -> Vec<String> {
    let src = match lang {
        Lang::Vi => VI_FTL,
        Lang::En => EN_FTL,
    };
    src.lines()
        .filter_map(|l| {
            let first = l.chars().next()?;
            if !first.is_ascii_alphabetic() {
                return None;
            }
            let (id, _) = l.split_once('=')?;
            Some(id.trim().to_owned())
        })
        .collect()
}

/// Formats a number: Vietnamese "1.234,5", English "1,234.5"; at most
/// `decimals` decimals, trailing zeros dropped.
pub fn format_number(lang: Lang, n: f64, decimals: usize) -> String {
    if !n.is_finite() {
        return "—".to_owned();
    }
    let (thousands, point) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let s = format!("{:.*}", decimals, n.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_owned(), f.trim_end_matches('0').to_owned()),
        None => (s.clone(), String::new()),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(c);
    }
    let mut out = String::new();
    if n < 0.0 && (int != "0" || !frac.is_empty()) {
        out.push('-');
    }
    out.push_str(&grouped);
    if !frac.is_empty() {
        out.push(point);
        out.push_str(&frac);
    }
    out
}

/// Formats a date as dd/mm/yyyy (both languages: the offices' convention).
pub fn format_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Reads a date as people type it: dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"].iter().find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}

/// Reads a number as typed in `lang` ("1.234,5" in Vietnamese; "1,234.5" in English);
/// a plain "12.5" or "12,5" is read as a decimal in both.
pub fn parse_number(lang: Lang, s: &str) -> Option<f64> {
    let s = s.trim().replace([' ', '\u{a0}'], "");
    if s.is_empty() {
        return None;
    }
    let (thousands, point) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let grouped = |s: &str, sep: char| {
        let parts: Vec<&str> = s.split(sep).collect();
        parts.len() > 1 && parts[1..].iter().all(|p| p.len() == 3) && !parts[0].is_empty()
    };
    let int_part = s.split(point).next().unwrap_or("");
    let normal = if grouped(int_part, thousands) {
        s.replace(thousands, "").replace(point, ".")
    } else {
        s.replace(',', ".")
    };
    normal.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Formats a byte count ("1,5 MB").
pub fn format_size(lang: Lang, bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut v = bytes as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    let decimals = if u == 0 { 0 } else { 1 };
    format!("{} {}", format_number(lang, v, decimals), UNITS[u])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_as_offices_type_them() {
        let d = NaiveDate::from_ymd_opt(2023, 3, 7).unwrap();
        for typed in ["07/03/2023", " 7/3/2023 ", "07-03-2023", "07.03.2023", "2023-03-07"] {
            assert_eq!(parse_date(typed), Some(d), "{typed}");
        }
        assert_eq!(parse_date(&format_date(d)), Some(d));
        for bad in ["31/02/2023", "2023/03/07", "", "hôm nay"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn vietnamese_and_english_number_formats() {
        assert_eq!(format_number(Lang::Vi, 1234567.5, 2), "1.234.567,5");
        assert_eq!(format_number(Lang::En, 1234567.5, 2), "1,234,567.5");
        assert_eq!(format_number(Lang::Vi, 98.0, 2), "98");
        assert_eq!(format_number(Lang::Vi, -0.25, 2), "-0,25");
        assert_eq!(format_number(Lang::Vi, 999.0, 0), "999");
        assert_eq!(format_number(Lang::Vi, 1000.0, 0), "1.000");
    }

    #[test]
    fn sizes() {
        assert_eq!(format_size(Lang::Vi, 512), "512 B");
        assert_eq!(format_size(Lang::Vi, 1536), "1,5 KB");
        assert_eq!(format_size(Lang::En, 5 * 1024 * 1024 * 1024), "5 GB");
    }

    #[test]
    fn plural_selectors_choose_by_count() {
        assert_eq!(ta(Lang::En, "ui-plan-saved", &[("count", 1.into())]), "Plan saved (1 change).");
        assert_eq!(ta(Lang::En, "ui-plan-saved", &[("count", 3.into())]), "Plan saved (3 changes).");
        assert_eq!(ta(Lang::Vi, "ui-plan-saved", &[("count", 1.into())]), "Đã lưu kế hoạch (1 thay đổi).");
        assert_eq!(ta(Lang::Vi, "ui-plan-counts", &[("areas", 2.into()), ("tasks", 1234.into())]), "2 lĩnh vực, 1.234 nhiệm vụ");
    }

    #[test]
    fn every_message_exists_in_both_languages() {
        let vi = message_ids(Lang::Vi);
        let en = message_ids(Lang::En);
        assert!(vi.len() > 20, "vi.ftl has messages");
        let missing_en: Vec<_> = vi.iter().filter(|id| !en.contains(id)).collect();
        let missing_vi: Vec<_> = en.iter().filter(|id| !vi.contains(id)).collect();
        assert!(missing_en.is_empty(), "missing in en.ftl: {missing_en:?}");
        assert!(missing_vi.is_empty(), "missing in vi.ftl: {missing_vi:?}");
    }

    #[test]
    fn arguments_are_substituted_without_isolation_marks() {
        let s = ta(Lang::Vi, "err-unknown-task", &[("code", "9.9".into())]);
        assert!(s.contains("9.9"), "{s}");
        assert!(!s.contains('\u{2068}'));
        let e = ta(Lang::En, "err-unknown-task", &[("code", "9.9".into())]);
        assert_ne!(s, e);
    }
}
