//! Files from the window: opening a chronicle or a tour as the dialog's answer does, by dropping
//! it on the window or from the File menu's recent list; a chronicle as an added layer; the
//! chronicle read again when its file changes, keeping the day; undoing tour edits.

mod common;
use common::*;

use chronoatlas::app::{ChronoatlasApp, FilePurpose, Startup};
use chronoatlas::chronicle::Chronicle;
use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A copy of `from` in a fresh folder, as `name`, that the test may change.
fn scratch_copy(from: &str, name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::copy(repo(from), &path).unwrap();
    (dir, path)
}

const VOYAGE: &str = "tests/fixtures/voyage-1492.chronicle.json";

/// The app as the window opens it, from `storage`.
fn opened(storage: Option<&MemoryStorage>) -> Harness<'static, ChronoatlasApp> {
    let stored = storage.map(|s| MemoryStorage(s.0.clone()));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_max_steps(64)
        .build_eframe(move |cc| {
            let storage = stored.as_ref().map(|s| s as &dyn eframe::Storage);
            ChronoatlasApp::open(
                &cc.egui_ctx,
                storage,
                Chronicle::embedded_default(),
                "test".into(),
                &Startup::default(),
            )
        });
    harness.run_steps(4);
    harness
}

/// A file dropped on the window, as the windowing layer hands it to egui.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(harness: &mut Harness<ChronoatlasApp>, path: &Path) {
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.to_path_buf())));
    harness.run_steps(3);
}

#[test]
fn a_chronicle_chosen_in_the_dialog_opens_in_place_of_the_one_shown() {
    let mut harness = app_on("1950-10-19");
    let path = repo(VOYAGE);
    assert!(harness.state_mut().open_chosen(FilePurpose::OpenChronicle, &path));
    harness.run_steps(3);
    let app = harness.state();
    assert_eq!(
        app.chronicle.metadata.title,
        "Columbus's first voyage, 1492 (test chronicle)"
    );
    assert_eq!(app.chronicle_file(), Some(path.canonicalize().unwrap().as_path()));
    // The day is the new chronicle's, not 1950's.
    assert_eq!(app.state.day().format("%Y").to_string(), "1492");
    assert_eq!(app.recent_files.first(), Some(&path.canonicalize().unwrap()));
    harness.get_by_label("Columbus's first voyage, 1492 (test chronicle)");
}

#[test]
fn any_format_the_importer_reads_opens_and_its_problems_are_listed() {
    let mut harness = app_on("1950-10-19");
    let csv = repo("tests/data/import/korea-1950-timelinejs.csv");
    assert!(harness.state_mut().open_chosen(FilePurpose::OpenChronicle, &csv));
    harness.run_steps(3);
    let app = harness.state();
    assert_eq!(app.file_name(), csv.display().to_string());
    assert!(!app.chronicle.events.is_empty());
    // What the CSV does not say (places given by name only) is listed, naming the file.
    if !app.problems.lines.is_empty() {
        assert!(app.problems.lines[0].contains("korea-1950-timelinejs.csv"));
        harness.get_by_label_contains("reading the chronicle");
    }
}

#[test]
fn a_file_that_cannot_be_read_is_named_in_the_problems_window_and_nothing_changes() {
    let mut harness = app_on("1950-10-19");
    let bad = repo("tests/fixtures/syntax-error.json");
    let title = harness.state().chronicle.metadata.title.clone();
    assert!(!harness.state_mut().open_chosen(FilePurpose::OpenChronicle, &bad));
    harness.run_steps(3);
    assert_eq!(harness.state().chronicle.metadata.title, title);
    assert_eq!(harness.state().state.day(), day("1950-10-19"));
    assert!(
        harness.state().recent_files.is_empty(),
        "a file not opened is not recent"
    );
    harness.get_by_label_contains("could not be opened; the chronicle shown stays as it was");
    let line = harness.state().problems.lines[0].clone();
    assert!(line.contains("syntax-error.json:"), "{line}");
    harness.get_by_label(&line);
}

