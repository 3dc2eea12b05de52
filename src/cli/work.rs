//! `tiendo tasks`, `task`, `kpi` and `evidence`: the unit's daily work.

use super::*;

pub(super) fn unit_json(ws_plan: &crate::domain::Plan, codes: &[String]) -> Value {
    json!(codes
        .iter()
        .map(|c| json!({"code": c, "name": ws_plan.unit(c).map(|u| u.name.as_str()).unwrap_or("")}))
        .collect::<Vec<_>>())
}

pub(super) fn plan_json(p: &crate::domain::Plan) -> Value {
    json!({
        "id": p.id,
        "hash": p.hash,
        "number": p.number,
        "date": p.date.to_string(),
        "issuer": p.issuer,
        "year": p.year,
        "title": p.title,
        "areas": p.areas,
        "tasks": p.tasks.iter().map(|t| {
            let mut v = json!({
                "code": t.code,
                "area": t.area,
                "description": t.description,
                "products": t.products,
                "lead": unit_json(p, &t.lead),
                "coordinating": unit_json(p, &t.coordinating),
                "lead_text": t.lead_text,
                "coordinating_text": t.coordinating_text,
                "deadline_text": t.deadline_text,
                "repairs": t.repairs,
                "milestones": t.schedule.milestones.iter().map(|m| json!({"due": m.due.to_string(), "label": m.label})).collect::<Vec<_>>(),
            });
            let s = schedule_json(&t.schedule);
            for k in ["dates", "on_demand", "continuous", "external", "unparsed"] {
                v[k] = s[k].clone();
            }
            v
        }).collect::<Vec<_>>(),
        "targets": p.targets,
        "units": p.units,
    })
}

pub(super) fn names(p: &crate::domain::Plan, codes: &[String]) -> String {
    codes.iter().map(|c| p.unit(c).map(|u| u.name.as_str()).unwrap_or(c)).collect::<Vec<_>>().join("; ")
}

pub(super) fn cmd_tasks(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    let o = Opts::parse(args, &["unit", "quarter", "status", "role", "area", "search"], &["overdue", "json", "no-evidence"])?;
    let ws = open_workspace(g)?;
    let unit = ws.unit_or(o.get("unit"))?;
    let filter = Filter {
        area: o.get("area").map(str::to_owned),
        status: o.get("status").map(|s| Status::parse(s).ok_or_else(|| Error::new("err-bad-status").arg("value", s))).transpose()?,
        role: o.get("role").map(|s| Role::parse(s).ok_or_else(|| Error::new("err-bad-role").arg("value", s))).transpose()?,
        period: o.get("quarter").map(Period::parse).transpose()?,
        overdue: o.flag("overdue"),
        search: o.get("search").unwrap_or("").to_owned(),
        done_without_evidence: o.flag("no-evidence"),
        due_within_days: None,
    };
    let rows = ws.rows(&unit, &filter)?;
    // With a period: which milestones of the work in progress fall due in it.
    let due_in = |t: &crate::domain::Task| filter.period.map(|p| t.due_in(p));
    if o.flag("json") {
        let v: Vec<Value> = rows.iter().map(|r| json!({
            "code": r.task.code,
            "area": r.task.area,
            "description": r.task.description,
            "products": r.task.products,
            "role": r.state.role,
            "status": r.state.status,
            "progress": r.state.progress,
            "note": r.state.note,
            "deadline_text": r.task.deadline_text,
            "dates": r.task.schedule.dates().iter().map(|d| d.to_string()).collect::<Vec<_>>(),
            "milestones_done": r.state.milestones_done.iter().map(|(d, on)| json!({"due": d.to_string(), "done_on": on.to_string()})).collect::<Vec<_>>(),
            "next_due": r.next_due.map(|d| d.to_string()),
            "overdue": r.overdue,
            "evidence_count": r.evidence_count,
            "due_in_period": due_in(r.task).map(|ds| ds.iter().map(|d| d.to_string()).collect::<Vec<_>>()),
        })).collect();
        return print_json(out, &json!({"unit": unit, "today": ws.today.to_string(), "tasks": v}));
    }
    let name = ws.plan.unit(&unit).map(|u| u.name.clone()).unwrap_or_default();
    writeln!(out, "{}", tra("tasks-header", &[("unit", name.into()), ("count", rows.len().into())]))?;
    for r in &rows {
        let due = r.next_due.map(format_date).unwrap_or_else(|| schedule_text(&r.task.schedule));
        let overdue = if r.overdue { format!(" [{}]", tr("overdue")) } else { String::new() };
        let in_period = match due_in(r.task) {
            None => String::new(),
            Some(ds) if ds.is_empty() => format!(" ({})", tr("period-no-due")),
            Some(ds) => format!(" ({})", tra("period-due", &[("dates", ds.into_iter().map(format_date).collect::<Vec<_>>().join(", ").into())])),
        };
        writeln!(out, "{:<5} {:<10} {:<20} {:>3}%  {}{}{}", r.task.code, tr(r.state.role.label_id()), tr(r.state.status.label_id()), r.state.progress, due, overdue, in_period)?;
        writeln!(out, "      {}", r.task.description)?;
    }
    Ok(())
}

