//! Settings → Tổ chức: the organisation as a tree (kind, parent, who
//! consolidates, retired), and adding, renaming, moving (pick the new parent
//! in the tree) and retiring a unit. The screen reports each edit as an
//! [`Event`]; the app stores it (one transaction) and reloads.

use iced::widget::{button, column, container, row, scrollable, space, text, text_input};
use iced::{Alignment, Element, Length};

use super::{style, t, ta};
use crate::domain::UnitKind;
use crate::i18n::Lang;
use crate::org::{Org, OrgUnit, kind_label};

/// The code box of the "add a unit" form.
pub const CODE_ID: &str = "org-code";
/// The name box of the add and rename forms.
pub const NAME_ID: &str = "org-name";

const KINDS: [UnitKind; 4] = [UnitKind::Government, UnitKind::Department, UnitKind::PublicService, UnitKind::Commune];

#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    /// The unit the actions apply to.
    pub selected: Option<String>,
    pub form: Option<Form>,
    /// Why the last save was refused (shown in the form).
    pub error: Option<String>,
}

/// The form being filled in.
#[derive(Debug, Clone, PartialEq)]
pub enum Form {
    /// A new unit under `parent`.
    Add { code: String, name: String, kind: UnitKind, parent: Option<String> },
    Rename { code: String, name: String },
    /// `parent`: the new parent picked in the tree.
    Move { code: String, parent: Option<String> },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// A unit clicked in the tree: selects it, or is the new parent while moving.
    Pick(String),
    Add,
    Rename,
    Move,
    /// Retire (true) or bring back (false) the selected unit.
    Retire(bool),
    /// The selected unit consolidates its parent's units' reports (true) or not.
    Consolidate(bool),
    Code(String),
    Name(String),
    Kind(UnitKind),
    /// While moving: no parent (a root).
    NoParent,
    Save,
    Cancel,
    Back,
}

/// An edit of the organisation, for the app to store.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Add(OrgUnit),
    Rename { code: String, name: String },
    Move { code: String, parent: Option<String> },
    Retire { code: String, retired: bool },
    Consolidate { code: String, parent: Option<String> },
    /// Another name plans use for the unit.
    Alias { code: String, phrase: String },
}

