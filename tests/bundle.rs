//! Public-API tests of the bundle format: round trip, determinism, and every error path.

use proptest::prelude::*;
use sanctions_screen::bundle::{
    self, BundleData, Meta, NormData, Profile, MAGIC, MIN_SUPPORTED, VERSION,
};
use sanctions_screen::{
    DateSpec, Entry, EntryKind, ErrorKind, Gender, IdKind, Identifier, ListId, ListInfo, Name,
    NameKind, Options, Query, Watchlist,
};

fn s(v: &str) -> String {
    v.to_string()
}

fn entry(list: ListId, id: &str, kind: EntryKind, names: &[(&str, NameKind)]) -> Entry {
    Entry {
        list,
        id: s(id),
        kind,
        names: names
            .iter()
            .map(|(t, k)| Name {
                text: s(t),
                kind: *k,
            })
            .collect(),
        programs: vec![],
        dobs: vec![],
        pobs: vec![],
        nationalities: vec![],
        address_countries: vec![],
        gender: None,
        identifiers: vec![],
        linked_to: vec![],
    }
}

/// Every field and every enum variant of the model, unicode text and empty vectors.
fn rich() -> BundleData {
    let mut song = entry(
        ListId::OfacSdn,
        "49970",
        EntryKind::Individual,
        &[
            ("SONG, Kum Hyok", NameKind::Primary),
            ("SONG, Kum-hyok", NameKind::WeakAka),
        ],
    );
    song.programs = vec![s("CYBER4"), s("DPRK3")];
    song.dobs = vec![
        DateSpec::Day {
            y: 1998,
            m: 3,
            d: 15,
        },
        DateSpec::Month { y: 1987, m: 8 },
    ];
    song.pobs = vec![s("Pyongyang, Korea, North")];
    song.nationalities = vec![s("KP")];
    song.address_countries = vec![s("RU"), s("KP")];
    song.gender = Some(Gender::Male);
    song.identifiers = vec![
        Identifier {
            kind: IdKind::Email,
            value: s("song@example.com"),
            detail: None,
        },
        Identifier {
            kind: IdKind::Passport,
            value: s("745420176"),
            detail: Some(s("KP")),
        },
    ];
    song.linked_to = vec![s("KOREA SOBAEKSU TRADING CORPORATION")];

    let mut chinyong = entry(
        ListId::OfacSdn,
        "43379",
        EntryKind::Entity,
        &[
            (
                "CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY",
                NameKind::Primary,
            ),
            ("JINYONG IT COOPERATION COMPANY", NameKind::Aka),
            ("OLD CHINYONG", NameKind::Fka),
            ("NEW CHINYONG", NameKind::Nka),
        ],
    );
    chinyong.programs = vec![s("DPRK3")];
    chinyong.identifiers = vec![
        Identifier {
            kind: IdKind::Website,
            value: s("www.example.kp"),
            detail: None,
        },
        Identifier {
            kind: IdKind::Phone,
            value: s("+850 2 123"),
            detail: None,
        },
        Identifier {
            kind: IdKind::Wallet,
            value: s("0x19aa5fe80d33a56d56c78e82ea5e50e5d80b4dff"),
            detail: Some(s("ETH")),
        },
        Identifier {
            kind: IdKind::NationalId,
            value: s("1234"),
            detail: Some(s("Registration Number")),
        },
    ];

    let mut vessel = entry(
        ListId::OfacCons,
        "007",
        EntryKind::Vessel,
        &[("ÖZGÜR Ş", NameKind::Primary)],
    );
    vessel.gender = Some(Gender::Female);
    vessel.dobs = vec![DateSpec::Year(1960), DateSpec::YearRange(1960, 1962)];
    let aircraft = entry(
        ListId::OfacCons,
        "0",
        EntryKind::Aircraft,
        &[("IL-76 «Кондор»", NameKind::Primary)],
    );
    let mut un = entry(
        ListId::Un,
        "KPi.066",
        EntryKind::Individual,
        &[
            ("Ri Jong Won", NameKind::Primary),
            ("리정원", NameKind::OriginalScript),
            ("عبد الله", NameKind::OriginalScript),
        ],
    );
    un.programs = vec![s("DPRK")];
    // Ids that are not canonical numbers, and a large one after a small one.
    let empty_names = entry(ListId::Un, "", EntryKind::Entity, &[]);
    let big = entry(
        ListId::OfacSdn,
        "4294967295",
        EntryKind::Entity,
        &[("", NameKind::Primary)],
    );
    let small = entry(
        ListId::OfacSdn,
        "1",
        EntryKind::Entity,
        &[("X", NameKind::Primary)],
    );

    let entries = vec![
        song,
        chinyong,
        vessel,
        aircraft,
        un,
        empty_names,
        big,
        small,
    ];
    let names: usize = entries.iter().map(|e| e.names.len()).sum();
    // Tokens: vocab sorted and unique; one count per name; ids inside the vocab.
    let vocab: Vec<String> = [
        "company",
        "cooperation",
        "hyok",
        "kum",
        "song",
        "é",
        "ê",
        "리정원",
    ]
    .iter()
    .map(|t| s(t))
    .collect();
    let vocab_class = vec![1, 0, 0, 0, 0, 4, 3, 2];
    let mut name_lens = vec![3, 3];
    name_lens.resize(names, 0);
    name_lens[2] = 2;
    let name_tokens = vec![4, 3, 2, 4, 3, 2, 1, 0];
    BundleData {
        meta: Meta {
            built_at: s("2026-08-20T00:00:00Z"),
            tool_version: s("0.1.0"),
            normalizer_version: sanctions_screen::normalize::NORMALIZER_VERSION,
            lists: vec![
                ListInfo {
                    list: ListId::OfacSdn,
                    date: s("2026-08-20"),
                    date_source: s("--as-of"),
                    entries: 4,
                    names: 8,
                },
                ListInfo {
                    list: ListId::OfacCons,
                    date: s("2025-01-10"),
                    date_source: s("file"),
                    entries: 2,
                    names: 2,
                },
                ListInfo {
                    list: ListId::Un,
                    date: s("2026-02-27"),
                    date_source: s("dateGenerated attribute"),
                    entries: 2,
                    names: 3,
                },
            ],
            profile: s("full"),
        },
        entries,
        norm: NormData {
            vocab,
            vocab_class,
            name_lens,
            name_tokens,
        },
    }
}

