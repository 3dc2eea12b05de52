//! Tests of the deadline parser.

use super::calendar::month_end;
use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn dates(text: &str, year: i32) -> Vec<NaiveDate> {
    parse_deadline(text, year).dates()
}

fn quarters(y: i32) -> Vec<NaiveDate> {
    vec![d(y, 3, 31), d(y, 6, 30), d(y, 9, 30), d(y, 12, 31)]
}

fn labels(s: &Schedule) -> Vec<&str> {
    s.milestones.iter().map(|m| m.label.as_str()).collect()
}

// --- the cells of the real plan (plan year 2023) ---------------------

#[test]
fn seed_flags_only() {
    let s = parse_deadline("Khi có phát sinh", 2023);
    assert!(s.on_demand && !s.continuous && !s.external && !s.unparsed);
    assert!(s.milestones.is_empty());

    let s = parse_deadline("Theo Kế hoạch của Thành phố", 2023);
    assert!(s.external && !s.on_demand && !s.unparsed);
    assert!(s.milestones.is_empty());

    let s = parse_deadline("Thường xuyên", 2023);
    assert!(s.continuous && !s.on_demand && !s.external && !s.unparsed);
    assert!(s.milestones.is_empty());
}

#[test]
fn seed_single_dates() {
    let s = parse_deadline("Hoàn thành trong tháng 10 năm 2023", 2023);
    assert_eq!(s.dates(), vec![d(2023, 10, 31)]);
    assert_eq!(labels(&s), vec![""]);
    assert!(!s.unparsed && !s.on_demand && !s.continuous && !s.external);

    assert_eq!(dates("Quý I năm 2023", 2023), vec![d(2023, 3, 31)]);
    assert_eq!(dates("Trong năm 2023", 2023), vec![d(2023, 12, 31)]);
    assert_eq!(dates("Trong Quý II năm 2023", 2023), vec![d(2023, 6, 30)]);
}

#[test]
fn seed_last_month_of_quarter() {
    let s = parse_deadline("Chậm nhất ngày 07 tháng cuối cùng của quý", 2023);
    assert_eq!(
        s.dates(),
        vec![d(2023, 3, 7), d(2023, 6, 7), d(2023, 9, 7), d(2023, 12, 7)]
    );
    assert!(s.milestones.iter().all(|m| m.label.is_empty()));
}

#[test]
fn seed_trailing_product_words() {
    let s = parse_deadline("Quý I năm 2023; Kế hoạch", 2023);
    assert_eq!(s.dates(), vec![d(2023, 3, 31)]);
    assert_eq!(labels(&s), vec!["Kế hoạch"]);

    let s = parse_deadline("Quý I năm 2023; ban hành Kế hoạch", 2023);
    assert_eq!(s.dates(), vec![d(2023, 3, 31)]);
    assert_eq!(labels(&s), vec!["ban hành Kế hoạch"]);

    let s = parse_deadline("Quy I năm 2023; Ban hành Kế hoạch.", 2023);
    assert_eq!(s.dates(), vec![d(2023, 3, 31)]);
    assert_eq!(labels(&s), vec!["Ban hành Kế hoạch"]);
    assert!(!s.unparsed);
}

#[test]
fn seed_on_demand_and_quarterly() {
    let s = parse_deadline("Khi phát sinh Định kỳ hàng quý", 2023);
    assert!(s.on_demand && !s.unparsed);
    assert_eq!(s.dates(), quarters(2023));
}

#[test]
fn seed_multi_milestone_cell() {
    let s = parse_deadline(
        "- Quý I năm 2023: Thông báo lịch kiểm tra công vụ - Kiểm tra thường xuyên trong năm 2023. - Báo cáo trong tháng 11 năm 2023",
        2023,
    );
    assert_eq!(
        s.dates(),
        vec![d(2023, 3, 31), d(2023, 11, 30), d(2023, 12, 31)]
    );
    assert_eq!(
        labels(&s),
        vec!["Thông báo lịch kiểm tra công vụ", "Báo cáo", "Kiểm tra"]
    );
    assert!(s.continuous && !s.on_demand && !s.external && !s.unparsed);
}

