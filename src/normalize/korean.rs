//! Canonical keys for romanized Korean syllables ([`korean_key`]).
//!
//! A Latin token is segmented into syllables `initial? vowel final?`, each part spelled in any
//! of the spellings below, and every syllable is rewritten to a canonical spelling. Two tokens
//! get the same key when they are plausible romanizations of the same Hangul, whichever system
//! wrote them: Revised Romanization (RR), McCune–Reischauer without breves and apostrophes (MR,
//! also the North Korean official system), and common ad hoc spellings.
//!
//! | part | canonical | spellings | why | examples |
//! |---|---|---|---|---|
//! | initial ㄱ ㄲ ㅋ | `k` | g k kk gg kh | RR g = MR k; aspiration/tension marks are dropped without apostrophes | kim = gim, kang = gang |
//! | initial ㄷ ㄸ ㅌ | `t` | d t tt dd th | same | dong = tong |
//! | initial ㅂ ㅃ ㅍ | `p` | b p pp bb ph | same | pak = bak |
//! | initial ㅈ ㅉ ㅊ | `j` | j jj ch tch | RR j = MR ch | jong = chong, jo = cho |
//! | initial ㅅ ㅆ | `s` | s ss sh | MR shi | sin = shin |
//! | initial ㄹ | `n`, or none before `i`/`y…` | r l rh | initial-sound rule (South: 리→이, 로→노) | ri = lee = rhee = yi = i; ro = no = roh; ryu = yu |
//! | initial ㄴ | `n`, or none before `i`/`y…` | n | same rule (녀→여) | |
//! | initial ㅁ ㄴ ㅎ | `m` `n` `h` | m, n, h | | |
//! | vowel ㅓ ㅗ ㅜ ㅡ | `o` | eo o u eu oo | MR ŏ/ŭ lose their breve and collide with o/u | kum = keum = geum, un = eun, jeon = chon = jun, so = seo = suh, mun = moon |
//! | vowel ㅕ ㅛ ㅠ | `yo` | yeo yo yu yoo you | same | hyok = hyeok = hyuk, yun = yoon, yong = young |
//! | vowel ㅐ ㅔ | `e` | ae e | merged in modern speech | |
//! | vowel ㅒ ㅖ | `ye` | yae ye | | |
//! | vowel ㅚ ㅙ ㅞ | `we` | oe wae we oi | | choe = choi = chwe |
//! | vowel ㅢ ㅟ | `wi`; ㅢ after a consonant `i` | ui eui wi | ㅢ after a consonant is said ㅣ | hui = hee = hi (희) |
//! | vowel ㅣ | `i` | i ee ie yi | | lee, rhie |
//! | vowel ㅏ ㅑ ㅘ ㅝ | `a` `ya` `wa` `wo` | a, ya, wa, wo weo | | han, kang |
//! | final | `k n t l m p ng` | k, rk (park), n, t, l r, m, p b, ng; `h` (roh, oh, ahn) is silent | | park = pak, oh = o, sop = seob |
//!
//! Segmentation is a dynamic program over the token: fewest syllables first, then, among equal
//! counts, the longest earliest syllable (`jongun` → jong+un, not jon+gun; `kimil` → kim+il).
//! A silent `h` final is accepted only before a consonant or at the end (`ohyun` → o+hyun).
//! A final `ng` before a syllable without an initial is keyed as `n` + initial `g`, since the
//! letters read both ways (`chongchongang` = chong+chon+gang, `songi` = son+gi, `ryongwang` =
//! `yeonkwang`). Otherwise the key of a joined token equals the concatenation of the keys of
//! its parts: `korean_key("kumhyok") == korean_key("kum") + korean_key("hyok")`.

/// Longest token considered, in bytes (6+ syllables are rejected anyway).
const MAX_LEN: usize = 30;
/// Most syllables a token may have.
const MAX_SYLLABLES: u8 = 5;

/// Initial consonant spellings starting with byte `b`, with their canonical class.
fn initials(b: u8) -> &'static [(&'static str, u8)] {
    match b {
        b'g' => &[("g", b'k'), ("gg", b'k')],
        b'k' => &[("k", b'k'), ("kk", b'k'), ("kh", b'k')],
        b'n' => &[("n", b'n')],
        b'd' => &[("d", b't'), ("dd", b't')],
        b't' => &[("t", b't'), ("tt", b't'), ("th", b't'), ("tch", b'j')],
        b'r' => &[("r", b'r'), ("rh", b'r')],
        b'l' => &[("l", b'r')],
        b'm' => &[("m", b'm')],
        b'b' => &[("b", b'p'), ("bb", b'p')],
        b'p' => &[("p", b'p'), ("pp", b'p'), ("ph", b'p')],
        b's' => &[("s", b's'), ("ss", b's'), ("sh", b's')],
        b'j' => &[("j", b'j'), ("jj", b'j')],
        b'c' => &[("ch", b'j')],
        b'h' => &[("h", b'h')],
        _ => &[],
    }
}