impl Edit {
    /// The organisation with this edit made (checked: a bad edit is an error).
    pub fn apply(&self, org: &Org) -> crate::error::Result<Org> {
        let mut next = org.clone();
        match self {
            Edit::Add(u) => next.add(u.clone())?,
            Edit::Rename { code, name } => next.rename(code, name)?,
            Edit::Move { code, parent } => next.move_to(code, parent.as_deref())?,
            Edit::Retire { code, retired } => next.set_retired(code, *retired)?,
            Edit::Consolidate { code, parent } => next.set_consolidates_for(code, parent.as_deref())?,
            Edit::Alias { code, phrase } => next.add_alias(code, phrase)?,
        }
        Ok(next)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Save(Edit),
    /// Back to Settings.
    Back,
}

impl State {
    pub fn update(&mut self, message: Message, org: &Org) -> Option<Event> {
        match message {
            Message::Pick(code) => {
                match &mut self.form {
                    Some(Form::Move { code: moving, parent }) if *moving != code => *parent = Some(code),
                    Some(Form::Move { .. }) => {}
                    _ => self.selected = Some(code),
                }
                None
            }
            Message::Add => {
                self.error = None;
                self.form = Some(Form::Add {
                    code: String::new(),
                    name: String::new(),
                    kind: self.selected.as_deref().and_then(|s| org.unit(s)).map_or(UnitKind::Government, |p| child_kind(p.kind)),
                    parent: self.selected.clone(),
                });
                None
            }
            Message::Rename => {
                let u = org.unit(self.selected.as_deref()?)?;
                self.error = None;
                self.form = Some(Form::Rename { code: u.code.clone(), name: u.name.clone() });
                None
            }
            Message::Move => {
                let u = org.unit(self.selected.as_deref()?)?;
                self.error = None;
                self.form = Some(Form::Move { code: u.code.clone(), parent: u.parent.clone() });
                None
            }
            Message::Retire(retired) => {
                let code = self.selected.clone()?;
                Some(Event::Save(Edit::Retire { code, retired }))
            }
            Message::Consolidate(on) => {
                let u = org.unit(self.selected.as_deref()?)?;
                let parent = if on { Some(u.parent.clone()?) } else { None };
                Some(Event::Save(Edit::Consolidate { code: u.code.clone(), parent }))
            }
            Message::Code(c) => {
                if let Some(Form::Add { code, .. }) = &mut self.form {
                    *code = c.trim().to_uppercase();
                }
                None
            }
            Message::Name(n) => {
                match &mut self.form {
                    Some(Form::Add { name, code, .. }) => {
                        // Suggest a code from the name until one is typed.
                        let taken: Vec<&str> = org.units.iter().map(|u| u.code.as_str()).collect();
                        if code.is_empty() || *code == crate::org::suggest_code(name, &taken) {
                            *code = crate::org::suggest_code(&n, &taken);
                        }
                        *name = n;
                    }
                    Some(Form::Rename { name, .. }) => *name = n,
                    _ => {}
                }
                None
            }
            Message::Kind(k) => {
                if let Some(Form::Add { kind, .. }) = &mut self.form {
                    *kind = k;
                }
                None
            }
            Message::NoParent => {
                if let Some(Form::Move { parent, .. }) = &mut self.form {
                    *parent = None;
                }
                None
            }
            Message::Save => {
                let edit = match self.form.as_ref()? {
                    Form::Add { code, name, kind, parent } => Edit::Add(OrgUnit {
                        code: code.clone(),
                        name: name.trim().to_owned(),
                        kind: *kind,
                        parent: parent.clone(),
                        retired: false,
                        consolidates_for: None,
                        aliases: vec![],
                    }),
                    Form::Rename { code, name } => Edit::Rename { code: code.clone(), name: name.clone() },
                    Form::Move { code, parent } => Edit::Move { code: code.clone(), parent: parent.clone() },
                };
                Some(Event::Save(edit))
            }
            Message::Cancel => {
                self.form = None;
                self.error = None;
                None
            }
            Message::Back => {
                self.form = None;
                Some(Event::Back)
            }
        }
    }

