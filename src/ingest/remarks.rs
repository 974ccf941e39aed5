//! Parsing of OFAC remarks: the `;`-separated clauses of the last column of sdn.csv (continued
//! in sdn_comments.csv), such as `DOB 30 Aug 1987; nationality Korea, North; Email Address
//! wangge327@yahoo.com; Gender Male.`
//!
//! Clauses that are not recognised are ignored. Nothing here panics on any input.

use crate::country;
use crate::model::{DateSpec, Gender, IdKind, Identifier};

/// What the remarks of one entry say, in a structured form.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Remarks {
    /// `DOB ...` and `alt. DOB ...`.
    pub dobs: Vec<DateSpec>,
    /// `POB ...`, as listed.
    pub pobs: Vec<String>,
    /// `nationality X` and `citizen X`, as alpha-2 where known.
    pub nationalities: Vec<String>,
    /// `Gender Male/Female`.
    pub gender: Option<Gender>,
    /// Emails, websites, phones, wallets, passports and other documents.
    pub identifiers: Vec<Identifier>,
    /// Weak aliases `a.k.a. 'X'`, `f.k.a. 'X'`, `n.k.a. 'X'`.
    pub weak_aliases: Vec<String>,
    /// `Linked To: X`.
    pub linked_to: Vec<String>,
}

/// Labels of passport-like documents, matched at the start of a clause.
const PASSPORT_LABELS: &[&str] = &[
    "Passport",
    "Passport Booklet",
    "Diplomatic Passport",
    "Service Passport",
    "Official Passport",
];

/// Labels of national IDs, tax IDs, registration numbers and similar documents seen in OFAC
/// remarks. Clauses whose label is not here but ends like an ID label (`... No.`, `... Number`,
/// `... #`, `... ID`) are recognised too; see [`generic_id_label`].
const ID_LABELS: &[&str] = &[
    "Afghan Money Service Provider License Number",
    "BIK (RU)",
    "Birth Certificate Number",
    "Branch Unit Number",
    "Business Number",
    "Business Registration Document #",
    "Business Registration Number",
    "C.I.F.",
    "C.R. No.",
    "C.U.I.",
    "C.U.I.P.",
    "C.U.I.T.",
    "C.U.R.P.",
    "C.U.R.P. #",
    "Cartilla de Servicio Militar Nacional",
    "Cedula No.",
    "Central Registration System Number",
    "Certificate of Incorporation Number",
    "Chamber of Commerce Number",
    "Citizen's Card Number",
    "Commercial Registry Number",
    "Company Number",
    "Credencial electoral",
    "D-U-N-S Number",
    "D.N.I.",
    "Driver's License No.",
    "Dubai Chamber of Commerce Membership No.",
    "Economic Register Number (CBLS)",
    "Electoral Registry No.",
    "Enterprise Number",
    "File Number",
    "Folio Mercantil No.",
    "Government Gazette Number",
    "I.F.E.",
    "Identification Number",
    "Immigration No.",
    "Istanbul Chamber of Comm. No.",
    "Italian Fiscal Code",
    "Kenyan ID No.",
    "LE Number",
    "Legal Entity Number",
    "License",
    "MMSI",
    "Matricula Mercantil No",
    "Matricula Mercantil No.",
    "NIT #",
    "National Foreign ID Number",
    "National ID No.",
    "National Identification Number",
    "Numero Unico de Identificacao Tributaria (NUIT)",
    "Numero de Identidad",
    "Permit Number",
    "Personal ID Card",
    "Pilot License Number",
    "Public Registration Number",
    "R.F.C.",
    "R.F.C. #",
    "RFC",
    "RIF #",
    "RTN",
    "RUC #",
    "Refugee ID Card",
    "Registered Charity No.",
    "Registration ID",
    "Registration Number",
    "Residency Number",
    "Romanian C.R.",
    "SRE Permit No.",
    "SSN",
    "SWIFT/BIC",
    "Tax ID No.",
    "Tazkira National ID Card",
    "Trade License No.",
    "Travel Document Number",
    "Turkish Identification Number",
    "UK Company Number",
    "US FEIN",
    "Unified Social Credit Code (USCC)",
    "United Social Credit Code Certificate (USCCC)",
    "V.A.T. Number",
    "Vessel Registration Identification",
    "VisaNumberID",
];

