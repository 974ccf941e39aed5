//! Parsers for the official list files (native only; feature `ingest`).
//!
//! CONTRACT: [`load_all`] reads the lists below a directory laid out like `../shared/lists`
//! (`ofac-sdn/`, `ofac-cons/`, `un/consolidated.xml`) and returns entries plus per-list info.
//!
//! | folder | files | list |
//! |---|---|---|
//! | `ofac-sdn/` | `sdn.csv`, `alt.csv`, `add.csv`, `sdn_comments.csv` (all required) | [`ListId::OfacSdn`] |
//! | `ofac-cons/` | `cons_prim.csv`, `cons_add.csv` (required), `cons_alt.csv`, `cons_comments.csv` (when present) | [`ListId::OfacCons`] |
//! | `un/` | `consolidated.xml` | [`ListId::Un`] |
//!
//! File names are matched case-insensitively (OFAC serves `SDN.CSV`). A missing folder is
//! skipped; a folder that is present but lacks a required file is an error, because a partial
//! set would silently lose aliases or remarks. Entries come out in list order (OFAC-SDN,
//! OFAC-CONS, UN), each list in file order, so the output is deterministic.
//!
//! Any malformed file is an [`Error`] of kind [`ErrorKind::List`](crate::ErrorKind::List) naming
//! `file:line`. Rows of alt/add/comments files whose uid is not on the primary file are skipped
//! and counted ([`LoadReport::skipped`]), as OFAC's separately published files may disagree.

mod legacy_csv;
mod ofac;
mod remarks;
mod un;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::error::{Error, Result};
use crate::model::{Entry, ListId, ListInfo, Name, NameKind};

/// Per-list date overrides (`--as-of OFAC-SDN=2026-08-20`).
pub type AsOf = Vec<(crate::model::ListId, String)>;

/// Progress callback: (list label, records done, records total or 0 if unknown).
pub type Progress<'a> = &'a mut dyn FnMut(&str, u64, u64);

/// How often (in records) the progress callback is called.
const PROGRESS_EVERY: usize = 500;

const DATE_SOURCE_AS_OF: &str = "--as-of";
const DATE_SOURCE_MTIME: &str = "file modification time (pass --as-of for the publication date)";
const DATE_SOURCE_UN: &str = "dateGenerated attribute";

const EXPECTED_LAYOUT: &str = "expected ofac-sdn/ (sdn.csv, alt.csv, add.csv, sdn_comments.csv), \
     ofac-cons/ (cons_prim.csv, cons_add.csv) and/or un/consolidated.xml below it; pass --lists <dir> \
     pointing at a folder laid out like that (e.g. ../shared/lists)";

/// Everything [`load_dir`] read: the entries, one [`ListInfo`] per list found, and what was
/// skipped on the way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// All entries, in list order and file order.
    pub entries: Vec<Entry>,
    /// One record per list found, in [`ListId::ALL`] order.
    pub lists: Vec<ListInfo>,
    /// Rows that were skipped, grouped by file and reason.
    pub skipped: Vec<Skipped>,
}

/// Rows of one file that were skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file.
    pub file: String,
    /// How many rows.
    pub rows: u64,
    /// Why they were skipped (e.g. `uid not on the primary file`).
    pub reason: &'static str,
}

/// Reads every list found under `dir`.
pub fn load_all(
    dir: &Path,
    as_of: &AsOf,
    progress: Progress<'_>,
) -> Result<(Vec<Entry>, Vec<ListInfo>)> {
    let report = load_dir(dir, as_of, progress)?;
    Ok((report.entries, report.lists))
}

