//! Labelled positive variants: how an applicant might write a listed name.
//!
//! Each [`VariantKind`] is one realistic kind of variation. [`eligible`] says whether a listed
//! name can carry it (Korean romanization only for Korean names, legal forms only for
//! organizations, ...) and [`generate`] produces one variant, always different from the listed
//! text except for the [`VariantKind::Exact`] control. Generators never special-case particular
//! names: they only use the general tables in [`super::tables`].

use serde::Serialize;

use super::rng::Rng;
use super::tables;
use crate::model::{Entry, EntryKind, NameKind};

/// A kind of variation applied to a listed name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VariantKind {
    /// The listed name, unchanged (control).
    Exact,
    /// Given-first or surname-first, with or without a comma.
    Order,
    /// A middle name, patronymic or second surname left out.
    DropMiddle,
    /// One or two typing errors: insertion, deletion, keyboard-neighbour substitution, transposition.
    Typo,
    /// Korean romanization variants, syllable hyphenation or joining.
    Korean,
    /// Arabic name spelling variants and particles (`al-`, `bin`/`ibn`, `abd al-`/`abdul`).
    Arabic,
    /// Russian transliteration variants (`ey`/`ei`, `iy`/`y`, `kh`/`h`, `Aleksandr`/`Alexander`).
    Russian,
    /// A Latin-listed Russian name written back in Cyrillic.
    Cyrillic,
    /// Legal form changed (`LLC` ↔ `Limited Liability Company` ↔ `OOO`) or dropped.
    LegalForm,
    /// Accents added, case changed, punctuation stripped or added.
    CaseDiacritics,
    /// Cyrillic or Greek look-alike letters substituted into Latin words.
    Homoglyph,
    /// Zero-width characters or soft hyphens inserted into words.
    ZeroWidth,
    /// A person's given names written as initials, all of them or all but the first
    /// (`K. H. Song`, `Song, K.H.`, `Vladimir V. Putin`).
    Initials,
    /// Two variations at once, as real applicants write them: a spelling change (a typo, a
    /// Korean, Arabic or Russian romanization, Cyrillic script) on top of a change of structure
    /// (order, a dropped middle name or patronymic, a legal form). See [`combined`].
    Combined,
}

impl VariantKind {
    /// Every kind, in report order.
    pub const ALL: [VariantKind; 14] = [
        VariantKind::Exact,
        VariantKind::Order,
        VariantKind::DropMiddle,
        VariantKind::Typo,
        VariantKind::Korean,
        VariantKind::Arabic,
        VariantKind::Russian,
        VariantKind::Cyrillic,
        VariantKind::LegalForm,
        VariantKind::CaseDiacritics,
        VariantKind::Homoglyph,
        VariantKind::ZeroWidth,
        VariantKind::Initials,
        VariantKind::Combined,
    ];

    /// Stable label used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            VariantKind::Exact => "exact",
            VariantKind::Order => "order",
            VariantKind::DropMiddle => "drop_middle",
            VariantKind::Typo => "typo",
            VariantKind::Korean => "korean",
            VariantKind::Arabic => "arabic",
            VariantKind::Russian => "russian",
            VariantKind::Cyrillic => "cyrillic",
            VariantKind::LegalForm => "legal_form",
            VariantKind::CaseDiacritics => "case_diacritics",
            VariantKind::Homoglyph => "homoglyph",
            VariantKind::ZeroWidth => "zero_width",
            VariantKind::Initials => "initials",
            VariantKind::Combined => "combined",
        }
    }
}

impl std::fmt::Display for VariantKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether an entry is related to North Korea: a DPRK, NKSPEA or CYBER program, a KP
/// nationality, or a UN reference starting with `KP`.
pub fn is_dprk(entry: &Entry) -> bool {
    entry.programs.iter().any(|p| {
        let p = p.to_ascii_uppercase();
        p.contains("DPRK") || p.contains("NKSPEA") || p.contains("CYBER")
    }) || entry
        .nationalities
        .iter()
        .any(|n| n.eq_ignore_ascii_case("KP"))
        || entry.id.to_ascii_uppercase().starts_with("KP")
}

/// North Korea programs or a Korean nationality or address. CYBER alone is not enough here:
/// it also lists Russian and Iranian parties.
fn is_korean_context(entry: &Entry) -> bool {
    entry.programs.iter().any(|p| {
        let p = p.to_ascii_uppercase();
        p.contains("DPRK") || p.contains("NKSPEA")
    }) || entry.id.to_ascii_uppercase().starts_with("KP")
        || entry
            .nationalities
            .iter()
            .chain(&entry.address_countries)
            .any(|n| n.eq_ignore_ascii_case("KP") || n.eq_ignore_ascii_case("KR"))
}

const SLAVIC_COUNTRIES: &[&str] = &["RU", "BY", "UA", "KZ", "KG", "TJ", "UZ", "MD"];

fn is_slavic_context(entry: &Entry) -> bool {
    entry
        .nationalities
        .iter()
        .chain(&entry.address_countries)
        .any(|n| SLAVIC_COUNTRIES.iter().any(|c| n.eq_ignore_ascii_case(c)))
        || entry.programs.iter().any(|p| {
            let p = p.to_ascii_uppercase();
            p.contains("RUSSIA")
                || p.contains("UKRAINE")
                || p.contains("BELARUS")
                || p.contains("MAGNIT")
        })
}

