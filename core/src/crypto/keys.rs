//! This installation's signing key in the data folder (optionally sealed
//! with a passphrase), and key rotation: a unit replaces its signing key with
//! a statement signed by the old key (so the parent office can trust the new
//! one without a visit) and by the new key (proof that the unit holds it).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::seal::{self, Passphrase, Sealed, check_new_passphrase};
use super::sign::{PublicKey, SecretKey, key_id_hex};
use crate::error::{CryptoError, Error, Kind, Result};
use crate::workspace::Workspace;

/// Where a passphrase can come from without a window (scripts, the CLI).
pub const PASSPHRASE_ENV: &str = "TIENDO_KEY_PASSPHRASE";

/// `keys/signing-key.json`. The public half is kept in clear so that the
/// fingerprint and key card need no passphrase; the seed is either in clear
/// (`seed`) or sealed (`sealed_seed`).
#[derive(Serialize, Deserialize)]
struct KeyFile {
    unit: String,
    key_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    public_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seed: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sealed_seed: Option<Sealed>,
    created_at: String,
}

impl Workspace {
    /// Where this installation's secret key lives (never inside a bundle).
    pub fn key_path(&self) -> Result<PathBuf> {
        Ok(self.data_folder()?.join("keys").join("signing-key.json"))
    }

    fn read_key_file(&self) -> Result<Option<KeyFile>> {
        let path = self.key_path()?;
        if !path.exists() {
            return Ok(None);
        }
        let text = std::fs::read_to_string(&path)?;
        let kf: KeyFile = serde_json::from_str(&text).map_err(|_| self.key_file_error())?;
        Ok(Some(kf))
    }

    fn key_file_error(&self) -> Error {
        let path = self.key_path().map(|p| p.display().to_string()).unwrap_or_default();
        Error::from(CryptoError::KeyFile { path })
    }

    /// The passphrase given to this workspace, else `TIENDO_KEY_PASSPHRASE`.
    pub(crate) fn given_passphrase(&self) -> Option<Passphrase> {
        self.passphrase.clone().or_else(|| std::env::var(PASSPHRASE_ENV).ok().filter(|p| !p.is_empty()).map(Passphrase::from))
    }

    /// Whether the signing key is sealed with a passphrase.
    pub fn key_protected(&self) -> Result<bool> {
        Ok(self.read_key_file()?.is_some_and(|kf| kf.sealed_seed.is_some()))
    }

    /// This installation's signing key, created on first need. A sealed key
    /// needs the passphrase ([`Workspace::unlock_key`] or `TIENDO_KEY_PASSPHRASE`).
    pub fn signing_key(&self) -> Result<SecretKey> {
        let Some(kf) = self.read_key_file()? else {
            let key = SecretKey::generate()?;
            self.store_signing_key(&key)?;
            return Ok(key);
        };
        self.key_from_file(&kf, self.given_passphrase().as_deref())
    }

    fn key_from_file(&self, kf: &KeyFile, passphrase: Option<&str>) -> Result<SecretKey> {
        let bad = || self.key_file_error();
        let id = u64::from_str_radix(&kf.key_id, 16).map_err(|_| bad())?.to_le_bytes();
        let opened = seal::open_stored(kf.seed.as_deref(), kf.sealed_seed.as_ref(), passphrase, bad)?;
        let mut seed = zeroize::Zeroizing::new([0u8; 32]);
        if opened.len() != 32 {
            return Err(bad());
        }
        seed.copy_from_slice(&opened);
        let key = SecretKey::from_parts(id, *seed);
        // The public half kept in clear must be this key's.
        if let Some(public) = &kf.public_key
            && PublicKey::parse(public).ok() != Some(key.public())
        {
            return Err(bad());
        }
        Ok(key)
    }

    /// The public key, without the passphrase (created with the key on first need).
    pub fn public_key(&self) -> Result<PublicKey> {
        match self.read_key_file()? {
            Some(KeyFile { public_key: Some(public), .. }) => PublicKey::parse(&public).map_err(|_| self.key_file_error()),
            Some(kf) if kf.sealed_seed.is_some() => Err(self.key_file_error()),
            _ => Ok(self.signing_key()?.public()),
        }
    }

    /// This installation's public key if it has one (never creates one).
    pub(crate) fn own_public_key(&self) -> Option<PublicKey> {
        match self.read_key_file().ok()?? {
            KeyFile { public_key: Some(public), .. } => PublicKey::parse(&public).ok(),
            kf if kf.sealed_seed.is_none() => self.key_from_file(&kf, None).ok().map(|k| k.public()),
            _ => None,
        }
    }

