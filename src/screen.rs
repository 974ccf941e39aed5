//! The public screening API: [`Watchlist`], [`Query`], [`Options`] and the result types.

use serde::{Deserialize, Serialize};

use std::sync::OnceLock;

use crate::bundle::{self, BundleData, Entries, Meta, Tokens};
use crate::error::{Error, Result};
use crate::matcher::{Facts, Matcher};
use crate::model::{Entry, ListInfo};

/// The screening outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Nothing on the lists resembles the applicant closely enough to look at.
    Clear,
    /// A possible match: a person should look before proceeding.
    Review,
    /// A strong match (or an exact identifier hit).
    Match,
}

impl Decision {
    /// `clear`, `review` or `match`.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Clear => "clear",
            Decision::Review => "review",
            Decision::Match => "match",
        }
    }
}

/// A screening query: a name plus optional qualifiers.
///
/// Deserializes from the CLI's JSON line form
/// `{"name": "...", "dob": "1987-08-30", "country": "KP", "email": "...", "wallet": "...", "phone": "...", "website": "..."}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    /// Full name of a person or organization, any order, any script.
    #[serde(default)]
    pub name: String,
    /// Date of birth `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dob: Option<String>,
    /// Country (nationality or residence): ISO alpha-2/alpha-3 code or name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Crypto wallet address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wallet: Option<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Website or domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

impl Query {
    /// A query for a name.
    pub fn new(name: impl Into<String>) -> Query {
        Query {
            name: name.into(),
            ..Query::default()
        }
    }
    /// Sets the date of birth.
    pub fn dob(mut self, dob: impl Into<String>) -> Query {
        self.dob = Some(dob.into());
        self
    }
    /// Sets the country.
    pub fn country(mut self, country: impl Into<String>) -> Query {
        self.country = Some(country.into());
        self
    }
    /// Sets the email.
    pub fn email(mut self, email: impl Into<String>) -> Query {
        self.email = Some(email.into());
        self
    }
    /// Sets the wallet address.
    pub fn wallet(mut self, wallet: impl Into<String>) -> Query {
        self.wallet = Some(wallet.into());
        self
    }
    /// Sets the phone number.
    pub fn phone(mut self, phone: impl Into<String>) -> Query {
        self.phone = Some(phone.into());
        self
    }
    /// Sets the website.
    pub fn website(mut self, website: impl Into<String>) -> Query {
        self.website = Some(website.into());
        self
    }
}

/// Thresholds and limits. See [`Options::default`] for the documented defaults.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// Score at or above which a match is `review` (and reported at all). Default 0.80.
    pub review_threshold: f64,
    /// Score at or above which a match is `match`. Default 0.92.
    pub match_threshold: f64,
    /// Most matches returned. Default 10.
    pub limit: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            review_threshold: 0.80,
            match_threshold: 0.92,
            limit: 10,
        }
    }
}

impl Options {
    /// Sets the review threshold (the minimum reported score).
    pub fn review_threshold(mut self, t: f64) -> Options {
        self.review_threshold = t;
        self
    }
    /// Sets the match threshold.
    pub fn match_threshold(mut self, t: f64) -> Options {
        self.match_threshold = t;
        self
    }
    /// Sets the result limit.
    pub fn limit(mut self, n: usize) -> Options {
        self.limit = n;
        self
    }
}

/// How one query token paired with one listed token.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TokenPair {
    /// Query side (normalized; joined tokens are shown with a space).
    pub query: String,
    /// Listed side (normalized).
    pub listed: String,
    /// Similarity in [0, 1].
    pub similarity: f64,
    /// The rule: `exact`, `romanization`, `transliteration`, `fuzzy`, `initial` or `legal_form`
    /// (the legal forms of both sides, written differently). Prefixed `joined+` (two query tokens,
    /// one listed) or `split+` (one query token, two listed); suffixed `+alone` when the pair is
    /// the name's only evidence, inexact, on a listed token of five letters or fewer (seven
    /// for a spelling rule; its similarity then carries a 0.85 factor).
    pub how: String,
    /// Weight of the pair in the name score.
    pub weight: f64,
}

