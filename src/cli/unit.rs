//! `tiendo unit …`: the organisation: list, set, import, add, rename, move,
//! retire, unretire, consolidate.

use std::io::Write;
use std::path::PathBuf;

use serde_json::{Value, json};

use super::*;

pub(super) fn cmd_unit(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    let sub = args.first().map(String::as_str).unwrap_or("list");
    let rest = if args.is_empty() { args } else { &args[1..] };
    let mut ws = open_workspace(g)?;
    match sub {
        "list" => {
            let o = Opts::parse(rest, &[], &["json"])?;
            let tree = ws.org.tree();
            if o.flag("json") {
                let v: Vec<Value> = tree.iter().map(|(depth, u)| {
                    json!({"code": u.code, "name": u.name, "kind": u.kind, "parent": u.parent, "depth": depth,
                           "retired": u.retired, "consolidates_for": u.consolidates_for,
                           "tasks": ws.plan.assignments_of(&u.code).len(),
                           "current": ws.unit.as_deref() == Some(u.code.as_str())})
                }).collect();
                return print_json(out, &json!(v));
            }
            for (depth, u) in tree {
                let mark = if ws.unit.as_deref() == Some(u.code.as_str()) { "*" } else { " " };
                let mut extra = vec![tr(crate::org::kind_label(u.kind))];
                if let Some(p) = &u.parent {
                    extra.push(tra("unit-parent", &[("code", p.as_str().into())]));
                }
                if let Some(p) = &u.consolidates_for {
                    extra.push(tra("unit-consolidates", &[("code", p.as_str().into())]));
                }
                if u.retired {
                    extra.push(tr("unit-retired-mark"));
                }
                let count = ws.plan.assignments_of(&u.code).len();
                if count > 0 {
                    extra.push(tra("unit-task-count", &[("count", count.into())]));
                }
                let name = format!("{}{}", "  ".repeat(depth), u.name);
                writeln!(out, "{mark} {:<10} {:<50} {}", u.code, name, extra.join(" · "))?;
            }
            Ok(())
        }
        "import" => {
            let o = Opts::parse(rest, &[], &["dry-run"])?;
            let file = PathBuf::from(o.pos(0, "FILE.csv")?);
            let rows = crate::org::read_units_file(&file)?;
            let ch = ws.import_units(&rows, o.flag("dry-run"))?;
            print_org_changes(&ch, out)?;
            if o.flag("dry-run") {
                writeln!(out, "{}", tr("import-dry-run"))?;
            }
            Ok(())
        }
        "add" => {
            let o = Opts::parse(rest, &["name", "kind", "parent", "consolidates-for"], &[])?;
            let code = o.pos(0, "CODE")?.to_owned();
            let need = |k: &str| o.need(k).map(str::to_owned);
            let name = need("name")?;
            let kind_text = need("kind")?;
            let kind = crate::org::parse_kind_word(&kind_text).ok_or_else(|| Error::new("err-org-kind").arg("value", kind_text.as_str()))?;
            let parent = o.get("parent").map(|p| resolve_org_code(&ws, p)).transpose()?;
            let cons = o.get("consolidates-for").map(|p| resolve_org_code(&ws, p)).transpose()?;
            let mut org = ws.org.clone();
            org.add(crate::org::OrgUnit {
                code: code.clone(),
                name: crate::text::nfc(name.trim()),
                kind,
                parent,
                retired: false,
                consolidates_for: cons,
                aliases: vec![],
            })?;
            ws.save_org(org)?;
            writeln!(out, "{}", tra("unit-added", &[("code", code.into()), ("name", name.into())]))?;
            Ok(())
        }
        "rename" => {
            let o = Opts::parse(rest, &["name"], &[])?;
            let code = resolve_org_code(&ws, o.pos(0, "CODE")?)?;
            let name = o.get("name").map(str::to_owned).or_else(|| o.positional.get(1).cloned())
                .ok_or_else(|| Error::from(UsageError::MissingValue { option: "--name".into() }))?;
            let old = ws.org.unit(&code).map(|u| u.name.clone()).unwrap_or_default();
            let mut org = ws.org.clone();
            org.rename(&code, &name)?;
            ws.save_org(org)?;
            writeln!(out, "{}", tra("unit-renamed", &[("code", code.into()), ("old", old.into()), ("new", name.trim().into())]))?;
            Ok(())
        }
        // "Ban CHQS xã" in a plan means this unit: the phrase resolves to it from now on.
        "alias" => {
            let o = Opts::parse(rest, &[], &[])?;
            let code = resolve_org_code(&ws, o.pos(0, "CODE")?)?;
            let phrase = o.pos(1, "\"…\"")?.to_owned();
            let mut org = ws.org.clone();
            org.add_alias(&code, &phrase)?;
            ws.save_org(org)?;
            let name = ws.org.unit(&code).map(|u| u.name.clone()).unwrap_or_default();
            writeln!(out, "{}", tra("unit-alias-added", &[("code", code.into()), ("name", name.into()), ("phrase", phrase.trim().into())]))?;
            Ok(())
        }
        "move" => {
            let o = Opts::parse(rest, &["parent"], &[])?;
            let code = resolve_org_code(&ws, o.pos(0, "CODE")?)?;
            let parent_text = o.get("parent").map(str::to_owned).or_else(|| o.positional.get(1).cloned())
                .ok_or_else(|| Error::from(UsageError::MissingValue { option: "--parent".into() }))?;
            let parent = if parent_text == "-" { None } else { Some(resolve_org_code(&ws, &parent_text)?) };
            let mut org = ws.org.clone();
            org.move_to(&code, parent.as_deref())?;
            ws.save_org(org)?;
            writeln!(out, "{}", tra("unit-moved", &[("code", code.into()), ("parent", parent.unwrap_or_else(|| "—".into()).into())]))?;
            Ok(())
        }
        "retire" | "unretire" => {
            let o = Opts::parse(rest, &[], &[])?;
            let code = resolve_org_code(&ws, o.pos(0, "CODE")?)?;
            let mut org = ws.org.clone();
            org.set_retired(&code, sub == "retire")?;
            ws.save_org(org)?;
            let key = if sub == "retire" { "unit-retired" } else { "unit-unretired" };
            writeln!(out, "{}", tra(key, &[("code", code.into())]))?;
            Ok(())
        }
        "consolidate" => {
            let o = Opts::parse(rest, &["for"], &["none"])?;
            let code = resolve_org_code(&ws, o.pos(0, "CODE")?)?;
            let target = if o.flag("none") {
                None
            } else {
                let p = o.need("for")?;
                Some(resolve_org_code(&ws, p)?)
            };
            let mut org = ws.org.clone();
            org.set_consolidates_for(&code, target.as_deref())?;
            ws.save_org(org)?;
            writeln!(out, "{}", tra("unit-consolidation-set", &[("code", code.into()), ("parent", target.unwrap_or_else(|| "—".into()).into())]))?;
            Ok(())
        }
        "set" => {
            let o = Opts::parse(rest, &[], &[])?;
            let code = o.pos(0, "CODE")?;
            ws.set_unit(code)?;
            let name = ws.plan.unit(code).map(|u| u.name.clone()).unwrap_or_default();
            writeln!(out, "{}", tra("unit-set", &[("code", code.into()), ("name", name.into())]))?;
            Ok(())
        }
        "show" => {
            let code = ws.require_unit()?.to_owned();
            let name = ws.plan.unit(&code).map(|u| u.name.clone()).unwrap_or_default();
            writeln!(out, "{code} {name}")?;
            Ok(())
        }
        _ => Err(Error::from(UsageError::Command { command: format!("unit {sub}") })),
    }
}

