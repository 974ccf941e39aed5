//! Candidate retrieval: from a query's tokens to the few listed names worth scoring.
//!
//! The index is built at load time from the bundle's pre-normalized tokens:
//! - the sorted vocabulary (exact lookup by binary search);
//! - hash maps from Korean-romanization and transliteration keys to vocabulary tokens;
//! - a padded-bigram inverted index over the vocabulary, sorted by token length, for typo
//!   lookup. It is lossless for the fuzzy rule of `score.rs`: two tokens within `d` OSA edits
//!   share at least `L + 1 − 3d` padded bigrams (`L` the longer length), because one edit touches
//!   at most three bigrams of the longer token (a transposition does; a substitution, insertion or
//!   deletion touches two). Candidates below that count cannot be within `d` edits;
//! - postings from each ordinary-name vocabulary token to the names that contain it.
//!
//! A name can only score above 0 if some pair links an ordinary listed name token by a non-initial
//! rule (see `score.rs`), and every such token is reached by one of the lookups above, so the
//! union of their postings contains every name a brute-force scan would score above 0. A property
//! test in `tests/retrieval.rs` checks this against a scan of the whole list.

use std::sync::Arc;

use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::bundle::Texts;
use crate::normalize::{korean_key, phonetic_key_into, TokenClass};
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

