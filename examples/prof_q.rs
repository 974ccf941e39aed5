use std::time::Instant;
fn main() {
    let bytes = std::fs::read("target/watchlist.bin").unwrap();
    let wl = sanctions_screen::Watchlist::from_bytes(&bytes).unwrap();
    let o = sanctions_screen::Options::default();
    for q in ["Mohammed Ali Hassan", "Song Kum Hyok", "Abdul Rahman Al Saud", "Korea Sobaeksu Trading Corporation"] {
        let mut best = std::time::Duration::MAX;
        for _ in 0..3 { let t = Instant::now(); let _ = wl.screen(&sanctions_screen::Query::new(q), &o); best = best.min(t.elapsed()); }
        println!("{q}: {best:?}");
    }
}
