//! Transliteration of Cyrillic, Greek and Hangul to Latin.
//!
//! - Cyrillic: BGN/PCGN-like, as OFAC and the UN romanize Russian names: `е` is `ye` at the start
//!   of a word and after a vowel, `ъ`/`ь`, else `e` (Андреев → `andreyev`, Сергеевич →
//!   `sergeyevich`); `ё` is treated as `е`; `й` → `y` (Юрий → `yuriy`), `ы` → `y`, `х` → `kh`,
//!   `ц` → `ts`, `щ` → `shch`. Ukrainian and Belarusian letters are covered; when the input
//!   contains a letter only these languages use (і ї є ґ ў), `г` is `h` (Гнатюк → `hnatyuk`) and,
//!   for Ukrainian, `и` is `y`. Serbian/Macedonian and the common Central Asian letters are covered.
//! - Greek: ELOT 743-like (`β` → `v`, `η` → `i`, `θ` → `th`, `χ` → `ch`, `ου` → `ou`, `αυ` → `av`).
//! - Hangul: Revised Romanization, syllable by syllable (no sound-change rules across syllable
//!   boundaries, which is how names are romanized): 김정은 → `gim` `jeongeun`.

/// Flags detected over the whole input that change Cyrillic transliteration.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct CyrillicFlavor {
    /// `г` → `h` (Ukrainian, Belarusian).
    pub g_is_h: bool,
    /// `и` → `y` (Ukrainian).
    pub i_is_y: bool,
}

impl CyrillicFlavor {
    /// Updates the flavor from one lowercase Cyrillic letter of the input.
    pub(crate) fn observe(&mut self, c: char) {
        match c {
            'і' | 'ї' | 'є' | 'ґ' => {
                self.g_is_h = true;
                self.i_is_y = true;
            }
            'ў' => self.g_is_h = true,
            _ => {}
        }
    }
}

fn is_cyrillic_vowel(c: char) -> bool {
    matches!(
        c,
        'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я' | 'і' | 'ї' | 'є' | 'ў'
    )
}

/// Composes a Cyrillic base letter with a following combining mark where the result is a
/// distinct letter (`и` + breve → `й`). Works on lowercase letters.
pub(crate) fn compose_cyrillic(base: char, mark: char) -> Option<char> {
    Some(match (base, mark) {
        ('и', '\u{306}') => 'й',
        ('е', '\u{308}') => 'ё',
        ('і', '\u{308}') => 'ї',
        ('у', '\u{306}') => 'ў',
        ('г', '\u{301}') => 'ѓ',
        ('к', '\u{301}') => 'ќ',
        _ => return None,
    })
}

/// Transliterates one lowercase Cyrillic letter. `prev` is the previous letter of the word
/// (`None` at the start). Returns `false` for letters without a mapping (the caller keeps them).
pub(crate) fn cyrillic(
    c: char,
    prev: Option<char>,
    flavor: CyrillicFlavor,
    out: &mut String,
) -> bool {
    let s = match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => {
            if flavor.g_is_h {
                "h"
            } else {
                "g"
            }
        }
        'ґ' => "g",
        'д' => "d",
        'е' | 'ё' | 'ѐ' => match prev {
            None => "ye",
            Some(p) if is_cyrillic_vowel(p) || matches!(p, 'ъ' | 'ь' | 'й') => "ye",
            Some(_) => "e",
        },
        'є' => "ye",
        'ж' => "zh",
        'з' => "z",
        'и' | 'ѝ' => {
            if flavor.i_is_y {
                "y"
            } else {
                "i"
            }
        }
        'і' | 'ӣ' => "i",
        'ї' => "yi",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ӯ' => "u",
        'ў' => "w",
        'ф' => "f",
        'х' | 'ҳ' => "kh",
        'ц' => "ts",
        'ч' | 'ҷ' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        // Serbian, Macedonian.
        'ђ' => "dj",
        'ј' => "j",
        'љ' => "lj",
        'њ' => "nj",
        'ћ' => "c",
        'џ' | 'ѕ' => "dz",
        'ѓ' => "gj",
        'ќ' => "kj",
        // Kazakh, Kyrgyz, Tajik, Tatar, Bashkir, Uzbek (Cyrillic), Azerbaijani (Cyrillic).
        'ә' => "a",
        'ғ' => "g",
        'қ' | 'ҡ' => "k",
        'ң' => "ng",
        'ө' => "o",
        'ұ' | 'ү' => "u",
        'һ' => "h",
        'җ' => "zh",
        'ҙ' => "z",
        'ҫ' => "s",
        // Old orthography.
        'ѣ' => "e",
        'ѳ' => "f",
        'ѵ' => "i",
        _ => return false,
    };
    out.push_str(s);
    true
}

