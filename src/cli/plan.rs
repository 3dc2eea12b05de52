//! `tiendo plan …`: show, export, import (Word, Excel, CSV, signed
//! packages), list, use, rollover.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::{Globals, Opts, names, open_workspace, plan_json, print_json, schedule_text};
use crate::error::{Error, Result, UsageError};
use crate::i18n::{self, Arg, format_date, tr, tra};
use crate::plan::import::{ImportOptions, Imported, import_table, read_table_file};
use crate::plan::source::PlanSource;
use crate::plan::years::PlanDiff;

pub(super) fn cmd_plan(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    let sub = args.first().map(String::as_str).unwrap_or("show");
    let rest = if args.is_empty() { args } else { &args[1..] };
    match sub {
        "show" => {
            let o = Opts::parse(rest, &[], &["json"])?;
            let ws = open_workspace(g)?;
            let p = &ws.plan;
            if o.flag("json") {
                return print_json(out, &plan_json(p));
            }
            writeln!(out, "{} — {} ({})", p.number, p.title, format_date(p.date))?;
            for a in &p.areas {
                writeln!(out, "\n{}. {}", a.code, a.title)?;
                for t in p.tasks.iter().filter(|t| t.area == a.code) {
                    writeln!(out, "  {:<5} {}", t.code, t.description)?;
                    writeln!(out, "        {}: {}", tr("col-products"), t.products.join("; "))?;
                    writeln!(out, "        {}: {}", tr("role-lead"), names(p, &t.lead))?;
                    if !t.coordinating.is_empty() {
                        writeln!(out, "        {}: {}", tr("role-coordinating"), names(p, &t.coordinating))?;
                    }
                    writeln!(out, "        {}: {} → {}", tr("col-deadline"), t.deadline_text, schedule_text(&t.schedule))?;
                }
            }
            writeln!(out, "\n{}", tr("kpi-title"))?;
            for t in &p.targets {
                writeln!(out, "  {:<6} {}  {}", t.code, t.goal(i18n::lang()), t.text)?;
            }
            Ok(())
        }
        "export" => {
            let o = Opts::parse(rest, &["out"], &[])?;
            let dest = PathBuf::from(o.need("out")?);
            let ws = open_workspace(g)?;
            let m = ws.export_plan(&dest)?;
            writeln!(out, "{}", tra("plan-exported", &[("path", dest.display().to_string().into()), ("id", m.plan_id.as_str().into())]))?;
            Ok(())
        }
        "import" => cmd_import(g, rest, out),
        "list" => {
            let o = Opts::parse(rest, &[], &["json"])?;
            let ws = open_workspace(g)?;
            let plans = ws.plans()?;
            if o.flag("json") {
                return print_json(out, &json!(plans));
            }
            for p in &plans {
                let mark = if p.active { "*" } else { " " };
                let number = if p.number.is_empty() { "—" } else { p.number.as_str() };
                writeln!(out, "{mark} {:<24} {} {:<16} {:<8} {}", p.id, p.year, number, p.issuer, tra("plan-task-count", &[("count", p.tasks.into())]))?;
            }
            Ok(())
        }
        "use" => {
            let o = Opts::parse(rest, &[], &[])?;
            let id = o.pos(0, "ID")?;
            let mut ws = open_workspace(g)?;
            let p = ws.use_plan(id)?;
            writeln!(out, "{}", tra("plan-using", &[("id", p.id.as_str().into()), ("year", Arg::Str(p.year.to_string()))]))?;
            Ok(())
        }
        "rollover" => {
            let o = Opts::parse(rest, &["year", "id", "new-id"], &[])?;
            let year = parse_year(o.need("year")?)?;
            let mut ws = open_workspace(g)?;
            let r = ws.rollover(year, o.get("id"), o.get("new-id"))?;
            writeln!(out, "{}", tra("plan-rolled-over", &[
                ("from", r.from.as_str().into()),
                ("id", r.plan.id.as_str().into()),
                ("year", Arg::Str(year.to_string())),
                ("tasks", r.plan.tasks.len().into()),
            ]))?;
            writeln!(out, "{}", tra("plan-unfinished", &[("count", r.unfinished.len().into())]))?;
            for (task, units) in &r.unfinished {
                let desc = r.plan.task(task).map(|t| t.description.as_str()).unwrap_or("");
                writeln!(out, "  {task:<6} {} — {}", short(desc, 60), tra("plan-unfinished-units", &[("count", units.len().into()), ("units", names(&r.plan, units).into())]))?;
            }
            Ok(())
        }
        _ => Err(Error::from(UsageError::Command { command: format!("plan {sub}") })),
    }
}

fn parse_year(y: &str) -> Result<i32> {
    y.parse::<i32>().ok().filter(|y| (2000..=2100).contains(y)).ok_or_else(|| Error::new("err-bad-year").arg("value", y))
}

