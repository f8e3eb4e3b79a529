//! The day gathered by place must say what a plain pass over the day's events says, and a day
//! carried from frame to frame must draw what a fresh one does.

use chronoatlas::chronicle::{Chronicle, LocationPrecision};
use chronoatlas::cli::synth::{self, Spec};
use chronoatlas::map::camera::Camera;
use chronoatlas::map::projection::Projection;
use chronoatlas::scene::{self, BaseLayers, OverlayOptions, ShownDay, Style};
use chronoatlas::timeline::Timeline;
use chronoatlas::timeline::show::{Presence, ShowOptions, ShownEvent, events_on};
use chronoatlas::view_state::ViewState;

const LEADING: usize = ShownDay::LEADING;

/// The most present first: active, then fading (the most recently ended first), then past.
fn rank(e: &ShownEvent) -> (u8, f32) {
    match e.presence {
        Presence::Active => (0, 0.0),
        Presence::Fading(f) => (1, -f),
        Presence::Past => (2, 0.0),
    }
}

/// A small synthetic chronicle: 6,000 events over 1940–1960 at 150 places, a few of them with
/// places our inference.
fn chronicle() -> Chronicle {
    let mut chronicle = synth::chronicle(&Spec {
        events: 6_000,
        places: 150,
        years: (1940, 1960),
        seed: 7,
        busy_day: None,
    });
    for e in chronicle.events.iter_mut().step_by(13) {
        e.place_inferred = true;
    }
    chronicle
}

fn state(chronicle: &Chronicle, timeline: &Timeline, day: &str, cumulative: bool) -> ViewState {
    let mut state = ViewState::new(chronicle, timeline);
    state.go_to(day.parse().unwrap());
    state.set_show(ShowOptions {
        cumulative,
        ..ShowOptions::default()
    });
    state
}

fn projection(chronicle: &Chronicle) -> Projection {
    let (w, s, e, n) = chronicle.home_extent().to_tuple();
    Projection::for_extent(w, s, e, n)
}

/// Every group against a pass over `events_on`: its events in timeline order, its marks, its
/// threads, its most present events, and every place's weight.
fn check_against_plain_pass(chronicle: &Chronicle, timeline: &Timeline, state: &ViewState, shown: &ShownDay) {
    let filter = state.filter();
    let events: Vec<ShownEvent> = events_on(chronicle, timeline, state.day(), state.show())
        .into_iter()
        .filter(|e| filter.allows(&chronicle.events[e.event]))
        .collect();
    assert_eq!(shown.events(), &events[..]);
    let first_place = |e: &ShownEvent| chronicle.place_index(chronicle.events[e.event].places.first()?);
    let placed = events.iter().filter(|e| first_place(e).is_some()).count();
    assert_eq!(shown.groups().iter().map(|g| shown.count_of(g)).sum::<usize>(), placed);
    for group in shown.groups() {
        let plain: Vec<ShownEvent> = events
            .iter()
            .filter(|e| first_place(e) == Some(group.place))
            .copied()
            .collect();
        let gathered: Vec<ShownEvent> = shown.events_of(group).copied().collect();
        assert_eq!(gathered, plain, "events at place {}", group.place);
        assert_eq!(shown.group_of_place(group.place), Some(group));
        let event = |e: &ShownEvent| &chronicle.events[e.event];
        assert_eq!(group.any_uncertain, plain.iter().any(|e| e.uncertain));
        assert_eq!(group.any_inferred, plain.iter().any(|e| event(e).place_inferred));
        assert_eq!(group.all_inferred, plain.iter().all(|e| event(e).place_inferred));
        let thread = |e: &ShownEvent| event(e).thread.as_deref().and_then(|t| chronicle.thread_index(t));
        assert_eq!(group.any_unthreaded, plain.iter().any(|e| thread(e).is_none()));
        let mut threads: Vec<u32> = plain.iter().filter_map(thread).map(|t| t as u32).collect();
        threads.sort_unstable();
        threads.dedup();
        let mut of_group: Vec<u32> = shown.threads_of(group).collect();
        of_group.sort_unstable();
        assert_eq!(of_group, threads);
        let mut leading = plain.clone();
        leading.sort_by(|a, b| rank(a).partial_cmp(&rank(b)).unwrap());
        leading.truncate(LEADING);
        assert_eq!(
            shown.leading_of(group),
            &leading[..],
            "most present at place {}",
            group.place
        );
        let region = chronicle.places[group.place].precision == LocationPrecision::Region;
        assert_eq!(group.region, region);
    }
    let mut weights = vec![0.0f32; chronicle.places.len()];
    for e in &events {
        let weight = if e.presence == Presence::Active { 3.0 } else { 1.0 };
        for p in chronicle.events[e.event]
            .places
            .iter()
            .filter_map(|p| chronicle.place_index(p))
        {
            weights[p] += weight;
        }
    }
    for &(p, weight) in shown.place_weights() {
        assert_eq!(weight, weights[p], "weight of place {p}");
    }
    assert_eq!(
        shown.place_weights().len(),
        weights.iter().filter(|&&w| w > 0.0).count()
    );
}

