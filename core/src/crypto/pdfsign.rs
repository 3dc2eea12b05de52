//! An embedded PDF signature (CMS, `adbe.pkcs7.detached`) added to a finished
//! PDF by incremental update, with the unit's key and certificate: an ECDSA
//! P-256 key with a self-signed certificate made here, or an RSA or P-256 key
//! with a certificate issued by a certification authority, imported from a
//! .p12 file (see [`super::pkcs12`]) together with the certificates of its
//! chain, which the signature carries. Poppler's `pdfsig` reports it valid;
//! any changed byte breaks it.

use std::str::FromStr;

use chrono::NaiveDate;
use cms::builder::{SignedDataBuilder, SignerInfoBuilder, create_signing_time_attribute};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
use der::oid::ObjectIdentifier as Oid;
use der::{Decode, Encode};
use p256::ecdsa::signature::{Keypair, Signer};
use p256::ecdsa::{DerSignature, SigningKey};
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::{
    AlgorithmIdentifierOwned, DecodePublicKey, DynSignatureAlgorithmIdentifier, SignatureBitStringEncoding, SubjectPublicKeyInfoOwned,
};
use x509_cert::time::Validity;

use crate::error::{Error, Result};

/// Room reserved for the CMS signature at least, in bytes (hex doubles it in
/// the file); more when the certificate chain needs it.
const SIG_SPACE: usize = 8192;

/// A byte-range number before it is known: ten digits of room, enough for
/// any offset in a file under 10 GB.
const BYTE_RANGE_SLOT: i64 = 9_999_999_999;

/// The signing key: ECDSA P-256, or RSA (most certificates that Vietnamese
/// certification authorities issue are RSA-2048), signing with SHA-256.
enum SignerKey {
    P256(SigningKey),
    Rsa(Box<rsa::pkcs1v15::SigningKey<sha2::Sha256>>),
}

/// A unit's PDF-signing key, its certificate and the certificates that
/// chain it to its authority (none for a self-signed one).
pub struct PdfSigner {
    key: SignerKey,
    cert: Certificate,
    chain: Vec<Certificate>,
}

/// What a signing certificate says, for showing which one is in use.
#[derive(Debug, Clone, PartialEq)]
pub struct CertInfo {
    /// The subject's distinguished name ("CN=…, O=…, C=VN").
    pub subject: String,
    /// The subject's common name (the signer's name `pdfsig` shows).
    pub common_name: String,
    /// The issuer's distinguished name.
    pub issuer: String,
    /// The issuer's common name, or its whole name if it has none.
    pub issuer_name: String,
    /// The validity period, in UTC days.
    pub not_before: NaiveDate,
    pub not_after: NaiveDate,
    /// SHA-256 of the certificate, upper-case hex pairs separated by colons
    /// (as `openssl x509 -fingerprint -sha256` prints it).
    pub fingerprint: String,
    pub self_signed: bool,
    /// "RSA-2048", "ECDSA P-256".
    pub algorithm: String,
    /// How many chain certificates go with it.
    pub chain: usize,
    /// Whether it was imported from a .p12 file (else made by Tiến Độ);
    /// set by whoever knows where it came from.
    pub imported: bool,
}

fn pdf_err(detail: impl std::fmt::Display) -> Error {
    Error::new("err-pdf-sign").arg("detail", detail.to_string())
}

const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
const PRIME256V1: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");

/// The name of a key algorithm this signer cannot use, for the error.
fn key_algorithm_name(alg: Oid, curve: Option<Oid>) -> String {
    let names: &[(&str, &str)] = &[
        ("1.3.101.112", "Ed25519"),
        ("1.3.101.113", "Ed448"),
        ("1.3.101.110", "X25519"),
        ("1.3.101.111", "X448"),
        ("1.2.840.113549.1.1.10", "RSASSA-PSS"),
        ("1.2.840.10040.4.1", "DSA"),
        ("1.2.840.10046.2.1", "Diffie-Hellman"),
        ("1.3.132.0.34", "ECDSA P-384"),
        ("1.3.132.0.35", "ECDSA P-521"),
        ("1.3.132.0.10", "ECDSA secp256k1"),
        ("1.3.36.3.3.2.8.1.1.7", "ECDSA brainpoolP256r1"),
        ("1.3.36.3.3.2.8.1.1.11", "ECDSA brainpoolP384r1"),
        ("1.2.643.7.1.1.1.1", "GOST R 34.10-2012 (256)"),
        ("1.2.643.7.1.1.1.2", "GOST R 34.10-2012 (512)"),
    ];
    let oid = if alg == EC_PUBLIC_KEY { curve.unwrap_or(alg) } else { alg };
    let dotted = oid.to_string();
    match names.iter().find(|(o, _)| *o == dotted) {
        Some((_, n)) => (*n).to_owned(),
        None if alg == EC_PUBLIC_KEY => format!("ECDSA {dotted}"),
        None => dotted,
    }
}

