//! Token similarity and name scoring: the part of the matcher that decides *how similar* two
//! names are. Retrieval (which names to look at) lives in `index.rs`; both call into this module,
//! so an indexed search and a brute-force scan score every name identically.
//!
//! # Token similarity
//! Two normalized tokens are compared in this order; the first rule that applies wins, and any
//! pair that no rule accepts has similarity 0:
//!
//! | rule | similarity | example |
//! |---|---|---|
//! | equal text | 1.0 | `song` / `song` |
//! | the query token's other reading equals the listed text (Cyrillic `х`→`h`, `ё`→`yo`, `дж`→`j`; an ambiguous `j`/`y`) | 0.93 | `khek` (Хёк) / `hyok`, `sergej` / `sergey` |
//! | equal Korean romanization key (Korea-related entries only) | 0.95 | `keum` / `kum`, `ri` / `lee` |
//! | equal transliteration key (of the text or of its other reading), both ≥ 3 letters, lengths within a third | 0.93 | `mohammed` / `muhammad`, `iurii` / `yury` |
//! | OSA edit distance ≤ k(L) | `0.3·JW + 0.7·(1 − p·w/L)`, p = 1.8; at most 0.96 | `sobaeksu` / `sobaeksw` |
//! | the query token is a single letter, the listed token's initial | 0.75 | `j` / `john` |
//! | the listed token is a single letter, the query token's initial | 0.60 | `john` / `j` |
//!
//! `L` is the longer token's length in characters and `k(L)` the edits allowed: none up to 3
//! characters (`jon` / `jin` are different names), one up to 7 (at 4, not a substitution of a
//! letter that is not a keyboard neighbour: `kang` / `sang`), two from 8. `w` is the edit
//! count weighted by [`typing_distance_of`] (a neighbouring key, a swap, or a vowel left out or
//! added between consonants costs 0.6, another letter 1.2). JW is Jaro–Winkler
//! ([`jaro_winkler`], bit-identical to strsim's). Fuzzy scores stay below the key-based ones so
//! that a true variant outranks a typo. A query token that is itself a listed token keeps
//! [`KNOWN_TOKEN_FUZZY`] of its fuzzy similarities.
//!
//! # Name score
//! Query and listed tokens are paired one-to-one (greedily by weighted similarity; a query token
//! may also pair with two adjacent listed tokens written joined, `kumhyok` / `kum hyok`, and two
//! adjacent query tokens with one listed token, `sobaek su` / `sobaeksu`). Then
//!
//! ```text
//! score = Σ_pairs sim × (w_query + w_listed) / (Σ w_query + Σ w_listed × missing_discount)
//! ```
//!
//! Token weights come from `index.rs` (rarer tokens weigh more; legal forms, honorifics,
//! particles and function words weigh little). A listed middle name or patronymic that the query
//! leaves out counts at a discount, unless every name pair is exact or by a spelling rule, one by
//! a spelling rule between spellings in use (`Andrei Ivanov` / `IVANOV, Andrey Nikolayevich`):
//! that is more often another person's name than the listed one, and the left-out name counts
//! fully ([`RESPELLED_MISSING`]). A company's generic business words that the query leaves out
//! count at [`GENERIC_MISSING`] when two other words pair exactly (`Shenyang Geumpungri`). A
//! name resting on one inexact pair of a short listed token keeps [`ALONE_FACTOR`] of it. The
//! legal-form tokens a side leaves unpaired weigh together at most one legal-form token
//! (`Limited Liability Company` costs what `LLC` costs), and when both sides leave some, they
//! pair as one legal form at [`LEGAL_FORM_SWAP`]. A name scores 0 unless at least one pair joins
//! two ordinary name tokens by something other than an initial:
//! a legal form, a particle or an initial alone is never evidence.

use crate::normalize::TokenClass;

/// How two tokens were found similar. Reported in explanations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum How {
    Exact,
    Romanization,
    Transliteration,
    Fuzzy,
    Initial,
}

impl How {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            How::Exact => "exact",
            How::Romanization => "romanization",
            How::Transliteration => "transliteration",
            How::Fuzzy => "fuzzy",
            How::Initial => "initial",
        }
    }
}

pub(crate) const SIM_ROMANIZATION: f32 = 0.95;
pub(crate) const SIM_TRANSLITERATION: f32 = 0.93;
/// A query initial that begins a listed token: the applicant wrote a listed name short
/// (`K. H. Song` for `SONG, Kum Hyok`).
pub(crate) const SIM_INITIAL: f32 = 0.75;
/// A listed initial that begins a query token: the list gives only the letter (`MONICA S`),
/// so the query's full name says more than the list can confirm.
pub(crate) const SIM_LISTED_INITIAL: f32 = 0.60;
const FUZZY_CAP: f32 = 0.96;
/// Weight of the edit share `w / L` in the fuzzy rule. The share is relative to length, so
/// one edit costs a short token more: in tokens of a few letters one letter is usually another
/// name (`jing`/`ting`, `zheng`/`zhang`).
const EDIT_PENALTY: f32 = 1.8;
/// Joining or splitting tokens costs a little, so that the spelling as listed ranks first.
pub(crate) const JOIN_FACTOR: f32 = 0.98;
/// A name whose only evidence is one inexact pair on a listed token of at most
/// [`ALONE_MAX_CHARS`] characters keeps this share of the pair's similarity: nothing else in the
/// name corroborates it, and short tokens have few spellings to tell apart.
pub(crate) const ALONE_FACTOR: f32 = 0.85;
/// Similarity of the legal forms of a query and a listed name when both have one and they are
/// written differently (`LLC` / `Limited Liability Company`) or differ (`OOO` / `AO`).
pub(crate) const LEGAL_FORM_SWAP: f32 = 0.8;
/// See [`ALONE_FACTOR`].
pub(crate) const ALONE_MAX_CHARS: usize = 5;
/// [`ALONE_MAX_CHARS`] for a pair by a spelling rule. Its similarity is the rule's, whatever the
/// length, while a typing error's falls with the length (see the fuzzy rule): a lone
/// `sakura`/`sakarya` or `aurora`/`auroura` would otherwise outscore the typo of a word of
/// that length.
pub(crate) const ALONE_MAX_CHARS_KEYED: usize = 7;
/// The share of a left-out listed name's discount ([`missing_discount`]) taken back when every
/// name pair is exact or by a spelling rule, at least one by a spelling rule.
pub(crate) const RESPELLED_MISSING: f32 = 1.0;

/// The most that a side's unpaired legal-form tokens weigh together: one legal-form token.
pub(crate) fn legal_form_unit() -> f32 {
    crate::index::class_weight(TokenClass::LegalForm)
}
/// A query token that is itself a listed token keeps this share of its fuzzy similarity to
/// other listed tokens: `zheng` is a name of its own, more likely than a typo of `zhang`.
pub(crate) const KNOWN_TOKEN_FUZZY: f32 = 0.9;

/// Edits allowed between tokens whose longer one has `len` characters.
pub(crate) fn max_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// A token with the keys the similarity rules need, computed once.
#[derive(Clone, Debug)]
pub(crate) struct TokenKeys<'a> {
    pub text: &'a str,
    pub chars: usize,
    pub korean: Option<&'a str>,
    pub phonetic: Option<&'a str>,
    /// A query token's other reading, where romanizations disagree on a letter: a Cyrillic
    /// word's `х` as `h` and `ё` as `yo` (`khek` / `hyok`), or an ambiguous `j` or `y`
    /// (`sergej` / `sergey`). Listed tokens have none.
    pub alt: Option<&'a str>,
    /// The transliteration key of [`TokenKeys::alt`], when it differs from `phonetic`.
    pub phonetic_alt: Option<&'a str>,
    /// The Korean key of [`TokenKeys::alt`], when the text has one of its own that differs: a
    /// Korean name written in Cyrillic, whose final `н` is ㄴ or ㅇ (`chon` / `chong`).
    pub korean_alt: Option<&'a str>,
}

/// Similarity of two tokens by the keyed rules only (exact, romanization, transliteration).
pub(crate) fn keyed_sim(q: &TokenKeys<'_>, c: &TokenKeys<'_>) -> Option<(f32, How)> {
    keyed_sim_for(q, c, true)
}

