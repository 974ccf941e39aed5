//! Character-level tables: scripts, invisible characters, apostrophes, Latin letters that do not
//! decompose, look-alike (confusable) letters and Arabic-script folding.
//!
//! Everything here is a `match` over code points or small ranges, so the tables compile to a
//! few hundred bytes of code and no data tables.

/// The script a (lowercased, decomposed) character is handled as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Script {
    /// Latin letters (ASCII and the Latin blocks).
    Latin,
    /// ASCII digits.
    Digit,
    /// Cyrillic letters.
    Cyrillic,
    /// Greek letters.
    Greek,
    /// Hangul syllables and jamo.
    Hangul,
    /// Arabic-script letters (Arabic, Persian, Urdu, ...).
    Arabic,
    /// Hebrew letters: kept, but their points (niqqud) are dropped like diacritics.
    Hebrew,
    /// Any other script (Han, Thai, Devanagari, ...): kept as is, combining marks included.
    Other,
}

impl Script {
    /// Whether combining marks following a letter of this script are dropped. Marks are part of
    /// the spelling in Indic, Thai and similar scripts, so they are kept there.
    pub(crate) fn drops_marks(self) -> bool {
        self != Script::Other
    }
}

/// The script of a letter or digit (already lowercased and decomposed).
pub(crate) fn script_of(c: char) -> Script {
    let u = c as u32;
    if c.is_ascii_digit() {
        return Script::Digit;
    }
    match u {
        0x41..=0x5A | 0x61..=0x7A => Script::Latin,
        0xC0..=0x24F | 0x250..=0x2AF | 0x1D00..=0x1DBF | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F => {
            Script::Latin
        }
        0xA720..=0xA7FF | 0xAB30..=0xAB6F => Script::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x590..=0x5FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x600..=0x6FF | 0x750..=0x77F | 0x870..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF => Script::Hangul,
        _ => Script::Other,
    }
}

/// Characters removed without splitting the word: format characters (zero-width space and
/// joiners, word joiner, BOM, soft hyphen, bidi controls, invisible operators, tags) and Hangul
/// fillers (letters that render as nothing). Control characters are not in this set: they
/// split words (see [`is_control_separator`]).
pub(crate) fn is_invisible(c: char) -> bool {
    let u = c as u32;
    matches!(
        u,
        0xAD | 0x34F
            | 0x600..=0x605
            | 0x61C
            | 0x6DD
            | 0x70F
            | 0x890..=0x891
            | 0x8E2
            | 0x115F..=0x1160
            | 0x17B4..=0x17B5
            | 0x180B..=0x180F
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x206F
            | 0x3164
            | 0xFE00..=0xFE0F
            | 0xFEFF
            | 0xFFA0
            | 0xFFF0..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0000..=0xE0FFF
    )
}

/// Control characters other than whitespace (NUL, BEL, ESC, DEL, C1 controls). They are removed
/// and reported as [`super::Step::Invisible`], but they end the word: unlike zero-width
/// characters they never render inside a word, and in pasted or exported data they stand where
/// a separator was (`Song\0Kum\u{7}Hyok` → `song` `kum` `hyok`).
pub(crate) fn is_control_separator(c: char) -> bool {
    c.is_control() && !c.is_whitespace()
}

/// Apostrophe-like characters, removed inside a word without splitting it: `O'Brien` → `obrien`,
/// `Nu'man` → `numan`, `Ma`ruf` → `maruf`. Includes the modifier letters used for the Arabic
/// ayn and hamza in transliterations (ʿ ʾ ʻ ʼ) and the glottal stop letters.
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '`'
            | '\u{B4}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201B}'
            | '\u{2032}'
            | '\u{2035}'
            | '\u{2BB}'
            | '\u{2BC}'
            | '\u{2BD}'
            | '\u{2BE}'
            | '\u{2BF}'
            | '\u{2B9}'
            | '\u{2C8}'
            | '\u{294}'
            | '\u{295}'
            | '\u{A78B}'
            | '\u{A78C}'
            | '\u{FF07}'
    )
}

