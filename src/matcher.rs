//! The matcher: prepared queries, candidate scoring per name, qualifiers and identifiers.
//!
//! [`Matcher::search`] and [`Matcher::search_exhaustive`] share every scoring function; they
//! differ only in how they find the token pairs of a name: through the index, or by comparing
//! the query with every token of every name. The second exists to prove the first.

use rustc_hash::FxHashMap;

use crate::bundle::{Entries, Field, Head, NameText, NormData, Tokens, Visit};
use crate::country;
use crate::error::{Error, Result};
use crate::index::{Scratch, Vocab, VocabHit};
use crate::model::{DateSpec, Entry, EntryKind, IdKind, NameKind};
use crate::normalize::{
    self, j_y_variant, korean_key, phonetic_key, phonetic_key_into, Step, TokenClass,
};
use crate::score::{self, How, NameScore, Pair, Shape, Side, Span, TokenKeys, JOIN_FACTOR};
use crate::screen::{Adjustment, Decision, Explanation, Match, Options, Query, TokenPair};

/// Names with more tokens are cut here when the bundle is built (the scorer uses 64-bit masks).
pub(crate) const MAX_NAME_TOKENS: usize = 48;
/// Longest query name accepted, in characters.
pub(crate) const MAX_QUERY_CHARS: usize = 512;
/// Most query tokens accepted (masks of query tokens are 32 bits in [`Matcher::candidates`]).
pub(crate) const MAX_QUERY_TOKENS: usize = 32;
const _: () = assert!(MAX_QUERY_TOKENS <= 32);
/// A weak alias counts only when its name score reaches this and every ordinary token pairs.
pub(crate) const WEAK_MIN: f64 = 0.95;

/// One name of one entry, located in the token arrays.
#[derive(Clone, Copy, Debug)]
struct NameRec {
    entry: u32,
    name: u16,
    kind: NameKind,
    start: u32,
    len: u8,
    /// Tokens before the comma of an OFAC-style "SURNAME, Given" name; 0 without a comma.
    surname: u8,
    /// The entry is an individual (scoring needs it before the entry is decoded).
    individual: bool,
}

/// The loaded index over every name.
pub(crate) struct Matcher {
    vocab: Vocab,
    names: Vec<NameRec>,
    tokens: Vec<u32>,
    post_offsets: Vec<u32>,
    post_names: Vec<u32>,
    identifiers: FxHashMap<String, Vec<u32>>,
    /// Per entry: Korea-related (romanization equivalence applies).
    korean: Vec<bool>,
    /// Per name: the bounds [`Matcher::candidates`] reads for every name it reaches, side by
    /// side (one cache line per name).
    bounds: Vec<Bounds>,
    /// The vocabulary ids of generic business words ([`score::is_generic_business`]), sorted.
    generic: Vec<u32>,
    /// See [`Matcher::build_table`]; `None` inside if it could not be built.
    table: std::sync::OnceLock<Option<TokenTable>>,
}

/// [`Matcher::candidates`]' scratch, kept between queries: per name, the listed credit and the
/// mask of the query tokens that reached it; and the names touched.
type CandidateScratch = (Vec<(f32, u32)>, Vec<u32>);

/// A query item: one query token, or two adjacent ones written joined.
struct Item {
    key: Keyed,
    span: Span,
    /// The [`Vocab::exact`] ids of the text, if [`Prepared::new`] looked them up.
    exact: Option<std::ops::Range<u32>>,
    /// Vocabulary hits, sorted by id.
    hits: Vec<VocabHit>,
    /// For single items: ways to split the token in two, each half with its keyed hits.
    splits: Vec<Split>,
    /// A joined item with a one-character part ("sprut t"): it pairs only by equal text, since
    /// any word with a letter appended has the word's transliteration key.
    letter_join: bool,
    /// The ids of every split's first-half hits, sorted, each once (see [`finish_hits`]).
    split_firsts: Vec<u32>,
    /// A single token that normalization gave no other reading: its lookup depends on its text
    /// alone (see [`TokenTable`]).
    plain: bool,
}

/// A query-side text with the keys the similarity rules need, computed once.
#[derive(Clone)]
struct Keyed {
    text: String,
    chars: usize,
    korean: Option<String>,
    /// The transliteration key, for texts of three characters or more (the rule needs no
    /// other: see [`score::transliteration_lengths`]).
    phonetic: Option<String>,
    /// The other reading of the text (see [`TokenKeys::alt`]) and its transliteration key.
    alt: Option<String>,
    phonetic_alt: Option<String>,
    /// See [`TokenKeys::korean_alt`].
    korean_alt: Option<String>,
}

impl Keyed {
    /// A text whose other reading, if any, is that of an ambiguous `j` or `y`, to be looked
    /// up in `vocab`.
    fn new(text: String, vocab: &Vocab) -> Keyed {
        let alt = j_y_variant(&text);
        Keyed::for_vocab(text, alt, vocab)
    }

    /// A text with the other reading normalization gave it (a Cyrillic word's), else as
    /// [`Keyed::new`].
    fn of_token(text: String, alt: Option<String>, vocab: &Vocab) -> Keyed {
        let alt = alt.or_else(|| j_y_variant(&text));
        Keyed::for_vocab(text, alt, vocab)
    }

    /// [`Keyed::with_alt_korean`] for lookups in `vocab`: a Korean key that cannot be among the
    /// vocabulary's pairs with nothing, as no key does, so it is not computed (unless the
    /// other reading's key would take the place of none).
    fn for_vocab(text: String, alt: Option<String>, vocab: &Vocab) -> Keyed {
        let korean = alt.is_some() || vocab.may_be_korean(&text);
        Keyed::with_alt_korean(text, alt, korean)
    }

    /// The keys of `text` and its other reading; the Korean key only when `korean`.
    fn with_alt_korean(text: String, alt: Option<String>, korean: bool) -> Keyed {
        let chars = text.chars().count();
        let (phonetic, phonetic_alt) = if chars >= 3 {
            let phonetic = phonetic_key(&text);
            let other = alt.as_deref().map(phonetic_key).filter(|k| *k != phonetic);
            (Some(phonetic), other)
        } else {
            (None, None)
        };
        let (own, other) = if korean {
            (korean_key(&text), alt.as_deref().and_then(korean_key))
        } else {
            (None, None)
        };
        // The other reading's key in the second place when the text has one of its own.
        let (korean, korean_alt) = match own {
            Some(k) => {
                let other = other.filter(|o| *o != k);
                (Some(k), other)
            }
            None => (other, None),
        };
        Keyed {
            chars,
            korean,
            phonetic,
            alt,
            phonetic_alt,
            korean_alt,
            text,
        }
    }

    /// A text that pairs by its text alone (see [`Item::letter_join`]): no keys.
    fn plain(text: String) -> Keyed {
        Keyed {
            chars: text.chars().count(),
            korean: None,
            phonetic: None,
            alt: None,
            phonetic_alt: None,
            korean_alt: None,
            text,
        }
    }

    /// A half of a split token: its own keys, no other reading (a half is not a word).
    fn half(text: String) -> Keyed {
        Keyed::with_alt_korean(text, None, true)
    }

    fn keys(&self) -> TokenKeys<'_> {
        TokenKeys {
            text: &self.text,
            chars: self.chars,
            korean: self.korean.as_deref(),
            phonetic: self.phonetic.as_deref(),
            alt: self.alt.as_deref(),
            phonetic_alt: self.phonetic_alt.as_deref(),
            korean_alt: self.korean_alt.as_deref(),
        }
    }
}

/// A single query token cut in two (at byte `at`), each half with its keyed vocabulary hits.
#[derive(Clone)]
struct Split {
    at: usize,
    ha: Vec<VocabHit>,
    hb: Vec<VocabHit>,
}

impl Item {
    fn keys(&self) -> TokenKeys<'_> {
        self.key.keys()
    }

    /// Every way to split this item's text, each half keyed.
    fn halves(&self) -> impl Iterator<Item = (usize, Keyed, Keyed)> + '_ {
        split_points(&self.key.text).map(|(a, b)| {
            (
                a.len(),
                Keyed::half(a.to_string()),
                Keyed::half(b.to_string()),
            )
        })
    }
}

/// A normalized, validated query, ready to score against many names.
pub(crate) struct Prepared {
    items: Vec<Item>,
    sides: Vec<Side>,
    token_texts: Vec<String>,
    steps: Vec<&'static str>,
    dob: Option<DateSpec>,
    country: Option<&'static str>,
    ids: Vec<(IdKind, String)>,
    /// Every item's vocabulary hits, by vocabulary id: (item index, hit).
    /// Also every id some split's first half hits, with `true` (see [`Item::split_firsts`]).
    by_vocab: FxHashMap<u32, (u32, u32, bool)>,
    /// `vocab_hits[a..b]` for `by_vocab[id] == (a, b, _)`: (item index, hit), in item order.
    vocab_hits: Vec<(u16, VocabHit)>,
}

