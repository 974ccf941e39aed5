//! OFAC legacy CSV sets: the SDN list (sdn.csv, alt.csv, add.csv, sdn_comments.csv) and the
//! consolidated non-SDN list (cons_prim.csv, cons_add.csv, and cons_alt.csv / cons_comments.csv
//! when present). The layouts are the same for both.

use std::collections::HashMap;
use std::path::PathBuf;

use super::legacy_csv::{self, value, Record};
use super::remarks::{self, country_value};
use super::{add_name, read_bytes, LoadReport, Skipped, PROGRESS_EVERY};
use crate::error::{Error, Result};
use crate::model::{Entry, EntryKind, ListId, Name, NameKind};

/// The files of one OFAC list. `primary` is sdn.csv or cons_prim.csv.
#[derive(Debug, Clone)]
pub(crate) struct OfacFiles {
    pub primary: PathBuf,
    pub alt: Option<PathBuf>,
    pub add: Option<PathBuf>,
    pub comments: Option<PathBuf>,
}

const PRIMARY_COLUMNS: &str =
    "uid, name, type, programs, title, call sign, vessel type, tonnage, GRT, \
                               vessel flag, vessel owner, remarks";

/// Reads one OFAC list. Entries come out in the order of the primary file.
pub(crate) fn load(
    list: ListId,
    files: &OfacFiles,
    progress: &mut dyn FnMut(&str, u64, u64),
    report: &mut LoadReport,
) -> Result<Vec<Entry>> {
    let label = list.as_str();
    let primary_name = files.primary.display().to_string();
    let bytes = read_bytes(&files.primary)?;
    let text = legacy_csv::decode(&bytes);
    let records = legacy_csv::parse(&text, &primary_name)?;
    let total = records.len() as u64;
    progress(label, 0, total);

    let mut entries = Vec::with_capacity(records.len());
    let mut remarks: Vec<Option<String>> = Vec::with_capacity(records.len());
    let mut index: HashMap<u64, usize> = HashMap::with_capacity(records.len());
    for rec in &records {
        let at = format!("{primary_name}:{}", rec.line);
        check_columns(rec, 12, &at, PRIMARY_COLUMNS)?;
        let uid = uid(rec, &at)?;
        if let Some(&prev) = index.get(&uid) {
            let prev_line = records.get(prev).map_or(0, |r| r.line);
            return Err(Error::list(
                at,
                format!("uid {uid} appears twice (also on line {prev_line}); the file is damaged — download it again"),
            ));
        }
        let name = value(&rec.fields[1]).ok_or_else(|| {
            Error::list(&at, format!("entry {uid} has no name (column 2 is empty); the file is damaged — download it again"))
        })?;
        let kind = match value(&rec.fields[2]).map(str::to_ascii_lowercase).as_deref() {
            None => EntryKind::Entity,
            Some("individual") => EntryKind::Individual,
            Some("vessel") => EntryKind::Vessel,
            Some("aircraft") => EntryKind::Aircraft,
            Some(other) => {
                return Err(Error::list(
                    at,
                    format!(
                        "entry {uid} has unknown type '{other}' (expected individual, vessel, aircraft, \
                         or -0- for an entity); check that this is an OFAC legacy CSV file"
                    ),
                ))
            }
        };
        index.insert(uid, entries.len());
        entries.push(Entry {
            list,
            id: uid.to_string(),
            kind,
            names: vec![Name {
                text: name.to_string(),
                kind: NameKind::Primary,
            }],
            programs: value(&rec.fields[3]).map(programs).unwrap_or_default(),
            dobs: Vec::new(),
            pobs: Vec::new(),
            nationalities: Vec::new(),
            address_countries: Vec::new(),
            gender: None,
            identifiers: Vec::new(),
            linked_to: Vec::new(),
        });
        // Untrimmed at the end: a continuation may follow right after a space.
        remarks.push(value(&rec.fields[11]).map(|_| rec.fields[11].trim_start().to_string()));
    }
    drop(records);

    // Overflowing remarks continue in the comments file.
    if let Some(path) = &files.comments {
        for_each_row(
            path,
            2,
            "uid, remarks continuation",
            report,
            &index,
            |i, rec| {
                let text = rec.fields.get(1).filter(|f| value(f).is_some());
                if let (Some(text), Some(slot)) = (text, remarks.get_mut(i)) {
                    append_continuation(slot, text);
                }
                Ok(())
            },
        )?;
    }

    // Strong aliases.
    let mut aliases: Vec<Vec<Name>> = vec![Vec::new(); entries.len()];
    if let Some(path) = &files.alt {
        let file = path.display().to_string();
        for_each_row(
            path,
            5,
            "uid, alias number, alias type, alias name, remarks",
            report,
            &index,
            |i, rec| {
                let at = format!("{file}:{}", rec.line);
                let kind = match value(&rec.fields[2]).map(str::to_ascii_lowercase).as_deref() {
                Some("aka") | Some("a.k.a.") => NameKind::Aka,
                Some("fka") | Some("f.k.a.") => NameKind::Fka,
                Some("nka") | Some("n.k.a.") => NameKind::Nka,
                other => {
                    return Err(Error::list(
                        at,
                        format!(
                            "unknown alias type '{}' (expected aka, fka or nka); check that this is an \
                             OFAC legacy alt.csv file",
                            other.unwrap_or("-0-")
                        ),
                    ))
                }
            };
                let name = value(&rec.fields[3]).ok_or_else(|| {
                Error::list(&at, "alias row without a name (column 4 is empty); the file is damaged — download it again")
            })?;
                if let Some(v) = aliases.get_mut(i) {
                    v.push(Name {
                        text: name.to_string(),
                        kind,
                    });
                }
                Ok(())
            },
        )?;
    }

    // Address countries.
    if let Some(path) = &files.add {
        for_each_row(
            path,
            6,
            "uid, address number, address, city/state/postal code, country, remarks",
            report,
            &index,
            |i, rec| {
                if let (Some(country), Some(entry)) = (
                    value(&rec.fields[4]).and_then(country_value),
                    entries.get_mut(i),
                ) {
                    if !entry.address_countries.contains(&country) {
                        entry.address_countries.push(country);
                    }
                }
                Ok(())
            },
        )?;
    }

    for (done, ((entry, remark), strong)) in
        entries.iter_mut().zip(remarks).zip(aliases).enumerate()
    {
        for name in strong {
            add_name(&mut entry.names, name);
        }
        if let Some(remark) = remark {
            let r = remarks::parse(&remark);
            for alias in r.weak_aliases {
                add_name(
                    &mut entry.names,
                    Name {
                        text: alias,
                        kind: NameKind::WeakAka,
                    },
                );
            }
            entry.dobs = r.dobs;
            entry.pobs = r.pobs;
            entry.nationalities = r.nationalities;
            entry.gender = r.gender;
            entry.identifiers = r.identifiers;
            entry.linked_to = r.linked_to;
        }
        if (done + 1) % PROGRESS_EVERY == 0 {
            progress(label, done as u64 + 1, total);
        }
    }
    progress(label, total, total);
    Ok(entries)
}

