//! Tokens: folded words, ASCII numbers, punctuation, with their place in the source.

use crate::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Num {
    /// `None` when the number has more than nine digits.
    pub(super) value: Option<u32>,
    pub(super) digits: usize,
}

impl Num {
    /// A plausible four-digit calendar year.
    pub(super) fn year(self) -> Option<i32> {
        let v = self.value?;
        (self.digits == 4 && (1900..=2199).contains(&v)).then_some(v as i32)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    /// Folded word: lower case, no diacritics.
    Word(String),
    Num(Num),
    Punct(char),
}

#[derive(Debug, Clone)]
pub(super) struct Token {
    pub(super) kind: Kind,
    /// Byte range in the NFC source.
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) space_before: bool,
    pub(super) newline_before: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Digit,
    Punct,
    Word,
}

pub(super) fn class_of(c: char) -> Class {
    if c.is_ascii_digit() {
        Class::Digit
    } else if c.is_ascii_punctuation()
        || matches!(
            c,
            '–' | '—'
                | '‒'
                | '―'
                | '−'
                | '•'
                | '●'
                | '▪'
                | '◦'
                | '·'
                | '…'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '«'
                | '»'
        )
    {
        Class::Punct
    } else {
        Class::Word
    }
}

pub(super) fn tokenize(src: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = src.char_indices().peekable();
    let (mut space, mut newline) = (false, false);
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            space = true;
            newline |= matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}');
            continue;
        }
        let class = class_of(c);
        let mut end = start + c.len_utf8();
        if class != Class::Punct {
            while let Some(&(p, d)) = chars.peek() {
                if d.is_whitespace() || class_of(d) != class {
                    break;
                }
                end = p + d.len_utf8();
                chars.next();
            }
        }
        let text = &src[start..end];
        let kind = match class {
            Class::Digit => Kind::Num(Num {
                value: if text.len() <= 9 {
                    text.parse().ok()
                } else {
                    None
                },
                digits: text.len(),
            }),
            Class::Punct => Kind::Punct(c),
            Class::Word => Kind::Word(fold(text)),
        };
        out.push(Token {
            kind,
            start,
            end,
            space_before: space,
            newline_before: newline,
        });
        space = false;
        newline = false;
    }
    out
}

/// A number or a Roman numeral up to four ("I", "iv").
pub(super) fn numeric_like(t: &Token) -> bool {
    match &t.kind {
        Kind::Num(_) => true,
        Kind::Word(w) => {
            (1..=4).contains(&w.len()) && w.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
        }
        Kind::Punct(_) => false,
    }
}
