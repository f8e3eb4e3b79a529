//! What the map shows on a day, and moving through time: decided in the core, tested here
//! without a window.

use chrono::NaiveDate;
use chronoatlas::chronicle::Chronicle;
use chronoatlas::timeline::Timeline;
use chronoatlas::timeline::show::{Presence, ShowOptions, events_on, journeys_on};
use chronoatlas::view_state::ViewState;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn presence_of(c: &Chronicle, t: &Timeline, on: &str, id: &str, options: ShowOptions) -> Option<Presence> {
    let i = c.events.iter().position(|e| e.id == id).unwrap();
    events_on(c, t, day(on), options)
        .into_iter()
        .find(|s| s.event == i)
        .map(|s| s.presence)
}

#[test]
fn an_event_is_active_on_its_day_fades_after_and_is_hidden_before() {
    let c = Chronicle::embedded_default();
    let t = Timeline::new(&c);
    let o = ShowOptions::default();
    let id = "cpv-crosses-the-yalu";
    assert_eq!(presence_of(&c, &t, "1950-10-18", id, o), None, "the future is hidden");
    assert_eq!(presence_of(&c, &t, "1950-10-19", id, o), Some(Presence::Active));
    assert_eq!(presence_of(&c, &t, "1950-10-20", id, o), Some(Presence::Fading(1.0)));
    let Some(Presence::Fading(late)) = presence_of(&c, &t, "1950-10-26", id, o) else {
        panic!()
    };
    assert!(late > 0.0 && late < 0.2);
    assert_eq!(presence_of(&c, &t, "1950-10-27", id, o), None, "the trail has run out");
    let cumulative = ShowOptions { cumulative: true, ..o };
    assert_eq!(presence_of(&c, &t, "1950-12-01", id, cumulative), Some(Presence::Past));
}

#[test]
fn a_ranged_event_is_active_for_its_whole_window_and_fuzzy_dates_are_uncertain() {
    let c = Chronicle::embedded_default();
    let t = Timeline::new(&c);
    let o = ShowOptions::default();
    for on in ["1950-10-09", "1950-10-10"] {
        assert_eq!(
            presence_of(&c, &t, on, "zhou-meets-stalin-black-sea", o),
            Some(Presence::Active)
        );
    }
    let month = c
        .events
        .iter()
        .position(|e| e.date.to_string() == "1950-08")
        .expect("an August 1950 event");
    for on in ["1950-08-01", "1950-08-31"] {
        let shown = events_on(&c, &t, day(on), o);
        let s = shown.iter().find(|s| s.event == month).unwrap();
        assert_eq!(s.presence, Presence::Active);
        assert!(s.uncertain, "a month-precision event is shown as uncertain");
    }
    let yalu = c.events.iter().position(|e| e.id == "cpv-crosses-the-yalu").unwrap();
    let shown = events_on(&c, &t, day("1950-10-19"), o);
    assert!(!shown.iter().find(|s| s.event == yalu).unwrap().uncertain);
}

#[test]
fn maos_train_is_on_its_way_to_moscow_on_11_december_1949() {
    let c = Chronicle::embedded_default();
    let o = ShowOptions::default();
    let train = c
        .movements
        .iter()
        .position(|m| m.id == "mao-train-beijing-to-moscow-1949")
        .unwrap();
    let on = |d: &str| journeys_on(&c, day(d), o).into_iter().find(|j| j.movement == train);
    assert!(on("1949-12-05").is_none(), "not yet left");
    let j = on("1949-12-11").unwrap();
    assert_eq!(j.presence, Presence::Active);
    assert!(j.progress > 0.3 && j.progress < 0.7, "half way: {}", j.progress);
    let (beijing, moscow) = (c.place("beijing").unwrap(), c.place("moscow").unwrap());
    assert!(
        j.position.0 < beijing.lon && j.position.0 > moscow.lon,
        "between Beijing and Moscow: {:?}",
        j.position
    );
    assert!(on("1949-12-06").unwrap().progress < on("1949-12-11").unwrap().progress);
    let arrived = on("1949-12-16").unwrap();
    assert_eq!(arrived.progress, 1.0);
    assert!((arrived.position.0 - moscow.lon).abs() < 1e-6);
    assert!(matches!(on("1949-12-18").unwrap().presence, Presence::Fading(_)));
    // Legs through an inferred waypoint are marked so they are drawn dashed.
    assert!(j.legs.iter().any(|(_, inferred)| *inferred));
}

#[test]
fn pengs_flight_is_complete_on_its_day() {
    let c = Chronicle::embedded_default();
    let flight = c
        .movements
        .iter()
        .position(|m| m.id == "peng-flight-to-shenyang")
        .unwrap();
    let j = journeys_on(&c, day("1950-10-08"), ShowOptions::default())
        .into_iter()
        .find(|j| j.movement == flight)
        .unwrap();
    assert_eq!(j.progress, 1.0);
    assert!(j.path.len() > 10, "a flight follows a great circle");
}