/// Reads every list found under `dir`, like [`load_all`], and also reports skipped rows.
pub fn load_dir(dir: &Path, as_of: &AsOf, progress: Progress<'_>) -> Result<LoadReport> {
    for (list, date) in as_of {
        if !is_iso_date(date) {
            return Err(Error::list(
                format!("--as-of {list}={date}"),
                "not a date in YYYY-MM-DD form; pass e.g. --as-of OFAC-SDN=2026-08-20",
            ));
        }
    }
    if !dir.is_dir() {
        return Err(Error::list(
            dir.display().to_string(),
            format!("no such directory; {EXPECTED_LAYOUT}"),
        ));
    }
    let mut report = LoadReport::default();
    for list in ListId::ALL {
        let Some(source) = find_list(dir, list)? else {
            continue;
        };
        let (entries, generated) = match &source {
            Source::Ofac(files) => (ofac::load(list, files, progress, &mut report)?, None),
            Source::Un(path) => {
                let (entries, date) = un::load(path, progress)?;
                (entries, date)
            }
        };
        let (date, date_source) = match as_of.iter().rev().find(|(l, _)| *l == list) {
            Some((_, d)) => (d.clone(), DATE_SOURCE_AS_OF.to_string()),
            None => match generated {
                Some(d) => (d, DATE_SOURCE_UN.to_string()),
                None => (
                    newest_mtime_date(&source.paths())?,
                    DATE_SOURCE_MTIME.to_string(),
                ),
            },
        };
        let names: usize = entries.iter().map(|e| e.names.len()).sum();
        report.lists.push(ListInfo {
            list,
            date,
            date_source,
            entries: u32::try_from(entries.len()).unwrap_or(u32::MAX),
            names: u32::try_from(names).unwrap_or(u32::MAX),
        });
        report.entries.extend(entries);
    }
    if report.lists.is_empty() {
        return Err(Error::list(
            dir.display().to_string(),
            format!("no sanctions list found in this directory; {EXPECTED_LAYOUT}"),
        ));
    }
    Ok(report)
}

/// Where one list's files are.
enum Source {
    Ofac(ofac::OfacFiles),
    Un(PathBuf),
}

impl Source {
    fn paths(&self) -> Vec<&Path> {
        match self {
            Source::Ofac(f) => std::iter::once(f.primary.as_path())
                .chain(f.alt.as_deref())
                .chain(f.add.as_deref())
                .chain(f.comments.as_deref())
                .collect(),
            Source::Un(p) => vec![p.as_path()],
        }
    }
}

/// Finds a list's files, or `None` when its folder is absent.
fn find_list(dir: &Path, list: ListId) -> Result<Option<Source>> {
    let (folder, required, optional): (&str, &[&str], &[&str]) = match list {
        ListId::OfacSdn => (
            "ofac-sdn",
            &["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"],
            &[],
        ),
        ListId::OfacCons => (
            "ofac-cons",
            &["cons_prim.csv", "cons_add.csv"],
            &["cons_alt.csv", "cons_comments.csv"],
        ),
        ListId::Un => ("un", &["consolidated.xml"], &[]),
    };
    let sub = dir.join(folder);
    if !sub.is_dir() {
        return Ok(None);
    }
    let listing = std::fs::read_dir(&sub).map_err(|e| {
        Error::list(
            sub.display().to_string(),
            format!("cannot list the directory: {e}; check its permissions"),
        )
    })?;
    let mut by_name: HashMap<String, PathBuf> = HashMap::new();
    let mut names: Vec<(String, PathBuf)> = listing
        .filter_map(|e| e.ok())
        .map(|e| {
            (
                e.file_name().to_string_lossy().to_ascii_lowercase(),
                e.path(),
            )
        })
        .collect();
    // Deterministic choice if both `sdn.csv` and `SDN.CSV` exist: the first in byte order.
    names.sort();
    for (name, path) in names {
        by_name.entry(name).or_insert(path);
    }
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|f| !by_name.contains_key(*f))
        .collect();
    if !missing.is_empty() {
        return Err(Error::list(
            sub.display().to_string(),
            format!(
                "the {} list folder lacks {}; put the complete official file set there ({}), or remove \
                 the folder to skip this list",
                list.as_str(),
                missing.join(", "),
                required.iter().chain(optional).copied().collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    let get = |f: &str| by_name.get(f).cloned();
    Ok(match list {
        ListId::Un => get("consolidated.xml").map(Source::Un),
        _ => {
            let (p, a, d, c) = if list == ListId::OfacSdn {
                ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")
            } else {
                (
                    "cons_prim.csv",
                    "cons_alt.csv",
                    "cons_add.csv",
                    "cons_comments.csv",
                )
            };
            get(p).map(|primary| {
                Source::Ofac(ofac::OfacFiles {
                    primary,
                    alt: get(a),
                    add: get(d),
                    comments: get(c),
                })
            })
        }
    })
}

/// Reads a whole file, with an error that names it.
fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        Error::list(
            path.display().to_string(),
            format!("cannot read the file: {e}; check the path and permissions"),
        )
    })
}

