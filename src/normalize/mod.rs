//! Name normalization: the one place where text becomes comparable tokens.
//!
//! CONTRACT (used by the index, the matcher, the bundle builder and the eval; keep signatures):
//! - [`normalize`] turns any string (hostile ones included) into [`Normalized`] tokens, in linear
//!   time, never panicking.
//! - [`phonetic_key`] and [`korean_key`] give equivalence keys for transliteration variants.
//! - [`NORMALIZER_VERSION`] changes whenever the output for some input changes; bundles store it
//!   because they carry pre-normalized tokens.
//!
//! # Pipeline
//! For every character of the input, in one pass:
//! 1. Zero-width characters, joiners, BOM, soft hyphens, bidi controls, other format
//!    characters and Hangul fillers are removed **without** splitting the word
//!    (`So\u{200B}ng` → `song`; [`Step::Invisible`]). Control characters (NUL, BEL, ESC, DEL,
//!    C1) are removed and reported the same way but **do** split: they never render inside a
//!    word and in exported data stand where a separator was (`Song\0Kum` → `song` `kum`).
//!    Apostrophe-like characters (`'` `’` `‘` `` ` `` `ʻ` `ʼ` `ʾ` `ʿ` `´` ...) are removed
//!    without splitting: `O'Brien` → `obrien`, `Nu'man` → `numan`, `d'Estaing` → `destaing`.
//! 2. Hangul syllables are kept whole; everything else gets its Unicode compatibility
//!    decomposition (NFKD; [`Step::Compatibility`] when that differs from the canonical one:
//!    ligatures, full-width forms, presentation forms, compatibility jamo).
//! 3. Combining marks are dropped after Latin, Greek, Cyrillic, Hebrew, Arabic and Hangul letters
//!    ([`Step::Diacritics`], or [`Step::Arabic`] for harakat, shadda, sukun, hamza and madda),
//!    except where they make a distinct Cyrillic letter (`и` + breve = `й`). After letters of
//!    other scripts (Devanagari, Thai, ...) they are part of the spelling and are kept.
//! 4. Letters are lowercased. Latin letters that do not decompose are folded (`ø` → o, `đ` → d,
//!    `ł` → l, `ß` → ss, `æ` → ae, `œ` → oe, `þ` → th, `ı` → i, `ħ` → h, `ŋ` → ng, `ə` → a, ...;
//!    [`Step::Diacritics`]). Arabic-script letters are folded in their script: alef forms → ا,
//!    ى/ی → ي, ة → ه, ک → ك, tatweel removed, Arabic-Indic digits → ASCII ([`Step::Arabic`]). The
//!    article stays attached: `الحسن` is one token, as the UN writes original-script names.
//! 5. Any other character (punctuation, symbols, whitespace, hyphens) ends the word: `Kum-Hyok`
//!    → `kum` `hyok` (the matcher handles joined and split forms).
//!
//! Then per word:
//! - Cyrillic and Greek letters inside a word that also has Latin letters are read as their
//!   Latin look-alikes (`Рutin` → `putin`; [`Step::Confusables`]); letters without a look-alike
//!   are transliterated. A word written only in Cyrillic/Greek look-alike letters (`ВАНК`) is
//!   folded the same way when the input has a Latin word and no word with a Cyrillic/Greek letter
//!   that has no look-alike. Otherwise Cyrillic and Greek words are transliterated
//!   ([`Step::Cyrillic`], [`Step::Greek`]; rules in `translit.rs`: BGN/PCGN-like, Андреев →
//!   `andreyev`, Юрий → `yuriy`).
//! - Hangul is romanized with Revised Romanization, syllable by syllable ([`Step::Hangul`]). A
//!   spaceless full name is split into surname and given name: a 3-syllable word starting with a
//!   common surname (김정은 → `gim` `jeongeun`), a 3- or 4-syllable word starting with a
//!   two-syllable surname (남궁, 황보, 제갈, 선우, 독고, 사공), and a 2-syllable word starting with
//!   a common surname when it is the whole input (김철 → `gim` `cheol`).
//! - Tokens are classified ([`TokenClass`]) with context: see `classes.rs` for the rules.
//!
//! # Guarantees and limits
//! - Never panics, on any input; time and memory are linear in the input length.
//! - Idempotent: normalizing the tokens joined by spaces gives the same token texts.
//! - Every token is non-empty and contains no whitespace, punctuation or symbol.
//! - Transliteration is context-free (per word, with a few whole-input hints such as Ukrainian
//!   letters) and may differ from the official romanization of a particular person's name; the
//!   matcher bridges variants with [`phonetic_key`] and [`korean_key`].

mod classes;
mod fold;
mod korean;
mod phonetic;
mod translit;

use fold::{ArabicFold, Script};
pub(crate) use korean::letter_classes;
use translit::CyrillicFlavor;
use unicode_normalization::char::{decompose_canonical, decompose_compatible, is_combining_mark};

use serde::{Deserialize, Serialize};

/// Bumped whenever [`normalize`] output changes for some input. Stored in bundles.
pub const NORMALIZER_VERSION: u32 = 4;