#[test]
fn every_cell_of_the_seed_table_is_understood() {
    let cells = [
        "Khi có phát sinh",
        "Hoàn thành trong tháng 10 năm 2023",
        "Theo Kế hoạch của Thành phố",
        "Thường xuyên",
        "Quý I năm 2023",
        "Chậm nhất ngày 07 tháng cuối cùng của quý",
        "Trong năm 2023",
        "Quý I năm 2023; Kế hoạch",
        "Quý I năm 2023; ban hành Kế hoạch",
        "Khi phát sinh Định kỳ hàng quý",
        "Trong Quý II năm 2023",
        "Quy I năm 2023; Ban hành Kế hoạch.",
        "- Quý I năm 2023: Thông báo lịch kiểm tra công vụ - Kiểm tra thường xuyên trong năm 2023. - Báo cáo trong tháng 11 năm 2023",
    ];
    for cell in cells {
        let s = parse_deadline(cell, 2023);
        assert!(!s.unparsed, "{cell}");
        assert!(s.dates().iter().all(|d| d.year() == 2023), "{cell}");
    }
}

// --- quarters ----------------------------------------------------------

#[test]
fn quarters_roman_arabic_and_spelling() {
    assert_eq!(dates("quý 2/2024", 2023), vec![d(2024, 6, 30)]);
    assert_eq!(dates("Quý III/2024", 2023), vec![d(2024, 9, 30)]);
    assert_eq!(dates("quy III nam 2024", 2023), vec![d(2024, 9, 30)]);
    assert_eq!(dates("QUÝ IV NĂM 2024", 2023), vec![d(2024, 12, 31)]);
    assert_eq!(dates("quý 4", 2025), vec![d(2025, 12, 31)]);
    assert_eq!(dates("Quý hai năm 2024", 2023), vec![d(2024, 6, 30)]);
    assert_eq!(dates("Q1/2024", 2023), vec![d(2024, 3, 31)]);
    assert_eq!(dates("cuối quý II năm 2024", 2023), vec![d(2024, 6, 30)]);
    assert_eq!(dates("đầu quý II năm 2024", 2023), vec![d(2024, 4, 30)]);
}

#[test]
fn explicit_year_wins_over_plan_year() {
    assert_eq!(dates("Quý I năm 2023", 2024), vec![d(2023, 3, 31)]);
    assert_eq!(dates("Quý I", 2024), vec![d(2024, 3, 31)]);
    assert_eq!(dates("Quý I năm nay", 2024), vec![d(2024, 3, 31)]);
    assert_eq!(dates("Quý I năm sau", 2024), vec![d(2025, 3, 31)]);
}

#[test]
fn quarter_lists_and_ranges() {
    assert_eq!(
        dates("Quý I, II năm 2024", 2023),
        vec![d(2024, 3, 31), d(2024, 6, 30)]
    );
    assert_eq!(
        dates("Quý I và Quý III", 2023),
        vec![d(2023, 3, 31), d(2023, 9, 30)]
    );
    assert_eq!(
        dates("từ quý I đến quý III năm 2024", 2023),
        vec![d(2024, 9, 30)]
    );
}

#[test]
fn quarter_helpers() {
    assert_eq!(quarter_end(2023, 1), d(2023, 3, 31));
    assert_eq!(quarter_end(2023, 2), d(2023, 6, 30));
    assert_eq!(quarter_end(2023, 3), d(2023, 9, 30));
    assert_eq!(quarter_end(2023, 4), d(2023, 12, 31));
    assert_eq!(quarter_end(2023, 0), d(2023, 3, 31));
    assert_eq!(quarter_end(2023, 9), d(2023, 12, 31));
    assert_eq!(quarter_end(i32::MAX, 1), NaiveDate::MAX);
    assert_eq!(quarter_of(d(2024, 1, 1)), 1);
    assert_eq!(quarter_of(d(2024, 3, 31)), 1);
    assert_eq!(quarter_of(d(2024, 4, 1)), 2);
    assert_eq!(quarter_of(d(2024, 9, 30)), 3);
    assert_eq!(quarter_of(d(2024, 12, 31)), 4);
}

