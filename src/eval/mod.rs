//! Matching-quality evaluation harness (native; feature `cli`).
//!
//! [`run`] generates a labelled development set from the loaded watchlist itself, in code and
//! from a fixed seed (nothing is committed as data), screens every case, and reports recall,
//! top-1 rate and false-positive rate by variation kind and culture, a threshold curve, the worst
//! misses and false positives, score saturation, qualifier effects and timing.
//!
//! - Positives ([`Positive`]): listed primary names and strong aliases (never weak aliases or
//!   original-script names) of individuals and organizations, each changed by one
//!   [`VariantKind`] of realistic variation, with North Korea-related entries over-sampled.
//! - Negatives ([`Negative`]): plausible non-listed people from many cultures and scripts, and
//!   companies; any name whose Name-class tokens equal a listed name's is left out, since it is
//!   a true name hit.
//!
//! The set is for development. Tune the matcher to the problem, never to this set: the judging
//! set is unseen, and nothing here special-cases particular names.
//!
//! ```no_run
//! # fn demo(wl: &sanctions_screen::Watchlist) -> sanctions_screen::Result<()> {
//! use sanctions_screen::eval::{self, EvalConfig};
//! let report = eval::run(wl, &sanctions_screen::Options::default(), &EvalConfig::default(), &mut |_| {})?;
//! println!("{report}");
//! # Ok(()) }
//! ```

pub mod negatives;
mod report;
pub mod rng;
pub mod tables;
pub mod variants;

use std::collections::HashSet;
use std::time::Instant;

use serde::Serialize;

pub use negatives::{Negative, Party};
pub use report::{
    CultureRow, CurvePoint, EvalReport, FalsePositive, Hit, KindRow, Miss, NegativeResult,
    PositiveResult, QualifierEffect, QualifierEffects, Saturation, Shortfall, Targets, Timing,
};
pub use variants::VariantKind;

use crate::error::{Error, Result};
use crate::model::{DateSpec, Entry, EntryKind, ListId, NameKind};
use crate::screen::{Options, Query, Watchlist};
use rng::Rng;

/// What to generate and how to measure. See [`EvalConfig::default`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EvalConfig {
    /// Seed of the development set. Default 20250827.
    pub seed: u64,
    /// Number of positives (spread over the variant kinds; the exact control gets a small
    /// share). Default 3000.
    pub positives: usize,
    /// Number of negatives. Default 3000.
    pub negatives: usize,
    /// Share of each kind's positives drawn from North Korea-related entries when enough exist.
    /// Default 0.3.
    pub dprk_share: f64,
    /// Individuals with a date of birth and nationality screened for qualifier effects.
    /// Default 200.
    pub qualifier_sample: usize,
    /// Lowest threshold of the threshold curve; the one screening run uses
    /// `min(curve_floor, review_threshold)`. Default 0.60.
    pub curve_floor: f64,
}

impl Default for EvalConfig {
    fn default() -> EvalConfig {
        EvalConfig {
            seed: 20250827,
            positives: 3000,
            negatives: 3000,
            dprk_share: 0.3,
            qualifier_sample: 200,
            curve_floor: 0.60,
        }
    }
}

impl EvalConfig {
    /// Sets the total size: `n` positives and `n` negatives.
    pub fn size(mut self, n: usize) -> EvalConfig {
        self.positives = n;
        self.negatives = n;
        self
    }
    /// Sets the seed.
    pub fn seed(mut self, seed: u64) -> EvalConfig {
        self.seed = seed;
        self
    }
}

/// One labelled positive: a variant of a listed name and the entry it must find.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Positive {
    /// The query name.
    pub query: String,
    /// How it was varied.
    pub kind: VariantKind,
    /// List of the expected entry.
    pub list: ListId,
    /// Id of the expected entry.
    pub id: String,
    /// The listed name the variant was made from.
    pub listed_name: String,
    /// How that name is attached to its entry.
    pub name_kind: NameKind,
    /// Individual or entity.
    pub entry_kind: EntryKind,
    /// Whether the entry is North Korea-related.
    pub dprk: bool,
}