/// Whether a name is written in Latin letters (ASCII or Latin-1 accented), the script the
/// Latin-based variants apply to.
fn is_latin(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars() {
        if c.is_alphabetic() {
            if (c as u32) >= 0x250 {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// Whether `name` (one of `entry`'s names) can carry a variant of `kind`.
///
/// Only primary names and strong aliases in Latin script are used; weak aliases and
/// original-script names never are, and vessels and aircraft are left out.
pub fn eligible(kind: VariantKind, entry: &Entry, text: &str, name_kind: NameKind) -> bool {
    if !matches!(
        name_kind,
        NameKind::Primary | NameKind::Aka | NameKind::Fka | NameKind::Nka
    ) {
        return false;
    }
    if !matches!(entry.kind, EntryKind::Individual | EntryKind::Entity) || !is_latin(text) {
        return false;
    }
    let person = entry.kind == EntryKind::Individual;
    let words = split_words(text);
    match kind {
        VariantKind::Exact
        | VariantKind::Typo
        | VariantKind::CaseDiacritics
        | VariantKind::Homoglyph
        | VariantKind::ZeroWidth => true,
        VariantKind::Order => person && words.len() >= 2,
        // Korean given names written as separate syllables are one name, not a middle name.
        VariantKind::DropMiddle => {
            person && !is_korean_name(entry, &words) && drop_candidates(text).is_some()
        }
        VariantKind::Korean => is_korean_name(entry, &words),
        VariantKind::Arabic => !arabic_ops(&words).is_empty(),
        VariantKind::Russian => {
            person
                && is_slavic_context(entry)
                && words
                    .iter()
                    .any(|w| !russian_ops(&w.core.to_lowercase()).is_empty())
        }
        // Russian sources write Russian names, and North Korean ones, in Cyrillic.
        VariantKind::Cyrillic => {
            person && text.is_ascii() && (is_slavic_context(entry) || is_korean_name(entry, &words))
        }
        VariantKind::LegalForm => !person && legal_form_match(text).is_some(),
        // Listed as `SURNAME, Given Names`: which words are given names is known.
        VariantKind::Initials => person && comma_parts(text).is_some(),
        VariantKind::Combined => !combined_pairs(entry, text, name_kind).is_empty(),
    }
}

/// The structural kinds a [`VariantKind::Combined`] variant starts from, each with the spelling
/// kinds that can follow it. Korean names have no middle name to drop (their given name is one
/// name), and an organization's name has no order to swap.
const COMBINED: [(VariantKind, &[VariantKind]); 3] = [
    (
        VariantKind::Order,
        &[
            VariantKind::Typo,
            VariantKind::Korean,
            VariantKind::Arabic,
            VariantKind::Russian,
            VariantKind::Cyrillic,
        ],
    ),
    (
        VariantKind::DropMiddle,
        &[
            VariantKind::Typo,
            VariantKind::Arabic,
            VariantKind::Russian,
            VariantKind::Cyrillic,
        ],
    ),
    (
        VariantKind::LegalForm,
        &[VariantKind::Typo, VariantKind::Korean, VariantKind::Arabic],
    ),
];

/// The (structure, spelling) pairs that `text`, a name of `entry`, can carry.
fn combined_pairs(
    entry: &Entry,
    text: &str,
    name_kind: NameKind,
) -> Vec<(VariantKind, VariantKind)> {
    let mut out = Vec::new();
    for (structure, spellings) in COMBINED {
        if !eligible(structure, entry, text, name_kind) {
            continue;
        }
        for &spelling in spellings {
            if eligible(spelling, entry, text, name_kind) {
                out.push((structure, spelling));
            }
        }
    }
    out
}

/// A [`VariantKind::Combined`] variant of `text`, a name of `entry`: one eligible (structure,
/// spelling) pair drawn at random, the structural change applied first. `None` when the name
/// carries no pair or the draw produced no change.
pub fn combined(entry: &Entry, text: &str, name_kind: NameKind, rng: &mut Rng) -> Option<String> {
    let pairs = combined_pairs(entry, text, name_kind);
    let &(structure, spelling) = rng.pick(&pairs)?;
    let shaped = generate(structure, text, rng)?;
    let out = generate(spelling, &shaped, rng)?;
    (out.to_lowercase() != text.to_lowercase()).then_some(out)
}

/// Whether a name reads as romanized Korean in a Korean context: for a person every word, for
/// an organization some word of two or more syllables (legal-form words aside).
fn is_korean_name(entry: &Entry, words: &[Word]) -> bool {
    if !is_korean_context(entry) {
        return false;
    }
    if entry.kind == EntryKind::Individual {
        words
            .iter()
            .all(|w| w.core.split('-').all(|p| korean_syllables(p).is_some()))
    } else {
        words.iter().any(|w| {
            !is_legal_word(&w.core) && korean_syllables(&w.core).is_some_and(|s| s.len() >= 2)
        })
    }
}

fn is_legal_word(word: &str) -> bool {
    let w = word.to_uppercase();
    tables::LEGAL_FORMS
        .iter()
        .flat_map(|g| g.iter())
        .any(|f| tables::legal_words(f).contains(&w))
}

/// Produces one variant of `text` of the given kind, or `None` when this name cannot carry it
/// (the caller then tries another name). The result differs from `text` except for
/// [`VariantKind::Exact`]. [`VariantKind::Combined`] needs the entry: this gives `None` for it,
/// and [`combined`] makes it.
pub fn generate(kind: VariantKind, text: &str, rng: &mut Rng) -> Option<String> {
    let out = match kind {
        VariantKind::Exact => return Some(text.to_string()),
        VariantKind::Order => order(text, rng),
        VariantKind::DropMiddle => drop_middle(text, rng),
        VariantKind::Typo => typo(text, rng),
        VariantKind::Korean => retry(text, rng, korean),
        VariantKind::Arabic => retry(text, rng, arabic),
        VariantKind::Russian => retry(text, rng, russian),
        VariantKind::Cyrillic => {
            Some(korean_to_cyrillic(text, rng).unwrap_or_else(|| to_cyrillic(text)))
        }
        VariantKind::LegalForm => legal_form(text, rng),
        VariantKind::CaseDiacritics => retry(text, rng, case_diacritics),
        VariantKind::Homoglyph => homoglyph(text, rng),
        VariantKind::ZeroWidth => zero_width(text, rng),
        VariantKind::Initials => initials(text, rng),
        VariantKind::Combined => None,
    }?;
    // Case alone is the case_diacritics kind's variation, not another kind's.
    let changed = if kind == VariantKind::CaseDiacritics {
        out != text
    } else {
        out.to_lowercase() != text.to_lowercase()
    };
    (changed && !out.trim().is_empty()).then_some(out)
}

fn retry(text: &str, rng: &mut Rng, f: fn(&str, &mut Rng) -> Option<String>) -> Option<String> {
    for _ in 0..8 {
        if let Some(v) = f(text, rng) {
            if v != text {
                return Some(v);
            }
        }
    }
    None
}

/// A whitespace-separated word: its core (letters, digits, inner hyphens and apostrophes) and
/// the punctuation around it.
#[derive(Clone, Debug, PartialEq)]
struct Word {
    lead: String,
    core: String,
    trail: String,
}

impl Word {
    fn render(&self) -> String {
        format!("{}{}{}", self.lead, self.core, self.trail)
    }
}

fn split_words(text: &str) -> Vec<Word> {
    text.split_whitespace()
        .filter_map(|w| {
            let start = w.find(|c: char| c.is_alphanumeric())?;
            let end = w
                .rfind(|c: char| c.is_alphanumeric())
                .map(|i| i + w[i..].chars().next().map_or(1, char::len_utf8))?;
            Some(Word {
                lead: w[..start].to_string(),
                core: w[start..end].to_string(),
                trail: w[end..].to_string(),
            })
        })
        .collect()
}

fn join_words(words: &[Word]) -> String {
    words.iter().map(Word::render).collect::<Vec<_>>().join(" ")
}

/// Letter case of a written word.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Case {
    Upper,
    Lower,
    Title,
}

fn case_of(s: &str) -> Case {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        Case::Upper
    } else if letters.iter().all(|c| c.is_lowercase()) {
        Case::Lower
    } else {
        Case::Title
    }
}

fn titlecase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if c.is_alphabetic() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(c);
            start = c == ' ' || c == '-';
        }
    }
    out
}

fn apply_case(case: Case, s: &str) -> String {
    match case {
        Case::Upper => s.to_uppercase(),
        Case::Lower => s.to_lowercase(),
        Case::Title => titlecase(s),
    }
}

/// `SURNAME, Given Names` split at the first comma, when both sides are present.
fn comma_parts(text: &str) -> Option<(&str, &str)> {
    let (s, g) = text.split_once(',')?;
    let (s, g) = (s.trim(), g.trim());
    (!s.is_empty() && !g.is_empty() && !g.contains(',')).then_some((s, g))
}

/// `SURNAME, Given Names` with the given names (each part of a hyphenated one) as initials:
/// all of them, or all but the first; with or without dots and spaces between them; before the
/// surname or after it.
fn initials(text: &str, rng: &mut Rng) -> Option<String> {
    let (surname, given) = comma_parts(text)?;
    // A generational suffix (`Jr.`, `III`) is not a name: it stays as written, at the end.
    let is_suffix = |w: &&str| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        matches!(w.as_str(), "jr" | "sr" | "ii" | "iii" | "iv")
    };
    let (suffixes, words): (Vec<&str>, Vec<&str>) = given.split_whitespace().partition(is_suffix);
    let keep_first = words.len() >= 2 && rng.chance(0.3);
    let mut letters: Vec<char> = Vec::new();
    for w in &words[usize::from(keep_first)..] {
        for part in w.split('-') {
            letters.extend(part.chars().find(|c| c.is_alphabetic()));
        }
    }
    if letters.is_empty() {
        return None;
    }
    let dotted = rng.chance(0.7);
    let spaced = rng.chance(0.5);
    let sep = match (dotted, spaced) {
        (true, true) => ". ",
        (true, false) => ".",
        (false, _) => " ",
    };
    let mut abbreviated = letters
        .iter()
        .map(char::to_string)
        .collect::<Vec<_>>()
        .join(sep);
    if dotted {
        abbreviated.push('.');
    }
    if keep_first {
        abbreviated = format!("{} {abbreviated}", words[0]);
    }
    for suffix in suffixes {
        abbreviated = format!("{abbreviated} {suffix}");
    }
    Some(match rng.below(3) {
        0 => format!("{abbreviated} {surname}"),
        1 => format!("{surname}, {abbreviated}"),
        _ => format!("{surname} {abbreviated}"),
    })
}