/// [`keyed_sim`], with the Korean romanization rule only when `korean` (the listed entry is
/// Korea-related: elsewhere `li`/`lee` or `cao`/`chao` are different names).
pub(crate) fn keyed_sim_for(
    q: &TokenKeys<'_>,
    c: &TokenKeys<'_>,
    korean: bool,
) -> Option<(f32, How)> {
    if q.text == c.text {
        return Some((1.0, How::Exact));
    }
    // The other reading spelled as listed: a transliteration, whatever the token's length.
    if q.alt == Some(c.text) {
        return Some((SIM_TRANSLITERATION, How::Transliteration));
    }
    if let (true, Some(b)) = (korean, c.korean) {
        if q.korean == Some(b) || q.korean_alt == Some(b) {
            return Some((SIM_ROMANIZATION, How::Romanization));
        }
    }
    if let Some(b) = c.phonetic {
        let equal = q.phonetic == Some(b) || q.phonetic_alt == Some(b);
        if equal && transliteration_plausible(q, c) {
            return Some((SIM_TRANSLITERATION, How::Transliteration));
        }
    }
    None
}

/// The transliteration key is a consonant skeleton; it only counts between tokens long and
/// alike enough to be spellings of one name (`mohammed`/`muhammad`, not `karma`/`cayaurima`
/// or `ic`/`euk`).
fn transliteration_plausible(q: &TokenKeys<'_>, c: &TokenKeys<'_>) -> bool {
    transliteration_lengths(q.chars, c.chars) && q.phonetic.is_some_and(has_consonant)
}

/// The length part of [`transliteration_plausible`]: tokens of `a` and `b` characters may be
/// transliterations of each other.
pub(crate) fn transliteration_lengths(a: usize, b: usize) -> bool {
    a.min(b) >= 3 && a.abs_diff(b) <= ((a.max(b) + 1) / 3).max(1)
}

/// A key of vowel classes only (`ayu`, `aiai`: both `a`) says nothing about the name.
fn has_consonant(key: &str) -> bool {
    key.bytes()
        .any(|b| b.is_ascii_alphabetic() && !matches!(b, b'a' | b'e' | b'i' | b'o' | b'u'))
}

/// Two query tokens written as one must match a listed token closely: keyed rules only, and a
/// transliteration key only when the spellings are also alike (`abdel rahman`/`abdulrahman`,
/// not `li na`/`lena`). When one of the parts is a single character (`letter_part`), only
/// equal text counts: a word with a letter appended keeps its key (`constructora h` /
/// `constructora`, `sprut t` / `sprut`), so a key match would take the letter's place in
/// the name away from the pair it belongs to.
pub(crate) fn joined_ok(q: &TokenKeys<'_>, c: &TokenKeys<'_>, how: How, letter_part: bool) -> bool {
    if letter_part {
        return how == How::Exact;
    }
    how != How::Transliteration || jaro_winkler(q.text, c.text) >= 0.9
}

/// Similarity of two tokens by every rule except initials; `None` means 0.
pub(crate) fn token_sim(q: &TokenKeys<'_>, c: &TokenKeys<'_>) -> Option<(f32, How)> {
    token_sim_for(q, c, true)
}

/// [`token_sim`] with the romanization rule switched by `korean` (see [`keyed_sim_for`]).
pub(crate) fn token_sim_for(
    q: &TokenKeys<'_>,
    c: &TokenKeys<'_>,
    korean: bool,
) -> Option<(f32, How)> {
    if let Some(s) = keyed_sim_for(q, c, korean) {
        return Some(s);
    }
    fuzzy_sim(q, c).map(|s| (s, How::Fuzzy))
}

/// The fuzzy rule alone.
pub(crate) fn fuzzy_sim(q: &TokenKeys<'_>, c: &TokenKeys<'_>) -> Option<f32> {
    fuzzy_sim_known(q, c, None)
}

/// [`fuzzy_sim`], given the OSA distance of the two texts when the caller has it already
/// (`None`: computed here).
pub(crate) fn fuzzy_sim_known(
    q: &TokenKeys<'_>,
    c: &TokenKeys<'_>,
    osa: Option<usize>,
) -> Option<f32> {
    let long = q.chars.max(c.chars);
    let k = max_edits(long);
    if k == 0 || q.chars.abs_diff(c.chars) > k {
        return None;
    }
    let d = match osa {
        Some(d) => Some(d).filter(|&d| d <= k)?,
        None => osa_within(q.text, c.text, k)?,
    };
    if d == 0 {
        return None;
    }
    let (mut ab, mut bb) = (['\0'; MAX_CHARS], ['\0'; MAX_CHARS]);
    let (jw, w) = match (to_chars(q.text, &mut ab), to_chars(c.text, &mut bb)) {
        (Some(a), Some(b)) => (jaro_winkler_of(a, b), typing_distance_of(a, b)),
        // Over 64 characters: the edits graded as plain OSA.
        _ => (jaro_winkler(q.text, c.text), d as f32),
    };
    if long <= SHORT_TOKEN && w >= SUB_OTHER {
        // One letter in four replaced by an unrelated one makes another name.
        return None;
    }
    let jw = jw as f32;
    let s = 0.3 * jw + 0.7 * (1.0 - EDIT_PENALTY * w / long as f32);
    (s > 0.0).then_some(s.min(FUZZY_CAP))
}

/// What substituting a letter for its neighbour on the keyboard costs, in edits: slips of the
/// finger (`mirgan`/`mirzan`) are the commonest typing error.
const SUB_NEIGHBOUR: f32 = 0.6;
/// What swapping two adjacent letters costs, in edits: a slip of typing like
/// [`SUB_NEIGHBOUR`] (`kezno`/`kenzo`).
const TRANSPOSITION: f32 = 0.6;
/// What substituting a letter that is not a keyboard neighbour costs, in edits: `wang`/`tang`,
/// `tingting`/`jingping` are other names more often than typing errors.
const SUB_OTHER: f32 = 1.2;
/// See [`gap`].
const VOWEL_GAP: f32 = 0.6;
/// Longest token (in characters) in which substituting a letter that is not a keyboard
/// neighbour makes another name, never a fuzzy match: `kang`/`sang`, `jung`/`jang`,
/// `song`/`sang` (a letter left out or added, a slip to a neighbouring key or a swap still
/// count: `nari`/`ari`, `tang`/`yang`).
const SHORT_TOKEN: usize = 4;

/// Row and column (in quarter key widths, with the usual stagger of the rows) of each
/// lower-case ASCII letter on a QWERTY keyboard.
const KEY_POSITIONS: [(i8, i8); 26] = {
    const ROWS: [(&[u8], usize); 3] = [(b"qwertyuiop", 0), (b"asdfghjkl", 1), (b"zxcvbnm", 3)];
    let mut t = [(0i8, 0i8); 26];
    let mut r = 0;
    while r < ROWS.len() {
        let (keys, stagger) = ROWS[r];
        let mut i = 0;
        while i < keys.len() {
            t[(keys[i] - b'a') as usize] = (r as i8, (i * 4 + stagger) as i8);
            i += 1;
        }
        r += 1;
    }
    t
};

/// Per lower-case ASCII letter, the bit set of the letters on touching keys (same row or the
/// rows above and below, at most one key width apart), itself included.
const NEIGHBOURS: [u32; 26] = {
    let mut t = [0u32; 26];
    let mut a = 0;
    while a < 26 {
        let mut b = 0;
        while b < 26 {
            let ((ra, ca), (rb, cb)) = (KEY_POSITIONS[a], KEY_POSITIONS[b]);
            if (ra - rb).abs() <= 1 && (ca - cb).abs() <= 4 {
                t[a] |= 1 << b;
            }
            b += 1;
        }
        a += 1;
    }
    t
};

/// Cost of inserting or deleting `w[i]` of a word of `len` letters: a vowel between two
/// consonants costs [`VOWEL_GAP`] (a short vowel is left out in typing and in romanizations of
/// Arabic and Persian: `nabil` / `nbil`, `lopez` / `lpez`), any other letter 1. A first or last
/// letter costs 1, since it often marks another name (`rossi` / `ross`, `nikitina` /
/// `nikitin`), and so does a vowel next to a vowel, which makes another syllable (`yuan` / `yan`,
/// `jiang` / `jang`).
fn gap(w: &[char], i: usize, len: usize) -> f32 {
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let between_consonants = i > 0 && i + 1 < len && !vowel(w[i - 1]) && !vowel(w[i + 1]);
    if between_consonants && vowel(w[i]) && w[i] != 'y' {
        VOWEL_GAP
    } else {
        1.0
    }
}

/// Whether two letters sit on touching keys (see [`NEIGHBOURS`]).
#[cfg(test)]
fn neighbour_keys(a: char, b: char) -> bool {
    a.is_ascii_lowercase()
        && b.is_ascii_lowercase()
        && NEIGHBOURS[usize::from(a as u8 - b'a')] & (1 << (b as u8 - b'a')) != 0
}

