//! The frame around the shown screen: the sidebar (unit, plan, screens,
//! today), the page, the dialogs over it and the notice.

use super::*;
use iced::widget::{column, row};

impl App {
    pub fn view(&self) -> Element<'_, Message> {
        let lang = self.lang;
        if self.screen == Screen::FirstRun || self.ws.unit.is_none() {
            let clerk = self.clerk.view(lang, &self.ws.operator).map(first_run::Message::Clerk);
            let page = self.first_run.view(&self.ws.plan, &self.ws.org.retired(), clerk).map(Message::FirstRun);
            // No sidebar here: a save under way, and what went wrong, float over the card.
            let saving = self.saves.busy().then(|| t(lang, "ui-saving"));
            return match self.notice.as_ref().map(|n| (n.text.as_str(), n.error)).or(saving.as_deref().map(|s| (s, false))) {
                Some((message, error)) => toast_over(page, message, error),
                None => page,
            };
        }
        let today = self.ws.today;
        let busy = self.job.is_some();
        let page: Element<'_, Message> = if let Some(p) = &self.plan_preview {
            p.view(lang).map(Message::PlanImport)
        } else { match self.screen {
            Screen::Dashboard | Screen::FirstRun => self.dashboard.view(lang).map(Message::Dashboard),
            Screen::Tasks => self.tasks.view(&self.ws.plan, lang, today).map(Message::Tasks),
            Screen::Task => match &self.detail {
                Some(d) => d.view(&self.ws.plan, lang, today, busy).map(Message::Detail),
                None => space().into(),
            },
            Screen::Calendar => self.calendar.view(lang, today).map(Message::Calendar),
            Screen::Kpis => self.kpis.view(lang).map(Message::Kpis),
            Screen::Reports => self.reports.view(lang, busy).map(Message::Reports),
            Screen::District => self.district.view(&self.ws.plan, lang, busy).map(Message::District),
            Screen::Settings => column![
                // Who is working, above the settings of the installation.
                style::section(
                    ta(lang, "ui-clerk-current", &[("name", self.ws.operator.as_str().into())]),
                    self.clerk.view(lang, &self.ws.operator).map(Message::Clerk)
                ),
                self.settings.view(settings::Info {
                    plan: &self.ws.plan,
                    unit: self.ws.unit.as_deref(),
                    retired: self.ws.org.retired(),
                    lang,
                    dark: self.dark,
                    software: self.software,
                    data_dir: &self.data_dir,
                    last_backup: self.last_backup.clone(),
                    place: &self.backup_place,
                    drop_folder: self.drops.folder.as_deref(),
                    busy,
                    today: self.ws.today,
                })
                .map(Message::Settings),
            ]
            .spacing(style::S12)
            .into(),
            Screen::Org => self.org.view(&self.ws.org, lang).map(Message::Org),
            Screen::Plan => self.plan_edit.view(&self.ws.plan, &self.ws.org, lang).map(Message::PlanEdit),
        } };
        // A notice floats over the bottom of the page: it never moves what
        // the clerk is about to click.
        let page: Element<'_, Message> = match self.shown_notice() {
            Some((message, error)) => toast_over(page, message, error),
            None => page,
        };
        let mut content = column![].spacing(style::S12).height(Length::Fill);
        if let Some(b) = self.drops.banner(lang) {
            content = content.push(b.map(Message::Drop));
        }
        content = content.push(container(page).height(Length::Fill));
        if let Some(j) = &self.job {
            content = content.push(self.job_view(j));
        }
        let body = row![self.sidebar(), container(content).padding([style::S16, 20.0]).width(Length::Fill).height(Length::Fill)];
        let dialog = match self.screen {
            _ if self.drops.open => self.drops.dialog(lang, busy).map(|e| (e.map(Message::Drop), Message::Drop(dropfolder::Message::Close))),
            Screen::District if self.review.is_some() => {
                self.review.as_ref().map(|r| (r.view(lang).map(Message::Review), Message::Review(review::Message::Cancel)))
            }
            Screen::Task => self.detail.as_ref().and_then(|d| d.dialog(lang)).map(|e| (e.map(Message::Detail), Message::Detail(task_detail::Message::CancelRemove))),
            Screen::Settings => self.settings.dialog(lang).map(|e| {
                let close = if self.settings.p12.is_some() { settings::Message::CancelP12 } else { settings::Message::CancelRestore };
                (e.map(Message::Settings), Message::Settings(close))
            }),
            Screen::District => self.district.dialog(&self.ws.plan, lang).map(|e| {
                let close = if self.district.confirm_accept.is_some() { district::Message::CancelAccept } else { district::Message::CancelCard };
                (e.map(Message::District), Message::District(close))
            }),
            _ => None,
        };
        match dialog {
            Some((d, close)) => stack![
                body,
                opaque(mouse_area(center(opaque(container(d).padding(20).width(Length::Fixed(480.0)).style(style::card))).style(style::modal_backdrop)).on_press(close))
            ]
            .into(),
            None => body.into(),
        }
    }

    fn sidebar(&self) -> Element<'_, Message> {
        let lang = self.lang;
        let unit = self.ws.unit.as_deref().and_then(|u| self.ws.plan.unit(u));
        let item = |screen: Screen, id: &str, mark: &str| {
            let active = self.screen == screen
                || (screen == Screen::Tasks && self.screen == Screen::Task)
                || (screen == Screen::Settings && matches!(self.screen, Screen::Org | Screen::Plan));
            button(row![text(mark.to_owned()).size(style::BODY).font(style::SYMBOLS).width(Length::Fixed(20.0)), text(t(lang, id)).size(15)].spacing(6))
                .width(Length::Fill)
                .padding([9, 12])
                .style(style::nav(active))
                .on_press(Message::Nav(screen))
        };
        let mut nav = column![
            item(Screen::Dashboard, "ui-nav-dashboard", "◧"),
            item(Screen::Tasks, "ui-nav-tasks", "☰"),
            item(Screen::Calendar, "ui-nav-calendar", "▦"),
            item(Screen::Kpis, "ui-nav-kpis", "◎"),
            item(Screen::Reports, "ui-nav-reports", "▤"),
        ]
        .spacing(4);
        if self.is_district() {
            nav = nav.push(item(Screen::District, "ui-nav-district", "▣"));
        }
        nav = nav.push(item(Screen::Settings, "ui-nav-settings", "⚙"));
        if let Some(d) = &self.detail {
            nav = nav.push(space().height(8));
            nav = nav.push(
                button(text(format!("{} {}", t(lang, "ui-task"), d.code)).size(style::SMALL))
                    .width(Length::Fill)
                    .padding([6, 12])
                    .style(style::nav(self.screen == Screen::Task))
                    .on_press(Message::Nav(Screen::Task)),
            );
        }
        container(
            column![
                column![
                    text(t(lang, "app-name")).size(20).font(style::BOLD),
                    text(unit.map(|u| u.name.clone()).unwrap_or_default()).size(style::BODY),
                    text(common::plan_line(lang, &self.ws.plan))
                        .size(12)
                        .color(iced::Color::from_rgba(1.0, 1.0, 1.0, 0.7)),
                ]
                .spacing(2),
                nav,
                space::vertical(),
                // Saves run on a worker: say so while one is under way.
                text(if self.saves.busy() { t(lang, "ui-saving") } else { String::new() }).size(12).color(iced::Color::from_rgba(1.0, 1.0, 1.0, 0.9)),
                text(ta(lang, "ui-today", &[("date", i18n::format_date(self.ws.today).into())])).size(12).color(iced::Color::from_rgba(1.0, 1.0, 1.0, 0.75)),
            ]
            .spacing(20),
        )
        .padding([20, 12])
        .width(Length::Fixed(220.0))
        .height(Length::Fill)
        .style(style::sidebar)
        .into()
    }
}

/// `message` floating over the bottom of `page`: it never moves what the
/// clerk is about to click.
fn toast_over<'a>(page: Element<'a, Message>, message: &str, error: bool) -> Element<'a, Message> {
    stack![
        container(page).height(Length::Fill),
        container(
            container(
                row![
                    text(message.to_owned()).size(style::BODY).width(Length::Fill),
                    button(text("×").size(style::TITLE)).padding([0, 8]).style(style::link).on_press(Message::DismissNotice)
                ]
                .align_y(Alignment::Center),
            )
            .padding([8, 12])
            .max_width(820)
            .style(style::toast(error)),
        )
        .width(Length::Fill)
        .height(Length::Fill)
        .padding(iced::Padding { bottom: 12.0, ..iced::Padding::ZERO })
        .align_x(Alignment::Center)
        .align_y(Alignment::End)
    ]
    .into()
}