fn order(text: &str, rng: &mut Rng) -> Option<String> {
    if let Some((surname, given)) = comma_parts(text) {
        return Some(if rng.chance(0.75) {
            format!("{given} {surname}")
        } else {
            format!("{surname} {given}")
        });
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let last = words.len() - 1;
    let out = match rng.below(3) {
        0 => format!("{} {}", words[last], words[..last].join(" ")),
        1 => format!("{}, {}", words[last], words[..last].join(" ")),
        _ => format!("{} {}", words[1..].join(" "), words[0]),
    };
    Some(out)
}

const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "ben", "bint", "abu", "abd", "de", "da", "del", "van", "von", "la",
    "le", "di", "y",
];

fn droppable(core: &str) -> bool {
    let lc = core.to_lowercase();
    core.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !PARTICLES.contains(&lc.as_str())
}

/// Which words of a person's name can be left out: `(in_given_part, indices)`.
fn drop_candidates(text: &str) -> Option<(bool, Vec<usize>)> {
    if let Some((surname, given)) = comma_parts(text) {
        let g: Vec<&str> = given.split_whitespace().collect();
        let idx: Vec<usize> = (1..g.len()).filter(|&i| droppable(g[i])).collect();
        if !idx.is_empty() {
            return Some((true, idx));
        }
        let s: Vec<&str> = surname.split_whitespace().collect();
        let idx: Vec<usize> = (1..s.len()).filter(|&i| droppable(s[i])).collect();
        return (!idx.is_empty()).then_some((false, idx));
    }
    let w: Vec<&str> = text.split_whitespace().collect();
    if w.len() < 3 {
        return None;
    }
    let idx: Vec<usize> = (1..w.len() - 1).filter(|&i| droppable(w[i])).collect();
    (!idx.is_empty()).then_some((true, idx))
}

fn drop_middle(text: &str, rng: &mut Rng) -> Option<String> {
    let (in_given, idx) = drop_candidates(text)?;
    let drop = *rng.pick(&idx)?;
    let keep = |part: &str| -> String {
        part.split_whitespace()
            .enumerate()
            .filter(|&(i, _)| i != drop)
            .map(|(_, w)| w)
            .collect::<Vec<_>>()
            .join(" ")
    };
    if let Some((surname, given)) = comma_parts(text) {
        let (s, g) = if in_given {
            (surname.to_string(), keep(given))
        } else {
            (keep(surname), given.to_string())
        };
        return Some(if rng.chance(0.5) {
            format!("{g} {s}")
        } else {
            format!("{s}, {g}")
        });
    }
    Some(keep(text))
}

fn typo(text: &str, rng: &mut Rng) -> Option<String> {
    let runs = letter_runs(&text.chars().collect::<Vec<_>>());
    if runs.is_empty() {
        return None;
    }
    for _ in 0..10 {
        // Two typos go into two different words, or into one long word; never two into a
        // short word, which would make it another name.
        let mut targets: Vec<(usize, usize)> = Vec::new();
        let first = *rng.pick(&runs)?;
        targets.push(first);
        if rng.chance(0.4) {
            let others: Vec<(usize, usize)> =
                runs.iter().copied().filter(|r| *r != first).collect();
            if let Some(&second) = rng.pick(&others) {
                targets.push(second);
            } else if first.1 - first.0 >= 8 {
                targets.push(first);
            }
        }
        // Right to left, so an edit never shifts a run still to be edited.
        targets.sort_by_key(|t| std::cmp::Reverse(t.0));
        let mut chars: Vec<char> = text.chars().collect();
        let mut ok = true;
        let mut last: Option<((usize, usize), isize)> = None;
        for t in targets {
            let (s, mut e) = t;
            if let Some((prev, delta)) = last {
                if prev == t {
                    e = (e as isize + delta).max(s as isize + 1) as usize;
                }
            }
            match one_typo(&mut chars, s, e, rng) {
                Some(delta) => last = Some((t, delta)),
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            continue;
        }
        let out: String = chars.into_iter().collect();
        let d = strsim::osa_distance(text, &out);
        if (1..=2).contains(&d) {
            return Some(out);
        }
    }
    None
}

/// Letter runs (words) of at least four letters: `(start, end)` char indices.
fn letter_runs(chars: &[char]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_alphabetic() {
            let s = i;
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            if i - s >= 4 {
                runs.push((s, i));
            }
        } else {
            i += 1;
        }
    }
    runs
}

/// Applies one typing error inside the letter run `s..e`. Returns the change in length, or
/// `None` when the chosen edit does not apply.
fn one_typo(chars: &mut Vec<char>, s: usize, e: usize, rng: &mut Rng) -> Option<isize> {
    if e <= s || e > chars.len() {
        return None;
    }
    let pos = s + rng.below(e - s);
    let c = chars[pos];
    let upper = c.is_uppercase();
    let neighbour = |rng: &mut Rng, c: char| -> Option<char> {
        let n: Vec<char> = tables::qwerty_neighbours(c).chars().collect();
        rng.pick(&n)
            .map(|&m| if upper { m.to_ascii_uppercase() } else { m })
    };
    match rng.below(4) {
        0 => match neighbour(rng, c) {
            Some(m) => {
                chars[pos] = m;
                Some(0)
            }
            None => None,
        },
        1 => {
            let ins = if rng.chance(0.5) {
                Some(c)
            } else {
                neighbour(rng, c)
            };
            let m = ins?;
            chars.insert(pos + 1, m);
            Some(1)
        }
        2 => {
            chars.remove(pos);
            Some(-1)
        }
        _ => {
            let p = if pos + 1 < e {
                pos
            } else {
                pos.saturating_sub(1)
            };
            if p < s || chars[p] == chars[p + 1] {
                return None;
            }
            chars.swap(p, p + 1);
            Some(0)
        }
    }
}

// ---------------------------------------------------------------- Korean

fn korean_group(syl: &str) -> Option<&'static [&'static str]> {
    tables::KOREAN_SYLLABLES
        .iter()
        .copied()
        .find(|g| g.contains(&syl))
}

