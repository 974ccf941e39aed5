//! Tests of the wasm binding only: loading from bytes, the shape of the JavaScript result objects,
//! and errors arriving as JavaScript `Error`s with the core's message. Matching quality is tested
//! natively; this file checks that it crosses the boundary intact.
//!
//! Under Node:     cargo test --target wasm32-unknown-unknown --no-default-features --features wasm --test web
//! In Chromium:    WASM_BINDGEN_USE_BROWSER=1 cargo test --target wasm32-unknown-unknown --no-default-features --features wasm --test web
#![cfg(all(target_arch = "wasm32", feature = "wasm"))]

use js_sys::{Array, Object, Reflect, JSON};
use sanctions_screen::bundle;
use sanctions_screen::model::{
    DateSpec, Entry, EntryKind, IdKind, Identifier, ListId, ListInfo, Name, NameKind,
};
use sanctions_screen::wasm::Screener;
use sanctions_screen::Watchlist;
use wasm_bindgen::{JsCast, JsError, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn entry(id: &str, kind: EntryKind, names: &[(&str, NameKind)]) -> Entry {
    Entry {
        list: ListId::OfacSdn,
        id: id.to_string(),
        kind,
        names: names
            .iter()
            .map(|(text, kind)| Name {
                text: text.to_string(),
                kind: *kind,
            })
            .collect(),
        programs: vec!["DPRK3".to_string()],
        dobs: Vec::new(),
        pobs: Vec::new(),
        nationalities: Vec::new(),
        address_countries: Vec::new(),
        gender: None,
        identifiers: Vec::new(),
        linked_to: Vec::new(),
    }
}

/// A two-entry bundle in the real format, written by the real writer.
fn tiny_bundle() -> Vec<u8> {
    let mut song = entry(
        "49970",
        EntryKind::Individual,
        &[
            ("SONG, Kum Hyok", NameKind::Primary),
            ("SONG, Kum-Hyok", NameKind::Aka),
        ],
    );
    song.programs = vec!["CYBER4".to_string()];
    song.dobs = vec![DateSpec::Day {
        y: 1998,
        m: 3,
        d: 15,
    }];
    song.nationalities = vec!["KP".to_string()];
    song.identifiers = vec![Identifier {
        kind: IdKind::Email,
        value: "wangge327@yahoo.com".to_string(),
        detail: None,
    }];
    let sobaeksu = entry(
        "54764",
        EntryKind::Entity,
        &[("KOREA SOBAEKSU TRADING CORPORATION", NameKind::Primary)],
    );
    let lists = vec![ListInfo {
        list: ListId::OfacSdn,
        date: "2026-08-20".to_string(),
        date_source: "test".to_string(),
        entries: 2,
        names: 3,
    }];
    let mut data = Watchlist::build_bundle(
        vec![song, sobaeksu],
        lists,
        "2026-08-21T00:00:00Z".to_string(),
    );
    bundle::apply_profile(&mut data, bundle::Profile::Screening);
    bundle::write(&data)
}

fn screener() -> Screener {
    match Screener::from_bytes(&tiny_bundle()) {
        Ok(s) => s,
        Err(e) => panic!("tiny bundle must load: {}", error_message(JsValue::from(e))),
    }
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("Reflect.get on an object")
}

/// The message of the `Error` a call must throw.
fn thrown<T>(result: Result<T, JsError>, what: &str) -> String {
    match result {
        Ok(_) => panic!("{what}: expected an exception"),
        Err(e) => error_message(JsValue::from(e)),
    }
}

/// The thrown value must be a real `Error` (so `catch (e) { e.message }` works in JS).
fn error_message(thrown: JsValue) -> String {
    let error: &js_sys::Error = thrown.dyn_ref().expect("a JS Error instance");
    String::from(error.message())
}

/// A plain object, not a `Map`: JSON.stringify must see every field.
fn assert_plain_object(value: &JsValue, what: &str) {
    assert!(value.is_object(), "{what} is an object");
    assert!(
        !value.is_instance_of::<js_sys::Map>(),
        "{what} is a plain object, not a Map"
    );
    let proto = Object::get_prototype_of(value);
    assert_eq!(
        JsValue::from(proto),
        JsValue::from(Object::get_prototype_of(&Object::new())),
        "{what} prototype"
    );
}

#[wasm_bindgen_test]
fn loads_from_bytes_and_reports_info() {
    let info = screener().info().expect("info");
    assert_plain_object(&info, "info");
    assert_eq!(get(&info, "entries").as_f64(), Some(2.0));
    assert_eq!(get(&info, "names").as_f64(), Some(3.0));
    assert_eq!(
        get(&info, "format_version").as_f64(),
        Some(f64::from(bundle::VERSION))
    );
    let checksum = get(&info, "checksum").as_string().expect("checksum string");
    assert_eq!(checksum.len(), 8, "checksum is 8 hex digits: {checksum}");
    let lists: Array = get(&info, "lists").dyn_into().expect("lists is an array");
    assert_eq!(lists.length(), 1);
    assert_eq!(
        get(&lists.get(0), "date").as_string().as_deref(),
        Some("2026-08-20")
    );
}

#[wasm_bindgen_test]
fn screen_by_name_string_gives_plain_ranked_objects() {
    let result = screener()
        .screen(JsValue::from_str("Kum-Hyok Song"), JsValue::UNDEFINED)
        .expect("screen");
    assert_plain_object(&result, "result");
    assert_eq!(
        get(&result, "decision").as_string().as_deref(),
        Some("match")
    );
    assert_eq!(
        get(&get(&result, "query"), "name").as_string().as_deref(),
        Some("Kum-Hyok Song")
    );
    let matches: Array = get(&result, "matches")
        .dyn_into()
        .expect("matches is an array");
    assert!(matches.length() >= 1, "at least one match");
    let best = matches.get(0);
    assert_plain_object(&best, "match");
    assert_eq!(get(&best, "id").as_string().as_deref(), Some("49970"));
    assert_eq!(get(&best, "list").as_string().as_deref(), Some("OFAC-SDN"));
    assert_eq!(
        get(&best, "entry_kind").as_string().as_deref(),
        Some("individual")
    );
    let score = get(&best, "score").as_f64().expect("score is a number");
    assert!((0.0..=1.0).contains(&score), "score {score} in [0, 1]");
    let explanation = get(&best, "explanation");
    assert_plain_object(&explanation, "explanation");
    assert!(
        Array::is_array(&get(&explanation, "pairs")),
        "pairs is an array"
    );
    assert!(
        get(&explanation, "name_score").as_f64().is_some(),
        "name_score is a number"
    );
    // The whole result survives JSON, as the widget's event detail must.
    let json = JSON::stringify(&result).expect("stringify");
    assert!(String::from(json).contains("\"49970\""));
}

#[wasm_bindgen_test]
fn screen_by_query_object_with_only_an_email() {
    let query =
        JSON::parse(r#"{"name": "", "email": "wangge327@yahoo.com", "dob": null}"#).expect("json");
    let result = screener()
        .screen(query, JsValue::UNDEFINED)
        .expect("screen");
    assert_eq!(
        get(&result, "decision").as_string().as_deref(),
        Some("match")
    );
    let best = Array::from(&get(&result, "matches")).get(0);
    assert_eq!(get(&best, "id").as_string().as_deref(), Some("49970"));
}

#[wasm_bindgen_test]
fn ordinary_name_is_clear_and_options_apply() {
    let options = JSON::parse(r#"{"limit": 1, "reviewThreshold": 0.8, "matchThreshold": 0.95}"#)
        .expect("json");
    let result = screener()
        .screen(JsValue::from_str("Maria Garcia Lopez"), options)
        .expect("screen");
    assert_eq!(
        get(&result, "decision").as_string().as_deref(),
        Some("clear")
    );
    assert_eq!(Array::from(&get(&result, "matches")).length(), 0);
}

#[wasm_bindgen_test]
fn query_and_option_fields_are_read_and_type_checked() {
    let s = screener();
    let query =
        JSON::parse(r#"{"name": "SONG Kum Hyok", "dob": null, "country": "KP"}"#).expect("json");
    let options = JSON::parse(r#"{"limit": 1, "reviewThreshold": null}"#).expect("json");
    let result = s.screen(query, options).expect("screen");
    let echoed = get(&result, "query");
    assert_eq!(get(&echoed, "country").as_string().as_deref(), Some("KP"));
    assert!(get(&echoed, "dob").is_undefined(), "null dob is no dob");
    let matches = Array::from(&get(&result, "matches"));
    assert_eq!(matches.length(), 1);
    assert_eq!(
        get(&matches.get(0), "id").as_string().as_deref(),
        Some("49970")
    );

    for (query, field, got) in [
        (r#"{"name": "x", "dob": 1990}"#, "`dob`", "number"),
        (r#"{"name": "x", "email": ["a@b.c"]}"#, "`email`", "array"),
        (r#"{"name": null}"#, "`name`", "null"),
    ] {
        let q = JSON::parse(query).expect("json");
        let message = thrown(s.screen(q, JsValue::UNDEFINED), query);
        assert!(message.starts_with("invalid query"), "{message}");
        assert!(
            message.contains(field) && message.contains(got),
            "{message}"
        );
    }
    for (options, field) in [
        (r#"{"limit": 2.5}"#, "`limit`"),
        (r#"{"limit": -1}"#, "`limit`"),
        (r#"{"reviewThreshold": "0.9"}"#, "`reviewThreshold`"),
    ] {
        let o = JSON::parse(options).expect("json");
        let message = thrown(s.screen(JsValue::from_str("x"), o), options);
        assert!(
            message.starts_with("invalid options") && message.contains(field),
            "{message}"
        );
    }
}

#[wasm_bindgen_test]
fn screen_many_keeps_order() {
    let queries = Array::of2(
        &JsValue::from_str("Maria Garcia Lopez"),
        &JsValue::from_str("KOREA SOBAEKSU TRADING"),
    );
    let results: Array = screener()
        .screen_many(queries, JsValue::UNDEFINED)
        .expect("screenMany")
        .dyn_into()
        .expect("array");
    assert_eq!(results.length(), 2);
    assert_eq!(
        get(&results.get(0), "decision").as_string().as_deref(),
        Some("clear")
    );
    let second = Array::from(&get(&results.get(1), "matches"));
    assert_eq!(
        get(&second.get(0), "id").as_string().as_deref(),
        Some("54764")
    );
}

#[wasm_bindgen_test]
fn bad_magic_is_an_error_with_the_core_message() {
    let message = thrown(
        Screener::from_bytes(b"<!doctype html><html>404</html>"),
        "HTML page",
    );
    assert!(message.contains("bad magic"), "{message}");
    assert!(message.contains("rebuild"), "says what to do: {message}");
}

/// The browser engine ships no decompressor: a bundle compressed inside (the full profile)
/// is refused with what to build instead.
#[wasm_bindgen_test]
fn compressed_bundle_is_an_error_that_says_which_to_build() {
    let mut data = bundle::read(&tiny_bundle()).expect("the tiny bundle reads");
    data.meta.profile = bundle::Profile::Full.name().to_string();
    let deflated = bundle::write(&data);
    assert_ne!(
        bundle::read_header(&deflated).expect("header").codec,
        "stored"
    );
    let message = thrown(Screener::from_bytes(&deflated), "a deflated bundle");
    assert!(message.contains("--profile screening"), "{message}");
    assert!(message.contains("Content-Encoding"), "{message}");
}

#[wasm_bindgen_test]
fn truncated_bundle_is_an_error_with_the_core_message() {
    let bytes = tiny_bundle();
    for cut in [bytes.len() / 2, bytes.len() - 1, 12] {
        let message = thrown(Screener::from_bytes(&bytes[..cut]), "a cut bundle");
        assert!(
            message.contains("truncated") || message.contains("checksum"),
            "cut at {cut}: {message}"
        );
    }
}

#[wasm_bindgen_test]
fn invalid_query_and_options_are_errors_that_say_what_to_pass() {
    let s = screener();
    let message = thrown(
        s.screen(JsValue::from_f64(42.0), JsValue::UNDEFINED),
        "number query",
    );
    assert!(message.starts_with("invalid query"), "{message}");
    let typo = JSON::parse(r#"{"name": "x", "birthday": "1990"}"#).expect("json");
    let message = thrown(s.screen(typo, JsValue::UNDEFINED), "unknown field");
    assert!(
        message.contains("birthday"),
        "names the bad field: {message}"
    );
    let options = JSON::parse(r#"{"threshold": 0.9}"#).expect("json");
    let message = thrown(s.screen(JsValue::from_str("x"), options), "bad options");
    assert!(
        message.starts_with("invalid options") && message.contains("reviewThreshold"),
        "{message}"
    );
    let queries = Array::of2(&JsValue::from_str("ok"), &JsValue::TRUE);
    let message = thrown(s.screen_many(queries, JsValue::UNDEFINED), "bad item");
    assert!(message.starts_with("query 1: invalid query"), "{message}");
}

/// The word table builds on a platform without threads (its parts run on the calling thread)
/// and changes no result.
#[wasm_bindgen_test]
fn word_table_builds_without_threads() {
    let bytes = tiny_bundle();
    let (plain, tabled) = match (Watchlist::from_bytes(&bytes), Watchlist::from_bytes(&bytes)) {
        (Ok(a), Ok(b)) => (a, b),
        _ => panic!("tiny bundle must load"),
    };
    assert!(tabled.build_word_table(4).is_some_and(|b| b > 0));
    let opts = sanctions_screen::Options::default();
    for q in [
        "Song Kum Hyok",
        "Kumhyok Song",
        "Sobaeksu Trading",
        "Emma Daniels",
    ] {
        let q = sanctions_screen::Query::new(q);
        assert_eq!(
            format!("{:?}", plain.screen(&q, &opts)),
            format!("{:?}", tabled.screen(&q, &opts))
        );
    }
}
