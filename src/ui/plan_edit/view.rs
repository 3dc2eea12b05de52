//! The plan editor's screens: the task list and form, the agency picker,
//! the targets and the plans installed.

use super::*;
use iced::widget::column;

impl State {
    pub fn view<'a>(&'a self, plan: &'a Plan, org: &'a Org, lang: Lang) -> Element<'a, Message> {
        let back = button(text(t(lang, "ui-org-back")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(Message::Back);
        let tab = |tab: Tab, id: &str| button(text(t(lang, id)).size(style::BODY)).padding([6, 16]).style(style::chip(self.tab == tab)).on_press(Message::Tab(tab));
        let tabs = row![tab(Tab::Tasks, "ui-plan-tab-tasks"), tab(Tab::Targets, "ui-plan-tab-targets"), tab(Tab::Plans, "ui-plan-tab-plans")].spacing(style::S8);
        let line = crate::ui::common::plan_line(lang, plan);
        let body: Element<'a, Message> = match (self.tab, self.source()) {
            (_, None) => space().into(),
            (Tab::Tasks, Some(src)) => self.tasks_view(src, plan, org, lang),
            (Tab::Targets, Some(src)) => self.targets_view(src, lang),
            (Tab::Plans, Some(_)) => self.plans_view(plan, org, lang),
        };
        column![
            style::header(t(lang, "ui-plan-title"), back.into()),
            row![tabs, space::horizontal(), style::muted_text(line)].align_y(Alignment::Center),
            container(body).height(Length::Fill),
        ]
        .spacing(style::S12)
        .height(Length::Fill)
        .into()
    }

    /// A form's line: the label, the input and the error of `err` under it.
    fn field<'a>(&'a self, lang: Lang, id: &str, input: Element<'a, Message>, err: Field, align: Alignment) -> Element<'a, Message> {
        let mut c = column![input].spacing(4);
        if let Some(e) = self.error_for(err) {
            c = c.push(e);
        }
        row![text(t(lang, id)).size(style::BODY).font(style::BOLD).width(Length::Fixed(150.0)), c.width(Length::Fill)]
            .spacing(style::S12)
            .align_y(align)
            .into()
    }

    fn error_for(&self, field: Field) -> Option<Element<'_, Message>> {
        match &self.error {
            Some((f, e)) if *f == field => Some(text(e.clone()).size(style::SMALL).style(text::danger).into()),
            _ => None,
        }
    }

    fn tasks_view<'a>(&'a self, src: &'a PlanSource, plan: &'a Plan, org: &'a Org, lang: Lang) -> Element<'a, Message> {
        let mut list = column![].spacing(2);
        for a in &src.areas {
            let marked = self.area.as_ref().and_then(|f| f.original.as_deref()) == Some(a.code.as_str());
            list = list.push(
                button(row![text(format!("{}. {}", a.code, a.title)).size(style::SMALL).font(style::BOLD).width(Length::Fill), text("✎").size(style::SMALL).font(style::SYMBOLS)].spacing(6))
                    .width(Length::Fill)
                    .padding([3, 6])
                    .style(style::list_row(marked))
                    .on_press(Message::EditArea(a.code.clone())),
            );
            for task in src.tasks.iter().filter(|x| x.area == a.code) {
                let selected = self.selected.as_deref() == Some(task.code.as_str());
                let short = clip(&task.description, 70);
                let arrows = row![
                    button(text("▲").size(11).font(style::SYMBOLS)).padding([2, 6]).style(button::text).on_press_maybe((!self.busy).then(|| Message::Move(task.code.clone(), false))),
                    button(text("▼").size(11).font(style::SYMBOLS)).padding([2, 6]).style(button::text).on_press_maybe((!self.busy).then(|| Message::Move(task.code.clone(), true))),
                ];
                list = list.push(
                    row![
                        button(row![text(task.code.clone()).size(style::BODY).font(style::BOLD).width(Length::Fixed(46.0)), text(short).size(style::SMALL).width(Length::Fill)].spacing(6))
                            .width(Length::Fill)
                            .padding([4, 8])
                            .style(style::list_row(selected))
                            .on_press(Message::Select(task.code.clone())),
                        arrows,
                    ]
                    .align_y(Alignment::Center),
                );
            }
        }
        list = list.push(space().height(6)).push(
            button(text(t(lang, "ui-plan-add-area")).size(style::SMALL)).padding([4, 10]).style(button::secondary).on_press_maybe(self.area.is_none().then_some(Message::NewArea)),
        );
        let add = button(text(t(lang, "ui-plan-add-task")).size(style::BODY)).padding([6, 14]).on_press_maybe((self.form.is_none() && !src.areas.is_empty()).then_some(Message::New));
        let left = column![
            row![style::muted_text(ta(lang, "ui-plan-counts", &[("areas", src.areas.len().into()), ("tasks", src.tasks.len().into())])).width(Length::Fill), add]
                .align_y(Alignment::Center),
            scrollable(list.padding(iced::Padding { right: 12.0, ..iced::Padding::ZERO })).height(Length::Fill),
        ]
        .spacing(style::S8)
        .width(Length::FillPortion(2));
        let right: Element<'a, Message> = match (&self.area, &self.form) {
            (Some(a), _) => self.area_form(a, lang),
            (None, Some(f)) => scrollable(container(self.task_form(f, src, plan, org, lang)).padding(iced::Padding { right: 12.0, ..iced::Padding::ZERO }))
                .height(Length::Fill)
                .into(),
            (None, None) => {
                let hint = if src.areas.is_empty() { "ui-plan-no-area-hint" } else { "ui-plan-pick-hint" };
                let mut c = column![style::muted_text(t(lang, hint))].spacing(style::S8);
                if let Some(e) = self.error_for(Field::Whole) {
                    c = c.push(e);
                }
                c.into()
            }
        };
        row![left, container(right).width(Length::FillPortion(3)).height(Length::Fill)].spacing(20).height(Length::Fill).into()
    }

    fn task_form<'a>(&'a self, f: &'a TaskForm, src: &'a PlanSource, plan: &'a Plan, org: &'a Org, lang: Lang) -> Element<'a, Message> {
        let field = |id: &str, input: Element<'a, Message>, err: Field| self.field(lang, id, input, err, Alignment::Start);
        let title = match &f.original {
            Some(c) => ta(lang, "ui-plan-edit-task", &[("code", c.as_str().into())]),
            None => t(lang, "ui-plan-new-task"),
        };
        let areas: Vec<Choice<String>> = src.areas.iter().map(|a| Choice::new(Some(a.code.clone()), format!("{}. {}", a.code, a.title))).collect();
        let area = areas.iter().find(|c| c.value.as_deref() == Some(f.draft.area.as_str())).cloned();
        let agencies = |role: Role, phrases: &'a [String]| -> Element<'a, Message> {
            let mut chips = row![].spacing(6);
            for p in phrases {
                let count = self.groups.iter().find(|(g, _)| g == p).map(|(_, c)| c.len());
                let label = match count {
                    Some(n) => ta(lang, "ui-plan-group-chip", &[("phrase", p.as_str().into()), ("count", n.into())]),
                    None => p.clone(),
                };
                chips = chips.push(
                    button(row![text(label).size(style::SMALL), text("×").size(style::SMALL)].spacing(6))
                        .padding([3, 10])
                        .style(style::chip(true))
                        .on_press(Message::RemoveAgency(role, p.clone())),
                );
            }
            chips = chips.push(button(text(t(lang, "ui-plan-add-agency")).size(style::SMALL)).padding([3, 10]).style(button::secondary).on_press(Message::OpenPicker(role)));
            let mut c = column![chips.wrap()].spacing(6);
            if self.picker == Some(role) {
                c = c.push(self.picker_view(plan, org, lang));
            }
            c.into()
        };
        let schedule = crate::plan::task_schedule(&f.draft.deadline, &f.draft.manual_dates, src.year);
        let preview: Element<'a, Message> = if f.draft.deadline.trim().is_empty() && f.draft.manual_dates.is_empty() {
            style::muted_text(t(lang, "ui-plan-deadline-empty")).into()
        } else if schedule.unparsed && schedule.milestones.is_empty() {
            text(format!("→ {}", t(lang, "ui-plan-unparsed"))).size(style::BODY).style(text::danger).into()
        } else {
            let words = crate::ui::common::schedule_words(lang, &schedule);
            let source = if f.draft.manual_dates.is_empty() { "ui-plan-preview-read" } else { "ui-plan-preview-manual" };
            column![
                text(format!("→ {}", words.join(", "))).size(style::BODY).font(style::BOLD).style(|th: &iced::Theme| text::Style { color: Some(th.palette().primary) }),
                style::muted_text(ta(lang, source, &[("year", src.year.to_string().into())])).size(style::SMALL),
            ]
            .spacing(2)
            .into()
        };
        let mut dates = row![].spacing(6);
        for d in &f.draft.manual_dates {
            dates = dates.push(
                button(row![text(format_date(*d)).size(style::SMALL), text("×").size(style::SMALL)].spacing(6)).padding([3, 10]).style(style::chip(true)).on_press(Message::RemoveDate(*d)),
            );
        }
        let date_input = row![
            text_input(&t(lang, "ui-plan-date-hint"), &f.date).id(DATE_ID).on_input(Message::DateText).on_submit(Message::AddDate).padding(6).width(Length::Fixed(150.0)),
            button(text(t(lang, "ui-plan-add-date")).size(style::SMALL)).padding([5, 10]).style(button::secondary).on_press(Message::AddDate),
            dates.wrap(),
        ]
        .spacing(style::S8)
        .align_y(Alignment::Center);
        let mut col = column![
            text(title).size(style::TITLE).font(style::BOLD),
            field("ui-plan-code", text_input("1.1", &f.draft.code).id(CODE_ID).on_input(Message::Code).padding(6).width(Length::Fixed(140.0)).into(), Field::Code),
            field("ui-plan-area", pick_list(areas.clone(), area, Message::Area).text_size(style::BODY).width(Length::Fill).into(), Field::Area),
            field(
                "ui-plan-name",
                text_editor(&self.name).id(NAME_ID).placeholder(t(lang, "ui-plan-name-hint")).on_action(Message::Name).height(Length::Fixed(84.0)).padding(6).size(style::BODY).into(),
                Field::Description
            ),
            field("ui-plan-products", text_input(&t(lang, "ui-plan-products-hint"), &f.products).on_input(Message::Products).padding(6).into(), Field::Whole),
            field("role-lead", agencies(Role::Lead, &f.draft.lead), Field::Lead),
            field("role-coordinating", agencies(Role::Coordinating, &f.draft.coordinating), Field::Coordinating),
            field(
                "ui-plan-deadline",
                column![text_input(&t(lang, "ui-plan-deadline-hint"), &f.draft.deadline).id(DEADLINE_ID).on_input(Message::Deadline).padding(6), preview].spacing(6).into(),
                Field::Deadline
            ),
            field("ui-plan-manual", column![date_input, style::muted_text(t(lang, "ui-plan-manual-hint")).size(style::SMALL)].spacing(4).into(), Field::ManualDates),
        ]
        .spacing(style::S12);
        if let Some(e) = self.error_for(Field::Whole) {
            col = col.push(container(e).padding(8).width(Length::Fill).style(style::banner(true)));
        }
        col.push(self.actions(f.original.as_deref(), f.confirm_delete, "ui-plan-delete-task-q", lang)).into()
    }

    fn area_form<'a>(&'a self, a: &'a AreaForm, lang: Lang) -> Element<'a, Message> {
        let field = |id: &str, input: Element<'a, Message>, err: Field| self.field(lang, id, input, err, Alignment::Center);
        let title = match &a.original {
            Some(c) => ta(lang, "ui-plan-edit-area", &[("code", c.as_str().into())]),
            None => t(lang, "ui-plan-new-area"),
        };
        let mut code = text_input("II", &a.code).padding(6).width(Length::Fixed(140.0));
        if a.original.is_none() {
            code = code.on_input(Message::AreaCode);
        }
        let mut col = column![
            text(title).size(style::TITLE).font(style::BOLD),
            field("ui-plan-code", code.into(), Field::AreaCode),
            field("ui-plan-area-title", text_input(&t(lang, "ui-plan-area-hint"), &a.title).on_input(Message::AreaTitle).on_submit(Message::Save).padding(6).into(), Field::AreaTitle),
        ]
        .spacing(style::S12);
        if let Some(e) = self.error_for(Field::Whole) {
            col = col.push(container(e).padding(8).width(Length::Fill).style(style::banner(true)));
        }
        col.push(self.actions(a.original.as_deref(), a.confirm_delete, "ui-plan-delete-area-q", lang)).into()
    }

    /// Delete (asked once more), cancel and save, for a form of `original` (none: new).
    fn actions<'a>(&'a self, original: Option<&str>, confirm: bool, question: &str, lang: Lang) -> Element<'a, Message> {
        let save = button(text(t(lang, SAVE_LABEL)).size(style::BODY)).padding([6, 16]).on_press_maybe((!self.busy).then_some(Message::Save));
        let cancel = button(text(t(lang, "ui-cancel")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(Message::Cancel);
        let delete = button(text(t(lang, "ui-plan-delete")).size(style::BODY)).padding([6, 14]).style(button::danger);
        let r = if confirm {
            row![
                text(ta(lang, question, &[("code", original.unwrap_or_default().into())])).size(style::BODY).width(Length::Fill),
                cancel,
                delete.on_press_maybe((!self.busy).then_some(Message::ConfirmDelete)),
            ]
        } else {
            let mut r = row![];
            if original.is_some() {
                r = r.push(delete.on_press(Message::Delete));
            }
            r.push(space::horizontal()).push(cancel).push(save)
        };
        r.spacing(style::S8).align_y(Alignment::Center).into()
    }

    /// Group phrases and units matching the search, to add to an agency list.
    fn picker_view<'a>(&'a self, plan: &'a Plan, org: &'a Org, lang: Lang) -> Element<'a, Message> {
        let q = crate::text::fold(self.query.trim());
        let matches = |s: &str| q.is_empty() || crate::text::fold(s).contains(&q);
        let mut list = column![].spacing(2);
        let mut shown = 0;
        for (phrase, codes) in &self.groups {
            if matches(phrase) {
                shown += 1;
                list = list.push(
                    button(
                        row![
                            text("◈").size(style::SMALL).font(style::SYMBOLS),
                            text(phrase.clone()).size(style::BODY).width(Length::Fill),
                            style::muted_text(ta(lang, "ui-plan-group-units", &[("count", codes.len().into())])).size(style::SMALL)
                        ]
                        .spacing(6),
                    )
                    .width(Length::Fill)
                    .padding([4, 8])
                    .style(style::list_row(false))
                    .on_press(Message::Pick(phrase.clone())),
                );
            }
        }
        let retired = org.retired();
        for u in plan.units.iter().filter(|u| !retired.contains(&u.code)) {
            if matches(&u.name) || matches(&u.code) {
                shown += 1;
                list = list.push(
                    button(
                        row![
                            text(u.name.clone()).size(style::BODY).width(Length::Fill),
                            style::muted_text(t(lang, kind_label(u.kind))).size(style::SMALL)
                        ]
                        .spacing(6),
                    )
                    .width(Length::Fill)
                    .padding([4, 8])
                    .style(style::list_row(false))
                    .on_press(Message::Pick(u.name.clone())),
                );
            }
        }
        let mut head = row![
            text_input(&t(lang, "ui-plan-picker-hint"), &self.query).id(PICKER_ID).on_input(Message::Query).on_submit(Message::Pick(self.query.clone())).padding(6),
        ]
        .spacing(style::S8)
        .align_y(Alignment::Center);
        if !self.query.trim().is_empty() {
            head = head.push(button(text(ta(lang, "ui-plan-picker-typed", &[("phrase", self.query.trim().into())])).size(style::SMALL)).padding([5, 10]).style(button::secondary).on_press(Message::Pick(self.query.clone())));
        }
        head = head.push(button(text("×").size(style::BODY)).padding([4, 10]).style(button::text).on_press(Message::ClosePicker));
        let body: Element<'a, Message> = if shown == 0 {
            style::muted_text(t(lang, "ui-plan-picker-none")).into()
        } else {
            scrollable(list.padding(iced::Padding { right: 12.0, ..iced::Padding::ZERO })).height(Length::Fixed(220.0)).into()
        };
        container(column![head, body].spacing(6)).padding(10).width(Length::Fill).style(style::card).into()
    }

    fn targets_view<'a>(&'a self, src: &'a PlanSource, lang: Lang) -> Element<'a, Message> {
        let mut list = column![].spacing(2);
        for tg in &src.targets {
            let selected = self.target.as_ref().and_then(|f| f.original.as_deref()) == Some(tg.code.as_str());
            let d = target_draft(tg);
            let goal = format!("{} {} {}", d.comparator.symbol(), show_number(d.value), d.unit).trim().to_owned();
            list = list.push(
                button(
                    row![
                        text(tg.code.clone()).size(style::BODY).font(style::BOLD).width(Length::Fixed(56.0)),
                        text(tg.text.clone()).size(style::SMALL).width(Length::Fill),
                        text(goal).size(style::BODY).width(Length::Fixed(90.0)),
                    ]
                    .spacing(6),
                )
                .width(Length::Fill)
                .padding([4, 8])
                .style(style::list_row(selected))
                .on_press(Message::SelectTarget(tg.code.clone())),
            );
        }
        let add = button(text(t(lang, "ui-plan-add-target")).size(style::BODY)).padding([6, 14]).on_press_maybe(self.target.is_none().then_some(Message::NewTarget));
        let left = column![
            row![style::muted_text(ta(lang, "ui-plan-target-count", &[("count", src.targets.len().into())])).width(Length::Fill), add].align_y(Alignment::Center),
            scrollable(list.padding(iced::Padding { right: 12.0, ..iced::Padding::ZERO })).height(Length::Fill),
        ]
        .spacing(style::S8)
        .width(Length::FillPortion(2));
        let right: Element<'a, Message> = match &self.target {
            Some(f) => scrollable(container(self.target_form(f, lang)).padding(iced::Padding { right: 12.0, ..iced::Padding::ZERO })).height(Length::Fill).into(),
            None => style::muted_text(t(lang, "ui-plan-pick-target-hint")).into(),
        };
        row![left, container(right).width(Length::FillPortion(3)).height(Length::Fill)].spacing(20).height(Length::Fill).into()
    }

    fn target_form<'a>(&'a self, f: &'a TargetForm, lang: Lang) -> Element<'a, Message> {
        let field = |id: &str, input: Element<'a, Message>, err: Field| self.field(lang, id, input, err, Alignment::Center);
        let chip = |label: String, on: bool, m: Message| button(text(label).size(style::BODY)).padding([4, 12]).style(style::chip(on)).on_press(m);
        let kinds = row![
            chip(t(lang, "ui-plan-kind-rate"), f.draft.kind == TargetKind::Rate, Message::TargetKind(TargetKind::Rate)),
            chip(t(lang, "ui-plan-kind-value"), f.draft.kind == TargetKind::Value, Message::TargetKind(TargetKind::Value)),
            chip(t(lang, "ui-plan-kind-yes-no"), f.draft.kind == TargetKind::YesNo, Message::TargetKind(TargetKind::YesNo)),
        ]
        .spacing(6);
        let comparators = row(COMPARATORS.iter().map(|c| {
            button(text(c.symbol()).size(style::BODY).font(style::SYMBOLS)).padding([4, 14]).style(style::chip(f.draft.comparator == *c)).on_press(Message::Comparator(*c)).into()
        }))
        .spacing(6);
        let reporters = row(KINDS.iter().map(|k| chip(t(lang, kind_label(*k)), f.draft.applies_to.contains(k), Message::ToggleKind(*k)).into())).spacing(6);
        let title = match &f.original {
            Some(c) => ta(lang, "ui-plan-edit-target", &[("code", c.as_str().into())]),
            None => t(lang, "ui-plan-new-target"),
        };
        let mut col = column![
            text(title).size(style::TITLE).font(style::BOLD),
            field("ui-plan-code", text_input("3.1", &f.draft.code).on_input(Message::TargetCode).padding(6).width(Length::Fixed(140.0)).into(), Field::TargetCode),
            field("ui-plan-name", text_input(&t(lang, "ui-plan-target-hint"), &f.draft.text).on_input(Message::TargetText).padding(6).into(), Field::TargetText),
            field("ui-plan-kind", kinds.into(), Field::Whole),
            field("ui-plan-comparator", comparators.into(), Field::Whole),
            field(
                "ui-plan-value",
                row![
                    text_input("98", &f.value).id(VALUE_ID).on_input(Message::TargetValue).on_submit(Message::Save).padding(6).width(Length::Fixed(120.0)),
                    text(t(lang, "ui-plan-unit")).size(style::BODY),
                    text_input("%", &f.draft.unit).on_input(Message::TargetUnit).padding(6).width(Length::Fixed(140.0)),
                ]
                .spacing(style::S8)
                .align_y(Alignment::Center)
                .into(),
                if matches!(&self.error, Some((Field::TargetUnit, _))) { Field::TargetUnit } else { Field::TargetValue },
            ),
        ]
        .spacing(style::S12);
        if f.draft.kind == TargetKind::Rate {
            col = col
                .push(field("ui-plan-numerator", text_input(&t(lang, "ui-plan-numerator-hint"), &f.draft.numerator).on_input(Message::Numerator).padding(6).into(), Field::Whole))
                .push(field("ui-plan-denominator", text_input(&t(lang, "ui-plan-denominator-hint"), &f.draft.denominator).on_input(Message::Denominator).padding(6).into(), Field::Whole));
        }
        col = col.push(field("ui-plan-reporters", column![reporters.wrap().vertical_spacing(6), style::muted_text(t(lang, "ui-plan-reporters-hint")).size(style::SMALL)].spacing(4).into(), Field::Whole));
        if let Some(e) = self.error_for(Field::Whole) {
            col = col.push(container(e).padding(8).width(Length::Fill).style(style::banner(true)));
        }
        col.push(self.actions(f.original.as_deref(), f.confirm_delete, "ui-plan-delete-target-q", lang)).into()
    }

    fn plans_view<'a>(&'a self, plan: &'a Plan, org: &'a Org, lang: Lang) -> Element<'a, Message> {
        let head = |id: &str, w: f32| text(t(lang, id)).size(style::SMALL).font(style::BOLD).width(Length::Fixed(w));
        let mut table = column![row![
            head("ui-plan-col-number", 170.0),
            head("ui-plan-col-year", 60.0),
            text(t(lang, "ui-plan-col-issuer")).size(style::SMALL).font(style::BOLD).width(Length::Fill),
            head("ui-plan-col-tasks", 80.0),
            space().width(Length::Fixed(190.0)),
        ]
        .spacing(style::S12)]
        .spacing(6);
        for p in &self.plans {
            let issuer = org.unit(&p.issuer).map(|u| u.name.clone()).or_else(|| plan.unit(&p.issuer).map(|u| u.name.clone())).unwrap_or_else(|| p.issuer.clone());
            let number = crate::ui::common::plan_number(lang, &p.number);
            let action: Element<'a, Message> = if p.active {
                style::pill(t(lang, "ui-plan-active"), style::DONE)
            } else {
                button(text(t(lang, "ui-plan-use")).size(style::SMALL)).padding([4, 12]).on_press_maybe((!self.busy).then(|| Message::Use(p.id.clone()))).into()
            };
            table = table.push(
                container(
                    row![
                        text(number).size(style::BODY).font(if p.active { style::BOLD } else { style::FONT }).width(Length::Fixed(170.0)),
                        text(p.year.to_string()).size(style::BODY).width(Length::Fixed(60.0)),
                        text(issuer).size(style::BODY).width(Length::Fill),
                        text(p.tasks.to_string()).size(style::BODY).width(Length::Fixed(80.0)),
                        container(action).width(Length::Fixed(190.0)),
                    ]
                    .spacing(style::S12)
                    .align_y(Alignment::Center),
                )
                .padding([6, 8])
                .style(style::card),
            );
        }
        let rollover = column![
            style::muted_text(ta(lang, "ui-plan-rollover-hint", &[("year", plan.year.to_string().into())])),
            row![
                text(t(lang, "ui-plan-rollover-year")).size(style::BODY),
                text_input("2027", &self.year).id(YEAR_ID).on_input(Message::Year).on_submit(Message::Rollover).padding(6).width(Length::Fixed(90.0)),
                button(text(ta(lang, "ui-plan-rollover", &[("year", self.year.as_str().into())])).size(style::BODY)).padding([6, 14]).on_press_maybe((!self.busy).then_some(Message::Rollover)),
            ]
            .spacing(style::S12)
            .align_y(Alignment::Center),
        ]
        .spacing(style::S8);
        let label = |id: &str| text(t(lang, id)).size(style::BODY).width(Length::Fixed(150.0));
        let mut header = column![
            row![
                label("ui-plan-col-number"),
                text_input("12/KH-UBND", &self.header.0).on_input(Message::HeaderNumber).on_submit(Message::SaveHeader).padding(6).width(Length::Fixed(200.0)),
                text(t(lang, "ui-plan-date")).size(style::BODY),
                text_input("dd/mm/yyyy", &self.header.1).on_input(Message::HeaderDate).on_submit(Message::SaveHeader).padding(6).width(Length::Fixed(130.0)),
            ]
            .spacing(style::S12)
            .align_y(Alignment::Center),
            row![
                label("ui-plan-plan-title"),
                text_input("", &self.header.2).on_input(Message::HeaderTitle).on_submit(Message::SaveHeader).padding(6),
                button(text(t(lang, SAVE_LABEL)).size(style::BODY)).padding([6, 16]).on_press_maybe((!self.busy).then_some(Message::SaveHeader)),
            ]
            .spacing(style::S12)
            .align_y(Alignment::Center),
        ]
        .spacing(style::S8);
        if let Some(e) = self.error_for(Field::Header) {
            header = header.push(e);
        }
        let mut page = column![
            style::section(t(lang, "ui-plan-current"), header),
            style::section(t(lang, "ui-plan-installed"), table),
            style::section(t(lang, "ui-plan-rollover-title"), rollover),
        ]
        .spacing(style::S12);
        if let Some(e) = self.error_for(Field::Whole) {
            page = page.push(container(e).padding(8).width(Length::Fill).style(style::banner(true)));
        }
        if let Some(r) = &self.rolled {
            let mut list = column![].spacing(4);
            for (code, desc, units) in &r.unfinished {
                list = list.push(
                    row![
                        text(code.clone()).size(style::BODY).font(style::BOLD).width(Length::Fixed(56.0)),
                        text(desc.clone()).size(style::SMALL).width(Length::FillPortion(3)),
                        style::muted_text(units.clone()).size(style::SMALL).width(Length::FillPortion(2)),
                    ]
                    .spacing(style::S8),
                );
            }
            let title = ta(lang, "ui-plan-rolled", &[("year", r.year.to_string().into()), ("count", r.unfinished.len().into())]);
            let body: Element<'a, Message> = if r.unfinished.is_empty() { style::muted_text(t(lang, "ui-plan-rolled-none")).into() } else { list.into() };
            page = page.push(style::section(title, body));
        }
        if !self.edits.is_empty() {
            let mut list = column![].spacing(4);
            for e in self.edits.iter().take(12) {
                let what = if e.field.is_empty() || e.field == "position" {
                    clip(if e.new.is_empty() { &e.old } else { &e.new }, 60)
                } else {
                    format!("{}: «{}» → «{}»", field_label(lang, &e.op, &e.field), clip(&e.old, 60), clip(&e.new, 60))
                };
                list = list.push(
                    row![
                        style::muted_text(format!("{} · {}", crate::ui::format_stamp(&e.at), e.by)).size(style::SMALL).width(Length::Fixed(230.0)),
                        text(if e.op == "update-header" { t(lang, op_label(&e.op)) } else { format!("{} {}", t(lang, op_label(&e.op)), e.code) }).size(style::SMALL).font(style::BOLD).width(Length::Fixed(210.0)),
                        text(what).size(style::SMALL).width(Length::Fill),
                    ]
                    .spacing(style::S8),
                );
            }
            page = page.push(style::section(t(lang, "ui-plan-edits"), list));
        }
        scrollable(page.padding(iced::Padding { right: 14.0, ..iced::Padding::ZERO })).height(Length::Fill).into()
    }
}
