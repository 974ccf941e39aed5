//! Native benchmark on the real lists: build time, load time, and per-query latency (p50/p99)
//! over a fixed query set (each query's median over five rounds, and all samples), without and
//! with the word table (`Watchlist::build_word_table`, and the time it takes), with a
//! brute-force scan as the baseline. Prints figures; asserts nothing about time.
//!
//! `cargo bench --bench screen` (or `make bench`). Lists: `$SANCTIONS_LISTS` or `../shared/lists`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use sanctions_screen::{bundle, ingest, Options, Query, Watchlist};

// The CLI's allocator, so that the figures are the CLI's (see src/bin/sanctions-screen.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../examples/common/queries.rs"]
mod queries;

/// Rounds over the query set (see `main`).
const ROUNDS: usize = 5;

fn pct(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn main() {
    // `cargo test --benches` runs this with `--bench` absent: keep that a quick smoke run.
    let quick = !std::env::args().any(|a| a == "--bench");
    let dir = std::env::var_os("SANCTIONS_LISTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/lists"));

    let t = Instant::now();
    let (entries, lists) = ingest::load_all(&dir, &Vec::new(), &mut |_, _, _| {})
        .unwrap_or_else(|e| panic!("cannot read lists at {}: {e}", dir.display()));
    let t_ingest = t.elapsed();
    let t = Instant::now();
    let data = Watchlist::build_bundle(entries, lists, "2026-01-01T00:00:00Z".into());
    let bytes = bundle::write(&data);
    let t_build = t.elapsed();

    let mut loads: Vec<Duration> = (0..if quick { 1 } else { 7 })
        .map(|_| {
            let t = Instant::now();
            let wl = Watchlist::from_bytes(&bytes).expect("bundle loads");
            std::hint::black_box(&wl);
            t.elapsed()
        })
        .collect();
    loads.sort();
    let wl = Watchlist::from_bytes(&bytes).expect("bundle loads");
    // The same bundle with the word table, as the CLI's `screen` builds it.
    let tabled = Watchlist::from_bytes(&bytes).expect("bundle loads");
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let t = Instant::now();
    let table_bytes = tabled
        .build_word_table(threads)
        .expect("the word table builds");
    let t_table = t.elapsed();

    // Fixed query set: listed names (every 37th name, varied deterministically) and ordinary names.
    let mut queries = queries::bench_set(&wl);
    if quick {
        queries.truncate(50);
    }
    let opts = Options::default();
    // Warm up, then time the set in rounds (each query once a round, so that no query runs
    // twice in a row with its data still in cache). A query's latency is its median over the
    // rounds: on a shared machine a single timing also counts whatever preempted the thread,
    // which moved the all-samples p99 by 1.5x between runs. Both are printed. The two
    // configurations take turns, round by round, so that a slower spell of the machine falls
    // on both.
    for w in [&wl, &tabled] {
        for q in queries.iter().take(100) {
            let _ = w.screen(&Query::new(q.as_str()), &opts);
        }
    }
    let rounds = if quick { 1 } else { ROUNDS };
    let parsed: Vec<Query> = queries.iter().map(|q| Query::new(q.as_str())).collect();
    let mut per_query = [
        vec![Vec::with_capacity(rounds); queries.len()],
        vec![Vec::with_capacity(rounds); queries.len()],
    ];
    let mut flagged = 0;
    for round in 0..rounds {
        for (k, (w, per_query)) in [&wl, &tabled].into_iter().zip(&mut per_query).enumerate() {
            for (query, runs) in parsed.iter().zip(per_query.iter_mut()) {
                let t = Instant::now();
                let r = w.screen(query, &opts);
                runs.push(t.elapsed());
                if round == 0 && k == 0 && r.is_ok_and(|r| !r.matches.is_empty()) {
                    flagged += 1;
                }
            }
        }
    }
    let [plain, table] = per_query.map(|p| Timings::of(p, &queries));
    // Baseline: brute force over every name for a few queries.
    let mut brute: Vec<Duration> = queries
        .iter()
        .step_by((queries.len() / 10).max(1))
        .map(|q| {
            let t = Instant::now();
            let _ = wl.screen_exhaustive(&Query::new(q.as_str()), &opts);
            t.elapsed()
        })
        .collect();
    brute.sort();

    let info = wl.info();
    println!(
        "sanctions-screen native benchmark ({} entries, {} names)",
        info.entries, info.names
    );
    println!(
        "  bundle              {} bytes ({} raw, {})",
        info.bundle_bytes, info.raw_bytes, info.codec
    );
    println!(
        "  ingest lists        {:>10.1} ms",
        t_ingest.as_secs_f64() * 1e3
    );
    println!(
        "  normalize + write   {:>10.1} ms",
        t_build.as_secs_f64() * 1e3
    );
    println!(
        "  load (median of {})  {:>10.1} ms   verify + decompress + index",
        loads.len(),
        pct(&loads, 0.5).as_secs_f64() * 1e3
    );
    println!(
        "  word table          {:>10.1} ms   on {threads} thread{}, {:.1} MB",
        t_table.as_secs_f64() * 1e3,
        if threads == 1 { "" } else { "s" },
        table_bytes as f64 / 1e6
    );
    println!(
        "  queries             {:>10}      ({} with matches)",
        queries.len(),
        flagged
    );
    println!(
        "  per query: the median of {rounds} round{}; without the word table | with it",
        if rounds == 1 { "" } else { "s" }
    );
    for (label, p) in [("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("max", 1.0)] {
        println!(
            "  screen {label}          {:>10.1} µs | {:>8.1} µs",
            us(pct(&plain.medians, p)),
            us(pct(&table.medians, p))
        );
    }
    for (label, t) in [("without", &plain), ("with", &table)] {
        println!(
            "  all {} samples {label} the table: p50 {:.1} µs, p99 {:.1} µs, max {:.1} µs",
            t.samples.len(),
            us(pct(&t.samples, 0.5)),
            us(pct(&t.samples, 0.99)),
            us(pct(&t.samples, 1.0))
        );
    }
    println!(
        "  brute-force median  {:>10.1} µs   (baseline: every name scored, {} queries)",
        us(pct(&brute, 0.5)),
        brute.len()
    );
    for (label, t) in [("without", &plain), ("with", &table)] {
        println!("  slowest ({label} the table) {}", t.slowest.join("; "));
    }
    println!(
        "{{\"entries\":{},\"names\":{},\"bundle_bytes\":{},\"ingest_ms\":{:.1},\"build_ms\":{:.1},\"load_ms\":{:.1},\"word_table_ms\":{:.1},\"word_table_threads\":{threads},\"word_table_bytes\":{table_bytes},\"queries\":{},\"rounds\":{},\"p50_us\":{:.1},\"p99_us\":{:.1},\"max_us\":{:.1},\"all_samples_p99_us\":{:.1},\"table_p50_us\":{:.1},\"table_p99_us\":{:.1},\"table_max_us\":{:.1},\"table_all_samples_p99_us\":{:.1},\"brute_force_median_us\":{:.1}}}",
        info.entries,
        info.names,
        info.bundle_bytes,
        t_ingest.as_secs_f64() * 1e3,
        t_build.as_secs_f64() * 1e3,
        pct(&loads, 0.5).as_secs_f64() * 1e3,
        t_table.as_secs_f64() * 1e3,
        queries.len(),
        rounds,
        us(pct(&plain.medians, 0.5)),
        us(pct(&plain.medians, 0.99)),
        us(pct(&plain.medians, 1.0)),
        us(pct(&plain.samples, 0.99)),
        us(pct(&table.medians, 0.5)),
        us(pct(&table.medians, 0.99)),
        us(pct(&table.medians, 1.0)),
        us(pct(&table.samples, 0.99)),
        us(pct(&brute, 0.5)),
    );
}

/// One configuration's timings: each query's median over the rounds, and every sample, both
/// sorted; the three slowest queries by median.
struct Timings {
    medians: Vec<Duration>,
    samples: Vec<Duration>,
    slowest: Vec<String>,
}

impl Timings {
    fn of(mut per_query: Vec<Vec<Duration>>, queries: &[String]) -> Timings {
        let mut samples: Vec<Duration> = per_query.iter().flatten().copied().collect();
        samples.sort();
        let mut by_median: Vec<(Duration, &String)> = per_query
            .iter_mut()
            .zip(queries)
            .map(|(runs, q)| {
                runs.sort();
                (runs[runs.len() / 2], q)
            })
            .collect();
        by_median.sort_by_key(|a| std::cmp::Reverse(a.0));
        let slowest = by_median
            .iter()
            .take(3)
            .map(|(d, q)| format!("{q:?} {:.0} µs", us(*d)))
            .collect();
        let mut medians: Vec<Duration> = by_median.iter().map(|m| m.0).collect();
        medians.sort();
        Timings {
            medians,
            samples,
            slowest,
        }
    }
}
