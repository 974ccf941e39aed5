//! The bundle reader: verify the frame (magic, version, header CRC, length, file CRC), then
//! inflate the payload within a size limit and decode its columns.
//!
//! Every length is checked before it is used to slice, every count is bounded by the bytes
//! that remain, and every materialized string or element is charged against
//! [`MAX_DECODED_BYTES`], so no input can panic or exhaust memory.

use std::mem::size_of;
use std::sync::Arc;

use super::layout::{
    self, Col, CODEC_DEFLATE, CODEC_DEFLATE_COLUMNS, CODEC_STORED, FIXED_HEADER_LEN,
    FLAG_NUMERIC_ID, MAX_DECODED_BYTES, MAX_FILE_BYTES, MAX_RAW_BYTES,
};
use super::texts::Texts;
use super::wire::{unzigzag, Reader};
use super::{BundleData, Meta, NormData, MAGIC, MIN_SUPPORTED, VERSION};
use crate::error::{Error, ErrorKind, Result};
use crate::model::{
    DateSpec, Entry, EntryKind, Gender, IdKind, Identifier, ListId, ListInfo, Name, NameKind,
};
use crate::normalize::TokenClass;

/// Bytes between the metadata and the payload: codec (1), raw length (4), compressed length (4).
const PAYLOAD_HEADER_LEN: usize = 9;
/// The smallest possible file: fixed header, empty metadata, payload header, empty payload, CRC.
const MIN_FILE_LEN: usize = FIXED_HEADER_LEN + 4 + PAYLOAD_HEADER_LEN + 4;

/// A verified frame: everything but the decoded payload.
#[derive(Debug)]
pub(crate) struct Frame<'a> {
    pub(crate) version: u32,
    pub(crate) meta: Meta,
    pub(crate) codec: u8,
    pub(crate) raw_len: usize,
    pub(crate) payload: &'a [u8],
    pub(crate) file_len: usize,
    pub(crate) checksum: u32,
}

/// Name of a codec id, for [`super::Header::codec`].
pub(crate) fn codec_name(codec: u8) -> &'static str {
    match codec {
        CODEC_STORED => "stored",
        CODEC_DEFLATE => "deflate",
        CODEC_DEFLATE_COLUMNS => "deflate-columns",
        _ => "unknown",
    }
}

fn le_u32(bytes: &[u8], at: usize) -> u32 {
    match bytes.get(at..at + 4) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
        _ => 0,
    }
}

/// Checks magic, version, both checksums and the section lengths; decodes the metadata.
pub(crate) fn frame(bytes: &[u8]) -> Result<Frame<'_>> {
    if bytes.len() < MAGIC.len() {
        return Err(if MAGIC.starts_with(bytes) {
            Error::truncated("header")
        } else {
            bad_magic()
        });
    }
    if bytes[..MAGIC.len()] != MAGIC {
        return Err(bad_magic());
    }
    if bytes.len() < 12 {
        return Err(Error::truncated("header"));
    }
    let version = le_u32(bytes, 8);
    if !(MIN_SUPPORTED..=VERSION).contains(&version) {
        return Err(Error::new(ErrorKind::Version {
            expected: VERSION,
            got: version,
        }));
    }
    if bytes.len() < FIXED_HEADER_LEN {
        return Err(Error::truncated("header"));
    }
    let declared = le_u32(bytes, 12) as usize;
    let header_crc = le_u32(bytes, 16);
    let computed = super::crc::hash(&bytes[..16]);
    if header_crc != computed {
        return Err(Error::new(ErrorKind::ChecksumMismatch {
            expected: header_crc,
            got: computed,
        }));
    }
    if declared < MIN_FILE_LEN {
        return Err(Error::corrupt(format!(
            "the header declares {declared} bytes, less than the smallest bundle ({MIN_FILE_LEN} bytes)"
        )));
    }
    if declared > MAX_FILE_BYTES {
        return Err(Error::corrupt(format!(
            "the header declares {declared} bytes, more than the {} MiB limit",
            MAX_FILE_BYTES >> 20
        )));
    }
    if bytes.len() < declared {
        return Err(Error::truncated(cut_section(bytes)));
    }
    if bytes.len() > declared {
        return Err(Error::corrupt(format!(
            "{} unexpected bytes after the end of the bundle",
            bytes.len() - declared
        )));
    }
    let body_end = declared - 4;
    let stored = le_u32(bytes, body_end);
    let computed = crc32(&bytes[..body_end]);
    if stored != computed {
        return Err(Error::new(ErrorKind::ChecksumMismatch {
            expected: stored,
            got: computed,
        }));
    }

    // The checksum holds, so from here on a short read means malformed content.
    let mut r = Reader::new(&bytes[FIXED_HEADER_LEN..body_end], "bundle sections");
    let meta_len = r.u32()? as usize;
    let meta = decode_meta(r.take(meta_len)?)?;
    let codec = r.u8()?;
    if ![CODEC_STORED, CODEC_DEFLATE, CODEC_DEFLATE_COLUMNS].contains(&codec) {
        return Err(r.invalid(format_args!("unknown payload codec {codec}")));
    }
    let raw_len = r.u32()? as usize;
    if raw_len > MAX_RAW_BYTES {
        return Err(r.invalid(format_args!(
            "the payload declares {raw_len} bytes once inflated, more than the {} MiB limit",
            MAX_RAW_BYTES >> 20
        )));
    }
    let compressed_len = r.u32()? as usize;
    let payload = r.take(compressed_len)?;
    r.finish()?;
    if codec == CODEC_STORED && compressed_len != raw_len {
        return Err(Error::corrupt(format!(
            "the stored payload has {compressed_len} bytes, but the header declares {raw_len}"
        )));
    }
    Ok(Frame {
        version,
        meta,
        codec,
        raw_len,
        payload,
        file_len: declared,
        checksum: stored,
    })
}

/// Bytes hashed per call of the checksum: as [`INFLATE_STEP`], a wasm engine switches the
/// hashing function to its optimizing tier only on a later call, so one call over the whole
/// 1.3 MB file would run in baseline code to the end.
const CRC_STEP: usize = 64 * 1024;

/// The CRC-32 of `bytes` (as `crc32fast::hash`; see [`super::crc`]), hashed [`CRC_STEP`]
/// bytes per call.
fn crc32(bytes: &[u8]) -> u32 {
    let mut h = super::crc::Hasher::new();
    for chunk in bytes.chunks(CRC_STEP) {
        h.update(chunk);
    }
    h.finalize()
}

fn bad_magic() -> Error {
    Error::new(ErrorKind::BadMagic)
}

/// Names the section a truncated file ends in, from the lengths it declares.
fn cut_section(bytes: &[u8]) -> &'static str {
    let have = bytes.len();
    let meta_start = FIXED_HEADER_LEN + 4;
    if have < meta_start {
        return "metadata";
    }
    let payload_header = meta_start.saturating_add(le_u32(bytes, FIXED_HEADER_LEN) as usize);
    if have < payload_header {
        return "metadata";
    }
    let payload_start = payload_header.saturating_add(PAYLOAD_HEADER_LEN);
    if have < payload_start {
        return "payload header";
    }
    let compressed_len = le_u32(bytes, payload_header + 5) as usize;
    if have < payload_start.saturating_add(compressed_len) {
        return "payload";
    }
    "checksum"
}

fn str32(r: &mut Reader<'_>) -> Result<String> {
    let n = r.u32()? as usize;
    Ok(r.str(n)?.to_owned())
}

fn decode_meta(bytes: &[u8]) -> Result<Meta> {
    let mut r = Reader::new(bytes, "metadata");
    let built_at = str32(&mut r)?;
    let tool_version = str32(&mut r)?;
    let normalizer_version = r.u32()?;
    let n = r.u32()? as usize;
    // A list record takes at least 17 bytes, which bounds the allocation.
    let mut lists = Vec::with_capacity(n.min(r.remaining() / 17));
    for _ in 0..n {
        let code = r.u8()?;
        let list = list_from_code(code)
            .ok_or_else(|| r.invalid(format_args!("unknown list code {code}")))?;
        lists.push(ListInfo {
            list,
            date: str32(&mut r)?,
            date_source: str32(&mut r)?,
            entries: r.u32()?,
            names: r.u32()?,
        });
    }
    let profile = str32(&mut r)?;
    r.finish()?;
    Ok(Meta {
        built_at,
        tool_version,
        normalizer_version,
        lists,
        profile,
    })
}

