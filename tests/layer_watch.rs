//! Layers added beneath the chronicle ("open as an added layer", `--layer`) are read again when
//! their files change on disk, keeping the day, the view and the selection; a layer file broken
//! on disk keeps the layer as it was and says why. Also: a layer in scripts the bundled fonts
//! lack names the characters no font here draws in the problems window.

mod common;
use common::*;

use chronoatlas::app::{ChronoatlasApp, FilePurpose};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

const VOYAGE: &str = "tests/fixtures/voyage-1492.chronicle.json";

fn scratch_copy(from: &str, name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(from), &path).unwrap();
    (dir, path)
}

/// Saved as an editor does: a new file renamed over the old one.
fn save_over(path: &Path, text: &str) {
    let temp = path.with_extension("tmp");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

fn layer_titles(harness: &Harness<ChronoatlasApp>) -> Vec<String> {
    let app = harness.state();
    app.map
        .context
        .last()
        .unwrap()
        .chronicle
        .events
        .iter()
        .map(|e| e.title.to_string())
        .collect()
}

#[test]
fn an_added_layer_that_changes_on_disk_is_read_again_keeping_day_view_and_selection() {
    let (_dir, path) = scratch_copy(VOYAGE, "voyage.chronicle.json");
    let mut harness = app_on("1950-10-19");
    assert!(harness.state_mut().open_chosen(FilePurpose::OpenLayer, &path));
    harness.run_steps(4);
    let layer = harness.state().map.context.len() - 1;
    assert!(harness.state().watched_layers() >= 1, "the layer's file is watched");
    let landfall = harness.state().map.context[layer]
        .chronicle
        .event_index("landfall")
        .unwrap();
    harness.state_mut().map.selected_context = Some((layer, landfall));
    harness.run_steps(2);
    let view = harness.state_mut().map.visible_lonlat_bbox().unwrap();
    let title = harness.state().chronicle.metadata.title.clone();

    // An event added before the landfall moves its index; the landfall is renamed.
    let text = std::fs::read_to_string(&path).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let events = json["events"].as_array_mut().unwrap();
    let mut added = events[1].clone();
    added["id"] = "sighting".into();
    added["title"] = "A sighting".into();
    events.insert(0, added);
    events[1]["title"] = "Landfall, read again".into();
    save_over(&path, &serde_json::to_string_pretty(&json).unwrap());

    // The change comes from the watcher's thread and settles for 300 ms (or is polled every
    // 2 s): step the window until it has been read, within a generous bound.
    let read_again = |h: &Harness<ChronoatlasApp>| layer_titles(h).iter().any(|t| t == "Landfall, read again");
    for _ in 0..300 {
        if read_again(&harness) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
    }
    assert!(
        read_again(&harness),
        "the changed layer was read again: {:?}",
        layer_titles(&harness)
    );
    let app = harness.state();
    assert_eq!(app.state.day(), day("1950-10-19"), "the day stays");
    assert_eq!(app.chronicle.metadata.title, title, "the chronicle shown stays");
    let selected = app
        .map
        .selected_context
        .map(|(l, e)| (l, app.map.context[l].chronicle.events[e].id.to_string()));
    assert_eq!(
        selected,
        Some((layer, "landfall".to_string())),
        "the selection follows its id"
    );
    let now = harness.state_mut().map.visible_lonlat_bbox().unwrap();
    for k in 0..4 {
        assert!((view[k] - now[k]).abs() < 1e-6, "the view stays: {view:?} then {now:?}");
    }
}

#[test]
fn a_layer_file_broken_on_disk_keeps_the_layer_and_says_why() {
    let (_dir, path) = scratch_copy(VOYAGE, "voyage.chronicle.json");
    let mut harness = app_on("1950-10-19");
    assert!(harness.state_mut().open_chosen(FilePurpose::OpenLayer, &path));
    harness.run_steps(2);
    let layer = harness.state().map.context.len() - 1;
    std::fs::write(&path, "{ \"format\": ").unwrap();
    assert!(!harness.state_mut().reload_layer(layer));
    harness.run_steps(3);
    assert_eq!(
        harness.state().map.context[layer].chronicle.events.len(),
        3,
        "the layer stays"
    );
    harness.get_by_label_contains("could not be read again");
}

fn stand_in_system_fonts() {
    // The stand-in "system font" covers Arabic, Hebrew, Armenian and Georgian; nothing here
    // covers Thai or Devanagari.
    chronoatlas::fonts::set_font_dirs(vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fonts")]);
}

#[test]
fn names_in_scripts_from_a_system_font_draw_without_a_missing_glyph() {
    stand_in_system_fonts();
    // The fixture without its Thai and Devanagari names.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scripts.chronicle.json");
    let mut json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(fixture).unwrap()).unwrap();
    let drop = ["bangkok", "delhi", "th", "hi"];
    for list in ["places", "events"] {
        json[list]
            .as_array_mut()
            .unwrap()
            .retain(|v| !drop.contains(&v["id"].as_str().unwrap()));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scripts.chronicle.json");
    std::fs::write(&path, json.to_string()).unwrap();
    let mut harness = app_on("1950-10-01");
    assert!(harness.state_mut().open_chosen(FilePurpose::OpenChronicle, &path));
    harness.state_mut().state.go_to(day("1950-10-01"));
    // egui_kittest panics on any glyph no installed font has: the Arabic, Hebrew and Georgian
    // titles in the event list and on the map draw from the system font loaded for them.
    harness.run_steps(6);
    assert!(
        harness.state().problems.lines.is_empty(),
        "{:?}",
        harness.state().problems.lines
    );
    harness.get_by_label_contains("القاهرة");
    harness.get_by_label_contains("თბილისი");
}

#[test]
fn a_layer_in_scripts_no_font_here_draws_is_named_in_the_problems_window() {
    stand_in_system_fonts();
    let mut harness = app_on("1950-10-01");
    // Thai and Devanagari have no font here: they draw as boxes (which egui_kittest would
    // otherwise refuse) and are named.
    harness
        .ctx
        .set_missing_glyph_policy(eframe::egui::MissingGlyphPolicy::Tofu);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scripts.chronicle.json");
    assert!(harness.state_mut().open_chosen(FilePurpose::OpenLayer, &fixture));
    harness.run_steps(4);
    let lines = harness.state().problems.lines.clone();
    assert_eq!(lines.len(), 4, "{lines:#?}");
    assert!(
        lines.iter().all(|l| l.contains("Thai") || l.contains("Devanagari")),
        "{lines:#?}"
    );
    assert!(
        chronoatlas::fonts::can_draw('ق'),
        "Arabic comes from the stand-in system font"
    );
    harness.get_by_label_contains("event th: no font here draws its Thai characters");
    harness.get_by_label_contains("opened whole, but no font on this machine draws these texts");
}
