//! The command line: `tiendo [--data-dir DIR] [--lang vi|en] <command> …`.
//! Without a command the window opens. Every message comes from the locale
//! files; an error is one line on stderr and a non-zero exit code.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::args::Opts;
use crate::deadline::parse_deadline;
use crate::domain::{Figure, KpiState, Period, Role, Status, TargetKind};
use crate::error::{Error, Result};
use crate::evidence::{DocType, EvidenceMeta};
use crate::i18n::{self, Arg, Lang, format_date, format_number, format_size, tr, tra};
use crate::plan::import::decode;
use crate::progress::{Change, Filter};
use crate::workspace::{Workspace, data_dir};

mod keys;
mod plan;
mod unit;

/// Global options, parsed before the command.
#[derive(Debug, Default, Clone)]
pub struct Globals {
    pub data_dir: Option<PathBuf>,
    pub lang: Option<Lang>,
    pub demo: bool,
    /// `--passphrase-file F`: the signing key's passphrase, first line of F.
    pub passphrase_file: Option<PathBuf>,
}

/// What `main` should do.
pub enum Invocation {
    /// Open the window.
    Gui(Globals),
    /// Run a command; the exit code.
    Done(i32),
}

/// Parses arguments; runs a command if one is given.
pub fn run(args: Vec<String>) -> Invocation {
    let mut globals = Globals::default();
    let mut rest = vec![];
    let mut it = args.into_iter().skip(1).peekable();
    i18n::set_lang(i18n::lang_from_env());
    while let Some(a) = it.next() {
        match a.as_str() {
            "--data-dir" => match it.next() {
                Some(d) => globals.data_dir = Some(PathBuf::from(d)),
                None => return Invocation::Done(usage_error(&Error::new("err-missing-value").arg("option", "--data-dir"))),
            },
            "--lang" => match it.next().as_deref().and_then(Lang::from_code) {
                Some(l) => {
                    globals.lang = Some(l);
                    i18n::set_lang(l);
                }
                None => return Invocation::Done(usage_error(&Error::new("err-missing-value").arg("option", "--lang"))),
            },
            "--demo" => globals.demo = true,
            "--passphrase-file" => match it.next() {
                Some(f) => globals.passphrase_file = Some(PathBuf::from(f)),
                None => return Invocation::Done(usage_error(&Error::new("err-missing-value").arg("option", "--passphrase-file"))),
            },
            "--version" | "-V" => {
                let _ = writeln!(std::io::stdout(), "tiendo {}", env!("CARGO_PKG_VERSION"));
                return Invocation::Done(0);
            }
            "--help" | "-h" | "help" if rest.is_empty() => {
                let _ = write!(std::io::stdout(), "{}", tr("cli-usage"));
                return Invocation::Done(0);
            }
            _ => {
                rest.push(a);
                rest.extend(it.by_ref());
            }
        }
    }
    if rest.is_empty() {
        return Invocation::Gui(globals);
    }
    let mut out = PipeWatch { inner: std::io::stdout().lock(), closed: false };
    let result = dispatch(&globals, &rest, &mut out).and_then(|()| Ok(out.flush()?));
    if out.closed {
        // The reader went away (`tiendo tasks --json | head`): end quietly,
        // as a tool killed by SIGPIPE would.
        return Invocation::Done(if cfg!(unix) { 141 } else { 0 });
    }
    match result {
        Ok(()) => Invocation::Done(0),
        Err(e) if e.key.starts_with("err-usage") || e.key == "err-missing-value" || e.key == "err-unknown-option" => {
            Invocation::Done(usage_error(&e))
        }
        Err(e) => {
            eprintln!("{}", tra("cli-error", &[("message", e.message().into())]));
            // 3: nothing wrong, but a person must look (a key to compare).
            Invocation::Done(if e.key == "err-merge-quarantined" { 3 } else { 1 })
        }
    }
}

/// Standard output that remembers whether the reader closed the pipe.
struct PipeWatch<W: Write> {
    inner: W,
    closed: bool,
}

