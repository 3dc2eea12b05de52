//! The public key card: one page a unit prints, signs and sends to its parent
//! office, which compares the fingerprint (over the phone if need be) before
//! trusting the key.

use super::layout::{Align, Style};
use super::{BODY_SIZE, Pdf, Scope, font, new_layout};
use crate::domain::Period;
use crate::error::Result;
use crate::i18n::{Arg, Lang};
use crate::workspace::Workspace;

/// The key card of `unit` for the public key `public_key` (minisign base64)
/// with `fingerprint`, in `lang`.
pub fn key_card_pdf(ws: &Workspace, unit: &str, fingerprint: &str, public_key: &str, lang: Lang) -> Result<Pdf> {
    let s = Scope::new(ws, unit, Period::year(ws.plan.year), lang)?;
    let title = s.tr("keycard-title");
    let mut l = new_layout();
    s.heading(&mut l, &title, &[]);
    let label = font(Style::Bold, BODY_SIZE, Align::Left);
    let body = font(Style::Regular, BODY_SIZE, Align::Left);
    let field = |l: &mut super::layout::Layout<'_>, id: &str, value: &str| {
        l.para(s.tr(id), label);
        l.para(value, body);
        l.gap(6.0);
    };
    field(&mut l, "keycard-unit", &format!("{} ({})", s.unit.name, s.unit.code));
    l.para(s.tr("keycard-fingerprint"), label);
    l.para(fingerprint, font(Style::Bold, 22.0, Align::Center));
    l.gap(6.0);
    field(&mut l, "keycard-public-key", public_key);
    field(&mut l, "keycard-date", &crate::i18n::format_date(ws.today));
    l.para(s.tra("keycard-how", &[("fingerprint", Arg::Str(fingerprint.to_owned()))]), font(Style::Italic, BODY_SIZE, Align::Left));
    s.signatures(&mut l);
    Ok(s.finish(l, &title))
}
