//! Deadline prose as other commune, ward and provincial CCHC plans
//! (2025–2027) write it: recurring phrases with a day qualifier, the month
//! after each quarter, on-demand wording, and the everyday phrasings of
//! such plans (without diacritics, with en-dashes, several milestones).

use super::calendar::month_end;
use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn dates(text: &str, year: i32) -> Vec<NaiveDate> {
    parse_deadline(text, year).dates()
}

fn days_of_months(y: i32, months: &[u32], day: u32) -> Vec<NaiveDate> {
    months.iter().map(|&m| d(y, m, day)).collect()
}

fn month_ends(y: i32) -> Vec<NaiveDate> {
    (1..=12).map(|m| month_end(y, m).unwrap()).collect()
}

fn quarter_ends(y: i32) -> Vec<NaiveDate> {
    vec![d(y, 3, 31), d(y, 6, 30), d(y, 9, 30), d(y, 12, 31)]
}

// --- a recurrence qualified by a day -------------------------------------

#[test]
fn monthly_with_a_day_is_that_day_only() {
    let monthly25 = days_of_months(2026, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 25);
    assert_eq!(
        dates("định kỳ hàng tháng (chậm nhất ngày 25)", 2026),
        monthly25
    );
    assert_eq!(dates("Hằng tháng, trước ngày 25", 2026), monthly25);
    assert_eq!(dates("Hàng tháng trước ngày 25", 2026), monthly25);
    assert_eq!(
        dates("dinh ky hang thang (cham nhat ngay 25)", 2026),
        monthly25
    );
    assert_eq!(
        dates("Báo cáo định kỳ hằng tháng trước ngày 20 hằng tháng", 2026),
        days_of_months(2026, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 20)
    );
    // Day 31 of every month is the last day of the shorter months.
    let s = dates("Hằng tháng (trước ngày 31)", 2026);
    assert_eq!(s.len(), 12);
    assert_eq!(s[1], d(2026, 2, 28));
    assert_eq!(s[3], d(2026, 4, 30));
    let s = parse_deadline("định kỳ hàng tháng (chậm nhất ngày 25)", 2026);
    assert!(s.milestones.iter().all(|m| m.label.is_empty()), "{s:?}");
}

#[test]
fn quarterly_with_a_day_is_that_day_only() {
    let q12 = days_of_months(2026, &[3, 6, 9, 12], 12);
    assert_eq!(dates("mỗi quý, trước ngày 12 tháng cuối quý", 2026), q12);
    assert_eq!(
        dates("Định kỳ hằng quý (trước ngày 12 tháng cuối quý)", 2026),
        q12
    );
    assert_eq!(dates("Hằng quý, chậm nhất ngày 12", 2026), q12);
    assert_eq!(
        dates("Hàng quý trước ngày 20 của tháng cuối quý", 2025),
        days_of_months(2025, &[3, 6, 9, 12], 20)
    );
    assert_eq!(
        dates("Định kỳ hằng quý (trước ngày 15 tháng 3, 6, 9 và 12)", 2026),
        days_of_months(2026, &[3, 6, 9, 12], 15)
    );
    assert_eq!(
        dates("ngày 15 tháng 3 và tháng 9 năm 2027", 2026),
        days_of_months(2027, &[3, 9], 15)
    );
    let mut with_dec15 = quarter_ends(2026);
    with_dec15.insert(3, d(2026, 12, 15));
    // A date in one quarter does not say when every quarter is due: both stay.
    assert_eq!(
        dates("Hằng quý và trước ngày 15/12", 2026),
        with_dec15.clone()
    );
    // The day may come after a colon, on the next line or after a semicolon.
    let s = parse_deadline("Báo cáo hằng quý: trước ngày 15 tháng cuối quý", 2026);
    assert_eq!(s.dates(), days_of_months(2026, &[3, 6, 9, 12], 15));
    assert!(s.milestones.iter().all(|m| m.label == "Báo cáo"), "{s:?}");
    assert_eq!(
        dates("Định kỳ hằng tháng;\nchậm nhất ngày 25", 2026),
        days_of_months(2026, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 25)
    );
    assert_eq!(
        dates("Hằng năm: trước ngày 15/12", 2026),
        vec![d(2026, 12, 15)]
    );
    assert_eq!(
        dates("Hằng năm; Quý I: ban hành kế hoạch", 2026),
        vec![d(2026, 3, 31), d(2026, 12, 31)]
    );
    // A later segment with dates of its own does not touch the recurrence.
    assert_eq!(
        dates("Hằng quý; tổng kết trước ngày 15/12", 2026),
        with_dec15
    );
    // Without a qualifier a recurrence keeps the ends of its periods.
    assert_eq!(dates("Định kỳ hằng quý", 2026), quarter_ends(2026));
    assert_eq!(dates("Hằng tháng", 2026), month_ends(2026));
}

