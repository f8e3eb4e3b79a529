//! The window. For now it shows what chronicle is open; the map and time bar build on it.

use crate::chronicle::Chronicle;
use crate::timeline::Timeline;
use eframe::egui;

/// Owns the loaded chronicle and everything derived from it.
pub struct ChronoatlasApp {
    chronicle: Chronicle,
    /// Shown in the window so the user knows which file is open.
    file_name: String,
    timeline: Timeline,
}

impl ChronoatlasApp {
    pub fn new(chronicle: Chronicle, file_name: String) -> ChronoatlasApp {
        let timeline = Timeline::new(&chronicle);
        ChronoatlasApp {
            chronicle,
            file_name,
            timeline,
        }
    }
}

impl eframe::App for ChronoatlasApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(ui.available_height() * 0.3);
                ui.heading(&self.chronicle.metadata.title);
                ui.add_space(8.0);
                ui.label(&self.chronicle.metadata.source.reference);
                ui.add_space(16.0);
                let span = match self.timeline.span() {
                    Some((first, last)) => format!(
                        "{} events from {} to {}",
                        self.chronicle.events.len(),
                        first.format("%-d %B %Y"),
                        last.format("%-d %B %Y")
                    ),
                    None => "no events".to_string(),
                };
                ui.label(span);
                ui.label(format!(
                    "{} places · {} movements · {} footnotes",
                    self.chronicle.places.len(),
                    self.chronicle.movements.len(),
                    self.chronicle.footnotes.len()
                ));
                ui.add_space(16.0);
                ui.weak(format!("Opened {}. The map is not drawn yet.", self.file_name));
            });
        });
    }
}

/// Opens the window on a chronicle; returns when the window closes.
pub fn run(chronicle: Chronicle, file_name: String) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(format!("chronoatlas — {}", chronicle.metadata.title))
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    eframe::run_native(
        "chronoatlas",
        options,
        Box::new(move |_cc| Ok(Box::new(ChronoatlasApp::new(chronicle, file_name)))),
    )
}
