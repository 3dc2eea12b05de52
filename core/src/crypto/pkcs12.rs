//! Reading a PKCS#12 file (.p12 / .pfx, RFC 7292): the private key and the
//! certificates a certification authority issues to a unit, for the PDF
//! signature.
//!
//! The password is checked first against the file's MAC (HMAC with the
//! PKCS#12 key derivation of RFC 7292 appendix B, SHA-1 or SHA-2), so a wrong
//! password is reported as such rather than as garbage. Then the encrypted
//! parts are opened: PBES2 (PBKDF2 with HMAC-SHA1/SHA-2, then AES-CBC or
//! 3DES-CBC, RFC 8018) — OpenSSL 3's default — or the legacy PKCS#12 PBE
//! (SHA-1 with 3DES or RC2), which Windows and `openssl pkcs12 -legacy` write.
//!
//! The container is read with a small BER reader (tag, length, contents):
//! files from Windows, macOS and Java may use indefinite lengths and chunked
//! OCTET STRINGs, which a strict DER decoder refuses. What is inside —
//! certificates and PKCS#8 keys — is DER, and decoded by the caller.

use std::borrow::Cow;

use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockCipher, BlockDecryptMut, BlockSizeUser, KeyInit, KeyIvInit};
use der::oid::ObjectIdentifier as Oid;
use hmac::{Mac, SimpleHmac};
use sha2::Digest;
use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// What a PKCS#12 file holds.
#[derive(Default)]
pub struct Pfx {
    /// Private keys, each a PKCS#8 `PrivateKeyInfo` (DER), decrypted.
    pub keys: Vec<Bag<Zeroizing<Vec<u8>>>>,
    /// Certificates (DER).
    pub certs: Vec<Bag<Vec<u8>>>,
}

/// One key or certificate with the attribute that pairs them.
pub struct Bag<T> {
    pub value: T,
    /// The `localKeyId` attribute, which ties a key to its certificate.
    pub local_key_id: Option<Vec<u8>>,
}

/// Iteration counts above this are refused (a hostile file could otherwise
/// keep the program busy for hours); real files use 2 000 to 600 000.
const MAX_ITERATIONS: u64 = 10_000_000;
/// Nesting deeper than this is refused (real files nest about 8 deep).
const MAX_DEPTH: usize = 32;

const DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
const SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
const ENVELOPED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.3");
const ENCRYPTED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.6");
const KEY_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.1");
const SHROUDED_KEY_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.2");
const CERT_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.3");
const SAFE_CONTENTS_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.6");
const X509_CERTIFICATE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.22.1");
const LOCAL_KEY_ID: Oid = Oid::new_unwrap("1.2.840.113549.1.9.21");
const PBES2: Oid = Oid::new_unwrap("1.2.840.113549.1.5.13");
const PBKDF2: Oid = Oid::new_unwrap("1.2.840.113549.1.5.12");
const PBMAC1: Oid = Oid::new_unwrap("1.2.840.113549.1.5.14");
const AES128_CBC: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.1.2");
const AES192_CBC: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.1.22");
const AES256_CBC: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.1.42");
const DES_EDE3_CBC: Oid = Oid::new_unwrap("1.2.840.113549.3.7");
const PBE_SHA_RC4_128: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.1");
const PBE_SHA_RC4_40: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.2");
const PBE_SHA_3DES: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.3");
const PBE_SHA_2DES: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.4");
const PBE_SHA_RC2_128: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.5");
const PBE_SHA_RC2_40: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.6");

