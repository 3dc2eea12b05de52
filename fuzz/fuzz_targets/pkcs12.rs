//! The .p12/.pfx reader behind `tiendo keys import-p12`: any bytes, with an
//! empty and a non-empty password, through the parser and on to the signer
//! (certificate and key decoding, key/certificate pairing). It must refuse
//! with an error, never panic or run away.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tiendo_core::crypto::pdfsign::PdfSigner;
use tiendo_core::crypto::pkcs12;

fuzz_target!(|data: &[u8]| {
    for password in ["", "Mật khẩu 2024!"] {
        if let Ok(pfx) = pkcs12::parse(data, password) {
            // What the parser hands over is what the signer reads.
            let _ = pfx.keys.len() + pfx.certs.len();
        }
        let _ = PdfSigner::from_pkcs12(data, password);
    }
});
