//! The watchlist bundle: a versioned, checksummed, compressed binary file.
//!
//! CONTRACT (the rest of the crate relies on these signatures):
//! - [`write()`] is deterministic: identical [`BundleData`] gives identical bytes.
//! - [`read()`] verifies magic, version and checksum, and never panics on any input.
//! - [`read_header`] gives the metadata and sizes without decoding the entries (for `info`).
//!
//! # Byte layout (format version 1)
//!
//! All fixed-width integers are little-endian. `varint` is unsigned LEB128 (at most 5 bytes for
//! a `u32`). A bundle is one frame:
//!
//! ```text
//! offset   size  field
//! 0        8     MAGIC "SSCRNBDL"
//! 8        4     u32 format version (readers accept MIN_SUPPORTED..=VERSION)
//! 12       4     u32 file length in bytes, trailing CRC included (at most 64 MiB)
//! 16       4     u32 header CRC-32 of bytes 0..16
//! 20       4     u32 metadata length m
//! 24       m     metadata (uncompressed, so `read_header` needs no inflate):
//!                  u32 len + UTF-8 built_at, u32 len + UTF-8 tool_version,
//!                  u32 normalizer_version, u32 list count, per list:
//!                  u8 list (0 OFAC-SDN, 1 OFAC-CONS, 2 UN), u32 len + date,
//!                  u32 len + date_source, u32 entries, u32 names
//! 24+m     1     codec (1 = raw deflate, RFC 1951)
//! 25+m     4     u32 payload length once inflated (at most 64 MiB)
//! 29+m     4     u32 compressed payload length c
//! 33+m     c     compressed payload
//! 33+m+c   4     u32 CRC-32 of every byte before it
//! ```
//!
//! Magic, version, header CRC, file length and file CRC are checked in that order, so a
//! damaged file gives `BadMagic`, `Version`, `ChecksumMismatch`, `Truncated` (naming the
//! section it ends in) or, for bytes after the end, `Corrupt` — before anything is decoded.
//!
//! The inflated payload is 29 columns, each a varint byte length and its bytes, in this order
//! (`[pool]` is a varint index into the string pool; strings are varint lengths in one column
//! and their UTF-8 bytes in the next):
//!
//! ```text
//! counts               varints: entries, pool strings, vocab tokens, vocab classes,
//!                      name token counts, name tokens
//! pool prefixes/lengths/text
//!                      the string pool: every program, place of birth, nationality, address
//!                      country, identifier detail and linked-to name, sorted and unique,
//!                      front-coded (varint bytes shared with the previous string + the rest)
//! entry flags          u8 per entry: bits 0-1 list, 2-3 kind (individual, entity, vessel,
//!                      aircraft), 4-5 gender (none, male, female), 6 numeric id, 7 zero
//! numeric ids          zigzag varint delta from the previous numeric id (canonical decimal
//!                      ids that fit a u32: OFAC uids)
//! text id lengths/ids  other ids (UN `KPi.066`)
//! field counts         8 varints per entry: names, programs, dates of birth, places of
//!                      birth, nationalities, address countries, identifiers, linked-to
//! name kinds           u8 per name: primary, aka, fka, nka, weak aka, original script
//! name lengths/text    the names as listed
//! programs             [pool] per program
//! dates of birth       u8 tag (0 day, 1 month, 2 year, 3 year range), varint year,
//!                      then u8 month, u8 day / u8 month / - / varint second year
//! places of birth, nationalities, address countries, linked-to names
//!                      [pool] each
//! identifier kinds     u8 per identifier: email, website, phone, wallet, passport, national id
//! identifier lengths/text
//! identifier details   varint per identifier: 0 none, else [pool] + 1
//! vocab prefixes/lengths/text
//!                      NormData.vocab, front-coded
//! vocab classes        u8 per vocab token (TokenClass)
//! name token counts    u8 per name (NormData.name_lens)
//! name token modes     u8 per name: 1 = the tokens are the name's ASCII letter-and-digit runs,
//!                      lower-cased, looked up in the vocab (no ids stored); 0 = explicit
//! name tokens          varint vocab ids of the explicit names, concatenated
//! ```
//!
//! Every column must be consumed exactly, and the decoded [`NormData`] must fit the entries
//! (one class per sorted, unique vocab token; one token count per name; ids inside the vocab),
//! or the bundle is `Corrupt`. Each string or element the decoder materializes is charged
//! against a 256 MiB budget, so a small forged payload cannot expand into a huge allocation.
//!
//! # Why this layout and this codec
//!
//! Measured with `cargo run --release --example bundle_sizes` on the OFAC SDN + non-SDN lists
//! (19,692 entries, 43,452 names, 33,001 vocab tokens; the example's own CSV reader, written
//! before the real ingest landed; no UN list), payload only, decode time native on a shared
//! 2-core machine. The last row uses the real normalizer's tokens (`Watchlist::build_bundle`):
//! every one of the 43,452 names had exactly its predicted tokens, so no id was stored.
//!
//! | layout | raw | deflate-10 | brotli-11 | zstd-19 | xz -9e |
//! |---|---:|---:|---:|---:|---:|
//! | postcard of the structs | 3,442,020 | 1,221,167 | 978,633 | 1,042,687 | 960,856 |
//! | columnar, all token ids stored | 2,497,281 | 990,411 | 848,278 | 887,842 | 839,984 |
//! | columnar, predicted tokens (v1) | 2,149,398 | 754,195 | 630,847 | 663,267 | 627,908 |
//!
//! Decode of the v1 payload: inflate 16 ms (miniz_oxide), brotli 19 ms, ruzstd 22 ms. The
//! columnar layout is 19% smaller than postcard under deflate; predicting the tokens from the
//! names saves another 24% (the ids were the second largest section, 234 KB deflated). Deflate
//! (miniz_oxide, already a dependency, with a small inflate) is 20% larger than brotli: brotli
//! would save 124 KB on the wire, but its decoder brings a ~120 KB dictionary plus its code into
//! the wasm module, which is downloaded too, so the net gain is close to zero; ruzstd saves
//! 91 KB for a medium-sized decoder that is slower here. The finished 754,341-byte file does
//! not compress further (gzip -9: 754,136 bytes; brotli -q 11: 754,346 bytes), so the server
//! needs no `Content-Encoding` for it. A full `read` (checksums, inflate, decode, token
//! lookup) takes 70 to 180 ms natively depending on the machine's load; `read_header` about
//! 15 µs.

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
    /// Normalized tokens, sorted and unique by (text, class): a text occurs once per token
    /// class it is used with (`company` is a legal form in most names, a name on its own).
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
/// [`read()`] checks that the [`NormData`] fits the entries (one token count per name, token ids
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
/// codec comparisons (`examples/bundle_sizes.rs`). [`write()`] deflates their concatenation.
pub fn payload_columns(data: &BundleData) -> Vec<(&'static str, Vec<u8>)> {
    Col::ALL
        .iter()
        .map(|c| c.name())
        .zip(write::columns(data))
        .collect()
}

/// The uncompressed payload of `data` exactly as [`write()`] compresses it.
pub fn raw_payload(data: &BundleData) -> Vec<u8> {
    write::payload(data)
}