#[test]
fn a_cumulative_day_gathered_by_place_is_what_a_plain_pass_finds() {
    let chronicle = chronicle();
    let timeline = Timeline::new(&chronicle);
    let state = state(&chronicle, &timeline, "1950-06-15", true);
    let shown = ShownDay::new(&chronicle, &timeline, &state, projection(&chronicle));
    assert!(shown.events().len() > 2_000, "most events are past by mid-1950");
    assert!(shown.groups().len() > 100);
    // Some groups have active or fading events, whose most present events are not the first.
    assert!(
        shown
            .groups()
            .iter()
            .any(|g| shown.leading_of(g)[0].presence != Presence::Past)
    );
    check_against_plain_pass(&chronicle, &timeline, &state, &shown);
}

#[test]
fn a_day_with_its_trail_and_a_filter_is_what_a_plain_pass_finds() {
    let chronicle = chronicle();
    let timeline = Timeline::new(&chronicle);
    let mut state = state(&chronicle, &timeline, "1950-06-15", false);
    let mut filter = state.filter().clone();
    filter.hidden_threads.insert("strand-2".into());
    state.set_filter(filter);
    let shown = ShownDay::new(&chronicle, &timeline, &state, projection(&chronicle));
    assert!(!shown.events().is_empty());
    assert!(
        shown
            .events()
            .iter()
            .all(|e| chronicle.events[e.event].thread.as_deref() != Some("strand-2"))
    );
    check_against_plain_pass(&chronicle, &timeline, &state, &shown);
}

#[test]
fn a_timeline_of_other_events_is_answered_from_the_events_themselves() {
    let chronicle = chronicle();
    let timeline = Timeline::new(&chronicle);
    // One more event than the timeline knows: the index's per-event answers do not fit.
    let mut grown = chronicle.clone();
    let mut extra = grown.events[0].clone();
    extra.id = "one-more".into();
    grown.events.push(extra);
    grown.reindex();
    let state = state(&grown, &timeline, "1950-06-15", true);
    let shown = ShownDay::new(&grown, &timeline, &state, projection(&grown));
    check_against_plain_pass(&grown, &timeline, &state, &shown);
}

#[test]
fn a_day_is_worked_out_again_only_when_what_it_shows_changes() {
    let chronicle = chronicle();
    let timeline = Timeline::new(&chronicle);
    let projection = projection(&chronicle);
    let mut state = state(&chronicle, &timeline, "1950-06-15", true);
    let mut shown = ShownDay::new(&chronicle, &timeline, &state, projection);
    assert!(!shown.update(&chronicle, &timeline, &state, projection));
    state.set_selected(&chronicle, Some(3));
    assert!(
        !shown.update(&chronicle, &timeline, &state, projection),
        "a selection is drawn, not gathered"
    );
    state.go_to("1950-06-16".parse().unwrap());
    assert!(shown.update(&chronicle, &timeline, &state, projection));
    assert!(shown.is_of(&chronicle, &timeline, &state, projection));
    check_against_plain_pass(&chronicle, &timeline, &state, &shown);
    state.set_show(ShowOptions::default());
    assert!(shown.update(&chronicle, &timeline, &state, projection));
    check_against_plain_pass(&chronicle, &timeline, &state, &shown);
    let other = Projection::for_extent(100.0, 20.0, 140.0, 50.0);
    assert!(shown.update(&chronicle, &timeline, &state, other));
    let place = chronicle.places.len() - 1;
    let (x, y) = other.forward(chronicle.places[place].lon, chronicle.places[place].lat);
    assert_eq!(shown.place_point(place), Some([x as f32, y as f32]));
}

