//! Look of the window: themes, fonts, sizes and the small styled pieces
//! every screen uses (cards, pills, headers).

use iced::widget::{button, container, text};
use iced::{Background, Border, Color, Element, Font, Length, Shadow, Theme, font};

use crate::domain::{KpiState, Status};
use crate::palette::{self, Tone};

pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
pub const BOLD_BYTES: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");

/// The embedded font with full Vietnamese coverage: the default font.
pub const FONT: Font = Font::with_name("Noto Sans");
pub const BOLD: Font = Font { weight: font::Weight::Bold, ..FONT };

/// Symbols Noto Sans lacks (the sidebar marks, arrows): DejaVu Sans, embedded
/// too, so they show on machines without a symbol font (seen under wine).
pub const SYMBOLS_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub const SYMBOLS: Font = Font::with_name("DejaVu Sans");

/// Text sizes: body, small, screen header, section title.
pub const BODY: f32 = 14.5;
pub const SMALL: f32 = 13.0;
pub const HEADER: f32 = 22.0;
pub const TITLE: f32 = 16.5;

/// Spacing steps.
pub const S8: f32 = 8.0;
pub const S12: f32 = 12.0;
pub const S16: f32 = 16.0;

/// A tone of the shared palette (`tiendo_core::palette`) as the window draws it.
pub const fn tone(t: Tone) -> Color {
    let [r, g, b] = t.strong();
    Color::from_rgb8(r, g, b)
}

const BLUE: Color = tone(Tone::Blue);
const GREEN: Color = tone(Tone::Green);
const AMBER: Color = tone(Tone::Amber);
const RED: Color = tone(Tone::Red);
const GREY: Color = tone(Tone::Grey);
const PURPLE: Color = tone(Tone::Purple);

pub fn theme(dark: bool) -> Theme {
    if dark {
        Theme::custom(
            "Tiến Độ (tối)",
            iced::theme::Palette {
                background: Color::from_rgb8(0x1b, 0x1e, 0x24),
                text: Color::from_rgb8(0xe6, 0xe8, 0xeb),
                primary: Color::from_rgb8(0x4c, 0x8d, 0xf0),
                success: Color::from_rgb8(0x3c, 0xb3, 0x71),
                warning: Color::from_rgb8(0xe8, 0xa3, 0x1c),
                danger: Color::from_rgb8(0xe5, 0x5a, 0x5a),
            },
        )
    } else {
        Theme::custom(
            "Tiến Độ",
            iced::theme::Palette {
                background: Color::from_rgb8(0xf4, 0xf6, 0xf9),
                text: Color::from_rgb8(0x1f, 0x29, 0x37),
                primary: BLUE,
                success: GREEN,
                warning: AMBER,
                danger: RED,
            },
        )
    }
}

fn is_dark(theme: &Theme) -> bool {
    theme.extended_palette().is_dark
}

/// The surface of cards and panels (white on light, raised grey on dark).
pub fn surface(theme: &Theme) -> Color {
    if is_dark(theme) { Color::from_rgb8(0x25, 0x29, 0x31) } else { Color::WHITE }
}

pub fn muted(theme: &Theme) -> Color {
    if is_dark(theme) { Color::from_rgb8(0x9a, 0xa3, 0xaf) } else { GREY }
}

pub fn line(theme: &Theme) -> Color {
    if is_dark(theme) { Color::from_rgb8(0x37, 0x3d, 0x48) } else { Color::from_rgb8(0xe1, 0xe5, 0xeb) }
}

pub fn card(theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(surface(theme))),
        border: Border { color: line(theme), width: 1.0, radius: 8.0.into() },
        // No shadow: iced 0.14's software renderer (tiny-skia, the fallback
        // on machines without a usable GPU, which iced may also pick on its
        // own) leaves shadows out of its damage tracking and paints them
        // again on every redraw, darkening the card step by step (upstream
        // issue #2712). The 1 px border marks the card on both renderers.
        shadow: Shadow::default(),
        ..container::Style::default()
    }
}

