//! Name normalization: the one place where text becomes comparable tokens.
//!
//! CONTRACT (used by the index, the matcher, the bundle builder and the eval; keep signatures):
//! - [`normalize`] turns any string (hostile ones included) into [`Normalized`] tokens, in linear
//!   time, never panicking.
//! - [`phonetic_key`] and [`korean_key`] give equivalence keys for transliteration variants.
//! - [`NORMALIZER_VERSION`] changes whenever the output for some input changes; bundles store it
//!   because they carry pre-normalized tokens.

use serde::{Deserialize, Serialize};

/// Bumped whenever [`normalize`] output changes for some input. Stored in bundles.
pub const NORMALIZER_VERSION: u32 = 1;

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
    /// Cyrillic was transliterated to Latin.
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

/// Normalizes a name into tokens. Never panics; linear in the input length.
pub fn normalize(input: &str) -> Normalized {
    let mut tokens = Vec::new();
    for raw in input.split(|c: char| !c.is_alphanumeric()) {
        if raw.is_empty() {
            continue;
        }
        tokens.push(Token {
            text: raw.to_lowercase(),
            class: TokenClass::Name,
        });
    }
    Normalized {
        tokens,
        steps: Vec::new(),
    }
}

/// A key that is equal for common transliteration variants of the same name token (Arabic,
/// Persian and Russian names in Latin script): `muhammad`/`mohammed`, `husayn`/`hussein`,
/// `sergeyevich`/`sergeevich`. Input is a token produced by [`normalize`].
pub fn phonetic_key(token: &str) -> String {
    token.to_string()
}

/// If `token` reads as romanized Korean syllables (Revised Romanization, McCune–Reischauer
/// without diacritics, or common ad hoc spellings), returns a canonical key that is equal for
/// variants: `kum`/`keum`/`geum`, `hyok`/`hyeok`, `ri`/`lee`/`rhee`/`yi`, `pak`/`park`, and joined
/// forms (`kumhyok` = key(`kum`) + key(`hyok`)). Otherwise `None`.
pub fn korean_key(token: &str) -> Option<String> {
    let _ = token;
    None
}