impl<W: Write> PipeWatch<W> {
    fn note<T>(&mut self, r: std::io::Result<T>) -> std::io::Result<T> {
        if r.as_ref().is_err_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) {
            self.closed = true;
        }
        r
    }
}

impl<W: Write> Write for PipeWatch<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.inner.write(buf);
        self.note(r)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.inner.flush();
        self.note(r)
    }
}

fn usage_error(e: &Error) -> i32 {
    eprintln!("{}", tra("cli-error", &[("message", e.message().into())]));
    eprintln!("{}", tr("cli-see-help"));
    2
}

fn open_workspace(g: &Globals) -> Result<Workspace> {
    let dir = data_dir(g.data_dir.as_deref())?;
    let mut ws = Workspace::open(&dir)?;
    if let Some(file) = &g.passphrase_file {
        ws.passphrase = Some(keys::read_passphrase_file(file)?.into());
    }
    if g.lang.is_none()
        && std::env::var_os("TIENDO_LANG").is_none()
        && let Ok(Some(l)) = ws.store.meta("lang")
        && let Some(l) = Lang::from_code(&l)
    {
        i18n::set_lang(l);
    }
    // The daily rotating backup; a failed backup must not stop the command.
    if let Err(e) = ws.auto_backup() {
        eprintln!("{}", tra("warn-auto-backup", &[("message", e.message().into())]));
    }
    Ok(ws)
}

fn parse_date_arg(s: &str) -> Result<NaiveDate> {
    i18n::parse_date(s).ok_or_else(|| Error::new("err-bad-date").arg("value", s))
}

fn print_json(out: &mut dyn Write, v: &Value) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, v).map_err(|e| Error::from(std::io::Error::from(e)))?;
    writeln!(out)?;
    Ok(())
}

fn dispatch(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    let cmd = args[0].as_str();
    let rest = &args[1..];
    match cmd {
        "deadline" => cmd_deadline(rest, out),
        "plan" => plan::cmd_plan(g, rest, out),
        "unit" => unit::cmd_unit(g, rest, out),
        "tasks" => cmd_tasks(g, rest, out),
        "task" => cmd_task(g, rest, out),
        "kpi" => cmd_kpi(g, rest, out),
        "evidence" => cmd_evidence(g, rest, out),
        "checklist" => cmd_checklist(g, rest, out),
        "report" => cmd_report(g, rest, out),
        "calendar" => cmd_calendar(g, rest, out),
        "backup" => cmd_backup(g, rest, out),
        "keys" => keys::cmd_keys(g, rest, out),
        "export" => cmd_export(g, rest, out),
        "verify" => cmd_verify(g, rest, out),
        "merge" => cmd_merge(g, rest, out),
        "matrix" => cmd_matrix(g, rest, out),
        "receipts" => cmd_receipts(g, rest, out),
        "receipt" => cmd_receipt(g, rest, out),
        "restore" => cmd_restore(g, rest, out),
        _ => Err(Error::new("err-usage-command").arg("command", cmd)),
    }
}

fn schedule_json(s: &crate::deadline::Schedule) -> Value {
    json!({
        "dates": s.dates().iter().map(|d| d.to_string()).collect::<Vec<_>>(),
        "on_demand": s.on_demand,
        "continuous": s.continuous,
        "external": s.external,
        "unparsed": s.unparsed,
    })
}

fn schedule_text(s: &crate::deadline::Schedule) -> String {
    let mut parts: Vec<String> = s.dates().into_iter().map(format_date).collect();
    if s.on_demand {
        parts.push(tr("flag-on-demand"));
    }
    if s.continuous {
        parts.push(tr("flag-continuous"));
    }
    if s.external {
        parts.push(tr("flag-external"));
    }
    if s.unparsed {
        parts.push(tr("flag-unparsed"));
    }
    parts.join(", ")
}

