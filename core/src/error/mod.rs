//! One error type for the core: what went wrong (a [`Kind`]) shown as a
//! message id from the locale files plus its arguments, so that the CLI and
//! the window both show one clear line in the user's language.
//!
//! Code that must tell errors apart (is the database busy? is this a usage
//! error?) matches on [`Error::kind`], whose per-module enums
//! ([`StoreError`], [`BundleError`], [`CryptoError`], [`UsageError`],
//! [`IoError`], [`PlanError`], [`OrgError`]) each map to one message id and
//! carry its arguments. A message nobody branches on may stay a plain
//! [`Error::new`]`("err-…").arg(..)` ([`Kind::Message`]); the `key` and
//! `args` fields are what is shown, for display and tests, never for a
//! decision.

use std::sync::Arc;

use crate::i18n::{self, Arg, Lang};

mod kinds;

pub use kinds::{all_messages, BundleError, CryptoError, IoError, OrgError, PlanError, StoreError, UsageError};

/// What went wrong, by the module that says so.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A plain message (its id is the error's `key`): nobody branches on it.
    Message,
    Io(IoError),
    Store(StoreError),
    Bundle(BundleError),
    Crypto(CryptoError),
    Usage(UsageError),
    Plan(PlanError),
    Org(OrgError),
}

#[derive(Debug, Clone)]
pub struct Error {
    kind: Kind,
    /// The message id shown (the typed kind's own id, or the plain message's).
    pub key: &'static str,
    /// The message's arguments (the typed kind's, then any added with [`Error::arg`]).
    pub args: Vec<(&'static str, Arg)>,
    /// The underlying error (an OS, zip or JSON error, in English), kept for
    /// logs and `std::error::Error::source`, never shown in the message.
    pub cause: Option<Arc<dyn std::error::Error + Send + Sync>>,
}

/// Two errors are the same message: the cause is not compared.
impl PartialEq for Error {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key && self.args == other.args
    }
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// A plain message (nobody branches on it); see the typed enums for the rest.
    pub fn new(key: &'static str) -> Self {
        Error { kind: Kind::Message, key, args: vec![], cause: None }
    }

    fn typed(kind: Kind, key: &'static str, args: Vec<(&'static str, Arg)>) -> Self {
        Error { kind, key, args, cause: None }
    }

    /// What went wrong, to branch on.
    pub fn kind(&self) -> &Kind {
        &self.kind
    }

    /// An I/O failure as this error's `detail` (a localised phrase) and source.
    pub fn io(self, e: std::io::Error) -> Self {
        self.arg("detail", io_reason(&e)).with_source(e)
    }

    /// Keeps `e` as this error's source (not part of the message).
    pub fn with_source(mut self, e: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.cause = Some(Arc::new(e));
        self
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        let args: Vec<(&str, Arg)> = self.args.iter().map(|(k, v)| (*k, v.clone())).collect();
        i18n::ta(lang, self.key, &args)
    }

    /// Whether another writer held the database (trying again later may succeed).
    pub fn is_busy(&self) -> bool {
        matches!(self.kind, Kind::Store(StoreError::Busy))
    }

    /// Whether the command line was used wrongly (the usage is shown, exit code 2).
    pub fn is_usage(&self) -> bool {
        matches!(self.kind, Kind::Usage(_))
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

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.cause.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// What went wrong in an I/O error, as a localised phrase (the message id of
/// its kind), for the `detail` of a message: no English OS text in a
/// Vietnamese sentence.
pub fn io_reason(e: &std::io::Error) -> Arg {
    use std::io::ErrorKind as K;
    Arg::Msg(match e.kind() {
        K::NotFound => "io-not-found",
        K::PermissionDenied => "io-permission",
        K::ReadOnlyFilesystem => "io-read-only",
        K::StorageFull | K::QuotaExceeded | K::FileTooLarge => "io-full",
        K::AlreadyExists => "io-exists",
        K::IsADirectory => "io-is-dir",
        K::NotADirectory => "io-not-dir",
        K::BrokenPipe => "io-broken-pipe",
        K::UnexpectedEof | K::InvalidData => "io-damaged",
        K::TimedOut | K::WouldBlock | K::ResourceBusy => "io-busy",
        _ => "io-other",
    })
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::from(IoError::Failed { detail: io_reason(&e) }).with_source(e)
    }
}

impl IoError {
    /// `path` could not be written because of `e` (kept as the source).
    pub fn write_file(path: impl Into<String>, e: std::io::Error) -> Error {
        Error::from(IoError::WriteFile { path: path.into(), detail: io_reason(&e) }).with_source(e)
    }
}

#[cfg(test)]
mod tests;
