//! The unit's key card and the parent's registry of trusted unit keys.

use super::*;

impl Workspace {
    pub(crate) fn data_folder(&self) -> Result<PathBuf> {
        let db = self.store.path().ok_or_else(|| Error::new("err-no-data-dir"))?;
        Ok(db.parent().unwrap_or(Path::new(".")).to_owned())
    }

    /// Registers a unit's public key as trusted (the parent office does this
    /// once per unit, from the key card the unit sends).
    pub fn trust_key(&self, unit: &str, key: &PublicKey) -> Result<()> {
        self.check_unit(unit)?;
        self.store.put_key(&sign::key_id_hex(&key.key_id), unit, &key.to_base64(), "trusted")
    }

    /// Writes this unit's public key card to `path`: a minisign `.pub` file
    /// whose comment names the unit, sent once to the parent office (which
    /// reads it with [`read_key_card`]). Returns the key.
    pub fn export_key_card(&self, path: &Path) -> Result<PublicKey> {
        let unit = self.require_unit()?;
        let pk = self.public_key()?;
        let name = self.plan.unit(unit).map(|u| u.name.as_str()).unwrap_or_default();
        let card = format!("untrusted comment: minisign public key {} — {} ({})\n{}\n", sign::key_id_hex(&pk.key_id), unit, name, pk.to_base64());
        crate::fsutil::write_atomic(path, |w| Ok(w.write_all(card.as_bytes())?))?;
        // The printable card beside it, to sign and send.
        let pdf = crate::report::key_card_pdf(self, unit, &pk.fingerprint(), &pk.to_base64(), self.documents_lang())?;
        crate::report::save(&path.with_extension("pdf"), pdf)?;
        Ok(pk)
    }
}

/// Reads a key card written by [`Workspace::export_key_card`] (or any
/// minisign `.pub` file): the key, and the unit code its comment names, if any.
pub fn read_key_card(path: &Path) -> Result<(PublicKey, Option<String>)> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::new("err-open-file").arg("path", path.display().to_string()).io(e))?;
    let pk = PublicKey::parse(&text)?;
    let unit = text
        .lines()
        .next()
        .filter(|l| l.starts_with("untrusted comment:"))
        .and_then(|l| l.split(" — ").nth(1))
        .and_then(|r| r.split_whitespace().next())
        .map(str::to_owned);
    Ok((pk, unit))
}