/// Clause starts that are never documents even though they look like `<label> <number>`.
const NOT_ID_PREFIXES: &[&str] = &[
    "Aircraft",
    "Fax",
    "FAX",
    "Alt. Fax",
    "Phone",
    "PHONE",
    "Telephone",
    "Listing Date",
    "Effective Date",
    "Organization",
    "Executive Order",
    "Purchase/Sales",
    "CAATSA",
    "Chinese Commercial Code",
    "ISIN",
];

/// Clause starts that end a weak alias whose closing quote is missing: a `;` followed by one of
/// these is a clause boundary even inside an open quote.
const CLAUSE_STARTS: &[&str] = &[
    "a.k.a.",
    "f.k.a.",
    "n.k.a.",
    "alt.",
    "Alt.",
    "DOB",
    "POB",
    "nationality",
    "citizen",
    "Gender",
    "Linked To",
    "Digital Currency",
    "Email",
    "EMAIL",
    "Website",
    "Phone",
    "Telephone",
    "Passport",
    "National ID",
    "Tax ID",
    "Registration",
    "Secondary sanctions",
    "Additional Sanctions",
    "Organization",
    "Transactions Prohibited",
    "Executive Order",
    "Listing Date",
    "Effective Date",
    "Vessel",
    "Aircraft",
    "Target Type",
    "Title",
];

/// Parses the remarks of one entry.
pub(crate) fn parse(remarks: &str) -> Remarks {
    let mut out = Remarks::default();
    for clause in split_clauses(remarks) {
        parse_clause(clause, &mut out);
    }
    out
}

/// Splits remarks into clauses at `;`, except inside a quoted weak alias (`a.k.a. 'X; Y'`).
pub(crate) fn split_clauses(remarks: &str) -> Vec<&str> {
    let mut clauses = Vec::new();
    let mut rest = remarks.trim();
    while !rest.is_empty() {
        let end = match weak_alias_body(rest) {
            Some(body_start) => quoted_clause_end(rest, body_start),
            None => rest.find(';').unwrap_or(rest.len()),
        };
        let clause = rest[..end].trim();
        if !clause.is_empty() {
            clauses.push(clause);
        }
        rest = rest.get(end + 1..).unwrap_or("").trim_start();
    }
    clauses
}

/// Where the clause that starts a quoted weak alias ends: at the first `;` that follows the
/// closing quote (optionally followed by `.`), so that a `;` inside the quotes does not split
/// the alias. When no closing quote comes before the next recognised clause, the quote is taken
/// to be unclosed and the clause ends at the first `;`, as any other.
fn quoted_clause_end(s: &str, body_start: usize) -> usize {
    let closes = |text: &str| {
        let t = text.trim_end();
        t.strip_suffix('.').unwrap_or(t).trim_end().ends_with('\'')
    };
    let first_semicolon = s[body_start..].find(';').map(|p| p + body_start);
    let mut search = body_start;
    while let Some(p) = s[search..].find(';').map(|p| p + search) {
        if closes(&s[body_start..p]) {
            return p;
        }
        let after = s[p + 1..].trim_start();
        if CLAUSE_STARTS.iter().any(|k| after.starts_with(k)) {
            return first_semicolon.unwrap_or(p);
        }
        search = p + 1;
    }
    if closes(&s[body_start..]) {
        s.len()
    } else {
        first_semicolon.unwrap_or(s.len())
    }
}

/// For a clause that starts `a.k.a. '` (also `f.k.a.`, `n.k.a.`, any case), the byte offset of
/// the alias text just after the opening quote.
fn weak_alias_body(s: &str) -> Option<usize> {
    let marker = s.get(..6)?;
    if !["a.k.a.", "f.k.a.", "n.k.a."]
        .iter()
        .any(|m| marker.eq_ignore_ascii_case(m))
    {
        return None;
    }
    let after = &s[6..];
    let trimmed = after.trim_start();
    trimmed.strip_prefix('\'')?;
    Some(6 + (after.len() - trimmed.len()) + 1)
}

