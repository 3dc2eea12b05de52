//! Demo data: one commune's year of work on the built-in plan, so that
//! `tiendo --demo` opens on a living app. No window code here: the same data
//! can be made from a test or the command line.

use chrono::{Datelike, Duration, NaiveDate};

use crate::domain::{Figure, Period, Status, TargetKind};
use crate::error::Result;
use crate::evidence::{DocType, EvidenceMeta};
use crate::progress::Change;
use crate::workspace::Workspace;

/// The commune the demo is about: Xã An Nhơn Tây.
pub const DEMO_UNIT: &str = "X-ANT";

/// "Today" in the demo: late October of the plan year, when three quarters
/// are behind and the fourth is under way.
pub fn demo_today(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 10, 20).expect("valid date")
}

/// What happens to one task in the demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Story {
    /// Every past milestone done a few days early.
    OnTime,
    /// Past milestones done after their date.
    Late,
    /// Past milestones done, work continuing.
    Working,
    /// The latest past milestone was missed.
    Missed,
    /// Nothing recorded yet.
    Untouched,
}

const STORIES: [Story; 8] = [
    Story::OnTime,
    Story::Working,
    Story::OnTime,
    Story::Late,
    Story::Missed,
    Story::OnTime,
    Story::Untouched,
    Story::Working,
];

const NOTES: [&str; 6] = [
    "Đã ban hành văn bản triển khai, gửi Phòng Nội vụ huyện.",
    "Đang tổng hợp số liệu từ các ấp; dự kiến hoàn thành trước hạn.",
    "Hoàn thành chậm do chờ ý kiến của Văn phòng HĐND và UBND huyện.",
    "Đã phân công công chức Văn phòng - Thống kê theo dõi.",
    "Chưa thực hiện được do thiếu kinh phí; đã báo cáo Đảng ủy xã.",
    "Đã niêm yết công khai tại Bộ phận Tiếp nhận và trả kết quả.",
];

/// Attachments of the demo: (file name, document type, number, day of year offset).
const FILES: [(&str, DocType, &str); 5] = [
    ("KH-15-UBND Kế hoạch CCHC 2023.pdf", DocType::Plan, "15/KH-UBND"),
    ("BC-112-UBND Báo cáo CCHC quý III.pdf", DocType::Report, "112/BC-UBND"),
    ("QĐ-48-UBND Kiện toàn bộ phận một cửa.pdf", DocType::Decision, "48/QĐ-UBND"),
    ("TB-27-UBND Thông báo kết quả kiểm tra.pdf", DocType::Notice, "27/TB-UBND"),
    ("Ảnh niêm yết TTHC tại trụ sở.pdf", DocType::Photo, ""),
];