/// Most characters a token may have for the allocation-free paths of [`jaro_winkler`] and
/// [`typing_distance_of`] (one bit per character in a `u64`).
const MAX_CHARS: usize = 64;

/// The characters of `s` in `buf`, or `None` when it has more than [`MAX_CHARS`].
fn to_chars<'a>(s: &str, buf: &'a mut [char; MAX_CHARS]) -> Option<&'a [char]> {
    let mut n = 0;
    for ch in s.chars() {
        *buf.get_mut(n)? = ch;
        n += 1;
    }
    buf.get(..n)
}

/// Jaro–Winkler similarity of two texts, compared by character: bit-identical to strsim's
/// `jaro_winkler` (same matching window, same arithmetic in the same order), without its
/// allocation for texts of up to [`MAX_CHARS`] characters.
pub(crate) fn jaro_winkler(a: &str, b: &str) -> f64 {
    if a.is_ascii() && b.is_ascii() {
        return jaro_winkler_of(a.as_bytes(), b.as_bytes());
    }
    let (mut ab, mut bb) = (['\0'; MAX_CHARS], ['\0'; MAX_CHARS]);
    match (to_chars(a, &mut ab), to_chars(b, &mut bb)) {
        (Some(a), Some(b)) => jaro_winkler_of(a, b),
        _ => {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            jaro_winkler_of(&a, &b)
        }
    }
}

/// [`jaro_winkler`] of two sequences. The matched elements of each side are bit sets: one
/// word on the stack up to [`MAX_CHARS`] elements, a vector beyond (the wasm build carries no
/// second implementation for long texts).
fn jaro_winkler_of<T: PartialEq + Copy>(a: &[T], b: &[T]) -> f64 {
    if a.len() <= MAX_CHARS && b.len() <= MAX_CHARS {
        jaro_winkler_flags(a, b, &mut [0], &mut [0])
    } else {
        let mut fa = vec![0u64; a.len().div_ceil(64)];
        let mut fb = vec![0u64; b.len().div_ceil(64)];
        jaro_winkler_flags(a, b, &mut fa, &mut fb)
    }
}

/// Indexes of the set bits of a bit set, in order.
fn set_bits(flags: &[u64]) -> impl Iterator<Item = usize> + '_ {
    flags.iter().enumerate().flat_map(|(w, &word)| {
        let mut x = word;
        std::iter::from_fn(move || {
            (x != 0).then(|| {
                let t = x.trailing_zeros() as usize;
                x &= x - 1;
                w * 64 + t
            })
        })
    })
}

/// [`jaro_winkler_of`], with zeroed bit sets of at least `a.len()` and `b.len()` bits.
fn jaro_winkler_flags<T: PartialEq + Copy>(
    a: &[T],
    b: &[T],
    a_flags: &mut [u64],
    b_flags: &mut [u64],
) -> f64 {
    let (a_len, b_len) = (a.len(), b.len());
    if a_len == 0 && b_len == 0 {
        return 1.0;
    } else if a_len == 0 || b_len == 0 {
        return 0.0;
    }
    let bit = |flags: &[u64], i: usize| flags.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0);
    let range = (a_len.max(b_len) / 2).saturating_sub(1);
    let mut matches = 0usize;
    for (i, x) in a.iter().enumerate() {
        let lo = i.saturating_sub(range);
        let hi = b_len.min(i + range + 1);
        let window = b.get(lo..hi).unwrap_or_default();
        for (j, y) in (lo..).zip(window) {
            if !bit(b_flags, j) && y == x {
                if let (Some(wa), Some(wb)) = (a_flags.get_mut(i / 64), b_flags.get_mut(j / 64)) {
                    *wa |= 1 << (i % 64);
                    *wb |= 1 << (j % 64);
                }
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    // The matched elements of both sides, paired in order: each unequal pair is half a
    // transposition.
    let transpositions = set_bits(a_flags)
        .zip(set_bits(b_flags))
        .filter(|&(i, j)| a.get(i) != b.get(j))
        .count()
        / 2;
    let sim = ((matches as f64 / a_len as f64)
        + (matches as f64 / b_len as f64)
        + ((matches - transpositions) as f64 / matches as f64))
        / 3.0;
    if sim > 0.7 {
        let prefix = a.iter().take(4).zip(b).take_while(|(x, y)| x == y).count();
        sim + 0.1 * prefix as f64 * (1.0 - sim)
    } else {
        sim
    }
}

/// [`typing_distance_of`] of two texts; over [`MAX_CHARS`] characters, plain OSA (`osa`).
#[cfg(test)]
fn typing_distance(a: &str, b: &str, osa: usize) -> f32 {
    let (mut ab, mut bb) = (['\0'; MAX_CHARS], ['\0'; MAX_CHARS]);
    match (to_chars(a, &mut ab), to_chars(b, &mut bb)) {
        (Some(a), Some(b)) => typing_distance_of(a, b),
        _ => osa as f32,
    }
}

/// Optimal-string-alignment distance in which a substitution costs [`SUB_NEIGHBOUR`] between
/// keyboard neighbours and [`SUB_OTHER`] otherwise, a transposition [`TRANSPOSITION`];
/// insertions and deletions cost 1. It grades the edits that [`osa_within`] has already
/// counted, so it only runs on tokens within the edit budget. It takes texts of at most
/// [`MAX_CHARS`] characters as characters (longer ones are cut there; [`fuzzy_sim_known`]
/// grades those as plain OSA).
fn typing_distance_of(ab: &[char], bb: &[char]) -> f32 {
    let ab = ab.get(..MAX_CHARS).unwrap_or(ab);
    let bb = bb.get(..MAX_CHARS).unwrap_or(bb);
    let (n, m) = (ab.len(), bb.len());
    // Per letter of `b`, computed once: its gap cost and its bit in `NEIGHBOURS` (0 for other
    // characters, which have no neighbours).
    let letter_bit = |c: char| {
        if c.is_ascii_lowercase() {
            1u32 << (c as u8 - b'a')
        } else {
            0
        }
    };
    let (mut gap_b, mut bit_b) = ([0f32; MAX_CHARS], [0u32; MAX_CHARS]);
    for (j, &y) in bb.iter().enumerate() {
        gap_b[j] = gap(bb, j, m);
        bit_b[j] = letter_bit(y);
    }
    // Three rotating rows of the DP table: i − 2, i − 1, i.
    let mut rows = [[0f32; MAX_CHARS + 1]; 3];
    for (j, v) in rows[0][..=m].iter_mut().enumerate() {
        *v = j as f32;
    }
    for i in 1..=n {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        let x = ab[i - 1];
        let gap_x = gap(ab, i - 1, n);
        let near_x = if x.is_ascii_lowercase() {
            NEIGHBOURS[usize::from(x as u8 - b'a')]
        } else {
            0
        };
        rows[cur][0] = i as f32;
        for j in 1..=m {
            let y = bb[j - 1];
            let sub = if x == y {
                0.0
            } else if near_x & bit_b[j - 1] != 0 {
                SUB_NEIGHBOUR
            } else {
                SUB_OTHER
            };
            let mut v = (rows[prev][j] + gap_x)
                .min(rows[cur][j - 1] + gap_b[j - 1])
                .min(rows[prev][j - 1] + sub);
            if i > 1 && j > 1 && x == bb[j - 2] && ab[i - 2] == y {
                v = v.min(rows[prev2][j - 2] + TRANSPOSITION);
            }
            rows[cur][j] = v;
        }
    }
    rows[n % 3][m]
}

/// Optimal-string-alignment distance (Damerau–Levenshtein without repeated edits of a
/// substring, as strsim's `osa_distance`) if it is at most `k`, else `None`.
///
/// Only the diagonal band `|i − j| ≤ k` of the DP table is computed (a cell outside it is over
/// `k`), in three rotating byte rows, and the scan stops at the first row whose band exceeds
/// `k`. Allocation-free for tokens of up to 64 characters; longer ones fall back to strsim.
pub(crate) fn osa_within(a: &str, b: &str, k: usize) -> Option<usize> {
    const MAX: usize = 64;
    if a.is_ascii() && b.is_ascii() && (1..=MAX).contains(&a.len()) {
        if a.len().abs_diff(b.len()) > k {
            return None;
        }
        let d = osa_bit_parallel(a.as_bytes(), b.as_bytes());
        return (d <= k).then_some(d);
    }
    const W: usize = MAX + 1;
    let (mut ab, mut bb) = (['\0'; MAX], ['\0'; MAX]);
    let (mut n, mut m) = (0, 0);
    for ch in a.chars() {
        if n == MAX {
            return Some(osa_long(a, b)).filter(|&d| d <= k);
        }
        ab[n] = ch;
        n += 1;
    }
    for ch in b.chars() {
        if m == MAX {
            return Some(osa_long(a, b)).filter(|&d| d <= k);
        }
        bb[m] = ch;
        m += 1;
    }
    if n.abs_diff(m) > k {
        return None;
    }
    let k = k.min(MAX);
    // Any value over `k` stands for "outside the band"; it fits a byte since k ≤ 64.
    let over = (k + 1) as u8;
    // Row i lives at rows[(i % 3) * W..]; every cell starts outside the band.
    let mut rows = [over; 3 * W];
    for (j, v) in rows[..=m.min(k)].iter_mut().enumerate() {
        *v = j as u8;
    }
    for i in 1..=n {
        let (cur, prev, prev2) = ((i % 3) * W, ((i - 1) % 3) * W, ((i + 1) % 3) * W);
        let lo = i.saturating_sub(k).max(1);
        let hi = (i + k).min(m);
        // The cell left of the band: column 0 is i deletions; elsewhere it is outside.
        rows[cur + lo - 1] = if lo == 1 { (i.min(k + 1)) as u8 } else { over };
        let mut row_min = rows[cur + lo - 1];
        for j in lo..=hi {
            let cost = u8::from(ab[i - 1] != bb[j - 1]);
            let mut v = (rows[prev + j] + 1)
                .min(rows[cur + j - 1] + 1)
                .min(rows[prev + j - 1] + cost);
            if i > 1 && j > 1 && ab[i - 1] == bb[j - 2] && ab[i - 2] == bb[j - 1] {
                v = v.min(rows[prev2 + j - 2] + 1);
            }
            let v = v.min(over);
            rows[cur + j] = v;
            row_min = row_min.min(v);
        }
        // The cell right of the band is read by the next row: keep it outside.
        if hi < m {
            rows[cur + hi + 1] = over;
        }
        if usize::from(row_min) > k {
            return None;
        }
    }
    let d = usize::from(rows[(n % 3) * W + m]);
    (d <= k).then_some(d)
}

/// OSA distance of texts over [`MAX_CHARS`] characters, by character: the full table in three
/// rotating rows (rare, so it may allocate; the wasm build carries no second implementation).
fn osa_long(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let m = b.len();
    let mut rows = vec![vec![0usize; m + 1]; 3];
    for (j, v) in rows[0].iter_mut().enumerate() {
        *v = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[prev2][j - 2] + 1);
            }
            rows[cur][j] = v;
        }
    }
    rows[a.len() % 3][m]
}

