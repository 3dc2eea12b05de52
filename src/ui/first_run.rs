//! First run: the language, then one of three starts — "my unit is in the
//! built-in example" (search its units), "open the plan package my parent
//! office sent" (a signed .zip), "set up a new organisation" (a units file,
//! or the first unit by hand) — and which unit this installation is.
//! The unit chooser is also used by Settings to change the unit.

use std::path::PathBuf;

use iced::widget::{button, checkbox, column, container, row, scrollable, space, text, text_input};
use iced::{Alignment, Element, Length, Task};

use super::dialog::Dialog;
use super::style;
use super::{t, ta};
use crate::domain::{Plan, UnitKind};
use crate::i18n::Lang;

pub const SEARCH_ID: &str = "unit-search";

const UNIT_KINDS: [UnitKind; 4] = [UnitKind::Government, UnitKind::Commune, UnitKind::Department, UnitKind::PublicService];

/// The name box of the first unit typed by hand.
pub const FIRST_UNIT_ID: &str = "first-unit-name";

#[derive(Debug, Clone, Default)]
pub struct State {
    pub query: String,
    pub chosen: Option<String>,
    pub lang: Lang,
    pub start: Start,
    /// The first unit of a new organisation, typed by hand.
    pub new_name: String,
    pub new_kind: Option<UnitKind>,
    /// The clerk unticked "add the offices of the commune" (they come by default).
    pub no_offices: bool,
    /// A plan package whose signer's key is not trusted yet: shown with the
    /// key's fingerprint, for the clerk to compare before taking it.
    pub package: Option<PackageSigner>,
}

/// Who signed a plan package chosen at first run.
#[derive(Debug, Clone, PartialEq)]
pub struct PackageSigner {
    pub file: PathBuf,
    pub code: String,
    pub name: String,
    pub key: crate::crypto::sign::PublicKey,
}

/// The three ways to start.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Start {
    /// My unit is in the plan the installation has (the built-in example).
    #[default]
    Example,
    /// Open the plan package the parent office sent.
    Package,
    /// Set up a new organisation.
    NewOrg,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Query(String),
    Pick(String),
    Lang(Lang),
    Confirm,
    /// The clerk's name field (kept by the app: see `ui::clerk`).
    Clerk(super::clerk::Message),
    Start(Start),
    OpenPackage,
    OpenUnitsFile,
    NewName(String),
    NewKind(UnitKind),
    CreateFirstUnit,
    /// "Add the offices of the commune, ward or special zone" ticked or not.
    Offices(bool),
    /// The fingerprint matches the parent office's: import and trust its key.
    TrustPackage,
    CancelPackage,
    /// The plan package chosen in its dialog (none when it was closed).
    PackageChosen(Vec<PathBuf>),
    /// The units file chosen in its dialog (none when it was closed).
    UnitsFileChosen(Vec<PathBuf>),
}

/// What the app must do.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The language was switched (the app shows it at once).
    Lang(Lang),
    /// The unit and language are chosen.
    Done { unit: String, lang: Lang },
    /// The plan package (.zip) chosen: read who signed it.
    Package(PathBuf),
    /// The units file (.csv, .xlsx) chosen: the organisation it describes.
    UnitsFile(PathBuf),
    /// Start a new organisation with this one unit.
    FirstUnit { name: String, kind: UnitKind, offices: bool },
    /// Import the plan package, trusting its signer's key (compared by the clerk).
    ImportPackage(PackageSigner),
}

impl State {
    pub fn new(lang: Lang) -> State {
        State { lang, ..State::default() }
    }

