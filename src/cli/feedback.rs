//! `tiendo feedback …`: review requests between the parent office and its units.
//!
//! At the parent office: `review` marks a unit's task (or document) "đạt" or
//! "yêu cầu bổ sung", `reviews` lists them, `export` writes the signed
//! feedback packages. At the unit: `import` takes one in, `requests` lists
//! what was asked and what was done since.

use super::*;
use crate::bundle::feedback::{request_line, review_answer_text, with_state};
use crate::store::feedback::ReviewVerdict;

pub(super) fn cmd_feedback(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    let sub = args.first().map(String::as_str).unwrap_or("");
    let rest = args.get(1..).unwrap_or(&[]);
    match sub {
        "review" => {
            let o = Opts::parse(rest, &["unit", "task", "verdict", "comment", "evidence"], &[])?;
            let verdict_text = o.need("verdict")?;
            let verdict = ReviewVerdict::parse(verdict_text).ok_or_else(|| Error::new("err-review-bad-verdict").arg("value", verdict_text))?;
            let mut ws = open_workspace(g)?;
            let (review, changed) = ws.review(o.need("unit")?, o.need("task")?, o.get("evidence"), verdict, o.get("comment").unwrap_or(""))?;
            let id = if changed { "review-saved" } else { "review-unchanged" };
            writeln!(out, "{}", tra(id, &[
                ("unit", review.unit.as_str().into()),
                ("task", review.request.task.as_str().into()),
                ("verdict", tr(review.request.verdict.label_id()).into()),
                ("revision", Arg::Num(review.request.revision as f64)),
            ]))?;
            Ok(())
        }
        "reviews" => {
            let o = Opts::parse(rest, &["unit"], &["json"])?;
            let ws = open_workspace(g)?;
            let reviews = ws.reviews(o.get("unit"))?;
            if o.flag("json") {
                let v: Vec<Value> = reviews
                    .iter()
                    .map(|r| {
                        let mut v = serde_json::to_value(r).expect("review serialises");
                        v["answered"] = json!(r.answered());
                        v["answer"] = json!(r.answer());
                        v
                    })
                    .collect();
                return print_json(out, &Value::Array(v));
            }
            if reviews.is_empty() {
                writeln!(out, "{}", tr("review-none"))?;
            }
            for r in reviews {
                writeln!(out, "{}: {}", r.unit, with_state(request_line(&r.request, i18n::lang()), review_answer_text(&r, i18n::lang())))?;
            }
            Ok(())
        }
        "export" => {
            let o = Opts::parse(rest, &["unit", "out"], &["all"])?;
            let target = PathBuf::from(o.need("out")?);
            let ws = open_workspace(g)?;
            if o.flag("all") {
                for p in ws.write_feedback_all(&target)? {
                    writeln!(out, "{}", tra("feedback-written", &[("path", p.display().to_string().into())]))?;
                }
            } else {
                let unit = o.get("unit").ok_or_else(|| crate::error::Error::from(crate::error::UsageError::Missing { what: ("--unit CODE | --all").into() }))?;
                let n = ws.write_feedback(unit, &target)?;
                writeln!(out, "{}", tra("feedback-written-unit", &[
                    ("path", target.display().to_string().into()),
                    ("count", n.into()),
                    ("unit", unit.into()),
                ]))?;
            }
            Ok(())
        }
        "import" => {
            let o = Opts::parse(rest, &[], &[])?;
            let file = PathBuf::from(o.pos(0, "FILE.zip")?);
            let mut ws = open_workspace(g)?;
            let (outcome, doc) = ws.import_feedback(&file)?;
            let said = crate::bundle::dropbox::feedback_said(i18n::lang(), outcome, &doc.parent_code, doc.sequence, doc.requests.len(), ws.open_requests()?);
            writeln!(out, "{said}")?;
            Ok(())
        }
        "requests" => {
            let o = Opts::parse(rest, &["task"], &["json"])?;
            let ws = open_workspace(g)?;
            let requests = ws.requests(o.get("task"))?;
            if o.flag("json") {
                let v: Vec<Value> = requests
                    .iter()
                    .map(|r| {
                        json!({
                            "parent": r.held.parent,
                            "request": r.held.request,
                            "received_at": r.held.received_at,
                            "answered": r.answered(),
                            "open": r.open(),
                            "evidence_added": r.evidence_added.iter().map(|e| e.file_name.clone()).collect::<Vec<_>>(),
                            "fields_changed": r.fields_changed,
                        })
                    })
                    .collect();
                return print_json(out, &Value::Array(v));
            }
            if requests.is_empty() {
                writeln!(out, "{}", tr("request-none"))?;
            }
            for r in &requests {
                writeln!(out, "{}", with_state(request_line(&r.held.request, i18n::lang()), r.done_text(i18n::lang())))?;
            }
            Ok(())
        }
        _ => Err(crate::error::Error::from(crate::error::UsageError::Missing { what: ("review | reviews | export | import | requests").into() })),
    }
}

