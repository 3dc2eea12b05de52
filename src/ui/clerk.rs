//! Who is working: the clerk's name, recorded in the history instead of
//! the computer's account. Asked at first run; Settings shows it with the
//! names of the others who work on this installation, to switch with a click.

use iced::widget::{button, column, row, text, text_input};
use iced::{Alignment, Element, Length};

use super::{style, t};
use crate::i18n::Lang;

pub const NAME_ID: &str = "clerk-name";

#[derive(Debug, Clone, Default)]
pub struct State {
    /// The name being typed.
    pub typed: String,
    /// The installation's clerks, most recent first.
    pub known: Vec<String>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Typed(String),
    /// Use the typed name.
    Save,
    /// Switch to a clerk who worked here before.
    Pick(String),
}

impl State {
    /// What to record from now on, if the clerk chose a name.
    pub fn update(&mut self, message: Message, lang: Lang) -> Option<String> {
        let name = match message {
            Message::Typed(s) => {
                self.typed = s;
                self.error = None;
                return None;
            }
            Message::Save => self.typed.clone(),
            Message::Pick(name) => name,
        };
        match crate::workspace::check_operator_name(&name) {
            Ok(name) => {
                self.error = None;
                self.typed.clear();
                Some(name)
            }
            Err(e) => {
                self.error = Some(e.message_in(lang));
                None
            }
        }
    }

    /// The field and, if others worked here, their names to switch to.
    pub fn view(&self, lang: Lang, current: &str) -> Element<'_, Message> {
        let field = row![
            text_input(&t(lang, "ui-clerk-placeholder"), &self.typed).id(NAME_ID).on_input(Message::Typed).on_submit(Message::Save).padding(8).size(style::BODY).width(Length::Fixed(320.0)),
            button(text(t(lang, "ui-clerk-use")).size(style::BODY)).padding([8, 14]).on_press_maybe((!self.typed.trim().is_empty()).then_some(Message::Save)),
        ]
        .spacing(style::S8)
        .align_y(Alignment::Center);
        let mut c = column![field].spacing(style::S8);
        let others: Vec<&String> = self.known.iter().filter(|k| k.as_str() != current).collect();
        if !others.is_empty() {
            c = c.push(
                row(others.into_iter().map(|k| button(text(k.clone()).size(style::SMALL)).padding([5, 12]).style(style::chip(false)).on_press(Message::Pick(k.clone())).into()))
                    .spacing(6)
                    .wrap(),
            );
        }
        if let Some(e) = &self.error {
            c = c.push(text(e.clone()).size(style::SMALL).color(style::OVERDUE));
        }
        c.into()
    }
}