impl Prepared {
    pub fn new(q: &Query, vocab: &Vocab) -> Result<Prepared> {
        let chars = q.name.chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(Error::query(format!(
                "the name is {chars} characters long; names over {MAX_QUERY_CHARS} characters are not screened — enter the name only"
            )));
        }
        let norm = normalize::normalize(&q.name);
        let name_tokens = norm
            .tokens
            .iter()
            .filter(|t| t.class == TokenClass::Name)
            .count();
        if norm.tokens.len() > MAX_QUERY_TOKENS {
            return Err(Error::query(format!(
                "the name has {} words; at most {MAX_QUERY_TOKENS} are screened — enter one name per query",
                norm.tokens.len()
            )));
        }
        let dob = q.dob.as_deref().map(parse_dob).transpose()?;
        let country = match q
            .country
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(c) => Some(country::to_iso2(c).ok_or_else(|| {
                Error::query(format!(
                    "unknown country {c:?}: use an ISO 3166 code such as KP, or a country name"
                ))
            })?),
        };
        let mut ids = Vec::new();
        for (kind, v) in [
            (IdKind::Email, &q.email),
            (IdKind::Wallet, &q.wallet),
            (IdKind::Phone, &q.phone),
            (IdKind::Website, &q.website),
        ] {
            if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
                match identifier_key(kind, v) {
                    Some(k) => ids.push((kind, k)),
                    None => {
                        return Err(Error::query(format!(
                            "the {} {v:?} is not usable: {}",
                            kind.as_str(),
                            match kind {
                                IdKind::Email => "give an address like name@example.com",
                                IdKind::Phone => "give at least 7 digits",
                                IdKind::Website => "give a domain like example.com",
                                _ => "give the address exactly as written",
                            }
                        )))
                    }
                }
            }
        }
        if name_tokens == 0 && norm.tokens.is_empty() && ids.is_empty() {
            return Err(Error::query(if q.name.trim().is_empty() {
                "empty query: give a name, or an email, wallet, phone or website".to_string()
            } else {
                "the name has no letters or digits once invisible and control characters are removed".to_string()
            }));
        }
        // A word written in another script is spelled by a rule, not typed: every spelling it
        // gives is one in use.
        let script = norm
            .steps
            .iter()
            .any(|s| matches!(s, Step::Cyrillic | Step::Greek | Step::Hangul));
        let mut sides: Vec<Side> = Vec::with_capacity(norm.tokens.len());
        // Each token's exact ids, looked up once for its weight, `known` and its hits, when
        // the first two need them.
        let mut exacts: Vec<Option<std::ops::Range<u32>>> = Vec::with_capacity(norm.tokens.len());
        for t in &norm.tokens {
            let chars = t.text.chars().count();
            let exact = (t.class == TokenClass::Name || !script).then(|| vocab.exact(&t.text));
            sides.push(Side {
                weight: vocab.query_weight(exact.clone().unwrap_or(0..0), t.class),
                class: t.class,
                evidence: score::is_evidence(t.class, chars),
                chars: chars.min(255) as u8,
                known: script || exact.as_ref().is_some_and(|e| !e.is_empty()),
                generic: false,
            });
            exacts.push(exact);
        }
        // Every token, then every two and three adjacent ones.
        let n = norm.tokens.len();
        let mut items: Vec<Item> =
            Vec::with_capacity(n + n.saturating_sub(1) + n.saturating_sub(2));
        for (i, t) in norm.tokens.iter().enumerate() {
            // A word written twice ("ould muhammad … ould muhammad") is keyed once.
            let earlier = norm.tokens[..i]
                .iter()
                .position(|e| e.text == t.text && e.alt == t.alt);
            items.push(Item {
                key: match earlier.and_then(|e| items.get(e)) {
                    Some(e) => e.key.clone(),
                    None => Keyed::of_token(t.text.clone(), t.alt.clone(), vocab),
                },
                span: Span {
                    start: i as u8,
                    len: 1,
                },
                exact: exacts.get(i).cloned().flatten(),
                hits: Vec::new(),
                splits: Vec::new(),
                letter_join: false,
                split_firsts: Vec::new(),
                plain: t.alt.is_none(),
            });
        }
        // Two or three adjacent query tokens written as one listed token ("sobaek su" /
        // "sobaeksu", "abd al lah" / "abdallah"); they pair by the keyed rules only.
        for len in 2..=3usize {
            for start in 0..norm.tokens.len().saturating_sub(len - 1) {
                let parts = &norm.tokens[start..start + len];
                let mut text = String::with_capacity(parts.iter().map(|t| t.text.len()).sum());
                for t in parts {
                    text.push_str(&t.text);
                }
                let letter_join = sides[start..start + len].iter().any(|s| s.chars == 1);
                let earlier = items
                    .iter()
                    .find(|e| e.span.len > 1 && e.letter_join == letter_join && e.key.text == text)
                    .map(|e| e.key.clone());
                items.push(Item {
                    key: earlier.unwrap_or_else(|| {
                        if letter_join {
                            Keyed::plain(text)
                        } else {
                            Keyed::new(text, vocab)
                        }
                    }),
                    span: Span {
                        start: start as u8,
                        len: len as u8,
                    },
                    exact: None,
                    hits: Vec::new(),
                    splits: Vec::new(),
                    letter_join,
                    split_firsts: Vec::new(),
                    plain: false,
                });
            }
        }
        Ok(Prepared {
            items,
            sides,
            token_texts: norm.tokens.into_iter().map(|t| t.text).collect(),
            steps: norm.steps.iter().map(|s| s.as_str()).collect(),
            dob,
            country,
            ids,
            by_vocab: FxHashMap::default(),
            vocab_hits: Vec::new(),
        })
    }

    /// Fills the vocabulary hits of every item (the index path).
    #[inline(never)]
    fn lookup(&mut self, vocab: &Vocab, table: Option<&TokenTable>) {
        // The fuzzy lookup's per-token counts, kept between queries (zeroing one per
        // vocabulary token per query would cost more than the lookup): every count is 0 between
        // calls, and every non-zero count's id is in `touched`.
        thread_local! {
            static SCRATCH: std::cell::RefCell<Scratch> = Default::default();
        }
        SCRATCH.with(|cell| {
            let scratch = &mut *cell.borrow_mut();
            scratch.reset();
            self.lookup_with(vocab, table, scratch);
        });
    }

    fn lookup_with(&mut self, vocab: &Vocab, table: Option<&TokenTable>, scratch: &mut Scratch) {
        for i in 0..self.items.len() {
            let (done, rest) = self.items.split_at_mut(i);
            let Some(item) = rest.first_mut() else {
                break;
            };
            // An item equal to an earlier one (the same text and reading, the same kind) has
            // its hits and splits: they depend on nothing else.
            if let Some(e) = done.iter().find(|e| {
                (e.span.len == 1) == (item.span.len == 1)
                    && e.letter_join == item.letter_join
                    && e.key.text == item.key.text
                    && e.key.alt == item.key.alt
            }) {
                item.hits = e.hits.clone();
                item.splits = e.splits.clone();
                continue;
            }
            if item.span.len == 1 {
                let listed = item.exact.clone().filter(|e| item.plain && !e.is_empty());
                match (table, listed) {
                    (Some(t), Some(e)) => {
                        let (hits, splits) = t.get(e.start);
                        item.hits = hits.to_vec();
                        item.splits = splits.to_vec();
                    }
                    _ => {
                        (item.hits, item.splits) =
                            single_lookup(vocab, &item.key, item.exact.clone(), scratch);
                    }
                }
                continue;
            }
            item.hits = if item.letter_join {
                // Only equal text pairs (see `score::joined_ok`), and the item has no keys.
                vocab
                    .exact(&item.key.text)
                    .map(|id| VocabHit {
                        id,
                        sim: 1.0,
                        how: How::Exact,
                        other: None,
                    })
                    .collect()
            } else {
                // Joined tokens pair only by the keyed rules: a fuzzy join ("vremya ch" ~
                // "vremya") would outweigh two exact pairs.
                let qk = item.keys();
                let mut h = vocab.keyed_hits(&qk, scratch);
                h.retain(|h| score::joined_ok(&qk, &vocab.keys(h.id), h.how, item.letter_join));
                h
            };
        }
    }
}

/// The lookup of a single query token keyed `key`: its vocabulary hits, and its splits.
/// `exact`: the [`Vocab::exact`] ids of its text, if known.
fn single_lookup(
    vocab: &Vocab,
    key: &Keyed,
    exact: Option<std::ops::Range<u32>>,
    scratch: &mut Scratch,
) -> (Vec<VocabHit>, Vec<Split>) {
    let hits = vocab.hits(&key.keys(), exact, scratch);
    // The second half is keyed only when the first has hits.
    let mut phonetic = String::new();
    let splits = split_points(&key.text)
        .filter_map(|(a, b)| {
            let ha = half_hits(vocab, a, &mut phonetic, scratch)?;
            let hb = half_hits(vocab, b, &mut phonetic, scratch)?;
            Some(Split {
                at: a.len(),
                ha,
                hb,
            })
        })
        .collect();
    (hits, splits)
}

/// The lookup of every vocabulary text as a query token with no other reading (the
/// [`single_lookup`] of [`Keyed::of_token`] without one), kept by the text's first id: built
/// once by a long-running process, so that a query token some listed name has costs a copy
/// instead of a lookup (see [`Matcher::build_table`]).
///
/// A single token's lookup depends on its keys alone, and a token without a reading of its
/// own from normalization is keyed by its text alone, so the table's entry of its text is
/// exactly what the lookup would give.
pub(crate) struct TokenTable {
    /// Per vocabulary id: its lookup; empty for an id whose text an earlier id has.
    per_id: Vec<Looked>,
}

/// A single token's lookup, as [`TokenTable`] keeps it.
#[derive(Default)]
struct Looked {
    hits: Box<[VocabHit]>,
    splits: Box<[Split]>,
}

impl TokenTable {
    /// Looks up every text of `vocab`, on up to `threads` threads (one when the platform has
    /// none to give); `None` if a thread failed.
    fn build(vocab: &Vocab, threads: usize) -> Option<TokenTable> {
        let n = vocab.len();
        let threads = threads.clamp(1, n.max(1));
        let chunk = n.div_ceil(threads);
        let part = |range: std::ops::Range<usize>| {
            let mut scratch = Scratch::default();
            range
                .map(|i| {
                    let text = &vocab.text[i];
                    if i > 0 && vocab.text.get(i - 1) == Some(text) {
                        return Default::default();
                    }
                    let key = Keyed::of_token(text.to_string(), None, vocab);
                    let exact = Some(vocab.exact(text));
                    let (hits, splits) = single_lookup(vocab, &key, exact, &mut scratch);
                    Looked {
                        hits: hits.into_boxed_slice(),
                        splits: splits.into_boxed_slice(),
                    }
                })
                .collect::<Vec<_>>()
        };
        let per_id = if threads == 1 {
            part(0..n)
        } else {
            std::thread::scope(|s| {
                let range = |t: usize| t * chunk..((t + 1) * chunk).min(n);
                // A part whose thread cannot be started (a platform without threads) is built
                // here, after the others have started.
                let parts: Vec<_> = (0..threads)
                    .map(|t| {
                        std::thread::Builder::new()
                            .spawn_scoped(s, move || part(range(t)))
                            .map_err(|_| t)
                    })
                    .collect();
                let mut all = Vec::with_capacity(n);
                for p in parts {
                    match p {
                        Ok(h) => all.extend(h.join().ok()?),
                        Err(t) => all.extend(part(range(t))),
                    }
                }
                Some(all)
            })?
        };
        Some(TokenTable { per_id })
    }

    /// Bytes the table holds on the heap.
    fn heap_bytes(&self) -> usize {
        let split =
            |s: &Split| size_of::<Split>() + (s.ha.len() + s.hb.len()) * size_of::<VocabHit>();
        self.per_id.len() * size_of::<Looked>()
            + self
                .per_id
                .iter()
                .map(|l| {
                    l.hits.len() * size_of::<VocabHit>() + l.splits.iter().map(split).sum::<usize>()
                })
                .sum::<usize>()
    }

    /// The lookup of the text of vocabulary id `id`, if `id` is the text's first.
    fn get(&self, id: u32) -> (&[VocabHit], &[Split]) {
        self.per_id
            .get(id as usize)
            .map_or((&[], &[]), |l| (&l.hits[..], &l.splits[..]))
    }
}

/// The keyed vocabulary hits of one half of a split token (as [`Keyed::half`] keys it), if it
/// has any; `phonetic` is a buffer for its transliteration key.
fn half_hits(
    vocab: &Vocab,
    half: &str,
    phonetic: &mut String,
    scratch: &mut Scratch,
) -> Option<Vec<VocabHit>> {
    // A key that cannot be among the vocabulary's would pair with nothing: not computed.
    let korean = if vocab.may_be_korean(half) {
        korean_key(half)
    } else {
        None
    };
    let chars = half.chars().count();
    phonetic.clear();
    // Below 3 characters the transliteration key pairs with nothing (see `keyed_hits`).
    if chars >= 3 {
        phonetic_key_into(half, phonetic);
    }
    let hits = vocab.keyed_hits(
        &TokenKeys {
            text: half,
            chars,
            korean: korean.as_deref(),
            phonetic: Some(phonetic),
            alt: None,
            phonetic_alt: None,
            korean_alt: None,
        },
        scratch,
    );
    (!hits.is_empty()).then_some(hits)
}

/// Ways to cut a token in two halves of at least two characters each.
fn split_points(t: &str) -> impl Iterator<Item = (&str, &str)> {
    let n = t.chars().count();
    t.char_indices()
        .enumerate()
        .filter(move |&(i, _)| i >= 2 && n - i >= 2)
        .map(move |(_, (b, _))| t.split_at(b))
}

fn parse_dob(s: &str) -> Result<DateSpec> {
    let s = s.trim();
    let bad = || {
        Error::query(format!(
            "date of birth {s:?} is not understood: use YYYY-MM-DD, YYYY-MM or YYYY"
        ))
    };
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    let num = |p: &str, lo: u32, hi: u32| -> Result<u32> {
        let v: u32 = if p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()) && !p.is_empty() {
            p.parse().map_err(|_| bad())?
        } else {
            return Err(bad());
        };
        if (lo..=hi).contains(&v) {
            Ok(v)
        } else {
            Err(bad())
        }
    };
    match parts.as_slice() {
        [y] => Ok(DateSpec::Year(num(y, 1800, 2100)? as u16)),
        [y, m] => Ok(DateSpec::Month {
            y: num(y, 1800, 2100)? as u16,
            m: num(m, 1, 12)? as u8,
        }),
        [y, m, d] if y.len() == 4 => Ok(DateSpec::Day {
            y: num(y, 1800, 2100)? as u16,
            m: num(m, 1, 12)? as u8,
            d: num(d, 1, 31)? as u8,
        }),
        [d, m, y] if y.len() == 4 => Ok(DateSpec::Day {
            y: num(y, 1800, 2100)? as u16,
            m: num(m, 1, 12)? as u8,
            d: num(d, 1, 31)? as u8,
        }),
        _ => Err(bad()),
    }
}