/// Vowel spellings starting with byte `b`, with their canonical class.
fn vowels(b: u8) -> &'static [(&'static str, &'static str)] {
    match b {
        b'a' => &[("a", "a"), ("ae", "e")],
        b'e' => &[
            ("e", "e"),
            ("eo", "o"),
            ("eu", "o"),
            ("eui", "ui"),
            ("ee", "i"),
        ],
        b'y' => &[
            ("ya", "ya"),
            ("yae", "ye"),
            ("ye", "ye"),
            ("yeo", "yo"),
            ("yo", "yo"),
            ("yu", "yo"),
            ("yoo", "yo"),
            ("you", "yo"),
            ("yi", "i"),
        ],
        b'o' => &[("o", "o"), ("oo", "o"), ("oe", "we"), ("oi", "we")],
        b'u' => &[("u", "o"), ("ui", "ui")],
        b'w' => &[
            ("wa", "wa"),
            ("wae", "we"),
            ("we", "we"),
            ("wo", "wo"),
            ("weo", "wo"),
            ("wi", "wi"),
            ("woo", "o"),
            ("wu", "o"),
        ],
        b'i' => &[("i", "i"), ("ie", "i")],
        _ => &[],
    }
}

/// Final consonant spellings starting with byte `b`, with their canonical value.
fn finals(b: u8) -> &'static [(&'static str, &'static str)] {
    match b {
        b'k' => &[("k", "k")],
        b'b' => &[("b", "p")],
        b'r' => &[("r", "l"), ("rk", "k")],
        b'n' => &[("n", "n"), ("ng", "ng")],
        b't' => &[("t", "t")],
        b'l' => &[("l", "l")],
        b'm' => &[("m", "m")],
        b'p' => &[("p", "p")],
        b'h' => &[("h", ""), ("hn", "n")],
        _ => &[],
    }
}

/// Every letter a vowel or a final spelling ends with (see [`vowels`], [`finals`]).
const ENDINGS: &[u8] = b"abeiougklmnprth";

/// One parsed syllable: length in bytes and canonical parts.
#[derive(Clone, Copy)]
struct Syllable {
    len: u8,
    initial: u8,
    vowel: &'static str,
    fin: &'static str,
}

fn is_vowel_letter(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'w')
}

/// `s` without the prefix `p`, if it starts with it: [`slice::strip_prefix`] compared in line
/// (the spellings are one to three letters, and a call to `memcmp` per spelling tried cost
/// more than the comparison).
#[inline(always)]
fn strip<'a>(s: &'a [u8], p: &str) -> Option<&'a [u8]> {
    let p = p.as_bytes();
    let (head, tail) = s.split_at_checked(p.len())?;
    head.iter().zip(p).all(|(a, b)| a == b).then_some(tail)
}

/// Calls `f` for every syllable that can start at `pos` of `s`.
fn syllables_at(s: &[u8], pos: usize, mut f: impl FnMut(Syllable)) {
    let rest = &s[pos..];
    let Some(&first) = rest.first() else { return };
    let with_initial = initials(first)
        .iter()
        .filter_map(|&(ini, class)| Some((strip(rest, ini)?, class)));
    for (after_i, class) in std::iter::once((rest, 0u8)).chain(with_initial) {
        let Some(&v0) = after_i.first() else { continue };
        for &(vow, vclass) in vowels(v0) {
            let Some(after_v) = strip(after_i, vow) else {
                continue;
            };
            let fins = after_v.first().map_or(&[][..], |&b| finals(b));
            for &(fin, fclass) in std::iter::once(&("", "")).chain(fins) {
                let Some(after_f) = strip(after_v, fin) else {
                    continue;
                };
                // A silent `h` must not steal the initial of a following syllable.
                if fin == "h" && after_f.first().is_some_and(|&b| is_vowel_letter(b)) {
                    continue;
                }
                // `rk` (park) only at the end, where it cannot be r + next initial.
                if fin == "rk" && !after_f.is_empty() {
                    continue;
                }
                let len = rest.len() - after_f.len();
                if len > 0 && len <= u8::MAX as usize {
                    f(Syllable {
                        len: len as u8,
                        initial: class,
                        vowel: vclass,
                        fin: fclass,
                    });
                }
            }
        }
    }
}

