//! The watchlist data model: what an entry on an official list says about a person or an
//! organization, independent of the file layout it came from.
//!
//! These are plain data types. The list parsers (`ingest`, native only) produce them, the bundle
//! stores them, and the matcher reads them. Every entry keeps its source list and its id on that
//! list, so that a match can always be traced back to the official record.

use serde::{Deserialize, Serialize};

/// The official list an entry comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ListId {
    /// OFAC Specially Designated Nationals and Blocked Persons list (legacy CSV set).
    OfacSdn,
    /// OFAC consolidated non-SDN list (legacy CSV set: cons_prim.csv, cons_add.csv).
    OfacCons,
    /// UN Security Council consolidated list (official XML).
    Un,
}

impl ListId {
    /// Every list, in bundle order.
    pub const ALL: [ListId; 3] = [ListId::OfacSdn, ListId::OfacCons, ListId::Un];

    /// The stable label used in results and on the CLI: `OFAC-SDN`, `OFAC-CONS`, `UN`.
    pub fn as_str(self) -> &'static str {
        match self {
            ListId::OfacSdn => "OFAC-SDN",
            ListId::OfacCons => "OFAC-CONS",
            ListId::Un => "UN",
        }
    }

    /// Parses the label produced by [`ListId::as_str`] (case-insensitive).
    pub fn parse(s: &str) -> Option<ListId> {
        ListId::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

impl std::fmt::Display for ListId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of party an entry describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum EntryKind {
    /// A natural person.
    Individual,
    /// A company, organization or other legal person (OFAC leaves the type empty for these).
    Entity,
    /// A ship.
    Vessel,
    /// An aircraft.
    Aircraft,
}

impl EntryKind {
    /// Lower-case label: `individual`, `entity`, `vessel`, `aircraft`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Individual => "individual",
            EntryKind::Entity => "entity",
            EntryKind::Vessel => "vessel",
            EntryKind::Aircraft => "aircraft",
        }
    }
}

/// How a name is attached to its entry. This decides how it may match: weak aliases only count on
/// a (near-)exact match, following OFAC's guidance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NameKind {
    /// The entry's primary name.
    Primary,
    /// A strong "also known as" alias (OFAC alt.csv `aka`, UN alias of quality Good).
    Aka,
    /// A strong "formerly known as" alias.
    Fka,
    /// A strong "now known as" alias.
    Nka,
    /// A weak alias: OFAC remarks `a.k.a. 'X'` (also weak `f.k.a.`/`n.k.a.`), UN alias of quality Low.
    WeakAka,
    /// The name in its original script (UN `NAME_ORIGINAL_SCRIPT`: Arabic, Cyrillic, ...).
    OriginalScript,
}

impl NameKind {
    /// Label used in results: `primary`, `aka`, `fka`, `nka`, `weak_aka`, `original_script`.
    pub fn as_str(self) -> &'static str {
        match self {
            NameKind::Primary => "primary",
            NameKind::Aka => "aka",
            NameKind::Fka => "fka",
            NameKind::Nka => "nka",
            NameKind::WeakAka => "weak_aka",
            NameKind::OriginalScript => "original_script",
        }
    }

    /// Weak aliases only count on a (near-)exact match.
    pub fn is_weak(self) -> bool {
        matches!(self, NameKind::WeakAka)
    }
}

/// One name of an entry, as printed on the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name {
    /// The name exactly as listed (after decoding to UTF-8), e.g. `SONG, Kum Hyok`.
    pub text: String,
    /// How the name is attached to the entry.
    pub kind: NameKind,
}

/// A date as precise as the list gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DateSpec {
    /// A full date.
    Day {
        /// Year.
        y: u16,
        /// Month 1-12.
        m: u8,
        /// Day 1-31.
        d: u8,
    },
    /// A month of a year (`Aug 1987`).
    Month {
        /// Year.
        y: u16,
        /// Month 1-12.
        m: u8,
    },
    /// A year only.
    Year(u16),
    /// An inclusive range of years (`1960 to 1962`, UN `BETWEEN`).
    YearRange(u16, u16),
}

