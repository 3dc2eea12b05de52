//! A secret sealed with a passphrase, for the signing key kept in the data
//! folder: PBKDF2-HMAC-SHA256 stretches the passphrase into a 256-bit key,
//! AES-256-GCM encrypts and authenticates the secret with it. A wrong
//! passphrase fails the authentication tag, so it is told apart from a
//! damaged file only by the file still parsing.
//!
//! The passphrase is taken in Unicode NFC: a clerk typing "Mật khẩu" with one
//! input method and later with another (which may send decomposed marks)
//! unlocks the same key.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use serde::{Deserialize, Serialize};

use zeroize::{Zeroize, Zeroizing};

use crate::error::{CryptoError, Error, Result};

/// A passphrase held in memory: never shown by `Debug` (messages and jobs
/// that carry it may be logged), wiped when dropped. Reads as a `&str`.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

impl std::ops::Deref for Passphrase {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for Passphrase {
    /// Takes the text's own buffer (no copy left behind).
    fn from(s: String) -> Self {
        Passphrase(Zeroizing::new(s))
    }
}

impl From<&str> for Passphrase {
    fn from(s: &str) -> Self {
        Passphrase(Zeroizing::new(s.to_owned()))
    }
}

/// The only key-derivation function written so far.
const KDF: &str = "pbkdf2-hmac-sha256";
/// PBKDF2 rounds for new seals (OWASP's 2023 figure for HMAC-SHA256).
pub const ITERATIONS: u32 = 600_000;
/// A stored seal asking for more rounds is taken as damaged (it would
/// keep the window busy for minutes).
const MAX_ITERATIONS: u32 = 10_000_000;
/// Shorter passphrases are refused when a key is protected.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// The stored form: every parameter needed to open it again, base64.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    pub kdf: String,
    pub iterations: u32,
    pub salt: String,
    pub nonce: String,
    pub ciphertext: String,
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

/// The AES key derived from a passphrase (wiped when dropped, as is the
/// normalised copy of the passphrase).
fn derive(passphrase: &str, salt: &[u8], iterations: u32) -> Zeroizing<[u8; 32]> {
    let mut normal = crate::text::nfc(passphrase);
    let mut key = Zeroizing::new([0u8; 32]);
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(normal.as_bytes(), salt, iterations, &mut key[..]);
    normal.zeroize();
    key
}

fn cipher(key: &Zeroizing<[u8; 32]>) -> Result<Aes256Gcm> {
    Aes256Gcm::new_from_slice(&key[..]).map_err(|_| Error::new("err-key-seal"))
}

fn random<const N: usize>() -> Result<[u8; N]> {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).map_err(|e| Error::new("err-random").arg("detail", e.to_string()))?;
    Ok(out)
}

/// Checks a new passphrase: at least [`MIN_PASSPHRASE_CHARS`] characters.
pub fn check_new_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::new("err-passphrase-short").arg("min", MIN_PASSPHRASE_CHARS as i64));
    }
    Ok(())
}

impl Sealed {
    /// Seals `secret` under `passphrase` with a fresh salt and nonce.
    pub fn seal(secret: &[u8], passphrase: &str) -> Result<Sealed> {
        Self::seal_with(secret, passphrase, ITERATIONS)
    }

    pub fn seal_with(secret: &[u8], passphrase: &str, iterations: u32) -> Result<Sealed> {
        let salt: [u8; 16] = random()?;
        let nonce: [u8; 12] = random()?;
        let key = derive(passphrase, &salt, iterations);
        let cipher = cipher(&key)?;
        let ciphertext = cipher.encrypt(Nonce::from_slice(&nonce), secret).map_err(|_| Error::new("err-key-seal"))?;
        Ok(Sealed { kdf: KDF.to_owned(), iterations, salt: b64().encode(salt), nonce: b64().encode(nonce), ciphertext: b64().encode(ciphertext) })
    }