fn render(syl: Syllable, out: &mut String) {
    // ㅢ after a consonant is said, and often written, as ㅣ (희 hui = hee = hi).
    let vowel = match syl.vowel {
        "ui" if syl.initial != 0 => "i",
        "ui" => "wi",
        v => v,
    };
    let front = vowel == "i" || vowel.starts_with('y');
    let initial = match syl.initial {
        // Initial-sound rule: ㄹ → ㄴ, and ㄹ/ㄴ → silent before i / y-vowels.
        b'r' | b'n' if front => 0,
        b'r' => b'n',
        c => c,
    };
    if initial != 0 {
        out.push(char::from(initial));
    }
    out.push_str(vowel);
    out.push_str(syl.fin);
}

/// See [`super::korean_key`].
pub(crate) fn korean_key(token: &str) -> Option<String> {
    korean_syllables(token).map(|(key, _)| key)
}

/// [`korean_key`] and the number of syllables it read.
pub(crate) fn korean_syllables(token: &str) -> Option<(String, usize)> {
    let s = token.as_bytes();
    let n = s.len();
    if n == 0 || n > MAX_LEN || !s.iter().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut lower = [0u8; MAX_LEN];
    for (d, b) in lower.iter_mut().zip(s) {
        *d = b.to_ascii_lowercase();
    }
    let s = &lower[..n];
    if n == 1 && !matches!(s[0], b'a' | b'e' | b'i' | b'o' | b'u') {
        return None;
    }
    // Letters no romanization of Korean uses.
    if s.iter()
        .any(|b| matches!(b, b'f' | b'q' | b'v' | b'x' | b'z'))
    {
        return None;
    }
    // The last syllable ends with the last letter of a vowel or of a final spelling.
    if !s.last().is_some_and(|&b| ENDINGS.contains(&b)) {
        return None;
    }
    // best[i]: fewest syllables that parse s[i..]; u8::MAX = impossible.
    let mut best = [u8::MAX; MAX_LEN + 1];
    best[n] = 0;
    for i in (0..n).rev() {
        let mut b = u8::MAX;
        syllables_at(s, i, |syl| {
            let rest = best[i + syl.len as usize];
            if rest < u8::MAX {
                b = b.min(rest + 1);
            }
        });
        best[i] = b;
    }
    if best[0] == u8::MAX || best[0] > MAX_SYLLABLES {
        return None;
    }
    let empty = Syllable {
        len: 0,
        initial: 0,
        vowel: "",
        fin: "",
    };
    let mut syls = [empty; MAX_SYLLABLES as usize];
    let mut count = 0;
    let mut i = 0;
    while i < n {
        let mut chosen: Option<Syllable> = None;
        syllables_at(s, i, |syl| {
            let end = i + syl.len as usize;
            let longer = match chosen {
                None => true,
                Some(c) => syl.len > c.len,
            };
            if best[end] != u8::MAX && best[end] + 1 == best[i] && longer {
                chosen = Some(syl);
            }
        });
        let syl = chosen?;
        *syls.get_mut(count)? = syl;
        count += 1;
        i += syl.len as usize;
    }
    let syls = &mut syls[..count];
    // `ng` before a syllable without an initial also reads as `n` + `g` (`chongang` is
    // chong+ang or chon+gang): one spelling for both.
    for k in 1..syls.len() {
        if syls[k - 1].fin == "ng" && syls[k].initial == 0 {
            syls[k - 1].fin = "n";
            syls[k].initial = b'k';
        }
    }
    let mut out = String::with_capacity(n + 4);
    for syl in syls.iter() {
        render(*syl, &mut out);
    }
    Some((out, count))
}

