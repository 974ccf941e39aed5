//! The fixed query set that `benches/screen.rs` times and `examples/profile_queries.rs`
//! profiles: every 37th listed name, varied deterministically (order reversed, a middle word
//! dropped, a character dropped), then ordinary names.

use sanctions_screen::Watchlist;

/// Ordinary names, each screened 20 times in the set.
const ORDINARY: [&str; 10] = [
    "Emma Daniels",
    "Maria Garcia Lopez",
    "Mohammed Ali Hassan",
    "Wei Zhang",
    "Olga Ivanova",
    "Kim Min Jun",
    "Abdul Rahman Al Saud",
    "Northwind Trading Company Limited",
    "Juan Carlos Martinez",
    "Nguyen Van An",
];

/// The whole set: [`listed_variants`], then each ordinary name 20 times.
pub fn bench_set(wl: &Watchlist) -> Vec<String> {
    let mut queries = listed_variants(wl);
    for n in ORDINARY {
        for _ in 0..20 {
            queries.push(n.to_string());
        }
    }
    queries
}

pub fn listed_variants(wl: &Watchlist) -> Vec<String> {
    let names: Vec<String> = wl
        .entries()
        .iter()
        .flat_map(|e| e.names.iter().map(|n| n.text.clone()))
        .collect();
    let mut queries = Vec::new();
    for (i, n) in names.iter().enumerate().step_by(37) {
        let mut words: Vec<&str> = n
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        match i % 4 {
            0 => words.reverse(),
            1 if words.len() > 2 => {
                words.remove(1);
            }
            _ => {}
        }
        let mut q = words.join(" ");
        if i % 3 == 0 && q.chars().count() > 4 {
            // Drop one character in the middle (a typo).
            let mid = q.chars().count() / 2;
            q = q
                .chars()
                .enumerate()
                .filter(|&(k, _)| k != mid)
                .map(|(_, c)| c)
                .collect();
        }
        queries.push(q);
    }
    queries
}
