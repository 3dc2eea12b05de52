//! Ed25519 keys and signatures in minisign's formats, so that anyone can
//! check a bundle's manifest with the stock `minisign -V` tool.
//!
//! - Public key: `base64("Ed" ‖ key id (8 bytes) ‖ public key (32))`.
//! - Signature file: an untrusted comment, `base64("ED" ‖ key id ‖ sig)` where
//!   `sig` signs the BLAKE2b-512 hash of the file, a trusted comment, and
//!   `base64(global sig)` over `sig ‖ trusted comment`.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use blake2::{Blake2b512, Digest};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};

use crate::error::{Error, Result};

/// A public key with its minisign key id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    pub key_id: [u8; 8],
    pub key: [u8; 32],
}

/// A secret key (the seed) with its key id.
#[derive(Clone)]
pub struct SecretKey {
    pub key_id: [u8; 8],
    seed: [u8; 32],
}

/// The seed is wiped from memory when the key is dropped.
impl Drop for SecretKey {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.seed);
    }
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretKey({})", fingerprint(&self.key_id))
    }
}

/// A readable fingerprint of a key id: "1A2B-3C4D-5E6F-7A8B" (minisign's hex
/// key id, grouped for reading over the phone).
pub fn fingerprint(key_id: &[u8; 8]) -> String {
    let hex = key_id_hex(key_id);
    hex.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap_or("")).collect::<Vec<_>>().join("-")
}

/// The fingerprint of a key id stored as [`key_id_hex`] text ("—" if it is not one).
pub fn fingerprint_of_hex(hex: &str) -> String {
    match u64::from_str_radix(hex, 16) {
        Ok(id) => fingerprint(&id.to_le_bytes()),
        Err(_) => "—".to_owned(),
    }
}

/// The key id as minisign prints it (upper-case hex of the little-endian u64).
pub fn key_id_hex(key_id: &[u8; 8]) -> String {
    format!("{:016X}", u64::from_le_bytes(*key_id))
}

impl SecretKey {
    /// A new random key.
    pub fn generate() -> Result<SecretKey> {
        let mut seed = [0u8; 32];
        let mut key_id = [0u8; 8];
        getrandom::fill(&mut seed).map_err(|e| Error::new("err-random").arg("detail", e.to_string()))?;
        getrandom::fill(&mut key_id).map_err(|e| Error::new("err-random").arg("detail", e.to_string()))?;
        Ok(SecretKey { key_id, seed })
    }

    pub fn from_parts(key_id: [u8; 8], seed: [u8; 32]) -> SecretKey {
        SecretKey { key_id, seed }
    }

    pub fn seed(&self) -> &[u8; 32] {
        &self.seed
    }

    pub fn public(&self) -> PublicKey {
        let sk = SigningKey::from_bytes(&self.seed);
        PublicKey { key_id: self.key_id, key: sk.verifying_key().to_bytes() }
    }

    /// Signs `data`, giving a `.minisig` file's text.
    pub fn sign_minisig(&self, data: &[u8], trusted_comment: &str) -> String {
        let sk = SigningKey::from_bytes(&self.seed);
        let hash = Blake2b512::digest(data);
        let sig = sk.sign(&hash).to_bytes();
        let mut line = Vec::with_capacity(74);
        line.extend_from_slice(b"ED");
        line.extend_from_slice(&self.key_id);
        line.extend_from_slice(&sig);
        let trusted = trusted_comment.replace(['\r', '\n'], " ");
        let mut global = sig.to_vec();
        global.extend_from_slice(trusted.as_bytes());
        let global_sig = sk.sign(&global).to_bytes();
        format!(
            "untrusted comment: signature from Tiến Độ key {}\n{}\ntrusted comment: {}\n{}\n",
            key_id_hex(&self.key_id),
            B64.encode(line),
            trusted,
            B64.encode(global_sig)
        )
    }
}

impl PublicKey {
    /// The base64 line of a minisign public key.
    pub fn to_base64(&self) -> String {
        let mut v = Vec::with_capacity(42);
        v.extend_from_slice(b"Ed");
        v.extend_from_slice(&self.key_id);
        v.extend_from_slice(&self.key);
        B64.encode(v)
    }

