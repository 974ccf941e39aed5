//! List ingest: the hand-written fixtures in tests/data/lists (official layouts), the malformed
//! files in tests/data/bad, and (when present) the real lists.
#![cfg(feature = "ingest")]

use std::path::{Path, PathBuf};
use std::time::Instant;

use sanctions_screen::ingest::{self, load_all, load_dir, AsOf};
use sanctions_screen::{
    DateSpec, Entry, EntryKind, Gender, IdKind, Identifier, ListId, ListInfo, Name, NameKind,
};

fn data(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(sub)
}

fn load_fixtures() -> (Vec<Entry>, Vec<ListInfo>) {
    load_all(&data("lists"), &AsOf::new(), &mut |_, _, _| {}).expect("fixtures load")
}

fn entry<'a>(entries: &'a [Entry], list: ListId, id: &str) -> &'a Entry {
    entries
        .iter()
        .find(|e| e.list == list && e.id == id)
        .unwrap_or_else(|| panic!("{list} {id} not found"))
}

fn names(e: &Entry) -> Vec<(&str, NameKind)> {
    e.names.iter().map(|n| (n.text.as_str(), n.kind)).collect()
}

fn ident(kind: IdKind, value: &str, detail: Option<&str>) -> Identifier {
    Identifier {
        kind,
        value: value.to_string(),
        detail: detail.map(str::to_string),
    }
}