/// Splits a romanized token into known Korean syllables (fewest pieces, at most four), or
/// `None` if it does not read as Korean.
pub(crate) fn korean_syllables(token: &str) -> Option<Vec<String>> {
    let t: Vec<char> = token
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, '\'' | '\u{2019}'))
        .collect();
    if t.is_empty() || t.len() > 24 || !t.iter().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    let n = t.len();
    // best[i] = cheapest split of t[..i]: (cost, syllables, previous cut). A syllable costs 1,
    // a one-letter syllable (o, u) 3, so that `gooryong` reads goo+ryong, not go+o+ryong.
    let mut best: Vec<Option<(usize, usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0, 0));
    for i in 0..n {
        let Some((cost, k, _)) = best[i] else {
            continue;
        };
        for j in i + 1..=n.min(i + 6) {
            let piece: String = t[i..j].iter().collect();
            let c = cost + if j - i == 1 { 3 } else { 1 };
            if korean_group(&piece).is_some() && best[j].map_or(true, |(bc, _, _)| c < bc) {
                best[j] = Some((c, k + 1, i));
            }
        }
    }
    let (_, count, _) = best[n]?;
    if count > 4 {
        return None;
    }
    let mut out = Vec::new();
    let mut j = n;
    while j > 0 {
        let (_, _, i) = best[j]?;
        out.push(t[i..j].iter().collect());
        j = i;
    }
    out.reverse();
    Some(out)
}

fn respell(syl: &str, rng: &mut Rng, p: f64) -> String {
    match korean_group(syl) {
        Some(g) if rng.chance(p) => {
            let others: Vec<&str> = g.iter().copied().filter(|s| *s != syl).collect();
            rng.pick(&others)
                .map_or_else(|| syl.to_string(), |s| s.to_string())
        }
        _ => syl.to_string(),
    }
}

/// Renders syllables with a separator style: spaced, hyphenated or joined.
fn render_syllables(syls: &[String], case: Case, style: usize) -> String {
    let sep = ["-", "", " "][style % 3];
    let joined = syls.join(sep);
    match case {
        Case::Upper => joined.to_uppercase(),
        Case::Lower => joined,
        // Title: capitalize the first syllable; hyphenated forms often capitalize each.
        Case::Title => {
            if sep.is_empty() {
                titlecase(&joined)
            } else {
                syls.iter()
                    .map(|s| titlecase(s))
                    .collect::<Vec<_>>()
                    .join(sep)
            }
        }
    }
}

fn korean(text: &str, rng: &mut Rng) -> Option<String> {
    let (surname, given, comma) = match comma_parts(text) {
        Some((s, g)) => (Some(s), g, true),
        None => (None, text, false),
    };
    let respell_word = |w: &str, rng: &mut Rng| -> Option<String> {
        if is_legal_word(w.trim_matches(|c: char| !c.is_alphanumeric())) {
            return Some(w.to_string());
        }
        let case = case_of(w);
        let mut parts = Vec::new();
        for part in w.split('-') {
            match korean_syllables(part) {
                Some(syls) => {
                    let s: Vec<String> = syls.iter().map(|x| respell(x, rng, 0.5)).collect();
                    parts.push(render_syllables(&s, case, 1));
                }
                None => parts.push(part.to_string()),
            }
        }
        Some(parts.join("-"))
    };
    let surname_out = match surname {
        Some(s) => Some(
            s.split_whitespace()
                .map(|w| respell_word(w, rng))
                .collect::<Option<Vec<_>>>()?
                .join(" "),
        ),
        None => None,
    };
    let given_out = if comma || !text.contains(' ') {
        // The given names as one syllable sequence, re-rendered spaced, hyphenated or joined.
        let case = case_of(given);
        let mut syls = Vec::new();
        for part in given.split([' ', '-']).filter(|p| !p.is_empty()) {
            match korean_syllables(part) {
                Some(s) => syls.extend(s.iter().map(|x| respell(x, rng, 0.5))),
                None => syls.push(part.to_lowercase()),
            }
        }
        if syls.len() >= 2 {
            render_syllables(&syls, case, rng.below(3))
        } else {
            render_syllables(&syls, case, 0)
        }
    } else {
        // Entity or uncommaed name: respell words, and re-render hyphenated words.
        let mut words = Vec::new();
        for w in given.split_whitespace() {
            if w.contains('-') && rng.chance(0.5) {
                let case = case_of(w);
                let syls: Vec<String> = w
                    .split('-')
                    .map(|p| respell(&p.to_lowercase(), rng, 0.5))
                    .collect();
                words.push(render_syllables(&syls, case, 1 + rng.below(2)));
            } else {
                words.push(respell_word(w, rng)?);
            }
        }
        words.join(" ")
    };
    Some(match surname_out {
        Some(s) => format!("{s}, {given_out}"),
        None => given_out,
    })
}

// ---------------------------------------------------------------- Arabic

#[derive(Clone, Copy, Debug, PartialEq)]
enum ArabicOp {
    /// Word i starts with an article (`al-x`, or word i is `al` followed by a word).
    Article(usize),
    /// Word i is a filial particle.
    Filial(usize),
    /// Word i starts an `abd al-` construction.
    Abd(usize),
    /// Word i has spelling variants.
    Spelling(usize),
}

fn arabic_ops(words: &[Word]) -> Vec<ArabicOp> {
    let mut ops = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let lc = w.core.to_lowercase();
        if lc.starts_with("abd")
            && (lc == "abd"
                || lc.starts_with("abdul")
                || lc.starts_with("abdel")
                || lc.starts_with("abd-"))
        {
            if lc.len() > 5 || words.get(i + 1).is_some() {
                ops.push(ArabicOp::Abd(i));
            }
        } else if ((lc.starts_with("al-") || lc.starts_with("el-")) && lc.len() > 4)
            || ((lc == "al" || lc == "el") && words.get(i + 1).is_some())
        {
            ops.push(ArabicOp::Article(i));
        } else if tables::ARABIC_FILIAL.contains(&lc.as_str())
            && i > 0
            && words.get(i + 1).is_some()
        {
            ops.push(ArabicOp::Filial(i));
        } else if tables::ARABIC_SPELLINGS
            .iter()
            .any(|g| g.contains(&lc.as_str()))
        {
            ops.push(ArabicOp::Spelling(i));
        }
    }
    ops
}

fn arabic(text: &str, rng: &mut Rng) -> Option<String> {
    let mut words = split_words(text);
    let ops = arabic_ops(&words);
    let first = *rng.pick(&ops)?;
    let mut chosen = vec![first];
    if ops.len() > 1 && rng.chance(0.4) {
        if let Some(&second) = rng.pick(&ops) {
            if second != first {
                chosen.push(second);
            }
        }
    }
    // Apply from the right so indices stay valid.
    chosen.sort_by_key(|op| std::cmp::Reverse(op_index(*op)));
    for op in chosen {
        apply_arabic(&mut words, op, rng);
    }
    Some(join_words(&words))
}

fn op_index(op: ArabicOp) -> usize {
    match op {
        ArabicOp::Article(i) | ArabicOp::Filial(i) | ArabicOp::Abd(i) | ArabicOp::Spelling(i) => i,
    }
}

