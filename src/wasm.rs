//! The wasm-bindgen binding (feature `wasm`): the only file that names wasm crates.
//!
//! It adapts, and decides nothing: JavaScript gets one class, [`Screener`], that owns a loaded
//! [`Watchlist`], so the bundle is parsed once and screened against many times.
//!
//! ```js
//! import init, { Screener } from './pkg/sanctions_screen.js';
//! await init();
//! const screener = Screener.fromBytes(new Uint8Array(await (await fetch('watchlist.bin')).arrayBuffer()));
//! screener.screen('Kum-Hyok Song');                        // => { query, decision, matches: [...] }
//! screener.screen({ name: 'Song Kum Hyok', dob: '1990' }, { limit: 3 });
//! ```
//!
//! - Results are the core's serde types ([`ScreenResult`], [`Info`]) as plain JS objects, with the
//!   same snake_case field names as the CLI's JSON output, so one schema serves both.
//! - Every error (bad bundle, bad query, bad options) is thrown as a JS `Error` whose `message` is the
//!   core's message, which says what to do. All conversions go through [`IntoJsResult`].
//!
//! # Panics
//! `std::panic::catch_unwind` cannot catch anything on `wasm32-unknown-unknown` (panics abort), so a
//! panic cannot be turned into an `Error` here. Instead: the core promises never to panic on any
//! input (loading and screening are property-tested against random bytes and strings); the panic
//! hook prints the Rust message and location to the console instead of a bare `unreachable`; and the
//! JavaScript side (`www/screen-worker.js`) treats a `WebAssembly.RuntimeError` as fatal for that
//! instance: it rejects the call with a clear `Error`, marks the instance poisoned and is replaced by
//! a fresh worker on the next call, because the Rust heap may be inconsistent after an abort.

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{Info, Options, Query, ScreenResult, Watchlist};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** What to screen: a name plus optional qualifiers. Omit a field (or pass null) when unknown. */
export interface Query {
  /** Full name of a person or organization, any order, any script. */
  name: string;
  /** Date of birth: YYYY-MM-DD, YYYY-MM or YYYY. */
  dob?: string | null;
  /** Nationality or residence: ISO alpha-2/alpha-3 code or English name. */
  country?: string | null;
  email?: string | null;
  /** Crypto wallet address. */
  wallet?: string | null;
  phone?: string | null;
  /** Website or domain. */
  website?: string | null;
}

/** Thresholds and limits; every field is optional. */
export interface Options {
  /** Minimum score reported (a `review`). Default 0.80. */
  reviewThreshold?: number;
  /** Score at or above which a match is a `match`. Default 0.92. */
  matchThreshold?: number;
  /** Most matches returned. Default 10. */
  limit?: number;
}

export type Decision = "clear" | "review" | "match";

export interface TokenPair {
  query: string;
  listed: string;
  similarity: number;
  /** exact, romanization, transliteration, fuzzy, initial or legal_form; prefixed joined+ or split+, suffixed +alone */
  how: string;
  weight: number;
}

export interface Adjustment {
  /** dob, country, email, wallet, phone, website or weak_alias */
  field: string;
  delta: number;
  detail: string;
}

export interface Explanation {
  query_tokens: string[];
  listed_tokens: string[];
  pairs: TokenPair[];
  unmatched_query: string[];
  unmatched_listed: string[];
  numerator: number;
  denominator: number;
  name_score: number;
  normalizations: string[];
  /** Rules that changed what left-out listed tokens weigh: "in_full" (a middle name or patronymic
   *  counts without its discount: the other names are only respelled) or "generic_half" (a
   *  company's generic business words count half). */
  left_out_rules: string[];
  adjustments: Adjustment[];
  /** The identifier that matched exactly, e.g. "email:wangge327@yahoo.com". */
  identifier?: string;
}

export interface Match {
  /** OFAC-SDN, OFAC-CONS or UN */
  list: string;
  id: string;
  name: string;
  matched_name: string;
  /** primary, aka, fka, nka, weak_aka or original_script */
  name_kind: string;
  /** individual, entity, vessel or aircraft */
  entry_kind: string;
  score: number;
  decision: Decision;
  programs: string[];
  explanation: Explanation;
}

