//! Printed documents (checklist, progress report) and the calendar export.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use chrono::{NaiveDate, TimeZone, Utc};
use tiendo::domain::{Figure, Period, Status};
use tiendo::evidence::{DocType, EvidenceMeta};
use tiendo::i18n::Lang;
use tiendo::progress::Change;
use tiendo::report::{Pdf, checklist_pdf, report_pdf};
use tiendo::workspace::Workspace;

use super::ok;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const Q1: Period = Period { year: 2023, quarter: Some(1) };

/// The built-in plan with some progress recorded for commune X-ANT.
fn workspace(dir: &Path) -> Workspace {
    let mut ws = Workspace::in_memory().unwrap();
    ws.today = date(2023, 5, 15);
    ws.update_task("X-ANT", "1.6", &Change { milestone_done: Some((date(2023, 3, 7), date(2023, 3, 6))), ..Default::default() })
        .unwrap();
    ws.update_task(
        "X-ANT",
        "1.5",
        &Change {
            status: Some(Status::DoneLate),
            progress: Some(100),
            note: Some("Đã ban hành kế hoạch, gửi Phòng Nội vụ".into()),
            ..Default::default()
        },
    )
    .unwrap();
    ws.update_task("X-ANT", "2.1", &Change { status: Some(Status::InProgress), progress: Some(40), ..Default::default() })
        .unwrap();
    let file = dir.join("ke-hoach-tuyen-truyen.pdf");
    std::fs::write(&file, b"%PDF-1.4 evidence").unwrap();
    let meta = EvidenceMeta {
        doc_type: DocType::Plan,
        doc_number: "12/KH-UBND".into(),
        doc_date: Some(date(2023, 4, 5)),
        ..Default::default()
    };
    ws.add_evidence("X-ANT", "1.5", &file, &meta, &mut |_| true).unwrap();
    ws.set_figure("X-ANT", "3.1.a", Q1, Figure { numerator: 980.0, denominator: 1000.0 }).unwrap();
    ws
}

/// The text of a PDF by `pdftotext`, if installed.
pub(crate) fn pdftotext(dir: &Path, pdf: &Pdf) -> Option<String> {
    let path = dir.join("doc.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    let out = Command::new("pdftotext").arg("-enc").arg("UTF-8").arg(&path).arg("-").output().ok()?;
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("UTF-8 text");
    // Compare on single spaces: table cells wrap at different places.
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Checks what every generated PDF must be; returns the subset font names.
fn check_pdf(pdf: &Pdf) -> Vec<String> {
    let b = &pdf.bytes;
    assert!(b.starts_with(b"%PDF-"), "a PDF");
    let text = String::from_utf8_lossy(b);
    assert_eq!(text.matches("/FontFile2").count(), 3, "three embedded TrueType faces");
    let mut names = vec![];
    for part in text.split("/BaseFont").skip(1) {
        let name: String = part.trim_start().trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '+' || *c == '-').collect();
        let (tag, family) = name.split_once('+').unwrap_or_else(|| panic!("{name} is not a subset name"));
        assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()), "{name}");
        assert!(family.starts_with("LiberationSerif"), "{name}");
        names.push(name);
    }
    assert!(!names.is_empty());
    // Subset: far smaller than the three faces (1.1 MB) it embeds.
    assert!(b.len() < 400_000, "{} bytes", b.len());
    names
}

fn assert_nfc_contains(text: &str, needles: &[&str]) {
    assert_eq!(tiendo::text::nfc(text), text, "extracted text is NFC");
    for n in needles {
        assert!(text.contains(n), "{n:?} not in the extracted text:\n{text}");
    }
}

#[test]
fn commune_checklist_has_the_heading_its_tasks_and_page_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let pdf = checklist_pdf(&ws, "X-ANT", Q1, Lang::Vi).unwrap();
    check_pdf(&pdf);
    // The whole year's checklist is long: several pages.
    let year = checklist_pdf(&ws, "X-ANT", Period::year(2023), Lang::Vi).unwrap();
    check_pdf(&year);
    assert!(year.pages > pdf.pages && year.pages > 2, "{} pages", year.pages);
    if let Some(text) = pdftotext(dir.path(), &pdf) {
        assert_nfc_contains(&text, &[
            "UBND HUYỆN CỦ CHI",
            "XÃ AN NHƠN TÂY",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Củ Chi, ngày 15 tháng 5 năm 2023",
            "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2023",
            "Kiểm tra, rà soát",
            "Chậm nhất ngày",
            "07/03/2023",
            "NGƯỜI LẬP BIỂU",
            "THỦ TRƯỞNG ĐƠN VỊ",
            &format!("Trang 1/{}", pdf.pages),
        ]);
        // Q1 only: task 1.2 (due in October) is not listed.
        assert!(!text.contains("Hoàn thành trong tháng 10 năm 2023"));
    }
    if let Some(text) = pdftotext(dir.path(), &year) {
        // The table header repeats on every page.
        assert_eq!(text.matches("Sản phẩm").count(), year.pages, "{text}");
        assert!(text.contains(&format!("Trang {0}/{0}", year.pages)));
    }
}