fn cmd_deadline(args: &[String], out: &mut dyn Write) -> Result<()> {
    let o = Opts::parse(args, &["year"], &["json"])?;
    let text = o.pos(0, "phrase")?;
    let year = match o.get("year") {
        Some(y) => y.parse::<i32>().ok().filter(|y| (1900..=2999).contains(y)).ok_or_else(|| Error::new("err-bad-year").arg("value", y))?,
        None => crate::workspace::today().format("%Y").to_string().parse().unwrap_or(2023),
    };
    let s = parse_deadline(text, year);
    if o.flag("json") {
        let mut v = schedule_json(&s);
        v["milestones"] = json!(s.milestones.iter().map(|m| json!({"due": m.due.to_string(), "label": m.label})).collect::<Vec<_>>());
        print_json(out, &v)
    } else {
        writeln!(out, "{}", schedule_text(&s))?;
        Ok(())
    }
}

fn unit_json(ws_plan: &crate::domain::Plan, codes: &[String]) -> Value {
    json!(codes
        .iter()
        .map(|c| json!({"code": c, "name": ws_plan.unit(c).map(|u| u.name.as_str()).unwrap_or("")}))
        .collect::<Vec<_>>())
}

fn plan_json(p: &crate::domain::Plan) -> Value {
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

fn names(p: &crate::domain::Plan, codes: &[String]) -> String {
    codes.iter().map(|c| p.unit(c).map(|u| u.name.as_str()).unwrap_or(c)).collect::<Vec<_>>().join("; ")
}

fn cmd_tasks(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
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

fn cmd_task(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
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
                return Err(Error::new("err-usage-nothing"));
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
            let state = ws.store.task_state(&ws.plan.id, &unit, &code)?;
            let history = ws.store.history(&ws.plan.id, &unit, &code)?;
            let evidence = ws.store.evidence_list(&ws.plan.id, &unit, Some(&code))?;
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
            let history = ws.store.history(&ws.plan.id, &unit, &code)?;
            if o.flag("json") {
                return print_json(out, &json!(history));
            }
            for h in &history {
                writeln!(out, "{} {} {}: {} → {}", h.at, h.by, h.field, h.old, h.new)?;
            }
            Ok(())
        }
        _ => Err(Error::new("err-usage-command").arg("command", format!("task {sub}"))),
    }
}