/// The comparable form of an identifier, or `None` when the value cannot be one.
///
/// Loading computes it for every listed email, phone, website and wallet (2,600 of them), so
/// plain ASCII values take no detour through Unicode case mapping and copy at most once.
pub(crate) fn identifier_key(kind: IdKind, v: &str) -> Option<String> {
    let kept = |c: char| !c.is_whitespace() && !c.is_control() && !is_invisible(c);
    // Printable ASCII is kept as it is; other ASCII loses its spaces and controls.
    let v: std::borrow::Cow<'_, str> = if v.bytes().all(|b| b > b' ' && b < 0x7f) {
        v.into()
    } else if v.is_ascii() {
        let mut s = String::with_capacity(v.len());
        s.extend(v.chars().filter(|&c| c > ' ' && c != '\u{7f}'));
        s.into()
    } else {
        v.chars().filter(|&c| kept(c)).collect::<String>().into()
    };
    let v = v.trim_matches(|c: char| matches!(c, '.' | ',' | ';' | '<' | '>' | '"' | '\''));
    let lower = |s: &str| {
        if s.is_ascii() {
            s.to_ascii_lowercase()
        } else {
            s.to_lowercase()
        }
    };
    let key = match kind {
        IdKind::Email => {
            let v = lower(v.strip_prefix("mailto:").unwrap_or(v));
            let (user, host) = v.split_once('@')?;
            if user.is_empty() || !host.contains('.') {
                return None;
            }
            v
        }
        IdKind::Website => {
            let v = lower(v);
            // After the first "://" (a byte search: `split_once` sets up a two-way searcher).
            let scheme_end = v.as_bytes().windows(3).position(|w| w == b"://");
            let v = scheme_end.map_or(v.as_str(), |i| &v[i + 3..]);
            let host = v.split(['/', '?', '#']).next()?;
            let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
            let host = host.split(':').next()?.trim_end_matches('.');
            let host = host.strip_prefix("www.").unwrap_or(host);
            if !host.contains('.') {
                return None;
            }
            host.to_string()
        }
        IdKind::Phone => {
            let digits: String = v.chars().filter(char::is_ascii_digit).collect();
            if digits.len() < 7 {
                return None;
            }
            digits
        }
        IdKind::Wallet => {
            if v.len() < 8 {
                return None;
            }
            if v.starts_with("0x") || v.starts_with("0X") {
                lower(v)
            } else {
                v.to_string()
            }
        }
        IdKind::Passport | IdKind::NationalId => {
            let s: String = v
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_uppercase();
            if s.is_empty() {
                return None;
            }
            s
        }
    };
    let label = kind.as_str();
    let mut out = String::with_capacity(label.len() + 1 + key.len());
    out.push_str(label);
    out.push(':');
    out.push_str(&key);
    Some(out)
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}')
}

/// Normalizes every name of every entry into bundle token data.
pub(crate) fn build_norm(entries: &[Entry]) -> NormData {
    let mut per_name: Vec<Vec<(String, TokenClass)>> = Vec::new();
    for e in entries {
        for n in &e.names {
            let mut toks: Vec<(String, TokenClass)> = normalize::normalize(&n.text)
                .tokens
                .into_iter()
                .map(|t| (t.text, t.class))
                .collect();
            toks.truncate(MAX_NAME_TOKENS);
            per_name.push(toks);
        }
    }
    let mut vocab: Vec<(String, TokenClass)> = per_name.iter().flatten().cloned().collect();
    vocab.sort();
    vocab.dedup();
    let index: FxHashMap<(&str, TokenClass), u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, (t, c))| ((t.as_str(), *c), i as u32))
        .collect();
    let mut name_lens = Vec::with_capacity(per_name.len());
    let mut name_tokens = Vec::new();
    for toks in &per_name {
        name_lens.push(toks.len() as u8);
        for (t, c) in toks {
            name_tokens.push(index[&(t.as_str(), *c)]);
        }
    }
    NormData {
        vocab_class: vocab.iter().map(|(_, c)| *c as u8).collect(),
        vocab: vocab.into_iter().map(|(t, _)| t).collect(),
        name_lens,
        name_tokens,
    }
}

impl Matcher {
    /// Builds the index from a bundle's token data and the [`Facts`] of its entries; checks
    /// that the two fit.
    pub fn new(norm: Tokens, facts: Facts) -> Result<Matcher> {
        let total_names = facts.names.len();
        if norm.name_lens.len() != total_names {
            return Err(Error::corrupt(format!(
                "token data covers {} names but the entries have {total_names}",
                norm.name_lens.len()
            )));
        }
        if norm
            .name_lens
            .iter()
            .any(|&l| usize::from(l) > MAX_NAME_TOKENS)
        {
            return Err(Error::corrupt(
                "a name has more tokens than the format allows",
            ));
        }
        // A bundle's tokens were checked as it was read (the same and more).
        if !norm.checked {
            let token_sum: usize = norm.name_lens.iter().map(|&l| usize::from(l)).sum();
            if token_sum != norm.name_tokens.len() || norm.vocab.len() != norm.vocab_class.len() {
                return Err(Error::corrupt("token arrays have inconsistent lengths"));
            }
            if norm
                .name_tokens
                .iter()
                .any(|&t| t as usize >= norm.vocab.len())
            {
                return Err(Error::corrupt("a token id is outside the vocabulary"));
            }
            if (1..norm.vocab.len()).any(|i| norm.vocab[i - 1] > norm.vocab[i]) {
                return Err(Error::corrupt("the vocabulary is not sorted"));
            }
        }
        let class: Vec<TokenClass> = norm
            .vocab_class
            .iter()
            .map(|&c| {
                TokenClass::from_u8(c)
                    .ok_or_else(|| Error::corrupt(format!("unknown token class {c}")))
            })
            .collect::<Result<_>>()?;
        if facts.kinds.len() > u32::MAX as usize
            || facts.names.iter().any(|n| n.index >= u32::from(u16::MAX))
        {
            return Err(Error::corrupt("too many entries or names"));
        }

        // Per vocab token: its length in characters (at most 255).
        let chars: Vec<u8> = norm.vocab.iter().map(char_count).collect();
        // Korean romanization keys only matter for Korea-related entries (see score.rs), so
        // only their tokens get one: marked in the same pass that places every name.
        let korean_entries = facts.korean;
        let mut korean_tok = vec![false; norm.vocab.len()];
        let mut names = Vec::with_capacity(total_names);
        let mut start = 0u32;
        for (n, &len) in facts.names.iter().zip(&norm.name_lens) {
            names.push(NameRec {
                entry: n.entry,
                name: n.index as u16,
                kind: n.kind,
                start,
                len,
                surname: n.surname,
                individual: facts.kinds.get(n.entry as usize) == Some(&EntryKind::Individual),
            });
            let end = start + u32::from(len);
            if korean_entries
                .get(n.entry as usize)
                .copied()
                .unwrap_or(false)
            {
                for &t in &norm.name_tokens[start as usize..end as usize] {
                    korean_tok[t as usize] = true;
                }
            }
            start = end;
        }
        // Postings hold the tokens that can be a name's evidence (see `score_pairs`): ordinary
        // name tokens of two or more characters.
        let posted: Vec<bool> = (0..norm.vocab.len())
            .map(|i| score::is_evidence(class[i], usize::from(chars[i])))
            .collect();
        let (df, post_offsets, post_names) = postings(&names, &norm.name_tokens, &posted);
        let vocab = Vocab::new(norm.vocab, class, chars, &df, names.len(), &korean_tok);
        // Per vocab token (once each, not once per occurrence): what a name's bounds take from
        // it (see `name_bounds`), in one record, so that a name reads one array per token.
        let per_token: Vec<TokenBound> = vocab
            .text
            .iter()
            .enumerate()
            .map(|(t, text)| {
                let (class, chars) = (vocab.class[t], vocab.chars[t]);
                let bit = text.chars().next().map_or(0, letter_bit);
                let letter = if initial_class(class) && chars == 1 {
                    Letter::Initial(bit)
                } else if matches!(class, TokenClass::Name | TokenClass::Particle) && chars > 1 {
                    // A query initial may stand for a particle too (`M. b. A.` for `Mohamed
                    // bin Ahmed`; see `pairs_of`).
                    Letter::First(bit)
                } else {
                    Letter::Neither
                };
                TokenBound {
                    weight: vocab.weight[t],
                    generic: score::is_generic_business(text),
                    legal: class == TokenClass::LegalForm,
                    uncovered: !score::is_evidence(class, usize::from(chars)),
                    letter,
                }
            })
            .collect();
        let mut bounds = Vec::with_capacity(names.len());
        // Per vocab token, asked once: 0 not yet, 1 its text does not change its discount, 2
        // it does (see `name_bounds`).
        let mut text_matters = vec![0u8; vocab.len()];
        for n in &names {
            let toks = &norm.name_tokens[n.start as usize..n.start as usize + usize::from(n.len)];
            let b = name_bounds(
                &vocab,
                &mut text_matters,
                &per_token,
                toks,
                n.individual,
                usize::from(n.surname),
            );
            bounds.push(b);
        }
        Ok(Matcher {
            vocab,
            names,
            tokens: norm.name_tokens,
            post_offsets,
            post_names,
            identifiers: facts.identifiers,
            korean: korean_entries,
            bounds,
            generic: (0u32..)
                .zip(&per_token)
                .filter_map(|(t, b)| b.generic.then_some(t))
                .collect(),
            table: std::sync::OnceLock::new(),
        })
    }

    /// Whether a vocabulary token has postings: an ordinary name token of two or more
    /// characters. The others are counted in `uncovered`.
    fn posted(&self, id: u32) -> bool {
        score::is_evidence(
            self.vocab.class[id as usize],
            usize::from(self.vocab.chars[id as usize]),
        )
    }

    /// The token data the index was built from, as a bundle stores it.
    pub fn norm_data(&self) -> NormData {
        NormData {
            vocab: self.vocab.text.to_vec(),
            vocab_class: self.vocab.class.iter().map(|&c| c as u8).collect(),
            name_lens: self.names.iter().map(|n| n.len).collect(),
            name_tokens: self.tokens.clone(),
        }
    }

    /// Builds the [`TokenTable`] on up to `threads` threads, once (a call while another
    /// builds it waits for it); queries use it once it is complete. Returns its heap size, or
    /// `None` if it could not be built (queries then look every token up).
    pub fn build_table(&self, threads: usize) -> Option<usize> {
        self.table
            .get_or_init(|| TokenTable::build(&self.vocab, threads))
            .as_ref()
            .map(TokenTable::heap_bytes)
    }

    fn name_tokens(&self, n: &NameRec) -> &[u32] {
        &self.tokens[n.start as usize..n.start as usize + usize::from(n.len)]
    }

    /// Prepares a query.
    pub fn prepare(&self, q: &Query) -> Result<Prepared> {
        Prepared::new(q, &self.vocab)
    }

    /// Indexed search.
    pub fn search(
        &self,
        q: &Query,
        entries: &Entries,
        opts: &Options,
    ) -> Result<(Vec<Match>, Prepared)> {
        let mut p = self.prepare(q)?;
        p.lookup(&self.vocab, self.table.get().and_then(Option::as_ref));
        finish_hits(&mut p, &self.vocab);
        let cand = self.candidates(&p, opts);
        let matches = self.collect(&p, entries, opts, cand.into_iter(), |n, toks, out| {
            self.pairs_of(&p, n, toks, out)
        });
        Ok((matches, p))
    }

