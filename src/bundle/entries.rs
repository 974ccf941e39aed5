//! The entries of a loaded bundle: decoded all at once, or one at a time when first asked for.

use std::ops::Index;
use std::sync::OnceLock;

use super::read::EntryStore;
use crate::model::{Entry, EntryKind, ListId};

/// The entries of a watchlist, by index.
///
/// A loaded bundle keeps its entries encoded (about 1.6 MB of inflated columns for the real
/// lists) and decodes an entry the first time it is indexed: screening reads the few entries
/// its candidates belong to, so loading does not build 20,000 entries with their 200,000
/// strings. [`Entries::as_slice`] decodes them all, once, for callers that walk every entry.
#[derive(Debug)]
pub(crate) enum Entries {
    /// Entries already decoded (built from lists, or from [`super::BundleData`]).
    Decoded(Vec<Entry>),
    /// Entries kept encoded.
    Encoded {
        store: Box<EntryStore>,
        /// Entry `i` once decoded.
        cells: Box<[OnceLock<Box<Entry>>]>,
        /// Every entry, for [`Entries::as_slice`].
        all: OnceLock<Vec<Entry>>,
    },
}

/// What an entry that fails to decode reads as. [`super::read_lazy`] decodes every entry once
/// before it returns, so this is never reached (a debug build asserts it).
static UNDECODABLE: Entry = Entry {
    list: ListId::OfacSdn,
    id: String::new(),
    kind: EntryKind::Entity,
    names: Vec::new(),
    programs: Vec::new(),
    dobs: Vec::new(),
    pobs: Vec::new(),
    nationalities: Vec::new(),
    address_countries: Vec::new(),
    gender: None,
    identifiers: Vec::new(),
    linked_to: Vec::new(),
};

impl Entries {
    /// Entries decoded on demand from `store`.
    #[inline(never)]
    pub(crate) fn encoded(store: EntryStore) -> Entries {
        let cells = (0..store.len()).map(|_| OnceLock::new()).collect();
        Entries::Encoded {
            store: Box::new(store),
            cells,
            all: OnceLock::new(),
        }
    }

    /// Number of entries.
    pub(crate) fn len(&self) -> usize {
        match self {
            Entries::Decoded(v) => v.len(),
            Entries::Encoded { store, .. } => store.len(),
        }
    }

    /// Entry `i`, decoded the first time it is asked for.
    pub(crate) fn get(&self, i: usize) -> Option<&Entry> {
        match self {
            Entries::Decoded(v) => v.get(i),
            Entries::Encoded { store, cells, all } => {
                if let Some(all) = all.get() {
                    return all.get(i);
                }
                let cell = cells.get(i)?;
                Some(cell.get_or_init(|| match store.decode(i) {
                    Ok(e) => Box::new(e),
                    Err(err) => {
                        debug_assert!(false, "entry {i} was checked at load: {err}");
                        Box::new(UNDECODABLE.clone())
                    }
                }))
            }
        }
    }

    /// Every entry, decoded (once) if they were not.
    pub(crate) fn as_slice(&self) -> &[Entry] {
        match self {
            Entries::Decoded(v) => v,
            Entries::Encoded { store, all, .. } => all.get_or_init(|| {
                store.decode_all().unwrap_or_else(|err| {
                    debug_assert!(false, "the entries were checked at load: {err}");
                    Vec::new()
                })
            }),
        }
    }
}

impl Index<usize> for Entries {
    type Output = Entry;

    /// Entry `i`; panics if there is none, as slice indexing does.
    fn index(&self, i: usize) -> &Entry {
        match self.get(i) {
            Some(e) => e,
            None => panic!("entry index {i} out of range for {} entries", self.len()),
        }
    }
}