/// A score adjustment from a qualifier field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Adjustment {
    /// `dob`, `country`, `email`, `wallet`, `phone`, `website` or `weak_alias`.
    pub field: String,
    /// Added to the name score (negative lowers it).
    pub delta: f64,
    /// Human-readable reason.
    pub detail: String,
}

/// Why a match scored what it scored. `score == clamp(name_score + Σ adjustments.delta, 0, 1)`,
/// except that an exact identifier hit sets the score to 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// The normalized query tokens.
    pub query_tokens: Vec<String>,
    /// The normalized listed tokens.
    pub listed_tokens: Vec<String>,
    /// Token pairs that matched.
    pub pairs: Vec<TokenPair>,
    /// Query tokens left unpaired.
    pub unmatched_query: Vec<String>,
    /// Listed tokens left unpaired.
    pub unmatched_listed: Vec<String>,
    /// `Σ pair weight × similarity`.
    pub numerator: f64,
    /// `Σ weight` of all query and listed tokens (missing-token discounts applied).
    pub denominator: f64,
    /// `numerator / denominator` (0 when the name did not match).
    pub name_score: f64,
    /// Normalizations that changed the query or listed name.
    pub normalizations: Vec<String>,
    /// Rules that changed what the listed tokens left unpaired weigh: `in_full` (a middle name
    /// or patronymic counts without its discount, because every other name pairs only by
    /// spelling rules between spellings in use, as a namesake's would) and `generic_half`
    /// (generic business words of a company's name count half, because two other words pair
    /// exactly). Empty when neither applied.
    pub left_out_rules: Vec<String>,
    /// Qualifier effects.
    pub adjustments: Vec<Adjustment>,
    /// Identifier that matched exactly, if any (`email:wangge327@yahoo.com`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
}

/// One listed entry that resembles the query.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Match {
    /// Source list label (`OFAC-SDN`, `OFAC-CONS`, `UN`).
    pub list: String,
    /// Id on that list.
    pub id: String,
    /// The entry's primary name as listed.
    pub name: String,
    /// The name that matched best, as listed.
    pub matched_name: String,
    /// `primary`, `aka`, `fka`, `nka`, `weak_aka` or `original_script`.
    pub name_kind: String,
    /// `individual`, `entity`, `vessel` or `aircraft`.
    pub entry_kind: String,
    /// Score in [0, 1].
    pub score: f64,
    /// This match's own decision.
    pub decision: Decision,
    /// Programs.
    pub programs: Vec<String>,
    /// Why.
    pub explanation: Explanation,
}

/// The result of screening one query.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScreenResult {
    /// The query as received.
    pub query: Query,
    /// The overall decision (the best match's decision, or `clear`).
    pub decision: Decision,
    /// Matches at or above the review threshold, by score then id.
    pub matches: Vec<Match>,
}

/// What a loaded bundle contains.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Info {
    /// Bundle format version.
    pub format_version: u32,
    /// Build time.
    pub built_at: String,
    /// Tool version that built it.
    pub tool_version: String,
    /// Lists with dates and counts.
    pub lists: Vec<ListInfo>,
    /// Total entries.
    pub entries: usize,
    /// Total names.
    pub names: usize,
    /// Size of the bundle in bytes.
    pub bundle_bytes: usize,
    /// Size of the decompressed payload.
    pub raw_bytes: usize,
    /// Payload codec.
    pub codec: String,
    /// Build profile: `full`, or `screening` (no passport and national-ID numbers).
    pub profile: String,
    /// CRC-32 of the bundle, as 8 hex digits.
    pub checksum: String,
}

/// A loaded watchlist with its search index.
pub struct Watchlist {
    meta: Meta,
    entries: Entries,
    info: Info,
    pub(crate) matcher: Matcher,
    /// [`Watchlist::data`], built when first asked for.
    data: OnceLock<BundleData>,
}

