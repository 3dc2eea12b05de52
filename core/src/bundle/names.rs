//! The one rule for names inside a package, and how export picks them.

use super::*;

/// The longest path inside a bundle, in bytes.
pub const MAX_ENTRY_NAME_BYTES: usize = 512;
/// The longest part of a path (a folder or file name), in bytes: what
/// Linux and Windows file systems accept for one name.
pub const MAX_NAME_PART_BYTES: usize = 255;

/// Checks a path inside a bundle: relative, no "..", no drive letters or
/// backslashes, no control characters, NFC, not too long. The one name rule:
/// export names its entries by it ([`EntryNames`]), verify and merge refuse
/// what breaks it.
pub fn check_entry_name(name: &str) -> Result<()> {
    let bad = |why: &str| Error::new("err-bundle-bad-name").arg("name", short_name(name)).arg("why", why.to_owned());
    if name.is_empty() {
        return Err(bad("empty"));
    }
    if name.len() > MAX_ENTRY_NAME_BYTES || name.split('/').any(|c| c.len() > MAX_NAME_PART_BYTES) {
        return Err(bad("length"));
    }
    if name.contains('\\') {
        return Err(bad("backslash"));
    }
    if name.starts_with('/') {
        return Err(bad("absolute"));
    }
    if name.contains(':') {
        return Err(bad("drive"));
    }
    if name.chars().any(|c| c.is_control()) {
        return Err(bad("control"));
    }
    if name.split('/').any(|c| c.is_empty() || c == "." || c == "..") {
        return Err(bad("traversal"));
    }
    if crate::text::nfc(name) != name {
        return Err(bad("normalization"));
    }
    Ok(())
}

/// Checks a file name a bundle gives (`file_name` in `progress.json`): the
/// rule of entry names, and one name only (no folder).
pub fn check_file_name(name: &str) -> Result<()> {
    if name.contains('/') {
        return Err(Error::new("err-bundle-bad-name").arg("name", short_name(name)).arg("why", "separator"));
    }
    check_entry_name(name)
}

/// Names a bundle's evidence entries: `evidence/{sha256[..16]}-{name}`, one
/// entry per content (two attachments of the same bytes share it), the name
/// made safe and short enough for [`check_entry_name`], and no two paths the
/// same ignoring case.
#[derive(Debug, Default)]
pub struct EntryNames {
    by_sha: BTreeMap<String, (String, String)>,
    folded: BTreeSet<String>,
}

impl EntryNames {
    /// The entry path for content `sha256` first attached as `file_name`,
    /// and the file name to record for this attachment (made safe).
    pub fn entry(&mut self, sha256: &str, file_name: &str) -> (String, String) {
        let clean = fit_name(&crate::evidence::safe_file_name(file_name), MAX_NAME_PART_BYTES - 17);
        if let Some((path, _)) = self.by_sha.get(sha256) {
            return (path.clone(), clean);
        }
        let mut path = format!("evidence/{}-{}", &sha256[..16.min(sha256.len())], clean);
        if self.folded.contains(&path.to_lowercase()) {
            // Two contents sharing 64 bits of hash: the whole hash tells them apart.
            let name = fit_name(&clean, MAX_NAME_PART_BYTES - 1 - sha256.len());
            path = format!("evidence/{sha256}-{name}");
        }
        self.folded.insert(path.to_lowercase());
        self.by_sha.insert(sha256.to_owned(), (path.clone(), clean.clone()));
        (path, clean)
    }
}

/// Shortens a file name to at most `max` bytes (NFC, whole characters),
/// keeping its extension when there is room.
pub(super) fn fit_name(name: &str, max: usize) -> String {
    let name = crate::text::nfc(name);
    if name.len() <= max {
        return name;
    }
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 && name.len() - i <= 16 => (&name[..i], &name[i..]),
        _ => (name.as_str(), ""),
    };
    let room = max.saturating_sub(ext.len() + "…".len());
    let mut cut = room.min(stem.len());
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    // NFC of a cut NFC text can differ: shorten until it fits as NFC.
    loop {
        let out = crate::text::nfc(&format!("{}…{}", stem[..cut].trim_end(), ext));
        if out.len() <= max || cut == 0 {
            return out;
        }
        cut -= 1;
        while !stem.is_char_boundary(cut) {
            cut -= 1;
        }
    }
}