#[test]
fn a_day_carried_from_frame_to_frame_draws_what_a_fresh_one_draws() {
    let chronicle = chronicle();
    let timeline = Timeline::new(&chronicle);
    let projection = projection(&chronicle);
    let mut layers = BaseLayers::new(projection, &chronicle.map);
    let size = (1280.0, 720.0);
    let mut camera = Camera::new((0.0, 0.0), 1.0, size);
    let (w, s, e, n) = chronicle.home_extent().to_tuple();
    camera.fit_lonlat(&projection, (w, s, e, n), size, 24.0);
    let style = Style::atlas();
    let options = OverlayOptions::default();
    // The scene drawn with a day handed over, and the one drawn from scratch.
    let mut both = |shown: &ShownDay, state: &ViewState| {
        let kept = scene::compose_day(
            &chronicle,
            &timeline,
            shown,
            scene::Context::default(),
            &mut layers,
            &camera,
            &style,
            state,
            options,
        );
        let fresh = scene::compose(&chronicle, &timeline, &mut layers, &camera, &style, state, options);
        (kept, fresh)
    };
    let mut state = state(&chronicle, &timeline, "1950-06-15", true);
    let mut carried = ShownDay::new(&chronicle, &timeline, &state, projection);
    for day in ["1950-06-16", "1951-01-01", "1944-03-02"] {
        state.go_to(day.parse().unwrap());
        carried.update(&chronicle, &timeline, &state, projection);
        let (kept, fresh) = both(&carried, &state);
        assert_eq!(kept, fresh, "{day}");
        assert!(kept.markers.iter().any(|m| m.cluster.is_some()) || kept.markers.len() > 10);
    }
    // A day handed over for another day is not drawn: the scene is of the state's day.
    let stale = ShownDay::new(&chronicle, &timeline, &state, projection);
    state.go_to("1952-01-01".parse().unwrap());
    let (drawn, fresh) = both(&stale, &state);
    assert_eq!(drawn, fresh);
}

/// Everything two days say, through what the map asks of them.
fn assert_same_day(carried: &ShownDay, fresh: &ShownDay, what: &str) {
    assert_eq!(carried.day(), fresh.day(), "{what}: day");
    assert_eq!(carried.events(), fresh.events(), "{what}: events");
    assert_eq!(carried.active(), fresh.active(), "{what}: active events");
    assert_eq!(carried.groups(), fresh.groups(), "{what}: groups");
    for (a, b) in carried.groups().iter().zip(fresh.groups()) {
        assert!(
            carried.events_of(a).eq(fresh.events_of(b)),
            "{what}: events at place {}",
            a.place
        );
        assert_eq!(
            carried.leading_of(a),
            fresh.leading_of(b),
            "{what}: most present at place {}",
            a.place
        );
        assert!(
            carried.threads_of(a).eq(fresh.threads_of(b)),
            "{what}: threads at place {}",
            a.place
        );
    }
    assert_eq!(carried.place_weights(), fresh.place_weights(), "{what}: weights");
    assert_eq!(carried.towns(), fresh.towns(), "{what}: towns");
    assert_eq!(carried.journeys(), fresh.journeys(), "{what}: journeys");
}

