//! An embedded PDF signature (CMS, `adbe.pkcs7.detached`) added to a finished
//! PDF by incremental update, with an ECDSA P-256 key and a certificate for
//! the unit. Poppler's `pdfsig` reports it valid; any changed byte breaks it.

use std::io::Write;
use std::str::FromStr;

use cms::builder::{SignedDataBuilder, SignerInfoBuilder, create_signing_time_attribute};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
use der::{Decode, Encode};
use p256::ecdsa::{DerSignature, SigningKey};
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::time::Validity;

use crate::error::{Error, Result};

/// Room reserved for the CMS signature, in bytes (hex doubles it in the file).
const SIG_SPACE: usize = 8192;

/// A unit's PDF-signing key and certificate.
pub struct PdfSigner {
    key: SigningKey,
    cert: Certificate,
}

fn pdf_err(detail: impl std::fmt::Display) -> Error {
    Error::new("err-pdf-sign").arg("detail", detail.to_string())
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
        Ok(PdfSigner { key, cert })
    }

    /// The key (PKCS#8 DER) and certificate (DER), for storing.
    pub fn to_der(&self) -> Result<(Vec<u8>, Vec<u8>)> {
        let key = self.key.to_pkcs8_der().map_err(pdf_err)?.as_bytes().to_vec();
        let cert = self.cert.to_der().map_err(pdf_err)?;
        Ok((key, cert))
    }

    pub fn from_der(key: &[u8], cert: &[u8]) -> Result<PdfSigner> {
        Ok(PdfSigner {
            key: SigningKey::from_pkcs8_der(key).map_err(pdf_err)?,
            cert: Certificate::from_der(cert).map_err(pdf_err)?,
        })
    }

    /// The certificate's SHA-256 fingerprint, hex.
    pub fn cert_fingerprint(&self) -> String {
        crate::plan::hex(&Sha256::digest(self.cert.to_der().unwrap_or_default()))
    }

    /// A detached CMS SignedData over `digest` (SHA-256 of the signed bytes).
    fn cms(&self, digest: &[u8]) -> Result<Vec<u8>> {
        let eci = EncapsulatedContentInfo { econtent_type: const_oid_data(), econtent: None };
        let digest_alg = AlgorithmIdentifierOwned { oid: sha256_oid(), parameters: None };
        let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: self.cert.tbs_certificate.issuer.clone(),
            serial_number: self.cert.tbs_certificate.serial_number.clone(),
        });
        let mut sib = SignerInfoBuilder::new(&self.key, sid, digest_alg.clone(), &eci, Some(digest)).map_err(pdf_err)?;
        sib.add_signed_attribute(create_signing_time_attribute().map_err(pdf_err)?).map_err(pdf_err)?;
        let mut sdb = SignedDataBuilder::new(&eci);
        sdb.add_digest_algorithm(digest_alg).map_err(pdf_err)?;
        sdb.add_certificate(CertificateChoices::Certificate(self.cert.clone())).map_err(pdf_err)?;
        sdb.add_signer_info::<SigningKey, DerSignature>(sib).map_err(pdf_err)?;
        sdb.build().map_err(pdf_err)?.to_der().map_err(pdf_err)
    }

    /// Returns `pdf` with a signature appended by incremental update.
    pub fn sign(&self, pdf: &[u8], signer_name: &str, reason: &str) -> Result<Vec<u8>> {
        let doc = lopdf::Document::load_mem(pdf).map_err(pdf_err)?;
        let root_id = doc.trailer.get(b"Root").and_then(|r| r.as_reference()).map_err(pdf_err)?;
        let (_, page_id) = doc.get_pages().into_iter().next().ok_or_else(|| pdf_err("no page"))?;
        let prev = find_startxref(pdf).ok_or_else(|| pdf_err("no startxref"))?;
        let sig_id = doc.max_id + 1;
        let widget_id = doc.max_id + 2;

        let mut catalog = doc.get_dictionary(root_id).map_err(pdf_err)?.clone();
        let mut acro = lopdf::Dictionary::new();
        acro.set("Fields", vec![lopdf::Object::Reference((widget_id, 0))]);
        acro.set("SigFlags", 3);
        catalog.set("AcroForm", acro);
        let mut page = doc.get_dictionary(page_id).map_err(pdf_err)?.clone();
        let mut annots = match page.get(b"Annots") {
            Ok(lopdf::Object::Array(a)) => a.clone(),
            _ => vec![],
        };
        annots.push(lopdf::Object::Reference((widget_id, 0)));
        page.set("Annots", annots);

        let mut out = pdf.to_vec();
        if !out.ends_with(b"\n") {
            out.push(b'\n');
        }
        let mut offsets: Vec<(u32, usize)> = vec![];
        let now = chrono::Local::now();
        let m = format!("D:{}", now.format("%Y%m%d%H%M%S+07'00'"));
        // The signature dictionary, with placeholders for ByteRange and Contents.
        offsets.push((sig_id, out.len()));
        write!(
            out,
            "{sig_id} 0 obj\n<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/adbe.pkcs7.detached/ByteRange[0 ********** ********** **********]/Contents<"
        )?;
        let contents_start = out.len() - 1;
        out.extend(std::iter::repeat_n(b'0', SIG_SPACE * 2));
        out.extend_from_slice(b">");
        let contents_end = out.len();
        write!(out, "/M{}/Name{}/Reason{}>>\nendobj\n", pdf_string(&m), pdf_string(signer_name), pdf_string(reason))?;
        offsets.push((widget_id, out.len()));
        write!(
            out,
            "{widget_id} 0 obj\n<</Type/Annot/Subtype/Widget/FT/Sig/T{}/V {sig_id} 0 R/F 132/Rect[0 0 0 0]/P {} 0 R>>\nendobj\n",
            pdf_string("Chữ ký đơn vị"),
            page_id.0
        )?;
        for (id, dict) in [(root_id, catalog), (page_id, page)] {
            offsets.push((id.0, out.len()));
            write!(out, "{} {} obj\n", id.0, id.1)?;
            write_object(&mut out, &lopdf::Object::Dictionary(dict));
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref_at = out.len();
        out.extend_from_slice(b"xref\n");
        offsets.sort();
        for (id, off) in &offsets {
            write!(out, "{id} 1\n{off:010} 00000 n \n")?;
        }
        let mut trailer = lopdf::Dictionary::new();
        trailer.set("Size", (widget_id + 1) as i64);
        trailer.set("Root", lopdf::Object::Reference(root_id));
        trailer.set("Prev", prev as i64);
        for k in [&b"Info"[..], &b"ID"[..]] {
            if let Ok(v) = doc.trailer.get(k) {
                trailer.set(k.to_vec(), v.clone());
            }
        }
        out.extend_from_slice(b"trailer\n");
        write_object(&mut out, &lopdf::Object::Dictionary(trailer));
        write!(out, "\nstartxref\n{xref_at}\n%%EOF\n")?;

        // Fill the byte range, hash everything but the Contents hex string, sign.
        let ranges = [0, contents_start, contents_end, out.len() - contents_end];
        let placeholder = b"[0 ********** ********** **********]";
        let at = find(&out, placeholder).ok_or_else(|| pdf_err("byte range placeholder"))?;
        let filled = format!("[0 {:<10} {:<10} {:<10}]", ranges[1], ranges[2], ranges[3]);
        if filled.len() != placeholder.len() {
            return Err(pdf_err("document too large for the byte range"));
        }
        out[at..at + placeholder.len()].copy_from_slice(filled.as_bytes());
        let mut h = Sha256::new();
        h.update(&out[..contents_start]);
        h.update(&out[contents_end..]);
        let cms = self.cms(&h.finalize())?;
        if cms.len() > SIG_SPACE {
            return Err(pdf_err("signature larger than its reserved space"));
        }
        let hex = crate::plan::hex(&cms);
        out[contents_start + 1..contents_start + 1 + hex.len()].copy_from_slice(hex.as_bytes());
        Ok(out)
    }
}

