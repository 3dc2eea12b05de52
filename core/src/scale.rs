//! A generated province at the scale of the 2025 reform: one people's
//! committee, its Sở Nội vụ consolidating for it, twenty other sở and ban,
//! three public-service units and 175 communes, wards and special zones —
//! 200 units — with a yearly CCHC plan of 45 tasks whose lead cells are the
//! group phrases real plans use ("UBND các xã, phường, đặc khu", "Thủ trưởng
//! các sở, ban, ngành"), and the signed bundles its units send each quarter
//! (most on time, some late, some never). The benchmark (`cargo bench
//! --bench scale`), the tests and `tiendo --demo-province` use it; nothing
//! here is special-cased elsewhere: the organisation goes in as a units
//! table, the plan as an appendix table, the bundles through export and merge.

use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDate};

use crate::crypto::sign::PublicKey;
use crate::domain::{Figure, Period, Status, TargetKind};
use crate::error::{Error, Result};
use crate::evidence::{DocType, EvidenceMeta};
use crate::plan::import::{ImportOptions, import_table};
use crate::plan::source::TargetSource;
use crate::plan::table::Table;
use crate::progress::Change;
use crate::workspace::Workspace;

/// The province's people's committee (the plan's issuer).
pub const ROOT: &str = "UBND-LS";
/// Sở Nội vụ: consolidates the units' reports for the committee.
pub const CONSOLIDATOR: &str = "SNV";

/// The other departments (sở, ban, ngành) of the committee: (code, name).
const DEPARTMENTS: [(&str, &str); 20] = [
    ("VP-UBND", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("STC", "Sở Tài chính"),
    ("STP", "Sở Tư pháp"),
    ("SXD", "Sở Xây dựng"),
    ("SNNMT", "Sở Nông nghiệp và Môi trường"),
    ("SCT", "Sở Công Thương"),
    ("SKHCN", "Sở Khoa học và Công nghệ"),
    ("SGDDT", "Sở Giáo dục và Đào tạo"),
    ("SYT", "Sở Y tế"),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("SDTTG", "Sở Dân tộc và Tôn giáo"),
    ("STTTT", "Sở Ngoại vụ"),
    ("TTR", "Thanh tra tỉnh"),
    ("BQLKKT", "Ban Quản lý các khu kinh tế"),
    ("BQLDA", "Ban Quản lý dự án đầu tư xây dựng tỉnh"),
    ("BDT", "Ban Dân tộc tỉnh"),
    ("BTDKT", "Ban Thi đua - Khen thưởng"),
    ("BTG", "Ban Tôn giáo"),
    ("BCDTHK", "Ban Chỉ đạo chuyển đổi số tỉnh"),
    ("BQLRPH", "Ban Quản lý rừng phòng hộ"),
];

/// Public-service units directly under the committee: (code, name).
const PUBLIC_SERVICES: [(&str, &str); 3] = [
    ("TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh"),
    ("DPTTH", "Đài Phát thanh và Truyền hình tỉnh"),
    ("TTCDS", "Trung tâm Chuyển đổi số tỉnh"),
];

/// First and second words of commune and ward names.
const FIRST: [&str; 25] = [
    "An", "Bình", "Tân", "Phú", "Long", "Hòa", "Mỹ", "Thạnh", "Vĩnh", "Đông", "Tây", "Nam", "Bắc", "Hưng", "Phước",
    "Thái", "Quang", "Minh", "Thanh", "Hiệp", "Lộc", "Trung", "Tam", "Kim", "Xuân",
];
const SECOND: [&str; 14] = ["Phú", "Lợi", "Hòa", "Thạnh", "Hưng", "Thuận", "Khánh", "An", "Bình", "Lộc", "Điền", "Sơn", "Thành", "Nghĩa"];
/// Special zones (đặc khu): islands.
const ZONES: [&str; 2] = ["Hòn Tre", "Cù Lao Mây"];

/// The size of a generated province.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// The plan year.
    pub year: i32,
    /// Communes, wards and special zones (two are special zones, one in
    /// three of the rest wards).
    pub communes: usize,
}

