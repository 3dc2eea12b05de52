//! Page layout for printed documents, independent of the PDF library: text
//! wrapped by glyph advances, blocks of lines, and tables whose rows never
//! split between lines across pages (a row taller than a page is split
//! between two of its lines) and whose header repeats on every page.
//!
//! Coordinates are points (1/72 inch), measured from the top-left corner of
//! the page; [`super::render`] turns the laid-out pages into PDF operations.

/// A face of the document's font family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Regular,
    Bold,
    Italic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// How a piece of text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    pub style: Style,
    pub size: f32,
    pub align: Align,
}

impl Font {
    pub const fn new(style: Style, size: f32, align: Align) -> Font {
        Font { style, size, align }
    }
}

/// Line height as a multiple of the font size.
pub const LEADING: f32 = 1.2;

/// What the layout needs to know about the fonts.
pub trait Measure {
    /// The advance width of `text` set in `style` at `size` points.
    fn width(&self, style: Style, size: f32, text: &str) -> f32;
    /// Ascent and descent (positive, below the baseline) as fractions of the size.
    fn vmetrics(&self) -> (f32, f32);
    /// `text` ready to print: NFC, and every character the font lacks replaced.
    fn printable(&self, style: Style, text: &str) -> String;
}

/// Wraps `text` to lines no wider than `max_width`, breaking at white space;
/// a word wider than a line is broken between characters. Line breaks in
/// `text` are kept; an empty text gives no line.
pub fn wrap(m: &dyn Measure, style: Style, size: f32, text: &str, max_width: f32) -> Vec<String> {
    let space = m.width(style, size, " ");
    let mut out = vec![];
    for para in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0.0;
        for word in para.split_whitespace() {
            let w = m.width(style, size, word);
            if line.is_empty() && w <= max_width {
                line.push_str(word);
                line_w = w;
            } else if !line.is_empty() && line_w + space + w <= max_width {
                line.push(' ');
                line.push_str(word);
                line_w += space + w;
            } else {
                if !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                }
                if w <= max_width {
                    line.push_str(word);
                    line_w = w;
                } else {
                    // A word wider than the line: as many characters as fit, per line.
                    let mut pieces = break_word(m, style, size, word, max_width);
                    let last = pieces.pop().unwrap_or_default();
                    out.extend(pieces);
                    line_w = m.width(style, size, &last);
                    line = last;
                }
            }
        }
        if !line.is_empty() || (para.trim().is_empty() && text.contains('\n')) {
            out.push(line);
        }
    }
    out
}

fn break_word(m: &dyn Measure, style: Style, size: f32, word: &str, max_width: f32) -> Vec<String> {
    let mut out = vec![];
    let mut piece = String::new();
    for c in word.chars() {
        piece.push(c);
        if m.width(style, size, &piece) > max_width && piece.chars().count() > 1 {
            piece.pop();
            out.push(std::mem::take(&mut piece));
            piece.push(c);
        }
    }
    out.push(piece);
    out
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// One line of text; `x` is its left end, `baseline` from the page top.
    Text { x: f32, baseline: f32, style: Style, size: f32, text: String },
    /// A straight line.
    Line { x1: f32, y1: f32, x2: f32, y2: f32, width: f32 },
    /// A rectangle (`y` is its top), stroked, or filled with a grey level.
    Rect { x: f32, y: f32, w: f32, h: f32, stroke: Option<f32>, fill: Option<f32> },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
}

/// Page size and margins, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

/// Millimetres to points.
pub fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

impl Geometry {
    /// A4 portrait with the margins of an administrative document (Decree
    /// 30/2020): top 20 mm, bottom 20 mm, left 30 mm, right 15 mm.
    pub fn a4_administrative() -> Geometry {
        Geometry { width: mm(210.0), height: mm(297.0), top: mm(20.0), bottom: mm(20.0), left: mm(30.0), right: mm(15.0) }
    }
    pub fn content_width(&self) -> f32 {
        self.width - self.left - self.right
    }
    /// The lowest y content may reach.
    pub fn content_bottom(&self) -> f32 {
        self.height - self.bottom
    }
}