// --- months ------------------------------------------------------------

#[test]
fn months() {
    assert_eq!(dates("tháng 10 năm 2023", 2023), vec![d(2023, 10, 31)]);
    assert_eq!(dates("Tháng 5/2024", 2023), vec![d(2024, 5, 31)]);
    assert_eq!(
        dates("trong tháng 11 năm 2023", 2023),
        vec![d(2023, 11, 30)]
    );
    assert_eq!(dates("THANG 4", 2023), vec![d(2023, 4, 30)]);
    assert_eq!(dates("10/2023", 2020), vec![d(2023, 10, 31)]);
    assert_eq!(
        dates("tháng 3, 6 và 9 năm 2024", 2023),
        vec![d(2024, 3, 31), d(2024, 6, 30), d(2024, 9, 30)]
    );
    assert_eq!(
        dates("từ tháng 3 đến tháng 5 năm 2024", 2023),
        vec![d(2024, 5, 31)]
    );
    assert_eq!(dates("đầu tháng 3 năm 2024", 2023), vec![d(2024, 3, 10)]);
    assert_eq!(dates("giữa tháng 3 năm 2024", 2023), vec![d(2024, 3, 15)]);
}

#[test]
fn leap_years() {
    assert_eq!(dates("cuối tháng 2 năm 2024", 2023), vec![d(2024, 2, 29)]);
    assert_eq!(dates("cuối tháng 2 năm 2023", 2023), vec![d(2023, 2, 28)]);
    assert_eq!(dates("tháng 2", 2024), vec![d(2024, 2, 29)]);
    assert_eq!(dates("29/02/2024", 2023), vec![d(2024, 2, 29)]);
    let s = parse_deadline("29/02/2023", 2023);
    assert!(s.milestones.is_empty() && s.unparsed);
    assert!(parse_deadline("ngày 31 tháng 2 năm 2024", 2024).unparsed);
    assert!(parse_deadline("31/04/2024", 2024).unparsed);
}

// --- explicit dates ----------------------------------------------------

#[test]
fn explicit_dates() {
    let aug15 = vec![d(2024, 8, 15)];
    assert_eq!(dates("15/8/2024", 2023), aug15);
    assert_eq!(dates("15-08-2024", 2023), aug15);
    assert_eq!(dates("15.08.2024", 2023), aug15);
    assert_eq!(dates("2024-08-15", 2023), aug15);
    assert_eq!(dates("ngày 15 tháng 8 năm 2024", 2023), aug15);
    assert_eq!(dates("Ngày 15/8", 2024), aug15);
    assert_eq!(dates("ngày 15/8 năm 2024", 2023), aug15);
    assert_eq!(dates("chậm nhất ngày 15/8/2024", 2023), aug15);
    assert_eq!(dates("Trước ngày 15/8/2024", 2023), aug15);
    assert_eq!(dates("hạn chót 15/08/2024", 2023), aug15);
    assert_eq!(dates("15 tháng 8 năm 2024", 2023), aug15);
    let s = parse_deadline("Trước ngày 15/8/2024", 2023);
    assert_eq!(labels(&s), vec![""]);
}

