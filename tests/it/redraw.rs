//! The software renderer (tiny-skia, the fallback on laptops without a
//! usable GPU) redraws only what changed: its window compositor diffs the
//! layers of the last frame and this one, and repaints the damaged
//! rectangles over the pixels already on screen. A style it does not track
//! (quad shadows in iced 0.14) is painted again over itself on every
//! redraw. This drives the renderer frame by frame exactly as the
//! compositor does, after typing into a field, and compares the pixels with
//! a full draw of the same state.

use iced_test::core::renderer::{Headless, Style};
use iced_test::core::{Color, Font, Pixels, Rectangle, Size, mouse};
use iced_test::runtime::user_interface::{Cache, UserInterface};
use iced_tiny_skia::graphics::{Viewport, damage};
use iced_tiny_skia::Layer;
use tiendo::ui::{App, Message, first_run};

const SIZE: Size = Size::new(1200.0, 800.0);

/// A tiny-skia renderer and the pixels on its "screen".
struct Screen {
    renderer: iced_test::renderer::Renderer,
    pixels: Vec<u8>,
    mask: tiny_skia::Mask,
    last: Option<Vec<Layer>>,
}

fn software(r: &mut iced_test::renderer::Renderer) -> &mut iced_tiny_skia::Renderer {
    match r {
        iced_test::renderer::fallback::Renderer::Secondary(ts) => ts,
        iced_test::renderer::fallback::Renderer::Primary(_) => panic!("the software renderer was asked for"),
    }
}

impl Screen {
    fn new() -> Screen {
        let renderer = iced_test::futures::futures::executor::block_on(<iced_test::renderer::Renderer as Headless>::new(Font::with_name("Fira Sans"), Pixels(16.0), Some("tiny-skia")))
            .expect("a tiny-skia renderer");
        Screen { renderer, pixels: vec![0; (SIZE.width * SIZE.height) as usize * 4], mask: tiny_skia::Mask::new(SIZE.width as u32, SIZE.height as u32).unwrap(), last: None }
    }

    /// Lays out and draws `app`; repaints only the damage since the last frame
    /// (all of it the first time), as the compositor's `present` does.
    fn frame(&mut self, app: &App, cache: Cache) -> Cache {
        let theme = app.theme();
        let mut ui = UserInterface::build(app.view(), SIZE, cache, &mut self.renderer);
        ui.draw(&mut self.renderer, &theme, &Style { text_color: Color::BLACK }, mouse::Cursor::Unavailable);
        let cache = ui.into_cache();
        let viewport = Viewport::with_physical_size(Size::new(SIZE.width as u32, SIZE.height as u32), 1.0);
        let background = iced_test::core::theme::Base::base(&theme).background_color;
        let ts = software(&mut self.renderer);
        let layers = ts.layers().to_vec();
        let whole = Rectangle::with_size(SIZE);
        let dmg = match &self.last {
            Some(last) => damage::group(damage::diff(last, &layers, |l| vec![l.bounds], Layer::damage), whole),
            None => vec![whole],
        };
        let mut pixmap = tiny_skia::PixmapMut::from_bytes(&mut self.pixels, SIZE.width as u32, SIZE.height as u32).unwrap();
        ts.draw(&mut pixmap, &mut self.mask, &viewport, &dmg, background);
        self.last = Some(layers);
        cache
    }
}

/// How many pixels differ between two frames (any channel by more than 8).
fn differing(a: &[u8], b: &[u8]) -> usize {
    a.chunks(4).zip(b.chunks(4)).filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > 8)).count()
}

/// The screen redrawn frame by frame shows what a full draw of `app` shows.
fn assert_same_as_a_full_draw(screen: &Screen, app: &App) {
    let mut fresh = Screen::new();
    fresh.frame(app, Cache::default());
    let bad = differing(&screen.pixels, &fresh.pixels);
    assert_eq!(bad, 0, "{bad} pixels differ between the redrawn screen and a full draw");
}

#[test]
fn typing_in_the_first_run_search_redraws_the_same_pixels_as_a_full_draw() {
    let mut app = crate::ui::app(None);
    let mut screen = Screen::new();
    let mut cache = screen.frame(&app, Cache::default());
    // Typing into the unit search box, one letter a frame, as a clerk does.
    let mut typed = String::new();
    for c in "an nhon".chars() {
        typed.push(c);
        let _ = app.update(Message::FirstRun(first_run::Message::Query(typed.clone())));
        cache = screen.frame(&app, cache);
    }
    drop(cache);
    assert_same_as_a_full_draw(&screen, &app);
}

#[test]
fn entering_a_kpi_figure_redraws_the_same_pixels_as_a_full_draw() {
    let mut app = crate::ui::app(Some("X-ANT"));
    let _ = app.update(Message::Nav(tiendo::ui::Screen::Kpis));
    let target = app.kpis.rows.first().expect("a KPI row").target.code.clone();
    let mut screen = Screen::new();
    let mut cache = screen.frame(&app, Cache::default());
    for typed in ["4", "45"] {
        let _ = app.update(Message::Kpis(tiendo::ui::kpis::Message::Num(target.clone(), typed.into())));
        cache = screen.frame(&app, cache);
    }
    for typed in ["5", "50"] {
        let _ = app.update(Message::Kpis(tiendo::ui::kpis::Message::Den(target.clone(), typed.into())));
        cache = screen.frame(&app, cache);
    }
    drop(cache);
    assert_same_as_a_full_draw(&screen, &app);
}
