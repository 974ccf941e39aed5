//! Token classes ([`TokenClass`]), decided with context.
//!
//! Rules, in order:
//! 1. Legal forms. A word from [`ALWAYS_LEGAL`] (`llc`, `ltd`, `company`, `limited`, `ooo`,
//!    `obshchestvo`, `aktsionernoe`, ...) is a legal form anywhere. A word from
//!    [`CONTEXT_LEGAL`] (`joint`, `stock`, `public`, `closed`, `liability`, `s`, `z`, `de`,
//!    `sociedad`, `anonima`, ...) is a legal form only inside a run of adjacent legal words that
//!    contains an always-legal word or the pair `joint stock` (`Open Joint Stock Company`,
//!    `Obshchestvo s Ogranichennoy Otvetstvennostyu`, `Joint Stock Commercial Bank` → `joint`
//!    `stock`; but `Stock Exchange` and `Public Security` stay names). Abbreviations written with
//!    dots (`S.A.`, `S.A. de C.V.`, `L.L.C.`, `S.R.L.`) are recognized at the end of the name when
//!    the letters of the trailing run spell one of [`DOTTED_SUFFIXES`]. `ab`, `as`, `oy`, `sl`,
//!    `sal`, `sc` are legal forms only as the last of several tokens.
//! 2. Honorifics ([`HONORIFICS`]): kept minimal (`mr`, `dr`, `sheikh`, `haji`, `mullah`,
//!    `sir`, ...). Military and political titles, `sayed`/`sayyid` (also given names) and `lord`
//!    (Lord's Resistance Army) stay names.
//! 3. Particles ([`PARTICLES`]): Arabic article forms standing alone (`al`, `el`, `ash`, ...),
//!    `bin`/`ibn`/`bint`, European particles (`de`, `van`, `von`, `y`, ...). `abu`, `abd`, `abdul`
//!    are name evidence. `ben` is a particle except as the first token (Ben Smith). `an` and `i`
//!    are Korean surnames (안, 이) when all of at least two other tokens read as romanized Korean.
//! 4. Stop words ([`STOPS`]): `and`, `of`, `the`, `for`, `und`, `et`, `i`, `ve`.
//! 5. Tokens romanized from Hangul are always names (`i` is the surname 이 there).
//! 6. If no token is left as a name, every token is a name (a query of `Al` or `Company` still
//!    has evidence).

use super::TokenClass;

/// Legal-form words that are legal forms wherever they appear.
pub(crate) const ALWAYS_LEGAL: &[&str] = &[
    "ag",
    "aktsionernaya",
    "aktsionernoe",
    "aktsionernoye",
    "akcionernoe",
    "anonim",
    "ao",
    "bhd",
    "bv",
    "cjsc",
    "co",
    "company",
    "corp",
    "corporation",
    "dmcc",
    "doo",
    "fzc",
    "fzco",
    "fze",
    "fzllc",
    "gmbh",
    "inc",
    "incorporated",
    "jsc",
    "jv",
    "kft",
    "kg",
    "kompaniya",
    "limited",
    "llc",
    "llp",
    "lp",
    "ltd",
    "ltda",
    "mchj",
    "nv",
    "oao",
    "obschestvo",
    "obshchestvo",
    "obshestvo",
    "ogranichennoi",
    "ogranichennoj",
    "ogranichennoy",
    "ojsc",
    "ooo",
    "otvetstvennostiu",
    "otvetstvennostju",
    "otvetstvennostyu",
    "pao",
    "pjsc",
    "plc",
    "pte",
    "pty",
    "pvt",
    "sa",
    "sarl",
    "sas",
    "sdn",
    "sirketi",
    "spa",
    "srl",
    "tbk",
    "tov",
    "tovarishchestvo",
    "tovarystvo",
    "obmezhenoyu",
    "vidpovidalnistyu",
    "zao",
];

