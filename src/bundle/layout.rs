//! Constants of the byte layout shared by the writer and the reader (documented in the module
//! doc of [`crate::bundle`]).

/// Magic (8) + version (4) + file length (4) + header CRC (4).
pub(crate) const FIXED_HEADER_LEN: usize = 20;
/// Codec id of the column table stored as it is, for a bundle that is sent compressed by HTTP
/// (`Content-Encoding`): the browser inflates it natively while it downloads, so loading it
/// inflates nothing.
pub(crate) const CODEC_STORED: u8 = 0;
/// Codec id of raw deflate (RFC 1951, no zlib or gzip wrapper) of the whole column table.
pub(crate) const CODEC_DEFLATE: u8 = 1;
/// Codec id of the column table with each column deflated on its own (or stored, when
/// deflate does not shrink it): every column gets Huffman tables fitted to its own bytes.
pub(crate) const CODEC_DEFLATE_COLUMNS: u8 = 2;
/// The deflate level [`crate::bundle::write`] uses (miniz_oxide 0-10; 10 is its best).
pub(crate) const DEFLATE_LEVEL: u8 = 10;
/// Entry flag bit: the id is stored in the numeric id column.
pub(crate) const FLAG_NUMERIC_ID: u8 = 0x40;

/// Largest file the reader accepts: far above any real bundle, far below a memory problem.
pub(crate) const MAX_FILE_BYTES: usize = 64 << 20;
/// Largest decompressed payload the reader inflates (the decompression-bomb bound).
pub(crate) const MAX_RAW_BYTES: usize = 64 << 20;
/// Bound on the memory the decoded structures may take. A pool string is small in the payload
/// but can be referenced many times, and front coding can repeat a long prefix, so the decoder
/// charges every string and every element it materializes against this budget.
pub(crate) const MAX_DECODED_BYTES: usize = 256 << 20;

/// Name mode: the text is stored as it is, with its token count and token ids.
pub(crate) const NAME_EXPLICIT: u8 = 0;
/// Name mode: the text is rebuilt from its tokens (vocab texts with a letter case), joined by
/// the separators of a shape; no text and no token count are stored.
pub(crate) const NAME_TOKENIZED: u8 = 1;

/// Letter case of a tokenized name's runs: all upper-case (`SONG`).
pub(crate) const CASE_UPPER: u8 = 0;
/// All lower-case (`al`).
pub(crate) const CASE_LOWER: u8 = 1;
/// First letter upper-case, the rest lower-case (`Kum`).
pub(crate) const CASE_CAPITALIZED: u8 = 2;
/// Per name: the runs have different cases, one case byte per token follows.
pub(crate) const CASE_PER_TOKEN: u8 = 3;

/// How many of the most frequent tokens get the short codes `LOCAL_TOKENS..LOCAL_TOKENS +
/// TOP_TOKENS` in the name token column (a token id `i` is otherwise coded `LOCAL_TOKENS +
/// TOP_TOKENS + i`).
pub(crate) const TOP_TOKENS: usize = 1024;

/// How many of an entry's distinct name tokens (in the order they first occur in its names)
/// get the codes `0..LOCAL_TOKENS`: an alias mostly repeats tokens of the names before it.
/// Frequent-token and vocab codes come after them.
pub(crate) const LOCAL_TOKENS: usize = 16;

/// Appends a lower-case token to `out` in a case (`CASE_UPPER`, `CASE_LOWER` or
/// `CASE_CAPITALIZED`; any other value leaves it as it is). ASCII-only changes, so `out` stays
/// valid UTF-8.
pub(crate) fn push_cased(out: &mut String, token: &str, case: u8) {
    let start = out.len();
    out.push_str(token);
    match case {
        CASE_UPPER => out[start..].make_ascii_uppercase(),
        CASE_CAPITALIZED => {
            if let Some(first) = out.get_mut(start..).and_then(|s| s.get_mut(..1)) {
                first.make_ascii_uppercase();
            }
        }
        _ => {}
    }
}

/// The cases an ASCII run fits, as bits `1 << case` of `CASE_UPPER`, `CASE_LOWER` and
/// `CASE_CAPITALIZED`: a run of digits fits all three, `McDONALD` none.
pub(crate) fn case_fits(run: &str) -> u8 {
    let b = run.as_bytes();
    let mut fits = 0;
    if !b.iter().any(u8::is_ascii_lowercase) {
        fits |= 1 << CASE_UPPER;
    }
    if !b.iter().any(u8::is_ascii_uppercase) {
        fits |= 1 << CASE_LOWER;
    }
    if b.first().map_or(true, |f| !f.is_ascii_lowercase())
        && !b.iter().skip(1).any(u8::is_ascii_uppercase)
    {
        fits |= 1 << CASE_CAPITALIZED;
    }
    fits
}

/// Splits an ASCII name into its separators and runs of ASCII letters and digits:
/// `seps[0] runs[0] seps[1] ... runs[n-1] seps[n]` is the text. `None` for non-ASCII text.
pub(crate) fn split_runs(text: &str) -> Option<(Vec<&str>, Vec<&str>)> {
    if !text.is_ascii() {
        return None;
    }
    let mut seps = Vec::new();
    let mut runs = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    loop {
        let s = i;
        while i < b.len() && !b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        seps.push(&text[s..i]);
        if i == b.len() {
            return Some((seps, runs));
        }
        let r = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        runs.push(&text[r..i]);
    }
}