impl SignerKey {
    /// A key from its PKCS#8 encoding (RSA, or ECDSA on P-256).
    fn from_pkcs8(der: &[u8]) -> Result<SignerKey> {
        let bad = |e: &dyn std::fmt::Display| Error::new("err-pdf-cert-bad-key").arg("detail", e.to_string());
        let info = p256::pkcs8::PrivateKeyInfo::try_from(der).map_err(|e| bad(&e))?;
        let alg = info.algorithm.oid;
        let curve = info.algorithm.parameters_oid().ok();
        if alg == RSA_ENCRYPTION {
            let key = rsa::RsaPrivateKey::from_pkcs8_der(der).map_err(|e| bad(&e))?;
            key.validate().map_err(|e| bad(&e))?;
            return Ok(SignerKey::Rsa(Box::new(rsa::pkcs1v15::SigningKey::new(key))));
        }
        if alg == EC_PUBLIC_KEY && curve == Some(PRIME256V1) {
            return Ok(SignerKey::P256(SigningKey::from_pkcs8_der(der).map_err(|e| bad(&e))?));
        }
        Err(Error::new("err-pdf-cert-key-type").arg("algorithm", key_algorithm_name(alg, curve)))
    }

    fn to_pkcs8(&self) -> Result<Vec<u8>> {
        let doc = match self {
            SignerKey::P256(k) => k.to_pkcs8_der(),
            SignerKey::Rsa(k) => rsa::pkcs8::EncodePrivateKey::to_pkcs8_der(k.as_ref().as_ref()),
        };
        Ok(doc.map_err(pdf_err)?.as_bytes().to_vec())
    }

    /// Whether `cert` certifies this key's public half.
    fn matches(&self, cert: &Certificate) -> bool {
        let Ok(spki) = cert.tbs_certificate.subject_public_key_info.to_der() else { return false };
        match self {
            SignerKey::P256(k) => p256::PublicKey::from_public_key_der(&spki).is_ok_and(|p| p == p256::PublicKey::from(k.verifying_key())),
            SignerKey::Rsa(k) => rsa::RsaPublicKey::from_public_key_der(&spki).is_ok_and(|p| p == rsa::RsaPublicKey::from(k.as_ref().as_ref())),
        }
    }
}

/// A certificate is said to expire soon this many days ahead.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

/// How a certificate stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertValidity {
    Valid,
    /// Valid, for this many more days (at most [`EXPIRY_WARNING_DAYS`]).
    ExpiresSoon(i64),
    Expired,
    NotYetValid,
}

impl CertInfo {
    pub fn validity_on(&self, day: NaiveDate) -> CertValidity {
        if day > self.not_after {
            CertValidity::Expired
        } else if day < self.not_before {
            CertValidity::NotYetValid
        } else {
            match (self.not_after - day).num_days() {
                left if left <= EXPIRY_WARNING_DAYS => CertValidity::ExpiresSoon(left),
                _ => CertValidity::Valid,
            }
        }
    }
}

/// What a certificate (DER) says, without its key: a sealed key need not
/// be opened to show which certificate is in use.
pub fn cert_info(cert: &[u8], chain: usize) -> Result<CertInfo> {
    Ok(describe(&Certificate::from_der(cert).map_err(pdf_err)?, chain))
}

fn describe(cert: &Certificate, chain: usize) -> CertInfo {
    let tbs = &cert.tbs_certificate;
    let subject = name_string(&tbs.subject);
    let issuer = name_string(&tbs.issuer);
    let fingerprint = crate::util::sha256_hex(&cert.to_der().unwrap_or_default()).to_ascii_uppercase();
    let fingerprint = fingerprint.as_bytes().chunks(2).map(|p| String::from_utf8_lossy(p).into_owned()).collect::<Vec<_>>().join(":");
    CertInfo {
        common_name: common_name(&tbs.subject).unwrap_or_else(|| subject.clone()),
        issuer_name: common_name(&tbs.issuer).unwrap_or_else(|| issuer.clone()),
        self_signed: tbs.subject == tbs.issuer,
        subject,
        issuer,
        not_before: utc_day(tbs.validity.not_before),
        not_after: utc_day(tbs.validity.not_after),
        fingerprint,
        algorithm: key_algorithm(&tbs.subject_public_key_info),
        chain,
        imported: false,
    }
}

