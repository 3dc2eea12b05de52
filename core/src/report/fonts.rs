//! The PDF font: Liberation Serif (Times metrics, full Vietnamese), embedded
//! in the binary; printpdf embeds the subset a document uses.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use super::layout::{Measure, Style};

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/LiberationSerif-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/LiberationSerif-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../../../assets/fonts/LiberationSerif-Italic.ttf");

/// Replacements for characters a face may lack (checked against the face
/// before printing; the original is kept when the face has it).
const FALLBACKS: &[(char, &str)] = &[
    ('≥', ">="),
    ('≤', "<="),
    ('✔', "x"),
    ('✘', "-"),
    ('→', "->"),
    ('…', "..."),
    ('\u{a0}', " "),
    ('\t', " "),
];

pub struct Fonts {
    faces: [ParsedFont; 3],
    units_per_em: f32,
    ascent: f32,
    descent: f32,
}

fn parse(bytes: &[u8]) -> ParsedFont {
    ParsedFont::from_bytes(bytes, 0, &mut vec![]).expect("the embedded PDF font parses")
}

impl Fonts {
    fn load() -> Fonts {
        let faces = [parse(REGULAR), parse(BOLD), parse(ITALIC)];
        let m = faces[0].pdf_font_metrics;
        let upem = f32::from(m.units_per_em.max(1));
        Fonts {
            units_per_em: upem,
            ascent: f32::from(m.ascender) / upem,
            descent: -f32::from(m.descender) / upem,
            faces,
        }
    }

    /// The fonts, parsed once per process.
    pub fn get() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(Fonts::load)
    }

    pub fn face(&self, style: Style) -> &ParsedFont {
        match style {
            Style::Regular => &self.faces[0],
            Style::Bold => &self.faces[1],
            Style::Italic => &self.faces[2],
        }
    }

    /// Whether `style` has a glyph for `c` (white space other than the
    /// plain space is never printed as is).
    pub fn has(&self, style: Style, c: char) -> bool {
        c == ' ' || (!c.is_control() && self.face(style).lookup_glyph_index(c as u32).is_some_and(|g| g != 0))
    }
}

impl Measure for Fonts {
    fn width(&self, style: Style, size: f32, text: &str) -> f32 {
        let face = self.face(style);
        let units: u32 = text
            .chars()
            .map(|c| u32::from(face.get_horizontal_advance(face.lookup_glyph_index(c as u32).unwrap_or(0))))
            .sum();
        units as f32 / self.units_per_em * size
    }

    fn vmetrics(&self) -> (f32, f32) {
        (self.ascent, self.descent)
    }

    fn printable(&self, style: Style, text: &str) -> String {
        let text = crate::text::nfc(text);
        if text.chars().all(|c| self.has(style, c)) {
            return text;
        }
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if self.has(style, c) {
                out.push(c);
            } else if let Some((_, r)) = FALLBACKS.iter().find(|(f, _)| *f == c) {
                out.push_str(r);
            } else if c == '\n' {
                out.push(c);
            } else {
                out.push('?');
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::layout::wrap;

    #[test]
    fn every_face_has_vietnamese_and_measures_by_glyph() {
        let f = Fonts::get();
        let all = "ẠẢÃÀÁÂẬẦẤẨẪĂẮẰẶẲẴÓÒỌÕỎÔỘỔỖỒỐƠỜỚỢỞỠÉÈẺẸẼÊẾỀỆỂỄÚÙỤỦŨƯỰỮỬỪỨÍÌỊỈĨÝỲỶỴỸĐ\
                   ạảãàáâậầấẩẫăắằặẳẵóòọõỏôộổỗồốơờớợởỡéèẻẹẽêếềệểễúùụủũưựữửừứíìịỉĩýỳỷỵỹđ";
        for style in [Style::Regular, Style::Bold, Style::Italic] {
            let missing: Vec<char> = all.chars().filter(|c| !f.has(style, *c)).collect();
            assert!(missing.is_empty(), "{style:?} lacks {missing:?}");
            assert_eq!(f.printable(style, all), all);
        }
        // Times metrics: "W" is wider than "i"; widths add up and scale with the size.
        let w = |s: &str| f.width(Style::Regular, 10.0, s);
        assert!(w("W") > 3.0 * w("i"));
        assert!((w("Wi") - (w("W") + w("i"))).abs() < 1e-4);
        assert!((f.width(Style::Regular, 20.0, "Củ Chi") - 2.0 * w("Củ Chi")).abs() < 1e-3);
        assert!(f.width(Style::Bold, 10.0, "Hạnh phúc") > w("Hạnh phúc"));
        let (asc, desc) = f.vmetrics();
        assert!(asc > 0.7 && asc < 1.0 && desc > 0.1 && desc < 0.4, "{asc} {desc}");
    }

    #[test]
    fn text_is_composed_and_missing_symbols_are_replaced() {
        let f = Fonts::get();
        // Decomposed "Hòa" (o + combining grave) comes out composed.
        assert_eq!(f.printable(Style::Regular, "Ho\u{0300}a"), "Hòa");
        let ge = f.printable(Style::Regular, "≥ 98%");
        assert!(ge == "≥ 98%" || ge == ">= 98%", "{ge}");
        assert_eq!(ge.starts_with('≥'), f.has(Style::Regular, '≥'));
        let odd = f.printable(Style::Regular, "a\u{1F600}b");
        assert_eq!(odd, "a?b");
    }

    #[test]
    fn a_long_vietnamese_sentence_wraps_within_the_cell() {
        let f = Fonts::get();
        let text = "Tiếp tục rà soát, đơn giản hóa thủ tục hành chính, giấy tờ công dân liên quan đến \
                    quản lý dân cư; công khai, minh bạch thủ tục hành chính và kết quả giải quyết hồ sơ \
                    trên Cổng Dịch vụ công quốc gia";
        let width = 140.0;
        let lines = wrap(f, Style::Regular, 10.0, text, width);
        assert!(lines.len() >= 4, "{lines:?}");
        for l in &lines {
            assert!(f.width(Style::Regular, 10.0, l) <= width, "{l:?}");
        }
        assert_eq!(lines.join(" ").split_whitespace().collect::<Vec<_>>(), text.split_whitespace().collect::<Vec<_>>());
    }
}