fn cmd_kpi(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    let sub = args.first().map(String::as_str).unwrap_or("show");
    let rest = if args.is_empty() { args } else { &args[1..] };
    let mut ws = open_workspace(g)?;
    match sub {
        "set" => {
            let o = Opts::parse(rest, &["quarter", "num", "den", "value", "unit"], &["clear"])?;
            let target = o.pos(0, "TARGET_CODE")?.to_owned();
            let unit = ws.unit_or(o.get("unit"))?;
            let period = Period::parse(o.get("quarter").ok_or_else(|| Error::new("err-missing-value").arg("option", "--quarter"))?)?;
            let t = ws.plan.target(&target).ok_or_else(|| Error::new("err-unknown-target").arg("code", target.as_str()))?.clone();
            if o.flag("clear") {
                ws.store.clear_figure(&ws.plan.id, &target, &unit, period)?;
                writeln!(out, "{}", tra("kpi-cleared", &[("code", target.as_str().into()), ("period", period.to_string().into())]))?;
                return Ok(());
            }
            let num = |name: &str| -> Result<Option<f64>> {
                o.get(name).map(|v| parse_number(v)).transpose()
            };
            let figure = match t.kind {
                TargetKind::Rate => Figure {
                    numerator: num("num")?.ok_or_else(|| Error::new("err-missing-value").arg("option", "--num"))?,
                    denominator: num("den")?.ok_or_else(|| Error::new("err-missing-value").arg("option", "--den"))?,
                },
                _ => Figure {
                    numerator: num("value")?.or(num("num")?).ok_or_else(|| Error::new("err-missing-value").arg("option", "--value"))?,
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
                writeln!(out, "{mark} {:<6} {}{}{:<4} {:>15} {:>10}  {}", r.target.code, r.target.comparator.symbol(), format_number(lang, r.target.value, 2), r.target.unit, fig, val, tr(r.state.label_id()))?;
            }
            Ok(())
        }
        _ => Err(Error::new("err-usage-command").arg("command", format!("kpi {sub}"))),
    }
}

/// Parses "980", "1.234,5" (vi) or "1234.5".
fn parse_number(s: &str) -> Result<f64> {
    let t = s.trim();
    let normalized = if t.contains(',') { t.replace('.', "").replace(',', ".") } else { t.to_owned() };
    normalized.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or_else(|| Error::new("err-bad-number").arg("value", s))
}

fn cmd_evidence(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
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
            let list = ws.store.evidence_list(&ws.plan.id, &unit, task.as_deref())?;
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
            let dest = PathBuf::from(o.get("out").ok_or_else(|| Error::new("err-missing-value").arg("option", "--out"))?);
            let e = ws.export_evidence(id, Path::new(&dest))?;
            writeln!(out, "{}", tra("evidence-saved", &[("name", e.file_name.as_str().into()), ("path", dest.display().to_string().into())]))?;
            Ok(())
        }
        "edit" => {
            let o = Opts::parse(rest, &["type", "number", "date", "description", "milestone"], &[])?;
            let id: i64 = o.pos(0, "ID")?.trim_start_matches('#').parse().map_err(|_| Error::new("err-bad-number").arg("value", o.positional[0].as_str()))?;
            let mut meta = ws.store.evidence(id)?.meta();
            if o.named.is_empty() {
                return Err(Error::new("err-usage-nothing-evidence"));
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
            let e = ws.store.update_evidence_meta(id, &meta)?;
            writeln!(out, "{}", tra("evidence-edited", &[("id", Arg::Num(id as f64)), ("name", e.file_name.as_str().into())]))?;
            Ok(())
        }
        "remove" => {
            let o = Opts::parse(rest, &[], &[])?;
            let id: i64 = o.pos(0, "ID")?.trim_start_matches('#').parse().map_err(|_| Error::new("err-bad-number").arg("value", o.positional[0].as_str()))?;
            ws.store.remove_evidence(id)?;
            writeln!(out, "{}", tra("evidence-removed", &[("id", Arg::Num(id as f64))]))?;
            Ok(())
        }
        _ => Err(Error::new("err-usage-command").arg("command", format!("evidence {sub}"))),
    }
}

fn cmd_backup(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    let ws = open_workspace(g)?;
    if args.first().map(String::as_str) == Some("list") {
        for p in crate::store::backup::list_backups(&ws.backup_dir()?)? {
            let size = std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
            writeln!(out, "{}  {}", p.display(), format_size(i18n::lang(), size))?;
        }
        return Ok(());
    }
    let o = Opts::parse(args, &["out", "to"], &[])?;
    let path = match (o.get("out"), o.get("to")) {
        (Some(_), Some(_)) => return Err(Error::new("err-backup-out-and-to")),
        (_, Some(dir)) => ws.backup_to_place(Path::new(dir))?,
        (out, None) => ws.backup_now(out.map(Path::new))?,
    };
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    writeln!(out, "{}", tra("backup-done", &[("path", path.display().to_string().into()), ("size", format_size(i18n::lang(), size).into())]))?;
    Ok(())
}

fn cmd_restore(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    let o = Opts::parse(args, &[], &[])?;
    let src = PathBuf::from(o.pos(0, "FILE")?);
    let mut ws = open_workspace(g)?;
    let info = ws.restore(&src)?;
    writeln!(out, "{}", tra("restore-done", &[("path", info.path.display().to_string().into()), ("version", info.schema_version.into())]))?;
    Ok(())
}

fn cmd_export(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    let o = Opts::parse(args, &["period", "out"], &[])?;
    let ws = open_workspace(g)?;
    let period = Period::parse(o.get("period").ok_or_else(|| Error::new("err-missing-value").arg("option", "--period"))?)?;
    let dest = PathBuf::from(o.get("out").ok_or_else(|| Error::new("err-missing-value").arg("option", "--out"))?);
    let m = ws.export_bundle(period, &dest, &mut |_, _| {})?;
    writeln!(out, "{}", tra("export-done", &[
        ("path", dest.display().to_string().into()),
        ("unit", m.unit_code.as_str().into()),
        ("period", m.period.as_str().into()),
        ("sequence", Arg::Num(m.sequence as f64)),
        ("files", m.files.len().into()),
    ]))?;
    if let Some(w) = ws.pdf_certificate_warning()? {
        eprintln!("{}", w.message());
    }
    Ok(())
}

