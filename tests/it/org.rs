//! The organisation: a units table for a 2025-style province (two-tier local
//! government: the province, its departments, communes, wards and special
//! zones, and the offices of one ward), imported from CSV in every encoding
//! a Vietnamese office machine writes; the tree, the kinds, who
//! consolidates, collective phrases resolved by kind and parent, a second
//! import reporting what changed, a bad row named by row and column.

use std::path::Path;

use tiendo::agency::{Group, Resolver};
use tiendo::domain::{Unit, UnitKind};
use tiendo::workspace::Workspace;
use unicode_normalization::UnicodeNormalization;

use super::{json, ok, tiendo};

/// The province's units. Headers are written as clerks write them (case,
/// spaces, one without diacritics); one parent is given by name, not code.
const PROVINCE: &str = "\
MÃ ĐƠN VỊ,Tên đơn vị,Loại,Đơn vị cấp trên,Tổng hợp cho
QN,Ủy ban nhân dân tỉnh Quảng Ninh,UBND tỉnh,,
SNV,Sở Nội vụ,Sở,QN,QN
STC,Sở Tài chính,Sở,QN,
STP,Sở Tư pháp,sở,UBND tỉnh Quảng Ninh,
VPUB,Văn phòng UBND tỉnh,Phòng,QN,
TTPVHCC,Trung tâm Phục vụ hành chính công tỉnh,Đơn vị sự nghiệp,QN,
P-HL,Phường Hạ Long,Phường,QN,
P-BC,Phường Bãi Cháy,phường,QN,
X-QL,Xã Quảng La,Xã,QN,
DK-VD,Đặc khu Vân Đồn,Đặc khu,QN,
DK-CT,Đặc khu Cô Tô,ĐẶC KHU,QN,
HL-VP,Văn phòng HĐND và UBND phường,Phòng,P-HL,P-HL
HL-KT,Phòng Kinh tế Hạ tầng và Đô thị,Phòng,P-HL,
HL-VHXH,Phòng Văn hóa Xã hội,Phòng,P-HL,
HL-TTHC,Trung tâm Phục vụ hành chính công phường,Đơn vị sự nghiệp,P-HL,
HL-CA,Công an phường Hạ Long,Ban,P-HL,
";

