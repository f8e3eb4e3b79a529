//! The map of a day: the states, borders, lines and names in force that day, regions drawn as
//! their outlines, and the caches that keep stepping through days cheap.

use chrono::NaiveDate;
use chronoatlas::chronicle::{Chronicle, MapLayer, describe, load_str, validate};
use chronoatlas::map::basemap::{Basemap, Lod};
use chronoatlas::map::camera::Camera;
use chronoatlas::map::projection::Projection;
use chronoatlas::render::svg::{SvgOptions, scene_to_svg};
use chronoatlas::scene::{self, BaseLayer, BaseLayers, OverlayOptions, Primitive, Scene, Style};
use chronoatlas::search;
use chronoatlas::timeline::Timeline;
use chronoatlas::view_state::ViewState;
use std::process::Command;
use std::sync::Arc;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The embedded chronicle's named view on `on`, at 1920×1080.
fn scene_on(view: &str, on: &str) -> Scene {
    let chronicle = Chronicle::embedded_default();
    let timeline = Timeline::new(&chronicle);
    let (w, s, e, n) = chronicle.view(view).unwrap().bbox.to_tuple();
    let projection = Projection::for_extent(w, s, e, n);
    let mut layers = BaseLayers::new(projection, &chronicle.map);
    let size = (1920.0, 1080.0);
    let mut camera = Camera::new((0.0, 0.0), 1.0, size);
    camera.fit_lonlat(&projection, (w, s, e, n), size, 24.0);
    let mut state = ViewState::new(&chronicle, &timeline);
    state.go_to(day(on));
    scene::compose(
        &chronicle,
        &timeline,
        &mut layers,
        &camera,
        &Style::atlas(),
        &state,
        OverlayOptions::default(),
    )
}

fn texts(scene: &Scene) -> Vec<&str> {
    scene.texts().map(|t| t.text.as_str()).collect()
}

#[test]
fn the_map_of_june_1949_has_the_republic_and_beiping() {
    let eurasia = scene_on("eurasia", "1949-06-01");
    let states = texts(&eurasia);
    assert!(
        !states.iter().any(|t| t.contains("PEOPLE'S REPUBLIC\nOF CHINA")),
        "{states:?}"
    );
    assert!(states.contains(&"REPUBLIC\nOF CHINA"), "{states:?}");
    let scene = scene_on("north-china-korea", "1949-06-01");
    let names = texts(&scene);
    assert!(names.contains(&"Beiping"), "{names:?}");
    assert!(!names.contains(&"Beijing"), "{names:?}");
    assert!(
        names.contains(&"NORTH\nKOREA") && names.contains(&"SOUTH\nKOREA"),
        "{names:?}"
    );
}

#[test]
fn the_map_of_october_1950_has_the_peoples_republic_and_beijing() {
    let eurasia = scene_on("eurasia", "1950-10-01");
    let states = texts(&eurasia);
    assert!(states.contains(&"PEOPLE'S REPUBLIC\nOF CHINA"), "{states:?}");
    let scene = scene_on("north-china-korea", "1950-10-01");
    let names = texts(&scene);
    assert!(names.contains(&"Beijing"), "{names:?}");
    assert!(!names.contains(&"Beiping"), "{names:?}");
    assert!(names.contains(&"38th parallel"), "{names:?}");
}

#[test]
fn korea_is_japanese_then_two_zones_then_two_states() {
    let names = |on: &str| -> Vec<String> {
        texts(&scene_on("korean-peninsula", on))
            .into_iter()
            .map(str::to_string)
            .collect()
    };
    let (of_1944, of_1946, of_1950) = (names("1944-06-01"), names("1946-06-01"), names("1950-06-01"));
    let zones = ["SOVIET\nOCCUPATION ZONE", "US\nOCCUPATION ZONE"];
    assert!(
        !of_1944
            .iter()
            .any(|t| zones.contains(&t.as_str()) || t == "38th parallel"),
        "{of_1944:?}"
    );
    assert!(!of_1944.iter().any(|t| t.contains("KOREA")), "{of_1944:?}");
    assert!(zones.iter().all(|z| of_1946.iter().any(|t| t == z)), "{of_1946:?}");
    assert!(of_1946.iter().any(|t| t == "38th parallel"), "{of_1946:?}");
    assert!(!of_1950.iter().any(|t| zones.contains(&t.as_str())), "{of_1950:?}");
    assert!(of_1950.iter().any(|t| t == "NORTH\nKOREA"), "{of_1950:?}");
}