fn cmd_verify(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    use crate::bundle::{KeySource, verify};
    let o = Opts::parse(args, &["pubkey"], &["json"])?;
    let file = PathBuf::from(o.pos(0, "FILE.zip")?);
    let ws;
    let keys = match o.get("pubkey") {
        Some(k) => {
            let text = if Path::new(k).is_file() { std::fs::read_to_string(k)? } else { k.to_owned() };
            KeySource::Given(crate::crypto::sign::PublicKey::parse(&text)?)
        }
        None => {
            ws = open_workspace(g)?;
            KeySource::Registry(&ws)
        }
    };
    let v = verify(&file, &keys)?;
    let m = &v.manifest;
    writeln!(out, "{}", tra("verify-ok", &[
        ("unit", format!("{} {}", m.unit_code, m.unit_name).into()),
        ("period", m.period.as_str().into()),
        ("sequence", Arg::Num(m.sequence as f64)),
        ("files", m.files.len().into()),
        ("fingerprint", v.key_id.as_str().into()),
    ]))?;
    Ok(())
}

fn cmd_merge(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    use crate::bundle::MergeOutcome;
    let o = Opts::parse(args, &[], &["dry-run"])?;
    if o.positional.is_empty() {
        return Err(Error::new("err-usage-missing").arg("what", "FILE.zip"));
    }
    let mut ws = open_workspace(g)?;
    let mut failed = 0;
    let mut quarantined = 0;
    for f in &o.positional {
        match ws.merge_bundle(Path::new(f), o.flag("dry-run")) {
            Ok((outcome, v)) => {
                let id = match outcome {
                    MergeOutcome::Merged => "merge-merged",
                    MergeOutcome::AlreadyMerged => "merge-already",
                    MergeOutcome::Replay => "merge-replay",
                    MergeOutcome::Quarantined => "merge-quarantined",
                };
                writeln!(out, "{}", tra(id, &[
                    ("file", f.as_str().into()),
                    ("unit", v.manifest.unit_code.as_str().into()),
                    ("period", v.manifest.period.as_str().into()),
                    ("sequence", Arg::Num(v.manifest.sequence as f64)),
                    ("fingerprint", crate::crypto::sign::fingerprint_of_hex(&v.key_id).into()),
                ]))?;
                if outcome == MergeOutcome::Quarantined {
                    // Not merged: scripts must see it. A unit that already has
                    // another trusted key is the case to phone about.
                    quarantined += 1;
                    if let Some(fp) = ws.other_trusted_key(&v.manifest.unit_code, &v.key_id)? {
                        writeln!(out, "{}", tra("merge-quarantined-other-key", &[
                            ("unit", v.manifest.unit_code.as_str().into()),
                            ("trusted", fp.into()),
                            ("fingerprint", crate::crypto::sign::fingerprint_of_hex(&v.key_id).into()),
                        ]))?;
                    }
                }
            }
            Err(e) => {
                failed += 1;
                writeln!(out, "{}", tra("merge-rejected", &[("file", f.as_str().into()), ("message", e.message().into())]))?;
            }
        }
    }
    if failed > 0 {
        return Err(Error::new("err-merge-some-failed").arg("count", failed as u32));
    }
    if quarantined > 0 {
        return Err(Error::new("err-merge-quarantined").arg("count", quarantined as u32));
    }
    Ok(())
}

/// `tiendo receipts --out DIR [--period P]`: the parent office writes one signed receipt per unit.
fn cmd_receipts(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    let o = Opts::parse(args, &["out", "period"], &[])?;
    let ws = open_workspace(g)?;
    let dir = PathBuf::from(o.get("out").ok_or_else(|| Error::new("err-missing-value").arg("option", "--out"))?);
    let period = o.get("period").map(Period::parse).transpose()?;
    for p in ws.write_receipts(&dir, period)? {
        writeln!(out, "{}", tra("receipts-written", &[("path", p.display().to_string().into())]))?;
    }
    Ok(())
}

