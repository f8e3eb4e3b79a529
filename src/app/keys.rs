//! Commands: each one's action, whether it came from a key, a button or the clicker. Which keys
//! run which command, and in which mode, is the table in `ui::commands`.

use super::ChronoatlasApp;
use crate::ui::commands::{Command, Mode};
use eframe::egui;

/// How much one press of +/− zooms the map.
const ZOOM_STEP: f64 = 1.5;

impl ChronoatlasApp {
    /// Runs the commands whose keys were pressed this frame. At the desk, keys belong to a text
    /// field while one is being typed in.
    pub(super) fn handle_keys(&mut self, ctx: &egui::Context, mode: Mode) {
        if mode == Mode::Desk && ctx.egui_wants_keyboard_input() {
            return;
        }
        for command in ctx.input_mut(|i| Command::consume_pressed(i, mode)) {
            self.run_command(command, ctx);
        }
    }

    /// What each command does. While a tour plays, the desk's stepping keys (PageDown / → /
    /// Space, PageUp / ←) go stop by stop too, as the clicker's do.
    pub fn run_command(&mut self, command: Command, ctx: &egui::Context) {
        if self.presentation.tour_playing {
            match command {
                Command::NextEventDay | Command::DayForward | Command::PlayPause => return self.step(true),
                Command::PreviousEventDay | Command::DayBack => return self.step(false),
                _ => {}
            }
        }
        let (chronicle, timeline, state) = (&self.chronicle, &self.timeline, &mut self.state);
        match command {
            Command::WeekForward => state.step_days(7),
            Command::WeekBack => state.step_days(-7),
            Command::DayForward => state.step_days(1),
            Command::DayBack => state.step_days(-1),
            Command::NextEventDay => {
                state.next_event(chronicle, timeline);
            }
            Command::PreviousEventDay => {
                state.previous_event(chronicle, timeline);
            }
            Command::FirstEvent => state.first_event(chronicle, timeline),
            Command::LastEvent => state.last_event(chronicle, timeline),
            Command::PlayPause => state.toggle_play(),
            Command::Search => {
                self.panels.list = true;
                self.event_list.focus_search = true;
            }
            Command::GoToDate => self.time_controls.focus_go_to = true,
            Command::Present => self.start_presenting(ctx),
            Command::Screenshot => self.take_screenshot(ctx),
            Command::ZoomIn => self.map.zoom_by(ZOOM_STEP),
            Command::ZoomOut => self.map.zoom_by(1.0 / ZOOM_STEP),
            Command::FitAll => {
                self.map.fit_home();
                ctx.request_repaint();
            }
            Command::ClickerNext => self.step(true),
            Command::ClickerPrevious => self.step(false),
            Command::BlackScreen => self.presentation.blacked = !self.presentation.blacked,
            Command::StopPresenting => self.stop_presenting(ctx),
            Command::ToggleSidePanels => self.toggle_side_panels(),
            Command::PlayTour => self.play_tour(),
            Command::StopTour => self.stop_tour(),
            Command::ToggleLegend => self.presentation.legend = !self.presentation.legend,
            Command::PresenterConsole => self.toggle_presenter_console(ctx),
            Command::OpenFile => self.start_dialog(super::files::FilePurpose::OpenChronicle, ctx),
            Command::UndoTourEdit => {
                self.undo_tour_edit();
            }
            Command::RedoTourEdit => {
                self.redo_tour_edit();
            }
            Command::Pen => self.map.ink.pen = !self.map.ink.pen,
            // Held, not pressed: `ui::ink` reads the key each frame.
            Command::Laser => {}
            Command::Spotlight => self.map.ink.spotlight = !self.map.ink.spotlight,
            Command::ClearInk => self.map.ink.clear(),
        }
    }
}