fn error_of(dir: &Path) -> String {
    match load_all(dir, &AsOf::new(), &mut |_, _, _| {}) {
        Ok(_) => panic!("{} should not load", dir.display()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn fixture_lists_counts_order_and_dates() {
    let (entries, lists) = load_fixtures();
    let ids: Vec<String> = entries
        .iter()
        .map(|e| format!("{}:{}", e.list, e.id))
        .collect();
    assert_eq!(
        ids,
        [
            "OFAC-SDN:49970",
            "OFAC-SDN:54764",
            "OFAC-SDN:43379",
            "OFAC-SDN:55062",
            "OFAC-SDN:57056",
            "OFAC-SDN:9001",
            "OFAC-SDN:9002",
            "OFAC-SDN:9003",
            "OFAC-SDN:9004",
            "OFAC-SDN:9005",
            "OFAC-SDN:9006",
            "OFAC-SDN:9007",
            "OFAC-CONS:9639",
            "OFAC-CONS:30001",
            "OFAC-CONS:30002",
            "UN:KPi.066",
            "UN:IQi.001",
            "UN:QDi.999",
            "UN:KPe.001",
        ]
    );
    assert_eq!(lists.len(), 3);
    let count = |l: ListId| {
        entries
            .iter()
            .filter(|e| e.list == l)
            .map(|e| e.names.len() as u32)
            .sum::<u32>()
    };
    for (info, (list, n)) in lists.iter().zip([
        (ListId::OfacSdn, 12),
        (ListId::OfacCons, 3),
        (ListId::Un, 4),
    ]) {
        assert_eq!(info.list, list);
        assert_eq!(info.entries, n);
        assert_eq!(info.names, count(list));
    }
    // OFAC legacy CSV has no date inside: the file modification time stands in, and says so.
    for info in &lists[..2] {
        assert_eq!(
            info.date_source,
            "file modification time (pass --as-of for the publication date)"
        );
        assert_eq!(info.date.len(), 10);
        assert!(info.date.as_str() > "2020-01-01", "{}", info.date);
    }
    assert_eq!(lists[2].date, "2026-02-27");
    assert_eq!(lists[2].date_source, "dateGenerated attribute");
}

#[test]
fn as_of_overrides_the_list_date() {
    let as_of: AsOf = vec![
        (ListId::OfacSdn, "2026-08-20".into()),
        (ListId::Un, "2026-03-01".into()),
    ];
    let (_, lists) = load_all(&data("lists"), &as_of, &mut |_, _, _| {}).expect("loads");
    assert_eq!(
        (lists[0].date.as_str(), lists[0].date_source.as_str()),
        ("2026-08-20", "--as-of")
    );
    assert_eq!(
        lists[1].date_source,
        "file modification time (pass --as-of for the publication date)"
    );
    assert_eq!(
        (lists[2].date.as_str(), lists[2].date_source.as_str()),
        ("2026-03-01", "--as-of")
    );

    let bad: AsOf = vec![(ListId::OfacSdn, "20/08/2026".into())];
    let err = load_all(&data("lists"), &bad, &mut |_, _, _| {})
        .expect_err("bad date")
        .to_string();
    assert_eq!(
        err,
        "--as-of OFAC-SDN=20/08/2026: not a date in YYYY-MM-DD form; pass e.g. --as-of OFAC-SDN=2026-08-20"
    );
}

#[test]
fn ofac_individual_with_dob_nationality_email_gender() {
    let (entries, _) = load_fixtures();
    let e = entry(&entries, ListId::OfacSdn, "49970");
    assert_eq!(e.kind, EntryKind::Individual);
    assert_eq!(e.primary_name(), "SONG, Kum Hyok");
    assert_eq!(names(e), vec![("SONG, Kum Hyok", NameKind::Primary)]);
    assert_eq!(e.programs, vec!["CYBER4"]);
    assert_eq!(
        e.dobs,
        vec![DateSpec::Day {
            y: 1987,
            m: 8,
            d: 30
        }]
    );
    assert_eq!(e.nationalities, vec!["KP"]);
    assert_eq!(e.address_countries, vec!["CN"]);
    assert_eq!(e.gender, Some(Gender::Male));
    assert_eq!(
        e.identifiers,
        vec![ident(IdKind::Email, "wangge327@yahoo.com", None)]
    );
}

#[test]
fn ofac_entity_with_strong_aliases_links_and_addresses() {
    let (entries, _) = load_fixtures();
    let e = entry(&entries, ListId::OfacSdn, "54764");
    assert_eq!(e.kind, EntryKind::Entity);
    assert_eq!(
        names(e),
        vec![
            ("KOREA SOBAEKSU TRADING CORPORATION", NameKind::Primary),
            ("KOREA SOBAEKSU UNITED CORPORATION", NameKind::Aka),
            ("SOBAEKSU UNITED CORP.", NameKind::Aka),
        ]
    );
    assert_eq!(e.linked_to, vec!["MUNITIONS INDUSTRY DEPARTMENT"]);
    assert_eq!(e.address_countries, vec!["KP", "CN"]);
    assert!(e.identifiers.is_empty() && e.dobs.is_empty() && e.gender.is_none());

    let e = entry(&entries, ListId::OfacSdn, "43379");
    assert_eq!(
        e.names[1],
        Name {
            text: "JINYONG IT COOPERATION COMPANY".into(),
            kind: NameKind::Aka
        }
    );
}

#[test]
fn ofac_weak_alias_and_wallets() {
    let (entries, _) = load_fixtures();
    let e = entry(&entries, ListId::OfacSdn, "55062");
    assert_eq!(
        names(e),
        vec![
            (
                "SHENYANG GEUMPUNGRI NETWORK TECHNOLOGY CO., LTD",
                NameKind::Primary
            ),
            ("GUEMPUNGRI", NameKind::WeakAka)
        ]
    );
    assert_eq!(
        e.linked_to,
        vec!["CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY"]
    );

    let e = entry(&entries, ListId::OfacSdn, "57056");
    assert_eq!(
        e.identifiers,
        vec![
            ident(
                IdKind::Wallet,
                "0xcB74874f1e06Fcf80A306e06e5379A44B488bA2D",
                Some("ETH")
            ),
            ident(
                IdKind::Wallet,
                "0x0330070FD38Ec3bB94F58FA55D40368271E9e54A",
                Some("ETH")
            ),
            ident(
                IdKind::Wallet,
                "TNrX2FwrHKoo4XACGkmSzqeK4pdnKYn6Z7",
                Some("TRX")
            ),
        ]
    );
}

#[test]
fn ofac_latin1_names_dates_and_documents() {
    let (entries, _) = load_fixtures();
    let e = entry(&entries, ListId::OfacSdn, "9001");
    assert_eq!(
        names(e),
        vec![
            ("MUÑOZ GÓMEZ, José Ángel", NameKind::Primary),
            ("MUÑOZ, Pepe", NameKind::Aka)
        ]
    );
    assert_eq!(e.programs, vec!["SDNT"]);
    assert_eq!(
        e.dobs,
        vec![DateSpec::Year(1970), DateSpec::YearRange(1960, 1962)]
    );
    assert_eq!(e.pobs, vec!["Bogotá, Colombia"]);
    assert_eq!(e.nationalities, vec!["CO"]);
    assert_eq!(e.address_countries, vec!["CO"]);
    assert_eq!(
        e.identifiers,
        vec![
            ident(
                IdKind::NationalId,
                "12345678",
                Some("Cédula No. (Colombia)")
            ),
            ident(IdKind::Passport, "AB123456", Some("Colombia")),
        ]
    );
}

#[test]
fn ofac_vessel_aircraft_and_multi_program() {
    let (entries, _) = load_fixtures();
    let e = entry(&entries, ListId::OfacSdn, "9002");
    assert_eq!(e.kind, EntryKind::Vessel);
    assert_eq!(e.programs, vec!["IRAN", "SDGT"]);
    assert_eq!(
        e.identifiers,
        vec![
            ident(
                IdKind::NationalId,
                "IMO 9123456",
                Some("Vessel Registration Identification")
            ),
            ident(IdKind::NationalId, "123456789", Some("MMSI")),
        ]
    );
    assert_eq!(e.linked_to, vec!["NATIONAL IRANIAN TANKER COMPANY"]);

    let e = entry(&entries, ListId::OfacSdn, "9003");
    assert_eq!(e.kind, EntryKind::Aircraft);
    assert!(e.identifiers.is_empty(), "{:?}", e.identifiers);
}

#[test]
fn ofac_comment_continuation_and_quoted_escapes() {
    let (entries, _) = load_fixtures();
    let e = entry(&entries, ListId::OfacSdn, "9004");
    assert_eq!(
        names(e),
        vec![
            ("GOLDEN DRAGON TRADING LLC", NameKind::Primary),
            ("LLC \"GOLDEN DRAGON\"", NameKind::Aka),
            ("GOLDEN DRAGON", NameKind::WeakAka),
        ]
    );
    assert_eq!(
        e.identifiers,
        vec![
            ident(IdKind::Website, "www.golden-dragon.example", None),
            ident(IdKind::Phone, "+971 4 555 0100", None),
            ident(
                IdKind::NationalId,
                "100200300",
                Some("Tax ID No. (United Arab Emirates)")
            ),
        ]
    );
    // The address field holds a line break inside its quotes.
    assert_eq!(e.address_countries, vec!["AE"]);
}

#[test]
fn ofac_names_are_deduplicated_keeping_the_strongest_kind() {
    let (entries, _) = load_fixtures();
    let e = entry(&entries, ListId::OfacSdn, "9005");
    assert_eq!(
        names(e),
        vec![
            ("NEW HORIZON SHIPPING CO.", NameKind::Primary),
            ("OLD HORIZON SHIPPING CO.", NameKind::Fka),
            ("HORIZON MARITIME LTD", NameKind::Nka),
            ("NH; SHIPPING", NameKind::WeakAka),
            ("OLD HORIZON", NameKind::WeakAka),
        ]
    );
}

#[test]
fn ofac_female_month_dob_regions_and_unknown_countries() {
    let (entries, _) = load_fixtures();
    let e = entry(&entries, ListId::OfacSdn, "9006");
    assert_eq!(e.dobs, vec![DateSpec::Month { y: 1975, m: 3 }]);
    assert_eq!(e.nationalities, vec!["RU", "UA"]);
    assert_eq!(e.gender, Some(Gender::Female));
    assert_eq!(e.address_countries, vec!["UA", "RU"]);
    assert_eq!(
        e.identifiers,
        vec![
            ident(
                IdKind::NationalId,
                "1234567890",
                Some("National ID No. (Russia)")
            ),
            ident(IdKind::Phone, "+7 495 555 0100", None),
        ]
    );

    let e = entry(&entries, ListId::OfacSdn, "9007");
    assert_eq!(e.kind, EntryKind::Entity);
    assert_eq!(names(e), vec![("CASA DE CUBA", NameKind::Primary)]);
    assert_eq!(e.address_countries, vec!["CU", "Atlantis"]);
}

#[test]
fn ofac_consolidated_list() {
    let (entries, _) = load_fixtures();
    let e = entry(&entries, ListId::OfacCons, "9639");
    assert_eq!(e.kind, EntryKind::Individual);
    assert_eq!(e.dobs, vec![DateSpec::Year(1962)]);
    assert_eq!(e.pobs, vec!["Shati"]);
    assert_eq!(e.address_countries, vec!["PS"]);

    let e = entry(&entries, ListId::OfacCons, "30001");
    assert_eq!(e.programs, vec!["SSI", "NS-MBS"]);
    assert_eq!(
        e.identifiers,
        vec![
            ident(IdKind::Website, "www.aerotrade.example", None),
            ident(IdKind::Email, "info@aerotrade.example", None),
            ident(
                IdKind::NationalId,
                "12345",
                Some("Registration Number (United Arab Emirates)")
            ),
        ]
    );
    assert_eq!(e.address_countries, vec!["AE"]);

    let e = entry(&entries, ListId::OfacCons, "30002");
    assert_eq!(
        names(e),
        vec![
            ("ÉCLAIR HOLDINGS S.A.", NameKind::Primary),
            ("ECLAIR HOLDINGS", NameKind::Aka),
            ("ECLAIR", NameKind::WeakAka),
        ]
    );
}

#[test]
fn orphan_rows_are_counted_and_skipped() {
    let report = load_dir(&data("lists"), &AsOf::new(), &mut |_, _, _| {}).expect("loads");
    let skipped: Vec<(String, u64)> = report
        .skipped
        .iter()
        .map(|s| {
            assert_eq!(s.reason, "uid not on the primary file");
            let file = Path::new(&s.file)
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            (file, s.rows)
        })
        .collect();
    assert_eq!(
        skipped,
        vec![
            ("sdn_comments.csv".to_string(), 1),
            ("alt.csv".to_string(), 1),
            ("add.csv".to_string(), 1)
        ]
    );
}

#[test]
fn un_individuals() {
    let (entries, _) = load_fixtures();
    let e = entry(&entries, ListId::Un, "KPi.066");
    assert_eq!(e.kind, EntryKind::Individual);
    assert_eq!(
        names(e),
        vec![
            ("KIM JONG SIK", NameKind::Primary),
            ("Kim Cho’ng-sik", NameKind::Aka)
        ]
    );
    assert_eq!(e.programs, vec!["DPRK"]);
    assert_eq!(e.dobs, vec![DateSpec::YearRange(1967, 1969)]);
    assert_eq!(e.nationalities, vec!["KP"]);
    assert_eq!(e.address_countries, vec!["KP"]);
    assert!(e.pobs.is_empty() && e.identifiers.is_empty() && e.gender.is_none());

    let e = entry(&entries, ListId::Un, "IQi.001");
    assert_eq!(
        names(e),
        vec![
            ("SADDAM HUSSEIN AL- TIKRITI", NameKind::Primary),
            ("صدام حسين التكريتي", NameKind::OriginalScript),
            ("Abu Ali", NameKind::WeakAka),
        ]
    );
    assert_eq!(e.gender, Some(Gender::Male));
    assert_eq!(
        e.dobs,
        vec![DateSpec::Day {
            y: 1937,
            m: 4,
            d: 28
        }]
    );
    assert_eq!(e.pobs, vec!["al-Awja, near Tikrit, Iraq"]);
    assert_eq!(e.nationalities, vec!["IQ"]);
    assert_eq!(
        e.identifiers,
        vec![ident(IdKind::Passport, "12345", Some("Iraq"))]
    );

    let e = entry(&entries, ListId::Un, "QDi.999");
    assert_eq!(
        names(e),
        vec![
            ("ANNA TEST & SAMPLE", NameKind::Primary),
            ("Анна Тест", NameKind::OriginalScript)
        ]
    );
    assert_eq!(e.gender, Some(Gender::Female));
    assert_eq!(e.nationalities, vec!["IR", "former Soviet Union"]);
    assert_eq!(e.address_countries, vec!["IR"]);
    assert_eq!(
        e.dobs,
        vec![
            DateSpec::Year(1970),
            DateSpec::Year(1972),
            DateSpec::Month { y: 1973, m: 11 }
        ]
    );
    assert_eq!(
        e.identifiers,
        vec![ident(
            IdKind::NationalId,
            "57388",
            Some("Afghan national identification card (tazkira) number (Afghanistan)")
        )]
    );
}

#[test]
fn un_entity() {
    let (entries, _) = load_fixtures();
    let e = entry(&entries, ListId::Un, "KPe.001");
    assert_eq!(e.kind, EntryKind::Entity);
    assert_eq!(
        names(e),
        vec![
            (
                "KOREA MINING DEVELOPMENT TRADING CORPORATION",
                NameKind::Primary
            ),
            ("KOMID", NameKind::Aka),
            ("CHANGGWANG SINYONG CORPORATION", NameKind::Fka),
        ]
    );
    assert_eq!(e.address_countries, vec!["KP", "IR"]);
}

#[test]
fn progress_is_reported_per_list() {
    let mut calls: Vec<(String, u64, u64)> = Vec::new();
    load_all(&data("lists"), &AsOf::new(), &mut |l, d, t| {
        calls.push((l.to_string(), d, t))
    })
    .expect("loads");
    for (list, n) in [("OFAC-SDN", 12), ("OFAC-CONS", 3), ("UN", 4)] {
        let mine: Vec<_> = calls
            .iter()
            .filter(|c| c.0 == list)
            .map(|c| (c.1, c.2))
            .collect();
        assert_eq!(mine.first(), Some(&(0, n)), "{list}");
        assert_eq!(mine.last(), Some(&(n, n)), "{list}");
    }
}

/// A scratch directory under the system temp dir, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!(
            "sanctions-screen-ingest-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create scratch dir");
        Scratch(dir)
    }

    fn copy(&self, from: &str, to: &str) {
        let to = self.0.join(to);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("create dir");
        std::fs::copy(data(from), to).expect("copy fixture");
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn a_missing_list_folder_is_skipped() {
    let dir = Scratch::new("un-only");
    dir.copy("lists/un/consolidated.xml", "un/consolidated.xml");
    let (entries, lists) = load_all(&dir.0, &AsOf::new(), &mut |_, _, _| {}).expect("loads");
    assert_eq!(
        lists.iter().map(|l| l.list).collect::<Vec<_>>(),
        vec![ListId::Un]
    );
    assert_eq!(entries.len(), 4);
}

#[test]
fn file_names_match_case_insensitively() {
    // OFAC serves SDN.CSV, ALT.CSV, ...
    let dir = Scratch::new("upper-case");
    for f in ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"] {
        dir.copy(
            &format!("lists/ofac-sdn/{f}"),
            &format!("ofac-sdn/{}", f.to_uppercase()),
        );
    }
    let (entries, lists) = load_all(&dir.0, &AsOf::new(), &mut |_, _, _| {}).expect("loads");
    assert_eq!(lists.len(), 1);
    assert_eq!(entries, load_fixtures().0[..12].to_vec());
}

#[test]
fn errors_name_the_file_line_and_what_to_do() {
    let bad = |sub: &str| error_of(&data(&format!("bad/{sub}")));
    let sdn = |sub: &str, line: u32| {
        format!(
            "{}:{line}: ",
            data(&format!("bad/{sub}/ofac-sdn/sdn.csv")).display()
        )
    };

    let err = bad("unclosed-quote");
    assert!(err.starts_with(&sdn("unclosed-quote", 2)), "{err}");
    assert!(
        err.contains("bad quoting") && err.contains("download it again"),
        "{err}"
    );

    let err = bad("columns");
    assert_eq!(
        err,
        format!(
            "{}expected 12 columns (uid, name, type, programs, title, call sign, vessel type, tonnage, GRT, \
             vessel flag, vessel owner, remarks) but found 11; this is not an OFAC legacy CSV file in the \
             official layout, or it is damaged — download it again",
            sdn("columns", 3)
        )
    );

    let err = bad("uid");
    assert_eq!(
        err,
        format!(
            "{}uid 'ent_num' is not a number (the first column must be the numeric OFAC uid); check that \
             this is an OFAC legacy CSV file without a header row",
            sdn("uid", 1)
        )
    );

    let err = bad("entry-type");
    assert!(err.starts_with(&sdn("entry-type", 2)), "{err}");
    assert!(err.contains("unknown type 'spaceship'"), "{err}");

    let err = bad("alias-type");
    let alt = data("bad/alias-type/ofac-sdn/alt.csv");
    assert!(
        err.starts_with(&format!("{}:1: unknown alias type 'xyz'", alt.display())),
        "{err}"
    );

    let err = bad("missing-files");
    assert!(
        err.contains("the OFAC-SDN list folder lacks alt.csv, add.csv, sdn_comments.csv"),
        "{err}"
    );
    assert!(err.contains("remove the folder to skip this list"), "{err}");

    let xml = |sub: &str| {
        data(&format!("bad/{sub}/un/consolidated.xml"))
            .display()
            .to_string()
    };
    let err = bad("truncated-xml");
    assert!(err.starts_with(&xml("truncated-xml")), "{err}");
    assert!(err.contains("it is truncated"), "{err}");
    assert!(
        err.contains("https://scsanctions.un.org/resources/xml/en/consolidated.xml"),
        "{err}"
    );

    let err = bad("invalid-xml");
    assert!(
        err.starts_with(&format!("{}:7: invalid XML", xml("invalid-xml"))),
        "{err}"
    );

    let err = bad("wrong-root");
    assert!(
        err.starts_with(&format!(
            "{}:2: unexpected root element <html>",
            xml("wrong-root")
        )),
        "{err}"
    );

    let err = bad("no-reference");
    assert!(
        err.starts_with(&format!(
            "{}:4: <INDIVIDUAL> without a REFERENCE_NUMBER",
            xml("no-reference")
        )),
        "{err}"
    );
}

#[test]
fn no_list_at_all_is_an_error() {
    let dir = data("");
    let err = error_of(&dir);
    assert!(err.starts_with(&dir.display().to_string()), "{err}");
    assert!(
        err.contains("no sanctions list found in this directory"),
        "{err}"
    );
    assert!(
        err.contains("ofac-sdn/ (sdn.csv, alt.csv, add.csv, sdn_comments.csv)"),
        "{err}"
    );
    assert!(err.contains("pass --lists"), "{err}");

    let err = error_of(&data("does-not-exist"));
    assert!(err.contains("no such directory"), "{err}");
}

/// The real lists, at `$SANCTIONS_LISTS` or `../shared/lists`.
#[test]
fn real_lists() {
    let dir = std::env::var_os("SANCTIONS_LISTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/lists"));
    if !dir.join("ofac-sdn").is_dir() {
        println!(
            "skipping real_lists: no lists at {} (set SANCTIONS_LISTS)",
            dir.display()
        );
        return;
    }
    let start = Instant::now();
    let report = ingest::load_dir(&dir, &AsOf::new(), &mut |_, _, _| {}).expect("real lists load");
    println!(
        "loaded {} entries in {:?}",
        report.entries.len(),
        start.elapsed()
    );
    for l in &report.lists {
        println!(
            "{}: {} entries, {} names, {} ({})",
            l.list, l.entries, l.names, l.date, l.date_source
        );
    }
    for s in &report.skipped {
        println!("skipped {} rows of {} ({})", s.rows, s.file, s.reason);
    }
    let entries = &report.entries;
    let count = |l: ListId| entries.iter().filter(|e| e.list == l).count();
    assert_eq!(count(ListId::OfacSdn), 19_249);
    assert_eq!(count(ListId::OfacCons), 443);
    assert_eq!(count(ListId::Un), 1_003);
    let strong = entries
        .iter()
        .filter(|e| e.list == ListId::OfacSdn)
        .flat_map(|e| &e.names)
        .filter(|n| matches!(n.kind, NameKind::Aka | NameKind::Fka | NameKind::Nka))
        .count();
    // 20,194 alias rows, 4 of which repeat their entry's primary name.
    assert_eq!(strong, 20_190);

    let e = entry(entries, ListId::OfacSdn, "49970");
    assert_eq!(e.primary_name(), "SONG, Kum Hyok");
    assert_eq!(
        e.dobs,
        vec![DateSpec::Day {
            y: 1987,
            m: 8,
            d: 30
        }]
    );
    assert_eq!(e.nationalities, vec!["KP"]);
    assert!(e
        .identifiers
        .contains(&ident(IdKind::Email, "wangge327@yahoo.com", None)));

    let e = entry(entries, ListId::OfacSdn, "54764");
    assert_eq!(e.primary_name(), "KOREA SOBAEKSU TRADING CORPORATION");
    let akas: Vec<&str> = e
        .names
        .iter()
        .filter(|n| n.kind == NameKind::Aka)
        .map(|n| n.text.as_str())
        .collect();
    assert!(
        akas.contains(&"KOREA SOBAEKSU UNITED CORPORATION"),
        "{akas:?}"
    );
    assert!(akas.len() >= 3, "{akas:?}");

    let e = entry(entries, ListId::OfacSdn, "43379");
    assert!(e.names.contains(&Name {
        text: "JINYONG IT COOPERATION COMPANY".into(),
        kind: NameKind::Aka
    }));

    let e = entry(entries, ListId::OfacSdn, "55062");
    assert!(e.names.contains(&Name {
        text: "GUEMPUNGRI".into(),
        kind: NameKind::WeakAka
    }));

    let e = entry(entries, ListId::OfacSdn, "57056");
    let assets: Vec<&str> = e
        .identifiers
        .iter()
        .filter(|i| i.kind == IdKind::Wallet)
        .filter_map(|i| i.detail.as_deref())
        .collect();
    assert!(
        assets.contains(&"ETH") && assets.contains(&"TRX"),
        "{assets:?}"
    );

    let e = entry(entries, ListId::OfacSdn, "22985");
    let usdt = e
        .identifiers
        .iter()
        .filter(|i| i.kind == IdKind::Wallet && i.detail.as_deref() == Some("USDT"))
        .count();
    assert_eq!(usdt, 53);

    // Remarks that overflow into sdn_comments.csv are joined mid-word.
    let e = entry(entries, ListId::OfacSdn, "27307");
    assert!(e.names.contains(&Name {
        text: "WHOIS HACKING TEAM".into(),
        kind: NameKind::WeakAka
    }));

    let e = entry(entries, ListId::Un, "KPi.066");
    assert_eq!(e.primary_name(), "KIM JONG SIK");
    assert_eq!(e.dobs, vec![DateSpec::YearRange(1967, 1969)]);
    assert_eq!(e.nationalities, vec!["KP"]);
    assert!(e.names.iter().any(|n| n.kind == NameKind::Aka));
    // No DPRK record carries NAME_ORIGINAL_SCRIPT; the Iraq records do (Arabic).
    let e = entry(entries, ListId::Un, "IQi.001");
    assert!(
        e.names
            .iter()
            .any(|n| n.kind == NameKind::OriginalScript && n.text.contains("صدام")),
        "{:?}",
        e.names
    );

    // Every nationality the country table does not resolve, for the report.
    let mut unresolved: Vec<&str> = entries
        .iter()
        .flat_map(|e| e.nationalities.iter().chain(&e.address_countries))
        .map(String::as_str)
        .filter(|c| sanctions_screen::country::name_of(c).is_none())
        .collect();
    unresolved.sort_unstable();
    unresolved.dedup();
    println!("unresolved countries: {unresolved:?}");
    assert!(unresolved.len() <= 8, "{unresolved:?}");
}