/// A notice floating over the page: opaque, so the page under it does not show through.
pub fn toast(error: bool) -> impl Fn(&Theme) -> container::Style {
    move |theme| {
        let c = if error { RED } else { GREEN };
        let s = surface(theme);
        let k = if is_dark(theme) { 0.25 } else { 0.12 };
        let mix = |a: f32, b: f32| a * (1.0 - k) + b * k;
        container::Style {
            background: Some(Background::Color(Color::from_rgb(mix(s.r, c.r), mix(s.g, c.g), mix(s.b, c.b)))),
            border: Border { color: c, width: 1.0, radius: 8.0.into() },
            ..container::Style::default()
        }
    }
}

pub fn sidebar(theme: &Theme) -> container::Style {
    let bg = if is_dark(theme) { Color::from_rgb8(0x14, 0x17, 0x1c) } else { Color::from_rgb8(0x16, 0x3a, 0x6b) };
    container::Style {
        background: Some(Background::Color(bg)),
        text_color: Some(Color::from_rgb8(0xf1, 0xf4, 0xf8)),
        ..container::Style::default()
    }
}

pub fn banner(error: bool) -> impl Fn(&Theme) -> container::Style {
    move |theme| {
        let c = if error { RED } else { GREEN };
        container::Style {
            background: Some(Background::Color(Color { a: if is_dark(theme) { 0.25 } else { 0.12 }, ..c })),
            border: Border { color: c, width: 1.0, radius: 6.0.into() },
            ..container::Style::default()
        }
    }
}

pub fn modal_backdrop(_: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(Color::from_rgba(0.0, 0.0, 0.0, 0.45))),
        ..container::Style::default()
    }
}

/// A navigation entry of the sidebar.
pub fn nav(active: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |_, status| {
        let bg = match (active, status) {
            (true, _) => Some(Background::Color(Color::from_rgba(1.0, 1.0, 1.0, 0.18))),
            (false, button::Status::Hovered) => Some(Background::Color(Color::from_rgba(1.0, 1.0, 1.0, 0.08))),
            _ => None,
        };
        button::Style {
            background: bg,
            text_color: Color::from_rgb8(0xf1, 0xf4, 0xf8),
            border: Border { radius: 6.0.into(), ..Border::default() },
            ..button::Style::default()
        }
    }
}

/// A row of a list: flat, highlighted on hover.
pub fn list_row(selected: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        let p = theme.extended_palette();
        let bg = match (selected, status) {
            (true, _) => Some(Background::Color(Color { a: 0.16, ..p.primary.base.color })),
            (false, button::Status::Hovered) => Some(Background::Color(Color { a: 0.07, ..p.primary.base.color })),
            _ => None,
        };
        button::Style {
            background: bg,
            text_color: p.background.base.text,
            border: Border { radius: 4.0.into(), ..Border::default() },
            ..button::Style::default()
        }
    }
}

/// A clickable card (dashboard numbers).
pub fn card_button(theme: &Theme, status: button::Status) -> button::Style {
    let base = card(theme);
    let p = theme.extended_palette();
    button::Style {
        background: base.background,
        text_color: p.background.base.text,
        border: Border {
            color: if matches!(status, button::Status::Hovered) { p.primary.base.color } else { line(theme) },
            ..base.border
        },
        shadow: base.shadow,
        ..button::Style::default()
    }
}

/// A chip-like toggle (filters, segmented choices).
pub fn chip(active: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        let p = theme.extended_palette();
        let (bg, fg, border) = if active {
            (p.primary.base.color, p.primary.base.text, p.primary.base.color)
        } else {
            let hover = matches!(status, button::Status::Hovered);
            (
                if hover { Color { a: 0.08, ..p.primary.base.color } } else { surface(theme) },
                p.background.base.text,
                line(theme),
            )
        };
        button::Style {
            background: Some(Background::Color(bg)),
            text_color: fg,
            border: Border { color: border, width: 1.0, radius: 14.0.into() },
            ..button::Style::default()
        }
    }
}