    /// Handles a message: the dialog it opens, or what the window must do.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        let lang = self.lang;
        match message {
            Message::OpenPackage => (Dialog::open(t(lang, "ui-first-run-open-package")).filter("Zip", &["zip"]).ask(Message::PackageChosen), None),
            Message::OpenUnitsFile => {
                let dialog = Dialog::open(t(lang, "ui-first-run-open-units")).filter("CSV", &["csv"]).filter("Excel", &["xlsx", "xls"]);
                (dialog.ask(Message::UnitsFileChosen), None)
            }
            m => (Task::none(), self.event(m)),
        }
    }

    /// What a message changes here, and what the window must do.
    fn event(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Query(q) => {
                self.query = q;
                None
            }
            Message::Pick(code) => {
                self.chosen = Some(code);
                None
            }
            Message::Lang(l) => {
                self.lang = l;
                Some(Event::Lang(l))
            }
            Message::Confirm | Message::Clerk(super::clerk::Message::Save) => self.chosen.clone().map(|unit| Event::Done { unit, lang: self.lang }),
            Message::Clerk(_) => None,
            Message::Start(s) => {
                self.start = s;
                None
            }
            Message::PackageChosen(files) => files.into_iter().next().map(Event::Package),
            Message::UnitsFileChosen(files) => files.into_iter().next().map(Event::UnitsFile),
            // Handled by `update` (a dialog).
            Message::OpenPackage | Message::OpenUnitsFile => None,
            Message::NewName(n) => {
                self.new_name = n;
                None
            }
            Message::Offices(on) => {
                self.no_offices = !on;
                None
            }
            Message::NewKind(k) => {
                self.new_kind = Some(k);
                None
            }
            Message::TrustPackage => self.package.take().map(Event::ImportPackage),
            Message::CancelPackage => {
                self.package = None;
                None
            }
            Message::CreateFirstUnit => {
                let name = self.new_name.trim();
                let kind = self.new_kind?;
                (!name.is_empty()).then(|| Event::FirstUnit { name: name.to_owned(), kind, offices: !self.no_offices })
            }
        }
    }

    /// For a commune's, ward's or special zone's committee: the offices that
    /// come with it, and the box that leaves them out.
    fn offices_view(&self, lang: Lang) -> Option<Element<'_, Message>> {
        if self.new_kind != Some(UnitKind::Government) {
            return None;
        }
        let offices = crate::org::commune_offices(&self.new_name);
        if offices.is_empty() {
            return None;
        }
        let names = offices.into_iter().map(|(n, _)| n).collect::<Vec<_>>().join("; ");
        Some(
            column![
                checkbox(!self.no_offices).label(t(lang, "ui-first-run-offices")).on_toggle(Message::Offices).size(16).text_size(style::BODY),
                style::muted_text(names),
            ]
            .spacing(4)
            .into(),
        )
    }

    /// A plan or an organisation was loaded: choose the unit in it.
    pub fn loaded(&mut self) {
        self.start = Start::Example;
        self.query.clear();
        self.chosen = None;
    }

    /// `hidden`: retired units, left out of the list; `clerk`: the field
    /// that asks the clerk's name.
    pub fn view<'a>(&'a self, plan: &'a Plan, hidden: &[String], clerk: Element<'a, Message>) -> Element<'a, Message> {
        let lang = self.lang;
        let langs = row(Lang::ALL.iter().map(|l| {
            button(text(l.native_name()).size(style::BODY))
                .padding([6, 16])
                .style(style::chip(*l == lang))
                .on_press(Message::Lang(*l))
                .into()
        }))
        .spacing(style::S8);
        let confirm = button(text(t(lang, "ui-first-run-start")).size(style::BODY).font(style::BOLD))
            .padding([8, 20])
            .on_press_maybe(self.chosen.as_ref().map(|_| Message::Confirm));
        let chosen_name = self
            .chosen
            .as_deref()
            .and_then(|c| plan.unit(c))
            .map(|u| u.name.clone())
            .unwrap_or_else(|| t(lang, "ui-first-run-none"));
        let starts = row([
            (Start::Example, "ui-first-run-start-example"),
            (Start::Package, "ui-first-run-start-package"),
            (Start::NewOrg, "ui-first-run-start-new-org"),
        ]
        .into_iter()
        .map(|(s, id)| {
            button(text(t(lang, id)).size(style::BODY).center().width(Length::Fill))
                .width(Length::Fill)
                .padding([8, 10])
                .style(style::chip(self.start == s))
                .on_press(Message::Start(s))
                .into()
        }))
        .spacing(style::S8);
        let mut card = column![
            text(t(lang, "app-name")).size(28).font(style::BOLD),
            style::muted_text(t(lang, "app-subtitle")),
            text(t(lang, "ui-first-run-lang")).size(style::TITLE).font(style::BOLD),
            langs,
            text(t(lang, "ui-first-run-how")).size(style::TITLE).font(style::BOLD),
            starts,
        ]
        .spacing(style::S12)
        .width(Length::Fixed(660.0));
        card = match self.start {
            Start::Example => card
                .push(text(t(lang, "ui-first-run-unit")).size(style::TITLE).font(style::BOLD))
                .push(unit_picker(plan, lang, &self.query, self.chosen.as_deref(), Message::Query, Message::Pick, 220.0, hidden))
                .push(text(t(lang, "ui-clerk-ask")).size(style::TITLE).font(style::BOLD))
                .push(clerk)
                .push(row![text(chosen_name).size(style::BODY).width(Length::Fill), confirm].align_y(Alignment::Center).spacing(style::S12)),
            Start::Package => {
                let card = card
                    .push(style::muted_text(t(lang, "ui-first-run-package-hint")))
                    .push(button(text(t(lang, "ui-first-run-open-package")).size(style::BODY)).padding([8, 16]).on_press(Message::OpenPackage));
                match &self.package {
                    // The signer and the key's fingerprint, to compare with the parent office's.
                    Some(p) => card
                        .push(text(ta(lang, "ui-first-run-package-signer", &[("name", p.name.as_str().into()), ("code", p.code.as_str().into())])).size(style::BODY).font(style::BOLD))
                        .push(text(p.key.fingerprint()).size(style::TITLE).font(style::BOLD))
                        .push(style::muted_text(t(lang, "ui-first-run-package-compare")))
                        .push(
                            row![
                                space::horizontal(),
                                button(text(t(lang, "ui-cancel")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(Message::CancelPackage),
                                button(text(t(lang, "ui-first-run-package-trust")).size(style::BODY)).padding([6, 14]).on_press(Message::TrustPackage),
                            ]
                            .spacing(style::S8),
                        ),
                    None => card,
                }
            }
            Start::NewOrg => {
                let kinds = row(UNIT_KINDS.iter().map(|k| {
                    button(text(t(lang, crate::org::kind_label(*k))).size(style::BODY))
                        .padding([4, 12])
                        .style(style::chip(self.new_kind == Some(*k)))
                        .on_press(Message::NewKind(*k))
                        .into()
                }))
                .spacing(style::S8);
                let ready = !self.new_name.trim().is_empty() && self.new_kind.is_some();
                card.push(style::muted_text(t(lang, "ui-first-run-units-hint")))
                    .push(button(text(t(lang, "ui-first-run-open-units")).size(style::BODY)).padding([8, 16]).on_press(Message::OpenUnitsFile))
                    .push(text(t(lang, "ui-first-run-first-unit")).size(style::TITLE).font(style::BOLD))
                    .push(
                        text_input(&t(lang, "ui-first-run-first-unit-hint"), &self.new_name)
                            .id(FIRST_UNIT_ID)
                            .on_input(Message::NewName)
                            .on_submit_maybe(ready.then_some(Message::CreateFirstUnit))
                            .padding(8),
                    )
                    .push(kinds)
                    .push(self.offices_view(lang).unwrap_or_else(|| space().into()))
                    .push(row![
                        space::horizontal(),
                        button(text(t(lang, "ui-first-run-create")).size(style::BODY).font(style::BOLD))
                            .padding([8, 20])
                            .on_press_maybe(ready.then_some(Message::CreateFirstUnit))
                    ])
            }
        };
        container(container(card).padding(24).style(style::card))
            .center(Length::Fill)
            .into()
    }
}