/// The algorithm of a certified public key: "RSA-2048", "ECDSA P-256", or its OID.
fn key_algorithm(spki: &SubjectPublicKeyInfoOwned) -> String {
    use p256::pkcs8::DecodePublicKey;
    let Ok(der) = spki.to_der() else { return spki.algorithm.oid.to_string() };
    if let Ok(k) = rsa::RsaPublicKey::from_public_key_der(&der) {
        return format!("RSA-{}", rsa::traits::PublicKeyParts::size(&k) * 8);
    }
    if p256::PublicKey::from_public_key_der(&der).is_ok() {
        return "ECDSA P-256".to_owned();
    }
    spki.algorithm.oid.to_string()
}

/// A name's attributes as text, most specific first ("CN=…, O=…, C=VN").
fn name_string(name: &Name) -> String {
    let short = |oid: &str| -> Option<&'static str> {
        Some(match oid {
            "2.5.4.3" => "CN",
            "2.5.4.4" => "SN",
            "2.5.4.42" => "GN",
            "2.5.4.5" => "serialNumber",
            "2.5.4.6" => "C",
            "2.5.4.7" => "L",
            "2.5.4.8" => "ST",
            "2.5.4.9" => "street",
            "2.5.4.10" => "O",
            "2.5.4.11" => "OU",
            "2.5.4.12" => "title",
            "0.9.2342.19200300.100.1.1" => "UID",
            "1.2.840.113549.1.9.1" => "emailAddress",
            _ => return None,
        })
    };
    let mut parts = vec![];
    for rdn in name.0.iter().rev() {
        for atv in rdn.0.iter() {
            let oid = atv.oid.to_string();
            let key = short(&oid).map(str::to_owned).unwrap_or(oid);
            parts.push(format!("{key}={}", any_string(&atv.value)));
        }
    }
    parts.join(", ")
}

