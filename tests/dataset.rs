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
        .map(|e| e.title.to_string())
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

fn event<'a>(chronicle: &'a Chronicle, id: &str) -> &'a chronicle::Event {
    chronicle.event(id).unwrap_or_else(|| panic!("no event {id}"))
}

#[test]
fn zhou_enlai_s_flight_lies_between_the_limits_the_paper_gives() {
    let chronicle = Chronicle::embedded_default();
    let flight = event(&chronicle, "zhou-enlai-flies-to-soviet-union");
    // "did not leave Beijing until at least 7 October" (n. 96); he met Stalin on the evening of 9 October.
    assert!(flight.date.is_range(), "{}", flight.date);
    assert_eq!(flight.date.first_day(), day("1950-10-07"));
    assert_eq!(flight.date.last_day(), day("1950-10-09"));
    assert!(flight.date_text.contains("at least 7 October"), "{}", flight.date_text);
}

#[test]
fn liu_shaoqi_s_meetings_with_stalin_end_when_he_left_moscow() {
    let chronicle = Chronicle::embedded_default();
    let left = event(&chronicle, "liu-shaoqi-leaves-moscow");
    assert_eq!(left.date.first_day(), day("1949-08-14"));
    let meetings: Vec<_> = chronicle
        .events
        .iter()
        .filter(|e| e.thread.as_deref() == Some("liu-mission"))
        .filter(|e| e.actors.iter().any(|a| a == "Stalin") && e.places.iter().any(|p| p == "moscow"))
        .collect();
    assert!(meetings.len() >= 6, "only {} Liu–Stalin meetings", meetings.len());
    for meeting in meetings {
        assert!(
            meeting.date.last_day() <= day("1949-08-14"),
            "{} ends after Liu left Moscow: {}",
            meeting.id,
            meeting.date
        );
    }
}

#[test]
fn stalin_s_advice_on_the_yangzi_is_early_1949_before_the_crossing() {
    let chronicle = Chronicle::embedded_default();
    let advice = event(&chronicle, "stalin-advises-against-crossing-yangzi");
    assert_eq!(advice.date_text, "in early 1949");
    assert_eq!(advice.date.first_day(), day("1949-01-01"));
    assert!(advice.date.last_day() <= day("1949-04-30"), "{}", advice.date);
    assert!(advice.date.is_approximate());
}

#[test]
fn the_departure_from_moscow_and_kim_s_april_visit_are_disputed_as_the_footnotes_say() {
    let chronicle = Chronicle::embedded_default();
    let leave = event(&chronicle, "mao-and-zhou-leave-moscow");
    let claims: Vec<_> = leave
        .disputes
        .iter()
        .filter(|d| d.about == DisputeSubject::Date)
        .flat_map(|d| &d.claims)
        .map(|c| (c.date.as_ref().map(|d| d.first_day()), c.preferred, c.footnotes.clone()))
        .collect();
    assert!(claims.contains(&(Some(day("1950-02-17")), true, vec![])), "{claims:?}");
    assert!(
        claims.contains(&(Some(day("1950-02-16")), false, vec![58])),
        "{claims:?}"
    );

    let visit = event(&chronicle, "kim-il-sung-secret-visit-to-china-april-1950");
    assert!(visit.footnotes.contains(&68));
    let shi_zhe = visit
        .disputes
        .iter()
        .flat_map(|d| &d.claims)
        .find(|c| c.source.contains("Shi Zhe"))
        .expect("Shi Zhe's claim");
    assert!(shi_zhe.value.contains("unknown to Mao") && !shi_zhe.preferred);
    assert!(shi_zhe.footnotes.contains(&68));
}

#[test]
fn pak_hon_yong_is_not_placed_in_beijing_on_the_day_he_was_sent() {
    let chronicle = Chronicle::embedded_default();
    let sent = event(&chronicle, "kim-sends-pak-hon-yong-to-beijing");
    assert!(!sent.places.iter().any(|p| p == "beijing"), "{:?}", sent.places);
    assert!(sent.places.is_empty() || sent.place_inferred);
}