    /// Names whose score can reach the review threshold, by an upper bound accumulated while
    /// walking the postings of every vocabulary hit:
    ///
    /// ```text
    /// score ≤ (Σ_hits sim × w_listed + uncovered(n) + Σ w_query of query tokens that hit n)
    ///         / (Σ w_query + min_den(n))  + largest qualifier bonus
    /// ```
    ///
    /// The numerator bounds every pair's `sim × (w_query + w_listed)` (each listed token and
    /// each query token counted at most at full similarity); `min_den` bounds the denominator
    /// from below. Tokens that postings do not cover (legal forms, particles, single letters)
    /// are counted as if matched. Initials pair without postings: a query initial is credited
    /// `SIM_INITIAL` on the listed side when the name has a name token of its letter, and a
    /// listed initial counts every single query token of its letter as matched. Names of
    /// entries hit by an identifier are always kept.
    #[inline(never)]
    fn candidates(&self, p: &Prepared, opts: &Options) -> Vec<u32> {
        thread_local! {
            static SCRATCH: std::cell::RefCell<CandidateScratch> = Default::default();
        }
        let span_mask = |sp: Span| -> u64 { ((1u64 << sp.len) - 1) << sp.start };
        // The least the query part of a denominator can be: unpaired legal-form tokens count
        // together at most one legal-form token (see `score_pairs`).
        let wq_total: f32 = {
            let (mut other, mut legal) = (0.0f32, 0.0f32);
            for s in &p.sides {
                if s.class == TokenClass::LegalForm {
                    legal += s.weight;
                } else {
                    other += s.weight;
                }
            }
            other + legal.min(score::legal_form_unit())
        };
        // Σ weight of the query tokens in a mask, in token order; one step per token in it.
        let mask_weight = |mut m: u64| -> f32 {
            let mut w = 0.0f32;
            while m != 0 {
                w += p
                    .sides
                    .get(m.trailing_zeros() as usize)
                    .map_or(0.0, |s| s.weight);
                m &= m - 1;
            }
            w
        };
        // Query tokens that may pair with tokens postings do not cover.
        let mut extra_mask = 0u64;
        // A query initial may pair with a listed name token that starts with its letter, and
        // such pairs do not go through the postings: each pairs with one listed token at most,
        // at `SIM_INITIAL`, and a listed token weighs at most 1. `initials[b]`: query initials
        // of letter bit `b`.
        let mut initials = [0u8; 32];
        let mut initial_bits = 0u32;
        // Letters the query reads as a legal form pair as initials with a person's names too
        // (see `pairs_of`): counted apart, for individuals.
        let mut form_initials = [0u8; 32];
        let mut form_bits = 0u32;
        // A listed initial may pair with a single query token of its letter and class:
        // `by_letter[b]` is the mask of those of letter bit `b`.
        let mut by_letter = [0u64; 32];
        for item in p.items.iter().filter(|i| i.span.len == 1) {
            let class = p.sides[usize::from(item.span.start)].class;
            let bit = item.key.text.chars().next().map_or(0, letter_bit);
            if bit == 0 || !initial_class(class) {
                continue;
            }
            let b = bit.trailing_zeros() as usize;
            by_letter[b] |= span_mask(item.span);
            if item.key.chars == 1 {
                let (counts, bits) = if class == TokenClass::Name {
                    (&mut initials, &mut initial_bits)
                } else {
                    (&mut form_initials, &mut form_bits)
                };
                counts[b] = counts[b].saturating_add(1);
                *bits |= bit;
            }
        }
        let initial_credit = |firsts: u32, individual: bool| -> f32 {
            let count = |mut m: u32, counts: &[u8; 32]| -> u32 {
                let mut n = 0u32;
                while m != 0 {
                    n += u32::from(counts[m.trailing_zeros() as usize]);
                    m &= m - 1;
                }
                n
            };
            let mut n = count(firsts & initial_bits, &initials);
            if individual {
                n += count(firsts & form_bits, &form_initials);
            }
            n as f32 * score::SIM_INITIAL
        };
        let initial_mask = |letters: u32| -> u64 {
            let mut m = letters;
            let mut out = 0u64;
            while m != 0 {
                out |= by_letter[m.trailing_zeros() as usize];
                m &= m - 1;
            }
            out
        };
        // Per split of every item, in order: whether all hits of each half are posted.
        let covered = |hits: &[VocabHit]| hits.iter().all(|h| self.posted(h.id));
        let split_covered: Vec<(bool, bool)> = p
            .items
            .iter()
            .flat_map(|item| &item.splits)
            .map(|sp| (covered(&sp.ha), covered(&sp.hb)))
            .collect();
        let mut next_split = 0;
        for item in &p.items {
            // A split pairs two adjacent listed tokens, one hit of each half: when every hit of
            // one half is posted, a name it pairs with is in that half's postings, which credit
            // the item below. Only a split with uncovered hits in both halves may pair a name
            // no posting reaches.
            let splits = split_covered
                .get(next_split..next_split + item.splits.len())
                .unwrap_or(&[]);
            next_split += item.splits.len();
            let hits_uncovered = !covered(&item.hits) || splits.iter().any(|&(a, b)| !a && !b);
            // A legal form may pair with a listed legal form written another way (see
            // `score_pairs`), with or without hits.
            let legal = item.span.len == 1
                && p.sides[usize::from(item.span.start)].class == TokenClass::LegalForm;
            if hits_uncovered || legal || (item.span.len == 1 && item.key.chars == 1) {
                extra_mask |= span_mask(item.span);
            }
        }
        let bonus = max_qualifier_raise(p);
        let floor = (opts.review_threshold - bonus) as f32 - 1e-4;
        let id_entries: Vec<u32> = p
            .ids
            .iter()
            .flat_map(|(_, key)| {
                self.identifiers
                    .get(key)
                    .map(Vec::as_slice)
                    .unwrap_or(&[])
                    .iter()
                    .copied()
            })
            .collect();
        SCRATCH.with(|cell| {
            // Per name: the listed credit and the mask of the query tokens that reached it, side
            // by side (one cache line per name touched); every entry is (0, 0) between calls.
            let (acc, touched) = &mut *cell.borrow_mut();
            acc.resize(self.names.len(), (0.0, 0));
            // What a hit adds to the listed part of a name's bound: a romanization hit may fall
            // back to a fuzzy rule scoring up to the fuzzy cap.
            let add_of = |h: &VocabHit| -> f32 {
                let sim = if h.how == How::Romanization {
                    1.0
                } else {
                    h.sim
                };
                sim * self.vocab.weight[h.id as usize]
            };
            let posting = |h: &VocabHit| -> &[u32] {
                let r = self.post_offsets[h.id as usize] as usize
                    ..self.post_offsets[h.id as usize + 1] as usize;
                &self.post_names[r]
            };
            let mut credit = |n: u32, add: f32, mask: u64| {
                let Some(a) = acc.get_mut(n as usize) else {
                    return;
                };
                if a.1 == 0 {
                    touched.push(n);
                }
                a.0 += add;
                // Masks fit 32 bits: a query has at most 32 tokens (`MAX_QUERY_TOKENS`).
                a.1 |= mask as u32;
            };
            let mut split_covered = split_covered.iter();
            for item in &p.items {
                let m = span_mask(item.span);
                for h in item.hits.iter().filter(|h| self.posted(h.id)) {
                    let add = add_of(h);
                    for &n in posting(h) {
                        credit(n, add, m);
                    }
                }
                for (Split { ha, hb, .. }, &(a_covered, b_covered)) in
                    item.splits.iter().zip(split_covered.by_ref())
                {
                    if !a_covered && !b_covered {
                        // Both halves may pair with tokens postings do not cover (the item is in
                        // `extra_mask`): every name with a posted hit of either is credited.
                        for h in ha.iter().chain(hb).filter(|h| self.posted(h.id)) {
                            let add = add_of(h);
                            for &n in posting(h) {
                                credit(n, add, m);
                            }
                        }
                        continue;
                    }
                    // A split pairs two adjacent listed tokens, one hit of each half: a name it
                    // pairs with is in the postings of a half whose hits are all posted. Such a
                    // half is walked (the one with the shorter postings if both are), and the
                    // other's postings are searched for each of its names, for their credit;
                    // when the other half is covered too, names without it cannot pair.
                    let total = |hits: &[VocabHit]| -> usize {
                        hits.iter().map(|h| posting(h).len()).sum()
                    };
                    let (walk, probe, probe_covered) =
                        if a_covered && (!b_covered || total(ha) <= total(hb)) {
                            (ha, hb, b_covered)
                        } else {
                            (hb, ha, a_covered)
                        };
                    for h in walk {
                        let add = add_of(h);
                        for &n in posting(h) {
                            let (mut found, mut other) = (false, 0.0f32);
                            for o in probe.iter() {
                                if posting(o).binary_search(&n).is_ok() {
                                    found = true;
                                    other += add_of(o);
                                }
                            }
                            if found || !probe_covered {
                                credit(n, add + other, m);
                            }
                        }
                    }
                }
            }
            let mut out = Vec::new();
            // Names reached by the same hits have the same mask: its weight is kept for the next.
            let mut last: Option<(u64, f32)> = None;
            for &n in touched.iter() {
                let i = n as usize;
                let (credited, qmask) = std::mem::take(&mut acc[i]);
                let mut mask = u64::from(qmask) | extra_mask;
                let b = &self.bounds[i];
                if b.initials != 0 {
                    mask |= initial_mask(b.initials);
                }
                let wq = match last {
                    Some((m, w)) if m == mask => w,
                    _ => {
                        let w = mask_weight(mask);
                        last = Some((mask, w));
                        w
                    }
                };
                let credit = if initial_bits | form_bits == 0 {
                    0.0
                } else {
                    initial_credit(b.firsts, self.names[i].individual)
                };
                let listed = (credited + b.uncovered + credit).min(b.total);
                let ub = (listed + wq) / (wq_total + b.min_den);
                if ub >= floor
                    || (!id_entries.is_empty() && id_entries.contains(&self.names[i].entry))
                {
                    out.push(n);
                }
            }
            touched.clear();
            out.sort_unstable();
            out
        })
    }

    /// Brute-force search: every name is scored, and each query item is compared with every
    /// vocabulary token directly (no bigram filter, no key maps, no postings).
    pub fn search_exhaustive(
        &self,
        q: &Query,
        entries: &Entries,
        opts: &Options,
    ) -> Result<Vec<Match>> {
        let mut p = self.prepare(q)?;
        let n = self.vocab.len() as u32;
        for item in &mut p.items {
            let joined = item.span.len > 1;
            let letter_join = item.letter_join;
            let qk = item.key.keys();
            let hits = (0..n)
                .filter_map(|id| {
                    let ck = self.vocab.keys(id);
                    let s = if joined {
                        score::keyed_sim(&qk, &ck)
                            .filter(|&(_, how)| score::joined_ok(&qk, &ck, how, letter_join))
                    } else {
                        score::token_sim(&qk, &ck)
                    };
                    s.map(|(sim, how)| VocabHit {
                        id,
                        sim,
                        how,
                        other: None,
                    })
                })
                .collect();
            let scan = |h: &Keyed| -> Vec<VocabHit> {
                let hk = h.keys();
                (0..n)
                    .filter_map(|id| {
                        score::keyed_sim(&hk, &self.vocab.keys(id)).map(|(sim, how)| VocabHit {
                            id,
                            sim,
                            how,
                            other: None,
                        })
                    })
                    .collect()
            };
            let splits = if joined {
                Vec::new()
            } else {
                item.halves()
                    .map(|(at, a, b)| Split {
                        at,
                        ha: scan(&a),
                        hb: scan(&b),
                    })
                    .collect()
            };
            item.hits = hits;
            item.splits = splits;
        }
        finish_hits(&mut p, &self.vocab);
        let all = 0..self.names.len() as u32;
        Ok(self.collect(&p, entries, opts, all, |n, toks, out| {
            self.pairs_of(&p, n, toks, out)
        }))
    }