/// OSA distance of two ASCII strings, `a` of 1 to 64 bytes, by Hyyrö's bit-parallel
/// algorithm (2003).
fn osa_bit_parallel(a: &[u8], b: &[u8]) -> usize {
    AsciiPattern::new(a).map_or(usize::MAX, |p| p.osa(b))
}

/// An ASCII token of 1 to 64 bytes prepared for bit-parallel OSA distances against many
/// others: one column of the DP table per byte of the other token, as bit vectors of the
/// vertical differences, with a transposition term (Hyyrö 2003).
pub(crate) struct AsciiPattern {
    /// Positions of each byte in the pattern.
    peq: [u64; 128],
    len: usize,
}

impl AsciiPattern {
    pub(crate) fn new(a: &[u8]) -> Option<AsciiPattern> {
        if a.is_empty() || a.len() > 64 || !a.is_ascii() {
            return None;
        }
        let mut peq = [0u64; 128];
        for (i, &c) in a.iter().enumerate() {
            peq[usize::from(c)] |= 1 << i;
        }
        Some(AsciiPattern { peq, len: a.len() })
    }

    /// The OSA distance to `b`; `b` must be ASCII (other bytes are compared as their low 7 bits).
    pub(crate) fn osa(&self, b: &[u8]) -> usize {
        let last = 1u64 << (self.len - 1);
        let (mut vp, mut vn, mut d0, mut pm_prev) = (!0u64, 0u64, 0u64, 0u64);
        let mut dist = self.len;
        for &c in b {
            let pm = self.peq[usize::from(c & 0x7f)];
            // A transposition: this byte matches where the previous one would, and vice versa.
            let tr = ((!d0 & pm) << 1) & pm_prev;
            d0 = (((pm & vp).wrapping_add(vp)) ^ vp) | pm | vn | tr;
            let hp = vn | !(d0 | vp);
            let hn = d0 & vp;
            if hp & last != 0 {
                dist += 1;
            } else if hn & last != 0 {
                dist -= 1;
            }
            let hp = (hp << 1) | 1;
            vp = (hn << 1) | !(d0 | hp);
            vn = hp & d0;
            pm_prev = pm;
        }
        dist
    }
}

/// The initial rule: one side a single letter that begins the other. Each side is a text
/// with its length in characters.
pub(crate) fn initial_sim(q: (&str, usize), c: (&str, usize)) -> Option<f32> {
    let (short, long, sim) = if q.1 == 1 {
        (q, c, SIM_INITIAL)
    } else if c.1 == 1 {
        (c, q, SIM_LISTED_INITIAL)
    } else {
        return None;
    };
    (long.1 > 1 && long.0.starts_with(short.0)).then_some(sim)
}

/// What a pair covers on each side: one token, or two adjacent tokens written as one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Span {
    pub start: u8,
    pub len: u8,
}

impl Span {
    fn mask(self) -> u64 {
        let bits = if self.len >= 64 {
            u64::MAX
        } else {
            (1u64 << self.len) - 1
        };
        bits.checked_shl(u32::from(self.start)).unwrap_or(0)
    }
}

/// A candidate pairing of query tokens with listed tokens.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Pair {
    pub q: Span,
    pub c: Span,
    pub sim: f32,
    pub how: How,
    /// `joined` (two query tokens, one listed) or `split` (one query token, two listed).
    pub shape: Shape,
    pub weight: f32,
    /// The name's only evidence, inexact and short: `sim` carries [`ALONE_FACTOR`].
    pub alone: bool,
}

/// Whether a pair joins tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    One,
    Joined,
    Split,
}

/// One side's token as the scorer sees it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Side {
    pub weight: f32,
    pub class: TokenClass,
    /// The token can be a name's evidence ([`is_evidence`]).
    pub evidence: bool,
    /// Length in characters (saturating at 255).
    pub chars: u8,
    /// The token is written as some listed name writes it: a spelling in use, not a typing
    /// error. Always true for a listed token.
    pub known: bool,
    /// A generic business word of a listed company's name ([`is_generic_business`]). False
    /// for query tokens and persons' names.
    pub generic: bool,
}

/// Whether a token of this class and length can be a name's evidence: an ordinary name token of
/// two or more characters. A letter equal to a letter ("j" / "J.") is no more a name than a legal
/// form is. The index posts exactly these tokens.
pub(crate) fn is_evidence(class: TokenClass, chars: usize) -> bool {
    class == TokenClass::Name && chars > 1
}

/// The outcome of scoring a name.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct NameScore {
    pub score: f32,
    pub numerator: f32,
    pub denominator: f32,
    pub pairs: Vec<Pair>,
    /// Legal-form tokens left unpaired on both sides, paired as one legal form.
    pub legal_forms: Option<LegalFormPair>,
    pub unmatched_q: Vec<u8>,
    pub unmatched_c: Vec<u8>,
    pub left_out: LeftOut,
}

/// Legal-form tokens of the query and of the listed name that pair as one legal form, each side
/// written its own way.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct LegalFormPair {
    pub q: Vec<u8>,
    pub c: Vec<u8>,
    pub sim: f32,
    pub weight: f32,
}

/// Discount applied to a listed token the query leaves out, by its role in the name.
/// `korean_name`: the name is a Korean person's, every token a romanized Korean word; its
/// given name written in syllables is one name (`RI, Chun Song`: `Chun Song`), so a syllable
/// left out weighs [`KOREAN_GIVEN_PART`], more than a middle name.
pub(crate) fn missing_discount(
    position: usize,
    len: usize,
    is_individual: bool,
    text: &str,
    surname_len: usize,
    korean_name: bool,
) -> f32 {
    if !is_individual || len < 3 {
        return 1.0;
    }
    if is_patronymic(text) && !korean_name {
        return 0.3;
    }
    // OFAC writes "SURNAME, Given Middle": the surname and the first given name are the core.
    // Without a comma (UN: "FIRST SECOND THIRD") the first and the last token are.
    let core = if surname_len > 0 && surname_len < len {
        position <= surname_len
    } else {
        position == 0 || position + 1 == len
    };
    // A surname of several tokens ("RODRIGUEZ OLIVERA", "AGHA AHMADI") is often written with
    // its first token only: the second surname is left out like a middle name.
    let later_surname = surname_len > 1 && position > 0 && position < surname_len;
    if core && !later_surname {
        1.0
    } else if korean_name {
        KOREAN_GIVEN_PART
    } else {
        0.5
    }
}

