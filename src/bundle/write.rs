//! The bundle writer: [`BundleData`] → columns → deflate → framed, checksummed file.
//!
//! Everything is written in a fixed order from ordered inputs (vectors and a sorted string
//! pool), so identical data gives identical bytes.

use super::layout::{
    self, Col, CODEC_DEFLATE, CODEC_DEFLATE_COLUMNS, CODEC_STORED, DEFLATE_LEVEL, FIXED_HEADER_LEN,
};
use super::wire::{put_len, put_u32, put_varint, put_varint64, zigzag};
use super::{BundleData, Meta, NormData, Profile};
use crate::model::{DateSpec, Entry, EntryKind, Gender, IdKind, ListId, NameKind};

/// Serializes `data` into a complete bundle file. A [`Profile::Screening`] bundle (the
/// browser's) is stored, to be sent compressed by HTTP; any other is compressed with `level`
/// (0-10) in whichever codec gives the smaller payload (ties go to [`CODEC_DEFLATE`]).
pub(crate) fn write_with_level(data: &BundleData, level: u8) -> Vec<u8> {
    let cols = columns(data);
    let raw = join(&cols);
    if data.meta.profile == Profile::Screening.name() {
        return frame(&data.meta, CODEC_STORED, raw.len(), &raw);
    }
    let whole = miniz_oxide::deflate::compress_to_vec(&raw, level);
    let by_column = deflate_columns(&cols, level);
    let (codec, compressed) = if by_column.len() < whole.len() {
        (CODEC_DEFLATE_COLUMNS, by_column)
    } else {
        (CODEC_DEFLATE, whole)
    };
    frame(&data.meta, codec, raw.len(), &compressed)
}

/// The [`CODEC_DEFLATE_COLUMNS`] payload: per column, its varint raw length `n`, the varint
/// length `z` of its deflated bytes (0: stored, the `n` raw bytes follow) and those bytes.
pub(crate) fn deflate_columns(cols: &[Vec<u8>], level: u8) -> Vec<u8> {
    let mut out = Vec::new();
    for c in cols {
        put_len(&mut out, c.len());
        let z = miniz_oxide::deflate::compress_to_vec(c, level);
        if z.len() < c.len() {
            put_len(&mut out, z.len());
            out.extend_from_slice(&z);
        } else {
            put_len(&mut out, 0);
            out.extend_from_slice(c);
        }
    }
    out
}

/// Wraps a compressed payload in the file frame: fixed header, metadata, payload header,
/// payload and the trailing CRC-32.
pub(crate) fn frame(meta: &Meta, codec: u8, raw_len: usize, compressed: &[u8]) -> Vec<u8> {
    let meta_bytes = encode_meta(meta);
    let file_len = FIXED_HEADER_LEN + 4 + meta_bytes.len() + 9 + compressed.len() + 4;
    let mut out = Vec::with_capacity(file_len);
    out.extend_from_slice(&super::MAGIC);
    put_u32(&mut out, super::VERSION);
    put_u32(&mut out, to_u32(file_len));
    let header_crc = crc32fast::hash(&out);
    put_u32(&mut out, header_crc);
    put_u32(&mut out, to_u32(meta_bytes.len()));
    out.extend_from_slice(&meta_bytes);
    out.push(codec);
    put_u32(&mut out, to_u32(raw_len));
    put_u32(&mut out, to_u32(compressed.len()));
    out.extend_from_slice(compressed);
    let crc = crc32fast::hash(&out);
    put_u32(&mut out, crc);
    out
}

/// Sizes are far below 4 GiB; a larger one saturates and the reader rejects the file.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn put_str32(out: &mut Vec<u8>, s: &str) {
    put_u32(out, to_u32(s.len()));
    out.extend_from_slice(s.as_bytes());
}