#[test]
fn commune_report_shows_status_milestones_evidence_and_kpis() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let pdf = report_pdf(&ws, "X-ANT", Q1, Lang::Vi).unwrap();
    check_pdf(&pdf);
    let sha = ws.store().evidence_list(&ws.plan.id, "X-ANT", Some("1.5")).unwrap()[0].sha256.clone();
    if let Some(text) = pdftotext(dir.path(), &pdf) {
        assert_nfc_contains(&text, &[
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "BÁO CÁO TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH CCHC QUÝ I NĂM 2023",
            "I. TỔNG HỢP",
            "Tổng số nhiệm vụ trong kỳ",
            "Hoàn thành trễ hạn",
            "Tiến độ: 40%",
            "07/03/2023: xong ngày 06/03/2023",
            "Đã ban hành kế hoạch, gửi Phòng Nội vụ",
            "Số 12/KH-UBND ngày 05/04/2023",
            "ke-hoach-tuyen-truyen.pdf",
            &format!("SHA-256 {}", &sha[..12]),
            "980/1.000",
            "Đạt",
            "Chưa có số liệu",
            "Trang 1/",
        ]);
        assert!(!text.contains(&sha[..13]), "only a 12-digit prefix of the hash");
    }
    // English on request.
    let en = report_pdf(&ws, "X-ANT", Q1, Lang::En).unwrap();
    if let Some(text) = pdftotext(dir.path(), &en) {
        assert_nfc_contains(&text, &["SOCIALIST REPUBLIC OF VIETNAM", "Page 1/", "980/1,000", "Met"]);
    }
}

#[test]
fn district_documents_cover_the_tasks_of_the_units_below_it() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let checklist = checklist_pdf(&ws, "CUCHI", Q1, Lang::Vi).unwrap();
    let report = report_pdf(&ws, "CUCHI", Q1, Lang::Vi).unwrap();
    check_pdf(&checklist);
    check_pdf(&report);
    assert!(checklist.pages > 1 && report.pages > 1);
    if let Some(text) = pdftotext(dir.path(), &checklist) {
        assert_nfc_contains(&text, &[
            "ỦY BAN NHÂN DÂN HUYỆN CỦ CHI",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Kiện toàn Ban Chỉ đạo",
            "Cơ quan chủ trì",
            "Trang 1/",
        ]);
    }
    if let Some(text) = pdftotext(dir.path(), &report) {
        assert_nfc_contains(&text, &["Tổng số lượt giao nhiệm vụ", "Tiến độ bình quân", "07/03/2023: 1/37", "31/03/2023: 1/37", "Trang 1/"]);
    }
}

#[test]
fn cli_writes_the_documents_and_the_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["unit", "set", "X-ANT"]);
    let pdf = d.join("danh muc.pdf");
    let out = ok(d, &["checklist", "--quarter", "2023Q1", "--out", pdf.to_str().unwrap()]);
    assert!(out.contains("trang"), "{out}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let rep = d.join("bao-cao.pdf");
    ok(d, &["report", "--quarter", "2023Q1", "--unit", "PNV", "--out", rep.to_str().unwrap()]);
    assert!(std::fs::read(&rep).unwrap().starts_with(b"%PDF-"));
    let ics = d.join("lich.ics");
    let out = ok(d, &["calendar", "--out", ics.to_str().unwrap()]);
    assert!(out.contains("sự kiện"), "{out}");
    assert!(std::fs::read_to_string(&ics).unwrap().starts_with("BEGIN:VCALENDAR\r\n"));
    // No stray temporary files.
    let names: Vec<String> = std::fs::read_dir(d).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!names.iter().any(|n| n.ends_with(".part")), "{names:?}");
    let bad = super::tiendo(d, &["checklist", "--out", pdf.to_str().unwrap()]);
    assert!(!bad.status.success(), "--quarter is required");
}

// --- Calendar -----------------------------------------------------------

/// One property of a component: name, parameters, value (unescaped later).
#[derive(Debug)]
struct Prop {
    name: String,
    params: Vec<String>,
    value: String,
}