pub(super) fn cmd_task(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    let sub = args.first().map(String::as_str).unwrap_or("");
    let rest = if args.is_empty() { args } else { &args[1..] };
    let mut ws = open_workspace(g)?;
    match sub {
        "set" => {
            let o = Opts::parse(rest, &["status", "progress", "note", "milestone-done", "milestone-undone", "on", "unit"], &[])?;
            let code = o.pos(0, "CODE")?.trim_end_matches('.').to_owned();
            let unit = ws.unit_or(o.get("unit"))?;
            let task = ws.plan.task(&code).ok_or_else(|| Error::new("err-unknown-task").arg("code", code.as_str()))?.clone();
            let mut change = Change {
                status: o.get("status").map(|s| Status::parse(s).ok_or_else(|| Error::new("err-bad-status").arg("value", s))).transpose()?,
                progress: o.get("progress").map(|p| p.trim_end_matches('%').parse::<u8>().ok().filter(|p| *p <= 100).ok_or_else(|| Error::new("err-bad-progress").arg("value", p))).transpose()?,
                note: o.get("note").map(str::to_owned),
                ..Default::default()
            };
            if let Some(d) = o.get("milestone-done") {
                let due = parse_date_arg(d)?;
                let on = o.get("on").map(parse_date_arg).transpose()?.unwrap_or(ws.today);
                change.milestone_done = Some((due, on));
            }
            if let Some(d) = o.get("milestone-undone") {
                change.milestone_undone = Some(parse_date_arg(d)?);
            }
            if change.is_empty() {
                return Err(Error::from(UsageError::NothingToChange));
            }
            let s = ws.update_task(&unit, &task.code, &change)?;
            writeln!(out, "{}", tra("task-updated", &[
                ("code", task.code.as_str().into()),
                ("status", tr(s.status.label_id()).into()),
                ("progress", (s.progress as u32).into()),
            ]))?;
            Ok(())
        }
        "show" => {
            let o = Opts::parse(rest, &["unit"], &["json"])?;
            let code = o.pos(0, "CODE")?.trim_end_matches('.').to_owned();
            let unit = ws.unit_or(o.get("unit"))?;
            let task = ws.plan.task(&code).ok_or_else(|| Error::new("err-unknown-task").arg("code", code.as_str()))?;
            let TaskPage { state, history, evidence } = ws.task_page(&unit, &code)?;
            if o.flag("json") {
                return print_json(out, &json!({"task": task, "state": state, "history": history, "evidence": evidence}));
            }
            writeln!(out, "{} {}", task.code, task.description)?;
            if !task.repairs.is_empty() {
                writeln!(out, "{}:", tr("repairs-title"))?;
                for r in &task.repairs {
                    writeln!(out, "  {}", crate::i18n::repair_line(i18n::lang(), r))?;
                }
            }
            writeln!(out, "{}: {}", tr("col-status"), tr(state.status.label_id()))?;
            writeln!(out, "{}: {}%", tr("col-progress"), state.progress)?;
            if !state.note.is_empty() {
                writeln!(out, "{}: {}", tr("col-note"), state.note)?;
            }
            for d in task.schedule.dates() {
                let done = state.milestones_done.get(&d).map(|x| tra("milestone-done-on", &[("date", format_date(*x).into())])).unwrap_or_default();
                writeln!(out, "  {} {}", format_date(d), done)?;
            }
            writeln!(out, "{}:", tr("history-title"))?;
            for h in &history {
                writeln!(out, "  {} {} {}: {} → {}", h.at, h.by, h.field, h.old, h.new)?;
            }
            for e in &evidence {
                writeln!(out, "  #{} {} {} {}", e.id, e.file_name, e.doc_number, format_size(i18n::lang(), e.size))?;
            }
            Ok(())
        }
        "history" => {
            let o = Opts::parse(rest, &["unit"], &["json"])?;
            let code = o.pos(0, "CODE")?.trim_end_matches('.').to_owned();
            let unit = ws.unit_or(o.get("unit"))?;
            let history = ws.history(&unit, &code)?;
            if o.flag("json") {
                return print_json(out, &json!(history));
            }
            for h in &history {
                writeln!(out, "{} {} {}: {} → {}", h.at, h.by, h.field, h.old, h.new)?;
            }
            Ok(())
        }
        _ => Err(Error::from(UsageError::Command { command: format!("task {sub}") })),
    }
}