/// A readable name for an algorithm or content type this reader does not handle.
fn name_of(oid: Oid) -> String {
    let known: &[(Oid, &str)] = &[
        (SIGNED_DATA, "signedData (public-key integrity mode)"),
        (ENVELOPED_DATA, "envelopedData (public-key privacy mode)"),
        (PBMAC1, "PBMAC1"),
        (PBE_SHA_RC4_128, "pbeWithSHAAnd128BitRC4"),
        (PBE_SHA_RC4_40, "pbeWithSHAAnd40BitRC4"),
        (Oid::new_unwrap("1.2.840.113549.1.5.3"), "pbeWithMD5AndDES-CBC"),
        (Oid::new_unwrap("1.2.840.113549.1.5.10"), "pbeWithSHA1AndDES-CBC"),
        (Oid::new_unwrap("1.2.840.113549.2.5"), "MD5"),
        (Oid::new_unwrap("1.2.840.113549.3.2"), "RC2-CBC"),
        (Oid::new_unwrap("1.3.14.3.2.7"), "DES-CBC"),
        (Oid::new_unwrap("1.2.643.7.1.1.2.2"), "GOST R 34.11-2012"),
    ];
    known.iter().find(|(o, _)| *o == oid).map(|(_, n)| (*n).to_owned()).unwrap_or_else(|| oid.to_string())
}

fn corrupt(detail: &str) -> Error {
    Error::new("err-p12-corrupt").arg("detail", detail)
}

fn unsupported(algorithm: String) -> Error {
    Error::new("err-p12-unsupported").arg("algorithm", algorithm)
}

fn wrong_password() -> Error {
    Error::new("err-p12-password")
}

// ---- a small BER reader ------------------------------------------------------

/// One encoded element: its tag byte, its contents and its whole encoding.
#[derive(Clone, Copy)]
struct Tlv<'a> {
    tag: u8,
    /// The contents octets (for an indefinite length: up to the end-of-contents marker).
    body: &'a [u8],
    /// The whole encoding, header included.
    raw: &'a [u8],
    depth: usize,
}

impl<'a> Tlv<'a> {
    /// The elements inside a constructed element.
    fn inner(&self) -> Result<Reader<'a>> {
        if self.tag & 0x20 == 0 {
            return Err(corrupt("expected a constructed element"));
        }
        Ok(Reader { data: self.body, depth: self.depth + 1 })
    }

    /// The elements of a SEQUENCE.
    fn seq(&self) -> Result<Reader<'a>> {
        if self.tag != 0x30 {
            return Err(corrupt("expected a SEQUENCE"));
        }
        self.inner()
    }

    /// The element inside an `[0] EXPLICIT` wrapper.
    fn explicit0(&self) -> Result<Tlv<'a>> {
        if self.tag != 0xa0 {
            return Err(corrupt("expected [0]"));
        }
        self.inner()?.next()
    }

    fn oid(&self) -> Result<Oid> {
        if self.tag != 0x06 {
            return Err(corrupt("expected an OBJECT IDENTIFIER"));
        }
        Oid::from_bytes(self.body).map_err(|_| corrupt("bad OBJECT IDENTIFIER"))
    }

    /// A non-negative INTEGER that fits in 64 bits.
    fn uint(&self) -> Result<u64> {
        if self.tag != 0x02 || self.body.is_empty() || self.body[0] & 0x80 != 0 {
            return Err(corrupt("expected a non-negative INTEGER"));
        }
        let digits = match self.body {
            [0, rest @ ..] => rest,
            all => all,
        };
        if digits.len() > 8 {
            return Err(corrupt("INTEGER too large"));
        }
        Ok(digits.iter().fold(0u64, |a, &b| (a << 8) | u64::from(b)))
    }

    /// The octets of an OCTET STRING — or of one implicitly tagged, `number`
    /// being its primitive tag byte (0x80 for `[0]`) — joining the chunks of
    /// a constructed one (BER).
    fn octets_tagged(&self, number: u8) -> Result<Cow<'a, [u8]>> {
        if self.tag & 0xdf != number {
            return Err(corrupt("expected an OCTET STRING"));
        }
        if self.tag & 0x20 == 0 {
            return Ok(Cow::Borrowed(self.body));
        }
        let mut out = vec![];
        let mut r = self.inner()?;
        while !r.is_empty() {
            out.extend_from_slice(&r.next()?.octets_tagged(0x04)?);
        }
        Ok(Cow::Owned(out))
    }

    fn octets(&self) -> Result<Cow<'a, [u8]>> {
        self.octets_tagged(0x04)
    }

    /// An AlgorithmIdentifier: the algorithm and its parameters, if any.
    fn algorithm(&self) -> Result<(Oid, Option<Tlv<'a>>)> {
        let mut r = self.seq()?;
        let oid = r.next()?.oid()?;
        let params = if r.is_empty() { None } else { Some(r.next()?) };
        Ok((oid, params.filter(|p| p.tag != 0x05)))
    }
}

