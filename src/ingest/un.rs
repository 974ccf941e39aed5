//! The UN Security Council consolidated list (official XML, `sc-sanctions.xsd`), read as a
//! stream with quick-xml.
//!
//! Layout: `<CONSOLIDATED_LIST dateGenerated="...">` holds `<INDIVIDUALS>` and `<ENTITIES>`, whose
//! `<INDIVIDUAL>` / `<ENTITY>` records have leaf children (`FIRST_NAME` .. `FOURTH_NAME`,
//! `REFERENCE_NUMBER`, `UN_LIST_TYPE`, `GENDER`, `NAME_ORIGINAL_SCRIPT`) and group children
//! (`INDIVIDUAL_ALIAS`, `INDIVIDUAL_DATE_OF_BIRTH`, `INDIVIDUAL_DOCUMENT`, `NATIONALITY`, ...)
//! with leaf children of their own.

use std::path::Path;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::remarks::{country_value, parse_date_text, parse_iso_date};
use super::{add_name, read_bytes, PROGRESS_EVERY};
use crate::error::{Error, Result};
use crate::model::{
    DateSpec, Entry, EntryKind, Gender, IdKind, Identifier, ListId, Name, NameKind,
};

const REDOWNLOAD: &str =
    "download it again from https://scsanctions.un.org/resources/xml/en/consolidated.xml";

/// Reads the UN list. Returns the entries (individuals, then entities, in file order) and the
/// `dateGenerated` date (`YYYY-MM-DD`) when the root element has one.
pub(crate) fn load(
    path: &Path,
    progress: &mut dyn FnMut(&str, u64, u64),
) -> Result<(Vec<Entry>, Option<String>)> {
    let file = path.display().to_string();
    let bytes = read_bytes(path)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        Error::list(
            format!("{file}:{line}"),
            format!("not valid UTF-8 (the UN list is UTF-8 XML); {REDOWNLOAD}"),
        )
    })?;
    parse(text, &file, progress)
}

