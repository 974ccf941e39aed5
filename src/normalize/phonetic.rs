//! Phonetic keys for Latin-script name tokens ([`phonetic_key`]).
//!
//! The key is a consonant skeleton that keeps only three vowel positions: the first vowel group
//! (as a class), and the final vowel group (as a class). Vowels in between are dropped, because
//! that is where transliterations of Arabic, Persian, Turkic and Russian names disagree most.
//! Vowel classes: `a` = a; `e` = e, i, y; `o` = o, u. A vowel group takes the class of its first
//! letter when it is the first group and of its last letter when it ends the word.
//!
//! | rule | example |
//! |---|---|
//! | initial `i` + vowel → `y` (iurii → yurii); initial `ye` → `e` | iurii = yuriy; yevgeniy = evgeniy |
//! | `x` → `ks`, `q` → `k`, `c` (not in `ch`) → `k`, `ck` → `k`, `w` → `v` | alexander = aleksandr; qadir = kadir; wladimir = vladimir |
//! | `dzh`, `dj`, `zh` → `j` | dzhamal = djamal = jamal |
//! | `sh`, `sch`, `shch` → `sh`; `tch`, `ch` → `ch`; `kh` kept distinct | shamil; khan ≠ han |
//! | `ph` → `f`, `th` → `t`, `dh` → `d`, `gh` → `g` | moustapha = mustafa |
//! | `ou`, `oo` → `u`; `ee` → `i` | youssef = yusuf; noor = nur |
//! | doubled letters collapse | hassan = hasan, mohammed = mohamed |
//! | final `h` after a vowel is dropped | abdullah = abdulla |
//! | consonant + consonant + `er` at the end → `r` | alexander = aleksandr |
//! | `y` is a consonant only at the start before a vowel, else a vowel | husayn = hussein, vitaly = vitaliy |
//! | first vowel group kept as class, inner groups dropped, final group kept as class | muhammad = mohammed = mohamed → `mohmd`; abdul = abdel = abdoul → `abdl`; sergeyevich = sergeevich; andreyev = andreev |
//!
//! Deliberately distinct: `ali` (`ale`) ≠ `ela` (`ela`), `hasan` (`hasn`) ≠ `husayn` (`hosn`),
//! `kim` ≠ `kin`, `park` ≠ `bark`, `omar` ≠ `amir`. Known collisions: `karim` = `karam`,
//! `saad` = `said`, `maria` ≠ `mario` but `mario` = `mariu`; the key is an equality signal scored
//! below an exact match, never a match on its own.
//!
//! Tokens that are not all ASCII letters (digits, other scripts) are their own key.

