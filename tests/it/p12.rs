//! A certificate issued by a certification authority, imported from a .p12
//! file, signs the report PDF. The files are made at test time with the
//! stock `openssl` CLI — a test CA issues the unit's certificate (RSA-2048
//! or ECDSA P-256), exported as OpenSSL 3 writes it by default (PBES2,
//! AES-256, HMAC-SHA256 MAC), with `-legacy` (RC2-40 and 3DES, SHA-1 MAC, as
//! Windows writes it) or with 3DES alone — and the signed PDFs are checked
//! with poppler's `pdfsig`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{Days, NaiveDate, Utc};
use tiendo::domain::Period;
use tiendo::i18n::Lang;
use tiendo::workspace::Workspace;

const Q1: Period = Period { year: 2023, quarter: Some(1) };
const PASSWORD: &str = "Mật khẩu 2024!";
const CA_NAME: &str = "Tiendo Test Root CA";

fn openssl(dir: &Path, args: &[&str]) -> String {
    let o = Command::new("openssl").current_dir(dir).args(args).output().expect("openssl is installed");
    assert!(o.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A test certification authority in a temporary folder.
struct Ca {
    dir: tempfile::TempDir,
}

#[derive(Clone, Copy, PartialEq)]
enum Algo {
    Rsa,
    P256,
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    /// OpenSSL 3's default: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), MAC HMAC-SHA256.
    Aes,
    /// `-legacy`: certificates under RC2-40, the key under 3DES, MAC HMAC-SHA1.
    Legacy,
    /// The legacy PKCS#12 PBE with 3DES for both.
    TripleDes,
}

impl Ca {
    fn new() -> Ca {
        let dir = tempfile::tempdir().unwrap();
        openssl(dir.path(), &[
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "3650", "-subj",
            &format!("/C=VN/O=Tiendo Test/CN={CA_NAME}"),
        ]);
        Ca { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A key and a certificate for `cn`, valid `days` from now: `<name>.key`, `<name>.pem`.
    fn issue(&self, name: &str, algo: Algo, cn: &str, days: u32) {
        let d = self.dir.path();
        let key = format!("{name}.key");
        match algo {
            Algo::Rsa => openssl(d, &["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", &key]),
            Algo::P256 => openssl(d, &["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", &key]),
        };
        let csr = format!("{name}.csr");
        openssl(d, &["req", "-new", "-utf8", "-key", &key, "-out", &csr, "-subj", &format!("/C=VN/O=UBND huyện Củ Chi/CN={cn}")]);
        openssl(d, &[
            "x509", "-req", "-in", &csr, "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", &days.to_string(), "-out",
            &format!("{name}.pem"),
        ]);
    }

    /// `<name>.p12` with the key, its certificate and the CA's.
    fn p12(&self, name: &str, format: Format, password: &str) -> PathBuf {
        let (pem, key, out, pass) = (format!("{name}.pem"), format!("{name}.key"), format!("{name}-{}.p12", format as u8), format!("pass:{password}"));
        let mut args = vec!["pkcs12", "-export", "-in", &pem, "-inkey", &key, "-certfile", "ca.pem", "-name", "don vi", "-out", &out, "-passout", &pass];
        match format {
            Format::Aes => {}
            Format::Legacy => args.push("-legacy"),
            Format::TripleDes => args.extend(["-keypbe", "PBE-SHA1-3DES", "-certpbe", "PBE-SHA1-3DES", "-macalg", "sha1"]),
        }
        openssl(self.dir.path(), &args);
        self.path(&out)
    }

    /// What `openssl pkcs12 -info` says of a file's encryption.
    fn p12_info(&self, file: &Path, password: &str, legacy: bool) -> String {
        let mut args = vec!["pkcs12", "-info", "-noout", "-in", file.to_str().unwrap()];
        let pass = format!("pass:{password}");
        args.extend(["-passin", &pass]);
        if legacy {
            args.push("-legacy");
        }
        let o = Command::new("openssl").args(&args).output().unwrap();
        format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
    }

    /// The certificate's SHA-256 fingerprint as `openssl x509` prints it.
    fn fingerprint(&self, name: &str) -> String {
        let out = openssl(self.dir.path(), &["x509", "-in", &format!("{name}.pem"), "-noout", "-fingerprint", "-sha256"]);
        out.trim().rsplit('=').next().unwrap().to_owned()
    }
}

/// Today as the certificates count it (openssl dates them in UTC).
fn utc_today() -> NaiveDate {
    Utc::now().date_naive()
}

/// A commune's workspace on a data folder, "today" being today.
fn commune(dir: &Path) -> Workspace {
    let mut ws = Workspace::open(dir).unwrap();
    ws.set_unit("X-ANT").unwrap();
    ws.today = utc_today();
    ws
}

fn pdfsig(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("report.pdf");
    std::fs::write(&f, pdf).unwrap();
    let o = Command::new("pdfsig").arg(&f).output().expect("pdfsig is installed (poppler-utils)");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The CMS signature inside a signed PDF (the /Contents hex string, without its padding).
fn cms_of(pdf: &[u8]) -> Vec<u8> {
    let at = pdf.windows(10).rposition(|w| w == b"/Contents<").unwrap() + 10;
    let hex: Vec<u8> = pdf[at..].iter().take_while(|&&c| c != b'>').copied().collect();
    let bytes: Vec<u8> = hex.chunks(2).map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap()).collect();
    // SEQUENCE with a two-byte length.
    assert_eq!(&bytes[..2], &[0x30, 0x82]);
    let len = 4 + ((bytes[2] as usize) << 8 | bytes[3] as usize);
    bytes[..len].to_vec()
}

/// The certificates a CMS signature carries, as `openssl pkcs7 -print_certs` lists them.
fn cms_certificates(cms: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sig.der"), cms).unwrap();
    openssl(dir.path(), &["pkcs7", "-inform", "DER", "-in", "sig.der", "-print_certs", "-noout"])
}

fn report_in_bundle(zip: &Path) -> Vec<u8> {
    let mut pdf = vec![];
    zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap().by_name("report.pdf").unwrap().read_to_end(&mut pdf).unwrap();
    pdf
}

#[test]
fn a_ca_issued_rsa_certificate_from_a_p12_signs_the_bundled_report_and_pdfsig_accepts_it() {
    let ca = Ca::new();
    ca.issue("unit", Algo::Rsa, "Xã An Nhơn Tây", 365);
    let p12 = ca.p12("unit", Format::Aes, PASSWORD);
    let info = ca.p12_info(&p12, PASSWORD, false);
    assert!(info.contains("PBES2, PBKDF2, AES-256-CBC") && info.contains("MAC: sha256"), "{info}");

    let data = tempfile::tempdir().unwrap();
    let ws = commune(data.path());
    // An older self-signed certificate is in use; the import keeps it.
    let before = ws.pdf_signer().unwrap().info();
    assert!(before.self_signed && !before.imported);
    let old_file = std::fs::read(ws.pdf_key_path().unwrap()).unwrap();

    let done = ws.import_pdf_certificate(&p12, PASSWORD).unwrap();
    let c = &done.info;
    assert_eq!(c.common_name, "Xã An Nhơn Tây");
    assert_eq!(c.subject, "CN=Xã An Nhơn Tây, O=UBND huyện Củ Chi, C=VN");
    assert_eq!(c.issuer_name, CA_NAME);
    assert_eq!(c.issuer, format!("CN={CA_NAME}, O=Tiendo Test, C=VN"));
    assert_eq!((c.algorithm.as_str(), c.chain, c.self_signed, c.imported), ("RSA-2048", 1, false, true));
    assert_eq!(c.fingerprint, ca.fingerprint("unit"));
    assert_eq!(c.not_after, utc_today() + Days::new(365));
    let kept = done.previous.expect("the previous certificate is kept");
    assert_eq!(std::fs::read(&kept).unwrap(), old_file);
    assert_eq!(ws.pdf_certificate().unwrap().as_ref(), Some(c), "what is shown is what is in use");

    let out = tempfile::tempdir().unwrap();
    let zip = out.path().join("b.zip");
    ws.export_bundle(Q1, &zip, &mut |_, _| {}).unwrap();
    let pdf = report_in_bundle(&zip);
    let report = pdfsig(&pdf);
    assert!(report.contains("Signature is Valid"), "{report}");
    assert!(report.contains("Signer Certificate Common Name: Xã An Nhơn Tây"), "{report}");
    assert!(report.contains("adbe.pkcs7.detached") && report.contains("Total document signed"), "{report}");
    // The signature carries the chain: the unit's certificate and the CA's.
    let certs = cms_certificates(&cms_of(&pdf));
    assert_eq!(certs.matches("subject=").count(), 2, "{certs}");
    assert!(certs.contains(&format!("subject=C = VN, O = Tiendo Test, CN = {CA_NAME}")), "{certs}");
    // A changed byte breaks it.
    let mut bad = pdf.clone();
    bad[600] ^= 1;
    assert!(!pdfsig(&bad).contains("Signature is Valid"));
}

#[test]
fn legacy_and_ec_p12_files_import_and_sign() {
    let ca = Ca::new();
    ca.issue("ec", Algo::P256, "Phường Một", 90);
    ca.issue("rsa", Algo::Rsa, "Thị trấn Củ Chi", 90);
    let cases = [
        (ca.p12("ec", Format::Legacy, PASSWORD), "Phường Một", "ECDSA P-256", true),
        (ca.p12("rsa", Format::Legacy, PASSWORD), "Thị trấn Củ Chi", "RSA-2048", true),
        (ca.p12("rsa", Format::TripleDes, PASSWORD), "Thị trấn Củ Chi", "RSA-2048", false),
        (ca.p12("ec", Format::Aes, PASSWORD), "Phường Một", "ECDSA P-256", false),
    ];
    // What the files are: the legacy PKCS#12 PBE with RC2-40 and 3DES.
    let legacy = ca.p12_info(&cases[0].0, PASSWORD, true);
    assert!(legacy.contains("pbeWithSHA1And40BitRC2-CBC") && legacy.contains("pbeWithSHA1And3-KeyTripleDES-CBC") && legacy.contains("MAC: sha1"), "{legacy}");
    let tdes = ca.p12_info(&cases[2].0, PASSWORD, false);
    assert!(tdes.contains("pbeWithSHA1And3-KeyTripleDES-CBC") && !tdes.contains("RC2"), "{tdes}");

    let data = tempfile::tempdir().unwrap();
    let ws = commune(data.path());
    for (file, cn, algorithm, _) in &cases {
        let c = ws.import_pdf_certificate(file, PASSWORD).unwrap().info;
        assert_eq!((c.common_name.as_str(), c.algorithm.as_str(), c.issuer_name.as_str(), c.chain), (*cn, *algorithm, CA_NAME, 1));
        let pdf = tiendo::report::report_pdf(&ws, "X-ANT", Q1, Lang::Vi).unwrap().bytes;
        let signed = ws.pdf_signer().unwrap().sign(&pdf, "Xã An Nhơn Tây", "kiểm tra").unwrap();
        let report = pdfsig(&signed);
        assert!(report.contains("Signature is Valid"), "{}: {report}", file.display());
        assert!(report.contains(&format!("Signer Certificate Common Name: {cn}")), "{report}");
    }
    // Every import kept the one before it.
    let kept = std::fs::read_dir(data.path().join("keys")).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".bak")).count();
    assert_eq!(kept, cases.len() - 1);
}

#[test]
fn of_two_certificates_for_the_same_key_the_one_paired_with_it_is_used() {
    let ca = Ca::new();
    ca.issue("unit", Algo::P256, "Xã An Nhơn Tây", 30);
    // The CA renews the certificate for the same key.
    let d = ca.dir.path();
    openssl(d, &["x509", "-req", "-in", "unit.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "400", "-out", "renewed.pem"]);
    let both = |paired: &str, other: &str, out: &str| {
        openssl(d, &["pkcs12", "-export", "-in", paired, "-inkey", "unit.key", "-certfile", other, "-out", out, "-passout", "pass:x"]);
        std::fs::read(ca.path(out)).unwrap()
    };
    // The CA's certificate goes in the chain; the other certificate of the key does not.
    std::fs::write(ca.path("old-and-ca.pem"), [std::fs::read(ca.path("unit.pem")).unwrap(), std::fs::read(ca.path("ca.pem")).unwrap()].concat()).unwrap();
    let file = both("renewed.pem", "old-and-ca.pem", "renewed.p12");
    let info = tiendo::crypto::pdfsign::PdfSigner::from_pkcs12(&file, "x").unwrap().info();
    assert_eq!((info.not_after, info.chain), (utc_today() + Days::new(400), 1));
    assert_eq!(info.fingerprint, ca.fingerprint("renewed"));
    // The file's pairing (localKeyId) decides, even for the older one.
    let file = both("unit.pem", "renewed.pem", "old.p12");
    let info = tiendo::crypto::pdfsign::PdfSigner::from_pkcs12(&file, "x").unwrap().info();
    assert_eq!((info.fingerprint, info.chain), (ca.fingerprint("unit"), 0));
}

#[test]
fn a_password_set_with_combining_marks_opens_with_composed_ones() {
    use unicode_normalization::UnicodeNormalization;
    let ca = Ca::new();
    ca.issue("unit", Algo::P256, "Xã An Nhơn Tây", 30);
    // Set with an input method that sends combining marks (NFD) ...
    let decomposed: String = PASSWORD.nfd().collect();
    assert_ne!(decomposed, PASSWORD);
    let data = tempfile::tempdir().unwrap();
    let ws = commune(data.path());
    for format in [Format::Legacy, Format::Aes] {
        let p12 = ca.p12("unit", format, &decomposed);
        // ... typed later with composed ones (NFC).
        let c = ws.import_pdf_certificate(&p12, PASSWORD).unwrap().info;
        assert_eq!(c.common_name, "Xã An Nhơn Tây");
        assert_eq!(ws.import_pdf_certificate(&p12, "Mat khau 2024!").unwrap_err().key, "err-p12-password");
    }
}

/// Runs `tiendo` with "today" and extra environment variables.
fn tiendo_on(data: &Path, today: NaiveDate, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tiendo"));
    c.arg("--data-dir").arg(data).args(args).env("TIENDO_LANG", "vi").env("TIENDO_TODAY", today.to_string()).env_remove("TIENDO_P12_PASSWORD");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("tiendo runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn the_command_line_imports_with_the_password_from_a_file_or_the_environment_and_shows_the_certificate() {
    let ca = Ca::new();
    ca.issue("unit", Algo::Rsa, "Xã An Nhơn Tây", 365);
    let p12 = ca.p12("unit", Format::Legacy, PASSWORD);
    let data = tempfile::tempdir().unwrap();
    let today = utc_today();
    let run = |env: &[(&str, &str)], args: &[&str]| tiendo_on(data.path(), today, env, args);
    assert!(run(&[], &["unit", "set", "X-ANT"]).status.success());
    let file = p12.to_str().unwrap();
    let pdf_key = data.path().join("keys").join("pdf-signing.json");

    // `keys show` makes no certificate just to show it.
    let o = run(&[], &["keys", "show"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!String::from_utf8_lossy(&o.stdout).contains("Chứng thư số ký PDF"));
    assert!(!pdf_key.exists());

    // No password given: the message says how to give it.
    let o = run(&[], &["keys", "import-p12", file]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("TIENDO_P12_PASSWORD") && stderr(&o).contains("--password-file"), "{}", stderr(&o));

    // A wrong password is told as such.
    let wrong = data.path().join("sai.txt");
    std::fs::write(&wrong, "mat khau sai\n").unwrap();
    let o = run(&[], &["keys", "import-p12", file, "--password-file", wrong.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o).trim(), "Lỗi: Mật khẩu tệp .p12 không đúng");
    assert!(!pdf_key.exists());

    // The right one from a file (first line, line ending dropped).
    let right = data.path().join("dung.txt");
    std::fs::write(&right, format!("{PASSWORD}\r\n")).unwrap();
    let o = run(&[], &["keys", "import-p12", file, "--password-file", right.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(out.contains(&format!("Đã nhập chứng thư số ký PDF từ {file}.")), "{out}");
    assert!(out.contains("Chủ thể: CN=Xã An Nhơn Tây, O=UBND huyện Củ Chi, C=VN"), "{out}");
    let imported = std::fs::read(&pdf_key).unwrap();

    // A wrong password changes nothing.
    let o = run(&[("TIENDO_P12_PASSWORD", "sai")], &["keys", "import-p12", file]);
    assert_eq!(stderr(&o).trim(), "Lỗi: Mật khẩu tệp .p12 không đúng");
    assert_eq!(std::fs::read(&pdf_key).unwrap(), imported);

    // The environment variable; the certificate it replaces is kept.
    let o = run(&[("TIENDO_P12_PASSWORD", PASSWORD)], &["keys", "import-p12", file]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Chứng thư số cũ được giữ lại tại"));

    let show = String::from_utf8_lossy(&run(&[], &["keys", "show"]).stdout).into_owned();
    let valid_to = (today + Days::new(365)).format("%d/%m/%Y").to_string();
    for line in [
        "Chứng thư số ký PDF:".to_owned(),
        "  Chủ thể: CN=Xã An Nhơn Tây, O=UBND huyện Củ Chi, C=VN".to_owned(),
        format!("  Cấp bởi: CN={CA_NAME}, O=Tiendo Test, C=VN"),
        format!("  Hiệu lực: {} – {valid_to}", today.format("%d/%m/%Y")),
        format!("  SHA-256: {}", ca.fingerprint("unit")),
        "  Loại: nhập từ tệp .p12, do tổ chức chứng thực cấp, RSA-2048".to_owned(),
    ] {
        assert!(show.lines().any(|l| l == line), "{line:?} in\n{show}");
    }

    // The bundle exported from the command line carries the imported certificate.
    let zip = data.path().join("b.zip");
    let o = run(&[], &["export", "--period", "2023Q1", "--out", zip.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report = pdfsig(&report_in_bundle(&zip));
    assert!(report.contains("Signature is Valid") && report.contains("Signer Certificate Common Name: Xã An Nhơn Tây"), "{report}");
}

// ---- files that must be refused ------------------------------------------------------

/// One DER element.
fn der(tag: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    match body.len() {
        n if n < 0x80 => out.push(n as u8),
        n if n < 0x100 => out.extend([0x81, n as u8]),
        n => out.extend([0x82, (n >> 8) as u8, n as u8]),
    }
    out.extend_from_slice(body);
    out
}

/// The contents of the first element of `b`, and what follows it.
fn split(b: &[u8]) -> (&[u8], &[u8]) {
    let (len, start) = match b[1] {
        n if n < 0x80 => (n as usize, 2),
        0x81 => (b[2] as usize, 3),
        0x82 => ((b[2] as usize) << 8 | b[3] as usize, 4),
        _ => panic!("length"),
    };
    (&b[start..start + len], &b[start + len..])
}

/// The ContentInfo elements of a PKCS#12 file without encryption or MAC.
fn safes(p12: &[u8]) -> Vec<u8> {
    let (pfx, _) = split(p12);
    let (_, rest) = split(pfx); // version
    let (auth_safe, _) = split(rest);
    let (_, rest) = split(auth_safe); // OID data
    let (explicit, _) = split(rest);
    let (octets, _) = split(explicit);
    split(octets).0.to_vec()
}

/// A PKCS#12 file (no MAC) of the given ContentInfo elements.
fn pfx_of(safes: &[u8]) -> Vec<u8> {
    let data_oid = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];
    let auth = der(0x30, &[&data_oid[..], &der(0xa0, &der(0x04, &der(0x30, safes)))].concat());
    der(0x30, &[&[0x02, 0x01, 0x03][..], &auth].concat())
}

#[test]
fn expired_mismatched_and_foreign_files_are_refused_and_change_nothing() {
    let ca = Ca::new();
    ca.issue("short", Algo::Rsa, "Xã An Nhơn Tây", 30);
    ca.issue("other", Algo::P256, "Xã Khác", 30);
    let p12 = ca.p12("short", Format::Aes, PASSWORD);
    let data = tempfile::tempdir().unwrap();
    let ws = commune(data.path());
    let signer = ws.pdf_signer().unwrap().info();
    let pdf_key = ws.pdf_key_path().unwrap();
    let before = std::fs::read(&pdf_key).unwrap();
    let key_files = || std::fs::read_dir(data.path().join("keys")).unwrap().map(|e| e.unwrap().file_name()).collect::<Vec<_>>();
    let files_before = key_files();
    let unchanged = || {
        assert_eq!(std::fs::read(&pdf_key).unwrap(), before, "pdf-signing.json is unchanged");
        assert_eq!(key_files(), files_before, "no backup was made");
    };
    let file = p12.to_str().unwrap();
    let today = utc_today();

    // Expired: refused, with the date it ended.
    let later = today + Days::new(31);
    let o = tiendo_on(data.path(), later, &[("TIENDO_P12_PASSWORD", PASSWORD)], &["keys", "import-p12", file]);
    let until = (today + Days::new(30)).format("%d/%m/%Y");
    assert_eq!(stderr(&o).trim(), format!("Lỗi: chứng thư số đã hết hạn ngày {until}; hãy gia hạn với tổ chức cung cấp dịch vụ chứng thực rồi nhập tệp mới"));
    unchanged();
    // Not yet valid.
    let o = tiendo_on(data.path(), today - Days::new(2), &[("TIENDO_P12_PASSWORD", PASSWORD)], &["keys", "import-p12", file]);
    assert!(stderr(&o).contains("chứng thư số chỉ có hiệu lực từ ngày"), "{}", stderr(&o));
    unchanged();
    // Wrong password, in the window's other language too.
    let e = ws.import_pdf_certificate(&p12, "sai").unwrap_err();
    assert_eq!((e.message_in(Lang::Vi).as_str(), e.message_in(Lang::En).as_str()), ("Mật khẩu tệp .p12 không đúng", "Wrong password for the .p12 file"));
    unchanged();

    // A key whose certificate is not in the file (openssl will not make a
    // file whose certificate does not match its key: this one is spliced
    // from a key-only file of one unit and a certificate-only file of another).
    let d = ca.dir.path();
    openssl(d, &["pkcs12", "-export", "-nocerts", "-inkey", "other.key", "-keypbe", "NONE", "-nomac", "-out", "key-only.p12", "-passout", "pass:"]);
    let e = ws.import_pdf_certificate(&ca.path("key-only.p12"), "").unwrap_err();
    assert_eq!(e.message_in(Lang::Vi), "tệp .p12 không có chứng thư số nào khớp với khóa bí mật");
    openssl(d, &["pkcs12", "-export", "-nokeys", "-in", "short.pem", "-certpbe", "NONE", "-nomac", "-out", "cert-only.p12", "-passout", "pass:"]);
    let e = ws.import_pdf_certificate(&ca.path("cert-only.p12"), "").unwrap_err();
    assert_eq!(e.key, "err-p12-no-key");
    let spliced = ca.path("spliced.p12");
    let key_only = std::fs::read(ca.path("key-only.p12")).unwrap();
    let cert_only = std::fs::read(ca.path("cert-only.p12")).unwrap();
    std::fs::write(&spliced, pfx_of(&[safes(&key_only), safes(&cert_only)].concat())).unwrap();
    let e = ws.import_pdf_certificate(&spliced, "").unwrap_err();
    assert_eq!(e.key, "err-p12-no-cert");
    // The same splice with the matching key is read (no MAC, no encryption).
    openssl(d, &["pkcs12", "-export", "-nocerts", "-inkey", "short.key", "-keypbe", "NONE", "-nomac", "-out", "key-only2.p12", "-passout", "pass:"]);
    let matching = ca.path("matching.p12");
    std::fs::write(&matching, pfx_of(&[safes(&std::fs::read(ca.path("key-only2.p12")).unwrap()), safes(&cert_only)].concat())).unwrap();
    let ok = tiendo::crypto::pdfsign::PdfSigner::from_pkcs12(&std::fs::read(&matching).unwrap(), "").unwrap();
    assert_eq!(ok.info().common_name, "Xã An Nhơn Tây");

    // Keys the PDF signature cannot use are named.
    openssl(d, &["genpkey", "-algorithm", "ed25519", "-out", "ed.key"]);
    openssl(d, &["req", "-new", "-key", "ed.key", "-out", "ed.csr", "-subj", "/CN=Ed"]);
    openssl(d, &["x509", "-req", "-in", "ed.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "30", "-out", "ed.pem"]);
    openssl(d, &["pkcs12", "-export", "-in", "ed.pem", "-inkey", "ed.key", "-out", "ed.p12", "-passout", "pass:x"]);
    let e = ws.import_pdf_certificate(&ca.path("ed.p12"), "x").unwrap_err();
    assert_eq!(e.message_in(Lang::Vi), "khóa của chứng thư số là Ed25519; chữ ký PDF chỉ dùng được khóa RSA hoặc ECDSA P-256");
    // Not a PKCS#12 file at all.
    let e = ws.import_pdf_certificate(&ca.path("ca.pem"), "x").unwrap_err();
    assert_eq!(e.key, "err-p12-corrupt");
    unchanged();
    assert_eq!(ws.pdf_signer().unwrap().info(), signer);
}

// ---- the window ----------------------------------------------------------------------

/// Runs what `update` returned (the worker job) to the end, feeding every
/// message back into `update`.
#[test]
fn settings_import_a_p12_after_asking_its_password_and_show_the_certificate() {
    use iced_test::selector;
    use tiendo::ui::{App, Message, Screen, settings};

    use crate::ui::{feed, has_text, sim_sized};

    let ca = Ca::new();
    ca.issue("unit", Algo::Rsa, "Xã An Nhơn Tây", 365);
    let p12 = ca.p12("unit", Format::Legacy, PASSWORD);
    let data = tempfile::tempdir().unwrap();
    let mut app = App::new(commune(data.path()), data.path().to_owned(), Some(Lang::Vi));
    let _ = app.update(Message::Nav(Screen::Settings));
    assert!(has_text(&app, |t| t == "Chứng thư số ký PDF"));
    assert!(has_text(&app, |t| t.starts_with("Chưa có. Tiến Độ tự tạo chứng thư số tự ký")));

    // The button opens the file dialog; the chosen file asks for its password.
    // (Settings is a long page: a tall window shows the button without scrolling.)
    let mut ui = sim_sized(&app, (1366.0, 1600.0));
    ui.click("Nhập tệp .p12…").expect("import button");
    let msgs: Vec<Message> = ui.into_messages().collect();
    assert!(matches!(msgs.as_slice(), [Message::Settings(settings::Message::ImportP12)]), "{msgs:?}");
    let _ = app.update(Message::Settings(tiendo::ui::settings::Message::Chosen(tiendo::ui::settings::Pick::P12, vec![p12.clone()])));
    let name = p12.file_name().unwrap().to_string_lossy().into_owned();
    assert!(has_text(&app, |t| t == format!("Nhập mật khẩu của tệp {name}:")));

    let type_and_import = |app: &mut App, password: &str| {
        let mut ui = sim_sized(app, (1366.0, 1600.0));
        ui.click(selector::id(settings::P12_PASSWORD_ID)).expect("password box");
        ui.typewrite(password);
        let msgs: Vec<Message> = ui.into_messages().collect();
        feed(app, msgs);
        assert_eq!(app.settings.p12.as_ref().unwrap().password, password);
        // The password is not drawn.
        assert!(!has_text(app, |t| t.contains(password)));
        let mut ui = sim_sized(app, (1366.0, 1600.0));
        ui.click("Nhập").expect("import button of the dialog");
        let msgs: Vec<Message> = ui.into_messages().collect();
        for m in msgs {
            let task = app.update(m);
            crate::ui_reports::drive(app, task);
        }
    };

    // A wrong password: the dialog stays and says so; nothing is written.
    type_and_import(&mut app, "sai mật khẩu");
    assert!(app.job.is_none());
    let prompt = app.settings.p12.clone().expect("the dialog stays open");
    assert_eq!(prompt.error.as_deref(), Some("Mật khẩu tệp .p12 không đúng"));
    assert!(has_text(&app, |t| t == "Mật khẩu tệp .p12 không đúng"));
    assert!(!app.ws.pdf_key_path().unwrap().exists());

    // The right one: imported, the dialog closes, the section shows it.
    type_and_import(&mut app, PASSWORD);
    assert!(app.settings.p12.is_none());
    let notice = app.notice.clone().unwrap();
    let until = (utc_today() + Days::new(365)).format("%d/%m/%Y").to_string();
    assert_eq!((notice.error, notice.text.as_str()), (false, format!("Đã nhập chứng thư số của Xã An Nhơn Tây, hiệu lực đến {until}.").as_str()));
    for shown in ["Xã An Nhơn Tây", CA_NAME, until.as_str(), "nhập từ tệp .p12, do tổ chức chứng thực cấp, RSA-2048", ca.fingerprint("unit").as_str()] {
        assert!(has_text(&app, |t| t == shown), "{shown} is shown");
    }
    // Opening Settings again reads the same from the key folder.
    app.settings.certificate = None;
    let _ = app.update(Message::Nav(Screen::Dashboard));
    let _ = app.update(Message::Nav(Screen::Settings));
    assert_eq!(app.settings.certificate.as_ref().map(|c| c.issuer_name.as_str()), Some(CA_NAME));
}

#[test]
fn a_pdf_signing_file_written_before_imports_existed_still_signs() {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    let data = tempfile::tempdir().unwrap();
    let ws = commune(data.path());
    // The old file: unit, PKCS#8 key and certificate only, on one line.
    let old = tiendo::crypto::pdfsign::PdfSigner::generate("Xã An Nhơn Tây", "UBND huyện Củ Chi").unwrap();
    let (key, cert) = old.to_der().unwrap();
    std::fs::create_dir_all(data.path().join("keys")).unwrap();
    let json = serde_json::json!({"unit": "X-ANT", "key": b64.encode(key), "certificate": b64.encode(cert)});
    std::fs::write(ws.pdf_key_path().unwrap(), json.to_string()).unwrap();

    let info = ws.pdf_certificate().unwrap().expect("read");
    assert_eq!((info.imported, info.self_signed, info.chain, info.algorithm.as_str()), (false, true, 0, "ECDSA P-256"));
    assert_eq!(ws.pdf_signer().unwrap().cert_fingerprint(), old.cert_fingerprint());
    let pdf = tiendo::report::report_pdf(&ws, "X-ANT", Q1, Lang::Vi).unwrap().bytes;
    let report = pdfsig(&ws.pdf_signer().unwrap().sign(&pdf, "Xã An Nhơn Tây", "kiểm tra").unwrap());
    assert!(report.contains("Signature is Valid") && report.contains("Signer Certificate Common Name: Xã An Nhơn Tây"), "{report}");
}

#[test]
fn with_a_passphrase_the_pdf_key_and_kept_keys_are_sealed_too() {
    let ca = Ca::new();
    ca.issue("unit", Algo::Rsa, "UBND xa An Nhon Tay", 365);
    let p12 = ca.p12("unit", Format::Aes, PASSWORD);
    let data = tempfile::tempdir().unwrap();
    let mut ws = commune(data.path());
    let out = tempfile::tempdir().unwrap();
    // Before the passphrase: a bundle (a generated PDF key) and a rotation (a retired key).
    ws.export_bundle(Q1, &out.path().join("a.zip"), &mut |_, _| {}).unwrap();
    ws.rotate_key(&out.path().join("rot.json")).unwrap();
    let keys = data.path().join("keys");
    let clear_pdf = std::fs::read_to_string(keys.join("pdf-signing.json")).unwrap();
    assert!(clear_pdf.contains("\"key\""));

    ws.protect_key(Some("mật khẩu khóa ký xã")).unwrap();
    for entry in std::fs::read_dir(&keys).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(v.get("seed").is_none() && v.get("key").is_none(), "{} is sealed: {text}", path.display());
        assert!(v.get("sealed_seed").is_some() || v.get("sealed_key").is_some(), "{}", path.display());
    }

    // Locked (a new start): the certificate still shows, importing and signing wait for the passphrase.
    let mut locked = Workspace::open(data.path()).unwrap();
    locked.today = utc_today();
    let shown = locked.pdf_certificate().unwrap().expect("a certificate");
    assert!(!shown.imported && shown.algorithm == "ECDSA P-256", "{shown:?}");
    let before = std::fs::read(keys.join("pdf-signing.json")).unwrap();
    assert_eq!(locked.import_pdf_certificate(&p12, PASSWORD).unwrap_err().key, "err-key-locked");
    assert_eq!(std::fs::read(keys.join("pdf-signing.json")).unwrap(), before, "nothing changed");
    assert_eq!(locked.pdf_signer().err().map(|e| e.key), Some("err-key-locked"));

    // Unlocked: the imported key is stored sealed and signs the report.
    locked.unlock_key("mật khẩu khóa ký xã").unwrap();
    let done = locked.import_pdf_certificate(&p12, PASSWORD).unwrap();
    assert!(done.info.imported && done.info.algorithm == "RSA-2048", "{:?}", done.info);
    let stored: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(keys.join("pdf-signing.json")).unwrap()).unwrap();
    assert!(stored.get("key").is_none() && stored.get("sealed_key").is_some());
    let zip = out.path().join("b.zip");
    locked.export_bundle(Q1, &zip, &mut |_, _| {}).unwrap();
    let verdict = pdfsig(&report_in_bundle(&zip));
    assert!(verdict.contains("Signature is Valid") && verdict.contains("UBND xa An Nhon Tay"), "{verdict}");

    // Removing the passphrase opens every file again.
    locked.protect_key(None).unwrap();
    let fresh = Workspace::open(data.path()).unwrap();
    assert!(fresh.pdf_signer().is_ok());
    assert!(std::fs::read_dir(&keys).unwrap().all(|e| !std::fs::read_to_string(e.unwrap().path()).unwrap().contains("sealed_")));
}

#[test]
fn a_certificate_near_or_past_its_end_is_flagged_at_export_and_in_settings() {
    use tiendo::ui::{App, Message, Screen};

    use crate::ui::has_text;

    let ca = Ca::new();
    ca.issue("unit", Algo::P256, "Xã An Nhơn Tây", 20);
    let p12 = ca.p12("unit", Format::Aes, PASSWORD);
    let data = tempfile::tempdir().unwrap();
    let ws = commune(data.path());
    let info = ws.import_pdf_certificate(&p12, PASSWORD).unwrap().info;
    let left = (info.not_after - utc_today()).num_days();
    assert!((19..=20).contains(&left), "{left}");
    let until = info.not_after.format("%d/%m/%Y").to_string();

    // The command line exports, and says on stderr what to do.
    let out = data.path().join("q1.zip");
    let o = tiendo_on(data.path(), utc_today(), &[], &["export", "--period", "2023Q1", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("chứng thư số ký PDF hết hạn ngày {until} (còn {left} ngày)")), "{}", stderr(&o));
    // Far from its end: nothing said.
    let o = tiendo_on(data.path(), utc_today() - Days::new(60), &[], &["export", "--period", "2023Q1", "--out", data.path().join("q1b.zip").to_str().unwrap()]);
    assert!(o.status.success() && stderr(&o).is_empty(), "{}", stderr(&o));

    // Past its end: the warning says it expired.
    let mut later = Workspace::open(data.path()).unwrap();
    later.today = info.not_after + Days::new(1);
    assert_eq!(later.pdf_certificate_warning().unwrap().map(|w| w.key), Some("warn-pdf-cert-expired"));

    // Settings shows the days left next to the date.
    let mut app = App::new(commune(data.path()), data.path().to_owned(), Some(Lang::Vi));
    let _ = app.update(Message::Nav(Screen::Settings));
    assert!(has_text(&app, |t| t == until));
    assert!(has_text(&app, |t| t == format!("còn {left} ngày")));
}
