//! Variation tables: how real people re-spell listed names. Compact, hand-compiled from common
//! romanization and transliteration practice (Korean MR/RR/ad hoc, Arabic, Russian BGN/ICAO/ad
//! hoc), the QWERTY layout and the Unicode confusables that matter for Latin text.

/// Romanized Korean syllables, each group a set of spellings of the same syllable in use across
/// McCune–Reischauer (without breves), Revised Romanization and common ad hoc forms. The first
/// spelling of a group is not privileged: a variant picks any other member.
pub const KOREAN_SYLLABLES: &[&[&str]] = &[
    &["kim", "gim"],
    &["ri", "lee", "rhee", "yi", "li"],
    &["pak", "park", "bak"],
    &["choe", "choi", "chwe"],
    &["o", "oh"],
    &["jong", "jeong", "chong", "chung", "jung"],
    &["kum", "keum", "geum", "gum"],
    &["hyok", "hyeok", "hyuk"],
    &["un", "eun"],
    &["chol", "cheol", "chul"],
    &["yong", "yeong", "young"],
    &["hyon", "hyeon", "hyun"],
    &["sok", "seok", "suk"],
    &["chon", "cheon", "jeon"],
    &["son", "sohn"],
    &["kang", "gang"],
    &["ko", "go", "koh"],
    &["kwang", "gwang"],
    &["myong", "myeong", "myung"],
    &["chang", "jang"],
    &["jin", "chin"],
    &["sun", "soon"],
    &["hui", "hee", "hi"],
    &["ryong", "ryeong", "ryung"],
    &["ryol", "ryeol", "yeol"],
    &["su", "soo"],
    &["tong", "dong"],
    &["chu", "ju", "joo"],
    &["mun", "moon"],
    &["yun", "yoon"],
    &["kwon", "gwon"],
    &["cho", "jo"],
    &["thae", "tae", "dae"],
    &["pyong", "pyeong", "byung", "byeong"],
    &["kil", "gil"],
    &["jun", "joon", "chun"],
    &["kyong", "gyeong", "kyung"],
    &["pok", "bok"],
    &["sin", "shin"],
    &["sik", "shik"],
    &["sop", "seob", "sub"],
    &["kuk", "guk", "gook"],
    &["pong", "bong"],
    &["tok", "deok", "duk"],
    &["yu", "yoo"],
    &["rim", "lim", "im"],
    &["ryu", "yu", "yoo"],
    &["paek", "baek", "paik"],
    &["to", "do"],
    &["tu", "du"],
    &["u", "woo"],
    &["kon", "geon", "gun"],
    &["hun", "hoon"],
    &["pae", "bae"],
    &["an", "ahn"],
    &["kye", "gye"],
    &["kyu", "gyu"],
    &["pil", "phil"],
    &["sol", "seol"],
    &["chae", "jae"],
    &["song"],
    &["yon", "yeon"],
    &["ik", "euk", "eok"],
    &["kyo", "gyo"],
    &["hyo"],
    &["sob", "seop"],
    &["chom", "jeom"],
    &["ryang", "yang"],
    &["chil"],
    &["nam"],
    &["hyong", "hyeong", "hyung"],
    &["ryon", "ryeon", "yeon"],
    &["hwan"],
    &["sung", "seung"],
    &["tae", "dae"],
    &["won"],
    &["kap", "gap"],
    &["kun", "geun", "gun"],
    &["il"],
    &["ok"],
    &["ho"],
    &["hak"],
    &["min"],
    &["sang"],
    &["han", "hahn"],
    &["hong"],
    &["yang"],
    &["hwang", "whang"],
    &["chi", "ji"],
    &["ki", "gi"],
    &["ku", "gu", "koo", "goo"],
    &["pi", "bi"],
    &["tal", "dal"],
    &["tuk", "deuk"],
    &["kwan", "gwan"],
    &["ung", "eung"],
    &["hyang"],
    &["mi", "mee"],
    &["ae", "ai"],
    &["man"],
    &["sam"],
    &["sa"],
    &["hae"],
    &["cha", "ja"],
    &["chun", "choon"],
];