/// The other reading of a token's `j`s and `y`s where transliterations disagree on them: the
/// German, Polish and Czech `j` is the English `y` after a consonant or `i` before a vowel
/// (`tjurin` / `tyurin`, `ljudmila` / `lyudmila`, `marija` / `mariya`) and at the end of a word
/// of five letters or more after `e`, `i` or `y` (`sergej` / `sergey`, `vitalij` / `vitaliy`).
/// A token with such a `j` reads it as `y`; otherwise a token with such a `y` reads it as `j`;
/// other tokens have none.
///
/// The `j` is not folded into the key itself, because the same spellings also write the
/// English `j` (`azizjon` = `azizdzhon`, `larijani`): the matcher tries this variant's key as
/// a second key of a query token.
pub(crate) fn j_y_variant(token: &str) -> Option<String> {
    let b = token.as_bytes();
    if !b.iter().any(|&c| matches!(c, b'j' | b'y'))
        || b.len() < 3
        || !b.iter().all(u8::is_ascii_lowercase)
    {
        return None;
    }
    let ambiguous = |i: usize| -> bool {
        let prev = b[i - 1];
        match b.get(i + 1) {
            None => b.len() >= 5 && matches!(prev, b'e' | b'i' | b'y'),
            // After a consonant, or after `i` (`marija` / `mariya`, `ilijas` / `iliyas`).
            Some(&next) => {
                (!is_vowel(prev) || prev == b'i') && !matches!(prev, b'j' | b'y') && is_vowel(next)
            }
        }
    };
    for (from, to) in [(b'j', b'y'), (b'y', b'j')] {
        let mut out = b.to_vec();
        let mut changed = false;
        for i in 1..b.len() {
            if b[i] == from && ambiguous(i) {
                out[i] = to;
                changed = true;
            }
        }
        if changed {
            return String::from_utf8(out).ok();
        }
    }
    None
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn class(b: u8) -> u8 {
    match b {
        b'a' => b'a',
        b'o' | b'u' => b'o',
        _ => b'e',
    }
}

/// See [`super::phonetic_key`].
pub(crate) fn phonetic_key(token: &str) -> String {
    // `phonetic_key_bytes` writes the key in place in up to two bytes per letter it reads
    // (most tokens read one letter per byte), then cuts it to length: room for that spares a
    // reallocation per key.
    let mut out = String::with_capacity(2 * token.len() + 2);
    phonetic_key_into(token, &mut out);
    out
}

/// Appends the [`phonetic_key`] of `token` to `out`, without allocating once `out` has room.
pub(crate) fn phonetic_key_into(token: &str, out: &mut String) {
    let mut bytes = std::mem::take(out).into_bytes();
    let start = bytes.len();
    phonetic_key_bytes(token, &mut bytes);
    // The key is ASCII or the token itself: always UTF-8.
    *out = String::from_utf8(bytes).unwrap_or_else(|e| {
        let mut bytes = e.into_bytes();
        bytes.truncate(start);
        String::from_utf8(bytes).unwrap_or_default()
    });
}

/// Appends the [`phonetic_key`] of `token` to `out` as UTF-8, without allocating once `out`
/// has room (tokens up to 64 bytes): the vocabulary of a bundle gets its keys this way at load,
/// checked as UTF-8 once for all.
pub(crate) fn phonetic_key_bytes(token: &str, out: &mut Vec<u8>) {
    let b = token.as_bytes();
    // The token in lower case (ASCII letters: set bit 5), then three zero bytes, so that the
    // rules below can look three letters ahead anywhere; checked for letters as it is copied.
    const STACK: usize = 64;
    let mut stack = [0u8; STACK + 3];
    let mut heap = Vec::new();
    let s: &mut [u8] = if b.len() <= STACK {
        &mut stack[..b.len() + 3]
    } else {
        heap.resize(b.len() + 3, 0);
        &mut heap
    };
    let mut letters = b.len() >= 2;
    for (d, &c) in s.iter_mut().zip(b) {
        let l = c | 0x20;
        letters &= l.wrapping_sub(b'a') < 26;
        *d = l;
    }
    // Not all ASCII letters (or too short): the token itself, lower-cased.
    if !letters {
        let start = out.len();
        out.extend_from_slice(b);
        if let Some(key) = out.get_mut(start..) {
            key.make_ascii_lowercase();
        }
        return;
    }
    let n_in = b.len();
    // The initial rules: `i` + vowel → `y`, then `ye` → `e`.
    if n_in > 2 && s[0] == b'i' && is_vowel(s[1]) {
        s[0] = b'y';
    }
    let from = usize::from(n_in > 3 && s[0] == b'y' && s[1] == b'e');
    let s = &*s;

    // Digraphs and letter equivalences (the longest rule that applies), with doubled letters
    // collapsed as they are written: at most two bytes per input byte. `S` = sh, `C` = ch,
    // `H` = kh.
    let mut pstack = [0u8; 2 * STACK];
    let mut pheap = Vec::new();
    let p: &mut [u8] = if n_in <= STACK {
        &mut pstack
    } else {
        pheap.resize(2 * n_in, 0);
        &mut pheap
    };
    let mut n = 0;
    // The last byte written (0 before the first): doubled letters are written once.
    let mut last = 0u8;
    let mut i = from;
    // `s` has three bytes after the token, so the four-byte window is always there (one
    // bounds check instead of four).
    while let Some(&[c0, c1, c2, c3]) = s.get(i..i + 4) {
        let (to, used) = match c0 {
            b's' if c1 == b'h' && c2 == b'c' && c3 == b'h' => (b'S', 4),
            b's' if c1 == b'c' && c2 == b'h' => (b'S', 3),
            b's' if c1 == b'h' => (b'S', 2),
            b'd' if c1 == b'z' && c2 == b'h' => (b'j', 3),
            b'd' if c1 == b'j' => (b'j', 2),
            b'd' if c1 == b'h' => (b'd', 2),
            b't' if c1 == b'c' && c2 == b'h' => (b'C', 3),
            b't' if c1 == b'h' => (b't', 2),
            b'c' if c1 == b'h' => (b'C', 2),
            b'c' if c1 == b'k' => (b'k', 2),
            b'c' => (b'k', 1),
            b'k' if c1 == b'h' => (b'H', 2),
            b'z' if c1 == b'h' => (b'j', 2),
            b'g' if c1 == b'h' => (b'g', 2),
            b'p' if c1 == b'h' => (b'f', 2),
            b'o' if c1 == b'u' || c1 == b'o' => (b'u', 2),
            b'e' if c1 == b'e' => (b'i', 2),
            b'x' => {
                if last != b'k' {
                    if let Some(d) = p.get_mut(n) {
                        *d = b'k';
                    }
                    n += 1;
                }
                last = b'k';
                (b's', 1)
            }
            b'q' => (b'k', 1),
            b'w' => (b'v', 1),
            c => (c, 1),
        };
        if to != last {
            if let Some(d) = p.get_mut(n) {
                *d = to;
            }
            n += 1;
            last = to;
        }
        i += used;
    }
    let Some(p) = p.get_mut(..n) else {
        return;
    };
    if n > 2 && p[n - 1] == b'h' && (is_vowel(p[n - 2]) || p[n - 2] == b'y') {
        n -= 1;
    }
    if n > 4 && p[n - 2] == b'e' && p[n - 1] == b'r' {
        let (c1, c2) = (p[n - 4], p[n - 3]);
        if !is_vowel(c1) && c1 != b'y' && !is_vowel(c2) && c2 != b'y' {
            p[n - 2] = b'r';
            n -= 1;
        }
    }
    let p = &p[..n];

    // Vowel groups: the first kept as its first letter's class, the last (if it ends the key)
    // as its last letter's, the others dropped. `y` is a vowel, except at the start before one.
    // At most two bytes per letter: written in place, then cut to length.
    let start = out.len();
    out.resize(start + 2 * n, 0);
    let key = out.get_mut(start..).unwrap_or_default();
    let mut w = 0;
    let mut put = |c: u8| {
        if let Some(d) = key.get_mut(w) {
            *d = c;
        }
        w += 1;
    };
    let mut seen_vowel = false;
    let mut i = usize::from(p.len() > 1 && p[0] == b'y' && is_vowel(p[1]));
    if i == 1 {
        put(b'y');
    }
    while let Some(&c) = p.get(i) {
        if is_vowel(c) || c == b'y' {
            let start = i;
            i += 1;
            while p.get(i).is_some_and(|&c| is_vowel(c) || c == b'y') {
                i += 1;
            }
            if !seen_vowel {
                put(class(p[start]));
                seen_vowel = true;
            } else if i == n {
                put(class(p[n - 1]));
            }
        } else {
            match c {
                b'S' => {
                    put(b's');
                    put(b'h');
                }
                b'C' => {
                    put(b'c');
                    put(b'h');
                }
                b'H' => {
                    put(b'k');
                    put(b'h');
                }
                c => put(c),
            }
            i += 1;
        }
    }
    out.truncate(start + w);
}

#[cfg(test)]
mod tests {
    use super::phonetic_key as k;
    use super::{class, is_vowel};

    /// The first implementation (one `Vec` per step, a table scan per letter), kept as the
    /// reference the allocation-free one must equal.
    fn reference(token: &str) -> String {
        if token.len() < 2 || !token.bytes().all(|b| b.is_ascii_alphabetic()) {
            return token.to_ascii_lowercase();
        }
        let mut s: Vec<u8> = token.bytes().map(|b| b.to_ascii_lowercase()).collect();
        if s.len() > 2 && s[0] == b'i' && is_vowel(s[1]) {
            s[0] = b'y';
        }
        if s.len() > 3 && s.starts_with(b"ye") {
            s.remove(0);
        }
        let mut p: Vec<u8> = Vec::with_capacity(s.len() + 4);
        let mut i = 0;
        while i < s.len() {
            let rest = &s[i..];
            const DIGRAPHS: &[(&[u8], &[u8])] = &[
                (b"shch", b"S"),
                (b"dzh", b"j"),
                (b"sch", b"S"),
                (b"tch", b"C"),
                (b"sh", b"S"),
                (b"ch", b"C"),
                (b"kh", b"H"),
                (b"zh", b"j"),
                (b"dj", b"j"),
                (b"gh", b"g"),
                (b"ph", b"f"),
                (b"th", b"t"),
                (b"dh", b"d"),
                (b"ck", b"k"),
                (b"ou", b"u"),
                (b"oo", b"u"),
                (b"ee", b"i"),
                (b"x", b"ks"),
                (b"q", b"k"),
                (b"c", b"k"),
                (b"w", b"v"),
            ];
            match DIGRAPHS.iter().find(|(from, _)| rest.starts_with(from)) {
                Some((from, to)) => {
                    p.extend_from_slice(to);
                    i += from.len();
                }
                None => {
                    p.push(s[i]);
                    i += 1;
                }
            }
        }
        p.dedup();
        if p.len() > 2
            && p[p.len() - 1] == b'h'
            && (is_vowel(p[p.len() - 2]) || p[p.len() - 2] == b'y')
        {
            p.pop();
        }
        let n = p.len();
        if n > 4 && p.ends_with(b"er") {
            let (c1, c2) = (p[n - 4], p[n - 3]);
            if !is_vowel(c1) && c1 != b'y' && !is_vowel(c2) && c2 != b'y' {
                p.remove(n - 2);
            }
        }
        let n = p.len();
        let vowel_at = |i: usize| -> bool {
            match p[i] {
                b'y' => !(i == 0 && p.get(1).is_some_and(|&b| is_vowel(b))),
                b => is_vowel(b),
            }
        };
        let mut out = String::with_capacity(n + 2);
        let mut seen_vowel = false;
        let mut i = 0;
        while i < n {
            if vowel_at(i) {
                let start = i;
                while i < n && vowel_at(i) {
                    i += 1;
                }
                if !seen_vowel {
                    out.push(char::from(class(p[start])));
                    seen_vowel = true;
                } else if i == n {
                    out.push(char::from(class(p[n - 1])));
                }
            } else {
                match p[i] {
                    b'S' => out.push_str("sh"),
                    b'C' => out.push_str("ch"),
                    b'H' => out.push_str("kh"),
                    b => out.push(char::from(b)),
                }
                i += 1;
            }
        }
        out
    }

    #[test]
    fn equals_the_reference_on_every_short_token() {
        // Every letter a rule looks at, both cases of a few, and a digit.
        const LETTERS: &[u8] = b"aeiouyshcdzjtkgpxqwrnYEIH1";
        let mut token = Vec::new();
        let mut checked = 0;
        for len in 0..=4u32 {
            for mut code in 0..LETTERS.len().pow(len) {
                token.clear();
                for _ in 0..len {
                    token.push(LETTERS[code % LETTERS.len()]);
                    code /= LETTERS.len();
                }
                let t = std::str::from_utf8(&token).unwrap();
                assert_eq!(k(t), reference(t), "{t}");
                checked += 1;
            }
        }
        assert_eq!(checked, 1 + 26 + 26 * 26 + 26 * 26 * 26 + 26 * 26 * 26 * 26);
    }

    proptest::proptest! {
        #[test]
        fn equals_the_reference(t in "[aeiouyshcdzjtkgpxqwrnmlbfvAEIOUYSHCX]{0,90}|[a-zé1 ]{0,12}") {
            proptest::prop_assert_eq!(k(&t), reference(&t));
            let mut out = String::from("x");
            super::phonetic_key_into(&t, &mut out);
            proptest::prop_assert_eq!(&out[1..], reference(&t));
        }
    }

    fn same(group: &[&str]) {
        let first = k(group[0]);
        for t in &group[1..] {
            assert_eq!(k(t), first, "{} vs {}", group[0], t);
        }
    }

    #[test]
    fn equivalences() {
        same(&[
            "muhammad", "mohammed", "mohamed", "mohammad", "muhammed", "mohamad",
        ]);
        same(&["husayn", "hussein", "hussain", "husein", "hossein"]);
        same(&["abdul", "abdel", "abdoul"]);
        same(&["yusuf", "yousef", "youssef"]);
        same(&["osama", "usama"]);
        same(&["qadir", "kadir"]);
        same(&["sergeyevich", "sergeevich"]);
        same(&["andreyev", "andreev"]);
        same(&["vitaliy", "vitaly", "vitalii"]);
        same(&["yuriy", "yury", "iurii"]);
        same(&["aleksandr", "alexander"]);
        same(&["ahmad", "ahmed"]);
        same(&["omar", "umar"]);
        same(&["abdullah", "abdulla", "abdallah"]);
        same(&["mustafa", "moustapha"]);
        same(&["yevgeniy", "evgeniy", "evgeny"]);
        same(&["dmitriy", "dmitry", "dmitrii"]);
        same(&["sergei", "sergey"]);
        same(&["aleksey", "alexei", "aleksei"]);
        same(&["dzhamal", "djamal", "jamal"]);
        same(&["zakaria", "zakariya"]);
        same(&["wladimir", "vladimir"]);
        same(&["ibrahim", "ebrahim"]);
        same(&["MUHAMMAD", "mohammed"]);
    }

    #[test]
    fn distinctions() {
        for (a, b) in [
            ("ali", "ela"),
            ("kim", "kin"),
            ("park", "bark"),
            ("hasan", "husayn"),
            ("omar", "amir"),
            ("khan", "han"),
            ("ahmad", "mahmud"),
            ("yusuf", "yosef1"),
            ("ivan", "ivanov"),
        ] {
            assert_ne!(k(a), k(b), "{a} vs {b}");
        }
    }

    #[test]
    fn j_and_y_variants() {
        use super::j_y_variant as v;
        let key_of_variant = |t: &str| k(&v(t).unwrap_or_else(|| panic!("{t}: no variant")));
        for (a, b) in [
            ("sergej", "sergey"),
            ("sergey", "sergej"),
            ("andrej", "andrei"),
            ("vitalij", "vitaliy"),
            ("tjurin", "tyurin"),
            ("tyurin", "tjurin"),
            ("zelenjuk", "zelenyuk"),
            ("ljudmila", "lyudmila"),
            ("asatrjan", "asatryan"),
            ("marija", "mariya"),
            ("ilijas", "iliyas"),
            ("maiya", "maija"),
        ] {
            assert_eq!(key_of_variant(a), k(b), "{a} vs {b}");
        }
        // An initial `j`, a final one after `a` or `o` or in a short word, and a doubled one
        // have no other reading.
        for t in [
            "jamal", "pankaj", "manoj", "tej", "hajji", "yusuf", "ali", "muhammad", "ЖУК", "sajid",
        ] {
            assert_eq!(v(t), None, "{t}");
        }
    }

    #[test]
    fn readable_keys_and_passthrough() {
        assert_eq!(k("muhammad"), "mohmd");
        assert_eq!(k("abdul"), "abdl");
        assert_eq!(k("a"), "a");
        assert_eq!(k("1990"), "1990");
        assert_eq!(k("محمد"), "محمد");
        assert_eq!(k(""), "");
    }
}
