//! Presentation mode and tours: the map alone on a projector, stepped by a clicker through days,
//! event days or the stops of a tour.

use super::ChronoatlasApp;
use crate::tour::Tour;
use crate::ui::presentation::{self, Click, StepUnit};
use crate::ui::tour_panel;
use eframe::egui;

impl ChronoatlasApp {
    /// F5: full screen, panels hidden, projector style.
    pub fn start_presenting(&mut self, ctx: &egui::Context) {
        self.presentation.active = true;
        self.presentation.blacked = false;
        self.map.style = presentation::style(&self.presentation);
        self.map.overlays.caption = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
    }

    /// Esc: back to the desk.
    pub fn stop_presenting(&mut self, ctx: &egui::Context) {
        self.presentation.active = false;
        self.presentation.blacked = false;
        self.map.style = crate::scene::Style::atlas();
        self.map.overlays.caption = false;
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
    }

    /// Applies this frame's clicker keys.
    pub(super) fn handle_clicks(&mut self, ctx: &egui::Context) {
        for click in presentation::read_clicks(ctx) {
            match click {
                Click::Leave => self.stop_presenting(ctx),
                Click::Black => self.presentation.blacked = !self.presentation.blacked,
                Click::Next => self.step(true),
                Click::Previous => self.step(false),
            }
        }
    }

    /// One click forward or back in the chosen unit. A black screen comes back first.
    pub fn step(&mut self, forward: bool) {
        if self.presentation.blacked {
            self.presentation.blacked = false;
            return;
        }
        match self.presentation.unit {
            StepUnit::Day => self.state.step_days(if forward { 1 } else { -1 }),
            StepUnit::Event => {
                if forward {
                    self.state.next_event(&self.chronicle, &self.timeline);
                } else {
                    self.state.previous_event(&self.chronicle, &self.timeline);
                }
            }
            StepUnit::TourStop => {
                let Some(tour) = &self.tour else { return };
                let next = if forward {
                    tour.next_stop_index(self.current_stop)
                } else {
                    tour.previous_stop_index(self.current_stop)
                };
                if let Some(k) = next {
                    self.go_to_stop(k);
                }
            }
        }
    }

    /// Shows a tour stop: its day, its view, its event and its caption.
    pub fn go_to_stop(&mut self, k: usize) {
        let Some(stop) = self.tour.as_ref().and_then(|t| t.stops.get(k)).cloned() else {
            return;
        };
        self.current_stop = Some(k);
        if let Some(bbox) = stop.view.as_ref().and_then(|v| v.bbox(&self.chronicle)) {
            self.map.fit(bbox);
        }
        match stop.event.as_deref().and_then(|id| self.chronicle.event_index(id)) {
            Some(event) => self.state.select(&self.chronicle, event),
            None => self.state.selected = None,
        }
        self.state.day = stop.date;
        self.state.caption = (!stop.caption.is_empty()).then_some(stop.caption);
    }

    /// Opens the built-in tour of the embedded chronicle, or a new empty one.
    pub fn open_tour(&mut self) {
        if self.tour.is_none() {
            let builtin = Tour::embedded_default();
            let fits = crate::tour::check(&builtin, &self.chronicle).is_empty();
            self.tour = Some(if fits {
                builtin
            } else {
                Tour::new(
                    format!("A tour of {}", self.chronicle.metadata.title),
                    self.file_name.clone(),
                )
            });
        }
        self.show_tour = true;
    }

    /// The tour editor window.
    pub(super) fn tour_window(&mut self, ctx: &egui::Context) {
        let mut open = self.show_tour;
        let Some(tour) = self.tour.as_mut() else { return };
        let mut action = tour_panel::TourAction::default();
        egui::Window::new("Tour")
            .open(&mut open)
            .default_width(520.0)
            .show(ctx, |ui| {
                action = self.tour_panel.show(ui, &self.chronicle, tour, self.current_stop);
            });
        self.show_tour = open;
        if action.reordered {
            self.current_stop = None;
        }
        if let Some(k) = action.visit {
            self.go_to_stop(k);
        }
        if action.add_current {
            let event = self.state.selected.map(|i| self.chronicle.events[i].id.clone());
            let caption = self
                .state
                .selected
                .map_or(String::new(), |i| self.chronicle.events[i].title.clone());
            let stop = tour_panel::stop_for(self.state.day, self.map.visible_lonlat_bbox(), event, caption);
            if let Some(tour) = self.tour.as_mut() {
                let at = self.current_stop.map_or(tour.stops.len(), |k| k + 1);
                if tour.add_stop(at, stop) {
                    self.current_stop = Some(at);
                }
                // Say at once if the stop would not show its event (a day outside its window).
                let note = tour_panel::problems_note(tour, &self.chronicle);
                self.tour_panel.message = Some((note.is_empty(), format!("Stop {} added{note}", at + 1)));
            }
        }
    }

    /// The presentation screen: the map, a thin time bar, or black.
    pub(super) fn presentation_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.handle_clicks(&ctx);
        egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| {
            if self.presentation.blacked {
                let rect = ui.max_rect();
                ui.painter().rect_filled(rect, 0.0, egui::Color32::BLACK);
                ui.allocate_rect(rect, egui::Sense::hover());
                return;
            }
            let full = ui.max_rect();
            let bar_height = (full.height() / 40.0).max(12.0);
            let map_rect = egui::Rect::from_min_max(full.min, egui::pos2(full.max.x, full.max.y - bar_height));
            let bar_rect = egui::Rect::from_min_max(egui::pos2(full.min.x, full.max.y - bar_height), full.max);
            ui.scope_builder(egui::UiBuilder::new().max_rect(map_rect), |ui| {
                let response = self.map.show(ui, &self.chronicle, &self.timeline, &mut self.state);
                if let Some(event) = response.clicked_event {
                    self.state.select(&self.chronicle, event);
                }
            });
            let style = self.map.style.clone();
            presentation::thin_time_bar(ui, bar_rect, &self.chronicle, &self.timeline, &self.state, &style);
        });
    }
}