fn empty() -> BundleData {
    BundleData {
        meta: Meta {
            built_at: s(""),
            tool_version: s(""),
            normalizer_version: 0,
            lists: vec![],
            profile: s(""),
        },
        entries: vec![],
        norm: NormData::default(),
    }
}

fn kind(bytes: &[u8]) -> ErrorKind {
    bundle::read(bytes).unwrap_err().kind().clone()
}

fn message(bytes: &[u8]) -> String {
    bundle::read(bytes).unwrap_err().to_string()
}

/// Rewrites the header CRC and the file CRC after an edit, so that only the edit is wrong.
fn reseal(file: &mut [u8]) {
    let h = crc32fast::hash(&file[..16]);
    file[16..20].copy_from_slice(&h.to_le_bytes());
    let n = file.len();
    let c = crc32fast::hash(&file[..n - 4]);
    file[n - 4..].copy_from_slice(&c.to_le_bytes());
}

fn meta_len(file: &[u8]) -> usize {
    u32::from_le_bytes(file[20..24].try_into().unwrap()) as usize
}

/// Offset of the payload header (codec byte, raw length, compressed length).
fn payload_header(file: &[u8]) -> usize {
    24 + meta_len(file)
}

#[test]
fn rich_data_round_trips() {
    let data = rich();
    let file = bundle::write(&data);
    assert_eq!(bundle::read(&file).unwrap(), data);
}

/// `rich()`'s entries many times over (more than one decoding checkpoint), with fresh ids.
fn many() -> BundleData {
    let base = rich();
    let mut entries = Vec::new();
    for i in 0..23 {
        for e in &base.entries {
            let mut e = e.clone();
            e.id = match e.id.parse::<u32>() {
                Ok(n) => (u64::from(n) + 1000 * i).to_string(),
                Err(_) => format!("{}.{i}", e.id),
            };
            entries.push(e);
        }
    }
    Watchlist::build_bundle(entries, base.meta.lists, "2026-01-01T00:00:00Z".into())
}