/// Successive elements of a byte string.
struct Reader<'a> {
    data: &'a [u8],
    depth: usize,
}

impl<'a> Reader<'a> {
    fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    fn next(&mut self) -> Result<Tlv<'a>> {
        let (tlv, rest) = read_tlv(self.data, self.depth)?;
        self.data = rest;
        Ok(tlv)
    }
}

/// Reads one element from the start of `data`; returns it and what follows.
fn read_tlv(data: &[u8], depth: usize) -> Result<(Tlv<'_>, &[u8])> {
    let truncated = || corrupt("truncated");
    if depth > MAX_DEPTH {
        return Err(corrupt("nested too deep"));
    }
    let &tag = data.first().ok_or_else(truncated)?;
    if tag & 0x1f == 0x1f {
        return Err(corrupt("unexpected tag"));
    }
    let &first = data.get(1).ok_or_else(truncated)?;
    let mut start = 2;
    let len = match first {
        0..=0x7f => Some(usize::from(first)),
        0x80 => None,
        _ => {
            let n = usize::from(first & 0x7f);
            if n > 4 {
                return Err(corrupt("length too large"));
            }
            let bytes = data.get(2..2 + n).ok_or_else(truncated)?;
            start += n;
            Some(bytes.iter().fold(0usize, |a, &b| (a << 8) | usize::from(b)))
        }
    };
    match len {
        Some(len) => {
            let end = start.checked_add(len).filter(|&e| e <= data.len()).ok_or_else(truncated)?;
            Ok((Tlv { tag, body: &data[start..end], raw: &data[..end], depth }, &data[end..]))
        }
        None => {
            // Indefinite length (BER): the elements up to an end-of-contents marker.
            if tag & 0x20 == 0 {
                return Err(corrupt("indefinite length on a primitive element"));
            }
            let mut rest = &data[start..];
            while !rest.starts_with(&[0, 0]) {
                rest = read_tlv(rest, depth + 1)?.1;
            }
            let body_end = data.len() - rest.len();
            let end = body_end + 2;
            Ok((Tlv { tag, body: &data[start..body_end], raw: &data[..end], depth }, &data[end..]))
        }
    }
}

