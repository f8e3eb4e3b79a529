//! Large chronicles stay usable: markers gather into clusters with counts at low zoom (never for
//! the default chronicle), long lists and long tours draw only what is on screen and still reach
//! their last row, and text of any length is cut before it is laid out.

mod common;

use chrono::NaiveDate;
use chronoatlas::app::ChronoatlasApp;
use chronoatlas::chronicle::Chronicle;
use chronoatlas::cli::synth::{self, Spec};
use chronoatlas::map::camera::Camera;
use chronoatlas::map::projection::Projection;
use chronoatlas::scene::{self, BaseLayers, MAX_DRAWN, OverlayOptions, Scene, Style};
use chronoatlas::timeline::Timeline;
use chronoatlas::timeline::show::ShowOptions;
use chronoatlas::ui::event_list::ListMode;
use chronoatlas::view_state::ViewState;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

const SIZE: (f64, f64) = (1920.0, 1080.0);

fn busy(places: usize) -> Chronicle {
    synth::chronicle(&Spec {
        events: 0,
        places,
        years: (1950, 1950),
        seed: 3,
        busy_day: NaiveDate::from_ymd_opt(1950, 10, 19),
    })
}

/// The scene of `day` with the camera fitted to `bbox`.
fn scene_of(chronicle: &Chronicle, bbox: [f64; 4], day: NaiveDate, show: ShowOptions) -> Scene {
    let timeline = Timeline::new(chronicle);
    let projection = Projection::for_extent(bbox[0], bbox[1], bbox[2], bbox[3]);
    let mut layers = BaseLayers::new(projection, &chronicle.map);
    let mut camera = Camera::new((0.0, 0.0), 1.0, SIZE);
    camera.fit_lonlat(&projection, (bbox[0], bbox[1], bbox[2], bbox[3]), SIZE, 24.0);
    let mut state = ViewState::new(chronicle, &timeline);
    state.go_to(day);
    state.set_show(show);
    scene::compose(
        chronicle,
        &timeline,
        &mut layers,
        &camera,
        &Style::atlas(),
        &state,
        OverlayOptions::default(),
    )
}

fn on_screen(c: [f32; 2]) -> bool {
    c[0] >= 0.0 && c[1] >= 0.0 && c[0] <= SIZE.0 as f32 && c[1] <= SIZE.1 as f32
}

#[test]
fn thousands_of_places_on_one_day_gather_into_clusters_whose_counts_add_up() {
    let chronicle = busy(3_000);
    let day = NaiveDate::from_ymd_opt(1950, 10, 19).unwrap();
    let scene = scene_of(&chronicle, [-170.0, -50.0, 175.0, 72.0], day, ShowOptions::default());
    let clusters: Vec<_> = scene.markers.iter().filter(|m| m.cluster.is_some()).collect();
    assert!(!clusters.is_empty(), "3,000 places on the world map are clustered");
    assert!(
        scene.markers.len() <= MAX_DRAWN + 1,
        "{} markers drawn",
        scene.markers.len()
    );
    // Every event of the day whose place is well inside the screen is counted once: in a
    // cluster's count or by a marker of its own.
    let counted: usize = scene
        .markers
        .iter()
        .map(|m| m.cluster.map_or(m.events.len(), |c| c.events))
        .sum();
    let singles_off_screen: usize = scene
        .markers
        .iter()
        .filter(|m| m.cluster.is_none() && !on_screen(m.center))
        .map(|m| m.events.len())
        .sum();
    let in_view = chronicle.events.len();
    assert!(counted - singles_off_screen <= in_view);
    // All places are in the world view, apart from a few at its very edges.
    assert!(counted * 100 >= in_view * 95, "{counted} of {in_view} counted");
    for c in &clusters {
        let cluster = c.cluster.unwrap();
        assert!(cluster.places > 1 && cluster.events >= cluster.places);
        assert!(!c.events.is_empty() && c.events.len() <= cluster.events);
    }
    // The count is written on each cluster.
    let counts = scene
        .texts()
        .filter(|t| clusters.iter().any(|c| t.anchor == c.center))
        .count();
    assert_eq!(counts, clusters.len());
}

#[test]
fn zoomed_in_on_a_few_places_each_has_its_own_marker() {
    let chronicle = busy(3_000);
    let day = NaiveDate::from_ymd_opt(1950, 10, 19).unwrap();
    // A box a degree wide around one place holds a handful of places at most.
    let p = &chronicle.places[0];
    let bbox = [p.lon - 0.5, p.lat - 0.3, p.lon + 0.5, p.lat + 0.3];
    let scene = scene_of(&chronicle, bbox, day, ShowOptions::default());
    assert!(scene.markers.iter().all(|m| m.cluster.is_none()));
    assert!(scene.markers.iter().any(|m| m.place == p.id));
}