/// Discount of a generic business word of a company's listed name that the query leaves out,
/// when two or more other words pair, all exactly, one of them not generic.
pub(crate) const GENERIC_MISSING: f32 = 0.5;

/// Whether a word of a company's name is generic: what the company does or where (`trading`,
/// `network`, `technology`, `international`, `korea`), not who it is. Legal forms are a class
/// of their own.
pub(crate) fn is_generic_business(t: &str) -> bool {
    matches!(
        t,
        "china"
            | "commercial"
            | "construction"
            | "consulting"
            | "cooperation"
            | "development"
            | "electronics"
            | "energy"
            | "engineering"
            | "enterprise"
            | "enterprises"
            | "export"
            | "general"
            | "global"
            | "group"
            | "holding"
            | "holdings"
            | "import"
            | "industrial"
            | "industries"
            | "industry"
            | "information"
            | "international"
            | "investment"
            | "investments"
            | "iran"
            | "korea"
            | "logistics"
            | "management"
            | "manufacturing"
            | "marine"
            | "maritime"
            | "network"
            | "networks"
            | "petroleum"
            | "products"
            | "resources"
            | "russia"
            | "service"
            | "services"
            | "shipping"
            | "solutions"
            | "supply"
            | "syria"
            | "systems"
            | "tech"
            | "technologies"
            | "technology"
            | "trade"
            | "traders"
            | "trading"
            | "transport"
    )
}

/// Discount of a left-out syllable of a Korean given name written apart (`RI, Chun Song`
/// without `Song`): more than a middle name's, since the syllables make one name.
const KOREAN_GIVEN_PART: f32 = 0.85;

fn is_patronymic(t: &str) -> bool {
    const ENDINGS: [&str; 8] = [
        "ovich", "evich", "yevich", "ovna", "evna", "ichna", "ogly", "kyzy",
    ];
    t.len() > 6 && ENDINGS.iter().any(|e| t.ends_with(e))
}

/// What [`choose`] found: the score and what the explanation is built from.
struct Chosen {
    score: f32,
    numerator: f32,
    denominator: f32,
    used_q: u64,
    used_c: u64,
    /// Unpaired legal-form tokens on both sides pair as one legal form, of this weight.
    legal_forms: Option<f32>,
    /// Rules that changed what the listed tokens left unpaired weigh (see [`LeftOut`]).
    left_out: LeftOut,
}

/// Rules that changed what a name's left-out listed tokens weigh, reported in explanations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct LeftOut {
    /// A discounted left-out name counted in full: the other names are only respelled
    /// ([`RESPELLED_MISSING`]).
    pub in_full: bool,
    /// Left-out generic business words counted at [`GENERIC_MISSING`].
    pub generic_half: bool,
}

/// Chooses non-overlapping pairs greedily, leaving in `pairs` the chosen ones in order of
/// choice, and computes the score, without allocating.
fn choose(pairs: &mut Vec<Pair>, q: &[Side], c: &[Side], c_discount: &[f32]) -> Chosen {
    let value = |p: &Pair| p.sim * p.weight;
    pairs.sort_by(|a, b| {
        value(b)
            .total_cmp(&value(a))
            .then(b.sim.total_cmp(&a.sim))
            .then(a.q.cmp(&b.q))
            .then(a.c.cmp(&b.c))
    });
    let (mut used_q, mut used_c) = (0u64, 0u64);
    let mut numerator = 0.0f32;
    // Chosen pairs that are name evidence: how many, and the first one.
    let (mut evidence, mut first_evidence) = (0usize, 0usize);
    let mut chosen = 0usize;
    // Whether a chosen pair of names agrees by a spelling rule, and whether one has a typo.
    let (mut respelled, mut typo) = (false, false);
    // Whether every name pair is exact, and one pairs a listed word that is not generic.
    let (mut exact_only, mut distinctive) = (true, false);
    pairs.retain(|p| {
        let (mq, mc) = (p.q.mask(), p.c.mask());
        if used_q & mq != 0 || used_c & mc != 0 {
            return false;
        }
        used_q |= mq;
        used_c |= mc;
        numerator += value(p);
        let c_name = (p.c.start..p.c.start + p.c.len)
            .any(|i| c.get(usize::from(i)).is_some_and(|s| s.evidence));
        if c_name && p.how != How::Initial {
            if matches!(p.how, How::Romanization | How::Transliteration) {
                // A spelling rule between spellings in use; a query spelling no listed name
                // uses is a typing error that the rule's key happens to absorb (`noorv`).
                let known = (p.q.start..p.q.start + p.q.len)
                    .all(|i| q.get(usize::from(i)).is_some_and(|s| s.known));
                respelled |= known;
                typo |= !known;
            }
            typo |= p.how == How::Fuzzy;
            exact_only &= p.how == How::Exact;
            distinctive |= (p.c.start..p.c.start + p.c.len).any(|i| {
                c.get(usize::from(i))
                    .is_some_and(|s| s.evidence && !s.generic)
            });
            if evidence == 0 {
                first_evidence = chosen;
            }
            evidence += 1;
        }
        chosen += 1;
        true
    });
    // A name resting on one inexact pair of a short listed token has nothing to corroborate
    // it: `budi`/`bodhi`, `amur`/`amor` are other names as often as spellings of one.
    if let (1, Some(p)) = (evidence, pairs.get_mut(first_evidence)) {
        let listed_chars: usize = (p.c.start..p.c.start + p.c.len)
            .filter_map(|i| c.get(usize::from(i)))
            .map(|s| usize::from(s.chars))
            .sum();
        let max_chars = match p.how {
            How::Fuzzy => ALONE_MAX_CHARS,
            _ => ALONE_MAX_CHARS_KEYED,
        };
        if p.how != How::Exact && listed_chars <= max_chars {
            numerator -= value(p) * (1.0 - ALONE_FACTOR);
            p.sim *= ALONE_FACTOR;
            p.alone = true;
        }
    }
    // Legal-form tokens left unpaired on one side weigh, together, at most one legal-form
    // token: `Limited Liability Company` says no more than `LLC`, so leaving it out must not
    // cost three times as much (see [`legal_form_unit`]).
    let mut denominator = 0.0f32;
    let (mut lf_q_weight, mut lf_c_weight) = (0.0f32, 0.0f32);
    let (mut lf_q, mut lf_c) = (false, false);
    for (i, s) in q.iter().enumerate() {
        if used_q & (1u64 << i.min(63)) != 0 {
            denominator += s.weight;
        } else if s.class == TokenClass::LegalForm {
            lf_q_weight += s.weight;
            lf_q = true;
        } else {
            denominator += s.weight;
        }
    }
    // A listed name left out is discounted as a middle name or patronymic often dropped. When
    // the names that do pair agree only by spelling rules, not one of them by a typing error,
    // the query is more likely another person's name, written as that person writes it
    // (`Andrei Ivanov` for `IVANOV, Andrey Nikolayevich`): the left-out name then gets back
    // [`RESPELLED_MISSING`] of its discount. A typo points at the listed spelling instead.
    let restore = if respelled && !typo {
        RESPELLED_MISSING
    } else {
        0.0
    };
    // A company named by two of its words or more, as listed (`Shenyang Geumpungri`), is often
    // written without the generic words of its listed name (`NETWORK TECHNOLOGY`). One word
    // alone (`Volga`), generic words alone (`Trading Group`), or a changed spelling on top are
    // too little to leave them out.
    let generic_out = evidence >= 2 && exact_only && distinctive;
    let mut left_out = LeftOut::default();
    for (i, s) in c.iter().enumerate() {
        let paired = used_c & (1u64 << i.min(63)) != 0;
        let mut d = c_discount.get(i).copied().unwrap_or(1.0);
        if restore > 0.0 && d < 1.0 && !paired && s.class != TokenClass::LegalForm {
            left_out.in_full = true;
        }
        d += (1.0 - d) * restore;
        if s.generic && generic_out {
            d *= GENERIC_MISSING;
            left_out.generic_half |= !paired;
        }
        let discounted = s.weight * d;
        if paired {
            denominator += s.weight;
        } else if s.class == TokenClass::LegalForm {
            lf_c_weight += discounted;
            lf_c = true;
        } else {
            denominator += discounted;
        }
    }
    let lf_q_weight = lf_q_weight.min(legal_form_unit());
    let lf_c_weight = lf_c_weight.min(legal_form_unit());
    denominator += lf_q_weight + lf_c_weight;
    // A legal form written another way (`LLC` / `Limited Liability Company` / `OOO`) or changed
    // says little against the name: when both sides leave legal-form tokens unpaired, those
    // tokens pair as one legal-form pair.
    let legal_forms = (lf_q && lf_c).then_some(lf_q_weight + lf_c_weight);
    if let Some(weight) = legal_forms {
        numerator += LEGAL_FORM_SWAP * weight;
    }
    let score = if evidence > 0 && denominator > 0.0 {
        (numerator / denominator).clamp(0.0, 1.0)
    } else {
        0.0
    };
    Chosen {
        score,
        numerator,
        denominator,
        used_q,
        used_c,
        legal_forms,
        left_out,
    }
}

