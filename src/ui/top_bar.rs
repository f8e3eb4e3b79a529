//! The bar on top of the desk: the chronicle and its file, which side panels show, how the
//! lecture will look, the text size, pictures, and the chronicle's named views.

use crate::chronicle::Chronicle;
use crate::ui::commands::Command;
use crate::ui::presentation::{Presentation, StepUnit};
use eframe::egui;

/// What the user asked of the bar that the app must do (the bar changes only its own settings).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TopBarAction {
    Run(Command),
    OpenTour,
    OpenExport,
    /// Show this lon/lat box [west, south, east, north]: a named view.
    FitView(crate::chronicle::GeoBox),
}

/// Which side panels are shown; hiding them gives the map the whole width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SidePanels {
    pub list: bool,
    pub details: bool,
}

impl Default for SidePanels {
    fn default() -> Self {
        SidePanels {
            list: true,
            details: true,
        }
    }
}

pub fn show(
    ui: &mut egui::Ui,
    chronicle: &Chronicle,
    file_name: &str,
    panels: &mut SidePanels,
    presentation: &mut Presentation,
    whole_window: &mut bool,
) -> Option<TopBarAction> {
    let mut action = None;
    ui.horizontal_wrapped(|ui| {
        ui.strong(crate::scene::fit::cut(
            &chronicle.metadata.title,
            crate::scene::fit::TITLE_CHARS,
        ));
        ui.weak(format!("· {file_name}"));
        ui.separator();
        ui.toggle_value(&mut panels.list, "Events");
        ui.toggle_value(&mut panels.details, "Details");
        if command_button(ui, Command::Present) {
            action = Some(TopBarAction::Run(Command::Present));
        }
        let play = if presentation.tour_playing {
            Command::StopTour
        } else {
            Command::PlayTour
        };
        if command_button(ui, play) {
            action = Some(TopBarAction::Run(play));
        }
        if ui.button("Tour").on_hover_text("Open the tour editor").clicked() {
            action = Some(TopBarAction::OpenTour);
        }
        egui::ComboBox::from_label("Clicker step")
            .selected_text(presentation.unit.name())
            .show_ui(ui, |ui| {
                for unit in StepUnit::ALL {
                    ui.selectable_value(&mut presentation.unit, unit, unit.name());
                }
            });
        ui.checkbox(&mut presentation.dark, "Dark projector theme");
        ui.checkbox(&mut presentation.desk_callouts, "Callouts")
            .on_hover_text("Name the day's events beside their markers (always on while presenting)");
        text_size(ui);
        if ui.button("Export…").clicked() {
            action = Some(TopBarAction::OpenExport);
        }
        if command_button(ui, Command::Screenshot) {
            action = Some(TopBarAction::Run(Command::Screenshot));
        }
        ui.menu_button("Settings", |ui| {
            ui.checkbox(whole_window, "Screenshot saves the whole window")
                .on_hover_text("Off: the screenshot key saves the map alone, with its date card and caption");
        });
        ui.menu_button("Views", |ui| {
            for view in &chronicle.views {
                if ui.button(&view.name).clicked() {
                    action = Some(TopBarAction::FitView(view.bbox));
                    ui.close();
                }
            }
            ui.separator();
            if command_button(ui, Command::FitAll) {
                action = Some(TopBarAction::Run(Command::FitAll));
                ui.close();
            }
        });
    });
    action
}

/// A button named with its key, its tooltip from the command table.
fn command_button(ui: &mut egui::Ui, command: Command) -> bool {
    ui.button(command.label_with_key())
        .on_hover_text(command.tooltip())
        .clicked()
}

/// Everything grows with the text size: panels, labels, captions and the map's type.
fn text_size(ui: &mut egui::Ui) {
    let mut zoom = ui.ctx().zoom_factor();
    egui::ComboBox::from_label("Text size")
        .selected_text(format!("{:.0}%", zoom * 100.0))
        .show_ui(ui, |ui| {
            for z in [1.0, 1.25, 1.5, 2.0, 2.5] {
                ui.selectable_value(&mut zoom, z, format!("{:.0}%", z * 100.0));
            }
        });
    if zoom != ui.ctx().zoom_factor() {
        ui.ctx().set_zoom_factor(zoom);
    }
}
