//! Integration tests on the real lists in `../shared/lists` (or `$SANCTIONS_LISTS`).
//! Run them in release mode (`make test` does): they build the full bundle.

mod common;

use sanctions_screen::{Decision, Options, Query, ScreenResult};

fn screen(q: Query) -> Option<ScreenResult> {
    let wl = common::real()?;
    Some(
        wl.screen(&q, &Options::default())
            .unwrap_or_else(|e| panic!("{q:?}: {e}")),
    )
}

/// Asserts that `q` is not clear and that `id` is the top match.
fn found(q: Query, id: &str) {
    let Some(r) = screen(q.clone()) else { return };
    let top = r
        .matches
        .first()
        .unwrap_or_else(|| panic!("{:?}: no match (expected {id})", q.name));
    assert_ne!(r.decision, Decision::Clear);
    let best = top.score;
    let hit = r.matches.iter().find(|m| m.id == id).unwrap_or_else(|| {
        panic!(
            "{:?}: expected {id}, got {:?}",
            q.name,
            r.matches
                .iter()
                .map(|m| (&m.id, m.score))
                .collect::<Vec<_>>()
        )
    });
    assert!(
        hit.score >= best - 1e-9,
        "{:?}: {id} is not the top match: {:?}",
        q.name,
        r.matches
            .iter()
            .map(|m| (&m.id, &m.name, m.score))
            .take(3)
            .collect::<Vec<_>>()
    );
}

#[test]
fn song_kum_hyok_in_orders_and_romanizations() {
    for name in [
        "SONG, Kum Hyok",
        "Song Kum Hyok",
        "Kum Hyok Song",
        "Kum-Hyok Song",
        "Kumhyok Song",
        "Song Keum Hyeok",
        "Geum-hyeok Song",
        "Song Kum-hyok",
        "S\u{043E}ng Kum Hyok", // Cyrillic о inside a Latin word
        "Song K\u{200B}um Hy\u{00AD}ok",
    ] {
        found(Query::new(name), "49970");
    }
    let Some(r) = screen(Query::new("Song Kum Hyok")) else {
        return;
    };
    assert_eq!(r.decision, Decision::Match);
}

#[test]
fn song_kum_hyok_by_email_alone() {
    let Some(r) = screen(Query::default().email("wangge327@yahoo.com")) else {
        return;
    };
    assert_eq!(r.decision, Decision::Match);
    assert_eq!(r.matches[0].id, "49970");
    assert!(r.matches[0].explanation.identifier.is_some());
}

#[test]
fn korea_sobaeksu_aliases() {
    for name in [
        "KOREA SOBAEKSU TRADING CORPORATION",
        "Korea Sobaeksu Trading Company",
        "KOREA SOBAEKSU UNITED CORPORATION",
        "SOBAEKSU UNITED CORP.",
        "Korea Sobaeksu United Co",
    ] {
        found(Query::new(name), "54764");
    }
}

#[test]
fn jinyong_it_cooperation_company() {
    found(Query::new("JINYONG IT COOPERATION COMPANY"), "43379");
    found(
        Query::new("Chinyong Information Technology Cooperation Company"),
        "43379",
    );
}

#[test]
fn shenyang_geumpungri_with_and_without_legal_form() {
    found(
        Query::new("SHENYANG GEUMPUNGRI NETWORK TECHNOLOGY CO., LTD"),
        "55062",
    );
    found(
        Query::new("Shenyang Geumpungri Network Technology"),
        "55062",
    );
    found(
        Query::new("Shenyang Geumpungri Network Technology Company Limited"),
        "55062",
    );
}

#[test]
fn cyrillic_script_russian_name() {
    // ANDREYEV, Vitaliy Sergeyevich (55065), written in Cyrillic.
    found(Query::new("Андреев Виталий Сергеевич"), "55065");
    found(Query::new("Виталий Андреев"), "55065");
}

