//! The bundle's CRC-32 (IEEE 802.3, as zlib and `crc32fast` compute it), sized for the browser.
//!
//! Natively this is `crc32fast`, which uses the CPU's carry-less multiply. On wasm32 `crc32fast`
//! runs its portable slice-by-16 loop over a 16 KB static table, and that table is random to a
//! compressor: it cost 16 KB of the widget's 250 KB gzip budget. [`SliceBy16`] runs the same
//! slice-by-16 loop over a table it computes once, on first use (4096 entries, well under a
//! millisecond), so the download carries a few hundred bytes of code instead. The tests check
//! it against `crc32fast` bit for bit.

/// The reflected CRC-32 polynomial (x^32 + x^26 + … + 1), low bit first.
const POLY: u32 = 0xEDB8_8320;

/// Running CRC-32 over several slices, like `crc32fast::Hasher`.
pub(crate) struct Hasher {
    #[cfg(target_arch = "wasm32")]
    inner: SliceBy16,
    #[cfg(not(target_arch = "wasm32"))]
    inner: crc32fast::Hasher,
}

impl Hasher {
    /// A hasher that has seen no bytes.
    pub(crate) fn new() -> Hasher {
        Hasher {
            #[cfg(target_arch = "wasm32")]
            inner: SliceBy16::new(),
            #[cfg(not(target_arch = "wasm32"))]
            inner: crc32fast::Hasher::new(),
        }
    }

    /// Adds `bytes` to the checksum.
    pub(crate) fn update(&mut self, bytes: &[u8]) {
        self.inner.update(bytes);
    }

    /// The CRC-32 of all bytes added.
    pub(crate) fn finalize(self) -> u32 {
        self.inner.finalize()
    }
}

/// The CRC-32 of `bytes`.
pub(crate) fn hash(bytes: &[u8]) -> u32 {
    let mut h = Hasher::new();
    h.update(bytes);
    h.finalize()
}

/// Slice-by-16 CRC-32 over tables computed at first use.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
struct SliceBy16 {
    /// The running value, kept inverted between calls as the algorithm wants it.
    state: u32,
}

/// `t[0]` is the byte-at-a-time table; `t[k][b]` advances `t[k - 1][b]` by one zero byte, so
/// sixteen lookups fold sixteen bytes at once.
type Tables = [[u32; 256]; 16];

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
impl SliceBy16 {
    fn new() -> SliceBy16 {
        SliceBy16 { state: !0 }
    }

    fn update(&mut self, bytes: &[u8]) {
        let t = tables();
        let mut crc = self.state;
        let mut blocks = bytes.chunks_exact(16);
        for b in &mut blocks {
            let lo = crc ^ u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            crc = t[15][(lo & 0xff) as usize]
                ^ t[14][((lo >> 8) & 0xff) as usize]
                ^ t[13][((lo >> 16) & 0xff) as usize]
                ^ t[12][(lo >> 24) as usize]
                ^ t[11][b[4] as usize]
                ^ t[10][b[5] as usize]
                ^ t[9][b[6] as usize]
                ^ t[8][b[7] as usize]
                ^ t[7][b[8] as usize]
                ^ t[6][b[9] as usize]
                ^ t[5][b[10] as usize]
                ^ t[4][b[11] as usize]
                ^ t[3][b[12] as usize]
                ^ t[2][b[13] as usize]
                ^ t[1][b[14] as usize]
                ^ t[0][b[15] as usize];
        }
        for &b in blocks.remainder() {
            crc = t[0][((crc ^ u32::from(b)) & 0xff) as usize] ^ (crc >> 8);
        }
        self.state = crc;
    }

    fn finalize(self) -> u32 {
        !self.state
    }
}

/// The tables, built on first use. They live in a zero-initialized static (no bytes in the
/// module), so the loop indexes them at fixed addresses, as it would a static table, rather
/// than through a pointer: V8's baseline tier runs the loop much as written.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn tables() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(build_tables)
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn build_tables() -> Tables {
    let mut t: Tables = [[0; 256]; 16];
    for (i, slot) in t[0].iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 == 1 { (c >> 1) ^ POLY } else { c >> 1 };
        }
        *slot = c;
    }
    for k in 1..16 {
        for i in 0..256 {
            let prev = t[k - 1][i];
            t[k][i] = (prev >> 8) ^ t[0][(prev & 0xff) as usize];
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice_by_16(parts: &[&[u8]]) -> u32 {
        let mut h = SliceBy16::new();
        for p in parts {
            h.update(p);
        }
        h.finalize()
    }

    #[test]
    fn check_value_of_the_standard() {
        // The CRC-32/ISO-HDLC check value.
        assert_eq!(slice_by_16(&[b"123456789"]), 0xCBF4_3926);
        assert_eq!(slice_by_16(&[]), 0);
        assert_eq!(hash(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn equals_crc32fast_for_every_length_and_split() {
        let data: Vec<u8> = (0..1000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        for len in 0..=data.len() {
            let bytes = &data[..len];
            assert_eq!(slice_by_16(&[bytes]), crc32fast::hash(bytes), "len {len}");
        }
        for cut in [0, 1, 15, 16, 17, 100, 999, 1000] {
            let (a, b) = data.split_at(cut);
            assert_eq!(slice_by_16(&[a, b]), crc32fast::hash(&data), "cut {cut}");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn equals_crc32fast_on_random_bytes(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..600),
            cut in 0usize..600,
        ) {
            let (a, b) = bytes.split_at(cut.min(bytes.len()));
            proptest::prop_assert_eq!(slice_by_16(&[a, b]), crc32fast::hash(&bytes));
            let mut h = Hasher::new();
            h.update(a);
            h.update(b);
            proptest::prop_assert_eq!(h.finalize(), crc32fast::hash(&bytes));
        }
    }
}