#[test]
fn actors_are_the_people_who_took_part() {
    let chronicle = Chronicle::embedded_default();
    for id in ["mikoyan-secret-visit-to-xibaipo", "top-ccp-leaders-meet-18-october"] {
        assert!(!event(&chronicle, id).actors.iter().any(|a| a == "Stalin"), "{id}");
    }
    // Memoirists and the misprint of footnote 108 are no actors.
    for event in &chronicle.events {
        for absent in ["Bo Yibo", "Khrushchev", "Hong Xuezhai"] {
            assert!(!event.actors.iter().any(|a| a == absent), "{absent} in {}", event.id);
        }
    }
    let order = event(&chronicle, "mao-final-order-cross-yalu-19-october");
    assert!(order.actors.iter().any(|a| a == "Hong Xuezhi"));
    assert!(!event(&chronicle, "mao-arrives-in-moscow").summary.contains("Gromyko"));
}

#[test]
fn the_treaty_and_the_final_decision_cite_what_the_paper_states() {
    let chronicle = Chronicle::embedded_default();
    let treaty = event(&chronicle, "sino-soviet-alliance-concluded");
    assert_eq!(treaty.places, ["moscow"]);
    assert!(!treaty.place_inferred);
    let decision = event(&chronicle, "final-decision-to-send-troops-1-2-october");
    assert_eq!(decision.footnotes, [87, 88]);
}

#[test]
fn the_1945_treaty_and_the_rectification_campaign_are_events() {
    let chronicle = Chronicle::embedded_default();
    let find = |needle: &str| {
        chronicle
            .events
            .iter()
            .find(|e| e.quote.contains(needle))
            .unwrap_or_else(|| panic!("no event quotes {needle:?}"))
    };
    let treaty = find("the 1945 Sino-Soviet treaty between the GMD and the Russians");
    assert_eq!(
        (treaty.date.first_day(), treaty.date.last_day()),
        (day("1945-01-01"), day("1945-12-31"))
    );
    let rectification = find("rectification campaign");
    assert!(rectification.footnotes.contains(&11));
    assert!(rectification.date.first_day() >= day("1940-01-01"));
    // Viewed with suspicion by the Comintern, which the paper has dissolved in 1943.
    assert!(rectification.date.last_day() <= day("1943-12-31"));
}

/// Great-circle distance in kilometres on a sphere of the Earth's mean radius.
fn km_between((lon1, lat1): (f64, f64), (lon2, lat2): (f64, f64)) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = (p2 - p1, (lon2 - lon1).to_radians());
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}

#[test]
fn the_black_sea_villa_lies_on_the_caucasus_coast_and_not_in_crimea_or_turkey() {
    let chronicle = Chronicle::embedded_default();
    let villa = chronicle.place("black-sea-villa").unwrap();
    assert_eq!(villa.precision, LocationPrecision::Region);
    assert!(villa.lon > 37.0, "east of 37°E, not {}", villa.lon);
    let centre = (villa.lon, villa.lat);
    let radius = villa.radius_km.expect("an explicit radius");
    for (name, point) in [("Sochi", (39.73, 43.59)), ("Gagra", (40.27, 43.28))] {
        assert!(km_between(centre, point) < radius, "{name} outside the area");
    }
    for (name, point) in [
        ("the Crimea", (34.0, 45.0)),
        ("Kerch", (36.47, 45.36)),
        ("the Turkish coast at Sarp", (41.55, 41.52)),
        ("Rize", (40.52, 41.02)),
    ] {
        assert!(km_between(centre, point) > radius, "{name} inside the area");
    }
    assert!(
        villa.note.contains("Sochi") && villa.note.contains("inferred"),
        "{}",
        villa.note
    );
}
