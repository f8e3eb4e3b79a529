//! A chronicle shown as a layer in the real window: its toggle, and its event's evidence in the
//! detail panel when its grey marker is clicked.

mod common;
use common::*;

use chronoatlas::app::{ChronoatlasApp, Startup};
use chronoatlas::chronicle::{self, Chronicle};
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn app_with_layer(on: &str) -> Harness<'static, ChronoatlasApp> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/moving-line.chronicle.json");
    let layer = chronicle::load_file(&path).unwrap();
    let startup = Startup {
        layers: vec![(layer, "moving-line.chronicle.json".into())],
        ..Startup::default()
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1800.0, 1100.0))
        .with_max_steps(64)
        .build_eframe(move |_cc| {
            ChronoatlasApp::new(Chronicle::embedded_default(), "test".into()).with_startup(&startup)
        });
    harness.state_mut().state.go_to(day(on));
    let korea = harness.state().chronicle.view("korean-peninsula").unwrap().bbox;
    harness.state_mut().map.fit(korea);
    harness.run_steps(6);
    harness
}

fn layer_marker_centre(harness: &Harness<ChronoatlasApp>) -> Option<egui::Pos2> {
    let map = &harness.state().map;
    let marker = map.last_scene()?.markers.iter().find(|m| m.layer == Some(0))?;
    Some(map.to_screen(marker.center))
}

#[test]
fn a_layer_event_clicked_shows_its_citations_and_the_toggle_hides_the_layer() {
    let mut harness = app_with_layer("1950-09-15");
    let at = layer_marker_centre(&harness).expect("the layer's event of 15 September has a marker");
    click_at(&mut harness, at);
    assert_eq!(harness.state().map.selected_context, Some((0, 0)));
    assert_eq!(harness.state().state.selected(), None);
    harness.get_by_label("The test line starts");
    harness.get_by_label("Context: A moving line (synthetic test layer)");
    harness.get_by_label("Sketch A, sheet 1");
    harness.get_by_label("First test sketch: synthetic keyframes drawn for the tests.");

    harness.get_by_label("A moving line (synthetic test layer)").click();
    harness.run_steps(3);
    assert!(!harness.state().map.context[0].shown);
    assert!(
        layer_marker_centre(&harness).is_none(),
        "a hidden layer draws no markers"
    );
    harness.get_by_label("No event selected");
}

fn opened(startup: Startup) -> Harness<'static, ChronoatlasApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .with_max_steps(64)
        .build_eframe(move |cc| {
            ChronoatlasApp::open(
                &cc.egui_ctx,
                None,
                Chronicle::embedded_default(),
                "test".into(),
                &startup,
            )
        });
    harness.run_steps(4);
    harness
}

#[test]
fn the_paper_opens_with_the_korean_war_beneath_it_unless_layers_are_named() {
    let harness = opened(Startup::default());
    let titles: Vec<&str> = harness
        .state()
        .map
        .context
        .iter()
        .map(|l| l.chronicle.metadata.title.as_str())
        .collect();
    assert_eq!(titles, ["The war in Korea, June–November 1950"]);
    harness.get_by_label("The war in Korea, June–November 1950");

    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/moving-line.chronicle.json");
    let named = opened(Startup {
        layers: vec![(chronicle::load_file(&path).unwrap(), "moving-line".into())],
        ..Startup::default()
    });
    let titles: Vec<&str> = named
        .state()
        .map
        .context
        .iter()
        .map(|l| l.chronicle.metadata.title.as_str())
        .collect();
    assert_eq!(titles, ["A moving line (synthetic test layer)"]);
}