pub(super) fn cmd_kpi(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    let sub = args.first().map(String::as_str).unwrap_or("show");
    let rest = if args.is_empty() { args } else { &args[1..] };
    let mut ws = open_workspace(g)?;
    match sub {
        "set" => {
            let o = Opts::parse(rest, &["quarter", "num", "den", "value", "unit"], &["clear"])?;
            let target = o.pos(0, "TARGET_CODE")?.to_owned();
            let unit = ws.unit_or(o.get("unit"))?;
            let period = Period::parse(o.need("quarter")?)?;
            let t = ws.plan.target(&target).ok_or_else(|| Error::new("err-unknown-target").arg("code", target.as_str()))?.clone();
            if o.flag("clear") {
                ws.clear_figure(&unit, &target, period)?;
                writeln!(out, "{}", tra("kpi-cleared", &[("code", target.as_str().into()), ("period", period.to_string().into())]))?;
                return Ok(());
            }
            let num = |name: &str| -> Result<Option<f64>> {
                o.get(name).map(|v| parse_number(v)).transpose()
            };
            let figure = match t.kind {
                TargetKind::Rate => Figure {
                    numerator: num("num")?.ok_or_else(|| Error::from(UsageError::MissingValue { option: "--num".into() }))?,
                    denominator: num("den")?.ok_or_else(|| Error::from(UsageError::MissingValue { option: "--den".into() }))?,
                },
                _ => Figure {
                    numerator: num("value")?.or(num("num")?).ok_or_else(|| Error::from(UsageError::MissingValue { option: "--value".into() }))?,
                    denominator: 1.0,
                },
            };
            ws.set_figure(&unit, &target, period, figure)?;
            let rate = figure.value(t.kind).map(|v| format_number(i18n::lang(), v, 2)).unwrap_or_else(|| "—".into());
            writeln!(out, "{}", tra("kpi-saved", &[("code", target.as_str().into()), ("period", period.to_string().into()), ("value", rate.into()), ("unit", t.unit.as_str().into())]))?;
            Ok(())
        }
        "show" => {
            let o = Opts::parse(rest, &["quarter", "unit"], &["json"])?;
            let unit = ws.unit_or(o.get("unit"))?;
            let period = match o.get("quarter") {
                Some(q) => Period::parse(q)?,
                None => Period::year(ws.plan.year),
            };
            let rows = ws.kpi_rows(&unit, period)?;
            if o.flag("json") {
                let v: Vec<Value> = rows.iter().map(|r| json!({
                    "code": r.target.code,
                    "text": r.target.text,
                    "kind": r.target.kind,
                    "comparator": r.target.comparator,
                    "target": r.target.value,
                    "unit": r.target.unit,
                    "numerator": r.figure.map(|f| f.numerator),
                    "denominator": r.figure.map(|f| f.denominator),
                    "value": r.value,
                    "state": r.state,
                    "reporting_units": r.reporting_units,
                })).collect();
                return print_json(out, &json!({"unit": unit, "period": period.to_string(), "targets": v}));
            }
            let lang = i18n::lang();
            writeln!(out, "{}", tra("kpi-header", &[("unit", unit.as_str().into()), ("period", period.to_string().into())]))?;
            for r in &rows {
                let fig = match (r.target.kind, r.figure) {
                    (TargetKind::Rate, Some(f)) => format!("{}/{}", format_number(lang, f.numerator, 2), format_number(lang, f.denominator, 2)),
                    (_, Some(f)) => format_number(lang, f.numerator, 2),
                    (_, None) => "—".into(),
                };
                let val = r.value.map(|v| format!("{}{}", format_number(lang, v, 2), r.target.unit)).unwrap_or_else(|| "—".into());
                let mark = match r.state { KpiState::Met => "✔", KpiState::NotMet => "✘", KpiState::NoData => "·" };
                writeln!(out, "{mark} {:<6} {:<12} {:>15} {:>10}  {}", r.target.code, r.target.goal(lang), fig, val, tr(r.state.label_id()))?;
            }
            Ok(())
        }
        _ => Err(Error::from(UsageError::Command { command: format!("kpi {sub}") })),
    }
}

/// Parses "980", "1.234,5" (vi) or "1234.5".
pub(super) fn parse_number(s: &str) -> Result<f64> {
    let t = s.trim();
    let normalized = if t.contains(',') { t.replace('.', "").replace(',', ".") } else { t.to_owned() };
    normalized.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or_else(|| Error::new("err-bad-number").arg("value", s))
}