/// A strict reader for what we write: CRLF everywhere, lines ≤ 75 octets,
/// folding by a leading space, BEGIN/END properly nested.
fn parse_ics(text: &str) -> Vec<Vec<Prop>> {
    assert!(text.ends_with("\r\n"));
    let body = &text[..text.len() - 2];
    for (i, raw) in body.split("\r\n").enumerate() {
        assert!(!raw.contains('\n') && !raw.contains('\r'), "bare line break in line {i}: {raw:?}");
        assert!(raw.len() <= 75, "line {i} has {} octets: {raw:?}", raw.len());
        assert!(!raw.is_empty(), "empty line {i}");
    }
    let mut lines: Vec<String> = vec![];
    for raw in body.split("\r\n") {
        match raw.strip_prefix(' ') {
            Some(cont) => lines.last_mut().expect("a continuation follows a line").push_str(cont),
            None => lines.push(raw.to_owned()),
        }
    }
    let mut stack: Vec<String> = vec![];
    let mut events = vec![];
    let mut current: Option<Vec<Prop>> = None;
    for line in &lines {
        let (head, value) = line.split_once(':').unwrap_or_else(|| panic!("no ':' in {line:?}"));
        let mut parts = head.split(';');
        let name = parts.next().unwrap().to_owned();
        assert!(!name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '-'), "bad name {name:?}");
        let params: Vec<String> = parts.map(str::to_owned).collect();
        match name.as_str() {
            "BEGIN" => {
                if value == "VEVENT" {
                    assert_eq!(stack.last().map(String::as_str), Some("VCALENDAR"));
                    current = Some(vec![]);
                }
                stack.push(value.to_owned());
            }
            "END" => {
                assert_eq!(stack.pop().as_deref(), Some(value), "END matches BEGIN");
                if value == "VEVENT" {
                    events.push(current.take().unwrap());
                }
            }
            _ => {
                if let Some(ev) = current.as_mut() {
                    ev.push(Prop { name, params, value: value.to_owned() });
                } else {
                    assert_eq!(stack, ["VCALENDAR"], "calendar properties inside the calendar");
                }
            }
        }
    }
    assert!(stack.is_empty());
    for name in ["VERSION:2.0", "CALSCALE:GREGORIAN", "PRODID:", "X-WR-CALNAME:"] {
        assert!(lines.iter().any(|l| l.starts_with(name)), "calendar has {name}");
    }
    events
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(x @ ('\\' | ';' | ',')) => out.push(x),
                other => panic!("bad escape \\{other:?} in {s:?}"),
            }
        } else {
            assert!(c != ';' && c != ',', "unescaped {c:?} in TEXT {s:?}");
            out.push(c);
        }
    }
    out
}

fn get<'a>(ev: &'a [Prop], name: &str) -> &'a Prop {
    let found: Vec<&Prop> = ev.iter().filter(|p| p.name == name).collect();
    assert_eq!(found.len(), 1, "exactly one {name} in {ev:?}");
    found[0]
}

fn events_by_uid(text: &str) -> BTreeMap<String, Vec<Prop>> {
    let mut out = BTreeMap::new();
    for ev in parse_ics(text) {
        let uid = get(&ev, "UID").value.clone();
        let start = get(&ev, "DTSTART");
        assert_eq!(start.params, ["VALUE=DATE"]);
        let end = get(&ev, "DTEND");
        assert_eq!(end.params, ["VALUE=DATE"]);
        let s = NaiveDate::parse_from_str(&start.value, "%Y%m%d").unwrap();
        let e = NaiveDate::parse_from_str(&end.value, "%Y%m%d").unwrap();
        assert_eq!(e, s.succ_opt().unwrap(), "all-day: ends the next day");
        assert!(get(&ev, "DTSTAMP").value.ends_with('Z'));
        assert!(!unescape(&get(&ev, "SUMMARY").value).is_empty());
        get(&ev, "SEQUENCE").value.parse::<u32>().unwrap();
        assert!(out.insert(uid.clone(), ev).is_none(), "UID {uid} is unique");
    }
    out
}

