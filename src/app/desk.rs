//! The desk: the bars, the side panels, the map and the windows, each drawn by its panel in
//! `ui`; what they ask for comes back here to be applied.

use super::ChronoatlasApp;
use crate::ui::detail_panel;
use crate::ui::event_list;
use crate::ui::export_window::Shown;
use crate::ui::top_bar;
use eframe::egui;

/// The side panels' widths on a large screen.
const LIST_WIDTH: f32 = 320.0;
const DETAILS_WIDTH: f32 = 420.0;
/// Together the side panels start at most at this share of the window, so the map keeps at
/// least 60% of a laptop's width, or of the fewer points a large text size leaves.
const PANELS_SHARE: f32 = 0.38;
/// A panel dragged or pushed wider stops at this share of the window.
const PANEL_MAX_SHARE: f32 = 0.25;

/// A side panel's first width, and the widest it may become, in a window `width` points wide:
/// its large-screen width, narrowed in proportion with the other where both would not fit.
fn panel_width(width: f32, large: f32) -> (f32, f32) {
    let fit = (width * PANELS_SHARE / (LIST_WIDTH + DETAILS_WIDTH)).min(1.0);
    let default = large * fit;
    (default, (width * PANEL_MAX_SHARE).max(default))
}

impl ChronoatlasApp {
    /// Selects a layer's event clicked on the map (at the desk or while presenting): it is ringed
    /// and the detail panel shows it; the chronicle's own selection goes.
    pub fn select_layer_event(&mut self, (layer, event): (usize, usize)) {
        self.map.selected_context = Some((layer, event));
        self.state.set_selected(&self.chronicle, None);
    }

    /// Selects a layer's event from the list: moves to its first day unless it is happening on
    /// the day shown, and brings its place into view.
    pub fn choose_layer_event(&mut self, layer: usize, event: usize) {
        let Some(l) = self.map.context.get(layer) else { return };
        let Some(e) = l.chronicle.events.get(event) else { return };
        let (date, place) = (
            e.date.clone(),
            e.places.first().and_then(|p| l.chronicle.place(p)).cloned(),
        );
        self.select_layer_event((layer, event));
        if !date.is_active_on(self.state.day()) {
            self.state.go_to(date.first_day());
        }
        if let Some(p) = place
            && !self.map.is_visible(p.lon, p.lat)
        {
            self.map.center_on(p.lon, p.lat);
        }
    }

    /// F9: hides both side panels, or shows them both again.
    pub fn toggle_side_panels(&mut self) {
        let show = !(self.panels.list || self.panels.details);
        self.panels.list = show;
        self.panels.details = show;
    }

    /// The desk: the bars, the side panels, the map and the windows.
    pub(super) fn desk(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        let width = ui.available_width();
        let (action, file_action) = egui::Panel::top("title")
            .show(ui, |ui| {
                ui.horizontal_top(|ui| {
                    let menu = super::files::menu(
                        &self.recent_files,
                        &self.recent_tours,
                        self.chronicle_file.as_deref(),
                        self.tour.as_ref(),
                        &self.tour_history,
                    );
                    let file_action = crate::ui::file_menu::show(ui, &menu);
                    let action = top_bar::show(
                        ui,
                        &self.chronicle,
                        &self.file_name,
                        &mut self.panels,
                        &mut self.presentation,
                        &mut self.screenshot_whole_window,
                    );
                    (action, file_action)
                })
                .inner
            })
            .inner;
        if let Some(action) = action {
            self.apply_top_bar_action(action, ctx);
        }
        if let Some(action) = file_action {
            self.apply_file_action(action, ctx);
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
            let (default, widest) = panel_width(width, LIST_WIDTH);
            egui::Panel::left("events")
                .resizable(true)
                .default_size(default)
                .max_size(widest)
                .show(ui, |ui| {
                    let style = self.map.style.clone();
                    let choice = {
                        let in_view = event_list::in_view(&self.map);
                        let around = event_list::Around {
                            layers: &self.map.context,
                            selected: self.map.selected_context,
                            in_view: &in_view,
                        };
                        self.event_list
                            .show(ui, &self.chronicle, &self.timeline, &around, &mut self.state, &style)
                    };
                    if let Some(event) = choice.event {
                        self.choose(event, false);
                    }
                    if let Some((layer, event)) = choice.layer_event {
                        self.choose_layer_event(layer, event);
                    }
                    if let Some(place) = choice.place.and_then(|p| self.chronicle.places.get(p)) {
                        let id = place.id.clone();
                        self.map.show_place(&self.chronicle, &id, true);
                    }
                });
        }
        if self.panels.details {
            let (default, widest) = panel_width(width, DETAILS_WIDTH);
            egui::Panel::right("details")
                .resizable(true)
                .default_size(default)
                .max_size(widest)
                .show(ui, |ui| {
                    if !self.map.context.is_empty() {
                        crate::ui::layers_panel::toggles(ui, &mut self.map.context);
                        ui.separator();
                    }
                    // A layer's event clicked on the map, while it is still shown.
                    let context = self
                        .map
                        .selected_context
                        .filter(|&(l, _)| self.map.context.get(l).is_some_and(|l| l.shown));
                    if let Some((l, event)) = context {
                        crate::ui::layers_panel::show_layer_event(
                            ui,
                            &self.map.context[l],
                            event,
                            detail_panel::BODY_SIZE,
                        );
                        return;
                    }
                    let style = self.map.style.clone();
                    let action = detail_panel::show(ui, &self.chronicle, &self.timeline, &self.state, &style);
                    self.apply_detail_action(action);
                });
        }
        egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| {
            let response = self.map.show(ui, &self.chronicle, &self.timeline, &mut self.state);
            if let Some(event) = response.clicked_event {
                self.map.selected_context = None;
                self.state.select(&self.chronicle, event);
            }
            if let Some(clicked) = response.clicked_context {
                self.select_layer_event(clicked);
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
                layers: &self.map.context,
                ink: self.map.ink.strokes(),
            };
            self.export_window.show(ctx, &shown);
        }
    }
}