impl Spec {
    /// 200 units: 1 committee + Sở Nội vụ + 20 sở/ban + 3 public-service units + 175 communes.
    pub const fn full(year: i32) -> Spec {
        Spec { year, communes: 175 }
    }

    /// How many units the organisation has.
    pub fn units(&self) -> usize {
        2 + DEPARTMENTS.len() + PUBLIC_SERVICES.len() + self.communes
    }
}

/// The commune-level units: (code, name, kind word).
fn communes(n: usize) -> Vec<(String, String, &'static str)> {
    let mut out = vec![];
    let zones = n.min(ZONES.len());
    for z in ZONES.iter().take(zones) {
        out.push((format!("DK-{}", code_word(z)), format!("Đặc khu {z}"), "Đặc khu"));
    }
    // Walk the name grid with a stride prime to its size: every pair once, well mixed.
    let total = FIRST.len() * SECOND.len();
    let mut k = 0usize;
    let mut seen = std::collections::BTreeSet::new();
    while out.len() < n {
        let cell = (k * 37 + 11) % total;
        k += 1;
        let (a, b) = (FIRST[cell / SECOND.len()], SECOND[cell % SECOND.len()]);
        // Names that differ only by their marks ("Thanh An", "Thạnh An") would read alike.
        if a == b || !seen.insert(code_word(&format!("{a} {b}"))) {
            if k > total * 2 {
                // More communes asked than names: number the rest.
                let i = out.len();
                out.push((format!("X-{i:03}"), format!("Xã Số {i}"), "Xã"));
            }
            continue;
        }
        let ward = out.len() % 3 == 0;
        let (prefix, word, kind) = if ward { ("P", "Phường", "Phường") } else { ("X", "Xã", "Xã") };
        out.push((format!("{prefix}-{}", code_word(&format!("{a} {b}"))), format!("{word} {a} {b}"), kind));
    }
    out
}

/// "Tân Phú" → "TANPHU".
fn code_word(name: &str) -> String {
    crate::text::fold(name).chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect()
}

/// The organisation as a units table (`tiendo unit import` reads the same).
pub fn units_rows(spec: &Spec) -> Vec<Vec<String>> {
    let row = |c: &str, n: &str, k: &str, p: &str, f: &str| vec![c.to_owned(), n.to_owned(), k.to_owned(), p.to_owned(), f.to_owned()];
    let mut rows = vec![row("Mã", "Tên đơn vị", "Loại", "Đơn vị cấp trên", "Tổng hợp cho")];
    rows.push(row(ROOT, "Ủy ban nhân dân tỉnh Lam Sơn", "UBND", "", ""));
    rows.push(row(CONSOLIDATOR, "Sở Nội vụ", "Sở", ROOT, ROOT));
    for (c, n) in DEPARTMENTS {
        rows.push(row(c, n, if n.starts_with("Ban") { "Ban" } else { "Sở" }, ROOT, ""));
    }
    for (c, n) in PUBLIC_SERVICES {
        rows.push(row(c, n, "Đơn vị sự nghiệp", ROOT, ""));
    }
    for (c, n, k) in communes(spec.communes) {
        rows.push(row(&c, &n, k, ROOT, ""));
    }
    rows
}

