//! # sanctions-screen
//!
//! Screens a person's or a company's name (and optionally date of birth, country, email, crypto
//! wallet, phone and website) against a compact, compressed sanctions watchlist bundle built from
//! the official OFAC and UN list files. The same core runs natively (CLI, library) and in the
//! browser (WebAssembly, behind the `wasm` feature), so an applicant's data never has to leave
//! their device.
//!
//! ## Overview
//! - [`model`]: what a list entry is ([`Entry`], [`Name`], [`NameKind`], ...).
//! - [`normalize`]: Unicode folding, transliteration and tokenization of names.
//! - [`bundle`]: the versioned, checksummed, compressed bundle format.
//! - [`Watchlist`]: a loaded bundle with its search index; [`Watchlist::screen`] answers a
//!   [`Query`] with a [`ScreenResult`]: a [`Decision`] and ranked, explained [`Match`]es.
//! - `ingest` (feature `ingest`, native only): parsers for the official list files.
//!
//! ## Guarantees and warnings
//! - Loading never panics: any truncated, corrupt or wrong-version bundle is an [`Error`] that
//!   says what to do.
//! - Screening is deterministic: the same bundle and query give the same result, byte for byte.
//! - Matching can produce false negatives and false positives. A `review` decision means a
//!   person has to look. This is a screening aid, not a compliance determination.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod bundle;
pub mod country;
pub mod error;
mod index;
mod matcher;
pub mod model;
pub mod normalize;
mod score;
mod screen;

#[cfg(feature = "ingest")]
pub mod ingest;

#[cfg(feature = "cli")]
pub mod eval;

#[cfg(feature = "wasm")]
pub mod wasm;

pub use error::{Error, ErrorKind, Result};
pub use model::{
    DateSpec, Entry, EntryKind, Gender, IdKind, Identifier, ListId, ListInfo, Name, NameKind,
};
pub use screen::{
    Adjustment, Decision, Explanation, Info, Match, Options, Query, ScreenResult, TokenPair,
    Watchlist,
};
