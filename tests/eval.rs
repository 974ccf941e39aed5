//! The evaluation harness through the public API, on a small hand-made watchlist.
#![cfg(feature = "cli")]

use std::collections::HashSet;

use sanctions_screen::eval::{self, negatives::name_key, EvalConfig, VariantKind};
use sanctions_screen::{DateSpec, Entry, EntryKind, ListId, Name, NameKind, Options, Watchlist};

fn entry(
    list: ListId,
    id: &str,
    kind: EntryKind,
    names: &[(&str, NameKind)],
    programs: &[&str],
    nat: &[&str],
    dob: Option<DateSpec>,
) -> Entry {
    Entry {
        list,
        id: id.into(),
        kind,
        names: names
            .iter()
            .map(|(t, k)| Name {
                text: t.to_string(),
                kind: *k,
            })
            .collect(),
        programs: programs.iter().map(|s| s.to_string()).collect(),
        dobs: dob.into_iter().collect(),
        pobs: vec![],
        nationalities: nat.iter().map(|s| s.to_string()).collect(),
        address_countries: vec![],
        gender: None,
        identifiers: vec![],
        linked_to: vec![],
    }
}

fn entries() -> Vec<Entry> {
    use EntryKind::{Entity, Individual};
    use ListId::{OfacSdn, Un};
    use NameKind::{Aka, OriginalScript, Primary, WeakAka};
    let day = |y, m, d| Some(DateSpec::Day { y, m, d });
    vec![
        entry(
            OfacSdn,
            "49970",
            Individual,
            &[("SONG, Kum Hyok", Primary)],
            &["CYBER4"],
            &["KP"],
            day(1998, 3, 15),
        ),
        entry(
            OfacSdn,
            "54764",
            Entity,
            &[("KOREA SOBAEKSU TRADING CORPORATION", Primary)],
            &["DPRK4"],
            &[],
            None,
        ),
        entry(
            OfacSdn,
            "43379",
            Entity,
            &[
                (
                    "CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY",
                    Primary,
                ),
                ("JINYONG IT COOPERATION COMPANY", Aka),
            ],
            &["DPRK2"],
            &[],
            None,
        ),
        entry(
            OfacSdn,
            "55062",
            Entity,
            &[("SHENYANG GEUMPUNGRI NETWORK TECHNOLOGY CO., LTD", Primary)],
            &["DPRK2"],
            &[],
            None,
        ),
        entry(
            OfacSdn,
            "12211",
            Individual,
            &[("KIM, Yong Chol", Primary), ("KIM, Yong-Chol", Aka)],
            &["DPRK"],
            &["KP"],
            Some(DateSpec::Year(1947)),
        ),
        entry(
            Un,
            "KPi.066",
            Individual,
            &[("RI HO NAM", Primary), ("Ri Ho Nam", WeakAka)],
            &["DPRK"],
            &["KP"],
            day(1967, 5, 3),
        ),
        entry(
            OfacSdn,
            "13091",
            Individual,
            &[("ZAYTSEV, Aleksey Alekseyevich", Primary)],
            &["TCO"],
            &["RU"],
            day(1965, 9, 7),
        ),
        entry(
            OfacSdn,
            "13088",
            Individual,
            &[("KHRISTOFOROV, Vasiliy Aleksandrovich", Primary)],
            &["TCO"],
            &["RU"],
            day(1972, 3, 12),
        ),
        entry(
            OfacSdn,
            "6365",
            Individual,
            &[
                ("AL-ZAWAHIRI, Ayman Muhammad bin Rabi", Primary),
                ("ABD AL-MUIZZ, Yusuf", Aka),
            ],
            &["SDGT"],
            &["EG"],
            day(1951, 6, 19),
        ),
        entry(
            Un,
            "QDi.006",
            Individual,
            &[
                ("Usama Muhammed Awad Bin Laden", Primary),
                ("أسامة بن لادن", OriginalScript),
            ],
            &["AQ"],
            &["SA"],
            day(1957, 3, 10),
        ),
        entry(
            OfacSdn,
            "9001",
            Entity,
            &[("VOLGA STROY LLC", Primary), ("OOO VOLGA STROY", Aka)],
            &["RUSSIA-EO14024"],
            &["RU"],
            None,
        ),
        entry(
            OfacSdn,
            "9003",
            Entity,
            &[("ORIENT SHIPPING LIMITED", Primary)],
            &["IRAN"],
            &[],
            None,
        ),
    ]
}

fn watchlist() -> Watchlist {
    let data = Watchlist::build_bundle(entries(), vec![], "2026-01-01T00:00:00Z".into());
    Watchlist::from_data(data).expect("fixture watchlist builds")
}

fn cfg() -> EvalConfig {
    EvalConfig {
        qualifier_sample: 20,
        ..EvalConfig::default().size(300)
    }
}

#[test]
fn same_seed_same_set_and_another_seed_another() {
    let e = entries();
    let a = eval::generate(&e, &cfg());
    let b = eval::generate(&e, &cfg());
    assert_eq!(a, b);
    let c = eval::generate(&e, &cfg().seed(99));
    assert_ne!(a.positives, c.positives);
    assert_ne!(a.negatives, c.negatives);
    assert_eq!(a.negatives.len(), 300);
    // A dozen names cannot fill every kind's quota: the short kinds are reported.
    assert!(a.positives.len() >= 150, "{}", a.positives.len());
    let short: usize = a.shortfalls.iter().map(|s| s.quota - s.generated).sum();
    assert_eq!(a.positives.len() + short, 300);
}

