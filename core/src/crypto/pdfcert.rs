//! The certificate the bundled report's PDF signature is made with: the
//! self-signed one Tiến Độ makes on first need, or one a certification
//! authority issued to the unit, imported from a .p12/.pfx file. Both live
//! in `<data>/keys/pdf-signing.json`, readable by its owner only; importing
//! keeps the file it replaces beside it, so nothing is lost. When the
//! signing key has a passphrase, this key is sealed under it too.

use std::path::{Path, PathBuf};

use base64::Engine;
use serde::{Deserialize, Serialize};

use super::seal::{self, Sealed};
use super::write_secret;
use crate::error::{CryptoError, Error, Result};
use crate::crypto::pdfsign::{CertInfo, PdfSigner};
use crate::workspace::Workspace;

pub const GENERATED: &str = "generated";
pub const IMPORTED: &str = "imported";

/// `pdf-signing.json`. Files written before certificates could be imported
/// hold only `unit`, `key` and `certificate`; they read as generated ones.
#[derive(Serialize, Deserialize)]
struct PdfKeyFile {
    unit: String,
    /// The private key, PKCS#8 DER (RSA or ECDSA P-256), base64 — or
    /// `sealed_key`, the same sealed with the passphrase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sealed_key: Option<Sealed>,
    /// The certificate, DER, base64.
    certificate: String,
    /// The certificates from it up to its authority, DER, base64.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    chain: Vec<String>,
    /// `generated` or `imported`.
    #[serde(default = "generated")]
    origin: String,
    /// The name of the .p12 file it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    imported_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    created_at: Option<String>,
}

fn generated() -> String {
    GENERATED.to_owned()
}

/// What importing a certificate did.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfCertImport {
    pub info: CertInfo,
    /// Where the key and certificate it replaced were kept, if there were any.
    pub previous: Option<PathBuf>,
}

impl PdfKeyFile {
    fn new(unit: &str, signer: &PdfSigner, origin: &str, imported_from: Option<String>, passphrase: Option<&str>) -> Result<PdfKeyFile> {
        let b64 = base64::engine::general_purpose::STANDARD;
        let (key, cert) = signer.to_der()?;
        let (key, sealed_key) = seal::store(&key, passphrase)?;
        Ok(PdfKeyFile {
            unit: unit.to_owned(),
            key,
            sealed_key,
            certificate: b64.encode(cert),
            chain: signer.chain_der()?.iter().map(|c| b64.encode(c)).collect(),
            origin: origin.to_owned(),
            imported_from,
            created_at: Some(crate::store::now_stamp()),
        })
    }

    fn read(path: &Path) -> Result<PdfKeyFile> {
        serde_json::from_str(&std::fs::read_to_string(path)?).map_err(|_| bad_file(path))
    }

    /// The key and certificates; a sealed key needs `passphrase`.
    fn signer(&self, path: &Path, passphrase: Option<&str>) -> Result<PdfSigner> {
        let b64 = base64::engine::general_purpose::STANDARD;
        let bad = || bad_file(path);
        let key = seal::open_stored(self.key.as_deref(), self.sealed_key.as_ref(), passphrase, bad)?;
        let cert = b64.decode(&self.certificate).map_err(|_| bad())?;
        let chain = self.chain.iter().map(|c| b64.decode(c).map_err(|_| bad())).collect::<Result<Vec<_>>>()?;
        PdfSigner::from_parts(&key, &cert, &chain).map_err(|_| bad())
    }

    /// What the certificate says (no key needed).
    fn info(&self, path: &Path) -> Result<CertInfo> {
        let cert = base64::engine::general_purpose::STANDARD.decode(&self.certificate).map_err(|_| bad_file(path))?;
        let info = crate::crypto::pdfsign::cert_info(&cert, self.chain.len()).map_err(|_| bad_file(path))?;
        Ok(CertInfo { imported: self.origin == IMPORTED, ..info })
    }
}

fn bad_file(path: &Path) -> Error {
    Error::from(CryptoError::KeyFile { path: path.display().to_string() })
}

impl Workspace {
    /// Where the PDF-signing key and certificate live.
    pub fn pdf_key_path(&self) -> Result<PathBuf> {
        Ok(self.key_path()?.with_file_name("pdf-signing.json"))
    }

