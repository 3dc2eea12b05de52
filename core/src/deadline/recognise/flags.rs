//! On-demand, continuous and external phrases: "khi có phát sinh",
//! "thường xuyên", "theo kế hoạch của …".

use super::*;

impl Ctx<'_> {
    /// On-demand, continuous and external phrases at `i`.
    pub(super) fn flag(&self, i: usize) -> Option<Hit> {
        match self.word(i)? {
            "khi" => {
                let k = if self.is(i + 1, "co") { i + 2 } else { i + 1 };
                let what = [
                    ["phat", "sinh"],
                    ["yeu", "cau"],
                    ["chi", "dao"],
                    ["de", "nghi"],
                    ["can", "thiet"],
                ];
                what.iter()
                    .any(|w| self.seq(k, w))
                    .then(|| Hit::flag(k + 2, Flag::OnDemand))
            }
            "theo" => {
                let k = i + 1;
                if self.seq(k, &["yeu", "cau"]) && !self.is(k + 2, "cua") {
                    return Some(Hit::flag(k + 2, Flag::OnDemand));
                }
                let what = [
                    ["ke", "hoach"],
                    ["huong", "dan"],
                    ["chi", "dao"],
                    ["lo", "trinh"],
                    ["quy", "dinh"],
                    ["van", "ban"],
                    ["thong", "bao"],
                    ["tien", "do"],
                    ["yeu", "cau"],
                ];
                if !what.iter().any(|w| self.seq(k, w)) {
                    return None;
                }
                let mut end = k + 2;
                if self.is(end, "cua") {
                    // The body: words up to the next punctuation, number or date word.
                    end += 1;
                    while self.word(end).is_some_and(|w| !STOP_WORDS.contains(&w)) {
                        end += 1;
                    }
                }
                Some(Hit::flag(end, Flag::External))
            }
            "dot" if self.is(i + 1, "xuat") => Some(Hit::flag(i + 2, Flag::OnDemand)),
            "thuong" if self.is(i + 1, "xuyen") => Some(Hit::flag(i + 2, Flag::Continuous)),
            "lien" if self.is(i + 1, "tuc") => Some(Hit::flag(i + 2, Flag::Continuous)),
            _ => None,
        }
    }
}
