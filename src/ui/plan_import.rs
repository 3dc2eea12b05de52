//! The import preview: a plan's appendix read from a Word, Excel or CSV
//! file, shown task by task before anything is saved. Agencies that match
//! no unit are highlighted with their row, and each is offered as a unit of
//! the organisation (recorded as that unit's other name) or as a new unit;
//! the plan is then read again. A plan already installed under the same id
//! shows what the new version changes. "Nhập" saves.

use std::path::{Path, PathBuf};

use iced::widget::{button, column, container, pick_list, row, scrollable, text};
use iced::{Alignment, Element, Length};

use super::org::Edit;
use super::{Choice, style, t, ta};
use crate::domain::Plan;
use crate::error::Result;
use crate::i18n::Lang;
use crate::plan::import::{ImportOptions, Imported, import_table, read_table_file};
use crate::plan::years::PlanDiff;
use crate::workspace::Workspace;

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// Save the plan and make it active.
    Accept,
    Cancel,
    /// The unmatched phrase names this unit (recorded as its other name).
    Map(String, Option<String>),
    /// The unmatched phrase becomes a new unit of the organisation.
    NewUnit(String),
}

/// A plan read from a file, not saved yet.
#[derive(Debug, Clone)]
pub struct Preview {
    pub path: PathBuf,
    pub imported: Imported,
    pub plan: Plan,
    pub diff: Option<PlanDiff>,
    /// The organisation's live units, as the "is unit…" lists offer them
    /// (made once when the file is read, not at every frame).
    pub units: Vec<Choice<String>>,
}

impl Preview {
    /// Reads `path` against the organisation of the active plan.
    pub fn read(ws: &Workspace, path: &Path) -> Result<Preview> {
        let table = read_table_file(path)?;
        // The table's agencies resolve against the organisation's units.
        let base = crate::plan::with_org_units(&ws.plan_source()?, Some(&ws.org));
        let imported = import_table(&table, &base, &ImportOptions::default())?;
        let plan = crate::plan::build_in(&imported.source, Some(&ws.org))?;
        let diff = ws.diff_with_installed(&imported.source)?;
        let units = ws
            .org
            .tree()
            .into_iter()
            .filter(|(_, u)| !u.retired)
            .map(|(depth, u)| Choice::new(Some(u.code.clone()), format!("{}{} ({})", "  ".repeat(depth), u.name, u.code)))
            .collect();
        Ok(Preview { path: path.to_owned(), imported, plan, diff, units })
    }

    /// The phrases that matched no unit, each once, in the order met.
    pub fn unmatched_phrases(&self) -> Vec<&str> {
        let mut out: Vec<&str> = vec![];
        for u in &self.imported.unmatched {
            if !out.contains(&u.phrase.as_str()) {
                out.push(&u.phrase);
            }
        }
        out
    }

    /// The change of the organisation a choice about an unmatched phrase
    /// makes (saved on the save worker; the preview is read again after).
    pub fn edit_for(&self, m: &Message, org: &crate::org::Org) -> Option<Edit> {
        match m {
            Message::Map(phrase, Some(code)) => Some(Edit::Alias { code: code.clone(), phrase: phrase.clone() }),
            Message::NewUnit(phrase) => {
                let issuer = self.imported.source.issuer.as_str();
                let parent = org.unit(issuer).map(|u| u.code.clone()).or_else(|| org.tree().first().map(|(_, u)| u.code.clone()));
                Some(Edit::Add(org.unit_for_phrase(phrase, parent.as_deref())))
            }
            _ => None,
        }
    }