#[test]
fn ordinary_names_from_many_cultures_are_clear() {
    let names = [
        "Emma Daniels",
        "John Michael Thompson",
        "Maria Garcia Lopez",
        "Sofia Rossi",
        "Lukas Schneider",
        "Chloe Dubois",
        "Joao Pereira da Silva",
        "Anna Kowalska",
        "Olga Smirnova",
        "Mehmet Yilmaz",
        "Priya Sharma",
        "Rahul Verma",
        "Zhang Xiuying",
        "Chen Xiaoming",
        "Hiroshi Tanaka",
        "Yuki Sato",
        "Ji-woo Kim",
        "Min-jun Park",
        "Nguyen Thi Lan",
        "Chinedu Okafor",
        "Amina Bello",
        "Kwame Mensah",
        "Fatima Zahra Benali",
        "Omar Haddad",
        "Layla Nasser",
        "Parisa Karimzadeh",
        "Sipho Dlamini",
        "Aroha Ngata",
        "Lars Johansson",
        "Eva Novakova",
        "Dimitris Papadopoulos",
        "Ayse Demir",
        "Juan Carlos Martinez",
        "Camila Rodrigues",
        "Северина Иванова",
        "Татьяна Кузнецова",
        "김민수",
        "王芳",
        "Northwind Logistics LLC",
        "Blue River Software GmbH",
        "Acme Web Studio Ltd",
        "Sunrise Bakery Inc",
    ];
    let mut flagged = Vec::new();
    for n in names {
        let Some(r) = screen(Query::new(n)) else {
            return;
        };
        if r.decision != Decision::Clear {
            flagged.push((n, r.matches[0].name.clone(), r.matches[0].score));
        }
    }
    assert!(flagged.is_empty(), "ordinary names flagged: {flagged:?}");
}

#[test]
fn dob_qualifier_on_a_real_entry() {
    let Some(wl) = common::real() else { return };
    let opts = Options::default().review_threshold(0.3);
    let score = |q: Query| {
        wl.screen(&q, &opts)
            .unwrap()
            .matches
            .iter()
            .find(|m| m.id == "49970")
            .map(|m| m.score)
    };
    let base = score(Query::new("Song Kum Hyok")).expect("listed");
    let right = score(Query::new("Kum Song").dob("1987-08-30").country("KP")).expect("listed");
    let wrong = score(Query::new("Kum Song").dob("1960-02-01").country("FR"));
    assert!(right > wrong.unwrap_or(0.0));
    assert!(base >= right || right <= 1.0);
}

/// Loading keeps entries encoded and gathers the index facts while it checks them; the result
/// must be what the fully decoded data gives: every entry, and the screening of names (many
/// individuals' names with commas, Korea-related ones) and of every listed email and website.
#[test]
fn lazily_loaded_bundle_equals_its_decoded_data() {
    let Some(bytes) = common::real_bundle() else {
        return;
    };
    let lazy = sanctions_screen::Watchlist::from_bytes(bytes).expect("real bundle loads");
    let data = sanctions_screen::bundle::read(bytes).expect("real bundle reads");
    // Each entry decoded alone, from the checkpoint before it, in an order that is not the
    // file's.
    let n = data.entries.len();
    for k in 0..n {
        let i = (k * 7919) % n;
        assert_eq!(lazy.entry(i), Some(&data.entries[i]), "entry {i}");
    }
    let eager = sanctions_screen::Watchlist::from_data(data.clone()).expect("data indexes");
    assert_eq!(lazy.info().names, eager.info().names);
    let opts = Options::default().review_threshold(0.6).limit(20);
    let mut queries: Vec<Query> = Vec::new();
    for (i, e) in data.entries.iter().enumerate().step_by(41) {
        let name = &e.names[i % e.names.len()].text;
        // Without the middle token: the missing-token discount depends on the surname count.
        let words: Vec<&str> = name.split_whitespace().collect();
        let dropped = if words.len() > 2 {
            [&words[..1], &words[2..]].concat().join(" ")
        } else {
            name.clone()
        };
        queries.push(Query::new(dropped));
    }
    for e in &data.entries {
        for id in &e.identifiers {
            match id.kind {
                sanctions_screen::IdKind::Email => queries.push(Query::new("").email(&id.value)),
                sanctions_screen::IdKind::Website => {
                    queries.push(Query::new("").website(&id.value))
                }
                _ => {}
            }
        }
    }
    let mut matched = 0;
    for q in &queries {
        let a = lazy.screen(q, &opts);
        let b = eager.screen(q, &opts);
        match (a, b) {
            (Ok(a), Ok(b)) => {
                matched += usize::from(!a.matches.is_empty());
                assert_eq!(a, b, "{q:?}");
            }
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            (a, b) => panic!("{q:?}: lazy {a:?} vs eager {b:?}"),
        }
    }
    assert!(
        matched > queries.len() / 2,
        "{matched} of {}",
        queries.len()
    );
}