/// Words that are legal forms only next to other legal-form words.
pub(crate) const CONTEXT_LEGAL: &[&str] = &[
    "a",
    "anonima",
    "anonyme",
    "azioni",
    "c",
    "closed",
    "de",
    "joint",
    "l",
    "liability",
    "limitada",
    "limitee",
    "nepublichnoe",
    "open",
    "otkrytoe",
    "otkrytoye",
    "partnership",
    "per",
    "private",
    "public",
    "publichnoe",
    "publichnoye",
    "r",
    "responsabilidad",
    "responsabilite",
    "s",
    "sociedad",
    "sociedade",
    "societa",
    "societe",
    "stock",
    "v",
    "z",
    "zakrytoe",
    "zakrytoye",
];

/// Legal forms recognized only as the last of several tokens.
pub(crate) const END_LEGAL: &[&str] = &["ab", "as", "oy", "sal", "sc", "sl"];

/// Legal forms written as single letters with dots, recognized at the end of a name by the
/// concatenation of the trailing tokens (`s.a. de c.v.` → `s a de c v` → `sadecv`).
pub(crate) const DOTTED_SUFFIXES: &[&str] = &[
    "sa",
    "sadecv",
    "sderl",
    "sderldecv",
    "srl",
    "spa",
    "sas",
    "sarl",
    "sal",
    "sac",
    "saa",
    "sae",
    "llc",
    "ca",
    "sl",
    "bv",
    "nv",
    "ag",
];

/// Honorifics and religious titles.
pub(crate) const HONORIFICS: &[&str] = &[
    "alhaj", "alhaji", "cheikh", "dr", "hadji", "haji", "hajj", "hajji", "maulana", "maulvi",
    "mawlana", "mawlawi", "miss", "mlle", "mme", "molvi", "mr", "mrs", "ms", "mulla", "mullah",
    "prof", "shaikh", "shaykh", "sheik", "sheikh", "sir",
];

/// Name particles.
pub(crate) const PARTICLES: &[&str] = &[
    "ad", "al", "an", "ar", "as", "ash", "at", "az", "ben", "bin", "binti", "bint", "bte", "da",
    "das", "de", "del", "della", "den", "der", "des", "di", "dos", "du", "el", "ibn", "la", "le",
    "ul", "van", "von", "y", "zu",
];

/// Function words.
pub(crate) const STOPS: &[&str] = &["and", "et", "for", "i", "of", "the", "und", "ve"];

fn is_in(list: &[&str], t: &str) -> bool {
    list.contains(&t)
}