/// What role a token plays in a name. Only [`TokenClass::Name`] tokens are name evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[repr(u8)]
pub enum TokenClass {
    /// Ordinary name token: evidence of identity.
    Name = 0,
    /// Part of a legal form: `llc`, `ltd`, `company`, `limited`, `jsc`, `ooo`, `gmbh`, ...
    LegalForm = 1,
    /// Honorific or title: `mr`, `dr`, `sheikh`, `haji`, ...
    Honorific = 2,
    /// Name particle: `al`, `el`, `bin`, `ibn`, `bint`, `de`, `van`, `von`, ...
    Particle = 3,
    /// Function word: `and`, `of`, `the`, `for`, ...
    Stop = 4,
}

impl TokenClass {
    /// Decodes the `repr(u8)` value; unknown values are `None`.
    pub fn from_u8(v: u8) -> Option<TokenClass> {
        Some(match v {
            0 => TokenClass::Name,
            1 => TokenClass::LegalForm,
            2 => TokenClass::Honorific,
            3 => TokenClass::Particle,
            4 => TokenClass::Stop,
            _ => return None,
        })
    }

    /// Label used in explanations.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenClass::Name => "name",
            TokenClass::LegalForm => "legal_form",
            TokenClass::Honorific => "honorific",
            TokenClass::Particle => "particle",
            TokenClass::Stop => "stop",
        }
    }
}

/// One normalized token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Lower-case, folded text: ASCII for Latin, Cyrillic, Greek and Hangul input; other scripts
    /// (Arabic, Han, ...) stay in their script, folded.
    pub text: String,
    /// Its role.
    pub class: TokenClass,
    /// The other Latin reading of a word written in Cyrillic, where the romanizations of names
    /// disagree: `х` as `h` (Хасан: `khasan` / `hasan`), `ё` as `yo` (Хёк: `khek` / `hyok`, as
    /// Korean names are romanized) and `дж` as `j` (Джу: `dzhu` / `ju`). `None` for other words.
    pub alt: Option<String>,
}

/// A normalization step that changed the input. Reported in match explanations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Step {
    /// Unicode compatibility decomposition changed something (ligatures, full-width forms, ...).
    Compatibility,
    /// Diacritics were removed.
    Diacritics,
    /// Zero-width characters, soft hyphens, bidi or other control characters were removed.
    Invisible,
    /// Look-alike (confusable) Cyrillic or Greek letters inside Latin words were folded to Latin.
    Confusables,
    /// Cyrillic was transliterated to Latin (a Korean name written in the Russian system, such
    /// as Ким Чон Ын, back to its romanization).
    Cyrillic,
    /// Greek was transliterated to Latin.
    Greek,
    /// Hangul was decomposed and romanized.
    Hangul,
    /// Arabic-script letters were folded (hamza/alef forms, diacritics, tatweel).
    Arabic,
}

impl Step {
    /// Label used in explanations.
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Compatibility => "compatibility_decomposition",
            Step::Diacritics => "diacritics_folded",
            Step::Invisible => "invisible_removed",
            Step::Confusables => "lookalikes_folded",
            Step::Cyrillic => "cyrillic_transliterated",
            Step::Greek => "greek_transliterated",
            Step::Hangul => "hangul_romanized",
            Step::Arabic => "arabic_folded",
        }
    }
}

/// The result of [`normalize`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Normalized {
    /// Tokens in input order.
    pub tokens: Vec<Token>,
    /// Steps that changed something, sorted, without duplicates.
    pub steps: Vec<Step>,
}

/// All steps, in their sort order.
const ALL_STEPS: [Step; 8] = [
    Step::Compatibility,
    Step::Diacritics,
    Step::Invisible,
    Step::Confusables,
    Step::Cyrillic,
    Step::Greek,
    Step::Hangul,
    Step::Arabic,
];

/// One letter of a word under construction.
#[derive(Clone, Copy, Debug)]
struct Unit {
    /// Lowercased, decomposed character (or a composed Hangul syllable).
    c: char,
    /// Whether the source letter was upper case (Greek look-alikes depend on it).
    upper: bool,
    script: Script,
}

/// A small fixed buffer for one character's decomposition (the longest NFKD is 18 characters).
struct DecompBuf {
    chars: [char; 24],
    len: usize,
}

impl DecompBuf {
    fn new() -> Self {
        DecompBuf {
            chars: ['\0'; 24],
            len: 0,
        }
    }
    fn push(&mut self, c: char) {
        if let Some(slot) = self.chars.get_mut(self.len) {
            *slot = c;
            self.len += 1;
        }
    }
    fn as_slice(&self) -> &[char] {
        &self.chars[..self.len]
    }
}

/// First pass: characters → words of [`Unit`]s.
struct Scanner {
    units: Vec<Unit>,
    /// Word ranges into `units`.
    words: Vec<(usize, usize)>,
    word_start: usize,
    steps: u16,
    flavor: CyrillicFlavor,
}

impl Scanner {
    fn new(capacity: usize) -> Self {
        Scanner {
            units: Vec::with_capacity(capacity),
            words: Vec::new(),
            word_start: 0,
            steps: 0,
            flavor: CyrillicFlavor::default(),
        }
    }

    fn step(&mut self, s: Step) {
        self.steps |= 1 << (s as u16);
    }