/// Latin letters with no decomposition, folded to ASCII (input is lowercase). `None` for
/// letters that are kept.
pub(crate) fn latin_special(c: char) -> Option<&'static str> {
    Some(match c {
        'ø' => "o",
        'đ' | 'ð' | 'ɗ' | 'ɖ' | 'ȡ' => "d",
        'ł' | 'ƚ' | 'ɫ' | 'ɬ' | 'ȴ' => "l",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        'ı' | 'ɨ' | 'ɩ' => "i",
        'ħ' | 'ɦ' | 'ɧ' => "h",
        'ŋ' => "ng",
        'ŧ' | 'ƭ' | 'ʈ' | 'ȶ' => "t",
        'ƀ' | 'ɓ' | 'ƃ' => "b",
        'ƈ' | 'ȼ' | 'ɕ' => "c",
        'ƒ' => "f",
        'ɠ' | 'ǥ' | 'ɣ' | 'ɡ' => "g",
        'ƙ' => "k",
        'ĸ' | 'ʠ' => "q",
        'ɲ' | 'ƞ' | 'ɳ' | 'ȵ' => "n",
        'ƥ' => "p",
        'ɍ' | 'ɽ' | 'ɾ' => "r",
        'ʂ' | 'ȿ' => "s",
        'ʋ' | 'ⱱ' => "v",
        'ƴ' | 'ɏ' | 'ȝ' => "y",
        'ȥ' | 'ƶ' | 'ʐ' | 'ʑ' | 'ɀ' | 'ʒ' => "z",
        'ʉ' => "u",
        'ɛ' | 'ǝ' | 'ɇ' => "e",
        'ɔ' | 'ɵ' => "o",
        // Azerbaijani schwa is romanized `a` in English-language lists (Əliyev → Aliyev).
        'ə' | 'ɑ' | 'ɐ' => "a",
        'ɉ' | 'ʝ' => "j",
        'ƿ' => "w",
        'ƕ' => "hv",
        'ȣ' => "ou",
        _ => return None,
    })
}

/// Latin look-alike of a Cyrillic or Greek letter. `c` is lowercase; `upper` says whether the
/// original was upper case (Greek look-alikes depend on case: `Ν` looks like N, `ν` like v).
pub(crate) fn confusable(c: char, upper: bool) -> Option<char> {
    let l = match c {
        // Cyrillic (look-alike in at least one case; folded in both).
        'а' => 'a',
        'в' => 'b',
        'е' | 'ё' | 'ѐ' => 'e',
        'і' | 'ї' => 'i',
        'ј' => 'j',
        'к' => 'k',
        'м' => 'm',
        'н' => 'h',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'т' => 't',
        'у' | 'ү' => 'y',
        'х' => 'x',
        'ѕ' => 's',
        'һ' => 'h',
        'ԁ' => 'd',
        'ԛ' => 'q',
        'ԝ' => 'w',
        'ӏ' => 'l',
        // Greek, both cases.
        'α' => 'a',
        'ε' => 'e',
        'ι' => 'i',
        'κ' => 'k',
        'ο' => 'o',
        'ρ' => 'p',
        'τ' => 't',
        'χ' => 'x',
        // Lunate sigma (`ϲ`, capital `Ϲ`) is drawn as a `c`, the yot as a `j`.
        'ϲ' => 'c',
        'ϳ' => 'j',
        'υ' => {
            if upper {
                'y'
            } else {
                'u'
            }
        }
        'ν' => {
            if upper {
                'n'
            } else {
                'v'
            }
        }
        // Greek, capitals only.
        'β' if upper => 'b',
        'ζ' if upper => 'z',
        'η' if upper => 'h',
        'μ' if upper => 'm',
        _ => return None,
    };
    Some(l)
}

/// Arabic-script folding of one (decomposed, mark-free) character.
pub(crate) enum ArabicFold {
    /// Unchanged.
    Keep,
    /// Replaced by this character.
    To(char),
    /// Removed (tatweel).
    Drop,
}

