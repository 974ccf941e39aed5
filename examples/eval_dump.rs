//! Dumps every case of the generated evaluation set with its outcome, one JSON object per line,
//! for studying misses and false positives: `cargo run --release --example eval_dump -- BUNDLE [seed]`.
//! `TABLE=1` builds the word table first (the dump must come out the same).
use sanctions_screen::{eval, Options, Query, Watchlist};
use serde_json::json;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().map_or("target/watchlist.bin", String::as_str);
    let wl = Watchlist::from_bytes(&std::fs::read(path)?)?;
    if std::env::var_os("TABLE").is_some() {
        wl.build_word_table(2);
    }
    let mut cfg = eval::EvalConfig::default();
    if let Some(seed) = args.get(1) {
        cfg = cfg.seed(seed.parse()?);
    }
    let set = eval::generate(wl.entries(), &cfg);
    let low = Options {
        review_threshold: 0.6,
        ..Options::default()
    };
    let pairs = |m: &sanctions_screen::Match| {
        m.explanation
            .pairs
            .iter()
            .map(|p| format!("{}~{}:{}:{:.3}", p.query, p.listed, p.how, p.similarity))
            .collect::<Vec<_>>()
    };
    for p in &set.positives {
        let r = wl.screen(&Query::new(p.query.clone()), &low)?;
        let exp = r
            .matches
            .iter()
            .find(|m| m.list == p.list.as_str() && m.id == p.id);
        let top = r.matches.first();
        println!(
            "{}",
            json!({"set": "pos", "kind": format!("{:?}", p.kind), "query": p.query, "listed": p.listed_name,
                "score": exp.map(|m| m.score), "pairs": exp.map(pairs),
                "unmatched_listed": exp.map(|m| m.explanation.unmatched_listed.clone()),
                "unmatched_query": exp.map(|m| m.explanation.unmatched_query.clone()),
                "top": top.map(|m| m.matched_name.clone()), "top_score": top.map(|m| m.score)})
        );
    }
    for n in &set.negatives {
        let r = wl.screen(&Query::new(n.name.clone()), &low)?;
        let top = r.matches.first();
        println!(
            "{}",
            json!({"set": "neg", "kind": n.culture, "query": n.name,
                "top": top.map(|m| m.matched_name.clone()), "score": top.map(|m| m.score), "pairs": top.map(pairs),
                "unmatched_listed": top.map(|m| m.explanation.unmatched_listed.clone()),
                "unmatched_query": top.map(|m| m.explanation.unmatched_query.clone())})
        );
    }
    Ok(())
}