// ---- hashes, key derivation, ciphers ---------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hash {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    /// From a digest algorithm (the MAC's).
    fn from_digest(oid: Oid) -> Option<Hash> {
        Some(match oid.to_string().as_str() {
            "1.3.14.3.2.26" => Hash::Sha1,
            "2.16.840.1.101.3.4.2.4" => Hash::Sha224,
            "2.16.840.1.101.3.4.2.1" => Hash::Sha256,
            "2.16.840.1.101.3.4.2.2" => Hash::Sha384,
            "2.16.840.1.101.3.4.2.3" => Hash::Sha512,
            _ => return None,
        })
    }

    /// From an HMAC algorithm (PBKDF2's pseudo-random function).
    fn from_hmac(oid: Oid) -> Option<Hash> {
        Some(match oid.to_string().as_str() {
            "1.2.840.113549.2.7" => Hash::Sha1,
            "1.2.840.113549.2.8" => Hash::Sha224,
            "1.2.840.113549.2.9" => Hash::Sha256,
            "1.2.840.113549.2.10" => Hash::Sha384,
            "1.2.840.113549.2.11" => Hash::Sha512,
            _ => return None,
        })
    }

    fn output_len(self) -> usize {
        match self {
            Hash::Sha1 => 20,
            Hash::Sha224 => 28,
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }

    /// The PKCS#12 key derivation (RFC 7292 appendix B.2).
    fn p12_kdf(self, password: &[u8], salt: &[u8], id: u8, iterations: u32, n: usize) -> Zeroizing<Vec<u8>> {
        use sha2::{Sha224, Sha256, Sha384, Sha512};
        match self {
            Hash::Sha1 => p12_kdf::<sha1::Sha1>(password, salt, id, iterations, n),
            Hash::Sha224 => p12_kdf::<Sha224>(password, salt, id, iterations, n),
            Hash::Sha256 => p12_kdf::<Sha256>(password, salt, id, iterations, n),
            Hash::Sha384 => p12_kdf::<Sha384>(password, salt, id, iterations, n),
            Hash::Sha512 => p12_kdf::<Sha512>(password, salt, id, iterations, n),
        }
    }

    /// Whether `tag` is the HMAC of `data` under `key` (compared in constant time).
    fn hmac_matches(self, key: &[u8], data: &[u8], tag: &[u8]) -> bool {
        use sha2::{Sha224, Sha256, Sha384, Sha512};
        fn check<D: Digest + BlockSizeUser>(key: &[u8], data: &[u8], tag: &[u8]) -> bool {
            let Ok(mut mac) = <SimpleHmac<D> as KeyInit>::new_from_slice(key) else { return false };
            mac.update(data);
            mac.verify_slice(tag).is_ok()
        }
        match self {
            Hash::Sha1 => check::<sha1::Sha1>(key, data, tag),
            Hash::Sha224 => check::<Sha224>(key, data, tag),
            Hash::Sha256 => check::<Sha256>(key, data, tag),
            Hash::Sha384 => check::<Sha384>(key, data, tag),
            Hash::Sha512 => check::<Sha512>(key, data, tag),
        }
    }

    /// PBKDF2 (RFC 8018 §5.2) with HMAC over this hash.
    fn pbkdf2(self, password: &[u8], salt: &[u8], iterations: u32, out: &mut [u8]) {
        use sha2::{Sha224, Sha256, Sha384, Sha512};
        // HMAC takes keys of any length, so this cannot fail.
        let _ = match self {
            Hash::Sha1 => pbkdf2::pbkdf2::<SimpleHmac<sha1::Sha1>>(password, salt, iterations, out),
            Hash::Sha224 => pbkdf2::pbkdf2::<SimpleHmac<Sha224>>(password, salt, iterations, out),
            Hash::Sha256 => pbkdf2::pbkdf2::<SimpleHmac<Sha256>>(password, salt, iterations, out),
            Hash::Sha384 => pbkdf2::pbkdf2::<SimpleHmac<Sha384>>(password, salt, iterations, out),
            Hash::Sha512 => pbkdf2::pbkdf2::<SimpleHmac<Sha512>>(password, salt, iterations, out),
        };
    }
}

