//! The evaluation report: metric maths and the human-readable table.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use serde::Serialize;

use super::negatives::{name_key, Negative, Party};
use super::variants::VariantKind;
use super::Positive;
use crate::screen::Options;

/// Targets shown next to the figures.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Targets {
    /// Minimum recall.
    pub recall: f64,
    /// Minimum top-1 rate.
    pub top1: f64,
    /// Maximum false-positive rate.
    pub fpr: f64,
}

impl Default for Targets {
    fn default() -> Targets {
        Targets {
            recall: 0.98,
            top1: 0.95,
            fpr: 0.005,
        }
    }
}

/// One returned match, as far as the report needs it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    /// List label.
    pub list: String,
    /// Id on the list.
    pub id: String,
    /// The listed name that matched.
    pub name: String,
    /// Score.
    pub score: f64,
}

/// What screening one positive returned.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PositiveResult {
    /// The case.
    pub case: Positive,
    /// Score of the expected entry, if it was returned at all.
    pub expected_score: Option<f64>,
    /// Its 0-based rank among the returned matches.
    pub expected_rank: Option<usize>,
    /// The first few returned matches.
    pub returned: Vec<Hit>,
}

impl PositiveResult {
    /// Whether the expected entry is among the results at or above `threshold` within `limit`.
    pub fn found(&self, threshold: f64, limit: usize) -> bool {
        matches!((self.expected_score, self.expected_rank), (Some(s), Some(r)) if s >= threshold && r < limit)
    }
    /// Whether the expected entry is the first result at or above `threshold`, or tied with
    /// it (the same person is often on several lists under the same name).
    pub fn top1(&self, threshold: f64) -> bool {
        match (self.expected_score, self.expected_rank) {
            (Some(s), Some(r)) if s >= threshold => {
                r == 0 || self.returned.first().is_some_and(|h| s >= h.score - 1e-9)
            }
            _ => false,
        }
    }
    /// Whether the query differs from the listed name after normalization.
    pub fn inexact(&self) -> bool {
        name_key(&self.case.query) != name_key(&self.case.listed_name)
    }
}

/// What screening one negative returned.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NegativeResult {
    /// The case.
    pub case: Negative,
    /// The first few returned matches (best first).
    pub returned: Vec<Hit>,
}

impl NegativeResult {
    /// The best score returned, 0 when nothing was.
    pub fn best(&self) -> f64 {
        self.returned.iter().map(|h| h.score).fold(0.0, f64::max)
    }
    /// Whether the negative would not be `clear` at `threshold`.
    pub fn flagged(&self, threshold: f64) -> bool {
        !self.returned.is_empty() && self.best() >= threshold
    }
}

/// Figures for one variant kind (or a subset of positives).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KindRow {
    /// Kind label, or a subset label (`all`, `dprk`, `individual`, `entity`).
    pub kind: String,
    /// Cases.
    pub n: usize,
    /// Cases from North Korea-related entries.
    pub dprk: usize,
    /// Share with the expected entry among the non-clear results.
    pub recall: f64,
    /// Share with the expected entry first.
    pub top1: f64,
    /// Mean score of the expected entry (0 when not returned).
    pub mean_score: f64,
    /// Cases whose query differs from the listed name after normalization.
    pub inexact: usize,
    /// Of those, cases scored exactly 1.0.
    pub inexact_at_one: usize,
}

/// False positives for one culture or company style.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CultureRow {
    /// Culture label.
    pub culture: String,
    /// Person or company.
    pub party: Party,
    /// Cases.
    pub n: usize,
    /// Cases not clear.
    pub false_positives: usize,
    /// `false_positives / n`.
    pub fpr: f64,
    /// Highest score seen.
    pub max_score: f64,
}

/// Recall and false-positive rate at one review threshold.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct CurvePoint {
    /// Review threshold.
    pub threshold: f64,
    /// Recall at it.
    pub recall: f64,
    /// Top-1 rate at it.
    pub top1: f64,
    /// False-positive rate at it.
    pub fpr: f64,
}

/// A positive whose expected entry scored low or was missed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Miss {
    /// Query.
    pub query: String,
    /// Variant kind.
    pub kind: VariantKind,
    /// Expected `LIST:id`.
    pub expected: String,
    /// The listed name it came from.
    pub listed_name: String,
    /// Expected entry's score, if returned.
    pub score: Option<f64>,
    /// What was returned instead (first few).
    pub returned: Vec<Hit>,
}

