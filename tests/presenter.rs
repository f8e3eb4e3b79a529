//! The presenter console: a second window beside the projected map, and the speaker notes of
//! tours. The map's window is the real app in egui_kittest (where the console shows embedded,
//! as a window inside it); the console's own window is a second harness running exactly what
//! its viewport runs, over the state the two share.

mod common;
use common::*;

use chronoatlas::app::ChronoatlasApp;
use chronoatlas::app::console::{SharedConsole, console_ui};
use chronoatlas::chronicle::Chronicle;
use chronoatlas::tour::{self, Tour};
use chronoatlas::ui::commands::Command;
use eframe::egui::{self, Key, Modifiers, ViewportClass};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::process::Command as Process;

fn press(harness: &mut Harness<ChronoatlasApp>, key: Key) {
    harness.key_press(key);
    harness.run_steps(2);
}

/// Plays the built-in tour and presents it with the console (Alt+F5).
fn presenting_with_console() -> Harness<'static, ChronoatlasApp> {
    let mut harness = app_on("1950-09-01");
    press(&mut harness, Key::T);
    harness.key_press_modifiers(Modifiers::ALT, Key::F5);
    harness.run_steps(3);
    assert!(harness.state().presentation.active, "Alt+F5 presents");
    assert!(harness.state().console_open(), "with the console");
    harness
}

fn shared(harness: &Harness<ChronoatlasApp>) -> SharedConsole {
    harness
        .state()
        .presenter_console()
        .expect("the console exists while presenting with it")
        .shared
        .clone()
}

/// The console's own window: what its viewport runs, in a harness of its own.
fn console_window(shared: SharedConsole) -> Harness<'static> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1200.0, 900.0))
        .with_max_steps(16)
        .build_ui(move |ui| console_ui(ui, &shared, ViewportClass::Deferred));
    harness.run_steps(2);
    harness
}

fn stop(k: usize) -> tour::Stop {
    Tour::embedded_default().stops[k].clone()
}

fn title_of(k: usize) -> String {
    let chronicle = Chronicle::embedded_default();
    chronoatlas::ui::console::stop_title(&chronicle, &stop(k))
}

/// The first line of a stop's notes: labels are matched on text they contain.
fn notes_line(k: usize) -> String {
    stop(k).notes.lines().next().unwrap().to_string()
}

#[test]
fn the_console_shows_the_stops_notes_and_the_next_stops_title() {
    let harness = presenting_with_console();
    assert_eq!(harness.state().current_stop, Some(0));
    // Embedded in the map's window here: the console's panels are the real ones.
    harness.get_by_label_contains(&notes_line(0));
    harness.get_by_label(&format!("2. {}", title_of(1)));
    harness.get_by_label("Speaker notes");
    // The selected event's sources, from the detail panel.
    harness.get_by_label_contains("UN forces' successful landing at Inchon");
    assert!(harness.query_by_label_contains(&notes_line(1)).is_none());

    let console = console_window(shared(&harness));
    console.get_by_label_contains(&notes_line(0));
    console.get_by_label(&format!("2. {}", title_of(1)));
}