/// The plan's appendix: 7 areas, 45 tasks, lead cells mostly group phrases.
pub fn plan_rows(year: i32) -> Vec<Vec<String>> {
    let all_communes = "UBND các xã, phường, đặc khu";
    let departments = "Thủ trưởng các sở, ban, ngành";
    let everyone = "Các sở, ban, ngành tỉnh; UBND các xã, phường, đặc khu";
    let areas: [(&str, &[(&str, &str, &str, String)]); 7] = [
        ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", &[
            ("Ban hành kế hoạch cải cách hành chính năm {y} của cơ quan, đơn vị", everyone, "Sở Nội vụ", format!("Quý I năm {year}")),
            ("Kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị", "Sở Nội vụ", "Văn phòng Ủy ban nhân dân tỉnh", format!("Quý II, Quý III năm {year}")),
            ("Báo cáo định kỳ công tác cải cách hành chính", everyone, "Sở Nội vụ", "Hằng quý".to_owned()),
            ("Tuyên truyền cải cách hành chính trên các phương tiện thông tin đại chúng", "Đài Phát thanh và Truyền hình tỉnh", everyone, format!("Trong năm {year}")),
            ("Tổ chức hội nghị sơ kết cải cách hành chính 6 tháng", "Sở Nội vụ", departments, format!("Tháng 7 năm {year}")),
            ("Khảo sát sự hài lòng của người dân đối với dịch vụ hành chính công", "Sở Nội vụ", all_communes, format!("Quý IV năm {year}")),
        ]),
        ("II. CẢI CÁCH THỂ CHẾ", &[
            ("Rà soát, hệ thống hóa văn bản quy phạm pháp luật thuộc lĩnh vực quản lý", departments, "Sở Tư pháp", format!("Trong năm {year}")),
            ("Kiểm tra, xử lý văn bản quy phạm pháp luật do HĐND và UBND cấp xã ban hành", "Sở Tư pháp", all_communes, format!("Quý III năm {year}")),
            ("Theo dõi tình hình thi hành pháp luật tại địa phương", all_communes, "Sở Tư pháp", format!("Trước ngày 15/11/{year}")),
            ("Phổ biến, giáo dục pháp luật cho cán bộ, công chức", everyone, "Sở Tư pháp", format!("Trong năm {year}")),
            ("Lấy ý kiến người dân đối với dự thảo văn bản quy phạm pháp luật", departments, "", "Thường xuyên".to_owned()),
        ]),
        ("III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", &[
            ("Rà soát, đơn giản hóa thủ tục hành chính", departments, "Văn phòng Ủy ban nhân dân tỉnh", format!("Trước ngày 30/6/{year}")),
            ("Công bố, công khai thủ tục hành chính trên Cổng dịch vụ công", "Văn phòng Ủy ban nhân dân tỉnh", departments, "Thường xuyên".to_owned()),
            ("Niêm yết công khai thủ tục hành chính tại Bộ phận Một cửa cấp xã", all_communes, "", format!("Trong năm {year}")),
            ("Giải quyết hồ sơ thủ tục hành chính đúng hạn", everyone, "Trung tâm Phục vụ hành chính công tỉnh", format!("Trong năm {year}")),
            ("Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức", everyone, "Văn phòng Ủy ban nhân dân tỉnh", "Thường xuyên".to_owned()),
            ("Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "UBND các xã, phường", "Trung tâm Chuyển đổi số tỉnh", format!("Trong năm {year}")),
            ("Thực hiện thủ tục hành chính không phụ thuộc địa giới hành chính", "Trung tâm Phục vụ hành chính công tỉnh", all_communes, format!("Quý II năm {year}")),
        ]),
        ("IV. CẢI CÁCH TỔ CHỨC BỘ MÁY", &[
            ("Rà soát chức năng, nhiệm vụ của cơ quan chuyên môn sau sắp xếp", departments, "Sở Nội vụ", format!("Quý I năm {year}")),
            ("Kiện toàn tổ chức bộ máy cấp xã sau sắp xếp đơn vị hành chính", all_communes, "Sở Nội vụ", format!("Trước ngày 30/6/{year}")),
            ("Xây dựng vị trí việc làm của cơ quan, đơn vị", everyone, "Sở Nội vụ", format!("Quý III năm {year}")),
            ("Sắp xếp các đơn vị sự nghiệp công lập", "Sở Nội vụ", "Sở Tài chính", format!("Trong năm {year}")),
            ("Quản lý biên chế, tinh giản biên chế theo quy định", departments, "Sở Nội vụ", format!("Tháng 12 năm {year}")),
        ]),
        ("V. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", &[
            ("Đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức", everyone, "Sở Nội vụ", format!("Tháng 12 năm {year}")),
            ("Bồi dưỡng kiến thức, kỹ năng cho công chức cấp xã", "Sở Nội vụ", all_communes, format!("Quý II, Quý III năm {year}")),
            ("Thực hiện quy tắc ứng xử của cán bộ, công chức tại nơi làm việc", everyone, "", "Thường xuyên".to_owned()),
            ("Kiểm tra công vụ, kỷ luật, kỷ cương hành chính", "Sở Nội vụ", "Thanh tra tỉnh", format!("Quý III năm {year}")),
            ("Tuyển dụng công chức cấp xã theo vị trí việc làm", all_communes, "Sở Nội vụ", format!("Quý IV năm {year}")),
            ("Thực hiện chế độ, chính sách đối với người nghỉ việc do sắp xếp", everyone, "Sở Tài chính", format!("Trong năm {year}")),
        ]),
        ("VI. CẢI CÁCH TÀI CHÍNH CÔNG", &[
            ("Thực hiện cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập", "Sở Tài chính", departments, format!("Trong năm {year}")),
            ("Công khai dự toán, quyết toán ngân sách", everyone, "Sở Tài chính", format!("Trước ngày 31/3/{year}")),
            ("Giải ngân vốn đầu tư công", "Ban Quản lý dự án đầu tư xây dựng tỉnh", everyone, "Hằng quý".to_owned()),
            ("Thực hành tiết kiệm, chống lãng phí", everyone, "", format!("Trong năm {year}")),
            ("Quản lý, sử dụng tài sản công sau sắp xếp", all_communes, "Sở Tài chính", format!("Quý II năm {year}")),
            ("Kiểm tra việc thực hiện quy chế chi tiêu nội bộ", "Sở Tài chính", departments, format!("Quý IV năm {year}")),
        ]),
        ("VII. XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ", &[
            ("Sử dụng chữ ký số trong xử lý văn bản", everyone, "Trung tâm Chuyển đổi số tỉnh", format!("Trong năm {year}")),
            ("Gửi, nhận văn bản điện tử liên thông bốn cấp", everyone, "Văn phòng Ủy ban nhân dân tỉnh", "Thường xuyên".to_owned()),
            ("Cung cấp dịch vụ công trực tuyến toàn trình", departments, "Trung tâm Phục vụ hành chính công tỉnh", format!("Trong năm {year}")),
            ("Tích hợp, chia sẻ dữ liệu với Cơ sở dữ liệu quốc gia về dân cư", all_communes, "Trung tâm Chuyển đổi số tỉnh", format!("Quý III năm {year}")),
            ("Bảo đảm an toàn thông tin mạng cho hệ thống thông tin", "Trung tâm Chuyển đổi số tỉnh", everyone, "Thường xuyên".to_owned()),
            ("Triển khai hệ thống họp trực tuyến đến cấp xã", "Văn phòng Ủy ban nhân dân tỉnh", all_communes, format!("Tháng 6 năm {year}")),
            ("Đào tạo kỹ năng số cho cán bộ, công chức", "Sở Khoa học và Công nghệ", everyone, format!("Quý II năm {year}")),
            ("Duy trì hệ thống quản lý chất lượng theo TCVN ISO 9001:2015", everyone, "Sở Khoa học và Công nghệ", format!("Trong năm {year}")),
            ("Cập nhật dữ liệu chuyên ngành lên nền tảng số của tỉnh", departments, "Trung tâm Chuyển đổi số tỉnh", format!("Quý IV năm {year}")),
            ("Triển khai Trung tâm điều hành thông minh", "Sở Khoa học và Công nghệ", "Văn phòng Ủy ban nhân dân tỉnh", format!("Trước ngày 15/12/{year}")),
        ]),
    ];
    let mut rows = vec![["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"].map(str::to_owned).to_vec()];
    for (title, tasks) in areas {
        rows.push(vec![title.to_owned(), String::new(), String::new(), String::new(), String::new()]);
        for (i, (text, lead, coord, when)) in tasks.iter().enumerate() {
            rows.push(vec![(i + 1).to_string(), text.replace("{y}", &year.to_string()), (*lead).to_owned(), (*coord).to_owned(), when.clone()]);
        }
    }
    rows
}