/// UTF-16 little-endian with its byte order mark (Excel's "Unicode text").
fn utf16(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

/// Windows-1258 as older Vietnamese Windows machines save CSV: the base
/// letters (â ê ô ă ơ ư đ) are single bytes, the five tones combining bytes.
fn windows_1258(text: &str) -> Vec<u8> {
    let mut out = vec![];
    for c in text.nfc() {
        let mut base = String::new();
        let mut tone = None;
        for d in c.to_string().nfd() {
            match d {
                '\u{300}' => tone = Some(0xCC),
                '\u{301}' => tone = Some(0xEC),
                '\u{303}' => tone = Some(0xDE),
                '\u{309}' => tone = Some(0xD2),
                '\u{323}' => tone = Some(0xF2),
                _ => base.push(d),
            }
        }
        let base: String = base.nfc().collect();
        let b = match base.as_str() {
            "â" => 0xE2,
            "Â" => 0xC2,
            "ê" => 0xEA,
            "Ê" => 0xCA,
            "ô" => 0xF4,
            "Ô" => 0xD4,
            "ă" => 0xE3,
            "Ă" => 0xC3,
            "ơ" => 0xF5,
            "Ơ" => 0xD5,
            "ư" => 0xFD,
            "Ư" => 0xDD,
            "đ" => 0xF0,
            "Đ" => 0xD0,
            s if s.len() == 1 && s.is_ascii() => s.as_bytes()[0],
            s => panic!("no Windows-1258 byte for {s:?}"),
        };
        out.push(b);
        out.extend(tone);
    }
    out
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_owned()
}

/// Checks the province's organisation as `unit list --json` shows it.
fn assert_province(data: &Path) {
    let v = json(data, &["unit", "list", "--json"]);
    let units = v.as_array().unwrap();
    assert_eq!(units.len(), 16, "{v:#}");
    let get = |code: &str| units.iter().find(|u| u["code"] == code).unwrap_or_else(|| panic!("{code} in {v:#}"));
    assert_eq!(get("QN")["depth"], 0);
    assert_eq!(get("QN")["kind"], "government");
    assert_eq!(get("QN")["name"], "Ủy ban nhân dân tỉnh Quảng Ninh");
    assert_eq!(get("STP")["parent"], "QN", "a parent given by its name");
    assert_eq!(get("SNV")["kind"], "department");
    assert_eq!(get("SNV")["consolidates_for"], "QN");
    assert_eq!(get("TTPVHCC")["kind"], "public_service");
    for c in ["P-HL", "P-BC", "X-QL", "DK-VD", "DK-CT"] {
        assert_eq!(get(c)["kind"], "commune", "{c}");
        assert_eq!(get(c)["parent"], "QN", "{c}");
        assert_eq!(get(c)["depth"], 1, "{c}");
    }
    assert_eq!(get("HL-VP")["parent"], "P-HL");
    assert_eq!(get("HL-VP")["depth"], 2);
    assert_eq!(get("HL-VP")["consolidates_for"], "P-HL");
    assert_eq!(get("HL-TTHC")["kind"], "public_service");
    // The list is the tree: every unit comes after its parent.
    let order: Vec<&str> = units.iter().map(|u| u["code"].as_str().unwrap()).collect();
    for u in units {
        if let Some(p) = u["parent"].as_str() {
            let (i, j) = (order.iter().position(|c| *c == p).unwrap(), order.iter().position(|c| *c == u["code"]).unwrap());
            assert!(i < j, "{p} before {}", u["code"]);
        }
    }
}

#[test]
fn a_province_units_table_in_every_encoding_creates_the_organisation() {
    let files = tempfile::tempdir().unwrap();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(PROVINCE.as_bytes());
    let nfd: String = PROVINCE.nfd().collect();
    let w1258 = windows_1258(PROVINCE);
    assert!(std::str::from_utf8(&w1258).is_err(), "really not UTF-8");
    for (name, bytes) in [
        ("don-vi.csv", PROVINCE.as_bytes().to_vec()),
        ("don-vi-bom.csv", bom),
        ("don-vi-nfd.csv", nfd.into_bytes()),
        ("don-vi-utf16.csv", utf16(PROVINCE)),
        ("don-vi-1258.csv", w1258),
    ] {
        let data = tempfile::tempdir().unwrap();
        let file = write(files.path(), name, &bytes);
        let out = ok(data.path(), &["unit", "import", &file]);
        assert!(out.contains("Đã lập tổ chức mới gồm 16 đơn vị"), "{name}: {out}");
        assert_province(data.path());
    }
}

#[test]
fn the_consolidating_unit_gets_the_consolidation_scope() {
    let files = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let file = write(files.path(), "don-vi.csv", PROVINCE.as_bytes());
    ok(data.path(), &["unit", "import", &file]);
    let mut ws = Workspace::open(data.path()).unwrap();
    assert_eq!(ws.org.consolidator_of("QN").map(|u| u.code.as_str()), Some("SNV"));
    assert_eq!(ws.org.consolidator_of("P-HL").map(|u| u.code.as_str()), Some("HL-VP"));
    assert_eq!(ws.org.consolidator_of("P-BC"), None);

    // In the built-in example, Phòng Nội vụ consolidates for the district
    // committee: its installation gets the "Tổng hợp" scope of UBND huyện.
    let demo = tempfile::tempdir().unwrap();
    let mut cu_chi = Workspace::open(demo.path()).unwrap();
    cu_chi.set_unit("PNV").unwrap();
    assert_eq!(cu_chi.consolidation_scope().as_deref(), Some("CUCHI"));
    cu_chi.set_unit("CUCHI").unwrap();
    assert_eq!(cu_chi.consolidation_scope().as_deref(), Some("CUCHI"), "the root keeps its screen");
    cu_chi.set_unit("PTP").unwrap();
    assert_eq!(cu_chi.consolidation_scope(), None);
    cu_chi.set_unit("X-ANT").unwrap();
    assert_eq!(cu_chi.consolidation_scope(), None);
    // Consolidation is data: hand it to Phòng Tư pháp and Phòng Nội vụ loses it.
    let mut org = cu_chi.org.clone();
    org.set_consolidates_for("PNV", None).unwrap();
    org.set_consolidates_for("PTP", Some("CUCHI")).unwrap();
    cu_chi.save_org(org).unwrap();
    cu_chi.set_unit("PTP").unwrap();
    assert_eq!(cu_chi.consolidation_scope().as_deref(), Some("CUCHI"));
    cu_chi.set_unit("PNV").unwrap();
    assert_eq!(cu_chi.consolidation_scope(), None);
    // And it is stored.
    drop(cu_chi);
    let again = Workspace::open(demo.path()).unwrap();
    assert_eq!(again.org.consolidates_for("PTP"), Some("CUCHI"));

    // The new organisation's installation starts on an empty plan of its
    // root, so that Sở Nội vụ can be chosen and consolidates for the province.
    assert_eq!(ws.plan.issuer, "QN");
    assert!(ws.plan.tasks.is_empty());
    ws.set_unit("SNV").unwrap();
    assert_eq!(ws.consolidation_scope().as_deref(), Some("QN"));
    ws.set_unit("HL-VP").unwrap();
    assert_eq!(ws.consolidation_scope().as_deref(), Some("P-HL"));
    ws.set_unit("STC").unwrap();
    assert_eq!(ws.consolidation_scope(), None);
}

/// The province's units as the plan resolver sees them.
fn province_units() -> Vec<Unit> {
    let rows = tiendo::plan::import::parse_csv(PROVINCE).unwrap();
    let (org, _) = tiendo::org::apply_table(&tiendo::org::Org::default(), &rows, true).unwrap();
    org.units
        .iter()
        .map(|u| Unit { code: u.code.clone(), name: u.name.clone(), kind: u.kind, parent: u.parent.clone() })
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn collective_phrases_resolve_by_kind_and_parent() {
    let units = province_units();
    let groups: Vec<Group> = vec![];
    let province = Resolver::new(&units, &[], &groups).scoped("QN", &[]);
    let r = |p: &str| province.resolve(p).map(sorted);
    let s = |v: &[&str]| sorted(v.iter().map(|x| x.to_string()).collect());

    assert_eq!(r("UBND các xã, phường, đặc khu"), Some(s(&["P-HL", "P-BC", "X-QL", "DK-VD", "DK-CT"])));
    assert_eq!(r("UBND các xã, phường"), Some(s(&["P-HL", "P-BC", "X-QL"])), "no special zone");
    assert_eq!(r("Chủ tịch Ủy ban nhân dân các phường"), Some(s(&["P-HL", "P-BC"])));
    assert_eq!(r("Thủ trưởng các sở, ban, ngành"), Some(s(&["SNV", "STC", "STP", "VPUB", "TTPVHCC"])));
    assert_eq!(r("Các cơ quan, đơn vị"), Some(s(&["SNV", "STC", "STP", "VPUB", "TTPVHCC"])));
    assert_eq!(r("Các phòng, ban"), Some(s(&["SNV", "STC", "STP", "VPUB"])), "no public service unit");
    // Offices under the wards: Phường Hạ Long has them, the others answer for their own.
    assert_eq!(
        r("Các phòng chuyên môn, đơn vị thuộc UBND phường"),
        Some(s(&["HL-VP", "HL-KT", "HL-VHXH", "HL-TTHC", "HL-CA"]))
    );
    assert_eq!(r("Thủ trưởng các cơ quan, đơn vị thuộc UBND xã"), Some(s(&["X-QL"])));
    // Titles before a unit's name name that unit; "UBND" before a commune's name too.
    assert_eq!(r("Giám đốc Sở Nội vụ"), Some(s(&["SNV"])));
    assert_eq!(r("Chủ tịch UBND phường Bãi Cháy"), Some(s(&["P-BC"])));
    assert_eq!(r("Thủ trưởng Trung tâm Phục vụ hành chính công tỉnh"), Some(s(&["TTPVHCC"])));
    assert_eq!(r("Công an phường"), Some(s(&["HL-CA"])));
    assert_eq!(r("Văn phòng HĐND và UBND phường"), Some(s(&["HL-VP"])));
    // A named agency that is no unit is not swallowed by a group.
    assert_eq!(r("Sở Xây dựng"), None);
    assert_eq!(r("Phòng"), None);
    let res = province.resolve_all(&["Sở Tư pháp".into(), "Báo Quảng Ninh".into(), "UBND các xã, phường".into()]);
    assert_eq!(res.unmatched, vec!["Báo Quảng Ninh".to_owned()]);
    assert_eq!(res.units[0], "STP");
    assert_eq!(res.units.len(), 4);

    // A ward's own plan: the same phrases mean the ward's offices.
    let ward = Resolver::new(&units, &[], &groups).scoped("P-HL", &["HL-CA".to_owned()]);
    assert_eq!(
        ward.resolve("Các phòng chuyên môn, đơn vị thuộc UBND phường").map(sorted),
        Some(s(&["HL-VP", "HL-KT", "HL-VHXH", "HL-TTHC"])),
        "a retired office is left out"
    );
    assert_eq!(ward.resolve("Các phòng, ban").map(sorted), Some(s(&["HL-VP", "HL-KT", "HL-VHXH"])));
    assert_eq!(ward.resolve("Văn phòng HĐND và UBND"), Some(vec!["HL-VP".to_owned()]), "its name adds 'phường'");
    assert_eq!(ward.resolve("Chánh Văn phòng HĐND và UBND phường"), Some(vec!["HL-VP".to_owned()]));
    assert_eq!(ward.resolve("UBND phường"), Some(vec!["P-HL".to_owned()]));
}

#[test]
fn a_second_import_reports_what_changed_and_a_bad_row_changes_nothing() {
    let files = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let first = write(files.path(), "don-vi.csv", PROVINCE.as_bytes());
    ok(data.path(), &["unit", "import", &first]);

    // Next year: a ward renamed, a commune moved under another parent, a new
    // department, consolidation handed over; the rest as before.
    let second = PROVINCE
        .replace("P-BC,Phường Bãi Cháy,phường,QN,", "P-BC,Phường Bãi Cháy mới,phường,QN,")
        .replace("HL-CA,Công an phường Hạ Long,Ban,P-HL,", "HL-CA,Công an phường Hạ Long,Ban,QN,")
        .replace("SNV,Sở Nội vụ,Sở,QN,QN", "SNV,Sở Nội vụ,Sở,QN,")
        .replace("STC,Sở Tài chính,Sở,QN,", "STC,Sở Tài chính,Sở,QN,QN")
        + "SXD,Sở Xây dựng,Sở,QN,\n";
    let second = write(files.path(), "don-vi-2026.csv", second.as_bytes());
    let dry = ok(data.path(), &["unit", "import", &second, "--dry-run"]);
    assert!(dry.contains("thêm SXD — Sở Xây dựng"), "{dry}");
    assert_eq!(json(data.path(), &["unit", "list", "--json"]).as_array().unwrap().len(), 16, "dry run stores nothing");

    let out = ok(data.path(), &["unit", "import", &second]);
    assert!(out.contains("thêm SXD — Sở Xây dựng"), "{out}");
    assert!(out.contains("đổi tên P-BC: «Phường Bãi Cháy» → «Phường Bãi Cháy mới»"), "{out}");
    assert!(out.contains("chuyển HL-CA: cấp trên P-HL → QN"), "{out}");
    assert!(out.contains("SNV tổng hợp cho: QN → —"), "{out}");
    assert!(out.contains("STC tổng hợp cho: — → QN"), "{out}");
    assert!(out.contains("Thêm 1 đơn vị, thay đổi 4, giữ nguyên 12."), "{out}");
    let v = json(data.path(), &["unit", "list", "--json"]);
    assert_eq!(v.as_array().unwrap().len(), 17);

    // A bad row: the row and the column are named, nothing changes.
    let before = ok(data.path(), &["unit", "list", "--json"]);
    for (bad, needle) in [
        ("SXD,Sở Xây dựng,Hợp tác xã,QN,\n", "dòng 18, cột «Loại»: không nhận ra loại đơn vị «Hợp tác xã»"),
        ("SXD,Sở Xây dựng,Sở,Sở Không Có,\n", "dòng 18, cột «Đơn vị cấp trên»: không tìm thấy đơn vị «Sở Không Có»"),
        ("SXD,,Sở,QN,\n", "dòng 18, cột «Tên đơn vị»: ô trống"),
        ("SNV,Sở Nội vụ 2,Sở,QN,\n", "dòng 18, cột «Mã»: mã «SNV» bị trùng"),
    ] {
        // Rows 2–17 are valid; row 18 is the bad one.
        let file = write(files.path(), "bad.csv", (PROVINCE.to_owned() + bad).as_bytes());
        let out = tiendo(data.path(), &["unit", "import", &file]);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{err}");
        assert_eq!(ok(data.path(), &["unit", "list", "--json"]), before, "nothing changed");
    }
    // A unit under itself through its children is refused too.
    let cycle = PROVINCE.replace("P-HL,Phường Hạ Long,Phường,QN,", "P-HL,Phường Hạ Long,Phường,HL-VP,");
    let file = write(files.path(), "cycle.csv", cycle.as_bytes());
    let out = tiendo(data.path(), &["unit", "import", &file]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("dòng 8, cột «Đơn vị cấp trên»"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(ok(data.path(), &["unit", "list", "--json"]), before);
}

#[test]
fn units_are_added_renamed_moved_and_retired_from_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    // The built-in example's organisation, seeded on first use.
    let v = json(d, &["unit", "list", "--json"]);
    let pnv = v.as_array().unwrap().iter().find(|u| u["code"] == "PNV").unwrap().clone();
    assert_eq!(pnv["consolidates_for"], "CUCHI");
    assert_eq!(pnv["parent"], "CUCHI");

    let out = ok(d, &["unit", "add", "X-MOI", "--name", "Xã Mới Lập", "--kind", "Xã", "--parent", "CUCHI"]);
    assert!(out.contains("Đã thêm đơn vị X-MOI — Xã Mới Lập"), "{out}");
    // A new commune joins the plan's commune groups: it has tasks at once.
    let tasks = json(d, &["tasks", "--unit", "X-MOI", "--json"]);
    let count = tasks["tasks"].as_array().unwrap().len();
    let ant = json(d, &["tasks", "--unit", "X-ANT", "--json"])["tasks"].as_array().unwrap().len();
    assert_eq!(count, ant, "same tasks as another commune");

    ok(d, &["unit", "rename", "X-MOI", "--name", "Xã Tân Mới"]);
    ok(d, &["unit", "move", "X-MOI", "--parent", "PNV"]);
    let v = json(d, &["unit", "list", "--json"]);
    let u = v.as_array().unwrap().iter().find(|u| u["code"] == "X-MOI").unwrap();
    assert_eq!((u["name"].as_str(), u["parent"].as_str()), (Some("Xã Tân Mới"), Some("PNV")));
    let e = tiendo(d, &["unit", "move", "CUCHI", "--parent", "X-MOI"]);
    assert!(String::from_utf8_lossy(&e.stderr).contains("không thể nằm dưới chính nó"));

    // Retiring keeps the history and hides the unit from choice.
    ok(d, &["task", "set", "1.5", "--unit", "X-AP", "--status", "đang thực hiện"]);
    ok(d, &["unit", "retire", "X-AP"]);
    let text = ok(d, &["unit", "list"]);
    assert!(text.lines().any(|l| l.contains("X-AP") && l.contains("(đã giải thể)")), "{text}");
    let e = tiendo(d, &["unit", "set", "X-AP"]);
    assert!(String::from_utf8_lossy(&e.stderr).contains("đã ngừng hoạt động"));
    let shown = json(d, &["task", "show", "1.5", "--unit", "X-AP", "--json"]);
    assert_eq!(shown["state"]["status"], "in_progress", "{shown:#}");
    // It no longer counts in "Chủ tịch UBND xã, thị trấn" of the plan.
    let plan = json(d, &["plan", "show", "--json"]);
    let t15 = plan["tasks"].as_array().unwrap().iter().find(|t| t["code"] == "1.5").unwrap().to_string();
    assert!(!t15.contains("\"X-AP\""), "{t15}");
    assert!(t15.contains("\"X-ANT\""), "{t15}");
}

#[test]
fn the_builtin_plan_resolves_as_before_with_its_organisation() {
    let data = tempfile::tempdir().unwrap();
    let ws = Workspace::open(data.path()).unwrap();
    let own = tiendo::plan::builtin();
    assert_eq!(ws.plan, own, "the organisation seeded from the plan changes nothing");
    assert_eq!(ws.org.units.len(), own.units.len());
    assert!(ws.org.units.iter().all(|u| !u.retired));
    assert_eq!(ws.org.unit("TT-CC").map(|u| u.kind), Some(UnitKind::Commune));
}

// ---- the window --------------------------------------------------------------------------

use iced_test::selector;
use tiendo::ui::{Message, Screen, first_run, org as org_screen, settings};

use super::ui::{app, feed, has_text, sim};

#[test]
fn the_organisation_screen_adds_a_unit_under_the_picked_parent() {
    let mut app = app(Some("X-ANT"));
    let _ = app.update(Message::Nav(Screen::Settings));
    let mut ui = sim(&app);
    ui.click("Tổ chức…").expect("the Settings button");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);
    assert_eq!(app.screen, Screen::Org);
    assert!(has_text(&app, |t| t == "Tổng hợp cho Ủy ban nhân dân huyện Củ Chi"), "Phòng Nội vụ consolidates");

    // Pick the parent in the tree, then "Thêm đơn vị".
    let mut ui = sim(&app);
    ui.click("Ủy ban nhân dân huyện Củ Chi").expect("the root in the tree");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);
    let mut ui = sim(&app);
    ui.click("Thêm đơn vị").expect("add button");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);
    assert!(has_text(&app, |t| t == "Thêm đơn vị trực thuộc: Ủy ban nhân dân huyện Củ Chi"));

    let mut ui = sim(&app);
    ui.click(selector::id(org_screen::NAME_ID)).expect("name box");
    ui.typewrite("Phòng Dân tộc");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);
    let mut ui = sim(&app);
    ui.click("Lưu").expect("save");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);

    let u = app.ws.org.unit("PDT").expect("stored with the suggested code");
    assert_eq!(u.name, "Phòng Dân tộc");
    assert_eq!(u.kind, UnitKind::Department);
    assert_eq!(u.parent.as_deref(), Some("CUCHI"));
    assert_eq!(app.ws.store().org().unwrap().unit("PDT"), Some(u), "in the database");
    // A department joins "Thủ trưởng các cơ quan chuyên môn huyện": it has tasks now.
    assert!(!app.ws.plan.assignments_of("PDT").is_empty());
    assert!(app.org.form.is_none());
    assert!(has_text(&app, |t| t == "Phòng Dân tộc"));

    // Retire it: it stays in the tree, marked, and is not offered as "my unit".
    let _ = app.update(Message::Org(org_screen::Message::Retire(true)));
    assert!(app.ws.org.unit("PDT").unwrap().retired);
    assert!(has_text(&app, |t| t == "Đã giải thể"));
    let _ = app.update(Message::Settings(settings::Message::ChangeUnit));
    let _ = app.update(Message::Nav(Screen::Settings));
    let _ = app.update(Message::Settings(settings::Message::UnitQuery("dan toc".into())));
    assert!(!has_text(&app, |t| t == "Phòng Dân tộc"));
}

