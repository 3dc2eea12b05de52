//! The typed errors, one enum per module. Each variant names its message id
//! in the locale files; its fields are that message's arguments (a field's
//! name is the argument's name).

use super::{Error, Kind};
use crate::i18n::Arg;

/// Declares an error enum: every variant `=> "message-id"`, with the
/// `id()`/`args()` mapping, the list of ids and argument names for the
/// locale tests, and the conversion into [`Error`] under `Kind::$kind`.
macro_rules! typed_errors {
    (
        $(#[$meta:meta])*
        pub enum $name:ident in $kind:ident {
            $( $(#[$vmeta:meta])* $variant:ident $({ $($field:ident : $ty:ty),* $(,)? })? => $id:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        pub enum $name {
            $( $(#[$vmeta])* $variant $({ $($field: $ty),* })?, )*
        }

        impl $name {
            /// Every variant's message id with the names of its arguments.
            pub const MESSAGES: &'static [(&'static str, &'static [&'static str])] =
                &[ $( ($id, &[ $($(stringify!($field)),*)? ]), )* ];

            /// The message id in the locale files.
            pub fn id(&self) -> &'static str {
                match self {
                    $( $name::$variant { .. } => $id, )*
                }
            }

            /// The message's arguments.
            #[allow(unused_variables)]
            pub fn args(&self) -> Vec<(&'static str, Arg)> {
                match self {
                    $( $name::$variant $({ $($field),* })? => vec![ $($( (stringify!($field), Arg::from($field.clone())) ),*)? ], )*
                }
            }
        }

        impl From<$name> for Error {
            fn from(e: $name) -> Error {
                let (key, args) = (e.id(), e.args());
                Error::typed(Kind::$kind(e), key, args)
            }
        }
    };
}

typed_errors! {
    /// Reading and writing files (`fsutil`, exports).
    pub enum IoError in Io {
        /// An OS read/write error; `detail` is its localised kind.
        Failed { detail: Arg } => "err-io",
        /// A file could not be written.
        WriteFile { path: String, detail: Arg } => "err-write-file",
        /// The target drive is full (nothing was written there).
        TargetFull { path: String } => "err-target-full",
        /// The target drive or folder is read-only.
        TargetReadOnly { path: String } => "err-target-read-only",
    }
}

typed_errors! {
    /// The database, its evidence files and its backups (`store`).
    pub enum StoreError in Store {
        /// Another writer holds the database: trying again later may succeed.
        Busy => "err-db-busy",
        DiskFull => "err-db-disk-full",
        ReadOnly => "err-db-read-only",
        /// Any other SQLite error (its English text as the detail).
        Database { detail: String } => "err-database",
        /// Made by a newer version: its schema has migrations this one lacks.
        Newer { found: usize, known: usize } => "err-db-newer",
        /// A migration already applied differs from the one this version has.
        MigrationEdited { version: usize } => "err-db-migration-edited",
        /// An evidence file whose bytes no longer match their hash.
        BlobCorrupt { sha: String } => "err-blob-corrupt",
        /// Not a backup of this program (or damaged).
        BackupInvalid { path: String } => "err-backup-invalid",
    }
}

typed_errors! {
    /// Signed bundles, plan packages and receipts (`bundle`).
    pub enum BundleError in Bundle {
        /// Not a readable zip.
        Corrupt => "err-bundle-corrupt",
        /// An entry that does not read or parse.
        FileDamaged { name: String } => "err-bundle-file-damaged",
        /// An entry whose size or hash differs from the signed list.
        FileChanged { name: String } => "err-bundle-file-changed",
        /// A listed entry that is not there.
        Missing { name: String } => "err-bundle-missing",
        /// Signed by a key not in the registry (a merge quarantines it).
        UnknownKey { fingerprint: String, unit: String } => "err-bundle-unknown-key",
        /// A receipt signed by a key not trusted as the parent office's.
        ReceiptUnknownKey { fingerprint: String, unit: String } => "err-receipt-unknown-key",
        /// Bundles held until a person compares a key (the CLI exits with 3).
        Quarantined { count: usize } => "err-merge-quarantined",
    }
}

typed_errors! {
    /// The signing key and its passphrase (`crypto`).
    pub enum CryptoError in Crypto {
        /// The passphrase does not open the sealed key.
        Passphrase => "err-key-passphrase",
        /// The key is sealed and no passphrase was given.
        Locked => "err-key-locked",
        /// A key file that does not parse.
        KeyFile { path: String } => "err-key-file",
    }
}

typed_errors! {
    /// The command line used wrongly (`args`, the CLI): the usage is shown.
    pub enum UsageError in Usage {
        MissingValue { option: String } => "err-missing-value",
        UnknownOption { option: String } => "err-unknown-option",
        Missing { what: String } => "err-usage-missing",
        Command { command: String } => "err-usage-command",
        /// `task set` with nothing to set.
        NothingToChange => "err-usage-nothing",
        /// `evidence correct` with nothing to correct.
        NothingToCorrect => "err-usage-nothing-evidence",
    }
}

typed_errors! {
    /// Reading a plan's table from Word, Excel or CSV (`plan`).
    pub enum PlanError in Plan {
        DocxBad { detail: String } => "err-import-docx-bad",
        XlsxBad { detail: String } => "err-import-xlsx-bad",
        /// No row names the task columns.
        NoHeader => "err-import-no-header",
        MissingColumn { column: String } => "err-import-missing-column",
        TooManyRows { count: usize, max: usize } => "err-import-too-many-rows",
        /// A plan of this id is installed already.
        Exists { id: String } => "err-plan-exists",
        /// A task's agency phrase that names no unit of the organisation.
        UnknownAgency { task: String, phrase: String } => "err-unknown-agency",
    }
}

typed_errors! {
    /// The organisation's units (`org`).
    pub enum OrgError in Org {
        NameEmpty { code: String } => "err-org-name-empty",
        Duplicate { code: String } => "err-org-duplicate",
        /// `unit` names a parent (or consolidating office) `code` that does not exist.
        Unknown { code: String, unit: String } => "err-org-unknown",
        /// Following parents from `code` comes back to it.
        Cycle { code: String } => "err-org-cycle",
    }
}

/// Every typed message: its id and argument names (for the locale tests).
pub fn all_messages() -> Vec<(&'static str, &'static [&'static str])> {
    [
        IoError::MESSAGES,
        StoreError::MESSAGES,
        BundleError::MESSAGES,
        CryptoError::MESSAGES,
        UsageError::MESSAGES,
        PlanError::MESSAGES,
        OrgError::MESSAGES,
    ]
    .concat()
}