/// A unit of the organisation given by its code (or its exact name).
fn resolve_org_code(ws: &crate::workspace::Workspace, text: &str) -> Result<String> {
    if ws.org.unit(text).is_some() {
        return Ok(text.to_owned());
    }
    let k = crate::agency::key(text);
    let hits: Vec<&crate::org::OrgUnit> = ws.org.units.iter().filter(|u| crate::agency::key(&u.name) == k).collect();
    match hits.as_slice() {
        [one] => Ok(one.code.clone()),
        _ => Err(Error::new("err-unknown-unit").arg("code", text)),
    }
}

/// What a units import changed, one line per change.
fn print_org_changes(ch: &crate::org::OrgChanges, out: &mut dyn Write) -> Result<()> {
    let opt = |c: &Option<String>| c.clone().unwrap_or_else(|| "—".into());
    if ch.created {
        writeln!(out, "{}", tra("units-created", &[("count", ch.added.len().into())]))?;
    }
    for (c, name) in &ch.added {
        writeln!(out, "  + {}", tra("units-added-line", &[("code", c.as_str().into()), ("name", name.as_str().into())]))?;
    }
    for (c, old, new) in &ch.renamed {
        writeln!(out, "  ~ {}", tra("units-renamed-line", &[("code", c.as_str().into()), ("old", old.as_str().into()), ("new", new.as_str().into())]))?;
    }
    for (c, old, new) in &ch.moved {
        writeln!(out, "  → {}", tra("units-moved-line", &[("code", c.as_str().into()), ("old", opt(old).into()), ("new", opt(new).into())]))?;
    }
    for (c, old, new) in &ch.kind_changed {
        writeln!(out, "  ~ {}", tra("units-kind-line", &[("code", c.as_str().into()), ("old", tr(crate::org::kind_label(*old)).into()), ("new", tr(crate::org::kind_label(*new)).into())]))?;
    }
    for (c, old, new) in &ch.consolidation {
        writeln!(out, "  ~ {}", tra("units-consolidation-line", &[("code", c.as_str().into()), ("old", opt(old).into()), ("new", opt(new).into())]))?;
    }
    for c in &ch.restored {
        writeln!(out, "  ↺ {}", tra("units-restored-line", &[("code", c.as_str().into())]))?;
    }
    if !ch.created {
        writeln!(out, "{}", tra("units-summary", &[
            ("added", ch.added.len().into()),
            ("changed", (ch.renamed.len() + ch.moved.len() + ch.kind_changed.len() + ch.consolidation.len() + ch.restored.len()).into()),
            ("unchanged", ch.unchanged.into()),
        ]))?;
    }
    Ok(())
}