/// Serialises a PDF object (the subset found in catalogs, pages and trailers).
fn write_object(out: &mut Vec<u8>, o: &lopdf::Object) {
    use lopdf::Object as O;
    match o {
        O::Null => out.extend_from_slice(b"null"),
        O::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        O::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        O::Real(r) => out.extend_from_slice(format!("{r}").as_bytes()),
        O::Name(n) => write_name(out, n),
        O::String(bytes, _) => {
            out.push(b'<');
            out.extend_from_slice(crate::plan::hex(bytes).as_bytes());
            out.push(b'>');
        }
        O::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        O::Dictionary(d) => {
            out.extend_from_slice(b"<<");
            for (k, v) in d.iter() {
                write_name(out, k);
                out.push(b' ');
                write_object(out, v);
            }
            out.extend_from_slice(b">>");
        }
        O::Reference((id, generation)) => out.extend_from_slice(format!("{id} {generation} R").as_bytes()),
        // Streams are never inlined in a dictionary; nothing else occurs here.
        _ => out.extend_from_slice(b"null"),
    }
}

fn write_name(out: &mut Vec<u8>, n: &[u8]) {
    out.push(b'/');
    for &c in n {
        if c.is_ascii_alphanumeric() || b"-_.+*".contains(&c) {
            out.push(c);
        } else {
            out.extend_from_slice(format!("#{c:02X}").as_bytes());
        }
    }
}

fn sha256_oid() -> der::oid::ObjectIdentifier {
    der::oid::ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1")
}

fn const_oid_data() -> der::oid::ObjectIdentifier {
    der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1")
}

/// A PDF text string: UTF-16BE with BOM, hex-encoded (safe for any text).
fn pdf_string(s: &str) -> String {
    let mut hex = String::from("<FEFF");
    for u in s.encode_utf16() {
        hex.push_str(&format!("{u:04X}"));
    }
    hex.push('>');
    hex
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The offset after the last `startxref`.
fn find_startxref(pdf: &[u8]) -> Option<usize> {
    let tail_start = pdf.len().saturating_sub(2048);
    let tail = &pdf[tail_start..];
    let pos = tail.windows(9).rposition(|w| w == b"startxref")?;
    let rest = std::str::from_utf8(&tail[pos + 9..]).ok()?;
    rest.split_whitespace().next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signer_round_trips_through_der() {
        let s = PdfSigner::generate("Xã An Nhơn Tây", "UBND huyện Củ Chi").unwrap();
        let (k, c) = s.to_der().unwrap();
        let back = PdfSigner::from_der(&k, &c).unwrap();
        assert_eq!(back.cert_fingerprint(), s.cert_fingerprint());
    }

    #[test]
    fn pdf_strings_are_utf16_hex() {
        assert_eq!(pdf_string("Ã"), "<FEFF00C3>");
    }
}