    #[inline(never)]
    fn collect(
        &self,
        p: &Prepared,
        entries: &Entries,
        opts: &Options,
        names: impl Iterator<Item = u32>,
        pairs_of: impl Fn(&NameRec, &[u32], &mut Vec<Pair>),
    ) -> Vec<Match> {
        let mut best: FxHashMap<u32, (f64, Match)> = FxHashMap::default();
        let id_hits: Vec<u32> = p
            .ids
            .iter()
            .flat_map(|(_, key)| {
                self.identifiers
                    .get(key)
                    .map(Vec::as_slice)
                    .unwrap_or(&[])
                    .iter()
                    .copied()
            })
            .collect();
        let bonus = max_qualifier_raise(p) + 1e-9;
        let (mut sides, mut disc, mut pairs) = (Vec::new(), Vec::new(), Vec::new());
        if !p.items.is_empty() {
            for ni in names {
                let n = &self.names[ni as usize];
                let toks = self.name_tokens(n);
                if toks.is_empty() {
                    continue;
                }
                pairs.clear();
                pairs_of(n, toks, &mut pairs);
                if pairs.is_empty() {
                    continue;
                }
                let is_ind = n.individual;
                sides.clear();
                sides.extend(toks.iter().map(|&t| Side {
                    weight: self.vocab.weight[t as usize],
                    class: self.vocab.class[t as usize],
                    evidence: score::is_evidence(
                        self.vocab.class[t as usize],
                        usize::from(self.vocab.chars[t as usize]),
                    ),
                    chars: self.vocab.chars[t as usize],
                    known: true,
                    generic: !is_ind && self.generic.binary_search(&t).is_ok(),
                }));
                let korean_name = is_ind
                    && toks.len() >= 3
                    && self.korean.get(n.entry as usize).copied().unwrap_or(false)
                    && toks.iter().all(|&t| {
                        self.vocab
                            .korean
                            .get(t as usize)
                            .is_some_and(Option::is_some)
                    });
                disc.clear();
                disc.extend(toks.iter().enumerate().map(|(i, &t)| {
                    score::missing_discount(
                        i,
                        toks.len(),
                        is_ind,
                        &self.vocab.text[t as usize],
                        usize::from(n.surname),
                        korean_name,
                    )
                }));
                // The score first, without an explanation (most names fall short).
                let score = score::pairs_score(&mut pairs, &p.sides, &sides, &disc);
                if score <= 0.0
                    || (f64::from(score) + bonus < opts.review_threshold
                        && !id_hits.contains(&n.entry))
                {
                    continue;
                }
                // The entry is decoded (on first use) only for names that may be reported.
                let entry = &entries[n.entry as usize];
                // Explanations are only built for names that can be reported.
                let quick = adjusted(f64::from(score), &qualifiers(p, entry));
                if quick < opts.review_threshold && !id_hits.contains(&n.entry) {
                    continue;
                }
                // `pairs` holds the chosen pairs now: the explanation scores them all again.
                pairs.clear();
                pairs_of(n, toks, &mut pairs);
                let ns = score::score_pairs(std::mem::take(&mut pairs), &p.sides, &sides, &disc);
                if let Some(m) = self.make_match(p, entry, n, toks, &ns, opts) {
                    let s = m.score;
                    match best.entry(n.entry) {
                        std::collections::hash_map::Entry::Vacant(v) => {
                            v.insert((s.max(f64::NEG_INFINITY), m));
                        }
                        std::collections::hash_map::Entry::Occupied(mut o) => {
                            let slot = o.get_mut();
                            if s > slot.0
                                || (s == slot.0
                                    && kind_rank(m.name_kind.as_str())
                                        < kind_rank(&slot.1.name_kind))
                            {
                                *slot = (s, m);
                            }
                        }
                    }
                }
            }
        }
        // Exact identifier hits are decisive.
        for (kind, key) in &p.ids {
            for &ei in self.identifiers.get(key).map(Vec::as_slice).unwrap_or(&[]) {
                let entry = &entries[ei as usize];
                let detail = format!(
                    "exact {} match: {} is listed for this entry",
                    kind.as_str(),
                    key.split_once(':').map_or("", |x| x.1)
                );
                let slot = best
                    .entry(ei)
                    .or_insert_with(|| (0.0, identifier_only_match(entry, p)));
                let m = &mut slot.1;
                let before = m.score;
                m.explanation.adjustments.push(Adjustment {
                    field: kind.as_str().to_string(),
                    delta: 1.0 - before,
                    detail,
                });
                m.explanation.identifier.get_or_insert_with(|| key.clone());
                m.score = 1.0;
                m.decision = Decision::Match;
                slot.0 = 1.0;
            }
        }
        let mut out: Vec<Match> = best
            .into_values()
            .map(|(_, mut m)| {
                m.decision = decide(m.score, opts);
                m
            })
            .filter(|m| m.score >= opts.review_threshold)
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| cmp_ids(a, b)));
        out.truncate(opts.limit);
        out
    }

    /// Every pair of a query item with a token of name `n`, appended to `pairs`.
    #[inline(never)]
    fn pairs_of(&self, p: &Prepared, n: &NameRec, toks: &[u32], pairs: &mut Vec<Pair>) {
        let korean = self.korean.get(n.entry as usize).copied().unwrap_or(false);
        // Keyed and fuzzy pairs: one map lookup per listed token, which also tells the
        // positions where a split may start (`split_at`, by bit).
        let mut split_at = 0u64;
        for (j, &t) in toks.iter().enumerate() {
            let (a, b, first) = p.by_vocab.get(&t).copied().unwrap_or((0, 0, false));
            if first {
                split_at |= 1u64 << j.min(63);
            }
            for &(ii, h) in p.vocab_hits.get(a as usize..b as usize).unwrap_or(&[]) {
                if let Some((sim, how)) = for_entry(h, korean) {
                    let item = &p.items[usize::from(ii)];
                    pairs.push(self.pair(
                        p,
                        item,
                        Span {
                            start: j as u8,
                            len: 1,
                        },
                        toks,
                        sim,
                        how,
                    ));
                }
            }
        }
        // Initials pair within a class: a letter of an ordinary name with a name token, a letter
        // of a legal form with a legal-form word ("l.l.c." / "limited liability company"), but
        // not the "l" of "l.l.c." with "logistics".
        let (mut name_letter, mut legal_letter) = (false, false);
        for &t in toks.iter().filter(|&&t| self.vocab.chars[t as usize] == 1) {
            match self.vocab.class[t as usize] {
                TokenClass::Name => name_letter = true,
                TokenClass::LegalForm => legal_letter = true,
                _ => {}
            }
        }
        let has_letter = |class: TokenClass| match class {
            TokenClass::Name => name_letter,
            TokenClass::LegalForm => legal_letter,
            _ => false,
        };
        for item in &p.items {
            let single = item.span.len == 1;
            // Initials: a single letter on either side that begins the other token, where no
            // other rule paired the two.
            let q_class = p.sides[usize::from(item.span.start)].class;
            // A person has no legal form: a letter the query reads as one (`BOYKO, S A`,
            // `MAZHUGA A. G.`) is an initial against a person's names.
            let form_letter =
                n.individual && q_class == TokenClass::LegalForm && item.key.chars == 1;
            if single && initial_class(q_class) && (item.key.chars == 1 || has_letter(q_class)) {
                // A name's initial may stand for a particle of it: `R. b. T.` for `Riad bin
                // Tawfiq`, `A. a. M.` for `Abd-al-Malik`.
                let particle_letter = q_class == TokenClass::Name && item.key.chars == 1;
                for (j, &t) in toks.iter().enumerate() {
                    let class = self.vocab.class[t as usize];
                    if class != q_class
                        && !(form_letter && class == TokenClass::Name)
                        && !(particle_letter && class == TokenClass::Particle)
                    {
                        continue;
                    }
                    let paired = item
                        .hits
                        .binary_search_by_key(&t, |h| h.id)
                        .ok()
                        .is_some_and(|k| for_entry(item.hits[k], korean).is_some());
                    if paired {
                        continue;
                    }
                    let listed = (
                        &self.vocab.text[t as usize],
                        usize::from(self.vocab.chars[t as usize]),
                    );
                    if let Some(s) = score::initial_sim((&item.key.text, item.key.chars), listed) {
                        pairs.push(self.pair(
                            p,
                            item,
                            Span {
                                start: j as u8,
                                len: 1,
                            },
                            toks,
                            s,
                            How::Initial,
                        ));
                    }
                }
            }
            if single && !item.splits.is_empty() && split_at != 0 {
                for j in 1..toks.len() {
                    // No split's first half has this token: no split pairs here.
                    if split_at & (1u64 << (j - 1).min(63)) == 0
                        || item.split_firsts.binary_search(&toks[j - 1]).is_err()
                    {
                        continue;
                    }
                    let mut best: Option<(f32, How)> = None;
                    for Split { ha, hb, .. } in &item.splits {
                        let half = |hits: &[VocabHit], t: u32| {
                            let k = hits.binary_search_by_key(&t, |h| h.id).ok()?;
                            for_entry(hits[k], korean)
                        };
                        if let (Some(a), Some(b)) = (half(ha, toks[j - 1]), half(hb, toks[j])) {
                            best = better(best, split_sim(a, b));
                        }
                    }
                    if let Some((sim, how)) = best {
                        pairs.push(self.pair(
                            p,
                            item,
                            Span {
                                start: (j - 1) as u8,
                                len: 2,
                            },
                            toks,
                            sim,
                            how,
                        ));
                    }
                }
            }
        }
    }

    fn pair(&self, p: &Prepared, item: &Item, c: Span, toks: &[u32], sim: f32, how: How) -> Pair {
        let wc: f32 = toks[usize::from(c.start)..usize::from(c.start + c.len)]
            .iter()
            .map(|&t| self.vocab.weight[t as usize])
            .sum();
        let wq: f32 = p.sides
            [usize::from(item.span.start)..usize::from(item.span.start + item.span.len)]
            .iter()
            .map(|s| s.weight)
            .sum();
        let (shape, sim) = match (item.span.len, c.len) {
            (1, 1) => (Shape::One, sim),
            (1, _) => (Shape::Split, sim * JOIN_FACTOR),
            _ => (Shape::Joined, sim * JOIN_FACTOR),
        };
        Pair {
            q: item.span,
            c,
            sim,
            how,
            shape,
            weight: wq + wc,
            alone: false,
        }
    }

    fn make_match(
        &self,
        p: &Prepared,
        entry: &Entry,
        n: &NameRec,
        toks: &[u32],
        ns: &NameScore,
        opts: &Options,
    ) -> Option<Match> {
        let name_score = f64::from(ns.score);
        let mut adjustments = Vec::new();
        if n.kind.is_weak() {
            let all_paired = ns
                .unmatched_c
                .iter()
                .all(|&i| self.vocab.class[toks[usize::from(i)] as usize] != TokenClass::Name)
                && ns
                    .unmatched_q
                    .iter()
                    .all(|&i| p.sides[usize::from(i)].class != TokenClass::Name);
            if name_score < WEAK_MIN || !all_paired {
                return None;
            }
        }
        adjustments.extend(qualifiers(p, entry));
        let mut score = adjusted(name_score, &adjustments);
        if n.kind.is_weak() {
            let cap = (opts.match_threshold - 0.01).max(0.0);
            if score > cap {
                adjustments.push(Adjustment {
                    field: "weak_alias".into(),
                    delta: cap - score,
                    detail: "weak alias: counted only because it matches almost exactly, and never decisive on its own (OFAC guidance)".into(),
                });
                score = adjusted(name_score, &adjustments);
            }
        }
        let explanation = Explanation {
            query_tokens: p.token_texts.clone(),
            listed_tokens: toks
                .iter()
                .map(|&t| self.vocab.text[t as usize].to_string())
                .collect(),
            pairs: ns
                .pairs
                .iter()
                .map(|pr| TokenPair {
                    query: p.token_texts
                        [usize::from(pr.q.start)..usize::from(pr.q.start + pr.q.len)]
                        .join(" "),
                    listed: toks[usize::from(pr.c.start)..usize::from(pr.c.start + pr.c.len)]
                        .iter()
                        .map(|&t| &self.vocab.text[t as usize])
                        .collect::<Vec<_>>()
                        .join(" "),
                    similarity: f64::from(pr.sim),
                    how: format!(
                        "{}{}{}",
                        match pr.shape {
                            Shape::One => "",
                            Shape::Joined => "joined+",
                            Shape::Split => "split+",
                        },
                        pr.how.as_str(),
                        if pr.alone { "+alone" } else { "" }
                    ),
                    weight: f64::from(pr.weight),
                })
                .chain(ns.legal_forms.iter().map(|lf| {
                    TokenPair {
                        query: lf
                            .q
                            .iter()
                            .map(|&i| p.token_texts[usize::from(i)].as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                        listed: lf
                            .c
                            .iter()
                            .map(|&i| &self.vocab.text[toks[usize::from(i)] as usize])
                            .collect::<Vec<_>>()
                            .join(" "),
                        similarity: f64::from(lf.sim),
                        how: "legal_form".to_string(),
                        weight: f64::from(lf.weight),
                    }
                }))
                .collect(),
            unmatched_query: ns
                .unmatched_q
                .iter()
                .map(|&i| p.token_texts[usize::from(i)].clone())
                .collect(),
            unmatched_listed: ns
                .unmatched_c
                .iter()
                .map(|&i| self.vocab.text[toks[usize::from(i)] as usize].to_string())
                .collect(),
            numerator: f64::from(ns.numerator),
            denominator: f64::from(ns.denominator),
            name_score,
            normalizations: p.steps.iter().map(|s| s.to_string()).collect(),
            left_out_rules: [
                (ns.left_out.in_full, "in_full"),
                (ns.left_out.generic_half, "generic_half"),
            ]
            .into_iter()
            .filter(|&(on, _)| on)
            .map(|(_, rule)| rule.to_string())
            .collect(),
            adjustments,
            identifier: None,
        };
        let name = &entry.names[usize::from(n.name)];
        Some(Match {
            list: entry.list.as_str().to_string(),
            id: entry.id.clone(),
            name: entry.primary_name().to_string(),
            matched_name: name.text.clone(),
            name_kind: name.kind.as_str().to_string(),
            entry_kind: entry.kind.as_str().to_string(),
            score,
            decision: decide(score, opts),
            programs: entry.programs.clone(),
            explanation,
        })
    }
}