impl std::fmt::Debug for Watchlist {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watchlist")
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

impl Watchlist {
    /// Loads and verifies a bundle. Never panics: a damaged, truncated or wrong-version bundle
    /// is an [`Error`] that says what to do.
    ///
    /// Every entry is checked, but kept encoded: an entry is decoded when a search first
    /// reports it (or when [`Watchlist::entries`] is first called).
    pub fn from_bytes(bytes: &[u8]) -> Result<Watchlist> {
        let mut facts = Facts::default();
        let lazy = bundle::read_lazy(bytes, &mut facts)?;
        let header = lazy.header;
        let mut wl = if header.meta.normalizer_version != crate::normalize::NORMALIZER_VERSION {
            // Token data from another normalizer: normalize every name again natively; the
            // browser asks for a rebuilt bundle instead (seconds of work in a page, and the code
            // for it would ship in every wasm).
            #[cfg(target_arch = "wasm32")]
            return Err(Error::new(crate::error::ErrorKind::Normalizer {
                expected: crate::normalize::NORMALIZER_VERSION,
                got: header.meta.normalizer_version,
            }));
            #[cfg(not(target_arch = "wasm32"))]
            Watchlist::from_data(BundleData {
                meta: header.meta.clone(),
                entries: lazy.entries.as_slice().to_vec(),
                norm: lazy.tokens.into_norm(),
            })?
        } else {
            Watchlist::with_index(header.meta.clone(), lazy.entries, lazy.tokens, facts)?
        };
        wl.info.format_version = header.version;
        wl.info.bundle_bytes = header.file_bytes;
        wl.info.raw_bytes = header.raw_bytes;
        wl.info.codec = header.codec.to_string();
        wl.info.checksum = format!("{:08x}", header.checksum);
        Ok(wl)
    }

    /// Wraps already-decoded bundle data (from [`Watchlist::build_bundle`] or [`bundle::read`])
    /// and builds the search index. Token data normalized by another normalizer version is
    /// normalized again, so an older bundle still screens correctly (only slower to load).
    pub fn from_data(mut data: BundleData) -> Result<Watchlist> {
        if data.meta.normalizer_version != crate::normalize::NORMALIZER_VERSION {
            data.norm = crate::matcher::build_norm(&data.entries);
            data.meta.normalizer_version = crate::normalize::NORMALIZER_VERSION;
        }
        let facts = Facts::of(&data.entries);
        Watchlist::with_index(
            data.meta,
            Entries::Decoded(data.entries),
            Tokens::from_norm(data.norm),
            facts,
        )
    }

    fn with_index(meta: Meta, entries: Entries, tokens: Tokens, facts: Facts) -> Result<Watchlist> {
        if facts.entries() != entries.len() {
            return Err(Error::corrupt(format!(
                "{} entries, but the index saw {}",
                entries.len(),
                facts.entries()
            )));
        }
        let names = facts.names();
        let matcher = Matcher::new(tokens, facts)?;
        let info = Info {
            format_version: bundle::VERSION,
            built_at: meta.built_at.clone(),
            tool_version: meta.tool_version.clone(),
            lists: meta.lists.clone(),
            entries: entries.len(),
            names,
            bundle_bytes: 0,
            raw_bytes: 0,
            codec: String::new(),
            profile: meta.profile.clone(),
            checksum: String::new(),
        };
        Ok(Watchlist {
            meta,
            entries,
            info,
            matcher,
            data: OnceLock::new(),
        })
    }

    /// Builds bundle data from parsed entries: normalizes every name once, so that loading
    /// does not have to. `built_at` is an RFC 3339 UTC time.
    pub fn build_bundle(entries: Vec<Entry>, lists: Vec<ListInfo>, built_at: String) -> BundleData {
        let norm = crate::matcher::build_norm(&entries);
        BundleData {
            meta: Meta {
                built_at,
                tool_version: env!("CARGO_PKG_VERSION").to_string(),
                normalizer_version: crate::normalize::NORMALIZER_VERSION,
                lists,
                profile: bundle::Profile::Full.name().to_string(),
            },
            entries,
            norm,
        }
    }

    /// Looks up every word of the lists once, as a query word, and keeps the results. From
    /// then on, a query word that some listed name has costs a copy instead of its lookup
    /// (the search for words within a few typing errors or spelling rules of it, and for the
    /// listed words its halves may be). Results are identical with or without the table;
    /// queries get about twice as fast (README.md has the figures).
    ///
    /// For the OFAC and UN lists it takes about half a second of CPU, spread over up to
    /// `threads` threads, and about 11 MB: worth it in a process that screens many names (a
    /// server, a batch re-screen), not for a few. The CLI's `screen` builds it in the
    /// background. It may be called from another thread while queries run: they use it once
    /// it is complete. It is built once; a later call waits for it or returns at once.
    ///
    /// Returns the bytes it holds, or `None` if it could not be built (a thread failed; queries
    /// then go on without it).
    pub fn build_word_table(&self, threads: usize) -> Option<usize> {
        self.matcher.build_table(threads)
    }