#[test]
fn yearly_with_a_date_is_that_date_only() {
    assert_eq!(
        dates("hằng năm, trước ngày 15 tháng 12", 2026),
        vec![d(2026, 12, 15)]
    );
    assert_eq!(
        dates("Hàng năm (trước ngày 15/11)", 2025),
        vec![d(2025, 11, 15)]
    );
    assert_eq!(
        dates("Định kỳ hằng năm vào tháng 10", 2026),
        vec![d(2026, 10, 31)]
    );
    assert_eq!(
        dates("Hằng năm, chậm nhất ngày 20", 2026),
        vec![d(2026, 12, 20)]
    );
    assert_eq!(dates("Hằng năm", 2026), vec![d(2026, 12, 31)]);
}

#[test]
fn half_year_report_with_its_date() {
    let s = parse_deadline(
        "Báo cáo 6 tháng trước ngày 15/6; báo cáo năm trước ngày 15/11",
        2026,
    );
    assert_eq!(s.dates(), vec![d(2026, 6, 15), d(2026, 11, 15)]);
    assert_eq!(s.milestones[1].label, "báo cáo năm");
    assert_eq!(
        dates("Định kỳ 6 tháng (chậm nhất ngày 15)", 2026),
        vec![d(2026, 6, 15), d(2026, 12, 15)]
    );
    assert_eq!(
        dates("Định kỳ 6 tháng", 2026),
        vec![d(2026, 6, 30), d(2026, 12, 31)]
    );
}

#[test]
fn a_bare_day_without_a_recurrence_is_no_date() {
    assert!(parse_deadline("ngày 25", 2026).unparsed);
    assert!(parse_deadline("trong 05 ngày làm việc", 2026).unparsed);
}

// --- the month after each quarter ---------------------------------------

#[test]
fn first_month_of_the_next_quarter() {
    let next10 = vec![
        d(2026, 4, 10),
        d(2026, 7, 10),
        d(2026, 10, 10),
        d(2027, 1, 10),
    ];
    assert_eq!(
        dates("Báo cáo quý trước ngày 10 tháng đầu của quý sau", 2026),
        next10
    );
    assert_eq!(dates("trước ngày 10 tháng đầu quý tiếp theo", 2026), next10);
    assert_eq!(
        dates("Hằng quý, trước ngày 10 tháng đầu quý sau", 2026),
        next10
    );
    assert_eq!(dates("truoc ngay 10 thang dau quy ke tiep", 2026), next10);
    assert_eq!(
        dates("Hằng quý, trong tháng đầu quý tiếp theo", 2026),
        vec![
            d(2026, 4, 30),
            d(2026, 7, 31),
            d(2026, 10, 31),
            d(2027, 1, 31)
        ]
    );
    // The first month of the same quarter stays in the quarter.
    assert_eq!(
        dates("trong tháng đầu quý", 2026),
        vec![
            d(2026, 1, 31),
            d(2026, 4, 30),
            d(2026, 7, 31),
            d(2026, 10, 31)
        ]
    );
}

// --- on demand ----------------------------------------------------------

#[test]
fn on_demand_wording() {
    for text in [
        "Khi có chỉ đạo của cấp trên",
        "khi có chỉ đạo của UBND tỉnh",
        "Theo đề nghị của Sở Nội vụ",
        "theo đề nghị của các cơ quan, đơn vị",
        "Theo yêu cầu",
        "Khi có văn bản hướng dẫn của Trung ương",
        "Khi có văn bản chỉ đạo",
        "Đột xuất",
        "đột xuất khi có yêu cầu",
        "Khi được giao",
        "Khi cần thiết",
        "Khi có thay đổi",
        "Tùy theo tình hình thực tế",
        "Theo nhu cầu của tổ chức, cá nhân",
        "Khi co chi dao cua cap tren",
        "Sau khi UBND tỉnh ban hành quy định",
        "Ngay khi nhận được văn bản",
    ] {
        let s = parse_deadline(text, 2026);
        assert!(s.on_demand, "{text:?}: {s:?}");
        assert!(!s.unparsed && s.milestones.is_empty(), "{text:?}: {s:?}");
    }
    // Whose timetable rules is still external, not on demand.
    let s = parse_deadline("Theo kế hoạch của UBND tỉnh", 2026);
    assert!(s.external && !s.on_demand);
    // On demand beside a recurrence keeps both.
    let s = parse_deadline("Định kỳ hằng quý và khi có yêu cầu đột xuất", 2026);
    assert!(s.on_demand);
    assert_eq!(s.dates(), quarter_ends(2026));
}