fn parse_clause(clause: &str, out: &mut Remarks) {
    let clause = strip_prefix_ci(clause, "alt. ")
        .map(str::trim_start)
        .unwrap_or(clause);
    if let Some(body) = weak_alias_body(clause) {
        push_weak_aliases(&clause[body..], out);
        return;
    }
    if let Some(rest) = clause.strip_prefix("DOB ") {
        if let Some(d) = parse_date_text(rest) {
            push_unique(&mut out.dobs, d);
        }
    } else if let Some(rest) = clause
        .strip_prefix("POB")
        .and_then(|r| r.strip_prefix([' ', ':']))
    {
        let pob = trim_value(rest);
        if !pob.is_empty() {
            push_unique(&mut out.pobs, pob.to_string());
        }
    } else if let Some(rest) = clause
        .strip_prefix("nationality")
        .or_else(|| clause.strip_prefix("citizen"))
        .and_then(|r| r.strip_prefix([' ', ':']))
    {
        let rest = rest.trim_start();
        let rest = rest.strip_prefix("possibly ").unwrap_or(rest);
        if let Some(c) = country_value(trim_value(rest)) {
            push_unique(&mut out.nationalities, c);
        }
    } else if let Some(rest) = clause.strip_prefix("Gender ") {
        let g = trim_value(rest);
        if g.eq_ignore_ascii_case("male") {
            out.gender = Some(Gender::Male);
        } else if g.eq_ignore_ascii_case("female") {
            out.gender = Some(Gender::Female);
        }
    } else if let Some(rest) = clause.strip_prefix("Linked To:") {
        let name = trim_value(rest);
        if !name.is_empty() {
            push_unique(&mut out.linked_to, name.to_string());
        }
    } else if let Some(rest) = clause.strip_prefix("Digital Currency Address - ") {
        let rest = trim_value(rest);
        if let Some((asset, addr)) = rest.split_once(char::is_whitespace) {
            let addr = addr.trim();
            if !asset.is_empty() && !addr.is_empty() && !addr.contains(char::is_whitespace) {
                push_id(
                    out,
                    IdKind::Wallet,
                    addr.to_string(),
                    Some(asset.to_string()),
                );
            }
        }
    } else if let Some(rest) = strip_any(clause, &["Email Address", "EMAIL", "Email:", "Email"]) {
        let email = first_token(rest);
        if email.contains('@') {
            push_id(out, IdKind::Email, email.to_string(), None);
        }
    } else if let Some(rest) = strip_any(clause, &["Website:", "Website"]) {
        let site = first_token(rest);
        if !site.is_empty() {
            push_id(out, IdKind::Website, site.to_string(), None);
        }
    } else if let Some(rest) = strip_any(
        clause,
        &[
            "Phone Number:",
            "Phone Number",
            "Phone:",
            "Phone",
            "PHONE",
            "Telephone:",
            "Telephone",
        ],
    ) {
        let phone = trim_value(rest).trim_start_matches(':').trim().to_string();
        if phone.chars().any(|c| c.is_ascii_digit()) {
            push_id(out, IdKind::Phone, phone, None);
        }
    } else {
        parse_document(clause, out);
    }
}

/// `Passport X (Country)`, `National ID No. X (Country) issued ...`, `Tax ID No. X`, ...
fn parse_document(clause: &str, out: &mut Remarks) {
    if let Some((label, rest)) = longest_label(clause, PASSPORT_LABELS) {
        if let Some((value, country)) = document_value(rest, false) {
            let detail = match (label, country) {
                ("Passport", Some(c)) => Some(c.to_string()),
                ("Passport", None) => None,
                (l, Some(c)) => Some(format!("{l} ({c})")),
                (l, None) => Some(l.to_string()),
            };
            push_id(out, IdKind::Passport, value.to_string(), detail);
        }
        return;
    }
    let (label, rest) = match longest_label(clause, ID_LABELS) {
        Some(found) => found,
        None => match generic_id_label(clause) {
            Some(found) => found,
            None => return,
        },
    };
    if let Some((value, country)) = document_value(rest, label.eq_ignore_ascii_case("SWIFT/BIC")) {
        let detail = match country {
            Some(c) => format!("{label} ({c})"),
            None => label.to_string(),
        };
        push_id(out, IdKind::NationalId, value.to_string(), Some(detail));
    }
}