#[test]
fn stepping_in_either_window_moves_both() {
    let mut harness = presenting_with_console();
    let mut console = console_window(shared(&harness));

    // The clicker in the map's window: the console follows.
    press(&mut harness, Key::PageDown);
    assert_eq!(harness.state().current_stop, Some(1));
    console.run_steps(2);
    console.get_by_label_contains(&notes_line(1));
    console.get_by_label(&format!("3. {}", title_of(2)));

    // The clicker in the console's window: the map follows.
    console.key_press(Key::PageDown);
    console.run_steps(1);
    harness.run_steps(2);
    assert_eq!(
        harness.state().current_stop,
        Some(2),
        "a key in the console steps the tour"
    );
    assert_eq!(harness.state().state.day(), stop(2).date);
    console.run_steps(2);
    console.get_by_label_contains(&notes_line(2));
    harness.get_by_label_contains(&notes_line(2));

    console.key_press(Key::ArrowLeft);
    console.run_steps(1);
    harness.run_steps(2);
    assert_eq!(harness.state().current_stop, Some(1), "and back");

    // The console's buttons and its list of stops.
    console
        .get_by_label(&format!(
            "Next › ({})",
            Command::ClickerNext.keys_text().split(" / ").next().unwrap()
        ))
        .click();
    console.run_steps(1);
    harness.run_steps(2);
    assert_eq!(harness.state().current_stop, Some(2));
    console
        .get_by_label_contains(&format!("9. 9 Oct — {}", title_of(8)))
        .click_accesskit();
    console.run_steps(1);
    harness.run_steps(2);
    assert_eq!(harness.state().current_stop, Some(8), "a stop of the list is jumped to");
    assert_eq!(harness.state().state.day(), stop(8).date);
    console.run_steps(2);
    console.get_by_label_contains(&notes_line(8));
    console.get_by_label(&format!("10. {}", title_of(9)));
    console.get_by_label(&format!("8. {}", title_of(7)));
    // Stop 9's event is disputed: the console shows the dispute as the detail panel does.
    console.get_by_label_contains("Shi Zhe insists on 6 October");

    // B in the console blacks the hall's screen, and the console says so.
    console.key_press(Key::B);
    console.run_steps(1);
    harness.run_steps(2);
    assert!(harness.state().presentation.blacked);
    console.run_steps(2);
    console.get_by_label("The hall sees a black screen");
}

#[test]
fn closing_the_console_keeps_presenting_and_esc_ends_both() {
    let mut harness = presenting_with_console();
    let mut console = console_window(shared(&harness));
    // The window manager's close button on the console's window.
    console
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    console.run_steps(1);
    harness.run_steps(2);
    assert!(!harness.state().console_open(), "the console closed");
    assert!(harness.state().presentation.active, "presenting goes on");
    press(&mut harness, Key::PageDown);
    assert_eq!(harness.state().current_stop, Some(1), "the clicker still steps");

    // Alt+F5 opens it again, on the stop shown.
    harness.key_press_modifiers(Modifiers::ALT, Key::F5);
    harness.run_steps(3);
    assert!(harness.state().console_open());
    harness.get_by_label_contains(&notes_line(1));

    // Esc in the console ends presenting, and the console with it.
    let mut console = console_window(shared(&harness));
    console.key_press(Key::Escape);
    console.run_steps(1);
    harness.run_steps(2);
    assert!(!harness.state().presentation.active);
    assert!(harness.state().presenter_console().is_none());
    assert!(harness.query_by_label("Speaker notes").is_none());

    // F5 alone presents without the console.
    press(&mut harness, Key::F5);
    assert!(harness.state().presentation.active);
    assert!(!harness.state().console_open());
    assert!(harness.query_by_label("Speaker notes").is_none());
}

#[test]
fn every_stop_of_the_built_in_tour_has_notes_citing_footnotes_the_chronicle_has() {
    let tour = Tour::embedded_default();
    let chronicle = Chronicle::embedded_default();
    assert_eq!(tour.stops.len(), 14);
    assert!(
        tour::check(&tour, &chronicle).is_empty(),
        "{:?}",
        tour::check(&tour, &chronicle)
    );
    for (k, stop) in tour.stops.iter().enumerate() {
        assert!(stop.notes.len() > 80, "stop {} has hardly any notes", k + 1);
        // Each stop but the last points the lecturer to a footnote to cite.
        if k + 1 < tour.stops.len() {
            assert!(
                !tour::cited_footnotes(&stop.notes).is_empty(),
                "stop {} cites no footnote",
                k + 1
            );
        }
    }
    // A note citing a footnote the chronicle lacks is reported.
    let mut wrong = tour.clone();
    wrong.stops[2].notes.push_str(" See fn. 86 and fn. 4000.");
    let problems: Vec<String> = tour::check(&wrong, &chronicle).iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].contains("stop 3") && problems[0].contains("fn. 86"),
        "{problems:?}"
    );
    assert!(problems[1].contains("fn. 4000"), "{problems:?}");
}

