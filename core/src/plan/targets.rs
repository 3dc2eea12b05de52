//! The targets a plan states in its prose, read from the paragraphs of its
//! Word file: the section headed "Chỉ tiêu" ("II. CHỈ TIÊU", "2. Chỉ tiêu cụ
//! thể", "II. MỤC TIÊU, CHỈ TIÊU", "Mục tiêu cụ thể") up to the next part of
//! the plan ("III. NHIỆM VỤ TRỌNG TÂM", "Tổ chức thực hiện").
//!
//! In it, every percentage is a target of its own, kind "rate" (a score in
//! points, "đạt từ 85 điểm trở lên", one of kind "value"), compared the
//! way its words say: "từ 98% trở lên", "tối thiểu", "ít nhất", "đạt" →
//! at least; a bare "100% …" → all, exactly; "trên 90%" → more than; "dưới 3%" → less than;
//! "không quá", "tối đa", "trở xuống" → at most. A numbered item without a
//! percentage ("1. Phấn đấu Chỉ số CCHC … cao hơn năm trước") is a target
//! achieved or not, unless items numbered under it follow (then it heads
//! them: "3. Về giải quyết hồ sơ thủ tục hành chính"). Codes are the item's
//! numbers ("3.1"), with ".a", ".b" when one item holds several
//! percentages ("tương ứng là 40%, 35%"); unnumbered items count on.
//! Nothing is read outside such a section: percentages among the tasks are
//! tasks' wording, not targets.

use crate::plan::source::TargetSource;
use crate::text::fold;

/// The targets the paragraphs state, in order; empty when the plan has no
/// targets section (the caller then keeps the targets it had).
pub fn read_targets(paragraphs: &[String]) -> Vec<TargetSource> {
    let section = targets_section(paragraphs);
    let items: Vec<(Option<String>, &str)> = section.iter().map(|p| split_number(p)).collect();
    let mut out: Vec<TargetSource> = Vec::new();
    let mut counter = 0;
    for (k, (number, text)) in items.iter().enumerate() {
        let clauses = clauses(text);
        let found: Vec<(String, Figure)> =
            clauses.iter().flat_map(|c| figures(c).into_iter().map(move |p| (c.clone(), p))).collect();
        if found.is_empty() {
            // A heading of the items numbered under it, or a target achieved or not.
            let heads = number.as_ref().is_some_and(|n| {
                items[k + 1..].first().and_then(|(next, _)| next.as_ref()).is_some_and(|next| next.starts_with(&format!("{n}.")))
            });
            if number.is_none() || heads || text.trim().is_empty() {
                continue;
            }
        }
        counter += 1;
        let code = unique(number.clone().unwrap_or_else(|| counter.to_string()), &out);
        if found.is_empty() {
            out.push(TargetSource {
                code,
                text: tidy(text),
                kind: "yes_no".into(),
                comparator: "=".into(),
                value: 1.0,
                ..Default::default()
            });
            continue;
        }
        let several = found.len() > 1;
        for (i, (clause, p)) in found.into_iter().enumerate() {
            let code = if several { unique(format!("{code}.{}", letter(i)), &out) } else { code.clone() };
            out.push(TargetSource {
                code,
                text: tidy(&clause),
                kind: if p.unit == "%" { "rate" } else { "value" }.into(),
                comparator: p.comparator.into(),
                value: p.value,
                unit: p.unit.into(),
                ..Default::default()
            });
        }
    }
    out
}

/// "a", "b", … "z", then "aa".
fn letter(i: usize) -> String {
    if i < 26 { ((b'a' + i as u8) as char).to_string() } else { format!("{}{}", letter(i / 26 - 1), letter(i % 26)) }
}

/// `code`, or `code` with a "-2", "-3" … when a target already has it.
fn unique(code: String, taken: &[TargetSource]) -> String {
    let free = |c: &str| !taken.iter().any(|t| t.code == c);
    if free(&code) {
        return code;
    }
    (2..).map(|n| format!("{code}-{n}")).find(|c| free(c)).expect("a free code")
}

/// The paragraphs of the targets section, its heading left out.
fn targets_section(paragraphs: &[String]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut open = false;
    for p in paragraphs {
        let p = p.trim();
        let (_, body) = split_number(p);
        let f = fold(body);
        let heading = is_heading(p);
        if heading && (f.contains("chi tieu") || f.starts_with("muc tieu cu the")) {
            // A later, narrower heading ("2. Chỉ tiêu" under "II. MỤC TIÊU, CHỈ TIÊU") starts again.
            out.clear();
            open = true;
            continue;
        }
        if open && heading && ends_section(p, &f) {
            break;
        }
        if open {
            out.push(p);
        }
    }
    out
}