    fn boundary(&mut self) {
        if self.units.len() > self.word_start {
            self.words.push((self.word_start, self.units.len()));
        }
        self.word_start = self.units.len();
    }

    fn last_in_word(&mut self) -> Option<&mut Unit> {
        if self.units.len() > self.word_start {
            self.units.last_mut()
        } else {
            None
        }
    }

    fn feed(&mut self, ch: char) {
        if ch.is_ascii() {
            if ch.is_ascii_alphabetic() {
                let script = Script::Latin;
                self.units.push(Unit {
                    c: ch.to_ascii_lowercase(),
                    upper: ch.is_ascii_uppercase(),
                    script,
                });
            } else if ch.is_ascii_digit() {
                self.units.push(Unit {
                    c: ch,
                    upper: false,
                    script: Script::Digit,
                });
            } else if fold::is_apostrophe(ch) {
            } else {
                if fold::is_control_separator(ch) {
                    self.step(Step::Invisible);
                }
                self.boundary();
            }
            return;
        }
        if fold::is_control_separator(ch) {
            self.step(Step::Invisible);
            self.boundary();
            return;
        }
        if fold::is_invisible(ch) {
            self.step(Step::Invisible);
            return;
        }
        if fold::is_apostrophe(ch) {
            return;
        }
        if translit::is_syllable(ch) {
            self.push_letter(ch, false);
            return;
        }
        if matches!(ch, 'ϲ' | 'Ϲ') {
            // The lunate sigma is drawn as a `c`; its compatibility decomposition (`ς`, `Σ`)
            // would hide that, so it stays itself: a look-alike inside a Latin word, a sigma
            // in Greek text.
            self.push_letter('ϲ', ch == 'Ϲ');
            return;
        }
        let mut compat = DecompBuf::new();
        decompose_compatible(ch, |d| compat.push(d));
        if compat.len > 1 || compat.as_slice() != [ch] {
            let mut canon = DecompBuf::new();
            decompose_canonical(ch, |d| canon.push(d));
            if canon.as_slice() != compat.as_slice() {
                self.step(Step::Compatibility);
            }
        }
        for &d in compat.as_slice() {
            self.feed_decomposed(d);
        }
    }

    fn feed_decomposed(&mut self, d: char) {
        if is_combining_mark(d) {
            self.feed_mark(d);
        } else if fold::is_apostrophe(d) {
        } else if fold::is_invisible(d) {
            self.step(Step::Invisible);
        } else if d.is_alphanumeric() {
            let upper = d.is_uppercase();
            for l in d.to_lowercase() {
                self.push_letter(l, upper);
            }
        } else {
            self.boundary();
        }
    }

    fn feed_mark(&mut self, m: char) {
        if let Some(last) = self.last_in_word() {
            match last.script {
                Script::Cyrillic => {
                    if let Some(c) = translit::compose_cyrillic(last.c, m) {
                        last.c = c;
                        return;
                    }
                }
                s if !s.drops_marks() => {
                    self.units.push(Unit {
                        c: m,
                        upper: false,
                        script: Script::Other,
                    });
                    return;
                }
                _ => {}
            }
        }
        self.step(if fold::is_arabic_mark(m) {
            Step::Arabic
        } else {
            Step::Diacritics
        });
    }

    fn push_letter(&mut self, l: char, upper: bool) {
        if is_combining_mark(l) {
            self.feed_mark(l);
            return;
        }
        let script = fold::script_of(l);
        match script {
            Script::Latin => {
                if let Some(s) = fold::latin_special(l) {
                    self.step(Step::Diacritics);
                    for c in s.chars() {
                        self.units.push(Unit {
                            c,
                            upper,
                            script: Script::Latin,
                        });
                    }
                    return;
                }
            }
            Script::Arabic => match fold::arabic_fold(l) {
                ArabicFold::Keep => {}
                ArabicFold::Drop => {
                    self.step(Step::Arabic);
                    return;
                }
                ArabicFold::To(c) => {
                    self.step(Step::Arabic);
                    let script = if c.is_ascii_digit() {
                        Script::Digit
                    } else {
                        Script::Arabic
                    };
                    self.units.push(Unit {
                        c,
                        upper: false,
                        script,
                    });
                    return;
                }
            },
            Script::Hangul => {
                if let Some(last) = self.last_in_word() {
                    if last.script == Script::Hangul {
                        if let Some(c) = translit::compose_jamo(last.c, l) {
                            last.c = c;
                            return;
                        }
                    }
                }
            }
            Script::Cyrillic => self.flavor.observe(l),
            _ => {}
        }
        self.units.push(Unit {
            c: l,
            upper,
            script,
        });
    }
}

/// What a word contains.
#[derive(Clone, Copy, Default)]
struct WordInfo {
    latin: bool,
    /// Has Cyrillic or Greek letters.
    cyr_greek: bool,
    /// Every Cyrillic/Greek letter has a Latin look-alike.
    all_lookalike: bool,
}

