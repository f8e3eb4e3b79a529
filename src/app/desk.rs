//! The desk: the bars, the side panels, the map and the windows, each drawn by its panel in
//! `ui`; what they ask for comes back here to be applied.

use super::ChronoatlasApp;
use crate::ui::detail_panel;
use crate::ui::event_list;
use crate::ui::export_window::Shown;
use crate::ui::top_bar;
use eframe::egui;

impl ChronoatlasApp {
    /// The desk: the bars, the side panels, the map and the windows.
    pub(super) fn desk(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        let action = egui::Panel::top("title")
            .show(ui, |ui| {
                top_bar::show(
                    ui,
                    &self.chronicle,
                    &self.file_name,
                    &mut self.panels,
                    &mut self.presentation,
                )
            })
            .inner;
        if let Some(action) = action {
            self.apply_top_bar_action(action, ctx);
        }
        egui::Panel::bottom("time").show(ui, |ui| {
            ui.add_space(4.0);
            let command =
                self.time_controls
                    .show(ui, &self.chronicle, &self.timeline, &mut self.state, &mut self.time_bar);
            if let Some(command) = command {
                self.run_command(command, ctx);
            }
            let style = self.map.style.clone();
            if let Some(event) = self
                .time_bar
                .show(ui, &self.chronicle, &self.timeline, &mut self.state, &style)
            {
                self.choose(event, false);
            }
            ui.add_space(2.0);
        });
        if self.panels.list {
            egui::Panel::left("events")
                .resizable(true)
                .default_size(320.0)
                .show(ui, |ui| {
                    let style = self.map.style.clone();
                    let choice = {
                        let in_view = event_list::in_view(&self.map, &self.chronicle);
                        self.event_list
                            .show(ui, &self.chronicle, &self.timeline, &mut self.state, &style, &in_view)
                    };
                    if let Some(event) = choice.event {
                        self.choose(event, false);
                    }
                    if let Some(place) = choice.place.and_then(|p| self.chronicle.places.get(p)) {
                        let id = place.id.clone();
                        self.map.show_place(&self.chronicle, &id, true);
                    }
                });
        }
        if self.panels.details {
            egui::Panel::right("details")
                .resizable(true)
                .default_size(420.0)
                .show(ui, |ui| {
                    let style = self.map.style.clone();
                    let action = detail_panel::show(ui, &self.chronicle, &self.timeline, &self.state, &style);
                    self.apply_detail_action(action);
                });
        }
        egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| {
            let response = self.map.show(ui, &self.chronicle, &self.timeline, &mut self.state);
            if let Some(event) = response.clicked_event {
                self.state.select(&self.chronicle, event);
            }
        });
        self.tour_window(ctx);
        if self.export_window.open {
            let projection = self.map.layers().projection();
            let shown = Shown {
                chronicle: &self.chronicle,
                state: &self.state,
                camera: self.map.camera().copied(),
                projection,
                overlays: self.map.overlays,
                style: &self.map.style,
            };
            self.export_window.show(ctx, &shown);
        }
    }
}