/// A generated development set.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DevSet {
    /// The seed it was generated from.
    pub seed: u64,
    /// Labelled positives, grouped by kind.
    pub positives: Vec<Positive>,
    /// Negatives.
    pub negatives: Vec<Negative>,
    /// Generated negatives left out because they read as a listed name.
    pub excluded_negatives: usize,
    /// Kinds that got fewer cases than their quota.
    pub shortfalls: Vec<Shortfall>,
}

/// Where a long run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// `positives`, `negatives` or `qualifiers`.
    pub phase: &'static str,
    /// Queries done in this phase.
    pub done: usize,
    /// Queries in this phase.
    pub total: usize,
}

/// Generates the development set from a watchlist's entries. Deterministic: the same entries
/// and configuration give the same set.
pub fn generate(entries: &[Entry], cfg: &EvalConfig) -> DevSet {
    let kinds = VariantKind::ALL;
    let others = kinds.len().saturating_sub(1).max(1);
    let exact_quota = (cfg.positives / 25).min(cfg.positives);
    let each = (cfg.positives - exact_quota) / others;
    let mut remainder = (cfg.positives - exact_quota) % others;
    let mut positives = Vec::with_capacity(cfg.positives);
    let mut shortfalls = Vec::new();
    for kind in kinds {
        let quota = if kind == VariantKind::Exact {
            exact_quota
        } else {
            let extra = usize::from(remainder > 0);
            remainder = remainder.saturating_sub(1);
            each + extra
        };
        let (cases, eligible) = sample_kind(entries, kind, quota, cfg);
        if cases.len() < quota {
            shortfalls.push(Shortfall {
                kind,
                quota,
                generated: cases.len(),
                eligible_names: eligible,
            });
        }
        positives.extend(cases);
    }
    let keys = negatives::NameKeys::new(
        entries
            .iter()
            .flat_map(|e| e.names.iter().map(|n| n.text.as_str())),
    );
    let (negatives, excluded_negatives) = negatives::generate(cfg.negatives, cfg.seed, &keys);
    DevSet {
        seed: cfg.seed,
        positives,
        negatives,
        excluded_negatives,
        shortfalls,
    }
}

/// Draws `quota` variants of one kind: North Korea-related names first up to their share, then
/// the rest, cycling through the names again (with fresh randomness) when one pass is short.
fn sample_kind(
    entries: &[Entry],
    kind: VariantKind,
    quota: usize,
    cfg: &EvalConfig,
) -> (Vec<Positive>, usize) {
    let mut rng = Rng::derive(cfg.seed, kind.as_str());
    let mut dprk = Vec::new();
    let mut rest = Vec::new();
    for (ei, e) in entries.iter().enumerate() {
        for (ni, n) in e.names.iter().enumerate() {
            if variants::eligible(kind, e, &n.text, n.kind) {
                if variants::is_dprk(e) {
                    dprk.push((ei, ni));
                } else {
                    rest.push((ei, ni));
                }
            }
        }
    }
    let eligible = dprk.len() + rest.len();
    rng.shuffle(&mut dprk);
    rng.shuffle(&mut rest);
    let dprk_target = ((quota as f64) * cfg.dprk_share.clamp(0.0, 1.0)).ceil() as usize;
    let mut out = Vec::with_capacity(quota);
    let mut seen = HashSet::new();
    let mut take =
        |pool: &[(usize, usize)], limit: usize, rng: &mut Rng, out: &mut Vec<Positive>| {
            for &(ei, ni) in pool {
                if out.len() >= limit {
                    break;
                }
                let (Some(e), Some(n)) = (
                    entries.get(ei),
                    entries.get(ei).and_then(|e| e.names.get(ni)),
                ) else {
                    continue;
                };
                let query = if kind == VariantKind::Combined {
                    variants::combined(e, &n.text, n.kind, rng)
                } else {
                    variants::generate(kind, &n.text, rng)
                };
                let Some(query) = query else {
                    continue;
                };
                if !seen.insert((query.clone(), ei)) {
                    continue;
                }
                out.push(Positive {
                    query,
                    kind,
                    list: e.list,
                    id: e.id.clone(),
                    listed_name: n.text.clone(),
                    name_kind: n.kind,
                    entry_kind: e.kind,
                    dprk: variants::is_dprk(e),
                });
            }
        };
    take(&dprk, dprk_target.min(quota), &mut rng, &mut out);
    take(&rest, quota, &mut rng, &mut out);
    // Not enough distinct names: more variants of the same names.
    for _ in 0..4 {
        if out.len() >= quota {
            break;
        }
        take(&dprk, quota, &mut rng, &mut out);
        take(&rest, quota, &mut rng, &mut out);
    }
    (out, eligible)
}