#[test]
fn a_file_dropped_on_the_window_opens() {
    let mut harness = app_on("1950-10-19");
    drop_file(&mut harness, &repo(VOYAGE));
    assert_eq!(
        harness.state().chronicle.metadata.title,
        "Columbus's first voyage, 1492 (test chronicle)"
    );
    harness.get_by_label_contains("Opened ");
}

#[test]
fn a_tour_dropped_on_the_window_opens_as_the_tour() {
    let mut harness = app_on("1950-10-19");
    let title = harness.state().chronicle.metadata.title.clone();
    let tour = repo("data/autumn-1950.tour.json");
    drop_file(&mut harness, &tour);
    let app = harness.state();
    assert_eq!(app.chronicle.metadata.title, title, "the chronicle stays");
    assert_eq!(app.tour.as_ref().map(|t| t.stops.len()), Some(14));
    assert!(app.show_tour, "the tour editor opens on it");
    assert_eq!(app.recent_tours.first(), Some(&tour.canonicalize().unwrap()));
}

#[test]
fn a_chronicle_opened_as_an_added_layer_goes_beneath_the_one_shown() {
    let mut harness = app_on("1950-10-19");
    let layers = harness.state().map.context.len();
    let title = harness.state().chronicle.metadata.title.clone();
    assert!(harness.state_mut().open_chosen(FilePurpose::OpenLayer, &repo(VOYAGE)));
    harness.run_steps(3);
    let app = harness.state();
    assert_eq!(app.chronicle.metadata.title, title);
    assert_eq!(app.map.context.len(), layers + 1);
    assert!(app.map.context.last().unwrap().shown);
    assert_eq!(app.state.day(), day("1950-10-19"), "the day stays");
}

#[test]
fn the_recent_list_is_remembered_across_a_restart_and_opens_from_the_file_menu() {
    let (_dir, copy) = scratch_copy(VOYAGE, "voyage.chronicle.json");
    let mut first = opened(None);
    assert!(first.state_mut().open_chosen(FilePurpose::OpenChronicle, &copy));
    // Back to the built-in chronicle's file-less state is not possible from the window, so the
    // restart goes on from the file opened; a second file shows the order.
    let csv = repo("tests/data/import/korea-1950-timelinejs.csv");
    assert!(first.state_mut().open_chosen(FilePurpose::OpenChronicle, &csv));
    first.run_steps(2);
    let mut storage = MemoryStorage::default();
    eframe::App::save(first.state_mut(), &mut storage);

    let mut after = opened(Some(&storage));
    let recent = after.state().recent_files.clone();
    assert_eq!(recent, vec![csv.canonicalize().unwrap(), copy.canonicalize().unwrap()]);

    // The File menu lists them; choosing the voyage opens it.
    after.get_by_label("File").click();
    after.run_steps(2);
    after.get_by_label("Open recent").click();
    after.run_steps(2);
    after.get_by_label_contains("voyage.chronicle.json").click();
    after.run_steps(3);
    assert_eq!(
        after.state().chronicle.metadata.title,
        "Columbus's first voyage, 1492 (test chronicle)"
    );

    // A file gone is greyed, and can be forgotten.
    std::fs::remove_file(&copy).unwrap();
    after.get_by_label("File").click();
    after.run_steps(2);
    after.get_by_label("Open recent").click();
    after.run_steps(2);
    after.get_by_label("Forget").click();
    after.run_steps(2);
    assert_eq!(after.state().recent_files, vec![csv.canonicalize().unwrap()]);
}

