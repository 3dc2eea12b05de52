//! The command-line contract.

use super::{json, ok, tiendo};

#[test]
fn deadline_command_gives_dates_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    let v = json(dir.path(), &["deadline", "Quý I năm 2024", "--year", "2024", "--json"]);
    assert_eq!(v["dates"], serde_json::json!(["2024-03-31"]));
    assert_eq!(v["unparsed"], false);
    let v = json(dir.path(), &["deadline", "Chậm nhất ngày 07 tháng cuối cùng của quý", "--year", "2024", "--json"]);
    assert_eq!(v["dates"], serde_json::json!(["2024-03-07", "2024-06-07", "2024-09-07", "2024-12-07"]));
    let v = json(dir.path(), &["deadline", "Khi có phát sinh", "--year", "2024", "--json"]);
    assert_eq!(v["on_demand"], true);
    assert_eq!(v["dates"], serde_json::json!([]));
    let v = json(dir.path(), &["deadline", "xyz", "--year", "2024", "--json"]);
    assert_eq!(v["unparsed"], true);
}

#[test]
fn plan_show_json_lists_tasks_with_units_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let v = json(dir.path(), &["plan", "show", "--json"]);
    let tasks = v["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 45);
    let t12 = tasks.iter().find(|t| t["code"] == "1.2").unwrap();
    assert_eq!(t12["deadline_text"], "Hoàn thành trong tháng 10 năm 2023");
    assert_eq!(t12["dates"], serde_json::json!(["2023-10-31"]));
    assert_eq!(t12["lead"][0]["name"], "Phòng Nội vụ");
    assert_eq!(t12["products"].as_array().unwrap().len(), 2);
    let t61 = tasks.iter().find(|t| t["code"] == "6.1").unwrap();
    assert_eq!(t61["lead"][0]["name"], "Phòng Tài chính – Kế hoạch");
    assert!(v["units"].as_array().unwrap().len() >= 38);
    assert!(v["targets"].as_array().unwrap().len() >= 20);
    // The database was created on first run.
    assert!(dir.path().join("tiendo.sqlite3").exists());
}

#[test]
fn a_commune_sees_its_tasks_and_changes_persist_with_history() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let err = tiendo(d, &["tasks"]);
    assert!(!err.status.success());
    assert!(String::from_utf8_lossy(&err.stderr).contains("unit set"), "asks to choose a unit");
    ok(d, &["unit", "set", "X-ANT"]);
    let v = json(d, &["tasks", "--json"]);
    let codes: Vec<&str> = v["tasks"].as_array().unwrap().iter().map(|t| t["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"1.6") && codes.contains(&"3.1") && !codes.contains(&"1.1"), "{codes:?}");
    // Q1 2023 filter: 1.5 (Quý I) is in, 1.2 (October) is not.
    let q1 = json(d, &["tasks", "--quarter", "2023Q1", "--json"]);
    let q1codes: Vec<&str> = q1["tasks"].as_array().unwrap().iter().map(|t| t["code"].as_str().unwrap()).collect();
    assert!(q1codes.contains(&"1.5") && !q1codes.contains(&"1.2"), "{q1codes:?}");
    // Today is 2023-05-15: 1.5 (due 31/03) is overdue until done.
    let over = json(d, &["tasks", "--overdue", "--json"]);
    assert!(over["tasks"].as_array().unwrap().iter().any(|t| t["code"] == "1.5"));

    ok(d, &["task", "set", "1.5", "--status", "đang thực hiện", "--progress", "40", "--note", "Đã dự thảo"]);
    ok(d, &["task", "set", "1.6", "--milestone-done", "07/03/2023", "--on", "2023-03-06"]);
    ok(d, &["task", "set", "1.5", "--status", "hoan thanh tre han", "--progress", "100"]);
    // A new process sees the changes.
    let v = json(d, &["tasks", "--json"]);
    let t15 = v["tasks"].as_array().unwrap().iter().find(|t| t["code"] == "1.5").unwrap().clone();
    assert_eq!(t15["status"], "done_late");
    assert_eq!(t15["progress"], 100);
    assert_eq!(t15["note"], "Đã dự thảo");
    assert_eq!(t15["overdue"], false);
    let t16 = v["tasks"].as_array().unwrap().iter().find(|t| t["code"] == "1.6").unwrap().clone();
    assert_eq!(t16["milestones_done"][0]["due"], "2023-03-07");
    assert_eq!(t16["next_due"], "2023-06-07");
    let h = json(d, &["task", "history", "1.5", "--json"]);
    let fields: Vec<(&str, &str, &str)> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["old"].as_str().unwrap(), e["new"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("status", "not_started", "in_progress"),
            ("progress", "0", "40"),
            ("note", "", "Đã dự thảo"),
            ("status", "in_progress", "done_late"),
            ("progress", "40", "100"),
        ]
    );
    assert!(h[0]["by"].as_str().unwrap().contains("tester"));
}