/// The plan's targets (section "Chỉ tiêu"), reported by units quarter by quarter.
pub fn targets() -> Vec<TargetSource> {
    let rate = |code: &str, text: &str, value: f64, num: &str, den: &str, applies: &[&str]| TargetSource {
        code: code.to_owned(),
        text: text.to_owned(),
        kind: "rate".to_owned(),
        comparator: ">=".to_owned(),
        value,
        unit: "%".to_owned(),
        numerator: num.to_owned(),
        denominator: den.to_owned(),
        applies_to: applies.iter().map(|s| (*s).to_owned()).collect(),
    };
    vec![
        rate("1", "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt từ 98% trở lên", 98.0, "Số hồ sơ giải quyết đúng hạn", "Số hồ sơ đã giải quyết", &["department", "public_service", "commune"]),
        rate("2", "Tỷ lệ hồ sơ nộp trực tuyến toàn trình đạt từ 80% trở lên", 80.0, "Số hồ sơ nộp trực tuyến toàn trình", "Số hồ sơ tiếp nhận", &["department", "commune"]),
        rate("3", "Tỷ lệ văn bản trao đổi dưới dạng điện tử đạt từ 90% trở lên", 90.0, "Số văn bản điện tử", "Tổng số văn bản đi", &["department", "public_service", "commune"]),
        rate("4", "Tỷ lệ hồ sơ, kết quả giải quyết TTHC được số hóa đạt 100%", 100.0, "Số hồ sơ được số hóa", "Số hồ sơ đã giải quyết", &["commune"]),
        rate("5", "Mức độ hài lòng của người dân, doanh nghiệp đạt từ 90% trở lên", 90.0, "Số phiếu hài lòng", "Số phiếu khảo sát", &["department", "commune"]),
    ]
}

