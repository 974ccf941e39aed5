//! The `sanctions-screen` command-line tool: a thin layer over the library.
//!
//! ```text
//! sanctions-screen build --lists ../shared/lists --out target/watchlist.bin
//! sanctions-screen info target/watchlist.bin
//! echo 'Song Kum Hyok' | sanctions-screen screen --bundle target/watchlist.bin
//! sanctions-screen verify target/watchlist.bin
//! sanctions-screen eval --bundle target/watchlist.bin
//! ```

use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sanctions_screen::{bundle, eval, ingest, ListId, Options, Query, Watchlist};

// mimalloc: a screen allocates a few hundred small buffers, and mimalloc's allocation and free
// cost a fraction of glibc's (the 40 slowest bench queries: 5.5 % fewer instructions).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// When `screen` builds the word table (see `Watchlist::build_word_table`).
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum WordTable {
    Auto,
    On,
    Off,
}

#[derive(Parser)]
#[command(
    name = "sanctions-screen",
    version,
    about = "Screen names against a compact sanctions watchlist bundle"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Build a bundle from the official list files.
    Build {
        /// Directory holding ofac-sdn/, ofac-cons/ and un/ in the official layouts.
        #[arg(long, env = "SANCTIONS_LISTS", default_value = "../shared/lists")]
        lists: PathBuf,
        /// Where to write the bundle.
        #[arg(long, default_value = "target/watchlist.bin")]
        out: PathBuf,
        /// Overwrite an existing output file.
        #[arg(long)]
        force: bool,
        /// `full` keeps everything the lists give; `screening` (for the browser) leaves out
        /// passport and national-ID numbers, which no screening query uses.
        #[arg(long, default_value = "full")]
        profile: String,
        /// Publication date of a list whose files carry none, e.g. `OFAC-SDN=2026-08-20`. Repeatable.
        #[arg(long = "as-of", value_name = "LIST=DATE")]
        as_of: Vec<String>,
    },
    /// Show what a bundle contains: lists, dates, counts, sizes, checksum.
    Info {
        /// The bundle.
        bundle: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Check a bundle's integrity (magic, version, checksum, content).
    Verify {
        /// The bundle.
        bundle: PathBuf,
    },
    /// Screen queries from stdin (one per line: a name, or a JSON object); JSON lines out.
    Screen {
        /// The bundle.
        #[arg(long, default_value = "target/watchlist.bin")]
        bundle: PathBuf,
        /// Minimum score reported; matches at or above it are `review`.
        #[arg(long, default_value_t = Options::default().review_threshold)]
        threshold: f64,
        /// Score at or above which a match is `match`.
        #[arg(long, default_value_t = Options::default().match_threshold)]
        match_threshold: f64,
        /// Most matches per query.
        #[arg(long, default_value_t = Options::default().limit)]
        limit: usize,
        /// The word table, which makes queries about twice as fast for half a second of CPU
        /// and about 11 MB (results are the same without it): `auto` builds it on another
        /// core while the first queries are screened (with two cores or more), `on` before
        /// the first query, `off` never.
        #[arg(long, value_enum, default_value_t = WordTable::Auto)]
        word_table: WordTable,
    },
    /// Measure matching quality on a generated, labelled development set.
    Eval {
        /// The bundle.
        #[arg(long, default_value = "target/watchlist.bin")]
        bundle: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Random seed of the generated set (default: the harness's fixed seed).
        #[arg(long)]
        seed: Option<u64>,
        /// Number of positives and of negatives (default: 3000 each).
        #[arg(long)]
        size: Option<usize>,
        /// Review threshold to evaluate at.
        #[arg(long, default_value_t = Options::default().review_threshold)]
        threshold: f64,
        /// Match threshold to evaluate at.
        #[arg(long, default_value_t = Options::default().match_threshold)]
        match_threshold: f64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let res = match cli.cmd {
        Cmd::Build {
            lists,
            out,
            force,
            profile,
            as_of,
        } => build(&lists, &out, force, &profile, &as_of),
        Cmd::Info { bundle, json } => info(&bundle, json),
        Cmd::Verify { bundle } => verify(&bundle),
        Cmd::Screen {
            bundle,
            threshold,
            match_threshold,
            limit,
            word_table,
        } => {
            let opts = Options::default()
                .review_threshold(threshold)
                .match_threshold(match_threshold)
                .limit(limit);
            screen(&bundle, &opts, word_table)
        }
        Cmd::Eval {
            bundle,
            json,
            seed,
            size,
            threshold,
            match_threshold,
        } => {
            let opts = Options::default()
                .review_threshold(threshold)
                .match_threshold(match_threshold);
            eval(&bundle, json, seed, size, &opts)
        }
    };
    match res {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn bar(len: u64, msg: &str) -> ProgressBar {
    let pb = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr_with_hz(10));
    pb.set_style(
        ProgressStyle::with_template("{spinner} {msg:<12} [{bar:30}] {pos}/{len} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    pb.set_message(msg.to_string());
    pb
}

fn load(path: &Path) -> Result<Watchlist> {
    let bytes = std::fs::read(path).with_context(|| {
        format!(
            "cannot read bundle {}: build one with `sanctions-screen build --out {}`",
            path.display(),
            path.display()
        )
    })?;
    Watchlist::from_bytes(&bytes).with_context(|| format!("cannot load bundle {}", path.display()))
}

fn build(lists: &Path, out: &Path, force: bool, profile: &str, as_of: &[String]) -> Result<()> {
    let profile: bundle::Profile = profile
        .parse()
        .map_err(|e| anyhow::anyhow!("--profile: {e}"))?;
    if out.exists() && !force {
        bail!(
            "{} already exists: pass --force to overwrite it",
            out.display()
        );
    }
    let mut overrides = Vec::new();
    for a in as_of {
        let (l, d) = a
            .split_once('=')
            .with_context(|| format!("--as-of {a:?}: expected LIST=YYYY-MM-DD"))?;
        let list = ListId::parse(l).with_context(|| {
            format!("--as-of {a:?}: unknown list {l:?} (use OFAC-SDN, OFAC-CONS or UN)")
        })?;
        if !is_iso_date(d) {
            bail!("--as-of {a:?}: the date must be YYYY-MM-DD");
        }
        overrides.push((list, d.to_string()));
    }
    let t0 = Instant::now();
    let pb = bar(0, "reading");
    let mut current = String::new();
    let (entries, infos) = ingest::load_all(
        lists,
        &overrides,
        &mut |label: &str, done: u64, total: u64| {
            if current != label {
                current = label.to_string();
                pb.set_message(label.to_string());
                pb.set_position(0);
            }
            pb.set_length(total.max(done));
            pb.set_position(done);
        },
    )
    .with_context(|| format!("cannot read the lists under {}", lists.display()))?;
    pb.finish_and_clear();
    let t_read = t0.elapsed();
    let mut data = Watchlist::build_bundle(entries, infos, built_at()?);
    bundle::apply_profile(&mut data, profile);
    let bytes = bundle::write(&data);
    let t_build = t0.elapsed();
    // Prove the bundle loads before it replaces anything.
    let wl = Watchlist::from_bytes(&bytes)
        .context("the bundle just written does not load back (a bug: please report it)")?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let tmp = out.with_extension("tmp");
    std::fs::write(&tmp, &bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, out)
        .with_context(|| format!("cannot move {} to {}", tmp.display(), out.display()))?;
    let info = wl.info();
    for l in &info.lists {
        eprintln!(
            "  {:<10} {:>6} entries {:>6} names  dated {} ({})",
            l.list.as_str(),
            l.entries,
            l.names,
            l.date,
            l.date_source
        );
    }
    eprintln!(
        "wrote {}: {} entries, {} names, {} bytes ({} raw, {}), checksum {} — read {:.2?}, built {:.2?}",
        out.display(),
        info.entries,
        info.names,
        info.bundle_bytes,
        info.raw_bytes,
        info.codec,
        info.checksum,
        t_read,
        t_build - t_read
    );
    if let Some(note) = wire_note(&info.codec, &bytes) {
        eprintln!("{note}");
    }
    Ok(())
}

/// For a bundle stored without compression (the screening profile), what it weighs on the wire
/// when a server sends it compressed, and that it must: it is compressed by HTTP, not inside.
fn wire_note(codec: &str, bytes: &[u8]) -> Option<String> {
    (codec == "stored").then(|| {
        let gz = miniz_oxide::deflate::compress_to_vec(bytes, 9).len() + 18;
        format!(
            "stored uncompressed for the browser: serve it with Content-Encoding (gzip -9: about {gz} bytes on the wire; `scripts/precompress.mjs` writes .gz and .br files)"
        )
    })
}

fn is_iso_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// `SOURCE_DATE_EPOCH` (reproducible builds) or the current time, as RFC 3339 UTC.
fn built_at() -> Result<String> {
    let secs = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .with_context(|| format!("SOURCE_DATE_EPOCH={v:?} is not a number of seconds"))?,
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0),
    };
    Ok(rfc3339(secs))
}

fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn info(path: &Path, json: bool) -> Result<()> {
    let t0 = Instant::now();
    let wl = load(path)?;
    let load_time = t0.elapsed();
    let info = wl.info();
    if json {
        println!("{}", serde_json::to_string_pretty(info)?);
        return Ok(());
    }
    println!("bundle      {}", path.display());
    println!(
        "format      version {}, codec {}, profile {}",
        info.format_version, info.codec, info.profile
    );
    println!(
        "built       {} by sanctions-screen {}",
        info.built_at, info.tool_version
    );
    println!(
        "size        {} bytes ({} bytes decompressed)",
        info.bundle_bytes, info.raw_bytes
    );
    println!("checksum    crc32 {}", info.checksum);
    println!("entries     {} ({} names)", info.entries, info.names);
    for l in &info.lists {
        println!(
            "  {:<10} {:>6} entries {:>6} names  dated {} ({})",
            l.list.as_str(),
            l.entries,
            l.names,
            l.date,
            l.date_source
        );
    }
    println!("load        {load_time:.2?} (verify, decompress, index)");
    if let Some(note) = std::fs::read(path)
        .ok()
        .and_then(|bytes| wire_note(&info.codec, &bytes))
    {
        println!("wire        {note}");
    }
    Ok(())
}

fn verify(path: &Path) -> Result<()> {
    let wl = load(path)?;
    let i = wl.info();
    println!(
        "ok: {} is intact (format {}, crc32 {}, {} entries)",
        path.display(),
        i.format_version,
        i.checksum,
        i.entries
    );
    Ok(())
}

fn screen(path: &Path, opts: &Options, word_table: WordTable) -> Result<()> {
    let wl = std::sync::Arc::new(load(path)?);
    // Check the options once, up front: a bad threshold is an unusable argument.
    if let Err(e) = wl.screen(&Query::new("x"), opts) {
        bail!("{e}");
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    match word_table {
        // On the other cores, leaving this thread its own; a short input ends the process
        // before the table is done, and the queries never wait for it.
        WordTable::Auto if cores >= 2 => {
            let wl = std::sync::Arc::clone(&wl);
            std::thread::spawn(move || wl.build_word_table(cores - 1));
        }
        WordTable::On => {
            let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(10));
            pb.set_message("building the word table");
            pb.enable_steady_tick(std::time::Duration::from_millis(100));
            let built = wl.build_word_table(cores);
            pb.finish_and_clear();
            if built.is_none() {
                eprintln!("warning: the word table could not be built; screening without it");
            }
        }
        WordTable::Auto | WordTable::Off => {}
    }
    let stdin = std::io::stdin();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut lines = 0u64;
    let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(4));
    pb.set_style(
        ProgressStyle::with_template("{spinner} screened {pos} queries ({per_sec})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    for line in stdin.lock().split(b'\n') {
        let line = line.context("cannot read stdin")?;
        lines += 1;
        let text = String::from_utf8_lossy(&line);
        let text = text.strip_suffix('\r').unwrap_or(&text);
        let value = match parse_query(text) {
            Ok(q) => match wl.screen(&q, opts) {
                Ok(r) => serde_json::to_value(&r)?,
                Err(e) => serde_json::json!({ "line": lines, "error": e.to_string() }),
            },
            Err(e) => serde_json::json!({ "line": lines, "error": e }),
        };
        serde_json::to_writer(&mut out, &value)?;
        out.write_all(b"\n")?;
        pb.inc(1);
    }
    pb.finish_and_clear();
    out.flush()?;
    Ok(())
}

fn parse_query(line: &str) -> std::result::Result<Query, String> {
    let t = line.trim_start();
    if t.starts_with('{') {
        serde_json::from_str::<Query>(t).map_err(|e| {
            format!("invalid JSON query: {e}; expected {{\"name\": \"...\", \"dob\": \"YYYY-MM-DD\", \"country\": \"KP\", \"email\": \"...\", \"wallet\": \"...\", \"phone\": \"...\", \"website\": \"...\"}}")
        })
    } else {
        Ok(Query::new(line))
    }
}

fn eval(
    path: &Path,
    json: bool,
    seed: Option<u64>,
    size: Option<usize>,
    opts: &Options,
) -> Result<()> {
    let wl = load(path)?;
    let mut cfg = eval::EvalConfig::default();
    if let Some(seed) = seed {
        cfg = cfg.seed(seed);
    }
    if let Some(n) = size {
        cfg = cfg.size(n);
    }
    let pb = bar(0, "eval");
    let report = eval::run(&wl, opts, &cfg, &mut |p: eval::Progress| {
        pb.set_message(p.phase);
        pb.set_length(p.total as u64);
        pb.set_position(p.done as u64);
    })
    .context("evaluation failed")?;
    pb.finish_and_clear();
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!("{report}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_known_values() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_787_270_400), "2026-08-21T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn iso_dates() {
        assert!(is_iso_date("2026-08-20"));
        assert!(!is_iso_date("2026-8-20"));
        assert!(!is_iso_date("20260820xx"));
    }

    #[test]
    fn query_lines() {
        assert_eq!(parse_query("Song Kum Hyok").unwrap().name, "Song Kum Hyok");
        let q = parse_query(r#"{"name":"x","email":"a@b.c"}"#).unwrap();
        assert_eq!(q.email.as_deref(), Some("a@b.c"));
        assert!(parse_query(r#"{"nam":"x"}"#)
            .unwrap_err()
            .contains("invalid JSON query"));
    }
}