export interface ScreenResult {
  /** The query as received (empty fields omitted). */
  query: Query;
  decision: Decision;
  /** Matches at or above the review threshold, by score then id. */
  matches: Match[];
}

export interface ListInfo {
  /** "OfacSdn", "OfacCons" or "Un" */
  list: string;
  /** YYYY-MM-DD */
  date: string;
  date_source: string;
  entries: number;
  names: number;
}

export interface Info {
  format_version: number;
  built_at: string;
  tool_version: string;
  lists: ListInfo[];
  entries: number;
  names: number;
  bundle_bytes: number;
  raw_bytes: number;
  codec: string;
  /** CRC-32 of the bundle, 8 hex digits. */
  checksum: string;
}
"#;

/// Turns any `Result<T, E: ToString>` into a `Result<T, JsError>`: the error crosses into
/// JavaScript as an `Error` whose `message` is `E`'s display text.
pub trait IntoJsResult<T> {
    /// Converts the error side to a JavaScript `Error`.
    fn into_js(self) -> Result<T, JsError>;
}

impl<T, E: ToString> IntoJsResult<T> for Result<T, E> {
    fn into_js(self) -> Result<T, JsError> {
        self.map_err(|e| JsError::new(&e.to_string()))
    }
}

/// Installs the panic hook when the module is instantiated, so that a panic (a bug: the core
/// promises none) logs its message and location instead of a bare `unreachable`.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

const QUERY_KEYS: &[&str] = &[
    "name", "dob", "country", "email", "wallet", "phone", "website",
];
const OPTION_KEYS: &[&str] = &["reviewThreshold", "matchThreshold", "limit"];

/// serde-wasm-bindgen reads only the fields a struct declares, so `deny_unknown_fields` never
/// fires for JS objects; check the keys here, so that a typo such as `birthday` is reported
/// instead of silently ignored.
fn reject_unknown_keys(
    value: &JsValue,
    allowed: &[&str],
    what: &str,
    hint: &str,
) -> Result<(), JsError> {
    if !value.is_object() {
        return Err(JsError::new(&format!(
            "invalid {what}: expected an object; {hint}"
        )));
    }
    for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !allowed.contains(&key.as_str()) {
            return Err(JsError::new(&format!(
                "invalid {what}: unknown field `{key}`; {hint}"
            )));
        }
    }
    Ok(())
}

fn parse_query(value: JsValue) -> Result<Query, JsError> {
    if let Some(name) = value.as_string() {
        return Ok(Query::new(name));
    }
    if !value.is_object() {
        return Err(JsError::new(
            "invalid query: pass a name string or an object like { name: \"...\", dob: \"1990-01-31\" }",
        ));
    }
    const HINT: &str = "pass { name, dob?, country?, email?, wallet?, phone?, website? }";
    reject_unknown_keys(&value, QUERY_KEYS, "query", HINT)?;
    let field = |key: &str| {
        optional_field(&value, key, JsValue::as_string, "a string or null")
            .map_err(|e| JsError::new(&format!("invalid query: {e}; {HINT}")))
    };
    // `name` may be left out (the core then reports the empty name), but not null.
    let name = match field("name")? {
        Some(name) => name,
        None if get(&value, "name").is_undefined() => String::new(),
        None => {
            return Err(JsError::new(&format!(
                "invalid query: `name` must be a string, not null; {HINT}"
            )))
        }
    };
    Ok(Query {
        name,
        dob: field("dob")?,
        country: field("country")?,
        email: field("email")?,
        wallet: field("wallet")?,
        phone: field("phone")?,
        website: field("website")?,
    })
}