/// Creates the province in the data folder `dir`: the organisation from
/// [`units_rows`], the plan from [`plan_rows`] with [`targets`], this
/// installation being the committee's (where its Sở Nội vụ merges the
/// units' bundles: a bundle is merged by the unit it is addressed to).
pub fn setup(dir: &Path, spec: &Spec) -> Result<Workspace> {
    let mut ws = Workspace::open(dir)?;
    ws.import_units(&units_rows(spec), false)?;
    let base = crate::plan::with_org_units(&ws.store.plan_source(&ws.plan.id)?, Some(&ws.org));
    let opts = ImportOptions {
        id: Some(format!("lam-son-{}", spec.year)),
        year: Some(spec.year),
        number: Some("15/KH-UBND".to_owned()),
        title: Some(format!("Kế hoạch cải cách hành chính năm {} của Ủy ban nhân dân tỉnh Lam Sơn", spec.year)),
        issuer: Some(ROOT.to_owned()),
    };
    let mut imported = import_table(&Table::from_rows(plan_rows(spec.year)), &base, &opts)?;
    if let Some(u) = imported.unmatched.first() {
        return Err(Error::new("err-import-unmatched").arg("count", imported.unmatched.len()).arg("list", u.phrase.as_str()));
    }
    imported.source.targets = targets();
    imported.source.date = format!("{}-01-10", spec.year);
    ws.install_plan(&imported.source)?;
    ws.set_unit(ROOT)?;
    Ok(ws)
}