fn bigrams(text: &str, out: &mut Vec<u64>) {
    out.clear();
    let mut prev = START;
    for c in text.chars() {
        out.push((u64::from(prev) << 32) | u64::from(c as u32));
        prev = c as u32;
    }
    out.push((u64::from(prev) << 32) | u64::from(END));
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
    phonetic_map: KeyMap,
    gram_index: FxHashMap<u64, u32>,
    gram_offsets: Vec<u32>,
    /// Vocabulary ids per bigram, sorted by (chars, id); repeated for repeated bigrams.
    gram_ids: Vec<u32>,
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

/// Numbers the distinct padded bigrams of the vocabulary: ASCII bigrams (nearly all of them)
/// through a direct table, the others through a hash map.
struct GramNumbers {
    /// `dense[a * DENSE + b]`: number of the bigram (a, b) of ASCII codes, START = 128 and
    /// END = 129, or `u32::MAX`.
    dense: Vec<u32>,
    /// Every bigram by number.
    grams: Vec<u64>,
    /// Bigrams outside the direct table.
    other: FxHashMap<u64, u32>,
}

/// Side of [`GramNumbers::dense`]: 128 ASCII codes, START and END.
const DENSE: usize = 130;

impl GramNumbers {
    fn dense_code(c: u32) -> Option<usize> {
        match c {
            0..=127 => Some(c as usize),
            START => Some(128),
            END => Some(129),
            _ => None,
        }
    }

    /// The number of bigram (`prev`, `c`), given one if it has none yet.
    fn number(&mut self, prev: u32, c: u32) -> u32 {
        let g = (u64::from(prev) << 32) | u64::from(c);
        let next = self.grams.len() as u32;
        let slot = match (Self::dense_code(prev), Self::dense_code(c)) {
            (Some(a), Some(b)) => &mut self.dense[a * DENSE + b],
            _ => self.other.entry(g).or_insert(u32::MAX),
        };
        if *slot == u32::MAX {
            *slot = next;
            self.grams.push(g);
        }
        *slot
    }

    /// Appends the numbers of the padded bigrams of `text` to `occ` and counts them in
    /// `counts`; returns how many there are (characters + 1).
    #[inline(never)]
    fn token(&mut self, text: &str, counts: &mut Vec<u32>, occ: &mut Vec<u32>) -> usize {
        let start = occ.len();
        if text.is_ascii() {
            let mut prev = 128;
            for &b in text.as_bytes().iter().chain(&[129]) {
                let slot = &mut self.dense[prev * DENSE + usize::from(b)];
                if *slot == u32::MAX {
                    *slot = self.grams.len() as u32;
                    let code = |c: usize| match c {
                        128 => START,
                        129 => END,
                        c => c as u32,
                    };
                    self.grams
                        .push((u64::from(code(prev)) << 32) | u64::from(code(usize::from(b))));
                }
                occ.push(*slot);
                prev = usize::from(b);
            }
        } else {
            let mut prev = START;
            for c in text.chars().map(u32::from).chain([END]) {
                occ.push(self.number(prev, c));
                prev = c;
            }
        }
        counts.resize(self.grams.len(), 0);
        for &k in &occ[start..] {
            counts[k as usize] += 1;
        }
        occ.len() - start
    }
}

/// Every token's [`phonetic_key_into`], concatenated, and where each ends.
#[inline(never)]
fn phonetic_keys(text: &Texts) -> (String, Vec<u32>) {
    let mut keys = String::with_capacity(text.iter().map(|t| t.len() + 1).sum());
    let mut ends = Vec::with_capacity(text.len());
    for t in text.iter() {
        phonetic_key_into(t, &mut keys);
        ends.push(keys.len() as u32);
    }
    (keys, ends)
}

/// The padded-bigram postings of the vocabulary: the number of each bigram, and per number
/// the ids of the tokens that contain it, sorted by (chars, id), an id once per occurrence.
///
/// Two counting passes over the ids ordered by length, so that every posting comes out sorted
/// without a sort of all bigram occurrences.
#[inline(never)]
fn bigram_postings(text: &Texts, chars: &[u8]) -> (FxHashMap<u64, u32>, Vec<u32>, Vec<u32>) {
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
    let mut numbers = GramNumbers {
        dense: vec![u32::MAX; DENSE * DENSE],
        grams: Vec::new(),
        other: FxHashMap::default(),
    };
    let mut counts: Vec<u32> = Vec::new();
    let mut occ: Vec<u32> = Vec::with_capacity(n * 9);
    let mut lens: Vec<u32> = Vec::with_capacity(n);
    for &i in &by_len {
        let len = numbers.token(&text[i as usize], &mut counts, &mut occ);
        lens.push(len as u32);
    }
    let mut gram_index: FxHashMap<u64, u32> = FxHashMap::default();
    gram_index.reserve(numbers.grams.len());
    for (k, &g) in numbers.grams.iter().enumerate() {
        gram_index.insert(g, k as u32);
    }
    let mut offsets = Vec::with_capacity(counts.len() + 1);
    let mut total = 0u32;
    for &c in &counts {
        offsets.push(total);
        total += c;
    }
    offsets.push(total);
    let mut fill = offsets.clone();
    let mut ids = vec![0u32; total as usize];
    let mut at = 0;
    for (&i, &len) in by_len.iter().zip(&lens) {
        let end = at + len as usize;
        for &k in &occ[at..end] {
            ids[fill[k as usize] as usize] = i;
            fill[k as usize] += 1;
        }
        at = end;
    }
    (gram_index, offsets, ids)
}

impl Vocab {
    /// `korean[i]`: token `i` occurs in a Korea-related name and gets a romanization key.
    pub fn new(
        text: Arc<Texts>,
        class: Vec<TokenClass>,
        df: &[u32],
        names: usize,
        korean: &[bool],
    ) -> Vocab {
        let n = text.len();
        let chars: Vec<u8> = text
            .iter()
            .map(|t| t.chars().count().min(255) as u8)
            .collect();
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
        let phonetic_key = |i: usize| {
            let start = i.checked_sub(1).map_or(0, |p| phonetic_end[p] as usize);
            Some(&phonetic[start..phonetic_end[i] as usize])
        };
        let phonetic_map = KeyMap::new(n, phonetic_key);

        let (gram_index, gram_offsets, gram_ids) = bigram_postings(&text, &chars);
        Vocab {
            text,
            class,
            chars,
            weight,
            korean,
            phonetic,
            phonetic_end,
            korean_map,
            phonetic_map,
            gram_index,
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

    pub fn keys(&self, id: u32) -> TokenKeys<'_> {
        let i = id as usize;
        TokenKeys {
            text: &self.text[i],
            chars: usize::from(self.chars[i]),
            korean: self.korean[i].as_deref(),
            phonetic: Some(self.phonetic_key(i)),
        }
    }

    /// Ids whose text equals `t` (one per token class it occurs with).
    pub fn exact(&self, t: &str) -> std::ops::Range<u32> {
        let lo = self.text.partition_point(|v| v < t);
        let hi = self.text.partition_point(|v| v <= t);
        lo as u32..hi as u32
    }

    /// The weight of a query token: as listed if the vocabulary has it, else full.
    pub fn query_weight(&self, t: &str, class: TokenClass) -> f32 {
        if class != TokenClass::Name {
            return class_weight(class);
        }
        self.exact(t)
            .find(|&id| self.class[id as usize] == TokenClass::Name)
            .map(|id| self.weight[id as usize])
            .unwrap_or(1.0)
    }

    /// Every vocabulary token with a keyed similarity (exact, romanization, transliteration),
    /// sorted by id, each once.
    pub fn keyed_hits(&self, q: &TokenKeys<'_>) -> Vec<VocabHit> {
        let mut ids: Vec<u32> = self.exact(q.text).collect();
        if let Some(list) = q.korean.and_then(|k| self.korean_map.get(k)) {
            ids.extend_from_slice(list);
        }
        if let Some(list) = q.phonetic.and_then(|k| self.phonetic_map.get(k)) {
            ids.extend_from_slice(list);
        }
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter()
            .filter_map(|id| {
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
    pub fn hits(
        &self,
        q: &TokenKeys<'_>,
        counts: &mut Vec<u8>,
        touched: &mut Vec<u32>,
    ) -> Vec<VocabHit> {
        let mut ids: Vec<u32> = self.keyed_hits(q).iter().map(|h| h.id).collect();
        self.fuzzy_candidates(q, counts, touched);
        for &id in touched.iter() {
            let long = usize::from(self.chars[id as usize]).max(q.chars);
            let need = (long + 1).saturating_sub(3 * score::max_edits(long));
            if usize::from(counts[id as usize]) >= need {
                ids.push(id);
            }
            counts[id as usize] = 0;
        }
        touched.clear();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter()
            .filter_map(|id| {
                score::token_sim(q, &self.keys(id)).map(|(sim, how)| VocabHit {
                    id,
                    sim,
                    how,
                    other: None,
                })
            })
            .collect()
    }

    /// Counts shared padded bigrams (multiset) for every vocabulary token whose length is within
    /// the edit budget of `q`.
    fn fuzzy_candidates(&self, q: &TokenKeys<'_>, counts: &mut Vec<u8>, touched: &mut Vec<u32>) {
        counts.resize(self.len(), 0);
        let k = score::max_edits(q.chars + 2);
        if k == 0 || q.chars < 2 {
            return;
        }
        let lo_len = q.chars.saturating_sub(2);
        let hi_len = q.chars + 2;
        let mut grams = Vec::new();
        bigrams(q.text, &mut grams);
        grams.sort_unstable();
        let mut i = 0;
        while i < grams.len() {
            let g = grams[i];
            let mut mult = 1;
            while i + mult < grams.len() && grams[i + mult] == g {
                mult += 1;
            }
            i += mult;
            let Some(pos) = self.gram_index.get(&g).map(|&p| p as usize) else {
                continue;
            };
            let list = &self.gram_ids
                [self.gram_offsets[pos] as usize..self.gram_offsets[pos + 1] as usize];
            let start = list.partition_point(|&id| usize::from(self.chars[id as usize]) < lo_len);
            let end = list.partition_point(|&id| usize::from(self.chars[id as usize]) <= hi_len);
            let mut j = start;
            while j < end {
                let id = list[j];
                let mut m = 1;
                while j + m < end && list[j + m] == id {
                    m += 1;
                }
                j += m;
                let c = &mut counts[id as usize];
                if *c == 0 {
                    touched.push(id);
                }
                *c = c.saturating_add(m.min(mult) as u8);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(words: &[&str]) -> Vocab {
        let mut text: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        text.sort();
        let n = text.len();
        Vocab::new(
            Arc::new(text.into_iter().collect()),
            vec![TokenClass::Name; n],
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
        let (mut counts, mut touched) = (Vec::new(), Vec::new());
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
                .hits(&qk, &mut counts, &mut touched)
                .iter()
                .map(|h| h.id)
                .collect();
            let want: Vec<u32> = (0..v.len() as u32)
                .filter(|&id| score::token_sim(&qk, &v.keys(id)).is_some())
                .collect();
            assert_eq!(got, want, "query {q}");
            assert!(counts.iter().all(|&c| c == 0));
        }
    }

    #[test]
    fn idf_weight_range() {
        assert_eq!(idf_weight(1, 40_000), 1.0);
        let common = idf_weight(4_000, 40_000);
        assert!(common > 0.4 && common < 0.6, "{common}");
    }
}
