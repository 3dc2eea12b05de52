//! Laid-out pages to PDF bytes with printpdf: text in the embedded fonts
//! (subset on saving), lines and rectangles as vector paths.

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rect, TextItem, TextMatrix,
};

use super::fonts::Fonts;
use super::layout::{Geometry, Item, Page, Style};

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale::new(level, None))
}

fn point(g: &Geometry, x: f32, y: f32) -> LinePoint {
    LinePoint { p: Point { x: Pt(x), y: Pt(g.height - y) }, bezier: false }
}

fn page_ops(g: &Geometry, page: &Page, ids: &[(Style, FontId)]) -> Vec<Op> {
    let mut ops = vec![Op::SetOutlineColor { col: grey(0.0) }, Op::SetFillColor { col: grey(0.0) }];
    // Shapes first (header shading must lie under its text), then the text.
    for item in &page.items {
        match item {
            Item::Line { x1, y1, x2, y2, width } => {
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                ops.push(Op::DrawLine { line: Line { points: vec![point(g, *x1, *y1), point(g, *x2, *y2)], is_closed: false } });
            }
            Item::Rect { x, y, w, h, stroke, fill } => {
                let rect = |mode| Rect {
                    x: Pt(*x),
                    y: Pt(g.height - y - h),
                    width: Pt(*w),
                    height: Pt(*h),
                    mode: Some(mode),
                    winding_order: None,
                };
                if let Some(level) = fill {
                    ops.push(Op::SetFillColor { col: grey(*level) });
                    ops.push(Op::DrawRectangle { rectangle: rect(PaintMode::Fill) });
                    ops.push(Op::SetFillColor { col: grey(0.0) });
                }
                if let Some(width) = stroke {
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::DrawRectangle { rectangle: rect(PaintMode::Stroke) });
                }
            }
            Item::Text { .. } => {}
        }
    }
    ops.push(Op::StartTextSection);
    let mut current: Option<(Style, f32)> = None;
    for item in &page.items {
        if let Item::Text { x, baseline, style, size, text } = item {
            if current != Some((*style, *size)) {
                let id = ids.iter().find(|(s, _)| s == style).map(|(_, id)| id.clone()).expect("every style has a font");
                ops.push(Op::SetFont { font: PdfFontHandle::External(id), size: Pt(*size) });
                current = Some((*style, *size));
            }
            ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(*x), Pt(g.height - baseline)) });
            ops.push(Op::ShowText { items: vec![TextItem::Text(text.clone())] });
        }
    }
    ops.push(Op::EndTextSection);
    ops
}

/// The PDF of `pages`, titled `title`, fonts embedded as subsets.
pub fn pdf(title: &str, g: &Geometry, pages: &[Page]) -> Vec<u8> {
    let fonts = Fonts::get();
    let mut doc = PdfDocument::new(title);
    let used = |style: Style| {
        pages.iter().flat_map(|p| &p.items).any(|i| matches!(i, Item::Text { style: s, .. } if *s == style))
    };
    let ids: Vec<(Style, FontId)> = [Style::Regular, Style::Bold, Style::Italic]
        .into_iter()
        .filter(|s| used(*s))
        .map(|s| (s, doc.add_font(fonts.face(s))))
        .collect();
    let pdf_pages: Vec<PdfPage> = pages
        .iter()
        .map(|p| PdfPage::new(printpdf::Mm::from(Pt(g.width)), printpdf::Mm::from(Pt(g.height)), page_ops(g, p, &ids)))
        .collect();
    let opts = PdfSaveOptions { subset_fonts: true, ..PdfSaveOptions::default() };
    doc.with_pages(pdf_pages).save(&opts, &mut vec![])
}