#[test]
fn first_run_offers_three_starts_and_sets_up_a_new_organisation() {
    let mut app = app(None);
    assert_eq!(app.screen, Screen::FirstRun);
    for label in ["Đơn vị của tôi có trong kế hoạch mẫu", "Mở gói kế hoạch cấp trên gửi", "Thiết lập tổ chức mới"] {
        assert!(has_text(&app, |t| t == label), "{label}");
    }
    let mut ui = sim(&app);
    ui.click("Thiết lập tổ chức mới").expect("third choice");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);
    assert!(has_text(&app, |t| t == "Nhập danh sách đơn vị (.csv, .xlsx)…"));

    let mut ui = sim(&app);
    ui.click(selector::id(first_run::FIRST_UNIT_ID)).expect("name box");
    ui.typewrite("Ủy ban nhân dân xã Tân Phú");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);
    let mut ui = sim(&app);
    ui.click("UBND").expect("kind");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);
    // The offices of a commune are offered; unticked here, the committee comes alone.
    let mut ui = sim(&app);
    ui.click("Thêm sẵn các cơ quan chuyên môn và Trung tâm Phục vụ hành chính công (mô hình chính quyền địa phương hai cấp, từ 01/7/2025):")
        .expect("the offices box");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);
    assert!(app.first_run.no_offices);
    let mut ui = sim(&app);
    ui.click("Tạo tổ chức").expect("create");
    let msgs: Vec<_> = ui.into_messages().collect();
    feed(&mut app, msgs);

    assert_eq!(app.ws.org.units.len(), 1);
    let root = &app.ws.org.units[0];
    assert_eq!((root.name.as_str(), root.kind), ("Ủy ban nhân dân xã Tân Phú", UnitKind::Government));
    assert_eq!(app.ws.plan.issuer, root.code, "an empty plan of the new organisation");
    // Back on the unit choice, with the new unit listed.
    assert_eq!(app.first_run.start, first_run::Start::Example);
    assert!(has_text(&app, |t| t == "Ủy ban nhân dân xã Tân Phú"));
}