#[test]
fn a_loaded_bundle_decodes_each_entry_when_asked() {
    let data = many();
    let file = bundle::write(&data);
    let wl = Watchlist::from_bytes(&file).unwrap();
    assert_eq!(wl.len(), data.entries.len());
    assert_eq!(wl.info().names, data.norm.name_lens.len());
    // Backwards, so that each entry is decoded alone, from the checkpoint before it.
    for i in (0..data.entries.len()).rev() {
        assert_eq!(wl.entry(i), Some(&data.entries[i]), "entry {i}");
    }
    assert_eq!(wl.entry(data.entries.len()), None);
    assert_eq!(wl.entries(), &data.entries[..]);
    assert_eq!(wl.data(), &data);
    // And all at once, first.
    let wl = Watchlist::from_bytes(&file).unwrap();
    assert_eq!(wl.entries(), &data.entries[..]);
    assert_eq!(wl.entry(5), Some(&data.entries[5]));
}

#[test]
fn a_loaded_bundle_screens_like_its_decoded_data() {
    let data = many();
    let file = bundle::write(&data);
    let lazy = Watchlist::from_bytes(&file).unwrap();
    let eager = Watchlist::from_data(bundle::read(&file).unwrap()).unwrap();
    let opts = Options::default().review_threshold(0.5).limit(100);
    let mut matched = 0;
    for q in [
        Query::new("Song Kum Hyok"),
        Query::new("Kum-hyok Song").dob("1998-03-15").country("KP"),
        Query::new("").email("wangge327@yahoo.com"),
        Query::new("Korea Sobaeksu Trading"),
        Query::new("Sobaeksu"),
    ] {
        let a = lazy.screen(&q, &opts).unwrap();
        assert_eq!(a, eager.screen(&q, &opts).unwrap(), "{q:?}");
        matched += a.matches.len();
    }
    assert!(matched > 20, "{matched}");
}

#[test]
fn empty_data_round_trips() {
    let data = empty();
    assert_eq!(bundle::read(&bundle::write(&data)).unwrap(), data);
}

#[test]
fn screening_profile_drops_document_numbers_only() {
    let full = rich();
    let kinds = |d: &BundleData| -> Vec<IdKind> {
        d.entries
            .iter()
            .flat_map(|e| e.identifiers.iter().map(|i| i.kind))
            .collect()
    };
    assert!(kinds(&full).contains(&IdKind::Passport));
    assert!(kinds(&full).contains(&IdKind::NationalId));
    let mut screening = full.clone();
    bundle::apply_profile(&mut screening, Profile::Screening);
    assert_eq!(screening.meta.profile, "screening");
    let file = bundle::write(&screening);
    assert_eq!(
        bundle::read_header(&file).unwrap().meta.profile,
        "screening"
    );
    let back = bundle::read(&file).unwrap();
    assert_eq!(back, screening);
    // Exactly the passport and national-ID identifiers are gone; everything else is equal.
    let mut expected = full.clone();
    for e in &mut expected.entries {
        e.identifiers
            .retain(|i| i.kind != IdKind::Passport && i.kind != IdKind::NationalId);
    }
    expected.meta.profile = "screening".into();
    assert_eq!(back, expected);
    assert!(kinds(&back).len() < kinds(&full).len());
    assert!(!kinds(&back).is_empty());
    assert!(bundle::raw_payload(&screening).len() < bundle::raw_payload(&full).len());
    // The browser's bundle is stored, to be sent compressed by HTTP; the others are deflated.
    let h = bundle::read_header(&file).unwrap();
    assert_eq!((h.codec, h.compressed_bytes), ("stored", h.raw_bytes));
    assert_eq!(h.raw_bytes, bundle::raw_payload(&screening).len());
    assert_eq!(bundle::write(&screening), file);
    assert_ne!(
        bundle::read_header(&bundle::write(&full)).unwrap().codec,
        "stored"
    );
    // Full keeps everything.
    let mut same = full.clone();
    same.meta.profile = String::new();
    bundle::apply_profile(&mut same, Profile::Full);
    assert_eq!(same, full);
    // Names for the CLI flag.
    for p in Profile::ALL {
        assert_eq!(p.name().parse::<Profile>(), Ok(p));
    }
    assert_eq!(
        "browser".parse::<Profile>().unwrap_err(),
        "unknown bundle profile \"browser\": use `full` or `screening`"
    );
}

#[test]
fn writing_is_deterministic() {
    assert_eq!(bundle::write(&rich()), bundle::write(&rich()));
}