/// A negative that was flagged, or came closest to it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FalsePositive {
    /// The name.
    pub name: String,
    /// Its culture label.
    pub culture: String,
    /// Best score.
    pub score: f64,
    /// What it matched (first few).
    pub matched: Vec<Hit>,
}

/// Score saturation: inexact positives should not pile up at 1.0.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Saturation {
    /// Positives whose query differs from the listed name after normalization.
    pub inexact: usize,
    /// Of those, how many scored exactly 1.0.
    pub inexact_at_one: usize,
    /// `inexact_at_one / inexact`.
    pub share: f64,
}

/// Mean score change from one qualifier.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct QualifierEffect {
    /// Cases where the entry was returned with and without the qualifier.
    pub n: usize,
    /// Mean of `score(with) - score(without)` over those.
    pub mean_delta: f64,
    /// Cases where the qualifier pushed the entry below the screening floor.
    pub dropped: usize,
    /// Cases where the matcher rejected the query with the qualifier (e.g. an unknown country).
    pub errors: usize,
    sum: f64,
}

impl QualifierEffect {
    /// Records one case: the score without the qualifier and with it (`None` if not returned).
    pub fn add(&mut self, base: f64, with: Option<f64>) {
        match with {
            Some(s) => {
                self.n += 1;
                self.sum += s - base;
                self.mean_delta = self.sum / self.n as f64;
            }
            None => self.dropped += 1,
        }
    }

    /// Records a query the matcher rejected.
    pub fn add_error(&mut self) {
        self.errors += 1;
    }
}

/// How dates of birth and countries move scores (should be up when they agree and down when
/// they contradict).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct QualifierEffects {
    /// Individuals screened.
    pub sample: usize,
    /// Sampled individuals whose misspelled name did not find them even without qualifiers.
    pub baseline_missing: usize,
    /// The listed date of birth.
    pub dob_match: QualifierEffect,
    /// A date of birth 15 years away.
    pub dob_contradict: QualifierEffect,
    /// The listed nationality.
    pub country_match: QualifierEffect,
    /// An unrelated country.
    pub country_contradict: QualifierEffect,
}

/// Screening speed.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Timing {
    /// Queries timed.
    pub queries: usize,
    /// Queries per second (single thread).
    pub qps: f64,
    /// Mean time per query, µs.
    pub mean_us: f64,
    /// 99th percentile, µs.
    pub p99_us: f64,
}

impl Timing {
    /// Summarizes per-query durations.
    pub fn from_durations(durations: &[Duration]) -> Timing {
        if durations.is_empty() {
            return Timing::default();
        }
        let mut us: Vec<f64> = durations.iter().map(|d| d.as_secs_f64() * 1e6).collect();
        us.sort_by(f64::total_cmp);
        let total: f64 = us.iter().sum();
        let idx = ((us.len() as f64 * 0.99).ceil() as usize)
            .saturating_sub(1)
            .min(us.len() - 1);
        Timing {
            queries: us.len(),
            qps: if total > 0.0 {
                us.len() as f64 / (total / 1e6)
            } else {
                0.0
            },
            mean_us: total / us.len() as f64,
            p99_us: us[idx],
        }
    }
}

/// A kind that got fewer cases than asked (too few eligible names in the watchlist).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Shortfall {
    /// The kind.
    pub kind: VariantKind,
    /// Cases asked for.
    pub quota: usize,
    /// Cases generated.
    pub generated: usize,
    /// Listed names eligible for the kind.
    pub eligible_names: usize,
}

/// Run facts that are not derived from the results.
#[derive(Debug, Default)]
pub(crate) struct Context {
    pub seed: u64,
    pub excluded_negatives: usize,
    pub shortfalls: Vec<Shortfall>,
    pub qualifiers: QualifierEffects,
    pub timing: Timing,
    pub errors: usize,
}

