//! Settings that survive a restart: the real app saves them into an eframe storage (here one in
//! memory) and a new app opens from it as the window does; the command line wins over them and a
//! `--screenshot` run neither reads nor writes them.

mod common;
use common::*;

use chronoatlas::app::{ChronoatlasApp, SETTINGS_KEY, Settings, Startup};
use chronoatlas::chronicle::Chronicle;
use chronoatlas::ui::presentation::StepUnit;
use eframe::Storage;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;

/// The app as the window opens it, from `storage`, at 1280×720.
fn opened(storage: Option<&MemoryStorage>, startup: &Startup) -> Harness<'static, ChronoatlasApp> {
    let startup = startup.clone();
    let stored = storage.map(|s| MemoryStorage(s.0.clone()));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .with_max_steps(64)
        .build_eframe(move |cc| {
            let storage = stored.as_ref().map(|s| s as &dyn eframe::Storage);
            ChronoatlasApp::open(
                &cc.egui_ctx,
                storage,
                Chronicle::embedded_default(),
                "test".into(),
                &startup,
            )
        });
    harness.run_steps(4);
    harness
}

/// Saves as eframe does on closing (and every 30 seconds).
fn save(harness: &mut Harness<ChronoatlasApp>) -> MemoryStorage {
    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    storage
}

fn centre(bbox: [f64; 4]) -> (f64, f64) {
    ((bbox[0] + bbox[2]) / 2.0, (bbox[1] + bbox[3]) / 2.0)
}

/// A lecturer's desk: 9 October on the Korean peninsula, stepping by day, dark, text at 150%,
/// the day's events named.
fn set_up_desk() -> (Harness<'static, ChronoatlasApp>, MemoryStorage) {
    let mut harness = opened(None, &Startup::default());
    harness.ctx.set_zoom_factor(1.5);
    harness.run_steps(2);
    {
        let app = harness.state_mut();
        app.state.go_to(day("1950-10-09"));
        app.presentation.unit = StepUnit::Day;
        app.presentation.dark = true;
        app.presentation.desk_callouts = true;
        let peninsula = app.chronicle.view("korean-peninsula").unwrap().bbox;
        app.map.fit(peninsula);
    }
    harness.run_steps(6);
    let storage = save(&mut harness);
    (harness, storage)
}

#[test]
fn a_settings_struct_round_trips_through_a_storage() {
    let settings = Settings {
        clicker_step: Some("Tour stop".into()),
        dark: true,
        text_size: 2.0,
        desk_callouts: true,
        chronicle: Some(PathBuf::from("/lectures/korea.chronicle.json")),
        tour: Some(PathBuf::from("/lectures/autumn.tour.json")),
        day: Some("1950-10-19".into()),
        view: Some([120.0, 33.0, 131.0, 43.0]),
        hint_seen: true,
        screenshot_whole_window: true,
        recent_files: vec![PathBuf::from("/lectures/korea.chronicle.json")],
        recent_tours: vec![PathBuf::from("/lectures/autumn.tour.json")],
    };
    let mut storage = MemoryStorage::default();
    settings.store(&mut storage);
    assert!(storage.0.contains_key(SETTINGS_KEY));
    assert_eq!(Settings::load(&storage), Some(settings));
    // Settings written by another version keep what can be read.
    storage.set_string(SETTINGS_KEY, "(dark: true, not_known_yet: 3)".into());
    let read = Settings::load(&storage).unwrap();
    assert!(read.dark);
    assert_eq!(read.text_size, 1.0);
    assert_eq!(read.day, None);
}

#[test]
fn the_day_clicker_step_theme_text_size_and_view_survive_a_restart() {
    let (mut before, storage) = set_up_desk();
    let stored = Settings::load(&storage).expect("saved");
    assert_eq!(stored.day.as_deref(), Some("1950-10-09"));
    assert_eq!(stored.chronicle, None, "the embedded chronicle has no file");

    let mut after = opened(Some(&storage), &Startup::default());
    assert_eq!(after.state().state.day(), day("1950-10-09"));
    assert_eq!(after.state().presentation.unit, StepUnit::Day);
    assert!(after.state().presentation.dark);
    assert!(after.state().presentation.desk_callouts);
    after.run();
    assert!(
        after.state().map.overlays.callouts,
        "the map shows the remembered desk callouts"
    );
    assert_eq!(after.ctx.zoom_factor(), 1.5);
    // The same part of the world: the view remembered fills the map again (the map may be of
    // another shape than the one it was remembered from, so it is fitted, not copied).
    let was = before.state_mut().map.visible_lonlat_bbox().unwrap();
    let remembered = stored.view.expect("a view");
    let now = after.state_mut().map.visible_lonlat_bbox().unwrap();
    let ((ax, ay), (bx, by)) = (centre(was), centre(now));
    assert!((ax - bx).abs() < 0.5 && (ay - by).abs() < 0.5, "{was:?} then {now:?}");
    let inside = now[0] <= remembered[0] + 0.2
        && now[1] <= remembered[1] + 0.2
        && now[2] >= remembered[2] - 0.2
        && now[3] >= remembered[3] - 0.2;
    assert!(inside, "{remembered:?} is not all shown in {now:?}");
    let fills =
        ((remembered[2] - remembered[0]) / (now[2] - now[0])).max((remembered[3] - remembered[1]) / (now[3] - now[1]));
    assert!(fills > 0.75, "{remembered:?} fills only {fills} of {now:?}");
}

