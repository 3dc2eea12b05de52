//! Cutting the token stream into segments at separators.

use super::tokenize::{Kind, Token, numeric_like};

/// "quý", "tháng": a word that opens a quarter or a month.
fn opens_period(t: &Token) -> bool {
    matches!(&t.kind, Kind::Word(w) if w == "quy" || w == "thang")
}

pub(super) struct Segment<'t> {
    pub(super) toks: &'t [Token],
    /// The segment was closed by ':' ("Báo cáo: tháng 11").
    pub(super) colon: bool,
}

/// Cuts the cell into segments; the separators themselves are dropped.
pub(super) fn segments(toks: &[Token]) -> Vec<Segment<'_>> {
    fn close<'t>(
        out: &mut Vec<Segment<'t>>,
        toks: &'t [Token],
        from: usize,
        to: usize,
        colon: bool,
    ) {
        if from < to {
            out.push(Segment {
                toks: &toks[from..to],
                colon,
            });
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in toks.iter().enumerate() {
        if t.newline_before {
            close(&mut out, toks, start, i, false);
            start = i;
        }
        let Kind::Punct(c) = t.kind else { continue };
        let next_spaced = toks.get(i + 1).is_none_or(|n| n.space_before);
        let cut = match c {
            ';' | ':' | '|' | '•' | '●' | '▪' | '◦' => true,
            '.' | '!' | '?' | '…' => next_spaced || t.space_before,
            // "Quý I - II/2024", "tháng 10 - 12", "2023 - 2025" stay together,
            // as do "Quý II - Quý III/2026" and "tháng 12/2026 - tháng 01/2027":
            // ranges, due at their end.
            '-' | '–' | '—' | '‒' | '―' | '−' => {
                i == start
                    || (t.space_before
                        && !(numeric_like(&toks[i - 1])
                            && toks.get(i + 1).is_some_and(|n| numeric_like(n) || opens_period(n))))
            }
            '+' | '*' => i == start || t.space_before,
            _ => false,
        };
        if cut {
            close(&mut out, toks, start, i, c == ':');
            start = i + 1;
        }
    }
    close(&mut out, toks, start, toks.len(), false);
    out
}
