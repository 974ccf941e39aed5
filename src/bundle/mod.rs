//! The watchlist bundle: a versioned, checksummed, compressed binary file.
//!
//! CONTRACT (the rest of the crate relies on these signatures):
//! - [`write()`] is deterministic: identical [`BundleData`] gives identical bytes.
//! - [`read()`] verifies magic, version and checksum, and never panics on any input.
//! - [`read_header`] gives the metadata and sizes without decoding the entries (for `info`).
//!
//! # Byte layout (format version 4)
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
//!                  u32 len + date_source, u32 entries, u32 names,
//!                  u32 len + UTF-8 profile (`full`, `screening`)
//! 24+m     1     codec (0 = the column table stored as it is; 1 = the column table as one
//!                raw deflate stream, RFC 1951; 2 = each column deflated alone, see below)
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
//! With codec 2 the payload is, per column in the order below, its varint raw length `n`, a
//! varint `z` and `z` bytes of raw deflate (or, for `z` = 0, the `n` bytes stored as they
//! are); the raw lengths with their varints add up to the declared payload length. The writer
//! keeps whichever codec gives fewer bytes (codec 2 for real lists: each column gets Huffman
//! tables of its own, 20 KB smaller than one stream), except for a [`Profile::Screening`]
//! bundle, which it stores (codec 0: compressed length = raw length), for the reason below.
//!
//! The inflated payload is 37 columns, each a varint byte length and its bytes, in this order
//! (`[pool]` is a varint index into the string pool; strings are varint lengths in one column
//! and their UTF-8 bytes in the next):
//!
//! ```text
//! counts               varints: entries, pool strings, vocab tokens, vocab classes,
//!                      name token counts, name tokens, separators, shapes, frequent tokens
//! pool prefixes/lengths/text
//!                      the string pool: every program, place of birth, nationality, address
//!                      country, identifier detail and linked-to name, sorted and unique,
//!                      front-coded (varint bytes shared with the previous string + the rest)
//! vocab prefixes/lengths/text
//!                      NormData.vocab, front-coded
//! vocab classes        u8 per vocab token (TokenClass)
//! frequent tokens      varint vocab ids of the (at most 1024) most frequent name tokens,
//!                      most frequent first. A name token is coded as its place (0-15) among
//!                      the first 16 distinct tokens of its entry's names so far, else as
//!                      16 + its rank here, else as 16 + 1024 + its vocab id
//! separator lengths/text
//!                      the strings between a name's tokens (" ", ", ", "-", ""...), most
//!                      frequent first
//! shape lengths/separators
//!                      a shape is the separator list of a tokenized name (tokens + 1
//!                      entries: before the first token, between tokens, after the last),
//!                      varint separator indices; most frequent first
//! entry flags          u8 per entry: bits 0-1 list, 2-3 kind (individual, entity, vessel,
//!                      aircraft), 4-5 gender (none, male, female), 6 numeric id, 7 zero
//! numeric ids          zigzag varint delta from the previous numeric id (canonical decimal
//!                      ids that fit a u32: OFAC uids)
//! text id lengths/ids  other ids (UN `KPi.066`)
//! field counts         8 varints per entry: names, programs, dates of birth, places of
//!                      birth, nationalities, address countries, identifiers, linked-to
//! name kinds           u8 per name: primary, aka, fka, nka, weak aka, original script
//! name modes           u8 per name: 1 tokenized, 0 explicit
//! name shapes          tokenized names: varint shape index (gives the token count)
//! name cases           tokenized names: u8 0 upper, 1 lower, 2 capitalized, 3 per token
//! token cases          u8 per token of the names with case 3
//! name lengths/text    explicit names: the text as listed
//! name token counts    explicit names: u8 token count
//! name tokens          varint token codes of every name, in name order
//! programs             [pool] per program
//! dates of birth       u8 tag (0 day, 1 month, 2 year, 3 year range), varint year,
//!                      then u8 month, u8 day / u8 month / - / varint second year
//! places of birth, nationalities, address countries, linked-to names
//!                      [pool] each
//! identifier kinds     u8 per identifier: email, website, phone, wallet, passport, national id
//! identifier lengths/text
//! identifier details   varint per identifier: 0 none, else [pool] + 1
//! ```
//!
//! A tokenized name's text is rebuilt as `sep[0] tok[0] sep[1] ... tok[n-1] sep[n]`, each
//! token its vocab text in the name's (or token's) case. The writer tokenizes a name only when
//! that rebuilds its text exactly: ASCII text whose runs of ASCII letters and digits are,
//! lower-cased, the vocab texts of its normalized tokens, each run upper, lower or capitalized.
//! That holds for 46,074 of the 47,601 real names; the rest (non-ASCII, apostrophes the
//! normalizer drops inside words, `McDONALD`) are stored as text with explicit token ids. The
//! ids are the normalizer's own (a text can have several token classes), so the reader needs
//! no lookup.
//!
//! Every column must be consumed exactly, and the decoded [`NormData`] must fit the entries
//! (one class per sorted, unique vocab token; one token count per name; ids inside the vocab),
//! or the bundle is `Corrupt`. Each string or element the decoder materializes is charged
//! against a 256 MiB budget, so a small forged payload cannot expand into a huge allocation.
//!
//! # Why this layout and this codec
//!
//! Measured with `cargo run --release --example bundle_sizes` on the real lists (OFAC SDN,
//! OFAC non-SDN and UN: 20,695 entries, 47,601 names, 34,395 vocab tokens, 170,640 name
//! tokens), payload only:
//!
//! | layout | raw | deflate-10 | brotli-11 | zstd-19 | xz -9e |
//! |---|---:|---:|---:|---:|---:|
//! | postcard of the structs | 3,740,414 | 1,356,596 | 1,079,871 | 1,154,036 | 1,059,164 |
//! | v1: name text + token ids predicted from the text | 2,495,335 | 915,830 | 771,402 | 811,801 | 766,296 |
//! | v2: names rebuilt from their tokens | 1,626,775 | 702,211 | 612,313 | 651,140 | 607,672 |
//!
//! In v1 the name text (391 KB deflated alone), its lengths (35 KB), the token counts (19 KB)
//! and the explicit ids (62 KB: 7,876 names had a token of a non-default class, such as the
//! particle `de` or the legal forms `co` and `s a`) took 512 KB. v2 stores each name once, as
//! its token ids plus a shape and a case (name tokens 231 KB, shapes 29 KB, cases 11 KB, the
//! 1,527 explicit names 19 KB): 296 KB. The ids carry the information (order-0 entropy 12.2
//! bits per token; deflate gets 10.8 through repeats between aliases); frequency-ranked short
//! codes for the 1,024 most frequent tokens save 25 KB of it for a 2 KB table.
//!
//! The codec stays raw deflate (miniz_oxide). Decoders measured alone in a `cdylib` for
//! wasm32 (opt-level z, LTO, panic abort, std included), gzip -9: miniz_oxide inflate 12.6 KB,
//! ruzstd 42.6 KB, brotli-decompressor 96.1 KB. Brotli would save 90 KB of bundle for about
//! 83 KB more wasm, zstd 51 KB for about 30 KB: neither pays for itself. A deflated file does
//! not compress further (v2: gzip -9 701,503 bytes, brotli -q 11 702,522).
//!
//! The browser's bundle ([`Profile::Screening`]) is stored instead (codec 0), and the server
//! sends it with `Content-Encoding` (`scripts/precompress.mjs` writes `watchlist.bin.br` and
//! `.gz`): the browser then inflates it natively while it downloads, and loading it in the page
//! inflates nothing. Measured on the real lists (format 4, 1,349,789 bytes stored): 510,804
//! bytes under brotli -q 11 and 541,750 under gzip (Zopfli), against 561,649 bytes deflated
//! by column; the wasm load ran 642 M instructions before (V8 baseline tier, counted with
//! `tests/e2e/load-node.mjs`), 559 M stored (−13 %). A server must send it compressed: without
//! `Content-Encoding` the page downloads the 1.35 MB as they are. The wasm build ships no
//! decompressor at all (12.6 KB of gzipped wasm): it refuses a bundle compressed inside
//! ([`crate::error::ErrorKind::Compressed`], which says to build `--profile screening`). The CLI
//! and the library read every codec.
//!
use serde::{Deserialize, Serialize};