/// The payload columns, in file order. Each is stored as a varint length and its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Col {
    Counts,
    PoolPrefix,
    PoolSuffixLen,
    PoolSuffix,
    VocabPrefix,
    VocabSuffixLen,
    VocabSuffix,
    VocabClass,
    TopTokens,
    SepLen,
    SepText,
    ShapeLen,
    ShapeSeps,
    EntryFlags,
    NumericIds,
    TextIdLen,
    TextIds,
    FieldCounts,
    NameKinds,
    NameModes,
    NameShapes,
    NameCase,
    TokenCase,
    NameLen,
    Names,
    NameTokenCount,
    NameTokens,
    Programs,
    Dates,
    Pobs,
    Nationalities,
    AddressCountries,
    LinkedTo,
    IdentKinds,
    IdentValueLen,
    IdentValues,
    IdentDetails,
}

impl Col {
    /// Every column, in file order.
    pub(crate) const ALL: [Col; 37] = [
        Col::Counts,
        Col::PoolPrefix,
        Col::PoolSuffixLen,
        Col::PoolSuffix,
        Col::VocabPrefix,
        Col::VocabSuffixLen,
        Col::VocabSuffix,
        Col::VocabClass,
        Col::TopTokens,
        Col::SepLen,
        Col::SepText,
        Col::ShapeLen,
        Col::ShapeSeps,
        Col::EntryFlags,
        Col::NumericIds,
        Col::TextIdLen,
        Col::TextIds,
        Col::FieldCounts,
        Col::NameKinds,
        Col::NameModes,
        Col::NameShapes,
        Col::NameCase,
        Col::TokenCase,
        Col::NameLen,
        Col::Names,
        Col::NameTokenCount,
        Col::NameTokens,
        Col::Programs,
        Col::Dates,
        Col::Pobs,
        Col::Nationalities,
        Col::AddressCountries,
        Col::LinkedTo,
        Col::IdentKinds,
        Col::IdentValueLen,
        Col::IdentValues,
        Col::IdentDetails,
    ];

    /// Name used in error messages and size reports.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Col::Counts => "counts",
            Col::PoolPrefix => "string pool prefixes",
            Col::PoolSuffixLen => "string pool lengths",
            Col::PoolSuffix => "string pool text",
            Col::VocabPrefix => "vocab prefixes",
            Col::VocabSuffixLen => "vocab lengths",
            Col::VocabSuffix => "vocab text",
            Col::VocabClass => "vocab classes",
            Col::TopTokens => "frequent tokens",
            Col::SepLen => "separator lengths",
            Col::SepText => "separator text",
            Col::ShapeLen => "shape lengths",
            Col::ShapeSeps => "shape separators",
            Col::EntryFlags => "entry flags",
            Col::NumericIds => "numeric ids",
            Col::TextIdLen => "text id lengths",
            Col::TextIds => "text ids",
            Col::FieldCounts => "field counts",
            Col::NameKinds => "name kinds",
            Col::NameModes => "name modes",
            Col::NameShapes => "name shapes",
            Col::NameCase => "name cases",
            Col::TokenCase => "token cases",
            Col::NameLen => "name lengths",
            Col::Names => "name text",
            Col::NameTokenCount => "name token counts",
            Col::NameTokens => "name tokens",
            Col::Programs => "programs",
            Col::Dates => "dates of birth",
            Col::Pobs => "places of birth",
            Col::Nationalities => "nationalities",
            Col::AddressCountries => "address countries",
            Col::LinkedTo => "linked-to names",
            Col::IdentKinds => "identifier kinds",
            Col::IdentValueLen => "identifier lengths",
            Col::IdentValues => "identifier text",
            Col::IdentDetails => "identifier details",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_and_separators_rebuild_the_text() {
        let (seps, runs) = split_runs("SONG, Kum-hyok (1)").unwrap();
        assert_eq!(seps, ["", ", ", "-", " (", ")"]);
        assert_eq!(runs, ["SONG", "Kum", "hyok", "1"]);
        assert_eq!(split_runs("").unwrap(), (vec![""], vec![]));
        assert_eq!(split_runs("--").unwrap(), (vec!["--"], vec![]));
        assert!(split_runs("JÉRÔME").is_none());
    }

    #[test]
    fn cases_fit_runs_and_rebuild_them() {
        assert_eq!(case_fits("SONG"), 1 << CASE_UPPER);
        assert_eq!(case_fits("al"), 1 << CASE_LOWER);
        assert_eq!(case_fits("Kum"), 1 << CASE_CAPITALIZED);
        assert_eq!(case_fits("42"), 0b111);
        assert_eq!(case_fits("A"), 1 << CASE_UPPER | 1 << CASE_CAPITALIZED);
        assert_eq!(case_fits("McDONALD"), 0);
        assert_eq!(case_fits("mCdonald"), 0);
        let mut s = String::from("x ");
        push_cased(&mut s, "song", CASE_UPPER);
        push_cased(&mut s, "kum", CASE_CAPITALIZED);
        push_cased(&mut s, "al", CASE_LOWER);
        push_cased(&mut s, "é", CASE_CAPITALIZED);
        push_cased(&mut s, "", CASE_CAPITALIZED);
        assert_eq!(s, "x SONGKumalé");
    }

    #[test]
    fn all_lists_every_column_in_declaration_order() {
        for (i, c) in Col::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i, "{}", c.name());
        }
    }
}