#[test]
fn bare_day_month_needs_a_deadline_word() {
    assert_eq!(dates("Trước 15/8", 2024), vec![d(2024, 8, 15)]);
    assert_eq!(dates("chậm nhất 30/6", 2023), vec![d(2023, 6, 30)]);
    // A cell that is only a day and month is that date; among words, it is no date.
    assert_eq!(dates("15/8", 2024), vec![d(2024, 8, 15)]);
    assert!(parse_deadline("3/5 xã", 2024).unparsed);
    // A list of day/month dates joined by "và", "hoặc" or commas.
    assert_eq!(dates("Trước ngày 15/6 và 15/12", 2024), vec![d(2024, 6, 15), d(2024, 12, 15)]);
    assert_eq!(
        dates("Định kỳ 6 tháng, trước ngày 15/6 và 15/12", 2024),
        vec![d(2024, 6, 15), d(2024, 12, 15)]
    );
    assert_eq!(
        dates("chậm nhất 15/3, 15/6, 15/9, 15/12", 2025),
        vec![d(2025, 3, 15), d(2025, 6, 15), d(2025, 9, 15), d(2025, 12, 15)]
    );
    // Two day/months joined open a list of dates by themselves.
    assert_eq!(dates("3/5 và 2/7", 2024), vec![d(2024, 5, 3), d(2024, 7, 2)]);
}

#[test]
fn annual_date_is_one_date() {
    assert_eq!(
        dates("ngày 15 tháng 12 hằng năm", 2023),
        vec![d(2023, 12, 15)]
    );
    assert_eq!(dates("ngày 15/8/2024 hằng năm", 2023), vec![d(2024, 8, 15)]);
}

#[test]
fn date_ranges_keep_the_end() {
    assert_eq!(dates("quý I - II/2024", 2023), vec![d(2024, 6, 30)]);
    assert_eq!(dates("Quý I-II năm 2024", 2023), vec![d(2024, 6, 30)]);
    assert_eq!(dates("tháng 10 - 12/2023", 2022), vec![d(2023, 12, 31)]);
    assert_eq!(dates("Năm 2023 - 2025", 2023), vec![d(2025, 12, 31)]);
    assert_eq!(
        dates("từ ngày 01/3 đến ngày 15/3/2024", 2023),
        vec![d(2024, 3, 15)]
    );
    assert_eq!(dates("Giai đoạn 2021-2025", 2023), vec![d(2025, 12, 31)]);
    assert_eq!(dates("năm 2021-2025", 2023), vec![d(2025, 12, 31)]);
}

// --- years and parts of the year ---------------------------------------

#[test]
fn years_and_parts() {
    assert_eq!(dates("năm 2023", 2020), vec![d(2023, 12, 31)]);
    assert_eq!(dates("cả năm", 2023), vec![d(2023, 12, 31)]);
    assert_eq!(dates("trong năm", 2024), vec![d(2024, 12, 31)]);
    assert_eq!(dates("Cuối năm", 2023), vec![d(2023, 12, 31)]);
    assert_eq!(dates("đầu năm", 2023), vec![d(2023, 3, 31)]);
    assert_eq!(dates("giữa năm 2024", 2023), vec![d(2024, 6, 30)]);
    assert_eq!(dates("6 tháng đầu năm", 2023), vec![d(2023, 6, 30)]);
    assert_eq!(dates("9 tháng đầu năm 2024", 2023), vec![d(2024, 9, 30)]);
    assert_eq!(dates("sáu tháng đầu năm", 2023), vec![d(2023, 6, 30)]);
    assert_eq!(dates("6 tháng cuối năm", 2023), vec![d(2023, 12, 31)]);
}

// --- recurrences -------------------------------------------------------

#[test]
fn recurring_quarters_months_years() {
    assert_eq!(dates("định kỳ hằng quý", 2023), quarters(2023));
    assert_eq!(dates("Hàng quý", 2023), quarters(2023));
    assert_eq!(dates("mỗi quý", 2023), quarters(2023));
    assert_eq!(dates("Báo cáo cuối quý", 2023), quarters(2023));
    assert_eq!(
        dates("Định kỳ hằng quý trong năm 2024", 2023),
        quarters(2024)
    );
    let monthly: Vec<NaiveDate> = (1..=12).map(|m| month_end(2024, m).unwrap()).collect();
    assert_eq!(dates("hằng tháng", 2024), monthly);
    assert_eq!(dates("Hàng tháng", 2024), monthly);
    assert_eq!(dates("mỗi tháng", 2024), monthly);
    assert_eq!(monthly[1], d(2024, 2, 29));
    let half = vec![d(2023, 6, 30), d(2023, 12, 31)];
    assert_eq!(dates("6 tháng", 2023), half);
    assert_eq!(dates("định kỳ 6 tháng", 2023), half);
    assert_eq!(dates("Sáu tháng", 2023), half);
    assert_eq!(dates("định kỳ 3 tháng", 2023), quarters(2023));
    assert_eq!(dates("hằng năm", 2023), vec![d(2023, 12, 31)]);
    assert_eq!(dates("Hàng năm", 2023), vec![d(2023, 12, 31)]);
}