/// A short line without a percentage: a heading, not a target.
fn is_heading(p: &str) -> bool {
    p.chars().count() <= 100 && !p.contains('%')
}

/// Whether the heading `p` (folded body `f`) opens the next part of the plan.
fn ends_section(p: &str, f: &str) -> bool {
    const NEXT: [&str; 8] =
        ["nhiem vu", "giai phap", "to chuc thuc hien", "kinh phi", "noi dung", "phan cong", "che do bao cao", "trach nhiem"];
    let roman = {
        let head: String = p.chars().take_while(|c| !matches!(c, '.' | ')' | ' ')).collect();
        !head.is_empty() && head.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) && p[head.len()..].starts_with(['.', ')'])
    };
    roman || NEXT.iter().any(|w| f.starts_with(w))
}

/// The item's number ("3.1" of "3.1. Tỷ lệ …", "b" of "b) …") and its text;
/// a bullet ("-", "+", "•") is no number.
fn split_number(p: &str) -> (Option<String>, &str) {
    let p = p.trim();
    if let Some(rest) = p.strip_prefix(['-', '+', '•', '–', '*']) {
        return (None, rest.trim());
    }
    let head: String = p.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    if head.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        let rest = &p[head.len()..];
        // "3.1." or "3.1" followed by a space; "2023" alone is a year, not a number.
        let number = head.trim_end_matches('.');
        if (head.ends_with('.') || rest.starts_with(' ')) && number.len() <= 8 && !(number.len() == 4 && !number.contains('.')) {
            return (Some(number.to_owned()), rest.trim_start_matches([')', ' ']).trim());
        }
    }
    let mut chars = p.chars();
    if let (Some(c), Some(')')) = (chars.next(), chars.next())
        && c.is_ascii_lowercase()
    {
        return (Some(c.to_string()), p[2..].trim());
    }
    (None, p)
}

/// The clauses of an item: its sentences and ";"-parts, a part without a
/// percentage kept with the one before it ("100% các đơn vị; cán bộ, công
/// chức …; cán bộ … áp dụng chữ ký số" is one), and ", riêng …" apart.
fn clauses(text: &str) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let sentence_end = c == '.' && chars.get(i + 1) == Some(&' ') && chars.get(i + 2).is_some_and(|n| n.is_uppercase());
        let apart = c == ',' && fold(&chars[i + 1..].iter().take(8).collect::<String>()).trim_start().starts_with("rieng");
        if c == ';' || sentence_end || apart {
            if c != ',' {
                current.push(c);
            }
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    parts.push(current);
    let mut out: Vec<String> = Vec::new();
    for part in parts.into_iter().filter(|p| !p.trim().is_empty()) {
        match out.last_mut() {
            Some(last) if !part.contains('%') => last.push_str(&part),
            _ => out.push(part),
        }
    }
    // A first part without a percentage goes with the next.
    if out.len() > 1 && !out[0].contains('%') {
        let first = out.remove(0);
        out[0] = first + &out[0];
    }
    out
}

/// A figure a target names — a percentage, or a score in points — and how
/// the target compares with it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Figure {
    value: f64,
    comparator: &'static str,
    /// "%", or "điểm" (a score: "Chỉ số CCHC đạt từ 85 điểm trở lên").
    unit: &'static str,
}

/// The unit a figure's number is followed by at `i`, and its length in chars.
fn unit_at(chars: &[char], i: usize) -> Option<(&'static str, usize)> {
    if chars[i] == '%' {
        return Some(("%", 1));
    }
    let word: String = chars[i..(i + 5).min(chars.len())].iter().collect();
    let f = fold(&word);
    let whole = chars.get(i + 4).is_none_or(|c| !c.is_alphanumeric());
    (i > 0 && chars[i - 1] == ' ' && f.starts_with("diem") && whole).then_some(("điểm", 4))
}