/// The longest label of `labels` that starts `clause` (case-insensitively) and is followed by a
/// space or `:`; returns the label as written in `clause` and the text after it.
fn longest_label<'a>(clause: &'a str, labels: &[&str]) -> Option<(&'a str, &'a str)> {
    let mut best: Option<(&str, &str)> = None;
    for label in labels {
        let Some(head) = clause.get(..label.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(label) {
            continue;
        }
        let rest = &clause[label.len()..];
        if !rest.starts_with([' ', ':']) {
            continue;
        }
        if best.map_or(true, |(b, _)| b.len() < head.len()) {
            best = Some((head, rest));
        }
    }
    best.map(|(label, rest)| (label.trim_end_matches(':'), rest.trim_start_matches(':')))
}

/// Recognises `<Label> <value with a digit>` where the label ends like an ID label (`No.`,
/// `Number`, `#`, `ID`, `Code`, `Card`), for document kinds that [`ID_LABELS`] does not list.
fn generic_id_label(clause: &str) -> Option<(&str, &str)> {
    if NOT_ID_PREFIXES.iter().any(|p| clause.starts_with(p)) {
        return None;
    }
    let mut offset = 0;
    for word in clause.split(' ') {
        if word.chars().any(|c| c.is_ascii_digit()) {
            let label = clause[..offset].trim_end().trim_end_matches(':');
            let ends_like_id = ["No.", "No", "Number", "#", "ID", "Code", "Card"]
                .iter()
                .any(|e| label.ends_with(e));
            if label.is_empty() || label.len() > 60 || !ends_like_id {
                return None;
            }
            return Some((label, &clause[offset..]));
        }
        offset += word.len() + 1;
    }
    None
}

/// Splits `X (Country) issued 01 Jan 2000 expires ...` into the value and the country. The value
/// must hold a digit (every OFAC document number does; this drops prose such as `Passport and
/// National ID were ...`), except for SWIFT/BIC codes (`any_value`).
fn document_value(rest: &str, any_value: bool) -> Option<(&str, Option<&str>)> {
    let rest = rest.trim();
    let mut end = rest.len();
    for stop in ["issued", "Issued", "expires", "Expires"] {
        let found = rest
            .match_indices(stop)
            .find(|(p, _)| *p == 0 || rest.as_bytes().get(p - 1) == Some(&b' '));
        if let Some((p, _)) = found {
            end = end.min(p);
        }
    }
    let mut v = trim_value(&rest[..end]);
    for prefix in ["No.:", "No.", "No:", "#", ":"] {
        if let Some(r) = v.strip_prefix(prefix) {
            v = r.trim_start();
        }
    }
    let mut country = None;
    if v.ends_with(')') {
        if let Some(open) = v.rfind('(') {
            let inside = v[open + 1..v.len() - 1].trim();
            let before = v[..open].trim_end();
            if !inside.is_empty() && !before.is_empty() {
                country = Some(inside);
                v = before;
            }
        }
    }
    let v = v.trim().trim_end_matches([',', ';']).trim();
    let ok = if any_value {
        v.chars().any(|c| c.is_ascii_alphanumeric())
    } else {
        v.chars().any(|c| c.is_ascii_digit())
    };
    ok.then_some((v, country))
}

fn push_weak_aliases(body: &str, out: &mut Remarks) {
    let body = body.trim_end();
    let body = body.strip_suffix('.').unwrap_or(body).trim_end();
    let body = body.strip_suffix('\'').unwrap_or(body);
    // `a.k.a. 'ABU-AL-KARKH', 'Yusuf'` lists two aliases in one clause.
    for name in body.split("', '") {
        let name = name.trim();
        if !name.is_empty() {
            push_unique(&mut out.weak_aliases, name.to_string());
        }
    }
}

/// A nationality or address country: alpha-2 where the table knows it, else as listed;
/// `None` for placeholders like `na` or `undetermined`.
pub(crate) fn country_value(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty()
        || ["na", "n/a", "undetermined", "unknown", "-0-"]
            .iter()
            .any(|p| s.eq_ignore_ascii_case(p))
    {
        return None;
    }
    Some(country::to_iso2(s).map_or_else(|| s.to_string(), str::to_string))
}

/// Parses an OFAC or UN date phrase: `30 Aug 1987`, `Aug 1987`, `1962`, `circa 1970`,
/// `1960 to 1962`, `01 Jan 1960 to 31 Dec 1962`, `circa 1964-1966`, `Nov. 1973`.
pub(crate) fn parse_date_text(s: &str) -> Option<DateSpec> {
    let s = trim_value(s);
    let s = strip_prefix_ci(s, "circa ")
        .or_else(|| strip_prefix_ci(s, "approximately "))
        .unwrap_or(s)
        .trim();
    if let Some((a, b)) = s.split_once(" to ") {
        return Some(range(parse_single_date(a)?, parse_single_date(b)?));
    }
    if let Some(d) = parse_single_date(s) {
        return Some(d);
    }
    let (a, b) = s.split_once('-')?;
    Some(range(parse_single_date(a)?, parse_single_date(b)?))
}

fn range(a: DateSpec, b: DateSpec) -> DateSpec {
    if a == b {
        return a;
    }
    let (lo, _) = a.years();
    let (_, hi) = b.years();
    let (lo, hi) = (lo.min(hi), lo.max(hi));
    if lo == hi {
        match (a, b) {
            (
                DateSpec::Month { m: ma, .. } | DateSpec::Day { m: ma, .. },
                DateSpec::Month { m: mb, .. } | DateSpec::Day { m: mb, .. },
            ) if ma == mb => DateSpec::Month { y: lo, m: ma },
            _ => DateSpec::Year(lo),
        }
    } else {
        DateSpec::YearRange(lo, hi)
    }
}

/// `30 Aug 1987`, `Aug 1987`, `August 1987`, `Nov. 1973`, `1987`, `1987-08-30`.
pub(crate) fn parse_single_date(s: &str) -> Option<DateSpec> {
    let s = s.trim();
    if let Some(d) = parse_iso_date(s) {
        return Some(d);
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    match words.as_slice() {
        [y] => Some(DateSpec::Year(year(y)?)),
        [m, y] => Some(DateSpec::Month {
            y: year(y)?,
            m: month(m)?,
        }),
        [d, m, y] => {
            let (y, m) = (year(y)?, month(m)?);
            let d: u8 = d
                .parse()
                .ok()
                .filter(|d| (1..=days_in_month(y, m)).contains(d))?;
            Some(DateSpec::Day { y, m, d })
        }
        _ => None,
    }
}

/// `YYYY-MM-DD`; a `00` day or month (seen in some lists) gives a month or a year.
pub(crate) fn parse_iso_date(s: &str) -> Option<DateSpec> {
    let s = s.trim();
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || m.len() != 2
        || d.len() != 2
        || !d.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let y = year(y)?;
    let m: u8 = m.parse().ok().filter(|m| *m <= 12)?;
    let d: u8 = d.parse().ok()?;
    match (m, d) {
        (0, _) => Some(DateSpec::Year(y)),
        (m, 0) => Some(DateSpec::Month { y, m }),
        (m, d) if d <= days_in_month(y, m) => Some(DateSpec::Day { y, m, d }),
        _ => None,
    }
}

fn year(s: &str) -> Option<u16> {
    let s = s.trim_end_matches('.');
    if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|y| (1800..=2100).contains(y))
}

fn month(s: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let s = s.trim_end_matches('.').to_ascii_lowercase();
    if s.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&s))
        .and_then(|i| u8::try_from(i + 1).ok())
}

