//! Presentation mode driven with a clicker's keys, and the tour editor.

mod common;
use common::*;

use chronoatlas::app::ChronoatlasApp;
use chronoatlas::ui::presentation::StepUnit;
use eframe::egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn press(harness: &mut Harness<ChronoatlasApp>, key: Key) {
    harness.key_press(key);
    harness.run_steps(2);
}

#[test]
fn f5_presents_and_the_clicker_steps_by_event_day_and_esc_leaves() {
    let mut harness = app_on("1950-09-15");
    press(&mut harness, Key::F5);
    assert!(harness.state().presentation.active);
    assert!(harness.query_by_label("Views").is_none(), "the toolbars are hidden");
    let next = harness.state().timeline.next_event_day(day("1950-09-15")).unwrap();
    press(&mut harness, Key::PageDown);
    assert_eq!(harness.state().state.day(), next);
    press(&mut harness, Key::PageUp);
    assert_eq!(harness.state().state.day(), day("1950-09-15"));
    press(&mut harness, Key::Escape);
    assert!(!harness.state().presentation.active);
    harness.get_by_label("Views");
}

#[test]
fn the_clicker_walks_the_autumn_1950_tour_and_b_blacks_the_screen() {
    let mut harness = app_on("1950-09-01");
    harness.get_by_label("Tour").click();
    harness.run_steps(2);
    harness.state_mut().presentation.unit = StepUnit::TourStop;
    press(&mut harness, Key::F5);
    press(&mut harness, Key::PageDown);
    let app = harness.state();
    assert_eq!(app.current_stop, Some(0));
    assert_eq!(app.state.day(), day("1950-09-15"));
    assert_eq!(selected_id(&harness).as_deref(), Some("inchon-landing"));
    let caption = harness.state().tour.as_ref().unwrap().stops[0].caption.clone();
    assert_eq!(harness.state().state.caption(), Some(caption.as_str()));
    // The caption is on the map, in the scene the projector shows.
    let scene = harness.state().map.last_scene().unwrap().clone();
    assert!(
        scene
            .primitives
            .iter()
            .any(|p| matches!(p, chronoatlas::scene::Primitive::Text(t) if t.text.replace('\n', " ") == caption))
    );

    press(&mut harness, Key::Space);
    assert_eq!(harness.state().current_stop, Some(1));
    press(&mut harness, Key::B);
    assert!(harness.state().presentation.blacked);
    press(&mut harness, Key::PageDown);
    assert!(
        !harness.state().presentation.blacked,
        "the first click brings the picture back"
    );
    assert_eq!(harness.state().current_stop, Some(1), "without moving on");
    press(&mut harness, Key::ArrowRight);
    assert_eq!(harness.state().current_stop, Some(2));
    press(&mut harness, Key::ArrowLeft);
    assert_eq!(harness.state().current_stop, Some(1));
    let stops = harness.state().tour.as_ref().unwrap().stops.len();
    for _ in 0..stops + 2 {
        press(&mut harness, Key::PageDown);
    }
    assert_eq!(harness.state().current_stop, Some(stops - 1));
    assert_eq!(harness.state().state.day(), day("1950-10-19"));
    assert_eq!(selected_id(&harness).as_deref(), Some("cpv-crosses-the-yalu"));
}

#[test]
fn keys_follow_the_modes_of_the_command_table() {
    let mut harness = app_on("1950-10-12");
    press(&mut harness, Key::B);
    assert!(
        !harness.state().presentation.blacked,
        "B blacks the screen only while presenting"
    );
    press(&mut harness, Key::Space);
    assert!(harness.state().state.playback().playing, "Space plays at the desk");
    press(&mut harness, Key::Space);
    press(&mut harness, Key::F5);
    let before = *harness.state().map.camera().unwrap();
    press(&mut harness, Key::Plus);
    let zoomed = *harness.state().map.camera().unwrap();
    assert!(
        (zoomed.pixels_per_km() / before.pixels_per_km() - 1.5).abs() < 1e-6,
        "the map's zoom keys work while presenting too"
    );
    let day = harness.state().state.day();
    press(&mut harness, Key::Space);
    assert!(
        !harness.state().state.playback().playing,
        "Space is the clicker's next while presenting"
    );
    assert!(harness.state().state.day() > day);
}

#[test]
fn a_tour_is_edited_and_saved_from_the_window() {
    let mut harness = app_on("1950-10-08");
    harness.get_by_label("Tour").click();
    harness.run_steps(2);
    let before = harness.state().tour.as_ref().unwrap().stops.len();
    let peng = harness
        .state()
        .chronicle
        .events
        .iter()
        .position(|e| e.id == "peng-flies-to-shenyang")
        .unwrap();
    harness.state_mut().choose(peng, false);
    harness.state_mut().current_stop = None;
    harness.run_steps(2);
    harness
        .get_by_label("Add the current day, view and event as a stop")
        .click();
    harness.run_steps(2);
    let tour = harness.state().tour.clone().unwrap();
    assert_eq!(tour.stops.len(), before + 1);
    let added = tour.stops.last().unwrap();
    assert_eq!(added.date, day("1950-10-08"));
    assert_eq!(added.event.as_deref(), Some("peng-flies-to-shenyang"));
    assert!(added.view.is_some());
    harness.get_all_by_label("Delete").next().unwrap().click();
    harness.run_steps(2);
    assert_eq!(harness.state().tour.as_ref().unwrap().stops.len(), before);

    let dir = std::env::temp_dir().join(format!("chronoatlas-tour-ui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("edited.tour.json");
    let field = harness.get_by_label("Tour file");
    field.focus();
    field.type_text(path.to_str().unwrap());
    harness.run_steps(2);
    harness.get_by_label("Save").click();
    harness.run_steps(2);
    let saved = chronoatlas::tour::load_tour(&path).expect("the saved tour loads");
    assert_eq!(saved, *harness.state().tour.as_ref().unwrap());
    harness.get_by_label(&format!("Saved {}", path.display()));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_export_window_saves_the_view_as_shown_without_overwriting() {
    let mut harness = app_on("1950-10-19");
    let dir = std::env::temp_dir().join(format!("chronoatlas-export-ui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    harness.get_by_label("Export…").click();
    harness.run_steps(2);
    harness.state_mut().export_window.folder = dir.display().to_string();
    harness.state_mut().export_window.size = (960, 540);
    harness.run_steps(2);
    for round in 1..=2 {
        harness.get_by_label("Export the view as shown").click();
        for _ in 0..200 {
            harness.step();
            if harness.state().export_window.message.is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let message = harness
            .state()
            .export_window
            .message
            .clone()
            .expect("the export finishes");
        assert!(message.is_ok(), "{message:?}");
        let files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
        assert_eq!(files.len(), round, "a second export gets a new name: {files:?}");
    }
    let first = dir.join("chronoatlas-1950-10-19.png");
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&first).unwrap()));
    let info = decoder.read_info().unwrap().info().clone();
    assert_eq!((info.width, info.height), (960, 540));
    assert!(dir.join("chronoatlas-1950-10-19-2.png").exists());
    std::fs::remove_dir_all(&dir).ok();
}
