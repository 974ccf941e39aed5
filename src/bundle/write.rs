//! The bundle writer: [`BundleData`] → columns → deflate → framed, checksummed file.
//!
//! Everything is written in a fixed order from ordered inputs (vectors and a sorted string
//! pool), so identical data gives identical bytes.

use super::layout::{self, Col, CODEC_DEFLATE, DEFLATE_LEVEL, FIXED_HEADER_LEN};
use super::wire::{put_len, put_u32, put_varint, put_varint64, zigzag};
use super::{BundleData, Meta, NormData};
use crate::model::{DateSpec, Entry, EntryKind, Gender, IdKind, ListId, NameKind};

/// Serializes `data` into a complete bundle file, compressing with `level` (0-10).
pub(crate) fn write_with_level(data: &BundleData, level: u8) -> Vec<u8> {
    let raw = payload(data);
    let compressed = miniz_oxide::deflate::compress_to_vec(&raw, level);
    frame(&data.meta, CODEC_DEFLATE, raw.len(), &compressed)
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

    let counts = &mut c[Col::Counts as usize];
    for n in [
        entries.len(),
        pool.len(),
        norm.vocab.len(),
        norm.vocab_class.len(),
        norm.name_lens.len(),
        norm.name_tokens.len(),
    ] {
        put_len(counts, n);
    }

    front_code(
        &mut c,
        pool.iter().copied(),
        [Col::PoolPrefix, Col::PoolSuffixLen, Col::PoolSuffix],
    );

    let mut prev_id: i64 = 0;
    for e in entries {
        encode_entry(&mut c, e, &mut prev_id, &pool_ref);
    }

    front_code(
        &mut c,
        norm.vocab.iter().map(String::as_str),
        [Col::VocabPrefix, Col::VocabSuffixLen, Col::VocabSuffix],
    );
    c[Col::VocabClass as usize].extend_from_slice(&norm.vocab_class);
    c[Col::NameTokenCount as usize].extend_from_slice(&norm.name_lens);
    encode_name_tokens(&mut c, entries, norm);
    c
}

/// One mode byte per name: [`layout::TOKENS_PREDICTED`] when its tokens are exactly those its
/// text predicts (then no ids are stored), else [`layout::TOKENS_EXPLICIT`] and its ids.
///
/// Token counts that do not add up to the number of tokens cannot be split per name; then all
/// ids are stored explicitly and [`crate::bundle::read`] reports the mismatch.
fn encode_name_tokens(c: &mut [Vec<u8>], entries: &[Entry], norm: &NormData) {
    let total: usize = norm.name_lens.iter().map(|&n| usize::from(n)).sum();
    let texts: Vec<&str> = entries
        .iter()
        .flat_map(|e| e.names.iter().map(|n| n.text.as_str()))
        .collect();
    if total != norm.name_tokens.len() {
        c[Col::NameTokenModes as usize].resize(norm.name_lens.len(), layout::TOKENS_EXPLICIT);
        for &t in &norm.name_tokens {
            put_varint(&mut c[Col::NameTokens as usize], t);
        }
        return;
    }
    let mut pos = 0;
    for (i, &len) in norm.name_lens.iter().enumerate() {
        let ids = &norm.name_tokens[pos..pos + usize::from(len)];
        pos += usize::from(len);
        let predicted = texts
            .get(i)
            .and_then(|t| layout::predicted_tokens(t))
            .is_some_and(|runs| {
                let mut runs = runs;
                // The reader resolves a predicted token to the first vocab entry with its text
                // (a text can occur once per token class), so only such ids are predicted.
                ids.iter()
                    .all(|&id| match (runs.next(), norm.vocab.get(id as usize)) {
                        (Some(run), Some(tok)) => {
                            layout::is_lowercase_of(tok, run)
                                && (id == 0 || norm.vocab.get(id as usize - 1) != Some(tok))
                        }
                        _ => false,
                    })
                    && runs.next().is_none()
            });
        if predicted {
            c[Col::NameTokenModes as usize].push(layout::TOKENS_PREDICTED);
        } else {
            c[Col::NameTokenModes as usize].push(layout::TOKENS_EXPLICIT);
            for &t in ids {
                put_varint(&mut c[Col::NameTokens as usize], t);
            }
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
        put_str(c, Col::NameLen, Col::Names, &n.text);
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
    let cols = columns(data);
    let mut out = Vec::with_capacity(cols.iter().map(|c| c.len() + 5).sum());
    for c in &cols {
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