/// Arabic given names and name parts with their common Latin spellings.
pub const ARABIC_SPELLINGS: &[&[&str]] = &[
    &[
        "mohammed", "muhammad", "mohamed", "mohammad", "muhammed", "mohamad",
    ],
    &["hussein", "husayn", "hussain", "husain", "hosein"],
    &["hasan", "hassan"],
    &["osama", "usama", "oussama"],
    &["yusuf", "youssef", "yousef", "yusef", "yousif"],
    &["ahmed", "ahmad"],
    &["abdullah", "abdallah", "abdulla"],
    &["khalid", "khaled"],
    &["omar", "umar"],
    &["othman", "uthman", "osman"],
    &["said", "saeed", "sayed", "saied"],
    &["saleh", "salih"],
    &["ibrahim", "ebrahim", "brahim"],
    &["ismail", "ismael", "esmail"],
    &["mahmoud", "mahmud", "mahmood"],
    &["mustafa", "mostafa", "moustafa"],
    &["abu", "abou"],
    &["hamid", "hamed"],
    &["karim", "kareem"],
    &["rashid", "rasheed", "rachid"],
    &["nasser", "naser", "nasir"],
    &["jamal", "gamal"],
    &["faisal", "faysal", "faycal"],
    &["hamza", "hamzah"],
    &["ayman", "aiman"],
    &["zubair", "zubayr", "zoubair"],
    &["qasim", "kasim", "qassem", "kassem"],
    &["jafar", "jaafar", "jaffar"],
    &["tariq", "tarek", "tarik"],
    &["walid", "waleed"],
    &["yahya", "yehia", "yahia"],
    &["sulaiman", "suleiman", "sulayman", "soliman"],
    &["musa", "moussa", "mousa"],
    &["isa", "issa", "eisa"],
    &["mahdi", "mehdi"],
    &["zayd", "zaid", "zeid"],
    &["khalil", "khaleel"],
    &["fahd", "fahad"],
    &["majid", "majeed", "maged"],
    &["saad", "sad"],
    &["hafiz", "hafez"],
    &["amir", "ameer"],
    &["yasin", "yassin", "yaseen"],
    &["muhsin", "mohsen", "mohsin"],
    &["qadir", "kadir", "qader"],
    &["haji", "hajji", "hadji"],
    &["jabir", "jaber"],
    &["anwar", "anouar"],
    &["mansur", "mansour"],
    &["munir", "mounir"],
    &["bashir", "basheer", "bachir"],
    &["nabil", "nabeel"],
    &["adel", "adil"],
    &["imad", "emad"],
    &["ayyub", "ayoub", "ayub"],
    &["yaqub", "yacoub", "yakub"],
    &["abbas", "abas"],
    &["ghazi", "gazi"],
    &["hadi", "hady"],
    &["aziz", "azeez"],
    &["rahman", "rehman", "rahmane"],
    &["rahim", "raheem"],
    &["salim", "saleem", "selim"],
    &["hashim", "hashem", "hachem"],
    &["husam", "hossam", "hussam"],
    &["taha", "tahaa"],
    &["sayf", "saif", "seif"],
    &["khadija", "khadijah", "khadidja"],
    &["fatima", "fatimah", "fatma"],
    &["aisha", "aysha", "aicha"],
    &["nur", "noor", "nour"],
    &["ubayd", "obaid", "ubaid"],
    &["zakariya", "zakaria", "zakariyya"],
    &["hamad", "hammad"],
    &["qahtani", "kahtani"],
    &["uthmani", "othmani"],
];

/// The Arabic definite article as it is written before a name part.
pub const ARABIC_ARTICLES: &[&str] = &["al-", "el-", "al ", "el ", "al", ""];