#[test]
fn errors_are_one_clear_line_and_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["unit", "set", "PNV"]);
    for (args, needle) in [
        (vec!["task", "set", "9.9", "--status", "done"], "9.9"),
        (vec!["task", "set", "1.1", "--status", "xong"], "xong"),
        (vec!["task", "set", "1.1", "--progress", "150"], "150"),
        (vec!["unit", "set", "NOPE"], "NOPE"),
        (vec!["kpi", "set", "3.1.a", "--quarter", "2023Q5", "--num", "1", "--den", "2"], "2023Q5"),
        (vec!["kpi", "set", "3.1.a", "--quarter", "2023Q1", "--num", "5", "--den", "2"], "5"),
    ] {
        let out = tiendo(d, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("Lỗi: ") && err.contains(needle), "{args:?}: {err}");
    }
    let out = tiendo(d, &["--lang", "en", "task", "set", "9.9", "--status", "done"]);
    assert!(String::from_utf8(out.stderr).unwrap().starts_with("Error: no task \"9.9\""));
    let out = tiendo(d, &["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    // A needed option left out, or one that does not exist: a usage error (2), naming it.
    for (args, needle) in [(vec!["export", "--period", "2023Q1"], "--out"), (vec!["kpi", "set", "3.1.a", "--num", "1"], "--quarter"), (vec!["tasks", "--colour", "x"], "--colour")] {
        let out = tiendo(d, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(needle), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn kpi_figures_aggregate_by_summing_numerators_and_denominators() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Two communes and a department enter Q1 figures for 3.1.a (files on time).
    ok(d, &["kpi", "set", "3.1.a", "--unit", "X-ANT", "--quarter", "2023Q1", "--num", "9", "--den", "10"]);
    ok(d, &["kpi", "set", "3.1.a", "--unit", "X-AP", "--quarter", "2023Q1", "--num", "990", "--den", "1000"]);
    ok(d, &["kpi", "set", "3.1.a", "--unit", "X-AP", "--quarter", "2023Q2", "--num", "50", "--den", "100"]);
    ok(d, &["unit", "set", "CUCHI"]);
    let v = json(d, &["kpi", "show", "--quarter", "2023Q1", "--json"]);
    let row = v["targets"].as_array().unwrap().iter().find(|t| t["code"] == "3.1.a").unwrap().clone();
    assert_eq!(row["numerator"], 999.0);
    assert_eq!(row["denominator"], 1010.0);
    let rate = row["value"].as_f64().unwrap();
    assert!((rate - 98.9109).abs() < 1e-3, "{rate}"); // not the 94.5 an average would give
    assert_eq!(row["state"], "met");
    assert_eq!(row["reporting_units"], 2);
    // The year sums the quarters: 1049 / 1110 = 94.5 % → not met.
    let y = json(d, &["kpi", "show", "--json"]);
    let row = y["targets"].as_array().unwrap().iter().find(|t| t["code"] == "3.1.a").unwrap().clone();
    assert_eq!(row["denominator"], 1110.0);
    assert_eq!(row["state"], "not_met");
    // A commune sees only its own figures.
    let own = json(d, &["kpi", "show", "--unit", "X-ANT", "--quarter", "2023Q1", "--json"]);
    let row = own["targets"].as_array().unwrap().iter().find(|t| t["code"] == "3.1.a").unwrap().clone();
    assert_eq!(row["state"], "not_met");
    let none = own["targets"].as_array().unwrap().iter().find(|t| t["code"] == "4.1").unwrap().clone();
    assert_eq!(none["state"], "no_data");
}

#[test]
fn plan_import_dry_run_and_bad_rows() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let csv = d.join("plan.csv");
    std::fs::write(
        &csv,
        "STT,Nhiệm vụ cụ thể,Sản phẩm,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian hoàn thành\n\
         1 Công tác chỉ đạo điều hành,,,,,\n\
         1.1,Kiện toàn Ban Chỉ đạo,Quyết định,Trưởng Phòng Nội vụ huyện,Thủ trưởng cơ quan chuyên môn huyện,Quý 2/2024\n\
         1.2,\"Kiểm tra, khảo sát\",\"- Kế hoạch - Báo cáo\",Trưởng Phòng Nội vụ huyện,\"Chủ tịch UBND xã, thị trấn\",sau Tết\n",
    )
    .unwrap();
    let out = ok(d, &["plan", "import", csv.to_str().unwrap(), "--dry-run"]);
    assert!(out.contains("2024"), "{out}");
    assert!(out.contains("1.2") && out.contains("sau Tết"), "unparsed deadline listed: {out}");
    // Dry run changed nothing.
    let v = json(d, &["plan", "show", "--json"]);
    assert_eq!(v["id"], "cu-chi-cchc-2023");
    // A bad agency names row and column, and nothing changes.
    std::fs::write(
        &csv,
        "STT,Nhiệm vụ cụ thể,Sản phẩm,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian hoàn thành\n\
         1,Chỉ đạo,,,,\n\
         1.1,Việc,Quyết định,Trưởng Phòng Không Có,,Quý I năm 2024\n",
    )
    .unwrap();
    let out = tiendo(d, &["plan", "import", csv.to_str().unwrap()]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("dòng 3") && err.contains("Cơ quan chủ trì") && err.contains("Không Có"), "{err}");
    // A missing column is named.
    std::fs::write(&csv, "STT,Nhiệm vụ cụ thể,Sản phẩm\n1,x,y\n").unwrap();
    let err = String::from_utf8(tiendo(d, &["plan", "import", csv.to_str().unwrap()]).stderr).unwrap();
    assert!(err.contains("Cơ quan chủ trì"), "{err}");
    let v = json(d, &["plan", "show", "--json"]);
    assert_eq!(v["id"], "cu-chi-cchc-2023");
    // A good import activates the new plan.
    std::fs::write(
        &csv,
        "STT,Nhiệm vụ cụ thể,Sản phẩm,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian hoàn thành\n\
         1,Chỉ đạo,,,,\n\
         1.1,Việc một,Quyết định,Trưởng Phòng Nội vụ huyện,\"Chủ tịch UBND xã, thị trấn\",Quý III/2024\n",
    )
    .unwrap();
    ok(d, &["plan", "import", csv.to_str().unwrap(), "--id", "test-2024"]);
    let v = json(d, &["plan", "show", "--json"]);
    assert_eq!(v["id"], "test-2024");
    assert_eq!(v["tasks"][0]["dates"], serde_json::json!(["2024-09-30"]));
}

/// An Excel workbook as Excel writes it (one sheet, "Kế hoạch").
pub(crate) fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Kế hoạch").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                ws.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn plan_import_reads_excel_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let f = d.join("ke-hoach.xlsx");
    std::fs::write(
        &f,
        xlsx(&[
            &["KẾ HOẠCH CỤ THỂ"],
            &["STT", "Nhiệm vụ cụ thể", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
            &["1 Công tác chỉ đạo, điều hành"],
            &["1.1", "Kiện toàn Ban Chỉ đạo", "Quyết định", "Trưởng Phòng Nội vụ huyện", "Chủ tịch UBND xã, thị trấn", "Quý II/2024"],
            &["", "(tiếp theo trang trước) & bổ sung", "", "", "", ""],
            &["1.2", "Kiểm tra CCHC", "- Kế hoạch - Báo cáo", "Trưởng Phòng Nội vụ huyện", "", "Hoàn thành trong tháng 10 năm 2024"],
        ]),
    )
    .unwrap();
    ok(d, &["plan", "import", f.to_str().unwrap(), "--id", "xlsx-2024"]);
    let v = json(d, &["plan", "show", "--json"]);
    assert_eq!(v["id"], "xlsx-2024");
    assert_eq!(v["tasks"].as_array().unwrap().len(), 2);
    assert_eq!(v["tasks"][0]["description"], "Kiện toàn Ban Chỉ đạo (tiếp theo trang trước) & bổ sung");
    assert_eq!(v["tasks"][0]["dates"], serde_json::json!(["2024-06-30"]));
    assert_eq!(v["tasks"][1]["products"], serde_json::json!(["Kế hoạch", "Báo cáo"]));
    assert_eq!(v["tasks"][1]["dates"], serde_json::json!(["2024-10-31"]));
    // Not a workbook at all: one clear line, nothing changed.
    std::fs::write(&f, b"PK\x03\x04garbage").unwrap();
    let out = tiendo(d, &["plan", "import", f.to_str().unwrap()]);
    assert!(String::from_utf8(out.stderr).unwrap().contains(".xlsx"));
    assert_eq!(json(d, &["plan", "show", "--json"])["id"], "xlsx-2024");
}

#[test]
fn keys_protect_and_export_with_the_passphrase_from_a_file_or_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["unit", "set", "X-ANT"]);
    let shown = ok(d, &["keys", "show"]);
    assert!(shown.contains("Khóa ký không có mật khẩu."), "{shown}");
    let pass = d.join("pass.txt");
    // As Notepad saves it: a byte-order mark and CR LF.
    std::fs::write(&pass, "\u{feff}mật khẩu của xã An Nhơn Tây\r\n").unwrap();
    let said = ok(d, &["keys", "protect", "--new-passphrase-file", pass.to_str().unwrap()]);
    assert!(said.contains("Đã đặt mật khẩu"), "{said}");
    let shown_after = ok(d, &["keys", "show"]);
    assert!(shown_after.contains("Khóa ký được bảo vệ bằng mật khẩu."));
    assert_eq!(shown.lines().nth(1), shown_after.lines().nth(1), "same public key");

    let zip = d.join("q1.zip");
    let zip_s = zip.to_str().unwrap();
    let locked = tiendo(d, &["export", "--period", "2023Q1", "--out", zip_s]);
    assert_eq!(locked.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&locked.stderr).contains("khóa ký đang được bảo vệ bằng mật khẩu"));
    assert!(!zip.exists());

    ok(d, &["--passphrase-file", pass.to_str().unwrap(), "export", "--period", "2023Q1", "--out", zip_s]);
    assert!(zip.exists());
    let wrong = std::process::Command::new(env!("CARGO_BIN_EXE_tiendo"))
        .args(["--data-dir", d.to_str().unwrap(), "export", "--period", "2023Q2", "--out", d.join("q2.zip").to_str().unwrap()])
        .env("TIENDO_LANG", "vi")
        .env("TIENDO_KEY_PASSPHRASE", "không phải mật khẩu")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("mật khẩu khóa ký không đúng"), "{}", String::from_utf8_lossy(&wrong.stderr));
    let right = std::process::Command::new(env!("CARGO_BIN_EXE_tiendo"))
        .args(["--data-dir", d.to_str().unwrap(), "keys", "unprotect"])
        .env("TIENDO_LANG", "vi")
        .env("TIENDO_KEY_PASSPHRASE", "mật khẩu của xã An Nhơn Tây")
        .output()
        .unwrap();
    assert!(right.status.success(), "{}", String::from_utf8_lossy(&right.stderr));
    assert!(ok(d, &["keys", "show"]).contains("Khóa ký không có mật khẩu."));
}