/// A paragraph: text set in one font, wrapped to the width it is given.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub text: String,
    pub font: Font,
}

impl Para {
    pub fn new(text: impl Into<String>, font: Font) -> Para {
        Para { text: text.into(), font }
    }
}

/// A part of a block of lines.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockPart {
    Para(Para),
    /// A rule under the previous line, as long as `fraction` of that line,
    /// aligned as that line is.
    Rule { fraction: f32 },
    /// Vertical space in points.
    Gap(f32),
}

/// A column of a table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub width: f32,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(Vec<Para>),
    /// A square to tick by hand.
    TickBox,
}

impl Cell {
    pub fn text(text: impl Into<String>, font: Font) -> Cell {
        Cell::Text(vec![Para::new(text, font)])
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
}

/// Padding inside table cells, points.
const PAD_X: f32 = 3.0;
const PAD_Y: f32 = 2.5;
/// Side of a tick box, points.
const TICK: f32 = 9.0;
/// Grey level of the table header's background.
const HEADER_FILL: f32 = 0.9;
const RULE_WIDTH: f32 = 0.5;

/// One laid-out line of text.
#[derive(Debug, Clone, PartialEq)]
struct SetLine {
    text: String,
    font: Font,
    width: f32,
}

impl SetLine {
    fn height(&self) -> f32 {
        self.font.size * LEADING
    }
}

/// A cell's content once wrapped to its column.
#[derive(Debug, Clone, PartialEq)]
enum SetCell {
    Lines(Vec<SetLine>),
    TickBox,
}

impl SetCell {
    fn height(&self) -> f32 {
        match self {
            SetCell::Lines(lines) => lines.iter().map(SetLine::height).sum(),
            SetCell::TickBox => TICK + 2.0,
        }
    }
}

/// Lays out pages top to bottom.
pub struct Layout<'m> {
    m: &'m dyn Measure,
    pub geometry: Geometry,
    pages: Vec<Page>,
    /// The next free y on the current page.
    y: f32,
}

