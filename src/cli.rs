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
use crate::error::{BundleError, Error, Kind, Result, UsageError};
use crate::evidence::{DocType, EvidenceMeta};
use crate::i18n::{self, Arg, Lang, format_date, format_number, format_size, tr, tra};
use crate::plan::import::decode;
use crate::progress::{Change, Filter};
use crate::workspace::{TaskPage, Workspace, data_dir};

mod exchange;
mod feedback;
mod keys;
mod plan;
mod unit;
mod work;

use self::{exchange::*, work::*};

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
                None => return Invocation::Done(usage_error(&Error::from(UsageError::MissingValue { option: "--data-dir".into() }))),
            },
            "--lang" => match it.next().as_deref().and_then(Lang::from_code) {
                Some(l) => {
                    globals.lang = Some(l);
                    i18n::set_lang(l);
                }
                None => return Invocation::Done(usage_error(&Error::from(UsageError::MissingValue { option: "--lang".into() }))),
            },
            "--demo" => globals.demo = true,
            "--passphrase-file" => match it.next() {
                Some(f) => globals.passphrase_file = Some(PathBuf::from(f)),
                None => return Invocation::Done(usage_error(&Error::from(UsageError::MissingValue { option: "--passphrase-file".into() }))),
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
        Err(e) if e.is_usage() => Invocation::Done(usage_error(&e)),
        Err(e) => {
            eprintln!("{}", tra("cli-error", &[("message", e.message().into())]));
            // 3: nothing wrong, but a person must look (a key to compare).
            Invocation::Done(if matches!(e.kind(), Kind::Bundle(BundleError::Quarantined { .. })) { 3 } else { 1 })
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
        && let Ok(Some(l)) = ws.setting("lang")
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
        "feedback" => feedback::cmd_feedback(g, rest, out),
        "restore" => cmd_restore(g, rest, out),
        _ => Err(Error::from(UsageError::Command { command: cmd.into() })),
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