/// Folds Arabic-script letter variants: alef forms → ا, ى/ی → ي, ة/ە/ہ/ھ → ه, ک → ك, tatweel
/// removed, Arabic-Indic and Persian digits → ASCII. Hamza carriers (أ إ آ ؤ ئ) arrive already
/// decomposed by NFKD into base letter + combining hamza/madda, which are dropped as marks.
pub(crate) fn arabic_fold(c: char) -> ArabicFold {
    let u = c as u32;
    match u {
        0x640 => ArabicFold::Drop,
        0x660..=0x669 => ArabicFold::To(char::from(b'0' + (u - 0x660) as u8)),
        0x6F0..=0x6F9 => ArabicFold::To(char::from(b'0' + (u - 0x6F0) as u8)),
        0x622 | 0x623 | 0x625 | 0x671 | 0x672 | 0x673 | 0x675 => ArabicFold::To('\u{627}'),
        0x649 | 0x6CC | 0x6D0 | 0x6D2 | 0x6CD | 0x678 | 0x626 => ArabicFold::To('\u{64A}'),
        0x629 | 0x6D5 | 0x6C1 | 0x6BE | 0x6C3 => ArabicFold::To('\u{647}'),
        0x6A9 | 0x6AA => ArabicFold::To('\u{643}'),
        0x624 | 0x676 => ArabicFold::To('\u{648}'),
        _ => ArabicFold::Keep,
    }
}

/// Whether a combining mark belongs to the Arabic block (harakat, tanwin, shadda, sukun,
/// Quranic marks, hamza above/below, madda): its removal is reported as [`super::Step::Arabic`].
pub(crate) fn is_arabic_mark(c: char) -> bool {
    matches!(c as u32, 0x610..=0x61A | 0x64B..=0x65F | 0x670 | 0x6D6..=0x6ED | 0x8CA..=0x8FF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts() {
        assert_eq!(script_of('a'), Script::Latin);
        assert_eq!(script_of('7'), Script::Digit);
        assert_eq!(script_of('ж'), Script::Cyrillic);
        assert_eq!(script_of('λ'), Script::Greek);
        assert_eq!(script_of('한'), Script::Hangul);
        assert_eq!(script_of('م'), Script::Arabic);
        assert_eq!(script_of('中'), Script::Other);
        assert!(Script::Arabic.drops_marks());
        assert!(!Script::Other.drops_marks());
    }

    #[test]
    fn invisible_and_apostrophes() {
        for c in [
            '\u{200B}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{AD}', '\u{202E}',
        ] {
            assert!(is_invisible(c), "{:?}", c);
        }
        for c in [' ', '\n', '\t', 'a', '-', '\0'] {
            assert!(!is_invisible(c), "{:?}", c);
        }
        for c in ['\0', '\u{7}', '\u{7F}', '\u{9B}'] {
            assert!(is_control_separator(c), "{:?}", c);
        }
        for c in [' ', '\n', '\t', '\r', '\u{85}', 'a'] {
            assert!(!is_control_separator(c), "{:?}", c);
        }
        for c in ['\'', '’', 'ʻ', 'ʼ', '`', 'ʿ'] {
            assert!(is_apostrophe(c), "{:?}", c);
        }
        assert!(!is_apostrophe('-'));
    }

    #[test]
    fn confusables_depend_on_case_for_greek() {
        assert_eq!(confusable('ν', true), Some('n'));
        assert_eq!(confusable('ν', false), Some('v'));
        assert_eq!(confusable('μ', false), None);
        assert_eq!(confusable('р', false), Some('p'));
        assert_eq!(confusable('ж', true), None);
    }

    #[test]
    fn arabic_folds() {
        assert!(matches!(arabic_fold('ٱ'), ArabicFold::To('ا')));
        assert!(matches!(arabic_fold('ى'), ArabicFold::To('ي')));
        assert!(matches!(arabic_fold('ة'), ArabicFold::To('ه')));
        assert!(matches!(arabic_fold('ک'), ArabicFold::To('ك')));
        assert!(matches!(arabic_fold('٣'), ArabicFold::To('3')));
        assert!(matches!(arabic_fold('۷'), ArabicFold::To('7')));
        assert!(matches!(arabic_fold('ـ'), ArabicFold::Drop));
        assert!(matches!(arabic_fold('م'), ArabicFold::Keep));
    }
}