/// The value of a name attribute as text (UTF8String, PrintableString,
/// IA5String, BMPString, …).
fn any_string(v: &der::Any) -> String {
    use der::Tagged;
    let bytes = v.value();
    match v.tag() {
        der::Tag::BmpString => {
            let units: Vec<u16> = bytes.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16_lossy(&units)
        }
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// The first common name in `name`.
fn common_name(name: &Name) -> Option<String> {
    let cn = Oid::new_unwrap("2.5.4.3");
    name.0.iter().rev().flat_map(|rdn| rdn.0.iter()).find(|atv| atv.oid == cn).map(|atv| any_string(&atv.value))
}

fn utc_day(t: x509_cert::time::Time) -> NaiveDate {
    let secs = t.to_unix_duration().as_secs() as i64;
    chrono::DateTime::from_timestamp(secs, 0).map(|d| d.date_naive()).unwrap_or(NaiveDate::MAX)
}

impl PdfSigner {
    /// A new key with a self-signed certificate naming the unit, valid ten years.
    pub fn generate(common_name: &str, organization: &str) -> Result<PdfSigner> {
        let mut seed = [0u8; 32];
        let key = loop {
            getrandom::fill(&mut seed).map_err(pdf_err)?;
            if let Ok(k) = SigningKey::from_slice(&seed) {
                break k;
            }
        };
        let escape = |s: &str| s.replace(['\\', ',', '+', '"', '<', '>', ';', '='], " ");
        let subject = Name::from_str(&format!("CN={},O={},C=VN", escape(common_name), escape(organization))).map_err(pdf_err)?;
        let spki = SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).map_err(pdf_err)?;
        let validity = Validity::from_now(std::time::Duration::from_secs(10 * 365 * 86_400)).map_err(pdf_err)?;
        let mut serial = [0u8; 16];
        getrandom::fill(&mut serial).map_err(pdf_err)?;
        serial[0] &= 0x7f;
        let serial = SerialNumber::new(&serial).map_err(pdf_err)?;
        let builder = CertificateBuilder::new(Profile::Root, serial, validity, subject, spki, &key).map_err(pdf_err)?;
        let cert = builder.build::<DerSignature>().map_err(pdf_err)?;
        Ok(PdfSigner { key: SignerKey::P256(key), cert, chain: vec![] })
    }

    /// The key (PKCS#8 DER) and certificate (DER), for storing.
    pub fn to_der(&self) -> Result<(Vec<u8>, Vec<u8>)> {
        let key = self.key.to_pkcs8()?;
        let cert = self.cert.to_der().map_err(pdf_err)?;
        Ok((key, cert))
    }

    /// The chain certificates (DER), for storing.
    pub fn chain_der(&self) -> Result<Vec<Vec<u8>>> {
        self.chain.iter().map(|c| c.to_der().map_err(pdf_err)).collect()
    }

    pub fn from_der(key: &[u8], cert: &[u8]) -> Result<PdfSigner> {
        PdfSigner::from_parts(key, cert, &[])
    }

    /// A signer from a PKCS#8 key (RSA or ECDSA P-256), its certificate and
    /// the chain certificates (all DER). The key must match the certificate.
    pub fn from_parts(key: &[u8], cert: &[u8], chain: &[Vec<u8>]) -> Result<PdfSigner> {
        let key = SignerKey::from_pkcs8(key)?;
        let cert = Certificate::from_der(cert).map_err(pdf_err)?;
        if !key.matches(&cert) {
            return Err(Error::new("err-pdf-cert-mismatch"));
        }
        let chain = chain.iter().map(|c| Certificate::from_der(c).map_err(pdf_err)).collect::<Result<_>>()?;
        Ok(PdfSigner { key, cert, chain })
    }

    /// The key of a PKCS#12 file (.p12/.pfx) with the certificate issued for
    /// it; the file's other certificates become the chain, issuers first.
    pub fn from_pkcs12(bytes: &[u8], password: &str) -> Result<PdfSigner> {
        let pfx = super::pkcs12::parse(bytes, password)?;
        if pfx.keys.is_empty() {
            return Err(Error::new("err-p12-no-key"));
        }
        let mut certs = vec![];
        for bag in &pfx.certs {
            let cert = Certificate::from_der(&bag.value).map_err(|e| Error::new("err-p12-corrupt").arg("detail", e.to_string()))?;
            certs.push(cert);
        }
        let mut first_error = None;
        for bag in &pfx.keys {
            let key = match SignerKey::from_pkcs8(&bag.value) {
                Ok(k) => k,
                Err(e) => {
                    first_error.get_or_insert(e);
                    continue;
                }
            };
            // A renewed certificate may certify the same key: the one the
            // file pairs with the key (localKeyId) wins, then the latest.
            let paired = |i: usize| bag.local_key_id.is_some() && pfx.certs[i].local_key_id == bag.local_key_id;
            let best = (0..certs.len())
                .filter(|&i| key.matches(&certs[i]))
                .max_by_key(|&i| (paired(i), certs[i].tbs_certificate.validity.not_after.to_unix_duration()));
            let Some(at) = best else {
                first_error.get_or_insert(Error::new("err-p12-no-cert"));
                continue;
            };
            let cert = certs.remove(at);
            // Older certificates of the same key are not part of the chain.
            certs.retain(|c| !key.matches(c));
            let chain = order_chain(&cert, certs);
            return Ok(PdfSigner { key, cert, chain });
        }
        Err(first_error.unwrap_or_else(|| Error::new("err-p12-no-key")))
    }

    /// The certificate's SHA-256 fingerprint, hex.
    pub fn cert_fingerprint(&self) -> String {
        crate::util::sha256_hex(&self.cert.to_der().unwrap_or_default())
    }

    /// What the certificate says.
    pub fn info(&self) -> CertInfo {
        describe(&self.cert, self.chain.len())
    }

    /// Refuses a certificate that is not valid on `day` (expired, or not yet valid).
    pub fn check_valid_on(&self, day: NaiveDate) -> Result<()> {
        match self.info().validity_on(day) {
            CertValidity::Expired => Err(Error::new("err-pdf-cert-expired").arg("date", crate::i18n::format_date(self.info().not_after))),
            CertValidity::NotYetValid => Err(Error::new("err-pdf-cert-not-yet-valid").arg("date", crate::i18n::format_date(self.info().not_before))),
            _ => Ok(()),
        }
    }

    /// A detached CMS SignedData over `digest` (SHA-256 of the signed bytes).
    fn cms(&self, digest: &[u8]) -> Result<Vec<u8>> {
        match &self.key {
            SignerKey::P256(k) => self.cms_with::<_, DerSignature>(k, digest),
            SignerKey::Rsa(k) => self.cms_with::<_, rsa::pkcs1v15::Signature>(k.as_ref(), digest),
        }
    }

    fn cms_with<S, Sig>(&self, key: &S, digest: &[u8]) -> Result<Vec<u8>>
    where
        S: Keypair + DynSignatureAlgorithmIdentifier + Signer<Sig>,
        Sig: SignatureBitStringEncoding,
    {
        let eci = EncapsulatedContentInfo { econtent_type: const_oid_data(), econtent: None };
        let digest_alg = AlgorithmIdentifierOwned { oid: sha256_oid(), parameters: None };
        let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: self.cert.tbs_certificate.issuer.clone(),
            serial_number: self.cert.tbs_certificate.serial_number.clone(),
        });
        let mut sib = SignerInfoBuilder::new(key, sid, digest_alg.clone(), &eci, Some(digest)).map_err(pdf_err)?;
        sib.add_signed_attribute(create_signing_time_attribute().map_err(pdf_err)?).map_err(pdf_err)?;
        let mut sdb = SignedDataBuilder::new(&eci);
        sdb.add_digest_algorithm(digest_alg).map_err(pdf_err)?;
        sdb.add_certificate(CertificateChoices::Certificate(self.cert.clone())).map_err(pdf_err)?;
        for c in &self.chain {
            sdb.add_certificate(CertificateChoices::Certificate(c.clone())).map_err(pdf_err)?;
        }
        sdb.add_signer_info::<S, Sig>(sib).map_err(pdf_err)?;
        sdb.build().map_err(pdf_err)?.to_der().map_err(pdf_err)
    }

    /// Returns `pdf` with a signature appended by incremental update.
    pub fn sign(&self, pdf: &[u8], signer_name: &str, reason: &str) -> Result<Vec<u8>> {
        use lopdf::{Dictionary, Object, StringFormat};
        let doc = lopdf::Document::load_mem(pdf).map_err(pdf_err)?;
        let root_id = doc.trailer.get(b"Root").and_then(|r| r.as_reference()).map_err(pdf_err)?;
        let (_, page_id) = doc.get_pages().into_iter().next().ok_or_else(|| pdf_err("no page"))?;
        // Room for the signature: a trial over a dummy digest shows its size
        // with this key and chain (a few bytes vary: ECDSA, the signing time).
        let space = SIG_SPACE.max(self.cms(&[0u8; 32])?.len() + 512);
        // lopdf appends the changed and new objects after the original bytes,
        // with their own cross-reference section pointing back (/Prev).
        let mut inc = lopdf::IncrementalDocument::create_from(pdf.to_vec(), doc);
        let new = &mut inc.new_document;
        let now = chrono::Local::now();
        let mut sig = Dictionary::new();
        sig.set("Type", Object::Name(b"Sig".to_vec()));
        sig.set("Filter", Object::Name(b"Adobe.PPKLite".to_vec()));
        sig.set("SubFilter", Object::Name(b"adbe.pkcs7.detached".to_vec()));
        // Placeholders, filled in place once the offsets are known: ten
        // digits each for the byte range, zeros for the signature.
        sig.set("ByteRange", vec![Object::Integer(0), Object::Integer(BYTE_RANGE_SLOT), Object::Integer(BYTE_RANGE_SLOT), Object::Integer(BYTE_RANGE_SLOT)]);
        sig.set("Contents", Object::String(vec![0u8; space], StringFormat::Hexadecimal));
        sig.set("M", Object::String(now.format("D:%Y%m%d%H%M%S+07'00'").to_string().into_bytes(), StringFormat::Literal));
        sig.set("Name", text_string(signer_name));
        sig.set("Reason", text_string(reason));
        let sig_id = new.add_object(sig);
        let mut widget = Dictionary::new();
        widget.set("Type", Object::Name(b"Annot".to_vec()));
        widget.set("Subtype", Object::Name(b"Widget".to_vec()));
        widget.set("FT", Object::Name(b"Sig".to_vec()));
        widget.set("T", text_string("Chữ ký đơn vị"));
        widget.set("V", Object::Reference(sig_id));
        widget.set("F", 132);
        widget.set("Rect", vec![0.into(), 0.into(), 0.into(), 0.into()]);
        widget.set("P", Object::Reference(page_id));
        let widget_id = new.add_object(widget);

        inc.opt_clone_object_to_new_document(root_id).map_err(pdf_err)?;
        let mut acro = Dictionary::new();
        acro.set("Fields", vec![Object::Reference(widget_id)]);
        acro.set("SigFlags", 3);
        inc.new_document.get_dictionary_mut(root_id).map_err(pdf_err)?.set("AcroForm", acro);
        inc.opt_clone_object_to_new_document(page_id).map_err(pdf_err)?;
        let page = inc.new_document.get_dictionary_mut(page_id).map_err(pdf_err)?;
        let mut annots = match page.get(b"Annots") {
            Ok(Object::Array(a)) => a.clone(),
            _ => vec![],
        };
        annots.push(Object::Reference(widget_id));
        page.set("Annots", annots);
        let mut out = Vec::with_capacity(pdf.len() + space * 2 + 4096);
        inc.save_to(&mut out).map_err(pdf_err)?;

        // Where lopdf put the placeholders (only the appended part is searched).
        let zeros = [b"<".as_slice(), &vec![b'0'; space * 2], b">"].concat();
        let contents_start = pdf.len() + find(&out[pdf.len()..], &zeros).ok_or_else(|| pdf_err("signature placeholder"))?;
        let contents_end = contents_start + zeros.len();
        let range_key = pdf.len() + find(&out[pdf.len()..], b"/ByteRange").ok_or_else(|| pdf_err("byte range placeholder"))?;
        let open = range_key + find(&out[range_key..], b"[").ok_or_else(|| pdf_err("byte range placeholder"))?;
        let close = open + find(&out[open..], b"]").ok_or_else(|| pdf_err("byte range placeholder"))? + 1;
        // Fill the byte range, hash everything but the Contents hex string, sign.
        let filled = format!("[0 {} {} {}]", contents_start, contents_end, out.len() - contents_end);
        if filled.len() > close - open {
            return Err(pdf_err("document too large for the byte range"));
        }
        let padded = format!("{filled:<width$}", width = close - open);
        out[open..close].copy_from_slice(padded.as_bytes());
        let mut h = Sha256::new();
        h.update(&out[..contents_start]);
        h.update(&out[contents_end..]);
        let cms = self.cms(&h.finalize())?;
        if cms.len() > space {
            return Err(pdf_err("signature larger than its reserved space"));
        }
        let hex = crate::util::hex(&cms);
        out[contents_start + 1..contents_start + 1 + hex.len()].copy_from_slice(hex.as_bytes());
        Ok(out)
    }
}

