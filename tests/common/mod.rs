//! Shared helpers for tests on the real lists.
#![allow(dead_code)] // each test binary uses a different subset

use std::path::PathBuf;
use std::sync::OnceLock;

use sanctions_screen::{bundle, ingest, Watchlist};

/// The real lists: `$SANCTIONS_LISTS`, else `../shared/lists` beside the repository.
pub fn lists_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("SANCTIONS_LISTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/lists"));
    if dir.join("ofac-sdn/sdn.csv").exists() {
        Some(dir)
    } else if std::env::var_os("CI").is_some() {
        panic!(
            "the real lists are missing at {}: CI must run with ../shared beside the repository",
            dir.display()
        );
    } else {
        eprintln!(
            "note: real lists not found at {}; skipping (set SANCTIONS_LISTS)",
            dir.display()
        );
        None
    }
}

/// The real bundle bytes, built once per test binary through the public API.
pub fn real_bundle() -> Option<&'static [u8]> {
    static BYTES: OnceLock<Option<Vec<u8>>> = OnceLock::new();
    BYTES
        .get_or_init(|| {
            let dir = lists_dir()?;
            let (entries, lists) =
                ingest::load_all(&dir, &Vec::new(), &mut |_, _, _| {}).expect("real lists parse");
            let data = Watchlist::build_bundle(entries, lists, "2026-01-01T00:00:00Z".into());
            Some(bundle::write(&data))
        })
        .as_deref()
}

/// The real watchlist, loaded once per test binary.
pub fn real() -> Option<&'static Watchlist> {
    static WL: OnceLock<Option<Watchlist>> = OnceLock::new();
    WL.get_or_init(|| real_bundle().map(|b| Watchlist::from_bytes(b).expect("real bundle loads")))
        .as_ref()
}

/// A small deterministic PRNG (xorshift64*), so generated cases are the same on every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
