//! The war's events beneath the paper in the real window: listed and found with the paper's own,
//! in grey and named by their layer; chosen from the list or clicked on the map, at the desk and
//! while presenting, with their citations in the detail panel.

mod common;
use common::*;

use chronoatlas::app::{ChronoatlasApp, Startup};
use chronoatlas::chronicle::Chronicle;
use chronoatlas::search::{self, Found};
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const LAYER: &str = "· layer “The war in Korea, June–November 1950”";

/// The paper opened as a user opens it (the war beneath it), on `on`, over Korea.
fn opened_on(on: &str) -> Harness<'static, ChronoatlasApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1800.0, 1100.0))
        .with_max_steps(64)
        .build_eframe(|cc| {
            ChronoatlasApp::open(
                &cc.egui_ctx,
                None,
                Chronicle::embedded_default(),
                "test".into(),
                &Startup::default(),
            )
        });
    harness.state_mut().state.go_to(day(on));
    let korea = harness.state().chronicle.view("korean-peninsula").unwrap().bbox;
    harness.state_mut().map.fit(korea);
    harness.run_steps(6);
    harness
}

#[test]
fn search_finds_the_layers_events_after_the_chronicles_own() {
    let main = Chronicle::embedded_default();
    let main_timeline = chronoatlas::timeline::Timeline::new(&main);
    let war = chronoatlas::chronicle::default_layers().remove(0).0;
    let war_timeline = chronoatlas::timeline::Timeline::new(&war);
    let found = search::search_with_layers(&main, main_timeline.order(), [(0, &war, war_timeline.order())], "yalu");
    let first_layer = found.iter().position(|f| matches!(f, Found::Layer(..))).unwrap();
    assert!(first_layer > 0, "the paper's own events come first: {found:?}");
    assert!(found[first_layer..].iter().all(|f| matches!(f, Found::Layer(0, _))));
    let titles: Vec<&str> = found
        .iter()
        .filter_map(|f| match f {
            Found::Layer(_, i) => Some(war.events[*i].title.as_str()),
            Found::Event(_) => None,
        })
        .collect();
    assert!(titles.iter().any(|t| t.contains("Chosan")), "{titles:?}");
}

#[test]
fn the_list_shows_the_days_layer_events_in_grey_and_choosing_one_shows_its_citations() {
    let mut harness = opened_on("1950-10-19");
    let rows = harness.query_all_by_label_contains(LAYER).count();
    assert!(rows > 0, "the war's events of 19 October are listed");
    // P'yongyang taken, an event of the war only.
    harness.get_by_label_contains("UN forces take P'yongyang").click();
    harness.run_steps(3);
    let app = harness.state();
    let (layer, event) = app.map.selected_context.expect("a layer's event is selected");
    assert_eq!(layer, 0);
    assert_eq!(app.state.selected(), None);
    let chosen = &app.map.context[0].chronicle.events[event];
    let title = chosen.title.clone();
    let citation = chosen.citations.first().map(|c| c.source.clone()).unwrap();
    let short = app.map.context[0]
        .chronicle
        .metadata
        .sources
        .iter()
        .find(|s| s.id == citation)
        .map(|s| s.short.clone())
        .unwrap();
    harness.get_by_label("Context: The war in Korea, June–November 1950");
    assert!(
        harness.query_all_by_label_contains(&title).count() >= 2,
        "the list row and the panel"
    );
    assert!(
        harness.query_all_by_label_contains(&short).count() > 0,
        "the panel cites {short}"
    );

    // Searching finds the war's events with the paper's.
    harness.state_mut().event_list.query = "Chosan".into();
    harness.run_steps(3);
    assert!(
        harness.query_all_by_label_contains(LAYER).count() > 0,
        "a layer's event found"
    );
}

#[test]
fn a_layer_event_clicked_while_presenting_is_selected() {
    let mut harness = opened_on("1950-10-19");
    let ctx = harness.ctx.clone();
    harness.state_mut().start_presenting(&ctx);
    let korea = harness.state().chronicle.view("korean-peninsula").unwrap().bbox;
    harness.state_mut().map.fit(korea);
    harness.run_steps(8);
    assert!(harness.state().presentation.active);
    let (at, expected) = {
        let map = &harness.state().map;
        let scene = map.last_scene().expect("the map is drawn");
        let marker = scene
            .markers
            .iter()
            .find(|m| m.layer == Some(0))
            .expect("a war event of 19 October has a grey marker");
        (map.to_screen(marker.center), marker.events[0])
    };
    click_at(&mut harness, at);
    assert!(harness.state().presentation.active, "still presenting");
    assert_eq!(harness.state().map.selected_context, Some((0, expected)));
    assert_eq!(harness.state().state.selected(), None);
}