#[test]
fn an_excel_units_table_then_a_plan_table_resolve_against_the_province() {
    let files = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    // The same organisation from an .xlsx workbook, a title row above the header.
    let rows: Vec<Vec<&str>> = PROVINCE.lines().map(|l| l.split(',').collect()).collect();
    let mut table: Vec<&[&str]> = vec![&["DANH SÁCH CƠ QUAN, ĐƠN VỊ NĂM 2025"]];
    table.extend(rows.iter().map(|r| r.as_slice()));
    let book = write(files.path(), "don-vi.xlsx", &super::cli::xlsx(&table));
    let out = ok(d, &["unit", "import", &book]);
    assert!(out.contains("Đã lập tổ chức mới gồm 16 đơn vị"), "{out}");
    assert_province(d);

    // The province's plan table: its agencies resolve against the organisation.
    let plan = write(
        files.path(),
        "ke-hoach.csv",
        "STT,Nhiệm vụ cụ thể,Sản phẩm,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian hoàn thành\n\
         1,Công tác chỉ đạo điều hành,,,,\n\
         1.1,Ban hành kế hoạch CCHC,Kế hoạch,Giám đốc Sở Nội vụ,\"Thủ trưởng các sở, ban, ngành\",Quý I/2026\n\
         1.2,Tuyên truyền CCHC,Báo cáo,\"UBND các xã, phường, đặc khu\",Văn phòng UBND tỉnh,Quý II/2026\n\
         1.3,Kiện toàn bộ phận một cửa,Quyết định,\"Chủ tịch UBND các xã, phường\",Công an phường,Quý III/2026\n"
            .as_bytes(),
    );
    ok(d, &["plan", "import", &plan, "--id", "qn-cchc-2026"]);
    let v = json(d, &["plan", "show", "--json"]);
    assert_eq!(v["id"], "qn-cchc-2026");
    assert_eq!(v["issuer"], "QN");
    let task = |c: &str| v["tasks"].as_array().unwrap().iter().find(|t| t["code"] == c).unwrap().clone();
    let codes = |t: &serde_json::Value, role: &str| -> Vec<String> {
        let mut out: Vec<String> = t[role]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u.get("code").and_then(|c| c.as_str()).or(u.as_str()).unwrap().to_owned())
            .collect();
        out.sort();
        out
    };
    let t11 = task("1.1");
    assert_eq!(codes(&t11, "lead"), ["SNV"]);
    assert_eq!(codes(&t11, "coordinating"), ["STC", "STP", "TTPVHCC", "VPUB"], "Sở Nội vụ leads, so it does not also coordinate");
    let t12 = task("1.2");
    assert_eq!(codes(&t12, "lead"), ["DK-CT", "DK-VD", "P-BC", "P-HL", "X-QL"]);
    assert_eq!(codes(&t12, "coordinating"), ["VPUB"]);
    let t13 = task("1.3");
    assert_eq!(codes(&t13, "lead"), ["P-BC", "P-HL", "X-QL"], "no special zone");
    assert_eq!(codes(&t13, "coordinating"), ["HL-CA"]);
    // A ward has the tasks of its groups.
    let tasks = json(d, &["tasks", "--unit", "P-BC", "--json"]);
    let mine: Vec<&str> = tasks["tasks"].as_array().unwrap().iter().map(|t| t["code"].as_str().unwrap()).collect();
    assert_eq!(mine, ["1.2", "1.3"]);
}

