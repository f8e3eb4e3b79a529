//! Playing a tour with the clicker, the stop counter, `--tour`/`--stop`, the eased fly-to, the
//! opening day and view, and the first-start hint.

mod common;
use common::*;

use chronoatlas::app::ChronoatlasApp;
use chronoatlas::chronicle::{Chronicle, GeoBox};
use chronoatlas::cli::{Cli, window_startup};
use chronoatlas::scene::Primitive;
use chronoatlas::ui::commands::{Command, Mode, first_start_hint};
use chronoatlas::ui::presentation::StepUnit;
use clap::Parser;
use eframe::egui::{self, Key};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn press(harness: &mut Harness<ChronoatlasApp>, key: Key) {
    harness.key_press(key);
    harness.run_steps(2);
}

/// The texts of the scene the map last drew.
fn scene_texts(harness: &Harness<ChronoatlasApp>) -> Vec<String> {
    let scene = harness.state().map.last_scene().expect("the map was drawn");
    scene
        .primitives
        .iter()
        .filter_map(|p| match p {
            Primitive::Text(t) => Some(t.text.clone()),
            _ => None,
        })
        .collect()
}

fn counter(harness: &Harness<ChronoatlasApp>) -> Option<String> {
    scene_texts(harness).into_iter().find(|t| t.contains(" / "))
}

#[test]
fn a_playing_tour_steps_stop_by_stop_and_leaving_it_returns_to_the_setting() {
    let mut harness = app_on("1950-09-01");
    harness.state_mut().presentation.unit = StepUnit::Day;
    press(&mut harness, Key::T);
    assert!(harness.state().presentation.tour_playing);
    assert_eq!(harness.state().current_stop, Some(0));
    assert_eq!(harness.state().tour.as_ref().unwrap().stops.len(), 14);
    assert_eq!(counter(&harness).as_deref(), Some("1 / 14"), "the desk map counts too");

    press(&mut harness, Key::F5);
    assert_eq!(harness.state().map.overlays.stop_counter, Some((1, 14)));
    press(&mut harness, Key::PageDown);
    assert_eq!(harness.state().current_stop, Some(1), "by stop, whatever the setting");
    let stop = harness.state().tour.as_ref().unwrap().stops[1].clone();
    assert_eq!(harness.state().state.day(), stop.date);
    assert_eq!(counter(&harness).as_deref(), Some("2 / 14"));
    press(&mut harness, Key::Space);
    press(&mut harness, Key::ArrowRight);
    assert_eq!(harness.state().current_stop, Some(3));
    press(&mut harness, Key::PageUp);
    press(&mut harness, Key::ArrowLeft);
    assert_eq!(harness.state().current_stop, Some(1));
    assert_eq!(counter(&harness).as_deref(), Some("2 / 14"));

    // Esc leaves presenting, and at the desk Esc leaves the tour.
    press(&mut harness, Key::Escape);
    assert!(!harness.state().presentation.active);
    assert!(harness.state().presentation.tour_playing);
    press(&mut harness, Key::Escape);
    assert!(!harness.state().presentation.tour_playing);
    assert_eq!(counter(&harness), None, "no counter once the tour is left");

    press(&mut harness, Key::F5);
    let day = harness.state().state.day();
    press(&mut harness, Key::PageDown);
    assert_eq!(
        harness.state().state.day(),
        day.succ_opt().unwrap(),
        "the clicker steps by the setting again: one day"
    );
    assert_eq!(harness.state().current_stop, Some(1), "the tour kept its place");
}

