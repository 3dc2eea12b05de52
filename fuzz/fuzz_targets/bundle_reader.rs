//! The bundle reader: zip structure, entry names, manifest, signature,
//! SHA256SUMS, progress.json, then the merge into a database.
//!
//! The first byte picks the mode. Even: the rest is a whole `.zip` file, as
//! it might arrive on a USB stick. Odd: the rest is a `progress.json` that
//! this harness wraps into a correctly signed bundle (signed with a fixed
//! test key that the database trusts), so that the fuzzer reaches the checks
//! and the merge that come after the signature.
#![no_main]

use std::io::{Cursor, Write};
use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sha2::{Digest, Sha256};
use tiendo_core::crypto::sign::SecretKey;
use tiendo_core::bundle::{self, FileEntry, KeySource, Manifest, MergeOutcome, ProgressDoc};
use tiendo_core::store::DB_FILE;
use tiendo_core::workspace::Workspace;

fn key() -> SecretKey {
    SecretKey::from_parts(*b"fuzzkey1", [7u8; 32])
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Wraps `progress` into a bundle signed with [`key`].
fn signed_bundle(mode: u8, progress: &[u8]) -> Option<Vec<u8>> {
    let (mut unit, mut plan, mut period) = ("X-ANT".to_owned(), "cu-chi-cchc-2023".to_owned(), "2023Q1".to_owned());
    let mut progress_bytes = progress.to_vec();
    let mut evidence: Vec<(String, Vec<u8>)> = vec![];
    if let Ok(mut doc) = serde_json::from_slice::<ProgressDoc>(progress) {
        // Give every evidence file (the units' of a consolidated bundle too)
        // content whose hash the document states.
        fn fill(doc: &mut ProgressDoc, mode: u8, evidence: &mut Vec<(String, Vec<u8>)>) {
            for (i, e) in doc.evidence.iter_mut().enumerate() {
                let content: Vec<u8> = e.file_name.as_bytes().iter().copied().cycle().take(e.file_name.len() * (1 + i % 3)).collect();
                e.sha256 = hex(&Sha256::digest(&content));
                e.size = content.len() as u64;
                if mode & 2 == 0 && !evidence.iter().any(|(p, _)| *p == e.path) {
                    evidence.push((e.path.clone(), content));
                }
            }
            for u in &mut doc.units {
                fill(u, mode, evidence);
            }
        }
        fill(&mut doc, mode, &mut evidence);
        unit = doc.unit_code.clone();
        plan = doc.plan_id.clone();
        period = doc.period.clone();
        progress_bytes = serde_json::to_vec(&doc).ok()?;
    }
    let sk = key();
    let mut files = vec![FileEntry { path: bundle::PROGRESS.into(), size: progress_bytes.len() as u64, sha256: hex(&Sha256::digest(&progress_bytes)) }];
    for (p, c) in &evidence {
        files.push(FileEntry { path: p.clone(), size: c.len() as u64, sha256: hex(&Sha256::digest(c)) });
    }
    let manifest = Manifest {
        format: bundle::FORMAT.into(),
        version: bundle::VERSION,
        plan_id: plan,
        plan_hash: String::new(),
        unit_code: unit.clone(),
        unit_name: String::new(),
        period: period.clone(),
        sequence: (mode >> 2) as i64,
        created_at: "2023-04-01T08:00:00".into(),
        app_version: "fuzz".into(),
        previous: None,
        public_key: sk.public().to_base64(),
        files,
        referenced: vec![],
    };
    let manifest_bytes = serde_json::to_vec_pretty(&manifest).ok()?;
    let sums = bundle::sums_text(&manifest, &hex(&Sha256::digest(&manifest_bytes)));
    let sig = sk.sign_minisig(&manifest_bytes, &format!("unit:{unit} period:{period} sequence:{} file:manifest.json", manifest.sequence));
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflate = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file(bundle::PROGRESS, deflate).ok()?;
    zip.write_all(&progress_bytes).ok()?;
    for (p, c) in &evidence {
        zip.start_file(p.as_str(), stored).ok()?;
        zip.write_all(c).ok()?;
    }
    for (name, bytes) in [(bundle::MANIFEST, manifest_bytes), (bundle::SUMS, sums.into_bytes()), (bundle::SIGNATURE, sig.into_bytes())] {
        zip.start_file(name, deflate).ok()?;
        zip.write_all(&bytes).ok()?;
    }
    Some(zip.finish().ok()?.into_inner())
}

/// A folder in memory when there is one (/dev/shm), else the temp folder.
fn scratch_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let shm = PathBuf::from("/dev/shm");
        let base = if shm.is_dir() { shm } else { std::env::temp_dir() };
        let d = base.join(format!("tiendo-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(d.join("template")).expect("scratch folder");
        // A database with the built-in plan installed, made once and copied
        // for every run (installing the plan each time is most of the cost).
        // It is the district's: only the office governing a unit merges its bundles.
        let mut ws = Workspace::open(&d.join("template")).expect("template workspace");
        ws.set_unit("CUCHI").expect("the district");
        drop(ws);
        d
    })
}

fn scratch() -> PathBuf {
    scratch_dir().join("bundle.zip")
}

/// A fresh workspace: a copy of the template database.
fn fresh_workspace() -> Workspace {
    let ws = scratch_dir().join("ws");
    let _ = std::fs::remove_dir_all(&ws);
    std::fs::create_dir_all(&ws).expect("workspace folder");
    std::fs::copy(scratch_dir().join("template").join(DB_FILE), ws.join(DB_FILE)).expect("copy template");
    Workspace::open(&ws).expect("workspace")
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let bytes = if mode & 1 == 0 {
        rest.to_vec()
    } else {
        match signed_bundle(mode, rest) {
            Some(b) => b,
            None => return,
        }
    };
    let path = scratch();
    std::fs::write(&path, &bytes).expect("scratch file");
    let pk = key().public();
    let verified = bundle::verify(&path, &KeySource::Given(pk.clone()));
    if mode & 1 == 1 || verified.is_ok() {
        // Merge into a fresh database that trusts the test key for the unit.
        let mut ws = fresh_workspace();
        if let Ok(v) = &verified {
            let _ = ws.trust_key(&v.manifest.unit_code, &pk);
        }
        let before = ws.store().merged_digest().expect("digest");
        let merged = ws.merge_bundle(&path, false);
        if std::env::var_os("TIENDO_FUZZ_DEBUG").is_some() {
            // Shows where an input gets to (checking the harness itself).
            eprintln!("verify: {:?}; merge: {:?}", verified.as_ref().map(|v| v.manifest.sequence).map_err(|e| e.key), merged.as_ref().map(|m| m.0.clone()).map_err(|e| e.key));
        }
        match merged {
            Ok((MergeOutcome::Merged, _)) => {
                assert!(ws.store().integrity_ok().expect("integrity"));
                // Merging the same bundle again changes nothing.
                let after = ws.store().merged_digest().expect("digest");
                let (again, _) = ws.merge_bundle(&path, false).expect("re-merge");
                assert_eq!(again, MergeOutcome::AlreadyMerged);
                assert_eq!(ws.store().merged_digest().expect("digest"), after);
            }
            Ok(_) => {}
            // A refused bundle changes nothing.
            Err(_) => assert_eq!(ws.store().merged_digest().expect("digest"), before),
        }
    }
});