#[test]
fn reading_the_file_again_keeps_the_day_view_and_selection() {
    let (_dir, path) = scratch_copy(VOYAGE, "voyage.chronicle.json");
    let mut harness = app_on("1950-10-19");
    assert!(harness.state_mut().open_chosen(FilePurpose::OpenChronicle, &path));
    harness.run_steps(4);
    {
        let app = harness.state_mut();
        let landfall = app.chronicle.event_index("landfall").unwrap();
        app.state.select(&app.chronicle, landfall);
        app.state.go_to(day("1492-10-13"));
    }
    harness.run_steps(4);
    let view = harness.state_mut().map.visible_lonlat_bbox().unwrap();
    // The landfall renamed, and an event added before it, so its index moves.
    let text = std::fs::read_to_string(&path).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let events = json["events"].as_array_mut().unwrap();
    let mut added = events[0].clone();
    added["id"] = "sighting".into();
    added["title"] = "A sighting".into();
    events.insert(0, added);
    events[1]["title"] = "Landfall on Guanahani".into();
    std::fs::write(&path, serde_json::to_string_pretty(&json).unwrap()).unwrap();

    assert!(harness.state_mut().reload());
    harness.run_steps(4);
    let app = harness.state();
    assert_eq!(app.state.day(), day("1492-10-13"), "the day stays");
    let selected = app.state.selected().map(|i| app.chronicle.events[i].title.clone());
    assert_eq!(
        selected.as_deref(),
        Some("Landfall on Guanahani"),
        "the selection follows its id"
    );
    let now = harness.state_mut().map.visible_lonlat_bbox().unwrap();
    for k in 0..4 {
        assert!((view[k] - now[k]).abs() < 1e-6, "the view stays: {view:?} then {now:?}");
    }
}

#[test]
fn a_chronicle_that_changes_on_disk_is_read_again_by_itself() {
    let (_dir, path) = scratch_copy(VOYAGE, "voyage.chronicle.json");
    let mut harness = app_on("1950-10-19");
    assert!(harness.state_mut().open_chosen(FilePurpose::OpenChronicle, &path));
    harness.run_steps(4);
    harness.state_mut().state.go_to(day("1492-10-13"));
    harness.run_steps(2);
    assert!(harness.state().watch_notified().is_some(), "the file is watched");

    // Saved as an editor does: a new file renamed over the old one.
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = text.replace("\"Landfall\"", "\"Landfall, read again\"");
    assert_ne!(changed, text);
    let temp = path.with_extension("tmp");
    std::fs::write(&temp, changed).unwrap();
    std::fs::rename(&temp, &path).unwrap();

    // The change comes from the watcher's thread and settles for 300 ms (or is polled every
    // 2 s): step the window until it has been read, within a generous bound.
    let read_again = |h: &Harness<ChronoatlasApp>| {
        h.state()
            .chronicle
            .events
            .iter()
            .any(|e| e.title == "Landfall, read again")
    };
    for _ in 0..300 {
        if read_again(&harness) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
    }
    assert!(read_again(&harness), "the changed file was read again");
    assert_eq!(harness.state().state.day(), day("1492-10-13"), "the day stays");
}

#[test]
fn a_file_broken_on_disk_keeps_the_chronicle_shown_and_says_why() {
    let (_dir, path) = scratch_copy(VOYAGE, "voyage.chronicle.json");
    let mut harness = app_on("1950-10-19");
    assert!(harness.state_mut().open_chosen(FilePurpose::OpenChronicle, &path));
    std::fs::write(&path, "{ \"format\": ").unwrap();
    assert!(!harness.state_mut().reload());
    harness.run_steps(3);
    assert_eq!(harness.state().chronicle.events.len(), 3);
    harness.get_by_label_contains("could not be read again");
}

#[test]
fn a_tour_is_saved_where_the_dialog_says_and_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_on("1950-10-19");
    harness.state_mut().open_tour();
    let path = dir.path().join("lecture.tour.json");
    assert!(harness.state_mut().open_chosen(FilePurpose::SaveTour, &path));
    let saved = chronoatlas::tour::load_tour(&path).unwrap();
    assert_eq!(Some(&saved), harness.state().tour.as_ref());
    assert_eq!(harness.state().tour_path_text(), path.display().to_string());
    assert_eq!(
        harness.state().recent_tours.first(),
        Some(&path.canonicalize().unwrap())
    );
    // And opened again from the dialog.
    assert!(harness.state_mut().open_chosen(FilePurpose::OpenTour, &path));
    assert_eq!(harness.state().tour.as_ref(), Some(&saved));
}

/// The tour editor open on the built-in tour.
fn tour_editor() -> Harness<'static, ChronoatlasApp> {
    let mut harness = app_on("1950-10-19");
    harness.get_by_label("Tour").click();
    harness.run_steps(3);
    harness
}