/// The score [`score_pairs`] gives these pairs, without the explanation and without
/// allocating; `pairs` is left holding the chosen pairs.
pub(crate) fn pairs_score(
    pairs: &mut Vec<Pair>,
    q: &[Side],
    c: &[Side],
    c_discount: &[f32],
) -> f32 {
    choose(pairs, q, c, c_discount).score
}

/// Chooses non-overlapping pairs greedily and computes the score. `pairs` must contain every
/// pair with similarity > 0; the result depends only on that set, so any caller that produces
/// the same set gets the same score.
pub(crate) fn score_pairs(
    mut pairs: Vec<Pair>,
    q: &[Side],
    c: &[Side],
    c_discount: &[f32],
) -> NameScore {
    let ch = choose(&mut pairs, q, c, c_discount);
    // The unpaired tokens of one side, by index: (legal forms, the others).
    let unpaired = |sides: &[Side], used: u64| -> (Vec<u8>, Vec<u8>) {
        let (mut legal, mut other) = (Vec::new(), Vec::new());
        for (i, s) in sides.iter().enumerate() {
            if used & (1u64 << i.min(63)) != 0 {
                continue;
            }
            if s.class == TokenClass::LegalForm {
                legal.push(i as u8);
            } else {
                other.push(i as u8);
            }
        }
        (legal, other)
    };
    let (lf_q, mut unmatched_q) = unpaired(q, ch.used_q);
    let (lf_c, mut unmatched_c) = unpaired(c, ch.used_c);
    let legal_forms = match ch.legal_forms {
        Some(weight) => Some(LegalFormPair {
            q: lf_q,
            c: lf_c,
            sim: LEGAL_FORM_SWAP,
            weight,
        }),
        None => {
            for (all, lf) in [(&mut unmatched_q, lf_q), (&mut unmatched_c, lf_c)] {
                all.extend(lf);
                all.sort_unstable();
            }
            None
        }
    };
    NameScore {
        score: ch.score,
        numerator: ch.numerator,
        denominator: ch.denominator,
        pairs,
        legal_forms,
        unmatched_q,
        unmatched_c,
        left_out: ch.left_out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn exact_and_keyed() {
        assert_eq!(
            token_sim(&keys("song"), &keys("song")),
            Some((1.0, How::Exact))
        );
        let a = TokenKeys {
            korean: Some("kum"),
            ..keys("keum")
        };
        let b = TokenKeys {
            korean: Some("kum"),
            ..keys("kum")
        };
        assert_eq!(
            token_sim(&a, &b),
            Some((SIM_ROMANIZATION, How::Romanization))
        );
    }

    #[test]
    fn short_tokens_need_exactness() {
        assert_eq!(token_sim(&keys("jon"), &keys("jin")), None);
        assert_eq!(token_sim(&keys("kim"), &keys("kin")), None);
        // Four letters: an unrelated letter substituted is another name (regression:
        // `Joon-young Kang` reached `Jon Yong Sang` through `kang`/`sang` at 0.57).
        assert_eq!(token_sim(&keys("kang"), &keys("sang")), None);
        assert_eq!(token_sim(&keys("jung"), &keys("jang")), None);
        // A slip to a neighbouring key, a letter left out, or a swap still count.
        for (a, b) in [("tang", "yang"), ("ari", "nari"), ("ahng", "hang")] {
            assert_eq!(
                token_sim(&keys(a), &keys(b)).map(|s| s.1),
                Some(How::Fuzzy),
                "{a} {b}"
            );
        }
        // Five letters: one substitution may still be a spelling (`gamal` / `jamal`).
        assert!(token_sim(&keys("gamal"), &keys("jamal")).is_some());
    }

    #[test]
    fn fuzzy_is_bounded_by_edits_and_below_keys() {
        // A slip of the finger (u/y touch): one edit in eight letters.
        let s = token_sim(&keys("sobaeksu"), &keys("sobaeksy")).unwrap();
        assert_eq!(s.1, How::Fuzzy);
        assert!(s.0 > 0.8 && s.0 < SIM_TRANSLITERATION, "{s:?}");
        let other = token_sim(&keys("sobaeksu"), &keys("sobaeksw")).unwrap();
        assert!(other.0 < s.0, "{other:?}");
        assert_eq!(token_sim(&keys("daniels"), &keys("donalds")), None);
    }

    #[test]
    fn osa_within_agrees_with_strsim() {
        let words = [
            "", "a", "ab", "ba", "abc", "acb", "kumhyok", "kumhyko", "sobaeksu", "sbaeksuu", "хёк",
            "хек", "ca", "abc",
        ];
        for a in words {
            for b in words {
                let d = strsim::osa_distance(a, b);
                for k in 0..4 {
                    assert_eq!(
                        osa_within(a, b, k),
                        (d <= k).then_some(d),
                        "{a:?} {b:?} {k}"
                    );
                }
            }
        }
        let long = "x".repeat(70);
        assert_eq!(osa_within(&long, &long, 1), Some(0));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The banded distance equals strsim's full table, for every budget.
        #[test]
        fn osa_within_equals_strsim(a in "[abcх]{0,12}", b in "[abcх]{0,12}", k in 0usize..5) {
            let d = strsim::osa_distance(&a, &b);
            proptest::prop_assert_eq!(osa_within(&a, &b, k), (d <= k).then_some(d));
        }

        /// The long-text distance equals strsim's.
        #[test]
        fn osa_long_equals_strsim(a in "[abcх]{0,90}", b in "[abcх]{0,90}") {
            proptest::prop_assert_eq!(osa_long(&a, &b), strsim::osa_distance(&a, &b));
        }

        /// Jaro–Winkler is strsim's to the bit, on ASCII and other texts, short and long.
        #[test]
        fn jaro_winkler_equals_strsim(a in "[abcdх]{0,12}", b in "[abcdх]{0,12}") {
            proptest::prop_assert_eq!(
                jaro_winkler(&a, &b).to_bits(),
                strsim::jaro_winkler(&a, &b).to_bits()
            );
        }

        /// The same over wider alphabets and lengths up to and past 64 and 128 characters
        /// (bit sets of several words).
        #[test]
        fn jaro_winkler_equals_strsim_long(
            a in "[a-z]{0,70}|[a-zéøхё ]{0,70}|[abc]{60,150}",
            b in "[a-z]{0,70}|[a-zéøхё ]{0,70}|[abc]{60,150}",
        ) {
            proptest::prop_assert_eq!(
                jaro_winkler(&a, &b).to_bits(),
                strsim::jaro_winkler(&a, &b).to_bits()
            );
        }

        /// The typing distance equals the plain table of its definition (neighbours and gap
        /// costs looked up per cell), to the bit.
        #[test]
        fn typing_distance_equals_plain_table(
            a in "[a-züх]{0,10}|[aeiouy]{0,4}[qwsxnm]{0,4}",
            b in "[a-züх]{0,10}|[aeiouy]{0,4}[qwsxnm]{0,4}",
        ) {
            let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            proptest::prop_assert_eq!(
                typing_distance_of(&ac, &bc).to_bits(),
                plain_typing_distance(&ac, &bc).to_bits()
            );
        }

        /// The bit-parallel path (ASCII) too, up to its 64-byte limit.
        #[test]
        fn osa_ascii_equals_strsim(a in "[abcd]{0,64}", b in "[abcd]{0,70}", k in 0usize..70) {
            let d = strsim::osa_distance(&a, &b);
            proptest::prop_assert_eq!(osa_within(&a, &b, k), (d <= k).then_some(d));
        }
    }

    #[test]
    fn jaro_winkler_equals_strsim_on_name_pairs() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "kumhyok",
            "kumhyko",
            "sobaeksu",
            "sobaeksy",
            "muhammad",
            "mohammed",
            "mohamad",
            "abdulrahman",
            "abdelrahman",
            "хёк",
            "хек",
            "müller",
            "mueller",
            "martha",
            "marhta",
            "dwayne",
            "duane",
            "dixon",
            "dicksonx",
            "jellyfish",
            "smellyfish",
        ];
        for a in words {
            for b in words {
                assert_eq!(
                    jaro_winkler(a, b).to_bits(),
                    strsim::jaro_winkler(a, b).to_bits(),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    /// The typing distance as its definition reads, a full table (the reference for
    /// [`typing_distance_of`]).
    fn plain_typing_distance(ab: &[char], bb: &[char]) -> f32 {
        let (n, m) = (ab.len(), bb.len());
        let mut t = vec![vec![0f32; m + 1]; n + 1];
        for (j, v) in t[0].iter_mut().enumerate() {
            *v = j as f32;
        }
        for i in 1..=n {
            t[i][0] = i as f32;
            for j in 1..=m {
                let (x, y) = (ab[i - 1], bb[j - 1]);
                let sub = if x == y {
                    0.0
                } else if neighbour_keys(x, y) {
                    SUB_NEIGHBOUR
                } else {
                    SUB_OTHER
                };
                let mut v = (t[i - 1][j] + gap(ab, i - 1, n))
                    .min(t[i][j - 1] + gap(bb, j - 1, m))
                    .min(t[i - 1][j - 1] + sub);
                if i > 1 && j > 1 && x == bb[j - 2] && ab[i - 2] == y {
                    v = v.min(t[i - 2][j - 2] + TRANSPOSITION);
                }
                t[i][j] = v;
            }
        }
        t[n][m]
    }

    #[test]
    fn initials() {
        assert_eq!(initial_sim(("j", 1), ("john", 4)), Some(SIM_INITIAL));
        assert_eq!(initial_sim(("k", 1), ("john", 4)), None);
        assert_eq!(initial_sim(("j", 1), ("j", 1)), None);
        assert_eq!(initial_sim(("john", 4), ("j", 1)), Some(SIM_LISTED_INITIAL));
    }

    fn side(w: f32) -> Side {
        Side {
            weight: w,
            class: TokenClass::Name,
            evidence: true,
            chars: 4,
            known: true,
            generic: false,
        }
    }

    fn pair(q: u8, c: u8, sim: f32) -> Pair {
        Pair {
            q: Span { start: q, len: 1 },
            c: Span { start: c, len: 1 },
            sim,
            how: if sim == 1.0 { How::Exact } else { How::Fuzzy },
            shape: Shape::One,
            weight: 2.0,
            alone: false,
        }
    }

    #[test]
    fn neighbours_are_the_keys_within_a_row_and_a_key_width() {
        for a in 'a'..='z' {
            for b in 'a'..='z' {
                let (ra, ca) = KEY_POSITIONS[usize::from(a as u8 - b'a')];
                let (rb, cb) = KEY_POSITIONS[usize::from(b as u8 - b'a')];
                let near = (ra - rb).abs() <= 1 && (ca - cb).abs() <= 4;
                assert_eq!(neighbour_keys(a, b), near, "{a}/{b}");
            }
        }
        assert!(!neighbour_keys('a', 'A') && !neighbour_keys('é', 'e'));
    }

    #[test]
    fn typing_distance_grades_substitutions_by_keyboard() {
        // w and q touch; w and t do not.
        assert_eq!(typing_distance("wang", "qang", 1), SUB_NEIGHBOUR);
        assert_eq!(typing_distance("wang", "tang", 1), SUB_OTHER);
        // Insertions and deletions cost one edit, a transposition is a slip; a vowel between
        // consonants costs a slip too, but not a first or last letter or a vowel by a vowel.
        assert_eq!(typing_distance("chen", "chn", 1), VOWEL_GAP);
        assert_eq!(typing_distance("nbil", "nabil", 1), VOWEL_GAP);
        assert_eq!(typing_distance("ross", "rossi", 1), 1.0);
        assert_eq!(typing_distance("abil", "nabil", 1), 1.0);
        assert_eq!(typing_distance("yan", "yuan", 1), 1.0);
        assert_eq!(typing_distance("chrn", "chn", 1), 1.0);
        assert_eq!(typing_distance("diab", "daib", 1), TRANSPOSITION);
        assert_eq!(typing_distance("", "ab", 2), 2.0);
        assert_eq!(typing_distance("ab", "", 2), 2.0);
        // Non-letters are never neighbours; tokens over 64 characters are plain OSA.
        assert_eq!(typing_distance("a1", "a2", 1), SUB_OTHER);
        let long = "k".repeat(70);
        assert_eq!(typing_distance(&long, &format!("{long}x"), 1), 1.0);
        // The geometry: g touches t, y, f, h, v, b; not r or n.
        for n in ['t', 'y', 'f', 'h', 'v', 'b'] {
            assert!(neighbour_keys('g', n), "g/{n}");
            assert!(neighbour_keys(n, 'g'), "{n}/g");
        }
        assert!(!neighbour_keys('g', 'r') && !neighbour_keys('g', 'n'));
    }

    #[test]
    fn a_typing_slip_scores_above_another_name() {
        let slip = fuzzy_sim(&keys("wangwei"), &keys("qangwei")).unwrap();
        let other = fuzzy_sim(&keys("wangwei"), &keys("tangwei")).unwrap();
        assert!(slip > other + 0.1, "{slip} {other}");
        // In four letters the other name does not match at all.
        assert!(fuzzy_sim(&keys("wang"), &keys("qang")).is_some());
        assert_eq!(fuzzy_sim(&keys("wang"), &keys("tang")), None);
    }

    #[test]
    fn a_vowel_only_key_is_no_transliteration() {
        let k = |t: &'static str, p: &'static str| TokenKeys {
            text: t,
            chars: t.chars().count(),
            korean: None,
            phonetic: Some(p),
            alt: None,
            phonetic_alt: None,
            korean_alt: None,
        };
        assert_eq!(keyed_sim(&k("ayu", "a"), &k("aiai", "a")), None);
        assert_eq!(
            keyed_sim(&k("budi", "bode"), &k("bodhi", "bode")),
            Some((SIM_TRANSLITERATION, How::Transliteration))
        );
    }

    #[test]
    fn one_short_inexact_pair_alone_is_discounted() {
        let one = [side(1.0)];
        let s = score_pairs(vec![pair(0, 0, 0.9)], &one, &one, &[1.0]);
        assert!((s.score - 0.9 * ALONE_FACTOR).abs() < 1e-6, "{s:?}");
        assert!(s.pairs[0].alone);
        assert!((s.numerator / s.denominator - s.score).abs() < 1e-6);
        // Exact, long, or corroborated by a second pair: no discount.
        let s = score_pairs(vec![pair(0, 0, 1.0)], &one, &one, &[1.0]);
        assert_eq!(s.score, 1.0);
        let mut long = side(1.0);
        long.chars = ALONE_MAX_CHARS as u8 + 1;
        let s = score_pairs(vec![pair(0, 0, 0.9)], &one, &[long], &[1.0]);
        assert!((s.score - 0.9).abs() < 1e-6 && !s.pairs[0].alone, "{s:?}");
        let two = [side(1.0), side(1.0)];
        let s = score_pairs(
            vec![pair(0, 0, 0.9), pair(1, 1, 1.0)],
            &two,
            &two,
            &[1.0, 1.0],
        );
        assert!((s.score - 0.95).abs() < 1e-6, "{s:?}");
    }

    #[test]
    fn a_spelling_rule_alone_is_discounted_up_to_seven_letters() {
        let one = [side(1.0)];
        let keyed = |chars: u8| {
            let mut c = side(1.0);
            c.chars = chars;
            let mut p = pair(0, 0, SIM_TRANSLITERATION);
            p.how = How::Transliteration;
            score_pairs(vec![p], &one, &[c], &[1.0])
        };
        // `sakura` / `sakarya`: seven letters, a spelling rule alone.
        let s = keyed(ALONE_MAX_CHARS_KEYED as u8);
        assert!(s.pairs[0].alone, "{s:?}");
        assert!((s.score - SIM_TRANSLITERATION * ALONE_FACTOR).abs() < 1e-6);
        assert!(!keyed(ALONE_MAX_CHARS_KEYED as u8 + 1).pairs[0].alone);
        // A typo of six letters is no longer short.
        let mut six = side(1.0);
        six.chars = 6;
        let s = score_pairs(vec![pair(0, 0, 0.9)], &one, &[six], &[1.0]);
        assert!(!s.pairs[0].alone, "{s:?}");
    }

    #[test]
    fn a_left_out_name_counts_fully_when_the_rest_is_only_respelled() {
        // "Andrei Ivanov" / "IVANOV, Andrey Nikolayevich": a patronymic left out (discount 0.3).
        let q = [side(1.0), side(1.0)];
        let c = [side(1.0), side(1.0), side(1.0)];
        let disc = [1.0, 1.0, 0.3];
        let with = |how: How, sim: f32, q: &[Side]| {
            let mut p = pair(0, 0, sim);
            p.how = how;
            score_pairs(vec![pair(1, 1, 1.0), p], q, &c, &disc)
        };
        let respelled = with(How::Transliteration, SIM_TRANSLITERATION, &q);
        let full = (2.0 + 2.0 * SIM_TRANSLITERATION) / 5.0;
        assert!((respelled.score - full).abs() < 1e-6, "{respelled:?}");
        assert!((respelled.numerator / respelled.denominator - respelled.score).abs() < 1e-6);
        // Exact names, or a typing error among them, keep the discount.
        let exact = with(How::Exact, 1.0, &q);
        assert!((exact.score - 4.0 / 4.3).abs() < 1e-6, "{exact:?}");
        let typo = with(How::Fuzzy, 0.9, &q);
        assert!((typo.score - 3.8 / 4.3).abs() < 1e-6, "{typo:?}");
        // So does a spelling no listed name uses (`noorv` / `norov`): a typo the key absorbed.
        let mut unknown = q;
        unknown[0].known = false;
        let absorbed = with(How::Transliteration, SIM_TRANSLITERATION, &unknown);
        assert!(
            (absorbed.score - (2.0 + 2.0 * SIM_TRANSLITERATION) / 4.3).abs() < 1e-6,
            "{absorbed:?}"
        );
    }

    #[test]
    fn generic_words_left_out_of_a_company_weigh_half() {
        // "Shenyang Geumpungri" / "SHENYANG GEUMPUNGRI NETWORK TECHNOLOGY".
        let q = [side(1.0), side(1.0)];
        let generic = Side {
            generic: true,
            ..side(1.0)
        };
        let c = [side(1.0), side(1.0), generic, generic];
        let disc = [1.0; 4];
        let s = score_pairs(vec![pair(0, 0, 1.0), pair(1, 1, 1.0)], &q, &c, &disc);
        assert!(
            (s.score - 4.0 / (4.0 + 2.0 * GENERIC_MISSING)).abs() < 1e-6,
            "{s:?}"
        );
        // One word alone, or a pair that is not exact: the generic words weigh fully.
        let one = score_pairs(vec![pair(0, 0, 1.0)], &q[..1], &c, &disc);
        assert!((one.score - 2.0 / 5.0).abs() < 1e-6, "{one:?}");
        let typo = score_pairs(vec![pair(0, 0, 1.0), pair(1, 1, 0.9)], &q, &c, &disc);
        assert!((typo.score - 3.8 / 6.0).abs() < 1e-6, "{typo:?}");
        // Generic words paired alone earn nothing: `Trading Group`.
        let c = [generic, generic, side(1.0), generic];
        let s = score_pairs(vec![pair(0, 0, 1.0), pair(1, 1, 1.0)], &q, &c, &disc);
        assert!((s.score - 4.0 / 6.0).abs() < 1e-6, "{s:?}");
        assert!(is_generic_business("technology") && !is_generic_business("geumpungri"));
    }

    #[test]
    fn unpaired_legal_forms_on_both_sides_pair_as_one() {
        let form = |w: f32| Side {
            weight: w,
            class: TokenClass::LegalForm,
            evidence: false,
            chars: 3,
            known: true,
            generic: false,
        };
        // "Kaleidoskop LLC" / "Limited Liability Company Kaleidoskop".
        let unit = legal_form_unit();
        let q = [side(1.0), form(unit)];
        let c = [form(unit), form(unit), form(unit), side(1.0)];
        let disc = [1.0; 4];
        let s = score_pairs(vec![pair(0, 3, 1.0)], &q, &c, &disc);
        let lf = s.legal_forms.as_ref().expect("paired");
        assert_eq!((lf.q.clone(), lf.c.clone()), (vec![1], vec![0, 1, 2]));
        // Three words of a legal form weigh as one.
        assert!((lf.weight - 2.0 * unit).abs() < 1e-6, "{lf:?}");
        assert!(
            (s.numerator - (2.0 + LEGAL_FORM_SWAP * 2.0 * unit)).abs() < 1e-5,
            "{s:?}"
        );
        assert!((s.denominator - (2.0 + 2.0 * unit)).abs() < 1e-5, "{s:?}");
        assert!(s.unmatched_q.is_empty() && s.unmatched_c.is_empty());
        // A legal form on one side only stays unpaired, and a left-out "Limited Liability
        // Company" costs what a left-out "LLC" costs.
        let s = score_pairs(vec![pair(0, 3, 1.0)], &q[..1], &c, &disc);
        assert!(s.legal_forms.is_none() && s.unmatched_c == vec![0, 1, 2]);
        let llc = score_pairs(
            vec![pair(0, 1, 1.0)],
            &q[..1],
            &[form(unit), side(1.0)],
            &disc,
        );
        assert!((s.score - llc.score).abs() < 1e-6, "{s:?} {llc:?}");
        assert!((s.score - 2.0 / (2.0 + unit)).abs() < 1e-6, "{s:?}");
    }

    #[test]
    fn exact_full_match_scores_one_and_partial_less() {
        let q = [side(1.0), side(1.0)];
        let c = [side(1.0), side(1.0)];
        let s = score_pairs(vec![pair(0, 1, 1.0), pair(1, 0, 1.0)], &q, &c, &[1.0, 1.0]);
        assert_eq!(s.score, 1.0);
        let s = score_pairs(vec![pair(0, 1, 1.0)], &q, &c, &[1.0, 1.0]);
        assert!((s.score - 0.5).abs() < 1e-6);
    }

    #[test]
    fn legal_form_alone_is_no_evidence() {
        let q = [
            side(1.0),
            Side {
                weight: 0.1,
                class: TokenClass::LegalForm,
                evidence: false,
                chars: 3,
                known: true,
                generic: false,
            },
        ];
        let c = [
            side(1.0),
            Side {
                weight: 0.1,
                class: TokenClass::LegalForm,
                evidence: false,
                chars: 3,
                known: true,
                generic: false,
            },
        ];
        let mut p = pair(1, 1, 1.0);
        p.weight = 0.2;
        let s = score_pairs(vec![p], &q, &c, &[1.0, 1.0]);
        assert_eq!(s.score, 0.0);
    }

    #[test]
    fn greedy_is_one_to_one() {
        let q = [side(1.0)];
        let c = [side(1.0), side(1.0)];
        let s = score_pairs(vec![pair(0, 0, 1.0), pair(0, 1, 0.9)], &q, &c, &[1.0, 1.0]);
        assert_eq!(s.pairs.len(), 1);
        assert_eq!(s.unmatched_c, vec![1]);
    }

    #[test]
    fn patronymic_and_middle_discounts() {
        assert_eq!(missing_discount(2, 3, true, "sergeyevich", 1, false), 0.3);
        // "OO, Mya Tun": surname oo, first given mya, middle tun.
        assert_eq!(missing_discount(2, 3, true, "tun", 1, false), 0.5);
        assert_eq!(missing_discount(1, 3, true, "mya", 1, false), 1.0);
        // "ERIC BADEGE MUTONI" (no comma): first and last are the core.
        assert_eq!(missing_discount(1, 3, true, "badege", 0, false), 0.5);
        assert_eq!(missing_discount(2, 3, true, "mutoni", 0, false), 1.0);
        assert_eq!(missing_discount(1, 3, false, "trading", 0, false), 1.0);
        // "RODRIGUEZ OLIVERA, Daniel": the second surname, not the first or the given name.
        assert_eq!(missing_discount(1, 3, true, "olivera", 2, false), 0.5);
        assert_eq!(missing_discount(0, 3, true, "rodriguez", 2, false), 1.0);
        assert_eq!(missing_discount(2, 3, true, "daniel", 2, false), 1.0);
        // "RI, Chun Song": one given name in two syllables.
        assert_eq!(
            missing_discount(2, 3, true, "song", 1, true),
            KOREAN_GIVEN_PART
        );
        assert_eq!(missing_discount(1, 3, true, "chun", 1, true), 1.0);
        assert_eq!(missing_discount(2, 3, true, "song", 1, false), 0.5);
    }
}
