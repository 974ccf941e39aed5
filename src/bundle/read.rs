//! The bundle reader: verify the frame (magic, version, header CRC, length, file CRC), then
//! inflate the payload within a size limit and decode its columns.
//!
//! Every length is checked before it is used to slice, every count is bounded by the bytes
//! that remain, and every materialized string or element is charged against
//! [`MAX_DECODED_BYTES`], so no input can panic or exhaust memory.

use std::mem::size_of;

use super::layout::{
    self, Col, CODEC_DEFLATE, CODEC_DEFLATE_COLUMNS, FIXED_HEADER_LEN, FLAG_NUMERIC_ID,
    MAX_DECODED_BYTES, MAX_FILE_BYTES, MAX_RAW_BYTES,
};
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
    let computed = crc32fast::hash(&bytes[..16]);
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
    let computed = crc32fast::hash(&bytes[..body_end]);
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
    if codec != CODEC_DEFLATE && codec != CODEC_DEFLATE_COLUMNS {
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

/// Inflates and decodes the payload of a verified frame.
pub(crate) fn decode(frame: Frame<'_>) -> Result<BundleData> {
    let (entries, norm) = if frame.codec == CODEC_DEFLATE_COLUMNS {
        let cols = inflate_columns(frame.payload, frame.raw_len)?;
        decode_columns(Cols::new(cols.iter().map(|c| &c[..]))?)?
    } else {
        let raw = inflate(frame.payload, frame.raw_len, "the payload")?;
        decode_columns(Cols::split(&raw)?)?
    };
    Ok(BundleData {
        meta: frame.meta,
        entries,
        norm,
    })
}

/// Inflates `z`, which must give exactly `len` bytes (and is not inflated past them).
fn inflate(z: &[u8], len: usize, what: &str) -> Result<Vec<u8>> {
    let raw = miniz_oxide::inflate::decompress_to_vec_with_limit(z, len)
        .map_err(|e| Error::corrupt(format!("{what} does not inflate ({:?})", e.status)))?;
    if raw.len() != len {
        return Err(Error::corrupt(format!(
            "{what} inflates to {} bytes, not the {len} bytes its header declares",
            raw.len()
        )));
    }
    Ok(raw)
}

/// Splits and inflates a [`CODEC_DEFLATE_COLUMNS`] payload (see `write::deflate_columns`).
/// The columns' raw sizes, each with its varint length, must add up to `raw_len`, the bound
/// checked by [`frame`], before anything is inflated past it.
fn inflate_columns(payload: &[u8], raw_len: usize) -> Result<Vec<std::borrow::Cow<'_, [u8]>>> {
    use std::borrow::Cow;
    let mut r = Reader::new(payload, "payload");
    let mut left = raw_len;
    let mut cols = Vec::with_capacity(Col::ALL.len());
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
            z => Cow::Owned(inflate(r.take(z)?, n, col.name())?),
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
    fn charge(&mut self, n: usize) -> Result<()> {
        self.0 = self.0.checked_sub(n).ok_or_else(|| {
            Error::corrupt(format!(
                "the decoded bundle would take more than the {} MiB memory limit",
                MAX_DECODED_BYTES >> 20
            ))
        })?;
        Ok(())
    }

    fn string(&mut self, s: &str) -> Result<String> {
        self.charge(s.len())?;
        Ok(s.to_owned())
    }
}

/// The payload's columns as readers, one per [`Col`].
struct Cols<'a>(Vec<Reader<'a>>);