#[test]
fn the_desk_keys_follow_a_playing_tour_and_the_buttons_start_and_stop_it() {
    let mut harness = app_on("1950-09-01");
    harness.get_by_label(&Command::PlayTour.label_with_key()).click();
    harness.run_steps(2);
    assert_eq!(harness.state().current_stop, Some(0));
    press(&mut harness, Key::PageDown);
    assert_eq!(harness.state().current_stop, Some(1));
    press(&mut harness, Key::Space);
    assert_eq!(harness.state().current_stop, Some(2));
    assert!(!harness.state().state.playback().playing, "Space steps, not plays");
    harness.get_by_label(&Command::StopTour.label_with_key()).click();
    harness.run_steps(2);
    assert!(!harness.state().presentation.tour_playing);
    let day = harness.state().state.day();
    press(&mut harness, Key::ArrowRight);
    assert_eq!(harness.state().state.day(), day.succ_opt().unwrap());
}

#[test]
fn presenting_shows_callouts_without_legend_and_l_toggles_the_legend() {
    let mut harness = app_on("1950-10-08");
    let desk = harness.state().map.overlays;
    assert!(
        !desk.callouts && desk.legend,
        "the desk: legend on, callouts off by default"
    );
    harness.get_by_label("Callouts").click();
    harness.run_steps(2);
    assert!(harness.state().map.overlays.callouts, "the desk's toggle");
    harness.get_by_label("Callouts").click();
    harness.run_steps(2);
    press(&mut harness, Key::F5);
    let shown = harness.state().map.overlays;
    assert!(shown.callouts && !shown.legend && shown.caption);
    press(&mut harness, Key::L);
    assert!(harness.state().map.overlays.legend);
    press(&mut harness, Key::L);
    assert!(!harness.state().map.overlays.legend);
    press(&mut harness, Key::Escape);
    assert_eq!(harness.state().map.overlays, desk, "back to the desk's options");
}

#[test]
fn f12_works_in_both_modes_and_the_editor_never_covers_the_projected_map() {
    assert!(Command::Screenshot.when().includes(Mode::Presenting));
    assert!(Command::Screenshot.when().includes(Mode::Desk));
    let mut harness = app_on("1950-09-01");
    harness.get_by_label("Tour").click();
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label("Add the current day, view and event as a stop")
            .is_some()
    );
    press(&mut harness, Key::F5);
    assert!(
        harness
            .query_by_label("Add the current day, view and event as a stop")
            .is_none(),
        "the editor is hidden while presenting"
    );
    press(&mut harness, Key::Escape);
    assert!(harness.state().show_tour, "and back in its place at the desk");
    harness.get_by_label("Add the current day, view and event as a stop");
}

#[test]
fn tour_and_stop_on_the_command_line_open_at_that_stop() {
    let cli = Cli::try_parse_from([
        "chronoatlas",
        "--present",
        "--tour",
        "data/autumn-1950.tour.json",
        "--stop",
        "14",
    ])
    .unwrap();
    let (chronicle, name, startup) = window_startup(&cli).unwrap_or_else(|e| panic!("{}", e.0));
    assert_eq!(startup.tour.as_ref().map(|(_, k)| *k), Some(13));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_max_steps(64)
        .build_eframe(move |_cc| ChronoatlasApp::new(chronicle, name).with_startup(&startup));
    harness.run_steps(4);
    let app = harness.state();
    assert!(app.presentation.active && app.presentation.tour_playing);
    assert_eq!(app.current_stop, Some(13));
    assert_eq!(app.state.day(), day("1950-10-19"));
    assert_eq!(selected_id(&harness).as_deref(), Some("cpv-crosses-the-yalu"));
    assert_eq!(counter(&harness).as_deref(), Some("14 / 14"));

    for (stop, words) in [("15", "has 14 stops, numbered 1 to 14"), ("0", "has 14 stops")] {
        let cli = Cli::try_parse_from(["chronoatlas", "--tour", "data/autumn-1950.tour.json", "--stop", stop]).unwrap();
        let Err(failure) = window_startup(&cli) else {
            panic!("--stop {stop} is out of range")
        };
        let message = failure.0;
        assert!(
            message.contains("data/autumn-1950.tour.json") && message.contains(words),
            "{message}"
        );
    }
    assert!(
        Cli::try_parse_from(["chronoatlas", "--stop", "2"]).is_err(),
        "--stop needs --tour"
    );
}