/// RFC 7292 B.2: `n` bytes of key material of purpose `id` (1 key, 2 IV,
/// 3 MAC key) from a BMPString password and a salt.
fn p12_kdf<D: Digest + BlockSizeUser>(password: &[u8], salt: &[u8], id: u8, iterations: u32, n: usize) -> Zeroizing<Vec<u8>> {
    let v = D::block_size();
    // S and P: the salt and the password repeated to a whole number of blocks.
    let fill = |s: &[u8]| -> Vec<u8> { s.iter().cycle().take(v * s.len().div_ceil(v)).copied().collect() };
    let mut i = Zeroizing::new([fill(salt), fill(password)].concat());
    let diversifier = vec![id; v];
    let mut out = Zeroizing::new(Vec::with_capacity(n + 64));
    loop {
        let mut a = D::new().chain_update(&diversifier).chain_update(&*i).finalize();
        for _ in 1..iterations {
            a = D::digest(&a);
        }
        out.extend_from_slice(&a);
        if out.len() >= n {
            break;
        }
        // I_j = (I_j + B + 1) mod 2^(8v) for each block of I, B = A repeated.
        let b: Vec<u8> = a.iter().cycle().take(v).copied().collect();
        for block in i.chunks_mut(v) {
            let mut carry = 1u16;
            for k in (0..v).rev() {
                let sum = u16::from(block[k]) + u16::from(b[k]) + carry;
                block[k] = sum as u8;
                carry = sum >> 8;
            }
        }
    }
    out.truncate(n);
    out
}

/// The password as the PKCS#12 derivation wants it: a BMPString (UTF-16
/// big-endian) with a terminating zero character.
fn bmp_password(password: &str) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(password.len() * 2 + 2));
    for u in password.encode_utf16().chain([0]) {
        out.extend_from_slice(&u.to_be_bytes());
    }
    out
}

#[derive(Debug, Clone, Copy)]
enum Cipher {
    Aes128,
    Aes192,
    Aes256,
    TdesEde3,
    TdesEde2,
    Rc2,
}

impl Cipher {
    fn decrypt(self, key: &[u8], iv: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        fn run<C: BlockCipher + BlockDecryptMut + KeyInit>(key: &[u8], iv: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
            if data.is_empty() || !data.len().is_multiple_of(C::block_size()) {
                return Err(corrupt("encrypted data is not a whole number of blocks"));
            }
            let dec = cbc::Decryptor::<C>::new_from_slices(key, iv).map_err(|_| corrupt("bad key or IV length"))?;
            let mut buf = Zeroizing::new(data.to_vec());
            // A wrong key shows as bad padding (the MAC usually caught it before).
            let len = dec.decrypt_padded_mut::<Pkcs7>(&mut buf).map_err(|_| wrong_password())?.len();
            buf.truncate(len);
            Ok(buf)
        }
        match self {
            Cipher::Aes128 => run::<aes::Aes128>(key, iv, data),
            Cipher::Aes192 => run::<aes::Aes192>(key, iv, data),
            Cipher::Aes256 => run::<aes::Aes256>(key, iv, data),
            Cipher::TdesEde3 => run::<des::TdesEde3>(key, iv, data),
            Cipher::TdesEde2 => run::<des::TdesEde2>(key, iv, data),
            // RC2's effective key length is the key's (40 or 128 bits).
            Cipher::Rc2 => run::<rc2::Rc2>(key, iv, data),
        }
    }
}

fn iterations(t: &Tlv) -> Result<u32> {
    let n = t.uint()?;
    if n == 0 || n > MAX_ITERATIONS {
        return Err(corrupt("unreasonable iteration count"));
    }
    Ok(n as u32)
}

/// The password in the two forms the file may use.
struct Password {
    /// For PBES2: the UTF-8 bytes.
    utf8: Zeroizing<Vec<u8>>,
    /// For the PKCS#12 derivation: the BMPString (chosen by the MAC check).
    bmp: Zeroizing<Vec<u8>>,
}