/// Filial particles (son of).
pub const ARABIC_FILIAL: &[&str] = &["bin", "ibn", "ben", "bn"];

/// Ways to write `abd al-` (servant of) before a divine name.
pub const ARABIC_ABD: &[&str] = &[
    "abd al-", "abdul ", "abdel ", "abd el-", "abdul", "abdel", "abd al ", "abdal ",
];

/// Whole-name Russian spelling variants (BGN/PCGN, ICAO, passport and common English forms).
pub const RUSSIAN_NAMES: &[&[&str]] = &[
    &["aleksandr", "alexander", "alexandr", "aleksander"],
    &["aleksandra", "alexandra"],
    &["aleksey", "alexei", "alexey", "aleksei"],
    &["yevgeniy", "evgeny", "evgeniy", "yevgeny", "evgenii"],
    &["dmitriy", "dmitry", "dmitri", "dmitrii"],
    &["sergey", "sergei", "sergej"],
    &["yuriy", "yury", "yuri", "iurii"],
    &["andrey", "andrei", "andrej"],
    &["nikolay", "nikolai"],
    &["vasiliy", "vasily", "vassily", "vasilii"],
    &["anatoliy", "anatoly", "anatolii"],
    &["valeriy", "valery", "valerii"],
    &["gennadiy", "gennady", "gennadii"],
    &["vitaliy", "vitaly", "vitalii"],
    &["georgiy", "georgy", "georgii"],
    &["arkadiy", "arkady", "arkadii"],
    &["yelena", "elena"],
    &["yekaterina", "ekaterina"],
    &["tatyana", "tatiana"],
    &["natalya", "natalia"],
    &["pyotr", "petr", "piotr"],
    &["fyodor", "fedor"],
    &["semyon", "semen"],
    &["artyom", "artem"],
    &["mikhail", "mihail"],
    &["maksim", "maxim"],
    &["ilya", "ilia"],
    &["yuliya", "yulia", "julia"],
    &["viktor", "victor"],
    &["konstantin", "constantin"],
    &["oleg", "oleg"],
    &["igor", "igor"],
    &["vladislav", "wladislaw"],
    &["vyacheslav", "viacheslav"],
];

/// Russian transliteration rules inside a token: `(from, to)`, applied at one chosen position.
pub const RUSSIAN_RULES: &[(&str, &str)] = &[
    ("yevich", "evich"),
    ("yevna", "evna"),
    ("yeva", "eva"),
    ("yev", "ev"),
    ("ey", "ei"),
    ("ey", "e"),
    ("iy", "y"),
    ("iy", "ii"),
    ("iy", "i"),
    ("yy", "y"),
    ("kh", "h"),
    ("kh", "ch"),
    ("yu", "iu"),
    ("yu", "ju"),
    ("ya", "ia"),
    ("ya", "ja"),
    ("ts", "tz"),
    ("zh", "j"),
    ("shch", "sch"),
    ("shch", "shh"),
    ("ks", "x"),
    ("skiy", "sky"),
    ("skiy", "ski"),
    ("aya", "aia"),
    ("yo", "e"),
    ("ye", "e"),
];

