//! Candidate retrieval: from a query's tokens to the few listed names worth scoring.
//!
//! The index is built at load time from the bundle's pre-normalized tokens:
//! - the sorted vocabulary (exact lookup by binary search);
//! - hash maps from Korean-romanization and transliteration keys to vocabulary tokens;
//! - a padded-trigram inverted index over the vocabulary, sorted by token length, for typo
//!   lookup. It is lossless for the fuzzy rule of `score.rs`: a token of `n` characters has
//!   `n + 2` padded trigrams, and one OSA edit removes at most four of them (a transposition
//!   does; a substitution or deletion removes three, an insertion two). Turning the shorter of
//!   two tokens (`S` characters, `δ` fewer than the other) into the longer within `d` edits takes
//!   `δ` insertions and at most `d − δ` other edits, so the two share at least
//!   `S + 2 − 2δ − 4(d − δ)` trigrams. Candidates below that count cannot be within `d` edits;
//! - postings from each ordinary-name vocabulary token of two or more characters to the names
//!   that contain it.
//!
//! A name can only score above 0 if some pair links such a listed token by a non-initial rule
//! (see `score.rs`), and every such token is reached by one of the lookups above, so the union of
//! their postings contains every name a brute-force scan would score above 0. A property test in
//! `tests/retrieval.rs` checks this against a scan of the whole list.

use std::sync::Arc;

use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::bundle::Texts;
use crate::normalize::{
    korean_key, letter_classes, phonetic_key, phonetic_key_bytes, phonetic_key_into, TokenClass,
};
use crate::score::{self, How, TokenKeys};

/// Weight of tokens that are not name evidence.
pub(crate) fn class_weight(class: TokenClass) -> f32 {
    match class {
        TokenClass::Name => 1.0,
        TokenClass::LegalForm => 0.15,
        TokenClass::Particle => 0.2,
        TokenClass::Honorific | TokenClass::Stop => 0.1,
    }
}

/// Weight of an ordinary name token that occurs in `df` of `n` names: rare tokens are stronger
/// evidence than common ones, within [0.4, 1.0].
pub(crate) fn idf_weight(df: usize, n: usize) -> f32 {
    if n < 2 || df == 0 {
        return 1.0;
    }
    let r = ((n as f64 / df as f64).ln() / (n as f64).ln()).clamp(0.0, 1.0);
    (0.4 + 0.6 * r) as f32
}

const START: u32 = 0x11_0000;
const END: u32 = 0x11_0001;

/// Padded trigrams: two start and two end marks, so a token of `n` characters has `n + 2`.
/// Three 21-bit code points fit a `u64`.
fn trigrams(text: &str, out: &mut Vec<u64>) {
    out.clear();
    let (mut a, mut b) = (START, START);
    for c in text.chars().map(|c| c as u32).chain([END, END]) {
        out.push((u64::from(a) << 42) | (u64::from(b) << 21) | u64::from(c));
        (a, b) = (b, c);
    }
}

/// One vocabulary match of a query item.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct VocabHit {
    pub id: u32,
    pub sim: f32,
    pub how: How,
    /// For a romanization hit: the similarity without the Korean rule, which applies to
    /// entries that are not Korea-related (computed once per query, not per name).
    pub other: Option<(f32, How)>,
}

/// Vocabulary-level lookups.
pub(crate) struct Vocab {
    /// Token texts, shared with the loaded bundle's entry decoder.
    pub text: Arc<Texts>,
    pub class: Vec<TokenClass>,
    pub chars: Vec<u8>,
    pub weight: Vec<f32>,
    pub korean: Vec<Option<Box<str>>>,
    /// Every token's transliteration key, concatenated; token `i`'s ends at
    /// `phonetic_end[i]`.
    phonetic: String,
    phonetic_end: Vec<u32>,
    korean_map: KeyMap,
    /// A Bloom filter (one hash) of the [`letter_classes`] of the keys in `korean_map`:
    /// a text whose bit is clear cannot have a key in the map (see [`Vocab::may_be_korean`]).
    korean_classes: Box<[u64; KOREAN_CLASS_WORDS]>,
    phonetic_map: KeyMap,
    gram_index: FxHashMap<u64, u32>,
    /// `first_byte[b + 1]`: the first id whose text starts with a byte ≥ `b` (`first_byte[0]`
    /// is 0, for the empty text); ids `first_byte[b + 1]..first_byte[b + 2]` start with `b`.
    first_byte: Vec<u32>,
    gram_offsets: Vec<u32>,
    /// Vocabulary ids per trigram, sorted by (chars, id); repeated for repeated trigrams.
    gram_ids: Vec<u32>,
}

/// Size of [`Vocab::korean_classes`] in 64-bit words (4,096 bits, for a few thousand keys).
const KOREAN_CLASS_WORDS: usize = 64;

/// The bit of `classes` (a [`letter_classes`] value) in [`Vocab::korean_classes`].
fn korean_class_bit(classes: u64) -> (usize, u64) {
    let bits = (KOREAN_CLASS_WORDS * 64) as u64;
    let h = classes.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32;
    let b = (h % bits) as usize;
    (b / 64, 1 << (b % 64))
}