fn short(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

fn cmd_import(g: &Globals, rest: &[String], out: &mut dyn Write) -> Result<()> {
    let o = Opts::parse(rest, &["id", "year", "number", "title", "pubkey", "issuer"], &["dry-run", "allow-unmatched"])?;
    let file = PathBuf::from(o.pos(0, "FILE")?);
    let mut ws = open_workspace(g)?;
    let ext = file.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if ext == "zip" {
        let key = match o.get("pubkey") {
            Some(k) => {
                let text = if Path::new(k).is_file() { std::fs::read_to_string(k)? } else { k.to_owned() };
                Some(crate::crypto::sign::PublicKey::parse(&text)?)
            }
            None => None,
        };
        let (src, signer) = ws.read_plan_package(&file, key.clone())?;
        let diff = ws.diff_with_installed(&src)?;
        print_diff(out, diff.as_ref(), &src)?;
        if o.flag("dry-run") {
            writeln!(out, "{}", tr("import-dry-run"))?;
            return Ok(());
        }
        // Installed, and a key given is trusted as the signing office's.
        let plan = ws.adopt_plan_package(&src, &signer, key)?;
        writeln!(out, "{}", tra("import-done", &[("id", plan.id.as_str().into())]))?;
        return Ok(());
    }
    let table = read_table_file(&file)?;
    // The table's agencies resolve against the organisation's units.
    let base = crate::plan::with_org_units(&ws.plan_source()?, Some(&ws.org));
    let opts = ImportOptions {
        id: o.get("id").map(str::to_owned),
        year: o.get("year").map(parse_year).transpose()?,
        number: o.get("number").map(str::to_owned),
        title: o.get("title").map(str::to_owned),
        issuer: o.get("issuer").map(str::to_owned),
    };
    let imported = import_table(&table, &base, &opts)?;
    let plan = crate::plan::build_in(&imported.source, Some(&ws.org))?;
    let assignments: usize = plan.tasks.iter().map(|t| t.lead.len() + t.coordinating.len()).sum();
    writeln!(out, "{}", tra("import-summary", &[
        ("areas", plan.areas.len().into()),
        ("tasks", plan.tasks.len().into()),
        ("assignments", assignments.into()),
        ("year", Arg::Str(plan.year.to_string())),
    ]))?;
    writeln!(out, "{}", tra("import-targets", &[("read", imported.targets_source().into()), ("count", plan.targets.len().into())]))?;
    if imported.targets_read {
        for t in &plan.targets {
            writeln!(out, "  {:<7} {:<12} {}", t.code, t.goal(i18n::lang()), t.text)?;
        }
    }
    for (row, code, text) in &imported.unparsed {
        writeln!(out, "  {}", tra("import-unparsed", &[("row", (*row).into()), ("code", code.into()), ("text", text.into())]))?;
    }
    print_unmatched(out, &imported)?;
    let diff = ws.diff_with_installed(&imported.source)?;
    if o.flag("dry-run") {
        for t in &plan.tasks {
            writeln!(out, "  {:<7} {} | {} | {} | {}", t.code, names(&plan, &t.lead), names(&plan, &t.coordinating), t.deadline_text, schedule_text(&t.schedule))?;
        }
        print_diff(out, diff.as_ref(), &imported.source)?;
        writeln!(out, "{}", tr("import-dry-run"))?;
        return Ok(());
    }
    if !imported.unmatched.is_empty() && !o.flag("allow-unmatched") {
        let list: Vec<String> = imported
            .unmatched
            .iter()
            .map(|u| tra("import-unmatched-item", &[("row", u.row.into()), ("column", u.column.as_str().into()), ("value", u.phrase.as_str().into())]))
            .collect();
        return Err(Error::new("err-import-unmatched").arg("count", imported.unmatched.len()).arg("list", list.join("; ")));
    }
    print_diff(out, diff.as_ref(), &imported.source)?;
    let plan = ws.install_plan(&imported.source)?;
    writeln!(out, "{}", tra("import-done", &[("id", plan.id.as_str().into())]))?;
    Ok(())
}

fn print_unmatched(out: &mut dyn Write, imported: &Imported) -> Result<()> {
    if imported.unmatched.is_empty() {
        return Ok(());
    }
    writeln!(out, "{}", tra("import-unmatched", &[("count", imported.unmatched.len().into())]))?;
    for u in &imported.unmatched {
        writeln!(out, "  {} ({})", tra("import-unmatched-item", &[("row", u.row.into()), ("column", u.column.as_str().into()), ("value", u.phrase.as_str().into())]), u.task)?;
    }
    writeln!(out, "{}", tra("import-unmatched-hint", &[]))?;
    Ok(())
}

/// What a new version of an installed plan changes, task by task.
fn print_diff(out: &mut dyn Write, diff: Option<&PlanDiff>, src: &PlanSource) -> Result<()> {
    let Some(d) = diff else { return Ok(()) };
    if d.is_empty() {
        writeln!(out, "{}", tra("plan-diff-none", &[("id", src.id.as_str().into())]))?;
        return Ok(());
    }
    writeln!(out, "{}", tra("plan-diff-title", &[("id", src.id.as_str().into())]))?;
    let dates = |ds: &[chrono::NaiveDate]| ds.iter().map(|d| format_date(*d)).collect::<Vec<_>>().join(", ");
    for c in &d.added {
        writeln!(out, "  + {c} {}", tr("plan-diff-added"))?;
    }
    for c in &d.removed {
        writeln!(out, "  − {c} {}", tr("plan-diff-removed"))?;
    }
    for (c, old, new) in &d.reworded {
        writeln!(out, "  ~ {c} {}: «{}» → «{}»", tr("plan-diff-reworded"), short(old, 50), short(new, 50))?;
    }
    for (c, old, new, od, nd) in &d.moved {
        writeln!(out, "  ~ {c} {}: {old} ({}) → {new} ({})", tr("plan-diff-moved"), dates(od), dates(nd))?;
    }
    for (c, old, new) in &d.reassigned {
        writeln!(out, "  ~ {c} {}: {old} → {new}", tr("plan-diff-reassigned"))?;
    }
    Ok(())
}