#[test]
fn the_default_chronicle_is_never_clustered_at_its_views() {
    let chronicle = Chronicle::embedded_default();
    let mut day = NaiveDate::from_ymd_opt(1950, 9, 1).unwrap();
    for view in &chronicle.views {
        let bbox = view.bbox.to_tuple();
        for cumulative in [false, true] {
            let show = ShowOptions {
                cumulative,
                ..ShowOptions::default()
            };
            let scene = scene_of(&chronicle, [bbox.0, bbox.1, bbox.2, bbox.3], day, show);
            assert!(
                scene.markers.iter().all(|m| m.cluster.is_none()),
                "{} on {day} clustered",
                view.id
            );
        }
        day = day + chrono::Days::new(11);
    }
}

fn window_on(chronicle: Chronicle, size: (f32, f32)) -> Harness<'static, ChronoatlasApp> {
    let day = chronicle.opening_day();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(size.0, size.1))
        .with_max_steps(64)
        .build_eframe(move |_cc| ChronoatlasApp::new(chronicle, "synthetic".into()));
    if let Some(day) = day {
        harness.state_mut().state.go_to(day);
    }
    harness.run_steps(3);
    harness
}

/// A wheel far down over `at`.
fn scroll_far_down(harness: &mut Harness<ChronoatlasApp>, at: egui::Pos2) {
    harness.event(egui::Event::PointerMoved(at));
    for _ in 0..3 {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -1.0e9),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: egui::Modifiers::NONE,
        });
        harness.run_steps(3);
    }
}

fn row_name(chronicle: &Chronicle, i: usize) -> String {
    let e = &chronicle.events[i];
    format!("{} — {}", e.date.in_words(), e.title)
}

#[test]
fn the_whole_list_of_many_events_shows_rows_and_scrolls_to_the_last() {
    let chronicle = synth::chronicle(&Spec {
        events: 20_000,
        places: 500,
        years: (1900, 1950),
        seed: 5,
        busy_day: None,
    });
    let mut harness = window_on(chronicle, (1600.0, 1000.0));
    harness.state_mut().event_list.mode = ListMode::All;
    harness.run_steps(3);
    let (first, last) = {
        let app = harness.state();
        let order = app.timeline.order();
        (
            row_name(&app.chronicle, order[0]),
            row_name(&app.chronicle, order[order.len() - 1]),
        )
    };
    harness.get_by_label("20000 in the chronicle");
    let top = harness.get_by_label(&first).rect();
    assert!(
        harness.query_by_label(&last).is_none(),
        "the last row is not laid out at the top"
    );
    scroll_far_down(&mut harness, egui::pos2(top.center().x, top.center().y + 200.0));
    harness.get_by_label(&last);
    assert!(harness.query_by_label(&first).is_none());
}

#[test]
fn a_tour_of_100000_stops_opens_and_scrolls_to_its_last_stop() {
    let chronicle = synth::chronicle(&Spec {
        events: 5_000,
        places: 300,
        years: (1900, 1910),
        seed: 9,
        busy_day: None,
    });
    let tour = synth::tour(&chronicle, 100_000, 9, "synthetic.json");
    let last_stop = tour.stops.len();
    let mut harness = window_on(chronicle, (1600.0, 1000.0));
    {
        let app = harness.state_mut();
        app.tour = Some(tour);
        app.show_tour = true;
    }
    harness.run_steps(3);
    harness.get_by_label("A synthetic tour of 100000 stops");
    let first = harness.get_by_label_contains("1. ").rect();
    assert!(harness.query_by_label_contains(&format!("{last_stop}. ")).is_none());
    scroll_far_down(&mut harness, first.center());
    harness.get_by_label_contains(&format!("{last_stop}. "));
}

#[test]
fn a_ten_megabyte_title_is_shown_cut_in_the_list_and_the_tour() {
    let mut chronicle = synth::chronicle(&Spec {
        events: 50,
        places: 10,
        years: (1950, 1950),
        seed: 2,
        busy_day: NaiveDate::from_ymd_opt(1950, 10, 19),
    });
    let huge = "Long ".repeat(2 * 1024 * 1024);
    let busy = chronicle.events.iter().position(|e| e.id == "e-busy-0").unwrap();
    chronicle.events[busy].title = huge.as_str().into();
    let tour = synth::tour(&chronicle, 3, 2, "synthetic.json");
    let mut harness = window_on(chronicle, (1600.0, 1000.0));
    harness
        .state_mut()
        .state
        .go_to(NaiveDate::from_ymd_opt(1950, 10, 19).unwrap());
    {
        let app = harness.state_mut();
        app.tour = Some(tour);
        app.show_tour = true;
    }
    harness.run_steps(3);
    let row = harness.get_by_label_contains("Long Long Long");
    let label = row.accesskit_node().label().unwrap_or_default();
    assert!(label.len() < 1_000, "a row named with {} bytes", label.len());
    assert!(label.ends_with('…'));
}