/// The figures of a clause, each with its comparator; the second of a
/// range ("25% - 35%") is left out (the range is met from its start).
fn figures(clause: &str) -> Vec<Figure> {
    let chars: Vec<char> = clause.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut skip_next = false;
    while i < chars.len() {
        let Some((unit, len)) = unit_at(&chars, i) else {
            i += 1;
            continue;
        };
        // The number before the unit ("98", "98,5", "98.5", "98 %", "85 điểm").
        let mut s = i;
        while s > 0 && chars[s - 1] == ' ' {
            s -= 1;
        }
        let end = s;
        while s > 0 && (chars[s - 1].is_ascii_digit() || matches!(chars[s - 1], ',' | '.')) {
            s -= 1;
        }
        let digits: String = chars[s..end].iter().collect::<String>().trim_matches([',', '.']).replace(',', ".");
        let most = if unit == "%" { 100.0 } else { 1000.0 };
        let value = digits.parse::<f64>().ok().filter(|v| (0.0..=most).contains(v));
        i += len;
        let Some(value) = value else { continue };
        if std::mem::take(&mut skip_next) {
            continue;
        }
        let before = fold(&chars[s.saturating_sub(24)..s].iter().collect::<String>());
        let after = fold(&chars[i..(i + 14).min(chars.len())].iter().collect::<String>());
        // "25% - 35%", "25 - 35%": a range.
        let rest: String = chars[i..].iter().take(12).collect();
        if rest.trim_start().starts_with(['-', '–']) && (rest.contains('%') || fold(&rest).contains("diem")) {
            skip_next = true;
        }
        let mut cmp = comparator(before.trim_end(), after.trim_start());
        // "100% …": all of them, exactly.
        if unit == "%" && value == 100.0 && cmp == ">=" {
            cmp = "=";
        }
        out.push(Figure { value, comparator: cmp, unit });
    }
    out
}

/// How a target compares with its number, from the words just before it
/// (folded) and just after it.
fn comparator(before: &str, after: &str) -> &'static str {
    let ends = |w: &str| before.ends_with(w);
    if after.starts_with("tro xuong") || ends("khong qua") || ends("toi da") || ends("khong vuot qua") {
        "<="
    } else if ends("duoi") || ends("it hon") {
        "<"
    } else if ends("tren") || ends("hon") && !ends("it hon") {
        ">"
    } else {
        ">="
    }
}

