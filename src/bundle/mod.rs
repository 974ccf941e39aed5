//! The watchlist bundle: a versioned, checksummed, compressed binary file.
//!
//! CONTRACT (the rest of the crate relies on these signatures):
//! - [`write`] is deterministic: identical [`BundleData`] gives identical bytes.
//! - [`read`] verifies magic, version and checksum, and never panics on any input.
//! - [`read_header`] gives the metadata and sizes without decoding the entries (for `info`).
//!
//! The byte layout is documented below by the bundle writer.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::{Entry, ListInfo};

/// Magic bytes at the start of every bundle.
pub const MAGIC: [u8; 8] = *b"SSCRNBDL";
/// The format version this build writes.
pub const VERSION: u32 = 1;
/// The oldest format version this build reads.
pub const MIN_SUPPORTED: u32 = 1;

/// Bundle metadata, readable without decoding the entries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Build time, RFC 3339 UTC (`SOURCE_DATE_EPOCH` when set, for reproducible builds).
    pub built_at: String,
    /// Version of the tool that wrote the bundle.
    pub tool_version: String,
    /// [`crate::normalize::NORMALIZER_VERSION`] used for the pre-normalized tokens.
    pub normalizer_version: u32,
    /// Each source list with its date and counts.
    pub lists: Vec<ListInfo>,
}

/// Pre-normalized name tokens, so that loading does not re-normalize every name.
///
/// Names are numbered in entry order, then name order within the entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NormData {
    /// Sorted, unique normalized tokens.
    pub vocab: Vec<String>,
    /// [`crate::normalize::TokenClass`] of each vocab token, as its `u8` value.
    pub vocab_class: Vec<u8>,
    /// Number of tokens of each name.
    pub name_lens: Vec<u8>,
    /// The vocab ids of all names' tokens, concatenated.
    pub name_tokens: Vec<u32>,
}

/// Everything a bundle holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleData {
    /// Metadata.
    pub meta: Meta,
    /// The entries of all lists.
    pub entries: Vec<Entry>,
    /// Pre-normalized tokens of all names.
    pub norm: NormData,
}

/// What [`read_header`] reports without decoding the payload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// Format version of the file.
    pub version: u32,
    /// Metadata.
    pub meta: Meta,
    /// Total file size in bytes.
    pub file_bytes: usize,
    /// Size of the compressed payload in bytes.
    pub compressed_bytes: usize,
    /// Size of the payload once decompressed.
    pub raw_bytes: usize,
    /// The CRC-32 stored in the file (verified).
    pub checksum: u32,
    /// Name of the payload codec (e.g. `deflate`).
    pub codec: &'static str,
}

/// Serializes a bundle. Deterministic.
pub fn write(data: &BundleData) -> Vec<u8> {
    let _ = data;
    unimplemented!("bundle::write")
}

/// Parses and verifies a bundle.
pub fn read(bytes: &[u8]) -> Result<BundleData> {
    let _ = bytes;
    unimplemented!("bundle::read")
}

/// Verifies a bundle and returns its header without decoding the entries.
pub fn read_header(bytes: &[u8]) -> Result<Header> {
    let _ = bytes;
    unimplemented!("bundle::read_header")
}
