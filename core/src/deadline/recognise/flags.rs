//! On-demand, continuous and external phrases: "khi có phát sinh",
//! "thường xuyên", "theo kế hoạch của …".

use super::*;

impl Ctx<'_> {
    /// On-demand, continuous and external phrases at `i`.
    pub(super) fn flag(&self, i: usize) -> Option<Hit> {
        match self.word(i)? {
            // "khi có phát sinh", "khi có chỉ đạo của cấp trên", "khi có văn
            // bản …", "khi được giao", "khi cần": work that waits for an event.
            "khi" => {
                let k = i + 1;
                // "sau khi / ngay khi …": once something has happened.
                let after = i > 0 && matches!(self.word(i - 1), Some("sau" | "ngay"));
                // A cell that opens with "Khi …" ("Khi Trung ương ban hành văn
                // bản") waits for that event, whatever it is.
                let asked = after || i == 0 || matches!(self.word(k), Some("co" | "duoc" | "can" | "nhan"));
                let what = [
                    ["phat", "sinh"],
                    ["yeu", "cau"],
                    ["chi", "dao"],
                    ["de", "nghi"],
                    ["can", "thiet"],
                    ["thay", "doi"],
                ];
                (asked || what.iter().any(|w| self.seq(k, w)))
                    .then(|| Hit::flag(self.body_end(k), Flag::OnDemand))
            }
            "theo" => {
                let k = i + 1;
                // "theo yêu cầu [của …]", "theo chỉ đạo của …", "theo đề nghị
                // của …", "theo nhu cầu": work done when someone asks — on demand.
                let asked = [
                    ["yeu", "cau"],
                    ["chi", "dao"],
                    ["de", "nghi"],
                    ["de", "xuat"],
                    ["nhu", "cau"],
                    ["tinh", "hinh"],
                ];
                if asked.iter().any(|w| self.seq(k, w)) {
                    return Some(Hit::flag(self.body_end(k + 2), Flag::OnDemand));
                }
                // "theo kế hoạch / hướng dẫn / lộ trình của Thành phố": another
                // body's timetable rules — external.
                let what = [
                    ["ke", "hoach"],
                    ["huong", "dan"],
                    ["lo", "trinh"],
                    ["quy", "dinh"],
                    ["van", "ban"],
                    ["thong", "bao"],
                    ["tien", "do"],
                    ["thoi", "gian"],
                    ["quyet", "dinh"],
                    ["chuong", "trinh"],
                    ["de", "an"],
                ];
                // "theo lịch (kiểm tra) của tỉnh": another body's calendar.
                if self.is(k, "lich") {
                    return Some(Hit::flag(self.body_end(k + 1), Flag::External));
                }
                if !what.iter().any(|w| self.seq(k, w)) {
                    return None;
                }
                let end = k + 2;
                let end = if self.is(end, "cua") {
                    self.body_end(end)
                } else {
                    end
                };
                Some(Hit::flag(end, Flag::External))
            }
            // "tùy theo tình hình", "tùy thuộc yêu cầu", "tùy tình hình thực tế".
            "tuy" if matches!(self.word(i + 1), Some("theo" | "thuoc")) => {
                Some(Hit::flag(self.body_end(i + 2), Flag::OnDemand))
            }
            "tuy" if self.seq(i + 1, &["tinh", "hinh"]) || self.seq(i + 1, &["yeu", "cau"]) => {
                Some(Hit::flag(self.body_end(i + 3), Flag::OnDemand))
            }
            "dot" if self.is(i + 1, "xuat") => Some(Hit::flag(i + 2, Flag::OnDemand)),
            // "(trong vòng 15 ngày) kể từ ngày ban hành …", "kể từ khi …":
            // counted from an event, so due when it happens.
            "ke" if self.is(i + 1, "tu")
                && (self.is(i + 2, "khi") || (self.is(i + 2, "ngay") && self.num(i + 3).is_none())) =>
            {
                Some(Hit::flag(self.body_end(i + 3), Flag::OnDemand))
            }
            "thuong" if self.is(i + 1, "xuyen") => Some(Hit::flag(i + 2, Flag::Continuous)),
            "lien" if self.is(i + 1, "tuc") => Some(Hit::flag(i + 2, Flag::Continuous)),
            _ => None,
        }
    }

    /// The end of the words from `k` that describe the event or the body
    /// ("chỉ đạo của cấp trên"): up to the next punctuation, number or date word.
    fn body_end(&self, mut k: usize) -> usize {
        while self.word(k).is_some_and(|w| !STOP_WORDS.contains(&w)) {
            k += 1;
        }
        k
    }
}