/// Decrypts `data` encrypted with the password-based algorithm `alg`.
fn decrypt(alg: &Tlv, data: &[u8], pw: &Password) -> Result<Zeroizing<Vec<u8>>> {
    let (oid, params) = alg.algorithm()?;
    let params = || params.ok_or_else(|| corrupt("missing algorithm parameters"));
    if oid == PBES2 {
        let mut p = params()?.seq()?;
        let (kdf, kdf_params) = p.next()?.algorithm()?;
        let (enc, enc_params) = p.next()?.algorithm()?;
        if kdf != PBKDF2 {
            return Err(unsupported(name_of(kdf)));
        }
        let (cipher, key_len) = match enc {
            AES128_CBC => (Cipher::Aes128, 16),
            AES192_CBC => (Cipher::Aes192, 24),
            AES256_CBC => (Cipher::Aes256, 32),
            DES_EDE3_CBC => (Cipher::TdesEde3, 24),
            other => return Err(unsupported(name_of(other))),
        };
        let mut k = kdf_params.ok_or_else(|| corrupt("missing PBKDF2 parameters"))?.seq()?;
        let salt_tlv = k.next()?;
        if salt_tlv.tag & 0xdf != 0x04 {
            return Err(unsupported("PBKDF2 salt from another source".into()));
        }
        let salt = salt_tlv.octets()?;
        let rounds = iterations(&k.next()?)?;
        let mut prf = Hash::Sha1;
        while !k.is_empty() {
            let t = k.next()?;
            match t.tag {
                0x02 if t.uint()? != key_len as u64 => return Err(corrupt("PBKDF2 key length does not fit the cipher")),
                0x02 => {}
                0x30 => {
                    let (o, _) = t.algorithm()?;
                    prf = Hash::from_hmac(o).ok_or_else(|| unsupported(name_of(o)))?;
                }
                _ => return Err(corrupt("bad PBKDF2 parameters")),
            }
        }
        let iv = enc_params.ok_or_else(|| corrupt("missing IV"))?.octets()?;
        let mut key = Zeroizing::new(vec![0u8; key_len]);
        prf.pbkdf2(&pw.utf8, &salt, rounds, &mut key);
        return cipher.decrypt(&key, &iv, data);
    }
    let (cipher, key_len) = match oid {
        PBE_SHA_3DES => (Cipher::TdesEde3, 24),
        PBE_SHA_2DES => (Cipher::TdesEde2, 16),
        PBE_SHA_RC2_128 => (Cipher::Rc2, 16),
        PBE_SHA_RC2_40 => (Cipher::Rc2, 5),
        other => return Err(unsupported(name_of(other))),
    };
    let mut p = params()?.seq()?;
    let salt = p.next()?.octets()?;
    let rounds = iterations(&p.next()?)?;
    let key = Hash::Sha1.p12_kdf(&pw.bmp, &salt, 1, rounds, key_len);
    let iv = Hash::Sha1.p12_kdf(&pw.bmp, &salt, 2, rounds, 8);
    cipher.decrypt(&key, &iv, data)
}

// ---- the file --------------------------------------------------------------------