#[test]
fn calendar_has_every_milestone_with_stable_uids() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace(dir.path());
    let first = tiendo::ics::calendar(&ws, "X-ANT", Lang::Vi, Utc.with_ymd_and_hms(2023, 5, 15, 8, 0, 0).unwrap()).unwrap();
    let events = events_by_uid(&first.text);
    assert_eq!(events.len(), first.events);
    let t16: Vec<(&String, &Vec<Prop>)> = events.iter().filter(|(_, ev)| unescape(&get(ev, "SUMMARY").value).starts_with("1.6 ")).collect();
    let starts: Vec<&str> = t16.iter().map(|(_, ev)| get(ev, "DTSTART").value.as_str()).collect();
    assert_eq!(starts, ["20230307", "20230607", "20230907", "20231207"]);
    assert_eq!(t16[0].0, "cu-chi-cchc-2023-X-ANT-1.6-20230307@tiendo");
    let summary = unescape(&get(t16[0].1, "SUMMARY").value);
    assert!(summary.contains("Hàng quý gửi ít nhất 01 bài viết"), "{summary}");
    assert_eq!(tiendo::text::nfc(&summary), summary);
    // The milestone done on 06/03 says so; the next one does not.
    assert!(get(t16[0].1, "CATEGORIES").value.contains("Hoàn thành"));
    assert!(unescape(&get(t16[0].1, "DESCRIPTION").value).contains("xong ngày 06/03/2023"));
    assert!(!get(t16[1].1, "CATEGORIES").value.contains("Hoàn thành"));
    // Task 1.5 is done (late) as a whole: its milestone counts as done.
    assert!(get(&events["cu-chi-cchc-2023-X-ANT-1.5-20230331@tiendo"], "CATEGORIES").value.contains("Hoàn thành"));

    // A later export: same UIDs; a changed task has a higher SEQUENCE.
    ws.update_task("X-ANT", "1.6", &Change { milestone_done: Some((date(2023, 6, 7), date(2023, 6, 1))), ..Default::default() })
        .unwrap();
    let second = tiendo::ics::calendar(&ws, "X-ANT", Lang::Vi, Utc.with_ymd_and_hms(2023, 6, 2, 9, 30, 0).unwrap()).unwrap();
    let again = events_by_uid(&second.text);
    assert_eq!(events.keys().collect::<Vec<_>>(), again.keys().collect::<Vec<_>>());
    let seq = |evs: &BTreeMap<String, Vec<Prop>>, uid: &str| get(&evs[uid], "SEQUENCE").value.parse::<u32>().unwrap();
    let june = "cu-chi-cchc-2023-X-ANT-1.6-20230607@tiendo";
    assert!(seq(&again, june) > seq(&events, june));
    assert!(get(&again[june], "CATEGORIES").value.contains("Hoàn thành"));
    let other = "cu-chi-cchc-2023-X-ANT-2.1-20230331@tiendo";
    assert!(again.contains_key(other), "{:?}", again.keys().collect::<Vec<_>>());
    assert_eq!(seq(&again, other), seq(&events, other));
}

/// A second opinion from Python's `icalendar` (`.ci/run` installs the
/// `python3-icalendar` package). A missing checker fails the test: a check
/// that cannot run must not pass.
#[test]
fn calendar_parses_with_python_icalendar() {
    // The Debian package installs into the system Python, which a user's
    // own `python3` (pyenv, a virtualenv) earlier on PATH may not see.
    let python = ["python3", "/usr/bin/python3"]
        .into_iter()
        .find(|p| Command::new(p).args(["-c", "import icalendar"]).output().is_ok_and(|o| o.status.success()))
        .expect("python3 with the icalendar module is needed (apt-get install python3-icalendar; .ci/run installs it)");
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let cal = tiendo::ics::calendar(&ws, "X-ANT", Lang::Vi, Utc::now()).unwrap();
    let path = dir.path().join("lich.ics");
    std::fs::write(&path, &cal.text).unwrap();
    let script = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for ev in cal.walk('VEVENT'):
    s = ev.decoded('DTSTART'); e = ev.decoded('DTEND')
    print(str(ev['UID']), s.isoformat(), (e - s).days, str(ev['SUMMARY']).split(' ')[0])
"#;
    let out = Command::new(python).arg("-c").arg(script).arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), cal.events);
    assert!(text.contains("cu-chi-cchc-2023-X-ANT-1.6-20230907@tiendo 2023-09-07 1 1.6"), "{text}");
    assert!(text.lines().all(|l| l.split(' ').nth(2) == Some("1")), "every event lasts one day");
}

/// The plan a document reports on, as its own papers name it: issued with a
/// decision, numbered as a plan itself, or with no number yet.
#[test]
fn the_plan_reference_follows_what_the_plan_is() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::in_memory().unwrap();
    ws.today = date(2023, 5, 15);
    let reference = |ws: &Workspace| -> Option<String> {
        let text = pdftotext(dir.path(), &checklist_pdf(ws, "X-ANT", Q1, Lang::Vi).unwrap())?;
        Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    if let Some(text) = reference(&ws) {
        assert!(text.contains("ban hành kèm theo Quyết định số 221/QĐ-UBND ngày 13/01/2023)"), "{text}");
    }
    ws.plan.number = "05/KH-UBND".into();
    ws.plan.title = "Kế hoạch cải cách hành chính năm 2023 của xã".into();
    if let Some(text) = reference(&ws) {
        assert!(text.contains("(Thực hiện Kế hoạch cải cách hành chính năm 2023 của xã, số 05/KH-UBND ngày 13/01/2023)"), "{text}");
        assert!(!text.contains("Quyết định số 05/KH-UBND"), "a plan numbered on its own is no decision");
    }
    ws.plan.number = String::new();
    ws.plan.title = String::new();
    if let Some(text) = reference(&ws) {
        assert!(text.contains("(Thực hiện Kế hoạch cải cách hành chính năm 2023)"), "{text}");
        assert!(!text.contains(" số ngày"), "no empty number");
    }
}
