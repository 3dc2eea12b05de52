//! `tiendo backup`, `restore`, `export`, `verify`, `merge`, `receipts`, `receipt`, `matrix` and the
//! printed documents: what leaves or reaches the installation as a file.

use super::*;

pub(super) fn cmd_backup(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
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

pub(super) fn cmd_restore(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    let o = Opts::parse(args, &[], &[])?;
    let src = PathBuf::from(o.pos(0, "FILE")?);
    let mut ws = open_workspace(g)?;
    let info = ws.restore(&src)?;
    writeln!(out, "{}", tra("restore-done", &[("path", info.path.display().to_string().into()), ("version", info.schema_version.into())]))?;
    Ok(())
}

pub(super) fn cmd_export(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    let o = Opts::parse(args, &["period", "out", "max-part-size"], &["full"])?;
    let ws = open_workspace(g)?;
    let period = Period::parse(o.need("period")?)?;
    let dest = PathBuf::from(o.need("out")?);
    let opts = crate::bundle::ExportOptions {
        full: o.flag("full"),
        max_part_size: o.get("max-part-size").map(crate::bundle::parse_size).transpose()?,
    };
    let x = ws.export_bundle_with(period, &dest, &opts, &mut |_, _| {})?;
    let m = &x.manifest;
    writeln!(out, "{}", tra("export-done", &[
        ("path", dest.display().to_string().into()),
        ("unit", m.unit_code.as_str().into()),
        ("period", m.period.as_str().into()),
        ("sequence", Arg::Num(m.sequence as f64)),
        ("files", m.files.len().into()),
    ]))?;
    if x.referenced() > 0 {
        let held: u64 = m.referenced.iter().map(|f| f.size).sum();
        writeln!(out, "{}", tra("export-referenced", &[("count", x.referenced().into()), ("size", format_size(i18n::lang(), held).into())]))?;
    }
    if x.files.len() > 1 {
        // The size as the user wrote it ("20MB"), not converted to binary units.
        writeln!(out, "{}", tra("export-parts", &[("count", x.files.len().into()), ("size", o.get("max-part-size").unwrap_or_default().into())]))?;
        for p in &x.files {
            writeln!(out, "  {}", p.display())?;
        }
    }
    writeln!(out, "{}", tra("export-sent", &[("size", format_size(i18n::lang(), x.bytes).into())]))?;
    if let Some(w) = ws.pdf_certificate_warning()? {
        eprintln!("{}", w.message());
    }
    Ok(())
}

pub(super) fn cmd_verify(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
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
    if crate::bundle::package_format(&file).as_deref() == Some(crate::bundle::PART_FORMAT) {
        let p = crate::bundle::read_part(&file, &keys)?;
        writeln!(out, "{}", tra("verify-part-ok", &[
            ("part", p.doc.part.into()),
            ("count", p.doc.parts.into()),
            ("bundle", p.doc.bundle_name.as_str().into()),
            ("unit", p.doc.unit_code.as_str().into()),
            ("period", p.doc.period.as_str().into()),
            ("sequence", Arg::Num(p.doc.sequence as f64)),
            ("fingerprint", crate::crypto::sign::fingerprint_of_hex(&p.key_id).into()),
        ]))?;
        return Ok(());
    }
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

pub(super) fn cmd_merge(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    use crate::bundle::MergeOutcome;
    let o = Opts::parse(args, &[], &["dry-run"])?;
    if o.positional.is_empty() {
        return Err(Error::from(UsageError::Missing { what: "FILE.zip".into() }));
    }
    let mut ws = open_workspace(g)?;
    let mut failed = 0;
    let mut quarantined = 0;
    // Folders stand for the .zip files in them; parts are put together by bundle.
    let mut bundles: Vec<String> = vec![];
    let mut parts = vec![];
    for f in expand_folders(&o.positional)? {
        if crate::bundle::package_format(Path::new(&f)).as_deref() != Some(crate::bundle::PART_FORMAT) {
            bundles.push(f);
            continue;
        }
        match crate::bundle::read_part(Path::new(&f), &crate::bundle::KeySource::Registry(&ws)) {
            Ok(p) => parts.push(p),
            Err(e) => {
                failed += 1;
                writeln!(out, "{}", tra("merge-rejected", &[("file", f.as_str().into()), ("message", e.message().into())]))?;
            }
        }
    }
    let mut jobs: Vec<(String, Option<crate::bundle::PartSet>)> = bundles.into_iter().map(|f| (f, None)).collect();
    for set in crate::bundle::group_parts(parts) {
        let label = tra("merge-parts-name", &[("bundle", set.name().into()), ("count", set.parts.len().into())]);
        jobs.push((label, Some(set)));
    }
    for (f, set) in &jobs {
        let result = match set {
            Some(set) => ws.merge_parts(set, o.flag("dry-run")),
            None => ws.merge_bundle(Path::new(f), o.flag("dry-run")),
        };
        match result {
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
        return Err(Error::from(BundleError::Quarantined { count: quarantined }));
    }
    Ok(())
}

/// `tiendo receipts --out DIR [--period P]`: the parent office writes one signed receipt per unit.
pub(super) fn cmd_receipts(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    let o = Opts::parse(args, &["out", "period"], &[])?;
    let ws = open_workspace(g)?;
    let dir = PathBuf::from(o.need("out")?);
    let period = o.get("period").map(Period::parse).transpose()?;
    for p in ws.write_receipts(&dir, period)? {
        writeln!(out, "{}", tra("receipts-written", &[("path", p.display().to_string().into())]))?;
    }
    Ok(())
}

/// `tiendo receipt import FILE` / `tiendo receipt show [--period P] [--json]`: at the unit.
pub(super) fn cmd_receipt(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    let sub = args.first().map(String::as_str).unwrap_or("");
    let rest = args.get(1..).unwrap_or(&[]);
    match sub {
        "import" => {
            let o = Opts::parse(rest, &[], &[])?;
            let file = PathBuf::from(o.pos(0, "FILE.zip")?);
            let mut ws = open_workspace(g)?;
            let (outcome, doc) = ws.import_receipt(&file)?;
            writeln!(out, "{}", crate::bundle::dropbox::receipt_said(i18n::lang(), outcome, &doc.parent_code, doc.sequence, doc.entries.len()))?;
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
        _ => Err(Error::from(UsageError::Missing { what: "import FILE | show".into() })),
    }
}

pub(super) fn cmd_matrix(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
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
pub(super) fn document_args(o: &Opts) -> Result<(Period, PathBuf)> {
    let period = Period::parse(o.need("quarter")?)?;
    Ok((period, document_out(o)?))
}

pub(super) fn document_out(o: &Opts) -> Result<PathBuf> {
    Ok(PathBuf::from(o.need("out")?))
}

/// `tiendo checklist --quarter 2023Q1 [--unit CODE] --out FILE.pdf`, and
/// `tiendo report …` with the same options.
pub(super) fn cmd_document(
    g: &Globals,
    args: &[String],
    out: &mut dyn Write,
    write: fn(&Workspace, &str, Period, Lang, &Path) -> Result<crate::report::Pdf>,
) -> Result<()> {
    let o = Opts::parse(args, &["quarter", "unit", "out"], &[])?;
    let (period, path) = document_args(&o)?;
    let ws = open_workspace(g)?;
    let unit = ws.unit_or(o.get("unit"))?;
    let pdf = write(&ws, &unit, period, i18n::lang(), &path)?;
    writeln!(out, "{}", tra("report-written", &[("path", path.display().to_string().into()), ("pages", pdf.pages.into())]))?;
    Ok(())
}

pub(super) fn cmd_checklist(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    cmd_document(g, args, out, crate::report::write_checklist)
}

pub(super) fn cmd_report(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    cmd_document(g, args, out, crate::report::write_report)
}

/// `tiendo calendar [--unit CODE] --out FILE.ics`.
pub(super) fn cmd_calendar(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    let o = Opts::parse(args, &["unit", "out"], &[])?;
    let path = document_out(&o)?;
    let ws = open_workspace(g)?;
    let unit = ws.unit_or(o.get("unit"))?;
    let cal = crate::ics::write_calendar(&ws, &unit, i18n::lang(), &path)?;
    writeln!(out, "{}", tra("calendar-written", &[("path", path.display().to_string().into()), ("count", cal.events.into())]))?;
    Ok(())
}

/// The files to merge: each argument, or the `.zip` files of a folder (sorted).
fn expand_folders(args: &[String]) -> Result<Vec<String>> {
    let mut files = vec![];
    for a in args {
        let p = Path::new(a);
        if !p.is_dir() {
            files.push(a.clone());
            continue;
        }
        let rd = std::fs::read_dir(p).map_err(|e| Error::new("err-open-file").arg("path", a.clone()).io(e))?;
        let mut inside: Vec<String> = rd
            .flatten()
            .map(|e| e.path())
            .filter(|q| q.is_file() && q.extension().is_some_and(|x| x.eq_ignore_ascii_case("zip")))
            .filter(|q| !q.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
            .map(|q| q.display().to_string())
            .collect();
        inside.sort();
        files.extend(inside);
    }
    Ok(files)
}