/// Which bundles the units send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sending {
    /// Quarters sent, in order (each bundle made a few days after its quarter).
    pub quarters: Vec<u32>,
    /// Some bundles late, some never sent (a few units send nothing at all);
    /// `false`: every unit sends every quarter on time.
    pub gaps: bool,
    /// Attach a small scanned document to most finished tasks.
    pub evidence: bool,
    /// Only the first this many units below the committee (all when `None`).
    pub limit: Option<usize>,
}

/// One bundle a unit made.
#[derive(Debug, Clone, PartialEq)]
pub struct Sent {
    pub unit: String,
    pub quarter: u32,
    pub path: PathBuf,
    /// The day it was made.
    pub day: NaiveDate,
}

/// A small number from `parts`: the same parts, the same number.
fn mix(parts: &[u64]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        h ^= p.wrapping_add(0x9E37_79B9_7F4A_7C15);
        h = h.wrapping_mul(0x0000_0100_0000_01B3).rotate_left(17);
    }
    h ^ (h >> 29)
}

/// When unit number `i` sends its bundle of quarter `q`: `None` if it never does.
fn send_day(year: i32, i: usize, q: u32, gaps: bool) -> Option<NaiveDate> {
    let end = Period::quarter(year, q).end();
    let r = mix(&[i as u64, q as u64, 7]) % 100;
    if gaps && (i % 41 == 13 || r < 6) {
        return None;
    }
    let late = gaps && r < 18;
    let days = if late { crate::views::GRACE_DAYS + 2 + (r % 9) as i64 } else { 2 + (r % 7) as i64 };
    Some(end + Duration::days(days))
}

/// The units' data folders are made under `work`, their bundles in
/// `work/bundles`; each unit's key is trusted by `province`. Units are made
/// on as many threads as the machine has cores. Returns the bundles in the
/// order they were made.
pub fn make_bundles(province: &Workspace, work: &Path, sending: &Sending, progress: &(dyn Fn(usize, usize) + Sync)) -> Result<Vec<Sent>> {
    let year = province.plan.year;
    let package = work.join("ke-hoach.zip");
    std::fs::create_dir_all(work.join("bundles"))?;
    province.export_plan(&package)?;
    let issuer_key = province.public_key()?;
    let units: Vec<String> = province.plan.subtree(ROOT).iter().filter(|u| u.code != ROOT).map(|u| u.code.clone()).take(sending.limit.unwrap_or(usize::MAX)).collect();
    // One unit's data folder, with the plan installed, copied for every unit.
    let template = work.join("mau");
    {
        let mut ws = Workspace::open(&template)?;
        ws.import_plan_package(&package, Some(issuer_key.clone()))?;
        // Dropped here: the last connection closes and folds its log into the file.
    }
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).clamp(1, 8);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Result<Vec<(usize, PublicKey, Vec<Sent>)>>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| -> Result<Vec<(usize, PublicKey, Vec<Sent>)>> {
                    let mut out = vec![];
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(code) = units.get(i) else { break };
                        let (key, sent) = one_unit(&template, work, year, i, code, sending)?;
                        out.push((i, key, sent));
                        progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1, units.len());
                    }
                    Ok(out)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Err(Error::new("err-internal")))).collect()
    });
    let mut all: Vec<(usize, PublicKey, Vec<Sent>)> = vec![];
    for r in results {
        all.extend(r?);
    }
    all.sort_by_key(|(i, _, _)| *i);
    let mut sent = vec![];
    for (i, key, s) in all {
        province.trust_key(&units[i], &key)?;
        sent.extend(s);
    }
    sent.sort_by(|a, b| (a.quarter, a.day, &a.unit).cmp(&(b.quarter, b.day, &b.unit)));
    Ok(sent)
}

