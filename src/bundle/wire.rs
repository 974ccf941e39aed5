//! Little-endian and varint primitives shared by the bundle writer and reader.
//!
//! Writing appends to a `Vec<u8>`. Reading goes through [`Reader`], which checks every length
//! before it slices, so no input can make it panic. Readers only run over checksummed bytes (the
//! frame checks truncation and the CRC first), so a short read there means malformed content:
//! [`ErrorKind::Corrupt`](crate::ErrorKind::Corrupt).

use crate::error::{Error, Result};

/// Appends `v` as 4 little-endian bytes.
pub(crate) fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Appends `v` as an unsigned LEB128 varint (1 to 5 bytes).
pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Appends a length or count as a varint. Bundle sections are far below 4 GiB; a larger value
/// is a caller bug, so it saturates (and the reader then rejects the bundle) rather than wrap.
pub(crate) fn put_len(out: &mut Vec<u8>, n: usize) {
    put_varint(out, u32::try_from(n).unwrap_or(u32::MAX));
}

/// Maps a signed delta to an unsigned varint-friendly value (0, -1, 1, -2, ... → 0, 1, 2, 3, ...).
pub(crate) fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

/// Inverse of [`zigzag`].
pub(crate) fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// Appends a `u64` as an unsigned LEB128 varint (1 to 10 bytes).
pub(crate) fn put_varint64(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A bounds-checked cursor over a byte slice.
#[derive(Clone, Debug)]
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    what: &'static str,
}