    /// One line per unmatched phrase: "is unit…" and "add as a new unit".
    fn unmatched_choices(&self, lang: Lang) -> Element<'_, Message> {
        let mut list = column![style::muted_text(t(lang, "ui-import-unmatched-help"))].spacing(4);
        for phrase in self.unmatched_phrases() {
            let owned = phrase.to_owned();
            let pick = pick_list(&self.units[..], None::<Choice<String>>, move |c: Choice<String>| Message::Map(owned.clone(), c.value))
                .placeholder(t(lang, "ui-import-map"))
                .text_size(style::SMALL)
                .width(Length::Fixed(320.0));
            list = list.push(
                row![
                    text(format!("«{phrase}»")).size(style::BODY).width(Length::Fill),
                    pick,
                    button(text(t(lang, "ui-import-new-unit")).size(style::SMALL)).padding([4, 10]).style(button::secondary).on_press(Message::NewUnit(phrase.to_owned())),
                ]
                .spacing(style::S8)
                .align_y(Alignment::Center),
            );
        }
        list.into()
    }

    pub fn view(&self, lang: Lang) -> Element<'_, Message> {
        let p = &self.plan;
        let names = |codes: &[String]| codes.iter().map(|c| p.unit(c).map(|u| u.name.clone()).unwrap_or_else(|| c.clone())).collect::<Vec<_>>().join("; ");
        let file = self.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let assignments: usize = p.tasks.iter().map(|t| t.lead.len() + t.coordinating.len()).sum();
        let summary = ta(lang, "import-summary", &[
            ("areas", p.areas.len().into()),
            ("tasks", p.tasks.len().into()),
            ("assignments", assignments.into()),
            ("year", p.year.to_string().into()),
        ]);
        let targets = ta(lang, "import-targets", &[("read", self.imported.targets_source().into()), ("count", p.targets.len().into())]);
        let mut body = column![text(summary).size(style::BODY), style::muted_text(targets)].spacing(style::S8);
        if !self.imported.unmatched.is_empty() {
            body = body.push(text(ta(lang, "import-unmatched", &[("count", self.imported.unmatched.len().into())])).size(style::BODY).font(style::BOLD).style(text::danger));
            for u in &self.imported.unmatched {
                let line = ta(lang, "import-unmatched-item", &[("row", u.row.into()), ("column", u.column.as_str().into()), ("value", u.phrase.as_str().into())]);
                body = body.push(text(format!("• {line} ({})", u.task)).size(style::BODY).style(text::danger));
            }
            body = body.push(self.unmatched_choices(lang));
        }
        if let Some(d) = &self.diff {
            let counts = format!(
                "{} — + {} · − {} · {} {} · {} {}",
                ta(lang, "plan-diff-title", &[("id", p.id.as_str().into())]),
                d.added.len(),
                d.removed.len(),
                t(lang, "plan-diff-reworded"),
                d.reworded.len(),
                t(lang, "plan-diff-moved"),
                d.moved.len()
            );
            body = body.push(text(counts).size(style::BODY));
        }
        let mut rows = column![].spacing(4);
        // The targets read from the file's own section, before its tasks.
        if self.imported.targets_read {
            rows = rows.push(text(ta(lang, "ui-import-targets-title", &[("count", p.targets.len().into())])).size(style::BODY).font(style::BOLD));
            for target in &p.targets {
                rows = rows.push(
                    row![
                        text(target.code.clone()).size(style::BODY).width(Length::Fixed(60.0)),
                        text(target.goal(lang)).size(style::BODY).width(Length::Fixed(90.0)),
                        text(target.text.clone()).size(style::SMALL).width(Length::Fill),
                    ]
                    .spacing(style::S8)
                    .padding([2, 6]),
                );
            }
        }
        for a in &p.areas {
            rows = rows.push(text(format!("{}. {}", a.code, a.title)).size(style::BODY).font(style::BOLD));
            for task in p.tasks.iter().filter(|x| x.area == a.code) {
                let unmatched = self.imported.unmatched.iter().any(|u| u.task == task.code);
                let dates = task.schedule.dates().into_iter().map(crate::i18n::format_date).collect::<Vec<_>>().join(", ");
                // A deadline written as its date is said once.
                let deadline = if dates == task.deadline_text.trim() { dates } else { format!("{}\n{dates}", task.deadline_text) };
                let line = row![
                    text(task.code.clone()).size(style::BODY).width(Length::Fixed(60.0)),
                    text(task.description.clone()).size(style::BODY).width(Length::FillPortion(5)),
                    text(names(&task.lead)).size(style::SMALL).width(Length::FillPortion(3)),
                    text(names(&task.coordinating)).size(style::SMALL).width(Length::FillPortion(3)),
                    text(deadline).size(style::SMALL).width(Length::FillPortion(2)),
                ]
                .spacing(style::S8);
                let cell = container(line).padding([4, 6]).width(Length::Fill);
                rows = rows.push(if unmatched { cell.style(style::banner(true)) } else { cell });
            }
        }
        let head = row![
            text(t(lang, "ui-import-col-code")).size(style::SMALL).font(style::BOLD).width(Length::Fixed(60.0)),
            text(t(lang, "ui-import-col-task")).size(style::SMALL).font(style::BOLD).width(Length::FillPortion(5)),
            text(t(lang, "role-lead")).size(style::SMALL).font(style::BOLD).width(Length::FillPortion(3)),
            text(t(lang, "role-coordinating")).size(style::SMALL).font(style::BOLD).width(Length::FillPortion(3)),
            text(t(lang, "col-deadline")).size(style::SMALL).font(style::BOLD).width(Length::FillPortion(2)),
        ]
        .spacing(style::S8)
        .padding([0, 6]);
        // The answer stands in the header: a notice floating over the bottom never covers it.
        let actions = row![
            button(text(t(lang, "ui-cancel")).size(style::BODY)).padding([6, 14]).style(button::secondary).on_press(Message::Cancel),
            button(text(t(lang, "ui-import-accept")).size(style::BODY)).padding([6, 14]).on_press(Message::Accept),
        ]
        .spacing(style::S8)
        .align_y(Alignment::Center);
        column![
            style::header(ta(lang, "ui-import-title", &[("file", file.into())]), actions.into()),
            body,
            head,
            scrollable(rows.padding(iced::Padding { right: 14.0, ..iced::Padding::ZERO })).height(Length::Fill),
        ]
        .spacing(style::S12)
        .into()
    }
}