    /// Checks `passphrase` against the sealed key and keeps it for this
    /// workspace's signatures. A key without passphrase needs none.
    pub fn unlock_key(&mut self, passphrase: &str) -> Result<()> {
        if let Some(kf) = self.read_key_file()?
            && kf.sealed_seed.is_some()
        {
            self.key_from_file(&kf, Some(passphrase))?;
        }
        self.passphrase = Some(passphrase.into());
        Ok(())
    }

    /// Seals every secret in the keys folder under `new` (at least eight
    /// characters), or stores them in clear when `new` is `None`: the
    /// signing key, the PDF-signing key, and the retired and replaced ones
    /// kept beside them. A key already sealed needs its current passphrase.
    pub fn protect_key(&mut self, new: Option<&str>) -> Result<()> {
        if let Some(p) = new {
            check_new_passphrase(p)?;
        }
        // Every secret is opened (once) before anything is rewritten.
        let key = self.signing_key()?;
        let current = self.given_passphrase();
        let dir = self.key_path()?.parent().map(Path::to_owned).unwrap_or_default();
        let mut opened = vec![];
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let fields = if name.starts_with("retired-") && name.ends_with(".json") {
                ("seed", "sealed_seed")
            } else if name == "pdf-signing.json" || (name.starts_with("pdf-signing.json.") && name.ends_with(".bak")) {
                ("key", "sealed_key")
            } else {
                continue;
            };
            match KeptSecret::open(path, fields, current.as_deref()) {
                Ok(k) => opened.push(k),
                // A kept key sealed under an older passphrase stays sealed as it is.
                Err(e) if matches!(e.kind(), Kind::Crypto(CryptoError::Passphrase)) && name != "pdf-signing.json" => {}
                Err(e) => return Err(e),
            }
        }
        self.write_key_file(&key, new)?;
        for k in opened {
            k.write(new)?;
        }
        self.passphrase = new.map(Passphrase::from);
        Ok(())
    }

    /// The passphrase new secrets are sealed with: none while the signing
    /// key is in clear; the given one (checked against the key) once sealed.
    pub(crate) fn sealing_passphrase(&self) -> Result<Option<Passphrase>> {
        if !self.key_protected()? {
            return Ok(None);
        }
        self.signing_key()?;
        Ok(self.given_passphrase())
    }

    /// Saves `key` as this installation's signing key, sealed with the
    /// current passphrase if the key it replaces was sealed (its callers
    /// have just opened that key with it: a first key, or a rotation).
    pub(crate) fn store_signing_key(&self, key: &SecretKey) -> Result<()> {
        let passphrase = match self.key_protected()? {
            true => Some(self.given_passphrase().ok_or_else(|| Error::from(CryptoError::Locked))?),
            false => None,
        };
        self.write_key_file(key, passphrase.as_deref())
    }

    fn write_key_file(&self, key: &SecretKey, passphrase: Option<&str>) -> Result<()> {
        let (seed, sealed_seed) = seal::store(key.seed(), passphrase)?;
        let key_id = key_id_hex(&key.key_id);
        // Sealing or unsealing keeps the key's creation time.
        let created_at = match self.read_key_file() {
            Ok(Some(old)) if old.key_id == key_id => old.created_at,
            _ => crate::store::now_stamp(),
        };
        let kf = KeyFile { unit: self.unit.clone().unwrap_or_default(), key_id, public_key: Some(key.public().to_base64()), seed, sealed_seed, created_at };
        super::write_secret(&self.key_path()?, &serde_json::to_string_pretty(&kf).expect("key file serialises"))
    }
}

/// A key file besides the signing key (the PDF key, retired and replaced
/// keys), opened to be rewritten under another passphrase. Its secret is in
/// `fields`: (in clear, sealed); every other field is kept as it is.
struct KeptSecret {
    path: PathBuf,
    json: serde_json::Value,
    fields: (&'static str, &'static str),
    secret: zeroize::Zeroizing<Vec<u8>>,
}

