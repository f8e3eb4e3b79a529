//! Converting a chronicle to each format and back keeps ids, titles, dates with their precision,
//! places with their coordinates, quotes and journeys: a property test over small chronicles.

use chronoatlas::chronicle::{
    Chronicle, Event, HistoricalDate, LocationPrecision, Metadata, Movement, Place, SourceReference, TravelMode,
    Waypoint,
};
use chronoatlas::import::{FileFormat, read_bytes, write};
use proptest::prelude::*;

/// Text as people write it: any script, punctuation that CSV and XML must escape; no
/// surrounding white space (cells are trimmed) and no control characters (XML forbids them).
fn text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9é中한Ж&<>\"',;:.!?()\\-–]([A-Za-z0-9é中한Ж&<>\"',;:.!?()\\- –\n]{0,30}[A-Za-z0-9é中한Ж&<>\"',;:.!?()\\-–])?"
}

fn date() -> impl Strategy<Value = HistoricalDate> {
    prop_oneof![
        Just("1950-10-19"),
        Just("1950-10"),
        Just("1950"),
        Just("1950-23"),
        Just("early 1949-12"),
        Just("1950-10-14?"),
        Just("1949-12~"),
        Just("1950-10-09/1950-10-10"),
        Just("-0044-03-15"),
        Just("0476"),
    ]
    .prop_map(|d| HistoricalDate::parse(d).expect("a valid date"))
}

fn coordinate(limit: f64) -> impl Strategy<Value = f64> {
    (-limit..limit).prop_map(|x| (x * 10_000.0).round() / 10_000.0)
}

fn chronicle() -> impl Strategy<Value = Chronicle> {
    let places = prop::collection::vec((coordinate(179.9), coordinate(89.9)), 2..5);
    let events = prop::collection::vec((text(), date(), text(), any::<Option<prop::sample::Index>>()), 1..5);
    let journeys = prop::collection::vec(
        (text(), prop::sample::subsequence((0..4).collect::<Vec<_>>(), 2..=3)),
        0..2,
    );
    (text(), places, events, journeys).prop_map(|(title, places, events, journeys)| {
        let mut c = Chronicle::new(Metadata {
            title,
            description: String::new(),
            source: SourceReference {
                reference: "Chen Jian, CWIHP Working Paper No. 1 (1992)".into(),
                short: String::new(),
            },
            attribution: String::new(),
            licence: "CC BY 4.0".into(),
            opening: None,
            sources: Vec::new(),
        });
        c.places = places
            .iter()
            .enumerate()
            .map(|(i, &(lon, lat))| Place {
                id: format!("place-{i}"),
                name: format!("Place {i}"),
                other_names: Vec::new(),
                lon,
                lat,
                precision: [
                    LocationPrecision::Exact,
                    LocationPrecision::City,
                    LocationPrecision::Region,
                ][i % 3],
                radius_km: None,
                note: String::new(),
                area: None,
                in_force: None,
                rank: None,
                placed_by_name: None,
            })
            .collect();
        c.events = events
            .into_iter()
            .enumerate()
            .map(|(i, (title, date, quote, place))| Event {
                id: format!("event-{i}").into(),
                title: title.into(),
                date,
                date_text: Default::default(),
                places: place
                    .map(|p| c.places[p.index(c.places.len())].id.as_str().into())
                    .into_iter()
                    .collect(),
                place_inferred: false,
                actors: Vec::new(),
                thread: None,
                summary: String::new(),
                quote,
                footnotes: Vec::new(),
                disputes: Vec::new(),
                citations: Vec::new(),
            })
            .collect();
        let n = c.places.len();
        c.movements = journeys
            .into_iter()
            .enumerate()
            .map(|(i, (title, stops))| Movement {
                id: format!("journey-{i}"),
                title,
                travellers: Vec::new(),
                mode: TravelMode::Ship,
                route: stops
                    .iter()
                    .enumerate()
                    .map(|(k, &s)| Waypoint {
                        place: c.places[s % n].id.clone(),
                        date: (k == 0 || k + 1 == stops.len())
                            .then(|| HistoricalDate::parse(["1950-10-01", "1950-10-09"][k.min(1)]).unwrap()),
                        inferred: false,
                    })
                    .collect(),
                events: Vec::new(),
                quote: String::new(),
                footnotes: Vec::new(),
            })
            .filter(|m| m.route.windows(2).all(|w| w[0].place != w[1].place))
            .collect();
        c.reindex();
        c
    })
}

/// What a round trip must keep, as comparable text.
fn essentials(c: &Chronicle, with_journeys: bool) -> Vec<String> {
    let mut out = vec![format!("title {}", c.metadata.title)];
    if with_journeys {
        // GeoJSON and KML keep the source, as they keep journeys; CSV neither.
        out.push(format!(
            "source {} | {}",
            c.metadata.source.reference, c.metadata.licence
        ));
    }
    for e in &c.events {
        let places: Vec<String> = e
            .places
            .iter()
            .filter_map(|p| c.place(p))
            .map(|p| format!("{} {} {} {} {}", p.id, p.name, p.lon, p.lat, p.precision.as_str()))
            .collect();
        out.push(format!(
            "{} | {} | {} | {} | {:?}",
            e.id, e.title, e.date, e.quote, places
        ));
    }
    if with_journeys {
        for m in &c.movements {
            let route: Vec<String> = m
                .route
                .iter()
                .map(|w| {
                    let p = c.place(&w.place).expect("place");
                    format!(
                        "{} {} {} {:?}",
                        p.id,
                        p.lon,
                        p.lat,
                        w.date.as_ref().map(|d| d.to_string())
                    )
                })
                .collect();
            out.push(format!("{} | {} | {:?} | {:?}", m.id, m.title, m.mode, route));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_format_round_trips_what_matters(c in chronicle()) {
        for format in [FileFormat::Chronicle, FileFormat::Csv, FileFormat::GeoJson, FileFormat::Kml] {
            let (text, _) = write(&c, format, "out");
            let back = read_bytes(text.as_bytes(), "out", Some(format))
                .unwrap_or_else(|e| panic!("{format:?}: {e}\n{text}"));
            let journeys = format != FileFormat::Csv;
            prop_assert_eq!(
                essentials(&c, journeys),
                essentials(&back.chronicle, journeys),
                "{:?}:\n{}", format, text
            );
            prop_assert!(!back.dropped(), "{:?}: {:?}", format, back.problems);
        }
    }
}