/// Runs `tiendo ARGS` on a pseudo-terminal (util-linux `script`), typing
/// `lines` one per second; returns what the terminal showed.
fn on_terminal(data: &std::path::Path, args: &str, lines: &[&str]) -> String {
    use std::io::Write;
    let cmd = format!("'{}' --data-dir '{}' {args}", env!("CARGO_BIN_EXE_tiendo"), data.display());
    let mut child = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("TIENDO_LANG", "vi")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("script (util-linux) runs");
    let mut stdin = child.stdin.take().unwrap();
    for line in lines {
        std::thread::sleep(std::time::Duration::from_millis(700));
        writeln!(stdin, "{line}").unwrap();
    }
    std::thread::sleep(std::time::Duration::from_millis(700));
    drop(stdin);
    String::from_utf8_lossy(&child.wait_with_output().unwrap().stdout).into_owned()
}

#[test]
fn on_a_terminal_keys_protect_asks_twice_without_echo() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["unit", "set", "X-ANT"]);
    let shown = on_terminal(d, "keys protect", &["mật khẩu một", "mật khẩu hai"]);
    assert!(shown.contains("Nhập lại mật khẩu:") && shown.contains("hai lần nhập mật khẩu không giống nhau"), "{shown}");
    assert!(ok(d, &["keys", "show"]).contains("Khóa ký không có mật khẩu."));
    let shown = on_terminal(d, "keys protect", &["mật khẩu bí mật", "mật khẩu bí mật"]);
    assert!(shown.contains("Mật khẩu mới cho khóa ký (không hiện khi gõ):") && shown.contains("Đã đặt mật khẩu"), "{shown}");
    assert!(!shown.contains("bí mật"), "the passphrase is not echoed: {shown}");
    assert!(ok(d, &["keys", "show"]).contains("Khóa ký được bảo vệ bằng mật khẩu."));
}