/// Units of the plan matching `query` (diacritics and case ignored), grouped:
/// communes, departments and other units, the issuing office.
pub fn matching_units<'a>(plan: &'a Plan, query: &str) -> Vec<&'a crate::domain::Unit> {
    let needle = crate::text::fold(query);
    let mut units: Vec<_> = plan
        .units
        .iter()
        .filter(|u| needle.is_empty() || crate::text::fold(&format!("{} {}", u.name, u.code)).contains(&needle))
        .collect();
    let rank = |k: UnitKind| match k {
        UnitKind::Commune => 0,
        UnitKind::Department => 1,
        UnitKind::PublicService => 2,
        UnitKind::Government => 3,
    };
    units.sort_by(|a, b| rank(a.kind).cmp(&rank(b.kind)).then_with(|| a.name.cmp(&b.name)));
    units
}

fn kind_label(lang: Lang, k: UnitKind) -> String {
    t(
        lang,
        match k {
            UnitKind::Commune => "ui-unit-kind-commune",
            UnitKind::Department => "ui-unit-kind-department",
            UnitKind::PublicService => "ui-unit-kind-public-service",
            UnitKind::Government => "ui-unit-kind-government",
        },
    )
}

/// A search box over a scrolling list of the plan's units (`hidden`:
/// retired units, not offered).
#[allow(clippy::too_many_arguments)] // each is one thing the three callers differ in
pub fn unit_picker<'a, M: Clone + 'a>(
    plan: &'a Plan,
    lang: Lang,
    query: &str,
    chosen: Option<&str>,
    on_query: impl Fn(String) -> M + 'a,
    on_pick: impl Fn(String) -> M + 'a,
    height: f32,
    hidden: &[String],
) -> Element<'a, M> {
    let input = text_input(&t(lang, "ui-first-run-search"), query)
        .id(SEARCH_ID)
        .on_input(on_query)
        .padding(8)
        .size(style::BODY);
    let mut units = matching_units(plan, query);
    // Retired units keep their history but are not chosen any more.
    units.retain(|u| !hidden.contains(&u.code));
    let mut list = column![].spacing(2);
    let mut last_kind = None;
    for u in &units {
        if last_kind != Some(u.kind) {
            last_kind = Some(u.kind);
            list = list.push(container(style::muted_text(kind_label(lang, u.kind))).padding([6, 8]));
        }
        let selected = chosen == Some(u.code.as_str());
        list = list.push(
            button(row![text(u.name.clone()).size(style::BODY).width(Length::Fill), style::muted_text(u.code.clone())])
                .width(Length::Fill)
                .padding([6, 10])
                .style(style::list_row(selected))
                .on_press(on_pick(u.code.clone())),
        );
    }
    if units.is_empty() {
        list = list.push(container(style::muted_text(t(lang, "ui-no-match"))).padding(8));
    }
    column![
        input,
        container(scrollable(list.padding([0, 12])).height(Length::Fixed(height)))
            .style(|th| iced::widget::container::Style { border: iced::Border { color: style::line(th), width: 1.0, radius: 6.0.into() }, ..Default::default() })
    ]
    .spacing(style::S8)
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_ignores_diacritics_and_picking_then_confirming_reports_the_unit() {
        let ws = crate::workspace::Workspace::in_memory().unwrap();
        let found = matching_units(&ws.plan, "an nhon tay");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "X-ANT");
        assert!(matching_units(&ws.plan, "").len() >= 38);
        // Communes come first.
        assert_eq!(matching_units(&ws.plan, "")[0].kind, UnitKind::Commune);

        let mut s = State::new(Lang::Vi);
        assert_eq!(s.event(Message::Confirm), None, "nothing chosen yet");
        assert_eq!(s.event(Message::Lang(Lang::En)), Some(Event::Lang(Lang::En)));
        s.event(Message::Pick("X-ANT".into()));
        assert_eq!(s.event(Message::Confirm), Some(Event::Done { unit: "X-ANT".into(), lang: Lang::En }));
    }
}