// --- everyday phrasings of other plans ----------------------------------

#[test]
fn everyday_phrasings() {
    let y = 2026;
    assert_eq!(dates("Hằng tháng", y), month_ends(y));
    assert_eq!(dates("Định kỳ 6 tháng", y), vec![d(y, 6, 30), d(y, 12, 31)]);
    assert_eq!(dates("6 tháng đầu năm", y), vec![d(y, 6, 30)]);
    assert_eq!(dates("Trước ngày 15/12/2025", y), vec![d(2025, 12, 15)]);
    assert_eq!(dates("Tháng 6/2026", 2025), vec![d(2026, 6, 30)]);
    assert_eq!(
        dates("Quý II, III/2026", 2025),
        vec![d(2026, 6, 30), d(2026, 9, 30)]
    );
    assert_eq!(
        dates("Quý III và Quý IV", y),
        vec![d(y, 9, 30), d(y, 12, 31)]
    );
    assert_eq!(dates("Năm 2026", 2025), vec![d(2026, 12, 31)]);
    assert_eq!(dates("Trong năm 2026", 2025), vec![d(2026, 12, 31)]);
    assert_eq!(dates("Trước 30/6", y), vec![d(y, 6, 30)]);
    assert_eq!(dates("Tháng 01 hằng năm", y), vec![d(y, 1, 31)]);
    assert_eq!(dates("Quý I hằng năm", y), vec![d(y, 3, 31)]);
    assert_eq!(
        dates("Tháng 3 và tháng 9 hằng năm", y),
        vec![d(y, 3, 31), d(y, 9, 30)]
    );
    assert_eq!(
        dates("trước ngày 20 của tháng cuối quý", y),
        days_of_months(y, &[3, 6, 9, 12], 20)
    );
    assert_eq!(
        dates("ngày 15 tháng 12 năm 2026", 2025),
        vec![d(2026, 12, 15)]
    );
    assert_eq!(dates("Trước ngày 05/01/2027", y), vec![d(2027, 1, 5)]);
    assert_eq!(dates("Quý 02/2026", 2025), vec![d(2026, 6, 30)]);
    assert_eq!(
        dates("Năm 2025, 2026", 2025),
        vec![d(2025, 12, 31), d(2026, 12, 31)]
    );
    assert_eq!(
        dates("Năm 2026 và 2027", 2026),
        vec![d(2026, 12, 31), d(2027, 12, 31)]
    );
    assert_eq!(dates("Giai đoạn 2026 – 2030", y), vec![d(2030, 12, 31)]);
    assert_eq!(
        dates("Quý IV/2025 và năm 2026", 2025),
        vec![d(2025, 12, 31), d(2026, 12, 31)]
    );
    assert_eq!(dates("Các quý trong năm", y), quarter_ends(y));
    assert_eq!(dates("Cuối mỗi quý", y), quarter_ends(y));
    assert_eq!(dates("Báo cáo 9 tháng", y), vec![d(y, 9, 30)]);
    assert_eq!(dates("06 tháng đầu năm 2026", 2025), vec![d(2026, 6, 30)]);
    assert_eq!(dates("Tháng 7-8/2026", 2025), vec![d(2026, 8, 31)]);
    assert_eq!(
        dates("Quý I/2026 (ban hành kế hoạch)", 2026),
        vec![d(2026, 3, 31)]
    );
}

#[test]
fn continuous_work() {
    for text in [
        "Thường xuyên",
        "Thường xuyên, liên tục",
        "thuong xuyen",
        "Hằng ngày",
        "Liên tục",
    ] {
        let s = parse_deadline(text, 2026);
        assert!(
            s.continuous && !s.unparsed && s.milestones.is_empty(),
            "{text:?}"
        );
    }
    let s = parse_deadline("Thường xuyên trong năm 2026", 2026);
    assert!(s.continuous);
    assert_eq!(s.dates(), vec![d(2026, 12, 31)]);
}

