//! Measures the bundle format on real list data: the size of every payload column, the layout
//! and codec candidates side by side (raw, compressed, encode and decode time), and the
//! finished file's size raw, under gzip -9 and under brotli -q 11 (what a server would send
//! with `Content-Encoding`).
//!
//! ```text
//! cargo run --release --example bundle_sizes [-- LISTS_DIR]
//! ```
//!
//! LISTS_DIR defaults to `../shared/lists` (read with the crate's own `ingest::load_all`). The
//! `zstd`, `xz`, `gzip` and `brotli` command-line tools are used for the comparison rows when
//! they are installed; rows are marked `n/a` otherwise.

use std::collections::BTreeMap;
use std::error::Error;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sanctions_screen::bundle::{self, BundleData, Meta, NormData};
use sanctions_screen::{
    DateSpec, Entry, EntryKind, Gender, IdKind, Identifier, ListId, ListInfo, Name, NameKind,
};

fn main() -> Result<(), Box<dyn Error>> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/lists".to_string());
    let dir = Path::new(&dir);
    let t = Instant::now();
    let data = load(dir)?;
    let names: usize = data.entries.iter().map(|e| e.names.len()).sum();
    println!(
        "data: {} entries, {} names, {} vocab tokens, {} name tokens (read in {:.0?})\n",
        data.entries.len(),
        names,
        data.norm.vocab.len(),
        data.norm.name_tokens.len(),
        t.elapsed()
    );

    println!("## Payload columns (uncompressed; deflate-10 of the column alone)\n");
    println!("| column | raw bytes | deflated alone |");
    println!("|---|---:|---:|");
    for (name, bytes) in bundle::payload_columns(&data) {
        let z = miniz_oxide::deflate::compress_to_vec(&bytes, 10).len();
        println!("| {name} | {} | {} |", bytes.len(), z);
    }

    let postcard = postcard::to_allocvec(&(&data.meta, &data.entries, &data.norm))?;
    let columnar = bundle::raw_payload(&data);
    println!("\n## Layout x codec (payload only)\n");
    println!("| layout | codec | bytes | encode | decode |");
    println!("|---|---|---:|---:|---:|");
    for (layout, raw) in [("postcard", &postcard), ("columnar", &columnar)] {
        println!("| {layout} | none | {} | - | - |", raw.len());
        for level in [6u8, 9, 10] {
            let (z, enc) = time(1, || miniz_oxide::deflate::compress_to_vec(raw, level));
            let (_, dec) = time(5, || {
                miniz_oxide::inflate::decompress_to_vec(&z).map(|v| v.len())
            });
            println!(
                "| {layout} | deflate-{level} (miniz_oxide) | {} | {enc:.0?} | {dec:.1?} |",
                z.len()
            );
        }
        let (z, enc) = time(1, || brotli_compress(raw, 11, 24));
        let (_, dec) = time(5, || brotli_decompress(&z));
        println!(
            "| {layout} | brotli-11 (brotli crate) | {} | {enc:.0?} | {dec:.1?} |",
            z.len()
        );
        match cli(&["zstd", "-19", "-q", "-c"], raw) {
            Some(z) => {
                let (_, dec) = time(5, || ruzstd_decompress(&z));
                println!(
                    "| {layout} | zstd-19 (CLI; decode: ruzstd) | {} | - | {dec:.1?} |",
                    z.len()
                );
            }
            None => println!("| {layout} | zstd-19 | n/a | - | - |"),
        }
        let xz = cli(&["xz", "-9e", "-c"], raw).map_or("n/a".to_string(), |z| z.len().to_string());
        println!("| {layout} | xz -9e (CLI) | {xz} | - | - |");
    }

    let (file, enc) = time(3, || bundle::write(&data));
    let (back, dec) = time(5, || bundle::read(&file));
    let (_, head) = time(5, || bundle::read_header(&file));
    assert_eq!(back?, data, "the bundle must round-trip");
    let header = bundle::read_header(&file)?;
    println!("\n## Finished bundle (format version {})\n", header.version);
    println!("| what | bytes |");
    println!("|---|---:|");
    println!("| payload raw | {} |", header.raw_bytes);
    println!("| file | {} |", file.len());
    let gz =
        cli(&["gzip", "-9", "-n", "-c"], &file).map_or("n/a".to_string(), |z| z.len().to_string());
    println!("| file, gzip -9 | {gz} |");
    let br = cli(&["brotli", "-q", "11", "-c"], &file)
        .map_or_else(|| brotli_compress(&file, 11, 24).len(), |z| z.len());
    println!("| file, brotli -q 11 | {br} |");
    println!("\nwrite {enc:.0?}; read (verify, inflate, decode) {dec:.1?}; read_header {head:.2?}");
    Ok(())
}

