//! The consolidation screen's views: the import lines, the filters, the
//! frozen-header grids, the KPI sums, the key list and the dialogs.

use super::*;
use iced::widget::{column, mouse_area, row};

impl State {
    pub fn view<'a>(&'a self, plan: &'a Plan, lang: Lang, busy: bool) -> Element<'a, Message> {
        let actions = row![
            button(text(t(lang, "ui-dist-import")).size(style::BODY)).padding([6, 14]).on_press_maybe((!busy).then_some(Message::Import)),
            button(text(t(lang, "ui-dist-import-key")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(Message::ImportKey),
        ]
        .spacing(style::S8);
        let mut page = column![style::header(t(lang, "ui-nav-district"), actions.into()), style::muted_text(t(lang, "ui-dist-drop-hint"))].spacing(style::S12);
        if !self.lines.is_empty() {
            page = page.push(self.lines_view(plan, lang));
        }
        let tabs = row(Tab::ALL.iter().map(|tab| {
            button(text(t(lang, tab.label_id())).size(style::SMALL)).padding([5, 12]).style(style::chip(*tab == self.tab)).on_press(Message::Tab(*tab)).into()
        }))
        .spacing(6);
        page = page.push(tabs);
        if matches!(self.tab, Tab::Status | Tab::Kpis | Tab::Missing) {
            let mut bar = row![text(t(lang, "ui-dist-period")).size(style::SMALL), self.quarters.chips(lang, Message::Quarter)]
                .push(space::horizontal())
                .spacing(6)
                .align_y(Alignment::Center);
            bar = bar.push(button(text(t(lang, "ui-dist-consolidated")).size(style::SMALL)).padding([5, 12]).style(button::secondary).on_press(Message::ConsolidatedPdf));
            bar = bar.push(button(text(t(lang, "ui-receipts-send")).size(style::SMALL)).padding([5, 12]).style(button::secondary).on_press(Message::SendReceipts));
            bar = bar.push(button(text(t(lang, "ui-feedback-send")).size(style::SMALL)).padding([5, 12]).style(button::secondary).on_press(Message::SendFeedback));
            if self.tab == Tab::Status {
                bar = bar.push(button(text(t(lang, "ui-dist-export-csv")).size(style::SMALL)).padding([5, 12]).style(button::secondary).on_press(Message::ExportMatrix(MatrixFormat::Csv)));
            }
            if matches!(self.tab, Tab::Status | Tab::Kpis) {
                // The workbook holds the status matrix, the bundles received and the KPIs.
                let xlsx = button(text(t(lang, "ui-dist-export-xlsx")).size(style::SMALL)).padding([5, 12]).style(button::secondary);
                bar = bar.push(xlsx.on_press(Message::ExportMatrix(MatrixFormat::Xlsx)));
            }
            page = page.push(bar);
        }
        if matches!(self.tab, Tab::Completeness | Tab::Status) && !self.data.units.is_empty() {
            page = page.push(self.filter_bar(lang));
        }
        let body = match self.tab {
            Tab::Completeness => self.completeness_view(lang),
            Tab::Status => self.status_view(lang),
            Tab::Kpis => self.kpis_view(lang),
            Tab::Missing => self.missing_view(plan, lang),
            Tab::Keys => self.keys_view(plan, lang),
        };
        page.push(container(body).padding(style::S12).width(Length::Fill).height(Length::Fill).style(style::card)).into()
    }

    fn lines_view<'a>(&'a self, plan: &'a Plan, lang: Lang) -> Element<'a, Message> {
        let unit_name = |c: &str| plan.unit(c).map(|u| u.name.clone()).unwrap_or_else(|| c.to_owned());
        let mut list = column![].spacing(4);
        for l in &self.lines {
            let file = l.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let period = |p: &str| Period::parse(p).map(|p| period_label(lang, p)).unwrap_or_else(|_| p.to_owned());
            let (color, msg, accept): (Color, String, Option<Pending>) = match &l.result {
                Ok(m) => {
                    let args = [
                        ("unit", unit_name(&m.unit).into()),
                        ("period", period(&m.period).into()),
                        ("sequence", m.sequence.to_string().into()),
                        ("fingerprint", m.fingerprint.clone().into()),
                    ];
                    match m.outcome {
                        MergeOutcome::Merged => (style::DONE, ta(lang, "ui-dist-line-merged", &args), None),
                        MergeOutcome::AlreadyMerged => (style::NEUTRAL, ta(lang, "ui-dist-line-already", &args), None),
                        MergeOutcome::Replay => (style::DUE_SOON, ta(lang, "ui-dist-line-replay", &args), None),
                        MergeOutcome::Quarantined => {
                            let pending = Some(Pending { key_id: m.key_id.clone(), unit: m.unit.clone(), file: Some(l.file.clone()), ..Pending::default() });
                            match &m.other_trusted {
                                // The unit has another trusted key: said in red, not as a routine quarantine.
                                Some(trusted) => {
                                    let args = [args[0].clone(), args[3].clone(), ("trusted", trusted.clone().into())];
                                    (style::OVERDUE, ta(lang, "ui-dist-line-other-key", &args), pending)
                                }
                                None => (style::DUE_SOON, ta(lang, "ui-dist-line-quarantined", &args), pending),
                            }
                        }
                    }
                }
                Err(reason) => (style::OVERDUE, ta(lang, "ui-dist-line-rejected", &[("reason", reason.clone().into())]), None),
            };
            let mut r = row![
                style::dot(color, 10.0),
                text(file).size(style::BODY).font(style::BOLD).width(Length::Fixed(280.0)),
                text(msg).size(style::BODY).color(color).width(Length::Fill),
            ]
            .spacing(style::S8)
            .align_y(Alignment::Center);
            if let Some(p) = accept {
                r = r.push(button(text(t(lang, "ui-dist-accept-key")).size(style::SMALL)).padding([4, 10]).style(button::secondary).on_press(Message::AskAccept(p)));
            }
            list = list.push(r);
        }
        let n = self.lines.len() as f32;
        column![
            row![
                text(t(lang, "ui-dist-results")).size(style::TITLE).font(style::BOLD),
                space::horizontal(),
                button(text(t(lang, "ui-dist-clear")).size(style::SMALL)).padding([2, 8]).style(style::link).on_press(Message::ClearLines),
            ]
            .align_y(Alignment::Center),
            scrollable(list.padding(SCROLLBAR_GAP)).height(Length::Fixed((n * 30.0).min(150.0))),
        ]
        .spacing(6)
        .into()
    }

    /// Search, class chips (with their counts) and the parent picker.
    fn filter_bar(&self, lang: Lang) -> Element<'_, Message> {
        let search = text_input(&t(lang, "ui-dist-search"), &self.filter.search)
            .id(SEARCH_ID)
            .on_input(Message::Search)
            .padding(6)
            .size(style::SMALL)
            .width(Length::Fixed(240.0));
        let count = |c: Option<UnitClass>| self.data.units.iter().filter(|u| c.is_none_or(|c| u.class == c)).count();
        let chip = |label: String, on: bool, m: Message| button(text(label).size(style::SMALL)).padding([4, 10]).style(style::chip(on)).on_press(m);
        let mut bar = row![search, chip(ta(lang, "ui-dist-class-all", &[("count", count(None).into())]), self.filter.class.is_none(), Message::Class(None))]
            .spacing(6)
            .align_y(Alignment::Center);
        for c in UnitClass::ALL {
            let n = count(Some(c));
            if n > 0 {
                bar = bar.push(chip(format!("{} ({n})", t(lang, c.label_id())), self.filter.class == Some(c), Message::Class(Some(c))));
            }
        }
        // Parents: only when the units sit under more than one.
        let mut parents: Vec<&str> = vec![];
        for u in &self.data.units {
            if let Some(p) = u.parent.as_deref()
                && !parents.contains(&p)
            {
                parents.push(p);
            }
        }
        if parents.len() > 1 {
            let name = |c: &str| self.data.unit(c).map(|u| u.name.clone()).unwrap_or_else(|| c.to_owned());
            let choices: Vec<Choice<String>> = std::iter::once(Choice::new(None, t(lang, "ui-dist-parent-all")))
                .chain(parents.iter().map(|p| Choice::new(Some((*p).to_owned()), name(p))))
                .collect();
            let sel = choices.iter().find(|c| c.value == self.filter.parent).cloned();
            bar = bar.push(pick_list(choices, sel, Message::Parent).text_size(style::SMALL).width(Length::Fixed(220.0)));
        }
        bar = bar.push(space::horizontal());
        if !self.filter.is_empty() {
            bar = bar.push(button(text(t(lang, "ui-dist-filter-clear")).size(style::SMALL)).padding([2, 8]).style(style::link).on_press(Message::ClearFilter));
        }
        bar.into()
    }

    /// A matrix of `rows` × `cols` with its header row and unit column
    /// frozen: the body scrolls both ways under them, and only the cells in
    /// view (and a few around) are built.
    #[allow(clippy::too_many_arguments)]
    fn grid<'a>(
        &'a self,
        rows: usize,
        cols: usize,
        col_w: f32,
        corner: Element<'a, Message>,
        head: impl Fn(usize) -> Element<'a, Message>,
        first: impl Fn(usize) -> Element<'a, Message>,
        cell: impl Fn(usize, usize) -> Element<'a, Message>,
    ) -> Element<'a, Message> {
        let (rr, cr) = self.visible(rows, cols, col_w);
        let (x, y) = (self.scroll.x, self.scroll.y);
        let gap = |w: f32, h: f32| space().width(Length::Fixed(w)).height(Length::Fixed(h));
        let mut body = column![gap(1.0, rr.start as f32 * ROW_H)];
        for r in rr.clone() {
            let mut line = row![gap(cr.start as f32 * col_w, ROW_H)];
            for c in cr.clone() {
                line = line.push(container(cell(r, c)).width(Length::Fixed(col_w)).height(Length::Fixed(ROW_H)).padding([0, 4]).align_y(Alignment::Center));
            }
            body = body.push(line);
        }
        body = body.push(gap(1.0, (rows - rr.end) as f32 * ROW_H));
        let both = scrollable::Direction::Both { vertical: scrollable::Scrollbar::default(), horizontal: scrollable::Scrollbar::default() };
        let body = scrollable(body.width(Length::Fixed(cols as f32 * col_w)))
            .direction(both)
            .id(GRID_ID)
            .width(Length::Fill)
            .height(Length::Fill)
            .on_scroll(|v| {
                let (o, b) = (v.absolute_offset(), v.bounds());
                Message::Scrolled(Scroll { x: o.x, y: o.y, width: b.width, height: b.height })
            });
        // The header row: the columns in view, moved as far left as the body is scrolled.
        let mut heads = row![];
        for c in cr.clone() {
            heads = heads.push(container(head(c)).width(Length::Fixed(col_w)).height(Length::Fixed(HEAD_H)).padding([0, 4]).align_y(Alignment::End).clip(true));
        }
        let header = container(pin(heads).x(cr.start as f32 * col_w - x)).width(Length::Fill).height(Length::Fixed(HEAD_H)).clip(true);
        // The wheel over the frozen parts scrolls the body too.
        let header = mouse_area(header).on_scroll(|d| Message::Wheel(d, true));
        // The unit column: the rows in view, moved as far up as the body is scrolled.
        let mut names = column![];
        for r in rr.clone() {
            // Set from the top, not centred: the row at the foot, cut short by
            // the pin's room, keeps its text level with its cells.
            names = names.push(container(first(r)).width(Length::Fixed(FIRST_W)).height(Length::Fixed(ROW_H)).padding(iced::Padding { top: 7.0, ..iced::Padding::ZERO }).clip(true));
        }
        let unit_column = container(pin(names).y(rr.start as f32 * ROW_H - y)).width(Length::Fixed(FIRST_W)).height(Length::Fill).clip(true);
        let unit_column = mouse_area(unit_column).on_scroll(|d| Message::Wheel(d, false));
        row![
            column![
                container(corner).width(Length::Fixed(FIRST_W)).height(Length::Fixed(HEAD_H)).align_y(Alignment::End),
                iced::widget::rule::horizontal(1),
                unit_column,
                // As high as the body's horizontal scrollbar: the last row ends where the body's does.
                space().height(Length::Fixed(12.0)),
            ]
            .width(Length::Fixed(FIRST_W)),
            column![header, iced::widget::rule::horizontal(1), body].width(Length::Fill),
        ]
        .spacing(style::S8)
        .into()
    }

    /// A unit's name and code, as the first cell of a matrix row.
    fn unit_cell<'a>(name: &'a str, code: &'a str) -> Element<'a, Message> {
        row![
            container(text(name).size(style::BODY).wrapping(text::Wrapping::None)).width(Length::Fill).clip(true),
            style::muted_text(code).size(style::SMALL).wrapping(text::Wrapping::None).width(Length::Fixed(104.0)),
        ]
        .spacing(6)
        .align_y(Alignment::Center)
        .into()
    }

    fn shown_count<'a>(&self, lang: Lang, shown: usize, total: usize) -> Element<'a, Message> {
        style::muted_text(ta(lang, "ui-dist-shown", &[("shown", shown.into()), ("total", total.into())])).into()
    }

    fn completeness_view(&self, lang: Lang) -> Element<'_, Message> {
        if self.data.completeness.is_empty() {
            return style::muted_text(t(lang, "ui-dist-no-units")).into();
        }
        let shown = self.shown_completeness();
        if shown.is_empty() {
            return style::muted_text(t(lang, "ui-dist-filter-none")).into();
        }
        let received = |q: usize| shown.iter().filter(|r| matches!(r.quarters.get(q), Some(Completeness::Received { .. } | Completeness::Late { .. }))).count();
        let n = shown.len();
        let quarters = self.data.completeness.first().map_or(4, |r| r.quarters.len());
        let grid = self.grid(
            n,
            quarters,
            QUARTER_W,
            text(t(lang, "ui-dist-unit")).size(style::SMALL).font(style::BOLD).into(),
            |q| {
                column![
                    text(quarter_label(lang, q as u32 + 1, self.quarters.year)).size(style::SMALL).font(style::BOLD),
                    style::muted_text(ta(lang, "ui-dist-received-count", &[("count", received(q).into()), ("total", n.into())])),
                ]
                .into()
            },
            |r| Self::unit_cell(&shown[r].name, &shown[r].unit),
            |r, q| completeness_pill(lang, &shown[r].quarters[q]),
        );
        column![self.shown_count(lang, n, self.data.completeness.len()), grid].spacing(6).into()
    }

    fn status_view(&self, lang: Lang) -> Element<'_, Message> {
        if self.data.reporting.is_empty() {
            return style::muted_text(ta(lang, "ui-dist-status-none", &[("period", self.quarters.label(lang).into())])).into();
        }
        let units = self.shown_reporting();
        if units.is_empty() {
            return style::muted_text(t(lang, "ui-dist-filter-none")).into();
        }
        let tasks = &self.data.tasks;
        // Units down the side (frozen), tasks across the top (frozen), statuses in between.
        let grid = self.grid(
            units.len(),
            tasks.len(),
            TASK_W,
            text(t(lang, "ui-dist-unit")).size(style::SMALL).font(style::BOLD).into(),
            |c| {
                let (code, desc) = &tasks[c];
                let head = column![
                    text(code.as_str()).size(style::SMALL).font(style::BOLD),
                    text(crate::ui::tasks::short(desc, 40)).size(style::SMALL).wrapping(text::Wrapping::None),
                ];
                tooltip(head, container(text(desc.as_str()).size(style::SMALL)).padding(8).max_width(420).style(style::card), tooltip::Position::Bottom).into()
            },
            |r| Self::unit_cell(&units[r].name, &units[r].code),
            |r, c| {
                let (code, unit) = (&tasks[c].0, &units[r].code);
                match self.data.cells.get(&(code.clone(), unit.clone())) {
                    // A click opens the review dialog of that unit's task; the mark says how the review stands.
                    Some(m) => {
                        let mark = crate::ui::review::cell_mark(lang, self.data.reviewed.get(&(code.clone(), unit.clone())).copied());
                        button(row![status_pill(lang, m)].extend(mark).spacing(4).align_y(Alignment::Center))
                            .padding(0)
                            .style(style::link)
                            .on_press(Message::Review(code.clone(), unit.clone()))
                            .into()
                    }
                    None => style::muted_text("—").into(),
                }
            },
        );
        column![self.shown_count(lang, units.len(), self.data.reporting.len()), grid].spacing(6).into()
    }

    /// The summed KPIs: the targets' column stays while the goal, the sums
    /// and each class's rate scroll sideways (rows of one height on both
    /// sides, so they stay level).
    fn kpis_view(&self, lang: Lang) -> Element<'_, Message> {
        const CLASS_W: f32 = 100.0;
        const FIRST_W: f32 = 260.0;
        const HEAD: f32 = 52.0;
        const LINE: f32 = 46.0;
        let n = |v: f64| format_number(lang, v, 2);
        let rate_of = |k: &KpiSum| k.figure.and_then(|f| f.value(k.target.kind)).map(|v| format!("{}{}", format_number(lang, v, 1), k.target.unit));
        let bold = |s: String, w: f32| text(s).size(style::SMALL).font(style::BOLD).width(Length::Fixed(w));
        let mut head = row![
            bold(t(lang, "ui-kpi-goal"), 64.0),
            column![bold(t(lang, "ui-dist-kpi-sum"), 150.0), style::muted_text(t(lang, "ui-dist-kpi-all"))],
            bold(t(lang, "ui-dist-kpi-rate"), 64.0),
            bold(t(lang, "ui-dist-kpi-state"), 100.0),
        ]
        .spacing(style::S12)
        .align_y(Alignment::End);
        for (class, sums) in &self.data.kpis_by_class {
            let units = sums.iter().map(|k| k.units).max().unwrap_or(0);
            head = head.push(column![bold(t(lang, class.label_id()), CLASS_W), style::muted_text(ta(lang, "ui-dist-kpi-units", &[("count", units.into())]))]);
        }
        let cell = |e: Element<'static, Message>| container(e).height(Length::Fixed(LINE)).align_y(Alignment::Center);
        let mut targets = column![
            container(bold(t(lang, "ui-kpi-target"), FIRST_W)).height(Length::Fixed(HEAD)).align_y(Alignment::End),
            iced::widget::rule::horizontal(1)
        ];
        let mut figures = column![container(head).height(Length::Fixed(HEAD)).align_y(Alignment::End), iced::widget::rule::horizontal(1)];
        for (i, k) in self.data.kpis.iter().enumerate() {
            let sums = match (k.target.kind, k.figure) {
                (TargetKind::Rate, Some(f)) => format!("{} / {}", n(f.numerator), n(f.denominator)),
                (_, Some(f)) => n(f.numerator),
                (_, None) => "—".into(),
            };
            targets = targets.push(
                cell(row![text(k.target.code.clone()).size(style::SMALL).font(style::BOLD), text(k.target.text.clone()).size(style::SMALL)].spacing(6).into())
                    .width(Length::Fixed(FIRST_W))
                    .clip(true),
            );
            let mut line = row![
                text(k.target.goal(lang)).size(style::BODY).width(Length::Fixed(64.0)),
                text(sums).size(style::BODY).width(Length::Fixed(150.0)),
                text(rate_of(k).unwrap_or_else(|| "—".into())).size(style::BODY).font(style::BOLD).width(Length::Fixed(64.0)),
                container(style::pill(t(lang, k.state.label_id()), style::kpi_color(k.state))).width(Length::Fixed(100.0)),
            ]
            .spacing(style::S12)
            .align_y(Alignment::Center);
            // Each class's own sum, coloured by whether it meets the target.
            for (_, sums) in &self.data.kpis_by_class {
                let c: Element<'_, Message> = match sums.get(i).filter(|s| s.figure.is_some()) {
                    Some(s) => text(rate_of(s).unwrap_or_else(|| "—".into())).size(style::BODY).font(style::BOLD).color(style::kpi_color(s.state)).into(),
                    None => style::muted_text("—").into(),
                };
                line = line.push(container(c).width(Length::Fixed(CLASS_W)));
            }
            figures = figures.push(container(line).height(Length::Fixed(LINE)).align_y(Alignment::Center));
        }
        let sideways = scrollable(figures.padding(iced::Padding { bottom: 14.0, ..iced::Padding::ZERO }))
            .direction(scrollable::Direction::Horizontal(scrollable::Scrollbar::default()))
            .width(Length::Fill);
        scrollable(row![targets.width(Length::Fixed(FIRST_W)), sideways].spacing(style::S12).padding(iced::Padding { right: 14.0, ..iced::Padding::ZERO }))
            .height(Length::Fill)
            .into()
    }

    fn missing_view<'a>(&'a self, plan: &'a Plan, lang: Lang) -> Element<'a, Message> {
        if self.data.missing.is_empty() {
            return style::muted_text(ta(lang, "ui-dist-missing-none", &[("period", self.quarters.label(lang).into())])).into();
        }
        let mut list = column![style::muted_text(t(lang, "ui-dist-missing-hint"))].spacing(6);
        for m in &self.data.missing {
            list = list.push(
                row![
                    text(plan.unit(&m.unit).map(|u| u.name.clone()).unwrap_or_else(|| m.unit.clone())).size(style::BODY).width(Length::Fixed(220.0)),
                    text(m.task.clone()).size(style::BODY).font(style::BOLD).width(Length::Fixed(50.0)),
                    text(plan.task(&m.task).map(|x| x.description.clone()).unwrap_or_default()).size(style::SMALL).width(Length::Fill),
                    container(status_pill(lang, m)).width(Length::Fixed(160.0)),
                ]
                .spacing(style::S12)
                .align_y(Alignment::Center),
            );
        }
        scrollable(list.padding(SCROLLBAR_GAP)).height(Length::Fill).into()
    }

    fn keys_view<'a>(&'a self, plan: &'a Plan, lang: Lang) -> Element<'a, Message> {
        if self.data.keys.is_empty() {
            return style::muted_text(t(lang, "ui-dist-keys-none")).into();
        }
        let head = row![
            text(t(lang, "ui-dist-unit")).size(style::SMALL).font(style::BOLD).width(Length::Fill),
            text(t(lang, "ui-rep-key-fingerprint")).size(style::SMALL).font(style::BOLD).width(Length::Fixed(200.0)),
            text(t(lang, "ui-dist-key-status")).size(style::SMALL).font(style::BOLD).width(Length::Fixed(130.0)),
            text(t(lang, "ui-dist-key-added")).size(style::SMALL).font(style::BOLD).width(Length::Fixed(130.0)),
            space().width(Length::Fixed(130.0)),
        ]
        .spacing(style::S12)
        .padding(SCROLLBAR_GAP);
        let mut list = column![].spacing(6);
        for k in &self.data.keys {
            let trusted = k.status == "trusted";
            let status = if trusted { style::pill(t(lang, "ui-dist-key-trusted"), style::DONE) } else { style::pill(t(lang, "ui-dist-key-quarantined"), style::DUE_SOON) };
            let mut r = row![
                text(plan.unit(&k.unit).map(|u| u.name.clone()).unwrap_or_else(|| k.unit.clone())).size(style::BODY).width(Length::Fill),
                text(fingerprint_of_hex(&k.key_id)).size(style::BODY).font(style::BOLD).width(Length::Fixed(200.0)),
                container(status).width(Length::Fixed(130.0)),
                style::muted_text(format_stamp(&k.added_at)).width(Length::Fixed(130.0)),
            ]
            .spacing(style::S12)
            .align_y(Alignment::Center);
            let accept: Element<'a, Message> = if trusted {
                space().width(Length::Fixed(130.0)).into()
            } else {
                button(text(t(lang, "ui-dist-accept-key")).size(style::SMALL))
                    .padding([4, 10])
                    .width(Length::Fixed(130.0))
                    .style(button::secondary)
                    .on_press(Message::AskAccept(Pending { key_id: k.key_id.clone(), unit: k.unit.clone(), ..Pending::default() }))
                    .into()
            };
            r = r.push(accept);
            list = list.push(r);
        }
        column![head, iced::widget::rule::horizontal(1), scrollable(list.padding(SCROLLBAR_GAP)).height(Length::Fill)].spacing(style::S8).into()
    }

    /// The dialog shown over the page, if any: accepting a key, or choosing
    /// the unit of a key card.
    pub fn dialog<'a>(&'a self, plan: &'a Plan, lang: Lang) -> Option<Element<'a, Message>> {
        let buttons = |cancel: Message, ok_label: &str, ok: Option<Message>| {
            row![
                space::horizontal(),
                button(text(t(lang, "ui-cancel")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(cancel),
                container(button(text(t(lang, ok_label)).size(style::BODY)).padding([6, 14]).on_press_maybe(ok)).id(CONFIRM_ID),
            ]
            .spacing(style::S8)
        };
        let unit_label = |code: &str| plan.unit(code).map(|u| format!("{} ({})", u.name, u.code)).unwrap_or_else(|| code.to_owned());
        if let Some(p) = &self.confirm_accept {
            let new = fingerprint_of_hex(&p.key_id);
            if p.other.trusted.is_some() {
                let ok = p.other.cleared().then_some(Message::ConfirmAccept);
                return Some(other_key_dialog(lang, &unit_label(&p.unit), &p.other, &new, None, buttons(Message::CancelAccept, "ui-keychange-accept", ok)));
            }
            return Some(
                column![
                    text(t(lang, "ui-dist-accept-title")).size(style::TITLE).font(style::BOLD),
                    text(ta(lang, "ui-dist-accept-question", &[("unit", unit_label(&p.unit).into())])).size(style::BODY),
                    container(text(new).size(22).font(style::BOLD)).padding([8, 12]).width(Length::Fill).style(style::banner(false)),
                    style::muted_text(t(lang, "ui-dist-accept-hint")),
                    buttons(Message::CancelAccept, "ui-dist-accept-key", Some(Message::ConfirmAccept)),
                ]
                .spacing(style::S12)
                .into(),
            );
        }
        let c = self.card.as_ref()?;
        if let (Some(unit), Some(_)) = (&c.choice, &c.other.trusted) {
            let ok = c.other.cleared().then_some(Message::ConfirmCard);
            let picker = first_run::unit_picker(plan, lang, &c.query, c.choice.as_deref(), Message::CardQuery, Message::CardUnit, 120.0, &[]);
            return Some(other_key_dialog(lang, &unit_label(unit), &c.other, &c.key.fingerprint(), Some(picker), buttons(Message::CancelCard, "ui-keychange-accept", ok)));
        }
        Some(
            column![
                text(t(lang, "ui-dist-card-title")).size(style::TITLE).font(style::BOLD),
                text(ta(lang, "ui-dist-card-question", &[("fingerprint", c.key.fingerprint().into())])).size(style::BODY),
                first_run::unit_picker(plan, lang, &c.query, c.choice.as_deref(), Message::CardQuery, Message::CardUnit, 220.0, &[]),
                buttons(Message::CancelCard, "ui-dist-card-trust", c.choice.as_ref().map(|_| Message::ConfirmCard)),
            ]
            .spacing(style::S12)
            .into(),
        )
    }
}

/// The warning before trusting a new key of a unit that already has another
/// trusted key: both fingerprints, what to do, and "I phoned" to tick before
/// the accept button works.
fn other_key_dialog<'a>(
    lang: Lang,
    unit: &str,
    other: &OtherKey,
    new: &str,
    picker: Option<Element<'a, Message>>,
    buttons: iced::widget::Row<'a, Message>,
) -> Element<'a, Message> {
    let fp = |id: &str, value: &str| {
        row![text(t(lang, id)).size(style::BODY).width(Length::Fixed(150.0)), text(value.to_owned()).size(20).font(style::BOLD)].align_y(Alignment::Center)
    };
    let mut col = column![
        text(t(lang, "ui-keychange-title")).size(style::TITLE).font(style::BOLD),
        text(ta(lang, "ui-keychange-body", &[("unit", unit.to_owned().into())])).size(style::BODY),
        container(column![fp("ui-keychange-old", other.trusted.as_deref().unwrap_or_default()), fp("ui-keychange-new", new)].spacing(style::S8))
            .padding([8, 12])
            .width(Length::Fill)
            .style(style::banner(true)),
        text(t(lang, "ui-keychange-hint")).size(style::BODY),
    ]
    .spacing(style::S12);
    if let Some(p) = picker {
        col = col.push(p);
    }
    col.push(checkbox(other.called).label(t(lang, "ui-keychange-called")).on_toggle(Message::Called).text_size(style::BODY))
        .push(buttons)
        .into()
}

/// A cell of the completeness matrix.
pub fn completeness_pill<'a, M: 'a>(lang: Lang, c: &Completeness) -> Element<'a, M> {
    let seq = |s: &i64| s.to_string();
    let label = match c {
        Completeness::Received { sequence } => ta(lang, "ui-dist-received", &[("sequence", seq(sequence).into())]),
        Completeness::Late { sequence } => ta(lang, "ui-dist-late", &[("sequence", seq(sequence).into())]),
        Completeness::Missing => t(lang, "ui-dist-missing"),
        Completeness::NotDue => t(lang, "ui-dist-not-due"),
    };
    style::pill(label, style::tone(crate::palette::of_completeness(c)))
}

/// A reported status: its label, and the progress while in progress.
fn status_pill<'a, M: 'a>(lang: Lang, m: &MergedTask) -> Element<'a, M> {
    match Status::parse(&m.status) {
        Some(Status::InProgress) => style::pill(format!("{} {}%", t(lang, Status::InProgress.label_id()), m.progress), style::status_color(Status::InProgress)),
        Some(s) => style::pill(t(lang, s.label_id()), style::status_color(s)),
        None => style::muted_text(m.status.clone()).into(),
    }
}