fn days_in_month(y: u16, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn push_id(out: &mut Remarks, kind: IdKind, value: String, detail: Option<String>) {
    push_unique(
        &mut out.identifiers,
        Identifier {
            kind,
            value,
            detail,
        },
    );
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, item: T) {
    if !v.contains(&item) {
        v.push(item);
    }
}

/// Trims spaces and a trailing `.` (OFAC ends the remarks, and some clauses, with a period).
fn trim_value(s: &str) -> &str {
    let s = s.trim();
    s.strip_suffix('.').unwrap_or(s).trim_end()
}

fn first_token(s: &str) -> &str {
    let t = s.trim().trim_start_matches(':').trim_start();
    let t = t.split_whitespace().next().unwrap_or("");
    t.strip_suffix('.').unwrap_or(t)
}

fn strip_any<'a>(s: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes.iter().find_map(|p| {
        let rest = s.strip_prefix(p)?;
        (p.ends_with(':') || rest.starts_with([' ', ':'])).then_some(rest)
    })
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(kind: IdKind, value: &str, detail: Option<&str>) -> Identifier {
        Identifier {
            kind,
            value: value.into(),
            detail: detail.map(str::to_string),
        }
    }

    #[test]
    fn song_kum_hyok() {
        let r = parse("DOB 30 Aug 1987; nationality Korea, North; Email Address wangge327@yahoo.com; Gender Male.");
        assert_eq!(
            r.dobs,
            vec![DateSpec::Day {
                y: 1987,
                m: 8,
                d: 30
            }]
        );
        assert_eq!(r.nationalities, vec!["KP"]);
        assert_eq!(r.gender, Some(Gender::Male));
        assert_eq!(
            r.identifiers,
            vec![id(IdKind::Email, "wangge327@yahoo.com", None)]
        );
    }

    #[test]
    fn dates() {
        let cases = [
            (
                "30 Aug 1987",
                Some(DateSpec::Day {
                    y: 1987,
                    m: 8,
                    d: 30,
                }),
            ),
            ("Aug 1987", Some(DateSpec::Month { y: 1987, m: 8 })),
            ("1962", Some(DateSpec::Year(1962))),
            ("circa 1970", Some(DateSpec::Year(1970))),
            ("1960 to 1962", Some(DateSpec::YearRange(1960, 1962))),
            (
                "01 Jan 1960 to 31 Dec 1962",
                Some(DateSpec::YearRange(1960, 1962)),
            ),
            ("01 Jan 1970 to 31 Dec 1970", Some(DateSpec::Year(1970))),
            (
                "Feb 1970 to Feb 1970",
                Some(DateSpec::Month { y: 1970, m: 2 }),
            ),
            ("circa 1964-1966", Some(DateSpec::YearRange(1964, 1966))),
            ("Nov. 1973", Some(DateSpec::Month { y: 1973, m: 11 })),
            ("August 1961 ", Some(DateSpec::Month { y: 1961, m: 8 })),
            (
                "1978-04-28",
                Some(DateSpec::Day {
                    y: 1978,
                    m: 4,
                    d: 28,
                }),
            ),
            ("29 Feb 2001", None),
            ("31 Apr 1980", None),
            ("30-35 years old", None),
            ("12", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_date_text(text), want, "{text:?}");
        }
    }

    #[test]
    fn clauses_split_on_semicolons_but_not_inside_a_quoted_alias() {
        assert_eq!(split_clauses("a; b ;; c."), vec!["a", "b", "c."]);
        assert_eq!(
            split_clauses("a.k.a. 'ONE; TWO'; DOB 1980; a.k.a. 'THREE'."),
            vec!["a.k.a. 'ONE; TWO'", "DOB 1980", "a.k.a. 'THREE'."]
        );
        // An unclosed quote does not swallow the following clauses.
        assert_eq!(
            split_clauses("a.k.a. 'OPEN; DOB 1980; Gender Male"),
            vec!["a.k.a. 'OPEN", "DOB 1980", "Gender Male"]
        );
        assert_eq!(
            split_clauses("a.k.a. 'OPEN; unknown; more"),
            vec!["a.k.a. 'OPEN", "unknown", "more"]
        );
        let r = parse("a.k.a. 'ONE; TWO'; f.k.a. 'ABU DU'A'; n.k.a. 'O'BRIEN, Chris'; a.k.a. 'AL-X', 'Yusuf'.");
        assert_eq!(
            r.weak_aliases,
            vec!["ONE; TWO", "ABU DU'A", "O'BRIEN, Chris", "AL-X", "Yusuf"]
        );
    }

    #[test]
    fn identifiers_and_links() {
        let r = parse(
            "Digital Currency Address - ETH 0xABC123; alt. Digital Currency Address - USDT TXyz9; \
             Website www.example.com; alt. Email Address a@b.cn; Phone Number +850 2 381 8221; \
             Passport 563120630 (Korea, North) expires 11 Mar 2020; alt. Passport D366 871 (Jordan).; \
             Diplomatic Passport 008827 (Iran) issued 1999; National ID No. 216040 (Yemen); \
             Tax ID No. 7744001497 (Russia); Registration Number HRA 738077 (Stuttgart) (Germany); \
             SWIFT/BIC KYCBKPPY; Passport and National ID were revoked; Military Registration Number 55-A; \
             Linked To: MUNITIONS INDUSTRY DEPARTMENT.",
        );
        assert_eq!(
            r.identifiers,
            vec![
                id(IdKind::Wallet, "0xABC123", Some("ETH")),
                id(IdKind::Wallet, "TXyz9", Some("USDT")),
                id(IdKind::Website, "www.example.com", None),
                id(IdKind::Email, "a@b.cn", None),
                id(IdKind::Phone, "+850 2 381 8221", None),
                id(IdKind::Passport, "563120630", Some("Korea, North")),
                id(IdKind::Passport, "D366 871", Some("Jordan")),
                id(
                    IdKind::Passport,
                    "008827",
                    Some("Diplomatic Passport (Iran)")
                ),
                id(
                    IdKind::NationalId,
                    "216040",
                    Some("National ID No. (Yemen)")
                ),
                id(
                    IdKind::NationalId,
                    "7744001497",
                    Some("Tax ID No. (Russia)")
                ),
                id(
                    IdKind::NationalId,
                    "HRA 738077 (Stuttgart)",
                    Some("Registration Number (Germany)")
                ),
                id(IdKind::NationalId, "KYCBKPPY", Some("SWIFT/BIC")),
                id(
                    IdKind::NationalId,
                    "55-A",
                    Some("Military Registration Number")
                ),
            ]
        );
        assert_eq!(r.linked_to, vec!["MUNITIONS INDUSTRY DEPARTMENT"]);
    }

    #[test]
    fn places_nationalities_and_gender() {
        let r = parse(
            "POB Pyongyang, Korea, North; alt. POB: Keren Eritrea; nationality Russia; citizen Burma; \
             alt. nationality possibly Palestinian; nationality Atlantis; Nationality of Registration Panama; \
             nationality na; Gender Female.",
        );
        assert_eq!(r.pobs, vec!["Pyongyang, Korea, North", "Keren Eritrea"]);
        assert_eq!(r.nationalities, vec!["RU", "MM", "PS", "Atlantis"]);
        assert_eq!(r.gender, Some(Gender::Female));
    }

    #[test]
    fn junk_is_ignored_without_panicking() {
        for junk in [
            "",
            ";",
            ";;;",
            "'",
            "a.k.a.",
            "a.k.a. '",
            "a.k.a. ''",
            "DOB",
            "DOB ",
            "Passport",
            "Passport (X)",
            "Digital Currency Address - ",
            "Digital Currency Address - ETH",
            "Email Address",
            "ß; ü; 日本",
            "tive Date (EO 14024 Directive 3): 26 Mar 2022",
            "nationality ",
            "Linked To:",
            "alt. ",
        ] {
            let r = parse(junk);
            assert!(
                r.dobs.is_empty() && r.identifiers.is_empty() && r.linked_to.is_empty(),
                "{junk:?}: {r:?}"
            );
        }
    }
}