#[test]
fn weeks_of_a_month() {
    assert_eq!(
        dates("Tuần đầu tháng", 2026),
        days_of_months(2026, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 7)
    );
    assert_eq!(dates("Tuần đầu tháng 01/2027", 2026), vec![d(2027, 1, 7)]);
    assert_eq!(dates("tuần cuối tháng 6", 2026), vec![d(2026, 6, 30)]);
    assert_eq!(
        dates("Hằng tháng, tuần đầu tiên của tháng", 2026),
        days_of_months(2026, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 7)
    );
}

#[test]
fn date_spellings() {
    let dec15 = vec![d(2026, 12, 15)];
    assert_eq!(dates("trước 15/12", 2026), dec15);
    assert_eq!(dates("15-12-2026", 2025), dec15);
    assert_eq!(dates("15–12–2026", 2025), dec15);
    assert_eq!(dates("15.12.2026", 2025), dec15);
    assert_eq!(dates("ngày 15 tháng 12 năm 2026", 2025), dec15);
    assert_eq!(dates("Ngày 15/12", 2026), dec15);
    assert_eq!(dates("truoc ngay 15/12/2026", 2025), dec15);
    assert_eq!(dates("NGÀY 15 THÁNG 12 NĂM 2026", 2025), dec15);
    assert_eq!(dates("Quy II nam 2026", 2025), vec![d(2026, 6, 30)]);
    assert_eq!(dates("Quý I – II/2026", 2025), vec![d(2026, 6, 30)]);
    assert_eq!(dates("Tháng 10 – 12/2026", 2025), vec![d(2026, 12, 31)]);
}

#[test]
fn several_milestones_by_separator() {
    let s = parse_deadline(
        "Ban hành kế hoạch: Quý I/2026; Báo cáo sơ kết: trước ngày 15/6/2026\nBáo cáo tổng kết: trước ngày 15/11/2026",
        2026,
    );
    assert_eq!(
        s.dates(),
        vec![d(2026, 3, 31), d(2026, 6, 15), d(2026, 11, 15)]
    );
    assert_eq!(
        s.milestones
            .iter()
            .map(|m| m.label.as_str())
            .collect::<Vec<_>>(),
        vec!["Ban hành kế hoạch", "Báo cáo sơ kết", "Báo cáo tổng kết"]
    );
    let s = parse_deadline(
        "- Tháng 3/2026: kiểm tra\n- Tháng 9/2026: kiểm tra lần 2 (nếu có)",
        2026,
    );
    assert_eq!(s.dates(), vec![d(2026, 3, 31), d(2026, 9, 30)]);
    assert_eq!(s.milestones[1].label, "kiểm tra lần 2 (nếu có)");
}

// --- a period and a day inside it; ranges across a dash ------------------

#[test]
fn a_deadline_day_inside_a_period_replaces_its_end() {
    assert_eq!(dates("Trong năm 2026 (hoàn thành trước 30/11/2026)", 2026), vec![d(2026, 11, 30)]);
    assert_eq!(dates("Quý IV/2026, chậm nhất ngày 15/12/2026", 2026), vec![d(2026, 12, 15)]);
    assert_eq!(dates("Năm 2026, hạn chót 20/12", 2026), vec![d(2026, 12, 20)]);
    assert_eq!(dates("Trong tháng 10/2026, trước ngày 25/10", 2026), vec![d(2026, 10, 25)]);
    // The work still begins with the period.
    assert_eq!(parse_deadline("Trong năm 2026 (hoàn thành trước 30/11/2026)", 2026).work_from, Some(d(2026, 1, 1)));
    // A day outside the period is a milestone of its own.
    assert_eq!(dates("Tháng 11/2026, trước ngày 15/12/2026", 2026), vec![d(2026, 11, 30), d(2026, 12, 15)]);
    // A day that is not a deadline ("ngày 15/12" as an event) does not narrow.
    assert_eq!(dates("Quý IV/2026; ngày 15/12/2026 tổ chức hội nghị", 2026), vec![d(2026, 12, 15), d(2026, 12, 31)]);
}

#[test]
fn a_starting_day_beside_a_period_is_when_the_work_begins() {
    let s = parse_deadline("Tháng 3/2026 (từ ngày 01/3/2026)", 2026);
    assert_eq!(s.dates(), vec![d(2026, 3, 31)]);
    assert_eq!(s.work_from, Some(d(2026, 3, 1)));
    assert_eq!(dates("Bắt đầu từ ngày 15/5/2026, hoàn thành trong Quý III/2026", 2026), vec![d(2026, 9, 30)]);
    // Alone, it is the only date the cell gives.
    assert_eq!(dates("Từ ngày 01/3/2026", 2026), vec![d(2026, 3, 1)]);
}