/// A vocabulary hit's similarity for an entry: romanization hits count only for Korea-related
/// entries, elsewhere their precomputed fallback does.
/// Classes whose single letters pair as initials with words of the same class.
fn initial_class(c: TokenClass) -> bool {
    matches!(c, TokenClass::Name | TokenClass::LegalForm)
}

fn for_entry(h: VocabHit, korean: bool) -> Option<(f32, How)> {
    if korean || h.how != How::Romanization {
        Some((h.sim, h.how))
    } else {
        h.other
    }
}

/// Fallbacks and the by-vocabulary map, once the items' hits are known.
#[inline(never)]
fn finish_hits(p: &mut Prepared, vocab: &Vocab) {
    fill_fallbacks(&mut p.items, vocab);
    for item in p.items.iter_mut().filter(|i| i.span.len == 1) {
        if item.hits.iter().any(|h| h.how == How::Exact) {
            for h in item.hits.iter_mut() {
                if h.how == How::Fuzzy {
                    h.sim *= score::KNOWN_TOKEN_FUZZY;
                }
                if let Some((s, How::Fuzzy)) = h.other.as_mut() {
                    *s *= score::KNOWN_TOKEN_FUZZY;
                }
            }
        }
    }
    for item in p.items.iter_mut() {
        item.split_firsts.clear();
        item.split_firsts
            .extend(item.splits.iter().flat_map(|s| s.ha.iter().map(|h| h.id)));
        item.split_firsts.sort_unstable();
        item.split_firsts.dedup();
    }
    // Every hit by vocabulary id, then item (an item has one hit per id).
    p.vocab_hits.clear();
    p.vocab_hits
        .reserve(p.items.iter().map(|i| i.hits.len()).sum());
    for (i, item) in p.items.iter().enumerate() {
        p.vocab_hits
            .extend(item.hits.iter().map(|h| (i as u16, *h)));
    }
    p.vocab_hits.sort_unstable_by_key(|&(i, h)| (h.id, i));
    p.by_vocab.clear();
    // Room for every id at once (most hits have ids of their own): no rehash while filling.
    p.by_vocab
        .reserve(p.vocab_hits.len() + p.items.iter().map(|i| i.split_firsts.len()).sum::<usize>());
    let mut start = 0;
    for run in p.vocab_hits.chunk_by(|a, b| a.1.id == b.1.id) {
        let end = start + run.len();
        p.by_vocab
            .insert(run[0].1.id, (start as u32, end as u32, false));
        start = end;
    }
    for item in &p.items {
        for &id in &item.split_firsts {
            p.by_vocab.entry(id).or_insert((0, 0, true)).2 = true;
        }
    }
}

/// Computes, once per query, what each romanization hit is worth for entries that are not
/// Korea-related (the same rules without the Korean key).
fn fill_fallbacks(items: &mut [Item], vocab: &Vocab) {
    for item in items.iter_mut() {
        let single = item.span.len == 1;
        let qk = item.key.keys();
        for h in item.hits.iter_mut().filter(|h| h.how == How::Romanization) {
            let ck = vocab.keys(h.id);
            h.other = if single {
                score::token_sim_for(&qk, &ck, false)
            } else {
                score::keyed_sim_for(&qk, &ck, false)
                    .filter(|&(_, how)| score::joined_ok(&qk, &ck, how, item.letter_join))
            };
        }
        for sp in item.splits.iter_mut() {
            let (a, b) = item.key.text.split_at(sp.at);
            for (half, hits) in [(a, &mut sp.ha), (b, &mut sp.hb)] {
                if !hits.iter().any(|h| h.how == How::Romanization) {
                    continue;
                }
                // The keys of [`Keyed::half`] but the Korean one, which these rules leave out.
                let hk = Keyed::with_alt_korean(half.to_string(), None, false);
                for h in hits.iter_mut().filter(|h| h.how == How::Romanization) {
                    h.other = score::keyed_sim_for(&hk.keys(), &vocab.keys(h.id), false);
                }
            }
        }
    }
}

/// Document frequency of every vocabulary token (names that contain it), and the postings of
/// `posted` tokens: `post_names[post_offsets[t]..post_offsets[t + 1]]` are the names that
/// contain token `t`, ascending.
#[inline(never)]
fn postings(names: &[NameRec], tokens: &[u32], posted: &[bool]) -> (Vec<u32>, Vec<u32>, Vec<u32>) {
    let toks = |n: &NameRec| &tokens[n.start as usize..n.start as usize + usize::from(n.len)];
    // `seen[t]`: the last name that counted token t (each token counts once per name).
    let mut seen = vec![u32::MAX; posted.len()];
    let mut df = vec![0u32; posted.len()];
    let mut post_offsets = vec![0u32; posted.len() + 1];
    for (ni, n) in names.iter().enumerate() {
        for &t in toks(n) {
            let t = t as usize;
            if seen[t] != ni as u32 {
                seen[t] = ni as u32;
                df[t] += 1;
                if posted[t] {
                    post_offsets[t + 1] += 1;
                }
            }
        }
    }
    for i in 0..posted.len() {
        post_offsets[i + 1] += post_offsets[i];
    }
    // Filled in name order, so every posting list comes out sorted by name id.
    let mut fill = post_offsets.clone();
    let mut post_names = vec![0u32; post_offsets[posted.len()] as usize];
    seen.fill(u32::MAX);
    for (ni, n) in names.iter().enumerate() {
        for &t in toks(n) {
            let t = t as usize;
            if seen[t] != ni as u32 && posted[t] {
                seen[t] = ni as u32;
                post_names[fill[t] as usize] = ni as u32;
                fill[t] += 1;
            }
        }
    }
    (df, post_offsets, post_names)
}

/// What a vocabulary token adds to a name's letter sets (see [`Bounds`]' `initials`
/// and `firsts`): its first letter's [`letter_bit`] as an initial, or as an ordinary
/// name token an initial may pair with, or nothing.
#[derive(Clone, Copy)]
enum Letter {
    Initial(u32),
    First(u32),
    Neither,
}

/// What [`name_bounds`] needs of one vocabulary token.
#[derive(Clone, Copy)]
struct TokenBound {
    /// [`Vocab::weight`].
    weight: f32,
    /// [`score::is_generic_business`]: in a company's name, discounted when left out.
    generic: bool,
    /// A legal form (counted together, see `score_pairs`).
    legal: bool,
    /// Not covered by postings (not [`score::is_evidence`]).
    uncovered: bool,
    letter: Letter,
}

/// What [`name_bounds`] gives for one name: its entry in [`Matcher`]'s `bounds`.
struct Bounds {
    /// Σ listed weight × missing-token discount (a lower bound of the listed part of any
    /// score's denominator).
    min_den: f32,
    /// Σ weight of tokens that postings do not cover (not ordinary names, or single letters
    /// that pair as initials).
    uncovered: f32,
    /// Σ weight of all its tokens.
    total: f32,
    /// The [`letter_bit`]s of its initials (single letters of a class that pairs initials),
    /// each of which may pair with a query token of its letter.
    initials: u32,
    /// The [`letter_bit`]s of its ordinary name tokens of two or more characters, the tokens
    /// a query initial may pair with.
    firsts: u32,
}

/// For one name's tokens: Σ weight × missing-token discount, Σ weight of the tokens postings
/// do not cover, Σ weight, and its letter sets (see [`Bounds`]).
/// `reads[t]`: whether token `t`'s text can change its discount ([`discount_reads`]), filled
/// in as tokens come (0 not known yet, 1 no, 2 yes); the others are given the empty text,
/// which discounts them the same.
#[inline(never)]
fn name_bounds(
    vocab: &Vocab,
    reads: &mut [u8],
    per_token: &[TokenBound],
    toks: &[u32],
    individual: bool,
    surname: usize,
) -> Bounds {
    // The discount reads a token's text only in individuals' names of 3 tokens or more; it is
    // 1 in every other name (`score::missing_discount`; a unit test checks it), so those names
    // skip it.
    let discounted = individual && toks.len() >= 3;
    // Legal-form tokens count together at most one legal-form token (see `score_pairs`).
    let (mut d, mut u, mut legal, mut total) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
    let (mut initials, mut firsts) = (0u32, 0u32);
    for (i, &t) in toks.iter().enumerate() {
        let t = t as usize;
        let Some(&b) = per_token.get(t) else {
            continue;
        };
        let w = b.weight;
        total += w;
        let disc = if discounted {
            let mut text = "";
            if reads[t] == 0 {
                reads[t] = 1 + u8::from(discount_reads(&vocab.text[t]));
            }
            if reads[t] == 2 {
                text = &vocab.text[t];
            }
            // A Korean name's discount is at least this one (`korean_name` in scoring), so
            // `min_den` stays a bound.
            score::missing_discount(i, toks.len(), individual, text, surname, false)
        } else if b.generic && !individual {
            // Left out of a company's name, it may weigh this little (see `score_pairs`).
            score::GENERIC_MISSING
        } else {
            1.0
        };
        if b.legal {
            legal += w * disc;
        } else {
            d += w * disc;
        }
        if b.uncovered {
            u += w;
        }
        match b.letter {
            Letter::Initial(b) => initials |= b,
            Letter::First(b) => firsts |= b,
            Letter::Neither => {}
        }
    }
    Bounds {
        min_den: d + legal.min(score::legal_form_unit()),
        uncovered: u,
        total,
        initials,
        firsts,
    }
}

/// Whether a token's text can change its [`score::missing_discount`] from the one of the
/// empty text (a patronymic does): asked once per vocabulary token at load, so that names
/// pass their other tokens' texts as empty.
fn discount_reads(text: &str) -> bool {
    // The first (core) and the middle (discounted) token of an individual's three-token name.
    (0..2).any(|i| {
        score::missing_discount(i, 3, true, text, 0, false)
            != score::missing_discount(i, 3, true, "", 0, false)
    })
}

/// Characters in a token, at most 255.
fn char_count(t: &str) -> u8 {
    t.chars().count().min(255) as u8
}

/// A character's bit in a 32-bit letter set: distinct for `a`..`z`, shared by others (a set
/// built from these bits may hold letters that are not there, never miss one).
fn letter_bit(c: char) -> u32 {
    1 << (u32::from(c) % 32)
}

/// Korean romanization variants are one name only for Korea-related entries: those with a
/// DPRK-related program, a KP or KR nationality or address country, or a UN `KP…` id.
fn korea_program(p: &str) -> bool {
    // `str::contains` sets up a two-way searcher per call; these needles are short.
    let has = |n: &[u8]| p.as_bytes().windows(n.len()).any(|w| w == n);
    has(b"DPRK") || has(b"NKSPEA") || p == "KP"
}

/// See [`korea_program`].
fn korea_country(c: &str) -> bool {
    c == "KP" || c == "KR"
}