/// The chain certificates in order from `cert` up (each one's issuer next),
/// then any the file held that are not on that path.
fn order_chain(cert: &Certificate, mut rest: Vec<Certificate>) -> Vec<Certificate> {
    let mut chain = vec![];
    let mut issuer = cert.tbs_certificate.issuer.clone();
    let mut last_subject = cert.tbs_certificate.subject.clone();
    while last_subject != issuer {
        let Some(at) = rest.iter().position(|c| c.tbs_certificate.subject == issuer) else { break };
        let next = rest.remove(at);
        last_subject = next.tbs_certificate.subject.clone();
        issuer = next.tbs_certificate.issuer.clone();
        chain.push(next);
    }
    chain.extend(rest);
    chain
}

fn sha256_oid() -> der::oid::ObjectIdentifier {
    der::oid::ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1")
}

fn const_oid_data() -> der::oid::ObjectIdentifier {
    der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1")
}

/// A PDF text string: UTF-16BE with BOM, written in hex (safe for any text).
fn text_string(s: &str) -> lopdf::Object {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    lopdf::Object::String(bytes, lopdf::StringFormat::Hexadecimal)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_certificate_is_valid_then_expiring_then_expired() {
        let signer = PdfSigner::generate("Xã An Nhơn Tây", "UBND huyện Củ Chi").unwrap();
        let info = signer.info();
        let end = info.not_after;
        assert_eq!(info.validity_on(info.not_before), CertValidity::Valid);
        assert_eq!(info.validity_on(end - chrono::Days::new(31)), CertValidity::Valid);
        assert_eq!(info.validity_on(end - chrono::Days::new(30)), CertValidity::ExpiresSoon(30));
        assert_eq!(info.validity_on(end), CertValidity::ExpiresSoon(0));
        assert_eq!(info.validity_on(end + chrono::Days::new(1)), CertValidity::Expired);
        assert_eq!(info.validity_on(info.not_before - chrono::Days::new(1)), CertValidity::NotYetValid);
        assert_eq!(signer.check_valid_on(end + chrono::Days::new(1)).unwrap_err().key, "err-pdf-cert-expired");
        // Described from the certificate alone, it says the same.
        let (_, cert) = signer.to_der().unwrap();
        assert_eq!(cert_info(&cert, 0).unwrap(), info);
    }

    #[test]
    fn signer_round_trips_through_der() {
        let s = PdfSigner::generate("Xã An Nhơn Tây", "UBND huyện Củ Chi").unwrap();
        let (k, c) = s.to_der().unwrap();
        let back = PdfSigner::from_der(&k, &c).unwrap();
        assert_eq!(back.cert_fingerprint(), s.cert_fingerprint());
    }

    #[test]
    fn a_key_with_another_certificate_is_refused_and_validity_is_checked() {
        let a = PdfSigner::generate("Xã An Nhơn Tây", "UBND huyện Củ Chi").unwrap();
        let b = PdfSigner::generate("Xã Phú Hòa Đông", "UBND huyện Củ Chi").unwrap();
        let (ka, _) = a.to_der().unwrap();
        let (_, cb) = b.to_der().unwrap();
        assert_eq!(PdfSigner::from_der(&ka, &cb).err().unwrap().key, "err-pdf-cert-mismatch");

        let info = a.info();
        assert_eq!(info.common_name, "Xã An Nhơn Tây");
        assert_eq!(info.subject, "CN=Xã An Nhơn Tây, O=UBND huyện Củ Chi, C=VN");
        assert_eq!(info.issuer, info.subject);
        assert!(info.self_signed && !info.imported);
        assert_eq!(info.algorithm, "ECDSA P-256");
        assert_eq!(info.fingerprint.replace(':', "").to_lowercase(), a.cert_fingerprint());
        assert_eq!(info.fingerprint.len(), 32 * 3 - 1);
        assert!(info.not_after > info.not_before);
        a.check_valid_on(info.not_before).unwrap();
        a.check_valid_on(info.not_after).unwrap();
        let late = a.check_valid_on(info.not_after.succ_opt().unwrap()).unwrap_err();
        assert_eq!(late.key, "err-pdf-cert-expired");
        assert_eq!(late.message_in(crate::i18n::Lang::Vi), format!(
            "chứng thư số đã hết hạn ngày {}; hãy gia hạn với tổ chức cung cấp dịch vụ chứng thực rồi nhập tệp mới",
            crate::i18n::format_date(info.not_after)
        ));
        let early = a.check_valid_on(info.not_before.pred_opt().unwrap()).unwrap_err();
        assert_eq!(early.key, "err-pdf-cert-not-yet-valid");
    }

    #[test]
    fn keys_of_other_algorithms_are_named_in_the_refusal() {
        // An Ed25519 PKCS#8 key (RFC 8410 §10.3).
        let ed25519 = [
            0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20, 0xd4, 0xee, 0x72, 0xdb, 0xf9, 0x13,
            0x58, 0x4a, 0xd5, 0xb6, 0xd8, 0xf1, 0xf7, 0x69, 0xf8, 0xad, 0x3a, 0xfe, 0x7c, 0x28, 0xcb, 0xf1, 0xd4, 0xfb, 0xe0, 0x97, 0xa8, 0x8f,
            0x44, 0x75, 0x58, 0x42,
        ];
        let e = SignerKey::from_pkcs8(&ed25519).err().unwrap();
        assert_eq!((e.key, e.message_in(crate::i18n::Lang::En)), (
            "err-pdf-cert-key-type",
            "the certificate's key is Ed25519; PDF signatures can only use RSA or ECDSA P-256 keys".to_owned()
        ));
    }

    #[test]
    fn pdf_strings_are_utf16_hex() {
        assert_eq!(text_string("Ã"), lopdf::Object::String(vec![0xFE, 0xFF, 0x00, 0xC3], lopdf::StringFormat::Hexadecimal));
    }
}