#[test]
fn recurring_days() {
    assert_eq!(
        dates("ngày 15 của tháng cuối quý", 2024),
        vec![
            d(2024, 3, 15),
            d(2024, 6, 15),
            d(2024, 9, 15),
            d(2024, 12, 15)
        ]
    );
    assert_eq!(
        dates("ngày 25 hàng quý", 2024),
        vec![
            d(2024, 3, 25),
            d(2024, 6, 25),
            d(2024, 9, 25),
            d(2024, 12, 25)
        ]
    );
    assert_eq!(
        dates("chậm nhất ngày 10 tháng đầu của quý", 2024),
        vec![
            d(2024, 1, 10),
            d(2024, 4, 10),
            d(2024, 7, 10),
            d(2024, 10, 10)
        ]
    );
    let s = dates("trước ngày 20 hằng tháng", 2023);
    assert_eq!(s.len(), 12);
    assert_eq!(s[0], d(2023, 1, 20));
    assert_eq!(s[11], d(2023, 12, 20));
    let s = dates("ngày 31 hằng tháng", 2023);
    assert_eq!(s[1], d(2023, 2, 28));
    assert_eq!(s[3], d(2023, 4, 30));
    assert_eq!(s[11], d(2023, 12, 31));
    assert_eq!(
        dates("ngày 31 tháng cuối quý", 2023),
        vec![
            d(2023, 3, 31),
            d(2023, 6, 30),
            d(2023, 9, 30),
            d(2023, 12, 31)
        ]
    );
}

// --- flags -------------------------------------------------------------

#[test]
fn flags_and_combinations() {
    assert!(parse_deadline("khi phát sinh", 2023).on_demand);
    assert!(parse_deadline("Khi có yêu cầu", 2023).on_demand);
    assert!(parse_deadline("KHI CO PHAT SINH", 2023).on_demand);
    // Asked for by someone: on demand, whoever asks.
    for p in ["Theo yêu cầu của Sở Nội vụ", "Theo chỉ đạo của Chủ tịch UBND xã", "theo đề nghị của Phòng Nội vụ"] {
        let s = parse_deadline(p, 2023);
        assert!(s.on_demand && !s.external && s.milestones.is_empty(), "{p}");
    }
    let s = parse_deadline("Theo hướng dẫn của cấp trên", 2023);
    assert!(s.external && s.milestones.is_empty());
    let s = parse_deadline("Thường xuyên; báo cáo trong tháng 12 năm 2023", 2023);
    assert!(s.continuous);
    assert_eq!(s.dates(), vec![d(2023, 12, 31)]);
    assert_eq!(labels(&s), vec!["báo cáo"]);
    let s = parse_deadline("Theo kế hoạch của Thành phố, dự kiến Quý III/2024", 2023);
    assert!(s.external);
    assert_eq!(s.dates(), vec![d(2024, 9, 30)]);
}

// --- labels and segmentation -------------------------------------------

#[test]
fn labels_from_several_lines() {
    let s = parse_deadline(
        "Kế hoạch: Quý I/2024\nBáo cáo sơ kết: 6 tháng đầu năm 2024\n+ Báo cáo tổng kết trước ngày 15/12/2024",
        2023,
    );
    assert_eq!(
        s.dates(),
        vec![d(2024, 3, 31), d(2024, 6, 30), d(2024, 12, 15)]
    );
    assert_eq!(
        labels(&s),
        vec!["Kế hoạch", "Báo cáo sơ kết", "Báo cáo tổng kết"]
    );
}