/// Reads a secondary file (alt, add, comments) and calls `f` with the entry index of each row
/// whose uid is on the primary file. Rows for other uids are counted in `report`, not errors:
/// OFAC's files are published separately and may disagree for a day.
fn for_each_row(
    path: &std::path::Path,
    columns: usize,
    layout: &str,
    report: &mut LoadReport,
    index: &HashMap<u64, usize>,
    mut f: impl FnMut(usize, &Record<'_>) -> Result<()>,
) -> Result<()> {
    let file = path.display().to_string();
    let bytes = read_bytes(path)?;
    let text = legacy_csv::decode(&bytes);
    let records = legacy_csv::parse(&text, &file)?;
    let mut orphans = 0u64;
    for rec in &records {
        let at = format!("{file}:{}", rec.line);
        check_columns(rec, columns, &at, layout)?;
        let uid = uid(rec, &at)?;
        match index.get(&uid) {
            Some(&i) => f(i, rec)?,
            None => orphans += 1,
        }
    }
    if orphans > 0 {
        report.skipped.push(Skipped {
            file,
            rows: orphans,
            reason: "uid not on the primary file",
        });
    }
    Ok(())
}

fn check_columns(rec: &Record<'_>, expected: usize, at: &str, layout: &str) -> Result<()> {
    if rec.fields.len() == expected {
        return Ok(());
    }
    Err(Error::list(
        at,
        format!(
            "expected {expected} columns ({layout}) but found {}; this is not an OFAC legacy CSV file \
             in the official layout, or it is damaged — download it again",
            rec.fields.len()
        ),
    ))
}

fn uid(rec: &Record<'_>, at: &str) -> Result<u64> {
    let raw = rec.fields.first().map(|f| f.trim()).unwrap_or("");
    raw.parse::<u64>().map_err(|_| {
        Error::list(
            at,
            format!(
                "uid '{raw}' is not a number (the first column must be the numeric OFAC uid); \
                 check that this is an OFAC legacy CSV file without a header row"
            ),
        )
    })
}

/// Appends a comments-file continuation to an entry's remarks. OFAC cuts the remarks column at
/// 1,000 characters, often mid-word, and continues in sdn_comments.csv, so the pieces join
/// without a separator. Remarks that already end with a period are complete (OFAC ends every
/// remarks text with one), so a continuation then starts a new clause.
fn append_continuation(slot: &mut Option<String>, text: &str) {
    match slot {
        Some(r) if r.trim_end().ends_with('.') => {
            r.push_str("; ");
            r.push_str(text);
        }
        Some(r) => r.push_str(text),
        None => *slot = Some(text.to_string()),
    }
}

/// `UKRAINE-EO13662] [RUSSIA-EO14024` → both programs.
fn programs(s: &str) -> Vec<String> {
    s.split("] [")
        .map(|p| {
            p.trim()
                .trim_start_matches('[')
                .trim_end_matches(']')
                .trim()
        })
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_programs() {
        assert_eq!(
            programs("UKRAINE-EO13662] [RUSSIA-EO14024"),
            vec!["UKRAINE-EO13662", "RUSSIA-EO14024"]
        );
        assert_eq!(programs("[SDGT]"), vec!["SDGT"]);
        assert_eq!(programs("CYBER4"), vec!["CYBER4"]);
    }

    #[test]
    fn continuation_joins_mid_word_unless_remarks_are_complete() {
        let mut r = Some("DOB 1980; a.k.a. 'WHOIS HACKIN".to_string());
        append_continuation(&mut r, "G TEAM'.");
        assert_eq!(r.as_deref(), Some("DOB 1980; a.k.a. 'WHOIS HACKING TEAM'."));
        let mut r = Some("Gender Male.".to_string());
        append_continuation(&mut r, "Website x.com.");
        assert_eq!(r.as_deref(), Some("Gender Male.; Website x.com."));
        let mut r = None;
        append_continuation(&mut r, "tive Date");
        assert_eq!(r.as_deref(), Some("tive Date"));
    }
}
