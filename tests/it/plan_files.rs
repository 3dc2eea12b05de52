//! Plans from the decision's own files (Word, Excel, Excel written by .NET
//! tools), plans across years, a new version of an installed plan.

use std::io::Write;
use std::path::Path;

use serde_json::Value;

use super::{json, ok, tiendo};

/// The appendix: columns in another order than the seed's (products last).
const HEADER: [&str; 6] = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm"];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn para(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#, esc(text))
}

/// A cell: its paragraphs, its properties.
fn tc(paragraphs: &[&str], props: &str) -> String {
    let body: String = if paragraphs.is_empty() { "<w:p/>".to_owned() } else { paragraphs.iter().map(|p| para(p)).collect() };
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>")
}

fn tr(cells: &[String]) -> String {
    format!("<w:tr>{}</w:tr>", cells.concat())
}

fn plain_row(cells: &[&str]) -> String {
    tr(&cells.iter().map(|c| tc(&[c], "")).collect::<Vec<_>>())
}

fn area_row(title: &str) -> String {
    tr(&[tc(&[title], r#"<w:gridSpan w:val="6"/>"#)])
}

/// A Word file: title paragraphs, a small table before the appendix (the
/// signature block kind), then the appendix with a header repeated after a
/// page break, area rows across the table, numbering restarting per area,
/// a lead agency merged down over three rows, a cell of two paragraphs, a
/// row continued after the page break and an agency no unit matches.
fn docx() -> Vec<u8> {
    docx_with(&[])
}

/// [`docx`] with these paragraphs between the title and the appendix.
fn docx_with(prose: &[&str]) -> Vec<u8> {
    let vmerge_start = r#"<w:vMerge w:val="restart"/>"#;
    let vmerge = "<w:vMerge/>";
    let rows = [
        plain_row(&HEADER),
        area_row("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
        tr(&[
            tc(&["1"], ""),
            tc(&["Ban hành Kế hoạch cải cách hành chính năm 2026"], ""),
            tc(&["Trưởng Phòng Nội vụ huyện"], vmerge_start),
            tc(&["Chánh Văn phòng HĐND và UBND huyện"], ""),
            tc(&["Quý I năm 2026"], ""),
            tc(&["Kế hoạch"], ""),
        ]),
        tr(&[
            tc(&["2"], ""),
            tc(&["Kiểm tra công tác cải cách hành chính"], ""),
            tc(&[], vmerge),
            tc(&[], ""),
            tc(&["Trong tháng 10 năm 2026"], ""),
            tc(&["Báo cáo"], ""),
        ]),
        tr(&[
            tc(&["3"], ""),
            tc(&["Tuyên truyền cải cách hành chính", "trên Cổng thông tin điện tử"], ""),
            tc(&[], vmerge),
            tc(&["Chủ tịch UBND xã, thị trấn"], ""),
            tc(&["31/12/2026"], ""),
            tc(&["Bài viết", "Tin"], ""),
        ]),
        plain_row(&HEADER),
        area_row("II. CẢI CÁCH THỂ CHẾ"),
        plain_row(&["1", "Rà soát văn bản quy phạm pháp luật", "Trưởng Phòng Tư pháp huyện", "Thủ trưởng các cơ quan chuyên môn huyện", "Quý II năm 2026", "Báo cáo"]),
        plain_row(&["", "(tiếp theo trang trước) năm 2026", "", "", "", ""]),
        plain_row(&["2", "Theo dõi thi hành pháp luật", "Trưởng Phòng Không Có Thật", "", "Quý III năm 2026", "Báo cáo"]),
    ];
    let grid: String = (0..6).map(|_| "<w:gridCol/>").collect();
    let appendix = format!("<w:tbl><w:tblGrid>{grid}</w:tblGrid>{}</w:tbl>", rows.concat());
    let signature = format!("<w:tbl>{}</w:tbl>", plain_row(&["Nơi nhận:", "CHỦ TỊCH"]));
    let body = [
        para("ỦY BAN NHÂN DÂN HUYỆN CỦ CHI"),
        para("Số: 12/KH-UBND"),
        para("KẾ HOẠCH"),
        para("Cải cách hành chính năm 2026"),
        prose.iter().map(|p| para(p)).collect::<String>(),
        appendix,
        signature,
    ]
    .concat();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    for (name, text) in [
        ("[Content_Types].xml", r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_owned()),
        ("word/document.xml", document),
    ] {
        z.start_file(name, o).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// The same appendix as an Excel workbook: the area rows merged across the
/// table, the lead agency merged down over three rows, a real date cell.
fn xlsx() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Phụ lục").unwrap();
    let plain = Format::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    ws.write_string(0, 0, "KẾ HOẠCH CỤ THỂ CẢI CÁCH HÀNH CHÍNH NĂM 2026").unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    ws.merge_range(2, 0, 2, 5, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", &plain).unwrap();
    let rows: [[&str; 6]; 3] = [
        ["1", "Ban hành Kế hoạch cải cách hành chính năm 2026", "", "Chánh Văn phòng HĐND và UBND huyện", "Quý I năm 2026", "Kế hoạch"],
        ["2", "Kiểm tra công tác cải cách hành chính", "", "", "Trong tháng 10 năm 2026", "Báo cáo"],
        ["3", "Tuyên truyền cải cách hành chính\ntrên Cổng thông tin điện tử", "", "Chủ tịch UBND xã, thị trấn", "", "Bài viết\nTin"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(3 + r as u32, c as u16, *v).unwrap();
            }
        }
    }
    ws.merge_range(3, 2, 5, 2, "Trưởng Phòng Nội vụ huyện", &plain).unwrap();
    ws.write_datetime_with_format(5, 4, ExcelDateTime::from_ymd(2026, 12, 31).unwrap(), &date).unwrap();
    ws.merge_range(6, 0, 6, 5, "II. CẢI CÁCH THỂ CHẾ", &plain).unwrap();
    for (c, v) in ["1", "Rà soát văn bản quy phạm pháp luật", "Trưởng Phòng Tư pháp huyện", "Thủ trưởng các cơ quan chuyên môn huyện", "Quý II năm 2026", "Báo cáo"].iter().enumerate() {
        ws.write_string(7, c as u16, *v).unwrap();
    }
    ws.write_string(8, 1, "(tiếp theo trang trước) năm 2026").unwrap();
    wb.save_to_buffer().unwrap()
}

/// Rewrites the workbook's XML parts as .NET tools write them: every
/// element of the sheet, the workbook and the shared strings under an `x:` prefix.
fn with_x_prefix(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap();
        if name == "xl/workbook.xml" || name.starts_with("xl/worksheets/sheet") || name == "xl/sharedStrings.xml" {
            text = prefix_elements(&text);
        }
        z.start_file(name, o).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn prefix_elements(xml: &str) -> String {
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let xml = xml.replacen(&format!(r#"xmlns="{main}""#), &format!(r#"xmlns:x="{main}""#), 1);
    let mut out = String::with_capacity(xml.len() + 1024);
    let mut chars = xml.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '<' {
            if chars.peek() == Some(&'/') {
                out.push(chars.next().unwrap());
            }
            if chars.peek().is_some_and(|n| n.is_ascii_alphabetic()) {
                out.push_str("x:");
            }
        }
    }
    out
}

fn unit_codes(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|u| u["code"].as_str().unwrap().to_owned()).collect()
}

fn code_of(plan: &Value, name: &str) -> String {
    plan["units"].as_array().unwrap().iter().find(|u| u["name"] == name).unwrap()["code"].as_str().unwrap().to_owned()
}

/// The tasks both files describe, checked on the installed plan.
fn assert_appendix(plan: &Value, with_ii2: bool) {
    let tasks = plan["tasks"].as_array().unwrap();
    let codes: Vec<&str> = tasks.iter().map(|t| t["code"].as_str().unwrap()).collect();
    let mut expected = vec!["I.1", "I.2", "I.3", "II.1"];
    if with_ii2 {
        expected.push("II.2");
    }
    assert_eq!(codes, expected);
    let areas: Vec<(&str, &str)> = plan["areas"].as_array().unwrap().iter().map(|a| (a["code"].as_str().unwrap(), a["title"].as_str().unwrap())).collect();
    assert_eq!(areas, vec![("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"), ("II", "CẢI CÁCH THỂ CHẾ")]);
    let pnv = code_of(plan, "Phòng Nội vụ");
    let vp = code_of(plan, "Văn phòng HĐND và UBND");
    let ptp = code_of(plan, "Phòng Tư pháp");
    let t = |c: &str| tasks.iter().find(|t| t["code"] == c).unwrap();
    // The lead merged down over three rows counts for each of them.
    for c in ["I.1", "I.2", "I.3"] {
        assert_eq!(unit_codes(&t(c)["lead"]), vec![pnv.clone()], "{c}");
    }
    assert_eq!(unit_codes(&t("I.1")["coordinating"]), vec![vp]);
    assert!(unit_codes(&t("I.2")["coordinating"]).is_empty());
    let communes = plan["units"].as_array().unwrap().iter().filter(|u| u["kind"] == "commune").count();
    assert_eq!(unit_codes(&t("I.3")["coordinating"]).len(), communes);
    assert_eq!(t("I.3")["description"], "Tuyên truyền cải cách hành chính\ntrên Cổng thông tin điện tử");
    assert_eq!(t("I.3")["products"], serde_json::json!(["Bài viết", "Tin"]));
    assert_eq!(unit_codes(&t("II.1")["lead"]), vec![ptp.clone()]);
    assert!(unit_codes(&t("II.1")["coordinating"]).len() > 5 && !unit_codes(&t("II.1")["coordinating"]).contains(&ptp));
    assert_eq!(t("II.1")["description"], "Rà soát văn bản quy phạm pháp luật (tiếp theo trang trước) năm 2026");
    assert_eq!(t("I.1")["dates"], serde_json::json!(["2026-03-31"]));
    assert_eq!(t("I.2")["dates"], serde_json::json!(["2026-10-31"]));
    assert_eq!(t("I.3")["dates"], serde_json::json!(["2026-12-31"]));
    assert_eq!(t("II.1")["dates"], serde_json::json!(["2026-06-30"]));
    assert_eq!(plan["year"], 2026);
}

#[test]
fn a_word_appendix_gives_the_right_tasks_units_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let f = d.join("ke-hoach-2026.docx");
    std::fs::write(&f, docx()).unwrap();
    // The dry run lists the agency no unit matches with its row and column, and changes nothing.
    let out = ok(d, &["plan", "import", f.to_str().unwrap(), "--dry-run"]);
    assert!(out.contains("Trưởng Phòng Không Có Thật") && out.contains("dòng 10") && out.contains("Cơ quan chủ trì"), "{out}");
    assert!(out.contains("II.1") && out.contains("I.3"), "{out}");
    assert_eq!(json(d, &["plan", "show", "--json"])["id"], "cu-chi-cchc-2023");
    // A real import refuses while an agency is unmatched, naming it.
    let refused = tiendo(d, &["plan", "import", f.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&refused.stderr).into_owned();
    assert!(!refused.status.success() && err.contains("Trưởng Phòng Không Có Thật") && err.contains("dòng 10"), "{err}");
    assert_eq!(json(d, &["plan", "show", "--json"])["id"], "cu-chi-cchc-2023");
    // Accepted knowingly: the task keeps a record of what was left out.
    ok(d, &["plan", "import", f.to_str().unwrap(), "--id", "kh-2026", "--allow-unmatched"]);
    let plan = json(d, &["plan", "show", "--json"]);
    assert_eq!(plan["id"], "kh-2026");
    assert_eq!(plan["number"], "12/KH-UBND");
    assert_eq!(plan["title"], "Kế hoạch Cải cách hành chính năm 2026");
    assert_appendix(&plan, true);
    let ii2 = plan["tasks"].as_array().unwrap().iter().find(|t| t["code"] == "II.2").unwrap();
    assert!(ii2["lead"].as_array().unwrap().is_empty());
    assert!(ii2["repairs"].to_string().contains("Trưởng Phòng Không Có Thật"), "{ii2}");
}

#[test]
fn an_excel_appendix_gives_the_same_plan_also_when_written_by_a_dotnet_tool() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plain = xlsx();
    for (name, bytes) in [("ke-hoach.xlsx", plain.clone()), ("ke-hoach-net.xlsx", with_x_prefix(&plain))] {
        let f = d.join(name);
        std::fs::write(&f, &bytes).unwrap();
        let id = name.trim_end_matches(".xlsx");
        ok(d, &["plan", "import", f.to_str().unwrap(), "--id", id, "--year", "2026"]);
        let plan = json(d, &["plan", "show", "--json"]);
        assert_eq!(plan["id"], id);
        assert_appendix(&plan, false);
    }
    let sheet = String::from_utf8_lossy(&{
        use std::io::Read;
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(with_x_prefix(&plain))).unwrap();
        let mut s = vec![];
        z.by_name("xl/worksheets/sheet1.xml").unwrap().read_to_end(&mut s).unwrap();
        s
    })
    .into_owned();
    assert!(sheet.contains("<x:sheetData>") && sheet.contains("<x:mergeCell "), "the test file is really prefixed");
}

fn set(d: &Path, args: &[&str]) {
    ok(d, args);
}

#[test]
fn rollover_copies_the_plan_for_the_next_year_and_keeps_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    set(d, &["unit", "set", "X-ANT"]);
    set(d, &["task", "set", "1.5", "--status", "done"]);
    set(d, &["task", "set", "1.6", "--progress", "40"]);
    let old = json(d, &["plan", "show", "--json"]);
    let out = ok(d, &["plan", "rollover", "--year", "2024"]);
    assert!(out.contains("cu-chi-cchc-2024") && out.contains("cu-chi-cchc-2023"), "{out}");
    // Unfinished tasks of the old year are listed; 1.5 (done by X-ANT, not by every unit) still is.
    assert!(out.contains("1.6"), "{out}");
    let new = json(d, &["plan", "show", "--json"]);
    assert_eq!((new["id"].as_str(), new["year"].as_i64()), (Some("cu-chi-cchc-2024"), Some(2024)));
    assert_eq!(new["tasks"].as_array().unwrap().len(), old["tasks"].as_array().unwrap().len());
    let dates = |p: &Value, c: &str| p["tasks"].as_array().unwrap().iter().find(|t| t["code"] == c).unwrap()["dates"].clone();
    assert_eq!(dates(&old, "1.2"), serde_json::json!(["2023-10-31"]));
    assert_eq!(dates(&new, "1.2"), serde_json::json!(["2024-10-31"]));
    assert_eq!(dates(&new, "1.6"), serde_json::json!(["2024-03-07", "2024-06-07", "2024-09-07", "2024-12-07"]));
    // The new year starts fresh; the unit stays chosen.
    let t15 = json(d, &["task", "show", "1.5", "--json"]);
    assert_eq!(t15["state"]["status"], "not_started");
    // Both plans are listed; `plan use` switches back and the old progress is there.
    let list = json(d, &["plan", "list", "--json"]);
    let ids: Vec<(&str, bool)> = list.as_array().unwrap().iter().map(|p| (p["id"].as_str().unwrap(), p["active"].as_bool().unwrap())).collect();
    assert_eq!(ids, vec![("cu-chi-cchc-2023", false), ("cu-chi-cchc-2024", true)]);
    assert_eq!(list[0]["tasks"], 45);
    ok(d, &["plan", "use", "cu-chi-cchc-2023"]);
    assert_eq!(json(d, &["plan", "show", "--json"])["year"], 2023);
    assert_eq!(json(d, &["task", "show", "1.5", "--json"])["state"]["status"], "done");
    assert_eq!(json(d, &["task", "show", "1.6", "--json"])["state"]["progress"], 40);
    // A second rollover to the same id is refused; an unknown plan is named.
    assert!(!tiendo(d, &["plan", "rollover", "--year", "2024"]).status.success());
    let bad = tiendo(d, &["plan", "use", "khong-co"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("khong-co"));
}

#[test]
fn a_new_version_of_an_installed_plan_shows_its_changes_and_keeps_progress_by_task_code() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let f = d.join("v1.csv");
    let header = "STT;Nhiệm vụ cụ thể;Sản phẩm;Cơ quan chủ trì;Cơ quan phối hợp;Thời gian hoàn thành\n";
    std::fs::write(
        &f,
        format!("{header}I;CHỈ ĐẠO;;;;\n1;Việc một;Kế hoạch;Trưởng Phòng Nội vụ huyện;;Quý I năm 2026\n2;Việc hai;Báo cáo;Trưởng Phòng Nội vụ huyện;;Quý II năm 2026\n3;Việc ba;Báo cáo;Trưởng Phòng Nội vụ huyện;;Quý III năm 2026\n"),
    )
    .unwrap();
    ok(d, &["plan", "import", f.to_str().unwrap(), "--id", "kh", "--year", "2026"]);
    let pnv = code_of(&json(d, &["plan", "show", "--json"]), "Phòng Nội vụ");
    ok(d, &["unit", "set", &pnv]);
    ok(d, &["task", "set", "I.1", "--status", "done"]);
    ok(d, &["task", "set", "I.2", "--progress", "30"]);
    let g = d.join("v2.csv");
    std::fs::write(
        &g,
        format!("{header}I;CHỈ ĐẠO;;;;\n1;Việc một;Kế hoạch;Trưởng Phòng Nội vụ huyện;;Quý I năm 2026\n2;Việc hai, sửa lời;Báo cáo;Trưởng Phòng Nội vụ huyện;;Quý IV năm 2026\n4;Việc bốn;Báo cáo;Trưởng Phòng Nội vụ huyện;;Quý IV năm 2026\n"),
    )
    .unwrap();
    let out = ok(d, &["plan", "import", g.to_str().unwrap(), "--id", "kh", "--year", "2026", "--dry-run"]);
    for needle in ["+ I.4", "− I.3", "~ I.2", "Quý II năm 2026", "Quý IV năm 2026", "31/12/2026"] {
        assert!(out.contains(needle), "{needle} in {out}");
    }
    assert_eq!(json(d, &["plan", "show", "--json"])["tasks"].as_array().unwrap().len(), 3, "dry run changed nothing");
    ok(d, &["plan", "import", g.to_str().unwrap(), "--id", "kh", "--year", "2026"]);
    let plan = json(d, &["plan", "show", "--json"]);
    let codes: Vec<&str> = plan["tasks"].as_array().unwrap().iter().map(|t| t["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["I.1", "I.2", "I.4"]);
    assert_eq!(json(d, &["task", "show", "I.1", "--json"])["state"]["status"], "done");
    assert_eq!(json(d, &["task", "show", "I.2", "--json"])["state"]["progress"], 30);
}

#[test]
fn task_show_says_what_was_repaired_from_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["unit", "set", "X-ANT"]);
    let out = ok(d, &["task", "show", "2.3"]);
    assert!(out.contains("Đã sửa từ bản gốc") && out.contains("Chủ tịch UBND xã, thị trấn"), "{out}");
    let plan = json(d, &["plan", "show", "--json"]);
    let t62 = plan["tasks"].as_array().unwrap().iter().find(|t| t["code"] == "6.2").unwrap();
    assert_eq!(unit_codes(&t62["coordinating"]), vec![code_of(&plan, "Phòng Tài chính – Kế hoạch")]);
}

/// The old binary workbook (BIFF8, "Excel 97-2003"), as offices still keep
/// them: the appendix of [`xlsx`] saved as .xls by LibreOffice once
/// (`soffice --headless --convert-to xls`) and kept as a fixture.
#[test]
fn an_old_excel_xls_appendix_gives_the_same_plan() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ke-hoach-phu-luc.xls");
    let bytes = std::fs::read(&fixture).unwrap();
    assert_eq!(bytes[..8], [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "a compound file, not a zip");
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let f = d.join("Kế hoạch CCHC 2026.xls");
    std::fs::write(&f, &bytes).unwrap();
    let out = ok(d, &["plan", "import", f.to_str().unwrap(), "--dry-run"]);
    assert!(out.contains("I.3") && out.contains("II.1"), "{out}");
    ok(d, &["plan", "import", f.to_str().unwrap(), "--id", "kh-xls-2026", "--year", "2026"]);
    let plan = json(d, &["plan", "show", "--json"]);
    assert_eq!(plan["id"], "kh-xls-2026");
    assert_appendix(&plan, false);
}

/// The import preview offers an agency that matches no unit as a unit of
/// the organisation (recorded as its other name) or as a new unit; the plan
/// is read again at once and the agency is assigned. The command line has
/// the same: `unit alias`.
#[test]
fn unmatched_agencies_are_mapped_or_added_from_the_preview() {
    use tiendo::ui::{Message, plan_import};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let csv = d.join("ke-hoach.csv");
    std::fs::write(
        &csv,
        "STT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian hoàn thành\n\
         I,Chỉ đạo,,,\n\
         1,Kiểm tra CCHC,P. Nội vụ,Ban Chỉ huy Quân sự huyện,Quý II/2024\n\
         2,Báo cáo,Phòng Tư pháp,P. Nội vụ,Quý IV/2024\n",
    )
    .unwrap();
    let mut app = crate::ui_reports::app_in(d, "PNV");
    let _ = app.update(Message::Nav(tiendo::ui::Screen::Settings));
    // The file is read on the job worker: the window shows the job, then the preview.
    let task = app.update(Message::Settings(tiendo::ui::settings::Message::Chosen(tiendo::ui::settings::Pick::PlanFile, vec![csv.clone()])));
    assert!(app.job.is_some() && app.plan_preview.is_none());
    crate::ui_reports::drive(&mut app, task);
    assert!(app.job.is_none() && app.plan_preview.is_some(), "{:?}", app.notice);
    let phrases = app.plan_preview.as_ref().unwrap().unmatched_phrases().iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(phrases, vec!["P. Nội vụ", "Ban Chỉ huy Quân sự huyện"]);
    assert!(crate::ui::has_text(&app, |t| t == "Thêm thành đơn vị mới"));

    // "P. Nội vụ" is Phòng Nội vụ: both tasks get it, in their roles.
    let task = app.update(Message::PlanImport(plan_import::Message::Map("P. Nội vụ".into(), Some("PNV".into()))));
    crate::ui_reports::drive(&mut app, task);
    let p = app.plan_preview.as_ref().expect("the preview stays open");
    assert_eq!(p.unmatched_phrases(), vec!["Ban Chỉ huy Quân sự huyện"]);
    assert_eq!(p.plan.task("I.1").unwrap().lead, vec!["PNV".to_owned()]);
    assert!(p.plan.task("I.2").unwrap().coordinating.contains(&"PNV".to_owned()));
    assert_eq!(app.ws.org.unit("PNV").unwrap().aliases, vec!["P. Nội vụ".to_owned()]);

    // The militia command becomes a new unit under the plan's issuer.
    let task = app.update(Message::PlanImport(plan_import::Message::NewUnit("Ban Chỉ huy Quân sự huyện".into())));
    crate::ui_reports::drive(&mut app, task);
    let p = app.plan_preview.as_ref().unwrap();
    assert!(p.unmatched_phrases().is_empty(), "{:?}", p.imported.unmatched);
    let new = app.ws.org.units.iter().find(|u| u.name == "Ban Chỉ huy Quân sự huyện").expect("the new unit");
    assert_eq!((new.kind, new.parent.as_deref()), (tiendo::domain::UnitKind::Department, Some("CUCHI")));
    assert_eq!(p.plan.task("I.1").unwrap().coordinating, vec![new.code.clone()]);

    // Nothing of the plan is saved before "Nhập"; then it is, with both.
    assert_ne!(app.ws.plan.year, 2024);
    let task = app.update(Message::PlanImport(plan_import::Message::Accept));
    crate::ui_reports::drive(&mut app, task);
    assert_eq!(app.ws.plan.task("I.1").unwrap().lead, vec!["PNV".to_owned()]);
    // Said as the clerk knows the plan, not by its internal id.
    let said = app.notice.as_ref().map(|n| n.text.clone()).unwrap_or_default();
    let targets = app.ws.plan.targets.len();
    assert_eq!(said, format!("Đã nhập và đang dùng Kế hoạch (chưa có số) · năm 2024: 2 nhiệm vụ, {targets} chỉ tiêu."));

    // The command line: the same phrase in another folder, named with `unit alias`.
    let d2 = tempfile::tempdir().unwrap();
    set(d2.path(), &["unit", "set", "PNV"]);
    let said = ok(d2.path(), &["unit", "alias", "PNV", "P. Nội vụ"]);
    assert!(said.contains("Đã ghi «P. Nội vụ» là tên khác của PNV"), "{said}");
    let dry = tiendo(d2.path(), &["plan", "import", csv.to_str().unwrap(), "--dry-run"]);
    let said = String::from_utf8_lossy(&dry.stdout).into_owned();
    assert!(said.contains("1 cơ quan không khớp"), "{said}");
}

/// An order column numbered by Word itself (automatic list numbering, no
/// number in the cells' text): areas "I.", "II." and tasks "1.", "2." that
/// restart under each area, as Word shows them, give the task codes.
#[test]
fn a_word_appendix_numbered_by_word_itself_gives_the_codes_word_shows() {
    let numbered = |level: u32| format!(r#"<w:tc><w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="3"/></w:numPr></w:pPr></w:p></w:tc>"#);
    let cell = |t: &str| tc(&[t], "");
    let row = |first: String, rest: &[&str]| tr(&std::iter::once(first).chain(rest.iter().map(|c| cell(c))).collect::<Vec<_>>());
    let rows = [
        plain_row(&HEADER),
        row(numbered(0), &["CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "", "", "", ""]),
        row(numbered(1), &["Ban hành Kế hoạch CCHC", "Trưởng Phòng Nội vụ huyện", "", "Quý I năm 2026", "Kế hoạch"]),
        row(numbered(1), &["Kiểm tra CCHC", "Trưởng Phòng Nội vụ huyện", "", "Quý III năm 2026", "Báo cáo"]),
        row(numbered(0), &["CẢI CÁCH THỂ CHẾ", "", "", "", ""]),
        row(numbered(1), &["Rà soát văn bản", "Trưởng Phòng Tư pháp huyện", "", "Quý II năm 2026", "Báo cáo"]),
    ];
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl>{}</w:tbl></w:body></w:document>"#,
        rows.concat()
    );
    let numbering = r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
        <w:abstractNum w:abstractNumId="7">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>"#;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    for (name, text) in [("word/document.xml", document.as_str()), ("word/numbering.xml", numbering)] {
        z.start_file(name, o).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ke-hoach-danh-so-tu-dong.docx");
    std::fs::write(&file, z.finish().unwrap().into_inner()).unwrap();
    ok(dir.path(), &["plan", "import", file.to_str().unwrap(), "--year", "2026", "--id", "kh-tu-dong"]);
    let plan = json(dir.path(), &["plan", "show", "--json"]);
    let codes: Vec<&str> = plan["tasks"].as_array().unwrap().iter().map(|t| t["code"].as_str().unwrap()).collect();
    assert_eq!(codes, vec!["I.1", "I.2", "II.1"]);
    assert_eq!(plan["tasks"][2]["description"], "Rà soát văn bản");
    assert_eq!(plan["tasks"][1]["dates"], serde_json::json!(["2026-09-30"]));
}

#[test]
fn a_word_plan_brings_the_targets_its_targets_section_states() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let before = json(d, &["plan", "show", "--json"])["targets"].as_array().unwrap().len();
    let f = d.join("ke-hoach-xa-2026.docx");
    std::fs::write(
        &f,
        docx_with(&[
            "I. MỤC TIÊU",
            "Nâng cao chất lượng phục vụ người dân, doanh nghiệp.",
            "II. CHỈ TIÊU",
            "1. Phấn đấu Chỉ số CCHC của xã năm 2026 tăng so với năm 2025.",
            "2. Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt từ 98% trở lên.",
            "3. Tỷ lệ hồ sơ trễ hạn không quá 2%; mức độ hài lòng của người dân đạt tối thiểu 95%.",
            "III. NHIỆM VỤ TRỌNG TÂM",
            "Bảo đảm 100% văn bản được ban hành đúng hạn.",
        ]),
    )
    .unwrap();
    // The dry run says where the targets come from.
    let out = ok(d, &["plan", "import", f.to_str().unwrap(), "--dry-run"]);
    assert!(out.contains("Chỉ tiêu: 4 chỉ tiêu đọc từ phần «Chỉ tiêu» của văn bản"), "{out}");
    assert!(out.contains("  3.a     ≤ 2%         Tỷ lệ hồ sơ trễ hạn không quá 2%\n"), "{out}");
    assert!(out.contains("  1       Đạt          Phấn đấu Chỉ số CCHC"), "{out}");
    ok(d, &["plan", "import", f.to_str().unwrap(), "--id", "kh-xa-2026", "--allow-unmatched"]);
    let plan = json(d, &["plan", "show", "--json"]);
    let targets = plan["targets"].as_array().unwrap();
    let seen: Vec<(String, String, f64)> = targets
        .iter()
        .map(|t| (t["code"].as_str().unwrap().to_owned(), t["comparator"].as_str().unwrap().to_owned(), t["value"].as_f64().unwrap()))
        .collect();
    assert_eq!(
        seen,
        vec![("1".into(), "=".into(), 1.0), ("2".into(), ">=".into(), 98.0), ("3.a".into(), "<=".into(), 2.0), ("3.b".into(), ">=".into(), 95.0)],
        "{plan}"
    );
    assert_ne!(targets.len(), before, "not the example plan's targets");
    // The window's preview lists them before the tasks, with what each asks.
    {
        use tiendo::ui::Message;
        let mut app = crate::ui_reports::app_in(d, "PNV");
        let _ = app.update(Message::Nav(tiendo::ui::Screen::Settings));
        let task = app.update(Message::Settings(tiendo::ui::settings::Message::Chosen(tiendo::ui::settings::Pick::PlanFile, vec![f.clone()])));
        crate::ui_reports::drive(&mut app, task);
        assert!(app.plan_preview.is_some(), "{:?}", app.notice);
        assert!(crate::ui::has_text(&app, |t| t == "Chỉ tiêu đọc từ văn bản (4)"));
        assert!(crate::ui::has_text(&app, |t| t == "≤ 2%"));
        assert!(crate::ui::has_text(&app, |t| t == "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt từ 98% trở lên."));
    }
    // A plan file without a targets section keeps the targets in use.
    let g = d.join("ke-hoach-khong-chi-tieu.docx");
    std::fs::write(&g, docx()).unwrap();
    let out = ok(d, &["plan", "import", g.to_str().unwrap(), "--dry-run"]);
    assert!(out.contains("văn bản không có phần «Chỉ tiêu»; giữ 4 chỉ tiêu"), "{out}");
}

/// A LibreOffice Calc workbook (.ods) of one sheet with these rows.
fn ods(rows: &[&[&str]]) -> Vec<u8> {
    let cells = |row: &[&str]| -> String {
        row.iter().map(|c| format!(r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#, esc(c))).collect()
    };
    let body: String = rows.iter().map(|r| format!("<table:table-row>{}</table:table-row>", cells(r))).collect();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Kế hoạch">{body}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("mimetype", stored).unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    for (name, text) in [("content.xml", content.as_str()), ("META-INF/manifest.xml", manifest)] {
        z.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

#[test]
fn a_calc_workbook_and_a_word_file_under_another_name_import_and_a_pdf_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // LibreOffice Calc.
    let f = d.join("ke-hoach.ods");
    std::fs::write(
        &f,
        ods(&[
            &HEADER,
            &["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"],
            &["1", "Ban hành Kế hoạch cải cách hành chính năm 2026", "Trưởng Phòng Nội vụ huyện", "", "Quý I năm 2026", "Kế hoạch"],
            &["2", "Kiểm tra công tác cải cách hành chính", "Trưởng Phòng Nội vụ huyện", "", "Trong tháng 10 năm 2026", "Báo cáo"],
        ]),
    )
    .unwrap();
    let out = ok(d, &["plan", "import", f.to_str().unwrap(), "--dry-run"]);
    assert!(out.contains("Kế hoạch năm 2026: 1 lĩnh vực, 2 nhiệm vụ"), "{out}");
    // A Word file saved as .csv by mistake is still read as Word.
    let g = d.join("ke-hoach.csv");
    std::fs::write(&g, docx()).unwrap();
    let out = ok(d, &["plan", "import", g.to_str().unwrap(), "--dry-run", "--allow-unmatched"]);
    assert!(out.contains("2 lĩnh vực, 5 nhiệm vụ"), "{out}");
    // A PDF: refused, saying what to use instead; nothing changes.
    let p = d.join("ke-hoach.pdf");
    std::fs::write(&p, b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n").unwrap();
    let refused = tiendo(d, &["plan", "import", p.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&refused.stderr).into_owned();
    assert!(!refused.status.success() && err.contains("tệp PDF không giữ bảng kế hoạch") && err.contains(".docx"), "{err}");
    assert_eq!(json(d, &["plan", "show", "--json"])["id"], "cu-chi-cchc-2023");
}