    /// The app stored the edit (`Ok`) or refused it (the form stays, with why).
    pub fn saved(&mut self, result: Result<Edit, String>) {
        match result {
            Ok(edit) => {
                if let Edit::Add(u) = &edit {
                    self.selected = Some(u.code.clone());
                }
                self.form = None;
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }

    pub fn view<'a>(&'a self, org: &'a Org, lang: Lang) -> Element<'a, Message> {
        let moving = match &self.form {
            Some(Form::Move { code, parent }) => Some((code.as_str(), parent.as_deref())),
            _ => None,
        };
        let mut list = column![].spacing(2);
        for (depth, u) in org.tree() {
            let marked = match moving {
                Some((_, p)) => p == Some(u.code.as_str()),
                None => self.selected.as_deref() == Some(u.code.as_str()),
            };
            let mut line = row![
                space().width(Length::Fixed(18.0 * depth as f32)),
                text(u.name.clone()).size(style::BODY).font(if depth == 0 { style::BOLD } else { style::FONT }),
                style::muted_text(u.code.clone()),
                space::horizontal(),
            ]
            .spacing(style::S8)
            .align_y(Alignment::Center);
            if let Some(p) = &u.consolidates_for {
                let name = org.unit(p).map_or(p.clone(), |x| x.name.clone());
                line = line.push(style::pill(ta(lang, "ui-org-consolidates", &[("unit", name.into())]), style::UPCOMING));
            }
            if u.retired {
                line = line.push(style::pill(t(lang, "ui-org-retired"), style::NEUTRAL));
            }
            line = line.push(text(t(lang, kind_label(u.kind))).size(style::SMALL).width(Length::Fixed(190.0)));
            let mut b = button(line).width(Length::Fill).padding([4, 8]).style(style::chip(marked));
            if moving.is_none_or(|(m, _)| m != u.code) {
                b = b.on_press(Message::Pick(u.code.clone()));
            }
            list = list.push(b);
        }
        let sel = self.selected.as_deref().and_then(|s| org.unit(s));
        let idle = self.form.is_none();
        let btn = |id: &str, m: Option<Message>| button(text(t(lang, id)).size(style::BODY)).padding([6, 14]).on_press_maybe(m);
        let actions = row![
            btn("ui-org-add", idle.then_some(Message::Add)),
            btn("ui-org-rename", (idle && sel.is_some()).then_some(Message::Rename)).style(button::secondary),
            btn("ui-org-move", (idle && sel.is_some()).then_some(Message::Move)).style(button::secondary),
            match sel {
                Some(u) if u.retired => btn("ui-org-unretire", idle.then_some(Message::Retire(false))).style(button::secondary),
                _ => btn("ui-org-retire", (idle && sel.is_some()).then_some(Message::Retire(true))).style(button::danger),
            },
            match sel {
                Some(u) if u.consolidates_for.is_some() => btn("ui-org-consolidate-off", idle.then_some(Message::Consolidate(false))).style(button::secondary),
                _ => btn("ui-org-consolidate", (idle && sel.is_some_and(|u| u.parent.is_some())).then_some(Message::Consolidate(true))).style(button::secondary),
            },
        ]
        .spacing(style::S8);
        let back = button(text(t(lang, "ui-org-back")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(Message::Back);
        let mut page = column![
            style::header(t(lang, "ui-org-title"), back.into()),
            style::muted_text(ta(lang, "ui-org-summary", &[("count", org.units.len().into())])),
            actions,
        ]
        .spacing(style::S12);
        if let Some(f) = &self.form {
            page = page.push(container(self.form_view(f, org, lang)).padding(14).width(Length::Fill).style(style::card));
        }
        page.push(scrollable(list.padding(iced::Padding { right: 14.0, ..iced::Padding::ZERO })).height(Length::Fill))
            .height(Length::Fill)
            .into()
    }

    fn form_view<'a>(&'a self, f: &'a Form, org: &'a Org, lang: Lang) -> Element<'a, Message> {
        let label = |id: &str| text(t(lang, id)).size(style::BODY).width(Length::Fixed(160.0));
        let name_of = |c: Option<&str>| c.and_then(|c| org.unit(c)).map_or_else(|| t(lang, "ui-org-no-parent"), |u| u.name.clone());
        let mut col = column![].spacing(style::S8);
        match f {
            Form::Add { code, name, kind, parent } => {
                col = col
                    .push(text(ta(lang, "ui-org-add-under", &[("parent", name_of(parent.as_deref()).into())])).size(style::TITLE).font(style::BOLD))
                    .push(row![label("ui-org-name"), text_input(&t(lang, "ui-org-name-hint"), name).id(NAME_ID).on_input(Message::Name).on_submit(Message::Save).padding(6)].spacing(style::S12).align_y(Alignment::Center))
                    .push(row![label("ui-org-code"), text_input("PKT", code).id(CODE_ID).on_input(Message::Code).on_submit(Message::Save).padding(6).width(Length::Fixed(160.0))].spacing(style::S12).align_y(Alignment::Center))
                    .push(
                        row![label("ui-org-kind")]
                            .extend(KINDS.iter().map(|k| button(text(t(lang, kind_label(*k))).size(style::BODY)).padding([4, 12]).style(style::chip(k == kind)).on_press(Message::Kind(*k)).into()))
                            .spacing(style::S8)
                            .align_y(Alignment::Center),
                    );
            }
            Form::Rename { code, name } => {
                col = col
                    .push(text(ta(lang, "ui-org-rename-title", &[("code", code.as_str().into())])).size(style::TITLE).font(style::BOLD))
                    .push(row![label("ui-org-name"), text_input(&t(lang, "ui-org-name-hint"), name).id(NAME_ID).on_input(Message::Name).on_submit(Message::Save).padding(6)].spacing(style::S12).align_y(Alignment::Center));
            }
            Form::Move { code, parent } => {
                let who = org.unit(code).map_or(code.clone(), |u| u.name.clone());
                col = col
                    .push(text(ta(lang, "ui-org-move-title", &[("unit", who.into())])).size(style::TITLE).font(style::BOLD))
                    .push(style::muted_text(t(lang, "ui-org-move-hint")))
                    .push(
                        row![
                            label("ui-org-new-parent"),
                            text(name_of(parent.as_deref())).size(style::BODY).font(style::BOLD),
                            button(text(t(lang, "ui-org-no-parent")).size(style::SMALL)).padding([2, 10]).style(button::secondary).on_press(Message::NoParent),
                        ]
                        .spacing(style::S12)
                        .align_y(Alignment::Center),
                    );
            }
        }
        if let Some(e) = &self.error {
            col = col.push(container(text(e.clone()).size(style::BODY)).padding(8).width(Length::Fill).style(style::banner(true)));
        }
        col.push(
            row![
                space::horizontal(),
                button(text(t(lang, "ui-cancel")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(Message::Cancel),
                button(text(t(lang, "ui-org-save")).size(style::BODY)).padding([6, 14]).on_press(Message::Save),
            ]
            .spacing(style::S8),
        )
        .into()
    }
}

/// The kind a new unit under a unit of `parent` kind most often has.
fn child_kind(parent: UnitKind) -> UnitKind {
    match parent {
        UnitKind::Government | UnitKind::Commune => UnitKind::Department,
        UnitKind::Department | UnitKind::PublicService => UnitKind::PublicService,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org() -> Org {
        let src = crate::plan::builtin_source();
        Org::from_plan_units(&src.id, &src.units).unwrap()
    }

    #[test]
    fn moving_picks_the_new_parent_in_the_tree() {
        let org = org();
        let mut s = State::default();
        s.update(Message::Pick("X-AP".into()), &org);
        s.update(Message::Move, &org);
        s.update(Message::Pick("PNV".into()), &org);
        assert_eq!(s.selected.as_deref(), Some("X-AP"), "the tree picks the parent while moving");
        assert_eq!(
            s.update(Message::Save, &org),
            Some(Event::Save(Edit::Move { code: "X-AP".into(), parent: Some("PNV".into()) }))
        );
        let e = Edit::Move { code: "CUCHI".into(), parent: Some("PNV".into()) };
        assert_eq!(e.apply(&org).unwrap_err().key, "err-org-cycle");
    }

    #[test]
    fn a_unit_is_made_to_consolidate_for_its_parent() {
        let org = org();
        let mut s = State::default();
        s.update(Message::Pick("PTP".into()), &org);
        let Some(Event::Save(edit)) = s.update(Message::Consolidate(true), &org) else { panic!("an edit") };
        assert_eq!(edit, Edit::Consolidate { code: "PTP".into(), parent: Some("CUCHI".into()) });
        let next = edit.apply(&org).unwrap();
        assert_eq!(next.consolidates_for("PTP"), Some("CUCHI"));
        s.update(Message::Pick("CUCHI".into()), &org);
        assert_eq!(s.update(Message::Consolidate(true), &org), None, "the root has no parent to consolidate for");
    }

    #[test]
    fn a_new_unit_gets_a_suggested_code_and_the_selected_parent() {
        let org = org();
        let mut s = State::default();
        s.update(Message::Pick("CUCHI".into()), &org);
        s.update(Message::Add, &org);
        s.update(Message::Name("Phòng Dân tộc".into()), &org);
        match &s.form {
            Some(Form::Add { code, kind, parent, .. }) => {
                assert_eq!(code, "PDT");
                assert_eq!(*kind, UnitKind::Department);
                assert_eq!(parent.as_deref(), Some("CUCHI"));
            }
            f => panic!("{f:?}"),
        }
    }
}
