//! Country names and ISO 3166-1 alpha-2 codes, including the spellings the official lists use
//! (`Korea, North`, `Burma`, `Russia`, ...).

/// Resolves a country given as an ISO alpha-2 or alpha-3 code or as a name (any case, list
/// spellings included) to its alpha-2 code.
pub fn to_iso2(s: &str) -> Option<&'static str> {
    let _ = s;
    None
}

/// The English short name of an alpha-2 code, for display.
pub fn name_of(iso2: &str) -> Option<&'static str> {
    let _ = iso2;
    None
}
