//! The shipped chronicle of Chen Jian (1992): complete, verbatim, and right where it matters.

use chrono::NaiveDate;
use chronoatlas::chronicle::{self, Chronicle, DisputeSubject, LocationPrecision, SourceText};
use chronoatlas::timeline::Timeline;
use std::path::PathBuf;

fn paper() -> SourceText {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data/sources/chen-jian-1992-sino-soviet-alliance-korean-war.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    SourceText::new(&text)
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn events_at(chronicle: &Chronicle, date: &str, place: &str) -> Vec<String> {
    let timeline = Timeline::new(chronicle);
    timeline
        .active_on(day(date))
        .into_iter()
        .map(|i| &chronicle.events[i])
        .filter(|e| e.date.first_day() == day(date) && e.places.iter().any(|p| p == place))
        .map(|e| e.title.clone())
        .collect()
}

#[test]
fn every_quote_footnote_and_date_wording_stands_verbatim_in_the_paper() {
    let chronicle = Chronicle::embedded_default();
    let problems = chronicle::validate(&chronicle, Some(&paper()));
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_embedded_paper_checks_every_quote_word_for_word() {
    let chronicle = Chronicle::embedded_default();
    let embedded = SourceText::embedded_default();
    assert!(chronicle::validate(&chronicle, Some(&embedded)).is_empty());
    let mut altered = chronicle.clone();
    altered.events[0].quote.push_str(" and so on");
    let problems = chronicle::validate(&altered, Some(&embedded));
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].message.contains("quote not found verbatim"),
        "{problems:#?}"
    );
}

#[test]
fn the_chronicle_covers_the_paper_and_every_event_carries_its_evidence() {
    let chronicle = Chronicle::embedded_default();
    assert!(chronicle.events.len() > 100, "only {} events", chronicle.events.len());
    for event in &chronicle.events {
        assert!(!event.quote.trim().is_empty(), "{} has no quote", event.id);
        assert!(!event.date_text.trim().is_empty(), "{} has no date wording", event.id);
        assert!(event.thread.is_some(), "{} has no thread", event.id);
        assert!(!event.summary.trim().is_empty(), "{} has no summary", event.id);
        // The paper's story runs from the Comintern years to the Yalu; nothing after 1950 is an event.
        assert!(
            event.date.last_day() <= day("1950-12-31"),
            "{} is dated after 1950",
            event.id
        );
    }
    let first = Timeline::new(&chronicle).span().unwrap().0;
    assert!(first < day("1949-01-01"), "the 1948 background is covered");
}

#[test]
fn the_five_places_the_lecturer_named_are_where_they_are() {
    let chronicle = Chronicle::embedded_default();
    let near = |id: &str, lon: f64, lat: f64, precision: LocationPrecision| {
        let place = chronicle.place(id).unwrap_or_else(|| panic!("no place {id}"));
        assert!(
            (place.lon - lon).abs() < 0.6 && (place.lat - lat).abs() < 0.6,
            "{id} misplaced"
        );
        assert_eq!(place.precision, precision, "{id}");
    };
    near("xibaipo", 113.94, 38.35, LocationPrecision::City);
    near("moscow", 37.62, 55.75, LocationPrecision::City);
    near("shenyang", 123.43, 41.80, LocationPrecision::City);
    near("inchon", 126.63, 37.47, LocationPrecision::City);
    near("yalu", 125.3, 40.7, LocationPrecision::Region);
    let andong = chronicle.place("andong").unwrap();
    assert!(andong.other_names.iter().any(|n| n.name == "Dandong"));
}

