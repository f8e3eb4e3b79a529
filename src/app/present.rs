//! Presentation mode and tours: the map alone on a projector, stepped by a clicker through days,
//! event days or the stops of a tour.

use super::ChronoatlasApp;
use crate::tour::Tour;
use crate::ui::presentation::{self, StepUnit};
use crate::ui::tour_panel;
use eframe::egui;

impl ChronoatlasApp {
    /// F5: full screen, panels hidden, projector style.
    pub fn start_presenting(&mut self, ctx: &egui::Context) {
        self.presentation.active = true;
        self.presentation.blacked = false;
        self.map.style = presentation::style(&self.presentation);
        if self.console_open() {
            self.place_windows(ctx);
        } else {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        }
    }

    /// Esc: back to the desk.
    pub fn stop_presenting(&mut self, ctx: &egui::Context) {
        self.presentation.active = false;
        self.presentation.blacked = false;
        self.map.style = crate::scene::Style::atlas();
        self.map.ink.tools_off();
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        self.close_console(ctx);
    }

    /// The map's overlays for this frame, from the mode and the tour playing; the ink goes
    /// with a new day or tour stop.
    pub(super) fn update_overlays(&mut self) {
        self.map.ink.on_step(self.state.day(), self.current_stop);
        let counter = match (&self.tour, self.current_stop) {
            (Some(tour), Some(k)) => Some((k + 1, tour.stops.len())),
            _ => None,
        };
        self.map.overlays = self.presentation.overlays(counter);
    }

    /// Plays the open tour, or the built-in one, from the stop last shown (or the first): the
    /// clicker keys now go stop by stop.
    pub fn play_tour(&mut self) {
        self.ensure_tour();
        let Some(tour) = &self.tour else { return };
        if tour.stops.is_empty() {
            return;
        }
        let k = self.current_stop.filter(|&k| k < tour.stops.len()).unwrap_or(0);
        self.presentation.tour_playing = true;
        self.go_to_stop(k);
    }

    /// Leaves the tour: the keys step as the clicker-step setting says again.
    pub fn stop_tour(&mut self) {
        self.presentation.tour_playing = false;
    }

    /// One click forward or back: by stop while a tour plays, otherwise in the chosen unit. A
    /// black screen comes back first.
    pub fn step(&mut self, forward: bool) {
        if self.presentation.blacked {
            self.presentation.blacked = false;
            return;
        }
        // Every click starts clean, even one that stays on the day (the next event of it).
        self.map.ink.clear();
        let unit = if self.presentation.tour_playing && self.tour.is_some() {
            StepUnit::TourStop
        } else {
            self.presentation.unit
        };
        if unit != StepUnit::TourStop && self.presentation.active && self.presentation.reframe {
            self.step_unit(unit, forward);
            self.map.frame_days_events(&self.chronicle, &self.timeline, &self.state);
        } else {
            self.step_unit(unit, forward);
        }
    }

    fn step_unit(&mut self, unit: StepUnit, forward: bool) {
        match unit {
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
            None => self.state.deselect(),
        }
        self.state.show_caption_for(stop.date, stop.caption);
    }

    /// Opens the built-in tour of the embedded chronicle, or a new empty one, in the editor.
    pub fn open_tour(&mut self) {
        self.ensure_tour();
        self.show_tour = true;
    }

    /// The open tour, or else the built-in one when it fits the chronicle, or a new empty one.
    fn ensure_tour(&mut self) {
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
    }

    /// The tour editor window, and what the user asked of it.
    pub(super) fn tour_window(&mut self, ctx: &egui::Context) {
        // A closed window changes nothing: no copy of a tour of 100,000 stops each frame.
        if !self.show_tour {
            return;
        }
        let Some(tour) = self.tour.as_mut() else { return };
        let mut action = self
            .tour_panel
            .window(ctx, &mut self.show_tour, &self.chronicle, tour, self.current_stop);
        self.after_tour_panel(action.before.take(), &action);
        if action.reordered {
            self.current_stop = None;
        }
        if let Some(k) = action.visit {
            self.go_to_stop(k);
        }
        if action.add_current {
            self.add_current_as_stop();
        }
    }

    /// The day, view and selected event as a new stop after the current one.
    fn add_current_as_stop(&mut self) {
        let selected = self.state.selected().and_then(|i| self.chronicle.events.get(i));
        let event = selected.map(|e| e.id.to_string());
        let caption = selected.map_or(String::new(), |e| e.title.to_string());
        let stop = tour_panel::stop_for(self.state.day(), self.map.visible_lonlat_bbox(), event, caption);
        let before = self.tour.clone();
        if let Some(tour) = self.tour.as_mut()
            && let Some(at) = self.tour_panel.add_stop(&self.chronicle, tour, self.current_stop, stop)
        {
            self.current_stop = Some(at);
        }
        if let Some(before) = before {
            self.record_tour_edit(before);
        }
    }
}
