//! The row above the time bar: the day in words, stepping and playback buttons, speed, trail,
//! the span presets and a "go to date" field; it wraps on a narrow window.

use crate::chronicle::Chronicle;
use crate::chronicle::date::parse_day;
use crate::scene::day_in_words;
use crate::timeline::Timeline;
use crate::ui::commands::Command;
use crate::ui::time_bar::TimeBar;
use crate::view_state::{SPEEDS, ViewState};
use chrono::NaiveDate;
use eframe::egui;

/// What the "go to date" field holds between frames.
#[derive(Default)]
pub struct TimeControls {
    pub go_to_text: String,
    pub go_to_error: Option<String>,
    /// Set to focus the field on the next frame (Ctrl+G).
    pub focus_go_to: bool,
}

/// A named span offered as a preset: the whole chronicle, each thread, each period.
pub fn presets(chronicle: &Chronicle, timeline: &Timeline) -> Vec<(String, NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    if let Some((first, last)) = timeline.span() {
        out.push(("Whole chronicle".to_string(), first, last));
    }
    for period in &chronicle.periods {
        out.push((period.name.clone(), period.date.first_day(), period.date.last_day()));
    }
    for thread in &chronicle.threads {
        if let Some((first, last)) = timeline.thread_span(&thread.id) {
            out.push((format!("Thread: {}", thread.name), first, last));
        }
    }
    out
}

impl TimeControls {
    /// Shows the row; returns the command of a stepping button the user clicked, for the app to
    /// run as it runs the same command from a key.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        chronicle: &Chronicle,
        timeline: &Timeline,
        state: &mut ViewState,
        bar: &mut TimeBar,
    ) -> Option<Command> {
        let mut clicked = None;
        // Wrapped, so a laptop screen or a large text size moves the rest to a second row
        // rather than cutting off "Go to".
        ui.horizontal_wrapped(|ui| {
            ui.add(egui::Label::new(
                egui::RichText::new(day_in_words(state.day())).size(20.0).strong(),
            ))
            .on_hover_text("The day the map shows");
            ui.separator();
            for command in [Command::FirstEvent, Command::PreviousEventDay, Command::DayBack] {
                if ui.button(command.name()).on_hover_text(command.tooltip()).clicked() {
                    clicked = Some(command);
                }
            }
            let play = if state.playback().playing {
                "Pause"
            } else {
                Command::PlayPause.name()
            };
            if ui.button(play).on_hover_text(Command::PlayPause.tooltip()).clicked() {
                clicked = Some(Command::PlayPause);
            }
            for command in [Command::DayForward, Command::NextEventDay, Command::LastEvent] {
                if ui.button(command.name()).on_hover_text(command.tooltip()).clicked() {
                    clicked = Some(command);
                }
            }
            let mut playback = *state.playback();
            egui::ComboBox::from_id_salt("speed")
                .selected_text(speed_name(playback.days_per_second))
                .show_ui(ui, |ui| {
                    for speed in SPEEDS {
                        ui.selectable_value(&mut playback.days_per_second, speed, speed_name(speed));
                    }
                })
                .response
                .on_hover_text("Playback speed");
            ui.checkbox(&mut playback.backwards, "Backwards");
            ui.checkbox(&mut playback.looping, "Loop");
            state.set_speed(playback.days_per_second);
            state.set_backwards(playback.backwards);
            state.set_looping(playback.looping);
            ui.separator();
            let mut show = state.show();
            ui.add(egui::Slider::new(&mut show.trail_days, 0..=60).text("day trail"))
                .on_hover_text("Events of the last N days stay on the map, fading");
            ui.checkbox(&mut show.cumulative, "Cumulative")
                .on_hover_text("Show every event up to the day");
            state.set_show(show);
            ui.separator();
            let spans = presets(chronicle, timeline);
            let current = spans
                .iter()
                .find(|p| (p.1, p.2) == state.span())
                .map_or("Span…".to_string(), |p| p.0.clone());
            egui::ComboBox::from_id_salt("preset")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for (name, first, last) in spans.iter().cloned() {
                        if ui.selectable_label(state.span() == (first, last), &name).clicked() {
                            state.set_span(first, last);
                            bar.show_span(first, last);
                        }
                    }
                })
                .response
                .on_hover_text("Time span shown and played");
            ui.separator();
            let label = ui.label("Go to");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.go_to_text)
                        .hint_text(format!("19 Oct 1950 ({})", Command::GoToDate.keys_text()))
                        .desired_width(150.0),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus_go_to) {
                field.request_focus();
            }
            if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                match parse_day(&self.go_to_text) {
                    Ok(day) => {
                        state.go_to(day);
                        self.go_to_error = None;
                        self.go_to_text.clear();
                    }
                    Err(e) => self.go_to_error = Some(e.to_string()),
                }
            }
            if let Some(error) = &self.go_to_error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
        });
        clicked
    }
}

fn speed_name(days_per_second: f64) -> String {
    if days_per_second < 1.0 {
        "½ day/s".to_string()
    } else if days_per_second == 1.0 {
        "1 day/s".to_string()
    } else {
        format!("{days_per_second} days/s")
    }
}