/// The other Latin reading of a Cyrillic letter, where romanizations of names disagree with
/// [`cyrillic`]'s: `х` is also the `h` of names written in Latin first (Хасан / Hasan), and `ё`
/// the `yo` of Korean romanizations (Хёк / Hyok, Ён / Yon) and of some Russian spellings
/// (Фёдоров / Fyodorov). (The normalizer also reads `дж` as `j`.)
pub(crate) fn cyrillic_other_reading(c: char) -> Option<&'static str> {
    match c {
        'х' | 'ҳ' => Some("h"),
        'ё' => Some("yo"),
        _ => None,
    }
}

/// Reads a Cyrillic word (lowercase letters) as a Korean name in the Russian system
/// (Kontsevich, and the older spellings it replaced) back into a Latin romanization:
/// Сон Кым Хёк → `son keum hyok`, Ким Чон Ын → `kim chon eun`, Чхве Рён Хэ → `chwe ryon hae`,
/// Ким Ё Чжон → `kim yo jon`. Aspirates written with `х` (`пх`, `тх`, `кх`, `чх`) lose it,
/// `ы` is `eu`, `э` is `ae`, `е` after `ч` or `ж` is `eo` (Чен, the older spelling of 정).
/// The Russian system writes both final ㄴ and ㅇ as `н`: the result says whether the word
/// ends in one, so that the caller can also try `ng`. `None` for letters that do not write
/// Korean (`ф`, `ц`, `ш`, `щ`, …).
pub(crate) fn korean_from_cyrillic(word: &[char]) -> Option<(String, bool)> {
    let mut out = String::with_capacity(word.len() + 4);
    let mut i = 0;
    while let Some(&c) = word.get(i) {
        let next = word.get(i + 1).copied();
        let prev = i.checked_sub(1).and_then(|p| word.get(p)).copied();
        let mut skip = usize::from(next == Some('х') && matches!(c, 'п' | 'т' | 'к' | 'ч'));
        out.push_str(match c {
            'п' => "p",
            'т' => "t",
            'к' => "k",
            'ч' | 'д' | 'ж' if c != 'ж' && next == Some('ж') => {
                skip = 1;
                "j"
            }
            'ч' => "ch",
            'ж' => "j",
            'д' => "d",
            'б' => "b",
            'г' => "g",
            'м' => "m",
            'н' => "n",
            'р' => "r",
            'л' => "l",
            'с' => "s",
            'х' => "h",
            // `в` writes the `w` of a diphthong (Кван, Чхве, Вон), not after a vowel (Иван).
            'в' if !prev.is_some_and(is_cyrillic_vowel) => "w",
            'а' => "a",
            'я' => "ya",
            'о' => "o",
            'ё' => "yo",
            'у' => "u",
            'ю' => "yu",
            'ы' if next == Some('й') => {
                skip = 1;
                "ui"
            }
            'ы' => "eu",
            'и' => "i",
            'е' if matches!(prev, Some('ч' | 'ж')) => "eo",
            'е' => "e",
            // ㅐ after a consonant (Хэ); at the start, Latin-minded spellings write `e` (Эун).
            'э' if prev.is_some() => "ae",
            'э' => "e",
            'й' if prev == Some('о') => "e",
            'ь' | 'ъ' => "",
            _ => return None,
        });
        i += 1 + skip;
    }
    Some((out, word.last() == Some(&'н')))
}