#[test]
fn the_command_line_wins_over_what_was_remembered() {
    let (_, storage) = set_up_desk();
    let startup = Startup {
        day: Some(day("1950-10-19")),
        ..Startup::default()
    };
    let app = opened(Some(&storage), &startup);
    assert_eq!(app.state().state.day(), day("1950-10-19"));
    // Without --dark the remembered theme stays.
    assert!(app.state().presentation.dark);
}

#[test]
fn a_screenshot_run_neither_reads_nor_writes_the_settings() {
    let (_, storage) = set_up_desk();
    // The harness may take the picture: into a folder of the test's own.
    let dir = tempfile::tempdir().unwrap();
    let startup = Startup {
        screenshot: Some(dir.path().join("shot.png")),
        ..Startup::default()
    };
    let mut app = opened(Some(&storage), &startup);
    let fresh = opened(None, &Startup::default());
    assert_eq!(app.state().state.day(), fresh.state().state.day());
    assert_eq!(app.state().presentation.unit, fresh.state().presentation.unit);
    assert!(!app.state().presentation.dark);
    assert_eq!(app.ctx.zoom_factor(), 1.0);
    assert!(save(&mut app).0.is_empty(), "a screenshot run wrote settings");
}

#[test]
fn a_remembered_chronicle_that_is_gone_is_skipped_with_a_notice() {
    let settings = Settings {
        chronicle: Some(PathBuf::from("/no/such/folder/lecture.chronicle.json")),
        day: Some("1950-10-19".into()),
        ..Settings::default()
    };
    let mut storage = MemoryStorage::default();
    settings.store(&mut storage);
    let app = opened(Some(&storage), &Startup::default());
    assert_eq!(
        app.state().chronicle.metadata.title,
        Chronicle::embedded_default().metadata.title
    );
    // The day was of the other chronicle: not applied.
    assert_ne!(app.state().state.day(), day("1950-10-19"));
    app.get_by_label_contains("is no longer there");
}

#[test]
fn a_remembered_chronicle_file_opens_again_on_its_day() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copy.chronicle.json");
    std::fs::write(&path, chronoatlas::chronicle::DEFAULT_CHRONICLE_JSON).unwrap();
    let startup = Startup {
        file: Some(path.clone()),
        ..Startup::default()
    };
    let mut first = opened(None, &startup);
    first.state_mut().state.go_to(day("1950-10-25"));
    first.run_steps(2);
    let storage = save(&mut first);
    assert_eq!(
        Settings::load(&storage).unwrap().chronicle,
        Some(std::fs::canonicalize(&path).unwrap())
    );
    // Opened with no FILE: the remembered one, on its day.
    let app = opened(Some(&storage), &Startup::default());
    assert_eq!(app.state().state.day(), day("1950-10-25"));
    // Opened on another FILE (here the embedded chronicle's events through --select): its own day.
    let other = Startup {
        select: Some(0),
        ..Startup::default()
    };
    let app = opened(Some(&storage), &other);
    assert_ne!(app.state().state.day(), day("1950-10-25"));
}

#[test]
fn the_first_start_hint_once_used_stays_gone_after_a_restart() {
    let hint = chronoatlas::ui::commands::first_start_hint();
    let mut first = opened(None, &Startup::default());
    first.get_by_label(&hint);
    // Saved before any key: the next start shows it again.
    let untouched = save(&mut first);
    assert!(!Settings::load(&untouched).unwrap().hint_seen);
    opened(Some(&untouched), &Startup::default()).get_by_label(&hint);

    first.key_press(egui::Key::ArrowRight);
    first.run_steps(2);
    assert!(first.query_by_label(&hint).is_none(), "gone after the first key");
    let used = save(&mut first);
    assert!(Settings::load(&used).unwrap().hint_seen);
    let mut again = opened(Some(&used), &Startup::default());
    again.run_steps(2);
    assert!(
        again.query_by_label(&hint).is_none(),
        "the hint came back after a restart"
    );
    assert!(!again.state().hint);
}

#[test]
fn the_whole_window_screenshot_setting_survives_a_restart() {
    let mut first = opened(None, &Startup::default());
    assert!(!first.state().screenshot_whole_window, "the map alone by default");
    first.get_by_label("Settings").click();
    first.run_steps(2);
    first.get_by_label("Screenshot saves the whole window").click();
    first.run_steps(2);
    assert!(first.state().screenshot_whole_window);
    let storage = save(&mut first);
    let again = opened(Some(&storage), &Startup::default());
    assert!(again.state().screenshot_whole_window);
}
