//! Files from the window: opening a chronicle (in any format the importer reads) or a tour from
//! the File menu, a dialog, a drop on the window or the recent lists; a chronicle opened as a
//! layer beneath the one shown; reading the chronicle again when its file changes; saving the
//! tour elsewhere; and undoing tour edits.
//!
//! The system's file dialog (the XDG desktop portal, through `rfd`) blocks, so it runs on a
//! thread of its own and the window looks for its answer each frame.

use super::ChronoatlasApp;
use super::settings::absolute;
use super::watch::FileWatch;
use crate::chronicle::{self, Chronicle};
use crate::timeline::Timeline;
use crate::tour::history::edit_group;
use crate::tour::{self, Tour};
use crate::ui::event_list::EventList;
use crate::ui::file_menu::{FileAction, FileMenu};
use crate::ui::map_view::MapView;
use crate::ui::problems::Problems;
use crate::ui::time_bar::TimeBar;
use crate::view_state::ViewState;
use eframe::egui;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How many files each recent list keeps.
pub const RECENT_LIMIT: usize = 10;
/// A dialog that answers "nothing chosen" sooner than this was never shown: nobody cancels that
/// fast. The window then says why no dialog came.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(400);

/// What a file chosen in a dialog is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    /// Open as the chronicle shown (a `.tour.json` opens as a tour).
    OpenChronicle,
    /// Show beneath the chronicle shown.
    OpenLayer,
    OpenTour,
    SaveTour,
}

/// A dialog under way on its own thread.
pub struct PendingDialog {
    purpose: FilePurpose,
    answer: mpsc::Receiver<Option<PathBuf>>,
    started: Instant,
}

/// Whether a file is a tour by its name (`*.tour.json`).
pub fn is_tour_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_ascii_lowercase().ends_with(".tour.json"))
}

/// Puts `path` (made absolute) first in a recent list, once, keeping at most [`RECENT_LIMIT`].
pub fn remember(list: &mut Vec<PathBuf>, path: &Path) {
    let path = absolute(path);
    list.retain(|p| *p != path);
    list.insert(0, path);
    list.truncate(RECENT_LIMIT);
}

impl ChronoatlasApp {
    /// A message at the bottom of the map for a few seconds.
    pub fn note(&mut self, text: impl Into<String>) {
        let now = self.egui_ctx.as_ref().map_or(0.0, |c| c.input(|i| i.time));
        self.notice = Some((text.into(), now));
    }

    /// The message shown at the bottom of the map, if any.
    pub fn notice_text(&self) -> Option<&str> {
        self.notice.as_ref().map(|(text, _)| text.as_str())
    }

    /// The chronicle's file, when it was opened from one (absolute).
    pub fn chronicle_file(&self) -> Option<&Path> {
        self.chronicle_file.as_deref()
    }

    /// The file name shown in the top bar.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// The open tour's file, as typed in the tour editor or chosen in a dialog.
    pub fn tour_path_text(&self) -> &str {
        &self.tour_panel.path_text
    }

    /// Whether the chronicle's file is watched by the system's watcher (else looked at every
    /// two seconds); `None` when no file is watched.
    pub fn watch_notified(&self) -> Option<bool> {
        self.watch.as_ref().map(|w| w.is_notified())
    }

    /// Opens a file chosen in a dialog (or given by a test) for `purpose`: what the dialog's
    /// answer calls. Returns whether it worked; failures go to the problems window or a notice.
    pub fn open_chosen(&mut self, purpose: FilePurpose, path: &Path) -> bool {
        match purpose {
            FilePurpose::OpenChronicle => self.open_path(path),
            FilePurpose::OpenLayer => self.open_layer(path),
            FilePurpose::OpenTour => self.open_tour_file(path),
            FilePurpose::SaveTour => self.save_tour_as(path),
        }
    }

    /// Opens a file dropped on the window, chosen from a list or a dialog: a `.tour.json` as the
    /// tour, anything else as the chronicle.
    pub fn open_path(&mut self, path: &Path) -> bool {
        if is_tour_file(path) {
            self.open_tour_file(path)
        } else {
            self.open_chronicle(path)
        }
    }