fn list_from_code(code: u8) -> Option<ListId> {
    Some(match code {
        0 => ListId::OfacSdn,
        1 => ListId::OfacCons,
        2 => ListId::Un,
        _ => return None,
    })
}

/// Inflates and decodes the payload of a verified frame, every entry included.
pub(crate) fn decode(frame: Frame<'_>) -> Result<BundleData> {
    let (tokens, store) = decode_lazy(&frame, &mut Skip)?;
    let entries = store.decode_all()?;
    Ok(BundleData {
        meta: frame.meta,
        entries,
        norm: tokens.into_norm(),
    })
}

/// Inflates the payload of a verified frame and checks every column, entry and token; keeps the
/// entries encoded in the returned [`EntryStore`], and reports each entry's fields to `v`.
///
/// Everything [`EntryStore::decode`] will read is read here once, in the same way, so a bundle
/// this accepts decodes entry by entry without an error.
pub(crate) fn decode_lazy(frame: &Frame<'_>, v: &mut dyn Visit) -> Result<(Tokens, EntryStore)> {
    let cols: Vec<Vec<u8>> = if frame.codec == CODEC_STORED {
        split(frame.payload)?
    } else {
        inflate_payload(frame)?
    };
    let mut c = Cols::new(&cols)?;
    let mut budget = Budget(MAX_DECODED_BYTES);
    let counts = c.get(Col::Counts);
    let n_entries = counts.len()?;
    let n_pool = counts.len()?;
    let n_vocab = counts.len()?;
    let n_class = counts.len()?;
    let n_name_lens = counts.len()?;
    let n_tokens = counts.len()?;
    let n_seps = counts.len()?;
    let n_shapes = counts.len()?;
    let n_top = counts.len()?;
    v.counts(n_entries, n_name_lens);

    let pool = front_decoded(
        &mut c,
        [Col::PoolPrefix, Col::PoolSuffixLen, Col::PoolSuffix],
        n_pool,
        &mut budget,
        None,
    )?;
    // The vocab's order and each token's size come out of the decoding loop (see
    // [`VocabFacts`]), instead of two more passes over its texts.
    let mut facts = VocabFacts::default();
    let vocab = front_decoded(
        &mut c,
        [Col::VocabPrefix, Col::VocabSuffixLen, Col::VocabSuffix],
        n_vocab,
        &mut budget,
        Some(&mut facts),
    )?;
    budget.charge(n_class)?;
    let vocab_class = c.get(Col::VocabClass).take(n_class)?.to_vec();
    let shapes = Shapes::new(&mut c, vocab.len(), n_seps, n_shapes, n_top, &mut budget)?;
    let VocabFacts { sizes, ties } = facts;
    let tables = Tables {
        pool,
        vocab: Arc::new(vocab),
        sizes,
        shapes,
    };
    let mut names = NameDecoder::new(&tables);
    budget.charge(n_name_lens.saturating_add(n_tokens.saturating_mul(size_of::<u32>())))?;
    names.lens = Vec::with_capacity(n_name_lens.min(c.get(Col::NameModes).remaining()));
    names.tokens = Vec::with_capacity(n_tokens.min(c.get(Col::NameTokens).remaining()));

    // Each entry takes at least its flags byte, which bounds the checkpoints.
    let mut checkpoints =
        Vec::with_capacity(n_entries.min(c.get(Col::EntryFlags).remaining()) / CHECKPOINT + 1);
    let mut prev_id: i64 = 0;
    let mut total_names = 0usize;
    for i in 0..n_entries {
        if i % CHECKPOINT == 0 {
            checkpoints.push(Checkpoint {
                pos: c.positions(),
                prev_id,
            });
        }
        budget.charge(size_of::<Entry>())?;
        total_names += walk_entry(&mut c, &tables, &mut names, &mut prev_id, &mut budget, v)?;
    }
    // Token counts and ids stored after the last name (data that did not fit its names).
    let extra = c.get(Col::NameTokenCount).remaining();
    names
        .lens
        .extend_from_slice(c.get(Col::NameTokenCount).take(extra)?);
    names.local.clear();
    while c.get(Col::NameTokens).remaining() > 0 && names.tokens.len() < n_tokens {
        let t = names.token(&mut c)?;
        names.tokens.push(t);
    }
    c.finish()?;
    if names.lens.len() != n_name_lens {
        return Err(Error::corrupt(format!(
            "normalized tokens: {} token counts stored, but the counts say {n_name_lens}",
            names.lens.len()
        )));
    }
    if names.tokens.len() != n_tokens {
        return Err(Error::corrupt(format!(
            "normalized tokens: the token counts add up to {}, but {n_tokens} tokens are stored",
            names.tokens.len()
        )));
    }
    let mut tokens = Tokens {
        vocab: tables.vocab.clone(),
        vocab_class,
        name_lens: names.lens,
        name_tokens: names.tokens,
        checked: false,
    };
    check_tokens(total_names, &tokens, &ties)?;
    tokens.checked = true;
    let store = EntryStore {
        cols,
        tables,
        checkpoints,
        len: n_entries,
    };
    Ok((tokens, store))
}

/// The columns of a compressed payload.
#[cfg(not(feature = "wasm"))]
fn inflate_payload(frame: &Frame<'_>) -> Result<Vec<Vec<u8>>> {
    if frame.codec == CODEC_DEFLATE_COLUMNS {
        Ok(inflate_columns(frame.payload, frame.raw_len)?
            .into_iter()
            .map(std::borrow::Cow::into_owned)
            .collect())
    } else {
        split(&inflate(frame.payload, frame.raw_len, "the payload")?)
    }
}

/// The wasm build ships no decompressor: the browser's bundle is stored and sent compressed by
/// HTTP, which the browser decompresses natively (12.6 KB of gzipped wasm saved).
#[cfg(feature = "wasm")]
fn inflate_payload(frame: &Frame<'_>) -> Result<Vec<Vec<u8>>> {
    Err(Error::new(ErrorKind::Compressed {
        codec: codec_name(frame.codec),
    }))
}

/// Splits a [`CODEC_STORED`] or inflated [`CODEC_DEFLATE`] payload: each column as a varint length and its bytes.
fn split(raw: &[u8]) -> Result<Vec<Vec<u8>>> {
    let mut r = Reader::new(raw, "payload");
    let mut cols = Vec::with_capacity(Col::ALL.len());
    for _ in Col::ALL {
        let n = r.len()?;
        cols.push(r.take(n)?.to_vec());
    }
    r.finish()?;
    Ok(cols)
}

/// Inflates `z`, which must give exactly `len` bytes (and is not inflated past them).
#[cfg(not(feature = "wasm"))]
fn inflate(z: &[u8], len: usize, what: &str) -> Result<Vec<u8>> {
    Inflater::default().inflate(z, len, what)
}

/// A raw-deflate decoder, reused for every column (its state is 11 KB).
#[cfg(not(feature = "wasm"))]
#[derive(Default)]
struct Inflater(Box<miniz_oxide::inflate::core::DecompressorOxide>);

/// Bytes the decoder writes per call. A column is inflated in steps so that the decoder is
/// called often: V8 starts wasm code in its baseline compiler and switches a function to its
/// optimizing tier only on a later call, so one call per 300 KB column would run in baseline
/// code to the end.
#[cfg(not(feature = "wasm"))]
const INFLATE_STEP: usize = 16 * 1024;

