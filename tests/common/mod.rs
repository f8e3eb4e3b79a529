//! What the window tests share: the real app in an egui_kittest harness, and a pointer click.
#![allow(dead_code)]

use chrono::NaiveDate;
use chronoatlas::app::ChronoatlasApp;
use chronoatlas::chronicle::Chronicle;
use eframe::egui::{self, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use std::collections::HashMap;

pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The app on the embedded chronicle, on `on`, in a window of `size`, after it has settled.
pub fn app_on_sized(on: &str, size: (f32, f32)) -> Harness<'static, ChronoatlasApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(size.0, size.1))
        .with_max_steps(64)
        .build_eframe(|_cc| ChronoatlasApp::new(Chronicle::embedded_default(), "test".into()));
    harness.state_mut().state.go_to(day(on));
    // The tests place things in the home view (Eurasia), not the chronicle's opening view.
    harness.state_mut().map.fit_home();
    harness.run_steps(3);
    harness
}

pub fn app_on(on: &str) -> Harness<'static, ChronoatlasApp> {
    app_on_sized(on, (1600.0, 1000.0))
}

pub fn selected_id(harness: &Harness<ChronoatlasApp>) -> Option<String> {
    let app = harness.state();
    app.state.selected().map(|i| app.chronicle.events[i].id.to_string())
}

/// Moves the pointer to `pos`, presses and releases the primary button, and lets the app react.
pub fn click_at(harness: &mut Harness<ChronoatlasApp>, pos: Pos2) {
    harness.event(egui::Event::PointerMoved(pos));
    harness.step();
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    harness.run_steps(3);
}

/// eframe's storage, kept in memory as the file would keep it.
#[derive(Default)]
pub struct MemoryStorage(pub HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }

    fn flush(&mut self) {}
}