/// Runs `f` `runs` times and returns the last result with the fastest time.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (T, Duration) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed());
        out = Some(v);
    }
    (out.expect("at least one run"), best)
}

fn brotli_compress(raw: &[u8], quality: i32, lgwin: i32) -> Vec<u8> {
    let params = brotli::enc::BrotliEncoderParams {
        quality,
        lgwin,
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &raw[..], &mut out, &params)
        .expect("compressing to memory cannot fail");
    out
}

fn brotli_decompress(z: &[u8]) -> usize {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &z[..], &mut out).expect("own output decodes");
    out.len()
}

fn ruzstd_decompress(z: &[u8]) -> usize {
    let mut out = Vec::new();
    let mut d = ruzstd::decoding::StreamingDecoder::new(z).expect("own output decodes");
    std::io::Read::read_to_end(&mut d, &mut out).expect("own output decodes");
    out.len()
}

/// Pipes `input` through a command-line tool; `None` when it is not installed or fails.
fn cli(cmd: &[&str], input: &[u8]) -> Option<Vec<u8>> {
    let mut child = Command::new(cmd[0])
        .args(&cmd[1..])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().ok()?;
    writer.join().ok()?.ok()?;
    out.status.success().then_some(out.stdout)
}

// ---- A compact reader of the OFAC legacy CSV files, for measurements only. ----

fn records(path: &Path) -> Result<Vec<Vec<String>>, Box<dyn Error>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)?;
    let mut out = Vec::new();
    for rec in rdr.byte_records() {
        let rec = rec?;
        // Latin-1 to UTF-8; `-0- ` is null.
        let fields: Vec<String> = rec
            .iter()
            .map(|f| {
                let s: String = f.iter().map(|&b| b as char).collect();
                let s = s.trim().to_string();
                if s == "-0-" {
                    String::new()
                } else {
                    s
                }
            })
            .collect();
        if fields.len() >= 3 {
            out.push(fields);
        }
    }
    Ok(out)
}

fn load(dir: &Path) -> Result<BundleData, Box<dyn Error>> {
    let (entries, lists) = sanctions_screen::ingest::load_all(dir, &Vec::new(), &mut |_, _, _| {})?;
    Ok(sanctions_screen::Watchlist::build_bundle(entries, lists, "2026-01-01T00:00:00Z".into()))
}

fn entry_from(list: ListId, r: &[String]) -> Entry {
    let kind = match r[2].to_ascii_lowercase().as_str() {
        "individual" => EntryKind::Individual,
        "vessel" => EntryKind::Vessel,
        "aircraft" => EntryKind::Aircraft,
        _ => EntryKind::Entity,
    };
    let mut e = Entry {
        list,
        id: r[0].clone(),
        kind,
        names: vec![Name {
            text: r[1].clone(),
            kind: NameKind::Primary,
        }],
        programs: r[3]
            .trim_matches(|c| c == '[' || c == ']')
            .split("] [")
            .map(str::to_string)
            .collect(),
        dobs: vec![],
        pobs: vec![],
        nationalities: vec![],
        address_countries: vec![],
        gender: None,
        identifiers: vec![],
        linked_to: vec![],
    };
    for item in r[11].split(';').map(|s| s.trim().trim_end_matches('.')) {
        remark(&mut e, item);
    }
    e
}