#[test]
fn stepping_and_playback_move_the_day() {
    let c = Chronicle::embedded_default();
    let t = Timeline::new(&c);
    let mut s = ViewState::new(&c, &t);
    assert_eq!(
        s.span(),
        (day("1950-09-01"), day("1950-11-30")),
        "the chronicle's Autumn 1950 period"
    );
    assert_eq!(s.day(), day("1950-09-15"), "the chronicle's metadata.opening day");
    s.step_days(7);
    assert_eq!(s.day(), day("1950-09-22"));
    s.go_to(day("1950-09-15"));
    assert!(s.next_event(&c, &t));
    assert_eq!(Some(s.day()), t.next_event_day(day("1950-09-15")));
    s.go_to(NaiveDate::MAX);
    s.step_days(1);
    assert_eq!(s.day(), NaiveDate::MAX, "no overflow at the end of the calendar");

    s.go_to(day("1950-11-28"));
    s.set_speed(2.0);
    s.toggle_play();
    assert!(!s.advance(0.25), "half a day has not passed");
    assert!(s.advance(0.25));
    assert_eq!(s.day(), day("1950-11-29"));
    s.advance(1.0);
    assert_eq!(s.day(), day("1950-11-30"));
    assert!(!s.playback().playing, "playback stops at the end of the span");
    s.set_looping(true);
    s.toggle_play();
    assert_eq!(s.day(), day("1950-11-30"));
    s.advance(0.5);
    assert_eq!(s.day(), day("1950-09-01"), "looping wraps to the start");
    s.set_backwards(true);
    s.advance(0.5);
    assert_eq!(s.day(), day("1950-11-30"), "backwards wraps to the end");
    assert!(!s.advance(f64::NAN) && !s.advance(-1.0));
}

#[test]
fn a_leg_from_an_inferred_waypoint_is_marked_inferred() {
    let c = Chronicle::embedded_default();
    let flight = c
        .movements
        .iter()
        .position(|m| m.id == "peng-flight-to-shenyang")
        .unwrap();
    assert!(
        c.movements[flight].route[0].inferred,
        "the data infers Beijing as the start"
    );
    let j = journeys_on(&c, day("1950-10-08"), ShowOptions::default())
        .into_iter()
        .find(|j| j.movement == flight)
        .unwrap();
    assert!(j.legs.iter().all(|(_, inferred)| *inferred));
}

#[test]
fn event_stepping_skips_days_whose_events_are_all_filtered_out() {
    let c = Chronicle::embedded_default();
    let t = Timeline::new(&c);
    let mut s = ViewState::new(&c, &t);
    s.go_to(day("1950-09-15"));
    let mut unfiltered = s.clone();
    unfiltered.next_event(&c, &t);
    let next = unfiltered.day();
    // Hide the thread of every event beginning on that next day.
    let mut filter = s.filter().clone();
    for (i, first, _) in t.overlapping_windows(next, next) {
        if first == next
            && let Some(thread) = &c.events[i].thread
        {
            filter.hidden_threads.insert(thread.to_string());
        }
    }
    s.set_filter(filter);
    assert!(s.next_event(&c, &t));
    assert!(s.day() > next, "{} should be after {next}", s.day());
    let begins_shown = t
        .overlapping_windows(s.day(), s.day())
        .into_iter()
        .any(|(i, first, _)| first == s.day() && s.filter().allows(&c.events[i]));
    assert!(begins_shown);
    s.show_caption_for(s.day(), "a stop's words");
    assert_eq!(s.caption(), Some("a stop's words"));
    s.step_days(1);
    assert_eq!(s.caption(), None, "a caption goes when the day changes");
}

#[test]
fn a_flight_follows_the_maps_great_circle_and_distances_are_on_the_maps_sphere() {
    use chronoatlas::map::projection::great_circle;
    use chronoatlas::timeline::show::km_between;
    let c = Chronicle::embedded_default();
    let flight = c
        .movements
        .iter()
        .position(|m| m.id == "peng-flight-to-shenyang")
        .unwrap();
    let j = journeys_on(&c, day("1950-10-08"), ShowOptions::default())
        .into_iter()
        .find(|j| j.movement == flight)
        .unwrap();
    let route = &c.movements[flight].route;
    let at = |k: usize| {
        let p = c.place(&route[k].place).unwrap();
        (p.lon, p.lat)
    };
    let leg = &j.path[j.legs[0].0.clone()];
    let drawn = great_circle(at(0), at(1), leg.len() - 1);
    assert_eq!(leg.len(), drawn.len());
    for (p, q) in leg.iter().zip(&drawn) {
        assert!((p.0 - q.0).abs() < 1e-9 && (p.1 - q.1).abs() < 1e-9, "{p:?} vs {q:?}");
    }
    // Beijing to Moscow is about 5,800 km on a sphere of radius 6371 km.
    let d = km_between((116.40, 39.90), (37.62, 55.75));
    assert!((5750.0..5850.0).contains(&d), "{d}");
    assert_eq!(km_between((10.0, 0.0), (10.0, 0.0)), 0.0);
}