/// `tiendo receipt import FILE` / `tiendo receipt show [--period P] [--json]`: at the unit.
fn cmd_receipt(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    use crate::store::receipts::ReceiptImport;
    let sub = args.first().map(String::as_str).unwrap_or("");
    let rest = args.get(1..).unwrap_or(&[]);
    match sub {
        "import" => {
            let o = Opts::parse(rest, &[], &[])?;
            let file = PathBuf::from(o.pos(0, "FILE.zip")?);
            let mut ws = open_workspace(g)?;
            let (outcome, doc) = ws.import_receipt(&file)?;
            let id = match outcome {
                ReceiptImport::Imported => "receipt-imported",
                ReceiptImport::AlreadyImported => "receipt-already",
            };
            writeln!(out, "{}", tra(id, &[
                ("parent", doc.parent_code.as_str().into()),
                ("sequence", Arg::Num(doc.sequence as f64)),
                ("count", doc.entries.len().into()),
            ]))?;
            Ok(())
        }
        "show" => {
            let o = Opts::parse(rest, &["period"], &["json"])?;
            let ws = open_workspace(g)?;
            let periods: Vec<Period> = match o.get("period") {
                Some(p) => vec![Period::parse(p)?],
                None => (1..=4).map(|q| Period { year: ws.plan.year, quarter: Some(q) }).chain([Period { year: ws.plan.year, quarter: None }]).collect(),
            };
            let mut rows = vec![];
            for p in periods {
                if let Some(st) = ws.receipt_status(p)? {
                    rows.push((p, st));
                }
            }
            if o.flag("json") {
                let v: Vec<Value> = rows
                    .iter()
                    .map(|(p, st)| json!({ "period": p.to_string(), "parent": st.parent, "entry": st.entry, "line": st.line(i18n::lang()) }))
                    .collect();
                return print_json(out, &Value::Array(v));
            }
            if rows.is_empty() {
                writeln!(out, "{}", tr("receipt-none"))?;
            }
            for (p, st) in rows {
                writeln!(out, "{}: {}", p, st.line(i18n::lang()))?;
            }
            Ok(())
        }
        _ => Err(Error::new("err-usage-missing").arg("what", "import FILE | show")),
    }
}

