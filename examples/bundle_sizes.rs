//! Measures the bundle format on real list data: the size of every payload column, the layout
//! and codec candidates side by side (raw, compressed, encode and decode time), and the
//! finished file's size raw, under gzip -9 and under brotli -q 11 (what a server would send
//! with `Content-Encoding`).
//!
//! ```text
//! cargo run --release --example bundle_sizes [-- [--codecs] [LISTS_DIR]]
//! ```
//!
//! The layout x codec table (slow: brotli-11 of several MB) is printed with `--codecs` only.
//! LISTS_DIR defaults to `../shared/lists` (read with the crate's own `ingest::load_all`). The
//! `zstd`, `xz`, `gzip` and `brotli` command-line tools are used for the comparison rows when
//! they are installed; rows are marked `n/a` otherwise.

use std::error::Error;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sanctions_screen::bundle::{self, BundleData, Profile};

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let codecs = args.iter().any(|a| a == "--codecs");
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
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

    println!("## Payload columns (uncompressed; deflate-10 of the column alone, or stored)\n");
    println!("| column | raw bytes | deflated alone |");
    println!("|---|---:|---:|");
    let (mut raw_sum, mut z_sum) = (0, 0);
    for (name, bytes) in bundle::payload_columns(&data) {
        let z = miniz_oxide::deflate::compress_to_vec(&bytes, 10)
            .len()
            .min(bytes.len());
        println!("| {name} | {} | {} |", bytes.len(), z);
        raw_sum += bytes.len();
        z_sum += z;
    }
    println!("| **all columns** | {raw_sum} | {z_sum} |");
    if codecs {
        codec_table(&data)?;
    }

    let (file, enc) = time(3, || bundle::write(&data));
    let (back, dec) = time(5, || bundle::read(&file));
    let (_, head) = time(5, || bundle::read_header(&file));
    assert_eq!(back?, data, "the bundle must round-trip");
    let header = bundle::read_header(&file)?;
    println!(
        "\n## Finished bundle (format version {}, codec {})\n",
        header.version, header.codec
    );
    println!("| what | bytes |");
    println!("|---|---:|");
    println!("| payload raw | {} |", header.raw_bytes);
    println!("| payload compressed | {} |", header.compressed_bytes);
    println!("| file | {} |", file.len());
    let gz =
        cli(&["gzip", "-9", "-n", "-c"], &file).map_or("n/a".to_string(), |z| z.len().to_string());
    println!("| file, gzip -9 | {gz} |");
    let br = cli(&["brotli", "-q", "11", "-c"], &file)
        .map_or_else(|| brotli_compress(&file, 11, 24).len(), |z| z.len());
    println!("| file, brotli -q 11 | {br} |");
    println!("\nwrite {enc:.0?}; read (verify, inflate, decode) {dec:.1?}; read_header {head:.2?}");

    let mut screening = data.clone();
    bundle::apply_profile(&mut screening, Profile::Screening);
    let file = bundle::write(&screening);
    let (back, dec) = time(5, || bundle::read(&file));
    assert_eq!(back?, screening, "the screening bundle must round-trip");
    let gz =
        cli(&["gzip", "-9", "-n", "-c"], &file).map_or("n/a".to_string(), |z| z.len().to_string());
    let br = cli(&["brotli", "-q", "11", "-c"], &file)
        .map_or_else(|| brotli_compress(&file, 11, 24).len(), |z| z.len());
    println!(
        "\nprofile screening: file {} bytes, gzip -9 {gz}, brotli -q 11 {br}; read {dec:.1?}",
        file.len()
    );
    Ok(())
}

/// The layout x codec comparison: postcard of the structs against the column table, each
/// under deflate, brotli, zstd and xz.
fn codec_table(data: &BundleData) -> Result<(), Box<dyn Error>> {
    let postcard = postcard::to_allocvec(&(&data.meta, &data.entries, &data.norm))?;
    let columnar = bundle::raw_payload(data);
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

fn load(dir: &Path) -> Result<BundleData, Box<dyn Error>> {
    let (entries, lists) = sanctions_screen::ingest::load_all(dir, &Vec::new(), &mut |_, _, _| {})?;
    Ok(sanctions_screen::Watchlist::build_bundle(
        entries,
        lists,
        "2026-01-01T00:00:00Z".into(),
    ))
}