/// A summary of `token` that [`korean_key`] keeps: the sequence of its letters of the classes
/// g k, b p, m, s, j c, d t (a `t` before c, j or t left out), and vowel (a e i o u w y), other
/// letters left out and each run of one class counted once (the key `kimjongun` of
/// `gimjeongeun` gives the same value). Every syllable keeps it: an initial or final spelling
/// writes a letter of one of the consonant classes as a letter of the same class (k, kk, g,
/// gg, kh → k; b, p, pp, ph → p; m; s, ss, sh → s; j, jj, ch, tch → j; d, dd, t, tt, th → t;
/// final ng → ng, or n and the next syllable's k) and writes no other letter as one of them; a
/// vowel spelling is vowels and becomes vowels.
///
/// The value also tells the class of the last letter: a e i o u h, k, b p, r l, n, g, t, m, or
/// another. A token ends with the last letter of a vowel spelling (a e i o u), which its key
/// ends with a vowel for, or of a final spelling, whose canonical one ends with a letter of the
/// same class (k rk → k, b p → p, r l → l, n hn → n, ng → ng, t, m; a silent h leaves the
/// key ending with the vowel before it).
///
/// So a token and its key always agree, and tokens whose values differ cannot share a key: a
/// caller can skip computing keys that cannot be among a known set's.
pub(crate) fn letter_classes(token: &str) -> u64 {
    let end = match token.bytes().last().map(|b| b.to_ascii_lowercase()) {
        Some(b'a' | b'e' | b'i' | b'o' | b'u' | b'h') => 1,
        Some(b'k') => 2,
        Some(b'b' | b'p') => 3,
        Some(b'r' | b'l') => 4,
        Some(b'n') => 5,
        Some(b'g') => 6,
        Some(b't') => 7,
        Some(b'm') => 8,
        _ => 0,
    };
    let mut value = 0u64;
    let mut last = 0u64;
    let bytes = token.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        let class = match b.to_ascii_lowercase() {
            b'g' | b'k' => 1,
            b'b' | b'p' => 2,
            b'm' => 3,
            b's' => 4,
            b'j' | b'c' => 5,
            b'a' | b'e' | b'i' | b'o' | b'u' | b'w' | b'y' => 6,
            // A `t` before `c`, `j` or `t` is left out: `tch` is j, read at its `c`, and a
            // final `t` before a `ch`, `j` or `t` initial is keyed `tj` or `tt`, read as j or t.
            b't' if bytes
                .get(i + 1)
                .is_some_and(|c| matches!(c.to_ascii_lowercase(), b'c' | b'j' | b't')) =>
            {
                continue
            }
            b'd' | b't' => 7,
            _ => continue,
        };
        if class != last {
            value = value.wrapping_mul(8).wrapping_add(class);
            last = class;
        }
    }
    value.wrapping_mul(16).wrapping_add(end)
}

#[cfg(test)]
mod tests {
    #[test]
    fn woo_and_hahn_spellings() {
        // 우 is written u, woo or wu; 한 also hahn.
        assert_eq!(k("woo"), k("u"));
        assert_eq!(k("wu"), k("u"));
        assert_eq!(k("hahn"), k("han"));
        assert_ne!(k("wo"), k("u"));
    }

    use super::korean_key as k;

    #[test]
    fn endings_are_the_last_letters_of_every_vowel_and_final() {
        let mut last: Vec<u8> = (b'a'..=b'z')
            .flat_map(|b| {
                let v = super::vowels(b).iter().map(|v| v.0);
                let f = super::finals(b).iter().map(|f| f.0);
                v.chain(f)
                    .filter_map(|s| s.bytes().last())
                    .collect::<Vec<_>>()
            })
            .collect();
        last.sort_unstable();
        last.dedup();
        let mut endings = super::ENDINGS.to_vec();
        endings.sort_unstable();
        assert_eq!(last, endings);
        assert_eq!(k("kimd"), None);
        assert!(k("kim").is_some());
    }

    fn same(group: &[&str]) {
        let first = k(group[0]);
        assert!(first.is_some(), "{} has no key", group[0]);
        for t in &group[1..] {
            assert_eq!(k(t), first, "{} vs {}", group[0], t);
        }
    }

    #[test]
    fn equivalences() {
        same(&["kum", "keum", "geum"]);
        same(&["hyok", "hyeok", "hyuk"]);
        same(&["jong", "jeong", "chong"]);
        same(&["un", "eun"]);
        same(&["ri", "lee", "rhee", "yi", "i", "rhie", "li"]);
        same(&["pak", "park", "bak"]);
        same(&["choe", "choi", "chwe"]);
        same(&["sin", "shin"]);
        same(&["kim", "gim"]);
        same(&["ryu", "yu", "yoo"]);
        same(&["ro", "no", "roh"]);
        same(&["o", "oh"]);
        same(&["so", "seo", "suh"]);
        same(&["kang", "gang"]);
        same(&["jo", "cho"]);
        same(&["chon", "jeon", "jun"]);
        same(&["yun", "yoon"]);
        same(&["mun", "moon"]);
        same(&["han", "han"]);
    }

