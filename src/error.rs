//! The crate's one error type.
//!
//! Only `to_string()` crosses the wasm boundary, so every message says what went wrong *and what
//! to do about it*.

use std::fmt;

/// An error from loading a bundle, parsing a list file, or reading a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

/// What went wrong. New kinds may be added.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The bytes do not start with the bundle magic: not a sanctions-screen bundle at all.
    BadMagic,
    /// The bundle was written by a format version this build cannot read.
    Version {
        /// The newest version this build reads (it reads `MIN_SUPPORTED..=expected`).
        expected: u32,
        /// The version found in the bundle.
        got: u32,
    },
    /// The bundle's names were normalized by another normalizer version, and this build does
    /// not normalize them again (the wasm build: it would take seconds in a page).
    Normalizer {
        /// The normalizer version of this build.
        expected: u32,
        /// The version the bundle was built with.
        got: u32,
    },
    /// The bundle is compressed inside, and this build reads only bundles stored for HTTP
    /// compression (the wasm build, which ships no decompressor).
    Compressed {
        /// The bundle's codec.
        codec: &'static str,
    },
    /// The bundle ends before `what` is complete (an interrupted download or copy).
    Truncated {
        /// The section that is cut short.
        what: &'static str,
    },
    /// The checksum stored in the bundle does not match its content.
    ChecksumMismatch {
        /// Checksum stored in the bundle.
        expected: u32,
        /// Checksum computed over the bytes received.
        got: u32,
    },
    /// The bundle passed its checksum but its content does not decode (a writer bug or tampering).
    Corrupt {
        /// What failed to decode.
        what: String,
    },
    /// A list file could not be read or parsed.
    List {
        /// The file (or file and line) at fault.
        file: String,
        /// What is wrong with it.
        message: String,
    },
    /// A screening query is unusable.
    Query {
        /// What is wrong with it.
        message: String,
    },
}

impl Error {
    /// Creates an error of the given kind.
    pub fn new(kind: ErrorKind) -> Error {
        Error { kind }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// Shorthand for [`ErrorKind::Truncated`].
    pub fn truncated(what: &'static str) -> Error {
        Error::new(ErrorKind::Truncated { what })
    }

    /// Shorthand for [`ErrorKind::Corrupt`].
    pub fn corrupt(what: impl Into<String>) -> Error {
        Error::new(ErrorKind::Corrupt { what: what.into() })
    }

    /// Shorthand for [`ErrorKind::List`].
    pub fn list(file: impl Into<String>, message: impl Into<String>) -> Error {
        Error::new(ErrorKind::List {
            file: file.into(),
            message: message.into(),
        })
    }

    /// Shorthand for [`ErrorKind::Query`].
    pub fn query(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Query {
            message: message.into(),
        })
    }
}

const REBUILD: &str =
    "rebuild it with `sanctions-screen build` (or `make demo`) and load the new file";

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::BadMagic => write!(
                f,
                "not a sanctions-screen bundle (bad magic bytes): check the bundle path or URL; \
                 if it is an HTML error page or a gzip file, the server sent the wrong file — {REBUILD}"
            ),
            ErrorKind::Version { expected, got } => write!(
                f,
                "bundle format version {got} is not supported (this build reads up to version {expected}): \
                 {REBUILD} with the same version of sanctions-screen"
            ),
            ErrorKind::Normalizer { expected, got } => write!(
                f,
                "the bundle's names were normalized by normalizer version {got} and this build uses \
                 version {expected}: {REBUILD} with the same version of sanctions-screen"
            ),
            ErrorKind::Compressed { codec } => write!(
                f,
                "this bundle is compressed inside (codec {codec}, as `sanctions-screen build` writes the \
                 full profile) and the browser engine reads only bundles stored for HTTP compression: \
                 build one with `sanctions-screen build --profile screening` (or `make demo`) and serve \
                 it with Content-Encoding gzip or br"
            ),
            ErrorKind::Truncated { what } => write!(
                f,
                "bundle is truncated (it ends inside the {what}): the download or copy was cut short; \
                 fetch it again or {REBUILD}"
            ),
            ErrorKind::ChecksumMismatch { expected, got } => write!(
                f,
                "bundle checksum mismatch (stored {expected:08x}, computed {got:08x}): the file is damaged; \
                 fetch it again or {REBUILD}"
            ),
            ErrorKind::Corrupt { what } => {
                write!(f, "bundle content is corrupt ({what}): {REBUILD}")
            }
            ErrorKind::List { file, message } => write!(f, "{file}: {message}"),
            ErrorKind::Query { message } => write!(f, "invalid query: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