#[cfg(not(feature = "wasm"))]
impl Inflater {
    /// As [`inflate`]: into an output buffer of the declared size (at most what deflate can
    /// expand `z` to, about 1032:1), instead of a buffer that doubles.
    fn inflate(&mut self, z: &[u8], len: usize, what: &str) -> Result<Vec<u8>> {
        use miniz_oxide::inflate::core::{decompress, inflate_flags};
        use miniz_oxide::inflate::TINFLStatus;
        let most = z.len().saturating_mul(1032).saturating_add(64);
        let mut out = vec![0; len.min(most)];
        self.0.init();
        let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
        let (mut read, mut wrote) = (0usize, 0usize);
        let status = loop {
            let limit = wrote.saturating_add(INFLATE_STEP).min(out.len());
            let rest = z.get(read..).unwrap_or_default();
            let (status, r, w) = decompress(&mut self.0, rest, &mut out[..limit], wrote, flags);
            read += r;
            wrote += w;
            // Out of room only in this step's slice (with progress): go on.
            if status != TINFLStatus::HasMoreOutput || limit == out.len() || r + w == 0 {
                break status;
            }
        };
        match status {
            TINFLStatus::Done if wrote == len => Ok(out),
            TINFLStatus::Done => Err(Error::corrupt(format!(
                "{what} inflates to {wrote} bytes, not the {len} bytes its header declares"
            ))),
            s => Err(Error::corrupt(format!("{what} does not inflate ({s:?})"))),
        }
    }
}

/// Splits and inflates a [`CODEC_DEFLATE_COLUMNS`] payload (see `write::deflate_columns`).
/// The columns' raw sizes, each with its varint length, must add up to `raw_len`, the bound
/// checked by [`frame`], before anything is inflated past it.
#[cfg(not(feature = "wasm"))]
fn inflate_columns(payload: &[u8], raw_len: usize) -> Result<Vec<std::borrow::Cow<'_, [u8]>>> {
    use std::borrow::Cow;
    let mut r = Reader::new(payload, "payload");
    let mut left = raw_len;
    let mut cols = Vec::with_capacity(Col::ALL.len());
    let mut inflater = Inflater::default();
    for col in Col::ALL {
        let n = r.len()?;
        let framed = n.saturating_add(varint_len(n));
        left = left.checked_sub(framed).ok_or_else(|| {
            r.invalid(format_args!(
                "column {} is larger than the {raw_len} bytes the header declares",
                col.name()
            ))
        })?;
        cols.push(match r.len()? {
            0 => Cow::Borrowed(r.take(n)?),
            z => Cow::Owned(inflater.inflate(r.take(z)?, n, col.name())?),
        });
    }
    r.finish()?;
    if left != 0 {
        return Err(r.invalid(format_args!(
            "the columns add up to {} bytes, not the {raw_len} bytes the header declares",
            raw_len - left
        )));
    }
    Ok(cols)
}

/// Bytes of the varint encoding of `n`.
#[cfg(not(feature = "wasm"))]
fn varint_len(n: usize) -> usize {
    let mut len = 1;
    let mut n = n >> 7;
    while n > 0 {
        len += 1;
        n >>= 7;
    }
    len
}

/// Memory the decoder may still allocate; see [`MAX_DECODED_BYTES`].
struct Budget(usize);

impl Budget {
    /// Takes `n` bytes from the budget. Inline at its call sites (one per decoded field, called
    /// about 100,000 times at load), with the error out of line.
    #[inline(always)]
    fn charge(&mut self, n: usize) -> Result<()> {
        match self.0.checked_sub(n) {
            Some(left) => {
                self.0 = left;
                Ok(())
            }
            None => Err(Budget::exceeded()),
        }
    }

    #[cold]
    #[inline(never)]
    fn exceeded() -> Error {
        Error::corrupt(format!(
            "the decoded bundle would take more than the {} MiB memory limit",
            MAX_DECODED_BYTES >> 20
        ))
    }
}

/// The payload's columns as readers, one per [`Col`].
struct Cols<'a>([Reader<'a>; Col::ALL.len()]);

impl<'a> Cols<'a> {
    /// Readers over the columns, one per [`Col`] in order.
    fn new(cols: &'a [Vec<u8>]) -> Result<Cols<'a>> {
        if cols.len() != Col::ALL.len() {
            return Err(Error::corrupt(format!(
                "payload: {} columns, not {}",
                cols.len(),
                Col::ALL.len()
            )));
        }
        Ok(Cols(std::array::from_fn(|i| {
            Reader::new(&cols[i], Col::ALL[i].name())
        })))
    }

    /// Readers at the positions of a [`Checkpoint`] taken over the same columns.
    fn at(cols: &'a [Vec<u8>], pos: &[u32; Col::ALL.len()]) -> Result<Cols<'a>> {
        let mut c = Cols::new(cols)?;
        for (r, &p) in c.0.iter_mut().zip(pos) {
            r.seek(p as usize)?;
        }
        Ok(c)
    }

    /// Where each reader stands.
    fn positions(&self) -> [u32; Col::ALL.len()] {
        // The payload is at most `MAX_RAW_BYTES` (64 MiB), so positions fit a u32.
        std::array::from_fn(|i| self.0[i].position() as u32)
    }

    fn get(&mut self, col: Col) -> &mut Reader<'a> {
        &mut self.0[col as usize]
    }

    fn finish(&self) -> Result<()> {
        self.0.iter().try_for_each(Reader::finish)
    }
}

/// How often [`decode_lazy`] records where the decoder stands: an entry is decoded by walking
/// from the checkpoint before it (at most `CHECKPOINT - 1` entries skipped).
const CHECKPOINT: usize = 8;

/// Where the decoder stood before an entry.
#[derive(Clone, Debug)]
struct Checkpoint {
    pos: [u32; Col::ALL.len()],
    prev_id: i64,
}

/// Flag of [`Tables::sizes`]: the token is plain.
const PLAIN: u32 = 1 << 31;

/// The tables every entry refers to: the string pool, the vocab and the name shapes.
#[derive(Debug)]
struct Tables {
    pool: Texts,
    vocab: Arc<Texts>,
    /// Per vocab token: its length in bytes, with [`PLAIN`] set for a token of ASCII letters
    /// and digits only (see [`NameText::Shape`]): one lookup per token for both.
    sizes: Vec<u32>,
    shapes: Shapes,
}

/// The name tables (see `write::NamePlan`): separators, shapes and frequent tokens.
#[derive(Debug)]
struct Shapes {
    seps: Vec<String>,
    /// Separator indices of each shape, concatenated; `shape_ends[i]` is the end of shape i.
    shape_seps: Vec<u32>,
    shape_ends: Vec<usize>,
    top: Vec<u32>,
    /// Each shape's skeleton (its separators joined by `a`), concatenated; shape `i`'s ends at
    /// `skeleton_ends[i]`.
    skeletons: String,
    skeleton_ends: Vec<usize>,
}

impl Shapes {
    /// The skeleton of shape `i`: its separators with `a` for each token (see
    /// [`NameText::Shape`]).
    fn skeleton(&self, i: usize) -> &str {
        let start = i.checked_sub(1).map_or(0, |p| self.skeleton_ends[p]);
        &self.skeletons[start..self.skeleton_ends[i]]
    }