/// Unit number `i`: its data folder from the template, its year of work,
/// its bundles. Returns its public key and what it sent.
fn one_unit(template: &Path, work: &Path, year: i32, i: usize, code: &str, sending: &Sending) -> Result<(PublicKey, Vec<Sent>)> {
    let dir = work.join("don-vi").join(code);
    std::fs::create_dir_all(&dir)?;
    std::fs::copy(template.join(crate::store::DB_FILE), dir.join(crate::store::DB_FILE))?;
    let mut ws = Workspace::open(&dir)?;
    ws.operator = format!("Cán bộ {code}");
    ws.set_unit(code)?;
    let key = ws.public_key()?;
    let mut sent = vec![];
    let scan = dir.join("bien-ban.pdf");
    std::fs::write(&scan, crate::demo::tiny_pdf(&format!("Bien ban {code}")))?;
    for &q in &sending.quarters {
        let Some(day) = send_day(year, i, q, sending.gaps) else { continue };
        crate::clock::on_day(day, || -> Result<()> {
            ws.today = day;
            work_quarter(&mut ws, code, i, q, sending.evidence.then_some(scan.as_path()))?;
            let path = work.join("bundles").join(format!("{code}-{year}Q{q}.zip"));
            ws.export_bundle(Period::quarter(year, q), &path, &mut |_, _| {})?;
            sent.push(Sent { unit: code.to_owned(), quarter: q, path, day });
            Ok(())
        })?;
    }
    drop(ws);
    // The unit's own folder is no longer needed: its bundles are.
    let _ = std::fs::remove_dir_all(&dir);
    Ok((key, sent))
}

/// The statuses and figures of unit number `i` at the end of quarter `q`:
/// each task moves at its own pace; a few stay untouched or do not apply.
fn work_quarter(ws: &mut Workspace, unit: &str, i: usize, q: u32, scan: Option<&Path>) -> Result<()> {
    let year = ws.plan.year;
    let tasks: Vec<(usize, String, Option<NaiveDate>)> = ws
        .plan
        .assignments_of(unit)
        .into_iter()
        .map(|(t, _)| (ws.plan.tasks.iter().position(|x| x.code == t.code).unwrap_or(0), t.code.clone(), t.schedule.dates().into_iter().max()))
        .collect();
    let quarter_end = Period::quarter(year, q).end();
    for (k, code, last_due) in tasks {
        let h = mix(&[i as u64, k as u64]);
        let state = ws.store.task_state(&ws.plan.id, unit, &code)?;
        if h % 29 == 0 {
            if state.status != Status::NotApplicable {
                ws.update_task(unit, &code, &Change { status: Some(Status::NotApplicable), ..Default::default() })?;
            }
            continue;
        }
        if h % 11 == 0 {
            continue; // untouched all year
        }
        // Work due by this quarter's end is mostly finished; the rest advances.
        let pace = 20 + (h % 45) as u32;
        let due_now = last_due.is_some_and(|d| d <= quarter_end);
        let progress = if due_now && h % 5 != 0 { 100 } else { (pace * q).min(95) };
        if progress as u8 <= state.progress && state.status != Status::NotStarted {
            continue;
        }
        let status = if progress >= 100 {
            if h % 7 == 0 { Status::DoneLate } else { Status::Done }
        } else {
            Status::InProgress
        };
        ws.update_task(unit, &code, &Change { status: Some(status), progress: Some(progress as u8), ..Default::default() })?;
        if status.is_done()
            && h % 4 != 0
            && let Some(scan) = scan
        {
            let meta = EvidenceMeta {
                doc_type: DocType::Report,
                doc_number: format!("{}/BC-{}", 10 + (h % 90), unit),
                doc_date: Some(ws.today),
                description: String::new(),
                milestone: None,
            };
            ws.add_evidence(unit, &code, scan, &meta, &mut |_| true)?;
        }
    }
    let kind = ws.plan.unit(unit).map(|u| u.kind);
    let targets: Vec<(String, TargetKind, f64)> = ws
        .plan
        .targets
        .iter()
        .filter(|t| kind.is_some_and(|k| t.applies_to.is_empty() || t.applies_to.contains(&k)))
        .map(|t| (t.code.clone(), t.kind, t.value))
        .collect();
    for (n, (target, _, goal)) in targets.iter().enumerate() {
        let h = mix(&[i as u64, n as u64, q as u64, 3]);
        let den = (40 + h % 400) as f64;
        // Most units near or above the goal, some below.
        let share = ((goal - 4.0) + (h % 9) as f64).min(100.0) / 100.0;
        let num = (den * share).floor();
        ws.set_figure(unit, target, Period::quarter(year, q), Figure { numerator: num, denominator: den })?;
    }
    Ok(())
}

