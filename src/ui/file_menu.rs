//! The File menu at the left of the top bar: opening chronicles and tours, the recent ones, and
//! undoing tour edits. It only says what was asked; the app does it.

use crate::ui::commands::Command;
use eframe::egui;
use std::path::{Path, PathBuf};

/// What the user asked of the File menu.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileAction {
    /// Choose a chronicle to open in a dialog.
    Open,
    /// Choose a chronicle to show beneath the one open, as a layer.
    OpenLayer,
    OpenRecent(PathBuf),
    /// Take a file out of the recent list.
    ForgetRecent(PathBuf),
    /// Read the chronicle's file again.
    Reload,
    /// Choose a tour to open in a dialog.
    OpenTour,
    /// Choose where to save the tour.
    SaveTourAs,
    OpenRecentTour(PathBuf),
    ForgetRecentTour(PathBuf),
    Run(Command),
}

/// What the menu shows.
pub struct FileMenu<'a> {
    pub recent_files: &'a [PathBuf],
    pub recent_tours: &'a [PathBuf],
    /// The chronicle shown came from a file (the built-in one cannot be read again).
    pub can_reload: bool,
    pub has_tour: bool,
    pub can_undo: bool,
    pub can_redo: bool,
}

/// The menu button and its menu.
pub fn show(ui: &mut egui::Ui, menu: &FileMenu) -> Option<FileAction> {
    let mut action = None;
    ui.menu_button("File", |ui| {
        action = items(ui, menu);
        if action.is_some() {
            ui.close();
        }
    });
    action
}

fn items(ui: &mut egui::Ui, menu: &FileMenu) -> Option<FileAction> {
    let mut action = None;
    let open = ui
        .add(egui::Button::new(Command::OpenFile.name()).shortcut_text(key_of(Command::OpenFile)))
        .on_hover_text(Command::OpenFile.tooltip());
    if open.clicked() {
        action = Some(FileAction::Open);
    }
    if ui
        .button("Open as added layer…")
        .on_hover_text("Show another chronicle beneath this one, with its own toggle in the Details panel")
        .clicked()
    {
        action = Some(FileAction::OpenLayer);
    }
    ui.menu_button("Open recent", |ui| {
        if let Some(a) = recent(ui, menu.recent_files, FileAction::OpenRecent, FileAction::ForgetRecent) {
            action = Some(a);
        }
    });
    let reload = ui
        .add_enabled(menu.can_reload, egui::Button::new("Reload"))
        .on_hover_text("Read the chronicle's file again, keeping the day, the view and the selection (done by itself when the file changes)")
        .on_disabled_hover_text("The built-in chronicle has no file to read again");
    if reload.clicked() {
        action = Some(FileAction::Reload);
    }
    ui.separator();
    if ui.button("Open tour…").clicked() {
        action = Some(FileAction::OpenTour);
    }
    if ui
        .add_enabled(menu.has_tour, egui::Button::new("Save tour as…"))
        .on_disabled_hover_text("No tour is open: open one, or start one in the tour editor")
        .clicked()
    {
        action = Some(FileAction::SaveTourAs);
    }
    ui.menu_button("Recent tours", |ui| {
        if let Some(a) = recent(
            ui,
            menu.recent_tours,
            FileAction::OpenRecentTour,
            FileAction::ForgetRecentTour,
        ) {
            action = Some(a);
        }
    });
    ui.separator();
    for (command, enabled) in [
        (Command::UndoTourEdit, menu.can_undo),
        (Command::RedoTourEdit, menu.can_redo),
    ] {
        let button = egui::Button::new(command.name()).shortcut_text(key_of(command));
        if ui
            .add_enabled(enabled, button)
            .on_hover_text(command.tooltip())
            .clicked()
        {
            action = Some(FileAction::Run(command));
        }
    }
    action
}

/// The recent files, newest first: a file no longer there is greyed, with a button to forget it.
fn recent(
    ui: &mut egui::Ui,
    paths: &[PathBuf],
    open: fn(PathBuf) -> FileAction,
    forget: fn(PathBuf) -> FileAction,
) -> Option<FileAction> {
    if paths.is_empty() {
        ui.weak("None yet");
        return None;
    }
    let mut action = None;
    for path in paths {
        let there = path.is_file();
        ui.horizontal(|ui| {
            let button = ui
                .add_enabled(there, egui::Button::new(display_name(path)))
                .on_hover_text(path.display().to_string())
                .on_disabled_hover_text(format!("{} is no longer there", path.display()));
            if button.clicked() {
                action = Some(open(path.clone()));
            }
            if !there
                && ui
                    .small_button("Forget")
                    .on_hover_text("Take it off this list")
                    .clicked()
            {
                action = Some(forget(path.clone()));
            }
        });
    }
    action
}

/// The file's name and its folder's, enough to tell files apart in a short list.
pub fn display_name(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let folder = path
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    match (name, folder) {
        (Some(name), Some(folder)) => format!("{name}  — {folder}"),
        (Some(name), None) => name,
        _ => path.display().to_string(),
    }
}

fn key_of(command: Command) -> String {
    command
        .keys()
        .first()
        .map(crate::ui::commands::shortcut_text)
        .unwrap_or_default()
}