impl<'a> Cols<'a> {
    /// Splits a [`CODEC_DEFLATE`] payload: each column as a varint length and its bytes.
    fn split(raw: &'a [u8]) -> Result<Cols<'a>> {
        let mut r = Reader::new(raw, "payload");
        let mut cols = Vec::with_capacity(Col::ALL.len());
        for col in Col::ALL {
            let n = r.len()?;
            cols.push(Reader::new(r.take(n)?, col.name()));
        }
        r.finish()?;
        Ok(Cols(cols))
    }

    /// Readers over columns already split, one per [`Col`] in order.
    fn new(cols: impl Iterator<Item = &'a [u8]>) -> Result<Cols<'a>> {
        let cols: Vec<Reader<'a>> = Col::ALL
            .iter()
            .zip(cols)
            .map(|(col, bytes)| Reader::new(bytes, col.name()))
            .collect();
        if cols.len() != Col::ALL.len() {
            return Err(Error::corrupt(format!(
                "payload: {} columns, not {}",
                cols.len(),
                Col::ALL.len()
            )));
        }
        Ok(Cols(cols))
    }

    fn get(&mut self, col: Col) -> &mut Reader<'a> {
        // `split` pushes exactly one reader per column, in `Col::ALL` order.
        &mut self.0[col as usize]
    }

    fn finish(&self) -> Result<()> {
        self.0.iter().try_for_each(Reader::finish)
    }
}

fn decode_columns(mut c: Cols<'_>) -> Result<(Vec<Entry>, NormData)> {
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

    let pool = front_decoded(
        &mut c,
        [Col::PoolPrefix, Col::PoolSuffixLen, Col::PoolSuffix],
        n_pool,
        &mut budget,
    )?;
    let vocab = front_decoded(
        &mut c,
        [Col::VocabPrefix, Col::VocabSuffixLen, Col::VocabSuffix],
        n_vocab,
        &mut budget,
    )?;
    budget.charge(n_class)?;
    let vocab_class = c.get(Col::VocabClass).take(n_class)?.to_vec();
    let mut names = NameDecoder::new(&mut c, &vocab, n_seps, n_shapes, n_top, &mut budget)?;
    budget.charge(n_name_lens.saturating_add(n_tokens.saturating_mul(size_of::<u32>())))?;
    names.lens = Vec::with_capacity(n_name_lens.min(c.get(Col::NameModes).remaining()));
    names.tokens = Vec::with_capacity(n_tokens.min(c.get(Col::NameTokens).remaining()));

    let mut entries = Vec::with_capacity(n_entries.min(c.get(Col::EntryFlags).remaining()));
    let mut prev_id: i64 = 0;
    for _ in 0..n_entries {
        budget.charge(size_of::<Entry>())?;
        entries.push(decode_entry(
            &mut c,
            &pool,
            &mut names,
            &mut prev_id,
            &mut budget,
        )?);
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
    let (name_lens, name_tokens) = (names.lens, names.tokens);
    let norm = NormData {
        vocab,
        vocab_class,
        name_lens,
        name_tokens,
    };
    check_norm(&entries, &norm)?;
    Ok((entries, norm))
}

/// Decodes names (see `write::NamePlan`): tables, then one name at a time, collecting the
/// token counts and ids of [`NormData`] on the way.
struct NameDecoder<'v> {
    vocab: &'v [String],
    seps: Vec<String>,
    /// Separator indices of each shape, concatenated; `shape_ends[i]` is the end of shape i.
    shape_seps: Vec<u32>,
    shape_ends: Vec<usize>,
    top: Vec<u32>,
    /// The current entry's distinct tokens so far (see [`layout::LOCAL_TOKENS`]).
    local: Vec<u32>,
    lens: Vec<u8>,
    tokens: Vec<u32>,
}

impl<'v> NameDecoder<'v> {
    fn new(
        c: &mut Cols<'_>,
        vocab: &'v [String],
        n_seps: usize,
        n_shapes: usize,
        n_top: usize,
        budget: &mut Budget,
    ) -> Result<NameDecoder<'v>> {
        let mut seps = Vec::with_capacity(n_seps.min(c.get(Col::SepLen).remaining()));
        for _ in 0..n_seps {
            budget.charge(size_of::<String>())?;
            seps.push(text(c, Col::SepLen, Col::SepText, budget)?);
        }
        let mut shape_seps = Vec::new();
        let mut shape_ends = Vec::with_capacity(n_shapes.min(c.get(Col::ShapeLen).remaining()));
        for _ in 0..n_shapes {
            let n = c.get(Col::ShapeLen).len()?;
            if n == 0 || n > 256 {
                return Err(c
                    .get(Col::ShapeLen)
                    .invalid(format_args!("a shape has {n} separators (1 to 256)")));
            }
            budget.charge(n.saturating_mul(size_of::<u32>()) + size_of::<usize>())?;
            let r = c.get(Col::ShapeSeps);
            for _ in 0..n {
                let s = r.varint()?;
                if s as usize >= seps.len() {
                    return Err(r.invalid(format_args!("separator {s} is out of range")));
                }
                shape_seps.push(s);
            }
            shape_ends.push(shape_seps.len());
        }
        let mut top = Vec::with_capacity(n_top.min(c.get(Col::TopTokens).remaining()));
        budget.charge(n_top.saturating_mul(size_of::<u32>()))?;
        for _ in 0..n_top.min(layout::TOP_TOKENS.saturating_add(1)) {
            let r = c.get(Col::TopTokens);
            let t = r.varint()?;
            if t as usize >= vocab.len() {
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
        Ok(NameDecoder {
            vocab,
            seps,
            shape_seps,
            shape_ends,
            top,
            local: Vec::with_capacity(layout::LOCAL_TOKENS),
            lens: Vec::new(),
            tokens: Vec::new(),
        })
    }

    /// Reads one token code and returns its vocab id.
    fn token(&mut self, c: &mut Cols<'_>) -> Result<u32> {
        let r = c.get(Col::NameTokens);
        let code = r.varint()? as usize;
        let Some(global) = code.checked_sub(layout::LOCAL_TOKENS) else {
            return self.local.get(code).copied().ok_or_else(|| {
                r.invalid(format_args!(
                    "token code {code} refers to one of the entry's {} tokens so far",
                    self.local.len()
                ))
            });
        };
        let id = match global.checked_sub(layout::TOP_TOKENS) {
            None => self.top.get(global).copied(),
            Some(id) => (id < self.vocab.len()).then_some(id as u32),
        };
        let id =
            id.ok_or_else(|| r.invalid(format_args!("token code {code} is outside the vocab")))?;
        if self.local.len() < layout::LOCAL_TOKENS {
            self.local.push(id);
        }
        Ok(id)
    }

    /// Decodes one name's text, and appends its token count and ids.
    fn name(&mut self, c: &mut Cols<'_>, budget: &mut Budget) -> Result<String> {
        let r = c.get(Col::NameModes);
        match r.u8()? {
            layout::NAME_EXPLICIT => {
                let s = text(c, Col::NameLen, Col::Names, budget)?;
                let n = c.get(Col::NameTokenCount).u8()?;
                self.lens.push(n);
                for _ in 0..n {
                    let t = self.token(c)?;
                    self.tokens.push(t);
                }
                Ok(s)
            }
            layout::NAME_TOKENIZED => {
                let r = c.get(Col::NameShapes);
                let shape = r.len()?;
                let start = match shape.checked_sub(1) {
                    None => 0,
                    Some(p) => *self.shape_ends.get(p).unwrap_or(&usize::MAX),
                };
                let Some(&end) = self.shape_ends.get(shape) else {
                    return Err(r.invalid(format_args!("shape {shape} is out of range")));
                };
                let shape = self.shape_seps.get(start..end).map_or(0..0, |_| start..end);
                let n_tokens = shape.len().saturating_sub(1);
                let r = c.get(Col::NameCase);
                let case = r.u8()?;
                if case > layout::CASE_PER_TOKEN {
                    return Err(r.invalid(format_args!("unknown case {case}")));
                }
                let mut buf = String::new();
                for (i, at) in shape.enumerate() {
                    let sep = self
                        .shape_seps
                        .get(at)
                        .and_then(|&s| self.seps.get(s as usize));
                    let sep = sep.map_or("", String::as_str);
                    // Charged before it is copied: a forged name can repeat a long token.
                    budget.charge(sep.len())?;
                    buf.push_str(sep);
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
                    let tok = self.vocab.get(id as usize).map_or("", String::as_str);
                    budget.charge(tok.len())?;
                    layout::push_cased(&mut buf, tok, k);
                }
                // A shape has at most 256 separators, so at most 255 tokens.
                self.lens.push(u8::try_from(n_tokens).unwrap_or(u8::MAX));
                Ok(buf)
            }
            m => Err(r.invalid(format_args!("unknown name mode {m}"))),
        }
    }
}

/// Decodes `n` front-coded strings (see `write::front_code`).
fn front_decoded(
    c: &mut Cols<'_>,
    cols: [Col; 3],
    n: usize,
    budget: &mut Budget,
) -> Result<Vec<String>> {
    let [prefix_col, len_col, text_col] = cols;
    let mut out: Vec<String> = Vec::with_capacity(n.min(c.get(prefix_col).remaining()));
    for _ in 0..n {
        let shared = c.get(prefix_col).len()?;
        let prev = out.last().map_or(&[][..], |s| s.as_bytes());
        let Some(head) = prev.get(..shared) else {
            return Err(c
                .get(prefix_col)
                .invalid("a shared prefix is longer than the previous string"));
        };
        let len = c.get(len_col).len()?;
        let text = c.get(text_col);
        let tail = text.take(len)?;
        budget.charge(
            size_of::<String>()
                .saturating_add(shared)
                .saturating_add(len),
        )?;
        let mut s = Vec::with_capacity(shared + len);
        s.extend_from_slice(head);
        s.extend_from_slice(tail);
        let s = String::from_utf8(s).map_err(|_| text.invalid("a string is not valid UTF-8"))?;
        out.push(s);
    }
    Ok(out)
}

fn pool_string(r: &mut Reader<'_>, pool: &[String], budget: &mut Budget) -> Result<String> {
    let i = r.len()?;
    match pool.get(i) {
        Some(s) => budget.string(s),
        None => Err(r.invalid(format_args!(
            "string pool index {i} is out of range ({} strings)",
            pool.len()
        ))),
    }
}

fn pooled_list(
    c: &mut Cols<'_>,
    col: Col,
    n: usize,
    pool: &[String],
    budget: &mut Budget,
) -> Result<Vec<String>> {
    // Each element takes at least one byte of its column, which bounds the allocation.
    let mut out = Vec::with_capacity(n.min(c.get(col).remaining()));
    for _ in 0..n {
        budget.charge(size_of::<String>())?;
        out.push(pool_string(c.get(col), pool, budget)?);
    }
    Ok(out)
}

fn text(c: &mut Cols<'_>, len_col: Col, text_col: Col, budget: &mut Budget) -> Result<String> {
    let n = c.get(len_col).len()?;
    let s = c.get(text_col).str(n)?;
    budget.string(s)
}

fn decode_entry(
    c: &mut Cols<'_>,
    pool: &[String],
    names_dec: &mut NameDecoder<'_>,
    prev_id: &mut i64,
    budget: &mut Budget,
) -> Result<Entry> {
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
            .filter(|n| u32::try_from(*n).is_ok());
        let n = n.ok_or_else(|| r.invalid("a numeric id is out of range"))?;
        *prev_id = n;
        budget.charge(10)?;
        n.to_string()
    } else {
        text(c, Col::TextIdLen, Col::TextIds, budget)?
    };