#[test]
fn a_cumulative_map_stepped_on_day_by_day_is_the_map_gathered_afresh() {
    let chronicle = chronicle();
    let timeline = Timeline::new(&chronicle);
    let projection = projection(&chronicle);
    for hidden in [None, Some("strand-1")] {
        let mut state = state(&chronicle, &timeline, "1950-05-20", true);
        if let Some(thread) = hidden {
            let mut filter = state.filter().clone();
            filter.hidden_threads.insert(thread.into());
            state.set_filter(filter);
        }
        let mut carried = ShownDay::new(&chronicle, &timeline, &state, projection);
        // Day by day for two months (events fall out of their trails into the past on the way),
        // then a jump of a year, then back day by day for six weeks (past events come back into
        // their trails), then a jump back of a year and a half, as a clicker and a slider move.
        let mut days: Vec<chrono::NaiveDate> = (1..=60).map(|n| state.day() + chrono::Days::new(n)).collect();
        let later: chrono::NaiveDate = "1951-07-01".parse().unwrap();
        days.extend((0..=42).map(|n| later - chrono::Days::new(n)));
        days.push("1950-01-01".parse().unwrap());
        days.push("1949-12-31".parse().unwrap());
        for day in days {
            state.go_to(day);
            assert!(carried.update(&chronicle, &timeline, &state, projection));
            let fresh = ShownDay::new(&chronicle, &timeline, &state, projection);
            assert_same_day(&carried, &fresh, &format!("{day}, hiding {hidden:?}"));
        }
        check_against_plain_pass(&chronicle, &timeline, &state, &carried);
    }
}

#[test]
fn a_cumulative_map_before_its_first_event_steps_into_it() {
    let chronicle = chronicle();
    let timeline = Timeline::new(&chronicle);
    let projection = projection(&chronicle);
    let mut state = state(&chronicle, &timeline, "1939-12-25", true);
    let mut carried = ShownDay::new(&chronicle, &timeline, &state, projection);
    assert!(carried.events().is_empty(), "nothing has happened yet");
    for _ in 0..20 {
        state.go_to(state.day() + chrono::Days::new(1));
        carried.update(&chronicle, &timeline, &state, projection);
        let fresh = ShownDay::new(&chronicle, &timeline, &state, projection);
        assert_same_day(&carried, &fresh, &state.day().to_string());
    }
    assert!(!carried.events().is_empty(), "the first events of 1940 are shown");
}

#[test]
fn a_chronicle_of_many_threads_keeps_each_places_threads_in_the_order_met() {
    // Past 64 threads a group's threads are listed rather than marked in a word.
    let mut chronicle = chronicle();
    let base = chronicle.threads.len();
    for k in 0..70 {
        chronicle.threads.push(chronoatlas::chronicle::Thread {
            id: format!("many-{k}"),
            name: format!("Many {k}"),
            description: String::new(),
        });
    }
    for (n, e) in chronicle.events.iter_mut().enumerate().filter(|(n, _)| n % 3 == 0) {
        e.thread = Some(format!("many-{}", n % 70).into());
    }
    chronicle.reindex();
    let timeline = Timeline::new(&chronicle);
    let projection = projection(&chronicle);
    let mut state = state(&chronicle, &timeline, "1950-06-15", true);
    let mut carried = ShownDay::new(&chronicle, &timeline, &state, projection);
    check_against_plain_pass(&chronicle, &timeline, &state, &carried);
    assert!(
        carried
            .groups()
            .iter()
            .any(|g| carried.threads_of(g).any(|t| t as usize >= base + 64)),
        "threads past the 64th are met"
    );
    for _ in 0..10 {
        state.go_to(state.day() + chrono::Days::new(3));
        carried.update(&chronicle, &timeline, &state, projection);
        let fresh = ShownDay::new(&chronicle, &timeline, &state, projection);
        assert_same_day(&carried, &fresh, &state.day().to_string());
    }
    // In the order met: each group's first thread is its first event's.
    for group in carried.groups() {
        let first = carried.events_of(group).next().unwrap();
        let thread = chronicle.events[first.event]
            .thread
            .as_deref()
            .and_then(|t| chronicle.thread_index(t));
        if let Some(t) = thread {
            assert_eq!(carried.threads_of(group).next(), Some(t as u32));
        }
    }
}