fn parse_options(value: JsValue) -> Result<Options, JsError> {
    let mut options = Options::default();
    if value.is_undefined() || value.is_null() {
        return Ok(options);
    }
    const HINT: &str = "pass { reviewThreshold?: number, matchThreshold?: number, limit?: number }";
    reject_unknown_keys(&value, OPTION_KEYS, "options", HINT)?;
    let field = |key: &str| {
        optional_field(&value, key, JsValue::as_f64, "a number")
            .map_err(|e| JsError::new(&format!("invalid options: {e}; {HINT}")))
    };
    if let Some(t) = field("reviewThreshold")? {
        options.review_threshold = t;
    }
    if let Some(t) = field("matchThreshold")? {
        options.match_threshold = t;
    }
    if let Some(n) = field("limit")? {
        // A whole number that fits `usize`, as serde would demand of it.
        if !(n >= 0.0 && n.fract() == 0.0 && n <= usize::MAX as f64) {
            return Err(JsError::new(&format!(
                "invalid options: `limit` must be a whole number, 0 or more; {HINT}"
            )));
        }
        options.limit = n as usize;
    }
    Ok(options)
}

// Queries and options are read field by field rather than through serde-wasm-bindgen: its
// deserializer, and serde's error messages, which print numbers with the float formatter,
// were about 11 KB of the module's gzip size.

/// `value[key]`; a getter that throws reads as `undefined`.
fn get(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `value[key]` as `read` reads it: `None` when undefined or null, an error naming the type
/// otherwise (`expected`: what the value must be).
fn optional_field<T>(
    value: &JsValue,
    key: &str,
    read: fn(&JsValue) -> Option<T>,
    expected: &str,
) -> Result<Option<T>, String> {
    let v = get(value, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    read(&v)
        .map(Some)
        .ok_or_else(|| format!("`{key}` must be {expected}, got {}", type_of(&v)))
}

/// JavaScript's `typeof`, with arrays told apart from other objects.
fn type_of(value: &JsValue) -> String {
    if js_sys::Array::is_array(value) {
        return "array".into();
    }
    value.js_typeof().as_string().unwrap_or_default()
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    // Plain objects, never `Map`: results must be JSON.stringify-able and easy to destructure.
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value.serialize(&serializer).into_js()
}

/// A loaded watchlist, ready to screen names.
#[wasm_bindgen]
pub struct Screener {
    watchlist: Watchlist,
}

#[wasm_bindgen]
impl Screener {
    /// Loads and verifies a bundle (the bytes of `watchlist.bin`). Throws an `Error` saying what to
    /// do when the bytes are not a bundle, are truncated, damaged or of an unsupported version.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &[u8]) -> Result<Screener, JsError> {
        let watchlist = Watchlist::from_bytes(bytes).into_js()?;
        Ok(Screener { watchlist })
    }

    /// Screens one query: a name string or a `Query` object. Throws on an invalid query or options.
    #[wasm_bindgen(unchecked_return_type = "ScreenResult")]
    pub fn screen(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Query | string")] query: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Options | undefined")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let query = parse_query(query)?;
        let options = parse_options(options)?;
        to_js(&self.screen_one(&query, &options)?)
    }

    /// Screens an array of queries with the same options; returns the results in order. Throws
    /// on the first invalid query, naming its index.
    #[wasm_bindgen(js_name = screenMany, unchecked_return_type = "ScreenResult[]")]
    pub fn screen_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Array<Query | string>")] queries: js_sys::Array,
        #[wasm_bindgen(unchecked_param_type = "Options | undefined")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let options = parse_options(options)?;
        let mut results = Vec::with_capacity(queries.length() as usize);
        for (i, value) in queries.iter().enumerate() {
            let query = parse_query(value).map_err(|e| prefix_error(i, e))?;
            results.push(
                self.screen_one(&query, &options)
                    .map_err(|e| prefix_error(i, e))?,
            );
        }
        to_js(&results)
    }

    /// What the bundle contains: lists with dates and counts, sizes, checksum.
    #[wasm_bindgen(unchecked_return_type = "Info")]
    pub fn info(&self) -> Result<JsValue, JsError> {
        to_js::<Info>(self.watchlist.info())
    }
}

impl Screener {
    fn screen_one(&self, query: &Query, options: &Options) -> Result<ScreenResult, JsError> {
        self.watchlist.screen(query, options).into_js()
    }
}

fn prefix_error(index: usize, error: JsError) -> JsError {
    let message = js_sys::Error::from(JsValue::from(error)).message();
    JsError::new(&format!("query {index}: {}", String::from(message)))
}
