//! The window opens a chronicle with a bad reference and lists the problem over the map.

use chronoatlas::app::ChronoatlasApp;
use chronoatlas::cli::{Cli, window_startup};
use clap::Parser;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const BAD_REFERENCE: &str = r#"{
  "metadata": { "title": "A bad reference", "source": { "reference": "test" } },
  "places": [ { "id": "seoul", "name": "Seoul", "lon": 126.98, "lat": 37.57, "precision": "city" } ],
  "events": [
    { "id": "fine", "title": "At Seoul", "date": "1950-06-28", "places": ["seoul"] },
    { "id": "bad", "title": "Nowhere", "date": "1950-06-29", "places": ["nowhere"] }
  ]
}"#;

#[test]
fn the_window_lists_the_problems_of_the_chronicle_it_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.chronicle.json");
    std::fs::write(&path, BAD_REFERENCE).unwrap();
    let cli = Cli::parse_from(["chronoatlas", path.to_str().unwrap()]);
    let Ok((chronicle, name, startup)) = window_startup(&cli) else {
        panic!("the window opens what is valid");
    };
    assert_eq!(startup.problems.len(), 1);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_max_steps(64)
        .build_eframe(move |_cc| ChronoatlasApp::new(chronicle.clone(), name.clone()).with_startup(&startup));
    harness.run_steps(3);
    harness.get_by_label("1 problem reading the chronicle");
    let line = format!("{}: event bad: unknown place \"nowhere\"", path.display());
    harness.get_by_label(&line);
    // Closed, it stays closed.
    harness.state_mut().problems.open = false;
    harness.run_steps(2);
    assert!(harness.query_by_label(&line).is_none());
}