#[test]
fn autumn_1950_steps_through_the_days_the_paper_gives() {
    let chronicle = Chronicle::embedded_default();
    assert!(
        !events_at(&chronicle, "1950-09-15", "inchon").is_empty(),
        "Inchon landing"
    );
    assert!(
        !events_at(&chronicle, "1950-09-30", "thirty-eighth-parallel").is_empty(),
        "38th parallel"
    );
    assert!(
        !events_at(&chronicle, "1950-10-08", "shenyang").is_empty(),
        "Peng to Shenyang"
    );
    assert!(
        !events_at(&chronicle, "1950-10-09", "black-sea-villa").is_empty(),
        "Black Sea meeting"
    );
    assert!(
        !events_at(&chronicle, "1950-10-19", "yalu").is_empty(),
        "the Yalu crossing"
    );
    let on_8_october = Timeline::new(&chronicle).active_on(day("1950-10-08"));
    let same_day = on_8_october
        .iter()
        .filter(|&&i| chronicle.events[i].date.first_day() == day("1950-10-08"));
    assert!(same_day.count() >= 4, "8 October 1950 has at least four events");
}

#[test]
fn the_disputes_the_paper_discusses_are_recorded() {
    let chronicle = Chronicle::embedded_default();
    let claims_of = |place: Option<&str>, subject: DisputeSubject, needle: &str| -> Vec<(String, bool)> {
        chronicle
            .events
            .iter()
            .filter(|e| place.is_none_or(|p| e.places.iter().any(|x| x == p)))
            .flat_map(|e| &e.disputes)
            .filter(|d| d.about == subject)
            .flat_map(|d| &d.claims)
            .map(|c| (format!("{} | {}", c.value, c.source), c.preferred))
            .filter(|(text, _)| text.contains(needle))
            .collect()
    };
    // Zhou and Stalin: 9–10 October per Zhang Xi (followed) against 6 October per Shi Zhe.
    let black_sea = claims_of(Some("black-sea-villa"), DisputeSubject::Date, "");
    assert!(
        black_sea
            .iter()
            .any(|(t, preferred)| t.contains("Zhang Xi") && *preferred),
        "{black_sea:?}"
    );
    assert!(
        black_sea
            .iter()
            .any(|(t, preferred)| t.contains("6 October") && t.contains("Shi Zhe") && !preferred)
    );
    // Korean-nationality soldiers returned: three figures.
    let soldiers = claims_of(None, DisputeSubject::Figure, "");
    for figure in ["14,000", "23,000", "50,000"] {
        assert!(
            soldiers.iter().any(|(t, _)| t.contains(figure)),
            "{figure} missing: {soldiers:?}"
        );
    }
    // Peng Dehuai's address: 16 against "14 (?)" October.
    let peng = claims_of(None, DisputeSubject::Date, "14");
    assert!(peng.iter().any(|(t, _)| t.contains("14 (?)")), "{peng:?}");
}

#[test]
fn events_dated_only_in_footnotes_are_included() {
    let chronicle = Chronicle::embedded_default();
    // Footnote 58: the Soviet air-defense division in Shanghai, 16 February – 5 March 1950.
    let shanghai = chronicle.events.iter().find(|e| {
        e.places.iter().any(|p| p == "shanghai")
            && e.date.first_day() == day("1950-02-16")
            && e.date.last_day() == day("1950-03-05")
    });
    assert!(shanghai.is_some_and(|e| e.footnotes.contains(&58)));
}

#[test]
fn inferred_places_and_waypoints_are_marked_as_such() {
    let chronicle = Chronicle::embedded_default();
    let train = chronicle
        .movements
        .iter()
        .find(|m| {
            let departs = m
                .route
                .first()
                .and_then(|w| w.date.as_ref().map(|d| (w.place.as_str(), d.first_day())));
            departs == Some(("beijing", day("1949-12-06"))) && m.route.last().is_some_and(|w| w.place == "moscow")
        })
        .expect("Mao's train to Moscow");
    let manzhouli = train
        .route
        .iter()
        .find(|w| w.place == "manzhouli")
        .expect("route through Manzhouli");
    assert!(manzhouli.inferred, "the paper does not name Manzhouli");
    assert_eq!(train.route[0].date.as_ref().unwrap().first_day(), day("1949-12-06"));
    assert_eq!(
        train.route.last().unwrap().date.as_ref().unwrap().first_day(),
        day("1949-12-16")
    );
}