fn apply_arabic(words: &mut Vec<Word>, op: ArabicOp, rng: &mut Rng) {
    match op {
        ArabicOp::Spelling(i) => {
            let Some(w) = words.get_mut(i) else { return };
            let lc = w.core.to_lowercase();
            if let Some(g) = tables::ARABIC_SPELLINGS
                .iter()
                .find(|g| g.contains(&lc.as_str()))
            {
                let others: Vec<&str> = g.iter().copied().filter(|s| *s != lc).collect();
                if let Some(s) = rng.pick(&others) {
                    w.core = apply_case(case_of(&w.core), s);
                }
            }
        }
        ArabicOp::Filial(i) => {
            let Some(w) = words.get(i) else { return };
            let lc = w.core.to_lowercase();
            if rng.chance(0.25) {
                let trail = w.trail.clone();
                words.remove(i);
                if let Some(prev) = i.checked_sub(1).and_then(|p| words.get_mut(p)) {
                    prev.trail.push_str(&trail);
                }
            } else {
                let others: Vec<&str> = tables::ARABIC_FILIAL
                    .iter()
                    .copied()
                    .filter(|s| *s != lc)
                    .collect();
                if let (Some(s), Some(w)) = (rng.pick(&others), words.get_mut(i)) {
                    w.core = apply_case(case_of(&w.core), s);
                }
            }
        }
        ArabicOp::Article(i) => {
            let Some(w) = words.get(i) else { return };
            let lc = w.core.to_lowercase();
            let case = case_of(&w.core);
            // The name part the article belongs to, and how many words it spans now.
            let (rest, span) = if lc.len() > 3 && (lc.starts_with("al-") || lc.starts_with("el-")) {
                (w.core[3..].to_string(), 1)
            } else {
                match words.get(i + 1) {
                    Some(next) => (next.core.clone(), 2),
                    None => return,
                }
            };
            let current = if span == 1 { &lc[..3] } else { "al " };
            let forms: Vec<&str> = tables::ARABIC_ARTICLES
                .iter()
                .copied()
                .filter(|f| *f != current)
                .collect();
            let Some(form) = rng.pick(&forms) else { return };
            let rendered = apply_case(case, &format!("{form}{}", rest.to_lowercase()));
            let trail = words
                .get(i + span - 1)
                .map(|w| w.trail.clone())
                .unwrap_or_default();
            let lead = words.get(i).map(|w| w.lead.clone()).unwrap_or_default();
            words.splice(i..i + span, split_words(&rendered));
            // Restore surrounding punctuation on the replaced span.
            let new_len = rendered.split_whitespace().count();
            if let Some(first) = words.get_mut(i) {
                first.lead = lead;
            }
            if let Some(last) = words.get_mut(i + new_len.saturating_sub(1)) {
                last.trail = trail;
            }
        }
        ArabicOp::Abd(i) => {
            let Some(w) = words.get(i) else { return };
            let lc = w.core.to_lowercase();
            let case = case_of(&w.core);
            // Find the divine name that follows `abd`.
            let (rest, span) = if let Some(r) = ["abdul-", "abdel-", "abd-al-", "abd-el-", "abd-"]
                .iter()
                .find_map(|p| lc.strip_prefix(p))
            {
                (r.to_string(), 1)
            } else if lc == "abd" || lc == "abdul" || lc == "abdel" {
                match words.get(i + 1).map(|n| n.core.to_lowercase()) {
                    Some(n) if (n == "al" || n == "el") => match words.get(i + 2) {
                        Some(nn) => (nn.core.to_lowercase(), 3),
                        None => return,
                    },
                    Some(n) => match n.strip_prefix("al-").or_else(|| n.strip_prefix("el-")) {
                        Some(r) => (r.to_string(), 2),
                        None => (n, 2),
                    },
                    None => return,
                }
            } else if let Some(r) = ["abdul", "abdel"].iter().find_map(|p| lc.strip_prefix(p)) {
                (r.to_string(), 1)
            } else {
                return;
            };
            if rest.is_empty() {
                return;
            }
            let Some(form) = rng.pick(tables::ARABIC_ABD) else {
                return;
            };
            let rendered = apply_case(case, &format!("{form}{rest}"));
            if rendered.eq_ignore_ascii_case(
                &words[i..(i + span).min(words.len())]
                    .iter()
                    .map(|w| w.core.clone())
                    .collect::<Vec<_>>()
                    .join(" "),
            ) {
                return;
            }
            let trail = words
                .get(i + span - 1)
                .map(|w| w.trail.clone())
                .unwrap_or_default();
            let lead = words.get(i).map(|w| w.lead.clone()).unwrap_or_default();
            let end = (i + span).min(words.len());
            words.splice(i..end, split_words(&rendered));
            let new_len = rendered.split_whitespace().count();
            if let Some(first) = words.get_mut(i) {
                first.lead = lead;
            }
            if let Some(last) = words.get_mut(i + new_len.saturating_sub(1)) {
                last.trail = trail;
            }
        }
    }
}

// ---------------------------------------------------------------- Russian

/// Possible edits of one lower-case token: a whole-name respelling or a rule at a position.
fn russian_ops(lc: &str) -> Vec<(usize, usize, &'static str)> {
    let mut ops = Vec::new();
    if let Some(g) = tables::RUSSIAN_NAMES.iter().find(|g| g.contains(&lc)) {
        for s in g.iter().copied().filter(|s| *s != lc) {
            ops.push((0, lc.len(), s));
        }
        return ops;
    }
    for (from, to) in tables::RUSSIAN_RULES {
        let mut start = 0;
        while let Some(p) = lc[start..].find(from) {
            let at = start + p;
            // `ey`/`iy`/`yy` rules only make sense where the `y` ends a syllable.
            let next = lc[at + from.len()..].chars().next();
            let y_final = from.ends_with('y') && from.len() == 2;
            let ok = !y_final || next.map_or(true, |c| !"aeiouy".contains(c));
            if ok && at + from.len() <= lc.len() {
                ops.push((at, at + from.len(), *to));
            }
            start = at + from.len();
        }
    }
    ops
}

fn russian(text: &str, rng: &mut Rng) -> Option<String> {
    let mut words = split_words(text);
    let candidates: Vec<usize> = (0..words.len())
        .filter(|&i| !russian_ops(&words[i].core.to_lowercase()).is_empty())
        .collect();
    let n = if candidates.len() > 1 && rng.chance(0.4) {
        2
    } else {
        1
    };
    let mut picked = candidates.clone();
    rng.shuffle(&mut picked);
    for &i in picked.iter().take(n) {
        let w = &mut words[i];
        let lc = w.core.to_lowercase();
        let ops = russian_ops(&lc);
        let &(a, b, to) = rng.pick(&ops)?;
        let new = format!("{}{}{}", &lc[..a], to, &lc[b..]);
        w.core = apply_case(case_of(&w.core), &new);
    }
    Some(join_words(&words))
}

/// Writes a Latin-script Russian name in Cyrillic (reverse BGN/PCGN, longest match first),
/// keeping letter case and punctuation.
/// A romanized Korean name as Russian writes it (the Kontsevich system and the spellings
/// before it), a word per syllable, a given name's syllables sometimes hyphenated:
/// `SONG, Kum Hyok` → `СОН, Кым Хёк`, `CHOE, Ryong Hae` → `ЧХВЕ, Рён Хэ`. `None` when a word
/// does not read as Korean syllables.
fn korean_to_cyrillic(text: &str, rng: &mut Rng) -> Option<String> {
    let mut words = Vec::new();
    for word in text.split_whitespace() {
        let comma = word.ends_with(',');
        let core = word.trim_end_matches(',');
        let case = case_of(core);
        let mut syllables = Vec::new();
        for part in core.split('-') {
            for syl in korean_syllables(part)? {
                let cyr = syllable_to_cyrillic(&syl, rng)?;
                syllables.push(match case {
                    Case::Upper => cyr.to_uppercase(),
                    Case::Lower => cyr,
                    Case::Title => titlecase(&cyr),
                });
            }
        }
        let mut out = if syllables.len() > 1 && rng.chance(0.3) {
            let mut joined = syllables.join("-");
            if case == Case::Title {
                joined = titlecase(&joined.to_lowercase());
            }
            joined
        } else {
            syllables.join(" ")
        };
        if comma {
            out.push(',');
        }
        words.push(out);
    }
    Some(words.join(" "))
}