#[test]
fn two_periods_joined_by_a_dash_are_a_range() {
    assert_eq!(dates("Quý II - Quý III/2026", 2026), vec![d(2026, 9, 30)]);
    assert_eq!(dates("Quý I/2026 - Quý IV/2026", 2026), vec![d(2026, 12, 31)]);
    assert_eq!(dates("Tháng 12 năm 2026 - Tháng 01 năm 2027", 2026), vec![d(2027, 1, 31)]);
    assert_eq!(dates("tháng 6 – tháng 12", 2026), vec![d(2026, 12, 31)]);
    // A dash before anything else still separates milestones.
    let s = parse_deadline("Quý I/2026 - Báo cáo sơ kết", 2026);
    assert_eq!(s.dates(), vec![d(2026, 3, 31)]);
    assert_eq!(s.milestones[0].label, "Báo cáo sơ kết");
}

#[test]
fn a_bare_year_and_a_dotted_quarter() {
    assert_eq!(dates("2026", 2025), vec![d(2026, 12, 31)]);
    assert_eq!(dates("Trong 2026", 2025), vec![d(2026, 12, 31)]);
    assert_eq!(dates("Q.III/2026", 2026), vec![d(2026, 9, 30)]);
    assert_eq!(dates("Q.2/2026", 2026), vec![d(2026, 6, 30)]);
    // A span of years names a plan, not a deadline; a year in prose is no date.
    assert!(parse_deadline("Kế hoạch 2021-2025", 2026).unparsed);
    assert!(parse_deadline("Theo Đề án 2026 của tỉnh", 2026).dates().is_empty());
}

#[test]
fn reports_due_after_their_period_and_other_everyday_forms() {
    assert_eq!(dates("Trước ngày 15/01/2027 (báo cáo năm 2026)", 2026), vec![d(2027, 1, 15)]);
    assert_eq!(dates("Báo cáo quý I/2026 trước ngày 10/4/2026", 2026), vec![d(2026, 4, 10)]);
    assert_eq!(dates("Báo cáo tháng 3/2026 trước ngày 05/4/2026", 2026), vec![d(2026, 4, 5)]);
    assert_eq!(dates("Báo cáo năm 2026: trước ngày 10/12/2026", 2026), vec![d(2026, 12, 10)]);
    // A deadline far after the period is a milestone of its own.
    assert_eq!(dates("Báo cáo quý I/2026 trước ngày 15/12/2026", 2026), vec![d(2026, 3, 31), d(2026, 12, 15)]);
    assert_eq!(dates("Tuần 2 tháng 3/2026", 2026), vec![d(2026, 3, 14)]);
    assert_eq!(dates("Quí I/2026", 2026), vec![d(2026, 3, 31)]);
    assert_eq!(dates("10/12", 2026), vec![d(2026, 12, 10)]);
    assert_eq!(dates("Trước 15 hằng tháng", 2026), days_of_months(2026, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 15));
    assert!(parse_deadline("Trong thời hạn 03 ngày làm việc", 2026).on_demand);
    assert!(parse_deadline("Trong vòng 5 ngày", 2026).on_demand);
    // A report of each quarter with a word or two between ("báo cáo CCHC quý").
    let s = parse_deadline("Thường xuyên; báo cáo kết quả lồng ghép trong báo cáo CCHC quý, 6 tháng, năm", 2026);
    assert_eq!(s.dates(), quarter_ends(2026));
    assert!(s.continuous);
}

#[test]
fn a_recurrence_that_begins_at_a_period_falls_due_from_it() {
    assert_eq!(dates("Từ Quý II/2026, định kỳ hằng quý", 2026), vec![d(2026, 6, 30), d(2026, 9, 30), d(2026, 12, 31)]);
    assert_eq!(dates("Hằng quý, bắt đầu từ quý II/2026", 2026), vec![d(2026, 6, 30), d(2026, 9, 30), d(2026, 12, 31)]);
    assert_eq!(dates("Tháng 3/2026 và duy trì hằng tháng", 2026), month_ends(2026)[2..].to_vec());
    // Without a start word a period beside a recurrence takes nothing from it.
    assert_eq!(dates("Báo cáo tháng 6 và hằng quý", 2026), quarter_ends(2026));
    assert_eq!(dates("Quý I/2026 và các quý tiếp theo", 2026), quarter_ends(2026));
}
