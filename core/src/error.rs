//! One error type for the core: a message id from the locale files plus its
//! arguments, so that the CLI and the window both show one clear line in the
//! user's language.

use std::sync::Arc;

use crate::i18n::{self, Arg, Lang};

#[derive(Debug, Clone)]
pub struct Error {
    pub key: &'static str,
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
    pub fn new(key: &'static str) -> Self {
        Error { key, args: vec![], cause: None }
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
        Error::new("err-io").arg("detail", io_reason(&e)).with_source(e)
    }
}