fn captions(harness: &Harness<ChronoatlasApp>) -> Vec<String> {
    let tour = harness.state().tour.as_ref().unwrap();
    tour.stops.iter().map(|s| s.caption.clone()).collect()
}

#[test]
fn undo_restores_a_deleted_stop_and_redo_deletes_it_again() {
    let mut harness = tour_editor();
    let original = harness.state().tour.clone().unwrap();
    assert_eq!(original.stops.len(), 14);
    // Delete the third stop with its button in the editor.
    harness.get_all_by_label("Delete").nth(2).unwrap().click();
    harness.run_steps(3);
    let mut without_third = original.clone();
    without_third.stops.remove(2);
    assert_eq!(harness.state().tour.as_ref(), Some(&without_third));

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(
        harness.state().tour.as_ref(),
        Some(&original),
        "the stop is back, where it was"
    );

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run_steps(3);
    assert_eq!(harness.state().tour.as_ref(), Some(&without_third), "deleted again");

    // Ctrl+Z and Ctrl+Y do the same.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_steps(2);
    assert_eq!(harness.state().tour.as_ref(), Some(&without_third));
}

#[test]
fn every_tour_edit_undoes_in_turn() {
    let mut harness = tour_editor();
    let original = captions(&harness);
    harness.get_all_by_label("Down").next().unwrap().click();
    harness.run_steps(2);
    // The tour panel draws only the stops in sight (a tour may have 100,000): delete the last
    // of those, through AccessKit in case it lies below the window's fold.
    harness.get_all_by_label("Delete").last().unwrap().click_accesskit();
    harness.run_steps(2);
    harness
        .get_by_label("Add the current day, view and event as a stop")
        .click();
    harness.run_steps(2);
    assert_eq!(harness.state().tour_history_len(), (3, 0));
    for _ in 0..3 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        harness.run_steps(2);
    }
    assert_eq!(captions(&harness), original);
    assert_eq!(harness.state().tour_history_len(), (0, 3));
    // Nothing more to undo: the tour stays and the window says so.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(captions(&harness), original);
    harness.get_by_label("No tour edit to undo.");
}

#[test]
fn the_file_menu_offers_opening_recent_files_reload_and_tours() {
    let mut harness = app_on("1950-10-19");
    harness.get_by_label("File").click();
    harness.run_steps(2);
    for item in [
        "Open…",
        "Open as added layer…",
        "Open recent",
        "Reload",
        "Open tour…",
        "Save tour as…",
        "Recent tours",
        "Undo tour edit",
        "Redo tour edit",
    ] {
        // Items with a key show it beside their name.
        harness.get_by_label_contains(item);
    }
    // The built-in chronicle has no file to read again, and nothing was edited yet.
    assert!(harness.get_by_label("Reload").accesskit_node().is_disabled());
    assert!(
        harness
            .get_by_label_contains("Undo tour edit")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn typing_in_a_stop_is_an_edit_that_undo_takes_back() {
    let mut harness = tour_editor();
    let original = harness.state().tour.clone().unwrap();
    harness.get_all_by_label("Notes").next().unwrap().focus();
    harness.run_steps(1);
    harness
        .get_all_by_label("Notes")
        .next()
        .unwrap()
        .type_text(" Cite fn. 96.");
    harness.run_steps(2);
    let typed = harness.state().tour.clone().unwrap();
    assert!(
        typed.stops[0].notes.ends_with(" Cite fn. 96."),
        "{:?}",
        typed.stops[0].notes
    );
    assert_eq!(typed.stops[1..], original.stops[1..], "only the first stop changed");
    let (undo, redo) = harness.state().tour_history_len();
    assert!(undo >= 1 && redo == 0, "typing was recorded: {undo} to undo");
    // Every step of the typing undone, the tour is as it was.
    for _ in 0..undo {
        assert!(harness.state_mut().undo_tour_edit());
    }
    harness.run_steps(1);
    assert_eq!(harness.state().tour.as_ref(), Some(&original));
    // And a frame with the panel open but nothing typed records nothing.
    harness.run_steps(3);
    assert_eq!(harness.state().tour_history_len().0, 0);
}