/// Reads a PKCS#12 file with its password.
pub fn parse(bytes: &[u8], password: &str) -> Result<Pfx> {
    let (top, _) = read_tlv(bytes, 0)?;
    let mut pfx = top.seq()?;
    let version = pfx.next()?.uint()?;
    if version != 3 {
        return Err(corrupt(&format!("version {version}, expected 3")));
    }
    let mut auth_safe = pfx.next()?.seq()?;
    let content_type = auth_safe.next()?.oid()?;
    if content_type != DATA {
        return Err(unsupported(name_of(content_type)));
    }
    let auth_bytes = auth_safe.next()?.explicit0()?.octets()?;

    // The MAC tells whether the password is right, and in which form it was
    // set: Vietnamese typed with composed or with combining marks (NFC, NFD —
    // input methods differ), and for an empty one, no bytes or a lone
    // terminating zero.
    let mut candidates: Vec<Password> = vec![];
    let forms = [password.to_owned(), password.nfc().collect(), password.nfd().collect()];
    for (i, form) in forms.iter().enumerate() {
        if forms[..i].contains(form) {
            continue;
        }
        let utf8 = Zeroizing::new(form.as_bytes().to_vec());
        candidates.push(Password { utf8: utf8.clone(), bmp: bmp_password(form) });
        if form.is_empty() {
            candidates.push(Password { utf8, bmp: Zeroizing::new(vec![]) });
        }
    }
    let pw = if pfx.is_empty() {
        candidates.swap_remove(0)
    } else {
        let mut mac = pfx.next()?.seq()?;
        let mut digest_info = mac.next()?.seq()?;
        let (alg, _) = digest_info.next()?.algorithm()?;
        let digest = digest_info.next()?.octets()?;
        let salt = mac.next()?.octets()?;
        let rounds = if mac.is_empty() { 1 } else { iterations(&mac.next()?)? };
        let hash = Hash::from_digest(alg).ok_or_else(|| unsupported(name_of(alg)))?;
        let found = candidates.into_iter().find(|pw| {
            let key = hash.p12_kdf(&pw.bmp, &salt, 3, rounds, hash.output_len());
            hash.hmac_matches(&key, &auth_bytes, &digest)
        });
        found.ok_or_else(wrong_password)?
    };

    let mut out = Pfx::default();
    let (list, _) = read_tlv(&auth_bytes, 0)?;
    let mut infos = list.seq()?;
    while !infos.is_empty() {
        let mut info = infos.next()?.seq()?;
        let kind = info.next()?.oid()?;
        if kind == DATA {
            let contents = info.next()?.explicit0()?.octets()?;
            read_safe_contents(&contents, &pw, &mut out, 1)?;
        } else if kind == ENCRYPTED_DATA {
            let mut encrypted = info.next()?.explicit0()?.seq()?;
            let _version = encrypted.next()?.uint()?;
            let mut eci = encrypted.next()?.seq()?;
            let _content_type = eci.next()?.oid()?;
            let alg = eci.next()?;
            // encryptedContent [0] IMPLICIT OCTET STRING
            let data = eci.next()?.octets_tagged(0x80)?;
            let plain = decrypt(&alg, &data, &pw)?;
            read_safe_contents(&plain, &pw, &mut out, 1)?;
        } else {
            return Err(unsupported(name_of(kind)));
        }
    }
    Ok(out)
}

