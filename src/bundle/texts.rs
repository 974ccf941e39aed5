//! Many short strings in one allocation.

use std::ops::Index;

/// A list of strings stored back to back in one `String`, with where each ends: the
/// vocabulary (34,000 tokens) and the string pool of a bundle, without an allocation each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Texts {
    text: String,
    ends: Vec<u32>,
}

impl Texts {
    /// Strings stored back to back in `text`, string `i` ending at `ends[i]`. `None` unless
    /// the ends are non-decreasing, inside `text` and on character boundaries.
    pub(crate) fn from_parts(text: String, ends: Vec<u32>) -> Option<Texts> {
        let mut start = 0;
        for &end in &ends {
            let end = end as usize;
            if end < start || !text.is_char_boundary(end) {
                return None;
            }
            start = end;
        }
        (start == text.len()).then_some(Texts { text, ends })
    }

    /// Number of strings.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// String `i`.
    pub(crate) fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
        self.text.get(start..end)
    }

    /// Byte length of string `i` (0 if there is none).
    pub(crate) fn len_of(&self, i: usize) -> usize {
        let Some(&end) = self.ends.get(i) else {
            return 0;
        };
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p]);
        (end - start) as usize
    }

    /// Every string, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let s = &self.text[start..end as usize];
            start = end as usize;
            s
        })
    }

    /// The first index in `range` whose string does not satisfy `pred`, as
    /// [`slice::partition_point`] (the strings in `range` must be partitioned by it).
    pub(crate) fn partition_point(
        &self,
        range: std::ops::Range<usize>,
        mut pred: impl FnMut(&str) -> bool,
    ) -> usize {
        let (mut lo, mut hi) = (range.start, range.end.min(self.len()));
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(&self[mid]) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// As one `String` each.
    pub(crate) fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }
}

impl Index<usize> for Texts {
    type Output = str;

    /// String `i`; panics if there is none, as slice indexing does.
    fn index(&self, i: usize) -> &str {
        match self.get(i) {
            Some(s) => s,
            None => panic!("text index {i} out of range for {} texts", self.len()),
        }
    }
}

impl<S: AsRef<str>> FromIterator<S> for Texts {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Texts {
        let mut t = Texts::default();
        for s in iter {
            t.text.push_str(s.as_ref());
            t.ends.push(u32::try_from(t.text.len()).unwrap_or(u32::MAX));
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_back_to_back() {
        let t: Texts = ["", "kum", "hyok", "", "é"].into_iter().collect();
        assert_eq!(t.len(), 5);
        assert_eq!(t.iter().collect::<Vec<_>>(), ["", "kum", "hyok", "", "é"]);
        assert_eq!(&t[2], "hyok");
        assert_eq!(t.get(5), None);
        assert_eq!(
            (t.len_of(2), t.len_of(3), t.len_of(4), t.len_of(5)),
            (4, 0, 2, 0)
        );
        assert_eq!(t.to_vec(), ["", "kum", "hyok", "", "é"]);
        let sorted: Texts = ["a", "b", "b", "c"].into_iter().collect();
        assert_eq!(sorted.partition_point(0..4, |v| v < "b"), 1);
        assert_eq!(sorted.partition_point(0..4, |v| v <= "b"), 3);
        assert_eq!(sorted.partition_point(0..4, |_| true), 4);
        assert_eq!(sorted.partition_point(2..3, |v| v < "b"), 2);
        assert_eq!(sorted.partition_point(0..9, |_| true), 4);
        assert!(Texts::from_parts("abé".into(), vec![1, 3]).is_none());
        assert!(Texts::from_parts("ab".into(), vec![2, 1]).is_none());
        assert!(Texts::from_parts("ab".into(), vec![1]).is_none());
        assert_eq!(
            Texts::from_parts("ab".into(), vec![1, 2]).unwrap().to_vec(),
            ["a", "b"]
        );
    }
}