#[test]
fn notes_are_saved_with_the_tour_and_left_out_when_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.tour.json");
    let tour = Tour::embedded_default();
    tour::save_tour(&tour, &path).unwrap();
    let shipped =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/autumn-1950.tour.json"))
            .unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        shipped,
        "the shipped file is as saved"
    );
    let mut bare = tour.clone();
    for stop in &mut bare.stops {
        stop.notes.clear();
    }
    tour::save_tour(&bare, &path).unwrap();
    assert!(!std::fs::read_to_string(&path).unwrap().contains("\"notes\""));
    assert_eq!(tour::load_tour(&path).unwrap(), bare);
}

#[test]
fn the_tour_editor_edits_a_stops_notes_in_a_multi_line_field() {
    let mut harness = app_on("1950-09-01");
    harness.state_mut().open_tour();
    harness.run_steps(2);
    let fields = harness.get_all_by_label("Notes").collect::<Vec<_>>();
    // The tour panel draws only the stops in sight (a tour may have 100,000), each with its
    // notes field; the first stop is always in sight when the panel opens.
    assert!((1..=14).contains(&fields.len()), "{} notes fields", fields.len());
    fields[0].focus();
    harness.run_steps(1);
    harness
        .get_all_by_label("Notes")
        .next()
        .unwrap()
        .type_text("Second line.");
    harness.key_press(Key::Enter);
    harness.get_all_by_label("Notes").next().unwrap().type_text("Third.");
    harness.run_steps(2);
    let notes = harness.state().tour.as_ref().unwrap().stops[0].notes.clone();
    assert!(notes.ends_with("Second line.\nThird."), "{notes:?}");
}

#[test]
fn a_console_screenshot_needs_the_console_and_a_screenshot() {
    let run = |args: &[&str]| {
        Process::new(env!("CARGO_BIN_EXE_chronoatlas"))
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["--presenter-screenshot", "c.png"]);
    assert_eq!(out.status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    let same = dir.path().join("same.png");
    let same = same.to_str().unwrap();
    let out = run(&["--presenter", "--screenshot", same, "--presenter-screenshot", same]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the same file"));
}

/// Width and height of a PNG, from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG"), "not a PNG");
    let be = |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (be(16), be(20))
}

/// Both windows through the real program on a wide virtual screen (two monitors' worth), where
/// `xvfb-run` is installed: each picture is written, and each window took half the screen.
#[test]
fn presenting_with_the_console_on_a_wide_screen_writes_both_pictures() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.png");
    let console = dir.path().join("console.png");
    let tour = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/autumn-1950.tour.json");
    let run = Process::new("timeout")
        .args(["180", "xvfb-run", "-a", "-s", "-screen 0 3840x1080x24"])
        .arg(env!("CARGO_BIN_EXE_chronoatlas"))
        .args(["--present", "--presenter", "--tour"])
        .arg(&tour)
        .args(["--stop", "9", "--screenshot"])
        .arg(&map)
        .arg("--presenter-screenshot")
        .arg(&console)
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .output();
    let stderr = |out: &std::process::Output| String::from_utf8_lossy(&out.stderr).to_string();
    let out = match run {
        Ok(out) if out.status.code() != Some(127) && !stderr(&out).contains("cannot open the window") => out,
        Ok(out) => {
            eprintln!(
                "presenting_with_the_console_on_a_wide_screen_writes_both_pictures: skipped, no virtual display here: {}",
                stderr(&out).trim()
            );
            return;
        }
        Err(e) => {
            eprintln!(
                "presenting_with_the_console_on_a_wide_screen_writes_both_pictures: skipped, cannot run timeout/xvfb-run: {e}"
            );
            return;
        }
    };
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        printed.contains("map.png") && printed.contains("console.png"),
        "{printed}"
    );
    assert_eq!(
        png_size(&std::fs::read(&map).unwrap()),
        (1920, 1080),
        "the map: the right half"
    );
    assert_eq!(
        png_size(&std::fs::read(&console).unwrap()),
        (1920, 1080),
        "the console: the left half"
    );
}