/// The metadata section (stored uncompressed so that `read_header` needs no inflate).
pub(crate) fn encode_meta(meta: &Meta) -> Vec<u8> {
    let mut out = Vec::new();
    put_str32(&mut out, &meta.built_at);
    put_str32(&mut out, &meta.tool_version);
    put_u32(&mut out, meta.normalizer_version);
    put_u32(&mut out, to_u32(meta.lists.len()));
    for l in &meta.lists {
        out.push(list_code(l.list));
        put_str32(&mut out, &l.date);
        put_str32(&mut out, &l.date_source);
        put_u32(&mut out, l.entries);
        put_u32(&mut out, l.names);
    }
    put_str32(&mut out, &meta.profile);
    out
}

pub(crate) fn list_code(l: ListId) -> u8 {
    match l {
        ListId::OfacSdn => 0,
        ListId::OfacCons => 1,
        ListId::Un => 2,
    }
}

pub(crate) fn kind_code(k: EntryKind) -> u8 {
    match k {
        EntryKind::Individual => 0,
        EntryKind::Entity => 1,
        EntryKind::Vessel => 2,
        EntryKind::Aircraft => 3,
    }
}

pub(crate) fn gender_code(g: Option<Gender>) -> u8 {
    match g {
        None => 0,
        Some(Gender::Male) => 1,
        Some(Gender::Female) => 2,
    }
}

pub(crate) fn name_kind_code(k: NameKind) -> u8 {
    match k {
        NameKind::Primary => 0,
        NameKind::Aka => 1,
        NameKind::Fka => 2,
        NameKind::Nka => 3,
        NameKind::WeakAka => 4,
        NameKind::OriginalScript => 5,
    }
}

pub(crate) fn id_kind_code(k: IdKind) -> u8 {
    match k {
        IdKind::Email => 0,
        IdKind::Website => 1,
        IdKind::Phone => 2,
        IdKind::Wallet => 3,
        IdKind::Passport => 4,
        IdKind::NationalId => 5,
    }
}

/// An id stored as a number: canonical decimal (no sign, no leading zero) that fits a `u32`.
/// Anything else (`KPi.066`, `007`) is stored as text, so the round trip is exact.
pub(crate) fn numeric_id(id: &str) -> Option<u32> {
    let canonical = !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_digit())
        && (id == "0" || !id.starts_with('0'));
    if canonical {
        id.parse().ok()
    } else {
        None
    }
}

/// The columns of the payload, in [`Col::ALL`] order, before compression.
pub(crate) fn columns(data: &BundleData) -> Vec<Vec<u8>> {
    let mut c: Vec<Vec<u8>> = vec![Vec::new(); Col::ALL.len()];
    let entries = &data.entries;
    let norm = &data.norm;

    // The string pool: every program, place of birth, country, identifier detail and
    // linked-to name, sorted and unique, referenced by index.
    let mut pool: Vec<&str> = Vec::new();
    for e in entries {
        pool.extend(e.programs.iter().map(String::as_str));
        pool.extend(e.pobs.iter().map(String::as_str));
        pool.extend(e.nationalities.iter().map(String::as_str));
        pool.extend(e.address_countries.iter().map(String::as_str));
        pool.extend(e.identifiers.iter().filter_map(|i| i.detail.as_deref()));
        pool.extend(e.linked_to.iter().map(String::as_str));
    }
    pool.sort_unstable();
    pool.dedup();
    let pool_ref = |s: &str| -> u32 {
        // Every string looked up was inserted above, so the search always succeeds.
        to_u32(pool.binary_search(&s).unwrap_or(0))
    };

    let mut names = NamePlan::new(entries, norm);

    let counts = &mut c[Col::Counts as usize];
    for n in [
        entries.len(),
        pool.len(),
        norm.vocab.len(),
        norm.vocab_class.len(),
        norm.name_lens.len(),
        norm.name_tokens.len(),
        names.seps.len(),
        names.shapes.len(),
        names.top.len(),
    ] {
        put_len(counts, n);
    }

    front_code(
        &mut c,
        pool.iter().copied(),
        [Col::PoolPrefix, Col::PoolSuffixLen, Col::PoolSuffix],
    );
    front_code(
        &mut c,
        norm.vocab.iter().map(String::as_str),
        [Col::VocabPrefix, Col::VocabSuffixLen, Col::VocabSuffix],
    );
    c[Col::VocabClass as usize].extend_from_slice(&norm.vocab_class);
    for &t in &names.top {
        put_varint(&mut c[Col::TopTokens as usize], t);
    }
    for s in &names.seps {
        put_str(&mut c, Col::SepLen, Col::SepText, s);
    }
    for shape in &names.shapes {
        put_len(&mut c[Col::ShapeLen as usize], shape.len());
        for &s in shape {
            put_varint(&mut c[Col::ShapeSeps as usize], s);
        }
    }

    let mut prev_id: i64 = 0;
    let mut name_index = 0;
    for e in entries {
        encode_entry(&mut c, e, &mut prev_id, &pool_ref);
        names.local.clear();
        for n in &e.names {
            names.encode(&mut c, name_index, &n.text);
            name_index += 1;
        }
    }
    names.encode_rest(&mut c, name_index);
    c
}

