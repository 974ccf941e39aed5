//! Constants of the byte layout shared by the writer and the reader (documented in the module
//! doc of [`crate::bundle`]).

/// Magic (8) + version (4) + file length (4) + header CRC (4).
pub(crate) const FIXED_HEADER_LEN: usize = 20;
/// Codec id of raw deflate (RFC 1951, no zlib or gzip wrapper).
pub(crate) const CODEC_DEFLATE: u8 = 1;
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

/// Name token mode: the tokens are stored as vocab ids in the name tokens column.
pub(crate) const TOKENS_EXPLICIT: u8 = 0;
/// Name token mode: the tokens are the name's [`predicted_tokens`], looked up in the vocab.
pub(crate) const TOKENS_PREDICTED: u8 = 1;

/// The tokens a name's text predicts: the maximal runs of ASCII letters and digits,
/// lower-cased. A name with any non-ASCII character predicts nothing.
///
/// This rule is part of the format (it is not the normalizer): for most list names it gives
/// exactly the normalizer's tokens, and then the bundle stores one mode byte instead of the
/// token ids.
pub(crate) fn predicted_tokens(text: &str) -> Option<impl Iterator<Item = &str>> {
    text.is_ascii().then(|| {
        text.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|t| !t.is_empty())
    })
}

/// Whether `token` is `run` lower-cased (ASCII).
pub(crate) fn is_lowercase_of(token: &str, run: &str) -> bool {
    token.len() == run.len()
        && token
            .bytes()
            .zip(run.bytes())
            .all(|(t, r)| t == r.to_ascii_lowercase())
}

/// The payload columns, in file order. Each is stored as a varint length and its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Col {
    Counts,
    PoolPrefix,
    PoolSuffixLen,
    PoolSuffix,
    EntryFlags,
    NumericIds,
    TextIdLen,
    TextIds,
    FieldCounts,
    NameKinds,
    NameLen,
    Names,
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
    VocabPrefix,
    VocabSuffixLen,
    VocabSuffix,
    VocabClass,
    NameTokenCount,
    NameTokenModes,
    NameTokens,
}

impl Col {
    /// Every column, in file order.
    pub(crate) const ALL: [Col; 29] = [
        Col::Counts,
        Col::PoolPrefix,
        Col::PoolSuffixLen,
        Col::PoolSuffix,
        Col::EntryFlags,
        Col::NumericIds,
        Col::TextIdLen,
        Col::TextIds,
        Col::FieldCounts,
        Col::NameKinds,
        Col::NameLen,
        Col::Names,
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
        Col::VocabPrefix,
        Col::VocabSuffixLen,
        Col::VocabSuffix,
        Col::VocabClass,
        Col::NameTokenCount,
        Col::NameTokenModes,
        Col::NameTokens,
    ];

    /// Name used in error messages and size reports.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Col::Counts => "counts",
            Col::PoolPrefix => "string pool prefixes",
            Col::PoolSuffixLen => "string pool lengths",
            Col::PoolSuffix => "string pool text",
            Col::EntryFlags => "entry flags",
            Col::NumericIds => "numeric ids",
            Col::TextIdLen => "text id lengths",
            Col::TextIds => "text ids",
            Col::FieldCounts => "field counts",
            Col::NameKinds => "name kinds",
            Col::NameLen => "name lengths",
            Col::Names => "name text",
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
            Col::VocabPrefix => "vocab prefixes",
            Col::VocabSuffixLen => "vocab lengths",
            Col::VocabSuffix => "vocab text",
            Col::VocabClass => "vocab classes",
            Col::NameTokenCount => "name token counts",
            Col::NameTokenModes => "name token modes",
            Col::NameTokens => "name tokens",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_column_in_declaration_order() {
        for (i, c) in Col::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i, "{}", c.name());
        }
    }
}