/// Adds a name to an entry, de-duplicating identical names (ignoring case and spacing) and
/// keeping the strongest kind: primary, then strong aliases and original script, then weak.
fn add_name(names: &mut Vec<Name>, name: Name) {
    let text = name.text.trim();
    if text.is_empty() {
        return;
    }
    let key = name_key(text);
    if let Some(existing) = names.iter_mut().find(|n| name_key(&n.text) == key) {
        if strength(name.kind) > strength(existing.kind) {
            existing.kind = name.kind;
        }
        return;
    }
    names.push(Name {
        text: text.to_string(),
        kind: name.kind,
    });
}

fn name_key(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn strength(kind: NameKind) -> u8 {
    match kind {
        NameKind::Primary => 3,
        NameKind::WeakAka => 1,
        _ => 2,
    }
}

fn is_iso_date(s: &str) -> bool {
    let shape = s.len() == 10
        && s.bytes().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    shape
        && matches!(
            remarks::parse_iso_date(s),
            Some(crate::model::DateSpec::Day { .. })
        )
}

/// The newest modification time of `paths`, as a UTC `YYYY-MM-DD`.
fn newest_mtime_date(paths: &[&Path]) -> Result<String> {
    let mut newest = UNIX_EPOCH;
    for p in paths {
        let modified = std::fs::metadata(p).and_then(|m| m.modified()).map_err(|e| {
            Error::list(
                p.display().to_string(),
                format!("cannot read the modification time: {e}; pass --as-of <LIST>=YYYY-MM-DD instead"),
            )
        })?;
        newest = newest.max(modified);
    }
    Ok(utc_date(newest))
}

fn utc_date(t: SystemTime) -> String {
    let secs = t
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (y, m, d) = civil_from_days(i64::try_from(secs / 86_400).unwrap_or(0));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar
/// (H. Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let m = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(20_685), (2026, 8, 20));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn iso_dates() {
        assert!(is_iso_date("2026-08-20"));
        for bad in [
            "2026-8-20",
            "2026-13-01",
            "2026-02-30",
            "2026-00-10",
            "20260820",
            "2026-08-2x",
            "2026/08/20",
            "",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }

    #[test]
    fn names_are_deduplicated_keeping_the_strongest_kind() {
        let mut names = vec![Name {
            text: "KIM Jong".into(),
            kind: NameKind::Primary,
        }];
        add_name(
            &mut names,
            Name {
                text: "GOLD STAR".into(),
                kind: NameKind::WeakAka,
            },
        );
        add_name(
            &mut names,
            Name {
                text: "gold  star".into(),
                kind: NameKind::Aka,
            },
        );
        add_name(
            &mut names,
            Name {
                text: "Kim JONG".into(),
                kind: NameKind::Aka,
            },
        );
        add_name(
            &mut names,
            Name {
                text: "  ".into(),
                kind: NameKind::Aka,
            },
        );
        assert_eq!(
            names,
            vec![
                Name {
                    text: "KIM Jong".into(),
                    kind: NameKind::Primary
                },
                Name {
                    text: "GOLD STAR".into(),
                    kind: NameKind::Aka
                },
            ]
        );
    }
}