/// The full evaluation report. `Display` prints the human table; `Serialize` gives JSON.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EvalReport {
    /// Seed of the development set.
    pub seed: u64,
    /// Review threshold the headline figures are for.
    pub review_threshold: f64,
    /// Match threshold in force.
    pub match_threshold: f64,
    /// Result limit in force.
    pub limit: usize,
    /// Targets.
    pub targets: Targets,
    /// All positives.
    pub overall: KindRow,
    /// Positives by subset: `dprk`, `individual`, `entity`.
    pub subsets: Vec<KindRow>,
    /// Positives by variant kind.
    pub by_kind: Vec<KindRow>,
    /// Negatives.
    pub negatives: usize,
    /// Negatives not clear.
    pub false_positives: usize,
    /// False-positive rate.
    pub fpr: f64,
    /// Generated negatives left out because they read as a listed name.
    pub excluded_negatives: usize,
    /// Negatives by culture or company style.
    pub by_culture: Vec<CultureRow>,
    /// Recall and FP rate by review threshold, 0.60..=0.98 step 0.02.
    pub curve: Vec<CurvePoint>,
    /// The 20 positives with the lowest expected score.
    pub worst_misses: Vec<Miss>,
    /// The 20 negatives with the highest score.
    pub worst_false_positives: Vec<FalsePositive>,
    /// Score saturation of inexact positives.
    pub saturation: Saturation,
    /// Qualifier effects.
    pub qualifiers: QualifierEffects,
    /// Screening speed.
    pub timing: Timing,
    /// Kinds short of their quota.
    pub shortfalls: Vec<Shortfall>,
    /// Queries the matcher rejected with an error.
    pub errors: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn kind_row(label: &str, rows: &[&PositiveResult], t: f64, limit: usize) -> KindRow {
    let n = rows.len();
    let inexact: Vec<&&PositiveResult> = rows.iter().filter(|r| r.inexact()).collect();
    KindRow {
        kind: label.to_string(),
        n,
        dprk: rows.iter().filter(|r| r.case.dprk).count(),
        recall: ratio(rows.iter().filter(|r| r.found(t, limit)).count(), n),
        top1: ratio(rows.iter().filter(|r| r.top1(t)).count(), n),
        mean_score: if n == 0 {
            0.0
        } else {
            rows.iter()
                .map(|r| r.expected_score.unwrap_or(0.0))
                .sum::<f64>()
                / n as f64
        },
        inexact: inexact.len(),
        inexact_at_one: inexact
            .iter()
            .filter(|r| r.expected_score.is_some_and(|s| s >= 1.0))
            .count(),
    }
}

/// Review thresholds of the curve.
pub fn curve_thresholds() -> Vec<f64> {
    (0..=19).map(|i| (60 + 2 * i) as f64 / 100.0).collect()
}

