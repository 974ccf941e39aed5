//! Parsers for the official list files (native only; feature `ingest`).
//!
//! CONTRACT: [`load_all`] reads the lists below a directory laid out like `../shared/lists`
//! (`ofac-sdn/`, `ofac-cons/`, `un/consolidated.xml`) and returns entries plus per-list info.

use std::path::Path;

use crate::error::Result;
use crate::model::{Entry, ListInfo};

/// Per-list date overrides (`--as-of OFAC-SDN=2026-08-20`).
pub type AsOf = Vec<(crate::model::ListId, String)>;

/// Progress callback: (list label, records done, records total or 0 if unknown).
pub type Progress<'a> = &'a mut dyn FnMut(&str, u64, u64);

/// Reads every list found under `dir`.
pub fn load_all(
    dir: &Path,
    as_of: &AsOf,
    progress: Progress<'_>,
) -> Result<(Vec<Entry>, Vec<ListInfo>)> {
    let _ = (dir, as_of, progress);
    unimplemented!("ingest::load_all")
}