/// Parses the text of the UN XML; `file` names it in errors.
pub(crate) fn parse(
    text: &str,
    file: &str,
    progress: &mut dyn FnMut(&str, u64, u64),
) -> Result<(Vec<Entry>, Option<String>)> {
    let label = ListId::Un.as_str();
    let total = (text.matches("<INDIVIDUAL>").count() + text.matches("<ENTITY>").count()) as u64;
    progress(label, 0, total);

    let mut reader = Reader::from_str(text);
    reader.config_mut().expand_empty_elements = true;
    let mut lines = LineCounter::default();
    let mut stack: Vec<String> = Vec::new();
    let mut record: Option<Builder> = None;
    let mut leaf_text = String::new();
    let mut group: Vec<(String, String)> = Vec::new();
    let mut group_has_children = false;
    let mut entries = Vec::new();
    let mut date = None;
    let mut seen_root = false;

    loop {
        let event = reader.read_event().map_err(|e| {
            let line = lines.line_at(text, reader.error_position());
            Error::list(
                format!("{file}:{line}"),
                format!("invalid XML: {e}; the file is damaged or truncated — {REDOWNLOAD}"),
            )
        })?;
        match event {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if stack.is_empty() {
                    if seen_root || name != "CONSOLIDATED_LIST" {
                        let line = lines.line_at(text, reader.buffer_position());
                        return Err(Error::list(
                            format!("{file}:{line}"),
                            format!(
                                "unexpected root element <{name}> (expected one <CONSOLIDATED_LIST>); this is not \
                                 the UN consolidated list XML — {REDOWNLOAD}"
                            ),
                        ));
                    }
                    seen_root = true;
                    date = generated_date(&e);
                }
                stack.push(name);
                let depth = stack.len();
                match &record {
                    None if depth == 3 => {
                        let kind = match stack.get(2).map(String::as_str) {
                            Some("INDIVIDUAL") => Some(EntryKind::Individual),
                            Some("ENTITY") => Some(EntryKind::Entity),
                            _ => None,
                        };
                        if let Some(kind) = kind {
                            let line = lines.line_at(text, reader.buffer_position());
                            record = Some(Builder::new(kind, line));
                        }
                    }
                    Some(_) if depth == 4 => {
                        group.clear();
                        group_has_children = false;
                    }
                    Some(_) if depth == 5 => group_has_children = true,
                    _ => {}
                }
                leaf_text.clear();
            }
            Event::Text(t) if record.is_some() => {
                let t = t.unescape().map_err(|e| {
                    let line = lines.line_at(text, reader.buffer_position());
                    Error::list(
                        format!("{file}:{line}"),
                        format!("invalid XML text: {e}; {REDOWNLOAD}"),
                    )
                })?;
                leaf_text.push_str(&t);
            }
            Event::CData(t) if record.is_some() => {
                let t = t.decode().map_err(|e| {
                    let line = lines.line_at(text, reader.buffer_position());
                    Error::list(
                        format!("{file}:{line}"),
                        format!("invalid CDATA: {e}; {REDOWNLOAD}"),
                    )
                })?;
                leaf_text.push_str(&t);
            }
            Event::End(_) => {
                let depth = stack.len();
                let name = stack.pop().unwrap_or_default();
                if let Some(b) = record.as_mut() {
                    match depth {
                        3 => {
                            if let Some(b) = record.take() {
                                entries.push(b.finish(file)?);
                                if entries.len() % PROGRESS_EVERY == 0 {
                                    progress(label, entries.len() as u64, total);
                                }
                            }
                        }
                        4 if group_has_children => b.group(&name, &group),
                        4 => b.leaf(&name, leaf_text.trim()),
                        5 => group.push((name, leaf_text.trim().to_string())),
                        _ => {}
                    }
                }
                leaf_text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = stack.last() {
        let line = lines.line_at(text, reader.buffer_position());
        return Err(Error::list(
            format!("{file}:{line}"),
            format!("the file ends inside <{open}>: it is truncated — {REDOWNLOAD}"),
        ));
    }
    if !seen_root {
        return Err(Error::list(
            file,
            format!("no <CONSOLIDATED_LIST> element: this is not the UN consolidated list XML — {REDOWNLOAD}"),
        ));
    }
    progress(label, entries.len() as u64, total.max(entries.len() as u64));
    Ok((entries, date))
}

/// `dateGenerated="2026-02-27T00:00:09.554Z"` → `2026-02-27`.
fn generated_date(e: &quick_xml::events::BytesStart<'_>) -> Option<String> {
    let attr = e.try_get_attribute("dateGenerated").ok()??;
    let value = attr.unescape_value().ok()?;
    let day = value.get(..10)?;
    matches!(parse_iso_date(day), Some(DateSpec::Day { .. })).then(|| day.to_string())
}

/// Turns byte offsets into line numbers, scanning forward only as far as needed.
#[derive(Default)]
struct LineCounter {
    pos: usize,
    line: usize,
}

impl LineCounter {
    fn line_at(&mut self, text: &str, pos: u64) -> usize {
        let pos = usize::try_from(pos).unwrap_or(usize::MAX).min(text.len());
        if pos < self.pos {
            self.pos = 0;
            self.line = 0;
        }
        self.line += text.as_bytes()[self.pos..pos]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.pos = pos;
        self.line + 1
    }
}

/// Collects one `<INDIVIDUAL>` or `<ENTITY>`.
struct Builder {
    kind: EntryKind,
    line: usize,
    name_parts: [String; 4],
    reference: String,
    programs: Vec<String>,
    aliases: Vec<Name>,
    entry: Entry,
}

impl Builder {
    fn new(kind: EntryKind, line: usize) -> Builder {
        Builder {
            kind,
            line,
            name_parts: Default::default(),
            reference: String::new(),
            programs: Vec::new(),
            aliases: Vec::new(),
            entry: Entry {
                list: ListId::Un,
                id: String::new(),
                kind,
                names: Vec::new(),
                programs: Vec::new(),
                dobs: Vec::new(),
                pobs: Vec::new(),
                nationalities: Vec::new(),
                address_countries: Vec::new(),
                gender: None,
                identifiers: Vec::new(),
                linked_to: Vec::new(),
            },
        }
    }

    fn leaf(&mut self, tag: &str, value: &str) {
        let slot = match tag {
            "FIRST_NAME" => 0,
            "SECOND_NAME" => 1,
            "THIRD_NAME" => 2,
            "FOURTH_NAME" => 3,
            "REFERENCE_NUMBER" => {
                self.reference = value.to_string();
                return;
            }
            "UN_LIST_TYPE" => {
                if !value.is_empty() {
                    push_unique(&mut self.programs, value.to_string());
                }
                return;
            }
            "GENDER" => {
                self.entry.gender = gender(value);
                return;
            }
            "NAME_ORIGINAL_SCRIPT" => {
                if !value.is_empty() {
                    self.aliases.push(Name {
                        text: value.to_string(),
                        kind: NameKind::OriginalScript,
                    });
                }
                return;
            }
            _ => return,
        };
        if let Some(part) = self.name_parts.get_mut(slot) {
            *part = collapse(value);
        }
    }

    fn group(&mut self, tag: &str, fields: &[(String, String)]) {
        let get = |name: &str| {
            fields
                .iter()
                .find(|(k, v)| k == name && !v.is_empty())
                .map(|(_, v)| v.as_str())
        };
        let e = &mut self.entry;
        match tag {
            "NATIONALITY" => {
                for (k, v) in fields {
                    if k == "VALUE" {
                        if let Some(c) = country_value(v) {
                            push_unique(&mut e.nationalities, c);
                        }
                    }
                }
            }
            "INDIVIDUAL_ALIAS" | "ENTITY_ALIAS" => {
                if let Some(name) = get("ALIAS_NAME") {
                    let kind = match get("QUALITY").map(str::to_ascii_lowercase).as_deref() {
                        Some("low") => NameKind::WeakAka,
                        Some("f.k.a.") | Some("fka") => NameKind::Fka,
                        Some("n.k.a.") | Some("nka") => NameKind::Nka,
                        // `Good`, `a.k.a.`, empty or unknown: a strong alias.
                        _ => NameKind::Aka,
                    };
                    self.aliases.push(Name {
                        text: collapse(name),
                        kind,
                    });
                }
                if let Some(d) = get("DATE_OF_BIRTH").and_then(parse_date_text) {
                    push_unique(&mut e.dobs, d);
                }
                let pob = join(&[get("CITY_OF_BIRTH"), get("COUNTRY_OF_BIRTH")]);
                if !pob.is_empty() {
                    push_unique(&mut e.pobs, pob);
                }
            }
            "INDIVIDUAL_DATE_OF_BIRTH" => {
                if let Some(d) = un_date(&get) {
                    push_unique(&mut e.dobs, d);
                }
            }
            "INDIVIDUAL_PLACE_OF_BIRTH" => {
                let pob = join(&[
                    get("STREET"),
                    get("CITY"),
                    get("STATE_PROVINCE"),
                    get("COUNTRY"),
                ]);
                if !pob.is_empty() {
                    push_unique(&mut e.pobs, pob);
                }
            }
            "INDIVIDUAL_ADDRESS" | "ENTITY_ADDRESS" => {
                if let Some(c) = get("COUNTRY").and_then(country_value) {
                    push_unique(&mut e.address_countries, c);
                }
            }
            "INDIVIDUAL_DOCUMENT" => {
                if let Some(id) = document(&get) {
                    push_unique(&mut e.identifiers, id);
                }
            }
            _ => {}
        }
    }

    fn finish(mut self, file: &str) -> Result<Entry> {
        let what = if self.kind == EntryKind::Individual {
            "INDIVIDUAL"
        } else {
            "ENTITY"
        };
        let at = format!("{file}:{}", self.line);
        if self.reference.is_empty() {
            return Err(Error::list(
                at,
                format!("<{what}> without a REFERENCE_NUMBER; the file is damaged or not the UN consolidated list — {REDOWNLOAD}"),
            ));
        }
        let primary = self
            .name_parts
            .iter()
            .filter(|p| !p.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        if primary.is_empty() {
            return Err(Error::list(
                at,
                format!("<{what}> {} has no name (FIRST_NAME is empty); the file is damaged — {REDOWNLOAD}", self.reference),
            ));
        }
        self.entry.id = self.reference;
        self.entry.programs = self.programs;
        add_name(
            &mut self.entry.names,
            Name {
                text: primary,
                kind: NameKind::Primary,
            },
        );
        for alias in self.aliases {
            add_name(&mut self.entry.names, alias);
        }
        Ok(self.entry)
    }
}

/// `TYPE_OF_DATE` EXACT (`DATE` or `YEAR`), APPROXIMATELY (`YEAR`), BETWEEN (`FROM_YEAR`,
/// `TO_YEAR`); a month and year given only in `NOTE` (`Nov. 1973`) is used when nothing else is.
fn un_date<'a>(get: &impl Fn(&str) -> Option<&'a str>) -> Option<DateSpec> {
    if let Some(d) = get("DATE").and_then(parse_iso_date) {
        return Some(d);
    }
    let year = |tag: &str| {
        get(tag)
            .and_then(|y| y.trim().parse::<u16>().ok())
            .filter(|y| (1800..=2100).contains(y))
    };
    match (year("FROM_YEAR"), year("TO_YEAR")) {
        (Some(a), Some(b)) if a == b => return Some(DateSpec::Year(a)),
        (Some(a), Some(b)) => return Some(DateSpec::YearRange(a.min(b), a.max(b))),
        (Some(a), None) | (None, Some(a)) => return Some(DateSpec::Year(a)),
        (None, None) => {}
    }
    if let Some(y) = year("YEAR") {
        return Some(DateSpec::Year(y));
    }
    get("NOTE").and_then(parse_date_text)
}

/// `INDIVIDUAL_DOCUMENT` → a passport or national ID with its number.
fn document<'a>(get: &impl Fn(&str) -> Option<&'a str>) -> Option<Identifier> {
    let number = collapse(get("NUMBER")?);
    let type1 = get("TYPE_OF_DOCUMENT").map(collapse);
    let type2 = get("TYPE_OF_DOCUMENT2").map(collapse);
    let country = get("ISSUING_COUNTRY")
        .or_else(|| get("COUNTRY_OF_ISSUE"))
        .map(collapse);
    let is_passport = [&type1, &type2].iter().any(|t| {
        t.as_deref().is_some_and(|t| {
            let t = t.to_lowercase();
            t.contains("passport") || t.contains("passeport") || t.contains("pasaporte")
        })
    });
    let label = type2.or(type1);
    let detail = if is_passport {
        country.or(label)
    } else {
        match (label, country) {
            (Some(l), Some(c)) => Some(format!("{l} ({c})")),
            (Some(l), None) => Some(l),
            (None, c) => c,
        }
    };
    let kind = if is_passport {
        IdKind::Passport
    } else {
        IdKind::NationalId
    };
    Some(Identifier {
        kind,
        value: number,
        detail,
    })
}

fn gender(v: &str) -> Option<Gender> {
    if v.eq_ignore_ascii_case("male") {
        Some(Gender::Male)
    } else if v.eq_ignore_ascii_case("female") {
        Some(Gender::Female)
    } else {
        None
    }
}

/// Collapses runs of whitespace (the XML wraps some values over lines).
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn join(parts: &[Option<&str>]) -> String {
    parts
        .iter()
        .flatten()
        .map(|p| collapse(p))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, item: T) {
    if !v.contains(&item) {
        v.push(item);
    }
}