#[test]
fn variants_change_the_name_in_their_own_way() {
    let set = eval::generate(&entries(), &cfg());
    let strong: HashSet<String> = entries()
        .iter()
        .flat_map(|e| e.names.iter())
        .filter(|n| matches!(n.kind, NameKind::Primary | NameKind::Aka))
        .map(|n| n.text.clone())
        .collect();
    for kind in VariantKind::ALL {
        assert!(
            set.positives.iter().any(|p| p.kind == kind),
            "no {kind} positives"
        );
    }
    for p in &set.positives {
        assert!(
            strong.contains(&p.listed_name),
            "{p:?} is not from a strong Latin name"
        );
        if p.kind == VariantKind::Exact {
            assert_eq!(p.query, p.listed_name);
        } else {
            assert_ne!(p.query, p.listed_name, "{p:?}");
        }
        match p.kind {
            VariantKind::Typo => {
                let d = strsim::osa_distance(&p.query, &p.listed_name);
                assert!((1..=2).contains(&d), "{p:?}: distance {d}");
            }
            VariantKind::Homoglyph => {
                assert!(
                    p.query
                        .chars()
                        .any(|c| ('\u{0370}'..='\u{04FF}').contains(&c)),
                    "{p:?}"
                );
            }
            VariantKind::ZeroWidth => {
                assert!(
                    p.query.chars().any(|c| matches!(
                        c,
                        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
                    )),
                    "{p:?}"
                );
            }
            VariantKind::Cyrillic => {
                assert!(
                    p.query
                        .chars()
                        .filter(|c| c.is_alphabetic())
                        .all(|c| ('\u{0400}'..='\u{04FF}').contains(&c)),
                    "{p:?}"
                );
            }
            VariantKind::Korean => assert!(p.dprk, "{p:?}"),
            VariantKind::LegalForm => assert_eq!(p.entry_kind, EntryKind::Entity),
            VariantKind::Order | VariantKind::DropMiddle | VariantKind::Russian => {
                assert_eq!(p.entry_kind, EntryKind::Individual)
            }
            _ => {}
        }
    }
}

#[test]
fn negatives_never_read_as_listed_names() {
    let e = entries();
    let listed: HashSet<Vec<String>> = e
        .iter()
        .flat_map(|e| e.names.iter())
        .map(|n| name_key(&n.text))
        .collect();
    let set = eval::generate(&e, &cfg());
    for n in &set.negatives {
        assert!(!listed.contains(&name_key(&n.name)), "{n:?}");
    }
}

#[test]
fn run_reports_consistent_figures() {
    let wl = watchlist();
    let mut calls = 0;
    let report =
        eval::run(&wl, &Options::default(), &cfg(), &mut |_| calls += 1).expect("eval runs");
    assert!(calls >= 450, "{calls}");
    let exact = report
        .by_kind
        .iter()
        .find(|r| r.kind == "exact")
        .expect("exact row");
    assert_eq!(exact.recall, 1.0, "every listed name must find itself");
    assert_eq!(exact.top1, 1.0);
    assert_eq!(report.negatives, 300);
    assert_eq!(report.curve.len(), 20);
    for w in report.curve.windows(2) {
        assert!(
            w[1].recall <= w[0].recall && w[1].fpr <= w[0].fpr,
            "curve must fall with the threshold"
        );
    }
    let at80 = report
        .curve
        .iter()
        .find(|p| (p.threshold - 0.80).abs() < 1e-9)
        .expect("0.80 on the curve");
    assert!((at80.recall - report.overall.recall).abs() < 1e-12);
    assert!((at80.fpr - report.fpr).abs() < 1e-12);
    assert!(
        report.worst_misses.len() == 20
            && report
                .worst_misses
                .windows(2)
                .all(|w| w[0].score.unwrap_or(-1.0) <= w[1].score.unwrap_or(-1.0))
    );
    assert!(report.timing.queries >= 450 && report.timing.qps > 0.0);
    assert!(report.qualifiers.sample > 0);
    let text = report.to_string();
    for needle in [
        "recall",
        "top-1",
        "FP rate",
        "target >= 0.98",
        "Threshold curve",
        "Worst misses",
        "Qualifier effects",
        "queries/s",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    let json = serde_json::to_value(&report).expect("report serializes");
    assert!(json["by_kind"]
        .as_array()
        .is_some_and(|a| a.len() == VariantKind::ALL.len()));
}

#[test]
fn an_empty_watchlist_is_an_error_that_says_what_to_do() {
    let data = Watchlist::build_bundle(vec![], vec![], "2026-01-01T00:00:00Z".into());
    let Ok(wl) = Watchlist::from_data(data) else {
        return;
    };
    let err =
        eval::run(&wl, &Options::default(), &cfg(), &mut |_| {}).expect_err("nothing to evaluate");
    assert!(err.to_string().contains("build the bundle"), "{err}");
}