/// Collects the keys and certificates of a SafeContents.
fn read_safe_contents(bytes: &[u8], pw: &Password, out: &mut Pfx, depth: usize) -> Result<()> {
    let (list, _) = read_tlv(bytes, depth)?;
    let mut bags = list.seq()?;
    while !bags.is_empty() {
        let mut bag = bags.next()?.seq()?;
        let kind = bag.next()?.oid()?;
        let value = bag.next()?.explicit0()?;
        let mut local_key_id = None;
        if !bag.is_empty() {
            let attrs = bag.next()?;
            if attrs.tag != 0x31 {
                return Err(corrupt("expected bag attributes"));
            }
            let mut attrs = attrs.inner()?;
            while !attrs.is_empty() {
                let mut attr = attrs.next()?.seq()?;
                let id = attr.next()?.oid()?;
                let values = attr.next()?;
                if values.tag != 0x31 {
                    return Err(corrupt("expected attribute values"));
                }
                let mut values = values.inner()?;
                if values.is_empty() {
                    continue;
                }
                let v = values.next()?;
                if id == LOCAL_KEY_ID {
                    local_key_id = Some(v.octets()?.into_owned());
                }
            }
        }
        match kind {
            KEY_BAG => out.keys.push(Bag { value: Zeroizing::new(value.raw.to_vec()), local_key_id }),
            SHROUDED_KEY_BAG => {
                let mut epki = value.seq()?;
                let alg = epki.next()?;
                let data = epki.next()?.octets()?;
                out.keys.push(Bag { value: decrypt(&alg, &data, pw)?, local_key_id });
            }
            CERT_BAG => {
                let mut cert = value.seq()?;
                if cert.next()?.oid()? == X509_CERTIFICATE {
                    let der = cert.next()?.explicit0()?.octets()?.into_owned();
                    out.certs.push(Bag { value: der, local_key_id });
                }
            }
            SAFE_CONTENTS_BAG => read_safe_contents(value.raw, pw, out, depth + 1)?,
            // CRLs and secrets are not needed for signing.
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    // The expected values were computed with OpenSSL 3's own implementation:
    // `openssl kdf -keylen N -kdfopt digest:D -kdfopt hexpass:<BMPString>
    //  -kdfopt hexsalt:S -kdfopt iter:C -kdfopt id:I PKCS12KDF`.
    #[test]
    fn the_pkcs12_key_derivation_matches_openssl() {
        let smeg = bmp_password("smeg");
        assert_eq!(*smeg, unhex("0073006d006500670000"));
        let k = Hash::Sha1.p12_kdf(&smeg, &unhex("0a58cf64530d823f"), 1, 1, 24);
        assert_eq!(*k, unhex("8aaae6297b6cb04642ab5b077851284eb7128f1a2a7fbca3"));

        let pw = bmp_password("Mật khẩu");
        assert_eq!(*pw, unhex("004d1ead00740020006b00681ea900750000"));
        let salt = unhex("0102030405060708");
        let mac_key = Hash::Sha256.p12_kdf(&pw, &salt, 3, 2048, 32);
        assert_eq!(*mac_key, unhex("4dfbce8173fa52d71cbbad54fdd38f4bb5bda2a5ce4608d5efa131ff1b315e43"));
        let iv = Hash::Sha1.p12_kdf(&pw, &salt, 2, 2048, 8);
        assert_eq!(*iv, unhex("6be52ded52b2e988"));
        // Longer than one hash: several rounds, with the carry through I.
        let long = Hash::Sha1.p12_kdf(&pw, &unhex("0102030405060708090a"), 1, 3, 70);
        assert_eq!(
            *long,
            unhex("78bceb1bfa6f960602cd48d0fb8696d4949005f8c946a163ad0ab11e2b4608c4d930c55534a692cbd50ddd0082ffc7e7c4a94dfe33c752cbc615a781f08c4b2257683b6f6861")
        );
        let wide = Hash::Sha512.p12_kdf(&pw, &salt, 3, 5, 64);
        assert_eq!(
            *wide,
            unhex("4fe3933ae3e88029be8deade82159be1f40e358ca1a3502144ed5177a065213e123ce7be1420a157e5473e227524f4769e76a14300a85f2cd48ca97d72ff8e1e")
        );
    }

    #[test]
    fn ber_indefinite_lengths_and_chunked_octet_strings_are_read() {
        // SEQUENCE (indefinite) { OCTET STRING (constructed, indefinite) { 01 02 } { 03 } , INTEGER 5 }
        let ber = [0x30, 0x80, 0x24, 0x80, 0x04, 0x02, 1, 2, 0x04, 0x01, 3, 0, 0, 0x02, 0x01, 5, 0, 0, 0xff];
        let (t, rest) = read_tlv(&ber, 0).unwrap();
        assert_eq!(rest, &[0xff]);
        let mut r = t.seq().unwrap();
        assert_eq!(&*r.next().unwrap().octets().unwrap(), &[1, 2, 3]);
        assert_eq!(r.next().unwrap().uint().unwrap(), 5);
        assert!(r.is_empty());
    }

    #[test]
    fn hostile_or_foreign_input_is_refused_cleanly() {
        assert_eq!(parse(b"", "x").err().unwrap().key, "err-p12-corrupt");
        assert_eq!(parse(b"%PDF-1.7 not a p12", "x").err().unwrap().key, "err-p12-corrupt");
        // Deep nesting ends in an error, not a stack overflow.
        let deep: Vec<u8> = std::iter::repeat_n([0x30u8, 0x80], 10_000).flatten().collect();
        assert_eq!(parse(&deep, "x").err().unwrap().key, "err-p12-corrupt");
        // A length beyond the end.
        assert_eq!(parse(&[0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x02], "x").err().unwrap().key, "err-p12-corrupt");
    }
}
