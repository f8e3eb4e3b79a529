//! The real window driven through egui_kittest: keys move time, the map pans, zooms and selects,
//! the time bar selects, the go-to field and the views menu work.

mod common;
use common::*;

use chronoatlas::app::ChronoatlasApp;
use chronoatlas::timeline::show::Presence;
use eframe::egui::{self, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn event_index(harness: &Harness<ChronoatlasApp>, id: &str) -> usize {
    harness
        .state()
        .chronicle
        .events
        .iter()
        .position(|e| e.id == id)
        .unwrap()
}

/// Events active on the map in the last frame drawn.
fn active_events(harness: &Harness<ChronoatlasApp>) -> Vec<String> {
    let app = harness.state();
    let shown =
        chronoatlas::timeline::show::events_on(&app.chronicle, &app.timeline, app.state.day(), app.state.show());
    let on_map: Vec<usize> = app
        .map
        .last_scene()
        .unwrap()
        .markers
        .iter()
        .flat_map(|m| m.events.clone())
        .collect();
    shown
        .into_iter()
        .filter(|s| s.presence == Presence::Active && on_map.contains(&s.event))
        .map(|s| app.chronicle.events[s.event].id.to_string())
        .collect()
}

#[test]
fn the_right_arrow_steps_one_day_and_the_yalu_crossing_lights_up() {
    let mut harness = app_on("1950-10-18");
    assert!(!active_events(&harness).contains(&"cpv-crosses-the-yalu".to_string()));
    harness.key_press(Key::ArrowRight);
    harness.run_steps(2);
    assert_eq!(harness.state().state.day(), day("1950-10-19"));
    assert!(active_events(&harness).contains(&"cpv-crosses-the-yalu".to_string()));
    harness.key_press(Key::ArrowLeft);
    harness.run_steps(2);
    assert_eq!(harness.state().state.day(), day("1950-10-18"));
}

#[test]
fn shift_arrows_step_a_week_and_page_keys_jump_between_event_days() {
    let mut harness = app_on("1950-09-15");
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    harness.run_steps(2);
    assert_eq!(harness.state().state.day(), day("1950-09-22"));
    harness.state_mut().state.go_to(day("1950-09-15"));
    harness.key_press(Key::PageDown);
    harness.run_steps(2);
    let expected = harness.state().timeline.next_event_day(day("1950-09-15")).unwrap();
    assert_eq!(harness.state().state.day(), expected);
    assert!(expected > day("1950-09-15") && expected <= day("1950-10-01"));
    harness.key_press(Key::PageUp);
    harness.run_steps(2);
    assert_eq!(
        harness.state().state.day(),
        day("1950-09-15"),
        "the Inchon landing is an event day"
    );
    harness.key_press(Key::End);
    harness.run_steps(2);
    assert_eq!(harness.state().state.day().format("%Y").to_string(), "1950");
    harness.key_press(Key::Home);
    harness.run_steps(2);
    assert!(harness.state().state.day() < day("1942-01-01"));
}

#[test]
fn space_plays_time_forward() {
    let mut harness = app_on("1950-10-01");
    harness.key_press(Key::Space);
    harness.run_steps(30);
    let app = harness.state();
    assert!(app.state.playback().playing);
    assert!(
        app.state.day() > day("1950-10-01"),
        "playback moved to {}",
        app.state.day()
    );
}

#[test]
fn dragging_pans_and_the_plus_key_and_wheel_zoom() {
    let mut harness = app_on("1950-10-19");
    let before = *harness.state().map.camera().unwrap();
    let start = Pos2::new(800.0, 400.0);
    harness.event(egui::Event::PointerMoved(start));
    harness.event(egui::Event::PointerButton {
        pos: start,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    harness.step();
    for k in 1..=10 {
        harness.event(egui::Event::PointerMoved(start + egui::vec2(10.0 * k as f32, 0.0)));
        harness.step();
    }
    harness.event(egui::Event::PointerButton {
        pos: start + egui::vec2(100.0, 0.0),
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.run_steps(2);
    let panned = *harness.state().map.camera().unwrap();
    assert!(
        panned.center().0 < before.center().0,
        "dragging right moves the view west"
    );
    assert_eq!(panned.pixels_per_km(), before.pixels_per_km());

    harness.key_press(Key::Plus);
    harness.run_steps(2);
    let zoomed = *harness.state().map.camera().unwrap();
    assert!((zoomed.pixels_per_km() / panned.pixels_per_km() - 1.5).abs() < 1e-6);

    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 120.0),
        modifiers: Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    harness.run_steps(20);
    assert!(harness.state().map.camera().unwrap().pixels_per_km() > zoomed.pixels_per_km());
}

#[test]
fn clicking_a_marker_selects_its_event_and_a_group_spreads_out_first() {
    let mut harness = app_on("1950-10-08");
    let shenyang = harness
        .state()
        .map
        .last_scene()
        .unwrap()
        .markers
        .iter()
        .find(|m| m.place == "shenyang")
        .cloned();
    let shenyang = shenyang.expect("Shenyang has events on 8 October");
    let pos = harness.state().map.to_screen(shenyang.center);
    click_at(&mut harness, pos);
    if shenyang.events.len() > 1 {
        assert_eq!(harness.state().state.expanded_place(), Some("shenyang"));
        let single = harness
            .state()
            .map
            .last_scene()
            .unwrap()
            .markers
            .iter()
            .find(|m| m.place == "shenyang" && m.spread)
            .cloned()
            .unwrap();
        let pos = harness.state().map.to_screen(single.center);
        click_at(&mut harness, pos);
        assert_eq!(harness.state().state.selected(), Some(single.events[0]));
    } else {
        assert_eq!(harness.state().state.selected(), Some(shenyang.events[0]));
    }
    let selected = harness.state().state.selected().unwrap();
    assert!(
        harness.state().chronicle.events[selected]
            .places
            .iter()
            .any(|p| p == "shenyang")
    );
}

#[test]
fn clicking_an_event_mark_on_the_time_bar_selects_it_and_goes_to_its_day() {
    let mut harness = app_on("1950-10-10");
    let yalu = event_index(&harness, "cpv-crosses-the-yalu");
    let pos = {
        let app = harness.state();
        let yalu = app
            .chronicle
            .events
            .iter()
            .position(|e| e.id == "cpv-crosses-the-yalu")
            .unwrap();
        app.time_bar
            .screen_pos_of_event(&app.chronicle, &app.timeline, yalu)
            .unwrap()
    };
    click_at(&mut harness, pos);
    let app = harness.state();
    assert_eq!(
        app.state.selected(),
        Some(yalu),
        "selected {:?}",
        app.state.selected().map(|i| &app.chronicle.events[i].id)
    );
    assert_eq!(app.state.day(), day("1950-10-19"));
}

#[test]
fn the_go_to_field_accepts_the_ways_historians_write_dates() {
    for (typed, expected) in [
        ("1950-10-19", "1950-10-19"),
        ("19 Oct 1950", "1950-10-19"),
        ("October 8, 1950", "1950-10-08"),
    ] {
        let mut harness = app_on("1950-09-01");
        let field = harness.get_by_label("Go to");
        field.focus();
        field.type_text(typed);
        harness.run_steps(2);
        harness.key_press(Key::Enter);
        harness.run_steps(2);
        assert_eq!(harness.state().state.day(), day(expected), "typed {typed:?}");
    }
}

#[test]
fn the_views_menu_moves_the_map_to_a_bookmark() {
    let mut harness = app_on("1950-10-19");
    let before = *harness.state().map.camera().unwrap();
    harness.get_by_label("Views").click();
    harness.run_steps(2);
    harness.get_by_label("The Korean peninsula").click();
    harness.run_steps(3);
    let after = *harness.state().map.camera().unwrap();
    assert!(
        after.pixels_per_km() > before.pixels_per_km() * 3.0,
        "the peninsula view is much closer"
    );
    let markers = &harness.state().map.last_scene().unwrap().markers;
    let yalu = markers.iter().find(|m| m.place == "yalu").expect("the Yalu is in view");
    assert!(yalu.center[0] > 0.0 && yalu.center[1] > 0.0);
}

#[test]
fn typing_a_date_does_not_zoom_the_map() {
    let mut harness = app_on("1950-09-01");
    let before = *harness.state().map.camera().unwrap();
    let field = harness.get_by_label("Go to");
    field.focus();
    field.type_text("1950-10-19");
    harness.run_steps(3);
    assert_eq!(
        harness.state().map.camera().unwrap().pixels_per_km(),
        before.pixels_per_km()
    );
}

#[test]
fn a_click_on_the_time_bar_away_from_the_marks_moves_to_that_day() {
    let mut harness = app_on("1950-10-01");
    let at = harness.state().time_bar.screen_pos_of(day("1950-10-12")).unwrap();
    // The density strip, above the marks: no mark answers there, the day does.
    let pos = Pos2::new(at.x, at.y - 24.0);
    click_at(&mut harness, pos);
    assert_eq!(harness.state().state.day(), day("1950-10-12"));
    assert_eq!(harness.state().state.selected(), None);
}