/// Border points of a base layer inside a lon/lat box.
fn border_points_in(base: &BaseLayer, projection: &Projection, (w, s, e, n): (f64, f64, f64, f64)) -> usize {
    base.borders
        .iter()
        .flat_map(|l| &l.points)
        .map(|p| projection.inverse(p[0] as f64, p[1] as f64))
        .filter(|&(lon, lat)| (w..=e).contains(&lon) && (s..=n).contains(&lat))
        .count()
}

#[test]
fn a_border_appears_and_disappears_with_the_window_of_its_state() {
    // A state of China and Mongolia for the 1930s only: their border is gone in its window.
    let map: MapLayer = serde_json::from_str(
        r#"{"states": [{"name": "Greater China", "countries": ["156", "496"],
            "in_force": {"from": "1930", "until": "1939"}}]}"#,
    )
    .unwrap();
    let projection = Projection::for_extent(90.0, 35.0, 125.0, 55.0);
    let basemap = Basemap::embedded(Lod::Medium);
    let gobi = (100.0, 40.0, 115.0, 46.0);
    let on = |d: &str| BaseLayer::build(basemap, projection, &map.on(day(d)));
    assert!(border_points_in(&on("1929-12-31"), &projection, gobi) > 5);
    assert_eq!(border_points_in(&on("1935-06-01"), &projection, gobi), 0);
    assert!(border_points_in(&on("1940-01-01"), &projection, gobi) > 5);
    // The chronicle's own: the armistice line of 1953 is not drawn in 1950, and is afterwards.
    let chronicle = Chronicle::embedded_default();
    let dmz = (126.0, 37.6, 129.0, 38.7);
    let korea = |d: &str| BaseLayer::build(basemap, projection, &chronicle.map.on(day(d)));
    assert_eq!(border_points_in(&korea("1950-10-19"), &projection, dmz), 0);
    assert!(border_points_in(&korea("1953-07-27"), &projection, dmz) > 5);
    assert!(korea("1950-10-19").lines.iter().any(|l| l.name == "38th parallel"));
    assert!(!korea("1953-07-27").lines.iter().any(|l| l.name == "38th parallel"));
}

#[test]
fn stepping_days_reuses_the_layer_until_the_map_changes_and_always_the_land() {
    let chronicle = Chronicle::embedded_default();
    let projection = Projection::for_extent(100.0, 30.0, 135.0, 50.0);
    let mut layers = BaseLayers::new(projection, &chronicle.map);
    let size = (1280.0, 720.0);
    let mut camera = Camera::new((0.0, 0.0), 1.0, size);
    camera.fit_lonlat(&projection, (100.0, 30.0, 135.0, 50.0), size, 24.0);
    let mut at = |d: &str| {
        let layer = layers.for_camera(&camera, day(d));
        (layer as *const BaseLayer, layer.land().clone())
    };
    let (june, land_june) = at("1950-06-01");
    let (october, land_october) = at("1950-10-19");
    let (september_1949, land_1949) = at("1949-09-30");
    assert_eq!(june, october, "nothing changed between June and October 1950");
    assert_ne!(june, september_1949, "the People's Republic did not exist yet");
    assert!(Arc::ptr_eq(&land_june, &land_october) && Arc::ptr_eq(&land_june, &land_1949));
}

#[test]
fn the_northeast_is_drawn_as_its_outline_not_a_circle() {
    let chronicle = Chronicle::embedded_default();
    let northeast = chronicle.place("northeast-china").unwrap();
    let ring = northeast.area.as_ref().expect("the Northeast has an outline");
    assert!(northeast.note.contains("approximate"));
    // "Soviet Union sends 13 air divisions to China", October–December 1950, in the Northeast.
    let scene = scene_on("north-china-korea", "1950-10-20");
    let areas: Vec<_> = scene
        .primitives
        .iter()
        .filter_map(|p| match p {
            Primitive::Area {
                ring,
                triangles,
                dashed,
                ..
            } => Some((ring, triangles, *dashed)),
            _ => None,
        })
        .collect();
    let (drawn, triangles, dashed) = areas
        .iter()
        .find(|a| a.0.len() == ring.len())
        .expect("the outline is drawn");
    assert!(*dashed, "the outline is approximate");
    assert_eq!(triangles.len(), 3 * (drawn.len() - 2), "earcut fills the whole ring");
    assert!(triangles.iter().all(|&i| (i as usize) < drawn.len()));
    let svg = scene_to_svg(&scene, &SvgOptions::default());
    assert!(svg.contains("<polygon"), "the SVG draws the outline");
}