    /// What the bundle contains.
    pub fn info(&self) -> &Info {
        &self.info
    }

    /// All entries. A loaded bundle decodes them all on the first call (tens of milliseconds
    /// for the real lists) and keeps them; screening never needs this.
    pub fn entries(&self) -> &[Entry] {
        self.entries.as_slice()
    }

    /// Entry `i` (as in [`Watchlist::entries`]), decoded alone the first time it is asked for.
    pub fn entry(&self, i: usize) -> Option<&Entry> {
        self.entries.get(i)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the watchlist has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.len() == 0
    }

    /// The bundle data (for re-serializing), built on the first call.
    pub fn data(&self) -> &BundleData {
        self.data.get_or_init(|| BundleData {
            meta: self.meta.clone(),
            entries: self.entries().to_vec(),
            norm: self.matcher.norm_data(),
        })
    }

    /// Screens one query: candidate retrieval through the index, then scoring.
    pub fn screen(&self, query: &Query, options: &Options) -> Result<ScreenResult> {
        check_options(options)?;
        let (matches, _) = self.matcher.search(query, &self.entries, options)?;
        Ok(result(query, matches))
    }

    /// Screens one query by scoring every name on the list, without the index. Slow; it exists
    /// to verify [`Watchlist::screen`], which must return exactly the same result.
    pub fn screen_exhaustive(&self, query: &Query, options: &Options) -> Result<ScreenResult> {
        check_options(options)?;
        let matches = self
            .matcher
            .search_exhaustive(query, &self.entries, options)?;
        Ok(result(query, matches))
    }
}

/// A number shown with three decimals through integer formatting: the float formatter would
/// add kilobytes to the wasm for one error message.
struct Fixed3(f64);

impl std::fmt::Display for Fixed3 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let x = self.0;
        if !x.is_finite() {
            return f.write_str(if x.is_nan() {
                "NaN"
            } else if x > 0.0 {
                "inf"
            } else {
                "-inf"
            });
        }
        let milli = (x.abs() * 1000.0).round().min(u64::MAX as f64) as u64;
        let sign = if x < 0.0 && milli > 0 { "-" } else { "" };
        write!(f, "{sign}{}.{:03}", milli / 1000, milli % 1000)
    }
}

fn check_options(o: &Options) -> Result<()> {
    let ok = |t: f64| (0.0..=1.0).contains(&t);
    if !ok(o.review_threshold) || !ok(o.match_threshold) || o.review_threshold > o.match_threshold {
        return Err(Error::query(format!(
            "thresholds must satisfy 0 <= review ({}) <= match ({}) <= 1",
            Fixed3(o.review_threshold),
            Fixed3(o.match_threshold)
        )));
    }
    Ok(())
}

fn result(query: &Query, matches: Vec<Match>) -> ScreenResult {
    let decision = matches
        .iter()
        .map(|m| m.decision)
        .max()
        .unwrap_or(Decision::Clear);
    ScreenResult {
        query: query.clone(),
        decision,
        matches,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed3_formats_like_the_float_formatter() {
        for (x, s) in [
            (0.8, "0.800"),
            (0.925, "0.925"),
            (1.0, "1.000"),
            (0.0, "0.000"),
            (-0.5, "-0.500"),
            (12.3456, "12.346"),
            (-0.0001, "0.000"),
        ] {
            assert_eq!(Fixed3(x).to_string(), s);
            if x >= 0.0 {
                assert_eq!(format!("{x:.3}"), s, "{x}");
            }
        }
        assert_eq!(Fixed3(f64::NAN).to_string(), "NaN");
        assert_eq!(Fixed3(f64::INFINITY).to_string(), "inf");
        let e = check_options(&Options::default().review_threshold(0.95)).unwrap_err();
        assert!(
            e.to_string().contains("review (0.950) <= match (0.920)"),
            "{e}"
        );
    }
}