/// What the index needs to know about the entries, gathered in one pass (from a bundle as it
/// is decoded, see [`crate::bundle::Visit`], or from decoded entries).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Facts {
    /// Kind of each entry.
    kinds: Vec<EntryKind>,
    /// Per entry: Korea-related (see [`korea_program`]).
    korean: Vec<bool>,
    /// Every name of every entry, in order.
    names: Vec<NameFacts>,
    /// Entries by the comparable key of each email, wallet, phone and website.
    identifiers: FxHashMap<String, Vec<u32>>,
    /// Names of the current entry so far.
    entry_names: u32,
    /// [`surname_tokens`] of each [`NameText::Shape`] seen, or `u16::MAX`.
    shape_surname: Vec<u16>,
    /// [`korea_program`] of each pooled program seen: 0 not seen, 1 no, 2 yes.
    pool_program: Vec<u8>,
    /// [`korea_country`] of each pooled nationality or address country seen, as
    /// `pool_program`.
    pool_country: Vec<u8>,
}

/// What the index needs to know about one name.
#[derive(Clone, Copy, Debug, PartialEq)]
struct NameFacts {
    entry: u32,
    /// Place among its entry's names.
    index: u32,
    kind: NameKind,
    /// See [`NameRec::surname`].
    surname: u8,
}

impl Facts {
    /// The facts of decoded entries.
    pub fn of(entries: &[Entry]) -> Facts {
        let mut f = Facts::default();
        for e in entries {
            crate::bundle::visit_entry(e, &mut f);
        }
        f
    }

    /// Number of entries seen.
    pub fn entries(&self) -> usize {
        self.kinds.len()
    }

    /// Number of names seen.
    pub fn names(&self) -> usize {
        self.names.len()
    }

    fn current(&self) -> u32 {
        self.kinds.len().saturating_sub(1) as u32
    }
}

impl Visit for Facts {
    fn counts(&mut self, entries: usize, names: usize) {
        // Hints from the bundle: bounded, since a forged count must not allocate much.
        const MOST: usize = 1 << 20;
        self.kinds.reserve(entries.min(MOST));
        self.korean.reserve(entries.min(MOST));
        self.names.reserve(names.min(MOST));
    }

    fn wants(&self, field: Field) -> bool {
        !matches!(field, Field::Pob | Field::LinkedTo)
    }

    fn entry(&mut self, head: Head<'_>) {
        self.entry_names = 0;
        self.kinds.push(head.kind);
        self.korean
            .push(head.list == crate::model::ListId::Un && head.id.starts_with("KP"));
    }

    fn name_text(&self) -> bool {
        false
    }

    fn name(&mut self, kind: NameKind, text: NameText<'_>) {
        let surname = match text {
            NameText::Text(t) => surname_tokens(t),
            // The skeleton has the same commas and words as the text.
            NameText::Shape(i, skeleton) => {
                let i = i as usize;
                if self.shape_surname.len() <= i {
                    self.shape_surname.resize(i + 1, u16::MAX);
                }
                let known = &mut self.shape_surname[i];
                if *known == u16::MAX {
                    *known = u16::from(surname_tokens(skeleton));
                }
                *known as u8
            }
        };
        let index = self.entry_names;
        self.entry_names = self.entry_names.saturating_add(1);
        self.names.push(NameFacts {
            entry: self.current(),
            index,
            kind,
            surname,
        });
    }

    fn field(&mut self, field: Field, value: &str, pooled: Option<u32>) {
        let (test, known): (fn(&str) -> bool, _) = match field {
            Field::Program => (korea_program, &mut self.pool_program),
            Field::Nationality | Field::AddressCountry => (korea_country, &mut self.pool_country),
            Field::Pob | Field::LinkedTo => return,
        };
        let korean = match pooled {
            // 30,000 programs and 25,000 countries name a few hundred pool strings: each is
            // tested once.
            Some(i) => {
                let i = i as usize;
                if known.len() <= i {
                    known.resize(i + 1, 0);
                }
                let known = &mut known[i];
                if *known == 0 {
                    *known = 1 + u8::from(test(value));
                }
                *known == 2
            }
            None => test(value),
        };
        if let (true, Some(k)) = (korean, self.korean.last_mut()) {
            *k = true;
        }
    }

    fn dob(&mut self, _: DateSpec) {}

    fn identifier(&mut self, kind: IdKind, value: &str, _: Option<&str>) {
        if matches!(
            kind,
            IdKind::Email | IdKind::Wallet | IdKind::Phone | IdKind::Website
        ) {
            if let Some(k) = identifier_key(kind, value) {
                let ei = self.current();
                let v = self.identifiers.entry(k).or_default();
                if v.last() != Some(&ei) {
                    v.push(ei);
                }
            }
        }
    }

    fn end(&mut self) {}
}

/// How many tokens stand before the comma of "SURNAME, Given Names" (apostrophes join, as in
/// the normalizer), or 0.
fn surname_tokens(text: &str) -> u8 {
    let Some((before, _)) = text.split_once(',') else {
        return 0;
    };
    before
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '`')))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
        .min(usize::from(u8::MAX)) as u8
}

fn better(a: Option<(f32, How)>, b: (f32, How)) -> Option<(f32, How)> {
    match a {
        Some(a) if a.0 >= b.0 => Some(a),
        _ => Some(b),
    }
}

fn split_sim(a: (f32, How), b: (f32, How)) -> (f32, How) {
    let how = if a.1 == How::Exact { b.1 } else { a.1 };
    (a.0.min(b.0), how)
}

fn kind_rank(k: &str) -> u8 {
    match k {
        "primary" => 0,
        "aka" | "nka" => 1,
        "fka" => 2,
        "original_script" => 3,
        _ => 4,
    }
}

fn adjusted(name_score: f64, adj: &[Adjustment]) -> f64 {
    (name_score + adj.iter().map(|a| a.delta).sum::<f64>()).clamp(0.0, 1.0)
}

fn decide(score: f64, opts: &Options) -> Decision {
    if score >= opts.match_threshold {
        Decision::Match
    } else if score >= opts.review_threshold {
        Decision::Review
    } else {
        Decision::Clear
    }
}

fn cmp_ids(a: &Match, b: &Match) -> std::cmp::Ordering {
    let list_rank = |l: &str| {
        crate::model::ListId::parse(l)
            .map(|x| x as u8)
            .unwrap_or(u8::MAX)
    };
    list_rank(&a.list).cmp(&list_rank(&b.list)).then_with(|| {
        match (a.id.parse::<u64>(), b.id.parse::<u64>()) {
            (Ok(x), Ok(y)) => x.cmp(&y),
            _ => a.id.cmp(&b.id),
        }
    })
}

/// Date-of-birth and country effects on an individual's score.
fn qualifiers(p: &Prepared, entry: &Entry) -> Vec<Adjustment> {
    let mut out = Vec::new();
    if let (Some(q), false) = (p.dob, entry.dobs.is_empty()) {
        let (qy0, qy1) = q.years();
        let listed = entry
            .dobs
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let exact = entry
            .dobs
            .iter()
            .any(|d| matches!((d, q), (DateSpec::Day { .. }, DateSpec::Day { .. }) if *d == q));
        let year_ok = entry.dobs.iter().any(|d| {
            let (a, b) = d.years();
            qy0 <= b && a <= qy1
        });
        let day_conflict = !exact
            && matches!(q, DateSpec::Day { .. })
            && entry.dobs.iter().all(|d| matches!(d, DateSpec::Day { .. }));
        let near = entry.dobs.iter().any(|d| {
            let (a, b) = d.years();
            qy0 <= b.saturating_add(1) && a.saturating_sub(1) <= qy1
        });
        let (delta, detail) = if exact {
            (
                DOB_EXACT,
                format!("date of birth {q} matches the listed {listed}"),
            )
        } else if year_ok && day_conflict {
            (
                -0.03,
                format!(
                    "date of birth {q} is in the listed year but not the listed day ({listed})"
                ),
            )
        } else if year_ok {
            (
                0.03,
                format!("date of birth {q} agrees with the listed {listed}"),
            )
        } else if near {
            (
                -0.03,
                format!("date of birth {q} is a year off the listed {listed}"),
            )
        } else {
            (
                -0.12,
                format!("date of birth {q} contradicts the listed {listed}"),
            )
        };
        out.push(Adjustment {
            field: "dob".into(),
            delta,
            detail,
        });
    }
    if let Some(c) = p.country {
        let nat = entry.nationalities.iter().any(|n| n == c);
        let addr = entry.address_countries.iter().any(|n| n == c);
        let adj = if nat {
            Some((
                COUNTRY_NATIONALITY,
                format!("country {c} is a listed nationality"),
            ))
        } else if addr {
            Some((0.02, format!("country {c} is a listed address country")))
        } else if entry.kind == EntryKind::Individual && !entry.nationalities.is_empty() {
            Some((
                -0.05,
                format!(
                    "country {c} is not among the listed nationalities ({})",
                    entry.nationalities.join(", ")
                ),
            ))
        } else {
            None
        };
        if let Some((delta, detail)) = adj {
            out.push(Adjustment {
                field: "country".into(),
                delta,
                detail,
            });
        }
    }
    out
}

/// The largest raise [`qualifiers`] can give a name score for this query.
fn max_qualifier_raise(p: &Prepared) -> f64 {
    let dob = if p.dob.is_some() { DOB_EXACT } else { 0.0 };
    let country = if p.country.is_some() {
        COUNTRY_NATIONALITY
    } else {
        0.0
    };
    dob + country
}

/// A query DOB equal to a listed full date.
const DOB_EXACT: f64 = 0.06;
/// A query country among the listed nationalities.
const COUNTRY_NATIONALITY: f64 = 0.03;

