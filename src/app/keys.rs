//! Keys: stepping through time at the desk, and the clicker's few keys in presentation mode.

use super::ChronoatlasApp;
use eframe::egui;

impl ChronoatlasApp {
    /// Keys that move time; presenter clickers send PageUp/PageDown.
    pub(super) fn handle_keys(&mut self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        use egui::{Key, Modifiers};
        let timeline = &self.timeline;
        let chronicle = &self.chronicle;
        let state = &mut self.state;
        ctx.input_mut(|i| {
            if i.consume_key(Modifiers::SHIFT, Key::ArrowRight) {
                state.step_days(7);
            }
            if i.consume_key(Modifiers::SHIFT, Key::ArrowLeft) {
                state.step_days(-7);
            }
            if i.consume_key(Modifiers::NONE, Key::ArrowRight) {
                state.step_days(1);
            }
            if i.consume_key(Modifiers::NONE, Key::ArrowLeft) {
                state.step_days(-1);
            }
            if i.consume_key(Modifiers::NONE, Key::PageDown) {
                state.next_event(chronicle, timeline);
            }
            if i.consume_key(Modifiers::NONE, Key::PageUp) {
                state.previous_event(chronicle, timeline);
            }
            if i.consume_key(Modifiers::NONE, Key::Home) {
                state.first_event(chronicle, timeline);
            }
            if i.consume_key(Modifiers::NONE, Key::End) {
                state.last_event(chronicle, timeline);
            }
            if i.consume_key(Modifiers::NONE, Key::Space) {
                state.toggle_play();
            }
        });
        if ctx.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::F)) {
            self.show_list = true;
            self.event_list.focus_search = true;
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::G)) {
            self.time_controls.focus_go_to = true;
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F5)) {
            self.start_presenting(ctx);
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F12)) {
            self.take_screenshot(ctx);
        }
    }
}
