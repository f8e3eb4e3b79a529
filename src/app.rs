//! The window: the map fills it; a thin bar on top names the chronicle. The time bar and the
//! detail panel build on this.

use crate::chronicle::Chronicle;
use crate::timeline::Timeline;
use crate::ui::map_view::MapView;
use eframe::egui;

/// Owns the loaded chronicle and everything derived from it.
pub struct ChronoatlasApp {
    chronicle: Chronicle,
    /// Shown in the window so the user knows which file is open.
    file_name: String,
    timeline: Timeline,
    map: MapView,
}

impl ChronoatlasApp {
    pub fn new(chronicle: Chronicle, file_name: String) -> ChronoatlasApp {
        let timeline = Timeline::new(&chronicle);
        let map = MapView::new(&chronicle);
        ChronoatlasApp {
            chronicle,
            file_name,
            timeline,
            map,
        }
    }
}

impl eframe::App for ChronoatlasApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::Panel::top("title").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(&self.chronicle.metadata.title);
                ui.weak(format!("· {} events · {}", self.chronicle.events.len(), self.file_name));
            });
        });
        egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| {
            // Until the time bar exists, every event is shown.
            self.map.show(ui, &self.chronicle, self.timeline.order());
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