    #[inline(never)]
    fn new(
        c: &mut Cols<'_>,
        n_vocab: usize,
        n_seps: usize,
        n_shapes: usize,
        n_top: usize,
        budget: &mut Budget,
    ) -> Result<Shapes> {
        let mut seps = Vec::with_capacity(n_seps.min(c.get(Col::SepLen).remaining()));
        for _ in 0..n_seps {
            budget.charge(size_of::<String>())?;
            let s = text(c, Col::SepLen, Col::SepText, budget)?;
            seps.push(s.to_owned());
        }
        let mut shape_seps = Vec::new();
        let mut shape_ends = Vec::with_capacity(n_shapes.min(c.get(Col::ShapeLen).remaining()));
        let mut skeletons = String::new();
        let mut skeleton_ends = Vec::with_capacity(shape_ends.capacity());
        for _ in 0..n_shapes {
            let n = c.get(Col::ShapeLen).len()?;
            if n == 0 || n > 256 {
                return Err(c
                    .get(Col::ShapeLen)
                    .invalid(format_args!("a shape has {n} separators (1 to 256)")));
            }
            budget.charge(n.saturating_mul(size_of::<u32>()) + size_of::<usize>())?;
            let r = c.get(Col::ShapeSeps);
            for i in 0..n {
                let s = r.varint()?;
                let Some(sep) = seps.get(s as usize) else {
                    return Err(r.invalid(format_args!("separator {s} is out of range")));
                };
                // Charged before it is copied: a forged shape can repeat a long separator.
                budget.charge(sep.len() + 1)?;
                if i > 0 {
                    skeletons.push('a');
                }
                skeletons.push_str(sep);
                shape_seps.push(s);
            }
            shape_ends.push(shape_seps.len());
            skeleton_ends.push(skeletons.len());
        }
        let mut top = Vec::with_capacity(n_top.min(c.get(Col::TopTokens).remaining()));
        budget.charge(n_top.saturating_mul(size_of::<u32>()))?;
        for _ in 0..n_top.min(layout::TOP_TOKENS.saturating_add(1)) {
            let r = c.get(Col::TopTokens);
            let t = r.varint()?;
            if t as usize >= n_vocab {
                return Err(r.invalid(format_args!("token id {t} is outside the vocab")));
            }
            top.push(t);
        }
        if n_top > layout::TOP_TOKENS {
            return Err(c.get(Col::TopTokens).invalid(format_args!(
                "{n_top} frequent tokens, more than {}",
                layout::TOP_TOKENS
            )));
        }
        Ok(Shapes {
            seps,
            shape_seps,
            shape_ends,
            top,
            skeletons,
            skeleton_ends,
        })
    }
}

/// The token data of a bundle ([`NormData`] with the vocab shared with the [`EntryStore`]).
#[derive(Debug)]
pub(crate) struct Tokens {
    pub(crate) vocab: Arc<Texts>,
    pub(crate) vocab_class: Vec<u8>,
    pub(crate) name_lens: Vec<u8>,
    pub(crate) name_tokens: Vec<u32>,
    /// The tokens passed [`check_tokens`] (as every bundle's do): sorted and unique vocab with
    /// a known class per token, counts that add up, ids inside the vocab.
    pub(crate) checked: bool,
}

impl Tokens {
    /// Token data of decoded entries, as [`Tokens`].
    pub(crate) fn from_norm(norm: NormData) -> Tokens {
        Tokens {
            vocab: Arc::new(norm.vocab.into_iter().collect()),
            vocab_class: norm.vocab_class,
            name_lens: norm.name_lens,
            name_tokens: norm.name_tokens,
            checked: false,
        }
    }

    /// As [`NormData`].
    pub(crate) fn into_norm(self) -> NormData {
        NormData {
            vocab: self.vocab.to_vec(),
            vocab_class: self.vocab_class,
            name_lens: self.name_lens,
            name_tokens: self.name_tokens,
        }
    }
}

/// The entries of a bundle, kept encoded (the inflated columns with the tables they refer to)
/// and decoded one at a time. Only [`decode_lazy`] makes one, after it checked every entry.
#[derive(Debug)]
pub(crate) struct EntryStore {
    cols: Vec<Vec<u8>>,
    tables: Tables,
    checkpoints: Vec<Checkpoint>,
    len: usize,
}

impl EntryStore {
    /// Number of entries.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Decodes entry `i`.
    pub(crate) fn decode(&self, i: usize) -> Result<Entry> {
        let Some(cp) = self
            .checkpoints
            .get(i / CHECKPOINT)
            .filter(|_| i < self.len)
        else {
            return Err(Error::corrupt(format!(
                "entry {i} does not exist ({} entries)",
                self.len
            )));
        };
        let mut walk = self.walk_from(cp)?;
        for _ in 0..i % CHECKPOINT {
            walk.step(&mut Skip)?;
        }
        let mut out = Materialize(Vec::with_capacity(1));
        walk.step(&mut out)?;
        out.0
            .pop()
            .ok_or_else(|| Error::corrupt(format!("entry {i} did not decode")))
    }

    /// Decodes every entry, in order.
    pub(crate) fn decode_all(&self) -> Result<Vec<Entry>> {
        let mut out = Materialize(Vec::with_capacity(self.len));
        if let Some(cp) = self.checkpoints.first() {
            let mut walk = self.walk_from(cp)?;
            for _ in 0..self.len {
                walk.step(&mut out)?;
            }
        }
        Ok(out.0)
    }

    /// A walk over the entries that starts at a checkpoint.
    fn walk_from(&self, cp: &Checkpoint) -> Result<StoreWalk<'_>> {
        Ok(StoreWalk {
            c: Cols::at(&self.cols, &cp.pos)?,
            tables: &self.tables,
            names: NameDecoder::new(&self.tables),
            prev_id: cp.prev_id,
            budget: Budget(MAX_DECODED_BYTES),
        })
    }
}

/// The state [`walk_entry`] carries from one entry to the next, in a stored bundle.
struct StoreWalk<'a> {
    c: Cols<'a>,
    tables: &'a Tables,
    names: NameDecoder<'a>,
    prev_id: i64,
    budget: Budget,
}

impl StoreWalk<'_> {
    /// Walks the next entry, handing it to `v`.
    fn step(&mut self, v: &mut dyn Visit) -> Result<()> {
        walk_entry(
            &mut self.c,
            self.tables,
            &mut self.names,
            &mut self.prev_id,
            &mut self.budget,
            v,
        )
        .map(drop)
    }
}

/// An entry's id as stored: a canonical decimal number, or text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EntryId<'a> {
    /// A decimal id (OFAC uid).
    Numeric(u32),
    /// Any other id (UN `KPi.066`).
    Text(&'a str),
}

impl EntryId<'_> {
    /// Whether the id, written out, starts with `prefix`.
    pub(crate) fn starts_with(self, prefix: &str) -> bool {
        match self {
            EntryId::Numeric(n) => n.to_string().starts_with(prefix),
            EntryId::Text(s) => s.starts_with(prefix),
        }
    }
}

/// The string fields of an entry that come from the string pool, in file order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    /// [`Entry::programs`].
    Program,
    /// [`Entry::pobs`].
    Pob,
    /// [`Entry::nationalities`].
    Nationality,
    /// [`Entry::address_countries`].
    AddressCountry,
    /// [`Entry::linked_to`].
    LinkedTo,
}

/// The head of an entry: everything before its names.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Head<'a> {
    pub(crate) list: ListId,
    pub(crate) kind: EntryKind,
    pub(crate) gender: Option<Gender>,
    pub(crate) id: EntryId<'a>,
    /// Capacity hints for names, programs, dates of birth, places of birth, nationalities,
    /// address countries, identifiers and linked-to names (never more than the data holds).
    pub(crate) sizes: [usize; 8],
}