    /// The secret, or `err-key-passphrase` when the passphrase is wrong.
    /// `bad` is the error for a sealed form that does not parse.
    pub fn open(&self, passphrase: &str, bad: impl Fn() -> Error) -> Result<Zeroizing<Vec<u8>>> {
        if self.kdf != KDF || self.iterations == 0 || self.iterations > MAX_ITERATIONS {
            return Err(bad());
        }
        let salt = b64().decode(&self.salt).map_err(|_| bad())?;
        let nonce = b64().decode(&self.nonce).map_err(|_| bad())?;
        let ciphertext = b64().decode(&self.ciphertext).map_err(|_| bad())?;
        if nonce.len() != 12 || salt.is_empty() {
            return Err(bad());
        }
        let key = derive(passphrase, &salt, self.iterations);
        let cipher = cipher(&key)?;
        cipher
            .decrypt(Nonce::from_slice(&nonce), ciphertext.as_slice())
            .map(Zeroizing::new)
            .map_err(|_| Error::from(CryptoError::Passphrase))
    }
}

/// A secret as a key file keeps it: base64 in clear, or sealed.
pub type Stored = (Option<String>, Option<Sealed>);

/// Stores `secret` in clear, or sealed under `passphrase`.
pub fn store(secret: &[u8], passphrase: Option<&str>) -> Result<Stored> {
    Ok(match passphrase {
        Some(p) => (None, Some(Sealed::seal(secret, p)?)),
        None => (Some(b64().encode(secret)), None),
    })
}

/// The secret of a stored pair: the clear one, else the sealed one opened
/// with `passphrase` (`err-key-locked` without one); `bad` if neither parses.
pub fn open_stored(clear: Option<&str>, sealed: Option<&Sealed>, passphrase: Option<&str>, bad: impl Fn() -> Error) -> Result<Zeroizing<Vec<u8>>> {
    match (clear, sealed) {
        (Some(c), _) => b64().decode(c).map(Zeroizing::new).map_err(|_| bad()),
        (None, Some(s)) => s.open(passphrase.ok_or_else(|| Error::from(CryptoError::Locked))?, bad),
        (None, None) => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad() -> Error {
        Error::from(CryptoError::KeyFile { path: "test.json".into() })
    }

    #[test]
    fn opens_with_the_same_passphrase_in_either_normal_form() {
        let secret = [7u8; 32];
        let s = Sealed::seal_with(&secret, "Mật khẩu xã 2023", 1_000).unwrap();
        assert_eq!(*s.open("Mật khẩu xã 2023", bad).unwrap(), secret);
        // The same words with decomposed marks (NFD) open it too.
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Mật khẩu xã 2023").collect();
        assert_ne!(nfd, "Mật khẩu xã 2023");
        assert_eq!(*s.open(&nfd, bad).unwrap(), secret);
        // The ciphertext does not contain the secret.
        assert!(!b64().decode(&s.ciphertext).unwrap().windows(32).any(|w| w == secret));
    }

    #[test]
    fn a_wrong_passphrase_or_changed_byte_is_refused() {
        let s = Sealed::seal_with(b"seed bytes", "dung mat khau", 1_000).unwrap();
        assert_eq!(s.open("sai mat khau", bad).unwrap_err().key, "err-key-passphrase");
        let mut ct = b64().decode(&s.ciphertext).unwrap();
        ct[0] ^= 1;
        let changed = Sealed { ciphertext: b64().encode(ct), ..s.clone() };
        assert_eq!(changed.open("dung mat khau", bad).unwrap_err().key, "err-key-passphrase");
        let other_kdf = Sealed { kdf: "rot13".into(), ..s.clone() };
        assert_eq!(other_kdf.open("dung mat khau", bad).unwrap_err().key, "err-key-file");
        let endless = Sealed { iterations: u32::MAX, ..s.clone() };
        assert_eq!(endless.open("dung mat khau", bad).unwrap_err().key, "err-key-file", "refused at once");
        // Two seals of the same secret differ (fresh salt and nonce).
        let again = Sealed::seal_with(b"seed bytes", "dung mat khau", 1_000).unwrap();
        assert_ne!(again.ciphertext, s.ciphertext);
    }

    #[test]
    fn pbkdf2_matches_the_rfc_7914_vector() {
        // RFC 7914 §11: PBKDF2-HMAC-SHA256("passwd", "salt", 1, 64) starts 55 ac 04 6e.
        let k = derive("passwd", b"salt", 1);
        assert_eq!(&k[..4], &[0x55, 0xac, 0x04, 0x6e]);
    }

    #[test]
    fn short_passphrases_are_refused() {
        assert_eq!(check_new_passphrase("ngắn").unwrap_err().key, "err-passphrase-short");
        assert!(check_new_passphrase("đủ tám ký").is_ok());
    }
}