/// The writer's plan for the names: which are tokenized, their shapes, and the token codes.
struct NamePlan<'a> {
    norm: &'a NormData,
    /// Start of each name's ids in `norm.name_tokens`, when the token counts add up.
    starts: Option<Vec<usize>>,
    /// Per name: the shape index and, per run, the cases it fits (bit `1 << case`), when the
    /// name is tokenized.
    tokenized: Vec<Option<(u32, Vec<u8>)>>,
    /// Distinct separators, most frequent first.
    seps: Vec<&'a str>,
    /// Distinct shapes (separator indices), most frequent first.
    shapes: Vec<Vec<u32>>,
    /// The most frequent token ids, most frequent first (see [`layout::TOP_TOKENS`]).
    top: Vec<u32>,
    /// Code of each vocab id in the name token column, past the local codes.
    code: Vec<u32>,
    /// The current entry's distinct tokens so far (see [`layout::LOCAL_TOKENS`]).
    local: Vec<u32>,
    /// When the token counts do not fit the names: the ids written so far.
    cursor: usize,
}

/// Sorts `(key, count)` by count (most first), then key, and returns the keys.
fn by_frequency<K: Ord>(counts: std::collections::BTreeMap<K, usize>) -> Vec<K> {
    let mut v: Vec<(K, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.into_iter().map(|(k, _)| k).collect()
}

impl<'a> NamePlan<'a> {
    fn new(entries: &'a [Entry], norm: &'a NormData) -> NamePlan<'a> {
        use std::collections::BTreeMap;
        let texts: Vec<&'a str> = entries
            .iter()
            .flat_map(|e| e.names.iter().map(|n| n.text.as_str()))
            .collect();
        let total: usize = norm.name_lens.iter().map(|&n| usize::from(n)).sum();
        let fits = total == norm.name_tokens.len() && norm.name_lens.len() == texts.len();
        let starts = fits.then(|| {
            let mut pos = 0;
            norm.name_lens
                .iter()
                .map(|&n| {
                    let s = pos;
                    pos += usize::from(n);
                    s
                })
                .collect::<Vec<_>>()
        });
        // Tokenize every name whose text its tokens rebuild exactly.
        let mut split: Vec<Option<(Vec<&'a str>, Vec<u8>)>> = Vec::with_capacity(texts.len());
        for (i, text) in texts.iter().enumerate() {
            let ids = starts
                .as_ref()
                .map(|st| &norm.name_tokens[st[i]..st[i] + usize::from(norm.name_lens[i])]);
            split.push(ids.and_then(|ids| Self::tokenize(text, ids, norm)));
        }
        let mut sep_counts: BTreeMap<&'a str, usize> = BTreeMap::new();
        for (seps, _) in split.iter().flatten() {
            for s in seps {
                *sep_counts.entry(s).or_default() += 1;
            }
        }
        let seps = by_frequency(sep_counts);
        let sep_index: BTreeMap<&str, u32> = seps
            .iter()
            .enumerate()
            .map(|(i, s)| (*s, to_u32(i)))
            .collect();
        let shape_of = |seps: &[&str]| -> Vec<u32> {
            seps.iter()
                .map(|s| sep_index.get(s).copied().unwrap_or(0))
                .collect()
        };
        let mut shape_counts: BTreeMap<Vec<u32>, usize> = BTreeMap::new();
        for (s, _) in split.iter().flatten() {
            *shape_counts.entry(shape_of(s)).or_default() += 1;
        }
        let shapes = by_frequency(shape_counts);
        let shape_index: BTreeMap<&[u32], u32> = shapes
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_slice(), to_u32(i)))
            .collect();
        let tokenized = split
            .iter()
            .map(|t| {
                t.as_ref().map(|(s, cases)| {
                    let shape = shape_index
                        .get(shape_of(s).as_slice())
                        .copied()
                        .unwrap_or(0);
                    (shape, cases.clone())
                })
            })
            .collect();
        // Short codes for the most frequent tokens.
        let mut freq: BTreeMap<u32, usize> = BTreeMap::new();
        for &t in &norm.name_tokens {
            *freq.entry(t).or_default() += 1;
        }
        let mut top = by_frequency(freq);
        top.truncate(layout::TOP_TOKENS);
        let mut code: Vec<u32> = (0..norm.vocab.len())
            .map(|i| to_u32(i.saturating_add(layout::TOP_TOKENS)))
            .collect();
        for (rank, &id) in top.iter().enumerate() {
            if let Some(c) = code.get_mut(id as usize) {
                *c = to_u32(rank);
            }
        }
        NamePlan {
            norm,
            starts,
            tokenized,
            seps,
            shapes,
            top,
            code,
            local: Vec::new(),
            cursor: 0,
        }
    }

    /// The separators and run cases of `text` when its tokens `ids` rebuild it exactly:
    /// ASCII text whose letter-and-digit runs are, lower-cased, the ids' vocab texts, each run
    /// upper, lower or capitalized.
    fn tokenize(text: &'a str, ids: &[u32], norm: &NormData) -> Option<(Vec<&'a str>, Vec<u8>)> {
        let (seps, runs) = layout::split_runs(text)?;
        if runs.len() != ids.len() {
            return None;
        }
        let mut cases = Vec::with_capacity(runs.len());
        for (run, &id) in runs.iter().zip(ids) {
            let tok = norm.vocab.get(id as usize)?;
            if tok.len() != run.len()
                || !tok
                    .bytes()
                    .zip(run.bytes())
                    .all(|(t, r)| t == r.to_ascii_lowercase())
            {
                return None;
            }
            let fits = layout::case_fits(run);
            if fits == 0 {
                return None;
            }
            cases.push(fits);
        }
        Some((seps, cases))
    }

    /// The code of a token id in the name token column: its place among the entry's tokens so
    /// far, else its frequency rank or vocab id past the local codes.
    fn put_token(&mut self, c: &mut [Vec<u8>], id: u32) {
        let code = match self.local.iter().position(|&t| t == id) {
            Some(p) => to_u32(p),
            None => {
                if self.local.len() < layout::LOCAL_TOKENS {
                    self.local.push(id);
                }
                self.code
                    .get(id as usize)
                    .copied()
                    .unwrap_or_else(|| id.saturating_add(to_u32(layout::TOP_TOKENS)))
                    .saturating_add(to_u32(layout::LOCAL_TOKENS))
            }
        };
        put_varint(&mut c[Col::NameTokens as usize], code);
    }

    /// Writes name `i` (text `text`).
    fn encode(&mut self, c: &mut [Vec<u8>], i: usize, text: &str) {
        let norm = self.norm;
        let ids = self.starts.as_ref().and_then(|st| {
            let s = *st.get(i)?;
            norm.name_tokens
                .get(s..s + usize::from(*norm.name_lens.get(i)?))
        });
        match (self.tokenized.get(i).cloned(), ids) {
            (Some(Some((shape, cases))), Some(ids)) => {
                c[Col::NameModes as usize].push(layout::NAME_TOKENIZED);
                put_varint(&mut c[Col::NameShapes as usize], shape);
                // One case for the whole name when every run fits it (digits fit any case),
                // else the first case each run fits.
                match [
                    layout::CASE_UPPER,
                    layout::CASE_LOWER,
                    layout::CASE_CAPITALIZED,
                ]
                .into_iter()
                .find(|&k| cases.iter().all(|&m| m & 1 << k != 0))
                {
                    Some(k) => c[Col::NameCase as usize].push(k),
                    None => {
                        c[Col::NameCase as usize].push(layout::CASE_PER_TOKEN);
                        c[Col::TokenCase as usize]
                            .extend(cases.iter().map(|&m| m.trailing_zeros() as u8));
                    }
                }
                for &t in ids {
                    self.put_token(c, t);
                }
            }
            _ => {
                c[Col::NameModes as usize].push(layout::NAME_EXPLICIT);
                put_str(c, Col::NameLen, Col::Names, text);
                if let Some(ids) = ids {
                    c[Col::NameTokenCount as usize].push(ids.len() as u8);
                    for &t in ids {
                        self.put_token(c, t);
                    }
                } else if self.starts.is_none() {
                    // Token counts that do not fit the names: store them and the ids as they
                    // are, in the order the reader takes them, and the reader reports the
                    // mismatch.
                    if let Some(&n) = norm.name_lens.get(i) {
                        c[Col::NameTokenCount as usize].push(n);
                        let end = self.cursor.saturating_add(usize::from(n));
                        let ids = norm.name_tokens.get(self.cursor..end).unwrap_or(&[]);
                        self.cursor = end;
                        for &t in ids {
                            self.put_token(c, t);
                        }
                    }
                }
            }
        }
    }

    /// When the token counts do not fit the names, the counts and ids left over after the last
    /// name are stored too, so that the reader sees (and reports) them.
    fn encode_rest(&mut self, c: &mut [Vec<u8>], names: usize) {
        if self.starts.is_some() {
            return;
        }
        self.local.clear();
        if let Some(rest) = self.norm.name_lens.get(names..) {
            c[Col::NameTokenCount as usize].extend_from_slice(rest);
        }
        for &t in self.norm.name_tokens.get(self.cursor..).unwrap_or(&[]) {
            self.put_token(c, t);
        }
    }
}