fn cmd_matrix(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    use crate::views::{Completeness, completeness, district_kpis, status_matrix};
    let o = Opts::parse(args, &["period", "out", "unit", "pdf"], &["json"])?;
    let ws = open_workspace(g)?;
    let parent = match o.get("unit") {
        Some(u) => u.to_owned(),
        None => ws.consolidation_scope().or_else(|| ws.unit.clone()).unwrap_or_else(|| ws.plan.issuer.clone()),
    };
    let period = match o.get("period") {
        Some(p) => Period::parse(p)?,
        None => crate::domain::Period::of_date(ws.today.min(crate::domain::Period::year(ws.plan.year).end())),
    };
    if let Some(dest) = o.get("pdf") {
        let pdf = crate::report::consolidated_pdf(&ws, &parent, period, i18n::lang())?;
        let pdf = crate::report::save(Path::new(dest), pdf)?;
        writeln!(out, "{}", tra("consolidated-saved", &[("path", dest.into()), ("pages", pdf.pages.into())]))?;
        return Ok(());
    }
    if let Some(dest) = o.get("out") {
        // .xlsx: the workbook of the three views; .csv: the status matrix.
        let format = crate::report::MatrixFormat::of_path(Path::new(dest))?;
        crate::report::write_matrix(&ws, &parent, period, i18n::lang(), format, Path::new(dest))?;
        writeln!(out, "{}", tra("matrix-saved", &[("path", dest.into())]))?;
        return Ok(());
    }
    let comp = completeness(&ws, &parent)?;
    let crate::views::StatusMatrix { tasks, units, cells } = status_matrix(&ws, period)?;
    let kpis = district_kpis(&ws, period)?;
    let missing_evidence: Vec<Value> = crate::views::done_without_evidence(&cells)
        .into_iter()
        .map(|m| json!({"unit": m.unit, "task": m.task}))
        .collect();
    if o.flag("json") {
        return print_json(out, &json!({
            "period": period.to_string(),
            "completeness": comp.iter().map(|r| json!({"unit": r.unit, "quarters": r.quarters})).collect::<Vec<_>>(),
            "status": tasks.iter().map(|t| json!({"task": t, "units": units.iter().map(|u| {
                cells.get(&(t.clone(), u.clone())).map(|m| json!({"unit": u, "status": m.status, "progress": m.progress, "evidence": m.evidence_count}))
                    .unwrap_or(json!({"unit": u, "status": null}))
            }).collect::<Vec<_>>()})).collect::<Vec<_>>(),
            "kpi": kpis.iter().map(|k| json!({"code": k.target.code, "numerator": k.figure.map(|f| f.numerator), "denominator": k.figure.map(|f| f.denominator), "value": k.figure.and_then(|f| f.value(k.target.kind)), "state": k.state})).collect::<Vec<_>>(),
            "done_without_evidence": missing_evidence,
        }));
    }
    writeln!(out, "{}", tra("matrix-header", &[("period", Arg::Str(ws.plan.year.to_string()))]))?;
    for row in &comp {
        let marks: Vec<String> = row.quarters.iter().map(|c| match c {
            Completeness::Received { sequence } => format!("✔{sequence}"),
            Completeness::Late { sequence } => format!("⌛{sequence}"),
            Completeness::Missing => "✘".into(),
            Completeness::NotDue => "·".into(),
        }).collect();
        writeln!(out, "{:<8} {:<30} {}", row.unit, row.name, marks.join("  "))?;
    }
    Ok(())
}

/// `--quarter` (a quarter or a year) and `--out` of the document commands.
fn document_args(o: &Opts) -> Result<(Period, PathBuf)> {
    let period = Period::parse(o.get("quarter").ok_or_else(|| Error::new("err-missing-value").arg("option", "--quarter"))?)?;
    Ok((period, document_out(o)?))
}

fn document_out(o: &Opts) -> Result<PathBuf> {
    Ok(PathBuf::from(o.get("out").ok_or_else(|| Error::new("err-missing-value").arg("option", "--out"))?))
}

/// `tiendo checklist --quarter 2023Q1 [--unit CODE] --out FILE.pdf`, and
/// `tiendo report …` with the same options.
fn cmd_document(
    g: &Globals,
    args: &[String],
    out: &mut dyn Write,
    write: fn(&Workspace, &str, Period, &Path) -> Result<crate::report::Pdf>,
) -> Result<()> {
    let o = Opts::parse(args, &["quarter", "unit", "out"], &[])?;
    let (period, path) = document_args(&o)?;
    let ws = open_workspace(g)?;
    let unit = ws.unit_or(o.get("unit"))?;
    let pdf = write(&ws, &unit, period, &path)?;
    writeln!(out, "{}", tra("report-written", &[("path", path.display().to_string().into()), ("pages", pdf.pages.into())]))?;
    Ok(())
}

fn cmd_checklist(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    cmd_document(g, args, out, crate::report::write_checklist)
}

fn cmd_report(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    cmd_document(g, args, out, crate::report::write_report)
}

/// `tiendo calendar [--unit CODE] --out FILE.ics`.
fn cmd_calendar(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    let o = Opts::parse(args, &["unit", "out"], &[])?;
    let path = document_out(&o)?;
    let ws = open_workspace(g)?;
    let unit = ws.unit_or(o.get("unit"))?;
    let cal = crate::ics::write_calendar(&ws, &unit, i18n::lang(), &path)?;
    writeln!(out, "{}", tra("calendar-written", &[("path", path.display().to_string().into()), ("count", cal.events.into())]))?;
    Ok(())
}