fn remark(e: &mut Entry, item: &str) {
    let ident = |kind, value: &str, detail: Option<&str>| Identifier {
        kind,
        value: value.trim().to_string(),
        detail: detail.map(|d| d.trim().to_string()),
    };
    if let Some(d) = item.strip_prefix("DOB ") {
        e.dobs.extend(date(d));
    } else if let Some(p) = item.strip_prefix("POB ") {
        e.pobs.push(p.to_string());
    } else if let Some(n) = item
        .strip_prefix("nationality ")
        .or_else(|| item.strip_prefix("citizen "))
    {
        e.nationalities.push(n.to_string());
    } else if let Some(g) = item.strip_prefix("Gender ") {
        e.gender = Some(if g.starts_with('F') {
            Gender::Female
        } else {
            Gender::Male
        });
    } else if let Some(v) = item.strip_prefix("Email Address ") {
        e.identifiers.push(ident(IdKind::Email, v, None));
    } else if let Some(v) = item.strip_prefix("Website ") {
        e.identifiers.push(ident(IdKind::Website, v, None));
    } else if let Some(v) = item.strip_prefix("Phone ") {
        e.identifiers.push(ident(IdKind::Phone, v, None));
    } else if let Some(v) = item.strip_prefix("Digital Currency Address - ") {
        let (asset, addr) = v.split_once(' ').unwrap_or(("", v));
        e.identifiers.push(ident(IdKind::Wallet, addr, Some(asset)));
    } else if let Some(v) = item.strip_prefix("Passport ") {
        let (num, country) = v.split_once(" (").unwrap_or((v, ""));
        e.identifiers.push(ident(
            IdKind::Passport,
            num,
            Some(country.trim_end_matches(')')),
        ));
    } else if let Some(v) = item.strip_prefix("Linked To: ") {
        e.linked_to.push(v.to_string());
    } else if let Some(v) = ["a.k.a. '", "f.k.a. '", "n.k.a. '"]
        .iter()
        .find_map(|p| item.strip_prefix(p))
    {
        e.names.push(Name {
            text: v.trim_end_matches('\'').to_string(),
            kind: NameKind::WeakAka,
        });
    } else if let Some((label, rest)) = item
        .split_once(" No. ")
        .or_else(|| item.split_once(" Number "))
    {
        let (num, country) = rest.split_once(" (").unwrap_or((rest, ""));
        let detail = format!("{label} {}", country.trim_end_matches(')'))
            .trim()
            .to_string();
        e.identifiers
            .push(ident(IdKind::NationalId, num, Some(&detail)));
    }
}

fn date(s: &str) -> Option<DateSpec> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = |m: &str| MONTHS.iter().position(|x| *x == m).map(|i| i as u8 + 1);
    let parts: Vec<&str> = s.split_whitespace().collect();
    match parts.as_slice() {
        [a, "to", b] => Some(DateSpec::YearRange(a.parse().ok()?, b.parse().ok()?)),
        [d, m, y] => Some(DateSpec::Day {
            y: y.parse().ok()?,
            m: month(m)?,
            d: d.parse().ok()?,
        }),
        [m, y] => Some(DateSpec::Month {
            y: y.parse().ok()?,
            m: month(m)?,
        }),
        [y] => Some(DateSpec::Year(y.parse().ok()?)),
        _ => None,
    }
}

/// Stand-in for the normalizer: lower-case alphanumeric runs, a sorted vocab, and the token
/// ids of every name in order.
fn tokenize(entries: &[Entry]) -> NormData {
    let split = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|t| !t.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let names: Vec<Vec<String>> = entries
        .iter()
        .flat_map(|e| e.names.iter().map(|n| split(&n.text)))
        .collect();
    let mut vocab: BTreeMap<&str, u32> = names.iter().flatten().map(|t| (t.as_str(), 0)).collect();
    for (i, v) in vocab.values_mut().enumerate() {
        *v = i as u32;
    }
    let name_lens = names.iter().map(|n| n.len().min(255) as u8).collect();
    let name_tokens = names
        .iter()
        .flat_map(|n| n.iter().take(255).map(|t| vocab[t.as_str()]))
        .collect();
    let stop = ["and", "of", "the", "for"];
    let legal = [
        "llc",
        "ltd",
        "company",
        "limited",
        "co",
        "inc",
        "corporation",
        "jsc",
        "ooo",
    ];
    let vocab_class = vocab
        .keys()
        .map(|t| {
            if legal.contains(t) {
                1
            } else if stop.contains(t) {
                4
            } else {
                0
            }
        })
        .collect();
    NormData {
        vocab: vocab.keys().map(|t| t.to_string()).collect(),
        vocab_class,
        name_lens,
        name_tokens,
    }
}