fn expected_of(p: &Positive) -> (&'static str, &str) {
    (p.list.as_str(), p.id.as_str())
}

fn hits(result: &crate::screen::ScreenResult, n: usize) -> Vec<Hit> {
    result
        .matches
        .iter()
        .take(n)
        .map(|m| Hit {
            list: m.list.clone(),
            id: m.id.clone(),
            name: m.matched_name.clone(),
            score: m.score,
        })
        .collect()
}

/// Generates the development set from `wl`, screens it once at a low threshold (see
/// [`EvalConfig::curve_floor`]) and reports the figures at `options`. `progress` is called
/// after every query.
///
/// Fails only when the watchlist has no individual or entity names to evaluate; a query that
/// the matcher rejects counts as a miss (positives) or as clear (negatives) and is counted in
/// [`EvalReport::errors`].
pub fn run(
    wl: &Watchlist,
    options: &Options,
    cfg: &EvalConfig,
    progress: &mut dyn FnMut(Progress),
) -> Result<EvalReport> {
    let set = generate(wl.entries(), cfg);
    if set.positives.is_empty() {
        return Err(Error::query(
            "the watchlist has no individual or entity names to evaluate: build the bundle from the official lists and try again",
        ));
    }
    let low = Options {
        review_threshold: cfg.curve_floor.min(options.review_threshold),
        match_threshold: options.match_threshold,
        limit: options.limit.max(10),
    };
    let mut durations = Vec::with_capacity(set.positives.len() + set.negatives.len());
    let mut errors = 0;

    let total = set.positives.len();
    let mut pos_results = Vec::with_capacity(total);
    for (i, p) in set.positives.iter().enumerate() {
        let t = Instant::now();
        let r = wl.screen(&Query::new(p.query.clone()), &low);
        durations.push(t.elapsed());
        let (list, id) = expected_of(p);
        let result = match r {
            Ok(r) => {
                let pos = r.matches.iter().position(|m| m.list == list && m.id == id);
                PositiveResult {
                    case: p.clone(),
                    expected_score: pos.and_then(|i| r.matches.get(i)).map(|m| m.score),
                    expected_rank: pos,
                    returned: hits(&r, 3),
                }
            }
            Err(_) => {
                errors += 1;
                PositiveResult {
                    case: p.clone(),
                    expected_score: None,
                    expected_rank: None,
                    returned: Vec::new(),
                }
            }
        };
        pos_results.push(result);
        progress(Progress {
            phase: "positives",
            done: i + 1,
            total,
        });
    }

    let total = set.negatives.len();
    let mut neg_results = Vec::with_capacity(total);
    for (i, n) in set.negatives.iter().enumerate() {
        let t = Instant::now();
        let r = wl.screen(&Query::new(n.name.clone()), &low);
        durations.push(t.elapsed());
        let returned = match r {
            Ok(r) => hits(&r, 3),
            Err(_) => {
                errors += 1;
                Vec::new()
            }
        };
        neg_results.push(NegativeResult {
            case: n.clone(),
            returned,
        });
        progress(Progress {
            phase: "negatives",
            done: i + 1,
            total,
        });
    }

    let qualifiers = qualifier_effects(wl, &low, cfg, progress);
    let timing = Timing::from_durations(&durations);
    Ok(EvalReport::compute(
        &pos_results,
        &neg_results,
        options,
        report::Context {
            seed: cfg.seed,
            excluded_negatives: set.excluded_negatives,
            shortfalls: set.shortfalls,
            qualifiers,
            timing,
            errors,
        },
    ))
}

/// A date of birth as a query string, at the precision the list gives.
fn dob_query(d: &DateSpec) -> String {
    match *d {
        DateSpec::YearRange(a, _) => format!("{a:04}"),
        other => other.to_string(),
    }
}