fn word_info(units: &[Unit]) -> WordInfo {
    let mut info = WordInfo {
        all_lookalike: true,
        ..WordInfo::default()
    };
    for u in units {
        match u.script {
            Script::Latin => info.latin = true,
            Script::Cyrillic | Script::Greek => {
                info.cyr_greek = true;
                if fold::confusable(u.c, u.upper).is_none() {
                    info.all_lookalike = false;
                }
            }
            _ => {}
        }
    }
    info
}

/// Normalizes a name into tokens. Never panics; linear in the input length. See the module
/// documentation for the pipeline.
pub fn normalize(input: &str) -> Normalized {
    let mut sc = Scanner::new(input.len());
    for ch in input.chars() {
        sc.feed(ch);
    }
    sc.boundary();

    let infos: Vec<WordInfo> = sc
        .words
        .iter()
        .map(|&(a, b)| word_info(&sc.units[a..b]))
        .collect();
    let any_latin_word = infos.iter().any(|i| i.latin);
    let any_foreign_word = infos
        .iter()
        .any(|i| !i.latin && i.cyr_greek && !i.all_lookalike);
    let alone = sc.words.len() == 1;
    // A name of two or more words that each read as one Korean syllable in the Russian system
    // (Ким Чон Ын, Чхве Рён Хэ) is read so; Russian names rarely are (Пичугин, Юры).
    let korean_readings: Option<Vec<(String, bool)>> = sc
        .words
        .iter()
        .map(|&(a, b)| {
            let units = &sc.units[a..b];
            if !units.iter().all(|u| u.script == Script::Cyrillic) {
                return None;
            }
            let word: Vec<char> = units.iter().map(|u| u.c).collect();
            translit::korean_from_cyrillic(&word)
                .filter(|(r, _)| korean::korean_syllables(r).is_some_and(|(_, n)| n == 1))
        })
        .collect::<Option<Vec<_>>>()
        .filter(|r| r.len() >= 2);

    let mut tokens: Vec<Token> = Vec::with_capacity(sc.words.len() + 1);
    let mut from_hangul: Vec<bool> = Vec::with_capacity(sc.words.len() + 1);
    let mut greek_run: Vec<char> = Vec::new();
    let mut syllables: Vec<char> = Vec::new();
    let mut steps = sc.steps;
    let mut mark = |s: Step| steps |= 1 << (s as u16);

    for (w, (&(a, b), info)) in sc.words.iter().zip(&infos).enumerate() {
        let units = &sc.units[a..b];
        if let Some((reading, final_n)) = korean_readings.as_ref().and_then(|r| r.get(w)) {
            mark(Step::Cyrillic);
            tokens.push(Token {
                // The other reading of a final `н`: ㅇ (`чон` / `jong`) rather than ㄴ.
                alt: final_n.then(|| format!("{reading}g")),
                text: reading.clone(),
                class: TokenClass::Name,
            });
            from_hangul.push(false);
            continue;
        }
        let lookalike = info.cyr_greek
            && (info.latin || (info.all_lookalike && any_latin_word && !any_foreign_word));

        // Spaceless Hangul full names.
        if (2..=4).contains(&units.len()) && units.iter().all(|u| translit::is_syllable(u.c)) {
            syllables.clear();
            syllables.extend(units.iter().map(|u| u.c));
            mark(Step::Hangul);
            let split = translit::surname_split(&syllables, alone).unwrap_or(syllables.len());
            for part in [&syllables[..split], &syllables[split..]] {
                if part.is_empty() {
                    continue;
                }
                let mut t = String::with_capacity(part.len() * 4);
                for &c in part {
                    translit::hangul(c, &mut t);
                }
                tokens.push(Token {
                    text: t,
                    class: TokenClass::Name,
                    alt: None,
                });
                from_hangul.push(true);
            }
            continue;
        }

        let mut text = String::with_capacity(units.len() + 2);
        // Where the other reading of a Cyrillic word differs: (byte range in `text`, reading).
        let mut alt_edits: Vec<(std::ops::Range<usize>, &'static str)> = Vec::new();
        let mut hangul = false;
        let mut prev_cyr: Option<char> = None;
        let mut i = 0;
        while i < units.len() {
            let u = units[i];
            match u.script {
                Script::Cyrillic | Script::Greek
                    if lookalike && fold::confusable(u.c, u.upper).is_some() =>
                {
                    if let Some(l) = fold::confusable(u.c, u.upper) {
                        text.push(l);
                    }
                    mark(Step::Confusables);
                    prev_cyr = Some(u.c);
                }
                Script::Cyrillic => {
                    let start = text.len();
                    if translit::cyrillic(u.c, prev_cyr, sc.flavor, &mut text) {
                        mark(Step::Cyrillic);
                        if u.c == 'ж' && prev_cyr == Some('д') && start > 0 {
                            // `дж` is the `j` of Latin spellings (Джон, Махмудджон).
                            alt_edits.push((start - 1..text.len(), "j"));
                        } else if let Some(other) = translit::cyrillic_other_reading(u.c) {
                            alt_edits.push((start..text.len(), other));
                        }
                    } else {
                        text.push(u.c);
                    }
                    prev_cyr = Some(u.c);
                }
                Script::Greek => {
                    if lookalike {
                        translit::greek_letter(u.c, &mut text);
                    } else {
                        greek_run.clear();
                        while i < units.len() && units[i].script == Script::Greek {
                            greek_run.push(units[i].c);
                            i += 1;
                        }
                        translit::greek_word(&greek_run, &mut text);
                        mark(Step::Greek);
                        prev_cyr = Some('b');
                        continue;
                    }
                    mark(Step::Greek);
                    prev_cyr = Some('b');
                }
                Script::Hangul => {
                    translit::hangul(u.c, &mut text);
                    hangul = true;
                    mark(Step::Hangul);
                    prev_cyr = Some('b');
                }
                _ => {
                    text.push(u.c);
                    // Any non-Cyrillic letter counts as a consonant for the `е` → `ye` rule.
                    prev_cyr = Some('b');
                }
            }
            i += 1;
        }
        if zero_is_o(&text) {
            // Same length: the byte ranges in `alt_edits` stay valid.
            text = text.replace('0', "o");
            mark(Step::Confusables);
        }
        if !text.is_empty() {
            let alt = (!alt_edits.is_empty()).then(|| {
                let mut alt = String::with_capacity(text.len() + alt_edits.len());
                let mut at = 0;
                for (range, other) in &alt_edits {
                    alt.push_str(&text[at..range.start]);
                    alt.push_str(other);
                    at = range.end;
                }
                alt.push_str(&text[at..]);
                alt
            });
            tokens.push(Token {
                text,
                class: TokenClass::Name,
                alt,
            });
            from_hangul.push(hangul);
        }
    }

    classes::classify(&mut tokens, &from_hangul);
    let steps = ALL_STEPS
        .iter()
        .copied()
        .filter(|&s| steps & (1 << (s as u16)) != 0)
        .collect();
    Normalized { tokens, steps }
}

/// Whether the zeros of a token are `o`s in disguise: it is Latin letters and zeros, at least
/// two letters (`s0ng`, `hy0k`). Other digits make it a code (`b2b`, `4k0`), left as written.
fn zero_is_o(text: &str) -> bool {
    let b = text.as_bytes();
    b.contains(&b'0')
        && b.iter().all(|&c| c.is_ascii_lowercase() || c == b'0')
        && b.iter().filter(|c| c.is_ascii_lowercase()).nth(1).is_some()
}

/// A key that is equal for common transliteration variants of the same name token (Arabic,
/// Persian and Russian names in Latin script): `muhammad`/`mohammed`, `husayn`/`hussein`,
/// `sergeyevich`/`sergeevich`. Input is a token produced by [`normalize`].
///
/// Rules and examples: see the table in `phonetic.rs`. Tokens that are not all ASCII letters are
/// their own key.
pub fn phonetic_key(token: &str) -> String {
    phonetic::phonetic_key(token)
}

/// A token's other reading of an ambiguous `j` or `y` (`sergej` / `sergey`, `tjurin` /
/// `tyurin`), when it has one (see `phonetic.rs`).
pub(crate) fn j_y_variant(token: &str) -> Option<String> {
    phonetic::j_y_variant(token)
}

/// Appends [`phonetic_key`]`(token)` to `out`, without allocating once `out` has room.
pub(crate) fn phonetic_key_into(token: &str, out: &mut String) {
    phonetic::phonetic_key_into(token, out)
}

/// Appends [`phonetic_key`]`(token)` to `out` as UTF-8 bytes (a bundle's vocabulary, checked as
/// UTF-8 once for all).
pub(crate) fn phonetic_key_bytes(token: &str, out: &mut Vec<u8>) {
    phonetic::phonetic_key_bytes(token, out)
}

/// If `token` reads as romanized Korean syllables (Revised Romanization, McCune–Reischauer
/// without diacritics, or common ad hoc spellings), returns a canonical key that is equal for
/// variants: `kum`/`keum`/`geum`, `hyok`/`hyeok`, `ri`/`lee`/`rhee`/`yi`, `pak`/`park`, and joined
/// forms (`kumhyok` = key(`kum`) + key(`hyok`)). Otherwise `None`.
/// `None` for tokens with characters other than ASCII letters, single consonants, tokens over
/// 30 letters and tokens that need more than five syllables. Single vowels (`i`, `o`, `u`) are
/// accepted: they are Korean surnames (이, 오, 우). The equivalence table is in `korean.rs`.
pub fn korean_key(token: &str) -> Option<String> {
    korean::korean_key(token)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts(s: &str) -> Vec<String> {
        normalize(s).tokens.into_iter().map(|t| t.text).collect()
    }

    fn joined(s: &str) -> String {
        texts(s).join(" ")
    }

    fn steps(s: &str) -> Vec<Step> {
        normalize(s).steps
    }

    #[test]
    fn latin_folding() {
        assert_eq!(joined("SONG Kum Hyok"), "song kum hyok");
        assert_eq!(joined("Kum-Hyok"), "kum hyok");
        assert_eq!(joined("José María Aznar-López"), "jose maria aznar lopez");
        assert_eq!(steps("José"), [Step::Diacritics]);
        assert_eq!(
            joined("Øresund Łódź Straße Æther Œuvre Þór Đorđević ıstanbul Ħal"),
            "oresund lodz strasse aether oeuvre thor dordevic istanbul hal"
        );
        assert_eq!(joined("Əliyev İlham"), "aliyev ilham");
        assert_eq!(joined("ＳＯＮＧ　ｋｕｍ"), "song kum");
        assert!(steps("ＳＯＮＧ").contains(&Step::Compatibility));
        assert_eq!(joined("ﬁnance"), "finance");
        assert!(texts("").is_empty());
        assert!(texts(" -- ,, ").is_empty());
    }

    #[test]
    fn apostrophes_and_invisibles_do_not_split() {
        assert_eq!(
            joined("Nu'man O’Brien Ma`ruf Saʻid ʿAbd"),
            "numan obrien maruf said abd"
        );
        assert_eq!(
            joined("So\u{200B}ng Ku\u{AD}m Hy\u{200D}ok"),
            "song kum hyok"
        );
        assert_eq!(steps("So\u{200B}ng"), [Step::Invisible]);
        assert_eq!(
            joined("\u{202E}kim\u{202C} \u{FEFF}jong\u{2060}un"),
            "kim jongun"
        );
        // Control characters are removed too, but they split (they stand for separators).
        assert_eq!(joined("Song\0Kum\u{7}Hyok"), "song kum hyok");
        assert_eq!(steps("a\0b"), [Step::Invisible]);
        assert_eq!(joined("ali\tbaba\nx"), "ali baba x");
    }

    #[test]
    fn confusables() {
        // Cyrillic р, у, о inside Latin words.
        assert_eq!(joined("Vlаdimir Рutin"), "vladimir putin");
        assert_eq!(steps("Рutin"), [Step::Confusables]);
        // Pure look-alike Cyrillic word in a Latin query.
        assert_eq!(joined("ВАНК of America"), "bahk of america");
        // Greek capitals look-alike.
        assert_eq!(joined("ΚΙΜ Jong"), "kim jong");
        // Pure Cyrillic input is transliterated.
        assert_eq!(joined("Сергей Андреев"), "sergey andreyev");
        assert_eq!(steps("Сергей"), [Step::Cyrillic]);
        // A non-look-alike Cyrillic word elsewhere means the input is Cyrillic text.
        assert_eq!(joined("ВАНК Москва"), "vank moskva");
        // Mixed word with a letter that has no look-alike: that letter is transliterated.
        assert_eq!(joined("Kaжan"), "kazhan");
        // A zero among a word's letters is an o (regression: `S0ng Kum Hy0k` was clear).
        assert_eq!(joined("S0ng Kum Hy0k"), "song kum hyok");
        assert_eq!(steps("Hy0k"), [Step::Confusables]);
        assert_eq!(joined("B2B 4K0 A0 1000"), "b2b 4k0 a0 1000");
        // A zero that only turns Latin on the way (an Arabic-Indic zero) too: still idempotent.
        assert_eq!(joined("۰aё"), "oae");
        // Greek lunate sigma is drawn as a c (regression: it was read as an s, `shol`).
        assert_eq!(joined("KIM, Тong-ϲh'o'l"), "kim tong chol");
        assert_eq!(joined("ϹHOL"), "chol");
        // In Greek text it is still a sigma.
        assert_eq!(joined("Παπαδόπουλοϲ"), "papadopoulos");
    }

    #[test]
    fn cyrillic_and_greek() {
        assert_eq!(
            joined("Юрий Сергеевич Андреев"),
            "yuriy sergeyevich andreyev"
        );
        assert_eq!(
            joined("Хрущёв Щукин Цой Объект"),
            "khrushchev shchukin tsoy obyekt"
        );
        // Decomposed й (и + combining breve) is recomposed.
        assert_eq!(joined("Юри\u{438}\u{306}"), "yuriy");
        assert_eq!(joined("Микола Іванович"), "mykola ivanovych");
        assert_eq!(joined("Ђоковић Љубљана"), "djokovic ljubljana");
        assert_eq!(joined("Παπαδόπουλος"), "papadopoulos");
        assert_eq!(steps("Παπαδόπουλος"), [Step::Diacritics, Step::Greek]);
    }

    #[test]
    fn cyrillic_words_carry_their_other_reading() {
        let alts = |s: &str| -> Vec<(String, Option<String>)> {
            normalize(s)
                .tokens
                .into_iter()
                .map(|t| (t.text, t.alt))
                .collect()
        };
        let pair = |a: &str, b: Option<&str>| (a.to_string(), b.map(str::to_string));
        assert_eq!(
            alts("Ким Хёк Ён Хасан Сергей Джу Махмудджон Ходжджат"),
            [
                pair("kim", None),
                pair("khek", Some("hyok")),
                pair("yen", Some("yon")),
                pair("khasan", Some("hasan")),
                pair("sergey", None),
                pair("dzhu", Some("ju")),
                pair("makhmuddzhon", Some("mahmudjon")),
                pair("khodzhdzhat", Some("hojjat")),
            ]
        );
        // A look-alike х inside a Latin word is folded to x, with no other reading.
        assert_eq!(alts("Maхim"), [pair("maxim", None)]);
        assert_eq!(alts("Song Kum Hyok")[2], pair("hyok", None));
    }

    #[test]
    fn hangul() {
        assert_eq!(joined("김정은"), "gim jeongeun");
        assert_eq!(joined("송금혁"), "song geumhyeok");
        assert_eq!(joined("남궁민"), "namgung min");
        assert_eq!(joined("김철"), "gim cheol");
        assert_eq!(joined("김철 조선"), "gimcheol joseon");
        assert_eq!(joined("조선소백수무역회사"), "joseonsobaeksumuyeokhoesa");
        assert_eq!(joined("김 정은"), "gim jeongeun");
        assert_eq!(steps("김정은"), [Step::Hangul]);
        // Conjoining jamo compose; compatibility jamo go through NFKD.
        assert_eq!(joined("\u{1100}\u{1175}\u{11B7}"), "gim");
        assert_eq!(joined("ㄱㅣㅁ"), "gim");
        assert_eq!(joined("ㅇ"), "");
        let t = normalize("이정은");
        assert_eq!(t.tokens[0].text, "i");
        assert_eq!(t.tokens[0].class, TokenClass::Name);
    }

    #[test]
    fn arabic() {
        // Harakat, alef with hamza, ta marbuta, alef maqsura, tatweel, Persian kaf and yeh.
        assert_eq!(joined("أُسَامَة بن لادن"), "اسامه بن لادن");
        assert_eq!(joined("مـحـمـد"), "محمد");
        assert_eq!(joined("موسى"), "موسي");
        assert_eq!(joined("کریمی"), "كريمي");
        assert_eq!(joined("إبراهيم آل"), "ابراهيم ال");
        assert_eq!(joined("رقم ١٢٣ ۴۵"), "رقم 123 45");
        assert_eq!(joined("الحسن"), "الحسن");
        assert_eq!(steps("أُسامة"), [Step::Arabic]);
        // Presentation forms.
        assert_eq!(joined("\u{FEE3}\u{FEA4}\u{FEE4}\u{FEAA}"), "محمد");
    }

    #[test]
    fn other_scripts_keep_marks() {
        assert_eq!(joined("नरेन्द्र मोदी"), "नरेन्द्र मोदी");
        assert_eq!(joined("習近平"), "習近平");
        assert_eq!(joined("สมชาย"), "สมชาย");
    }

    #[test]
    fn classes() {
        let n = normalize("KOREA SOBAEKSU TRADING CORPORATION");
        let c: Vec<TokenClass> = n.tokens.iter().map(|t| t.class).collect();
        assert_eq!(
            c,
            [
                TokenClass::Name,
                TokenClass::Name,
                TokenClass::Name,
                TokenClass::LegalForm
            ]
        );
        let n = normalize("SHENYANG GEUMPUNGRI NETWORK TECHNOLOGY CO., LTD");
        assert_eq!(
            n.tokens
                .iter()
                .filter(|t| t.class == TokenClass::LegalForm)
                .count(),
            2
        );
        let n = normalize("ACME S.A.");
        assert_eq!(n.tokens[1].class, TokenClass::LegalForm);
        assert_eq!(n.tokens[2].class, TokenClass::LegalForm);
        // Written first: three letters or more; two could be a person's initials.
        let classes =
            |s: &str| -> Vec<TokenClass> { normalize(s).tokens.iter().map(|t| t.class).collect() };
        let (l, nm) = (TokenClass::LegalForm, TokenClass::Name);
        assert_eq!(classes("L.L.C. Safedata"), [l, l, l, nm]);
        assert_eq!(classes("S.A.S. Dupont Freres"), [l, l, l, nm, nm]);
        assert_eq!(classes("S. A. Khan"), [nm, nm, nm]);
        assert_eq!(classes("A. B. C. Smith"), [nm, nm, nm, nm]);
        let n = normalize("Sheikh Abd al-Rahman");
        let c: Vec<TokenClass> = n.tokens.iter().map(|t| t.class).collect();
        assert_eq!(
            c,
            [
                TokenClass::Honorific,
                TokenClass::Name,
                TokenClass::Particle,
                TokenClass::Name
            ]
        );
    }

    #[test]
    fn hostile_inputs() {
        let big = "Ж".repeat(100_000);
        assert_eq!(texts(&big)[0].len(), 200_000);
        let marks = format!("a{}", "\u{301}".repeat(100_000));
        assert_eq!(joined(&marks), "a");
        let marks_other = format!("क{}", "\u{94D}".repeat(1000));
        assert_eq!(texts(&marks_other).len(), 1);
        assert!(texts(&"\u{301}".repeat(1000)).is_empty());
        assert_eq!(joined("\u{FFFD}kim\u{FFFD}"), "kim");
        assert_eq!(joined("kim 😀 jong"), "kim jong");
        let many = "i ".repeat(50_000);
        assert_eq!(normalize(&many).tokens.len(), 50_000);
    }

    fn check_token(t: &Token) {
        assert!(!t.text.is_empty());
        assert!(
            t.text
                .chars()
                .all(|c| c.is_alphanumeric() || is_combining_mark(c)),
            "bad token {:?}",
            t.text
        );
    }

    fn check_idempotent(s: &str) {
        let first = normalize(s);
        for t in &first.tokens {
            check_token(t);
        }
        let once = first
            .tokens
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let twice = joined(&once);
        assert_eq!(once, twice, "not idempotent for {:?}", s);
    }

    #[test]
    fn every_scalar_value() {
        for u in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(u) else { continue };
            let mut buf = [0u8; 4];
            let s: &str = c.encode_utf8(&mut buf);
            check_idempotent(s);
            // In a word, next to Latin letters.
            let w = format!("a{c}b");
            check_idempotent(&w);
        }
    }

    /// Reads the quoted field `col` (0-based) of each line of an OFAC legacy CSV (Latin-1).
    fn ofac_column(path: &std::path::Path, col: usize) -> Vec<String> {
        let Ok(bytes) = std::fs::read(path) else {
            return Vec::new();
        };
        let text: String = bytes.iter().map(|&b| char::from(b)).collect();
        let mut out = Vec::new();
        for line in text.lines() {
            let mut field = 0;
            let mut cur = String::new();
            let mut quoted = false;
            let mut chars = line.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '"' if quoted && chars.peek() == Some(&'"') => {
                        cur.push('"');
                        chars.next();
                    }
                    '"' => quoted = !quoted,
                    ',' if !quoted => {
                        if field == col {
                            break;
                        }
                        field += 1;
                        cur.clear();
                    }
                    c => cur.push(c),
                }
            }
            if field == col && !cur.trim().is_empty() && cur.trim() != "-0-" {
                out.push(cur);
            }
        }
        out
    }

    /// Figures over the real lists (run with
    /// `cargo test --release --lib normalize::tests::real_names -- --ignored --nocapture`):
    /// time per call and tokens per class. Also checks every real name for the invariants.
    #[test]
    #[ignore = "needs the real lists in ../shared/lists; prints timing figures"]
    fn real_names() {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/lists/ofac-sdn");
        let mut names = ofac_column(&root.join("sdn.csv"), 1);
        names.extend(ofac_column(&root.join("alt.csv"), 3));
        assert!(
            names.len() > 30_000,
            "expected the real SDN and ALT files under {}",
            root.display()
        );
        // Original-script names (Arabic, Cyrillic, ...) from the UN list.
        let un = root.join("../un/consolidated.xml");
        let xml = std::fs::read_to_string(&un).unwrap_or_default();
        let open = "<NAME_ORIGINAL_SCRIPT>";
        let mut original = 0;
        for part in xml.split(open).skip(1) {
            if let Some(end) = part.find('<') {
                names.push(part[..end].to_string());
                original += 1;
            }
        }
        println!("UN original-script names: {original}");
        for n in &names {
            check_idempotent(n);
        }
        let mut per_class = [0usize; 5];
        let mut per_step = [0usize; 8];
        let mut tokens = 0usize;
        for n in &names {
            let r = normalize(n);
            tokens += r.tokens.len();
            for t in &r.tokens {
                per_class[t.class as usize] += 1;
            }
            for s in &r.steps {
                per_step[ALL_STEPS.iter().position(|x| x == s).unwrap_or(0)] += 1;
            }
        }
        let sample: Vec<&String> = names
            .iter()
            .step_by(names.len() / 1000)
            .take(1000)
            .collect();
        let rounds = 50;
        let start = std::time::Instant::now();
        let mut sink = 0usize;
        for _ in 0..rounds {
            for n in &sample {
                sink += normalize(n).tokens.len();
            }
        }
        let per_call = start.elapsed().as_nanos() as f64 / (rounds * sample.len()) as f64;
        let start = std::time::Instant::now();
        let mut keys = 0usize;
        for n in &sample {
            for t in normalize(n).tokens {
                keys += phonetic_key(&t.text).len() + korean_key(&t.text).map_or(0, |k| k.len());
            }
        }
        let keys_time = start.elapsed().as_nanos() as f64 / sample.len() as f64;
        println!(
            "names: {}, tokens: {tokens} ({:.2}/name)",
            names.len(),
            tokens as f64 / names.len() as f64
        );
        println!(
            "normalize: {per_call:.0} ns/call over {} sampled names (sink {sink})",
            sample.len()
        );
        println!("normalize+phonetic_key+korean_key per name: {keys_time:.0} ns (sink {keys})");
        for c in 0..5u8 {
            if let Some(tc) = TokenClass::from_u8(c) {
                println!("class {:>10}: {}", tc.as_str(), per_class[c as usize]);
            }
        }
        for (s, n) in ALL_STEPS.iter().zip(per_step) {
            println!("step {:>28}: {n} names", s.as_str());
        }
    }

    proptest! {
        #[test]
        fn idempotent_on_arbitrary_strings(s in any::<String>()) {
            check_idempotent(&s);
        }

        #[test]
        fn idempotent_on_name_like_strings(s in "[a-zA-Z а-яА-ЯёЁ가-힣ㄱ-ㅣ\u{0600}-\u{06FF}αβγΑΒΓ'’\u{200B}\u{301}\\-\\.]{0,40}") {
            check_idempotent(&s);
            let steps = normalize(&s).steps;
            let mut sorted = steps.clone();
            sorted.sort();
            sorted.dedup();
            prop_assert_eq!(steps, sorted);
        }
    }
}