impl<'m> Layout<'m> {
    pub fn new(m: &'m dyn Measure, geometry: Geometry) -> Layout<'m> {
        Layout { m, geometry, pages: vec![Page::default()], y: geometry.top }
    }

    pub fn y(&self) -> f32 {
        self.y
    }

    /// Space left on the current page.
    pub fn room(&self) -> f32 {
        self.geometry.content_bottom() - self.y
    }

    fn at_page_top(&self) -> bool {
        self.y <= self.geometry.top
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.geometry.top;
    }

    /// Starts a new page unless `h` points fit on this one (or it is empty).
    pub fn keep(&mut self, h: f32) {
        if h > self.room() && !self.at_page_top() {
            self.new_page();
        }
    }

    /// Vertical space; none at the top of a page.
    pub fn gap(&mut self, h: f32) {
        if h >= self.room() {
            self.new_page();
        } else if !self.at_page_top() {
            self.y += h;
        }
    }

    fn push(&mut self, item: Item) {
        self.pages.last_mut().expect("a layout has a page").items.push(item);
    }

    fn set_lines(&self, para: &Para, width: f32) -> Vec<SetLine> {
        let text = self.m.printable(para.font.style, &para.text);
        wrap(self.m, para.font.style, para.font.size, &text, width)
            .into_iter()
            .map(|t| SetLine { width: self.m.width(para.font.style, para.font.size, &t), text: t, font: para.font })
            .collect()
    }

    /// The baseline of a line whose box starts at `top`.
    fn baseline(&self, top: f32, size: f32) -> f32 {
        let (asc, desc) = self.m.vmetrics();
        top + (size * LEADING - (asc + desc) * size) / 2.0 + asc * size
    }

    fn draw_line(&mut self, line: &SetLine, x: f32, width: f32, top: f32) {
        let dx = match line.font.align {
            Align::Left => 0.0,
            Align::Center => (width - line.width) / 2.0,
            Align::Right => width - line.width,
        };
        let baseline = self.baseline(top, line.font.size);
        self.push(Item::Text { x: x + dx, baseline, style: line.font.style, size: line.font.size, text: line.text.clone() });
    }

    /// A paragraph across `[x, x + width]`, breaking pages between lines.
    pub fn paragraph(&mut self, para: &Para, x: f32, width: f32) {
        for line in self.set_lines(para, width) {
            self.keep(line.height());
            let top = self.y;
            self.draw_line(&line, x, width, top);
            self.y += line.height();
        }
    }

    /// A paragraph across the whole content width.
    pub fn para(&mut self, text: impl Into<String>, font: Font) {
        let (x, w) = (self.geometry.left, self.geometry.content_width());
        self.paragraph(&Para::new(text, font), x, w);
    }

    /// Blocks side by side, each `(x offset from the left margin, width, parts)`,
    /// starting on one line and kept on one page; the layout continues below
    /// the tallest.
    pub fn blocks(&mut self, blocks: &[(f32, f32, Vec<BlockPart>)]) {
        let set: Vec<(f32, f32, Vec<(BlockPart, Vec<SetLine>)>)> = blocks
            .iter()
            .map(|(dx, w, parts)| {
                let parts = parts
                    .iter()
                    .map(|p| match p {
                        BlockPart::Para(para) => (p.clone(), self.set_lines(para, *w)),
                        _ => (p.clone(), vec![]),
                    })
                    .collect();
                (self.geometry.left + dx, *w, parts)
            })
            .collect();
        let height_of = |parts: &[(BlockPart, Vec<SetLine>)]| -> f32 {
            parts
                .iter()
                .map(|(p, lines)| match p {
                    BlockPart::Para(_) => lines.iter().map(SetLine::height).sum(),
                    BlockPart::Rule { .. } => 2.0,
                    BlockPart::Gap(h) => *h,
                })
                .sum()
        };
        let tallest = set.iter().map(|(_, _, parts)| height_of(parts)).fold(0.0, f32::max);
        self.keep(tallest);
        let start = self.y;
        for (x, w, parts) in &set {
            let mut y = start;
            let mut last: Option<&SetLine> = None;
            for (part, lines) in parts {
                match part {
                    BlockPart::Para(_) => {
                        for line in lines {
                            self.draw_line(line, *x, *w, y);
                            y += line.height();
                            last = Some(line);
                        }
                    }
                    BlockPart::Rule { fraction } => {
                        if let Some(l) = last {
                            let len = l.width * fraction;
                            let x1 = match l.font.align {
                                Align::Left => *x,
                                Align::Center => x + (w - len) / 2.0,
                                Align::Right => x + w - len,
                            };
                            self.push(Item::Line { x1, y1: y + 0.5, x2: x1 + len, y2: y + 0.5, width: RULE_WIDTH });
                        }
                        y += 2.0;
                    }
                    BlockPart::Gap(h) => y += h,
                }
            }
        }
        self.y = start + tallest;
    }

    fn set_row(&self, columns: &[Column], cells: &[Cell]) -> Vec<SetCell> {
        columns
            .iter()
            .zip(cells)
            .map(|(col, cell)| match cell {
                Cell::TickBox => SetCell::TickBox,
                Cell::Text(paras) => {
                    SetCell::Lines(paras.iter().flat_map(|p| self.set_lines(p, col.width - 2.0 * PAD_X)).collect())
                }
            })
            .collect()
    }

    fn row_height(row: &[SetCell]) -> f32 {
        row.iter().map(SetCell::height).fold(0.0, f32::max) + 2.0 * PAD_Y
    }

    /// Draws one row (or part of one) at the current y and moves below it.
    fn draw_row(&mut self, columns: &[Column], row: &[SetCell], fill: Option<f32>) {
        let h = Self::row_height(row);
        let top = self.y;
        let left = self.geometry.left;
        let total: f32 = columns.iter().map(|c| c.width).sum();
        if fill.is_some() {
            self.push(Item::Rect { x: left, y: top, w: total, h, stroke: None, fill });
        }
        let mut x = left;
        for (col, cell) in columns.iter().zip(row) {
            match cell {
                SetCell::Lines(lines) => {
                    let mut y = top + PAD_Y;
                    for line in lines {
                        self.draw_line(line, x + PAD_X, col.width - 2.0 * PAD_X, y);
                        y += line.height();
                    }
                }
                SetCell::TickBox => self.push(Item::Rect {
                    x: x + (col.width - TICK) / 2.0,
                    y: top + PAD_Y + 1.0,
                    w: TICK,
                    h: TICK,
                    stroke: Some(0.8),
                    fill: None,
                }),
            }
            x += col.width;
        }
        // Borders: top and bottom, then every column edge.
        for y in [top, top + h] {
            self.push(Item::Line { x1: left, y1: y, x2: left + total, y2: y, width: RULE_WIDTH });
        }
        let mut x = left;
        for col in std::iter::once(&Column { width: 0.0 }).chain(columns) {
            x += col.width;
            self.push(Item::Line { x1: x, y1: top, x2: x, y2: top + h, width: RULE_WIDTH });
        }
        self.y = top + h;
    }

    /// Splits a row so that its first part is at most `room` high, between
    /// lines; `None` if not even one line of every non-empty cell fits.
    fn split_row(row: &[SetCell], room: f32) -> Option<(Vec<SetCell>, Vec<SetCell>)> {
        let avail = room - 2.0 * PAD_Y;
        let mut first = vec![];
        let mut rest = vec![];
        let mut any = false;
        for cell in row {
            match cell {
                SetCell::TickBox => {
                    if TICK + 2.0 > avail {
                        return None;
                    }
                    first.push(SetCell::TickBox);
                    rest.push(SetCell::Lines(vec![]));
                }
                SetCell::Lines(lines) => {
                    let mut h = 0.0;
                    let mut n = 0;
                    while n < lines.len() && h + lines[n].height() <= avail {
                        h += lines[n].height();
                        n += 1;
                    }
                    if n == 0 && !lines.is_empty() {
                        return None;
                    }
                    any |= n > 0;
                    first.push(SetCell::Lines(lines[..n].to_vec()));
                    rest.push(SetCell::Lines(lines[n..].to_vec()));
                }
            }
        }
        any.then_some((first, rest))
    }

    /// A table with its header repeated at the top of every page it covers.
    pub fn table(&mut self, table: &Table) {
        let header = self.set_row(&table.columns, &table.header);
        let header_h = Self::row_height(&header);
        let page_body = self.geometry.content_bottom() - self.geometry.top - header_h;
        let set: Vec<Vec<SetCell>> = table.rows.iter().map(|r| self.set_row(&table.columns, r)).collect();
        let mut rows = set.into_iter();
        let mut pending = rows.next();
        // The header and at least a first line of the first row stay together.
        self.keep(header_h + pending.as_ref().map_or(0.0, |r| Self::row_height(r).min(page_body / 4.0)));
        self.draw_row(&table.columns, &header, Some(HEADER_FILL));
        while let Some(row) = pending.take() {
            let h = Self::row_height(&row);
            if h <= self.room() {
                self.draw_row(&table.columns, &row, None);
                pending = rows.next();
                continue;
            }
            // Too tall for what is left of the page: a row that fits on a
            // fresh page goes there whole; a taller one is split between lines.
            let split = if h > page_body { Self::split_row(&row, self.room()) } else { None };
            match split {
                Some((first, rest)) => {
                    self.draw_row(&table.columns, &first, None);
                    pending = Some(rest);
                }
                None => pending = Some(row),
            }
            self.new_page();
            self.draw_row(&table.columns, &header, Some(HEADER_FILL));
        }
    }

    /// The laid-out pages, with `footer(page, pages)` centred in the bottom
    /// margin of each.
    pub fn finish(mut self, footer: impl Fn(usize, usize) -> String, font: Font) -> Vec<Page> {
        let n = self.pages.len();
        let g = self.geometry;
        for i in 0..n {
            let text = self.m.printable(font.style, &footer(i + 1, n));
            let w = self.m.width(font.style, font.size, &text);
            let x = match font.align {
                Align::Left => g.left,
                Align::Center => g.left + (g.content_width() - w) / 2.0,
                Align::Right => g.width - g.right - w,
            };
            let top = g.height - g.bottom / 2.0 - font.size * LEADING / 2.0;
            let baseline = self.baseline(top, font.size);
            self.pages[i].items.push(Item::Text { x, baseline, style: font.style, size: font.size, text });
        }
        self.pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character 0.5 em wide, 0.8 + 0.2 em high: easy to reason about.
    struct Mono;
    impl Measure for Mono {
        fn width(&self, _: Style, size: f32, text: &str) -> f32 {
            text.chars().count() as f32 * size * 0.5
        }
        fn vmetrics(&self) -> (f32, f32) {
            (0.8, 0.2)
        }
        fn printable(&self, _: Style, text: &str) -> String {
            text.to_owned()
        }
    }

    fn words(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    #[test]
    fn wraps_within_width_and_keeps_every_word() {
        let text = "Tổ chức triển khai thực hiện có hiệu quả Kế hoạch cải cách hành chính năm 2023 của huyện";
        let lines = wrap(&Mono, Style::Regular, 10.0, text, 100.0); // 20 characters a line
        assert!(lines.len() > 3, "{lines:?}");
        for l in &lines {
            assert!(Mono.width(Style::Regular, 10.0, l) <= 100.0, "{l:?} too wide");
            assert_eq!(l.trim(), l);
        }
        assert_eq!(words(&lines.join(" ")), words(text));
        // Greedy: no line could have taken the next word.
        for pair in lines.windows(2) {
            let next = pair[1].split(' ').next().unwrap();
            assert!(Mono.width(Style::Regular, 10.0, &format!("{} {next}", pair[0])) > 100.0);
        }
    }

    #[test]
    fn breaks_overlong_words_and_keeps_line_breaks() {
        let sha = "0123456789abcdef0123456789abcdef";
        let lines = wrap(&Mono, Style::Regular, 10.0, &format!("SHA {sha}\nhai"), 50.0); // 10 chars
        assert_eq!(lines, vec!["SHA", "0123456789", "abcdef0123", "456789abcd", "ef", "hai"]);
        assert!(wrap(&Mono, Style::Regular, 10.0, "   ", 50.0).is_empty());
    }

    fn texts(pages: &[Page]) -> Vec<Vec<String>> {
        pages
            .iter()
            .map(|p| {
                p.items
                    .iter()
                    .filter_map(|i| match i {
                        Item::Text { text, .. } => Some(text.clone()),
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    }

    fn small_geometry() -> Geometry {
        // 200 pt of content height.
        Geometry { width: 300.0, height: 260.0, top: 30.0, bottom: 30.0, left: 20.0, right: 20.0 }
    }

    #[test]
    fn table_rows_move_whole_to_the_next_page_and_the_header_repeats() {
        let f = Font::new(Style::Regular, 10.0, Align::Left);
        let table = Table {
            columns: vec![Column { width: 40.0 }, Column { width: 220.0 }],
            header: vec![Cell::text("Mã", f), Cell::text("Nhiệm vụ", f)],
            // Each row: 3 lines of 12 pt + 5 pt padding = 41 pt.
            rows: (1..=10).map(|i| vec![Cell::text(format!("R{i}"), f), Cell::text("a\nb\nc", f)]).collect(),
        };
        let mut l = Layout::new(&Mono, small_geometry());
        l.table(&table);
        let pages = l.finish(|i, n| format!("Trang {i}/{n}"), f);
        assert!(pages.len() >= 3);
        let t = texts(&pages);
        for (i, page) in t.iter().enumerate() {
            assert_eq!(page[0], "Mã", "header first on page {}", i + 1);
            assert_eq!(page.last().unwrap(), &format!("Trang {}/{}", i + 1, pages.len()));
            // Rows are whole: each R is followed by its three lines on the same page.
            for (j, s) in page.iter().enumerate() {
                if s.starts_with('R') {
                    assert_eq!(&page[j + 1..j + 4], ["a", "b", "c"]);
                }
            }
        }
        let all: Vec<&String> = t.iter().flatten().filter(|s| s.starts_with('R')).collect();
        assert_eq!(all.len(), 10, "no row lost or repeated");
        // Nothing below the bottom margin but the footer.
        for p in &pages {
            for item in &p.items[..p.items.len() - 1] {
                if let Item::Line { y2, .. } = item {
                    assert!(*y2 <= 230.0 + 0.01, "{y2}");
                }
            }
        }
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_between_lines() {
        let f = Font::new(Style::Regular, 10.0, Align::Left);
        let long: Vec<String> = (1..=40).map(|i| format!("dòng {i}")).collect();
        let table = Table {
            columns: vec![Column { width: 40.0 }, Column { width: 100.0 }, Column { width: 40.0 }],
            header: vec![Cell::text("Mã", f), Cell::text("Nội dung", f), Cell::text("Xong", f)],
            rows: vec![vec![Cell::text("1.1", f), Cell::text(long.join("\n"), f), Cell::TickBox]],
        };
        let mut l = Layout::new(&Mono, small_geometry());
        l.para("Tiêu đề", f);
        l.table(&table);
        let pages = l.finish(|i, n| format!("{i}/{n}"), f);
        assert!(pages.len() >= 3, "40 lines of 12 pt do not fit on 200 pt");
        let t = texts(&pages);
        let lines: Vec<&String> = t.iter().flatten().filter(|s| s.starts_with("dòng")).collect();
        assert_eq!(lines, long.iter().collect::<Vec<_>>(), "every line once, in order");
        for page in &t {
            assert!(page.contains(&"Nội dung".to_owned()), "header on every page");
        }
        let boxes = pages.iter().flat_map(|p| &p.items).filter(|i| matches!(i, Item::Rect { stroke: Some(_), .. })).count();
        assert_eq!(boxes, 1, "one tick box for the row");
    }

    #[test]
    fn blocks_sit_side_by_side_with_rules_under_their_last_line() {
        let b = Font::new(Style::Bold, 10.0, Align::Center);
        let mut l = Layout::new(&Mono, small_geometry());
        l.blocks(&[
            (0.0, 100.0, vec![BlockPart::Para(Para::new("UBND", b)), BlockPart::Rule { fraction: 0.5 }]),
            (120.0, 140.0, vec![BlockPart::Para(Para::new("CỘNG HÒA", b)), BlockPart::Para(Para::new("Độc lập", b)), BlockPart::Rule { fraction: 1.0 }]),
        ]);
        assert!((l.y() - (30.0 + 24.0 + 2.0)).abs() < 0.01, "below the taller block: {}", l.y());
        let pages = l.finish(|_, _| String::new(), b);
        let rules: Vec<(f32, f32)> = pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Line { x1, x2, .. } => Some((*x1, *x2)),
                _ => None,
            })
            .collect();
        // "UBND" is 20 pt wide, centred in [20, 120]: a 10 pt rule centred at 70.
        assert_eq!(rules[0], (65.0, 75.0));
        // "Độc lập" is 35 pt wide, centred in [140, 280].
        assert_eq!(rules[1], (192.5, 227.5));
    }
}
