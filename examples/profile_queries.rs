//! Profiling driver (not a benchmark): loads a bundle and screens the bench query set repeatedly,
//! for `perf record` or `valgrind --tool=callgrind`.
//!
//! `cargo run --release --example profile_queries -- target/watchlist.bin [rounds] [load]`
//! (`load`: time loading only; `list`: print the query set, one a line; `QUERIES=file`: screen
//! the lines of `file` instead; `SLOWEST=n`: list the n slowest queries, each by its fastest
//! round, default 20; `TABLE=1`: build the word table first and print how long it took).
//!
//! Per-query instruction counts, to find the tail without timing noise:
//! `valgrind --tool=callgrind --toggle-collect='*screen_one*'
//! --dump-after=profile_queries::screen_one target/release/examples/profile_queries BUNDLE 1`
//! writes one profile per query, in the order `list` prints them.
use std::time::Duration;

use sanctions_screen::{Options, Query, Watchlist};

// As the CLI and the benchmark (see src/bin/sanctions-screen.rs).
#[cfg(feature = "cli")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "common/queries.rs"]
mod queries;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: profile_queries BUNDLE [rounds] [load|list]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let rounds: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3).max(1);
    if args.get(3).map(String::as_str) == Some("load") {
        for _ in 0..rounds {
            let t = std::time::Instant::now();
            let wl = Watchlist::from_bytes(&bytes).expect("bundle loads");
            std::hint::black_box(&wl);
            eprintln!("load {:?}", t.elapsed());
        }
        return;
    }
    let wl = Watchlist::from_bytes(&bytes).expect("bundle loads");
    if std::env::var_os("TABLE").is_some() {
        let t = std::time::Instant::now();
        wl.build_word_table(2);
        eprintln!("table {:?}", t.elapsed());
    }
    let queries: Vec<String> = match std::env::var("QUERIES") {
        // One query per line instead of the generated set.
        Ok(file) => std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("cannot read {file}: {e}"))
            .lines()
            .map(String::from)
            .collect(),
        Err(_) => queries::bench_set(&wl),
    };
    if args.get(3).map(String::as_str) == Some("list") {
        for q in &queries {
            println!("{q}");
        }
        return;
    }
    time_queries(&wl, &queries, rounds);
}

fn time_queries(wl: &Watchlist, queries: &[String], rounds: usize) {
    let opts = Options::default();
    // Every timing, and each query's fastest round (less noisy on a shared machine).
    let mut times = Vec::new();
    let mut best = vec![Duration::MAX; queries.len()];
    for _ in 0..rounds {
        for (i, q) in queries.iter().enumerate() {
            let t = std::time::Instant::now();
            let found = screen_one(wl, q, &opts);
            let d = t.elapsed();
            std::hint::black_box(found);
            times.push(d);
            best[i] = best[i].min(d);
        }
    }
    times.sort();
    let n = times.len();
    eprintln!(
        "{} queries x {rounds}: p50 {:?} p90 {:?} p99 {:?}",
        queries.len(),
        times[n / 2],
        times[n * 9 / 10],
        times[n * 99 / 100]
    );
    let mut sorted_best = best.clone();
    sorted_best.sort();
    let m = sorted_best.len();
    eprintln!(
        "fastest round per query: p50 {:?} p90 {:?} p99 {:?} total {:?}",
        sorted_best[m / 2],
        sorted_best[m * 9 / 10],
        sorted_best[m * 99 / 100],
        sorted_best.iter().sum::<Duration>()
    );
    let slowest: usize = std::env::var("SLOWEST")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let mut order: Vec<usize> = (0..queries.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(best[i]));
    for &i in order.iter().take(slowest) {
        eprintln!("{:>10.1?} {}", best[i], queries[i]);
    }
}

/// One screening, kept out of line so that `valgrind --tool=callgrind
/// --toggle-collect=profile_queries::screen_one` counts the queries and not the load.
#[inline(never)]
fn screen_one(wl: &Watchlist, q: &str, opts: &Options) -> usize {
    wl.screen(&Query::new(q), opts)
        .map(|r| r.matches.len())
        .unwrap_or(0)
}