#[test]
fn evidence_edit_corrects_the_details_and_keeps_the_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["unit", "set", "X-ANT"]);
    let file = d.join("Kế hoạch.pdf");
    std::fs::write(&file, b"%PDF-1.4 ke hoach").unwrap();
    ok(d, &["evidence", "add", "1.5", file.to_str().unwrap(), "--type", "kế hoạch", "--number", "12/KH-UBDN", "--date", "05/03/2023", "--description", "bản ký"]);
    let before = json(d, &["evidence", "list", "--json"]);
    let id = before[0]["id"].as_i64().unwrap().to_string();
    let said = ok(d, &["evidence", "edit", &id, "--number", "12/KH-UBND", "--date", "06/03/2023"]);
    assert!(said.contains("Đã sửa thông tin tài liệu kiểm chứng"), "{said}");
    let after = json(d, &["evidence", "list", "--json"]);
    assert_eq!(after[0]["doc_number"], "12/KH-UBND");
    assert_eq!(after[0]["doc_date"], "2023-03-06");
    for kept in ["doc_type", "description", "sha256", "size", "file_name", "added_at"] {
        assert_eq!(after[0][kept], before[0][kept], "{kept} unchanged");
    }
    // Nothing to change, a bad type, an unknown id: refused, nothing changed.
    assert_eq!(tiendo(d, &["evidence", "edit", &id]).status.code(), Some(2));
    assert_eq!(tiendo(d, &["evidence", "edit", &id, "--type", "bài thơ"]).status.code(), Some(1));
    let missing = tiendo(d, &["evidence", "edit", "999", "--number", "1"]);
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(json(d, &["evidence", "list", "--json"]), after);
}