    let fc = c.get(Col::FieldCounts);
    let mut n = [0usize; 8];
    for v in &mut n {
        *v = fc.len()?;
    }
    let [n_names, n_programs, n_dobs, n_pobs, n_nats, n_addrs, n_idents, n_linked] = n;

    let mut names = Vec::with_capacity(n_names.min(c.get(Col::NameKinds).remaining()));
    names_dec.local.clear();
    for _ in 0..n_names {
        budget.charge(size_of::<Name>())?;
        let r = c.get(Col::NameKinds);
        let code = r.u8()?;
        let kind = name_kind_from_code(code)
            .ok_or_else(|| r.invalid(format_args!("unknown name kind {code}")))?;
        names.push(Name {
            text: names_dec.name(c, budget)?,
            kind,
        });
    }
    let programs = pooled_list(c, Col::Programs, n_programs, pool, budget)?;
    let mut dobs = Vec::with_capacity(n_dobs.min(c.get(Col::Dates).remaining()));
    for _ in 0..n_dobs {
        budget.charge(size_of::<DateSpec>())?;
        dobs.push(decode_date(c.get(Col::Dates))?);
    }
    let pobs = pooled_list(c, Col::Pobs, n_pobs, pool, budget)?;
    let nationalities = pooled_list(c, Col::Nationalities, n_nats, pool, budget)?;
    let address_countries = pooled_list(c, Col::AddressCountries, n_addrs, pool, budget)?;
    let linked_to = pooled_list(c, Col::LinkedTo, n_linked, pool, budget)?;
    let mut identifiers = Vec::with_capacity(n_idents.min(c.get(Col::IdentKinds).remaining()));
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
                Some(s) => Some(budget.string(s)?),
                None => {
                    return Err(
                        r.invalid(format_args!("string pool index {} is out of range", i - 1))
                    )
                }
            },
        };
        identifiers.push(Identifier {
            kind,
            value,
            detail,
        });
    }
    Ok(Entry {
        list,
        id,
        kind,
        names,
        programs,
        dobs,
        pobs,
        nationalities,
        address_countries,
        gender,
        identifiers,
        linked_to,
    })
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
fn check_norm(entries: &[Entry], norm: &NormData) -> Result<()> {
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
    let key = |i: usize| (&norm.vocab[i], norm.vocab_class[i]);
    if let Some(i) = (1..norm.vocab.len()).find(|&i| key(i - 1) >= key(i)) {
        return bad(format!(
            "vocab is not sorted and unique by text and class at {:?}",
            norm.vocab[i]
        ));
    }
    let names: usize = entries.iter().map(|e| e.names.len()).sum();
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
    if let Some(t) = norm
        .name_tokens
        .iter()
        .find(|&&t| t as usize >= norm.vocab.len())
    {
        return bad(format!(
            "token id {t} is outside the vocab of {} tokens",
            norm.vocab.len()
        ));
    }
    Ok(())
}
