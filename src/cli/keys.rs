//! `tiendo keys …`: the signing key, key cards, trust, rotation, the
//! passphrase and the PDF-signing certificate.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::*;

/// The first line of `file`, without its line ending: a passphrase or
/// password. Notepad's ways of saving are read too (a UTF-8 byte-order
/// mark, UTF-16, Windows-1258, CR LF).
pub(super) fn read_passphrase_file(file: &Path) -> Result<String> {
    let bad = |detail: String| Error::new("err-passphrase-file").arg("path", file.display().to_string()).arg("detail", detail);
    let bytes = std::fs::read(file).map_err(|e| bad(e.to_string()))?;
    let text = decode(&bytes).map_err(|e| bad(e.message()))?;
    Ok(text.lines().next().unwrap_or("").to_owned())
}

/// A new passphrase: asked twice on a terminal, without echo; one line of
/// standard input otherwise.
fn read_new_passphrase() -> Result<String> {
    use std::io::{BufRead, IsTerminal};
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        let mut s = String::new();
        stdin.lock().read_line(&mut s)?;
        return Ok(s.trim_end_matches(['\r', '\n']).to_owned());
    }
    let ask = |prompt: &str| rpassword::prompt_password(format!("{prompt} ")).map_err(Error::from);
    let first = ask(&tr("keys-new-passphrase"))?;
    if ask(&tr("keys-repeat-passphrase"))? != first {
        return Err(Error::new("err-passphrase-mismatch"));
    }
    Ok(first)
}

/// The PDF-signing certificate: subject, issuer, validity, fingerprint, kind.
fn print_pdf_certificate(out: &mut dyn Write, info: &crate::crypto::pdfsign::CertInfo) -> Result<()> {
    writeln!(out, "{}", tr("pdfcert-title"))?;
    writeln!(out, "  {}", tra("pdfcert-subject", &[("subject", info.subject.as_str().into())]))?;
    writeln!(out, "  {}", tra("pdfcert-issuer", &[("issuer", info.issuer.as_str().into())]))?;
    writeln!(out, "  {}", tra("pdfcert-validity", &[("from", format_date(info.not_before).into()), ("to", format_date(info.not_after).into())]))?;
    writeln!(out, "  {}", tra("pdfcert-fingerprint", &[("fingerprint", info.fingerprint.as_str().into())]))?;
    writeln!(out, "  {}", tra("pdfcert-kind", &[
        ("origin", tr(if info.imported { "pdfcert-origin-imported" } else { "pdfcert-origin-generated" }).into()),
        ("signed", tr(if info.self_signed { "pdfcert-self-signed" } else { "pdfcert-ca-issued" }).into()),
        ("algorithm", info.algorithm.as_str().into()),
    ]))?;
    Ok(())
}