impl EvalReport {
    /// Computes every figure from the screening results. `options` gives the review threshold
    /// and result limit the headline figures are for; the results must come from one run at a
    /// threshold at or below 0.60 for the curve to be complete.
    pub(crate) fn compute(
        pos: &[PositiveResult],
        neg: &[NegativeResult],
        options: &Options,
        ctx: Context,
    ) -> EvalReport {
        let t = options.review_threshold;
        let limit = options.limit;
        let all: Vec<&PositiveResult> = pos.iter().collect();
        let overall = kind_row("all", &all, t, limit);
        let subset = |label: &str, f: &dyn Fn(&PositiveResult) -> bool| {
            let rows: Vec<&PositiveResult> = pos.iter().filter(|r| f(r)).collect();
            kind_row(label, &rows, t, limit)
        };
        let subsets = vec![
            subset("dprk", &|r| r.case.dprk),
            subset("individual", &|r| {
                r.case.entry_kind == crate::model::EntryKind::Individual
            }),
            subset("entity", &|r| {
                r.case.entry_kind == crate::model::EntryKind::Entity
            }),
        ];
        let by_kind = VariantKind::ALL
            .iter()
            .filter_map(|k| {
                let rows: Vec<&PositiveResult> = pos.iter().filter(|r| r.case.kind == *k).collect();
                (!rows.is_empty()).then(|| kind_row(k.as_str(), &rows, t, limit))
            })
            .collect();

        let false_positives = neg.iter().filter(|r| r.flagged(t)).count();
        let mut cultures: BTreeMap<(Party, &str), Vec<&NegativeResult>> = BTreeMap::new();
        for r in neg {
            cultures
                .entry((r.case.party, r.case.culture))
                .or_default()
                .push(r);
        }
        let by_culture = cultures
            .into_iter()
            .map(|((party, culture), rows)| {
                let fp = rows.iter().filter(|r| r.flagged(t)).count();
                CultureRow {
                    culture: culture.to_string(),
                    party,
                    n: rows.len(),
                    false_positives: fp,
                    fpr: ratio(fp, rows.len()),
                    max_score: rows.iter().map(|r| r.best()).fold(0.0, f64::max),
                }
            })
            .collect();

        let curve = curve_thresholds()
            .into_iter()
            .map(|th| CurvePoint {
                threshold: th,
                recall: ratio(pos.iter().filter(|r| r.found(th, limit)).count(), pos.len()),
                top1: ratio(pos.iter().filter(|r| r.top1(th)).count(), pos.len()),
                fpr: ratio(neg.iter().filter(|r| r.flagged(th)).count(), neg.len()),
            })
            .collect();

        let mut order: Vec<&PositiveResult> = pos.iter().collect();
        order.sort_by(|a, b| {
            a.expected_score
                .unwrap_or(-1.0)
                .total_cmp(&b.expected_score.unwrap_or(-1.0))
                .then_with(|| a.case.query.cmp(&b.case.query))
        });
        let worst_misses = order
            .iter()
            .take(20)
            .map(|r| Miss {
                query: r.case.query.clone(),
                kind: r.case.kind,
                expected: format!("{}:{}", r.case.list.as_str(), r.case.id),
                listed_name: r.case.listed_name.clone(),
                score: r.expected_score,
                returned: r.returned.clone(),
            })
            .collect();
        let mut order: Vec<&NegativeResult> =
            neg.iter().filter(|r| !r.returned.is_empty()).collect();
        order.sort_by(|a, b| {
            b.best()
                .total_cmp(&a.best())
                .then_with(|| a.case.name.cmp(&b.case.name))
        });
        let worst_false_positives = order
            .iter()
            .take(20)
            .map(|r| FalsePositive {
                name: r.case.name.clone(),
                culture: r.case.culture.to_string(),
                score: r.best(),
                matched: r.returned.clone(),
            })
            .collect();

        let saturation = Saturation {
            inexact: overall.inexact,
            inexact_at_one: overall.inexact_at_one,
            share: ratio(overall.inexact_at_one, overall.inexact),
        };
        EvalReport {
            seed: ctx.seed,
            review_threshold: t,
            match_threshold: options.match_threshold,
            limit,
            targets: Targets::default(),
            overall,
            subsets,
            by_kind,
            negatives: neg.len(),
            false_positives,
            fpr: ratio(false_positives, neg.len()),
            excluded_negatives: ctx.excluded_negatives,
            by_culture,
            curve,
            worst_misses,
            worst_false_positives,
            saturation,
            qualifiers: ctx.qualifiers,
            timing: ctx.timing,
            shortfalls: ctx.shortfalls,
            errors: ctx.errors,
        }
    }

    /// Whether recall, top-1 and false-positive rate all meet their targets.
    pub fn meets_targets(&self) -> bool {
        self.overall.recall >= self.targets.recall
            && self.overall.top1 >= self.targets.top1
            && self.fpr <= self.targets.fpr
    }
}

fn mark(ok: bool) -> &'static str {
    if ok {
        "ok"
    } else {
        "BELOW TARGET"
    }
}