/// Latin to Cyrillic, longest match first (reverse of the usual BGN/PCGN romanization).
pub const LATIN_TO_CYRILLIC: &[(&str, &str)] = &[
    ("shch", "щ"),
    ("iy", "ий"),
    ("yy", "ый"),
    ("kh", "х"),
    ("zh", "ж"),
    ("ts", "ц"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("yu", "ю"),
    ("ya", "я"),
    ("yo", "ё"),
    ("ye", "е"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("w", "в"),
    ("g", "г"),
    ("d", "д"),
    ("e", "е"),
    ("z", "з"),
    ("i", "и"),
    ("j", "дж"),
    ("k", "к"),
    ("c", "к"),
    ("q", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("f", "ф"),
    ("h", "х"),
    ("x", "кс"),
    ("'", "ь"),
];

/// QWERTY neighbours of each lower-case letter (same row and the rows above and below).
pub const QWERTY: &[(char, &str)] = &[
    ('q', "wa"),
    ('w', "qeas"),
    ('e', "wrsd"),
    ('r', "etdf"),
    ('t', "ryfg"),
    ('y', "tugh"),
    ('u', "yihj"),
    ('i', "uojk"),
    ('o', "ipkl"),
    ('p', "ol"),
    ('a', "qwsz"),
    ('s', "awedxz"),
    ('d', "serfcx"),
    ('f', "drtgvc"),
    ('g', "ftyhbv"),
    ('h', "gyujnb"),
    ('j', "huikmn"),
    ('k', "jiolm"),
    ('l', "kop"),
    ('z', "asx"),
    ('x', "zsdc"),
    ('c', "xdfv"),
    ('v', "cfgb"),
    ('b', "vghn"),
    ('n', "bhjm"),
    ('m', "njk"),
];

/// Neighbours of `c` on a QWERTY keyboard (lower-case), or `""`.
pub fn qwerty_neighbours(c: char) -> &'static str {
    let lc = c.to_ascii_lowercase();
    QWERTY
        .iter()
        .find(|(k, _)| *k == lc)
        .map(|(_, n)| *n)
        .unwrap_or("")
}

/// Cyrillic and Greek letters that look like Latin ones (Unicode confusables).
pub const HOMOGLYPHS: &[(char, &[char])] = &[
    ('a', &['\u{0430}', '\u{03B1}']),
    ('c', &['\u{0441}', '\u{03F2}']),
    ('e', &['\u{0435}']),
    ('i', &['\u{0456}', '\u{03B9}']),
    ('j', &['\u{0458}']),
    ('o', &['\u{043E}', '\u{03BF}']),
    ('p', &['\u{0440}', '\u{03C1}']),
    ('s', &['\u{0455}']),
    ('x', &['\u{0445}', '\u{03C7}']),
    ('y', &['\u{0443}']),
    ('A', &['\u{0410}', '\u{0391}']),
    ('B', &['\u{0412}', '\u{0392}']),
    ('C', &['\u{0421}']),
    ('E', &['\u{0415}', '\u{0395}']),
    ('H', &['\u{041D}', '\u{0397}']),
    ('I', &['\u{0406}', '\u{0399}']),
    ('J', &['\u{0408}']),
    ('K', &['\u{041A}', '\u{039A}']),
    ('M', &['\u{041C}', '\u{039C}']),
    ('N', &['\u{039D}']),
    ('O', &['\u{041E}', '\u{039F}']),
    ('P', &['\u{0420}', '\u{03A1}']),
    ('S', &['\u{0405}']),
    ('T', &['\u{0422}', '\u{03A4}']),
    ('X', &['\u{0425}', '\u{03A7}']),
    ('Y', &['\u{04AE}', '\u{03A5}']),
    ('Z', &['\u{0396}']),
];

/// Look-alikes for a Latin letter, or an empty slice.
pub fn homoglyphs(c: char) -> &'static [char] {
    HOMOGLYPHS
        .iter()
        .find(|(k, _)| *k == c)
        .map(|(_, v)| *v)
        .unwrap_or(&[])
}

/// Invisible characters used to break up a word: zero-width space, non-joiner, joiner, word
/// joiner, byte-order mark and soft hyphen.
pub const ZERO_WIDTH: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}',
];