    /// The stored key file, if there is one.
    fn read_pdf_key_file(&self) -> Result<Option<(PdfKeyFile, PathBuf)>> {
        let path = self.pdf_key_path()?;
        if !path.exists() {
            return Ok(None);
        }
        Ok(Some((PdfKeyFile::read(&path)?, path)))
    }

    /// This installation's PDF-signing key and certificate: the stored ones,
    /// else a new key with a self-signed certificate naming the unit.
    pub fn pdf_signer(&self) -> Result<PdfSigner> {
        if let Some((file, path)) = self.read_pdf_key_file()? {
            return file.signer(&path, self.given_passphrase().as_deref());
        }
        let unit = self.require_unit()?;
        let passphrase = self.sealing_passphrase()?;
        let name = self.plan.unit(unit).map(|u| u.name.clone()).unwrap_or_else(|| unit.to_owned());
        let org = self.plan.unit(&self.plan.issuer).map(|u| u.name.clone()).unwrap_or_default();
        let signer = PdfSigner::generate(&name, &org)?;
        let file = PdfKeyFile::new(unit, &signer, GENERATED, None, passphrase.as_deref())?;
        write_secret(&self.pdf_key_path()?, &serde_json::to_string_pretty(&file).expect("key file serialises"))?;
        Ok(signer)
    }

    /// The certificate in use for PDF signatures, if one was made or
    /// imported yet (none is made just to show it).
    pub fn pdf_certificate(&self) -> Result<Option<CertInfo>> {
        if self.store.path().is_none() {
            // A database in memory (tests) has no key folder.
            return Ok(None);
        }
        self.read_pdf_key_file()?.map(|(file, path)| file.info(&path)).transpose()
    }

    /// A warning when the certificate in use has expired or expires within
    /// [`EXPIRY_WARNING_DAYS`](crate::crypto::pdfsign::EXPIRY_WARNING_DAYS)
    /// days of the workspace's today: signatures made with it are reported
    /// expired, so a renewed .p12 should be imported.
    pub fn pdf_certificate_warning(&self) -> Result<Option<Error>> {
        use crate::crypto::pdfsign::CertValidity;
        let Some(c) = self.pdf_certificate()? else { return Ok(None) };
        let date = crate::i18n::format_date(c.not_after);
        Ok(match c.validity_on(self.today) {
            CertValidity::Expired => Some(Error::new("warn-pdf-cert-expired").arg("date", date)),
            CertValidity::ExpiresSoon(days) => Some(Error::new("warn-pdf-cert-expiring").arg("date", date).arg("days", days as f64)),
            CertValidity::Valid | CertValidity::NotYetValid => None,
        })
    }

    /// Imports the key and certificate of a .p12/.pfx file for the PDF
    /// signature. The file must hold a supported key (RSA, ECDSA P-256) with
    /// its certificate, valid today; otherwise nothing changes. The key and
    /// certificate in use so far are kept as `pdf-signing.json.<time>.bak`.
    pub fn import_pdf_certificate(&self, p12: &Path, password: &str) -> Result<PdfCertImport> {
        // Sealed like the signing key, if it has a passphrase.
        let passphrase = self.sealing_passphrase()?;
        let bytes = std::fs::read(p12).map_err(|e| Error::new("err-open-file").arg("path", p12.display().to_string()).io(e))?;
        let signer = PdfSigner::from_pkcs12(&bytes, password)?;
        signer.check_valid_on(self.today)?;
        let source = p12.file_name().map(|n| n.to_string_lossy().into_owned());
        let file = PdfKeyFile::new(self.unit.as_deref().unwrap_or_default(), &signer, IMPORTED, source, passphrase.as_deref())?;
        let text = serde_json::to_string_pretty(&file).expect("key file serialises");

        let path = self.pdf_key_path()?;
        let previous = if path.exists() {
            let old = std::fs::read_to_string(&path)?;
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
            let mut keep = path.with_file_name(format!("pdf-signing.json.{stamp}.bak"));
            let mut n = 2;
            while keep.exists() {
                keep = path.with_file_name(format!("pdf-signing.json.{stamp}-{n}.bak"));
                n += 1;
            }
            write_secret(&keep, &old)?;
            Some(keep)
        } else {
            None
        };
        write_secret(&path, &text)?;
        Ok(PdfCertImport { info: CertInfo { imported: true, ..signer.info() }, previous })
    }
}