    #[test]
    fn joined_forms() {
        assert_eq!(k("kumhyok"), k("geumhyeok"));
        let joined = format!(
            "{}{}",
            k("kum").unwrap_or_default(),
            k("hyok").unwrap_or_default()
        );
        assert_eq!(k("kumhyok"), Some(joined));
        // `ng` before a vowel reads as n + g too.
        same(&["jongun", "jeongeun", "jongeun", "jeongun", "jeongeun"]);
        assert_ne!(k("jongun"), k("jongkun"));
        same(&["namchongang", "namjeonkang", "namcheongang"]);
        same(&["chongchongang", "chongjeonkang", "jongchongang"]);
        same(&["ryongwang", "yeonkwang", "ryonkwang"]);
        assert_ne!(k("ryongwang"), k("ryonggwang"));
        same(&["songi", "sohnki"]);
        assert_ne!(k("jongun"), k("jongnun"));
        assert_eq!(k("kimjongun"), k("gimjeongeun"));
    }

    #[test]
    fn distinctions() {
        assert_eq!(k("song"), k("song"));
        assert_ne!(k("song"), k("sang"));
        assert_ne!(k("kim"), k("kin"));
        assert_ne!(k("pak"), k("han"));
        assert_ne!(k("o"), k("ro"));
    }

    #[test]
    fn non_korean() {
        for t in [
            "smith",
            "daniels",
            "",
            "j",
            "x",
            "strength",
            "kimjongunkimjongun",
            "abc1",
            "ñu",
        ] {
            assert_eq!(k(t), None, "{t}");
        }
        // More than five syllables.
        assert_eq!(k("kimkimkimkimkimkim"), None);
        assert!(k("kimkimkimkimkim").is_some());
    }

    #[test]
    fn letter_classes_survive_keying() {
        use super::letter_classes as c;
        for t in [
            "gimjeongeun",
            "kumhyok",
            "chongchongang",
            "songi",
            "park",
            "tchoi",
            "hahn",
            "shin",
            "ppang",
            "kkim",
            "jjang",
            "ohyun",
            "ryongwang",
        ] {
            let key = k(t).unwrap_or_else(|| panic!("{t} has a key"));
            assert_eq!(c(t), c(&key), "{t} / {key}");
        }
        assert_ne!(c("kim"), c("pim"));
        assert_ne!(c("kim"), c("kin"));
        assert_ne!(c("kang"), c("kan"));
        assert_eq!(c("park"), c("pak"));
        assert_eq!(c("roh"), c("no"));
        assert_ne!(c("kim"), c("kimt"));
        assert_eq!(c("tchoi"), c("choi"));
        assert_eq!(c("dong"), c("tong"));
        assert_ne!(c("ation"), c("an"));
        assert_eq!(c("atcha"), c("atja"));
        assert_eq!(c("attcha"), c("atja"));
        assert_eq!(c("satdong"), c("sattong"));
        assert_ne!(c("kim"), c("kimi"));
        assert_ne!(c("kimsong"), c("songkim"));
        assert_eq!(c("KIM"), c("kim"));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Whatever a token's key, the key has the token's letter classes (so tokens of
        /// other classes can skip keying).
        #[test]
        fn key_keeps_letter_classes(t in "[abcdeghijklmnoprstuwy]{1,14}") {
            if let Some(key) = k(&t) {
                proptest::prop_assert_eq!(
                    super::letter_classes(&t),
                    super::letter_classes(&key),
                    "{} / {}", t, key
                );
            }
        }

        /// The same for tokens made of syllable-like pieces, which have keys more often.
        #[test]
        fn syllable_tokens_keep_letter_classes(
            t in "((g|k|kk|kh|d|t|tt|th|tch|r|l|rh|n|m|b|p|pp|ph|s|ss|sh|j|jj|ch|h)?\
    (a|ae|e|eo|eu|eui|ee|ya|yae|ye|yeo|yo|yu|yoo|you|yi|o|oo|oe|oi|u|ui|wa|wae|we|wo|weo|wi|woo|wu|i|ie)\
    (k|b|r|rk|n|ng|t|l|m|p|h|hn)?){1,4}"
        ) {
            if let Some(key) = k(&t) {
                proptest::prop_assert_eq!(
                    super::letter_classes(&t),
                    super::letter_classes(&key),
                    "{} / {}", t, key
                );
            }
        }
    }
}