pub(super) fn cmd_keys(g: &Globals, args: &[String], out: &mut dyn Write) -> Result<()> {
    let sub = args.first().map(String::as_str).unwrap_or("show");
    let rest = if args.is_empty() { args } else { &args[1..] };
    let mut ws = open_workspace(g)?;
    match sub {
        "show" => {
            let pk = ws.public_key()?;
            write!(out, "{}", pk.to_minisign_file())?;
            writeln!(out, "{}", tra("keys-fingerprint", &[("fingerprint", pk.fingerprint().into())]))?;
            writeln!(out, "{}", tr(if ws.key_protected()? { "keys-state-protected" } else { "keys-state-clear" }))?;
            // The PDF-signing certificate, if one was made or imported yet (a
            // damaged file is reported without hiding the key above).
            match ws.pdf_certificate() {
                Ok(Some(info)) => print_pdf_certificate(out, &info)?,
                Ok(None) => {}
                Err(e) => eprintln!("{}", tra("cli-error", &[("message", e.message().into())])),
            }
            Ok(())
        }
        "import-p12" => {
            let o = Opts::parse(rest, &["password-file"], &[])?;
            let file = PathBuf::from(o.pos(0, "FILE.p12")?);
            let password = match o.get("password-file") {
                Some(f) => read_passphrase_file(Path::new(f))?,
                None => std::env::var("TIENDO_P12_PASSWORD").map_err(|_| Error::new("err-p12-no-password"))?,
            };
            let done = ws.import_pdf_certificate(&file, &password)?;
            writeln!(out, "{}", tra("pdfcert-imported", &[("path", file.display().to_string().into())]))?;
            print_pdf_certificate(out, &done.info)?;
            if let Some(p) = done.previous {
                writeln!(out, "{}", tra("pdfcert-previous", &[("path", p.display().to_string().into())]))?;
            }
            Ok(())
        }
        "protect" => {
            let o = Opts::parse(rest, &["new-passphrase-file"], &[])?;
            let new = match o.get("new-passphrase-file") {
                Some(f) => read_passphrase_file(Path::new(f))?,
                None => read_new_passphrase()?,
            };
            ws.protect_key(Some(&new))?;
            writeln!(out, "{}", tr("keys-protected"))?;
            Ok(())
        }
        "unprotect" => {
            Opts::parse(rest, &[], &[])?;
            ws.protect_key(None)?;
            writeln!(out, "{}", tr("keys-unprotected"))?;
            Ok(())
        }
        "export-card" => {
            let o = Opts::parse(rest, &["out"], &[])?;
            let dest = PathBuf::from(o.need("out")?);
            let pk = ws.export_key_card(&dest)?;
            writeln!(out, "{}", tra("keys-card-saved", &[("path", dest.display().to_string().into()), ("fingerprint", pk.fingerprint().into())]))?;
            Ok(())
        }
        "trust" => {
            let o = Opts::parse(rest, &["unit"], &[])?;
            let file = PathBuf::from(o.pos(0, "FILE")?);
            if let Ok(text) = std::fs::read_to_string(&file)
                && text.trim_start().starts_with('{')
            {
                // A key rotation signed by the unit's old key.
                let (unit, pk) = ws.accept_rotation(&text)?;
                writeln!(out, "{}", tra("keys-rotation-accepted", &[("unit", unit.into()), ("fingerprint", pk.fingerprint().into())]))?;
                return Ok(());
            }
            let (pk, card_unit) = crate::bundle::read_key_card(&file)?;
            // The card names its unit in the comment; --unit overrides.
            let unit = o
                .get("unit")
                .map(str::to_owned)
                .or(card_unit)
                .ok_or_else(|| Error::from(UsageError::MissingValue { option: "--unit".into() }))?;
            ws.trust_key(&unit, &pk)?;
            writeln!(out, "{}", tra("keys-trusted", &[("unit", unit.into()), ("fingerprint", pk.fingerprint().into())]))?;
            Ok(())
        }
        "rotate" => {
            let o = Opts::parse(rest, &["out"], &[])?;
            let dest = PathBuf::from(o.need("out")?);
            let r = ws.rotate_key(&dest)?;
            writeln!(out, "{}", tra("keys-rotated", &[
                ("path", dest.display().to_string().into()),
                ("old", r.old_key()?.fingerprint().into()),
                ("new", r.new_key()?.fingerprint().into()),
            ]))?;
            Ok(())
        }
        "accept" => {
            let o = Opts::parse(rest, &[], &[])?;
            let k = ws.accept_key(o.pos(0, "FINGERPRINT")?)?;
            writeln!(out, "{}", tra("keys-trusted", &[("unit", k.unit.into()), ("fingerprint", crate::crypto::sign::fingerprint_of_hex(&k.key_id).into())]))?;
            Ok(())
        }
        "list" => {
            let o = Opts::parse(rest, &[], &["json"])?;
            let keys = ws.keys()?;
            if o.flag("json") {
                return print_json(out, &json!(keys));
            }
            for k in keys {
                writeln!(out, "{:<8} {}  {:<11} {}", k.unit, crate::crypto::sign::fingerprint_of_hex(&k.key_id), k.status, k.added_at)?;
            }
            Ok(())
        }
        _ => Err(Error::from(UsageError::Command { command: format!("keys {sub}") })),
    }
}