use crate::error::Result;
use layout::Col;

mod crc;
mod entries;
mod layout;
mod read;
mod texts;
mod wire;
mod write;
use crate::model::{Entry, IdKind, ListInfo};
pub(crate) use entries::Entries;
pub(crate) use read::{visit_entry, Field, Head, NameText, Tokens, Visit};
pub(crate) use texts::Texts;

/// Magic bytes at the start of every bundle.
pub const MAGIC: [u8; 8] = *b"SSCRNBDL";
/// The format version this build writes.
pub const VERSION: u32 = 4;
/// The oldest format version this build reads.
pub const MIN_SUPPORTED: u32 = 4;

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
    /// The build [`Profile`] the bundle was made with ([`Profile::name`]: `full` or
    /// `screening`).
    pub profile: String,
}

/// What a bundle keeps of the lists.
///
/// Passport and national-ID numbers are shown with a match but never matched on (a query has
/// no document field), and they take a seventh of the real bundle (about 95 KB of 680 KB), so
/// the browser build can leave them out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Profile {
    /// Everything the lists give: for the CLI and servers.
    Full,
    /// Everything screening uses, without [`IdKind::Passport`] and [`IdKind::NationalId`]
    /// identifiers: for the browser.
    Screening,
}

impl Profile {
    /// Every profile.
    pub const ALL: [Profile; 2] = [Profile::Full, Profile::Screening];