/// The text of a name, as [`Visit::name`] gets it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameText<'a> {
    /// The name as listed.
    Text(&'a str),
    /// Only for a visitor without [`Visit::name_text`]: a name rebuilt from tokens that are all
    /// ASCII letters and digits, given as its shape number and the shape's skeleton, the text
    /// with each token written `a` (`SONG, Kum-hyok` is shape `["", ", ", "-", ""]`, skeleton
    /// `a, a-a`). The skeleton has the text's separators, and a word wherever the text has one.
    Shape(u32, &'a str),
}

/// Receives an entry's fields as the decoder reads them: [`Visit::entry`], then every name,
/// program, date of birth, place of birth, nationality, address country, linked-to name and
/// identifier in that order, then [`Visit::end`].
pub(crate) trait Visit {
    /// Whether [`Visit::name`] needs the text of every name; without it, names rebuilt from
    /// tokens may come as [`NameText::Shape`], and are not spelled out.
    fn name_text(&self) -> bool {
        true
    }
    /// How many entries and names follow (as the bundle declares them: a capacity hint).
    fn counts(&mut self, _entries: usize, _names: usize) {}
    /// Whether [`Visit::field`] wants the values of `field`; without it, they are checked but
    /// not reported.
    fn wants(&self, _field: Field) -> bool {
        true
    }
    /// A new entry begins.
    fn entry(&mut self, head: Head<'_>);
    /// One name.
    fn name(&mut self, kind: NameKind, text: NameText<'_>);
    /// One pooled string, with its place in the bundle's string pool (`None` for decoded
    /// entries): the same place is the same string.
    fn field(&mut self, field: Field, value: &str, pooled: Option<u32>);
    /// One date of birth.
    fn dob(&mut self, dob: DateSpec);
    /// One identifier.
    fn identifier(&mut self, kind: IdKind, value: &str, detail: Option<&str>);
    /// The entry ends.
    fn end(&mut self);
}

/// Reports the fields of a decoded entry to `v`, as [`decode_lazy`] would for its encoding.
pub(crate) fn visit_entry(e: &Entry, v: &mut impl Visit) {
    v.entry(Head {
        list: e.list,
        kind: e.kind,
        gender: e.gender,
        id: EntryId::Text(&e.id),
        sizes: [
            e.names.len(),
            e.programs.len(),
            e.dobs.len(),
            e.pobs.len(),
            e.nationalities.len(),
            e.address_countries.len(),
            e.identifiers.len(),
            e.linked_to.len(),
        ],
    });
    for n in &e.names {
        v.name(n.kind, NameText::Text(&n.text));
    }
    for s in &e.programs {
        v.field(Field::Program, s, None);
    }
    for d in &e.dobs {
        v.dob(*d);
    }
    for (field, values) in [
        (Field::Pob, &e.pobs),
        (Field::Nationality, &e.nationalities),
        (Field::AddressCountry, &e.address_countries),
        (Field::LinkedTo, &e.linked_to),
    ] {
        for s in values {
            v.field(field, s, None);
        }
    }
    for i in &e.identifiers {
        v.identifier(i.kind, &i.value, i.detail.as_deref());
    }
    v.end();
}

/// A visitor that keeps nothing.
struct Skip;

impl Visit for Skip {
    fn name_text(&self) -> bool {
        false
    }
    fn wants(&self, _: Field) -> bool {
        false
    }
    fn entry(&mut self, _: Head<'_>) {}
    fn name(&mut self, _: NameKind, _: NameText<'_>) {}
    fn field(&mut self, _: Field, _: &str, _: Option<u32>) {}
    fn dob(&mut self, _: DateSpec) {}
    fn identifier(&mut self, _: IdKind, _: &str, _: Option<&str>) {}
    fn end(&mut self) {}
}

/// A visitor that builds the [`Entry`] values.
struct Materialize(Vec<Entry>);

impl Materialize {
    fn last(&mut self) -> Option<&mut Entry> {
        self.0.last_mut()
    }
}

impl Visit for Materialize {
    fn entry(&mut self, h: Head<'_>) {
        let [names, programs, dobs, pobs, nats, addrs, idents, linked] = h.sizes;
        self.0.push(Entry {
            list: h.list,
            id: match h.id {
                EntryId::Numeric(n) => n.to_string(),
                EntryId::Text(s) => s.to_owned(),
            },
            kind: h.kind,
            names: Vec::with_capacity(names),
            programs: Vec::with_capacity(programs),
            dobs: Vec::with_capacity(dobs),
            pobs: Vec::with_capacity(pobs),
            nationalities: Vec::with_capacity(nats),
            address_countries: Vec::with_capacity(addrs),
            gender: h.gender,
            identifiers: Vec::with_capacity(idents),
            linked_to: Vec::with_capacity(linked),
        });
    }

    fn name(&mut self, kind: NameKind, text: NameText<'_>) {
        // `name_text` is set, so every name comes as text.
        let (NameText::Text(text) | NameText::Shape(_, text)) = text;
        if let Some(e) = self.last() {
            e.names.push(Name {
                text: text.to_owned(),
                kind,
            });
        }
    }

    fn field(&mut self, field: Field, value: &str, _: Option<u32>) {
        if let Some(e) = self.last() {
            let list = match field {
                Field::Program => &mut e.programs,
                Field::Pob => &mut e.pobs,
                Field::Nationality => &mut e.nationalities,
                Field::AddressCountry => &mut e.address_countries,
                Field::LinkedTo => &mut e.linked_to,
            };
            list.push(value.to_owned());
        }
    }

    fn dob(&mut self, dob: DateSpec) {
        if let Some(e) = self.last() {
            e.dobs.push(dob);
        }
    }

    fn identifier(&mut self, kind: IdKind, value: &str, detail: Option<&str>) {
        if let Some(e) = self.last() {
            e.identifiers.push(Identifier {
                kind,
                value: value.to_owned(),
                detail: detail.map(str::to_owned),
            });
        }
    }

    fn end(&mut self) {}
}

/// Decodes names (see `write::NamePlan`) one at a time, collecting the token counts and ids
/// of [`NormData`] on the way.
struct NameDecoder<'t> {
    vocab: &'t Texts,
    sizes: &'t [u32],
    shapes: &'t Shapes,
    /// The current entry's distinct tokens so far (see [`layout::LOCAL_TOKENS`]).
    local: Vec<u32>,
    lens: Vec<u8>,
    tokens: Vec<u32>,
    /// The text of the last name rebuilt from its tokens.
    buf: String,
}

impl<'t> NameDecoder<'t> {
    fn new(tables: &'t Tables) -> NameDecoder<'t> {
        NameDecoder {
            vocab: &tables.vocab,
            sizes: &tables.sizes,
            shapes: &tables.shapes,
            local: Vec::with_capacity(layout::LOCAL_TOKENS),
            lens: Vec::new(),
            tokens: Vec::new(),
            buf: String::new(),
        }
    }

    /// Reads one token code and returns its vocab id. Inline at its call sites: called for
    /// every token of every name (170,000 at load), mostly in a wasm engine's baseline tier,
    /// which pays for each call that returns a `Result` through memory.
    #[inline(always)]
    fn token(&mut self, c: &mut Cols<'_>) -> Result<u32> {
        let r = c.get(Col::NameTokens);
        let code = r.varint()? as usize;
        let id = match code.checked_sub(layout::LOCAL_TOKENS) {
            None => self.local.get(code).copied(),
            Some(global) => match global.checked_sub(layout::TOP_TOKENS) {
                None => self.shapes.top.get(global).copied(),
                Some(id) => (id < self.vocab.len()).then_some(id as u32),
            },
        };
        let Some(id) = id else {
            return Err(self.bad_code(r, code));
        };
        if code >= layout::LOCAL_TOKENS && self.local.len() < layout::LOCAL_TOKENS {
            self.local.push(id);
        }
        Ok(id)
    }

    /// The error for a token code [`NameDecoder::token`] cannot resolve.
    #[cold]
    #[inline(never)]
    fn bad_code(&self, r: &Reader<'_>, code: usize) -> Error {
        if code < layout::LOCAL_TOKENS {
            r.invalid(format_args!(
                "token code {code} refers to one of the entry's {} tokens so far",
                self.local.len()
            ))
        } else {
            r.invalid(format_args!("token code {code} is outside the vocab"))
        }
    }

    /// Decodes one name and appends its token count and ids. Its text is stored text as it is,
    /// or a name rebuilt from its tokens: in `self.buf`, or (unless `text`) its shape.
    fn name<'c>(
        &mut self,
        c: &mut Cols<'c>,
        budget: &mut Budget,
        text: bool,
    ) -> Result<Decoded<'c>> {
        let r = c.get(Col::NameModes);
        match r.u8()? {
            layout::NAME_EXPLICIT => {
                let s = self::text(c, Col::NameLen, Col::Names, budget)?;
                let n = c.get(Col::NameTokenCount).u8()?;
                self.lens.push(n);
                for _ in 0..n {
                    let t = self.token(c)?;
                    self.tokens.push(t);
                }
                Ok(Decoded::Stored(s))
            }
            layout::NAME_TOKENIZED => {
                let shapes = self.shapes;
                let r = c.get(Col::NameShapes);
                let index = r.len()?;
                let start = match index.checked_sub(1) {
                    None => 0,
                    Some(p) => *shapes.shape_ends.get(p).unwrap_or(&usize::MAX),
                };
                let Some(&end) = shapes.shape_ends.get(index) else {
                    return Err(r.invalid(format_args!("shape {index} is out of range")));
                };
                let shape = shapes
                    .shape_seps
                    .get(start..end)
                    .map_or(0..0, |_| start..end);
                let n_tokens = shape.len().saturating_sub(1);
                let r = c.get(Col::NameCase);
                let case = r.u8()?;
                if case > layout::CASE_PER_TOKEN {
                    return Err(r.invalid(format_args!("unknown case {case}")));
                }
                self.buf.clear();
                let first = self.tokens.len();
                let mut plain = true;
                if text {
                    for (i, at) in shape.clone().enumerate() {
                        let sep = self.sep(at);
                        // Charged before it is copied: a forged name can repeat a long token.
                        budget.charge(sep.len())?;
                        self.buf.push_str(sep);
                        if i == n_tokens {
                            break;
                        }
                        let id = self.token(c)?;
                        self.tokens.push(id);
                        let k = if case == layout::CASE_PER_TOKEN {
                            c.get(Col::TokenCase).u8()?
                        } else {
                            case
                        };
                        budget.charge(self.vocab.len_of(id as usize))?;
                        let tok = self.vocab.get(id as usize).unwrap_or("");
                        layout::push_cased(&mut self.buf, tok, k);
                    }
                } else {
                    // The separators are not copied: charged at once, as the skeleton's length
                    // without its `a` per token.
                    let skeleton = shapes.skeleton_ends.get(index).map_or(0, |&e| {
                        e - index.checked_sub(1).map_or(0, |p| shapes.skeleton_ends[p])
                    });
                    budget.charge(skeleton.saturating_sub(n_tokens))?;
                    // The tokens' texts, charged together after the name (255 tokens of at
                    // most 2^31 bytes each: no overflow).
                    let mut text_bytes = 0u64;
                    let mut flags = PLAIN;
                    for _ in 0..n_tokens {
                        let id = self.token(c)?;
                        self.tokens.push(id);
                        if case == layout::CASE_PER_TOKEN {
                            c.get(Col::TokenCase).u8()?;
                        }
                        let size = self.sizes.get(id as usize).copied().unwrap_or(0);
                        text_bytes += u64::from(size & !PLAIN);
                        flags &= size;
                    }
                    budget.charge(usize::try_from(text_bytes).unwrap_or(usize::MAX))?;
                    plain = flags & PLAIN != 0;
                }
                // A shape has at most 256 separators, so at most 255 tokens.
                self.lens.push(u8::try_from(n_tokens).unwrap_or(u8::MAX));
                if text {
                    return Ok(Decoded::Built);
                }
                if plain {
                    return Ok(Decoded::Shape(index as u32));
                }
                // Tokens a skeleton does not stand for: spelled out (letter case changes no
                // letter, digit, comma or other character into another kind).
                for (i, at) in shape.enumerate() {
                    let sep = self.sep(at);
                    self.buf.push_str(sep);
                    if let Some(&id) = self.tokens.get(first + i) {
                        let tok = self.vocab.get(id as usize).unwrap_or("");
                        self.buf.push_str(tok);
                    }
                }
                Ok(Decoded::Built)
            }
            m => Err(r.invalid(format_args!("unknown name mode {m}"))),
        }
    }

    /// The separator at `at` in the concatenated shapes.
    fn sep(&self, at: usize) -> &'t str {
        let shapes = self.shapes;
        shapes
            .shape_seps
            .get(at)
            .and_then(|&s| shapes.seps.get(s as usize))
            .map_or("", String::as_str)
    }
}

/// A name as [`NameDecoder::name`] decoded it.
enum Decoded<'c> {
    /// Stored text.
    Stored(&'c str),
    /// Rebuilt in [`NameDecoder::buf`].
    Built,
    /// Rebuilt from plain tokens (see [`NameText::Shape`]), not spelled out.
    Shape(u32),
}

/// What [`front_decoded`] finds out about the vocab while it decodes it.
#[derive(Default)]
struct VocabFacts {
    /// Per string: its byte length, with [`PLAIN`] set for a string of ASCII letters and
    /// digits only (see [`Tables::sizes`]).
    sizes: Vec<u32>,
    /// The strings equal to the one before them (the same text with another token class).
    ties: Vec<u32>,
}

/// Whether a byte is an ASCII letter or digit ([`PLAIN`]), by table: one load per byte.
static PLAIN_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Whether every byte of `bytes` is an ASCII letter or digit.
fn all_plain(bytes: &[u8]) -> bool {
    bytes.iter().all(|&b| PLAIN_BYTE[usize::from(b)])
}

/// Decodes `n` front-coded strings (see `write::front_code`).
///
/// With `facts`, the strings must be sorted (each one at least the one before it, by bytes);
/// a string only compares with the one before it after their shared prefix, where they
/// nearly always differ at once. `facts` gets the ties and every string's size.
#[inline(never)]
fn front_decoded(
    c: &mut Cols<'_>,
    cols: [Col; 3],
    n: usize,
    budget: &mut Budget,
    mut facts: Option<&mut VocabFacts>,
) -> Result<Texts> {
    let [prefix_col, len_col, text_col] = cols;
    let mut bytes: Vec<u8> = Vec::new();
    let mut ends: Vec<u32> = Vec::with_capacity(n.min(c.get(prefix_col).remaining()));
    if let Some(f) = facts.as_deref_mut() {
        f.sizes.reserve(ends.capacity());
    }
    let mut prev = 0..0;
    // Whether the previous string was plain (and not empty).
    let mut prev_plain = false;
    for i in 0..n {
        let shared = c.get(prefix_col).len()?;
        if shared > prev.len() {
            return Err(c
                .get(prefix_col)
                .invalid("a shared prefix is longer than the previous string"));
        }
        let len = c.get(len_col).len()?;
        let text = c.get(text_col);
        let tail = text.take(len)?;
        budget.charge(
            size_of::<String>()
                .saturating_add(shared)
                .saturating_add(len),
        )?;
        if let Some(f) = facts.as_deref_mut() {
            // `bytes[prev]` is the previous string; this one is its first `shared` bytes, then
            // `tail`.
            let before = &bytes[prev.start + shared..prev.end];
            // Nearly always decided by the first byte after the shared prefix: compared in
            // line, without a call to `memcmp`.
            let order = match (tail.first(), before.first()) {
                (Some(a), Some(b)) if a != b => a.cmp(b),
                _ => tail.cmp(before),
            };
            match order {
                _ if i == 0 => {}
                std::cmp::Ordering::Less => {
                    return Err(c.get(text_col).invalid(format_args!(
                        "the strings are not sorted (string {i} comes before the one ahead of it)"
                    )))
                }
                std::cmp::Ordering::Equal => f.ties.push(i as u32),
                std::cmp::Ordering::Greater => {}
            }
            let head = &bytes[prev.start..prev.start + shared];
            let plain = shared + len > 0 && (prev_plain || all_plain(head)) && all_plain(tail);
            prev_plain = plain;
            // The budget (256 MiB) keeps a length far below the flag.
            let size = (shared + len) as u32 & !PLAIN;
            f.sizes.push(size | if plain { PLAIN } else { 0 });
        }
        let start = bytes.len();
        bytes.extend_from_within(prev.start..prev.start + shared);
        bytes.extend_from_slice(tail);
        // The budget (256 MiB) keeps the total far below 4 GiB.
        ends.push(bytes.len() as u32);
        prev = start..bytes.len();
    }
    // Each string is valid UTF-8 when all of them are and each ends on a character boundary
    // (checked once for all: `from_utf8`, then `Texts::from_parts`).
    String::from_utf8(bytes)
        .ok()
        .and_then(|text| Texts::from_parts(text, ends))
        .ok_or_else(|| c.get(text_col).invalid("a string is not valid UTF-8"))
}

/// Reads a pool index: the index (below the pool's length, so it fits a u32) and its string.
fn pool_string<'p>(
    r: &mut Reader<'_>,
    pool: &'p Texts,
    budget: &mut Budget,
) -> Result<(u32, &'p str)> {
    let i = r.len()?;
    match pool.get(i) {
        Some(s) => {
            budget.charge(s.len())?;
            Ok((i as u32, s))
        }
        None => Err(r.invalid(format_args!(
            "string pool index {i} is out of range ({} strings)",
            pool.len()
        ))),
    }
}

/// Reads `n` pool indices of `field` from `col`, reporting their strings to `v` if it
/// [`Visit::wants`] them. Inline for the many empty lists (no call for them).
#[inline(always)]
fn pooled_list(
    c: &mut Cols<'_>,
    col: Col,
    field: Field,
    n: usize,
    pool: &Texts,
    budget: &mut Budget,
    v: &mut dyn Visit,
) -> Result<()> {
    if n == 0 {
        return Ok(());
    }
    pooled_items(c, col, field, n, pool, budget, v)
}

/// [`pooled_list`] of one item or more.
#[inline(never)]
fn pooled_items(
    c: &mut Cols<'_>,
    col: Col,
    field: Field,
    n: usize,
    pool: &Texts,
    budget: &mut Budget,
    v: &mut dyn Visit,
) -> Result<()> {
    if !v.wants(field) {
        let r = c.get(col);
        for _ in 0..n {
            let i = r.len()?;
            if i >= pool.len() {
                return Err(r.invalid(format_args!(
                    "string pool index {i} is out of range ({} strings)",
                    pool.len()
                )));
            }
            budget.charge(size_of::<String>().saturating_add(pool.len_of(i)))?;
        }
        return Ok(());
    }
    for _ in 0..n {
        budget.charge(size_of::<String>())?;
        let (i, s) = pool_string(c.get(col), pool, budget)?;
        v.field(field, s, Some(i));
    }
    Ok(())
}

/// Reads a string stored as a length in one column and its bytes in another.
fn text<'c>(c: &mut Cols<'c>, len_col: Col, text_col: Col, budget: &mut Budget) -> Result<&'c str> {
    let n = c.get(len_col).len()?;
    let s = c.get(text_col).str(n)?;
    budget.charge(s.len())?;
    Ok(s)
}

