//! The rules ViewState keeps, checked after every kind of step.

use super::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn fixture() -> (Chronicle, Timeline) {
    let chronicle = Chronicle::embedded_default();
    let timeline = Timeline::new(&chronicle);
    (chronicle, timeline)
}

/// The invariants, read from the private fields so a stale value cannot hide behind an accessor.
fn assert_invariants(s: &ViewState, chronicle: &Chronicle, after: &str) {
    if let Some((written_for, text)) = &s.caption {
        assert_eq!(*written_for, s.day, "after {after}: caption {text:?} outlived its day");
        assert!(!text.is_empty(), "after {after}: an empty caption is kept");
    }
    assert!(
        s.selected.is_none_or(|i| i < chronicle.events.len()),
        "after {after}: selection {:?} names no event",
        s.selected
    );
    assert!(s.span.0 <= s.span.1, "after {after}: span {:?} runs backwards", s.span);
    assert!(
        (0.5..=30.0).contains(&s.playback.days_per_second),
        "after {after}: speed {}",
        s.playback.days_per_second
    );
}

type Step = (&'static str, fn(&mut ViewState, &Chronicle, &Timeline));

/// Every method that can move the day, each from a tour stop's captioned day.
const STEPS: [Step; 11] = [
    ("step_days(1)", |s, _, _| s.step_days(1)),
    ("step_days(-7)", |s, _, _| s.step_days(-7)),
    ("go_to", |s, _, _| s.go_to(day("1950-10-01"))),
    ("next_event", |s, c, t| {
        s.next_event(c, t);
    }),
    ("previous_event", |s, c, t| {
        s.previous_event(c, t);
    }),
    ("first_event", |s, c, t| s.first_event(c, t)),
    ("last_event", |s, c, t| s.last_event(c, t)),
    ("set_span", |s, _, _| s.set_span(day("1950-11-30"), day("1950-11-01"))),
    ("play from outside the span", |s, _, _| {
        s.set_span(day("1950-09-01"), day("1950-09-30"));
        s.toggle_play();
    }),
    ("advance", |s, _, _| {
        s.toggle_play();
        s.advance(1.0);
    }),
    ("select an event of another day", |s, c, _| {
        let other = c.events.iter().position(|e| !e.date.is_active_on(s.day())).unwrap();
        s.select(c, other);
    }),
];

#[test]
fn a_caption_set_for_a_stop_disappears_after_stepping_a_day() {
    let (c, t) = fixture();
    let mut s = ViewState::new(&c, &t);
    s.show_caption_for(day("1950-10-19"), "The crossing begins at dusk.");
    assert_eq!(s.day(), day("1950-10-19"));
    assert_eq!(s.caption(), Some("The crossing begins at dusk."));
    s.step_days(1);
    assert_eq!(s.caption(), None);
    s.step_days(-1);
    assert_eq!(s.caption(), None, "coming back does not bring it back");
}

#[test]
fn every_step_that_moves_the_day_drops_the_caption_and_keeps_the_invariants() {
    let (c, t) = fixture();
    for (name, step) in STEPS {
        let mut s = ViewState::new(&c, &t);
        s.set_span(day("1950-09-01"), day("1950-12-31"));
        s.show_caption_for(day("1950-10-12"), "A stop's words");
        assert_invariants(&s, &c, "show_caption_for");
        step(&mut s, &c, &t);
        assert_ne!(s.day(), day("1950-10-12"), "{name} should have moved the day");
        assert_eq!(s.caption(), None, "{name} kept the caption");
        assert_eq!(s.caption, None, "{name} kept the caption in memory");
        assert_invariants(&s, &c, name);
    }
}

#[test]
fn changes_that_keep_the_day_keep_the_caption_unless_the_selection_changes() {
    let (c, t) = fixture();
    let mut s = ViewState::new(&c, &t);
    let yalu = c.events.iter().position(|e| e.id == "cpv-crosses-the-yalu").unwrap();
    s.select(&c, yalu);
    s.show_caption_for(day("1950-10-19"), "Across the river");
    s.set_show(ShowOptions {
        cumulative: true,
        ..s.show()
    });
    s.set_filter(Filter {
        actor: Some("Peng Dehuai".into()),
        ..Filter::default()
    });
    s.expand_place(Some("andong".into()));
    s.step_days(0);
    s.select(&c, yalu);
    assert_eq!(s.caption(), Some("Across the river"));
    s.deselect();
    assert_eq!(s.caption(), None, "the caption spoke of the event no longer selected");
    assert_invariants(&s, &c, "deselect");
}

#[test]
fn setters_keep_values_within_their_rules() {
    let (c, t) = fixture();
    let mut s = ViewState::new(&c, &t);
    s.set_speed(1000.0);
    assert_eq!(s.playback().days_per_second, 30.0);
    s.set_speed(0.0);
    assert_eq!(s.playback().days_per_second, 0.5);
    s.set_speed(f64::NAN);
    assert_eq!(
        s.playback().days_per_second,
        0.5,
        "a speed that is no number is ignored"
    );
    s.set_selected(&c, Some(c.events.len()));
    assert_eq!(s.selected(), None, "an index past the events selects nothing");
    s.go_to(day("1950-06-25"));
    s.set_span(day("1950-10-31"), day("1950-10-01"));
    assert_eq!(s.span(), (day("1950-10-01"), day("1950-10-31")));
    assert_eq!(
        s.day(),
        day("1950-10-01"),
        "a day outside the new span moves to its start"
    );
    s.show_caption_for(day("1950-10-05"), "");
    assert_eq!(s.caption, None, "an empty caption is none");
    assert_invariants(&s, &c, "setters");
}

#[test]
fn stepping_at_the_ends_of_the_calendar_does_not_overflow() {
    let (c, t) = fixture();
    let mut s = ViewState::new(&c, &t);
    s.go_to(NaiveDate::MAX);
    s.step_days(1);
    assert_eq!(s.day(), NaiveDate::MAX);
    assert!(!s.next_event(&c, &t));
    s.last_event(&c, &t);
    assert_eq!(Some(s.day()), t.previous_event_day(NaiveDate::MAX));
    s.go_to(NaiveDate::MIN);
    s.step_days(-1);
    assert_eq!(s.day(), NaiveDate::MIN);
    assert!(!s.previous_event(&c, &t));
}