#[test]
fn connecting_words_stay_out_of_labels() {
    let s = parse_deadline("Trong tháng 10 năm 2023 và tháng 2 năm 2024", 2023);
    assert_eq!(s.dates(), vec![d(2023, 10, 31), d(2024, 2, 29)]);
    assert_eq!(labels(&s), vec!["", ""]);
    let s = parse_deadline("Thời hạn: Quý II", 2023);
    assert_eq!(s.dates(), vec![d(2023, 6, 30)]);
    assert_eq!(labels(&s), vec![""]);
    let s = parse_deadline("Ban hành kế hoạch; Quý I năm 2023", 2023);
    assert_eq!(labels(&s), vec!["Ban hành kế hoạch"]);
    let s = parse_deadline("Quý I năm 2023, ban hành Kế hoạch", 2023);
    assert_eq!(labels(&s), vec!["ban hành Kế hoạch"]);
}

#[test]
fn same_date_twice_is_one_milestone() {
    let s = parse_deadline("Quý IV năm 2023: Báo cáo - Trong năm 2023: Tổng kết", 2023);
    assert_eq!(s.dates(), vec![d(2023, 12, 31)]);
    assert_eq!(labels(&s), vec!["Báo cáo; Tổng kết"]);
}

#[test]
fn dashes_inside_numbers_do_not_split() {
    // A bare span of years names a plan, not a deadline.
    let s = parse_deadline("Kế hoạch 2021-2025 - tháng 3 năm 2024", 2023);
    assert_eq!(s.dates(), vec![d(2024, 3, 31)]);
    assert_eq!(labels(&s), vec!["Kế hoạch 2021-2025"]);
}

#[test]
fn decomposed_input_is_understood() {
    // "Quý" typed with a combining acute accent (NFD).
    assert_eq!(
        dates("Qu\u{0079}\u{0301} II na\u{0306}m 2024", 2023),
        vec![d(2024, 6, 30)]
    );
}

#[test]
fn document_numbers_are_not_deadlines() {
    let s = parse_deadline(
        "Theo Quyết định số 41/2011/QĐ-UBND ngày 17 tháng 6 năm 2011",
        2023,
    );
    assert!(s.milestones.is_empty());
    let s = parse_deadline("Nghị định 120/2020/NĐ-CP; Quý II/2023", 2023);
    assert_eq!(s.dates(), vec![d(2023, 6, 30)]);
}

// --- not understood ----------------------------------------------------

#[test]
fn unparsed_and_invalid() {
    for text in [
        "",
        "   ",
        "abc",
        "tháng 13 năm 2023",
        "quý V năm 2023",
        "quý 0",
        "quý IIII",
        "ngày 0 tháng 0",
        "31/02/2024",
        "ngày 32/1/2024",
        "Quý I năm 23",
        "15/8/24",
        "năm 99999",
        "ngày 99999999999999 tháng 13",
    ] {
        let s = parse_deadline(text, 2023);
        assert!(s.unparsed, "{text:?}");
        assert!(s.milestones.is_empty(), "{text:?}");
    }
    // An invalid quarter must not fall back to its year.
    assert!(dates("Quý V năm 2023", 2023).is_empty());
}

#[test]
fn next_due_and_dates() {
    let s = parse_deadline("định kỳ hằng quý", 2023);
    assert_eq!(s.next_due(d(2023, 1, 1)), Some(d(2023, 3, 31)));
    assert_eq!(s.next_due(d(2023, 3, 31)), Some(d(2023, 3, 31)));
    assert_eq!(s.next_due(d(2023, 4, 1)), Some(d(2023, 6, 30)));
    assert_eq!(s.next_due(d(2024, 1, 1)), None);
    assert_eq!(Schedule::default().next_due(d(2023, 1, 1)), None);
}