/// The clause as a target's text: one line, without the bullet it began with.
fn tidy(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.trim_start_matches(['-', '+', '•', '–', '*', ' ']).trim_end_matches([';', ',', ' ']);
    s.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(text: &str) -> Vec<(String, String, f64, String)> {
        let paragraphs: Vec<String> = text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
        read_targets(&paragraphs).into_iter().map(|t| (t.code, t.comparator, t.value, t.kind)).collect()
    }

    fn t(code: &str, cmp: &str, value: f64, kind: &str) -> (String, String, f64, String) {
        (code.into(), cmp.into(), value, kind.into())
    }

    /// The section as the district's decision (the seed) writes it.
    const SEED: &str = "KẾ HOẠCH
        I. MỤC TIÊU
        1. Tập trung xây dựng, triển khai đồng bộ các nội dung của Chương trình tổng thể cải cách hành chính.
        II. CHỈ TIÊU
        1. Phấn đấu Chỉ số CCHC của huyện (PAR Index) năm 2023 cao hơn so với năm 2022 về xếp loại và xếp hạng.
        2. Thực hiện kiểm tra, khảo sát CCHC định kỳ tối thiểu 40% các cơ quan, đơn vị và tối thiểu 20% xã, thị trấn. Kiểm tra đột xuất tối thiểu 10% cơ quan, đơn vị, xã, thị trấn.
        3. Về giải quyết hồ sơ thủ tục hành chính (TTHC)
        3.1. Tỷ lệ giải quyết hồ sơ TTHC đúng hạn từ 98% trở lên trong từng lĩnh vực, riêng lĩnh vực xử lý đơn, giải quyết khiếu nại, tố cáo tỷ lệ đạt 95% trở lên.
        3.2. Giảm tỷ lệ giải quyết hồ sơ TTHC trễ hạn trên lĩnh vực đất đai và lĩnh vực đầu tư xuống còn dưới 3%.
        7. Số hóa kết quả và hồ sơ giải quyết thủ tục hành chính thuộc thẩm quyền của cấp huyện, cấp xã đạt tỷ lệ tối thiểu tương ứng là 40%, 35%.
        8. Thực hiện giải ngân kế hoạch đầu tư vốn ngân sách Nhà nước đạt trên 90%.
        10. Xây dựng môi trường làm việc điện tử
        10.2. 100% các đơn vị; cán bộ, công chức lãnh đạo; cán bộ, công chức thực hiện tiếp nhận, giải quyết hồ sơ TTHC áp dụng chữ ký số.
        III. NHIỆM VỤ TRỌNG TÂM
        1. Ban hành 100% văn bản theo kế hoạch.";

    #[test]
    fn the_seed_section_gives_its_targets_with_their_comparisons() {
        assert_eq!(
            targets(SEED),
            vec![
                t("1", "=", 1.0, "yes_no"),
                t("2.a", ">=", 40.0, "rate"),
                t("2.b", ">=", 20.0, "rate"),
                t("2.c", ">=", 10.0, "rate"),
                t("3.1.a", ">=", 98.0, "rate"),
                t("3.1.b", ">=", 95.0, "rate"),
                t("3.2", "<", 3.0, "rate"),
                t("7.a", ">=", 40.0, "rate"),
                t("7.b", ">=", 35.0, "rate"),
                t("8", ">", 90.0, "rate"),
                t("10.2", "=", 100.0, "rate"),
            ]
        );
        let paragraphs: Vec<String> = SEED.lines().map(|l| l.trim().to_owned()).collect();
        let read = read_targets(&paragraphs);
        // Each its own clause; ", riêng …" apart; ";" inside one target kept.
        assert_eq!(read[4].text, "Tỷ lệ giải quyết hồ sơ TTHC đúng hạn từ 98% trở lên trong từng lĩnh vực");
        assert_eq!(read[5].text, "riêng lĩnh vực xử lý đơn, giải quyết khiếu nại, tố cáo tỷ lệ đạt 95% trở lên.");
        assert!(read[10].text.ends_with("áp dụng chữ ký số."), "{}", read[10].text);
        assert!(read.iter().all(|t| t.unit == if t.kind == "rate" { "%" } else { "" }));
    }

    #[test]
    fn a_commune_plan_with_bullets_and_other_wordings() {
        let text = "II. MỤC TIÊU, CHỈ TIÊU
            1. Mục tiêu
            Nâng cao chất lượng phục vụ người dân.
            2. Chỉ tiêu cụ thể
            - 100% thủ tục hành chính được công khai đầy đủ.
            - Tỷ lệ hồ sơ trễ hạn không quá 2%.
            - Mức độ hài lòng của người dân đạt tối thiểu 95,5 %.
            - Tỷ lệ hồ sơ trực tuyến toàn trình đạt 60% trở lên.
            - Phấn đấu có 25% - 35% cán bộ giữ chức vụ lãnh đạo đủ khả năng làm việc trong môi trường quốc tế.
            - Chỉ số cải cách hành chính của xã đạt từ 85 điểm trở lên.
            III. TỔ CHỨC THỰC HIỆN
            - 100% cán bộ tham gia.";
        // The general aims under "1. Mục tiêu" are not targets: "2. Chỉ tiêu cụ thể" starts again.
        assert_eq!(
            targets(text),
            vec![
                t("1", "=", 100.0, "rate"),
                t("2", "<=", 2.0, "rate"),
                t("3", ">=", 95.5, "rate"),
                t("4", ">=", 60.0, "rate"),
                t("5", ">=", 25.0, "rate"),
                t("6", ">=", 85.0, "value"),
            ]
        );
    }

    #[test]
    fn without_a_targets_section_nothing_is_read() {
        assert!(targets("KẾ HOẠCH\nI. NHIỆM VỤ\n1. Bảo đảm 100% hồ sơ đúng hạn.").is_empty());
        assert!(targets("").is_empty());
    }

    #[test]
    fn comparisons_read_from_the_words_around_the_number() {
        assert_eq!(comparator("giam xuong con duoi", ""), "<");
        assert_eq!(comparator("khong qua", ""), "<=");
        assert_eq!(comparator("dat", "tro xuong"), "<=");
        assert_eq!(comparator("dat tren", ""), ">");
        assert_eq!(comparator("dat tu", "tro len"), ">=");
        assert_eq!(comparator("", ""), ">=");
        assert_eq!(split_number("3.1. Tỷ lệ"), (Some("3.1".into()), "Tỷ lệ"));
        assert_eq!(split_number("b) Mức độ"), (Some("b".into()), "Mức độ"));
        assert_eq!(split_number("2023 là năm"), (None, "2023 là năm"));
        assert_eq!(split_number("- 100% hồ sơ"), (None, "100% hồ sơ"));
    }
}