#[test]
fn header_reports_meta_and_sizes_without_decoding() {
    let data = rich();
    let file = bundle::write(&data);
    let h = bundle::read_header(&file).unwrap();
    assert_eq!(h.version, VERSION);
    assert_eq!(h.meta, data.meta);
    assert_eq!(h.file_bytes, file.len());
    assert_eq!(h.codec, "deflate");
    assert_eq!(h.raw_bytes, bundle::raw_payload(&data).len());
    assert_eq!(
        h.checksum,
        u32::from_le_bytes(file[file.len() - 4..].try_into().unwrap())
    );
    let ph = payload_header(&file);
    assert_eq!(h.compressed_bytes, file.len() - ph - 9 - 4);

    // The header is readable even when the payload does not inflate.
    let mut broken = file.clone();
    for b in &mut broken[ph + 9..file.len() - 4] {
        *b = 0xff;
    }
    reseal(&mut broken);
    assert_eq!(bundle::read_header(&broken).unwrap().meta, data.meta);
    assert!(matches!(kind(&broken), ErrorKind::Corrupt { .. }));
}

#[test]
fn payload_columns_concatenate_to_the_payload() {
    let data = rich();
    let cols = bundle::payload_columns(&data);
    assert!(cols
        .iter()
        .any(|(name, bytes)| *name == "vocab text" && bytes.starts_with(b"company")));
    let total: usize = cols.iter().map(|(_, b)| b.len()).sum();
    assert!(bundle::raw_payload(&data).len() > total);
}

#[test]
fn empty_input_is_truncated() {
    assert_eq!(kind(&[]), ErrorKind::Truncated { what: "header" });
    assert_eq!(
        message(&[]),
        "bundle is truncated (it ends inside the header): the download or copy was cut short; fetch it again or \
         rebuild it with `sanctions-screen build` (or `make demo`) and load the new file"
    );
    assert_eq!(
        bundle::read_header(b"SSCR").unwrap_err().kind(),
        &ErrorKind::Truncated { what: "header" }
    );
}

#[test]
fn zeroed_header_is_bad_magic() {
    let mut file = bundle::write(&rich());
    file[..20].fill(0);
    assert_eq!(kind(&file), ErrorKind::BadMagic);
    assert!(message(&file).starts_with(
        "not a sanctions-screen bundle (bad magic bytes): check the bundle path or URL"
    ));
    assert_eq!(kind(b"<!doctype html>"), ErrorKind::BadMagic);
    assert_eq!(kind(&[0x1f, 0x8b]), ErrorKind::BadMagic, "a gzip file");
}

fn with_version(v: u32) -> Vec<u8> {
    let mut file = bundle::write(&rich());
    file[8..12].copy_from_slice(&v.to_le_bytes());
    reseal(&mut file);
    file
}

#[test]
fn version_zero_and_future_versions_are_rejected() {
    // Format 2 changed the name layout; format 1 files are rebuilt, not read.
    assert_eq!(MIN_SUPPORTED, VERSION);
    for got in [0, 1, VERSION + 1, u32::MAX] {
        let file = with_version(got);
        assert_eq!(
            kind(&file),
            ErrorKind::Version {
                expected: VERSION,
                got
            }
        );
        assert_eq!(
            bundle::read_header(&file).unwrap_err().kind(),
            &ErrorKind::Version {
                expected: VERSION,
                got
            }
        );
    }
    assert_eq!(
        message(&with_version(VERSION + 1)),
        format!(
            "bundle format version {} is not supported (this build reads up to version {VERSION}): rebuild it with \
             `sanctions-screen build` (or `make demo`) and load the new file with the same version of sanctions-screen",
            VERSION + 1
        )
    );
    // The version is checked before anything after it, even in a 12-byte file.
    let mut short = MAGIC.to_vec();
    short.extend_from_slice(&(VERSION + 1).to_le_bytes());
    assert_eq!(
        kind(&short),
        ErrorKind::Version {
            expected: VERSION,
            got: VERSION + 1
        }
    );
}

#[test]
fn truncation_names_the_section_it_cuts() {
    let file = bundle::write(&rich());
    let ph = payload_header(&file);
    let n = file.len();
    let cases = [
        (0, "header"),
        (7, "header"),
        (11, "header"),
        (19, "header"),
        (20, "metadata"),
        (23, "metadata"),
        (24, "metadata"),
        (ph - 1, "metadata"),
        (ph, "payload header"),
        (ph + 8, "payload header"),
        (ph + 9, "payload"),
        (n - 5, "payload"),
        (n - 4, "checksum"),
        (n - 1, "checksum"),
    ];
    for (len, what) in cases {
        assert_eq!(
            kind(&file[..len]),
            ErrorKind::Truncated { what },
            "cut at {len}"
        );
    }
    assert_eq!(
        message(&file[..n - 1]),
        "bundle is truncated (it ends inside the checksum): the download or copy was cut short; fetch it again or \
         rebuild it with `sanctions-screen build` (or `make demo`) and load the new file"
    );
}

