//! Keys and signatures: the unit's Ed25519 signing key in minisign format
//! (`sign`, `keys`), the passphrase seal that protects kept secrets (`seal`),
//! the PDF-signing key and certificate (`pdfcert`) with the embedded CMS
//! signature it adds to reports (`pdfsign`), and the .p12/.pfx reader a
//! CA-issued certificate comes in (`pkcs12`). Bundles and plan packages sign
//! and verify through here; nothing here knows about bundles.

pub mod keys;
pub mod pdfcert;
pub mod pdfsign;
pub mod pkcs12;
pub mod seal;
pub mod sign;

use std::path::Path;

use crate::error::Result;

/// Writes a secret (a key file) atomically, readable by its owner only.
pub(crate) fn write_secret(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    crate::fsutil::write_atomic(path, |w| Ok(w.write_all(text.as_bytes())?))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
    Ok(())
}