/// Transliterates a pure-Greek word (lowercase letters) into `out`. Letters without a mapping
/// are kept as they are.
pub(crate) fn greek_word(chars: &[char], out: &mut String) {
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let at_start = i == 0;
        // Digraphs first.
        let digraph = match (c, next) {
            ('ο', Some('υ')) => Some("ou"),
            ('α', Some('υ')) => Some("av"),
            ('ε', Some('υ')) => Some("ev"),
            ('η', Some('υ')) => Some("iv"),
            ('γ', Some('γ')) => Some("ng"),
            ('γ', Some('κ')) => Some(if at_start { "g" } else { "ng" }),
            ('μ', Some('π')) if at_start => Some("b"),
            ('ν', Some('τ')) if at_start => Some("d"),
            _ => None,
        };
        if let Some(d) = digraph {
            out.push_str(d);
            i += 2;
            continue;
        }
        let s = match c {
            'α' => "a",
            'β' | 'ϐ' => "v",
            'γ' => "g",
            'δ' => "d",
            'ε' | 'ϵ' => "e",
            'ζ' => "z",
            'η' => "i",
            'θ' | 'ϑ' => "th",
            'ι' => "i",
            'κ' | 'ϰ' => "k",
            'λ' => "l",
            'μ' => "m",
            'ν' => "n",
            'ξ' => "x",
            'ο' => "o",
            'π' | 'ϖ' => "p",
            'ρ' | 'ϱ' => "r",
            'σ' | 'ς' | 'ϲ' => "s",
            'τ' => "t",
            'υ' | 'ϒ' => "y",
            'φ' | 'ϕ' => "f",
            'χ' => "ch",
            'ψ' => "ps",
            'ω' => "o",
            'ϳ' => "j",
            _ => {
                out.push(c);
                i += 1;
                continue;
            }
        };
        out.push_str(s);
        i += 1;
    }
}

/// Transliterates a single Greek letter (used inside mixed words, without digraph context).
pub(crate) fn greek_letter(c: char, out: &mut String) {
    greek_word(&[c], out);
}

// --- Hangul ---------------------------------------------------------------------------------

const SBASE: u32 = 0xAC00;
const SCOUNT: u32 = 11172;
const LBASE: u32 = 0x1100;
const VBASE: u32 = 0x1161;
const TBASE: u32 = 0x11A7;
const VCOUNT: u32 = 21;
const TCOUNT: u32 = 28;

/// Revised Romanization of the 19 initial consonants (ㅇ is silent).
const RR_INITIAL: [&str; 19] = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h",
];
/// Revised Romanization of the 21 vowels.
const RR_VOWEL: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i",
];
/// Revised Romanization of the 27 final consonants (index 0 = no final), by their
/// representative sound.
const RR_FINAL: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
];

/// Whether `c` is a precomposed Hangul syllable.
pub(crate) fn is_syllable(c: char) -> bool {
    (SBASE..SBASE + SCOUNT).contains(&(c as u32))
}

/// Composes a conjoining jamo `next` onto `prev` when they form (part of) a syllable: leading
/// consonant + vowel → syllable, syllable without final + trailing consonant → syllable.
pub(crate) fn compose_jamo(prev: char, next: char) -> Option<char> {
    let (p, n) = (prev as u32, next as u32);
    if (LBASE..LBASE + 19).contains(&p) && (VBASE..VBASE + VCOUNT).contains(&n) {
        return char::from_u32(SBASE + ((p - LBASE) * VCOUNT + (n - VBASE)) * TCOUNT);
    }
    if is_syllable(prev) && (p - SBASE) % TCOUNT == 0 && (TBASE + 1..TBASE + TCOUNT).contains(&n) {
        return char::from_u32(p + (n - TBASE));
    }
    None
}

/// Romanizes one syllable or conjoining jamo into `out`. Archaic jamo produce nothing.
pub(crate) fn hangul(c: char, out: &mut String) {
    let u = c as u32;
    if is_syllable(c) {
        let s = u - SBASE;
        let (l, v, t) = (
            s / (VCOUNT * TCOUNT),
            (s % (VCOUNT * TCOUNT)) / TCOUNT,
            s % TCOUNT,
        );
        out.push_str(RR_INITIAL[l as usize]);
        out.push_str(RR_VOWEL[v as usize]);
        out.push_str(RR_FINAL[t as usize]);
    } else if (LBASE..LBASE + 19).contains(&u) {
        out.push_str(RR_INITIAL[(u - LBASE) as usize]);
    } else if (VBASE..VBASE + VCOUNT).contains(&u) {
        out.push_str(RR_VOWEL[(u - VBASE) as usize]);
    } else if (TBASE + 1..TBASE + TCOUNT).contains(&u) {
        out.push_str(RR_FINAL[(u - TBASE) as usize]);
    }
}

/// Common one-syllable Korean surnames (as syllables), used to split a spaceless full name.
const SURNAMES_1: &str = "김이리박최정강조윤장임림한오서신권황안송류유전홍고문양손배백허남심노로하곽성차주우구민진나지엄채원천방공현함변염석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉";
/// Common two-syllable Korean surnames.
const SURNAMES_2: [&str; 6] = ["남궁", "황보", "제갈", "선우", "독고", "사공"];