#[test]
fn truncation_at_every_length_is_an_error() {
    let file = bundle::write(&empty());
    for len in 0..file.len() {
        let err = bundle::read(&file[..len]).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::Truncated { .. }),
            "cut at {len}: {err}"
        );
        assert!(bundle::read_header(&file[..len]).is_err());
    }
    let file = bundle::write(&rich());
    for len in 0..file.len() {
        assert!(
            matches!(kind(&file[..len]), ErrorKind::Truncated { .. }),
            "cut at {len}"
        );
    }
}

#[test]
fn a_flipped_byte_anywhere_is_caught() {
    let file = bundle::write(&rich());
    for i in 0..file.len() {
        let mut bad = file.clone();
        bad[i] ^= 0x10;
        let err = bundle::read(&bad).unwrap_err();
        match i {
            0..=7 => assert_eq!(err.kind(), &ErrorKind::BadMagic, "byte {i}"),
            8..=11 => assert!(
                matches!(err.kind(), ErrorKind::Version { .. }),
                "byte {i}: {err}"
            ),
            _ => assert!(
                matches!(err.kind(), ErrorKind::ChecksumMismatch { .. }),
                "byte {i}: {err}"
            ),
        }
    }
    let mut bad = file.clone();
    let i = file.len() / 2;
    bad[i] ^= 1;
    let stored = u32::from_le_bytes(file[file.len() - 4..].try_into().unwrap());
    let got = crc32fast::hash(&bad[..bad.len() - 4]);
    assert_eq!(
        kind(&bad),
        ErrorKind::ChecksumMismatch {
            expected: stored,
            got
        }
    );
    assert_eq!(
        message(&bad),
        format!(
            "bundle checksum mismatch (stored {stored:08x}, computed {got:08x}): the file is damaged; fetch it again \
             or rebuild it with `sanctions-screen build` (or `make demo`) and load the new file"
        )
    );
}

#[test]
fn trailing_garbage_is_rejected() {
    let mut file = bundle::write(&rich());
    file.extend_from_slice(b"junk");
    assert_eq!(
        message(&file),
        "bundle content is corrupt (4 unexpected bytes after the end of the bundle): rebuild it with \
         `sanctions-screen build` (or `make demo`) and load the new file"
    );
}

