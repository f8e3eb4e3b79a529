//! The time index over a small chronicle: what is active on a day, and where the next event is.

use chrono::NaiveDate;
use chronoatlas::chronicle::load_file;
use chronoatlas::timeline::Timeline;
use std::path::PathBuf;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn voyage() -> chronoatlas::chronicle::Chronicle {
    load_file(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/voyage-1492.chronicle.json")).unwrap()
}

#[test]
fn active_events_are_those_whose_window_holds_the_day() {
    let chronicle = voyage();
    let timeline = Timeline::new(&chronicle);
    let ids = |d: &str| -> Vec<&str> {
        timeline
            .active_on(day(d))
            .iter()
            .map(|&i| chronicle.events[i].id.as_str())
            .collect()
    };
    assert_eq!(ids("1492-08-03"), ["departure"]);
    assert_eq!(
        ids("1492-08-20"),
        ["canaries-stay"],
        "a fuzzy span is active on its whole window"
    );
    assert_eq!(
        ids("1492-09-11"),
        Vec::<&str>::new(),
        "early September ends on the 10th"
    );
    assert_eq!(ids("1492-10-12"), ["landfall"]);
    let window: Vec<_> = timeline
        .overlapping(day("1492-08-01"), day("1492-08-15"))
        .iter()
        .map(|&i| chronicle.events[i].id.as_str())
        .collect();
    assert_eq!(window, ["departure", "canaries-stay"]);
}

#[test]
fn next_and_previous_event_days_skip_empty_days() {
    let chronicle = voyage();
    let timeline = Timeline::new(&chronicle);
    assert_eq!(timeline.next_event_day(day("1492-08-03")), Some(day("1492-08-11")));
    assert_eq!(timeline.next_event_day(day("1492-08-11")), Some(day("1492-10-12")));
    assert_eq!(timeline.next_event_day(day("1492-10-12")), None);
    assert_eq!(timeline.previous_event_day(day("1492-10-12")), Some(day("1492-08-11")));
    assert_eq!(timeline.previous_event_day(day("1492-08-03")), None);
    assert_eq!(timeline.span(), Some((day("1492-08-03"), day("1492-10-12"))));
}

#[test]
fn a_long_event_is_found_far_from_its_start() {
    // A year-long event must be found in December even among many later day events.
    let mut chronicle = voyage();
    let mut long = chronicle.events[0].clone();
    long.id = "whole-year".into();
    long.date = chronoatlas::chronicle::HistoricalDate::parse("1491").unwrap();
    chronicle.events.push(long);
    let timeline = Timeline::new(&chronicle);
    let active: Vec<_> = timeline
        .active_on(day("1491-12-31"))
        .iter()
        .map(|&i| chronicle.events[i].id.clone())
        .collect();
    assert_eq!(active, ["whole-year"]);
}

#[test]
fn a_thread_spans_the_days_of_its_events_and_places_rank_by_how_many_events_name_them() {
    let chronicle = chronoatlas::chronicle::Chronicle::embedded_default();
    let timeline = Timeline::new(&chronicle);
    // Each thread's span, against a plain pass over its events.
    for thread in &chronicle.threads {
        let days = chronicle
            .events
            .iter()
            .filter(|e| e.thread.as_deref() == Some(thread.id.as_str()))
            .map(|e| (e.date.first_day(), e.date.last_day()))
            .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)));
        assert_eq!(timeline.thread_span(&thread.id), days, "thread {}", thread.id);
    }
    assert!(chronicle.threads.iter().any(|t| timeline.thread_span(&t.id).is_some()));
    assert_eq!(timeline.thread_span("no-such-thread"), None);

    // Every place once, the most named first, ties by id.
    let order = timeline.places_by_weight();
    let mut seen: Vec<u32> = order.to_vec();
    seen.sort_unstable();
    assert_eq!(seen, (0..chronicle.places.len() as u32).collect::<Vec<_>>());
    let key = |&i: &u32| {
        let id = chronicle.places[i as usize].id.as_str();
        (std::cmp::Reverse(timeline.events_at_place(id)), id)
    };
    assert!(order.windows(2).all(|w| key(&w[0]) <= key(&w[1])));
    let first = &chronicle.places[order[0] as usize].id;
    assert!(
        chronicle
            .places
            .iter()
            .all(|p| timeline.events_at_place(&p.id) <= timeline.events_at_place(first)),
        "{first} is named by the most events"
    );
}

#[test]
fn events_of_one_day_come_in_the_order_of_their_ids() {
    let mut chronicle = voyage();
    let template = chronicle.events[0].clone();
    // Ids alike in their first eight bytes, ids that begin others, and a repeated id: the
    // order is the ids' own, and the file's for the repeated one.
    let ids = [
        "landing-party-b",
        "landing",
        "landing-party-a",
        "land",
        "landing-party",
        "landing-party-a",
        "Zebra",
    ];
    chronicle.events = ids
        .iter()
        .map(|id| {
            let mut e = template.clone();
            e.id = (*id).into();
            e
        })
        .collect();
    let timeline = Timeline::new(&chronicle);
    let order: Vec<(usize, &str)> = timeline
        .active_on(chronicle.events[0].date.first_day())
        .into_iter()
        .map(|i| (i, chronicle.events[i].id.as_str()))
        .collect();
    assert_eq!(
        order,
        [
            (6, "Zebra"),
            (3, "land"),
            (1, "landing"),
            (4, "landing-party"),
            (2, "landing-party-a"),
            (5, "landing-party-a"),
            (0, "landing-party-b"),
        ]
    );
}
