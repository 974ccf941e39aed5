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
use layout::Col;

mod layout;
mod read;
mod wire;
mod write;
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

/// Serializes a bundle. Deterministic: identical data gives identical bytes.
///
/// [`read`] checks that the [`NormData`] fits the entries (one token count per name, token ids
/// inside the sorted vocab, one class per vocab token); data that does not is still written,
/// but reading it back fails with [`crate::ErrorKind::Corrupt`].
pub fn write(data: &BundleData) -> Vec<u8> {
    write::write(data)
}

/// Parses and verifies a bundle. Never panics, and allocates at most a bounded amount of
/// memory, whatever the input.
pub fn read(bytes: &[u8]) -> Result<BundleData> {
    read::decode(read::frame(bytes)?)
}

/// Verifies a bundle (magic, version, checksums, section lengths) and returns its header
/// without inflating or decoding the payload.
pub fn read_header(bytes: &[u8]) -> Result<Header> {
    let f = read::frame(bytes)?;
    Ok(Header {
        version: f.version,
        compressed_bytes: f.payload.len(),
        raw_bytes: f.raw_len,
        file_bytes: f.file_len,
        checksum: f.checksum,
        codec: read::codec_name(f.codec),
        meta: f.meta,
    })
}

/// The uncompressed payload columns of `data`, by name, in file order: for size reports and
/// codec comparisons (`examples/bundle_sizes.rs`). [`write`] deflates their concatenation.
pub fn payload_columns(data: &BundleData) -> Vec<(&'static str, Vec<u8>)> {
    Col::ALL
        .iter()
        .map(|c| c.name())
        .zip(write::columns(data))
        .collect()
}

/// The uncompressed payload of `data` exactly as [`write`] compresses it.
pub fn raw_payload(data: &BundleData) -> Vec<u8> {
    write::payload(data)
}