impl KeptSecret {
    fn open(path: PathBuf, fields: (&'static str, &'static str), current: Option<&str>) -> Result<KeptSecret> {
        let bad = || Error::from(CryptoError::KeyFile { path: path.display().to_string() });
        let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path)?).map_err(|_| bad())?;
        let sealed: Option<Sealed> = match json.get(fields.1) {
            Some(v) => Some(serde_json::from_value(v.clone()).map_err(|_| bad())?),
            None => None,
        };
        let secret = seal::open_stored(json.get(fields.0).and_then(|v| v.as_str()), sealed.as_ref(), current, bad)?;
        Ok(KeptSecret { path, json, fields, secret })
    }

    /// Writes the file back with its secret sealed under `new`, or in clear.
    fn write(mut self, new: Option<&str>) -> Result<()> {
        let (clear, sealed) = seal::store(&self.secret, new)?;
        let object = self.json.as_object_mut().expect("a key file is an object (it parsed as one)");
        object.remove(self.fields.0);
        object.remove(self.fields.1);
        if let Some(c) = clear {
            object.insert(self.fields.0.to_owned(), c.into());
        }
        if let Some(s) = sealed {
            object.insert(self.fields.1.to_owned(), serde_json::to_value(s).expect("a seal serialises"));
        }
        super::write_secret(&self.path, &serde_json::to_string_pretty(&self.json).expect("key file serialises"))
    }
}

/// A rotation file as sent to the parent office.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rotation {
    /// "unit: …\nold: …\nnew: …\ncreated: …\n"
    pub statement: String,
    /// minisign signature of `statement` by the old key.
    pub old_signature: String,
    /// minisign signature of `statement` by the new key.
    pub new_signature: String,
}

impl Rotation {
    fn field(&self, name: &str) -> Result<&str> {
        self.statement
            .lines()
            .find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(": ")))
            .ok_or_else(|| Error::new("err-rotation-invalid"))
    }
    pub fn unit(&self) -> Result<&str> {
        self.field("unit")
    }
    pub fn old_key(&self) -> Result<PublicKey> {
        PublicKey::parse(self.field("old")?)
    }
    pub fn new_key(&self) -> Result<PublicKey> {
        PublicKey::parse(self.field("new")?)
    }
}

impl Workspace {
    /// Replaces this installation's signing key. The old secret key is kept
    /// (renamed) so that earlier bundles can still be told apart; the
    /// rotation file for the parent office is written to `out`.
    pub fn rotate_key(&self, out: &Path) -> Result<Rotation> {
        let unit = self.require_unit()?.to_owned();
        let old = self.signing_key()?;
        let new = SecretKey::generate()?;
        let statement = format!(
            "unit: {unit}\nold: {}\nnew: {}\ncreated: {}\n",
            old.public().to_base64(),
            new.public().to_base64(),
            crate::store::now_stamp()
        );
        let trusted = format!("rotation unit:{unit} new:{}", key_id_hex(&new.key_id));
        let rotation = Rotation {
            old_signature: old.sign_minisig(statement.as_bytes(), &trusted),
            new_signature: new.sign_minisig(statement.as_bytes(), &trusted),
            statement,
        };
        let json = serde_json::to_string_pretty(&rotation).expect("rotation serialises");
        crate::fsutil::write_atomic(out, |w| Ok(w.write_all(json.as_bytes())?))?;
        let path = self.key_path()?;
        let retired = path.with_file_name(format!("retired-{}.json", key_id_hex(&old.key_id)));
        std::fs::copy(&path, &retired)?;
        self.store_signing_key(&new)?;
        Ok(rotation)
    }

    /// The parent office accepts a rotation: the old key must be trusted for
    /// the unit, both signatures must hold; the new key becomes trusted and
    /// the old one retired (it still verifies bundles made before).
    pub fn accept_rotation(&self, text: &str) -> Result<(String, PublicKey)> {
        let r: Rotation = serde_json::from_str(text).map_err(|_| Error::new("err-rotation-invalid"))?;
        let unit = r.unit()?.to_owned();
        let old = r.old_key()?;
        let new = r.new_key()?;
        let known = self.store.key(&key_id_hex(&old.key_id))?;
        match known {
            Some(k) if k.status == "trusted" && k.unit == unit => {}
            _ => return Err(Error::new("err-rotation-untrusted").arg("unit", unit.as_str()).arg("fingerprint", old.fingerprint())),
        }
        old.verify_minisig(r.statement.as_bytes(), &r.old_signature)?;
        new.verify_minisig(r.statement.as_bytes(), &r.new_signature)?;
        self.store.put_key(&key_id_hex(&old.key_id), &unit, &old.to_base64(), "retired")?;
        self.trust_key(&unit, &new)?;
        Ok((unit, new))
    }
}