/// One romanized Korean syllable (`hyok`, `ryong`, `chwe`) in Cyrillic, lowercase.
fn syllable_to_cyrillic(syl: &str, rng: &mut Rng) -> Option<String> {
    const INITIALS: [(&str, &str); 24] = [
        ("kk", "кк"),
        ("tt", "тт"),
        ("pp", "пп"),
        ("ss", "сс"),
        ("jj", "чч"),
        ("ch", "ч"),
        ("kh", "кх"),
        ("th", "тх"),
        ("ph", "пх"),
        ("sh", "с"),
        ("ts", "ч"),
        ("g", "к"),
        ("k", "к"),
        ("n", "н"),
        ("d", "т"),
        ("t", "т"),
        ("r", "р"),
        ("l", "р"),
        ("m", "м"),
        ("b", "п"),
        ("p", "п"),
        ("s", "с"),
        ("j", "ч"),
        ("h", "х"),
    ];
    const FINALS: [(&str, &str); 10] = [
        ("ng", "н"),
        ("k", "к"),
        ("g", "к"),
        ("n", "н"),
        ("l", "ль"),
        ("r", "ль"),
        ("m", "м"),
        ("p", "п"),
        ("b", "п"),
        ("t", "т"),
    ];
    const VOWELS: [(&str, &str); 24] = [
        ("a", "а"),
        ("ya", "я"),
        ("o", "о"),
        ("eo", "о"),
        ("yo", "ё"),
        ("yeo", "ё"),
        ("u", "у"),
        ("oo", "у"),
        ("ou", "у"),
        ("yu", "ю"),
        ("eu", "ы"),
        ("i", "и"),
        ("ee", "и"),
        ("ae", "э"),
        ("e", "е"),
        ("ye", "е"),
        ("oe", "ве"),
        ("we", "ве"),
        ("wa", "ва"),
        ("wo", "во"),
        ("weo", "во"),
        ("wae", "вэ"),
        ("wi", "ви"),
        ("ui", "ый"),
    ];
    let (initial, rest) = INITIALS
        .iter()
        .find(|(l, _)| syl.starts_with(l) && syl.len() > l.len())
        .map_or(("", syl), |(l, c)| (*c, &syl[l.len()..]));
    let (vowel, fin) = FINALS
        .iter()
        .find(|(l, _)| rest.ends_with(l) && rest.len() > l.len())
        .map_or((rest, ""), |(l, c)| (&rest[..rest.len() - l.len()], *c));
    let (_, v) = VOWELS.iter().find(|(l, _)| *l == vowel)?;
    // The aspirated ㅊ: `чх` in the Russian system, where the romanization cannot tell.
    let initial = if initial == "ч" && syl.starts_with("ch") && rng.chance(0.3) {
        "чх"
    } else {
        initial
    };
    Some(format!("{initial}{v}{fin}"))
}

pub(crate) fn to_cyrillic(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for (wi, word) in text.split(' ').enumerate() {
        if wi > 0 {
            out.push(' ');
        }
        let case = case_of(word);
        let lc = word.to_lowercase();
        let mut cyr = String::new();
        let mut i = 0;
        let bytes = lc.as_bytes();
        let mut prev: Option<char> = None;
        while i < lc.len() {
            let rest = &lc[i..];
            let at_start = prev.map_or(true, |p| !p.is_alphabetic());
            // Context rules: a lone `y` is й after a vowel and ы elsewhere; initial `e` is э.
            if rest.starts_with('y')
                && !rest.starts_with("yu")
                && !rest.starts_with("ya")
                && !rest.starts_with("yo")
                && !rest.starts_with("ye")
                && !rest.starts_with("yy")
            {
                let after_vowel = prev.is_some_and(|p| "aeiou".contains(p));
                cyr.push(if after_vowel || at_start { 'й' } else { 'ы' });
                prev = Some('y');
                i += 1;
                continue;
            }
            if rest.starts_with('e') && at_start {
                cyr.push('э');
                prev = Some('e');
                i += 1;
                continue;
            }
            match tables::LATIN_TO_CYRILLIC
                .iter()
                .find(|(l, _)| rest.starts_with(l))
            {
                Some((l, c)) => {
                    cyr.push_str(c);
                    prev = l.chars().last();
                    i += l.len();
                }
                None => {
                    let ch = rest.chars().next().unwrap_or(' ');
                    cyr.push(ch);
                    prev = Some(ch);
                    i += ch.len_utf8().max(1);
                }
            }
            debug_assert!(i <= bytes.len());
        }
        out.push_str(&apply_case(case, &cyr));
    }
    out
}

// ---------------------------------------------------------------- legal forms