/// Vocabulary ids by key (romanization or transliteration key): a hash map from each distinct
/// key to the ids that have it, in ascending order, built with two allocations per table
/// instead of two per key.
pub(crate) struct KeyMap {
    /// Open addressing (linear probing) by key hash: group number + 1, or 0 for an empty slot.
    slots: Vec<u32>,
    /// Each group's key, concatenated; group `g`'s ends at `key_end[g]`.
    keys: String,
    key_end: Vec<u32>,
    /// Group `g`'s ids are `ids[offsets[g]..offsets[g + 1]]`.
    offsets: Vec<u32>,
    ids: Vec<u32>,
}

impl KeyMap {
    /// The map of `keys[i]` (the key of id `i`, if it has one) to the ids.
    #[inline(never)]
    fn new<'k>(n: usize, key: impl Fn(usize) -> Option<&'k str>) -> KeyMap {
        let slots = (2 * n).max(4).next_power_of_two();
        let mut m = KeyMap {
            slots: vec![0; slots],
            keys: String::new(),
            key_end: Vec::new(),
            offsets: Vec::new(),
            ids: Vec::new(),
        };
        let mut group_of = Vec::with_capacity(n);
        let mut counts: Vec<u32> = Vec::new();
        for i in 0..n {
            let Some(k) = key(i) else {
                group_of.push(u32::MAX);
                continue;
            };
            let g = match m.find(k) {
                Ok(g) => g,
                Err(slot) => {
                    let g = counts.len() as u32;
                    m.slots[slot] = g + 1;
                    m.keys.push_str(k);
                    m.key_end.push(m.keys.len() as u32);
                    counts.push(0);
                    g
                }
            };
            counts[g as usize] += 1;
            group_of.push(g);
        }
        let mut total = 0u32;
        m.offsets.reserve(counts.len() + 1);
        for c in &counts {
            m.offsets.push(total);
            total += c;
        }
        m.offsets.push(total);
        m.ids = vec![0; total as usize];
        let mut fill: Vec<u32> = m.offsets[..counts.len()].to_vec();
        for (i, &g) in group_of.iter().enumerate() {
            if let Some(f) = fill.get_mut(g as usize) {
                m.ids[*f as usize] = i as u32;
                *f += 1;
            }
        }
        m
    }

    fn key(&self, g: usize) -> &str {
        let start = g.checked_sub(1).map_or(0, |p| self.key_end[p] as usize);
        &self.keys[start..self.key_end[g] as usize]
    }

    /// `Ok(group)` of key `k`, or `Err(slot)`: the empty slot where it would go.
    fn find(&self, k: &str) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let mut slot = (FxBuildHasher.hash_one(k) as usize) & mask;
        loop {
            match self.slots[slot] {
                0 => return Err(slot),
                g if self.key(g as usize - 1) == k => return Ok(g - 1),
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// The ids whose key is `k`, ascending.
    pub fn get(&self, k: &str) -> Option<&[u32]> {
        let g = self.find(k).ok()? as usize;
        Some(&self.ids[self.offsets[g] as usize..self.offsets[g + 1] as usize])
    }
}

/// Symbols of the direct trigram table: `a`–`z` (0–25), `0`–`9` (26–35), START (36) and END
/// (37). Trigrams of these (nearly all of them) are counted in one table indexed by their three
/// symbol codes; the others go through a hash map.
const SYMBOLS: usize = 38;
const START_SYMBOL: usize = 36;
const END_SYMBOL: usize = 37;
/// Slots of the direct table: a trigram of symbols (a, b, c) is slot `(a * SYMBOLS + b) *
/// SYMBOLS + c`.
const DIRECT: usize = SYMBOLS * SYMBOLS * SYMBOLS;

/// The character of a direct-table symbol.
fn symbol_char(s: usize) -> u32 {
    match s {
        0..=25 => 0x61 + s as u32,
        26..=35 => 0x30 + (s - 26) as u32,
        START_SYMBOL => START,
        _ => END,
    }
}

/// Writes the trigram slots of `text` to the start of `occ` (at least `text.len() + 2` long)
/// and counts them in `counts`: a direct-table slot (below [`DIRECT`]), or `DIRECT` plus the
/// trigram's place in `other_grams` (`other` maps a trigram to that slot). Returns how many
/// there are (characters + 2). Called once per vocabulary token, so that V8 tiers it up while
/// the vocabulary loop still runs.
#[inline(never)]
fn token_slots(
    text: &str,
    occ: &mut [u32],
    counts: &mut Vec<u32>,
    other: &mut FxHashMap<u64, u32>,
    other_grams: &mut Vec<u64>,
) -> usize {
    let mut k = 0;
    let mut count = |slot: usize, occ: &mut [u32]| {
        if let Some(n) = counts.get_mut(slot) {
            *n += 1;
        }
        if let Some(o) = occ.get_mut(k) {
            *o = slot as u32;
        }
        k += 1;
    };
    // Slot = a·SYMBOLS² + b·SYMBOLS + c, with the first two terms carried along: a token of
    // lower-case ASCII letters and digits (nearly all) takes this loop alone.
    const S2: usize = SYMBOLS * SYMBOLS;
    let (mut a, mut b) = (START_SYMBOL * S2, START_SYMBOL * SYMBOLS);
    let mut direct = true;
    for &x in text.as_bytes() {
        let c = if x.wrapping_sub(b'a') < 26 {
            usize::from(x - b'a')
        } else if x.wrapping_sub(b'0') < 10 {
            usize::from(x - b'0') + 26
        } else {
            direct = false;
            break;
        };
        count(a + b + c, occ);
        (a, b) = (b * SYMBOLS, c * SYMBOLS);
    }
    if direct {
        count(a + b + END_SYMBOL, occ);
        count(b * SYMBOLS + END_SYMBOL * SYMBOLS + END_SYMBOL, occ);
        return k;
    }
    // Another character: undone, and the token counted through `code` below.
    for &slot in occ.get(..k).unwrap_or_default() {
        if let Some(n) = counts.get_mut(slot as usize) {
            *n -= 1;
        }
    }
    let code = |c: u32| match c {
        0x61..=0x7a => Some((c - 0x61) as usize),
        0x30..=0x39 => Some((c - 0x30) as usize + 26),
        START => Some(START_SYMBOL),
        END => Some(END_SYMBOL),
        _ => None,
    };
    let mut k = 0;
    let (mut a, mut b) = (START, START);
    for c in text.chars().map(u32::from).chain([END, END]) {
        let slot = match (code(a), code(b), code(c)) {
            (Some(x), Some(y), Some(z)) => (x * SYMBOLS + y) * SYMBOLS + z,
            _ => {
                let g = (u64::from(a) << 42) | (u64::from(b) << 21) | u64::from(c);
                let next = (DIRECT + other_grams.len()) as u32;
                let slot = *other.entry(g).or_insert(next);
                if slot == next {
                    other_grams.push(g);
                    counts.push(0);
                }
                slot as usize
            }
        };
        if let Some(n) = counts.get_mut(slot) {
            *n += 1;
        }
        if let Some(o) = occ.get_mut(k) {
            *o = slot as u32;
        }
        k += 1;
        (a, b) = (b, c);
    }
    k
}

/// Where the ids of each first byte start in the sorted vocabulary (see `Vocab::first_byte`).
fn first_byte_starts(text: &Texts) -> Vec<u32> {
    // counts[b + 1]: texts whose first byte is b; counts[0]: empty texts.
    let mut starts = vec![0u32; 257];
    for t in text.iter() {
        starts[t.as_bytes().first().map_or(0, |&b| usize::from(b) + 1)] += 1;
    }
    let mut total = 0u32;
    for s in starts.iter_mut() {
        let c = *s;
        *s = total;
        total += c;
    }
    starts
}

/// Every token's transliteration key ([`phonetic_key_bytes`]), concatenated, and where each
/// ends.
#[inline(never)]
fn phonetic_keys(text: &Texts) -> (String, Vec<u32>) {
    let mut keys = Vec::with_capacity(text.iter().map(|t| t.len() + 1).sum());
    let mut ends = Vec::with_capacity(text.len());
    for t in text.iter() {
        phonetic_key_bytes(t, &mut keys);
        ends.push(keys.len() as u32);
    }
    // Keys are ASCII or a token's own text, so this holds; else the keys go through `String`.
    match String::from_utf8(keys) {
        Ok(keys) => (keys, ends),
        Err(_) => {
            let mut keys = String::new();
            ends.clear();
            for t in text.iter() {
                phonetic_key_into(t, &mut keys);
                ends.push(keys.len() as u32);
            }
            (keys, ends)
        }
    }
}

/// The padded-trigram postings of the vocabulary: the number of each trigram, and per number
/// the ids of the tokens that contain it, sorted by (chars, id), an id once per occurrence.
///
/// Counting passes over the ids ordered by length, so that every posting comes out sorted
/// without a sort of all trigram occurrences: every occurrence's slot is counted, the trigrams
/// that occur are numbered in slot order, then the ids are placed.
#[inline(never)]
fn trigram_postings(text: &Texts, chars: &[u8]) -> (FxHashMap<u64, u32>, Vec<u32>, Vec<u32>) {
    let n = text.len();
    // Ids by length: a counting sort, stable like `sort_by_key`.
    let mut starts = [0u32; 257];
    for &c in chars {
        starts[usize::from(c) + 1] += 1;
    }
    for i in 0..256 {
        starts[i + 1] += starts[i];
    }
    let mut by_len = vec![0u32; n];
    for (i, &c) in chars.iter().enumerate() {
        by_len[starts[usize::from(c)] as usize] = i as u32;
        starts[usize::from(c)] += 1;
    }
    let mut counts = vec![0u32; DIRECT];
    let mut other: FxHashMap<u64, u32> = FxHashMap::default();
    let mut other_grams: Vec<u64> = Vec::new();
    // A token has at most as many characters as bytes.
    let mut occ = vec![0u32; text.iter().map(|t| t.len() + 2).sum()];
    let mut lens: Vec<u32> = Vec::with_capacity(n);
    let mut at = 0;
    for &i in &by_len {
        let len = token_slots(
            &text[i as usize],
            occ.get_mut(at..).unwrap_or_default(),
            &mut counts,
            &mut other,
            &mut other_grams,
        );
        lens.push(len as u32);
        at += len;
    }
    // Number the slots that occur, in slot order; `counts` becomes where each slot's ids go.
    let distinct = counts.iter().filter(|&&c| c != 0).count();
    let mut gram_index: FxHashMap<u64, u32> = FxHashMap::default();
    gram_index.reserve(distinct);
    let mut offsets = Vec::with_capacity(distinct + 1);
    let mut total = 0u32;
    for (slot, c) in counts.iter_mut().enumerate() {
        if *c == 0 {
            continue;
        }
        let g = match slot.checked_sub(DIRECT) {
            None => {
                let (ab, c) = (slot / SYMBOLS, slot % SYMBOLS);
                let (a, b) = (ab / SYMBOLS, ab % SYMBOLS);
                (u64::from(symbol_char(a)) << 42)
                    | (u64::from(symbol_char(b)) << 21)
                    | u64::from(symbol_char(c))
            }
            Some(o) => other_grams.get(o).copied().unwrap_or(0),
        };
        gram_index.insert(g, offsets.len() as u32);
        offsets.push(total);
        total += *c;
        *c = total - *c;
    }
    offsets.push(total);
    let mut ids = vec![0u32; total as usize];
    let mut at = 0;
    for (&i, &len) in by_len.iter().zip(&lens) {
        let end = at + len as usize;
        for &s in &occ[at..end] {
            let f = &mut counts[s as usize];
            ids[*f as usize] = i;
            *f += 1;
        }
        at = end;
    }
    (gram_index, offsets, ids)
}

impl Vocab {
    /// `chars[i]`: token `i`'s length in characters (at most 255); `korean[i]`: token `i`
    /// occurs in a Korea-related name and gets a romanization key.
    pub fn new(
        text: Arc<Texts>,
        class: Vec<TokenClass>,
        chars: Vec<u8>,
        df: &[u32],
        names: usize,
        korean: &[bool],
    ) -> Vocab {
        let n = text.len();
        // Most tokens occur in a few names: their idf weight is computed once per count.
        let mut by_df = [f32::NAN; 64];
        let weight = (0..n)
            .map(|i| match class[i] {
                TokenClass::Name => {
                    let df = df.get(i).copied().unwrap_or(0) as usize;
                    match by_df.get_mut(df) {
                        Some(w) if !w.is_nan() => *w,
                        Some(w) => {
                            *w = idf_weight(df, names);
                            *w
                        }
                        None => idf_weight(df, names),
                    }
                }
                c => class_weight(c),
            })
            .collect();
        let korean: Vec<Option<Box<str>>> = text
            .iter()
            .enumerate()
            .map(|(i, t)| {
                if korean.get(i).copied().unwrap_or(false) {
                    korean_key(t).map(String::into_boxed_str)
                } else {
                    None
                }
            })
            .collect();
        let (phonetic, phonetic_end) = phonetic_keys(&text);
        let korean_map = KeyMap::new(n, |i| korean[i].as_deref());
        let mut korean_classes = Box::new([0u64; KOREAN_CLASS_WORDS]);
        for key in korean.iter().flatten() {
            let (w, bit) = korean_class_bit(letter_classes(key));
            korean_classes[w] |= bit;
        }
        let phonetic_key = |i: usize| {
            let start = i.checked_sub(1).map_or(0, |p| phonetic_end[p] as usize);
            Some(&phonetic[start..phonetic_end[i] as usize])
        };
        let phonetic_map = KeyMap::new(n, phonetic_key);

        let (gram_index, gram_offsets, gram_ids) = trigram_postings(&text, &chars);
        let first_byte = first_byte_starts(&text);
        Vocab {
            text,
            class,
            chars,
            weight,
            korean,
            phonetic,
            phonetic_end,
            korean_map,
            korean_classes,
            phonetic_map,
            gram_index,
            first_byte,
            gram_offsets,
            gram_ids,
        }
    }

    /// Token `i`'s transliteration key.
    fn phonetic_key(&self, i: usize) -> &str {
        let start = i
            .checked_sub(1)
            .map_or(0, |p| self.phonetic_end[p] as usize);
        &self.phonetic[start..self.phonetic_end[i] as usize]
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether [`korean_key`] of `t` may be among the vocabulary's Korean keys: when it is not,
    /// computing it is of no use to lookups (cheap and exact in that direction; see
    /// [`letter_classes`]).
    pub fn may_be_korean(&self, t: &str) -> bool {
        let (w, bit) = korean_class_bit(letter_classes(t));
        self.korean_classes[w] & bit != 0
    }

    pub fn keys(&self, id: u32) -> TokenKeys<'_> {
        let i = id as usize;
        TokenKeys {
            text: &self.text[i],
            chars: usize::from(self.chars[i]),
            korean: self.korean[i].as_deref(),
            phonetic: Some(self.phonetic_key(i)),
            alt: None,
            phonetic_alt: None,
            korean_alt: None,
        }
    }

    /// Ids whose text equals `t` (one per token class it occurs with).
    pub fn exact(&self, t: &str) -> std::ops::Range<u32> {
        // Within the ids of `t`'s first byte (the vocabulary is sorted by bytes).
        let first = t.as_bytes().first().map_or(0, |&b| usize::from(b) + 1);
        let bucket = self.first_byte.get(first).map_or(0, |&s| s as usize)
            ..self
                .first_byte
                .get(first + 1)
                .map_or(self.len(), |&e| e as usize);
        // Every text in the bucket shares `t`'s first byte: the comparison starts after it, in
        // line (most texts differ from `t` in their first bytes, and a call to `memcmp` costs
        // more than that).
        let tb = t.as_bytes();
        let lo = self.text.partition_point(bucket, |v| {
            let v = v.as_bytes();
            let n = v.len().min(tb.len());
            match (1..n).find(|&k| v[k] != tb[k]) {
                Some(k) => v[k] < tb[k],
                None => v.len() < tb.len(),
            }
        });
        // At most one id per token class: a short step forward instead of a second search.
        let hi = (lo..self.len())
            .find(|&i| self.text.get(i) != Some(t))
            .unwrap_or(self.len());
        lo as u32..hi as u32
    }

    /// The weight of a query token of class `class` whose [`Vocab::exact`] ids are `exact`:
    /// as listed if the vocabulary has it, else full.
    pub fn query_weight(&self, exact: std::ops::Range<u32>, class: TokenClass) -> f32 {
        if class != TokenClass::Name {
            return class_weight(class);
        }
        exact
            .into_iter()
            .find(|&id| self.class[id as usize] == TokenClass::Name)
            .map(|id| self.weight[id as usize])
            .unwrap_or(1.0)
    }

    /// Every vocabulary token with a keyed similarity (exact, romanization, transliteration),
    /// sorted by id, each once.
    ///
    /// `q.phonetic`, when given for a token of three characters or more, must be the
    /// transliteration key of `q.text` (as [`phonetic_key`] computes it), as the lookup relies
    /// on it (see [`Vocab::exact_unless_keyed`]).
    #[inline(never)]
    pub fn keyed_hits(&self, q: &TokenKeys<'_>, scratch: &mut Scratch) -> Vec<VocabHit> {
        self.keyed_hits_in(q, self.exact_unless_keyed(q), scratch)
    }

    /// The [`Vocab::exact`] ids of `q.text` as [`Vocab::keyed_hits_in`] needs them: none when
    /// its lookup of the transliteration key finds them anyway. Every id of `q.text` has the
    /// text's key (which `q.phonetic` is) and its length, which the key's length filter keeps
    /// ([`score::transliteration_lengths`] of equal lengths of three or more; lengths are kept
    /// up to 255 characters). Half of a token's lookups are of split halves, whose binary
    /// search cost more than the rest of their lookup.
    fn exact_unless_keyed(&self, q: &TokenKeys<'_>) -> std::ops::Range<u32> {
        if (3..=255).contains(&q.chars) && q.phonetic.is_some() {
            0..0
        } else {
            self.exact(q.text)
        }
    }

    /// [`Vocab::keyed_hits`], given `exact`, the [`Vocab::exact`] ids of `q.text`.
    fn keyed_hits_in(
        &self,
        q: &TokenKeys<'_>,
        exact: std::ops::Range<u32>,
        scratch: &mut Scratch,
    ) -> Vec<VocabHit> {
        debug_assert!(
            q.chars < 3 || q.phonetic.map_or(true, |k| k == phonetic_key(q.text)),
            "a lookup's transliteration key is its text's"
        );
        let alt = q.alt.map_or(0..0, |a| self.exact(a));
        let ids = &mut scratch.ids;
        ids.clear();
        ids.extend(exact);
        ids.extend(alt);
        for k in [q.korean, q.korean_alt].into_iter().flatten() {
            ids.extend_from_slice(self.korean_map.get(k).unwrap_or(&[]));
        }
        // A transliteration key pairs only tokens of plausible lengths (see
        // [`score::keyed_sim`]); a token of other lengths pairs by its text or Korean key if at
        // all, and those are looked up apart.
        if q.chars >= 3 {
            for k in [q.phonetic, q.phonetic_alt].into_iter().flatten() {
                for &id in self.phonetic_map.get(k).unwrap_or(&[]) {
                    let chars = usize::from(self.chars[id as usize]);
                    if score::transliteration_lengths(q.chars, chars) {
                        ids.push(id);
                    }
                }
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids.iter()
            .filter_map(|&id| {
                score::keyed_sim(q, &self.keys(id)).map(|(sim, how)| VocabHit {
                    id,
                    sim,
                    how,
                    other: None,
                })
            })
            .collect()
    }

    /// Every vocabulary token with a non-zero similarity by the keyed or fuzzy rules (exactly
    /// [`score::token_sim`]), sorted by id, each once.
    ///
    /// The keyed hits are complete (every token with a keyed similarity has the query's text or
    /// one of its keys), so a fuzzy candidate outside them has no keyed similarity and only the
    /// fuzzy rule is left to compute for it. `exact`: the [`Vocab::exact`] ids of `q.text`, if
    /// the caller has them.
    #[inline(never)]
    pub fn hits(
        &self,
        q: &TokenKeys<'_>,
        exact: Option<std::ops::Range<u32>>,
        scratch: &mut Scratch,
    ) -> Vec<VocabHit> {
        let exact = exact.unwrap_or_else(|| self.exact_unless_keyed(q));
        let mut hits = self.keyed_hits_in(q, exact, scratch);
        let Some(w) = FuzzyWindow::new(q.chars) else {
            return hits;
        };
        scratch.ids.clear();
        self.fuzzy_candidates(q, &w, scratch);
        let keyed = hits.len();
        // Most candidates are over the edit budget: check that with the query prepared once
        // (ASCII tokens), before the rest of the fuzzy rule, which reuses the distance.
        // Before the distance, a cheaper necessary condition (see [`ascii_set`]).
        let pat = score::AsciiPattern::new(q.text.as_bytes())
            .and_then(|p| Some((p, ascii_set(q.text.as_bytes())?)));
        for &id in &scratch.ids {
            if hits[..keyed].binary_search_by_key(&id, |h| h.id).is_ok() {
                continue;
            }
            let text = self.text[id as usize].as_bytes();
            let osa = match (&pat, ascii_set(text)) {
                (Some((pat, q_set)), Some(c_set)) => {
                    let chars = usize::from(self.chars[id as usize]);
                    let k = score::max_edits(chars.max(q.chars));
                    if (q_set & !c_set).count_ones() as usize > k
                        || (c_set & !q_set).count_ones() as usize > k
                    {
                        continue;
                    }
                    let d = pat.osa(text);
                    if d > k {
                        continue;
                    }
                    Some(d)
                }
                _ => None,
            };
            if let Some(sim) = score::fuzzy_sim_known(q, &self.keys(id), osa) {
                hits.push(VocabHit {
                    id,
                    sim,
                    how: How::Fuzzy,
                    other: None,
                });
            }
        }
        if hits.len() > keyed {
            hits.sort_unstable_by_key(|h| h.id);
        }
        hits
    }

    /// Appends to `out` every vocabulary token in the length window that shares at least the
    /// window's `need` padded trigrams with the query (a superset of the tokens within the edit
    /// budget), one token length at a time (postings are sorted by length, and each length has
    /// one `need`).
    ///
    /// Per length, the query's trigram postings are taken shortest first. A token that shares
    /// `need` trigrams with the query must be in one of the postings of the shortest ones whose
    /// query occurrences leave fewer than `need` for the others (prefix filtering), so only
    /// those postings are walked to find candidates; each longer posting is then either walked
    /// for the candidates still alive or probed per candidate by binary search, whichever reads
    /// less, and candidates that can no longer reach `need` are dropped on the way.
    ///
    /// Counts add a token's every occurrence of a query trigram, an upper bound of the shared
    /// multiset, and a candidate is dropped only when its count plus the query occurrences of
    /// the trigrams not yet read stays below `need`: nothing qualifying is lost.
    #[inline(never)]
    fn fuzzy_candidates(&self, q: &TokenKeys<'_>, w: &FuzzyWindow, scratch: &mut Scratch) {
        let Scratch {
            counts,
            touched,
            grams,
            lists,
            segs,
            ids: out,
        } = scratch;
        counts.resize(self.len(), 0);
        grams.clear();
        trigrams(q.text, grams);
        grams.sort_unstable();
        // Each distinct trigram's posting, restricted to the window, with its occurrences in the
        // query; consumed one length at a time. Trigrams no token has cannot be shared.
        lists.clear();
        for run in grams.chunk_by(|a, b| a == b) {
            let Some(pos) = self.gram_index.get(&run[0]).map(|&p| p as usize) else {
                continue;
            };
            let at = self.gram_offsets[pos] as usize;
            let list = &self.gram_ids[at..self.gram_offsets[pos + 1] as usize];
            let start = list.partition_point(|&id| self.chars[id as usize] < w.lo);
            let end = start + list[start..].partition_point(|&id| self.chars[id as usize] <= w.hi);
            if start < end {
                lists.push(((at + start) as u32, (at + end) as u32, run.len() as u32));
            }
        }
        // A range of `gram_ids`.
        let ids = |s: u32, e: u32| self.gram_ids.get(s as usize..e as usize).unwrap_or(&[]);
        for len in w.lo..=w.hi {
            segs.clear();
            for (start, end, occ) in lists.iter_mut() {
                // The window's last length is what is left of each posting.
                let cut = if len == w.hi {
                    *end
                } else {
                    *start
                        + ids(*start, *end).partition_point(|&id| self.chars[id as usize] <= len)
                            as u32
                };
                if cut > *start {
                    segs.push((*start, cut, *occ));
                }
                *start = cut;
            }
            let need = u32::from(w.need(len));
            let mut rem: u32 = segs.iter().map(|s| s.2).sum();
            if rem < need {
                continue;
            }
            segs.sort_unstable_by_key(|s| s.1 - s.0);
            let mut next = 0;
            // The prefix: postings are walked while the ones left could hold `need` shared
            // trigrams by themselves; then every qualifying token is in one walked.
            while let Some(&(start, end, occ)) = segs.get(next) {
                if rem < need {
                    break;
                }
                for &id in ids(start, end) {
                    let c = &mut counts[id as usize];
                    if *c == 0 {
                        touched.push(id);
                    }
                    *c = c.saturating_add(1);
                }
                rem -= occ;
                next += 1;
            }
            for &(start, end, occ) in &segs[next..] {
                let seg = ids(start, end);
                // Candidates that could still reach `need` with this and the later postings
                // (every count is 1 at least: while `rem + 1 >= need`, all can). Dropping them
                // only saves work (a dropped one's count stays below `need` anyway), so not
                // while they outnumber this posting's ids: walking it costs less than the pass.
                if rem + 1 < need && touched.len() < seg.len() {
                    touched.retain(|&id| {
                        let c = &mut counts[id as usize];
                        let alive = u32::from(*c) + rem >= need;
                        if !alive {
                            *c = 0;
                        }
                        alive
                    });
                    if touched.is_empty() {
                        break;
                    }
                }
                let probes = touched.len() * (usize::BITS - seg.len().leading_zeros()) as usize;
                if probes < seg.len() {
                    for &id in touched.iter() {
                        let at = seg.partition_point(|&x| x < id);
                        let n = seg[at..].iter().take_while(|&&x| x == id).count();
                        let c = &mut counts[id as usize];
                        *c = c.saturating_add(n.min(255) as u8);
                    }
                } else {
                    for &id in seg {
                        let c = &mut counts[id as usize];
                        if *c != 0 {
                            *c = c.saturating_add(1);
                        }
                    }
                }
                rem -= occ;
            }
            for &id in touched.iter() {
                if u32::from(counts[id as usize]) >= need {
                    out.push(id);
                }
                counts[id as usize] = 0;
            }
            touched.clear();
        }
    }
}

/// Buffers of [`Vocab::hits`] and [`Vocab::keyed_hits`], kept between calls (and queries) so
/// that a lookup allocates only its result. Between calls every count is 0, and every
/// non-zero count's id is in `touched` (see [`Scratch::reset`]).
#[derive(Default)]
pub(crate) struct Scratch {
    /// Per vocabulary token: trigrams shared with the query (an upper bound).
    counts: Vec<u8>,
    /// The tokens whose count is not 0.
    touched: Vec<u32>,
    grams: Vec<u64>,
    /// Per query trigram: its posting's range of `gram_ids` not yet read, and its occurrences.
    lists: Vec<(u32, u32, u32)>,
    /// The same for the postings of one token length.
    segs: Vec<(u32, u32, u32)>,
    /// Candidate ids.
    ids: Vec<u32>,
}

impl Scratch {
    /// Zeroes the counts a lookup left (after an unwind out of one; a finished lookup leaves
    /// none).
    pub fn reset(&mut self) {
        for &id in &self.touched {
            if let Some(c) = self.counts.get_mut(id as usize) {
                *c = 0;
            }
        }
        self.touched.clear();
    }
}

/// The set of byte classes in an ASCII text (bit `b % 64` for byte `b`: the letters, and
/// the digits apart from `p` to `y`, each have a class of their own), or `None` if it is not
/// ASCII.
///
/// One OSA edit makes at most one class disappear from a text (a substitution or a deletion of
/// its last byte of that class) and at most one appear (a substitution or an insertion); a
/// transposition changes neither. So two texts within `k` edits each have at most `k` classes
/// the other lacks.
fn ascii_set(text: &[u8]) -> Option<u64> {
    let mut set = 0u64;
    for &b in text {
        if b >= 128 {
            return None;
        }
        set |= 1u64 << (b % 64);
    }
    Some(set)
}

/// The lengths a vocabulary token may have to be within the fuzzy rule's edit budget of a query
/// token of `chars` characters (`|ℓ − chars| ≤ max_edits(max(ℓ, chars))`), and for each length
/// the padded trigrams the two must share: `S + 2 − 2δ − 4(d − δ)` for the shorter length `S`,
/// the length difference `δ` and the budget `d` of the longer length (see the module
/// documentation).
struct FuzzyWindow {
    lo: u8,
    hi: u8,
    need: [u8; 5],
}

impl FuzzyWindow {
    fn new(chars: usize) -> Option<FuzzyWindow> {
        let ok = |l: usize| {
            let k = score::max_edits(l.max(chars));
            k > 0 && l.abs_diff(chars) <= k
        };
        let lo = (chars.saturating_sub(2).max(1)..=chars + 2).find(|&l| ok(l))?;
        let hi = (lo..=chars + 2).rev().find(|&l| ok(l))?;
        if hi > 255 {
            return None;
        }
        let mut need = [u8::MAX; 5];
        for l in lo..=hi {
            if ok(l) {
                let (short, long) = (l.min(chars), l.max(chars));
                let (d, delta) = (score::max_edits(long), l.abs_diff(chars));
                // From the shorter token to the longer one: `delta` insertions (two trigrams
                // each) and at most `d − delta` other edits (four each at most).
                need[l - lo] = (short + 2)
                    .saturating_sub(2 * delta + 4 * (d - delta))
                    .max(1) as u8;
            }
        }
        Some(FuzzyWindow {
            lo: lo as u8,
            hi: hi as u8,
            need,
        })
    }

    fn need(&self, len: u8) -> u8 {
        self.need[usize::from(len - self.lo)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(words: &[&str]) -> Vocab {
        let mut text: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        text.sort();
        let n = text.len();
        let chars = text.iter().map(|t| t.chars().count() as u8).collect();
        Vocab::new(
            Arc::new(text.into_iter().collect()),
            vec![TokenClass::Name; n],
            chars,
            &vec![1; n],
            n,
            &vec![true; n],
        )
    }

    fn keys(t: &str) -> TokenKeys<'_> {
        TokenKeys {
            text: t,
            chars: t.chars().count(),
            korean: None,
            phonetic: None,
            alt: None,
            phonetic_alt: None,
            korean_alt: None,
        }
    }

    #[test]
    fn fuzzy_lookup_equals_scan() {
        let words = [
            "sobaeksu",
            "sobaeksw",
            "sbaeksu",
            "obaeksu",
            "song",
            "sung",
            "snog",
            "hyok",
            "hyeok",
            "kumhyok",
            "daniels",
            "danials",
            "aaaa",
            "abab",
            "baba",
            "trading",
            "tradnig",
            "mohammed",
            "muhammad",
            "josé",
            "jose",
            "jesé",
            "миронов",
            "миранов",
            "мир",
        ];
        let v = vocab(&words);
        let mut scratch = Scratch::default();
        for q in words.iter().chain(
            [
                "sobeaksu",
                "sogn",
                "tradingg",
                "x",
                "abba",
                "josè",
                "мирнов",
            ]
            .iter(),
        ) {
            let qk = keys(q);
            let got: Vec<u32> = v
                .hits(&qk, None, &mut scratch)
                .iter()
                .map(|h| h.id)
                .collect();
            let want: Vec<u32> = (0..v.len() as u32)
                .filter(|&id| score::token_sim(&qk, &v.keys(id)).is_some())
                .collect();
            assert_eq!(got, want, "query {q}");
            assert!(scratch.counts.iter().all(|&c| c == 0));
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Texts within `d` OSA edits each have at most `d` byte values the other lacks (the
        /// condition [`Vocab::hits`] checks before the distance).
        #[test]
        fn ascii_sets_within_edits(a in "[a-ex]{0,10}", b in "[a-ey]{0,10}") {
            let d = score::osa_within(&a, &b, 64).unwrap_or(usize::MAX);
            let (sa, sb) = (ascii_set(a.as_bytes()), ascii_set(b.as_bytes()));
            let (Some(sa), Some(sb)) = (sa, sb) else {
                return Err(proptest::test_runner::TestCaseError::fail("ASCII texts have sets"));
            };
            proptest::prop_assert!((sa & !sb).count_ones() as usize <= d);
            proptest::prop_assert!((sb & !sa).count_ones() as usize <= d);
        }

        /// On a vocabulary of near neighbours (a small alphabet, repeated trigrams), the indexed
        /// lookup returns exactly the tokens a scan finds.
        #[test]
        fn fuzzy_lookup_equals_scan_random(
            words in proptest::collection::btree_set("[abn]{1,11}", 1..60),
            edits in proptest::collection::vec(
                (0usize..60, proptest::collection::vec((0u8..4, 0usize..12, "[abnx]"), 0..3)),
                1..8,
            ),
        ) {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let v = vocab(&words);
            // Queries a few edits (substitution, insertion, deletion, transposition) away from
            // listed words, so that near neighbours are many.
            let queries: Vec<String> = edits
                .iter()
                .map(|(w, ops)| {
                    let mut q: Vec<char> = words[w % words.len()].chars().collect();
                    for (op, at, c) in ops {
                        let c = c.chars().next().unwrap_or('a');
                        let i = at % (q.len() + 1);
                        match op {
                            0 if i < q.len() => q[i] = c,
                            1 => q.insert(i, c),
                            2 if i < q.len() && q.len() > 1 => {
                                q.remove(i);
                            }
                            _ if i + 1 < q.len() => q.swap(i, i + 1),
                            _ => {}
                        }
                    }
                    q.into_iter().collect()
                })
                .collect();
            let mut scratch = Scratch::default();
            for q in &queries {
                let qk = keys(q);
                let got: Vec<u32> = v.hits(&qk, None, &mut scratch).iter().map(|h| h.id).collect();
                let want: Vec<u32> = (0..v.len() as u32)
                    .filter(|&id| score::token_sim(&qk, &v.keys(id)).is_some())
                    .collect();
                proptest::prop_assert_eq!(got, want, "query {}", q);
            }
        }
    }

    /// With its transliteration key, a token's keyed hits are found without its exact lookup
    /// (see [`Vocab::exact_unless_keyed`]), and they are still every token a scan finds.
    #[test]
    fn keyed_lookup_with_keys_equals_scan() {
        let words = [
            "kim", "kym", "mohammed", "muhammad", "mohamed", "song", "sung", "so", "sob", "aek",
            "baek", "paek", "su", "sobaeksu", "trading", "josé", "jose", "мир",
        ];
        let v = vocab(&words);
        let mut scratch = Scratch::default();
        let queries = words
            .iter()
            .copied()
            .chain(["mukhammad", "sо", "x", "tradyng"]);
        for q in queries {
            let key = phonetic_key(q);
            let chars = q.chars().count();
            let qk = TokenKeys {
                phonetic: (chars >= 3).then_some(key.as_str()),
                ..keys(q)
            };
            let got: Vec<u32> = v
                .keyed_hits(&qk, &mut scratch)
                .iter()
                .map(|h| h.id)
                .collect();
            let want: Vec<u32> = (0..v.len() as u32)
                .filter(|&id| score::keyed_sim(&qk, &v.keys(id)).is_some())
                .collect();
            assert_eq!(got, want, "query {q}");
            let exact: Vec<u32> = v.exact(q).collect();
            assert!(exact.iter().all(|id| got.contains(id)), "query {q}");
        }
    }

    #[test]
    fn ascii_set_of_texts() {
        assert_eq!(ascii_set(b""), Some(0));
        assert_eq!(
            ascii_set(b"abba"),
            Some((1u64 << (b'a' - 64)) | (1u64 << (b'b' - 64)))
        );
        assert_eq!(ascii_set(b"p0"), Some(1u64 << b'0'));
        assert_eq!(ascii_set("josé".as_bytes()), None);
    }

    #[test]
    fn exact_finds_every_token_and_nothing_else() {
        let words = ["a", "ab", "abc", "b", "ba", "zz", "é", "éa", "мир", "ÿ"];
        let v = vocab(&words);
        for (i, w) in (0..v.len()).map(|i| (i as u32, &v.text[i])) {
            assert_eq!(v.exact(w), i..i + 1, "{w}");
        }
        for w in ["", "aa", "abcd", "c", "z", "zzz", "e", "ми", "\u{10ffff}"] {
            assert!(v.exact(w).is_empty(), "{w}");
        }
    }

    #[test]
    fn idf_weight_range() {
        assert_eq!(idf_weight(1, 40_000), 1.0);
        let common = idf_weight(4_000, 40_000);
        assert!(common > 0.4 && common < 0.6, "{common}");
    }
}