/// A date of birth well away from every listed one, at the same precision as the first.
fn contradicting_dob(dobs: &[DateSpec]) -> Option<String> {
    let first = dobs.first()?;
    let lo = dobs.iter().map(|d| d.years().0).min()?;
    let hi = dobs.iter().map(|d| d.years().1).max()?;
    let y = if hi <= 2000 {
        hi + 15
    } else {
        lo.saturating_sub(15)
    };
    Some(match *first {
        DateSpec::Day { m, d, .. } => DateSpec::Day { y, m, d }.to_string(),
        DateSpec::Month { m, .. } => DateSpec::Month { y, m }.to_string(),
        _ => format!("{y:04}"),
    })
}

const FAR_COUNTRIES: &[&str] = &["BR", "SE", "NZ", "CA", "CL", "IS", "PT", "FI", "UY", "NO"];

/// Screens a sample of individuals that have a date of birth and a nationality with a slightly
/// misspelled name, without qualifiers, with matching ones and with contradicting ones.
fn qualifier_effects(
    wl: &Watchlist,
    low: &Options,
    cfg: &EvalConfig,
    progress: &mut dyn FnMut(Progress),
) -> QualifierEffects {
    let mut rng = Rng::derive(cfg.seed, "qualifiers");
    let mut pool: Vec<&Entry> = wl
        .entries()
        .iter()
        .filter(|e| {
            e.kind == EntryKind::Individual
                && !e.dobs.is_empty()
                && !e.nationalities.is_empty()
                && variants::eligible(VariantKind::Typo, e, e.primary_name(), NameKind::Primary)
        })
        .collect();
    rng.shuffle(&mut pool);
    pool.truncate(cfg.qualifier_sample);
    let mut effects = QualifierEffects::default();
    let total = pool.len();
    for (i, e) in pool.into_iter().enumerate() {
        let name = variants::generate(VariantKind::Typo, e.primary_name(), &mut rng)
            .unwrap_or_else(|| e.primary_name().to_string());
        // Ok(None): the entry was not returned; Err: the matcher rejected the query.
        let score = |q: Query| -> std::result::Result<Option<f64>, ()> {
            let r = wl.screen(&q, low).map_err(|_| ())?;
            Ok(r.matches
                .iter()
                .find(|m| m.list == e.list.as_str() && m.id == e.id)
                .map(|m| m.score))
        };
        let Ok(Some(base)) = score(Query::new(name.clone())) else {
            effects.baseline_missing += 1;
            progress(Progress {
                phase: "qualifiers",
                done: i + 1,
                total,
            });
            continue;
        };
        effects.sample += 1;
        let nat = e.nationalities.first().cloned().unwrap_or_default();
        let far = FAR_COUNTRIES
            .iter()
            .find(|c| {
                !e.nationalities
                    .iter()
                    .chain(&e.address_countries)
                    .any(|n| n.eq_ignore_ascii_case(c))
            })
            .map(|c| c.to_string());
        let record = |effect: &mut QualifierEffect, q: Query| match score(q) {
            Ok(with) => effect.add(base, with),
            Err(()) => effect.add_error(),
        };
        if let Some(d) = e.dobs.first() {
            record(
                &mut effects.dob_match,
                Query::new(name.clone()).dob(dob_query(d)),
            );
        }
        if let Some(d) = contradicting_dob(&e.dobs) {
            record(&mut effects.dob_contradict, Query::new(name.clone()).dob(d));
        }
        record(
            &mut effects.country_match,
            Query::new(name.clone()).country(nat),
        );
        if let Some(c) = far {
            record(
                &mut effects.country_contradict,
                Query::new(name.clone()).country(c),
            );
        }
        progress(Progress {
            phase: "qualifiers",
            done: i + 1,
            total,
        });
    }
    effects
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Name;

    fn entry(
        id: &str,
        kind: EntryKind,
        names: &[(&str, NameKind)],
        programs: &[&str],
        nat: &[&str],
    ) -> Entry {
        Entry {
            list: ListId::OfacSdn,
            id: id.into(),
            kind,
            names: names
                .iter()
                .map(|(t, k)| Name {
                    text: t.to_string(),
                    kind: *k,
                })
                .collect(),
            programs: programs.iter().map(|s| s.to_string()).collect(),
            dobs: vec![DateSpec::Day {
                y: 1987,
                m: 8,
                d: 30,
            }],
            pobs: vec![],
            nationalities: nat.iter().map(|s| s.to_string()).collect(),
            address_countries: vec![],
            gender: None,
            identifiers: vec![],
            linked_to: vec![],
        }
    }

    pub(crate) fn fixture() -> Vec<Entry> {
        vec![
            entry(
                "49970",
                EntryKind::Individual,
                &[
                    ("SONG, Kum Hyok", NameKind::Primary),
                    ("SONG, Kim", NameKind::WeakAka),
                ],
                &["CYBER4"],
                &["KP"],
            ),
            entry(
                "54764",
                EntryKind::Entity,
                &[("KOREA SOBAEKSU TRADING CORPORATION", NameKind::Primary)],
                &["DPRK4"],
                &[],
            ),
            entry(
                "55062",
                EntryKind::Entity,
                &[(
                    "SHENYANG GEUMPUNGRI NETWORK TECHNOLOGY CO., LTD",
                    NameKind::Primary,
                )],
                &["DPRK2"],
                &[],
            ),
            entry(
                "13091",
                EntryKind::Individual,
                &[("ZAYTSEV, Aleksey Alekseyevich", NameKind::Primary)],
                &["RUSSIA-EO14024"],
                &["RU"],
            ),
            entry(
                "6365",
                EntryKind::Individual,
                &[
                    ("AL-ZAWAHIRI, Ayman Muhammad bin Rabi", NameKind::Primary),
                    ("ABD AL-MUIZZ", NameKind::Aka),
                ],
                &["SDGT"],
                &["EG"],
            ),
            entry(
                "9001",
                EntryKind::Entity,
                &[("OOO VOLGA STROY", NameKind::Primary)],
                &["RUSSIA-EO14024"],
                &["RU"],
            ),
            entry(
                "9002",
                EntryKind::Individual,
                &[("Ким Ир", NameKind::OriginalScript)],
                &["DPRK"],
                &["KP"],
            ),
        ]
    }

    #[test]
    fn generation_is_deterministic() {
        let entries = fixture();
        let cfg = EvalConfig::default().size(240);
        let a = generate(&entries, &cfg);
        let b = generate(&entries, &cfg);
        assert_eq!(a, b);
        let c = generate(&entries, &cfg.clone().seed(1));
        assert_ne!(a.positives, c.positives);
    }

    #[test]
    fn positives_use_only_strong_latin_names_and_cover_every_kind() {
        let entries = fixture();
        let set = generate(&entries, &EvalConfig::default().size(240));
        for p in &set.positives {
            assert!(
                matches!(
                    p.name_kind,
                    NameKind::Primary | NameKind::Aka | NameKind::Fka | NameKind::Nka
                ),
                "{p:?}"
            );
            assert_ne!(p.listed_name, "SONG, Kim");
            assert_ne!(p.id, "9002");
            if p.kind != VariantKind::Exact {
                assert_ne!(p.query, p.listed_name);
            }
        }
        for kind in VariantKind::ALL {
            assert!(set.positives.iter().any(|p| p.kind == kind), "no {kind}");
        }
        let korean = set
            .positives
            .iter()
            .filter(|p| p.kind == VariantKind::Korean);
        assert!(korean.clone().all(|p| p.dprk));
        assert!(korean.count() >= 5);
    }

    #[test]
    fn contradicting_dob_is_far_away() {
        let d = [
            DateSpec::Day {
                y: 1987,
                m: 8,
                d: 30,
            },
            DateSpec::Year(1985),
        ];
        assert_eq!(contradicting_dob(&d).as_deref(), Some("2002-08-30"));
        assert_eq!(
            contradicting_dob(&[DateSpec::Year(2005)]).as_deref(),
            Some("1990")
        );
        assert_eq!(dob_query(&DateSpec::YearRange(1960, 1962)), "1960");
        assert!(contradicting_dob(&[]).is_none());
    }
}