    /// Opens a chronicle in any format the importer reads, in place of the one shown. What
    /// could not be read of it is listed in the problems window; a file that cannot be read at
    /// all is named there and the chronicle shown stays.
    pub fn open_chronicle(&mut self, path: &Path) -> bool {
        let name = path.display().to_string();
        let imported = match crate::import::load_any(path) {
            Ok(imported) => imported,
            Err(e) => {
                self.problems = Problems::not_opened(
                    e.to_string(),
                    format!("{name} could not be opened; the chronicle shown stays as it was:"),
                );
                return false;
            }
        };
        let mut lines: Vec<String> = imported.problems.iter().map(|p| p.to_string()).collect();
        let chronicle = imported.chronicle;
        lines.extend(
            chronicle::validate(&chronicle, None)
                .iter()
                .map(|p| format!("{name}: {p}")),
        );
        lines.extend(crate::fonts::warnings(&chronicle, &name));
        self.show_chronicle(chronicle, name.clone(), Some(absolute(path)));
        self.problems = Problems::new(lines);
        remember(&mut self.recent_files, path);
        self.note(format!("Opened {name}"));
        true
    }

    /// Shows another chronicle from its start, as if the window had opened on it: the layers
    /// beneath, the map's style and the tour stay.
    fn show_chronicle(&mut self, chronicle: Chronicle, file_name: String, file: Option<PathBuf>) {
        let timeline = Timeline::new(&chronicle);
        let mut map = MapView::new(&chronicle);
        map.style = self.map.style.clone();
        map.overlays = self.map.overlays;
        map.fly = self.map.fly;
        map.context = std::mem::take(&mut self.map.context);
        self.state = ViewState::new(&chronicle, &timeline);
        self.map = map;
        self.timeline = timeline;
        self.fresh_lists();
        if let Some(ctx) = &self.egui_ctx {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(format!(
                "chronoatlas — {}",
                chronicle.metadata.title
            )));
        }
        self.chronicle = chronicle;
        self.file_name = file_name;
        self.chronicle_file = file;
        self.current_stop = None;
        self.presentation.tour_playing = false;
        self.watch = None;
    }

    /// The event list and time bar start over: what they keep is indexed by the old events.
    fn fresh_lists(&mut self) {
        let mut list = EventList::default();
        list.mode = self.event_list.mode;
        list.query = std::mem::take(&mut self.event_list.query);
        self.event_list = list;
        self.time_bar = TimeBar::default();
    }

    /// Reads the chronicle's file again, keeping the day, the view, the selection (by the
    /// event's id) and the filters. Returns whether it was read; a file that cannot be read now
    /// is named in the problems window and the chronicle shown stays.
    pub fn reload(&mut self) -> bool {
        let Some(path) = self.chronicle_file.clone() else {
            self.note("The built-in chronicle has no file to read again.");
            return false;
        };
        let name = path.display().to_string();
        let imported = match crate::import::load_any(&path) {
            Ok(imported) => imported,
            Err(e) => {
                self.problems = Problems::not_opened(
                    e.to_string(),
                    format!("{name} could not be read again; the chronicle shown is as it was before:"),
                );
                return false;
            }
        };
        let chronicle = imported.chronicle;
        let mut lines: Vec<String> = imported.problems.iter().map(|p| p.to_string()).collect();
        lines.extend(
            chronicle::validate(&chronicle, None)
                .iter()
                .map(|p| format!("{name}: {p}")),
        );
        lines.extend(crate::fonts::warnings(&chronicle, &name));
        let selected = self
            .state
            .selected()
            .and_then(|i| self.chronicle.events.get(i))
            .and_then(|e| chronicle.event_index(&e.id));
        let context = self.map.selected_context;
        self.map.replace_chronicle(&chronicle);
        self.map.selected_context = context;
        self.state.set_selected(&chronicle, selected);
        self.state.expand_place(None);
        self.timeline = Timeline::new(&chronicle);
        self.fresh_lists();
        self.chronicle = chronicle;
        self.problems = Problems::new(lines);
        if let Some(watch) = &mut self.watch {
            watch.mark_loaded();
        }
        self.note(format!("Read {name} again"));
        true
    }

    /// Shows a chronicle beneath the one open, as `--layer` does, with its toggle.
    pub fn open_layer(&mut self, path: &Path) -> bool {
        let name = path.display().to_string();
        match crate::import::load_any(path) {
            Ok(imported) => {
                let mut lines: Vec<String> = imported.problems.iter().map(|p| p.to_string()).collect();
                lines.extend(crate::fonts::warnings(&imported.chronicle, &name));
                self.map
                    .context
                    .push(crate::scene::Layer::new(imported.chronicle, name.clone()));
                self.problems = Problems::new(lines);
                // The layer's toggle is in the Details panel.
                self.panels.details = true;
                remember(&mut self.recent_files, path);
                self.note(format!("Added {name} as a layer"));
                true
            }
            Err(e) => {
                self.problems = Problems::not_opened(e.to_string(), format!("{name} could not be added as a layer:"));
                false
            }
        }
    }

    /// Opens a tour in the editor, in place of the one open. Its problems with the chronicle are
    /// reported, not refused, so it can be mended.
    pub fn open_tour_file(&mut self, path: &Path) -> bool {
        match tour::load_tour(path) {
            Ok(opened) => {
                let note = crate::ui::tour_panel::problems_note(&opened, &self.chronicle);
                self.tour = Some(opened);
                self.tour_history.clear();
                self.current_stop = None;
                self.presentation.tour_playing = false;
                self.tour_panel.path_text = path.display().to_string();
                self.tour_panel.message = Some((note.is_empty(), format!("Opened {}{note}", path.display())));
                self.show_tour = true;
                remember(&mut self.recent_tours, path);
                true
            }
            Err(e) => {
                self.note(format!("The tour could not be opened: {e}"));
                false
            }
        }
    }

    /// Saves the open tour to `path` (atomically), which becomes its file.
    pub fn save_tour_as(&mut self, path: &Path) -> bool {
        let Some(tour) = &self.tour else {
            self.note("No tour is open to save.");
            return false;
        };
        match tour::save_tour(tour, path) {
            Ok(()) => {
                self.tour_panel.path_text = path.display().to_string();
                self.tour_panel.message = Some((true, format!("Saved {}", path.display())));
                remember(&mut self.recent_tours, path);
                self.note(format!("Tour saved: {}", path.display()));
                true
            }
            Err(e) => {
                self.note(format!("The tour was not saved: {e}"));
                false
            }
        }
    }

    /// Records a tour edit made since `before` (nothing when the tour is as it was).
    pub(super) fn record_tour_edit(&mut self, before: Tour) {
        let Some(tour) = &self.tour else { return };
        if *tour == before {
            return;
        }
        let group = edit_group(&before, tour);
        self.tour_history.record(before, group);
    }

    /// After the tour editor's frame: its edits recorded, a tour opened or saved remembered.
    pub(super) fn after_tour_panel(&mut self, before: Option<Tour>, action: &crate::ui::tour_panel::TourAction) {
        let typed = PathBuf::from(self.tour_panel.path_text.trim());
        if action.opened {
            self.tour_history.clear();
            remember(&mut self.recent_tours, &typed);
        } else if let Some(before) = before {
            self.record_tour_edit(before);
        }
        if action.saved {
            remember(&mut self.recent_tours, &typed);
        }
    }

    /// Ctrl+Z: the tour as it was before its last edit. Returns whether there was one.
    pub fn undo_tour_edit(&mut self) -> bool {
        let Some(tour) = self.tour.as_mut() else { return false };
        if !self.tour_history.undo(tour) {
            self.note("No tour edit to undo.");
            return false;
        }
        self.after_undo_or_redo("Undone");
        true
    }

    /// Ctrl+Shift+Z or Ctrl+Y: the tour edit last undone, again.
    pub fn redo_tour_edit(&mut self) -> bool {
        let Some(tour) = self.tour.as_mut() else { return false };
        if !self.tour_history.redo(tour) {
            self.note("No tour edit to redo.");
            return false;
        }
        self.after_undo_or_redo("Redone");
        true
    }

    fn after_undo_or_redo(&mut self, done: &str) {
        let len = self.tour.as_ref().map_or(0, |t| t.stops.len());
        self.current_stop = self.current_stop.filter(|&k| k < len);
        let (undo, redo) = (self.tour_history.undo_len(), self.tour_history.redo_len());
        self.tour_panel.message = Some((true, format!("{done}: {undo} more to undo, {redo} to redo")));
        self.note(format!("Tour edit {}", done.to_lowercase()));
    }

    /// How many tour edits can be undone and redone.
    pub fn tour_history_len(&self) -> (usize, usize) {
        (self.tour_history.undo_len(), self.tour_history.redo_len())
    }

    /// Asks the system for a file in a dialog on its own thread; the answer is taken up by
    /// [`Self::poll_files`]. One dialog at a time.
    pub fn start_dialog(&mut self, purpose: FilePurpose, ctx: &egui::Context) {
        if self.dialog.is_some() {
            self.note("A file dialog is already open.");
            return;
        }
        let folder = self.dialog_folder(purpose);
        let (tx, rx) = mpsc::channel();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new().name("file dialog".into()).spawn(move || {
            let answer = dialog_answer(purpose, folder);
            // The window may have closed meanwhile: nobody to tell.
            let _ = tx.send(answer);
            repaint.request_repaint();
        });
        match spawned {
            Ok(_) => {
                self.dialog = Some(PendingDialog {
                    purpose,
                    answer: rx,
                    started: Instant::now(),
                });
            }
            Err(e) => self.note(format!("No file dialog could be started: {e}")),
        }
    }

    /// Where a dialog starts: the folder of the file it is about.
    fn dialog_folder(&self, purpose: FilePurpose) -> Option<PathBuf> {
        let file = match purpose {
            FilePurpose::OpenChronicle | FilePurpose::OpenLayer => self
                .chronicle_file
                .clone()
                .or_else(|| self.recent_files.first().cloned()),
            FilePurpose::OpenTour | FilePurpose::SaveTour => {
                let typed = self.tour_panel.path_text.trim();
                (!typed.is_empty())
                    .then(|| absolute(Path::new(typed)))
                    .or_else(|| self.recent_tours.first().cloned())
            }
        };
        file.and_then(|f| f.parent().map(Path::to_path_buf))
            .filter(|d| d.is_dir())
    }

    /// Each frame: a dialog's answer, files dropped on the window, the chronicle's file changed.
    pub(super) fn poll_files(&mut self, ctx: &egui::Context) {
        // Notices are timed by the context's clock.
        if self.egui_ctx.is_none() {
            self.egui_ctx = Some(ctx.clone());
        }
        // Typing into a caption is one edit until the field is left.
        if !ctx.egui_wants_keyboard_input() {
            self.tour_history.end_group();
        }
        self.poll_dialog(ctx);
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        for path in dropped {
            self.open_path(&path);
        }
        self.poll_watch(ctx);
    }

    fn poll_dialog(&mut self, ctx: &egui::Context) {
        let Some(pending) = &self.dialog else { return };
        match pending.answer.try_recv() {
            Err(mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(Duration::from_millis(100));
            }
            Err(mpsc::TryRecvError::Disconnected) => {
                self.dialog = None;
                self.note("The file dialog failed. Drop the file on the window, or name it on the command line.");
            }
            Ok(Some(path)) => {
                let purpose = pending.purpose;
                self.dialog = None;
                self.open_chosen(purpose, &path);
            }
            Ok(None) => {
                let quick = pending.started.elapsed() < NO_DIALOG_WITHIN;
                self.dialog = None;
                if quick {
                    self.note(
                        "No file dialog could be shown (no desktop portal or zenity answered). Drop the file on the window, or name it on the command line.",
                    );
                }
            }
        }
    }

    /// Reads the file of the layer at `index` (beneath the chronicle) again, keeping whether it
    /// is shown and the selection of one of its events (by the event's id); the day and view
    /// stay. A file that cannot be read now is named in the problems window and the layer stays
    /// as it was. Returns whether it was read.
    pub fn reload_layer(&mut self, index: usize) -> bool {
        let Some(layer) = self.map.context.get(index) else {
            return false;
        };
        let name = layer.name.clone();
        let imported = match crate::import::load_any(Path::new(&name)) {
            Ok(imported) => imported,
            Err(e) => {
                self.problems = Problems::not_opened(
                    e.to_string(),
                    format!("The layer {name} could not be read again; it is shown as it was before:"),
                );
                return false;
            }
        };
        let mut lines: Vec<String> = imported.problems.iter().map(|p| p.to_string()).collect();
        lines.extend(crate::fonts::warnings(&imported.chronicle, &name));
        let selected = self
            .map
            .selected_context
            .filter(|(l, _)| *l == index)
            .and_then(|(_, e)| layer.chronicle.events.get(e))
            .map(|e| e.id.clone());
        let mut fresh = crate::scene::Layer::new(imported.chronicle, name.clone());
        fresh.shown = layer.shown;
        if let Some(id) = selected {
            self.map.selected_context = fresh.chronicle.event_index(&id).map(|e| (index, e));
        }
        self.map.context[index] = fresh;
        self.problems = Problems::new(lines);
        self.note(format!("Read the layer {name} again"));
        true
    }

    /// How many of the layers beneath the chronicle are watched for changes to their files.
    pub fn watched_layers(&self) -> usize {
        self.layer_watches.watched()
    }

    /// Watches the files of the layers beneath the chronicle (not in a `--screenshot` run) and
    /// reads a layer again once a change to its file has settled.
    fn poll_layer_watches(&mut self, ctx: &egui::Context) {
        if self.exit_screenshot.is_some() {
            return;
        }
        let names: Vec<String> = self.map.context.iter().map(|l| l.name.clone()).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let (changed, wait) = self.layer_watches.poll(&names, Instant::now(), |path| {
            let wake = ctx.clone();
            FileWatch::new(path, move || {
                wake.request_repaint_after(super::watch::SETTLE + Duration::from_millis(20));
            })
        });
        if let Some(wait) = wait {
            ctx.request_repaint_after(wait + Duration::from_millis(10));
        }
        for index in changed {
            self.reload_layer(index);
        }
    }

    /// Watches the chronicle's file while one is open (not in a `--screenshot` run), and reads
    /// it again once a change has settled.
    fn poll_watch(&mut self, ctx: &egui::Context) {
        self.poll_layer_watches(ctx);
        let Some(path) = self.chronicle_file.clone() else {
            self.watch = None;
            return;
        };
        if self.exit_screenshot.is_some() {
            return;
        }
        if self.watch.as_ref().is_none_or(|w| w.path() != path) {
            let wake = ctx.clone();
            self.watch = Some(FileWatch::new(&path, move || {
                wake.request_repaint_after(super::watch::SETTLE + Duration::from_millis(20));
            }));
        }
        let Some(watch) = &mut self.watch else { return };
        let (changed, wait) = watch.poll(Instant::now());
        if let Some(wait) = wait {
            ctx.request_repaint_after(wait + Duration::from_millis(10));
        }
        if changed {
            self.reload();
        }
    }

    /// What the File menu asked for.
    pub(super) fn apply_file_action(&mut self, action: FileAction, ctx: &egui::Context) {
        match action {
            FileAction::Open => self.start_dialog(FilePurpose::OpenChronicle, ctx),
            FileAction::OpenLayer => self.start_dialog(FilePurpose::OpenLayer, ctx),
            FileAction::OpenRecent(path) => {
                self.open_path(&path);
            }
            FileAction::ForgetRecent(path) => self.recent_files.retain(|p| *p != path),
            FileAction::Reload => {
                self.reload();
            }
            FileAction::OpenTour => self.start_dialog(FilePurpose::OpenTour, ctx),
            FileAction::SaveTourAs => self.start_dialog(FilePurpose::SaveTour, ctx),
            FileAction::OpenRecentTour(path) => {
                self.open_tour_file(&path);
            }
            FileAction::ForgetRecentTour(path) => self.recent_tours.retain(|p| *p != path),
            FileAction::Run(command) => self.run_command(command, ctx),
        }
    }
}