fn identifier_only_match(entry: &Entry, p: &Prepared) -> Match {
    Match {
        list: entry.list.as_str().to_string(),
        id: entry.id.clone(),
        name: entry.primary_name().to_string(),
        matched_name: entry.primary_name().to_string(),
        name_kind: NameKind::Primary.as_str().to_string(),
        entry_kind: entry.kind.as_str().to_string(),
        score: 0.0,
        decision: Decision::Clear,
        programs: entry.programs.clone(),
        explanation: Explanation {
            query_tokens: p.token_texts.clone(),
            listed_tokens: Vec::new(),
            pairs: Vec::new(),
            unmatched_query: Vec::new(),
            unmatched_listed: Vec::new(),
            numerator: 0.0,
            denominator: 0.0,
            name_score: 0.0,
            normalizations: p.steps.iter().map(|s| s.to_string()).collect(),
            left_out_rules: Vec::new(),
            adjustments: Vec::new(),
            identifier: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Identifier, ListId, Name};

    fn entry(list: ListId, id: &str, names: &[&str]) -> Entry {
        Entry {
            list,
            id: id.to_string(),
            kind: EntryKind::Individual,
            names: names
                .iter()
                .enumerate()
                .map(|(i, t)| Name {
                    text: t.to_string(),
                    kind: if i == 0 {
                        NameKind::Primary
                    } else {
                        NameKind::Aka
                    },
                })
                .collect(),
            programs: Vec::new(),
            dobs: Vec::new(),
            pobs: Vec::new(),
            nationalities: Vec::new(),
            address_countries: Vec::new(),
            gender: None,
            identifiers: Vec::new(),
            linked_to: Vec::new(),
        }
    }

    /// Facts gathered while a bundle is decoded (names rebuilt from tokens come as shapes)
    /// equal the facts of the decoded entries.
    #[test]
    fn facts_from_a_bundle_equal_facts_from_its_entries() {
        let mut a = entry(
            ListId::OfacSdn,
            "49970",
            &[
                "SONG, Kum Hyok",
                "SONG, Kum-hyok",
                "O'NEIL, John",
                "Al-Tikriti, Abu 'Umar, Jr.",
                "SMITH JOHN",
                ", lead comma",
                "McDONALD, Ronald",
                "JÉRÔME, Á",
            ],
        );
        a.programs = vec!["DPRK3".into(), "CYBER2".into()];
        a.identifiers = vec![
            Identifier {
                kind: IdKind::Email,
                value: "WangGe327@Yahoo.com".into(),
                detail: None,
            },
            Identifier {
                kind: IdKind::Website,
                value: "https://www.Example.com/x".into(),
                detail: None,
            },
            Identifier {
                kind: IdKind::Passport,
                value: "AB123".into(),
                detail: Some("KP".into()),
            },
        ];
        let mut b = entry(ListId::Un, "KPi.066", &["KIM IL, Sung"]);
        b.kind = EntryKind::Entity;
        let mut c = entry(
            ListId::OfacCons,
            "17",
            &["IVANOV, Ivan Ivanovich", "ИВАНОВ"],
        );
        c.nationalities = vec!["RU".into()];
        c.address_countries = vec!["KR".into()];
        c.identifiers = a.identifiers[..1].to_vec();
        let d = entry(ListId::OfacSdn, "18", &["PETROV, Petr", "Petr PETROV"]);
        let entries = vec![a, b, c, d];
        let data = crate::Watchlist::build_bundle(entries, vec![], "2026-01-01T00:00:00Z".into());
        let bytes = crate::bundle::write(&data);
        let mut lazy = Facts::default();
        crate::bundle::read_lazy(&bytes, &mut lazy).unwrap();
        let mut eager = Facts::of(&data.entries);
        assert!(!lazy.shape_surname.is_empty(), "no name came as a shape");
        lazy.shape_surname.clear();
        eager.shape_surname.clear();
        assert!(!lazy.pool_program.is_empty());
        assert!(!lazy.pool_country.is_empty());
        lazy.pool_program.clear();
        lazy.pool_country.clear();
        assert_eq!(lazy, eager);
        assert_eq!(eager.korean, [true, true, true, false]);
        let surnames: Vec<u8> = eager.names.iter().map(|n| n.surname).collect();
        assert_eq!(surnames, [1, 1, 1, 2, 0, 0, 1, 1, 2, 1, 0, 1, 0]);
        assert_eq!(eager.identifiers["email:wangge327@yahoo.com"], [0, 2]);
        assert_eq!(eager.identifiers["website:example.com"], [0]);
        assert_eq!(eager.identifiers.len(), 2);
    }

    /// The word table gives every query what the lookup gives: a token some listed name has
    /// takes the table's entry unless normalization gave it another reading (`Хасан` reads
    /// `khasan` or `hasan`, and both are listed), and every other token is looked up.
    #[test]
    fn word_table_changes_no_result() {
        let mut korean = entry(ListId::Un, "KPi.066", &["SONG KUM HYOK", "Kumhyok SONG"]);
        korean.programs = vec!["DPRK3".into()];
        let entries = vec![
            korean,
            entry(
                ListId::OfacSdn,
                "1",
                &["KHASAN, Ali", "KHASSAN, Ali Mohammed"],
            ),
            entry(ListId::OfacSdn, "2", &["HASAN, Omar", "HASSAN, Omar"]),
            entry(
                ListId::OfacSdn,
                "3",
                &["YAKOVLEV, Yuriy", "JAKOVLEV, Jurij"],
            ),
            entry(ListId::OfacCons, "4", &["IVANOV, Sergey", "ИВАНОВ, Сергей"]),
            entry(ListId::OfacSdn, "5", &["KOREA SOBAEKSU TRADING COMPANY"]),
            entry(ListId::OfacSdn, "6", &["MOHAMMED, Ahmad Abdullah"]),
        ];
        let data = crate::Watchlist::build_bundle(entries, vec![], "2026-01-01T00:00:00Z".into());
        let bytes = crate::bundle::write(&data);
        let plain = crate::Watchlist::from_bytes(&bytes).unwrap();
        let tabled = crate::Watchlist::from_bytes(&bytes).unwrap();
        assert!(tabled.build_word_table(2).is_some_and(|b| b > 0));
        let table = tabled.matcher.table.get().and_then(Option::as_ref).unwrap();
        let opts = crate::Options::default().review_threshold(0.3).limit(20);
        let queries = [
            "Song Kum Hyok",
            "Kum-Hyok Song",
            "kumhyok song",
            "Song Geum Hyeok",
            "Хасан Али",
            "Хасан Омар",
            "Hasan Ali",
            "Khasan Omar",
            "Yakovlev Jurij",
            "Якoвлев Юрий",
            "Jakovlev Yuriy",
            "Сергей Иванов",
            "Sergei Ivanoff",
            "KOREA SOBAEKSU",
            "korea sobaek su trading co",
            "Mohamed Ahmed Abdulla",
            "Ahmad Mohammed",
            "Mohammed",
            "Emma Daniels",
        ];
        let mut from_table = 0;
        for q in queries {
            let query = crate::Query::new(q);
            let (a, b) = (plain.screen(&query, &opts), tabled.screen(&query, &opts));
            assert_eq!(
                format!("{a:?}"),
                format!("{b:?}"),
                "{q:?} screens differently with the word table"
            );
            let p = tabled.matcher.prepare(&query).unwrap();
            from_table += p
                .items
                .iter()
                .filter(|i| i.plain && i.exact.as_ref().is_some_and(|e| !e.is_empty()))
                .count();
        }
        assert!(from_table > 20, "too few query tokens came from the table");
        // A text's entry is at its first id (where queries read it); later ids of the same
        // text (another class) have none.
        let vocab = &tabled.matcher.vocab;
        for id in 0..vocab.len() {
            let first = vocab.exact(&vocab.text[id]).start as usize;
            let (hits, splits) = table.get(id as u32);
            if first == id {
                assert!(!hits.is_empty(), "{:?} has no entry", &vocab.text[id]);
            } else {
                assert!(hits.is_empty() && splits.is_empty());
            }
        }
    }

    #[test]
    fn dob_formats() {
        assert_eq!(
            parse_dob("1987-08-30").unwrap(),
            DateSpec::Day {
                y: 1987,
                m: 8,
                d: 30
            }
        );
        assert_eq!(
            parse_dob("30.08.1987").unwrap(),
            DateSpec::Day {
                y: 1987,
                m: 8,
                d: 30
            }
        );
        assert_eq!(parse_dob("1987").unwrap(), DateSpec::Year(1987));
        assert_eq!(
            parse_dob("1987-08").unwrap(),
            DateSpec::Month { y: 1987, m: 8 }
        );
        for bad in [
            "",
            "87",
            "1987-13-01",
            "yesterday",
            "1987-08-30-1",
            "１９８７",
        ] {
            let e = parse_dob(bad).unwrap_err().to_string();
            assert!(e.contains("YYYY-MM-DD"), "{bad}: {e}");
        }
    }

    #[test]
    fn identifier_keys() {
        assert_eq!(
            identifier_key(IdKind::Email, " WangGe327@Yahoo.com ").unwrap(),
            "email:wangge327@yahoo.com"
        );
        assert_eq!(
            identifier_key(IdKind::Email, "wangge327@yah\u{200B}oo.com").unwrap(),
            "email:wangge327@yahoo.com"
        );
        assert_eq!(
            identifier_key(IdKind::Website, "https://www.Example.com/x?y").unwrap(),
            "website:example.com"
        );
        assert_eq!(
            identifier_key(IdKind::Phone, "+850 (2) 381-8111").unwrap(),
            "phone:85023818111"
        );
        assert_eq!(
            identifier_key(IdKind::Wallet, "0xABCDEF0123456789").unwrap(),
            "wallet:0xabcdef0123456789"
        );
        assert_eq!(
            identifier_key(IdKind::Wallet, "1HmqvgSXUVES1jn4TQPzk9dxo1NE8wim2T").unwrap(),
            "wallet:1HmqvgSXUVES1jn4TQPzk9dxo1NE8wim2T"
        );
        assert!(identifier_key(IdKind::Email, "not-an-email").is_none());
        assert!(identifier_key(IdKind::Phone, "12-34").is_none());
    }

    /// The first implementation, the reference [`identifier_key`] must equal.
    fn identifier_key_reference(kind: IdKind, v: &str) -> Option<String> {
        let v: String = v
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control() && !is_invisible(*c))
            .collect();
        let v = v.trim_matches(|c: char| matches!(c, '.' | ',' | ';' | '<' | '>' | '"' | '\''));
        let key = match kind {
            IdKind::Email => {
                let v = v.strip_prefix("mailto:").unwrap_or(v).to_lowercase();
                let (user, host) = v.split_once('@')?;
                if user.is_empty() || !host.contains('.') {
                    return None;
                }
                v
            }
            IdKind::Website => {
                let v = v.to_lowercase();
                // After the first "://" (a byte search: `split_once` sets up a two-way searcher).
                let scheme_end = v.as_bytes().windows(3).position(|w| w == b"://");
                let v = scheme_end.map_or(v.as_str(), |i| &v[i + 3..]);
                let host = v.split(['/', '?', '#']).next()?;
                let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
                let host = host.split(':').next()?.trim_end_matches('.');
                let host = host.strip_prefix("www.").unwrap_or(host);
                if !host.contains('.') {
                    return None;
                }
                host.to_string()
            }
            IdKind::Phone => {
                let digits: String = v.chars().filter(char::is_ascii_digit).collect();
                if digits.len() < 7 {
                    return None;
                }
                digits
            }
            IdKind::Wallet => {
                if v.len() < 8 {
                    return None;
                }
                if v.starts_with("0x") || v.starts_with("0X") {
                    v.to_lowercase()
                } else {
                    v.to_string()
                }
            }
            IdKind::Passport | IdKind::NationalId => {
                let s: String = v
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<String>()
                    .to_uppercase();
                if s.is_empty() {
                    return None;
                }
                s
            }
        };
        Some(format!("{}:{key}", kind.as_str()))
    }

    #[test]
    fn identifier_keys_equal_the_reference() {
        let kinds = [
            IdKind::Email,
            IdKind::Website,
            IdKind::Phone,
            IdKind::Wallet,
            IdKind::Passport,
            IdKind::NationalId,
        ];
        let values = [
            "",
            " WangGe327@Yahoo.com ",
            "mailto:A@B.CO",
            "MAILTO:a@b.co",
            "x@y",
            "@y.com",
            "https://WWW.Example.COM:8080/a?b#c",
            "ftp://user@Host.Example.org.",
            "www.example",
            "\u{200B}ex\u{00AD}ample.com",
            "+850 (2) 381-8111",
            "12-34",
            "0XABCDEF0123456789",
            "1HmqvgSXUVES1jn4TQPzk9dxo1NE8wim2T",
            "ÉCOLE@ÉTÉ.FR",
            "straße.de",
            "PASS ß-123",
            "\"<'.ab.cd;,>\"",
            "a\tb\nc\u{7f}d@e.f",
            "ＡＢＣ＠ｅｘ．ｃｏｍ",
        ];
        for kind in kinds {
            for v in values {
                assert_eq!(
                    identifier_key(kind, v),
                    identifier_key_reference(kind, v),
                    "{kind:?} {v:?}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn identifier_keys_equal_the_reference_on_any_text(
            v in "[ a-zA-Z0-9@.:/?#_'\"<>;,\t\u{7f}\u{200B}\u{00AD}éÉßİ]{0,24}",
            k in 0usize..6,
        ) {
            let kind = [
                IdKind::Email,
                IdKind::Website,
                IdKind::Phone,
                IdKind::Wallet,
                IdKind::Passport,
                IdKind::NationalId,
            ][k];
            proptest::prop_assert_eq!(identifier_key(kind, &v), identifier_key_reference(kind, &v));
        }
    }

    /// `name_bounds` skips the discount of names it cannot change: not an individual's, or
    /// shorter than three tokens.
    #[test]
    fn missing_discount_is_one_where_name_bounds_skips_it() {
        for text in ["", "ogly", "ovich", "kim", "bin", "x"] {
            for len in 0..6 {
                for i in 0..len.max(1) {
                    for (surname, korean) in (0..3).flat_map(|s| [(s, false), (s, true)]) {
                        let d = |ind| score::missing_discount(i, len, ind, text, surname, korean);
                        assert_eq!(d(false), 1.0);
                        if len < 3 {
                            assert_eq!(d(true), 1.0);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn splits_need_two_chars_each_side() {
        let v: Vec<_> = split_points("kumhyok").collect();
        assert_eq!(v.first(), Some(&("ku", "mhyok")));
        assert_eq!(v.last(), Some(&("kumhy", "ok")));
        assert_eq!(split_points("abc").count(), 0);
    }
}