/// Merges `sent` at `province`, each bundle on the day after it was made
/// (its receipt says so). Returns how many were merged.
pub fn merge_all(province: &mut Workspace, sent: &[Sent]) -> Result<usize> {
    let mut n = 0;
    for s in sent {
        let day = s.day + Duration::days(1);
        let merged = crate::clock::on_day(day.min(province.today.max(s.day)), || province.merge_bundle(&s.path, false))?;
        if merged.0 == crate::bundle::MergeOutcome::Merged {
            n += 1;
        }
    }
    Ok(n)
}

/// "Today" of the province demo: 20 October of the plan year, three
/// quarters' bundles due, the fourth not.
pub fn demo_day(year: i32) -> NaiveDate {
    crate::demo::demo_today(year)
}

/// The whole demo province in `dir` (units' folders and bundles made under
/// `work`): set up, three quarters sent by most units (some late, some
/// missing), all merged. "Today" is [`demo_day`] on this thread while it runs.
pub fn build_demo(dir: &Path, work: &Path, spec: &Spec, progress: &(dyn Fn(usize, usize) + Sync)) -> Result<Workspace> {
    let today = demo_day(spec.year);
    crate::clock::on_day(today, || {
        let mut ws = setup(dir, spec)?;
        ws.today = today;
        let sending = Sending { quarters: (1..=4).filter(|q| Period::quarter(spec.year, *q).end() < today).collect(), gaps: true, evidence: true, limit: None };
        let sent = make_bundles(&ws, work, &sending, progress)?;
        merge_all(&mut ws, &sent)?;
        Ok(ws)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_full_province_has_two_hundred_distinct_units() {
        let spec = Spec::full(2026);
        let rows = units_rows(&spec);
        assert_eq!(rows.len() - 1, 200);
        assert_eq!(spec.units(), 200);
        let codes: std::collections::BTreeSet<&String> = rows.iter().skip(1).map(|r| &r[0]).collect();
        let names: std::collections::BTreeSet<&String> = rows.iter().skip(1).map(|r| &r[1]).collect();
        assert_eq!(codes.len(), 200);
        assert_eq!(names.len(), 200);
        let kinds = |k: &str| rows.iter().filter(|r| r[2] == k).count();
        assert_eq!(kinds("Đặc khu"), 2);
        assert!(kinds("Phường") > 50 && kinds("Xã") > 100, "{} {}", kinds("Phường"), kinds("Xã"));
    }

    #[test]
    fn gaps_make_some_bundles_late_and_some_missing() {
        let days: Vec<Option<NaiveDate>> = (0..200).map(|i| send_day(2026, i, 1, true)).collect();
        let due = Period::quarter(2026, 1).end() + Duration::days(crate::views::GRACE_DAYS);
        let missing = days.iter().filter(|d| d.is_none()).count();
        let late = days.iter().flatten().filter(|d| **d > due).count();
        assert!((5..30).contains(&missing), "{missing}");
        assert!((10..50).contains(&late), "{late}");
        assert!((0..200).all(|i| send_day(2026, i, 2, false).is_some_and(|d| d <= due + Duration::days(91))));
    }
}