#[test]
fn forged_huge_lengths_are_rejected_without_allocating() {
    let file = bundle::write(&rich());
    // File length.
    let mut bad = file.clone();
    bad[12..16].copy_from_slice(&u32::MAX.to_le_bytes());
    reseal(&mut bad);
    assert!(
        message(&bad).contains("the header declares 4294967295 bytes, more than the 64 MiB limit"),
        "{}",
        message(&bad)
    );
    // Inflated payload size.
    let ph = payload_header(&file);
    let mut bad = file.clone();
    bad[ph + 1..ph + 5].copy_from_slice(&u32::MAX.to_le_bytes());
    reseal(&mut bad);
    assert!(message(&bad).contains(
        "the payload declares 4294967295 bytes once inflated, more than the 64 MiB limit"
    ));
    // Metadata and compressed lengths that run past the end.
    for at in [20, ph + 5] {
        let mut bad = file.clone();
        bad[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        reseal(&mut bad);
        assert!(
            matches!(kind(&bad), ErrorKind::Corrupt { .. }),
            "length at {at}"
        );
        assert!(bundle::read_header(&bad).is_err());
    }
    // A smaller declared inflated size than the real one: the limit stops inflation.
    let mut bad = file.clone();
    bad[ph + 1..ph + 5].copy_from_slice(&10u32.to_le_bytes());
    reseal(&mut bad);
    assert!(
        message(&bad).contains("the payload does not inflate"),
        "{}",
        message(&bad)
    );
}

/// Builds a bundle by hand around a payload that passes the checksum but does not decode.
fn hand_made(codec: u8, raw: &[u8]) -> Vec<u8> {
    let compressed = miniz_oxide::deflate::compress_to_vec(raw, 6);
    framed(codec, raw.len() as u32, &compressed)
}

/// A valid frame around `payload`, declaring `raw_len` bytes once inflated.
fn framed(codec: u8, raw_len: u32, compressed: &[u8]) -> Vec<u8> {
    let mut meta = Vec::new();
    for _ in 0..2 {
        meta.extend_from_slice(&0u32.to_le_bytes()); // built_at, tool_version: empty
    }
    meta.extend_from_slice(&1u32.to_le_bytes()); // normalizer version
    meta.extend_from_slice(&0u32.to_le_bytes()); // no lists
    meta.extend_from_slice(&0u32.to_le_bytes()); // profile: empty
    let mut f = MAGIC.to_vec();
    f.extend_from_slice(&VERSION.to_le_bytes());
    let len = 20 + 4 + meta.len() + 9 + compressed.len() + 4;
    f.extend_from_slice(&(len as u32).to_le_bytes());
    f.extend_from_slice(&[0; 4]);
    f.extend_from_slice(&(meta.len() as u32).to_le_bytes());
    f.extend_from_slice(&meta);
    f.push(codec);
    f.extend_from_slice(&raw_len.to_le_bytes());
    f.extend_from_slice(&(compressed.len() as u32).to_le_bytes());
    f.extend_from_slice(compressed);
    f.extend_from_slice(&[0; 4]);
    reseal(&mut f);
    f
}

#[test]
fn checksummed_but_undecodable_payloads_are_corrupt() {
    // Valid frame, empty payload: the column table is missing.
    let f = hand_made(1, &[]);
    assert!(bundle::read_header(&f).is_ok());
    assert_eq!(
        message(&f),
        "bundle content is corrupt (payload ends early): rebuild it with `sanctions-screen build` (or `make demo`) \
         and load the new file"
    );
    // Unknown codec.
    assert!(message(&hand_made(7, &[])).contains("unknown payload codec 7"));
    // A stored payload must be as long as the header says; stored as it is, it decodes.
    let raw = bundle::raw_payload(&rich());
    let back = bundle::read(&framed(0, raw.len() as u32, &raw)).unwrap();
    assert_eq!((back.entries, back.norm), (rich().entries, rich().norm));
    let short = framed(0, raw.len() as u32 + 1, &raw);
    assert!(bundle::read_header(&short).is_err());
    assert_eq!(
        message(&short),
        format!(
            "bundle content is corrupt (the stored payload has {} bytes, but the header declares {}): \
             rebuild it with `sanctions-screen build` (or `make demo`) and load the new file",
            raw.len(),
            raw.len() + 1
        )
    );
    let cut = framed(0, raw.len() as u32 - 1, &raw[..raw.len() - 1]);
    assert!(message(&cut).contains("ends early"), "{}", message(&cut));
    // Counts say one entry, but every column is empty.
    let raw = payload_with(&[("counts", vec![1, 0, 0, 0, 0, 0, 0, 0, 0])]);
    assert!(
        message(&hand_made(1, &raw)).contains("(entry flags ends early)"),
        "{}",
        message(&hand_made(1, &raw))
    );
    // A string pool index out of range: one entry with one program, and an empty pool.
    let raw = payload_with(&[
        ("counts", vec![1, 0, 0, 0, 0, 0, 0, 0, 0]),
        ("entry flags", vec![0x40 | 1 << 2]), // SDN entity, numeric id
        ("numeric ids", vec![2]),             // id 1
        ("field counts", vec![0, 1, 0, 0, 0, 0, 0, 0]),
        ("programs", vec![5]),
    ]);
    assert!(message(&hand_made(1, &raw))
        .contains("programs: string pool index 5 is out of range (0 strings)"));
    // Leftover bytes in a column.
    let raw = payload_with(&[("counts", vec![0; 9]), ("programs", vec![9])]);
    assert!(
        message(&hand_made(1, &raw)).contains("programs: 1 unread bytes at the end"),
        "{}",
        message(&hand_made(1, &raw))
    );
    // Normalized tokens that do not fit the entries: one token count for zero names.
    let raw = payload_with(&[
        ("counts", vec![0, 0, 0, 0, 1, 0, 0, 0, 0]),
        ("name token counts", vec![0]),
    ]);
    assert!(message(&hand_made(1, &raw)).contains("normalized tokens: 1 token counts for 0 names"));
    // Counts that promise a token count, but none is stored.
    let raw = payload_with(&[("counts", vec![0, 0, 0, 0, 1, 0, 0, 0, 0])]);
    assert!(message(&hand_made(1, &raw))
        .contains("normalized tokens: 0 token counts stored, but the counts say 1"));
    // A tokenized name whose shape does not exist.
    let raw = payload_with(&[
        ("counts", vec![1, 0, 0, 0, 1, 0, 0, 0, 0]),
        ("entry flags", vec![0x40]),
        ("numeric ids", vec![2]),
        ("field counts", vec![1, 0, 0, 0, 0, 0, 0, 0]),
        ("name kinds", vec![0]),
        ("name modes", vec![1]),
        ("name shapes", vec![3]),
    ]);
    assert!(message(&hand_made(1, &raw)).contains("name shapes: shape 3 is out of range"));
    // An unknown name mode.
    let raw = payload_with(&[
        ("counts", vec![1, 0, 0, 0, 1, 0, 0, 0, 0]),
        ("entry flags", vec![0x40]),
        ("numeric ids", vec![2]),
        ("field counts", vec![1, 0, 0, 0, 0, 0, 0, 0]),
        ("name kinds", vec![0]),
        ("name modes", vec![7]),
    ]);
    assert!(message(&hand_made(1, &raw)).contains("name modes: unknown name mode 7"));
    // A shape that names a separator outside the table.
    let raw = payload_with(&[
        ("counts", vec![0, 0, 0, 0, 0, 0, 1, 1, 0]),
        ("separator lengths", vec![1]),
        ("separator text", b" ".to_vec()),
        ("shape lengths", vec![1]),
        ("shape separators", vec![4]),
    ]);
    assert!(message(&hand_made(1, &raw)).contains("shape separators: separator 4 is out of range"));
}

/// A codec-2 payload (each column deflated alone, or stored) with every column empty except the
/// given ones, which are stored raw; and its declared raw length.
fn columns_with(cols: &[(&str, Vec<u8>)]) -> (Vec<u8>, u32) {
    let raw = payload_with(cols);
    let names = bundle::payload_columns(&empty());
    let mut out = Vec::new();
    for (name, _) in names {
        let col = cols
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(&[][..], |(_, c)| c.as_slice());
        out.extend_from_slice(&[col.len() as u8, 0]);
        out.extend_from_slice(col);
    }
    (out, raw.len() as u32)
}

#[test]
fn columns_deflated_alone_are_checked() {
    // Large, varied data: deflating each column alone wins, and the file round-trips.
    let mut data = rich();
    let template = data.entries[0].clone();
    let mut x: u32 = 1;
    let mut next = |n: u32| {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (x >> 8) % n
    };
    for _ in 0..2000 {
        let mut e = template.clone();
        e.id = (100_000 + next(1 << 20)).to_string();
        e.dobs = vec![DateSpec::Day {
            y: 1900 + next(100) as u16,
            m: 1 + next(12) as u8,
            d: 1 + next(28) as u8,
        }];
        data.entries.push(e);
        let n = data.entries[0].names.len();
        let lens = data.norm.name_lens[..n].to_vec();
        let toks: usize = lens.iter().map(|&l| l as usize).sum();
        let first = data.norm.name_tokens[..toks].to_vec();
        data.norm.name_lens.extend(lens);
        data.norm.name_tokens.extend(first);
    }
    let file = bundle::write(&data);
    assert_eq!(bundle::read_header(&file).unwrap().codec, "deflate-columns");
    assert_eq!(bundle::read(&file).unwrap(), data);

    // Stored columns decode like deflated ones.
    let (payload, raw_len) = columns_with(&[("counts", vec![0; 9])]);
    assert_eq!(
        bundle::read(&framed(2, raw_len, &payload)).unwrap().entries,
        []
    );
    let (payload, raw_len) = columns_with(&[("counts", vec![0; 9]), ("programs", vec![9])]);
    assert!(message(&framed(2, raw_len, &payload)).contains("programs: 1 unread bytes at the end"));
    // Raw sizes that do not add up to the declared size, either way.
    let (payload, raw_len) = columns_with(&[("counts", vec![0; 9])]);
    assert!(message(&framed(2, raw_len + 1, &payload))
        .contains("the columns add up to 46 bytes, not the 47 bytes the header declares"));
    assert!(message(&framed(2, 5, &payload))
        .contains("column counts is larger than the 5 bytes the header declares"));
    // A deflated column that does not inflate, or inflates to another size.
    let mut bad = payload.clone();
    bad[1] = 3;
    bad.splice(2..2, [0xff, 0xff, 0xff]);
    assert!(message(&framed(2, raw_len, &bad)).contains("counts does not inflate"));
    let mut short = payload.clone();
    let z = miniz_oxide::deflate::compress_to_vec(&[0; 8], 6);
    short.splice(1..11, [z.len() as u8]);
    short.splice(2..2, z);
    assert!(
        message(&framed(2, raw_len, &short))
            .contains("counts inflates to 8 bytes, not the 9 bytes its header declares"),
        "{}",
        message(&framed(2, raw_len, &short))
    );
    // Columns missing, or bytes after the last.
    assert!(
        message(&framed(2, raw_len, &payload[..payload.len() - 2])).contains("payload ends early")
    );
    let mut long = payload.clone();
    long.push(0);
    assert!(message(&framed(2, raw_len, &long)).contains("payload: 1 unread bytes at the end"));
}

/// A payload with every column of the current layout empty, except the given ones.
fn payload_with(cols: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let names = bundle::payload_columns(&empty());
    for (n, _) in cols {
        assert!(names.iter().any(|(m, _)| m == n), "no column {n}");
    }
    let mut raw = Vec::new();
    for (name, _) in names {
        let col = cols
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(&[][..], |(_, c)| c.as_slice());
        raw.push(col.len() as u8);
        raw.extend_from_slice(col);
    }
    raw
}

#[test]
fn names_are_rebuilt_from_their_tokens() {
    let data = rich();
    let cols = bundle::payload_columns(&data);
    let col = |name: &str| cols.iter().find(|(n, _)| *n == name).unwrap().1.clone();
    // Names 0 and 1 ("SONG, Kum Hyok", "SONG, Kum-hyok") are rebuilt from their tokens; name 2
    // is stored as text.
    assert_eq!(&col("name modes")[..3], &[1, 1, 0]);
    assert!(!col("name text").starts_with(b"SONG"));
    // Tokens that do not spell the text are kept as they are.
    let mut other = data.clone();
    other.norm.name_tokens.swap(0, 1);
    assert_eq!(bundle::read(&bundle::write(&other)).unwrap(), other);
    // Token counts that do not add up: written, and rejected on read.
    let mut bad = data.clone();
    bad.norm.name_tokens.push(0);
    assert!(
        message(&bundle::write(&bad))
            .contains("normalized tokens: token counts add up to 8, but there are 9 tokens"),
        "{}",
        message(&bundle::write(&bad))
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = bundle::read(&bytes);
        let _ = bundle::read_header(&bytes);
        let mut framed = MAGIC.to_vec();
        framed.extend_from_slice(&VERSION.to_le_bytes());
        framed.extend_from_slice(&bytes);
        let _ = bundle::read(&framed);
    }

    #[test]
    fn mutated_bundles_never_panic(edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8), cut in any::<usize>()) {
        // A quarter of the cases mutate a stored (screening) bundle.
        let mut data = rich();
        if cut % 4 < 2 {
            bundle::apply_profile(&mut data, Profile::Screening);
        }
        let mut file = bundle::write(&data);
        for (at, b) in edits {
            let n = file.len();
            file[at % n] = b;
        }
        // Half of the cases get valid checksums, to reach the payload decoder.
        if cut % 2 == 0 {
            reseal(&mut file);
        }
        let _ = bundle::read_header(&file);
        let _ = bundle::read(&file);
        let n = file.len();
        let _ = bundle::read(&file[..cut % n]);
    }

    #[test]
    fn mutated_payloads_never_panic(edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..6), stored in any::<bool>()) {
        let mut raw = bundle::raw_payload(&rich());
        for (at, b) in edits {
            let n = raw.len();
            raw[at % n] = b;
        }
        let file = if stored { framed(0, raw.len() as u32, &raw) } else { hand_made(1, &raw) };
        let read = bundle::read(&file);
        // A bundle that loads reads, and each of its entries decodes alone as it reads.
        if let Ok(wl) = Watchlist::from_bytes(&file) {
            let data = read.expect("a bundle that loads reads");
            prop_assert_eq!(wl.len(), data.entries.len());
            for (i, e) in data.entries.iter().enumerate() {
                prop_assert_eq!(wl.entry(i), Some(e));
            }
        }
    }
}
