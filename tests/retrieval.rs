//! Property test: on the real bundle, indexed search returns exactly what a brute-force scan of
//! every name returns above the threshold, for thousands of generated queries.
//!
//! `RETRIEVAL_CASES` sets the number of queries (default 2000). Run in release mode.

mod common;

use common::Rng;
use sanctions_screen::{Options, Query, Watchlist};

const KEYBOARD: &str = "qwertyuiopasdfghjklzxcvbnm";

fn mutate(rng: &mut Rng, name: &str) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    match rng.below(9) {
        0 => name.to_string(),
        1 if !chars.is_empty() => {
            let i = rng.below(chars.len());
            chars.remove(i);
            chars.into_iter().collect()
        }
        2 => {
            let i = rng.below(chars.len() + 1);
            chars.insert(i, KEYBOARD.chars().nth(rng.below(26)).unwrap_or('a'));
            chars.into_iter().collect()
        }
        3 if chars.len() > 1 => {
            let i = rng.below(chars.len() - 1);
            chars.swap(i, i + 1);
            chars.into_iter().collect()
        }
        4 => {
            // Drop one word.
            let words: Vec<&str> = name.split_whitespace().collect();
            if words.len() < 2 {
                return name.to_string();
            }
            let k = rng.below(words.len());
            words
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != k)
                .map(|(_, w)| *w)
                .collect::<Vec<_>>()
                .join(" ")
        }
        5 => {
            // Reverse word order and join two words.
            let mut words: Vec<String> = name.split_whitespace().map(str::to_string).collect();
            words.reverse();
            if words.len() >= 2 {
                let w = words.remove(1);
                words[0].push_str(&w);
            }
            words.join(" ")
        }
        6 => {
            // One word cut to its initial ("Kum Hyok SONG" -> "K. Hyok SONG").
            let mut words: Vec<String> = name.split_whitespace().map(str::to_string).collect();
            if words.is_empty() {
                return name.to_string();
            }
            let k = rng.below(words.len());
            if let Some(c) = words[k].chars().next() {
                words[k] = format!("{c}.");
            }
            words.join(" ")
        }
        7 => {
            // A legal form added, written one of several ways.
            const FORMS: [&str; 5] = [
                "LLC",
                "OOO",
                "Limited Liability Company",
                "JSC",
                "Co., Ltd.",
            ];
            let form = FORMS[rng.below(FORMS.len())];
            if rng.below(2) == 0 {
                format!("{form} {name}")
            } else {
                format!("{name} {form}")
            }
        }
        _ => {
            // Two substitutions.
            for _ in 0..2 {
                if !chars.is_empty() {
                    let i = rng.below(chars.len());
                    chars[i] = KEYBOARD.chars().nth(rng.below(26)).unwrap_or('a');
                }
            }
            chars.into_iter().collect()
        }
    }
}

/// Every name of every entry, as listed.
fn listed_names(wl: &Watchlist) -> Vec<&str> {
    wl.entries()
        .iter()
        .flat_map(|e| e.names.iter().map(|n| n.text.as_str()))
        .collect()
}

#[test]
fn indexed_search_equals_brute_force_on_the_real_bundle() {
    let Some(wl) = common::real() else { return };
    let cases: usize = std::env::var("RETRIEVAL_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let names = listed_names(wl);
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    // A low threshold makes the comparison strict: everything a scan scores at 0.5 or more.
    let opts = Options::default().review_threshold(0.5).limit(50);
    let mut compared = 0;
    let mut nonempty = 0;
    for i in 0..cases {
        let base = names[rng.below(names.len())];
        let q = if i % 10 == 9 {
            // Mix in two random names' words: queries that mostly should not match.
            let other = names[rng.below(names.len())];
            format!(
                "{} {}",
                base.split_whitespace().next().unwrap_or(""),
                other.split_whitespace().last().unwrap_or("")
            )
        } else {
            mutate(&mut rng, base)
        };
        let query = Query::new(q.clone());
        let (a, b) = match (
            wl.screen(&query, &opts),
            wl.screen_exhaustive(&query, &opts),
        ) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(a), Err(b)) => {
                assert_eq!(a.to_string(), b.to_string());
                continue;
            }
            (a, b) => panic!("{q:?}: indexed {a:?} vs exhaustive {b:?}"),
        };
        assert_eq!(
            a, b,
            "query {q:?} differs between indexed search and brute force"
        );
        compared += 1;
        nonempty += usize::from(!a.matches.is_empty());
    }
    eprintln!("{compared} queries compared, {nonempty} with matches");
    assert!(compared >= cases * 9 / 10);
    assert!(
        nonempty >= compared / 2,
        "too few queries matched anything: the generator is broken"
    );
}

/// The word table (`Watchlist::build_word_table`) changes no result: the same generated
/// queries, and the listed names in every script they are written in, screen the same with it
/// and without it.
#[test]
fn word_table_changes_no_result_on_the_real_bundle() {
    let (Some(wl), Some(bytes)) = (common::real(), common::real_bundle()) else {
        return;
    };
    let tabled = Watchlist::from_bytes(bytes).expect("real bundle loads");
    let held = tabled.build_word_table(2).expect("the word table builds");
    eprintln!("word table: {held} bytes");
    let names = listed_names(wl);
    let mut rng = Rng(0x5EED_1234_ABCD_0002);
    let opts = Options::default().review_threshold(0.5).limit(50);
    // Every name with a letter outside ASCII (other scripts as listed, and Latin letters with
    // diacritics), then generated variants of random names.
    let mut queries: Vec<String> = names
        .iter()
        .filter(|n| n.chars().any(|c| c.is_alphabetic() && !c.is_ascii()))
        .map(|n| n.to_string())
        .collect();
    let scripts = queries.len();
    for _ in 0..2000 {
        let base = names[rng.below(names.len())];
        queries.push(mutate(&mut rng, base));
    }
    for q in &queries {
        let query = Query::new(q.clone());
        let (a, b) = (wl.screen(&query, &opts), tabled.screen(&query, &opts));
        assert_eq!(
            format!("{a:?}"),
            format!("{b:?}"),
            "query {q:?} screens differently with the word table"
        );
    }
    eprintln!(
        "{} queries compared ({scripts} of listed names in their own script)",
        queries.len()
    );
    assert!(scripts > 300, "too few names in other scripts: {scripts}");
}