/// Classifies tokens. `texts[i]` is the token text, `from_hangul[i]` whether it was romanized
/// from Hangul. Linear in the number of tokens.
pub(crate) fn classify(texts: &[String], from_hangul: &[bool]) -> Vec<TokenClass> {
    let n = texts.len();
    let mut classes = vec![TokenClass::Name; n];
    let always: Vec<bool> = texts.iter().map(|t| is_in(ALWAYS_LEGAL, t)).collect();
    let legalish: Vec<bool> = texts
        .iter()
        .zip(&always)
        .map(|(t, &a)| a || is_in(CONTEXT_LEGAL, t))
        .collect();

    // Runs of legal-ish tokens.
    let mut i = 0;
    while i < n {
        if !legalish[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && legalish[i] {
            i += 1;
        }
        let run = start..i;
        let anchored = always[run.clone()].iter().any(|&a| a)
            || (start + 1..i).any(|k| texts[k - 1] == "joint" && texts[k] == "stock");
        if anchored {
            for c in &mut classes[run] {
                *c = TokenClass::LegalForm;
            }
        }
    }
    // Dotted abbreviations at the end: the longest trailing run of short tokens that spells one.
    if n >= 2 {
        let mut joined = String::new();
        let mut best_start = None;
        for start in (1..n).rev() {
            let t = &texts[start];
            if t.len() > 2 {
                break;
            }
            joined.insert_str(0, t);
            if n - start >= 2 && is_in(DOTTED_SUFFIXES, &joined) {
                best_start = Some(start);
            }
        }
        if let Some(s) = best_start {
            for c in &mut classes[s..] {
                *c = TokenClass::LegalForm;
            }
        }
        if classes[n - 1] == TokenClass::Name && is_in(END_LEGAL, &texts[n - 1]) {
            classes[n - 1] = TokenClass::LegalForm;
        }
    }

    // Korean context for `an` / `i`, computed once.
    let mut korean_others: Option<usize> = None;
    let mut count_korean = || -> usize {
        *korean_others.get_or_insert_with(|| {
            texts
                .iter()
                .filter(|t| super::korean_key(t).is_some())
                .count()
        })
    };

    for k in 0..n {
        if classes[k] != TokenClass::Name {
            continue;
        }
        if from_hangul[k] {
            continue;
        }
        let t = texts[k].as_str();
        let class = if is_in(HONORIFICS, t) {
            TokenClass::Honorific
        } else if is_in(PARTICLES, t) {
            if t == "ben" && k == 0 {
                TokenClass::Name
            } else if t == "an" && n >= 3 && count_korean() == n {
                TokenClass::Name
            } else {
                TokenClass::Particle
            }
        } else if is_in(STOPS, t) {
            if t == "i" && n >= 3 && count_korean() == n {
                TokenClass::Name
            } else {
                TokenClass::Stop
            }
        } else {
            TokenClass::Name
        };
        classes[k] = class;
    }

    if !classes.iter().any(|&c| c == TokenClass::Name) {
        classes.iter_mut().for_each(|c| *c = TokenClass::Name);
    }
    classes
}

#[cfg(test)]
mod tests {
    use super::*;
    use TokenClass::*;

    fn cls(s: &str) -> Vec<TokenClass> {
        let texts: Vec<String> = s.split_whitespace().map(str::to_string).collect();
        let hangul = vec![false; texts.len()];
        classify(&texts, &hangul)
    }

    #[test]
    fn legal_forms() {
        assert_eq!(cls("acme co ltd"), [Name, LegalForm, LegalForm]);
        assert_eq!(
            cls("sberbank public joint stock company"),
            [Name, LegalForm, LegalForm, LegalForm, LegalForm]
        );
        assert_eq!(cls("tehran stock exchange"), [Name, Name, Name]);
        assert_eq!(
            cls("vietnam joint stock commercial bank"),
            [Name, LegalForm, LegalForm, Name, Name]
        );
        assert_eq!(
            cls("obshchestvo s ogranichennoy otvetstvennostyu romashka"),
            [LegalForm, LegalForm, LegalForm, LegalForm, Name]
        );
        assert_eq!(
            cls("banco de venezuela s a"),
            [Name, Particle, Name, LegalForm, LegalForm]
        );
        assert_eq!(
            cls("grupo x s a de c v"),
            [Name, Name, LegalForm, LegalForm, LegalForm, LegalForm, LegalForm]
        );
        assert_eq!(cls("acme l l c"), [Name, LegalForm, LegalForm, LegalForm]);
        assert_eq!(cls("maria a"), [Name, Name]);
        assert_eq!(cls("public security bureau"), [Name, Name, Name]);
        assert_eq!(cls("nordic as"), [Name, LegalForm]);
    }

    #[test]
    fn people() {
        assert_eq!(
            cls("sheikh ahmad al hassan"),
            [Honorific, Name, Particle, Name]
        );
        assert_eq!(cls("osama bin laden"), [Name, Particle, Name]);
        assert_eq!(cls("ben smith"), [Name, Name]);
        assert_eq!(
            cls("zine el abidine ben ali"),
            [Name, Particle, Name, Particle, Name]
        );
        assert_eq!(cls("abu bakr"), [Name, Name]);
        assert_eq!(cls("an jong hyok"), [Name, Name, Name]);
        assert_eq!(cls("an nur mosque"), [Particle, Name, Name]);
        assert_eq!(cls("bank of the east"), [Name, Stop, Stop, Name]);
    }

    #[test]
    fn hangul_tokens_are_names_and_fallback() {
        let texts = vec!["i".to_string(), "jeongeun".to_string()];
        assert_eq!(classify(&texts, &[true, true]), [Name, Name]);
        assert_eq!(cls("al"), [Name]);
        assert_eq!(cls("joint stock company"), [Name, Name, Name]);
        assert!(cls("").is_empty());
    }
}