/// Fills `unit`'s progress for the plan year as of `ws.today`: statuses,
/// progress, notes, milestone dates, a few attachments and KPI figures for
/// the quarters already past.
pub fn fill_demo(ws: &mut Workspace, unit: &str) -> Result<()> {
    ws.check_unit(unit)?;
    let today = ws.today;
    let tasks: Vec<(String, Vec<NaiveDate>, bool)> = ws
        .plan
        .assignments_of(unit)
        .into_iter()
        .map(|(t, _)| (t.code.clone(), t.schedule.dates(), t.schedule.on_demand))
        .collect();
    let mut done_tasks = vec![];
    for (i, (code, dates, on_demand)) in tasks.iter().enumerate() {
        let story = if *on_demand && i % 3 == 0 { Story::Untouched } else { STORIES[i % STORIES.len()] };
        let past: Vec<NaiveDate> = dates.iter().copied().filter(|d| *d < today).collect();
        let future = dates.iter().any(|d| *d >= today);
        let mut changes: Vec<Change> = vec![];
        let n = past.len();
        for (k, due) in past.iter().enumerate() {
            let done_on = match story {
                Story::OnTime | Story::Working => Some(*due - Duration::days(1 + (i as i64 + k as i64) % 4)),
                Story::Late => Some(*due + Duration::days(3 + (k as i64 * 2) % 9)),
                Story::Missed if k + 1 < n => Some(*due - Duration::days(2)),
                Story::Missed | Story::Untouched => None,
            };
            if let Some(on) = done_on {
                changes.push(Change { milestone_done: Some((*due, on.min(today))), ..Default::default() });
            }
        }
        let (status, progress) = match story {
            Story::Untouched => (Status::NotStarted, 0),
            Story::OnTime if !future => (Status::Done, 100),
            Story::Late if !future => (Status::DoneLate, 100),
            Story::OnTime | Story::Late => (Status::InProgress, progress_share(n, dates.len())),
            Story::Working => (Status::InProgress, 40 + (i as u8 * 7) % 40),
            Story::Missed => (Status::InProgress, 30),
        };
        if status != Status::NotStarted {
            let note = match story {
                Story::Late => NOTES[2],
                Story::Missed => NOTES[4],
                Story::Working => NOTES[1 + (i % 2) * 2],
                _ => NOTES[if i % 2 == 0 { 0 } else { 5 }],
            };
            changes.push(Change {
                status: Some(status),
                progress: Some(progress),
                note: Some(note.to_owned()),
                ..Default::default()
            });
        }
        for c in &changes {
            ws.update_task(unit, code, c)?;
        }
        if status.is_done() {
            done_tasks.push(code.clone());
        }
    }
    // Attach files to all done tasks but the last one, which shows up on the
    // dashboard as "done without evidence".
    let with_files = done_tasks.len().saturating_sub(1).max(done_tasks.len().min(1));
    let dir = std::env::temp_dir().join(format!("tiendo-demo-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    for (k, code) in done_tasks.iter().take(with_files).enumerate() {
        let (name, doc_type, number) = FILES[k % FILES.len()];
        let path = dir.join(name);
        std::fs::write(&path, tiny_pdf(&crate::text::fold(name)))?;
        let doc_date = NaiveDate::from_ymd_opt(today.year(), (k as u32 * 2 + 2).min(10), 10 + k as u32);
        let meta = EvidenceMeta {
            doc_type,
            doc_number: number.to_owned(),
            doc_date,
            description: String::new(),
            milestone: None,
        };
        ws.add_evidence(unit, code, &path, &meta, &mut |_| true)?;
    }
    let _ = std::fs::remove_dir_all(&dir);
    fill_figures(ws, unit)?;
    Ok(())
}

fn progress_share(done: usize, total: usize) -> u8 {
    if total == 0 { 50 } else { (done * 100 / total).clamp(10, 90) as u8 }
}

/// KPI figures for every quarter that has ended before `ws.today`.
fn fill_figures(ws: &mut Workspace, unit: &str) -> Result<()> {
    let kind = ws.plan.unit(unit).map(|u| u.kind);
    let targets: Vec<_> = ws
        .plan
        .targets
        .iter()
        .filter(|t| kind.is_some_and(|k| t.applies_to(k)))
        .cloned()
        .collect();
    let year = ws.plan.year;
    for q in 1..=4u32 {
        let period = Period::quarter(year, q);
        if period.end() >= ws.today {
            break;
        }
        for (i, t) in targets.iter().enumerate() {
            let f = match t.kind {
                TargetKind::Rate => {
                    let den = 120.0 + ((i as f64 * 37.0 + q as f64 * 13.0) % 90.0).round();
                    // Most targets met; one misses in the second quarter.
                    let share = if i % 5 == 2 && q == 2 { (t.value - 6.0).max(0.0) } else { (t.value + 1.5).min(100.0) };
                    let num = (den * share / 100.0).ceil().min(den);
                    Figure { numerator: num, denominator: den }
                }
                TargetKind::Value => Figure { numerator: t.value + (i as f64 % 3.0), denominator: 0.0 },
                TargetKind::YesNo => Figure { numerator: if q == 1 && i % 4 == 1 { 0.0 } else { 1.0 }, denominator: 1.0 },
            };
            ws.set_figure(unit, &t.code, period, f)?;
        }
    }
    Ok(())
}

/// A minimal, valid one-page PDF showing `title` (ASCII) in Helvetica.
pub fn tiny_pdf(title: &str) -> Vec<u8> {
    let safe: String = title
        .chars()
        .map(|c| if c.is_ascii() && !"()\\".contains(c) && !c.is_control() { c } else { ' ' })
        .collect();
    let content = format!("BT /F1 16 Tf 72 760 Td ({safe}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
            .to_owned(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = vec![];
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiny_pdf_has_a_correct_cross_reference_table() {
        let pdf = tiny_pdf("ke hoach cchc 2023");
        let s = String::from_utf8(pdf.clone()).unwrap();
        assert!(s.starts_with("%PDF-1.4"));
        let startxref: usize = s.rsplit("startxref\n").next().unwrap().lines().next().unwrap().parse().unwrap();
        assert!(s[startxref..].starts_with("xref"));
        // Every object offset in the table points at "N 0 obj".
        for (n, line) in s[startxref..].lines().skip(3).take(5).enumerate() {
            let off: usize = line[..10].parse().unwrap();
            assert!(s[off..].starts_with(&format!("{} 0 obj", n + 1)), "object {}", n + 1);
        }
    }
}