impl DateSpec {
    /// The inclusive range of years this date could fall in.
    pub fn years(&self) -> (u16, u16) {
        match *self {
            DateSpec::Day { y, .. } | DateSpec::Month { y, .. } | DateSpec::Year(y) => (y, y),
            DateSpec::YearRange(a, b) => (a.min(b), a.max(b)),
        }
    }
}

impl std::fmt::Display for DateSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            DateSpec::Day { y, m, d } => write!(f, "{y:04}-{m:02}-{d:02}"),
            DateSpec::Month { y, m } => write!(f, "{y:04}-{m:02}"),
            DateSpec::Year(y) => write!(f, "{y:04}"),
            DateSpec::YearRange(a, b) => write!(f, "{a:04}..{b:04}"),
        }
    }
}

/// Gender, where the list states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// Male.
    Male,
    /// Female.
    Female,
}

/// Kinds of identifier a list may give for an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IdKind {
    /// `Email Address x@y`.
    Email,
    /// `Website www.example.com`.
    Website,
    /// `Phone +1 ...`.
    Phone,
    /// `Digital Currency Address - <ASSET> <addr>`; the asset goes in [`Identifier::detail`].
    Wallet,
    /// Passport number; the issuing country goes in `detail`.
    Passport,
    /// National ID, tax ID, registration number and similar; the label goes in `detail`.
    NationalId,
}

impl IdKind {
    /// Label used in results.
    pub fn as_str(self) -> &'static str {
        match self {
            IdKind::Email => "email",
            IdKind::Website => "website",
            IdKind::Phone => "phone",
            IdKind::Wallet => "wallet",
            IdKind::Passport => "passport",
            IdKind::NationalId => "national_id",
        }
    }
}

/// An identifier attached to an entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Identifier {
    /// What it is.
    pub kind: IdKind,
    /// The value as listed (e.g. `wangge327@yahoo.com`, `0x19aa5fe8...`).
    pub value: String,
    /// Extra context: the asset of a wallet (`ETH`), the country or label of a document.
    pub detail: Option<String>,
}

/// One listed person or organization.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The list it is on.
    pub list: ListId,
    /// Its id on that list: OFAC uid (`49970`) or UN reference number (`KPi.066`).
    pub id: String,
    /// Person, entity, vessel or aircraft.
    pub kind: EntryKind,
    /// All its names. `names[0]` is the primary name.
    pub names: Vec<Name>,
    /// Sanctions programs (`CYBER4`, `DPRK2`, UN list type `DPRK`, ...).
    pub programs: Vec<String>,
    /// Dates of birth (individuals), including alternative ones.
    pub dobs: Vec<DateSpec>,
    /// Places of birth, as listed.
    pub pobs: Vec<String>,
    /// Nationalities and citizenships as ISO 3166-1 alpha-2 codes (`KP`); a country the code
    /// table does not know is kept as listed.
    pub nationalities: Vec<String>,
    /// Countries of listed addresses, as ISO 3166-1 alpha-2 codes where known.
    pub address_countries: Vec<String>,
    /// Gender, where stated.
    pub gender: Option<Gender>,
    /// Emails, websites, phones, wallets and documents.
    pub identifiers: Vec<Identifier>,
    /// Names of parties this entry is `Linked To:`.
    pub linked_to: Vec<String>,
}

impl Entry {
    /// The primary name as listed, or an empty string for an entry without names.
    pub fn primary_name(&self) -> &str {
        self.names.first().map(|n| n.text.as_str()).unwrap_or("")
    }
}

/// What the bundle records about one source list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListInfo {
    /// Which list.
    pub list: ListId,
    /// Publication or as-of date, `YYYY-MM-DD`.
    pub date: String,
    /// Where that date came from (`dateGenerated attribute`, `--as-of`, ...).
    pub date_source: String,
    /// Number of entries taken from the list.
    pub entries: u32,
    /// Number of names (primary, aliases, original script) across those entries.
    pub names: u32,
}