/// Decodes one entry, reporting its fields to `v`; returns its number of names.
///
/// One function for every visitor (a `dyn Visit`, not a generic: one copy in the wasm).
/// Not inlined: called once per entry, it is compiled alone, and a wasm engine that starts in
/// a baseline tier optimizes it while the loading loop still runs.
#[inline(never)]
fn walk_entry(
    c: &mut Cols<'_>,
    tables: &Tables,
    names_dec: &mut NameDecoder<'_>,
    prev_id: &mut i64,
    budget: &mut Budget,
    v: &mut dyn Visit,
) -> Result<usize> {
    let pool = &tables.pool;
    let flags_col = c.get(Col::EntryFlags);
    let flags = flags_col.u8()?;
    let bad_flags = || flags_col.invalid(format_args!("invalid entry flags {flags:#04x}"));
    let list = list_from_code(flags & 3).ok_or_else(bad_flags)?;
    let kind = match (flags >> 2) & 3 {
        0 => EntryKind::Individual,
        1 => EntryKind::Entity,
        2 => EntryKind::Vessel,
        _ => EntryKind::Aircraft,
    };
    let gender = match (flags >> 4) & 3 {
        0 => None,
        1 => Some(Gender::Male),
        2 => Some(Gender::Female),
        _ => return Err(bad_flags()),
    };
    if flags & 0x80 != 0 {
        return Err(bad_flags());
    }
    let id = if flags & FLAG_NUMERIC_ID != 0 {
        let r = c.get(Col::NumericIds);
        let delta = unzigzag(r.varint64()?);
        let n = prev_id
            .checked_add(delta)
            .and_then(|n| u32::try_from(n).ok());
        let n = n.ok_or_else(|| r.invalid("a numeric id is out of range"))?;
        *prev_id = i64::from(n);
        budget.charge(10)?;
        EntryId::Numeric(n)
    } else {
        EntryId::Text(text(c, Col::TextIdLen, Col::TextIds, budget)?)
    };

    let fc = c.get(Col::FieldCounts);
    let mut n = [0usize; 8];
    for x in &mut n {
        *x = fc.len()?;
    }
    let [n_names, n_programs, n_dobs, n_pobs, n_nats, n_addrs, n_idents, n_linked] = n;
    // Each element takes at least one byte of its column, which bounds the capacities.
    let cap = |c: &mut Cols<'_>, n: usize, col: Col| n.min(c.get(col).remaining());
    let sizes = [
        cap(c, n_names, Col::NameKinds),
        cap(c, n_programs, Col::Programs),
        cap(c, n_dobs, Col::Dates),
        cap(c, n_pobs, Col::Pobs),
        cap(c, n_nats, Col::Nationalities),
        cap(c, n_addrs, Col::AddressCountries),
        cap(c, n_idents, Col::IdentKinds),
        cap(c, n_linked, Col::LinkedTo),
    ];
    v.entry(Head {
        list,
        kind,
        gender,
        id,
        sizes,
    });

    names_dec.local.clear();
    let name_text = v.name_text();
    for _ in 0..n_names {
        budget.charge(size_of::<Name>())?;
        let r = c.get(Col::NameKinds);
        let code = r.u8()?;
        let kind = name_kind_from_code(code)
            .ok_or_else(|| r.invalid(format_args!("unknown name kind {code}")))?;
        match names_dec.name(c, budget, name_text)? {
            Decoded::Stored(text) => v.name(kind, NameText::Text(text)),
            Decoded::Built => v.name(kind, NameText::Text(&names_dec.buf)),
            Decoded::Shape(i) => {
                let skeleton = tables.shapes.skeleton(i as usize);
                v.name(kind, NameText::Shape(i, skeleton))
            }
        }
    }
    pooled_list(
        c,
        Col::Programs,
        Field::Program,
        n_programs,
        pool,
        budget,
        v,
    )?;
    for _ in 0..n_dobs {
        budget.charge(size_of::<DateSpec>())?;
        v.dob(decode_date(c.get(Col::Dates))?);
    }
    pooled_list(c, Col::Pobs, Field::Pob, n_pobs, pool, budget, v)?;
    pooled_list(
        c,
        Col::Nationalities,
        Field::Nationality,
        n_nats,
        pool,
        budget,
        v,
    )?;
    let (addrs, linked) = (Field::AddressCountry, Field::LinkedTo);
    pooled_list(c, Col::AddressCountries, addrs, n_addrs, pool, budget, v)?;
    pooled_list(c, Col::LinkedTo, linked, n_linked, pool, budget, v)?;
    for _ in 0..n_idents {
        budget.charge(size_of::<Identifier>())?;
        let r = c.get(Col::IdentKinds);
        let code = r.u8()?;
        let kind = id_kind_from_code(code)
            .ok_or_else(|| r.invalid(format_args!("unknown identifier kind {code}")))?;
        let value = text(c, Col::IdentValueLen, Col::IdentValues, budget)?;
        let r = c.get(Col::IdentDetails);
        let detail = match r.len()? {
            0 => None,
            i => match pool.get(i - 1) {
                Some(s) => {
                    budget.charge(s.len())?;
                    Some(s)
                }
                None => {
                    return Err(
                        r.invalid(format_args!("string pool index {} is out of range", i - 1))
                    )
                }
            },
        };
        v.identifier(kind, value, detail);
    }
    v.end();
    Ok(n_names)
}