fn encode_entry(c: &mut [Vec<u8>], e: &Entry, prev_id: &mut i64, pool_ref: &dyn Fn(&str) -> u32) {
    let num = numeric_id(&e.id);
    let flags = list_code(e.list)
        | kind_code(e.kind) << 2
        | gender_code(e.gender) << 4
        | if num.is_some() {
            layout::FLAG_NUMERIC_ID
        } else {
            0
        };
    c[Col::EntryFlags as usize].push(flags);
    match num {
        Some(n) => {
            let n = i64::from(n);
            put_varint64(&mut c[Col::NumericIds as usize], zigzag(n - *prev_id));
            *prev_id = n;
        }
        None => put_str(c, Col::TextIdLen, Col::TextIds, &e.id),
    }

    let counts = &mut c[Col::FieldCounts as usize];
    for n in [
        e.names.len(),
        e.programs.len(),
        e.dobs.len(),
        e.pobs.len(),
        e.nationalities.len(),
        e.address_countries.len(),
        e.identifiers.len(),
        e.linked_to.len(),
    ] {
        put_len(counts, n);
    }

    for n in &e.names {
        c[Col::NameKinds as usize].push(name_kind_code(n.kind));
    }
    for p in &e.programs {
        put_varint(&mut c[Col::Programs as usize], pool_ref(p));
    }
    for d in &e.dobs {
        encode_date(&mut c[Col::Dates as usize], d);
    }
    for (list, col) in [
        (&e.pobs, Col::Pobs),
        (&e.nationalities, Col::Nationalities),
        (&e.address_countries, Col::AddressCountries),
        (&e.linked_to, Col::LinkedTo),
    ] {
        for s in list {
            put_varint(&mut c[col as usize], pool_ref(s));
        }
    }
    for i in &e.identifiers {
        c[Col::IdentKinds as usize].push(id_kind_code(i.kind));
        put_str(c, Col::IdentValueLen, Col::IdentValues, &i.value);
        let detail = i
            .detail
            .as_deref()
            .map_or(0, |d| pool_ref(d).saturating_add(1));
        put_varint(&mut c[Col::IdentDetails as usize], detail);
    }
}