/// A link-like button (task codes in lists, calendar entries).
pub fn link(theme: &Theme, status: button::Status) -> button::Style {
    let p = theme.extended_palette();
    button::Style {
        background: None,
        text_color: if matches!(status, button::Status::Hovered) { p.primary.strong.color } else { p.primary.base.color },
        ..button::Style::default()
    }
}

/// The colour of a status.
pub fn status_color(s: Status) -> Color {
    tone(palette::of_status(s))
}

pub fn kpi_color(s: KpiState) -> Color {
    tone(palette::of_kpi(s))
}

pub const OVERDUE: Color = RED;
pub const DUE_SOON: Color = AMBER;
pub const DONE: Color = GREEN;
pub const ON_DEMAND: Color = PURPLE;
pub const UPCOMING: Color = BLUE;
/// Nothing to report yet (not due, already done before).
pub const NEUTRAL: Color = GREY;

/// A rounded, tinted label.
pub fn pill<'a, M: 'a>(label: String, color: Color) -> Element<'a, M> {
    container(text(label).size(SMALL).color(color).font(BOLD))
        .padding([2, 10])
        .style(move |theme: &Theme| container::Style {
            background: Some(Background::Color(Color { a: if is_dark(theme) { 0.28 } else { 0.13 }, ..color })),
            border: Border { color: Color { a: 0.4, ..color }, width: 1.0, radius: 11.0.into() },
            ..container::Style::default()
        })
        .into()
}

/// A small filled dot.
pub fn dot<'a, M: 'a>(color: Color, size: f32) -> Element<'a, M> {
    container(text(""))
        .width(Length::Fixed(size))
        .height(Length::Fixed(size))
        .style(move |_: &Theme| container::Style {
            background: Some(Background::Color(color)),
            border: Border { radius: (size / 2.0).into(), ..Border::default() },
            ..container::Style::default()
        })
        .into()
}

/// The header of a screen: a title and, on the right, its actions.
pub fn header<'a, M: 'a>(title: String, actions: Element<'a, M>) -> Element<'a, M> {
    iced::widget::row![
        text(title).size(HEADER).font(BOLD),
        iced::widget::space::horizontal(),
        actions
    ]
    .align_y(iced::Alignment::Center)
    .spacing(S12)
    .into()
}

/// Secondary text.
pub fn muted_text<'a>(s: impl text::IntoFragment<'a>) -> iced::widget::Text<'a> {
    text(s).size(SMALL).style(|theme: &Theme| text::Style { color: Some(muted(theme)) })
}

/// A titled section inside a card.
pub fn section<'a, M: 'a>(title: String, body: impl Into<Element<'a, M>>) -> Element<'a, M> {
    container(iced::widget::column![text(title).size(TITLE).font(BOLD), body.into()].spacing(S12))
        .padding(S16)
        .width(Length::Fill)
        .style(card)
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The software renderer repaints shadows on every redraw (iced 0.14):
    /// no surface of the window may have one, in either theme.
    #[test]
    fn no_surface_has_a_shadow() {
        for dark in [false, true] {
            let th = theme(dark);
            let mut shadows = vec![card(&th).shadow, toast(true)(&th).shadow, toast(false)(&th).shadow, banner(true)(&th).shadow, sidebar(&th).shadow];
            for status in [button::Status::Active, button::Status::Hovered, button::Status::Pressed, button::Status::Disabled] {
                shadows.push(card_button(&th, status).shadow);
                shadows.push(chip(true)(&th, status).shadow);
                shadows.push(chip(false)(&th, status).shadow);
                shadows.push(nav(true)(&th, status).shadow);
                shadows.push(list_row(false)(&th, status).shadow);
                shadows.push(link(&th, status).shadow);
            }
            assert!(shadows.iter().all(|s| s.color.a == 0.0 || s.blur_radius == 0.0 && s.offset == iced::Vector::ZERO), "{shadows:?}");
        }
    }
}