fn name_kind_from_code(code: u8) -> Option<NameKind> {
    Some(match code {
        0 => NameKind::Primary,
        1 => NameKind::Aka,
        2 => NameKind::Fka,
        3 => NameKind::Nka,
        4 => NameKind::WeakAka,
        5 => NameKind::OriginalScript,
        _ => return None,
    })
}

fn id_kind_from_code(code: u8) -> Option<IdKind> {
    Some(match code {
        0 => IdKind::Email,
        1 => IdKind::Website,
        2 => IdKind::Phone,
        3 => IdKind::Wallet,
        4 => IdKind::Passport,
        5 => IdKind::NationalId,
        _ => return None,
    })
}

fn year(r: &mut Reader<'_>) -> Result<u16> {
    let y = r.varint()?;
    u16::try_from(y).map_err(|_| r.invalid(format_args!("year {y} is out of range")))
}

fn decode_date(r: &mut Reader<'_>) -> Result<DateSpec> {
    Ok(match r.u8()? {
        0 => DateSpec::Day {
            y: year(r)?,
            m: r.u8()?,
            d: r.u8()?,
        },
        1 => DateSpec::Month {
            y: year(r)?,
            m: r.u8()?,
        },
        2 => DateSpec::Year(year(r)?),
        3 => DateSpec::YearRange(year(r)?, year(r)?),
        tag => return Err(r.invalid(format_args!("unknown date tag {tag}"))),
    })
}