#[test]
fn serialises_dates_as_iso_strings() {
    let s = parse_deadline("Quý I năm 2023; Kế hoạch", 2023);
    let json = serde_json::to_string(&s).unwrap();
    assert!(json.contains(r#""due":"2023-03-31""#), "{json}");
    assert!(json.contains(r#""label":"Kế hoạch""#), "{json}");
    assert!(json.contains(r#""unparsed":false"#), "{json}");
}

#[test]
fn never_panics() {
    let long = "Quý I, ".repeat(1500);
    let long_digits = "9".repeat(10_000);
    let junk: String = (0u32..3000).filter_map(char::from_u32).collect();
    let odd = [
        "ngày 99999999999999 tháng 13",
        "ngày 0 tháng 0",
        "quý 0",
        "quý IIII",
        "tháng 4294967295 năm 4294967295",
        "ngày 4294967296/99999999999/2024",
        "2024-99-99",
        "9999-12-31",
        "năm 2199-2199",
        "- - - ; ; : : . . .",
        "ngày",
        "ngày 5",
        "ngày 5 tháng",
        "tháng",
        "quý",
        "Quý I năm",
        "6 tháng đầu năm 99999",
        "99 tháng đầu năm",
        "0 tháng đầu năm",
        "đến",
        "từ đến",
        "số",
        "số 1/",
        "theo kế hoạch của",
        "\u{0301}\u{0301}\u{0301}",
        "🙂 quý 🙂 I 🙂",
        "\u{0}\u{1}\u{7f}",
        "İ̇ ǅ ß ﬀ",
        "１５/８/２０２４",
        long.as_str(),
        long_digits.as_str(),
        junk.as_str(),
    ];
    for text in odd {
        for year in [2023, 0, -1, i32::MIN, i32::MAX, 262_143] {
            let s = parse_deadline(text, year);
            assert_eq!(
                s.unparsed,
                s.milestones.is_empty() && !s.on_demand && !s.continuous && !s.external
            );
            assert!(s.milestones.windows(2).all(|w| w[0].due < w[1].due));
        }
    }
    assert_eq!(dates("Quý I", i32::MAX), Vec::<NaiveDate>::new());
    assert_eq!(dates("năm 2199-2199", 2023), vec![d(2199, 12, 31)]);
    let long_text: String = "x".repeat(10_000);
    assert!(parse_deadline(&long_text, 2023).unparsed);
    assert_eq!(dates(&long, 2023), vec![d(2023, 3, 31)]);
}

#[test]
fn report_of_each_period() {
    let quarters = vec![d(2025, 3, 31), d(2025, 6, 30), d(2025, 9, 30), d(2025, 12, 31)];
    assert_eq!(dates("Báo cáo quý", 2025), quarters);
    assert_eq!(dates("Báo cáo quý, 6 tháng, năm", 2025), quarters);
    assert_eq!(dates("Báo cáo năm", 2025), vec![d(2025, 12, 31)]);
    assert_eq!(dates("Báo cáo tháng", 2025).len(), 12);
    // A named period stays that period.
    assert_eq!(dates("Báo cáo quý II", 2025), vec![d(2025, 6, 30)]);
    assert_eq!(dates("Báo cáo năm 2024", 2025), vec![d(2024, 12, 31)]);
    assert_eq!(labels(&parse_deadline("Báo cáo quý", 2025))[0], "Báo cáo quý");
}

#[test]
fn listed_days_qualify_a_recurrence_and_counts_do_not() {
    assert_eq!(
        dates("Hằng quý (trước ngày 15/3, 15/6, 15/9, 15/12)", 2025),
        vec![d(2025, 3, 15), d(2025, 6, 15), d(2025, 9, 15), d(2025, 12, 15)]
    );
    // "6 tháng, 9 tháng": the half-year reports and the nine-month one.
    assert_eq!(
        dates("Báo cáo 6 tháng, 9 tháng và năm", 2025),
        vec![d(2025, 6, 30), d(2025, 9, 30), d(2025, 12, 31)]
    );
}

#[test]
fn until_the_end_of_the_year() {
    assert_eq!(dates("Từ tháng 4 đến hết năm", 2025), vec![d(2025, 12, 31)]);
    assert_eq!(dates("Đến hết năm", 2025), vec![d(2025, 12, 31)]);
    let s = parse_deadline("Từ tháng 4 đến hết năm", 2025);
    assert_eq!(s.work_from, Some(d(2025, 4, 1)));
}

#[test]
fn more_flag_wordings() {
    assert!(parse_deadline("Tùy tình hình thực tế", 2025).on_demand);
    let s = parse_deadline("Theo thời gian quy định", 2025);
    assert!(s.external && !s.unparsed);
}

#[test]
fn a_quarter_day_qualifies_the_half_year_and_year_reports_too() {
    assert_eq!(
        dates("Định kỳ hàng quý, 6 tháng, năm (trước ngày 10 của tháng cuối quý)", 2026),
        vec![d(2026, 3, 10), d(2026, 6, 10), d(2026, 9, 10), d(2026, 12, 10)]
    );
}

#[test]
fn events_and_the_whole_year() {
    assert!(parse_deadline("Khi Trung ương, Tỉnh ban hành văn bản", 2026).on_demand);
    assert!(parse_deadline("Trong vòng 15 ngày kể từ ngày ban hành Kế hoạch", 2026).on_demand);
    assert!(parse_deadline("kể từ khi nhận được văn bản", 2026).on_demand);
    assert_eq!(dates("Suốt năm", 2026), vec![d(2026, 12, 31)]);
    assert_eq!(dates("Dịp 30/4", 2026), vec![d(2026, 4, 30)]);
    // "kể từ ngày 01/3" names a date, not an event.
    assert!(!parse_deadline("kể từ ngày 01/3/2026", 2026).on_demand);
}

#[test]
fn lists_opened_by_a_bare_date_days_from_an_event_and_calendars() {
    assert_eq!(dates("15/6 và 15/12 hằng năm", 2026), vec![d(2026, 6, 15), d(2026, 12, 15)]);
    assert_eq!(dates("15/6, 15/12", 2026), vec![d(2026, 6, 15), d(2026, 12, 15)]);
    assert_eq!(dates("30/4 hằng năm", 2026), vec![d(2026, 4, 30)]);
    assert!(parse_deadline("Trước 10 ngày so với thời điểm tổ chức", 2026).on_demand);
    assert!(parse_deadline("Trong vòng 05 ngày làm việc kể từ ngày nhận hồ sơ", 2026).on_demand);
    let s = parse_deadline("Theo lịch kiểm tra của tỉnh", 2026);
    assert!(s.external && !s.unparsed);
    // Still no date: a fraction of something.
    assert!(parse_deadline("3/5 xã", 2024).unparsed);
    assert!(parse_deadline("đạt 3/5 chỉ tiêu", 2024).unparsed);
}

#[test]
fn the_month_after_and_decisions() {
    let next_months: Vec<NaiveDate> = (2..=12).map(|m| d(2026, m, 10)).chain([d(2027, 1, 10)]).collect();
    assert_eq!(dates("Trước ngày 10 của tháng tiếp theo", 2026), next_months);
    assert_eq!(dates("Ngày 10 tháng sau", 2026), next_months);
    assert_eq!(
        dates("Trước ngày 15 tháng sau quý", 2026),
        vec![d(2026, 4, 15), d(2026, 7, 15), d(2026, 10, 15), d(2027, 1, 15)]
    );
    let s = parse_deadline("Thực hiện theo Quyết định số 45/QĐ-UBND", 2026);
    assert!(s.external && !s.unparsed);
}

#[test]
fn the_nth_week_of_a_month() {
    assert_eq!(dates("Tuần thứ 2 của tháng 12", 2026), vec![d(2026, 12, 14)]);
    assert_eq!(dates("tuần thứ 4 tháng 3/2026", 2025), vec![d(2026, 3, 28)]);
}