/// The province's units table saved as an old .xls (by LibreOffice, once;
/// kept as a fixture) imports like the .xlsx.
#[test]
fn an_old_excel_xls_units_table_creates_the_organisation() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/don-vi-tinh.xls");
    let out = ok(d, &["unit", "import", fixture.to_str().unwrap()]);
    assert!(out.contains("Đã lập tổ chức mới gồm 16 đơn vị"), "{out}");
    assert_province(d);
}

/// A commune started at first run with its offices of 2025: its own plan's
/// agency cells — with or without the level word, a head's title, the
/// hyphenated office names, "the offices under UBND xã" — all find them.
#[test]
fn a_commune_started_with_its_offices_reads_its_own_plan_without_unmatched_agencies() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    {
        let mut ws = Workspace::open(d).unwrap();
        ws.start_org(tiendo::org::start_org("Ủy ban nhân dân xã Tân Phú", UnitKind::Government, true)).unwrap();
    }
    let csv = d.join("ke-hoach-xa.csv");
    std::fs::write(
        &csv,
        "STT,Nội dung,Đơn vị chủ trì,Đơn vị phối hợp,Thời gian\n\
         I,CÔNG TÁC CHỈ ĐẠO,,,\n\
         1,Ban hành kế hoạch CCHC,Văn phòng HĐND và UBND xã,Các phòng chuyên môn thuộc UBND xã,Quý I/2026\n\
         2,Tuyên truyền CCHC,Trưởng Phòng Văn hóa - Xã hội,Trung tâm Phục vụ hành chính công,Trong năm 2026\n\
         3,Rà soát thủ tục đất đai,Phòng Kinh tế,TTPVHCC xã,Quý II - Quý III/2026\n",
    )
    .unwrap();
    let out = ok(d, &["plan", "import", csv.to_str().unwrap(), "--dry-run"]);
    assert!(out.contains("1 lĩnh vực, 3 nhiệm vụ") && !out.contains("không khớp"), "{out}");
    // A new organisation's plan has no targets yet, nor has this table: said so.
    assert!(out.contains("kế hoạch đang dùng chưa có chỉ tiêu nào"), "{out}");
    ok(d, &["plan", "import", csv.to_str().unwrap(), "--id", "kh-xa-2026"]);
    let plan = json(d, &["plan", "show", "--json"]);
    let task = |code: &str| plan["tasks"].as_array().unwrap().iter().find(|t| t["code"] == code).unwrap().clone();
    let names = |v: &serde_json::Value| -> Vec<String> { v.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_owned()).collect() };
    let n = |s: &str| s.to_owned();
    assert_eq!(names(&task("I.1")["lead"]), vec![n("Văn phòng HĐND và UBND xã")]);
    // "The specialised offices under UBND xã": the two others (the centre is a public service unit).
    assert_eq!(sorted(names(&task("I.1")["coordinating"])), sorted(vec![n("Phòng Kinh tế xã"), n("Phòng Văn hóa - Xã hội xã")]));
    assert_eq!(names(&task("I.2")["lead"]), vec![n("Phòng Văn hóa - Xã hội xã")]);
    assert_eq!(names(&task("I.2")["coordinating"]), vec![n("Trung tâm Phục vụ hành chính công xã")]);
    assert_eq!(names(&task("I.3")["coordinating"]), vec![n("Trung tâm Phục vụ hành chính công xã")]);
}