/// Word spans of a name as compared with legal forms: (upper-case word, byte start, byte end).
fn legal_spans(text: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let inword = c.is_alphanumeric() || c == '-' || c == '&';
        match (inword, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((text[s..i].to_uppercase(), s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((text[s..].to_uppercase(), s, text.len()));
    }
    out
}

/// The longest legal form at the end (or else the start) of a name:
/// (group, byte range of the form, at_end).
fn legal_form_match(text: &str) -> Option<(usize, std::ops::Range<usize>, bool)> {
    let spans = legal_spans(text);
    let mut best: Option<(usize, usize, std::ops::Range<usize>, bool)> = None;
    for (gi, g) in tables::LEGAL_FORMS.iter().enumerate() {
        for form in g.iter() {
            let fw = tables::legal_words(form);
            let n = fw.len();
            if n == 0 || spans.len() <= n {
                continue;
            }
            let tail = &spans[spans.len() - n..];
            if tail.iter().zip(&fw).all(|(s, f)| s.0 == *f) {
                let range = tail[0].1..text.len();
                if best.as_ref().map_or(true, |b| n > b.0) {
                    best = Some((n, gi, range, true));
                }
            }
            let head = &spans[..n];
            if head.iter().zip(&fw).all(|(s, f)| s.0 == *f) {
                let range = 0..spans[n].1;
                if best.as_ref().map_or(true, |b| n > b.0) {
                    best = Some((n, gi, range, false));
                }
            }
        }
    }
    let (_, gi, range, at_end) = best?;
    // Something that is not a legal form must remain.
    let rest = if at_end {
        &text[..range.start]
    } else {
        &text[range.end..]
    };
    (rest.chars().filter(|c| c.is_alphanumeric()).count() >= 2).then_some((gi, range, at_end))
}

fn legal_form(text: &str, rng: &mut Rng) -> Option<String> {
    let (gi, range, at_end) = legal_form_match(text)?;
    let group = tables::LEGAL_FORMS.get(gi)?;
    let current = tables::legal_words(&text[range.clone()]);
    let others: Vec<&str> = group
        .iter()
        .copied()
        .filter(|f| tables::legal_words(f) != current)
        .collect();
    let upper = case_of(text) == Case::Upper;
    let replacement = if others.is_empty() || rng.chance(0.35) {
        None
    } else {
        rng.pick(&others).map(|f| {
            if upper {
                f.to_uppercase()
            } else {
                f.to_string()
            }
        })
    };
    let out = if at_end {
        let head = text[..range.start].trim_end_matches(|c: char| c.is_whitespace() || c == ',');
        match replacement {
            Some(r) => format!("{head} {r}"),
            None => head.to_string(),
        }
    } else {
        let tail = text[range.end..]
            .trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == '"');
        let tail = tail.trim_end_matches('"');
        match replacement {
            Some(r) => format!("{r} {tail}"),
            None => tail.to_string(),
        }
    };
    Some(out)
}

// ---------------------------------------------------------------- case, diacritics, punctuation

fn case_diacritics(text: &str, rng: &mut Rng) -> Option<String> {
    let mut s = text.to_string();
    let ops = 1 + usize::from(rng.chance(0.4));
    for _ in 0..ops {
        s = match rng.below(3) {
            0 => {
                let mut chars: Vec<char> = s.chars().collect();
                let idx: Vec<usize> = (0..chars.len())
                    .filter(|&i| !tables::accents(chars[i]).is_empty())
                    .collect();
                let k = 1 + rng.below(3);
                for _ in 0..k {
                    if let Some(&i) = rng.pick(&idx) {
                        if let Some(&a) = rng.pick(tables::accents(chars[i])) {
                            chars[i] = a;
                        }
                    }
                }
                chars.into_iter().collect()
            }
            1 => {
                let current = case_of(&s);
                let choices: Vec<Case> = [Case::Upper, Case::Lower, Case::Title]
                    .into_iter()
                    .filter(|c| *c != current)
                    .collect();
                let c = rng.pick(&choices).copied().unwrap_or(Case::Lower);
                apply_case(c, &s)
            }
            _ => {
                if s.contains(|c: char| ",.'-\"".contains(c)) && rng.chance(0.6) {
                    // Strip punctuation: hyphens become spaces or vanish, the rest vanishes.
                    let hyphen = if rng.chance(0.5) { " " } else { "" };
                    let stripped: String = s
                        .replace('-', hyphen)
                        .chars()
                        .filter(|c| !",.'\"".contains(*c))
                        .collect();
                    stripped.split_whitespace().collect::<Vec<_>>().join(" ")
                } else {
                    let words: Vec<&str> = s.split(' ').collect();
                    if words.len() >= 2 {
                        let i = rng.below(words.len() - 1);
                        let sep = *rng.pick(&[", ", "-", ". ", " - "]).unwrap_or(&", ");
                        let mut out = String::new();
                        for (j, w) in words.iter().enumerate() {
                            out.push_str(w);
                            if j + 1 < words.len() {
                                out.push_str(if j == i { sep } else { " " });
                            }
                        }
                        out
                    } else {
                        format!("{s}.")
                    }
                }
            }
        };
    }
    Some(s)
}

// ---------------------------------------------------------------- look-alikes and invisibles

fn homoglyph(text: &str, rng: &mut Rng) -> Option<String> {
    let mut chars: Vec<char> = text.chars().collect();
    let idx: Vec<usize> = (0..chars.len())
        .filter(|&i| !tables::homoglyphs(chars[i]).is_empty())
        .collect();
    if idx.is_empty() {
        return None;
    }
    let k = 1 + rng.below(3);
    for _ in 0..k {
        if let Some(&i) = rng.pick(&idx) {
            if let Some(&g) = rng.pick(tables::homoglyphs(chars[i])) {
                chars[i] = g;
            }
        }
    }
    Some(chars.into_iter().collect())
}

fn zero_width(text: &str, rng: &mut Rng) -> Option<String> {
    let mut chars: Vec<char> = text.chars().collect();
    let k = 1 + rng.below(3);
    let mut inserted = 0;
    for _ in 0..k {
        let idx: Vec<usize> = (1..chars.len())
            .filter(|&i| chars[i - 1].is_alphabetic() && chars[i].is_alphabetic())
            .collect();
        let (Some(&i), Some(&z)) = (rng.pick(&idx), rng.pick(tables::ZERO_WIDTH)) else {
            break;
        };
        chars.insert(i, z);
        inserted += 1;
    }
    (inserted > 0).then(|| chars.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ListId;

    fn entry(kind: EntryKind, names: &[&str], programs: &[&str], nat: &[&str]) -> Entry {
        Entry {
            list: ListId::OfacSdn,
            id: "1".into(),
            kind,
            names: names
                .iter()
                .map(|n| crate::model::Name {
                    text: n.to_string(),
                    kind: NameKind::Primary,
                })
                .collect(),
            programs: programs.iter().map(|s| s.to_string()).collect(),
            dobs: vec![],
            pobs: vec![],
            nationalities: nat.iter().map(|s| s.to_string()).collect(),
            address_countries: vec![],
            gender: None,
            identifiers: vec![],
            linked_to: vec![],
        }
    }

    fn many(kind: VariantKind, text: &str) -> Vec<String> {
        let mut rng = Rng::new(11);
        (0..40)
            .filter_map(|_| generate(kind, text, &mut rng))
            .collect()
    }

    #[test]
    fn korean_segmentation() {
        assert_eq!(korean_syllables("Kumhyok").unwrap(), vec!["kum", "hyok"]);
        assert_eq!(korean_syllables("SONG").unwrap(), vec!["song"]);
        assert!(korean_syllables("TRADING").is_none());
        assert!(korean_syllables("Corporation").is_none());
    }

    #[test]
    fn korean_variants_respell_and_restructure() {
        let vs = many(VariantKind::Korean, "SONG, Kum Hyok");
        assert!(vs.len() > 20);
        assert!(
            vs.iter()
                .any(|v| v.contains("Keum") || v.contains("Geum") || v.contains("Gum")),
            "{vs:?}"
        );
        assert!(vs.iter().any(|v| v.contains('-')), "{vs:?}");
        assert!(
            vs.iter()
                .any(|v| !v.contains('-') && v.split_whitespace().count() == 2),
            "{vs:?}"
        );
        let e = entry(
            EntryKind::Individual,
            &["SONG, Kum Hyok"],
            &["CYBER4"],
            &["KP"],
        );
        assert!(eligible(
            VariantKind::Korean,
            &e,
            "SONG, Kum Hyok",
            NameKind::Primary
        ));
        let e = entry(EntryKind::Individual, &["SMITH, John"], &["CYBER4"], &[]);
        assert!(!eligible(
            VariantKind::Korean,
            &e,
            "SMITH, John",
            NameKind::Primary
        ));
        assert!(!eligible(
            VariantKind::Korean,
            &e,
            "SMITH, John",
            NameKind::WeakAka
        ));
    }

    #[test]
    fn arabic_variants() {
        let vs = many(VariantKind::Arabic, "AL-ZAWAHIRI, Ayman Muhammad bin Rabi");
        assert!(
            vs.iter().any(|v| v.starts_with("ZAWAHIRI")
                || v.starts_with("EL-")
                || v.starts_with("AL ZAWAHIRI")),
            "{vs:?}"
        );
        assert!(
            vs.iter()
                .any(|v| v.contains("Mohammed") || v.contains("Mohamed") || v.contains("Muhammed")),
            "{vs:?}"
        );
        assert!(
            vs.iter().any(|v| v.contains(" ibn ")
                || v.contains(" ben ")
                || v.contains(" bn ")
                || !v.contains(" bin ")),
            "{vs:?}"
        );
        let vs = many(VariantKind::Arabic, "ABD AL-RAHMAN, Yusuf");
        assert!(
            vs.iter()
                .any(|v| v.contains("ABDUL") || v.contains("ABDEL")),
            "{vs:?}"
        );
        assert!(
            vs.iter().all(|v| v.ends_with(", Yusuf")
                || v.contains("Yousef")
                || v.contains("Youssef")
                || v.contains("Yusef")
                || v.contains("Yousif")),
            "{vs:?}"
        );
    }

    #[test]
    fn russian_and_cyrillic() {
        let vs = many(VariantKind::Russian, "ZAYTSEV, Aleksey Alekseyevich");
        assert!(
            vs.iter()
                .any(|v| v.contains("Alexei") || v.contains("Alexey") || v.contains("Aleksei")),
            "{vs:?}"
        );
        assert!(
            vs.iter().any(|v| v.contains("Alekseevich")
                || v.contains("ZAYTZEV")
                || v.contains("ZAYCEV")),
            "{vs:?}"
        );
        assert_eq!(
            to_cyrillic("ZAYTSEV, Aleksey Alekseyevich"),
            "ЗАЙЦЕВ, Алексей Алексеевич"
        );
        assert_eq!(to_cyrillic("KHRISTOFOROV, Vasiliy"), "ХРИСТОФОРОВ, Василий");
    }

    #[test]
    fn legal_form_variants() {
        let vs = many(
            VariantKind::LegalForm,
            "SHENYANG GEUMPUNGRI NETWORK TECHNOLOGY CO., LTD",
        );
        assert!(
            vs.contains(&"SHENYANG GEUMPUNGRI NETWORK TECHNOLOGY".to_string()),
            "{vs:?}"
        );
        assert!(vs.iter().any(|v| v.ends_with("COMPANY LIMITED")), "{vs:?}");
        let vs = many(VariantKind::LegalForm, "KOREA SOBAEKSU TRADING CORPORATION");
        assert!(
            vs.iter()
                .any(|v| v.ends_with("CORP") || v.ends_with("CORP.")),
            "{vs:?}"
        );
        let vs = many(VariantKind::LegalForm, "OOO ROMASHKA");
        assert!(vs.iter().any(|v| v == "ROMASHKA"), "{vs:?}");
        assert!(legal_form_match("LLC").is_none());
    }

    #[test]
    fn order_and_drop_middle() {
        let vs = many(VariantKind::Order, "SONG, Kum Hyok");
        assert!(vs.contains(&"Kum Hyok SONG".to_string()));
        assert!(vs.contains(&"SONG Kum Hyok".to_string()));
        let vs = many(VariantKind::DropMiddle, "ZAYTSEV, Aleksey Alekseyevich");
        assert!(vs.iter().all(|v| !v.contains("Alekseyevich")), "{vs:?}");
        assert!(generate(VariantKind::DropMiddle, "SONG, Kum", &mut Rng::new(1)).is_none());
    }

    #[test]
    fn typos_are_one_or_two_edits() {
        for v in many(VariantKind::Typo, "KOREA SOBAEKSU TRADING CORPORATION") {
            let d = strsim::osa_distance("KOREA SOBAEKSU TRADING CORPORATION", &v);
            assert!((1..=2).contains(&d), "{v}");
        }
    }

    #[test]
    fn korean_names_in_russian_cyrillic() {
        let mut rng = Rng::new(3);
        let mut seen = Vec::new();
        for _ in 0..20 {
            seen.push(korean_to_cyrillic("SONG, Kum Hyok", &mut rng).unwrap());
        }
        assert!(seen.iter().all(|v| v == "СОН, Кум Хёк"), "{seen:?}");
        // A given name written as one word: a word per syllable, or hyphenated.
        let joined: Vec<String> = (0..20)
            .filter_map(|_| korean_to_cyrillic("SONG, Kumhyok", &mut rng))
            .collect();
        assert!(joined.iter().any(|v| v == "СОН, Кум Хёк"), "{joined:?}");
        assert!(joined.iter().any(|v| v == "СОН, Кум-Хёк"), "{joined:?}");
        let v = korean_to_cyrillic("CHOE, Ryong Hae", &mut Rng::new(1)).unwrap();
        assert!(v.starts_with("ЧВЕ") || v.starts_with("ЧХВЕ"), "{v}");
        assert!(v.contains("Рён") && v.contains("Хэ"), "{v}");
        assert_eq!(korean_to_cyrillic("PETROV, Ivan", &mut rng), None);
    }

    #[test]
    fn initials_abbreviate_given_names_only() {
        let vs = many(VariantKind::Initials, "SONG, Kum Hyok");
        assert!(!vs.is_empty());
        for v in &vs {
            assert!(v.contains("SONG"), "{v}");
            assert!(!v.contains("Hyok"), "{v}");
            assert!(v.contains('K') && v.contains('H'), "{v}");
        }
        let vs = many(VariantKind::Initials, "PUTIN, Vladimir Vladimirovich");
        assert!(vs.iter().any(|v| v.contains("Vladimir V")), "{vs:?}");
        assert!(vs.iter().all(|v| !v.contains("Vladimirovich")), "{vs:?}");
        assert_eq!(
            generate(VariantKind::Initials, "KOREA SOBAEKSU", &mut Rng::new(1)),
            None
        );
    }

    #[test]
    fn lookalikes_and_invisibles() {
        for v in many(VariantKind::Homoglyph, "Kum Hyok Song") {
            assert!(
                v.chars().any(|c| ('\u{0370}'..='\u{04FF}').contains(&c)),
                "{v}"
            );
        }
        for v in many(VariantKind::ZeroWidth, "Kum Hyok Song") {
            assert!(v.chars().any(|c| tables::ZERO_WIDTH.contains(&c)), "{v}");
            let visible: String = v
                .chars()
                .filter(|c| !tables::ZERO_WIDTH.contains(c))
                .collect();
            assert_eq!(visible, "Kum Hyok Song");
        }
    }

    #[test]
    fn combined_variants_change_structure_and_spelling() {
        let ru = entry(
            EntryKind::Individual,
            &["ZAYTSEV, Aleksey Alekseyevich"],
            &["RUSSIA-EO14024"],
            &["RU"],
        );
        let text = "ZAYTSEV, Aleksey Alekseyevich";
        assert!(eligible(
            VariantKind::Combined,
            &ru,
            text,
            NameKind::Primary
        ));
        let mut rng = Rng::new(3);
        let vs: Vec<String> = (0..60)
            .filter_map(|_| combined(&ru, text, NameKind::Primary, &mut rng))
            .collect();
        assert!(vs.len() > 40, "{vs:?}");
        // A patronymic left out and the rest in Cyrillic, or the order changed and a typo made.
        assert!(
            vs.iter()
                .any(|v| v.contains('З') && !v.to_lowercase().contains("евич")),
            "{vs:?}"
        );
        assert!(vs.iter().all(|v| v.to_lowercase() != text.to_lowercase()));
        // Korean names take no dropped middle name; an organization takes no order change.
        let kp = entry(
            EntryKind::Individual,
            &["SONG, Kum Hyok"],
            &["DPRK3"],
            &["KP"],
        );
        let pairs = combined_pairs(&kp, "SONG, Kum Hyok", NameKind::Primary);
        assert!(pairs.contains(&(VariantKind::Order, VariantKind::Korean)));
        assert!(pairs.iter().all(|&(s, _)| s != VariantKind::DropMiddle));
        let org = entry(
            EntryKind::Entity,
            &["KOREA SOBAEKSU TRADING COMPANY"],
            &["DPRK3"],
            &["KP"],
        );
        let pairs = combined_pairs(&org, "KOREA SOBAEKSU TRADING COMPANY", NameKind::Primary);
        assert!(!pairs.is_empty());
        assert!(pairs.iter().all(|&(s, _)| s == VariantKind::LegalForm));
        // Weak aliases never carry a variant.
        assert!(!eligible(
            VariantKind::Combined,
            &ru,
            text,
            NameKind::WeakAka
        ));
    }

    #[test]
    fn every_kind_changes_the_name_except_exact() {
        let samples = [
            "SONG, Kum Hyok",
            "KOREA SOBAEKSU TRADING CORPORATION",
            "ZAYTSEV, Aleksey Alekseyevich",
            "AL-ZAWAHIRI, Ayman",
        ];
        for kind in VariantKind::ALL {
            for s in samples {
                let mut rng = Rng::new(5);
                for _ in 0..20 {
                    if let Some(v) = generate(kind, s, &mut rng) {
                        assert_eq!(kind == VariantKind::Exact, v == s, "{kind} {s} -> {v}");
                    }
                }
            }
        }
    }
}
