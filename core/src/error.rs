//! One error type for the core: a message id from the locale files plus its
//! arguments, so that the CLI and the window both show one clear line in the
//! user's language.

use crate::i18n::{self, Arg, Lang};

#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(key: &'static str) -> Self {
        Error { key, args: vec![] }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        let args: Vec<(&str, Arg)> = self.args.iter().map(|(k, v)| (*k, v.clone())).collect();
        i18n::tr_in(lang, self.key, &args)
    }

    /// Whether another writer held the database (trying again later may succeed).
    pub fn is_busy(&self) -> bool {
        self.key == "err-db-busy"
    }

    /// The message in the current language.
    pub fn message(&self) -> String {
        self.message_in(i18n::lang())
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::new("err-io").arg("detail", e.to_string())
    }
}