    /// A `minisign.pub` file's text.
    pub fn to_minisign_file(&self) -> String {
        format!("untrusted comment: minisign public key {}\n{}\n", key_id_hex(&self.key_id), self.to_base64())
    }

    /// Reads a public key: the base64 line alone or a whole `.pub` file.
    pub fn parse(text: &str) -> Result<PublicKey> {
        let bad = || Error::new("err-bad-pubkey");
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with("untrusted comment:"))
            .ok_or_else(bad)?;
        let bytes = B64.decode(line).map_err(|_| bad())?;
        if bytes.len() != 42 || &bytes[..2] != b"Ed" {
            return Err(bad());
        }
        let mut key_id = [0u8; 8];
        key_id.copy_from_slice(&bytes[2..10]);
        let mut key = [0u8; 32];
        key.copy_from_slice(&bytes[10..42]);
        VerifyingKey::from_bytes(&key).map_err(|_| bad())?;
        Ok(PublicKey { key_id, key })
    }

    pub fn fingerprint(&self) -> String {
        fingerprint(&self.key_id)
    }

    /// Checks a `.minisig` text over `data`; returns the trusted comment.
    pub fn verify_minisig(&self, data: &[u8], minisig: &str) -> Result<String> {
        let bad = || Error::new("err-bad-signature");
        let (key_id, sig, trusted, global) = parse_minisig(minisig)?;
        if key_id != self.key_id {
            return Err(Error::new("err-signature-other-key")
                .arg("found", fingerprint(&key_id))
                .arg("expected", self.fingerprint()));
        }
        let vk = VerifyingKey::from_bytes(&self.key).map_err(|_| bad())?;
        let sig_obj = Signature::from_bytes(&sig);
        let hash = Blake2b512::digest(data);
        vk.verify(&hash, &sig_obj).map_err(|_| bad())?;
        let mut g = sig.to_vec();
        g.extend_from_slice(trusted.as_bytes());
        vk.verify(&g, &Signature::from_bytes(&global)).map_err(|_| bad())?;
        Ok(trusted)
    }
}

/// The key id a `.minisig` text names (to pick the key from a registry).
pub fn minisig_key_id(minisig: &str) -> Result<[u8; 8]> {
    parse_minisig(minisig).map(|(id, _, _, _)| id)
}

type Parsed = ([u8; 8], [u8; 64], String, [u8; 64]);

fn parse_minisig(text: &str) -> Result<Parsed> {
    let bad = || Error::new("err-bad-signature");
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() < 4 || !lines[0].starts_with("untrusted comment:") {
        return Err(bad());
    }
    let sig_line = B64.decode(lines[1].trim()).map_err(|_| bad())?;
    if sig_line.len() != 74 || &sig_line[..2] != b"ED" {
        return Err(bad());
    }
    let trusted = lines[2].strip_prefix("trusted comment: ").ok_or_else(bad)?.to_owned();
    let global = B64.decode(lines[3].trim()).map_err(|_| bad())?;
    if global.len() != 64 {
        return Err(bad());
    }
    let mut key_id = [0u8; 8];
    key_id.copy_from_slice(&sig_line[2..10]);
    let mut sig = [0u8; 64];
    sig.copy_from_slice(&sig_line[10..74]);
    let mut g = [0u8; 64];
    g.copy_from_slice(&global);
    Ok((key_id, sig, trusted, g))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_and_verify_round_trip_and_tamper_fails() {
        let sk = SecretKey::generate().unwrap();
        let pk = sk.public();
        let sig = sk.sign_minisig(b"manifest bytes", "timestamp:1 file:manifest.json");
        assert_eq!(pk.verify_minisig(b"manifest bytes", &sig).unwrap(), "timestamp:1 file:manifest.json");
        assert_eq!(pk.verify_minisig(b"manifest bytez", &sig).unwrap_err().key, "err-bad-signature");
        let tampered = sig.replace("file:manifest.json", "file:other.json");
        assert_eq!(pk.verify_minisig(b"manifest bytes", &tampered).unwrap_err().key, "err-bad-signature");
        let other = SecretKey::generate().unwrap().public();
        assert_eq!(other.verify_minisig(b"manifest bytes", &sig).unwrap_err().key, "err-signature-other-key");
        assert_eq!(PublicKey::parse(&pk.to_minisign_file()).unwrap(), pk);
        assert_eq!(pk.fingerprint().len(), 19);
    }
}
