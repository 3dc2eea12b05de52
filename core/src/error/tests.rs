use std::error::Error as _;

use super::kinds::all_messages;
use super::*;
use crate::i18n::{Lang, message_ids, ta};

#[test]
fn every_typed_message_is_in_both_locales_with_its_arguments() {
    let all = all_messages();
    assert!(all.len() >= 30, "{}", all.len());
    let mut seen = std::collections::BTreeSet::new();
    for (id, fields) in &all {
        assert!(seen.insert(*id), "{id} is the message of two variants");
        for lang in Lang::ALL {
            assert!(message_ids(lang).iter().any(|m| m == id), "{id} missing from {lang:?}");
            // Each argument shows up in the sentence: a field nobody prints is a lie.
            let args: Vec<(&str, Arg)> = fields.iter().map(|f| (*f, Arg::Str(format!("«{f}-value»")))).collect();
            let text = ta(lang, id, &args);
            for f in *fields {
                assert!(text.contains(&format!("«{f}-value»")), "{id} ({lang:?}) does not show ${f}: {text}");
            }
        }
    }
}

#[test]
fn a_typed_error_carries_its_id_arguments_and_kind() {
    let e = Error::from(StoreError::Newer { found: 40, known: 31 });
    assert_eq!(e.key, "err-db-newer");
    assert_eq!(e.args, vec![("found", Arg::Num(40.0)), ("known", Arg::Num(31.0))]);
    assert_eq!(e.kind(), &Kind::Store(StoreError::Newer { found: 40, known: 31 }));
    assert!(e.message_in(Lang::En).contains("31"), "{}", e.message_in(Lang::En));

    let busy = Error::from(StoreError::Busy);
    assert!(busy.is_busy() && !busy.is_usage());
    // The same words built as a plain message are not the typed error.
    assert!(!Error::new("err-db-busy").is_busy());

    let usage = Error::from(UsageError::MissingValue { option: "--out".into() });
    assert!(usage.is_usage() && !usage.is_busy());
    assert_eq!(usage.message_in(Lang::En), "missing value for --out");
    assert_eq!(Error::new("err-bad-number").kind(), &Kind::Message);
}

#[test]
fn an_io_error_keeps_its_source_and_says_its_kind_in_words() {
    let os = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "EACCES from the OS");
    let e = Error::from(os);
    assert!(matches!(e.kind(), Kind::Io(IoError::Failed { detail: Arg::Msg("io-permission") })));
    assert_eq!(e.source().map(|s| s.to_string()).as_deref(), Some("EACCES from the OS"));
    assert!(!e.message_in(Lang::Vi).contains("EACCES"));

    let w = IoError::write_file("/x/y.zip", std::io::Error::from(std::io::ErrorKind::NotFound));
    assert_eq!((w.key, w.args[0].clone()), ("err-write-file", ("path", Arg::Str("/x/y.zip".into()))));
    assert!(w.source().is_some());
}

/// A typed message built by its id (`Error::new("err-db-busy")`) would look
/// the same but not be recognised by the code that branches on it: every
/// typed id is built through its variant.
#[test]
fn no_source_builds_a_typed_message_by_its_id() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned();
    let ids: Vec<&str> = all_messages().iter().map(|(id, _)| *id).collect();
    let mut found = vec![];
    let mut stack = vec![root.join("core/src"), root.join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                // This module's own tests build one on purpose.
                if !path.ends_with("core/src/error") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for id in &ids {
                    if text.contains(&format!("Error::new(\"{id}\")")) {
                        found.push(format!("{}: {id}", path.display()));
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "build these through their typed variant:\n{}", found.join("\n"));
}