/// The middle of what the map shows, in degrees: comparable across the projections of views.
fn middle(harness: &mut Harness<ChronoatlasApp>) -> (f64, f64) {
    let [w, s, e, n] = harness.state_mut().map.visible_lonlat_bbox().unwrap();
    ((w + e) / 2.0, (s + n) / 2.0)
}

fn settled_on(fly: bool, dt: f32) -> Harness<'static, ChronoatlasApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_step_dt(dt)
        .with_max_steps(64)
        .build_eframe(|_cc| ChronoatlasApp::new(Chronicle::embedded_default(), "test".into()));
    harness.state_mut().map.fly = fly;
    harness.state_mut().map.fit_home();
    harness.run_steps(6);
    harness
}

#[test]
fn a_view_change_flies_there_eased_within_a_second() {
    let target = GeoBox::new(124.0, 33.0, 131.0, 43.0);
    let dt = 0.05;
    let mut cut = settled_on(false, dt);
    cut.state_mut().map.fit(target);
    cut.run_steps(4);
    let end_camera = *cut.state().map.camera().unwrap();
    let end = middle(&mut cut);

    let mut harness = settled_on(true, dt);
    let start = middle(&mut harness);
    harness.state_mut().map.fit(target);
    harness.step();
    let steps_to_half = (0.25 / dt).round() as usize;
    harness.run_steps(steps_to_half);
    let half = middle(&mut harness);
    let between = |v: f64, a: f64, b: f64| (a.min(b) + 0.5 < v) && (v < a.max(b) - 0.5);
    assert!(
        between(half.0, start.0, end.0) && between(half.1, start.1, end.1),
        "half-way the map is between start and target: {start:?} {half:?} {end:?}"
    );
    assert!(harness.state().map.flying());
    harness.run_steps((0.75 / dt) as usize);
    assert!(!harness.state().map.flying(), "arrived within a second");
    let arrived = *harness.state().map.camera().unwrap();
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * a.abs().max(1.0);
    assert!(
        close(arrived.center().0, end_camera.center().0)
            && close(arrived.center().1, end_camera.center().1)
            && close(arrived.pixels_per_km(), end_camera.pixels_per_km()),
        "{arrived:?} vs {end_camera:?}"
    );
}

#[test]
fn the_default_chronicle_opens_on_its_opening_day_and_view_with_a_hint_that_goes() {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_max_steps(64)
        .build_eframe(|_cc| ChronoatlasApp::new(Chronicle::embedded_default(), "test".into()));
    harness.run_steps(3);
    let chronicle = Chronicle::embedded_default();
    let opening = chronicle
        .metadata
        .opening
        .clone()
        .expect("the default chronicle says where it opens");
    assert_eq!(opening.date.as_deref(), Some("1950-09-15"));
    assert_eq!(harness.state().state.day(), day("1950-09-15"));
    let korea = chronicle.place("inchon").or_else(|| chronicle.place("seoul")).unwrap();
    let (lon, lat) = (korea.lon, korea.lat);
    assert!(
        harness.state_mut().map.is_visible(lon, lat),
        "Korea is in the opening view"
    );
    let moscow = chronicle.place("moscow").unwrap();
    let (lon, lat) = (moscow.lon, moscow.lat);
    assert!(
        !harness.state_mut().map.is_visible(lon, lat),
        "the opening view is North China and Korea, not Eurasia"
    );

    let hint = first_start_hint();
    for key in ["Right arrow", "PageDown", "F5", "T Play tour"] {
        assert!(hint.contains(key), "{hint}");
    }
    harness.get_by_label(&hint);
    press(&mut harness, Key::ArrowRight);
    assert!(harness.query_by_label(&hint).is_none(), "gone after the first key");
    assert!(!harness.state().hint);
}