/// The invariants the index relies on: one class per vocab token, vocab sorted and unique,
/// one token count per name, counts that add up, and token ids inside the vocab.
///
/// The vocab texts were checked to be sorted as they were decoded ([`front_decoded`], which
/// gives the `ties`: tokens whose text equals the one before), so only the classes of equal
/// texts are left to compare. Token ids were checked as they were decoded
/// ([`NameDecoder::token`] gives only ids inside the vocab).
#[inline(never)]
fn check_tokens(names: usize, norm: &Tokens, ties: &[u32]) -> Result<()> {
    let bad = |what: String| Err(Error::corrupt(format!("normalized tokens: {what}")));
    if norm.vocab_class.len() != norm.vocab.len() {
        return bad(format!(
            "{} classes for {} vocab tokens",
            norm.vocab_class.len(),
            norm.vocab.len()
        ));
    }
    if let Some(c) = norm
        .vocab_class
        .iter()
        .find(|c| TokenClass::from_u8(**c).is_none())
    {
        return bad(format!("unknown token class {c}"));
    }
    for &i in ties {
        let i = i as usize;
        let classes = i
            .checked_sub(1)
            .and_then(|p| Some((*norm.vocab_class.get(p)?, *norm.vocab_class.get(i)?)));
        if !classes.is_some_and(|(a, b)| a < b) {
            return bad(format!(
                "vocab is not sorted and unique by text and class at {:?}",
                norm.vocab.get(i).unwrap_or("")
            ));
        }
    }
    if norm.name_lens.len() != names {
        return bad(format!(
            "{} token counts for {names} names",
            norm.name_lens.len()
        ));
    }
    let total: usize = norm.name_lens.iter().map(|&n| usize::from(n)).sum();
    if total != norm.name_tokens.len() {
        return bad(format!(
            "token counts add up to {total}, but there are {} tokens",
            norm.name_tokens.len()
        ));
    }
    debug_assert!(norm
        .name_tokens
        .iter()
        .all(|&t| (t as usize) < norm.vocab.len()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`front_decoded`] of `n` strings stored as (shared prefix, tail) pairs.
    fn front(pairs: &[(u8, &[u8])]) -> Result<Texts> {
        front_with(pairs, None)
    }

    /// [`front`], giving the strings' [`VocabFacts`] (so checking their order).
    fn front_facts(pairs: &[(u8, &[u8])]) -> Result<(Texts, VocabFacts)> {
        let mut facts = VocabFacts::default();
        let t = front_with(pairs, Some(&mut facts))?;
        Ok((t, facts))
    }

    fn front_with(pairs: &[(u8, &[u8])], facts: Option<&mut VocabFacts>) -> Result<Texts> {
        let mut cols = vec![Vec::new(); Col::ALL.len()];
        for &(shared, tail) in pairs {
            cols[Col::PoolPrefix as usize].push(shared);
            cols[Col::PoolSuffixLen as usize].push(tail.len() as u8);
            cols[Col::PoolSuffix as usize].extend_from_slice(tail);
        }
        let mut c = Cols::new(&cols)?;
        let cols = [Col::PoolPrefix, Col::PoolSuffixLen, Col::PoolSuffix];
        front_decoded(
            &mut c,
            cols,
            pairs.len(),
            &mut Budget(MAX_DECODED_BYTES),
            facts,
        )
    }

    #[test]
    fn vocab_order_ties_and_sizes_come_out_of_decoding() {
        let (t, f) = front_facts(&[
            (0, b""),
            (0, b"ab"),
            (2, b""),
            (2, b"c"),
            (3, b" d"),
            (1, b"z"),
            (2, "é".as_bytes()),
        ])
        .unwrap();
        assert_eq!(t.to_vec(), ["", "ab", "ab", "abc", "abc d", "az", "azé"]);
        // The empty first string is no tie: there is nothing before it.
        assert_eq!(f.ties, [2]);
        let plain: Vec<bool> = f.sizes.iter().map(|s| s & PLAIN != 0).collect();
        assert_eq!(plain, [false, true, true, true, false, true, false]);
        let lens: Vec<u32> = f.sizes.iter().map(|s| s & !PLAIN).collect();
        assert_eq!(lens, [0, 2, 2, 3, 5, 2, 4]);
        // A plain string after one that is not, sharing its plain part.
        let (_, f) = front_facts(&[(0, b"a-"), (1, b"b")]).unwrap();
        assert_eq!(f.sizes, [2, 2 | PLAIN]);
    }

    #[test]
    fn unsorted_vocab_is_corrupt() {
        for pairs in [
            &[(0, &b"b"[..]), (0, b"a")][..],
            &[(0, b"abc"), (2, b"a")],
            &[(0, b"abc"), (3, b""), (2, b"")],
        ] {
            let e = front_facts(pairs).map(drop).unwrap_err();
            assert!(
                matches!(e.kind(), ErrorKind::Corrupt { what } if what.contains("not sorted")),
                "{e}"
            );
        }
        // The pool is not checked for order.
        assert!(front(&[(0, b"b"), (0, b"a")]).is_ok());
    }

    #[test]
    fn equal_vocab_texts_need_increasing_classes() {
        let tokens = |classes: Vec<u8>| Tokens {
            vocab: Arc::new(["ab", "ab"].into_iter().map(String::from).collect()),
            vocab_class: classes,
            name_lens: vec![],
            name_tokens: vec![],
            checked: false,
        };
        assert!(check_tokens(0, &tokens(vec![0, 1]), &[1]).is_ok());
        for classes in [vec![1, 0], vec![1, 1]] {
            let e = check_tokens(0, &tokens(classes), &[1]).unwrap_err();
            assert!(e.to_string().contains("not sorted and unique"), "{e}");
        }
    }

    #[test]
    fn front_coded_strings_are_checked_as_utf8() {
        let t = front(&[(0, "kém".as_bytes()), (3, b"e"), (3, b"")]).unwrap();
        assert_eq!(t.to_vec(), ["kém", "kée", "ké"]);
        // A prefix that cuts a character, a tail that starts inside one, bytes that are no
        // UTF-8 at all: each an error, never a panic.
        let cases: [&[(u8, &[u8])]; 4] = [
            &[(0, "é".as_bytes()), (1, b"")],
            &[(0, "é".as_bytes()), (0, &[0xa9])],
            &[(0, &[0xff])],
            &[(0, b"ab"), (3, b"")],
        ];
        for pairs in cases {
            let e = front(pairs).unwrap_err().to_string();
            assert!(e.contains("UTF-8") || e.contains("prefix"), "{e}");
        }
    }
}