/// Where to split a spaceless Hangul full name into surname and given name, if it looks like
/// one: 3 syllables starting with a common surname (1 + 2), 3 or 4 syllables starting with a
/// two-syllable surname (2 + rest), or 2 syllables starting with a common surname when
/// `alone` (the word is the whole input). Returns the number of surname syllables.
pub(crate) fn surname_split(syllables: &[char], alone: bool) -> Option<usize> {
    let n = syllables.len();
    if !syllables.iter().all(|&c| is_syllable(c)) {
        return None;
    }
    if (3..=4).contains(&n) {
        let first_two: String = syllables[..2].iter().collect();
        if SURNAMES_2.contains(&first_two.as_str()) {
            return Some(2);
        }
    }
    if (n == 3 || (n == 2 && alone)) && SURNAMES_1.contains(syllables[0]) {
        return Some(1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cyr(word: &str, flavor: CyrillicFlavor) -> String {
        let mut out = String::new();
        let mut prev = None;
        for c in word.chars() {
            assert!(cyrillic(c, prev, flavor, &mut out), "{c}");
            prev = Some(c);
        }
        out
    }

    #[test]
    fn korean_names_in_the_russian_system() {
        let k = |w: &str| korean_from_cyrillic(&w.chars().collect::<Vec<_>>());
        let cases = [
            ("сон", "son", true),
            ("кым", "keum", false),
            ("хёк", "hyok", false),
            ("чон", "chon", true),
            ("ын", "eun", true),
            ("чен", "cheon", true),
            ("чхве", "chwe", false),
            ("рён", "ryon", true),
            ("хэ", "hae", false),
            ("чжон", "jon", true),
            ("джу", "ju", false),
            ("пхеньян", "penyan", true),
            ("ый", "ui", false),
            ("кван", "kwan", true),
            ("вон", "won", true),
        ];
        for (w, reading, final_n) in cases {
            assert_eq!(k(w), Some((reading.to_string(), final_n)), "{w}");
        }
        // Letters that do not write Korean; a `в` after a vowel is Russian.
        for w in ["фёдор", "шин", "цой", "иван"] {
            assert_eq!(k(w), None, "{w}");
        }
    }

    #[test]
    fn russian_bgn_pcgn() {
        let f = CyrillicFlavor::default();
        assert_eq!(cyr("андреев", f), "andreyev");
        assert_eq!(cyr("сергеевич", f), "sergeyevich");
        assert_eq!(cyr("юрий", f), "yuriy");
        assert_eq!(cyr("евгений", f), "yevgeniy");
        assert_eq!(cyr("щукин", f), "shchukin");
        assert_eq!(cyr("хрущёв", f), "khrushchev");
        assert_eq!(cyr("объект", f), "obyekt");
        assert_eq!(cyr("цыбуля", f), "tsybulya");
    }

    #[test]
    fn ukrainian_flavor() {
        let mut f = CyrillicFlavor::default();
        f.observe('і');
        assert_eq!(cyr("микола", f), "mykola");
        assert_eq!(cyr("гнатюк", f), "hnatyuk");
        assert_eq!(cyr("київ", f), "kyyiv");
    }

    #[test]
    fn greek() {
        let mut out = String::new();
        greek_word(&"παπαδοπουλος".chars().collect::<Vec<_>>(), &mut out);
        assert_eq!(out, "papadopoulos");
        out.clear();
        greek_word(&"ευαγγελος".chars().collect::<Vec<_>>(), &mut out);
        assert_eq!(out, "evangelos");
    }

    #[test]
    fn hangul_rr() {
        let mut out = String::new();
        for c in "김정은".chars() {
            hangul(c, &mut out);
        }
        assert_eq!(out, "gimjeongeun");
        out.clear();
        for c in "송금혁".chars() {
            hangul(c, &mut out);
        }
        assert_eq!(out, "songgeumhyeok");
        assert_eq!(compose_jamo('\u{1100}', '\u{1161}'), Some('가'));
        assert_eq!(compose_jamo('가', '\u{11A8}'), Some('각'));
        assert_eq!(compose_jamo('각', '\u{11A8}'), None);
    }

    #[test]
    fn surname_splits() {
        let s = |w: &str, alone| surname_split(&w.chars().collect::<Vec<_>>(), alone);
        assert_eq!(s("김정은", false), Some(1));
        assert_eq!(s("남궁민", false), Some(2));
        assert_eq!(s("제갈공명", false), Some(2));
        assert_eq!(s("김철", true), Some(1));
        assert_eq!(s("김철", false), None);
        assert_eq!(s("평양시", false), None);
        assert_eq!(s("조선무역", false), None);
    }
}