fn put_str(c: &mut [Vec<u8>], len_col: Col, text_col: Col, s: &str) {
    put_len(&mut c[len_col as usize], s.len());
    c[text_col as usize].extend_from_slice(s.as_bytes());
}

fn encode_date(out: &mut Vec<u8>, d: &DateSpec) {
    match *d {
        DateSpec::Day { y, m, d } => {
            out.push(0);
            put_varint(out, u32::from(y));
            out.extend_from_slice(&[m, d]);
        }
        DateSpec::Month { y, m } => {
            out.push(1);
            put_varint(out, u32::from(y));
            out.push(m);
        }
        DateSpec::Year(y) => {
            out.push(2);
            put_varint(out, u32::from(y));
        }
        DateSpec::YearRange(a, b) => {
            out.push(3);
            put_varint(out, u32::from(a));
            put_varint(out, u32::from(b));
        }
    }
}

/// Front coding: each string is stored as the number of leading bytes it shares with the
/// previous one plus the rest. Sorted lists (vocab, pool) share long prefixes.
fn front_code<'a>(c: &mut [Vec<u8>], strings: impl Iterator<Item = &'a str>, cols: [Col; 3]) {
    let [prefix_col, len_col, text_col] = cols;
    let mut prev = "";
    for s in strings {
        let mut shared = prev
            .bytes()
            .zip(s.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        while !s.is_char_boundary(shared) {
            shared -= 1;
        }
        put_len(&mut c[prefix_col as usize], shared);
        put_str(c, len_col, text_col, &s[shared..]);
        prev = s;
    }
}

/// The uncompressed payload: each column as a varint length and its bytes, in [`Col::ALL`]
/// order.
pub(crate) fn payload(data: &BundleData) -> Vec<u8> {
    join(&columns(data))
}

/// Each column as a varint length and its bytes.
fn join(cols: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(cols.iter().map(|c| c.len() + 5).sum());
    for c in cols {
        put_len(&mut out, c.len());
        out.extend_from_slice(c);
    }
    out
}

/// Level used by [`super::write`].
pub(crate) fn write(data: &BundleData) -> Vec<u8> {
    write_with_level(data, DEFLATE_LEVEL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_ids_are_canonical_only() {
        assert_eq!(numeric_id("49970"), Some(49970));
        assert_eq!(numeric_id("0"), Some(0));
        assert_eq!(numeric_id("007"), None);
        assert_eq!(numeric_id("KPi.066"), None);
        assert_eq!(numeric_id(""), None);
        assert_eq!(numeric_id("+5"), None);
        assert_eq!(numeric_id("4294967296"), None);
    }

    #[test]
    fn front_coding_shares_prefixes_on_char_boundaries() {
        let mut c = vec![Vec::new(); Col::ALL.len()];
        let cols = [Col::VocabPrefix, Col::VocabSuffixLen, Col::VocabSuffix];
        // "é" (C3 A9) and "ê" (C3 AA) share a byte but no character.
        front_code(&mut c, ["abc", "abd", "é", "ê"].into_iter(), cols);
        assert_eq!(c[Col::VocabPrefix as usize], [0, 2, 0, 0]);
        assert_eq!(c[Col::VocabSuffixLen as usize], [3, 1, 2, 2]);
        assert_eq!(c[Col::VocabSuffix as usize], "abcdéê".as_bytes());
    }

    #[test]
    fn header_crc_covers_the_fixed_header() {
        let meta = Meta {
            built_at: String::new(),
            tool_version: String::new(),
            normalizer_version: 0,
            lists: vec![],
            profile: String::new(),
        };
        let file = frame(&meta, CODEC_DEFLATE, 0, &[]);
        assert_eq!(&file[..8], &super::super::MAGIC);
        assert_eq!(
            u32::from_le_bytes(file[12..16].try_into().unwrap()) as usize,
            file.len()
        );
        assert_eq!(
            u32::from_le_bytes(file[16..20].try_into().unwrap()),
            crc32fast::hash(&file[..16])
        );
        let n = file.len();
        assert_eq!(
            u32::from_le_bytes(file[n - 4..].try_into().unwrap()),
            crc32fast::hash(&file[..n - 4])
        );
    }
}