/// Accented forms of Latin letters that people add (or that keyboards add) to names.
pub const ACCENTS: &[(char, &[char])] = &[
    ('a', &['á', 'à', 'ä', 'â', 'ã']),
    ('e', &['é', 'è', 'ë', 'ê']),
    ('i', &['í', 'ì', 'ï', 'î']),
    ('o', &['ó', 'ò', 'ö', 'ô', 'õ']),
    ('u', &['ú', 'ù', 'ü', 'û']),
    ('n', &['ñ']),
    ('c', &['ç', 'č']),
    ('s', &['š', 'ş']),
    ('z', &['ž']),
    ('y', &['ý']),
    ('g', &['ğ']),
    ('A', &['Á', 'À', 'Ä', 'Â']),
    ('E', &['É', 'È', 'Ë']),
    ('I', &['Í', 'Ï']),
    ('O', &['Ó', 'Ö', 'Ô']),
    ('U', &['Ú', 'Ü']),
    ('N', &['Ñ']),
    ('C', &['Ç', 'Č']),
    ('S', &['Š']),
    ('Z', &['Ž']),
];

/// Accented forms of a letter, or an empty slice.
pub fn accents(c: char) -> &'static [char] {
    ACCENTS
        .iter()
        .find(|(k, _)| *k == c)
        .map(|(_, v)| *v)
        .unwrap_or(&[])
}

/// Groups of equivalent legal forms. Each form is a sequence of words compared without `.`/`,`
/// and case; a variant replaces a form by another member of its group, or drops it.
pub const LEGAL_FORMS: &[&[&str]] = &[
    &["LLC", "L.L.C.", "Limited Liability Company", "OOO"],
    &["Co., Ltd.", "Co. Ltd", "Company Limited", "Co Ltd"],
    &["Ltd", "Ltd.", "Limited"],
    &["Corporation", "Corp", "Corp."],
    &["Company", "Co", "Co."],
    &["Inc", "Inc.", "Incorporated"],
    &["JSC", "Joint Stock Company", "AO"],
    &["PJSC", "Public Joint Stock Company", "PAO"],
    &["CJSC", "Closed Joint Stock Company", "ZAO"],
    &["OJSC", "Open Joint Stock Company", "OAO"],
    &["GmbH", "Gesellschaft mit beschraenkter Haftung"],
    &["S.A.", "SA", "Sociedad Anonima"],
    &["FZE", "Free Zone Establishment"],
    &["FZCO", "Free Zone Company"],
    &["FZ-LLC", "FZ LLC"],
    &["PLC", "Public Limited Company"],
    &["LLP", "Limited Liability Partnership"],
    &["Pvt Ltd", "Private Limited", "Pvt. Ltd."],
    &["Sdn Bhd", "Sdn. Bhd."],
    &["S.A.R.L.", "SARL"],
    &["B.V.", "BV"],
    &["AG", "Aktiengesellschaft"],
];

/// Words of a legal form (or of a name) as compared: upper case, without `.` and `,`.
pub fn legal_words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_well_formed() {
        for g in KOREAN_SYLLABLES
            .iter()
            .chain(ARABIC_SPELLINGS)
            .chain(RUSSIAN_NAMES)
        {
            assert!(!g.is_empty());
            for s in g.iter() {
                assert_eq!(*s, s.to_lowercase(), "{s}");
                assert!(s.chars().all(|c| c.is_ascii_lowercase()), "{s}");
            }
        }
        for (c, n) in QWERTY {
            assert!(!n.contains(*c));
            for m in n.chars() {
                assert!(qwerty_neighbours(m).contains(*c), "{c}/{m} not symmetric");
            }
        }
        for (latin, looks) in HOMOGLYPHS {
            assert!(latin.is_ascii_alphabetic());
            assert!(looks.iter().all(|c| !c.is_ascii()));
        }
        for g in LEGAL_FORMS {
            assert!(g.len() >= 2);
        }
    }

    #[test]
    fn legal_words_ignore_punctuation_and_case() {
        assert_eq!(legal_words("Co., Ltd."), vec!["CO", "LTD"]);
        assert_eq!(legal_words("L.L.C."), vec!["L", "L", "C"]);
    }
}