fn hits_line(h: &[Hit]) -> String {
    if h.is_empty() {
        return "nothing".to_string();
    }
    h.iter()
        .map(|h| format!("{}:{} \"{}\" {:.3}", h.list, h.id, h.name, h.score))
        .collect::<Vec<_>>()
        .join("; ")
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tg = &self.targets;
        writeln!(
            f,
            "Matching quality (seed {}, review threshold {:.2}, match threshold {:.2}, limit {})",
            self.seed, self.review_threshold, self.match_threshold, self.limit
        )?;
        writeln!(f)?;
        writeln!(
            f,
            "  recall  {:.4}  target >= {:.2}  {}",
            self.overall.recall,
            tg.recall,
            mark(self.overall.recall >= tg.recall)
        )?;
        writeln!(
            f,
            "  top-1   {:.4}  target >= {:.2}  {}",
            self.overall.top1,
            tg.top1,
            mark(self.overall.top1 >= tg.top1)
        )?;
        writeln!(
            f,
            "  FP rate {:.4}  target <= {:.3}  {}   ({} of {} negatives; {} generated negatives excluded as true name hits)",
            self.fpr,
            tg.fpr,
            mark(self.fpr <= tg.fpr),
            self.false_positives,
            self.negatives,
            self.excluded_negatives
        )?;
        if self.errors > 0 {
            writeln!(
                f,
                "  {} queries were rejected by the matcher with an error",
                self.errors
            )?;
        }
        writeln!(f)?;
        writeln!(f, "Positives by variant kind ({} cases)", self.overall.n)?;
        writeln!(
            f,
            "  {:<16} {:>5} {:>5} {:>7} {:>7} {:>7} {:>9}",
            "kind", "n", "dprk", "recall", "top-1", "mean", "inex@1.0"
        )?;
        for r in self
            .by_kind
            .iter()
            .chain(std::iter::once(&self.overall))
            .chain(&self.subsets)
        {
            writeln!(
                f,
                "  {:<16} {:>5} {:>5} {:>7.4} {:>7.4} {:>7.3} {:>4}/{:<4}",
                r.kind, r.n, r.dprk, r.recall, r.top1, r.mean_score, r.inexact_at_one, r.inexact
            )?;
        }
        for s in &self.shortfalls {
            writeln!(
                f,
                "  note: {} has {} of {} cases ({} eligible listed names)",
                s.kind, s.generated, s.quota, s.eligible_names
            )?;
        }
        writeln!(f)?;
        writeln!(f, "Negatives by culture ({} cases)", self.negatives)?;
        writeln!(
            f,
            "  {:<24} {:>5} {:>4} {:>7} {:>7}",
            "culture", "n", "fp", "fpr", "max"
        )?;
        for r in &self.by_culture {
            writeln!(
                f,
                "  {:<24} {:>5} {:>4} {:>7.4} {:>7.3}",
                r.culture, r.n, r.false_positives, r.fpr, r.max_score
            )?;
        }
        writeln!(f)?;
        writeln!(f, "Threshold curve (one run, scores re-thresholded)")?;
        writeln!(
            f,
            "  {:>9} {:>7} {:>7} {:>7}",
            "threshold", "recall", "top-1", "fpr"
        )?;
        for p in &self.curve {
            writeln!(
                f,
                "  {:>9.2} {:>7.4} {:>7.4} {:>7.4}",
                p.threshold, p.recall, p.top1, p.fpr
            )?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "Score saturation: {} of {} inexact positives scored exactly 1.0 ({:.1}%; scores must rank, not saturate)",
            self.saturation.inexact_at_one,
            self.saturation.inexact,
            100.0 * self.saturation.share
        )?;
        writeln!(f)?;
        writeln!(f, "Worst misses (lowest score of the expected entry)")?;
        for m in &self.worst_misses {
            let s = m
                .score
                .map_or_else(|| "-".to_string(), |s| format!("{s:.3}"));
            writeln!(
                f,
                "  {s:>6} [{}] \"{}\" -> expected {} \"{}\"",
                m.kind, m.query, m.expected, m.listed_name
            )?;
            writeln!(f, "         returned: {}", hits_line(&m.returned))?;
        }
        writeln!(f)?;
        writeln!(f, "Worst false positives (highest scores)")?;
        for p in &self.worst_false_positives {
            writeln!(
                f,
                "  {:>6.3} [{}] \"{}\" -> {}",
                p.score,
                p.culture,
                p.name,
                hits_line(&p.matched)
            )?;
        }
        writeln!(f)?;
        let q = &self.qualifiers;
        writeln!(f, "Qualifier effects ({} individuals with DOB and nationality, misspelled name; {} not found without qualifiers)", q.sample, q.baseline_missing)?;
        for (label, e, want) in [
            ("matching DOB", &q.dob_match, "+"),
            ("contradicting DOB", &q.dob_contradict, "-"),
            ("matching country", &q.country_match, "+"),
            ("contradicting country", &q.country_contradict, "-"),
        ] {
            write!(
                f,
                "  {:<22} mean change {:+.4} (should be {want}; n {}, dropped below floor {}",
                label, e.mean_delta, e.n, e.dropped
            )?;
            if e.errors > 0 {
                write!(f, ", rejected by the matcher {}", e.errors)?;
            }
            writeln!(f, ")")?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "Timing: {} queries, {:.0} queries/s, mean {:.0} µs, p99 {:.0} µs (single thread, low-threshold run)",
            self.timing.queries, self.timing.qps, self.timing.mean_us, self.timing.p99_us
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryKind, ListId, NameKind};

    fn pos(query: &str, listed: &str, score: Option<f64>, rank: Option<usize>) -> PositiveResult {
        PositiveResult {
            case: Positive {
                query: query.into(),
                kind: VariantKind::Typo,
                list: ListId::OfacSdn,
                id: "1".into(),
                listed_name: listed.into(),
                name_kind: NameKind::Primary,
                entry_kind: EntryKind::Individual,
                dprk: false,
            },
            expected_score: score,
            expected_rank: rank,
            returned: vec![],
        }
    }

    fn neg(score: Option<f64>) -> NegativeResult {
        NegativeResult {
            case: Negative {
                name: "John Smith".into(),
                culture: "english",
                party: Party::Person,
            },
            returned: score
                .map(|s| {
                    vec![Hit {
                        list: "UN".into(),
                        id: "x".into(),
                        name: "X".into(),
                        score: s,
                    }]
                })
                .unwrap_or_default(),
        }
    }

    #[test]
    fn report_maths_on_a_tiny_case() {
        let p = vec![
            pos("a b", "b a", Some(0.95), Some(0)),
            pos("a c", "a b", Some(0.85), Some(1)),
            pos("a d", "a b", Some(0.70), Some(0)),
            pos("a e", "a b", None, None),
            pos("x y", "x y", Some(1.0), Some(0)),
            pos("x z", "x y", Some(1.0), Some(0)),
        ];
        let n = vec![neg(None), neg(Some(0.81)), neg(Some(0.62)), neg(None)];
        let opts = Options::default();
        let r = EvalReport::compute(&p, &n, &opts, Context::default());
        // At 0.80: found = 0.95, 0.85, 1.0, 1.0 -> 4/6; top-1: 0.95, 1.0, 1.0 -> 3/6.
        assert!((r.overall.recall - 4.0 / 6.0).abs() < 1e-12);
        assert!((r.overall.top1 - 3.0 / 6.0).abs() < 1e-12);
        assert_eq!(r.false_positives, 1);
        assert!((r.fpr - 0.25).abs() < 1e-12);
        // Curve at 0.60: every returned positive counts, two negatives are flagged.
        let at = |t: f64| {
            r.curve
                .iter()
                .find(|c| (c.threshold - t).abs() < 1e-9)
                .copied()
                .unwrap()
        };
        assert!((at(0.60).recall - 5.0 / 6.0).abs() < 1e-12);
        assert!((at(0.60).fpr - 0.5).abs() < 1e-12);
        assert!((at(0.86).recall - 3.0 / 6.0).abs() < 1e-12);
        assert!((at(0.98).fpr).abs() < 1e-12);
        assert_eq!(r.curve.len(), 20);
        assert!((r.curve[19].threshold - 0.98).abs() < 1e-12);
        // Worst miss first: the unreturned one, then 0.70.
        assert_eq!(r.worst_misses[0].query, "a e");
        assert_eq!(r.worst_misses[1].score, Some(0.70));
        assert_eq!(r.worst_false_positives[0].score, 0.81);
        // A tie with the first match counts as top-1.
        let mut tied = pos("a b", "a b", Some(0.9), Some(1));
        tied.returned = vec![Hit {
            list: "UN".into(),
            id: "2".into(),
            name: "A B".into(),
            score: 0.9,
        }];
        assert!(tied.top1(0.8));
        tied.returned[0].score = 0.95;
        assert!(!tied.top1(0.8));
        // "a b" vs "b a" is exact after normalization; "x z" is inexact at 1.0.
        assert_eq!(r.saturation.inexact, 4);
        assert_eq!(r.saturation.inexact_at_one, 1);
        // A limit of 1 turns the rank-1 hit into a miss.
        let r1 = EvalReport::compute(&p, &n, &opts.limit(1), Context::default());
        assert!((r1.overall.recall - 3.0 / 6.0).abs() < 1e-12);
        let text = r.to_string();
        assert!(text.contains("recall  0.6667"), "{text}");
        assert!(text.contains("BELOW TARGET"));
    }

    #[test]
    fn timing_and_qualifier_maths() {
        let d: Vec<Duration> = (1..=100).map(Duration::from_micros).collect();
        let t = Timing::from_durations(&d);
        assert_eq!(t.queries, 100);
        assert!((t.mean_us - 50.5).abs() < 1e-6);
        assert!((t.p99_us - 99.0).abs() < 1e-6);
        assert!((t.qps - 100.0 / 0.00505).abs() < 1.0);
        let mut e = QualifierEffect::default();
        e.add(0.8, Some(0.9));
        e.add(0.8, Some(0.85));
        e.add(0.8, None);
        assert_eq!((e.n, e.dropped), (2, 1));
        assert!((e.mean_delta - 0.075).abs() < 1e-12);
    }
}