impl<'a> Reader<'a> {
    /// A reader over `buf`; `what` names the section in error messages.
    pub(crate) fn new(buf: &'a [u8], what: &'static str) -> Reader<'a> {
        Reader { buf, pos: 0, what }
    }

    /// Bytes not read yet.
    #[inline]
    pub(crate) fn remaining(&self) -> usize {
        self.buf.len().saturating_sub(self.pos)
    }

    /// Bytes read so far.
    #[inline]
    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    /// Moves to byte `pos` (at most the length), as a [`Reader::position`] of the same bytes
    /// gave it.
    pub(crate) fn seek(&mut self, pos: usize) -> Result<()> {
        if pos > self.buf.len() {
            return Err(self.short_error());
        }
        self.pos = pos;
        Ok(())
    }

    /// The error for a read past the end.
    #[cold]
    #[inline(never)]
    pub(crate) fn short_error(&self) -> Error {
        Error::corrupt(format!("{} ends early", self.what))
    }

    /// The error for a malformed value in this section.
    pub(crate) fn invalid(&self, detail: impl std::fmt::Display) -> Error {
        Error::corrupt(format!("{}: {}", self.what, detail))
    }

    /// Takes the next `n` bytes.
    #[inline]
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).ok_or_else(|| self.short_error())?;
        let out = self
            .buf
            .get(self.pos..end)
            .ok_or_else(|| self.short_error())?;
        self.pos = end;
        Ok(out)
    }

    /// Reads one byte (inline at every call site, as [`Reader::varint`]).
    #[inline(always)]
    pub(crate) fn u8(&mut self) -> Result<u8> {
        match self.buf.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                Ok(b)
            }
            None => Err(self.short_error()),
        }
    }

    /// Reads a little-endian `u32`.
    pub(crate) fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// Reads a `u32` LEB128 varint, rejecting overlong or overflowing encodings.
    #[inline(always)]
    pub(crate) fn varint(&mut self) -> Result<u32> {
        // Most values fit one or two bytes: read inline at each call site (a wasm engine's
        // baseline tier, where most of a bundle load runs, pays dearly for a call that returns
        // a `Result` through memory); longer ones and the end of the buffer out of line.
        match self.buf.get(self.pos..self.pos + 2) {
            Some(&[b, _]) if b < 0x80 => {
                self.pos += 1;
                Ok(u32::from(b))
            }
            Some(&[b0, b1]) if b1 < 0x80 => {
                self.pos += 2;
                Ok(u32::from(b0 & 0x7f) | u32::from(b1) << 7)
            }
            _ => self.varint_long(),
        }
    }

    /// [`Reader::varint`] of three bytes or more, or at the end of the buffer.
    #[inline(never)]
    fn varint_long(&mut self) -> Result<u32> {
        let v = self.varint64()?;
        u32::try_from(v).map_err(|_| self.invalid(format_args!("integer {v} out of range")))
    }

    /// Reads a `u64` LEB128 varint (at most 10 bytes).
    #[inline]
    pub(crate) fn varint64(&mut self) -> Result<u64> {
        let mut v: u64 = 0;
        for i in 0..10u32 {
            let b = self.u8()?;
            let bits = u64::from(b & 0x7f);
            if i == 9 && bits > 1 {
                return Err(self.invalid("a varint overflows 64 bits"));
            }
            v |= bits << (7 * i);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.invalid("a varint is longer than 10 bytes"))
    }

    /// Reads a varint count or length as `usize`.
    #[inline(always)]
    pub(crate) fn len(&mut self) -> Result<usize> {
        Ok(self.varint()? as usize)
    }

    /// Reads a string of `n` bytes, which must be UTF-8.
    pub(crate) fn str(&mut self, n: usize) -> Result<&'a str> {
        let b = self.take(n)?;
        std::str::from_utf8(b).map_err(|_| self.invalid("a string is not valid UTF-8"))
    }

    /// Fails unless every byte was read.
    pub(crate) fn finish(&self) -> Result<()> {
        match self.remaining() {
            0 => Ok(()),
            n => Err(self.invalid(format_args!("{n} unread bytes at the end"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn varint_round_trips_edges() {
        for v in [
            0u32,
            1,
            127,
            128,
            255,
            16_383,
            16_384,
            u32::MAX - 1,
            u32::MAX,
        ] {
            let mut out = Vec::new();
            put_varint(&mut out, v);
            let mut r = Reader::new(&out, "test");
            assert_eq!(r.varint().unwrap(), v);
            r.finish().unwrap();
        }
        for v in [0u64, 1, u64::from(u32::MAX) + 1, u64::MAX] {
            let mut out = Vec::new();
            put_varint64(&mut out, v);
            assert_eq!(Reader::new(&out, "test").varint64().unwrap(), v);
        }
    }

    #[test]
    fn zigzag_round_trips() {
        for v in [0i64, 1, -1, 2, -2, i64::MAX, i64::MIN] {
            assert_eq!(unzigzag(zigzag(v)), v);
        }
        assert_eq!(zigzag(-1), 1);
        assert_eq!(zigzag(1), 2);
    }

    #[test]
    fn varint_rejects_overflow_and_overlong() {
        // 2^32 does not fit a u32.
        let mut out = Vec::new();
        put_varint64(&mut out, 1 << 32);
        let err = Reader::new(&out, "tokens").varint().unwrap_err();
        assert!(
            err.to_string()
                .contains("tokens: integer 4294967296 out of range"),
            "{err}"
        );
        // Eleven continuation bytes.
        let err = Reader::new(&[0xff; 11], "tokens").varint64().unwrap_err();
        assert!(err.to_string().contains("overflows 64 bits"), "{err}");
    }

    #[test]
    fn short_reads_are_corrupt() {
        let mut r = Reader::new(&[0x80], "names");
        let err = r.varint().unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Corrupt { .. }));
        assert!(err.to_string().contains("(names ends early)"), "{err}");
        let mut r = Reader::new(&[1], "x");
        assert!(r.take(usize::MAX).is_err());
    }

    #[test]
    fn finish_reports_unread_bytes() {
        let r = Reader::new(&[1, 2, 3], "pool");
        assert!(r
            .finish()
            .unwrap_err()
            .to_string()
            .contains("pool: 3 unread bytes at the end"));
    }
}
