//! Key rotation: a unit replaces its signing key with a statement signed by
//! the old key (so the parent office can trust the new one without a visit)
//! and by the new key (proof that the unit holds it).

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::sign::{PublicKey, SecretKey, key_id_hex};
use crate::error::{Error, Result};
use crate::workspace::Workspace;

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