/// What the File menu shows, from the app's fields (borrowed apart from the top bar's).
pub(super) fn menu<'a>(
    recent_files: &'a [PathBuf],
    recent_tours: &'a [PathBuf],
    chronicle_file: Option<&Path>,
    tour: Option<&Tour>,
    history: &crate::tour::history::History<Tour>,
) -> FileMenu<'a> {
    FileMenu {
        recent_files,
        recent_tours,
        can_reload: chronicle_file.is_some(),
        has_tour: tour.is_some(),
        can_undo: history.can_undo(),
        can_redo: history.can_redo(),
    }
}

/// The system's dialog for `purpose` (blocks until it is answered); `None` when nothing was
/// chosen or no dialog could be shown.
fn dialog_answer(purpose: FilePurpose, folder: Option<PathBuf>) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new();
    if let Some(folder) = folder {
        dialog = dialog.set_directory(folder);
    }
    match purpose {
        FilePurpose::OpenChronicle => dialog
            .set_title("Open a chronicle or a tour")
            .add_filter("Chronicles and tours", &["json", "csv", "geojson", "kml", "kmz"])
            .add_filter("All files", &["*"])
            .pick_file(),
        FilePurpose::OpenLayer => dialog
            .set_title("Open a chronicle as a layer beneath this one")
            .add_filter("Chronicles", &["json", "csv", "geojson", "kml", "kmz"])
            .add_filter("All files", &["*"])
            .pick_file(),
        FilePurpose::OpenTour => dialog
            .set_title("Open a tour")
            .add_filter("Tours", &["json"])
            .pick_file(),
        FilePurpose::SaveTour => dialog
            .set_title("Save the tour as")
            .set_file_name("lecture.tour.json")
            .add_filter("Tours", &["json"])
            .save_file(),
    }
}