#[test]
fn names_follow_the_day_of_the_event_and_search_finds_both() {
    let chronicle = Chronicle::embedded_default();
    let beijing = chronicle.place("beijing").unwrap();
    assert_eq!(beijing.name_on(day("1949-07-26")), "Beiping");
    assert_eq!(beijing.name_on(day("1949-09-26")), "Beiping");
    assert_eq!(beijing.name_on(day("1949-09-27")), "Beijing");
    let july = chronicle.event("ccp-cables-liu-on-soviet-air-force-aid").unwrap();
    let lines = describe::place_lines(&chronicle, july);
    assert!(
        lines[0].starts_with("Beiping") && lines[0].contains("the source writes Beijing"),
        "{lines:?}"
    );
    let found = search::search_places(&chronicle, "beiping");
    assert_eq!(found, vec![chronicle.place_index("beijing").unwrap()]);
    let order: Vec<usize> = (0..chronicle.events.len()).collect();
    let by_old = search::search(&chronicle, &order, "beiping");
    let by_new = search::search(&chronicle, &order, "beijing");
    assert!(by_old.contains(&chronicle.event_index(&july.id).unwrap()));
    assert!(by_old.iter().all(|i| by_new.contains(i)));
}

#[test]
fn the_events_listing_names_the_place_as_it_was_that_day() {
    let run = |on: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_chronoatlas"))
            .args(["events", "--on", on])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let july_1949 = run("1949-07-26");
    assert!(
        july_1949.contains("Beiping") && !july_1949.contains("Beijing"),
        "{july_1949}"
    );
    let october_1950 = run("1950-10-13");
    assert!(
        october_1950.contains("Beijing") && !october_1950.contains("Beiping"),
        "{october_1950}"
    );
}

#[test]
fn validation_rejects_empty_windows_and_two_states_on_one_country() {
    let chronicle = |map: &str, places: &str| {
        let json = format!(
            r#"{{"metadata": {{"title": "t", "source": {{"reference": "r"}}}}, "places": {places}, "map": {map}}}"#
        );
        load_str(&json, "test.json").unwrap()
    };
    let problems = |c: &Chronicle| validate(c, None).iter().map(|p| p.to_string()).collect::<Vec<_>>();
    let empty = chronicle(
        r#"{"lines": [{"id": "l", "name": "l", "points": [[0, 0], [1, 1]],
            "in_force": {"from": "1950", "until": "1949"}}]}"#,
        "[]",
    );
    let found = problems(&empty);
    assert!(
        found.iter().any(|p| p.starts_with("map line l") && p.contains("empty")),
        "{found:?}"
    );
    let twice = chronicle(
        r#"{"states": [
            {"name": "A", "countries": ["156"], "in_force": {"until": "1949-10-01"}},
            {"name": "B", "countries": ["156"], "in_force": {"from": "1949-10-01"}}]}"#,
        "[]",
    );
    let found = problems(&twice);
    assert!(
        found.iter().any(|p| p.contains("\"156\"") && p.contains("\"B\"")),
        "{found:?}"
    );
    let apart = chronicle(
        r#"{"states": [
            {"name": "A", "countries": ["156"], "in_force": {"until": "1949-09-30"}},
            {"name": "B", "countries": ["156"], "in_force": {"from": "1949-10-01"}}],
            "hidden_borders": [["408", "410"], {"countries": ["156", "496"], "in_force": {"until": "1946-01"}}]}"#,
        "[]",
    );
    assert_eq!(problems(&apart), Vec::<String>::new());
    let name = chronicle(
        "{}",
        r#"[{"id": "p", "name": "P", "lon": 0, "lat": 0, "precision": "city",
            "other_names": [{"name": "Q", "map_name": true, "in_force": {"from": "1949-10", "until": "1949-09"}}]}]"#,
    );
    let found = problems(&name);
    assert!(
        found.iter().any(|p| p.starts_with("place p") && p.contains("\"Q\"")),
        "{found:?}"
    );
}
