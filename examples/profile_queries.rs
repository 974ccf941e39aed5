//! Profiling driver (not a benchmark): loads a bundle and screens the bench query set repeatedly,
//! for `perf record` or `valgrind --tool=callgrind`.
//!
//! `cargo run --release --example profile_queries -- target/watchlist.bin [rounds] [load]`
//! (`load`: time loading only; `QUERIES=file`: screen the lines of `file` instead).
use sanctions_screen::{Options, Query, Watchlist};

#[path = "common/queries.rs"]
mod queries;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).unwrap();
    let rounds: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3);
    if args.get(3).map(String::as_str) == Some("load") {
        for _ in 0..rounds {
            let t = std::time::Instant::now();
            let wl = Watchlist::from_bytes(&bytes).unwrap();
            std::hint::black_box(&wl);
            eprintln!("load {:?}", t.elapsed());
        }
        return;
    }
    let wl = Watchlist::from_bytes(&bytes).unwrap();
    if let Ok(file) = std::env::var("QUERIES") {
        // One query per line instead of the generated set.
        let queries: Vec<String> = std::fs::read_to_string(file)
            .unwrap()
            .lines()
            .map(String::from)
            .collect();
        return time_queries(&wl, &queries, rounds);
    }
    let queries = queries::listed_variants(&wl);
    time_queries(&wl, &queries, rounds);
}

fn time_queries(wl: &Watchlist, queries: &[String], rounds: usize) {
    let opts = Options::default();
    let mut times = Vec::new();
    for _ in 0..rounds {
        for q in queries {
            let t = std::time::Instant::now();
            let r = wl.screen(&Query::new(q.as_str()), &opts).unwrap();
            times.push((t.elapsed(), q.clone()));
            std::hint::black_box(r);
        }
    }
    times.sort();
    let n = times.len();
    eprintln!(
        "p50 {:?} p90 {:?} p99 {:?}",
        times[n / 2].0,
        times[n * 9 / 10].0,
        times[n * 99 / 100].0
    );
    for (d, q) in times.iter().rev().take(15) {
        eprintln!("{d:?} {q}");
    }
}