pub(super) fn cmd_evidence(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    let sub = args.first().map(String::as_str).unwrap_or("list");
    let rest = if args.is_empty() { args } else { &args[1..] };
    let mut ws = open_workspace(g)?;
    match sub {
        "add" => {
            let o = Opts::parse(rest, &["type", "number", "date", "description", "milestone", "unit"], &[])?;
            let task = o.pos(0, "TASK_CODE")?.trim_end_matches('.').to_owned();
            let file = PathBuf::from(o.pos(1, "FILE")?);
            let unit = ws.unit_or(o.get("unit"))?;
            let meta = EvidenceMeta {
                doc_type: o.get("type").map(|t| DocType::parse(t).ok_or_else(|| Error::new("err-bad-doc-type").arg("value", t))).transpose()?.unwrap_or_default(),
                doc_number: o.get("number").unwrap_or("").to_owned(),
                doc_date: o.get("date").map(parse_date_arg).transpose()?,
                description: o.get("description").unwrap_or("").to_owned(),
                milestone: o.get("milestone").map(parse_date_arg).transpose()?,
            };
            let e = ws.add_evidence(&unit, &task, &file, &meta, &mut |_| true)?;
            writeln!(out, "{}", tra("evidence-added", &[
                ("id", Arg::Num(e.id as f64)),
                ("name", e.file_name.as_str().into()),
                ("size", format_size(i18n::lang(), e.size).into()),
                ("sha", e.sha256[..12].to_owned().into()),
            ]))?;
            Ok(())
        }
        "list" => {
            let o = Opts::parse(rest, &["unit"], &["json"])?;
            let unit = ws.unit_or(o.get("unit"))?;
            let task = o.positional.first().map(|t| t.trim_end_matches('.').to_owned());
            let list = ws.evidence_list(&unit, task.as_deref())?;
            if o.flag("json") {
                return print_json(out, &json!(list));
            }
            for e in &list {
                writeln!(out, "#{:<4} {:<5} {:<30} {:<14} {:<10} {:>10} {}", e.id, e.task, e.file_name, e.doc_number,
                    e.doc_date.map(format_date).unwrap_or_default(), format_size(i18n::lang(), e.size), &e.sha256[..12])?;
            }
            Ok(())
        }
        "get" => {
            let o = Opts::parse(rest, &["out"], &[])?;
            let id: i64 = o.pos(0, "ID")?.trim_start_matches('#').parse().map_err(|_| Error::new("err-bad-number").arg("value", o.positional[0].as_str()))?;
            let dest = PathBuf::from(o.need("out")?);
            let e = ws.export_evidence(id, Path::new(&dest))?;
            writeln!(out, "{}", tra("evidence-saved", &[("name", e.file_name.as_str().into()), ("path", dest.display().to_string().into())]))?;
            Ok(())
        }
        "edit" => {
            let o = Opts::parse(rest, &["type", "number", "date", "description", "milestone"], &[])?;
            let id: i64 = o.pos(0, "ID")?.trim_start_matches('#').parse().map_err(|_| Error::new("err-bad-number").arg("value", o.positional[0].as_str()))?;
            let mut meta = ws.evidence(id)?.meta();
            if o.named.is_empty() {
                return Err(Error::from(UsageError::NothingToCorrect));
            }
            if let Some(t) = o.get("type") {
                meta.doc_type = DocType::parse(t).ok_or_else(|| Error::new("err-bad-doc-type").arg("value", t))?;
            }
            if let Some(n) = o.get("number") {
                meta.doc_number = n.trim().to_owned();
            }
            if let Some(d) = o.get("date") {
                meta.doc_date = if d.trim().is_empty() { None } else { Some(parse_date_arg(d)?) };
            }
            if let Some(d) = o.get("description") {
                meta.description = d.to_owned();
            }
            if let Some(m) = o.get("milestone") {
                meta.milestone = if m.trim().is_empty() { None } else { Some(parse_date_arg(m)?) };
            }
            let e = ws.update_evidence_meta(id, &meta)?;
            writeln!(out, "{}", tra("evidence-edited", &[("id", Arg::Num(id as f64)), ("name", e.file_name.as_str().into())]))?;
            Ok(())
        }
        "remove" => {
            let o = Opts::parse(rest, &[], &[])?;
            let id: i64 = o.pos(0, "ID")?.trim_start_matches('#').parse().map_err(|_| Error::new("err-bad-number").arg("value", o.positional[0].as_str()))?;
            ws.remove_evidence(id)?;
            writeln!(out, "{}", tra("evidence-removed", &[("id", Arg::Num(id as f64))]))?;
            Ok(())
        }
        _ => Err(Error::from(UsageError::Command { command: format!("evidence {sub}") })),
    }
}