    /// The profile's name, as stored in [`Meta::profile`] and given to `--profile`.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Full => "full",
            Profile::Screening => "screening",
        }
    }
}

impl std::str::FromStr for Profile {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Profile, String> {
        Profile::ALL
            .into_iter()
            .find(|p| p.name() == s)
            .ok_or_else(|| format!("unknown bundle profile {s:?}: use `full` or `screening`"))
    }
}

/// Applies a build profile to bundle data: [`Profile::Screening`] removes passport and
/// national-ID identifiers; both record the profile in [`Meta::profile`]. Entries, names and
/// the normalized tokens are left as they are.
pub fn apply_profile(data: &mut BundleData, profile: Profile) {
    if profile == Profile::Screening {
        for e in &mut data.entries {
            e.identifiers
                .retain(|i| !matches!(i.kind, IdKind::Passport | IdKind::NationalId));
        }
    }
    data.meta.profile = profile.name().to_string();
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
    Ok(header(read::frame(bytes)?))
}

fn header(f: read::Frame<'_>) -> Header {
    Header {
        version: f.version,
        compressed_bytes: f.payload.len(),
        raw_bytes: f.raw_len,
        file_bytes: f.file_len,
        checksum: f.checksum,
        codec: read::codec_name(f.codec),
        meta: f.meta,
    }
}

/// A verified bundle whose entries stay encoded until they are asked for.
pub(crate) struct Lazy {
    /// The header, as [`read_header`] gives it.
    pub(crate) header: Header,
    /// The token data.
    pub(crate) tokens: Tokens,
    /// The entries.
    pub(crate) entries: Entries,
}

/// Parses and verifies a bundle as [`read()`] does, with the same errors, but keeps the
/// entries encoded: each is decoded the first time it is asked for. Every entry's fields are
/// reported to `v` once, on the way.
pub(crate) fn read_lazy(bytes: &[u8], v: &mut dyn Visit) -> Result<Lazy> {
    let f = read::frame(bytes)?;
    let (tokens, store) = read::decode_lazy(&f, v)?;
    Ok(Lazy {
        header: header(f),
        tokens,
        entries: Entries::encoded(store),
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
